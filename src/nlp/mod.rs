//! NLP stage: part-of-speech tags, lemmas and labelled dependencies on every token, from models built into the binary.
//!
//! The [`Annotator`] pipeline component runs, per sentence, the [`tagger::Tagger`] (UPOS and
//! Penn Treebank tags), the [`Lexicon`] (lemmas) and the [`parser::Parser`] (Universal
//! Dependencies relations), and writes [`Token::upos`](crate::doc::Token::upos),
//! `xpos`, `lemma`, `head` (a document-level token index) and `deprel`.
//!
//! The models are trained by `kgforge nlp train` (see [`train`]) from UD English EWT and
//! GUM, shipped in `models/` and embedded with `include_bytes!`; each is decoded once per
//! process on first use and shared.
//!
//! ```
//! use kgforge::pipeline::Pipeline;
//! use kgforge::{nlp::Annotator, text::TextSegmenter};
//!
//! let pipeline = Pipeline::new().with(TextSegmenter).with(Annotator::load()?);
//! let doc = pipeline.run("example", "Russia sent medical supplies to Italy.")?;
//! let sent = doc.tokens.iter().position(|t| doc.text[t.span.range()] == *"sent").unwrap();
//! assert_eq!(doc.tokens[0].deprel, "nsubj");
//! assert_eq!(doc.tokens[0].head, Some(sent));
//! assert_eq!(doc.tokens[sent].lemma, "send");
//! # Ok::<(), kgforge::Error>(())
//! ```

pub mod clusters;
pub mod conllu;
pub mod lemma;
pub mod lexical;
pub mod ner;
pub mod parser;
pub mod perceptron;
pub mod tagger;
pub mod train;

pub use lemma::Lexicon;

/// The models built into the binary, each loaded once per process on first use.
pub(crate) mod models {
    use std::sync::{Arc, OnceLock};

    use crate::error::{Error, Result};
    use crate::nlp::lemma::Lexicon;

    use crate::nlp::parser::Parser;
    use crate::nlp::tagger::Tagger;

    pub(super) static LEXICON_BYTES: &[u8] = include_bytes!("../../models/lexicon.bin");
    pub(super) static TAGGER_BYTES: &[u8] = include_bytes!("../../models/tagger.bin");
    pub(super) static PARSER_BYTES: &[u8] = include_bytes!("../../models/parser.bin");

    /// Loads a model once; later calls share it (or repeat its error).
    fn once<T>(
        cell: &'static OnceLock<std::result::Result<Arc<T>, String>>,
        name: &str,
        load: impl FnOnce() -> Result<T>,
    ) -> Result<Arc<T>> {
        cell.get_or_init(|| load().map(Arc::new).map_err(|e| e.to_string()))
            .clone()
            .map_err(|message| Error::Model {
                name: format!("built-in {name}"),
                message,
            })
    }

    /// The built-in lexicon (word classes and lemmas).
    pub fn lexicon() -> Result<Arc<Lexicon>> {
        static CELL: OnceLock<std::result::Result<Arc<Lexicon>, String>> = OnceLock::new();
        once(&CELL, "lexicon", || Lexicon::from_bytes(LEXICON_BYTES))
    }

    /// The built-in tagger.
    pub fn tagger() -> Result<Arc<Tagger>> {
        static CELL: OnceLock<std::result::Result<Arc<Tagger>, String>> = OnceLock::new();
        let lexicon = lexicon()?;
        once(&CELL, "tagger", || {
            Tagger::from_bytes(TAGGER_BYTES, lexicon)
        })
    }

    /// The built-in parser.
    pub fn parser() -> Result<Arc<Parser>> {
        static CELL: OnceLock<std::result::Result<Arc<Parser>, String>> = OnceLock::new();
        once(&CELL, "parser", || Parser::from_bytes(PARSER_BYTES))
    }
}

use std::path::Path;
use std::sync::Arc;

use crate::doc::{Document, Upos};
use crate::error::{Error, Result};
use crate::pipeline::Component;

