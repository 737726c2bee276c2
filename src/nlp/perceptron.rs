//! Multi-class averaged perceptron over hashed sparse binary features, shared by the NLP models.
//!
//! The tagger, the parser and the named-entity recogniser are all the same learner: a
//! linear model whose features are present/absent facts about a token or a parser state
//! ("the word is *sent*", "the previous tag is DET and this word ends in *-ed*"). Each
//! feature is a 64-bit key; each key that ever mattered owns one dense row of per-class
//! weights. Scoring is summing the rows of the active features.
//!
//! # Life cycle
//!
//! 1. **Features.** Describe each decision as a list of keys made with [`feature`] from a
//!    template id (a small number naming *what* the feature looks at, unique within a
//!    model) and the values it looks at, which are first hashed with [`hash_str`] (for
//!    strings) or given as ids. Hash the strings of a sentence once and combine the
//!    hashes per decision: that is what keeps feature extraction cheap.
//! 2. **Training.** A [`Perceptron`] learns from one decision at a time with
//!    [`Perceptron::update`] (or [`Perceptron::train_one`]). It keeps the running sums
//!    that averaging needs, lazily, with one timestamp per row.
//! 3. **Freezing.** [`Perceptron::average`] turns the learner into a compact, read-only
//!    [`Model`]: averaged weights, rows whose weights are all close to zero dropped.
//! 4. **Shipping.** [`Model::to_bytes`]/[`Model::write_to`] and
//!    [`Model::from_bytes`]/[`Model::read_from`] store a model in a small binary format
//!    (magic, version, class names, rows with per-row quantised weights, checksum).
//!    Corrupt or truncated data gives [`Error::Model`], never a panic.
//!
//! ```
//! use kgforge::nlp::perceptron::{feature, hash_str, Perceptron, Model};
//!
//! // Two classes: 0 = "short word", 1 = "long word"; one feature template: the word itself.
//! const WORD: u32 = 1;
//! let data = [("a", 0), ("an", 0), ("elephant", 1), ("hippopotamus", 1)];
//! let mut learner = Perceptron::new(vec!["short".into(), "long".into()]);
//! for _epoch in 0..5 {
//!     for (word, class) in data {
//!         learner.train_one(&[feature(WORD, &[hash_str(word)])], class);
//!     }
//! }
//! let model = learner.average(0.0);
//! let bytes = model.to_bytes();
//! let model = Model::from_bytes("toy", &bytes)?;
//! assert_eq!(model.predict(&[feature(WORD, &[hash_str("elephant")])]), 1);
//! assert_eq!(model.class_name(model.predict(&[feature(WORD, &[hash_str("a")])])), "short");
//! # Ok::<(), kgforge::Error>(())
//! ```
//!
//! # Determinism
//!
//! Hashing is a fixed function of the bytes (no per-process random seed), training visits
//! data in the caller's order, and ties in [`Model::predict`] go to the lowest class index,
//! so the same data gives the same model and the same model gives the same output.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::Write;

use crate::error::{Error, Result};

/// The multiplier of FxHash (rustc's hasher): odd, with well spread bits.
const FX_K: u64 = 0x517c_c1b7_2722_0a95;

/// One FxHash step: folds `word` into the running hash `h`.
#[inline]
fn fx_step(h: u64, word: u64) -> u64 {
    (h.rotate_left(5) ^ word).wrapping_mul(FX_K)
}

/// The 64-bit finaliser of MurmurHash3: spreads FxHash's weak low bits before a key picks
/// a table slot.
#[inline]
fn fmix64(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^= k >> 33;
    k
}

/// Hashes a string to 64 bits, deterministically (the same on every run and machine).
///
/// Use it once per distinct string of a sentence (word form, lowercase form, suffix…) and
/// combine the results with [`feature`].
#[inline]
pub fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

/// Hashes bytes to 64 bits, deterministically. [`hash_str`] is this over UTF-8.
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = fx_step(0, bytes.len() as u64);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = fx_step(h, u64::from_le_bytes(word));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        h = fx_step(h, u64::from_le_bytes(word));
    }
    fmix64(h)
}

/// Makes a feature key from a template id and the values the template looks at.
///
/// `template` names what the feature is (e.g. `7` = "word two to the left + current
/// suffix"); it must be unique per feature kind within a model, so that the same values
/// under different templates make different keys. `parts` are string hashes from
/// [`hash_str`] or small ids (tag indices, distances); their order matters.
/// The result is never 0 (0 marks empty slots of a [`Model`]'s table).
#[inline]
pub fn feature(template: u32, parts: &[u64]) -> u64 {
    let mut h = fx_step(0x9e37_79b9_7f4a_7c15, template as u64);
    for &p in parts {
        h = fx_step(h, p);
    }
    let key = fmix64(h);
    if key == 0 {
        1
    } else {
        key
    }
}

/// A hasher for maps keyed by feature keys, which are already well mixed.
#[derive(Default, Clone, Copy)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = fx_step(self.0, b as u64);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type KeyMap = HashMap<u64, u32, BuildHasherDefault<KeyHasher>>;

/// The index of the highest score, ties to the lowest index; `None` when `scores` is empty.
pub fn argmax(scores: &[f32]) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (i, &s) in scores.iter().enumerate() {
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}

