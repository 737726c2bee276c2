//! The knowledge graph: typed nodes and edges over petgraph, merged across documents, with provenance.
//!
//! Node ids are derived from canonical names ([`crate::schema::node_id`]), so adding the same
//! actor from several documents gives one node, and re-runs give the same ids. Repeated relations
//! are one edge with a mention count, the documents they come from and a capped evidence list.

pub mod analysis;
pub mod resolve;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use serde::{Deserialize, Serialize};

use crate::doc::{Document, Evidence};
use crate::error::{Error, Result};
use crate::schema::{node_id, EntityType, RelationType, Schema};

pub use resolve::{MergeRecord, MergeScope};

/// How many evidence records an edge keeps by default.
pub const DEFAULT_EVIDENCE_CAP: usize = 20;

/// An actor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// Stable id derived from the canonical name.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Every surface form found in the text for this actor.
    #[serde(default)]
    pub aliases: BTreeSet<String>,
    /// How many mentions the actor has over all documents.
    #[serde(default)]
    pub mentions: u64,
    /// The documents that mention the actor.
    #[serde(default)]
    pub documents: BTreeSet<String>,
    /// How many mentions each document has (see [`Node::mentions_by_document`]); empty in
    /// graphs read from files that do not record it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub document_mentions: BTreeMap<String, u64>,
}

impl Node {
    /// The mentions per document, when they are known for every document of the node and add
    /// up to its mention count (so that a database can replace one document's count).
    pub fn mentions_by_document(&self) -> Option<&BTreeMap<String, u64>> {
        counts_if_complete(&self.document_mentions, &self.documents, self.mentions)
    }
}

/// A relation between two actors, aggregated over all the places that state it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// Relation type.
    #[serde(rename = "type")]
    pub relation_type: RelationType,
    /// Whether the relation is symmetric (then source and target are ordered by id).
    #[serde(default)]
    pub symmetric: bool,
    /// The highest confidence of any statement of the relation.
    pub confidence: f32,
    /// How many statements of the relation were found.
    #[serde(default)]
    pub mentions: u64,
    /// The documents that state it.
    #[serde(default)]
    pub documents: BTreeSet<String>,
    /// How many statements each document has (see [`Edge::mentions_by_document`]); empty in
    /// graphs read from files that do not record it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub document_mentions: BTreeMap<String, u64>,
    /// Where it is stated (capped; see [`KnowledgeGraph::evidence_cap`]).
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

impl Edge {
    /// The statements per document, when they are known for every document of the edge and
    /// add up to its mention count.
    pub fn mentions_by_document(&self) -> Option<&BTreeMap<String, u64>> {
        counts_if_complete(&self.document_mentions, &self.documents, self.mentions)
    }
}

/// `counts` when it has a count for each of `documents` and nothing else, summing to `total`.
fn counts_if_complete<'a>(
    counts: &'a BTreeMap<String, u64>,
    documents: &BTreeSet<String>,
    total: u64,
) -> Option<&'a BTreeMap<String, u64>> {
    let complete = counts.len() == documents.len()
        && counts.keys().eq(documents.iter())
        && counts.values().fold(0u64, |s, &n| s.saturating_add(n)) == total;
    complete.then_some(counts)
}

/// Adds the per-document counts of `from` to `into`.
fn add_document_mentions(into: &mut BTreeMap<String, u64>, from: BTreeMap<String, u64>) {
    for (document, n) in from {
        let count = into.entry(document).or_default();
        *count = count.saturating_add(n);
    }
}

/// An edge with its endpoints named by node id: the serialised form of an edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EdgeRecord {
    /// Source node id.
    pub source: String,
    /// Target node id.
    pub target: String,
    /// The edge's data.
    #[serde(flatten)]
    pub edge: Edge,
}

/// A document that went into the graph, so that adding it again changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DocumentRecord {
    /// Document name.
    pub name: String,
    /// FNV-1a hash of the document's text, as 16 hex digits.
    pub hash: String,
}

