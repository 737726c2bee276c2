//! Named-entity recogniser: an averaged-perceptron BIO tagger over word-shape, affix, context and gazetteer features.
//!
//! The recogniser reads one sentence at a time, left to right, and gives every word one of
//! nine tags: `O`, or `B-`/`I-` (begins / inside) of `PER`, `ORG`, `LOC`, `PROD`. Each
//! decision is a [`crate::nlp::perceptron`] prediction over hashed features of the word
//! and its neighbours (forms, lower case, shapes like `Xxxx` or `X.X.`, prefixes and
//! suffixes), the two tags already given, and what the gazetteers of `schema/` say about
//! the words ([`GazetteerHint`]: a country, a demonym, a city...). Tags that cannot follow
//! (`I-ORG` after `B-PER`) are never chosen.
//!
//! Countries are locations to the recogniser; the gazetteer tells them apart afterwards.
//! The model is trained by `kgforge ner train` from the corpora of [`corpus`] and shipped
//! as `models/ner.bin`, embedded in the binary ([`Recognizer::embedded`]); see
//! `models/MODELS.md` for its data, licence and accuracy.
//!
//! ```
//! use kgforge::nlp::ner::{Recognizer, NerType};
//!
//! let recognizer = Recognizer::embedded()?;
//! let words = ["Prime", "Minister", "Jacinda", "Ardern", "met", "Google", "executives", "."];
//! let spans = recognizer.recognize(&words, &[None; 8]);
//! assert!(spans.iter().any(|s| (s.start, s.end, s.entity_type) == (2, 4, NerType::Person)));
//! # Ok::<(), kgforge::Error>(())
//! ```

pub mod corpus;

use std::collections::HashMap;
use std::sync::OnceLock;

pub use corpus::{LabelledSentence, NerType};

use crate::doc::{Document, Sentence, Span, Token};
use crate::error::Result;
use crate::nlp::perceptron::{feature, hash_str, Model, Perceptron, Precision};

/// The shipped model, trained by `kgforge ner train` (see `models/MODELS.md`).
static EMBEDDED_MODEL: &[u8] = include_bytes!("../../models/ner.bin");

/// What kind of gazetteer entry matched a word; one feature family per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GazetteerCategory {
    /// A country's name or alias.
    Country,
    /// A demonym ("Russian").
    Demonym,
    /// A capital city.
    Capital,
    /// A government metonym ("Kremlin").
    Metonym,
    /// An organisation.
    Organization,
    /// A person (leaders).
    Person,
    /// A product (aircraft).
    Product,
    /// A place from a curated list (regions, seas, continents).
    Place,
    /// A city or subdivision name, often also a surname or a word ("Lincoln", "Austin").
    WeakPlace,
}

impl GazetteerCategory {
    fn id(self) -> u64 {
        self as u64 + 1
    }
}

/// What the gazetteers say about one word, given to the recogniser as features.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GazetteerHint {
    /// The kind of entry that matched.
    pub category: GazetteerCategory,
    /// Whether the word is the first word of the match.
    pub begins: bool,
    /// Whether the match is this one word.
    pub single: bool,
    /// Whether the word is written as in the gazetteer; `false` for a match that ignored
    /// case ("malaysia").
    pub exact_case: bool,
}

/// A sentence prepared for training: words, gazetteer hints, and gold entities.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TrainingSentence {
    /// The words.
    pub words: Vec<String>,
    /// One hint (or none) per word.
    pub hints: Vec<Option<GazetteerHint>>,
    /// Gold entities as token spans.
    pub entities: Vec<(usize, usize, NerType)>,
}

/// An entity the recogniser found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NerSpan {
    /// First word.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// Type.
    pub entity_type: NerType,
    /// How sure the recogniser is, 0..=1 (from the score margins of its decisions).
    pub confidence: f32,
}

/// The nine BIO classes, in model order.
const CLASSES: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-PROD", "I-PROD",
];

fn class_of(t: NerType, begins: bool) -> usize {
    1 + 2 * t.index() + usize::from(!begins)
}