/// The index of the highest score among classes where `allowed` is true, ties to the
/// lowest index; `None` when nothing is allowed.
pub fn argmax_where(scores: &[f32], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (i, &s) in scores.iter().enumerate() {
        if allowed(i) && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}

/// A perceptron being trained: current weights plus the running sums for averaging.
///
/// Rows are created the first time a feature takes part in an update, so features that
/// never mattered cost nothing. Averaging is lazy: each row remembers when it last
/// changed, and its sums catch up only when it changes again (or at [`Self::average`]).
#[derive(Debug, Clone)]
pub struct Perceptron {
    classes: Vec<String>,
    index: KeyMap,
    /// Current weights, `rows × classes`, row-major.
    weights: Vec<f32>,
    /// Sum over time of each weight, up to the row's timestamp.
    totals: Vec<f64>,
    /// When each row's totals were last brought up to date.
    stamps: Vec<u64>,
    /// Number of training instances seen (the averaging clock).
    time: u64,
    /// Updates a feature must take part in before it gets a row (1 = at once).
    min_updates: u8,
    /// Update counts of features without a row yet.
    pending: HashMap<u64, u8, BuildHasherDefault<KeyHasher>>,
}

impl Perceptron {
    /// A learner for the given classes (their names are stored in the model).
    ///
    /// # Panics
    /// If there are no classes or more than 65,535 (a programming error, not bad input).
    pub fn new(classes: Vec<String>) -> Self {
        assert!(
            !classes.is_empty() && classes.len() <= u16::MAX as usize,
            "a perceptron needs 1..=65535 classes"
        );
        Perceptron {
            classes,
            index: KeyMap::default(),
            weights: Vec::new(),
            totals: Vec::new(),
            stamps: Vec::new(),
            time: 0,
            min_updates: 1,
            pending: HashMap::default(),
        }
    }

    /// Makes a feature wait until it has taken part in `n` updates before it gets a row
    /// (its first `n - 1` updates are dropped). Features that matter once or twice in a
    /// whole training run are mostly noise, and without them a model is several times
    /// smaller; `1` (the default) gives every updated feature a row at once.
    pub fn with_min_updates(mut self, n: u8) -> Self {
        self.min_updates = n.max(1);
        self
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.classes.len()
    }

    /// Class names, by index.
    pub fn classes(&self) -> &[String] {
        &self.classes
    }

    /// Number of feature rows so far.
    pub fn n_rows(&self) -> usize {
        self.stamps.len()
    }

    /// Number of training instances seen so far.
    pub fn instances(&self) -> u64 {
        self.time
    }

    /// Writes the current (not averaged) score of every class into `scores`.
    ///
    /// # Panics
    /// If `scores.len()` is not the number of classes.
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        let n = self.classes.len();
        assert_eq!(scores.len(), n, "scores must have one slot per class");
        scores.fill(0.0);
        for key in features {
            if let Some(&row) = self.index.get(key) {
                let w = &self.weights[row as usize * n..(row as usize + 1) * n];
                for (s, w) in scores.iter_mut().zip(w) {
                    *s += w;
                }
            }
        }
    }

    /// The class with the highest current score (ties to the lowest index).
    pub fn predict(&self, features: &[u64]) -> usize {
        let mut scores = vec![0.0; self.classes.len()];
        self.score(features, &mut scores);
        argmax(&scores).unwrap_or(0)
    }

    /// A new zero row of weights for feature `key`, stamped at instance `now`.
    fn add_row(&mut self, key: u64, now: u64) -> usize {
        let n = self.classes.len();
        let row = self.stamps.len();
        self.index.insert(key, row as u32);
        self.weights.resize(self.weights.len() + n, 0.0);
        self.totals.resize(self.totals.len() + n, 0.0);
        self.stamps.push(now);
        row
    }

    /// Records one training instance: if `guess` differs from `truth`, every feature's
    /// weight for `truth` goes up by one and for `guess` down by one.
    ///
    /// Call it for every instance, right or wrong: the instance count is the averaging
    /// clock. With a dynamic oracle, `truth` is the best-scoring correct action.
    ///
    /// # Panics
    /// If a class index is out of range.
    pub fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        let n = self.classes.len();
        assert!(truth < n && guess < n, "class index out of range");
        // Collins' average is the mean of the weights after each instance, so an update
        // made at this instance counts from this instance on: stamp it with the number of
        // instances before it
        let now = self.time;
        self.time += 1;
        if truth == guess {
            return;
        }
        for &key in features {
            let row = match self.index.get(&key) {
                Some(&row) => row as usize,
                None if self.min_updates > 1 => {
                    let seen = self.pending.entry(key).or_insert(0);
                    *seen += 1;
                    if *seen < self.min_updates {
                        continue;
                    }
                    self.pending.remove(&key);
                    self.add_row(key, now)
                }
                None => self.add_row(key, now),
            };
            let elapsed = (now - self.stamps[row]) as f64;
            if elapsed > 0.0 {
                let w = &self.weights[row * n..(row + 1) * n];
                let t = &mut self.totals[row * n..(row + 1) * n];
                for (t, &w) in t.iter_mut().zip(w) {
                    *t += elapsed * w as f64;
                }
                self.stamps[row] = now;
            }
            self.weights[row * n + truth] += 1.0;
            self.weights[row * n + guess] -= 1.0;
        }
    }

    /// Predicts with the current weights, learns from the answer, and returns the prediction.
    pub fn train_one(&mut self, features: &[u64], truth: usize) -> usize {
        let guess = self.predict(features);
        self.update(features, truth, guess);
        guess
    }

    /// Freezes the learner into a [`Model`] with averaged weights.
    ///
    /// Rows whose averaged weights are all below `prune_below` in absolute value are
    /// dropped: they hardly change any decision and would only make the model bigger.
    /// `0.0` keeps every row with a non-zero weight.
    pub fn average(&self, prune_below: f32) -> Model {
        let n = self.classes.len();
        let time = self.time.max(1) as f64;
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        // a fixed row order makes the model bytes a function of the weights alone
        keys.sort_unstable_by_key(|&(k, _)| k);
        let mut model = Model::empty(self.classes.clone());
        let mut averaged = vec![0f32; n];
        for (key, row) in keys {
            let row = row as usize;
            let elapsed = (self.time - self.stamps[row]) as f64;
            let mut keep = false;
            let weights = &self.weights[row * n..(row + 1) * n];
            let totals = &self.totals[row * n..(row + 1) * n];
            for ((slot, &w), &total) in averaged.iter_mut().zip(weights).zip(totals) {
                let avg = ((total + elapsed * w as f64) / time) as f32;
                *slot = avg;
                if avg != 0.0 && avg.abs() >= prune_below {
                    keep = true;
                }
            }
            if keep {
                model.push_row(key, &averaged);
            }
        }
        model.build_table();
        model
    }
}

/// How [`Model::write_to`] stores weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Precision {
    /// 16-bit integers with one scale per row: half the size of floats, no measurable loss.
    #[default]
    I16,
    /// 8-bit integers with one scale per row: a quarter of the size; check accuracy.
    I8,
    /// 32-bit floats, exact.
    F32,
}

impl Precision {
    fn code(self) -> u8 {
        match self {
            Precision::F32 => 0,
            Precision::I16 => 1,
            Precision::I8 => 2,
        }
    }

    fn from_code(code: u8) -> Option<Self> {
        match code {
            0 => Some(Precision::F32),
            1 => Some(Precision::I16),
            2 => Some(Precision::I8),
            _ => None,
        }
    }

    /// Bytes per stored weight.
    fn width(self) -> usize {
        match self {
            Precision::F32 => 4,
            Precision::I16 => 2,
            Precision::I8 => 1,
        }
    }
}

/// Models with at most this many classes keep their weights inside the table slots.
const INLINE: usize = 3;

