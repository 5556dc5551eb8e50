//! The conformance vectors (`tests/vectors/<case>/`): every case runs
//! through [`isms_core::engine::call_document`] and its output must equal the
//! expected file byte for byte. The CLI (`cli/tests/vectors.rs`) and the
//! Python package (`bindings/python/tests/test_vectors.py`) run the same
//! cases; later bindings add their own runner.
//!
//! A case is a directory holding `case.json` (`{"operation": ..., "document":
//! "examples/x.json"}`, the document optional or given instead as
//! `document.json` in the case), an optional `request.json` (raw text, `{}`
//! when absent) and exactly one expected file: `expected.<ext>` (the
//! extension names the request's format) or `error.json` (the error report).
//! `UPDATE_VECTORS=1 cargo test -p isms-core --test vectors` rewrites the
//! expected files; a stale, missing or orphaned file fails the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// One case, loaded.
struct Case {
    dir: PathBuf,
    operation: String,
    document: Option<String>,
    request: String,
}

fn load(dir: &Path) -> Case {
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("case.json")).unwrap_or_else(|e| {
            panic!("{}: no readable case.json: {e}", dir.display());
        }))
        .unwrap_or_else(|e| panic!("{}/case.json: {e}", dir.display()));
    let operation =
        meta["operation"].as_str().unwrap_or_else(|| panic!("{}: case.json has no operation", dir.display()));
    let inline = dir.join("document.json");
    let document = match meta.get("document").and_then(|d| d.as_str()) {
        Some(path) => Some(std::fs::read_to_string(root().join(path)).unwrap()),
        None if inline.exists() => Some(std::fs::read_to_string(&inline).unwrap()),
        None => None,
    };
    let request = std::fs::read_to_string(dir.join("request.json")).unwrap_or_else(|_| "{}".into());
    Case { dir: dir.to_path_buf(), operation: operation.to_owned(), document, request }
}

/// The extension of the expected file for a request's format.
fn extension(request: &str) -> &'static str {
    let format = serde_json::from_str::<serde_json::Value>(request)
        .ok()
        .and_then(|v| v.get("format").and_then(|f| f.as_str().map(str::to_owned)))
        .unwrap_or_else(|| "json".into());
    match format.as_str() {
        "text" => "txt",
        "csv" => "csv",
        "markdown" | "md" => "md",
        "html" => "html",
        "svg" => "svg",
        "mermaid" => "mmd",
        "ical" | "ics" => "ics",
        _ => "json",
    }
}

fn cases() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("tests/vectors"))
        .expect("tests/vectors exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn every_vector_matches_the_engine_byte_for_byte() {
    let update = std::env::var_os("UPDATE_VECTORS").is_some();
    let dirs = cases();
    assert!(dirs.len() >= 60, "at least 60 conformance cases, found {}", dirs.len());
    let mut failures = Vec::new();
    let mut operations = std::collections::BTreeSet::new();
    for dir in &dirs {
        let case = load(dir);
        operations.insert(case.operation.clone());
        let (name, output) =
            match isms_core::engine::call_document(case.document.as_deref(), &case.operation, &case.request) {
                Ok(text) => (format!("expected.{}", extension(&case.request)), text),
                Err(e) => ("error.json".to_owned(), isms_core::engine::error_json(&e)),
            };
        let allowed = ["case.json", "request.json", "document.json", name.as_str()];
        let orphans: Vec<String> = std::fs::read_dir(&case.dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|f| !allowed.contains(&f.as_str()))
            .collect();
        if update {
            for o in &orphans {
                std::fs::remove_file(case.dir.join(o)).unwrap();
            }
            std::fs::write(case.dir.join(&name), &output).unwrap();
            continue;
        }
        if !orphans.is_empty() {
            failures.push(format!("{}: orphaned file(s) {orphans:?} (the case produces {name})", dir.display()));
        }
        match std::fs::read(case.dir.join(&name)) {
            Ok(expected) if expected == output.as_bytes() => {}
            Ok(_) => failures.push(format!("{}: output differs from {name}", dir.display())),
            Err(_) => failures.push(format!("{}: {name} is missing", dir.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "{} vector(s) fail:\n  {}\nIf the change is intended: UPDATE_VECTORS=1 cargo test -p isms-core --test vectors",
        failures.len(),
        failures.join("\n  ")
    );
    // Every operation of the table has at least one case.
    let missing: Vec<&str> =
        isms_core::engine::operations().iter().map(|o| o.name).filter(|n| !operations.contains(*n)).collect();
    assert!(missing.is_empty(), "operations without a conformance vector: {missing:?}");
}
