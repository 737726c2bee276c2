//! Evaluative statements in reported speech: whoever says "…which was very nice" about an
//! actor praises it, whoever calls an actor's deal "null and void" or calls an actor "a liar"
//! criticizes it (the phrases are data: `phrases` in `schema/triggers.toml`).

use super::events::{act_at, names_its_object, Act};
use super::surface::OrderFinder;
use super::view::{Arg, SentenceArgs};
use super::{Candidate, Context, RelationExtractor, Rule};
use crate::doc::Document;

/// Reads evaluative phrases. The speaker is the subject of the verb of saying nearest before
/// the phrase (or, for a quotation before its attribution, of the verb after it, or the name
/// after that verb: "…," said Soto). What is evaluated is the first other actor between the
/// verb and the phrase, with the actors coordinated with it; else the first actor after the
/// phrase in its clause ("it is damning that the Home Office…"); for a quotation before its
/// attribution, the first actor of the quotation.
pub(super) fn read(
    x: &RelationExtractor,
    cx: &Context<'_>,
    groups: &[Vec<Arg>],
    acts: &[Act],
    out: &mut Vec<Candidate>,
) {
    let doc = cx.doc;
    let quoted_by = quotation_speakers(x, cx, groups);
    let genders = cx.genders();
    for sa in &cx.sentences {
        // (one actor may speak of an act of the sentence before: "Peru said the move was
        // illegal")
        if sa.args.len() + groups[sa.sentence].len() + quoted_by[sa.sentence].len() < 1 {
            continue;
        }
        // the words without quotation marks, so that a quoted word inside a phrase still
        // makes it ("a \"stunt\"", "a 'breach of'"), with the token of each word
        let (tokens, words): (Vec<usize>, Vec<String>) = (sa.start..sa.end)
            .filter(|&i| !matches!(doc.token_text(i), "\"" | "“" | "”" | "'" | "‘" | "’"))
            .map(|i| (i, doc.token_text(i).to_lowercase()))
            .unzip();
        for (phrase, ti) in &x.lexicon.phrases {
            let Some((at, len)) = find_phrase(&words, phrase) else {
                continue;
            };
            let phrase_at = tokens[at];
            let phrase_end = tokens[at + len - 1] + 1;
            // a negated evaluation is none: "was not very nice"
            // (negators only: "called the tax plan \"unjust\"" is no planned evaluation)
            if (phrase_at.saturating_sub(2).max(sa.start)..phrase_at).any(|k| {
                x.lexicon
                    .negators
                    .contains(&doc.token_text(k).to_lowercase())
            }) {
                continue;
            }
            let finder = OrderFinder::new(x, cx, sa, groups[sa.sentence].clone());
            // a verb of saying, or one of naming: "called Soto a hero", "labelled the deal a sham"
            let before = (sa.start..phrase_at)
                .rev()
                .find(|&k| x.lexicon.is_speech(doc, k) || names_its_object(cx, sa, k, k + 1));
            // what is evaluated, and how much the speaker is trusted for it
            let (speakers, about, speaker_trust) = match before {
                Some(say) => {
                    let speakers = speakers_of(doc, &finder, sa, say);
                    // "Hale said he was grateful to Lund": the speaker's own pronoun is not
                    // what is evaluated
                    // "told Reuters …": the addressee of the verb is not what is evaluated; nor
                    // is an actor inside a prepositional phrase ("For Mexico, the man is a
                    // terrorist", "said the attack on Israel was barbaric": the attacker is)
                    // "Pelosi said he was a disgrace": a pronoun resolved to the speaker whose
                    // gender is not the speaker's is the person before of its gender
                    let between: Vec<Arg> = sa
                        .args
                        .iter()
                        .filter(|a| a.start > say && a.end <= phrase_at && !a.modifier)
                        .map(|a| {
                            let own = speakers.iter().any(|s| s.entity == a.entity);
                            (a.is_anaphor() && own)
                                .then(|| {
                                    super::gender::other_person(
                                        doc,
                                        &cx.sentences,
                                        genders,
                                        sa.sentence,
                                        a,
                                        a.entity,
                                    )
                                })
                                .flatten()
                                .unwrap_or(*a)
                        })
                        .filter(|a| !speakers.iter().any(|s| s.entity == a.entity))
                        .filter(|a| !(is_telling(doc, say) && addressed(doc, say, a)))
                        .filter(|a| !after_preposition(doc, sa, a))
                        .collect();
                    // "warned of Russian aggression": a demonym right before the phrase names
                    // whom it is about
                    let about = match demonym_before(doc, sa, phrase_at) {
                        Some(d) => vec![d],
                        None => match between.first() {
                            Some(first) => coordinated_after(doc, sa, first),
                            None => sa
                                .args
                                .iter()
                                .find(|a| {
                                    a.start >= phrase_end
                                        && a.start <= phrase_end + 4
                                        && !a.modifier
                                        && (phrase_end..a.start)
                                            .all(|k| !matches!(doc.token_text(k), "," | "." | ";"))
                                })
                                .map(|a| vec![*a])
                                .unwrap_or_default(),
                        },
                    };
                    (speakers, about, 1.0)
                }
                None => {
                    // "He was a dictator," said Bumhira; but in "X called Y's deal \"lousy\"
                    // and said…" the phrase is X's naming, not a quotation of X
                    if (sa.start..phrase_at).any(|k| {
                        let w = doc.token_text(k).to_lowercase();
                        w.starts_with("call")
                            || w.starts_with("dub")
                            || w.starts_with("label")
                            || w.starts_with("brand")
                    }) {
                        continue;
                    }
                    match (phrase_end..sa.end).find(|&k| x.lexicon.is_speech(doc, k)) {
                        None => {
                            // a sentence inside a longer quotation: its speaker is the quotation's
                            // ("He was a dictator." within "…", said Bumhira), and what it
                            // evaluates is its opening subject
                            let speakers = quoted_by.get(sa.sentence).cloned().unwrap_or_default();
                            (speakers, opening_subject(doc, sa, phrase_at), QUOTED_TRUST)
                        }
                        Some(say) => {
                            let speakers = speakers_of(doc, &finder, sa, say);
                            // "…," Day said of Hudson: the actor the speech is about
                            let said_of = sa
                                .args
                                .iter()
                                .find(|a| {
                                    !a.modifier
                                        && a.start > say
                                        && a.start <= say + 4
                                        && doc.token_text(a.start - 1).eq_ignore_ascii_case("of")
                                        && (say + 1..a.start - 1).all(|k| sa.at(k).is_some())
                                })
                                .copied();
                            // else the quotation's opening subject
                            let about = match said_of {
                                Some(a) => vec![a],
                                None => opening_subject(doc, sa, phrase_at),
                            };
                            (speakers, about, 1.0)
                        }
                    }
                }
            };
            // "Peru said the move was illegal", "\"The invasion is a violation of…,\" said
            // Peru": what is evaluated is an act, and its actors are
            let about = if about.is_empty() && !speakers.is_empty() {
                let relation = &x.lexicon.triggers[*ti].def.relation;
                let from = before.map_or(sa.start, |say| say + 1);
                (from..phrase_at)
                    .find_map(|k| {
                        let determined = k > sa.start
                            && matches!(
                                doc.token_text(k - 1).to_lowercase().as_str(),
                                "the" | "this" | "that" | "these" | "those" | "its" | "their"
                            );
                        let found = act_at(
                            x, cx, sa, acts, k, phrase_at, relation, &speakers, determined,
                        );
                        (!found.is_empty()).then_some(found)
                    })
                    .unwrap_or_default()
            } else {
                about
            };
            for speaker in &speakers {
                // "Iran's president said Iran deeply regrets this disastrous mistake": an
                // actor's words about its own country or body are no evaluation of it
                let own = |t: &Arg| {
                    out.iter().any(|c| {
                        c.source == speaker.entity
                            && c.target == t.entity
                            && matches!(
                                c.relation.as_str(),
                                "leader-of" | "member-of" | "spokesperson-for"
                            )
                    })
                };
                let targets: Vec<Arg> = about
                    .iter()
                    .filter(|a| a.entity != speaker.entity && !own(a))
                    .copied()
                    .collect();
                for target in &targets {
                    out.push(Candidate {
                        relation: x.lexicon.triggers[*ti].def.relation.clone(),
                        source: speaker.entity,
                        target: target.entity,
                        sentence: sa.sentence,
                        trigger: (phrase_at, phrase_end),
                        rule: Rule::Evaluative,
                        trust: speaker.trust.min(target.trust) * speaker_trust,
                    });
                }
            }
        }
    }
}

