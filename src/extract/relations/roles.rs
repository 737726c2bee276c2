//! Roles from noun-phrase structure: titles and appositions ("Chilean President Pedro Soto",
//! "Norway's foreign minister, Kari Nordmann", "Tom Baker, the British special envoy",
//! "President of Chile Pedro Soto", "his Peruvian and Brazilian counterparts, A and B,
//! respectively"), titles whose body the article makes plain ("Secretary of State Mary Jones"),
//! state bodies named by their country ("Peruvian Foreign Ministry") and "X of the Liberal Party".
//!
//! These constructions live inside noun phrases, where word order is reliable, so this reader
//! does not need the dependency tree.

use std::collections::{HashMap, HashSet};

use super::lexicon::Slot;
use super::view::{is_possessive, Arg, SentenceArgs};
use super::{relation, Candidate, Context, RelationExtractor, Rule};
use crate::doc::{Document, Upos};
use crate::extract::TitleMatch;
use crate::schema::{RelationType, Schema, Title};
use crate::text::tokenize;

/// Word lists for reading roles, from `schema/lexicon.toml` and the gazetteers.
#[derive(Debug, Clone)]
pub(super) struct RoleWords {
    /// Lower-case words that may stand inside a title phrase ("interim", "special").
    modifiers: HashSet<String>,
    /// Lower-case words that make a title's holder a member rather than the leader.
    deputies: HashSet<String>,
    /// Lower-case word sequences that make an organisation a state body ("defense forces").
    state_bodies: Vec<Vec<String>>,
    /// Lower-case name, alias or demonym of a country → its canonical name.
    countries: HashMap<String, String>,
    /// Lower-case name of a known leader (also first and last word only) → the country the
    /// leaders gazetteer gives, to place a title the article gives without its country.
    leaders: HashMap<String, String>,
    /// Title key of a legislator's title ("senator") → the last words of the chambers its
    /// holder sits in ("senate"), from the `chamber` column of `schema/titles.tsv`.
    chambers: HashMap<String, Vec<String>>,
    /// Title keys of offices of a place within a country ("governor", "mayor"): the titles of
    /// scope "local" in `schema/titles.tsv`.
    local_offices: HashSet<String>,
    /// Title keys whose body can only be an organisation ("scientist"): the titles of scope
    /// "organization" in `schema/titles.tsv`.
    organization_only: HashSet<String>,
    /// Lower-case nouns that stand for a country itself ("government"), from the lexicon.
    governments: HashSet<String>,
    /// Lower-case nouns for a group of members ("bloc"), from the lexicon.
    groups: HashSet<String>,
    /// Lower-case words for a part of an organisation ("committee"), from the lexicon.
    sub_bodies: HashSet<String>,
    /// Lower-case nouns for a party's contest ("caucuses", "delegates"), from the lexicon.
    contests: HashSet<String>,
    /// Lower-case nouns for a contender of a party's contest ("nominee"), from the lexicon.
    contenders: HashSet<String>,
    /// Title keys of a state's servants ("general", "official"), from the lexicon.
    servants: HashSet<String>,
    /// Portfolio words that name a state agency before its country ("Environment Canada").
    agency_portfolios: HashSet<String>,
    /// Nouns for ties to an organisation that are no membership ("critic", "customer").
    non_members: HashSet<String>,
}

impl RoleWords {
    /// Collects the word lists of the schema.
    pub fn new(schema: &Schema) -> Self {
        let lower = |v: &[String]| v.iter().map(|w| w.to_lowercase()).collect::<HashSet<_>>();
        let mut countries = HashMap::new();
        for e in schema
            .gazetteer
            .iter()
            .filter(|e| e.entity_type.is("Country"))
        {
            for form in std::iter::once(&e.name)
                .chain(&e.aliases)
                .chain(&e.demonyms)
            {
                countries
                    .entry(form.to_lowercase())
                    .or_insert_with(|| e.name.clone());
            }
        }
        let mut leaders = HashMap::new();
        for e in schema
            .gazetteer
            .iter()
            .filter(|e| e.entity_type.is("Person"))
        {
            let Some(country) = &e.country else { continue };
            for form in std::iter::once(&e.name).chain(&e.aliases) {
                for key in [form.to_lowercase(), first_and_last(form)] {
                    leaders.entry(key).or_insert_with(|| country.clone());
                }
            }
        }
        let key_of = |title: &str| {
            tokenize(title)
                .iter()
                .map(|tok| title[tok.span.range()].to_lowercase())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let chambers = schema
            .titles
            .iter()
            .filter_map(|t| {
                let chamber = t.chamber.clone()?;
                Some((chamber_key(&key_of(&t.title)).to_string(), chamber))
            })
            .collect();
        // the titles.tsv scopes 'local' and 'organization', as title keys
        let titles_where = |scoped: fn(&Title) -> bool| -> HashSet<String> {
            schema
                .titles
                .iter()
                .filter(|t| scoped(t))
                .map(|t| key_of(&t.title))
                .collect()
        };
        let local_offices = titles_where(|t| t.local_office);
        let organization_only = titles_where(|t| t.organization_only);
        RoleWords {
            chambers,
            local_offices,
            organization_only,
            leaders,
            modifiers: lower(&schema.lexicon.title_modifiers),
            governments: lower(&schema.lexicon.government_nouns),
            groups: lower(&schema.lexicon.group_nouns),
            sub_bodies: lower(&schema.lexicon.sub_body_words),
            contests: lower(&schema.lexicon.contest_nouns),
            contenders: lower(&schema.lexicon.contender_nouns),
            servants: lower(&schema.lexicon.servant_titles),
            agency_portfolios: lower(&schema.lexicon.agency_portfolio_words),
            non_members: lower(&schema.lexicon.non_member_nouns),
            deputies: lower(&schema.lexicon.deputy_words),
            state_bodies: schema
                .lexicon
                .state_bodies
                .iter()
                .map(|w| {
                    tokenize(w)
                        .iter()
                        .map(|t| w[t.span.range()].to_lowercase())
                        .collect()
                })
                .collect(),
            countries,
        }
    }
}

impl RoleWords {
    /// Whether the lower-case word may stand inside a title phrase.
    pub fn is_modifier(&self, word: &str) -> bool {
        self.modifiers.contains(word) || self.deputies.contains(word)
    }

    /// Whether the lower-case noun stands for a country itself ("government"): leading one
    /// leads the country.
    pub fn is_government(&self, word: &str) -> bool {
        self.governments.contains(word)
    }
}

/// The first and last word of a name in lower case ("donald trump" for "Donald J. Trump").
fn first_and_last(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => one.to_lowercase(),
        [first, .., last] => format!("{} {}", first.to_lowercase(), last.to_lowercase()),
    }
}

/// A run of title words: "interim president", "Chief Cabinet Secretary", "counterparts".
#[derive(Debug, Clone)]
struct TitlePhrase {
    /// First token, leading modifiers included.
    start: usize,
    /// One past the last title token.
    end: usize,
    /// The title that decides the relation (the last of the run).
    head: TitleMatch,
    /// The relation, after deputies are taken into account.
    relation: RelationType,
    /// "counterpart(s)": the title of someone named before.
    #[allow(dead_code)]
    counterpart: bool,
}

/// A title phrase with its holders and bodies, as read from the sentence.
struct Reading {
    phrase: TitlePhrase,
    bodies: Vec<Arg>,
    holders: Vec<Arg>,
    rule: Rule,
}

