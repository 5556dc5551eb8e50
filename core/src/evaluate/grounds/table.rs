//! The grounds table: one [`Grounds`] entry per rule of the catalogue,
//! grouped by topic in catalogue order.
use super::{Basis, Grounds};

use Basis::{EngineDefault as E, Lapse as L, Recommendation as C, Requirement as R};

const fn g(basis: Basis, source: &'static str, setting: Option<&'static str>, reason: &'static str) -> Grounds {
    Grounds { basis, source, setting, reason }
}

/// The grounds of every rule, in catalogue order.
pub const GROUNDS: &[(&str, Grounds)] = &[
    // Context and scope
    (
        "context.issues_missing",
        g(
            R,
            "ISO/IEC 27001 4.1",
            None,
            "Determining internal and external issues is required; with none recorded the context the ISMS rests on is missing, a major gap.",
        ),
    ),
    (
        "context.climate_change_undetermined",
        g(
            R,
            "ISO/IEC 27001 4.1 (Amd 1:2024)",
            None,
            "Since the 2024 amendment the organisation has to decide whether climate change is relevant; a missing decision is a missing requirement, so major.",
        ),
    ),
    (
        "context.interested_parties_missing",
        g(
            R,
            "ISO/IEC 27001 4.2 a)",
            None,
            "Interested parties have to be determined; without any the ISMS cannot show whose requirements it serves.",
        ),
    ),
    (
        "context.party_requirements_missing",
        g(
            L,
            "ISO/IEC 27001 4.2 b)",
            None,
            "The parties were determined but one lacks its requirements: a lapse in a working process, minor.",
        ),
    ),
    (
        "scope.missing",
        g(
            R,
            "ISO/IEC 27001 4.3",
            None,
            "The scope must exist as documented information and every Stage 1 audit starts from it: a blocker.",
        ),
    ),
    (
        "scope.not_approved",
        g(
            C,
            "checklist step 2; step 3 (management oversight)",
            None,
            "4.3 does not ask for a separate scope approval (the scope document's own approval is checked by documents.mandatory_unapproved); good practice, minor.",
        ),
    ),
    (
        "scope.not_communicated",
        g(
            C,
            "checklist step 2",
            None,
            "Communicating the scope to stakeholders is recommended by the checklist, not required by 4.3 (7.4 leaves what to communicate to the organisation): minor.",
        ),
    ),
    (
        "scope.interfaces_missing",
        g(
            R,
            "ISO/IEC 27001 4.3 c)",
            None,
            "Scoping has to take interfaces and dependencies with outside activities into account; none recorded means that consideration cannot be shown: major.",
        ),
    ),
    (
        "scope.interface_unprotected",
        g(
            C,
            "checklist step 2",
            None,
            "The checklist suggests considering additional controls for information crossing the boundary; 4.3 asks only that interfaces be considered, and the risk assessment decides the controls: info.",
        ),
    ),
    (
        "scope.exclusion_unjustified",
        g(
            C,
            "checklist step 2",
            None,
            "4.3 does not require a reason for each excluded unit, but an auditor will ask for one to judge the boundary: minor.",
        ),
    ),
    // Leadership and roles
    (
        "roles.no_sponsor",
        g(
            R,
            "ISO/IEC 27001 5.1",
            None,
            "Top management's leadership and commitment are required and certification bodies audit them at Stage 1: without a sponsor it cannot pass, a blocker.",
        ),
    ),
    (
        "roles.no_isms_manager",
        g(
            R,
            "ISO/IEC 27001 5.3 a), b)",
            None,
            "Someone must be assigned to ensure conformity and report on performance; nobody holding it is a major gap.",
        ),
    ),
    (
        "roles.holder_departed",
        g(
            R,
            "ISO/IEC 27001 5.3",
            None,
            "A role whose holder has left is in effect unassigned: the responsibility the standard requires is missing, major.",
        ),
    ),
    (
        "roles.unfilled",
        g(
            L,
            "ISO/IEC 27001 5.3; checklist step 3",
            None,
            "One defined role has nobody in it while the roles as a whole are assigned: a lapse, minor.",
        ),
    ),
    (
        "roles.responsibilities_missing",
        g(
            L,
            "ISO/IEC 27001 5.3",
            None,
            "A role exists but its responsibilities are not written down: a lapse in assigning and communicating them, minor.",
        ),
    ),
    (
        "ownership.owner_departed",
        g(
            R,
            "ISO/IEC 27001 5.3, 6.1.2 c) 2); A.5.9",
            None,
            "An owner who has left leaves a risk, asset, control or document without the owner the standard asks for: major.",
        ),
    ),
    // Assets
    (
        "assets.inventory_empty",
        g(
            R,
            "ISO/IEC 27001 A.5.9 (when applicable)",
            None,
            "An applicable control must be implemented (6.1.3, 8.1) and 5.9 is the inventory itself: none at all is major.",
        ),
    ),
    (
        "assets.no_owner",
        g(
            R,
            "ISO/IEC 27001 A.5.9",
            None,
            "Control 5.9 asks for an inventory including owners; an unowned asset has no one protecting it: major.",
        ),
    ),
    (
        "assets.no_classification",
        g(
            L,
            "ISO/IEC 27001 A.5.12; checklist step 4",
            None,
            "A single unclassified information asset in an otherwise classified inventory is a lapse: minor.",
        ),
    ),
    (
        "assets.not_valued",
        g(
            C,
            "checklist steps 4, 5",
            None,
            "Asset values feed consequences only in an asset-based method; the standard does not ask for them: info.",
        ),
    ),
    // Risk
    (
        "risk.methodology_not_defined",
        g(
            R,
            "ISO/IEC 27001 6.1.2 a)",
            None,
            "The organisation must set its own acceptance and assessment criteria; the engine's fallback 5×5 is not the organisation's: major.",
        ),
    ),
    (
        "risk.methodology_not_documented",
        g(
            R,
            "ISO/IEC 27001 6.1.2",
            None,
            "Documented information about the assessment process must be retained: major.",
        ),
    ),
    (
        "risk.register_empty",
        g(
            R,
            "ISO/IEC 27001 8.2, 6.1.2",
            None,
            "Stage 1 reviews the results of the risk assessment; with no risk there is nothing to review: a blocker.",
        ),
    ),
    (
        "risk.no_owner",
        g(
            R,
            "ISO/IEC 27001 6.1.2 c) 2)",
            None,
            "Risk owners must be identified, and they accept residual risk: a risk without one is major.",
        ),
    ),
    (
        "risk.not_assessed",
        g(
            R,
            "ISO/IEC 27001 6.1.2 d)",
            None,
            "Likelihood and consequences must be assessed to set a level; an unrated risk cannot be evaluated: major.",
        ),
    ),
    (
        "risk.assessment_stale",
        g(
            E,
            "ISO/IEC 27001 8.2 (planned intervals)",
            Some("settings.risk_review_days"),
            "8.2 asks for assessments at planned intervals but sets none; the interval is the engine's default, so a late reassessment is minor.",
        ),
    ),
    (
        "risk.untreated_above_appetite",
        g(
            R,
            "ISO/IEC 27001 6.1.3 a)",
            None,
            "A risk beyond the acceptance criteria with neither treatment nor acceptance defeats the treatment process Stage 1 reviews: a blocker.",
        ),
    ),
    (
        "risk.action_overdue",
        g(
            R,
            "ISO/IEC 27001 8.3",
            None,
            "The treatment plan must be implemented; an overdue action on a risk above appetite is major (lowered to minor per finding otherwise).",
        ),
    ),
    (
        "risk.action_unplanned",
        g(
            C,
            "checklist step 7",
            None,
            "Owners and target dates for each action are what the checklist asks of a treatment plan; the standard does not prescribe them: minor.",
        ),
    ),
    (
        "risk.residual_not_accepted",
        g(
            R,
            "ISO/IEC 27001 6.1.3 f)",
            None,
            "Risk owners must accept residual risk; a treated risk without acceptance is major.",
        ),
    ),
    (
        "risk.residual_above_appetite",
        g(
            R,
            "ISO/IEC 27001 6.1.3 f), 6.1.2 a) 1)",
            None,
            "A residual level above the acceptance criteria, unaccepted, leaves a risk outside the criteria: major.",
        ),
    ),
    (
        "risk.acceptance_expired",
        g(
            E,
            "ISO/IEC 27001 6.1.3 f)",
            Some("risk_methodology.acceptance_validity_days"),
            "How long an acceptance lasts is the organisation's (or the engine's default) choice, not the standard's: major because the risk is then unaccepted, never a blocker.",
        ),
    ),
    (
        "risk.treatment_not_approved",
        g(
            L,
            "ISO/IEC 27001 6.1.3 f)",
            None,
            "The owner's approval of one treatment is missing while the plan exists: a lapse, minor.",
        ),
    ),
    (
        "risk.modify_without_controls",
        g(
            L,
            "ISO/IEC 27001 6.1.3 b)",
            None,
            "A modifying treatment should name its controls; one that does not is a lapse in determining them, minor.",
        ),
    ),
    // SoA and controls
    (
        "soa.missing",
        g(
            R,
            "ISO/IEC 27001 6.1.3 d)",
            None,
            "The SoA is required documented information and Stage 1 reviews it: a blocker.",
        ),
    ),
    (
        "soa.control_not_addressed",
        g(
            R,
            "ISO/IEC 27001 6.1.3 c), d)",
            None,
            "Every Annex A control must be compared and decided in the SoA; a missing entry is a missing required element: a blocker.",
        ),
    ),
    (
        "soa.exclusion_unjustified",
        g(
            R,
            "ISO/IEC 27001 6.1.3 d)",
            None,
            "A justification for each exclusion is a required element of the SoA, so its absence blocks Stage 1.",
        ),
    ),
    (
        "soa.inclusion_without_reason",
        g(
            L,
            "ISO/IEC 27001 6.1.3 d)",
            None,
            "The SoA exists and the control is included; only its reason is missing: a lapse, minor.",
        ),
    ),
    (
        "soa.excluded_but_relied_on",
        g(
            R,
            "ISO/IEC 27001 6.1.3 b), c)",
            None,
            "Excluding a control the treatment needs makes the SoA contradict the plan: a blocker at Stage 1.",
        ),
    ),
    (
        "soa.relied_on_not_addressed",
        g(
            R,
            "ISO/IEC 27001 6.1.3 d)",
            None,
            "The SoA must contain the controls the treatment needs: one missing is major.",
        ),
    ),
    (
        "soa.risk_reason_unreferenced",
        g(
            C,
            "checklist steps 7, 8",
            None,
            "A consistency check between the SoA and the plan, not a requirement: minor.",
        ),
    ),
    (
        "soa.not_approved",
        g(
            R,
            "ISO/IEC 27001 7.5.2 c), 6.1.3 f)",
            None,
            "The SoA is documented information that must be approved for suitability: major.",
        ),
    ),
    (
        "controls.no_owner",
        g(
            C,
            "checklist step 9",
            None,
            "The checklist assigns an owner to each control; the standard does not name control owners: minor.",
        ),
    ),
    (
        "controls.implementation_overdue",
        g(
            R,
            "ISO/IEC 27001 8.1, 8.3",
            None,
            "Implementing planned controls is required; one past its own target date is major.",
        ),
    ),
    (
        "controls.not_planned",
        g(
            C,
            "checklist step 7",
            None,
            "Target dates for each control are what the checklist asks; the standard does not: minor.",
        ),
    ),
    (
        "controls.no_evidence",
        g(
            R,
            "ISO/IEC 27001 8.1, 9.1",
            None,
            "Documented information must give confidence that processes operate as planned; an implemented control with no evidence at all is major.",
        ),
    ),
    (
        "controls.custom_no_owner",
        g(C, "checklist step 9", None, "As for Annex A controls, owners are the checklist's recommendation: minor."),
    ),
    // Documents and evidence
    (
        "documents.mandatory_missing",
        g(
            R,
            "ISO/IEC 27001 7.5.1 a) and the clauses that ask for documented information",
            None,
            "Documents the clauses require are blockers (Stage 1 reviews them); required records and documents expected from applicable Annex A controls are majors. Nonconformity and corrective-action records are not demanded until a nonconformity has been raised.",
        ),
    ),
    (
        "documents.mandatory_unapproved",
        g(
            R,
            "ISO/IEC 27001 7.5.2 c)",
            None,
            "Documented information must be reviewed and approved; a required document only in draft is major.",
        ),
    ),
    (
        "documents.review_overdue",
        g(
            E,
            "ISO/IEC 27001 7.5.2",
            Some("settings.document_review_days (per document: review_every_days)"),
            "The standard sets no review interval; the engine's default interval makes a late review minor.",
        ),
    ),
    (
        "documents.no_owner",
        g(
            C,
            "checklist step 12",
            None,
            "7.5.3 asks for control of documents but names no owner; an owner is good practice: minor.",
        ),
    ),
    (
        "evidence.stale",
        g(
            E,
            "ISO/IEC 27001 9.1",
            Some("settings.evidence_freshness_days (per item: valid_for_days)"),
            "How long evidence stays current is the engine's default, not the standard's; old evidence is a lapse in monitoring: minor.",
        ),
    ),
    (
        "evidence.expiring",
        g(
            E,
            "ISO/IEC 27001 9.1",
            Some("settings.warning_window_days"),
            "An early warning on the engine's window; nothing is broken yet: info.",
        ),
    ),
    (
        "monitoring.no_recent_evidence",
        g(
            E,
            "ISO/IEC 27001 9.1",
            Some("fixed 90-day window (MONITORING_WINDOW_DAYS, not yet a document setting)"),
            "The 90-day window is the engine's own figure; a quiet period alone breaks no requirement: info.",
        ),
    ),
    (
        "documents.unsafe_text",
        g(
            C,
            "ISO/IEC 27001 7.5.2",
            None,
            "Documented information should be legible to every reader; invisible characters that reorder or restyle text are a hygiene problem, not a broken requirement: info.",
        ),
    ),
    // Training
    (
        "training.no_awareness_programme",
        g(
            R,
            "ISO/IEC 27001 7.3; A.6.3",
            None,
            "Everyone under the organisation's control must be made aware; no programme for everyone is major.",
        ),
    ),
    (
        "training.onboarding_overdue",
        g(
            L,
            "ISO/IEC 27001 7.2, 7.3",
            Some("courses[].onboarding_days"),
            "One starter outside the organisation's own onboarding window is a lapse: minor.",
        ),
    ),
    (
        "training.not_completed",
        g(
            L,
            "ISO/IEC 27001 7.2, 7.3",
            None,
            "One person missing a required course while the programme runs is a lapse: minor.",
        ),
    ),
    (
        "training.refresh_overdue",
        g(
            L,
            "ISO/IEC 27001 7.3; A.6.3 (regular updates)",
            Some("courses[].recurrence_days"),
            "One overdue refresh on the organisation's own cadence is a lapse: minor.",
        ),
    ),
    // Objectives
    (
        "objectives.missing",
        g(
            R,
            "ISO/IEC 27001 6.2",
            None,
            "Information security objectives must be established and documented: none is major.",
        ),
    ),
    (
        "objectives.not_measurable",
        g(
            L,
            "ISO/IEC 27001 6.2 b)",
            None,
            "Objectives must be measurable where practicable; one without metric or target is a lapse, minor.",
        ),
    ),
    (
        "objectives.no_owner",
        g(
            L,
            "ISO/IEC 27001 6.2 (who is responsible)",
            None,
            "Planning an objective includes who is responsible; one without is a lapse, minor.",
        ),
    ),
    (
        "objectives.measurement_overdue",
        g(
            E,
            "ISO/IEC 27001 9.1",
            Some("objectives[].measure_every_days (default 90)"),
            "The 90-day measurement cadence is the engine's default; a late measurement is minor.",
        ),
    ),
    (
        "objectives.target_missed",
        g(
            C,
            "ISO/IEC 27001 9.3.2 d) 4) (input to review)",
            None,
            "Missing a target is no nonconformity but an input to the management review: info.",
        ),
    ),
    // Management review
    (
        "management_review.never_held",
        g(
            R,
            "ISO/IEC 27001 9.3",
            None,
            "Certification bodies expect a management review before Stage 1; none held is a blocker.",
        ),
    ),
    (
        "management_review.overdue",
        g(
            E,
            "ISO/IEC 27001 9.3.1 (planned intervals)",
            Some("settings.management_review_interval_months"),
            "The standard asks for planned intervals, the 12 months are the engine's default: major when exceeded, never a blocker.",
        ),
    ),
    (
        "management_review.inputs_missing",
        g(
            R,
            "ISO/IEC 27001 9.3.2",
            None,
            "The review must consider every listed input; a review that skipped some is major.",
        ),
    ),
    (
        "management_review.top_management_absent",
        g(
            L,
            "ISO/IEC 27001 9.3.1",
            None,
            "The review was held but its record shows no top-management attendee: a lapse, minor.",
        ),
    ),
    (
        "management_review.no_minutes",
        g(L, "ISO/IEC 27001 9.3.3", None, "Results must be retained; one review without minutes is a lapse, minor."),
    ),
    (
        "management_review.decision_overdue",
        g(
            L,
            "ISO/IEC 27001 9.3.3, 10.1",
            None,
            "One decision not carried out by its date is a lapse in a working process: minor.",
        ),
    ),
    // Internal audit
    (
        "internal_audit.never_held",
        g(
            R,
            "ISO/IEC 27001 9.2",
            None,
            "An internal audit must have been held before certification audits; none is a blocker.",
        ),
    ),
    (
        "internal_audit.clause_not_covered",
        g(
            R,
            "ISO/IEC 27001 9.2.2",
            Some("settings.internal_audit_cycle_years"),
            "The programme must cover the ISMS requirements; a clause left out is major (the coverage window is the engine's setting).",
        ),
    ),
    (
        "internal_audit.control_not_covered",
        g(
            C,
            "checklist step 13",
            None,
            "Covering every applicable control within one cycle is good practice, not required per control: minor.",
        ),
    ),
    (
        "internal_audit.auditor_not_independent",
        g(
            R,
            "ISO/IEC 27001 9.2.2 c)",
            None,
            "Auditors must be objective and impartial; one auditing their own work is major.",
        ),
    ),
    (
        "internal_audit.overdue",
        g(
            R,
            "ISO/IEC 27001 9.2.2",
            None,
            "The audit programme must be implemented; a planned audit not held is major.",
        ),
    ),
    (
        "internal_audit.no_auditor",
        g(
            L,
            "ISO/IEC 27001 9.2.2 c)",
            None,
            "An audit without a named auditor is a lapse in the record of the programme: minor.",
        ),
    ),
    (
        "internal_audit.no_report",
        g(
            L,
            "ISO/IEC 27001 9.2.2 d), f)",
            None,
            "Results must be reported and retained; one completed audit without a report is a lapse, minor.",
        ),
    ),
    // Certification cycle
    (
        "certification.not_planned",
        g(
            C,
            "checklist steps 1, 14",
            None,
            "A target date is the checklist's starting point, not a requirement: info.",
        ),
    ),
    (
        "certification.target_at_risk",
        g(
            E,
            "checklist steps 1, 14",
            Some("fixed 180-day horizon"),
            "The target date is the organisation's own and the 180-day horizon the engine's; nothing in the standard is broken.",
        ),
    ),
    (
        "certification.new_stage2_required",
        g(
            R,
            "ISO/IEC 17021-1 9.4.9, 9.5",
            Some("certification.cycle_rules.major_nc_closure_months"),
            "Without verified corrections of every major nonconformity from Stage 2 within the closure period, the certification body cannot decide on that Stage 2 and needs a new one: a blocker.",
        ),
    ),
    (
        "certification.surveillance_at_risk",
        g(
            R,
            "ISO/IEC 17021-1 9.1.3, 9.6.2",
            Some("certification.cycle_rules.first_surveillance_max_months, surveillance_window_months"),
            "Surveillance at least once a calendar year (the first within 12 months of the decision) keeps the certificate: major when near, blocker once missed.",
        ),
    ),
    (
        "certification.recertification_not_planned",
        g(
            R,
            "ISO/IEC 17021-1 9.1.3, 9.6.3",
            Some("certification.cycle_rules.recertification_lead_months"),
            "A recertification audit must be completed before expiry to keep the certificate: major when expiry is near without one.",
        ),
    ),
    (
        "certification.expired",
        g(
            R,
            "ISO/IEC 17021-1 9.6.3.2.5",
            Some("certification.cycle_rules.restoration_months"),
            "An expired certificate is no certification; restoration or a new Stage 2 is needed: a blocker.",
        ),
    ),
    // Nonconformity
    (
        "nonconformity.major_open",
        g(
            R,
            "ISO/IEC 27001 10.2; ISO/IEC 17021-1 3.12",
            Some("certification.cycle_rules.major_nc_closure_months"),
            "A certification body does not certify while a major nonconformity is open: a blocker.",
        ),
    ),
    (
        "nonconformity.overdue",
        g(
            E,
            "ISO/IEC 27001 10.2",
            Some("settings.nc_deadlines"),
            "The standard sets no deadline; the grade deadlines are the engine's defaults (or the certification body's): major when passed.",
        ),
    ),
    (
        "nonconformity.no_owner",
        g(C, "checklist step 15", None, "An owner per nonconformity is good practice; 10.2 names none: minor."),
    ),
    (
        "nonconformity.action_overdue",
        g(
            L,
            "ISO/IEC 27001 10.2 c)",
            None,
            "One corrective action late while the nonconformity is handled is a lapse: minor.",
        ),
    ),
    (
        "nonconformity.ineffective",
        g(
            R,
            "ISO/IEC 27001 10.2 d)",
            None,
            "Corrective actions must be reviewed for effectiveness; one found ineffective yet closed leaves the nonconformity: major.",
        ),
    ),
    (
        "nonconformity.finding_not_raised",
        g(
            L,
            "ISO/IEC 27001 10.2 a)",
            None,
            "An audit finding not taken into the nonconformity process is a lapse in reacting to it: minor.",
        ),
    ),
    // Continuous monitoring
    (
        "monitoring.control_failing",
        g(
            E,
            "ISO/IEC 27001 9.1, 8.1",
            Some("settings.monitoring.tolerance_days, escalate_after_days, controls[].critical"),
            "A failing automated test shows a control not operating as planned; how long a failure is tolerated and when it escalates are the engine's defaults: minor, raised with its age and for critical controls.",
        ),
    ),
    (
        "monitoring.control_at_risk",
        g(
            E,
            "ISO/IEC 27001 9.1",
            Some("settings.monitoring.tolerance_days"),
            "A new failure inside its tolerance window may be fixed before it counts: information only.",
        ),
    ),
    (
        "monitoring.not_evaluated",
        g(
            C,
            "checklist step 17",
            None,
            "A test that errored or needs a person gives no verdict, so the control's operation is unknown until someone looks: minor.",
        ),
    ),
    (
        "monitoring.results_stale",
        g(
            E,
            "ISO/IEC 27001 9.1",
            Some("settings.monitoring.cadence_days, controls[].cadence_days"),
            "A result counts only while it is fresh under the engine's default cadence: minor when the latest is older.",
        ),
    ),
    (
        "monitoring.excluded_control_failing",
        g(
            C,
            "ISO/IEC 27001 6.1.3 d)",
            None,
            "Tests failing on a control the SoA excludes may question the exclusion, but break nothing by themselves: information only.",
        ),
    ),
    (
        "monitoring.override_expired",
        g(
            L,
            "ISO/IEC 27001 9.1, 7.5.3",
            None,
            "An accepted deviation whose approval lapsed is a control of documented decisions that slipped once: minor.",
        ),
    ),
    // Waivers and rule settings
    (
        "waivers.unknown_rule",
        g(
            C,
            "ISO/IEC 27001 7.5.2",
            None,
            "An entry that names no rule changes nothing and misleads its reader; correct records are good practice, not a broken requirement: minor.",
        ),
    ),
    (
        "waivers.unapproved",
        g(
            L,
            "ISO/IEC 27001 6.1.3 f",
            None,
            "Accepting what is not treated needs the approval of those accountable; one acceptance recorded without it is a single lapse of that process: minor.",
        ),
    ),
    (
        "waivers.expired",
        g(
            L,
            "ISO/IEC 27001 6.1.3 f, 7.5.3",
            None,
            "An acceptance whose term ran out is a documented decision not kept current, once: minor.",
        ),
    ),
    (
        "waivers.expiring",
        g(
            E,
            "ISO/IEC 27001 7.5.3",
            Some("settings.warning_window_days"),
            "A warning ahead of the expiry, at the engine's warning window: info.",
        ),
    ),
];
