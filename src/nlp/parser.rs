//! Dependency parser: greedy arc-hybrid transitions scored by averaged perceptrons, trained with a dynamic oracle.
//!
//! # Transition system
//!
//! Arc-hybrid (Kuhlmann et al. 2011) over a stack and a buffer, with the artificial root
//! at the *end* of the buffer (Ballesteros & Nivre 2013), which keeps the parser from
//! attaching to the root early and guarantees one root per sentence:
//!
//! * `SHIFT` moves the first buffer word onto the stack;
//! * `LEFT` makes the first buffer word the head of the stack top and pops it;
//! * `RIGHT` makes the second stack item the head of the stack top and pops it.
//!
//! A word leaves the stack only when it gets its head, and by then all its dependents are
//! attached, so its label is chosen with its whole subtree in view: a second perceptron
//! labels each arc as it is made (the preposition child of an oblique, the determiner of
//! a subject…). The move classifier has three classes, the labeller one per relation.
//!
//! # Training
//!
//! The dynamic oracle of Goldberg & Nivre (2013) gives the cost of every move in any
//! state (how many gold arcs become unreachable), so the parser learns from states its own
//! mistakes lead to: after the first epoch it follows its own prediction 90% of the time.
//! Non-projective gold trees are first made projective by lifting arcs. Features follow
//! Zhang & Nivre (2011) and Honnibal et al. (2013), over words and *predicted* tags
//! (jackknifed during training).

use std::collections::HashMap;

use crate::doc::Upos;
use crate::error::{Error, Result};
use crate::nlp::clusters::Clusters;
use crate::nlp::lexical::{norm, suffix};
use crate::nlp::perceptron::{
    argmax_where, feature, hash_bytes, hash_str, Model, Perceptron, Precision,
};
use crate::nlp::tagger::tag_index;

/// File signature of a serialised [`Parser`].
const MAGIC: &[u8; 8] = b"KGFPARSR";
/// Format (and feature set) version; bump it when features change.
const VERSION: u32 = 1;
/// Format version of a parser with distributional word classes (its class table follows
/// the models).
const VERSION_CLASSES: u32 = 2;

const SHIFT: usize = 0;
const LEFT: usize = 1;
const RIGHT: usize = 2;
const MOVE_NAMES: [&str; 3] = ["SHIFT", "LEFT", "RIGHT"];

/// "No token" marker in state arrays.
const NONE: u32 = u32::MAX;
/// Attribute values of absent context tokens and of the root.
const ABSENT_WORD: u64 = 0x00ab_5e47;
const ROOT_WORD: u64 = 0x2071;
const ABSENT_TAG: u64 = 99;
const ROOT_TAG: u64 = 98;
const ABSENT_LABEL: u64 = 999;

/// One arc of a parse: the head (0-based word index, `None` for the root) and the label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arc {
    /// Index of the head word in the sentence; `None` when the word is the root.
    pub head: Option<usize>,
    /// Index of the label in [`Parser::labels`].
    pub label: u16,
}

/// A trained dependency parser.
#[derive(Debug, Clone)]
pub struct Parser {
    moves: Model,
    labeller: Model,
    /// Index of the `root` label.
    root_label: u16,
    /// Distributional word classes the parser was trained with (`None`: no class features).
    clusters: Option<std::sync::Arc<Clusters>>,
}

/// What the features look at in one word.
#[derive(Debug, Clone, Copy)]
struct WordView {
    w: u64,
    p: u64,
    /// Last three letters, for verb forms the tag set lumps together (-ed, -ing).
    s: u64,
    /// Penn Treebank tag (hashed): finer than UPOS (VBN vs VBD, NNS vs NN).
    x: u64,
    /// Fine distributional class (0: none).
    c: u64,
    /// Middle distributional class (0: none).
    m: u64,
}

/// A parser state: stack, buffer front, and the arcs built so far.
#[derive(Debug, Clone)]
struct State {
    n: usize,
    stack: Vec<u32>,
    /// First buffer position; `n` is the root.
    b0: usize,
    heads: Vec<u32>,
    labels: Vec<u16>,
    /// Leftmost and second leftmost, rightmost and second rightmost child of each word.
    l1: Vec<u32>,
    l2: Vec<u32>,
    r1: Vec<u32>,
    r2: Vec<u32>,
    n_left: Vec<u8>,
    n_right: Vec<u8>,
    /// Bit sets of the labels of the left and right children.
    left_labels: Vec<u64>,
    right_labels: Vec<u64>,
}

impl State {
    fn new(n: usize) -> Self {
        State {
            n,
            stack: Vec::with_capacity(n),
            b0: 0,
            heads: vec![NONE; n],
            labels: vec![0; n],
            l1: vec![NONE; n + 1],
            l2: vec![NONE; n + 1],
            r1: vec![NONE; n + 1],
            r2: vec![NONE; n + 1],
            n_left: vec![0; n + 1],
            n_right: vec![0; n + 1],
            left_labels: vec![0; n + 1],
            right_labels: vec![0; n + 1],
        }
    }

    fn terminal(&self) -> bool {
        self.b0 == self.n && self.stack.is_empty()
    }

    fn s(&self, k: usize) -> u32 {
        let len = self.stack.len();
        if k < len {
            self.stack[len - 1 - k]
        } else {
            NONE
        }
    }

    fn valid(&self, m: usize) -> bool {
        match m {
            SHIFT => self.b0 < self.n,
            LEFT => !self.stack.is_empty() && (self.b0 < self.n || self.stack.len() == 1),
            RIGHT => self.stack.len() >= 2,
            _ => false,
        }
    }

    /// The move, when exactly one is valid.
    fn only_move(&self) -> Option<usize> {
        let mut only = None;
        for m in [SHIFT, LEFT, RIGHT] {
            if self.valid(m) {
                if only.is_some() {
                    return None;
                }
                only = Some(m);
            }
        }
        only
    }

    /// Applies a move; for an arc, returns (head, dependent) with head `n` for the root.
    fn apply(&mut self, m: usize) -> Option<(usize, usize)> {
        match m {
            SHIFT => {
                self.stack.push(self.b0 as u32);
                self.b0 += 1;
                None
            }
            LEFT => {
                let d = self.stack.pop().expect("valid move") as usize;
                Some((self.b0, d))
            }
            _ => {
                let d = self.stack.pop().expect("valid move") as usize;
                let h = *self.stack.last().expect("valid move") as usize;
                Some((h, d))
            }
        }
    }

    fn attach(&mut self, h: usize, d: usize, label: u16) {
        self.heads[d] = h as u32;
        self.labels[d] = label;
        let bit = 1u64 << (label.min(63));
        let (d32, h) = (d as u32, h);
        if d < h {
            self.n_left[h] = self.n_left[h].saturating_add(1);
            self.left_labels[h] |= bit;
            if self.l1[h] == NONE || d32 < self.l1[h] {
                self.l2[h] = self.l1[h];
                self.l1[h] = d32;
            } else if self.l2[h] == NONE || d32 < self.l2[h] {
                self.l2[h] = d32;
            }
        } else {
            self.n_right[h] = self.n_right[h].saturating_add(1);
            self.right_labels[h] |= bit;
            if self.r1[h] == NONE || d32 > self.r1[h] {
                self.r2[h] = self.r1[h];
                self.r1[h] = d32;
            } else if self.r2[h] == NONE || d32 > self.r2[h] {
                self.r2[h] = d32;
            }
        }
    }