fn type_of(class: usize) -> Option<(NerType, bool)> {
    (class > 0).then(|| (NerType::ALL[(class - 1) / 2], (class - 1) % 2 == 0))
}

/// Whether tag `class` may follow tag `prev` (`I-X` only after `B-X` or `I-X`).
fn allowed(prev: usize, class: usize) -> bool {
    match type_of(class) {
        Some((t, false)) => type_of(prev).is_some_and(|(p, _)| p == t),
        _ => true,
    }
}

/// The BIO classes of a sentence's gold entities.
fn gold_classes(n: usize, entities: &[(usize, usize, NerType)]) -> Vec<usize> {
    let mut classes = vec![0; n];
    for &(s, e, t) in entities {
        for (k, c) in classes.iter_mut().enumerate().take(e.min(n)).skip(s) {
            *c = class_of(t, k == s);
        }
    }
    classes
}

/// Word shape: `Xxxx` for "Paris", `X.X.` for "U.S.", `dd-dd` for "12-14"; runs longer than
/// two are cut to two in the short shape ("Xxx" → "Xx").
fn shapes(word: &str) -> (String, String) {
    let mut long = String::new();
    let mut short = String::new();
    let mut last = '\0';
    let mut run = 0;
    for c in word.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if s == last {
            run += 1;
        } else {
            run = 1;
            last = s;
        }
        if run <= 4 {
            long.push(s);
        }
        if run <= 1 {
            short.push(s);
        }
    }
    (long, short)
}

/// How each word is written in the training text: mostly in lower case (a common word),
/// mostly capitalised inside sentences (a name), or both. A capitalised word opening a
/// sentence or a headline is then read by what it usually is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct CaseVocabulary {
    /// Lower-case word → bucket 1 (always lower case) ..= 5 (always capitalised).
    buckets: HashMap<String, u8>,
    /// Words that open people's names of two words or more in the training data ("Anna").
    given_names: std::collections::BTreeSet<String>,
}

/// Marks the vocabulary section after the model in a model file.
const VOCABULARY_MAGIC: &[u8; 8] = b"KGFNERV2";

impl CaseVocabulary {
    fn build(sentences: &[TrainingSentence]) -> Self {
        let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
        let mut given_names = std::collections::BTreeSet::new();
        for s in sentences {
            for &(start, end, t) in &s.entities {
                let first = &s.words[start];
                if t == NerType::Person
                    && end - start >= 2
                    && first.len() >= 2
                    && first.len() <= 255
                    && first.starts_with(char::is_uppercase)
                    && first.chars().skip(1).all(|c| c.is_lowercase() || c == '-')
                {
                    given_names.insert(first.clone());
                }
            }
        }
        for words in sentences.iter().map(|s| s.words.as_slice()) {
            for (i, w) in words.iter().enumerate() {
                let Some(first) = w.chars().next() else {
                    continue;
                };
                if !first.is_alphabetic() {
                    continue;
                }
                let lower = w.to_lowercase();
                let entry = counts.entry(lower.clone()).or_default();
                if *w == lower {
                    entry.0 += 1;
                } else if first.is_uppercase() && i > 0 {
                    entry.1 += 1;
                }
            }
        }
        let buckets = counts
            .into_iter()
            .filter(|(_, (lc, cap))| lc + cap >= 2)
            .map(|(w, (lc, cap))| {
                let r = cap as f64 / (lc + cap) as f64;
                let b = match r {
                    r if r < 0.05 => 1,
                    r if r < 0.3 => 2,
                    r if r < 0.7 => 3,
                    r if r < 0.95 => 4,
                    _ => 5,
                };
                (w, b)
            })
            .collect();
        let mut vocabulary = CaseVocabulary {
            buckets,
            given_names,
        };
        // a word mostly written in lower case is no given name ("Prime", "Former")
        let common: Vec<String> = vocabulary
            .given_names
            .iter()
            .filter(|w| vocabulary.bucket(w) == 1 || vocabulary.bucket(w) == 2)
            .cloned()
            .collect();
        for w in common {
            vocabulary.given_names.remove(&w);
        }
        vocabulary
    }

