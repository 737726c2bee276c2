//! Entity resolution inside a document: one entity per actor, with the reason for every merge.
//!
//! Mentions are grouped in steps, each of which writes a [`MergeNote`] for what it joins:
//!
//! 1. A capital city acting ("Moscow said", "Lima's foreign ministry", "Ambassador to
//!    Athens") is its country; named as a place ("near Moscow") it stays a Location, and that
//!    form is then no alias of the country.
//! 2. Mentions with the same key make one entity: gazetteer forms meet in their canonical
//!    name (U.S. / US / USA / America / the United States), organisations in a key that
//!    reads "Ministry of Defense" and "Defense Ministry" alike, an organisation named
//!    after a country ("Peruvian Defense Forces", "Peru's Foreign Ministry") in its country
//!    and the rest of its name ("Peru Defense Forces" is the same body).
//! 3. Entities meet: an unqualified body and the one qualified body of that name
//!    ("Defense Ministry" → "Russian Defense Ministry"); an acronym and its long name, by
//!    parentheses ("World Health Organization (WHO)") or initials; a short name and the name
//!    with a designator ("Veltra" / "Veltra Holdings", "Gaza" / "Gaza Strip"); one-letter
//!    misspellings ("Uinted Nations").
//! 4. A part of a person's name joins the full name: surname, given name, a multi-word
//!    surname, or the name without middle names; when two people share a surname, the one
//!    named last before the mention.
//! 5. Remaining words: "the ministry" is the last organisation named with that word, "the
//!    House" the one organisation whose name it opens, "the North" the one country named
//!    "North ..."; an unknown word after a title is a person, after "near" a place.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use super::names::{
    acronym_matches, fold, is_acronym, near_spelling, organization_key, person_part_within_article,
    strip_possessive, words,
};
use crate::doc::{Document, Entity, MentionKind, MentionSource, MergeNote};
use crate::error::Result;
use crate::pipeline::Component;
use crate::schema::{inflections, node_id, EntityType, Schema};

/// Prepositions after which an unknown capitalised word is a place ("near Vellmar").
const PLACE_PREPOSITIONS: &[&str] = &["in", "near", "at", "outside", "around"];

/// Nouns before "of" that make the name after them a place ("the town of Vellmar").
const SETTLEMENT_NOUNS: &[&str] = &[
    "town",
    "city",
    "village",
    "region",
    "province",
    "district",
    "state",
    "island",
    "port",
    "county",
    "municipality",
    "capital",
    "outskirts",
    "suburb",
    "area",
];

/// Prepositions after which a capital is a place, not its government ("flew to Moscow").
const LOCATIVE_PREPOSITIONS: &[&str] = &[
    "in", "near", "at", "outside", "around", "from", "into", "to", "toward", "towards", "via",
    "across", "through", "inside", "within", "of",
];

/// Words after a possessive capital that make it a place ("Moscow's airport").
const PLACE_NOUNS: &[&str] = &[
    "airport",
    "streets",
    "street",
    "suburbs",
    "outskirts",
    "mayor",
    "residents",
    "center",
    "centre",
    "city",
    "downtown",
    "airspace",
    "skyline",
    "population",
    "hospitals",
];

/// Words after which a capital stands for the government it hosts ("Ambassador to Athens").
const DIPLOMATIC_WORDS: &[&str] = &[
    "ambassador",
    "envoy",
    "embassy",
    "relations",
    "ties",
    "talks",
    "emissary",
];

/// Last words of organisation names that do not make another body ("Veltra Holdings" is
/// Veltra, "CBC News" is CBC, but "UN Security Council" is not the UN).
const ORGANIZATION_DESIGNATORS: &[&str] = &[
    "news",
    "agency",
    "holdings",
    "group",
    "party",
    "university",
    "corporation",
    "corp",
    "company",
    "co",
    "inc",
    "ltd",
    "limited",
    "plc",
    "network",
    "newspaper",
    "broadcasting",
    "airlines",
    "airways",
    "international",
    "foundation",
    "institute",
    "movement",
    "society",
    "association",
    "trust",
];

/// Last words of place names that do not make another place ("Gaza Strip", "Marno Region").
const LOCATION_DESIGNATORS: &[&str] = &[
    "strip",
    "region",
    "province",
    "island",
    "islands",
    "city",
    "district",
    "county",
    "governorate",
    "prefecture",
    "territory",
    "municipality",
    "airport",
    "international",
    "airbase",
];

/// Designators of airports: "Fath" / "Fath Airport" is one place when "Fath" is known as
/// nothing else, but a known town ("Calicut") is not its airport.
const AIRPORT_DESIGNATORS: &[&str] = &["airport", "international", "airbase"];

/// Head words of bodies whose names are shortened by leaving words out ("Oversight
/// Committee" for "House Oversight and Reform Committee").
const BODY_HEADS: &[&str] = &[
    "committee",
    "commission",
    "agency",
    "council",
    "bureau",
    "board",
    "authority",
    "service",
    "society",
    "institute",
    "foundation",
    "association",
    "federation",
    "administration",
    "directorate",
    "tribunal",
];

/// Words that name no body by themselves: a short name of only these and a head word
/// ("National Committee", "Supreme Court") may be any of several bodies.
const GENERIC_BODY_WORDS: &[&str] = &[
    "national",
    "federal",
    "state",
    "states",
    "central",
    "general",
    "supreme",
    "high",
    "joint",
    "select",
    "special",
    "standing",
    "executive",
    "international",
    "world",
    "public",
    "the",
    "of",
    "and",
    "for",
    "on",
    "royal",
    "regional",
    "local",
    "city",
    "county",
    "district",
    "european",
    "new",
    "united",
    "permanent",
];

/// Whether every word of `short` is in `long`, in the same order.
fn is_subsequence(short: &[String], long: &[String]) -> bool {
    let mut rest = long.iter();
    short.iter().all(|w| rest.any(|x| x == w))
}

/// The pipeline component that groups mentions into [`Document::entities`].
#[derive(Debug, Clone)]
pub struct EntityResolver {
    /// Inflected verbs after which a capital city acts for its government ("Moscow said").
    acting_verbs: HashSet<String>,
    /// Lower-case last words of titles, before which an unknown word is a person.
    title_words: HashSet<String>,
    /// Country canonical name → its first demonym, to name bodies ("Greek Ministry of Foreign Affairs").
    demonyms: HashMap<String, String>,
    /// Nouns after a capital that make it its government ("Washington officials").
    country_agents: HashSet<String>,
}

impl EntityResolver {
    /// Builds the resolver from the schema's lexicon, triggers, titles and gazetteers.
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
            "has", "have", "had", "is", "was", "will", "would", "wants", "hopes", "says", "said",
            "could", "can", "should", "must", "may", "might", "did", "does",
        ] {
            acting_verbs.insert(aux.to_string());
        }
        let title_words = schema
            .titles
            .iter()
            .filter_map(|t| t.title.split_whitespace().last())
            .map(str::to_lowercase)
            .collect();
        let mut demonyms = HashMap::new();
        for e in &schema.gazetteer {
            if e.entity_type.is("Country") {
                if let Some(d) = e.demonyms.first() {
                    demonyms.entry(e.name.clone()).or_insert_with(|| d.clone());
                }
            }
        }
        EntityResolver {
            acting_verbs,
            title_words,
            demonyms,
            country_agents: schema.lexicon.country_agents.iter().cloned().collect(),
        }
    }

    /// Whether the capital named by tokens `start..end` stands for its government here
    /// rather than for the place: it is the subject of an action ("Moscow said", "Lima
    /// purchased"), owns something that is no place ("Lima's foreign ministry"), or is the
    /// far end of diplomacy ("Ambassador to Athens"). After "in", "near", "to"... it is a place.
    fn acts(&self, doc: &Document, start: usize, end: usize) -> bool {
        let sentence = doc.sentences[doc.tokens[start].sentence];
        let (s_start, s_end) = sentence.tokens;
        let before =
            |k: usize| (start >= s_start + k).then(|| doc.token_text(start - k).to_lowercase());
        if let Some(b) = before(1) {
            if matches!(b.as_str(), "to" | "with" | "and")
                && before(2).is_some_and(|w| DIPLOMATIC_WORDS.contains(&w.as_str()))
            {
                return true;
            }
            if LOCATIVE_PREPOSITIONS.contains(&b.as_str()) {
                return false;
            }
        }
        let mut k = end;
        if k < s_end && matches!(doc.token_text(k), "'s" | "’s") {
            let next = (k + 1 < s_end).then(|| doc.token_text(k + 1));
            return next
                .is_some_and(|w| !w.starts_with(char::is_uppercase) && !PLACE_NOUNS.contains(&w));
        }
        // skip an adverb: "Moscow previously said"
        while k < s_end && doc.token_text(k).ends_with("ly") {
            k += 1;
        }
        if k >= s_end {
            return true;
        }
        let next = doc.token_text(k);
        let lower = next.to_lowercase();
        if self.acting_verbs.contains(&lower)
            || (next == lower && lower.len() > 4 && lower.ends_with("ed"))
        {
            return true;
        }
        // "Lima, Peru": the place
        if next == "," && k + 1 < s_end && doc.token_text(k + 1).starts_with(char::is_uppercase) {
            return false;
        }
        // "a Moscow court", "Moscow time": a place; "Washington officials": the government
        if next == lower && next.chars().all(char::is_alphabetic) {
            return self.country_agents.contains(&lower);
        }
        // elsewhere ("the aid the U.S. has given Athens.", "talks between Lima and Beijing")
        // a capital that is not placed by a preposition is its government
        true
    }
}