/// A knowledge graph of actors (nodes) and relations (edges).
#[derive(Debug, Clone)]
pub struct KnowledgeGraph {
    graph: StableDiGraph<Node, Edge>,
    node_index: HashMap<String, NodeIndex>,
    edge_index: HashMap<(NodeIndex, RelationType, NodeIndex), EdgeIndex>,
    documents: BTreeMap<String, String>,
    symmetric: BTreeSet<RelationType>,
    /// How many evidence records an edge keeps.
    pub evidence_cap: usize,
    /// Names and aliases → nodes, for resolving entities across documents.
    keys: resolve::NodeKeys,
    /// Every merge between documents, and (with `log_document_merges`) inside them.
    merges: Vec<MergeRecord>,
    /// Whether [`KnowledgeGraph::add_document`] also logs the merges made inside each
    /// document (for `--explain-merges`; off by default to save memory on large corpora).
    pub log_document_merges: bool,
}

/// FNV-1a 64-bit hash of a text, as 16 hex digits.
pub fn text_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in text.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

impl KnowledgeGraph {
    /// An empty graph using the relation vocabulary of `schema`.
    pub fn new(schema: impl AsRef<Schema>) -> Self {
        let schema = schema.as_ref();
        KnowledgeGraph {
            graph: StableDiGraph::new(),
            node_index: HashMap::new(),
            edge_index: HashMap::new(),
            documents: BTreeMap::new(),
            symmetric: schema
                .relation_types
                .iter()
                .filter(|t| t.symmetric)
                .map(|t| t.name.clone())
                .collect(),
            evidence_cap: DEFAULT_EVIDENCE_CAP,
            keys: resolve::NodeKeys::new(
                schema
                    .lexicon
                    .organization_words
                    .iter()
                    .chain(&schema.lexicon.organization_nominals)
                    .chain(&schema.lexicon.location_words)
                    .map(|w| crate::extract::names::fold(w))
                    .collect(),
            ),
            merges: Vec::new(),
            log_document_merges: false,
        }
    }

    /// The merges made so far, in the order they were made: between documents always,
    /// inside documents when [`KnowledgeGraph::log_document_merges`] is on.
    pub fn merges(&self) -> &[MergeRecord] {
        &self.merges
    }

    /// The id a node has now, following merges ("putin" → "vladimir-putin").
    pub fn current_id<'a>(&'a self, id: &'a str) -> &'a str {
        self.keys.follow(id)
    }

    /// The underlying petgraph graph, for algorithms.
    pub fn petgraph(&self) -> &StableDiGraph<Node, Edge> {
        &self.graph
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.node_index.get(id).map(|&i| &self.graph[i])
    }

    /// The petgraph index of the node with this id.
    pub fn node_index(&self, id: &str) -> Option<NodeIndex> {
        self.node_index.get(id).copied()
    }

