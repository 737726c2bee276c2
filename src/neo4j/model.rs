//! The Neo4j data model of a knowledge graph and the batched Cypher that loads it idempotently.
//!
//! Nodes are `(:Entity:<Type> {id, name, type, aliases, mentions, documents, document_mentions})`: one label per
//! entity type plus the common label `Entity`, whose `id` is unique. Relations are
//! relationships typed in upper snake case (`SENT_AID_TO`) carrying the aggregate
//! (`mentions`, `confidence`, `symmetric`, `documents`, `document_mentions`) and the evidence as parallel lists
//! (`evidence_text[i]`, `evidence_document[i]`, … describe the i-th statement), because Neo4j
//! properties cannot hold maps and one relationship per (source, type, target) keeps every
//! question a plain pattern match.
//!
//! Loading is idempotent and additive. Every write is keyed by a stable id (`MERGE`), lists are
//! unioned, evidence is keyed by its offsets and document, and counts are kept per document:
//! `document_mentions[i]` is the count of `documents[i]`, a graph's count for a document
//! replaces the stored one, and `mentions` is their sum, so pushing graphs whose documents
//! overlap counts each document once. Graphs without per-document counts (read from older JSON)
//! fall back to guarding the total by documents: a graph whose documents the database already
//! has changes no count, one covering all the documents the database knows for an element
//! replaces its count, and one of new documents adds to it.
//!
//! The query text holds labels and relationship types only from the validated vocabulary,
//! backtick-quoted; every value is in the rows, which are a Bolt parameter (`$rows`) when
//! pushing or a Cypher literal in the `cypher` export.

use std::collections::{BTreeMap, BTreeSet};

use crate::doc::Evidence;
use crate::graph::{Edge, KnowledgeGraph, Node};
use crate::schema::{EntityType, RelationType};

/// The label every entity node carries besides its type's label.
pub const ENTITY_LABEL: &str = "Entity";

/// Default number of rows per batch (and so per transaction) when pushing.
pub const DEFAULT_BATCH_SIZE: usize = 5_000;

/// A property value on its way to Neo4j: the values kgforge writes, independent of the client.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A boolean.
    Bool(bool),
    /// A 64-bit integer.
    Int(i64),
    /// A 64-bit float.
    Float(f64),
    /// A string.
    Str(String),
    /// A list.
    List(Vec<Value>),
    /// A map with fixed, program-chosen keys.
    Map(Vec<(&'static str, Value)>),
}

impl Value {
    fn strings<'a>(items: impl IntoIterator<Item = &'a String>) -> Value {
        Value::List(items.into_iter().map(|s| Value::Str(s.clone())).collect())
    }

    fn count(n: impl TryInto<i64>) -> Value {
        Value::Int(n.try_into().unwrap_or(i64::MAX))
    }

    /// The value of `key` in a map (`None` for other values or a missing key).
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Map(entries) => entries.iter().find(|(k, _)| *k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// `name` as a Cypher identifier in backticks (a backtick inside is doubled).
pub fn quote_identifier(name: &str) -> String {
    format!("`{}`", name.replace('`', "``"))
}

/// The label of an entity type, quoted for query text (`` `Person` ``).
pub fn label(entity_type: &EntityType) -> String {
    quote_identifier(entity_type.as_str())
}

/// The relationship type of a relation type, quoted for query text (`` `SENT_AID_TO` ``).
pub fn relationship_type(relation_type: &RelationType) -> String {
    quote_identifier(&relation_type.neo4j_type())
}

/// The name of the uniqueness constraint on `label`'s `id` (`kgforge_person_id`).
pub fn constraint_name(label: &str) -> String {
    let slug: String = label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("kgforge_{slug}_id")
}

/// `CREATE CONSTRAINT … IF NOT EXISTS` making `id` unique on `label` (an unquoted label name).
pub fn constraint_statement(label: &str) -> String {
    format!(
        "CREATE CONSTRAINT {} IF NOT EXISTS FOR (n:{}) REQUIRE n.id IS UNIQUE",
        constraint_name(label),
        quote_identifier(label)
    )
}

/// The constraint statements for `Entity` and then each of `types`, sorted.
pub fn constraint_statements<'a>(types: impl IntoIterator<Item = &'a EntityType>) -> Vec<String> {
    let labels: BTreeSet<&str> = types.into_iter().map(EntityType::as_str).collect();
    std::iter::once(ENTITY_LABEL)
        .chain(labels)
        .map(constraint_statement)
        .collect()
}

/// The constraint statements as a script for `cypher-shell -f`: a comment, then one statement
/// per line (what `schema/neo4j/constraints.cypher` holds for the built-in vocabulary).
pub fn constraints_script<'a>(types: impl IntoIterator<Item = &'a EntityType>) -> String {
    let mut out = String::from(
        "// Uniqueness constraints of kgforge's Neo4j data model: Entity.id, and id per entity type.\n",
    );
    for statement in constraint_statements(types) {
        out.push_str(&statement);
        out.push_str(";\n");
    }
    out
}

