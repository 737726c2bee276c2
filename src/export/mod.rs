//! Exporters: each a pure function from the graph to bytes, one module per format.

pub mod csv;
pub mod cypher;
pub mod dot;
pub mod escape;
pub mod graphml;
pub mod json;
pub mod neo4j_admin;
pub mod node_link;
pub mod render;

use crate::error::Result;
use crate::graph::KnowledgeGraph;
use crate::schema::Schema;

/// An output format of `extract` and `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// The graph as JSON (`nodes`, `edges`, `documents`), with evidence on every edge; schema/graph.schema.json.
    Json,
    /// NetworkX/D3 node-link JSON (`directed`, `multigraph`, `graph`, `nodes`, `edges` keyed by relation type).
    NodeLink,
    /// Graphviz DOT: shapes and colours by type, labelled edges, a legend.
    Dot,
    /// GraphML with typed keys, for yEd, Gephi, Cytoscape and NetworkX.
    Graphml,
    /// `nodes.csv`, `edges.csv` and `documents.csv` in the -o directory (list cells are JSON arrays).
    Csv,
    /// An SVG picture, drawn by Graphviz's `dot` program (which must be installed).
    Svg,
    /// A PNG picture, drawn by Graphviz's `dot` program (which must be installed).
    Png,
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
            Format::NodeLink => "json",
            Format::Dot => "dot",
            Format::Graphml => "graphml",
            Format::Csv => "csv",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Cypher => "cypher",
            Format::Neo4jAdmin => "neo4j",
        }
    }

    /// Whether the format is a set of files in a directory rather than one file.
    pub fn is_directory(self) -> bool {
        matches!(self, Format::Csv | Format::Neo4jAdmin)
    }

    /// Whether the format is binary (not for a terminal).
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Png)
    }

    /// The outside program the format needs, if any.
    pub fn needs_program(self) -> Option<&'static str> {
        match self {
            Format::Svg | Format::Png => Some(render::DOT_PROGRAM),
            _ => None,
        }
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
        Format::NodeLink => Exported::File(node_link::to_node_link(graph).into_bytes()),
        Format::Dot => Exported::File(dot::to_dot(graph, schema).into_bytes()),
        Format::Graphml => Exported::File(graphml::to_graphml(graph)),
        Format::Csv => Exported::Directory(csv::to_csv(graph)?),
        Format::Svg => Exported::File(render::render(&dot::to_dot(graph, schema), "svg")?),
        Format::Png => Exported::File(render::render(&dot::to_dot(graph, schema), "png")?),
        Format::Cypher => Exported::File(cypher::to_cypher(graph).into_bytes()),
        Format::Neo4jAdmin => Exported::Directory(neo4j_admin::to_neo4j_admin(graph)?),
    })
}
