//! `kgforge push`: load graphs (or articles, extracted on the fly) into Neo4j over Bolt.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context, Result};

use kgforge::corpus::{self, ExtractOptions};
use kgforge::export::json;
use kgforge::graph::KnowledgeGraph;
use kgforge::input::{self, ReadOptions, DEFAULT_MAX_BYTES};
use kgforge::neo4j::{self, Client, Connection, FailureKind, PushOptions, DEFAULT_BATCH_SIZE};
use kgforge::pipeline::Pipeline;
use kgforge::schema::Schema;

use super::exit;

/// Exit codes of `kgforge push` beyond the common ones (the shared table of `super::exit`).
pub mod codes {
    pub use super::exit::{AUTHENTICATION, REJECTED, UNAVAILABLE};
}

const USAGE: &str = "\
Loads knowledge graphs into Neo4j (or any server speaking Bolt 4.4 and Cypher) over Bolt.

Each INPUT is a graph saved as JSON (a file ending in .json, pushed as it is) or articles \
(files, directories of *.txt, or - for standard input), which are extracted with the \
standard pipeline and pushed as one merged graph after the JSON graphs.

Uniqueness constraints on the node id come first (CREATE CONSTRAINT ... IF NOT EXISTS), then \
nodes and relationships in parameterised UNWIND $rows batches, one transaction per batch, \
retried with backoff when the server is busy or the connection breaks. Every write is a MERGE \
on a stable id: pushing the same graph again leaves the database as it was, pushing other \
articles adds to it, and a push that failed half-way is completed by running it again.

Connection settings come from the options, else from NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and \
NEO4J_DATABASE, else bolt://localhost:7687, user neo4j and the server's default database. The \
password is never an option: it is read from the variable named by --password-env \
(NEO4J_PASSWORD by default), from standard input with --password-stdin, or asked for on the \
terminal.

Exit codes: 0 loaded, 1 error (bad input or settings; nothing was sent), 2 wrong usage, \
3 authentication failed, 4 server unreachable or connection lost (run again to complete), \
5 the server refused a statement (for example an unknown database).";

pub(super) const EXAMPLES: &str = "\
Examples:
  NEO4J_PASSWORD=... kgforge push news/ --uri bolt://localhost:7687 --database neo4j
  kgforge push graph.json --uri neo4j+s://xxxx.databases.neo4j.io --user neo4j --password-env AURA_PW
  pass show neo4j | kgforge push graph.json --password-stdin
  kgforge push graph.json --dry-run                 show the constraints and batches, send nothing";

/// Arguments of `kgforge push`.
#[derive(Debug, clap::Args)]
#[command(long_about = USAGE, after_help = EXAMPLES)]
pub struct Args {
    /// Graphs (.json) or articles (files, directories of *.txt, - for standard input).
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<PathBuf>,

    /// Server URI (bolt://, bolt+s://, neo4j://, neo4j+s://) [default: $NEO4J_URI or bolt://localhost:7687].
    #[arg(long, value_name = "URI")]
    uri: Option<String>,

    /// User name [default: $NEO4J_USER or neo4j].
    #[arg(long, value_name = "USER")]
    user: Option<String>,

    /// Read the password from this environment variable [default: NEO4J_PASSWORD].
    #[arg(long, value_name = "VAR", conflicts_with = "password_stdin")]
    password_env: Option<String>,

    /// Read the password from the first line of standard input.
    #[arg(long)]
    password_stdin: bool,

    /// Database [default: $NEO4J_DATABASE or the server's default].
    #[arg(long, value_name = "DB")]
    database: Option<String>,

    /// Rows per batch; each batch is one transaction.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_BATCH_SIZE as u64,
          value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    batch_size: u64,

    /// How often a failed batch is retried (with doubling waits from 0.2 s up to 5 s).
    #[arg(long, value_name = "N", default_value_t = 5)]
    retries: u32,

    /// Seconds to wait for the connection and for each answer of the server.
    #[arg(long, value_name = "SECS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    timeout: u64,

    /// Print the constraints and batches that would be sent, and send nothing.
    #[arg(long)]
    dry_run: bool,

