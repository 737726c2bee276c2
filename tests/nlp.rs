//! The NLP models end to end: the Annotator on news sentences, `kgforge nlp eval` and `parse`,
//! and the accuracy targets on UD English EWT test (when the treebank is on this machine).

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use kgforge::doc::{Document, Upos};
use kgforge::nlp::{conllu, Annotator};
use kgforge::pipeline::Component;

fn kgforge() -> Command {
    Command::cargo_bin("kgforge").expect("the kgforge binary")
}

fn fixture() -> PathBuf {
    common::root().join("tests/fixtures/nlp/small.conllu")
}

/// A document segmented by kgforge's tokenizer and annotated by the built-in models.
fn annotate(text: &str) -> Document {
    let mut doc = Document::new("t", text);
    kgforge::text::segment(&mut doc);
    Annotator::load()
        .expect("built-in models")
        .process(&mut doc)
        .expect("annotates");
    doc
}

fn token(doc: &Document, word: &str) -> usize {
    (0..doc.tokens.len())
        .find(|&i| doc.token_text(i) == word)
        .unwrap_or_else(|| panic!("no token {word:?}"))
}

#[test]
fn annotator_reads_who_sent_what_to_whom() {
    let doc = annotate(
        "Russia has previously sent medical supplies and experts to coronavirus-hit Italy.",
    );
    let (russia, sent, supplies, to, italy) = (
        token(&doc, "Russia"),
        token(&doc, "sent"),
        token(&doc, "supplies"),
        token(&doc, "to"),
        token(&doc, "Italy"),
    );
    let t = &doc.tokens;
    assert_eq!(t[sent].head, None, "sent is the root");
    assert_eq!(t[sent].deprel, "root");
    assert_eq!(
        (t[russia].head, t[russia].deprel.as_str()),
        (Some(sent), "nsubj")
    );
    assert_eq!(
        (t[supplies].head, t[supplies].deprel.as_str()),
        (Some(sent), "obj")
    );
    assert_eq!(
        (t[italy].head, t[italy].deprel.as_str()),
        (Some(sent), "obl")
    );
    assert_eq!((t[to].head, t[to].deprel.as_str()), (Some(italy), "case"));
    assert_eq!(t[sent].lemma, "send");
    assert_eq!(t[supplies].lemma, "supply");
    assert_eq!(t[russia].upos, Upos::Propn);
    assert_eq!(t[sent].upos, Upos::Verb);
    assert_eq!(t[sent].xpos, "VBN");
    // "coronavirus-hit" is one token, as the extractor needs, and modifies Italy
    let hit = token(&doc, "coronavirus-hit");
    assert_eq!(t[hit].head, Some(italy));
    assert!(
        ["VBN", "JJ"].contains(&t[hit].xpos.as_str()),
        "a noun-participle compound, not an infinitive: {}",
        t[hit].xpos
    );
}

#[test]
fn hyphenated_participles_are_never_base_form_verbs() {
    let doc = annotate(
        "Aid went to flood-hit Pakistan and to Kremlin-backed media. \
         She wants to test-drive the car.",
    );
    for word in ["flood-hit", "Kremlin-backed"] {
        let xpos = &doc.tokens[token(&doc, word)].xpos;
        assert!(["VBN", "JJ"].contains(&xpos.as_str()), "{word}: {xpos}");
    }
    // "drive" is no participle: a compound verb stays a verb
    assert_eq!(doc.tokens[token(&doc, "test-drive")].xpos, "VB");
}

#[test]
fn heads_are_document_indices_within_the_sentence() {
    let doc = annotate("The talks ended. Putin spoke with Trump on Monday and left.");
    assert_eq!(doc.sentences.len(), 2);
    for (s, sentence) in doc.sentences.iter().enumerate() {
        let range = sentence.token_range();
        let roots = range
            .clone()
            .filter(|&i| doc.tokens[i].head.is_none())
            .count();
        assert_eq!(roots, 1, "sentence {s} has one root");
        for i in range.clone() {
            let tok = &doc.tokens[i];
            assert!(!tok.deprel.is_empty() && !tok.lemma.is_empty() && !tok.xpos.is_empty());
            if let Some(h) = tok.head {
                assert!(range.contains(&h) && h != i, "head of {i} is {h}");
            }
        }
    }
    let (spoke, trump) = (token(&doc, "spoke"), token(&doc, "Trump"));
    assert_eq!(doc.tokens[trump].head, Some(spoke));
    assert_eq!(doc.tokens[trump].deprel, "obl");
    assert_eq!(doc.tokens[token(&doc, "Putin")].deprel, "nsubj");
}