/// The largest share of a table's slots that may be full (as a fraction `NUM / DEN`).
const LOAD_NUM: usize = 2;
const LOAD_DEN: usize = 3;

/// Where a feature key lives in a table of `mask + 1` slots, and the 31-bit tag that
/// identifies it there (never 0, which marks an empty slot).
///
/// The table index comes from the low bits of the mixed key and the tag from its high 32,
/// so together they compare about 50 bits of the key: two features of one model that
/// agree on all of them are vanishingly rare (see [`Model`]).
#[inline]
fn home_and_tag(key: u64, mask: usize) -> (usize, u32) {
    let h = fmix64(key);
    (h as usize & mask, ((h >> 32) as u32) | 1)
}

/// One slot of the lookup table of a model with many classes: a key's tag and its row
/// (tag 0 = empty). Eight bytes, so a cache line holds eight slots.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Slot {
    tag: u32,
    row: u32,
}

/// One slot of the lookup table of a model with at most [`INLINE`] classes (the parser's
/// moves): a 16-bit tag of the key and the row's weights themselves as 16-bit multiples of
/// one scale for the whole model, so that a lookup touches one cache line instead of two.
/// Eight bytes, eight to a cache line: the table of the parser's move model is half the
/// size it would be with float weights, and its random lookups miss the caches and the
/// TLB less often.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
#[repr(C, align(8))]
struct InlineSlot {
    tag: u16,
    weights: [i16; INLINE],
}

/// The slot index and 16-bit tag (never 0) of a key in an inline table of `mask + 1`
/// slots. The index takes low bits of the mixed key, the tag its top 16, so a key the
/// model does not have matches a slot it probes about once in 65,535 comparisons.
#[inline]
fn home_and_tag16(key: u64, mask: usize) -> (usize, u16) {
    let h = fmix64(key);
    (h as usize & mask, ((h >> 48) as u16).max(1))
}

/// Weights of a model read from 8- or 16-bit data, kept at that width for scoring: one
/// block per row, its scale followed by its quantised weights, blocks aligned to cache
/// lines (a power of two of bytes up to 64, else whole lines). A row then costs one or two
/// cache misses where separate arrays of weights and scales cost two or three, a quarter
/// (or half) of the memory of floats means fewer misses still, and `q as f32 * scale` is
/// exactly the float the model holds, so scores are the same to the bit.
#[derive(Debug)]
struct Packed {
    /// The blocks, from `start` on.
    bytes: Vec<u8>,
    /// Offset of the first block in `bytes`: the first address there that is a multiple
    /// of 64.
    start: usize,
    /// Bytes per block.
    stride: usize,
    /// Whether weights are 16-bit (else 8-bit).
    wide: bool,
    /// Weights per row.
    n: usize,
}

impl Packed {
    /// Zeroed blocks for `rows` rows of `n` weights of 8 or 16 bits.
    fn new(rows: usize, n: usize, wide: bool) -> Self {
        let need = 4 + n * if wide { 2 } else { 1 };
        let stride = if need <= 64 {
            need.next_power_of_two()
        } else {
            need.div_ceil(64) * 64
        };
        let bytes = vec![0u8; rows * stride + 64];
        // only the address is read, to align the blocks to cache lines
        let start = (64 - bytes.as_ptr() as usize % 64) % 64;
        Packed {
            bytes,
            start,
            stride,
            wide,
            n,
        }
    }

    fn rows(&self) -> usize {
        (self.bytes.len() - 64) / self.stride
    }

    /// The block of row `r`.
    #[inline]
    fn block(&self, r: usize) -> &[u8] {
        let at = self.start + r * self.stride;
        &self.bytes[at..at + self.stride]
    }

    fn block_mut(&mut self, r: usize) -> &mut [u8] {
        let at = self.start + r * self.stride;
        &mut self.bytes[at..at + self.stride]
    }

    /// Adds rows `rows` (`q as f32 * scale`) to `scores`.
    #[inline]
    fn add_rows(&self, rows: &[u32], scores: &mut [f32]) {
        for &r in rows {
            let block = self.block(r as usize);
            let scale = f32::from_le_bytes([block[0], block[1], block[2], block[3]]);
            if self.wide {
                let q = &block[4..4 + 2 * scores.len()];
                for (s, q) in scores.iter_mut().zip(q.chunks_exact(2)) {
                    *s += i16::from_le_bytes([q[0], q[1]]) as f32 * scale;
                }
            } else {
                let q = &block[4..4 + scores.len()];
                for (s, &q) in scores.iter_mut().zip(q) {
                    *s += q as i8 as f32 * scale;
                }
            }
        }
    }

    /// The used bytes of every block, in row order.
    fn content(&self) -> impl Iterator<Item = &[u8]> {
        let used = 4 + self.n * if self.wide { 2 } else { 1 };
        (0..self.rows()).map(move |r| &self.block(r)[..used])
    }
}

impl Clone for Packed {
    /// A copy with its own cache-line alignment.
    fn clone(&self) -> Self {
        let mut out = Packed::new(self.rows(), self.n, self.wide);
        for r in 0..self.rows() {
            out.block_mut(r).copy_from_slice(self.block(r));
        }
        out
    }
}

impl PartialEq for Packed {
    fn eq(&self, other: &Self) -> bool {
        self.wide == other.wide && self.n == other.n && self.content().eq(other.content())
    }
}

/// A trained, read-only perceptron: averaged weights in dense per-feature rows.
///
/// Lookups go through an open-addressing table (linear probing, at most two thirds full)
/// of small slots: a 31-bit tag of the key and the row number or, for models with at most
/// three classes, a 16-bit tag and the weights themselves. (Models read from files key on
/// the low 32 bits of each feature key, see [`Model::write_to`].) A feature whose index and tag both
/// equal those of an earlier feature of the model (about one chance in 10^4 per model of
/// a few hundred thousand rows) is left out of the table, and a feature the model does
/// not have can, as rarely, be taken for one it has; either changes a score by one row.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    classes: Vec<String>,
    keys: Vec<u64>,
    /// Weights, `rows × classes`, row-major.
    weights: Vec<f32>,
    /// The same weights at their stored width, when the model was read from 8/16-bit data
    /// and has more than [`INLINE`] classes.
    packed: Option<Packed>,
    /// The lookup table of a model with more than [`INLINE`] classes (else empty).
    table: Vec<Slot>,
    /// The lookup table of a model with at most [`INLINE`] classes (else empty).
    inline: Vec<InlineSlot>,
    /// The weight of one unit of [`InlineSlot::weights`].
    inline_scale: f32,
    /// Whether `keys` are in increasing order (as [`Model::average`], [`Model::mean`]
    /// and the files they make leave them), for [`Model::row`] of inline models.
    keys_sorted: bool,
    /// Table length - 1 (the table length is a power of two).
    mask: usize,
    /// The bits of a feature key the model keys on: all 64, or the low 32 for a model read
    /// from a file that stores 32-bit keys.
    key_mask: u64,
}

