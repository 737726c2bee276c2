//! Training recipe of the NLP models: read the treebanks, train tagger and parser, write `models/`.
//!
//! One call of [`run`] (the `kgforge nlp train` command) does everything: it reads UD
//! English EWT and the commercially usable GUM genres, adapts them to the project's
//! tokenization (hyphenated words kept whole in half of the sentences), trains the tagger,
//! tags the parser's training data by jackknifing (so the parser learns from tags as good
//! as the ones it will see), trains the parser, builds the lemma table, and writes the
//! models with a report of their dev and test scores.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::doc::Upos;
use crate::error::{Error, Result};
use crate::nlp::clusters::{self, ClusterConfig};
use crate::nlp::conllu::{self, Sentence};
use crate::nlp::lemma::{class, Lexicon, LexiconBuilder};
use crate::nlp::parser::{self, ParsedSentence};
use crate::nlp::tagger::{self, TaggedSentence, Tagger};

/// A small deterministic random generator (SplitMix64) for shuffling training data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator with the given seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Shuffles `items` in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// The treebank files under a data directory (`/work/shared/data` layout).
#[derive(Debug, Clone)]
pub struct DataFiles {
    /// EWT train, dev, test.
    pub ewt: [PathBuf; 3],
    /// GUM (non-NC genres) train, dev, test.
    pub gum: [PathBuf; 3],
    /// The data directory (for the lemma lists).
    pub dir: PathBuf,
}

impl DataFiles {
    /// The files under `dir`; an error names the first one that is missing.
    pub fn locate(dir: &Path) -> Result<DataFiles> {
        let ewt_dir = dir.join("ud_english_ewt");
        let gum_dir = dir.join("ud_english_gum");
        let files = DataFiles {
            ewt: ["train", "dev", "test"].map(|s| ewt_dir.join(format!("en_ewt-ud-{s}.conllu"))),
            gum: ["train", "dev", "test"]
                .map(|s| gum_dir.join(format!("en_gum-{s}.non-nc.conllu"))),
            dir: dir.to_path_buf(),
        };
        for f in files.ewt.iter().chain(&files.gum) {
            if !f.is_file() {
                return Err(Error::io(
                    f,
                    std::io::Error::new(std::io::ErrorKind::NotFound, "treebank file not found"),
                ));
            }
        }
        Ok(files)
    }
}

/// Builds the lexicon from the lemma lists under the data directory and the treebank words.
pub fn build_lexicon(dir: &Path, treebank: &[Sentence]) -> Result<Lexicon> {
    use std::io::Read as _;
    let mut builder = LexiconBuilder::new();
    let lemminflect = dir.join("lemma_lemminflect/lemma_lu.csv.gz");
    let file = std::fs::File::open(&lemminflect).map_err(|e| Error::io(&lemminflect, e))?;
    let mut csv = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut csv)
        .map_err(|e| Error::io(&lemminflect, e))?;
    builder.add_lemminflect(&csv);
    builder.add_oewn(&dir.join("lemma_open_english_wordnet/oewn_lemma_pos_forms.tsv"))?;
    let wordnet = dir.join("lemma_wordnet30_debian");
    for (file, c) in [
        ("noun.exc", class::NOUN),
        ("verb.exc", class::VERB),
        ("adj.exc", class::ADJ),
        ("adv.exc", class::ADV),
    ] {
        builder.add_wordnet_exceptions(&wordnet.join(file), c)?;
    }
    for s in treebank {
        for w in &s.words {
            if let Some(upos) = w.upos() {
                builder.add_treebank_word(&w.form, upos, &w.lemma);
            }
        }
    }
    Ok(builder.build())
}

/// Lemma accuracy (percent) of `lexicon` on gold-tagged words.
pub fn lemma_accuracy(lexicon: &Lexicon, data: &[Sentence]) -> f64 {
    let (mut right, mut total) = (0usize, 0usize);
    for s in data {
        for w in &s.words {
            if let Some(upos) = w.upos() {
                right += (lexicon.lemma(&w.form, upos) == w.lemma) as usize;
                total += 1;
            }
        }
    }
    100.0 * right as f64 / total.max(1) as f64
}

