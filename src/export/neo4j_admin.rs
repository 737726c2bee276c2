//! `neo4j-admin database import` CSV files (nodes, relationships), their constraints and import command.
//!
//! The bulk path for very large graphs: an offline import into an empty database, giving the
//! same data model as `kgforge push` (see [`crate::neo4j::model`]). Lists are `string[]` and
//! `long[]` columns joined by an array delimiter chosen so that no list element contains it;
//! the README written beside the files gives the exact command with that delimiter.

use std::collections::BTreeSet;

use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;
use crate::neo4j::model::{confidence, constraints_script, evidence_key, ENTITY_LABEL};

/// The header of `nodes.csv`.
pub const NODE_HEADER: [&str; 8] = [
    "id:ID(Entity)",
    ":LABEL",
    "name",
    "type",
    "aliases:string[]",
    "mentions:long",
    "documents:string[]",
    "document_mentions:long[]",
];

/// The header of `relationships.csv`.
pub const RELATIONSHIP_HEADER: [&str; 17] = [
    ":START_ID(Entity)",
    ":END_ID(Entity)",
    ":TYPE",
    "mentions:long",
    "confidence:double",
    "symmetric:boolean",
    "documents:string[]",
    "document_mentions:long[]",
    "evidence_key:string[]",
    "evidence_document:string[]",
    "evidence_sentence:long[]",
    "evidence_text:string[]",
    "evidence_start:long[]",
    "evidence_end:long[]",
    "evidence_trigger:string[]",
    "evidence_trigger_start:long[]",
    "evidence_trigger_end:long[]",
];

/// Array delimiters tried in order: Neo4j's default `;`, then `|`, then the ASCII separator
/// controls, then private-use characters, none of which can be a field delimiter or quote.
fn delimiter_candidates() -> impl Iterator<Item = char> {
    [';', '|', '\u{1F}', '\u{1E}', '\u{1D}', '\u{1C}']
        .into_iter()
        .chain(('\u{E000}'..='\u{F8FF}').filter(|c| !c.is_whitespace()))
}

/// Every string that ends up inside an array column.
fn array_strings(graph: &KnowledgeGraph) -> BTreeSet<char> {
    let mut used = BTreeSet::new();
    let mut add = |s: &str| used.extend(s.chars());
    for node in graph.nodes() {
        node.aliases.iter().for_each(|s| add(s));
        node.documents.iter().for_each(|s| add(s));
    }
    for (_, edge, _) in graph.edges() {
        edge.documents.iter().for_each(|s| add(s));
        for ev in &edge.evidence {
            add(&ev.document);
            add(&ev.text);
            add(&ev.trigger);
        }
    }
    used
}

/// The array delimiter for `graph`: the first candidate that no list element contains.
pub fn array_delimiter(graph: &KnowledgeGraph) -> Result<char> {
    let used = array_strings(graph);
    delimiter_candidates()
        .find(|c| !used.contains(c))
        .ok_or_else(|| {
            Error::InvalidGraph(
                "no character is free to delimit lists for neo4j-admin (the names use them all)"
                    .into(),
            )
        })
}

/// How `neo4j-admin` names a character: `U+003B`.
pub fn char_option(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

fn join<T: ToString>(items: impl IntoIterator<Item = T>, delimiter: char) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(delimiter);
        }
        out.push_str(&item.to_string());
    }
    out
}

fn csv_error(e: impl std::fmt::Display) -> Error {
    Error::InvalidGraph(format!("writing CSV: {e}"))
}

