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
        let path = dir.join(format!("{name}.schema.json"));
        let want = isms_core::json::to_json(&isms_core::schema::schema(name).expect("registered"));
        if update {
            std::fs::create_dir_all(&dir).expect("create schema/");
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
        for entry in std::fs::read_dir(&dir).expect("schema/ exists") {
            let file = entry.expect("dir entry").file_name().to_string_lossy().into_owned();
            let Some(name) = file.strip_suffix(".schema.json") else { continue };
            if !isms_core::schema::names().contains(&name) {
                drift.push(format!("orphaned {file}"));
            }
        }
    }
    assert!(
        drift.is_empty(),
        "schemas out of date: {drift:?}\nrun: UPDATE_SCHEMAS=1 cargo test -p isms-core --test schema_drift"
    );
}
