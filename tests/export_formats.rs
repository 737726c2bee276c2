//! Every export format read back by kgforge's own readers (in process), hostile names and
//! arbitrary Unicode included, and the `kgforge export` command end to end.

mod common;
mod hostile;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use assert_cmd::Command;
use predicates::prelude::*;
use proptest::prelude::*;

use kgforge::doc::Evidence;
use kgforge::export::{self, csv, dot, escape, graphml, json, node_link, Exported, Format};
use kgforge::graph::{DocumentRecord, Edge, KnowledgeGraph, Node};
use kgforge::schema::{EntityType, RelationType, Schema};

fn schema() -> Arc<Schema> {
    Arc::new(Schema::embedded().unwrap())
}

fn kgforge() -> Command {
    Command::cargo_bin("kgforge").unwrap()
}

/// The graph written in `format` and read back by kgforge's reader of that format.
fn round_trip(graph: &KnowledgeGraph, schema: &Schema, format: Format) -> KnowledgeGraph {
    let path = Path::new("<test>");
    match export::export(graph, schema, format).unwrap() {
        Exported::File(bytes) => match format {
            Format::Json => json::from_json(&bytes[..], path, schema).unwrap(),
            Format::NodeLink => node_link::from_node_link(&bytes[..], path, schema).unwrap(),
            Format::Graphml => graphml::from_graphml(&bytes[..], path, schema).unwrap(),
            other => panic!("no reader for {other:?}"),
        },
        Exported::Directory(files) => {
            let get = |name: &str| -> Box<dyn std::io::Read> {
                let bytes = files.iter().find(|(n, _)| n == name).unwrap().1.clone();
                Box::new(std::io::Cursor::new(bytes))
            };
            csv::from_csv(
                (get("nodes.csv"), Path::new("nodes.csv")),
                (get("edges.csv"), Path::new("edges.csv")),
                Some((get("documents.csv"), Path::new("documents.csv"))),
                schema,
            )
            .unwrap()
        }
    }
}

const READABLE: [Format; 4] = [Format::Json, Format::NodeLink, Format::Graphml, Format::Csv];

#[test]
fn json_graph_json_is_byte_identical() {
    let schema = schema();
    for graph in [
        hostile::seed_graph(schema.clone()),
        hostile::hostile_graph(&schema),
    ] {
        let first = json::to_json(&graph);
        let again =
            json::to_json(&json::from_json(first.as_bytes(), Path::new("t"), &schema).unwrap());
        assert_eq!(first, again);
    }
}

#[test]
fn every_format_reads_back_to_the_same_graph() {
    let schema = schema();
    for graph in [
        hostile::seed_graph(schema.clone()),
        hostile::hostile_graph(&schema),
    ] {
        assert!(graph.edge_count() > 5, "a graph worth testing");
        let expected = json::to_json(&graph);
        for format in READABLE {
            let back = round_trip(&graph, &schema, format);
            assert_eq!(json::to_json(&back), expected, "{format:?}");
        }
    }
}

#[test]
fn hostile_values_are_in_every_file_exactly_or_escaped_as_documented() {
    let schema = schema();
    let graph = hostile::hostile_graph(&schema);
    // GraphML: well-formed XML 1.0 has none of the characters XML cannot hold
    let xml = String::from_utf8(graphml::to_graphml(&graph)).unwrap();
    assert!(!xml.chars().any(escape::xml_cannot_hold));
    assert!(
        !xml.contains('\r'),
        "a raw CR would be normalised away by XML parsers"
    );
    assert!(xml.contains("x'}) MATCH (n) DETACH DELETE n //"));
    assert!(xml.contains("bell\\u{7}"));
    assert!(xml.contains("&lt;tag attr=\"x\"&gt; &amp; &lt;/tag&gt;"));
    // DOT: every string closed, no raw control characters for Graphviz to copy
    let dot = dot::to_dot(&graph, &schema);
    assert!(!dot.chars().any(|c| escape::dot_cannot_hold(c) && c != '\n'));
    assert!(dot.contains("\"node\""), "DOT keywords are quoted names");
    // CSV: formula-like cells are written as they are (not prefixed with ')
    let Exported::Directory(files) = export::export(&graph, &schema, Format::Csv).unwrap() else {
        panic!("csv is a directory");
    };
    let nodes = String::from_utf8(files[0].1.clone()).unwrap();
    assert!(nodes.contains("\n=SUM(A1:A9),") || nodes.contains(",=SUM(A1:A9),"));
    let mut reader = ::csv::Reader::from_reader(&files[0].1[..]);
    let names: BTreeSet<String> = reader
        .records()
        .map(|r| r.unwrap()[1].to_string())
        .collect();
    let expected: BTreeSet<String> = graph.nodes().iter().map(|n| n.name.clone()).collect();
    assert_eq!(
        names, expected,
        "the csv crate reads every name back unchanged"
    );
}

