//! Events: a trigger verb or noun of `schema/triggers.toml` and the actors in its argument
//! slots, found on the dependency tree ([`super::deps`]) or, without a parse, from word order
//! ([`super::surface`]). Negated, hypothetical, planned and refused actions make no edge.

use super::lexicon::{Marker, Slot, Trigger};
use super::view::{Arg, ArgKind, SentenceArgs};
use super::{deps, surface, Candidate, Context, RelationExtractor, Rule};
use crate::doc::{MentionKind, Upos};

/// What kind of word triggered an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TriggerKind {
    /// A verb ("sent", "called on").
    Verb,
    /// A noun ("talks", "aid").
    Noun,
}

/// One trigger occurrence of a sentence, before its arguments are found.
#[derive(Debug, Clone, Copy)]
pub(super) struct Occurrence {
    /// Index into the lexicon's triggers.
    pub trigger: usize,
    /// Trigger tokens `start..end`.
    pub tokens: (usize, usize),
    /// Verb or noun.
    pub kind: TriggerKind,
}

/// The arguments found for one occurrence.
#[derive(Debug, Clone, Default)]
pub(super) struct Frame {
    /// Actors in the source slot (coordinated ones included).
    pub sources: Vec<Arg>,
    /// Actors in the target slot.
    pub targets: Vec<Arg>,
    /// Actors of a symmetric relation that relate pairwise ("talks between X and Y").
    pub group: Vec<Arg>,
    /// Multiplied into the confidence (long or uncertain paths).
    pub trust: f32,
}

/// What an argument finder answers for a trigger: where the arguments are, and whether the
/// action is stated as a fact.
pub(super) trait ArgumentFinder {
    /// Whether the action at the occurrence is negated, hypothetical, planned or refused.
    fn not_factual(&self, occ: &Occurrence, trigger: &Trigger) -> bool;
    /// The actors in one slot of the occurrence.
    fn slot(&self, occ: &Occurrence, slot: &Slot) -> Vec<Arg>;
    /// Whether the verb's object (or a word near it) is one of `objects` ("aid", "supplies").
    fn object_is_one_of(&self, occ: &Occurrence, trigger: &Trigger) -> bool;
    /// The rule to credit.
    fn rule(&self, kind: TriggerKind) -> Rule;
    /// Whether coordinated subjects of a symmetric verb relate to each other ("France and
    /// Germany signed a deal"): they must be the whole subject, not part of a longer phrase.
    fn subjects_are_a_group(&self, occ: &Occurrence, sources: &[Arg]) -> bool;
}

/// Fills `markers` in order of preference: the first marker with actors wins.
fn fill<'m>(
    finder: &dyn ArgumentFinder,
    occ: &Occurrence,
    markers: &'m [Marker],
    cx: &Context<'_>,
) -> (Vec<Arg>, Option<&'m Marker>) {
    for m in markers {
        let found: Vec<Arg> = finder
            .slot(occ, &m.slot)
            .into_iter()
            .filter(|a| m.admits(&cx.doc.entities[a.entity].entity_type))
            .collect();
        if !found.is_empty() {
            return (found, Some(m));
        }
    }
    (Vec::new(), None)
}

/// How many sentences a group of actors stays the referent of "they".
const GROUP_SPAN: usize = 2;

/// How many sentences back an act named by its noun ("condemned the invasion") is looked for.
const ACT_SPAN: usize = 2;
/// How many words after an evaluating verb its object noun may stand ("the maritime border
/// agreement").
const ACT_REACH: usize = 5;
/// How much less an act's actors are trusted as the target than a named object.
const ACT_TRUST: f32 = 0.9;

/// An action read in the text, with its actors, so that a later "condemned the attack" or
/// "welcomed the agreement" can find whom it evaluates.
#[derive(Debug, Clone)]
pub(super) struct Act {
    /// Sentence index.
    sentence: usize,
    /// Trigger tokens.
    tokens: (usize, usize),
    /// Index into the lexicon's triggers.
    trigger: usize,
    /// Who did it: the sources, and for a symmetric act every party.
    actors: Vec<Arg>,
}

/// An evaluating verb with its sources but no actor as its object ("Japan condemned the
/// attack"), waiting for the sentence's acts to be read.
struct Evaluation {
    occ: Occurrence,
    sources: Vec<Arg>,
    rule: Rule,
}