    /// The documents in the graph, by name, with their text hashes.
    pub fn documents(&self) -> impl Iterator<Item = DocumentRecord> + '_ {
        self.documents.iter().map(|(name, hash)| DocumentRecord {
            name: name.clone(),
            hash: hash.clone(),
        })
    }

    /// Nodes sorted by id.
    pub fn nodes(&self) -> Vec<&Node> {
        let mut nodes: Vec<&Node> = self.graph.node_weights().collect();
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        nodes
    }

    /// Edges as (source, edge, target), sorted by source id, type and target id.
    pub fn edges(&self) -> Vec<(&Node, &Edge, &Node)> {
        let mut edges: Vec<(&Node, &Edge, &Node)> = (&self.graph)
            .edge_references()
            .map(|e| (&self.graph[e.source()], e.weight(), &self.graph[e.target()]))
            .collect();
        edges.sort_by(|a, b| {
            (&a.0.id, &a.1.relation_type, &a.2.id).cmp(&(&b.0.id, &b.1.relation_type, &b.2.id))
        });
        edges
    }

    /// Adds or merges a node; returns its index. Aliases, mentions and documents are unioned;
    /// the first type and name seen are kept.
    pub fn upsert_node(&mut self, node: Node) -> NodeIndex {
        if let Some(&i) = self.node_index.get(&node.id) {
            self.keys.unindex(i, &self.graph[i]);
            let existing = &mut self.graph[i];
            existing.aliases.extend(node.aliases);
            existing.mentions = existing.mentions.saturating_add(node.mentions);
            existing.documents.extend(node.documents);
            add_document_mentions(&mut existing.document_mentions, node.document_mentions);
            self.keys.index(i, &self.graph[i]);
            i
        } else {
            let id = node.id.clone();
            let i = self.graph.add_node(node);
            self.node_index.insert(id, i);
            self.keys.index(i, &self.graph[i]);
            i
        }
    }

    /// Adds a document's entity as a node: the node it already is (same id, or found by
    /// [`resolve`]), or a new node that may absorb nodes that were part of its name.
    /// Returns the node's index.
    fn add_entity(&mut self, node: Node, document: &str) -> NodeIndex {
        let id = self.keys.follow(&node.id).to_string();
        if self.node_index.contains_key(&id) {
            let node = Node { id, ..node };
            return self.upsert_node(node);
        }
        if let Some((i, reason)) = self.keys.find(&self.graph, &node) {
            let alias = node.name.clone();
            let old_id = node.id.clone();
            let better = resolve::better_name(&node.name, &self.graph[i].name);
            let name = node.name.clone();
            let target = self.graph[i].id.clone();
            self.upsert_node(Node { id: target, ..node });
            self.keys.redirect(&old_id, &self.graph[i].id.clone());
            self.merges.push(MergeRecord {
                scope: MergeScope::Graph,
                document: document.to_string(),
                node: self.graph[i].id.clone(),
                alias,
                reason,
            });
            // a node whose id comes from its name takes the better name and its id; an id
            // that a document chose otherwise (a body and its country) stays
            if better && self.graph[i].id == node_id(&self.graph[i].name) {
                self.rename_node(i, &name);
            }
            return i;
        }
        let i = self.upsert_node(node);
        let parts = self.keys.parts_of(&self.graph, i, &self.graph[i]);
        for (part, reason) in parts {
            if self.graph.contains_node(part) && part != i {
                let alias = self.graph[part].name.clone();
                self.merges.push(MergeRecord {
                    scope: MergeScope::Graph,
                    document: document.to_string(),
                    node: self.graph[i].id.clone(),
                    alias,
                    reason,
                });
                self.merge_nodes(i, part);
            }
        }
        i
    }

    /// Gives node `i` a new canonical name and the id that goes with it; the old id is
    /// redirected. If another node already has that id, the two are one actor and merge.
    fn rename_node(&mut self, i: NodeIndex, name: &str) {
        let new_id = node_id(name);
        let old_id = self.graph[i].id.clone();
        if new_id == old_id {
            self.keys.unindex(i, &self.graph[i]);
            self.graph[i].name = name.to_string();
            self.keys.index(i, &self.graph[i]);
            return;
        }
        if let Some(&other) = self.node_index.get(&new_id) {
            self.merge_nodes(other, i);
            return;
        }
        self.keys.unindex(i, &self.graph[i]);
        let node = &mut self.graph[i];
        node.aliases.insert(node.name.clone());
        node.name = name.to_string();
        node.id = new_id.clone();
        self.keys.index(i, &self.graph[i]);
        self.node_index.remove(&old_id);
        self.node_index.insert(new_id.clone(), i);
        self.keys.redirect(&old_id, &new_id);
        // symmetric edges are ordered by id: put the ones touching this node in order again
        self.reinsert_edges(i);
    }

    /// Merges node `gone` into node `keep`: aliases, mentions, documents and edges move;
    /// a relation between the two disappears; `gone`'s id is redirected.
    fn merge_nodes(&mut self, keep: NodeIndex, gone: NodeIndex) {
        if keep == gone {
            return;
        }
        let edges = self.take_edges(gone);
        self.keys.unindex(gone, &self.graph[gone]);
        let Some(old) = self.graph.remove_node(gone) else {
            return;
        };
        self.node_index.remove(&old.id);
        self.keys.unindex(keep, &self.graph[keep]);
        let better = resolve::better_name(&old.name, &self.graph[keep].name);
        let node = &mut self.graph[keep];
        node.aliases.extend(old.aliases);
        node.aliases.insert(old.name.clone());
        node.mentions = node.mentions.saturating_add(old.mentions);
        node.documents.extend(old.documents);
        add_document_mentions(&mut node.document_mentions, old.document_mentions);
        self.keys.index(keep, &self.graph[keep]);
        let keep_id = self.graph[keep].id.clone();
        self.keys.redirect(&old.id, &keep_id);
        for (s, t, edge) in edges {
            let s = if s == gone { keep } else { s };
            let t = if t == gone { keep } else { t };
            if s != t {
                self.upsert_edge_at(s, t, edge);
            }
        }
        if better && self.graph[keep].id == node_id(&self.graph[keep].name) {
            self.rename_node(keep, &old.name);
        }
    }

    /// Removes and returns every edge touching node `i`.
    fn take_edges(&mut self, i: NodeIndex) -> Vec<(NodeIndex, NodeIndex, Edge)> {
        let ids: Vec<EdgeIndex> = self
            .graph
            .edges_directed(i, petgraph::Direction::Outgoing)
            .chain(self.graph.edges_directed(i, petgraph::Direction::Incoming))
            .map(|e| e.id())
            .collect();
        let mut out = Vec::with_capacity(ids.len());
        for e in ids {
            if let Some((s, t)) = self.graph.edge_endpoints(e) {
                let rt = self.graph[e].relation_type.clone();
                self.edge_index.remove(&(s, rt, t));
                if let Some(edge) = self.graph.remove_edge(e) {
                    out.push((s, t, edge));
                }
            }
        }
        out
    }

    /// Takes out and puts back every edge touching node `i` (after its id changed).
    fn reinsert_edges(&mut self, i: NodeIndex) {
        for (s, t, edge) in self.take_edges(i) {
            self.upsert_edge_at(s, t, edge);
        }
    }

    /// Adds or merges an edge between two existing nodes (by id).
    pub fn upsert_edge(&mut self, source: &str, target: &str, edge: Edge) -> Result<EdgeIndex> {
        let (s, t) = match (self.node_index(source), self.node_index(target)) {
            (Some(s), Some(t)) => (s, t),
            _ => {
                return Err(Error::InvalidGraph(format!(
                    "edge {source} -{}-> {target} names a node that does not exist",
                    edge.relation_type
                )))
            }
        };
        Ok(self.upsert_edge_at(s, t, edge))
    }

    /// Adds or merges an edge between two existing nodes (by index).
    fn upsert_edge_at(&mut self, mut s: NodeIndex, mut t: NodeIndex, mut edge: Edge) -> EdgeIndex {
        edge.symmetric = self.symmetric.contains(&edge.relation_type);
        if edge.symmetric && self.graph[s].id > self.graph[t].id {
            std::mem::swap(&mut s, &mut t);
        }
        let key = (s, edge.relation_type.clone(), t);
        if let Some(&e) = self.edge_index.get(&key) {
            let cap = self.evidence_cap;
            let existing = &mut self.graph[e];
            existing.mentions = existing.mentions.saturating_add(edge.mentions);
            existing.confidence = existing.confidence.max(edge.confidence);
            existing.documents.extend(edge.documents);
            add_document_mentions(&mut existing.document_mentions, edge.document_mentions);
            for ev in edge.evidence {
                if existing.evidence.len() >= cap {
                    break;
                }
                if !existing.evidence.contains(&ev) {
                    existing.evidence.push(ev);
                }
            }
            e
        } else {
            edge.evidence.truncate(self.evidence_cap);
            let e = self.graph.add_edge(s, t, edge);
            self.edge_index.insert(key, e);
            e
        }
    }

    /// Adds a document's entities and relations. Returns `false`, changing nothing, when a
    /// document with the same name and text is already in the graph.
    pub fn add_document(&mut self, doc: &Document) -> bool {
        let hash = text_hash(&doc.text);
        if self.documents.get(&doc.name) == Some(&hash) {
            return false;
        }
        self.documents.insert(doc.name.clone(), hash);
        // the node ids of the entities; a later entity may merge an earlier one's node away,
        // so edges look them up again (through redirects) once all entities are in
        let mut ids = Vec::with_capacity(doc.entities.len());
        for entity in &doc.entities {
            let i = self.add_entity(
                Node {
                    id: entity.id.clone(),
                    name: entity.name.clone(),
                    entity_type: entity.entity_type.clone(),
                    aliases: entity.aliases.clone(),
                    mentions: entity.mentions.len() as u64,
                    documents: BTreeSet::from([doc.name.clone()]),
                    document_mentions: BTreeMap::from([(
                        doc.name.clone(),
                        entity.mentions.len() as u64,
                    )]),
                },
                &doc.name,
            );
            if self.log_document_merges {
                let node = self.graph[i].id.clone();
                for note in &entity.merges {
                    self.merges.push(MergeRecord {
                        scope: MergeScope::Document,
                        document: doc.name.clone(),
                        node: node.clone(),
                        alias: note.alias.clone(),
                        reason: note.reason.clone(),
                    });
                }
            }
            ids.push(self.graph[i].id.clone());
        }
        // a triple stated in several sentences of the document is likelier right than any one
        // statement
        let mut statements: HashMap<(usize, usize, &RelationType), Vec<f32>> = HashMap::new();
        for r in &doc.relations {
            statements
                .entry((r.source, r.target, &r.relation_type))
                .or_default()
                .push(r.confidence);
        }
        for relation in &doc.relations {
            let confidence = corroborated(
                &statements[&(relation.source, relation.target, &relation.relation_type)],
            );
            let index_of = |k: usize| self.node_index.get(self.keys.follow(&ids[k])).copied();
            let (Some(source), Some(target)) =
                (index_of(relation.source), index_of(relation.target))
            else {
                continue;
            };
            if source == target {
                continue;
            }
            let edge = Edge {
                relation_type: relation.relation_type.clone(),
                symmetric: false,
                confidence,
                mentions: 1,
                documents: BTreeSet::from([doc.name.clone()]),
                document_mentions: BTreeMap::from([(doc.name.clone(), 1)]),
                evidence: vec![relation.evidence.clone()],
            };
            self.upsert_edge_at(source, target, edge);
        }
        true
    }

    /// Records a document as part of the graph without adding content (used when reading a graph back).
    pub fn record_document(&mut self, record: DocumentRecord) {
        self.documents.insert(record.name, record.hash);
    }

    /// The edges as serialisable records, sorted like [`KnowledgeGraph::edges`].
    pub fn edge_records(&self) -> Vec<EdgeRecord> {
        self.edges()
            .into_iter()
            .map(|(s, e, t)| EdgeRecord {
                source: s.id.clone(),
                target: t.id.clone(),
                edge: e.clone(),
            })
            .collect()
    }

    /// Keeps only the edges for which `keep` returns true.
    pub fn retain_edges(&mut self, keep: impl Fn(&Edge) -> bool) {
        let drop: Vec<EdgeIndex> = self
            .graph
            .edge_indices()
            .filter(|&e| !keep(&self.graph[e]))
            .collect();
        for e in drop {
            if let Some((s, t)) = self.graph.edge_endpoints(e) {
                let rt = self.graph[e].relation_type.clone();
                self.edge_index.remove(&(s, rt, t));
            }
            self.graph.remove_edge(e);
        }
    }
}

