//! Fuzz target `extract_bytes`: see `kgforge_fuzz::check_extract_bytes`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kgforge_fuzz::check_extract_bytes(data));
