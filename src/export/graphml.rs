//! GraphML with typed keys, for NetworkX, yEd, Gephi and Cytoscape, and its reader.
//!
//! Node keys: `name`, `type`, `aliases`, `mentions` (long), `documents`, `document_mentions`;
//! edge keys: `type`, `symmetric` (boolean), `confidence` (float), `mentions` (long),
//! `documents`, `document_mentions`, `evidence`; graph key: `documents`. GraphML has no list
//! type, so the list-valued keys (`aliases`, `documents`, `evidence`) hold JSON arrays as text,
//! and `document_mentions` (written when known) a JSON object, which every reader can parse back. Node ids
//! are the kgforge node ids; edge ids are `e0`, `e1`… in file order.
//!
//! XML 1.0 cannot hold most C0 control characters in any form, so those (and U+FFFE, U+FFFF)
//! are written with the reversible `\u{HEX}` escape of [`super::escape`]; carriage returns are
//! written as `&#13;` and, in attributes, tabs and line feeds as `&#9;` and `&#10;`, so that no
//! XML parser normalises them away. Everything else is written as it is.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::BufRead;
use std::path::Path;

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer, XmlVersion};

use super::escape::{self, xml_cannot_hold};
use super::json::GraphJson;
use crate::doc::Evidence;
use crate::error::{Error, Result};
use crate::graph::{DocumentRecord, Edge, EdgeRecord, KnowledgeGraph, Node};
use crate::schema::{EntityType, RelationType, Schema};

const NS_GRAPHML: &str = "http://graphml.graphdrawing.org/xmlns";
const NS_XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const SCHEMA_LOCATION: &str =
    "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd";

/// One GraphML `<key>`: (id, for, attr.name, attr.type, description).
type KeyDef = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

/// The keys kgforge writes, in file order.
const KEYS: [KeyDef; 14] = [
    ("g_documents", "graph", "documents", "string",
     "JSON array of {\"name\", \"hash\"}: the documents the graph was built from"),
    ("n_name", "node", "name", "string", "canonical name of the actor"),
    ("n_type", "node", "type", "string", "entity type: Person, Country, Organization, Location, Product..."),
    ("n_aliases", "node", "aliases", "string",
     "JSON array of strings: every surface form of the actor in the text"),
    ("n_mentions", "node", "mentions", "long", "how many mentions the actor has over all documents"),
    ("n_documents", "node", "documents", "string", "JSON array of strings: the documents that mention the actor"),
    ("n_document_mentions", "node", "document_mentions", "string",
     "JSON object: the mentions in each document (absent when not known)"),
    ("e_type", "edge", "type", "string", "relation type: sent-aid-to, spoke-with..."),
    ("e_symmetric", "edge", "symmetric", "boolean", "whether the relation is symmetric (then source sorts before target)"),
    ("e_confidence", "edge", "confidence", "float", "highest confidence of any statement of the relation, 0 to 1"),
    ("e_mentions", "edge", "mentions", "long", "how many statements of the relation were found"),
    ("e_documents", "edge", "documents", "string", "JSON array of strings: the documents that state the relation"),
    ("e_document_mentions", "edge", "document_mentions", "string",
     "JSON object: the statements in each document (absent when not known)"),
    ("e_evidence", "edge", "evidence", "string",
     "JSON array of {\"document\", \"sentence\", \"text\", \"start\", \"end\", \"trigger\", \"trigger_start\", \"trigger_end\"}: where the relation is stated (byte offsets)"),
];

const COMMENT: &str =
    " kgforge knowledge graph. List-valued keys (aliases, documents, evidence) hold JSON \
arrays. Characters XML 1.0 cannot hold (C0 controls other than tab, LF, CR; U+FFFE; U+FFFF) are \
written as \\u{HEX}, and a run of backslashes right before u{ or before such a character is \
doubled; see the kgforge README to decode. ";

/// Text for XML element content: the `\u{HEX}` escape, then `& < >` and carriage return.
fn xml_text(text: &str) -> String {
    let text = escape::escape(text, xml_cannot_hold);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

/// Text for a double-quoted XML attribute: as [`xml_text`], plus `"`, tab and line feed, which
/// attribute-value normalisation would otherwise turn into spaces.
fn xml_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in xml_text(text).chars() {
        match c {
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            c => out.push(c),
        }
    }
    out
}