/// Reads every role of the document.
pub(super) fn read(x: &RelationExtractor, cx: &mut Context<'_>, out: &mut Vec<Candidate>) {
    let doc = cx.doc;
    let first = out.len();
    let mut unplaced: Vec<(usize, Reading)> = Vec::new();
    // holder → (title key, body) of the titles the text places
    let mut explicit: HashMap<usize, Vec<(String, usize)>> = HashMap::new();
    let mut offices: HashMap<(String, usize), usize> = HashMap::new(); // (title, body) → holder
    for sa in &cx.sentences {
        let phrases = title_phrases(x, doc, sa);
        // the last titled holder of the sentence with its bodies: "Swedish prime minister A and
        // energy minister B" gives B the body of A's title
        let mut last_titled: Option<(usize, Vec<Arg>)> = None;
        let mut readings: Vec<Reading> = phrases
            .into_iter()
            .map(|p| read_phrase(x, doc, sa, p))
            .collect();
        share_coordinated_holders(doc, &mut readings);
        for mut reading in readings {
            // "US Speaker A": the head of a chamber leads the chamber, not the country
            if reading.phrase.relation.as_str() == "leader-of"
                && chamber_words(x, &title_key(doc, &reading.phrase.head)).is_some()
            {
                reading
                    .bodies
                    .retain(|b| !doc.entities[b.entity].entity_type.is("Country"));
            }
            if reading.bodies.is_empty() {
                // "Interior Minister Pedro Soto of Chile": the country after the holder's name
                if let [h] = reading.holders.as_slice() {
                    if let Some(c) = country_after_name(doc, sa, h) {
                        reading.bodies.push(c);
                    }
                }
            }
            if reading.bodies.is_empty() && reading.phrase.head.state_office {
                let joined = |k: usize| {
                    k > sa.start
                        && doc.token_text(k - 1) == "and"
                        && last_titled.as_ref().is_some_and(|(end, _)| {
                            *end == k - 1 || (*end + 1 == k - 1 && doc.token_text(*end) == ",")
                        })
                };
                if joined(reading.phrase.start) {
                    if let Some((_, bodies)) = &last_titled {
                        reading.bodies = bodies.clone();
                        reading.rule = Rule::TitleCoordinated;
                    }
                }
            }
            if let Some(last) = reading.holders.last() {
                let countries: Vec<Arg> = reading
                    .bodies
                    .iter()
                    .filter(|b| doc.entities[b.entity].entity_type.is("Country"))
                    .copied()
                    .collect();
                last_titled = (countries.len() == 1 && reading.bodies.len() == 1)
                    .then_some((last.end, countries));
            }
            if let Some(chamber) = chamber_of(x, doc, &reading.phrase) {
                // a legislator is a member of the chamber, its Speaker leads it
                let chamber_relation = if reading.phrase.relation.as_str() == "leader-of" {
                    relation("leader-of")
                } else {
                    relation("member-of")
                };
                for h in reading.holders.iter().filter(|h| !h.is_anaphor()) {
                    out.push(Candidate {
                        relation: chamber_relation.clone(),
                        source: h.entity,
                        target: chamber,
                        sentence: sa.sentence,
                        trigger: reading.phrase.head.tokens,
                        rule: Rule::TitleInferred,
                        trust: 1.0,
                    });
                }
            }
            for h in &reading.holders {
                if !h.is_anaphor() {
                    let key = title_key(doc, &reading.phrase.head);
                    cx.holders
                        .entry(key)
                        .or_default()
                        .push((reading.phrase.start, h.entity));
                }
            }
            if reading.holders.is_empty() {
                continue;
            }
            if reading.bodies.is_empty() {
                // "his envoy": the title is someone's, not the article's country's
                let owner = (reading.phrase.start > sa.start)
                    .then(|| doc.token_text(reading.phrase.start - 1).to_lowercase());
                let owned = owner.as_deref().is_some_and(|w| {
                    matches!(w, "his" | "her" | "its" | "their" | "our" | "my" | "your")
                });
                if !owned {
                    unplaced.push((sa.sentence, reading));
                    continue;
                }
                // "Marlow said through its spokeswoman A": the body "its" stands for
                if let Some(body) = owner
                    .as_deref()
                    .filter(|w| matches!(*w, "its" | "their"))
                    .and_then(|_| body_of_its(doc, sa, reading.phrase.start - 1))
                {
                    reading.bodies.push(body);
                    reading.rule = Rule::TitleInferred;
                } else {
                    continue;
                }
            }
            pair_up(&reading, sa.sentence, out);
            for (h, b) in pairs(&reading) {
                explicit
                    .entry(h)
                    .or_default()
                    .push((title_key(doc, &reading.phrase.head), b));
                offices
                    .entry((title_key(doc, &reading.phrase.head), b))
                    .or_insert(h);
            }
        }
    }
    let dominant = dominant_country(doc);
    // "two candidates, A and B": holders of a candidacy title without its party
    let candidacies: Vec<(usize, usize, (usize, usize))> = unplaced
        .iter()
        .filter(|(_, r)| r.bodies.is_empty() && is_candidacy_title(&title_key(doc, &r.phrase.head)))
        .flat_map(|(s, r)| {
            r.holders
                .iter()
                .filter(|h| !h.is_anaphor())
                .map(|h| (*s, h.entity, r.phrase.head.tokens))
        })
        .collect();
    state_bodies(x, cx, out);
    sub_bodies(x, cx, out);
    for (s, reading) in unplaced {
        let holders: Vec<usize> = reading.holders.iter().map(|h| h.entity).collect();
        let head = &reading.phrase.head;
        let key = title_key(doc, head);
        // a holder whose country the text gives, or who holds this title of a named body
        // ("Senate President A" … "President A"), is not placed by guessing; another title of
        // an organization leaves the state office open ("party leader and Prime Minister A")
        let placed = |h: &usize| {
            explicit.get(h).is_some_and(|titles| {
                titles
                    .iter()
                    .any(|(k, b)| *k == key || doc.entities[*b].entity_type.is("Country"))
            })
        };
        if holders.iter().any(placed) {
            continue;
        }
        let known_leader = |h: usize| {
            let e = &doc.entities[h];
            std::iter::once(&e.name)
                .chain(&e.aliases)
                .find_map(|f| {
                    x.roles
                        .leaders
                        .get(&f.to_lowercase())
                        .or_else(|| x.roles.leaders.get(&first_and_last(f)))
                })
                .cloned()
        };
        for h in holders {
            let (body, rule, trust) = if let Some(b) = reading.bodies.first() {
                (Some(b.entity), Rule::TitleInferred, b.trust)
            } else if let Some(c) = head.country.as_deref() {
                // "state Secretary of State A", "Secretary of State A of Westshire": an office
                // of a state within the country, not of the country
                let sa = cx.sentences.iter().find(|sa| sa.sentence == s);
                let within = state_level(doc, &reading.phrase)
                    || reading
                        .holders
                        .iter()
                        .any(|a| sa.and_then(|sa| place_after_name(doc, sa, a)).is_some());
                let country = country_entity(doc, c).filter(|_| !within);
                (country, Rule::TitleInferred, 1.0)
            } else if let Some(c) = known_leader(h).filter(|_| !is_candidacy_title(&key)) {
                // a known leader of a country: that country, or none if the article lacks it
                (country_entity(doc, &c), Rule::TitleInferred, 1.0)
            } else if x.roles.local_offices.contains(&key) {
                // "Governor A": the place whose governor the article names elsewhere, or the
                // one place the sentence names before the title
                let sa = cx.sentences.iter().find(|sa| sa.sentence == s);
                let place = local_place(doc, &offices, &key, sa, reading.phrase.start);
                (place, Rule::TitleInferred, 1.0)
            } else if chamber_of(x, doc, &reading.phrase).is_some() {
                // a legislator sits in the chamber the article names (read above), which is
                // what the title tells; the article's main country may be another
                (None, Rule::TitleInferred, 1.0)
            } else if head.state_office
                && !lower_case_representative(doc, head)
                && !state_level(doc, &reading.phrase)
            {
                // the article's country, unless someone else holds this office of it (a
                // legislature has many members)
                let taken = !is_legislator(x, &key)
                    && dominant.is_some_and(|d| {
                        offices
                            .get(&(key.clone(), d))
                            .is_some_and(|&other| other != h)
                    });
                (dominant.filter(|_| !taken), Rule::TitleDominant, 1.0)
            } else if !head.state_office && !is_candidacy_title(&key) {
                // "Director A of the Westshire Health Agency", "committee member B" after "the
                // House Judiciary Committee"
                match attached_organization(x, cx, s, &reading, h) {
                    Some(o) => (Some(o), Rule::TitleNearBody, 1.0),
                    // "General A": a servant of the state the article is about
                    None if x.roles.servants.contains(&key) => (dominant, Rule::TitleDominant, 0.9),
                    None => (None, Rule::TitleNearBody, 1.0),
                }
            } else {
                (None, Rule::TitleInferred, 1.0)
            };
            let Some(body) = body else { continue };
            out.push(Candidate {
                relation: reading.phrase.relation.clone(),
                source: h,
                target: body,
                sentence: s,
                trigger: head.tokens,
                rule,
                trust,
            });
        }
    }
    heads_of_government(x, doc, &mut out[first..]);
    party_members(x, cx, out);
    contest_members(x, cx, &candidacies, out);
    listed_members(x, cx, out);
    person_of_body(cx, out);
    described_member(x, cx, out);
    staff_of_possessor(cx, out);
    occupation_before_name(x, cx, out);
}

/// The place of a local office ("Governor A") that the article makes plain: the one place
/// whose office of this title the article names ("the governor of Westshire"), else the one
/// place the sentence names before the title ("In Westshire, Governor A said").
fn local_place(
    doc: &Document,
    offices: &HashMap<(String, usize), usize>,
    key: &str,
    sa: Option<&SentenceArgs>,
    title_start: usize,
) -> Option<usize> {
    let is_place = |e: usize| doc.entities[e].entity_type.is("Location");
    let named: HashSet<usize> = offices
        .keys()
        .filter(|(k, b)| k == key && is_place(*b))
        .map(|(_, b)| *b)
        .collect();
    if named.len() == 1 {
        return named.into_iter().next();
    }
    if !named.is_empty() {
        return None;
    }
    let before: HashSet<usize> = sa?
        .args
        .iter()
        .filter(|a| a.end <= title_start && !a.is_anaphor() && is_place(a.entity))
        .map(|a| a.entity)
        .collect();
    (before.len() == 1)
        .then(|| before.into_iter().next())
        .flatten()
}

/// "the P5 group that includes Peru, Chile and Bolivia", "the Quartet (Peru, Chile, the UN and
/// the EU)": countries and organisations listed as making up an organisation are its members.
/// The list must be whole ("A, B and C") and name at least two members.
fn listed_members(x: &RelationExtractor, cx: &Context<'_>, out: &mut Vec<Candidate>) {
    let doc = cx.doc;
    // the verbs of membership whose objects are the members ("includes", "comprised"), by
    // their trigger entries in triggers.toml
    let lists_members = |k: usize| {
        x.lexicon.verbs_at(doc, k, k + 1).iter().any(|&(t, _)| {
            let trigger = &x.lexicon.triggers[t];
            trigger.def.relation.as_str() == "member-of"
                && trigger.source.iter().any(|m| m.slot == Slot::Object)
        })
    };
    let word = |i: usize| doc.token_text(i).to_lowercase();
    let is_member = |a: &Arg| {
        let t = &doc.entities[a.entity].entity_type;
        !a.is_anaphor() && (t.is("Country") || t.is("Organization"))
    };
    for sa in &cx.sentences {
        for org in sa
            .args
            .iter()
            .filter(|a| !a.is_anaphor() && doc.entities[a.entity].entity_type.is("Organization"))
        {
            let mut j = org.end;
            let parenthesis = j < sa.end && doc.token_text(j) == "(";
            if parenthesis {
                j += 1;
            } else {
                // "group that includes", "alliance, which comprises"
                let mut k = j;
                while k < sa.end
                    && k < j + 4
                    && (x.roles.groups.contains(&word(k))
                        || matches!(word(k).as_str(), "," | "that" | "which" | "a" | "an"))
                {
                    k += 1;
                }
                if k >= sa.end || !lists_members(k) {
                    continue;
                }
                j = k + 1;
            }
            let mut members: Vec<Arg> = Vec::new();
            let mut saw_and = false;
            loop {
                if j < sa.end && word(j) == "the" {
                    j += 1;
                }
                let Some(m) = sa.starting_at(j).filter(|m| is_member(m)) else {
                    break;
                };
                members.push(*m);
                j = m.end;
                if saw_and || j >= sa.end {
                    break;
                }
                match doc.token_text(j) {
                    "," if j + 1 < sa.end && word(j + 1) == "and" => {
                        saw_and = true;
                        j += 2;
                    }
                    "," => j += 1,
                    "and" => {
                        saw_and = true;
                        j += 1;
                    }
                    _ => break,
                }
            }
            let closed = !parenthesis || (j < sa.end && doc.token_text(j) == ")");
            if !saw_and || members.len() < 2 || !closed {
                continue;
            }
            for m in members.iter().filter(|m| m.entity != org.entity) {
                out.push(Candidate {
                    relation: relation("member-of"),
                    source: m.entity,
                    target: org.entity,
                    sentence: sa.sentence,
                    trigger: (org.end, org.end + 1),
                    rule: Rule::TitleOfBody,
                    trust: 0.9,
                });
            }
        }
    }
}

/// "Labour Party leader and Prime Minister A", "chairman of the board and chief executive A":
/// two titles joined by "and" before one name are both that person's.
fn share_coordinated_holders(doc: &Document, readings: &mut [Reading]) {
    for k in (0..readings.len().saturating_sub(1)).rev() {
        // "A for president and engineer B for vice president": a candidacy, not B's title
        let start = readings[k].phrase.start;
        let candidacy = start > 0 && doc.token_text(start - 1).eq_ignore_ascii_case("for");
        if !readings[k].holders.is_empty() || candidacy {
            continue;
        }
        let end = readings[k]
            .bodies
            .iter()
            .map(|b| b.end)
            .chain(std::iter::once(readings[k].phrase.end))
            .max()
            .unwrap_or(readings[k].phrase.end);
        let next = &readings[k + 1];
        let next_start = next
            .bodies
            .iter()
            .map(|b| b.start)
            .chain(std::iter::once(next.phrase.start))
            .min()
            .unwrap_or(next.phrase.start);
        if next_start == end + 1 && doc.token_text(end) == "and" && !next.holders.is_empty() {
            readings[k].holders = next.holders.clone();
        }
    }
    // "A, a former foreign minister and mayor of Arden": the holder before the first title
    for k in 1..readings.len() {
        if !readings[k].holders.is_empty() || readings[k - 1].holders.is_empty() {
            continue;
        }
        let start = readings[k]
            .bodies
            .iter()
            .map(|b| b.start)
            .chain(std::iter::once(readings[k].phrase.start))
            .min()
            .unwrap_or(readings[k].phrase.start);
        let prev = &readings[k - 1];
        let prev_end = prev
            .bodies
            .iter()
            .map(|b| b.end)
            .chain(std::iter::once(prev.phrase.end))
            .max()
            .unwrap_or(prev.phrase.end);
        // only a holder named before the first title: "Labour leader A and mayor B" are two
        let before = prev.holders.iter().all(|h| h.end <= prev.phrase.start);
        if before && start == prev_end + 1 && doc.token_text(prev_end) == "and" {
            readings[k].holders = prev.holders.clone();
        }
    }
}