    /// Cost of each move under the dynamic oracle: gold arcs it makes unreachable.
    /// `gold[d]` is the head of `d` with `n` for the root (a projective tree).
    fn costs(&self, gold: &[u32]) -> [u32; 3] {
        let n = self.n as u32;
        let b0 = self.b0 as u32;
        let in_buffer = |x: u32| x >= b0 && x <= n;
        let deps_in_buffer = |h: u32| (self.b0..self.n).filter(|&d| gold[d] == h).count() as u32;
        let mut costs = [u32::MAX; 3];
        if self.valid(SHIFT) {
            let s0 = self.s(0);
            let mut c = 0;
            for &x in &self.stack {
                if gold[x as usize] == b0 {
                    c += 1;
                }
            }
            let h = gold[self.b0];
            if h != s0 && h < n && self.stack.contains(&h) {
                c += 1;
            }
            costs[SHIFT] = c;
        }
        if self.valid(LEFT) {
            let s0 = self.s(0);
            let h = gold[s0 as usize];
            let mut c = deps_in_buffer(s0);
            if h != b0 && (h == self.s(1) || in_buffer(h)) {
                c += 1;
            }
            costs[LEFT] = c;
        }
        if self.valid(RIGHT) {
            let s0 = self.s(0);
            let h = gold[s0 as usize];
            let mut c = deps_in_buffer(s0);
            if in_buffer(h) {
                c += 1;
            }
            costs[RIGHT] = c;
        }
        costs
    }
}

/// Distance bucket: 1, 2, 3, 4, 5–7, 8+.
fn dist(a: u32, b: u32) -> u64 {
    if a == NONE || b == NONE {
        return 0;
    }
    match a.abs_diff(b) {
        d @ 0..=4 => d as u64,
        5..=7 => 5,
        _ => 6,
    }
}

/// Feature extraction for a state over a sentence's word views.
struct Context<'a> {
    words: &'a [WordView],
    n: usize,
    /// `punct[i]`: punctuation words before word `i`.
    punct: Vec<u32>,
    /// Whether the word-class features are on (a parser trained with classes).
    classes: bool,
}

fn punct_prefix(words: &[WordView]) -> Vec<u32> {
    let mut out = Vec::with_capacity(words.len() + 1);
    let mut c = 0;
    out.push(0);
    for w in words {
        c += (w.p == tag_index(Upos::Punct) as u64) as u32;
        out.push(c);
    }
    out
}

