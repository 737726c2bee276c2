//! Pushing a graph to a Bolt server with neo4rs: constraints, then one transaction per batch, retried.
//!
//! Every batch is one explicit transaction running the statements of
//! [`Batch::statements`](super::Batch::statements) with the rows as the `$rows` parameter, so a
//! batch is written whole or not at all. A batch that fails for a reason a retry can fix (a
//! transient server error, a broken connection) is retried with exponential backoff; since
//! every statement is idempotent, retrying a batch whose commit did reach the server is
//! harmless. When the retries run out, the error says how many batches are committed, and
//! running the same push again completes the load.

use std::fmt;
use std::time::{Duration, Instant};

use neo4rs::{
    BoltList, BoltMap, BoltString, BoltType, ConfigBuilder, Graph, Neo4jClientErrorKind,
    Neo4jErrorKind, Neo4jSecurityErrorKind,
};

use super::model::{plan, Plan, Value};
use super::FailureKind;
use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;

/// Where to push and as whom.
#[derive(Clone, PartialEq, Eq)]
pub struct Connection {
    /// Server URI: `bolt://`, `bolt+s://`, `neo4j://`, `neo4j+s://` (Aura), `+ssc` variants.
    pub uri: String,
    /// User name.
    pub user: String,
    /// Password (never printed: see the `Debug` implementation).
    pub password: String,
    /// Database name; `None` uses the server's default database.
    pub database: Option<String>,
    /// How long to wait for the connection and for each answer.
    pub timeout: Duration,
}

impl fmt::Debug for Connection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connection")
            .field("uri", &self.uri)
            .field("user", &self.user)
            .field("password", &"<hidden>")
            .field("database", &self.database)
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl Connection {
    /// `uri` (database `db`), for messages.
    pub fn target(&self) -> String {
        match &self.database {
            Some(db) => format!("{} (database {db})", self.uri),
            None => self.uri.clone(),
        }
    }
}

/// How to batch and retry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushOptions {
    /// Rows per batch (one transaction each).
    pub batch_size: usize,
    /// How many times a failed batch is tried again before giving up.
    pub retries: u32,
    /// Wait before the first retry; doubled for each further one.
    pub backoff: Duration,
    /// Longest wait between two tries.
    pub max_backoff: Duration,
}

impl Default for PushOptions {
    fn default() -> Self {
        PushOptions {
            batch_size: super::DEFAULT_BATCH_SIZE,
            retries: 5,
            backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
        }
    }
}

impl PushOptions {
    /// The wait before try number `attempt` (1 for the first retry).
    pub fn delay(&self, attempt: u32) -> Duration {
        let factor = 1u32 << attempt.saturating_sub(1).min(20);
        self.backoff.saturating_mul(factor).min(self.max_backoff)
    }
}

/// A batch that was committed, for progress reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchDone {
    /// 1-based number of the batch.
    pub number: usize,
    /// How many batches there are.
    pub of: usize,
    /// What the batch wrote ("Person nodes").
    pub description: String,
    /// Rows in the batch.
    pub rows: usize,
    /// How many tries it took (1 when nothing failed).
    pub tries: u32,
}

/// What a push did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PushReport {
    /// Constraint statements run.
    pub constraints: usize,
    /// Batches committed.
    pub batches: usize,
    /// Node rows sent.
    pub nodes: usize,
    /// Nodes that did not exist before.
    pub nodes_created: u64,
    /// Relationship rows sent.
    pub relationships: usize,
    /// Relationships that did not exist before.
    pub relationships_created: u64,
    /// Relationship rows whose endpoints were not found (0 unless the database changed meanwhile).
    pub relationships_skipped: u64,
    /// Retries needed, over all batches.
    pub retries: u32,
    /// Wall-clock time.
    pub elapsed: Duration,
}

/// A connection pool to one server and database, with its own async runtime so that callers
/// can stay synchronous.
pub struct Client {
    runtime: tokio::runtime::Runtime,
    graph: Graph,
    target: String,
    /// Longest wait for the connection check and for each try of a batch: a server that
    /// accepts the connection but never answers (hung, stopped, not a Bolt server) fails
    /// instead of holding the push forever.
    timeout: Duration,
}