/// Working state of one entity while mentions are added.
#[derive(Debug, Clone)]
struct Cluster {
    /// The name so far and how good a name it is (higher is better).
    name: String,
    /// `words(&name)`, kept with the name: pairwise comparisons read it many times.
    name_words: Vec<String>,
    name_rank: (u8, usize),
    entity_type: EntityType,
    /// A gazetteer's canonical name: never replaced.
    fixed_name: bool,
    /// For an organisation named after a country: that country and the rest's key.
    qualifier: Option<(String, String)>,
    /// Only weak evidence of its type (a city gazetteer match or a guess from capitals).
    weak: bool,
    /// Every mention comes from a capitalisation pattern (no gazetteer, no model).
    pattern_only: bool,
    mentions: Vec<usize>,
    merges: Vec<MergeNote>,
    alive: bool,
}

impl Cluster {
    /// The folded words of the name, computed once per name.
    fn words(&self) -> &[String] {
        &self.name_words
    }

    /// Replaces the name, and its folded words with it.
    fn set_name(&mut self, name: String) {
        self.name_words = words(&name);
        self.name = name;
    }

    fn offer_name(&mut self, name: &str, rank: (u8, usize)) {
        if !self.fixed_name && rank > self.name_rank {
            self.set_name(name.to_string());
            self.name_rank = rank;
        }
    }
}

/// The clusters and the mention → cluster assignment, with the operations every step uses.
struct Resolution {
    clusters: Vec<Cluster>,
    assignment: Vec<Option<usize>>,
    /// A longer surface form of a mention, with the country that qualifies it ("Peru
    /// Defense Forces" for the mention "Defense Forces"); it is an alias too.
    qualified_form: Vec<Option<String>>,
}

impl Resolution {
    /// Moves every mention of cluster `from` into `into`, noting why.
    fn merge(&mut self, doc: &Document, from: usize, into: usize, reason: String) {
        if from == into || !self.clusters[from].alive {
            return;
        }
        let moved = std::mem::take(&mut self.clusters[from].mentions);
        let notes = std::mem::take(&mut self.clusters[from].merges);
        self.clusters[from].alive = false;
        let (name, rank) = (
            self.clusters[from].name.clone(),
            self.clusters[from].name_rank,
        );
        let target = &mut self.clusters[into];
        let mut seen: BTreeSet<String> = BTreeSet::new();
        for &mi in &moved {
            let text = doc.mentions[mi].text.clone();
            if seen.insert(text.clone()) && text != target.name {
                target.merges.push(MergeNote {
                    alias: text,
                    reason: reason.clone(),
                });
            }
        }
        target.merges.extend(notes);
        if self.clusters[from].fixed_name && !self.clusters[into].fixed_name {
            let target = &mut self.clusters[into];
            target.set_name(name);
            target.fixed_name = true;
        } else {
            self.clusters[into].offer_name(&name, rank);
        }
        for &mi in &moved {
            self.assignment[mi] = Some(into);
        }
        self.clusters[into].mentions.extend(moved);
        self.clusters[into].mentions.sort_unstable();
    }

    /// Puts one mention into a cluster, noting why.
    fn assign(&mut self, doc: &Document, mi: usize, into: usize, reason: String) {
        if let Some(old) = self.assignment[mi] {
            if old == into {
                return;
            }
            let c = &mut self.clusters[old];
            c.mentions.retain(|&m| m != mi);
            if c.mentions.is_empty() {
                c.alive = false;
            }
        }
        self.assignment[mi] = Some(into);
        let c = &mut self.clusters[into];
        c.mentions.push(mi);
        c.mentions.sort_unstable();
        let text = &doc.mentions[mi].text;
        if *text != c.name && !reason.is_empty() && !c.merges.iter().any(|n| n.alias == *text) {
            c.merges.push(MergeNote {
                alias: text.clone(),
                reason,
            });
        }
    }

    fn alive(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.clusters.len()).filter(|&c| self.clusters[c].alive)
    }
}

impl EntityResolver {
    /// Step 1: capitals that act become their country.
    fn decide_capitals(&self, doc: &mut Document) -> HashSet<String> {
        let mut place_forms = HashSet::new();
        for mi in 0..doc.mentions.len() {
            let m = &doc.mentions[mi];
            let Some(country) = m.stands_for.clone() else {
                continue;
            };
            if self.acts(doc, m.tokens.0, m.tokens.1) {
                let m = &mut doc.mentions[mi];
                m.entity_type = EntityType::country();
                m.kind = MentionKind::Metonym;
                m.canonical = Some(country);
            } else {
                place_forms.insert(m.text.clone());
            }
        }
        place_forms
    }

    /// The country that qualifies an organisation mention: a country mention right before it,
    /// possibly with a possessive ("Peruvian Defense Forces", "Greece's Ministry of Foreign
    /// Affairs"). Returns the country's canonical name, the qualifier's text, and whether a
    /// possessive stands between.
    fn qualifier_of(&self, doc: &Document, mi: usize) -> Option<(String, String, bool)> {
        let m = &doc.mentions[mi];
        if !m.entity_type.is("Organization") || m.tentative || m.kind != MentionKind::Name {
            return None;
        }
        if m.source == MentionSource::Gazetteer {
            return None;
        }
        let prev = doc.mentions[..mi]
            .iter()
            .rev()
            .find(|p| p.tokens.1 <= m.tokens.0)?;
        // ("Norway-based Marlow Corporation": a modifier is no qualifier)
        if !prev.entity_type.is("Country") || prev.span.end < doc.tokens[prev.tokens.1 - 1].span.end
        {
            return None;
        }
        let gap: Vec<&str> = (prev.tokens.1..m.tokens.0)
            .map(|k| doc.token_text(k))
            .collect();
        let possessive = match gap.as_slice() {
            [] => false,
            ["'s"] | ["’s"] => true,
            _ => return None,
        };
        if doc.tokens[prev.tokens.0].sentence != doc.tokens[m.tokens.0].sentence {
            return None;
        }
        Some((prev.canonical.clone()?, prev.text.clone(), possessive))
    }

