//! `kgforge query`: questions about a saved graph (neighbours, paths, rankings, relations, components, statistics, ego networks).
//!
//! The answers come from `kgforge::graph::analysis`; this file only reads the graph, resolves
//! options and formats the answers as a table, JSON or CSV (DOT or JSON for `ego`).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use serde::Serialize;
use serde_json::Value;

use kgforge::export::{dot, json, Exported};
use kgforge::graph::analysis::{self, Direction, Measure, NeighborFilter, RelationFilter};
use kgforge::graph::{Edge, KnowledgeGraph, Node};
use kgforge::schema::Schema;

use super::exit;
use super::output::write_export;

pub(super) const USAGE: &str = "\
Answers questions about a graph written by `kgforge extract` (JSON; - reads standard input).

Actors are named by id, name or any alias, ignoring case, accents and punctuation: \"us\", \
\"U.S.\" and \"united-states\" all find the United States, and a single word of a name (\"Peskov\") \
finds the actor if only one has it. A name that finds no actor is an error listing the closest \
ones; a name that finds several lists them. Both exit with code 1.

Paths, components and rankings follow relations in either direction: they ask who is connected \
to whom. Each relation in an answer keeps its real direction and its evidence sentence.";

pub(super) const EXAMPLES: &str = "\
Examples:
  kgforge query graph.json neighbors Russia                  every relation of Russia
  kgforge query graph.json neighbors us --direction in --type sent-aid-to
  kgforge query graph.json path Peskov Italy                 how two actors are connected
  kgforge query graph.json rank --by betweenness --top 5
  kgforge query graph.json relations --type sent-aid-to --from Russia --format csv
  kgforge query graph.json components
  kgforge query graph.json stats --format json
  kgforge query graph.json ego Putin --depth 2 | dot -Tsvg > putin.svg

Exit codes: 0 success, 1 error (unreadable graph, unknown or ambiguous name, no path), 2 wrong usage.";

/// Arguments of `kgforge query`.
#[derive(Debug, clap::Args)]
#[command(long_about = USAGE, after_help = EXAMPLES)]
pub struct Args {
    /// A graph written by `kgforge extract` (JSON), or - for standard input.
    #[arg(value_name = "GRAPH")]
    graph: PathBuf,

    /// Use the schema in this directory instead of the built-in one.
    #[arg(long, value_name = "DIR", global = true)]
    schema: Option<PathBuf>,

    #[command(subcommand)]
    question: Question,
}

#[derive(Debug, clap::Subcommand)]
enum Question {
    /// The relations of one actor, one row per relation.
    Neighbors(NeighborsArgs),
    /// The shortest chain of relations between two actors, with each relation's evidence.
    Path(PathArgs),
    /// Actors ranked by number of relations, PageRank or betweenness centrality.
    Rank(RankArgs),
    /// Relations, filtered by type and by the actors at their ends.
    Relations(RelationsArgs),
    /// Groups of actors connected by relations, largest first.
    Components(FormatArgs),
    /// Counts by type, density, components and the best-connected actors.
    Stats(StatsArgs),
    /// The neighbourhood of an actor as a graph of its own, in DOT or JSON.
    Ego(EgoArgs),
}

/// How answers are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
enum TableFormat {
    /// Aligned columns for people.
    #[default]
    Table,
    /// A JSON array (an object for `path` and `stats`).
    Json,
    /// CSV with a header row; lists as JSON arrays.
    Csv,
}

#[derive(Debug, clap::Args)]
struct FormatArgs {
    /// Output format.
    #[arg(short, long, value_enum, default_value_t)]
    format: TableFormat,
}

#[derive(Debug, clap::Args)]
struct NeighborsArgs {
    /// The actor: id, name or alias.
    name: String,
    /// Only relations of this type (sent-aid-to…) or neighbours of this entity type (Country…).
    #[arg(short = 't', long = "type", value_name = "T")]
    type_filter: Option<String>,
    /// Which relations: those the actor is the source of (out), the target of (in), or both.
    /// Symmetric relations (spoke-with…) count in both directions.
    #[arg(short, long, value_enum, default_value_t)]
    direction: Direction,
    #[command(flatten)]
    format: FormatArgs,
}

