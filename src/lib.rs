//! kgforge: offline, deterministic knowledge graphs of actors and their relations from English news.
//!
//! The library is the pipeline of `DESIGN.md`: [`text`] → [`nlp`] → [`extract`] over one
//! [`doc::Document`], then [`graph::KnowledgeGraph`] and the [`export`] formats.
//!
//! ```
//! use std::sync::Arc;
//! use kgforge::{graph::KnowledgeGraph, pipeline::Pipeline, schema::Schema};
//!
//! let schema = Arc::new(Schema::embedded()?);
//! let pipeline = Pipeline::standard(schema.clone())?;
//! let doc = pipeline.run("example", "Russian President Vladimir Putin spoke with Donald Trump.")?;
//! let mut graph = KnowledgeGraph::new(schema);
//! graph.add_document(&doc);
//! assert!(graph.node("vladimir-putin").is_some());
//! # Ok::<(), kgforge::Error>(())
//! ```
#![warn(missing_docs)]

pub mod corpus;
pub mod doc;
pub mod error;
pub mod export;
pub mod extract;
pub mod graph;
pub mod input;
pub mod neo4j;
pub mod nlp;
pub mod parts;
pub mod pipeline;
pub mod schema;
pub mod text;

pub use error::{Error, Result};
