//! Monitoring ingestion benchmark: generates neutral NDJSON results files of
//! the given record counts in a temporary directory, then streams each one
//! in a fresh process exactly as the CLI does (a buffered reader, line by
//! line, into `engine::ResultStream::until`), and prints a Markdown row per
//! size: records/s on one core and peak RSS (`VmHWM`), so the memory of two
//! sizes can be compared side by side.
//! Usage: monitor [RECORDS...]   (default: 1000000 10000000)
//!        monitor --ingest FILE [borrowed|owned]  (one measurement; used by the parent)
use isms_core::Isms;
use isms_core::engine::ResultStream;
use std::io::{BufRead, BufWriter, Write};
use std::path::Path;
use std::time::Instant;

/// Checks × resources: the distinct pairs every file repeats run after run.
const CHECKS: u32 = 100;
const RESOURCES: u32 = 100;

/// The Annex A controls the checks are mapped to (one or two per check).
const CONTROLS: [&str; 12] =
    ["5.15", "5.17", "5.23", "8.2", "8.5", "8.8", "8.9", "8.12", "8.15", "8.16", "8.20", "8.24"];

fn as_of() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2027, 12, 31).unwrap_or_default()
}

/// Writes `n` records: runs of every pair, one run per hour from
/// 2026-01-01; one pair in ten fails for stretches of 50 runs.
fn generate(n: u64, path: &Path) -> std::io::Result<u64> {
    let file = std::fs::File::create(path)?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    let start =
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default().and_hms_opt(0, 0, 0).unwrap_or_default();
    let per_run = u64::from(CHECKS * RESOURCES);
    let mut written = 0;
    let mut run = 0u64;
    while written < n {
        let at = (start + chrono::Duration::hours(i64::try_from(run).unwrap_or(0))).format("%Y-%m-%dT%H:%M:%SZ");
        let at = at.to_string();
        for k in 0..per_run {
            if written == n {
                break;
            }
            let (c, r) = (k / u64::from(RESOURCES), k % u64::from(RESOURCES));
            let fails = (c + r + run / 50) % 10 == 0;
            let status = if fails { "fail" } else { "pass" };
            let c1 = CONTROLS[(c % 12) as usize];
            let c2 = CONTROLS[((c * 7 + 3) % 12) as usize];
            let controls = if c % 3 == 0 {
                format!(r#"[{{"framework":"iso27001-2022","id":"{c1}"}},{{"framework":"iso27001-2022","id":"{c2}"}}]"#)
            } else {
                format!(r#"[{{"framework":"iso27001-2022","id":"{c1}"}}]"#)
            };
            writeln!(
                w,
                r#"{{"source":{{"tool":"prowler","version":"4.2.0","run_id":"run-{run}"}},"check":"check_{c:03}","status":"{status}","observed_at":"{at}","resource_id":"arn:aws:s3:::bucket-{r:03}","resource_type":"AwsS3Bucket","controls":{controls},"severity":"high","message":"Bucket bucket-{r:03} {status}s check_{c:03}"}}"#
            )?;
            written += 1;
        }
        run += 1;
    }
    w.flush()?;
    Ok(written)
}

/// CPU seconds (user + system) of this process: on a shared machine the
/// wall clock also counts other processes' turns.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the parenthesised command name; utime and stime are the
    // 14th and 15th fields of the whole line, in clock ticks (100 per second).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|s| s.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn vm_hwm_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// Streams one file; prints `records seconds pairs instants hwm_kib controls`.
fn ingest(path: &Path, parse_only: bool) -> Result<(), String> {
    let trace = std::env::var_os("TRACE_RSS").is_some();
    let owned = std::env::args().nth(3).as_deref() == Some("owned");
    let doc = r#"{"schema_version":"1.0","organization":{"name":"Bench"}}"#;
    let isms = Isms::from_json(doc).map_err(|e| e.to_string())?;
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
    let mut buf = Vec::with_capacity(1024);
    let mut stream = ResultStream::until(None, as_of());
    let t = Instant::now();
    let cpu0 = cpu_seconds();
    let mut line_no = 0u64;
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf).map_err(|e| e.to_string())? == 0 {
            break;
        }
        line_no += 1;
        if trace && line_no % 1_000_000 == 0 {
            eprintln!("{line_no} lines: VmHWM {} KiB, instants {}", vm_hwm_kib(), stream.held_instants());
        }
        let text = std::str::from_utf8(&buf).map_err(|e| format!("line {line_no}: {e}"))?;
        if parse_only {
            std::hint::black_box(isms_core::monitor::parse_line(line_no, text).ok());
        } else if owned {
            // The owned reader (every field a `String`), for comparison.
            let _ = stream.push_line(line_no, text);
        } else {
            stream.read_line(line_no, text);
        }
    }
    let obs = stream.finish("results").map_err(|e| e.to_string())?;
    let summary = isms.monitor_summary(as_of(), &obs);
    let secs = t.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu0;
    println!(
        "{} {secs} {cpu} {} {} {} {}",
        obs.records(),
        obs.pairs(),
        obs.instants(),
        vm_hwm_kib(),
        summary.controls.len()
    );
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--ingest") {
        if let Err(e) =
            ingest(Path::new(args.get(1).map_or("", String::as_str)), std::env::var_os("PARSE_ONLY").is_some())
        {
            eprintln!("{e}");
            std::process::exit(1);
        }
        return;
    }
    let sizes: Vec<u64> = {
        let v: Vec<u64> = args.iter().filter_map(|s| s.parse().ok()).collect();
        if v.is_empty() { vec![1_000_000, 10_000_000] } else { v }
    };
    let dir = std::env::temp_dir().join(format!("isms-monitor-bench-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("cannot create {}: {e}", dir.display());
        std::process::exit(1);
    }
    let me = std::env::current_exe().unwrap_or_default();
    println!(
        "| records | reader | file MB | pairs | instants held | controls | wall s | CPU s | records/s (wall) | records/s (CPU) | MB/s (CPU) | peak RSS MiB |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for n in sizes {
        let path = dir.join(format!("results-{n}.ndjson"));
        if let Err(e) = generate(n, &path) {
            eprintln!("cannot write {}: {e}", path.display());
            std::process::exit(1);
        }
        let mb = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
        // Both readers on the same file, one after the other, so their ratio
        // is measured side by side: `borrowed` is what the CLI runs
        // (`ResultStream::read_line`), `owned` the reader it replaced.
        for reader in ["borrowed", "owned"] {
            let out = std::process::Command::new(&me).arg("--ingest").arg(&path).arg(reader).output();
            let out = match out {
                Ok(o) if o.status.success() => {
                    eprint!("{}", String::from_utf8_lossy(&o.stderr));
                    String::from_utf8_lossy(&o.stdout).into_owned()
                }
                Ok(o) => {
                    eprintln!("ingest failed: {}", String::from_utf8_lossy(&o.stderr));
                    std::process::exit(1);
                }
                Err(e) => {
                    eprintln!("cannot run {}: {e}", me.display());
                    std::process::exit(1);
                }
            };
            let f: Vec<f64> = out.split_whitespace().filter_map(|s| s.parse().ok()).collect();
            let [records, secs, cpu, pairs, instants, hwm, controls] = f[..] else {
                eprintln!("unexpected output: {out}");
                std::process::exit(1);
            };
            println!(
                "| {records:.0} | {reader} | {mb:.0} | {pairs:.0} | {instants:.0} | {controls:.0} | {secs:.2} | {cpu:.2} | {:.0} | {:.0} | {:.0} | {:.1} |",
                records / secs,
                records / cpu.max(0.01),
                mb / cpu.max(0.01),
                hwm / 1024.0
            );
        }
        let _ = std::fs::remove_file(&path);
    }
    let _ = std::fs::remove_dir(&dir);
}