#[derive(Debug, clap::Args)]
struct PathArgs {
    /// Where the chain starts: id, name or alias.
    from: String,
    /// Where it ends.
    to: String,
    #[command(flatten)]
    format: FormatArgs,
}

#[derive(Debug, clap::Args)]
struct RankArgs {
    /// What to rank by.
    #[arg(short, long, value_enum, default_value_t)]
    by: Measure,
    /// How many actors to list (0: all).
    #[arg(short = 'n', long, value_name = "N", default_value_t = 10)]
    top: usize,
    /// For PageRank and betweenness: follow relations from source to target only (symmetric
    /// ones both ways) instead of in either direction.
    #[arg(long)]
    directed: bool,
    #[command(flatten)]
    format: FormatArgs,
}

#[derive(Debug, clap::Args)]
struct RelationsArgs {
    /// Only relations of this type.
    #[arg(short = 't', long = "type", value_name = "T")]
    relation_type: Option<String>,
    /// Only relations from this actor (id, name or alias).
    #[arg(long, value_name = "A")]
    from: Option<String>,
    /// Only relations to this actor.
    #[arg(long, value_name = "B")]
    to: Option<String>,
    #[command(flatten)]
    format: FormatArgs,
}

#[derive(Debug, clap::Args)]
struct StatsArgs {
    /// How many best-connected actors to list.
    #[arg(short = 'n', long, value_name = "N", default_value_t = 5)]
    top: usize,
    #[command(flatten)]
    format: FormatArgs,
}

/// Formats of `ego`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
enum EgoFormat {
    /// Graphviz DOT, as `kgforge extract --format dot`.
    #[default]
    Dot,
    /// The kgforge JSON graph, as `kgforge extract` writes it (and `kgforge query` reads it).
    Json,
}

#[derive(Debug, clap::Args)]
struct EgoArgs {
    /// The actor at the centre: id, name or alias.
    name: String,
    /// How many relations away from the centre to go.
    #[arg(short, long, value_name = "K", default_value_t = 1)]
    depth: usize,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t)]
    format: EgoFormat,
    /// Write the graph here instead of standard output.
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
}

/// Runs `kgforge query`; returns the exit code.
pub fn run(args: Args) -> Result<u8> {
    let schema = Schema::load(args.schema.as_deref()).context("loading the schema")?;
    let graph = read_graph(&args.graph, &schema)?;
    match args.question {
        Question::Neighbors(a) => neighbors(&graph, &schema, a),
        Question::Path(a) => path(&graph, a),
        Question::Rank(a) => rank(&graph, a),
        Question::Relations(a) => relations(&graph, &schema, a),
        Question::Components(a) => components(&graph, a),
        Question::Stats(a) => stats(&graph, a),
        Question::Ego(a) => ego(&graph, &schema, a),
    }
}

fn read_graph(path: &Path, schema: &Schema) -> Result<KnowledgeGraph> {
    if path.as_os_str() == "-" {
        return Ok(json::from_json(
            std::io::stdin().lock(),
            Path::new("<stdin>"),
            schema,
        )?);
    }
    let file = std::fs::File::open(path)
        .with_context(|| format!("{}: cannot open the graph", path.display()))?;
    Ok(json::from_json(file, path, schema)?)
}

// ---------------------------------------------------------------------------------------------
// Subcommands

#[derive(Serialize)]
struct NeighborRow<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    entity_type: &'a str,
    relation: &'a str,
    direction: &'static str,
    confidence: f64,
    mentions: u64,
    evidence: String,
}

const NEIGHBOR_COLUMNS: &[&str] = &[
    "id",
    "name",
    "type",
    "relation",
    "direction",
    "confidence",
    "mentions",
    "evidence",
];

