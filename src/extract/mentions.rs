//! Mention finding: gazetteer forms, capitalised names typed by their words, and "the ministry"-style nominals.
//!
//! A sentence is read in three passes. Gazetteer forms come first (countries, demonyms,
//! organisations, leaders, places, aircraft); a weak form (a city or region that is also a
//! surname, such as "Lincoln" or "Austin") gives way when it sits inside a longer capitalised
//! name. Then runs of capitalised words become names: titles are cut off wherever they stand
//! ("Peruvian President X", "State Department Spokesperson"), connectors join ("Joint Council
//! for the Care of Rivers", "People's Liberation Army"), and the type is read off the
//! words. Last come nominal references: "the ministry", and bodies named through their
//! country ("Lima's foreign ministry").

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::gazetteer::{FormKind, GazetteerMatch, GazetteerMatcher, KnownEntity};
use super::names::is_acronym;
use super::titles::TitleMatcher;
use crate::doc::{Document, Mention, MentionKind, MentionSource, Upos};
use crate::error::Result;
use crate::nlp::ner::{NerSpan, NerType, Recognizer};
use crate::pipeline::Component;
use crate::schema::{EntityType, Schema};

/// Lower-case words that may join the capitalised words of one name ("Ministry of Defense").
const NAME_CONNECTORS: &[&str] = &[
    "of", "for", "de", "del", "al", "bin", "ibn", "von", "van", "der", "la", "le", "du", "da",
    "dos",
];

/// Words of deliberative bodies that "on" joins to the subject of their work ("Commission
/// on Presidential Debates", "Senate Committee on Foreign Relations").
const ON_BODY_HEADS: &[&str] = &[
    "Commission",
    "Committee",
    "Subcommittee",
    "Council",
    "Panel",
    "Conference",
];

/// Connectors that join the parts of an organisation's or a place's name but not of a
/// person's ("House of Representatives" is no person).
const NON_PERSON_CONNECTORS: &[&str] = &["of", "for", "the", "and"];

/// Capitalised common nouns that may stand before a possessive inside a name
/// ("People's Liberation Army", "Workers' Party").
const POSSESSIVE_NAME_WORDS: &[&str] = &[
    "People", "Peoples", "Workers", "Children", "Women", "Students", "Veterans", "Citizens",
    "Farmers", "Martyrs", "Mothers", "Nations",
];

/// Organisation words that name one body when they stand alone: legislatures
/// ("Parliament voted", "Congress passed").
const LONE_BODY_NAMES: &[&str] = &["Parliament", "Congress", "Senate"];

/// Head nouns of government bodies that a country may name in lower case ("Lima's foreign
/// ministry", "the Russian defense ministry").
const BODY_HEADS: &[&str] = &["ministry", "department"];

/// Words of time that stand capitalised before a title and its place ("Former Ohio
/// governor", "Acting Texas attorney general") without being part of a name.
const TIME_MODIFIERS: &[&str] = &[
    "former",
    "then",
    "acting",
    "interim",
    "outgoing",
    "incoming",
    "current",
    "late",
    "longtime",
    "erstwhile",
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
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Several",
    "Other",
    "Another",
    "Few",
    "More",
    "Any",
    "Like",
    "Unlike",
];

/// Capitalised adjectives that open or fill the names of bodies, offices, events and
/// documents ("National Security Adviser", "Presidential Debates", "Public License") but are
/// never part of a person's name.
const NEVER_IN_PERSON_NAMES: &[&str] = &[
    "National",
    "International",
    "Federal",
    "Presidential",
    "Congressional",
    "Parliamentary",
    "Electoral",
    "Constitutional",
    "Public",
    "Foreign",
    "Technical",
    "Technological",
    "Central",
    "Regional",
    "Provincial",
    "Municipal",
    "Global",
    "Official",
    "Medical",
    "Scientific",
    "Political",
    "Economic",
    "Financial",
    "Environmental",
    "Nuclear",
    "Military",
    "Annual",
    "Olympic",
    "Academic",
];

/// Nouns for a party's members that stand before a member's name like a title ("Democrat
/// Ana Ruiz", "Republican Ruiz"); adjectives ("Democratic", "Labour") open parties' names.
const PARTY_MEMBER_NOUNS: &[&str] = &[
    "Democrat",
    "Republican",
    "Libertarian",
    "Socialist",
    "Communist",
    "Conservative",
    "Tory",
    "Independent",
];

/// Capitalised compass words that open the names of regions ("South Pacific", "North
/// Atlantic").
const COMPASS_WORDS: &[&str] = &["North", "South", "East", "West", "Central"];

/// Prefixes of ships' names ("MV Alan Kurdi", "HMS Defender", "USS Cole").
const SHIP_PREFIXES: &[&str] = &["MV", "HMS", "USS", "RV", "HMAS", "HMCS", "RMS", "FV"];

/// An aircraft's registration ("EP-CPP", "VH-OQA"): a country's prefix of two letters or
/// digits, a hyphen, three or four capital letters. It names no entity. (One-letter
/// prefixes, "G-EUPT", are left out: "C-SPAN" and "C-MORE" are names.)
fn is_registration(word: &str) -> bool {
    let Some((prefix, mark)) = word.split_once('-') else {
        return false;
    };
    prefix.len() == 2
        && prefix
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && prefix.starts_with(|c: char| c.is_ascii_uppercase())
        && (3..=4).contains(&mark.len())
        && mark.chars().all(|c| c.is_ascii_uppercase())
}

/// Words for kinds of places that are also common surnames ("Darrell Castle", "Anita
/// Hill"), unlike "Airport" or "Province".
const SURNAME_PLACE_WORDS: &[&str] = &[
    "Castle", "Hill", "Hills", "Hall", "Park", "Lake", "Forest", "Bridge", "Bridges", "Beach",
    "Field", "Fields", "Port", "Rivers", "Wood", "Woods", "Street", "Ford",
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
    event_words: HashSet<String>,
    product_heads: HashSet<String>,
    /// `location_words` in lower case: "Tarvel islands", "Marno region".
    place_heads: HashSet<String>,
    /// Common given names from the lexicon.
    given_names: HashSet<String>,
    /// Lower-case nouns that say a name next to them is an organisation ("news agency Mehr").
    organization_nouns: HashSet<String>,
    /// Trade nouns that name organisations and people alike ("producer").
    organization_or_person_nouns: HashSet<String>,
    /// The statistical recogniser, which types names that the words do not type.
    recognizer: Option<&'static Recognizer>,
    /// A party's word ("Democratic", "Tories") → the party's common name.
    party_words: HashMap<String, String>,
    /// Lower-case nouns after which a party's word names the party ("lawmakers").
    party_contexts: HashSet<String>,
    /// `title_modifiers` of the lexicon: a party's word among them ("Labor") is a portfolio
    /// before a title ("Labor Secretary").
    title_modifiers: HashSet<String>,
}

fn set(words: &[String]) -> HashSet<String> {
    words.iter().cloned().collect()
}

fn is_capitalised(word: &str) -> bool {
    word.starts_with(|c: char| c.is_uppercase()) && word.chars().any(char::is_alphabetic)
}

/// A model designation: capital letters, a hyphen, digits, perhaps a final letter ("AR-15",
/// "F-16", "S-400", "Su-27", "MiG-29").
fn is_designation(word: &str) -> bool {
    let Some((letters, number)) = word.split_once('-') else {
        return false;
    };
    let number = number.trim_end_matches(|c: char| c.is_ascii_uppercase());
    (1..=4).contains(&letters.chars().count())
        && letters.starts_with(|c: char| c.is_ascii_uppercase())
        && letters.chars().all(|c| c.is_ascii_alphabetic())
        && !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit())
}

/// Whether the lower-case end of a hyphenated word makes the word a modifier ("Oslo-based",
/// "Prize-winning", "state-run"), unlike the lower-case parts of names ("Ki-moon", "Jong-un").
fn is_compound_modifier(suffix: &str) -> bool {
    suffix.len() > 3 && (suffix.ends_with("ed") || suffix.ends_with("ing"))
        || matches!(
            suffix,
            "led" | "run" | "born" | "made" | "style" | "like" | "wide" | "era" | "bound" | "free"
        )
}

/// The label of a picture credit after a caption ("Ana Ruiz Image: Marlow Times"): no
/// part of the name before it.
fn is_caption_label(doc: &Document, i: usize) -> bool {
    matches!(
        doc.token_text(i),
        "Image" | "Photo" | "Picture" | "Video" | "Credit" | "Source"
    ) && i + 1 < doc.tokens.len()
        && doc.token_text(i + 1) == ":"
}

/// Whether token `i` is a lone word in double parentheses: the speaker's label of an
/// interview transcript ("((WN))", "((AR))"), the interviewer's initials rather than a name.
fn is_speaker_label(doc: &Document, i: usize) -> bool {
    let text = |k: usize| (k < doc.tokens.len()).then(|| doc.token_text(k));
    i >= 2
        && text(i - 1) == Some("(")
        && text(i - 2) == Some("(")
        && text(i + 1) == Some(")")
        && text(i + 2) == Some(")")
}