/// Reads every event of the document; returns, for every sentence, the group of actors that
/// "they" stands for there, and the acts read (for evaluations of them in reported speech).
pub(super) fn read(
    x: &RelationExtractor,
    cx: &Context<'_>,
    out: &mut Vec<Candidate>,
) -> (Vec<Vec<Arg>>, Vec<Act>) {
    // the last coordinated subject ("X, Y and Z gathered"): what "they" and "the talks" are
    let mut group: (usize, Vec<Arg>) = (0, Vec::new());
    let mut groups = Vec::with_capacity(cx.sentences.len());
    let mut acts: Vec<Act> = Vec::new();
    // "…," said Soto. "We condemn Chile.": who "we" is in a later sentence of a quotation
    // (the groups of "they" are not read yet, and a quotation's speaker is seldom "they")
    let no_groups = vec![Vec::new(); cx.sentences.len()];
    let quoted_by = super::speech::quotation_speakers(x, cx, &no_groups);
    for sa in &cx.sentences {
        if sa.sentence > group.0 + GROUP_SPAN {
            group.1.clear();
        }
        groups.push(group.1.clone());
        if sa.args.is_empty() && group.1.is_empty() && quoted_by[sa.sentence].is_empty() {
            continue;
        }
        // with a parse, the tree and word order both read every trigger: what both find is
        // surest, and word order makes up for parse errors (see `Rule::confirmed`)
        let mut finders: Vec<Box<dyn ArgumentFinder + '_>> = Vec::new();
        if cx.parsed {
            finders.push(Box::new(deps::TreeFinder::new(x, cx, sa, group.1.clone())));
        }
        finders.push(Box::new(
            surface::OrderFinder::new(x, cx, sa, group.1.clone())
                .with_quoted(quoted_by[sa.sentence].clone()),
        ));
        let mut new_group: Option<Vec<Arg>> = None;
        let mut evaluations = Vec::new();
        for occ in occurrences(x, cx, sa) {
            let trigger = &x.lexicon.triggers[occ.trigger];
            // "I want to thank Peru": wishing to thank, said, thanks
            let performed = trigger.def.performative
                && occ.kind == TriggerKind::Verb
                && x.lexicon
                    .performed_by_saying(cx.doc, occ.tokens.0, sa.start);
            if !performed && finders.iter().any(|f| f.not_factual(&occ, trigger)) {
                continue;
            }
            for finder in &finders {
                let mut read = Read {
                    out: &mut *out,
                    acts: &mut acts,
                    evaluations: &mut evaluations,
                };
                if let Some(g) = read_occurrence(x, cx, sa, finder.as_ref(), &occ, &mut read) {
                    new_group.get_or_insert(g);
                }
            }
        }
        // after the whole sentence: "welcomed the agreement between X and Y" names its act
        // after the verb
        for e in &evaluations {
            let targets = evaluated_act(x, cx, sa, &acts, &e.occ, &e.sources);
            let trigger = &x.lexicon.triggers[e.occ.trigger];
            let frame = Frame {
                sources: e.sources.clone(),
                targets,
                group: Vec::new(),
                trust: trigger.def.weight * ACT_TRUST,
            };
            emit(sa, &e.occ, trigger, &frame, e.rule, out);
        }
        if let Some(g) = new_group {
            group = (sa.sentence, g);
        }
        while_in(cx, sa, out);
        backed_compounds(cx, sa, out);
    }
    at_home(out);
    (groups, acts)
}

/// How many words a phrase "While in X …," may run before its comma.
const WHILE_REACH: usize = 12;

/// "While in New York to attend the assembly, Zelensky met…": a phrase opening the sentence
/// with "while in" (or "when in") puts the person its clause opens with in the place.
fn while_in(cx: &Context<'_>, sa: &SentenceArgs, out: &mut Vec<Candidate>) {
    let doc = cx.doc;
    let mut i = sa.start;
    while i < sa.end && matches!(doc.token_text(i), "\"" | "“" | "(") {
        i += 1;
    }
    if i + 2 >= sa.end
        || !matches!(word_at(doc, i).as_str(), "while" | "when")
        || word_at(doc, i + 1) != "in"
    {
        return;
    }
    let Some(place) = sa.starting_at(i + 2).filter(|a| !a.modifier).copied() else {
        return;
    };
    let ty = &doc.entities[place.entity].entity_type;
    if !(ty.is("Location") || ty.is("Country")) {
        return;
    }
    let Some(comma) =
        (place.end..(place.end + WHILE_REACH).min(sa.end)).find(|&k| doc.token_text(k) == ",")
    else {
        return;
    };
    // the clause's subject: the first actor after the comma, with only titles and modifiers
    // before it ("While in Kyiv, U.S. Secretary of State Mike Pompeo…")
    let Some(subject) = sa
        .args
        .iter()
        .find(|a| a.start > comma && !a.modifier && !a.is_anaphor())
    else {
        return;
    };
    let verb_between = (comma + 1..subject.start)
        .any(|k| cx.tagged && matches!(doc.tokens[k].upos, Upos::Verb | Upos::Aux));
    if verb_between || !doc.entities[subject.entity].entity_type.is("Person") {
        return;
    }
    out.push(Candidate {
        relation: super::relation("traveled-to"),
        source: subject.entity,
        target: place.entity,
        sentence: sa.sentence,
        trigger: (i, i + 2),
        rule: Rule::VerbOrder,
        trust: WHILE_TRUST,
    });
}

/// Word endings that make the actor they are written with a backer of what follows: the
/// "Armenian" of "Armenian-backed separatists" (compared without case).
const BACKING_SUFFIXES: &[&str] = &["-backed", "-supported", "-sponsored", "-funded"];

/// How many words may stand between "X-backed" and the actor it backs ("Russian-backed
/// separatist leader Ivan Petrov").
const BACKED_REACH: usize = 4;