fn neighbors(graph: &KnowledgeGraph, schema: &Schema, args: NeighborsArgs) -> Result<u8> {
    let node = analysis::find_actor(graph, &args.name)?;
    let filter = match &args.type_filter {
        None => NeighborFilter::default(),
        Some(t) => neighbor_filter(schema, t)?,
    };
    let g = graph.petgraph();
    let found = analysis::neighbors(graph, node, args.direction, &filter);
    let rows: Vec<NeighborRow> = found
        .iter()
        .map(|n| {
            let (other, edge) = (&g[n.node], &g[n.edge]);
            NeighborRow {
                id: &other.id,
                name: &other.name,
                entity_type: other.entity_type.as_str(),
                relation: edge.relation_type.as_str(),
                direction: n.orientation.as_str(),
                confidence: confidence(edge),
                mentions: edge.mentions,
                evidence: first_evidence(edge),
            }
        })
        .collect();
    let heading = format!("{}: {} relation(s)", describe(&g[node]), rows.len());
    print_rows(&rows, NEIGHBOR_COLUMNS, args.format.format, Some(&heading))
}

/// `--type` of `neighbors`: a relation type, or else an entity type (case-insensitive).
fn neighbor_filter(schema: &Schema, name: &str) -> Result<NeighborFilter> {
    if let Some(def) = schema.relation_type(name) {
        return Ok(NeighborFilter {
            relation_type: Some(def.name.clone()),
            entity_type: None,
        });
    }
    if let Some(def) = schema
        .entity_types
        .iter()
        .find(|t| t.name.as_str().eq_ignore_ascii_case(name))
    {
        return Ok(NeighborFilter {
            relation_type: None,
            entity_type: Some(def.name.clone()),
        });
    }
    let known = |names: Vec<&str>| names.join(", ");
    anyhow::bail!(
        "--type {name:?} is neither a relation type ({}) nor an entity type ({})",
        known(
            schema
                .relation_types
                .iter()
                .map(|t| t.name.as_str())
                .collect()
        ),
        known(
            schema
                .entity_types
                .iter()
                .map(|t| t.name.as_str())
                .collect()
        )
    )
}

#[derive(Serialize)]
struct PathAnswer<'a> {
    from: &'a str,
    to: &'a str,
    length: usize,
    hops: Vec<HopOut<'a>>,
}

#[derive(Serialize)]
struct HopOut<'a> {
    from: &'a str,
    to: &'a str,
    relations: Vec<PathRelation<'a>>,
}

#[derive(Serialize)]
struct PathRelation<'a> {
    source: &'a str,
    relation: &'a str,
    target: &'a str,
    /// `forward` (from → to), `backward` (to → from) or `symmetric`.
    direction: &'static str,
    confidence: f64,
    mentions: u64,
    evidence: String,
    document: &'a str,
    sentence: Option<usize>,
}

#[derive(Serialize)]
struct PathRow<'a> {
    step: usize,
    source: &'a str,
    relation: &'a str,
    target: &'a str,
    direction: &'static str,
    confidence: f64,
    mentions: u64,
    evidence: &'a str,
    document: &'a str,
    sentence: Option<usize>,
}

fn path(graph: &KnowledgeGraph, args: PathArgs) -> Result<u8> {
    let from = analysis::find_actor(graph, &args.from)?;
    let to = analysis::find_actor(graph, &args.to)?;
    let g = graph.petgraph();
    let Some(hops) = analysis::shortest_path(graph, from, to) else {
        eprintln!(
            "kgforge: no chain of relations links {} and {}: they are in different components",
            describe(&g[from]),
            describe(&g[to])
        );
        return Ok(exit::ERROR);
    };
    let answer = PathAnswer {
        from: &g[from].id,
        to: &g[to].id,
        length: hops.len(),
        hops: hops
            .iter()
            .map(|hop| HopOut {
                from: &g[hop.from].id,
                to: &g[hop.to].id,
                relations: hop
                    .edges
                    .iter()
                    .map(|&e| path_relation(graph, hop.from, e))
                    .collect(),
            })
            .collect(),
    };
    let bytes = match args.format.format {
        TableFormat::Json => json_bytes(&answer),
        TableFormat::Csv => {
            let rows: Vec<PathRow> = answer
                .hops
                .iter()
                .enumerate()
                .flat_map(|(i, hop)| {
                    hop.relations.iter().map(move |r| PathRow {
                        step: i + 1,
                        source: r.source,
                        relation: r.relation,
                        target: r.target,
                        direction: r.direction,
                        confidence: r.confidence,
                        mentions: r.mentions,
                        evidence: &r.evidence,
                        document: r.document,
                        sentence: r.sentence,
                    })
                })
                .collect();
            csv_bytes(&rows, PATH_COLUMNS)?
        }
        TableFormat::Table => path_text(graph, &hops).into_bytes(),
    };
    emit(bytes)
}

