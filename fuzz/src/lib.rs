//! The fuzz harnesses of isms-core, one function per cargo-fuzz target.
//!
//! They live in a library (and in one file, `harness.rs`) so that the same
//! code runs under libFuzzer (`fuzz_targets/*.rs`) and under plain
//! `cargo test`, which replays every kept input of `fuzz/regressions/<target>/`
//! (`core/tests/fuzz_regressions.rs` includes `harness.rs`, and
//! `yaml_folder.rs` when the core is built with its `yaml` feature).
mod harness;
mod yaml_folder;
pub use harness::*;
pub use yaml_folder::*;
