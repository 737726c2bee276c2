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

pub mod conllu;
pub mod lemma;
pub mod lexical;
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

    static LEXICON_BYTES: &[u8] = include_bytes!("../../models/lexicon.bin");
    static TAGGER_BYTES: &[u8] = include_bytes!("../../models/tagger.bin");
    static PARSER_BYTES: &[u8] = include_bytes!("../../models/parser.bin");

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
        let arcs = self.parser.parse(words, &upos, &xpos);
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
