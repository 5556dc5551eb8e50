//! Certification cycle, internal audit programme, management reviews,
//! calendar and audit duration, checked against the rules in
//! `shared/reference/facts.md` section 5.
#![allow(clippy::unwrap_used)]
use isms_core::Document;
use isms_core::model::Date;
use isms_core::schedule::*;
use serde_json::{Value, json};

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn doc(extra: Value) -> Document {
    let mut base = json!({"schema_version": "1.0", "organization": {"name": "Acme"}});
    if let (Some(b), Some(e)) = (base.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            b.insert(k.clone(), v.clone());
        }
    }
    let doc = isms_core::json::parse_document(&base.to_string()).unwrap();
    assert_eq!(isms_core::validate::validate(&doc), vec![], "fixture must be valid");
    doc
}

fn milestone(c: &CertificationCycle, kind: MilestoneKind, seq: u32) -> &Milestone {
    c.milestones.iter().find(|m| m.kind == kind && m.sequence == seq).unwrap()
}

#[test]
fn leap_day_decision() {
    let doc = doc(json!({"certification": {"decision_on": "2024-02-29"}}));
    let c = certification_cycle(&doc, d("2024-03-01"));
    assert_eq!(c.expires_on, Some(d("2027-02-28")));
    let s1 = milestone(&c, MilestoneKind::Surveillance, 1);
    assert_eq!(s1.latest, Some(d("2025-02-28")), "12 months after 29 Feb is 28 Feb");
    assert_eq!(s1.earliest, Some(d("2024-11-28")));
    let s2 = milestone(&c, MilestoneKind::Surveillance, 2);
    assert_eq!(s2.latest, Some(d("2026-02-28")));
    assert!(c.milestones.iter().filter(|m| m.kind == MilestoneKind::Surveillance).count() == 2);
    let r = milestone(&c, MilestoneKind::RecertificationAudit, 1);
    assert_eq!((r.earliest, r.target, r.latest), (Some(d("2026-08-28")), Some(d("2026-11-28")), Some(d("2027-02-28"))));
    assert_eq!(c.restoration_until, Some(d("2027-08-28")));
    assert_eq!(c.state, CertificateState::Valid);
    // On 2024-03-01 no year of the cycle is over: none is listed as missed.
    assert!(c.years_without_surveillance.is_empty(), "{:?}", c.years_without_surveillance);
    let c = certification_cycle(&doc, d("2025-06-01"));
    assert!(c.years_without_surveillance.is_empty(), "2025 is not over yet");
    let c = certification_cycle(&doc, d("2027-01-10"));
    assert_eq!(c.years_without_surveillance, [2025, 2026]);
}

#[test]
fn surveillance_status_and_missed_deadline() {
    let doc = doc(json!({"certification": {"decision_on": "2025-01-15", "audits": [
        {"id": "sv1", "kind": "surveillance", "status": "planned", "start_on": "2026-01-10"}
    ]}}));
    let at = |s: &str| certification_cycle(&doc, d(s));
    let s1 = |c: &CertificationCycle| milestone(c, MilestoneKind::Surveillance, 1).clone();
    assert_eq!(s1(&at("2025-06-01")).status, Status::Upcoming);
    assert_eq!(s1(&at("2025-11-01")).status, Status::DueSoon, "30 days before the target 2025-11-30");
    assert_eq!(s1(&at("2025-12-15")).status, Status::Overdue);
    assert_eq!(s1(&at("2026-01-15")).status, Status::Overdue, "the latest day itself is still in time");
    let late = at("2026-01-16");
    assert_eq!(s1(&late).status, Status::Missed);
    assert_eq!(s1(&late).if_missed, [Consequence::SuspensionRisk, Consequence::CertificateMayLapse]);
    assert_eq!(late.state, CertificateState::SuspensionRisk);
    assert_eq!(s1(&late).audit.as_deref(), Some("sv1"));
}

