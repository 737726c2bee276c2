//! Command-line interface: one file per subcommand, each with its usage text and a `run` function.

mod export;
mod extract;
mod output;
mod push;
mod query;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit codes of the `kgforge` command.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// An error: unreadable input, failed output, bad schema.
    pub const ERROR: u8 = 1;
    /// Wrong usage (unknown option, missing argument); printed by the argument parser.
    pub const USAGE: u8 = 2;
}

const ABOUT: &str = "Build knowledge graphs of actors and their relations from English news text";

const LONG_ABOUT: &str = "\
kgforge reads English news articles and builds a knowledge graph of the actors in them \
(people, countries, organizations, places, products) and of what they did to each other \
(sent aid to, spoke with, criticized, attacked...). Every edge keeps its evidence: the \
sentence and its byte offsets. Everything runs offline and deterministically.";

const EXAMPLES: &str = "\
Examples:
  kgforge extract article.txt                      graph of one article as JSON on stdout
  kgforge extract article.txt --format dot | dot -Tsvg > graph.svg
  kgforge extract news/ -o graph.json              one merged graph of every news/**/*.txt
  kgforge extract news/ --out-dir graphs/          one graph per article: graphs/NAME.json
  kgforge extract news/ --format csv -o tables/    tables/nodes.csv and tables/edges.csv
  cat article.txt | kgforge extract - --format dot
  kgforge export graph.json --format graphml -o graph.graphml   convert a saved graph
  kgforge query graph.json path Putin Italy         how two actors are connected, with evidence

Exit codes: 0 success, 1 error (the message names the file), 2 wrong usage.";

/// The command line.
#[derive(Debug, Parser)]
#[command(name = "kgforge", version, about = ABOUT, long_about = LONG_ABOUT, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract a knowledge graph from articles (files, directories, or standard input).
    #[command(long_about = extract::USAGE)]
    Extract(extract::Args),
    /// Convert a saved JSON graph to another format (node-link, dot, graphml, csv, svg, png...).
    #[command(long_about = export::USAGE, after_help = export::EXAMPLES)]
    Export(export::Args),
    /// Ask a saved graph: neighbours, paths, rankings, relations, components, statistics, ego networks.
    #[command(long_about = query::USAGE, after_help = query::EXAMPLES)]
    Query(query::Args),
    /// Load graphs (or articles, extracted on the fly) into Neo4j over Bolt.
    Push(push::Args),
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            });
        }
    };
    let result = match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Export(args) => export::run(args),
        Command::Query(args) => query::run(args),
        Command::Push(args) => push::run(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if output::is_broken_pipe(&e) {
                return ExitCode::from(exit::OK);
            }
            eprintln!("kgforge: {}", one_line(&e));
            ExitCode::from(exit::ERROR)
        }
    }
}

/// An error and its causes on one line.
fn one_line(e: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
    }
    parts.join(": ")
}
