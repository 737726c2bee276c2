//! The trigger lexicon compiled for lookup: verb forms, trigger nouns, phrases and modality words.
//!
//! Everything here comes from `schema/triggers.toml` and `schema/lexicon.toml`, so a user extends
//! the extractor by editing those files (`--schema DIR`), never the code.

use std::collections::{HashMap, HashSet};

use crate::doc::Document;
use crate::schema::{inflections, EntityType, RelationTriggers, Schema};

/// Where an argument of a trigger is found.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Slot {
    /// The subject of the trigger verb (or of the verb whose object a trigger noun is).
    Subject,
    /// The direct object.
    Object,
    /// The indirect object ("gave Italy aid").
    IndirectObject,
    /// The possessor of a trigger noun ("Russia's aid"), or of a trigger verb's object ("sought
    /// Chile's help").
    Possessor,
    /// The object of a preposition after the trigger ("to", "with", "on").
    Prep(String),
    /// The group of actors the text spoke of last ("X and Y met. Z joined the talks").
    Group,
    /// The actors right after the trigger that an infinitive follows, who are asked to do it
    /// ("called for Sweden to release…"; but "called for sanctions" asks nobody).
    Asked,
}

/// One argument marker of a trigger, optionally restricted to one entity type
/// (`"in@Location"`: "strikes in the Bay Region", but not "strikes in Chile").
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct Marker {
    /// Where the argument is.
    pub slot: Slot,
    /// The entity type the argument must have, if any.
    pub only: Option<EntityType>,
}

impl Marker {
    fn parse(text: &str) -> Marker {
        let (slot, only) = match text.split_once('@') {
            Some((slot, ty)) => (slot, EntityType::new(ty.trim()).ok()),
            None => (text, None),
        };
        let slot = match slot.trim().to_lowercase().as_str() {
            "subj" | "subject" => Slot::Subject,
            "obj" | "object" => Slot::Object,
            "iobj" => Slot::IndirectObject,
            "poss" | "possessor" => Slot::Possessor,
            "group" => Slot::Group,
            "asked" => Slot::Asked,
            other => Slot::Prep(other.to_string()),
        };
        Marker { slot, only }
    }

    /// Whether an entity of type `t` may fill this marker.
    pub fn admits(&self, t: &EntityType) -> bool {
        self.only.as_ref().is_none_or(|o| o == t)
    }

    /// The preposition of a prepositional marker.
    #[allow(dead_code)]
    pub fn preposition(&self) -> Option<&str> {
        match &self.slot {
            Slot::Prep(p) => Some(p),
            _ => None,
        }
    }
}

/// A trigger entry of `triggers.toml` with its markers parsed.
#[derive(Debug, Clone)]
pub(super) struct Trigger {
    /// The entry as written.
    pub def: RelationTriggers,
    /// Where the source of a verb trigger is (default: the subject).
    pub source: Vec<Marker>,
    /// Where the target of a verb trigger is, in order of preference.
    pub target: Vec<Marker>,
    /// Where the source of a noun trigger is (default: possessor, then the governing subject).
    pub noun_source: Vec<Marker>,
    /// Where the target of a noun trigger is.
    pub noun_target: Vec<Marker>,
    /// Lower-case nouns that must be the verb's object, when not empty.
    pub objects: HashSet<String>,
}

/// One inflected form of a multi-word trigger, keyed by its first word.
#[derive(Debug, Clone)]
pub(super) struct Form {
    /// Lower-case words of the form.
    pub words: Vec<String>,
    /// Index into [`TriggerLexicon::triggers`].
    pub trigger: usize,
}