#[test]
fn calendar_year_rule_tightens_the_second_surveillance() {
    // First surveillance held in December of the decision year: the next one
    // must fall in the following calendar year, not just within 24 months.
    let doc = doc(json!({"certification": {"decision_on": "2024-01-15", "audits": [
        {"id": "sv1", "kind": "surveillance", "status": "completed", "start_on": "2024-12-02", "end_on": "2024-12-03"}
    ]}}));
    let c = certification_cycle(&doc, d("2025-01-01"));
    let s1 = milestone(&c, MilestoneKind::Surveillance, 1);
    assert_eq!((s1.status, s1.held_on, s1.late), (Status::Done, Some(d("2024-12-02")), false));
    let s2 = milestone(&c, MilestoneKind::Surveillance, 2);
    assert_eq!(s2.latest, Some(d("2025-12-31")));
    assert_eq!(c.expires_on, Some(d("2027-01-15")));
    assert!(c.years_without_surveillance.is_empty(), "future years are not missed");
    // 2025 over without a second surveillance; 2026 still to come.
    assert_eq!(certification_cycle(&doc, d("2026-06-01")).years_without_surveillance, [2025]);
}

#[test]
fn expiry_restoration_and_lapse() {
    let doc = doc(json!({"certification": {"decision_on": "2023-05-31", "expires_on": "2026-05-30"}}));
    assert_eq!(certification_cycle(&doc, d("2026-05-30")).state, CertificateState::SuspensionRisk);
    let c = certification_cycle(&doc, d("2026-05-31"));
    assert_eq!(c.state, CertificateState::ExpiredRestorable);
    assert_eq!(c.restoration_until, Some(d("2026-11-30")));
    assert_eq!(milestone(&c, MilestoneKind::RecertificationDecision, 1).status, Status::Missed);
    assert_eq!(certification_cycle(&doc, d("2026-11-30")).state, CertificateState::ExpiredRestorable);
    assert_eq!(certification_cycle(&doc, d("2026-12-01")).state, CertificateState::Lapsed);
}

#[test]
fn cycle_rules_are_configurable() {
    let doc = doc(json!({"certification": {"decision_on": "2025-03-31", "validity_years": 3,
        "cycle_rules": {"first_surveillance_max_months": 11, "restoration_months": 12, "recertification_lead_months": 4}}}));
    let c = certification_cycle(&doc, d("2025-04-01"));
    assert_eq!(milestone(&c, MilestoneKind::Surveillance, 1).latest, Some(d("2026-02-28")));
    assert_eq!(c.restoration_until, Some(d("2029-03-31")));
    assert_eq!(milestone(&c, MilestoneKind::RecertificationAudit, 1).target, Some(d("2027-11-30")));
    assert_eq!(c.rules.surveillance_window_months, 3, "unset fields keep their defaults");
}

#[test]
fn before_certification_stages_and_major_nc_closure() {
    let doc = doc(json!({
        "people": [{"id": "p1", "name": "Ann"}],
        "certification": {"target_date": "2025-01-31", "audits": [
            {"id": "st1", "kind": "stage1", "status": "completed", "start_on": "2024-06-03", "end_on": "2024-06-04"},
            {"id": "st2", "kind": "stage2", "status": "completed", "start_on": "2024-08-28", "end_on": "2024-08-31"}
        ]},
        "nonconformities": [{"id": "nc1", "title": "No risk owners", "source": "external_audit", "grade": "major",
            "raised_on": "2024-08-31", "audit": "st2"}]
    }));
    let c = certification_cycle(&doc, d("2024-09-01"));
    assert_eq!(c.state, CertificateState::NotCertified);
    assert_eq!(milestone(&c, MilestoneKind::Stage1, 1).status, Status::Done);
    let s2 = milestone(&c, MilestoneKind::Stage2, 1);
    assert_eq!((s2.status, s2.earliest), (Status::Done, Some(d("2024-06-05"))));
    let m = milestone(&c, MilestoneKind::MajorNcClosure, 1);
    assert_eq!(m.latest, Some(d("2025-02-28")), "6 months after 31 August, clamped");
    assert_eq!(m.if_missed, [Consequence::NewStage2Required]);
    assert_eq!(certification_cycle(&doc, d("2025-03-01")).milestones[2].status, Status::Missed);
    let dec = milestone(&c, MilestoneKind::CertificationDecision, 1);
    assert_eq!((dec.earliest, dec.target), (Some(d("2024-08-31")), Some(d("2025-01-31"))));
    // Without audits, stages are placed back from the target date.
    let plan = self::doc(json!({"certification": {"target_date": "2025-05-31"}}));
    let c = certification_cycle(&plan, d("2024-09-01"));
    assert_eq!(milestone(&c, MilestoneKind::Stage1, 1).target, Some(d("2025-02-28")));
    assert_eq!(milestone(&c, MilestoneKind::Stage2, 1).target, Some(d("2025-04-30")));
}