const PATH_COLUMNS: &[&str] = &[
    "step",
    "source",
    "relation",
    "target",
    "direction",
    "confidence",
    "mentions",
    "evidence",
    "document",
    "sentence",
];

fn path_relation<'a>(
    graph: &'a KnowledgeGraph,
    walk_from: NodeIndex,
    e: EdgeIndex,
) -> PathRelation<'a> {
    let g = graph.petgraph();
    let (s, t) = g.edge_endpoints(e).expect("edge from the graph");
    let edge = &g[e];
    let evidence = edge.evidence.first();
    PathRelation {
        source: &g[s].id,
        relation: edge.relation_type.as_str(),
        target: &g[t].id,
        direction: if edge.symmetric {
            "symmetric"
        } else if s == walk_from {
            "forward"
        } else {
            "backward"
        },
        confidence: confidence(edge),
        mentions: edge.mentions,
        evidence: first_evidence(edge),
        document: evidence.map_or("", |ev| ev.document.as_str()),
        sentence: evidence.map(|ev| ev.sentence),
    }
}

/// The chain as text: one numbered step per hop, each relation with its arrow and evidence.
fn path_text(graph: &KnowledgeGraph, hops: &[analysis::Hop]) -> String {
    let g = graph.petgraph();
    let mut out = String::new();
    let names: Vec<&str> = std::iter::once(hops.first().map(|h| h.from))
        .flatten()
        .chain(hops.iter().map(|h| h.to))
        .map(|n| g[n].name.as_str())
        .collect();
    if hops.is_empty() {
        out.push_str("the same actor: a chain of no relations\n");
        return out;
    }
    out.push_str(&format!(
        "{} ({} step{})\n",
        names.join(" - "),
        hops.len(),
        if hops.len() == 1 { "" } else { "s" }
    ));
    for (i, hop) in hops.iter().enumerate() {
        for (j, &e) in hop.edges.iter().enumerate() {
            let r = path_relation(graph, hop.from, e);
            let edge = &g[e];
            let arrow = match r.direction {
                "forward" => format!("-{}->", r.relation),
                "backward" => format!("<-{}-", r.relation),
                _ => format!("-{}-", r.relation),
            };
            let number = if j == 0 {
                format!("{}.", i + 1)
            } else {
                String::new()
            };
            let mentions = if edge.mentions > 1 {
                format!(", stated {} times", edge.mentions)
            } else {
                String::new()
            };
            out.push_str(&format!(
                "{number:<3} {}  {arrow}  {}   (confidence {}{mentions})\n",
                g[hop.from].name,
                g[hop.to].name,
                trim_float(r.confidence)
            ));
            if !r.evidence.is_empty() {
                out.push_str(&format!("    \"{}\"\n", r.evidence));
                if let Some(sentence) = r.sentence {
                    out.push_str(&format!("    ({}, sentence {sentence})\n", r.document));
                }
            }
        }
    }
    out
}

#[derive(Serialize)]
struct RankRow<'a> {
    rank: usize,
    id: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    entity_type: &'a str,
    score: Value,
}

const RANK_COLUMNS: &[&str] = &["rank", "id", "name", "type", "score"];

fn rank(graph: &KnowledgeGraph, args: RankArgs) -> Result<u8> {
    let g = graph.petgraph();
    let mut scores = analysis::rank(graph, args.by, args.directed);
    if args.top > 0 {
        scores.truncate(args.top);
    }
    let rows: Vec<RankRow> = scores
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let node = &g[s.node];
            RankRow {
                rank: i + 1,
                id: &node.id,
                name: &node.name,
                entity_type: node.entity_type.as_str(),
                score: match args.by {
                    Measure::Degree => Value::from(s.value as u64),
                    _ => Value::from(s.value),
                },
            }
        })
        .collect();
    print_rows(&rows, RANK_COLUMNS, args.format.format, None)
}