    /// Step 2: one cluster per key.
    fn initial_clusters(&self, doc: &Document) -> Resolution {
        let mut res = Resolution {
            clusters: Vec::new(),
            assignment: vec![None; doc.mentions.len()],
            qualified_form: vec![None; doc.mentions.len()],
        };
        let mut by_key: HashMap<String, usize> = HashMap::new();
        for mi in 0..doc.mentions.len() {
            let m = &doc.mentions[mi];
            if m.tentative || m.kind == MentionKind::Nominal {
                continue;
            }
            let text = strip_possessive(&m.text);
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let qualifier = self.qualifier_of(doc, mi);
            if let Some((_, qual_text, possessive)) = &qualifier {
                let joiner = if *possessive { "'s " } else { " " };
                res.qualified_form[mi] = Some(format!("{qual_text}{joiner}{text}"));
            }
            let (key, name, rank, fixed) =
                if let Some((country, qual_text, possessive)) = &qualifier {
                    let base = organization_key(&text);
                    let (name, rank) = match (&m.canonical, *possessive) {
                        (Some(c), _) => (c.clone(), 1),
                        (None, false) => (format!("{qual_text} {text}"), 3),
                        (None, true) => match self.demonyms.get(country) {
                            Some(d) => (format!("{d} {text}"), 2),
                            None => (format!("{country} {text}"), 1),
                        },
                    };
                    (
                        format!("q:{}|{base}", node_id(country)),
                        name,
                        (rank, 0),
                        false,
                    )
                } else if let Some(c) = &m.canonical {
                    let fixed = m.source == MentionSource::Gazetteer;
                    // an organisation a pattern names by another form ("Democratic" for the
                    // Democratic Party) meets the body written out by its name
                    let key =
                        if m.source == MentionSource::Pattern && m.entity_type.is("Organization") {
                            format!("o:{}", organization_key(c))
                        } else {
                            format!("c:{}", fold(c))
                        };
                    (key, c.clone(), (4, 0), fixed)
                } else if m.entity_type.is("Organization") {
                    (
                        format!("o:{}", organization_key(&text)),
                        text.clone(),
                        (0, text.split(' ').count()),
                        false,
                    )
                } else {
                    (
                        format!("n:{}", fold(&text)),
                        text.clone(),
                        (0, text.split(' ').count()),
                        false,
                    )
                };
            // weak evidence of the type: a city gazetteer, a guess, or the recogniser's
            // reading of one word, which a person's full name may still claim
            let weak = m.source == MentionSource::Gazetteer && m.confidence < 0.7
                || m.source == MentionSource::Pattern && m.confidence < 0.5
                || m.source == MentionSource::Model && m.tokens.1 - m.tokens.0 == 1;
            let ci = *by_key.entry(key).or_insert_with(|| {
                res.clusters.push(Cluster {
                    name_words: words(&name),
                    name: name.clone(),
                    name_rank: rank,
                    entity_type: m.entity_type.clone(),
                    fixed_name: fixed,
                    qualifier: qualifier
                        .as_ref()
                        .map(|(c, _, _)| (c.clone(), organization_key(&text))),
                    weak,
                    pattern_only: true,
                    mentions: Vec::new(),
                    merges: Vec::new(),
                    alive: true,
                });
                res.clusters.len() - 1
            });
            let c = &mut res.clusters[ci];
            c.weak &= weak;
            c.pattern_only &= m.source == MentionSource::Pattern;
            c.offer_name(&name, rank);
            if m.text != c.name && !c.merges.iter().any(|n| n.alias == m.text) {
                let reason = match m.kind {
                    MentionKind::Demonym => "demonym in the gazetteer".to_string(),
                    MentionKind::Metonym if m.stands_for.is_some() => {
                        "capital acting for its government".to_string()
                    }
                    MentionKind::Metonym => "government metonym in the gazetteer".to_string(),
                    _ if qualifier.is_some() => "organisation named after its country".to_string(),
                    _ if m.source == MentionSource::Gazetteer => {
                        "alias in the gazetteer".to_string()
                    }
                    _ if m.canonical.is_some() => "body named through its country".to_string(),
                    _ => "same name".to_string(),
                };
                c.merges.push(MergeNote {
                    alias: m.text.clone(),
                    reason,
                });
            }
            c.mentions.push(mi);
            res.assignment[mi] = Some(ci);
        }
        res
    }

