//! Located-in from place-name constructions: "Arden, Westshire", "Elm Road in Arden",
//! "an airbase near Lima", "the Peruvian port city of Callao", "Arden, a town in northern
//! Westshire", "Arden, Westshire, Peru".

use std::collections::{HashMap, HashSet};

use super::view::{is_possessive, Arg, ArgKind, SentenceArgs};
use super::{relation, Candidate, Context, RelationExtractor, Rule};
use crate::doc::{Document, MentionKind, Upos};
use crate::schema::Schema;

/// Word lists for reading places.
#[derive(Debug, Clone)]
pub(super) struct PlaceWords {
    /// Lower-case nouns for kinds of places ("city", "town").
    nouns: HashSet<String>,
    /// Lower-case demonym → the country's canonical name.
    demonyms: HashMap<String, String>,
    /// Lower-case words for a part of a place ("northern", "downtown"), skipped between a
    /// preposition and the place it introduces ("in northern Peru"); only in lower case, since
    /// capitalised they start a name ("in North Korea").
    parts: HashSet<String>,
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
            parts: schema
                .lexicon
                .place_parts
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
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
    // a list may be long ("Alabama, Arkansas, California, … and Virginia")
    for _ in 0..40 {
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

/// The first token after `j` that is not "the" or a word for a part of a place (at most
/// three skipped: "the northern", "south-western").
fn past_part_words(
    x: &RelationExtractor,
    doc: &Document,
    sa: &SentenceArgs,
    mut j: usize,
) -> usize {
    for _ in 0..3 {
        if j < sa.end
            && (doc.token_text(j).eq_ignore_ascii_case("the")
                || x.places.parts.contains(doc.token_text(j)))
        {
            j += 1;
        }
    }
    j
}

/// The places joined to `a` by single commas, in order, `a` included ("Arden, Westshire, Peru").
fn comma_run<'s>(doc: &Document, sa: &'s SentenceArgs, a: &'s Arg) -> Vec<&'s Arg> {
    let mut run = vec![a];
    while let Some(prev) = sa
        .args
        .iter()
        .find(|p| p.end + 1 == run[0].start && doc.token_text(p.end) == "," && is_place(doc, p))
    {
        run.insert(0, prev);
    }
    while let Some(next) = sa.args.iter().find(|n| {
        let last = run[run.len() - 1];
        n.start == last.end + 1 && doc.token_text(last.end) == "," && is_place(doc, n)
    }) {
        run.push(next);
    }
    run
}

/// Whether `a` is in a chain of places from small to large that ends with its country
/// ("Arden, Westshire, Peru"), as opposed to a list ("Paris, London, Berlin and Rome"): three
/// or more places by single commas, the last one the only country, and no "and"/"or" after it.
fn in_place_chain(doc: &Document, sa: &SentenceArgs, a: &Arg) -> bool {
    let run = comma_run(doc, sa, a);
    let country = |p: &Arg| doc.entities[p.entity].entity_type.is("Country");
    let Some((last, inner)) = run.split_last() else {
        return false;
    };
    run.len() >= 3
        && country(last)
        && !inner.iter().any(|p| country(p))
        && !list_follows(doc, sa, last)
}

/// "Arden, a market town in northern Westshire", "Arden, the capital of Westshire", "Arden, in
/// Westshire": the place of `a` given by an apposition. Returns the place and the
/// preposition's token.
fn apposition_place<'s>(
    x: &RelationExtractor,
    doc: &Document,
    sa: &'s SentenceArgs,
    a: &Arg,
) -> Option<(&'s Arg, usize)> {
    let mut j = a.end + 1; // past the comma
    let mut last_word: Option<String> = None;
    // at most an article and five words describing the place: adjectives, nouns,
    // demonyms, numbers ("a small fishing town", "a British territory")
    for _ in 0..6 {
        if j >= sa.end {
            return None;
        }
        let word = doc.token_text(j);
        let lower = word.to_lowercase();
        if matches!(lower.as_str(), "in" | "near" | "outside" | "of") {
            break;
        }
        let describes = match doc.tokens[j].upos {
            Upos::Det => last_word.is_none(),
            Upos::Adj | Upos::Noun | Upos::Num => word.starts_with(|c: char| !c.is_uppercase()),
            _ => false,
        } || x.places.demonyms.contains_key(&lower)
            || matches!(
                lower.as_str(),
                "located" | "based" | "situated" | "headquartered" | "centred" | "centered"
            );
        if !describes {
            return None;
        }
        last_word = Some(lower);
        j += 1;
    }
    let preposition = j;
    let of = doc.token_text(j).eq_ignore_ascii_case("of");
    // "of" places only after a kind of place ("the capital of", "a suburb of")
    if of
        && !last_word
            .as_deref()
            .is_some_and(|w| x.places.is_place_noun(w))
    {
        return None;
    }
    let b = sa.starting_at(past_part_words(x, doc, sa, j + 1))?;
    let metonym = b.kind == ArgKind::Mention(MentionKind::Metonym);
    (is_place(doc, b) && !metonym && b.entity != a.entity && !list_follows(doc, sa, b))
        .then_some((b, preposition))
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
            // "the Bay area of Westshire", "the Arden district of Lima": the kind of place, then
            // the place it is of
            if !org && is_place(doc, a) && x.places.is_place_noun(&next) {
                if let Some(b) = place_of_at(doc, sa, a.end + 1) {
                    push(b, Rule::PlaceOfKind, (a.end, a.end + 1), trust);
                    continue;
                }
            }
            // "Westshire's Arden Park": a place owned by a place
            if is_possessive(&next)
                && is_place(doc, a)
                && a.kind != ArgKind::Mention(MentionKind::Metonym)
            {
                if let Some(b) = sa
                    .starting_at(a.end + 1)
                    .filter(|b| doc.entities[b.entity].entity_type.is("Location") && !b.modifier)
                {
                    out.push(Candidate {
                        relation: relation("located-in"),
                        source: b.entity,
                        target: a.entity,
                        sentence: sa.sentence,
                        trigger: (a.end, a.end + 1),
                        rule: Rule::PlaceOfKind,
                        trust: 1.0,
                    });
                    continue;
                }
            }
            // "Arden, Westshire's capital", "Arden, Peru's largest port": the kind of place
            // owned by a place
            if next == "," && !org {
                if let Some(b) = owner_of_kind(x, doc, sa, a.end + 1) {
                    push(b, Rule::PlaceOfKind, (a.end, a.end + 1), trust);
                    continue;
                }
            }
            // "Arden, a market town in Westshire"; "Arden is a market town in Westshire": the
            // apposition's description, also after a copula
            let copula_description =
                matches!(next.as_str(), "is" | "was") && !org && is_place(doc, a);
            if next == "," || copula_description {
                if let Some((b, preposition)) = apposition_place(x, doc, sa, a) {
                    push(
                        b,
                        Rule::PlaceApposition,
                        (preposition, preposition + 1),
                        trust,
                    );
                    continue;
                }
            }
            // "Arden, Westshire"
            if next == "," {
                let chain = in_place_chain(doc, sa, a);
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
                        && (chain || !list_follows(doc, sa, b) && !list_precedes(doc, sa, a))
                    {
                        push(b, Rule::PlaceComma, (a.end, a.end + 1), trust);
                    }
                }
                continue;
            }
            // "the council is based in Lima", "an office located in Lima": past the participle
            let mut at = a.end;
            if matches!(next.as_str(), "is" | "was" | "are" | "were") && at + 2 < sa.end {
                at += 1;
            }
            if matches!(
                doc.token_text(at).to_lowercase().as_str(),
                "based" | "located" | "situated" | "headquartered"
            ) && at + 1 < sa.end
                && doc.token_text(at + 1).eq_ignore_ascii_case("in")
            {
                at += 1;
            } else {
                at = a.end;
            }
            let a_end = at;
            let next = doc.token_text(at).to_lowercase();
            // "Elm Road in Arden", "an airbase near Lima"
            let rule = match next.as_str() {
                "in" => Rule::PlaceIn,
                "near" | "outside" => Rule::PlaceNear,
                _ => continue,
            };
            let j = past_part_words(x, doc, sa, a_end + 1);
            // a capital standing for its government is no place here ("the ministry in Lima")
            let metonym = |b: &Arg| b.kind == ArgKind::Mention(MentionKind::Metonym);
            if let Some(b) = sa
                .starting_at(j)
                .filter(|b| is_place(doc, b) && !metonym(b))
            {
                if !list_follows(doc, sa, b) {
                    push(b, rule, (a_end, a_end + 1), trust);
                }
            } else if j > a_end + 1 && doc.token_text(j - 1).eq_ignore_ascii_case("the") {
                // "Arden in the province of Westshire"
                let mut k = j;
                while k < sa.end
                    && k < j + 2
                    && !x.places.is_place_noun(&doc.token_text(k).to_lowercase())
                {
                    let w = doc.token_text(k);
                    if !w.chars().all(|c| c.is_lowercase() || c == '-') {
                        break;
                    }
                    k += 1;
                }
                if k < sa.end && x.places.is_place_noun(&doc.token_text(k).to_lowercase()) {
                    if let Some(b) = place_of_at(doc, sa, k + 1).filter(|b| !metonym(b)) {
                        push(b, rule, (a_end, a_end + 1), trust);
                    }
                }
            }
        }
        kind_of_place(x, doc, sa, out);
        based_in(doc, sa, out);
    }
}

