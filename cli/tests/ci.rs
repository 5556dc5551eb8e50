//! `isms check` in CI (issue 15): the SARIF, JUnit and GitHub formats name
//! the file and put each finding on the line of its entity; with `--json`,
//! errors are JSON on stdout with exit 2, the same exit as `validate`.
#![allow(clippy::unwrap_used, clippy::disallowed_methods)]
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn isms(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_isms")).args(args).current_dir(root()).output().unwrap()
}

const NORTHWIND: &str = "examples/northwind-saas.json";

fn temp(name: &str, text: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("isms-ci-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    let f = d.join(name);
    std::fs::write(&f, text).unwrap();
    f
}

/// The text of line `line` (1-based) of a file, from column `col` on.
fn at(file: &Path, line: usize, col: usize) -> String {
    let text = std::fs::read_to_string(root().join(file)).unwrap();
    text.lines().nth(line - 1).unwrap().chars().skip(col - 1).collect()
}

#[test]
fn github_annotations_land_on_the_entity_line() {
    let o = isms(&["check", NORTHWIND, "--as-of", "2026-11-01", "--format", "github"]);
    assert_eq!(o.status.code(), Some(1), "blockers fail as with text");
    let out = String::from_utf8(o.stdout).unwrap();
    let line = out.lines().find(|l| l.contains("title=assets.no_owner")).unwrap();
    assert!(line.starts_with(&format!("::error file={NORTHWIND},line=")), "{line}");
    let num = |key: &str| -> usize {
        let v = line.split([',', ' ']).find_map(|p| p.strip_prefix(&format!("{key}="))).unwrap();
        v.parse().unwrap()
    };
    assert!(at(Path::new(NORTHWIND), num("line"), num("col")).starts_with('{'));
    let next = at(Path::new(NORTHWIND), num("line") + 1, 1);
    let v: Value =
        serde_json::from_slice(&isms(&["check", NORTHWIND, "--as-of", "2026-11-01", "--json"]).stdout).unwrap();
    let finding = v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "assets.no_owner").unwrap();
    assert!(next.contains(finding["entities"][0]["id"].as_str().unwrap()), "{next}");
    assert_eq!(finding["path"].as_str().map(|p| p.starts_with("/assets/")), Some(true));
}

#[test]
fn sarif_and_junit_name_the_file_and_the_position() {
    let o = isms(&["check", NORTHWIND, "--as-of", "2026-11-01", "--format", "sarif", "--uri", "compliance/isms.json"]);
    assert_eq!(o.status.code(), Some(1));
    let log: Value = serde_json::from_slice(&o.stdout).unwrap();
    let result = &log["runs"][0]["results"][0];
    let physical = &result["locations"][0]["physicalLocation"];
    assert_eq!(physical["artifactLocation"]["uri"], "compliance/isms.json");
    let (line, col) =
        (physical["region"]["startLine"].as_u64().unwrap(), physical["region"]["startColumn"].as_u64().unwrap());
    assert!(at(Path::new(NORTHWIND), line as usize, col as usize).starts_with('{'));
    let o = isms(&["check", NORTHWIND, "--as-of", "2026-11-01", "--format", "junit"]);
    let xml = String::from_utf8(o.stdout).unwrap();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"isms check\""), "{xml}");
    assert!(xml.contains(&format!("at: {NORTHWIND}:")), "{xml}");
    // --fail-on still decides the exit code, whatever the format.
    let healthy = isms(&["check", "tests/fixtures/healthy.json", "--as-of", "2026-06-01", "--format", "junit"]);
    assert_eq!(healthy.status.code(), Some(0));
    assert_eq!(isms(&["check", NORTHWIND, "--format", "sarif", "--json"]).status.code(), Some(2));
}

