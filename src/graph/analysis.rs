//! Actor analysis over a knowledge graph: name lookup, neighbours, paths, rankings, components, ego networks.
//!
//! Every function takes the graph (and plain parameters) and returns plain data naming nodes and
//! edges by their petgraph indices; formatting is the caller's job (`kgforge query` does it).
//! Every result is ordered deterministically, ties broken by node id.
//!
//! Rankings and components look at the *actor network*: one link between two actors that share
//! any relation, whatever its type, direction or count (see [`actor_network`]). Algorithms come
//! from petgraph (Dijkstra, union-find) and rustworkx-core (Brandes betweenness); PageRank is
//! written here because petgraph's `page_rank` is quadratic in the number of nodes per iteration
//! and leaves out part of the random jump, so its values differ from the textbook (and NetworkX)
//! ones; see [`pagerank`].
//!
//! ```
//! use kgforge::graph::analysis::{find_actor, shortest_path};
//! # use kgforge::{export::json::from_json, schema::Schema};
//! # let schema = Schema::embedded()?;
//! # let json = r#"{"nodes": [
//! #   {"id": "russia", "name": "Russia", "type": "Country", "aliases": ["Kremlin"]},
//! #   {"id": "italy", "name": "Italy", "type": "Country"},
//! #   {"id": "dmitry-peskov", "name": "Dmitry Peskov", "type": "Person"}],
//! #  "edges": [
//! #   {"source": "russia", "target": "italy", "type": "sent-aid-to", "confidence": 0.6},
//! #   {"source": "dmitry-peskov", "target": "russia", "type": "spokesperson-for", "confidence": 0.85}]}"#;
//! # let graph = from_json(json.as_bytes(), "graph.json".as_ref(), &schema)?;
//! let peskov = find_actor(&graph, "peskov")?;
//! let italy = find_actor(&graph, "ITALY")?;
//! let hops = shortest_path(&graph, peskov, italy).expect("connected");
//! let chain: Vec<&str> = hops.iter().map(|h| graph.petgraph()[h.to].id.as_str()).collect();
//! assert_eq!(chain, ["russia", "italy"]);
//! # Ok::<(), kgforge::Error>(())
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use petgraph::algo::dijkstra;
use petgraph::graph::{Graph, NodeIndex as NetIndex};
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::unionfind::UnionFind;
use petgraph::visit::{EdgeRef, NodeIndexable, UndirectedAdaptor};
use petgraph::{Directed, Direction as PgDirection, EdgeType, Undirected};
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};
use crate::graph::{KnowledgeGraph, Node};
use crate::schema::{EntityType, RelationType, Schema};

/// The damping factor of PageRank: the probability of following a link rather than jumping.
pub const DEFAULT_DAMPING: f64 = 0.85;

/// How many candidates an unknown name's error suggests at most.
pub const MAX_SUGGESTIONS: usize = 5;

/// Jaro–Winkler similarity below which a name is not suggested for an unknown one.
const MIN_SUGGESTION_SIMILARITY: f64 = 0.75;

// ---------------------------------------------------------------------------------------------
// Names

/// A name reduced for matching: Unicode compatibility decomposition, accents and every character
/// that is not a letter or digit dropped, lower case. "U.S.", "US" and "u s" all become `us`;
/// "United States" and the id `united-states` both become `unitedstates`.
///
/// ```
/// use kgforge::graph::analysis::normalize_name;
/// assert_eq!(normalize_name("U.S."), "us");
/// assert_eq!(normalize_name("united-states"), normalize_name("United States"));
/// assert_eq!(normalize_name("Médecins Sans Frontières"), "medecinssansfrontieres");
/// ```
pub fn normalize_name(text: &str) -> String {
    text.nfkd()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The normalised words of a name ("Dmitry Peskov" → `dmitry`, `peskov`).
fn name_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'')
        .map(normalize_name)
        .filter(|w| !w.is_empty())
}

/// Every label a node can be found by: id, name, aliases.
fn labels(node: &Node) -> impl Iterator<Item = &str> {
    [node.id.as_str(), node.name.as_str()]
        .into_iter()
        .chain(node.aliases.iter().map(String::as_str))
}

/// Finds the actor that `name` designates, trying in turn, and stopping at the first kind of
/// match that finds anything:
///
/// 1. the id or the canonical name, normalised ([`normalize_name`]);
/// 2. an alias (any surface form seen in the text: "Kremlin", "U.S.", "Putin"), normalised;
/// 3. one word of the name or of an alias ("Peskov" finds Dmitry Peskov).
///
/// One node found is the answer; several are [`Error::AmbiguousActor`]; none is
/// [`Error::ActorNotFound`], which carries the closest names ([`closest_actors`]).
///
/// ```
/// use kgforge::graph::analysis::find_actor;
/// # use kgforge::{export::json::from_json, schema::Schema};
/// # let schema = Schema::embedded()?;
/// # let json = r#"{"nodes": [
/// #   {"id": "united-states", "name": "United States", "type": "Country", "aliases": ["U.S.", "US"]},
/// #   {"id": "donald-trump", "name": "Donald Trump", "type": "Person"},
/// #   {"id": "donald-tusk", "name": "Donald Tusk", "type": "Person"}], "edges": []}"#;
/// # let graph = from_json(json.as_bytes(), "graph.json".as_ref(), &schema)?;
/// let us = find_actor(&graph, "us")?;
/// assert_eq!(graph.petgraph()[us].id, "united-states");
/// assert_eq!(find_actor(&graph, "the U.S").is_err(), true);
/// assert!(matches!(find_actor(&graph, "Donald"), Err(kgforge::Error::AmbiguousActor { .. })));
/// assert_eq!(graph.petgraph()[find_actor(&graph, "trump")?].id, "donald-trump");
/// # Ok::<(), kgforge::Error>(())
/// ```
pub fn find_actor(graph: &KnowledgeGraph, name: &str) -> Result<NodeIndex> {
    let wanted = normalize_name(name);
    let g = graph.petgraph();
    if !wanted.is_empty() {
        let tiers: [&dyn Fn(&Node) -> bool; 3] = [
            &|n| normalize_name(&n.id) == wanted || normalize_name(&n.name) == wanted,
            &|n| n.aliases.iter().any(|a| normalize_name(a) == wanted),
            &|n| labels(n).any(|l| name_words(l).any(|w| w == wanted)),
        ];
        for matches in tiers {
            let mut found: Vec<NodeIndex> = g.node_indices().filter(|&i| matches(&g[i])).collect();
            sort_by_id(graph, &mut found);
            match found.len() {
                0 => continue,
                1 => return Ok(found[0]),
                _ => {
                    return Err(Error::AmbiguousActor {
                        name: name.to_string(),
                        candidates: found.iter().map(|&i| describe(&g[i])).collect(),
                    })
                }
            }
        }
    }
    Err(Error::ActorNotFound {
        name: name.to_string(),
        candidates: closest_actors(graph, name, MAX_SUGGESTIONS)
            .into_iter()
            .map(|i| describe(&g[i]))
            .collect(),
        actors: graph.node_count(),
    })
}

