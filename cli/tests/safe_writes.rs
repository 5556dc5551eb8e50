//! How the CLI writes files (issue 11, "Writes"): no lost update when two
//! commands rewrite one document at once, no temporary file at a name an
//! attacker can guess, symlinks followed to the file they name, hard links,
//! read-only files, FIFOs and devices refused as documents, FIFOs and devices
//! written in place as `--out`, owner, group and mode kept, and `fmt -`.
#![allow(clippy::unwrap_used)]
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Exit code of a write refused because the document changed since it was read.
const CONFLICT: i32 = 3;

/// A valid document with `n` raised nonconformities `nc1`..`ncN`, not in
/// canonical form (so `fmt` rewrites it).
fn doc(n: usize) -> String {
    let ncs: Vec<String> = (1..=n)
        .map(|i| {
            format!(
                r#"{{"id": "nc{i}", "title": "Finding {i}", "source": "internal_audit", "grade": "minor", "raised_on": "2025-01-05", "controls": ["5.18"]}}"#
            )
        })
        .collect();
    format!(
        r#"{{"schema_version": "1.0", "organization": {{"name": "Acme", "headcount": 12}},
  "people": [{{"id": "p1", "name": "Ann"}}],
  "nonconformities": [{}]}}
"#,
        ncs.join(",\n    ")
    )
}

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("isms-safe-writes-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn isms() -> Command {
    Command::new(env!("CARGO_BIN_EXE_isms"))
}

fn run(args: &[&str]) -> Output {
    isms().args(args).output().unwrap()
}

