//! The actors of each sentence as relation arguments: named mentions, and pronouns or
//! descriptions ("he", "the president", "the country") resolved to the last fitting actor.

use std::collections::HashMap;

use crate::doc::{Document, MentionKind, Upos};

/// How an argument refers to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ArgKind {
    /// A mention found by the mention layer (name, demonym, metonym or resolved nominal).
    Mention(MentionKind),
    /// A personal pronoun resolved here ("he", "she", "him", "her", "his").
    Pronoun,
    /// A definite description resolved here ("the president", "the country").
    Description,
}

/// One actor of a sentence that can take part in relations.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Arg {
    /// Index into [`Document::entities`].
    pub entity: usize,
    /// First token (document level).
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// How the argument refers.
    pub kind: ArgKind,
    /// Part of a larger noun phrase that is not the actor itself: the "Russian" of "Chilean
    /// President Pedro Soto" or of "a Chilean military plane".
    pub modifier: bool,
    /// How much a relation through this argument is trusted (1 for names, less for pronouns).
    pub trust: f32,
}

impl Arg {
    /// Whether the token lies inside the argument.
    pub fn covers(&self, token: usize) -> bool {
        (self.start..self.end).contains(&token)
    }

    /// Whether the argument is a resolved pronoun or description rather than a mention.
    pub fn is_anaphor(&self) -> bool {
        matches!(self.kind, ArgKind::Pronoun | ArgKind::Description)
    }

    /// The same argument, trusted `factor` times as much (reached indirectly: a speaker, a
    /// group standing for "they").
    pub fn discounted(&self, factor: f32) -> Arg {
        Arg {
            trust: self.trust * factor,
            ..*self
        }
    }
}

/// The arguments of one sentence, in text order.
#[derive(Debug, Clone, Default)]
pub(super) struct SentenceArgs {
    /// Sentence index.
    pub sentence: usize,
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The arguments, in text order.
    pub args: Vec<Arg>,
    /// Entities named as the possessor of a title ("Obama's vice president"): the title is
    /// someone else's, so a pronoun near it does not refer to the possessor.
    pub title_possessors: Vec<usize>,
}

impl SentenceArgs {
    /// The argument that covers token `i`.
    pub fn at(&self, i: usize) -> Option<&Arg> {
        self.args.iter().find(|a| a.covers(i))
    }

    /// The argument that starts at token `i`.
    pub fn starting_at(&self, i: usize) -> Option<&Arg> {
        self.args.iter().find(|a| a.start == i)
    }
}

/// Pronouns that refer to a person.
const PERSON_PRONOUNS: &[&str] = &["he", "she", "him", "his", "her"];
/// How far back (in sentences) a pronoun or description looks for its actor.
const LOOKBACK: usize = 3;

/// What [`named_args`] needs to know about words.
pub(super) struct Words<'a> {
    /// Whether a lower-case noun after a demonym makes the country an actor ("troops").
    pub is_agent: &'a dyn Fn(&str) -> bool,
    /// Whether a title starts at a token ("President", "foreign minister").
    pub title_at: &'a dyn Fn(usize) -> bool,
    /// The head of a token on the (repaired) dependency tree.
    pub head: &'a dyn Fn(usize) -> Option<usize>,
    /// Whether a real tagger filled part-of-speech tags (not the spelling heuristics).
    pub tagged: bool,
}

/// The named arguments of every sentence.
pub(super) fn named_args(doc: &Document, words: &Words<'_>) -> Vec<SentenceArgs> {
    let mut out: Vec<SentenceArgs> = doc
        .sentences
        .iter()
        .enumerate()
        .map(|(s, sent)| SentenceArgs {
            sentence: s,
            start: sent.tokens.0,
            end: sent.tokens.1,
            args: Vec::new(),
            title_possessors: Vec::new(),
        })
        .collect();
    for m in &doc.mentions {
        let Some(entity) = m.entity else { continue };
        let Some(first) = doc.tokens.get(m.tokens.0) else {
            continue;
        };
        let s = first.sentence;
        if m.tokens.1 > out[s].end {
            continue;
        }
        out[s].args.push(Arg {
            entity,
            start: m.tokens.0,
            end: m.tokens.1,
            kind: ArgKind::Mention(m.kind),
            modifier: false,
            trust: 1.0,
        });
    }
    for sa in &mut out {
        sa.args.sort_by_key(|a| (a.start, a.end));
        sa.args.dedup_by_key(|a| (a.start, a.end));
        mark_modifiers(doc, sa, words);
        sa.title_possessors = title_possessors(doc, sa, words);
    }
    out
}

