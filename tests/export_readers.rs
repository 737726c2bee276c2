//! Every export format read by the program people read it with: NetworkX (GraphML, node-link),
//! Graphviz (DOT, SVG), Python's XML parser (SVG), jsonschema (JSON). Each test skips, saying
//! so, when its program is missing, and is mandatory under `KGFORGE_REQUIRE_EXTERNAL=1` (CI).

mod common;
mod hostile;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use kgforge::export::{self, dot, escape, graphml, json, node_link, render, Exported, Format};
use kgforge::graph::KnowledgeGraph;
use kgforge::schema::Schema;

fn schema() -> Arc<Schema> {
    Arc::new(Schema::embedded().unwrap())
}

fn reader_script() -> PathBuf {
    common::root().join("tests/readers/read_graph.py")
}

/// Runs the reader script; returns its standard output, failing the test on a non-zero exit.
fn python(args: &[&std::ffi::OsStr]) -> Vec<u8> {
    let out = Command::new("python3")
        .arg(reader_script())
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "read_graph.py {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn graphs() -> Vec<(&'static str, KnowledgeGraph)> {
    let schema = schema();
    vec![
        ("seed", hostile::seed_graph(schema.clone())),
        ("hostile", hostile::hostile_graph(&schema)),
    ]
}

#[test]
fn networkx_reads_graphml_and_node_link_with_every_value_intact() {
    let test = "networkx_reads_graphml_and_node_link_with_every_value_intact";
    if !common::have_python_modules(test, &["networkx"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (name, graph) in graphs() {
        let expected: serde_json::Value = serde_json::from_str(&json::to_json(&graph)).unwrap();
        let files = [
            (
                "graphml",
                dir.path().join(format!("{name}.graphml")),
                graphml::to_graphml(&graph),
            ),
            (
                "node-link",
                dir.path().join(format!("{name}.node-link.json")),
                node_link::to_node_link(&graph).into_bytes(),
            ),
        ];
        for (mode, path, bytes) in files {
            std::fs::write(&path, bytes).unwrap();
            let seen = python(&[mode.as_ref(), path.as_os_str()]);
            let seen: serde_json::Value = serde_json::from_slice(&seen).unwrap();
            assert_eq!(
                seen["nodes"], expected["nodes"],
                "{name} {mode}: nodes as NetworkX sees them"
            );
            assert_eq!(seen["edges"], expected["edges"], "{name} {mode}: edges");
            assert_eq!(
                seen["documents"], expected["documents"],
                "{name} {mode}: documents"
            );
        }
    }
}

#[test]
fn exported_json_matches_its_json_schema() {
    let test = "exported_json_matches_its_json_schema";
    if !common::have_python_modules(test, &["jsonschema"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let schema_file = common::root().join("schema/graph.schema.json");
    let mut paths = Vec::new();
    for (name, graph) in graphs() {
        let path = dir.path().join(format!("{name}.json"));
        std::fs::write(&path, json::to_json(&graph)).unwrap();
        paths.push(path);
    }
    let mut args: Vec<&std::ffi::OsStr> = vec!["schema".as_ref(), schema_file.as_os_str()];
    args.extend(paths.iter().map(|p| p.as_os_str()));
    python(&args);

    // the schema is strict enough to catch a graph that is not kgforge's
    let mut broken: serde_json::Value =
        serde_json::from_str(&json::to_json(&graphs()[0].1)).unwrap();
    broken["nodes"][0].as_object_mut().unwrap().remove("type");
    broken["edges"][0]["confidence"] = serde_json::json!(1.5);
    broken["edges"][0]["evidence"][0]["page"] = serde_json::json!(3);
    let bad = dir.path().join("broken.json");
    std::fs::write(&bad, serde_json::to_vec(&broken).unwrap()).unwrap();
    let out = Command::new("python3")
        .arg(reader_script())
        .args(["schema".as_ref(), schema_file.as_os_str(), bad.as_os_str()])
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "the broken graph passed: {report}");
    for what in ["'type' is a required property", "1.5", "'page'"] {
        assert!(report.contains(what), "{what} not reported:\n{report}");
    }
}

/// Graphviz's `-Tjson` view of a DOT text.
fn graphviz_json(dot_text: &str) -> serde_json::Value {
    let bytes = render::render(dot_text, "json").expect("dot renders the graph");
    serde_json::from_slice(&bytes).expect("Graphviz wrote valid JSON")
}

/// A DOT label as Graphviz holds it after parsing, turned back into the text kgforge meant:
/// `\\` and `\n` as Graphviz's label rules read them, `&amp;`, then the `\u{HEX}` unescape.
fn label_value(parsed: &str) -> String {
    let mut out = String::new();
    let mut chars = parsed.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('\\') => out.push('\\'),
                Some('n') => out.push('\n'),
                other => panic!("unexpected escape {other:?} in {parsed:?}"),
            },
            (c, false) => out.push(c),
        }
    }
    escape::unescape(&out.replace("&amp;", "&")).into_owned()
}

