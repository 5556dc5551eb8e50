//! Waivers and rule settings (`docs/waivers.md`): which findings a waiver
//! matches, its expiry to the day, approval, unknown rules, re-graded and
//! disabled rules, readiness, and how the CI formats and the text show them.
#![allow(clippy::unwrap_used)]
use isms_core::Isms;
use isms_core::engine::{Format, Response};
use isms_core::evaluate::{Evaluation, OverrideAction, Severity, WaiverState};
use isms_core::model::{Date, Document, RuleSetting, Waiver};
use isms_core::render::text::CheckView;

const HEALTHY: &str = include_str!("../../tests/fixtures/healthy.json");
const AS_OF: &str = "2026-06-01";

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

fn healthy() -> Document {
    isms_core::json::parse_document(HEALTHY).unwrap()
}

/// The healthy ISMS with two minor findings of `roles.responsibilities_missing`
/// (roles `ro-sponsor` and `ro-mgr`) and the blocker `scope.missing`.
fn with_findings() -> Document {
    let mut d = healthy();
    d.roles[0].responsibilities.clear();
    d.roles[1].responsibilities.clear();
    d.scope.statement = None;
    d
}

fn waiver(id: &str, rule: &str) -> Waiver {
    Waiver {
        id: id.into(),
        rule: rule.into(),
        entity: None,
        fingerprint: None,
        justification: "accepted while the reorganisation runs".into(),
        approver: Some("p-ceo".into()),
        approved_on: Some(date("2026-05-01")),
        expires_on: date("2026-09-30"),
        extensions: Default::default(),
    }
}

fn eval_on(d: &Document, as_of: &str) -> Evaluation {
    Isms::new(d.clone()).unwrap_or_else(|e| panic!("{:?}", e.problems())).evaluate(date(as_of))
}

fn eval(d: &Document) -> Evaluation {
    eval_on(d, AS_OF)
}

fn of<'a>(e: &'a Evaluation, rule: &str) -> Vec<&'a isms_core::evaluate::Finding> {
    e.findings.iter().filter(|f| f.rule == rule).collect()
}

#[test]
fn a_waiver_of_a_rule_marks_every_finding_of_it_and_keeps_them() {
    let mut d = with_findings();
    let before = eval(&d);
    d.waivers.push(waiver("w-roles", "roles.responsibilities_missing"));
    let e = eval(&d);
    let hits = of(&e, "roles.responsibilities_missing");
    assert_eq!(hits.len(), 2, "waived findings stay in the result");
    assert!(hits.iter().all(|f| f.waiver.as_deref() == Some("w-roles")));
    assert_eq!(e.summary.waived, 2);
    assert_eq!(e.summary.minor, before.summary.minor - 2);
    assert_eq!(e.summary.total, before.summary.total - 2);
    let open: Vec<&str> = e.findings.iter().filter(|f| !f.is_waived()).map(|f| f.rule.as_str()).collect();
    assert_eq!(open, ["scope.missing"], "only the blocker is left");
    assert!(before.fails(Severity::Minor) && e.fails(Severity::Blocker));
    let w = &e.waivers[0];
    assert_eq!((w.id.as_str(), w.state), ("w-roles", WaiverState::Active));
    assert_eq!(w.findings.len(), 2);
    // Scores count the waived findings as failed still.
    assert_eq!(e.readiness.overall, before.readiness.overall);
}

#[test]
fn a_waiver_limited_to_an_entity_or_fingerprint_waives_only_that_finding() {
    let mut d = with_findings();
    let mut w = waiver("w-one", "roles.responsibilities_missing");
    w.entity = Some("ro-mgr".into());
    d.waivers.push(w);
    let e = eval(&d);
    let waived: Vec<bool> = of(&e, "roles.responsibilities_missing")
        .iter()
        .map(|f| f.is_waived() == f.entities.iter().any(|x| x.id == "ro-mgr"))
        .collect();
    assert_eq!(waived, [true, true]);
    assert_eq!(e.summary.waived, 1);

    let mut d = with_findings();
    let target = of(&eval(&d), "roles.responsibilities_missing")[0].fingerprint.clone();
    let mut w = waiver("w-fp", "roles.responsibilities_missing");
    w.fingerprint = Some(target.to_uppercase());
    d.waivers.push(w);
    let e = eval(&d);
    let waived: Vec<&str> = e.findings.iter().filter(|f| f.is_waived()).map(|f| f.fingerprint.as_str()).collect();
    assert_eq!(waived, [target.as_str()]);
}

