//! `kgforge extract` end to end: formats, inputs, outputs and bad input.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;

fn kgforge() -> Command {
    Command::cargo_bin("kgforge").unwrap()
}

fn json_of(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes).expect("valid JSON")
}

#[test]
fn json_on_stdout_has_nodes_edges_and_evidence() {
    let out = kgforge()
        .arg("extract")
        .arg(common::seed_path())
        .assert()
        .success();
    let graph = json_of(&out.get_output().stdout);
    let nodes = graph["nodes"].as_array().unwrap();
    assert!(nodes
        .iter()
        .any(|n| n["name"] == "Vladimir Putin" && n["type"] == "Person"));
    let edges = graph["edges"].as_array().unwrap();
    assert!(!edges.is_empty());
    for e in edges {
        let ev = &e["evidence"][0];
        assert!(
            ev["text"].is_string() && ev["start"].is_u64() && ev["end"].is_u64(),
            "{e}"
        );
    }
}

#[test]
fn stdin_and_dash_read_standard_input() {
    let text = "Russian President Vladimir Putin spoke with Donald Trump on Monday.";
    for args in [vec!["extract"], vec!["extract", "-"]] {
        let out = kgforge().args(&args).write_stdin(text).assert().success();
        let graph = json_of(&out.get_output().stdout);
        assert!(graph["edges"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["type"] == "spoke-with"));
    }
}

#[test]
fn dot_output_is_a_digraph_with_a_legend() {
    kgforge()
        .args(["extract", "--format", "dot"])
        .arg(common::seed_path())
        .assert()
        .success()
        .stdout(predicate::str::starts_with("digraph kgforge {"))
        .stdout(predicate::str::contains("cluster_legend"))
        .stdout(predicate::str::contains("label=\"sent-aid-to"));
}

#[test]
fn csv_writes_two_tables_into_the_output_directory() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tables");
    kgforge()
        .args(["extract", "--format", "csv", "-o"])
        .arg(&out)
        .arg(common::seed_path())
        .assert()
        .success();
    let mut nodes = csv::Reader::from_path(out.join("nodes.csv")).unwrap();
    assert_eq!(nodes.headers().unwrap().get(0), Some("id"));
    assert!(nodes.records().any(|r| r.unwrap().get(1) == Some("Italy")));
    let mut edges = csv::Reader::from_path(out.join("edges.csv")).unwrap();
    assert!(edges
        .records()
        .any(|r| r.unwrap().get(2) == Some("sent-aid-to")));
    kgforge()
        .args(["extract", "--format", "csv"])
        .arg(common::seed_path())
        .assert()
        .failure()
        .stderr(predicate::str::contains("-o DIR"));
}

#[test]
fn several_inputs_merge_unless_out_dir() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("sub/b.txt");
    std::fs::create_dir_all(b.parent().unwrap()).unwrap();
    std::fs::write(&a, "Italian Prime Minister Giuseppe Conte thanked Russia.").unwrap();
    std::fs::write(&b, "Russia sent medical supplies to Italy.").unwrap();
    // merged: Russia appears once, with both documents
    let out = kgforge().arg("extract").arg(dir.path()).assert().success();
    let graph = json_of(&out.get_output().stdout);
    let russia: Vec<_> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["id"] == "russia")
        .collect();
    assert_eq!(russia.len(), 1);
    assert_eq!(russia[0]["documents"].as_array().unwrap().len(), 2);
    // one graph per input, keeping the path below the directory
    let out_dir = dir.path().join("out");
    kgforge()
        .args(["extract", "--out-dir"])
        .arg(&out_dir)
        .arg(dir.path())
        .assert()
        .success();
    assert!(out_dir.join("a.json").is_file());
    let b_graph = json_of(&std::fs::read(out_dir.join("sub/b.json")).unwrap());
    assert!(b_graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["type"] == "sent-aid-to"));
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graph.json");
    kgforge()
        .args(["extract", "-o"])
        .arg(&path)
        .arg(common::seed_path())
        .assert()
        .success()
        .stdout("");
    let graph = json_of(&std::fs::read(&path).unwrap());
    assert!(!graph["nodes"].as_array().unwrap().is_empty());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name() != "graph.json")
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn missing_input_is_a_one_line_error() {
    let out = kgforge()
        .args(["extract", "no/such/article.txt"])
        .assert()
        .failure()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("no/such/article.txt"), "{stderr}");
}

