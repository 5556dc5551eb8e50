//! Synthetic ISMS documents for benchmarks and scale tests.
//!
//! `generate(scale)` builds a deterministic, *valid* document whose size grows
//! linearly with `scale`: per unit of scale 500 people, 1,000 assets, 2,000
//! risks (each with a treatment), 10,000 evidence items, 100 documents, plus a
//! full SoA, training records, audits and nonconformities. Scale 10 is the
//! issue's "10×" document (5k people, 10k assets, 20k risks, 100k evidence).
use chrono::{Days, NaiveDate};
use isms_core::model::*;

/// Small deterministic generator (SplitMix64), so documents are identical on
/// every run and platform.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn step(&mut self) -> u32 {
        self.below(5) as u32 + 1
    }
}

fn day(base: NaiveDate, back: u64) -> NaiveDate {
    base.checked_sub_days(Days::new(back)).unwrap_or(base)
}

/// A valid synthetic document of the given scale (≥ 1), dated around `as_of`.
pub fn generate(scale: u32, as_of: NaiveDate) -> Document {
    let s = scale.max(1) as usize;
    let mut r = Rng(0x1502_7001 ^ scale as u64);
    let text: Document =
        isms_core::json::parse_document(r#"{"schema_version":"1.0","organization":{"name":"Synthetic Corp"}}"#)
            .unwrap_or_else(|_| unreachable!("static seed document parses"));
    let mut d = text;
    d.organization.headcount = Some((500 * s) as u32);
    d.organization.units = (0..10 * s)
        .map(|i| Unit {
            id: format!("unit-{i}"),
            name: format!("Unit {i}"),
            in_scope: true,
            exclusion_reason: None,
            extensions: Default::default(),
        })
        .collect();
    d.people = (0..500 * s)
        .map(|i| Person {
            id: format!("p-{i}"),
            name: format!("Person {i}"),
            email: Some(format!("p{i}@example.com")),
            job_title: None,
            unit: Some(format!("unit-{}", i % (10 * s))),
            start_date: Some(day(as_of, 30 + r.below(2000))),
            end_date: None,
            external: false,
            extensions: Default::default(),
        })
        .collect();
    let person = |r: &mut Rng| format!("p-{}", r.below((500 * s) as u64));
    d.roles = vec![
        Role {
            id: "role-sponsor".into(),
            kind: RoleKind::TopManagementSponsor,
            title: "CEO".into(),
            holders: vec!["p-0".into()],
            responsibilities: vec![],
            assigned_on: None,
            extensions: Default::default(),
        },
        Role {
            id: "role-manager".into(),
            kind: RoleKind::IsmsManager,
            title: "ISMS manager".into(),
            holders: vec!["p-1".into()],
            responsibilities: vec![],
            assigned_on: None,
            extensions: Default::default(),
        },
        Role {
            id: "role-auditor".into(),
            kind: RoleKind::InternalAuditor,
            title: "Auditor".into(),
            holders: vec!["p-2".into(), "p-3".into()],
            responsibilities: vec![],
            assigned_on: None,
            extensions: Default::default(),
        },
    ];
    let kinds = [
        AssetKind::Information,
        AssetKind::Physical,
        AssetKind::Software,
        AssetKind::Service,
        AssetKind::People,
        AssetKind::Intangible,
    ];
    let classes = ["public", "internal", "confidential", "restricted"];
    d.assets = (0..1000 * s)
        .map(|i| Asset {
            id: format!("asset-{i}"),
            name: format!("Asset {i}"),
            kind: kinds[i % kinds.len()],
            description: None,
            owner: Some(person(&mut r)),
            classification: Some(classes[r.below(4) as usize].into()),
            value: Cia { confidentiality: Some(r.step()), integrity: Some(r.step()), availability: Some(r.step()) },
            unit: Some(format!("unit-{}", i % (10 * s))),
            site: None,
            depends_on: vec![],
            in_scope: true,
            extensions: Default::default(),
        })
        .collect();
    let annex: Vec<&str> = isms_core::catalog::annex_a().iter().map(|c| c.id).collect();
    d.risks = (0..2000 * s)
        .map(|i| {
            let l = r.step();
            Risk {
                id: format!("risk-{i}"),
                title: format!("Risk {i}"),
                description: None,
                status: RiskStatus::Open,
                assets: vec![format!("asset-{}", r.below((1000 * s) as u64))],
                threat: Some("threat".into()),
                vulnerability: Some("weakness".into()),
                affects: vec![Property::Confidentiality],
                owner: Some(person(&mut r)),
                inherent: Some(Rating {
                    likelihood: l,
                    consequence: if i % 2 == 0 { Some(r.step()) } else { None },
                    cia: Cia::default(),
                }),
                residual: Some(Rating {
                    likelihood: 1.max(l.saturating_sub(1)),
                    consequence: Some(r.step().min(3)),
                    cia: Cia::default(),
                }),
                assessed_on: Some(day(as_of, r.below(500))),
                acceptance: None,
                fair: None,
                extensions: Default::default(),
            }
        })
        .collect();
    // A realistic mature register: most plans approved and residual risks
    // accepted by their owners; about 5% are not, and so become findings.
    for (i, risk) in d.risks.iter_mut().enumerate() {
        if i % 20 != 0
            && let (Some(owner), Some(on)) = (risk.owner.clone(), risk.assessed_on)
        {
            risk.acceptance = Some(Acceptance { by: owner, on, valid_until: None, note: None });
        }
    }
    let owners: Vec<Option<String>> = d.risks.iter().map(|r| r.owner.clone()).collect();
    d.treatments = (0..2000 * s)
        .map(|i| Treatment {
            id: format!("treat-{i}"),
            risk: format!("risk-{i}"),
            option: TreatmentOption::Modify,
            controls: vec![annex[r.below(93) as usize].to_string()],
            actions: vec![TreatmentAction {
                id: format!("act-{i}"),
                title: "Do it".into(),
                owner: Some(person(&mut r)),
                due_on: Some(day(as_of, r.below(200)).checked_add_days(Days::new(100)).unwrap_or(as_of)),
                status: if r.below(2) == 0 { ActionStatus::Done } else { ActionStatus::InProgress },
                progress: None,
                completed_on: None,
                extensions: Default::default(),
            }],
            rationale: None,
            fair_effects: vec![],
            approved_by: if i % 20 == 1 { None } else { owners[i].clone() },
            approved_on: if i % 20 == 1 { None } else { Some(day(as_of, 400)) },
            extensions: Default::default(),
        })
        .collect();
    d.documents = (0..100 * s)
        .map(|i| DocumentedInfo {
            id: format!("doc-{i}"),
            title: format!("Document {i}"),
            kind: DocumentKind::Procedure,
            satisfies: vec![],
            status: DocumentStatus::Approved,
            version: Some("1.0".into()),
            owner: Some(person(&mut r)),
            approved_by: Some("p-0".into()),
            approved_on: Some(day(as_of, r.below(400))),
            last_reviewed_on: Some(day(as_of, r.below(400))),
            review_interval_days: None,
            controls: vec![annex[i % 93].to_string()],
            location: None,
            extensions: Default::default(),
        })
        .collect();
    d.evidence = (0..10_000 * s)
        .map(|i| Evidence {
            id: format!("ev-{i}"),
            title: format!("Evidence {i}"),
            collected_on: day(as_of, r.below(500)),
            valid_for_days: None,
            controls: vec![annex[i % 93].to_string()],
            collected_by: None,
            location: None,
            extensions: Default::default(),
        })
        .collect();
    d.soa.entries = annex
        .iter()
        .enumerate()
        .map(|(i, c)| SoaEntry {
            control: c.to_string(),
            applicable: i % 15 != 7,
            reasons: if i % 15 != 7 { vec![InclusionReason::RiskTreatment] } else { vec![] },
            justification: if i % 15 == 7 { Some("not relevant".into()) } else { None },
            status: ImplementationStatus::Implemented,
            owner: Some(person(&mut r)),
            target_date: None,
            risks: vec![],
            evidence: (0..3).map(|k| format!("ev-{}", (i + 93 * k) % (10_000 * s))).collect(),
            documents: vec![],
            extensions: Default::default(),
        })
        .collect();
    d.training.courses = vec![Course {
        id: "course-awareness".into(),
        title: "Security awareness".into(),
        required: true,
        audience_roles: vec![],
        onboarding_days: Some(30),
        recurrence_days: Some(365),
        extensions: Default::default(),
    }];
    d.training.records = (0..500 * s)
        .map(|i| TrainingRecord {
            person: format!("p-{i}"),
            course: "course-awareness".into(),
            completed_on: day(as_of, r.below(500)),
            score: None,
        })
        .collect();
    d
}

/// Median milliseconds of `evaluate` (the rules alone, without the
/// validation pass that `evaluate` runs first) over `runs` runs.
pub fn evaluate_ms(doc: &Document, as_of: NaiveDate, runs: usize) -> Option<f64> {
    #[allow(clippy::disallowed_methods, reason = "benchmark timing, not the core")]
    let mut times: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let t = std::time::Instant::now();
            std::hint::black_box(isms_core::evaluate::evaluate(doc, as_of).findings.len());
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    Some(times[times.len() / 2])
}

/// `doc` with an Open FAIR model on its first `50 × scale` risks and a
/// control effect on their treatments: the input of the document
/// simulation column of the scale benchmark (the document from
/// [`generate`] has no quantified risks).
pub fn with_fair_models(doc: &Document, scale: u32) -> Document {
    use isms_core::quant::{ControlEffect, Distribution, FairModel};
    let mut d = doc.clone();
    let n = (50 * scale as usize).min(d.risks.len());
    let model = FairModel {
        primary_loss: Distribution::Pert { min: 1e4, mode: 5e4, max: 5e5, shape: None },
        ..FairModel::classical_ale(2.0, 1.0, 1.0)
    };
    let mut quantified = std::collections::HashSet::new();
    for r in d.risks.iter_mut().take(n) {
        r.fair = Some(model.clone());
        quantified.insert(r.id.clone());
    }
    for t in d.treatments.iter_mut().filter(|t| quantified.contains(&t.risk)) {
        t.fair_effects = vec![ControlEffect {
            name: "control".into(),
            tef_reduction: Some(0.5),
            vulnerability_reduction: None,
            primary_loss_reduction: None,
            secondary_loss_reduction: None,
            annual_cost: 1e4,
        }];
    }
    d
}