/// Updates the nodes of `rows` that already exist, whatever their type: the name when the
/// rows cover every document the database has for the node, the mention counts per document
/// (or, without them, the total guarded by documents; see the module documentation), documents
/// and aliases unioned.
pub fn node_update_query(rows: &str) -> String {
    format!(
        "UNWIND {rows} AS row \
MATCH (n:{entity} {{id: row.id}}) \
WITH n, row, coalesce(n.documents, []) AS old \
{counts}\
SET n.name = CASE WHEN covers THEN row.name ELSE n.name END, \
n.mentions = {mentions}, \
n.document_mentions = counts, \
n.documents = documents, \
n.aliases = coalesce(n.aliases, []) + [a IN row.aliases WHERE NOT a IN coalesce(n.aliases, [])] \
RETURN count(*) AS rows",
        entity = quote_identifier(ENTITY_LABEL),
        counts = merged_counts("n", ""),
        mentions = merged_total("n"),
    )
}

/// The `WITH` clauses that, given `{var}`, `row`, `old` (the stored documents) and the
/// variables `carry` names (", a, b" or ""), compute
/// `covers` (the row has every stored document), `seen` (the database has every document of
/// the row), `documents` (the union, stored ones first) and `counts` (the mentions of each of
/// `documents`, or null when they are not known for all of them).
fn merged_counts(var: &str, carry: &str) -> String {
    format!(
        "WITH {var}, row{carry}, old, all(d IN old WHERE d IN row.documents) AS covers, all(d IN row.documents WHERE d IN old) AS seen, \
size(row.document_mentions) = size(row.documents) AS row_known \
WITH {var}, row{carry}, old, covers, seen, row_known AND (covers OR size(coalesce({var}.document_mentions, [])) = size(old)) AS known, \
old + [d IN row.documents WHERE NOT d IN old] AS documents \
WITH {var}, row{carry}, covers, seen, known, documents, CASE WHEN known THEN \
[i IN range(0, size(documents) - 1) | coalesce(head([j IN range(0, size(row.documents) - 1) WHERE row.documents[j] = documents[i] | row.document_mentions[j]]), {var}.document_mentions[i])] \
WHEN seen THEN {var}.document_mentions END AS counts "
    )
}

/// The new total of `{var}.mentions` after [`merged_counts`]: the sum of the counts when they
/// are known, else the old total guarded by documents.
fn merged_total(var: &str) -> String {
    format!(
        "CASE WHEN known THEN reduce(s = 0, c IN counts | s + c) WHEN covers THEN row.mentions \
WHEN seen THEN {var}.mentions ELSE coalesce({var}.mentions, 0) + row.mentions END"
    )
}

/// Creates the nodes of `rows` that do not exist yet, with both labels. A node that exists
/// under another type keeps that type (as in the graph, the first type seen wins), which is
/// why existing ids are filtered out before the `MERGE`: merging on both labels would
/// otherwise try to create a second node with the same `Entity` id.
pub fn node_create_query(rows: &str, entity_type: &EntityType) -> String {
    format!(
        "UNWIND {rows} AS row \
OPTIONAL MATCH (old:{entity} {{id: row.id}}) \
WITH row, old WHERE old IS NULL \
MERGE (n:{entity}:{label} {{id: row.id}}) \
ON CREATE SET n.name = row.name, n.type = {type_name}, n.aliases = row.aliases, n.mentions = row.mentions, n.documents = row.documents, \
n.document_mentions = CASE WHEN size(row.document_mentions) = size(row.documents) THEN row.document_mentions END \
RETURN count(*) AS rows",
        entity = quote_identifier(ENTITY_LABEL),
        label = label(entity_type),
        type_name = string_literal(entity_type.as_str()),
    )
}