    fn bucket(&self, word: &str) -> u64 {
        self.buckets
            .get(&word.to_lowercase())
            .map_or(0, |&b| u64::from(b))
    }

    fn write(&self, out: &mut Vec<u8>) {
        // a word longer than a length byte can say is no word worth keeping
        let mut entries: Vec<(&String, &u8)> = self
            .buckets
            .iter()
            .filter(|(w, _)| w.len() <= 255)
            .collect();
        entries.sort();
        out.extend_from_slice(VOCABULARY_MAGIC);
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        for (w, b) in entries {
            out.push(w.len() as u8);
            out.extend_from_slice(w.as_bytes());
            out.push(*b);
        }
        out.extend_from_slice(&(self.given_names.len() as u32).to_le_bytes());
        for w in &self.given_names {
            out.push(w.len() as u8);
            out.extend_from_slice(w.as_bytes());
        }
    }

    fn read(mut input: &[u8]) -> Result<Self> {
        let bad = |message: &str| crate::error::Error::Model {
            name: "ner".into(),
            message: format!("vocabulary: {message}"),
        };
        if input.len() < 12 || &input[..8] != VOCABULARY_MAGIC {
            return Err(bad("missing or corrupt"));
        }
        let count = u32::from_le_bytes(input[8..12].try_into().expect("4 bytes")) as usize;
        input = &input[12..];
        let mut buckets = HashMap::with_capacity(count);
        for _ in 0..count {
            let (&len, rest) = input.split_first().ok_or_else(|| bad("truncated"))?;
            let len = len as usize;
            if rest.len() < len + 1 {
                return Err(bad("truncated"));
            }
            let word = std::str::from_utf8(&rest[..len]).map_err(|_| bad("a word is not UTF-8"))?;
            buckets.insert(word.to_string(), rest[len]);
            input = &rest[len + 1..];
        }
        if input.len() < 4 {
            return Err(bad("truncated"));
        }
        let count = u32::from_le_bytes(input[..4].try_into().expect("4 bytes")) as usize;
        input = &input[4..];
        let mut given_names = std::collections::BTreeSet::new();
        for _ in 0..count {
            let (&len, rest) = input.split_first().ok_or_else(|| bad("truncated"))?;
            let len = len as usize;
            if rest.len() < len {
                return Err(bad("truncated"));
            }
            let word = std::str::from_utf8(&rest[..len]).map_err(|_| bad("a name is not UTF-8"))?;
            given_names.insert(word.to_string());
            input = &rest[len..];
        }
        if !input.is_empty() {
            return Err(bad("trailing bytes"));
        }
        Ok(CaseVocabulary {
            buckets,
            given_names,
        })
    }
}

/// Per-word hashes, computed once per sentence.
struct WordHashes {
    form: u64,
    lower: u64,
    shape: u64,
    short_shape: u64,
    prefixes: [u64; 3],
    suffixes: [u64; 4],
    flags: u64,
    hint: u64,
    case: u64,
}

const PAD: u64 = 0x005e_ed0f_5e47_e4ce;

fn word_hashes(word: &str, hint: Option<GazetteerHint>, first: bool, case: u64) -> WordHashes {
    let lower = word.to_lowercase();
    let (long, short) = shapes(word);
    let chars: Vec<char> = lower.chars().collect();
    let prefix = |n: usize| {
        if chars.len() > n {
            hash_str(&chars[..n].iter().collect::<String>())
        } else {
            0
        }
    };
    let suffix = |n: usize| {
        if chars.len() > n {
            hash_str(&chars[chars.len() - n..].iter().collect::<String>())
        } else {
            0
        }
    };
    let capitalised = word.starts_with(char::is_uppercase);
    let all_caps = word.chars().any(char::is_alphabetic) && word.chars().all(|c| !c.is_lowercase());
    let flags = u64::from(capitalised)
        | u64::from(all_caps) << 1
        | u64::from(word.chars().any(|c| c.is_ascii_digit())) << 2
        | u64::from(word.contains('-')) << 3
        | u64::from(word.contains('.')) << 4
        | u64::from(first) << 5;
    let hint = match hint {
        None => 0,
        Some(h) => {
            h.category.id() * 8
                + u64::from(h.exact_case) * 4
                + u64::from(h.begins) * 2
                + u64::from(h.single)
        }
    };
    WordHashes {
        form: hash_str(word),
        lower: hash_str(&lower),
        shape: hash_str(&long),
        short_shape: hash_str(&short),
        prefixes: [prefix(1), prefix(2), prefix(3)],
        suffixes: [suffix(1), suffix(2), suffix(3), suffix(4)],
        flags,
        hint,
        case,
    }
}

