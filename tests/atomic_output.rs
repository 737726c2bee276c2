//! Every file kgforge writes is written beside its target and renamed into place: a failed,
//! interrupted or killed run leaves the previous result whole (see `src/cli/output.rs`).
//! Faults are injected with `KGFORGE_FAIL_AT` at the worst moment: the new data is complete
//! but not yet renamed into place.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::Command;
use predicates::prelude::*;

fn kgforge() -> Command {
    Command::cargo_bin("kgforge").unwrap()
}

/// Every file below `dir` with its content, sorted by path.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.push((path.strip_prefix(dir).unwrap().to_path_buf(), Vec::new()));
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                out.push((path.strip_prefix(dir).unwrap().to_path_buf(), bytes));
            }
        }
    }
    out.sort();
    out
}

fn articles(dir: &Path) -> PathBuf {
    let articles = dir.join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::write(
        articles.join("a.txt"),
        "Russia sent medical supplies to Italy.",
    )
    .unwrap();
    std::fs::write(
        articles.join("b.txt"),
        "French President Emmanuel Macron met German Chancellor Angela Merkel in Berlin.",
    )
    .unwrap();
    articles
}

/// Runs `args` once normally (the "old" result), then again with the injected failure, and
/// checks that the failed run exits 1, names the failure and changes nothing on disk.
fn failed_run_changes_nothing(work: &Path, first: &[&str], second: &[&str]) {
    kgforge().current_dir(work).args(first).assert().success();
    let before = snapshot(work);
    kgforge()
        .current_dir(work)
        .args(second)
        .env("KGFORGE_FAIL_AT", "write")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("simulated failure"));
    assert_eq!(
        snapshot(work),
        before,
        "a failed run of {second:?} changed the files"
    );
}

#[test]
fn a_failed_write_leaves_the_old_file_and_no_temporary() {
    let work = tempfile::tempdir().unwrap();
    articles(work.path());
    std::fs::write(work.path().join("one.txt"), "Russia sent aid to Italy.").unwrap();
    // extract -o: the old graph is of one article, the failed run would have written two
    failed_run_changes_nothing(
        work.path(),
        &["extract", "-q", "one.txt", "-o", "graph.json"],
        &["extract", "-q", "articles", "-o", "graph.json"],
    );
    // --merge-into writes the graph back in place
    failed_run_changes_nothing(
        work.path(),
        &["extract", "-q", "one.txt", "--merge-into", "merged.json"],
        &["extract", "-q", "articles", "--merge-into", "merged.json"],
    );
    // --out-dir: one file per article
    failed_run_changes_nothing(
        work.path(),
        &["extract", "-q", "one.txt", "--out-dir", "per-article"],
        &["extract", "-q", "articles", "--out-dir", "per-article"],
    );
    // export -o, and the ego network of query
    failed_run_changes_nothing(
        work.path(),
        &[
            "export",
            "graph.json",
            "-f",
            "graphml",
            "-o",
            "graph.graphml",
        ],
        &[
            "export",
            "merged.json",
            "-f",
            "graphml",
            "-o",
            "graph.graphml",
        ],
    );
    failed_run_changes_nothing(
        work.path(),
        &["query", "graph.json", "ego", "Russia", "-o", "ego.json"],
        &["query", "graph.json", "ego", "Italy", "-o", "ego.json"],
    );
}

