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
    /// A graph that is structurally wrong (dangling edge, duplicate id…).
    #[error("invalid graph: {0}")]
    InvalidGraph(String),
    /// A model file that cannot be loaded.
    #[error("model {name}: {message}")]
    Model {
        /// The model's name.
        name: String,
        /// What is wrong.
        message: String,
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

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
