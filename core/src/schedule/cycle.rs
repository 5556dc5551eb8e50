//! The certification cycle (ISO/IEC 17021-1 9.1.3, 9.5, 9.6; checklist
//! steps 14 and 16) as dated milestones with windows and a status.
//!
//! Rules applied (sources in `facts.md` section 5; the configurable figures
//! are the fields of [`CycleRules`], whose documentation gives each source):
//!
//! - The cycle starts with the certification decision (initial or
//!   recertification) and the certificate runs `validity_years` (default 3).
//! - Surveillance 1: no later than `first_surveillance_max_months` (12) after
//!   the decision. Each further surveillance (validity − 1 in all): no later
//!   than 12 months after the previous anniversary limit **and** no later than
//!   31 December of the year after the previous surveillance, so that every
//!   calendar year between the decision and the recertification year has one
//!   ("at least once a calendar year, except in recertification years").
//!   Each window opens `surveillance_window_months` before its latest date;
//!   the target is the middle of the window.
//! - Recertification audit: before expiry (latest = expiry), targeted
//!   `recertification_lead_months` before it so the CB can verify corrections
//!   and decide in time; the decision is due by the expiry date.
//! - After expiry: restoration is possible for `restoration_months` (6) if
//!   the outstanding recertification activities are completed; after that, a
//!   new stage 2 at least.
//! - Major nonconformities from stage 2 of an initial certification: verified
//!   within `major_nc_closure_months` (6) of the last day of stage 2, or
//!   another stage 2.
//!
//! Before certification, stage 1 and stage 2 are placed from the audits in
//! the document, else back from `certification.target_date` with planning
//! offsets (stage 1 three months, stage 2 one month before the target
//! decision): a planning aid, not a rule of 17021-1, which fixes no interval.
use super::{Status, add_days, add_months};
use crate::model::{CycleRules, Date, Document, EventStatus, ExternalAudit, ExternalAuditKind, Grade, Id, NcState};
use chrono::Datelike;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Kind of certification milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneKind {
    /// Stage 1 audit.
    Stage1,
    /// Stage 2 audit.
    Stage2,
    /// Verification of major nonconformities from stage 2.
    MajorNcClosure,
    /// The certification decision that starts the cycle.
    CertificationDecision,
    /// A surveillance audit (see `sequence`).
    Surveillance,
    /// The recertification audit.
    RecertificationAudit,
    /// The recertification decision.
    RecertificationDecision,
    /// The certificate's expiry date.
    Expiry,
    /// The window after expiry in which the certificate can be restored.
    Restoration,
}

/// What a certification body may do when a milestone is missed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Consequence {
    /// The CB may decide that the stage 1 result no longer holds.
    Stage1MayNeedRepeat,
    /// Another stage 2 before certification can be recommended.
    NewStage2Required,
    /// Surveillance not held at the required frequency: grounds for
    /// suspension (17021-1 9.6.5).
    SuspensionRisk,
    /// Some CBs treat a missed surveillance as a lapse of the certificate.
    CertificateMayLapse,
    /// Recertification not completed before expiry: validity not extended.
    ValidityNotExtended,
    /// The certificate expires; restoration possible within the window.
    CertificateExpires,
}

/// One dated step of the certification cycle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Milestone {
    /// Kind.
    pub kind: MilestoneKind,
    /// 1-based number among milestones of the same kind (surveillance 1, 2).
    pub sequence: u32,
    /// Human-readable title.
    pub title: String,
    /// Earliest sensible date.
    pub earliest: Option<Date>,
    /// Planned or recommended date.
    pub target: Option<Date>,
    /// Latest date the rules allow.
    pub latest: Option<Date>,
    /// Status as of the cycle's `as_of`.
    pub status: Status,
    /// The external audit that fulfils it, if any.
    pub audit: Option<Id>,
    /// When it was held or decided, if done.
    pub held_on: Option<Date>,
    /// Done, but after `latest`.
    pub late: bool,
    /// A contingency (restoration): relevant only if the cycle is not renewed.
    pub contingency: bool,
    /// What follows if it is missed.
    pub if_missed: Vec<Consequence>,
    /// The rule and its source.
    pub basis: String,
    /// Projected from a planned (not yet taken) certification decision: the
    /// date moves when the plan moves.
    pub projected: bool,
    /// For a surveillance audit: the calendar year it covers (the year it was
    /// held, else of its target date).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub covers_year: Option<i32>,
}

