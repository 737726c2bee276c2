//! The dependency tree the relation readers see: the parser's arcs, clause-losing misparses undone.
//!
//! A parser that gets one arc wrong in a long subject or a relative clause hands the readers a
//! tree whose main verb hangs under a noun: every argument of that verb is then lost, or taken
//! from the wrong phrase. The repairs here are made only where the tree itself shows that it
//! cannot be right (a full sentence whose root is a noun, a new subject right after a relative
//! clause's verb), so a well-formed parse passes through unchanged:
//!
//! - a sentence rooted in a noun whose only verb is a participle after a comma ("Soto and his
//!   Greek counterpart, A, respectively, gathered in Cairo") reads the verb as the main one and
//!   the noun as its subject;
//! - a verb with two subjects has one: the others are part of it ("Soto and his counterparts,
//!   A and B, met", "A" hung on "met" as a subject of its own), the object of a relative
//!   clause before them ("the coalition that includes A, B and C sent troops"), or a
//!   preposition's object or a misplaced modifier ("Speaking alongside A, B said");
//! - a `list` between names or nouns is a coordination;
//! - a preposition on a modifier belongs to the phrase it starts ("spoke to Wikinews last
//!   August" with "Wikinews" a compound of "August");
//! - a name hung on the verb without a preposition right after its object continues the
//!   object ("contacted manager A and deputy manager B" with "B" an oblique);
//! - a finite verb is no open complement: "warned many Venezuelans face risks" parsed with
//!   "Venezuelans" the object of "warned" and "face" its `xcomp` is a clause with its own
//!   subject;
//! - a finite main verb without a subject takes the name set off by a comma right before it,
//!   which the parser hung inside the opening phrase ("At the convention in May, A won");
//! - a relative clause that swallowed the main verb ("the group that includes A, B and C are
//!   meeting", with "A, B and C" the subject of "meeting") gives the list back to the relative
//!   verb as its object, and the main verb the noun phrase the relative clause describes.

use crate::doc::{Document, Upos};

/// Relative pronouns that open a relative clause as its subject.
const RELATIVES: &[&str] = &["which", "who", "that"];

/// The dependency arcs of one sentence, possibly repaired (see the module documentation).
#[derive(Debug, Clone)]
pub(super) struct Tree<'a> {
    /// First token of the sentence.
    start: usize,
    /// Head of every token (document index), `None` for the root.
    heads: Vec<Option<usize>>,
    /// Relation of every token to its head ("nsubj:pass").
    rels: Vec<&'a str>,
    /// Dependents of every token, in text order.
    children: Vec<Vec<usize>>,
}