/// "the Lima-based Andean Council", "the Andean Council, a Lima-based group": an organisation
/// located in the place its "-based" modifier names.
fn based_in(doc: &Document, sa: &SentenceArgs, out: &mut Vec<Candidate>) {
    let is_org = |a: &Arg| !a.is_anaphor() && doc.entities[a.entity].entity_type.is("Organization");
    for place in sa
        .args
        .iter()
        .filter(|a| !a.is_anaphor() && is_place(doc, a))
    {
        // the mention layer names the place inside the one token "Lima-based"
        let last = doc.token_text(place.end - 1).to_lowercase();
        if !last.ends_with("-based") || last == "-based" {
            continue;
        }
        let after = sa.starting_at(place.end).filter(|b| is_org(b));
        // ", a Lima-based group": the organisation before the apposition
        let before = || {
            let k = place.start;
            (k >= sa.start + 2
                && matches!(
                    doc.token_text(k - 1).to_lowercase().as_str(),
                    "a" | "an" | "the"
                )
                && doc.token_text(k - 2) == ",")
                .then(|| sa.args.iter().rev().find(|b| b.end == k - 2 && is_org(b)))
                .flatten()
        };
        if let Some(org) = after.or_else(before) {
            out.push(Candidate {
                relation: relation("located-in"),
                source: org.entity,
                target: place.entity,
                sentence: sa.sentence,
                trigger: (place.start, place.end),
                rule: Rule::PlaceIn,
                trust: 0.9,
            });
        }
    }
}

