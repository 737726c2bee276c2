//! The test Bolt server: its settings from the environment, a fresh database per test, reading back.
//!
//! `.ci/run` starts ArcadeDB with `scripts/start-bolt-server.sh` and exports
//! `KGFORGE_TEST_BOLT_URI`, `_USER`, `_PASSWORD` and `_HTTP` (ArcadeDB's HTTP API, used to
//! create one database per test so that tests run in parallel without seeing each other).

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use kgforge::graph::KnowledgeGraph;
use kgforge::neo4j::model::{confidence, evidence_key};
use kgforge::neo4j::{Client, Connection};
use serde::Deserialize;

/// A running Bolt server and how to reach it.
#[derive(Debug, Clone)]
pub struct BoltServer {
    /// `bolt://host:port`.
    pub uri: String,
    /// User name.
    pub user: String,
    /// Password.
    pub password: String,
    /// ArcadeDB HTTP API, `http://host:port`.
    pub http: String,
}

/// The configured test server, or `None` after reporting the skip (a failure under
/// `KGFORGE_REQUIRE_EXTERNAL=1`).
pub fn server(test: &str) -> Option<BoltServer> {
    let get = |k: &str| std::env::var(format!("KGFORGE_TEST_BOLT_{k}")).ok();
    match (get("URI"), get("USER"), get("PASSWORD"), get("HTTP")) {
        (Some(uri), Some(user), Some(password), Some(http)) => Some(BoltServer {
            uri,
            user,
            password,
            http,
        }),
        _ => {
            super::skip(
                test,
                "no Bolt test server (KGFORGE_TEST_BOLT_URI/_USER/_PASSWORD/_HTTP are set by .ci/run \
                 after scripts/start-bolt-server.sh)",
            );
            None
        }
    }
}