/// The compiled lexicon.
#[derive(Debug, Clone)]
pub(super) struct TriggerLexicon {
    /// Trigger entries, in file order.
    pub triggers: Vec<Trigger>,
    /// First word (lower case) of every inflected verb form → its forms, longest first.
    verb_forms: HashMap<String, Vec<Form>>,
    /// Verb lemma (first word) → forms, for tokens whose lemma the tagger filled.
    verb_lemmas: HashMap<String, Vec<Form>>,
    /// First word (lower case) of every trigger noun → its forms, longest first.
    noun_forms: HashMap<String, Vec<Form>>,
    /// Evaluative phrases (lower-case words) → trigger index.
    pub phrases: Vec<(Vec<String>, usize)>,
    /// Inflected verbs of saying.
    pub speech: HashSet<String>,
    /// Lemmas of verbs of saying.
    pub speech_lemmas: HashSet<String>,
    /// Words that make an action negated, hypothetical, planned or refused.
    pub not_factual: HashSet<String>,
    /// Words that negate an evaluative phrase right before it ("not very nice").
    pub negators: HashSet<String>,
    /// Words after "for" that make it a span of time ("for hours", "for the third time").
    pub time_words: HashSet<String>,
    /// Group nouns between an asked actor and its infinitive ("NATO members to pay").
    pub asked_bodies: HashSet<String>,
    /// Nouns for an act of whoever did it just before ("condemned the move").
    pub act_nouns: HashSet<String>,
    /// Word sequences (lower case) before a verb that perform it by saying it ("want to").
    pub performative: Vec<Vec<String>>,
    /// Words that make an action future ("will provide"): only triggers marked `future` keep it.
    pub future: HashSet<String>,
    /// Nouns after a demonym that make the country the actor ("Kenyan troops").
    pub country_agents: HashSet<String>,
    /// One-word trigger nouns of `attacked` ("airstrike", "shelling"): after a demonym the
    /// country is the attacker ("a Peruvian airstrike killed").
    pub attack_nouns: HashSet<String>,
}

impl TriggerLexicon {
    /// Compiles the schema's triggers and lexicon.
    pub fn new(schema: &Schema) -> Self {
        let mut triggers = Vec::new();
        let mut verb_forms: HashMap<String, Vec<Form>> = HashMap::new();
        let mut verb_lemmas: HashMap<String, Vec<Form>> = HashMap::new();
        let mut noun_forms: HashMap<String, Vec<Form>> = HashMap::new();
        let mut phrases = Vec::new();
        for (ti, t) in schema.triggers.iter().enumerate() {
            for verb in &t.verbs {
                for form in inflections(verb) {
                    let words = words_of(&form);
                    if let Some(first) = words.first() {
                        verb_forms.entry(first.clone()).or_default().push(Form {
                            words: words.clone(),
                            trigger: ti,
                        });
                    }
                }
                let lemma_words = words_of(verb);
                if let Some(first) = lemma_words.first() {
                    verb_lemmas.entry(first.clone()).or_default().push(Form {
                        words: lemma_words.clone(),
                        trigger: ti,
                    });
                }
            }
            for noun in &t.nouns {
                let words = words_of(noun);
                if let Some(first) = words.first() {
                    noun_forms
                        .entry(first.clone())
                        .or_default()
                        .push(Form { words, trigger: ti });
                }
            }
            for phrase in &t.phrases {
                let words = words_of(phrase);
                if !words.is_empty() {
                    phrases.push((words, ti));
                }
            }
            let markers = |list: &[String], default: &[&str]| -> Vec<Marker> {
                if list.is_empty() {
                    default.iter().map(|m| Marker::parse(m)).collect()
                } else {
                    list.iter().map(|m| Marker::parse(m)).collect()
                }
            };
            triggers.push(Trigger {
                source: markers(&t.source, &["subj"]),
                target: markers(&t.target, &[]),
                noun_source: markers(&t.noun_source, &["poss", "subj"]),
                noun_target: markers(&t.noun_target, &[]),
                objects: t.objects.iter().map(|o| o.to_lowercase()).collect(),
                def: t.clone(),
            });
        }
        for forms in verb_forms
            .values_mut()
            .chain(verb_lemmas.values_mut())
            .chain(noun_forms.values_mut())
        {
            forms.sort_by_key(|f| std::cmp::Reverse(f.words.len()));
        }
        let lex = &schema.lexicon;
        let attack_nouns = schema
            .triggers
            .iter()
            .filter(|t| t.relation.as_str() == "attacked")
            .flat_map(|t| &t.nouns)
            .filter(|n| !n.contains(' '))
            .map(|n| n.to_lowercase())
            .collect();
        TriggerLexicon {
            attack_nouns,
            triggers,
            verb_forms,
            verb_lemmas,
            noun_forms,
            phrases,
            speech: lex
                .speech_verbs
                .iter()
                .flat_map(|v| inflections(v))
                .collect(),
            speech_lemmas: lex.speech_verbs.iter().map(|v| v.to_lowercase()).collect(),
            not_factual: lex.not_factual.iter().map(|w| w.to_lowercase()).collect(),
            negators: lex.negators.iter().map(|w| w.to_lowercase()).collect(),
            time_words: lex.time_words.iter().map(|w| w.to_lowercase()).collect(),
            asked_bodies: lex.asked_bodies.iter().map(|w| w.to_lowercase()).collect(),
            act_nouns: lex.act_nouns.iter().map(|w| w.to_lowercase()).collect(),
            performative: lex
                .performative
                .iter()
                .map(|p| words_of(p))
                .filter(|w| !w.is_empty())
                .collect(),
            future: lex.future.iter().map(|w| w.to_lowercase()).collect(),
            country_agents: lex
                .country_agents
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
        }
    }

