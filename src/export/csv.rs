//! CSV: `nodes.csv` and `edges.csv`, RFC 4180 quoting, list cells as JSON arrays.

use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;

fn json_list<'a>(items: impl IntoIterator<Item = &'a String>) -> String {
    serde_json::to_string(&items.into_iter().collect::<Vec<_>>()).expect("strings serialise")
}

fn finish(writer: csv::Writer<Vec<u8>>) -> Result<Vec<u8>> {
    writer
        .into_inner()
        .map_err(|e| Error::InvalidGraph(format!("CSV writer: {e}")))
}

fn csv_error(e: csv::Error) -> Error {
    Error::InvalidGraph(format!("CSV writer: {e}"))
}

/// The graph as `nodes.csv` and `edges.csv`.
///
/// `nodes.csv`: id, name, type, aliases (JSON array), mentions, documents (JSON array).
/// `edges.csv`: source, target, type, symmetric, confidence, mentions, documents (JSON array),
/// and the first evidence: sentence, document, start, end, trigger.
pub fn to_csv(graph: &KnowledgeGraph) -> Result<Vec<(String, Vec<u8>)>> {
    let mut nodes = csv::Writer::from_writer(Vec::new());
    nodes
        .write_record(["id", "name", "type", "aliases", "mentions", "documents"])
        .map_err(csv_error)?;
    for n in graph.nodes() {
        nodes
            .write_record([
                n.id.as_str(),
                n.name.as_str(),
                n.entity_type.as_str(),
                &json_list(&n.aliases),
                &n.mentions.to_string(),
                &json_list(&n.documents),
            ])
            .map_err(csv_error)?;
    }
    let mut edges = csv::Writer::from_writer(Vec::new());
    edges
        .write_record([
            "source",
            "target",
            "type",
            "symmetric",
            "confidence",
            "mentions",
            "documents",
            "evidence",
            "evidence_document",
            "evidence_start",
            "evidence_end",
            "trigger",
        ])
        .map_err(csv_error)?;
    for (s, e, t) in graph.edges() {
        let first = e.evidence.first();
        edges
            .write_record([
                s.id.as_str(),
                t.id.as_str(),
                e.relation_type.as_str(),
                if e.symmetric { "true" } else { "false" },
                &format!("{:.3}", e.confidence),
                &e.mentions.to_string(),
                &json_list(&e.documents),
                first.map(|v| v.text.as_str()).unwrap_or(""),
                first.map(|v| v.document.as_str()).unwrap_or(""),
                &first.map(|v| v.start.to_string()).unwrap_or_default(),
                &first.map(|v| v.end.to_string()).unwrap_or_default(),
                first.map(|v| v.trigger.as_str()).unwrap_or(""),
            ])
            .map_err(csv_error)?;
    }
    Ok(vec![
        ("nodes.csv".to_string(), finish(nodes)?),
        ("edges.csv".to_string(), finish(edges)?),
    ])
}