/// The annotations of one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordAnnotation<'a> {
    /// Universal part of speech.
    pub upos: Upos,
    /// Penn Treebank tag.
    pub xpos: &'a str,
    /// Lemma.
    pub lemma: String,
    /// Head word (index in the sentence); `None` for the root.
    pub head: Option<usize>,
    /// Universal Dependencies relation to the head (`root` for the root).
    pub deprel: &'a str,
}

/// The pipeline component that tags, lemmatises and parses every sentence.
#[derive(Debug, Clone)]
pub struct Annotator {
    lexicon: Arc<Lexicon>,
    tagger: Arc<tagger::Tagger>,
    parser: Arc<parser::Parser>,
}

impl Annotator {
    /// The annotator with the models built into the binary (decoded once per process).
    pub fn load() -> Result<Self> {
        Ok(Annotator {
            lexicon: models::lexicon()?,
            tagger: models::tagger()?,
            parser: models::parser()?,
        })
    }

    /// Decodes the built-in models again, without the per-process cache of [`Self::load`]
    /// (for measuring load time).
    pub fn load_uncached() -> Result<Self> {
        let lexicon = Arc::new(Lexicon::from_bytes(models::LEXICON_BYTES)?);
        let tagger = tagger::Tagger::from_bytes(models::TAGGER_BYTES, lexicon.clone())?;
        let parser = parser::Parser::from_bytes(models::PARSER_BYTES)?;
        Ok(Annotator::new(lexicon, tagger, parser))
    }

    /// The annotator with the models in `dir` (`lexicon.bin`, `tagger.bin`, `parser.bin`),
    /// as written by `kgforge nlp train`.
    pub fn from_dir(dir: &Path) -> Result<Self> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read(&path).map_err(|e| Error::io(&path, e))
        };
        let lexicon = Arc::new(Lexicon::from_bytes(&read("lexicon.bin")?)?);
        let tagger = tagger::Tagger::from_bytes(&read("tagger.bin")?, lexicon.clone())?;
        let parser = parser::Parser::from_bytes(&read("parser.bin")?)?;
        Ok(Annotator {
            lexicon,
            tagger: Arc::new(tagger),
            parser: Arc::new(parser),
        })
    }

    /// Tags, lemmatises and parses one sentence given as words.
    pub fn annotate(&self, words: &[&str]) -> Vec<WordAnnotation<'_>> {
        let tags = self.tagger.tag(words);
        let upos: Vec<Upos> = tags.iter().map(|t| t.upos).collect();
        let xpos: Vec<&str> = tags.iter().map(|t| self.tagger.xpos_name(t.xpos)).collect();
        let mut arcs = self.parser.parse(words, &upos, &xpos);
        // UD treebanks place punctuation by rule (Udapi's ud.FixPunct), so a rule places it
        // better than the parser does (+0.2 UAS on EWT dev and GUM dev). The rule is
        // polynomial in the sentence length; very long "sentences" keep the parser's arcs.
        if words.len() <= parser::MAX_PUNCT_FIX_WORDS {
            let punct: Vec<bool> = upos.iter().map(|&u| u == Upos::Punct).collect();
            let mut heads: Vec<Option<usize>> = arcs.iter().map(|a| a.head).collect();
            parser::attach_punctuation(words, &punct, &mut heads, false);
            for (a, h) in arcs.iter_mut().zip(heads) {
                a.head = h;
            }
        }
        words
            .iter()
            .enumerate()
            .map(|(i, w)| WordAnnotation {
                upos: upos[i],
                xpos: xpos[i],
                lemma: self.lexicon.lemma_at(w, upos[i], i == 0),
                head: arcs[i].head,
                deprel: self.parser.label_name(arcs[i].label),
            })
            .collect()
    }

    /// An annotator over models already in memory (freshly trained ones, say).
    pub fn new(lexicon: Arc<Lexicon>, tagger: tagger::Tagger, parser: parser::Parser) -> Self {
        Annotator {
            lexicon,
            tagger: Arc::new(tagger),
            parser: Arc::new(parser),
        }
    }

    /// The lexicon (word classes and lemmas).
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The tagger.
    pub fn tagger(&self) -> &tagger::Tagger {
        &self.tagger
    }

    /// The parser.
    pub fn parser(&self) -> &parser::Parser {
        &self.parser
    }

    /// Scores the annotator against gold sentences, on their gold tokenization.
    pub fn evaluate(&self, gold: &[conllu::Sentence]) -> Scores {
        let mut c = Scores::default();
        let (mut upos, mut xpos, mut lemma, mut uas, mut las, mut las_full) = (0, 0, 0, 0, 0, 0);
        for s in gold {
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let predicted = self.annotate(&words);
            c.sentences += 1;
            for (w, p) in s.words.iter().zip(&predicted) {
                c.words += 1;
                upos += (w.upos().is_some_and(|u| u == p.upos)) as usize;
                xpos += (w.xpos == p.xpos) as usize;
                lemma += (w.lemma == p.lemma) as usize;
                let gold_head = match w.head {
                    Some(0) | None => None,
                    Some(h) => Some(h - 1),
                };
                if w.head.is_some() && gold_head == p.head {
                    uas += 1;
                    las += (parser::universal(&w.deprel) == parser::universal(p.deprel)) as usize;
                    las_full += (w.deprel == p.deprel) as usize;
                }
            }
        }
        let pct = |x: usize| 100.0 * x as f64 / c.words.max(1) as f64;
        c.upos = pct(upos);
        c.xpos = pct(xpos);
        c.lemma = pct(lemma);
        c.uas = pct(uas);
        c.las = pct(las);
        c.las_full = pct(las_full);
        c
    }
}

