//! `kgforge push` and the `cypher` export against a real Bolt server (ArcadeDB from `.ci/run`).
//!
//! Every test works in a database of its own, so the tests run in parallel; the test that
//! stops the server mid-push starts a server of its own.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use kgforge::doc::Evidence;
use kgforge::export::{cypher, json};
use kgforge::graph::{Edge, KnowledgeGraph, Node};
use kgforge::pipeline::Pipeline;
use kgforge::schema::{EntityType, RelationType, Schema};
use serde::Deserialize;

use common::bolt::{self, BoltServer, Snapshot};

const PASSWORD_VAR: &str = "KGFORGE_TEST_NEO4J_PASSWORD";

const SECOND_ARTICLE: &str = "\
Russia sent medical aid to Serbia on Tuesday, the Kremlin said.

Russian President Vladimir Putin spoke with Serbian President Aleksandar Vucic by telephone. \
Vucic praised Russia for the help. Italy also sent aid to Serbia.
";

const THIRD_ARTICLE: &str = "\
Serbia sent medical aid to Italy on Friday.

Serbian President Aleksandar Vucic spoke with Russian President Vladimir Putin about the aid.
";

fn kgforge() -> Command {
    Command::cargo_bin("kgforge").unwrap()
}

/// `kgforge push ARGS… --uri … --user … --password-env … --database DB`.
fn push(server: &BoltServer, database: &str, args: &[&str]) -> Command {
    let mut cmd = kgforge();
    cmd.arg("push")
        .args(args)
        .args([
            "--uri",
            &server.uri,
            "--user",
            &server.user,
            "--database",
            database,
        ])
        .args(["--password-env", PASSWORD_VAR])
        .env(PASSWORD_VAR, &server.password)
        .env_remove("NEO4J_PASSWORD");
    cmd
}

fn schema() -> Arc<Schema> {
    Arc::new(Schema::embedded().unwrap())
}

/// The graph `kgforge push` builds from these articles (name, text), in order.
fn graph_of(articles: &[(&str, &str)]) -> KnowledgeGraph {
    let schema = schema();
    let pipeline = Pipeline::standard(schema.clone()).unwrap();
    let mut graph = KnowledgeGraph::new(&*schema);
    for (name, text) in articles {
        graph.add_document(&pipeline.run(name, text).unwrap());
    }
    graph
}

fn seed_text() -> String {
    std::fs::read_to_string(common::seed_path()).unwrap()
}

fn write_json(dir: &Path, name: &str, graph: &KnowledgeGraph) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, json::to_json(graph)).unwrap();
    path
}

/// The same content with set-valued lists (aliases, documents) sorted: their order in the
/// database is the order in which pushes brought the elements.
fn sets_sorted(mut s: Snapshot) -> Snapshot {
    for n in &mut s.nodes {
        n.aliases.sort();
        sort_documents(&mut n.documents, &mut n.document_mentions);
    }
    for r in &mut s.relationships {
        sort_documents(&mut r.documents, &mut r.document_mentions);
    }
    s
}

/// Sorts documents, keeping each count beside its document when there are counts.
fn sort_documents(documents: &mut Vec<String>, counts: &mut Vec<i64>) {
    if counts.len() == documents.len() {
        let mut pairs: Vec<(String, i64)> = documents.drain(..).zip(counts.drain(..)).collect();
        pairs.sort();
        (*documents, *counts) = pairs.into_iter().unzip();
    } else {
        documents.sort();
    }
}