impl Context<'_> {
    fn w(&self, i: u32) -> u64 {
        if i == NONE {
            ABSENT_WORD
        } else if i as usize == self.n {
            ROOT_WORD
        } else {
            self.words[i as usize].w
        }
    }

    fn p(&self, i: u32) -> u64 {
        if i == NONE {
            ABSENT_TAG
        } else if i as usize == self.n {
            ROOT_TAG
        } else {
            self.words[i as usize].p
        }
    }

    fn x(&self, i: u32) -> u64 {
        if i == NONE {
            ABSENT_TAG
        } else if i as usize == self.n {
            ROOT_TAG
        } else {
            self.words[i as usize].x
        }
    }

    /// Fine distributional class of word `i` (the root and absent words have their own).
    fn c(&self, i: u32) -> u64 {
        if i == NONE {
            ABSENT_LABEL
        } else if i as usize == self.n {
            ABSENT_LABEL + 1
        } else {
            self.words[i as usize].c
        }
    }

    /// Middle distributional class of word `i`.
    fn m(&self, i: u32) -> u64 {
        if i == NONE {
            ABSENT_LABEL
        } else if i as usize == self.n {
            ABSENT_LABEL + 1
        } else {
            self.words[i as usize].m
        }
    }

    fn sfx(&self, i: u32) -> u64 {
        if i == NONE || i as usize >= self.n {
            ABSENT_WORD
        } else {
            self.words[i as usize].s
        }
    }

    fn move_features(&self, st: &State, out: &mut Vec<u64>) {
        out.clear();
        let n = self.n as u32;
        let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
        let b0 = st.b0 as u32;
        let b1 = if b0 < n { b0 + 1 } else { NONE };
        let b2 = if b0 + 1 < n { b0 + 2 } else { NONE };
        let at = |v: &Vec<u32>, i: u32| {
            if i == NONE || i > n {
                NONE
            } else {
                v[i as usize]
            }
        };
        let lab = |i: u32| {
            if i == NONE {
                ABSENT_LABEL
            } else {
                st.labels[i as usize] as u64
            }
        };
        let (s0l, s0l2, s0r, s0r2) = (
            at(&st.l1, s0),
            at(&st.l2, s0),
            at(&st.r1, s0),
            at(&st.r2, s0),
        );
        let (s1l, s1r, s1r2) = (at(&st.l1, s1), at(&st.r1, s1), at(&st.r2, s1));
        let (b0l, b0l2) = (at(&st.l1, b0), at(&st.l2, b0));
        let (ws0, ps0, ws1, ps1, ws2, ps2) = (
            self.w(s0),
            self.p(s0),
            self.w(s1),
            self.p(s1),
            self.w(s2),
            self.p(s2),
        );
        let (wb0, pb0, wb1, pb1, wb2, pb2) = (
            self.w(b0),
            self.p(b0),
            self.w(b1),
            self.p(b1),
            self.w(b2),
            self.p(b2),
        );
        let val = |v: &Vec<u8>, i: u32| {
            if i == NONE || i > n {
                99
            } else {
                v[i as usize] as u64
            }
        };
        let set = |v: &Vec<u64>, i: u32| if i == NONE || i > n { 0 } else { v[i as usize] };
        let d_s0b0 = dist(s0, b0);
        let d_s1s0 = dist(s1, s0);
        let t = std::cell::Cell::new(0u32);
        let mut f = |parts: &[u64]| {
            t.set(t.get() + 1);
            out.push(feature(t.get(), parts));
        };
        f(&[]);
        // unigrams
        f(&[ws0, ps0]);
        f(&[ws0]);
        f(&[ps0]);
        f(&[ws1, ps1]);
        f(&[ws1]);
        f(&[ps1]);
        f(&[wb0, pb0]);
        f(&[wb0]);
        f(&[pb0]);
        f(&[wb1, pb1]);
        f(&[wb1]);
        f(&[pb1]);
        f(&[wb2]);
        f(&[pb2]);
        f(&[ws2]);
        f(&[ps2]);
        f(&[self.sfx(s0), ps0]);
        f(&[self.sfx(b0), pb0]);
        f(&[self.sfx(s1), ps1]);
        // pairs: stack top and buffer front
        f(&[ws0, ps0, wb0, pb0]);
        f(&[ws0, ps0, wb0]);
        f(&[ws0, wb0, pb0]);
        f(&[ws0, ps0, pb0]);
        f(&[ps0, wb0, pb0]);
        f(&[ws0, wb0]);
        f(&[ps0, pb0]);
        f(&[pb0, pb1]);
        // pairs: the two stack tops
        f(&[ws1, ps1, ws0, ps0]);
        f(&[ws1, ps1, ws0]);
        f(&[ws1, ws0, ps0]);
        f(&[ws1, ps1, ps0]);
        f(&[ps1, ws0, ps0]);
        f(&[ws1, ws0]);
        f(&[ps1, ps0]);
        // tag trigrams
        f(&[pb0, pb1, pb2]);
        f(&[ps0, pb0, pb1]);
        f(&[ps1, ps0, pb0]);
        f(&[ps2, ps1, ps0]);
        f(&[ps1, ps0, pb1]);
        // children
        f(&[self.p(s0l), lab(s0l)]);
        f(&[self.p(s0r), lab(s0r)]);
        f(&[self.p(s1r), lab(s1r)]);
        f(&[self.p(s1l), lab(s1l)]);
        f(&[self.p(b0l), lab(b0l)]);
        f(&[self.w(s0l)]);
        f(&[self.w(s0r)]);
        f(&[self.w(b0l)]);
        f(&[self.w(s1r)]);
        f(&[ps0, self.p(s0l), pb0]);
        f(&[ps0, self.p(s0r), pb0]);
        f(&[ps0, pb0, self.p(b0l)]);
        f(&[ps1, ps0, self.p(s0l)]);
        f(&[ps1, ps0, self.p(s0r)]);
        f(&[ps1, self.p(s1r), ps0]);
        f(&[ps1, self.p(s1l), ps0]);
        f(&[ps0, lab(s0l), lab(s0r)]);
        f(&[ps1, lab(s1r), ps0]);
        f(&[pb0, lab(b0l), lab(b0l2)]);
        // second children
        f(&[ps0, self.p(s0l), self.p(s0l2)]);
        f(&[ps0, self.p(s0r), self.p(s0r2)]);
        f(&[pb0, self.p(b0l), self.p(b0l2)]);
        f(&[ps1, self.p(s1r), self.p(s1r2)]);
        f(&[lab(s0l2), self.p(s0l2)]);
        f(&[lab(s0r2), self.p(s0r2)]);
        // Zhang & Nivre's distance features (s0–b0, s1–s0 with words and tags) would go
        // here, but dev scores were higher without them (EWT+GUM dev UAS 85.26 → 85.40,
        // LAS 82.42 → 82.55): the punctuation-between features below carry much of the
        // same information. Their ten ids stay reserved so later features keep their ids.
        t.set(t.get() + 10);
        // valency
        f(&[ws0, val(&st.n_right, s0)]);
        f(&[ps0, val(&st.n_right, s0)]);
        f(&[ws0, val(&st.n_left, s0)]);
        f(&[ps0, val(&st.n_left, s0)]);
        f(&[wb0, val(&st.n_left, b0)]);
        f(&[pb0, val(&st.n_left, b0)]);
        f(&[ps1, val(&st.n_right, s1)]);
        f(&[ps1, val(&st.n_left, s1)]);
        // label sets
        f(&[ps0, set(&st.left_labels, s0)]);
        f(&[ps0, set(&st.right_labels, s0)]);
        f(&[pb0, set(&st.left_labels, b0)]);
        f(&[ps1, set(&st.right_labels, s1)]);
        f(&[ps1, set(&st.left_labels, s1)]);
        // how much is left
        f(&[(st.stack.len().min(4)) as u64, (b0 == n) as u64, ps0]);
        // fine tags
        let (xs0, xs1, xb0, xb1) = (self.x(s0), self.x(s1), self.x(b0), self.x(b1));
        f(&[xs0]);
        f(&[xs1]);
        f(&[xb0]);
        f(&[xb1]);
        f(&[xs0, xb0]);
        f(&[xs1, xs0]);
        f(&[ws0, xb0]);
        f(&[xs0, wb0]);
        f(&[ws1, xs0]);
        f(&[xs1, ws0]);
        f(&[xs0, xb0, xb1]);
        f(&[xs1, xs0, xb0]);
        f(&[self.x(s2), xs1, xs0]);
        f(&[xs0, self.x(s0l), xb0]);
        f(&[xs0, self.x(s0r), xb0]);
        f(&[xs1, self.x(s1r), xs0]);
        // punctuation between the candidates for an arc
        let between = |a: u32, b: u32| -> u64 {
            if a == NONE || b == NONE || a >= b {
                return 9;
            }
            let hi = (b as usize).min(self.n);
            (self.punct[hi] - self.punct[(a + 1) as usize].min(self.punct[hi])).min(3) as u64
        };
        let (pb_s0b0, pb_s1s0) = (between(s0, b0), between(s1, s0));
        f(&[pb_s0b0, ps0, pb0]);
        f(&[pb_s1s0, ps1, ps0]);
        f(&[pb_s0b0, pb_s1s0]);
        f(&[pb_s1s0, xs1, xs0, d_s1s0]);
        f(&[pb_s0b0, xs0, xb0, d_s0b0]);
        // the function word that marks s0 or b0 ("to" in "to Italy"): which head a
        // prepositional phrase or clause attaches to is largely lexical (sent … to)
        let (ms0, mb0) = (self.marker(st, s0), self.marker(st, b0));
        let (wms0, wmb0) = (self.w(ms0), self.w(mb0));
        f(&[ws1, wms0]);
        f(&[ps1, wms0]);
        f(&[ws1, wms0, ws0]);
        f(&[xs1, wms0, ps0]);
        f(&[ws0, wmb0]);
        f(&[ps0, wmb0]);
        f(&[ws0, wmb0, wb0]);
        f(&[xs0, wmb0, pb0]);
        f(&[wms0, wmb0]);
        // the words after the buffer front: whether b0 is done or starts a longer phrase
        // (a name, a compound, a verb with its particle) is often in the next word
        f(&[wb0, wb1]);
        f(&[pb0, wb1]);
        f(&[ws0, wb1]);
        // coordination: the tags of the candidate conjuncts with the coordinator or label
        // already attached to the second ("and" in "aid and loans")
        f(&[ps0, pb0, lab(b0l)]);
        f(&[xs0, xb0, self.w(b0l)]);
        f(&[xs1, xs0, self.w(s0l)]);
        f(&[ws0, wb0, lab(b0l)]);
        if self.classes {
            // distributional classes where the treebanks lack the word (Koo et al. 2008):
            // the candidates' classes with their tags and each other, and the classes on
            // both sides of a marked phrase ("sent … to Italy")
            let (cs0, cb0) = (self.c(s0), self.c(b0));
            let (mid_s0, mid_b0) = (self.m(s0), self.m(b0));
            f(&[cs0, ps0]);
            f(&[cb0, pb0]);
            f(&[cs0, cb0]);
            f(&[self.m(s1), wms0, mid_s0]);
            f(&[mid_s0, wmb0, mid_b0]);
        }
    }

    /// The function word among the first two left children of `i` (its preposition,
    /// subordinator or infinitive "to"), or [`NONE`].
    fn marker(&self, st: &State, i: u32) -> u32 {
        if i == NONE || i as usize >= self.n {
            return NONE;
        }
        let is_marker = |k: u32| {
            k != NONE && {
                let p = self.p(k);
                p == tag_index(Upos::Adp) as u64
                    || p == tag_index(Upos::Sconj) as u64
                    || p == tag_index(Upos::Part) as u64
            }
        };
        let (l1, l2) = (st.l1[i as usize], st.l2[i as usize]);
        if is_marker(l1) {
            l1
        } else if is_marker(l2) {
            l2
        } else {
            NONE
        }
    }

    /// Features for labelling the arc `h → d` (`h == n` for the root).
    fn label_features(&self, st: &State, h: usize, d: usize, out: &mut Vec<u64>) {
        out.clear();
        let n = self.n as u32;
        let (h32, d32) = (h as u32, d as u32);
        let dir = (h32 < d32) as u64;
        let dd = dist(h32, d32);
        let (wd, pd, wh, ph) = (self.w(d32), self.p(d32), self.w(h32), self.p(h32));
        let lab = |i: u32| {
            if i == NONE {
                ABSENT_LABEL
            } else {
                st.labels[i as usize] as u64
            }
        };
        let at = |v: &Vec<u32>, i: u32| if i > n { NONE } else { v[i as usize] };
        let (dl, dr, dl2, dr2) = (
            at(&st.l1, d32),
            at(&st.r1, d32),
            at(&st.l2, d32),
            at(&st.r2, d32),
        );
        // the first function word among the dependent's left children: its case marker,
        // preposition or subordinator ("to" in "to Italy", "that" in "that they left")
        let marker = self.marker(st, d32);
        let before = if d32 > 0 { self.p(d32 - 1) } else { ABSENT_TAG };
        let after = if d32 + 1 < n {
            self.p(d32 + 1)
        } else {
            ABSENT_TAG
        };
        let t = std::cell::Cell::new(0u32);
        let mut f = |parts: &[u64]| {
            t.set(t.get() + 1);
            out.push(feature(t.get(), parts));
        };
        f(&[dir]);
        f(&[wd, pd, dir]);
        f(&[wd, dir]);
        f(&[pd, dir]);
        f(&[wh, ph, dir]);
        f(&[wh, dir]);
        f(&[ph, dir]);
        f(&[pd, ph, dir]);
        f(&[pd, ph, dir, dd]);
        f(&[wd, ph, dir]);
        f(&[pd, wh, dir]);
        f(&[wd, wh, dir]);
        f(&[self.sfx(d32), pd]);
        f(&[self.sfx(h32), ph, pd, dir]);
        f(&[pd, st.left_labels[d], st.right_labels[d]]);
        f(&[pd, st.left_labels[d]]);
        f(&[pd, st.right_labels[d]]);
        f(&[ph, st.left_labels[h], dir]);
        f(&[ph, st.right_labels[h], dir]);
        f(&[ph, pd, st.left_labels[h], st.right_labels[h], dir]);
        f(&[self.w(marker), pd]);
        f(&[self.w(marker), ph, dir]);
        f(&[self.w(marker), wh]);
        f(&[self.p(marker), pd, ph]);
        f(&[self.p(dl), lab(dl), pd]);
        f(&[self.p(dr), lab(dr), pd]);
        f(&[self.w(dl), pd]);
        f(&[self.w(dr), pd]);
        f(&[lab(dl2), lab(dl), pd]);
        f(&[lab(dr), lab(dr2), pd]);
        f(&[before, pd, after]);
        f(&[before, pd, ph, dir]);
        f(&[pd, after, ph, dir]);
        f(&[(d32 == 0) as u64, pd]);
        f(&[(h32 == n) as u64, pd]);
        let (xd, xh) = (self.x(d32), self.x(h32));
        f(&[xd, dir]);
        f(&[xd, xh, dir]);
        f(&[wd, xd, dir]);
        f(&[xd, wh, dir]);
        f(&[wd, xh, dir]);
        f(&[self.w(marker), xd]);
        if self.classes {
            f(&[self.m(d32), self.m(h32), dir]);
        }
    }
}

