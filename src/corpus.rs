//! Corpus runs: many articles through the pipeline in parallel, handed back one by one in input order.
//!
//! Articles are read and extracted in chunks on the current rayon thread pool; the caller sees
//! each result in input order, so a merged graph is the same whatever the number of threads,
//! and memory stays bounded by one chunk of documents however large the corpus.

use rayon::prelude::*;

use crate::doc::Document;
use crate::error::Result;
use crate::graph::KnowledgeGraph;
use crate::input::{self, Input, ReadOptions};
use crate::pipeline::Pipeline;

/// How articles are read and extracted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExtractOptions {
    /// How input bytes become text.
    pub read: ReadOptions,
    /// Relations below this confidence are dropped.
    pub min_confidence: f32,
    /// How many articles are in flight at once (per chunk).
    pub chunk_size: usize,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            read: ReadOptions::default(),
            min_confidence: 0.0,
            chunk_size: 256,
        }
    }
}

/// Reads and extracts one input: text checks, the pipeline, the confidence filter.
pub fn extract_one(
    pipeline: &Pipeline,
    input: &Input,
    options: &ExtractOptions,
) -> Result<Document> {
    let text = input::read_text(input, options.read)?;
    // a very long article goes through in bounded parts (linear time; see `parts`)
    let mut doc =
        crate::parts::run_in_parts(pipeline, &input.name, &text, crate::parts::MAX_PART_BYTES)?;
    doc.relations
        .retain(|r| r.confidence >= options.min_confidence);
    Ok(doc)
}

/// Extracts every input on the current rayon pool and calls `handle` with each result in input
/// order. `handle` may stop the run by returning an error, which is then returned.
pub fn for_each_document<E>(
    pipeline: &Pipeline,
    inputs: &[Input],
    options: &ExtractOptions,
    mut handle: impl FnMut(&Input, Result<Document>) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    for chunk in inputs.chunks(options.chunk_size.max(1)) {
        let results: Vec<Result<Document>> = chunk
            .par_iter()
            .map(|input| extract_one(pipeline, input, options))
            .collect();
        for (input, result) in chunk.iter().zip(results) {
            handle(input, result)?;
        }
    }
    Ok(())
}

/// What a corpus build produced besides the graph.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// Articles extracted and added (or already in the graph).
    pub extracted: usize,
    /// Articles that were already in the graph with the same text.
    pub unchanged: usize,
    /// Inputs that could not be read or extracted, with the error.
    pub failures: Vec<(Input, crate::Error)>,
}

/// Extracts every input and merges it into `graph`, in input order.
pub fn build_graph(
    pipeline: &Pipeline,
    inputs: &[Input],
    options: &ExtractOptions,
    graph: &mut KnowledgeGraph,
) -> BuildReport {
    let mut report = BuildReport::default();
    let _ = for_each_document(pipeline, inputs, options, |input, result| {
        match result {
            Ok(doc) => {
                report.extracted += 1;
                if !graph.add_document(&doc) {
                    report.unchanged += 1;
                }
            }
            Err(e) => report.failures.push((input.clone(), e)),
        }
        Ok::<(), std::convert::Infallible>(())
    });
    report
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::export::json::to_json;
    use crate::input::Source;
    use crate::schema::Schema;

    fn corpus(dir: &std::path::Path) -> Vec<Input> {
        let texts = [
            "Russia sent medical supplies to Italy.",
            "Italian Prime Minister Giuseppe Conte thanked Russia.",
            "French President Emmanuel Macron met German Chancellor Angela Merkel in Berlin.",
            "Russian President Vladimir Putin spoke with Donald Trump on Monday.",
        ];
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let path = dir.join(format!("{i}.txt"));
                std::fs::write(&path, t).unwrap();
                Input {
                    name: format!("a{i}"),
                    source: Source::File(path),
                }
            })
            .collect()
    }

    #[test]
    fn the_merged_graph_does_not_depend_on_threads_or_chunks() {
        let dir = tempfile::tempdir().unwrap();
        let inputs = corpus(dir.path());
        let schema = Arc::new(Schema::embedded().unwrap());
        let pipeline = Pipeline::standard(schema.clone()).unwrap();
        let build = |threads: usize, chunk_size: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let mut graph = KnowledgeGraph::new(&*schema);
            let options = ExtractOptions {
                chunk_size,
                ..ExtractOptions::default()
            };
            let report = pool.install(|| build_graph(&pipeline, &inputs, &options, &mut graph));
            assert_eq!(report.extracted, inputs.len());
            to_json(&graph)
        };
        let one = build(1, 256);
        assert_eq!(one, build(2, 1));
        assert_eq!(one, build(2, 3));
        assert!(one.contains("\"russia\""));
    }

    #[test]
    fn adding_the_same_articles_twice_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let inputs = corpus(dir.path());
        let schema = Arc::new(Schema::embedded().unwrap());
        let pipeline = Pipeline::standard(schema.clone()).unwrap();
        let mut graph = KnowledgeGraph::new(&*schema);
        build_graph(&pipeline, &inputs, &ExtractOptions::default(), &mut graph);
        let once = to_json(&graph);
        let again = build_graph(&pipeline, &inputs, &ExtractOptions::default(), &mut graph);
        assert_eq!(again.unchanged, inputs.len());
        assert_eq!(once, to_json(&graph));
    }

    #[test]
    fn failures_are_reported_and_the_rest_is_merged() {
        let dir = tempfile::tempdir().unwrap();
        let mut inputs = corpus(dir.path());
        let bad = dir.path().join("bad.txt");
        std::fs::write(&bad, b"\xFF\xFE").unwrap();
        inputs.insert(
            1,
            Input {
                name: "bad".into(),
                source: Source::File(bad),
            },
        );
        let schema = Arc::new(Schema::embedded().unwrap());
        let pipeline = Pipeline::standard(schema.clone()).unwrap();
        let mut graph = KnowledgeGraph::new(&*schema);
        let report = build_graph(&pipeline, &inputs, &ExtractOptions::default(), &mut graph);
        assert_eq!(report.failures.len(), 1);
        assert_eq!(report.failures[0].0.name, "bad");
        assert_eq!(report.extracted, 4);
        assert!(graph.node("italy").is_some());
    }
}