/// The end token of `a` if it is written as "X-backed" (a suffix of [`BACKING_SUFFIXES`]
/// joined to its last word).
fn backer(doc: &crate::doc::Document, a: &Arg) -> Option<usize> {
    let last = a.end.checked_sub(1)?;
    let w = word_at(doc, last);
    BACKING_SUFFIXES
        .iter()
        .any(|s| w.ends_with(s) && w.len() > s.len())
        .then_some(last)
}

/// "the Armenian-backed Republic of Artsakh", "the Sanders-backed candidate Joe Biden": the
/// actor written with "-backed" supports the actor its noun phrase names, if only words of the
/// phrase (no verb, no punctuation) come between.
fn backed_compounds(cx: &Context<'_>, sa: &SentenceArgs, out: &mut Vec<Candidate>) {
    let doc = cx.doc;
    for a in &sa.args {
        let Some(last) = backer(doc, a) else {
            continue;
        };
        let Some(backed) = sa
            .args
            .iter()
            .find(|b| b.start > last && b.start <= last + 1 + BACKED_REACH)
            .copied()
        else {
            continue;
        };
        let phrase = (last + 1..backed.start).all(|k| {
            let w = doc.token_text(k);
            w.chars().all(|c| c.is_alphanumeric() || c == '-')
                && !(cx.tagged && matches!(doc.tokens[k].upos, Upos::Verb | Upos::Aux | Upos::Adp))
        });
        if !phrase || backed.entity == a.entity {
            continue;
        }
        out.push(Candidate {
            relation: super::relation("supported"),
            source: a.entity,
            target: backed.entity,
            sentence: sa.sentence,
            trigger: (last, last + 1),
            rule: Rule::NounOrder,
            trust: 1.0,
        });
    }
}

/// How much a "while in X" phrase is trusted, against a verb of travel.
const WHILE_TRUST: f32 = 0.9;

/// "Mugabe returned to Zimbabwe", "Putin visited Russia's troops": a leader does not travel
/// to the country or body he leads, as the annotated articles read `traveled-to`; such
/// candidates are dropped.
fn at_home(out: &mut Vec<Candidate>) {
    let leads: std::collections::HashSet<(usize, usize)> = out
        .iter()
        .filter(|c| c.relation.as_str() == "leader-of")
        .map(|c| (c.source, c.target))
        .collect();
    out.retain(|c| {
        !(c.relation.as_str() == "traveled-to" && leads.contains(&(c.source, c.target)))
    });
}

/// Where [`read_occurrence`] writes: candidates, the acts read, and evaluations of acts.
struct Read<'r> {
    out: &'r mut Vec<Candidate>,
    acts: &'r mut Vec<Act>,
    evaluations: &'r mut Vec<Evaluation>,
}

/// Reads one trigger occurrence with one finder; returns the coordinated subject group it
/// found, if any.
fn read_occurrence(
    x: &RelationExtractor,
    cx: &Context<'_>,
    sa: &SentenceArgs,
    finder: &dyn ArgumentFinder,
    occ: &Occurrence,
    read: &mut Read<'_>,
) -> Option<Vec<Arg>> {
    let trigger = &x.lexicon.triggers[occ.trigger];
    if occ.kind == TriggerKind::Verb
        && !trigger.objects.is_empty()
        && !finder.object_is_one_of(occ, trigger)
    {
        return None;
    }
    let (source_markers, target_markers) = match occ.kind {
        TriggerKind::Verb => (&trigger.source, &trigger.target),
        TriggerKind::Noun => (&trigger.noun_source, &trigger.noun_target),
    };
    let (mut sources, source_marker) = fill(finder, occ, source_markers, cx);
    // "Iranian-backed rebels attacked…": the backer is not the actor
    sources.retain(|a| backer(cx.doc, a).is_none());
    // "he was killed by a US airstrike in Iraq": the subject of a passive whose agent the
    // noun is suffered the act, it did not do it
    if occ.kind == TriggerKind::Noun
        && source_marker.is_some_and(|m| m.slot == Slot::Subject)
        && agent_of_passive(cx, sa, occ.tokens.0)
    {
        sources.clear();
    }
    // "the two leaders" (or "they") stand for the pair of an earlier sentence; a larger
    // group spoken of as "they" is too loose to relate within itself
    let earlier = sources.iter().any(|a| a.start < sa.start);
    let earlier_group = sources.len() == 2 && earlier;
    // (the finders read a group's words in its own sentence only)
    let is_group = sources.len() >= 2
        && occ.kind == TriggerKind::Verb
        && (earlier_group || (!earlier && finder.subjects_are_a_group(occ, &sources)));
    let mut new_group =
        (is_group && sources.iter().all(|a| !a.is_anaphor())).then(|| sources.clone());
    let (mut targets, marker) = fill(finder, occ, target_markers, cx);
    targets.retain(|a| backer(cx.doc, a).is_none());
    // "speak German or French": a demonym spoken, with no agent noun after it, is a language
    if trigger.def.relation.as_str() == "spoke-with" {
        targets.retain(|a| {
            a.kind != ArgKind::Mention(MentionKind::Demonym)
                || (a.end < sa.end && x.lexicon.country_agents.contains(&word_at(cx.doc, a.end)))
        });
    }
    // "was condemned by A, B and C": the passive's agents are the sources, not also the
    // targets that "condemned the bombing by the group" reads after "by"
    if marker.is_some_and(|m| m.slot == Slot::Prep("by".into()))
        && targets
            .iter()
            .any(|t| sources.iter().any(|s| s.entity == t.entity))
    {
        targets.clear();
    }
    let symmetric = x.schema.is_symmetric(&trigger.def.relation);
    // a group relates within itself: "talks between X and Y", "X and Y met"
    let between = marker.is_some_and(|m| m.slot == Slot::Prep("between".into()));
    let group = if between {
        targets.clone()
    } else if symmetric && targets.is_empty() && is_group {
        sources.clone()
    } else {
        Vec::new()
    };
    // "A met B. The two leaders signed…": the two sides of a meeting or call are a pair
    if new_group.is_none()
        && symmetric
        && !between
        && !sources.is_empty()
        && !targets.is_empty()
        && sources.iter().chain(&targets).all(|a| !a.is_anaphor())
    {
        new_group = Some(sources.iter().chain(&targets).copied().collect());
    }
    // "condemned the attack": the object is an act, whose actors are found once the
    // sentence is read
    if trigger.def.acts
        && occ.kind == TriggerKind::Verb
        && targets.is_empty()
        && !sources.is_empty()
    {
        read.evaluations.push(Evaluation {
            occ: *occ,
            sources: sources.clone(),
            rule: finder.rule(occ.kind),
        });
    }
    let frame = Frame {
        sources: if between { Vec::new() } else { sources },
        targets: if between { Vec::new() } else { targets },
        group: if symmetric { group } else { Vec::new() },
        trust: trigger.def.weight,
    };
    // who did it: the sources, and every party of a symmetric act ("the deal between X and Y")
    let mut actors = frame.sources.clone();
    if symmetric {
        actors.extend(frame.targets.iter().chain(&frame.group).copied());
    }
    actors.retain(|a| !a.modifier || a.kind == ArgKind::Mention(MentionKind::Demonym));
    if !actors.is_empty() {
        read.acts.push(Act {
            sentence: sa.sentence,
            tokens: occ.tokens,
            trigger: occ.trigger,
            actors,
        });
    }
    emit(sa, occ, trigger, &frame, finder.rule(occ.kind), read.out);
    new_group
}