/// Whether the verb of saying at `say` is one of telling, whose object is the addressee ("told
/// Reuters").
fn is_telling(doc: &Document, say: usize) -> bool {
    matches!(
        doc.token_text(say).to_lowercase().as_str(),
        "tell" | "tells" | "told" | "telling"
    )
}

/// Whether the actor is the object right after a verb ("told Reuters", "told the Post").
fn addressed(doc: &Document, verb: usize, a: &Arg) -> bool {
    (verb + 1..a.start).all(|k| matches!(doc.token_text(k).to_lowercase().as_str(), "the" | "a"))
}

/// Whether an actor stands right after a preposition ("for Mexico", "the attack on Israel"),
/// a determiner between them allowed; not after "by", which names the doer of an act ("the move
/// by Chile was reckless").
fn after_preposition(doc: &Document, sa: &SentenceArgs, a: &Arg) -> bool {
    let mut j = a.start;
    while j > sa.start && matches!(doc.token_text(j - 1).to_lowercase().as_str(), "the" | "a") {
        j -= 1;
    }
    j > sa.start
        && matches!(
            doc.token_text(j - 1).to_lowercase().as_str(),
            "for" | "in" | "on" | "at" | "from" | "to" | "with" | "against" | "during"
        )
}

/// A demonym right before an evaluative phrase ("Russian aggression", "Turkish interference"):
/// its country is what the phrase is about.
fn demonym_before(doc: &Document, sa: &SentenceArgs, phrase_at: usize) -> Option<Arg> {
    let mut j = phrase_at;
    // (a quotation mark may open the phrase: "Russian \"aggression\"")
    while j > sa.start && matches!(doc.token_text(j - 1), "\"" | "“" | "'" | "‘") {
        j -= 1;
    }
    sa.args
        .iter()
        .find(|a| {
            a.end == j
                && a.modifier
                && a.kind == super::view::ArgKind::Mention(crate::doc::MentionKind::Demonym)
        })
        .copied()
}