    /// Step 3: entities that are one actor under two names.
    fn merge_clusters(&self, doc: &Document, res: &mut Resolution) {
        // an unqualified body and the one qualified body of that name
        let qualified: Vec<(usize, String)> = res
            .alive()
            .filter_map(|c| {
                res.clusters[c]
                    .qualifier
                    .as_ref()
                    .map(|(_, b)| (c, b.clone()))
            })
            .collect();
        for c in res.alive().collect::<Vec<_>>() {
            let cl = &res.clusters[c];
            if cl.qualifier.is_some() || !cl.entity_type.is("Organization") || cl.fixed_name {
                continue;
            }
            let key = organization_key(&cl.name);
            let hits: Vec<usize> = qualified
                .iter()
                .filter(|(_, b)| *b == key)
                .map(|(q, _)| *q)
                .collect();
            if let [q] = hits.as_slice() {
                let reason = format!("unqualified name of {}", res.clusters[*q].name);
                res.merge(doc, c, *q, reason);
            }
        }
        // acronyms in parentheses right after a name: "World Health Organization (WHO)"
        for c in res.alive().collect::<Vec<_>>() {
            if !res.clusters[c].alive || !is_acronym(&res.clusters[c].name) {
                continue;
            }
            let acronym = res.clusters[c].name.clone();
            let target = res.clusters[c].mentions.iter().find_map(|&mi| {
                let m = &doc.mentions[mi];
                let open = m.tokens.0.checked_sub(1)?;
                if !matches!(doc.token_text(open), "(" | "[") {
                    return None;
                }
                let prev = doc.mentions.iter().position(|p| p.tokens.1 == open)?;
                let t = res.assignment[prev]?;
                if t != c
                    && !res.clusters[t].entity_type.is("Country")
                    && words(&res.clusters[t].name).len() > 1
                {
                    return Some((t, None));
                }
                // "Recording Industry Association of America (RIAA)": the country closing
                // the name is a mention of its own; the acronym is the body's before "of"
                let of = doc.mentions[prev].tokens.0.checked_sub(1)?;
                if !matches!(doc.token_text(of), "of" | "for") {
                    return None;
                }
                let body = doc.mentions.iter().position(|p| p.tokens.1 == of)?;
                let b = res.assignment[body]?;
                let full = format!(
                    "{} {} {}",
                    doc.mentions[body].text,
                    doc.token_text(of),
                    doc.mentions[prev].text
                );
                (b != c
                    && res.clusters[b].entity_type.is("Organization")
                    && acronym_matches(&acronym, &full)
                    && !acronym_matches(&acronym, &doc.mentions[body].text))
                .then_some((b, Some(full)))
            });
            if let Some((t, full)) = target {
                let reason = format!("acronym in parentheses after {}", res.clusters[t].name);
                res.merge(doc, c, t, reason);
                let cl = &mut res.clusters[t];
                if let Some(full) = full.filter(|_| !cl.fixed_name) {
                    cl.merges.push(MergeNote {
                        alias: full.clone(),
                        reason: "the name written in full before its acronym".to_string(),
                    });
                    cl.set_name(full);
                }
            }
        }
        // acronyms by initials: "CPA" / "Central Press Agency"
        for c in res.alive().collect::<Vec<_>>() {
            if !res.clusters[c].alive {
                continue;
            }
            let name = res.clusters[c].name.clone();
            let short = res.clusters[c]
                .mentions
                .iter()
                .map(|&mi| strip_possessive(&doc.mentions[mi].text).to_string())
                .find(|t| is_acronym(t))
                .or_else(|| is_acronym(&name).then(|| name.clone()));
            let Some(short) = short else { continue };
            if res.clusters[c].entity_type.is("Country") || res.clusters[c].entity_type.is("Person")
            {
                continue;
            }
            let hits: Vec<usize> = res
                .alive()
                .filter(|&l| l != c && !res.clusters[l].entity_type.is("Person"))
                .filter(|&l| {
                    let cl = &res.clusters[l];
                    cl.mentions
                        .iter()
                        .map(|&mi| doc.mentions[mi].text.as_str())
                        .chain(std::iter::once(cl.name.as_str()))
                        .any(|t| acronym_matches(&short, t))
                })
                .collect();
            if let [l] = hits.as_slice() {
                let (from, into) = if res.clusters[c].fixed_name {
                    (*l, c)
                } else {
                    (c, *l)
                };
                let reason = format!("acronym of {}", res.clusters[*l].name);
                res.merge(doc, from, into, reason);
            }
        }
        // a short name and the same name with a designator: "Veltra" / "Veltra Holdings"
        for c in res.alive().collect::<Vec<_>>() {
            if !res.clusters[c].alive {
                continue;
            }
            let cl = &res.clusters[c];
            if cl.entity_type.is("Country") || cl.qualifier.is_some() {
                continue;
            }
            let short = cl.words();
            if short.is_empty() || (cl.entity_type.is("Person") && short.len() > 1) {
                continue;
            }
            let known_place = cl
                .mentions
                .iter()
                .any(|&x| doc.mentions[x].source == MentionSource::Gazetteer);
            let hits: Vec<usize> = res
                .alive()
                .filter(|&l| l != c)
                .filter(|&l| {
                    let long = &res.clusters[l];
                    let designators = if long.entity_type.is("Organization") {
                        ORGANIZATION_DESIGNATORS
                    } else if long.entity_type.is("Location") {
                        LOCATION_DESIGNATORS
                    } else {
                        return false;
                    };
                    let lw = long.words();
                    lw.len() > short.len()
                        && lw.starts_with(short)
                        && lw[short.len()..].iter().all(|w| {
                            designators.contains(&w.as_str())
                                && !(known_place && AIRPORT_DESIGNATORS.contains(&w.as_str()))
                        })
                })
                .collect();
            if let [l] = hits.as_slice() {
                let reason = format!("short form of {}", res.clusters[*l].name);
                res.merge(doc, c, *l, reason);
            }
        }
        // "Oversight Committee" / "House Oversight and Reform Committee", "Rescue Agency" /
        // "National Search and Rescue Agency": a body's name shortened by leaving words out,
        // its head word kept, is the one body of the article whose name holds its words in
        // order (two such bodies, "House" and "Senate Judiciary Committee", keep it apart)
        for c in res.alive().collect::<Vec<_>>() {
            let cl = &res.clusters[c];
            if !cl.alive
                || !cl.entity_type.is("Organization")
                || cl.fixed_name
                || cl.qualifier.is_some()
            {
                continue;
            }
            let short = cl.words().to_vec();
            let Some((head, rest)) = short.split_last() else {
                continue;
            };
            if rest.is_empty()
                || !BODY_HEADS.contains(&head.as_str())
                || rest
                    .iter()
                    .all(|w| GENERIC_BODY_WORDS.contains(&w.as_str()))
            {
                continue;
            }
            let hits: Vec<usize> = res
                .alive()
                .filter(|&l| l != c)
                .filter(|&l| {
                    let long = &res.clusters[l];
                    let lw = long.words();
                    long.entity_type.is("Organization")
                        && lw.len() > short.len()
                        && lw.last() == Some(head)
                        && is_subsequence(&short, lw)
                })
                .collect();
            if let [l] = hits.as_slice() {
                let reason = format!("shortened name of {}", res.clusters[*l].name);
                res.merge(doc, c, *l, reason);
            }
        }
        // "African Union-United Nations force": two names joined by a hyphen are no third
        let known_forms: HashSet<String> = res
            .alive()
            .flat_map(|c| {
                let cl = &res.clusters[c];
                std::iter::once(fold(&cl.name))
                    .chain(cl.mentions.iter().map(|&mi| fold(&doc.mentions[mi].text)))
                    .collect::<Vec<_>>()
            })
            .collect();
        for c in res.alive().collect::<Vec<_>>() {
            let cl = &res.clusters[c];
            if !cl.pattern_only {
                continue;
            }
            let name = cl.name.clone();
            let splits = name.char_indices().filter(|&(b, ch)| {
                ch == '-'
                    && name[b + 1..].starts_with(char::is_uppercase)
                    && name[..b].ends_with(char::is_alphabetic)
            });
            let compound = splits.into_iter().any(|(b, _)| {
                let (left, right) = (&name[..b], &name[b + 1..]);
                known_forms.contains(&fold(left)) && known_forms.contains(&fold(right))
            });
            if compound {
                let mentions = std::mem::take(&mut res.clusters[c].mentions);
                for mi in mentions {
                    res.assignment[mi] = None;
                }
                res.clusters[c].alive = false;
            }
        }
        // "U.S. House" / "U.S. House of Representatives": a one-word body and the one body
        // of the same country whose name it opens
        for c in res.alive().collect::<Vec<_>>() {
            let rest = |l: usize| -> Vec<String> {
                match &res.clusters[l].qualifier {
                    Some((_, base)) => base.split(' ').map(str::to_string).collect(),
                    None => res.clusters[l].words().to_vec(),
                }
            };
            let cl = &res.clusters[c];
            let w = rest(c);
            let country = cl.qualifier.as_ref().map(|q| q.0.clone());
            if !cl.alive
                || !cl.entity_type.is("Organization")
                || cl.fixed_name
                || w.len() != 1
                || is_acronym(&cl.name)
            {
                continue;
            }
            let opened: Vec<usize> = res
                .alive()
                .filter(|&l| {
                    let lc = &res.clusters[l];
                    let lw = rest(l);
                    l != c
                        && lc.entity_type.is("Organization")
                        && lw.len() > 1
                        && lw[0] == w[0]
                        && (country.is_none()
                            || lc.qualifier.as_ref().map(|q| &q.0) == country.as_ref())
                })
                .collect();
            let with_of: Vec<usize> = opened
                .iter()
                .copied()
                .filter(|&l| rest(l).get(1).is_some_and(|x| x == "of"))
                .collect();
            // a body of a country ("U.S. House"), or "House" before "House of ...": an
            // unqualified word that opens another name may be its own thing ("SpaceX" /
            // "SpaceX Crew Dragon")
            let target = match (country.is_some(), opened.as_slice(), with_of.as_slice()) {
                (true, [one], _) | (_, _, [one]) => Some(*one),
                _ => None,
            };
            if let Some(l) = target {
                let reason = format!("short form of {}", res.clusters[l].name);
                res.merge(doc, c, l, reason);
            }
        }
        // a former name: "MV Alan Kurdi was previously MV Professor Albrecht Penck", "the
        // Constitution Party was founded in 1991 as the U.S. Taxpayers Party", "Y was renamed X"
        for a in 0..doc.mentions.len() {
            for b in a + 1..doc.mentions.len() {
                let (ma, mb) = (&doc.mentions[a], &doc.mentions[b]);
                if mb.tokens.0 <= ma.tokens.1
                    || mb.tokens.0 > ma.tokens.1 + 8
                    || doc.tokens[ma.tokens.0].sentence != doc.tokens[mb.tokens.0].sentence
                {
                    continue;
                }
                let (Some(ca), Some(cb)) = (res.assignment[a], res.assignment[b]) else {
                    continue;
                };
                let (ta, tb) = (&res.clusters[ca].entity_type, &res.clusters[cb].entity_type);
                if ca == cb || ta != tb || !(ta.is("Organization") || ta.is("Product")) {
                    continue;
                }
                // "as the U.S. Taxpayers Party": the country opening the name is no gap word
                let country_before = doc.mentions.iter().find(|m| {
                    m.tokens.1 == mb.tokens.0
                        && m.tokens.0 > ma.tokens.1
                        && m.entity_type.is("Country")
                });
                let gap_end = country_before.map_or(mb.tokens.0, |m| m.tokens.0);
                let gap: Vec<String> = (ma.tokens.1..gap_end)
                    .map(|k| doc.token_text(k).to_lowercase())
                    .filter(|w| {
                        let year = w.len() == 4 && w.chars().all(|c| c.is_ascii_digit());
                        !(year || matches!(w.as_str(), "the" | "in" | "a" | "an"))
                    })
                    .collect();
                let mut gap: Vec<&str> = gap.iter().map(String::as_str).collect();
                // "MV Alan Kurdi, was previously ...": a comma before the verb changes nothing
                if gap.len() > 1 && gap[0] == "," && matches!(gap[1], "was" | "is" | "has") {
                    gap.remove(0);
                }
                // "Boeing's subsidiary": a possessive names something else
                let possessive = mb.text.ends_with("'s")
                    || mb.text.ends_with("\u{2019}s")
                    || (mb.tokens.1 < doc.tokens.len()
                        && matches!(doc.token_text(mb.tokens.1), "'s" | "\u{2019}s"));
                if possessive {
                    continue;
                }
                let (from, into) = match gap.as_slice() {
                    // the old name first: "Y was renamed X", "Y, now X"
                    [",", "renamed"]
                    | ["renamed"]
                    | ["renamed", "to" | "as"]
                    | ["was" | "is" | "were", "renamed"]
                    | ["was" | "is" | "were", "renamed", "to" | "as"]
                    | ["has" | "had", "been", "renamed"]
                    | ["has" | "had", "been", "renamed", "to" | "as"]
                    | ["changed", "its", "name", "to"]
                    | ["," | "(", "now"]
                    | ["," | "(", "now", "known", "as"]
                    | ["," | "(", "now", "called" | "named"] => (ca, cb),
                    // the new name first: "X, formerly Y", "X was founded in 1991 as Y"
                    ["," | "(", "formerly" | "previously"]
                    | ["formerly"]
                    | ["," | "(", "formerly" | "previously", "known", "as"]
                    | ["formerly", "known", "as"]
                    | ["," | "(", "formerly" | "previously", "called" | "named"]
                    | ["was" | "is", "previously" | "formerly" | "originally"]
                    | ["was" | "is", "previously" | "formerly" | "originally", "known", "as"]
                    | ["was" | "is", "previously" | "formerly" | "originally", "called" | "named"]
                    | ["was", "founded" | "established" | "formed" | "created", "as"]
                    | ["founded" | "established" | "formed" | "created", "as"] => (cb, ca),
                    _ => continue,
                };
                if !res.clusters[from].alive || !res.clusters[into].alive {
                    continue;
                }
                let reason = format!("former name of {}", res.clusters[into].name);
                // the current name stays the node's name
                let (name, rank, fixed) = (
                    res.clusters[into].name.clone(),
                    res.clusters[into].name_rank,
                    res.clusters[into].fixed_name,
                );
                res.merge(doc, from, into, reason);
                let target = &mut res.clusters[into];
                target.set_name(name);
                // (and is not replaced by the longer former name)
                target.name_rank = (rank.0.max(1), rank.1).max(target.name_rank);
                target.fixed_name = fixed || target.fixed_name;
            }
        }
        // one-letter misspellings: "Uinted Nations"
        let alive: Vec<usize> = res.alive().collect();
        for (k, &a) in alive.iter().enumerate() {
            for &b in &alive[k + 1..] {
                if !res.clusters[a].alive || !res.clusters[b].alive {
                    continue;
                }
                let (ca, cb) = (&res.clusters[a], &res.clusters[b]);
                let types_agree =
                    ca.entity_type == cb.entity_type || ca.pattern_only || cb.pattern_only;
                if !types_agree || (ca.fixed_name && cb.fixed_name) {
                    continue;
                }
                if near_spelling(ca.words(), cb.words()) {
                    // the better attested spelling stays
                    let (from, into) = if cb.fixed_name
                        || (ca.pattern_only && !cb.pattern_only)
                        || (!ca.fixed_name
                            && ca.pattern_only == cb.pattern_only
                            && cb.mentions.len() > ca.mentions.len())
                    {
                        (a, b)
                    } else {
                        (b, a)
                    };
                    let reason = format!("spelling variant of {}", res.clusters[into].name);
                    res.merge(doc, from, into, reason);
                }
            }
        }
    }