fn base64(input: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

static DATABASES: AtomicUsize = AtomicUsize::new(0);

impl BoltServer {
    /// Posts a server command to ArcadeDB's HTTP API; returns the status line and body.
    pub fn http_command(&self, command: &str) -> String {
        let address = self.http.trim_start_matches("http://");
        let body = serde_json::json!({ "command": command }).to_string();
        let request = format!(
            "POST /api/v1/server HTTP/1.0\r\nHost: {address}\r\nAuthorization: Basic {}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            base64(format!("{}:{}", self.user, self.password).as_bytes()),
            body.len()
        );
        let mut stream = TcpStream::connect(address).expect("connect to the ArcadeDB HTTP API");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    }

    /// Creates a new, empty database whose name starts with `prefix`, and returns its name.
    pub fn fresh_database(&self, prefix: &str) -> String {
        let name = format!(
            "{prefix}_{}_{}",
            std::process::id(),
            DATABASES.fetch_add(1, Ordering::SeqCst)
        );
        let response = self.http_command(&format!("create database {name}"));
        assert!(
            response.starts_with("HTTP/1.1 200") || response.starts_with("HTTP/1.0 200"),
            "creating database {name}: {response}"
        );
        name
    }

    /// Connection settings for `database`.
    pub fn connection(&self, database: &str) -> Connection {
        Connection {
            uri: self.uri.clone(),
            user: self.user.clone(),
            password: self.password.clone(),
            database: Some(database.to_string()),
            timeout: Duration::from_secs(60),
        }
    }

    /// A client on `database`.
    pub fn client(&self, database: &str) -> Client {
        Client::connect(&self.connection(database)).expect("connect to the test server")
    }

    /// Runs `cypher` on `database` and returns its rows as `T`.
    pub fn rows<T: for<'de> Deserialize<'de>>(&self, database: &str, cypher: &str) -> Vec<T> {
        let client = self.client(database);
        client.block_on(async {
            let mut stream = client
                .graph()
                .execute(neo4rs::query(cypher))
                .await
                .unwrap_or_else(|e| panic!("{cypher}: {e}"));
            let mut out = Vec::new();
            while let Some(row) = stream.next().await.unwrap() {
                out.push(row.to::<T>().unwrap_or_else(|e| panic!("{cypher}: {e}")));
            }
            out
        })
    }

    /// Runs `cypher` on `database`, which must return one row with an integer `n`.
    pub fn count(&self, database: &str, cypher: &str) -> i64 {
        #[derive(Deserialize)]
        struct N {
            n: i64,
        }
        let rows: Vec<N> = self.rows(database, cypher);
        assert_eq!(rows.len(), 1, "{cypher}");
        rows[0].n
    }

    /// Every node and relationship of `database`, in a comparable form.
    pub fn snapshot(&self, database: &str) -> Snapshot {
        let mut nodes: Vec<NodeSnapshot> = self.rows(
            database,
            "MATCH (n) RETURN coalesce(n.id, '') AS id, labels(n) AS labels, \
             coalesce(n.name, '') AS name, coalesce(n.type, '') AS type, \
             coalesce(n.aliases, []) AS aliases, coalesce(n.mentions, -1) AS mentions, \
             coalesce(n.documents, []) AS documents, \
             coalesce(n.document_mentions, []) AS document_mentions",
        );
        for n in &mut nodes {
            n.labels.sort();
        }
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        let mut relationships: Vec<RelationshipSnapshot> = self.rows(
            database,
            "MATCH (a)-[r]->(b) RETURN a.id AS source, type(r) AS type, b.id AS target, \
             r.mentions AS mentions, r.confidence AS confidence, r.symmetric AS symmetric, \
             r.documents AS documents, \
             coalesce(r.document_mentions, []) AS document_mentions, r.evidence_key AS evidence_key, \
             r.evidence_document AS evidence_document, r.evidence_sentence AS evidence_sentence, \
             r.evidence_text AS evidence_text, r.evidence_start AS evidence_start, \
             r.evidence_end AS evidence_end, r.evidence_trigger AS evidence_trigger, \
             r.evidence_trigger_start AS evidence_trigger_start, \
             r.evidence_trigger_end AS evidence_trigger_end",
        );
        relationships.sort_by(|a, b| {
            (&a.source, &a.r#type, &a.target).cmp(&(&b.source, &b.r#type, &b.target))
        });
        Snapshot {
            nodes,
            relationships,
        }
    }
}

/// A node as stored.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct NodeSnapshot {
    pub id: String,
    pub labels: Vec<String>,
    pub name: String,
    pub r#type: String,
    pub aliases: Vec<String>,
    pub mentions: i64,
    pub documents: Vec<String>,
    /// The mentions of each of `documents` (empty when not stored).
    pub document_mentions: Vec<i64>,
}

/// A relationship as stored.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RelationshipSnapshot {
    pub source: String,
    pub r#type: String,
    pub target: String,
    pub mentions: i64,
    pub confidence: f64,
    pub symmetric: bool,
    pub documents: Vec<String>,
    /// The statements of each of `documents` (empty when not stored).
    pub document_mentions: Vec<i64>,
    pub evidence_key: Vec<String>,
    pub evidence_document: Vec<String>,
    pub evidence_sentence: Vec<i64>,
    pub evidence_text: Vec<String>,
    pub evidence_start: Vec<i64>,
    pub evidence_end: Vec<i64>,
    pub evidence_trigger: Vec<String>,
    pub evidence_trigger_start: Vec<i64>,
    pub evidence_trigger_end: Vec<i64>,
}

/// The whole content of a database.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub nodes: Vec<NodeSnapshot>,
    pub relationships: Vec<RelationshipSnapshot>,
}

/// Per-document counts as stored: in the order of the documents, none when unknown.
fn counts(by_document: Option<&std::collections::BTreeMap<String, u64>>) -> Vec<i64> {
    by_document
        .into_iter()
        .flat_map(|m| m.values().map(|&n| n as i64))
        .collect()
}