    /// Report every committed batch on standard error.
    #[arg(short, long)]
    verbose: bool,

    /// Use the schema in this directory instead of the built-in one.
    #[arg(long, value_name = "DIR")]
    schema: Option<PathBuf>,

    /// Use the tagger, lemmatizer and parser in this directory (as written by `kgforge nlp
    /// train`) for articles, instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    models: Option<PathBuf>,

    /// Drop extracted relations with a confidence below this (0 to 1).
    #[arg(long, value_name = "X", default_value_t = 0.0)]
    min_confidence: f32,

    /// Replace invalid UTF-8 in articles with U+FFFD instead of refusing them.
    #[arg(long)]
    lossy_utf8: bool,

    /// Refuse articles larger than this many bytes.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

/// A graph to push and where it came from.
struct Source {
    label: String,
    graph: KnowledgeGraph,
}

fn is_json(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        && path.is_file()
}

/// Reads the JSON graphs and extracts the articles, before anything is sent.
fn load_sources(args: &Args, schema: &Arc<Schema>) -> Result<Vec<Source>> {
    let mut sources = Vec::new();
    let mut articles = Vec::new();
    for path in &args.inputs {
        if is_json(path) {
            let file = std::fs::File::open(path)
                .with_context(|| format!("{}: cannot open", path.display()))?;
            let graph = json::from_json(file, path, schema)?;
            sources.push(Source {
                label: path.display().to_string(),
                graph,
            });
        } else {
            articles.push(path.clone());
        }
    }
    if articles.is_empty() {
        return Ok(sources);
    }
    let pipeline = Pipeline::standard_with(schema.clone(), super::nlp::annotator(&args.models)?);
    let options = ExtractOptions {
        read: ReadOptions {
            lossy_utf8: args.lossy_utf8,
            max_bytes: args.max_bytes,
        },
        min_confidence: args.min_confidence,
        ..ExtractOptions::default()
    };
    let inputs = input::collect(&articles)?;
    let mut graph = KnowledgeGraph::new(&**schema);
    // the same extraction as `kgforge extract`; any bad article stops the push before it starts
    corpus::for_each_document(&pipeline, &inputs, &options, |_, result| {
        graph.add_document(&result?);
        Ok::<(), kgforge::Error>(())
    })?;
    sources.push(Source {
        label: format!("{} article(s)", inputs.len()),
        graph,
    });
    Ok(sources)
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The password, from the named variable, standard input, or the terminal; never an argument.
fn password(args: &Args, user: &str, uri: &str) -> Result<String> {
    if args.password_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("reading the password from standard input")?;
        let password = line.trim_end_matches(['\n', '\r']).to_string();
        if password.is_empty() {
            bail!("--password-stdin: standard input held no password");
        }
        return Ok(password);
    }
    let var = args.password_env.as_deref().unwrap_or("NEO4J_PASSWORD");
    match std::env::var(var) {
        Ok(p) => return Ok(p),
        Err(std::env::VarError::NotUnicode(_)) => bail!("{var}: the password is not valid UTF-8"),
        Err(std::env::VarError::NotPresent) if args.password_env.is_some() => {
            bail!("--password-env {var}: the environment variable {var} is not set")
        }
        Err(std::env::VarError::NotPresent) => {}
    }
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password(format!("Password for {user} at {uri}: "))
            .context("reading the password from the terminal");
    }
    bail!(
        "no password: set NEO4J_PASSWORD, name another variable with --password-env VAR, \
         or pipe it in with --password-stdin"
    )
}

fn dry_run(sources: &[Source], options: &PushOptions, target: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "dry run: nothing is sent to {target}")?;
    for source in sources {
        let plan = neo4j::plan(&source.graph, options.batch_size);
        writeln!(
            out,
            "\n{}: {} nodes, {} relationships in {} batch(es) of at most {} rows",
            source.label,
            plan.nodes,
            plan.relationships,
            plan.batches.len(),
            options.batch_size
        )?;
        for statement in &plan.constraints {
            writeln!(out, "  {statement}")?;
        }
        let mut shown = std::collections::HashSet::new();
        for (i, batch) in plan.batches.iter().enumerate() {
            writeln!(
                out,
                "  batch {} of {}: {} rows of {}",
                i + 1,
                plan.batches.len(),
                batch.rows.len(),
                batch.describe()
            )?;
            for statement in batch.statements("$rows", plan.evidence_cap) {
                if shown.insert(statement.clone()) {
                    writeln!(out, "    {statement}")?;
                }
            }
        }
    }
    out.flush()
}