/// The failure of a step that got no answer within `timeout`.
fn no_answer(timeout: Duration) -> Failure {
    Failure {
        kind: FailureKind::Unavailable,
        retry: true,
        message: format!("no answer within {} s (--timeout)", timeout.as_secs_f64()),
    }
}

/// A failure of one step, with whether trying again could help.
struct Failure {
    kind: FailureKind,
    retry: bool,
    message: String,
}

/// Sorts a neo4rs error into a failure kind, a retry decision and a message for people.
fn classify(error: &neo4rs::Error) -> Failure {
    use neo4rs::Error as E;
    let message = error.to_string();
    let (kind, retry) = match error {
        E::Neo4j(e) => match e.kind() {
            Neo4jErrorKind::Client(Neo4jClientErrorKind::Security(
                Neo4jSecurityErrorKind::AuthorizationExpired,
            )) => (FailureKind::Authentication, true),
            Neo4jErrorKind::Client(Neo4jClientErrorKind::Security(_)) => {
                (FailureKind::Authentication, false)
            }
            Neo4jErrorKind::Client(Neo4jClientErrorKind::SessionExpired) => {
                (FailureKind::Unavailable, true)
            }
            Neo4jErrorKind::Transient => (FailureKind::Unavailable, true),
            _ => (FailureKind::Rejected, false),
        },
        E::AuthenticationError(_) => (FailureKind::Authentication, false),
        E::IOError { .. }
        | E::ConnectionError
        | E::IncompleteBoltExchange
        | E::ConnectionTimedOut
        | E::ServerUnavailableError(_)
        | E::RequestIgnoredError
        | E::Ignored(_) => (FailureKind::Unavailable, true),
        E::UrlParseError(_) | E::UnsupportedScheme(_) | E::InvalidDnsName(_) | E::InvalidConfig => {
            (FailureKind::Config, false)
        }
        E::ProtocolMismatch(_) | E::UnsupportedVersion(..) => (FailureKind::Unavailable, false),
        _ => (FailureKind::Rejected, false),
    };
    Failure {
        kind,
        retry,
        message,
    }
}

fn to_bolt(value: &Value) -> BoltType {
    match value {
        Value::Bool(b) => BoltType::from(*b),
        Value::Int(i) => BoltType::from(*i),
        Value::Float(f) => BoltType::from(*f),
        Value::Str(s) => BoltType::from(s.as_str()),
        Value::List(items) => {
            let mut list = BoltList::with_capacity(items.len());
            for item in items {
                list.push(to_bolt(item));
            }
            BoltType::List(list)
        }
        Value::Map(entries) => {
            let mut map = BoltMap::with_capacity(entries.len());
            for (key, v) in entries {
                map.put(BoltString::from(*key), to_bolt(v));
            }
            BoltType::Map(map)
        }
    }
}

/// The rows of a batch as the `$rows` parameter.
pub fn rows_parameter(rows: &[Value]) -> BoltType {
    let mut list = BoltList::with_capacity(rows.len());
    for row in rows {
        list.push(to_bolt(row));
    }
    BoltType::List(list)
}

/// Counts one batch's statements returned: (rows, created) per statement.
type Counts = Vec<(i64, i64)>;

