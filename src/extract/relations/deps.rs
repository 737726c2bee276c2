//! Arguments from the dependency tree (Universal Dependencies relations, as the parser of
//! [`crate::nlp`] writes them on [`crate::doc::Token::head`] and [`crate::doc::Token::deprel`]).
//!
//! A verb's source is its subject — inherited through coordination ("flew to Lima and was
//! greeted"), control ("agreed to send"), relative clauses ("X, which procured the aid") and
//! participles — or, in the passive, its "by" agent; targets are objects and obliques with the
//! trigger's prepositions. A pronoun subject of reported speech is the speaker ("Japan said it
//! had sent…"). A trigger noun takes its possessor, its modifier ("U.S. aid") or the subject of
//! the verb it depends on ("held talks with"), and its prepositional dependents.

use super::events::{ArgumentFinder, Occurrence, TriggerKind};
use super::lexicon::{Slot, Trigger};
use super::repair::Tree;
use super::view::{Arg, ArgKind, SentenceArgs};
use super::{Context, RelationExtractor, Rule};
use crate::doc::{Document, MentionKind, Upos};

/// Pronouns that stand for a country or organisation in reported speech.
const BODY_PRONOUNS: &[&str] = &["it", "we", "they"];
/// Relative pronouns.
const RELATIVES: &[&str] = &["which", "who", "that", "whom"];
/// Prepositions that introduce examples of a group ("countries including Peru").
const EXAMPLES: &[&str] = &["including", "like", "such"];
/// How far up a chain of clauses the subject is looked for.
const MAX_CLIMB: usize = 6;

/// Finds arguments on the dependency tree of one sentence.
pub(super) struct TreeFinder<'a> {
    x: &'a RelationExtractor,
    doc: &'a Document,
    sa: &'a SentenceArgs,
    /// The sentence's arcs, repaired where the parse cannot be right.
    tree: &'a Tree<'a>,
    /// How deep the subject search has recursed (reported speech inside reported speech).
    depth: std::cell::Cell<usize>,
    /// The group of actors spoken of last, for "they" and [`Slot::Group`].
    group: Vec<Arg>,
}

impl<'a> TreeFinder<'a> {
    /// A finder over one parsed sentence.
    pub fn new(
        x: &'a RelationExtractor,
        cx: &'a Context<'a>,
        sa: &'a SentenceArgs,
        group: Vec<Arg>,
    ) -> Self {
        let doc = cx.doc;
        TreeFinder {
            x,
            doc,
            sa,
            tree: &cx.trees[sa.sentence],
            group,
            depth: std::cell::Cell::new(0),
        }
    }

    fn head(&self, t: usize) -> Option<usize> {
        self.tree.head(t)
    }

    /// The relation of `t` to its head, without its subtype ("nsubj" for "nsubj:pass").
    fn rel(&self, t: usize) -> &str {
        let d = self.full_rel(t);
        d.split(':').next().unwrap_or(d)
    }

    fn full_rel(&self, t: usize) -> &str {
        self.tree.full_rel(t)
    }

    fn kids(&self, t: usize) -> &[usize] {
        self.tree.children(t)
    }

    fn kids_with<'b>(&'b self, t: usize, rel: &'b str) -> impl Iterator<Item = usize> + 'b {
        self.kids(t)
            .iter()
            .copied()
            .filter(move |&c| self.rel(c) == rel)
    }

    fn word(&self, t: usize) -> String {
        self.doc.token_text(t).to_lowercase()
    }

    fn lemma(&self, t: usize) -> String {
        let l = &self.doc.tokens[t].lemma;
        if l.is_empty() {
            self.word(t)
        } else {
            l.to_lowercase()
        }
    }