#[test]
fn directory_without_text_files_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.md"), "x").unwrap();
    kgforge()
        .arg("extract")
        .arg(dir.path())
        .assert()
        .failure()
        .code(1)
        .stderr(predicate::str::contains("no .txt files"));
}

#[test]
fn invalid_utf8_is_refused_with_its_position_or_replaced_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"Russia sent aid\nto Italy \xFF today.").unwrap();
    kgforge()
        .arg("extract")
        .arg(&bad)
        .assert()
        .failure()
        .code(1)
        .stderr(
            predicate::str::contains("bad.txt").and(predicate::str::contains("line 2, column 10")),
        );
    kgforge()
        .args(["extract", "--lossy-utf8"])
        .arg(&bad)
        .assert()
        .success();
}

#[test]
fn binary_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("image.txt");
    std::fs::write(&bin, [0x89, b'P', b'N', b'G', 0, 0, 1]).unwrap();
    kgforge()
        .arg("extract")
        .arg(&bin)
        .assert()
        .failure()
        .stderr(predicate::str::contains("binary"));
}

#[test]
fn an_unreadable_file_is_skipped_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("good.txt"),
        "Russia sent medical supplies to Italy.",
    )
    .unwrap();
    std::fs::write(dir.path().join("bad.txt"), b"\xFF\xFE").unwrap();
    let out = kgforge()
        .arg("extract")
        .arg(dir.path())
        .assert()
        .failure()
        .code(1);
    let graph = json_of(&out.get_output().stdout);
    assert!(graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["id"] == "italy"));
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains("bad.txt") && stderr.contains("1 of 2"),
        "{stderr}"
    );
}

#[test]
fn empty_input_gives_an_empty_graph_and_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "  \n").unwrap();
    let out = kgforge()
        .arg("extract")
        .arg(&empty)
        .assert()
        .success()
        .stderr(predicate::str::contains("empty"));
    let graph = json_of(&out.get_output().stdout);
    assert_eq!(graph["nodes"].as_array().unwrap().len(), 0);
}

#[test]
fn help_teaches_with_examples_and_exit_codes() {
    kgforge()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:").and(predicate::str::contains("Exit codes")));
    kgforge()
        .args(["extract", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--out-dir"));
    kgforge()
        .args(["extract", "--format", "nope"])
        .assert()
        .failure()
        .code(2);
}

fn write_corpus(dir: &std::path::Path) {
    let texts = [
        "Russia sent medical supplies to Italy.",
        "Italian Prime Minister Giuseppe Conte thanked Russia.",
        "French President Emmanuel Macron met German Chancellor Angela Merkel in Berlin.",
        "Russian President Vladimir Putin spoke with Donald Trump on Monday.",
        "The United States sent aid to Haiti.",
    ];
    for (i, t) in texts.iter().enumerate() {
        std::fs::write(dir.join(format!("{i}.txt")), t).unwrap();
    }
}

#[test]
fn summary_line_and_no_progress_bar_when_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let out = kgforge().arg("extract").arg(dir.path()).assert().success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(
        lines[0].starts_with("kgforge: 5 articles, ")
            && lines[0].contains(" nodes, ")
            && lines[0].contains("articles/s"),
        "{stderr}"
    );
    assert!(
        !stderr.contains('\u{1b}'),
        "no terminal control codes: {stderr:?}"
    );
    kgforge()
        .args(["extract", "--quiet"])
        .arg(dir.path())
        .assert()
        .success()
        .stderr("");
}

#[test]
fn thread_count_does_not_change_the_merged_graph() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(dir.path());
    let one = kgforge()
        .args(["extract", "-q", "-j", "1"])
        .arg(dir.path())
        .assert()
        .success();
    let two = kgforge()
        .args(["extract", "-q", "-j", "2"])
        .arg(dir.path())
        .assert()
        .success();
    assert_eq!(one.get_output().stdout, two.get_output().stdout);
}

