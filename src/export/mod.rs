//! Exporters: each a pure function from the graph to bytes, one module per format.

pub mod csv;
pub mod cypher;
pub mod dot;
pub mod json;
pub mod neo4j_admin;

use crate::error::Result;
use crate::graph::KnowledgeGraph;
use crate::schema::Schema;

/// An output format of `extract` and `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// The graph as JSON (`nodes`, `edges`, `documents`), with evidence on every edge.
    Json,
    /// Graphviz DOT: shapes and colours by type, labelled edges, a legend.
    Dot,
    /// `nodes.csv` and `edges.csv` in the output directory.
    Csv,
    /// A Cypher script: uniqueness constraints, then idempotent `MERGE`s with literal values.
    Cypher,
    /// `neo4j-admin database import` CSV files, constraints and the import command, in the output directory.
    #[value(name = "neo4j-admin")]
    Neo4jAdmin,
}

impl Format {
    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Dot => "dot",
            Format::Csv => "csv",
            Format::Cypher => "cypher",
            Format::Neo4jAdmin => "neo4j",
        }
    }

    /// Whether the format is a set of files in a directory rather than one file.
    pub fn is_directory(self) -> bool {
        matches!(self, Format::Csv | Format::Neo4jAdmin)
    }
}

/// What an exporter produces: one file, or named files for a directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exported {
    /// The bytes of one file.
    File(Vec<u8>),
    /// (file name, bytes) pairs to write into one directory.
    Directory(Vec<(String, Vec<u8>)>),
}

/// Renders `graph` in `format`.
pub fn export(graph: &KnowledgeGraph, schema: &Schema, format: Format) -> Result<Exported> {
    Ok(match format {
        Format::Json => Exported::File(json::to_json(graph).into_bytes()),
        Format::Dot => Exported::File(dot::to_dot(graph, schema).into_bytes()),
        Format::Csv => Exported::Directory(csv::to_csv(graph)?),
        Format::Cypher => Exported::File(cypher::to_cypher(graph).into_bytes()),
        Format::Neo4jAdmin => Exported::Directory(neo4j_admin::to_neo4j_admin(graph)?),
    })
}