    /// The trigger verbs that start at token `i` and end before `limit`: (trigger index, end).
    ///
    /// A token matches by its inflected form, or by its lemma when the tagger filled one.
    pub fn verbs_at(&self, doc: &Document, i: usize, limit: usize) -> Vec<(usize, usize)> {
        let word = doc.token_text(i).to_lowercase();
        let lemma = doc.tokens[i].lemma.to_lowercase();
        let mut found = Vec::new();
        let mut try_forms = |forms: Option<&Vec<Form>>| {
            for f in forms.into_iter().flatten() {
                let stop = i + f.words.len();
                // the first word matched by form or lemma; the particles that follow by form
                let fits = stop <= limit
                    && f.words[1..]
                        .iter()
                        .enumerate()
                        .all(|(k, w)| doc.token_text(i + 1 + k).eq_ignore_ascii_case(w));
                if fits && !found.iter().any(|&(t, _)| t == f.trigger) {
                    found.push((f.trigger, stop));
                }
            }
        };
        try_forms(self.verb_forms.get(&word));
        if !lemma.is_empty() && lemma != word {
            try_forms(self.verb_lemmas.get(&lemma));
        }
        longest(found)
    }

    /// The trigger nouns that start at token `i` and end before `limit`: (trigger index, end).
    pub fn nouns_at(&self, doc: &Document, i: usize, limit: usize) -> Vec<(usize, usize)> {
        let word = doc.token_text(i).to_lowercase();
        let mut found = Vec::new();
        for f in self.noun_forms.get(&word).into_iter().flatten() {
            let stop = i + f.words.len();
            let fits = stop <= limit
                && f.words
                    .iter()
                    .enumerate()
                    .all(|(k, w)| doc.token_text(i + k).eq_ignore_ascii_case(w));
            if fits && !found.iter().any(|&(t, _)| t == f.trigger) {
                found.push((f.trigger, stop));
            }
        }
        longest(found)
    }

    /// Whether a `performative` word sequence ends right before token `i` (not before `floor`):
    /// "would like to" in "would like to thank".
    pub fn performed_by_saying(&self, doc: &Document, i: usize, floor: usize) -> bool {
        self.performative.iter().any(|p| {
            i >= floor + p.len()
                && p.iter()
                    .enumerate()
                    .all(|(k, w)| doc.token_text(i - p.len() + k).eq_ignore_ascii_case(w))
        })
    }

    /// Whether token `i` is a verb of saying (by form or lemma).
    pub fn is_speech(&self, doc: &Document, i: usize) -> bool {
        self.speech.contains(&doc.token_text(i).to_lowercase())
            || self
                .speech_lemmas
                .contains(&doc.tokens[i].lemma.to_lowercase())
    }

    /// Whether the word (any case) is a trigger verb form or lemma of some entry.
    pub fn is_trigger_verb(&self, word: &str) -> bool {
        let w = word.to_lowercase();
        (self.verb_forms.contains_key(&w) || self.verb_lemmas.contains_key(&w)) && !is_auxiliary(&w)
    }
}

/// Forms of "be" and "have", which are triggers only as main verbs ("is in Peru").
pub(super) fn is_auxiliary(word: &str) -> bool {
    matches!(
        word,
        "be" | "is"
            | "are"
            | "was"
            | "were"
            | "been"
            | "being"
            | "am"
            | "'s"
            | "'re"
            | "have"
            | "has"
            | "had"
    )
}

/// Only the longest matches: "called on" (requested) hides "called" (spoke-with).
fn longest(found: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let Some(end) = found.iter().map(|&(_, e)| e).max() else {
        return found;
    };
    found.into_iter().filter(|&(_, e)| e == end).collect()
}

fn words_of(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_parse_slots_and_type_restrictions() {
        let m = Marker::parse("in@Location");
        assert_eq!(m.slot, Slot::Prep("in".into()));
        assert!(m.admits(&EntityType::new("Location").unwrap()));
        assert!(!m.admits(&EntityType::new("Country").unwrap()));
        assert_eq!(Marker::parse("obj").slot, Slot::Object);
        assert!(Marker::parse("to").admits(&EntityType::new("Country").unwrap()));
    }
}