    /// The preposition of a nominal ("to" for "to Italy"); two-word ones joined ("such as").
    fn case(&self, t: usize) -> Option<String> {
        let mut cases: Vec<usize> = self
            .kids(t)
            .iter()
            .copied()
            .filter(|&c| matches!(self.rel(c), "case" | "mark") && c < t)
            .collect();
        if cases.is_empty() {
            // "with President Karl Vesti" parsed with "with" on the first name (a compound)
            for n in self.kids(t).iter().copied() {
                if n < t && matches!(self.rel(n), "compound" | "flat") {
                    cases.extend(
                        self.kids(n)
                            .iter()
                            .copied()
                            .filter(|&c| self.rel(c) == "case" && c < n),
                    );
                }
            }
        }
        match cases.as_slice() {
            [] => None,
            [c] => Some(self.word(*c)),
            [.., a, b] if b == &(a + 1) => Some(format!("{} {}", self.word(*a), self.word(*b))),
            [.., c] => Some(self.word(*c)),
        }
    }

    fn case_is(&self, t: usize, p: &str) -> bool {
        self.case(t)
            .is_some_and(|c| c == p || c.split(' ').next() == Some(p))
    }

    /// The actors a nominal headed by `t` stands for, coordinated ones included: a mention
    /// covering it; or an acting body named by a demonym or "from" ("Kenyan troops", "troops
    /// from Nigeria"); or examples ("countries including Peru"); or an apposition.
    fn actors(&self, t: usize) -> Vec<Arg> {
        let mut out = Vec::new();
        self.collect_actors(t, 0, &mut out);
        out.dedup_by_key(|a| (a.start, a.entity));
        out
    }

    fn collect_actors(&self, t: usize, depth: usize, out: &mut Vec<Arg>) {
        if depth > 4 {
            return;
        }
        if let Some(a) = self.sa.at(t) {
            // a demonym modifying a noun ("Peruvian counterparts") is not the noun's actor, nor is
            // a demonym adjective that the parser coordinated with a name
            let stray_demonym = depth > 0
                && a.kind == ArgKind::Mention(MentionKind::Demonym)
                && out.first().is_some_and(|f| f.kind != a.kind);
            if !a.modifier && !stray_demonym {
                out.push(*a);
            }
        } else if self.x.lexicon.country_agents.contains(&self.lemma(t))
            || self.x.lexicon.country_agents.contains(&self.word(t))
        {
            // "Kenyan troops", "the Afghan government", "troops from Nigeria and Senegal"
            for c in self.kids(t).iter().copied() {
                let named = matches!(self.rel(c), "amod" | "compound" | "nmod")
                    && (self.rel(c) != "nmod"
                        || self.case_is(c, "from")
                        || self.case_is(c, "of")
                        || self.full_rel(c) == "nmod:poss");
                if named {
                    if let Some(a) = self.sa.at(c) {
                        out.push(a.discounted(0.9));
                        for d in self.kids_with(c, "conj") {
                            self.collect_actors(d, depth + 1, out);
                        }
                    }
                }
            }
        } else {
            for c in self.kids(t).iter().copied() {
                let example = self.rel(c) == "nmod"
                    && self
                        .case(c)
                        .is_some_and(|p| EXAMPLES.contains(&p.split(' ').next().unwrap_or("")));
                // "on Tuesday Mitsotakis" parsed as one name headed by "Tuesday": the name
                // the mention layer found is the actor
                let flat_name = self.rel(c) == "flat" && self.sa.at(c).is_some();
                if example || flat_name || self.rel(c) == "appos" || self.misplaced_head(t, c) {
                    self.collect_actors(c, depth + 1, out);
                }
            }
        }
        for c in self.kids_with(t, "conj") {
            self.collect_actors(c, depth + 1, out);
        }
    }

    /// Whether `c`, a dependent of the common noun `t`, is the nominal's real head that the
    /// parser hung under a premodifier: "belongs to the ruling Green Union" parsed with "Green
    /// Union" as a case-less `nmod` (or `compound`) of "ruling". English nominal modifiers to
    /// the right carry a preposition, so a bare one that starts right after `t` is the head.
    fn misplaced_head(&self, t: usize, c: usize) -> bool {
        c > t
            && matches!(self.full_rel(c), "nmod" | "compound")
            && self.case(c).is_none()
            && (t + 1..c).all(|j| self.head(j) == Some(c))
    }

