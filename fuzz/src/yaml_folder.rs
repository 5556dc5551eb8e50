// The `yaml_folder` harness: the YAML reader (`yaml::parse_document`,
// `yaml::to_json`, `YamlMap::locate`), the canonical YAML writer
// (`yaml::to_yaml`) and the folder merge (`folder::merge`, `FolderMap`,
// `canonical_parts`) on hostile text. Kept apart from `harness.rs` (which it
// would push past a readable length); like it, included by path from
// `core/tests/fuzz_regressions.rs` (with the core's `yaml` feature), so it
// depends only on `isms_core` and `serde_json`.
//
// The input is cut at NUL bytes into 1–4 files (`isms.yaml`, `a.json`,
// `b/c.yaml`, `d.yml`: NUL is not allowed in YAML text, so a part holds
// none). It panics exactly on a bug: a panic in the core, a canonical form
// that does not read back to the same document, a problem or error placed on
// no line or in no file of the folder.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, missing_docs)]

use isms_core::error::ERROR_CODES;
use isms_core::source::Locate;
use isms_core::{Document, Error, engine, folder, json, yaml};

/// The names the parts of an input get, in order (the root part first, as
/// the CLI hands a folder over).
pub const FOLDER_NAMES: [&str; 4] = ["isms.yaml", "a.json", "b/c.yaml", "d.yml"];

/// Pointers worth placing whatever the text: the root, escapes, huge and
/// odd indices, sections of every kind.
const POINTERS: &[&str] = &[
    "",
    "/",
    "//",
    "/~",
    "/~0",
    "/~1",
    "/~2",
    "/a~1b",
    "/risks",
    "/risks/",
    "/risks/0",
    "/risks/0/title",
    "/risks/-1",
    "/risks/-",
    "/risks/18446744073709551616",
    "/risks/99999999999999999999999999/x",
    "/people/1/name",
    "/soa/entries/2/control",
    "/organization/name",
    "/settings",
    "/schema_version",
    "/nonconformities/0/history/0",
];

fn check_error(e: &Error) {
    assert!(ERROR_CODES.contains(&e.code()), "unknown error code {}", e.code());
    assert!(!e.to_string().is_empty(), "empty error message for {}", e.code());
    if let Error::Parse { line, column, path, .. } = e {
        assert!(*line >= 1 && *column >= 1, "parse error placed at line {line}, column {column}: {e}");
        assert!(path.starts_with('$'), "parse error path {path} does not start with $");
    }
}

/// The pointers to place for a text: the fixed ones, and each word of the
/// text as a key at the root and inside a section.
fn pointers(texts: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = POINTERS.iter().map(|p| (*p).to_owned()).collect();
    for text in texts {
        for word in text.split([' ', '\n', ':', ',', '{', '}', '[', ']']).filter(|w| !w.is_empty()).take(16) {
            out.push(format!("/{word}"));
            out.push(format!("/risks/{word}"));
            out.push(format!("/people/0/{word}"));
        }
    }
    out
}

/// The canonical YAML of a document reads back to the same document.
fn check_yaml_round_trip(doc: &Document) {
    let canonical = json::to_json(doc);
    let text = yaml::to_yaml(&canonical).unwrap_or_else(|e| panic!("to_yaml refuses canonical JSON: {e}"));
    let (again, map) = match yaml::parse_document(&text) {
        Ok(r) => r,
        Err(e) => panic!("canonical YAML does not parse back: {e}\n{text}"),
    };
    assert!(again == *doc, "canonical YAML parses to a different document\n{text}");
    assert_eq!(json::to_json(&again), canonical, "canonical YAML changes the canonical JSON");
    assert!(!map.is_empty(), "a parsed document's map places nothing");
}

/// Any YAML value (a document or not) written canonically reads back to the
/// same JSON.
fn check_value_round_trip(text: &str) {
    let Ok((json_text, map)) = yaml::to_json(text) else { return };
    assert!(map.locate("").is_some(), "a converted text does not place its root");
    let written =
        yaml::to_yaml(&json_text).unwrap_or_else(|e| panic!("to_yaml refuses to_json's output: {e}\n{json_text}"));
    let (again, _) = yaml::to_json(&written)
        .unwrap_or_else(|e| panic!("canonical YAML does not read back: {e}\n{json_text}\n---\n{written}"));
    assert_eq!(again, json_text, "canonical YAML reads back as different JSON\n{written}");
}

