//! The Neo4j-shaped exports read back: `neo4j-admin` CSVs by a CSV reader, Cypher literals by the server.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;
use kgforge::doc::Evidence;
use kgforge::export::neo4j_admin::{self, NODE_HEADER, RELATIONSHIP_HEADER};
use kgforge::graph::{Edge, KnowledgeGraph, Node};
use kgforge::neo4j::model::{confidence, evidence_key, string_literal};
use kgforge::schema::{EntityType, RelationType, Schema};
use proptest::prelude::*;

fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_path(path)
        .unwrap();
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// Per-document counts as the files write them (none when the graph does not know them).
fn counts(by_document: Option<&std::collections::BTreeMap<String, u64>>) -> Vec<String> {
    by_document
        .into_iter()
        .flat_map(|m| m.values().map(u64::to_string))
        .collect()
}

fn split(cell: &str, delimiter: char) -> Vec<String> {
    if cell.is_empty() {
        Vec::new()
    } else {
        cell.split(delimiter).map(String::from).collect()
    }
}

/// The array delimiter named in the README's import command.
fn delimiter_of(readme: &str) -> char {
    let option = readme
        .split_whitespace()
        .find_map(|w| w.strip_prefix("--array-delimiter=U+"))
        .expect("the README names the array delimiter");
    char::from_u32(u32::from_str_radix(&option[..4], 16).unwrap()).unwrap()
}

/// Reads the files back as neo4j-admin would and compares every value with the graph.
fn assert_files_hold(dir: &Path, graph: &KnowledgeGraph) {
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    assert!(readme.contains("neo4j-admin database import full"));
    assert!(readme.contains("--multiline-fields=true"));
    let d = delimiter_of(&readme);

    let (header, rows) = read_csv(&dir.join("nodes.csv"));
    assert_eq!(header, NODE_HEADER);
    let nodes = graph.nodes();
    assert_eq!(rows.len(), nodes.len());
    for (row, node) in rows.iter().zip(&nodes) {
        assert_eq!(row[0], node.id);
        assert_eq!(
            split(&row[1], d),
            ["Entity".to_string(), node.entity_type.to_string()]
        );
        assert_eq!(row[2], node.name);
        assert_eq!(row[3], node.entity_type.as_str());
        assert_eq!(
            split(&row[4], d),
            node.aliases.iter().cloned().collect::<Vec<_>>()
        );
        assert_eq!(row[5], node.mentions.to_string());
        assert_eq!(
            split(&row[6], d),
            node.documents.iter().cloned().collect::<Vec<_>>()
        );
        assert_eq!(split(&row[7], d), counts(node.mentions_by_document()));
    }

    let (header, rows) = read_csv(&dir.join("relationships.csv"));
    assert_eq!(header, RELATIONSHIP_HEADER);
    let edges = graph.edges();
    assert_eq!(rows.len(), edges.len());
    for (row, (s, e, t)) in rows.iter().zip(&edges) {
        let ev = &e.evidence;
        let numbers =
            |f: fn(&Evidence) -> usize| ev.iter().map(|x| f(x).to_string()).collect::<Vec<_>>();
        assert_eq!((&row[0], &row[1]), (&s.id, &t.id));
        assert_eq!(row[2], e.relation_type.neo4j_type());
        assert_eq!(row[3], e.mentions.to_string());
        assert_eq!(row[4].parse::<f64>().unwrap(), confidence(e.confidence));
        assert_eq!(row[5], e.symmetric.to_string());
        assert_eq!(
            split(&row[6], d),
            e.documents.iter().cloned().collect::<Vec<_>>()
        );
        assert_eq!(split(&row[7], d), counts(e.mentions_by_document()));
        assert_eq!(
            split(&row[8], d),
            ev.iter().map(evidence_key).collect::<Vec<_>>()
        );
        assert_eq!(
            split(&row[9], d),
            ev.iter().map(|x| x.document.clone()).collect::<Vec<_>>()
        );
        assert_eq!(split(&row[10], d), numbers(|x| x.sentence));
        assert_eq!(
            split(&row[11], d),
            ev.iter().map(|x| x.text.clone()).collect::<Vec<_>>()
        );
        assert_eq!(split(&row[12], d), numbers(|x| x.start));
        assert_eq!(split(&row[13], d), numbers(|x| x.end));
        assert_eq!(
            split(&row[14], d),
            ev.iter().map(|x| x.trigger.clone()).collect::<Vec<_>>()
        );
        assert_eq!(split(&row[15], d), numbers(|x| x.trigger_start));
        assert_eq!(split(&row[16], d), numbers(|x| x.trigger_end));
    }

    let constraints = std::fs::read_to_string(dir.join("constraints.cypher")).unwrap();
    assert!(constraints.contains("\nCREATE CONSTRAINT kgforge_entity_id IF NOT EXISTS"));
    for node in &nodes {
        assert!(constraints.contains(&format!("FOR (n:`{}`)", node.entity_type)));
    }
}

