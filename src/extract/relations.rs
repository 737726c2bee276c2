//! Relation extraction from titles, name order and trigger words around entity mentions.
//!
//! Every relation carries its evidence (sentence, offsets, trigger) and a confidence.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::titles::TitleMatcher;
use crate::doc::{Document, MentionKind, Relation};
use crate::error::Result;
use crate::pipeline::Component;
use crate::schema::{inflections, RelationTriggers, RelationType, Schema};

/// Words that join coordinated names ("Iran and North Korea").
const COORDINATORS: &[&str] = &["and", ",", "or", "&"];
/// Words that end a clause for argument search.
const CLAUSE_BREAKS: &[&str] = &[";", ":", "—", "--", "(", ")", "\"", "“", "”"];
/// Words that end a clause when looking back for a subject (quoted asides do not).
const SUBJECT_BREAKS: &[&str] = &[";", ":"];
/// Passive auxiliaries.
const PASSIVE_AUX: &[&str] = &["was", "were", "been", "being", "is", "are", "be"];

/// One trigger form: its words (lower case) and which trigger entry it belongs to.
#[derive(Debug, Clone)]
struct TriggerForm {
    words: Vec<String>,
    trigger: usize,
}

/// A relation found in a sentence, before it is checked and recorded.
struct Found<'a> {
    relation: &'a RelationType,
    source: usize,
    target: usize,
    sentence: usize,
    trigger: (usize, usize),
    confidence: f32,
}

/// The pipeline component that fills [`Document::relations`].
#[derive(Debug, Clone)]
pub struct RelationExtractor {
    schema: Arc<Schema>,
    titles: TitleMatcher,
    /// First word (lower case) of every inflected trigger verb → its forms.
    verb_forms: HashMap<String, Vec<TriggerForm>>,
    /// First word of every trigger noun → its forms.
    noun_forms: HashMap<String, Vec<TriggerForm>>,
    speech_forms: HashSet<String>,
    not_factual: HashSet<String>,
    country_agents: HashSet<String>,
}

/// A mention of the sentence that can take part in relations.
#[derive(Debug, Clone, Copy)]
struct Arg {
    mention: usize,
    entity: usize,
    start: usize,
    end: usize,
    /// Part of a larger name phrase (the "Russian" of "Russian President Vladimir Putin").
    modifier: bool,
}

impl RelationExtractor {
    /// Builds the extractor over the schema's triggers, titles and lexicon.
    pub fn new(schema: Arc<Schema>) -> Self {
        let mut verb_forms: HashMap<String, Vec<TriggerForm>> = HashMap::new();
        let mut noun_forms: HashMap<String, Vec<TriggerForm>> = HashMap::new();
        for (ti, t) in schema.triggers.iter().enumerate() {
            for verb in &t.verbs {
                for form in inflections(verb) {
                    let words: Vec<String> = form.split_whitespace().map(str::to_string).collect();
                    verb_forms
                        .entry(words[0].clone())
                        .or_default()
                        .push(TriggerForm { words, trigger: ti });
                }
            }
            for noun in &t.nouns {
                let words: Vec<String> = noun
                    .to_lowercase()
                    .split_whitespace()
                    .map(str::to_string)
                    .collect();
                if let Some(first) = words.first().cloned() {
                    noun_forms
                        .entry(first)
                        .or_default()
                        .push(TriggerForm { words, trigger: ti });
                }
            }
        }
        for forms in verb_forms.values_mut().chain(noun_forms.values_mut()) {
            forms.sort_by_key(|f| std::cmp::Reverse(f.words.len()));
        }
        let speech_forms = schema
            .lexicon
            .speech_verbs
            .iter()
            .flat_map(|v| inflections(v))
            .collect();
        RelationExtractor {
            titles: TitleMatcher::new(&schema),
            verb_forms,
            noun_forms,
            speech_forms,
            not_factual: schema.lexicon.not_factual.iter().cloned().collect(),
            country_agents: schema.lexicon.country_agents.iter().cloned().collect(),
            schema,
        }
    }

