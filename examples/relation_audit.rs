//! Relation audit: every relation statement of every article with the rule that found it.
//!
//! Writes one JSON object per article (one a line) with the article's nodes and its relation
//! statements (source, target, type, rule, confidence, sentence, trigger), for
//! `tools/relation_audit.py`, which scores each rule against gold graphs and prints the
//! precision at several confidence thresholds.
//!
//! ```text
//! cargo run --release --example relation_audit -- ../shared/eval/dev > /tmp/audit.jsonl
//! python3 tools/relation_audit.py --gold ../shared/eval/dev --audit /tmp/audit.jsonl
//! ```
//!
//! With a second argument, prints instead every sentence containing that text: its tokens
//! with tags and dependencies, its mentions, and the relations stated in it.

use std::sync::Arc;

use anyhow::Context as _;
use kgforge::pipeline::Pipeline;
use kgforge::schema::Schema;

fn main() -> anyhow::Result<()> {
    let dir = std::env::args().nth(1).context(
        "usage: relation_audit DIR [SENTENCE-TEXT] (DIR: a folder of NAME.txt articles)",
    )?;
    let explain = std::env::args().nth(2);
    let schema = Arc::new(Schema::embedded()?);
    let pipeline = Pipeline::standard(schema)?;
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .with_context(|| format!("{dir}: cannot list"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("{}: cannot read", path.display()))?;
        let doc = pipeline.run(&name, &text)?;
        if let Some(needle) = &explain {
            explain_sentences(&doc, needle);
            continue;
        }
        let nodes: Vec<_> = doc
            .entities
            .iter()
            .map(|e| {
                serde_json::json!({
                    "id": e.id, "name": e.name, "type": e.entity_type.as_str(),
                    "aliases": e.aliases,
                })
            })
            .collect();
        let statements: Vec<_> = doc
            .relations
            .iter()
            .map(|r| {
                serde_json::json!({
                    "source": doc.entities[r.source].id,
                    "target": doc.entities[r.target].id,
                    "type": r.relation_type.as_str(),
                    "rule": r.rule,
                    "confidence": r.confidence,
                    "sentence": r.evidence.text,
                    "trigger": r.evidence.trigger,
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::json!({"name": name, "nodes": nodes, "statements": statements})
        );
    }
    Ok(())
}

/// Prints the sentences of `doc` that contain `needle`, with their analysis.
fn explain_sentences(doc: &kgforge::doc::Document, needle: &str) {
    for (s, sentence) in doc.sentences.iter().enumerate() {
        if !doc.sentence_text(s).contains(needle) {
            continue;
        }
        println!("# {} sentence {s}: {}", doc.name, doc.sentence_text(s));
        let range = sentence.token_range();
        for i in range.clone() {
            let t = &doc.tokens[i];
            let head = t.head.map_or(0, |h| h + 1 - range.start);
            let mention = doc
                .mentions
                .iter()
                .find(|m| (m.tokens.0..m.tokens.1).contains(&i))
                .and_then(|m| m.entity)
                .map(|e| doc.entities[e].name.as_str())
                .unwrap_or("");
            println!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                i + 1 - range.start,
                doc.token_text(i),
                t.lemma,
                t.upos.as_str(),
                head,
                t.deprel,
                mention
            );
        }
        for r in doc.relations.iter().filter(|r| r.evidence.sentence == s) {
            println!(
                "=> {} {} {} [{} {:.2} \"{}\"]",
                doc.entities[r.source].name,
                r.relation_type,
                doc.entities[r.target].name,
                r.rule,
                r.confidence,
                r.evidence.trigger
            );
        }
        println!();
    }
}
