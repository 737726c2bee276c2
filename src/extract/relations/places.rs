//! Located-in from place-name constructions: "Arden, Westshire", "Elm Road in Arden",
//! "an airbase near Lima", "the Peruvian port city of Callao".

use std::collections::{HashMap, HashSet};

use super::view::{is_possessive, Arg, ArgKind, SentenceArgs};
use super::{relation, Candidate, Context, RelationExtractor, Rule};
use crate::doc::{Document, MentionKind};
use crate::schema::Schema;

/// Word lists for reading places.
#[derive(Debug, Clone)]
pub(super) struct PlaceWords {
    /// Lower-case nouns for kinds of places ("city", "town").
    nouns: HashSet<String>,
    /// Lower-case demonym → the country's canonical name.
    demonyms: HashMap<String, String>,
}

impl PlaceWords {
    /// Collects the word lists of the schema.
    pub fn new(schema: &Schema) -> Self {
        let mut demonyms = HashMap::new();
        for e in schema
            .gazetteer
            .iter()
            .filter(|e| e.entity_type.is("Country"))
        {
            for d in &e.demonyms {
                demonyms
                    .entry(d.to_lowercase())
                    .or_insert_with(|| e.name.clone());
            }
        }
        PlaceWords {
            nouns: schema
                .lexicon
                .place_nouns
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            demonyms,
        }
    }
}

impl PlaceWords {
    /// Whether the lower-case word is a noun for a kind of place.
    pub fn is_place_noun(&self, word: &str) -> bool {
        self.nouns.contains(word)
    }
}

fn is_place(doc: &Document, a: &Arg) -> bool {
    let t = &doc.entities[a.entity].entity_type;
    t.is("Location") || t.is("Country")
}

/// Whether the places after `b` continue a list ("Paris, London and Berlin").
fn list_follows(doc: &Document, sa: &SentenceArgs, b: &Arg) -> bool {
    let mut cur = *b;
    for _ in 0..4 {
        let Some(next) = sa
            .args
            .iter()
            .find(|n| n.start > cur.start && n.start >= cur.end)
        else {
            return false;
        };
        let gap: Vec<&str> = (cur.end..next.start).map(|t| doc.token_text(t)).collect();
        match gap.as_slice() {
            ["and"] | ["or"] | [",", "and"] | [",", "or"] => return is_place(doc, next),
            [","] if is_place(doc, next) => cur = *next,
            _ => return false,
        }
    }
    false
}

/// Whether `a` is itself the later part of a list ("Berlin, Paris, London").
fn list_precedes(doc: &Document, sa: &SentenceArgs, a: &Arg) -> bool {
    sa.args.iter().any(|p| {
        p.end + 1 == a.start
            && matches!(doc.token_text(p.end), "," | "and" | "or")
            && is_place(doc, p)
    })
}

/// Reads located-in relations.
pub(super) fn read(x: &RelationExtractor, cx: &Context<'_>, out: &mut Vec<Candidate>) {
    let doc = cx.doc;
    for sa in &cx.sentences {
        let named: Vec<&Arg> = sa.args.iter().filter(|a| !a.is_anaphor()).collect();
        for a in &named {
            if a.end + 1 >= sa.end {
                continue;
            }
            let mut push = |target: &Arg, rule: Rule, trigger: (usize, usize), trust: f32| {
                out.push(Candidate {
                    relation: relation("located-in"),
                    source: a.entity,
                    target: target.entity,
                    sentence: sa.sentence,
                    trigger,
                    rule,
                    trust,
                })
            };
            let org = doc.entities[a.entity].entity_type.is("Organization");
            let trust = if org { 0.8 } else { 1.0 };
            let next = doc.token_text(a.end).to_lowercase();
            // "Arden, Westshire"
            if next == "," {
                if let Some(b) = sa.starting_at(a.end + 1) {
                    let after = (b.end < sa.end).then(|| doc.token_text(b.end));
                    let closes = after.is_none_or(|w| {
                        matches!(w, "," | "." | ")" | ";" | ":" | "—" | "–" | "\"" | "”")
                            || w.starts_with(char::is_lowercase) && !matches!(w, "and" | "or")
                    });
                    if is_place(doc, b)
                        && !org
                        && closes
                        && !after.is_some_and(is_possessive)
                        && !list_follows(doc, sa, b)
                        && !list_precedes(doc, sa, a)
                    {
                        push(b, Rule::PlaceComma, (a.end, a.end + 1), trust);
                    }
                }
                continue;
            }
            // "Elm Road in Arden", "an airbase near Lima"
            let rule = match next.as_str() {
                "in" => Rule::PlaceIn,
                "near" | "outside" => Rule::PlaceNear,
                _ => continue,
            };
            let mut j = a.end + 1;
            if j < sa.end && doc.token_text(j).eq_ignore_ascii_case("the") {
                j += 1;
            }
            // a capital standing for its government is no place here ("the ministry in Lima")
            let metonym = |b: &Arg| b.kind == ArgKind::Mention(MentionKind::Metonym);
            if let Some(b) = sa
                .starting_at(j)
                .filter(|b| is_place(doc, b) && !metonym(b))
            {
                if !list_follows(doc, sa, b) {
                    push(b, rule, (a.end, a.end + 1), trust);
                }
            }
        }
        kind_of_place(x, doc, sa, out);
    }
}

/// "the Peruvian port city of Callao", "Peru's capital, Lima": a place whose kind is
/// given with its country.
fn kind_of_place(
    x: &RelationExtractor,
    doc: &Document,
    sa: &SentenceArgs,
    out: &mut Vec<Candidate>,
) {
    for p in sa.start..sa.end {
        if !x.places.nouns.contains(&doc.token_text(p).to_lowercase()) {
            continue;
        }
        // the place: "of X", ", X" or "X" right after the noun
        let mut j = p + 1;
        if j < sa.end && matches!(doc.token_text(j), "of" | ",") {
            j += 1;
        }
        let Some(place) = sa
            .starting_at(j)
            .filter(|a| doc.entities[a.entity].entity_type.is("Location"))
        else {
            continue;
        };
        // the country: a demonym or possessive name up to three words before the noun
        let floor = p.saturating_sub(4).max(sa.start);
        let country = sa.args.iter().rev().find(|c| {
            c.start >= floor
                && c.end <= p
                && doc.entities[c.entity].entity_type.is("Country")
                && (x.places.demonyms.contains_key(
                    &doc.span_text(doc.tokens_span(c.start, c.end))
                        .to_lowercase(),
                ) || (c.end < p && is_possessive(doc.token_text(c.end))))
                && (c.end..p).all(|k| {
                    let w = doc.token_text(k);
                    is_possessive(w) || w.chars().all(|ch| ch.is_lowercase() || ch == '-')
                })
        });
        if let Some(c) = country {
            out.push(Candidate {
                relation: relation("located-in"),
                source: place.entity,
                target: c.entity,
                sentence: sa.sentence,
                trigger: (p, p + 1),
                rule: Rule::PlaceOfKind,
                trust: 1.0,
            });
        }
    }
}
