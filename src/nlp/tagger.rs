//! Part-of-speech tagger: a greedy left-to-right averaged perceptron over UPOS and Penn Treebank tags.
//!
//! One model predicts both tag sets: each feature's row holds the weights of the 17 UPOS
//! tags followed by those of the Penn Treebank (XPOS) tags, so a word costs one lookup
//! per feature and the two decisions see each other's history. The parser needs the
//! finer Penn tags (VBN against VBD, NNS against NN); the rest of the project reads UPOS.
//!
//! Features are the classic ones of Collins (2002) and Honnibal's "A good POS tagger in
//! about 200 lines": the word, its neighbours, affixes, shape, the two previous predicted
//! tags, plus an ambiguity class (the set of tags the word had in training) that carries
//! what the training data knows about a frequent word to its neighbours' decisions.
//! Hyphenated words, which the project's tokenizer keeps whole ("coronavirus-hit") but
//! UD treebanks split, also look at their last part.

use std::collections::HashMap;
use std::sync::Arc;

use crate::doc::Upos;
use crate::error::{Error, Result};
use crate::nlp::lemma::Lexicon;
use crate::nlp::lexical::{hyphen_tail, norm, prefix, shape, suffix};
use crate::nlp::perceptron::{argmax, feature, hash_str, Model, Perceptron, Precision};

/// File signature of a serialised [`Tagger`].
const MAGIC: &[u8; 8] = b"KGFTAGGR";
/// Format (and feature set) version; bump it when features change.
const VERSION: u32 = 1;

/// Hashes standing for positions before the start and after the end of the sentence.
const START: u64 = 0x5354_4152_5421;
const END: u64 = 0x454e_4421;
/// The "tag" of positions before the sentence start.
const NO_TAG: u64 = 99;

/// What the tagger's features look at in one word, hashed once per sentence.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WordView {
    pub norm: u64,
    pub form: u64,
    pub suffixes: [u64; 4],
    pub prefix1: u64,
    pub prefix3: u64,
    pub shape: u64,
    pub ambiguity: u64,
    pub tail: u64,
    pub flags: u64,
    /// Word-class bits from the lexicon (see [`crate::nlp::lemma::class`]).
    pub lexicon: u64,
    /// See [`participle_compound`].
    pub participle_compound: bool,
}

/// The tags of one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tag {
    /// Universal part of speech.
    pub upos: Upos,
    /// Index of the Penn Treebank tag in [`Tagger::xpos_names`].
    pub xpos: u16,
}

/// Number of UPOS classes at the start of every model row.
const N_UPOS: usize = 17;

/// The bit of an ambiguity class that says the word was a past participle (VBN) in at
/// least 5% of its training occurrences; not part of the features (see [`UPOS_MASK`]).
const PARTICIPLE_BIT: usize = 20;

/// The UPOS bits of an ambiguity class, the part the features see.
const UPOS_MASK: u32 = (1 << N_UPOS) - 1;

/// A trained part-of-speech tagger.
#[derive(Debug, Clone)]
pub struct Tagger {
    /// Classes: the 17 UPOS tags, then the XPOS tags.
    model: Model,
    /// Normalised word hash → bitmask of the UPOS tags it had in training.
    ambiguity: HashMap<u64, u32>,
    /// Word classes of words the treebanks may not have.
    lexicon: Arc<Lexicon>,
}

/// Index of a tag in [`Upos::ALL`] (the class index of the tagger model).
pub fn tag_index(tag: Upos) -> usize {
    Upos::ALL.iter().position(|&t| t == tag).unwrap_or(16)
}

