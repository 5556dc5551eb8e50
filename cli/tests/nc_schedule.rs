//! `isms nc transition` writes atomically; `isms schedule --ics` writes a
//! deterministic iCalendar file that parses back.
#![allow(clippy::unwrap_used)]
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const DOC: &str = r#"{
  "schema_version": "1.0",
  "organization": {"name": "Acme", "headcount": 12},
  "people": [
    {"id": "p1", "name": "Ann", "start_date": "2025-01-06"},
    {"id": "p2", "name": "Bob"},
    {"id": "p3", "name": "Cy"}
  ],
  "evidence": [{"id": "ev1", "title": "Access review export", "collected_on": "2025-03-01"}],
  "training": {"courses": [{"id": "c1", "title": "Security awareness: phishing, passwords, clean desk and reporting incidents to the security team", "onboarding_days": 30}]},
  "certification": {"decision_on": "2024-02-29"},
  "nonconformities": [
    {"id": "nc1", "title": "Access reviews not done", "source": "internal_audit", "grade": "major",
     "raised_on": "2025-01-05", "controls": ["5.18"]}
  ]
}
"#;

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("isms-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn isms(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_isms"));
    c.args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

fn correct(file: &Path, env: &[(&str, &str)]) -> Output {
    isms(
        &[
            "nc",
            file.to_str().unwrap(),
            "transition",
            "nc1",
            "correct",
            "--description",
            "Revoked stale accounts",
            "--on",
            "2025-01-10",
            "--by",
            "p1",
        ],
        env,
    )
}