/// Graphviz's reading of a DOT quoted string at the start of `text` (the rules of its lexer,
/// `lib/cgraph/scan.l`: `\"` is a quote, `\\` stays two backslashes, the first other `"` ends
/// the string), then its label interpretation (`\\` is a backslash, `\n` a line break, HTML
/// entities), then kgforge's `\u{HEX}` unescape. Returns the value and the rest of the text.
fn graphviz_label(text: &str) -> (String, &str) {
    let body = text.strip_prefix('"').expect("a quoted string");
    let mut raw = String::new();
    let mut chars = body.char_indices().peekable();
    let mut end = None;
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => match chars.peek() {
                Some((_, '"')) => {
                    raw.push('"');
                    chars.next();
                }
                Some((_, '\\')) => {
                    raw.push_str("\\\\");
                    chars.next();
                }
                _ => raw.push('\\'),
            },
            '"' => {
                end = Some(i + 1);
                break;
            }
            c => raw.push(c),
        }
    }
    let rest = &body[end.expect("the string is closed")..];
    let mut label = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('\\') => label.push('\\'),
                Some('n') => label.push('\n'),
                Some(other) => panic!("unexpected escString \\{other} in {raw:?}"),
                None => panic!("dangling backslash in {raw:?}"),
            }
        } else {
            label.push(c);
        }
    }
    assert!(
        !label.replace("&amp;", "").contains('&'),
        "every & is written as &amp;: {label:?}"
    );
    let label = label.replace("&amp;", "&");
    (escape::unescape(&label).into_owned(), rest)
}

#[test]
fn dot_node_lines_name_every_actor_as_graphviz_reads_them() {
    let schema = schema();
    let graph = hostile::hostile_graph(&schema);
    let text = dot::to_dot(&graph, &schema);
    let mut seen = BTreeSet::new();
    for line in text.lines() {
        let line = line.trim_start();
        if !line.starts_with('"') || line.contains("legend: ") {
            continue;
        }
        let (id, rest) = graphviz_label(line);
        if rest.trim_start().starts_with("->") {
            continue;
        }
        let label = rest
            .trim_start()
            .strip_prefix("[label=")
            .expect("a label first");
        let (name, _) = graphviz_label(label);
        assert_eq!(
            graph.node(&id).map(|n| n.name.as_str()),
            Some(name.as_str()),
            "{line}"
        );
        seen.insert(id);
    }
    assert_eq!(seen.len(), graph.node_count());
}

#[test]
fn a_legend_never_takes_an_actors_id() {
    let schema = schema();
    let mut graph = KnowledgeGraph::new(&*schema);
    graph.upsert_node(Node {
        id: "legend: Person".into(),
        name: "Mr Legend".into(),
        entity_type: EntityType::person(),
        aliases: BTreeSet::new(),
        mentions: 1,
        documents: BTreeSet::new(),
        document_mentions: Default::default(),
    });
    let text = dot::to_dot(&graph, &schema);
    assert_eq!(text.matches("\"legend: Person\" [").count(), 1, "{text}");
    assert!(
        text.contains("\"_legend: Person\" [label=\"Person\""),
        "{text}"
    );
}

