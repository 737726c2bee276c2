//! Entities end to end: `--explain-merges`, one node per actor across articles and in the seed
//! article, and `kgforge ner train` / `ner eval` on small fixture corpora.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn kgforge() -> Command {
    Command::cargo_bin("kgforge").unwrap()
}

fn json_of(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes).expect("valid JSON")
}

#[test]
fn explain_merges_lists_merges_inside_and_between_articles() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("news");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::write(
        articles.join("a.txt"),
        "Putin spoke with Italian Prime Minister Giuseppe Conte. The Kremlin said Putin offered help.",
    )
    .unwrap();
    std::fs::write(
        articles.join("b.txt"),
        "Russian President Vladimir Putin said the U.S. and America would get aid.",
    )
    .unwrap();
    let report = dir.path().join("merges.tsv");
    let out = kgforge()
        .args(["extract", "--quiet", "--explain-merges"])
        .arg(&report)
        .arg(&articles)
        .assert()
        .success();
    let graph = json_of(&out.get_output().stdout);
    let putin: Vec<_> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| {
            n["aliases"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a == "Putin" || a == "Vladimir Putin")
        })
        .collect();
    assert_eq!(putin.len(), 1, "{putin:?}");
    assert_eq!(putin[0]["id"], "vladimir-putin");
    assert_eq!(putin[0]["mentions"], 3);

    let text = std::fs::read_to_string(&report).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("scope\tdocument\tnode\talias\treason"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert!(rows.iter().all(|r| r.len() == 5), "{text}");
    // inside an article: the Kremlin is Russia
    assert!(
        rows.iter().any(|r| r[0] == "document"
            && r[1] == "a"
            && r[2] == "russia"
            && r[3] == "Kremlin"
            && r[4].contains("metonym")),
        "{text}"
    );
    assert!(
        rows.iter()
            .any(|r| r[0] == "document" && r[1] == "b" && r[3] == "America"),
        "{text}"
    );
    // between articles: "Putin" of a joined "Vladimir Putin" of b
    assert!(
        rows.iter().any(|r| r[0] == "graph"
            && r[2] == "vladimir-putin"
            && r[3] == "Putin"
            && r[4].starts_with("surname of Vladimir Putin")),
        "{text}"
    );

    // one graph per article: the report holds the merges inside each
    let per_article = dir.path().join("per-article.tsv");
    kgforge()
        .args(["extract", "--quiet", "--out-dir"])
        .arg(dir.path().join("out"))
        .arg("--explain-merges")
        .arg(&per_article)
        .arg(&articles)
        .assert()
        .success();
    let text = std::fs::read_to_string(&per_article).unwrap();
    assert!(
        text.lines().skip(1).all(|l| l.starts_with("document\t")),
        "{text}"
    );
    assert!(text.contains("\tb\t"), "{text}");
}

#[test]
fn the_seed_article_has_no_form_on_two_nodes() {
    let out = kgforge()
        .arg("extract")
        .arg(common::seed_path())
        .assert()
        .success();
    let graph = json_of(&out.get_output().stdout);
    let mut owner: BTreeMap<String, String> = BTreeMap::new();
    for n in graph["nodes"].as_array().unwrap() {
        let id = n["id"].as_str().unwrap().to_string();
        let forms: BTreeSet<String> = std::iter::once(&n["name"])
            .chain(n["aliases"].as_array().unwrap())
            .map(|f| {
                f.as_str()
                    .unwrap()
                    .to_lowercase()
                    .replace(['.', ' ', '-'], "")
            })
            .collect();
        for f in forms {
            if let Some(other) = owner.insert(f.clone(), id.clone()) {
                panic!("{f:?} names both {other} and {id}");
            }
        }
    }
    // the actors of the article are each one node
    for (form, id) in [
        ("putin", "vladimir-putin"),
        ("us", "united-states"),
        ("kremlin", "russia"),
        ("trump", "donald-trump"),
    ] {
        assert_eq!(owner.get(form).map(String::as_str), Some(id), "{form}");
    }
}

