//! Extraction stage: entity mentions, entities resolved within a document, and relations between them.

mod gazetteer;
mod mentions;
pub mod names;
mod relations;
mod resolve;
mod titles;

pub use gazetteer::{FormKind, GazetteerMatch, GazetteerMatcher, KnownEntity};
pub use mentions::MentionFinder;
pub use relations::RelationExtractor;
pub use resolve::EntityResolver;
pub use titles::{TitleMatch, TitleMatcher};