fn correct(file: &Path, id: &str) -> Command {
    let mut c = isms();
    c.args(["nc", file.to_str().unwrap(), "transition", id, "correct", "--description", "Fixed"]);
    c.args(["--on", "2025-01-10", "--by", "p1"]);
    c
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Waits for a child at most `secs` seconds; kills it and fails the test if
/// it hangs (the old code blocked forever opening a FIFO).
fn wait_bounded(mut child: std::process::Child, secs: u64) -> Output {
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > Duration::from_secs(secs) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("isms hung for more than {secs}s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn states(file: &Path) -> Vec<isms_core::model::NcState> {
    let doc = isms_core::json::parse_document(&std::fs::read_to_string(file).unwrap()).unwrap();
    doc.nonconformities.iter().map(|n| n.state).collect()
}

fn mkfifo(path: &Path) {
    let st = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(st.success());
}

#[test]
fn concurrent_transitions_lose_no_update() {
    // Eight processes each move a different nonconformity at the same time.
    // `nc transition` holds the document's lock from read to rename, so they
    // queue: every one succeeds and every change is in the file.
    const N: usize = 8;
    let d = dir("concurrent");
    let f = d.join("isms.json");
    for round in 0..5 {
        std::fs::write(&f, doc(N)).unwrap();
        let children: Vec<_> = (1..=N)
            .map(|i| correct(&f, &format!("nc{i}")).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap())
            .collect();
        let outs: Vec<Output> = children.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
        let after = states(&f);
        let mut won = 0;
        for (i, o) in outs.iter().enumerate() {
            match o.status.code() {
                Some(0) => {
                    won += 1;
                    assert_eq!(
                        after[i],
                        isms_core::model::NcState::Corrected,
                        "round {round}: nc{} exited 0 but its change was lost",
                        i + 1
                    );
                }
                other => panic!("round {round}: nc{}: unexpected exit {other:?}: {}", i + 1, stderr(o)),
            }
        }
        assert_eq!(won, N, "round {round}: every transition gets through");
        let names: Vec<_> = std::fs::read_dir(&d).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["isms.json"], "no temporary file left behind");
    }
}

#[test]
fn concurrent_fmt_and_transitions_keep_the_file_whole() {
    // `fmt` holds the document's lock from read to rename, so a transition
    // that runs beside it is never undone by it.
    let d = dir("fmt-vs-nc");
    let f = d.join("isms.json");
    for _ in 0..5 {
        std::fs::write(&f, doc(2)).unwrap();
        let a = correct(&f, "nc1").stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
        let b = isms().args(["fmt", f.to_str().unwrap()]).stderr(Stdio::piped()).spawn().unwrap();
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        assert!(b.status.success(), "{}", stderr(&b));
        match a.status.code() {
            Some(0) => assert_eq!(states(&f)[0], isms_core::model::NcState::Corrected, "transition lost"),
            Some(CONFLICT) => assert_eq!(states(&f)[0], isms_core::model::NcState::Raised),
            other => panic!("unexpected exit {other:?}: {}", stderr(&a)),
        }
    }
}

#[test]
fn symlink_planted_at_the_old_predictable_temp_name_is_not_followed() {
    // The old temporary name was `.NAME.tmp-PID`, created without O_EXCL: a
    // symlink planted there made the write truncate and fill the file it
    // pointed to, and the rename then left the document as that symlink.
    let d = dir("planted");
    let f = d.join("isms.json");
    let victim = d.join("victim.txt");
    std::fs::write(&f, doc(1)).unwrap();
    std::fs::write(&victim, "precious\n").unwrap();
    // `exec` keeps the shell's PID, so the planted name is known in advance.
    let child = Command::new("sh")
        .arg("-c")
        .arg(format!("sleep 0.5; exec {} fmt {}", env!("CARGO_BIN_EXE_isms"), f.display()))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let planted = d.join(format!(".isms.json.tmp-{}", child.id()));
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    let out = wait_bounded(child, 30);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n", "the symlink's target is untouched");
    assert!(std::fs::symlink_metadata(&f).unwrap().file_type().is_file(), "the document is a regular file");
    assert!(std::fs::symlink_metadata(&planted).unwrap().file_type().is_symlink(), "the planted link is left alone");
    let check = run(&["fmt", "--check", f.to_str().unwrap()]);
    assert!(check.status.success(), "the document was rewritten in canonical form");
}

#[test]
fn writing_through_a_symlink_updates_the_file_it_names() {
    let d = dir("symlink");
    std::fs::create_dir_all(d.join("real")).unwrap();
    let real = d.join("real/isms.json");
    let link = d.join("isms.json");
    std::fs::write(&real, doc(1)).unwrap();
    std::os::unix::fs::symlink("real/isms.json", &link).unwrap();
    let out = run(&["fmt", link.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = correct(&link, "nc1").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link stays a link");
    assert_eq!(states(&real), [isms_core::model::NcState::Corrected], "the target got the change");
    let names: Vec<_> = std::fs::read_dir(d.join("real")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["isms.json"], "no temporary file beside the target");
}

fn assert_refused(out: &Output, path: &Path, why: &str) {
    assert_eq!(out.status.code(), Some(2), "{}", stderr(out));
    let e = stderr(out);
    assert!(e.contains(path.to_str().unwrap()) && e.contains(why), "message names the path and says {why:?}: {e}");
}

#[test]
fn hard_linked_document_is_refused() {
    let d = dir("hardlink");
    let f = d.join("isms.json");
    let other = d.join("other.json");
    std::fs::write(&f, doc(1)).unwrap();
    std::fs::hard_link(&f, &other).unwrap();
    assert_refused(&run(&["fmt", f.to_str().unwrap()]), &f, "hard link");
    assert_refused(&correct(&f, "nc1").output().unwrap(), &f, "hard link");
    assert_eq!(std::fs::read_to_string(&f).unwrap(), doc(1));
    assert_eq!(std::fs::metadata(&f).unwrap().nlink(), 2, "both names still share the file");
}

#[test]
fn read_only_document_is_refused() {
    let d = dir("readonly");
    let f = d.join("isms.json");
    std::fs::write(&f, doc(1)).unwrap();
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o444)).unwrap();
    assert_refused(&run(&["fmt", f.to_str().unwrap()]), &f, "read-only");
    assert_refused(&correct(&f, "nc1").output().unwrap(), &f, "read-only");
    assert_eq!(std::fs::read_to_string(&f).unwrap(), doc(1));
    assert_eq!(std::fs::metadata(&f).unwrap().permissions().mode() & 0o777, 0o444);
}

#[test]
fn fifo_document_is_refused() {
    let d = dir("fifo-doc");
    let f = d.join("isms.json");
    mkfifo(&f);
    let child = isms().args(["fmt", f.to_str().unwrap()]).stderr(Stdio::piped()).spawn().unwrap();
    assert_refused(&wait_bounded(child, 10), &f, "not a regular file");
    assert!(std::fs::symlink_metadata(&f).unwrap().file_type().is_fifo(), "the FIFO is still there");
}

#[test]
fn fifo_as_out_is_written_in_place() {
    let d = dir("fifo-out");
    let f = d.join("isms.json");
    std::fs::write(&f, doc(1)).unwrap();
    let out = d.join("report.html");
    mkfifo(&out);
    let reader = {
        let out = out.clone();
        std::thread::spawn(move || std::fs::read_to_string(out).unwrap())
    };
    let child = isms()
        .args(["report", f.to_str().unwrap(), "--html", out.to_str().unwrap(), "--as-of", "2025-02-01"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let o = wait_bounded(child, 30);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&out).unwrap().file_type().is_fifo(), "the FIFO was not replaced");
    let html = reader.join().unwrap();
    assert!(html.contains("<html"), "the reader got the report");
    let names: Vec<_> = std::fs::read_dir(&d).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "no temporary file: {names:?}");
}