/// Writes a tiny copy of the shared data folder: a few sentences per corpus.
fn write_fixture_data(root: &Path) {
    let uner = root.join("uner_english/ewt");
    std::fs::create_dir_all(&uner).unwrap();
    let sentence = |words: &[(&str, &str)]| -> String {
        let mut s = String::from("# sent_id = x\n");
        for (k, (w, t)) in words.iter().enumerate() {
            s += &format!("{}\t{w}\t{t}\t-\t-\n", k + 1);
        }
        s + "\n"
    };
    let mut train = String::new();
    for (first, last, org, city) in [
        ("Anna", "Berg", "Volvo", "Malmo"),
        ("Tomas", "Lind", "Ericsson", "Uppsala"),
        ("Maria", "Holm", "Spotify", "Lund"),
        ("Erik", "Sund", "Skanska", "Kiruna"),
    ] {
        train += &sentence(&[
            (first, "B-PER"),
            (last, "I-PER"),
            ("works", "O"),
            ("for", "O"),
            (org, "B-ORG"),
            ("in", "O"),
            (city, "B-LOC"),
            (".", "O"),
        ]);
    }
    std::fs::write(
        uner.join("en_ewt-ud-train.draft-0c7ce0d.cleaned.iob2"),
        &train,
    )
    .unwrap();
    let test = sentence(&[
        ("Lena", "B-PER"),
        ("Dahl", "I-PER"),
        ("works", "O"),
        ("for", "O"),
        ("Saab", "B-ORG"),
        ("in", "O"),
        ("Umea", "B-LOC"),
        (".", "O"),
    ]);
    std::fs::write(uner.join("en_ewt-ud-dev.iob2"), &test).unwrap();
    std::fs::write(uner.join("en_ewt-ud-test.iob2"), &test).unwrap();
    let wnut = root.join("wnut17");
    std::fs::create_dir_all(&wnut).unwrap();
    for f in [
        "wnut17train.conll",
        "emerging.dev.conll",
        "emerging.test.annotated",
    ] {
        std::fs::write(
            wnut.join(f),
            "Apple\tB-corporation\nsold\tO\niPhones\tB-product\n\n",
        )
        .unwrap();
    }
    let wikigold = root.join("ner_misc_juand-r/wikigold");
    std::fs::create_dir_all(&wikigold).unwrap();
    std::fs::write(
        wikigold.join("wikigold.conll.txt"),
        "-DOCSTART- O\n\nJohn I-PER\nSmith I-PER\nvisited O\nParis I-LOC\n. O\n\n",
    )
    .unwrap();
    let re3d = root.join("re3d/original");
    let source = re3d.join("CENTCOM");
    std::fs::create_dir_all(&source).unwrap();
    std::fs::write(
        source.join("documents.json"),
        r#"{ "_id" : "d1", "text" : "Gen. Joseph Votel visited Baghdad." }"#,
    )
    .unwrap();
    std::fs::write(
        source.join("entities.json"),
        r#"{ "documentId" : "d1", "begin" : 5, "end" : 17, "type" : "Person", "confidence" : 1 }"#,
    )
    .unwrap();
    // the non-commercial part is never read: a broken file there changes nothing
    let bbc = re3d.join("BBC Online");
    std::fs::create_dir_all(&bbc).unwrap();
    std::fs::write(bbc.join("documents.json"), "not json").unwrap();
    std::fs::write(bbc.join("entities.json"), "not json").unwrap();
    let gum = root.join("ud_english_gum");
    std::fs::create_dir_all(&gum).unwrap();
    let gum_text = "# sent_id = g\n1\tKarin\tKarin\tPROPN\t_\t_\t0\troot\t_\tEntity=(1-person-new-nnnnn-cf1-1,2-coref\n2\tNyberg\tNyberg\tPROPN\t_\t_\t1\tflat\t_\tEntity=1)\n3\tlaughed\tlaugh\tVERB\t_\t_\t1\tdep\t_\t_\n\n";
    for s in ["train", "dev", "test"] {
        std::fs::write(gum.join(format!("en_gum-{s}.non-nc.conllu")), gum_text).unwrap();
    }
}