#[test]
fn a_waiver_holds_on_its_expiry_day_and_lapses_the_day_after() {
    let mut d = with_findings();
    let mut w = waiver("w-roles", "roles.responsibilities_missing");
    w.expires_on = date("2026-06-10");
    d.waivers.push(w);
    let last = eval_on(&d, "2026-06-10");
    assert_eq!(last.summary.waived, 2);
    assert!(of(&last, "waivers.expired").is_empty());
    assert_eq!(of(&last, "waivers.expiring").len(), 1, "within the warning window");
    let early = eval_on(&d, "2026-05-01");
    assert!(of(&early, "waivers.expiring").is_empty(), "40 days ahead is outside the 30-day window");

    let after = eval_on(&d, "2026-06-11");
    assert_eq!(after.summary.waived, 0, "the findings come back");
    assert!(of(&after, "roles.responsibilities_missing").iter().all(|f| !f.is_waived()));
    let expired = of(&after, "waivers.expired");
    assert_eq!(expired.len(), 1);
    assert_eq!(expired[0].due_on, Some(date("2026-06-10")));
    assert_eq!(expired[0].path.as_deref(), Some("/waivers/0"));
    assert_eq!(after.waivers[0].state, WaiverState::Expired);
    assert!(after.waivers[0].findings.is_empty());
}

#[test]
fn an_unapproved_waiver_waives_nothing_and_is_a_finding() {
    for (approver, on) in [(None, Some("2026-05-01")), (Some("p-ceo"), None), (Some("p-ceo"), Some("2026-07-01"))] {
        let mut d = with_findings();
        let mut w = waiver("w-roles", "roles.responsibilities_missing");
        w.approver = approver.map(Into::into);
        w.approved_on = on.map(date);
        d.waivers.push(w);
        let e = eval(&d);
        assert_eq!(e.summary.waived, 0, "{approver:?} {on:?}");
        assert_eq!(e.waivers[0].state, WaiverState::Unapproved);
        assert_eq!(of(&e, "waivers.unapproved").len(), 1);
    }
}

#[test]
fn a_waiver_of_an_unknown_or_waiver_rule_is_a_finding() {
    for rule in ["roles.no_such_rule", "waivers.expired"] {
        let mut d = with_findings();
        d.waivers.push(waiver("w-x", rule));
        let e = eval(&d);
        assert_eq!(e.waivers[0].state, WaiverState::UnknownRule, "{rule}");
        let f = of(&e, "waivers.unknown_rule");
        assert_eq!(f.len(), 1, "{rule}");
        assert!(f[0].message.contains(rule));
        assert_eq!(e.summary.waived, 0);
    }
}

#[test]
fn a_waived_blocker_blocks_no_stage_and_does_not_fail_the_gate() {
    let d = with_findings();
    let e = eval(&d);
    assert!(!e.readiness.stage1.ready && e.fails(Severity::Blocker));
    let mut d = with_findings();
    d.waivers.push(waiver("w-scope", "scope.missing"));
    let e = eval(&d);
    assert!(e.readiness.stage1.ready && e.readiness.stage2.ready, "{:?}", e.readiness.stage1);
    assert!(!e.fails(Severity::Blocker));
    assert!(e.fails(Severity::Minor), "the unwaived minor findings still fail at minor");
    assert_eq!(e.summary.blocker, 0);
    assert_eq!(e.worst(), Some(Severity::Minor));
    let v = isms_core::engine::Verdict::of(&e, Severity::Blocker);
    assert!(!v.fails && v.failing_findings == 0);
}

#[test]
fn a_regraded_rule_carries_the_new_severity_and_the_original() {
    let mut d = with_findings();
    d.settings.rules.push(RuleSetting {
        rule: "scope.missing".into(),
        disabled: false,
        severity: Some(Severity::Major),
        reason: "scope statement lives in the group ISMS".into(),
    });
    let e = eval(&d);
    let f = of(&e, "scope.missing");
    assert_eq!(f.len(), 1);
    assert_eq!((f[0].severity, f[0].original_severity), (Severity::Major, Some(Severity::Blocker)));
    assert!(f[0].stages.is_empty() && e.readiness.stage1.ready, "no longer a blocker");
    let o = &e.overrides[0];
    assert_eq!(
        (o.action, o.default_severity, o.severity, o.findings),
        (OverrideAction::Regraded, Severity::Blocker, Some(Severity::Major), 1)
    );
}

