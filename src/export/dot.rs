//! Graphviz DOT: node shape and colour by entity type, edges labelled with the relation, a legend.
//!
//! Every string is written as a DOT quoted string that holds it literally: `\` and `"` are
//! backslash-escaped, a line break is DOT's `\n`, `&` is `&amp;` (Graphviz reads HTML entities in
//! labels), and the control characters Graphviz would copy raw into its SVG and JSON output are
//! written with the reversible `\u{HEX}` escape of [`super::escape`]. Names are always quoted, so
//! `node`, `edge`, `graph`, `subgraph` and `strict` are names like any other.

use std::fmt::Write;

use super::escape::{self, dot_cannot_hold};
use crate::graph::KnowledgeGraph;
use crate::schema::Schema;

/// A DOT quoted string holding `text` literally (see the module documentation).
pub fn quote(text: &str) -> String {
    let text = escape::escape(text, dot_cannot_hold);
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The graph as a DOT digraph.
pub fn to_dot(graph: &KnowledgeGraph, schema: &Schema) -> String {
    let mut out = String::new();
    out.push_str("digraph kgforge {\n");
    out.push_str("  graph [rankdir=LR, fontname=\"Helvetica\", overlap=false, splines=true];\n");
    out.push_str("  node [style=\"filled\", fontname=\"Helvetica\", fontsize=11];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    let style_of = |t: &str| schema.entity_type(t);
    for node in graph.nodes() {
        let (shape, color, fill) = match style_of(node.entity_type.as_str()) {
            Some(def) => (def.shape.as_str(), def.color.as_str(), def.fill.as_str()),
            None => ("ellipse", "#555555", "#eeeeee"),
        };
        let tooltip = format!(
            "{} ({}); aliases: {}",
            node.name,
            node.entity_type,
            node.aliases.iter().cloned().collect::<Vec<_>>().join(", ")
        );
        let _ = writeln!(
            out,
            "  {} [label={}, shape={}, color={}, fillcolor={}, tooltip={}];",
            quote(&node.id),
            quote(&node.name),
            quote(shape),
            quote(color),
            quote(fill),
            quote(&tooltip)
        );
    }
    for (source, edge, target) in graph.edges() {
        let color = schema
            .relation_type(edge.relation_type.as_str())
            .map(|d| d.color.as_str())
            .unwrap_or("#555555");
        let tooltip = edge.evidence.first().map(|e| e.text.as_str()).unwrap_or("");
        let label = if edge.mentions > 1 {
            format!("{} ×{}", edge.relation_type, edge.mentions)
        } else {
            edge.relation_type.to_string()
        };
        let _ = writeln!(
            out,
            "  {} -> {} [label={}, color={}, fontcolor={}, tooltip={}{}];",
            quote(&source.id),
            quote(&target.id),
            quote(&label),
            quote(color),
            quote(color),
            quote(tooltip),
            if edge.symmetric { ", dir=none" } else { "" }
        );
    }
    // the legend: one sample node per entity type present in the graph
    let mut present: Vec<&str> = graph
        .nodes()
        .iter()
        .map(|n| n.entity_type.as_str())
        .collect();
    present.sort();
    present.dedup();
    if !present.is_empty() {
        out.push_str("  subgraph cluster_legend {\n    label=\"Legend\";\n    style=\"rounded\";\n    color=\"#999999\";\n");
        for def in schema
            .entity_types
            .iter()
            .filter(|d| present.contains(&d.name.as_str()))
        {
            // a legend node must not share its DOT id with an actor
            let mut id = format!("legend: {}", def.name);
            while graph.node(&id).is_some() {
                id.insert(0, '_');
            }
            let _ = writeln!(
                out,
                "    {} [label={}, shape={}, color={}, fillcolor={}];",
                quote(&id),
                quote(def.name.as_str()),
                quote(&def.shape),
                quote(&def.color),
                quote(&def.fill)
            );
        }
        out.push_str("  }\n");
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_keeps_strings_closed() {
        assert_eq!(quote("a\"b"), "\"a\\\"b\"");
        assert_eq!(quote("a\\"), "\"a\\\\\"");
        assert_eq!(quote("x\ny"), "\"x\\ny\"");
        assert_eq!(quote("<&>"), "\"<&amp;>\"");
        assert_eq!(quote("\u{7}"), "\"\\\\u{7}\"");
        assert_eq!(quote("node"), "\"node\"");
    }
}
