//! A document in YAML (issue 15): every command reads `.yaml`/`.yml` as the
//! same document as its JSON; problems, parse errors and the SARIF, GitHub
//! and JUnit formats name the YAML file, line and column; `fmt` writes
//! canonical YAML.
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

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

const NORTHWIND: &str = "examples/northwind-saas.json";

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("isms-yaml-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The example as canonical YAML: the JSON copied to a `.yaml` file (JSON
/// is YAML) and rewritten by `isms fmt`.
fn northwind_yaml(name: &str) -> PathBuf {
    let f = dir(name).join("isms.yaml");
    std::fs::copy(root().join(NORTHWIND), &f).unwrap();
    let o = isms(&["fmt", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    f
}

/// Line `line` (1-based) of a file, from column `col` on.
fn at(file: &Path, line: usize, col: usize) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    text.lines().nth(line - 1).unwrap().chars().skip(col - 1).collect()
}

#[test]
fn the_yaml_copy_gives_the_same_results_as_the_json() {
    let f = northwind_yaml("same");
    let yaml = std::fs::read_to_string(&f).unwrap();
    assert!(yaml.starts_with("schema_version: \"1.0\"\norganization:\n  name: "), "{}", &yaml[..80]);
    let y = f.to_str().unwrap();
    // Canonical already: fmt --check passes, and the JSON export of the YAML is the JSON.
    assert_eq!(isms(&["fmt", "--check", y]).status.code(), Some(0));
    assert_eq!(isms(&["validate", y]).status.code(), Some(0));
    for args in [
        &["check", "F", "--as-of", "2026-11-01", "--json"][..],
        &["soa", "F", "--format", "csv"][..],
        &["risk", "register", "F"][..],
        &["roadmap", "F", "--as-of", "2026-11-01"][..],
    ] {
        let with = |file: &str| isms(&args.iter().map(|a| if *a == "F" { file } else { a }).collect::<Vec<_>>());
        let (oj, oy) = (with(NORTHWIND), with(y));
        assert_eq!(oj.status.code(), oy.status.code(), "{args:?}");
        assert!(!oj.stdout.is_empty(), "{args:?}: {}", String::from_utf8_lossy(&oj.stderr));
        assert_eq!(stdout(&oj), stdout(&oy), "{args:?}");
    }
    // `isms call` reads YAML too.
    let c = |file: &str| stdout(&isms(&["call", "validate", file]));
    assert_eq!(c(NORTHWIND), c(y));
}

#[test]
fn annotations_and_sarif_point_to_the_yaml_line() {
    let f = northwind_yaml("ci");
    let y = f.to_str().unwrap();
    let o = isms(&["check", y, "--as-of", "2026-11-01", "--format", "github"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let line = out.lines().find(|l| l.contains("title=assets.no_owner")).unwrap();
    assert!(line.starts_with(&format!("::error file={y},line=")), "{line}");
    let num = |key: &str| -> usize {
        let v = line.split([',', ' ']).find_map(|p| p.strip_prefix(&format!("{key}="))).unwrap();
        v.parse().unwrap()
    };
    let v: Value = serde_json::from_slice(&isms(&["check", y, "--as-of", "2026-11-01", "--json"]).stdout).unwrap();
    let finding = v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "assets.no_owner").unwrap();
    let id = finding["entities"][0]["id"].as_str().unwrap();
    // The asset's mapping starts at its first key, `id: <the asset>`.
    assert_eq!(at(&f, num("line"), num("col")), format!("id: {id}"));
    let o = isms(&["check", y, "--as-of", "2026-11-01", "--format", "sarif", "--uri", "isms.yaml"]);
    let log: Value = serde_json::from_slice(&o.stdout).unwrap();
    for result in log["runs"][0]["results"].as_array().unwrap() {
        let physical = &result["locations"][0]["physicalLocation"];
        assert_eq!(physical["artifactLocation"]["uri"], "isms.yaml");
        let line = physical["region"]["startLine"].as_u64().unwrap() as usize;
        let col = physical["region"]["startColumn"].as_u64().unwrap() as usize;
        assert!(!at(&f, line, col).is_empty(), "{line}:{col}");
    }
    let xml = stdout(&isms(&["check", y, "--as-of", "2026-11-01", "--format", "junit"]));
    assert!(xml.contains(&format!("at: {y}:")), "{xml}");
}

#[test]
fn problems_and_parse_errors_name_the_yaml_file_line_and_column() {
    let d = dir("problems");
    let bad = d.join("bad.yaml");
    std::fs::write(
        &bad,
        "schema_version: \"1.0\"\norganization:\n  name: A\nrisks:\n  - id: r1\n    title: x\n    owner: ghost\n",
    )
    .unwrap();
    let o = isms(&["validate", bad.to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(2));
    let problems: Value = serde_json::from_slice(&o.stdout).unwrap();
    let p = problems.as_array().unwrap().iter().find(|p| p["path"] == "$.risks[0].owner").unwrap();
    assert_eq!((p["line"].as_u64(), p["column"].as_u64()), (Some(7), Some(12)), "{p}");
    let o = isms(&["check", bad.to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("\"line\": 7"), "{}", stdout(&o));
    // A wrong field: the error is on the YAML line, named file:line:column.
    let wrong = d.join("wrong.yml");
    std::fs::write(&wrong, "schema_version: \"1.0\"\norganization:\n  name: A\n  colour: red\n").unwrap();
    let o = isms(&["validate", wrong.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains(&format!("{}:4:11: unknown field `colour`", wrong.display())), "{err}");
    // A YAML syntax error and a repeated key likewise.
    std::fs::write(&wrong, "schema_version: \"1.0\"\norganization:\n  name: A\n  name: B\n").unwrap();
    let err = String::from_utf8(isms(&["check", wrong.to_str().unwrap()]).stderr).unwrap();
    assert!(err.contains(&format!("{}:4:3: the key `name` is repeated", wrong.display())), "{err}");
}

#[test]
fn fmt_rewrites_yaml_canonically_and_check_prints_the_diff() {
    let d = dir("fmt");
    let f = d.join("isms.yaml");
    let messy = "organization: {name: 'Acme'}\nschema_version: '1.0'   # comment\n";
    std::fs::write(&f, messy).unwrap();
    let o = isms(&["fmt", "--check", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let diff = stdout(&o);
    assert!(diff.contains("+schema_version: \"1.0\"\n+organization:\n+  name: Acme\n"), "{diff}");
    assert_eq!(std::fs::read_to_string(&f).unwrap(), messy, "--check changes nothing");
    assert_eq!(isms(&["fmt", f.to_str().unwrap()]).status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&f).unwrap(), "schema_version: \"1.0\"\norganization:\n  name: Acme\n");
    assert_eq!(isms(&["fmt", "--check", f.to_str().unwrap()]).status.code(), Some(0));
    // `init x.yaml` writes the starter as YAML, which validates.
    let s = d.join("starter.yaml");
    assert_eq!(isms(&["init", s.to_str().unwrap(), "--as-of", "2026-12-01"]).status.code(), Some(0));
    assert!(std::fs::read_to_string(&s).unwrap().starts_with("schema_version: \"1.0\"\n"));
    assert_eq!(isms(&["validate", s.to_str().unwrap()]).status.code(), Some(0));
}
