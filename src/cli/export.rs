//! `kgforge export`: a saved JSON graph in, the same graph in another format out.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use kgforge::export::{self, json, render, Format};
use kgforge::schema::Schema;

use super::exit;
use super::output::write_export;

/// The long help of the subcommand.
pub(super) const USAGE: &str = "\
Reads a graph saved by `kgforge extract` (its JSON format; GRAPH may be - or left out for \
standard input) and writes it in another format. Every name, alias and evidence sentence \
arrives unchanged, whatever characters it holds.

Formats, and where to open them:
  json       the graph itself, as extract writes it; described by schema/graph.schema.json
  node-link  NetworkX: G = nx.node_link_graph(json.load(open(\"graph.node-link.json\")))
             (NetworkX 3.4-3.5 add edges=\"edges\"; D3 wants data.links = data.edges)
  dot        Graphviz: dot -Tsvg graph.dot -o graph.svg
  graphml    yEd, Gephi, Cytoscape: File > Open; NetworkX: nx.read_graphml(\"graph.graphml\");
             aliases, documents and evidence hold JSON arrays
  csv        nodes.csv, edges.csv, documents.csv in the -o DIR, for spreadsheets and pandas;
             list cells hold JSON arrays; values are never altered, so import them as text
             (a name starting with = is data, not a formula)
  svg        a picture drawn by Graphviz's dot program, which must be installed
  png        the same picture as a PNG image
  cypher     Neo4j: cypher-shell -d neo4j -f graph.cypher (constraints, then idempotent MERGEs)
  neo4j-admin  nodes.csv, relationships.csv, constraints.cypher and README.md in the -o DIR,
             for neo4j-admin database import (the README holds the exact command)

The few characters a format cannot hold (control characters in GraphML, DOT, SVG) are \
written as \\u{HEX}; the README shows how to read them back.";

/// Examples shown after the help.
pub(super) const EXAMPLES: &str = "\
Examples:
  kgforge export graph.json --format graphml -o graph.graphml
  kgforge export graph.json --format csv -o tables/      tables/nodes.csv, edges.csv...
  kgforge export graph.json --format svg -o graph.svg
  kgforge extract news/ | kgforge export --format png -o news.png";

/// Arguments of `kgforge export`.
#[derive(Debug, clap::Args)]
#[command(long_about = USAGE, after_help = EXAMPLES)]
pub struct Args {
    /// A graph written by `kgforge extract` (JSON), or - for standard input.
    #[arg(value_name = "GRAPH.json", default_value = "-")]
    input: PathBuf,

    /// Output format.
    #[arg(short, long, value_enum)]
    format: Format,

    /// Write here instead of standard output (a directory for csv).
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,

    /// Check entity and relation types against the schema in this directory instead of the built-in one.
    #[arg(long, value_name = "DIR")]
    schema: Option<PathBuf>,
}

/// Refuses formats that cannot be produced here before any work is done: a missing `dot`
/// program, or binary output to a terminal.
pub fn check_format(format: Format, output: Option<&Path>) -> Result<()> {
    if format.needs_program().is_some() {
        render::require_dot(&format!(
            "--format {}",
            clap::ValueEnum::to_possible_value(&format)
                .map(|v| v.get_name().to_string())
                .unwrap_or_default()
        ))?;
    }
    if format.is_binary() && output.is_none() && std::io::stdout().is_terminal() {
        anyhow::bail!(
            "--format {} is binary; write it to a file with -o PATH or redirect standard output",
            format.extension()
        );
    }
    Ok(())
}

/// Runs `kgforge export`; returns the exit code.
pub fn run(args: Args) -> Result<u8> {
    check_format(args.format, args.output.as_deref())?;
    let schema = Schema::load(args.schema.as_deref()).context("loading the schema")?;
    let graph = if args.input.as_os_str() == "-" {
        json::from_json(std::io::stdin().lock(), Path::new("<stdin>"), &schema)?
    } else {
        let file = std::fs::File::open(&args.input)
            .with_context(|| format!("{}: cannot open", args.input.display()))?;
        json::from_json(file, &args.input, &schema)?
    };
    let exported = export::export(&graph, &schema, args.format)?;
    write_export(&exported, args.output.as_deref())?;
    Ok(exit::OK)
}
