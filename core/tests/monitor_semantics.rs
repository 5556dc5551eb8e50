//! Continuous monitoring: aggregation rules, freshness, tolerance windows,
//! overrides and their expiry, SoA exclusions, coverage, drift, and order
//! independence (docs/monitoring.md).
#![allow(clippy::unwrap_used)]
mod common;
use common::rec;
use isms_core::Isms;
use isms_core::evaluate::Severity;
use isms_core::model::Date;
use isms_core::monitor::{Health, Observations, ResultRecord, SoaStanding, Status};
use proptest::prelude::*;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn doc(settings: &str) -> Isms {
    let text = format!(
        r#"{{"schema_version":"1.0","organization":{{"name":"Acme"}},
        "settings":{settings},
        "people":[{{"id":"p-ciso","name":"Ada CISO"}}],
        "soa":{{"entries":[
          {{"control":"5.15","applicable":true}},
          {{"control":"8.5","applicable":true}},
          {{"control":"8.8","applicable":true}},
          {{"control":"8.24","applicable":true}},
          {{"control":"8.13","applicable":true}},
          {{"control":"7.4","applicable":false,"justification":"No premises of our own"}}
        ]}}}}"#
    );
    Isms::from_json(&text).unwrap_or_else(|e| panic!("{e}"))
}

fn plain() -> Isms {
    doc("{}")
}

fn health(isms: &Isms, records: &[ResultRecord], as_of: &str, control: &str) -> Option<Health> {
    let s = isms.monitor_summary(d(as_of), &Observations::from_records(records));
    s.control(control).map(|c| c.health)
}

const T0: &str = "2026-03-02T06:00:00Z";

#[test]
fn a_control_fails_if_any_result_fails() {
    let i = plain();
    let rs = [rec("a", "r1", Status::Pass, T0, "8.5"), rec("b", "r2", Status::Fail, T0, "8.5")];
    assert_eq!(health(&i, &rs, "2026-03-02", "8.5"), Some(Health::AtRisk));
    assert_eq!(health(&i, &rs, "2026-03-05", "8.5"), Some(Health::Failing));
}

#[test]
fn pass_needs_a_pass_and_no_fail_or_error() {
    let i = plain();
    let at = "2026-03-03";
    assert_eq!(health(&i, &[rec("a", "r", Status::Pass, T0, "8.5")], at, "8.5"), Some(Health::Passing));
    let pass_and_error = [rec("a", "r", Status::Pass, T0, "8.5"), rec("b", "r", Status::Error, T0, "8.5")];
    assert_eq!(health(&i, &pass_and_error, at, "8.5"), Some(Health::NotEvaluated));
    let pass_and_na = [rec("a", "r", Status::Pass, T0, "8.5"), rec("b", "r", Status::NotApplicable, T0, "8.5")];
    assert_eq!(health(&i, &pass_and_na, at, "8.5"), Some(Health::Passing));
}

#[test]
fn error_and_manual_are_not_evaluated_never_not_applicable() {
    let i = plain();
    let at = "2026-03-03";
    assert_eq!(health(&i, &[rec("a", "r", Status::Error, T0, "8.5")], at, "8.5"), Some(Health::NotEvaluated));
    assert_eq!(health(&i, &[rec("a", "r", Status::Manual, T0, "8.5")], at, "8.5"), Some(Health::NotEvaluated));
    let err_and_na = [rec("a", "r", Status::Error, T0, "8.5"), rec("b", "r", Status::NotApplicable, T0, "8.5")];
    assert_eq!(health(&i, &err_and_na, at, "8.5"), Some(Health::NotEvaluated));
    assert_eq!(health(&i, &[rec("a", "r", Status::NotApplicable, T0, "8.5")], at, "8.5"), Some(Health::NotApplicable));
}

