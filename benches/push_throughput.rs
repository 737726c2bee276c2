//! Push throughput (rows/s): `kgforge push` against the leanest client sending the same batches.
//!
//! Both push the same graph into a fresh, empty database per iteration (created outside the
//! timing): the lean client is raw neo4rs running the same statements with rows converted
//! to Bolt values beforehand, one transaction per batch, no result reading, no retries, no
//! error handling; kgforge does its whole job (plan, rows, constraints, transactions,
//! counts). The server's limit is what the lean client reaches.
//!
//! Needs the test server (`scripts/start-bolt-server.sh`, then the `KGFORGE_TEST_BOLT_*`
//! variables as `.ci/run` sets them):
//!
//! ```sh
//! cargo bench --bench push_throughput
//! KGFORGE_BENCH_GRAPH=graph.json cargo bench --bench push_throughput   # a real graph instead
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use kgforge::doc::Evidence;
use kgforge::graph::{Edge, KnowledgeGraph, Node};
use kgforge::neo4j::push::rows_parameter;
use kgforge::neo4j::{plan, Client, Connection, PushOptions, DEFAULT_BATCH_SIZE};
use kgforge::schema::{EntityType, RelationType, Schema};

struct Server {
    uri: String,
    user: String,
    password: String,
    http: String,
}

fn server() -> Option<Server> {
    let get = |k: &str| std::env::var(format!("KGFORGE_TEST_BOLT_{k}")).ok();
    Some(Server {
        uri: get("URI")?,
        user: get("USER")?,
        password: get("PASSWORD")?,
        http: get("HTTP")?,
    })
}

