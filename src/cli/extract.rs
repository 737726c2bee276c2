//! `kgforge extract`: articles in, one knowledge graph (or one per article) out.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};

use kgforge::corpus::{self, ExtractOptions};
use kgforge::export::{self, Format};
use kgforge::graph::{KnowledgeGraph, MergeRecord, DEFAULT_EVIDENCE_CAP};
use kgforge::input::{self, ReadOptions, DEFAULT_MAX_BYTES};
use kgforge::pipeline::Pipeline;
use kgforge::schema::Schema;

use super::exit;
use super::output::write_export;

/// The long help of the subcommand.
pub(super) const USAGE: &str = "\
Reads each INPUT (a file, a directory whose *.txt files are read recursively, or - for standard \
input; no INPUT reads standard input) and writes the knowledge graph of its actors and relations.

One input prints to standard output unless -o is given. Several inputs build one merged graph \
(the same actor from different articles is one node; a relation stated several times is one edge \
with its mention count, the documents it comes from and up to --max-evidence evidence records) \
unless --out-dir is given, which writes one graph per input as DIR/NAME.EXT (NAME keeps the \
input's path below the directory given). --merge-into adds the articles to an existing JSON graph; \
an article already in it with the same name and text changes nothing.

Articles are extracted in parallel on all cores (--threads to choose); the merged graph does not \
depend on the number of threads. A progress bar shows on a terminal; a summary line (articles, \
nodes, edges, seconds, articles/s) ends every run unless --quiet.

Input text must be UTF-8: invalid bytes are an error naming line and column (or are replaced \
with --lossy-utf8); files with NUL bytes are refused as binary; an empty file gives an empty \
graph and a warning. A file that cannot be read is reported and skipped; the others are still \
extracted and the exit code is then 1.";

/// Arguments of `kgforge extract`.
#[derive(Debug, clap::Args)]
#[command(long_about = USAGE)]
pub struct Args {
    /// Articles: files, directories (their *.txt, recursively), or - for standard input.
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,

    /// Output format.
    #[arg(short, long, value_enum, default_value = "json")]
    format: Format,

    /// Write the graph here instead of standard output (a directory for csv).
    #[arg(short, long, value_name = "PATH", conflicts_with = "out_dir")]
    output: Option<PathBuf>,

    /// Write one graph per input into this directory, as NAME.EXT (NAME/ for csv).
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,

    /// Add the articles to this JSON graph (created if missing) and write it back, or to -o.
    #[arg(long, value_name = "GRAPH.json", conflicts_with = "out_dir")]
    merge_into: Option<PathBuf>,

    /// Use the schema (ontology, triggers, gazetteers) in this directory instead of the built-in one.
    #[arg(long, value_name = "DIR")]
    schema: Option<PathBuf>,

    /// Use the tagger, lemmatizer and parser in this directory (lexicon.bin, tagger.bin,
    /// parser.bin, as written by `kgforge nlp train`) instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    models: Option<PathBuf>,

    /// Drop relations with a confidence below this (0 to 1).
    #[arg(long, value_name = "X", default_value_t = 0.0)]
    min_confidence: f32,

    /// Keep at most this many evidence records per edge.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_EVIDENCE_CAP)]
    max_evidence: usize,

    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,

    /// No progress bar and no summary line.
    #[arg(short, long)]
    quiet: bool,

    /// Write every merge of names into one actor, and why, to this file (tab-separated:
    /// scope, document, node, alias, reason); scope is "document" for merges inside an
    /// article and "graph" for merges between articles.
    #[arg(long, value_name = "FILE")]
    explain_merges: Option<PathBuf>,

    /// Replace invalid UTF-8 with U+FFFD instead of refusing the file.
    #[arg(long)]
    lossy_utf8: bool,

    /// Refuse inputs larger than this many bytes.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: u64,
}

/// Runs `kgforge extract`; returns the exit code.
pub fn run(args: Args) -> Result<u8> {
    if !(0.0..=1.0).contains(&args.min_confidence) {
        anyhow::bail!("--min-confidence must be between 0 and 1");
    }
    if args.threads == Some(0) {
        anyhow::bail!("--threads must be at least 1");
    }
    if args.merge_into.is_some() && args.output.is_none() && args.format != Format::Json {
        anyhow::bail!(
            "--merge-into writes the JSON graph back; use --format json, or -o for another format"
        );
    }
    let started = Instant::now();
    super::export::check_format(args.format, args.output.as_deref())?;
    let schema = Arc::new(Schema::load(args.schema.as_deref()).context("loading the schema")?);
    let pipeline = Pipeline::standard_with(schema.clone(), super::nlp::annotator(&args.models)?);
    let inputs = input::collect(&args.inputs)?;
    let options = ExtractOptions {
        read: ReadOptions {
            lossy_utf8: args.lossy_utf8,
            max_bytes: args.max_bytes,
        },
        min_confidence: args.min_confidence,
        ..ExtractOptions::default()
    };
    let mut merged = match &args.merge_into {
        Some(path) if path.exists() => {
            let file = std::fs::File::open(path)
                .with_context(|| format!("{}: cannot open", path.display()))?;
            kgforge::export::json::from_json(file, path, &schema)?
        }
        _ => KnowledgeGraph::new(&*schema),
    };
    merged.evidence_cap = args.max_evidence;
    merged.log_document_merges = args.explain_merges.is_some();
    let mut explained: Vec<MergeRecord> = Vec::new();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .context("starting worker threads")?;

    let progress = if !args.quiet && inputs.len() > 1 && std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(inputs.len() as u64);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} {pos}/{len} articles [{bar:30}] {per_sec} eta {eta} {wide_msg}",
            )
            .expect("valid template")
            .progress_chars("=> "),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut failures = 0usize;
    let mut extracted = 0usize;
    let mut per_input_nodes = 0usize;
    let mut per_input_edges = 0usize;
    let outcome = pool.install(|| {
        corpus::for_each_document(&pipeline, &inputs, &options, |inp, result| {
            progress.inc(1);
            let doc = match result {
                Ok(doc) => doc,
                Err(e) => {
                    progress.suspend(|| eprintln!("kgforge: {e}"));
                    failures += 1;
                    return Ok(());
                }
            };
            if doc.text.trim().is_empty() {
                progress.suspend(|| {
                    eprintln!(
                        "kgforge: warning: {}: empty, no text to extract",
                        inp.display_path().display()
                    )
                });
            }
            extracted += 1;
            progress.set_message(inp.name.clone());
            match &args.out_dir {
                Some(dir) => {
                    let mut graph = KnowledgeGraph::new(&*schema);
                    graph.evidence_cap = args.max_evidence;
                    graph.log_document_merges = args.explain_merges.is_some();
                    graph.add_document(&doc);
                    explained.extend(graph.merges().iter().cloned());
                    per_input_nodes += graph.node_count();
                    per_input_edges += graph.edge_count();
                    let target = per_input_path(dir, &inp.name, args.format);
                    write_export(
                        &export::export(&graph, &schema, args.format)?,
                        Some(&target),
                    )
                }
                None => {
                    merged.add_document(&doc);
                    Ok(())
                }
            }
        })
    });
    progress.finish_and_clear();
    outcome?;

    if args.out_dir.is_none() && extracted > 0 {
        let target = args.output.as_deref().or(args.merge_into.as_deref());
        write_export(&export::export(&merged, &schema, args.format)?, target)?;
    }
    if let Some(path) = &args.explain_merges {
        if args.out_dir.is_none() {
            explained = merged.merges().to_vec();
        }
        write_merges(path, &explained)?;
    }
    if !args.quiet {
        let (nodes, edges) = match args.out_dir {
            Some(_) => (per_input_nodes, per_input_edges),
            None => (merged.node_count(), merged.edge_count()),
        };
        let seconds = started.elapsed().as_secs_f64();
        eprintln!(
            "kgforge: {extracted} articles, {nodes} nodes, {edges} edges in {seconds:.2} s ({:.1} articles/s)",
            extracted as f64 / seconds.max(1e-9)
        );
    }
    if failures > 0 {
        eprintln!(
            "kgforge: {failures} of {} input(s) failed{}",
            inputs.len(),
            if extracted > 0 {
                "; the others were extracted"
            } else {
                ""
            }
        );
        return Ok(exit::ERROR);
    }
    Ok(exit::OK)
}

/// Writes the merge log as tab-separated values with a header line. Tabs and line breaks
/// inside a field (never expected in names) are written as spaces, so every record is one line.
fn write_merges(path: &Path, merges: &[MergeRecord]) -> Result<()> {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let mut out = String::from("scope\tdocument\tnode\talias\treason\n");
    for m in merges {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\n",
            m.scope.as_str(),
            clean(&m.document),
            clean(&m.node),
            clean(&m.alias),
            clean(&m.reason)
        ));
    }
    std::fs::write(path, out).with_context(|| format!("writing {}", path.display()))
}

/// `DIR/NAME.EXT`, or `DIR/NAME/` for formats that write several files.
fn per_input_path(dir: &Path, name: &str, format: Format) -> PathBuf {
    let mut path = dir.to_path_buf();
    for part in name.split('/') {
        path.push(part);
    }
    if format.is_directory() {
        path
    } else {
        let file = format!(
            "{}.{}",
            path.file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default(),
            format.extension()
        );
        path.set_file_name(file);
        path
    }
}