#[test]
fn push_of_an_article_stores_every_node_relationship_and_property() {
    let Some(server) =
        bolt::server("push_of_an_article_stores_every_node_relationship_and_property")
    else {
        return;
    };
    let db = server.fresh_database("seed");
    let out = push(&server, &db, &[common::seed_path().to_str().unwrap()])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let expected = graph_of(&[("russia-aid-us", &seed_text())]);
    assert!(expected.node_count() > 5 && expected.edge_count() > 5);
    assert!(
        stdout.contains(&format!(
            "pushed {} nodes ({} new)",
            expected.node_count(),
            expected.node_count()
        )),
        "{stdout}"
    );
    assert_eq!(server.snapshot(&db), Snapshot::of_graph(&expected));
    // labels are real labels (written into the query text), so label scans find the nodes
    assert_eq!(
        server.count(&db, "MATCH (n:Country {id: 'russia'}) RETURN count(n) AS n"),
        1
    );
    assert_eq!(
        server.count(&db, "MATCH (n:Entity) RETURN count(n) AS n"),
        expected.node_count() as i64
    );
    // the constraints exist: a second Entity with an existing id is refused
    let client = server.client(&db);
    let duplicate = client.block_on(
        client
            .graph()
            .run(neo4rs::query("CREATE (:Entity {id: 'russia'})")),
    );
    assert!(
        duplicate.is_err(),
        "the uniqueness constraint on Entity.id is missing"
    );
}

