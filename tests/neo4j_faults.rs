//! `kgforge push` when the database fails: a server that accepts connections but never answers,
//! one that drops them, and a real server frozen in the middle of a push. Each ends with exit
//! code 4, a message saying what was loaded, and a rerun that completes the load. (Refused
//! connections, wrong passwords, unknown databases and a server killed mid-push are in
//! `tests/neo4j_push.rs`.)

mod common;

use std::collections::BTreeSet;
use std::io::Read;
use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use kgforge::graph::{Edge, KnowledgeGraph, Node};
use kgforge::schema::{EntityType, RelationType, Schema};

use common::bolt::{self, Snapshot};

const PASSWORD_VAR: &str = "KGFORGE_TEST_NEO4J_PASSWORD";

/// A TCP server on a free local port that accepts every connection and then either holds it
/// without a word (`drop_after_hello` false) or reads the Bolt greeting and closes it.
struct FakeServer {
    port: u16,
    stop: Arc<AtomicBool>,
}

impl FakeServer {
    fn start(drop_after_hello: bool) -> FakeServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        std::thread::spawn(move || {
            let mut held = Vec::new();
            let deadline = Instant::now() + Duration::from_secs(120);
            while !flag.load(Ordering::Relaxed) && Instant::now() < deadline {
                match listener.accept() {
                    Ok((mut stream, _)) => {
                        if drop_after_hello {
                            stream.set_nonblocking(false).unwrap();
                            let mut hello = [0u8; 4];
                            let _ = stream.read_exact(&mut hello);
                        } else {
                            held.push(stream);
                        }
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(20)),
                }
            }
        });
        FakeServer { port, stop }
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn push_to(port: u16, timeout: &str) -> Command {
    let mut cmd = Command::cargo_bin("kgforge").unwrap();
    cmd.args(["push", common::seed_path().to_str().unwrap()])
        .args(["--uri", &format!("bolt://127.0.0.1:{port}")])
        .args(["--password-env", PASSWORD_VAR, "--timeout", timeout])
        .env(PASSWORD_VAR, "whatever-pw");
    cmd
}

#[test]
fn a_server_that_never_answers_times_out_with_exit_code_4() {
    let server = FakeServer::start(false);
    let started = Instant::now();
    let out = push_to(server.port, "2").assert().code(4);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("cannot connect") && stderr.contains("no answer within 2 s"),
        "{stderr}"
    );
    assert!(stderr.contains(&server.port.to_string()), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    // the timeout, not the fake server's own end, stopped the push
    assert!(started.elapsed() < Duration::from_secs(60));
}

#[test]
fn a_server_that_drops_the_connection_is_exit_code_4() {
    let server = FakeServer::start(true);
    let out = push_to(server.port, "10").assert().code(4);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("cannot connect"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// Lets a frozen server go on when the test ends, however it ends.
struct Thaw<'a>(&'a bolt::OwnServer);

impl Drop for Thaw<'_> {
    fn drop(&mut self) {
        self.0.thaw();
    }
}

#[test]
fn a_server_frozen_mid_push_times_out_and_a_rerun_completes_the_load() {
    if bolt::server("a_server_frozen_mid_push_times_out_and_a_rerun_completes_the_load").is_none() {
        return;
    }
    let own = bolt::OwnServer::start();
    let server = own.server.clone();
    let db = server.fresh_database("frozen");

    let schema = Arc::new(Schema::embedded().unwrap());
    let mut graph = KnowledgeGraph::new(&*schema);
    let nodes = 8_000;
    for i in 0..nodes {
        graph.upsert_node(Node {
            id: format!("f{i:05}"),
            name: format!("Person {i}"),
            entity_type: EntityType::person(),
            aliases: BTreeSet::new(),
            mentions: 1,
            documents: BTreeSet::from(["doc".to_string()]),
            document_mentions: Default::default(),
        });
    }
    for i in 0..nodes - 1 {
        let edge = Edge {
            relation_type: RelationType::new("spoke-with").unwrap(),
            symmetric: false,
            confidence: 0.5,
            mentions: 1,
            documents: BTreeSet::from(["doc".to_string()]),
            document_mentions: Default::default(),
            evidence: Vec::new(),
        };
        graph
            .upsert_edge(&format!("f{i:05}"), &format!("f{:05}", i + 1), edge)
            .unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    std::fs::write(&path, kgforge::export::json::to_json(&graph)).unwrap();
    let command = || {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("kgforge"));
        cmd.args(["push", path.to_str().unwrap(), "--uri", &server.uri])
            .args(["--user", &server.user, "--database", &db])
            .args(["--password-env", PASSWORD_VAR, "--batch-size", "250"])
            .args(["--retries", "1", "--timeout", "3"])
            .env(PASSWORD_VAR, &server.password);
        cmd
    };
    let child = command()
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    while server.count(&db, "MATCH (n:Entity) RETURN count(n) AS n") < 500 {
        assert!(Instant::now() < deadline, "the push did not get going");
        std::thread::sleep(Duration::from_millis(50));
    }
    own.freeze();
    let thaw = Thaw(&own);
    let frozen_at = Instant::now();
    let out = child.wait_with_output().unwrap();
    let waited = frozen_at.elapsed();
    drop(thaw);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(4), "{stderr}");
    assert!(
        stderr.contains("no answer within 3 s")
            && stderr.contains("are committed")
            && stderr.contains("run the same push again"),
        "{stderr}"
    );
    // two tries of 3 s and a short backoff, not a hang
    assert!(waited < Duration::from_secs(60), "{waited:?}");
    let out = command().output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(server.snapshot(&db), Snapshot::of_graph(&graph));
}