/// "Donald Trump (donald-trump, Person)": how a candidate is shown to people.
fn describe(node: &Node) -> String {
    format!("{} ({}, {})", node.name, node.id, node.entity_type)
}

/// The actors whose id, name or an alias is most like `name` (Jaro–Winkler similarity of the
/// normalised forms, at least 0.75), best first, ties by id; at most `limit`.
///
/// ```
/// use kgforge::graph::analysis::closest_actors;
/// # use kgforge::{export::json::from_json, schema::Schema};
/// # let schema = Schema::embedded()?;
/// # let json = r#"{"nodes": [
/// #   {"id": "vladimir-putin", "name": "Vladimir Putin", "type": "Person", "aliases": ["Putin"]},
/// #   {"id": "italy", "name": "Italy", "type": "Country"}], "edges": []}"#;
/// # let graph = from_json(json.as_bytes(), "graph.json".as_ref(), &schema)?;
/// let close = closest_actors(&graph, "Puttin", 3);
/// assert_eq!(close.len(), 1);
/// assert_eq!(graph.petgraph()[close[0]].id, "vladimir-putin");
/// # Ok::<(), kgforge::Error>(())
/// ```
pub fn closest_actors(graph: &KnowledgeGraph, name: &str, limit: usize) -> Vec<NodeIndex> {
    let wanted = normalize_name(name);
    if wanted.is_empty() {
        return Vec::new();
    }
    let g = graph.petgraph();
    let mut scored: Vec<(f64, &str, NodeIndex)> = g
        .node_indices()
        .map(|i| {
            let best = labels(&g[i])
                .map(|l| strsim::jaro_winkler(&wanted, &normalize_name(l)))
                .fold(0.0, f64::max);
            (best, g[i].id.as_str(), i)
        })
        .filter(|(s, _, _)| *s >= MIN_SUGGESTION_SIMILARITY)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.into_iter().take(limit).map(|(_, _, i)| i).collect()
}

fn sort_by_id(graph: &KnowledgeGraph, nodes: &mut [NodeIndex]) {
    let g = graph.petgraph();
    nodes.sort_by(|&a, &b| g[a].id.cmp(&g[b].id));
}

// ---------------------------------------------------------------------------------------------
// Neighbours and relations

/// Which of a node's relations to follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Direction {
    /// Relations the node is the source of (and symmetric ones).
    Out,
    /// Relations the node is the target of (and symmetric ones).
    In,
    /// All its relations.
    #[default]
    Both,
}

/// How a relation is oriented as seen from one of its ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Orientation {
    /// The node is the source: `node -r-> other`.
    Outgoing,
    /// The node is the target: `other -r-> node`.
    Incoming,
    /// The relation is symmetric (spoke-with, met-with): no direction.
    Symmetric,
}

impl Orientation {
    /// `out`, `in` or `sym`.
    pub fn as_str(self) -> &'static str {
        match self {
            Orientation::Outgoing => "out",
            Orientation::Incoming => "in",
            Orientation::Symmetric => "sym",
        }
    }
}

/// One relation of a node, seen from that node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Neighbor {
    /// The actor at the other end.
    pub node: NodeIndex,
    /// The relation.
    pub edge: EdgeIndex,
    /// Its orientation as seen from the node asked about.
    pub orientation: Orientation,
}

/// Which neighbours [`neighbors`] keeps; `None` keeps everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NeighborFilter {
    /// Only relations of this type.
    pub relation_type: Option<RelationType>,
    /// Only neighbours of this entity type.
    pub entity_type: Option<EntityType>,
}

