//! CSV: `nodes.csv`, `edges.csv` and `documents.csv` (RFC 4180), list cells as JSON arrays, and the reader.
//!
//! - `nodes.csv`: `id,name,type,aliases,mentions,documents,document_mentions`
//! - `edges.csv`: `source,target,type,symmetric,confidence,mentions,documents,document_mentions,evidence_text,evidence`
//! - `documents.csv`: `name,hash`
//!
//! `aliases`, `documents` and `evidence` are JSON arrays (`evidence` of objects with `document`,
//! `sentence`, `text`, `start`, `end`, `trigger`, `trigger_start`, `trigger_end`);
//! `document_mentions` is a JSON object of counts by document, empty when not known (the reader
//! also takes files without the column);
//! `evidence_text` repeats the first evidence sentence for people reading the table, and the
//! reader ignores it. Every value is written exactly as it is, quoted where RFC 4180 needs it:
//! a name that starts with `=`, `+`, `-` or `@` is not altered to defuse spreadsheet formulas
//! (the README says how to import the files as text).

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::Path;

use super::json::GraphJson;
use crate::error::{Error, Result};
use crate::graph::{DocumentRecord, Edge, EdgeRecord, KnowledgeGraph, Node};
use crate::schema::{EntityType, RelationType, Schema};

/// The file names, in the order [`to_csv`] returns them.
pub const FILES: [&str; 3] = ["nodes.csv", "edges.csv", "documents.csv"];

const NODE_COLUMNS: [&str; 7] = [
    "id",
    "name",
    "type",
    "aliases",
    "mentions",
    "documents",
    "document_mentions",
];
const EDGE_COLUMNS: [&str; 10] = [
    "source",
    "target",
    "type",
    "symmetric",
    "confidence",
    "mentions",
    "documents",
    "document_mentions",
    "evidence_text",
    "evidence",
];
const DOCUMENT_COLUMNS: [&str; 2] = ["name", "hash"];

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("strings and numbers serialise to JSON")
}

fn csv_error(e: csv::Error) -> Error {
    Error::InvalidGraph(format!("CSV writer: {e}"))
}

fn finish(writer: csv::Writer<Vec<u8>>) -> Result<Vec<u8>> {
    writer
        .into_inner()
        .map_err(|e| Error::InvalidGraph(format!("CSV writer: {e}")))
}

/// The graph as `nodes.csv`, `edges.csv` and `documents.csv`: (file name, bytes) pairs.
pub fn to_csv(graph: &KnowledgeGraph) -> Result<Vec<(String, Vec<u8>)>> {
    let mut nodes = csv::Writer::from_writer(Vec::new());
    nodes.write_record(NODE_COLUMNS).map_err(csv_error)?;
    for n in graph.nodes() {
        nodes
            .write_record([
                n.id.as_str(),
                n.name.as_str(),
                n.entity_type.as_str(),
                &json(&n.aliases),
                &n.mentions.to_string(),
                &json(&n.documents),
                &json(&n.document_mentions),
            ])
            .map_err(csv_error)?;
    }
    let mut edges = csv::Writer::from_writer(Vec::new());
    edges.write_record(EDGE_COLUMNS).map_err(csv_error)?;
    for (s, e, t) in graph.edges() {
        edges
            .write_record([
                s.id.as_str(),
                t.id.as_str(),
                e.relation_type.as_str(),
                if e.symmetric { "true" } else { "false" },
                // shortest text that reads back as the same f32
                &e.confidence.to_string(),
                &e.mentions.to_string(),
                &json(&e.documents),
                &json(&e.document_mentions),
                e.evidence.first().map(|v| v.text.as_str()).unwrap_or(""),
                &json(&e.evidence),
            ])
            .map_err(csv_error)?;
    }
    let mut documents = csv::Writer::from_writer(Vec::new());
    documents
        .write_record(DOCUMENT_COLUMNS)
        .map_err(csv_error)?;
    for d in graph.documents() {
        documents
            .write_record([d.name.as_str(), d.hash.as_str()])
            .map_err(csv_error)?;
    }
    Ok(vec![
        (FILES[0].to_string(), finish(nodes)?),
        (FILES[1].to_string(), finish(edges)?),
        (FILES[2].to_string(), finish(documents)?),
    ])
}

/// One CSV file being read: its rows by column name, with errors naming file, row and column.
struct Table<'a> {
    path: &'a Path,
    reader: csv::Reader<Box<dyn Read + 'a>>,
    columns: HashMap<String, usize>,
}

impl<'a> Table<'a> {
    fn open(input: Box<dyn Read + 'a>, path: &'a Path, required: &[&str]) -> Result<Self> {
        let mut reader = csv::ReaderBuilder::new().from_reader(input);
        let headers = reader
            .headers()
            .map_err(|e| Self::error_at(path, e.to_string()))?
            .clone();
        let columns: HashMap<String, usize> = headers
            .iter()
            .enumerate()
            .map(|(i, h)| (h.to_string(), i))
            .collect();
        for name in required {
            if !columns.contains_key(*name) {
                return Err(Self::error_at(
                    path,
                    format!(
                        "no {name:?} column (the header is {:?})",
                        headers.iter().collect::<Vec<_>>()
                    ),
                ));
            }
        }
        Ok(Table {
            path,
            reader,
            columns,
        })
    }

    fn error_at(path: &Path, message: String) -> Error {
        Error::GraphFile {
            path: path.to_path_buf(),
            format: "CSV",
            message,
        }
    }

