//! Hostile inputs at two sizes: throughput that stays the same when the input doubles shows a
//! linear step; one that halves shows a quadratic one (what `src/parts.rs`, the sentence cap and
//! the tokenizer's URL scan removed). Inputs are generated; run: `cargo bench --bench hostile`.

use std::sync::Arc;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use kgforge::parts::{run_in_parts, MAX_PART_BYTES};
use kgforge::pipeline::Pipeline;
use kgforge::schema::Schema;

/// `unit` repeated to `bytes` bytes (at a character boundary).
fn repeat_to(unit: &str, bytes: usize) -> String {
    let mut text = unit.repeat(bytes / unit.len() + 1);
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

const NEWS: &str = "Russian President Vladimir Putin spoke with Italian Prime Minister Giuseppe \
Conte on Saturday. Russia sent medical supplies to Italy, the Kremlin said. Conte thanked \
Putin for the help. \"We are grateful,\" he told reporters in Rome.\n\n";

fn hostile(c: &mut Criterion) {
    let schema = Arc::new(Schema::embedded().expect("schema"));
    let pipeline = Pipeline::standard(schema).expect("pipeline");
    let inputs = [
        ("punctuation-run", ".,;!?"),
        ("line-without-spaces", "RussiaItaly,Putin.Trump-"),
        (
            "no-sentence-end",
            "Russia sent aid to Italy and France and ",
        ),
        ("news", NEWS),
    ];
    let mut group = c.benchmark_group("hostile");
    group.sample_size(10);
    for (name, unit) in inputs {
        for bytes in [1 << 20, 2 << 20] {
            let text = repeat_to(unit, bytes);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new(name, bytes), &text, |b, text| {
                b.iter(|| run_in_parts(&pipeline, "bench", text, MAX_PART_BYTES).expect("runs"))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, hostile);
criterion_main!(benches);