#[test]
fn recertification_cycle_has_no_stages() {
    let doc = doc(json!({"certification": {"decision_on": "2025-02-01", "audits": [
        {"id": "r1", "kind": "recertification", "status": "completed", "start_on": "2024-12-01"},
        {"id": "st2", "kind": "stage2", "status": "completed", "start_on": "2021-12-01"}
    ]}}));
    let c = certification_cycle(&doc, d("2025-03-01"));
    assert!(c.milestones.iter().all(|m| !matches!(m.kind, MilestoneKind::Stage1 | MilestoneKind::Stage2)));
    assert_eq!(c.milestones[0].kind, MilestoneKind::CertificationDecision);
    assert_eq!(c.milestones[0].status, Status::Done);
}

fn programme_doc() -> Document {
    doc(json!({
        "people": [
            {"id": "p1", "name": "Ann"}, {"id": "p2", "name": "Bob"}, {"id": "p3", "name": "Cy"},
            {"id": "p4", "name": "Di", "end_date": "2024-12-31"}
        ],
        "roles": [{"id": "r-ia", "kind": "internal_auditor", "title": "Internal auditor", "holders": ["p2", "p3", "p4"]}],
        "soa": {"entries": [
            {"control": "5.1", "applicable": true, "owner": "p1"},
            {"control": "8.8", "applicable": true, "owner": "p2"},
            {"control": "7.4", "applicable": false, "justification": "no secure areas"}
        ]},
        "internal_audits": [
            {"id": "ia1", "title": "Performance evaluation", "status": "completed", "start_on": "2025-03-03",
             "end_on": "2025-03-04", "auditors": ["p1"], "scope": {"clauses": ["9"], "controls": ["A.5.1"]}}
        ],
        "certification": {"audits": [
            {"id": "st1", "kind": "stage1", "status": "planned", "start_on": "2025-09-15"},
            {"id": "st2", "kind": "stage2", "status": "planned", "start_on": "2025-11-15"}
        ]}
    }))
}

#[test]
fn programme_coverage_and_proposal() {
    let doc = programme_doc();
    let p = audit_programme(&doc, d("2025-06-01"), &ProgrammeOptions::default());
    assert_eq!((p.from, p.to), (d("2024-06-01"), d("2027-05-31")));
    let status = |id: &str| p.clauses.iter().find(|c| c.id == id).unwrap().status;
    let control = |id: &str| p.controls.iter().find(|c| c.id == id).unwrap().status;
    assert_eq!(status("9.2.2"), CoverageStatus::Audited, "auditing 9 covers its sub-clauses");
    assert_eq!(status("9.3.3"), CoverageStatus::Audited);
    assert_eq!(control("5.1"), CoverageStatus::Audited, "A.5.1 normalises to 5.1");
    assert_eq!(control("8.8"), CoverageStatus::Uncovered);
    assert_eq!(status("4.1"), CoverageStatus::Uncovered);
    assert!(p.controls.iter().all(|c| c.id != "7.4"), "excluded controls are not in the programme");

    // ia1 precedes the stage 1; nothing is held between stage 1 and stage 2,
    // so an internal audit is placed 30 days before stage 2.
    assert_eq!(p.external_audits_without_internal, ["st2"]);
    let first = &p.proposals[0];
    assert_eq!((first.date, first.precedes.as_deref()), (d("2025-10-16"), Some("st2")));
    // Uncovered clauses compress to whole top-level clauses.
    let all_clauses: Vec<&str> = p.proposals.iter().flat_map(|a| a.clauses.iter().map(String::as_str)).collect();
    assert_eq!(all_clauses, ["4", "5", "6", "7", "8", "10"]);
    let with_88 = p.proposals.iter().find(|a| a.controls.contains(&"8.8".to_owned())).unwrap();
    assert_eq!(with_88.auditor.as_deref(), Some("p3"), "p2 owns 8.8; p4 has left");
    assert_eq!(p.proposals.len(), 3, "default: one audit per year of the cycle");
    let ids: Vec<&str> = p.proposals.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["proposed-internal-audit-1", "proposed-internal-audit-2", "proposed-internal-audit-3"]);
    assert!(p.proposals.windows(2).all(|w| w[0].date <= w[1].date));
    // p1 audited clause 9 and control 5.1, which p1 owns.
    assert_eq!(p.conflicts.len(), 1);
    assert_eq!((p.conflicts[0].auditor.as_str(), p.conflicts[0].owns[0].id.as_str()), ("p1", "5.1"));
    // More audits when asked; unassigned when no auditor exists.
    let p6 = audit_programme(&doc, d("2025-06-01"), &ProgrammeOptions { audits: Some(6), lead_days: 30 });
    assert_eq!(p6.proposals.len(), 6);
    let mut none = doc.clone();
    none.roles.clear();
    let q = audit_programme(&none, d("2025-06-01"), &ProgrammeOptions::default());
    assert!(q.proposals.iter().all(|a| a.auditor.is_none() && a.unassigned_reason.is_some()));
}

