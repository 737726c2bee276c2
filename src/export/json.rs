//! JSON graph format: the evaluation format (`nodes`, `edges`) plus provenance, and its reader.

use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::graph::{DocumentRecord, EdgeRecord, KnowledgeGraph, Node};
use crate::schema::Schema;

/// The JSON document: what `to_json` writes and `from_json` reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphJson {
    /// Nodes, sorted by id.
    pub nodes: Vec<Node>,
    /// Edges, sorted by source, type, target.
    pub edges: Vec<EdgeRecord>,
    /// The documents the graph was built from.
    #[serde(default)]
    pub documents: Vec<DocumentRecord>,
}

impl GraphJson {
    /// The serialisable form of a graph.
    pub fn from_graph(graph: &KnowledgeGraph) -> Self {
        GraphJson {
            nodes: graph.nodes().into_iter().cloned().collect(),
            edges: graph.edge_records(),
            documents: graph.documents().collect(),
        }
    }

    /// Builds the graph, checking types against `schema` and edges against nodes.
    pub fn into_graph(self, schema: &Schema) -> Result<KnowledgeGraph> {
        let mut graph = KnowledgeGraph::new(schema);
        let mut seen = std::collections::HashSet::new();
        for node in self.nodes {
            schema.parse_entity_type(node.entity_type.as_str())?;
            if !seen.insert(node.id.clone()) {
                return Err(Error::InvalidGraph(format!(
                    "node id {:?} appears twice",
                    node.id
                )));
            }
            graph.upsert_node(node);
        }
        // keep the largest evidence list that was written
        let cap = self
            .edges
            .iter()
            .map(|e| e.edge.evidence.len())
            .max()
            .unwrap_or(0);
        graph.evidence_cap = graph.evidence_cap.max(cap);
        for record in self.edges {
            schema.parse_relation_type(record.edge.relation_type.as_str())?;
            if !(0.0..=1.0).contains(&record.edge.confidence) {
                return Err(Error::InvalidGraph(format!(
                    "edge {} -{}-> {} has confidence {}, outside 0..=1",
                    record.source, record.edge.relation_type, record.target, record.edge.confidence
                )));
            }
            graph.upsert_edge(&record.source, &record.target, record.edge)?;
        }
        for d in self.documents {
            graph.record_document(d);
        }
        Ok(graph)
    }
}

/// The graph as pretty-printed JSON.
pub fn to_json(graph: &KnowledgeGraph) -> String {
    let mut text = serde_json::to_string_pretty(&GraphJson::from_graph(graph))
        .expect("graph values serialise to JSON");
    text.push('\n');
    text
}

/// Reads a JSON graph from `reader`; `path` names it in errors (line and column included).
pub fn from_json(reader: impl Read, path: &Path, schema: &Schema) -> Result<KnowledgeGraph> {
    let parsed: GraphJson =
        serde_json::from_reader(std::io::BufReader::new(reader)).map_err(|e| Error::GraphJson {
            path: path.to_path_buf(),
            line: e.line(),
            column: e.column(),
            message: e
                .to_string()
                .split(" at line ")
                .next()
                .unwrap_or_default()
                .to_string(),
        })?;
    parsed
        .into_graph(schema)
        .map_err(|e| in_file(e, path, "JSON graph"))
}

/// Names the file in an error about a graph's content (a dangling edge, an unknown type), which
/// the graph itself reports without knowing where it was read from.
pub(crate) fn in_file(error: Error, path: &Path, format: &'static str) -> Error {
    match error {
        Error::InvalidGraph(_) | Error::UnknownType { .. } => Error::GraphFile {
            path: path.to_path_buf(),
            format,
            message: error.to_string(),
        },
        other => other,
    }
}
