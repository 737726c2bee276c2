//! Arguments from word order, for documents without a dependency parse: the subject is the
//! nearest actor before the verb that is not inside a prepositional phrase or another clause,
//! objects and prepositional objects follow the verb, coordinated actors come along.

use super::events::{ArgumentFinder, Occurrence, TriggerKind};
use super::lexicon::{Slot, Trigger};
use super::view::{is_possessive, Arg, ArgKind, SentenceArgs};
use super::{Context, RelationExtractor, Rule};
use crate::doc::{Document, MentionKind};

/// Words that join coordinated names ("Peru and Chile").
const COORDINATORS: &[&str] = &["and", ",", "or", "&"];
/// Words that end a clause for the search of objects.
const CLAUSE_BREAKS: &[&str] = &[";", ":", "—", "--", "(", ")", "\"", "“", "”"];
/// Auxiliaries, and adverbs that sit inside a verb group ("has previously sent").
const VERB_GROUP: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "did",
    "does",
    "do",
    "also",
    "previously",
    "then",
    "later",
    "reportedly",
    "jointly",
    "already",
    "just",
    "now",
    "again",
    "personally",
    "allegedly",
    "initially",
    "formally",
    "officially",
    "to",
];
/// Auxiliaries that make a participle passive.
const PASSIVE_AUX: &[&str] = &[
    "was", "were", "been", "being", "is", "are", "be", "get", "got",
];
/// Prepositions: an actor right after one is not a subject.
const PREPOSITIONS: &[&str] = &[
    "to",
    "with",
    "for",
    "from",
    "in",
    "on",
    "at",
    "by",
    "of",
    "about",
    "into",
    "over",
    "against",
    "near",
    "after",
    "before",
    "between",
    "among",
    "including",
    "like",
    "than",
    "across",
    "via",
    "toward",
    "towards",
    "under",
    "amid",
    "during",
    "through",
    "within",
    "without",
];
/// Relative pronouns.
const RELATIVES: &[&str] = &["which", "who", "whom", "whose"];
/// Pronouns that stand for a country or organisation in reported speech ("Russia said it…").
const BODY_PRONOUNS: &[&str] = &["it", "we", "they"];
/// Plural nouns that, after "the two" or "both", stand for the pair spoken of last.
const GROUP_NOUNS: &[&str] = &[
    "leaders",
    "presidents",
    "ministers",
    "men",
    "women",
    "sides",
    "countries",
    "nations",
    "governments",
    "states",
    "parties",
    "officials",
    "delegations",
];

/// Finds arguments from word order within one sentence.
pub(super) struct OrderFinder<'a> {
    x: &'a RelationExtractor,
    doc: &'a Document,
    sa: &'a SentenceArgs,
    /// The group of actors spoken of last, for "they" and [`Slot::Group`].
    group: Vec<Arg>,
    /// How deep the subject search has recursed (reported speech inside reported speech).
    depth: std::cell::Cell<usize>,
    /// For a sentence inside a quotation of several sentences with no verb of saying of its
    /// own, the quotation's speakers: what its "I" and "we" stand for.
    quoted: Vec<Arg>,
}

impl<'a> OrderFinder<'a> {
    /// A finder over one sentence.
    pub fn new(
        x: &'a RelationExtractor,
        cx: &'a Context<'a>,
        sa: &'a SentenceArgs,
        group: Vec<Arg>,
    ) -> Self {
        OrderFinder {
            x,
            doc: cx.doc,
            sa,
            group,
            depth: std::cell::Cell::new(0),
            quoted: Vec::new(),
        }
    }

    /// The same finder, reading "I" and "we" as `speakers`, the speakers of the quotation the
    /// sentence stands in ("We condemn Chile." in a quotation attributed to Soto).
    pub fn with_quoted(mut self, speakers: Vec<Arg>) -> Self {
        self.quoted = speakers;
        self
    }

    fn word(&self, i: usize) -> String {
        self.doc.token_text(i).to_lowercase()
    }

    /// Whether the verb at `i` is a passive participle ("was attacked", "were greeted").
    fn passive(&self, i: usize) -> bool {
        // a participle after a name and a comma, with its agent: "SpaceX, backed by Elon Musk,"
        if i > self.sa.start + 1
            && i + 1 < self.sa.end
            && self.doc.token_text(i - 1) == ","
            && self.sa.at(i - 2).is_some()
            && self.word(i + 1) == "by"
            && self.word(i).ends_with("ed")
        {
            return true;
        }
        let mut k = i;
        while k > self.sa.start {
            let w = self.word(k - 1);
            if PASSIVE_AUX.contains(&w.as_str()) {
                let v = self.word(i);
                return v.ends_with("ed")
                    || v.ends_with("en")
                    || v.ends_with("wn")
                    || (v.ends_with('t') && !v.ends_with("st"))
                    || matches!(
                        v.as_str(),
                        "met" | "held" | "hit" | "struck" | "shot" | "led"
                    );
            }
            if !(w.ends_with("ly") || matches!(w.as_str(), "also" | "reportedly" | "then")) {
                return false;
            }
            k -= 1;
        }
        false
    }