/// The relations of `node` in `direction` that pass `filter`, one entry per relation, sorted by the
/// neighbour's id, then relation type, then orientation. Symmetric relations count in both
/// directions. A relation from a node to itself is listed once, as outgoing.
///
/// ```
/// use kgforge::graph::analysis::{find_actor, neighbors, Direction, NeighborFilter};
/// # use kgforge::{export::json::from_json, schema::Schema};
/// # let schema = Schema::embedded()?;
/// # let json = r#"{"nodes": [
/// #   {"id": "russia", "name": "Russia", "type": "Country"},
/// #   {"id": "italy", "name": "Italy", "type": "Country"},
/// #   {"id": "vladimir-putin", "name": "Vladimir Putin", "type": "Person"}],
/// #  "edges": [
/// #   {"source": "russia", "target": "italy", "type": "sent-aid-to", "confidence": 0.6},
/// #   {"source": "vladimir-putin", "target": "russia", "type": "leader-of", "confidence": 0.85}]}"#;
/// # let graph = from_json(json.as_bytes(), "graph.json".as_ref(), &schema)?;
/// let russia = find_actor(&graph, "Russia")?;
/// let all = neighbors(&graph, russia, Direction::Both, &NeighborFilter::default());
/// let ids: Vec<&str> = all.iter().map(|n| graph.petgraph()[n.node].id.as_str()).collect();
/// assert_eq!(ids, ["italy", "vladimir-putin"]);
/// let incoming = neighbors(&graph, russia, Direction::In, &NeighborFilter::default());
/// assert_eq!(incoming.len(), 1);
/// # Ok::<(), kgforge::Error>(())
/// ```
pub fn neighbors(
    graph: &KnowledgeGraph,
    node: NodeIndex,
    direction: Direction,
    filter: &NeighborFilter,
) -> Vec<Neighbor> {
    let g = graph.petgraph();
    let mut found = Vec::new();
    for (pg_direction, orientation) in [
        (PgDirection::Outgoing, Orientation::Outgoing),
        (PgDirection::Incoming, Orientation::Incoming),
    ] {
        for e in g.edges_directed(node, pg_direction) {
            let edge = e.weight();
            let other = if orientation == Orientation::Outgoing {
                e.target()
            } else {
                e.source()
            };
            if orientation == Orientation::Incoming && other == node {
                continue; // a self-loop, already listed as outgoing
            }
            let orientation = if edge.symmetric {
                Orientation::Symmetric
            } else {
                orientation
            };
            let wanted = match (direction, orientation) {
                (Direction::Both, _) | (_, Orientation::Symmetric) => true,
                (Direction::Out, o) => o == Orientation::Outgoing,
                (Direction::In, o) => o == Orientation::Incoming,
            };
            if !wanted
                || filter
                    .relation_type
                    .as_ref()
                    .is_some_and(|t| *t != edge.relation_type)
                || filter
                    .entity_type
                    .as_ref()
                    .is_some_and(|t| *t != g[other].entity_type)
            {
                continue;
            }
            found.push(Neighbor {
                node: other,
                edge: e.id(),
                orientation,
            });
        }
    }
    found.sort_by(|a, b| {
        (&g[a.node].id, &g[a.edge].relation_type, a.orientation).cmp(&(
            &g[b.node].id,
            &g[b.edge].relation_type,
            b.orientation,
        ))
    });
    found
}

/// Which relations [`relations`] keeps; `None` keeps everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RelationFilter {
    /// Only relations of this type.
    pub relation_type: Option<RelationType>,
    /// Only relations from this actor (either end of a symmetric relation).
    pub from: Option<NodeIndex>,
    /// Only relations to this actor (either end of a symmetric relation).
    pub to: Option<NodeIndex>,
}

/// The relations that pass `filter`, sorted by source id, type, target id. A symmetric relation
/// matches `from`/`to` in either orientation.
///
/// ```
/// use kgforge::graph::analysis::{find_actor, relations, RelationFilter};
/// # use kgforge::{export::json::from_json, schema::Schema};
/// # let schema = Schema::embedded()?;
/// # let json = r#"{"nodes": [
/// #   {"id": "russia", "name": "Russia", "type": "Country"},
/// #   {"id": "italy", "name": "Italy", "type": "Country"},
/// #   {"id": "iran", "name": "Iran", "type": "Country"}],
/// #  "edges": [
/// #   {"source": "russia", "target": "italy", "type": "sent-aid-to", "confidence": 0.6},
/// #   {"source": "russia", "target": "iran", "type": "sent-aid-to", "confidence": 0.6}]}"#;
/// # let graph = from_json(json.as_bytes(), "graph.json".as_ref(), &schema)?;
/// let filter = RelationFilter { to: Some(find_actor(&graph, "Italy")?), ..Default::default() };
/// let found = relations(&graph, &filter);
/// assert_eq!(found.len(), 1);
/// assert!(graph.petgraph()[found[0]].relation_type.is("sent-aid-to"));
/// # Ok::<(), kgforge::Error>(())
/// ```
pub fn relations(graph: &KnowledgeGraph, filter: &RelationFilter) -> Vec<EdgeIndex> {
    let g = graph.petgraph();
    let mut found: Vec<EdgeIndex> = g
        .edge_indices()
        .filter(|&e| {
            let edge = &g[e];
            let (s, t) = g.edge_endpoints(e).expect("edge index from the graph");
            let ends_match = |from: Option<NodeIndex>, to: Option<NodeIndex>| {
                from.is_none_or(|f| f == s) && to.is_none_or(|x| x == t)
            };
            filter
                .relation_type
                .as_ref()
                .is_none_or(|t| *t == edge.relation_type)
                && (ends_match(filter.from, filter.to)
                    || (edge.symmetric && ends_match(filter.to, filter.from)))
        })
        .collect();
    sort_edges(graph, &mut found);
    found
}

/// Sorts edges by source id, type, target id.
fn sort_edges(graph: &KnowledgeGraph, edges: &mut [EdgeIndex]) {
    let g = graph.petgraph();
    let key = |e: EdgeIndex| {
        let (s, t) = g.edge_endpoints(e).expect("edge index from the graph");
        (&g[s].id, &g[e].relation_type, &g[t].id)
    };
    edges.sort_by(|&a, &b| key(a).cmp(&key(b)));
}

// ---------------------------------------------------------------------------------------------
// Paths