#[test]
fn json_errors_are_json_on_stdout_with_exit_2() {
    // An integrity problem: validate and check agree on the exit code.
    let invalid = temp(
        "invalid.json",
        "{\"schema_version\": \"1.0\",\n \"organization\": {\"name\": \"A\"},\n \"risks\": [{\"id\": \"r1\", \"title\": \"x\",\n   \"owner\": \"ghost\"}]}\n",
    );
    let file = invalid.to_str().unwrap();
    let check = isms(&["check", file, "--json"]);
    let validate = isms(&["validate", file, "--json"]);
    assert_eq!(check.status.code(), Some(2));
    assert_eq!(validate.status.code(), Some(2));
    assert_eq!(isms(&["validate", file]).status.code(), Some(2));
    assert!(check.stderr.is_empty(), "{}", String::from_utf8_lossy(&check.stderr));
    let report: Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(report["code"], "invalid_document");
    let p = &report["problems"][0];
    assert_eq!((p["code"].as_str(), p["path"].as_str()), (Some("dangling_reference"), Some("$.risks[0].owner")));
    assert_eq!((p["line"].as_u64(), p["column"].as_u64()), (Some(4), Some(13)));
    let listed: Value = serde_json::from_slice(&validate.stdout).unwrap();
    assert_eq!(listed[0], *p, "validate lists the same located problem");
    // Malformed JSON: a parse error with its position.
    let malformed = temp("malformed.json", "{\"schema_version\": \"1.0\",\n \"organization\": {\"name\": }}\n");
    for cmd in ["check", "validate"] {
        let o = isms(&[cmd, malformed.to_str().unwrap(), "--json"]);
        assert_eq!(o.status.code(), Some(2), "{cmd}");
        let e: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(e["code"], "parse_error");
        assert_eq!((e["path"].as_str(), e["line"].as_u64()), (Some("$.organization.name"), Some(2)));
        assert!(e["column"].as_u64().unwrap() > 0);
    }
    // A file that cannot be read is an error as JSON too.
    let o = isms(&["check", "no/such/file.json", "--json"]);
    assert_eq!(o.status.code(), Some(2));
    let e: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(e["message"].as_str().unwrap().contains("cannot read no/such/file.json"), "{e}");
    // Every command with --json does the same.
    for args in [&["risk", "plan", file, "--json"][..], &["roadmap", file, "--json"], &["nc", file, "list", "--json"]] {
        let o = isms(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let e: Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"));
        assert_eq!(e["code"], "invalid_document", "{args:?}");
    }
    // Without --json, errors stay on stderr for people.
    let o = isms(&["check", file]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert!(String::from_utf8_lossy(&o.stderr).contains("4:13: $.risks[0].owner [dangling_reference]"));
}

/// Applies a unified diff to `old` (hunks in order, context checked).
fn apply(old: &str, diff: &str) -> String {
    let old: Vec<&str> = old.split_inclusive('\n').collect();
    let mut out = String::new();
    let mut next = 0; // next old line (0-based) not yet copied
    let mut lines = diff.split_inclusive('\n').peekable();
    assert!(lines.next().unwrap().starts_with("--- a/"));
    assert!(lines.next().unwrap().starts_with("+++ b/"));
    while let Some(h) = lines.next() {
        let start: usize = h.strip_prefix("@@ -").unwrap().split([',', ' ']).next().unwrap().parse().unwrap();
        let start = start.saturating_sub(1);
        out.extend(old[next..start].iter().copied());
        next = start;
        while let Some(l) = lines.peek().copied().filter(|l| !l.starts_with("@@")) {
            lines.next();
            let (tag, body) = l.split_at(1);
            let no_newline = lines.peek().is_some_and(|n| n.starts_with('\\'));
            if no_newline {
                lines.next();
            }
            let body = if no_newline { body.strip_suffix('\n').unwrap() } else { body };
            match tag {
                " " | "-" => {
                    assert_eq!(old[next], body, "context or removed line differs");
                    next += 1;
                    if tag == " " {
                        out.push_str(body);
                    }
                }
                "+" => out.push_str(body),
                other => panic!("unexpected diff line {other:?}{body:?}"),
            }
        }
    }
    out.extend(old[next..].iter().copied());
    out
}

#[test]
fn fmt_check_prints_a_unified_diff_that_applies() {
    let mut lines: Vec<String> = (0..30).map(|i| format!("    {{\"id\": \"p{i}\", \"name\": \"P {i}\"}},")).collect();
    lines[12] = "    {\"name\": \"Out of order\", \"id\": \"x\"},".into();
    let last = lines.len() - 1;
    lines[last] = lines[last].trim_end_matches(',').to_owned();
    let text = format!(
        "{{\n  \"schema_version\": \"1.0\",\n  \"organization\": {{\"name\": \"A\"}},\n  \"people\": [\n{}\n  ]\n}}",
        lines.join("\n")
    );
    let f = temp("fmt.json", &text);
    let o = isms(&["fmt", "--check", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let diff = String::from_utf8(o.stdout).unwrap();
    let name = f.display().to_string();
    assert!(diff.starts_with(&format!("--- a/{name}\n+++ b/{name}\n@@ ")), "{diff}");
    assert!(diff.contains("\\ No newline at end of file"), "{diff}");
    assert_eq!(std::fs::read_to_string(&f).unwrap(), text, "--check changes nothing");
    let expected = {
        let o = Command::new(env!("CARGO_BIN_EXE_isms"))
            .args(["fmt", "-"])
            .stdin(std::fs::File::open(&f).unwrap())
            .output()
            .unwrap();
        String::from_utf8(o.stdout).unwrap()
    };
    assert_eq!(apply(&text, &diff), expected);
    // Canonical already: no output, exit 0; standard input names itself.
    let canon = temp("canon.json", &expected);
    let o = isms(&["fmt", "--check", canon.to_str().unwrap()]);
    assert_eq!((o.status.code(), o.stdout.is_empty()), (Some(0), true));
    let o = Command::new(env!("CARGO_BIN_EXE_isms"))
        .args(["fmt", "--check", "-"])
        .stdin(std::fs::File::open(&f).unwrap())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8(o.stdout).unwrap().starts_with("--- a/standard input\n"));
}
