//! Grammatical gender of the people of an article, learned from the article itself, so that a
//! pronoun that cannot be its own clause's speaker ("Lee said he was a disgrace" with Lee a
//! woman) finds the person it is about.
//!
//! A person's gender comes from honorifics and gendered titles right before a name ("Mrs Lee",
//! "spokeswoman Ana Soto") and from a pronoun opening the sentence after one that names that
//! person alone ("Soto arrived on Monday. He said…"). No list of given names is used; a person the
//! article gives both genders, or none, has no known gender.

use std::collections::HashMap;

use super::view::{Arg, SentenceArgs};
use crate::doc::Document;

/// The grammatical gender of a person or of a personal pronoun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gender {
    /// "he", "him", "his", "Mr".
    Male,
    /// "she", "her", "hers", "Mrs", "Ms".
    Female,
}

/// The gender of a personal pronoun (lower case), if it has one.
pub(super) fn of_pronoun(word: &str) -> Option<Gender> {
    match word {
        "he" | "him" | "his" | "himself" => Some(Gender::Male),
        "she" | "her" | "hers" | "herself" => Some(Gender::Female),
        _ => None,
    }
}

/// The gender an honorific or a gendered title word (lower case, without a final period) gives
/// the name after it.
fn of_title_word(word: &str) -> Option<Gender> {
    match word {
        "mr" | "sir" | "lord" | "king" | "prince" | "spokesman" | "chairman" | "congressman"
        | "councilman" | "assemblyman" | "businessman" | "actor" | "father" | "brother" | "son"
        | "husband" | "uncle" => Some(Gender::Male),
        "mrs" | "ms" | "miss" | "madam" | "dame" | "lady" | "queen" | "princess"
        | "spokeswoman" | "chairwoman" | "congresswoman" | "councilwoman" | "assemblywoman"
        | "businesswoman" | "actress" | "mother" | "sister" | "daughter" | "wife" | "aunt" => {
            Some(Gender::Female)
        }
        _ => None,
    }
}

/// Whether the argument is a person named by a mention (not a pronoun or description).
fn named_person(doc: &Document, a: &Arg) -> bool {
    !a.is_anaphor() && !a.modifier && doc.entities[a.entity].entity_type.is("Person")
}

/// The gender of every person of the article that the article makes plain, by entity index.
pub(super) fn genders(doc: &Document, sentences: &[SentenceArgs]) -> HashMap<usize, Gender> {
    let mut votes: HashMap<usize, (u32, u32)> = HashMap::new();
    let mut vote = |e: usize, g: Gender| {
        let v = votes.entry(e).or_default();
        match g {
            Gender::Male => v.0 += 1,
            Gender::Female => v.1 += 1,
        }
    };
    for (s, sa) in sentences.iter().enumerate() {
        for a in sa.args.iter().filter(|a| named_person(doc, a)) {
            if a.start > sa.start {
                let before = doc.token_text(a.start - 1).to_lowercase();
                if let Some(g) = of_title_word(before.trim_end_matches('.')) {
                    vote(a.entity, g);
                }
            }
        }
        // a pronoun opening a sentence ("He said…") after a sentence that names one person
        // only: inside a sentence a pronoun may well be someone else ("Lee said he was wrong")
        let first = (sa.start..sa.end).find(|&i| {
            !matches!(
                doc.token_text(i),
                "\"" | "“" | "‘" | "'" | "(" | "[" | "—" | "-"
            )
        });
        let Some(g) = first.and_then(|i| of_pronoun(&doc.token_text(i).to_lowercase())) else {
            continue;
        };
        if s == 0 {
            continue;
        }
        let mut people: Vec<usize> = sentences[s - 1]
            .args
            .iter()
            .filter(|a| named_person(doc, a))
            .map(|a| a.entity)
            .collect();
        people.sort_unstable();
        people.dedup();
        if let [only] = people.as_slice() {
            vote(*only, g);
        }
    }
    votes
        .into_iter()
        .filter_map(|(e, (male, female))| match (male, female) {
            (m, f) if m >= 1 && m >= 4 * f => Some((e, Gender::Male)),
            (m, f) if f >= 1 && f >= 4 * m => Some((e, Gender::Female)),
            _ => None,
        })
        .collect()
}

/// The person a gendered pronoun refers to when it cannot be `not` (the speaker or subject it
/// was resolved to: one does not call oneself a disgrace): among the people named before it, in
/// its sentence or the three before, other than `not` and not known to be of the other gender,
/// the only one. When `not`'s gender is known to be the pronoun's, the pronoun may well be
/// `not` after all, and there is none; when it is unknown, the one person must be known to be of
/// the pronoun's gender. Two candidates never compete.
pub(super) fn other_person(
    doc: &Document,
    sentences: &[SentenceArgs],
    genders: &HashMap<usize, Gender>,
    s: usize,
    pronoun: &Arg,
    not: usize,
) -> Option<Arg> {
    let g = of_pronoun(&doc.token_text(pronoun.start).to_lowercase())?;
    let not_gender = genders.get(&not).copied();
    if not_gender == Some(g) {
        return None;
    }
    let mut candidates: Vec<usize> = (s.saturating_sub(3)..=s)
        .flat_map(|k| sentences[k].args.iter())
        .filter(|a| a.end <= pronoun.start && named_person(doc, a) && a.entity != not)
        .map(|a| a.entity)
        .filter(|e| genders.get(e).is_none_or(|&eg| eg == g))
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    let [only] = candidates.as_slice() else {
        return None;
    };
    if not_gender.is_none() && genders.get(only) != Some(&g) {
        return None;
    }
    Some(Arg {
        entity: *only,
        trust: pronoun.trust * 0.9,
        ..*pronoun
    })
}