/// The entities of a sentence named as a title's possessor: "Obama's vice president", "Peru's
/// new foreign minister" (up to two words between the clitic and the title).
fn title_possessors(doc: &Document, sa: &SentenceArgs, words: &Words<'_>) -> Vec<usize> {
    sa.args
        .iter()
        .filter(|a| a.end + 1 < sa.end && is_possessive(doc.token_text(a.end)))
        .filter(|a| {
            (a.end + 1..sa.end.min(a.end + 4))
                .take_while(|&t| {
                    let w = doc.token_text(t);
                    w.chars().all(|c| c.is_alphabetic() || c == '-')
                })
                .any(|t| (words.title_at)(t))
        })
        .map(|a| a.entity)
        .collect()
}

/// Marks arguments that only describe the noun after them: a name directly followed by another
/// name or a title ("U.S. State Department", "Chilean President"), or a demonym (or, once
/// tagged, any name) followed by a noun that is not an acting body ("a Chilean military plane",
/// but not "Kenyan troops").
fn mark_modifiers(doc: &Document, sa: &mut SentenceArgs, words: &Words<'_>) {
    for k in 0..sa.args.len() {
        let a = sa.args[k];
        let next = a.end;
        if next >= sa.end || is_possessive(doc.token_text(next)) {
            continue; // "Russia's aid": the possessor is an actor
        }
        let next_is_name = sa.args.get(k + 1).is_some_and(|b| b.start == next);
        let word = doc.token_text(next);
        // with a parse, the name must depend on the words after it: in "sent kits to Peru and
        // Chile last week" the time phrase does not make "Chile" a modifier
        let last = &doc.tokens[a.end - 1];
        let heads_right = last.deprel.is_empty()
            || (words.head)(a.end - 1).is_some_and(|h| h >= next && h < sa.end);
        let nominal = if words.tagged {
            matches!(doc.tokens[next].upos, Upos::Noun | Upos::Adj | Upos::Propn)
                && word.starts_with(char::is_lowercase)
                && heads_right
        } else {
            a.kind == ArgKind::Mention(MentionKind::Demonym)
                && word.starts_with(char::is_lowercase)
                && word.chars().all(|c| c.is_alphabetic() || c == '-')
        };
        // up to three words: "Kenyan troops", "Venezuelan security forces"
        let acts = (next..sa.end.min(next + 3))
            .map(|t| doc.token_text(t).to_lowercase())
            .take_while(|w| w.chars().all(|c| c.is_alphabetic() || c == '-'))
            .any(|w| (words.is_agent)(&w));
        sa.args[k].modifier = next_is_name || (words.title_at)(next) || (nominal && !acts);
    }
}

/// Whether the token is a possessive clitic ("'s", "'").
pub(super) fn is_possessive(word: &str) -> bool {
    matches!(word, "'s" | "’s" | "'" | "’")
}

