//! Entity resolution inside a document: one entity per actor, with the reason for every merge.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use crate::doc::{Document, Entity, MentionKind, MergeNote};
use crate::error::Result;
use crate::pipeline::Component;
use crate::schema::{inflections, node_id, EntityType, Schema};

/// Prepositions after which an unknown capitalised word is a place ("near Konna").
const PLACE_PREPOSITIONS: &[&str] = &["in", "near", "at", "outside", "around"];

/// The pipeline component that groups mentions into [`Document::entities`].
#[derive(Debug, Clone)]
pub struct EntityResolver {
    /// Inflected verbs after which a capital city acts for its government ("Moscow said").
    acting_verbs: HashSet<String>,
    /// Lower-case first words of titles, before which an unknown word is a person.
    title_words: HashSet<String>,
}

impl EntityResolver {
    /// Builds the resolver from the schema's lexicon and triggers.
    pub fn new(schema: Arc<Schema>) -> Self {
        let mut acting_verbs = HashSet::new();
        let lemmas = schema
            .lexicon
            .speech_verbs
            .iter()
            .chain(schema.triggers.iter().flat_map(|t| t.verbs.iter()));
        for lemma in lemmas {
            for form in inflections(lemma) {
                if let Some(first) = form.split(' ').next() {
                    acting_verbs.insert(first.to_string());
                }
            }
        }
        for aux in [
            "has", "have", "had", "is", "was", "will", "would", "wants", "hopes",
        ] {
            acting_verbs.insert(aux.to_string());
        }
        let title_words = schema
            .titles
            .iter()
            .filter_map(|t| t.title.split_whitespace().last())
            .map(str::to_lowercase)
            .collect();
        EntityResolver {
            acting_verbs,
            title_words,
        }
    }

    /// Whether the mention ending at token `end` is the subject of an action ("Moscow said").
    fn acts(&self, doc: &Document, end: usize) -> bool {
        let sentence_end = doc.sentences[doc.tokens[end - 1].sentence].tokens.1;
        let mut k = end;
        // skip a possessive or an adverb: "Moscow's", "Moscow previously said"
        while k < sentence_end && (doc.token_text(k).ends_with("ly") || doc.token_text(k) == ",") {
            k += 1;
        }
        k < sentence_end
            && self
                .acting_verbs
                .contains(&doc.token_text(k).to_lowercase())
    }
}

/// Working state of one entity while mentions are added.
struct Cluster {
    name: String,
    entity_type: EntityType,
    fixed_name: bool,
    aliases: BTreeSet<String>,
    mentions: Vec<usize>,
    merges: Vec<MergeNote>,
}

