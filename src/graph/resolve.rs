//! Entity resolution across documents: the same actor from different articles is one node, with the reason for every merge.
//!
//! Each document arrives with its entities already resolved inside it (see
//! [`crate::extract::EntityResolver`]). When the graph takes a document, each entity is
//! looked up among the nodes, of the same type only:
//!
//! - the same id, or the same name up to case, diacritics and punctuation ("Diarré" / "Diarre");
//! - a person named by part of a node's full name ("Putin" / "Vladimir Putin", "Paul
//!   Ferreira" / "Paul Antonio Ferreira"), or spelled one letter apart ("Kravchenko" /
//!   "Kravtchenko"), when exactly one person fits;
//! - a name that another node has as an alias, or an alias that is another node's name
//!   ("WHO" / "World Health Organization" when an article joined the two), when exactly
//!   one node fits.
//!
//! A new full name also absorbs nodes that were only part of it ("Putin" from an earlier
//! article joins "Vladimir Putin" when it arrives). The merged node takes the fuller name
//! (more words, then more letters, then the first in alphabetical order), so the ids of the
//! final graph do not depend on the order of the articles; an old id is redirected to the
//! new one. Every merge is logged as a [`MergeRecord`].

use std::collections::{BTreeSet, HashMap};

use petgraph::stable_graph::NodeIndex;
use serde::{Deserialize, Serialize};

use petgraph::stable_graph::StableDiGraph;

use super::{Edge, Node};
use crate::extract::names::{
    fold, near_spelling, person_part_of, same_name_written_short, within_one_edit, words,
};
use crate::schema::EntityType;

/// Where a merge was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MergeScope {
    /// Inside one document, by the entity resolver.
    Document,
    /// Between documents, by the graph.
    Graph,
}

impl MergeScope {
    /// The scope as written in reports ("document", "graph").
    pub fn as_str(self) -> &'static str {
        match self {
            MergeScope::Document => "document",
            MergeScope::Graph => "graph",
        }
    }
}

/// One merge: a surface form (or a whole node) that joined a node, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MergeRecord {
    /// Inside a document or between documents.
    pub scope: MergeScope,
    /// The document whose entity was merged (for graph merges: the document that brought it).
    pub document: String,
    /// The id of the node it joined, as it was when the merge was made.
    pub node: String,
    /// The surface form or name that joined.
    pub alias: String,
    /// Why, in words ("surname of Vladimir Putin").
    pub reason: String,
}

/// Whether name `a` makes a better canonical name than `b`: more words, then more
/// letters, then alphabetical order. The choice depends on the names only, never on which
/// document came first.
pub fn better_name(a: &str, b: &str) -> bool {
    let (wa, wb) = (a.split_whitespace().count(), b.split_whitespace().count());
    (wa, a.chars().count(), std::cmp::Reverse(a)) > (wb, b.chars().count(), std::cmp::Reverse(b))
}

/// Whether an alias may name its node in other documents: a capitalised form that is not a
/// lone common noun ("Police", "Ministry").
fn is_name_like(alias: &str, generic: &BTreeSet<String>) -> bool {
    alias.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !generic.contains(&fold(alias))
}

/// Whether an alias is the node's name without its first words: "Ministry of Foreign
/// Affairs" of "Greek Ministry of Foreign Affairs", "Defense Forces" of "Peruvian Defense
/// Forces". Inside an article it is the same body; in another article it may be any
/// country's, so it never links articles.
fn is_unqualified_form(alias: &str, name: &str) -> bool {
    let (a, n) = (words(alias), words(name));
    a.len() < n.len() && n.ends_with(&a)
}

/// Variants of a word with one letter deleted, and the word itself: two words are within
/// one edit only if their variants meet, so near spellings are found without a scan.
fn deletion_variants(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut out = vec![word.to_string()];
    for k in 0..chars.len() {
        let v: String = chars[..k].iter().chain(&chars[k + 1..]).collect();
        out.push(v);
    }
    out.sort();
    out.dedup();
    out
}

/// Words shorter than this are not compared by spelling ("Biden" / "Bidet").
const MIN_SPELLING_LEN: usize = 6;

/// Lookup tables from names to nodes, kept in step with the graph.
#[derive(Debug, Clone, Default)]
pub(crate) struct NodeKeys {
    /// (type, folded name) → nodes.
    names: HashMap<(EntityType, String), BTreeSet<NodeIndex>>,
    /// (type, folded name-like alias) → nodes.
    aliases: HashMap<(EntityType, String), BTreeSet<NodeIndex>>,
    /// Folded last word of a person's name of several words → nodes.
    surnames: HashMap<String, BTreeSet<NodeIndex>>,
    /// Deletion variants of those last words → nodes.
    surname_variants: HashMap<String, BTreeSet<NodeIndex>>,
    /// Old id → id of the node it was merged into.
    redirects: HashMap<String, String>,
    /// Single words that name no one thing ("police", "ministry").
    generic: BTreeSet<String>,
}