impl Tagger {
    /// Tags one sentence.
    pub fn tag(&self, words: &[&str]) -> Vec<Tag> {
        let views = self.views(words);
        let mut tags = Vec::with_capacity(words.len());
        let mut feats = Vec::with_capacity(48);
        let mut scores = vec![0f32; self.model.n_classes()];
        let allowed = if views.iter().any(|v| v.participle_compound) {
            ["VBN", "JJ"].map(|t| self.model.class_index(t))
        } else {
            [None, None]
        };
        for (i, view) in views.iter().enumerate() {
            features(&views, &tags, i, &mut feats);
            self.model.score(&feats, &mut scores);
            if view.participle_compound && allowed.iter().all(Option::is_some) {
                for (c, s) in scores.iter_mut().enumerate().skip(N_UPOS) {
                    if !allowed.contains(&Some(c)) {
                        *s = f32::NEG_INFINITY;
                    }
                }
            }
            tags.push(best_tag(&scores));
        }
        tags
    }

    /// UPOS tags only.
    pub fn tag_upos(&self, words: &[&str]) -> Vec<Upos> {
        self.tag(words).into_iter().map(|t| t.upos).collect()
    }

    /// The Penn Treebank tag names, by index.
    pub fn xpos_names(&self) -> &[String] {
        &self.model.classes()[N_UPOS..]
    }

    /// The name of Penn Treebank tag `xpos`.
    pub fn xpos_name(&self, xpos: u16) -> &str {
        self.model.class_name(N_UPOS + xpos as usize)
    }

    pub(crate) fn views(&self, words: &[&str]) -> Vec<WordView> {
        words
            .iter()
            .map(|w| word_view(w, &self.ambiguity, &self.lexicon))
            .collect()
    }