/// Beside a head of state of a country, another leader's title of it makes a member: with a
/// President named, "Prime Minister X" is a member of the government, not its leader.
fn heads_of_government(x: &RelationExtractor, doc: &Document, found: &mut [Candidate]) {
    let title = |c: &Candidate| {
        let s = doc.tokens[c.trigger.0].sentence;
        x.titles.at(doc, c.trigger.0, doc.sentences[s].tokens.1)
    };
    // a former head of state ("Former President X") leaves the office to the present one
    let former = |c: &Candidate| {
        (c.trigger.0.saturating_sub(3)..c.trigger.0).any(|k| {
            matches!(
                doc.token_text(k).to_lowercase().as_str(),
                "former" | "late" | "ex" | "previous"
            )
        })
    };
    // a monarch reigns beside a prime minister who leads the government
    let monarch = |c: &Candidate| {
        (c.trigger.0..c.trigger.1).any(|k| {
            matches!(
                doc.token_text(k).to_lowercase().as_str(),
                "king"
                    | "queen"
                    | "emperor"
                    | "empress"
                    | "monarch"
                    | "prince"
                    | "princess"
                    | "grand"
                    | "duke"
            )
        })
    };
    let head_at =
        |c: &Candidate| title(c).is_some_and(|t| t.head_of_state) && !former(c) && !monarch(c);
    let government_at =
        |c: &Candidate| title(c).is_some_and(|t| t.state_office && !t.head_of_state);
    let heads: Vec<(usize, usize)> = found
        .iter()
        .filter(|c| c.relation.as_str() == "leader-of" && head_at(c))
        .map(|c| (c.source, c.target))
        .collect();
    for c in found.iter_mut() {
        if c.relation.as_str() == "leader-of"
            && doc.entities[c.target].entity_type.is("Country")
            && government_at(c)
            && heads.iter().any(|&(h, b)| b == c.target && h != c.source)
        {
            c.relation = relation("member-of");
        }
    }
}

/// The key under which a title's holders are remembered: its words in lower case.
fn title_key(doc: &Document, head: &TitleMatch) -> String {
    (head.tokens.0..head.tokens.1)
        .map(|i| doc.token_text(i).to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Holder–body pairs of a reading: one body for all holders, or bodies and holders zipped
/// ("Peruvian and Brazilian counterparts, A and B").
fn pairs(r: &Reading) -> Vec<(usize, usize)> {
    match (r.bodies.len(), r.holders.len()) {
        (1, _) => r
            .holders
            .iter()
            .map(|h| (h.entity, r.bodies[0].entity))
            .collect(),
        (n, m) if n == m => r
            .holders
            .iter()
            .zip(&r.bodies)
            .map(|(h, b)| (h.entity, b.entity))
            .collect(),
        _ => Vec::new(),
    }
}

fn pair_up(r: &Reading, sentence: usize, out: &mut Vec<Candidate>) {
    let rule = if r.bodies.len() > 1 {
        Rule::TitleCoordinated
    } else {
        r.rule
    };
    for (h, b) in pairs(r) {
        let trust = r
            .holders
            .iter()
            .chain(&r.bodies)
            .filter(|a| a.entity == h || a.entity == b)
            .map(|a| a.trust)
            .fold(1.0, f32::min);
        out.push(Candidate {
            relation: r.phrase.relation.clone(),
            source: h,
            target: b,
            sentence,
            trigger: r.phrase.head.tokens,
            rule,
            trust,
        });
    }
}

/// Whether token `i` may stand inside a title phrase without being a title itself.
fn is_title_modifier(x: &RelationExtractor, doc: &Document, sa: &SentenceArgs, i: usize) -> bool {
    let w = doc.token_text(i);
    if sa.at(i).is_some() || !w.chars().all(|c| c.is_alphabetic() || c == '-') {
        return false;
    }
    let lower = w.to_lowercase();
    x.roles.modifiers.contains(&lower)
        || x.roles.deputies.contains(&lower)
        // a capitalised word that names nothing, inside the sentence: "Environment Minister"
        || (w.starts_with(char::is_uppercase) && i > sa.start && !is_function_word(&lower))
}

/// A lower-case word that may name a minister's portfolio ("economic", "development").
fn is_portfolio_word(x: &RelationExtractor, doc: &Document, i: usize) -> bool {
    let w = doc.token_text(i);
    // "the Green Party's 2020 presidential nominee": a year may stand there too
    if w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    w.chars().all(|c| c.is_lowercase() || c == '-')
        && w.len() > 2
        && !is_function_word(w)
        && !x.lexicon.is_trigger_verb(w)
        && !x.lexicon.speech.contains(w)
        && !matches!(
            w,
            "former" | "late" | "then" | "current" | "new" | "who" | "which" | "that"
        )
        // "the Daily Post interviews scientist A": the paper talks to A, who is not its member
        && !w.starts_with("interview")
        // "Peru and Chile are members": a verb ends the phrase, and the names before it are
        // holders, not bodies
        && !is_predicate_word(w)
        && !matches!(doc.tokens[i].upos, Upos::Aux | Upos::Pron | Upos::Det)
}

fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "and"
            | "or"
            | "of"
            | "in"
            | "on"
            | "at"
            | "for"
            | "to"
            | "by"
            | "with"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "said"
            | "says"
    )
}

/// The title phrases of a sentence, left to right.
fn title_phrases(x: &RelationExtractor, doc: &Document, sa: &SentenceArgs) -> Vec<TitlePhrase> {
    let mut out = Vec::new();
    let mut last_relation: Option<(RelationType, bool)> = None;
    let mut i = sa.start;
    while i < sa.end {
        let first = match title_at(x, doc, sa, i, &last_relation) {
            Some(t) => t,
            None => {
                i += 1;
                continue;
            }
        };
        // extend over further titles, with up to two modifiers between
        let mut head = first.clone();
        let mut end = first.tokens.1;
        loop {
            let mut k = end;
            while k < sa.end && k < end + 2 && is_title_modifier(x, doc, sa, k) {
                if title_at(x, doc, sa, k, &last_relation).is_some() {
                    break;
                }
                k += 1;
            }
            match (k < sa.end)
                .then(|| title_at(x, doc, sa, k, &last_relation))
                .flatten()
            {
                Some(t) => {
                    end = t.tokens.1;
                    head = t;
                }
                None => break,
            }
        }
        // leading modifiers: "interim president", "Deputy Prime Minister"
        let mut start = first.tokens.0;
        while start > sa.start
            && first.tokens.0 - start < 3
            && is_title_modifier(x, doc, sa, start - 1)
        {
            start -= 1;
        }
        let counterpart = doc.token_text(head.tokens.0).starts_with("counterpart");
        let deputy = (start..head.tokens.0)
            .chain(head.tokens.0.saturating_sub(2).max(sa.start)..head.tokens.0)
            .any(|k| x.roles.deputies.contains(&doc.token_text(k).to_lowercase()));
        let relation = if deputy && head.relation.as_str() == "leader-of" {
            relation("member-of")
        } else {
            head.relation.clone()
        };
        // "Italian economic development minister": a member's title may carry lower-case words
        // of its portfolio between the body and the title ("Peruvian government spokeswoman")
        if matches!(relation.as_str(), "member-of" | "spokesperson-for") {
            let mut k = start;
            while k > sa.start
                && start - k < 3
                && sa.at(k - 1).is_none()
                && is_portfolio_word(x, doc, k - 1)
            {
                k -= 1;
            }
            let reaches_body = k < start
                && k > sa.start
                && (sa
                    .args
                    .iter()
                    .any(|a| a.end == k && !doc.entities[a.entity].entity_type.is("Person"))
                    || is_possessive(doc.token_text(k - 1)));
            if reaches_body {
                start = k;
            }
        }
        last_relation = Some((relation.clone(), head.state_office));
        out.push(TitlePhrase {
            start,
            end,
            head,
            relation,
            counterpart,
        });
        i = end;
    }
    out
}

/// A title starting at token `i`, or "counterpart(s)" standing for the last title seen.
fn title_at(
    x: &RelationExtractor,
    doc: &Document,
    sa: &SentenceArgs,
    i: usize,
    last: &Option<(RelationType, bool)>,
) -> Option<TitleMatch> {
    if sa.at(i).is_some() {
        return None;
    }
    if let Some(t) = x.titles.at(doc, i, sa.end) {
        return Some(t);
    }
    let w = doc.token_text(i).to_lowercase();
    (w == "counterpart" || w == "counterparts").then(|| {
        let (relation, state_office) = last
            .clone()
            .unwrap_or_else(|| (relation("leader-of"), true));
        TitleMatch {
            tokens: (i, i + 1),
            relation,
            state_office,
            head_of_state: false,
            country: None,
        }
    })
}

