//! The conformance vectors through the `isms` binary: every case through
//! `isms call` (the generic entry point; stdout must equal the expected file
//! byte for byte, exit 0, or exit 2 with the error report), and the cases
//! that name a regular command (`"cli"` in `case.json`) through that command
//! too, so `isms check`, `isms soa --format csv`, ... print exactly what the
//! engine renders. The expected files are written by the core's runner
//! (`UPDATE_VECTORS=1 cargo test -p isms-core --test vectors`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn expected(dir: &Path) -> (PathBuf, bool) {
    let error = dir.join("error.json");
    if error.exists() {
        return (error, false);
    }
    let file = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("expected.")))
        .unwrap_or_else(|| panic!("{}: no expected file", dir.display()));
    (file, true)
}

#[test]
fn every_vector_through_isms_call_and_the_named_commands() {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("tests/vectors"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 60, "found {} cases", dirs.len());
    let mut failures = Vec::new();
    let mut commands = 0;
    for dir in &dirs {
        let meta: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("case.json")).unwrap())
            .unwrap_or_else(|e| panic!("{}/case.json: {e}", dir.display()));
        let op = meta["operation"].as_str().unwrap();
        let document = match meta.get("document").and_then(|d| d.as_str()) {
            Some(path) => Some(root().join(path)),
            None => Some(dir.join("document.json")).filter(|p| p.exists()),
        };
        let request = dir.join("request.json");
        let (file, ok) = expected(dir);
        let want = std::fs::read(&file).unwrap();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_isms"));
        cmd.arg("call").arg(op);
        if let Some(d) = &document {
            cmd.arg(d);
        }
        let out = cmd.arg("--request").arg(format!("@{}", request.display())).current_dir(root()).output().unwrap();
        let code = out.status.code();
        if out.stdout != want || code != Some(if ok { 0 } else { 2 }) {
            failures.push(format!(
                "{}: `isms call {op}` exit {code:?}, output {} {}",
                dir.display(),
                if out.stdout == want { "matches" } else { "differs from" },
                file.display()
            ));
        }
        let Some(argv) = meta.get("cli").and_then(|c| c.as_array()) else { continue };
        commands += 1;
        let args: Vec<String> = argv
            .iter()
            .map(|a| {
                let a = a.as_str().unwrap();
                if a == "$DOC" { document.as_ref().unwrap().display().to_string() } else { a.to_owned() }
            })
            .collect();
        let out = Command::new(env!("CARGO_BIN_EXE_isms")).args(&args).current_dir(root()).output().unwrap();
        if out.stdout != want {
            failures.push(format!(
                "{}: `isms {}` prints other bytes than {}",
                dir.display(),
                args.join(" "),
                file.display()
            ));
        }
    }
    assert!(commands >= 30, "at least 30 cases through a regular command, found {commands}");
    assert!(failures.is_empty(), "{} failure(s):\n  {}", failures.len(), failures.join("\n  "));
}
