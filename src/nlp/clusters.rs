//! Distributional word classes: words clustered by the words seen next to them in unlabeled text.
//!
//! The tagger and parser see a word's identity only when the treebanks have it; a word they
//! never saw ("Hickenlooper", "ceasefire") falls back on its spelling. Word classes carry
//! what plain text knows about it: words that occur between the same neighbours ("sent",
//! "shipped", "delivered"; "Kenya", "Peru", "Slovakia") share a class, and the class is a
//! feature the models can learn from the words of the class they did see.
//!
//! The classes are computed by [`build`]: each word seen at least `min_count` times gets a
//! vector of its left and right neighbours (the most frequent words, one bucket for the
//! rest and one for the sentence edge), square-rooted and scaled to unit length (Hellinger
//! distance), and spherical k-means groups the words into fine classes, the fine classes
//! into middle ones and those into coarse ones — a three-level hierarchy, a cheap stand-in
//! for the bit-string prefixes of Brown clusters. Initial centres are the most frequent
//! words, so the result depends on the text alone: the same text gives the same table,
//! byte for byte.

use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::nlp::lexical::norm;
use crate::nlp::perceptron::{hash_bytes, hash_str};

/// File signature of serialised [`Clusters`].
const MAGIC: &[u8; 8] = b"KGFCLUST";
/// Format version.
const VERSION: u32 = 1;

/// The classes of one word at three granularities; 0 means "no class" (an unknown word).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ClassPath {
    /// Fine class, `1..=n_fine`.
    pub fine: u16,
    /// Middle class, `1..=n_mid`.
    pub mid: u16,
    /// Coarse class, `1..=n_coarse`.
    pub coarse: u16,
}

/// A table of word classes, looked up by the hash of a word's normalised form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clusters {
    /// `hash_str(norm(word))` → fine class (1-based).
    words: HashMap<u64, u16>,
    /// Fine class → middle class (both 1-based; index 0 unused).
    fine_to_mid: Vec<u16>,
    /// Middle class → coarse class (both 1-based; index 0 unused).
    mid_to_coarse: Vec<u16>,
}

/// Settings of [`build`].
#[derive(Debug, Clone)]
pub struct ClusterConfig {
    /// Words seen fewer times get no class.
    pub min_count: u32,
    /// Number of context words (the most frequent ones) on each side.
    pub contexts: usize,
    /// Number of fine, middle and coarse classes.
    pub sizes: [usize; 3],
    /// Passes of k-means at each level (it stops earlier when nothing moves).
    pub iterations: usize,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            min_count: 3,
            contexts: 500,
            sizes: [512, 64, 16],
            iterations: 12,
        }
    }
}

impl Clusters {
    /// The classes of the word whose normalised form hashes to `norm_hash`
    /// (`hash_str(&norm(word))`); all 0 when it has none.
    pub fn path_of_hash(&self, norm_hash: u64) -> ClassPath {
        match self.words.get(&norm_hash) {
            None => ClassPath::default(),
            Some(&fine) => {
                let mid = self.fine_to_mid.get(fine as usize).copied().unwrap_or(0);
                let coarse = self.mid_to_coarse.get(mid as usize).copied().unwrap_or(0);
                ClassPath { fine, mid, coarse }
            }
        }
    }

    /// The classes of `word`; all 0 when it has none.
    pub fn path(&self, word: &str) -> ClassPath {
        self.path_of_hash(hash_str(&norm(word)))
    }

    /// Number of words with a class.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether no word has a class (the table of a model trained without classes).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Number of fine, middle and coarse classes.
    pub fn sizes(&self) -> [usize; 3] {
        let coarse = self.mid_to_coarse.iter().copied().max().unwrap_or(0) as usize;
        [
            self.fine_to_mid.len().saturating_sub(1),
            self.mid_to_coarse.len().saturating_sub(1),
            coarse,
        ]
    }