/// Finds the bodies and holders of one title phrase.
fn read_phrase(
    x: &RelationExtractor,
    doc: &Document,
    sa: &SentenceArgs,
    phrase: TitlePhrase,
) -> Reading {
    let is_person = |a: &Arg| doc.entities[a.entity].entity_type.is("Person");
    let is_body = |a: &Arg| !is_person(a) || phrase.relation.as_str() == "spokesperson-for";
    // "Peru and Chile are members of the Andean Council", "Peru, a member of the council":
    // countries hold membership of a body too
    let member_title = matches!(title_key(doc, &phrase.head).as_str(), "member" | "members");
    let is_holder = |a: &Arg| {
        is_person(a) || (member_title && doc.entities[a.entity].entity_type.is("Country"))
    };
    let word = |i: usize| doc.token_text(i).to_lowercase();
    let mut rule = Rule::TitleBeforeName;

    // bodies before the phrase: "Chilean President", "Norway's foreign minister",
    // "Peruvian and Brazilian counterparts"
    let mut bodies: Vec<Arg> = Vec::new();
    let mut k = phrase.start;
    // "Maryland's Republican Governor A", "the Democratic chairman of the committee": a
    // party's word before an office of a state or a town, or before a title of a body named
    // after it, is the holder's affiliation (see `party_members`), not what the title is of
    let office = phrase.head.state_office
        || x.roles
            .local_offices
            .contains(&title_key(doc, &phrase.head))
        || (phrase.end < sa.end && doc.token_text(phrase.end) == "of");
    if let Some(party) = sa.args.iter().find(|a| {
        office
            && a.end == k
            && a.start + 1 == a.end
            && doc.entities[a.entity].entity_type.is("Organization")
            && doc.entities[a.entity].name.ends_with(" Party")
            && doc.entities[a.entity].name != doc.token_text(a.start)
    }) {
        k = party.start;
    }
    let mut possessive = false;
    if k > sa.start && is_possessive(doc.token_text(k - 1)) {
        k -= 1;
        possessive = true;
    }
    // "Peruvian Agency for Rural Development (PARD) Administrator"
    if k > sa.start + 2 && doc.token_text(k - 1) == ")" {
        if let Some(open) = (k.saturating_sub(5).max(sa.start)..k - 1)
            .rev()
            .find(|&j| doc.token_text(j) == "(")
        {
            k = open;
        }
    }
    // the longest name ending there: "Environment Canada spokeswoman" is the agency's, not
    // Canada's
    // (a mention may hold the clitic itself: "European Union's" read as the union's adjective)
    if let Some(b) = sa
        .args
        .iter()
        .filter(|a| (a.end == k || (possessive && a.end == k + 1)) && !a.is_anaphor())
        .min_by_key(|a| a.start)
    {
        if is_body(b) {
            bodies.push(*b);
            if !possessive {
                bodies.extend(coordinated_before(doc, sa, b));
            }
        }
    }
    bodies.reverse();
    bodies.sort_by_key(|a| a.start);

    // after the phrase: "of (the) BODY", then a complement "for/to/at (the) X ..."
    let mut after = phrase.end;
    if bodies.is_empty() && after < sa.end && word(after) == "of" {
        let mut j = after + 1;
        if j < sa.end && word(j) == "the" {
            j += 1;
        }
        // "mayor of the port city of X", "governor of the US state of X": a kind of place
        // between the title and its body
        let of_kind = || {
            let mut k = j;
            while k < sa.end && k < j + 3 && sa.at(k).is_none() {
                let w = word(k);
                if w == "of" {
                    break;
                }
                if !w.chars().all(|c| c.is_alphabetic() || c == '.') || is_function_word(&w) {
                    return None;
                }
                k += 1;
            }
            let kind_noun = k > j && x.places_nouns_contains(&word(k - 1));
            (kind_noun && k + 1 < sa.end && word(k) == "of")
                .then(|| body_at(doc, sa, k + 1))
                .flatten()
        };
        if let Some(b) = body_at(doc, sa, j)
            .filter(|b| is_body(b))
            .or_else(|| of_kind().filter(|b| is_body(b)))
        {
            bodies.push(b);
            after = b.end;
            rule = Rule::TitleOfBody;
        } else if let Some(end) = portfolio_end(doc, sa, after + 1) {
            // "Minister of Foreign Affairs Ana Torres": the portfolio names no body, the
            // holder follows it
            after = end;
        }
    }
    // "a spokesperson for the police", "a professor at the university", "an engineer with the
    // company", "columnist from the Daily Post": the body, except
    // for titles that serve abroad ("envoy for Syria" is no member of Syria)
    if bodies.is_empty()
        && after < sa.end
        && matches!(word(after).as_str(), "for" | "at" | "with" | "from")
    {
        let head = (phrase.head.tokens.0..phrase.head.tokens.1)
            .map(&word)
            .collect::<Vec<_>>()
            .join(" ");
        let abroad = [
            "ambassador",
            "envoy",
            "consul",
            "representative",
            "correspondent",
        ]
        .iter()
        .any(|w| head.contains(w));
        let mut j = after + 1;
        if j < sa.end && word(j) == "the" {
            j += 1;
        }
        // the whole noun phrase must be the actor: not "for the Trump administration's
        // department", where the name only modifies what follows
        let whole = |b: &Arg| {
            b.end >= sa.end || {
                let next = doc.token_text(b.end);
                (!next.chars().all(|c| c.is_lowercase()) || is_function_word(next))
                    && !is_possessive(next)
            }
        };
        if !abroad {
            if let Some(b) = body_at(doc, sa, j).filter(|b| is_body(b) && !b.modifier && whole(b)) {
                bodies.push(b);
                after = b.end;
                rule = Rule::TitleOfBody;
            }
        }
    }
    if after < sa.end && matches!(word(after).as_str(), "for" | "to" | "at" | "in" | "from") {
        // "Ambassador to the United States Ana Torres", "correspondent at the U.N. X",
        // "Senator from Westshire Ana Torres"
        let mut j = after + 1;
        if j < sa.end && word(j) == "the" {
            j += 1;
        }
        if let Some(c) = sa.starting_at(j) {
            if !is_person(c) {
                after = c.end;
            }
        }
    }

    // holders after: "President Pedro Soto", "foreign minister, Kari Nordmann", "A, B and C"
    let mut holders: Vec<Arg> = Vec::new();
    let mut j = after;
    let mut comma = false;
    // "the Union's member states, including A and B", "member countries such as A": the
    // examples of a body's members
    if member_title && bodies.len() == 1 {
        let mut k = j;
        if k < sa.end && matches!(word(k).as_str(), "states" | "countries" | "nations") {
            k += 1;
        }
        if k < sa.end && doc.token_text(k) == "," {
            k += 1;
        }
        let examples = match word(k).as_str() {
            "including" | "like" => 1,
            "such" if k + 1 < sa.end && word(k + 1) == "as" => 2,
            _ => 0,
        };
        if examples > 0 {
            j = k + examples;
        }
    }
    // "Labour MP (Member of Parliament) Tom Watson", "Grand Master (GM) A": a parenthesis
    // spelling out or shortening the title
    if j < sa.end && doc.token_text(j) == "(" {
        if let Some(close) = (j + 1..sa.end.min(j + 7)).find(|&k| doc.token_text(k) == ")") {
            j = close + 1;
        }
    }
    if j < sa.end && doc.token_text(j) == "," {
        j += 1;
        comma = true;
    }
    // "the general manager of the agency, Dr Omar Salem"
    if j < sa.end && is_honorific(&word(j)) && sa.starting_at(j).is_none() {
        j += 1;
    }
    if let Some(p) = sa
        .starting_at(j)
        .filter(|p| is_holder(p) && !p.is_anaphor())
    {
        holders.push(*p);
        let places = plural_title(doc, &phrase);
        holders.extend(
            coordinated_after(doc, sa, p, places)
                .into_iter()
                .filter(is_holder),
        );
        if comma && rule == Rule::TitleBeforeName {
            rule = Rule::TitleApposition;
        }
    }
    // holder before, in apposition: "Tom Baker, the British special envoy",
    // "Elena Rossi, president of Italy"
    if holders.is_empty() {
        let left = bodies
            .first()
            .map_or(phrase.start, |b| b.start.min(phrase.start));
        let mut j = left;
        // "A, a former Newsweek manager", "A, formerly a deputy administrator at FEMA"
        while j > sa.start
            && j + 4 > left
            && (matches!(
                word(j - 1).as_str(),
                "the" | "a" | "an" | "then" | "its" | "his" | "her" | "their" | "formerly" | "now"
            ) || (sa.at(j - 1).is_none()
                && (x.roles.modifiers.contains(&word(j - 1))
                    // "A, a psychology professor at X"
                    || (bodies.iter().all(|b| b.start >= phrase.start) && j + 2 > left && is_portfolio_word(x, doc, j - 1)))))
        {
            j -= 1;
        }
        if j > sa.start && doc.token_text(j - 1) == "," {
            // "Ann Lee of Ohio, the party's nominee": past the holder's place
            let mut end = j - 1;
            if let Some(place) = sa.args.iter().find(|a| {
                a.end == end && {
                    let t = &doc.entities[a.entity].entity_type;
                    t.is("Location") || t.is("Country")
                }
            }) {
                if place.start > sa.start + 1 && word(place.start - 1) == "of" {
                    end = place.start - 1;
                }
            }
            if let Some(p) = sa
                .args
                .iter()
                .rev()
                .find(|a| a.end == end && is_holder(a) && !a.is_anaphor())
            {
                holders.push(*p);
                if rule == Rule::TitleBeforeName {
                    rule = Rule::TitleApposition;
                }
            }
        }
    }
    // predicate titles: "Lopez became prime minister", "Berg was named defense minister"
    if holders.is_empty() {
        let left = bodies
            .first()
            .map_or(phrase.start, |b| b.start.min(phrase.start));
        let mut j = left;
        // "is a psychology professor at X": lower-case words of the field before the title
        while bodies.iter().all(|b| b.start >= phrase.start)
            && j > sa.start
            && j + 2 > left
            && sa.at(j - 1).is_none()
            && is_portfolio_word(x, doc, j - 1)
        {
            j -= 1;
        }
        while j > sa.start && matches!(word(j - 1).as_str(), "the" | "a" | "an" | "its" | "their") {
            j -= 1;
        }
        let mut verb = j;
        // up to four words: "was sworn in as Peru's president"
        while verb > sa.start && verb + 4 > j && is_predicate_word(&word(verb - 1)) {
            verb -= 1;
        }
        if verb < j {
            // "A, who had been Chile's foreign minister": the person the clause describes
            let mut end = verb;
            if end > sa.start + 1 && word(end - 1) == "who" && doc.token_text(end - 2) == "," {
                end -= 2;
            }
            // "A served as prime minister and was mayor of Paris": the sentence's opening
            // subject, when no other person stands between
            let opening = (end > sa.start + 1 && word(end - 1) == "and")
                .then(|| {
                    let persons: Vec<&Arg> = sa
                        .args
                        .iter()
                        .filter(|a| a.end < end && is_holder(a))
                        .collect();
                    match persons.as_slice() {
                        [only] if only.start == sa.start && !only.is_anaphor() => Some(**only),
                        _ => None,
                    }
                })
                .flatten();
            if let Some(p) = opening {
                holders.push(p);
                rule = Rule::TitlePredicate;
            } else if let Some(p) = sa.args.iter().rev().find(|a| a.end == end && is_holder(a)) {
                holders.push(*p);
                // "A, B and C are all members of the party"
                if plural_title(doc, &phrase) {
                    holders.extend(coordinated_before(doc, sa, p));
                }
                rule = Rule::TitlePredicate;
            }
        }
    }
    // a party's nominee is its member; a country's candidate is no member of the country, nor
    // is a country's scientist
    let key = title_key(doc, &phrase.head);
    if is_candidacy_title(&key) || x.roles.organization_only.contains(&key) {
        bodies.retain(|b| doc.entities[b.entity].entity_type.is("Organization"));
    }
    // a country is a member of an organisation, never of another country
    if bodies
        .iter()
        .any(|b| !doc.entities[b.entity].entity_type.is("Organization"))
    {
        holders.retain(is_person);
    }
    Reading {
        phrase,
        bodies,
        holders,
        rule,
    }
}

/// The body named at token `j` after "head of": the longest actor starting there, the name a
/// country word there modifies ("the Danish Energy Council", not Denmark), or the body a
/// possessive there owns ("of Italy's
/// central bank" names the bank, not Italy).
fn body_at(doc: &Document, sa: &SentenceArgs, j: usize) -> Option<Arg> {
    let b = *sa
        .args
        .iter()
        .filter(|a| a.start == j && !a.is_anaphor())
        .max_by_key(|a| a.end)?;
    // "the Danish Energy Council" read as "Danish" + "Energy Council": the named body
    if b.modifier {
        if let Some(named) = sa
            .args
            .iter()
            .filter(|a| {
                a.start == b.end
                    && !a.is_anaphor()
                    && !doc.entities[a.entity].entity_type.is("Person")
            })
            .max_by_key(|a| a.end)
        {
            return Some(*named);
        }
    }
    if b.end + 1 < sa.end && is_possessive(doc.token_text(b.end)) {
        if let Some(owned) = sa
            .args
            .iter()
            .filter(|a| a.start == b.end + 1 && !a.is_anaphor())
            .max_by_key(|a| a.end)
        {
            return Some(*owned);
        }
    }
    Some(b)
}