#[test]
fn programme_window_follows_the_certification_cycle() {
    let mut doc = programme_doc();
    doc.certification.decision_on = Some(d("2024-02-29"));
    assert_eq!(programme_window(&doc, d("2025-01-01")), (d("2023-02-28"), d("2027-02-27")));
    assert_eq!(programme_window(&doc, d("2027-02-28")), (d("2027-02-28"), d("2030-02-27")));
    assert_eq!(programme_window(&doc, d("2033-03-01")), (d("2033-02-28"), d("2036-02-28")));
}

#[test]
fn management_reviews_cadence_and_pull_ahead() {
    let mut doc = doc(json!({
        "management_reviews": [{"id": "mr1", "date": "2025-01-10", "status": "completed"}],
        "certification": {"audits": [{"id": "sv1", "kind": "surveillance", "start_on": "2025-12-01"}]}
    }));
    let plan = management_review_plan(&doc, d("2025-02-01"), d("2027-02-01"));
    // The yearly review due 2026-01-10 would follow the audit: pulled to 30 days before it.
    assert_eq!(plan[0].date, d("2025-11-01"));
    assert_eq!(plan[0].precedes.as_deref(), Some("sv1"));
    assert_eq!(plan[1].date, d("2026-11-01"));
    assert_eq!(plan.len(), 2);
    doc.settings.management_review_interval_months = 3;
    let q = management_review_plan(&doc, d("2025-02-01"), d("2025-12-31"));
    let dates: Vec<Date> = q.iter().map(|s| s.date).collect();
    assert_eq!(
        dates,
        [d("2025-04-10"), d("2025-07-10"), d("2025-10-10"), d("2026-01-10")]
            .into_iter()
            .filter(|x| *x <= d("2025-12-31"))
            .collect::<Vec<_>>()
    );
    // No review ever held: due at once.
    let fresh = self::doc(json!({}));
    let p = management_review_plan(&fresh, d("2025-02-01"), d("2025-12-31"));
    assert_eq!((p[0].date, p[0].status), (d("2025-02-01"), Status::DueSoon));
}