/// The first actor of a quotation's sentence, before the evaluative phrase at `phrase_at`:
/// what "He was a dictator" or "Russia's move is…" evaluates.
fn opening_subject(doc: &Document, sa: &SentenceArgs, phrase_at: usize) -> Vec<Arg> {
    // (after an interview's "((Ann Lee))")
    let start = interview_speaker(doc, sa).map_or(sa.start, |a| a.end + 2);
    sa.args
        .iter()
        .find(|a| a.end <= phrase_at && !a.modifier && a.start >= start && a.start <= start + 2)
        .map(|a| vec![*a])
        .unwrap_or_default()
}

/// The person whose answer a sentence opens, in the transcript style of interviews:
/// "((Ann Lee))  We condemn Chile." (a name between doubled parentheses at the sentence's start).
fn interview_speaker(doc: &Document, sa: &SentenceArgs) -> Option<Arg> {
    if sa.start + 4 >= sa.end
        || doc.token_text(sa.start) != "("
        || doc.token_text(sa.start + 1) != "("
    {
        return None;
    }
    let a = sa.starting_at(sa.start + 2).filter(|a| !a.modifier)?;
    let closed =
        a.end + 1 < sa.end && doc.token_text(a.end) == ")" && doc.token_text(a.end + 1) == ")";
    (closed && doc.entities[a.entity].entity_type.is("Person")).then_some(*a)
}

/// How much less a speaker is trusted across sentences of a quotation than within one.
const QUOTED_TRUST: f32 = 0.9;

/// Whether a token is a quotation mark, and which: `Some(true)` opens, `Some(false)` closes,
/// `None` for a straight mark that toggles.
fn quote_mark(word: &str) -> Option<Option<bool>> {
    match word {
        "“" => Some(Some(true)),
        "”" => Some(Some(false)),
        "\"" => Some(None),
        _ => None,
    }
}

