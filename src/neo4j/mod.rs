//! Neo4j: the graph's data model in Neo4j and loading it over Bolt (neo4rs), batched and idempotent.
//!
//! [`model`] says what the graph looks like in Neo4j and produces the Cypher (used by the
//! `cypher` export too); [`push`] sends it to a server in parameterised `UNWIND $rows`
//! batches, one transaction per batch, retried on transient failures.

pub mod model;
pub mod push;

pub use model::{plan, Batch, BatchKind, Plan, Value, DEFAULT_BATCH_SIZE, ENTITY_LABEL};
pub use push::{BatchDone, Client, Connection, PushOptions, PushReport};

/// What kind of failure talking to a server was; `kgforge push` turns it into its exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FailureKind {
    /// The connection settings are unusable (malformed URI, unknown scheme).
    Config,
    /// The server refused the user name or password, or the user lacks a permission.
    Authentication,
    /// The server cannot be reached, is not a Bolt server, stayed busy through every retry, or
    /// the connection broke; committed batches stay, and running the push again completes it.
    Unavailable,
    /// The server refused a statement (unknown database, constraint violation, unsupported
    /// Cypher).
    Rejected,
}
