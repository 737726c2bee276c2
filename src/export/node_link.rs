//! Node-link JSON, the format of NetworkX's `node_link_data`/`node_link_graph` and of D3, and its reader.
//!
//! ```json
//! {"directed": true, "multigraph": true,
//!  "graph": {"name": "kgforge", "documents": [{"name": "...", "hash": "..."}]},
//!  "nodes": [{"id": "russia", "name": "Russia", "type": "Country", "aliases": [...], ...}],
//!  "edges": [{"source": "russia", "target": "italy", "key": "sent-aid-to", "type": "sent-aid-to", ...}]}
//! ```
//!
//! The graph is a directed multigraph: two actors can be joined by several relations, and
//! `key` (the relation type) tells them apart, as NetworkX's `MultiDiGraph` keys do. The edge
//! list is under `"edges"`, the default of `node_link_graph` since NetworkX 3.6; NetworkX 3.4
//! and 3.5 read it with `node_link_graph(data, edges="edges")`, older versions with
//! `link="edges"`, and D3 wants `data.links = data.edges`. The reader here accepts
//! `"links"` too.

use std::io::Read;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::json::GraphJson;
use crate::error::{Error, Result};
use crate::graph::{DocumentRecord, Edge, EdgeRecord, KnowledgeGraph, Node};
use crate::schema::Schema;

/// The node-link document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeLink {
    /// Always true: relations have a direction (symmetric ones are stored once, source before target).
    pub directed: bool,
    /// Always true: edges are keyed by relation type.
    pub multigraph: bool,
    /// Graph attributes.
    pub graph: NodeLinkGraph,
    /// Nodes, sorted by id; `id` is the node key.
    pub nodes: Vec<Node>,
    /// Edges, sorted by source, type, target.
    #[serde(alias = "links")]
    pub edges: Vec<NodeLinkEdge>,
}

/// Graph attributes of a node-link document (NetworkX's `G.graph`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeLinkGraph {
    /// `"kgforge"`.
    #[serde(default)]
    pub name: String,
    /// The documents the graph was built from.
    #[serde(default)]
    pub documents: Vec<DocumentRecord>,
}

/// One edge: endpoints, multigraph key and the edge's data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeLinkEdge {
    /// Source node id.
    pub source: String,
    /// Target node id.
    pub target: String,
    /// The multigraph key: the relation type.
    pub key: String,
    /// The edge's data.
    #[serde(flatten)]
    pub edge: Edge,
}

impl NodeLink {
    /// The node-link form of a graph.
    pub fn from_graph(graph: &KnowledgeGraph) -> Self {
        NodeLink {
            directed: true,
            multigraph: true,
            graph: NodeLinkGraph {
                name: "kgforge".to_string(),
                documents: graph.documents().collect(),
            },
            nodes: graph.nodes().into_iter().cloned().collect(),
            edges: graph
                .edge_records()
                .into_iter()
                .map(|r| NodeLinkEdge {
                    source: r.source,
                    target: r.target,
                    key: r.edge.relation_type.to_string(),
                    edge: r.edge,
                })
                .collect(),
        }
    }

    /// The graph, checked like a JSON graph; `path` names the file in errors.
    pub fn into_graph(self, path: &Path, schema: &Schema) -> Result<KnowledgeGraph> {
        let mut edges = Vec::with_capacity(self.edges.len());
        for e in self.edges {
            if e.key != e.edge.relation_type.as_str() {
                return Err(Error::GraphFile {
                    path: path.to_path_buf(),
                    format: "node-link JSON",
                    message: format!(
                        "edge {} -> {} has key {:?} but type {:?}; kgforge keys edges by type",
                        e.source, e.target, e.key, e.edge.relation_type
                    ),
                });
            }
            edges.push(EdgeRecord {
                source: e.source,
                target: e.target,
                edge: e.edge,
            });
        }
        GraphJson {
            nodes: self.nodes,
            edges,
            documents: self.graph.documents,
        }
        .into_graph(schema)
        .map_err(|e| super::json::in_file(e, path, "node-link JSON"))
    }
}

/// The graph as pretty-printed node-link JSON.
pub fn to_node_link(graph: &KnowledgeGraph) -> String {
    let mut text = serde_json::to_string_pretty(&NodeLink::from_graph(graph))
        .expect("graph values serialise to JSON");
    text.push('\n');
    text
}

/// Reads node-link JSON written by [`to_node_link`] (or by NetworkX from such a graph).
pub fn from_node_link(reader: impl Read, path: &Path, schema: &Schema) -> Result<KnowledgeGraph> {
    let parsed: NodeLink =
        serde_json::from_reader(std::io::BufReader::new(reader)).map_err(|e| Error::GraphFile {
            path: path.to_path_buf(),
            format: "node-link JSON",
            message: e.to_string(),
        })?;
    parsed.into_graph(path, schema)
}