/// Scores on raw text: the project's tokenizer splits each gold sentence's `# text`, the
/// annotator tags and parses those tokens, and predicted words are matched to gold words
/// by character span (as the CoNLL 2018 scorer does). Every figure is an F1 in percent:
/// a word counts when its span matches (tokens), and also its tag (UPOS), its head's span
/// (UAS) and its universal relation (LAS).
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct RawScores {
    /// Tokenization F1.
    pub tokens: f64,
    /// UPOS F1.
    pub upos: f64,
    /// Unlabelled attachment F1.
    pub uas: f64,
    /// Labelled attachment F1 (universal relations).
    pub las: f64,
    /// Gold words.
    pub gold_words: usize,
    /// Predicted words.
    pub predicted_words: usize,
}

/// Character spans of a gold sentence's words in its `# text`; `None` for a word whose
/// span cannot be found (a multiword token whose parts do not spell it).
pub(crate) fn gold_spans(s: &conllu::Sentence, text: &str) -> Vec<Option<(usize, usize)>> {
    let mut spans = vec![None; s.words.len()];
    let mut pos = 0;
    let mut i = 0;
    let find = |pos: usize, form: &str| -> Option<usize> {
        let rest = &text[pos..];
        let skip = rest.len() - rest.trim_start().len();
        rest[skip..].starts_with(form).then_some(pos + skip)
    };
    while i < s.words.len() {
        let id = i + 1;
        if let Some(m) = s.multiword_tokens.iter().find(|m| m.first == id) {
            let Some(start) = find(pos, &m.form) else {
                return spans;
            };
            let parts: String = s.words[m.first - 1..m.last]
                .iter()
                .map(|w| w.form.as_str())
                .collect();
            if parts == m.form {
                let mut at = start;
                for (span, w) in spans[m.first - 1..m.last]
                    .iter_mut()
                    .zip(&s.words[m.first - 1..m.last])
                {
                    *span = Some((at, at + w.form.len()));
                    at += w.form.len();
                }
            }
            pos = start + m.form.len();
            i = m.last;
        } else {
            let Some(start) = find(pos, &s.words[i].form) else {
                return spans;
            };
            spans[i] = Some((start, start + s.words[i].form.len()));
            pos = start + s.words[i].form.len();
            i += 1;
        }
    }
    spans
}