    /// The first token of the verb group ending at the trigger ("has previously sent").
    fn group_start(&self, i: usize) -> usize {
        let mut k = i;
        while k > self.sa.start {
            let w = self.word(k - 1);
            if VERB_GROUP.contains(&w.as_str()) || w.ends_with("ly") {
                k -= 1;
            } else {
                break;
            }
        }
        k
    }

    /// Where the clause after `from` ends.
    fn clause_end(&self, from: usize) -> usize {
        (from..self.sa.end)
            .find(|&k| {
                CLAUSE_BREAKS.contains(&self.doc.token_text(k))
                    || (self.doc.token_text(k) == ","
                        && k + 1 < self.sa.end
                        && RELATIVES.contains(&self.word(k + 1).as_str()))
            })
            .unwrap_or(self.sa.end)
    }

    /// The subject of the verb (group) at `i`: walking left over adverbs, actors inside
    /// prepositional phrases and comma-delimited relative clauses; through a coordinated verb
    /// phrase ("flew into Lima and was greeted"); into reported speech ("Russia said it sent").
    pub fn subjects(&self, i: usize) -> Vec<Arg> {
        self.subjects_crossing(i, 0)
    }

    /// [`Self::subjects`], allowed to pass `verbs` verbs first: a trigger noun takes the
    /// subject of the verb it depends on ("Canada held talks with", "said in a meeting with").
    fn subjects_crossing(&self, i: usize, verbs: usize) -> Vec<Arg> {
        if self.depth.get() > 3 {
            return Vec::new();
        }
        self.depth.set(self.depth.get() + 1);
        let found = self.subjects_walk(i, verbs);
        self.depth.set(self.depth.get() - 1);
        found
    }

    fn subjects_walk(&self, i: usize, verbs: usize) -> Vec<Arg> {
        let doc = self.doc;
        let mut verbs = verbs;
        let start = self.sa.start;
        let mut k = self.group_start(i);
        // "flew into Lima and was greeted": the subject of the verb phrase before "and"
        let coordinated = k > start && matches!(self.word(k - 1).as_str(), "and" | "but");
        if coordinated {
            verbs += 1;
        }
        // a participle after a comma describes the main clause's subject: "X attacked the
        // base, killing dozens"
        if k > start && self.doc.token_text(k - 1) == "," && self.word(i).ends_with("ing") {
            return self.clause_opening_subject(k - 1);
        }
        // so does one right after a prepositional object: "Peru wrote to Sweden asking it to…"
        if k > start && self.word(i).ends_with("ing") {
            if let Some(a) = self.sa.args.iter().find(|a| a.end == k && !a.modifier) {
                if self.in_prepositional_phrase(a) {
                    return self.clause_opening_subject(a.start);
                }
            }
        }
        let mut crossed_verb = false;
        // "visited Brazil and met A": the actors before the first verb to the left are that
        // verb's objects, not the subject the two verbs share
        let mut before_first_verb = coordinated;
        while k > start {
            k -= 1;
            let w = self.word(k);
            if w == ";" || w == ":" {
                break;
            }
            // a relative clause before the verb: "X, which procured the aid, called on"
            if w == "," {
                if let Some(open) = (start..k).rev().take(20).find(|&j| {
                    doc.token_text(j) == ","
                        && j + 1 < k
                        && RELATIVES.contains(&self.word(j + 1).as_str())
                }) {
                    k = open;
                    continue;
                }
                continue;
            }
            // inside a relative clause: "Russia, which sent aid to Italy"
            if RELATIVES.contains(&w.as_str()) {
                let mut j = k;
                if j > start && doc.token_text(j - 1) == "," {
                    j -= 1;
                }
                return self
                    .sa
                    .args
                    .iter()
                    .rev()
                    .find(|a| a.end == j && !a.modifier)
                    .map(|a| self.with_coordinated_before(a))
                    .unwrap_or_default();
            }
            if let Some(a) = self.sa.at(k).copied() {
                k = a.start;
                if before_first_verb {
                    continue;
                }
                let in_pp = self.in_prepositional_phrase(&a);
                let possessor = a.end < self.sa.end && is_possessive(doc.token_text(a.end));
                if a.modifier || in_pp || possessor {
                    continue;
                }
                if crossed_verb {
                    return Vec::new();
                }
                return self.with_coordinated_before(&a);
            }
            if BODY_PRONOUNS.contains(&w.as_str()) && doc.token_text(k).to_lowercase() == w {
                let speaker = self.speaker_before(k);
                if speaker.is_empty() && w == "they" {
                    // "X, Y and Z met. They called on…"
                    return self.group_as_they();
                }
                if speaker.is_empty() && w == "we" {
                    // "We condemn Chile," said Soto; or a later sentence of Soto's quotation
                    return self.quote_speaker();
                }
                return speaker;
            }
            if matches!(w.as_str(), "i" | "we") && doc.token_text(k) != "i" {
                return self.quote_speaker();
            }
            // "the two leaders signed", "both sides agreed": the pair spoken of last
            if k > start
                && GROUP_NOUNS.contains(&w.as_str())
                && matches!(self.word(k - 1).as_str(), "two" | "both")
            {
                return self.group_as_they();
            }
            if w == "that" {
                // "the group that includes": a relative clause on the noun before
                if let Some(a) = self.antecedent_of_that(k) {
                    return self.with_coordinated_before(&a);
                }
                break;
            }
            let verb = self.x.lexicon.is_trigger_verb(&w)
                || self.x.lexicon.speech.contains(&w)
                || (self.doc.tokens[k].upos == crate::doc::Upos::Verb
                    && !self.doc.tokens[k].xpos.is_empty());
            if verb {
                before_first_verb = false;
                if verbs > 0 {
                    verbs -= 1;
                } else {
                    crossed_verb = true;
                }
            }
        }
        Vec::new()
    }

