//! Throughput of `kgforge query`'s analysis on synthetic actor graphs (and petgraph's PageRank, for comparison).

use std::collections::BTreeSet;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use kgforge::graph::analysis::{
    actor_network, betweenness, components, find_actor, pagerank, shortest_path,
};
use kgforge::graph::{Edge, KnowledgeGraph, Node};
use kgforge::schema::{EntityType, RelationType, Schema};
use petgraph::Directed;

/// A graph of `n` actors and about `3n` relations between random pairs (a fixed LCG, so every
/// run measures the same graph), a few hubs preferred as news graphs have.
fn synthetic(n: usize) -> KnowledgeGraph {
    let schema = Schema::embedded().expect("embedded schema");
    let mut graph = KnowledgeGraph::new(&schema);
    for i in 0..n {
        graph.upsert_node(Node {
            id: format!("actor-{i:06}"),
            name: format!("Actor {i}"),
            entity_type: EntityType::country(),
            aliases: BTreeSet::new(),
            mentions: 1,
            documents: BTreeSet::new(),
            document_mentions: Default::default(),
        });
    }
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |bound: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % bound
    };
    let types = ["sent-aid-to", "spoke-with", "criticized", "supported"];
    for _ in 0..3 * n {
        // half of the sources among the first 5% of actors: hubs
        let s = if next(2) == 0 {
            next(n / 20 + 1)
        } else {
            next(n)
        };
        let t = next(n);
        if s == t {
            continue;
        }
        let edge = Edge {
            relation_type: RelationType::new(types[next(types.len())]).expect("type"),
            symmetric: false,
            confidence: 0.6,
            mentions: 1,
            documents: BTreeSet::new(),
            document_mentions: Default::default(),
            evidence: Vec::new(),
        };
        graph
            .upsert_edge(&format!("actor-{s:06}"), &format!("actor-{t:06}"), edge)
            .expect("both ends exist");
    }
    graph
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("query");
    group.sample_size(10);
    for n in [1_000, 10_000] {
        let graph = synthetic(n);
        group.bench_with_input(BenchmarkId::new("pagerank", n), &graph, |b, g| {
            b.iter(|| pagerank(g, 0.85, false))
        });
        group.bench_with_input(BenchmarkId::new("components", n), &graph, |b, g| {
            b.iter(|| components(g))
        });
        let (a, z) = (
            find_actor(&graph, "actor-000001").expect("exists"),
            find_actor(&graph, &format!("actor-{:06}", n - 1)).expect("exists"),
        );
        group.bench_with_input(BenchmarkId::new("shortest_path", n), &graph, |b, g| {
            b.iter(|| shortest_path(g, a, z))
        });
        group.bench_with_input(BenchmarkId::new("find_actor", n), &graph, |b, g| {
            b.iter(|| find_actor(g, "Actor 4242").ok())
        });
    }
    for n in [1_000, 5_000] {
        let graph = synthetic(n);
        group.bench_with_input(BenchmarkId::new("betweenness", n), &graph, |b, g| {
            b.iter(|| betweenness(g, false))
        });
    }
    // petgraph's page_rank, on the same directed network, 100 iterations (about what the
    // power iteration above needs): O(iterations · n² · degree), so only the small graph
    {
        let n = 1_000;
        let graph = synthetic(n);
        let network = actor_network::<Directed>(&graph);
        group.bench_with_input(
            BenchmarkId::new("petgraph_page_rank", n),
            &network,
            |b, net| b.iter(|| petgraph::algo::page_rank(net, 0.85_f64, 100)),
        );
        group.bench_with_input(BenchmarkId::new("pagerank_directed", n), &graph, |b, g| {
            b.iter(|| pagerank(g, 0.85, true))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
