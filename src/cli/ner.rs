//! `kgforge ner`: train the named-entity recogniser from the shared corpora, and measure it.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};

use kgforge::extract::GazetteerMatcher;
use kgforge::nlp::ner::corpus::{read_columns_file, read_gum, read_re3d, CorpusFormat, DataPaths};
use kgforge::nlp::ner::{
    evaluate, sentence_document, train, Evaluation, LabelledSentence, NerType, Recognizer,
    TrainOptions, TrainingSentence,
};
use kgforge::schema::Schema;

use super::exit;

const TRAIN_USAGE: &str = "\
Trains the averaged-perceptron named-entity recogniser and writes it (16-bit weights) to \
OUT. The training data is read from DATA (the shared data folder):

  uner_english/ewt   Universal NER over EWT, train (the cleaned draft) and dev: PER ORG LOC
  wnut17             WNUT-17 train, dev and test: person, location, group+corporation, product
  ner_misc_juand-r   Wikigold: PER ORG LOC (MISC left out)
  re3d/original      re3d without its non-commercial BBC part: Person, Organisation, Location,
                     named MilitaryPlatform/Weapon/Vehicle as products
  ud_english_gum     GUM, commercially licensed genres: named person, place, organization

Gazetteer hints come from the schema (the built-in one, or --schema DIR). The same data, \
options and schema give the same model, byte for byte. After training, the F1 on the \
Universal NER EWT test set is printed (see `kgforge ner eval`).";

const EVAL_USAGE: &str = "\
Reports exact-match precision, recall and F1 of a recogniser (the built-in one, or --model \
FILE) on a CoNLL file in Universal NER's format, by default the Universal NER EWT test set \
under DATA. Product predictions are left out of the score, since that test set has no \
products.";

/// The `kgforge ner` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Train the recogniser from the shared corpora.
    #[command(long_about = TRAIN_USAGE)]
    Train(TrainArgs),
    /// Measure a recogniser on the Universal NER EWT test set (or another file).
    #[command(long_about = EVAL_USAGE)]
    Eval(EvalArgs),
}

/// Arguments of `kgforge ner train`.
#[derive(Debug, clap::Args)]
pub struct TrainArgs {
    /// The shared data folder.
    #[arg(long, value_name = "DIR", default_value = "../shared/data")]
    data: PathBuf,

    /// Where to write the model.
    #[arg(short, long, value_name = "FILE", default_value = "models/ner.bin")]
    out: PathBuf,

    /// Passes over the training data.
    #[arg(long, value_name = "N", default_value_t = TrainOptions::default().epochs)]
    epochs: usize,

    /// Seed of the shuffle before each pass.
    #[arg(long, value_name = "N", default_value_t = TrainOptions::default().seed)]
    seed: u64,

    /// Drop averaged weights smaller than this from the model.
    #[arg(long, value_name = "X", default_value_t = TrainOptions::default().prune_below)]
    prune: f32,

    /// Leave the Universal NER dev set out of training (to tune on it).
    #[arg(long)]
    hold_out_dev: bool,

    /// The corpora to train on, of: uner, wnut17, wikigold, re3d, gum.
    #[arg(long, value_name = "LIST", value_delimiter = ',', default_values_t = ["uner".to_string(), "wnut17".to_string(), "wikigold".to_string(), "re3d".to_string(), "gum".to_string()])]
    corpora: Vec<String>,

    /// Use the gazetteers of the schema in this directory instead of the built-in one.
    #[arg(long, value_name = "DIR")]
    schema: Option<PathBuf>,
}

/// Arguments of `kgforge ner eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// The shared data folder.
    #[arg(long, value_name = "DIR", default_value = "../shared/data")]
    data: PathBuf,

    /// A model written by `kgforge ner train` (default: the built-in model).
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,

    /// A test file in Universal NER's column format (default: the UNER EWT test set).
    #[arg(long, value_name = "FILE")]
    test: Option<PathBuf>,

    /// Use the gazetteers of the schema in this directory instead of the built-in one.
    #[arg(long, value_name = "DIR")]
    schema: Option<PathBuf>,
}

/// Runs a `kgforge ner` subcommand; returns the exit code.
pub fn run(command: Command) -> Result<u8> {
    match command {
        Command::Train(args) => run_train(args),
        Command::Eval(args) => run_eval(args),
    }
}

/// Adds gazetteer hints to labelled sentences.
fn with_hints(
    sentences: Vec<LabelledSentence>,
    gazetteer: &GazetteerMatcher,
) -> Vec<TrainingSentence> {
    sentences
        .into_iter()
        .map(|s| {
            let doc = sentence_document(&s.words);
            let hints = gazetteer.hints(&doc, 0, doc.tokens.len());
            TrainingSentence {
                words: s.words,
                hints,
                entities: s.entities,
            }
        })
        .collect()
}

fn load_schema(dir: Option<&Path>) -> Result<Schema> {
    Schema::load(dir).context("loading the schema")
}

fn check_data(data: &Path) -> Result<()> {
    if !data.is_dir() {
        anyhow::bail!(
            "{}: no such data folder (give the shared data folder with --data DIR)",
            data.display()
        );
    }
    Ok(())
}

