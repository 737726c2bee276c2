//! `kgforge query` end to end: every subcommand in every format on the fixture graphs, and the
//! error cases (unknown, ambiguous and unconnected names, bad options, bad graphs).

mod common;

use std::path::PathBuf;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn kgforge() -> Command {
    Command::cargo_bin("kgforge").unwrap()
}

fn fixture(name: &str) -> PathBuf {
    common::root().join("tests/fixtures").join(name)
}

/// `kgforge query GRAPH ARGS...` on a fixture.
fn query(graph: &str, args: &[&str]) -> Command {
    let mut cmd = kgforge();
    cmd.arg("query").arg(fixture(graph)).args(args);
    cmd
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

fn json_of(cmd: &mut Command) -> Value {
    serde_json::from_str(&stdout_of(cmd)).expect("valid JSON")
}

/// CSV output as (header, rows).
fn csv_of(cmd: &mut Command) -> (Vec<String>, Vec<Vec<String>>) {
    let text = stdout_of(cmd);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// The table's lines, each split on runs of two or more spaces (the column gaps).
fn table_of(cmd: &mut Command) -> Vec<Vec<String>> {
    stdout_of(cmd)
        .lines()
        .map(|line| {
            line.split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(String::from)
                .collect()
        })
        .collect()
}

const SEED: &str = "russia-aid-us.json";
const HAND: &str = "handbuilt.json";

#[test]
fn neighbors_table_names_the_actor_and_lists_its_relations() {
    let table = table_of(&mut query(SEED, &["neighbors", "us", "--direction", "in"]));
    assert_eq!(
        table[0],
        ["United States (united-states, Country): 4 relation(s)"]
    );
    assert_eq!(
        table[1],
        [
            "id",
            "name",
            "type",
            "relation",
            "direction",
            "confidence",
            "mentions",
            "evidence"
        ]
    );
    let rows: Vec<(&str, &str, &str)> = table[2..]
        .iter()
        .map(|r| (r[0].as_str(), r[3].as_str(), r[4].as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("antonov-an-124-ruslan", "traveled-to", "in"),
            ("donald-trump", "leader-of", "in"),
            ("russia", "sent-aid-to", "in"),
            ("vladimir-putin", "requested", "in"),
        ]
    );
    // the evidence is the sentence, on one line
    assert_eq!(
        table[4][7],
        "Related article: Russia Sends Medical Aid to Coronavirus-Hit U.S., Trump Says"
    );
    // "U.S." and "united-states" are the same actor: the same answer
    let again = stdout_of(&mut query(
        SEED,
        &["neighbors", "U.S.", "--direction", "in"],
    ));
    let by_id = stdout_of(&mut query(
        SEED,
        &["neighbors", "united-states", "-d", "in"],
    ));
    assert_eq!(again, by_id);
}

#[test]
fn neighbors_filter_by_relation_or_entity_type_in_json_and_csv() {
    let rows = json_of(&mut query(
        SEED,
        &[
            "neighbors",
            "Russia",
            "--type",
            "Person",
            "--format",
            "json",
        ],
    ));
    let got: Vec<(&str, &str)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["relation"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            ("dmitry-peskov", "spokesperson-for"),
            ("donald-trump", "praised"),
            ("vladimir-putin", "leader-of"),
        ]
    );
    assert_eq!(rows[0]["confidence"], 0.85);
    let (header, rows) = csv_of(&mut query(
        SEED,
        &[
            "neighbors",
            "russia",
            "-t",
            "sent-aid-to",
            "-d",
            "out",
            "-f",
            "csv",
        ],
    ));
    assert_eq!(header[..5], ["id", "name", "type", "relation", "direction"]);
    let targets: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(targets, ["iran", "italy", "north-korea", "united-states"]);
    assert_eq!(rows[1][6], "2", "Italy's aid is stated twice");
}

#[test]
fn path_table_shows_each_step_its_direction_and_evidence() {
    let text = stdout_of(&mut query(SEED, &["path", "Antonov-124", "North Korea"]));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "Antonov AN-124 Ruslan - United States - Russia - North Korea (3 steps)"
    );
    assert!(lines[1].starts_with("1.  Antonov AN-124 Ruslan  -traveled-to->  United States"));
    assert!(
        text.contains("2.  United States  <-sent-aid-to-  Russia   (confidence 0.6)"),
        "{text}"
    );
    assert!(
        text.contains("3.  Russia  -sent-aid-to->  North Korea"),
        "{text}"
    );
    assert!(text.contains(
        "\"Last month, Russia said it had sent nearly 1,000 coronavirus testing kits to ex-Soviet states and countries including Iran and North Korea.\""
    ));
    assert!(text.contains("(russia-aid-us, sentence 7)"), "{text}");
}

