//! Mention finding: gazetteer forms, capitalised names typed by their words, and "the ministry"-style nominals.

use std::collections::HashSet;
use std::sync::Arc;

use super::gazetteer::{FormKind, GazetteerMatcher};
use super::titles::TitleMatcher;
use crate::doc::{Document, Mention, MentionKind, MentionSource};
use crate::error::Result;
use crate::pipeline::Component;
use crate::schema::{EntityType, Schema};

/// Lower-case words that may join the capitalised words of one name ("Ministry of Defense").
const NAME_CONNECTORS: &[&str] = &[
    "of", "for", "de", "del", "al", "bin", "ibn", "von", "van", "der", "la", "le", "du", "da",
    "dos",
];

/// Capitalised words that open sentences and are not names themselves.
const FUNCTION_WORDS: &[&str] = &[
    "A",
    "An",
    "The",
    "This",
    "That",
    "These",
    "Those",
    "In",
    "On",
    "At",
    "For",
    "From",
    "By",
    "With",
    "After",
    "Before",
    "As",
    "But",
    "And",
    "Or",
    "If",
    "When",
    "While",
    "He",
    "She",
    "It",
    "They",
    "We",
    "You",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "There",
    "Here",
    "Some",
    "Many",
    "Most",
    "According",
    "Last",
    "Next",
    "Earlier",
    "Later",
    "Meanwhile",
    "However",
    "Also",
    "Still",
    "Since",
    "During",
    "Despite",
    "Under",
    "Over",
    "About",
    "Among",
    "Between",
    "Both",
    "Each",
    "Every",
    "All",
    "No",
    "Not",
    "Only",
    "So",
    "Such",
    "Then",
    "Though",
    "Although",
    "Because",
    "Yet",
    "What",
    "Who",
    "Why",
    "How",
    "Where",
    "Which",
    "Contacted",
    "Asked",
    "Speaking",
];

/// The pipeline component that fills [`Document::mentions`].
#[derive(Debug, Clone)]
pub struct MentionFinder {
    gazetteer: GazetteerMatcher,
    titles: TitleMatcher,
    organization_words: HashSet<String>,
    location_words: HashSet<String>,
    nominals: HashSet<String>,
    not_names: HashSet<String>,
}

fn set(words: &[String]) -> HashSet<String> {
    words.iter().cloned().collect()
}

fn is_capitalised(word: &str) -> bool {
    word.starts_with(|c: char| c.is_uppercase()) && word.chars().any(char::is_alphabetic)
}

fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (2..=8).contains(&letters)
        && word
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.' || c == '&' || c == '-')
}

impl MentionFinder {
    /// Builds the finder over the schema's gazetteers, titles and lexicon.
    pub fn new(schema: Arc<Schema>) -> Self {
        MentionFinder {
            gazetteer: GazetteerMatcher::new(&schema),
            titles: TitleMatcher::new(&schema),
            organization_words: set(&schema.lexicon.organization_words),
            location_words: set(&schema.lexicon.location_words),
            nominals: set(&schema.lexicon.organization_nominals),
            not_names: set(&schema.lexicon.not_names),
        }
    }

    /// Whether a sentence is written in headline case, where capitals say nothing about names:
    /// no final punctuation, and most longer words capitalised.
    fn is_headline_case(&self, doc: &Document, start: usize, end: usize) -> bool {
        let last_word = (start..end)
            .rev()
            .map(|i| doc.token_text(i))
            .find(|w| !matches!(*w, "\"" | "'" | "”" | "’" | ")"));
        if last_word.is_some_and(|w| matches!(w, "." | "!" | "?" | "..." | "…")) {
            return false;
        }
        let mut words = 0;
        let mut capitalised = 0;
        for i in start..end {
            let w = doc.token_text(i);
            if w.chars().count() > 3 && w.chars().all(|c| c.is_alphabetic() || c == '-') {
                words += 1;
                if is_capitalised(w) {
                    capitalised += 1;
                }
            }
        }
        words >= 2 && capitalised * 5 >= words * 3
    }