    /// The tagger in its binary format.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        self.model
            .write_to(&mut out, Precision::I8)
            .expect("writing to a Vec cannot fail");
        let mut entries: Vec<(u64, u32)> = self.ambiguity.iter().map(|(&k, &v)| (k, v)).collect();
        entries.sort_unstable();
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        for (k, v) in entries {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&v.to_le_bytes());
        }
        let sum = crate::nlp::perceptron::hash_bytes(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Reads a tagger written by [`Self::to_bytes`]; it looks words up in `lexicon`.
    pub fn from_bytes(bytes: &[u8], lexicon: Arc<Lexicon>) -> Result<Tagger> {
        let bad = |m: &str| Error::Model {
            name: "tagger".into(),
            message: m.into(),
        };
        if bytes.len() < 20 || &bytes[..8] != MAGIC {
            return Err(bad("not a kgforge tagger (bad magic)"));
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        if crate::nlp::perceptron::hash_bytes(body) != u64::from_le_bytes(sum.try_into().unwrap()) {
            return Err(bad("checksum mismatch: the model data is corrupt"));
        }
        let version = u32::from_le_bytes(body[8..12].try_into().unwrap());
        if version != VERSION {
            return Err(bad(&format!(
                "format version {version}, this build reads version {VERSION}; retrain with `kgforge nlp train`"
            )));
        }
        let mut input = &body[12..];
        let model = Model::read_from("tagger", &mut input)?;
        let upos_ok = model.n_classes() > N_UPOS
            && Upos::ALL
                .iter()
                .zip(model.classes())
                .all(|(u, c)| u.as_str() == c);
        if !upos_ok {
            return Err(bad(
                "the model's classes do not start with the 17 UPOS tags",
            ));
        }
        if input.len() < 4 {
            return Err(bad("truncated ambiguity table"));
        }
        let n = u32::from_le_bytes(input[..4].try_into().unwrap()) as usize;
        input = &input[4..];
        if input.len() != n * 12 {
            return Err(bad("ambiguity table has the wrong size"));
        }
        let ambiguity = input
            .chunks_exact(12)
            .map(|c| {
                (
                    u64::from_le_bytes(c[..8].try_into().unwrap()),
                    u32::from_le_bytes(c[8..].try_into().unwrap()),
                )
            })
            .collect();
        Ok(Tagger {
            model,
            ambiguity,
            lexicon,
        })
    }

    /// Number of feature rows in the model (a size measure).
    pub fn n_rows(&self) -> usize {
        self.model.n_rows()
    }

    /// The tagger without the rows whose weights are all below `threshold` in absolute
    /// value (a smaller, faster model: the same as training with `prune_below` = `threshold`,
    /// when `threshold` is at least the one it was trained with).
    pub fn pruned(&self, threshold: f32) -> Tagger {
        Tagger {
            model: Model::mean(std::slice::from_ref(&self.model), threshold),
            ambiguity: self.ambiguity.clone(),
            lexicon: self.lexicon.clone(),
        }
    }
}

fn word_view(word: &str, ambiguity: &HashMap<u64, u32>, lexicon: &Lexicon) -> WordView {
    let n = norm(word);
    let norm_hash = hash_str(&n);
    let lower = word.to_lowercase();
    let mut suffixes = [0u64; 4];
    for (k, s) in suffixes.iter_mut().enumerate() {
        *s = hash_str(suffix(&lower, k + 1));
    }
    let first = word.chars().next();
    let upper = first.is_some_and(char::is_uppercase);
    let all_upper = word.chars().any(char::is_alphabetic)
        && word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
    let has_digit = word.chars().any(|c| c.is_ascii_digit());
    let has_hyphen = word.contains('-');
    let flags =
        upper as u64 | (all_upper as u64) << 1 | (has_digit as u64) << 2 | (has_hyphen as u64) << 3;
    WordView {
        norm: norm_hash,
        form: hash_str(word),
        suffixes,
        prefix1: hash_str(prefix(&lower, 1)),
        prefix3: hash_str(prefix(&lower, 3)),
        shape: hash_str(&shape(word)),
        ambiguity: (ambiguity.get(&norm_hash).copied().unwrap_or(0) & UPOS_MASK) as u64,
        tail: hyphen_tail(word).map_or(0, |t| hash_str(&norm(t))),
        flags,
        lexicon: lexicon_classes(word, lexicon) as u64,
        participle_compound: participle_compound(word, ambiguity, lexicon),
    }
}

/// Whether `word` is a hyphenated compound the lexicon does not list, of a word of three
/// letters or more and a word the treebanks often have as a past participle
/// ("coronavirus-hit", "Kremlin-backed", "Lima-based"). English makes participles and
/// adjectives this way, not base-form verbs ("test-drive" and "fast-track" end in words that
/// are no participles). The treebanks split such compounds, so the few kgforge's tokenizer
/// keeps whole in the training data do not teach the tagger this, and after "to" it took
/// "coronavirus-hit" for an infinitive: the tagger gives these words VBN or JJ, whichever
/// scores higher.
fn participle_compound(word: &str, ambiguity: &HashMap<u64, u32>, lexicon: &Lexicon) -> bool {
    let Some(tail) = hyphen_tail(word) else {
        return false;
    };
    let head = word[..word.len() - tail.len()].trim_end_matches(['-', '\u{2010}', '\u{2011}']);
    let participle = ambiguity
        .get(&hash_str(&norm(tail)))
        .is_some_and(|&c| c & (1 << PARTICIPLE_BIT) != 0);
    participle
        && head.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && head.chars().all(|c| c.is_alphabetic() || c == '-')
        && lexicon.classes(word) == 0
}

/// A word's lexicon classes; a hyphenated word not in the lexicon takes its last part's.
fn lexicon_classes(word: &str, lexicon: &Lexicon) -> u8 {
    let c = lexicon.classes(word);
    if c == 0 {
        if let Some(tail) = hyphen_tail(word) {
            return lexicon.classes(tail) | 128;
        }
    }
    c
}

/// The best UPOS and XPOS in a row of scores.
fn best_tag(scores: &[f32]) -> Tag {
    Tag {
        upos: Upos::ALL[argmax(&scores[..N_UPOS]).unwrap_or(16)],
        xpos: argmax(&scores[N_UPOS..]).unwrap_or(0) as u16,
    }
}

/// The features of word `i`, given the tags of the words before it.
pub(crate) fn features(views: &[WordView], tags: &[Tag], i: usize, out: &mut Vec<u64>) {
    out.clear();
    let n = views.len();
    let w = &views[i];
    let word_at = |k: isize| -> u64 {
        let j = i as isize + k;
        if j < 0 {
            START
        } else if j as usize >= n {
            END
        } else {
            views[j as usize].norm
        }
    };
    let view_at = |k: isize| -> Option<&WordView> {
        let j = i as isize + k;
        (j >= 0 && (j as usize) < n).then(|| &views[j as usize])
    };
    let tag_at = |k: usize| -> u64 {
        if i >= k {
            tag_index(tags[i - k].upos) as u64
        } else {
            NO_TAG
        }
    };
    let xpos_at = |k: usize| -> u64 {
        if i >= k {
            100 + tags[i - k].xpos as u64
        } else {
            NO_TAG
        }
    };
    let (p1, p2) = (tag_at(1), tag_at(2));
    let (x1, x2) = (xpos_at(1), xpos_at(2));
    let (wm1, wm2, wp1, wp2) = (word_at(-1), word_at(-2), word_at(1), word_at(2));
    let first = (i == 0) as u64;
    out.push(feature(0, &[]));
    out.push(feature(1, &[w.norm]));
    out.push(feature(2, &[w.form]));
    out.push(feature(3, &[w.suffixes[0]]));
    out.push(feature(4, &[w.suffixes[1]]));
    out.push(feature(5, &[w.suffixes[2]]));
    out.push(feature(6, &[w.suffixes[3]]));
    out.push(feature(7, &[w.prefix1]));
    out.push(feature(8, &[w.prefix3]));
    out.push(feature(9, &[w.shape]));
    out.push(feature(10, &[w.flags, first]));
    out.push(feature(11, &[p1]));
    out.push(feature(12, &[p2]));
    out.push(feature(13, &[p1, p2]));
    out.push(feature(14, &[p1, w.norm]));
    out.push(feature(15, &[wm1]));
    out.push(feature(16, &[view_at(-1).map_or(START, |v| v.suffixes[2])]));
    out.push(feature(17, &[wp1]));
    out.push(feature(18, &[view_at(1).map_or(END, |v| v.suffixes[2])]));
    out.push(feature(19, &[wm2]));
    out.push(feature(20, &[wp2]));
    out.push(feature(21, &[w.ambiguity]));
    out.push(feature(22, &[view_at(1).map_or(END, |v| v.ambiguity)]));
    out.push(feature(23, &[view_at(2).map_or(END, |v| v.ambiguity)]));
    out.push(feature(24, &[p1, w.ambiguity]));
    out.push(feature(25, &[w.norm, wp1]));
    out.push(feature(26, &[wm1, w.norm]));
    out.push(feature(27, &[p1, w.suffixes[2]]));
    out.push(feature(
        28,
        &[w.ambiguity, view_at(1).map_or(END, |v| v.ambiguity)],
    ));
    out.push(feature(29, &[view_at(1).map_or(END, |v| v.shape)]));
    out.push(feature(30, &[view_at(-1).map_or(START, |v| v.shape)]));
    if w.tail != 0 {
        out.push(feature(31, &[w.tail]));
    }
    out.push(feature(32, &[p1, wp1]));
    out.push(feature(33, &[w.lexicon]));
    out.push(feature(34, &[w.lexicon, w.flags & 1, first]));
    out.push(feature(35, &[view_at(1).map_or(END, |v| v.lexicon)]));
    out.push(feature(36, &[p1, w.lexicon]));
    out.push(feature(37, &[w.lexicon, w.suffixes[1]]));
    out.push(feature(38, &[x1]));
    out.push(feature(39, &[x1, x2]));
    out.push(feature(40, &[x1, w.norm]));
    out.push(feature(41, &[x1, w.suffixes[2]]));
}

/// One sentence for training or evaluating the tagger.
#[derive(Debug, Clone)]
pub struct TaggedSentence {
    /// Word forms.
    pub words: Vec<String>,
    /// Gold UPOS tags.
    pub tags: Vec<Upos>,
    /// Gold Penn Treebank tags.
    pub xpos: Vec<String>,
}

/// Settings of [`train`].
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Passes over the training data (the best on dev is kept).
    pub epochs: usize,
    /// Rows whose averaged weights are all below this are dropped.
    pub prune_below: f32,
    /// Seed of the shuffling order.
    pub seed: u64,
    /// Updates a feature must take part in before it gets weights.
    pub min_updates: u8,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 8,
            prune_below: 0.05,
            seed: 1,
            min_updates: 1,
        }
    }
}

