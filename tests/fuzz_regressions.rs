//! Every input a fuzzer found a bug with (`fuzz/regressions/<target>/`), and every seed of the
//! fuzz corpora (`fuzz/corpus/<target>/`), run through the same checks as the fuzz targets, so
//! that plain `cargo test` keeps them fixed without a nightly toolchain or cargo-fuzz.

#[allow(dead_code)]
#[path = "../fuzz/src/lib.rs"]
mod fuzz_checks;

use std::path::Path;

/// Runs `check` on every file in `dir`, naming the file when one fails.
fn run_all(dir: &Path, check: fn(&[u8])) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    for path in &paths {
        let data = std::fs::read(path).unwrap();
        let result = std::panic::catch_unwind(|| check(&data));
        assert!(result.is_ok(), "{} fails its check", path.display());
    }
    paths.len()
}

#[test]
fn fuzz_regressions_and_seeds_pass_their_checks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut seeds = 0;
    for (target, check) in fuzz_checks::TARGETS {
        seeds += run_all(&root.join("corpus").join(target), check);
        run_all(&root.join("regressions").join(target), check);
    }
    // the corpora are in the repository; an empty run would test nothing
    assert!(seeds >= fuzz_checks::TARGETS.len(), "{seeds} seeds found");
}

#[test]
fn every_fuzz_target_has_a_seed_corpus_and_a_binary() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    for (target, _) in fuzz_checks::TARGETS {
        assert!(
            root.join("fuzz_targets")
                .join(format!("{target}.rs"))
                .is_file(),
            "{target}"
        );
        assert!(
            manifest.contains(&format!("name = \"{target}\"")),
            "{target}"
        );
        let seeds = std::fs::read_dir(root.join("corpus").join(target))
            .map(|d| d.count())
            .unwrap_or(0);
        assert!(seeds > 0, "{target} has no seed corpus");
    }
}