/// Whether a word is inside a multiword token of `s`.
fn in_multiword(s: &Sentence, id: usize) -> bool {
    s.multiword_tokens
        .iter()
        .any(|m| (m.first..=m.last).contains(&id))
}

/// Rewrites a sentence the way the project's tokenizer would split it: words joined by
/// hyphens without spaces ("Al - Zaman", "coronavirus - hit") become one word. A group is
/// merged only when exactly one of its words has its head outside the group; the merged
/// word takes that word's tag, head and relation.
pub fn merge_hyphenated(s: &Sentence) -> Sentence {
    let n = s.words.len();
    let joins = |i: usize| -> bool {
        // words i-1, i, i+1 (0-based) = X - Y with no spaces
        let w = &s.words[i];
        i > 0
            && i + 1 < n
            && is_hyphen(&w.form)
            && s.words[i - 1].no_space_after()
            && w.no_space_after()
            && s.words[i - 1]
                .form
                .chars()
                .last()
                .is_some_and(char::is_alphanumeric)
            && s.words[i + 1]
                .form
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
            && !in_multiword(s, i)
            && !in_multiword(s, i + 1)
            && !in_multiword(s, i + 2)
    };
    let mut groups: Vec<(usize, usize)> = Vec::new(); // 0-based inclusive ranges
    let mut i = 1;
    while i + 1 < n {
        if joins(i) {
            let start = match groups.last() {
                Some(&(a, b)) if b == i - 1 => {
                    groups.pop();
                    a
                }
                _ => i - 1,
            };
            groups.push((start, i + 1));
            i += 2;
        } else {
            i += 1;
        }
    }
    let groups: Vec<(usize, usize)> = groups
        .into_iter()
        .filter(|&g| range_head(s, g).is_some())
        .collect();
    if groups.is_empty() {
        return s.clone();
    }
    merge_ranges_with(s, &groups, MergedLemma::Form)
}

/// Whether a word is a hyphen (ASCII or Unicode).
fn is_hyphen(form: &str) -> bool {
    matches!(form, "-" | "\u{2010}" | "\u{2011}")
}

/// The word of `range` (0-based, inclusive) whose head lies outside it, when exactly one
/// does: the word a token made of the range stands for.
fn range_head(s: &Sentence, (a, b): (usize, usize)) -> Option<usize> {
    let outside = |k: usize| {
        s.words[k]
            .head
            .is_none_or(|h| h == 0 || h - 1 < a || h - 1 > b)
    };
    let mut heads = (a..=b).filter(|&k| outside(k));
    let head = heads.next()?;
    heads.next().is_none().then_some(head)
}

/// The hyphenated compounds of a gold sentence that kgforge's tokenizer reads as one token:
/// word ranges (0-based, inclusive) that one token of [`crate::text::tokenize`] on the
/// sentence's text covers exactly, that contain a hyphen word ("coronavirus - hit",
/// "Lima - based"; not "U.S. - led", which the tokenizer splits too), and that have one word
/// whose head lies outside them. Words inside multiword tokens are never joined.
pub fn tokenizer_joins(s: &Sentence) -> Vec<(usize, usize)> {
    let surface;
    let text = match s.text() {
        Some(t) => t,
        None => {
            surface = s.surface_text();
            &surface
        }
    };
    let spans = crate::nlp::gold_spans(s, text);
    let starts: std::collections::HashMap<usize, usize> = spans
        .iter()
        .enumerate()
        .filter_map(|(k, sp)| sp.map(|(a, _)| (a, k)))
        .collect();
    let ends: std::collections::HashMap<usize, usize> = spans
        .iter()
        .enumerate()
        .filter_map(|(k, sp)| sp.map(|(_, b)| (b, k)))
        .collect();
    let mut joins = Vec::new();
    for t in crate::text::tokenize(text) {
        let (Some(&a), Some(&b)) = (starts.get(&t.span.start), ends.get(&t.span.end)) else {
            continue;
        };
        if b <= a
            || (a..=b).any(|k| spans[k].is_none() || in_multiword(s, k + 1))
            || !s.words[a + 1..b].iter().any(|w| is_hyphen(&w.form))
        {
            continue;
        }
        if range_head(s, (a, b)).is_some() {
            joins.push((a, b));
        }
    }
    joins
}

