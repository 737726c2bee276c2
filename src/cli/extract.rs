//! `kgforge extract`: articles in, one knowledge graph (or one per article) out.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};

use kgforge::export::{self, Format};
use kgforge::graph::KnowledgeGraph;
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
(the same actor from different articles is one node) unless --out-dir is given, which writes \
one graph per input as DIR/NAME.EXT (NAME keeps the input's path below the directory given).

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

    /// Use the schema (ontology, triggers, gazetteers) in this directory instead of the built-in one.
    #[arg(long, value_name = "DIR")]
    schema: Option<PathBuf>,

    /// Drop relations with a confidence below this (0 to 1).
    #[arg(long, value_name = "X", default_value_t = 0.0)]
    min_confidence: f32,

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
    super::export::check_format(args.format, args.output.as_deref())?;
    let schema = Arc::new(Schema::load(args.schema.as_deref()).context("loading the schema")?);
    let pipeline = Pipeline::standard(schema.clone())?;
    let inputs = input::collect(&args.inputs)?;
    let options = ReadOptions {
        lossy_utf8: args.lossy_utf8,
        max_bytes: args.max_bytes,
    };
    let mut failures = 0usize;
    let mut merged = KnowledgeGraph::new(&*schema);
    let mut extracted = 0usize;
    for inp in &inputs {
        let path = inp.display_path();
        let result = input::read_text(inp, options).and_then(|text| {
            if text.trim().is_empty() {
                eprintln!(
                    "kgforge: warning: {}: empty, no text to extract",
                    path.display()
                );
            }
            pipeline.run(&inp.name, &text)
        });
        let mut doc = match result {
            Ok(doc) => doc,
            Err(e) => {
                eprintln!("kgforge: {e}");
                failures += 1;
                continue;
            }
        };
        doc.relations
            .retain(|r| r.confidence >= args.min_confidence);
        extracted += 1;
        match &args.out_dir {
            Some(dir) => {
                let mut graph = KnowledgeGraph::new(&*schema);
                graph.add_document(&doc);
                let target = per_input_path(dir, &inp.name, args.format);
                write_export(
                    &export::export(&graph, &schema, args.format)?,
                    Some(&target),
                )?;
            }
            None => {
                merged.add_document(&doc);
            }
        }
    }
    if args.out_dir.is_none() && extracted > 0 {
        write_export(
            &export::export(&merged, &schema, args.format)?,
            args.output.as_deref(),
        )?;
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