/// File signature of a serialised [`Model`].
const MAGIC: &[u8; 8] = b"KGFPRCPT";
/// Format version written by this code: 32-bit feature keys. [`Model::read_from`] also
/// reads version 1, with 64-bit keys.
const VERSION: u32 = 2;
/// The version with 64-bit feature keys.
const VERSION_LONG_KEYS: u32 = 1;

impl Model {
    /// The mean of several models over the same classes: each feature's row is the mean of
    /// its rows in the models (absent = zeros), and rows whose mean weights are all below
    /// `prune_below` are dropped. Scoring with the mean model is scoring with all of them
    /// at once (a linear ensemble) at the cost of one model; perceptrons trained on the
    /// same data in different orders make different mistakes, and their mean makes fewer.
    ///
    /// # Panics
    /// If `models` is empty or their classes differ (a programming error).
    pub fn mean(models: &[Model], prune_below: f32) -> Model {
        let first = models.first().expect("at least one model");
        assert!(
            models
                .iter()
                .all(|m| m.classes == first.classes && m.key_mask == first.key_mask),
            "models over different classes"
        );
        let n = first.classes.len();
        let mut sums: HashMap<u64, Vec<f32>, BuildHasherDefault<KeyHasher>> = HashMap::default();
        for m in models {
            for (r, &key) in m.keys.iter().enumerate() {
                let row = sums.entry(key).or_insert_with(|| vec![0.0; n]);
                for (s, w) in row.iter_mut().zip(&m.weights[r * n..(r + 1) * n]) {
                    *s += w;
                }
            }
        }
        let mut keys: Vec<u64> = sums.keys().copied().collect();
        keys.sort_unstable();
        let k = models.len() as f32;
        let mut out = Model::empty(first.classes.clone());
        out.key_mask = first.key_mask;
        for key in keys {
            let row: Vec<f32> = sums[&key].iter().map(|w| w / k).collect();
            if row.iter().any(|w| *w != 0.0 && w.abs() >= prune_below) {
                out.push_row(key, &row);
            }
        }
        out.build_table();
        out
    }

    fn empty(classes: Vec<String>) -> Self {
        Model {
            classes,
            keys: Vec::new(),
            weights: Vec::new(),
            packed: None,
            table: Vec::new(),
            inline: Vec::new(),
            inline_scale: 1.0,
            keys_sorted: true,
            mask: 0,
            key_mask: u64::MAX,
        }
    }

    fn push_row(&mut self, key: u64, weights: &[f32]) {
        self.keys.push(key);
        self.weights.extend_from_slice(weights);
    }

    /// Builds the lookup table over `keys`; returns false on a duplicate key.
    fn build_table(&mut self) -> bool {
        let size = (self.keys.len() * LOAD_DEN / LOAD_NUM + 1)
            .next_power_of_two()
            .max(16);
        self.mask = size - 1;
        self.keys_sorted = self.keys.windows(2).all(|w| w[0] < w[1]);
        if self.classes.len() <= INLINE {
            return self.build_inline_table(size);
        }
        // the row of each slot while building, to tell a duplicate key from a tag collision
        let mut rows = vec![u32::MAX; size];
        let mut tags = vec![0u32; size];
        for (row, &key) in self.keys.iter().enumerate() {
            let (mut i, tag) = home_and_tag(key, self.mask);
            loop {
                if tags[i] == 0 {
                    tags[i] = tag;
                    rows[i] = row as u32;
                    break;
                }
                if tags[i] == tag {
                    if self.keys[rows[i] as usize] == key {
                        return false;
                    }
                    // a different key with the same index and tag: unreachable, left out
                    break;
                }
                i = (i + 1) & self.mask;
            }
        }
        self.inline = Vec::new();
        self.table = tags
            .iter()
            .zip(&rows)
            .map(|(&tag, &row)| Slot { tag, row })
            .collect();
        true
    }

    /// [`Self::build_table`] for a model with at most [`INLINE`] classes: the weights go
    /// into the slots, as multiples of one scale (the largest weight / 32,767).
    fn build_inline_table(&mut self, size: usize) -> bool {
        let n = self.classes.len();
        let max = self.weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let top = i16::MAX as f32;
        self.inline_scale = if max > 0.0 { max / top } else { 1.0 };
        let scale = self.inline_scale;
        // the row of each slot while building, to tell a duplicate key from a tag collision
        let mut rows = vec![u32::MAX; size];
        let mut slots = vec![InlineSlot::default(); size];
        for (row, &key) in self.keys.iter().enumerate() {
            let (mut i, tag) = home_and_tag16(key, self.mask);
            loop {
                let slot = &mut slots[i];
                if slot.tag == 0 {
                    slot.tag = tag;
                    let weights = &self.weights[row * n..(row + 1) * n];
                    for (q, w) in slot.weights.iter_mut().zip(weights) {
                        *q = (w / scale).round().clamp(-top, top) as i16;
                    }
                    rows[i] = row as u32;
                    break;
                }
                if slot.tag == tag {
                    if self.keys[rows[i] as usize] == key {
                        return false;
                    }
                    // a different key with the same index and tag: unreachable, left out
                    break;
                }
                i = (i + 1) & self.mask;
            }
        }
        self.table = Vec::new();
        self.inline = slots;
        true
    }

    /// The row of weights of a feature, if the model has one. (A model with at most
    /// [`INLINE`] classes scores with these weights rounded to 16-bit steps of one scale.)
    #[inline]
    pub fn row(&self, key: u64) -> Option<&[f32]> {
        let n = self.classes.len();
        let r = if n <= INLINE {
            let key = key & self.key_mask;
            if self.keys_sorted {
                self.keys.binary_search(&key).ok()?
            } else {
                self.keys.iter().position(|&k| k == key)?
            }
        } else {
            self.row_index(key)? as usize
        };
        Some(&self.weights[r * n..(r + 1) * n])
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.classes.len()
    }

    /// Class names, by index.
    pub fn classes(&self) -> &[String] {
        &self.classes
    }

    /// The name of class `class`.
    ///
    /// # Panics
    /// If `class` is out of range.
    pub fn class_name(&self, class: usize) -> &str {
        &self.classes[class]
    }

    /// The index of the class named `name`.
    pub fn class_index(&self, name: &str) -> Option<usize> {
        self.classes.iter().position(|c| c == name)
    }