fn start<'a>(name: &'a str, attributes: &[(&str, &str)]) -> BytesStart<'a> {
    let mut element = BytesStart::new(name);
    for (key, value) in attributes {
        let value = xml_attribute(value);
        element.push_attribute(Attribute::from((key.as_bytes(), value.as_bytes())));
    }
    element
}

fn json_list<T: serde::Serialize>(items: T) -> String {
    serde_json::to_string(&items).expect("strings and numbers serialise to JSON")
}

/// Writes `<data key="KEY">VALUE</data>`.
fn data(w: &mut Writer<Vec<u8>>, key: &str, value: &str) -> std::io::Result<()> {
    w.create_element("data")
        .with_attribute(("key", key))
        .write_text_content(BytesText::from_escaped(xml_text(value)))?;
    Ok(())
}

/// The graph as a GraphML document.
pub fn to_graphml(graph: &KnowledgeGraph) -> Vec<u8> {
    write_graphml(graph).expect("writing XML to memory cannot fail")
}

fn write_graphml(graph: &KnowledgeGraph) -> std::io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(start(
        "graphml",
        &[
            ("xmlns", NS_GRAPHML),
            ("xmlns:xsi", NS_XSI),
            ("xsi:schemaLocation", SCHEMA_LOCATION),
        ],
    )))?;
    w.write_event(Event::Comment(BytesText::from_escaped(COMMENT)))?;
    for (id, scope, name, ty, desc) in KEYS {
        w.create_element("key")
            .with_attributes([
                ("id", id),
                ("for", scope),
                ("attr.name", name),
                ("attr.type", ty),
            ])
            .write_inner_content(|w| {
                w.create_element("desc")
                    .write_text_content(BytesText::from_escaped(xml_text(desc)))?;
                Ok(())
            })?;
    }
    w.write_event(Event::Start(start(
        "graph",
        &[("id", "kgforge"), ("edgedefault", "directed")],
    )))?;
    let documents: Vec<DocumentRecord> = graph.documents().collect();
    data(&mut w, "g_documents", &json_list(&documents))?;
    for node in graph.nodes() {
        w.write_event(Event::Start(start("node", &[("id", &node.id)])))?;
        data(&mut w, "n_name", &node.name)?;
        data(&mut w, "n_type", node.entity_type.as_str())?;
        data(&mut w, "n_aliases", &json_list(&node.aliases))?;
        data(&mut w, "n_mentions", &node.mentions.to_string())?;
        data(&mut w, "n_documents", &json_list(&node.documents))?;
        if !node.document_mentions.is_empty() {
            data(
                &mut w,
                "n_document_mentions",
                &json_list(&node.document_mentions),
            )?;
        }
        w.write_event(Event::End(BytesStart::new("node").to_end()))?;
    }
    for (i, (source, edge, target)) in graph.edges().into_iter().enumerate() {
        let id = format!("e{i}");
        w.write_event(Event::Start(start(
            "edge",
            &[("id", &id), ("source", &source.id), ("target", &target.id)],
        )))?;
        data(&mut w, "e_type", edge.relation_type.as_str())?;
        data(
            &mut w,
            "e_symmetric",
            if edge.symmetric { "true" } else { "false" },
        )?;
        data(&mut w, "e_confidence", &edge.confidence.to_string())?;
        data(&mut w, "e_mentions", &edge.mentions.to_string())?;
        data(&mut w, "e_documents", &json_list(&edge.documents))?;
        if !edge.document_mentions.is_empty() {
            data(
                &mut w,
                "e_document_mentions",
                &json_list(&edge.document_mentions),
            )?;
        }
        data(&mut w, "e_evidence", &json_list(&edge.evidence))?;
        w.write_event(Event::End(BytesStart::new("edge").to_end()))?;
    }
    w.write_event(Event::End(BytesStart::new("graph").to_end()))?;
    w.write_event(Event::End(BytesStart::new("graphml").to_end()))?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