#[derive(Serialize)]
struct RelationRow<'a> {
    source: &'a str,
    relation: &'a str,
    target: &'a str,
    symmetric: bool,
    confidence: f64,
    mentions: u64,
    evidence: String,
}

const RELATION_COLUMNS: &[&str] = &[
    "source",
    "relation",
    "target",
    "symmetric",
    "confidence",
    "mentions",
    "evidence",
];

fn relations(graph: &KnowledgeGraph, schema: &Schema, args: RelationsArgs) -> Result<u8> {
    let filter = RelationFilter {
        relation_type: args
            .relation_type
            .as_deref()
            .map(|t| schema.parse_relation_type(t))
            .transpose()?,
        from: args
            .from
            .as_deref()
            .map(|n| analysis::find_actor(graph, n))
            .transpose()?,
        to: args
            .to
            .as_deref()
            .map(|n| analysis::find_actor(graph, n))
            .transpose()?,
    };
    let g = graph.petgraph();
    let rows: Vec<RelationRow> = analysis::relations(graph, &filter)
        .into_iter()
        .map(|e| {
            let (s, t) = g.edge_endpoints(e).expect("edge from the graph");
            let edge = &g[e];
            RelationRow {
                source: &g[s].id,
                relation: edge.relation_type.as_str(),
                target: &g[t].id,
                symmetric: edge.symmetric,
                confidence: confidence(edge),
                mentions: edge.mentions,
                evidence: first_evidence(edge),
            }
        })
        .collect();
    print_rows(&rows, RELATION_COLUMNS, args.format.format, None)
}

#[derive(Serialize)]
struct ComponentRow<'a> {
    component: usize,
    size: usize,
    actors: Vec<&'a str>,
}

const COMPONENT_COLUMNS: &[&str] = &["component", "size", "actors"];

fn components(graph: &KnowledgeGraph, args: FormatArgs) -> Result<u8> {
    let g = graph.petgraph();
    let rows: Vec<ComponentRow> = analysis::components(graph)
        .iter()
        .enumerate()
        .map(|(i, part)| ComponentRow {
            component: i + 1,
            size: part.len(),
            actors: part.iter().map(|&n| g[n].id.as_str()).collect(),
        })
        .collect();
    print_rows(&rows, COMPONENT_COLUMNS, args.format, None)
}

#[derive(Serialize)]
struct StatsOut<'a> {
    actors: usize,
    relations: usize,
    documents: usize,
    linked_pairs: usize,
    density: f64,
    components: usize,
    largest_component: usize,
    isolated: usize,
    actors_by_type: &'a std::collections::BTreeMap<String, usize>,
    relations_by_type: &'a std::collections::BTreeMap<String, usize>,
    top_degrees: Vec<TopDegree<'a>>,
}

#[derive(Serialize)]
struct TopDegree<'a> {
    id: &'a str,
    name: &'a str,
    relations: u64,
}