    fn trigger(&self, i: usize) -> &RelationTriggers {
        &self.schema.triggers[i]
    }

    /// The longest form from `forms` that matches the tokens at `i`; returns (form, end token).
    fn match_form<'a>(
        &self,
        doc: &Document,
        forms: &'a HashMap<String, Vec<TriggerForm>>,
        i: usize,
        end: usize,
    ) -> Vec<(&'a TriggerForm, usize)> {
        let first = doc.token_text(i).to_lowercase();
        let Some(candidates) = forms.get(&first) else {
            return Vec::new();
        };
        let mut found: Vec<(&TriggerForm, usize)> = Vec::new();
        for f in candidates {
            let stop = i + f.words.len();
            if stop <= end
                && f.words
                    .iter()
                    .enumerate()
                    .all(|(k, w)| doc.token_text(i + k).eq_ignore_ascii_case(w))
                && !found.iter().any(|(g, _)| g.trigger == f.trigger)
            {
                found.push((f, stop));
            }
        }
        found
    }

    fn add(&self, doc: &Document, out: &mut Vec<Relation>, found: Found<'_>) {
        let Found {
            relation,
            source,
            target,
            sentence,
            trigger,
            confidence,
        } = found;
        if source == target {
            return;
        }
        let (se, te) = (&doc.entities[source], &doc.entities[target]);
        let allowed = self
            .schema
            .relation_type(relation.as_str())
            .is_some_and(|def| def.allows(&se.entity_type, &te.entity_type));
        if !allowed {
            return;
        }
        let (source, target) = if self.schema.is_symmetric(relation) && se.id > te.id {
            (target, source)
        } else {
            (source, target)
        };
        if out.iter().any(|r| {
            r.source == source
                && r.target == target
                && r.relation_type == *relation
                && r.evidence.sentence == sentence
        }) {
            return;
        }
        out.push(Relation {
            source,
            target,
            relation_type: relation.clone(),
            confidence,
            evidence: doc.evidence(sentence, trigger),
        });
    }

    fn args_of_sentence(&self, doc: &Document, s: usize, in_sentence: &[usize]) -> Vec<Arg> {
        let (start, end) = doc.sentences[s].tokens;
        let mut args: Vec<Arg> = in_sentence
            .iter()
            .map(|&mi| (mi, &doc.mentions[mi]))
            .filter(|(_, m)| m.tokens.0 >= start && m.tokens.1 <= end)
            .filter_map(|(mi, m)| {
                m.entity.map(|e| Arg {
                    mention: mi,
                    entity: e,
                    start: m.tokens.0,
                    end: m.tokens.1,
                    modifier: false,
                })
            })
            .collect();
        for k in 0..args.len() {
            let a = args[k];
            let m = &doc.mentions[a.mention];
            let mut next = a.end;
            if next < end && is_possessive(doc.token_text(next)) {
                next += 1;
            }
            let next_is_mention = args.get(k + 1).is_some_and(|b| b.start == next);
            let next_is_title = next < end
                && (self.titles.at(doc, next, end).is_some()
                    || doc.token_text(next).eq_ignore_ascii_case("counterpart"));
            let describes_noun = m.kind == MentionKind::Demonym
                && next < end
                && doc.token_text(next).starts_with(char::is_lowercase)
                && !self.demonym_acts(doc, next, end);
            args[k].modifier = next_is_mention || next_is_title || describes_noun;
        }
        args
    }

    /// Whether the words after a demonym make the country an actor ("Kenyan troops").
    fn demonym_acts(&self, doc: &Document, from: usize, end: usize) -> bool {
        (from..end.min(from + 3))
            .map(|k| doc.token_text(k).to_lowercase())
            .take_while(|w| w.chars().all(|c| c.is_alphabetic() || c == '-'))
            .any(|w| self.country_agents.contains(&w))
    }

    /// Title constructions: "Russian President Vladimir Putin", "President of Ukraine X",
    /// "X, the UN Secretary-General", "US counterpart Donald Trump", and "U.S. State Department".
    fn structural(&self, doc: &Document, s: usize, args: &[Arg], out: &mut Vec<Relation>) {
        let (_, end) = doc.sentences[s].tokens;
        let is_person = |a: &Arg| doc.entities[a.entity].entity_type.is("Person");
        let mut last_title: Option<RelationType> = None;
        for (k, a) in args.iter().enumerate() {
            let mut next = a.end;
            if next < end && is_possessive(doc.token_text(next)) {
                next += 1;
            }
            // [body] [title] [person]
            let mut t = next;
            let mut relation = None;
            let mut trigger = (next, next);
            while t < end {
                if let Some(title) = self.titles.at(doc, t, end) {
                    relation = Some(title.relation.clone());
                    trigger = (trigger.0, title.tokens.1);
                    t = title.tokens.1;
                } else if doc.token_text(t).eq_ignore_ascii_case("counterpart") {
                    relation = last_title
                        .clone()
                        .or_else(|| RelationType::new("leader-of").ok());
                    trigger = (trigger.0, t + 1);
                    t += 1;
                } else {
                    break;
                }
            }
            if let Some(relation) = relation {
                last_title = Some(relation.clone());
                if let Some(p) = args.get(k + 1).filter(|p| p.start == t && is_person(p)) {
                    self.add(
                        doc,
                        out,
                        Found {
                            relation: &relation,
                            source: p.entity,
                            target: a.entity,
                            sentence: s,
                            trigger,
                            confidence: 0.85,
                        },
                    );
                } else if let Some(p) = args.get(k + 1).filter(|p| {
                    // "Trump's Secretary of State, Mike Pompeo"
                    is_person(p) && p.start == t + 1 && doc.token_text(t) == ","
                }) {
                    self.add(
                        doc,
                        out,
                        Found {
                            relation: &relation,
                            source: p.entity,
                            target: a.entity,
                            sentence: s,
                            trigger,
                            confidence: 0.75,
                        },
                    );
                }
            }
            // [title] of [body] [person]: "President of Ukraine Volodymyr Zelenskyy"
            if a.start >= 2 && doc.token_text(a.start - 1) == "of" {
                if let Some(title) =
                    self.title_ending_at(doc, a.start - 1, doc.sentences[s].tokens.0)
                {
                    last_title = Some(title.relation.clone());
                    let person_after = args.get(k + 1).filter(|p| p.start == a.end && is_person(p));
                    let person_before = args[..k].iter().rev().find(|p| {
                        is_person(p) && {
                            // "Annan, the Secretary-General of the UN"
                            let gap: Vec<&str> =
                                (p.end..title.tokens.0).map(|i| doc.token_text(i)).collect();
                            matches!(
                                gap.as_slice(),
                                [","] | [",", "the"] | [",", "a"] | [",", "then"]
                            )
                        }
                    });
                    if let Some(p) = person_after.or(person_before) {
                        self.add(
                            doc,
                            out,
                            Found {
                                relation: &title.relation,
                                source: p.entity,
                                target: a.entity,
                                sentence: s,
                                trigger: title.tokens,
                                confidence: 0.8,
                            },
                        );
                    }
                }
            }
            // [person] , (the) [body] [title]: "Mike Pompeo, the US Secretary of State"
            if is_person(a) && next + 1 < end && doc.token_text(a.end) == "," {
                let mut b = a.end + 1;
                if matches!(doc.token_text(b), "the" | "a" | "an") {
                    b += 1;
                }
                if let Some(body) = args.get(k + 1).filter(|x| x.start == b && !is_person(x)) {
                    let mut t = body.end;
                    if t < end && is_possessive(doc.token_text(t)) {
                        t += 1;
                    }
                    if let Some(title) = (t < end).then(|| self.titles.at(doc, t, end)).flatten() {
                        self.add(
                            doc,
                            out,
                            Found {
                                relation: &title.relation,
                                source: a.entity,
                                target: body.entity,
                                sentence: s,
                                trigger: title.tokens,
                                confidence: 0.75,
                            },
                        );
                    }
                }
            }
            // [country] [organisation]: "U.S. State Department", "Russia's Defense Ministry"
            let entity = &doc.entities[a.entity];
            if entity.entity_type.is("Country") {
                if let Some(org) = args.get(k + 1).filter(|o| {
                    o.start == next && doc.entities[o.entity].entity_type.is("Organization")
                }) {
                    let member_of = RelationType::new("member-of").expect("valid name");
                    self.add(
                        doc,
                        out,
                        Found {
                            relation: &member_of,
                            source: org.entity,
                            target: a.entity,
                            sentence: s,
                            trigger: (a.start, org.end),
                            confidence: 0.7,
                        },
                    );
                }
            }
        }
    }

    /// A title that ends just before token `end` (exclusive) and starts at or after `floor`.
    fn title_ending_at(
        &self,
        doc: &Document,
        end: usize,
        floor: usize,
    ) -> Option<super::titles::TitleMatch> {
        (floor..end)
            .rev()
            .take(4)
            .filter_map(|i| self.titles.at(doc, i, end))
            .find(|t| t.tokens.1 == end)
    }

    /// Whether the action at token `i` is negated, hypothetical or planned.
    fn is_not_factual(&self, doc: &Document, i: usize, sentence_start: usize) -> bool {
        (i.saturating_sub(3).max(sentence_start)..i)
            .any(|k| self.not_factual.contains(&doc.token_text(k).to_lowercase()))
    }

    /// The nearest argument before token `i` in the same clause, and arguments coordinated with it.
    fn subjects(
        &self,
        doc: &Document,
        args: &[Arg],
        i: usize,
        sentence_start: usize,
    ) -> Vec<usize> {
        let Some(k) = args.iter().rposition(|a| a.end <= i && !a.modifier) else {
            return Vec::new();
        };
        let a = args[k];
        let gap_breaks = (a.end..i).any(|t| {
            SUBJECT_BREAKS.contains(&doc.token_text(t))
                || (self
                    .verb_forms
                    .contains_key(&doc.token_text(t).to_lowercase())
                    && t + 1 < i)
        });
        if gap_breaks && i - a.end > 2 || a.start < sentence_start {
            return Vec::new();
        }
        let mut found = vec![a.entity];
        let mut k = k;
        while k > 0 {
            let prev = args[k - 1];
            let gap: Vec<&str> = (prev.end..args[k].start)
                .map(|t| doc.token_text(t))
                .collect();
            if !gap.is_empty() && gap.iter().all(|w| COORDINATORS.contains(w)) && !prev.modifier {
                found.push(prev.entity);
                k -= 1;
            } else {
                break;
            }
        }
        found
    }

    /// Arguments starting within `window` tokens after `from` and coordinated ones after them.
    fn objects_from(
        &self,
        doc: &Document,
        args: &[Arg],
        from: usize,
        window: usize,
        end: usize,
    ) -> Vec<usize> {
        let Some(k) = args
            .iter()
            .position(|a| a.start >= from && a.start <= from + window && !a.modifier)
        else {
            return Vec::new();
        };
        if (from..args[k].start).any(|t| CLAUSE_BREAKS.contains(&doc.token_text(t)))
            || args[k].start >= end
        {
            return Vec::new();
        }
        // a list: "A and B", "A, B and C" (a comma alone does not coordinate: "A, Trump said")
        let mut found = vec![args[k].entity];
        let mut pending = Vec::new();
        let mut k = k;
        while k + 1 < args.len() {
            let next = args[k + 1];
            if next.modifier {
                k += 1;
                continue;
            }
            let gap: Vec<&str> = (args[k].end..next.start)
                .map(|t| doc.token_text(t))
                .collect();
            if gap.is_empty()
                || !gap
                    .iter()
                    .all(|w| COORDINATORS.contains(w) || *w == "as" || *w == "well")
            {
                break;
            }
            if gap == [","] {
                pending.push(next.entity);
            } else {
                found.append(&mut pending);
                found.push(next.entity);
            }
            k += 1;
        }
        found
    }

    fn verbal(&self, doc: &Document, s: usize, args: &[Arg], out: &mut Vec<Relation>) {
        let (start, end) = doc.sentences[s].tokens;
        for i in start..end {
            for (form, stop) in self.match_form(doc, &self.verb_forms, i, end) {
                if self.is_not_factual(doc, i, start) {
                    continue;
                }
                let t = self.trigger(form.trigger);
                // the clause ends at the next clause break
                let clause_end = (stop..end)
                    .find(|&k| CLAUSE_BREAKS.contains(&doc.token_text(k)))
                    .unwrap_or(end);
                if !t.objects.is_empty() {
                    let window =
                        (stop..clause_end.min(stop + 8)).map(|k| doc.token_text(k).to_lowercase());
                    let mut window = window;
                    if !window.any(|w| t.objects.contains(&w)) {
                        continue;
                    }
                }
                let passive = i > start
                    && PASSIVE_AUX.contains(&doc.token_text(i - 1).to_lowercase().as_str())
                    && doc.token_text(i).ends_with("ed");
                let mut sources = self.subjects(doc, args, i, start);
                let mut targets = Vec::new();
                if passive {
                    // "X was attacked by Y": Y acts on X
                    if let Some(by) = (stop..clause_end).find(|&k| doc.token_text(k) == "by") {
                        let agents = self.objects_from(doc, args, by + 1, 3, clause_end);
                        if !agents.is_empty() {
                            targets = std::mem::take(&mut sources);
                            sources = agents;
                        }
                    }
                }
                if targets.is_empty() {
                    for marker in &t.target {
                        let found = if marker == "obj" || marker == "iobj" {
                            self.objects_from(doc, args, stop, 4, clause_end)
                                .into_iter()
                                .filter(|_| {
                                    !(stop..clause_end.min(stop + 1))
                                        .any(|k| is_preposition(doc.token_text(k)))
                                })
                                .collect()
                        } else {
                            match (stop..clause_end.min(stop + 12))
                                .find(|&k| doc.token_text(k).eq_ignore_ascii_case(marker))
                            {
                                Some(p) => self.objects_from(doc, args, p + 1, 8, clause_end),
                                None => Vec::new(),
                            }
                        };
                        if !found.is_empty() {
                            targets = found;
                            break;
                        }
                    }
                }
                for &src in &sources {
                    for &tgt in &targets {
                        self.add(
                            doc,
                            out,
                            Found {
                                relation: &t.relation,
                                source: src,
                                target: tgt,
                                sentence: s,
                                trigger: (i, stop),
                                confidence: 0.6,
                            },
                        );
                    }
                }
            }
        }
    }

    fn nominal(&self, doc: &Document, s: usize, args: &[Arg], out: &mut Vec<Relation>) {
        let (start, end) = doc.sentences[s].tokens;
        for i in start..end {
            for (form, stop) in self.match_form(doc, &self.noun_forms, i, end) {
                if self.is_not_factual(doc, i, start) {
                    continue;
                }
                let t = self.trigger(form.trigger);
                let next = (stop < end).then(|| doc.token_text(stop).to_lowercase());
                let Some(next) = next.filter(|w| t.noun_target.contains(w)) else {
                    continue;
                };
                let targets = self.objects_from(doc, args, stop + 1, 3, end);
                let mut sources: Vec<usize> = Vec::new();
                if next == "between" && targets.len() >= 2 {
                    sources.push(targets[0]);
                    for &tgt in &targets[1..] {
                        self.add(
                            doc,
                            out,
                            Found {
                                relation: &t.relation,
                                source: targets[0],
                                target: tgt,
                                sentence: s,
                                trigger: (i, stop),
                                confidence: 0.6,
                            },
                        );
                    }
                    continue;
                }
                // the possessor ("Russia's aid to Italy") or the subject of the clause
                if let Some(p) = args.iter().rev().find(|a| {
                    a.end < i
                        && i - a.end <= 3
                        && (a.end..i).any(|k| is_possessive(doc.token_text(k)))
                }) {
                    sources.push(p.entity);
                } else {
                    sources = self.subjects(doc, args, i, start);
                }
                for &src in &sources {
                    for &tgt in &targets {
                        self.add(
                            doc,
                            out,
                            Found {
                                relation: &t.relation,
                                source: src,
                                target: tgt,
                                sentence: s,
                                trigger: (i, stop),
                                confidence: 0.55,
                            },
                        );
                    }
                }
            }
        }
    }

    /// Evaluative phrases in reported speech: the speaker relates to what the speech is about.
    fn evaluative(&self, doc: &Document, s: usize, args: &[Arg], out: &mut Vec<Relation>) {
        let (start, end) = doc.sentences[s].tokens;
        let words: Vec<String> = (start..end)
            .map(|i| doc.token_text(i).to_lowercase())
            .collect();
        for t in &self.schema.triggers {
            for phrase in &t.phrases {
                let p: Vec<&str> = phrase.split_whitespace().collect();
                let Some(at) = words
                    .windows(p.len())
                    .position(|w| w.iter().zip(&p).all(|(a, b)| a == b))
                else {
                    continue;
                };
                let phrase_at = start + at;
                // the speaker: the subject of the first verb of saying
                let Some(say) = (start..end).find(|&k| {
                    self.speech_forms
                        .contains(&doc.token_text(k).to_lowercase())
                }) else {
                    continue;
                };
                let speakers = self.subjects(doc, args, say, start);
                let speakers = if speakers.is_empty() {
                    self.objects_from(doc, args, say + 1, 1, end)
                } else {
                    speakers
                };
                let Some(&speaker) = speakers.first() else {
                    continue;
                };
                // what is evaluated: the first other actor between the verb of saying and the phrase
                let about = args
                    .iter()
                    .filter(|a| {
                        a.start > say && a.end <= phrase_at && !a.modifier && a.entity != speaker
                    })
                    .map(|a| a.entity)
                    .next();
                if let Some(about) = about {
                    let found = Found {
                        relation: &t.relation,
                        source: speaker,
                        target: about,
                        sentence: s,
                        trigger: (phrase_at, phrase_at + p.len()),
                        confidence: 0.5,
                    };
                    self.add(doc, out, found);
                }
            }
        }
    }
}

