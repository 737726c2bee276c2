//! Fuzz target `graphml_reader`: see `kgforge_fuzz::check_graphml_reader`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kgforge_fuzz::check_graphml_reader(data));
