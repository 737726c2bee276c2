//! Cypher script: uniqueness constraints, then idempotent batched `MERGE`s with escaped literal values.
//!
//! The script is what `kgforge push` sends, with the rows written as Cypher literals instead
//! of a `$rows` parameter, so running it (with `cypher-shell -f`, or statement by statement
//! from any Bolt client) gives the same database as a push, and running it again changes
//! nothing. Each statement is one line ending with `;` (string literals escape newlines and
//! line separators), lines starting with `//` are comments, so a client can split it by line.

use crate::graph::KnowledgeGraph;
use crate::neo4j::model::{literal, plan, Value};

/// Rows per statement: large enough to load quickly, small enough to keep lines readable.
pub const ROWS_PER_STATEMENT: usize = 100;

/// The graph as a Cypher script.
pub fn to_cypher(graph: &KnowledgeGraph) -> String {
    let plan = plan(graph, ROWS_PER_STATEMENT);
    let documents = graph.documents().count();
    let mut out = String::new();
    out.push_str(&format!(
        "// kgforge graph: {} nodes, {} relationships, from {} document(s).\n",
        plan.nodes, plan.relationships, documents
    ));
    out.push_str(
        "// Run with: cypher-shell -a bolt://localhost:7687 -u neo4j -d neo4j -f graph.cypher\n\
         // One statement per line. Running it again changes nothing; a script of other articles run\n\
         // after it adds to the graph (nodes (:Entity:Type {id}), relationships SENT_AID_TO, ...).\n",
    );
    for statement in &plan.constraints {
        out.push_str(statement);
        out.push_str(";\n");
    }
    for batch in &plan.batches {
        let rows = literal(&Value::List(batch.rows.clone()));
        for statement in batch.statements(&rows, plan.evidence_cap) {
            out.push_str(&statement);
            out.push_str(";\n");
        }
    }
    out
}

/// The statements of a script made by [`to_cypher`], in order: its lines minus comments and
/// blank lines, each without its final `;`.
pub fn statements(script: &str) -> Vec<&str> {
    script
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .map(|l| l.strip_suffix(';').unwrap_or(l))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Edge, Node};
    use crate::schema::{EntityType, RelationType, Schema};
    use std::collections::{BTreeMap, BTreeSet};

    #[test]
    fn script_has_constraints_first_and_one_statement_per_line() {
        let schema = Schema::embedded().unwrap();
        let mut g = KnowledgeGraph::new(&schema);
        for (id, name) in [
            ("a", "x'}) MATCH (n) DETACH DELETE n //"),
            ("b", "line\nbreak;"),
        ] {
            g.upsert_node(Node {
                id: id.into(),
                name: name.into(),
                entity_type: EntityType::person(),
                aliases: BTreeSet::from([name.to_string()]),
                mentions: 1,
                documents: BTreeSet::from(["d".to_string()]),
                document_mentions: BTreeMap::from([("d".to_string(), 1)]),
            });
        }
        g.upsert_edge(
            "a",
            "b",
            Edge {
                relation_type: RelationType::new("praised").unwrap(),
                symmetric: false,
                confidence: 0.5,
                mentions: 1,
                documents: BTreeSet::from(["d".to_string()]),
                document_mentions: BTreeMap::from([("d".to_string(), 1)]),
                evidence: Vec::new(),
            },
        )
        .unwrap();
        let script = to_cypher(&g);
        let statements = statements(&script);
        assert_eq!(statements.len(), 2 + 2 + 1, "{script}");
        assert!(statements[0].starts_with("CREATE CONSTRAINT kgforge_entity_id"));
        assert!(statements[2].starts_with("UNWIND [{id: 'a', name: 'x\\'}) MATCH"));
        assert!(statements[4].contains("MERGE (a)-[r:`PRAISED`]->(b)"));
        assert!(!statements.iter().any(|s| s.contains('\n')));
        assert!(script.contains("'line\\nbreak;'"));
    }
}
