//! The checks behind kgforge's fuzz targets, shared with `tests/fuzz_regressions.rs` so that every
//! input a fuzzer found keeps running in plain `cargo test`.
//!
//! Each `check_*` function takes the raw bytes a fuzz target receives. It must never panic on
//! any input: a panic is a bug, either a crash of kgforge on hostile input or a broken
//! invariant asserted here (offsets outside the text, a graph that does not read back as it
//! was written).

use std::io::Cursor;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use arbitrary::{Arbitrary, Unstructured};
use kgforge::doc::{Document, Evidence};
use kgforge::export::{self, csv, escape, graphml, json, node_link, Exported, Format};
use kgforge::graph::{DocumentRecord, Edge, KnowledgeGraph, Node};
use kgforge::input::{self, ReadOptions};
use kgforge::pipeline::Pipeline;
use kgforge::schema::Schema;

/// The embedded schema, loaded once per process.
pub fn schema() -> &'static Arc<Schema> {
    static SCHEMA: OnceLock<Arc<Schema>> = OnceLock::new();
    SCHEMA.get_or_init(|| Arc::new(Schema::embedded().expect("the embedded schema loads")))
}

/// The standard pipeline, loaded once per process.
pub fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE
        .get_or_init(|| Pipeline::standard(schema().clone()).expect("the standard pipeline loads"))
}