    /// The actor that a relative "that" at `k` describes: a name right before it, or a name
    /// with a lower-case noun or two ("the contact group that"); `None` for the "that" of
    /// reported speech ("said that").
    fn antecedent_of_that(&self, k: usize) -> Option<Arg> {
        let mut j = k;
        for _ in 0..3 {
            if j <= self.sa.start {
                return None;
            }
            if let Some(a) = self.sa.args.iter().find(|a| a.end == j) {
                return Some(*a);
            }
            let w = self.doc.token_text(j - 1);
            let noun = w.chars().all(|c| c.is_lowercase() || c == '-')
                && !self.x.lexicon.is_trigger_verb(w)
                && !self.x.lexicon.speech.contains(w)
                && !PREPOSITIONS.contains(&w)
                && !VERB_GROUP.contains(&w);
            if !noun {
                return None;
            }
            j -= 1;
        }
        None
    }

    /// The subject of the first clause of the sentence before token `k`: the first actor that
    /// is not inside a prepositional phrase.
    fn clause_opening_subject(&self, k: usize) -> Vec<Arg> {
        self.sa
            .args
            .iter()
            .filter(|a| a.end <= k && !a.modifier)
            .find(|a| {
                !self.in_prepositional_phrase(a)
                    && (a.end >= self.sa.end || !is_possessive(self.doc.token_text(a.end)))
            })
            .map(|a| vec![*a])
            .unwrap_or_default()
    }

    /// Whether an actor is the object of a preposition ("in southern Peru").
    fn in_prepositional_phrase(&self, a: &Arg) -> bool {
        let mut j = a.start;
        let mut possessed = false;
        for _ in 0..6 {
            if j <= self.sa.start {
                return false;
            }
            // "to Sudanese President Omar Bashir": a name that only describes, and a title,
            // stand inside the phrase; so does a possessor ("for the Trump administration's
            // Department of Justice")
            match self.sa.at(j - 1) {
                Some(b)
                    if possessed
                        || (b.modifier && b.kind == ArgKind::Mention(MentionKind::Demonym)) =>
                {
                    j = b.start;
                    continue;
                }
                Some(_) => return false,
                None => {}
            }
            if is_possessive(self.doc.token_text(j - 1)) {
                j -= 1;
                possessed = true;
                continue;
            }
            let original = self.doc.token_text(j - 1);
            let w = original.to_lowercase();
            // "Democratic leaders, including Ann Lee, criticized…": the names a comma and
            // "including" set off stand for the subject
            if w == "including" && j >= self.sa.start + 2 && self.doc.token_text(j - 2) == "," {
                return false;
            }
            if PREPOSITIONS.contains(&w.as_str()) {
                // "after Russian President Putin spoke with…": a subordinator opening a clause
                let clause = matches!(w.as_str(), "after" | "before" | "since" | "until" | "as")
                    && a.end < self.sa.end
                    && matches!(
                        self.doc.tokens[a.end].upos,
                        crate::doc::Upos::Verb | crate::doc::Upos::Aux
                    );
                // "the leaders of X and Y met": the body acts through its agents
                let agents = w == "of" && j >= self.sa.start + 2 && self.is_agent_word(j - 2);
                return !(clause || agents);
            }
            let modifier = w == "the"
                || (original.chars().all(|c| c.is_lowercase() || c == '-')
                    && !self.x.lexicon.is_trigger_verb(&w)
                    && !self.x.lexicon.speech.contains(&w)
                    && !VERB_GROUP.contains(&w.as_str())
                    && !matches!(
                        self.doc.tokens[j - 1].upos,
                        crate::doc::Upos::Verb | crate::doc::Upos::Aux
                    ))
                || self.x.is_title_word(self.doc, j - 1, self.sa.end);
            if !modifier {
                return false;
            }
            j -= 1;
        }
        false
    }