/// For every sentence that lies wholly inside a quotation spanning several sentences of one
/// paragraph, and has no verb of saying of its own, the speakers of that quotation: the
/// speaker named where it opens (X said: "…), where it closes (…," said X), or, for a
/// quotation opening a sentence that is attributed nowhere, in the sentence before it, if that
/// one ends a quotation with its attribution ("…," said X. "…"). Empty for other sentences.
pub(super) fn quotation_speakers(
    x: &RelationExtractor,
    cx: &Context<'_>,
    groups: &[Vec<Arg>],
) -> Vec<Vec<Arg>> {
    let doc = cx.doc;
    let n = cx.sentences.len();
    // for every sentence: inside a quotation at its start, the sentence that opened it, and the
    // token of the mark that opened it
    let mut opened: Vec<Option<(usize, usize)>> = vec![None; n];
    // for every sentence: the token of the mark that closes a quotation open at its start
    let mut closes: Vec<Option<usize>> = vec![None; n];
    let mut open: Option<(usize, usize)> = None;
    let mut last_end = 0;
    // for every sentence: whether it opens a paragraph
    let mut paragraph_start = vec![false; n];
    for (k, sa) in cx.sentences.iter().enumerate() {
        let gap_start = doc
            .tokens
            .get(last_end.max(1) - 1)
            .map_or(0, |t| t.span.end);
        let gap_end = doc.tokens.get(sa.start).map_or(gap_start, |t| t.span.start);
        if sa.start > 0
            && doc
                .text
                .get(gap_start..gap_end)
                .is_some_and(|g| g.contains('\n'))
        {
            open = None;
            paragraph_start[k] = true;
        }
        last_end = sa.end;
        opened[k] = open;
        for t in sa.start..sa.end {
            match quote_mark(doc.token_text(t)) {
                Some(Some(true)) => open = Some((k, t)),
                Some(Some(false)) => {
                    if open.is_some() && opened[k].is_some() && closes[k].is_none() {
                        closes[k] = Some(t);
                    }
                    open = None;
                }
                Some(None) => {
                    if open.is_some() {
                        if opened[k].is_some() && closes[k].is_none() {
                            closes[k] = Some(t);
                        }
                        open = None;
                    } else {
                        open = Some((k, t));
                    }
                }
                None => {}
            }
        }
    }
    let speech_in = |sa: &SentenceArgs, from: usize, to: usize| {
        (from.max(sa.start)..to.min(sa.end)).find(|&k| x.lexicon.is_speech(doc, k))
    };
    let opens_quotation = |sa: &SentenceArgs| {
        sa.start < sa.end && quote_mark(doc.token_text(sa.start)).is_some_and(|m| m != Some(false))
    };
    let mut out = vec![Vec::new(); n];
    // an interview: "((Ann Lee))  We condemn Chile. …" — the sentences of a paragraph that
    // opens with a person's name in double parentheses are that person's
    let mut interviewee: Option<Arg> = None;
    for (k, sa) in cx.sentences.iter().enumerate() {
        if k == 0 || paragraph_start[k] {
            interviewee = interview_speaker(doc, sa);
        }
        if let Some(a) = interviewee {
            if speech_in(sa, sa.start, sa.end).is_none() {
                out[k] = vec![a.discounted(QUOTED_TRUST)];
            }
        }
    }
    for k in 0..n {
        let sa = &cx.sentences[k];
        // the quotation the sentence stands in: open at its start, or opened by its first word
        // ("We condemn Chile. We thank Norway," said Soto: the first sentence opens it)
        let (o, mark) = match opened[k] {
            Some(open) => open,
            // (a quotation of its own, closed before the sentence ends, is a title or a name)
            None if opens_quotation(sa)
                && (sa.start + 1..sa.end.saturating_sub(2))
                    .all(|t| quote_mark(doc.token_text(t)).is_none()) =>
            {
                (k, sa.start)
            }
            None => continue,
        };
        // the sentence's own attribution is read where it stands
        if speech_in(sa, sa.start, sa.end).is_some() {
            continue;
        }
        // where it opened: X said: "…
        let from_open = (o < k)
            .then(|| {
                let so = &cx.sentences[o];
                speech_in(so, so.start, mark).map(|say| {
                    let finder = OrderFinder::new(x, cx, so, groups[o].clone());
                    speakers_of(doc, &finder, so, say)
                })
            })
            .flatten()
            .unwrap_or_default();
        if !from_open.is_empty() {
            out[k] = from_open;
            continue;
        }
        // where it closes, in this sentence or a later one of the paragraph: …," said X
        let mut c = k;
        let mut close = closes[k];
        while close.is_none() && c + 1 < n && opened[c + 1].is_some_and(|(oo, _)| oo == o) {
            c += 1;
            close = closes[c];
        }
        if let Some(close) = close {
            let sc = &cx.sentences[c];
            if let Some(say) = speech_in(sc, close + 1, sc.end) {
                let finder = OrderFinder::new(x, cx, sc, groups[c].clone());
                out[k] = speakers_of(doc, &finder, sc, say);
                continue;
            }
        }
        // a quotation that opens its sentence and goes on the speaker's earlier one in the
        // same paragraph: "…," said Soto. "We condemn Chile."
        let so = &cx.sentences[o];
        if mark == so.start && o > 0 && !paragraph_start[o] {
            let sp = &cx.sentences[o - 1];
            let after_quote = (sp.start..sp.end)
                .rev()
                .find(|&t| quote_mark(doc.token_text(t)).is_some_and(|m| m != Some(true)));
            if let Some(say) = after_quote.and_then(|q| speech_in(sp, q + 1, sp.end)) {
                let finder = OrderFinder::new(x, cx, sp, groups[o - 1].clone());
                out[k] = speakers_of(doc, &finder, sp, say);
            }
        }
    }
    out
}