impl Snapshot {
    /// What a database holding exactly `graph` (pushed once, into an empty database) contains.
    pub fn of_graph(graph: &KnowledgeGraph) -> Snapshot {
        let strings = |s: &BTreeSet<String>| s.iter().cloned().collect::<Vec<_>>();
        let mut nodes: Vec<NodeSnapshot> = graph
            .nodes()
            .into_iter()
            .map(|n| {
                let mut labels = vec!["Entity".to_string(), n.entity_type.to_string()];
                labels.sort();
                NodeSnapshot {
                    id: n.id.clone(),
                    labels,
                    name: n.name.clone(),
                    r#type: n.entity_type.to_string(),
                    aliases: strings(&n.aliases),
                    mentions: n.mentions as i64,
                    documents: strings(&n.documents),
                    document_mentions: counts(n.mentions_by_document()),
                }
            })
            .collect();
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        let mut relationships: Vec<RelationshipSnapshot> = graph
            .edges()
            .into_iter()
            .map(|(s, e, t)| {
                let ev = &e.evidence;
                RelationshipSnapshot {
                    source: s.id.clone(),
                    r#type: e.relation_type.neo4j_type(),
                    target: t.id.clone(),
                    mentions: e.mentions as i64,
                    confidence: confidence(e.confidence),
                    symmetric: e.symmetric,
                    documents: strings(&e.documents),
                    document_mentions: counts(e.mentions_by_document()),
                    evidence_key: ev.iter().map(evidence_key).collect(),
                    evidence_document: ev.iter().map(|x| x.document.clone()).collect(),
                    evidence_sentence: ev.iter().map(|x| x.sentence as i64).collect(),
                    evidence_text: ev.iter().map(|x| x.text.clone()).collect(),
                    evidence_start: ev.iter().map(|x| x.start as i64).collect(),
                    evidence_end: ev.iter().map(|x| x.end as i64).collect(),
                    evidence_trigger: ev.iter().map(|x| x.trigger.clone()).collect(),
                    evidence_trigger_start: ev.iter().map(|x| x.trigger_start as i64).collect(),
                    evidence_trigger_end: ev.iter().map(|x| x.trigger_end as i64).collect(),
                }
            })
            .collect();
        relationships.sort_by(|a, b| {
            (&a.source, &a.r#type, &a.target).cmp(&(&b.source, &b.r#type, &b.target))
        });
        Snapshot {
            nodes,
            relationships,
        }
    }
}

/// A server of the test's own on free ports, for tests that stop it; stopped when dropped.
pub struct OwnServer {
    /// How to reach it.
    pub server: BoltServer,
    /// Its Bolt port.
    pub port: u16,
    home: tempfile::TempDir,
}

fn free_port_pair() -> u16 {
    for _ in 0..200 {
        let Ok(a) = std::net::TcpListener::bind("127.0.0.1:0") else {
            continue;
        };
        let port = a.local_addr().unwrap().port();
        if port < 65535 && std::net::TcpListener::bind(("127.0.0.1", port + 1)).is_ok() {
            return port;
        }
    }
    panic!("no two adjacent free ports");
}

fn script(name: &str) -> PathBuf {
    super::root().join("scripts").join(name)
}

impl OwnServer {
    /// Starts an ArcadeDB server of its own with `scripts/start-bolt-server.sh`.
    pub fn start() -> OwnServer {
        let home = tempfile::tempdir().unwrap();
        let port = free_port_pair();
        let server = BoltServer {
            uri: format!("bolt://127.0.0.1:{port}"),
            user: "root".into(),
            password: "own-server-pw".into(),
            http: format!("http://127.0.0.1:{}", port + 1),
        };
        let own = OwnServer { server, port, home };
        own.run_script("start-bolt-server.sh", &[]);
        own
    }

    fn run_script(&self, name: &str, env: &[(&str, &str)]) {
        let out = Command::new("bash")
            .arg(script(name))
            .arg(self.port.to_string())
            .env("BOLT_HOME", self.home.path())
            .env("BOLT_PASSWORD", &self.server.password)
            .env("BOLT_JAVA_HEAP", "512m")
            .envs(env.iter().copied())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Kills the server at once (a crash: no clean shutdown).
    pub fn kill(&self) {
        self.run_script("stop-bolt-server.sh", &[("BOLT_STOP_SIGNAL", "KILL")]);
    }

    /// Stops the server process without ending it (SIGSTOP): its connections stay open and
    /// nothing answers, as with a hung server. [`OwnServer::thaw`] lets it go on.
    pub fn freeze(&self) {
        self.signal("STOP");
    }

    /// Lets a frozen server go on (SIGCONT).
    pub fn thaw(&self) {
        self.signal("CONT");
    }

    fn signal(&self, name: &str) {
        let pidfile = self.home.path().join(format!("arcadedb-{}.pid", self.port));
        let pid = std::fs::read_to_string(&pidfile).unwrap();
        let status = Command::new("kill")
            .args([format!("-{name}"), pid.trim().to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "kill -{name} {pid}");
    }

    /// Starts it again on the same ports, keeping its data.
    pub fn restart(&self) {
        self.run_script("start-bolt-server.sh", &[("BOLT_KEEP_DATA", "1")]);
    }
}

impl Drop for OwnServer {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(script("stop-bolt-server.sh"))
            .arg(self.port.to_string())
            .env("BOLT_HOME", self.home.path())
            .output();
    }
}