fn word_views(
    words: &[&str],
    tags: &[Upos],
    xpos: &[&str],
    clusters: Option<&Clusters>,
) -> Vec<WordView> {
    words
        .iter()
        .zip(tags)
        .enumerate()
        .map(|(i, (w, &t))| {
            let lower = w.to_lowercase();
            let norm_hash = hash_str(&norm(w));
            let path = clusters
                .map(|c| c.path_of_hash(norm_hash))
                .unwrap_or_default();
            WordView {
                w: norm_hash,
                p: tag_index(t) as u64,
                s: hash_str(suffix(&lower, 3)),
                x: hash_str(xpos.get(i).copied().unwrap_or("")),
                c: path.fine as u64,
                m: path.mid as u64,
            }
        })
        .collect()
}

impl Parser {
    /// The label names, by index.
    pub fn labels(&self) -> &[String] {
        self.labeller.classes()
    }

    /// The name of label `label`.
    pub fn label_name(&self, label: u16) -> &str {
        self.labeller.class_name(label as usize)
    }

    /// Parses one sentence given its words, their UPOS tags and their Penn Treebank tags
    /// (`xpos` may be empty when there are none; the parser is then less accurate).
    ///
    /// # Panics
    /// If `words` and `tags` differ in length.
    pub fn parse(&self, words: &[&str], tags: &[Upos], xpos: &[&str]) -> Vec<Arc> {
        assert_eq!(words.len(), tags.len(), "one tag per word");
        let n = words.len();
        if n == 0 {
            return Vec::new();
        }
        let views = word_views(words, tags, xpos, self.clusters.as_deref());
        let ctx = Context {
            punct: punct_prefix(&views),
            words: &views,
            n,
            classes: self.clusters.is_some(),
        };
        let mut st = State::new(n);
        let mut feats = Vec::with_capacity(100);
        let mut scores = [0f32; 3];
        let mut label_scores = vec![0f32; self.labeller.n_classes()];
        while !st.terminal() {
            // a forced move (SHIFT onto an empty stack, the arcs left once the buffer holds
            // only the root) needs no scores: argmax_where would pick it whatever they were
            let m = match st.only_move() {
                Some(m) => m,
                None => {
                    ctx.move_features(&st, &mut feats);
                    self.moves.score(&feats, &mut scores);
                    argmax_where(&scores, |m| st.valid(m))
                        .expect("a non-terminal state has a valid move")
                }
            };
            if let Some((h, d)) = st.apply(m) {
                let label = self.choose_label(&ctx, &st, h, d, &mut feats, &mut label_scores);
                st.attach(h, d, label);
            }
        }
        (0..n)
            .map(|d| {
                let h = st.heads[d] as usize;
                Arc {
                    head: (h < n).then_some(h),
                    label: st.labels[d],
                }
            })
            .collect()
    }

    fn choose_label(
        &self,
        ctx: &Context,
        st: &State,
        h: usize,
        d: usize,
        feats: &mut Vec<u64>,
        scores: &mut [f32],
    ) -> u16 {
        if h == ctx.n {
            return self.root_label;
        }
        ctx.label_features(st, h, d, feats);
        self.labeller.score(feats, scores);
        argmax_where(scores, |l| l != self.root_label as usize).unwrap_or(0) as u16
    }