/// A fuzz target: its name and the function that checks one input.
pub type FuzzTarget = (&'static str, fn(&[u8]));

/// The fuzz targets, by name: the name of the target, its corpus and its regression folder.
pub const TARGETS: [FuzzTarget; 6] = [
    ("extract_bytes", check_extract_bytes),
    ("json_reader", check_json_reader),
    ("exporters", check_exporters),
    ("graphml_reader", check_graphml_reader),
    ("node_link_reader", check_node_link_reader),
    ("csv_reader", check_csv_reader),
];

/// Bytes as an article: input decoding (strict and lossy), the whole pipeline, the graph and
/// its JSON round trip.
pub fn check_extract_bytes(data: &[u8]) {
    for lossy_utf8 in [false, true] {
        let options = ReadOptions {
            lossy_utf8,
            max_bytes: u64::MAX,
        };
        match input::decode(data.to_vec(), Path::new("fuzz.txt"), options) {
            Ok(text) => {
                assert!(!text.contains('\0'), "decoded text holds a NUL byte");
                check_text(&text);
            }
            Err(e) => {
                let message = e.to_string();
                assert!(message.starts_with("fuzz.txt: "), "{message}");
                assert!(
                    data.contains(&0) || !lossy_utf8,
                    "lossy decoding refused text without NUL bytes: {message}"
                );
            }
        }
    }
}

/// Runs the pipeline over `text` and checks every offset it wrote, then the graph.
pub fn check_text(text: &str) {
    let doc = match pipeline().run("fuzz", text) {
        Ok(doc) => doc,
        // a clear error is allowed; a panic is not
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    check_document(&doc);
    let mut graph = KnowledgeGraph::new(&**schema());
    graph.add_document(&doc);
    check_json_round_trip(&graph);
    // the same text in small parts, as a very long article is extracted: a valid document too
    if text.len() > PART_BYTES {
        let parts = kgforge::parts::run_in_parts(pipeline(), "fuzz", text, PART_BYTES)
            .expect("the parts extract when the whole does");
        assert_eq!(parts.text, text);
        check_document(&parts);
        let mut graph = KnowledgeGraph::new(&**schema());
        graph.add_document(&parts);
        check_json_round_trip(&graph);
    }
}

/// Part size for checking [`kgforge::parts::run_in_parts`] on fuzz inputs (which are small).
const PART_BYTES: usize = 200;

/// Every token, sentence, mention, entity and relation of `doc` points inside the text, on
/// character boundaries, in order.
pub fn check_document(doc: &Document) {
    let text = &doc.text;
    let in_text = |start: usize, end: usize| {
        start <= end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end)
    };
    let mut previous_end = 0;
    for (i, t) in doc.tokens.iter().enumerate() {
        assert!(in_text(t.span.start, t.span.end), "token {i} {:?}", t.span);
        assert!(!t.span.is_empty(), "token {i} is empty");
        assert!(
            t.span.start >= previous_end,
            "token {i} overlaps the one before"
        );
        previous_end = t.span.end;
    }
    let mut next_token = 0;
    for (s, sentence) in doc.sentences.iter().enumerate() {
        let (a, b) = sentence.tokens;
        assert_eq!(
            a, next_token,
            "sentence {s} does not start where the last one ended"
        );
        assert!(
            a < b && b <= doc.tokens.len(),
            "sentence {s} tokens {a}..{b}"
        );
        assert!(
            in_text(sentence.span.start, sentence.span.end),
            "sentence {s}"
        );
        for t in &doc.tokens[a..b] {
            assert_eq!(t.sentence, s, "a token of sentence {s} says otherwise");
        }
        next_token = b;
    }
    assert_eq!(
        next_token,
        doc.tokens.len(),
        "tokens outside every sentence"
    );
    for (i, m) in doc.mentions.iter().enumerate() {
        assert!(
            m.tokens.0 < m.tokens.1 && m.tokens.1 <= doc.tokens.len(),
            "mention {i} tokens {:?}",
            m.tokens
        );
        assert!(
            in_text(m.span.start, m.span.end),
            "mention {i} {:?}",
            m.span
        );
        if let Some(e) = m.entity {
            assert!(e < doc.entities.len(), "mention {i} names entity {e}");
        }
    }
    for (i, e) in doc.entities.iter().enumerate() {
        for &m in &e.mentions {
            assert!(m < doc.mentions.len(), "entity {i} names mention {m}");
        }
    }
    for (i, r) in doc.relations.iter().enumerate() {
        assert!(
            r.source < doc.entities.len() && r.target < doc.entities.len(),
            "relation {i} names entities {} and {}",
            r.source,
            r.target
        );
        assert!(
            (0.0..=1.0).contains(&r.confidence),
            "relation {i} confidence {}",
            r.confidence
        );
        check_evidence(text, &r.evidence);
    }
}

fn check_evidence(text: &str, ev: &Evidence) {
    let slice = text.get(ev.start..ev.end);
    assert_eq!(
        slice,
        Some(ev.text.as_str()),
        "evidence {}..{} is not the sentence it quotes",
        ev.start,
        ev.end
    );
    assert!(
        ev.trigger_start <= ev.trigger_end && text.get(ev.trigger_start..ev.trigger_end).is_some(),
        "trigger {}..{} outside the text",
        ev.trigger_start,
        ev.trigger_end
    );
}

/// The graph written as JSON reads back as the same graph.
pub fn check_json_round_trip(graph: &KnowledgeGraph) {
    let written = json::to_json(graph);
    let read = json::from_json(written.as_bytes(), Path::new("round-trip.json"), schema())
        .unwrap_or_else(|e| panic!("kgforge cannot read its own JSON: {e}\n{written}"));
    assert_eq!(
        json::to_json(&read),
        written,
        "JSON round trip changed the graph"
    );
}

/// A reader's error names the file it read.
fn assert_names(error: &kgforge::Error, file: &str) {
    let message = error.to_string();
    assert!(
        message.starts_with(&format!("{file}: ")),
        "the error names no file: {message}"
    );
}

/// Bytes as a JSON graph: an error or a graph; a graph that is read is written back unchanged.
pub fn check_json_reader(data: &[u8]) {
    match json::from_json(data, Path::new("fuzz.json"), schema()) {
        Ok(graph) => check_json_round_trip(&graph),
        Err(e) => assert_names(&e, "fuzz.json"),
    }
}

/// Bytes as GraphML: an error or a graph that survives GraphML and JSON round trips.
pub fn check_graphml_reader(data: &[u8]) {
    match graphml::from_graphml(Cursor::new(data), Path::new("fuzz.graphml"), schema()) {
        Ok(graph) => {
            check_json_round_trip(&graph);
            check_reads_back(&graph, Format::Graphml);
        }
        Err(e) => assert_names(&e, "fuzz.graphml"),
    }
}

/// Bytes as node-link JSON: an error or a graph that survives the round trips.
pub fn check_node_link_reader(data: &[u8]) {
    match node_link::from_node_link(data, Path::new("fuzz.node-link.json"), schema()) {
        Ok(graph) => {
            check_json_round_trip(&graph);
            check_reads_back(&graph, Format::NodeLink);
        }
        Err(e) => assert_names(&e, "fuzz.node-link.json"),
    }
}

/// The separator between the three tables in a `csv_reader` input (ASCII record separator).
pub const CSV_TABLE_SEPARATOR: u8 = 0x1E;

/// Bytes as the CSV tables: `nodes.csv`, then `edges.csv`, then (optionally) `documents.csv`,
/// separated by [`CSV_TABLE_SEPARATOR`].
pub fn check_csv_reader(data: &[u8]) {
    let mut parts = data.splitn(3, |&b| b == CSV_TABLE_SEPARATOR);
    let nodes = parts.next().unwrap_or_default();
    let edges = parts.next().unwrap_or_default();
    let documents = parts.next();
    let result = csv::from_csv(
        (Box::new(nodes), Path::new("nodes.csv")),
        (Box::new(edges), Path::new("edges.csv")),
        documents.map(|d| {
            (
                Box::new(d) as Box<dyn std::io::Read>,
                Path::new("documents.csv"),
            )
        }),
        schema(),
    );
    match result {
        Ok(graph) => {
            check_json_round_trip(&graph);
            check_reads_back(&graph, Format::Csv);
        }
        Err(e) => {
            let message = e.to_string();
            assert!(
                ["nodes.csv: ", "edges.csv: ", "documents.csv: "]
                    .iter()
                    .any(|p| message.starts_with(p)),
                "the error names no table: {message}"
            );
        }
    }
}

/// `graph` exported in `format` (one with a reader) reads back as the same graph.
pub fn check_reads_back(graph: &KnowledgeGraph, format: Format) {
    let expected = json::to_json(graph);
    let exported = export::export(graph, schema(), format)
        .unwrap_or_else(|e| panic!("{format:?} export failed: {e}"));
    let read = match (format, &exported) {
        (Format::Json, Exported::File(bytes)) => {
            json::from_json(&bytes[..], Path::new("x.json"), schema())
        }
        (Format::NodeLink, Exported::File(bytes)) => {
            node_link::from_node_link(&bytes[..], Path::new("x.json"), schema())
        }
        (Format::Graphml, Exported::File(bytes)) => {
            graphml::from_graphml(&bytes[..], Path::new("x.graphml"), schema())
        }
        (Format::Csv, Exported::Directory(files)) => {
            let file = |name: &str| -> &[u8] {
                &files
                    .iter()
                    .find(|(n, _)| n == name)
                    .unwrap_or_else(|| panic!("no {name}"))
                    .1
            };
            csv::from_csv(
                (Box::new(file("nodes.csv")), Path::new("nodes.csv")),
                (Box::new(file("edges.csv")), Path::new("edges.csv")),
                Some((Box::new(file("documents.csv")), Path::new("documents.csv"))),
                schema(),
            )
        }
        _ => return,
    };
    let read = read.unwrap_or_else(|e| panic!("kgforge cannot read its own {format:?}: {e}"));
    assert_eq!(
        json::to_json(&read),
        expected,
        "{format:?} round trip changed the graph"
    );
}

/// An actor for [`ArbitraryGraph`].
#[derive(Debug, Arbitrary)]
pub struct ArbitraryNode {
    id: String,
    name: String,
    entity_type: u8,
    aliases: Vec<String>,
    mentions: u64,
    documents: Vec<String>,
}

/// Evidence for [`ArbitraryEdge`].
#[derive(Debug, Arbitrary)]
pub struct ArbitraryEvidence {
    document: String,
    sentence: usize,
    text: String,
    start: usize,
    end: usize,
    trigger: String,
    trigger_start: usize,
    trigger_end: usize,
}

/// A relation for [`ArbitraryGraph`], between nodes chosen by index.
#[derive(Debug, Arbitrary)]
pub struct ArbitraryEdge {
    source: u16,
    target: u16,
    relation_type: u8,
    confidence: u16,
    mentions: u64,
    documents: Vec<String>,
    evidence: Vec<ArbitraryEvidence>,
}

/// Any graph kgforge can hold: arbitrary names, aliases, evidence and documents, with types
/// from the schema and confidences in 0..=1 (the graph's own invariants).
#[derive(Debug, Arbitrary)]
pub struct ArbitraryGraph {
    nodes: Vec<ArbitraryNode>,
    edges: Vec<ArbitraryEdge>,
    documents: Vec<(String, String)>,
}

impl ArbitraryGraph {
    /// Builds the graph through the graph's own API (merging repeated ids, as extraction does).
    pub fn build(self) -> KnowledgeGraph {
        let schema = schema();
        let mut graph = KnowledgeGraph::new(&**schema);
        let entity_types = &schema.entity_types;
        let relation_types = &schema.relation_types;
        let mut ids = Vec::new();
        for n in self.nodes {
            ids.push(n.id.clone());
            graph.upsert_node(Node {
                id: n.id,
                name: n.name,
                entity_type: entity_types[n.entity_type as usize % entity_types.len()]
                    .name
                    .clone(),
                aliases: n.aliases.into_iter().collect(),
                mentions: n.mentions,
                // the fuzzed document names as keys of the counts too
                document_mentions: n
                    .documents
                    .iter()
                    .map(|d| (d.clone(), n.mentions))
                    .collect(),
                documents: n.documents.into_iter().collect(),
            });
        }
        if !ids.is_empty() {
            for e in self.edges {
                let source = &ids[e.source as usize % ids.len()];
                let target = &ids[e.target as usize % ids.len()];
                let edge = Edge {
                    relation_type: relation_types[e.relation_type as usize % relation_types.len()]
                        .name
                        .clone(),
                    symmetric: false,
                    confidence: f32::from(e.confidence) / f32::from(u16::MAX),
                    mentions: e.mentions,
                    document_mentions: Default::default(),
                    documents: e.documents.into_iter().collect(),
                    evidence: e
                        .evidence
                        .into_iter()
                        .map(|v| Evidence {
                            document: v.document,
                            sentence: v.sentence,
                            text: v.text,
                            start: v.start,
                            end: v.end,
                            trigger: v.trigger,
                            trigger_start: v.trigger_start,
                            trigger_end: v.trigger_end,
                        })
                        .collect(),
                };
                graph
                    .upsert_edge(source, target, edge)
                    .expect("both endpoints were added");
            }
        }
        for (name, hash) in self.documents {
            graph.record_document(DocumentRecord { name, hash });
        }
        graph
    }
}

/// Bytes as an arbitrary graph: every exporter writes it without failing, and every format
/// with a reader reads it back unchanged. The `\u{HEX}` escape of DOT and GraphML is checked
/// on the graph's strings too.
pub fn check_exporters(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(arbitrary) = ArbitraryGraph::arbitrary(&mut u) else {
        return;
    };
    let graph = arbitrary.build();
    for node in graph.nodes() {
        for text in std::iter::once(&node.name).chain(&node.aliases) {
            for cannot_hold in [escape::xml_cannot_hold, escape::dot_cannot_hold] {
                let escaped = escape::escape(text, cannot_hold);
                assert!(!escaped.chars().any(cannot_hold), "{escaped:?}");
                assert_eq!(escape::unescape(&escaped), text.as_str());
            }
        }
    }
    for format in [
        Format::Json,
        Format::NodeLink,
        Format::Graphml,
        Format::Csv,
        Format::Dot,
    ] {
        check_reads_back(&graph, format);
    }
    let dot = kgforge::export::dot::to_dot(&graph, schema());
    assert!(dot.starts_with("digraph") && dot.trim_end().ends_with('}'));
    // the Cypher script: one statement per line whatever the names hold, as many as the plan
    let script = kgforge::export::cypher::to_cypher(&graph);
    let plan = kgforge::neo4j::plan(&graph, kgforge::export::cypher::ROWS_PER_STATEMENT);
    let expected = plan.constraints.len()
        + plan
            .batches
            .iter()
            .map(|b| b.statements("$rows", plan.evidence_cap).len())
            .sum::<usize>();
    assert_eq!(
        kgforge::export::cypher::statements(&script).len(),
        expected,
        "a value broke the one-statement-per-line Cypher script"
    );
    // neo4j-admin files, or the clear error when no character is free to delimit lists
    match export::export(&graph, schema(), Format::Neo4jAdmin) {
        Ok(Exported::Directory(files)) => assert!(!files.is_empty()),
        Ok(Exported::File(_)) => panic!("neo4j-admin is a directory format"),
        Err(e) => assert!(e.to_string().contains("no character is free"), "{e}"),
    }
}