#[test]
fn path_json_and_csv_keep_real_directions() {
    let answer = json_of(&mut query(
        HAND,
        &["path", "atlantis", "eva moss", "-f", "json"],
    ));
    assert_eq!(answer["from"], "atlantis");
    assert_eq!(answer["to"], "eva-moss");
    assert_eq!(answer["length"], 4);
    let steps: Vec<(String, String, String)> = answer["hops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let r = &h["relations"][0];
            (
                h["to"].as_str().unwrap().to_string(),
                r["relation"].as_str().unwrap().to_string(),
                r["direction"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        ("carpania", "criticized", "backward"),
        ("dorvia", "spoke-with", "symmetric"),
        ("eva-sand", "leader-of", "backward"),
        ("eva-moss", "spoke-with", "symmetric"),
    ];
    assert_eq!(
        steps,
        expected.map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    );
    assert_eq!(
        answer["hops"][0]["relations"][0]["evidence"],
        "Carpania criticized Atlantis over the delay."
    );
    // two relations link borduria and atlantis: both are rows of step 1, strongest first
    let (header, rows) = csv_of(&mut query(
        HAND,
        &["path", "borduria", "helvetia", "-f", "csv"],
    ));
    assert_eq!(
        header,
        [
            "step",
            "source",
            "relation",
            "target",
            "direction",
            "confidence",
            "mentions",
            "evidence",
            "document",
            "sentence"
        ]
    );
    let got: Vec<[&str; 5]> = rows
        .iter()
        .map(|r| [&*r[0], &*r[1], &*r[2], &*r[3], &*r[4]])
        .collect();
    assert_eq!(
        got,
        [
            ["1", "atlantis", "sent-aid-to", "borduria", "backward"],
            ["1", "borduria", "praised", "atlantis", "forward"],
            ["2", "atlantis", "sent-aid-to", "helvetia", "forward"],
        ]
    );
}

#[test]
fn rank_by_each_measure() {
    let table = table_of(&mut query(SEED, &["rank", "--top", "4"]));
    assert_eq!(table[0], ["rank", "id", "name", "type", "score"]);
    let got: Vec<(&str, &str)> = table[1..]
        .iter()
        .map(|r| (r[1].as_str(), r[4].as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("russia", "7"),
            ("united-states", "4"),
            ("donald-trump", "3"),
            ("vladimir-putin", "3")
        ]
    );
    let ranked = json_of(&mut query(
        SEED,
        &[
            "rank",
            "--by",
            "betweenness",
            "--top",
            "2",
            "--format",
            "json",
        ],
    ));
    assert_eq!(ranked.as_array().unwrap().len(), 2);
    assert_eq!(ranked[0]["id"], "russia");
    assert!((ranked[0]["score"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-12);
    assert_eq!(ranked[1]["id"], "united-states");
    assert!((ranked[1]["score"].as_f64().unwrap() - 7.0 / 66.0).abs() < 1e-12);
    let (_, rows) = csv_of(&mut query(
        HAND,
        &[
            "rank",
            "-b",
            "pagerank",
            "--directed",
            "-n",
            "0",
            "-f",
            "csv",
        ],
    ));
    assert_eq!(rows.len(), 8, "--top 0 lists every actor");
    let ids: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(
        ids,
        [
            "carpania", "dorvia", "atlantis", "borduria", "helvetia", "eva-sand", "eva-moss",
            "faro"
        ]
    );
    let table = table_of(&mut query(HAND, &["rank", "--by", "pagerank", "-n", "1"]));
    assert_eq!(table[1], ["1", "dorvia", "Dorvia", "Country", "0.17999"]);
}

#[test]
fn relations_filter_by_type_and_ends() {
    let table = table_of(&mut query(SEED, &["relations", "--type", "sent-aid-to"]));
    assert_eq!(
        table[0],
        [
            "source",
            "relation",
            "target",
            "symmetric",
            "confidence",
            "mentions",
            "evidence"
        ]
    );
    let targets: Vec<&str> = table[1..].iter().map(|r| r[2].as_str()).collect();
    assert_eq!(targets, ["iran", "italy", "north-korea", "united-states"]);
    // a symmetric relation is found from either end
    let rows = json_of(&mut query(
        SEED,
        &[
            "relations",
            "--from",
            "Putin",
            "--to",
            "Trump",
            "-f",
            "json",
        ],
    ));
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["source"], "donald-trump");
    assert_eq!(rows[0]["relation"], "spoke-with");
    assert_eq!(rows[0]["symmetric"], true);
    let (_, rows) = csv_of(&mut query(
        HAND,
        &["relations", "--to", "dorvia", "-f", "csv"],
    ));
    let sources: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(sources, ["carpania", "eva-sand", "helvetia"]);
    // nothing matches: a table that says so, exit 0
    let text = stdout_of(&mut query(
        HAND,
        &["relations", "--from", "faro", "--type", "attacked"],
    ));
    assert_eq!(text.trim(), "(none)");
}

#[test]
fn components_in_every_format() {
    let table = table_of(&mut query(SEED, &["components"]));
    assert_eq!(table[0], ["component", "size", "actors"]);
    assert_eq!(table.len(), 6);
    assert_eq!(table[1][1], "9");
    assert!(table[1][2].starts_with("antonov-an-124-ruslan, dmitry-peskov, donald-trump"));
    assert_eq!(table[2], ["2", "1", "agence-france-presse"]);
    let parts = json_of(&mut query(HAND, &["components", "--format", "json"]));
    assert_eq!(parts[1]["actors"], serde_json::json!(["faro"]));
    assert_eq!(parts[0]["size"], 7);
    let (_, rows) = csv_of(&mut query(HAND, &["components", "-f", "csv"]));
    assert_eq!(rows[1], ["2", "1", r#"["faro"]"#]);
}

#[test]
fn stats_in_every_format() {
    let table = table_of(&mut query(SEED, &["stats"]));
    let get = |key: &str| -> String {
        table
            .iter()
            .find(|r| r[0] == key)
            .unwrap_or_else(|| panic!("{key} in {table:?}"))[1]
            .clone()
    };
    assert_eq!(get("actors"), "13");
    assert_eq!(get("relations"), "11");
    assert_eq!(get("density"), "0.141026");
    assert_eq!(get("components"), "5");
    assert_eq!(get("largest component"), "9");
    assert_eq!(get("isolated"), "4");
    assert_eq!(
        get("actors by type"),
        "Country 5, Person 4, Organization 2, Location 1, Product 1"
    );
    assert!(get("top degrees").starts_with("Russia 7, United States 4, Donald Trump 3"));
    let stats = json_of(&mut query(
        HAND,
        &["stats", "--top", "2", "--format", "json"],
    ));
    assert_eq!(stats["actors"], 8);
    assert_eq!(stats["linked_pairs"], 8);
    assert_eq!(stats["relations_by_type"]["sent-aid-to"], 3);
    assert_eq!(
        stats["top_degrees"],
        serde_json::json!([
            {"id": "atlantis", "name": "Atlantis", "relations": 4},
            {"id": "borduria", "name": "Borduria", "relations": 3}
        ])
    );
    let (header, rows) = csv_of(&mut query(HAND, &["stats", "-f", "csv"]));
    assert_eq!(header, ["metric", "value"]);
    assert!(rows.contains(&vec!["actors_by_type.Person".to_string(), "2".to_string()]));
    assert!(rows.contains(&vec!["top_degrees.atlantis".to_string(), "4".to_string()]));
}

#[test]
fn ego_json_is_a_graph_that_query_reads_back() {
    let out = query(HAND, &["ego", "atlantis", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let graph: Value = serde_json::from_slice(&out).unwrap();
    let ids: Vec<&str> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["atlantis", "borduria", "carpania", "helvetia"]);
    assert_eq!(graph["edges"].as_array().unwrap().len(), 5);
    // piped back in through standard input
    let stats = kgforge()
        .args(["query", "-", "stats", "--format", "json"])
        .write_stdin(out)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let stats: Value = serde_json::from_slice(&stats).unwrap();
    assert_eq!(
        (stats["actors"].as_u64(), stats["relations"].as_u64()),
        (Some(4), Some(5))
    );
}

#[test]
fn ego_dot_is_the_neighbourhood_and_renders() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("putin.dot");
    query(SEED, &["ego", "Putin", "--depth", "1", "-o"])
        .arg(&path)
        .assert()
        .success()
        .stdout("");
    let dot = std::fs::read_to_string(&path).unwrap();
    assert!(dot.starts_with("digraph kgforge {"));
    for node in ["vladimir-putin", "donald-trump", "russia", "united-states"] {
        assert!(
            dot.contains(&format!("\"{node}\" [label=")),
            "{node} in\n{dot}"
        );
    }
    assert!(
        !dot.contains("\"italy\" [label="),
        "Italy is two steps away"
    );
    assert!(
        dot.contains("\"russia\" -> \"united-states\""),
        "relations among the neighbours"
    );
    let deeper = stdout_of(&mut query(SEED, &["ego", "Putin", "-d", "2"]));
    assert!(deeper.contains("\"italy\" [label="));
    if common::have_program("ego_dot_is_the_neighbourhood_and_renders", "dot", &["-V"]) {
        let out = std::process::Command::new("dot")
            .arg("-Tsvg")
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("Vladimir Putin"));
    }
}

#[test]
fn an_unknown_name_exits_1_with_the_closest_candidates() {
    query(SEED, &["neighbors", "Vladimir Puttin"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "no actor named \"Vladimir Puttin\" among the 13 actors of the graph; closest: Vladimir Putin (vladimir-putin, Person)",
        ));
    query(SEED, &["path", "Russia", "Atlantis"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no actor named \"Atlantis\""));
    query(SEED, &["relations", "--from", "zzzz"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no actor named \"zzzz\""));
    query(SEED, &["ego", "nobody"]).assert().code(1);
}

#[test]
fn an_ambiguous_name_exits_1_listing_the_actors() {
    query(HAND, &["neighbors", "Eva"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
        "\"Eva\" is ambiguous; it names: Eva Moss (eva-moss, Person), Eva Sand (eva-sand, Person)",
    ));
}

#[test]
fn unconnected_actors_have_no_path_and_exit_1() {
    query(HAND, &["path", "atlantis", "faro"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "no chain of relations links Atlantis (atlantis, Country) and Faro (faro, Location)",
        ));
}

#[test]
fn bad_types_options_and_graphs_are_clear_errors() {
    query(SEED, &["relations", "--type", "sent-aid"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "unknown or invalid relation type \"sent-aid\"",
        ));
    query(SEED, &["neighbors", "russia", "--type", "Planet"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "--type \"Planet\" is neither a relation type",
        ));
    query(SEED, &["neighbors", "russia", "--direction", "sideways"])
        .assert()
        .code(2);
    query(SEED, &["rank", "--by", "fame"]).assert().code(2);
    query(SEED, &[]).assert().code(2);
    kgforge()
        .args(["query", "/no/such/graph.json", "stats"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("/no/such/graph.json"));
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"nodes\": [\n  {\"id\": 3}\n]}").unwrap();
    kgforge()
        .arg("query")
        .arg(&bad)
        .arg("stats")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bad.json: line 2"));
}