/// What is being read: the element whose `<data>` children are collected.
#[derive(Default)]
struct Element {
    attributes: HashMap<String, String>,
    data: HashMap<String, String>,
}

/// Reads GraphML written by [`to_graphml`], or by another program from such a file (keys are
/// found by their `attr.name`, so NetworkX's `write_graphml` output of the same data reads too).
pub fn from_graphml(reader: impl BufRead, path: &Path, schema: &Schema) -> Result<KnowledgeGraph> {
    let fail = |message: String| Error::GraphFile {
        path: path.to_path_buf(),
        format: "GraphML",
        message,
    };
    let mut xml = Reader::from_reader(crate::input::LineCounter::new(reader));
    xml.config_mut().expand_empty_elements = true;
    let mut buf = Vec::new();
    // key id -> (for, attr.name)
    let mut keys: HashMap<String, (String, String)> = HashMap::new();
    let mut graph_data: HashMap<String, String> = HashMap::new();
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut current: Option<Element> = None;
    let mut data_key: Option<String> = None;
    let mut text = String::new();
    loop {
        let position = xml.buffer_position();
        let (line, column) = xml.get_ref().line_column(position);
        let at = |m: String| {
            fail(format!(
                "line {line}, column {column} (byte {position}): {m}"
            ))
        };
        let event = match xml.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(e) => {
                let error_at = xml.error_position();
                let (line, column) = xml.get_ref().line_column(error_at);
                return Err(fail(format!(
                    "line {line}, column {column} (byte {error_at}): {e}"
                )));
            }
        };
        match event {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                let mut attributes = HashMap::new();
                for a in e.attributes() {
                    let a = a.map_err(|e| at(e.to_string()))?;
                    let value = a
                        .normalized_value(XmlVersion::Implicit1_0)
                        .map_err(|e| at(e.to_string()))?;
                    attributes.insert(
                        String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned(),
                        escape::unescape(&value).into_owned(),
                    );
                }
                match name.as_str() {
                    "key" => {
                        let get = |k: &str| attributes.get(k).cloned().unwrap_or_default();
                        keys.insert(get("id"), (get("for"), get("attr.name")));
                    }
                    "graph" if stack.iter().any(|s| s == "graph") => {
                        return Err(at("nested graphs are not supported".into()));
                    }
                    "node" | "edge" => {
                        current = Some(Element {
                            attributes,
                            data: HashMap::new(),
                        });
                    }
                    "data" => {
                        data_key = Some(attributes.get("key").cloned().unwrap_or_default());
                        text.clear();
                    }
                    _ => {}
                }
                stack.push(name);
            }
            Event::Text(t) if data_key.is_some() => {
                text.push_str(&t.xml10_content().map_err(|e| at(e.to_string()))?);
            }
            Event::CData(t) if data_key.is_some() => {
                text.push_str(&t.xml10_content().map_err(|e| at(e.to_string()))?);
            }
            Event::GeneralRef(r) if data_key.is_some() => {
                if let Some(c) = r.resolve_char_ref().map_err(|e| at(e.to_string()))? {
                    text.push(c);
                } else {
                    let name = r.decode().map_err(|e| at(e.to_string()))?;
                    let value = quick_xml::escape::resolve_predefined_entity(&name)
                        .ok_or_else(|| at(format!("unknown entity &{name};")))?;
                    text.push_str(value);
                }
            }
            Event::End(_) => {
                let name = stack.pop().unwrap_or_default();
                match name.as_str() {
                    "data" => {
                        let key = data_key.take().unwrap_or_default();
                        let (_, attr_name) = keys
                            .get(&key)
                            .cloned()
                            .ok_or_else(|| at(format!("<data key={key:?}> has no <key>")))?;
                        let value = escape::unescape(&text).into_owned();
                        match current.as_mut() {
                            Some(element) => element.data.insert(attr_name, value),
                            None => graph_data.insert(attr_name, value),
                        };
                    }
                    "node" => {
                        let element = current.take().unwrap_or_default();
                        nodes.push(read_node(element).map_err(at)?);
                    }
                    "edge" => {
                        let element = current.take().unwrap_or_default();
                        edges.push(read_edge(element).map_err(at)?);
                    }
                    _ => {}
                }
            }
            Event::Eof if !stack.is_empty() => {
                // a truncated file must not read as a smaller graph
                return Err(at(format!(
                    "the file ends inside <{}>; it is truncated",
                    stack.join("><")
                )));
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    let documents = match graph_data.get("documents") {
        Some(text) => parse_json(text, "graph documents").map_err(fail)?,
        None => Vec::new(),
    };
    GraphJson {
        nodes,
        edges,
        documents,
    }
    .into_graph(schema)
    .map_err(|e| super::json::in_file(e, path, "GraphML"))
}

fn parse_json<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| format!("{what}: not the expected JSON value: {e}"))
}