    /// Whether token `k` is a noun for the people or forces a body acts through ("leaders",
    /// "delegations"), singular or plural.
    fn is_agent_word(&self, k: usize) -> bool {
        let w = self.word(k);
        let agents = &self.x.lexicon.country_agents;
        agents.contains(&w) || w.strip_suffix('s').is_some_and(|s| agents.contains(s))
    }

    /// "Peru wrote to Sweden, asking it to extradite…": "it" (or "them") asked to act, after a
    /// verb of requesting, stands for the nearest body or country named before the verb in the
    /// sentence (the subject among them is dropped when edges are made).
    fn asked_pronoun(&self, occ: &Occurrence) -> Vec<Arg> {
        let (i, stop) = occ.tokens;
        if self.x.lexicon.triggers[occ.trigger].def.relation.as_str() != "requested"
            || stop + 2 >= self.sa.end
            || !matches!(self.word(stop).as_str(), "it" | "them")
            || self.word(stop + 1) != "to"
        {
            return Vec::new();
        }
        let start = self.group_start(i);
        self.sa
            .args
            .iter()
            .rev()
            .find(|a| {
                a.end <= start
                    && !a.modifier
                    && !self.doc.entities[a.entity].entity_type.is("Person")
            })
            .map(|a| vec![a.discounted(0.85)])
            .unwrap_or_default()
    }

    /// The last group, standing for "they".
    fn group_as_they(&self) -> Vec<Arg> {
        self.group.iter().map(|a| a.discounted(0.8)).collect()
    }

    /// The speaker of a quotation ("I thank Norway," Soto said; Soto said: "We…"):
    /// the subject of the sentence's verb of saying, or the name right after it.
    fn quote_speaker(&self) -> Vec<Arg> {
        let Some(say) =
            (self.sa.start..self.sa.end).find(|&j| self.x.lexicon.is_speech(self.doc, j))
        else {
            // a later sentence of a quotation: its speaker is the quotation's
            return self.quoted.iter().map(|a| a.discounted(0.8)).collect();
        };
        let mut found = self.subjects(say);
        if found.is_empty() {
            found = self.named_after(say);
        }
        found.into_iter().map(|a| a.discounted(0.85)).collect()
    }

    /// The actor named right after an inverted verb of saying ("…," said Soto), a title of up to
    /// three words may come first ("…," said Foreign Minister Ana Ruiz).
    pub fn named_after(&self, say: usize) -> Vec<Arg> {
        self.sa
            .args
            .iter()
            .find(|a| {
                a.start > say
                    && a.start <= say + 4
                    && !a.is_anaphor()
                    && !a.modifier
                    && (say + 1..a.start).all(|k| {
                        self.doc
                            .token_text(k)
                            .chars()
                            .all(|c| c.is_alphabetic() || c == '-')
                            && (self.sa.at(k).is_some()
                                || self.x.is_title_word(self.doc, k, self.sa.end)
                                || self.x.is_title_modifier_word(&self.word(k))
                                || self.doc.token_text(k).starts_with(char::is_uppercase))
                    })
            })
            .map(|a| vec![*a])
            .unwrap_or_default()
    }

    /// For a pronoun at `k` in reported speech, the speaker of the verb of saying before it.
    fn speaker_before(&self, k: usize) -> Vec<Arg> {
        let Some(say) = (self.sa.start..k)
            .rev()
            .find(|&j| self.x.lexicon.speech.contains(&self.word(j)))
        else {
            return Vec::new();
        };
        let person = matches!(self.word(k).as_str(), "he" | "she");
        self.subjects(say)
            .into_iter()
            .filter(|a| self.doc.entities[a.entity].entity_type.is("Person") == person)
            .map(|a| a.discounted(0.9))
            .collect()
    }

