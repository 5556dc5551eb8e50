//! libFuzzer entry point; the harness is `isms_fuzz::structured_document` (also replayed
//! over `fuzz/regressions/structured_document/` by `core/tests/fuzz_regressions.rs`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| isms_fuzz::structured_document(data));