fn stats(graph: &KnowledgeGraph, args: StatsArgs) -> Result<u8> {
    let g = graph.petgraph();
    let s = analysis::stats(graph, args.top);
    let out = StatsOut {
        actors: s.actors,
        relations: s.relations,
        documents: s.documents,
        linked_pairs: s.linked_pairs,
        density: s.density,
        components: s.components,
        largest_component: s.largest_component,
        isolated: s.isolated,
        actors_by_type: &s.actors_by_type,
        relations_by_type: &s.relations_by_type,
        top_degrees: s
            .top_degrees
            .iter()
            .map(|d| TopDegree {
                id: &g[d.node].id,
                name: &g[d.node].name,
                relations: d.value as u64,
            })
            .collect(),
    };
    let mut lines: Vec<(String, String)> = vec![
        ("actors".into(), out.actors.to_string()),
        ("relations".into(), out.relations.to_string()),
        ("documents".into(), out.documents.to_string()),
        ("linked_pairs".into(), out.linked_pairs.to_string()),
        ("density".into(), trim_float(out.density)),
        ("components".into(), out.components.to_string()),
        (
            "largest_component".into(),
            out.largest_component.to_string(),
        ),
        ("isolated".into(), out.isolated.to_string()),
    ];
    let bytes = match args.format.format {
        TableFormat::Json => json_bytes(&out),
        TableFormat::Csv => {
            for (t, n) in out.actors_by_type {
                lines.push((format!("actors_by_type.{t}"), n.to_string()));
            }
            for (t, n) in out.relations_by_type {
                lines.push((format!("relations_by_type.{t}"), n.to_string()));
            }
            for d in &out.top_degrees {
                lines.push((format!("top_degrees.{}", d.id), d.relations.to_string()));
            }
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(["metric", "value"])?;
            for (k, v) in &lines {
                w.write_record([k, v])?;
            }
            w.into_inner().context("CSV writer")?
        }
        TableFormat::Table => {
            let counts = |m: &std::collections::BTreeMap<String, usize>| {
                let mut v: Vec<(&String, &usize)> = m.iter().collect();
                v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
                v.iter()
                    .map(|(k, n)| format!("{k} {n}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            lines.push(("actors_by_type".into(), counts(out.actors_by_type)));
            lines.push(("relations_by_type".into(), counts(out.relations_by_type)));
            lines.push((
                "top_degrees".into(),
                out.top_degrees
                    .iter()
                    .map(|d| format!("{} {}", d.name, d.relations))
                    .collect::<Vec<_>>()
                    .join(", "),
            ));
            let mut tw = tabwriter::TabWriter::new(Vec::new()).padding(2);
            for (k, v) in &lines {
                writeln!(tw, "{}\t{}", k.replace('_', " "), v)?;
            }
            tw.into_inner().context("table writer")?
        }
    };
    emit(bytes)
}

fn ego(graph: &KnowledgeGraph, schema: &Schema, args: EgoArgs) -> Result<u8> {
    let center = analysis::find_actor(graph, &args.name)?;
    let sub = analysis::ego_graph(graph, schema, center, args.depth)?;
    let bytes = match args.format {
        EgoFormat::Dot => dot::to_dot(&sub, schema).into_bytes(),
        EgoFormat::Json => json::to_json(&sub).into_bytes(),
    };
    write_export(&Exported::File(bytes), args.output.as_deref())?;
    Ok(exit::OK)
}

// ---------------------------------------------------------------------------------------------
// Formatting

/// "Russia (russia, Country)".
fn describe(node: &Node) -> String {
    format!("{} ({}, {})", node.name, node.id, node.entity_type)
}

/// An edge's confidence as stored (f32), as the short decimal people read (0.6, not 0.6000000238).
fn confidence(edge: &Edge) -> f64 {
    (edge.confidence as f64 * 1e6).round() / 1e6
}

/// The first evidence sentence of an edge on one line.
fn first_evidence(edge: &Edge) -> String {
    edge.evidence
        .first()
        .map(|ev| one_line(&ev.text))
        .unwrap_or_default()
}

/// Text with every run of whitespace (line breaks, tabs) made one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A float with at most 6 decimals and no trailing zeros: 0.6, 0.404762, 0.
fn trim_float(x: f64) -> String {
    let text = format!("{x:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.into()
    }
}

/// Prints rows (serialisable structs whose fields are `columns`, in order) in `format`; `heading`
/// is a line above the table, for people only.
fn print_rows<T: Serialize>(
    rows: &[T],
    columns: &[&str],
    format: TableFormat,
    heading: Option<&str>,
) -> Result<u8> {
    let bytes = match format {
        TableFormat::Json => json_bytes(&rows),
        TableFormat::Csv => csv_bytes(rows, columns)?,
        TableFormat::Table => {
            let mut tw = tabwriter::TabWriter::new(Vec::new()).padding(2);
            if let Some(heading) = heading {
                writeln!(tw, "{heading}")?;
            }
            if rows.is_empty() {
                writeln!(tw, "(none)")?;
            } else {
                writeln!(tw, "{}", columns.join("\t"))?;
                for row in values(rows, columns)? {
                    let cells: Vec<String> = row.iter().map(table_cell).collect();
                    writeln!(tw, "{}", cells.join("\t"))?;
                }
            }
            tw.into_inner().context("table writer")?
        }
    };
    emit(bytes)
}

/// Each row's values for `columns`, in order.
fn values<T: Serialize>(rows: &[T], columns: &[&str]) -> Result<Vec<Vec<Value>>> {
    rows.iter()
        .map(|row| {
            let value = serde_json::to_value(row)?;
            Ok(columns
                .iter()
                .map(|c| value.get(c).cloned().unwrap_or(Value::Null))
                .collect())
        })
        .collect()
}

fn json_bytes<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    let mut text = serde_json::to_string_pretty(value).expect("answers serialise to JSON");
    text.push('\n');
    text.into_bytes()
}

fn csv_bytes<T: Serialize>(rows: &[T], columns: &[&str]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(columns)?;
    for row in values(rows, columns)? {
        w.write_record(row.iter().map(csv_cell))?;
    }
    w.into_inner().context("CSV writer")
}

/// A CSV cell: text as is, lists as JSON arrays, nothing for null.
fn csv_cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// A table cell: one line, floats shortened, lists joined with commas.
fn table_cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => one_line(s).replace('\t', " "),
        Value::Number(n) if n.is_f64() => trim_float(n.as_f64().unwrap_or(0.0)),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.into(),
        Value::Array(items) => items.iter().map(table_cell).collect::<Vec<_>>().join(", "),
        Value::Object(_) => value.to_string(),
    }
}