    /// `a` and the actors coordinated before it ("France and Germany condemned").
    fn with_coordinated_before(&self, a: &Arg) -> Vec<Arg> {
        let mut found = vec![*a];
        let mut cur = *a;
        while let Some(prev) = self
            .sa
            .args
            .iter()
            .rev()
            .find(|b| b.end <= cur.start && !b.modifier && !b.is_anaphor())
        {
            let gap: Vec<usize> = (prev.end..cur.start).collect();
            let plain = !gap.is_empty()
                && gap
                    .iter()
                    .all(|&t| COORDINATORS.contains(&self.doc.token_text(t)));
            // a list ends in "and" or "or" ("A, B and C met"): a comma alone before the last
            // name closes an opening phrase ("During his visit to France, Biden met…")
            let last_pair_comma_only = found.len() == 1
                && gap
                    .iter()
                    .all(|&t| matches!(self.doc.token_text(t), "," | ";"));
            if !(plain || self.counterparts_gap(&gap)) || last_pair_comma_only {
                break;
            }
            found.push(*prev);
            cur = *prev;
        }
        found
    }

    /// "A and his Peruvian and Brazilian counterparts, B and C": the words between A and B join A to
    /// the appositions of "counterparts".
    fn counterparts_gap(&self, gap: &[usize]) -> bool {
        let words: Vec<String> = gap.iter().map(|&t| self.word(t)).collect();
        let Some(title) = words.iter().rposition(|w| w.starts_with("counterpart")) else {
            return false;
        };
        words.first().is_some_and(|w| w == "and")
            && words[title + 1..].iter().all(|w| w == ",")
            && gap[1..title].iter().all(|&t| {
                self.sa.at(t).is_some_and(|a| a.modifier)
                    || matches!(
                        self.word(t).as_str(),
                        "his" | "her" | "their" | "its" | "," | "and"
                    )
                    || self.doc.token_text(t).chars().all(|c| c.is_lowercase())
            })
    }

    /// Actors starting within `window` tokens after `from` (before `end`), and the actors
    /// coordinated after the first ("to Peru and Chile"). A comma alone does not
    /// coordinate the last name ("A, Soto said").
    fn objects_from(&self, from: usize, window: usize, end: usize) -> Vec<Arg> {
        let args = &self.sa.args;
        let Some(k) = args.iter().position(|a| {
            a.start >= from && a.start <= from + window && a.start < end && !a.modifier
        }) else {
            return Vec::new();
        };
        if (from..args[k].start).any(|t| !self.inside_noun_phrase(t)) {
            return Vec::new();
        }
        let mut found = vec![args[k]];
        let mut pending = Vec::new();
        let mut k = k;
        while k + 1 < args.len() {
            let next = args[k + 1];
            if next.modifier {
                k += 1;
                continue;
            }
            let gap: Vec<String> = (args[k].end..next.start).map(|t| self.word(t)).collect();
            let joins = !gap.is_empty()
                && gap
                    .iter()
                    .all(|w| COORDINATORS.contains(&w.as_str()) || w == "as" || w == "well");
            if !joins || next.start >= end {
                break;
            }
            if gap == [","] {
                pending.push(next);
            } else {
                found.append(&mut pending);
                found.push(next);
            }
            k += 1;
        }
        found
    }

    /// Whether the word before an "of" makes the "of" name what follows ("the town of X",
    /// "dozens of Kenyan troops").
    fn names_its_of(&self, k: usize) -> bool {
        let w = self.word(k);
        self.x.places_nouns_contains(&w)
            || matches!(
                w.as_str(),
                "dozens"
                    | "hundreds"
                    | "thousands"
                    | "scores"
                    | "some"
                    | "many"
                    | "most"
                    | "all"
                    | "several"
                    | "two"
                    | "three"
                    | "four"
                    | "five"
                    | "one"
                    | "group"
                    | "members"
                    | "team"
                    | "teams"
            )
    }

    /// "summoned China's envoy", "expelled the Libyan ambassador": an object that is a title
    /// with no name stands for the body the title is of.
    fn nameless_title_object(&self, stop: usize, end: usize) -> Vec<Arg> {
        let Some(a) = self
            .sa
            .args
            .iter()
            .find(|a| a.start >= stop && a.start <= stop + 2 && a.start < end && a.modifier)
        else {
            return Vec::new();
        };
        if !(stop..a.start).all(|k| matches!(self.word(k).as_str(), "the" | "a" | "an")) {
            return Vec::new();
        }
        let mut j = a.end;
        if j < end && is_possessive(self.doc.token_text(j)) {
            j += 1;
        }
        // the title (and modifiers) with no name after it
        let mut saw_title = false;
        while j < end && j < a.end + 4 {
            let w = self.word(j);
            if self.x.is_title_word(self.doc, j, end) {
                saw_title = true;
                j += 1;
            } else if w.chars().all(|c| c.is_lowercase() || c == '-')
                && !PREPOSITIONS.contains(&w.as_str())
                && !saw_title
            {
                j += 1;
            } else {
                break;
            }
        }
        let named_after = self
            .sa
            .args
            .iter()
            .any(|b| b.start == j || (b.start == j + 1 && self.doc.token_text(j) == ","));
        if saw_title && !named_after {
            vec![Arg {
                modifier: false,
                ..a.discounted(0.9)
            }]
        } else {
            Vec::new()
        }
    }

