//! Hostile input: binary files, NUL bytes, oversized inputs, a line without spaces, one endless
//! sentence, and malformed, truncated or deeply nested graphs. Each gets a clear error naming
//! where the problem is (or is extracted in bounded pieces) and never a panic. Inputs are
//! generated here; speed and memory are measured in `benches/`, not asserted in tests.

use std::io::Cursor;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

use kgforge::export::{csv, graphml, json, node_link};
use kgforge::schema::Schema;
use kgforge::text::MAX_SENTENCE_TOKENS;

fn kgforge() -> Command {
    Command::cargo_bin("kgforge").unwrap()
}

fn no_panic() -> impl Predicate<str> {
    predicate::str::contains("panicked").not()
}

#[test]
fn binary_files_and_nul_bytes_are_refused_with_their_position() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("picture.txt");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    kgforge()
        .args(["extract", "-q"])
        .arg(&png)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("picture.txt")
                .and(predicate::str::contains("binary data"))
                .and(predicate::str::contains("line 3, column 1"))
                .and(no_panic()),
        );
    kgforge()
        .args(["extract", "-q", "-"])
        .write_stdin(&b"Russia sent aid.\nto It\0aly"[..])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("<stdin>")
                .and(predicate::str::contains("NUL byte at line 2, column 6")),
        );
}

#[test]
fn inputs_over_the_size_limit_are_refused_and_the_limit_can_be_raised() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("long.txt");
    let text = "Russia sent aid to Italy. ".repeat(40); // 1040 bytes
    std::fs::write(&article, &text).unwrap();
    kgforge()
        .args(["extract", "-q", "--max-bytes", "1000"])
        .arg(&article)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("long.txt")
                .and(predicate::str::contains("limit of 1000 bytes"))
                .and(predicate::str::contains("--max-bytes")),
        );
    kgforge()
        .args(["extract", "-q", "--max-bytes", "1040"])
        .arg(&article)
        .assert()
        .success();
    // standard input is limited the same way
    kgforge()
        .args(["extract", "-q", "--max-bytes", "10"])
        .write_stdin(text)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "<stdin>: larger than the limit of 10 bytes",
        ));
}

#[test]
fn a_five_megabyte_line_without_spaces_is_extracted() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("line.txt");
    let mut text = String::from("Russia sent aid to Italy. ");
    while text.len() < 5 * 1024 * 1024 {
        text.push_str("RussiaItaly,Putin.Trump-é");
    }
    text.push_str(" Italy thanked Russia.");
    std::fs::write(&article, &text).unwrap();
    let out = kgforge()
        .args(["extract", "-q"])
        .arg(&article)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let graph: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let ids: Vec<&str> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    // the sentences around the line are still read
    assert!(ids.contains(&"russia") && ids.contains(&"italy"), "{ids:?}");
}

#[test]
fn one_endless_sentence_is_cut_into_bounded_pieces() {
    // no full stop at all: without a cap this is one sentence of 40,000 tokens
    let text = "Russia sent aid to Italy and France and ".repeat(5_000);
    let out = kgforge()
        .args(["extract", "-q", "-"])
        .write_stdin(text)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let graph: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let edges = graph["edges"].as_array().unwrap();
    assert!(!edges.is_empty());
    for e in edges {
        for ev in e["evidence"].as_array().unwrap() {
            let words = ev["text"].as_str().unwrap().split_whitespace().count();
            assert!(words <= MAX_SENTENCE_TOKENS, "evidence of {words} words");
        }
    }
}

fn schema() -> Schema {
    Schema::embedded().unwrap()
}