fn is_possessive(word: &str) -> bool {
    matches!(word, "'s" | "’s" | "'" | "’")
}

fn is_preposition(word: &str) -> bool {
    matches!(
        word,
        "to" | "with" | "for" | "from" | "in" | "on" | "at" | "by" | "of" | "about" | "into"
    )
}

impl Component for RelationExtractor {
    fn name(&self) -> &'static str {
        "relations"
    }

    fn process(&self, doc: &mut Document) -> Result<()> {
        let mut out = Vec::new();
        // the mentions of each sentence, found in one pass: scanning every mention for every
        // sentence was quadratic in the length of the document
        let mut by_sentence = vec![Vec::new(); doc.sentences.len()];
        for (mi, m) in doc.mentions.iter().enumerate() {
            if let Some(t) = doc.tokens.get(m.tokens.0) {
                by_sentence[t.sentence].push(mi);
            }
        }
        for s in 0..doc.sentences.len() {
            let args = self.args_of_sentence(doc, s, &by_sentence[s]);
            if args.len() < 2 {
                continue;
            }
            self.structural(doc, s, &args, &mut out);
            self.verbal(doc, s, &args, &mut out);
            self.nominal(doc, s, &args, &mut out);
            self.evaluative(doc, s, &args, &mut out);
        }
        doc.relations = out;
        Ok(())
    }
}