fn print_evaluation(title: &str, eval: &Evaluation) {
    let scored = [NerType::Person, NerType::Organization, NerType::Location];
    let (p, r, f) = eval.total(&scored).prf();
    println!(
        "{title}: {} sentences; PER+ORG+LOC  P {p:.3}  R {r:.3}  F1 {f:.3}",
        eval.sentences
    );
    for t in scored {
        let c = eval.per_type[t.index()];
        let (p, r, f) = c.prf();
        println!(
            "  {:<4} P {p:.3}  R {r:.3}  F1 {f:.3}   (tp {}, fp {}, fn {})",
            t.label(),
            c.true_positives,
            c.false_positives,
            c.false_negatives
        );
    }
}

fn run_train(args: TrainArgs) -> Result<u8> {
    check_data(&args.data)?;
    if args.epochs == 0 {
        anyhow::bail!("--epochs must be at least 1");
    }
    let schema = load_schema(args.schema.as_deref())?;
    let gazetteer = GazetteerMatcher::new(&schema);
    let paths = DataPaths::new(&args.data);
    let started = Instant::now();
    for c in &args.corpora {
        if !matches!(c.as_str(), "uner" | "wnut17" | "wikigold" | "re3d" | "gum") {
            anyhow::bail!(
                "unknown corpus {c:?} in --corpora (known: uner, wnut17, wikigold, re3d, gum)"
            );
        }
    }
    let wanted = |name: &str| args.corpora.iter().any(|c| c == name);
    let mut sources: Vec<(String, Vec<LabelledSentence>)> = Vec::new();
    if wanted("uner") {
        sources.push((
            "UNER EWT train".into(),
            read_columns_file(&paths.uner_train(), CorpusFormat::Uner)?,
        ));
        if !args.hold_out_dev {
            sources.push((
                "UNER EWT dev".into(),
                read_columns_file(&paths.uner_dev(), CorpusFormat::Uner)?,
            ));
        }
    }
    if wanted("wnut17") {
        let mut wnut = Vec::new();
        for f in paths.wnut17() {
            wnut.extend(read_columns_file(&f, CorpusFormat::Wnut17)?);
        }
        sources.push(("WNUT-17".into(), wnut));
    }
    if wanted("wikigold") {
        sources.push((
            "Wikigold".into(),
            read_columns_file(&paths.wikigold(), CorpusFormat::Wikigold)?,
        ));
    }
    if wanted("re3d") {
        sources.push(("re3d (no BBC)".into(), read_re3d(&paths.re3d())?));
    }
    if wanted("gum") {
        let mut gum = Vec::new();
        for f in paths.gum() {
            let text =
                std::fs::read_to_string(&f).with_context(|| format!("reading {}", f.display()))?;
            gum.extend(read_gum(&f.display().to_string(), &text)?);
        }
        sources.push(("GUM (non-NC genres)".into(), gum));
    }
    let mut training = Vec::new();
    for (name, sentences) in sources {
        let entities: usize = sentences.iter().map(|s| s.entities.len()).sum();
        eprintln!("{name}: {} sentences, {entities} entities", sentences.len());
        training.extend(with_hints(sentences, &gazetteer));
    }
    let options = TrainOptions {
        epochs: args.epochs,
        seed: args.seed,
        prune_below: args.prune,
    };
    let recognizer = train(&training, options, |epoch, accuracy| {
        eprintln!(
            "pass {epoch}/{}: {:.2}% of words tagged right ({:.0?})",
            options.epochs,
            accuracy * 100.0,
            started.elapsed()
        );
    });
    let bytes = recognizer.to_bytes();
    if let Some(parent) = args.out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!(
        "wrote {} ({} feature rows, {:.1} MB) in {:.0?}",
        args.out.display(),
        recognizer.n_rows(),
        bytes.len() as f64 / 1e6,
        started.elapsed()
    );
    for (title, path) in [
        ("UNER EWT dev", paths.uner_dev()),
        ("UNER EWT test", paths.uner_test()),
    ] {
        let sentences = with_hints(read_columns_file(&path, CorpusFormat::Uner)?, &gazetteer);
        print_evaluation(
            title,
            &evaluate(&recognizer, &sentences, &[NerType::Product]),
        );
    }
    Ok(exit::OK)
}

fn run_eval(args: EvalArgs) -> Result<u8> {
    let schema = load_schema(args.schema.as_deref())?;
    let gazetteer = GazetteerMatcher::new(&schema);
    let owned;
    let recognizer: &Recognizer = match &args.model {
        Some(path) => {
            let bytes =
                std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            owned = Recognizer::from_bytes(&bytes)
                .with_context(|| format!("reading {}", path.display()))?;
            &owned
        }
        None => Recognizer::embedded()?,
    };
    let test = match &args.test {
        Some(t) => t.clone(),
        None => {
            check_data(&args.data)?;
            DataPaths::new(&args.data).uner_test()
        }
    };
    let sentences = with_hints(read_columns_file(&test, CorpusFormat::Uner)?, &gazetteer);
    let started = Instant::now();
    let eval = evaluate(recognizer, &sentences, &[NerType::Product]);
    print_evaluation(&test.display().to_string(), &eval);
    let words: usize = sentences.iter().map(|s| s.words.len()).sum();
    eprintln!("{words} words tagged in {:.0?}", started.elapsed());
    Ok(exit::OK)
}
