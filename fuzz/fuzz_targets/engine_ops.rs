//! libFuzzer entry point; the harness is `isms_fuzz::engine_ops` (also replayed
//! over `fuzz/regressions/engine_ops/` by `core/tests/fuzz_regressions.rs`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| isms_fuzz::engine_ops(data));
