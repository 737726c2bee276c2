//! Fuzz target `node_link_reader`: see `kgforge_fuzz::check_node_link_reader`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kgforge_fuzz::check_node_link_reader(data));
