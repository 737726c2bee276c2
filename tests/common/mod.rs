//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod bolt;

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

/// Set by `.ci/run`: tests that need outside programs must run instead of skipping.
pub const REQUIRE_ENV: &str = "KGFORGE_REQUIRE_EXTERNAL";

/// Fails the test with the command's stderr unless it exited with success.
#[track_caller]
pub fn assert_success(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed article shipped in `examples/`.
pub fn seed_path() -> PathBuf {
    root().join("examples/russia-aid-us.txt")
}

/// Whether an outside program answers `program ARGS`. When it does not, says so on the real
/// standard error (not captured by the test harness) and returns false, or fails the test when
/// `KGFORGE_REQUIRE_EXTERNAL=1` (as in CI).
pub fn have_program(test: &str, program: &str, args: &[&str]) -> bool {
    let ok = Command::new(program)
        .args(args)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        skip(test, &format!("`{program}` is not installed"));
    }
    ok
}

/// Reports a skipped test, or fails it when outside programs are required.
pub fn skip(test: &str, why: &str) {
    if std::env::var(REQUIRE_ENV).is_ok_and(|v| v == "1") {
        panic!("{test}: {why}, and {REQUIRE_ENV}=1 requires it");
    }
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test}: {why} (run .ci/run to install it)"
    );
}

/// Whether `python3` runs and can import every module in `modules`; otherwise reports the test
/// as skipped (or fails it under `KGFORGE_REQUIRE_EXTERNAL=1`).
pub fn have_python_modules(test: &str, modules: &[&str]) -> bool {
    let code = format!(
        "import sys{}",
        modules.iter().map(|m| format!(", {m}")).collect::<String>()
    );
    let ok = Command::new("python3")
        .args(["-c", &code])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        let what = if modules.is_empty() {
            "`python3` is not installed".to_string()
        } else {
            format!("`python3` with {} is not installed", modules.join(", "))
        };
        skip(test, &what);
    }
    ok
}