#[test]
fn ner_train_and_eval_on_fixture_corpora() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    write_fixture_data(&data);
    let model = dir.path().join("models/ner.bin");
    let out = kgforge()
        .args(["ner", "train", "--epochs", "5", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&model)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains("UNER EWT train: 4 sentences, 12 entities"),
        "{stderr}"
    );
    assert!(
        stderr.contains("re3d (no BBC): 1 sentences, 1 entities"),
        "{stderr}"
    );
    assert!(stderr.contains("pass 5/5"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(stdout.contains("UNER EWT test: 1 sentences"), "{stdout}");
    assert!(model.is_file());
    // the same data and options give the same model, byte for byte
    let again = dir.path().join("again.bin");
    kgforge()
        .args(["ner", "train", "--epochs", "5", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&again)
        .assert()
        .success();
    assert_eq!(
        std::fs::read(&model).unwrap(),
        std::fs::read(&again).unwrap()
    );
    // eval reads the model back and scores the test set: the frame was learnt
    let out = kgforge()
        .args(["ner", "eval", "--data"])
        .arg(&data)
        .arg("--model")
        .arg(&model)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    let f1: f64 = stdout
        .lines()
        .next()
        .and_then(|l| l.rsplit("F1 ").next())
        .and_then(|f| f.trim().parse().ok())
        .unwrap_or_else(|| panic!("no F1 in {stdout}"));
    assert!(f1 > 0.5, "{stdout}");
}

#[test]
fn ner_commands_report_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    kgforge()
        .args(["ner", "train", "--data"])
        .arg(dir.path().join("missing"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no such data folder"));
    let bad = dir.path().join("bad.bin");
    std::fs::write(&bad, b"not a model").unwrap();
    kgforge()
        .args(["ner", "eval", "--model"])
        .arg(&bad)
        .arg("--test")
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("model ner"));
    let data = dir.path().join("data");
    write_fixture_data(&data);
    std::fs::write(
        data.join("uner_english/ewt/en_ewt-ud-test.iob2"),
        "1\tword\n",
    )
    .unwrap();
    kgforge()
        .args(["ner", "eval", "--data"])
        .arg(&data)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("line 1"));
}

/// The nodes of one article: name → (type, aliases).
fn nodes_of(text: &str) -> BTreeMap<String, (String, BTreeSet<String>)> {
    let out = kgforge()
        .args(["extract", "--quiet", "-"])
        .write_stdin(text)
        .assert()
        .success();
    let graph = json_of(&out.get_output().stdout);
    graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            let aliases = n["aliases"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap().to_string())
                .collect();
            (
                n["name"].as_str().unwrap().to_string(),
                (n["type"].as_str().unwrap().to_string(), aliases),
            )
        })
        .collect()
}

#[test]
fn organisations_meet_their_acronyms_short_forms_and_former_names() {
    let nodes = nodes_of(
        "The song was certified by the Marlow Recording Association of America (MRAA) in May. \
         The House Ethics and Oversight Committee met on Tuesday. Minutes later the Oversight \
         Committee voted to refer the documents. The Veltra Constitution Party was founded in \
         1991 as the Tarvel Taxpayers Party. Their ship, MV Ada Brenner, was previously MV Piotr \
         Wenzel. Sea-Eye thanked Non-Governmental Organizations for their help.",
    );
    let names: Vec<&String> = nodes.keys().collect();
    // the acronym joins the body named in full, "of America" included
    let (kind, aliases) = &nodes["Marlow Recording Association of America"];
    assert_eq!(kind, "Organization");
    assert!(aliases.contains("MRAA"), "{aliases:?}");
    assert!(!nodes.contains_key("MRAA"), "{names:?}");
    // a name shortened by leaving words out is the body that holds them in order
    let (_, aliases) = &nodes["House Ethics and Oversight Committee"];
    assert!(aliases.contains("Oversight Committee"), "{aliases:?}");
    // a former name is an alias of the current one, which names the node
    let (_, aliases) = &nodes["Veltra Constitution Party"];
    assert!(aliases.contains("Tarvel Taxpayers Party"), "{aliases:?}");
    let (kind, aliases) = &nodes["MV Ada Brenner"];
    assert_eq!(kind, "Product");
    assert!(aliases.contains("MV Piotr Wenzel"), "{aliases:?}");
    // a kind of body is no body
    assert!(
        !names.iter().any(|n| n.contains("Non-Governmental")),
        "{names:?}"
    );
}