/// Where the certificate stands as of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CertificateState {
    /// No certification decision yet (or a decision dated in the future).
    NotCertified,
    /// Within validity, audits on time.
    Valid,
    /// Within validity, but a surveillance audit was missed.
    SuspensionRisk,
    /// Expired, still inside the restoration window.
    ExpiredRestorable,
    /// Expired beyond the restoration window.
    Lapsed,
}

/// The certification cycle as of a date (schema `certification-cycle`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CertificationCycle {
    /// The date the statuses refer to.
    pub as_of: Date,
    /// Certificate state.
    pub state: CertificateState,
    /// Decision date that starts the current cycle.
    pub cycle_start: Option<Date>,
    /// Expiry of the current certificate.
    pub expires_on: Option<Date>,
    /// Last day on which an expired certificate can be restored.
    pub restoration_until: Option<Date>,
    /// While not certified: the decision date the rest of the cycle is
    /// projected from (the target date, or later when Stage 2 ends after it;
    /// none when no date is planned or a new Stage 2 is required).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default)]
    pub projected_decision: Option<Date>,
    /// Major nonconformities from Stage 2 were not verified within
    /// `major_nc_closure_months`: certification needs a new Stage 2.
    #[serde(default)]
    pub new_stage2_required: bool,
    /// Calendar years inside the cycle (between the decision year and the
    /// recertification year) that are over on `as_of` and had no
    /// surveillance audit held or planned in them. Years still to come are
    /// not listed: they are not missed yet (the surveillance milestones show
    /// what is due).
    pub years_without_surveillance: Vec<i32>,
    /// The rules applied (the document's, or the defaults).
    pub rules: CycleRules,
    /// Milestones in chronological order of the cycle.
    pub milestones: Vec<Milestone>,
}

fn start(a: &ExternalAudit) -> Option<Date> {
    a.start_on.or(a.end_on)
}
fn end(a: &ExternalAudit) -> Option<Date> {
    a.end_on.or(a.start_on)
}
fn completed(a: &ExternalAudit) -> bool {
    a.status == EventStatus::Completed
}
fn midpoint(a: Date, b: Date) -> Date {
    add_days(a, (b - a).num_days() / 2)
}

struct Ctx {
    as_of: Date,
    warn: u32,
    /// Milestones pushed now are projected from a planned decision.
    projecting: bool,
    milestones: Vec<Milestone>,
}

impl Ctx {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        kind: MilestoneKind,
        sequence: u32,
        title: String,
        window: (Option<Date>, Option<Date>, Option<Date>),
        audit: Option<&ExternalAudit>,
        done_on: Option<Date>,
        if_missed: Vec<Consequence>,
        basis: &str,
    ) {
        let (earliest, target, latest) = window;
        let held_on = done_on.or_else(|| audit.filter(|a| completed(a)).and_then(start));
        let status = match (held_on, target.or(latest)) {
            (Some(_), _) => Status::Done,
            (None, Some(t)) => Status::of(t, latest, self.as_of, self.warn),
            (None, None) => Status::Upcoming,
        };
        let late = matches!((held_on, latest), (Some(h), Some(l)) if h > l);
        let covers_year = (kind == MilestoneKind::Surveillance)
            .then(|| held_on.or_else(|| audit.and_then(start)).or(target).map(|d| d.year()))
            .flatten();
        let title = if self.projecting { format!("{title} (projected)") } else { title };
        self.milestones.push(Milestone {
            kind,
            sequence,
            title,
            earliest,
            target,
            latest,
            status,
            audit: audit.map(|a| a.id.clone()),
            held_on,
            late,
            contingency: kind == MilestoneKind::Restoration,
            if_missed,
            basis: basis.to_owned(),
            projected: self.projecting,
            covers_year,
        });
    }
}