    /// Step 4: parts of people's names join the full names.
    fn join_name_parts(&self, doc: &Document, res: &mut Resolution) {
        let persons: Vec<(usize, Vec<String>)> = res
            .alive()
            .filter(|&c| res.clusters[c].entity_type.is("Person"))
            .map(|c| (c, res.clusters[c].words().to_vec()))
            .collect();
        let full: Vec<(usize, Vec<String>)> = persons
            .iter()
            .filter(|(c, w)| {
                w.len() > 1
                    && !persons
                        .iter()
                        .any(|(o, ow)| o != c && person_part_within_article(w, ow))
            })
            .cloned()
            .collect();
        if full.is_empty() {
            return;
        }
        for mi in 0..doc.mentions.len() {
            let m = &doc.mentions[mi];
            if m.kind != MentionKind::Name {
                continue;
            }
            let current = res.assignment[mi];
            let capable = match current {
                None => m.tentative,
                Some(c) => {
                    let cl = &res.clusters[c];
                    (cl.entity_type.is("Person") && !full.iter().any(|(f, _)| *f == c))
                        || (cl.weak && !cl.fixed_name && !cl.entity_type.is("Country"))
                        // "Harris, the party's second": a lone word that only a pattern read
                        // as an organisation ("the party's") is the surname of the person
                        // the article names in full
                        || (cl.pattern_only
                            && cl.entity_type.is("Organization")
                            && cl.mentions.iter().all(|&x| {
                                let o = &doc.mentions[x];
                                o.tokens.1 == o.tokens.0 + 1
                                    && o.kind == MentionKind::Name
                                    && o.canonical.is_none()
                            }))
                        || (m.source == MentionSource::Gazetteer
                            && m.confidence < 0.7
                            && !cl.entity_type.is("Country"))
                }
            };
            if !capable {
                continue;
            }
            let mut w = words(&m.text);
            // "the Bidens": the family of the one person with that surname
            let plural = w.len() == 1
                && w[0].ends_with('s')
                && full
                    .iter()
                    .any(|(_, fw)| fw.last().is_some_and(|l| *l == w[0][..w[0].len() - 1]));
            if plural {
                w[0].pop();
            }
            let candidates: Vec<usize> = full
                .iter()
                .filter(|(f, fw)| {
                    Some(*f) != current
                        && (person_part_within_article(&w, fw)
                            || (w.len() == 1
                                && fw
                                    .last()
                                    .is_some_and(|l| near_spelling(&w, std::slice::from_ref(l)))))
                })
                .map(|(f, _)| *f)
                .collect();
            let chosen = match candidates.as_slice() {
                [] => continue,
                [one] => *one,
                many => {
                    // "President Trump" after "Mary Trump": a surname after a title is the
                    // person the article names with a title
                    let titled = |x: usize| {
                        let t = doc.mentions[x].tokens.0;
                        t > 0
                            && self
                                .title_words
                                .contains(&doc.token_text(t - 1).to_lowercase())
                    };
                    let titled_ones: Vec<usize> = if titled(mi) {
                        many.iter()
                            .copied()
                            .filter(|&f| res.clusters[f].mentions.iter().any(|&x| titled(x)))
                            .collect()
                    } else {
                        Vec::new()
                    };
                    let many = if titled_ones.is_empty() {
                        many
                    } else {
                        titled_ones.as_slice()
                    };
                    // "Trump" after "Ivanka Trump", in an article about Donald Trump: a bare
                    // surname is the one namesake whom the gazetteers know (a head of state
                    // or government), unless the other was named in the same sentence
                    let sentence = doc.tokens[m.tokens.0].sentence;
                    let known = |f: usize| {
                        res.clusters[f].mentions.iter().any(|&x| {
                            doc.mentions[x].source == MentionSource::Gazetteer
                                && doc.mentions[x].entity_type.is("Person")
                        })
                    };
                    let named_here = |f: usize| {
                        res.clusters[f].mentions.iter().any(|&x| {
                            x < mi && doc.tokens[doc.mentions[x].tokens.0].sentence == sentence
                        })
                    };
                    let known_ones: Vec<usize> =
                        many.iter().copied().filter(|&f| known(f)).collect();
                    let many = match known_ones.as_slice() {
                        [one]
                            if w.len() == 1
                                && !many.iter().any(|&f| f != *one && named_here(f)) =>
                        {
                            std::slice::from_ref(one)
                        }
                        _ => many,
                    };
                    // the person named last before the mention, else the first named
                    let last_before = |f: usize| {
                        res.clusters[f]
                            .mentions
                            .iter()
                            .copied()
                            .filter(|&x| x < mi && res.assignment[x] == Some(f))
                            .max()
                    };
                    many.iter()
                        .copied()
                        .max_by_key(|&f| {
                            (
                                last_before(f),
                                std::cmp::Reverse(res.clusters[f].mentions.first().copied()),
                            )
                        })
                        .expect("several candidates")
                }
            };
            let fw = res.clusters[chosen].words();
            let part = if plural {
                "family name"
            } else if fw.ends_with(&w) {
                "surname"
            } else if w.len() == 1 && w[0] == fw[0] {
                "given name"
            } else if w.len() == fw.len() || w.len() == 1 {
                "spelling variant"
            } else {
                "short form"
            };
            let reason = format!("{part} of {}", res.clusters[chosen].name);
            res.assign(doc, mi, chosen, reason);
        }
    }

