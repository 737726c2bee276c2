//! The `Document`: the one value that flows through the extraction pipeline, layer by layer.
//!
//! Each pipeline stage reads the layers that earlier stages wrote and adds its own:
//!
//! | layer | written by | fields |
//! |---|---|---|
//! | text | caller | [`Document::name`], [`Document::text`] |
//! | tokens, sentences | [`crate::text`] | [`Document::tokens`], [`Document::sentences`] |
//! | tags, lemmas, dependencies | [`crate::nlp`] | [`Token::upos`], [`Token::lemma`], [`Token::head`], [`Token::deprel`] |
//! | mentions | [`crate::extract`] | [`Document::mentions`] |
//! | entities | [`crate::extract`] | [`Document::entities`], [`Mention::entity`] |
//! | relations | [`crate::extract`] | [`Document::relations`] |
//!
//! All offsets are byte offsets into [`Document::text`], half-open (`start..end`).

use std::collections::BTreeSet;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::schema::{EntityType, RelationType};

/// A half-open byte range `start..end` into a document's text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The span as a `Range<usize>`, for slicing text.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// Universal Dependencies part-of-speech tags (UPOS).
#[allow(missing_docs)]
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    /// Other, and the value of every token before tagging.
    #[default]
    X,
}

impl Upos {
    /// All tags, in a fixed order (the index used by models).
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    /// The tag as written in CoNLL-U (`PROPN`).
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    /// Parses a CoNLL-U tag (`"PROPN"`); `None` for anything else.
    pub fn parse(tag: &str) -> Option<Upos> {
        Upos::ALL.iter().copied().find(|t| t.as_str() == tag)
    }
}

/// One token: a word or punctuation mark, with its place in the text and its annotations.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Token {
    /// Where the token is in the text.
    pub span: Span,
    /// Index of the sentence that holds the token.
    pub sentence: usize,
    /// Whether whitespace follows the token in the text.
    pub space_after: bool,
    /// Part of speech ([`Upos::X`] until tagged).
    pub upos: Upos,
    /// Penn Treebank tag (empty until tagged, or when the tagger gives none).
    pub xpos: String,
    /// Lemma (empty until lemmatised).
    pub lemma: String,
    /// Syntactic head as a document-level token index; `None` for the root or before parsing.
    pub head: Option<usize>,
    /// Universal Dependencies relation to the head (`nsubj`, `obl`…; empty before parsing).
    pub deprel: String,
}

/// A sentence: a contiguous run of tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Sentence {
    /// Token indices `start..end` (document level).
    pub tokens: (usize, usize),
    /// Byte span from the first token's start to the last token's end.
    pub span: Span,
}

impl Sentence {
    /// The token indices as a range.
    pub fn token_range(&self) -> Range<usize> {
        self.tokens.0..self.tokens.1
    }
}

/// What kind of expression a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MentionKind {
    /// A proper name: "Vladimir Putin", "Italy", "AFP".
    Name,
    /// A demonym or national adjective standing for a country: "Russian", "Afghans".
    Demonym,
    /// A metonym for a government: "the Kremlin", "Washington said".
    Metonym,
    /// A nominal or pronominal reference resolved to a named actor: "the ministry".
    Nominal,
}

/// Where a mention came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MentionSource {
    /// A gazetteer in `schema/`.
    Gazetteer,
    /// A statistical model.
    Model,
    /// A hand-written pattern (capitalisation, titles).
    Pattern,
}

/// A stretch of text that names (or stands for) an actor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Token indices `start..end` (document level).
    pub tokens: (usize, usize),
    /// Byte span in the text.
    pub span: Span,
    /// The mention's text as written.
    pub text: String,
    /// Entity type.
    pub entity_type: EntityType,
    /// Name, demonym, metonym or nominal.
    pub kind: MentionKind,
    /// Gazetteer, model or pattern.
    pub source: MentionSource,
    /// Canonical name from a gazetteer, when one matched ("United States" for "U.S.").
    pub canonical: Option<String>,
    /// For a place that can stand for a government (a capital city), the country's canonical name.
    pub stands_for: Option<String>,
    /// A capitalised word of unknown type: it joins a named entity of the document or is dropped.
    pub tentative: bool,
    /// Index into [`Document::entities`] once resolved.
    pub entity: Option<usize>,
    /// How sure the recogniser is, 0..=1.
    pub confidence: f32,
}

