//! `graph::analysis` against NetworkX, live: PageRank, betweenness, components, density and
//! shortest-path lengths on the test fixtures and on a random graph, compared with what
//! `tests/networkx_reference.py` computes. Skipped (with a SKIPPED line) without python3 and
//! networkx, unless KGFORGE_REQUIRE_EXTERNAL=1.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use kgforge::export::json::{from_json, to_json};
use kgforge::graph::analysis::{betweenness, components, pagerank, shortest_path, stats, Score};
use kgforge::graph::{Edge, KnowledgeGraph, Node};
use kgforge::schema::{EntityType, RelationType, Schema};
use serde_json::Value;

fn have_networkx(test: &str) -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import networkx"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        common::skip(test, "python3 with networkx is not available");
    }
    ok
}

/// NetworkX's answers for the graph saved at `path`.
fn reference(path: &std::path::Path) -> Value {
    let out = Command::new("python3")
        .arg(common::root().join("tests/networkx_reference.py"))
        .arg(path)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "networkx_reference.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the reference prints JSON")
}

fn assert_scores(graph: &KnowledgeGraph, ours: &[Score], theirs: &Value, what: &str) {
    let theirs = theirs.as_object().expect("an object of scores");
    assert_eq!(ours.len(), theirs.len(), "{what}: number of actors");
    for s in ours {
        let id = &graph.petgraph()[s.node].id;
        let expected = theirs[id].as_f64().expect("a number");
        assert!(
            (s.value - expected).abs() < 1e-9,
            "{what} of {id}: kgforge {} NetworkX {expected}",
            s.value
        );
    }
}

fn compare(graph: &KnowledgeGraph, path: &std::path::Path) {
    let nx = reference(path);
    let name = path.display();
    assert_scores(
        graph,
        &pagerank(graph, 0.85, false),
        &nx["pagerank"],
        &format!("{name}: pagerank"),
    );
    assert_scores(
        graph,
        &pagerank(graph, 0.85, true),
        &nx["pagerank_directed"],
        &format!("{name}: directed pagerank"),
    );
    assert_scores(
        graph,
        &betweenness(graph, false),
        &nx["betweenness"],
        &format!("{name}: betweenness"),
    );
    assert_scores(
        graph,
        &betweenness(graph, true),
        &nx["betweenness_directed"],
        &format!("{name}: directed betweenness"),
    );
    let g = graph.petgraph();
    let ours: BTreeSet<Vec<String>> = components(graph)
        .iter()
        .map(|c| c.iter().map(|&n| g[n].id.clone()).collect())
        .collect();
    let theirs: BTreeSet<Vec<String>> = serde_json::from_value(nx["components"].clone()).unwrap();
    assert_eq!(ours, theirs, "{name}: components");
    let density = nx["density"].as_f64().unwrap();
    assert!(
        (stats(graph, 0).density - density).abs() < 1e-12,
        "{name}: density"
    );
    // every pair: a chain exactly as long as NetworkX's distance, or none when it has none
    let distances: BTreeMap<String, BTreeMap<String, usize>> =
        serde_json::from_value(nx["distances"].clone()).unwrap();
    for a in g.node_indices() {
        for b in g.node_indices() {
            let ours = shortest_path(graph, a, b).map(|hops| hops.len());
            let theirs = distances[&g[a].id].get(&g[b].id).copied();
            assert_eq!(ours, theirs, "{name}: distance {} - {}", g[a].id, g[b].id);
        }
    }
}

/// A random graph: 120 actors, 240 relation attempts of four types (one symmetric), a fixed
/// LCG so that every run checks the same graph; some actors stay isolated.
fn random_graph() -> KnowledgeGraph {
    let schema = Schema::embedded().unwrap();
    let mut graph = KnowledgeGraph::new(&schema);
    let n = 120;
    for i in 0..n {
        graph.upsert_node(Node {
            id: format!("actor-{i:03}"),
            name: format!("Actor {i}"),
            entity_type: EntityType::country(),
            aliases: BTreeSet::new(),
            mentions: 1,
            documents: BTreeSet::new(),
            document_mentions: Default::default(),
        });
    }
    let mut state: u64 = 42;
    let mut next = |bound: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % bound
    };
    let types = ["sent-aid-to", "spoke-with", "criticized", "supported"];
    for _ in 0..240 {
        // a tenth of the actors (the last ones) never take part: isolated nodes
        let (s, t) = (next(n - 12), next(n - 12));
        if s == t {
            continue;
        }
        let edge = Edge {
            relation_type: RelationType::new(types[next(types.len())]).unwrap(),
            symmetric: false,
            confidence: 0.6,
            mentions: 1,
            documents: BTreeSet::new(),
            document_mentions: Default::default(),
            evidence: Vec::new(),
        };
        graph
            .upsert_edge(&format!("actor-{s:03}"), &format!("actor-{t:03}"), edge)
            .unwrap();
    }
    graph
}

#[test]
fn analysis_agrees_with_networkx() {
    if !have_networkx("analysis_agrees_with_networkx") {
        return;
    }
    let schema = Schema::embedded().unwrap();
    for fixture in ["handbuilt.json", "russia-aid-us.json"] {
        let path = common::root().join("tests/fixtures").join(fixture);
        let graph = from_json(std::fs::File::open(&path).unwrap(), &path, &schema).unwrap();
        compare(&graph, &path);
    }
    let graph = random_graph();
    assert!(
        graph.edge_count() > 200,
        "the random graph has its relations"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("random.json");
    std::fs::write(&path, to_json(&graph)).unwrap();
    compare(&graph, &path);
}
