//! Text stage: tokenization and sentence splitting with byte offsets, written onto the `Document`.

mod sentences;
mod tokenize;

pub use sentences::{split_sentences, MAX_SENTENCE_TOKENS};
pub use tokenize::{tokenize, RawToken, MAX_PIECE_BYTES};

use crate::doc::{Document, Sentence, Token};
use crate::error::Result;
use crate::pipeline::Component;

/// The pipeline component that fills [`Document::tokens`] and [`Document::sentences`].
#[derive(Debug, Clone, Copy, Default)]
pub struct TextSegmenter;

impl Component for TextSegmenter {
    fn name(&self) -> &'static str {
        "text"
    }

    fn process(&self, doc: &mut Document) -> Result<()> {
        segment(doc);
        Ok(())
    }
}

/// Tokenizes and sentence-splits `doc.text`, replacing any earlier tokens and sentences.
pub fn segment(doc: &mut Document) {
    let raw = tokenize(&doc.text);
    let ranges = split_sentences(&doc.text, &raw);
    doc.tokens = Vec::with_capacity(raw.len());
    doc.sentences = Vec::with_capacity(ranges.len());
    for (s, &(start, end)) in ranges.iter().enumerate() {
        for t in &raw[start..end] {
            doc.tokens.push(Token {
                span: t.span,
                sentence: s,
                space_after: t.space_after,
                ..Token::default()
            });
        }
        doc.sentences.push(Sentence {
            tokens: (start, end),
            span: doc.tokens_span(start, end),
        });
    }
}
