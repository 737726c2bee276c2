//! Fuzz target `csv_reader`: see `kgforge_fuzz::check_csv_reader`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kgforge_fuzz::check_csv_reader(data));