#[test]
fn merge_into_adds_new_articles_and_ignores_repeats() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    write_corpus(&corpus);
    let graph = dir.path().join("graph.json");
    let first = corpus.join("0.txt");
    kgforge()
        .args(["extract", "-q", "--merge-into"])
        .arg(&graph)
        .arg(&first)
        .assert()
        .success();
    let after_first = std::fs::read(&graph).unwrap();
    // the same article again changes nothing
    kgforge()
        .args(["extract", "-q", "--merge-into"])
        .arg(&graph)
        .arg(&first)
        .assert()
        .success();
    assert_eq!(std::fs::read(&graph).unwrap(), after_first);
    // a new article adds to the graph; the result equals extracting both at once
    kgforge()
        .args(["extract", "-q", "--merge-into"])
        .arg(&graph)
        .arg(corpus.join("1.txt"))
        .assert()
        .success();
    let both = json_of(&std::fs::read(&graph).unwrap());
    let together_dir = dir.path().join("together");
    std::fs::create_dir(&together_dir).unwrap();
    std::fs::copy(corpus.join("0.txt"), together_dir.join("0.txt")).unwrap();
    std::fs::copy(corpus.join("1.txt"), together_dir.join("1.txt")).unwrap();
    let together = kgforge()
        .args(["extract", "-q"])
        .arg(&together_dir)
        .assert()
        .success();
    assert_eq!(both, json_of(&together.get_output().stdout));
    let russia = both["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "russia")
        .unwrap()
        .clone();
    assert_eq!(russia["documents"].as_array().unwrap().len(), 2);
}

#[test]
fn evidence_is_capped_and_counts_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..5 {
        std::fs::write(
            dir.path().join(format!("{i}.txt")),
            format!("Report {i}. Russia sent medical supplies to Italy."),
        )
        .unwrap();
    }
    let out = kgforge()
        .args(["extract", "-q", "--max-evidence", "2"])
        .arg(dir.path())
        .assert()
        .success();
    let graph = json_of(&out.get_output().stdout);
    let edge = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["type"] == "sent-aid-to")
        .unwrap()
        .clone();
    assert_eq!(edge["mentions"], 5);
    assert_eq!(edge["documents"].as_array().unwrap().len(), 5);
    assert_eq!(edge["evidence"].as_array().unwrap().len(), 2);
}

#[test]
fn models_from_a_directory_replace_the_built_in_ones() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models");
    let dir = tempfile::tempdir().unwrap();
    for name in ["lexicon.bin", "tagger.bin", "parser.bin"] {
        std::fs::copy(root.join(name), dir.path().join(name)).unwrap();
    }
    let built_in = kgforge()
        .args(["extract", "--quiet"])
        .arg(common::seed_path())
        .assert()
        .success();
    let from_dir = kgforge()
        .args(["extract", "--quiet", "--models"])
        .arg(dir.path())
        .arg(common::seed_path())
        .assert()
        .success();
    assert_eq!(
        json_of(&built_in.get_output().stdout),
        json_of(&from_dir.get_output().stdout)
    );

    // a damaged parser is refused with the directory named, not used
    std::fs::write(dir.path().join("parser.bin"), b"not a model").unwrap();
    let out = kgforge()
        .args(["extract", "--quiet", "--models"])
        .arg(dir.path())
        .arg(common::seed_path())
        .assert()
        .failure();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains(&dir.path().display().to_string()),
        "{stderr}"
    );
    assert!(out.get_output().stdout.is_empty());
}
