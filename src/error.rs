//! Typed errors of the library; the binary adds context for people with `anyhow`.

use std::path::PathBuf;

/// Everything that can go wrong inside the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A schema file (ontology, gazetteer, titles) is malformed.
    #[error("schema {file}:{line}: {message}")]
    Schema {
        /// The file, relative to the schema directory.
        file: String,
        /// 1-based line number (0 when unknown).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A type name that is not in the vocabulary or not a valid identifier.
    #[error("unknown or invalid {kind} type {name:?}{hint}")]
    UnknownType {
        /// "entity" or "relation".
        kind: &'static str,
        /// The name that was given.
        name: String,
        /// Extra text for the user, such as the known types.
        hint: String,
    },
    /// Input bytes that are not text kgforge can read.
    #[error("{path}: {message}")]
    BadInput {
        /// The input's path (or `<stdin>`).
        path: PathBuf,
        /// What is wrong, with line and byte where it applies.
        message: String,
    },
    /// A JSON graph that cannot be read.
    #[error("{path}: line {line}, column {column}: {message}")]
    GraphJson {
        /// The file's path (or `<stdin>`).
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A graph file in another format than kgforge JSON (GraphML, CSV, node-link) that cannot be read.
    #[error("{path}: {format}: {message}")]
    GraphFile {
        /// The file's path (or `<stdin>`).
        path: PathBuf,
        /// The format it was read as ("GraphML", "CSV", "node-link JSON").
        format: &'static str,
        /// What is wrong, with the line or record where known.
        message: String,
    },
    /// An outside program that an output format needs is not installed.
    #[error("`{program}` was not found on PATH; {purpose} needs it. {hint}")]
    MissingProgram {
        /// The program's name.
        program: &'static str,
        /// What needs it ("--format svg").
        purpose: String,
        /// How to get it, or what to do instead.
        hint: &'static str,
    },
    /// An outside program ran and failed.
    #[error("`{program}` failed ({status}): {message}")]
    ProgramFailed {
        /// The program's name.
        program: &'static str,
        /// Its exit status.
        status: String,
        /// What it printed on standard error.
        message: String,
    },
    /// A graph that is structurally wrong (dangling edge, duplicate id…).
    #[error("invalid graph: {0}")]
    InvalidGraph(String),
    /// A CoNLL-U file that cannot be read.
    #[error("{path}:{line}: {message}")]
    Conllu {
        /// The file's path (or `<stdin>`).
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A model file that cannot be loaded.
    #[error("model {name}: {message}")]
    Model {
        /// The model's name.
        name: String,
        /// What is wrong.
        message: String,
    },
    /// A name that designates no actor of the graph.
    #[error(
        "no actor named {name:?} among the {actors} actors of the graph{}",
        candidate_hint("closest", candidates)
    )]
    ActorNotFound {
        /// The name that was given.
        name: String,
        /// The closest actors, described for people ("Donald Trump (donald-trump, Person)").
        candidates: Vec<String>,
        /// How many actors the graph has.
        actors: usize,
    },
    /// A name that designates several actors of the graph.
    #[error(
        "{name:?} is ambiguous{}; use the id or the full name",
        candidate_hint("it names", candidates)
    )]
    AmbiguousActor {
        /// The name that was given.
        name: String,
        /// The actors it designates, described for people.
        candidates: Vec<String>,
    },
    /// Talking to a Neo4j (Bolt) server failed.
    #[error("{message}")]
    Neo4j {
        /// What kind of failure: it decides the exit code of `push` and whether a retry helps.
        kind: crate::neo4j::FailureKind,
        /// What happened and what to do, for people.
        message: String,
    },
    /// Reading or writing failed.
    #[error("{path}: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// An I/O error about `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// "; closest: A, B" (or nothing when there are no candidates).
fn candidate_hint(label: &str, candidates: &[String]) -> String {
    if candidates.is_empty() {
        String::new()
    } else {
        format!("; {label}: {}", candidates.join(", "))
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