    /// Number of feature rows.
    pub fn n_rows(&self) -> usize {
        self.keys.len()
    }

    /// Writes the score of every class into `scores` (which must have one slot per
    /// class); features the model does not know contribute nothing.
    ///
    /// # Panics
    /// If `scores.len()` is not the number of classes.
    #[inline]
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        assert_eq!(
            scores.len(),
            self.classes.len(),
            "scores must have one slot per class"
        );
        scores.fill(0.0);
        if self.classes.len() <= INLINE {
            self.score_inline(features, scores);
        } else {
            self.score_rows(features, scores);
        }
    }

    // Lookups are memory-bound: a feature's slot is rarely in cache. Reading the home slots
    // of a whole batch first, in a loop of independent loads, lets the processor overlap
    // their cache misses; the adding loop then finds them in cache.

    /// [`Self::score`] for a model whose weights sit in the table: integer sums of the
    /// 16-bit weights, scaled once at the end.
    #[inline]
    fn score_inline(&self, features: &[u64], scores: &mut [f32]) {
        const BATCH: usize = 64;
        let mut homes = [0usize; BATCH];
        let mut tags = [0u16; BATCH];
        let mut seen = [0u16; BATCH];
        let mut sums = [0i32; INLINE];
        for chunk in features.chunks(BATCH) {
            for ((home, tag), &key) in homes.iter_mut().zip(&mut tags).zip(chunk) {
                (*home, *tag) = home_and_tag16(key & self.key_mask, self.mask);
            }
            for (seen, &home) in seen.iter_mut().zip(&homes[..chunk.len()]) {
                *seen = self.inline[home].tag;
            }
            for j in 0..chunk.len() {
                let i = if seen[j] == tags[j] {
                    homes[j]
                } else if seen[j] == 0 {
                    continue;
                } else {
                    let tag = tags[j] as u32;
                    match self.probe(&self.inline, |s| s.tag as u32, tag, homes[j]) {
                        Some(i) => i,
                        None => continue,
                    }
                };
                for (s, &w) in sums.iter_mut().zip(&self.inline[i].weights) {
                    *s += w as i32;
                }
            }
        }
        for (s, &sum) in scores.iter_mut().zip(&sums) {
            *s = sum as f32 * self.inline_scale;
        }
    }

    /// [`Self::score`] for a model whose table points to rows of weights.
    #[inline]
    fn score_rows(&self, features: &[u64], scores: &mut [f32]) {
        const BATCH: usize = 64;
        let n = scores.len();
        let mut homes = [0usize; BATCH];
        let mut tags = [0u32; BATCH];
        let mut seen = [Slot::default(); BATCH];
        let mut rows = [0u32; BATCH];
        for chunk in features.chunks(BATCH) {
            for ((home, tag), &key) in homes.iter_mut().zip(&mut tags).zip(chunk) {
                (*home, *tag) = home_and_tag(key & self.key_mask, self.mask);
            }
            for (seen, &home) in seen.iter_mut().zip(&homes[..chunk.len()]) {
                *seen = self.table[home];
            }
            let mut found = 0;
            for j in 0..chunk.len() {
                let row = if seen[j].tag == tags[j] {
                    seen[j].row
                } else if seen[j].tag == 0 {
                    continue;
                } else {
                    match self.probe(&self.table, |s| s.tag, tags[j], homes[j]) {
                        Some(i) => self.table[i].row,
                        None => continue,
                    }
                };
                rows[found] = row;
                found += 1;
            }
            let rows = &rows[..found];
            match &self.packed {
                Some(packed) => packed.add_rows(rows, scores),
                None => {
                    for &r in rows {
                        let r = r as usize;
                        let w = &self.weights[r * n..(r + 1) * n];
                        for (s, w) in scores.iter_mut().zip(w) {
                            *s += w;
                        }
                    }
                }
            }
        }
    }

    /// Linear probing in `table` for the slot with `tag`, from slot `start` on.
    #[inline]
    fn probe<S>(
        &self,
        table: &[S],
        tag_of: impl Fn(&S) -> u32,
        tag: u32,
        start: usize,
    ) -> Option<usize> {
        let mut i = start;
        loop {
            let t = tag_of(&table[i]);
            if t == tag {
                return Some(i);
            }
            if t == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The row number of a feature in a model with more than [`INLINE`] classes.
    #[inline]
    fn row_index(&self, key: u64) -> Option<u32> {
        let (home, tag) = home_and_tag(key & self.key_mask, self.mask);
        self.probe(&self.table, |s| s.tag, tag, home)
            .map(|i| self.table[i].row)
    }

    /// The class with the highest score (ties to the lowest index).
    pub fn predict(&self, features: &[u64]) -> usize {
        let mut scores = vec![0.0; self.classes.len()];
        self.score(features, &mut scores);
        argmax(&scores).unwrap_or(0)
    }

    /// The model in the binary format, weights as [`Precision::default`].
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.write_to(&mut out, Precision::default())
            .expect("writing to a Vec cannot fail");
        out
    }

    /// Writes the model in the binary format.
    ///
    /// Layout (little-endian): magic `KGFPRCPT`, version `u32`, precision `u8`, class
    /// count `u32`, each class name as `u16` length + UTF-8, row count `u32`; then per row,
    /// in increasing key order, the key's low 32 bits `u32`, a scale `f32` (absent for
    /// `F32`) and one weight per class; last, a `u64` checksum of everything before it.
    ///
    /// Feature keys are stored in 32 bits, which saves a third of a parser: of two
    /// features that agree on them (a dozen pairs among a few hundred thousand rows) only
    /// the one with the larger weights is kept, and a feature the model does not have
    /// matches one it has about once in 10,000 lookups, adding one row's small weights.
    pub fn write_to(&self, out: &mut impl Write, precision: Precision) -> std::io::Result<()> {
        let n = self.classes.len();
        let largest = |r: usize| {
            self.weights[r * n..(r + 1) * n]
                .iter()
                .fold(0f32, |m, w| m.max(w.abs()))
        };
        let mut order: Vec<(u32, usize)> = (0..self.keys.len())
            .map(|r| (self.keys[r] as u32, r))
            .filter(|&(k, _)| k != 0)
            .collect();
        order.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(largest(b.1).total_cmp(&largest(a.1)))
                .then(a.1.cmp(&b.1))
        });
        order.dedup_by_key(|&mut (k, _)| k);
        let mut buf = Vec::with_capacity(32 + order.len() * (8 + n * precision.width()));
        buf.extend_from_slice(MAGIC);
        buf.extend_from_slice(&VERSION.to_le_bytes());
        buf.push(precision.code());
        buf.extend_from_slice(&(self.classes.len() as u32).to_le_bytes());
        for name in &self.classes {
            let bytes = &name.as_bytes()[..name.len().min(u16::MAX as usize)];
            buf.extend_from_slice(&(bytes.len() as u16).to_le_bytes());
            buf.extend_from_slice(bytes);
        }
        buf.extend_from_slice(&(order.len() as u32).to_le_bytes());
        for (key, r) in order {
            buf.extend_from_slice(&key.to_le_bytes());
            let row = &self.weights[r * n..(r + 1) * n];
            let max = row.iter().fold(0f32, |m, w| m.max(w.abs()));
            match precision {
                Precision::F32 => {
                    for w in row {
                        buf.extend_from_slice(&w.to_le_bytes());
                    }
                }
                Precision::I16 | Precision::I8 => {
                    let top = if precision == Precision::I16 {
                        i16::MAX as f32
                    } else {
                        i8::MAX as f32
                    };
                    let scale = if max > 0.0 { max / top } else { 1.0 };
                    buf.extend_from_slice(&scale.to_le_bytes());
                    for w in row {
                        let q = (w / scale).round().clamp(-top, top);
                        if precision == Precision::I16 {
                            buf.extend_from_slice(&(q as i16).to_le_bytes());
                        } else {
                            buf.push(q as i8 as u8);
                        }
                    }
                }
            }
        }
        let sum = hash_bytes(&buf);
        buf.extend_from_slice(&sum.to_le_bytes());
        out.write_all(&buf)
    }

    /// Reads a model written by [`Self::to_bytes`]; the whole of `bytes` must be the model.
    /// `name` appears in errors.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Model> {
        let mut input = bytes;
        let model = Model::read_from(name, &mut input)?;
        if !input.is_empty() {
            return Err(model_error(
                name,
                format!("{} unexpected bytes after the model", input.len()),
            ));
        }
        Ok(model)
    }

    /// Reads one model from the front of `input` and advances `input` past it, so that a
    /// file can hold a model followed by other data. `name` appears in errors.
    pub fn read_from(name: &str, input: &mut &[u8]) -> Result<Model> {
        let start = *input;
        let mut r = Reader {
            name,
            bytes: start,
            pos: 0,
        };
        if r.take(8, "magic")? != MAGIC {
            return Err(model_error(name, "not a kgforge perceptron (bad magic)"));
        }
        let version = r.u32("version")?;
        if version != VERSION && version != VERSION_LONG_KEYS {
            return Err(model_error(
                name,
                format!("format version {version}, this build reads version {VERSION}; retrain or rebuild"),
            ));
        }
        let code = r.u8("precision")?;
        let precision = Precision::from_code(code)
            .ok_or_else(|| model_error(name, format!("unknown weight precision {code}")))?;
        let n_classes = r.u32("class count")? as usize;
        if n_classes == 0 || n_classes > u16::MAX as usize {
            return Err(model_error(
                name,
                format!("invalid class count {n_classes}"),
            ));
        }
        let mut classes = Vec::with_capacity(n_classes.min(r.remaining()));
        for _ in 0..n_classes {
            let len = r.u16("class name length")? as usize;
            let text = r.take(len, "class name")?;
            let text = std::str::from_utf8(text)
                .map_err(|_| model_error(name, "class name is not UTF-8"))?;
            classes.push(text.to_string());
        }
        let n_rows = r.u32("row count")? as usize;
        let key_bytes = if version == VERSION { 4 } else { 8 };
        let row_bytes = key_bytes
            + n_classes * precision.width()
            + if precision == Precision::F32 { 0 } else { 4 };
        // check the size before allocating, so a corrupt count cannot ask for gigabytes
        let needed = n_rows
            .checked_mul(row_bytes)
            .and_then(|b| b.checked_add(8))
            .ok_or_else(|| model_error(name, "row count overflows"))?;
        if needed > r.remaining() {
            return Err(model_error(
                name,
                format!(
                    "truncated: {n_rows} rows need {needed} more bytes, {} left",
                    r.remaining()
                ),
            ));
        }
        let mut model = Model::empty(classes);
        if version == VERSION {
            model.key_mask = u32::MAX as u64;
        }
        model.keys.reserve_exact(n_rows);
        model.weights.reserve_exact(n_rows * n_classes);
        // quantised weights of models with rows (not inline) are also kept as they are
        let mut packed = (precision != Precision::F32 && n_classes > INLINE)
            .then(|| Packed::new(n_rows, n_classes, precision == Precision::I16));
        for row in 0..n_rows {
            let key = if version == VERSION {
                r.u32("feature key")? as u64
            } else {
                r.u64("feature key")?
            };
            if key == 0 {
                return Err(model_error(name, "feature key 0 is reserved"));
            }
            model.keys.push(key);
            match precision {
                Precision::F32 => {
                    for _ in 0..n_classes {
                        let w = f32::from_le_bytes(r.array("weight")?);
                        model.weights.push(w);
                    }
                }
                Precision::I16 | Precision::I8 => {
                    let scale_bytes = r.array::<4>("row scale")?;
                    let scale = f32::from_le_bytes(scale_bytes);
                    if !scale.is_finite() {
                        return Err(model_error(name, "row scale is not a finite number"));
                    }
                    let width = precision.width();
                    let q = r.take(n_classes * width, "weights")?;
                    if let Some(packed) = packed.as_mut() {
                        let block = packed.block_mut(row);
                        block[..4].copy_from_slice(&scale_bytes);
                        block[4..4 + q.len()].copy_from_slice(q);
                    }
                    if precision == Precision::I16 {
                        model.weights.extend(
                            q.chunks_exact(2)
                                .map(|q| i16::from_le_bytes([q[0], q[1]]) as f32 * scale),
                        );
                    } else {
                        model
                            .weights
                            .extend(q.iter().map(|&q| q as i8 as f32 * scale));
                    }
                }
            }
        }
        model.packed = packed;
        if model.weights.iter().any(|w| !w.is_finite()) {
            return Err(model_error(name, "a weight is not a finite number"));
        }
        let body = r.pos;
        let stored = r.u64("checksum")?;
        if stored != hash_bytes(&start[..body]) {
            return Err(model_error(
                name,
                "checksum mismatch: the model data is corrupt",
            ));
        }
        if !model.build_table() {
            return Err(model_error(name, "duplicate feature key"));
        }
        *input = &start[r.pos..];
        Ok(model)
    }
}