#[test]
fn results_count_only_while_fresh_with_per_control_cadence() {
    let i = plain();
    let rs = [rec("a", "r", Status::Fail, T0, "8.5")];
    // Default cadence 7 days: fresh through 03-09, stale on 03-10.
    assert_eq!(health(&i, &rs, "2026-03-09", "8.5"), Some(Health::Failing));
    assert_eq!(health(&i, &rs, "2026-03-10", "8.5"), Some(Health::Stale));
    let i = doc(r#"{"monitoring":{"cadence_days":30,"controls":[{"control":"8.5","cadence_days":1}]}}"#);
    assert_eq!(health(&i, &rs, "2026-03-04", "8.5"), Some(Health::Stale));
    let other = [rec("a", "r", Status::Pass, T0, "8.8")];
    assert_eq!(health(&i, &other, "2026-03-20", "8.8"), Some(Health::Passing));
    // Results observed after the date judged are not known yet.
    assert_eq!(health(&i, &rs, "2026-03-01", "8.5"), None);
}

#[test]
fn a_new_failure_is_at_risk_then_a_finding_whose_severity_grows() {
    let i = doc(
        r#"{"monitoring":{"cadence_days":60,"tolerance_days":3,"escalate_after_days":30,"controls":[{"control":"8.8","critical":true}]}}"#,
    );
    let rs = [
        rec("a", "r", Status::Pass, "2026-02-20T06:00:00Z", "8.5"),
        rec("a", "r", Status::Fail, T0, "8.5"),
        rec("a", "r", Status::Fail, "2026-03-20T06:00:00Z", "8.5"),
        rec("v", "r", Status::Fail, T0, "8.8"),
    ];
    let obs = Observations::from_records(&rs);
    let at = |day: &str| i.monitor_summary(d(day), &obs);
    let s = at("2026-03-04");
    let c = s.control("8.5").unwrap();
    assert_eq!((c.health, c.days_failing, c.tolerance_ends), (Health::AtRisk, Some(2), Some(d("2026-03-05"))));
    let s = at("2026-03-05");
    let c = s.control("8.5").unwrap();
    assert_eq!((c.health, c.finding_severity), (Health::Failing, Some(Severity::Minor)));
    // Failing since the first fail after the last pass, not since the newest.
    let s = at("2026-04-01");
    let c = s.control("8.5").unwrap();
    assert_eq!((c.days_failing, c.finding_severity), (Some(30), Some(Severity::Major)));
    // A critical control is one level higher.
    assert_eq!(at("2026-03-05").control("8.8").unwrap().finding_severity, Some(Severity::Major));
    assert_eq!(at("2026-04-01").control("8.8").unwrap().finding_severity, Some(Severity::Blocker));
    // A pass breaks the streak.
    let rs2 = [
        rec("a", "r", Status::Fail, "2026-02-01T00:00:00Z", "8.5"),
        rec("a", "r", Status::Pass, "2026-02-10T00:00:00Z", "8.5"),
        rec("a", "r", Status::Fail, T0, "8.5"),
    ];
    let s = i.monitor_summary(d("2026-03-03"), &Observations::from_records(&rs2));
    assert_eq!(s.control("8.5").unwrap().days_failing, Some(1));
}

#[test]
fn overrides_hold_until_expiry_then_results_count_again() {
    let i = doc(
        r#"{"monitoring":{"overrides":[{"control":"8.24","check":"kms_rotation","justification":"Keys are HSM-managed; rotation is done by the HSM","approved_by":"p-ciso","expires_on":"2026-03-10"}]}}"#,
    );
    let rs = [rec("kms_rotation", "k1", Status::Fail, T0, "8.24"), rec("s3_enc", "b1", Status::Pass, T0, "8.24")];
    let obs = Observations::from_records(&rs);
    let s = i.monitor_summary(d("2026-03-06"), &obs);
    let c = s.control("8.24").unwrap();
    assert_eq!((c.health, c.counts.overridden), (Health::Passing, 1));
    assert_eq!(c.overrides[0].approved_by, "p-ciso");
    let s = i.monitor_summary(
        d("2026-03-11"),
        &Observations::from_records(&[rec("kms_rotation", "k1", Status::Fail, "2026-03-11T00:00:00Z", "8.24")]),
    );
    assert_eq!(s.control("8.24").unwrap().health, Health::AtRisk);
    assert_eq!(s.expired_overrides.len(), 1);
    let e = i.evaluate_with_results(d("2026-03-11"), &obs);
    assert!(e.findings.iter().any(|f| f.rule == "monitoring.override_expired"), "{:?}", e.findings);
}

#[test]
fn overrides_need_justification_approver_and_expiry() {
    let bad = r#"{"schema_version":"1.0","organization":{"name":"A"},"settings":{"monitoring":{"overrides":[{"control":"8.24","justification":" ","approved_by":"nobody","expires_on":"2026-03-10"}]}}}"#;
    let e = Isms::from_json(bad).unwrap_err();
    let paths: Vec<String> = e.problems().into_iter().map(|p| format!("{} {}", p.path, p.message)).collect();
    let all = paths.join("\n");
    assert!(all.contains("$.settings.monitoring.overrides[0].justification"), "{all}");
    assert!(all.contains("$.settings.monitoring.overrides[0].approved_by") && all.contains("nobody"), "{all}");
    let no_expiry = r#"{"schema_version":"1.0","organization":{"name":"A"},"settings":{"monitoring":{"overrides":[{"control":"8.24","justification":"x","approved_by":"p"}]}}}"#;
    assert!(Isms::from_json(no_expiry).unwrap_err().to_string().contains("expires_on"));
}

#[test]
fn results_for_excluded_controls_are_reported_as_such() {
    let i = plain();
    let rs = [rec("cctv", "site", Status::Fail, T0, "7.4")];
    let s = i.monitor_summary(d("2026-03-06"), &Observations::from_records(&rs));
    assert_eq!(s.control("7.4").unwrap().soa, SoaStanding::Excluded);
    let e = i.evaluate_with_results(d("2026-03-06"), &Observations::from_records(&rs));
    assert!(!e.findings.iter().any(|f| f.rule == "monitoring.control_failing"));
    assert!(e.findings.iter().any(|f| f.rule == "monitoring.excluded_control_failing"));
    let c = i.monitor_coverage(d("2026-03-06"), &Observations::from_records(&rs));
    assert_eq!((c.automated, c.excluded_with_results.clone()), (0, vec!["7.4".to_owned()]));
}

#[test]
fn findings_cite_failing_checks_and_resources_and_keep_their_fingerprint() {
    let i = plain();
    let one = [rec("iam_mfa", "user/alice", Status::Fail, T0, "8.5")];
    let two =
        [rec("iam_mfa", "user/alice", Status::Fail, T0, "8.5"), rec("iam_mfa", "user/bob", Status::Fail, T0, "8.5")];
    let e1 = i.evaluate_with_results(d("2026-03-06"), &Observations::from_records(&one));
    let e2 = i.evaluate_with_results(d("2026-03-06"), &Observations::from_records(&two));
    let f1 = e1.findings.iter().find(|f| f.rule == "monitoring.control_failing").unwrap();
    let f2 = e2.findings.iter().find(|f| f.rule == "monitoring.control_failing").unwrap();
    assert_eq!(f1.control.as_deref(), Some("8.5"));
    assert!(f2.message.contains("iam_mfa on user/bob"), "{}", f2.message);
    assert_eq!(f2.tests.len(), 2);
    assert_eq!(f1.fingerprint, f2.fingerprint);
    // Without results, the monitoring rules examine nothing.
    let plain_eval = i.evaluate(d("2026-03-06"));
    assert!(plain_eval.findings.iter().all(|f| !f.rule.starts_with("monitoring.")));
}

#[test]
fn stale_and_not_evaluated_become_findings() {
    let i = plain();
    let rs = [rec("a", "r", Status::Pass, T0, "8.5"), rec("b", "r", Status::Error, T0, "8.8")];
    let e = i.evaluate_with_results(d("2026-03-20"), &Observations::from_records(&rs));
    assert!(e.findings.iter().any(|f| f.rule == "monitoring.results_stale" && f.control.as_deref() == Some("8.5")));
    let e = i.evaluate_with_results(d("2026-03-03"), &Observations::from_records(&rs));
    assert!(e.findings.iter().any(|f| f.rule == "monitoring.not_evaluated" && f.control.as_deref() == Some("8.8")));
    let failing = [rec("a", "r", Status::Fail, T0, "8.5")];
    let e = i.evaluate_with_results(d("2026-03-03"), &Observations::from_records(&failing));
    let f = e.findings.iter().find(|f| f.rule == "monitoring.control_at_risk").unwrap();
    assert_eq!((f.severity, f.due_on), (Severity::Info, Some(d("2026-03-05"))));
    // Every monitoring rule is in the catalogue.
    for id in [
        "control_failing",
        "control_at_risk",
        "not_evaluated",
        "results_stale",
        "excluded_control_failing",
        "override_expired",
    ] {
        assert!(isms_core::evaluate::rule(&format!("monitoring.{id}")).is_some(), "{id}");
    }
}

#[test]
fn coverage_counts_applicable_controls_and_never_clauses() {
    let i = plain();
    let mut clause = rec("policy_doc", "", Status::Pass, T0, "8.5");
    clause.controls = vec![isms_core::monitor::ControlRef { framework: "iso27001-2022".into(), id: "9.1".into() }];
    let mut old = rec("backup", "vault", Status::Pass, T0, "8.5");
    old.controls = vec![isms_core::monitor::ControlRef { framework: "iso27001-2013".into(), id: "A.12.3.1".into() }];
    let mut split = rec("legal", "", Status::Pass, T0, "8.5");
    split.controls = vec![isms_core::monitor::ControlRef { framework: "iso27001-2013".into(), id: "A.18.2.3".into() }];
    let rs = [rec("a", "r", Status::Fail, T0, "8.5"), clause, old, split, rec("z", "r", Status::Pass, T0, "5.1")];
    let c = i.monitor_coverage(d("2026-03-03"), &Observations::from_records(&rs));
    assert_eq!(c.applicable, 5);
    assert_eq!(c.automated_controls, vec!["8.5".to_owned(), "8.13".to_owned()]);
    assert!((c.ratio - 0.4).abs() < 1e-12);
    assert_eq!(c.clauses_not_counted, vec!["9.1".to_owned()]);
    assert_eq!(c.undecided_with_results, vec!["5.1".to_owned()]);
    let s = i.monitor_summary(d("2026-03-03"), &Observations::from_records(&rs));
    assert_eq!(s.ambiguous_2013, vec!["A.18.2.3".to_owned()]);
}

#[test]
fn drift_shows_controls_that_started_and_stopped_failing() {
    let i = plain();
    let week1 = [rec("a", "r", Status::Fail, T0, "8.5"), rec("b", "r", Status::Pass, T0, "8.8")];
    let week2 = [
        rec("a", "r", Status::Pass, "2026-03-09T06:00:00Z", "8.5"),
        rec("b", "r", Status::Fail, "2026-03-09T06:00:00Z", "8.8"),
    ];
    let before = Observations::from_records(&week1);
    let mut after = before.clone();
    after.merge(Observations::from_records(&week2));
    let dr = i.monitor_drift(d("2026-03-06"), &before, d("2026-03-13"), &after);
    assert_eq!(dr.started_failing.iter().map(|c| c.control.as_str()).collect::<Vec<_>>(), vec!["8.8"]);
    assert_eq!(dr.stopped_failing.iter().map(|c| c.control.as_str()).collect::<Vec<_>>(), vec!["8.5"]);
}

fn arb_record() -> impl Strategy<Value = ResultRecord> {
    let statuses = prop_oneof![
        Just(Status::Pass),
        Just(Status::Fail),
        Just(Status::Error),
        Just(Status::Manual),
        Just(Status::NotApplicable)
    ];
    (0..3usize, 0..3usize, statuses, 0..12u32, 0..4usize).prop_map(|(c, r, s, day, ctl)| {
        let at = format!("2026-03-{:02}T0{}:00:00Z", day + 1, day % 3);
        rec(&format!("check{c}"), &format!("res{r}"), s, &at, ["8.5", "8.8", "7.4", "5.1"][ctl])
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]
    /// Shuffling the input never changes a verdict (nor anything else).
    #[test]
    fn order_never_changes_a_verdict(records in prop::collection::vec(arb_record(), 0..40), seed in any::<u64>()) {
        let i = doc(r#"{"monitoring":{"tolerance_days":2,"cadence_days":5}}"#);
        let mut shuffled = records.clone();
        // Fisher–Yates with a SplitMix64 stream.
        let mut x = seed;
        for k in (1..shuffled.len()).rev() {
            x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            let j = ((z ^ (z >> 31)) % (k as u64 + 1)) as usize;
            shuffled.swap(k, j);
        }
        let a = Observations::from_records(&records);
        let b = Observations::from_records(&shuffled);
        for day in ["2026-03-04", "2026-03-09", "2026-03-14"] {
            prop_assert_eq!(i.monitor_summary(d(day), &a), i.monitor_summary(d(day), &b));
            prop_assert_eq!(i.evaluate_with_results(d(day), &a), i.evaluate_with_results(d(day), &b));
        }
    }
}

fn shuffle<T>(v: &mut [T], seed: u64) {
    let mut x = seed;
    for k in (1..v.len()).rev() {
        x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        let j = ((z ^ (z >> 31)) % (k as u64 + 1)) as usize;
        v.swap(k, j);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]
    /// The bounded collection of one date judges that date as the whole
    /// history does, whatever the order, and fed line by line through the
    /// engine's stream as from the whole text.
    #[test]
    fn the_bounded_stream_judges_its_date_as_the_whole_history(
        records in prop::collection::vec(arb_record(), 0..40), seed in any::<u64>()
    ) {
        let i = doc(r#"{"monitoring":{"tolerance_days":2,"cadence_days":5}}"#);
        let whole = Observations::from_records(&records);
        let mut shuffled = records.clone();
        shuffle(&mut shuffled, seed);
        let text: String = shuffled.iter().map(|r| isms_core::monitor::to_line(r) + "\n").collect();
        for day in ["2026-03-04", "2026-03-09", "2026-03-14"] {
            let (parsed, bad) = isms_core::monitor::parse_ndjson(&text);
            prop_assert!(bad.is_empty());
            let mut stream = isms_core::engine::ResultStream::until(None, d(day));
            for (n, line) in text.lines().enumerate() {
                stream.push_line(n as u64 + 1, line);
            }
            let streamed = stream.finish("results").unwrap();
            prop_assert!(streamed.instants() <= whole.instants());
            let expected = i.monitor_summary(d(day), &whole);
            prop_assert_eq!(&i.monitor_summary(d(day), &streamed), &expected);
            prop_assert_eq!(&i.monitor_summary(d(day), &Observations::from_records(&parsed)), &expected);
            prop_assert_eq!(i.evaluate_with_results(d(day), &streamed), i.evaluate_with_results(d(day), &whole));
        }
    }
}

/// Many runs of the same pairs: the bounded collection holds a few instants
/// per pair, however many runs are read; the full one holds every run.
#[test]
fn memory_follows_the_pairs_not_the_runs() {
    let mut full = Observations::new();
    let mut bounded = Observations::until(d("2026-12-31"));
    for run in 0..200u32 {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(u64::from(run));
        let at = format!("{day}T06:00:00Z");
        for res in 0..10 {
            // One pair in ten fails on odd runs: it passes again on even ones.
            let status = if res == 0 && run % 2 == 1 { Status::Fail } else { Status::Pass };
            let r = rec("c", &format!("r{res}"), status, &at, "8.5");
            full.push(&r);
            bounded.push(&r);
        }
    }
    assert_eq!((full.pairs(), bounded.pairs()), (10, 10));
    assert_eq!(full.instants(), 2000);
    assert!(bounded.instants() <= 20, "{}", bounded.instants());
    let i = plain();
    assert_eq!(i.monitor_summary(d("2026-12-31"), &full), i.monitor_summary(d("2026-12-31"), &bounded));
}

/// Bad lines of a stream: every one counted, the first twenty listed with
/// their line and field, none dropped silently.
#[test]
fn a_stream_reports_bad_lines_by_number_and_counts_them_all() {
    let good = isms_core::monitor::to_line(&rec("c", "r", Status::Pass, T0, "8.5"));
    let mut stream = isms_core::engine::ResultStream::until(None, d("2026-03-03"));
    let mut n = 0;
    for k in 0..30 {
        n += 1;
        stream.push_line(n, &good);
        n += 1;
        let bad = if k == 0 { good.replace("\"pass\"", "\"passed\"") } else { "{".to_owned() };
        assert!(stream.push_line(n, &bad).is_none());
    }
    assert_eq!(stream.rejected(), 30);
    let e = stream.finish("results.ndjson").unwrap_err().to_string();
    assert!(e.contains("30 result record(s)"), "{e}");
    assert!(e.contains("line 2, $.status"), "{e}");
    assert!(e.contains("line 4, $: not JSON"), "{e}");
    assert!(e.contains("... and 10 more"), "{e}");
}

/// The streaming fast path (`ResultStream::read_line`, strings borrowed
/// from the line) collects exactly what the owned reader collects, and
/// counts the same bad lines: escaped strings, ids with `A.`, unsorted and
/// 2013 controls, clauses, blank lines, unknown fields and bad values.
#[test]
fn borrowed_fast_path_collects_what_the_owned_reader_does() {
    use isms_core::engine::ResultStream;
    let at = |h: u32| format!("2026-05-{:02}T{:02}:00:00Z", 1 + h % 20, h % 24);
    let mut lines = Vec::new();
    for i in 0..60u32 {
        let status = ["pass", "fail", "error", "manual", "not_applicable"][(i % 5) as usize];
        let controls = match i % 6 {
            0 => r#"[{"framework":"iso27001-2022","id":"8.8"}]"#.to_owned(),
            1 => r#"[{"framework":"iso27001-2022","id":"A.8.8"},{"framework":"ISO27001-2022","id":"5.15"}]"#.to_owned(),
            2 => r#"[{"framework":"iso27001-2022","id":"8.24"},{"framework":"iso27001-2022","id":"5.15"}]"#.to_owned(),
            3 => {
                r#"[{"framework":"iso27001-2013","id":"A.12.6.1"},{"framework":"iso27001-2022","id":"9.2"}]"#.to_owned()
            }
            4 => "[]".to_owned(),
            _ => r#"[{"framework":"iso27001-2022","id":"8.5"},{"framework":"iso27001-2022","id":"8.8"}]"#.to_owned(),
        };
        lines.push(format!(
            r#"{{"source":{{"tool":"scan\u0065r","run_id":"r{i}"}},"check":"c{}","status":"{status}","observed_at":"{}","resource_id":"res \"{}\"","resource_type":"Host","controls":{controls},"message":"line\n{i}","severity":"high"}}"#,
            i % 7,
            at(i),
            i % 4
        ));
        if i % 13 == 0 {
            lines.push(String::new());
        }
    }
    lines.push(
        r#"{"source":{"tool":"x"},"check":"c","status":"pass","observed_at":"2026-05-01T00:00:00Z","extra":1}"#.into(),
    );
    lines.push(r#"{"source":{"tool":" "},"check":"c","status":"pass","observed_at":"2026-05-01T00:00:00Z"}"#.into());
    lines.push(r#"{"source":{"tool":"x"},"check":"c","status":"pass","observed_at":"2026-05-01T00:00:00Z","controls":[{"framework":"iso27001-2022","id":"9.99"}]}"#.into());
    lines.push("not json".into());
    let (mut owned, mut fast) =
        (ResultStream::until(None, d("2026-05-15")), ResultStream::until(None, d("2026-05-15")));
    for (n, line) in lines.iter().enumerate() {
        let n = n as u64 + 1;
        let _ = owned.push_line(n, line);
        fast.read_line(n, line);
    }
    let rejected = owned.rejected();
    assert_eq!(rejected, 4, "{:?}", owned.finish("x").err());
    assert_eq!(fast.rejected(), owned.rejected());
    assert_eq!(fast.held_instants(), owned.held_instants());
    assert_eq!(format!("{:?}", fast.finish("x")), format!("{:?}", owned.finish("x")));
    let good: Vec<&String> = lines.iter().take(lines.len() - 4).collect();
    let (mut owned, mut fast) =
        (ResultStream::until(None, d("2026-05-15")), ResultStream::until(None, d("2026-05-15")));
    for (n, line) in good.iter().enumerate() {
        let _ = owned.push_line(n as u64 + 1, line);
        fast.read_line(n as u64 + 1, line);
    }
    let (owned, fast) = (owned.finish("x").unwrap(), fast.finish("x").unwrap());
    assert!(owned.records() > 50);
    assert_eq!(fast, owned);
    let isms = doc("{}");
    assert_eq!(isms.monitor_summary(d("2026-05-15"), &fast), isms.monitor_summary(d("2026-05-15"), &owned));
}
