//! Graphviz renders the DOT export (skipped, and said so, when `dot` is not installed).

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

#[test]
fn graphviz_renders_the_seed_graph() {
    if !common::have_program("graphviz_renders_the_seed_graph", "dot", &["-V"]) {
        return;
    }
    let dot = Command::new(env!("CARGO_BIN_EXE_kgforge"))
        .args(["extract", "--format", "dot"])
        .arg(common::seed_path())
        .output()
        .unwrap();
    assert!(dot.status.success());
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&dot.stdout).unwrap();
    let svg = child.wait_with_output().unwrap();
    assert!(
        svg.status.success(),
        "dot failed: {}",
        String::from_utf8_lossy(&svg.stderr)
    );
    let svg = String::from_utf8(svg.stdout).unwrap().replace("&#45;", "-");
    assert!(svg.contains("<svg") && svg.contains("Vladimir Putin") && svg.contains("sent-aid-to"));
}