/// How many words a `*` of a phrase stands for, at most ("a true American hero").
const WILDCARD_WORDS: usize = 2;

/// The first place where `phrase` occurs in `words`: (start, length). A `*` in the phrase
/// stands for no word or up to [`WILDCARD_WORDS`] words of letters ("a * hero" finds "a hero",
/// "a true hero" and "a true American hero"), never for punctuation or quotation marks.
fn find_phrase(words: &[String], phrase: &[String]) -> Option<(usize, usize)> {
    fn match_from(words: &[String], i: usize, phrase: &[String]) -> Option<usize> {
        let Some((first, rest)) = phrase.split_first() else {
            return Some(i);
        };
        if first == "*" {
            for skip in 0..=WILDCARD_WORDS {
                let skipped = words.get(i..i + skip)?;
                if !skipped
                    .iter()
                    .all(|w| w.chars().all(|c| c.is_alphabetic() || c == '-'))
                {
                    return None;
                }
                if let Some(end) = match_from(words, i + skip, rest) {
                    return Some(end);
                }
            }
            return None;
        }
        (words.get(i) == Some(first))
            .then(|| match_from(words, i + 1, rest))
            .flatten()
    }
    (0..words.len()).find_map(|i| match_from(words, i, phrase).map(|end| (i, end - i)))
}

/// How many words after an inverted verb of saying ("…," said the chancellor, Pedro Soto) its
/// speaker may stand.
const SPEAKER_REACH: usize = 10;

/// The speakers of a verb of saying: its subject, or the name right after it ("said Soto").
/// After a quotation ("…," said X) the name after the verb is the speaker, whatever the
/// quotation's own clauses hold, and a person named there is preferred to the body of its
/// title ("said University of Lima's chancellor, Pedro Soto").
fn speakers_of(
    doc: &Document,
    finder: &OrderFinder<'_>,
    sa: &SentenceArgs,
    say: usize,
) -> Vec<Arg> {
    // a quotation closes right before the verb: `…," said` or `…", said`
    let inverted =
        (say.saturating_sub(2).max(sa.start)..say).any(|k| matches!(doc.token_text(k), "\"" | "”"));
    let mut after: Vec<Arg> = sa
        .args
        .iter()
        .filter(|a| a.start == say + 1 && !a.modifier && !(inverted && a.is_anaphor()))
        .copied()
        .collect();
    // "…," said Foreign Minister Ana Ruiz: a title before the name
    if inverted && after.is_empty() {
        after = finder.named_after(say);
    }
    if inverted && !after.is_empty() {
        let reach = (say + 1..(say + 1 + SPEAKER_REACH).min(sa.end))
            .take_while(|&k| !matches!(doc.token_text(k), "\"" | "“" | "”" | "." | ";"))
            .last()
            .unwrap_or(say);
        let is_person = |a: &Arg| doc.entities[a.entity].entity_type.is("Person");
        if !after.iter().any(is_person) {
            if let Some(person) = sa
                .args
                .iter()
                .find(|a| a.start > say && a.end <= reach + 1 && !a.modifier && is_person(a))
            {
                return vec![*person];
            }
        }
        return after;
    }
    let speakers = finder.subjects(say);
    if !speakers.is_empty() {
        return speakers;
    }
    after
}

/// `first` and the actors joined to it by "and" or commas ("Turkey and Libya").
fn coordinated_after(doc: &Document, sa: &SentenceArgs, first: &Arg) -> Vec<Arg> {
    let mut out = vec![*first];
    let mut cur = *first;
    while let Some(next) = sa.args.iter().find(|b| b.start >= cur.end && !b.modifier) {
        let gap: Vec<&str> = (cur.end..next.start).map(|t| doc.token_text(t)).collect();
        if !matches!(gap.as_slice(), [","] | ["and"] | [",", "and"] | ["or"]) {
            break;
        }
        out.push(*next);
        cur = *next;
    }
    out
}