/// The sentence with each range of `groups` (0-based, inclusive, in order, disjoint, each
/// with one word whose head lies outside it) made one word: the form is the range's text,
/// the analysis (tags, features, head, relation) that of the range's head word, the lemma
/// the text before the head word joined to the head word's lemma (in lower case unless
/// the head is a proper noun, as the lemmatizer writes it); dependents of the range's
/// words depend on the new word.
pub fn merge_ranges(s: &Sentence, groups: &[(usize, usize)]) -> Sentence {
    merge_ranges_with(s, groups, MergedLemma::HeadLemma)
}

/// How a merged word's lemma is written (in lower case unless it is a proper noun).
#[derive(Clone, Copy)]
enum MergedLemma {
    /// The joined text ("coronavirus-hit"): [`merge_hyphenated`], as the shipped models learnt.
    Form,
    /// The text before the head word joined to the head's lemma ("iranian-back"): [`merge_ranges`].
    HeadLemma,
}

/// [`merge_ranges`] with the lemma written as `lemma` says.
fn merge_ranges_with(s: &Sentence, groups: &[(usize, usize)], lemma: MergedLemma) -> Sentence {
    let n = s.words.len();
    let mut new_index = vec![0usize; n];
    let mut keep = vec![true; n];
    let mut next = 0;
    let mut g = 0;
    let mut k = 0;
    while k < n {
        if g < groups.len() && groups[g].0 == k {
            let (a, b) = groups[g];
            let head_word = range_head(s, (a, b)).unwrap_or(a);
            for m in a..=b {
                new_index[m] = next;
                keep[m] = m == head_word;
            }
            next += 1;
            k = b + 1;
            g += 1;
        } else {
            new_index[k] = next;
            next += 1;
            k += 1;
        }
    }
    let mut out = Sentence {
        comments: s.comments.clone(),
        ..Sentence::default()
    };
    for (k, w) in s.words.iter().enumerate() {
        if !keep[k] {
            continue;
        }
        let mut word = w.clone();
        word.id = new_index[k] + 1;
        if let Some(&(a, b)) = groups.iter().find(|&&(a, b)| (a..=b).contains(&k)) {
            word.form = s.words[a..=b].iter().map(|w| w.form.as_str()).collect();
            let joined = match lemma {
                MergedLemma::Form => word.form.clone(),
                MergedLemma::HeadLemma => {
                    let before: String = s.words[a..k].iter().map(|w| w.form.as_str()).collect();
                    let after: String =
                        s.words[k + 1..=b].iter().map(|w| w.form.as_str()).collect();
                    let head = if w.lemma == "_" { &w.form } else { &w.lemma };
                    format!("{before}{head}{after}")
                }
            };
            word.lemma = if word.upos == "PROPN" {
                joined
            } else {
                joined.to_lowercase()
            };
            word.misc = s.words[b].misc.clone();
        }
        word.head = w
            .head
            .map(|h| if h == 0 { 0 } else { new_index[h - 1] + 1 });
        out.words.push(word);
    }
    for m in &s.multiword_tokens {
        out.multiword_tokens.push(conllu::MultiwordToken {
            first: new_index[m.first - 1] + 1,
            last: new_index[m.last - 1] + 1,
            ..m.clone()
        });
    }
    out
}

/// The sentence as kgforge's tokenizer would give its words ([`tokenizer_joins`] merged
/// by [`merge_ranges`]); `None` when the tokenizer splits it as the treebank does.
pub fn as_tokenized(s: &Sentence) -> Option<Sentence> {
    let joins = tokenizer_joins(s);
    (!joins.is_empty()).then(|| merge_ranges(s, &joins))
}

/// The sentence as tagger training data (words whose tag is not a UD tag count as `X`).
pub fn tagged(s: &Sentence) -> TaggedSentence {
    TaggedSentence {
        words: s.words.iter().map(|w| w.form.clone()).collect(),
        tags: s
            .words
            .iter()
            .map(|w| w.upos().unwrap_or(Upos::X))
            .collect(),
        xpos: s.words.iter().map(|w| w.xpos.clone()).collect(),
    }
}

