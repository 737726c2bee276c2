//! `kgforge nlp`: train, evaluate and run the part-of-speech tagger, lemmatizer and dependency parser.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};

use kgforge::doc::Document;
use kgforge::input::{self, ReadOptions, DEFAULT_MAX_BYTES};
use kgforge::nlp::conllu::{self, Word};
use kgforge::nlp::train::{self, HyphenTraining, TrainOptions};
use kgforge::nlp::Annotator;

use super::exit;

/// The long help of `kgforge nlp`.
pub(crate) const USAGE: &str = "\
The statistical NLP models built into kgforge: a part-of-speech tagger (UPOS and Penn \
Treebank tags), a lemmatizer and a labelled dependency parser (Universal Dependencies \
relations), trained from UD English EWT and GUM (see models/MODELS.md).

Examples:
  kgforge nlp parse article.txt               CoNLL-U of the article, as the extractor sees it
  echo 'Russia sent aid to Italy.' | kgforge nlp parse
  kgforge nlp eval --conllu en_ewt-ud-test.conllu --json
  kgforge nlp train --data ../shared/data --out my-models/
  kgforge extract --models my-models/ article.txt   extract with the retrained models";

const EVAL_USAGE: &str = "\
Scores the models against a CoNLL-U file on its gold tokenization (its word forms are given to \
the tagger and parser; multiword tokens count as their words). Prints UPOS, XPOS, lemma \
accuracy and attachment scores in percent of words, punctuation included. LAS compares the \
universal relation (obl:tmod counts as obl), as the CoNLL 2018 scorer does; las_full compares \
subtypes too.";

const PARSE_USAGE: &str = "\
Splits raw English text into sentences and tokens with kgforge's own tokenizer, tags, \
lemmatises and parses it, and prints CoNLL-U (one block per sentence, with # text). FILE \
absent or - reads standard input.";

const TRAIN_USAGE: &str = "\
Trains the lexicon, tagger and parser from the treebanks under --data (ud_english_ewt/ and \
ud_english_gum/, with the lemma lists lemma_*/), keeps the epochs that score best on EWT dev, \
writes lexicon.bin, tagger.bin and parser.bin to --out, and reports dev and test scores. \
Rebuild kgforge afterwards to embed models written to models/, or use them as they are with \
`kgforge extract --models DIR`.

The shipped models (models/MODELS.md) were trained on train and dev, with settings chosen on dev \
before:
  kgforge nlp train --data ../shared/data --out models \\
      --with-dev --parser-classes --tagger-prune 1.76 --ensemble-prune 1.41";

/// Arguments of `kgforge nlp`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Tag, lemmatise and parse raw text; print CoNLL-U.
    #[command(long_about = PARSE_USAGE)]
    Parse(ParseArgs),
    /// Score the models against a CoNLL-U treebank.
    #[command(long_about = EVAL_USAGE)]
    Eval(EvalArgs),
    /// Train the tagger and parser from the treebanks and write them to a directory.
    #[command(long_about = TRAIN_USAGE)]
    Train(TrainArgs),
    /// Drop the smallest rows of trained models: a smaller, faster copy.
    #[command(long_about = PRUNE_USAGE)]
    Prune(PruneArgs),
}

const PRUNE_USAGE: &str = "\
Copies the models in --models to --out without the tagger rows whose weights are all below \
--tagger (in absolute value) and the parser rows (moves and labels) whose weights are all below \
--parser. The result is what `kgforge nlp train` writes with `--tagger-prune` and \
`--ensemble-prune` set to those values (cuts below the ones trained with change nothing), \
without training again. Prints the row counts and file sizes before and after.";

/// Arguments of `kgforge nlp prune`.
#[derive(Debug, clap::Args)]
struct PruneArgs {
    /// Directory with lexicon.bin, tagger.bin and parser.bin.
    #[arg(long, value_name = "DIR")]
    models: PathBuf,
    /// Where the pruned models are written (lexicon.bin is copied as it is).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Tagger rows whose weights are all below this are dropped (absent: the tagger is copied).
    #[arg(long, value_name = "X")]
    tagger: Option<f32>,
    /// Parser rows whose weights are all below this are dropped (absent: the parser is copied).
    #[arg(long, value_name = "X")]
    parser: Option<f32>,
}