fn parse_number<T: std::str::FromStr>(text: &str, what: &str) -> Result<T, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("{what}: {text:?} is not a number"))
}

fn read_node(mut e: Element) -> Result<Node, String> {
    let id = e
        .attributes
        .remove("id")
        .ok_or("a <node> has no id attribute")?;
    let what = |field: &str| format!("node {id:?}: {field}");
    let name = e.data.remove("name").ok_or_else(|| what("no name"))?;
    let entity_type = e.data.remove("type").ok_or_else(|| what("no type"))?;
    let entity_type = EntityType::new(&entity_type).map_err(|err| what(&err.to_string()))?;
    let aliases: BTreeSet<String> = match e.data.get("aliases") {
        Some(t) => parse_json(t, &what("aliases"))?,
        None => BTreeSet::new(),
    };
    let mentions = match e.data.get("mentions") {
        Some(t) => parse_number(t, &what("mentions"))?,
        None => 0,
    };
    let documents = match e.data.get("documents") {
        Some(t) => parse_json(t, &what("documents"))?,
        None => BTreeSet::new(),
    };
    let document_mentions = match e.data.get("document_mentions") {
        Some(t) => parse_json(t, &what("document_mentions"))?,
        None => BTreeMap::new(),
    };
    Ok(Node {
        id,
        name,
        entity_type,
        aliases,
        mentions,
        documents,
        document_mentions,
    })
}

fn read_edge(mut e: Element) -> Result<EdgeRecord, String> {
    let source = e
        .attributes
        .remove("source")
        .ok_or("an <edge> has no source")?;
    let target = e
        .attributes
        .remove("target")
        .ok_or("an <edge> has no target")?;
    let what = |field: &str| format!("edge {source:?} -> {target:?}: {field}");
    let relation_type = e.data.remove("type").ok_or_else(|| what("no type"))?;
    let relation_type = RelationType::new(&relation_type).map_err(|err| what(&err.to_string()))?;
    let symmetric = match e
        .data
        .get("symmetric")
        .map(|s| s.trim().to_ascii_lowercase())
    {
        None => false,
        Some(s) if s == "true" || s == "1" => true,
        Some(s) if s == "false" || s == "0" => false,
        Some(s) => return Err(what(&format!("symmetric is {s:?}, not true or false"))),
    };
    let confidence = match e.data.get("confidence") {
        Some(t) => parse_number(t, &what("confidence"))?,
        None => return Err(what("no confidence")),
    };
    let mentions = match e.data.get("mentions") {
        Some(t) => parse_number(t, &what("mentions"))?,
        None => 0,
    };
    let documents = match e.data.get("documents") {
        Some(t) => parse_json(t, &what("documents"))?,
        None => BTreeSet::new(),
    };
    let document_mentions = match e.data.get("document_mentions") {
        Some(t) => parse_json(t, &what("document_mentions"))?,
        None => BTreeMap::new(),
    };
    let evidence: Vec<Evidence> = match e.data.get("evidence") {
        Some(t) => parse_json(t, &what("evidence"))?,
        None => Vec::new(),
    };
    Ok(EdgeRecord {
        source,
        target,
        edge: Edge {
            relation_type,
            symmetric,
            confidence,
            mentions,
            documents,
            document_mentions,
            evidence,
        },
    })
}
