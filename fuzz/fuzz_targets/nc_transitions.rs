//! libFuzzer entry point; the harness is `isms_fuzz::nc_transitions` (also replayed
//! over `fuzz/regressions/nc_transitions/` by `core/tests/fuzz_regressions.rs`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| isms_fuzz::nc_transitions(data));