/// Merges the relationships of `rows` (endpoints by id) and folds in counts, documents and
/// up to `evidence_cap` evidence records, each once. Returns the number of rows written and
/// of relationships created.
pub fn relationship_query(rows: &str, relation_type: &RelationType, evidence_cap: usize) -> String {
    let fields = EVIDENCE_FIELDS
        .iter()
        .map(|f| format!("r.evidence_{f} = coalesce(r.evidence_{f}, []) + [e IN add | e.{f}]"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "UNWIND {rows} AS row \
MATCH (a:{entity} {{id: row.source}}) \
MATCH (b:{entity} {{id: row.target}}) \
MERGE (a)-[r:{rel}]->(b) \
WITH r, row, r.mentions IS NULL AS created, coalesce(r.documents, []) AS old, coalesce(r.evidence_key, []) AS keys \
WITH r, row, created, old, keys, [e IN row.evidence WHERE NOT e.key IN keys][0..(CASE WHEN size(keys) >= {cap} THEN 0 ELSE {cap} - size(keys) END)] AS add \
{counts}\
SET r.mentions = {mentions}, \
r.document_mentions = counts, \
r.confidence = CASE WHEN r.confidence IS NULL OR row.confidence > r.confidence THEN row.confidence ELSE r.confidence END, \
r.symmetric = row.symmetric, \
r.documents = documents, \
{fields} \
RETURN count(*) AS rows, sum(CASE WHEN created THEN 1 ELSE 0 END) AS created",
        entity = quote_identifier(ENTITY_LABEL),
        rel = relationship_type(relation_type),
        cap = evidence_cap,
        counts = merged_counts("r", ", created, add"),
        mentions = merged_total("r"),
    )
}

/// The evidence fields, in the order of the relationship's `evidence_*` lists.
pub const EVIDENCE_FIELDS: [&str; 9] = [
    "key",
    "document",
    "sentence",
    "text",
    "start",
    "end",
    "trigger",
    "trigger_start",
    "trigger_end",
];

/// The identity of an evidence record: its offsets and document (numbers first, so that the
/// key is unambiguous whatever the document name contains).
pub fn evidence_key(evidence: &Evidence) -> String {
    format!(
        "{}:{}:{}:{}:{}",
        evidence.start,
        evidence.end,
        evidence.trigger_start,
        evidence.trigger_end,
        evidence.document
    )
}

/// A confidence as the `f64` with the same shortest decimal form (0.6, not 0.6000000238…).
pub fn confidence(value: f32) -> f64 {
    value.to_string().parse().unwrap_or(value as f64)
}

/// The row of a node.
pub fn node_row(node: &Node) -> Value {
    Value::Map(vec![
        ("id", Value::Str(node.id.clone())),
        ("name", Value::Str(node.name.clone())),
        ("aliases", Value::strings(&node.aliases)),
        ("mentions", Value::count(node.mentions)),
        ("documents", Value::strings(&node.documents)),
        ("document_mentions", counts(node.mentions_by_document())),
    ])
}

/// Per-document counts as a list in the order of the documents (empty when not known).
fn counts(by_document: Option<&BTreeMap<String, u64>>) -> Value {
    Value::List(
        by_document
            .into_iter()
            .flat_map(|m| m.values().map(|&n| Value::count(n)))
            .collect(),
    )
}

/// The row of an evidence record.
pub fn evidence_row(evidence: &Evidence) -> Value {
    Value::Map(vec![
        ("key", Value::Str(evidence_key(evidence))),
        ("document", Value::Str(evidence.document.clone())),
        ("sentence", Value::count(evidence.sentence)),
        ("text", Value::Str(evidence.text.clone())),
        ("start", Value::count(evidence.start)),
        ("end", Value::count(evidence.end)),
        ("trigger", Value::Str(evidence.trigger.clone())),
        ("trigger_start", Value::count(evidence.trigger_start)),
        ("trigger_end", Value::count(evidence.trigger_end)),
    ])
}

/// The row of a relationship.
pub fn relationship_row(source: &Node, edge: &Edge, target: &Node) -> Value {
    Value::Map(vec![
        ("source", Value::Str(source.id.clone())),
        ("target", Value::Str(target.id.clone())),
        ("mentions", Value::count(edge.mentions)),
        ("confidence", Value::Float(confidence(edge.confidence))),
        ("symmetric", Value::Bool(edge.symmetric)),
        ("documents", Value::strings(&edge.documents)),
        ("document_mentions", counts(edge.mentions_by_document())),
        (
            "evidence",
            Value::List(edge.evidence.iter().map(evidence_row).collect()),
        ),
    ])
}

/// What a batch writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchKind {
    /// Nodes of one entity type.
    Nodes(EntityType),
    /// Relationships of one relation type.
    Relationships(RelationType),
}