fn add(
    map: &mut HashMap<(EntityType, String), BTreeSet<NodeIndex>>,
    key: (EntityType, String),
    i: NodeIndex,
) {
    map.entry(key).or_default().insert(i);
}

fn remove(
    map: &mut HashMap<(EntityType, String), BTreeSet<NodeIndex>>,
    key: &(EntityType, String),
    i: NodeIndex,
) {
    if let Some(set) = map.get_mut(key) {
        set.remove(&i);
        if set.is_empty() {
            map.remove(key);
        }
    }
}

impl NodeKeys {
    /// Empty tables; `generic` are folded single words that never identify a node.
    pub(crate) fn new(generic: BTreeSet<String>) -> Self {
        NodeKeys {
            generic,
            ..NodeKeys::default()
        }
    }

    /// Adds a node's keys.
    pub(crate) fn index(&mut self, i: NodeIndex, node: &Node) {
        let t = node.entity_type.clone();
        add(&mut self.names, (t.clone(), fold(&node.name)), i);
        for a in node.aliases.iter().chain(std::iter::once(&node.name)) {
            if is_name_like(a, &self.generic)
                && (t.is("Person") || !is_unqualified_form(a, &node.name))
            {
                add(&mut self.aliases, (t.clone(), fold(a)), i);
            }
        }
        if let Some(last) = Self::surname(node) {
            for v in deletion_variants(&last) {
                self.surname_variants.entry(v).or_default().insert(i);
            }
            self.surnames.entry(last).or_default().insert(i);
        }
    }

    /// Removes a node's keys (call before changing or removing the node).
    pub(crate) fn unindex(&mut self, i: NodeIndex, node: &Node) {
        let t = node.entity_type.clone();
        remove(&mut self.names, &(t.clone(), fold(&node.name)), i);
        for a in node.aliases.iter().chain(std::iter::once(&node.name)) {
            remove(&mut self.aliases, &(t.clone(), fold(a)), i);
        }
        if let Some(last) = Self::surname(node) {
            for v in deletion_variants(&last) {
                if let Some(set) = self.surname_variants.get_mut(&v) {
                    set.remove(&i);
                    if set.is_empty() {
                        self.surname_variants.remove(&v);
                    }
                }
            }
            if let Some(set) = self.surnames.get_mut(&last) {
                set.remove(&i);
                if set.is_empty() {
                    self.surnames.remove(&last);
                }
            }
        }
    }

    /// The folded surname of a person named with several words.
    fn surname(node: &Node) -> Option<String> {
        if !node.entity_type.is("Person") {
            return None;
        }
        let w = words(&node.name);
        (w.len() > 1).then(|| w.last().cloned()).flatten()
    }

    /// Records that `old` now lives at `new`.
    pub(crate) fn redirect(&mut self, old: &str, new: &str) {
        if old == new {
            return;
        }
        self.redirects.insert(old.to_string(), new.to_string());
        // keep chains short: whatever pointed at `old` now points at `new`
        for target in self.redirects.values_mut() {
            if target == old {
                *target = new.to_string();
            }
        }
        self.redirects.remove(new);
    }

    /// Where an id lives now.
    pub(crate) fn follow<'a>(&'a self, id: &'a str) -> &'a str {
        self.redirects.get(id).map(String::as_str).unwrap_or(id)
    }

    /// The one node an incoming node is, and why; `None` when no node or several fit.
    pub(crate) fn find(
        &self,
        graph: &StableDiGraph<Node, Edge>,
        node: &Node,
    ) -> Option<(NodeIndex, String)> {
        let t = &node.entity_type;
        let unique = |set: Option<&BTreeSet<NodeIndex>>| -> Option<NodeIndex> {
            match set {
                Some(s) if s.len() == 1 => s.iter().next().copied(),
                _ => None,
            }
        };
        if let Some(i) = unique(self.names.get(&(t.clone(), fold(&node.name)))) {
            return Some((i, "same name".into()));
        }
        if t.is("Person") {
            return self.find_person(graph, node);
        }
        if is_name_like(&node.name, &self.generic) {
            if let Some(i) = unique(self.aliases.get(&(t.clone(), fold(&node.name)))) {
                return Some((i, format!("alias of {} in another article", graph[i].name)));
            }
        }
        let mut hits: BTreeSet<NodeIndex> = BTreeSet::new();
        for a in &node.aliases {
            if !is_name_like(a, &self.generic) || is_unqualified_form(a, &node.name) {
                continue;
            }
            if let Some(set) = self.names.get(&(t.clone(), fold(a))) {
                hits.extend(set);
            }
        }
        match hits.len() {
            1 => {
                let i = *hits.iter().next().expect("one hit");
                Some((i, format!("its alias {} names this node", graph[i].name)))
            }
            _ => None,
        }
    }