    /// Whether token `t` can stand between a preposition or verb and the name it introduces:
    /// determiners, numbers, lower-case modifiers ("to flood-hit Peru", "the town of X").
    fn inside_noun_phrase(&self, t: usize) -> bool {
        let w = self.word(t);
        if CLAUSE_BREAKS.contains(&w.as_str())
            || matches!(
                w.as_str(),
                "," | "."
                    | "as"
                    | "that"
                    | "which"
                    | "who"
                    | "when"
                    | "while"
                    | "and"
                    | "or"
                    | "but"
            )
        {
            return false;
        }
        if PREPOSITIONS.contains(&w.as_str()) {
            return w == "of" && t > self.sa.start && self.names_its_of(t - 1);
        }
        !self.x.lexicon.is_trigger_verb(&w)
            && !self.x.lexicon.speech.contains(&w)
            && !VERB_GROUP.contains(&w.as_str())
    }

    /// The actors after a preposition `p` that follows the trigger within the clause.
    fn after_preposition(&self, stop: usize, p: &str, reach: usize) -> Vec<Arg> {
        let end = self.clause_end(stop);
        let Some(at) = (stop..end.min(stop + reach)).find(|&k| self.word(k) == p) else {
            return Vec::new();
        };
        let found = self.objects_from(at + 1, 5, end);
        if !found.is_empty() {
            return found;
        }
        // "to poor states and countries including Peru and Chile"
        match (at + 1..end.min(at + 10)).find(|&k| {
            matches!(
                self.word(k).as_str(),
                "including" | "like" | "notably" | "especially"
            ) || (self.word(k) == "such" && k + 1 < end && self.word(k + 1) == "as")
        }) {
            Some(k) => {
                let k = if self.word(k) == "such" { k + 1 } else { k };
                self.objects_from(k + 1, 3, end)
            }
            None => Vec::new(),
        }
    }
}

impl OrderFinder<'_> {
    /// The place of an unnamed destination: "flown to a hospital in Jakarta", "taken to the
    /// main military base near Arden" — the article, up to two lower-case words, then "in" or
    /// "near" and a place.
    fn place_of_destination(&self, stop: usize, p: &str) -> Vec<Arg> {
        let end = self.clause_end(stop);
        let Some(at) = (stop..end.min(stop + 8)).find(|&k| self.word(k) == p) else {
            return Vec::new();
        };
        let mut j = at + 1;
        if j < end && matches!(self.word(j).as_str(), "a" | "an" | "the") {
            j += 1;
        } else {
            return Vec::new();
        }
        let nouns = j;
        while j < end
            && j < nouns + 2
            && self.sa.at(j).is_none()
            && self
                .doc
                .token_text(j)
                .chars()
                .all(|c| c.is_lowercase() || c == '-')
            && !PREPOSITIONS.contains(&self.word(j).as_str())
        {
            j += 1;
        }
        if j == nouns || j >= end || !matches!(self.word(j).as_str(), "in" | "near") {
            return Vec::new();
        }
        self.objects_from(j + 1, 1, end)
            .into_iter()
            .filter(|a| {
                let t = &self.doc.entities[a.entity].entity_type;
                t.is("Location") || t.is("Country")
            })
            .take(1)
            .collect()
    }
}