/// One step of a chain of relations: from one actor to the next, with every relation that
/// links the two.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hop {
    /// Where the step starts.
    pub from: NodeIndex,
    /// Where it ends.
    pub to: NodeIndex,
    /// The relations between `from` and `to`, in either direction (see each edge's endpoints),
    /// strongest first: highest confidence, then most mentions, then by type.
    pub edges: Vec<EdgeIndex>,
}

/// The shortest chain of relations from `from` to `to`, one [`Hop`] per step, or `None` when no
/// chain links them. Relations are followed in either direction (who is related to whom, not
/// who acted on whom); each hop's edges keep their real direction. Among several shortest
/// chains, the one whose sequence of node ids is alphabetically first is chosen, so that the
/// answer does not depend on the order in which the graph was built. A node's path to itself is
/// empty.
///
/// Distances come from petgraph's Dijkstra (unit costs) over an [`UndirectedAdaptor`] of the
/// graph, run from `to`; the chain then walks from `from` down the distances.
///
/// ```
/// use kgforge::graph::analysis::{find_actor, shortest_path};
/// # use kgforge::{export::json::from_json, schema::Schema};
/// # let schema = Schema::embedded()?;
/// # let json = r#"{"nodes": [
/// #   {"id": "a", "name": "A", "type": "Country"}, {"id": "b", "name": "B", "type": "Country"},
/// #   {"id": "c", "name": "C", "type": "Country"}, {"id": "z", "name": "Z", "type": "Country"}],
/// #  "edges": [
/// #   {"source": "b", "target": "a", "type": "sent-aid-to", "confidence": 0.6},
/// #   {"source": "b", "target": "c", "type": "sent-aid-to", "confidence": 0.6}]}"#;
/// # let graph = from_json(json.as_bytes(), "graph.json".as_ref(), &schema)?;
/// let (a, c, z) = (find_actor(&graph, "a")?, find_actor(&graph, "c")?, find_actor(&graph, "z")?);
/// let hops = shortest_path(&graph, a, c).unwrap();
/// assert_eq!(hops.len(), 2);
/// // the first relation runs against the walk: b -sent-aid-to-> a
/// let (source, _) = graph.petgraph().edge_endpoints(hops[0].edges[0]).unwrap();
/// assert_eq!(graph.petgraph()[source].id, "b");
/// assert_eq!(shortest_path(&graph, a, z), None);
/// # Ok::<(), kgforge::Error>(())
/// ```
pub fn shortest_path(graph: &KnowledgeGraph, from: NodeIndex, to: NodeIndex) -> Option<Vec<Hop>> {
    let g = graph.petgraph();
    let undirected = UndirectedAdaptor(g);
    // with a goal, Dijkstra stops once `from` is settled: every node closer to `to` is settled
    // too, which is all the walk below looks at
    let distance = dijkstra(undirected, to, Some(from), |_| 1usize);
    let mut remaining = *distance.get(&from)?;
    let mut hops = Vec::with_capacity(remaining);
    let mut here = from;
    while remaining > 0 {
        let next = g
            .neighbors_undirected(here)
            .filter(|n| distance.get(n) == Some(&(remaining - 1)))
            .min_by(|&a, &b| g[a].id.cmp(&g[b].id))
            .expect("a node on a shortest path has a neighbour one step closer");
        let mut edges: Vec<EdgeIndex> = g
            .edges_connecting(here, next)
            .chain(g.edges_connecting(next, here))
            .map(|e| e.id())
            .collect();
        edges.sort_by(|&a, &b| {
            let (ea, eb) = (&g[a], &g[b]);
            eb.confidence
                .total_cmp(&ea.confidence)
                .then(eb.mentions.cmp(&ea.mentions))
                .then_with(|| ea.relation_type.cmp(&eb.relation_type))
                .then_with(|| {
                    let source = |e| &g[g.edge_endpoints(e).expect("edge").0].id;
                    source(a).cmp(source(b))
                })
        });
        edges.dedup();
        hops.push(Hop {
            from: here,
            to: next,
            edges,
        });
        here = next;
        remaining -= 1;
    }
    Some(hops)
}

// ---------------------------------------------------------------------------------------------
// The actor network and rankings

/// The actor network of a graph: one node per actor (node weight = the actor's index in the
/// knowledge graph, nodes in id order, so that network index `i` is the `i`-th actor by id) and
/// one link between two actors that share any relation, whatever its type or count.
///
/// Undirected (`Ty = Undirected`): a link for every related pair. Directed: a link `a → b` for
/// every relation `a -r-> b`, and both `a → b` and `b → a` for a symmetric one (whose stored
/// direction is only an ordering by id). Self-relations are left out.
///
/// ```
/// use kgforge::graph::analysis::actor_network;
/// use petgraph::{Directed, Undirected};
/// # use kgforge::{export::json::from_json, schema::Schema};
/// # let schema = Schema::embedded()?;
/// # let json = r#"{"nodes": [
/// #   {"id": "donald-trump", "name": "Donald Trump", "type": "Person"},
/// #   {"id": "vladimir-putin", "name": "Vladimir Putin", "type": "Person"}],
/// #  "edges": [
/// #   {"source": "donald-trump", "target": "vladimir-putin", "type": "spoke-with", "confidence": 0.6},
/// #   {"source": "donald-trump", "target": "vladimir-putin", "type": "praised", "confidence": 0.5}]}"#;
/// # let graph = from_json(json.as_bytes(), "graph.json".as_ref(), &schema)?;
/// assert_eq!(actor_network::<Undirected>(&graph).edge_count(), 1);
/// assert_eq!(actor_network::<Directed>(&graph).edge_count(), 2); // spoke-with goes both ways
/// # Ok::<(), kgforge::Error>(())
/// ```
pub fn actor_network<Ty: EdgeType>(graph: &KnowledgeGraph) -> Graph<NodeIndex, (), Ty> {
    let g = graph.petgraph();
    let mut actors: Vec<NodeIndex> = g.node_indices().collect();
    sort_by_id(graph, &mut actors);
    let mut network: Graph<NodeIndex, (), Ty> =
        Graph::with_capacity(actors.len(), graph.edge_count());
    let mut position: HashMap<NodeIndex, NetIndex> = HashMap::with_capacity(actors.len());
    for &a in &actors {
        position.insert(a, network.add_node(a));
    }
    let mut links: BTreeSet<(NetIndex, NetIndex)> = BTreeSet::new();
    for e in g.edge_indices() {
        let (s, t) = g.edge_endpoints(e).expect("edge index from the graph");
        if s == t {
            continue;
        }
        let (s, t) = (position[&s], position[&t]);
        if Ty::is_directed() {
            links.insert((s, t));
            if g[e].symmetric {
                links.insert((t, s));
            }
        } else {
            links.insert((s.min(t), s.max(t)));
        }
    }
    for (s, t) in links {
        network.add_edge(s, t, ());
    }
    network
}