/// The sentence as parser data with the given tags (gold heads and labels).
pub fn parsed(s: &Sentence, tags: Vec<Upos>, xpos: Vec<String>) -> ParsedSentence {
    ParsedSentence {
        words: s.words.iter().map(|w| w.form.clone()).collect(),
        tags,
        xpos,
        heads: s
            .words
            .iter()
            .map(|w| match w.head {
                Some(0) | None => None,
                Some(h) => Some(h - 1),
            })
            .collect(),
        labels: s.words.iter().map(|w| w.deprel.clone()).collect(),
    }
}

/// Tags every sentence with `tagger`: UPOS and XPOS per sentence.
fn tag_all(tagger: &Tagger, data: &[Sentence]) -> Vec<(Vec<Upos>, Vec<String>)> {
    data.iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            split_tags(tagger, &tagger.tag(&words))
        })
        .collect()
}

fn split_tags(tagger: &Tagger, tags: &[tagger::Tag]) -> (Vec<Upos>, Vec<String>) {
    (
        tags.iter().map(|t| t.upos).collect(),
        tags.iter()
            .map(|t| tagger.xpos_name(t.xpos).to_string())
            .collect(),
    )
}

/// Options of [`run`].
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// The data directory (with `ud_english_ewt/` and `ud_english_gum/`).
    pub data: PathBuf,
    /// Where the models are written.
    pub out: PathBuf,
    /// Also train on GUM.
    pub use_gum: bool,
    /// Tagger settings.
    pub tagger: tagger::TrainConfig,
    /// A higher cut than `tagger.prune_below` for the written tagger only
    /// ([`tagger::Tagger::pruned`] after training); the jackknife taggers and the parser's
    /// training and dev tags are as `tagger.prune_below` makes them.
    pub tagger_prune: Option<f32>,
    /// Parser settings.
    pub parser: parser::TrainConfig,
    /// Folds for jackknifing the parser's training tags (0 or 1: gold tags).
    pub jackknife: usize,
    /// Also train on the dev sets (EWT dev, and GUM dev with `use_gum`): every pass is
    /// then kept, none is chosen on dev, and dev scores no longer measure anything.
    pub with_dev: bool,
    /// How the training data is brought to kgforge's tokenization of hyphenated words.
    pub hyphens: HyphenTraining,
    /// Unlabeled text for distributional word classes as parser features; `None`: none.
    pub parser_classes: Option<ClusterSources>,
    /// Settings of the word classes.
    pub cluster_config: ClusterConfig,
}

/// Where the text for the word classes comes from, besides the treebanks' training part.
#[derive(Debug, Clone)]
pub struct ClusterSources {
    /// A folder of plain-text articles (`*.txt`, Wikinews); `None`: no articles.
    pub corpus: Option<PathBuf>,
    /// A list of article file names never to read (held-out copies; `#` starts a comment).
    pub exclude: PathBuf,
}

/// Reads a CoNLL-like file (first field of each line is the word, a blank line ends a
/// sentence, `-DOCSTART-` lines are skipped).
fn read_token_per_line(path: &Path) -> Result<Vec<Vec<String>>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut out = Vec::new();
    let mut sentence = Vec::new();
    for line in text.lines() {
        match line.split_whitespace().next() {
            None => {
                if !sentence.is_empty() {
                    out.push(std::mem::take(&mut sentence));
                }
            }
            Some("-DOCSTART-") => {}
            Some(word) => sentence.push(word.to_string()),
        }
    }
    if !sentence.is_empty() {
        out.push(sentence);
    }
    Ok(out)
}

/// The sentences of the plain-text articles in `dir` except those named in `exclude`,
/// split and tokenized as the pipeline does.
fn read_articles(dir: &Path, exclude: &Path) -> Result<Vec<Vec<String>>> {
    let list = std::fs::read_to_string(exclude).map_err(|e| Error::io(exclude, e))?;
    let skip: std::collections::HashSet<&str> = list
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !skip.contains(n))
        })
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(|e| Error::io(&f, e))?;
        let tokens = crate::text::tokenize(&text);
        for (a, b) in crate::text::split_sentences(&text, &tokens) {
            out.push(
                tokens[a..b]
                    .iter()
                    .map(|t| text[t.span.range()].to_string())
                    .collect(),
            );
        }
    }
    Ok(out)
}

