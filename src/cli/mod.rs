//! Command-line interface: one file per subcommand, each with its usage text and a `run` function.

mod export;
mod extract;
mod ner;
mod nlp;
mod output;
mod push;
mod query;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit codes of the `kgforge` command: one table for every subcommand (see [`EXIT_CODES`]).
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// An error: unreadable or invalid input, failed output, bad schema, an actor not found;
    /// for `extract`, some inputs failed (the others were written).
    pub const ERROR: u8 = 1;
    /// Wrong usage (unknown option, missing argument); printed by the argument parser.
    pub const USAGE: u8 = 2;
    /// The database refused the user name or password (`push`).
    pub const AUTHENTICATION: u8 = 3;
    /// The database could not be reached, did not answer in time, or the connection broke and
    /// the retries ran out (`push`); committed batches stay, and running again completes the load.
    pub const UNAVAILABLE: u8 = 4;
    /// The database refused a statement: unknown database, constraint violation (`push`).
    pub const REJECTED: u8 = 5;
    /// Interrupted by Ctrl-C (SIGINT) or SIGTERM: temporary files were removed and every
    /// earlier output is intact (128 + the signal number of SIGINT, as shells report it).
    pub const INTERRUPTED: u8 = 130;
}

/// The exit codes as shown in `--help` and the README.
pub const EXIT_CODES: &str = "\
Exit codes (every subcommand):
  0    success
  1    error: unreadable or invalid input, failed output, bad schema, actor not found;
       extract: some inputs failed and the others were written
  2    wrong usage: unknown option, missing or invalid argument
  3    push: the database refused the user name or password
  4    push: database unreachable, timed out or connection lost; run again to complete
  5    push: the database refused a statement (unknown database, constraint)
  130  interrupted (Ctrl-C, SIGTERM); earlier outputs are intact, temporaries removed";

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
  kgforge query graph.json path Putin Italy         how two actors are connected, with evidence";

/// The command line.
#[derive(Debug, Parser)]
#[command(name = "kgforge", version, about = ABOUT, long_about = LONG_ABOUT, after_help = EXAMPLES, after_long_help = with_exit_codes(EXAMPLES))]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract a knowledge graph from articles (files, directories, or standard input).
    #[command(long_about = extract::USAGE, after_long_help = with_exit_codes(""))]
    Extract(extract::Args),
    /// Convert a saved JSON graph to another format (node-link, dot, graphml, csv, svg, png...).
    #[command(long_about = export::USAGE, after_help = export::EXAMPLES, after_long_help = with_exit_codes(export::EXAMPLES))]
    Export(export::Args),
    /// Ask a saved graph: neighbours, paths, rankings, relations, components, statistics, ego networks.
    #[command(long_about = query::USAGE, after_help = query::EXAMPLES, after_long_help = with_exit_codes(query::EXAMPLES))]
    Query(query::Args),
    /// Train, evaluate and run the tagger, lemmatizer and dependency parser.
    #[command(long_about = nlp::USAGE, after_long_help = with_exit_codes(""))]
    Nlp(nlp::Args),
    /// Load graphs (or articles, extracted on the fly) into Neo4j over Bolt.
    #[command(after_long_help = with_exit_codes(push::EXAMPLES))]
    Push(push::Args),
    /// Train or evaluate the named-entity recogniser (models/ner.bin).
    #[command(subcommand)]
    Ner(ner::Command),
}

/// Text shown after `--help`, then the exit codes.
fn with_exit_codes(after: &str) -> String {
    if after.is_empty() {
        EXIT_CODES.to_string()
    } else {
        format!("{after}\n\n{EXIT_CODES}")
    }
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    // Ctrl-C or SIGTERM in the middle of a write: remove the temporary files (the targets are
    // only ever replaced whole by a rename) and exit with the documented code
    let _ = ctrlc::set_handler(|| {
        output::remove_in_flight();
        eprintln!("kgforge: interrupted; earlier outputs are intact");
        std::process::exit(i32::from(exit::INTERRUPTED));
    });
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
        Command::Nlp(args) => nlp::run(args),
        Command::Push(args) => push::run(args),
        Command::Ner(command) => ner::run(command),
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