    /// Calls `row` for every record.
    fn rows(mut self, mut row: impl FnMut(&Row) -> Result<(), String>) -> Result<()> {
        let mut record = csv::StringRecord::new();
        loop {
            let more = self
                .reader
                .read_record(&mut record)
                .map_err(|e| Self::error_at(self.path, e.to_string()))?;
            if !more {
                return Ok(());
            }
            let line = record.position().map(|p| p.line()).unwrap_or(0);
            let cells = Row {
                record: &record,
                columns: &self.columns,
            };
            row(&cells).map_err(|m| Self::error_at(self.path, format!("line {line}: {m}")))?;
        }
    }
}

/// One record, with its cells found by column name.
struct Row<'r> {
    record: &'r csv::StringRecord,
    columns: &'r HashMap<String, usize>,
}

impl<'r> Row<'r> {
    /// The cell of `column`, or "" when the file has no such column.
    fn cell(&self, column: &str) -> &'r str {
        self.columns
            .get(column)
            .and_then(|&i| self.record.get(i))
            .unwrap_or("")
    }
}

fn parse_json<T: serde::de::DeserializeOwned>(cell: &str, column: &str) -> Result<T, String> {
    if cell.is_empty() {
        return serde_json::from_str("[]").map_err(|e| e.to_string());
    }
    serde_json::from_str(cell)
        .map_err(|e| format!("{column}: not a JSON array as written by kgforge: {e}"))
}

/// The `document_mentions` cell: a JSON object of counts; empty (or no column) when not known.
fn parse_counts(cell: &str) -> Result<BTreeMap<String, u64>, String> {
    if cell.is_empty() {
        return Ok(BTreeMap::new());
    }
    serde_json::from_str(cell).map_err(|e| {
        format!("document_mentions: not a JSON object of counts as written by kgforge: {e}")
    })
}

fn parse_number<T: std::str::FromStr>(cell: &str, column: &str) -> Result<T, String> {
    cell.parse()
        .map_err(|_| format!("{column}: {cell:?} is not a number"))
}

/// Reads the tables written by [`to_csv`]. `paths` name the three inputs in errors;
/// `documents` may be absent (a graph without its document list).
pub fn from_csv<'a>(
    nodes: (Box<dyn Read + 'a>, &'a Path),
    edges: (Box<dyn Read + 'a>, &'a Path),
    documents: Option<(Box<dyn Read + 'a>, &'a Path)>,
    schema: &Schema,
) -> Result<KnowledgeGraph> {
    let mut graph = GraphJson {
        nodes: Vec::new(),
        edges: Vec::new(),
        documents: Vec::new(),
    };
    let nodes_path = nodes.1;
    // columns a reader can do without: the per-document counts (not in older files) and the
    // first evidence sentence (a copy for people)
    let required = |columns: &[&'static str]| -> Vec<&'static str> {
        columns
            .iter()
            .copied()
            .filter(|c| !["document_mentions", "evidence_text"].contains(c))
            .collect()
    };
    Table::open(nodes.0, nodes.1, &required(&NODE_COLUMNS))?.rows(|row| {
        graph.nodes.push(Node {
            id: row.cell("id").to_string(),
            name: row.cell("name").to_string(),
            entity_type: EntityType::new(row.cell("type")).map_err(|e| e.to_string())?,
            aliases: parse_json(row.cell("aliases"), "aliases")?,
            mentions: parse_number(row.cell("mentions"), "mentions")?,
            documents: parse_json(row.cell("documents"), "documents")?,
            document_mentions: parse_counts(row.cell("document_mentions"))?,
        });
        Ok(())
    })?;
    Table::open(edges.0, edges.1, &required(&EDGE_COLUMNS))?.rows(|row| {
        let symmetric = match row.cell("symmetric") {
            "true" => true,
            "false" => false,
            other => return Err(format!("symmetric: {other:?} is not true or false")),
        };
        graph.edges.push(EdgeRecord {
            source: row.cell("source").to_string(),
            target: row.cell("target").to_string(),
            edge: Edge {
                relation_type: RelationType::new(row.cell("type")).map_err(|e| e.to_string())?,
                symmetric,
                confidence: parse_number(row.cell("confidence"), "confidence")?,
                mentions: parse_number(row.cell("mentions"), "mentions")?,
                documents: parse_json(row.cell("documents"), "documents")?,
                document_mentions: parse_counts(row.cell("document_mentions"))?,
                evidence: parse_json(row.cell("evidence"), "evidence")?,
            },
        });
        Ok(())
    })?;
    if let Some((input, path)) = documents {
        Table::open(input, path, &DOCUMENT_COLUMNS)?.rows(|row| {
            graph.documents.push(DocumentRecord {
                name: row.cell("name").to_string(),
                hash: row.cell("hash").to_string(),
            });
            Ok(())
        })?;
    }
    let tables = match nodes_path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => nodes_path,
    };
    graph
        .into_graph(schema)
        .map_err(|e| super::json::in_file(e, tables, "CSV"))
}

/// Reads `nodes.csv`, `edges.csv` and (when present) `documents.csv` from a directory.
pub fn from_csv_dir(dir: &Path, schema: &Schema) -> Result<KnowledgeGraph> {
    let paths: Vec<_> = FILES.iter().map(|f| dir.join(f)).collect();
    let open = |p: &Path| -> Result<Box<dyn Read>> {
        Ok(Box::new(
            std::fs::File::open(p).map_err(|e| Error::io(p, e))?,
        ))
    };
    let documents = if paths[2].exists() {
        Some((open(&paths[2])?, paths[2].as_path()))
    } else {
        None
    };
    from_csv(
        (open(&paths[0])?, paths[0].as_path()),
        (open(&paths[1])?, paths[1].as_path()),
        documents,
        schema,
    )
}