impl Component for EntityResolver {
    fn name(&self) -> &'static str {
        "entities"
    }

    #[allow(clippy::needless_range_loop)]
    fn process(&self, doc: &mut Document) -> Result<()> {
        let mut clusters: Vec<Cluster> = Vec::new();
        let mut by_id: HashMap<String, usize> = HashMap::new();
        // forms the article uses for a place; such a form is not also an alias of a country
        let mut place_forms: HashSet<String> = HashSet::new();
        let mut assignment: Vec<Option<usize>> = vec![None; doc.mentions.len()];

        // capital cities: a place, or the government when they act
        for mi in 0..doc.mentions.len() {
            let m = &doc.mentions[mi];
            if let Some(country) = m.stands_for.clone() {
                if self.acts(doc, m.tokens.1) {
                    let m = &mut doc.mentions[mi];
                    m.entity_type = EntityType::country();
                    m.kind = MentionKind::Metonym;
                    m.canonical = Some(country);
                } else {
                    place_forms.insert(m.text.clone());
                }
            }
        }

        // named mentions make entities
        for mi in 0..doc.mentions.len() {
            let m = &doc.mentions[mi];
            if m.tentative {
                continue;
            }
            let (name, fixed) = match &m.canonical {
                Some(c) => (c.clone(), true),
                None => (
                    m.text.split_whitespace().collect::<Vec<_>>().join(" "),
                    false,
                ),
            };
            let id = node_id(&name);
            let ci = *by_id.entry(id).or_insert_with(|| {
                clusters.push(Cluster {
                    name: name.clone(),
                    entity_type: m.entity_type.clone(),
                    fixed_name: fixed,
                    aliases: BTreeSet::new(),
                    mentions: Vec::new(),
                    merges: Vec::new(),
                });
                clusters.len() - 1
            });
            let c = &mut clusters[ci];
            if m.text != c.name {
                let reason = match m.kind {
                    MentionKind::Demonym => "demonym in the gazetteer",
                    MentionKind::Metonym => "government metonym",
                    _ if m.canonical.is_some() => "alias in the gazetteer",
                    _ => "same name",
                };
                c.merges.push(MergeNote {
                    alias: m.text.clone(),
                    reason: reason.into(),
                });
            }
            assignment[mi] = Some(ci);
        }

        // people named by one word join the full name that has it ("Putin" → "Vladimir Putin")
        let person_words: Vec<(usize, Vec<String>)> = clusters
            .iter()
            .enumerate()
            .filter(|(_, c)| c.entity_type.is("Person"))
            .map(|(i, c)| (i, c.name.split_whitespace().map(str::to_string).collect()))
            .collect();
        let by_name: HashMap<String, usize> = clusters
            .iter()
            .enumerate()
            .map(|(i, c)| (c.name.clone(), i))
            .collect();
        // (indexing, not iterating: a nominal looks at the assignments made before it)
        for mi in 0..doc.mentions.len() {
            if assignment[mi].is_some() {
                continue;
            }
            let m = &doc.mentions[mi];
            let text = m.text.as_str();
            let before = (m.tokens.0 > 0).then(|| doc.token_text(m.tokens.0 - 1).to_lowercase());
            let (target, reason): (Option<usize>, String) = if m.kind == MentionKind::Nominal {
                // the last organisation named before it with this word
                let word = text.to_lowercase();
                let target = assignment[..mi]
                    .iter()
                    .rev()
                    .flatten()
                    .copied()
                    .find(|&ci| {
                        clusters[ci].entity_type.is("Organization")
                            && clusters[ci]
                                .name
                                .to_lowercase()
                                .split_whitespace()
                                .any(|w| w == word)
                    });
                (
                    target,
                    format!("\"the {word}\" refers to the last organisation named with it"),
                )
            } else if let Some(&ci) = by_name.get(text) {
                (Some(ci), "same name".into())
            } else {
                let matches: Vec<usize> = person_words
                    .iter()
                    .filter(|(_, words)| {
                        words.len() > 1
                            && (words.last().is_some_and(|w| w == text) || words[0] == text)
                    })
                    .map(|(i, _)| *i)
                    .collect();
                match matches.as_slice() {
                    [one] => {
                        let full = &clusters[*one].name;
                        let part = if full.ends_with(text) {
                            "surname"
                        } else {
                            "first name"
                        };
                        (Some(*one), format!("{part} of {full}"))
                    }
                    _ => (None, String::new()),
                }
            };
            let target = target.or_else(|| {
                // an unknown word after a title is a person of its own; after "in"/"near", a place
                let before = before.as_deref()?;
                if m.confidence < 0.3 {
                    return None;
                }
                let entity_type = if self.title_words.contains(before) && !text.contains(' ') {
                    EntityType::person()
                } else if PLACE_PREPOSITIONS.contains(&before) {
                    EntityType::location()
                } else {
                    return None;
                };
                let id = node_id(text);
                Some(*by_id.entry(id).or_insert_with(|| {
                    clusters.push(Cluster {
                        name: text.to_string(),
                        entity_type,
                        fixed_name: false,
                        aliases: BTreeSet::new(),
                        mentions: Vec::new(),
                        merges: Vec::new(),
                    });
                    clusters.len() - 1
                }))
            });
            if let Some(ci) = target {
                if !reason.is_empty() {
                    clusters[ci].merges.push(MergeNote {
                        alias: text.to_string(),
                        reason,
                    });
                }
                assignment[mi] = Some(ci);
            }
        }

        // aliases, names and the mention → entity links
        for (mi, ci) in assignment.iter().enumerate() {
            let Some(ci) = *ci else { continue };
            let m = &mut doc.mentions[mi];
            m.entity = Some(ci);
            let c = &mut clusters[ci];
            c.mentions.push(mi);
            let is_place_form = place_forms.contains(&m.text) && c.entity_type.is("Country");
            if !is_place_form {
                c.aliases.insert(m.text.clone());
            }
            if !c.fixed_name
                && m.kind == MentionKind::Name
                && m.text.split_whitespace().count() > c.name.split_whitespace().count()
            {
                c.name = m.text.split_whitespace().collect::<Vec<_>>().join(" ");
            }
        }
        doc.entities = clusters
            .into_iter()
            .map(|c| {
                let mut aliases = c.aliases;
                aliases.insert(c.name.clone());
                Entity {
                    id: node_id(&c.name),
                    name: c.name,
                    entity_type: c.entity_type,
                    aliases,
                    mentions: c.mentions,
                    merges: c.merges,
                }
            })
            .collect();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::MentionFinder;
    use crate::pipeline::Pipeline;

    fn resolve(text: &str) -> Document {
        let schema = Arc::new(Schema::embedded().unwrap());
        Pipeline::new()
            .with(crate::text::TextSegmenter)
            .with(MentionFinder::new(schema.clone()))
            .with(EntityResolver::new(schema))
            .run("t", text)
            .unwrap()
    }

    fn entity<'a>(doc: &'a Document, name: &str) -> &'a Entity {
        doc.entities
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("no entity {name}: {:?}", doc.entities))
    }

    #[test]
    fn one_entity_per_actor() {
        let doc = resolve("Trump Says So\n\nThe U.S. and the United States are one, said US President Donald Trump. Later Trump left.");
        let us = entity(&doc, "United States");
        assert!(
            us.aliases.contains("U.S.") && us.aliases.contains("US"),
            "{us:?}"
        );
        let trump = entity(&doc, "Donald Trump");
        assert_eq!(trump.mentions.len(), 3, "{trump:?}");
        assert!(trump.merges.iter().any(|m| m.reason.contains("surname")));
        assert_eq!(
            doc.entities
                .iter()
                .filter(|e| e.entity_type.is("Person"))
                .count(),
            1
        );
    }

    #[test]
    fn a_capital_is_a_place_unless_it_acts() {
        let doc = resolve("Moscow said the plane left an airbase near Moscow.");
        let russia = entity(&doc, "Russia");
        assert!(!russia.aliases.contains("Moscow"), "{russia:?}");
        assert_eq!(entity(&doc, "Moscow").entity_type, EntityType::location());
    }

    #[test]
    fn the_ministry_is_the_last_ministry_named() {
        let doc = resolve("The Defense Ministry in Moscow said so. Later the ministry refused.");
        let ministry = entity(&doc, "Defense Ministry");
        assert_eq!(ministry.mentions.len(), 2);
    }
}
