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