/// The Cypher queries of the README's "Useful queries" block.
fn readme_queries() -> Vec<String> {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let after = readme
        .split("Useful queries:")
        .nth(1)
        .expect("README has \"Useful queries:\"");
    let block = after
        .split("```cypher\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("a cypher block after it");
    block
        .split(";\n")
        .map(|q| {
            q.lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .filter(|q| !q.trim().is_empty())
        .collect()
}

#[test]
fn the_readme_queries_answer_who_did_what() {
    let Some(server) = bolt::server("the_readme_queries_answer_who_did_what") else {
        return;
    };
    let db = server.fresh_database("readme");
    push(&server, &db, &[common::seed_path().to_str().unwrap()])
        .assert()
        .success();
    let queries = readme_queries();
    assert_eq!(queries.len(), 3, "{queries:?}");

    #[derive(Debug, Deserialize)]
    struct Aid {
        giver: String,
        receiver: String,
        statements: i64,
        articles: Vec<String>,
    }
    let aid: Vec<Aid> = server.rows(&db, &queries[0]);
    assert!(
        aid.iter().any(|a| a.giver == "Russia"
            && a.receiver == "United States"
            && a.statements >= 1
            && a.articles == ["russia-aid-us"]),
        "{aid:?}"
    );
    assert!(aid.windows(2).all(|w| w[0].statements >= w[1].statements));

    #[derive(Debug, Deserialize)]
    struct Did {
        relation: String,
        by_putin: bool,
        other: String,
        example: String,
    }
    let did: Vec<Did> = server.rows(&db, &queries[1]);
    assert!(
        did.iter()
            .any(|d| d.relation == "LEADER_OF" && d.by_putin && d.other == "Russia"),
        "{did:?}"
    );
    assert!(
        did.iter()
            .any(|d| d.relation == "SPOKE_WITH" && d.other == "Donald Trump"),
        "{did:?}"
    );
    assert!(did.iter().all(|d| !d.example.is_empty()));

    #[derive(Debug, Deserialize)]
    struct Proof {
        document: String,
        sentence_no: i64,
        sentence: String,
        trigger: String,
    }
    let proof: Vec<Proof> = server.rows(&db, &queries[2]);
    assert_eq!(proof.len(), 2, "{proof:?}");
    assert!(proof.iter().all(|p| p.document == "russia-aid-us"
        && p.sentence_no >= 0
        && p.sentence.contains(&p.trigger)));
}

#[test]
fn pushing_the_same_graph_again_changes_nothing() {
    let Some(server) = bolt::server("pushing_the_same_graph_again_changes_nothing") else {
        return;
    };
    let db = server.fresh_database("idem");
    let dir = tempfile::tempdir().unwrap();
    let graph = graph_of(&[("russia-aid-us", &seed_text()), ("second", SECOND_ARTICLE)]);
    let path = write_json(dir.path(), "graph.json", &graph);
    let path = path.to_str().unwrap();
    push(&server, &db, &[path, "--batch-size", "3"])
        .assert()
        .success();
    let first = server.snapshot(&db);
    assert_eq!(first, Snapshot::of_graph(&graph));

    // again, with the password on standard input and another batch size
    let out = kgforge()
        .args([
            "push",
            path,
            "--uri",
            &server.uri,
            "--user",
            &server.user,
            "--database",
            &db,
        ])
        .arg("--password-stdin")
        .write_stdin(format!("{}\n", server.password))
        .env_remove("NEO4J_PASSWORD")
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.contains("(0 new)"), "{stdout}");
    assert_eq!(server.snapshot(&db), first);

    // and once more with every setting from the NEO4J_* variables
    kgforge()
        .args(["push", path])
        .env("NEO4J_URI", &server.uri)
        .env("NEO4J_USER", &server.user)
        .env("NEO4J_PASSWORD", &server.password)
        .env("NEO4J_DATABASE", &db)
        .assert()
        .success();
    assert_eq!(server.snapshot(&db), first);
}

#[test]
fn a_second_article_adds_to_the_graph() {
    let Some(server) = bolt::server("a_second_article_adds_to_the_graph") else {
        return;
    };
    let (one, merged) = (
        server.fresh_database("add"),
        server.fresh_database("merged"),
    );
    let dir = tempfile::tempdir().unwrap();
    let second = dir.path().join("second.txt");
    std::fs::write(&second, SECOND_ARTICLE).unwrap();

    push(&server, &one, &[common::seed_path().to_str().unwrap()])
        .assert()
        .success();
    let before = server.snapshot(&one);
    push(&server, &one, &[second.to_str().unwrap()])
        .assert()
        .success();
    let after = server.snapshot(&one);
    assert_ne!(before, after);
    assert!(after.nodes.len() > before.nodes.len());

    // the same as pushing both articles at once into an empty database
    let both = graph_of(&[("russia-aid-us", &seed_text()), ("second", SECOND_ARTICLE)]);
    push(
        &server,
        &merged,
        &[
            common::seed_path().to_str().unwrap(),
            second.to_str().unwrap(),
        ],
    )
    .assert()
    .success();
    assert_eq!(server.snapshot(&merged), Snapshot::of_graph(&both));
    assert_eq!(
        sets_sorted(after.clone()),
        sets_sorted(Snapshot::of_graph(&both))
    );
    let russia = after.nodes.iter().find(|n| n.id == "russia").unwrap();
    assert_eq!(russia.documents, ["russia-aid-us", "second"]);
    assert_eq!(
        russia.mentions,
        both.node("russia").unwrap().mentions as i64
    );

    // pushing an article already in the database, or the merged graph, changes nothing
    push(&server, &one, &[common::seed_path().to_str().unwrap()])
        .assert()
        .success();
    assert_eq!(server.snapshot(&one), after);
    let path = write_json(dir.path(), "both.json", &both);
    push(&server, &one, &[path.to_str().unwrap()])
        .assert()
        .success();
    assert_eq!(sets_sorted(server.snapshot(&one)), sets_sorted(after));
}

#[test]
fn graphs_whose_documents_overlap_count_each_document_once() {
    let Some(server) = bolt::server("graphs_whose_documents_overlap_count_each_document_once")
    else {
        return;
    };
    let db = server.fresh_database("overlap");
    let dir = tempfile::tempdir().unwrap();
    let seed = seed_text();
    // two graphs that share the second article, as two runs over overlapping folders give
    let first = graph_of(&[("russia-aid-us", &seed), ("second", SECOND_ARTICLE)]);
    let next = graph_of(&[("second", SECOND_ARTICLE), ("third", THIRD_ARTICLE)]);
    let all = graph_of(&[
        ("russia-aid-us", &seed),
        ("second", SECOND_ARTICLE),
        ("third", THIRD_ARTICLE),
    ]);
    for (name, graph) in [("first.json", &first), ("next.json", &next)] {
        let path = write_json(dir.path(), name, graph);
        push(&server, &db, &[path.to_str().unwrap()])
            .assert()
            .success();
    }
    let stored = server.snapshot(&db);
    assert_eq!(
        sets_sorted(stored.clone()),
        sets_sorted(Snapshot::of_graph(&all))
    );
    // the second article's mentions of Russia and Serbia are counted once, not twice
    for id in ["russia", "serbia"] {
        let node = stored.nodes.iter().find(|n| n.id == id).unwrap();
        let twice = first.node(id).unwrap().mentions + next.node(id).unwrap().mentions;
        assert_eq!(node.mentions, all.node(id).unwrap().mentions as i64, "{id}");
        assert!((node.mentions as u64) < twice, "{id}: {node:?}");
        assert_eq!(node.document_mentions.len(), node.documents.len(), "{id}");
    }
    // pushing the first graph again changes nothing
    let path = write_json(dir.path(), "again.json", &first);
    push(&server, &db, &[path.to_str().unwrap()])
        .assert()
        .success();
    assert_eq!(server.snapshot(&db), stored);
}

#[test]
fn a_wrong_password_is_a_clear_error_with_exit_code_3() {
    let Some(server) = bolt::server("a_wrong_password_is_a_clear_error_with_exit_code_3") else {
        return;
    };
    let out = kgforge()
        .args([
            "push",
            common::seed_path().to_str().unwrap(),
            "--uri",
            &server.uri,
        ])
        .args(["--user", &server.user, "--password-env", PASSWORD_VAR])
        .env(PASSWORD_VAR, "not-the-password-42")
        .assert()
        .code(3);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("authentication failed"), "{stderr}");
    assert!(!stderr.contains("not-the-password-42"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn an_unknown_database_is_refused_with_exit_code_5() {
    let Some(server) = bolt::server("an_unknown_database_is_refused_with_exit_code_5") else {
        return;
    };
    let out = push(
        &server,
        "no_such_database_here",
        &[common::seed_path().to_str().unwrap()],
    )
    .assert()
    .code(5);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("no_such_database_here"), "{stderr}");
}

#[test]
fn a_server_that_is_down_is_a_clear_error_with_exit_code_4() {
    // a port that was free a moment ago: nothing listens there
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let started = Instant::now();
    let out = kgforge()
        .args(["push", common::seed_path().to_str().unwrap()])
        .args([
            "--uri",
            &format!("bolt://127.0.0.1:{port}"),
            "--password-env",
            PASSWORD_VAR,
        ])
        .env(PASSWORD_VAR, "whatever-pw")
        .assert()
        .code(4);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("cannot connect"), "{stderr}");
    assert!(stderr.contains(&port.to_string()), "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn dry_run_sends_nothing_and_needs_no_password() {
    let out = kgforge()
        .args([
            "push",
            common::seed_path().to_str().unwrap(),
            "--dry-run",
            "--batch-size",
            "4",
        ])
        .args(["--uri", "bolt://127.0.0.1:1"])
        .env_remove("NEO4J_PASSWORD")
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.contains("nothing is sent"), "{stdout}");
    assert!(
        stdout.contains("CREATE CONSTRAINT kgforge_entity_id IF NOT EXISTS"),
        "{stdout}"
    );
    assert!(stdout.contains("UNWIND $rows AS row"), "{stdout}");
    assert!(stdout.contains("batch 1 of "), "{stdout}");
}

#[test]
fn the_password_is_never_an_option() {
    kgforge()
        .args(["push", "graph.json", "--password", "secret"])
        .assert()
        .code(2);
    // without a terminal, a variable or --password-stdin, push says how to give one
    let out = kgforge()
        .args([
            "push",
            common::seed_path().to_str().unwrap(),
            "--uri",
            "bolt://127.0.0.1:1",
        ])
        .env_remove("NEO4J_PASSWORD")
        .write_stdin("")
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("--password-env") && stderr.contains("--password-stdin"),
        "{stderr}"
    );
}

/// Names, aliases, document names and evidence that try to break Cypher, and a graph of them.
fn hostile_graph() -> KnowledgeGraph {
    let hostile = [
        "x'}) MATCH (n) DETACH DELETE n //",
        "\"}) MATCH (n) DETACH DELETE n //",
        "`Person`) DETACH DELETE n //",
        "back\\slash \\' \\\" \\n \\u0041",
        "line one\nline two\r\nline\tthree",
        "emoji 🙂 flag 🇺🇦 family 👨‍👩‍👧",
        "\u{202E}right-to-left\u{200F} mark",
        "<>&;,=cmd|' OR '1'='1",
        "$rows {rows} $param",
        "ctl \u{1} \u{7f} \u{85} sep \u{2028}\u{2029}",
        "",
    ];
    let schema = schema();
    let mut graph = KnowledgeGraph::new(&*schema);
    let types = [
        EntityType::person(),
        EntityType::country(),
        EntityType::organization(),
    ];
    for (i, name) in hostile.iter().enumerate() {
        graph.upsert_node(Node {
            id: format!("{name}#{i}"),
            name: name.to_string(),
            entity_type: types[i % types.len()].clone(),
            aliases: BTreeSet::from([name.to_string(), format!("{name} alias")]),
            mentions: i as u64 + 1,
            documents: BTreeSet::from([format!("doc {name}")]),
            document_mentions: BTreeMap::from([(format!("doc {name}"), i as u64 + 1)]),
        });
    }
    let ids: Vec<String> = graph.nodes().iter().map(|n| n.id.clone()).collect();
    for (i, window) in ids.windows(2).enumerate() {
        let text = hostile[i % hostile.len()];
        graph
            .upsert_edge(
                &window[0],
                &window[1],
                Edge {
                    relation_type: RelationType::new(if i % 2 == 0 {
                        "praised"
                    } else {
                        "sent-aid-to"
                    })
                    .unwrap(),
                    symmetric: false,
                    confidence: 0.25 + i as f32 / 100.0,
                    mentions: 1,
                    documents: BTreeSet::from([format!("doc {text}")]),
                    document_mentions: BTreeMap::from([(format!("doc {text}"), 1)]),
                    evidence: vec![Evidence {
                        document: format!("doc {text}"),
                        sentence: i,
                        text: format!("{text} said ' \" ` }}"),
                        start: i * 10,
                        end: i * 10 + 9,
                        trigger: text.to_string(),
                        trigger_start: i * 10 + 1,
                        trigger_end: i * 10 + 2,
                    }],
                },
            )
            .unwrap();
    }
    graph
}

#[test]
fn hostile_names_are_stored_as_plain_strings() {
    let Some(server) = bolt::server("hostile_names_are_stored_as_plain_strings") else {
        return;
    };
    let db = server.fresh_database("hostile");
    let client = server.client(&db);
    client
        .block_on(
            client
                .graph()
                .run(neo4rs::query("CREATE (:Sentinel {id: 'keep me'})")),
        )
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let graph = hostile_graph();
    let path = write_json(dir.path(), "hostile.json", &graph);
    push(&server, &db, &[path.to_str().unwrap(), "--batch-size", "4"])
        .assert()
        .success();
    assert_eq!(
        server.count(&db, "MATCH (n:Sentinel) RETURN count(n) AS n"),
        1
    );
    let mut snapshot = server.snapshot(&db);
    snapshot
        .nodes
        .retain(|n| !n.labels.contains(&"Sentinel".to_string()));
    assert_eq!(snapshot, Snapshot::of_graph(&graph));
}

#[test]
fn the_cypher_script_run_statement_by_statement_leaves_exactly_the_graph() {
    let Some(server) =
        bolt::server("the_cypher_script_run_statement_by_statement_leaves_exactly_the_graph")
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let script_path = dir.path().join("seed.cypher");
    kgforge()
        .args([
            "extract",
            "--format",
            "cypher",
            "-o",
            script_path.to_str().unwrap(),
        ])
        .arg(common::seed_path())
        .assert()
        .success();
    let seed_script = std::fs::read_to_string(&script_path).unwrap();
    let cases = [
        (graph_of(&[("russia-aid-us", &seed_text())]), seed_script),
        (hostile_graph(), cypher::to_cypher(&hostile_graph())),
    ];
    for (graph, script) in cases {
        let db = server.fresh_database("script");
        let client = server.client(&db);
        let statements = cypher::statements(&script);
        assert!(statements.len() > 3);
        for round in 0..2 {
            for statement in &statements {
                client
                    .block_on(client.graph().run(neo4rs::query(statement)))
                    .unwrap_or_else(|e| panic!("{e}: {statement}"));
            }
            assert_eq!(
                server.snapshot(&db),
                Snapshot::of_graph(&graph),
                "after run {round}"
            );
        }
    }
}

#[test]
fn a_server_stopped_mid_push_leaves_whole_batches_and_a_rerun_completes_the_load() {
    if bolt::server("a_server_stopped_mid_push_leaves_whole_batches_and_a_rerun_completes_the_load")
        .is_none()
    {
        return;
    }
    let own = bolt::OwnServer::start();
    let server = own.server.clone();
    let db = server.fresh_database("crash");

    // a graph large enough to take several seconds in 500-row batches
    let schema = schema();
    let mut graph = KnowledgeGraph::new(&*schema);
    let nodes = 12_000;
    for i in 0..nodes {
        graph.upsert_node(Node {
            id: format!("p{i:05}"),
            name: format!("Person {i}"),
            entity_type: EntityType::person(),
            aliases: BTreeSet::from([format!("P{i}")]),
            mentions: 1 + i % 7,
            documents: BTreeSet::from([format!("doc{}", i % 50)]),
            document_mentions: BTreeMap::from([(format!("doc{}", i % 50), 1 + i % 7)]),
        });
    }
    for i in 0..nodes - 1 {
        graph
            .upsert_edge(
                &format!("p{i:05}"),
                &format!("p{:05}", i + 1),
                Edge {
                    relation_type: RelationType::new("spoke-with").unwrap(),
                    symmetric: false,
                    confidence: 0.5,
                    mentions: 1,
                    documents: BTreeSet::from([format!("doc{}", i % 50)]),
                    document_mentions: BTreeMap::from([(format!("doc{}", i % 50), 1)]),
                    evidence: Vec::new(),
                },
            )
            .unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = write_json(dir.path(), "big.json", &graph);
    let batch = 500usize;
    let args = |cmd: &mut std::process::Command| {
        cmd.args([
            "push",
            path.to_str().unwrap(),
            "--uri",
            &server.uri,
            "--user",
            &server.user,
        ])
        .args([
            "--database",
            &db,
            "--password-env",
            PASSWORD_VAR,
            "--batch-size",
            "500",
        ])
        .args(["--retries", "2", "--timeout", "20"])
        .env(PASSWORD_VAR, &server.password);
    };
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("kgforge"));
    args(&mut cmd);
    let child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();

    // wait until two batches are in, then crash the server
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let n = server.count(&db, "MATCH (n:Entity) RETURN count(n) AS n");
        if n >= 2 * batch as i64 {
            break;
        }
        assert!(Instant::now() < deadline, "the push did not get going");
        std::thread::sleep(Duration::from_millis(50));
    }
    own.kill();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(4), "{stderr}");
    assert!(
        stderr.contains("rolled back") && stderr.contains("run the same push again"),
        "{stderr}"
    );

    // after a restart the database holds whole batches only: the first k of the plan
    own.restart();
    let plan = kgforge::neo4j::plan(&graph, batch);
    let stored: BTreeSet<String> = server
        .rows::<IdRow>(&db, "MATCH (n:Entity) RETURN n.id AS id")
        .into_iter()
        .map(|r| r.id)
        .collect();
    let relationships = server.count(&db, "MATCH ()-[r]->() RETURN count(r) AS n");
    let mut prefix_nodes = BTreeSet::new();
    let mut prefix_relationships = 0i64;
    let mut whole = stored.is_empty() && relationships == 0;
    for b in &plan.batches {
        for row in &b.rows {
            match (&b.kind, row.get("id")) {
                (kgforge::neo4j::BatchKind::Nodes(_), Some(kgforge::neo4j::Value::Str(id))) => {
                    prefix_nodes.insert(id.clone());
                }
                _ => prefix_relationships += 1,
            }
        }
        if prefix_nodes == stored && prefix_relationships == relationships {
            whole = true;
            break;
        }
    }
    assert!(
        whole,
        "the database holds {} nodes and {relationships} relationships, not the first batches of the plan",
        stored.len()
    );
    assert!(stored.len() < nodes as usize || relationships < (nodes - 1) as i64);

    // running the same push again completes the load, with nothing counted twice
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("kgforge"));
    args(&mut cmd);
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(server.snapshot(&db), Snapshot::of_graph(&graph));
}

#[derive(Deserialize)]
struct IdRow {
    id: String,
}