    /// Whether the verb is passive ("was attacked", "aid sent by Russia").
    fn passive(&self, v: usize) -> bool {
        self.kids(v)
            .iter()
            .any(|&c| matches!(self.full_rel(c), "nsubj:pass" | "aux:pass" | "csubj:pass"))
            || (self.rel(v) == "acl"
                && (self.doc.tokens[v].xpos == "VBN"
                    || self
                        .kids(v)
                        .iter()
                        .any(|&c| self.full_rel(c) == "obl:agent")))
    }

    /// The subject of a verb, explicit or inherited from the clause it depends on.
    fn subject(&self, v: usize) -> Vec<Arg> {
        if self.depth.get() > 3 {
            return Vec::new();
        }
        self.depth.set(self.depth.get() + 1);
        let found = self.subject_walk(v);
        self.depth.set(self.depth.get() - 1);
        found
    }

    fn subject_walk(&self, v: usize) -> Vec<Arg> {
        let mut v = v;
        for _ in 0..MAX_CLIMB {
            if let Some(s) = self.kids_with(v, "nsubj").next() {
                let w = self.word(s);
                if RELATIVES.contains(&w.as_str()) {
                    // "X, which procured the aid": the noun the clause describes
                    return self.head(v).map(|n| self.actors(n)).unwrap_or_default();
                }
                if self.doc.tokens[s].upos == Upos::Pron || BODY_PRONOUNS.contains(&w.as_str()) {
                    if let Some(speaker) = self.speaker(v, &w) {
                        return speaker;
                    }
                    if w == "they" && self.sa.at(s).is_none() {
                        return self.group.iter().map(|a| a.discounted(0.8)).collect();
                    }
                    if matches!(w.as_str(), "i" | "we") && self.sa.at(s).is_none() {
                        return self.quote_speaker();
                    }
                }
                return self.actors(s);
            }
            let Some(h) = self.head(v) else {
                return Vec::new();
            };
            match self.full_rel(v) {
                // "flew to Lima and was greeted", "agreed to send", "declared … and called on"
                "conj" | "xcomp" => {
                    if self.rel(v) == "xcomp" {
                        // object control: "urged Chile to …" makes Chile the subject
                        if let Some(o) = self
                            .kids(h)
                            .iter()
                            .copied()
                            .find(|&c| matches!(self.rel(c), "obj" | "iobj"))
                        {
                            return self.actors(o);
                        }
                    }
                    v = h;
                }
                // "X, which …", "a plane carrying supplies", "aid sent by Russia"
                "acl:relcl" | "acl" => return self.actors(h),
                // "…, killing dozens": the subject of the main clause
                "advcl" if self.kids_with(v, "mark").next().is_none() => v = h,
                // "was flying from Tomsk, headed for Moscow" with the participle parsed as a
                // clause beside the main one rather than under it
                "parataxis"
                    if self.kids_with(v, "mark").next().is_none()
                        && matches!(self.doc.tokens[v].xpos.as_str(), "VBD" | "VBN" | "VBG") =>
                {
                    v = h
                }
                _ => return Vec::new(),
            }
        }
        Vec::new()
    }

    /// For a pronoun subject of a clause reported by a verb of saying, the speaker: "Japan
    /// said it had sent" → Japan; "Soto said he…" → Soto.
    fn speaker(&self, v: usize, pronoun: &str) -> Option<Vec<Arg>> {
        let mut v = v;
        for _ in 0..MAX_CLIMB {
            let h = self.head(v)?;
            match self.rel(v) {
                "ccomp" | "parataxis" if self.x.lexicon.is_speech(self.doc, h) => {
                    let person = matches!(pronoun, "he" | "she" | "him" | "her");
                    let found: Vec<Arg> = self
                        .subject(h)
                        .into_iter()
                        .filter(|a| self.doc.entities[a.entity].entity_type.is("Person") == person)
                        .collect();
                    return (!found.is_empty()).then_some(found);
                }
                "conj" | "ccomp" | "xcomp" => v = h,
                _ => return None,
            }
        }
        None
    }