/// Adds pronoun and description arguments, each resolved to the last fitting actor.
///
/// `holders` maps a lower-case title word ("president") to the people the document gave that
/// title, with the token where the title was given.
pub(super) fn add_anaphors(
    doc: &Document,
    sentences: &mut [SentenceArgs],
    holders: &HashMap<String, Vec<(usize, usize)>>,
) {
    for s in 0..sentences.len() {
        let (start, end) = (sentences[s].start, sentences[s].end);
        let mut added = Vec::new();
        for i in start..end {
            if sentences[s].at(i).is_some() {
                continue;
            }
            let word = doc.token_text(i).to_lowercase();
            let prev = (i > start).then(|| doc.token_text(i - 1).to_lowercase());
            let next_capital = i + 1 < end && doc.token_text(i + 1).starts_with(char::is_uppercase);
            if PERSON_PRONOUNS.contains(&word.as_str()) {
                if let Some(e) = person_antecedent(doc, sentences, s, i) {
                    added.push(Arg {
                        entity: e,
                        start: i,
                        end: i + 1,
                        kind: ArgKind::Pronoun,
                        modifier: false,
                        trust: 0.85,
                    });
                }
                continue;
            }
            if prev.as_deref() != Some("the") || next_capital {
                continue;
            }
            // "the president": the last person the document gave that title
            if let Some(list) = holders.get(&word) {
                if let Some(&(_, e)) = list.iter().rev().find(|(at, _)| *at < i) {
                    added.push(Arg {
                        entity: e,
                        start: i - 1,
                        end: i + 1,
                        kind: ArgKind::Description,
                        modifier: false,
                        trust: 0.8,
                    });
                    continue;
                }
            }
            // "the country", "the government": the last country named before
            if matches!(word.as_str(), "country" | "government") {
                if let Some(e) = last_of_type(doc, sentences, s, i, "Country") {
                    added.push(Arg {
                        entity: e,
                        start: i - 1,
                        end: i + 1,
                        kind: ArgKind::Description,
                        modifier: false,
                        trust: 0.75,
                    });
                }
            }
        }
        if !added.is_empty() {
            sentences[s].args.extend(added);
            sentences[s].args.sort_by_key(|a| (a.start, a.end));
        }
    }
}

/// The person a pronoun at token `i` refers to: the last person named before it in its own
/// sentence; else, for a pronoun in a clause or phrase that opens the sentence ("During his
/// visit, Soto…", "After she landed, Soto…"), the person who opens the main clause; else the
/// first person (the likely subject) of the nearest sentence naming one.
fn person_antecedent(
    doc: &Document,
    sentences: &[SentenceArgs],
    s: usize,
    i: usize,
) -> Option<usize> {
    let sa = &sentences[s];
    // "Biden, Obama's vice president, said he…": the possessor of a title the sentence gives
    // before the pronoun is not who the title (or the pronoun) speaks of
    let possessor = |e: usize| {
        sa.title_possessors.contains(&e)
            && sa
                .args
                .iter()
                .any(|a| a.entity == e && a.end < i && is_possessive(doc.token_text(a.end)))
    };
    let is_person = |a: &&Arg| {
        !a.is_anaphor()
            && !a.modifier
            && doc.entities[a.entity].entity_type.is("Person")
            && !possessor(a.entity)
    };
    if let Some(a) = sa.args.iter().rev().filter(|a| a.end <= i).find(is_person) {
        return Some(a.entity);
    }
    if let Some(a) = main_clause_opener(doc, sa, i) {
        if is_person(&a) {
            return Some(a.entity);
        }
    }
    (s.saturating_sub(LOOKBACK)..s)
        .rev()
        .find_map(|k| sentences[k].args.iter().find(is_person).map(|a| a.entity))
}

/// For token `i` inside an opening adjunct (the sentence starts with a preposition or a
/// subordinator and `i` comes before its first comma), the argument that opens the main clause
/// right after that comma (a title of up to two words may come first: ", Foreign Minister Soto").
fn main_clause_opener<'a>(doc: &Document, sa: &'a SentenceArgs, i: usize) -> Option<&'a Arg> {
    let opens_adjunct = matches!(doc.tokens[sa.start].upos, Upos::Adp | Upos::Sconj);
    if !opens_adjunct {
        return None;
    }
    let comma = (i + 1..sa.end).find(|&k| doc.token_text(k) == ",")?;
    sa.args
        .iter()
        .find(|a| a.start > comma)
        .filter(|a| a.start <= comma + 3 && !a.is_anaphor())
}

/// The entity of the last non-modifier argument of `entity_type` before token `i`, looking back
/// a few sentences.
fn last_of_type(
    doc: &Document,
    sentences: &[SentenceArgs],
    s: usize,
    i: usize,
    entity_type: &str,
) -> Option<usize> {
    let floor = s.saturating_sub(LOOKBACK);
    (floor..=s).rev().find_map(|k| {
        sentences[k]
            .args
            .iter()
            .rev()
            .filter(|a| a.end <= i && !a.is_anaphor() && !a.modifier)
            .find(|a| doc.entities[a.entity].entity_type.is(entity_type))
            .map(|a| a.entity)
    })
}