#[test]
fn merged_calendar() {
    let doc = doc(json!({
        "people": [
            {"id": "p1", "name": "Ann", "start_date": "2025-01-06"},
            {"id": "p2", "name": "Bob", "start_date": "2020-01-01"}
        ],
        "training": {
            "courses": [{"id": "c1", "title": "Security awareness", "onboarding_days": 30, "recurrence_days": 365}],
            "records": [{"person": "p2", "course": "c1", "completed_on": "2024-02-29"}]
        },
        "documents": [{"id": "d1", "title": "Policy", "kind": "policy", "status": "approved", "owner": "p2",
            "approved_on": "2024-03-01", "review_interval_days": 366}],
        "evidence": [{"id": "e1", "title": "Backup log", "collected_on": "2025-01-01", "valid_for_days": 90}],
        "certification": {"decision_on": "2024-02-29"}
    }));
    let cal = calendar(&doc, d("2025-01-01"), d("2025-12-31")).unwrap();
    let find = |key: &str| cal.items.iter().find(|i| i.key == key).unwrap();
    let t = find("training:c1:p2");
    assert_eq!((t.date, t.status), (d("2025-02-28"), Status::Upcoming));
    assert_eq!(find("training:c1:p1").date, d("2025-02-05"));
    let overdue_doc = find("document_review:d1");
    assert_eq!((overdue_doc.date, overdue_doc.status), (d("2025-03-02"), Status::Upcoming));
    assert_eq!(find("evidence_refresh:e1").date, d("2025-04-01"));
    assert_eq!(find("milestone:surveillance:1").date, d("2025-01-13"));
    assert!(cal.items.windows(2).all(|w| (w[0].date, w[0].kind, &w[0].key) <= (w[1].date, w[1].kind, &w[1].key)));
    let mut keys: Vec<&str> = cal.items.iter().map(|i| i.key.as_str()).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), cal.items.len(), "keys are unique");
    assert_eq!(calendar(&doc, d("2025-01-01"), d("2025-12-31")).unwrap(), cal, "deterministic");
    assert_eq!(calendar(&doc, d("2025-01-02"), d("2025-01-01")).unwrap_err().code(), "invalid_argument");
    // Seen from later, open items before the range stay, as overdue.
    let later = calendar(&doc, d("2025-06-01"), d("2025-06-30")).unwrap();
    let t = later.items.iter().find(|i| i.key == "training:c1:p2").unwrap();
    assert_eq!(t.status, Status::Overdue);
}

#[test]
fn audit_duration_from_table_c1() {
    let mut doc = doc(json!({"organization": {"name": "Acme", "headcount": 20}}));
    let e = audit_duration(&doc, d("2025-01-01"), &DurationFactors::default()).unwrap();
    assert_eq!((e.persons, e.initial_audit_days, e.verified), (20, 7.0, true));
    assert_eq!(e.persons_source, PersonsSource::Headcount);
    let f = DurationFactors { business_score: Some(3), it_score: Some(4), effective_persons: None };
    let e = audit_duration(&doc, d("2025-01-01"), &f).unwrap();
    assert_eq!(e.adjustment_percent, (-30.0, -10.0));
    assert!((e.adjusted_days.0 - 4.9).abs() < 1e-9 && (e.adjusted_days.1 - 6.3).abs() < 1e-9);
    let bad = DurationFactors { business_score: Some(10), ..Default::default() };
    assert_eq!(audit_duration(&doc, d("2025-01-01"), &bad).unwrap_err().code(), "invalid_argument");
    doc.organization.headcount = Some(3000);
    assert!(!audit_duration(&doc, d("2025-01-01"), &DurationFactors::default()).unwrap().verified);
    doc.organization.headcount = None;
    assert_eq!(
        audit_duration(&doc, d("2025-01-01"), &DurationFactors::default()).unwrap_err().code(),
        "invalid_argument"
    );
}

#[test]
fn certified_without_recorded_stages_shows_none() {
    let doc = doc(json!({"certification": {"decision_on": "2024-02-29"}}));
    let c = certification_cycle(&doc, d("2025-01-01"));
    assert_eq!(c.milestones[0].kind, MilestoneKind::CertificationDecision);
    assert!(c.milestones.iter().all(|m| m.status != Status::Overdue || m.kind == MilestoneKind::Surveillance));
}

#[test]
fn sizing_options_are_bounded_with_a_clear_error() {
    // `audits` sizes the list of proposals: 10⁹ once allocated 24 GB.
    let big = ProgrammeOptions { audits: Some(1_000_000_000), ..ProgrammeOptions::default() };
    let e = big.validate().unwrap_err();
    assert_eq!((e.code(), e.problems()[0].path.as_str()), ("limit_exceeded", "options.audits"));
    assert!(ProgrammeOptions { audits: Some(MAX_PROGRAMME_AUDITS), ..big.clone() }.validate().is_ok());
    let lead = ProgrammeOptions { lead_days: u32::MAX, ..ProgrammeOptions::default() };
    assert_eq!(lead.validate().unwrap_err().problems()[0].path, "options.lead_days");
    // The infallible function caps and says so instead of allocating.
    let p = audit_programme(&programme_doc(), d("2026-01-10"), &big);
    assert!(p.proposals.len() <= MAX_PROGRAMME_AUDITS as usize + 10);
    assert!(p.notes.iter().any(|n| n.contains("options.audits")), "{:?}", p.notes);
    // Date ranges: at most 100 years.
    let e = calendar(&programme_doc(), d("2026-01-01"), d("9999-12-31")).unwrap_err();
    assert_eq!((e.code(), e.problems()[0].path.as_str()), ("limit_exceeded", "$.to"));
    assert!(check_range(d("2026-01-01"), d("2126-01-01")).is_ok());
    assert_eq!(check_range(d("2026-01-02"), d("2026-01-01")).unwrap_err().code(), "invalid_argument");
}