#[test]
fn a_failed_directory_export_leaves_every_old_table() {
    let work = tempfile::tempdir().unwrap();
    articles(work.path());
    std::fs::write(work.path().join("one.txt"), "Russia sent aid to Italy.").unwrap();
    failed_run_changes_nothing(
        work.path(),
        &["extract", "-q", "one.txt", "-f", "csv", "-o", "tables"],
        &["extract", "-q", "articles", "-f", "csv", "-o", "tables"],
    );
    // and a successful run replaces the tables together
    kgforge()
        .current_dir(work.path())
        .args(["extract", "-q", "articles", "-f", "csv", "-o", "tables"])
        .assert()
        .success();
    let nodes = std::fs::read_to_string(work.path().join("tables/nodes.csv")).unwrap();
    let documents = std::fs::read_to_string(work.path().join("tables/documents.csv")).unwrap();
    assert!(nodes.contains("Angela Merkel") && documents.contains("\nb,"));
    let names: Vec<String> = std::fs::read_dir(work.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(names.is_empty(), "temporaries left: {names:?}");
}

#[test]
fn a_directory_holding_other_files_is_refused_before_anything_is_written() {
    let work = tempfile::tempdir().unwrap();
    std::fs::write(work.path().join("one.txt"), "Russia sent aid to Italy.").unwrap();
    std::fs::create_dir(work.path().join("mine")).unwrap();
    std::fs::write(work.path().join("mine/notes.md"), "keep").unwrap();
    let before = snapshot(work.path());
    kgforge()
        .current_dir(work.path())
        .args(["extract", "-q", "one.txt", "-f", "csv", "-o", "mine"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("notes.md").and(predicate::str::contains("other files")));
    assert_eq!(snapshot(work.path()), before);
}

/// Starts `kgforge extract` paused just before its rename, sends `signal`, and returns its
/// exit status.
#[cfg(unix)]
fn signal_before_rename(work: &Path, args: &[&str], signal: &str) -> std::process::ExitStatus {
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("kgforge"))
        .current_dir(work)
        .args(args)
        .env("KGFORGE_FAIL_AT", "pause")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    loop {
        line.clear();
        assert!(
            stderr.read_line(&mut line).unwrap() > 0,
            "kgforge ended before the pause"
        );
        if line.contains("paused before rename") {
            break;
        }
    }
    let status = StdCommand::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    child.wait().unwrap()
}

#[cfg(unix)]
#[test]
fn an_interrupted_or_killed_write_leaves_the_old_result() {
    use std::os::unix::process::ExitStatusExt;
    let work = tempfile::tempdir().unwrap();
    articles(work.path());
    std::fs::write(work.path().join("one.txt"), "Russia sent aid to Italy.").unwrap();
    for (target, format) in [("graph.json", "json"), ("tables", "csv")] {
        let old = ["extract", "-q", "one.txt", "-f", format, "-o", target];
        let new = ["extract", "-q", "articles", "-f", format, "-o", target];
        kgforge()
            .current_dir(work.path())
            .args(old)
            .assert()
            .success();
        let before = snapshot(work.path());
        // Ctrl-C: the old result, no temporary, the documented exit code
        let status = signal_before_rename(work.path(), &new, "-INT");
        assert_eq!(status.code(), Some(130), "{status:?}");
        assert_eq!(snapshot(work.path()), before, "SIGINT changed {target}");
        // SIGTERM, as sent by a service manager or timeout(1)
        let status = signal_before_rename(work.path(), &new, "-TERM");
        assert_eq!(status.code(), Some(130), "{status:?}");
        assert_eq!(snapshot(work.path()), before, "SIGTERM changed {target}");
        // SIGKILL cannot be caught: the old result is whole, a temporary may be left beside it
        let status = signal_before_rename(work.path(), &new, "-KILL");
        assert_eq!(status.signal(), Some(9));
        let after = snapshot(work.path());
        let kept: Vec<_> = after
            .iter()
            .filter(|(p, _)| !p.to_string_lossy().starts_with("."))
            .cloned()
            .collect();
        assert_eq!(kept, before, "SIGKILL changed {target}");
        for (p, _) in after.iter().filter(|(p, _)| p.components().count() == 1) {
            let name = p.to_string_lossy();
            if name.starts_with('.') {
                assert!(name.contains(".kgforge-"), "unexpected leftover {name}");
                let path = work.path().join(p);
                if path.is_dir() {
                    std::fs::remove_dir_all(path).unwrap();
                } else {
                    std::fs::remove_file(path).unwrap();
                }
            }
        }
        // and the next run completes
        kgforge()
            .current_dir(work.path())
            .args(new)
            .assert()
            .success();
        assert_ne!(snapshot(work.path()), before);
    }
}
