//! libFuzzer entry point; the harness is `isms_fuzz::yaml_folder` (`src/yaml_folder.rs`, also replayed
//! over `fuzz/regressions/yaml_folder/` by `core/tests/fuzz_regressions.rs` with the core's `yaml` feature).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| isms_fuzz::yaml_folder(data));