fn failure_code(kind: FailureKind) -> u8 {
    match kind {
        FailureKind::Config => exit::ERROR,
        FailureKind::Authentication => codes::AUTHENTICATION,
        FailureKind::Unavailable => codes::UNAVAILABLE,
        FailureKind::Rejected => codes::REJECTED,
    }
}

/// Runs `kgforge push`; returns the exit code.
pub fn run(args: Args) -> Result<u8> {
    if !(0.0..=1.0).contains(&args.min_confidence) {
        bail!("--min-confidence must be between 0 and 1");
    }
    if args.password_stdin && args.inputs.iter().any(|p| p.as_os_str() == "-") {
        bail!("--password-stdin reads standard input, so articles cannot come from - as well");
    }
    let schema = Arc::new(Schema::load(args.schema.as_deref()).context("loading the schema")?);
    let uri = args
        .uri
        .clone()
        .or_else(|| env("NEO4J_URI"))
        .unwrap_or_else(|| "bolt://localhost:7687".into());
    let user = args
        .user
        .clone()
        .or_else(|| env("NEO4J_USER"))
        .unwrap_or_else(|| "neo4j".into());
    let database = args.database.clone().or_else(|| env("NEO4J_DATABASE"));
    let options = PushOptions {
        batch_size: args.batch_size as usize,
        retries: args.retries,
        ..PushOptions::default()
    };
    let mut connection = Connection {
        uri,
        user,
        password: String::new(),
        database,
        timeout: Duration::from_secs(args.timeout),
    };

    let sources = load_sources(&args, &schema)?;
    if args.dry_run {
        dry_run(&sources, &options, &connection.target()).context("standard output")?;
        return Ok(exit::OK);
    }
    connection.password = password(&args, &connection.user, &connection.uri)?;

    let client = match Client::connect(&connection) {
        Ok(client) => client,
        Err(kgforge::Error::Neo4j { kind, message }) => {
            eprintln!("kgforge: {message}");
            return Ok(failure_code(kind));
        }
        Err(e) => return Err(e.into()),
    };
    for source in &sources {
        let result = client.push(&source.graph, &options, |done| {
            if args.verbose {
                eprintln!(
                    "kgforge: batch {} of {} committed: {} rows of {}{}",
                    done.number,
                    done.of,
                    done.rows,
                    done.description,
                    if done.tries > 1 {
                        format!(" ({} tries)", done.tries)
                    } else {
                        String::new()
                    }
                );
            }
        });
        match result {
            Ok(report) => {
                let rows = report.nodes + report.relationships;
                let seconds = report.elapsed.as_secs_f64();
                let mut out = std::io::stdout().lock();
                writeln!(
                    out,
                    "{}: pushed {} nodes ({} new) and {} relationships ({} new) to {} in {} batch(es), {:.2} s ({:.0} rows/s){}",
                    source.label,
                    report.nodes,
                    report.nodes_created,
                    report.relationships,
                    report.relationships_created,
                    client.target(),
                    report.batches,
                    seconds,
                    rows as f64 / seconds.max(1e-9),
                    if report.retries > 0 {
                        format!(", {} retries", report.retries)
                    } else {
                        String::new()
                    }
                )
                .and_then(|_| out.flush())
                .context("standard output")?;
                if report.relationships_skipped > 0 {
                    eprintln!(
                        "kgforge: warning: {} relationship(s) skipped: an endpoint was missing in the database",
                        report.relationships_skipped
                    );
                }
            }
            Err(kgforge::Error::Neo4j { kind, message }) => {
                eprintln!("kgforge: {}: {message}", source.label);
                return Ok(failure_code(kind));
            }
            Err(e) => return Err(e.into()),
        }
    }
    Ok(exit::OK)
}