#[test]
fn two_bodies_a_short_name_could_be_keep_it_apart() {
    let nodes = nodes_of(
        "The House Harbour Committee and the Senate Harbour Committee met. The Harbour \
         Committee then adjourned.",
    );
    assert!(nodes.contains_key("House Harbour Committee"), "{nodes:?}");
    assert!(nodes.contains_key("Senate Harbour Committee"), "{nodes:?}");
    for name in ["House Harbour Committee", "Senate Harbour Committee"] {
        assert!(!nodes[name].1.contains("Harbour Committee"), "{nodes:?}");
    }
}

#[test]
fn connectors_inside_organisation_names_join_them() {
    let nodes = nodes_of(
        "The Commission on Coastal Erosion met the Food and Drug Administration. The Ana & \
         Piotr Wenzel Foundation paid. They met officials of the Native American Rights Fund, and \
         Senate Republicans objected, and Health Canada said nothing.",
    );
    let names: Vec<&String> = nodes.keys().collect();
    for name in [
        "Commission on Coastal Erosion",
        "Food and Drug Administration",
        "Ana & Piotr Wenzel Foundation",
        "Native American Rights Fund",
        "Senate",
        "Health Canada",
    ] {
        assert_eq!(
            nodes.get(name).map(|n| n.0.as_str()),
            Some("Organization"),
            "{name}: {names:?}"
        );
    }
    // "Senate Republicans": the Senate and the party's members, no third body
    assert!(!nodes.contains_key("Senate Republicans"), "{names:?}");
    assert!(nodes.contains_key("Republican Party"), "{names:?}");
    assert!(!nodes.contains_key("Drug Administration"), "{names:?}");
}

#[test]
fn a_short_given_name_meets_the_full_one_across_articles() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Nick Moreau, the mayor of Dorvale, spoke on Monday.",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        "Mayor Nicholas Moreau said the bridge would open. Anna Moreau disagreed.",
    )
    .unwrap();
    let out = kgforge()
        .args(["extract", "--quiet"])
        .arg(dir.path().join("a.txt"))
        .arg(dir.path().join("b.txt"))
        .assert()
        .success();
    let graph = json_of(&out.get_output().stdout);
    let people: Vec<&str> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["type"] == "Person")
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    assert_eq!(people.len(), 2, "{people:?}");
    assert!(people.contains(&"Anna Moreau"), "{people:?}");
}

#[test]
fn a_qualified_title_of_a_body_is_no_part_of_its_name() {
    let nodes = nodes_of("Ana Ruiz, Legal Director of the Marlow Harbour Trust, agreed on Monday.");
    let names: Vec<&String> = nodes.keys().collect();
    assert_eq!(
        nodes.get("Marlow Harbour Trust").map(|n| n.0.as_str()),
        Some("Organization"),
        "{names:?}"
    );
    assert!(!names.iter().any(|n| n.contains("Director")), "{names:?}");
}

#[test]
fn a_name_without_its_society_is_the_society() {
    let nodes = nodes_of(
        "The Marlow Heritage Society keeps the records. According to a report, the Marlow \
         Heritage maintains a database.",
    );
    assert_eq!(nodes.len(), 1, "{nodes:?}");
    let (kind, aliases) = &nodes["Marlow Heritage Society"];
    assert_eq!(kind, "Organization");
    assert!(aliases.contains("Marlow Heritage"), "{aliases:?}");
}
