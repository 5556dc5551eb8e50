//! The checked-in schemas under `schema/` must equal what the code generates.
//! Fix drift with: `UPDATE_SCHEMAS=1 cargo test -p isms-core --test schema_drift`.
#![allow(clippy::disallowed_methods, reason = "tests read and write the checked-in files; the library does not")]
use std::path::PathBuf;

#[test]
fn checked_in_schemas_match_the_code() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schema");
    let update = std::env::var_os("UPDATE_SCHEMAS").is_some();
    let mut drift = Vec::new();
    for name in isms_core::schema::names() {
        let path = dir.join(isms_core::schema::file_name(&name));
        let want = isms_core::json::to_json(&isms_core::schema::schema(&name).expect("registered"));
        if update {
            std::fs::create_dir_all(path.parent().expect("schema/ or schema/ops/")).expect("create schema/");
            std::fs::write(&path, &want).expect("write schema");
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(have) if have == want => {}
            _ => drift.push(path.display().to_string()),
        }
    }
    // No orphans: every file in schema/ is a registered schema.
    if !update {
        let files: Vec<String> = isms_core::schema::names().iter().map(|n| isms_core::schema::file_name(n)).collect();
        for sub in ["", "ops/"] {
            for entry in std::fs::read_dir(dir.join(sub)).expect("schema/ and schema/ops/ exist") {
                let file = format!("{sub}{}", entry.expect("dir entry").file_name().to_string_lossy());
                if file.ends_with(".schema.json") && !files.contains(&file) {
                    drift.push(format!("orphaned {file}"));
                }
            }
        }
    }
    assert!(
        drift.is_empty(),
        "schemas out of date: {drift:?}\nrun: UPDATE_SCHEMAS=1 cargo test -p isms-core --test schema_drift"
    );
}

/// Strict validators (ajv strict mode) refuse `format` values that no JSON
/// Schema vocabulary defines; schemars writes `uint32`, `int64`, `double`.
/// Every published schema uses standard formats only, bounds integers with
/// `minimum`/`maximum` instead, and names itself with an `$id` (issue 15).
#[test]
fn schemas_are_strict_clean_and_have_an_id() {
    fn walk(v: &serde_json::Value, at: &str, bad: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(map) => {
                if let Some(f) = map.get("format").and_then(|f| f.as_str()) {
                    if !["date", "date-time", "email", "uri", "uuid"].contains(&f) {
                        bad.push(format!("{at}: format {f}"));
                    }
                }
                if map.get("type").and_then(|t| t.as_str()) == Some("integer") && !map.contains_key("minimum") {
                    bad.push(format!("{at}: an integer without a minimum"));
                }
                for (k, x) in map {
                    walk(x, &format!("{at}/{k}"), bad);
                }
            }
            serde_json::Value::Array(xs) => xs.iter().enumerate().for_each(|(i, x)| walk(x, &format!("{at}/{i}"), bad)),
            _ => {}
        }
    }
    let mut bad = Vec::new();
    for name in isms_core::schema::names() {
        let s = isms_core::schema::schema(&name).expect("registered");
        assert_eq!(s["$id"], format!("urn:isms:schema:{name}"), "{name}");
        walk(&s, &name, &mut bad);
    }
    assert!(bad.is_empty(), "{bad:#?}");
    // The bounds are those of the Rust types: u32 for a headcount.
    let isms = isms_core::schema::schema("isms").expect("isms");
    let headcount = &isms["$defs"]["Organization"]["properties"]["headcount"];
    assert_eq!(
        (headcount["minimum"].as_u64(), headcount["maximum"].as_u64()),
        (Some(0), Some(u64::from(u32::MAX))),
        "{headcount}"
    );
}