/// One transaction's worth of rows, all of one kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    /// What the rows are.
    pub kind: BatchKind,
    /// The rows (maps), in the order of the graph.
    pub rows: Vec<Value>,
}

impl Batch {
    /// The statements that write this batch, in order, with `rows` standing for the list of
    /// rows (`$rows`, or a literal). Each returns a `rows` count.
    pub fn statements(&self, rows: &str, evidence_cap: usize) -> Vec<String> {
        match &self.kind {
            BatchKind::Nodes(t) => vec![node_update_query(rows), node_create_query(rows, t)],
            BatchKind::Relationships(t) => vec![relationship_query(rows, t, evidence_cap)],
        }
    }

    /// A short description for messages ("Person nodes", "SENT_AID_TO relationships").
    pub fn describe(&self) -> String {
        match &self.kind {
            BatchKind::Nodes(t) => format!("{t} nodes"),
            BatchKind::Relationships(t) => format!("{} relationships", t.neo4j_type()),
        }
    }
}

/// Everything needed to load a graph: constraints first, then node batches, then
/// relationship batches.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Schema statements, each run on its own.
    pub constraints: Vec<String>,
    /// Data batches, each one transaction.
    pub batches: Vec<Batch>,
    /// How many evidence records a relationship keeps.
    pub evidence_cap: usize,
    /// Number of node rows.
    pub nodes: usize,
    /// Number of relationship rows.
    pub relationships: usize,
}

/// Cuts `graph` into batches of at most `batch_size` rows (at least 1), grouped by type so
/// that each batch's query names one label or relationship type.
pub fn plan(graph: &KnowledgeGraph, batch_size: usize) -> Plan {
    let batch_size = batch_size.max(1);
    let mut batches = Vec::new();

    let mut nodes: Vec<&Node> = graph.nodes();
    nodes.sort_by(|a, b| (&a.entity_type, &a.id).cmp(&(&b.entity_type, &b.id)));
    let types: BTreeSet<&EntityType> = nodes.iter().map(|n| &n.entity_type).collect();
    for group in nodes.chunk_by(|a, b| a.entity_type == b.entity_type) {
        for chunk in group.chunks(batch_size) {
            batches.push(Batch {
                kind: BatchKind::Nodes(chunk[0].entity_type.clone()),
                rows: chunk.iter().map(|n| node_row(n)).collect(),
            });
        }
    }

    let mut edges = graph.edges();
    edges.sort_by(|a, b| {
        (&a.1.relation_type, &a.0.id, &a.2.id).cmp(&(&b.1.relation_type, &b.0.id, &b.2.id))
    });
    for group in edges.chunk_by(|a, b| a.1.relation_type == b.1.relation_type) {
        for chunk in group.chunks(batch_size) {
            batches.push(Batch {
                kind: BatchKind::Relationships(chunk[0].1.relation_type.clone()),
                rows: chunk
                    .iter()
                    .map(|(s, e, t)| relationship_row(s, e, t))
                    .collect(),
            });
        }
    }

    Plan {
        constraints: constraint_statements(types),
        batches,
        evidence_cap: graph.evidence_cap,
        nodes: graph.node_count(),
        relationships: graph.edge_count(),
    }
}

/// A Cypher string literal: single-quoted, with backslash, both quotes and every control or
/// line-separating character escaped (`\n`, `\uXXXX`), so that the literal is one line and
/// means exactly `text` to any Cypher parser.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// `value` as a Cypher literal (strings via [`string_literal`]; floats always with a decimal
/// point or exponent so that they stay floats).
pub fn literal(value: &Value) -> String {
    let mut out = String::new();
    write_literal(&mut out, value);
    out
}