/// A node and a number measured on it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    /// The actor.
    pub node: NodeIndex,
    /// Its value.
    pub value: f64,
}

/// What [`rank`] ranks actors by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Measure {
    /// How many relations the actor takes part in ([`Degree::relations`]).
    #[default]
    Degree,
    /// PageRank on the actor network ([`pagerank`]).
    Pagerank,
    /// Normalised betweenness centrality on the actor network ([`betweenness`]).
    Betweenness,
}

/// How connected one actor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Degree {
    /// The actor.
    pub node: NodeIndex,
    /// Relations it takes part in (a relation to itself counts once).
    pub relations: usize,
    /// Relations it is the source of, plus its symmetric ones.
    pub outgoing: usize,
    /// Relations it is the target of, plus its symmetric ones.
    pub incoming: usize,
    /// Distinct other actors it is related to.
    pub neighbors: usize,
}

/// The degree of every actor, in id order.
///
/// ```
/// use kgforge::graph::analysis::degrees;
/// # use kgforge::{export::json::from_json, schema::Schema};
/// # let schema = Schema::embedded()?;
/// # let json = r#"{"nodes": [
/// #   {"id": "donald-trump", "name": "Donald Trump", "type": "Person"},
/// #   {"id": "vladimir-putin", "name": "Vladimir Putin", "type": "Person"}],
/// #  "edges": [
/// #   {"source": "donald-trump", "target": "vladimir-putin", "type": "spoke-with", "confidence": 0.6},
/// #   {"source": "donald-trump", "target": "vladimir-putin", "type": "praised", "confidence": 0.5}]}"#;
/// # let graph = from_json(json.as_bytes(), "graph.json".as_ref(), &schema)?;
/// let putin = degrees(&graph)[1];
/// assert_eq!((putin.relations, putin.outgoing, putin.incoming, putin.neighbors), (2, 1, 2, 1));
/// # Ok::<(), kgforge::Error>(())
/// ```
pub fn degrees(graph: &KnowledgeGraph) -> Vec<Degree> {
    let g = graph.petgraph();
    let mut actors: Vec<NodeIndex> = g.node_indices().collect();
    sort_by_id(graph, &mut actors);
    actors
        .into_iter()
        .map(|node| {
            let mut degree = Degree {
                node,
                relations: 0,
                outgoing: 0,
                incoming: 0,
                neighbors: 0,
            };
            let mut others = BTreeSet::new();
            for e in g.edges_directed(node, PgDirection::Outgoing) {
                degree.relations += 1;
                degree.outgoing += 1;
                if e.weight().symmetric {
                    degree.incoming += 1;
                }
                others.insert(e.target());
            }
            for e in g.edges_directed(node, PgDirection::Incoming) {
                if e.source() == node {
                    continue; // a self-loop, counted above
                }
                degree.relations += 1;
                degree.incoming += 1;
                if e.weight().symmetric {
                    degree.outgoing += 1;
                }
                others.insert(e.source());
            }
            others.remove(&node);
            degree.neighbors = others.len();
            degree
        })
        .collect()
}

/// PageRank of every actor on the actor network ([`actor_network`]), in id order; the values
/// sum to 1. `directed` follows relations from source to target (symmetric ones both ways), so
/// that rank flows to the actors that relations point at; otherwise links have no direction.
///
/// The textbook power iteration, as NetworkX's `pagerank` computes it: start uniform; each
/// step, every actor passes `damping` of its rank to its out-links in equal parts, actors
/// without out-links spread theirs over everyone, and everyone gets `(1 - damping) / n`;
/// stop when the ranks move by less than `n · 1e-10` in total (L1), or after 1000 steps.
///
/// Why not `petgraph::algo::page_rank`: it runs a fixed number of iterations, takes
/// O(n²·degree) time per iteration (it looks for a link from every node to every node) and
/// gives no random-jump share to a node from the nodes that link to it, so its values differ
/// from the definition above (by up to 0.006 on the seed article's graph, while this
/// implementation agrees with NetworkX to 1e-9: `tests/query_networkx.rs`);
/// `benches/analysis.rs` measures the speed of both.
///
/// ```
/// use kgforge::graph::analysis::pagerank;
/// # use kgforge::{export::json::from_json, schema::Schema};
/// # let schema = Schema::embedded()?;
/// # let json = r#"{"nodes": [
/// #   {"id": "a", "name": "A", "type": "Country"}, {"id": "b", "name": "B", "type": "Country"},
/// #   {"id": "c", "name": "C", "type": "Country"}],
/// #  "edges": [
/// #   {"source": "a", "target": "b", "type": "sent-aid-to", "confidence": 0.6},
/// #   {"source": "c", "target": "b", "type": "sent-aid-to", "confidence": 0.6}]}"#;
/// # let graph = from_json(json.as_bytes(), "graph.json".as_ref(), &schema)?;
/// // a star around b: solving b = (1-d)/3 + d·(a + c) and a = c = (1-d)/3 + d·b/2
/// // gives b = (1-d)(1+2d) / (3(1-d²)) = 18/37 for d = 0.85; the leaves share the rest
/// let ranks = pagerank(&graph, 0.85, false);
/// assert!((ranks[1].value - 18.0 / 37.0).abs() < 1e-9);
/// assert!((ranks[0].value - ranks[2].value).abs() < 1e-12);
/// # Ok::<(), kgforge::Error>(())
/// ```
pub fn pagerank(graph: &KnowledgeGraph, damping: f64, directed: bool) -> Vec<Score> {
    if directed {
        pagerank_on(&actor_network::<Directed>(graph), damping)
    } else {
        pagerank_on(&actor_network::<Undirected>(graph), damping)
    }
}