#[test]
fn a_disabled_rule_reports_nothing_but_is_listed() {
    let mut d = with_findings();
    d.settings.rules.push(RuleSetting {
        rule: "roles.responsibilities_missing".into(),
        disabled: true,
        severity: None,
        reason: "responsibilities are kept in the HR system".into(),
    });
    let e = eval(&d);
    assert!(of(&e, "roles.responsibilities_missing").is_empty());
    let o = &e.overrides[0];
    assert_eq!(
        (o.rule.as_str(), o.action, o.findings),
        ("roles.responsibilities_missing", OverrideAction::Disabled, 2)
    );
    let outcome = e.rules.iter().find(|r| r.rule == "roles.responsibilities_missing").unwrap();
    assert_eq!((outcome.checked, outcome.findings), (0, 0), "a disabled rule did not apply");
}

#[test]
fn a_rule_setting_naming_an_unknown_rule_is_a_finding_at_its_path() {
    let mut d = healthy();
    d.settings.rules.push(RuleSetting {
        rule: "roles.typo".into(),
        disabled: true,
        severity: None,
        reason: "x".into(),
    });
    let e = eval(&d);
    let f = of(&e, "waivers.unknown_rule");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].path.as_deref(), Some("/settings/rules/0"));
    assert!(e.overrides.is_empty());
}

#[test]
fn unusable_waivers_and_rule_settings_are_validation_problems() {
    let mut d = healthy();
    let mut w = waiver("w-1", "scope.missing");
    w.approver = Some("nobody".into());
    w.justification = " ".into();
    w.expires_on = date("2026-04-01");
    d.waivers.push(w);
    d.settings.rules.push(RuleSetting {
        rule: "scope.missing".into(),
        disabled: false,
        severity: None,
        reason: "".into(),
    });
    d.settings.rules.push(RuleSetting {
        rule: "scope.missing".into(),
        disabled: true,
        severity: Some(Severity::Info),
        reason: "r".into(),
    });
    let got: Vec<(String, String)> = isms_core::validate::validate(&d).into_iter().map(|p| (p.code, p.path)).collect();
    for (code, path) in [
        ("dangling_reference", "$.waivers[0].approver"),
        ("out_of_range", "$.waivers[0].justification"),
        ("date_order", "$.waivers[0].expires_on"),
        ("out_of_range", "$.settings.rules[0].reason"),
        ("out_of_range", "$.settings.rules[0]"),
        ("out_of_range", "$.settings.rules[1]"),
        ("duplicate_id", "$.settings.rules[1].rule"),
    ] {
        assert!(got.iter().any(|(c, p)| c == code && p == path), "expected {code} at {path}; got {got:?}");
    }
}

fn waived_doc() -> Document {
    let mut d = with_findings();
    d.waivers.push(waiver("w-scope", "scope.missing"));
    d
}

#[test]
fn sarif_marks_waived_findings_as_suppressed() {
    let d = waived_doc();
    let out = Response::Evaluation(eval(&d)).render(Format::Sarif, Some(&d)).unwrap();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    for r in results {
        let waived = r["ruleId"] == "scope.missing";
        assert_eq!(r.get("suppressions").is_some(), waived, "{r}");
        if waived {
            let s = &r["suppressions"][0];
            assert_eq!((s["kind"].as_str(), s["status"].as_str()), (Some("external"), Some("accepted")));
            assert!(s["justification"].as_str().unwrap().contains("reorganisation"));
        }
    }
}

#[test]
fn junit_and_github_do_not_fail_on_waived_findings() {
    let d = waived_doc();
    let e = eval(&d);
    let xml = Response::Evaluation(e.clone()).render(Format::Junit, Some(&d)).unwrap();
    let case = xml.split("<testcase").find(|c| c.contains("name=\"scope.missing\"")).unwrap();
    assert!(!case.contains("<failure") && case.contains("<skipped message=\"1 finding(s) waived\"/>"), "{case}");
    assert!(case.contains("waived by w-scope until 2026-09-30"));
    let gh = Response::Evaluation(e).render(Format::Github, Some(&d)).unwrap();
    let line = gh.lines().find(|l| l.contains("scope.missing")).unwrap();
    assert!(line.starts_with("::notice ") && line.contains("waived by w-scope"), "{line}");
}