/// The prepared words of a sentence, with padding handled by [`SentenceFeatures::at`].
struct SentenceFeatures {
    words: Vec<WordHashes>,
}

impl SentenceFeatures {
    fn new(words: &[&str], hints: &[Option<GazetteerHint>], vocabulary: &CaseVocabulary) -> Self {
        SentenceFeatures {
            words: words
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    word_hashes(
                        w,
                        hints.get(i).copied().flatten(),
                        i == 0,
                        vocabulary.bucket(w),
                    )
                })
                .collect(),
        }
    }

    fn case(&self, i: isize) -> u64 {
        self.at(i).map_or(9, |w| w.case)
    }

    fn lower(&self, i: isize) -> u64 {
        self.at(i)
            .map_or(PAD + i.unsigned_abs() as u64, |w| w.lower)
    }

    fn shape(&self, i: isize) -> u64 {
        self.at(i).map_or(PAD, |w| w.short_shape)
    }

    fn hint(&self, i: isize) -> u64 {
        self.at(i).map_or(PAD, |w| w.hint)
    }

    fn at(&self, i: isize) -> Option<&WordHashes> {
        (i >= 0).then(|| self.words.get(i as usize)).flatten()
    }

    /// The features of the decision at word `i`, given the two tags before it.
    fn features(&self, i: usize, prev: usize, prev2: usize, out: &mut Vec<u64>) {
        out.clear();
        let w = &self.words[i];
        let i = i as isize;
        let (p, p2) = (prev as u64, prev2 as u64);
        out.push(feature(0, &[]));
        out.push(feature(1, &[w.form]));
        out.push(feature(2, &[w.lower]));
        out.push(feature(3, &[w.shape]));
        out.push(feature(4, &[w.short_shape]));
        for (k, &h) in w.prefixes.iter().enumerate() {
            if h != 0 {
                out.push(feature(5, &[k as u64, h]));
            }
        }
        for (k, &h) in w.suffixes.iter().enumerate() {
            if h != 0 {
                out.push(feature(6, &[k as u64, h]));
            }
        }
        out.push(feature(7, &[w.flags]));
        out.push(feature(8, &[self.lower(i - 1)]));
        out.push(feature(9, &[self.lower(i + 1)]));
        out.push(feature(10, &[self.lower(i - 2)]));
        out.push(feature(11, &[self.lower(i + 2)]));
        out.push(feature(12, &[self.shape(i - 1), w.short_shape]));
        out.push(feature(13, &[w.short_shape, self.shape(i + 1)]));
        out.push(feature(14, &[self.lower(i - 1), w.lower]));
        out.push(feature(15, &[w.lower, self.lower(i + 1)]));
        out.push(feature(16, &[p]));
        out.push(feature(17, &[p, p2]));
        out.push(feature(18, &[p, w.lower]));
        out.push(feature(19, &[p, w.short_shape]));
        out.push(feature(20, &[w.hint]));
        out.push(feature(21, &[self.hint(i - 1), w.hint, self.hint(i + 1)]));
        out.push(feature(22, &[w.hint, w.short_shape]));
        out.push(feature(23, &[p, w.hint]));
        out.push(feature(24, &[self.lower(i - 1), w.short_shape]));
        out.push(feature(25, &[w.short_shape, self.lower(i + 1)]));
        out.push(feature(
            26,
            &[w.flags, self.shape(i - 1), self.shape(i + 1)],
        ));
        out.push(feature(27, &[w.case, w.flags]));
        out.push(feature(28, &[w.case, self.case(i + 1), self.case(i - 1)]));
        out.push(feature(29, &[p, w.case, w.short_shape]));
    }
}