/// The end of a portfolio after "of" that names no actor ("of Information", "of Foreign
/// Affairs", "of Health and Social Care"): capitalised words, joined by "and" or "&", up to a
/// named actor or the first other word. None if no capitalised word follows or an actor starts
/// inside it.
fn portfolio_end(doc: &Document, sa: &SentenceArgs, start: usize) -> Option<usize> {
    let mut j = start;
    let mut last_cap = None;
    while j < sa.end && j < start + 5 {
        if sa.args.iter().any(|a| a.start == j) {
            break;
        }
        let w = doc.token_text(j);
        if w.starts_with(char::is_uppercase) {
            last_cap = Some(j + 1);
        } else if !matches!(w, "and" | "&") || last_cap.is_none() {
            break;
        }
        j += 1;
    }
    let end = last_cap?;
    // the holder must follow right away (after an optional comma)
    let holder_at = if end < sa.end && doc.token_text(end) == "," {
        end + 1
    } else {
        end
    };
    sa.starting_at(holder_at)
        .filter(|a| doc.entities[a.entity].entity_type.is("Person"))
        .map(|_| end)
}

/// Whether the title phrase is plural ("members", "ministers"): it may have several holders.
fn plural_title(doc: &Document, phrase: &TitlePhrase) -> bool {
    let w = doc.token_text(phrase.head.tokens.1 - 1).to_lowercase();
    w.len() > 3 && w.ends_with('s') && !w.ends_with("ss")
}

/// Honorifics between a title and its holder that are not part of the name ("Dr", "Mr").
fn is_honorific(w: &str) -> bool {
    matches!(
        w,
        "dr" | "dr."
            | "mr"
            | "mr."
            | "mrs"
            | "mrs."
            | "ms"
            | "ms."
            | "sir"
            | "dame"
            | "lord"
            | "lady"
    )
}

/// Words between a person and the title they take: "became", "was named", "served as".
fn is_predicate_word(w: &str) -> bool {
    matches!(
        w,
        "became"
            | "becomes"
            | "become"
            | "is"
            | "was"
            | "remains"
            | "remained"
            | "served"
            | "serves"
            | "as"
            | "named"
            | "appointed"
            | "elected"
            | "sworn"
            | "in"
            | "been"
            | "has"
            | "had"
            | "are"
            | "were"
            | "all"
            | "both"
            | "also"
            | "still"
            | "once"
            | "formerly"
            | "previously"
    )
}

/// Arguments coordinated before `a` ("Peruvian, Chilean and Brazilian"), nearest first.
fn coordinated_before(doc: &Document, sa: &SentenceArgs, a: &Arg) -> Vec<Arg> {
    let mut out = Vec::new();
    let mut cur = *a;
    while let Some(prev) = sa
        .args
        .iter()
        .rev()
        .find(|b| b.end <= cur.start && !b.is_anaphor())
    {
        let gap: Vec<&str> = (prev.end..cur.start).map(|t| doc.token_text(t)).collect();
        let ok = matches!(gap.as_slice(), [","] | ["and"] | [",", "and"] | ["or"]);
        let same_type = doc.entities[prev.entity].entity_type == doc.entities[a.entity].entity_type;
        if !ok || !same_type {
            break;
        }
        out.push(*prev);
        cur = *prev;
    }
    out
}

/// Arguments coordinated after `a` ("Ana Torres, Pedro Soto and Luis
/// Vega"); a list ends at a comma that no name follows.
fn coordinated_after(doc: &Document, sa: &SentenceArgs, a: &Arg, places: bool) -> Vec<Arg> {
    let mut out = Vec::new();
    let mut cur = *a;
    let mut saw_and = false;
    // "Senators A of Oregon, B of Idaho and C": under a plural title, a holder's place after
    // "of" is part of the item
    let item_end = |p: &Arg| {
        if places && p.end + 1 < sa.end && doc.token_text(p.end) == "of" {
            if let Some(place) = sa.starting_at(p.end + 1).filter(|q| {
                let t = &doc.entities[q.entity].entity_type;
                t.is("Location") || t.is("Country")
            }) {
                return place.end;
            }
        }
        p.end
    };
    while let Some(next) = sa
        .args
        .iter()
        .find(|b| b.start >= item_end(&cur) && !b.is_anaphor())
    {
        let gap: Vec<&str> = (item_end(&cur)..next.start)
            .map(|t| doc.token_text(t))
            .collect();
        let ok = matches!(gap.as_slice(), [","] | ["and"] | [",", "and"]);
        if !ok
            || saw_and
            || doc.entities[next.entity].entity_type != doc.entities[a.entity].entity_type
        {
            break;
        }
        saw_and = gap.contains(&"and");
        out.push(*next);
        cur = *next;
    }
    // "A, B" without "and" is not a list of holders ("President A, Soto said")
    if !saw_and {
        out.clear();
    }
    out
}

/// The country entity of the document with this canonical name.
fn country_entity(doc: &Document, canonical: &str) -> Option<usize> {
    doc.entities.iter().position(|e| {
        e.entity_type.is("Country")
            && (e.name == canonical || e.aliases.iter().any(|a| a == canonical))
    })
}

/// The country the article is about: the one mentioned most, clearly more than any other.
pub(super) fn dominant_country(doc: &Document) -> Option<usize> {
    let mut counts: Vec<(usize, usize)> = doc
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.entity_type.is("Country"))
        .map(|(i, e)| (e.mentions.len(), i))
        .collect();
    counts.sort_by(|a, b| b.cmp(a));
    match counts.as_slice() {
        [(n, e)] if *n >= 2 => Some(*e),
        [(n, e), (m, _), ..] if *n >= 3 && *n * 2 >= *m * 3 => Some(*e),
        _ => None,
    }
}

/// The organisation a title without its body belongs to by its holder's name or its own words:
/// "Director A of the Westshire Health Agency", "B, columnist from the Daily Post" (the
/// organisation right after the holder's name), "committee member C" (a word for a part of an
/// organisation before the title: the last organisation named with that word, in this sentence
/// or the three before).
fn attached_organization(
    x: &RelationExtractor,
    cx: &Context<'_>,
    s: usize,
    reading: &Reading,
    holder: usize,
) -> Option<usize> {
    let doc = cx.doc;
    let sa = cx.sentences.iter().find(|sa| sa.sentence == s)?;
    let is_org = |a: &Arg| doc.entities[a.entity].entity_type.is("Organization");
    if let Some(h) = reading
        .holders
        .iter()
        .find(|a| a.entity == holder && !a.is_anaphor())
    {
        if h.end + 1 < sa.end && matches!(doc.token_text(h.end), "of" | "from" | "at") {
            let mut j = h.end + 1;
            if doc.token_text(j).eq_ignore_ascii_case("the") {
                j += 1;
            }
            if let Some(b) = body_at(doc, sa, j)
                .filter(|b| is_org(b) && !b.modifier)
                .filter(|b| b.end >= sa.end || !is_possessive(doc.token_text(b.end)))
            {
                return Some(b.entity);
            }
        }
    }
    // "committee member", "board chairman": the part word before the title
    let start = reading.phrase.start;
    if start <= sa.start || sa.at(start - 1).is_some() {
        return None;
    }
    let part = doc.token_text(start - 1);
    if !part.starts_with(char::is_lowercase) || !x.roles.sub_bodies.contains(part) {
        return None;
    }
    cx.sentences
        .iter()
        .filter(|o| o.sentence <= s && o.sentence + 3 >= s)
        .flat_map(|o| o.args.iter())
        .filter(|a| a.end <= start && !a.is_anaphor() && is_org(a))
        .rfind(|a| {
            doc.entities[a.entity]
                .name
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case(part))
        })
        .map(|a| a.entity)
}

/// "Peruvian Foreign Ministry", "Chilean Navy", "Lima's foreign ministry", "the Legislative
/// Assembly of Tonga", "Environment Canada": an organisation whose name (or the name before or
/// right after it) is its country's, and which is a state body.
fn state_bodies(x: &RelationExtractor, cx: &Context<'_>, out: &mut Vec<Candidate>) {
    let doc = cx.doc;
    let words = &x.roles;
    let is_state_body = |tokens: (usize, usize)| {
        let lower: Vec<String> = (tokens.0..tokens.1)
            .map(|i| doc.token_text(i).to_lowercase())
            .collect();
        words
            .state_bodies
            .iter()
            .any(|b| lower.windows(b.len()).any(|w| w == b.as_slice()))
    };
    let mut done: HashSet<(usize, usize)> = HashSet::new();
    let dominant = dominant_country(doc);
    for sa in &cx.sentences {
        for (k, a) in sa.args.iter().enumerate() {
            if !doc.entities[a.entity].entity_type.is("Organization") || a.is_anaphor() {
                continue;
            }
            // the country inside the name: "United States Agency for International Development"
            let lower: Vec<String> = (a.start..a.end)
                .map(|i| doc.token_text(i).to_lowercase())
                .collect();
            let inside = (1..lower.len().min(4)).rev().find_map(|n| {
                words
                    .countries
                    .get(&lower[..n].join(" "))
                    .or_else(|| words.countries.get(&lower[..n].concat()))
            });
            // the country right before it: "Peruvian Foreign Ministry", "Lima's foreign ministry"
            let before = sa.args[..k].iter().rev().find(|b| {
                b.end == a.start || (b.end + 1 == a.start && is_possessive(doc.token_text(b.end)))
            });
            // or after "of" inside it: "Armed Forces of the Republic", "Central Bank of Peru"
            let of_country = lower.iter().position(|w| w == "of").and_then(|o| {
                let mut rest = &lower[o + 1..];
                if rest.first().is_some_and(|w| w == "the") {
                    rest = &rest[1..];
                }
                words
                    .countries
                    .get(&rest.join(" "))
                    .or_else(|| words.countries.get(&rest.concat()))
            });
            let inside = inside.or(of_country);
            // "Environment Canada", "Statistics Canada": a portfolio, then the country that
            // ends the name (not "Air Canada", a company)
            let country_last = match lower.as_slice() {
                [portfolio @ .., last] if !portfolio.is_empty() && portfolio.len() <= 2 => {
                    portfolio
                        .iter()
                        .all(|w| words.agency_portfolios.contains(w.as_str()))
                        .then(|| words.countries.get(last.as_str()))
                        .flatten()
                }
                _ => None,
            };
            // "the Legislative Assembly of Tonga" named without its country: the country
            // right after "of" (not "the Council of Former Members of Peru", whose name has
            // its own "of")
            let of_after = (a.end + 1 < sa.end
                && doc.token_text(a.end) == "of"
                && !lower.iter().any(|w| w == "of"))
            .then(|| {
                let mut j = a.end + 1;
                if doc.token_text(j).eq_ignore_ascii_case("the") {
                    j += 1;
                }
                sa.starting_at(j)
            })
            .flatten()
            .filter(|c| {
                !c.is_anaphor()
                    && !c.modifier
                    && doc.entities[c.entity].entity_type.is("Country")
                    && (c.end >= sa.end || !is_possessive(doc.token_text(c.end)))
            });
            let country = match (inside.or(country_last), before, of_after) {
                (Some(c), _, _) => country_entity(doc, c),
                (None, Some(b), _) if doc.entities[b.entity].entity_type.is("Country") => {
                    Some(b.entity)
                }
                (None, _, Some(c)) => Some(c.entity),
                _ => None,
            };
            // "the Emergencies Ministry" in an article about one country: a body only a state
            // has, named without its country, is that country's
            let (country, trust) = match country {
                Some(c) => (Some(c), 1.0),
                None if before.is_none() && national_body(doc, a) => (dominant, 0.8),
                None => (None, 1.0),
            };
            let Some(country) = country else { continue };
            if !(is_state_body((a.start, a.end)) || country_last.is_some())
                || !done.insert((a.entity, country))
            {
                continue;
            }
            let start = before.map_or(a.start, |b| b.start.min(a.start));
            out.push(Candidate {
                relation: relation("member-of"),
                source: a.entity,
                target: country,
                sentence: sa.sentence,
                trigger: (start, a.end),
                rule: Rule::StateBody,
                trust,
            });
        }
    }
}