fn write_literal(out: &mut String, value: &Value) {
    match value {
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Float(f) if f.is_finite() => {
            let text = format!("{f:?}");
            out.push_str(&text);
        }
        Value::Float(_) => out.push_str("0.0"),
        Value::Str(s) => out.push_str(&string_literal(s)),
        Value::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_literal(out, item);
            }
            out.push(']');
        }
        Value::Map(entries) => {
            out.push('{');
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(k);
                out.push_str(": ");
                write_literal(out, v);
            }
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Schema;

    #[test]
    fn identifiers_are_backtick_quoted() {
        assert_eq!(quote_identifier("Person"), "`Person`");
        assert_eq!(quote_identifier("a`b"), "`a``b`");
        let t = RelationType::new("sent-aid-to").unwrap();
        assert_eq!(relationship_type(&t), "`SENT_AID_TO`");
        assert_eq!(
            constraint_statement("Person"),
            "CREATE CONSTRAINT kgforge_person_id IF NOT EXISTS FOR (n:`Person`) REQUIRE n.id IS UNIQUE"
        );
    }

    #[test]
    fn the_constraints_file_matches_the_vocabulary() {
        let schema = Schema::embedded().unwrap();
        let file = crate::schema::EMBEDDED_SCHEMA
            .get_file("neo4j/constraints.cypher")
            .and_then(|f| f.contents_utf8())
            .expect("schema/neo4j/constraints.cypher");
        let expected = constraints_script(schema.entity_types.iter().map(|t| &t.name));
        assert_eq!(file, expected, "regenerate schema/neo4j/constraints.cypher");
        assert!(file.contains("FOR (n:`Product`) REQUIRE n.id IS UNIQUE;"));
    }

    #[test]
    fn string_literals_escape_everything_that_could_end_them() {
        assert_eq!(string_literal("plain"), "'plain'");
        assert_eq!(
            string_literal("x'}) MATCH (n) DETACH DELETE n //"),
            "'x\\'}) MATCH (n) DETACH DELETE n //'"
        );
        assert_eq!(string_literal("a\\b\"c"), "'a\\\\b\\\"c'");
        assert_eq!(string_literal("l1\nl2\r\t"), "'l1\\nl2\\r\\t'");
        assert_eq!(
            string_literal("\u{0}\u{7f}\u{2028}"),
            "'\\u0000\\u007F\\u2028'"
        );
        assert_eq!(string_literal("é🙂`"), "'é🙂`'");
    }

    #[test]
    fn literals_keep_types() {
        let v = Value::Map(vec![
            ("a", Value::Float(1.0)),
            ("b", Value::Int(2)),
            (
                "c",
                Value::List(vec![Value::Bool(true), Value::Str("x".into())]),
            ),
        ]);
        assert_eq!(literal(&v), "{a: 1.0, b: 2, c: [true, 'x']}");
        assert_eq!(confidence(0.6), 0.6);
    }

    #[test]
    fn plan_groups_by_type_and_respects_batch_size() {
        let schema = Schema::embedded().unwrap();
        let mut g = KnowledgeGraph::new(&schema);
        for (id, t) in [
            ("a", EntityType::person()),
            ("b", EntityType::country()),
            ("c", EntityType::person()),
            ("d", EntityType::person()),
        ] {
            g.upsert_node(Node {
                id: id.into(),
                name: id.into(),
                entity_type: t,
                aliases: BTreeSet::new(),
                mentions: 1,
                documents: BTreeSet::from(["doc".to_string()]),
                document_mentions: BTreeMap::from([("doc".to_string(), 1)]),
            });
        }
        let edge = Edge {
            relation_type: RelationType::new("sent-aid-to").unwrap(),
            symmetric: false,
            confidence: 0.5,
            mentions: 1,
            documents: BTreeSet::new(),
            document_mentions: BTreeMap::new(),
            evidence: Vec::new(),
        };
        g.upsert_edge("b", "a", edge).unwrap();
        let p = plan(&g, 2);
        let kinds: Vec<String> = p
            .batches
            .iter()
            .map(|b| format!("{}:{}", b.describe(), b.rows.len()))
            .collect();
        assert_eq!(
            kinds,
            [
                "Country nodes:1",
                "Person nodes:2",
                "Person nodes:1",
                "SENT_AID_TO relationships:1"
            ]
        );
        assert_eq!(p.constraints.len(), 3);
        assert!(p.constraints[0].contains("(n:`Entity`)"));
        assert_eq!((p.nodes, p.relationships), (4, 1));
        // counts per document go with the rows when known, and are left out when not (the
        // edge's one statement has no document)
        assert_eq!(
            p.batches[0].rows[0].get("document_mentions"),
            Some(&Value::List(vec![Value::Int(1)]))
        );
        assert_eq!(
            p.batches[3].rows[0].get("document_mentions"),
            Some(&Value::List(Vec::new()))
        );
        let statements = p.batches[1].statements("$rows", 20);
        assert!(statements[1].contains("MERGE (n:`Entity`:`Person` {id: row.id})"));
        assert!(statements
            .iter()
            .all(|s| s.starts_with("UNWIND $rows AS row")));
    }
}