#[test]
fn eval_scores_the_fixture_as_json() {
    let out = kgforge()
        .args(["nlp", "eval", "--json", "--conllu"])
        .arg(fixture())
        .output()
        .unwrap();
    common::assert_success(&out);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["words"], 45);
    assert_eq!(v["sentences"], 5);
    let score = |k: &str| v[k].as_f64().unwrap_or_else(|| panic!("no {k}"));
    // simple news sentences: the models should get nearly all of them right
    assert!(score("upos") >= 90.0, "{v}");
    assert!(score("uas") >= 85.0, "{v}");
    assert!(score("las") >= 80.0, "{v}");
    assert!(score("las") <= score("uas") && score("uas") <= 100.0);
}

#[test]
fn eval_errors_name_the_file_and_line() {
    let out = kgforge()
        .args(["nlp", "eval", "--conllu", "no/such/file.conllu"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no/such/file.conllu"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");

    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.conllu");
    std::fs::write(
        &bad,
        "# text = a\n1\ta\ta\tX\t_\t_\t0\troot\t_\t_\n2\tb\tb\tX\n",
    )
    .unwrap();
    let out = kgforge()
        .args(["nlp", "eval", "--conllu"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.conllu:3"), "{err}");
    assert!(err.contains("10 tab-separated columns"), "{err}");
}

#[test]
fn parse_prints_conllu_that_reads_back() {
    let out = kgforge()
        .args(["nlp", "parse"])
        .write_stdin("The U.S. sent 1,000 kits to Mr. Smith's Antonov-124 crew.\nThey cannot stay.")
        .output()
        .unwrap();
    common::assert_success(&out);
    let text = String::from_utf8(out.stdout).unwrap();
    let sentences = conllu::parse_str("stdout", &text).expect("valid CoNLL-U");
    assert_eq!(sentences.len(), 2);
    let forms = sentences[0].forms();
    assert!(forms.contains(&"U.S.") && forms.contains(&"1,000") && forms.contains(&"Antonov-124"));
    assert_eq!(sentences[1].forms(), ["They", "can", "not", "stay", "."]);
    for s in &sentences {
        assert!(s.text().is_some());
        assert_eq!(s.words.iter().filter(|w| w.head == Some(0)).count(), 1);
        assert!(s
            .words
            .iter()
            .all(|w| w.upos().is_some() && w.deprel != "_"));
    }
    assert_eq!(sentences[0].surface_text(), sentences[0].text().unwrap());
}

/// Rows and kilobytes `nlp prune` reports: (tagger rows, move rows, label rows).
fn pruned_rows(stdout: &[u8]) -> (usize, usize, usize) {
    let text = String::from_utf8_lossy(stdout);
    let after = |line: &str, what: &str| -> usize {
        let at = line
            .find(what)
            .unwrap_or_else(|| panic!("{what} in {line}"));
        let rest = &line[at + what.len()..];
        rest.trim_start()
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let tagger = text.lines().find(|l| l.starts_with("tagger:")).unwrap();
    let parser = text.lines().find(|l| l.starts_with("parser:")).unwrap();
    let labels = &parser[parser.find("move rows,").unwrap()..];
    (
        after(tagger, "->"),
        after(parser, "->"),
        after(labels, "->"),
    )
}

#[test]
fn prune_makes_smaller_models_and_low_cuts_change_nothing() {
    let models = common::root().join("models");
    let dir = tempfile::tempdir().unwrap();
    let (same, small) = (dir.path().join("same"), dir.path().join("small"));
    // cuts below the ones the models were trained with drop nothing: the same bytes
    let out = kgforge()
        .args([
            "nlp", "prune", "--tagger", "0.5", "--parser", "0.5", "--models",
        ])
        .arg(&models)
        .arg("--out")
        .arg(&same)
        .output()
        .unwrap();
    common::assert_success(&out);
    let full = pruned_rows(&out.stdout);
    for name in ["lexicon.bin", "tagger.bin", "parser.bin"] {
        assert!(
            std::fs::read(models.join(name)).unwrap() == std::fs::read(same.join(name)).unwrap(),
            "{name} changed"
        );
    }
    let out = kgforge()
        .args(["nlp", "prune", "--tagger", "3", "--parser", "3", "--models"])
        .arg(&models)
        .arg("--out")
        .arg(&small)
        .output()
        .unwrap();
    common::assert_success(&out);
    let cut = pruned_rows(&out.stdout);
    assert!(
        cut.0 < full.0 && cut.1 < full.1 && cut.2 < full.2,
        "{full:?} -> {cut:?}"
    );
    for name in ["tagger.bin", "parser.bin"] {
        let size = |d: &Path| std::fs::metadata(d.join(name)).unwrap().len();
        assert!(size(&small) < size(&models), "{name} is smaller");
    }
    // the smaller models still read a sentence
    let out = kgforge()
        .args(["nlp", "parse", "--models"])
        .arg(&small)
        .write_stdin("Russia sent aid to Italy.")
        .output()
        .unwrap();
    common::assert_success(&out);
    let text = String::from_utf8(out.stdout).unwrap();
    let sentences = conllu::parse_str("stdout", &text).expect("valid CoNLL-U");
    assert_eq!(
        sentences[0].forms(),
        ["Russia", "sent", "aid", "to", "Italy", "."]
    );
}

#[test]
fn prune_refuses_bad_cuts_and_missing_models() {
    let dir = tempfile::tempdir().unwrap();
    let out = kgforge()
        .args(["nlp", "prune", "--tagger=-1", "--models"])
        .arg(common::root().join("models"))
        .arg("--out")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--tagger"));
    let out = kgforge()
        .args(["nlp", "prune", "--parser", "2", "--models"])
        .arg(dir.path().join("nothing"))
        .arg("--out")
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("lexicon.bin"));
    assert!(!dir.path().join("out").exists(), "nothing written");
}

#[test]
fn parse_refuses_a_missing_file() {
    let out = kgforge()
        .args(["nlp", "parse", "missing.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.txt"));
}

/// The shipped models' accuracy on UD English EWT test, on gold tokenization, against the
/// project's targets: UPOS 95.5, UAS 86 and LAS 83 (the models reach 95.92 / 86.55 / 83.64,
/// models/MODELS.md).
#[test]
fn ewt_test_scores_hold() {
    let test = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/ud_english_ewt/en_ewt-ud-test.conllu");
    let test = std::env::var_os("KGFORGE_EWT_TEST")
        .map(PathBuf::from)
        .unwrap_or_else(|| test.to_path_buf());
    if !test.is_file() {
        // the treebank is data, not an installable program: skip even under CI's
        // KGFORGE_REQUIRE_EXTERNAL, and say so
        eprintln!(
            "SKIPPED ewt_test_scores_hold: {} not found (set KGFORGE_EWT_TEST to the EWT test file)",
            test.display()
        );
        return;
    }
    let gold = conllu::read_file(&test).expect("readable treebank");
    let scores = Annotator::load().expect("built-in models").evaluate(&gold);
    eprintln!("EWT test: {scores:?}");
    assert!(scores.upos >= 95.5, "UPOS {:.2} < 95.5", scores.upos);
    assert!(scores.uas >= 86.0, "UAS {:.2} < 86", scores.uas);
    assert!(scores.las >= 83.0, "LAS {:.2} < 83", scores.las);
}

#[test]
fn help_of_nlp_and_its_subcommands_teaches() {
    let help = |args: &[&str]| {
        let out = kgforge().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let nlp = help(&["nlp", "--help"]);
    assert!(
        nlp.contains("Examples:") && nlp.contains("extract --models"),
        "{nlp}"
    );
    let train = help(&["nlp", "train", "--help"]);
    assert!(
        train.contains("--with-dev --parser-classes") && train.contains("--models DIR"),
        "{train}"
    );
    assert!(help(&["nlp", "eval", "--help"]).contains("gold tokenization"));
    assert!(help(&["nlp", "parse", "--help"]).contains("CoNLL-U"));
    assert!(help(&["nlp", "prune", "--help"]).contains("--tagger-prune"));
}