/// The text the word classes are computed from: the treebanks' training sentences,
/// Wikigold and WNUT-17 under the data directory (when present), and the articles of
/// `sources.corpus`. Returns the sentences and a line saying how many words came from where.
pub fn cluster_text(
    data_dir: &Path,
    treebank: &[Sentence],
    sources: &ClusterSources,
) -> Result<(Vec<Vec<String>>, String)> {
    let mut out: Vec<Vec<String>> = treebank
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.clone()).collect())
        .collect();
    let words = |s: &[Vec<String>]| s.iter().map(Vec::len).sum::<usize>();
    let mut report = format!("treebanks {}", words(&out));
    for (name, files) in [
        (
            "Wikigold",
            &["ner_misc_juand-r/wikigold/wikigold.conll.txt"][..],
        ),
        (
            "WNUT-17",
            &[
                "wnut17/wnut17train.conll",
                "wnut17/emerging.dev.conll",
                "wnut17/emerging.test.annotated",
            ][..],
        ),
    ] {
        let mut part = Vec::new();
        for f in files {
            let path = data_dir.join(f);
            if path.is_file() {
                part.extend(read_token_per_line(&path)?);
            }
        }
        report.push_str(&format!(", {name} {}", words(&part)));
        out.extend(part);
    }
    if let Some(dir) = &sources.corpus {
        let part = read_articles(dir, &sources.exclude)?;
        report.push_str(&format!(", articles {}", words(&part)));
        out.extend(part);
    }
    Ok((out, report))
}

/// How `nlp train` teaches the models the hyphenated compounds kgforge's tokenizer keeps
/// whole ("coronavirus-hit") where the treebanks split them ("coronavirus - hit").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum HyphenTraining {
    /// Every other training sentence has each hyphen group its words spell without spaces
    /// merged ([`merge_hyphenated`]); the rest stay as the treebank tokenizes them.
    #[default]
    Alternate,
    /// Every other training sentence has the groups kgforge's tokenizer keeps whole merged
    /// ([`as_tokenized`]); the rest stay as the treebank tokenizes them.
    AlternateTokenizer,
    /// Every training sentence stays as the treebank tokenizes it, and each one with a group
    /// kgforge's tokenizer keeps whole is added again in that tokenization ([`as_tokenized`]).
    Copies,
}

/// Reads a treebank, with a clear error naming the file.
fn read(path: &Path) -> Result<Vec<Sentence>> {
    conllu::read_file(path)
}

