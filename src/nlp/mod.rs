//! NLP stage: part-of-speech tags, lemmas and dependencies on every token.
//!
//! This first version is a closed-class lexicon and spelling heuristics, enough for the
//! pattern-based extractor; the trained tagger and parser replace it behind the same component.

pub mod ner;
pub mod perceptron;

use crate::doc::{Document, Upos};
use crate::error::Result;
use crate::pipeline::Component;

/// The pipeline component that annotates tokens with tags and lemmas.
#[derive(Debug, Clone, Default)]
pub struct Annotator;

impl Annotator {
    /// Loads the annotator's models.
    pub fn load() -> Result<Self> {
        Ok(Annotator)
    }
}

impl Component for Annotator {
    fn name(&self) -> &'static str {
        "nlp"
    }

    fn process(&self, doc: &mut Document) -> Result<()> {
        for s in 0..doc.sentences.len() {
            let range = doc.sentences[s].token_range();
            for i in range.clone() {
                let word = doc.token_text(i);
                let upos = heuristic_upos(word, i == range.start);
                let lemma = word.to_lowercase();
                let tok = &mut doc.tokens[i];
                tok.upos = upos;
                tok.lemma = lemma;
            }
        }
        Ok(())
    }
}

const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "some", "any", "each", "every", "no",
    "all", "both", "another",
];
const ADPOSITIONS: &[&str] = &[
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "with",
    "by",
    "from",
    "about",
    "into",
    "over",
    "after",
    "before",
    "during",
    "under",
    "between",
    "against",
    "through",
    "near",
    "amid",
    "without",
    "since",
    "including",
    "despite",
    "toward",
    "towards",
    "across",
    "among",
    "via",
    "per",
    "like",
    "than",
];
const PRONOUNS: &[&str] = &[
    "i",
    "you",
    "he",
    "she",
    "it",
    "we",
    "they",
    "me",
    "him",
    "her",
    "us",
    "them",
    "his",
    "its",
    "our",
    "their",
    "my",
    "your",
    "who",
    "whom",
    "which",
    "what",
    "itself",
    "himself",
    "herself",
    "themselves",
];
const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do",
    "does", "did", "will", "would", "shall", "should", "may", "might", "can", "could", "must",
    "'s", "'re", "'ve", "'ll", "'d", "'m", "ca", "wo",
];
const CONJUNCTIONS: &[&str] = &["and", "or", "but", "nor", "yet"];
const SUBORDINATORS: &[&str] = &[
    "if", "because", "while", "although", "though", "whether", "as", "when", "where", "unless",
    "until",
];
const PARTICLES: &[&str] = &["not", "n't", "to"];

/// A part-of-speech guess from the word alone.
fn heuristic_upos(word: &str, sentence_initial: bool) -> Upos {
    let lower = word.to_lowercase();
    let l = lower.as_str();
    if word.chars().all(|c| !c.is_alphanumeric()) {
        return Upos::Punct;
    }
    if word.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return Upos::Num;
    }
    if PARTICLES.contains(&l) {
        return Upos::Part;
    }
    if DETERMINERS.contains(&l) {
        return Upos::Det;
    }
    if ADPOSITIONS.contains(&l) {
        return Upos::Adp;
    }
    if PRONOUNS.contains(&l) {
        return Upos::Pron;
    }
    if AUXILIARIES.contains(&l) {
        return Upos::Aux;
    }
    if CONJUNCTIONS.contains(&l) {
        return Upos::Cconj;
    }
    if SUBORDINATORS.contains(&l) {
        return Upos::Sconj;
    }
    if word.starts_with(char::is_uppercase) && !sentence_initial {
        return Upos::Propn;
    }
    if l.ends_with("ly") {
        return Upos::Adv;
    }
    if l.ends_with("ed") || l.ends_with("ing") {
        return Upos::Verb;
    }
    Upos::Noun
}