fn pagerank_on<Ty: EdgeType>(network: &Graph<NodeIndex, (), Ty>, damping: f64) -> Vec<Score> {
    const TOLERANCE: f64 = 1e-10;
    const MAX_ITERATIONS: usize = 1000;
    let n = network.node_count();
    if n == 0 {
        return Vec::new();
    }
    let out: Vec<Vec<usize>> = network
        .node_indices()
        .map(|i| network.neighbors(i).map(|j| j.index()).collect())
        .collect();
    let uniform = 1.0 / n as f64;
    let mut rank = vec![uniform; n];
    let mut next = vec![0.0; n];
    for _ in 0..MAX_ITERATIONS {
        let dangling: f64 = (0..n).filter(|&i| out[i].is_empty()).map(|i| rank[i]).sum();
        let base = (damping * dangling + (1.0 - damping)) * uniform;
        next.fill(base);
        for (i, links) in out.iter().enumerate() {
            if !links.is_empty() {
                let share = damping * rank[i] / links.len() as f64;
                for &j in links {
                    next[j] += share;
                }
            }
        }
        let change: f64 = rank.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut rank, &mut next);
        if change < n as f64 * TOLERANCE {
            break;
        }
    }
    network
        .node_indices()
        .map(|i| Score {
            node: network[i],
            value: rank[i.index()],
        })
        .collect()
}

/// Betweenness centrality of every actor on the actor network ([`actor_network`]), in id
/// order: the share of shortest paths between other actors that pass through it, normalised
/// as NetworkX does (by `(n-1)(n-2)` pairs when `directed`, `(n-1)(n-2)/2` otherwise).
///
/// Computed by `rustworkx_core::centrality::betweenness_centrality` (Brandes' algorithm), on one
/// thread so that the sums are always added in the same order and the output is reproducible.
///
/// ```
/// use kgforge::graph::analysis::betweenness;
/// # use kgforge::{export::json::from_json, schema::Schema};
/// # let schema = Schema::embedded()?;
/// # let json = r#"{"nodes": [
/// #   {"id": "a", "name": "A", "type": "Country"}, {"id": "b", "name": "B", "type": "Country"},
/// #   {"id": "c", "name": "C", "type": "Country"}],
/// #  "edges": [
/// #   {"source": "a", "target": "b", "type": "sent-aid-to", "confidence": 0.6},
/// #   {"source": "b", "target": "c", "type": "sent-aid-to", "confidence": 0.6}]}"#;
/// # let graph = from_json(json.as_bytes(), "graph.json".as_ref(), &schema)?;
/// // every path between the other two goes through b
/// let values: Vec<f64> = betweenness(&graph, false).iter().map(|s| s.value).collect();
/// assert_eq!(values, [0.0, 1.0, 0.0]);
/// # Ok::<(), kgforge::Error>(())
/// ```
pub fn betweenness(graph: &KnowledgeGraph, directed: bool) -> Vec<Score> {
    if directed {
        betweenness_on(&actor_network::<Directed>(graph))
    } else {
        betweenness_on(&actor_network::<Undirected>(graph))
    }
}

fn betweenness_on<Ty: EdgeType + Sync>(network: &Graph<NodeIndex, (), Ty>) -> Vec<Score> {
    let values =
        rustworkx_core::centrality::betweenness_centrality(network, false, true, usize::MAX);
    network
        .node_indices()
        .map(|i| Score {
            node: network[i],
            value: values[i.index()].unwrap_or(0.0),
        })
        .collect()
}

/// Every actor scored by `measure` (`directed` as in [`pagerank`]; degree ignores it), best
/// first; equal scores (to 12 decimal places, so that rounding noise does not decide) are
/// ordered by id.
///
/// ```
/// use kgforge::graph::analysis::{rank, Measure};
/// # use kgforge::{export::json::from_json, schema::Schema};
/// # let schema = Schema::embedded()?;
/// # let json = r#"{"nodes": [
/// #   {"id": "a", "name": "A", "type": "Country"}, {"id": "b", "name": "B", "type": "Country"},
/// #   {"id": "c", "name": "C", "type": "Country"}],
/// #  "edges": [
/// #   {"source": "c", "target": "b", "type": "sent-aid-to", "confidence": 0.6},
/// #   {"source": "b", "target": "a", "type": "sent-aid-to", "confidence": 0.6}]}"#;
/// # let graph = from_json(json.as_bytes(), "graph.json".as_ref(), &schema)?;
/// let ranked = rank(&graph, Measure::Degree, false);
/// let ids: Vec<&str> = ranked.iter().map(|s| graph.petgraph()[s.node].id.as_str()).collect();
/// assert_eq!(ids, ["b", "a", "c"]); // a and c tie at 1 relation: by id
/// # Ok::<(), kgforge::Error>(())
/// ```
pub fn rank(graph: &KnowledgeGraph, measure: Measure, directed: bool) -> Vec<Score> {
    let mut scores = match measure {
        Measure::Degree => degrees(graph)
            .into_iter()
            .map(|d| Score {
                node: d.node,
                value: d.relations as f64,
            })
            .collect(),
        Measure::Pagerank => pagerank(graph, DEFAULT_DAMPING, directed),
        Measure::Betweenness => betweenness(graph, directed),
    };
    sort_scores(graph, &mut scores);
    scores
}