    fn find_in_sentence(&self, doc: &Document, s: usize, out: &mut Vec<Mention>) {
        let (start, end) = doc.sentences[s].tokens;
        let mut covered = vec![false; end - start];
        let mut found = Vec::new();
        for m in self.gazetteer.find(doc, start, end) {
            let known = &self.gazetteer.entities()[m.entity];
            if self.place_starts_longer_name(doc, &m, known, end) {
                continue;
            }
            let span = doc.tokens_span(m.tokens.0, m.tokens.1);
            let text = doc.span_text(span).to_string();
            let (entity_type, kind, canonical, stands_for) = match m.kind {
                FormKind::Name | FormKind::Alias => {
                    // people are named as the article names them, not as the gazetteer does
                    let canonical = (!known.entity_type.is("Person")).then(|| known.name.clone());
                    (
                        known.entity_type.clone(),
                        MentionKind::Name,
                        canonical,
                        None,
                    )
                }
                FormKind::Demonym => (
                    known.entity_type.clone(),
                    MentionKind::Demonym,
                    Some(known.name.clone()),
                    None,
                ),
                FormKind::Metonym => (
                    known.entity_type.clone(),
                    MentionKind::Metonym,
                    Some(known.name.clone()),
                    None,
                ),
                FormKind::Capital => (
                    EntityType::location(),
                    MentionKind::Name,
                    Some(text.clone()),
                    Some(known.name.clone()),
                ),
            };
            for c in &mut covered[m.tokens.0 - start..m.tokens.1 - start] {
                *c = true;
            }
            found.push(Mention {
                tokens: m.tokens,
                span,
                text,
                entity_type,
                kind,
                source: MentionSource::Gazetteer,
                canonical,
                stands_for,
                tentative: false,
                entity: None,
                confidence: 0.9,
            });
        }
        let headline = self.is_headline_case(doc, start, end);
        let mut i = start;
        while i < end {
            if covered[i - start] || !self.starts_name(doc, i, start) {
                i += 1;
                continue;
            }
            // a run of capitalised words, possibly joined by connectors
            let mut j = i + 1;
            while j < end && !covered[j - start] {
                let w = doc.token_text(j);
                if is_capitalised(w) && !self.not_names.contains(w) {
                    j += 1;
                } else if NAME_CONNECTORS.contains(&w)
                    && j + 1 < end
                    && !covered[j + 1 - start]
                    && is_capitalised(doc.token_text(j + 1))
                {
                    j += 2;
                } else {
                    break;
                }
            }
            if headline {
                // in headline case only names known from elsewhere in the article count
                for k in i..j {
                    if is_capitalised(doc.token_text(k)) {
                        let mut m = self.tentative(doc, k, k + 1);
                        m.confidence = 0.1;
                        found.push(m);
                    }
                }
            } else {
                self.name_run(doc, i, j, start, &mut found);
            }
            i = j;
        }
        // "the ministry": a nominal that refers back to a named organisation
        for i in start + 1..end {
            let w = doc.token_text(i);
            if !covered[i - start]
                && self.nominals.contains(w)
                && doc.token_text(i - 1).eq_ignore_ascii_case("the")
            {
                let mut m = self.tentative(doc, i, i + 1);
                m.kind = MentionKind::Nominal;
                m.entity_type = EntityType::organization();
                found.push(m);
            }
        }
        found.sort_by_key(|m| m.tokens);
        out.extend(found);
    }

    /// Whether a place name opens a longer capitalised name of a place or an organisation
    /// ("Gedo Region", "Kabul University"); then the longer name is the mention.
    fn place_starts_longer_name(
        &self,
        doc: &Document,
        m: &super::gazetteer::GazetteerMatch,
        known: &super::gazetteer::KnownEntity,
        end: usize,
    ) -> bool {
        let is_place = known.entity_type.is("Location") || m.kind == FormKind::Capital;
        if !is_place || !matches!(m.kind, FormKind::Name | FormKind::Alias | FormKind::Capital) {
            return false;
        }
        (m.tokens.1..end)
            .map(|k| doc.token_text(k))
            .take_while(|w| is_capitalised(w))
            .any(|w| self.organization_words.contains(w) || self.location_words.contains(w))
    }

    /// Whether token `i` can open a name.
    fn starts_name(&self, doc: &Document, i: usize, sentence_start: usize) -> bool {
        let w = doc.token_text(i);
        is_capitalised(w)
            && !self.not_names.contains(w)
            && !(i == sentence_start && FUNCTION_WORDS.contains(&w))
    }

