//! A folder as one ISMS (issue 15): `isms.yaml` plus any other YAML/JSON
//! files merged into one document; every problem and finding names its file
//! and line; `init DIR/`, `fmt DIR`, `export DIR --single`.
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

fn out(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("isms-folder-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn write(d: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let f = d.join(name);
        std::fs::create_dir_all(f.parent().unwrap()).unwrap();
        std::fs::write(f, text).unwrap();
    }
}

const ROOT: &str = "schema_version: \"1.0\"\norganization:\n  name: Acme\npeople:\n  - id: p1\n    name: Ann\n";

#[test]
fn init_dir_then_validate_check_and_export_match_the_single_file_starter() {
    let d = dir("init");
    let p = format!("{}/", d.display());
    let o = isms(&["init", &p, "--as-of", "2026-12-01"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let mut names: Vec<String> =
        std::fs::read_dir(&d).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert!(names.contains(&"isms.yaml".to_owned()) && names.contains(&"risks.yaml".to_owned()), "{names:?}");
    assert!(names.len() >= 4, "{names:?}");
    let dp = d.to_str().unwrap();
    assert_eq!(isms(&["validate", dp]).status.code(), Some(0));
    let single = "examples/starter.json";
    let (a, b) = (
        isms(&["check", single, "--as-of", "2026-12-01", "--json"]),
        isms(&["check", dp, "--as-of", "2026-12-01", "--json"]),
    );
    assert_eq!((a.status.code(), out(&a)), (b.status.code(), out(&b)));
    // export --single is the single-file document in canonical form.
    let exported = out(&isms(&["export", dp, "--single"]));
    assert_eq!(exported, out(&fmt_stdin(single)));
    assert_eq!(exported, std::fs::read_to_string(root().join(single)).unwrap());
    let f = d.join("out.json");
    assert_eq!(isms(&["export", dp, "--single", "--out", f.to_str().unwrap()]).status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&f).unwrap(), exported);
    std::fs::remove_file(&f).unwrap();
    // `isms call` takes the folder as the one document.
    let call = |p: &str| out(&isms(&["call", "validate", p]));
    assert_eq!(call(dp), call(single));
    // Canonical as written; init refuses a folder that is not empty.
    assert_eq!(isms(&["fmt", "--check", dp]).status.code(), Some(0));
    assert_eq!(isms(&["init", &p]).status.code(), Some(2));
}

fn fmt_stdin(file: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_isms"))
        .args(["fmt", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&std::fs::read(root().join(file)).unwrap()).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn a_problem_in_the_third_file_names_that_file_and_line() {
    let d = dir("third");
    write(
        &d,
        &[
            ("isms.yaml", ROOT),
            ("a-people.yaml", "people:\n  - id: p2\n    name: Bob\n"),
            (
                "risks/b.json",
                "{\"risks\": [\n  {\"id\": \"r1\", \"title\": \"x\",\n   \"owner\": \"ghost\"},\n  {\"id\": \"p1\", \"title\": \"y\"}\n]}\n",
            ),
            (".hidden/x.yaml", "not: [valid"),
        ],
    );
    let dp = d.to_str().unwrap();
    let third = d.join("risks/b.json").display().to_string();
    let o = isms(&["validate", dp]);
    assert_eq!(o.status.code(), Some(2));
    let text = out(&o);
    assert!(text.contains(&format!("{third}:3:13: $.risks[0].owner [dangling_reference]")), "{text}");
    let o = isms(&["validate", dp, "--json"]);
    let problems: Value = serde_json::from_slice(&o.stdout).unwrap();
    let dup = problems.as_array().unwrap().iter().find(|p| p["code"] == "duplicate_id").unwrap();
    assert_eq!((dup["file"].as_str(), dup["line"].as_u64()), (Some(third.as_str()), Some(4)), "{dup}");
    // Findings too: fix the problems, then annotations name the file.
    write(&d, &[("risks/b.json", "{\"risks\": [\n  {\"id\": \"r1\", \"title\": \"x\",\n   \"owner\": \"p2\"}\n]}\n")]);
    let o = isms(&["check", dp, "--as-of", "2026-12-01", "--format", "github"]);
    let gh = out(&o);
    assert!(gh.lines().any(|l| l.contains(&format!("file={third},line="))), "{gh}");
    let sarif: Value = serde_json::from_slice(&isms(&["check", dp, "--format", "sarif"]).stdout).unwrap();
    let uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap())
        .collect();
    assert!(uris.contains(&third.as_str()), "{uris:?}");
}

#[test]
fn a_section_in_two_files_is_refused_naming_both() {
    let d = dir("twice");
    write(&d, &[("isms.yaml", ROOT), ("org.yaml", "organization:\n  name: Other\n")]);
    let o = isms(&["validate", d.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let e = err(&o);
    let (root, other) = (d.join("isms.yaml").display().to_string(), d.join("org.yaml").display().to_string());
    assert!(e.contains(&format!("{other}:1:1:")) || e.contains(&format!("{other}:2:")), "{e}");
    assert!(e.contains(&format!("`organization` is in both {root} and {other}")), "{e}");
    // With --json the error's problem names the file too.
    let o = isms(&["validate", d.to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(2));
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["code"], "parse_error");
    assert_eq!(report["problems"][0]["file"].as_str(), Some(other.as_str()), "{report}");
    // No root part: said so.
    let d = dir("noroot");
    write(&d, &[("people.yaml", "people: []\n")]);
    assert!(err(&isms(&["check", d.to_str().unwrap()])).contains("root part"));
}

#[test]
fn mixed_json_and_yaml_fmt_keeps_each_file_in_its_format() {
    let d = dir("fmt");
    write(
        &d,
        &[
            ("isms.yaml", "organization: {name: Acme}\nschema_version: '1.0'\n"),
            ("people.json", "{\"people\": [{\"name\": \"Ann\", \"id\": \"p1\"}]}"),
        ],
    );
    let dp = d.to_str().unwrap();
    let o = isms(&["fmt", "--check", dp]);
    assert_eq!(o.status.code(), Some(1));
    let diff = out(&o);
    assert!(diff.contains("people.json") && diff.contains("isms.yaml"), "{diff}");
    assert_eq!(isms(&["fmt", dp]).status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(d.join("isms.yaml")).unwrap(),
        "schema_version: \"1.0\"\norganization:\n  name: Acme\n"
    );
    assert_eq!(
        std::fs::read_to_string(d.join("people.json")).unwrap(),
        "{\n  \"people\": [\n    {\n      \"id\": \"p1\",\n      \"name\": \"Ann\"\n    }\n  ]\n}\n"
    );
    assert_eq!(isms(&["fmt", "--check", dp]).status.code(), Some(0));
    // The same document as one file gives the same export.
    let single = dir("fmt-single");
    write(
        &single,
        &[("one.yaml", "schema_version: '1.0'\norganization: {name: Acme}\npeople: [{id: p1, name: Ann}]\n")],
    );
    let one = single.join("one.yaml");
    assert_eq!(out(&isms(&["export", one.to_str().unwrap(), "--single"])), out(&isms(&["export", dp, "--single"])));
}