    /// Step 5: nominals and capitalised words that joined nothing yet.
    fn resolve_remaining(&self, doc: &Document, res: &mut Resolution) {
        // folded once: comparing every mention with every cluster's mentions would fold the
        // same texts again and again (quadratic in a long document)
        let folded_mentions: Vec<String> = doc.mentions.iter().map(|m| fold(&m.text)).collect();
        let folded_names: std::cell::RefCell<HashMap<String, String>> = Default::default();
        let fold_name = |name: &str| -> String {
            let mut cache = folded_names.borrow_mut();
            if let Some(f) = cache.get(name) {
                return f.clone();
            }
            let f = fold(name);
            cache.insert(name.to_string(), f.clone());
            f
        };
        for mi in 0..doc.mentions.len() {
            let m = &doc.mentions[mi];
            // a weak gazetteer match may still be "the North" or "Marno" of "Marno Region"
            let reread = res.assignment[mi].is_some()
                && m.source == MentionSource::Gazetteer
                && m.confidence < 0.7
                && m.kind == MentionKind::Name;
            if res.assignment[mi].is_some() && !reread {
                continue;
            }
            let text = strip_possessive(&m.text).to_string();
            let before = (m.tokens.0 > 0).then(|| doc.token_text(m.tokens.0 - 1).to_lowercase());
            let after_the = before.as_deref() == Some("the");
            let folded = words(&text);
            let mut target: Option<(usize, String)> = None;
            if m.kind == MentionKind::Nominal {
                // the last organisation named before it with this word (and its modifier)
                let ws: Vec<String> = folded.iter().map(|w| organization_key(w)).collect();
                let head = ws.last().cloned().unwrap_or_default();
                let named_with = |c: usize, all: bool| {
                    let name = organization_key(&res.clusters[c].name);
                    let nw: Vec<&str> = name.split(' ').collect();
                    if all {
                        ws.iter().all(|w| nw.contains(&w.as_str()))
                    } else {
                        nw.contains(&head.as_str())
                    }
                };
                for all in [true, false] {
                    let found = res.assignment[..mi]
                        .iter()
                        .rev()
                        .flatten()
                        .copied()
                        .find(|&c| {
                            res.clusters[c].entity_type.is("Organization") && named_with(c, all)
                        });
                    if let Some(c) = found {
                        target = Some((
                            c,
                            format!(
                                "\"the {}\" refers to the last organisation named with it",
                                text.to_lowercase()
                            ),
                        ));
                        break;
                    }
                }
            } else {
                let key = fold(&text);
                let same: Vec<usize> = if reread {
                    Vec::new()
                } else {
                    res.alive()
                        .filter(|&c| {
                            fold_name(&res.clusters[c].name) == key
                                || res.clusters[c]
                                    .mentions
                                    .iter()
                                    .any(|&x| folded_mentions[x] == key)
                        })
                        .collect()
                };
                if let Some(&c) = same.first() {
                    target = Some((c, "same name".into()));
                } else if folded.len() == 1 && after_the {
                    let word = &folded[0];
                    // "the North" / "the South": the one country named so
                    let countries: Vec<usize> = res
                        .alive()
                        .filter(|&c| {
                            let cl = &res.clusters[c];
                            let cw = cl.words();
                            cl.entity_type.is("Country") && cw.len() > 1 && cw[0] == *word
                        })
                        .collect();
                    // "the House": the one organisation whose name it opens
                    let orgs: Vec<usize> = res
                        .alive()
                        .filter(|&c| {
                            let cl = &res.clusters[c];
                            let cw = cl.words();
                            cl.entity_type.is("Organization") && cw.len() > 1 && cw[0] == *word
                        })
                        .collect();
                    if let [c] = countries.as_slice() {
                        target = Some((*c, format!("\"the {text}\" of {}", res.clusters[*c].name)));
                    } else if let [c] = orgs.as_slice() {
                        target = Some((*c, format!("\"the {text}\" of {}", res.clusters[*c].name)));
                    }
                }
                if target.is_none() && !folded.is_empty() {
                    // "Marno" / "Marno Region"
                    let hits: Vec<usize> = res
                        .alive()
                        .filter(|&c| {
                            let cl = &res.clusters[c];
                            let lw = cl.words();
                            let designators = if cl.entity_type.is("Organization") {
                                ORGANIZATION_DESIGNATORS
                            } else if cl.entity_type.is("Location") {
                                LOCATION_DESIGNATORS
                            } else {
                                return false;
                            };
                            Some(c) != res.assignment[mi]
                                && lw.len() > folded.len()
                                && lw.starts_with(&folded)
                                && lw[folded.len()..].iter().all(|w| {
                                    designators.contains(&w.as_str())
                                        && !(m.source == MentionSource::Gazetteer
                                            && AIRPORT_DESIGNATORS.contains(&w.as_str()))
                                })
                        })
                        .collect();
                    if let [c] = hits.as_slice() {
                        target = Some((*c, format!("short form of {}", res.clusters[*c].name)));
                    }
                }
            }
            if target.is_none() && !reread && m.kind == MentionKind::Name && m.confidence >= 0.3 {
                // an unknown word after a title is a person of its own; after "in"/"near", a place
                let before2 =
                    (m.tokens.0 > 1).then(|| doc.token_text(m.tokens.0 - 2).to_lowercase());
                let entity_type = match before.as_deref() {
                    Some(b) if self.title_words.contains(b) && !text.contains(' ') => {
                        Some(EntityType::person())
                    }
                    Some(b) if PLACE_PREPOSITIONS.contains(&b) => Some(EntityType::location()),
                    // "the town of Vellmar"
                    Some("of")
                        if before2
                            .as_deref()
                            .is_some_and(|w| SETTLEMENT_NOUNS.contains(&w)) =>
                    {
                        Some(EntityType::location())
                    }
                    _ => None,
                };
                if let Some(entity_type) = entity_type {
                    res.clusters.push(Cluster {
                        name_words: words(&text),
                        name: text.clone(),
                        name_rank: (0, 1),
                        entity_type,
                        fixed_name: false,
                        qualifier: None,
                        weak: true,
                        pattern_only: true,
                        mentions: Vec::new(),
                        merges: Vec::new(),
                        alive: true,
                    });
                    target = Some((res.clusters.len() - 1, String::new()));
                }
            }
            if let Some((c, reason)) = target {
                res.assign(doc, mi, c, reason);
            }
        }
    }
}