/// Spans of a tag sequence.
fn spans_of(classes: &[usize], margins: &[f32]) -> Vec<NerSpan> {
    let mut spans: Vec<NerSpan> = Vec::new();
    for (i, &c) in classes.iter().enumerate() {
        match type_of(c) {
            None => {}
            Some((t, true)) => spans.push(NerSpan {
                start: i,
                end: i + 1,
                entity_type: t,
                confidence: margins[i],
            }),
            Some((t, false)) => {
                if let Some(last) = spans
                    .last_mut()
                    .filter(|s| s.end == i && s.entity_type == t)
                {
                    last.end = i + 1;
                    last.confidence = last.confidence.min(margins[i]);
                }
            }
        }
    }
    spans
}

/// Turns a score margin into a confidence in 0..1.
fn squash(margin: f32) -> f32 {
    1.0 - (-margin / 4.0).exp()
}

/// The best allowed class and its margin over the next best allowed class.
fn best_allowed(scores: &[f32], prev: usize) -> (usize, f32) {
    let mut best = (0usize, f32::NEG_INFINITY);
    let mut second = f32::NEG_INFINITY;
    for (c, &s) in scores.iter().enumerate() {
        if !allowed(prev, c) {
            continue;
        }
        if s > best.1 {
            second = best.1;
            best = (c, s);
        } else if s > second {
            second = s;
        }
    }
    (best.0, best.1 - second)
}

/// A trained named-entity recogniser.
#[derive(Debug, Clone)]
pub struct Recognizer {
    model: Model,
    vocabulary: CaseVocabulary,
}

impl Recognizer {
    /// The model shipped in the binary, decoded once per process.
    pub fn embedded() -> Result<&'static Recognizer> {
        static DECODED: OnceLock<std::result::Result<Recognizer, String>> = OnceLock::new();
        DECODED
            .get_or_init(|| Recognizer::from_bytes(EMBEDDED_MODEL).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|message| crate::error::Error::Model {
                name: "ner".into(),
                message: message.clone(),
            })
    }

    /// Reads a model written by [`Recognizer::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Recognizer> {
        let mut input = bytes;
        let model = Model::read_from("ner", &mut input)?;
        if model.classes() != CLASSES {
            return Err(crate::error::Error::Model {
                name: "ner".into(),
                message: format!(
                    "expected the classes {CLASSES:?}, found {:?}",
                    model.classes()
                ),
            });
        }
        let vocabulary = CaseVocabulary::read(input)?;
        Ok(Recognizer { model, vocabulary })
    }

    /// The model in its binary format: the perceptron (16-bit weights), then the case
    /// vocabulary.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.model
            .write_to(&mut out, Precision::I16)
            .expect("writing to memory cannot fail");
        self.vocabulary.write(&mut out);
        out
    }

    /// Whether a word opened a person's name of several words in the training data
    /// ("Anna" of "Anna Berg"); a word mostly written in lower case never counts.
    pub fn is_given_name(&self, word: &str) -> bool {
        self.vocabulary.given_names.contains(word)
    }

    /// Whether the training text mostly writes a word in lower case ("Moderator",
    /// "Technical"): capitalised, it is a title or a heading word rather than a name.
    pub fn is_common_word(&self, word: &str) -> bool {
        matches!(self.vocabulary.bucket(word), 1 | 2)
    }

    /// Number of feature rows (a measure of the model's size).
    pub fn n_rows(&self) -> usize {
        self.model.n_rows()
    }

    /// The entities of one sentence. `hints` has one entry per word (missing entries count
    /// as no hint).
    pub fn recognize(&self, words: &[&str], hints: &[Option<GazetteerHint>]) -> Vec<NerSpan> {
        let sentence = SentenceFeatures::new(words, hints, &self.vocabulary);
        let mut classes = Vec::with_capacity(words.len());
        let mut margins = Vec::with_capacity(words.len());
        let mut features = Vec::with_capacity(64);
        let mut scores = [0f32; CLASSES.len()];
        let (mut prev, mut prev2) = (0, 0);
        for i in 0..words.len() {
            sentence.features(i, prev, prev2, &mut features);
            self.model.score(&features, &mut scores);
            let (c, margin) = best_allowed(&scores, prev);
            classes.push(c);
            margins.push(squash(margin));
            prev2 = prev;
            prev = c;
        }
        spans_of(&classes, &margins)
    }
}

