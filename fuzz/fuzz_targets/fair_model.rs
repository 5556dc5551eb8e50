//! libFuzzer entry point; the harness is `isms_fuzz::fair_model` (also replayed
//! over `fuzz/regressions/fair_model/` by `core/tests/fuzz_regressions.rs`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| isms_fuzz::fair_model(data));