/// Trains every model and writes them to `options.out`; `log` receives progress lines.
pub fn run(options: &TrainOptions, mut log: impl FnMut(&str)) -> Result<()> {
    let started = Instant::now();
    let files = DataFiles::locate(&options.data)?;
    let mut train = read(&files.ewt[0])?;
    let ewt_dev = read(&files.ewt[1])?;
    let gum_dev = read(&files.gum[1])?;
    if options.use_gum {
        train.extend(read(&files.gum[0])?);
    }
    if options.with_dev {
        train.extend(ewt_dev.iter().cloned());
        if options.use_gum {
            train.extend(gum_dev.iter().cloned());
        }
    }
    // the sets that choose the best pass: none when they are training data
    let (ewt_dev, gum_dev) = if options.with_dev {
        (Vec::new(), Vec::new())
    } else {
        (ewt_dev, gum_dev)
    };
    // the training sentences in the project's tokenization too; origin[i] is the treebank
    // sentence train[i] comes from (a copy and its original fall in the same jackknife fold)
    let (train, origin, lexicon_data): (Vec<Sentence>, Vec<usize>, Vec<Sentence>) =
        if options.hyphens == HyphenTraining::Copies {
            let mut out = Vec::with_capacity(train.len() * 11 / 10);
            let mut origin = Vec::with_capacity(train.len() * 11 / 10);
            for (i, s) in train.iter().enumerate() {
                out.push(s.clone());
                origin.push(i);
                if let Some(copy) = as_tokenized(s) {
                    out.push(copy);
                    origin.push(i);
                }
            }
            log(&format!(
                "{} of {} training sentences copied in kgforge's tokenization",
                out.len() - train.len(),
                train.len()
            ));
            (out, origin, train)
        } else {
            // half of the training sentences in the project's tokenization, half in UD's
            let merged: Vec<Sentence> = train
                .iter()
                .enumerate()
                .map(|(i, s)| match (i % 2, options.hyphens) {
                    (0, HyphenTraining::Alternate) => merge_hyphenated(s),
                    (0, _) => as_tokenized(s).unwrap_or_else(|| s.clone()),
                    _ => s.clone(),
                })
                .collect();
            let origin = (0..merged.len()).collect();
            (merged.clone(), origin, merged)
        };
    log(&format!(
        "read {} training sentences, {} dev sentences ({:.1}s)",
        train.len(),
        ewt_dev.len(),
        started.elapsed().as_secs_f64()
    ));
    let lexicon = std::sync::Arc::new(build_lexicon(&files.dir, &lexicon_data)?);
    let mut parser_config = options.parser.clone();
    if let Some(sources) = &options.parser_classes {
        let (text, report) = cluster_text(&files.dir, &lexicon_data, sources)?;
        let table = clusters::build(&text, &options.cluster_config);
        log(&format!(
            "word classes: {} words in {:?} classes, from {} sentences ({report} words) after {:.1}s",
            table.len(),
            table.sizes(),
            text.len(),
            started.elapsed().as_secs_f64()
        ));
        parser_config.clusters = Some(std::sync::Arc::new(table));
    }
    drop(lexicon_data);
    let tag_train: Vec<TaggedSentence> = train.iter().map(tagged).collect();
    let tag_dev: Vec<TaggedSentence> = ewt_dev.iter().map(tagged).collect();
    let tagger = tagger::train(
        &tag_train,
        &tag_dev,
        lexicon.clone(),
        &options.tagger,
        &mut log,
    );
    std::fs::create_dir_all(&options.out).map_err(|e| Error::io(&options.out, e))?;
    let write = |name: &str, bytes: &[u8], log: &mut dyn FnMut(&str)| -> Result<()> {
        let path = options.out.join(name);
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
        log(&format!(
            "wrote {} ({} KB) after {:.1}s",
            path.display(),
            bytes.len() / 1024,
            started.elapsed().as_secs_f64()
        ));
        Ok(())
    };
    // the written tagger may be pruned harder than the one that tags the parser's dev data,
    // so that the result is the same as pruning the written files afterwards (`nlp prune`)
    let shipped_tagger = options.tagger_prune.map(|x| tagger.pruned(x));
    write("lexicon.bin", &lexicon.to_bytes(), &mut log)?;
    write(
        "tagger.bin",
        &shipped_tagger.as_ref().unwrap_or(&tagger).to_bytes(),
        &mut log,
    )?;

    // the parser learns from predicted tags: each fold is tagged by a tagger that never saw it
    let folds = options.jackknife;
    let train_tags: Vec<(Vec<Upos>, Vec<String>)> = if folds >= 2 {
        let mut tags = vec![(Vec::new(), Vec::new()); train.len()];
        for fold in 0..folds {
            let rest: Vec<TaggedSentence> = tag_train
                .iter()
                .enumerate()
                .filter(|(i, _)| origin[*i] % folds != fold)
                .map(|(_, s)| s.clone())
                .collect();
            let fold_tagger = tagger::train(&rest, &[], lexicon.clone(), &options.tagger, |_| {});
            for (i, s) in train
                .iter()
                .enumerate()
                .filter(|(i, _)| origin[*i] % folds == fold)
            {
                let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
                tags[i] = split_tags(&fold_tagger, &fold_tagger.tag(&words));
            }
            log(&format!(
                "jackknife fold {}/{folds} tagged ({:.1}s)",
                fold + 1,
                started.elapsed().as_secs_f64()
            ));
        }
        tags
    } else {
        tag_train
            .iter()
            .map(|s| (s.tags.clone(), s.xpos.clone()))
            .collect()
    };
    let right: usize = train_tags
        .iter()
        .zip(&tag_train)
        .map(|(p, g)| p.0.iter().zip(&g.tags).filter(|(a, b)| a == b).count())
        .sum();
    let total: usize = tag_train.iter().map(|s| s.tags.len()).sum();
    log(&format!(
        "parser training tags: {:.2}% correct",
        100.0 * right as f64 / total.max(1) as f64
    ));
    let parse_train: Vec<ParsedSentence> = train
        .iter()
        .zip(train_tags)
        .map(|(s, (u, x))| parsed(s, u, x))
        .collect();
    // model selection on both dev sets: EWT alone is web text, GUM adds news, biographies,
    // travel guides and more, closer to what the extractor reads
    let dev_both: Vec<Sentence> = ewt_dev.iter().chain(&gum_dev).cloned().collect();
    let parse_dev: Vec<ParsedSentence> = dev_both
        .iter()
        .zip(tag_all(&tagger, &dev_both))
        .map(|(s, (u, x))| parsed(s, u, x))
        .collect();
    let parser = parser::train(&parse_train, &parse_dev, &parser_config, &mut log);
    write("parser.bin", &parser.to_bytes(), &mut log)?;

    let annotator =
        crate::nlp::Annotator::new(lexicon.clone(), shipped_tagger.unwrap_or(tagger), parser);
    for (name, path) in [
        ("EWT dev", &files.ewt[1]),
        ("EWT test", &files.ewt[2]),
        ("GUM dev", &files.gum[1]),
        ("GUM test", &files.gum[2]),
    ] {
        let scores = annotator.evaluate(&read(path)?);
        log(&format!(
            "{name}: UPOS {:.2}, XPOS {:.2}, lemma {:.2}, UAS {:.2}, LAS {:.2} (full labels {:.2})",
            scores.upos, scores.xpos, scores.lemma, scores.uas, scores.las, scores.las_full
        ));
    }
    log(&format!("done in {:.1}s", started.elapsed().as_secs_f64()));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphen_groups_merge_into_their_head_word() {
        let text = "1\tAl\tAl\tPROPN\tNNP\t_\t0\troot\t_\tSpaceAfter=No
2\t-\t-\tPUNCT\tHYPH\t_\t3\tpunct\t_\tSpaceAfter=No
3\tZaman\tZaman\tPROPN\tNNP\t_\t1\tflat\t_\t_
4\tsaw\tsee\tVERB\tVBD\t_\t1\tparataxis\t_\t_
5\tcoronavirus\tcoronavirus\tNOUN\tNN\t_\t7\tcompound\t_\tSpaceAfter=No
6\t-\t-\tPUNCT\tHYPH\t_\t7\tpunct\t_\tSpaceAfter=No
7\thit\thit\tVERB\tVBN\t_\t8\tamod\t_\t_
8\tItaly\tItaly\tPROPN\tNNP\t_\t4\tobj\t_\t_
9\t-\t-\tPUNCT\tHYPH\t_\t4\tpunct\t_\t_
10\tok\tok\tINTJ\tUH\t_\t4\tdiscourse\t_\t_

";
        let s = &conllu::parse_str("t", text).unwrap()[0];
        let m = merge_hyphenated(s);
        let forms: Vec<&str> = m.words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(
            forms,
            ["Al-Zaman", "saw", "coronavirus-hit", "Italy", "-", "ok"]
        );
        let heads: Vec<Option<usize>> = m.words.iter().map(|w| w.head).collect();
        assert_eq!(
            heads,
            [Some(0), Some(1), Some(4), Some(2), Some(2), Some(2)]
        );
        assert_eq!(m.words[2].upos, "VERB");
        assert_eq!(m.words[2].deprel, "amod");
        assert_eq!(m.words[0].deprel, "root");
    }

    const TOKENIZED: &str = "# text = Aid went to coronavirus-hit Italy and the U.S.-led force.
1\tAid\taid\tNOUN\tNN\t_\t2\tnsubj\t_\t_
2\twent\tgo\tVERB\tVBD\t_\t0\troot\t_\t_
3\tto\tto\tADP\tIN\t_\t7\tcase\t_\t_
4\tcoronavirus\tcoronavirus\tNOUN\tNN\t_\t6\tcompound\t_\tSpaceAfter=No
5\t-\t-\tPUNCT\tHYPH\t_\t6\tpunct\t_\tSpaceAfter=No
6\thit\thit\tVERB\tVBN\t_\t7\tamod\t_\t_
7\tItaly\tItaly\tPROPN\tNNP\t_\t2\tobl\t_\t_
8\tand\tand\tCCONJ\tCC\t_\t13\tcc\t_\t_
9\tthe\tthe\tDET\tDT\t_\t13\tdet\t_\t_
10\tU.S.\tU.S.\tPROPN\tNNP\t_\t12\tobl\t_\tSpaceAfter=No
11\t-\t-\tPUNCT\tHYPH\t_\t12\tpunct\t_\tSpaceAfter=No
12\tled\tlead\tVERB\tVBN\t_\t13\tamod\t_\t_
13\tforce\tforce\tNOUN\tNN\t_\t7\tconj\t_\tSpaceAfter=No
14\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

";

    #[test]
    fn tokenizer_joins_what_kgforge_keeps_whole_and_nothing_else() {
        let s = &conllu::parse_str("t", TOKENIZED).unwrap()[0];
        // "coronavirus-hit" is one token of kgforge's tokenizer; "U.S.-led" is three
        assert_eq!(tokenizer_joins(s), [(3, 5)]);
        let m = as_tokenized(s).expect("one compound to merge");
        let forms: Vec<&str> = m.words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(
            forms,
            [
                "Aid",
                "went",
                "to",
                "coronavirus-hit",
                "Italy",
                "and",
                "the",
                "U.S.",
                "-",
                "led",
                "force",
                "."
            ]
        );
        let words: Vec<&str> = crate::text::tokenize(s.text().unwrap())
            .iter()
            .map(|t| &s.text().unwrap()[t.span.range()])
            .collect();
        assert_eq!(
            forms, words,
            "the copy is tokenized as kgforge tokenizes the text"
        );
        let heads: Vec<usize> = m.words.iter().map(|w| w.head.unwrap()).collect();
        assert_eq!(heads, [2, 0, 5, 5, 2, 11, 11, 10, 10, 11, 5, 2]);
        let ids: Vec<usize> = m.words.iter().map(|w| w.id).collect();
        assert_eq!(ids, (1..=12).collect::<Vec<_>>());
        let compound = &m.words[3];
        assert_eq!(
            (
                compound.upos.as_str(),
                compound.xpos.as_str(),
                compound.deprel.as_str()
            ),
            ("VERB", "VBN", "amod")
        );
        assert_eq!(compound.lemma, "coronavirus-hit");
        assert!(!compound.no_space_after());
        assert_eq!(m.surface_text(), s.text().unwrap());
    }

    #[test]
    fn merged_lemma_joins_the_text_before_the_head_to_its_lemma() {
        let text = "# text = the Iranian-backed militia
1\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
2\tIranian\tIranian\tADJ\tJJ\t_\t4\tobl\t_\tSpaceAfter=No
3\t-\t-\tPUNCT\tHYPH\t_\t4\tpunct\t_\tSpaceAfter=No
4\tbacked\tback\tVERB\tVBN\t_\t5\tamod\t_\t_
5\tmilitia\tmilitia\tNOUN\tNN\t_\t0\troot\t_\t_

";
        let s = &conllu::parse_str("t", text).unwrap()[0];
        let m = as_tokenized(s).unwrap();
        assert_eq!(m.words[1].form, "Iranian-backed");
        assert_eq!(m.words[1].lemma, "iranian-back");
    }

    #[test]
    fn a_compound_with_two_heads_outside_it_stays_split() {
        let mut s = conllu::parse_str("t", TOKENIZED).unwrap().remove(0);
        s.words[3].head = Some(7); // "coronavirus" now hangs from "Italy", as "hit" does
        assert!(tokenizer_joins(&s).is_empty());
        assert!(as_tokenized(&s).is_none());
    }

    #[test]
    fn rng_is_deterministic() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        let mut v: Vec<u32> = (0..10).collect();
        let mut w = v.clone();
        a.shuffle(&mut v);
        b.shuffle(&mut w);
        assert_eq!(v, w);
        assert_ne!(v, (0..10).collect::<Vec<_>>());
    }
}