#[test]
fn check_says_what_an_expired_certificate_means() {
    // Decision 2023-01-15: expires 2026-01-15, restorable until 2026-07-15.
    let doc = doc(json!({"certification": {"decision_on": "2023-01-15"}}));
    let finding = |as_of: &str| {
        isms_core::evaluate::evaluate(&doc, d(as_of))
            .findings
            .into_iter()
            .find(|f| f.rule == "certification.expired")
            .map(|f| (f.message, f.due_on))
    };
    assert_eq!(finding("2026-01-15"), None, "the expiry day itself is still valid");
    let (message, due) = finding("2026-03-01").expect("expired");
    assert!(message.contains("can still be restored") && message.contains("2026-07-15"), "{message}");
    assert_eq!(due, Some(d("2026-07-15")), "the deadline that matters is the window's end");
    let (message, due) = finding("2026-08-01").expect("expired");
    assert!(message.contains("restoration window closed on 2026-07-15") && message.contains("Stage 2"), "{message}");
    assert_eq!(due, Some(d("2026-01-15")));
}

#[test]
fn a_planned_certification_projects_the_whole_cycle() {
    let plan = |target: &str| doc(json!({"certification": {"target_date": target}}));
    let c = certification_cycle(&plan("2025-05-31"), d("2024-09-01"));
    assert_eq!((c.state, c.projected_decision), (CertificateState::NotCertified, Some(d("2025-05-31"))));
    assert_eq!((c.cycle_start, c.expires_on), (None, None), "nothing is certified yet");
    let s1 = milestone(&c, MilestoneKind::Surveillance, 1);
    assert_eq!((s1.latest, s1.projected, s1.covers_year), (Some(d("2026-05-31")), true, Some(2026)));
    assert!(s1.title.contains("projected"), "{}", s1.title);
    let s2 = milestone(&c, MilestoneKind::Surveillance, 2);
    assert_eq!((s2.latest, s2.covers_year), (Some(d("2027-05-31")), Some(2027)));
    let r = milestone(&c, MilestoneKind::RecertificationAudit, 1);
    assert_eq!((r.latest, r.projected), (Some(d("2028-05-31")), true));
    assert!(c.milestones.iter().all(|m| m.kind != MilestoneKind::Restoration), "no contingency for a plan");
    assert!(!milestone(&c, MilestoneKind::Stage1, 1).projected, "the stages are the plan itself");
    assert!(c.years_without_surveillance.is_empty());
    // The plan moves: so does everything projected from it.
    let moved = certification_cycle(&plan("2025-07-31"), d("2024-09-01"));
    assert_eq!(milestone(&moved, MilestoneKind::Surveillance, 1).latest, Some(d("2026-07-31")));
    assert_eq!(milestone(&moved, MilestoneKind::RecertificationAudit, 1).latest, Some(d("2028-07-31")));
    // The calendar shows the projected audits between now and the recertification.
    let cal = calendar(&plan("2025-05-31"), d("2024-09-01"), d("2028-12-31")).unwrap();
    let projected: Vec<_> = cal.items.iter().filter(|i| i.title.contains("(projected)")).map(|i| i.date).collect();
    assert!(projected.len() >= 4, "{projected:?}");
    assert!(projected.iter().any(|d| d.to_string().starts_with("2026")), "{projected:?}");
    assert!(projected.iter().any(|d| d.to_string().starts_with("2027")), "{projected:?}");
}

