//! NLP throughput on one core: tagging, lemmas and parsing of about 1 MB of news text, model loading included.
//!
//! The text is the articles of `$KGFORGE_BENCH_CORPUS`, else `../shared/corpus/wikinews`
//! beside the repository, else `examples/`, concatenated (and repeated if needed) to 1 MB,
//! then split into sentences and tokens once. Throughput is reported in tokens per second.
//! `annotate_with_load` decodes the built-in models and annotates every sentence (the
//! figure the project's target refers to); `tag` and `parse` time the two stages alone
//! with the models already loaded. Run: `cargo bench --bench nlp`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

mod common;

use kgforge::doc::{Document, Upos};
use kgforge::nlp::Annotator;
use kgforge::pipeline::Component;

const TARGET_BYTES: usize = 1 << 20;

fn text() -> String {
    let (dir, articles) = common::articles();
    let articles: Vec<String> = articles.into_iter().map(|(_, text)| text).collect();
    let mut text = String::with_capacity(TARGET_BYTES + 64 * 1024);
    'fill: loop {
        for a in &articles {
            text.push_str(a);
            text.push_str("\n\n");
            if text.len() >= TARGET_BYTES {
                break 'fill;
            }
        }
    }
    eprintln!(
        "corpus: {} ({} articles), {} bytes",
        dir.display(),
        articles.len(),
        text.len()
    );
    text
}

fn nlp(c: &mut Criterion) {
    let mut segmented = Document::new("bench", text());
    kgforge::text::segment(&mut segmented);
    let tokens = segmented.tokens.len() as u64;
    eprintln!(
        "{} tokens in {} sentences",
        tokens,
        segmented.sentences.len()
    );
    let sentences: Vec<Vec<&str>> = segmented
        .sentences
        .iter()
        .map(|s| s.token_range().map(|i| segmented.token_text(i)).collect())
        .collect();

    let mut group = c.benchmark_group("nlp");
    group.sample_size(10);
    group.throughput(Throughput::Elements(tokens));
    group.bench_function("annotate_with_load", |b| {
        b.iter(|| {
            let annotator = Annotator::load_uncached().expect("built-in models");
            let mut doc = segmented.clone();
            annotator.process(&mut doc).expect("annotates");
            doc.tokens.len()
        })
    });
    let annotator = Annotator::load().expect("built-in models");
    group.bench_function("tag", |b| {
        b.iter(|| {
            sentences
                .iter()
                .map(|s| annotator.tagger().tag(s).len())
                .sum::<usize>()
        })
    });
    let tagged: Vec<(Vec<Upos>, Vec<&str>)> = sentences
        .iter()
        .map(|s| {
            let tags = annotator.tagger().tag(s);
            (
                tags.iter().map(|t| t.upos).collect(),
                tags.iter()
                    .map(|t| annotator.tagger().xpos_name(t.xpos))
                    .collect(),
            )
        })
        .collect();
    group.bench_function("parse", |b| {
        b.iter(|| {
            sentences
                .iter()
                .zip(&tagged)
                .map(|(s, (u, x))| annotator.parser().parse(s, u, x).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, nlp);
criterion_main!(benches);
