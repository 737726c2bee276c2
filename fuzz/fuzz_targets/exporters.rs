//! Fuzz target `exporters`: see `kgforge_fuzz::check_exporters`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kgforge_fuzz::check_exporters(data));