/// Sorts best first, ties (to 12 decimals) by id.
fn sort_scores(graph: &KnowledgeGraph, scores: &mut [Score]) {
    let g = graph.petgraph();
    let rounded = |x: f64| (x * 1e12).round();
    scores.sort_by(|a, b| {
        rounded(b.value)
            .total_cmp(&rounded(a.value))
            .then_with(|| g[a.node].id.cmp(&g[b.node].id))
    });
}

// ---------------------------------------------------------------------------------------------
// Components and statistics

/// The connected components of the graph (relations followed in either direction), largest
/// first, ties by their first id; each component's actors are in id order. An actor without
/// relations is a component of its own.
///
/// Computed with petgraph's union-find over the relations.
///
/// ```
/// use kgforge::graph::analysis::components;
/// # use kgforge::{export::json::from_json, schema::Schema};
/// # let schema = Schema::embedded()?;
/// # let json = r#"{"nodes": [
/// #   {"id": "a", "name": "A", "type": "Country"}, {"id": "b", "name": "B", "type": "Country"},
/// #   {"id": "c", "name": "C", "type": "Country"}],
/// #  "edges": [{"source": "c", "target": "a", "type": "sent-aid-to", "confidence": 0.6}]}"#;
/// # let graph = from_json(json.as_bytes(), "graph.json".as_ref(), &schema)?;
/// let parts = components(&graph);
/// let ids: Vec<Vec<&str>> = parts
///     .iter()
///     .map(|c| c.iter().map(|&n| graph.petgraph()[n].id.as_str()).collect())
///     .collect();
/// assert_eq!(ids, [vec!["a", "c"], vec!["b"]]);
/// # Ok::<(), kgforge::Error>(())
/// ```
pub fn components(graph: &KnowledgeGraph) -> Vec<Vec<NodeIndex>> {
    let g = graph.petgraph();
    let mut sets: UnionFind<usize> = UnionFind::new(g.node_bound());
    for e in g.edge_indices() {
        let (s, t) = g.edge_endpoints(e).expect("edge index from the graph");
        sets.union(s.index(), t.index());
    }
    let mut by_root: BTreeMap<usize, Vec<NodeIndex>> = BTreeMap::new();
    for n in g.node_indices() {
        by_root.entry(sets.find(n.index())).or_default().push(n);
    }
    let mut parts: Vec<Vec<NodeIndex>> = by_root
        .into_values()
        .map(|mut part| {
            sort_by_id(graph, &mut part);
            part
        })
        .collect();
    parts.sort_by(|a, b| {
        b.len()
            .cmp(&a.len())
            .then_with(|| g[a[0]].id.cmp(&g[b[0]].id))
    });
    parts
}

/// A summary of a graph.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    /// Number of actors (nodes).
    pub actors: usize,
    /// Number of relations (edges; a relation stated many times is one edge).
    pub relations: usize,
    /// Number of documents the graph was built from.
    pub documents: usize,
    /// Pairs of actors linked by at least one relation (the actor network's links).
    pub linked_pairs: usize,
    /// `linked_pairs` over all possible pairs, `n(n-1)/2` (0 with fewer than two actors).
    pub density: f64,
    /// Number of connected components.
    pub components: usize,
    /// Actors in the largest component.
    pub largest_component: usize,
    /// Actors without any relation.
    pub isolated: usize,
    /// Actors per entity type, by type name.
    pub actors_by_type: BTreeMap<String, usize>,
    /// Relations per relation type, by type name.
    pub relations_by_type: BTreeMap<String, usize>,
    /// The actors with the most relations, as by [`rank`] with [`Measure::Degree`].
    pub top_degrees: Vec<Score>,
}

/// Counts, density, components and the `top` best-connected actors of a graph.
///
/// ```
/// use kgforge::graph::analysis::stats;
/// # use kgforge::{export::json::from_json, schema::Schema};
/// # let schema = Schema::embedded()?;
/// # let json = r#"{"nodes": [
/// #   {"id": "a", "name": "A", "type": "Country"}, {"id": "b", "name": "B", "type": "Country"},
/// #   {"id": "c", "name": "C", "type": "Person"}],
/// #  "edges": [{"source": "c", "target": "a", "type": "leader-of", "confidence": 0.6}]}"#;
/// # let graph = from_json(json.as_bytes(), "graph.json".as_ref(), &schema)?;
/// let s = stats(&graph, 1);
/// assert_eq!((s.actors, s.relations, s.components, s.isolated), (3, 1, 2, 1));
/// assert!((s.density - 1.0 / 3.0).abs() < 1e-12);
/// assert_eq!(s.actors_by_type["Country"], 2);
/// # Ok::<(), kgforge::Error>(())
/// ```
pub fn stats(graph: &KnowledgeGraph, top: usize) -> Stats {
    let g = graph.petgraph();
    let n = graph.node_count();
    let linked_pairs = actor_network::<Undirected>(graph).edge_count();
    let parts = components(graph);
    let degrees = degrees(graph);
    let mut actors_by_type = BTreeMap::new();
    for node in g.node_weights() {
        *actors_by_type
            .entry(node.entity_type.to_string())
            .or_insert(0) += 1;
    }
    let mut relations_by_type = BTreeMap::new();
    for edge in g.edge_weights() {
        *relations_by_type
            .entry(edge.relation_type.to_string())
            .or_insert(0) += 1;
    }
    let mut top_degrees = rank(graph, Measure::Degree, false);
    top_degrees.truncate(top);
    Stats {
        actors: n,
        relations: graph.edge_count(),
        documents: graph.documents().count(),
        linked_pairs,
        density: if n < 2 {
            0.0
        } else {
            linked_pairs as f64 / (n * (n - 1) / 2) as f64
        },
        components: parts.len(),
        largest_component: parts.first().map_or(0, Vec::len),
        isolated: degrees.iter().filter(|d| d.relations == 0).count(),
        actors_by_type,
        relations_by_type,
        top_degrees,
    }
}