/// A Roman numeral of two letters or more ("II", "XIV"): a number, or the ordinal after a
/// name ("Elizabeth II"), never a name by itself.
fn is_roman_numeral(word: &str) -> bool {
    word.len() >= 2 && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// ISO 4217 codes of the most traded currencies, which news writes before amounts.
const CURRENCY_CODES: &[&str] = &[
    "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "CHF", "SEK", "NOK", "DKK", "AUD", "CAD", "NZD",
    "INR", "RUB", "BRL", "ZAR", "MXN", "KRW", "HKD", "SGD", "TRY", "PLN",
];

/// An amount written with its currency code ("GBP738", "USD910", "SEK9"): no name.
fn is_currency_amount(word: &str) -> bool {
    word.get(..3)
        .is_some_and(|code| CURRENCY_CODES.contains(&code))
        && word[3..].starts_with(|c: char| c.is_ascii_digit())
        && word[3..]
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
}

fn is_quote(word: &str) -> bool {
    matches!(word, "\"" | "“" | "”" | "'" | "‘" | "’")
}

fn is_possessive(word: &str) -> bool {
    matches!(word, "'s" | "’s" | "'" | "’")
}

fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The gazetteer strength from which a match is certain enough to stand against a longer
/// capitalised name around it.
const STRONG_GAZETTEER: f32 = 0.7;

impl MentionFinder {
    /// Whether the name ending before token `j` is followed by an apposition headed by an
    /// organisation noun: ", a Swiss drug maker.", ", the state-run broadcaster, said". The
    /// head is the last word of the noun phrase ("a party leader" is headed by "leader"; "a
    /// member of the party" stops at "of"), and the apposition must close there (after
    /// "According to Ana Ruiz, the party was" a clause goes on). Trade nouns that also name
    /// people ("producer") count only when `trade_nouns` says nothing reads the name as a
    /// person's.
    fn apposition_head_is_organization(
        &self,
        doc: &Document,
        j: usize,
        end: usize,
        trade_nouns: bool,
    ) -> bool {
        if j + 2 >= end
            || doc.token_text(j) != ","
            || !matches!(doc.token_text(j + 1), "a" | "an" | "the")
        {
            return false;
        }
        let mut head = None;
        for k in j + 2..end.min(j + 8) {
            let w = doc.token_text(k);
            let upos = doc.tokens[k].upos;
            let lower = w.chars().all(|c| c.is_lowercase() || c == '-');
            // ("Swiss", "US-based": adjectives that may be capitalised)
            let noun_phrase_word = (lower && matches!(upos, Upos::Noun | Upos::Adj))
                || (!lower && (upos == Upos::Adj || w.contains('-')));
            if !noun_phrase_word {
                break;
            }
            head = Some(k);
        }
        let Some(head) = head else {
            return false;
        };
        let closes = head + 1 >= end || {
            let next = &doc.tokens[head + 1];
            matches!(
                doc.token_text(head + 1),
                "," | "." | ";" | ":" | ")" | "that" | "which"
            ) || matches!(next.xpos.as_str(), "VBN" | "VBG")
        };
        let w = doc.token_text(head);
        closes
            && (self.organization_nouns.contains(w)
                || (trade_nouns && self.organization_or_person_nouns.contains(w)))
    }

    /// Builds the finder over the schema's gazetteers, titles and lexicon.
    pub fn new(schema: Arc<Schema>) -> Self {
        MentionFinder {
            gazetteer: GazetteerMatcher::new(&schema),
            titles: TitleMatcher::new(&schema),
            organization_words: set(&schema.lexicon.organization_words),
            location_words: set(&schema.lexicon.location_words),
            nominals: set(&schema.lexicon.organization_nominals),
            not_names: set(&schema.lexicon.not_names),
            event_words: set(&schema.lexicon.event_words),
            product_heads: set(&schema.lexicon.product_heads),
            given_names: set(&schema.lexicon.given_names),
            organization_nouns: set(&schema.lexicon.organization_nouns),
            organization_or_person_nouns: set(&schema.lexicon.organization_or_person_nouns),
            place_heads: schema
                .lexicon
                .location_words
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            recognizer: Recognizer::embedded().ok(),
            party_words: schema
                .lexicon
                .party_words
                .iter()
                .filter_map(|line| line.split_once(':'))
                .flat_map(|(party, words)| {
                    words
                        .split_whitespace()
                        .map(move |w| (w.to_string(), party.trim().to_string()))
                })
                .collect(),
            party_contexts: set(&schema.lexicon.party_contexts),
            title_modifiers: set(&schema.lexicon.title_modifiers),
        }
    }

    /// The finder without the statistical recogniser: names typed by their words and the
    /// gazetteers only.
    pub fn without_model(schema: Arc<Schema>) -> Self {
        MentionFinder {
            recognizer: None,
            ..MentionFinder::new(schema)
        }
    }

    /// Whether a sentence is written in headline case, where capitals say nothing about names:
    /// no final punctuation, and most longer words capitalised.
    fn is_headline_case(&self, doc: &Document, start: usize, end: usize) -> bool {
        let last_word = (start..end)
            .rev()
            .map(|i| doc.token_text(i))
            .find(|w| !matches!(*w, "\"" | "'" | "”" | "’" | ")"));
        // a sentence that ends in a full stop ("... in Washington D.C.") is no headline
        if last_word.is_some_and(|w| matches!(w, "!" | "?" | "..." | "…") || w.ends_with('.')) {
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

    /// Whether token `i` can continue a capitalised name: a capitalised word, or a name
    /// with a lower-case particle ("al-Bashir", "bin-Salman").
    fn continues_name(&self, doc: &Document, i: usize) -> bool {
        let w = doc.token_text(i);
        if is_caption_label(doc, i) {
            return false;
        }
        if let Some((particle, rest)) = w.split_once('-') {
            if NAME_CONNECTORS.contains(&particle) && is_capitalised(rest) {
                return true;
            }
        }
        is_capitalised(w) && !self.not_names.contains(w)
    }

    /// Whether a line break separates token `i` from the token before it: names never
    /// run across lines (a headline, a dateline, a caption).
    fn line_break_before(doc: &Document, i: usize) -> bool {
        i > 0 && doc.text[doc.tokens[i - 1].span.end..doc.tokens[i].span.start].contains('\n')
    }

    /// Whether a weak gazetteer match sits inside a longer capitalised name ("Jack
    /// Lincoln", "Paolo Di Santo"), which then decides what it is.
    fn inside_longer_name(
        &self,
        doc: &Document,
        m: &GazetteerMatch,
        start: usize,
        end: usize,
    ) -> bool {
        let before = m.tokens.0 > start && {
            let b = m.tokens.0 - 1;
            // "Former New York governor": a word of time before a title's place is no name
            !TIME_MODIFIERS.contains(&doc.token_text(b).to_lowercase().as_str())
                && self.continues_name(doc, b)
                && !(b == start && FUNCTION_WORDS.contains(&doc.token_text(b)))
                && self.titles.at(doc, b, m.tokens.0).is_none()
        };
        let after = m.tokens.1 < end
            && self.continues_name(doc, m.tokens.1)
            && self.titles.at(doc, m.tokens.1, end).is_none();
        // "Centre for Soils", "Harbour of Dorvale": a town named like a kind of body or
        // place, opening a name joined by "of" or "for"
        let last = doc.token_text(m.tokens.1 - 1);
        let of_name = m.tokens.1 + 1 < end
            && (self.is_organization_word(last) || self.location_words.contains(last))
            && matches!(doc.token_text(m.tokens.1), "of" | "for")
            && self.continues_name(doc, m.tokens.1 + 1);
        before || after || of_name
    }

    /// Acronyms that the document spells out in lower-case words ("exclusive economic zone
    /// (EEZ)"): abbreviations of common nouns, never names.
    fn common_noun_acronyms(&self, doc: &Document) -> HashSet<String> {
        let mut found = HashSet::new();
        for i in 1..doc.tokens.len().saturating_sub(1) {
            let w = doc.token_text(i);
            if doc.token_text(i - 1) != "(" || doc.token_text(i + 1) != ")" || !is_acronym(w) {
                continue;
            }
            let letters = super::names::acronym_letters(w).len();
            let from = (i - 1).saturating_sub(letters + 2);
            let before: Vec<&str> = (from..i - 1).map(|k| doc.token_text(k)).collect();
            let Some(last) = before.last() else { continue };
            if !last.chars().all(|c| c.is_lowercase() || c == '-') {
                continue;
            }
            let lower: Vec<&str> = before
                .iter()
                .rev()
                .take_while(|w| w.chars().all(|c| c.is_lowercase() || c == '-'))
                .copied()
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if (0..lower.len()).any(|k| super::names::acronym_matches(w, &lower[k..].join(" "))) {
                found.insert(w.to_string());
            }
        }
        found
    }

    fn find_in_sentence(
        &self,
        doc: &Document,
        s: usize,
        abbreviations: &HashSet<String>,
        out: &mut Vec<Mention>,
    ) {
        let (start, end) = doc.sentences[s].tokens;
        let headline = self.is_headline_case(doc, start, end);
        // the recogniser's entities, with document token indices
        let model: Vec<NerSpan> = match self.recognizer {
            Some(r) if !headline => {
                let words: Vec<&str> = (start..end).map(|i| doc.token_text(i)).collect();
                let hints = self.gazetteer.hints(doc, start, end);
                r.recognize(&words, &hints)
                    .into_iter()
                    .map(|s| NerSpan {
                        start: s.start + start,
                        end: s.end + start,
                        ..s
                    })
                    .collect()
            }
            _ => Vec::new(),
        };
        // which mention of `found` covers each token
        let mut covered: Vec<Option<usize>> = vec![None; end - start];
        let mut found: Vec<Mention> = Vec::new();
        let mut dropped: HashSet<usize> = HashSet::new();
        for m in self.gazetteer.find(doc, start, end) {
            let known = &self.gazetteer.entities()[m.entity];
            if self.place_starts_longer_name(doc, &m, known, end)
                || (!headline && self.place_ends_longer_name(doc, &m, known, start))
            {
                continue;
            }
            // "the Spanish language", "Arabic-language": a language, not its country
            if m.kind == FormKind::Demonym
                && m.tokens.1 < end
                && matches!(doc.token_text(m.tokens.1), "language" | "languages")
            {
                continue;
            }
            let is_name_form = matches!(m.kind, FormKind::Name | FormKind::Alias);
            // a weak form, or a person's name that goes on ("Juan Carlos Quispe")
            let overridable = known.strength < STRONG_GAZETTEER || known.entity_type.is("Person");
            // "news agency Mehr": a weak form after a noun that says what it is
            let typed_by_noun = m.tokens.0 > start
                && self
                    .organization_nouns
                    .contains(doc.token_text(m.tokens.0 - 1));
            if known.strength < STRONG_GAZETTEER && is_name_form && typed_by_noun {
                continue;
            }
            // a weak one-word form that is also a title ("Bishop", "Mayor") or a word that
            // opens sentences ("Most", "Many") is that word
            if known.strength < STRONG_GAZETTEER
                && is_name_form
                && m.tokens.1 == m.tokens.0 + 1
                && (self.titles.at(doc, m.tokens.0, end).is_some()
                    || (m.tokens.0 == start
                        && FUNCTION_WORDS.contains(&doc.token_text(m.tokens.0))))
            {
                continue;
            }
            if overridable
                && is_name_form
                && !headline
                && self.inside_longer_name(doc, &m, start, end)
            {
                continue;
            }
            // "Jim Paris", "Tom Holland": a place's name right after a listed given name, and
            // ending the capitalised run, is that person's surname
            let place = known.entity_type.is("Location")
                || known.entity_type.is("Country")
                || m.kind == FormKind::Capital;
            // ("Roman Egypt": a given name that is an adjective here)
            let after_given_name = m.tokens.0 > start
                && self.is_listed_given_name(doc.token_text(m.tokens.0 - 1))
                && doc.tokens[m.tokens.0 - 1].upos != Upos::Adj
                && covered[m.tokens.0 - 1 - start].is_none()
                && !(m.tokens.0 - 1 == start
                    && FUNCTION_WORDS.contains(&doc.token_text(m.tokens.0 - 1)));
            let run_ends = m.tokens.1 >= end || !is_capitalised(doc.token_text(m.tokens.1));
            if place
                && matches!(m.kind, FormKind::Name | FormKind::Alias | FormKind::Capital)
                && !headline
                && after_given_name
                && run_ends
            {
                continue;
            }
            // "National Security Council" is not the (UN) "Security Council": a known body's
            // name after a capitalised word of no other name is part of a longer name
            if known.entity_type.is("Organization")
                && is_name_form
                && !headline
                && m.tokens.0 > start
            {
                let b = m.tokens.0 - 1;
                let w = doc.token_text(b);
                if covered[b - start].is_none()
                    && self.continues_name(doc, b)
                    && !(b == start && FUNCTION_WORDS.contains(&w))
                    && self.titles.at(doc, b, m.tokens.0).is_none()
                {
                    continue;
                }
            }
            // "Environment Canada", "Statistics Norway": a country's name closing a body's
            // name that the recogniser reads whole, after capitalised words of no other name
            if known.entity_type.is("Country")
                && is_name_form
                && !headline
                && model.iter().any(|s| {
                    // ("Team Canada": a national team is its country)
                    s.entity_type == NerType::Organization
                        && s.confidence >= 0.9
                        && s.end == m.tokens.1
                        && s.start < m.tokens.0
                        && doc.token_text(s.start) != "Team"
                        && (s.start..m.tokens.0).all(|b| {
                            let w = doc.token_text(b);
                            covered[b - start].is_none()
                                && is_capitalised(w)
                                && !self.not_names.contains(w)
                                && !(b == start && FUNCTION_WORDS.contains(&w))
                                && self.titles.at(doc, b, m.tokens.0).is_none()
                                && self.gazetteer.lookup(w).is_none()
                        })
                })
            {
                continue;
            }
            let mention = self.gazetteer_mention(doc, &m, known);
            for c in &mut covered[m.tokens.0 - start..m.tokens.1 - start] {
                *c = Some(found.len());
            }
            found.push(mention);
        }
        let mut compounds: HashSet<usize> = HashSet::new();
        // "Israeli-Cypriot-Greek", "U.S.-Russian": each part of a hyphenated word that the
        // gazetteer knows is a mention of its own, on the same token
        for k in start..end {
            if covered[k - start].is_some() {
                continue;
            }
            let word = doc.token_text(k);
            let parts: Vec<&str> = word.split('-').collect();
            if parts.len() < 2 || parts.iter().any(|p| !is_capitalised(p)) {
                continue;
            }
            let known: Vec<Option<(usize, FormKind)>> =
                parts.iter().map(|p| self.gazetteer.lookup(p)).collect();
            if known.iter().all(Option::is_some) {
                // "China-Africa summit": a compound of known names names no third thing
                compounds.insert(k);
            }
            if known.iter().any(|k| {
                !k.is_some_and(|(e, kind)| {
                    matches!(kind, FormKind::Name | FormKind::Alias | FormKind::Demonym)
                        && self.gazetteer.entities()[e].entity_type.is("Country")
                })
            }) {
                continue;
            }
            let token_start = doc.tokens[k].span.start;
            let mut offset = 0;
            for (part, hit) in parts.iter().zip(known) {
                let (e, kind) = hit.expect("checked above");
                let known = &self.gazetteer.entities()[e];
                let m = GazetteerMatch {
                    tokens: (k, k + 1),
                    entity: e,
                    kind,
                };
                let mut mention = self.gazetteer_mention(doc, &m, known);
                mention.span =
                    crate::doc::Span::new(token_start + offset, token_start + offset + part.len());
                mention.text = part.to_string();
                found.push(mention);
                offset += part.len() + 1;
            }
            covered[k - start] = Some(found.len() - 1);
        }
        // "North and South Korea": the first half of a coordination names what the whole
        // name with its first word names
        for k in start..end.saturating_sub(2) {
            let weak_here = covered[k - start].filter(|&f| {
                found[f].tokens == (k, k + 1) && found[f].confidence < STRONG_GAZETTEER
            });
            if (covered[k - start].is_some() && weak_here.is_none())
                || !is_capitalised(doc.token_text(k))
                || !matches!(doc.token_text(k + 1), "and" | "or" | "&")
            {
                continue;
            }
            let Some(f) = covered[k + 2 - start] else {
                continue;
            };
            let other = &found[f];
            if other.tokens.0 != k + 2
                || other.tokens.1 - other.tokens.0 < 2
                || other.source != MentionSource::Gazetteer
            {
                continue;
            }
            let rest: Vec<&str> = (other.tokens.0 + 1..other.tokens.1)
                .map(|t| doc.token_text(t))
                .collect();
            let form = format!("{} {}", doc.token_text(k), rest.join(" "));
            let Some((e, kind)) = self.gazetteer.lookup_words(&form) else {
                continue;
            };
            let known = &self.gazetteer.entities()[e];
            let m = GazetteerMatch {
                tokens: (k, k + 1),
                entity: e,
                kind,
            };
            let mention = self.gazetteer_mention(doc, &m, known);
            if let Some(f) = weak_here {
                dropped.insert(f);
            }
            covered[k - start] = Some(found.len());
            found.push(mention);
        }
        let is_demonym_at = |covered: &[Option<usize>], found: &[Mention], k: usize| {
            covered[k - start].is_some_and(|f| {
                found[f].kind == MentionKind::Demonym && found[f].tokens == (k, k + 1)
            })
        };
        let mut i = start;
        while i < end {
            if covered[i - start].is_some()
                || !self.starts_name(doc, i, start)
                || compounds.contains(&i)
            {
                i += 1;
                continue;
            }
            // a run of capitalised words, possibly joined by connectors
            let mut j = i + 1;
            while j < end {
                if Self::line_break_before(doc, j) {
                    break;
                }
                let w = doc.token_text(j);
                if covered[j - start].is_none() && self.continues_name(doc, j) {
                    j += 1;
                    continue;
                }
                // "Royal Canadian Mounted Police", "Native American Rights Fund": one common
                // word, a demonym, and words that end in a body's word are one name (a word
                // of time or rank before them is none: "Former Russian Foreign Ministry ...")
                if j == i + 1 && is_demonym_at(&covered, &found, j) {
                    let left = doc.token_text(i);
                    let lower = left.to_lowercase();
                    let right_run = (j + 1..end)
                        .take_while(|&k| {
                            covered[k - start].is_none() && self.continues_name(doc, k)
                        })
                        .count();
                    let ends_in_body = (j + 1..=j + right_run)
                        .any(|k| self.is_organization_word(doc.token_text(k)));
                    let plain_word = self.recognizer.is_some_and(|r| r.is_common_word(left))
                        && !TIME_MODIFIERS.contains(&lower.as_str())
                        && !self.title_modifiers.contains(&lower)
                        && !self.titles.starts_title(&lower)
                        && !self.is_organization_word(left)
                        && !self.location_words.contains(left)
                        && !self.party_words.contains_key(left)
                        && !COMPASS_WORDS.contains(&left);
                    if ends_in_body && plain_word {
                        if let Some(f) = covered[j - start].take() {
                            dropped.insert(f);
                        }
                        j += 1 + right_run;
                        continue;
                    }
                }
                // "Commission on Presidential Debates", "Committee on Foreign Affairs": "on"
                // joins a deliberative body's word to the capitalised subject of its work
                if w == "on"
                    && ON_BODY_HEADS.contains(&doc.token_text(j - 1))
                    && j + 1 < end
                    && covered[j + 1 - start].is_none()
                    && self.continues_name(doc, j + 1)
                    && !is_acronym(doc.token_text(j + 1))
                    && doc.token_text(j + 1) != "The"
                {
                    j += 2;
                    continue;
                }
                if NAME_CONNECTORS.contains(&w) {
                    // "of the American Revolution": a demonym after a connector is part of the name
                    let mut k = j + 1;
                    if k < end && doc.token_text(k) == "the" && matches!(w, "of" | "for") {
                        k += 1;
                    }
                    // "Halvorsen of the NDP", "De La Fuente for the Reform Party", "Blues
                    // Incorporated for The Rolling Stones": "of" and "for" join the parts of
                    // one name only after a single word ("Sisters of"), an organisation's
                    // or a place's word ("Council for", "Gulf of") or a title ("Secretary of").
                    // Token `k` may lie past the sentence (and the document) when the
                    // connector ends it.
                    let joins = k < end
                        && (!matches!(w, "of" | "for") || {
                            let left_last = doc.token_text(j - 1);
                            let single = j - i == 1;
                            let headed = (i..j).any(|k| {
                                let w = doc.token_text(k);
                                self.is_organization_word(w) || self.location_words.contains(w)
                            }) || self.titles.starts_title(&left_last.to_lowercase());
                            (single || headed)
                                && !is_acronym(doc.token_text(k))
                                && doc.token_text(k) != "The"
                        });
                    if k < end && self.continues_name(doc, k) && joins {
                        if covered[k - start].is_none() {
                            j = k + 1;
                            continue;
                        }
                        if k > j + 1 && is_demonym_at(&covered, &found, k) {
                            if let Some(f) = covered[k - start].take() {
                                dropped.insert(f);
                            }
                            j = k + 1;
                            continue;
                        }
                    }
                }
                // "Department of Health and Human Services": "and" inside a name of more
                // than one word that is not a person's
                // ("House of Representatives Darin LaHood and Mike Bost" joins no names of
                // people)
                // ("London Harbour Board and London Fire Brigade", "Centre for Soils and
                // Centre for Water" are two: the right side opens a name of its own)
                let right_run = (j + 1..end)
                    .take_while(|&k| covered[k - start].is_none() && self.continues_name(doc, k))
                    .count();
                let right_body = (j + 1..j + 1 + right_run)
                    .any(|k| self.is_organization_word(doc.token_text(k)));
                let titled_name_at = |k: usize| {
                    k < end
                        && self.titles.at(doc, k, end).is_some_and(|t| {
                            t.tokens.1 < end
                                && doc.token_text(t.tokens.1).starts_with(char::is_uppercase)
                        })
                };
                let right_opens_name = j + 1 < end && {
                    let r = doc.token_text(j + 1);
                    r == doc.token_text(i)
                        || self.is_organization_word(r)
                        || self.location_words.contains(r)
                        || self.is_organization_word(doc.token_text(j - 1))
                        || self.location_words.contains(doc.token_text(j - 1))
                        || self.ends_in_known_place(doc, i, j)
                        // "… and Senator Ann Reed", "… and Republican Senator Ann Reed": a
                        // title before a name opens a person of its own
                        || titled_name_at(j + 1)
                        || titled_name_at(j + 2)
                };
                // "National Oceanic and Atmospheric Administration": a body's name on the
                // right makes the words on the left part of it, not a person
                let person_left = self.looks_like_person(doc, i, j)
                    && self.person_evidence(doc, i, j, &model)
                    && (!right_body || self.is_known_given_name(doc.token_text(i)));
                // ("Kobe Bryant and Denver Smith": two-word names with no body's or place's
                // word are two names, even when neither reads as a person's by itself)
                let left_body = (i..j).any(|k| {
                    let w = doc.token_text(k);
                    self.is_organization_word(w) || self.location_words.contains(w)
                });
                let pair_of_pairs = j - i == 2
                    && right_run == 2
                    && !left_body
                    && !right_body
                    && doc.token_text(i) != "The";
                // "Food and Drug Administration", "Peace and Freedom Party": one common word,
                // "and", and words that end in a body's word are one name ("Democrats and
                // Republican Party leaders" are two: a party's or a known word stands alone)
                let left_word = doc.token_text(i);
                let one_word_of_body = j - i == 1
                    && (right_body
                        || (j + 1..j + 1 + right_run)
                            .any(|k| self.location_words.contains(doc.token_text(k))))
                    && !self.is_organization_word(left_word)
                    && !self.location_words.contains(left_word)
                    && !self.party_words.contains_key(left_word)
                    && self.gazetteer.lookup(left_word).is_none()
                    && !self.is_known_given_name(left_word)
                    && !is_acronym(left_word)
                    && self.recognizer.is_some_and(|r| r.is_common_word(left_word));
                // "Bill & Melinda Gates Foundation", "Procter & Gamble": an ampersand joins
                // the parts of one name
                let ampersand = w == "&"
                    && j + 1 < end
                    && covered[j + 1 - start].is_none()
                    && self.continues_name(doc, j + 1)
                    && !right_opens_name;
                if ampersand {
                    j += 1;
                    continue;
                }
                if w == "and"
                    && (j - i >= 2 || one_word_of_body)
                    && !pair_of_pairs
                    && j + 1 < end
                    && covered[j + 1 - start].is_none()
                    && self.continues_name(doc, j + 1)
                    && !person_left
                    && !right_opens_name
                    && !self.is_known_given_name(doc.token_text(j + 1))
                    // ("Vice President and Harris": a title is no name to join)
                    && self.titles.at(doc, i, j).is_none_or(|t| t.tokens.1 != j)
                {
                    j += 1;
                    continue;
                }
                // "People's Liberation Army"
                if is_possessive(w)
                    && POSSESSIVE_NAME_WORDS.contains(&doc.token_text(j - 1))
                    && j + 1 < end
                    && covered[j + 1 - start].is_none()
                    && self.continues_name(doc, j + 1)
                {
                    j += 2;
                    continue;
                }
                // "Hawke's Bay", "Smith's Island": one word of no known name, its possessive
                // and a place's word that ends the name are one place
                if is_possessive(w)
                    && j == i + 1
                    && j + 1 < end
                    && covered[j + 1 - start].is_none()
                    && self.location_words.contains(doc.token_text(j + 1))
                    && (j + 2 >= end
                        || !(is_capitalised(doc.token_text(j + 2))
                            || NAME_CONNECTORS.contains(&doc.token_text(j + 2))))
                    && self.gazetteer.lookup(doc.token_text(i)).is_none()
                    && !self.is_known_given_name(doc.token_text(i))
                    && !(i == start && FUNCTION_WORDS.contains(&doc.token_text(i)))
                {
                    j += 2;
                    continue;
                }
                break;
            }
            let quoted = i > start
                && j < end
                && is_quote(doc.token_text(i - 1))
                && (is_quote(doc.token_text(j))
                    || (doc.token_text(j) == ","
                        && j + 1 < end
                        && is_quote(doc.token_text(j + 1))));
            if quoted {
                // a name that fills a quotation is a title or a nickname ("Bright Spark")
            } else if j == i + 1 && abbreviations.contains(doc.token_text(i)) {
                // "the Turkish EEZ": the abbreviation of a common noun
            } else if headline {
                // in headline case only names known from elsewhere in the article count
                for k in i..j {
                    if is_capitalised(doc.token_text(k)) {
                        let mut m = self.tentative(doc, k, k + 1);
                        m.confidence = 0.1;
                        found.push(m);
                    }
                }
            } else {
                self.name_run(doc, i, j, start, &model, &mut found);
            }
            i = j;
        }
        self.join_around_nicknames(doc, end, &mut found, &mut dropped);
        self.extend_campus_names(doc, end, &mut found, &mut dropped);
        // "Youth Forum Malawi": a country's name closing an organisation's name is part of it
        // ("CNN Philippines reported": a known body's name and a country's, and then a verb
        // or the end of the clause, name the body's branch in that country)
        let clause_goes_on = |k: usize| {
            k >= end
                || matches!(doc.token_text(k), "," | "." | ";" | ":" | ")")
                || matches!(doc.tokens[k].upos, Upos::Verb | Upos::Aux)
        };
        for f in 0..found.len() {
            let m = &found[f];
            let known_body = m.source == MentionSource::Gazetteer
                && m.kind == MentionKind::Name
                && m.entity_type.is("Organization")
                && !dropped.contains(&f)
                && covered[m.tokens.1.min(end - 1) - start].is_some_and(|c| {
                    found[c].tokens.0 == m.tokens.1 && clause_goes_on(found[c].tokens.1)
                });
            if (m.source != MentionSource::Pattern && !known_body)
                || !m.entity_type.is("Organization")
                || m.tentative
            {
                continue;
            }
            let next = m.tokens.1;
            let Some(c) = (next < end).then(|| covered[next - start]).flatten() else {
                continue;
            };
            let country = &found[c];
            let closes = country.tokens.0 == next
                && country.entity_type.is("Country")
                && country.kind == MentionKind::Name
                && country.stands_for.is_none()
                && !(country.tokens.1 < end && self.continues_name(doc, country.tokens.1));
            if closes && !dropped.contains(&c) {
                let (first, last) = (found[f].tokens.0, found[c].tokens.1);
                let span = doc.tokens_span(first, last);
                let m = &mut found[f];
                m.tokens = (first, last);
                m.span = span;
                m.text = doc.span_text(span).to_string();
                // the branch is a body of its own, not the known one
                m.source = MentionSource::Pattern;
                m.canonical = None;
                dropped.insert(c);
                for k in next..last {
                    covered[k - start] = Some(f);
                }
            }
        }
        // "United Nations General Assembly": a known body's name opening a longer
        // organisation name is part of it
        for f in 0..found.len() {
            let m = &found[f];
            if m.source != MentionSource::Gazetteer
                || !m.entity_type.is("Organization")
                || m.kind != MentionKind::Name
                || dropped.contains(&f)
            {
                continue;
            }
            let Some(g) = found.iter().position(|o| {
                o.tokens.0 == m.tokens.1
                    && o.source == MentionSource::Pattern
                    && o.entity_type.is("Organization")
                    && !o.tentative
            }) else {
                continue;
            };
            let (first, last) = (found[f].tokens.0, found[g].tokens.1);
            let span = doc.tokens_span(first, last);
            let m = &mut found[g];
            m.tokens = (first, last);
            m.span = span;
            m.text = doc.span_text(span).to_string();
            dropped.insert(f);
            for k in first..last {
                covered[k - start] = Some(g);
            }
        }
        self.bodies_of_countries(doc, start, end, &covered, &found.clone(), &mut found);
        // "the ministry", "the foreign ministry": a nominal that refers back to a named organisation
        for i in start + 1..end {
            let w = doc.token_text(i);
            if covered[i - start].is_some() || !self.nominals.contains(w) {
                continue;
            }
            let mut first = i;
            if doc.token_text(i - 1).chars().all(|c| c.is_lowercase())
                && i >= start + 2
                && !doc.token_text(i - 1).eq_ignore_ascii_case("the")
            {
                first = i - 1;
            }
            if !doc.token_text(first - 1).eq_ignore_ascii_case("the")
                || found
                    .iter()
                    .any(|m| m.tokens.0 < i + 1 && first < m.tokens.1)
            {
                continue;
            }
            let mut m = self.tentative(doc, first, i + 1);
            m.kind = MentionKind::Nominal;
            m.entity_type = EntityType::organization();
            found.push(m);
        }
        let mut found: Vec<Mention> = found
            .into_iter()
            .enumerate()
            .filter(|(k, _)| !dropped.contains(k))
            .map(|(_, m)| m)
            .collect();
        found.sort_by_key(|m| m.tokens);
        out.extend(found);
    }

    /// `Joaquín "El Chapo" Guzmán`: a quoted nickname between a given name and a surname
    /// splits no name; the person is named without it. The parts are names of no other
    /// type (a person's or untyped), the nickname one to three capitalised words.
    fn join_around_nicknames(
        &self,
        doc: &Document,
        end: usize,
        found: &mut Vec<Mention>,
        dropped: &mut HashSet<usize>,
    ) {
        let personal = |m: &Mention| {
            m.kind == MentionKind::Name
                && (m.tentative || m.entity_type.is("Person"))
                && m.tokens.1 - m.tokens.0 <= 3
        };
        for a in 0..found.len() {
            if dropped.contains(&a) || !personal(&found[a]) {
                continue;
            }
            let open = found[a].tokens.1;
            if open + 2 >= end || !is_quote(doc.token_text(open)) {
                continue;
            }
            let nickname = (open + 1..end)
                .take_while(|&k| is_capitalised(doc.token_text(k)))
                .count();
            let close = open + 1 + nickname;
            if !(1..=3).contains(&nickname) || close + 1 >= end || !is_quote(doc.token_text(close))
            {
                continue;
            }
            let Some(b) = (0..found.len()).find(|&b| {
                !dropped.contains(&b) && found[b].tokens.0 == close + 1 && personal(&found[b])
            }) else {
                continue;
            };
            // (a given name first: "Ana" of a list of nicknames is no person's first word)
            let first = doc.token_text(found[a].tokens.0);
            if !self.is_known_given_name(first) && !found[a].entity_type.is("Person") {
                continue;
            }
            let (first_token, last_token) = (found[a].tokens.0, found[b].tokens.1);
            // (`Matiu "Matt" Ratana`: a nickname that is a given name is the one the article
            // goes on using, "Matt Ratana"; "El Chapo" is not)
            let nickname_text = doc.token_text(open + 1);
            let given = if nickname == 1 && self.is_known_given_name(nickname_text) {
                nickname_text.to_string()
            } else {
                found[a].text.clone()
            };
            let text = format!("{given} {}", found[b].text);
            let span = doc.tokens_span(first_token, last_token);
            for (k, m) in found.iter().enumerate() {
                if m.tokens.0 >= first_token && m.tokens.1 <= last_token {
                    dropped.insert(k);
                }
            }
            found.push(Mention {
                tokens: (first_token, last_token),
                span,
                text,
                entity_type: EntityType::person(),
                kind: MentionKind::Name,
                source: MentionSource::Pattern,
                canonical: None,
                stands_for: None,
                tentative: false,
                entity: None,
                confidence: 0.6,
            });
        }
    }

    /// "University of Colorado at Boulder": a university's name, "at" and a known place
    /// that ends the capitalised words name one body, its campus in that place.
    fn extend_campus_names(
        &self,
        doc: &Document,
        end: usize,
        found: &mut [Mention],
        dropped: &mut HashSet<usize>,
    ) {
        const CAMPUS_BODIES: &[&str] = &["University", "College", "Institute"];
        for f in 0..found.len() {
            let m = &found[f];
            let at = m.tokens.1;
            if dropped.contains(&f)
                || !m.entity_type.is("Organization")
                || m.kind != MentionKind::Name
                || !CAMPUS_BODIES.contains(&doc.token_text(m.tokens.0))
                || at + 1 >= end
                || doc.token_text(at) != "at"
            {
                continue;
            }
            let Some(p) = (0..found.len()).find(|&p| {
                let o = &found[p];
                !dropped.contains(&p)
                    && o.tokens.0 == at + 1
                    && o.source == MentionSource::Gazetteer
                    && o.kind == MentionKind::Name
                    && (o.entity_type.is("Location") || o.stands_for.is_some())
                    && (o.tokens.1 >= end || !is_capitalised(doc.token_text(o.tokens.1)))
            }) else {
                continue;
            };
            let last = found[p].tokens.1;
            let span = doc.tokens_span(found[f].tokens.0, last);
            let m = &mut found[f];
            m.tokens.1 = last;
            m.span = span;
            m.text = doc.span_text(span).to_string();
            m.source = MentionSource::Pattern;
            m.canonical = None;
            dropped.insert(p);
        }
    }

    /// The mention of a gazetteer match.
    fn gazetteer_mention(
        &self,
        doc: &Document,
        m: &GazetteerMatch,
        known: &KnownEntity,
    ) -> Mention {
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
        Mention {
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
            confidence: known.strength,
        }
    }

    /// The mention of the known name inside a hyphenated modifier at token `i` ("Oslo" of
    /// "Oslo-based"), if the gazetteer knows it.
    fn known_modifier_head(&self, doc: &Document, i: usize, out: &mut Vec<Mention>) {
        let word = doc.token_text(i);
        let Some((head, _)) = word.rsplit_once('-') else {
            return;
        };
        let Some((e, kind)) = self.gazetteer.lookup(head) else {
            return;
        };
        let known = &self.gazetteer.entities()[e];
        let m = GazetteerMatch {
            tokens: (i, i + 1),
            entity: e,
            kind,
        };
        let mut mention = self.gazetteer_mention(doc, &m, known);
        let token_start = doc.tokens[i].span.start;
        mention.span = crate::doc::Span::new(token_start, token_start + head.len());
        mention.text = head.to_string();
        if kind == FormKind::Capital {
            // a capital in a modifier is the place ("Oslo-based"), never its government
            mention.canonical = Some(head.to_string());
            mention.stands_for = None;
        }
        out.push(mention);
    }

    /// Government bodies named through their country in lower case: "Lima's foreign
    /// ministry", "the Russian defense ministry". The body is named with the country's
    /// demonym ("Peruvian Foreign Ministry").
    fn bodies_of_countries(
        &self,
        doc: &Document,
        start: usize,
        end: usize,
        covered: &[Option<usize>],
        gazetteer: &[Mention],
        out: &mut Vec<Mention>,
    ) {
        for m in gazetteer
            .iter()
            .filter(|m| m.source == MentionSource::Gazetteer)
        {
            let country = match (&m.stands_for, m.entity_type.is("Country")) {
                (Some(c), _) => c.clone(),
                (None, true) => match &m.canonical {
                    Some(c) => c.clone(),
                    None => continue,
                },
                _ => continue,
            };
            let mut k = m.tokens.1;
            if k < end && is_possessive(doc.token_text(k)) {
                k += 1;
            }
            let body_start = k;
            let mut words = Vec::new();
            while k < end && words.len() < 3 {
                let w = doc.token_text(k);
                if covered[k - start].is_some() || !w.chars().all(|c| c.is_lowercase()) {
                    break;
                }
                words.push(w);
                k += 1;
                if BODY_HEADS.contains(&w) {
                    break;
                }
            }
            if !words.last().is_some_and(|w| BODY_HEADS.contains(w)) {
                continue;
            }
            let Some(demonym) = self
                .gazetteer
                .entities()
                .iter()
                .find(|e| e.name == country && e.entity_type.is("Country"))
                .and_then(|e| e.demonym.clone())
            else {
                continue;
            };
            let name = std::iter::once(demonym)
                .chain(words.iter().map(|w| title_case(w)))
                .collect::<Vec<_>>()
                .join(" ");
            let span = doc.tokens_span(body_start, k);
            out.push(Mention {
                tokens: (body_start, k),
                span,
                text: doc.span_text(span).to_string(),
                entity_type: EntityType::organization(),
                kind: MentionKind::Name,
                source: MentionSource::Pattern,
                canonical: Some(name),
                stands_for: None,
                tentative: false,
                entity: None,
                confidence: 0.6,
            });
        }
    }

    /// Whether a place name opens a longer capitalised name of a place or an organisation
    /// ("Marno Region", "Lagos University"); then the longer name is the mention.
    fn place_starts_longer_name(
        &self,
        doc: &Document,
        m: &GazetteerMatch,
        known: &KnownEntity,
        end: usize,
    ) -> bool {
        let is_place = known.entity_type.is("Location") || m.kind == FormKind::Capital;
        if !is_place || !matches!(m.kind, FormKind::Name | FormKind::Alias | FormKind::Capital) {
            return false;
        }
        (m.tokens.1..end)
            .map(|k| doc.token_text(k))
            .take_while(|w| is_capitalised(w))
            .any(|w| self.is_organization_word(w) || self.location_words.contains(w))
    }

    /// Whether a known place (not a country by its name) ends the name of an organisation:
    /// "University of Geneva", "Council of Europe", "Imperial College London".
    fn place_ends_longer_name(
        &self,
        doc: &Document,
        m: &GazetteerMatch,
        known: &KnownEntity,
        start: usize,
    ) -> bool {
        let is_place = known.entity_type.is("Location") || m.kind == FormKind::Capital;
        if !is_place || !matches!(m.kind, FormKind::Name | FormKind::Alias | FormKind::Capital) {
            return false;
        }
        // "University of the South Pacific": a compass word before the place is the name's
        let mut first = m.tokens.0;
        if first >= start + 4 && COMPASS_WORDS.contains(&doc.token_text(first - 1)) {
            first -= 1;
        }
        // "University of Geneva", "Bank for Tarvel": an organisation word, then of/for
        // ("University of the South Pacific": "the" may stand between)
        let first_after_the = if first >= start + 3 && doc.token_text(first - 1) == "the" {
            first - 1
        } else {
            first
        };
        let (head, joined) = if first_after_the >= start + 2
            && matches!(doc.token_text(first_after_the - 1), "of" | "for")
        {
            (first_after_the - 2, true)
        } else if first >= start + 2 && matches!(doc.token_text(first - 1), "of" | "for") {
            (first - 2, true)
        } else if first > start {
            (first - 1, false)
        } else {
            return false;
        };
        let word = doc.token_text(head);
        if !is_capitalised(word) || !self.is_organization_word(word) {
            return false;
        }
        // "Imperial College London" (no connector): only a place, and only where the name ends
        let sentence_end = doc.sentences[doc.tokens[first].sentence].tokens.1;
        let ends_name = m.tokens.1 >= sentence_end || !is_capitalised(doc.token_text(m.tokens.1));
        joined || (is_place && ends_name)
    }

    /// Whether the capitalised words `i..j` end in a place the gazetteer knows
    /// ("University of Dorvale"): such a name is complete, and "and" after it opens
    /// another ("University of Dorvale and Marlow Institute" are two).
    fn ends_in_known_place(&self, doc: &Document, i: usize, j: usize) -> bool {
        (j.saturating_sub(3).max(i + 1)..j).any(|k| {
            let form = (k..j)
                .map(|x| doc.token_text(x))
                .collect::<Vec<_>>()
                .join(" ");
            self.gazetteer.lookup_words(&form).is_some_and(|(e, kind)| {
                let t = &self.gazetteer.entities()[e].entity_type;
                (t.is("Location") || t.is("Country"))
                    && matches!(kind, FormKind::Name | FormKind::Alias | FormKind::Capital)
            })
        })
    }

    /// "Georgia" is the U.S. state, not the country, in an article that names another
    /// subdivision of the United States ("Texas") or writes it after a place ("Macon,
    /// Georgia"), unless the article also speaks of the country by its demonym, capital or
    /// metonym ("Georgian", "Tbilisi").
    fn subdivisions_named_like_countries(&self, doc: &Document, mentions: &mut [Mention]) {
        let entities = self.gazetteer.entities();
        let entry_of = |m: &Mention| {
            m.canonical
                .as_deref()
                .and_then(|c| self.gazetteer.lookup_words(c))
                .map(|(e, _)| e)
        };
        for idx in 0..mentions.len() {
            let m = &mentions[idx];
            if m.source != MentionSource::Gazetteer
                || m.kind != MentionKind::Name
                || !m.entity_type.is("Country")
            {
                continue;
            }
            let Some(country) = entry_of(m) else {
                continue;
            };
            let Some(place) = self.gazetteer.place_homonym(country) else {
                continue;
            };
            let country_name = &entities[country].name;
            let owner = entities[place].country.as_deref();
            let country_named_otherwise = mentions.iter().any(|o| {
                o.stands_for.as_deref() == Some(country_name.as_str())
                    || (o.canonical.as_deref() == Some(country_name.as_str())
                        && o.kind != MentionKind::Name)
            });
            if country_named_otherwise {
                continue;
            }
            let sibling_named = mentions.iter().any(|o| {
                o.source == MentionSource::Gazetteer
                    && o.entity_type.is("Location")
                    && entry_of(o)
                        .is_some_and(|e| e != place && entities[e].country.as_deref() == owner)
            });
            let after_a_place = m.tokens.0 >= 2
                && doc.token_text(m.tokens.0 - 1) == ","
                && mentions
                    .iter()
                    .any(|o| o.tokens.1 == m.tokens.0 - 1 && o.entity_type.is("Location"));
            if sibling_named || after_a_place {
                let m = &mut mentions[idx];
                m.entity_type = EntityType::location();
                m.canonical = Some(entities[place].name.clone());
            }
        }
    }

    /// Whether token `i` can open a name.
    fn starts_name(&self, doc: &Document, i: usize, sentence_start: usize) -> bool {
        let w = doc.token_text(i);
        if is_caption_label(doc, i)
            || is_roman_numeral(w)
            || is_currency_amount(w)
            || is_speaker_label(doc, i)
        {
            return false;
        }
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

    /// The type and confidence the recogniser gives to a name of unknown type at tokens
    /// `i..j` (its span must be exactly these tokens).
    ///
    /// The recogniser only types what the words leave open, and a lone word only as a place,
    /// organisation or product: in news a person is named in full before a surname stands
    /// alone, and a lone word that joins no full name is more often a people or an ideology
    /// ("Yazidi", "Marxism") than a person.
    fn model_type(&self, model: &[NerSpan], i: usize, j: usize) -> Option<(EntityType, f32)> {
        let span = model.iter().find(|s| s.start == i && s.end == j)?;
        let single = j - i == 1;
        let needed = if single { 0.7 } else { 0.5 };
        if span.confidence < needed || (single && span.entity_type == NerType::Person) {
            return None;
        }
        let t = match span.entity_type {
            NerType::Person => EntityType::person(),
            NerType::Organization => EntityType::organization(),
            NerType::Location => EntityType::location(),
            NerType::Product => EntityType::product(),
        };
        Some((t, span.confidence))
    }

    /// Whether tokens `i..j` read as a person's name: one to four capitalised words with no
    /// organisation or place word.
    /// Whether a word marks an organisation's name, in the singular or the plural
    /// ("Department", "Departments").
    fn is_organization_word(&self, word: &str) -> bool {
        self.organization_words.contains(word)
            || word
                .strip_suffix('s')
                .is_some_and(|w| self.organization_words.contains(w))
    }

    /// Whether capitalised words that could be a person's name are one: "The" never opens
    /// one ("The Yardbirds"); a known given name ("Anna Berg"), a title or "Mr." before it,
    /// a known surname, or the recogniser's reading make it one. Without any of these, two
    /// capitalised words are as often a band, a park or an event ("Six Flags", "Hurricane
    /// Dorian").
    fn person_evidence(&self, doc: &Document, i: usize, j: usize, model: &[NerSpan]) -> bool {
        let first = doc.token_text(i);
        if first == "The" {
            return false;
        }
        let sentence_start = doc.sentences[doc.tokens[i].sentence].tokens.0;
        let is_given = |w: &str| self.is_known_given_name(w);
        // "Jean-Yves": a given name of given names
        let given = is_given(first)
            || (first.contains('-') && first.split('-').all(|p| !p.is_empty() && is_given(p)));
        // "Le Drian", "Di Maio", "al-Bashir": a particle inside the name
        let particle = (i + 1..j).any(|k| {
            let w = doc.token_text(k);
            NAME_CONNECTORS.contains(&w.to_lowercase().as_str()) && w != "of" && w != "for"
                || w.split_once('-')
                    .is_some_and(|(p, _)| NAME_CONNECTORS.contains(&p))
        });
        // "the company's chairman, Ana Ruiz": a title set off by a comma
        let title_end = if i > sentence_start + 1 && doc.token_text(i - 1) == "," {
            i - 1
        } else {
            i
        };
        let titled = (title_end.saturating_sub(4).max(sentence_start)..title_end).any(|k| {
            self.titles
                .at(doc, k, title_end)
                .is_some_and(|t| t.tokens.1 == title_end)
        }) || (i > sentence_start
            && matches!(
                doc.token_text(i - 1),
                "Mr." | "Mrs." | "Ms." | "Dr." | "Mr" | "Mrs" | "Ms" | "Dr" | "Sir" | "Dame"
            ));
        let surname = self.gazetteer.is_person_surname(doc.token_text(j - 1));
        // "Ana Ruiz of the Harbour Trust": the recogniser may read the body into the name
        let read = model.iter().any(|s| {
            s.start == i
                && s.entity_type == NerType::Person
                && (s.end == j || (s.end > j + 1 && doc.token_text(j) == "of"))
        });
        given
            || particle
            || titled
            || surname
            || read
            || self.appositive_title(doc, i, j)
            || self.coordinated_with_person(doc, i, j)
            || self.recognizer.is_none()
    }

    /// Whether the name at tokens `i..j` is listed with a person's name that opens with a
    /// known given name ("Brit Hale and Chris Wallace", "Dejen Tola or Anna Mengor"): the
    /// members of a coordination are of one kind.
    fn coordinated_with_person(&self, doc: &Document, i: usize, j: usize) -> bool {
        let (sentence_start, sentence_end) = doc.sentences[doc.tokens[i].sentence].tokens;
        // (the lexicon's and the gazetteers' given names only: the recogniser's are noisier)
        let person_at = |k: usize| {
            k + 2 <= sentence_end
                && self.is_listed_given_name(doc.token_text(k))
                && is_capitalised(doc.token_text(k + 1))
                && self.looks_like_person(doc, k, k + 2)
        };
        // ("the next Space Telescope, James Webb": a comma may set off an apposition)
        let joiner = |k: usize| matches!(doc.token_text(k), "and" | "or");
        if j - i > 3 || FUNCTION_WORDS.contains(&doc.token_text(i)) {
            return false;
        }
        let after = j + 1 < sentence_end && joiner(j) && person_at(j + 1);
        let before = i >= sentence_start + 3 && joiner(i - 1) && person_at(i - 3);
        after || before
    }

    /// Whether a title stands in apposition to the name at tokens `i..j`: after it ("Ana
    /// Ruiz, the mayor of Dorvale, said") or before it with the body or place it is of
    /// ("the mayor of Dorvale, Ana Ruiz, said"). Places and bodies are not given titles so.
    fn appositive_title(&self, doc: &Document, i: usize, j: usize) -> bool {
        let (sentence_start, sentence_end) = doc.sentences[doc.tokens[i].sentence].tokens;
        let lower_word = |k: usize| {
            let w = doc.token_text(k);
            w.chars().all(|c| c.is_lowercase() || c == '-') && w.chars().any(char::is_alphabetic)
        };
        // after: ", the mayor", ", a spokesperson for", ", its former chief executive"
        let after = j + 1 < sentence_end && doc.token_text(j) == "," && {
            let from = j + 1;
            (from..(from + 4).min(sentence_end)).any(|k| {
                (from..k).all(lower_word)
                    && self.titles.at(doc, k, sentence_end).is_some_and(|t| {
                        // ("Dorvale, the president's hometown", "in Dorvale, the president
                        // said": a title that owns a noun or does something is no apposition)
                        t.tokens.1 >= sentence_end
                            || matches!(
                                doc.token_text(t.tokens.1),
                                "of" | "for" | "at" | "in" | "," | "." | ")" | "and" | "who"
                            )
                    })
            })
        };
        // before: "the mayor of Dorvale, Ana Ruiz" (the name closes the apposition)
        let closes = j >= sentence_end || matches!(doc.token_text(j), "," | "." | ")");
        let before = closes
            && i >= sentence_start + 3
            && doc.token_text(i - 1) == ","
            && (i.saturating_sub(9).max(sentence_start)..i - 2).any(|k| {
                self.titles.at(doc, k, i - 1).is_some_and(|t| {
                    let of = t.tokens.1;
                    of + 1 < i - 1
                        && matches!(doc.token_text(of), "of" | "for" | "at")
                        && (of + 1..i - 1).all(|x| {
                            let w = doc.token_text(x);
                            is_capitalised(w) || matches!(w, "the" | "of" | "and" | "for")
                        })
                })
            });
        after || before
    }

    /// Where a person's name starts after one or two capitalised words that describe the
    /// person ("Democrat Ana Ruiz"): the recogniser reads a person from there to the end of
    /// the run, the name has a given name or a sure reading, and the words before it are
    /// no part of a body's or a place's name.
    fn person_after_descriptor(
        &self,
        doc: &Document,
        i: usize,
        j: usize,
        model: &[NerSpan],
    ) -> Option<usize> {
        let span = model.iter().find(|s| {
            s.entity_type == NerType::Person && s.end == j && s.start > i && s.start <= i + 2
        })?;
        let k = span.start;
        let sure = self.is_known_given_name(doc.token_text(k)) || span.confidence >= 0.9;
        let plain = (i..k).all(|x| {
            let w = doc.token_text(x);
            is_capitalised(w)
                && !NAME_CONNECTORS.contains(&w)
                && !self.is_organization_word(w)
                && !self.location_words.contains(w)
                && !w.ends_with("'s")
        });
        // ("Roman Catholic Pope Tarvel": a title after the words stays a title)
        let titled = self.titles.at(doc, k, j).is_some();
        (j - k >= 2 && sure && plain && !titled && self.looks_like_person(doc, k, j)).then_some(k)
    }

    /// Whether a word opens a person's name in the gazetteers or the recogniser's training
    /// data ("Vladimir", "Anna").
    fn is_known_given_name(&self, word: &str) -> bool {
        self.is_listed_given_name(word) || self.recognizer.is_some_and(|r| r.is_given_name(word))
    }

    /// Whether a word is a given name of the lexicon or the gazetteers (not the recogniser's
    /// training data, which is noisier).
    fn is_listed_given_name(&self, word: &str) -> bool {
        self.given_names.contains(word) || self.gazetteer.is_given_name(word)
    }

    fn looks_like_person(&self, doc: &Document, i: usize, j: usize) -> bool {
        let titled = (i.saturating_sub(3)..i)
            .any(|k| self.titles.at(doc, k, i).is_some_and(|t| t.tokens.1 == i));
        (1..=4).contains(&(j - i))
            && (i..j).all(|k| {
                let w = doc.token_text(k);
                // ("Queen Elizabeth II", "Pope Benedict XVI": a regnal number closes the
                // name of a titled monarch or pope, unlike a sequel's, "Rocky II")
                let regnal = k + 1 == j && k > i && is_roman_numeral(w) && titled;
                (self.continues_name(doc, k) || NAME_CONNECTORS.contains(&w))
                    && !NON_PERSON_CONNECTORS.contains(&w)
                    && (!is_acronym(w) || regnal)
                    && !self.is_organization_word(w)
                    && !self.location_words.contains(w)
                    && !NEVER_IN_PERSON_NAMES.contains(&w)
            })
    }

    /// Turns a run of capitalised tokens into mentions: titles are cut off wherever they
    /// stand, and the type of each part is read off its words.
    fn name_run(
        &self,
        doc: &Document,
        mut i: usize,
        j: usize,
        sentence_start: usize,
        model: &[NerSpan],
        out: &mut Vec<Mention>,
    ) {
        // "and" that joined no second name is no part of the first
        let mut j = j;
        while j > i + 1 && matches!(doc.token_text(j - 1), "and" | "or" | "&") {
            j -= 1;
        }
        // "MV Alan Kurdi", "HMS Defender": a ship's prefix names a vessel with every word
        // after it, titles included ("MV Professor Albrecht Penck")
        if j > i + 1 && SHIP_PREFIXES.contains(&doc.token_text(i)) {
            let mut ship = self.tentative(doc, i, j);
            ship.entity_type = EntityType::product();
            ship.tentative = false;
            ship.confidence = 0.6;
            out.push(ship);
            return;
        }
        // leading titles are not part of names ("President Vladimir Putin"), nor the
        // connectors after them ("CEO of the Harbour Trust")
        let mut title_of_body = false;
        loop {
            let title_end = match (i < j).then(|| self.titles.at(doc, i, j)).flatten() {
                Some(t) => t.tokens.1,
                // "Prime Ministers", "Members of Parliament": a title in the plural
                None if i < j && self.titles.plural_at(doc, i, j).is_some() => self
                    .titles
                    .plural_at(doc, i, j)
                    .expect("checked in the guard"),
                // "Commanders of the People's Liberation Army": a title in the plural
                None if i + 1 < j
                    && matches!(doc.token_text(i + 1), "of" | "for")
                    && doc
                        .token_text(i)
                        .strip_suffix('s')
                        .is_some_and(|w| self.titles.starts_title(&w.to_lowercase())) =>
                {
                    i + 1
                }
                None => break,
            };
            let mut rest = title_end;
            while rest < j && matches!(doc.token_text(rest), "of" | "for" | "the" | "at") {
                rest += 1;
            }
            // "General Assembly" is no title before a name: only cut a title before a
            // person, a body ("CEO of the Harbour Trust") or nothing
            let before_body = rest > title_end;
            if rest < j && !before_body && !self.looks_like_person(doc, rest, j) {
                break;
            }
            title_of_body |= before_body;
            i = rest;
        }
        if i >= j {
            return;
        }
        // a word naming a title's portfolio before it: "Commerce Secretary Ada Brenner"
        if i + 2 < j && !title_of_body {
            let w = doc.token_text(i);
            let portfolio = !self.is_known_given_name(w)
                && !self.is_organization_word(w)
                && !self.location_words.contains(w)
                && !NAME_CONNECTORS.contains(&w);
            if let Some(t) = self.titles.at(doc, i + 1, j).filter(|_| portfolio) {
                if t.tokens.1 < j && self.looks_like_person(doc, t.tokens.1, j) {
                    i = t.tokens.1;
                }
            }
        }
        // "Mayor of Dorvale Piotr Wenzel", "Minister of Information Ana Ruiz": after a title
        // of a body, the body's name and then its holder's, where a person's name begins
        if title_of_body {
            let holder = (i + 1..j.saturating_sub(1)).find(|&k| {
                self.looks_like_person(doc, k, j)
                    && (self.is_known_given_name(doc.token_text(k))
                        || (k + 1..j).any(|x| {
                            doc.token_text(x)
                                .split_once('-')
                                .is_some_and(|(p, _)| NAME_CONNECTORS.contains(&p))
                        }))
            });
            if holder.is_none() {
                // "Bishop of Sao Jorge": what a title is of is a body or a place, never a person
                let before = out.len();
                self.typed_name(doc, i, j, sentence_start, model, out);
                for m in &mut out[before..] {
                    if m.tokens.0 == i
                        && m.tokens.1 >= j
                        && m.entity_type.is("Person")
                        && !self.is_known_given_name(doc.token_text(i))
                    {
                        m.entity_type = EntityType::location();
                    }
                }
                return;
            }
            if let Some(k) = holder {
                // a lone common word is the office's field, not a body ("Information")
                let field = k == i + 1
                    && self
                        .recognizer
                        .is_some_and(|r| r.is_common_word(doc.token_text(i)));
                if !field {
                    self.typed_name(doc, i, k, sentence_start, model, out);
                }
                let mut person = self.tentative(doc, k, j);
                person.tentative = false;
                person.confidence = 0.6;
                out.push(person);
                return;
            }
        }
        // a common noun used as a title before a name: "Moderator Chris Wallace", "Technical
        // Officer Chris Wright" (words the training text mostly writes in lower case)
        let mut k = i;
        while k + 2 < j
            && self
                .recognizer
                .is_some_and(|r| r.is_common_word(doc.token_text(k)))
            && doc.token_text(k) != "The"
        {
            k += 1;
        }
        if k > i && self.looks_like_person(doc, k, j) && self.is_known_given_name(doc.token_text(k))
        {
            i = k;
        }
        // a capitalised word that describes a person before the name: "Democrat Ana Ruiz",
        // "Socialist Piotr Wenzel" (the recogniser reads the name without it); a known name
        // there is its own mention ("Tarvel Piotr Wenzel" in lists of candidates by state)
        if let Some(k) = self.person_after_descriptor(doc, i, j, model) {
            // ("CNN Ana Ruiz": a body's name before a person's name is a mention of its own)
            let prefix = (i..k)
                .map(|x| doc.token_text(x))
                .collect::<Vec<_>>()
                .join(" ");
            let read = model
                .iter()
                .any(|s| s.start == i && s.end == k && s.entity_type != NerType::Person);
            if self.gazetteer.lookup_words(&prefix).is_some()
                || read
                || (k == i + 1 && is_acronym(doc.token_text(i)))
            {
                self.typed_name(doc, i, k, sentence_start, model, out);
            }
            i = k;
        }
        // a party member's noun before a name: "Democrat Ruiz", "Republican Ana Ruiz" (the
        // person, not the party, is named)
        if j > i + 1
            && PARTY_MEMBER_NOUNS.contains(&doc.token_text(i))
            && self.looks_like_person(doc, i + 1, j)
        {
            i += 1;
        }
        // a sentence-initial verb or adverb before a name: "Regarding Lind", "Meanwhile
        // Haldane", "Added Harbour Trust director ..." (by its ending, or by the tagger)
        let first = doc.token_text(i);
        let not_a_name_word = matches!(
            doc.tokens[i].upos,
            Upos::Verb | Upos::Adv | Upos::Aux | Upos::Adp | Upos::Sconj | Upos::Pron | Upos::Det
        ) && !self.is_known_given_name(first);
        if i == sentence_start
            && first.chars().skip(1).all(|c| c.is_lowercase())
            && (not_a_name_word || (j > i + 1 && (first.ends_with("ing") || first.ends_with("ly"))))
        {
            if j == i + 1 {
                return;
            }
            i += 1;
        }
        // a surname that is also a title ("Ana Mayor", "Piotr Bishop"): the recogniser
        // reads the whole run as one person's name
        let surname_is_title = j == i + 2
            && model.iter().any(|s| {
                s.start == i
                    && s.end == j
                    && s.entity_type == NerType::Person
                    && s.confidence >= 0.9
            })
            && self.looks_like_person(doc, i, j);
        // a title inside the run: "Peruvian President Juan Carlos Quispe",
        // "Harbour Trust Chief Executive Ada Brenner"
        for k in i + 1..j {
            if NAME_CONNECTORS.contains(&doc.token_text(k - 1)) || surname_is_title {
                continue; // "House of Representatives" is no title
            }
            if let Some(t) = self.titles.at(doc, k, j) {
                let holder_follows = t.tokens.1 < j && self.looks_like_person(doc, t.tokens.1, j);
                if holder_follows || t.tokens.1 == j {
                    self.typed_name(doc, i, k, sentence_start, model, out);
                    if holder_follows {
                        self.name_run(doc, t.tokens.1, j, sentence_start, model, out);
                    }
                    return;
                }
                // "Legal Director of the Electronic Frontier Foundation", "Senior Staff
                // Attorney of ...": common words that qualify a title, the title, and the
                // body it is of; only the body is a name
                let mut rest = t.tokens.1;
                while rest < j && matches!(doc.token_text(rest), "of" | "for" | "the" | "at") {
                    rest += 1;
                }
                let qualifiers_only = (i..k).all(|x| {
                    let w = doc.token_text(x);
                    self.recognizer.is_some_and(|r| r.is_common_word(w))
                        && !self.is_organization_word(w)
                        && !self.location_words.contains(w)
                        && self.gazetteer.lookup(w).is_none()
                });
                if rest > t.tokens.1 && rest < j && qualifiers_only {
                    self.name_run(doc, rest, j, sentence_start, model, out);
                    return;
                }
            }
        }
        // "Senate Republicans", "House Democrats": a body and the party's members in it; the
        // plural is left to the party (see `party_mentions`)
        if j >= i + 2 {
            let last = doc.token_text(j - 1);
            let members = last.ends_with('s') && self.party_words.contains_key(last);
            if members && self.is_organization_word(doc.token_text(j - 2)) {
                self.typed_name(doc, i, j - 1, sentence_start, model, out);
                return;
            }
        }
        self.typed_name(doc, i, j, sentence_start, model, out);
    }

    /// One name, typed by its words.
    fn typed_name(
        &self,
        doc: &Document,
        i: usize,
        j: usize,
        sentence_start: usize,
        model: &[NerSpan],
        out: &mut Vec<Mention>,
    ) {
        // a trailing connector is not part of the name
        let mut j = j;
        while j > i && NAME_CONNECTORS.contains(&doc.token_text(j - 1)) {
            j -= 1;
        }
        if i >= j {
            return;
        }
        let sentence_end = doc.sentences[doc.tokens[i].sentence].tokens.1;
        let mut words: Vec<&str> = (i..j).map(|k| doc.token_text(k)).collect();
        // "Ana RuizImage: Marlow Times": a caption's label glued to the name is no part of it
        let caption_cut = (j < sentence_end && doc.token_text(j) == ":")
            .then(|| {
                let last = doc.token_text(j - 1);
                ["Image", "Photo", "Picture"].iter().find_map(|label| {
                    last.strip_suffix(label)
                        .filter(|head| {
                            head.chars()
                                .last()
                                .is_some_and(|c| c.is_lowercase() || c == '.')
                        })
                        .map(|head| last.len() - head.trim_end_matches('.').len())
                })
            })
            .flatten();
        if let (Some(cut), Some(last)) = (caption_cut, words.last_mut()) {
            *last = &last[..last.len() - cut];
        }
        let words = words;
        // laws, treaties, events and prizes are no entities
        let first_is_event = self.event_words.contains(words[0])
            && (words.len() == 1 || matches!(words[1], "of" | "on" | "for"));
        if words.len() > 1
            && (self.event_words.contains(*words.last().unwrap_or(&""))
                || first_is_event
                || matches!(
                    words[0],
                    "Operation" | "Hurricane" | "Typhoon" | "Cyclone" | "Storm" | "Tropical"
                ))
        {
            return;
        }
        // a code of letters and digits is no name: formulas and sizes ("CO2", "PM2.5", "N95"),
        // quarters and flights ("Q1", "XB1344"); a model designation is a product ("AR-15")
        let next_is_product_head =
            j < sentence_end && self.product_heads.contains(doc.token_text(j));
        if words.len() == 1
            && !is_designation(words[0])
            && !next_is_product_head
            && words[0].chars().any(|c| c.is_ascii_digit())
            && words[0].chars().any(char::is_alphabetic)
            // ("Politics1.com": a name with words in it)
            && !words[0]
                .chars()
                .zip(words[0].chars().skip(1))
                .any(|(a, b)| a.is_lowercase() && b.is_lowercase())
        {
            return;
        }
        if words.len() == 1 && is_registration(words[0]) {
            return;
        }
        // a common word in capitals is emphasis, not an acronym ("in ALL 50 states", "the
        // LEFT"); short ones may be acronyms too ("ICE")
        if words.len() == 1
            && words[0].chars().count() >= 4
            && words[0].chars().all(|c| c.is_uppercase())
            && self.recognizer.is_some_and(|r| r.is_common_word(words[0]))
        {
            return;
        }
        // a lone word that only says what kind of body or place something is ("Police
        // said", "the Court", "Centre") names nothing by itself: it refers back to the last
        // organisation named with it, like "the ministry". The names of legislatures are
        // used alone as names ("Parliament voted").
        // ("China Daily", "Indonesian Navy": a country's name or demonym before it makes a
        // name of it)
        let after_country = out
            .iter()
            .any(|m| m.tokens.1 == i && m.entity_type.is("Country"));
        if words.len() == 1
            && !after_country
            && !is_acronym(words[0])
            && !LONE_BODY_NAMES.contains(&words[0])
            && (self.is_organization_word(words[0]) || self.location_words.contains(words[0]))
        {
            if self.is_organization_word(words[0]) {
                let mut m = self.tentative(doc, i, j);
                m.kind = MentionKind::Nominal;
                m.entity_type = EntityType::organization();
                out.push(m);
            }
            return;
        }
        // "Oslo-based", "Prize-winning", "Kremlin-backed": a name joined to a participle
        // or adjective is a modifier; only a known name inside it is a mention
        let modifier_head = |w: &str| {
            w.rsplit_once('-')
                .filter(|(_, suffix)| {
                    suffix.chars().all(|c| c.is_lowercase()) && is_compound_modifier(suffix)
                })
                .map(|(head, _)| head.to_string())
        };
        if modifier_head(words[words.len() - 1]).is_some() {
            if words.len() == 1 {
                self.known_modifier_head(doc, i, out);
            }
            return;
        }
        // "Oslo-based Marlow Corporation": the modifier, then the name
        if words.len() > 1 && modifier_head(words[0]).is_some() {
            self.known_modifier_head(doc, i, out);
            self.typed_name(doc, i + 1, j, sentence_start, model, out);
            return;
        }
        // "Maine Anna Lind" (in lists of candidates by state): a known place, then a person
        // ("Senator from Maine Anna Lind": after "from" a title's place comes first)
        let after_from = i > sentence_start && doc.token_text(i - 1) == "from";
        let place_then_person = (i + 1..j.saturating_sub(1)).find(|&k| {
            (self.is_known_given_name(doc.token_text(k)) || (after_from && j - k >= 2))
                && self.looks_like_person(doc, k, j)
                && self
                    .gazetteer
                    .lookup_words(&words[..k - i].join(" "))
                    .is_some_and(|(e, _)| {
                        let t = &self.gazetteer.entities()[e].entity_type;
                        t.is("Location") || t.is("Country")
                    })
        });
        if let Some(k) = place_then_person {
            let (e, kind) = self
                .gazetteer
                .lookup_words(&words[..k - i].join(" "))
                .expect("found above");
            let known = &self.gazetteer.entities()[e];
            let m = GazetteerMatch {
                tokens: (i, k),
                entity: e,
                kind,
            };
            out.push(self.gazetteer_mention(doc, &m, known));
            let mut person = self.tentative(doc, k, j);
            person.tentative = false;
            person.confidence = 0.6;
            out.push(person);
            return;
        }
        // adjectives are no names: "Martian soil", "Congressional leaders", "Roman Catholic
        // priests" (every word an adjective to the tagger, before a lower-case noun)
        let next_word = (j < sentence_end).then(|| doc.token_text(j));
        if (i..j).all(|k| doc.tokens[k].upos == Upos::Adj)
            && next_word.is_some_and(|w| w.chars().all(|c| c.is_lowercase()))
            && !words
                .iter()
                .any(|w| self.is_organization_word(w) || self.location_words.contains(*w))
        {
            return;
        }
        // an acronym explaining lower-case words is no name: "exclusive economic zone (EEZ)"
        if words.len() == 1 && is_acronym(words[0]) && i >= 2 && doc.token_text(i - 1) == "(" {
            let letters = super::names::acronym_letters(words[0]);
            let before: Vec<&str> = (i.saturating_sub(1 + letters.len() + 2)..i - 1)
                .map(|k| doc.token_text(k))
                .collect();
            let lower_words: Vec<&str> = before
                .iter()
                .copied()
                .filter(|w| w.chars().all(|c| c.is_lowercase() || c == '-'))
                .collect();
            let tail = lower_words.join(" ");
            if !tail.is_empty()
                && before
                    .last()
                    .is_some_and(|w| w.chars().all(char::is_lowercase))
                && (0..lower_words.len()).any(|from| {
                    super::names::acronym_matches(words[0], &lower_words[from..].join(" "))
                })
            {
                return;
            }
        }
        // an organisation followed by the name of the person speaking for it:
        // "the Harbour Trust Ada Brenner", "House of Representatives Darin LaHood"
        let body_words = |to: usize| {
            (i..to).any(|k| {
                let w = doc.token_text(k);
                self.is_organization_word(w) || self.location_words.contains(w)
            })
        };
        // (a name after a lower-case joiner continues the body: "Ministry of Foreign Affairs")
        let split = (i + 1..j.saturating_sub(1)).find(|&holder| {
            body_words(holder)
                && doc
                    .token_text(holder - 1)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                && self.looks_like_person(doc, holder, j)
                && (self.is_organization_word(doc.token_text(holder - 1))
                    || self.person_evidence(doc, holder, j, model))
        });
        if let Some(holder) = split {
            {
                self.typed_name(doc, i, holder, sentence_start, model, out);
                // the body's name right before a name is the person speaking for it
                let mut person = self.tentative(doc, holder, j);
                person.entity_type = EntityType::person();
                person.tentative = false;
                person.confidence = 0.6;
                out.push(person);
                return;
            }
        }
        let last = *words.last().unwrap_or(&"");
        let next = (j < sentence_end).then(|| doc.token_text(j));
        // "University of Cape Town", "Bank of Tarvel City": a body of a place
        let body_of = words.len() > 2
            && self.is_organization_word(words[0])
            && matches!(words[1], "of" | "for");
        // "Kobe Bryant", "Denver Smith": a town that is also a given name, then a surname that
        // stands alone elsewhere in the article ("Bryant said"); no common word ("Kobe Steel")
        let weak_place_then_surname = words.len() == 2
            && !is_acronym(words[1])
            && !self.recognizer.is_some_and(|r| r.is_common_word(words[1]))
            && !self.location_words.contains(words[1])
            && !self.is_organization_word(words[1])
            && !self.event_words.contains(words[1])
            && self.gazetteer.lookup(words[0]).is_some_and(|(e, kind)| {
                let known = &self.gazetteer.entities()[e];
                known.strength <= 0.5
                    && known.entity_type.is("Location")
                    && matches!(kind, FormKind::Name | FormKind::Alias)
            })
            && (0..doc.tokens.len()).any(|k| {
                k != i + 1
                    && doc.token_text(k) == words[1]
                    && (k == 0 || doc.token_text(k - 1) != words[0])
                    && (k + 1 >= doc.tokens.len() || !is_capitalised(doc.token_text(k + 1)))
            });
        // "Darrell Castle", "Anita Hill": a known given name, then a place's word as the
        // surname, which the recogniser reads as a person's name ("Victoria Park" it reads as
        // a place)
        let place_word_surname = (2..=3).contains(&words.len())
            && SURNAME_PLACE_WORDS.contains(&last)
            && self.is_known_given_name(words[0])
            && words[1..words.len() - 1]
                .iter()
                .all(|w| w.trim_end_matches('.').chars().count() == 1)
            && model.iter().any(|s| {
                s.start == i
                    && s.end == j
                    && s.entity_type == NerType::Person
                    && s.confidence >= 0.9
            });
        let mut entity_type = if body_of {
            Some(EntityType::organization())
        } else if weak_place_then_surname || place_word_surname {
            Some(EntityType::person())
        } else if self.location_words.contains(last) && words.len() > 1 {
            Some(EntityType::location())
        } else if words.len() == 1 && is_designation(last) {
            // "AR-15", "F-16", "S-400": a model designation
            Some(EntityType::product())
        } else if words.iter().any(|w| self.is_organization_word(w))
            || (words.len() == 1 && is_acronym(last))
        {
            Some(EntityType::organization())
        } else if words.len() >= 2
            && self.looks_like_person(doc, i, j)
            && self.person_evidence(doc, i, j, model)
        {
            Some(EntityType::person())
        } else {
            None
        };
        // what the words leave open, the recogniser may say
        let mut source = MentionSource::Pattern;
        let mut confidence = 0.6;
        let mut end = j;
        if entity_type.is_none() || entity_type == Some(EntityType::person()) {
            if let Some(next) = next {
                let adjectival = ["ish", "ian", "ese", "ic", "an"]
                    .iter()
                    .any(|suffix| last.ends_with(suffix));
                if self.product_heads.contains(next) && !adjectival {
                    // "a third Vanguard system": the product is named without its head noun
                    entity_type = Some(EntityType::product());
                } else if self.place_heads.contains(next) && !adjectival {
                    // "the Tarvel islands", "the Marno region"
                    entity_type = Some(EntityType::location());
                    end = j + 1;
                }
            }
        }
        if entity_type.is_none() || entity_type == Some(EntityType::person()) {
            let prev = (i > 0 && doc.tokens[i - 1].sentence == doc.tokens[i].sentence)
                .then(|| doc.token_text(i - 1));
            let after = |k: usize| (j + k < sentence_end).then(|| doc.token_text(j + k));
            let noun_after = after(0).is_some_and(|w| self.organization_nouns.contains(w))
                || (after(0).is_some_and(|w| w.chars().all(char::is_lowercase))
                    && after(1).is_some_and(|w| self.organization_nouns.contains(w)));
            // ("record producer Ana Ruiz": a trade noun that also names people types only
            // a one-word name that nothing reads as a person's)
            let read_as_person = entity_type.is_some()
                || model.iter().any(|s| {
                    s.start == i
                        && s.end == j
                        && s.entity_type == NerType::Person
                        && s.confidence >= 0.5
                });
            let trade_noun_before = !read_as_person
                && j == i + 1
                && prev.is_some_and(|w| self.organization_or_person_nouns.contains(w));
            if prev.is_some_and(|w| self.organization_nouns.contains(w))
                || noun_after
                || trade_noun_before
                || self.apposition_head_is_organization(doc, j, sentence_end, !read_as_person)
            {
                entity_type = Some(EntityType::organization());
            }
        }
        // "Labour's Shadow Health Secretary": what owns a title is a body
        if entity_type.is_none()
            && next.is_some_and(is_possessive)
            && j + 1 < sentence_end
            && self.titles.at(doc, j + 1, sentence_end).is_some()
        {
            entity_type = Some(EntityType::organization());
        }
        // "Dorvale Hornets", "Tarvel Rangers": a known place, then a capitalised plural that
        // names no kind of place, is a team or a club (a person is not named in the plural)
        if entity_type.is_none() || entity_type == Some(EntityType::person()) {
            let plural = last.len() > 3
                && last.ends_with('s')
                && !last.ends_with("ss")
                && !last.ends_with("'s")
                && last.chars().skip(1).all(char::is_lowercase)
                && !self.location_words.contains(last)
                && !self.event_words.contains(last);
            let placed = words.len() >= 2
                && self
                    .gazetteer
                    .lookup_words(&words[..words.len() - 1].join(" "))
                    .is_some_and(|(e, kind)| {
                        let t = &self.gazetteer.entities()[e].entity_type;
                        (t.is("Location") || kind == FormKind::Capital)
                            && matches!(kind, FormKind::Name | FormKind::Alias | FormKind::Capital)
                    });
            // ("Victoria Adams", "Charlotte Evans": a given name and a surname)
            let common_plural = self.recognizer.is_some_and(|r| r.is_common_word(last));
            let person_like = self.gazetteer.is_person_surname(last)
                || (self.is_known_given_name(words[0]) && !common_plural);
            // ("Eastern Europeans", "Tarvel Americans": peoples, not teams)
            let people = words[0].ends_with("ern")
                || self
                    .gazetteer
                    .lookup(last.trim_end_matches('s'))
                    .is_some_and(|(_, kind)| kind == FormKind::Demonym);
            if plural && placed && !person_like && !people {
                entity_type = Some(EntityType::organization());
            }
        }
        // a name that cannot be a person's ("National Team") is none by the recogniser either
        let model_person_unfit =
            |t: &EntityType| t.is("Person") && !self.looks_like_person(doc, i, j);
        // what the words and the words around leave open, the recogniser may say
        if entity_type.is_none() {
            if let Some((t, c)) = self
                .model_type(model, i, j)
                .filter(|(t, _)| !model_person_unfit(t))
            {
                entity_type = Some(t);
                source = MentionSource::Model;
                confidence = c;
            } else if j == i + 1 && self.gazetteer.is_person_surname(words[0]) {
                // "Putin said": a known person's surname, when the recogniser reads a person
                if let Some(span) = model.iter().find(|s| s.start == i && s.end == j) {
                    if span.entity_type == NerType::Person && span.confidence >= 0.5 {
                        entity_type = Some(EntityType::person());
                        source = MentionSource::Model;
                        confidence = span.confidence;
                    }
                }
            }
        }
        let mut mention = self.tentative(doc, i, end);
        if let Some(cut) = caption_cut.filter(|_| end == j) {
            mention.span = crate::doc::Span::new(mention.span.start, mention.span.end - cut);
            mention.text = doc.span_text(mention.span).to_string();
        }
        match entity_type {
            Some(t) => {
                mention.entity_type = t;
                mention.tentative = false;
                mention.source = source;
                mention.confidence = confidence;
            }
            // one capitalised word of unknown type; the sentence's first word is even less sure
            None if i == sentence_start => mention.confidence = 0.2,
            None => {}
        }
        out.push(mention);
    }
}

impl MentionFinder {
    /// "Amazon Web services" where the article also writes "Amazon Web Services": an
    /// organisation's name cut short before a word written in lower case takes that word
    /// back when the article names the body with it in full.
    fn complete_with_lower_case_word(doc: &Document, mentions: &mut [Mention]) {
        let full_names: Vec<String> = mentions
            .iter()
            .filter(|m| m.entity_type.is("Organization") && m.kind == MentionKind::Name)
            .map(|m| m.text.to_lowercase())
            .collect();
        for m in mentions.iter_mut() {
            let next = m.tokens.1;
            if m.source == MentionSource::Gazetteer
                || m.kind != MentionKind::Name
                || m.tokens.1 - m.tokens.0 < 2
                || next >= doc.tokens.len()
                || doc.tokens[next].sentence != doc.tokens[m.tokens.0].sentence
            {
                continue;
            }
            let word = doc.token_text(next);
            if !word.chars().all(char::is_lowercase) {
                continue;
            }
            let longer = format!("{} {}", m.text, word).to_lowercase();
            if full_names.contains(&longer) {
                m.entity_type = EntityType::organization();
                m.tentative = false;
                m.tokens.1 = next + 1;
                m.span = doc.tokens_span(m.tokens.0, m.tokens.1);
                m.text = doc.span_text(m.span).to_string();
            }
        }
    }
}

impl MentionFinder {
    /// "the Browne-Jorgensen ticket", "Biden-Harris": surnames of people the article names
    /// in full, joined by a hyphen, name a pairing of those people and no entity of its own.
    /// "Non-Governmental Organizations", "Non-Profit Organisation": a negated kind and a
    /// body word, capitalised in full, name a kind of body, not a body.
    fn drop_kinds_of_body(&self, mentions: &mut Vec<Mention>) {
        mentions.retain(|m| {
            let Some((first, rest)) = m.text.split_once(' ') else {
                return true;
            };
            let first = first.to_lowercase();
            let negated = first.starts_with("non-")
                || first.starts_with("not-for-")
                || matches!(first.as_str(), "nongovernmental" | "nonprofit" | "non");
            let kind = negated
                && m.source != MentionSource::Gazetteer
                && rest.split_whitespace().all(|w| {
                    self.is_organization_word(w)
                        || matches!(
                            w.to_lowercase().as_str(),
                            "government" | "governmental" | "profit" | "for"
                        )
                });
            !kind
        });
    }

    fn drop_tickets(doc: &Document, mentions: &mut Vec<Mention>) {
        let surnames: HashSet<&str> = mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Name && m.tokens.1 - m.tokens.0 >= 2)
            .filter_map(|m| doc.span_text(m.span).split_whitespace().last())
            .collect();
        mentions.retain(|m| {
            let parts: Vec<&str> = m.text.split('-').collect();
            let ticket = m.tokens.1 == m.tokens.0 + 1
                && m.source != MentionSource::Gazetteer
                && parts.len() >= 2
                && parts
                    .iter()
                    .all(|p| is_capitalised(p) && surnames.contains(p));
            !ticket
        });
    }
}

impl MentionFinder {
    /// "Republican Senator Ana Ruiz", "the Democratic nomination", "Senate Republicans",
    /// "Labour MPs": a party's word that stands for a politician's affiliation is a mention
    /// of the party. An adjective counts before a title, a person's name or a noun of
    /// political life (`party_contexts`); a plural noun ("Democrats", "Tories") or an
    /// acronym ("GOP") counts by itself. A word inside a longer name ("Liberal Democrats",
    /// "Republican Guard", "Democratic Republic of the Congo") is that name's, and lower
    /// case ("democratic elections") is no party. When the article names the party in full
    /// ("the Australian Labor Party", "Democratic Party"), the word is that name's alias.
    fn party_mentions(&self, doc: &Document, mentions: &mut Vec<Mention>) {
        if self.party_words.is_empty() {
            return;
        }
        // parties the article names in full: the party's word then "Party", perhaps after
        // its country ("U.S. Democratic Party", "Australian Labor Party")
        let full_name = |word: &str| -> Option<String> {
            mentions.iter().find_map(|m| {
                if m.tentative || m.kind != MentionKind::Name || !m.entity_type.is("Organization") {
                    return None;
                }
                let words: Vec<&str> = m
                    .text
                    .split_whitespace()
                    .filter(|w| !w.eq_ignore_ascii_case("the"))
                    .collect();
                let at = words.iter().position(|w| *w == word)?;
                let country = |w: &str| {
                    self.gazetteer.lookup(w).is_some_and(|(e, _)| {
                        self.gazetteer.entities()[e].entity_type.is("Country")
                    })
                };
                (words.len() == at + 2
                    && words[at + 1] == "Party"
                    && words[..at].iter().all(|w| country(w)))
                .then(|| m.canonical.clone().unwrap_or_else(|| words.join(" ")))
            })
        };
        let mut added: Vec<Mention> = Vec::new();
        let mut replaced: HashSet<usize> = HashSet::new();
        for k in 0..doc.tokens.len() {
            let word = doc.token_text(k);
            let Some(party) = self.party_words.get(word) else {
                continue;
            };
            let (start, end) = doc.sentences[doc.tokens[k].sentence].tokens;
            // a word of a longer name, or of a name found otherwise
            let covering = mentions
                .iter()
                .position(|m| m.tokens.0 <= k && k < m.tokens.1);
            // (a lone word that a pattern or the recogniser typed, "GOP", is the party's)
            if let Some(c) = covering {
                if mentions[c].tokens != (k, k + 1)
                    || (!mentions[c].tentative && mentions[c].source == MentionSource::Gazetteer)
                {
                    continue;
                }
            }
            // "Liberal Democrats", "Young Republicans": a capitalised word before it that
            // names no body or place of its own makes it part of another name
            if k > start {
                let before = doc.token_text(k - 1);
                let named_before = mentions.iter().any(|m| {
                    m.tokens.1 == k
                        && !m.tentative
                        && !m.entity_type.is("Person")
                        && !m.entity_type.is("Product")
                });
                let opener = k - 1 == start && FUNCTION_WORDS.contains(&before);
                if is_capitalised(before) && !named_before && !opener {
                    continue;
                }
            }
            let plural_or_acronym = word.ends_with('s')
                || word.ends_with("ies")
                || is_acronym(word)
                || word == "Democrat";
            // "Democratic and Republican lawmakers": the context after the last party word
            let mut next = k + 1;
            while next + 1 < end
                && matches!(doc.token_text(next), "and" | "or" | "," | "/")
                && self.party_words.contains_key(doc.token_text(next + 1))
            {
                next += 2;
            }
            let in_context = next < end && {
                let after = doc.token_text(next);
                let portfolio = self.title_modifiers.contains(&word.to_lowercase());
                self.party_contexts.contains(after)
                    || (!portfolio && self.titles.at(doc, next, end).is_some())
                    || mentions.iter().any(|m| {
                        m.tokens.0 == next
                            && !m.tentative
                            && m.entity_type.is("Person")
                            && m.tokens.1 > m.tokens.0
                    })
            };
            // "every Democrat", "any Republican": members counted one by one, not the party
            let counted = k > start
                && matches!(
                    doc.token_text(k - 1).to_lowercase().as_str(),
                    "every" | "each" | "any" | "individual"
                );
            if !(plural_or_acronym && !counted || in_context) {
                continue;
            }
            if let Some(c) = covering {
                replaced.insert(c);
            }
            let name = full_name(self.adjective_of(party)).unwrap_or_else(|| party.clone());
            let span = doc.tokens_span(k, k + 1);
            added.push(Mention {
                tokens: (k, k + 1),
                span,
                text: doc.span_text(span).to_string(),
                entity_type: EntityType::organization(),
                kind: MentionKind::Name,
                source: MentionSource::Pattern,
                canonical: Some(name),
                stands_for: None,
                tentative: false,
                entity: None,
                confidence: 0.6,
            });
        }
        if added.is_empty() {
            return;
        }
        let mut k = 0;
        mentions.retain(|_| {
            k += 1;
            !replaced.contains(&(k - 1))
        });
        mentions.extend(added);
        mentions.sort_by_key(|m| m.tokens);
    }

    /// The adjective of a party's common name: "Democratic" of "Democratic Party".
    fn adjective_of<'a>(&self, party: &'a str) -> &'a str {
        party.split_whitespace().next().unwrap_or(party)
    }
}

impl Component for MentionFinder {
    fn name(&self) -> &'static str {
        "mentions"
    }

    fn process(&self, doc: &mut Document) -> Result<()> {
        let mut mentions = Vec::new();
        let abbreviations = self.common_noun_acronyms(doc);
        for s in 0..doc.sentences.len() {
            self.find_in_sentence(doc, s, &abbreviations, &mut mentions);
        }
        self.subdivisions_named_like_countries(doc, &mut mentions);
        Self::complete_with_lower_case_word(doc, &mut mentions);
        Self::drop_tickets(doc, &mut mentions);
        self.drop_kinds_of_body(&mut mentions);
        self.party_mentions(doc, &mut mentions);
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
    fn a_connector_that_ends_the_text_joins_nothing() {
        // "of" as the last token: the word after it does not exist (found by fuzzing)
        let found = mentions("The U.S. Secretary of");
        assert!(
            found.iter().all(|(text, _, _)| !text.ends_with("of")),
            "{found:?}"
        );
    }

    #[test]
    fn titles_are_cut_and_types_read_off_words() {
        let found = mentions("Russian President Vladimir Putin met officials of Marlow State University and the Marno Region.");
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
                "Marlow State University".into(),
                "Organization".into(),
                false
            )),
            "{found:?}"
        );
        assert!(
            found.contains(&("Marno Region".into(), "Location".into(), false)),
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

    /// The mentions of a text read with the tagger too, as the pipeline reads it.
    fn tagged_mentions(text: &str) -> Vec<(String, String, bool)> {
        let schema = Arc::new(Schema::embedded().unwrap());
        let doc = crate::pipeline::Pipeline::new()
            .with(crate::text::TextSegmenter)
            .with(crate::nlp::Annotator::load().unwrap())
            .with(MentionFinder::new(schema))
            .run("t", text)
            .unwrap();
        doc.mentions
            .iter()
            .map(|m| (m.text.clone(), m.entity_type.to_string(), m.tentative))
            .collect()
    }

    fn named(found: &[(String, String, bool)], text: &str) -> bool {
        found
            .iter()
            .any(|(t, _, tentative)| t == text && !tentative)
    }

    #[test]
    fn lone_body_words_are_no_names() {
        let found =
            mentions("Police said the road was closed. Officials of the Court met at the Stadium.");
        for word in ["Police", "Court", "Stadium"] {
            assert!(!named(&found, word), "{word}: {found:?}");
        }
        // a country before the word makes a name of it
        let found = mentions("The Chilean Navy and the China Daily newspaper agreed.");
        assert!(
            found
                .iter()
                .any(|(t, ty, _)| t == "Navy" && ty == "Organization"),
            "{found:?}"
        );
    }

    #[test]
    fn titles_in_the_plural_name_nobody() {
        let found = mentions("Prime Ministers and Members of Parliament met the Deputy Governors.");
        assert!(
            found.iter().all(|(t, _, tentative)| *tentative
                || !(t.contains("Minister") || t.contains("Member") || t.contains("Governor"))),
            "{found:?}"
        );
    }

    #[test]
    fn a_title_of_a_body_is_cut_before_its_holder() {
        let found = mentions("On Monday the Mayor of Dorvale John Wenzel opened the bridge.");
        assert!(named(&found, "John Wenzel"), "{found:?}");
        assert!(!has_part(&found, "Dorvale John"), "{found:?}");
        // what the title is of is no person
        let found = mentions("Later Bishop of Santa Luzia Tomas Ferreira said mass.");
        assert!(
            !found
                .iter()
                .any(|(t, ty, _)| t == "Santa Luzia" && ty == "Person"),
            "{found:?}"
        );
    }

    #[test]
    fn hyphenated_modifiers_are_no_names() {
        let found = mentions("The Paris-based charity and the Prize-winning author met in Lima.");
        assert!(named(&found, "Paris"), "{found:?}");
        assert!(
            !found
                .iter()
                .any(|(t, _, _)| t.contains("-based") || t.contains("-winning")),
            "{found:?}"
        );
        // lower-case parts of names stay
        let found = mentions("Secretary-General Lee Ki-hong arrived.");
        assert!(named(&found, "Lee Ki-hong"), "{found:?}");
    }

    #[test]
    fn adjectives_are_no_names() {
        let found = tagged_mentions(
            "Scientists studied Martian soil, and Congressional leaders praised them.",
        );
        for word in ["Martian", "Congressional"] {
            assert!(!named(&found, word), "{word}: {found:?}");
        }
    }

    #[test]
    fn names_joined_by_and_split_where_a_new_name_opens() {
        let found = mentions("Yesterday the Dorvale Harbour Board and Dorvale Fire Brigade helped the Department of Health and Human Services.");
        assert!(named(&found, "Dorvale Harbour Board"), "{found:?}");
        assert!(named(&found, "Dorvale Fire Brigade"), "{found:?}");
        assert!(
            named(&found, "Department of Health and Human Services"),
            "{found:?}"
        );
    }

    #[test]
    fn a_title_after_and_opens_a_person_of_its_own() {
        let found = mentions(
            "Liberal Senator Chuck Varga and Republican Senator Ellen Bragstad met on Monday.",
        );
        assert!(named(&found, "Chuck Varga"), "{found:?}");
        assert!(named(&found, "Ellen Bragstad"), "{found:?}");
    }

    #[test]
    fn a_portfolio_word_before_a_title_is_no_part_of_the_name() {
        let found = mentions(
            "The House voted to hold Commerce Secretary Wilbur Lindqvist and Attorney General Ada Brenner in contempt.",
        );
        assert!(named(&found, "Wilbur Lindqvist"), "{found:?}");
        assert!(named(&found, "Ada Brenner"), "{found:?}");
        assert!(!named(&found, "Secretary Wilbur Lindqvist"), "{found:?}");
    }

    #[test]
    fn weak_town_forms_that_are_titles_or_openers_give_way() {
        // "Bishop" is a town in the airport gazetteer
        let found = mentions("Most people cheered when Bishop Tomas Ferreira spoke at 5 pm EDT.");
        for word in ["Most", "Bishop", "EDT"] {
            assert!(!named(&found, word), "{word}: {found:?}");
        }
        assert!(named(&found, "Tomas Ferreira"), "{found:?}");
    }

    #[test]
    fn a_place_before_a_persons_name_is_its_own_mention() {
        let found = mentions(
            "Candidates included Vermont Anna Lind and the Oslo-based Marlow Corporation.",
        );
        assert!(named(&found, "Vermont"), "{found:?}");
        assert!(named(&found, "Anna Lind"), "{found:?}");
        assert!(named(&found, "Marlow Corporation"), "{found:?}");
        assert!(named(&found, "Oslo"), "{found:?}");
    }

    #[test]
    fn a_word_that_describes_a_person_is_cut_from_the_name() {
        let found = mentions(
            "Democrat Martin Halvorsen told reporters the bill would pass, while Republican Ellen Bragstad disagreed.",
        );
        assert!(named(&found, "Martin Halvorsen"), "{found:?}");
        assert!(named(&found, "Ellen Bragstad"), "{found:?}");
        assert!(!named(&found, "Democrat Martin Halvorsen"), "{found:?}");
    }

    #[test]
    fn a_surname_that_is_a_title_stays_in_the_name() {
        let found = mentions("Both Michel Mayor and Anna Lind are professors.");
        assert!(
            found.contains(&("Michel Mayor".into(), "Person".into(), false)),
            "{found:?}"
        );
    }

    #[test]
    fn a_person_of_a_body_is_a_person() {
        let found = mentions(
            "In remarks to the press, Sheldon Varga of the Marlow Trust said prices had doubled.",
        );
        assert!(
            found.contains(&("Sheldon Varga".into(), "Person".into(), false)),
            "{found:?}"
        );
    }

    #[test]
    fn a_known_place_closes_an_organisations_name() {
        let found = mentions(
            "She studied at the University of Geneva and at Imperial College London, then joined the University of Florida and Marlow Institute.",
        );
        for name in [
            "University of Geneva",
            "Imperial College London",
            "University of Florida",
        ] {
            assert!(
                found.contains(&(name.into(), "Organization".into(), false)),
                "{name}: {found:?}"
            );
        }
        assert!(!named(&found, "Geneva"), "{found:?}");
        assert!(named(&found, "Marlow Institute"), "{found:?}");
        // a country's own ministry keeps the country
        let found = mentions("The Ministry of Defense of Peru denied it.");
        assert!(named(&found, "Peru"), "{found:?}");
    }

    #[test]
    fn a_state_named_like_a_country_is_a_place_in_its_countrys_news() {
        let found = mentions("The debate moved from Texas to Georgia on Tuesday.");
        assert!(
            found.contains(&("Georgia".into(), "Location".into(), false)),
            "{found:?}"
        );
        let found =
            mentions("Protesters marched in Tbilisi, and Georgia recalled its envoy from Texas.");
        assert!(
            found.contains(&("Georgia".into(), "Country".into(), false)),
            "{found:?}"
        );
        let found = mentions("Russia and Georgia signed the deal.");
        assert!(
            found.contains(&("Georgia".into(), "Country".into(), false)),
            "{found:?}"
        );
    }

    #[test]
    fn numerals_and_amounts_are_no_names() {
        let found = mentions(
            "Part II of the study cost GBP738 thousand, or USD910 thousand, said Anna Lind.",
        );
        for word in ["II", "GBP738", "USD910"] {
            assert!(!named(&found, word), "{word}: {found:?}");
        }
        assert!(named(&found, "Anna Lind"), "{found:?}");
        let found = mentions("Queen Elizabeth II met Anna Lind.");
        assert!(!named(&found, "II"), "{found:?}");
        assert!(is_currency_amount("SEK9") && is_currency_amount("EUR1.5"));
        assert!(!is_currency_amount("TVN24") && !is_currency_amount("AR-15"));
        assert!(!is_currency_amount("G7") && !is_currency_amount("USD"));
        assert!(is_roman_numeral("XIV") && !is_roman_numeral("I") && !is_roman_numeral("IMF"));
    }

    #[test]
    fn picture_credits_are_no_part_of_names() {
        let found = mentions("Anna Lind Image: Marlow Times.\n\nAnna Lind spoke on Tuesday.");
        assert!(named(&found, "Anna Lind"), "{found:?}");
        assert!(
            found.iter().all(|(text, _, _)| !text.contains("Image")),
            "{found:?}"
        );
    }

    #[test]
    fn a_title_set_off_by_a_comma_names_a_person() {
        let found = mentions("\"It works,\" said the university's chancellor, Pradeep Varga.");
        assert!(
            found.contains(&("Pradeep Varga".into(), "Person".into(), false)),
            "{found:?}"
        );
    }

    #[test]
    fn a_place_after_from_opens_the_run_before_a_name() {
        let found = mentions("Yesterday, Senator from Vermont Bernard Halvorsen won the vote.");
        assert!(named(&found, "Vermont"), "{found:?}");
        assert!(
            found.contains(&("Bernard Halvorsen".into(), "Person".into(), false)),
            "{found:?}"
        );
    }

    #[test]
    fn a_word_of_time_before_a_place_is_no_part_of_its_name() {
        let found =
            mentions("Former New York governor Anna Lind and Acting Marlow mayor Karl Berg spoke.");
        assert!(
            found.contains(&("New York".into(), "Location".into(), false)),
            "{found:?}"
        );
        assert!(!named(&found, "Former New York"), "{found:?}");
    }

    fn has(found: &[(String, String, bool)], text: &str, entity_type: &str) -> bool {
        found
            .iter()
            .any(|(t, ty, tentative)| t == text && ty == entity_type && !tentative)
    }

    /// Whether some mention, tentative or not, reads exactly `text`.
    fn has_text(found: &[(String, String, bool)], text: &str) -> bool {
        found.iter().any(|(t, _, _)| t == text)
    }

    /// Whether some mention, tentative or not, contains `part`.
    fn has_part(found: &[(String, String, bool)], part: &str) -> bool {
        found.iter().any(|(t, _, _)| t.contains(part))
    }

    #[test]
    fn a_title_in_apposition_makes_a_person() {
        let found = mentions("Orvik Hale, the mayor of Tallon, said the roads were closed.");
        assert!(has(&found, "Orvik Hale", "Person"), "{found:?}");
        let found = mentions("The mayor of Tallon, Bertha Lanvin, advised residents to stay home.");
        assert!(has(&found, "Bertha Lanvin", "Person"), "{found:?}");
    }

    #[test]
    fn adjectives_of_bodies_name_no_person() {
        let found = mentions("He said the National Team would play again on Monday.");
        assert!(
            !found
                .iter()
                .any(|(t, ty, tentative)| t.contains("National") && ty == "Person" && !tentative),
            "{found:?}"
        );
    }

    #[test]
    fn a_known_place_and_a_plural_is_a_team() {
        let found = mentions("The Denver Otters beat the Tulsa Herons on Sunday night.");
        assert!(has(&found, "Denver Otters", "Organization"), "{found:?}");
        assert!(has(&found, "Tulsa Herons", "Organization"), "{found:?}");
    }

    #[test]
    fn a_caption_label_glued_to_a_name_is_cut() {
        let found = mentions("The candidate spoke on Monday.\nAna RuizImage: Marlow Times.");
        assert!(has_text(&found, "Ana Ruiz"), "{found:?}");
        assert!(!has_part(&found, "Image"), "{found:?}");
    }

    #[test]
    fn codes_abbreviations_and_shouted_words_are_no_names() {
        let found = mentions(
            "Levels of CO2 and PM2.5 rose in Q1, the NGO said after CT scans and TRIAL solutions.",
        );
        for code in ["CO2", "PM2.5", "Q1", "NGO", "CT", "TRIAL"] {
            assert!(!has_text(&found, code), "{code}: {found:?}");
        }
    }

    #[test]
    fn news_outlets_and_journals_are_organizations() {
        let found =
            mentions("The study in Scientific Reports was covered by Al Jazeera on Monday.");
        assert!(
            has(&found, "Scientific Reports", "Organization"),
            "{found:?}"
        );
        assert!(has(&found, "Al Jazeera", "Organization"), "{found:?}");
    }

    #[test]
    fn a_party_members_noun_is_no_part_of_the_name() {
        let found = mentions("On Monday, Democrat Ruiz, a former colonel, spoke in the town.");
        assert!(has_text(&found, "Ruiz"), "{found:?}");
        assert!(!has_part(&found, "Democrat Ruiz"), "{found:?}");
    }

    /// The mentions of a text with their canonical names.
    fn canonical_mentions(text: &str) -> Vec<(String, Option<String>)> {
        let schema = Arc::new(Schema::embedded().unwrap());
        let finder = MentionFinder::new(schema);
        let mut doc = Document::new("t", text);
        segment(&mut doc);
        finder.process(&mut doc).unwrap();
        doc.mentions
            .iter()
            .filter(|m| !m.tentative)
            .map(|m| (m.text.clone(), m.canonical.clone()))
            .collect()
    }

    fn party_of(found: &[(String, Option<String>)], text: &str) -> Option<String> {
        found
            .iter()
            .find(|(t, _)| t == text)
            .and_then(|(_, c)| c.clone())
    }

    #[test]
    fn a_party_word_of_an_affiliation_names_the_party() {
        let found = canonical_mentions(
            "Republican committee member Ana Ruiz spoke. Democratic lawmakers and \
             Republicans in the Senate met. Tory MPs and Labour voters left. The GOP agreed.",
        );
        for (word, party) in [
            ("Republican", "Republican Party"),
            ("Democratic", "Democratic Party"),
            ("Republicans", "Republican Party"),
            ("Tory", "Conservative Party"),
            ("Labour", "Labour Party"),
            ("GOP", "Republican Party"),
        ] {
            assert_eq!(
                party_of(&found, word).as_deref(),
                Some(party),
                "{word}: {found:?}"
            );
        }
        assert!(found.iter().any(|(t, _)| t == "Ana Ruiz"), "{found:?}");
    }

    #[test]
    fn party_words_in_other_names_or_roles_name_no_party() {
        let found = canonical_mentions(
            "Democratic reforms came to the Dominican Republic. The Liberal Democrats and the \
             Republican Guard met. Labor Secretary Ana Ruiz spoke to every Democrat.",
        );
        for word in ["Democratic", "Democrats", "Republican", "Labor", "Democrat"] {
            assert!(party_of(&found, word).is_none(), "{word}: {found:?}");
        }
    }

    #[test]
    fn a_party_the_article_names_in_full_gives_its_name_to_its_word() {
        let found = canonical_mentions(
            "The Australian Labor Party won the seat. Labor leader Ana Ruiz thanked Labor voters.",
        );
        let name = party_of(&found, "Labor").expect("Labor names the party");
        assert!(name.ends_with("Labor Party"), "{found:?}");
    }

    #[test]
    fn a_possessive_before_a_place_word_is_part_of_the_place() {
        let found = mentions("The sergeant, from Hawke's Bay, New Zealand, died on Friday.");
        assert!(has(&found, "Hawke's Bay", "Location"), "{found:?}");
        // a known name's possessive stays a possessive
        let found = mentions("Officials met at Peru's Port Authority on Friday.");
        assert!(!has_part(&found, "Peru's"), "{found:?}");
    }

    #[test]
    fn a_compass_word_and_a_known_place_close_a_bodys_name() {
        let found = mentions("She studied at the University of the South Pacific in Fiji.");
        assert!(
            has(&found, "University of the South Pacific", "Organization"),
            "{found:?}"
        );
        assert!(!has_text(&found, "Pacific"), "{found:?}");
    }

    #[test]
    fn a_common_given_name_makes_a_person() {
        let found = mentions("She took a chemistry course from Teresa Marlowe last year.");
        assert!(has(&found, "Teresa Marlowe", "Person"), "{found:?}");
    }

    #[test]
    fn a_body_of_a_place_is_an_organization() {
        let found = mentions("He studied at the University of Cape Town before the war.");
        assert!(
            has(&found, "University of Cape Town", "Organization"),
            "{found:?}"
        );
        let found = mentions("Officials at Tarvel Pharmaceuticals said the drug was safe.");
        assert!(
            has(&found, "Tarvel Pharmaceuticals", "Organization"),
            "{found:?}"
        );
    }

    #[test]
    fn a_name_coordinated_with_a_persons_is_a_person() {
        let found =
            mentions("Commentators such as Brit Hale and Chris Wallace described it as flat.");
        assert!(has(&found, "Brit Hale", "Person"), "{found:?}");
    }

    #[test]
    fn a_name_cut_before_a_lower_case_word_takes_it_back() {
        let found = mentions(
            "They emailed Tarvel Cloud Services in May. Later Tarvel Cloud services answered.",
        );
        assert!(has_text(&found, "Tarvel Cloud services"), "{found:?}");
        assert!(!has_text(&found, "Tarvel Cloud"), "{found:?}");
    }

    #[test]
    fn a_trade_noun_or_an_apposition_types_an_organization() {
        // a noun of trade before a one-word name
        let found = tagged_mentions("The Danish shipping firm Kelvaro sent a second vessel.");
        assert!(has(&found, "Kelvaro", "Organization"), "{found:?}");
        let found = tagged_mentions("Talks with the Latvian gas producer Vendrel stalled in May.");
        assert!(has(&found, "Vendrel", "Organization"), "{found:?}");
        // an apposition headed by such a noun, closed by punctuation
        let found =
            tagged_mentions("Prosecutors said he tried to extort Qorvana, a Dutch drug maker.");
        assert!(has(&found, "Qorvana", "Organization"), "{found:?}");
        // a trade noun that also names people leaves a person's name alone
        let found = tagged_mentions("The song was written by record producer Teresa Malvin.");
        assert!(has(&found, "Teresa Malvin", "Person"), "{found:?}");
        // an apposition that does not close is a clause: "the party" is its subject
        let found =
            tagged_mentions("According to Orvik Halden, the opposition party was ready to talk.");
        assert!(!has(&found, "Orvik Halden", "Organization"), "{found:?}");
    }

    #[test]
    fn a_speaker_label_in_double_parentheses_is_no_name() {
        let found = mentions("((XR)) How did the vote go?\n\n((Ana Velkova)) It went well.");
        assert!(!has_text(&found, "XR"), "{found:?}");
        assert!(has_text(&found, "Ana Velkova"), "{found:?}");
    }

    #[test]
    fn a_place_after_a_given_name_is_a_surname() {
        let found = mentions("Brian Lisbon and Karen Oslo spoke to the press in Lisbon.");
        assert!(has(&found, "Brian Lisbon", "Person"), "{found:?}");
        assert!(has(&found, "Karen Oslo", "Person"), "{found:?}");
        // the place itself is still a place
        assert!(
            found
                .iter()
                .any(|(t, ty, _)| t == "Lisbon" && ty != "Person"),
            "{found:?}"
        );
    }

    #[test]
    fn a_town_opening_a_name_whose_surname_stands_alone_is_a_person() {
        let found = tagged_mentions(
            "Denver Kolvik and Austin Brell attended. Later Kolvik said the talks went well.",
        );
        assert!(has(&found, "Denver Kolvik", "Person"), "{found:?}");
        assert!(
            !has_text(&found, "Denver Kolvik and Austin Brell"),
            "{found:?}"
        );
    }

    #[test]
    fn well_known_companies_need_no_word_saying_what_they_are() {
        let found = tagged_mentions("Nike and Boeing pledged $5 million to the relief fund.");
        assert!(has(&found, "Nike", "Organization"), "{found:?}");
        assert!(has(&found, "Boeing", "Organization"), "{found:?}");
        // a company's name opening a longer name gives way to it
        let found = tagged_mentions("The Tesla of Nikola Tesla Museum fame was no car maker.");
        assert!(!has(&found, "Tesla", "Organization"), "{found:?}");
    }

    #[test]
    fn a_quoted_nickname_splits_no_name() {
        let found = tagged_mentions("Police said Carlos \"El Gordo\" Ramírez was arrested.");
        assert!(has(&found, "Carlos Ramírez", "Person"), "{found:?}");
        assert!(!has_text(&found, "El Gordo"), "{found:?}");
        // quoted words between two names that do not make a person stay apart
        let found = tagged_mentions("Dorvale \"Harbour\" Trust said so.");
        assert!(!has_part(&found, "Dorvale Trust"), "{found:?}");
    }

    #[test]
    fn a_campus_is_part_of_its_university_name() {
        let found =
            tagged_mentions("A researcher at the University of Colorado at Boulder said so.");
        assert!(
            has(&found, "University of Colorado at Boulder", "Organization"),
            "{found:?}"
        );
        assert!(!has_text(&found, "Boulder"), "{found:?}");
        // "at" after other bodies is a place of their own
        let found = tagged_mentions("The Marlow Council met at Boulder on Monday.");
        assert!(!has_part(&found, "Council met"), "{found:?}");
        assert!(has_text(&found, "Boulder"), "{found:?}");
    }

    #[test]
    fn a_regnal_number_closes_a_titled_name() {
        let found = tagged_mentions("Pope Benedict XVI visited the town with King Harald XI.");
        assert!(has(&found, "Benedict XVI", "Person"), "{found:?}");
        assert!(has(&found, "Harald XI", "Person"), "{found:?}");
        // without a title the numeral is a sequel's
        let found = tagged_mentions("Fans queued to see Rocky II on Friday.");
        assert!(!has(&found, "Rocky II", "Person"), "{found:?}");
    }

    #[test]
    fn a_place_word_after_a_given_name_can_be_a_surname() {
        let found =
            tagged_mentions("Darrell Castle, the party's candidate, said he would run again.");
        assert!(has(&found, "Darrell Castle", "Person"), "{found:?}");
        let found = tagged_mentions("The plane landed at Bradley Airport on Sunday.");
        assert!(!has(&found, "Bradley Airport", "Person"), "{found:?}");
    }

    #[test]
    fn a_country_closing_a_body_name_is_part_of_it() {
        let found = tagged_mentions("Environment Canada issued a warning on Monday.");
        assert!(
            has(&found, "Environment Canada", "Organization"),
            "{found:?}"
        );
        // a national team is its country
        let found = tagged_mentions("Team Canada won the final on Monday.");
        assert!(has(&found, "Canada", "Country"), "{found:?}");
    }

    #[test]
    fn a_nickname_that_is_a_given_name_is_the_name_used() {
        let found = tagged_mentions("Police sergeant Matiu \"Matt\" Ratana was shot on Friday.");
        assert!(has(&found, "Matt Ratana", "Person"), "{found:?}");
        assert!(!has_text(&found, "Matiu"), "{found:?}");
    }

    #[test]
    fn ships_registrations_tickets_and_titles_name_no_person() {
        let found = tagged_mentions("Their ship, MV Professor Albrecht Penck, was renamed.");
        assert!(
            has(&found, "MV Professor Albrecht Penck", "Product"),
            "{found:?}"
        );
        assert!(!has_text(&found, "Albrecht Penck"), "{found:?}");
        let found = tagged_mentions("The jet, registered EP-CPP, crashed near Dorvale.");
        assert!(!has_text(&found, "EP-CPP"), "{found:?}");
        let found = tagged_mentions("Scientists at C-MORE said the bloom was large.");
        assert!(has_text(&found, "C-MORE"), "{found:?}");
        let found = tagged_mentions(
            "Ana Browne and Jo Jorgensen spoke. The Browne-Jorgensen ticket won votes.",
        );
        assert!(!has_text(&found, "Browne-Jorgensen"), "{found:?}");
        let found =
            tagged_mentions("Biden picked Harris, saying Vice President and Harris would win.");
        assert!(!has_part(&found, "President and Harris"), "{found:?}");
    }
}