fn write_files(graph: &KnowledgeGraph, dir: &Path) {
    for (name, bytes) in neo4j_admin::to_neo4j_admin(graph).unwrap() {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

#[test]
fn extract_writes_neo4j_admin_files_that_read_back_as_the_graph() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("kgforge")
        .unwrap()
        .args(["extract", "--format", "neo4j-admin", "-o"])
        .arg(dir.path())
        .arg(common::seed_path())
        .assert()
        .success();
    let json = Command::cargo_bin("kgforge")
        .unwrap()
        .arg("extract")
        .arg(common::seed_path())
        .output()
        .unwrap();
    let schema = Schema::embedded().unwrap();
    let graph =
        kgforge::export::json::from_json(&json.stdout[..], Path::new("seed"), &schema).unwrap();
    assert!(graph.edge_count() > 5);
    assert_files_hold(dir.path(), &graph);
    let readme = std::fs::read_to_string(dir.path().join("README.md")).unwrap();
    assert!(readme.contains("--array-delimiter=U+003B"), "{readme}");
}

fn graph_with(names: &[String], texts: &[String]) -> KnowledgeGraph {
    let schema = Schema::embedded().unwrap();
    let mut graph = KnowledgeGraph::new(&schema);
    let types = [
        EntityType::person(),
        EntityType::country(),
        EntityType::location(),
    ];
    for (i, name) in names.iter().enumerate() {
        graph.upsert_node(Node {
            id: format!("{i}:{name}"),
            name: name.clone(),
            entity_type: types[i % 3].clone(),
            aliases: BTreeSet::from([name.clone(), format!("{name}+")]),
            mentions: i as u64,
            documents: BTreeSet::from([format!("d{name}")]),
            document_mentions: Default::default(),
        });
    }
    let ids: Vec<String> = graph.nodes().iter().map(|n| n.id.clone()).collect();
    for (i, pair) in ids.windows(2).enumerate() {
        let text = &texts[i % texts.len()];
        graph
            .upsert_edge(
                &pair[0],
                &pair[1],
                Edge {
                    relation_type: RelationType::new("criticized").unwrap(),
                    symmetric: false,
                    confidence: 0.1 * (i % 10) as f32,
                    mentions: 2,
                    documents: BTreeSet::from([format!("d{text}")]),
                    document_mentions: Default::default(),
                    evidence: vec![
                        Evidence {
                            document: format!("d{text}"),
                            sentence: i,
                            text: text.clone(),
                            start: i,
                            end: i + text.len(),
                            trigger: format!("t{text}"),
                            trigger_start: i,
                            trigger_end: i + 1,
                        };
                        1 + i % 2
                    ]
                    .into_iter()
                    .enumerate()
                    .map(|(k, mut e)| {
                        e.start += k;
                        e
                    })
                    .collect(),
                },
            )
            .unwrap();
    }
    graph
}

#[test]
fn names_holding_the_usual_delimiters_get_another_one() {
    let names: Vec<String> = [
        "a;b",
        "c|d",
        "e,\"f\"\ng",
        "x'}) MATCH (n) DETACH DELETE n //",
    ]
    .map(String::from)
    .to_vec();
    let graph = graph_with(&names, &["one; two | three".to_string()]);
    assert_eq!(neo4j_admin::array_delimiter(&graph).unwrap(), '\u{1F}');
    let dir = tempfile::tempdir().unwrap();
    write_files(&graph, dir.path());
    assert_files_hold(dir.path(), &graph);
    let readme = std::fs::read_to_string(dir.path().join("README.md")).unwrap();
    assert!(readme.contains("--array-delimiter=U+001F"), "{readme}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any Unicode names and evidence survive the neo4j-admin files unchanged.
    #[test]
    fn neo4j_admin_files_keep_arbitrary_text(
        names in prop::collection::vec("\\PC{1,12}|[;|\u{1f}\u{1e}\",\n\r\\\\`'{}]{1,6}", 1..8),
        texts in prop::collection::vec(any::<String>().prop_filter("non-empty", |s| !s.is_empty()), 1..4),
    ) {
        let graph = graph_with(&names, &texts);
        let dir = tempfile::tempdir().unwrap();
        write_files(&graph, dir.path());
        assert_files_hold(dir.path(), &graph);
    }
}

/// Arbitrary strings written as Cypher literals read back unchanged through the server.
#[test]
fn cypher_string_literals_mean_exactly_their_text_to_the_server() {
    let Some(server) =
        common::bolt::server("cypher_string_literals_mean_exactly_their_text_to_the_server")
    else {
        return;
    };
    let db = server.fresh_database("literals");
    let client = server.client(&db);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(200));
    runner
        .run(&any::<String>(), |text| {
            let cypher = format!("RETURN {} AS v", string_literal(&text));
            let value: String = client.block_on(async {
                let mut rows = client
                    .graph()
                    .execute(neo4rs::query(&cypher))
                    .await
                    .unwrap();
                rows.next().await.unwrap().unwrap().get("v").unwrap()
            });
            prop_assert_eq!(value, text);
            Ok(())
        })
        .unwrap();
}