/// How many words may stand between "by" and the noun it introduces ("by a United States
/// military airstrike").
const AGENT_REACH: usize = 6;

/// Whether the noun at `noun` is the agent of a passive: "by" before it, with only its
/// determiner and modifiers between ("was killed by a US airstrike").
fn agent_of_passive(cx: &Context<'_>, sa: &SentenceArgs, noun: usize) -> bool {
    let doc = cx.doc;
    let mut j = noun;
    while j > sa.start && j + AGENT_REACH > noun {
        j -= 1;
        let w = word_at(doc, j);
        if w == "by" {
            return true;
        }
        let verbal = cx.tagged && matches!(doc.tokens[j].upos, Upos::Verb | Upos::Aux | Upos::Adp);
        if verbal || !w.chars().any(char::is_alphanumeric) {
            return false;
        }
    }
    false
}

/// The actors of the act an evaluating verb's object names: "welcomed the agreement between X
/// and Y" (an act read in the same sentence, at the object), or "X invaded Y. Z condemned the
/// invasion" (a trigger noun of another relation, whose latest act of that relation in the
/// sentence or the [`ACT_SPAN`] before gives the actors). Only the words right after the verb
/// are read, up to a punctuation mark, a preposition, a verb or an actor.
fn evaluated_act(
    x: &RelationExtractor,
    cx: &Context<'_>,
    sa: &SentenceArgs,
    acts: &[Act],
    occ: &Occurrence,
    sources: &[Arg],
) -> Vec<Arg> {
    let after = evaluated_act_after(x, cx, sa, acts, occ, sources);
    if !after.is_empty() {
        return after;
    }
    passive_act_subject(x, cx, sa, occ, sources)
}

/// How many auxiliaries and adverbs may stand between a passive's subject and its verb ("was
/// also sharply criticized").
const PASSIVE_REACH: usize = 4;

/// "Chile's decision was criticized by Peru": the subject of a passive evaluating verb is an
/// act noun of [`act_nouns`](super::lexicon) (or a trigger noun) whose possessor did it.
fn passive_act_subject(
    x: &RelationExtractor,
    cx: &Context<'_>,
    sa: &SentenceArgs,
    occ: &Occurrence,
    sources: &[Arg],
) -> Vec<Arg> {
    let doc = cx.doc;
    let mut k = occ.tokens.0;
    let mut passive = false;
    while k > sa.start && k + PASSIVE_REACH >= occ.tokens.0 {
        let w = word_at(doc, k - 1);
        if matches!(
            w.as_str(),
            "was" | "were" | "is" | "are" | "been" | "be" | "being"
        ) {
            passive = true;
        } else if !(w.ends_with("ly")
            || matches!(w.as_str(), "has" | "have" | "had" | "also" | "widely"))
        {
            break;
        }
        k -= 1;
    }
    if !passive || k < sa.start + 2 {
        return Vec::new();
    }
    let noun = word_at(doc, k - 1);
    let is_act =
        x.lexicon.act_nouns.contains(&noun) || !x.lexicon.nouns_at(doc, k - 1, sa.end).is_empty();
    if !is_act || !super::view::is_possessive(doc.token_text(k - 2)) {
        return Vec::new();
    }
    sa.args
        .iter()
        .find(|a| a.end == k - 2 && !a.modifier)
        .filter(|a| !sources.iter().any(|s| s.entity == a.entity))
        .map(|a| vec![a.discounted(ACT_TRUST)])
        .unwrap_or_default()
}

