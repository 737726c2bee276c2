//! Names and evidence that try to break export formats, and a graph made of them.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};

use kgforge::doc::Evidence;
use kgforge::graph::{text_hash, DocumentRecord, Edge, KnowledgeGraph, Node};
use kgforge::schema::{EntityType, RelationType, Schema};

/// Strings that break formats which do not escape properly: quoting, comments, markup,
/// formulas, keywords, bidirectional text, grapheme clusters, control characters, injection.
pub const HOSTILE: &[&str] = &[
    "double \"quote\" \"",
    "single 'quote' '",
    "back\\slash \\\\ \\",
    "`backtick` ``",
    "new\nline\n",
    "\r\ncrlf\rcr",
    "<tag attr=\"x\"> & </tag>",
    "&amp; &#38; &lt; &#x41; &nbsp;",
    "semi;colon, comma,\t tab",
    "=SUM(A1:A9)",
    "+1+2",
    "-3",
    "@cmd|' /C calc'!A0",
    "node",
    "edge",
    "graph",
    "subgraph",
    "strict",
    "digraph {",
    "\u{202E}right-to-left\u{200F} \u{05E9}\u{05DC}\u{05D5}\u{05DD} \u{0645}\u{0631}\u{062D}\u{0628}\u{0627}",
    "emoji 🇷🇺 🚀 👩‍👩‍👧 ✈️",
    "\u{301}lone combining mark \u{20DD}",
    "controls: nul\u{0} bell\u{7} bs\u{8} vt\u{B} ff\u{C} esc\u{1B} us\u{1F} del\u{7F} nel\u{85}",
    "x'}) MATCH (n) DETACH DELETE n //",
    "\"}) MATCH (n) DETACH DELETE n //",
    "\\u{41} a literal escape",
    "\\\u{1} backslash before a control",
    "nonchars \u{FFFE}\u{FFFF}",
    "  leading and trailing spaces  ",
    "",
    "]]> --> <!-- <![CDATA[ x ]]>",
    "\\N \\G \\E \\T \\H \\L \\l \\r \\n",
    "{\"json\": [1, \"two\"]}",
    "line\u{2028}separator\u{2029}paragraph",
    "astral \u{10FFFF} \u{1D11E}",
    "# not a comment; -- not a comment either /* */",
    "${env:HOME} $(rm -rf /) %s %n {0}",
];

/// The hostile strings cut to a given length class, so that some graphs have short values.
pub fn hostile(i: usize) -> &'static str {
    HOSTILE[i % HOSTILE.len()]
}

/// A graph whose every node id, name, alias, document name, evidence sentence and trigger is a
/// hostile string, with edges of symmetric and directed relation types.
pub fn hostile_graph(schema: &Schema) -> KnowledgeGraph {
    let mut graph = KnowledgeGraph::new(schema);
    let types = EntityType::REQUIRED;
    let n = HOSTILE.len();
    for i in 0..n {
        graph.upsert_node(Node {
            id: hostile(i).to_string(),
            name: hostile(i + 1).to_string(),
            entity_type: EntityType::new(types[i % types.len()]).unwrap(),
            aliases: BTreeSet::from([hostile(i).to_string(), hostile(i + 2).to_string()]),
            mentions: i as u64,
            documents: BTreeSet::from([hostile(i + 3).to_string()]),
            document_mentions: BTreeMap::from([(hostile(i + 3).to_string(), i as u64)]),
        });
    }
    for i in 0..n {
        let relation = RelationType::REQUIRED[i % RelationType::REQUIRED.len()];
        let evidence = (0..1 + i % 3)
            .map(|k| Evidence {
                document: hostile(i + k).to_string(),
                sentence: i + k,
                text: format!("{} {}", hostile(i + k + 4), hostile(i + 5)),
                start: 10 * i,
                end: 10 * i + 7,
                trigger: hostile(i + k + 6).to_string(),
                trigger_start: 10 * i + 1,
                trigger_end: 10 * i + 2,
            })
            .collect();
        graph
            .upsert_edge(
                hostile(i),
                hostile(i * 7 + 3),
                Edge {
                    relation_type: RelationType::new(relation).unwrap(),
                    symmetric: false,
                    confidence: (i as f32 * 0.37).fract(),
                    mentions: 1 + i as u64,
                    documents: BTreeSet::from([
                        hostile(i + 8).to_string(),
                        hostile(i + 9).to_string(),
                    ]),
                    // per-document counts unknown, as in graphs read from CSV or GraphML
                    document_mentions: BTreeMap::new(),
                    evidence,
                },
            )
            .unwrap();
    }
    for i in 0..n {
        graph.record_document(DocumentRecord {
            name: hostile(i).to_string(),
            hash: text_hash(hostile(i)),
        });
    }
    graph
}

/// The seed article's graph, extracted by the real pipeline.
pub fn seed_graph(schema: std::sync::Arc<Schema>) -> KnowledgeGraph {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/russia-aid-us.txt"),
    )
    .unwrap();
    let pipeline = kgforge::pipeline::Pipeline::standard(schema.clone()).unwrap();
    let doc = pipeline.run("russia-aid-us", &text).unwrap();
    let mut graph = KnowledgeGraph::new(schema);
    graph.add_document(&doc);
    graph
}