// ---- property tests: arbitrary Unicode through every exporter and its reader ----

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<String>(),
        2 => "(\\\\|u\\{|\\}|\"|'|&|<|>|;|,|=|\n|\r|\t|\u{0}|\u{7}|\u{FFFF}|\u{202E}|\u{301}|😀|[a-z]){0,12}",
        1 => proptest::sample::select(hostile::HOSTILE).prop_map(String::from),
    ]
}

fn evidence() -> impl Strategy<Value = Evidence> {
    (text(), 0..1000usize, text(), 0..1_000_000usize, text()).prop_map(
        |(document, sentence, sentence_text, start, trigger)| Evidence {
            document,
            sentence,
            text: sentence_text,
            start,
            end: start + 5,
            trigger,
            trigger_start: start + 1,
            trigger_end: start + 2,
        },
    )
}

fn arbitrary_graph() -> impl Strategy<Value = KnowledgeGraph> {
    let node = (
        text(),
        text(),
        0..EntityType::REQUIRED.len(),
        proptest::collection::btree_set(text(), 0..3),
        0..10_000u64,
        proptest::collection::btree_set(text(), 0..3),
    );
    let edge = (
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        0..RelationType::REQUIRED.len(),
        0.0f32..=1.0,
        0..100u64,
        proptest::collection::btree_set(text(), 0..3),
        proptest::collection::vec(evidence(), 0..3),
    );
    let document = (text(), "[0-9a-f]{16}");
    (
        proptest::collection::vec(node, 1..6),
        proptest::collection::vec(edge, 0..8),
        proptest::collection::vec(document, 0..3),
    )
        .prop_map(|(nodes, edges, documents)| {
            let schema = Schema::embedded().unwrap();
            let mut graph = KnowledgeGraph::new(&schema);
            let mut ids = Vec::new();
            for (id, name, t, aliases, mentions, docs) in nodes {
                ids.push(id.clone());
                graph.upsert_node(Node {
                    id,
                    name,
                    entity_type: EntityType::new(EntityType::REQUIRED[t]).unwrap(),
                    aliases,
                    mentions,
                    documents: docs,
                    document_mentions: Default::default(),
                });
            }
            for (s, t, r, confidence, mentions, docs, evidence) in edges {
                let edge = Edge {
                    relation_type: RelationType::new(RelationType::REQUIRED[r]).unwrap(),
                    symmetric: false,
                    confidence,
                    mentions,
                    documents: docs,
                    document_mentions: Default::default(),
                    evidence,
                };
                let (s, t): (&String, &String) = (s.get(&ids), t.get(&ids));
                graph.upsert_edge(s, t, edge).unwrap();
            }
            for (name, hash) in documents {
                graph.record_document(DocumentRecord { name, hash });
            }
            graph
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn arbitrary_graphs_survive_every_readable_format(graph in arbitrary_graph()) {
        let schema = Schema::embedded().unwrap();
        let expected = json::to_json(&graph);
        for format in READABLE {
            let back = round_trip(&graph, &schema, format);
            prop_assert_eq!(&json::to_json(&back), &expected, "{:?}", format);
        }
        let xml = graphml::to_graphml(&graph);
        let xml = std::str::from_utf8(&xml).unwrap();
        prop_assert!(!xml.chars().any(escape::xml_cannot_hold));
    }

    #[test]
    fn dot_strings_stay_closed_and_mean_what_they_hold(value in text()) {
        let quoted = dot::quote(&value);
        let (back, rest) = graphviz_label(&quoted);
        prop_assert_eq!(back, value);
        prop_assert_eq!(rest, "");
    }
}

// ---- the command ----

fn write_graph(dir: &Path, graph: &KnowledgeGraph) -> std::path::PathBuf {
    let path = dir.join("graph.json");
    std::fs::write(&path, json::to_json(graph)).unwrap();
    path
}

#[test]
fn export_json_reproduces_the_file_and_reads_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let graph = hostile::hostile_graph(&schema());
    let path = write_graph(dir.path(), &graph);
    let original = std::fs::read(&path).unwrap();
    let out = kgforge()
        .args(["export", "--format", "json"])
        .arg(&path)
        .assert()
        .success();
    assert_eq!(out.get_output().stdout, original);
    for args in [
        vec!["export", "-", "--format", "json"],
        vec!["export", "--format", "json"],
    ] {
        let out = kgforge()
            .args(&args)
            .write_stdin(original.clone())
            .assert()
            .success();
        assert_eq!(out.get_output().stdout, original);
    }
}

#[test]
fn export_writes_every_format_to_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let schema = schema();
    let graph = hostile::seed_graph(schema.clone());
    let path = write_graph(dir.path(), &graph);
    for (format, name) in [
        ("node-link", "g.json"),
        ("graphml", "g.graphml"),
        ("dot", "g.dot"),
    ] {
        let target = dir.path().join(name);
        kgforge()
            .args(["export", "--format", format, "-o"])
            .arg(&target)
            .arg(&path)
            .assert()
            .success()
            .stdout("");
        let written = std::fs::read(&target).unwrap();
        let format = <Format as clap::ValueEnum>::from_str(format, false).unwrap();
        let Exported::File(expected) = export::export(&graph, &schema, format).unwrap() else {
            panic!()
        };
        assert_eq!(written, expected, "{format:?}");
    }
    let tables = dir.path().join("tables");
    kgforge()
        .args(["export", "--format", "csv", "-o"])
        .arg(&tables)
        .arg(&path)
        .assert()
        .success();
    let back = csv::from_csv_dir(&tables, &schema).unwrap();
    assert_eq!(json::to_json(&back), json::to_json(&graph));
}