impl Client {
    /// Opens a connection and checks it (`RETURN 1`), so that a wrong address, password or
    /// database fails here with a clear error rather than in the middle of a push.
    pub fn connect(connection: &Connection) -> Result<Client> {
        let target = connection.target();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::io("<tokio runtime>", e))?;
        let mut config = ConfigBuilder::default()
            .uri(connection.uri.as_str())
            .user(connection.user.as_str())
            .password(connection.password.as_str())
            .max_connections(2)
            .fetch_size(16)
            .connection_timeout(connection.timeout);
        if let Some(db) = &connection.database {
            config = config.db(db.as_str());
        }
        let fail = |f: Failure, what: &str| Error::Neo4j {
            kind: f.kind,
            message: format!("{}: {what}: {}", connection.target(), f.message),
        };
        let config = config
            .build()
            .map_err(|e| fail(classify(&e), "invalid connection settings"))?;
        let graph = runtime
            .block_on(async { Graph::connect(config) })
            .map_err(|e| fail(classify(&e), "invalid connection settings"))?;
        let client = Client {
            runtime,
            graph,
            target,
            timeout: connection.timeout,
        };
        let checked = client
            .runtime
            .block_on(async { tokio::time::timeout(client.timeout, client.check()).await });
        let Ok(checked) = checked else {
            return Err(fail(
                no_answer(client.timeout),
                "cannot connect (is the server running, and does it speak Bolt at this URI?)",
            ));
        };
        checked.map_err(|e| {
            let f = classify(&e);
            let hint = match f.kind {
                FailureKind::Authentication => {
                    "authentication failed (check the user and password)"
                }
                FailureKind::Unavailable => {
                    "cannot connect (is the server running and is the URI right?)"
                }
                FailureKind::Config => "invalid connection settings",
                FailureKind::Rejected => {
                    "the server refused the connection check (does the database exist?)"
                }
            };
            fail(f, hint)
        })?;
        Ok(client)
    }

    async fn check(&self) -> neo4rs::Result<()> {
        let mut txn = self.graph.start_txn().await?;
        let mut stream = txn.execute(neo4rs::query("RETURN 1 AS ok")).await?;
        let _ = stream.single(txn.handle()).await?;
        txn.commit().await?;
        Ok(())
    }

    /// The server and database this client talks to, for messages.
    pub fn target(&self) -> &str {
        &self.target
    }

    /// The underlying neo4rs graph, for queries of one's own (run them with [`Client::block_on`]).
    pub fn graph(&self) -> &Graph {
        &self.graph
    }

    /// Runs a future on this client's runtime.
    pub fn block_on<F: std::future::Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    /// Pushes `graph`: see [`Client::push_plan`].
    pub fn push(
        &self,
        graph: &KnowledgeGraph,
        options: &PushOptions,
        progress: impl FnMut(&BatchDone),
    ) -> Result<PushReport> {
        self.push_plan(&plan(graph, options.batch_size), options, progress)
    }

    /// Runs the constraints, then every batch in its own transaction, calling `progress`
    /// after each commit.
    pub fn push_plan(
        &self,
        plan: &Plan,
        options: &PushOptions,
        mut progress: impl FnMut(&BatchDone),
    ) -> Result<PushReport> {
        let started = Instant::now();
        let mut report = PushReport::default();
        for statement in &plan.constraints {
            let ((), tries) = self
                .with_retries(options, || self.run_schema(statement))
                .map_err(|(f, _)| Error::Neo4j {
                    kind: f.kind,
                    message: format!(
                        "{}: creating the constraints failed, nothing was loaded: {}",
                        self.target, f.message
                    ),
                })?;
            report.retries += tries - 1;
            report.constraints += 1;
        }
        let total = plan.batches.len();
        for (i, batch) in plan.batches.iter().enumerate() {
            let statements = batch.statements("$rows", plan.evidence_cap);
            let rows = rows_parameter(&batch.rows);
            let (counts, tries) = self
                .with_retries(options, || self.run_batch(&statements, &rows))
                .map_err(|(f, tries)| {
                    let committed: usize = plan.batches[..i].iter().map(|b| b.rows.len()).sum();
                    Error::Neo4j {
                        kind: f.kind,
                        message: format!(
                            "{}: batch {} of {total} ({}, {} rows) failed{} and was rolled back: {}; \
                             {i} batch(es) with {committed} rows are committed{}",
                            self.target,
                            i + 1,
                            batch.describe(),
                            batch.rows.len(),
                            if tries > 1 { format!(" {tries} times") } else { String::new() },
                            f.message,
                            if f.kind == FailureKind::Unavailable {
                                "; run the same push again to complete the load (it is idempotent)"
                            } else {
                                ""
                            }
                        ),
                    }
                })?;
            report.retries += tries - 1;
            report.batches += 1;
            match &batch.kind {
                super::BatchKind::Nodes(_) => {
                    report.nodes += batch.rows.len();
                    report.nodes_created += counts.get(1).map_or(0, |c| c.0.max(0) as u64);
                }
                super::BatchKind::Relationships(_) => {
                    report.relationships += batch.rows.len();
                    let (written, created) = counts.first().copied().unwrap_or((0, 0));
                    report.relationships_created += created.max(0) as u64;
                    report.relationships_skipped +=
                        (batch.rows.len() as u64).saturating_sub(written.max(0) as u64);
                }
            }
            progress(&BatchDone {
                number: i + 1,
                of: total,
                description: batch.describe(),
                rows: batch.rows.len(),
                tries,
            });
        }
        report.elapsed = started.elapsed();
        Ok(report)
    }

    /// Tries `step` until it succeeds, fails for good, or the retries run out; returns its
    /// result and the number of tries, or the last failure and the number of tries.
    fn with_retries<T, F, Fut>(
        &self,
        options: &PushOptions,
        mut step: F,
    ) -> Result<(T, u32), (Failure, u32)>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = neo4rs::Result<T>>,
    {
        self.runtime.block_on(async {
            let mut tries = 0;
            loop {
                tries += 1;
                let answer = tokio::time::timeout(self.timeout, step())
                    .await
                    .map_err(|_| no_answer(self.timeout))
                    .and_then(|r| r.map_err(|e| classify(&e)));
                match answer {
                    Ok(value) => return Ok((value, tries)),
                    Err(failure) => {
                        if !failure.retry || tries > options.retries {
                            return Err((failure, tries));
                        }
                        tokio::time::sleep(options.delay(tries)).await;
                    }
                }
            }
        })
    }

    async fn run_schema(&self, statement: &str) -> neo4rs::Result<()> {
        self.graph.run(neo4rs::query(statement)).await?;
        Ok(())
    }

    /// One batch in one transaction: every statement with the same rows, then commit.
    async fn run_batch(&self, statements: &[String], rows: &BoltType) -> neo4rs::Result<Counts> {
        let mut txn = self.graph.start_txn().await?;
        let mut counts = Counts::with_capacity(statements.len());
        for statement in statements {
            let query = neo4rs::query(statement).param("rows", rows.clone());
            let mut stream = txn.execute(query).await?;
            let row = stream.single(txn.handle()).await?;
            counts.push((
                row.get::<i64>("rows").unwrap_or(0),
                row.get::<i64>("created").unwrap_or(0),
            ));
        }
        txn.commit().await?;
        Ok(counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let o = PushOptions {
            backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(500),
            ..PushOptions::default()
        };
        let delays: Vec<u128> = (1..=5).map(|a| o.delay(a).as_millis()).collect();
        assert_eq!(delays, [100, 200, 400, 500, 500]);
    }

    #[test]
    fn errors_are_classified() {
        let io = neo4rs::Error::IOError {
            detail: std::io::Error::from(std::io::ErrorKind::ConnectionRefused),
        };
        let f = classify(&io);
        assert_eq!((f.kind, f.retry), (FailureKind::Unavailable, true));
        let f = classify(&neo4rs::Error::AuthenticationError("bad".into()));
        assert_eq!((f.kind, f.retry), (FailureKind::Authentication, false));
        let f = classify(&neo4rs::Error::UnsupportedScheme("http".into()));
        assert_eq!(f.kind, FailureKind::Config);
    }

    #[test]
    fn connection_debug_hides_the_password() {
        let c = Connection {
            uri: "bolt://h".into(),
            user: "u".into(),
            password: "s3cret-pw".into(),
            database: None,
            timeout: Duration::from_secs(1),
        };
        assert!(!format!("{c:?}").contains("s3cret"));
    }

    #[test]
    fn rows_become_bolt_maps() {
        let rows = [Value::Map(vec![
            ("id", Value::Str("a".into())),
            ("n", Value::Int(3)),
            ("l", Value::List(vec![Value::Float(0.5), Value::Bool(true)])),
        ])];
        let BoltType::List(list) = rows_parameter(&rows) else {
            panic!("not a list")
        };
        let BoltType::Map(map) = &list.value[0] else {
            panic!("not a map")
        };
        assert_eq!(map.get::<String>("id").unwrap(), "a");
        assert_eq!(map.get::<i64>("n").unwrap(), 3);
    }
}