impl<'a> Tree<'a> {
    /// The parser's tree of the sentence `start..end`, repaired. `is_speech(t)` tells whether
    /// token `t` is a verb of saying (whose clause object may hold a subject of its own).
    pub fn new(
        doc: &'a Document,
        start: usize,
        end: usize,
        is_speech: &dyn Fn(usize) -> bool,
    ) -> Tree<'a> {
        let mut tree = Tree {
            start,
            heads: (start..end)
                .map(|t| {
                    doc.tokens[t]
                        .head
                        .filter(|h| (start..end).contains(h) && *h != t)
                })
                .collect(),
            rels: (start..end)
                .map(|t| doc.tokens[t].deprel.as_str())
                .collect(),
            children: Vec::new(),
        };
        tree.index_children();
        if doc.tokens[start..end].iter().any(|t| t.head.is_some()) {
            tree.repair_relative_clause(doc, is_speech);
            tree.repair_nominal_root(doc);
            tree.repair_split_subjects(doc, is_speech);
            tree.repair_lists(doc);
            tree.repair_case_on_modifier(doc);
            tree.repair_bare_object_names(doc);
            tree.repair_finite_xcomp(doc);
            tree.repair_missing_subject(doc);
        }
        tree
    }

    /// The head of token `t` inside the sentence.
    pub fn head(&self, t: usize) -> Option<usize> {
        self.heads[t - self.start]
    }

    /// The relation of `t` to its head, with its subtype ("nsubj:pass").
    pub fn full_rel(&self, t: usize) -> &'a str {
        self.rels[t - self.start]
    }

    /// The relation of `t` to its head, without its subtype.
    fn rel(&self, t: usize) -> &'a str {
        let d = self.full_rel(t);
        d.split(':').next().unwrap_or(d)
    }

    fn end(&self) -> usize {
        self.start + self.heads.len()
    }

    fn kids(&self, t: usize) -> impl Iterator<Item = usize> + '_ {
        self.children(t).iter().copied()
    }

    /// The dependents of token `t`, in text order.
    pub fn children(&self, t: usize) -> &[usize] {
        &self.children[t - self.start]
    }

    fn index_children(&mut self) {
        self.children = vec![Vec::new(); self.heads.len()];
        for (k, h) in self.heads.iter().enumerate() {
            if let Some(h) = h {
                self.children[h - self.start].push(self.start + k);
            }
        }
    }

    fn set(&mut self, t: usize, head: Option<usize>, rel: &'a str) {
        self.heads[t - self.start] = head;
        self.rels[t - self.start] = rel;
        self.index_children();
    }

    /// The root of the sentence, if the parser made one.
    fn root(&self) -> Option<usize> {
        (self.start..self.end()).find(|&t| self.head(t).is_none() && self.rel(t) == "root")
    }

    /// The first token of the subtree of `t`.
    fn leftmost(&self, t: usize) -> usize {
        let mut left = t;
        for c in self.kids(t).collect::<Vec<_>>() {
            left = left.min(self.leftmost(c));
        }
        left
    }

    /// Whether `t` is a noun phrase's head that the parser made the root of a sentence: a
    /// noun or name without a copula (so not "Soto is a critic of Y").
    fn nominal_root(&self, doc: &Document, t: usize) -> bool {
        matches!(doc.tokens[t].upos, Upos::Noun | Upos::Propn)
            && !self.kids(t).any(|c| self.rel(c) == "cop")
    }

    /// Makes `v` the root with `subject` as its subject; what hung on `subject` after `v` (the
    /// final full stop) moves to `v`.
    fn reroot(&mut self, v: usize, subject: usize) {
        let after: Vec<usize> = self.kids(subject).filter(|&c| c > v).collect();
        for c in after {
            self.heads[c - self.start] = Some(v);
        }
        self.set(v, None, "root");
        self.set(subject, Some(v), "nsubj");
    }

    /// "Soto and his counterparts, A and B, respectively, gathered in Cairo" parsed with "Soto"
    /// as the root and "gathered" as a participle describing it. A sentence needs a main verb:
    /// a past form set off by a comma after its noun, with no subject, auxiliary or "by" agent
    /// of its own, is that verb, and the noun its subject (not a passive participle, which
    /// would make the noun its object).
    fn repair_nominal_root(&mut self, doc: &Document) {
        let Some(r) = self.root() else { return };
        if !self.nominal_root(doc, r) {
            return;
        }
        let participle = self.kids(r).find(|&v| {
            v > r
                && self.full_rel(v) == "acl"
                && doc.tokens[v].upos == Upos::Verb
                && matches!(doc.tokens[v].xpos.as_str(), "VBD" | "VBN")
                && v > self.start
                && doc.token_text(v - 1) == ","
                && !self.kids(v).any(|c| {
                    matches!(self.rel(c), "nsubj" | "aux" | "mark" | "expl")
                        || self.full_rel(c) == "obl:agent"
                        || (self.rel(c) == "obl"
                            && self
                                .kids(c)
                                .any(|p| self.rel(p) == "case" && doc.token_text(p) == "by"))
                })
        });
        if let Some(v) = participle {
            self.reroot(v, r);
        }
    }

    /// "Negotiators from the group that includes A, B and C are meeting": a relative clause's
    /// verb with no object of its own, directly followed by the subject of another verb, took a
    /// clause too many. Either the other verb hangs under the relative verb and the sentence's
    /// root is a noun (the parse has no main verb), or the other verb is the root and the noun
    /// the relative clause describes is left without a role. The list is the relative verb's
    /// object; the other verb is the main one, with the noun phrase as its subject.
    fn repair_relative_clause(&mut self, doc: &Document, is_speech: &dyn Fn(usize) -> bool) {
        let Some(root) = self.root() else { return };
        for r in self.start..self.end() {
            if self.full_rel(r) != "acl:relcl" || is_speech(r) {
                continue;
            }
            let relative_subject = self.kids(r).any(|c| {
                self.rel(c) == "nsubj"
                    && RELATIVES.contains(&doc.token_text(c).to_lowercase().as_str())
            });
            if !relative_subject || self.kids(r).any(|c| self.rel(c) == "obj") {
                continue;
            }
            // the verb whose subject starts right after the relative verb
            let found = (r + 1..self.end()).find_map(|v| {
                let s = self
                    .kids(v)
                    .find(|&s| self.full_rel(s) == "nsubj" && self.leftmost(s) == r + 1)?;
                Some((v, s))
            });
            let Some((v, s)) = found else { continue };
            if !matches!(doc.tokens[v].upos, Upos::Verb | Upos::Aux) {
                continue;
            }
            // the noun phrase the relative clause belongs to: up its coordination and
            // modifiers to the phrase's head
            let Some(mut np) = self.head(r) else { continue };
            for _ in 0..6 {
                match (self.rel(np), self.head(np)) {
                    ("conj" | "nmod" | "appos", Some(h)) if h < r => np = h,
                    _ => break,
                }
            }
            let swallowed = self.head(v) == Some(r)
                && self.rel(v) == "ccomp"
                && np == root
                && self.nominal_root(doc, root);
            let orphaned = v == root && self.head(np) == Some(v) && self.full_rel(np) != "nsubj";
            if !(swallowed || orphaned) {
                continue;
            }
            self.set(s, Some(r), "obj");
            if swallowed {
                self.reroot(v, np);
            } else {
                self.set(np, Some(v), "nsubj");
            }
            return;
        }
    }

    /// Relative clauses inside the subtree of `t` whose verb is not a verb of saying and
    /// whose subject is a relative pronoun, as (verb, its object if any).
    fn relative_clauses_under(
        &self,
        doc: &Document,
        t: usize,
        is_speech: &dyn Fn(usize) -> bool,
    ) -> Vec<(usize, Option<usize>)> {
        let mut out = Vec::new();
        let mut stack = vec![t];
        while let Some(n) = stack.pop() {
            for c in self.kids(n).collect::<Vec<_>>() {
                if self.full_rel(c) == "acl:relcl" && !is_speech(c) && self.relative_subject(doc, c)
                {
                    let object = self.kids(c).find(|&o| self.rel(o) == "obj");
                    out.push((c, object));
                }
                stack.push(c);
            }
        }
        out
    }

    /// Whether the verb's subject is a relative pronoun ("that includes").
    fn relative_subject(&self, doc: &Document, v: usize) -> bool {
        self.kids(v).any(|c| {
            self.rel(c) == "nsubj" && RELATIVES.contains(&doc.token_text(c).to_lowercase().as_str())
        })
    }

    /// A verb has one subject: further `nsubj` dependents are pieces of it, or of something
    /// else, that the parser hung on the verb. A nominal right after a preposition is its
    /// object ("Speaking alongside A, B said"); a piece after a relative clause of an earlier
    /// subject continues that clause's object ("the coalition that includes Kenya, Uganda and
    /// Ethiopia sent troops", "Uganda" parsed as a second subject of "sent"); a piece set off
    /// from the subject before it by commas and conjunctions only is coordinated with it
    /// ("Soto and his counterparts, A and B, met"); otherwise the nearer one is the subject
    /// and the earlier one a misplaced modifier ("Wednesday, the day that…, A endorsed B").
    fn repair_split_subjects(&mut self, doc: &Document, is_speech: &dyn Fn(usize) -> bool) {
        for v in self.start..self.end() {
            let subjects: Vec<usize> = self
                .kids(v)
                .filter(|&c| matches!(self.full_rel(c), "nsubj" | "nsubj:outer") && c < v)
                .collect();
            if subjects.len() < 2 {
                continue;
            }
            let mut kept = Vec::new();
            for s in subjects {
                let left = self.leftmost(s);
                if left > self.start && doc.tokens[left - 1].upos == Upos::Adp {
                    self.set(s, Some(v), "obl");
                } else {
                    kept.push(s);
                }
            }
            let Some((&first, rest)) = kept.split_first() else {
                continue;
            };
            let mut subject = first;
            for &s in rest {
                let clause = self
                    .relative_clauses_under(doc, subject, is_speech)
                    .into_iter()
                    .filter(|&(r, _)| r < s)
                    .max_by_key(|&(r, _)| r);
                // (a subject with a clause of its own, "A and his supporters claimed B won",
                // may have swallowed the main verb: its neighbour is no conjunct)
                let gap_is_list = (self.rightmost(subject) + 1..self.leftmost(s))
                    .all(|t| matches!(doc.tokens[t].upos, Upos::Punct | Upos::Cconj))
                    && !self.has_clause(subject);
                match clause {
                    Some((_, Some(o))) if o < s => self.set(s, Some(o), "conj"),
                    Some((r, None)) => self.set(s, Some(r), "obj"),
                    _ if gap_is_list => self.set(s, Some(subject), "conj"),
                    _ => {
                        self.set(subject, Some(v), "dep");
                        subject = s;
                    }
                }
            }
        }
    }

    /// Whether the subtree of `t` holds a clause other than a relative one (a participle or
    /// a verb the parser hung on a noun).
    fn has_clause(&self, t: usize) -> bool {
        self.kids(t).any(|c| {
            (self.rel(c) == "acl" && self.full_rel(c) != "acl:relcl") || self.has_clause(c)
        })
    }

    /// The last token of the subtree of `t`.
    fn rightmost(&self, t: usize) -> usize {
        let mut right = t;
        for c in self.kids(t).collect::<Vec<_>>() {
            right = right.max(self.rightmost(c));
        }
        right
    }

    /// A `list` dependent between nominals is a coordination ("Karl Vesti and his Latvian
    /// counterpart, A" with "counterpart" as a `list` item of "Karl").
    fn repair_lists(&mut self, doc: &Document) {
        let nominal = |t: usize| matches!(doc.tokens[t].upos, Upos::Noun | Upos::Propn);
        for t in self.start..self.end() {
            if self.rel(t) == "list" && nominal(t) && self.head(t).is_some_and(nominal) {
                let h = self.head(t);
                self.set(t, h, "conj");
            }
        }
    }

    /// "spoke to Wikinews last August" parsed with "Wikinews" (which carries "to") as a
    /// compound of "August", the verb's object: a word with a preposition of its own is not a
    /// modifier inside a noun, but the head of the prepositional phrase; the noun it was hung
    /// on stands beside it (as a bare oblique).
    fn repair_case_on_modifier(&mut self, doc: &Document) {
        for c in self.start..self.end() {
            if !matches!(self.rel(c), "compound") {
                continue;
            }
            let Some(h) = self.head(c) else { continue };
            let Some(g) = self.head(h) else { continue };
            let has_case = |tree: &Tree<'_>, t: usize| {
                tree.kids(t)
                    .any(|k| tree.rel(k) == "case" && k < t && doc.tokens[k].upos == Upos::Adp)
            };
            if h <= c || !has_case(self, c) || has_case(self, h) {
                continue;
            }
            if !matches!(self.rel(h), "obj" | "obl") || !matches!(doc.tokens[g].upos, Upos::Verb) {
                continue;
            }
            self.set(c, Some(g), "obl");
            self.set(h, Some(g), "obl");
        }
    }

    /// "contacted campaign manager A and deputy campaign manager B" parsed with "B" as a bare
    /// oblique of the verb: a name attached to a verb without a preposition, starting right
    /// after the verb's object (or after a comma or conjunction), is coordinated with it.
    fn repair_bare_object_names(&mut self, doc: &Document) {
        for t in self.start..self.end() {
            if self.full_rel(t) != "obl" || doc.tokens[t].upos != Upos::Propn {
                continue;
            }
            let Some(v) = self.head(t) else { continue };
            if self.kids(t).any(|k| matches!(self.rel(k), "case" | "mark")) {
                continue;
            }
            let Some(o) = self.kids(v).find(|&o| self.rel(o) == "obj" && o < t) else {
                continue;
            };
            let left = self.leftmost(t);
            let adjacent = (self.rightmost(o) + 1..left)
                .all(|k| matches!(doc.tokens[k].upos, Upos::Punct | Upos::Cconj));
            if left > o && adjacent {
                self.set(t, Some(o), "conj");
            }
        }
    }

    /// "warning many Venezuelans face severe risks" parsed as object control ("Venezuelans"
    /// the object of "warning", "face" its `xcomp`): an open complement is never finite, so a
    /// present or past form right after the object is a clause of its own, whose subject is
    /// that object.
    fn repair_finite_xcomp(&mut self, doc: &Document) {
        for x in self.start..self.end() {
            if self.rel(x) != "xcomp"
                || !matches!(doc.tokens[x].xpos.as_str(), "VBP" | "VBZ" | "VBD")
                || self
                    .kids(x)
                    .any(|k| matches!(self.rel(k), "mark" | "nsubj" | "aux" | "cop"))
            {
                continue;
            }
            let Some(h) = self.head(x) else { continue };
            let Some(o) = self
                .kids(h)
                .find(|&o| self.rel(o) == "obj" && h < o && o < x)
            else {
                continue;
            };
            if self.leftmost(x) == self.rightmost(o) + 1 {
                self.set(o, Some(x), "nsubj");
                self.set(x, Some(h), "ccomp");
            }
        }
    }

    /// "At the convention this past May, Blankenship won the nomination" parsed with
    /// "Blankenship" coordinated with "May" and "won" left without a subject: a finite main
    /// verb needs one, and the nominal that ends right before it, after a comma, is it.
    fn repair_missing_subject(&mut self, doc: &Document) {
        let Some(v) = self.root() else { return };
        let finite = doc.tokens[v].upos == Upos::Verb
            && matches!(doc.tokens[v].xpos.as_str(), "VBD" | "VBZ" | "VBP");
        if !finite || v == self.start {
            return;
        }
        if self
            .kids(v)
            .any(|c| matches!(self.rel(c), "nsubj" | "csubj" | "expl" | "mark"))
        {
            return;
        }
        // the innermost nominal whose phrase ends right before the verb
        let Some(n) = (self.start..v).rev().find(|&n| {
            matches!(doc.tokens[n].upos, Upos::Propn | Upos::Noun | Upos::Pron)
                && matches!(self.rel(n), "conj" | "appos")
                && self.rightmost(n) == v - 1
        }) else {
            return;
        };
        let left = self.leftmost(n);
        let after_comma =
            doc.token_text(left) == "," || (left > self.start && doc.token_text(left - 1) == ",");
        if after_comma && !self.kids(n).any(|c| self.rel(c) == "case") {
            self.set(n, Some(v), "nsubj");
        }
    }
}