    /// The table in its binary format.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        for table in [&self.fine_to_mid, &self.mid_to_coarse] {
            out.extend_from_slice(&(table.len() as u32).to_le_bytes());
            for &c in table {
                out.extend_from_slice(&c.to_le_bytes());
            }
        }
        let mut entries: Vec<(u64, u16)> = self.words.iter().map(|(&k, &v)| (k, v)).collect();
        entries.sort_unstable();
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        for (k, v) in entries {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&v.to_le_bytes());
        }
        let sum = hash_bytes(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Reads a table written by [`Self::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Clusters> {
        let bad = |m: &str| Error::Model {
            name: "word classes".into(),
            message: m.into(),
        };
        if bytes.len() < 20 || &bytes[..8] != MAGIC {
            return Err(bad("not a kgforge word-class table (bad magic)"));
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        if hash_bytes(body).to_le_bytes() != sum {
            return Err(bad("checksum mismatch: the table is corrupt"));
        }
        let version = u32::from_le_bytes(body[8..12].try_into().expect("4 bytes"));
        if version != VERSION {
            return Err(bad(&format!(
                "format version {version}, this build reads version {VERSION}; retrain with `kgforge nlp train`"
            )));
        }
        let mut pos = 12;
        let mut take = |n: usize| -> Result<&[u8]> {
            let s = body
                .get(pos..pos + n)
                .ok_or_else(|| bad(&format!("truncated at byte {pos}")))?;
            pos += n;
            Ok(s)
        };
        let count = |b: &[u8]| u32::from_le_bytes(b.try_into().expect("4 bytes")) as usize;
        let mut tables = [Vec::new(), Vec::new()];
        for table in &mut tables {
            let n = count(take(4)?);
            for _ in 0..n {
                table.push(u16::from_le_bytes(take(2)?.try_into().expect("2 bytes")));
            }
        }
        let [fine_to_mid, mid_to_coarse] = tables;
        let n = count(take(4)?);
        let mut words = HashMap::with_capacity(n.min(body.len() / 10));
        for _ in 0..n {
            let k = u64::from_le_bytes(take(8)?.try_into().expect("8 bytes"));
            let v = u16::from_le_bytes(take(2)?.try_into().expect("2 bytes"));
            if v == 0 || v as usize >= fine_to_mid.len() {
                return Err(bad("a word's class is out of range"));
            }
            words.insert(k, v);
        }
        if take(1).is_ok() {
            return Err(bad("unexpected bytes after the table"));
        }
        if fine_to_mid
            .iter()
            .skip(1)
            .any(|&m| m == 0 || m as usize >= mid_to_coarse.len())
        {
            return Err(bad("a fine class's middle class is out of range"));
        }
        Ok(Clusters {
            words,
            fine_to_mid,
            mid_to_coarse,
        })
    }
}

/// A sparse vector: (dimension, value), dimensions ascending.
type Sparse = Vec<(u32, f32)>;

/// Computes word classes from `sentences` (each a list of words).
pub fn build<S: AsRef<str>>(sentences: &[Vec<S>], config: &ClusterConfig) -> Clusters {
    let normed: Vec<Vec<String>> = sentences
        .iter()
        .map(|s| s.iter().map(|w| norm(w.as_ref())).collect())
        .collect();
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for s in &normed {
        for w in s {
            *counts.entry(w.as_str()).or_insert(0) += 1;
        }
    }
    // vocabulary: most frequent first, ties in alphabetical order (determinism)
    let mut vocab: Vec<(&str, u32)> = counts
        .iter()
        .filter(|(_, &c)| c >= config.min_count)
        .map(|(&w, &c)| (w, c))
        .collect();
    vocab.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    if vocab.is_empty() {
        return Clusters::default();
    }
    let index: HashMap<&str, usize> = vocab
        .iter()
        .enumerate()
        .map(|(i, &(w, _))| (w, i))
        .collect();
    // context ids: 0..contexts the most frequent words, then "other", then the sentence edge
    let n_ctx = config.contexts.min(vocab.len());
    let (other, edge) = (n_ctx as u32, n_ctx as u32 + 1);
    let side = n_ctx as u32 + 2;
    let ctx_of = |w: Option<&String>| -> u32 {
        match w.and_then(|w| index.get(w.as_str())) {
            None if w.is_none() => edge,
            Some(&i) if i < n_ctx => i as u32,
            _ => other,
        }
    };
    let mut raw: Vec<HashMap<u32, f32>> = vec![HashMap::new(); vocab.len()];
    for s in &normed {
        for (i, w) in s.iter().enumerate() {
            let Some(&v) = index.get(w.as_str()) else {
                continue;
            };
            let left = ctx_of(if i > 0 { s.get(i - 1) } else { None });
            let right = ctx_of(s.get(i + 1));
            *raw[v].entry(left).or_insert(0.0) += 1.0;
            *raw[v].entry(side + right).or_insert(0.0) += 1.0;
        }
    }
    let vectors: Vec<Sparse> = raw
        .into_iter()
        .map(|m| {
            let mut v: Sparse = m.into_iter().map(|(k, c)| (k, c.sqrt())).collect();
            v.sort_unstable_by_key(|&(k, _)| k);
            normalise_sparse(&mut v);
            v
        })
        .collect();
    let dim = 2 * side as usize;
    let k_fine = config.sizes[0].clamp(1, vectors.len());
    let (fine, fine_centres) = kmeans_sparse(&vectors, dim, k_fine, config.iterations);
    // the next levels cluster the centres, each weighted by its number of words
    let mut members = vec![0f32; k_fine];
    for &c in &fine {
        members[c] += 1.0;
    }
    let k_mid = config.sizes[1].clamp(1, k_fine);
    let (mid, mid_centres) = kmeans_dense(&fine_centres, &members, dim, k_mid, config.iterations);
    let mut mid_members = vec![0f32; k_mid];
    for (c, &m) in mid.iter().enumerate() {
        mid_members[m] += members[c];
    }
    let k_coarse = config.sizes[2].clamp(1, k_mid);
    let (coarse, _) = kmeans_dense(&mid_centres, &mid_members, dim, k_coarse, config.iterations);
    let words = vocab
        .iter()
        .zip(&fine)
        .map(|(&(w, _), &c)| (hash_str(w), c as u16 + 1))
        .collect();
    let fine_to_mid = std::iter::once(0)
        .chain(mid.iter().map(|&m| m as u16 + 1))
        .collect();
    let mid_to_coarse = std::iter::once(0)
        .chain(coarse.iter().map(|&c| c as u16 + 1))
        .collect();
    Clusters {
        words,
        fine_to_mid,
        mid_to_coarse,
    }
}

fn normalise_sparse(v: &mut Sparse) {
    let norm: f32 = v.iter().map(|&(_, x)| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, x) in v.iter_mut() {
            *x /= norm;
        }
    }
}

fn normalise_dense(v: &mut [f32]) {
    let norm: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        for x in v.iter_mut() {
            *x /= norm;
        }
    }
}

/// Dot product of two sparse vectors.
fn dot_sparse(a: &Sparse, b: &Sparse) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0f32);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Initial centres, farthest first (maximin): the most frequent word, then again and again
/// the candidate least similar to every centre chosen so far (the more frequent on ties).
/// Candidates are the `4k` most frequent words, frequent enough to have reliable contexts;
/// seeding with the `k` most frequent words instead would spend most centres on function
/// words.
fn maximin_seeds(vectors: &[Sparse], k: usize) -> Vec<usize> {
    let candidates = vectors.len().min(4 * k);
    let mut closest = vec![f32::NEG_INFINITY; candidates];
    let mut seeds = Vec::with_capacity(k);
    let mut next = 0;
    while seeds.len() < k {
        seeds.push(next);
        closest[next] = f32::INFINITY;
        for (c, sim) in closest.iter_mut().enumerate() {
            if *sim != f32::INFINITY {
                *sim = sim.max(dot_sparse(&vectors[c], &vectors[next]));
            }
        }
        let mut best = None;
        for (c, &sim) in closest.iter().enumerate() {
            if sim != f32::INFINITY && best.is_none_or(|(_, b)| sim < b) {
                best = Some((c, sim));
            }
        }
        match best {
            Some((c, _)) => next = c,
            None => break,
        }
    }
    // fewer candidates than centres: the rest are the next words by frequency
    seeds.extend(candidates..vectors.len().min(candidates + k - seeds.len()));
    seeds
}

/// Spherical k-means over sparse unit vectors, seeded by [`maximin_seeds`]. Returns each
/// vector's cluster and the centres (`k` rows of `dim`).
fn kmeans_sparse(
    vectors: &[Sparse],
    dim: usize,
    k: usize,
    iterations: usize,
) -> (Vec<usize>, Vec<Vec<f32>>) {
    let mut centres: Vec<Vec<f32>> = maximin_seeds(vectors, k)
        .into_iter()
        .map(|i| &vectors[i])
        .map(|v| {
            let mut c = vec![0f32; dim];
            for &(d, x) in v {
                c[d as usize] = x;
            }
            c
        })
        .collect();
    let mut assign = vec![usize::MAX; vectors.len()];
    // centres transposed (dimension-major) so that a word's score against every centre is
    // one pass over contiguous rows per non-zero dimension
    let mut transposed = vec![0f32; dim * k];
    let mut scores = vec![0f32; k];
    for _ in 0..iterations.max(1) {
        for (c, centre) in centres.iter().enumerate() {
            for (d, &x) in centre.iter().enumerate() {
                transposed[d * k + c] = x;
            }
        }
        let mut moved = 0usize;
        for (i, v) in vectors.iter().enumerate() {
            scores.iter_mut().for_each(|s| *s = 0.0);
            for &(d, x) in v {
                let row = &transposed[d as usize * k..(d as usize + 1) * k];
                for (s, &c) in scores.iter_mut().zip(row) {
                    *s += x * c;
                }
            }
            let best = best_index(&scores);
            moved += (best != assign[i]) as usize;
            assign[i] = best;
        }
        let mut sums = vec![vec![0f32; dim]; k];
        for (v, &c) in vectors.iter().zip(&assign) {
            for &(d, x) in v {
                sums[c][d as usize] += x;
            }
        }
        for (c, mut sum) in sums.into_iter().enumerate() {
            if sum.iter().any(|&x| x != 0.0) {
                normalise_dense(&mut sum);
                centres[c] = sum;
            }
        }
        if moved == 0 {
            break;
        }
    }
    (assign, centres)
}

/// Weighted spherical k-means over dense vectors; the first `k` are the initial centres.
fn kmeans_dense(
    vectors: &[Vec<f32>],
    weights: &[f32],
    dim: usize,
    k: usize,
    iterations: usize,
) -> (Vec<usize>, Vec<Vec<f32>>) {
    let mut centres: Vec<Vec<f32>> = vectors[..k].to_vec();
    let mut assign = vec![usize::MAX; vectors.len()];
    let mut scores = vec![0f32; k];
    for _ in 0..iterations.max(1) {
        let mut moved = 0usize;
        for (i, v) in vectors.iter().enumerate() {
            for (s, c) in scores.iter_mut().zip(&centres) {
                *s = v.iter().zip(c).map(|(a, b)| a * b).sum();
            }
            let best = best_index(&scores);
            moved += (best != assign[i]) as usize;
            assign[i] = best;
        }
        let mut sums = vec![vec![0f32; dim]; k];
        for ((v, &c), &w) in vectors.iter().zip(&assign).zip(weights) {
            for (s, &x) in sums[c].iter_mut().zip(v) {
                *s += w * x;
            }
        }
        for (c, mut sum) in sums.into_iter().enumerate() {
            if sum.iter().any(|&x| x != 0.0) {
                normalise_dense(&mut sum);
                centres[c] = sum;
            }
        }
        if moved == 0 {
            break;
        }
    }
    (assign, centres)
}

/// Index of the largest score (the first on ties).
fn best_index(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentences where countries and verbs each occur in the same frames.
    fn text() -> Vec<Vec<String>> {
        let mut out = Vec::new();
        let countries = ["Kenya", "Peru", "Chile", "Nepal", "Ghana", "Laos"];
        let verbs = [
            "sent",
            "shipped",
            "gave",
            "delivered",
            "offered",
            "promised",
        ];
        for (i, c) in countries.iter().enumerate() {
            for (j, v) in verbs.iter().enumerate() {
                let other = countries[(i + j + 1) % countries.len()];
                for s in [
                    format!("the government of {c} {v} aid to {other} ."),
                    format!("officials in {c} said they {v} food to {other} ."),
                ] {
                    out.push(s.split(' ').map(String::from).collect());
                }
            }
        }
        out
    }

    fn small() -> ClusterConfig {
        ClusterConfig {
            min_count: 2,
            contexts: 50,
            sizes: [8, 4, 2],
            iterations: 10,
        }
    }

    #[test]
    fn words_in_the_same_frames_share_a_class() {
        let clusters = build(&text(), &small());
        let kenya = clusters.path("Kenya");
        assert_ne!(kenya.fine, 0);
        assert_eq!(clusters.path("Peru"), kenya);
        assert_eq!(clusters.path("laos"), kenya, "looked up by normalised form");
        let sent = clusters.path("sent");
        assert_ne!(sent.fine, 0);
        assert_eq!(clusters.path("delivered"), sent);
        assert_ne!(sent.fine, kenya.fine);
        assert_eq!(clusters.path("Hickenlooper"), ClassPath::default());
        assert!(kenya.mid >= 1 && kenya.coarse >= 1);
    }

    #[test]
    fn the_same_text_gives_the_same_table() {
        let a = build(&text(), &small());
        let b = build(&text(), &small());
        assert_eq!(a.to_bytes(), b.to_bytes());
        assert!(!a.is_empty());
    }

    #[test]
    fn tables_survive_a_round_trip_and_corruption_is_refused() {
        let clusters = build(&text(), &small());
        let bytes = clusters.to_bytes();
        let back = Clusters::from_bytes(&bytes).unwrap();
        assert_eq!(back, clusters);
        assert_eq!(back.sizes()[0], clusters.sizes()[0]);
        let mut corrupt = bytes.clone();
        corrupt[20] ^= 1;
        assert!(Clusters::from_bytes(&corrupt).is_err());
        assert!(Clusters::from_bytes(&bytes[..bytes.len() - 3]).is_err());
        assert!(Clusters::from_bytes(b"not a table at all").is_err());
    }

    #[test]
    fn empty_text_gives_an_empty_table() {
        let none: Vec<Vec<String>> = Vec::new();
        let clusters = build(&none, &small());
        assert!(clusters.is_empty());
        assert_eq!(clusters.path("anything"), ClassPath::default());
        assert_eq!(
            Clusters::from_bytes(&clusters.to_bytes()).unwrap(),
            clusters
        );
    }
}