#[test]
fn deeply_nested_json_is_an_error_with_its_position_not_a_stack_overflow() {
    let schema = schema();
    // inside a node (where the reader expects a string), under an unknown key (whose value is
    // skipped), open and closed: an error with its position, or a graph; never a crash
    for open in ["[", "{\"a\":"] {
        let close = if open == "[" { "]" } else { "}" };
        let depth = 1_000_000;
        for text in [
            format!("{{\"nodes\": [{{\"id\": {}", open.repeat(depth)),
            format!("{{\"nodes\": [], \"x\": {}", open.repeat(depth)),
        ] {
            let err = json::from_json(text.as_bytes(), Path::new("deep.json"), &schema)
                .unwrap_err()
                .to_string();
            assert!(err.starts_with("deep.json: line 1, column "), "{err}");
            let err = node_link::from_node_link(text.as_bytes(), Path::new("deep.json"), &schema)
                .unwrap_err()
                .to_string();
            assert!(err.contains("line 1"), "{err}");
        }
        let closed = format!(
            "{{\"nodes\": [], \"edges\": [], \"x\": {}1{}}}",
            open.repeat(depth),
            close.repeat(depth)
        );
        let graph = json::from_json(closed.as_bytes(), Path::new("deep.json"), &schema).unwrap();
        assert_eq!(graph.node_count(), 0);
    }
    // the same through the command line
    kgforge()
        .args(["export", "-", "-f", "dot"])
        .write_stdin(format!("{{\"x\": {}", "[".repeat(100_000)))
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("<stdin>: line 1, column 100006")
                .and(predicate::str::contains("EOF"))
                .and(no_panic()),
        );
}

#[test]
fn truncated_and_malformed_json_graphs_name_line_and_column() {
    let schema = schema();
    let whole = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/handbuilt.json"),
    )
    .unwrap();
    let cut = &whole[..whole.len() / 2];
    let line = cut.lines().count();
    let err = json::from_json(cut.as_bytes(), Path::new("cut.json"), &schema)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with(&format!("cut.json: line {line}, column ")) && err.contains("EOF"),
        "{err}"
    );
    let err = json::from_json(
        &b"{\"nodes\": [\n  {\"id\": \"a\",, }\n]}"[..],
        Path::new("bad.json"),
        &schema,
    )
    .unwrap_err()
    .to_string();
    assert!(err.starts_with("bad.json: line 2, column 14"), "{err}");
    // content errors name the file too
    let err = json::from_json(
        &br#"{"nodes": [{"id": "a", "name": "A", "type": "Alien"}], "edges": []}"#[..],
        Path::new("alien.json"),
        &schema,
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.starts_with("alien.json: ") && err.contains("Alien"),
        "{err}"
    );
}

#[test]
fn graphml_errors_name_line_and_column_and_deep_nesting_is_harmless() {
    let schema = schema();
    let text = "<?xml version=\"1.0\"?>\n<graphml>\n  <graph edgedefault=\"directed\">\n    <node id=\"a\"><data key=\"n_name\">A</data\n</graphml>\n";
    let err = graphml::from_graphml(Cursor::new(text), Path::new("bad.graphml"), &schema)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("bad.graphml: GraphML: line 4, column "),
        "{err}"
    );
    // a million open elements: no recursion, and a file that ends inside one is truncated
    let deep = format!("<graphml>\n{}", "<a>".repeat(1_000_000));
    let err = graphml::from_graphml(Cursor::new(deep), Path::new("deep.graphml"), &schema)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("deep.graphml: GraphML: line 2, column ") && err.contains("truncated"),
        "{err}"
    );
    let whole = kgforge::export::graphml::to_graphml(
        &json::from_json(
            std::fs::File::open(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/handbuilt.json"),
            )
            .unwrap(),
            Path::new("handbuilt.json"),
            &schema,
        )
        .unwrap(),
    );
    let cut = &whole[..whole.len() * 2 / 3];
    let err = graphml::from_graphml(Cursor::new(cut), Path::new("cut.graphml"), &schema)
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("cut.graphml: GraphML: line "), "{err}");
}