/// Builds the ambiguity classes: for each word seen at least three times, the tags it
/// had at least 5% of the time.
fn ambiguity_classes(train: &[TaggedSentence]) -> HashMap<u64, u32> {
    // the 17 UPOS counts, then how often the word was a past participle (VBN)
    let mut counts: HashMap<u64, [u32; 18]> = HashMap::new();
    for s in train {
        for (i, (w, &t)) in s.words.iter().zip(&s.tags).enumerate() {
            let c = counts.entry(hash_str(&norm(w))).or_insert([0; 18]);
            c[tag_index(t)] += 1;
            c[17] += (s.xpos.get(i).map(String::as_str) == Some("VBN")) as u32;
        }
    }
    counts
        .into_iter()
        .filter_map(|(k, c)| {
            let total: u32 = c[..17].iter().sum();
            if total < 3 {
                return None;
            }
            let mut mask = 0u32;
            for (t, &n) in c.iter().enumerate() {
                if n as f64 >= 0.05 * total as f64 {
                    mask |= 1 << if t < 17 { t } else { PARTICIPLE_BIT };
                }
            }
            Some((k, mask))
        })
        .collect()
}

/// UPOS and XPOS accuracy of `tagger` on `data`, in percent.
pub fn accuracy(tagger: &Tagger, data: &[TaggedSentence]) -> (f64, f64) {
    let (mut upos, mut xpos, mut total) = (0usize, 0usize, 0usize);
    for s in data {
        let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
        let tags = tagger.tag(&words);
        for (i, t) in tags.iter().enumerate() {
            upos += (t.upos == s.tags[i]) as usize;
            xpos += (tagger.xpos_name(t.xpos) == s.xpos[i]) as usize;
        }
        total += s.tags.len();
    }
    let pct = |x: usize| 100.0 * x as f64 / total.max(1) as f64;
    (pct(upos), pct(xpos))
}