#[test]
fn char_device_as_out_stays_a_device() {
    // A private copy of /dev/null (needs root for mknod; skipped otherwise),
    // so a regression cannot damage the real one.
    let d = dir("chardev");
    let null = d.join("null");
    let made = Command::new("mknod").arg(&null).args(["c", "1", "3"]).stderr(Stdio::null()).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mknod needs root");
        return;
    }
    let f = d.join("isms.json");
    std::fs::write(&f, doc(1)).unwrap();
    let o = run(&["schedule", f.to_str().unwrap(), "--from", "2025-01-01", "--ics", null.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&["report", f.to_str().unwrap(), "--html", null.to_str().unwrap(), "--as-of", "2025-02-01"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&null).unwrap().file_type().is_char_device(), "still a character device");
    // A device is never a document.
    assert_refused(&run(&["fmt", null.to_str().unwrap()]), &null, "not a regular file");
    assert!(std::fs::symlink_metadata(&null).unwrap().file_type().is_char_device());
}

#[test]
fn rewrite_keeps_owner_group_and_mode() {
    let d = dir("owner");
    let f = d.join("isms.json");
    std::fs::write(&f, doc(1)).unwrap();
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o640)).unwrap();
    // As root, give the file to another user and group, as an administrator
    // editing a service's document would find it.
    let root = std::fs::metadata(&f).unwrap().uid() == 0;
    if root {
        std::os::unix::fs::chown(&f, Some(4242), Some(4343)).unwrap();
    }
    let before = std::fs::metadata(&f).unwrap();
    let o = run(&["fmt", f.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = correct(&f, "nc1").output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let after = std::fs::metadata(&f).unwrap();
    assert_eq!(after.permissions().mode() & 0o7777, 0o640);
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
}

#[test]
fn fmt_dash_reads_stdin_and_writes_stdout() {
    let d = dir("fmt-dash");
    let canonical = {
        let f = d.join("c.json");
        std::fs::write(&f, doc(1)).unwrap();
        assert!(run(&["fmt", f.to_str().unwrap()]).status.success());
        std::fs::read_to_string(&f).unwrap()
    };
    let mut child = isms()
        .args(["fmt", "-"])
        .current_dir(&d)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), doc(1).as_bytes()).unwrap();
    let o = wait_bounded(child, 30);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(String::from_utf8_lossy(&o.stdout), canonical);
    assert!(!d.join("-").exists(), "no file named `-`");
    // `--check -`: exit 1 on non-canonical input, 0 on canonical; prints a
    // diff of what would change (issue 15), never the document itself.
    for (input, code) in [(doc(1), 1), (canonical.clone(), 0)] {
        let mut child = isms()
            .args(["fmt", "--check", "-"])
            .current_dir(&d)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), input.as_bytes()).unwrap();
        let o = wait_bounded(child, 30);
        assert_eq!(o.status.code(), Some(code));
        let out = String::from_utf8_lossy(&o.stdout);
        if code == 1 {
            assert!(out.starts_with("--- a/standard input\n+++ b/standard input\n@@ "), "{out}");
        } else {
            assert!(out.is_empty(), "{out}");
        }
    }
    assert!(!d.join("-").exists());
}