fn leftovers(d: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(d).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

#[test]
fn transition_rewrites_the_document() {
    let d = dir("ok");
    let f = d.join("isms.json");
    std::fs::write(&f, DOC).unwrap();
    let out = correct(&f, &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "nc1: raised → corrected (correct)\n");
    let doc = isms_core::json::parse_document(&std::fs::read_to_string(&f).unwrap()).unwrap();
    assert_eq!(doc.nonconformities[0].state, isms_core::model::NcState::Corrected);
    assert_eq!(doc.nonconformities[0].history.len(), 1);
    assert_eq!(leftovers(&d), ["isms.json"], "no temporary file left");
    // A refused transition: exit 2, file untouched.
    let before = std::fs::read(&f).unwrap();
    let out = isms(&["nc", f.to_str().unwrap(), "transition", "nc1", "close", "--on", "2025-01-11", "--by", "p1"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not allowed"));
    assert_eq!(std::fs::read(&f).unwrap(), before);
}

#[test]
fn failed_write_leaves_the_original_intact() {
    let d = dir("fail");
    let f = d.join("isms.json");
    std::fs::write(&f, DOC).unwrap();
    let out = correct(&f, &[("ISMS_TEST_CRASH_BEFORE_RENAME", "fail")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the original is unchanged"));
    assert_eq!(std::fs::read_to_string(&f).unwrap(), DOC, "byte-identical");
    assert_eq!(leftovers(&d), ["isms.json"], "the temporary file is removed");
}

#[test]
fn killed_write_leaves_the_original_intact() {
    let d = dir("abort");
    let f = d.join("isms.json");
    std::fs::write(&f, DOC).unwrap();
    let out = correct(&f, &[("ISMS_TEST_CRASH_BEFORE_RENAME", "abort")]);
    assert!(!out.status.success() && out.status.code().is_none_or(|c| c != 0 && c != 2), "{:?}", out.status);
    assert_eq!(std::fs::read_to_string(&f).unwrap(), DOC, "byte-identical after a crash");
    // The crash leaves the complete temporary file beside it, never a torn original.
    let files = leftovers(&d);
    assert_eq!(files.len(), 2, "{files:?}");
    let tmp = files.iter().find(|n| n.starts_with(".isms.json.tmp-")).unwrap();
    let written = isms_core::json::parse_document(&std::fs::read_to_string(d.join(tmp)).unwrap()).unwrap();
    assert_eq!(written.nonconformities[0].history.len(), 1);
}

#[test]
fn unwritable_target_leaves_the_original_intact() {
    // The target's parent is a file: the temporary file cannot be created.
    let d = dir("parent");
    let f = d.join("isms.json");
    std::fs::write(&f, DOC).unwrap();
    let bogus = f.join("nested.json");
    let out = isms(&["schedule", f.to_str().unwrap(), "--from", "2025-01-01", "--ics", bogus.to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&f).unwrap(), DOC);
    // A read-only directory (skipped when running as root, which ignores it).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let ro = dir("ro");
        let g = ro.join("isms.json");
        std::fs::write(&g, DOC).unwrap();
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
        let root = std::fs::write(ro.join("probe"), "x").is_ok();
        if !root {
            let out = correct(&g, &[]);
            assert_eq!(out.status.code(), Some(2));
            assert_eq!(std::fs::read_to_string(&g).unwrap(), DOC);
        }
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn ics_export_parses_back_and_is_deterministic() {
    let d = dir("ics");
    let f = d.join("isms.json");
    std::fs::write(&f, DOC).unwrap();
    let ics = d.join("out.ics");
    let args = [
        "schedule",
        f.to_str().unwrap(),
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
        "--ics",
        ics.to_str().unwrap(),
        "--json",
    ];
    let out = isms(&args, &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let cal: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = cal["items"].as_array().unwrap();
    let text = std::fs::read_to_string(&ics).unwrap();
    // Deterministic: a second run gives the same bytes.
    let again = d.join("again.ics");
    let mut args2 = args;
    args2[7] = again.to_str().unwrap();
    assert!(isms(&args2, &[]).status.success());
    assert_eq!(std::fs::read_to_string(&again).unwrap(), text);
    // Lines are CRLF-terminated and folded at 75 octets.
    assert!(text.lines().all(|l| l.len() <= 75), "unfolded long line");
    assert!(text.split("\r\n").any(|l| l.starts_with(' ')), "the long course title is folded");
    assert!(text.contains("DTSTAMP:20250101T000000Z"));
    // Parse it back.
    let unfolded = icalendar::parser::unfold(&text);
    let parsed = icalendar::parser::read_calendar(&unfolded).unwrap();
    let events: Vec<_> = parsed.components.iter().filter(|c| c.name == "VEVENT").collect();
    assert_eq!(events.len(), items.len());
    let prop = |c: &icalendar::parser::Component<'_>, name: &str| {
        c.properties.iter().find(|p| p.name == name).map(|p| p.val.to_string()).unwrap()
    };
    for (e, item) in events.iter().zip(items) {
        assert_eq!(prop(e, "UID"), format!("{}@isms", item["key"].as_str().unwrap()));
        assert_eq!(prop(e, "DTSTART"), item["date"].as_str().unwrap().replace('-', ""));
        assert_eq!(prop(e, "SUMMARY").replace("\\,", ","), item["title"].as_str().unwrap());
    }
    let training = events.iter().find(|e| prop(e, "UID") == "training:c1:p1@isms").unwrap();
    assert_eq!((prop(training, "DTSTART"), prop(training, "DTEND")), ("20250205".into(), "20250206".into()));
    let mut uids: Vec<String> = events.iter().map(|e| prop(e, "UID")).collect();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), events.len(), "UIDs are unique");
}

#[test]
fn nc_takes_its_file_after_the_subcommand_and_the_engines_action_names() {
    let d = dir("nc-order");
    let f = d.join("isms.json");
    std::fs::write(&f, DOC).unwrap();
    let file = f.to_str().unwrap();
    // The file after the subcommand, as with every other command; the old order still works.
    let new = isms(&["nc", "list", file, "--json", "--as-of", "2025-01-10"], &[]);
    let old = isms(&["nc", file, "list", "--json", "--as-of", "2025-01-10"], &[]);
    assert!(new.status.success(), "{}", String::from_utf8_lossy(&new.stderr));
    assert_eq!(new.stdout, old.stdout);
    let show = isms(&["nc", "show", file, "nc1", "--json", "--as-of", "2025-01-10"], &[]);
    let v: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    assert!(v["deadline"].is_string() && v["deadline_status"].is_string(), "{v}");
    let allowed: Vec<String> = serde_json::from_value(v["allowed_actions"].clone()).unwrap();
    assert!(allowed.contains(&"correct".to_string()), "{allowed:?}");
    // The help shows where the file goes.
    let help = String::from_utf8(isms(&["nc", "transition", "--help"], &[]).stdout).unwrap();
    assert!(help.contains("isms nc transition <FILE> <ID>"), "{help}");
    // Each action the engine names is a subcommand, under that very name.
    let help_of = |name: &str| isms(&["nc", "transition", file, "nc1", name, "--help"], &[]);
    for name in
        ["correct", "analyse_root_cause", "plan_actions", "implement", "verify", "close", "reject", "cancel", "reopen"]
    {
        assert!(help_of(name).status.success(), "`{name}` is not accepted");
    }
    let out = isms(
        &["nc", "transition", file, "nc1", "correct", "--description", "Fixed", "--on", "2025-01-10", "--by", "p1"],
        &[],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = isms(
        &[
            "nc",
            "transition",
            file,
            "nc1",
            "analyse_root_cause",
            "--description",
            "No reminder",
            "--on",
            "2025-01-10",
            "--by",
            "p1",
        ],
        &[],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&f).unwrap()).unwrap();
    let history = doc["nonconformities"][0]["history"].as_array().unwrap();
    assert_eq!(history.last().unwrap()["action"], "analyse_root_cause");
}