/// Arguments of `kgforge nlp parse`.
#[derive(Debug, clap::Args)]
struct ParseArgs {
    /// Text file to parse (- or nothing: standard input).
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,
    /// Use the models in this directory instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    models: Option<PathBuf>,
    /// Replace invalid UTF-8 with U+FFFD instead of refusing the input.
    #[arg(long)]
    lossy_utf8: bool,
}

/// Arguments of `kgforge nlp eval`.
#[derive(Debug, clap::Args)]
struct EvalArgs {
    /// Gold CoNLL-U file.
    #[arg(long, value_name = "FILE")]
    conllu: PathBuf,
    /// Print {"upos": .., "uas": .., "las": .., ...} as JSON.
    #[arg(long)]
    json: bool,
    /// Use the models in this directory instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    models: Option<PathBuf>,
    /// Also score raw text: kgforge's tokenizer splits each sentence's `# text` and
    /// words are matched to the gold ones by character span (F1, as in CoNLL 2018).
    #[arg(long)]
    raw: bool,
}

/// Arguments of `kgforge nlp train`.
#[derive(Debug, clap::Args)]
struct TrainArgs {
    /// Directory with ud_english_ewt/ and ud_english_gum/.
    #[arg(long, value_name = "DIR", default_value = "../shared/data")]
    data: PathBuf,
    /// Where to write the models.
    #[arg(long, value_name = "DIR", default_value = "models")]
    out: PathBuf,
    /// Train on EWT only (by default GUM's commercially usable genres are added).
    #[arg(long)]
    no_gum: bool,
    /// Tagger training passes (the best on EWT dev is kept).
    #[arg(long, default_value_t = 8)]
    tagger_epochs: usize,
    /// Parser training passes (the best on EWT dev is kept).
    #[arg(long, default_value_t = 10)]
    parser_epochs: usize,
    /// Updates a feature must take part in before it gets weights (larger: smaller models).
    #[arg(long, default_value_t = 3)]
    min_updates: u8,
    /// Averaged weights below this are dropped from the saved models.
    #[arg(long, default_value_t = 1.5)]
    prune: f32,
    /// A higher cut for the written tagger only (default: --prune): a smaller, faster
    /// tagger, pruned after training; the jackknife taggers and the tags the parser learns
    /// from stay as --prune makes them, so this is `kgforge nlp prune --tagger X` built in.
    #[arg(long, value_name = "X")]
    tagger_prune: Option<f32>,
    /// Parsers trained on differently shuffled data and averaged into the shipped one.
    #[arg(long, default_value_t = 2)]
    ensemble: usize,
    /// Averaged weights below this are dropped from the parsers' mean (a row only one
    /// parser kept needs twice the weight there): 1.0 keeps the accuracy of the full mean
    /// at three quarters of its size.
    #[arg(long, default_value_t = 1.0)]
    ensemble_prune: f32,
    /// Probability that the parser follows its own predicted move while training (after
    /// the first pass), so that it learns to recover from its mistakes.
    #[arg(long, default_value_t = 0.9)]
    explore: f64,
    /// Folds for tagging the parser's training data with taggers that did not see it (0 = gold tags).
    #[arg(long, default_value_t = 4)]
    jackknife: usize,
    /// Also train on EWT dev and GUM dev, keeping the last pass of each model instead of
    /// the best on dev (for a final model whose settings were chosen on dev before).
    #[arg(long)]
    with_dev: bool,
    /// How hyphenated compounds that kgforge's tokenizer keeps whole ("coronavirus-hit")
    /// enter the training data: merged in every other sentence (alternate: any hyphen
    /// group written without spaces; alternate-tokenizer: the groups the tokenizer keeps
    /// whole), or each sentence with such groups kept and added again merged (copies).
    #[arg(long, value_enum, default_value_t = HyphenTraining::Alternate)]
    hyphens: HyphenTraining,
    /// Give the parser distributional word classes as features, computed from the
    /// treebanks' training text, Wikigold, WNUT-17 and the articles of --corpus.
    #[arg(long)]
    parser_classes: bool,
    /// Plain-text articles (*.txt) for the word classes of --parser-classes.
    #[arg(
        long,
        value_name = "DIR",
        default_value = "/work/shared/corpus/wikinews"
    )]
    corpus: PathBuf,
    /// Article file names in --corpus never to read (the held-out articles' copies).
    #[arg(
        long,
        value_name = "FILE",
        default_value = "eval/heldout-corpus-files.txt"
    )]
    corpus_exclude: PathBuf,
    /// Number of fine word classes (the middle and coarse levels have an eighth and a
    /// thirty-second as many).
    #[arg(long, default_value_t = 512)]
    classes: usize,
}

