//! The pipeline: named components run in order over one `Document` (the spaCy idea).

use std::sync::Arc;

use crate::doc::Document;
use crate::error::Result;
use crate::schema::Schema;

/// One stage of the pipeline. It reads the layers earlier stages wrote on the document and adds its own.
pub trait Component: Send + Sync {
    /// A short name for listings and errors ("text", "tagger").
    fn name(&self) -> &'static str;
    /// Adds this component's layer to `doc`.
    fn process(&self, doc: &mut Document) -> Result<()>;
}

/// An ordered list of components.
#[derive(Default)]
pub struct Pipeline {
    components: Vec<Box<dyn Component>>,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.names()).finish()
    }
}

impl Pipeline {
    /// An empty pipeline.
    pub fn new() -> Self {
        Pipeline::default()
    }

    /// Appends a component.
    pub fn with(mut self, component: impl Component + 'static) -> Self {
        self.components.push(Box::new(component));
        self
    }

    /// The standard extraction pipeline over `schema`: text → nlp → mentions → entities → relations.
    pub fn standard(schema: Arc<Schema>) -> Result<Self> {
        Ok(Self::standard_with(schema, crate::nlp::Annotator::load()?))
    }

    /// The standard extraction pipeline with other NLP models, such as those of
    /// [`Annotator::from_dir`](crate::nlp::Annotator::from_dir) (models retrained by
    /// `kgforge nlp train`).
    pub fn standard_with(schema: Arc<Schema>, annotator: crate::nlp::Annotator) -> Self {
        Pipeline::new()
            .with(crate::text::TextSegmenter)
            .with(annotator)
            .with(crate::extract::MentionFinder::new(schema.clone()))
            .with(crate::extract::EntityResolver::new(schema.clone()))
            .with(crate::extract::RelationExtractor::new(schema))
    }

    /// The names of the components, in order.
    pub fn names(&self) -> Vec<&'static str> {
        self.components.iter().map(|c| c.name()).collect()
    }

    /// Runs every component over a new document made from `name` and `text`.
    pub fn run(&self, name: &str, text: &str) -> Result<Document> {
        let mut doc = Document::new(name, text);
        self.process(&mut doc)?;
        Ok(doc)
    }

    /// Runs every component over an existing document.
    pub fn process(&self, doc: &mut Document) -> Result<()> {
        for component in &self.components {
            component.process(doc)?;
        }
        Ok(())
    }
}