impl Mention {
    /// The token indices as a range.
    pub fn token_range(&self) -> Range<usize> {
        self.tokens.0..self.tokens.1
    }
}

/// Why a mention was joined to an entity.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MergeNote {
    /// The surface form that was joined.
    pub alias: String,
    /// The rule that joined it, in words ("surname of Vladimir Putin").
    pub reason: String,
}

/// One actor of a document: the resolved cluster of its mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable id derived from the canonical name (see [`crate::schema::node_id`]).
    pub id: String,
    /// Canonical name ("Vladimir Putin", "United States").
    pub name: String,
    /// Entity type.
    pub entity_type: EntityType,
    /// Every surface form that referred to the entity, the name included.
    pub aliases: BTreeSet<String>,
    /// Indices into [`Document::mentions`].
    pub mentions: Vec<usize>,
    /// Why each alias joined.
    pub merges: Vec<MergeNote>,
}

/// Where a relation is stated: document, sentence and offsets.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// Document name (file stem).
    pub document: String,
    /// Sentence index within the document.
    pub sentence: usize,
    /// The sentence text, as in the document.
    pub text: String,
    /// Byte offset of the sentence start in the document.
    pub start: usize,
    /// Byte offset one past the sentence end in the document.
    pub end: usize,
    /// The word(s) that triggered the relation ("sent", "President").
    pub trigger: String,
    /// Byte offset of the trigger in the document.
    pub trigger_start: usize,
    /// Byte offset one past the trigger in the document.
    pub trigger_end: usize,
}

/// A typed, directed relation between two entities of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    /// Index of the source entity in [`Document::entities`].
    pub source: usize,
    /// Index of the target entity in [`Document::entities`].
    pub target: usize,
    /// Relation type.
    pub relation_type: RelationType,
    /// How sure the extractor is, 0..=1.
    pub confidence: f32,
    /// Where it is stated.
    pub evidence: Evidence,
    /// The extraction rule that found it ("title-before-name", "verb-dep"), for audits and
    /// calibration; empty when unknown.
    #[serde(default)]
    pub rule: String,
}

/// A document and every layer the pipeline has added to it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Document name, usually the file stem; used in evidence.
    pub name: String,
    /// The original text. Every offset points into it.
    pub text: String,
    /// Tokens in text order.
    pub tokens: Vec<Token>,
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// Entity mentions in text order.
    pub mentions: Vec<Mention>,
    /// Resolved entities.
    pub entities: Vec<Entity>,
    /// Relations between entities.
    pub relations: Vec<Relation>,
}

impl Document {
    /// A document with text and no layers yet.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            name: name.into(),
            text: text.into(),
            ..Document::default()
        }
    }

    /// The text of a span.
    pub fn span_text(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// The text of token `i`.
    pub fn token_text(&self, i: usize) -> &str {
        self.span_text(self.tokens[i].span)
    }

    /// The text of sentence `s`, as in the document.
    pub fn sentence_text(&self, s: usize) -> &str {
        self.span_text(self.sentences[s].span)
    }

    /// Byte span covering tokens `start..end` (which must be non-empty).
    pub fn tokens_span(&self, start: usize, end: usize) -> Span {
        Span::new(self.tokens[start].span.start, self.tokens[end - 1].span.end)
    }

    /// Evidence for a relation stated in `sentence` and triggered by tokens `trigger.0..trigger.1`.
    pub fn evidence(&self, sentence: usize, trigger: (usize, usize)) -> Evidence {
        let sent = self.sentences[sentence];
        let trigger_span = self.tokens_span(trigger.0, trigger.1);
        Evidence {
            document: self.name.clone(),
            sentence,
            text: self.sentence_text(sentence).to_string(),
            start: sent.span.start,
            end: sent.span.end,
            trigger: self.span_text(trigger_span).to_string(),
            trigger_start: trigger_span.start,
            trigger_end: trigger_span.end,
        }
    }
}