/// How to train: passes over the data, order, pruning.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainOptions {
    /// Passes over the training sentences.
    pub epochs: usize,
    /// Seed of the deterministic shuffle before each pass.
    pub seed: u64,
    /// Averaged weights below this (absolute) are dropped from the model.
    pub prune_below: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 10,
            seed: 1,
            prune_below: 0.05,
        }
    }
}

/// A small deterministic generator (SplitMix64) for shuffling training data.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Trains a recogniser. `progress` is called after each pass with the pass number (from 1)
/// and the share of words tagged right during that pass.
pub fn train(
    sentences: &[TrainingSentence],
    options: TrainOptions,
    mut progress: impl FnMut(usize, f64),
) -> Recognizer {
    let mut learner = Perceptron::new(CLASSES.iter().map(|c| c.to_string()).collect());
    let vocabulary = CaseVocabulary::build(sentences);
    let prepared: Vec<(SentenceFeatures, Vec<usize>)> = sentences
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            (
                SentenceFeatures::new(&words, &s.hints, &vocabulary),
                gold_classes(s.words.len(), &s.entities),
            )
        })
        .collect();
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut rng = SplitMix(options.seed);
    let mut features = Vec::with_capacity(64);
    let mut scores = [0f32; CLASSES.len()];
    for epoch in 1..=options.epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &s in &order {
            let (sentence, gold) = &prepared[s];
            let (mut prev, mut prev2) = (0, 0);
            for (i, &truth) in gold.iter().enumerate() {
                sentence.features(i, prev, prev2, &mut features);
                learner.score(&features, &mut scores);
                let (guess, _) = best_allowed(&scores, prev);
                learner.update(&features, truth, guess);
                right += usize::from(guess == truth);
                total += 1;
                // the history is the gold tags: with the learner's own guesses (what it
                // sees when tagging) early mistakes teach it wrong lessons, and it scores
                // six points less on the Universal NER dev set
                prev2 = prev;
                prev = truth;
            }
        }
        progress(epoch, right as f64 / total.max(1) as f64);
    }
    Recognizer {
        model: learner.average(options.prune_below),
        vocabulary,
    }
}

/// Exact-match counts of one entity type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Entities found with the right span and type.
    pub true_positives: usize,
    /// Entities found that are not in the gold data.
    pub false_positives: usize,
    /// Gold entities not found.
    pub false_negatives: usize,
}

impl Counts {
    /// Precision, recall and F1.
    pub fn prf(&self) -> (f64, f64, f64) {
        let tp = self.true_positives as f64;
        let p = if self.true_positives + self.false_positives == 0 {
            0.0
        } else {
            tp / (self.true_positives + self.false_positives) as f64
        };
        let r = if self.true_positives + self.false_negatives == 0 {
            0.0
        } else {
            tp / (self.true_positives + self.false_negatives) as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }

    fn add(&mut self, other: Counts) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }
}

/// Exact-match scores of a recogniser on labelled sentences, overall and per type.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Evaluation {
    /// Counts per type, in [`NerType::ALL`] order.
    pub per_type: [Counts; 4],
    /// Sentences scored.
    pub sentences: usize,
}

impl Evaluation {
    /// The counts over the given types.
    pub fn total(&self, types: &[NerType]) -> Counts {
        let mut c = Counts::default();
        for t in types {
            c.add(self.per_type[t.index()]);
        }
        c
    }
}