/// The certification cycle of `doc` as of `as_of`: milestones with windows
/// and statuses, the certificate state, and calendar-year gaps.
pub fn certification_cycle(doc: &Document, as_of: Date) -> CertificationCycle {
    let cert = &doc.certification;
    let rules = cert.cycle_rules.clone().unwrap_or_default();
    let validity = i64::from(cert.validity_years.unwrap_or(3).clamp(1, 10));
    let mut audits: Vec<&ExternalAudit> = cert.audits.iter().filter(|a| a.status != EventStatus::Cancelled).collect();
    audits.sort_by(|a, b| (start(a), &a.id).cmp(&(start(b), &b.id)));
    let of_kind = |k: ExternalAuditKind| audits.iter().copied().filter(move |a| a.kind == k);

    let mut cx = Ctx { as_of, warn: doc.settings.warning_window_days, projecting: false, milestones: Vec::new() };
    let decision = cert.decision_on.filter(|d| *d <= as_of);
    let initial = match cert.decision_on {
        None => true,
        Some(dec) => !of_kind(ExternalAuditKind::Recertification).any(|a| start(a).is_some_and(|s| s <= dec)),
    };

    let plan = if initial { initial_stages(&mut cx, doc, &rules, &audits, decision) } else { InitialPlan::default() };
    let Some(dec) = cert.decision_on else {
        // Not certified: the rest of the cycle is projected from the planned
        // decision, so the whole three years can be planned before Stage 1.
        if let Some(planned) = plan.decision {
            cx.projecting = true;
            let expiry = add_months(planned, validity * 12);
            after_decision(&mut cx, &rules, &[], planned, expiry, validity);
        }
        return CertificationCycle {
            as_of,
            state: CertificateState::NotCertified,
            cycle_start: None,
            expires_on: None,
            restoration_until: None,
            projected_decision: plan.decision,
            new_stage2_required: plan.new_stage2_required,
            years_without_surveillance: Vec::new(),
            rules,
            milestones: cx.milestones,
        };
    };
    if !initial {
        cx.push(
            MilestoneKind::CertificationDecision,
            1,
            "Recertification decision (start of the cycle)".into(),
            (None, Some(dec), None),
            None,
            decision,
            Vec::new(),
            "ISO/IEC 17021-1 9.1.3: subsequent cycles begin with the recertification decision",
        );
    }
    let expiry = cert.expires_on.unwrap_or_else(|| add_months(dec, validity * 12));
    let restoration_until = add_months(expiry, i64::from(rules.restoration_months));
    let in_cycle = |a: &&ExternalAudit| start(a).is_some_and(|s| s > dec && s <= restoration_until);
    let cycle_audits: Vec<&ExternalAudit> = audits.iter().copied().filter(in_cycle).collect();
    cx.projecting = as_of < dec;
    after_decision(&mut cx, &rules, &cycle_audits, dec, expiry, validity);
    if !cx.projecting {
        cx.push(
            MilestoneKind::Restoration,
            1,
            "Restoration window after expiry".into(),
            (Some(add_days(expiry, 1)), Some(restoration_until), Some(restoration_until)),
            None,
            None,
            vec![Consequence::NewStage2Required],
            "ISO/IEC 17021-1 9.6.3.2.5 (IAF FAQ Q26): restoration within 6 months of expiry, else at least a stage 2",
        );
    }

    // Calendar years between the decision year and the recertification year.
    let planned_years: Vec<i32> = cycle_audits
        .iter()
        .filter(|a| a.kind == ExternalAuditKind::Surveillance)
        .filter_map(|a| start(a))
        .map(|d| d.year())
        .collect();
    let years_without_surveillance: Vec<i32> = (dec.year().saturating_add(1)..expiry.year().min(as_of.year()))
        .filter(|y| !planned_years.contains(y))
        .collect();

    let state = if as_of < dec {
        CertificateState::NotCertified
    } else if as_of <= expiry {
        let missed = cx.milestones.iter().any(|m| m.kind == MilestoneKind::Surveillance && m.status == Status::Missed);
        if missed { CertificateState::SuspensionRisk } else { CertificateState::Valid }
    } else if as_of <= restoration_until {
        CertificateState::ExpiredRestorable
    } else {
        CertificateState::Lapsed
    };
    CertificationCycle {
        as_of,
        state,
        cycle_start: Some(dec),
        expires_on: Some(expiry),
        restoration_until: Some(restoration_until),
        projected_decision: None,
        new_stage2_required: plan.new_stage2_required,
        years_without_surveillance,
        rules,
        milestones: cx.milestones,
    }
}