impl Component for EntityResolver {
    fn name(&self) -> &'static str {
        "entities"
    }

    fn process(&self, doc: &mut Document) -> Result<()> {
        let place_forms = self.decide_capitals(doc);
        let mut res = self.initial_clusters(doc);
        self.merge_clusters(doc, &mut res);
        self.join_name_parts(doc, &mut res);
        self.resolve_remaining(doc, &mut res);

        // entities in order of first mention; aliases; mention → entity links
        let mut order: Vec<usize> = res
            .alive()
            .filter(|&c| !res.clusters[c].mentions.is_empty())
            .collect();
        order.sort_by_key(|&c| res.clusters[c].mentions[0]);
        let mut index_of: HashMap<usize, usize> = HashMap::new();
        for m in &mut doc.mentions {
            m.entity = None;
        }
        let mut entities = Vec::with_capacity(order.len());
        for (ei, &c) in order.iter().enumerate() {
            index_of.insert(c, ei);
            let cl = &res.clusters[c];
            let mut aliases = BTreeSet::new();
            let mut name = cl.name.clone();
            for &mi in &cl.mentions {
                let m = &doc.mentions[mi];
                let is_place_form = place_forms.contains(&m.text) && cl.entity_type.is("Country");
                if !is_place_form {
                    aliases.insert(m.text.clone());
                }
                if let Some(form) = &res.qualified_form[mi] {
                    aliases.insert(form.clone());
                }
                // the fullest name the article uses, unless a gazetteer or a qualifier named it
                if !cl.fixed_name
                    && cl.name_rank.0 == 0
                    && m.kind == MentionKind::Name
                    && !m.tentative
                    && words(&m.text).len() > words(&name).len()
                    && (m.entity_type == cl.entity_type)
                {
                    name = strip_possessive(&m.text)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ");
                }
            }
            aliases.insert(name.clone());
            // a body named after its country is known by its country and the rest of its
            // name, however the article spells them ("US Democratic Party", "United States
            // Democratic Party"), so that articles meet in one node
            let id = match &cl.qualifier {
                Some((country, base)) => node_id(&format!("{country} {base}")),
                None => node_id(&name),
            };
            entities.push(Entity {
                id,
                name,
                entity_type: cl.entity_type.clone(),
                aliases,
                mentions: cl.mentions.clone(),
                merges: cl.merges.clone(),
            });
        }
        for (mi, c) in res.assignment.iter().enumerate() {
            if let Some(c) = c {
                if let Some(&ei) = index_of.get(c) {
                    doc.mentions[mi].entity = Some(ei);
                }
            }
        }
        doc.entities = entities;
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
            .unwrap_or_else(|| panic!("no entity {name}: {:#?}", doc.entities))
    }

    fn entity_with<'a>(doc: &'a Document, alias: &str) -> Vec<&'a Entity> {
        doc.entities
            .iter()
            .filter(|e| e.aliases.contains(alias))
            .collect()
    }

    #[test]
    fn one_entity_per_actor() {
        let doc = resolve("Trump Says So\n\nThe U.S. and the United States are one, said US President Donald Trump. Later Trump left for America, and the USA.");
        let us = entity(&doc, "United States");
        for form in ["U.S.", "US", "America", "USA", "United States"] {
            assert!(us.aliases.contains(form), "{form}: {us:?}");
        }
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
    fn surname_and_given_name_join_the_full_name() {
        let doc = resolve(
            "Senator Maria Kowalczyk arrived. Kowalczyk spoke first, and later Maria spoke again.",
        );
        let maria = entity(&doc, "Maria Kowalczyk");
        assert_eq!(maria.mentions.len(), 3, "{maria:?}");
        assert!(maria
            .merges
            .iter()
            .any(|n| n.alias == "Kowalczyk" && n.reason == "surname of Maria Kowalczyk"));
        assert!(maria
            .merges
            .iter()
            .any(|n| n.alias == "Maria" && n.reason == "given name of Maria Kowalczyk"));
        assert_eq!(doc.entities.len(), 1, "{:?}", doc.entities);
    }

    #[test]
    fn a_surname_that_is_also_a_town_joins_the_person() {
        // "Lincoln" is a town in the airport gazetteer
        let doc = resolve("Senator Jack Lincoln arrived in Dorvale. Lincoln will meet officials.");
        let hillary = entity(&doc, "Jack Lincoln");
        assert_eq!(hillary.entity_type, EntityType::person());
        assert_eq!(hillary.mentions.len(), 2, "{:#?}", doc.entities);
        assert!(entity_with(&doc, "Lincoln").len() == 1);
    }

    #[test]
    fn two_people_sharing_a_surname_take_the_last_named() {
        let doc =
            resolve("Joe Pemberton praised his son Hunter Pemberton. Pemberton said he was proud.");
        let hunter = entity(&doc, "Hunter Pemberton");
        assert!(hunter.aliases.contains("Pemberton"), "{:#?}", doc.entities);
        assert!(!entity(&doc, "Joe Pemberton").aliases.contains("Pemberton"));
    }

    #[test]
    fn titles_are_not_part_of_names() {
        let doc = resolve("Peruvian President Juan Carlos Quispe met Chief Cabinet Secretary Kenji Morita and the State Department Spokesperson.");
        entity(&doc, "Juan Carlos Quispe");
        entity(&doc, "Kenji Morita");
        assert!(
            doc.entities.iter().all(|e| !e.name.contains("President")
                && !e.name.contains("Secretary")
                && !e.name.contains("Spokesperson")),
            "{:#?}",
            doc.entities
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
    fn government_metonyms_are_the_country() {
        let doc = resolve("The Kremlin said so. Tehran announced new talks, and Washington rejected them. Beijing has sent ships, and Lima's foreign ministry protested. The German Ambassador to Athens spoke.");
        for (form, country) in [
            ("Kremlin", "Russia"),
            ("Tehran", "Iran"),
            ("Washington", "United States"),
            ("Beijing", "China"),
            ("Lima", "Peru"),
            ("Athens", "Greece"),
        ] {
            let e = entity_with(&doc, form);
            assert_eq!(e.len(), 1, "{form}: {:#?}", doc.entities);
            assert_eq!(e[0].name, country, "{form}");
            assert_eq!(e[0].entity_type, EntityType::country());
        }
        // the body named through its capital gets the country's demonym
        entity(&doc, "Peruvian Foreign Ministry");
    }

    #[test]
    fn a_city_named_as_a_place_is_not_an_alias_of_its_country() {
        let doc = resolve(
            "Washington said it would act. The summit takes place in Washington next week.",
        );
        let us = entity(&doc, "United States");
        assert!(!us.aliases.contains("Washington"), "{us:?}");
        let place = entity(&doc, "Washington");
        assert_eq!(place.entity_type, EntityType::location());
    }

    #[test]
    fn demonyms_are_the_country() {
        let doc = resolve(
            "Chilean officials met Peruvian troops, and the Chileans thanked the Bolivian envoy.",
        );
        let afg = entity(&doc, "Chile");
        assert!(
            afg.aliases.contains("Chilean") && afg.aliases.contains("Chileans"),
            "{afg:?}"
        );
        entity(&doc, "Peru");
        entity(&doc, "Bolivia");
    }

    #[test]
    fn acronyms_and_long_names_meet() {
        let doc = resolve("The Zantarian Health Organization (ZHO) warned. Later the ZHO said more. The Movement for Democratic Progress won, and the MDP celebrated.");
        let zho = entity(&doc, "Zantarian Health Organization");
        assert!(zho.aliases.contains("ZHO"), "{:#?}", doc.entities);
        assert!(zho.merges.iter().any(|n| n.reason.contains("parentheses")));
        let mdp = entity(&doc, "Movement for Democratic Progress");
        assert!(mdp.aliases.contains("MDP"), "{:#?}", doc.entities);
        assert!(mdp
            .merges
            .iter()
            .any(|n| n.reason.starts_with("acronym of")));
        let doc = resolve("WHO officials said the World Health Organization would help.");
        assert_eq!(entity_with(&doc, "WHO").len(), 1, "{:#?}", doc.entities);
        assert_eq!(
            entity_with(&doc, "WHO")[0].name,
            entity_with(&doc, "World Health Organization")[0].name
        );
    }

    #[test]
    fn the_ministry_is_the_last_ministry_named() {
        let doc = resolve("The Defense Ministry in Moscow said so. The Health Ministry disagreed. Later the ministry refused, and the defense ministry agreed.");
        let health = entity(&doc, "Health Ministry");
        assert_eq!(health.mentions.len(), 2, "{:#?}", doc.entities);
        let defense = entity(&doc, "Defense Ministry");
        assert_eq!(defense.mentions.len(), 2, "{:#?}", doc.entities);
    }

    #[test]
    fn bodies_named_after_their_country_meet() {
        let doc = resolve("Peruvian Defense Forces repelled the attack. A Peru Defense Forces officer said the Defense Forces lost no one. Greece's Ministry of Foreign Affairs said the Greek Foreign Ministry agreed.");
        let kdf = entity_with(&doc, "Peru Defense Forces");
        assert_eq!(kdf.len(), 1, "{:#?}", doc.entities);
        assert_eq!(kdf[0].name, "Peruvian Defense Forces");
        assert!(kdf[0].aliases.contains("Defense Forces"));
        let mfa = entity_with(&doc, "Greek Foreign Ministry");
        assert_eq!(mfa.len(), 1, "{:#?}", doc.entities);
        assert!(mfa[0].aliases.contains("Ministry of Foreign Affairs"));
        // the country stays its own entity
        assert_eq!(entity(&doc, "Peru").entity_type, EntityType::country());
    }

    #[test]
    fn short_names_and_designators_meet() {
        let doc = resolve("Veltra Holdings hired him. Veltra paid well. Shells fell on the Gaza Strip, and Gaza mourned.");
        assert_eq!(entity_with(&doc, "Veltra").len(), 1, "{:#?}", doc.entities);
        assert_eq!(entity_with(&doc, "Veltra")[0].name, "Veltra Holdings");
        let gaza = entity_with(&doc, "Gaza");
        assert_eq!(gaza.len(), 1);
    }

    #[test]
    fn misspellings_and_diacritics_meet() {
        let doc = resolve("Dmytro Kravtchenko spoke. Kravchenko said the Uinted Nations and the United Nations differ. Later Aminata Diarré met Diarre.");
        assert_eq!(
            entity_with(&doc, "Kravchenko").len(),
            1,
            "{:#?}",
            doc.entities
        );
        assert_eq!(
            entity_with(&doc, "Kravchenko")[0].name,
            "Dmytro Kravtchenko"
        );
        assert_eq!(entity_with(&doc, "Uinted Nations").len(), 1);
        assert_eq!(
            entity_with(&doc, "Uinted Nations")[0].name,
            "United Nations"
        );
        assert_eq!(entity_with(&doc, "Diarre")[0].name, "Aminata Diarré");
    }

    #[test]
    fn the_north_is_the_country_named_north() {
        let doc = resolve("North Korea fired shells at South Korea. The South answered, and the North threatened more.");
        assert!(
            entity(&doc, "North Korea").aliases.contains("North"),
            "{:#?}",
            doc.entities
        );
        assert!(entity(&doc, "South Korea").aliases.contains("South"));
    }

    #[test]
    fn a_lone_body_word_is_the_body_named_before() {
        let doc =
            resolve("The Dorvale Harbour Police closed the road. Police said no one was hurt.");
        let police = entity(&doc, "Dorvale Harbour Police");
        assert!(police.aliases.contains("Police"), "{:#?}", doc.entities);
        assert_eq!(entity_with(&doc, "Police").len(), 1, "{:#?}", doc.entities);
        let doc = resolve("Police said no one was hurt.");
        assert!(doc.entities.is_empty(), "{:#?}", doc.entities);
    }

    #[test]
    fn a_newspaper_named_after_a_country_is_one_organization() {
        let doc = resolve("The Tuvalu Observer and the Malta Mail reported the vote.");
        assert!(entity(&doc, "Tuvalu Observer")
            .entity_type
            .is("Organization"));
        assert!(entity(&doc, "Malta Mail").entity_type.is("Organization"));
    }

    #[test]
    fn a_surname_after_a_title_is_the_titled_person() {
        let doc = resolve(
            "Senator Ada Brenwick met voters. Her cousin Lena Brenwick wrote a book. Senator Brenwick said the book was unfair.",
        );
        let ada = entity(&doc, "Ada Brenwick");
        assert_eq!(ada.mentions.len(), 2, "{ada:?}");
        let lena = entity(&doc, "Lena Brenwick");
        assert_eq!(lena.mentions.len(), 1, "{lena:?}");
    }

    #[test]
    fn a_known_body_and_a_country_before_a_verb_name_its_branch() {
        let schema = Arc::new(Schema::embedded().unwrap());
        let doc = Pipeline::new()
            .with(crate::text::TextSegmenter)
            .with(crate::nlp::Annotator::load().unwrap())
            .with(MentionFinder::new(schema.clone()))
            .with(EntityResolver::new(schema))
            .run(
                "t",
                "CNN Malta reported the vote. The UN Libya envoy resigned.",
            )
            .unwrap();
        assert!(entity(&doc, "CNN Malta").entity_type.is("Organization"));
        // a noun after the country: the body and the country are two
        assert!(
            doc.entities.iter().any(|e| e.name == "Libya"),
            "{:#?}",
            doc.entities
        );
    }

    #[test]
    fn a_second_surname_and_a_middle_initial_may_be_left_out() {
        let doc = resolve(
            "Governor Pedro R. Valdés Ortega spoke on Monday. Pedro Valdés said aid was coming. Valdés thanked volunteers.",
        );
        let pedro = entity(&doc, "Pedro R. Valdés Ortega");
        assert_eq!(pedro.mentions.len(), 3, "{:#?}", doc.entities);
        assert!(pedro
            .merges
            .iter()
            .any(|n| n.alias == "Valdés" && n.reason.contains("Pedro R. Valdés Ortega")));
        // a middle given name alone is no surname
        let doc = resolve("Juan Carlos Quispe spoke. Carlos Mena answered. Carlos left.");
        assert_eq!(entity(&doc, "Juan Carlos Quispe").mentions.len(), 1);
    }

    #[test]
    fn a_bare_surname_is_the_known_namesake() {
        let doc = resolve(
            "President Emmanuel Macron arrived in Lyon. His cousin Claire Macron greeted him. Macron said the visit was long.",
        );
        assert_eq!(entity(&doc, "Emmanuel Macron").mentions.len(), 2);
        assert_eq!(entity(&doc, "Claire Macron").mentions.len(), 1);
        // named in the same sentence, the namesake is the one meant
        let doc = resolve(
            "President Emmanuel Macron arrived in Lyon. Claire Macron said that Macron was her favourite cousin.",
        );
        assert_eq!(entity(&doc, "Claire Macron").mentions.len(), 2);
    }

    #[test]
    fn a_known_town_is_not_its_airport() {
        let doc = resolve("The jet landed at Calicut International Airport. Calicut is wet.");
        assert!(
            doc.entities.iter().any(|e| e.name == "Calicut"),
            "{:#?}",
            doc.entities
        );
        assert_eq!(
            entity(&doc, "Calicut International Airport").mentions.len(),
            1,
            "{:#?}",
            doc.entities
        );
    }

    #[test]
    fn a_place_and_its_airport_are_one() {
        let doc = resolve(
            "The jet crashed between Fath Airport and Payam International Airport. It was to land at Payam, not at Fath.",
        );
        assert_eq!(
            entity(&doc, "Fath Airport").mentions.len(),
            2,
            "{:#?}",
            doc.entities
        );
        assert_eq!(
            entity(&doc, "Payam International Airport").mentions.len(),
            2,
            "{:#?}",
            doc.entities
        );
    }

    #[test]
    fn a_party_word_and_the_party_named_in_full_are_one_entity() {
        let doc = resolve(
            "Governor Ana Ruiz, a Democrat, spoke. The Democratic Party agreed with Democratic \
             lawmakers.",
        );
        let party = entity_with(&doc, "Democrat");
        assert_eq!(party.len(), 1, "{:#?}", doc.entities);
        assert_eq!(party[0].name, "Democratic Party", "{:#?}", doc.entities);
        assert!(
            party[0].aliases.contains("Democratic"),
            "{:#?}",
            doc.entities
        );
        assert_eq!(
            doc.entities
                .iter()
                .filter(|e| e.name == "Democratic Party")
                .count(),
            1,
            "{:#?}",
            doc.entities
        );
    }

    #[test]
    fn a_surname_read_as_an_organisation_joins_the_person() {
        let doc = resolve("Ana Ruiz spoke. Later, Ruiz the party's second nominee won.");
        let ruiz = entity_with(&doc, "Ruiz");
        assert_eq!(ruiz.len(), 1, "{:#?}", doc.entities);
        assert_eq!(ruiz[0].name, "Ana Ruiz", "{:#?}", doc.entities);
    }
}