/// Problems of a parsed document, placed by `source`: on a line ≥ 1, in one
/// of `files` when the source is a folder.
fn check_problems(doc: &Document, source: &dyn Locate, files: Option<&[(String, String)]>) {
    for p in engine::validate(doc) {
        let p = p.located_by(source);
        let line = p.line.unwrap_or_else(|| panic!("problem {} at {} placed on no line", p.code, p.path));
        assert!(line >= 1 && p.column.is_some_and(|c| c >= 1), "problem {} at {} placed at {line}", p.code, p.path);
        match files {
            Some(files) => {
                let file =
                    p.file.as_deref().unwrap_or_else(|| panic!("problem {} at {} names no file", p.code, p.path));
                assert!(
                    files.iter().any(|(n, _)| n == file),
                    "problem {} names {file}, not a file of the folder",
                    p.code
                );
            }
            None => assert!(p.file.is_none(), "a single YAML file's problem names a file"),
        }
    }
}

/// Places every pointer through `source`; a place is on a line ≥ 1.
fn check_places(source: &dyn Locate, pointers: &[String]) {
    for p in pointers {
        if let Some(place) = source.place(p) {
            assert!(place.line >= 1 && place.column >= 1, "{p} placed at {}:{}", place.line, place.column);
        }
    }
}

/// The target: the first part as one YAML document, every part as a folder.
pub fn yaml_folder(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let parts: Vec<&str> = text.splitn(FOLDER_NAMES.len(), '\0').collect();
    let pointers = pointers(&parts);

    match yaml::parse_document(parts[0]) {
        Ok((doc, map)) => {
            check_yaml_round_trip(&doc);
            check_problems(&doc, &map, None);
            check_places(&map, &pointers);
            for p in &pointers {
                let _ = yaml::locate(parts[0], p);
            }
        }
        Err(e) => check_error(&e),
    }
    for part in &parts {
        check_value_round_trip(part);
    }

    let files: Vec<(String, String)> =
        parts.iter().zip(FOLDER_NAMES).map(|(t, n)| (n.to_owned(), (*t).to_owned())).collect();
    match folder::merge(&files) {
        Ok((doc, map)) => {
            check_yaml_round_trip(&doc);
            check_problems(&doc, &map, Some(&files));
            check_places(&map, &pointers);
            for p in &pointers {
                if let Some((file, _)) = map.route(p) {
                    assert!(files.iter().any(|(n, _)| n == file), "{p} routed to {file}, not a file of the folder");
                }
            }
            // `isms fmt DIR`: each file canonical, and the folder still the
            // same document.
            let canonical = json::to_json(&doc);
            let again = folder::canonical_parts(&map, &canonical)
                .unwrap_or_else(|e| panic!("canonical_parts refuses the canonical JSON: {e}"));
            let names: Vec<&str> = again.iter().map(|(n, _)| n.as_str()).collect();
            assert_eq!(names, FOLDER_NAMES[..files.len()], "canonical_parts changes the files");
            match folder::merge(&again) {
                Ok((merged, _)) => assert!(merged == doc, "the canonical folder merges to a different document"),
                Err(e) => panic!("the canonical folder does not merge: {e}\n{again:?}"),
            }
            // The split `isms init DIR` writes merges back too.
            let split = folder::split(&canonical).unwrap_or_else(|e| panic!("split refuses canonical JSON: {e}"));
            let split: Vec<(String, String)> =
                split.into_iter().map(|(stem, json)| (format!("{stem}.json"), json)).collect();
            match folder::merge(&split) {
                Ok((merged, _)) => assert!(merged == doc, "the split folder merges to a different document"),
                Err(e) => panic!("the split folder does not merge: {e}"),
            }
        }
        Err(e) => {
            check_error(&e.error);
            if let Some(file) = &e.file {
                assert!(files.iter().any(|(n, _)| n == file), "merge error names {file}, not a file of the folder");
            }
        }
    }
}
