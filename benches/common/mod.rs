//! The benchmark corpus shared by the benches: `$KGFORGE_BENCH_CORPUS`, else the Wikinews
//! corpus beside the checkout, else `examples/`.

use std::path::PathBuf;

/// The corpus directory and its articles as `(name, text)`, in file order.
pub fn articles() -> (PathBuf, Vec<(String, String)>) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let candidates = [
        std::env::var_os("KGFORGE_BENCH_CORPUS").map(PathBuf::from),
        Some(root.join("../shared/corpus/wikinews")),
        Some(root.join("../../shared/corpus/wikinews")),
        Some(root.join("examples")),
    ];
    let dir = candidates
        .into_iter()
        .flatten()
        .find(|d| d.is_dir())
        .expect("a corpus directory");
    let inputs = kgforge::input::collect(std::slice::from_ref(&dir)).expect("text files");
    let articles = inputs
        .iter()
        .map(|i| {
            let text = kgforge::input::read_text(i, Default::default()).expect("readable");
            (i.name.clone(), text)
        })
        .collect();
    (dir, articles)
}