#[test]
fn the_check_text_groups_by_rule_lists_waivers_and_overrides_and_filters() {
    let mut d = waived_doc();
    d.settings.rules.push(RuleSetting {
        rule: "scope.not_approved".into(),
        disabled: true,
        severity: None,
        reason: "approved at group level".into(),
    });
    let e = eval(&d);
    let text = |v: &CheckView| isms_core::engine::evaluation_text(&e, Some(&d), v);
    let all = text(&CheckView::default());
    assert!(all.contains("\nMINOR roles.responsibilities_missing (2): "), "{all}");
    assert!(all.contains("\nWaived (1 finding(s), 1 waiver(s))\n  w-scope [scope.missing] active: approved by "));
    assert!(all.contains("\nOverrides (1 rule(s), settings.rules)\n  scope.not_approved: disabled, 0 finding(s) not reported\n      why: approved at group level"));
    assert!(all.contains("Findings: 0 blocker, 0 major, 2 minor, 0 info (1 waived)"));

    let summary = text(&CheckView { summary_only: true, ..CheckView::default() });
    assert!(summary.contains("Readiness ") && !summary.contains("[roles.responsibilities_missing]"));
    assert!(summary.ends_with("rule overrides: 1\n"), "{summary}");

    let limited = text(&CheckView { limit: Some(1), ..CheckView::default() });
    assert_eq!(limited.matches("  [roles.responsibilities_missing]").count(), 1);
    assert!(limited.contains("  ... and 1 more (--limit 1)"));

    let by_rule = text(&CheckView { rules: vec!["scope.missing".into()], ..CheckView::default() });
    assert!(!by_rule.contains("  [roles.responsibilities_missing]"));
    assert!(by_rule.contains("Showing 0 of 2 finding(s): rule scope.missing"));

    let major = text(&CheckView { min_severity: Some(Severity::Major), ..CheckView::default() });
    assert!(!major.contains("  [roles.responsibilities_missing]") && major.contains("Showing 0 of 2"));
}

#[test]
fn findings_within_a_rule_are_in_natural_control_order() {
    // Evidence for every implemented control missing: one finding per control.
    let mut d = healthy();
    d.evidence.clear();
    let e = eval(&d);
    let groups = isms_core::render::text::group_by_rule(&e.findings);
    let (_, fs) = groups.iter().find(|(_, fs)| fs.len() > 10 && fs.iter().all(|f| f.control.is_some())).unwrap();
    let controls: Vec<&str> = fs.iter().map(|f| f.control.as_deref().unwrap()).collect();
    let i2 = controls.iter().position(|c| *c == "5.2").unwrap();
    let i10 = controls.iter().position(|c| *c == "5.10").unwrap();
    assert!(i2 < i10, "{controls:?}");
    let mut sorted = controls.clone();
    sorted.sort_by(|a, b| isms_core::evaluate::natural_cmp(a, b));
    assert_eq!(controls, sorted);
}

#[test]
fn waived_findings_block_no_roadmap_step() {
    let mut d = with_findings();
    let isms = |d: &Document| Isms::new(d.clone()).unwrap();
    let blockers = |d: &Document| -> Vec<(u8, String)> {
        isms(d)
            .roadmap(date(AS_OF))
            .steps
            .iter()
            .flat_map(|s| s.blocked_by.iter().map(move |b| (s.step, b.rule.clone())))
            .collect()
    };
    let rule = "roles.responsibilities_missing";
    let before = blockers(&d);
    let mut steps_blocked: Vec<u8> = before.iter().filter(|(_, r)| r == rule).map(|(s, _)| *s).collect();
    steps_blocked.dedup();
    assert!(!steps_blocked.is_empty(), "the unwaived findings block a step: {before:?}");
    d.waivers.push(waiver("w-roles", rule));
    let after = blockers(&d);
    assert!(after.iter().all(|(_, r)| r != rule), "a waived finding blocks no step: {after:?}");
    assert!(after.iter().any(|(_, r)| r == "scope.missing"), "the unwaived blocker still blocks");
    // The waiver expires: its findings block again the day after.
    assert_eq!(
        isms(&d)
            .roadmap(date("2026-10-01"))
            .steps
            .iter()
            .filter(|s| s.blocked_by.iter().any(|b| b.rule == rule))
            .count(),
        steps_blocked.len()
    );
}