/// [`evaluated_act`] after the verb: "condemned the invasion", "welcomed the agreement between
/// X and Y".
fn evaluated_act_after(
    x: &RelationExtractor,
    cx: &Context<'_>,
    sa: &SentenceArgs,
    acts: &[Act],
    occ: &Occurrence,
    sources: &[Arg],
) -> Vec<Arg> {
    let doc = cx.doc;
    let relation = &x.lexicon.triggers[occ.trigger].def.relation;
    let stop = (occ.tokens.1 + ACT_REACH).min(sa.end);
    for k in occ.tokens.1..stop {
        if let Some(a) = sa.at(k) {
            // "condemned his remarks": a possessive pronoun before an act noun is its doer
            let possessive = a.is_anaphor()
                && matches!(word_at(doc, k).as_str(), "his" | "her" | "their" | "its");
            let act_follows = (a.end..(a.end + 2).min(sa.end)).any(|j| {
                x.lexicon.act_nouns.contains(&word_at(doc, j))
                    || !x.lexicon.nouns_at(doc, j, sa.end).is_empty()
            });
            if possessive && act_follows && !sources.iter().any(|s| s.entity == a.entity) {
                return vec![a.discounted(ACT_TRUST)];
            }
            // "Pelosi criticized his decision": a possessive resolved to the subject whose
            // gender is not the subject's is the person before of its gender
            if possessive && act_follows {
                if let Some(other) = super::gender::other_person(
                    doc,
                    &cx.sentences,
                    cx.genders(),
                    sa.sentence,
                    a,
                    a.entity,
                ) {
                    return vec![other.discounted(ACT_TRUST)];
                }
            }
            return Vec::new();
        }
        let word = word_at(doc, k);
        let ends_phrase = if cx.tagged {
            matches!(
                doc.tokens[k].upos,
                Upos::Punct
                    | Upos::Adp
                    | Upos::Verb
                    | Upos::Aux
                    | Upos::Cconj
                    | Upos::Pron
                    | Upos::Sconj
            ) && !matches!(word.as_str(), "its" | "their" | "his" | "her")
        } else {
            !word.chars().any(char::is_alphanumeric)
                || matches!(
                    word.as_str(),
                    "to" | "of"
                        | "for"
                        | "by"
                        | "in"
                        | "on"
                        | "at"
                        | "with"
                        | "and"
                        | "that"
                        | "as"
                )
        };
        if ends_phrase {
            return Vec::new();
        }
        // (a trigger noun takes the subject of its verb as its actor: "Germany condemned the
        // invasion" reads Germany as the invader, which the evaluator never is)
        let determined = matches!(
            word_at(doc, occ.tokens.1).as_str(),
            "the" | "this" | "that" | "these" | "those" | "its" | "their" | "his" | "her"
        );
        let found = act_at(
            x,
            cx,
            sa,
            acts,
            k,
            occ.tokens.0,
            relation,
            sources,
            determined,
        );
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

/// The actors of the act that the noun at token `k` names, for an evaluation of relation
/// `relation` by `sources` made at token `said_at`: an act read at that very word ("welcomed
/// the agreement between X and Y"); else, for a trigger noun of another relation, the latest
/// act of that relation in the sentence (before `said_at`) or the [`ACT_SPAN`] before ("X
/// invaded Y. Z condemned the invasion"); else, for a plain act noun ("the move") after a
/// determiner (`determined`), whoever did the act just before ([`act_doer`]).
#[allow(clippy::too_many_arguments)]
pub(super) fn act_at(
    x: &RelationExtractor,
    cx: &Context<'_>,
    sa: &SentenceArgs,
    acts: &[Act],
    k: usize,
    said_at: usize,
    relation: &crate::schema::RelationType,
    sources: &[Arg],
    determined: bool,
) -> Vec<Arg> {
    let doc = cx.doc;
    let mut found: Vec<Arg> = Vec::new();
    for a in acts
        .iter()
        .filter(|a| a.sentence == sa.sentence && a.tokens.0 == k)
    {
        found.extend(
            a.actors
                .iter()
                .filter(|b| !sources.iter().any(|s| s.entity == b.entity)),
        );
    }
    if found.is_empty() {
        for (ti, _) in x.lexicon.nouns_at(doc, k, sa.end) {
            let act_relation = &x.lexicon.triggers[ti].def.relation;
            if act_relation == relation {
                continue;
            }
            let latest = acts.iter().rev().find(|a| {
                &x.lexicon.triggers[a.trigger].def.relation == act_relation
                    && a.sentence + ACT_SPAN >= sa.sentence
                    && (a.sentence < sa.sentence || a.tokens.1 <= said_at)
                    && a.actors
                        .iter()
                        .any(|b| !sources.iter().any(|s| s.entity == b.entity))
            });
            if let Some(a) = latest {
                found.extend(a.actors.iter().copied());
                break;
            }
        }
    }
    // "Russia annexed the region. Germany condemned the move": a plain act noun is the
    // act of whoever opens the clause before
    if found.is_empty() && determined && x.lexicon.act_nouns.contains(&word_at(doc, k)) {
        found = act_doer(x, cx, sa, sources);
    }
    let mut seen = std::collections::HashSet::new();
    found.retain(|a| seen.insert(a.entity));
    found
}

/// Whoever did the act that "the move" or "the decision" names, for an evaluation whose
/// sources are `sources`: the actor opening an earlier clause of the sentence ("Russia annexed
/// the region, and Germany condemned the move"); else, when the evaluator opens its own
/// sentence or no actor does ("In a statement, Germany condemned the move", "Germany said the
/// move was illegal"), the actor opening the sentence before, or the one its speech is about
/// ("Peru said Chile annexed the region").
pub(super) fn act_doer(
    x: &RelationExtractor,
    cx: &Context<'_>,
    sa: &SentenceArgs,
    sources: &[Arg],
) -> Vec<Arg> {
    let is_source = |a: &Arg| sources.iter().any(|s| s.entity == a.entity);
    let first_source = sources.iter().map(|a| a.start).min().unwrap_or(sa.start);
    let opener = clause_opener(cx, sa);
    if !opener.is_empty() && !opener.iter().any(is_source) {
        // (a clause break between the two: ", and", "; ")
        let parted = opener.last().is_some_and(|last| {
            last.end <= first_source
                && (last.end..first_source)
                    .any(|k| matches!(word_at(cx.doc, k).as_str(), "," | ";" | "and"))
        });
        return if parted { opener } else { Vec::new() };
    }
    if sa.sentence == 0 {
        return Vec::new();
    }
    let sp = &cx.sentences[sa.sentence - 1];
    let mut before = clause_opener(cx, sp);
    // "Peru said Chile annexed the region": the act is the reported one
    if let Some(last) = before.last() {
        let say = (last.end..(last.end + 3).min(sp.end)).find(|&k| x.lexicon.is_speech(cx.doc, k));
        if let Some(say) = say {
            let mut j = say + 1;
            if j < sp.end && word_at(cx.doc, j) == "that" {
                j += 1;
            }
            before = sp
                .args
                .iter()
                .find(|a| a.start == j && !a.modifier)
                .map(|a| vec![*a])
                .unwrap_or_default();
        }
    }
    if before.iter().any(is_source) {
        return Vec::new();
    }
    before
        .into_iter()
        .map(|a| a.discounted(ACT_TRUST))
        .collect()
}

/// The actors that open a sentence as its subject: the first actor that no preposition and no
/// verb comes before, with those coordinated with it ("On Monday, Russia annexed…" opens with Russia; "In a letter to Peru,
/// Chile…" does not open with Peru).
fn clause_opener(cx: &Context<'_>, sa: &SentenceArgs) -> Vec<Arg> {
    let doc = cx.doc;
    let Some(first) = sa.args.iter().find(|a| !a.modifier) else {
        return Vec::new();
    };
    let clear = (sa.start..first.start).all(|k| {
        let t = &doc.tokens[k];
        let w = word_at(doc, k);
        sa.at(k).is_some()
            || !(matches!(t.upos, Upos::Verb | Upos::Aux)
                || matches!(
                    w.as_str(),
                    "to" | "of"
                        | "for"
                        | "by"
                        | "with"
                        | "from"
                        | "against"
                        | "at"
                        | "in"
                        | "on"
                        | "during"
                        | "under"
                        | "after"
                        | "before"
                        | "if"
                        | "when"
                        | "as"
                        | "that"
                ))
    });
    if !clear {
        return Vec::new();
    }
    // with the actors coordinated with it: "Russia and Peru held talks"
    let mut found = vec![*first];
    for a in sa
        .args
        .iter()
        .filter(|a| a.start >= first.end && !a.modifier)
    {
        let last = found[found.len() - 1];
        let gap: Vec<String> = (last.end..a.start).map(|k| word_at(doc, k)).collect();
        if !matches!(
            gap.iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .as_slice(),
            ["and"] | [","] | [",", "and"]
        ) {
            break;
        }
        found.push(*a);
    }
    found
}

/// The trigger verbs and nouns of a sentence; a verb form inside a longer trigger is skipped.
fn occurrences(x: &RelationExtractor, cx: &Context<'_>, sa: &SentenceArgs) -> Vec<Occurrence> {
    let doc = cx.doc;
    let mut out = Vec::new();
    for i in sa.start..sa.end {
        if sa.at(i).is_some() {
            continue;
        }
        // an adjective trigger only as a predicate ("has been critical of"), never before a
        // noun ("offensive remarks")
        let as_noun = cx.tagged
            && (matches!(doc.tokens[i].upos, crate::doc::Upos::Noun)
                || (doc.tokens[i].upos == crate::doc::Upos::Adj
                    && !doc.tokens[i].deprel.starts_with("amod")));
        // without tags, a verb form after a determiner or possessive is a noun ("his visit")
        let after_determiner = i > sa.start
            && matches!(
                doc.token_text(i - 1).to_lowercase().as_str(),
                "a" | "an"
                    | "the"
                    | "his"
                    | "her"
                    | "its"
                    | "their"
                    | "our"
                    | "first"
                    | "this"
                    | "that"
                    | "these"
                    | "those"
                    | "'s"
                    | "’s"
            );
        let as_verb = if cx.tagged {
            matches!(
                doc.tokens[i].upos,
                crate::doc::Upos::Verb | crate::doc::Upos::Aux
            )
        } else {
            !after_determiner
        };
        if as_verb {
            for (trigger, end) in x.lexicon.verbs_at(doc, i, sa.end) {
                if names_its_object(cx, sa, i, end) {
                    continue;
                }
                let trigger = verbal_attack(x, cx, sa, trigger, i, end).unwrap_or(trigger);
                out.push(Occurrence {
                    trigger,
                    tokens: (i, end),
                    kind: TriggerKind::Verb,
                });
            }
        }
        if as_noun || !cx.tagged {
            for (trigger, end) in x.lexicon.nouns_at(doc, i, sa.end) {
                out.push(Occurrence {
                    trigger,
                    tokens: (i, end),
                    kind: TriggerKind::Noun,
                });
            }
        }
    }
    out
}

/// "Biden attacked Trump for the tweet", "attacked Drudge as an opponent", "attacked him on his
/// taxes": an attack on a person or body followed by its reason ("for", "as", "over", "on")
/// is a verbal one, so `criticized`; the index of the first `criticized` trigger then replaces
/// the `attacked` one. A place or country attacked, or "for hours", stays an attack.
fn verbal_attack(
    x: &RelationExtractor,
    cx: &Context<'_>,
    sa: &SentenceArgs,
    trigger: usize,
    i: usize,
    end: usize,
) -> Option<usize> {
    let doc = cx.doc;
    let lemma = doc.tokens[i].lemma.to_lowercase();
    let word = doc.token_text(i).to_lowercase();
    if x.lexicon.triggers[trigger].def.relation.as_str() != "attacked"
        || !(lemma == "attack" || word.starts_with("attack"))
        || end >= sa.end
    {
        return None;
    }
    // the object: a person or organisation named right after the verb, or a pronoun
    let after = match sa.starting_at(end) {
        Some(a) if !a.modifier => {
            let t = &doc.entities[a.entity].entity_type;
            if !(t.is("Person") || t.is("Organization")) {
                return None;
            }
            a.end
        }
        _ if matches!(word_at(doc, end).as_str(), "him" | "her" | "them") => end + 1,
        _ => return None,
    };
    if after + 1 >= sa.end || !matches!(word_at(doc, after).as_str(), "for" | "as" | "over" | "on")
    {
        return None;
    }
    // "for hours", "for the third time", "for a week" (`time_words` in schema/lexicon.toml)
    let span = (after + 1..(after + 3).min(sa.end))
        .map(|k| word_at(doc, k))
        .take_while(|w| x.lexicon.time_words.contains(w) || matches!(w.as_str(), "the" | "a"))
        .any(|w| x.lexicon.time_words.contains(&w));
    if span && word_at(doc, after) == "for" {
        return None;
    }
    // "attacked him on his record", but not "attacked him on Monday"
    if word_at(doc, after) == "on"
        && !matches!(
            word_at(doc, after + 1).as_str(),
            "his" | "her" | "their" | "its"
        )
    {
        return None;
    }
    x.lexicon
        .triggers
        .iter()
        .position(|t| t.def.relation.as_str() == "criticized" && !t.def.verbs.is_empty())
}

/// [`Slot::Asked`]: the actor right after `from` (with the actors coordinated with it) when an
/// infinitive follows it: "called for Sweden and Norway to release the prisoners", "called for
/// the government of Peru to act", "called for NATO members to pay more".
pub(super) fn asked_to_act(
    x: &RelationExtractor,
    doc: &crate::doc::Document,
    sa: &SentenceArgs,
    from: usize,
) -> Vec<Arg> {
    let mut j = from;
    if j < sa.end && sa.at(j).is_none() && word_at(doc, j) == "the" {
        j += 1;
    }
    // "the government of Peru"
    if j + 1 < sa.end
        && sa.at(j).is_none()
        && x.lexicon.country_agents.contains(&word_at(doc, j))
        && word_at(doc, j + 1) == "of"
    {
        j += 2;
    }
    let mut found: Vec<Arg> = Vec::new();
    while let Some(mut a) = sa
        .starting_at(j)
        .filter(|a| !a.modifier || found.is_empty())
        .copied()
    {
        // "the government of Sweden" read as a description of an earlier country: the
        // actor is the one named after "of"
        if a.is_anaphor() && a.end + 1 < sa.end && word_at(doc, a.end) == "of" {
            if let Some(named) = sa.starting_at(a.end + 1) {
                a = *named;
            }
        }
        found.push(a);
        j = a.end;
        // "Peru's government", "NATO members"
        if j < sa.end && super::view::is_possessive(doc.token_text(j)) {
            j += 1;
        }
        if j < sa.end && {
            let w = word_at(doc, j);
            // "called for NATO members to pay", "for the Kenyan government to act"
            x.lexicon.country_agents.contains(&w) || x.lexicon.asked_bodies.contains(&w)
        } {
            j += 1;
        }
        match (word_at(doc, j).as_str(), j + 1 < sa.end) {
            ("and" | "," | "or", true) => j += 1,
            _ => break,
        }
        if word_at(doc, j) == "and" {
            j += 1;
        }
    }
    // "to" and a verb: not "to the", not "to Chile"
    let infinitive = j + 1 < sa.end
        && word_at(doc, j) == "to"
        && sa.at(j + 1).is_none()
        && if doc.tokens[j + 1].upos == Upos::X || doc.tokens[j + 1].xpos.is_empty() {
            !matches!(
                word_at(doc, j + 1).as_str(),
                "the" | "a" | "an" | "its" | "their"
            )
        } else {
            matches!(doc.tokens[j + 1].upos, Upos::Verb | Upos::Aux)
        };
    if infinitive {
        found
    } else {
        Vec::new()
    }
}

/// The possessor of a verb's object, for [`Slot::Possessor`] on a verb: "sought Sweden's
/// help", "asked for Sweden's support" (the actor right after the verb, or after its "for",
/// followed by a possessive).
pub(super) fn possessor_of_object(
    doc: &crate::doc::Document,
    sa: &SentenceArgs,
    from: usize,
) -> Vec<Arg> {
    let j = if from < sa.end && word_at(doc, from) == "for" {
        from + 1
    } else {
        from
    };
    match sa.starting_at(j) {
        Some(a) if a.end < sa.end && super::view::is_possessive(doc.token_text(a.end)) => vec![*a],
        _ => Vec::new(),
    }
}

fn word_at(doc: &crate::doc::Document, i: usize) -> String {
    doc.token_text(i).to_lowercase()
}

/// "called him a great statesman", "calling the deal \"a disgrace\"": a verb of calling whose
/// object is followed by a name for it names the object, it does not phone it.
pub(super) fn names_its_object(cx: &Context<'_>, sa: &SentenceArgs, i: usize, end: usize) -> bool {
    let doc = cx.doc;
    let w = doc.token_text(i).to_lowercase();
    if !(w.starts_with("call")
        || w.starts_with("dub")
        || w.starts_with("label")
        || w.starts_with("brand"))
    {
        return false;
    }
    // the object: a pronoun, a name, or "the/this/its" and a noun
    let mut j = end;
    if j >= sa.end {
        return false;
    }
    // "called Prime Minister Theresa May's deal …": a title before the name
    if sa.at(j).is_none() {
        if let Some(a) = sa.args.iter().find(|a| {
            a.start > j
                && a.start <= j + 3
                && (j..a.start).all(|k| doc.token_text(k).starts_with(char::is_uppercase))
        }) {
            j = a.start;
        }
    }
    if let Some(a) = sa.at(j) {
        j = a.end;
        // "called Trump's conduct a breach", "called Stone's 40 month sentence \"unjust\""
        if j < sa.end && super::view::is_possessive(doc.token_text(j)) {
            j += 1;
            let words = j;
            while j < sa.end && j < words + 4 && {
                let w = doc.token_text(j);
                w.chars().all(|c| c.is_alphanumeric() || c == '-')
                    && !matches!(
                        w,
                        "a" | "an" | "the" | "one" | "his" | "her" | "its" | "their"
                    )
            } {
                j += 1;
            }
            if j == words {
                return false;
            }
        }
    } else if matches!(
        doc.token_text(j).to_lowercase().as_str(),
        "him" | "her" | "it" | "them" | "this" | "that" | "himself" | "herself"
    ) {
        j += 1;
    } else if matches!(
        doc.token_text(j).to_lowercase().as_str(),
        "the" | "its" | "his" | "her" | "their"
    ) && j + 2 < sa.end
    {
        j += 2;
    } else {
        return false;
    }
    j < sa.end
        && matches!(
            doc.token_text(j).to_lowercase().as_str(),
            "\"" | "“" | "'" | "a" | "an" | "the" | "one" | "his" | "her" | "its" | "their"
        )
}

/// Turns a frame into candidates: every source with every target, and every pair of a group.
fn emit(
    sa: &SentenceArgs,
    occ: &Occurrence,
    trigger: &Trigger,
    frame: &Frame,
    rule: Rule,
    out: &mut Vec<Candidate>,
) {
    let relation = &trigger.def.relation;
    let mut push = |s: &Arg, t: &Arg| {
        if s.entity == t.entity {
            return;
        }
        out.push(Candidate {
            relation: relation.clone(),
            source: s.entity,
            target: t.entity,
            sentence: sa.sentence,
            trigger: occ.tokens,
            rule,
            trust: frame.trust * s.trust.min(t.trust),
        });
    };
    for (k, s) in frame.group.iter().enumerate() {
        for t in &frame.group[k + 1..] {
            push(s, t);
        }
    }
    for s in &frame.sources {
        for t in &frame.targets {
            push(s, t);
        }
    }
}
