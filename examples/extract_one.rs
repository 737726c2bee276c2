//! Extracts the graph of one article and prints who did what to whom.
//!
//! Run with `cargo run --example extract_one -- examples/russia-aid-us.txt`.

use std::sync::Arc;

use kgforge::graph::KnowledgeGraph;
use kgforge::pipeline::Pipeline;
use kgforge::schema::Schema;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "examples/russia-aid-us.txt".into());
    let text = std::fs::read_to_string(&path)?;
    let schema = Arc::new(Schema::embedded()?);
    let pipeline = Pipeline::standard(schema.clone())?;
    let doc = pipeline.run("article", &text)?;
    let mut graph = KnowledgeGraph::new(schema);
    graph.add_document(&doc);
    for (source, edge, target) in graph.edges() {
        let evidence = &edge.evidence[0];
        println!(
            "{} -{}-> {}   [{:.2}] \"{}\"",
            source.name, edge.relation_type, target.name, edge.confidence, evidence.trigger
        );
    }
    Ok(())
}
