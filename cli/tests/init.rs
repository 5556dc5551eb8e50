//! `isms init` writes the starter ISMS; `examples/starter.json` is its output
//! for 2026-12-01, kept in step by a drift test.
#![allow(clippy::unwrap_used)]
use std::process::Command;

fn isms(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_isms")).args(args).output().unwrap()
}

#[test]
fn the_bundled_starter_is_what_init_writes() {
    let out = isms(&["init", "-", "--as-of", "2026-12-01"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let want = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/starter.json")).unwrap();
    assert!(
        out.stdout == want,
        "examples/starter.json is stale; fix: cargo run -q -p isms-cli -- init - --as-of 2026-12-01 > examples/starter.json"
    );
}

#[test]
fn init_writes_a_ready_starter_and_never_overwrites() {
    let d = std::env::temp_dir().join(format!("isms-init-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    let f = d.join("isms.json");
    let out = isms(&["init", f.to_str().unwrap(), "--as-of", "2027-02-10"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let check = isms(&["check", f.to_str().unwrap(), "--as-of", "2027-02-10", "--json", "--fail-on", "info"]);
    assert!(check.status.success(), "no finding at all: {}", String::from_utf8_lossy(&check.stdout));
    let e: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(e["readiness"]["stage1"]["ready"], true);
    assert_eq!(e["readiness"]["stage2"]["ready"], true);
    assert!(isms(&["validate", f.to_str().unwrap()]).status.success());
    // A second init refuses and leaves the file as it was.
    let before = std::fs::read(&f).unwrap();
    let again = isms(&["init", f.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(std::fs::read(&f).unwrap(), before);
}