/// "House Judiciary Committee", "African Union Mission in Somalia", "UN Security Council": an
/// organisation whose name starts with the name or an alias of another organisation of the
/// article, followed by a word for a part of one, is a member of that organisation.
fn sub_bodies(x: &RelationExtractor, cx: &Context<'_>, out: &mut Vec<Candidate>) {
    let doc = cx.doc;
    // a name's lower-case words, without a leading "the" ("the UN")
    let words_of = |text: &str| -> Vec<String> {
        let mut words: Vec<String> = tokenize(text)
            .iter()
            .map(|t| text[t.span.range()].to_lowercase())
            .collect();
        if words.first().is_some_and(|w| w == "the") {
            words.remove(0);
        }
        words
    };
    let is_part = |w: &String| x.roles.sub_bodies.contains(w);
    // the forms of every organisation that name it safely, as lower-case words: its name, an
    // acronym ("UN"), and a short form its name starts with ("House" of "House of
    // Representatives") unless a word for a part follows in the name ("House" of "House Judiciary
    // Committee" names the House, not the committee)
    let forms: Vec<(usize, Vec<String>)> = doc
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.entity_type.is("Organization"))
        .flat_map(|(i, e)| {
            let name = words_of(&e.name);
            let aliases = e
                .aliases
                .iter()
                .filter(|alias| {
                    let acronym = alias.len() >= 2 && alias.chars().all(|c| c.is_ascii_uppercase());
                    let short = words_of(alias);
                    acronym
                        || (short.len() < name.len()
                            && name.starts_with(&short)
                            && !name[short.len()..].iter().any(is_part))
                })
                .map(|alias| words_of(alias))
                .collect::<Vec<_>>();
            std::iter::once(name).chain(aliases).map(move |f| (i, f))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let mut done: HashSet<(usize, usize)> = HashSet::new();
    for sa in &cx.sentences {
        for a in &sa.args {
            if a.is_anaphor() || !doc.entities[a.entity].entity_type.is("Organization") {
                continue;
            }
            // the name as written here and as the article names the organisation in full
            let mention: Vec<String> = (a.start..a.end)
                .map(|i| doc.token_text(i).to_lowercase())
                .collect();
            let names = [mention, words_of(&doc.entities[a.entity].name)];
            // the longest other organisation a name starts with, a word for a part after it
            let parent = names
                .iter()
                .flat_map(|name| {
                    forms
                        .iter()
                        .filter(move |(p, f)| {
                            *p != a.entity
                                && f.len() < name.len()
                                && name.starts_with(f)
                                && name[f.len()..].iter().any(is_part)
                        })
                        .map(|(p, f)| (f.len(), *p))
                })
                .max()
                .map(|(_, p)| p);
            let Some(parent) = parent else { continue };
            if !done.insert((a.entity, parent)) {
                continue;
            }
            out.push(Candidate {
                relation: relation("member-of"),
                source: a.entity,
                target: parent,
                sentence: sa.sentence,
                trigger: (a.start, a.end),
                rule: Rule::SubBody,
                trust: 1.0,
            });
        }
    }
}

/// The country named right after a title holder's name: "of Chile" in "Interior Minister
/// Pedro Soto of Chile".
fn country_after_name(doc: &Document, sa: &SentenceArgs, holder: &Arg) -> Option<Arg> {
    if holder.is_anaphor() || holder.end + 1 >= sa.end || doc.token_text(holder.end) != "of" {
        return None;
    }
    let mut j = holder.end + 1;
    if doc.token_text(j).eq_ignore_ascii_case("the") {
        j += 1;
    }
    sa.starting_at(j)
        .filter(|c| doc.entities[c.entity].entity_type.is("Country") && !c.modifier)
        .filter(|c| c.end >= sa.end || !is_possessive(doc.token_text(c.end)))
        .copied()
}

/// Whether the title phrase is of a state within a country: "state" among its modifiers
/// ("State Senator", "the state's secretary of state" is read by its possessor instead).
fn state_level(doc: &Document, phrase: &TitlePhrase) -> bool {
    (phrase.start..phrase.head.tokens.0).any(|k| doc.token_text(k).eq_ignore_ascii_case("state"))
}

/// The place (not a country) named right after a title holder's name: "of Westshire" in
/// "Secretary of State Ana Torres of Westshire".
fn place_after_name(doc: &Document, sa: &SentenceArgs, holder: &Arg) -> Option<Arg> {
    if holder.is_anaphor() || holder.end + 1 >= sa.end || doc.token_text(holder.end) != "of" {
        return None;
    }
    sa.starting_at(holder.end + 1)
        .filter(|c| doc.entities[c.entity].entity_type.is("Location") && !c.modifier)
        .copied()
}

/// The body "its" or "their" stands for at token `owner`: the one organisation or country the
/// sentence names before it ("Marlow said through its spokeswoman", "the government of Peru,
/// through its spokesman"). None when two bodies could be meant.
fn body_of_its(doc: &Document, sa: &SentenceArgs, owner: usize) -> Option<Arg> {
    let bodies: Vec<&Arg> = sa
        .args
        .iter()
        .filter(|a| a.end <= owner && !a.is_anaphor() && !a.modifier)
        .filter(|a| {
            let t = &doc.entities[a.entity].entity_type;
            t.is("Organization") || t.is("Country")
        })
        .collect();
    let first = bodies.first()?;
    bodies
        .iter()
        .all(|b| b.entity == first.entity)
        .then(|| **bodies.last().unwrap_or(first))
}

/// "Pedro Soto of the Liberal Party": a person followed by "of" and an organisation.
fn person_of_body(cx: &Context<'_>, out: &mut Vec<Candidate>) {
    let doc = cx.doc;
    for sa in &cx.sentences {
        for a in sa.args.iter().filter(|a| !a.is_anaphor()) {
            if !doc.entities[a.entity].entity_type.is("Person") || a.end + 1 >= sa.end {
                continue;
            }
            // "A of the Liberal Party", "A, of the university,", "A from the university"
            let mut j = a.end;
            if doc.token_text(j) == "," && j + 2 < sa.end && doc.token_text(j + 1) == "of" {
                j += 1;
            }
            if !matches!(doc.token_text(j), "of" | "from") {
                continue;
            }
            j += 1;
            if j < sa.end && doc.token_text(j).eq_ignore_ascii_case("the") {
                j += 1;
            }
            // "of the ruling Liberal Party", "of the opposition Labour Party", "of victims'
            // group Ending Abuse": lower-case words describing the body before its name
            let mut k = j;
            while k < sa.end && k < j + 3 && sa.at(k).is_none() && {
                let w = doc.token_text(k);
                w.len() > 2
                    && w.chars().all(|c| c.is_lowercase() || c == '-')
                    && !is_function_word(w)
            } {
                k += 1;
            }
            if k > j && sa.starting_at(k).is_some() {
                j = k;
            }
            if j >= sa.end {
                continue;
            }
            // "of Norway's Bergen University": the body the possessive owns
            if let Some(org) = body_at(doc, sa, j)
                .filter(|o| doc.entities[o.entity].entity_type.is("Organization") && !o.modifier)
            {
                out.push(Candidate {
                    relation: relation("member-of"),
                    source: a.entity,
                    target: org.entity,
                    sentence: sa.sentence,
                    trigger: (a.end, a.end + 1),
                    rule: Rule::PersonOfBody,
                    trust: 1.0,
                });
                for b in coordinated_holders(doc, sa, a) {
                    out.push(Candidate {
                        relation: relation("member-of"),
                        source: b.entity,
                        target: org.entity,
                        sentence: sa.sentence,
                        trigger: (a.end, a.end + 1),
                        rule: Rule::PersonOfBody,
                        trust: 0.85,
                    });
                }
            }
        }
    }
}

/// The people coordinated before `a` that share what follows it: "A and B of the university",
/// "A, B and C from the institute". Only a list joined by "and" that opens its clause (at the
/// sentence start, after a comma, a title or a describing word, not after a verb or a
/// preposition: "met Ana Torres and Pedro Soto of the bank" leaves Torres alone).
fn coordinated_holders(doc: &Document, sa: &SentenceArgs, a: &Arg) -> Vec<Arg> {
    let list = coordinated_before(doc, sa, a);
    let Some(first) = list.last() else {
        return list;
    };
    let joined = (first.end..a.start).any(|t| doc.token_text(t) == "and");
    let opens = first.start == sa.start
        || doc.token_text(first.start - 1) == ","
        || !matches!(
            doc.tokens[first.start - 1].upos,
            Upos::Verb | Upos::Aux | Upos::Adp | Upos::Sconj | Upos::Cconj | Upos::Pron
        );
    if joined && opens {
        list
    } else {
        Vec::new()
    }
}

/// "A, a senior staff attorney at the Westshire Foundation", "A, the longest-serving member of
/// the council", "A is a research associate with the institute": a person described by a
/// noun phrase with "of", "at", "for", "with" or "from" and an organisation, in apposition or
/// after "is"/"was" (or, with "at", "from" or "with", a bare ", retail expert from the
/// university"), is its member, whatever the noun (titles the schema knows are read with their
/// own relation before). Not for ties that are no membership (lexicon `non_member_nouns`).
fn described_member(x: &RelationExtractor, cx: &Context<'_>, out: &mut Vec<Candidate>) {
    let doc = cx.doc;
    let word = |i: usize| doc.token_text(i).to_lowercase();
    let mut found = Vec::new();
    for sa in &cx.sentences {
        for a in sa.args.iter().filter(|a| !a.is_anaphor()) {
            if !doc.entities[a.entity].entity_type.is("Person") || a.end + 4 >= sa.end {
                continue;
            }
            // ", a|an|the" or "is|was a|an|the"; or a bare ", NOUN from|at" (", retail expert
            // from the university,")
            let mut j = a.end;
            let comma = word(j) == ",";
            if !comma && !matches!(word(j).as_str(), "is" | "was") {
                continue;
            }
            j += 1;
            let bare = !matches!(word(j).as_str(), "a" | "an" | "the");
            if bare && !comma {
                continue;
            }
            if !bare {
                j += 1;
            }
            // up to four words of the description, the last its noun
            let first = j;
            while j < sa.end && j < first + 4 && sa.at(j).is_none() && {
                let w = doc.token_text(j);
                w.chars().all(|c| c.is_alphabetic() || c == '-')
                    && !is_function_word(&w.to_lowercase())
                    && !x.lexicon.is_trigger_verb(&w.to_lowercase())
                    && !matches!(
                        doc.tokens[j].upos,
                        Upos::Verb | Upos::Aux | Upos::Pron | Upos::Adp
                    )
            } {
                j += 1;
            }
            if j == first || j + 1 >= sa.end {
                continue;
            }
            if x.titles.at(doc, j - 1, sa.end).is_some()
                || x.roles.non_members.contains(word(j - 1).as_str())
            {
                continue;
            }
            // bare, only where no kinship or other tie reads ("A, son of B")
            let preposition_fits = if bare {
                matches!(word(j).as_str(), "at" | "from" | "with")
            } else {
                matches!(word(j).as_str(), "of" | "at" | "for" | "with" | "from")
            };
            if !preposition_fits {
                continue;
            }
            j += 1;
            if j < sa.end && word(j) == "the" {
                j += 1;
            }
            let Some(org) = body_at(doc, sa, j).filter(|o| {
                doc.entities[o.entity].entity_type.is("Organization")
                    && !o.modifier
                    && (o.end >= sa.end || {
                        let next = doc.token_text(o.end);
                        !is_possessive(next) && !next.chars().all(|c| c.is_lowercase())
                            || is_function_word(next)
                    })
            }) else {
                continue;
            };
            found.push(Candidate {
                relation: relation("member-of"),
                source: a.entity,
                target: org.entity,
                sentence: sa.sentence,
                trigger: (first, j),
                rule: Rule::PersonOfBody,
                trust: if bare { 0.8 } else { 0.85 },
            });
        }
    }
    out.extend(found);
}

/// Endings of English nouns for people by what they do ("psychologist", "commentator",
/// "researcher", "technician", "expert", "spokesman").
const PERSON_NOUN_ENDINGS: &[&str] = &[
    "er", "or", "ist", "ian", "ant", "ent", "ert", "man", "woman", "person", "ess", "ot",
];

/// "Westshire University public health expert A", "Arden FC striker B": an organisation, one to
/// three lower-case words ending in a noun for what the person does there, and the person's
/// name. Titles the schema knows are read with their own relation before; ties that are no
/// membership (lexicon `non_member_nouns`: "Apple critic C") are left alone.
fn occupation_before_name(x: &RelationExtractor, cx: &Context<'_>, out: &mut Vec<Candidate>) {
    let doc = cx.doc;
    let typed = |a: &Arg, t: &str| !a.is_anaphor() && doc.entities[a.entity].entity_type.is(t);
    for sa in &cx.sentences {
        for org in sa.args.iter().filter(|a| typed(a, "Organization")) {
            let mut j = org.end;
            while j < sa.end && j < org.end + 3 && sa.at(j).is_none() && {
                let w = doc.token_text(j);
                w.len() > 2
                    && w.chars().all(|c| c.is_lowercase() || c == '-')
                    && !is_function_word(w)
                    && !x.lexicon.is_trigger_verb(w)
                    && !x.lexicon.speech.contains(w)
                    && !matches!(doc.tokens[j].upos, Upos::Verb | Upos::Aux | Upos::Adp)
            } {
                j += 1;
            }
            if j == org.end || doc.tokens[j - 1].upos != Upos::Noun {
                continue;
            }
            let noun = doc.token_text(j - 1).to_lowercase();
            let singular = noun.strip_suffix('s').unwrap_or(&noun);
            // a noun for a person ("psychologist", "commentator", "expert"), not one for a
            // thing or an act the tagger took for a noun ("interviews", "simulcast")
            let person_noun = PERSON_NOUN_ENDINGS.iter().any(|e| singular.ends_with(e));
            // "a Republican fundraiser Trump appointed": after "a", the name opens a clause
            let indefinite = org.start > sa.start
                && matches!(
                    doc.token_text(org.start - 1).to_lowercase().as_str(),
                    "a" | "an"
                );
            if !person_noun
                || indefinite
                || x.roles.non_members.contains(noun.as_str())
                || x.roles.non_members.contains(singular)
                || (org.end..j).any(|k| {
                    x.titles.at(doc, k, sa.end).is_some()
                        || x.titles.plural_at(doc, k, sa.end).is_some()
                })
            {
                continue;
            }
            let Some(p) = sa
                .starting_at(j)
                .filter(|p| typed(p, "Person") && !p.modifier)
            else {
                continue;
            };
            out.push(Candidate {
                relation: relation("member-of"),
                source: p.entity,
                target: org.entity,
                sentence: sa.sentence,
                trigger: (org.end, j),
                rule: Rule::PersonOfBody,
                trust: 0.85,
            });
        }
    }
}

/// "the BBC's Ana Torres", "Marlow Times' Pedro Soto": a person named right after an
/// organisation's possessive works for it.
fn staff_of_possessor(cx: &Context<'_>, out: &mut Vec<Candidate>) {
    let doc = cx.doc;
    let typed = |a: &Arg, t: &str| !a.is_anaphor() && doc.entities[a.entity].entity_type.is(t);
    for sa in &cx.sentences {
        for org in sa
            .args
            .iter()
            .filter(|a| typed(a, "Organization") && !a.modifier)
        {
            if org.end + 1 >= sa.end || !is_possessive(doc.token_text(org.end)) {
                continue;
            }
            // not "NASA's James Webb telescope", a name that only describes what follows
            let person = sa
                .starting_at(org.end + 1)
                .filter(|p| typed(p, "Person") && !p.modifier)
                .filter(|p| p.end >= sa.end || doc.tokens[p.end].upos != Upos::Noun);
            let Some(p) = person else {
                continue;
            };
            out.push(Candidate {
                relation: relation("member-of"),
                source: p.entity,
                target: org.entity,
                sentence: sa.sentence,
                trigger: (org.end, org.end + 1),
                rule: Rule::PersonOfBody,
                trust: 0.9,
            });
        }
    }
}

/// Whether a title key names a member of a legislature ("senator", "MP"): an office many hold
/// at once, and whose holders also belong to their chamber.
fn is_legislator(x: &RelationExtractor, key: &str) -> bool {
    chamber_words(x, key).is_some()
}

/// A title key as the chamber table keys it: without a final full stop ("sen" for "Sen.").
fn chamber_key(key: &str) -> &str {
    key.trim_end_matches('.').trim_end()
}

/// The last words of the chamber a legislator's title belongs to ("senate" for a senator).
fn chamber_words<'x>(x: &'x RelationExtractor, key: &str) -> Option<&'x [String]> {
    x.roles.chambers.get(chamber_key(key)).map(Vec::as_slice)
}