impl Annotator {
    /// Scores the annotator on raw text: see [`RawScores`]. Sentences without a
    /// `# text` comment are skipped.
    pub fn evaluate_raw(&self, gold: &[conllu::Sentence]) -> RawScores {
        let (mut gold_n, mut pred_n, mut tok, mut upos, mut uas, mut las) = (0, 0, 0, 0, 0, 0);
        for s in gold {
            let Some(text) = s.text() else { continue };
            let spans = gold_spans(s, text);
            let raw = crate::text::tokenize(text);
            let words: Vec<&str> = raw.iter().map(|t| &text[t.span.range()]).collect();
            let predicted = self.annotate(&words);
            gold_n += s.words.len();
            pred_n += words.len();
            // predicted word index → gold word index
            let by_span: std::collections::HashMap<(usize, usize), usize> = spans
                .iter()
                .enumerate()
                .filter_map(|(g, sp)| sp.map(|sp| (sp, g)))
                .collect();
            let aligned: Vec<Option<usize>> = raw
                .iter()
                .map(|t| by_span.get(&(t.span.start, t.span.end)).copied())
                .collect();
            for (p, a) in predicted.iter().enumerate() {
                let Some(g) = aligned[p] else { continue };
                let gw = &s.words[g];
                tok += 1;
                upos += (gw.upos() == Some(a.upos)) as usize;
                let gold_head = match gw.head {
                    Some(0) | None => None,
                    Some(h) => Some(h - 1),
                };
                let head_ok = match (a.head, gold_head) {
                    (None, None) => true,
                    (Some(h), Some(gh)) => aligned[h] == Some(gh),
                    _ => false,
                };
                if head_ok {
                    uas += 1;
                    las += (parser::universal(&gw.deprel) == parser::universal(a.deprel)) as usize;
                }
            }
        }
        let f1 = |x: usize| {
            if x == 0 {
                0.0
            } else {
                let p = x as f64 / pred_n as f64;
                let r = x as f64 / gold_n as f64;
                100.0 * 2.0 * p * r / (p + r)
            }
        };
        RawScores {
            tokens: f1(tok),
            upos: f1(upos),
            uas: f1(uas),
            las: f1(las),
            gold_words: gold_n,
            predicted_words: pred_n,
        }
    }
}

/// Accuracy of the annotator on a gold treebank, in percent of words (punctuation included,
/// as in the CoNLL 2018 shared task).
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Scores {
    /// Universal part-of-speech tags.
    pub upos: f64,
    /// Penn Treebank tags.
    pub xpos: f64,
    /// Lemmas.
    pub lemma: f64,
    /// Unlabelled attachment: words with the right head.
    pub uas: f64,
    /// Labelled attachment: right head and right universal relation (subtypes ignored, as
    /// in the CoNLL 2018 scorer).
    pub las: f64,
    /// Labelled attachment with relation subtypes (`obl:tmod`) compared too.
    pub las_full: f64,
    /// Words scored.
    pub words: usize,
    /// Sentences scored.
    pub sentences: usize,
}

impl Component for Annotator {
    fn name(&self) -> &'static str {
        "nlp"
    }

    fn process(&self, doc: &mut Document) -> Result<()> {
        for s in 0..doc.sentences.len() {
            let range = doc.sentences[s].token_range();
            let start = range.start;
            let annotations: Vec<(Upos, String, String, Option<usize>, String)> = {
                let words: Vec<&str> = range.clone().map(|i| doc.token_text(i)).collect();
                self.annotate(&words)
                    .into_iter()
                    .map(|a| {
                        (
                            a.upos,
                            a.xpos.to_string(),
                            a.lemma,
                            a.head.map(|h| start + h),
                            a.deprel.to_string(),
                        )
                    })
                    .collect()
            };
            for (i, (upos, xpos, lemma, head, deprel)) in range.zip(annotations) {
                let tok = &mut doc.tokens[i];
                tok.upos = upos;
                tok.xpos = xpos;
                tok.lemma = lemma;
                tok.head = head;
                tok.deprel = deprel;
            }
        }
        Ok(())
    }
}