/// Surveillance audits, recertification audit and decision, and expiry of
/// the cycle that starts with the decision `dec` (taken, or planned when
/// `cx.projecting`), matched to the external `audits` held or booked in it.
fn after_decision(cx: &mut Ctx, rules: &CycleRules, audits: &[&ExternalAudit], dec: Date, expiry: Date, validity: i64) {
    let of_kind = |k: ExternalAuditKind| audits.iter().copied().filter(move |a| a.kind == k);
    // Surveillance audits: validity − 1 of them.
    let surveillance: Vec<&ExternalAudit> = of_kind(ExternalAuditKind::Surveillance).collect();
    let window = i64::from(rules.surveillance_window_months);
    let mut previous: Option<Date> = None;
    for k in 1..validity {
        let anniversary = add_months(dec, 12 * (k - 1) + i64::from(rules.first_surveillance_max_months));
        let latest = match previous {
            None => anniversary,
            Some(p) => {
                let year_end = Date::from_ymd_opt(p.year().saturating_add(1), 12, 31).unwrap_or(anniversary);
                anniversary.min(year_end)
            }
        };
        let mut earliest = add_months(latest, -window);
        if let Some(p) = previous {
            earliest = earliest.max(add_days(p, 1));
        }
        let earliest = earliest.min(latest);
        let target = midpoint(earliest, latest);
        let audit = surveillance.get(usize::try_from(k - 1).unwrap_or(usize::MAX)).copied();
        let basis = if k == 1 {
            "ISO/IEC 17021-1 9.1.3: first surveillance no more than 12 months after the certification decision"
        } else {
            "ISO/IEC 17021-1 9.1.3: surveillance at least once a calendar year, in each year of the cycle"
        };
        cx.push(
            MilestoneKind::Surveillance,
            u32::try_from(k).unwrap_or(u32::MAX),
            format!("Surveillance audit {k}"),
            (Some(earliest), Some(target), Some(latest)),
            audit,
            None,
            vec![Consequence::SuspensionRisk, Consequence::CertificateMayLapse],
            basis,
        );
        previous = Some(audit.and_then(start).unwrap_or(target));
    }

    // Recertification.
    let recert = of_kind(ExternalAuditKind::Recertification).next();
    let r_target = add_months(expiry, -i64::from(rules.recertification_lead_months));
    let r_earliest = add_months(r_target, -i64::from(rules.recertification_window_months));
    cx.push(
        MilestoneKind::RecertificationAudit,
        1,
        "Recertification audit".into(),
        (Some(r_earliest), Some(r_target), Some(expiry)),
        recert,
        None,
        vec![Consequence::ValidityNotExtended, Consequence::CertificateExpires],
        "ISO/IEC 17021-1 9.1.3, 9.6.3: recertification audit in the third year, completed before expiry",
    );
    let d_earliest = recert.and_then(end).unwrap_or(r_earliest);
    cx.push(
        MilestoneKind::RecertificationDecision,
        1,
        "Recertification decision".into(),
        (Some(d_earliest.min(expiry)), Some(add_months(expiry, -1).max(d_earliest.min(expiry))), Some(expiry)),
        None,
        None,
        vec![Consequence::CertificateExpires],
        "ISO/IEC 17021-1 9.6.3: the recertification decision before expiry keeps validity continuous",
    );
    cx.push(
        MilestoneKind::Expiry,
        1,
        "Certificate expires".into(),
        (None, Some(expiry), Some(expiry)),
        None,
        None,
        vec![Consequence::CertificateExpires],
        "Certificate validity (validity_years after the decision that started the cycle)",
    );
}

/// What the initial stages leave for the rest of the cycle.
#[derive(Default)]
struct InitialPlan {
    /// The planned certification decision, while none is taken and the plan
    /// still holds.
    decision: Option<Date>,
    /// Major nonconformities from Stage 2 were not verified in time.
    new_stage2_required: bool,
}