fn base64(input: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for c in input.chunks(3) {
        let n = (c[0] as u32) << 16
            | (*c.get(1).unwrap_or(&0) as u32) << 8
            | *c.get(2).unwrap_or(&0) as u32;
        for i in 0..4 {
            out.push(if i <= c.len() {
                A[(n >> (18 - 6 * i) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    out
}

static DATABASES: AtomicUsize = AtomicUsize::new(0);

impl Server {
    /// A new empty database, created through ArcadeDB's HTTP API.
    fn fresh_database(&self) -> String {
        let name = format!(
            "bench_{}_{}",
            std::process::id(),
            DATABASES.fetch_add(1, Ordering::SeqCst)
        );
        let address = self.http.trim_start_matches("http://");
        let body = format!("{{\"command\":\"create database {name}\"}}");
        let mut s = TcpStream::connect(address).expect("ArcadeDB HTTP API");
        write!(
            s,
            "POST /api/v1/server HTTP/1.0\r\nHost: {address}\r\nAuthorization: Basic {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            base64(format!("{}:{}", self.user, self.password).as_bytes()),
            body.len()
        )
        .unwrap();
        let mut response = String::new();
        s.read_to_string(&mut response).unwrap();
        assert!(response.contains(" 200 "), "{response}");
        name
    }

    fn connection(&self, database: &str) -> Connection {
        Connection {
            uri: self.uri.clone(),
            user: self.user.clone(),
            password: self.password.clone(),
            database: Some(database.into()),
            timeout: Duration::from_secs(120),
        }
    }
}

/// A news-like graph: `nodes` actors of mixed types with aliases and documents, and about as
/// many relations of mixed types, each with one or two evidence sentences.
fn synthetic_graph(nodes: usize) -> KnowledgeGraph {
    let schema = Schema::embedded().unwrap();
    let mut graph = KnowledgeGraph::new(&schema);
    let types = [
        EntityType::person(),
        EntityType::country(),
        EntityType::organization(),
        EntityType::location(),
    ];
    let relations = [
        "spoke-with",
        "sent-aid-to",
        "praised",
        "criticized",
        "met-with",
        "leader-of",
    ];
    for i in 0..nodes {
        // one mention in each document, and a few more in the first
        let documents: BTreeSet<String> = (0..1 + i % 3)
            .map(|d| format!("2019-01-{:02}-article-{}", 1 + (i + d) % 28, (i + d) % 97))
            .collect();
        let mut document_mentions: BTreeMap<String, u64> =
            documents.iter().map(|d| (d.clone(), 1)).collect();
        if let Some(first) = document_mentions.values_mut().next() {
            *first += (i % 9) as u64;
        }
        graph.upsert_node(Node {
            id: format!("actor-{i}"),
            name: format!("Actor Number {i}"),
            entity_type: types[i % types.len()].clone(),
            aliases: BTreeSet::from([format!("Actor {i}"), format!("Number {i}")]),
            mentions: document_mentions.values().sum(),
            documents,
            document_mentions,
        });
    }
    for i in 0..nodes {
        let j = (i * 7 + 13) % nodes;
        if i == j {
            continue;
        }
        let evidence = (0..1 + i % 2)
            .map(|k| Evidence {
                document: format!("2019-01-{:02}-article-{}", 1 + i % 28, i % 97),
                sentence: k + i % 40,
                text: format!("Actor Number {i} reportedly met Actor Number {j} on Monday to discuss aid and sanctions, officials said."),
                start: 100 * k + i,
                end: 100 * k + i + 98,
                trigger: "met".into(),
                trigger_start: 100 * k + i + 30,
                trigger_end: 100 * k + i + 33,
            })
            .collect::<Vec<_>>();
        let _ = graph.upsert_edge(
            &format!("actor-{i}"),
            &format!("actor-{j}"),
            Edge {
                relation_type: RelationType::new(relations[i % relations.len()]).unwrap(),
                symmetric: false,
                confidence: 0.4 + (i % 5) as f32 / 10.0,
                mentions: evidence.len() as u64,
                documents: evidence.iter().map(|e| e.document.clone()).collect(),
                document_mentions: evidence.iter().fold(BTreeMap::new(), |mut m, e| {
                    *m.entry(e.document.clone()).or_default() += 1;
                    m
                }),
                evidence,
            },
        );
    }
    graph
}

fn bench_graph() -> KnowledgeGraph {
    match std::env::var("KGFORGE_BENCH_GRAPH") {
        Ok(path) => {
            let schema = Schema::embedded().unwrap();
            kgforge::export::json::from_json(
                std::fs::File::open(&path).unwrap(),
                path.as_ref(),
                &schema,
            )
            .unwrap()
        }
        Err(_) => synthetic_graph(6_000),
    }
}

fn push_throughput(c: &mut Criterion) {
    let Some(server) = server() else {
        eprintln!("SKIPPED push_throughput: no Bolt test server (KGFORGE_TEST_BOLT_* not set; see scripts/start-bolt-server.sh)");
        return;
    };
    let server = Arc::new(server);
    let graph = bench_graph();
    let batch_size: usize = std::env::var("KGFORGE_BENCH_BATCH")
        .ok()
        .and_then(|b| b.parse().ok())
        .unwrap_or(DEFAULT_BATCH_SIZE);
    let rows = (graph.node_count() + graph.edge_count()) as u64;
    eprintln!(
        "graph: {} nodes, {} relationships; batches of {batch_size} rows",
        graph.node_count(),
        graph.edge_count()
    );

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut group = c.benchmark_group("push");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(30));
    group.throughput(Throughput::Elements(rows));

    // the leanest client: raw neo4rs, statements and Bolt rows prepared outside the timing
    let lean_plan = plan(&graph, batch_size);
    let lean_batches: Vec<(Vec<String>, neo4rs::BoltType)> = lean_plan
        .batches
        .iter()
        .map(|b| {
            (
                b.statements("$rows", lean_plan.evidence_cap),
                rows_parameter(&b.rows),
            )
        })
        .collect();
    group.bench_function("lean_neo4rs", |b| {
        b.iter_batched(
            || {
                let db = server.fresh_database();
                let config = neo4rs::ConfigBuilder::default()
                    .uri(server.uri.as_str())
                    .user(server.user.as_str())
                    .password(server.password.as_str())
                    .db(db.as_str())
                    .build()
                    .unwrap();
                let g = neo4rs::Graph::connect(config).unwrap();
                // open the connection outside the timing, as kgforge's Client::connect does
                runtime.block_on(g.run(neo4rs::query("RETURN 1"))).unwrap();
                g
            },
            |g| {
                runtime.block_on(async {
                    for statement in &lean_plan.constraints {
                        g.run(neo4rs::query(statement)).await.unwrap();
                    }
                    for (statements, rows) in &lean_batches {
                        let mut txn = g.start_txn().await.unwrap();
                        for statement in statements {
                            txn.run(neo4rs::query(statement).param("rows", rows.clone()))
                                .await
                                .unwrap();
                        }
                        txn.commit().await.unwrap();
                    }
                })
            },
            BatchSize::PerIteration,
        )
    });

    // kgforge: the library call behind `kgforge push`, from the graph
    let options = PushOptions {
        batch_size,
        ..PushOptions::default()
    };
    group.bench_function("kgforge_push", |b| {
        b.iter_batched(
            || Client::connect(&server.connection(&server.fresh_database())).unwrap(),
            |client| client.push(&graph, &options, |_| {}).unwrap(),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, push_throughput);
criterion_main!(benches);
