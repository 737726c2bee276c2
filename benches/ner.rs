//! Named-entity recogniser throughput on one core: tagging every sentence of a corpus, with
//! gazetteer hints, and the whole mention stage (recogniser, gazetteers and name rules).
//!
//! The corpus is `$KGFORGE_BENCH_CORPUS`, else `../shared/corpus/wikinews` beside the
//! repository, else the articles in `examples/`. Throughput is reported in words per second.
//! Run: `cargo bench --bench ner`.

use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

mod common;

use kgforge::doc::Document;
use kgforge::extract::{GazetteerMatcher, MentionFinder};
use kgforge::nlp::ner::Recognizer;
use kgforge::pipeline::Component;
use kgforge::schema::Schema;

fn corpus() -> Vec<Document> {
    let (dir, articles) = common::articles();
    eprintln!("corpus: {} ({} articles)", dir.display(), articles.len());
    articles
        .into_iter()
        .map(|(name, text)| {
            let mut doc = Document::new(name, text);
            kgforge::text::segment(&mut doc);
            doc
        })
        .collect()
}

fn recogniser(c: &mut Criterion) {
    let docs = corpus();
    let words: usize = docs.iter().map(|d| d.tokens.len()).sum();
    let schema = Arc::new(Schema::embedded().unwrap());
    let gazetteer = GazetteerMatcher::new(&schema);
    let recognizer = Recognizer::embedded().unwrap();
    // hints are computed once: this measures the recogniser alone
    let sentences: Vec<(Vec<&str>, Vec<_>)> = docs
        .iter()
        .flat_map(|d| {
            let gazetteer = &gazetteer;
            d.sentences.iter().map(move |s| {
                let (a, b) = s.tokens;
                (
                    (a..b).map(|i| d.token_text(i)).collect::<Vec<_>>(),
                    gazetteer.hints(d, a, b),
                )
            })
        })
        .collect();
    let mut group = c.benchmark_group("ner");
    group.sample_size(10);
    group.throughput(Throughput::Elements(words as u64));
    group.bench_function("recognize_words", |b| {
        b.iter(|| {
            sentences
                .iter()
                .map(|(w, h)| recognizer.recognize(w, h).len())
                .sum::<usize>()
        })
    });
    let finder = MentionFinder::new(schema.clone());
    group.bench_function("mentions_words", |b| {
        b.iter(|| {
            let mut n = 0;
            for d in &docs {
                let mut d = d.clone();
                finder.process(&mut d).unwrap();
                n += d.mentions.len();
            }
            n
        })
    });
    group.finish();
}

criterion_group!(benches, recogniser);
criterion_main!(benches);