impl AsRef<Schema> for Schema {
    fn as_ref(&self) -> &Schema {
        self
    }
}

/// The confidence of a triple from the confidences of its statements in one document: the best
/// one, raised by half the remaining doubt for each further statement (statements of one article
/// are not independent, so a full noisy-or would overstate). Rounded to three decimals so that
/// the order of the statements does not show in the output.
pub fn corroborated(confidences: &[f32]) -> f32 {
    let mut sorted = confidences.to_vec();
    sorted.sort_by(|a, b| b.total_cmp(a));
    let Some((&best, rest)) = sorted.split_first() else {
        return 0.0;
    };
    let mut c = best;
    for other in rest {
        c += (1.0 - c) * other * 0.5;
    }
    (c * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str, alias: &str) -> Node {
        Node {
            id: id.into(),
            name: id.into(),
            entity_type: EntityType::country(),
            aliases: BTreeSet::from([alias.to_string()]),
            mentions: 1,
            documents: BTreeSet::from(["d".to_string()]),
            document_mentions: BTreeMap::from([("d".to_string(), 1)]),
        }
    }

    fn edge(t: &str) -> Edge {
        Edge {
            relation_type: RelationType::new(t).unwrap(),
            symmetric: false,
            confidence: 0.5,
            mentions: 1,
            documents: BTreeSet::new(),
            document_mentions: BTreeMap::new(),
            evidence: Vec::new(),
        }
    }

    #[test]
    fn nodes_and_edges_merge_by_id_and_type() {
        let schema = Schema::embedded().unwrap();
        let mut g = KnowledgeGraph::new(&schema);
        g.upsert_node(node("b", "B1"));
        g.upsert_node(node("a", "A"));
        g.upsert_node(node("b", "B2"));
        assert_eq!(g.node_count(), 2);
        assert_eq!(g.node("b").unwrap().aliases.len(), 2);
        assert_eq!(g.node("b").unwrap().mentions, 2);
        g.upsert_edge("b", "a", edge("spoke-with")).unwrap();
        g.upsert_edge("a", "b", edge("spoke-with")).unwrap();
        g.upsert_edge("b", "a", edge("sent-aid-to")).unwrap();
        assert_eq!(g.edge_count(), 2);
        let records = g.edge_records();
        let spoke = records
            .iter()
            .find(|r| r.edge.relation_type.is("spoke-with"))
            .unwrap();
        assert_eq!(
            (
                spoke.source.as_str(),
                spoke.target.as_str(),
                spoke.edge.mentions
            ),
            ("a", "b", 2)
        );
        assert!(g.upsert_edge("a", "zzz", edge("praised")).is_err());
    }

    #[test]
    fn statements_repeated_in_a_document_raise_the_edge_confidence_once() {
        assert_eq!(corroborated(&[0.6]), 0.6);
        assert_eq!(corroborated(&[0.4, 0.8]), corroborated(&[0.8, 0.4]));
        let twice = corroborated(&[0.8, 0.4]);
        assert!(twice > 0.8 && twice < 1.0, "{twice}");
        assert_eq!(corroborated(&[]), 0.0);
        // two documents each stating it once: the best of them, not corroborated
        let schema = Schema::embedded().unwrap();
        let pipeline =
            crate::pipeline::Pipeline::standard(std::sync::Arc::new(schema.clone())).unwrap();
        let once = pipeline
            .run("a", "Russia sent medical supplies to Italy.")
            .unwrap();
        let double = pipeline
            .run(
                "b",
                "Russia sent medical supplies to Italy. Russia sent doctors to Italy.",
            )
            .unwrap();
        assert_eq!(double.relations.len(), 2, "{:?}", double.relations);
        let aid = |g: &KnowledgeGraph| {
            g.edge_records()
                .into_iter()
                .find(|r| r.edge.relation_type.is("sent-aid-to"))
                .unwrap()
                .edge
                .confidence
        };
        let mut single = KnowledgeGraph::new(&schema);
        single.add_document(&once);
        let mut repeated = KnowledgeGraph::new(&schema);
        repeated.add_document(&double);
        assert!(
            aid(&repeated) > aid(&single),
            "{} vs {}",
            aid(&repeated),
            aid(&single)
        );
        let mut again = once.clone();
        again.name = "c".into();
        single.add_document(&again);
        assert_eq!(aid(&single), once.relations[0].confidence);
    }

    #[test]
    fn hash_is_stable() {
        assert_eq!(text_hash(""), "cbf29ce484222325");
        assert_ne!(text_hash("a"), text_hash("b"));
    }
}