/// Trains a tagger on `train`, keeping the epoch that scores best on `dev` (the last one
/// when `dev` is empty). `log` receives one line per epoch.
pub fn train(
    train: &[TaggedSentence],
    dev: &[TaggedSentence],
    lexicon: Arc<Lexicon>,
    config: &TrainConfig,
    mut log: impl FnMut(&str),
) -> Tagger {
    let ambiguity = ambiguity_classes(train);
    let mut xpos_names: Vec<String> = train
        .iter()
        .flat_map(|s| s.xpos.iter().cloned())
        .collect::<std::collections::BTreeSet<String>>()
        .into_iter()
        .collect();
    if xpos_names.is_empty() {
        xpos_names.push("_".into());
    }
    let xpos_index: HashMap<&str, usize> = xpos_names
        .iter()
        .enumerate()
        .map(|(i, x)| (x.as_str(), i))
        .collect();
    let classes: Vec<String> = Upos::ALL
        .iter()
        .map(|t| t.as_str().to_string())
        .chain(xpos_names.iter().cloned())
        .collect();
    let mut learner = Perceptron::new(classes).with_min_updates(config.min_updates);
    let mut rng = crate::nlp::train::Rng::new(config.seed);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut best: Option<(f64, Tagger)> = None;
    let mut feats = Vec::with_capacity(48);
    let mut scores = vec![0f32; learner.n_classes()];
    for epoch in 1..=config.epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &s in &order {
            let sentence = &train[s];
            let views: Vec<WordView> = sentence
                .words
                .iter()
                .map(|w| word_view(w, &ambiguity, &lexicon))
                .collect();
            let mut tags = Vec::with_capacity(views.len());
            for (i, &gold) in sentence.tags.iter().enumerate() {
                features(&views, &tags, i, &mut feats);
                learner.score(&feats, &mut scores);
                let guess = best_tag(&scores);
                let gold_x = sentence
                    .xpos
                    .get(i)
                    .and_then(|x| xpos_index.get(x.as_str()))
                    .copied()
                    .unwrap_or(0);
                learner.update(&feats, tag_index(gold), tag_index(guess.upos));
                learner.update(&feats, N_UPOS + gold_x, N_UPOS + guess.xpos as usize);
                right += (guess.upos == gold) as usize;
                total += 1;
                tags.push(guess);
            }
        }
        let tagger = Tagger {
            model: learner.average(config.prune_below),
            ambiguity: ambiguity.clone(),
            lexicon: lexicon.clone(),
        };
        let (dev_upos, dev_xpos) = if dev.is_empty() {
            (f64::NAN, f64::NAN)
        } else {
            accuracy(&tagger, dev)
        };
        let dev_note = if dev.is_empty() {
            "no dev set".to_string()
        } else {
            format!("dev UPOS {dev_upos:.2}% XPOS {dev_xpos:.2}%")
        };
        log(&format!(
            "tagger epoch {epoch}: train UPOS {:.2}%, {dev_note}, {} rows",
            100.0 * right as f64 / total.max(1) as f64,
            tagger.n_rows()
        ));
        if dev.is_empty() || best.as_ref().is_none_or(|(b, _)| dev_upos > *b) {
            best = Some((dev_upos, tagger));
        }
    }
    best.map(|(_, t)| t).unwrap_or_else(|| Tagger {
        model: learner.average(config.prune_below),
        ambiguity,
        lexicon,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::lemma::LexiconBuilder;

    fn sentence(words: &[(&str, Upos, &str)]) -> TaggedSentence {
        TaggedSentence {
            words: words.iter().map(|w| w.0.to_string()).collect(),
            tags: words.iter().map(|w| w.1).collect(),
            xpos: words.iter().map(|w| w.2.to_string()).collect(),
        }
    }

    #[test]
    fn participle_compounds_need_a_participle_tail_and_a_word_before_it() {
        use Upos::*;
        let data: Vec<TaggedSentence> = (0..3)
            .flat_map(|_| {
                [
                    sentence(&[("was", Aux, "VBD"), ("hit", Verb, "VBN")]),
                    sentence(&[("to", Part, "TO"), ("drive", Verb, "VB")]),
                ]
            })
            .collect();
        let ambiguity = ambiguity_classes(&data);
        let bit = |w: &str| ambiguity[&hash_str(&norm(w))] & (1 << PARTICIPLE_BIT) != 0;
        assert!(bit("hit") && !bit("drive") && !bit("was"));
        assert!(
            ambiguity.values().all(|c| c & UPOS_MASK != 0),
            "every class keeps its UPOS bits"
        );
        let lexicon = LexiconBuilder::new().build();
        let compound = |w: &str| participle_compound(w, &ambiguity, &lexicon);
        assert!(compound("coronavirus-hit") && compound("Flood-hit"));
        assert!(!compound("test-drive"), "drive is no participle");
        assert!(
            !compound("re-hit") && !compound("hit"),
            "no word before the participle"
        );
        assert!(!compound("2020-hit"), "digits are no word");
        // the features see the UPOS bits only, so the bit leaves the weights as they were
        let view = word_view("hit", &ambiguity, &lexicon);
        assert_eq!(view.ambiguity, (1 << tag_index(Verb)) as u64);
    }
}
