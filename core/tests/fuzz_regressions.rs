//! Replays every input kept under `fuzz/regressions/<target>/` (crashes,
//! hangs and silent changes the fuzzers found, each fixed) through the very
//! harness the cargo-fuzz target of that name runs (`fuzz/src/harness.rs`,
//! included here by path), so a regression fails plain `cargo test` without
//! libFuzzer or a nightly feature. The harness panics exactly when it finds a
//! bug; every file is run and all failures are reported together.
//!
//! To keep a new finding: copy the artifact libFuzzer wrote
//! (`fuzz/artifacts/<target>/crash-*`, ideally minimised with
//! `-minimize_crash=1`) to `fuzz/regressions/<target>/<what-it-broke>`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]
#[path = "../../fuzz/src/harness.rs"]
mod harness;
#[cfg(feature = "yaml")]
#[path = "../../fuzz/src/yaml_folder.rs"]
mod yaml_folder;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

type Harness = fn(&[u8]);

const TARGETS: &[(&str, Harness)] = &[
    ("parse_validate_evaluate", harness::parse_validate_evaluate),
    ("structured_document", harness::structured_document),
    ("engine_ops", harness::engine_ops),
    ("nc_transitions", harness::nc_transitions),
    ("fair_model", harness::fair_model),
    #[cfg(feature = "yaml")]
    ("yaml_folder", yaml_folder::yaml_folder),
];

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz")
}

/// Every file of `dir` (sorted), `.keep` placeholders aside.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != ".keep"))
        .collect();
    files.sort();
    files
}

/// Runs `inputs` through `run`, returning one line per input that panicked.
fn replay(target: &str, run: Harness, inputs: &[PathBuf]) -> Vec<String> {
    let mut failures = Vec::new();
    for path in inputs {
        let data = std::fs::read(path).unwrap();
        if let Err(panic) = catch_unwind(AssertUnwindSafe(|| run(&data))) {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            let message: String = message.chars().take(600).collect();
            failures.push(format!("{target}: {}: {message}", path.display()));
        }
    }
    failures
}

#[test]
fn every_kept_fuzz_input_passes_its_harness() {
    let mut failures = Vec::new();
    let mut replayed = 0;
    for (target, run) in TARGETS {
        let files = inputs(&fuzz_dir().join("regressions").join(target));
        replayed += files.len();
        failures.extend(replay(target, *run, &files));
    }
    assert!(failures.is_empty(), "{} of {replayed} kept fuzz inputs fail:\n{}", failures.len(), failures.join("\n"));
}

/// The seed corpora pass too (they are what every fuzzing run starts from).
#[test]
fn seed_inputs_pass_their_harness() {
    let mut failures = Vec::new();
    for (target, run) in TARGETS {
        failures.extend(replay(target, *run, &inputs(&fuzz_dir().join("seeds").join(target))));
    }
    assert!(failures.is_empty(), "seed inputs fail:\n{}", failures.join("\n"));
}

/// Empty and tiny inputs exercise every harness's defaults.
#[test]
fn trivial_inputs_pass_every_harness() {
    for (_, run) in TARGETS {
        for data in [&b""[..], b"\0", b"\xff", b"{}", &[0x55; 64]] {
            run(data);
        }
    }
}

/// A directory under `fuzz/regressions/` names a target, so no kept input
/// is silently never replayed.
#[test]
fn regression_directories_name_targets() {
    for entry in std::fs::read_dir(fuzz_dir().join("regressions")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        // `yaml_folder` is replayed only with the core's `yaml` feature.
        let gated = name == "yaml_folder" && cfg!(not(feature = "yaml"));
        assert!(gated || TARGETS.iter().any(|(t, _)| *t == name), "fuzz/regressions/{name} is not a fuzz target");
    }
}