    /// The speaker of a quotation: the subject of the sentence's verb of saying, or its
    /// object-position name ("…, said Soto").
    fn quote_speaker(&self) -> Vec<Arg> {
        let Some(say) =
            (self.sa.start..self.sa.end).find(|&j| self.x.lexicon.is_speech(self.doc, j))
        else {
            return Vec::new();
        };
        self.kids_with(say, "nsubj")
            .filter(|&s| !matches!(self.word(s).as_str(), "i" | "we"))
            .flat_map(|s| self.actors(s))
            .map(|a| a.discounted(0.85))
            .collect()
    }

    /// The verb a trigger noun depends on ("held talks", "at the request of"), if any.
    fn governing_verb(&self, n: usize) -> Option<usize> {
        let mut n = n;
        for _ in 0..3 {
            let h = self.head(n)?;
            match self.rel(n) {
                "obj" | "obl" | "nsubj" | "iobj" => return Some(h),
                "conj" | "nmod" | "compound" => n = h,
                _ => return None,
            }
        }
        None
    }

    /// Whether `o`, the object of a verb of leading, is a group that acts for its country
    /// without being it ("the Peruvian delegation, led by A", "commanded Kenyan troops"):
    /// its leader does not lead the country. A government noun is the country ("led the
    /// Afghan government").
    fn led_group(&self, occ: &Occurrence, o: usize) -> bool {
        let relation = &self.x.lexicon.triggers[occ.trigger].def.relation;
        if relation.as_str() != "leader-of" || self.sa.at(o).is_some() {
            return false;
        }
        let (word, lemma) = (self.word(o), self.lemma(o));
        let agents = &self.x.lexicon.country_agents;
        (agents.contains(&word) || agents.contains(&lemma))
            && !self.x.roles.is_government(&word)
            && !self.x.roles.is_government(&lemma)
    }

    /// Obliques of `v` (and nominal modifiers of its object) introduced by preposition `p`.
    fn obliques(&self, v: usize, p: &str) -> Vec<Arg> {
        let mut out = Vec::new();
        for c in self.kids(v).iter().copied() {
            let oblique = matches!(self.rel(c), "obl" | "nmod" | "advcl")
                || (self.full_rel(c) == "obl:agent");
            if oblique && self.case_is(c, p) {
                out.extend(self.actors(c));
            }
            // "met with the IMF, then with Trump": the second oblique hangs on "then"
            if self.rel(c) == "advmod"
                && matches!(
                    self.word(c).as_str(),
                    "then" | "later" | "afterwards" | "also" | "again"
                )
            {
                for d in self.kids(c).iter().copied() {
                    if self.rel(d) == "obl" && self.case_is(d, p) {
                        out.extend(self.actors(d));
                    }
                }
            }
            // "sent kits to Peru" parsed with "to Peru" on "kits"
            if self.rel(c) == "obj" {
                for d in self.kids_with(c, "nmod") {
                    if self.case_is(d, p) {
                        out.extend(self.actors(d));
                    }
                }
            }
        }
        // "the minister is in Peru": the predicate nominal itself carries the preposition
        if self.kids_with(v, "cop").next().is_some() && self.case_is(v, p) {
            out.extend(self.actors(v));
        }
        out
    }

    /// The token that carries a verb trigger's arguments: the verb, or for a copula the
    /// predicate it links ("is in Peru").
    fn predicate(&self, occ: &Occurrence) -> usize {
        let v = occ.tokens.0;
        match (self.rel(v), self.head(v)) {
            ("cop", Some(h)) => h,
            _ => v,
        }
    }

    /// Whether a word or lemma of `t` is in the not-factual list (or is a future auxiliary
    /// that the trigger does not accept).
    fn blocks(&self, t: usize, trigger: &Trigger) -> bool {
        let lex = &self.x.lexicon;
        let (w, l) = (self.word(t), self.lemma(t));
        lex.not_factual.contains(&w)
            || lex.not_factual.contains(&l)
            || (!trigger.def.future && (lex.future.contains(&w) || lex.future.contains(&l)))
    }