/// The lines Graphviz draws for a label: what the `\u{HEX}`-escaped text shows, line by line.
fn drawn_lines(value: &str) -> Vec<String> {
    escape::escape(value, escape::dot_cannot_hold)
        .split('\n')
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

#[test]
fn graphviz_reads_and_draws_every_name() {
    let test = "graphviz_reads_and_draws_every_name";
    if !common::have_program(test, "dot", &["-V"]) {
        return;
    }
    let schema = schema();
    for (name, graph) in graphs() {
        let view = graphviz_json(&dot::to_dot(&graph, &schema));
        let objects = view["objects"].as_array().unwrap();
        // gvid -> the actor's name, for every non-legend node
        let mut names_by_gvid = BTreeMap::new();
        let mut names = BTreeSet::new();
        for o in objects {
            if o.get("nodes").is_some() {
                continue; // a subgraph: the legend cluster
            }
            let label = o["label"].as_str().unwrap();
            let gvid = o["_gvid"].as_u64().unwrap();
            if o["name"].as_str().is_some_and(|n| n.contains("legend: ")) {
                continue;
            }
            let value = label_value(label);
            let drawn: Vec<String> = o["_ldraw_"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default() // an empty label draws nothing
                .iter()
                .filter(|op| op["op"] == "T")
                .map(|op| op["text"].as_str().unwrap().to_string())
                .filter(|t| !t.is_empty())
                .collect();
            assert_eq!(
                drawn,
                drawn_lines(&value),
                "{name}: drawn text of {value:?}"
            );
            names_by_gvid.insert(gvid, value.clone());
            names.insert(value);
        }
        let expected: BTreeSet<String> = graph.nodes().iter().map(|n| n.name.clone()).collect();
        assert_eq!(names, expected, "{name}: Graphviz's nodes are the actors");
        // every edge joins the right actors with the right label
        let mut edges = BTreeSet::new();
        for e in view["edges"].as_array().unwrap() {
            let tail = &names_by_gvid[&e["tail"].as_u64().unwrap()];
            let head = &names_by_gvid[&e["head"].as_u64().unwrap()];
            let label = e["label"].as_str().unwrap();
            let relation = label.split(' ').next().unwrap().to_string();
            edges.insert((tail.clone(), relation, head.clone()));
        }
        let expected: BTreeSet<(String, String, String)> = graph
            .edges()
            .iter()
            .map(|(s, e, t)| (s.name.clone(), e.relation_type.to_string(), t.name.clone()))
            .collect();
        assert_eq!(edges, expected, "{name}: Graphviz's edges");
    }
}

#[test]
fn svg_export_is_well_formed_xml_showing_every_name() {
    let test = "svg_export_is_well_formed_xml_showing_every_name";
    if !common::have_program(test, "dot", &["-V"]) || !common::have_python_modules(test, &[]) {
        return;
    }
    let schema = schema();
    let dir = tempfile::tempdir().unwrap();
    for (name, graph) in graphs() {
        let Exported::File(svg) = export::export(&graph, &schema, Format::Svg).unwrap() else {
            panic!("svg is one file");
        };
        let path = dir.path().join(format!("{name}.svg"));
        std::fs::write(&path, &svg).unwrap();
        // expat, a strict XML 1.0 parser, reads it; the texts are the names' lines
        let texts: Vec<String> =
            serde_json::from_slice(&python(&["svg-text".as_ref(), path.as_os_str()])).unwrap();
        // Graphviz keeps runs of spaces visible in SVG by writing " &#160;" for "  "
        let no_break = |t: &str| t.replace('\u{A0}', " ");
        let texts: BTreeSet<String> = texts.iter().map(|t| no_break(t)).collect();
        for node in graph.nodes() {
            for line in drawn_lines(&node.name).iter().map(|l| no_break(l)) {
                assert!(
                    texts.contains(&line),
                    "{name}: {line:?} is not drawn in the SVG"
                );
            }
        }
    }
    // PNG: a real image
    let Exported::File(png) = export::export(&graphs()[0].1, &schema, Format::Png).unwrap() else {
        panic!("png is one file");
    };
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
}

#[test]
fn graphml_with_hostile_names_parses_in_a_strict_xml_parser() {
    // NetworkX's reader above uses expat too; this says which file failed in a plain way
    let test = "graphml_with_hostile_names_parses_in_a_strict_xml_parser";
    if !common::have_python_modules(test, &[]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.graphml");
    std::fs::write(&path, graphml::to_graphml(&graphs()[1].1)).unwrap();
    let out = Command::new("python3")
        .args([
            "-c",
            "import sys, xml.etree.ElementTree as ET; ET.parse(sys.argv[1])",
        ])
        .arg(Path::new(&path))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