// ---------------------------------------------------------------------------------------------
// Ego networks

/// The actors at most `depth` relations away from `center` (relations followed in either
/// direction), with their distance, ordered by distance then id; `center` comes first at 0.
///
/// ```
/// use kgforge::graph::analysis::{ego_nodes, find_actor};
/// # use kgforge::{export::json::from_json, schema::Schema};
/// # let schema = Schema::embedded()?;
/// # let json = r#"{"nodes": [
/// #   {"id": "a", "name": "A", "type": "Country"}, {"id": "b", "name": "B", "type": "Country"},
/// #   {"id": "c", "name": "C", "type": "Country"}],
/// #  "edges": [
/// #   {"source": "a", "target": "b", "type": "sent-aid-to", "confidence": 0.6},
/// #   {"source": "c", "target": "b", "type": "sent-aid-to", "confidence": 0.6}]}"#;
/// # let graph = from_json(json.as_bytes(), "graph.json".as_ref(), &schema)?;
/// let around_a = ego_nodes(&graph, find_actor(&graph, "a")?, 1);
/// let ids: Vec<(&str, usize)> =
///     around_a.iter().map(|&(n, d)| (graph.petgraph()[n].id.as_str(), d)).collect();
/// assert_eq!(ids, [("a", 0), ("b", 1)]);
/// # Ok::<(), kgforge::Error>(())
/// ```
pub fn ego_nodes(
    graph: &KnowledgeGraph,
    center: NodeIndex,
    depth: usize,
) -> Vec<(NodeIndex, usize)> {
    let g = graph.petgraph();
    let mut distance: HashMap<NodeIndex, usize> = HashMap::from([(center, 0)]);
    let mut queue = VecDeque::from([center]);
    // breadth-first, stopping at `depth`: petgraph's Bfs has no depth limit
    while let Some(here) = queue.pop_front() {
        let d = distance[&here];
        if d == depth {
            continue;
        }
        for next in g.neighbors_undirected(here) {
            if let std::collections::hash_map::Entry::Vacant(slot) = distance.entry(next) {
                slot.insert(d + 1);
                queue.push_back(next);
            }
        }
    }
    let mut found: Vec<(NodeIndex, usize)> = distance.into_iter().collect();
    found.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| g[a.0].id.cmp(&g[b.0].id)));
    found
}

/// The ego network of `center`: the actors at most `depth` relations away ([`ego_nodes`]) and
/// every relation among them, as a knowledge graph of its own (with the documents its actors
/// come from), ready for any exporter. `schema` gives the relation vocabulary, as for
/// [`KnowledgeGraph::new`].
///
/// ```
/// use kgforge::graph::analysis::{ego_graph, find_actor};
/// # use kgforge::{export::json::from_json, schema::Schema};
/// # let schema = Schema::embedded()?;
/// # let json = r#"{"nodes": [
/// #   {"id": "a", "name": "A", "type": "Country"}, {"id": "b", "name": "B", "type": "Country"},
/// #   {"id": "c", "name": "C", "type": "Country"}],
/// #  "edges": [
/// #   {"source": "a", "target": "b", "type": "sent-aid-to", "confidence": 0.6},
/// #   {"source": "c", "target": "b", "type": "sent-aid-to", "confidence": 0.6}]}"#;
/// # let graph = from_json(json.as_bytes(), "graph.json".as_ref(), &schema)?;
/// let ego = ego_graph(&graph, &schema, find_actor(&graph, "a")?, 1)?;
/// assert_eq!((ego.node_count(), ego.edge_count()), (2, 1));
/// let dot = kgforge::export::dot::to_dot(&ego, &schema);
/// assert!(dot.contains("\"a\" -> \"b\""));
/// # Ok::<(), kgforge::Error>(())
/// ```
pub fn ego_graph(
    graph: &KnowledgeGraph,
    schema: &Schema,
    center: NodeIndex,
    depth: usize,
) -> Result<KnowledgeGraph> {
    let g = graph.petgraph();
    let members: Vec<NodeIndex> = ego_nodes(graph, center, depth)
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    let inside: BTreeSet<NodeIndex> = members.iter().copied().collect();
    let mut ego = KnowledgeGraph::new(schema);
    ego.evidence_cap = graph.evidence_cap;
    let mut documents = BTreeSet::new();
    for &n in &members {
        documents.extend(g[n].documents.iter().cloned());
        ego.upsert_node(g[n].clone());
    }
    let mut edges: Vec<EdgeIndex> = g
        .edge_indices()
        .filter(|&e| {
            let (s, t) = g.edge_endpoints(e).expect("edge index from the graph");
            inside.contains(&s) && inside.contains(&t)
        })
        .collect();
    sort_edges(graph, &mut edges);
    for e in edges {
        let (s, t) = g.edge_endpoints(e).expect("edge index from the graph");
        ego.upsert_edge(&g[s].id, &g[t].id, g[e].clone())?;
    }
    for record in graph.documents() {
        if documents.contains(&record.name) {
            ego.record_document(record);
        }
    }
    Ok(ego)
}