    /// Whether a clause is negated, modal or conditional by its own dependents.
    fn clause_blocked(&self, v: usize, trigger: &Trigger) -> bool {
        self.kids(v).iter().copied().any(|c| match self.rel(c) {
            "aux" | "advmod" | "mark" | "det" | "amod" => self.blocks(c, trigger),
            _ => false,
        })
    }
}

impl ArgumentFinder for TreeFinder<'_> {
    fn not_factual(&self, occ: &Occurrence, trigger: &Trigger) -> bool {
        let mut v = match occ.kind {
            TriggerKind::Verb => self.predicate(occ),
            TriggerKind::Noun => {
                if self.clause_blocked(occ.tokens.0, trigger) {
                    return true;
                }
                match self.governing_verb(occ.tokens.0) {
                    Some(g) => g,
                    None => return false,
                }
            }
        };
        for _ in 0..MAX_CLIMB {
            if self.clause_blocked(v, trigger) {
                return true;
            }
            let Some(h) = self.head(v) else { return false };
            match self.rel(v) {
                // "refused to meet", "threatened to attack", "may meet and sign"
                "xcomp" => {
                    if self.blocks(h, trigger) {
                        return true;
                    }
                    v = h;
                }
                "conj" => v = h,
                _ => return false,
            }
        }
        false
    }

    fn object_is_one_of(&self, occ: &Occurrence, trigger: &Trigger) -> bool {
        let v = self.predicate(occ);
        let passive = self.passive(v);
        let mut frontier: Vec<usize> = self
            .kids(v)
            .iter()
            .copied()
            .filter(|&c| match self.full_rel(c) {
                "obj" | "iobj" => true,
                "nsubj:pass" => passive,
                _ => false,
            })
            .collect();
        if self.rel(v) == "acl" && passive {
            frontier.extend(self.head(v));
        }
        for _ in 0..3 {
            if frontier.iter().any(|&t| {
                trigger.objects.contains(&self.word(t)) || trigger.objects.contains(&self.lemma(t))
            }) {
                return true;
            }
            frontier = frontier
                .iter()
                .flat_map(|&t| self.kids(t).iter().copied())
                .filter(|&c| {
                    matches!(
                        self.rel(c),
                        "compound" | "conj" | "nmod" | "nummod" | "amod"
                    )
                })
                .collect();
        }
        false
    }

    fn slot(&self, occ: &Occurrence, slot: &Slot) -> Vec<Arg> {
        match occ.kind {
            TriggerKind::Verb => {
                let v = self.predicate(occ);
                let passive = self.passive(v);
                // a particle of the trigger ("called on Turkey") introduces its object
                let particle =
                    (occ.tokens.1 > occ.tokens.0 + 1).then(|| self.word(occ.tokens.1 - 1));
                match slot {
                    Slot::Subject if passive => {
                        let mut out = self.obliques(v, "by");
                        for c in self.kids(v).iter().copied() {
                            if self.full_rel(c) == "obl:agent" {
                                out.extend(self.actors(c));
                            }
                        }
                        out
                    }
                    Slot::Subject => self.subject(v),
                    Slot::Object if passive => {
                        let explicit: Vec<Arg> = self
                            .kids(v)
                            .iter()
                            .copied()
                            .filter(|&c| self.full_rel(c) == "nsubj:pass")
                            .flat_map(|c| {
                                if self.led_group(occ, c) {
                                    Vec::new()
                                } else {
                                    self.actors(c)
                                }
                            })
                            .collect();
                        // "the delegation, led by A": the noun the participle describes
                        let described = (self.rel(v) == "acl").then(|| self.head(v)).flatten();
                        let led_group =
                            self.kids(v).iter().any(|&c| {
                                self.full_rel(c) == "nsubj:pass" && self.led_group(occ, c)
                            }) || described.is_some_and(|h| self.led_group(occ, h));
                        if led_group {
                            Vec::new()
                        } else if explicit.is_empty() {
                            self.subject(v)
                        } else {
                            explicit
                        }
                    }
                    Slot::Object => {
                        let mut out: Vec<Arg> = self
                            .kids_with(v, "obj")
                            .filter(|&o| !self.led_group(occ, o))
                            .flat_map(|o| self.actors(o))
                            .collect();
                        if out.is_empty() {
                            out = self
                                .kids_with(v, "iobj")
                                .flat_map(|o| self.actors(o))
                                .collect();
                        }
                        if out.is_empty() {
                            if let Some(p) = &particle {
                                out = self.obliques(v, p);
                            }
                        }
                        let relation = &self.x.lexicon.triggers[occ.trigger].def.relation;
                        if out.is_empty() && relation.as_str() == "requested" {
                            // "demanded that Chile release…": who is asked is the subject of
                            // the clause that says what
                            for c in self.kids_with(v, "ccomp") {
                                out.extend(self.kids_with(c, "nsubj").flat_map(|s| self.actors(s)));
                            }
                        }
                        if out.is_empty() {
                            // "threatened to attack X": the object of the threatened act
                            for x in self.kids_with(v, "xcomp") {
                                out.extend(self.kids_with(x, "obj").flat_map(|o| self.actors(o)));
                            }
                        }
                        out
                    }
                    Slot::IndirectObject => self
                        .kids_with(v, "iobj")
                        .flat_map(|o| self.actors(o))
                        .collect(),
                    Slot::Prep(p) => self.obliques(v, p),
                    Slot::Possessor => {
                        super::events::possessor_of_object(self.doc, self.sa, occ.tokens.1)
                    }
                    Slot::Group => self.group.clone(),
                    Slot::Asked => {
                        super::events::asked_to_act(self.x, self.doc, self.sa, occ.tokens.1)
                    }
                }
            }
            TriggerKind::Noun => {
                let n = occ.tokens.0;
                match slot {
                    Slot::Possessor => {
                        let mut out = Vec::new();
                        for c in self.kids(n).iter().copied() {
                            let own = self.full_rel(c) == "nmod:poss"
                                || matches!(self.rel(c), "compound" | "amod");
                            if own {
                                if let Some(a) = self.sa.at(c) {
                                    out.push(*a);
                                }
                            }
                        }
                        out
                    }
                    // "X is a critic of Y", "X has been critical of Y"
                    Slot::Subject if self.kids_with(n, "cop").next().is_some() => self.subject(n),
                    // "X, a critic of Y"
                    Slot::Subject if self.rel(n) == "appos" => {
                        self.head(n).map(|h| self.actors(h)).unwrap_or_default()
                    }
                    Slot::Subject => match self.governing_verb(n) {
                        // the subject of "held talks", not of "talks were held", nor of
                        // "founded the party with supporters of X" (company, not the act)
                        Some(g)
                            if self.rel(n) != "nsubj"
                                && !["with", "among", "alongside"]
                                    .iter()
                                    .any(|p| self.case_is(n, p)) =>
                        {
                            if self.passive(g) {
                                self.obliques(g, "by")
                            } else {
                                self.subject(g)
                            }
                        }
                        _ => Vec::new(),
                    },
                    Slot::Prep(p) => {
                        let mut out = Vec::new();
                        for c in self.kids(n).iter().copied() {
                            if matches!(self.rel(c), "nmod" | "acl" | "obl") && self.case_is(c, p) {
                                out.extend(self.actors(c));
                            }
                        }
                        out
                    }
                    Slot::Object | Slot::IndirectObject => Vec::new(),
                    Slot::Group => self.group.clone(),
                    Slot::Asked => {
                        super::events::asked_to_act(self.x, self.doc, self.sa, occ.tokens.1)
                    }
                }
            }
        }
    }

    fn rule(&self, kind: TriggerKind) -> Rule {
        match kind {
            TriggerKind::Verb => Rule::VerbTree,
            TriggerKind::Noun => Rule::NounTree,
        }
    }

    fn subjects_are_a_group(&self, _occ: &Occurrence, sources: &[Arg]) -> bool {
        // subjects on the tree are the subject phrase and its conjuncts, never a nested list
        sources.len() >= 2
    }
}