#[test]
fn csv_errors_name_the_table_and_line() {
    let schema = schema();
    let nodes = "id,name,type,aliases,mentions,documents\nrussia,Russia,Country,[],1,[]\nitaly,\"Italy,Country,[],1,[]\n";
    let edges = "source,target,type,symmetric,confidence,mentions,documents,evidence\n";
    let err = csv::from_csv(
        (Box::new(nodes.as_bytes()), Path::new("t/nodes.csv")),
        (Box::new(edges.as_bytes()), Path::new("t/edges.csv")),
        None,
        &schema,
    )
    .unwrap_err()
    .to_string();
    assert!(err.starts_with("t/nodes.csv: CSV: "), "{err}");
    let edges = "source,target,type,symmetric,confidence,mentions,documents,evidence\nrussia,nowhere,sent-aid-to,false,0.5,1,[],[]\n";
    let nodes = "id,name,type,aliases,mentions,documents\nrussia,Russia,Country,[],1,[]\n";
    let err = csv::from_csv(
        (Box::new(nodes.as_bytes()), Path::new("t/nodes.csv")),
        (Box::new(edges.as_bytes()), Path::new("t/edges.csv")),
        None,
        &schema,
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.starts_with("t: CSV: ") && err.contains("nowhere"),
        "{err}"
    );
}

#[test]
fn merging_into_a_graph_with_huge_counts_saturates_instead_of_overflowing() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Russia sent medical supplies to Italy.";
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    std::fs::write(dir.path().join("b.txt"), text).unwrap();
    let graph_path = dir.path().join("graph.json");
    kgforge()
        .args(["extract", "-q", "-o"])
        .arg(&graph_path)
        .arg(dir.path().join("a.txt"))
        .assert()
        .success();
    let mut graph: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&graph_path).unwrap()).unwrap();
    let huge = u64::MAX - 1;
    for key in ["nodes", "edges"] {
        for item in graph[key].as_array_mut().unwrap() {
            item["mentions"] = huge.into();
        }
    }
    assert!(!graph["edges"].as_array().unwrap().is_empty());
    std::fs::write(&graph_path, serde_json::to_vec(&graph).unwrap()).unwrap();
    kgforge()
        .args(["extract", "-q", "--merge-into"])
        .arg(&graph_path)
        .arg(dir.path().join("b.txt"))
        .assert()
        .success()
        .stderr(no_panic());
    let merged: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&graph_path).unwrap()).unwrap();
    let russia = merged["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "russia")
        .unwrap();
    assert_eq!(russia["mentions"].as_u64(), Some(u64::MAX));
    assert!(merged["edges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["mentions"].as_u64() == Some(u64::MAX)));
}

/// The codes listed in a block of text: lines starting with a number (help) or `| N |` (README).
fn listed_codes(text: &str) -> Vec<u32> {
    text.lines()
        .filter_map(|l| {
            let l = l.trim().trim_start_matches('|').trim();
            let digits: String = l.chars().take_while(char::is_ascii_digit).collect();
            let rest = &l[digits.len()..];
            (!digits.is_empty() && (rest.starts_with("  ") || rest.starts_with(" |")))
                .then(|| digits.parse().unwrap())
        })
        .collect()
}

#[test]
fn every_help_and_the_readme_list_the_same_exit_codes() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = readme
        .split("### Exit codes")
        .nth(1)
        .and_then(|s| s.split("\n### ").next())
        .expect("README has an Exit codes section");
    let documented = listed_codes(section);
    assert_eq!(documented, [0, 1, 2, 3, 4, 5, 130]);
    for sub in [
        None,
        Some("extract"),
        Some("export"),
        Some("query"),
        Some("push"),
    ] {
        let mut cmd = kgforge();
        cmd.args(sub).arg("--help");
        let out = cmd.assert().success().get_output().stdout.clone();
        let help = String::from_utf8(out).unwrap();
        let table = help
            .split("Exit codes (every subcommand):")
            .nth(1)
            .unwrap_or_else(|| panic!("{sub:?} --help has no exit codes"));
        assert_eq!(listed_codes(table), documented, "{sub:?} --help");
    }
}