/// "the Peruvian port city of Callao", "Peru's capital, Lima", "the US state of Ohio": a place
/// whose kind is given with its country.
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
        let is_location = |a: &&Arg| doc.entities[a.entity].entity_type.is("Location");
        let Some(place) = sa
            .starting_at(j)
            .filter(is_location)
            .or_else(|| place_before_kind(doc, sa, p).filter(is_location))
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
                ) || (c.end < p && is_possessive(doc.token_text(c.end)))
                    // "the US state of Alabama", "the U.S. capital city of Washington": the
                    // country's name as a modifier, only describing words between
                    || (c.end..p).all(|k| matches!(doc.tokens[k].upos, Upos::Noun | Upos::Adj)))
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
        } else if let Some(c) = country_in_context(doc, sa, p, place, out) {
            out.push(Candidate {
                relation: relation("located-in"),
                source: place.entity,
                target: c,
                sentence: sa.sentence,
                trigger: (p, p + 1),
                rule: Rule::PlaceOfKind,
                trust: 0.8,
            });
        }
    }
}

/// The country of "the capital, Asmara" or "the town of Yeoncheon" when no word of the phrase
/// names it: the one country the sentence names, else the country the article is mostly about.
/// Only for a capital, town, village or island after a bare "the" (not "a town", "the Chilean
/// town", "his home town"), and a place nothing else places.
fn country_in_context(
    doc: &Document,
    sa: &SentenceArgs,
    noun: usize,
    place: &Arg,
    out: &[Candidate],
) -> Option<usize> {
    if noun <= sa.start || doc.token_text(noun - 1) != "the" {
        return None;
    }
    // a state, province or city has a country of its own level to be placed in by the annotator
    // ("Wisconsin", "the city of Seattle"), a capital, town, village or island seldom does
    if !matches!(
        doc.token_text(noun),
        "capital" | "town" | "village" | "island"
    ) {
        return None;
    }
    let placed = out
        .iter()
        .any(|c| c.source == place.entity && c.relation.as_str() == "located-in");
    if placed {
        return None;
    }
    let countries: std::collections::HashSet<usize> = sa
        .args
        .iter()
        .filter(|a| !a.is_anaphor() && doc.entities[a.entity].entity_type.is("Country"))
        .map(|a| a.entity)
        .collect();
    let country = match countries.len() {
        0 => super::roles::dominant_country(doc)?,
        1 => countries.into_iter().next()?,
        _ => return None,
    };
    (country != place.entity).then_some(country)
}