    /// A person: the one full name this name is part of, or is spelled one letter apart from.
    fn find_person(
        &self,
        graph: &StableDiGraph<Node, Edge>,
        node: &Node,
    ) -> Option<(NodeIndex, String)> {
        let w = words(&node.name);
        let last = w.last()?;
        let mut candidates: BTreeSet<NodeIndex> =
            self.surnames.get(last).cloned().unwrap_or_default();
        if last.chars().count() >= MIN_SPELLING_LEN {
            for v in deletion_variants(last) {
                if let Some(set) = self.surname_variants.get(&v) {
                    candidates.extend(set);
                }
            }
        }
        let fitting: Vec<(NodeIndex, &'static str)> = candidates
            .into_iter()
            .filter_map(|i| {
                let full = words(&graph[i].name);
                if person_part_of(&w, &full) {
                    Some((
                        i,
                        if w.len() == 1 {
                            "surname"
                        } else {
                            "short form"
                        },
                    ))
                } else if near_spelling(&w, &full) {
                    Some((i, "spelling variant"))
                } else if same_name_written_short(&w, &full) {
                    Some((i, "the same name written short"))
                } else if w.len() < full.len()
                    && full.last().is_some_and(|l| within_one_edit(l, last))
                    && person_part_of(
                        &w[..w.len() - 1]
                            .iter()
                            .cloned()
                            .chain(full.last().cloned())
                            .collect::<Vec<_>>(),
                        &full,
                    )
                {
                    Some((i, "spelling variant of part"))
                } else {
                    None
                }
            })
            .collect();
        match fitting.as_slice() {
            [(i, how)] => Some((*i, format!("{how} of {}", graph[*i].name))),
            _ => None,
        }
    }

    /// Nodes that were only part of a new person's full name ("Putin" before "Vladimir
    /// Putin" arrived) and that no other full name claims.
    pub(crate) fn parts_of(
        &self,
        graph: &StableDiGraph<Node, Edge>,
        new: NodeIndex,
        node: &Node,
    ) -> Vec<(NodeIndex, String)> {
        if !node.entity_type.is("Person") {
            return Vec::new();
        }
        let full = words(&node.name);
        if full.len() < 2 {
            return Vec::new();
        }
        let mut parts: Vec<Vec<String>> = (1..full.len()).map(|k| full[k..].to_vec()).collect();
        if full.len() > 2 {
            parts.push(vec![full[0].clone(), full[full.len() - 1].clone()]);
        }
        let mut out = Vec::new();
        let t = node.entity_type.clone();
        for part in parts {
            let Some(set) = self.names.get(&(t.clone(), part.join(" "))) else {
                continue;
            };
            for &i in set {
                if i == new || out.iter().any(|(j, _)| *j == i) {
                    continue;
                }
                // another full name that has the same part makes it ambiguous
                let claimed_elsewhere = self
                    .surnames
                    .get(part.last().expect("non-empty part"))
                    .into_iter()
                    .flatten()
                    .any(|&o| o != new && o != i && person_part_of(&part, &words(&graph[o].name)));
                if !claimed_elsewhere {
                    let how = if part.len() == 1 {
                        "surname"
                    } else {
                        "short form"
                    };
                    out.push((i, format!("{how} of {} (earlier article)", node.name)));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn better_names_are_fuller_and_order_free() {
        assert!(better_name("Vladimir Putin", "Putin"));
        assert!(!better_name("Putin", "Vladimir Putin"));
        assert!(better_name("Dmytro Kravtchenko", "Dmytro Kravchenko"));
        assert!(better_name("Abc", "Abd") != better_name("Abd", "Abc"));
    }

    #[test]
    fn deletion_variants_meet_for_one_edit() {
        let a: BTreeSet<String> = deletion_variants("zelensky").into_iter().collect();
        let b: BTreeSet<String> = deletion_variants("zelenskyy").into_iter().collect();
        assert!(a.intersection(&b).next().is_some());
        let c: BTreeSet<String> = deletion_variants("putin").into_iter().collect();
        assert!(a.intersection(&c).next().is_none());
    }
}

#[cfg(test)]
mod graph_tests {
    use std::sync::Arc;

    use crate::graph::KnowledgeGraph;
    use crate::pipeline::Pipeline;
    use crate::schema::Schema;

    fn graph_of(articles: &[(&str, &str)]) -> KnowledgeGraph {
        let schema = Arc::new(Schema::embedded().unwrap());
        let pipeline = Pipeline::standard(schema.clone()).unwrap();
        let mut graph = KnowledgeGraph::new(schema);
        graph.log_document_merges = true;
        for (name, text) in articles {
            graph.add_document(&pipeline.run(name, text).unwrap());
        }
        graph
    }

    fn ids(graph: &KnowledgeGraph) -> Vec<String> {
        graph.nodes().iter().map(|n| n.id.clone()).collect()
    }

    const SHORT: (&str, &str) = (
        "a",
        "Putin spoke with Italian Prime Minister Giuseppe Conte on Monday.",
    );
    const FULL: (&str, &str) = (
        "b",
        "Russian President Vladimir Putin said on Tuesday that the aid was ready.",
    );

    #[test]
    fn a_surname_in_one_article_joins_the_full_name_in_another_in_either_order() {
        let forward = graph_of(&[SHORT, FULL]);
        let backward = graph_of(&[FULL, SHORT]);
        assert_eq!(ids(&forward), ids(&backward));
        let putin = forward.node("vladimir-putin").expect("one node for Putin");
        assert!(putin.aliases.contains("Putin") && putin.aliases.contains("Vladimir Putin"));
        assert_eq!(putin.documents.len(), 2);
        assert_eq!(putin.mentions, 2);
        assert!(forward.node("putin").is_none(), "{:?}", ids(&forward));
        assert_eq!(forward.current_id("putin"), "vladimir-putin");
        // the edge that the short name took part in now starts at the merged node
        let spoke = forward
            .edge_records()
            .into_iter()
            .find(|e| e.edge.relation_type.is("spoke-with"))
            .expect("spoke-with edge");
        assert!(
            [&spoke.source, &spoke.target].contains(&&"vladimir-putin".to_string()),
            "{spoke:?}"
        );
        // the merge is logged with its reason
        let logged = forward
            .merges()
            .iter()
            .find(|m| m.scope == super::MergeScope::Graph && m.alias == "Putin")
            .expect("graph merge of Putin");
        assert!(
            logged.reason.starts_with("surname of Vladimir Putin"),
            "{logged:?}"
        );
    }

    #[test]
    fn country_names_meet_across_articles() {
        let g = graph_of(&[
            ("a", "The U.S. sent aid to Haiti."),
            ("b", "America pledged more money to Haiti."),
            (
                "c",
                "The United States of America and the USA are one country.",
            ),
        ]);
        let us: Vec<_> = g
            .nodes()
            .into_iter()
            .filter(|n| n.aliases.contains("U.S.") || n.aliases.contains("America"))
            .collect();
        assert_eq!(us.len(), 1, "{:?}", ids(&g));
        assert_eq!(us[0].id, "united-states");
        assert_eq!(us[0].documents.len(), 3);
    }

    #[test]
    fn spelling_variants_and_acronyms_meet() {
        let g = graph_of(&[
            ("a", "President Dmytro Kravtchenko thanked Germany."),
            ("b", "Ukrainian President Dmytro Kravchenko spoke in Lviv."),
            (
                "c",
                "The Zantarian Health Organization (ZHO) warned of a new outbreak.",
            ),
            ("d", "Officials of the ZHO arrived in Zantar on Monday."),
        ]);
        let zel: Vec<_> = g
            .nodes()
            .into_iter()
            .filter(|n| n.entity_type.is("Person"))
            .collect();
        assert_eq!(zel.len(), 1, "{zel:?}");
        let zho: Vec<_> = g
            .nodes()
            .into_iter()
            .filter(|n| n.aliases.contains("ZHO"))
            .collect();
        assert_eq!(zho.len(), 1, "{:?}", ids(&g));
        assert_eq!(zho[0].id, "zantarian-health-organization");
        assert_eq!(zho[0].documents.len(), 2);
    }

    #[test]
    fn ambiguous_or_qualified_names_stay_apart() {
        let g = graph_of(&[
            (
                "a",
                "Former Vice President Joe Pemberton campaigned in Ohio.",
            ),
            ("b", "His son Hunter Pemberton joined the board."),
            ("c", "Pemberton denied any wrongdoing."),
            (
                "d",
                "Chile's Ministry of Foreign Affairs rejected the deal.",
            ),
            (
                "e",
                "The Greek Ministry of Foreign Affairs welcomed the deal.",
            ),
        ]);
        let people: Vec<String> = g
            .nodes()
            .into_iter()
            .filter(|n| n.entity_type.is("Person"))
            .map(|n| n.name.clone())
            .collect();
        assert!(people.contains(&"Joe Pemberton".to_string()), "{people:?}");
        assert!(
            people.contains(&"Hunter Pemberton".to_string()),
            "{people:?}"
        );
        let ministries: Vec<String> = g
            .nodes()
            .into_iter()
            .filter(|n| n.entity_type.is("Organization"))
            .map(|n| n.name.clone())
            .collect();
        assert_eq!(ministries.len(), 2, "{ministries:?}");
    }
}
