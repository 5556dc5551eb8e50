//! The checked-in rule reference `docs/rules.md` must equal what the rule
//! catalogue generates. Fix drift with:
//! `UPDATE_RULES=1 cargo test -p isms-core --test rules_doc`.
#![allow(clippy::disallowed_methods)] // a test that writes the generated file in update mode
use std::path::PathBuf;

#[test]
fn checked_in_rule_reference_matches_the_catalogue() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/rules.md");
    let want = isms_core::evaluate::rules_markdown();
    if std::env::var_os("UPDATE_RULES").is_some() {
        std::fs::create_dir_all(path.parent().expect("docs/")).expect("create docs/");
        std::fs::write(&path, &want).expect("write docs/rules.md");
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(have == want, "docs/rules.md is out of date\nrun: UPDATE_RULES=1 cargo test -p isms-core --test rules_doc");
}
