//! Extraction throughput on one core: the whole pipeline plus the graph merge, over a corpus.
//!
//! The corpus is `$KGFORGE_BENCH_CORPUS`, else `../shared/corpus/wikinews` beside the
//! repository, else the articles in `examples/`. Throughput is reported in bytes of article
//! text per second. Run: `cargo bench --bench extract`.

use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

mod common;

use kgforge::graph::KnowledgeGraph;
use kgforge::pipeline::Pipeline;
use kgforge::schema::Schema;

fn corpus() -> Vec<(String, String)> {
    let (dir, articles) = common::articles();
    eprintln!("corpus: {} ({} articles)", dir.display(), articles.len());
    articles
}

fn extraction(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(|(_, t)| t.len()).sum();
    let schema = Arc::new(Schema::embedded().unwrap());
    let pipeline = Pipeline::standard(schema.clone()).unwrap();

    let mut group = c.benchmark_group("extract");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("corpus_one_core", |b| {
        b.iter(|| {
            let mut graph = KnowledgeGraph::new(&*schema);
            for (name, text) in &docs {
                let doc = pipeline.run(name, text).unwrap();
                graph.add_document(&doc);
            }
            graph.node_count()
        })
    });
    group.finish();

    let mut load = c.benchmark_group("startup");
    load.sample_size(10);
    load.bench_function("schema_and_models", |b| {
        b.iter(|| {
            let schema = Arc::new(Schema::embedded().unwrap());
            Pipeline::standard(schema).unwrap().names().len()
        })
    });
    load.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