/// Runs `kgforge nlp`.
pub fn run(args: Args) -> Result<u8> {
    match args.command {
        Command::Parse(a) => parse(a),
        Command::Eval(a) => eval(a),
        Command::Train(a) => train_models(a),
        Command::Prune(a) => prune(a),
    }
}

fn prune(a: PruneArgs) -> Result<u8> {
    for (name, value) in [("--tagger", a.tagger), ("--parser", a.parser)] {
        if value.is_some_and(|x| !x.is_finite() || x < 0.0) {
            anyhow::bail!("{name} must be a number of at least 0");
        }
    }
    let read = |name: &str| {
        let path = a.models.join(name);
        std::fs::read(&path).with_context(|| format!("reading {}", path.display()))
    };
    let lexicon_bytes = read("lexicon.bin")?;
    let lexicon = std::sync::Arc::new(
        kgforge::nlp::lemma::Lexicon::from_bytes(&lexicon_bytes)
            .with_context(|| format!("loading {}/lexicon.bin", a.models.display()))?,
    );
    let tagger = kgforge::nlp::tagger::Tagger::from_bytes(&read("tagger.bin")?, lexicon)
        .with_context(|| format!("loading {}/tagger.bin", a.models.display()))?;
    let parser = kgforge::nlp::parser::Parser::from_bytes(&read("parser.bin")?)
        .with_context(|| format!("loading {}/parser.bin", a.models.display()))?;
    let tagger_out = a.tagger.map(|x| tagger.pruned(x));
    let parser_out = a.parser.map(|x| parser.pruned(x));
    std::fs::create_dir_all(&a.out).with_context(|| format!("creating {}", a.out.display()))?;
    let write = |name: &str, bytes: &[u8]| {
        let path = a.out.join(name);
        std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))
    };
    write("lexicon.bin", &lexicon_bytes)?;
    let tagger_bytes = tagger_out.as_ref().unwrap_or(&tagger).to_bytes();
    write("tagger.bin", &tagger_bytes)?;
    let parser_bytes = parser_out.as_ref().unwrap_or(&parser).to_bytes();
    write("parser.bin", &parser_bytes)?;
    let mut out = std::io::stdout().lock();
    let new_tagger = tagger_out.as_ref().unwrap_or(&tagger);
    writeln!(
        out,
        "tagger: {} -> {} rows, {} KB",
        tagger.n_rows(),
        new_tagger.n_rows(),
        tagger_bytes.len() / 1024
    )?;
    let (moves, labels) = parser.n_rows();
    let (new_moves, new_labels) = parser_out.as_ref().unwrap_or(&parser).n_rows();
    writeln!(
        out,
        "parser: {moves} -> {new_moves} move rows, {labels} -> {new_labels} label rows, {} KB",
        parser_bytes.len() / 1024
    )?;
    Ok(exit::OK)
}

/// The models in `models`, or the built-in ones.
pub(crate) fn annotator(models: &Option<PathBuf>) -> Result<Annotator> {
    match models {
        Some(dir) => Annotator::from_dir(dir)
            .with_context(|| format!("loading the models in {}", dir.display())),
        None => Annotator::load().context("loading the built-in models"),
    }
}

fn eval(a: EvalArgs) -> Result<u8> {
    let gold = conllu::read_file(&a.conllu)?;
    if gold.is_empty() {
        anyhow::bail!("{}: no sentences to score", a.conllu.display());
    }
    let annotator = annotator(&a.models)?;
    let scores = annotator.evaluate(&gold);
    let raw = a.raw.then(|| annotator.evaluate_raw(&gold));
    let mut out = std::io::stdout().lock();
    if a.json {
        let mut value = serde_json::to_value(scores)?;
        if let Some(raw) = raw {
            value["raw"] = serde_json::to_value(raw)?;
        }
        writeln!(out, "{value}")?;
    } else {
        writeln!(
            out,
            "{}: {} sentences, {} words",
            a.conllu.display(),
            scores.sentences,
            scores.words
        )?;
        for (name, value) in [
            ("UPOS", scores.upos),
            ("XPOS", scores.xpos),
            ("lemma", scores.lemma),
            ("UAS", scores.uas),
            ("LAS", scores.las),
            ("LAS (with subtypes)", scores.las_full),
        ] {
            writeln!(out, "  {name:20} {value:6.2}")?;
        }
        if let Some(raw) = raw {
            writeln!(
                out,
                "raw text ({} gold words, {} predicted), F1:",
                raw.gold_words, raw.predicted_words
            )?;
            for (name, value) in [
                ("tokens", raw.tokens),
                ("UPOS", raw.upos),
                ("UAS", raw.uas),
                ("LAS", raw.las),
            ] {
                writeln!(out, "  {name:20} {value:6.2}")?;
            }
        }
    }
    Ok(exit::OK)
}