#[test]
fn a_stage2_booked_after_the_target_moves_the_projected_decision() {
    let doc = doc(json!({"certification": {"target_date": "2025-01-31", "audits": [
        {"id": "st2", "kind": "stage2", "status": "planned", "start_on": "2025-03-03", "end_on": "2025-03-06"}
    ]}}));
    let c = certification_cycle(&doc, d("2024-09-01"));
    assert_eq!(c.projected_decision, Some(d("2025-03-07")));
    assert_eq!(milestone(&c, MilestoneKind::CertificationDecision, 1).target, Some(d("2025-03-07")));
    assert_eq!(milestone(&c, MilestoneKind::Surveillance, 1).latest, Some(d("2026-03-07")));
}

#[test]
fn majors_not_verified_in_time_need_a_new_stage2() {
    let doc = doc(json!({
        "people": [{"id": "p1", "name": "Ann"}],
        "certification": {"target_date": "2025-01-31", "audits": [
            {"id": "st1", "kind": "stage1", "status": "completed", "start_on": "2024-06-03", "end_on": "2024-06-04"},
            {"id": "st2", "kind": "stage2", "status": "completed", "start_on": "2024-08-28", "end_on": "2024-08-31"}
        ]},
        "nonconformities": [{"id": "nc1", "title": "No risk owners", "source": "external_audit", "grade": "major",
            "raised_on": "2024-08-31", "audit": "st2"}]
    }));
    let before = certification_cycle(&doc, d("2025-02-28"));
    assert!(!before.new_stage2_required);
    assert_eq!(before.projected_decision, Some(d("2025-01-31")));
    let after = certification_cycle(&doc, d("2025-03-01"));
    assert!(after.new_stage2_required);
    assert_eq!(after.projected_decision, None, "nothing to project from until a new Stage 2 is planned");
    let dec = milestone(&after, MilestoneKind::CertificationDecision, 1);
    assert_eq!(dec.status, Status::Missed, "not upcoming any more");
    assert_eq!(dec.if_missed, [Consequence::NewStage2Required]);
    assert!(after.milestones.iter().all(|m| !m.projected));
    let check = |on: &str| {
        isms_core::evaluate::evaluate(&doc, d(on))
            .findings
            .into_iter()
            .filter(|f| f.rule == "certification.new_stage2_required")
            .collect::<Vec<_>>()
    };
    assert!(check("2025-02-28").is_empty());
    let f = check("2025-03-01");
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("new Stage 2"), "{}", f[0].message);
    assert_eq!(f[0].due_on, Some(d("2025-02-28")));
}

/// Whatever the decision date, and wherever in its window each surveillance
/// is held, every calendar year after the decision year and before the year
/// of the recertification audit has a surveillance audit, and each
/// milestone's `covers_year` names it.
#[test]
fn every_calendar_year_of_the_cycle_gets_a_surveillance() {
    let mut dec = d("2024-01-01");
    while dec <= d("2024-12-31") {
        for choice in 0..4u32 {
            let mut held: Vec<Date> = Vec::new();
            for k in 0..2usize {
                let audits: Vec<Value> = held
                    .iter()
                    .enumerate()
                    .map(|(i, h)| json!({"id": format!("sv{i}"), "kind": "surveillance", "status": "completed", "start_on": h.to_string()}))
                    .collect();
                let doc = doc(json!({"certification": {"decision_on": dec.to_string(), "audits": audits}}));
                let c = certification_cycle(&doc, dec);
                let m = milestone(&c, MilestoneKind::Surveillance, u32::try_from(k + 1).unwrap());
                let at = if choice & (1 << k) == 0 { m.earliest.unwrap() } else { m.latest.unwrap() };
                held.push(at);
            }
            let doc = doc(json!({"certification": {"decision_on": dec.to_string()}}));
            let c = certification_cycle(&doc, dec);
            let recert = milestone(&c, MilestoneKind::RecertificationAudit, 1).earliest.unwrap();
            use chrono::Datelike;
            for year in dec.year() + 1..recert.year() {
                assert!(
                    held.iter().any(|h| h.year() == year),
                    "decision {dec}, surveillance held {held:?}: {year} has none (recertification from {recert})"
                );
            }
        }
        dec = dec.succ_opt().unwrap();
    }
}
