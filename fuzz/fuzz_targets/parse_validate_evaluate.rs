//! libFuzzer entry point; the harness is `isms_fuzz::parse_validate_evaluate` (also replayed
//! over `fuzz/regressions/parse_validate_evaluate/` by `core/tests/fuzz_regressions.rs`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| isms_fuzz::parse_validate_evaluate(data));