    /// The parser in its binary format.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        let version = if self.clusters.is_some() {
            VERSION_CLASSES
        } else {
            VERSION
        };
        out.extend_from_slice(&version.to_le_bytes());
        self.moves
            // 16-bit weights, as the table holds them in memory: 8-bit ones save 0.9 MB
            // and cost 0.04 UAS on EWT dev
            .write_to(&mut out, Precision::I16)
            .expect("writing to a Vec cannot fail");
        self.labeller
            .write_to(&mut out, Precision::I8)
            .expect("writing to a Vec cannot fail");
        if let Some(clusters) = &self.clusters {
            let table = clusters.to_bytes();
            out.extend_from_slice(&(table.len() as u64).to_le_bytes());
            out.extend_from_slice(&table);
        }
        let sum = hash_bytes(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Reads a parser written by [`Self::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Parser> {
        let bad = |m: String| Error::Model {
            name: "parser".into(),
            message: m,
        };
        if bytes.len() < 20 || &bytes[..8] != MAGIC {
            return Err(bad("not a kgforge parser (bad magic)".into()));
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        if hash_bytes(body).to_le_bytes() != sum {
            return Err(bad("checksum mismatch: the model data is corrupt".into()));
        }
        let version = u32::from_le_bytes(body[8..12].try_into().expect("4 bytes"));
        if version != VERSION && version != VERSION_CLASSES {
            return Err(bad(format!(
                "format version {version}, this build reads versions {VERSION} and {VERSION_CLASSES}; retrain with `kgforge nlp train`"
            )));
        }
        let mut input = &body[12..];
        let moves = Model::read_from("parser moves", &mut input)?;
        let labeller = Model::read_from("parser labels", &mut input)?;
        let clusters = if version == VERSION_CLASSES {
            let len = input
                .get(..8)
                .map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")) as usize)
                .ok_or_else(|| bad("truncated word-class table".into()))?;
            let table = input
                .get(8..8 + len)
                .ok_or_else(|| bad("truncated word-class table".into()))?;
            let clusters = Clusters::from_bytes(table)?;
            input = &input[8 + len..];
            Some(std::sync::Arc::new(clusters))
        } else {
            None
        };
        if !input.is_empty() {
            return Err(bad("unexpected bytes after the models".into()));
        }
        if moves.classes() != MOVE_NAMES {
            return Err(bad(
                "the move model's classes are not SHIFT, LEFT, RIGHT".into()
            ));
        }
        let root_label = labeller
            .class_index("root")
            .ok_or_else(|| bad("the label model has no `root` label".into()))?
            as u16;
        Ok(Parser {
            moves,
            labeller,
            root_label,
            clusters,
        })
    }

    /// The parser without the rows whose weights are all below `threshold` (a smaller,
    /// faster model).
    pub fn pruned(&self, threshold: f32) -> Parser {
        Parser {
            moves: Model::mean(std::slice::from_ref(&self.moves), threshold),
            labeller: Model::mean(std::slice::from_ref(&self.labeller), threshold),
            root_label: self.root_label,
            clusters: self.clusters.clone(),
        }
    }

    /// Number of feature rows of the move and label models (a size measure).
    pub fn n_rows(&self) -> (usize, usize) {
        (self.moves.n_rows(), self.labeller.n_rows())
    }
}

/// One sentence for training or evaluating the parser.
#[derive(Debug, Clone)]
pub struct ParsedSentence {
    /// Word forms.
    pub words: Vec<String>,
    /// Tags the parser sees (predicted ones, for training).
    pub tags: Vec<Upos>,
    /// Penn Treebank tags the parser sees (empty when there are none).
    pub xpos: Vec<String>,
    /// Gold heads: 0-based index, `None` for the root.
    pub heads: Vec<Option<usize>>,
    /// Gold labels.
    pub labels: Vec<String>,
}

/// Makes a tree projective by lifting: while some arc crosses another, the dependent of
/// the shortest such arc is reattached to its head's head. `heads` use `n` for the root.
pub fn projectivize(heads: &[u32]) -> Vec<u32> {
    let n = heads.len() as u32;
    let mut heads = heads.to_vec();
    let dominated = |heads: &[u32], h: u32, mut k: u32| -> bool {
        // is k a descendant of h?
        let mut steps = 0;
        while k != n && steps <= heads.len() {
            if k == h {
                return true;
            }
            k = heads[k as usize];
            steps += 1;
        }
        h == n
    };
    loop {
        let mut worst: Option<(u32, u32)> = None; // (length, dependent)
        for d in 0..n {
            let h = heads[d as usize];
            if h == n {
                continue;
            }
            let (lo, hi) = if h < d { (h, d) } else { (d, h) };
            let crossing = (lo + 1..hi).any(|k| !dominated(&heads, h, k));
            if crossing && worst.is_none_or(|(len, _)| hi - lo < len) {
                worst = Some((hi - lo, d));
            }
        }
        let Some((_, d)) = worst else { return heads };
        let h = heads[d as usize];
        heads[d as usize] = heads[h as usize];
    }
}

/// Settings of [`train`].
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Passes over the training data (the best on dev is kept).
    pub epochs: usize,
    /// Probability of following the parser's own (possibly wrong) move after epoch 1.
    pub explore: f64,
    /// Rows whose averaged weights are all below this are dropped.
    pub prune_below: f32,
    /// Seed of shuffling and exploration.
    pub seed: u64,
    /// Updates a feature must take part in before it gets weights.
    pub min_updates: u8,
    /// Parsers trained (with different shuffles) and averaged into one model.
    pub ensemble: usize,
    /// Rows of the ensemble's mean whose weights are all below this are dropped; `None`:
    /// `prune_below / ensemble`, which keeps a row any one member kept.
    pub ensemble_prune: Option<f32>,
    /// Distributional word classes for the class features (`None`: none).
    pub clusters: Option<std::sync::Arc<Clusters>>,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 15,
            explore: 0.9,
            prune_below: 0.05,
            seed: 2,
            min_updates: 1,
            ensemble: 1,
            ensemble_prune: None,
            clusters: None,
        }
    }
}

/// Attachment scores of a parser on sentences (percent over all words, punctuation included).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct AttachmentScores {
    /// Words with the right head.
    pub uas: f64,
    /// Words with the right head and the right universal relation (subtype ignored).
    pub las: f64,
    /// Words with the right head and the right relation including its subtype.
    pub las_full: f64,
}

/// The universal part of a relation (`obl:tmod` → `obl`).
pub fn universal(label: &str) -> &str {
    label.split(':').next().unwrap_or(label)
}

/// The dev scores for a training log line, or "no dev set" when training used the dev data
/// (`nlp train --with-dev`).
fn dev_note(dev: &[ParsedSentence], scores: &AttachmentScores) -> String {
    if dev.is_empty() {
        "no dev set".to_string()
    } else {
        format!(
            "dev UAS {:.2} LAS {:.2} (full labels {:.2})",
            scores.uas, scores.las, scores.las_full
        )
    }
}

/// Scores `parser` on `data` with the tags in `data`.
pub fn evaluate(parser: &Parser, data: &[ParsedSentence]) -> AttachmentScores {
    let (mut total, mut u, mut l, mut lf) = (0usize, 0usize, 0usize, 0usize);
    for s in data {
        let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
        let xpos: Vec<&str> = s.xpos.iter().map(String::as_str).collect();
        let arcs = parser.parse(&words, &s.tags, &xpos);
        for (i, arc) in arcs.iter().enumerate() {
            total += 1;
            if arc.head == s.heads[i] {
                u += 1;
                let label = parser.label_name(arc.label);
                if universal(label) == universal(&s.labels[i]) {
                    l += 1;
                }
                if label == s.labels[i] {
                    lf += 1;
                }
            }
        }
    }
    let pct = |x: usize| 100.0 * x as f64 / total.max(1) as f64;
    AttachmentScores {
        uas: pct(u),
        las: pct(l),
        las_full: pct(lf),
    }
}

/// Trains a parser on `train` (tags should be predicted, e.g. by jackknifing), keeping the
/// epoch with the best labelled score on `dev`; with `config.ensemble` > 1, trains that many
/// parsers on differently shuffled data and averages them ([`Model::mean`]). `log`
/// receives one line per epoch.
pub fn train(
    train: &[ParsedSentence],
    dev: &[ParsedSentence],
    config: &TrainConfig,
    mut log: impl FnMut(&str),
) -> Parser {
    let k = config.ensemble.max(1);
    let parsers: Vec<Parser> = (0..k)
        .map(|i| {
            let config = TrainConfig {
                seed: config.seed.wrapping_add(1000 * i as u64),
                ..config.clone()
            };
            train_one(train, dev, &config, &mut log)
        })
        .collect();
    if k == 1 {
        return parsers.into_iter().next().expect("one parser");
    }
    let mean_prune = config
        .ensemble_prune
        .unwrap_or(config.prune_below / k as f32);
    let moves: Vec<Model> = parsers.iter().map(|p| p.moves.clone()).collect();
    let labels: Vec<Model> = parsers.iter().map(|p| p.labeller.clone()).collect();
    let parser = Parser {
        moves: Model::mean(&moves, mean_prune),
        labeller: Model::mean(&labels, mean_prune),
        root_label: parsers[0].root_label,
        clusters: config.clusters.clone(),
    };
    let scores = evaluate(&parser, dev);
    log(&format!(
        "parser ensemble of {k}: {}, {:?} rows",
        dev_note(dev, &scores),
        parser.n_rows()
    ));
    parser
}

fn train_one(
    train: &[ParsedSentence],
    dev: &[ParsedSentence],
    config: &TrainConfig,
    mut log: impl FnMut(&str),
) -> Parser {
    // label inventory, most frequent first, `root` included
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for s in train {
        for l in &s.labels {
            *counts.entry(l.as_str()).or_default() += 1;
        }
    }
    let mut names: Vec<(&str, usize)> = counts.into_iter().collect();
    names.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let label_names: Vec<String> = names.iter().map(|(l, _)| l.to_string()).collect();
    let label_index: HashMap<&str, u16> = names
        .iter()
        .enumerate()
        .map(|(i, (l, _))| (*l, i as u16))
        .collect();
    let root_label = *label_index.get("root").unwrap_or(&0);

    // gold trees with the root as `n`, made projective
    let gold: Vec<(Vec<u32>, Vec<u16>)> = train
        .iter()
        .map(|s| {
            let n = s.words.len() as u32;
            let heads: Vec<u32> = s.heads.iter().map(|h| h.map_or(n, |h| h as u32)).collect();
            let labels = s.labels.iter().map(|l| label_index[l.as_str()]).collect();
            (projectivize(&heads), labels)
        })
        .collect();
    let views: Vec<Vec<WordView>> = train
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let xpos: Vec<&str> = s.xpos.iter().map(String::as_str).collect();
            word_views(&words, &s.tags, &xpos, config.clusters.as_deref())
        })
        .collect();

    let mut moves = Perceptron::new(MOVE_NAMES.iter().map(|s| s.to_string()).collect())
        .with_min_updates(config.min_updates);
    let mut labeller = Perceptron::new(label_names).with_min_updates(config.min_updates);
    let mut rng = crate::nlp::train::Rng::new(config.seed);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut best: Option<(f64, Parser)> = None;
    let mut feats = Vec::with_capacity(100);
    let mut scores = [0f32; 3];
    let mut label_scores = vec![0f32; labeller.n_classes()];
    for epoch in 1..=config.epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &s in &order {
            let (heads, labels) = &gold[s];
            let n = heads.len();
            let ctx = Context {
                words: &views[s],
                n,
                punct: punct_prefix(&views[s]),
                classes: config.clusters.is_some(),
            };
            let mut st = State::new(n);
            while !st.terminal() {
                ctx.move_features(&st, &mut feats);
                moves.score(&feats, &mut scores);
                let costs = st.costs(heads);
                let guess = argmax_where(&scores, |m| st.valid(m)).expect("valid move");
                // the root-at-the-end constraint can make an arc unreachable one move
                // before the costs notice, so the best moves are the cheapest, not only free ones
                let cheapest = *costs.iter().min().expect("three moves");
                let truth =
                    argmax_where(&scores, |m| costs[m] == cheapest).expect("a valid move exists");
                moves.update(&feats, truth, guess);
                right += (costs[guess] == cheapest) as usize;
                total += 1;
                let follow = if epoch > 1 && rng.unit() < config.explore {
                    guess
                } else {
                    truth
                };
                if let Some((h, d)) = st.apply(follow) {
                    let label = if h == n {
                        root_label
                    } else {
                        ctx.label_features(&st, h, d, &mut feats);
                        labeller.score(&feats, &mut label_scores);
                        let predicted =
                            argmax_where(&label_scores, |l| l != root_label as usize).unwrap_or(0);
                        if heads[d] as usize == h {
                            labeller.update(&feats, labels[d] as usize, predicted);
                        }
                        predicted as u16
                    };
                    st.attach(h, d, label);
                }
            }
        }
        let parser = Parser {
            moves: moves.average(config.prune_below),
            labeller: labeller.average(config.prune_below),
            root_label,
            clusters: config.clusters.clone(),
        };
        let scores = evaluate(&parser, dev);
        let (mr, lr) = parser.n_rows();
        log(&format!(
            "parser epoch {epoch}: train moves {:.2}%, {}, {mr} + {lr} rows",
            100.0 * right as f64 / total.max(1) as f64,
            dev_note(dev, &scores),
        ));
        if dev.is_empty() || best.as_ref().is_none_or(|(b, _)| scores.las > *b) {
            best = Some((scores.las, parser));
        }
    }
    best.map(|(_, p)| p).unwrap_or_else(|| Parser {
        moves: moves.average(config.prune_below),
        labeller: labeller.average(config.prune_below),
        root_label,
        clusters: config.clusters.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny treebank: "Russia sent aid to Italy ." and "Officials met in Rome ."
    fn tiny_treebank() -> Vec<ParsedSentence> {
        let sentence = |words: &[&str],
                        tags: &[Upos],
                        xpos: &[&str],
                        heads: &[Option<usize>],
                        labels: &[&str]| {
            ParsedSentence {
                words: words.iter().map(|w| w.to_string()).collect(),
                tags: tags.to_vec(),
                xpos: xpos.iter().map(|x| x.to_string()).collect(),
                heads: heads.to_vec(),
                labels: labels.iter().map(|l| l.to_string()).collect(),
            }
        };
        use Upos::*;
        vec![
            sentence(
                &["Russia", "sent", "aid", "to", "Italy", "."],
                &[Propn, Verb, Noun, Adp, Propn, Punct],
                &["NNP", "VBD", "NN", "IN", "NNP", "."],
                &[Some(1), None, Some(1), Some(4), Some(1), Some(1)],
                &["nsubj", "root", "obj", "case", "obl", "punct"],
            ),
            sentence(
                &["Officials", "met", "in", "Rome", "."],
                &[Noun, Verb, Adp, Propn, Punct],
                &["NNS", "VBD", "IN", "NNP", "."],
                &[Some(1), None, Some(3), Some(1), Some(1)],
                &["nsubj", "root", "case", "obl", "punct"],
            ),
        ]
    }

    #[test]
    fn saved_parser_parses_as_the_trained_one() {
        let data = tiny_treebank();
        let config = TrainConfig {
            epochs: 4,
            ensemble: 2,
            ensemble_prune: Some(0.0),
            ..TrainConfig::default()
        };
        let parser = train(&data, &[], &config, |_| {});
        let back = Parser::from_bytes(&parser.to_bytes()).expect("a parser reads its own bytes");
        assert_eq!(back.n_rows(), parser.n_rows());
        for s in &data {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let xpos: Vec<&str> = s.xpos.iter().map(String::as_str).collect();
            let trained = parser.parse(&words, &s.tags, &xpos);
            let heads: Vec<Option<usize>> = trained.iter().map(|a| a.head).collect();
            assert_eq!(heads, s.heads, "the training sentences are learnt");
            let saved = back.parse(&words, &s.tags, &xpos);
            assert_eq!(
                saved.iter().map(|a| (a.head, a.label)).collect::<Vec<_>>(),
                trained
                    .iter()
                    .map(|a| (a.head, a.label))
                    .collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn a_parser_with_word_classes_keeps_its_table_in_its_file() {
        let data = tiny_treebank();
        let text: Vec<Vec<String>> = data.iter().map(|s| s.words.clone()).collect();
        let text: Vec<Vec<String>> = text.iter().cycle().take(20).cloned().collect();
        let table = crate::nlp::clusters::build(
            &text,
            &crate::nlp::clusters::ClusterConfig {
                min_count: 1,
                sizes: [4, 2, 1],
                ..Default::default()
            },
        );
        assert!(!table.is_empty());
        let config = TrainConfig {
            epochs: 4,
            clusters: Some(std::sync::Arc::new(table.clone())),
            ..TrainConfig::default()
        };
        let parser = train(&data, &[], &config, |_| {});
        let plain = train(
            &data,
            &[],
            &TrainConfig {
                epochs: 4,
                ..TrainConfig::default()
            },
            |_| {},
        );
        assert!(
            parser.n_rows().0 > plain.n_rows().0,
            "the class features add rows"
        );
        let bytes = parser.to_bytes();
        assert_eq!(&bytes[8..12], &VERSION_CLASSES.to_le_bytes());
        assert_eq!(&plain.to_bytes()[8..12], &VERSION.to_le_bytes());
        let back = Parser::from_bytes(&bytes).expect("a parser reads its own bytes");
        assert_eq!(back.clusters.as_deref(), Some(&table));
        for s in &data {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let xpos: Vec<&str> = s.xpos.iter().map(String::as_str).collect();
            let heads: Vec<Option<usize>> = back
                .parse(&words, &s.tags, &xpos)
                .iter()
                .map(|a| a.head)
                .collect();
            assert_eq!(heads, s.heads);
        }
        let mut cut = bytes.clone();
        cut.truncate(bytes.len() - 20);
        assert!(Parser::from_bytes(&cut).is_err());
    }

    #[test]
    fn projectivize_lifts_crossing_arcs() {
        // 0 ← 2, 1 → 3 crosses 2's arc to root (root = 4): "A hearing is scheduled on the issue"-like
        let heads = [2, 3, 4, 2];
        let p = projectivize(&heads);
        // every arc must now be projective
        let n = 4;
        for d in 0..n {
            let h = p[d];
            if h == n as u32 {
                continue;
            }
            let (lo, hi) = if h < d as u32 {
                (h, d as u32)
            } else {
                (d as u32, h)
            };
            for k in lo + 1..hi {
                let mut a = k;
                while a != h && a != n as u32 {
                    a = p[a as usize];
                }
                assert_eq!(a, h, "{p:?}");
            }
        }
        assert_eq!(
            p[1], 2,
            "the crossing dependent moves up to its grandparent"
        );
        assert_eq!(projectivize(&[1, 3, 1]), vec![1, 3, 1]);
    }

    #[test]
    fn static_oracle_rebuilds_projective_trees() {
        // following zero-cost moves from the start must rebuild any projective tree exactly
        let chain: Vec<u32> = (1..=12).collect();
        let mut star = vec![11u32; 12];
        star[11] = 12;
        let trees: Vec<Vec<u32>> = vec![
            vec![1, 4, 3, 1],
            vec![3, 2, 3, 5, 3],
            vec![4, 0, 0, 4, 5],
            chain,
            star,
        ];
        for heads in trees {
            let n = heads.len();
            let mut st = State::new(n);
            let mut arcs = 0;
            while !st.terminal() {
                let costs = st.costs(&heads);
                let m = (0..3)
                    .find(|&m| st.valid(m) && costs[m] == 0)
                    .expect("zero-cost move");
                if let Some((h, d)) = st.apply(m) {
                    st.attach(h, d, 0);
                    arcs += 1;
                }
            }
            assert_eq!(arcs, n);
            assert_eq!(st.heads, heads);
        }
    }

    #[test]
    fn dynamic_oracle_costs_count_lost_arcs() {
        // gold: 0 ← 1 → 2, 1 is the root (n = 3)
        let gold = [1, 3, 1];
        let mut st = State::new(3);
        st.apply(SHIFT); // stack [0], buffer 1 2 R
        let c = st.costs(&gold);
        assert_eq!(c[LEFT], 0, "1 is the head of 0");
        assert_eq!(c[SHIFT], 1, "shifting 1 loses 1 → 0");
        assert_eq!(c[RIGHT], u32::MAX, "RIGHT needs two stack items");
        st.apply(SHIFT); // stack [0 1], buffer 2 R: 0's head 1 is now unreachable
        let c = st.costs(&gold);
        assert_eq!(c[RIGHT], 2, "RIGHT pops 1, losing 1 → 2 and R → 1");
        assert_eq!(c[LEFT], 2, "LEFT pops 1 under 2, losing both");
        assert_eq!(c[SHIFT], 0);
    }

    #[test]
    fn forced_moves_are_the_only_valid_ones() {
        let mut st = State::new(3);
        assert_eq!(st.only_move(), Some(SHIFT), "an empty stack can only shift");
        st.apply(SHIFT); // stack [0], buffer 1 2 R
        assert_eq!(st.only_move(), None, "SHIFT or LEFT");
        st.apply(SHIFT);
        st.apply(SHIFT); // stack [0 1 2], buffer R
        assert_eq!(
            st.only_move(),
            Some(RIGHT),
            "only the root is left in the buffer"
        );
        st.apply(RIGHT);
        st.apply(RIGHT); // stack [0], buffer R
        assert_eq!(
            st.only_move(),
            Some(LEFT),
            "the last word goes under the root"
        );
        st.apply(LEFT);
        assert!(st.terminal());
        // whatever the scores, the greedy choice among valid moves is the forced move
        let mut st = State::new(2);
        for scores in [[0.0, 5.0, 9.0], [-1.0, 0.0, 0.0], [3.0, -2.0, 1.0]] {
            let forced = st.only_move().expect("a forced state");
            assert_eq!(argmax_where(&scores, |m| st.valid(m)), Some(forced));
        }
        st.apply(SHIFT);
        st.apply(SHIFT);
        for scores in [[9.0, 5.0, 0.0], [0.0, 1.0, -3.0]] {
            assert_eq!(st.only_move(), Some(RIGHT));
            assert_eq!(argmax_where(&scores, |m| st.valid(m)), Some(RIGHT));
        }
    }
}

/// Sentences longer than this keep the parser's punctuation arcs: [`attach_punctuation`]
/// takes time polynomial in the length, and such "sentences" are lists or markup.
pub const MAX_PUNCT_FIX_WORDS: usize = 120;

/// Paired punctuation: opening mark → closing mark.
const PAIRED: &[(&str, &str)] = &[
    ("(", ")"),
    ("[", "]"),
    ("{", "}"),
    ("\"", "\""),
    ("'", "'"),
    ("\u{201C}", "\u{201D}"),
    ("\u{2018}", "\u{2019}"),
    ("`", "'"),
    ("``", "''"),
];

/// Reattaches punctuation the way Universal Dependencies treebanks are normalised (the
/// `ud.FixPunct` rules of Udapi): paired marks (brackets, quotes) to the outermost words
/// between them, and every other mark to the highest word next to it that keeps the tree
/// projective, on the side of the unit it belongs to. Words attached to punctuation first
/// move up to the nearest word that is not. With `keep_if_valid`, a mark already attached
/// to one of its projective candidates stays where it is.
///
/// `heads` are 0-based with `None` for the root; `punct[i]` says whether word `i` is
/// punctuation.
pub fn attach_punctuation(
    forms: &[&str],
    punct: &[bool],
    heads: &mut [Option<usize>],
    keep_if_valid: bool,
) {
    let n = forms.len();
    // 1. no punctuation heads
    for i in 0..n {
        let mut steps = 0;
        while let Some(h) = heads[i] {
            if !punct[h] || steps > n {
                break;
            }
            heads[i] = heads[h];
            steps += 1;
        }
        if heads[i] == Some(i) {
            heads[i] = None;
        }
    }
    // 2. paired marks
    let mut kind = vec![0u8; n]; // 1 opening, 2 closing
    for i in 0..n {
        if kind[i] == 2 || !punct[i] {
            continue;
        }
        let Some(&(open, close)) = PAIRED.iter().find(|(o, _)| *o == forms[i]) else {
            continue;
        };
        let mut depth = 0;
        let mut j = None;
        for (k, f) in forms.iter().enumerate().skip(i + 1) {
            if *f == close {
                if depth == 0 {
                    j = Some(k);
                    break;
                }
                depth -= 1;
            } else if *f == open {
                depth += 1;
            }
        }
        let Some(j) = j else { continue };
        let outside = |h: Option<usize>| h.is_none_or(|h| h < i || h > j);
        let mut inner: Vec<usize> = (i + 1..j)
            .filter(|&k| !punct[k] && outside(heads[k]))
            .collect();
        if inner.is_empty() {
            inner = (i + 1..j).filter(|&k| outside(heads[k])).collect();
        }
        if inner.is_empty() {
            continue;
        }
        heads[i] = Some(inner[0]);
        heads[j] = Some(*inner.last().expect("not empty"));
        kind[i] = 1;
        kind[j] = 2;
    }
    // 3. every other mark
    for p in 0..n {
        if !punct[p] || kind[p] != 0 {
            continue;
        }
        if forms[p] == "." && p > 0 && heads[p] == Some(p - 1) {
            continue;
        }
        if has_children(heads, p) {
            continue;
        }
        // a comma or dash pair around a unit ("Smith , the minister ,") stays as it is
        if let Some(h) = heads[p] {
            let (lo, hi) = subtree_span(heads, h);
            if (p == lo || p == hi)
                && punct[lo]
                && punct[hi]
                && lo != hi
                && heads[lo] == Some(h)
                && heads[hi] == Some(h)
                && subtree_size(heads, h) == hi - lo + 1
            {
                continue;
            }
        }
        let final_mark = matches!(forms[p], "." | "?" | "!");
        let mut l = p.checked_sub(1);
        while let Some(k) = l {
            if !punct[k] {
                break;
            }
            if kind[k] == 1 && heads[k] != Some(p) {
                l = None;
                break;
            }
            l = k.checked_sub(1);
        }
        let mut r = if final_mark || p + 1 >= n {
            None
        } else {
            Some(p + 1)
        };
        while let Some(k) = r {
            if !punct[k] {
                break;
            }
            if kind[k] == 2 && heads[k] != Some(p) {
                r = None;
                break;
            }
            r = if k + 1 < n { Some(k + 1) } else { None };
        }
        let mut l_path = Vec::new();
        if let Some(mut c) = l {
            l_path.push(c);
            while let Some(h) = heads[c] {
                if h < p && subtree_span(heads, c).1 < p {
                    c = h;
                    l_path.push(c);
                } else {
                    break;
                }
            }
        }
        let mut r_path = Vec::new();
        if let Some(mut c) = r {
            r_path.push(c);
            while let Some(h) = heads[c] {
                if h > p && subtree_span(heads, c).0 > p {
                    c = h;
                    r_path.push(c);
                } else {
                    break;
                }
            }
        }
        let original = heads[p];
        let mut projective = |c: usize| {
            heads[p] = Some(c);
            let ok = arc_is_projective(heads, punct, p);
            heads[p] = original;
            ok
        };
        l_path.retain(|&c| projective(c));
        r_path.retain(|&c| projective(c));
        let (lc, rc) = (l_path.last().copied(), r_path.last().copied());
        let cand = match (lc, rc) {
            (Some(a), Some(b)) if is_descendant(heads, a, b) => a,
            (Some(a), Some(b)) if is_descendant(heads, b, a) => b,
            (Some(a), _) => a,
            (None, Some(b)) => b,
            (None, None) => continue,
        };
        let on_path = original.is_some_and(|o| l_path.contains(&o) || r_path.contains(&o));
        if !(keep_if_valid && on_path) {
            heads[p] = Some(cand);
        }
    }
}

fn has_children(heads: &[Option<usize>], i: usize) -> bool {
    heads.contains(&Some(i))
}

/// Whether `a` is a descendant of `b` (or `b` itself).
fn is_descendant(heads: &[Option<usize>], mut a: usize, b: usize) -> bool {
    for _ in 0..=heads.len() {
        if a == b {
            return true;
        }
        match heads[a] {
            Some(h) => a = h,
            None => return false,
        }
    }
    false
}

/// Leftmost and rightmost word of the subtree of `i`.
fn subtree_span(heads: &[Option<usize>], i: usize) -> (usize, usize) {
    let (mut lo, mut hi) = (i, i);
    for k in 0..heads.len() {
        if (k < lo || k > hi) && is_descendant(heads, k, i) {
            lo = lo.min(k);
            hi = hi.max(k);
        }
    }
    (lo, hi)
}

fn subtree_size(heads: &[Option<usize>], i: usize) -> usize {
    (0..heads.len())
        .filter(|&k| is_descendant(heads, k, i))
        .count()
}

/// Whether the arc to `p` is projective (every word between it and its head descends from
/// the head) and `p` sits in no gap of a word's arc (punctuation arcs aside, which are
/// fixed one at a time).
fn arc_is_projective(heads: &[Option<usize>], punct: &[bool], p: usize) -> bool {
    let Some(h) = heads[p] else { return true };
    let (lo, hi) = if h < p { (h, p) } else { (p, h) };
    if (lo + 1..hi).any(|k| !is_descendant(heads, k, h)) {
        return false;
    }
    heads.iter().enumerate().all(|(d, &g)| {
        let Some(g) = g else { return true };
        let (lo, hi) = if g < d { (g, d) } else { (d, g) };
        punct[d] || !(lo < p && p < hi) || is_descendant(heads, p, g)
    })
}

#[cfg(test)]
mod punct_tests {
    use super::*;

    fn fixed(forms: &[&str], heads: &[Option<usize>]) -> Vec<Option<usize>> {
        let punct: Vec<bool> = forms
            .iter()
            .map(|f| f.chars().all(|c| c.is_ascii_punctuation()))
            .collect();
        let mut heads = heads.to_vec();
        attach_punctuation(forms, &punct, &mut heads, false);
        heads
    }

    #[test]
    fn final_mark_goes_to_the_root_and_quotes_to_the_quoted_words() {
        // He said " yes " .   (parser put both quotes and the period on "He")
        let forms = ["He", "said", "\"", "yes", "\"", "."];
        let heads = [Some(1), None, Some(0), Some(1), Some(0), Some(0)];
        let out = fixed(&forms, &heads);
        assert_eq!(out[2], Some(3), "opening quote → the quoted word");
        assert_eq!(out[4], Some(3), "closing quote → the quoted word");
        assert_eq!(out[5], Some(1), "period → the root");
        assert_eq!(&out[..2], &heads[..2], "other words keep their heads");
    }

    #[test]
    fn words_attached_to_punctuation_move_up() {
        // Russia , France   with "France" wrongly under the comma
        let forms = ["Russia", ",", "France"];
        let heads = [None, Some(0), Some(1)];
        let out = fixed(&forms, &heads);
        assert_eq!(out[2], Some(0), "France moves to the comma's head");
        assert_eq!(out[1], Some(2), "the comma goes to the conjunct after it");
    }
}
