//! Named-entity recogniser: an averaged-perceptron BIO tagger over word-shape, affix, context and gazetteer features.

pub mod corpus;

pub use corpus::{LabelledSentence, NerType};