/// "Lima, the Peruvian capital": the place in apposition before the kind of place at token
/// `p` ("X, the|a [lower-case words] NOUN"), when the noun ends the phrase.
fn place_before_kind<'s>(doc: &Document, sa: &'s SentenceArgs, p: usize) -> Option<&'s Arg> {
    let closes = p + 1 >= sa.end || matches!(doc.token_text(p + 1), "," | "." | ";" | ")");
    if !closes {
        return None;
    }
    let det = (p.saturating_sub(5).max(sa.start + 1)..p)
        .rev()
        .find(|&k| matches!(doc.token_text(k).to_lowercase().as_str(), "the" | "a"))?;
    if det < sa.start + 2 || doc.token_text(det - 1) != "," {
        return None;
    }
    sa.args
        .iter()
        .find(|a| a.end == det - 1 && !a.is_anaphor() && !a.modifier)
}

/// The place named after "of" at token `j` ("of Westshire" after "the province"), if it ends the
/// phrase rather than opening a list.
fn place_of_at<'s>(doc: &Document, sa: &'s SentenceArgs, j: usize) -> Option<&'s Arg> {
    if j + 1 >= sa.end || doc.token_text(j) != "of" {
        return None;
    }
    let mut k = j + 1;
    if doc.token_text(k).eq_ignore_ascii_case("the") {
        k += 1;
    }
    sa.starting_at(k)
        .filter(|b| is_place(doc, b) && !b.modifier && !list_follows(doc, sa, b))
        .filter(|b| b.end >= sa.end || !is_possessive(doc.token_text(b.end)))
}

/// The place that owns a kind of place at token `j`: "Westshire's capital", "Peru's largest
/// port" (a possessive, at most two lower-case words, a noun for a kind of place, and the
/// phrase's end).
fn owner_of_kind<'s>(
    x: &RelationExtractor,
    doc: &Document,
    sa: &'s SentenceArgs,
    j: usize,
) -> Option<&'s Arg> {
    let b = sa.starting_at(j).filter(|b| is_place(doc, b))?;
    if b.end + 2 >= sa.end || !is_possessive(doc.token_text(b.end)) {
        return None;
    }
    let mut k = b.end + 1;
    while k < sa.end && k < b.end + 4 {
        let w = doc.token_text(k).to_lowercase();
        if x.places.is_place_noun(&w) {
            let closes = k + 1 >= sa.end
                || matches!(doc.token_text(k + 1), "," | "." | ";" | ")" | "—" | "–");
            return closes.then_some(b);
        }
        if !w.chars().all(|c| c.is_lowercase() || c == '-') {
            return None;
        }
        k += 1;
    }
    None
}