/// "a representative of the company": in lower case the word is no legislator's title, and
/// gives no country by guessing.
fn lower_case_representative(doc: &Document, head: &TitleMatch) -> bool {
    let w = doc.token_text(head.tokens.0);
    w.starts_with("rep") && w.starts_with(char::is_lowercase)
}

/// The chamber of the article that a legislator's title makes its holder a member of: "Senator
/// A" sits in the Senate the article names, when it names exactly one. Not for a state
/// legislator ("State Senator A") or when the title names its own body.
fn chamber_of(x: &RelationExtractor, doc: &Document, phrase: &TitlePhrase) -> Option<usize> {
    let key = title_key(doc, &phrase.head);
    let endings = chamber_words(x, &key)?;
    let state = (phrase.start..phrase.head.tokens.0)
        .any(|k| doc.token_text(k).eq_ignore_ascii_case("state"));
    if state {
        return None;
    }
    let mut found = doc.entities.iter().enumerate().filter(|(_, e)| {
        e.entity_type.is("Organization") && {
            let name = e.name.to_lowercase();
            endings
                .iter()
                .any(|end| name == *end || name.ends_with(&format!(" {end}")))
                && !name.contains("state ")
                && !names_place(doc, &e.name)
        }
    });
    let (first, _) = found.next()?;
    found.next().is_none().then_some(first)
}

/// Whether an organisation is a body that only a state has, named by its function alone ("the
/// Health Ministry", "Ministry of Defence", "the Navy", "Parliament"), with no place in its name.
fn national_body(doc: &Document, a: &Arg) -> bool {
    let words: Vec<String> = (a.start..a.end)
        .map(|i| doc.token_text(i).to_lowercase())
        .collect();
    let national = words.iter().any(|w| {
        matches!(
            w.as_str(),
            "ministry" | "parliament" | "navy" | "army" | "cabinet"
        )
    }) || words
        .windows(2)
        .any(|w| w == ["air", "force"] || w == ["coast", "guard"]);
    let name: Vec<&str> = (a.start..a.end).map(|i| doc.token_text(i)).collect();
    national && !names_place(doc, &name.join(" ")) && words.len() <= 6
}

/// Whether a name holds a capitalised word of another actor's name that is not an
/// organisation ("Hawaii Army", "Michigan House of Representatives"): a body placed by it.
fn names_place(doc: &Document, name: &str) -> bool {
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    doc.entities.iter().any(|e| {
        !e.entity_type.is("Organization")
            && !e.entity_type.is("Country")
            && e.name
                .split_whitespace()
                .any(|n| n.starts_with(char::is_uppercase) && words.contains(&n.to_lowercase()))
    })
}

/// The parties of the article: organisations named "... Party", under the last word before
/// "Party" in lower case ("democratic" for the Democratic Party). A word two parties share
/// ("Democratic Party", "Maryland Democratic Party") goes to the one named by that word alone.
fn parties(doc: &Document, countries: &HashMap<String, String>) -> HashMap<String, usize> {
    let mut by_key: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for (i, e) in doc.entities.iter().enumerate() {
        if !e.entity_type.is("Organization") {
            continue;
        }
        let words: Vec<&str> = e.name.split_whitespace().collect();
        if let [stem @ .., last] = words.as_slice() {
            // "US Democratic Party", not "Westshire Democratic Party": a regional party is not
            // the one a bare "Democrat" names
            let national = stem.len() < 2 || {
                let before = stem[..stem.len() - 1].join(" ");
                countries.contains_key(&before.to_lowercase())
                    || !doc.entities.iter().any(|p| {
                        p.entity_type.is("Location")
                            && (p.name == before || p.aliases.contains(&before))
                    })
            };
            if last.eq_ignore_ascii_case("party") && national {
                if let Some(key) = stem.last() {
                    by_key
                        .entry(key.to_lowercase())
                        .or_default()
                        .push((stem.len(), i));
                }
            }
        }
    }
    by_key
        .into_iter()
        .filter_map(|(k, mut v)| {
            v.sort();
            match v.as_slice() {
                [(_, only)] => Some((k, *only)),
                [(1, first), (n, _), ..] if *n > 1 => Some((k, *first)),
                _ => None,
            }
        })
        .collect()
}

/// The party a capitalised word names ("Democrat", "Republican", "Labour"), by the
/// parties of the article.
fn party_word(parties: &HashMap<String, usize>, word: &str) -> Option<usize> {
    if !word.starts_with(char::is_uppercase) || word.len() < 4 {
        return None;
    }
    let lower = word.to_lowercase();
    parties
        .get(&lower)
        .or_else(|| parties.get(&format!("{lower}ic")))
        .copied()
}