fn model_error(name: &str, message: impl Into<String>) -> Error {
    Error::Model {
        name: name.to_string(),
        message: message.into(),
    }
}

/// A bounds-checked little-endian reader over a byte slice.
struct Reader<'a> {
    name: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }

    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8]> {
        if n > self.remaining() {
            return Err(model_error(
                self.name,
                format!("truncated at byte {} while reading the {what}", self.pos),
            ));
        }
        let out = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(out)
    }

    fn array<const N: usize>(&mut self, what: &str) -> Result<[u8; N]> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N, what)?);
        Ok(out)
    }

    fn u8(&mut self, what: &str) -> Result<u8> {
        Ok(self.take(1, what)?[0])
    }

    fn u16(&mut self, what: &str) -> Result<u16> {
        Ok(u16::from_le_bytes(self.array(what)?))
    }

    fn u32(&mut self, what: &str) -> Result<u32> {
        Ok(u32::from_le_bytes(self.array(what)?))
    }

    fn u64(&mut self, what: &str) -> Result<u64> {
        Ok(u64::from_le_bytes(self.array(what)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORD: u32 = 1;
    const SUFFIX: u32 = 2;

    fn feats(word: &str) -> Vec<u64> {
        let suffix = &word[word.len().saturating_sub(2)..];
        vec![
            feature(WORD, &[hash_str(word)]),
            feature(SUFFIX, &[hash_str(suffix)]),
        ]
    }

    fn trained() -> Model {
        let data = [
            ("running", 0),
            ("jumping", 0),
            ("quickly", 1),
            ("slowly", 1),
            ("talking", 0),
            ("sadly", 1),
        ];
        let mut p = Perceptron::new(vec!["VERB".into(), "ADV".into()]);
        for _ in 0..10 {
            for (w, c) in data {
                p.train_one(&feats(w), c);
            }
        }
        p.average(0.0)
    }

    #[test]
    fn hashing_is_fixed_and_separates_templates() {
        // pinned values: a change of the hash functions would silently invalidate shipped models
        assert_eq!(hash_str("sent"), 12985435333802645077);
        assert_eq!(feature(3, &[hash_str("sent"), 5]), 7545546847923565801);
        assert_eq!(hash_str("sent"), hash_str("sent"));
        assert_ne!(hash_str("sent"), hash_str("Sent"));
        assert_ne!(hash_str(""), hash_str("\0"));
        assert_ne!(feature(1, &[hash_str("a")]), feature(2, &[hash_str("a")]));
        assert_ne!(feature(1, &[1, 2]), feature(1, &[2, 1]));
        assert_eq!(hash_str("abcdefghij"), hash_bytes(b"abcdefghij"));
    }

    #[test]
    fn learns_and_generalises_by_suffix() {
        let m = trained();
        assert_eq!(m.class_name(m.predict(&feats("walking"))), "VERB");
        assert_eq!(m.class_name(m.predict(&feats("happily"))), "ADV");
        assert_eq!(m.class_index("ADV"), Some(1));
    }

    #[test]
    fn averaging_matches_the_definition() {
        // one feature, two classes; instance 1 is wrong (update), instance 2 is right
        let mut p = Perceptron::new(vec!["a".into(), "b".into()]);
        let f = [feature(WORD, &[7])];
        // an update at the first of three instances: the weights after each instance are
        // (-1, 1) three times, so that is the average
        p.update(&f, 1, 0);
        p.update(&f, 1, 1);
        p.update(&f, 1, 1);
        let m = p.average(0.0);
        let row = m.row(f[0]).unwrap();
        assert!((row[0] + 1.0).abs() < 1e-6, "{row:?}");
        assert!((row[1] - 1.0).abs() < 1e-6, "{row:?}");

        // an update late in training counts less than an early one
        let mut p = Perceptron::new(vec!["a".into(), "b".into()]);
        for _ in 0..9 {
            p.update(&[feature(WORD, &[1])], 0, 0);
        }
        p.update(&f, 1, 0);
        let m = p.average(0.0);
        let row = m.row(f[0]).unwrap();
        assert!((row[1] - 0.1).abs() < 1e-6, "{row:?}");
    }

    #[test]
    fn min_updates_delays_rows() {
        let mut p = Perceptron::new(vec!["a".into(), "b".into()]).with_min_updates(3);
        let f = [feature(WORD, &[1])];
        p.update(&f, 1, 0);
        p.update(&f, 1, 0);
        assert_eq!(p.n_rows(), 0, "two updates are not enough");
        p.update(&f, 1, 0);
        assert_eq!(p.n_rows(), 1);
        let m = p.average(0.0);
        // only the third update counted: weights (-1, 1) for one of three instances
        let row = m.row(f[0]).unwrap();
        assert!((row[1] - 1.0 / 3.0).abs() < 1e-6, "{row:?}");
    }

    #[test]
    fn mean_of_models_averages_rows() {
        let a = trained();
        let mut p = Perceptron::new(vec!["VERB".into(), "ADV".into()]);
        p.update(&feats("zzz"), 1, 0);
        let b = p.average(0.0);
        let m = Model::mean(&[a.clone(), b.clone()], 0.0);
        let key = feats("zzz")[0];
        let (ra, rb, rm) = (a.row(key), b.row(key).unwrap(), m.row(key).unwrap());
        assert!(ra.is_none(), "the word was never seen by the first model");
        assert_eq!(rm, [rb[0] / 2.0, rb[1] / 2.0]);
        let shared = feats("quickly")[0];
        let expected: Vec<f32> = a.row(shared).unwrap().iter().map(|w| w / 2.0).collect();
        assert_eq!(m.row(shared).unwrap(), expected.as_slice());
        assert_eq!(Model::mean(std::slice::from_ref(&a), 0.0), a);
    }

    #[test]
    fn pruning_drops_small_rows() {
        let mut p = Perceptron::new(vec!["a".into(), "b".into()]);
        let early = [feature(WORD, &[1])];
        let late = [feature(WORD, &[2])];
        p.update(&early, 1, 0);
        for _ in 0..98 {
            p.update(&[], 0, 0);
        }
        p.update(&late, 1, 0);
        assert_eq!(p.n_rows(), 2);
        let m = p.average(0.1);
        assert_eq!(m.n_rows(), 1);
        assert!(m.row(early[0]).is_some());
        assert!(m.row(late[0]).is_none());
    }

    #[test]
    fn binary_round_trip_keeps_predictions() {
        let m = trained();
        for precision in [Precision::F32, Precision::I16, Precision::I8] {
            let mut bytes = Vec::new();
            m.write_to(&mut bytes, precision).unwrap();
            let back = Model::from_bytes("t", &bytes).unwrap();
            assert_eq!(back.classes(), m.classes());
            assert_eq!(back.n_rows(), m.n_rows());
            for w in ["walking", "happily", "running", "zzz"] {
                let mut a = vec![0.0; 2];
                let mut b = vec![0.0; 2];
                m.score(&feats(w), &mut a);
                back.score(&feats(w), &mut b);
                for (x, y) in a.iter().zip(&b) {
                    let tolerance = if precision == Precision::I8 {
                        0.05
                    } else {
                        1e-3
                    };
                    assert!((x - y).abs() <= tolerance * x.abs().max(1.0), "{x} vs {y}");
                }
            }
        }
        let mut bytes = Vec::new();
        m.write_to(&mut bytes, Precision::F32).unwrap();
        let exact = Model::from_bytes("t", &bytes).unwrap();
        for w in ["walking", "happily", "running", "zzz"] {
            let (mut a, mut b) = (vec![0.0; 2], vec![0.0; 2]);
            m.score(&feats(w), &mut a);
            exact.score(&feats(w), &mut b);
            assert_eq!(a, b, "{w}");
        }
        assert_eq!(
            exact.to_bytes(),
            m.to_bytes(),
            "writing again gives the same bytes"
        );
    }

    #[test]
    fn keys_that_agree_on_32_bits_keep_the_larger_row() {
        let names = vec![
            "a".to_string(),
            "b".to_string(),
            "c".to_string(),
            "d".to_string(),
        ];
        let (small, large) = (0x1_0000_0007u64, 0x2_0000_0007u64);
        let mut p = Perceptron::new(names);
        p.update(&[small], 1, 0);
        p.update(&[large, feature(WORD, &[1])], 2, 3);
        for _ in 0..3 {
            p.update(&[large], 2, 3);
        }
        let m = p.average(0.0);
        assert_eq!(m.n_rows(), 3);
        let back = Model::from_bytes("t", &m.to_bytes()).unwrap();
        assert_eq!(back.n_rows(), 2, "the two keys are one in 32 bits");
        let mut scores = vec![0.0; 4];
        back.score(&[small], &mut scores);
        assert!(scores[2] > 0.0 && scores[1] == 0.0, "{scores:?}");
        assert!(back.row(feature(WORD, &[1])).is_some());
    }

    /// A model with `classes` classes over 200 word features, trained on a made-up rule.
    fn many_rows(classes: usize) -> Model {
        let names = (0..classes).map(|c| format!("c{c}")).collect();
        let mut p = Perceptron::new(names);
        for _ in 0..5 {
            for w in 0..200u64 {
                let f = [feature(WORD, &[w]), feature(SUFFIX, &[w % 7])];
                p.train_one(&f, (w as usize * 7 + w as usize / 3) % classes);
            }
        }
        p.average(0.0)
    }

    #[test]
    fn quantised_scoring_is_exactly_the_sum_of_rows() {
        // 8- and 16-bit models score from their packed weights; the sums must be those of
        // the float rows, bit for bit (models of up to three classes: within the rounding
        // of their one 16-bit scale), and unknown features must add nothing
        for classes in [2, 3, 5, 40] {
            let m = many_rows(classes);
            for precision in [Precision::I8, Precision::I16, Precision::F32] {
                let mut bytes = Vec::new();
                m.write_to(&mut bytes, precision).unwrap();
                let back = Model::from_bytes("t", &bytes).unwrap();
                assert_eq!(back.n_rows(), m.n_rows());
                for w in 0..250u64 {
                    let f = [
                        feature(WORD, &[w]),
                        feature(SUFFIX, &[w % 7]),
                        feature(99, &[w]),
                    ];
                    let mut expected = vec![0f32; classes];
                    for key in f {
                        if let Some(row) = back.row(key) {
                            for (e, x) in expected.iter_mut().zip(row) {
                                *e += x;
                            }
                        }
                    }
                    let mut got = vec![0f32; classes];
                    back.score(&f, &mut got);
                    if classes > INLINE {
                        assert_eq!(got, expected, "{classes} classes, {precision:?}, word {w}");
                    } else {
                        // two rows, each off by at most half a step of the model's scale
                        let step = back.inline_scale;
                        for (g, e) in got.iter().zip(&expected) {
                            assert!((g - e).abs() <= 1.01 * step, "{classes}: {g} vs {e}");
                        }
                    }
                    assert!(back.row(f[2]).is_none(), "template 99 was never trained");
                    assert_eq!(back.row(f[0]).is_some(), m.row(f[0]).is_some());
                }
            }
        }
    }

    #[test]
    fn read_from_advances_past_the_model() {
        let m = trained();
        let mut bytes = m.to_bytes();
        bytes.extend_from_slice(b"tail");
        let mut input = bytes.as_slice();
        Model::read_from("t", &mut input).unwrap();
        assert_eq!(input, b"tail");
        let err = Model::from_bytes("t", &bytes).unwrap_err();
        assert!(err.to_string().contains("unexpected bytes"), "{err}");
    }

    #[test]
    fn corrupt_data_gives_model_errors() {
        let bytes = trained().to_bytes();
        let message = |b: &[u8]| match Model::from_bytes("tagger", b) {
            Err(Error::Model { name, message }) => {
                assert_eq!(name, "tagger");
                message
            }
            other => panic!("expected a model error, got {other:?}"),
        };
        assert!(message(b"").contains("truncated"));
        assert!(message(b"NOTMODEL and more").contains("magic"));
        let mut v = bytes.clone();
        v[8] = 9;
        assert!(message(&v).contains("version"));
        // every truncation fails cleanly
        for cut in 0..bytes.len() {
            message(&bytes[..cut]);
        }
        // every flipped byte is caught (by a field check or the checksum)
        for i in 0..bytes.len() {
            let mut v = bytes.clone();
            v[i] ^= 0x5a;
            message(&v);
        }
        // a huge row count does not allocate
        let mut v = bytes.clone();
        let rows_at = 8 + 4 + 1 + 4 + (2 + 4) + (2 + 3);
        v[rows_at..rows_at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(message(&v).contains("truncated"));
    }

    #[test]
    fn argmax_prefers_lowest_index_on_ties() {
        assert_eq!(argmax(&[1.0, 3.0, 3.0]), Some(1));
        assert_eq!(argmax(&[]), None);
        assert_eq!(argmax_where(&[5.0, 1.0, 2.0], |i| i != 0), Some(2));
        assert_eq!(argmax_where(&[5.0], |_| false), None);
    }
}
