//! Fuzz target `json_reader`: see `kgforge_fuzz::check_json_reader`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kgforge_fuzz::check_json_reader(data));