    fn tentative(&self, doc: &Document, start: usize, end: usize) -> Mention {
        let span = doc.tokens_span(start, end);
        Mention {
            tokens: (start, end),
            span,
            text: doc.span_text(span).to_string(),
            entity_type: EntityType::person(),
            kind: MentionKind::Name,
            source: MentionSource::Pattern,
            canonical: None,
            stands_for: None,
            tentative: true,
            entity: None,
            confidence: 0.3,
        }
    }

    /// Turns a run of capitalised tokens into a mention: titles are cut off and the type is read
    /// off the words.
    fn name_run(
        &self,
        doc: &Document,
        mut i: usize,
        j: usize,
        sentence_start: usize,
        out: &mut Vec<Mention>,
    ) {
        // leading titles are not part of names ("President Vladimir Putin")
        while i < j {
            match self.titles.at(doc, i, j) {
                Some(t) => i = t.tokens.1,
                None => break,
            }
        }
        // a trailing connector is not part of the name
        let mut j = j;
        while j > i && NAME_CONNECTORS.contains(&doc.token_text(j - 1)) {
            j -= 1;
        }
        if i >= j {
            return;
        }
        let words: Vec<&str> = (i..j).map(|k| doc.token_text(k)).collect();
        let last = *words.last().unwrap_or(&"");
        let entity_type = if self.location_words.contains(last) && words.len() > 1 {
            Some(EntityType::location())
        } else if words.iter().any(|w| self.organization_words.contains(*w))
            || (words.len() == 1 && is_acronym(last))
        {
            Some(EntityType::organization())
        } else if words.len() >= 2
            && words.len() <= 4
            && words
                .iter()
                .all(|w| NAME_CONNECTORS.contains(w) || (is_capitalised(w) && !is_acronym(w)))
        {
            Some(EntityType::person())
        } else {
            None
        };
        let mut mention = self.tentative(doc, i, j);
        match entity_type {
            Some(t) => {
                mention.entity_type = t;
                mention.tentative = false;
                mention.confidence = 0.6;
            }
            // one capitalised word of unknown type; the sentence's first word is even less sure
            None if i == sentence_start => mention.confidence = 0.2,
            None => {}
        }
        out.push(mention);
    }
}

impl Component for MentionFinder {
    fn name(&self) -> &'static str {
        "mentions"
    }

    fn process(&self, doc: &mut Document) -> Result<()> {
        let mut mentions = Vec::new();
        for s in 0..doc.sentences.len() {
            self.find_in_sentence(doc, s, &mut mentions);
        }
        doc.mentions = mentions;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::segment;

    fn mentions(text: &str) -> Vec<(String, String, bool)> {
        let schema = Arc::new(Schema::embedded().unwrap());
        let finder = MentionFinder::new(schema);
        let mut doc = Document::new("t", text);
        segment(&mut doc);
        finder.process(&mut doc).unwrap();
        doc.mentions
            .iter()
            .map(|m| (m.text.clone(), m.entity_type.to_string(), m.tentative))
            .collect()
    }

    #[test]
    fn titles_are_cut_and_types_read_off_words() {
        let found = mentions("Russian President Vladimir Putin met officials of Johns Hopkins University and the Gedo Region.");
        assert!(
            found.contains(&("Russian".into(), "Country".into(), false)),
            "{found:?}"
        );
        assert!(
            found.contains(&("Vladimir Putin".into(), "Person".into(), false)),
            "{found:?}"
        );
        assert!(
            found.contains(&(
                "Johns Hopkins University".into(),
                "Organization".into(),
                false
            )),
            "{found:?}"
        );
        assert!(
            found.contains(&("Gedo Region".into(), "Location".into(), false)),
            "{found:?}"
        );
    }

    #[test]
    fn headline_case_gives_only_tentative_words() {
        let found = mentions("Russia Sends Medical Aid To Coronavirus-Hit Country, Trump Says");
        assert!(
            found.contains(&("Russia".into(), "Country".into(), false)),
            "{found:?}"
        );
        assert!(
            found.contains(&("Trump".into(), "Person".into(), true)),
            "{found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|(t, _, tentative)| t.contains(' ') && !tentative),
            "{found:?}"
        );
    }

    #[test]
    fn nominals_and_acronyms() {
        let found = mentions("Contacted by AFP, the ministry refused.");
        assert!(
            found.contains(&("AFP".into(), "Organization".into(), false)),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(t, ty, tentative)| t == "ministry" && ty == "Organization" && *tentative),
            "{found:?}"
        );
    }
}