#[test]
fn export_refuses_bad_input_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"nodes\": [ {\"id\": 1} ]}").unwrap();
    kgforge()
        .args(["export", "--format", "dot"])
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bad.json: line 1, column"));
    kgforge()
        .args(["export", "--format", "dot"])
        .arg(dir.path().join("missing.json"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("missing.json"));
    kgforge()
        .args(["export", "--format", "csv"])
        .write_stdin(json::to_json(&KnowledgeGraph::new(&*schema())))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("-o DIR"));
    kgforge()
        .args(["export", "--format", "xlsx"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("node-link"));
    let dangling = "{\"nodes\": [], \"edges\": [{\"source\": \"a\", \"target\": \"b\", \
        \"type\": \"praised\", \"confidence\": 0.5}]}";
    kgforge()
        .args(["export", "--format", "graphml"])
        .write_stdin(dangling)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("does not exist"));
}

#[test]
fn pictures_without_graphviz_name_the_missing_program() {
    let empty = tempfile::tempdir().unwrap();
    for format in ["svg", "png"] {
        kgforge()
            .env("PATH", empty.path())
            .args(["export", "--format", format, "-o", "never-written"])
            .write_stdin(json::to_json(&KnowledgeGraph::new(&*schema())))
            .assert()
            .code(1)
            .stderr(predicate::str::contains("`dot` was not found"))
            .stderr(predicate::str::contains("Graphviz"));
        kgforge()
            .env("PATH", empty.path())
            .args(["extract", "--format", format, "-o", "never-written"])
            .write_stdin("Russia sent aid to Italy.")
            .assert()
            .code(1)
            .stderr(predicate::str::contains("`dot` was not found"));
    }
    assert!(!Path::new("never-written").exists());
}

#[test]
fn export_help_teaches_every_format() {
    let out = kgforge().args(["export", "--help"]).assert().success();
    let help = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for format in <Format as clap::ValueEnum>::value_variants() {
        let name = clap::ValueEnum::to_possible_value(format).unwrap();
        let name = name.get_name();
        assert!(
            help.lines().any(|l| l.trim_start().starts_with(name)),
            "--help does not explain {name}:\n{help}"
        );
    }
    assert!(help.contains("Examples:"));
}

#[test]
fn extract_takes_the_new_formats() {
    let out = kgforge()
        .args(["extract", "--format", "node-link"])
        .arg(common::seed_path())
        .assert()
        .success();
    let data: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(data["multigraph"], true);
    assert!(data["edges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["key"] == e["type"]));
    kgforge()
        .args(["extract", "--format", "graphml"])
        .arg(common::seed_path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "<data key=\"n_name\">Vladimir Putin</data>",
        ));
}