fn parse(a: ParseArgs) -> Result<u8> {
    let args: Vec<PathBuf> = a.file.into_iter().collect();
    let inputs = input::collect(&args)?;
    let options = ReadOptions {
        lossy_utf8: a.lossy_utf8,
        max_bytes: DEFAULT_MAX_BYTES,
    };
    let annotator = annotator(&a.models)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for inp in &inputs {
        let text = input::read_text(inp, options)?;
        let mut doc = Document::new(inp.name.clone(), text);
        kgforge::text::segment(&mut doc);
        kgforge::pipeline::Component::process(&annotator, &mut doc)?;
        out.write_all(to_conllu(&doc).as_bytes())?;
    }
    out.flush()?;
    Ok(exit::OK)
}

/// The document's sentences as CoNLL-U.
fn to_conllu(doc: &Document) -> String {
    let mut text = String::new();
    for (s, sentence) in doc.sentences.iter().enumerate() {
        let range = sentence.token_range();
        let mut out = conllu::Sentence {
            comments: vec![
                format!("# sent_id = {}", s + 1),
                // a sentence may span lines in the input; CoNLL-U comments are one line
                format!(
                    "# text = {}",
                    doc.sentence_text(s)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
            ],
            ..Default::default()
        };
        for (k, i) in range.clone().enumerate() {
            let t = &doc.tokens[i];
            let mut w = Word::new(k + 1, doc.token_text(i));
            w.lemma = if t.lemma.is_empty() {
                "_".into()
            } else {
                t.lemma.clone()
            };
            w.upos = t.upos.as_str().to_string();
            w.xpos = if t.xpos.is_empty() {
                "_".into()
            } else {
                t.xpos.clone()
            };
            w.head = Some(t.head.map_or(0, |h| h - range.start + 1));
            w.deprel = if t.deprel.is_empty() {
                "_".into()
            } else {
                t.deprel.clone()
            };
            if !t.space_after && i + 1 < range.end {
                w.misc = "SpaceAfter=No".into();
            }
            out.words.push(w);
        }
        conllu::write_sentence(&mut text, &out);
    }
    text
}

fn train_models(a: TrainArgs) -> Result<u8> {
    let options = TrainOptions {
        data: a.data.clone(),
        out: a.out.clone(),
        use_gum: !a.no_gum,
        tagger: kgforge::nlp::tagger::TrainConfig {
            epochs: a.tagger_epochs,
            min_updates: a.min_updates,
            prune_below: a.prune,
            ..Default::default()
        },
        tagger_prune: a.tagger_prune,
        parser: kgforge::nlp::parser::TrainConfig {
            epochs: a.parser_epochs,
            ensemble: a.ensemble,
            ensemble_prune: Some(a.ensemble_prune),
            explore: a.explore,
            min_updates: a.min_updates,
            prune_below: a.prune,
            ..Default::default()
        },
        jackknife: a.jackknife,
        with_dev: a.with_dev,
        hyphens: a.hyphens,
        parser_classes: a.parser_classes.then(|| train::ClusterSources {
            corpus: Some(a.corpus.clone()),
            exclude: a.corpus_exclude.clone(),
        }),
        cluster_config: kgforge::nlp::clusters::ClusterConfig {
            sizes: [a.classes, (a.classes / 8).max(1), (a.classes / 32).max(1)],
            ..Default::default()
        },
    };
    train::run(&options, |line| eprintln!("{line}"))
        .with_context(|| format!("training from {}", a.data.display()))?;
    Ok(exit::OK)
}