fn emit(bytes: Vec<u8>) -> Result<u8> {
    write_export(&Exported::File(bytes), None)?;
    Ok(exit::OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_are_short_and_cells_one_line() {
        assert_eq!(trim_float(0.6), "0.6");
        assert_eq!(trim_float(0.404_761_904_761), "0.404762");
        assert_eq!(trim_float(0.0), "0");
        assert_eq!(trim_float(-0.0000001), "0");
        assert_eq!(table_cell(&Value::from("a\n  b\tc")), "a b c");
        assert_eq!(
            table_cell(&serde_json::json!(["russia", "italy"])),
            "russia, italy"
        );
        assert_eq!(csv_cell(&serde_json::json!(["a", "b"])), r#"["a","b"]"#);
    }

    /// The serialised field names of a row, sorted.
    fn fields(row: impl Serialize) -> Vec<String> {
        let value = serde_json::to_value(row).unwrap();
        let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        keys
    }

    fn sorted(columns: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = columns.iter().map(|c| c.to_string()).collect();
        v.sort();
        v
    }

    #[test]
    fn every_row_type_has_its_columns() {
        // each column list must name exactly its rows' serialised fields, or CSV and table
        // cells come out empty
        let neighbor = NeighborRow {
            id: "a",
            name: "A",
            entity_type: "Country",
            relation: "r",
            direction: "out",
            confidence: 0.5,
            mentions: 1,
            evidence: String::new(),
        };
        assert_eq!(fields(neighbor), sorted(NEIGHBOR_COLUMNS));
        let path = PathRow {
            step: 1,
            source: "a",
            relation: "r",
            target: "b",
            direction: "forward",
            confidence: 0.5,
            mentions: 1,
            evidence: "e",
            document: "d",
            sentence: Some(0),
        };
        assert_eq!(fields(path), sorted(PATH_COLUMNS));
        let rank = RankRow {
            rank: 1,
            id: "a",
            name: "A",
            entity_type: "Country",
            score: Value::from(1),
        };
        assert_eq!(fields(rank), sorted(RANK_COLUMNS));
        let relation = RelationRow {
            source: "a",
            relation: "r",
            target: "b",
            symmetric: false,
            confidence: 0.5,
            mentions: 1,
            evidence: String::new(),
        };
        assert_eq!(fields(relation), sorted(RELATION_COLUMNS));
        let component = ComponentRow {
            component: 1,
            size: 1,
            actors: vec!["a"],
        };
        assert_eq!(fields(component), sorted(COMPONENT_COLUMNS));
    }
}