/// Stage 1, stage 2, major-NC closure and the initial decision.
fn initial_stages(
    cx: &mut Ctx,
    doc: &Document,
    rules: &CycleRules,
    audits: &[&ExternalAudit],
    decision: Option<Date>,
) -> InitialPlan {
    let cert = &doc.certification;
    let last_of = |k: ExternalAuditKind| audits.iter().copied().rfind(|a| a.kind == k);
    let stage1 = last_of(ExternalAuditKind::Stage1);
    let stage2 = last_of(ExternalAuditKind::Stage2);
    let target_decision = cert.decision_on.or(cert.target_date);

    // Once certified, stages not recorded in the document are implied by the
    // decision and not shown.
    let show = |a: Option<&ExternalAudit>| a.is_some() || decision.is_none();
    let s1_target = stage1.and_then(start).or_else(|| target_decision.map(|t| add_months(t, -3)));
    if show(stage1) {
        cx.push(
        MilestoneKind::Stage1,
        1,
        "Stage 1 audit (documentation and readiness)".into(),
        (None, s1_target, None),
        stage1,
        None,
        Vec::new(),
        "ISO/IEC 17021-1 9.3.1: two-stage initial audit; placed 3 months before the target decision when not booked",
    );
    }
    let s1_end = stage1.and_then(end);
    let s2_earliest = s1_end.map(|d| add_days(d, 1));
    let s2_latest = match (s1_end, rules.stage2_max_gap_months) {
        (Some(e), Some(m)) => Some(add_months(e, i64::from(m))),
        _ => None,
    };
    let s2_target = stage2.and_then(start).or_else(|| target_decision.map(|t| add_months(t, -1)));
    if show(stage2) {
        cx.push(
            MilestoneKind::Stage2,
            1,
            "Stage 2 audit (implementation and effectiveness)".into(),
            (s2_earliest, s2_target, s2_latest),
            stage2,
            None,
            vec![Consequence::Stage1MayNeedRepeat],
            "ISO/IEC 17021-1 9.3.1: stage 2 after stage 1; no maximum gap is fixed, the CB decides (EA FAQ)",
        );
    }
    let s2_end = stage2.filter(|a| completed(a)).and_then(end);
    let mut majors_missed = false;
    if let (Some(s2), Some(s2_end)) = (stage2, s2_end) {
        let majors: Vec<_> = doc
            .nonconformities
            .iter()
            .filter(|n| n.grade == Grade::Major && n.audit.as_deref() == Some(s2.id.as_str()))
            .filter(|n| !matches!(n.state, NcState::Rejected | NcState::Cancelled))
            .collect();
        if !majors.is_empty() {
            let all_done = majors.iter().all(|n| matches!(n.state, NcState::Verified | NcState::Closed));
            let done_on = if all_done {
                majors.iter().filter_map(|n| n.verification.as_ref().map(|v| v.on)).max().or(Some(s2_end))
            } else {
                None
            };
            let latest = add_months(s2_end, i64::from(rules.major_nc_closure_months));
            majors_missed = decision.is_none() && done_on.is_none_or(|d| d > latest) && cx.as_of > latest;
            cx.push(
                MilestoneKind::MajorNcClosure,
                1,
                format!("Verify corrections of {} major nonconformit{} from stage 2", majors.len(), if majors.len() == 1 { "y" } else { "ies" }),
                (Some(s2_end), Some(latest), Some(latest)),
                None,
                done_on,
                vec![Consequence::NewStage2Required],
                "ISO/IEC 17021-1 (CB regulations): majors verified within 6 months of the last day of stage 2, else a new stage 2",
            );
        }
    }
    // The decision the rest of the cycle is projected from: the target, but
    // never before the booked Stage 2 ends (the plan moved); none when a new
    // Stage 2 is required or nothing is planned.
    let planned = match (cert.target_date, stage2.and_then(end)) {
        _ if decision.is_some() || cert.decision_on.is_some() || majors_missed => None,
        (Some(t), Some(e)) => Some(t.max(add_days(e, 1))),
        (Some(t), None) => Some(t),
        (None, Some(e)) => Some(add_months(e, 1)),
        (None, None) => None,
    };
    let at = if decision.is_none() { planned.or(target_decision) } else { target_decision };
    let at_start = cx.milestones.len();
    cx.push(
        MilestoneKind::CertificationDecision,
        1,
        if majors_missed {
            "Certification decision (not possible: a new Stage 2 is required)".into()
        } else {
            "Certification decision".into()
        },
        (s2_end, at, None),
        None,
        decision,
        if majors_missed { vec![Consequence::NewStage2Required] } else { Vec::new() },
        "ISO/IEC 17021-1 9.1.3: the first cycle begins with the certification decision",
    );
    if majors_missed {
        // A major nonconformity not verified in time: the decision cannot be
        // taken on this Stage 2, so it is not "upcoming" any more.
        if let Some(m) = cx.milestones.get_mut(at_start) {
            m.status = Status::Missed;
        }
    }
    InitialPlan { decision: planned, new_stage2_required: majors_missed }
}