impl ArgumentFinder for OrderFinder<'_> {
    fn not_factual(&self, occ: &Occurrence, trigger: &Trigger) -> bool {
        let i = occ.tokens.0;
        let from = i.saturating_sub(3).max(self.sa.start);
        (from..i).any(|k| {
            let w = self.word(k);
            self.x.lexicon.not_factual.contains(&w)
                || (!trigger.def.future && self.x.lexicon.future.contains(&w))
        })
    }

    fn object_is_one_of(&self, occ: &Occurrence, trigger: &Trigger) -> bool {
        // the object noun phrase: up to a preposition, "that" or the end of the clause
        // ("sent medical supplies and experts", "a planeload of things")
        let stop = occ.tokens.1;
        // "a treaty was signed": the object is the passive subject, before the verb group
        if self.passive(occ.tokens.0) {
            let floor = self.sa.start.max(occ.tokens.0.saturating_sub(10));
            for k in (floor..self.group_start(occ.tokens.0)).rev() {
                let w = self.word(k);
                if CLAUSE_BREAKS.contains(&w.as_str()) || w == "," {
                    break;
                }
                if trigger.objects.contains(&w) {
                    return true;
                }
            }
        }
        let end = self.clause_end(stop).min(stop + 8);
        for k in stop..end {
            let w = self.word(k);
            if trigger.objects.contains(&w) {
                return true;
            }
            let inside = w == "and"
                || w == ","
                || (w == "of" && k > stop)
                || self.inside_noun_phrase(k)
                || self.sa.at(k).is_some();
            if !inside {
                return false;
            }
        }
        false
    }

    fn slot(&self, occ: &Occurrence, slot: &Slot) -> Vec<Arg> {
        let (i, stop) = occ.tokens;
        match occ.kind {
            TriggerKind::Verb => {
                let passive = self.passive(i);
                let end = self.clause_end(stop);
                match slot {
                    Slot::Subject if passive => self.after_preposition(stop, "by", 6),
                    Slot::Subject => self.subjects(i),
                    Slot::Object | Slot::IndirectObject if passive => self.subjects(i),
                    Slot::Object | Slot::IndirectObject => {
                        // an object follows the verb with no preposition in between, but "the
                        // town of X", "dozens of X" name X
                        let found = self.objects_from(stop, 5, end);
                        let first = found.first().map_or(stop, |a| a.start);
                        let blocked = (stop..first).any(|k| {
                            let w = self.word(k);
                            PREPOSITIONS.contains(&w.as_str())
                                && !(w == "of" && k > stop && self.names_its_of(k - 1))
                        });
                        if blocked {
                            return Vec::new();
                        }
                        if found.is_empty() {
                            let asked = self.asked_pronoun(occ);
                            if !asked.is_empty() {
                                return asked;
                            }
                            return self.nameless_title_object(stop, end);
                        }
                        // "met Putin's envoy", "welcomed Chile's decision": a possessor is no
                        // partner of a meeting, call or deal (it is what an attack or a
                        // criticism is aimed at: "attacked Syria's army")
                        let relation = &self.x.lexicon.triggers[occ.trigger].def.relation;
                        if self.x.schema.is_symmetric(relation)
                            && found.first().is_some_and(|a| {
                                a.end < self.sa.end && is_possessive(self.doc.token_text(a.end))
                            })
                        {
                            return Vec::new();
                        }
                        found
                    }
                    // "is in Peru": the preposition right after the copula
                    Slot::Prep(p) if super::lexicon::is_auxiliary(&self.word(i)) => {
                        let mut j = stop;
                        while j < self.sa.end
                            && (self.word(j).ends_with("ly")
                                || matches!(
                                    self.word(j).as_str(),
                                    "now" | "still" | "also" | "already"
                                ))
                        {
                            j += 1;
                        }
                        if j < self.sa.end && self.word(j) == *p {
                            self.objects_from(j + 1, 4, self.clause_end(j))
                        } else {
                            Vec::new()
                        }
                    }
                    Slot::Prep(p) => {
                        let found = self.after_preposition(stop, p, 12);
                        let travel = self.x.lexicon.triggers[occ.trigger].def.relation.as_str()
                            == "traveled-to";
                        if found.is_empty() && travel && matches!(p.as_str(), "to" | "into") {
                            self.place_of_destination(stop, p)
                        } else {
                            found
                        }
                    }
                    Slot::Possessor => {
                        super::events::possessor_of_object(self.doc, self.sa, occ.tokens.1)
                    }
                    Slot::Group => self.group.clone(),
                    Slot::Asked => {
                        super::events::asked_to_act(self.x, self.doc, self.sa, occ.tokens.1)
                    }
                }
            }
            TriggerKind::Noun => match slot {
                Slot::Possessor => {
                    // "Russia's aid", "U.S. aid", "Israeli strikes"
                    let floor = i.saturating_sub(4).max(self.sa.start);
                    self.sa
                        .args
                        .iter()
                        .rev()
                        .find(|a| {
                            a.start >= floor
                                && a.end <= i
                                && (a.end..i).all(|k| {
                                    let w = self.doc.token_text(k);
                                    is_possessive(w)
                                        || w.chars().all(|c| c.is_lowercase() || c == '-')
                                            && !PREPOSITIONS.contains(&w)
                                            && !matches!(w, "the" | "a" | "an" | "and")
                                })
                                && (a.modifier
                                    // "Peruvian airstrikes": a demonym acting through its attack
                                    || a.kind == ArgKind::Mention(MentionKind::Demonym)
                                    || (a.end < i && is_possessive(self.doc.token_text(a.end))))
                        })
                        .copied()
                        .into_iter()
                        .collect()
                }
                // "founded the party with supporters of X": company, not the subject's act
                Slot::Subject
                    if (i.saturating_sub(3).max(self.sa.start)..i).any(|k| {
                        matches!(self.word(k).as_str(), "with" | "among" | "alongside")
                    }) =>
                {
                    Vec::new()
                }
                Slot::Subject => self.subjects_crossing(i, 1),
                Slot::Prep(p) => {
                    // "a request for help from Chile": the preposition may follow what the
                    // noun is for (up to three lower-case words)
                    let mut at = stop;
                    // "strikes were reported across the Gaza Strip", "an attack was carried
                    // out on the base": a passive verb group may stand between (but "the
                    // attack was condemned by Chile" names no attacker)
                    if p != "by" {
                        let mut j = at;
                        while j < self.sa.end && PASSIVE_AUX.contains(&self.word(j).as_str()) {
                            j += 1;
                        }
                        if j > at && j + 1 < self.sa.end && self.word(j).ends_with("ed") {
                            j += 1;
                            if self.word(j) == "out" {
                                j += 1;
                            }
                            if j < self.sa.end && self.word(j) == *p {
                                at = j;
                            }
                        }
                    }
                    // "the attack by Hamas on Israel": the agent's phrase may come first
                    if p != "by" && at + 1 < self.sa.end && self.word(at) == "by" {
                        if let Some(agent) = self.sa.starting_at(at + 1) {
                            if agent.end < self.sa.end && self.word(agent.end) == *p {
                                at = agent.end;
                            }
                        }
                    }
                    if p != "for" && at < self.sa.end && self.word(at) == "for" {
                        at = (at + 1..(at + 5).min(self.sa.end))
                            .take_while(|&k| {
                                self.sa.at(k).is_none()
                                    && self.doc.token_text(k).chars().all(|c| c.is_lowercase())
                            })
                            .find(|&k| self.word(k) == *p)
                            .unwrap_or(stop);
                    }
                    if at < self.sa.end && self.word(at) == *p {
                        let found = self.objects_from(at + 1, 3, self.clause_end(at));
                        // "its demand that Chile withdraw": the clause asks its subject to act
                        // (subjunctive or "should"), unlike "the demand that Chile made"
                        if p == "that"
                            && !found.last().is_some_and(|a| {
                                a.end < self.sa.end
                                    && (self.doc.tokens[a.end].xpos == "VB"
                                        || matches!(
                                            self.word(a.end).as_str(),
                                            "should" | "must" | "immediately" | "not"
                                        ))
                            })
                        {
                            return Vec::new();
                        }
                        found
                    } else {
                        Vec::new()
                    }
                }
                Slot::Object | Slot::IndirectObject => Vec::new(),
                Slot::Group => self.group.clone(),
                Slot::Asked => super::events::asked_to_act(self.x, self.doc, self.sa, occ.tokens.1),
            },
        }
    }

    fn rule(&self, kind: TriggerKind) -> Rule {
        match kind {
            TriggerKind::Verb => Rule::VerbOrder,
            TriggerKind::Noun => Rule::NounOrder,
        }
    }

    fn subjects_are_a_group(&self, _occ: &Occurrence, sources: &[Arg]) -> bool {
        // the list must open its clause: "France and Germany signed", not "a group that
        // includes France and Germany is meeting"
        let Some(first) = sources.iter().map(|a| a.start).min() else {
            return false;
        };
        let mut j = first;
        // "Egyptian foreign minister A and …": modifiers and titles before the first name
        while j > self.sa.start
            && (self.word(j - 1) == "the"
                || self.sa.at(j - 1).is_some_and(|a| a.modifier)
                || self.x.is_title_word(self.doc, j - 1, self.sa.end)
                || self.x.is_title_modifier_word(&self.word(j - 1)))
        {
            j -= 1;
        }
        // "the delegations of A, B and C met"
        if j >= self.sa.start + 2 && self.word(j - 1) == "of" && self.is_agent_word(j - 2) {
            j -= 2;
            while j > self.sa.start && matches!(self.word(j - 1).as_str(), "the" | "their") {
                j -= 1;
            }
        }
        sources.len() >= 2
            && (j == self.sa.start
                || matches!(self.doc.token_text(j - 1), "," | ";" | "\"" | "“" | "that"))
    }
}