/// Scores a recogniser on labelled sentences: an entity counts only with the exact span and
/// type. Predictions of types in `ignore` are left out (a corpus without products cannot
/// judge product predictions).
pub fn evaluate(
    recognizer: &Recognizer,
    sentences: &[TrainingSentence],
    ignore: &[NerType],
) -> Evaluation {
    let mut eval = Evaluation {
        sentences: sentences.len(),
        ..Evaluation::default()
    };
    for s in sentences {
        let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
        let predicted: Vec<(usize, usize, NerType)> = recognizer
            .recognize(&words, &s.hints)
            .into_iter()
            .map(|p| (p.start, p.end, p.entity_type))
            .filter(|p| !ignore.contains(&p.2))
            .collect();
        for p in &predicted {
            let c = &mut eval.per_type[p.2.index()];
            if s.entities.contains(p) {
                c.true_positives += 1;
            } else {
                c.false_positives += 1;
            }
        }
        for g in &s.entities {
            if !predicted.contains(g) {
                eval.per_type[g.2.index()].false_negatives += 1;
            }
        }
    }
    eval
}

/// A one-sentence [`Document`] whose tokens are exactly `words` (separated by spaces), for
/// running document-level matchers (gazetteers) over corpus sentences.
pub fn sentence_document(words: &[String]) -> Document {
    let mut text = String::new();
    let mut tokens = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(w);
        tokens.push(Token {
            span: Span::new(start, text.len()),
            sentence: 0,
            space_after: i + 1 < words.len(),
            ..Token::default()
        });
    }
    let mut doc = Document::new("sentence", text);
    if !tokens.is_empty() {
        doc.sentences.push(Sentence {
            tokens: (0, tokens.len()),
            span: Span::new(0, doc.text.len()),
        });
    }
    doc.tokens = tokens;
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(text: &str, entities: &[(usize, usize, NerType)]) -> TrainingSentence {
        let words: Vec<String> = text.split(' ').map(str::to_string).collect();
        TrainingSentence {
            hints: vec![None; words.len()],
            words,
            entities: entities.to_vec(),
        }
    }

    fn toy_corpus() -> Vec<TrainingSentence> {
        use NerType::*;
        let mut out = Vec::new();
        let people = [
            "Anna Berg",
            "Tomas Lind",
            "Maria Holm",
            "Erik Sund",
            "Lena Dahl",
        ];
        let orgs = ["Volvo", "Ericsson", "Spotify", "Skanska", "Saab"];
        let places = ["Malmo", "Uppsala", "Lund", "Kiruna", "Umea"];
        for (k, p) in people.iter().enumerate() {
            let o = orgs[k];
            let l = places[(k + 2) % places.len()];
            out.push(sentence(
                &format!("{p} works for {o} in {l} ."),
                &[(0, 2, Person), (4, 5, Organization), (6, 7, Location)],
            ));
            out.push(sentence(
                &format!("yesterday {o} hired {p} from {l} ."),
                &[(1, 2, Organization), (3, 5, Person), (6, 7, Location)],
            ));
        }
        out
    }

    #[test]
    fn tag_constraints() {
        assert!(allowed(
            class_of(NerType::Person, true),
            class_of(NerType::Person, false)
        ));
        assert!(!allowed(0, class_of(NerType::Person, false)));
        assert!(!allowed(
            class_of(NerType::Person, true),
            class_of(NerType::Organization, false)
        ));
        assert_eq!(
            type_of(class_of(NerType::Product, false)),
            Some((NerType::Product, false))
        );
        assert_eq!(shapes("U.S."), ("X.X.".to_string(), "X.X.".to_string()));
        assert_eq!(shapes("Antonov-124").1, "Xx-d");
    }

    #[test]
    fn learns_a_toy_corpus_and_round_trips() {
        let data = toy_corpus();
        let options = TrainOptions {
            epochs: 8,
            ..TrainOptions::default()
        };
        let mut passes = Vec::new();
        let recognizer = train(&data, options, |epoch, accuracy| {
            passes.push((epoch, accuracy))
        });
        assert_eq!(passes.len(), 8);
        assert!(passes.last().unwrap().1 > passes[0].1 || passes[0].1 == 1.0);
        let eval = evaluate(&recognizer, &data, &[]);
        let (p, r, f) = eval.total(&NerType::ALL).prf();
        assert!(f > 0.9, "p {p} r {r} f {f}");
        // unseen names in a seen frame
        let spans = recognizer.recognize(
            &[
                "Karin", "Nyberg", "works", "for", "Scania", "in", "Gavle", ".",
            ],
            &[None; 8],
        );
        assert!(
            spans
                .iter()
                .any(|s| (s.start, s.end, s.entity_type) == (0, 2, NerType::Person)),
            "{spans:?}"
        );
        // serialised and read back, the model tags the same
        let copy = Recognizer::from_bytes(&recognizer.to_bytes()).unwrap();
        let words: Vec<&str> = data[3].words.iter().map(String::as_str).collect();
        let a: Vec<_> = recognizer
            .recognize(&words, &data[3].hints)
            .iter()
            .map(|s| (s.start, s.end, s.entity_type))
            .collect();
        let b: Vec<_> = copy
            .recognize(&words, &data[3].hints)
            .iter()
            .map(|s| (s.start, s.end, s.entity_type))
            .collect();
        assert_eq!(a, b);
    }

    #[test]
    fn training_is_deterministic() {
        let data = toy_corpus();
        let options = TrainOptions {
            epochs: 3,
            ..TrainOptions::default()
        };
        let a = train(&data, options, |_, _| {}).to_bytes();
        let b = train(&data, options, |_, _| {}).to_bytes();
        assert_eq!(a, b);
    }

    #[test]
    fn evaluation_counts_exact_spans() {
        let data = toy_corpus();
        let recognizer = train(
            &data,
            TrainOptions {
                epochs: 5,
                ..TrainOptions::default()
            },
            |_, _| {},
        );
        // a gold set with one entity the model cannot find and one it tags differently
        let gold = vec![sentence(
            "Anna Berg works for Volvo in Lund .",
            &[(0, 1, NerType::Person), (4, 5, NerType::Organization)],
        )];
        let eval = evaluate(&recognizer, &gold, &[]);
        let per = eval.per_type[NerType::Person.index()];
        assert_eq!(
            (per.true_positives, per.false_positives, per.false_negatives),
            (0, 1, 1)
        );
        assert_eq!(
            eval.per_type[NerType::Organization.index()].true_positives,
            1
        );
        // Lund is predicted but not gold: a false positive, unless locations are ignored
        assert_eq!(eval.per_type[NerType::Location.index()].false_positives, 1);
        let eval = evaluate(&recognizer, &gold, &[NerType::Location]);
        assert_eq!(eval.per_type[NerType::Location.index()].false_positives, 0);
    }

    #[test]
    fn case_vocabulary_reads_back_and_buckets_words() {
        let text: Vec<TrainingSentence> = [
            "the Berg plan and the Berg deal",
            "They met Anna Berg and the plan",
            "a plan of Berg",
        ]
        .iter()
        .map(|s| sentence(s, &[]))
        .collect();
        let mut text = text;
        text[1].entities.push((2, 4, NerType::Person));
        let v = CaseVocabulary::build(&text);
        assert!(v.given_names.contains("Anna") && v.given_names.len() == 1);
        assert_eq!(v.bucket("Berg"), 5);
        assert_eq!(v.bucket("Plan"), 1);
        assert_eq!(v.bucket("unseen"), 0);
        let mut bytes = Vec::new();
        v.write(&mut bytes);
        assert_eq!(CaseVocabulary::read(&bytes).unwrap(), v);
        assert!(CaseVocabulary::read(&bytes[..bytes.len() - 1]).is_err());
    }

    #[test]
    fn bad_model_bytes_are_an_error() {
        assert!(Recognizer::from_bytes(b"not a model").is_err());
        let other = Perceptron::new(vec!["A".into(), "B".into()]).average(0.0);
        assert!(Recognizer::from_bytes(&other.to_bytes()).is_err());
    }

    #[test]
    fn sentence_documents_keep_the_words() {
        let words: Vec<String> = ["The", "U.S.", "Navy"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        let doc = sentence_document(&words);
        assert_eq!(doc.tokens.len(), 3);
        assert_eq!(doc.token_text(1), "U.S.");
        assert_eq!(doc.sentences.len(), 1);
    }
}
