//! Gazetteer matching: every known surface form found in a sentence, aligned to token boundaries.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind as AcMatchKind};

use crate::doc::Document;
use crate::nlp::ner::{GazetteerCategory, GazetteerHint};
use crate::schema::{EntityType, Schema};
use crate::text::tokenize;

/// How a surface form refers to its gazetteer entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FormKind {
    /// The entry's canonical name.
    Name,
    /// Another name of the entry.
    Alias,
    /// A demonym or national adjective ("Russian").
    Demonym,
    /// A government metonym ("Kremlin").
    Metonym,
    /// The entry's capital city (a place that can stand for the country).
    Capital,
}

/// One gazetteer entry after entries with the same name and type were merged.
#[derive(Debug, Clone, PartialEq)]
pub struct KnownEntity {
    /// Canonical name.
    pub name: String,
    /// Entity type.
    pub entity_type: EntityType,
    /// Canonical name of the country the entity belongs to, if the gazetteer says.
    pub country: Option<String>,
    /// The first demonym of the entry ("Peruvian" for Peru), used to name its bodies
    /// ("Peru's foreign ministry" → "Peruvian Foreign Ministry").
    pub demonym: Option<String>,
    /// How much a match of the entry can be trusted as a name of this type, 0..=1 (see
    /// [`source_strength`]).
    pub strength: f32,
}

/// How much a gazetteer file's entries can be trusted when they match, by file name.
///
/// Country, organisation, alias and hand-made place lists name few other things (0.9);
/// leaders and aircraft are full names (0.85). City names from airport data (0.5) and
/// subdivisions (0.6) are often also surnames or words ("Lincoln", "Austin", "Hahn"), and
/// companies and sports bodies (0.65) open the names of products and prizes ("Google
/// Chrome", "NBA All-Star"): the
/// recogniser and the resolver may read such a match as something else.
pub fn source_strength(file: &str) -> f32 {
    let base = file.rsplit('/').next().unwrap_or(file);
    if base.starts_with("cities") {
        0.5
    } else if base.starts_with("subdivisions") {
        0.6
    } else if base.starts_with("companies") || base.starts_with("teams") {
        // "Google Chrome", "Tesla" of "Nikola Tesla": a company's name inside a longer name
        // gives way to it
        0.65
    } else if base.starts_with("leaders") || base.starts_with("aircraft") {
        0.85
    } else {
        0.9
    }
}

/// A gazetteer form found in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GazetteerMatch {
    /// Token indices `start..end`.
    pub tokens: (usize, usize),
    /// Index into [`GazetteerMatcher::entities`].
    pub entity: usize,
    /// How the form refers to the entry.
    pub kind: FormKind,
}

/// Finds gazetteer forms in token sequences with one Aho-Corasick automaton.
///
/// Each token is wrapped in two marker characters in the haystack, so a pattern can only match
/// whole tokens.
#[derive(Debug, Clone)]
pub struct GazetteerMatcher {
    automaton: AhoCorasick,
    targets: Vec<(usize, FormKind)>,
    entities: Vec<KnownEntity>,
    /// Forms of one token, for looking up the parts of hyphenated words ("Israeli-Greek").
    single_token: HashMap<String, (usize, FormKind)>,
    /// The same in lower case, for recogniser hints on words written without capitals.
    single_token_lower: HashMap<String, (usize, FormKind)>,
    /// Every form, by its tokens joined with single spaces.
    by_words: HashMap<String, (usize, FormKind)>,
    /// Last words of the people's names ("Putin"), which name a person even alone.
    surnames: std::collections::HashSet<String>,
    /// First words of the people's names ("Vladimir").
    given_names: std::collections::HashSet<String>,
    /// Country entry → a subdivision of another country with the same name (Georgia the
    /// country and Georgia the U.S. state): the form names the country unless the article
    /// says otherwise.
    place_homonyms: HashMap<usize, usize>,
}

const TOKEN_START: char = '\u{2}';
const TOKEN_END: char = '\u{3}';

