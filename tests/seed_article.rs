//! The seed article: the graph has the actors and relations the foundation promises.

mod common;

use std::sync::Arc;

use kgforge::graph::KnowledgeGraph;
use kgforge::pipeline::Pipeline;
use kgforge::schema::Schema;

fn seed_graph() -> KnowledgeGraph {
    let schema = Arc::new(Schema::embedded().unwrap());
    let pipeline = Pipeline::standard(schema.clone()).unwrap();
    let text = std::fs::read_to_string(common::seed_path()).unwrap();
    let doc = pipeline.run("russia-aid-us", &text).unwrap();
    let mut graph = KnowledgeGraph::new(schema);
    graph.add_document(&doc);
    graph
}

/// The id of the one node that has `form` as its name or an alias; fails if none or several.
fn node_with(graph: &KnowledgeGraph, form: &str) -> String {
    let found: Vec<_> = graph
        .nodes()
        .into_iter()
        .filter(|n| n.name == form || n.aliases.contains(form))
        .collect();
    assert_eq!(found.len(), 1, "nodes for {form:?}: {found:?}");
    found[0].id.clone()
}

#[test]
fn seed_article_has_one_typed_node_per_actor() {
    let graph = seed_graph();
    for (form, entity_type) in [
        ("Russia", "Country"),
        ("United States", "Country"),
        ("Vladimir Putin", "Person"),
        ("Donald Trump", "Person"),
        ("Antonov-124", "Product"),
        ("Italy", "Country"),
    ] {
        let id = node_with(&graph, form);
        assert_eq!(
            graph.node(&id).unwrap().entity_type.as_str(),
            entity_type,
            "{form}"
        );
    }
    // "U.S.", "US" and "the United States" are one node; "Putin" joins "Vladimir Putin"
    let us = node_with(&graph, "United States");
    assert_eq!(node_with(&graph, "U.S."), us);
    assert_eq!(node_with(&graph, "US"), us);
    assert_eq!(
        node_with(&graph, "Putin"),
        node_with(&graph, "Vladimir Putin")
    );
    assert_eq!(
        graph.node(&node_with(&graph, "Putin")).unwrap().name,
        "Vladimir Putin"
    );
}

#[test]
fn seed_article_has_the_core_relations_with_evidence() {
    let graph = seed_graph();
    let russia = node_with(&graph, "Russia");
    let us = node_with(&graph, "United States");
    let italy = node_with(&graph, "Italy");
    let putin = node_with(&graph, "Vladimir Putin");
    let trump = node_with(&graph, "Donald Trump");
    let edges = graph.edge_records();
    let has = |s: &str, t: &str, o: &str| {
        edges.iter().any(|e| {
            e.edge.relation_type.as_str() == t
                && ((e.source == s && e.target == o)
                    || (e.edge.symmetric && e.source == o && e.target == s))
        })
    };
    assert!(has(&russia, "sent-aid-to", &us), "{edges:#?}");
    assert!(has(&russia, "sent-aid-to", &italy), "{edges:#?}");
    assert!(has(&putin, "spoke-with", &trump), "{edges:#?}");
    assert!(has(&putin, "leader-of", &russia), "{edges:#?}");
    assert!(!has(&us, "sent-aid-to", &russia), "direction matters");
    let text = std::fs::read_to_string(common::seed_path()).unwrap();
    for e in &edges {
        let ev = e.edge.evidence.first().expect("every edge has evidence");
        assert_eq!(&text[ev.start..ev.end], ev.text, "sentence offsets");
        assert_eq!(
            &text[ev.trigger_start..ev.trigger_end],
            ev.trigger,
            "trigger offsets"
        );
        assert!(ev.start <= ev.trigger_start && ev.trigger_end <= ev.end);
    }
}