/// Party membership told by the party's adjective or noun, when the article names the party:
/// "Republican Senator A", "Democrat A", "the Labour candidate A", "A, a Democrat,".
fn party_members(x: &RelationExtractor, cx: &Context<'_>, out: &mut Vec<Candidate>) {
    let doc = cx.doc;
    let parties = parties(doc, &x.roles.countries);
    if parties.is_empty() {
        return;
    }
    let is_person = |a: &Arg| doc.entities[a.entity].entity_type.is("Person") && !a.is_anaphor();
    for sa in &cx.sentences {
        for t in sa.start..sa.end {
            // the party word, or a mention of the party itself read from it
            let party = match sa.at(t) {
                Some(a) if parties.values().any(|&p| p == a.entity) && a.end == t + 1 => {
                    Some(a.entity)
                }
                Some(_) => None,
                None => party_word(&parties, doc.token_text(t)),
            };
            let Some(party) = party else { continue };
            if t + 1 < sa.end && doc.token_text(t + 1).eq_ignore_ascii_case("party") {
                continue;
            }
            let mut holder = None;
            // after: "Republican Senator A", "Democratic presidential candidate A"
            let mut j = t + 1;
            while j < sa.end && j < t + 5 && sa.at(j).is_none() {
                if let Some(title) = x.titles.at(doc, j, sa.end) {
                    j = title.tokens.1;
                    // "Labour MP (Member of Parliament) A": past a parenthesis after the title
                    if j < sa.end && doc.token_text(j) == "(" {
                        if let Some(close) =
                            (j + 1..sa.end.min(j + 7)).find(|&k| doc.token_text(k) == ")")
                        {
                            j = close + 1;
                            break;
                        }
                    }
                } else if is_candidacy_word(x, &doc.token_text(j).to_lowercase())
                    || x.roles.sub_bodies.contains(doc.token_text(j))
                {
                    // "Democratic committee chairman A"
                    j += 1;
                } else {
                    break;
                }
            }
            if let Some(p) = sa.starting_at(j).filter(|p| is_person(p)) {
                holder = Some(*p);
            }
            // before, in apposition: "A, a Democrat,", "A, a former Republican"
            if holder.is_none() {
                let mut k = t;
                while k > sa.start + 2
                    && k + 2 > t
                    && x.roles
                        .modifiers
                        .contains(&doc.token_text(k - 1).to_lowercase())
                {
                    k -= 1;
                }
                if k > sa.start + 2
                    && matches!(
                        doc.token_text(k - 1).to_lowercase().as_str(),
                        "a" | "an" | "the" | "fellow"
                    )
                    && doc.token_text(k - 2) == ","
                {
                    holder = sa
                        .args
                        .iter()
                        .rev()
                        .find(|a| a.end == k - 2 && is_person(a))
                        .copied();
                }
            }
            let Some(h) = holder else { continue };
            out.push(Candidate {
                relation: relation("member-of"),
                source: h.entity,
                target: party,
                sentence: sa.sentence,
                trigger: (t, t + 1),
                rule: Rule::TitleBeforeName,
                trust: 0.9,
            });
        }
    }
}

/// The parties a sentence names, by name or by their adjective or noun ("Democratic").
fn parties_named(
    doc: &Document,
    sa: &SentenceArgs,
    parties: &HashMap<String, usize>,
) -> HashSet<usize> {
    let mut named = HashSet::new();
    for t in sa.start..sa.end {
        match sa.at(t) {
            Some(a) if !a.is_anaphor() && parties.values().any(|&p| p == a.entity) => {
                named.insert(a.entity);
            }
            Some(_) => {}
            None => named.extend(party_word(parties, doc.token_text(t))),
        }
    }
    named
}

/// The party a sentence is about: the one it names, else (naming none) the article's contest
/// party; none when it names several.
fn sentence_party(
    doc: &Document,
    sa: &SentenceArgs,
    parties: &HashMap<String, usize>,
    article_party: Option<usize>,
) -> Option<usize> {
    let named = parties_named(doc, sa, parties);
    match named.len() {
        0 => article_party,
        1 => named.into_iter().next(),
        _ => None,
    }
}

/// Contenders of a party's contest are its members: "Senator A won the caucuses", "B earned the
/// other two delegates", "Both C and D secured delegates", "the campaigns of E and F for the
/// nomination", "two candidates, G and H". The party is the one the sentence names, else the one
/// party the article names in a sentence with a contest noun (`contest_nouns` of the lexicon);
/// the contender is the subject (or agent) of the clause whose object or complement is the
/// contest noun, or a person the contest noun is of, with whoever is coordinated with them.
/// Someone the text makes a member of another party is left alone.
fn contest_members(
    x: &RelationExtractor,
    cx: &Context<'_>,
    candidacies: &[(usize, usize, (usize, usize))],
    out: &mut Vec<Candidate>,
) {
    let doc = cx.doc;
    let parties = parties(doc, &x.roles.countries);
    if parties.is_empty() {
        return;
    }
    let is_contest = |t: usize| x.roles.contests.contains(&doc.token_text(t).to_lowercase());
    let mut contest_parties: HashSet<usize> = HashSet::new();
    for sa in &cx.sentences {
        if (sa.start..sa.end).any(is_contest) {
            contest_parties.extend(parties_named(doc, sa, &parties));
        }
    }
    let article_party = (contest_parties.len() == 1)
        .then(|| contest_parties.iter().next().copied())
        .flatten();
    let party_ids: HashSet<usize> = parties.values().copied().collect();
    // members of another party by the text: they are not this party's contenders
    let other_member = |h: usize, party: usize, out: &[Candidate]| {
        out.iter().any(|c| {
            c.source == h
                && c.relation.as_str() == "member-of"
                && party_ids.contains(&c.target)
                && c.target != party
        })
    };
    let mut found: Vec<Candidate> = Vec::new();
    for &(s, h, trigger) in candidacies {
        let Some(sa) = cx.sentences.iter().find(|sa| sa.sentence == s) else {
            continue;
        };
        let party = sentence_party(doc, sa, &parties, article_party);
        if let Some(p) = party.filter(|&p| doc.entities[h].entity_type.is("Person") && p != h) {
            found.push(Candidate {
                relation: relation("member-of"),
                source: h,
                target: p,
                sentence: s,
                trigger,
                rule: Rule::PartyContest,
                trust: 1.0,
            });
        }
    }
    if cx.parsed {
        // the repaired tree (see repair.rs), as the event readers see it
        let children = |v: usize, sa: &SentenceArgs| {
            let tree = &cx.trees[sa.sentence];
            (sa.start..sa.end)
                .filter(move |&c| tree.head(c) == Some(v))
                .collect::<Vec<_>>()
        };
        let deprel = |t: usize| cx.trees[doc.tokens[t].sentence].full_rel(t);
        for sa in &cx.sentences {
            let contests: Vec<usize> = (sa.start..sa.end)
                .filter(|&t| {
                    is_contest(t)
                        || x.roles
                            .contenders
                            .contains(&doc.token_text(t).to_lowercase())
                })
                .collect();
            if contests.is_empty() {
                continue;
            }
            let Some(party) = sentence_party(doc, sa, &parties, article_party) else {
                continue;
            };
            let mut contenders: Vec<usize> = Vec::new();
            for &n in &contests {
                // "the campaigns of E and F", "A's nomination": the contest is theirs
                for c in children(n, sa) {
                    if matches!(deprel(c), "nmod" | "nmod:poss") {
                        contenders.push(c);
                    }
                }
                // the clause the noun is the object or complement of (through at most two nouns:
                // "a plurality of the delegates")
                let mut k = n;
                let mut verb = None;
                for _ in 0..3 {
                    let rel = deprel(k);
                    if !matches!(rel, "obj" | "obl" | "nmod" | "compound" | "conj" | "iobj") {
                        break;
                    }
                    let Some(h) = cx.trees[sa.sentence].head(k) else {
                        break;
                    };
                    // "A is a leading candidate for the nomination": a noun predicate with a
                    // subject is the clause too
                    let has_subject = || {
                        children(h, sa)
                            .iter()
                            .any(|&c| deprel(c).starts_with("nsubj"))
                    };
                    if doc.tokens[h].upos == Upos::Verb
                        || (doc.tokens[h].upos == Upos::Noun
                            && is_candidacy_word(x, &doc.token_text(h).to_lowercase())
                            && has_subject())
                    {
                        verb = Some(h);
                        break;
                    }
                    k = h;
                }
                let Some(v) = verb else { continue };
                for c in children(v, sa) {
                    if matches!(deprel(c), "nsubj" | "nsubj:pass" | "obl:agent") {
                        contenders.push(c);
                    }
                }
            }
            // the rivals a contender beat: "A won the nomination, edging B and C", "A defeated
            // B in the primary" (in a sentence about the contest, the one beaten ran in it)
            for t in sa.start..sa.end {
                if doc.tokens[t].upos != Upos::Verb
                    || !RIVAL_VERBS.contains(&doc.tokens[t].lemma.to_lowercase().as_str())
                {
                    continue;
                }
                for c in children(t, sa) {
                    if doc.tokens[c].deprel.starts_with("nsubj") {
                        contenders.push(c);
                    }
                }
                // the people beaten, in order: "edging attorney B, artist C and activist D"
                let mut j = t + 1;
                loop {
                    let mut k = j;
                    while k < sa.end && k < j + 3 && sa.at(k).is_none() && {
                        let w = doc.token_text(k);
                        w.chars().all(|c| c.is_lowercase() || c == '-')
                            && !is_function_word(w)
                            && doc.tokens[k].upos != Upos::Verb
                    } {
                        k += 1;
                    }
                    let Some(p) = sa
                        .starting_at(k)
                        .filter(|p| doc.entities[p.entity].entity_type.is("Person"))
                    else {
                        break;
                    };
                    contenders.push(p.start);
                    j = p.end;
                    if j < sa.end && doc.token_text(j) == "," {
                        j += 1;
                    }
                    if j < sa.end && doc.token_text(j) == "and" {
                        j += 1;
                    }
                    if j == p.end {
                        break;
                    }
                }
            }
            // and whoever is coordinated with a contender ("Both C and D secured")
            let mut i = 0;
            while i < contenders.len() && contenders.len() < 12 {
                for c in children(contenders[i], sa) {
                    if deprel(c) == "conj" && !contenders.contains(&c) {
                        contenders.push(c);
                    }
                }
                i += 1;
            }
            for t in contenders {
                // the name a title word heads ("Senator" of "Senator Mark Dunn")
                let Some(a) = sa.at(t).or_else(|| {
                    sa.args
                        .iter()
                        .find(|a| a.start == t + 1 && doc.tokens[a.end - 1].head == Some(t))
                }) else {
                    continue;
                };
                if a.is_anaphor() || a.modifier || !doc.entities[a.entity].entity_type.is("Person")
                {
                    continue;
                }
                found.push(Candidate {
                    relation: relation("member-of"),
                    source: a.entity,
                    target: party,
                    sentence: sa.sentence,
                    trigger: (t, t + 1),
                    rule: Rule::PartyContest,
                    trust: 1.0,
                });
            }
        }
    }
    found.retain(|c| !other_member(c.source, c.target, out));
    out.extend(found);
}

/// Verbs (lemmas) whose object a contender beat in the contest: "edging B", "defeating C".
const RIVAL_VERBS: &[&str] = &[
    "defeat", "beat", "edge", "outpoll", "outvote", "trounce", "unseat", "oust",
];

/// Words between a party's adjective and its member's name: "Democratic presidential candidate
/// A", "Republican front-runner A", "the Labour Party's former leader A".
fn is_candidacy_word(x: &RelationExtractor, w: &str) -> bool {
    x.roles.modifiers.contains(w)
        || is_honorific(w)
        || matches!(
            w,
            "presidential"
                | "gubernatorial"
                | "mayoral"
                | "candidate"
                | "nominee"
                | "hopeful"
                | "challenger"
                | "contender"
                | "incumbent"
                | "politician"
                | "strategist"
                | "activist"
                | "front-runner"
                | "frontrunner"
                | "primary"
                | "state"
                | "party"
                | "congressional"
                | "senatorial"
                | "parliamentary"
                | "vice"
                | "running"
                | "mate"
        )
}

/// Whether a title key names a candidacy ("nominee", "candidate"): a member of the party that
/// nominates, of no country.
fn is_candidacy_title(key: &str) -> bool {
    matches!(key, "nominee" | "nominees" | "candidate" | "candidates")
}