/// Ranks types when two entries claim the same form: countries first, places last.
fn type_rank(t: &EntityType) -> u8 {
    match t.as_str() {
        "Country" => 0,
        "Organization" => 1,
        "Person" => 2,
        "Product" => 3,
        "Location" => 4,
        _ => 5,
    }
}

fn pattern_of(form: &str) -> String {
    let mut pattern = String::with_capacity(form.len() + 8);
    for t in tokenize(form) {
        pattern.push(TOKEN_START);
        pattern.push_str(&form[t.span.range()]);
        pattern.push(TOKEN_END);
    }
    pattern
}

impl GazetteerMatcher {
    /// Builds the matcher over every entry of the schema's gazetteers.
    pub fn new(schema: &Schema) -> Self {
        let mut entities: Vec<KnownEntity> = Vec::new();
        let mut index: HashMap<(String, EntityType), usize> = HashMap::new();
        // form -> best (rank, entity, kind)
        let mut forms: HashMap<String, (u8, FormKind, usize)> = HashMap::new();
        let mut claim = |form: &str, entity: usize, kind: FormKind, t: &EntityType| {
            let pattern = pattern_of(form);
            if pattern.is_empty() {
                return;
            }
            let rank = type_rank(t);
            let candidate = (rank, kind, entity);
            forms
                .entry(pattern)
                .and_modify(|best| {
                    if (candidate.0, candidate.1) < (best.0, best.1) {
                        *best = candidate;
                    }
                })
                .or_insert(candidate);
        };
        for entry in &schema.gazetteer {
            let key = (entry.name.clone(), entry.entity_type.clone());
            let id = *index.entry(key).or_insert_with(|| {
                entities.push(KnownEntity {
                    name: entry.name.clone(),
                    entity_type: entry.entity_type.clone(),
                    country: entry.country.clone(),
                    demonym: None,
                    strength: 0.0,
                });
                entities.len() - 1
            });
            let known = &mut entities[id];
            if known.country.is_none() {
                known.country = entry.country.clone();
            }
            // hand-made rows come first in the schema and name the usual demonym first
            if known.demonym.is_none() {
                known.demonym = entry.demonyms.first().cloned();
            }
            known.strength = known.strength.max(source_strength(&entry.file));
            let t = &entry.entity_type;
            claim(&entry.name, id, FormKind::Name, t);
            for a in &entry.aliases {
                claim(a, id, FormKind::Alias, t);
            }
            // "Boeing 747s", "F-16s": a model number in the plural names the model
            if t.is("Product") {
                for form in std::iter::once(&entry.name).chain(&entry.aliases) {
                    if form.ends_with(|c: char| c.is_ascii_digit()) {
                        claim(&format!("{form}s"), id, FormKind::Alias, t);
                    }
                }
            }
            for d in &entry.demonyms {
                claim(d, id, FormKind::Demonym, t);
            }
            for m in &entry.metonyms {
                claim(m, id, FormKind::Metonym, t);
            }
            if let Some(c) = &entry.capital {
                claim(c, id, FormKind::Capital, t);
            }
        }
        let mut patterns: Vec<(String, (usize, FormKind))> = forms
            .into_iter()
            .map(|(p, (_, kind, entity))| (p, (entity, kind)))
            .collect();
        patterns.sort();
        // every form by its words joined with spaces ("North Korea")
        let by_words = patterns
            .iter()
            .map(|(p, t)| {
                let words: Vec<&str> = p
                    .split(TOKEN_START)
                    .map(|w| w.trim_end_matches(TOKEN_END))
                    .filter(|w| !w.is_empty())
                    .collect();
                (words.join(" "), *t)
            })
            .collect::<HashMap<String, (usize, FormKind)>>();
        let single_token = by_words
            .iter()
            .filter(|(w, _)| !w.contains(' '))
            .map(|(w, t)| (w.clone(), *t))
            .collect::<HashMap<String, (usize, FormKind)>>();
        let surnames = by_words
            .iter()
            .filter(|(w, (e, _))| w.contains(' ') && entities[*e].entity_type.is("Person"))
            .filter_map(|(w, _)| w.rsplit(' ').next())
            .filter(|w| w.chars().count() > 2)
            .map(str::to_string)
            .collect();
        let given_names = by_words
            .iter()
            .filter(|(w, (e, _))| w.contains(' ') && entities[*e].entity_type.is("Person"))
            .filter_map(|(w, _)| w.split(' ').next())
            .filter(|w| {
                w.chars().count() > 1 && w.chars().skip(1).all(|c| c.is_lowercase() || c == '-')
            })
            .map(str::to_string)
            .collect();
        let mut single_token_lower = HashMap::new();
        let mut sorted: Vec<(&String, &(usize, FormKind))> = single_token.iter().collect();
        sorted.sort();
        for (form, target) in sorted {
            single_token_lower
                .entry(form.to_lowercase())
                .or_insert(*target);
        }
        let mut place_homonyms = HashMap::new();
        for (c, country) in entities.iter().enumerate() {
            if !country.entity_type.is("Country") {
                continue;
            }
            if let Some(&p) = index.get(&(country.name.clone(), EntityType::location())) {
                if entities[p]
                    .country
                    .as_ref()
                    .is_some_and(|owner| *owner != country.name)
                {
                    place_homonyms.insert(c, p);
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(AcMatchKind::LeftmostLongest)
            .build(patterns.iter().map(|(p, _)| p))
            .expect("gazetteer automaton within size limits");
        GazetteerMatcher {
            automaton,
            targets: patterns.into_iter().map(|(_, t)| t).collect(),
            entities,
            single_token,
            single_token_lower,
            surnames,
            given_names,
            by_words,
            place_homonyms,
        }
    }

    /// The merged gazetteer entries.
    pub fn entities(&self) -> &[KnownEntity] {
        &self.entities
    }

    /// What the gazetteers say about each token of `start..end`, as features for the
    /// named-entity recogniser.
    pub fn hints(&self, doc: &Document, start: usize, end: usize) -> Vec<Option<GazetteerHint>> {
        let mut hints = vec![None; end - start];
        let mut matches = self.find(doc, start, end);
        let exact = matches.len();
        // words written without their capitals ("malaysia", "NEW YORK" is left alone)
        for i in start..end {
            let word = doc.token_text(i);
            let covered = matches[..exact]
                .iter()
                .any(|m| m.tokens.0 <= i && i < m.tokens.1);
            if covered || !word.chars().all(char::is_lowercase) || word.len() < 3 {
                continue;
            }
            if let Some(&(entity, kind)) = self.single_token_lower.get(word) {
                matches.push(GazetteerMatch {
                    tokens: (i, i + 1),
                    entity,
                    kind,
                });
            }
        }
        for (n, m) in matches.into_iter().enumerate() {
            let exact_case = n < exact;
            let known = &self.entities[m.entity];
            let category = match m.kind {
                FormKind::Demonym => GazetteerCategory::Demonym,
                FormKind::Metonym => GazetteerCategory::Metonym,
                FormKind::Capital => GazetteerCategory::Capital,
                FormKind::Name | FormKind::Alias => match known.entity_type.as_str() {
                    "Country" => GazetteerCategory::Country,
                    "Organization" => GazetteerCategory::Organization,
                    "Person" => GazetteerCategory::Person,
                    "Product" => GazetteerCategory::Product,
                    _ if known.strength >= 0.7 => GazetteerCategory::Place,
                    _ => GazetteerCategory::WeakPlace,
                },
            };
            let single = m.tokens.1 - m.tokens.0 == 1;
            for k in m.tokens.0..m.tokens.1 {
                hints[k - start] = Some(GazetteerHint {
                    category,
                    begins: k == m.tokens.0,
                    single,
                    exact_case,
                });
            }
        }
        hints
    }

    /// The entry and form kind of a form given as its tokens joined by single spaces
    /// ("North Korea").
    pub fn lookup_words(&self, words: &str) -> Option<(usize, FormKind)> {
        self.by_words.get(words).copied()
    }

    /// The subdivision of another country that has the name of country entry `entity`
    /// ("Georgia", a U.S. state), if there is one.
    pub fn place_homonym(&self, entity: usize) -> Option<usize> {
        self.place_homonyms.get(&entity).copied()
    }

    /// Whether a word is the first word of a person's name in the gazetteer ("Vladimir").
    pub fn is_given_name(&self, word: &str) -> bool {
        self.given_names.contains(word)
    }

    /// Whether a word is the last word of a person's name in the gazetteer ("Putin").
    pub fn is_person_surname(&self, word: &str) -> bool {
        self.surnames.contains(word)
    }

    /// The entry and form kind of a one-token form ("Israeli" → Israel, demonym).
    pub fn lookup(&self, form: &str) -> Option<(usize, FormKind)> {
        self.single_token.get(form).copied()
    }

    /// Every gazetteer form in tokens `start..end` of `doc`, leftmost-longest, not overlapping.
    pub fn find(&self, doc: &Document, start: usize, end: usize) -> Vec<GazetteerMatch> {
        let mut haystack = String::new();
        let mut token_at = Vec::with_capacity(end - start); // haystack offset of each token's marker
        for i in start..end {
            token_at.push(haystack.len());
            haystack.push(TOKEN_START);
            haystack.push_str(doc.token_text(i));
            haystack.push(TOKEN_END);
        }
        let token_index = |offset: usize| match token_at.binary_search(&offset) {
            Ok(k) => k,
            Err(k) => k.saturating_sub(1),
        };
        self.automaton
            .find_iter(&haystack)
            .map(|m| {
                let first = start + token_index(m.start());
                let last = start + token_index(m.end() - 1);
                let (entity, kind) = self.targets[m.pattern().as_usize()];
                GazetteerMatch {
                    tokens: (first, last + 1),
                    entity,
                    kind,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::segment;

    #[test]
    fn finds_whole_token_forms_only() {
        let schema = Schema::embedded().unwrap();
        let matcher = GazetteerMatcher::new(&schema);
        let mut doc = Document::new(
            "t",
            "USAID and the U.S. sent Russian aid to North Korea and Italy's capital Rome.",
        );
        segment(&mut doc);
        let found: Vec<(String, FormKind)> = matcher
            .find(&doc, 0, doc.tokens.len())
            .iter()
            .map(|m| {
                (
                    doc.span_text(doc.tokens_span(m.tokens.0, m.tokens.1))
                        .to_string(),
                    m.kind,
                )
            })
            .collect();
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert!(texts.contains(&"U.S."), "{found:?}");
        assert!(texts.contains(&"North Korea"), "{found:?}");
        assert!(!texts.contains(&"Korea"), "{found:?}");
        assert!(
            found.contains(&("Russian".to_string(), FormKind::Demonym)),
            "{found:?}"
        );
        assert!(
            found.contains(&("Rome".to_string(), FormKind::Capital)),
            "{found:?}"
        );
    }

    #[test]
    fn a_model_number_in_the_plural_names_the_model() {
        let schema = Schema::embedded().unwrap();
        let matcher = GazetteerMatcher::new(&schema);
        let mut doc = Document::new("t", "The airline flies Boeing 747s and Airbus A300s.");
        segment(&mut doc);
        let found: Vec<(String, String)> = matcher
            .find(&doc, 0, doc.tokens.len())
            .iter()
            .map(|m| {
                (
                    doc.span_text(doc.tokens_span(m.tokens.0, m.tokens.1))
                        .to_string(),
                    matcher.entities()[m.entity].name.clone(),
                )
            })
            .collect();
        assert!(
            found.contains(&("Boeing 747s".to_string(), "Boeing 747".to_string())),
            "{found:?}"
        );
        assert!(
            found.contains(&("Airbus A300s".to_string(), "Airbus A300".to_string())),
            "{found:?}"
        );
    }
}