fn csv_bytes(header: &[&str], rows: Vec<Vec<String>>) -> Result<Vec<u8>> {
    let mut writer = ::csv::WriterBuilder::new()
        .quote_style(::csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    writer.write_record(header).map_err(csv_error)?;
    for row in rows {
        writer.write_record(&row).map_err(csv_error)?;
    }
    writer.into_inner().map_err(csv_error)
}

/// The import command for files made with array delimiter `delimiter`, run from their directory.
pub fn import_command(delimiter: char) -> String {
    format!(
        "neo4j-admin database import full neo4j \\\n  \
         --nodes=nodes.csv \\\n  \
         --relationships=relationships.csv \\\n  \
         --delimiter=U+002C --array-delimiter={} --quote=U+0022 \\\n  \
         --multiline-fields=true --legacy-style-quoting=false --id-type=string",
        char_option(delimiter)
    )
}

fn readme(graph: &KnowledgeGraph, delimiter: char) -> String {
    format!(
        "# kgforge graph for neo4j-admin import\n\n\
         {nodes} nodes (`nodes.csv`) and {edges} relationships (`relationships.csv`), in the data model of\n\
         `kgforge push`: nodes `(:Entity:<Type> {{id, name, type, aliases, mentions, documents,\n\
         document_mentions}})`, relationships typed in upper snake case (`SENT_AID_TO`) with\n\
         `mentions`, `confidence`, `symmetric`, `documents`, `document_mentions` (the count of each\n\
         document, so that a later `kgforge push` of overlapping articles counts each once) and the\n\
         evidence as parallel lists `evidence_*`.\n\n\
         Import into a new (or emptied) database, with Neo4j stopped, from this directory:\n\n\
         ```sh\n{command}\n```\n\n\
         (add `--overwrite-destination=true` to replace an existing database of that name; replace\n\
         `neo4j` with the database name.) Lists are joined with {delimiter_name}, a character that no\n\
         list element of this graph contains, so the `--array-delimiter` above must be kept as it is.\n\
         Text fields may span lines, hence `--multiline-fields=true`. An empty list becomes an absent\n\
         property.\n\n\
         Then start Neo4j and create the uniqueness constraints:\n\n\
         ```sh\ncypher-shell -d neo4j -f constraints.cypher\n```\n\n\
         (With the block format of Neo4j 5.24 or later, `--schema=constraints.cypher` on the import\n\
         command creates them during the import instead.) Later articles can then be added with\n\
         `kgforge push`, which merges into the imported graph.\n",
        nodes = graph.node_count(),
        edges = graph.edge_count(),
        command = import_command(delimiter),
        delimiter_name = if delimiter.is_ascii_graphic() {
            format!("`{delimiter}` ({})", char_option(delimiter))
        } else {
            char_option(delimiter)
        },
    )
}

/// The files of the neo4j-admin export: `nodes.csv`, `relationships.csv`, `constraints.cypher`
/// and `README.md` (with the import command).
pub fn to_neo4j_admin(graph: &KnowledgeGraph) -> Result<Vec<(String, Vec<u8>)>> {
    let d = array_delimiter(graph)?;
    let nodes: Vec<Vec<String>> = graph
        .nodes()
        .into_iter()
        .map(|n| {
            vec![
                n.id.clone(),
                format!("{ENTITY_LABEL}{d}{}", n.entity_type),
                n.name.clone(),
                n.entity_type.to_string(),
                join(&n.aliases, d),
                n.mentions.to_string(),
                join(&n.documents, d),
                join(
                    n.mentions_by_document()
                        .into_iter()
                        .flat_map(|m| m.values()),
                    d,
                ),
            ]
        })
        .collect();
    let relationships: Vec<Vec<String>> = graph
        .edges()
        .into_iter()
        .map(|(s, e, t)| {
            let ev = &e.evidence;
            vec![
                s.id.clone(),
                t.id.clone(),
                e.relation_type.neo4j_type(),
                e.mentions.to_string(),
                format!("{:?}", confidence(e.confidence)),
                e.symmetric.to_string(),
                join(&e.documents, d),
                join(
                    e.mentions_by_document()
                        .into_iter()
                        .flat_map(|m| m.values()),
                    d,
                ),
                join(ev.iter().map(evidence_key), d),
                join(ev.iter().map(|x| &x.document), d),
                join(ev.iter().map(|x| x.sentence), d),
                join(ev.iter().map(|x| &x.text), d),
                join(ev.iter().map(|x| x.start), d),
                join(ev.iter().map(|x| x.end), d),
                join(ev.iter().map(|x| &x.trigger), d),
                join(ev.iter().map(|x| x.trigger_start), d),
                join(ev.iter().map(|x| x.trigger_end), d),
            ]
        })
        .collect();
    let types: BTreeSet<_> = graph
        .nodes()
        .into_iter()
        .map(|n| n.entity_type.clone())
        .collect();
    let constraints = constraints_script(&types);
    Ok(vec![
        ("nodes.csv".into(), csv_bytes(&NODE_HEADER, nodes)?),
        (
            "relationships.csv".into(),
            csv_bytes(&RELATIONSHIP_HEADER, relationships)?,
        ),
        ("constraints.cypher".into(), constraints.into_bytes()),
        ("README.md".into(), readme(graph, d).into_bytes()),
    ])
}
