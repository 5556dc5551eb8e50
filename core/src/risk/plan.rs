//! The risk treatment plan and its status as of a date (6.1.3 e–f, 8.3;
//! checklist step 7).
//!
//! What this is: each treatment with its option, controls and actions, and
//! the lists a risk owner or auditor asks for first. What it is not: the SoA
//! check (whether the SoA covers the plan's controls belongs to the SoA
//! module) and not the evaluation verdict, which may reuse these lists.
//!
//! The lists, with their rules:
//! - **overdue actions**: not done or cancelled, with a due date before
//!   `as_of` (an action due today is not overdue); ordered by due date, then
//!   action id;
//! - **untreated above appetite**: live risks whose effective level is above
//!   the appetite and which have no treatment at all;
//! - **not accepted**: live risks that are in the plan (have a treatment) or
//!   carry an acceptance record, whose residual risk is not accepted by their
//!   owner: acceptance missing, given by someone else, expired, or dated after
//!   `as_of`;
//! - **modify without controls**: `modify` treatments that name no control;
//! - **retain without acceptance**: `retain` treatments of risks above the
//!   appetite whose owner has not accepted them.
//!
//! All but the overdue list are in document order. Any entry in any list
//! makes [`TreatmentPlan::has_problems`] true.
use super::assess::{AssessedRisk, Assessment, assess};
use crate::Result;
use crate::model::{ActionStatus, Date, Document, RiskStatus, TreatmentOption};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The treatment plan as of a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TreatmentPlan {
    /// The date the status is computed for.
    pub as_of: Date,
    /// One item per treatment, in document order.
    pub items: Vec<PlanItem>,
    /// Actions past their due date and not finished.
    pub overdue_actions: Vec<OverdueAction>,
    /// Risk ids above appetite with no treatment.
    pub untreated_above_appetite: Vec<String>,
    /// Residual risks not accepted by their owner.
    pub not_accepted: Vec<NotAccepted>,
    /// `modify` treatment ids that name no control.
    pub modify_without_controls: Vec<String>,
    /// `retain` treatment ids of above-appetite risks without the owner's acceptance.
    pub retain_without_acceptance: Vec<String>,
}

impl TreatmentPlan {
    /// Whether any list has an entry.
    pub fn has_problems(&self) -> bool {
        !(self.overdue_actions.is_empty()
            && self.untreated_above_appetite.is_empty()
            && self.not_accepted.is_empty()
            && self.modify_without_controls.is_empty()
            && self.retain_without_acceptance.is_empty())
    }
}

/// One treatment in the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PlanItem {
    /// Treatment id.
    pub treatment: String,
    /// Risk id.
    pub risk: String,
    /// Risk title.
    pub risk_title: String,
    /// Risk owner (person id).
    pub risk_owner: Option<String>,
    /// Option chosen.
    pub option: TreatmentOption,
    /// Controls relied upon.
    pub controls: Vec<PlanControl>,
    /// Actions, in document order.
    pub actions: Vec<PlanAction>,
    /// Every action done or cancelled (true when there are none).
    pub complete: bool,
    /// Mean progress of the actions that are not cancelled, percent (done
    /// counts 100, a missing progress 0); 100 when there are none.
    pub progress: u32,
    /// Who approved the plan.
    pub approved_by: Option<String>,
    /// When.
    pub approved_on: Option<Date>,
}

/// A control named by a treatment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PlanControl {
    /// Annex A id or organisation-specific control id.
    pub id: String,
    /// Title from the Annex A catalog or the document's controls.
    pub title: Option<String>,
    /// Whether it is an Annex A control.
    pub annex_a: bool,
}

/// One action and its status as of the date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PlanAction {
    /// Action id.
    pub id: String,
    /// What is to be done.
    pub title: String,
    /// Who (person id).
    pub owner: Option<String>,
    /// Target date.
    pub due_on: Option<Date>,
    /// Status.
    pub status: ActionStatus,
    /// Progress, percent.
    pub progress: Option<u32>,
    /// When finished.
    pub completed_on: Option<Date>,
    /// Past due and not finished.
    pub overdue: bool,
}

/// An overdue action with its context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct OverdueAction {
    /// Action id.
    pub action: String,
    /// Its title.
    pub title: String,
    /// Treatment id.
    pub treatment: String,
    /// Risk id.
    pub risk: String,
    /// Who (person id).
    pub owner: Option<String>,
    /// Target date.
    pub due_on: Date,
    /// Days past the due date (≥ 1).
    pub days_overdue: i64,
}

/// Why a residual risk does not count as accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotAcceptedReason {
    /// No acceptance recorded.
    Missing,
    /// Accepted by someone other than the risk owner (or the risk has no owner).
    NotOwner,
    /// The acceptance has expired.
    Expired,
    /// The acceptance is dated after the as-of date.
    NotYetValid,
}

/// A risk whose residual risk is not accepted by its owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct NotAccepted {
    /// Risk id.
    pub risk: String,
    /// Risk owner (person id).
    pub owner: Option<String>,
    /// Why.
    pub reason: NotAcceptedReason,
    /// Who accepted, when someone did.
    pub accepted_by: Option<String>,
    /// When the acceptance expired or expires.
    pub expires_on: Option<Date>,
}

/// The treatment plan of a document as of a date. Errors as [`assess`].
pub fn treatment_plan(doc: &Document, as_of: Date) -> Result<TreatmentPlan> {
    Ok(treatment_plan_from(doc, &assess(doc, as_of)?))
}

fn control(doc: &Document, id: &str) -> PlanControl {
    if let Some(c) = crate::catalog::control(id) {
        return PlanControl { id: id.into(), title: Some(c.title.to_string()), annex_a: true };
    }
    let title = doc.controls.iter().find(|c| c.id == id).map(|c| c.title.clone());
    PlanControl { id: id.into(), title, annex_a: false }
}

fn not_accepted(r: &AssessedRisk, as_of: Date) -> Option<NotAcceptedReason> {
    if r.accepted {
        return None;
    }
    Some(match (&r.accepted_by, r.accepted_on) {
        (None, _) | (_, None) => NotAcceptedReason::Missing,
        (Some(by), _) if r.owner.as_ref() != Some(by) => NotAcceptedReason::NotOwner,
        _ if r.acceptance_expired => NotAcceptedReason::Expired,
        (_, Some(on)) if on > as_of => NotAcceptedReason::NotYetValid,
        _ => NotAcceptedReason::Missing,
    })
}

/// The treatment plan from an assessment already computed for `doc`.
pub fn treatment_plan_from(doc: &Document, a: &Assessment) -> TreatmentPlan {
    let as_of = a.as_of;
    let by_id: std::collections::BTreeMap<&str, &AssessedRisk> = a.risks.iter().map(|r| (r.id.as_str(), r)).collect();
    let risk = |id: &str| by_id.get(id).copied();
    let mut items = Vec::with_capacity(doc.treatments.len());
    let mut overdue_actions = Vec::new();
    let mut modify_without_controls = Vec::new();
    let mut retain_without_acceptance = Vec::new();
    for t in &doc.treatments {
        let r = risk(&t.risk);
        let actions: Vec<PlanAction> = t
            .actions
            .iter()
            .map(|x| {
                let open = !matches!(x.status, ActionStatus::Done | ActionStatus::Cancelled);
                let overdue = open && x.due_on.is_some_and(|d| d < as_of);
                if let (true, Some(due)) = (overdue, x.due_on) {
                    overdue_actions.push(OverdueAction {
                        action: x.id.clone(),
                        title: x.title.clone(),
                        treatment: t.id.clone(),
                        risk: t.risk.clone(),
                        owner: x.owner.clone(),
                        due_on: due,
                        days_overdue: (as_of - due).num_days(),
                    });
                }
                PlanAction {
                    id: x.id.clone(),
                    title: x.title.clone(),
                    owner: x.owner.clone(),
                    due_on: x.due_on,
                    status: x.status,
                    progress: x.progress,
                    completed_on: x.completed_on,
                    overdue,
                }
            })
            .collect();
        let counted: Vec<u32> = actions
            .iter()
            .filter(|x| x.status != ActionStatus::Cancelled)
            .map(|x| if x.status == ActionStatus::Done { 100 } else { x.progress.unwrap_or(0).min(100) })
            .collect();
        let progress = if counted.is_empty() {
            100
        } else {
            (counted.iter().map(|&p| u64::from(p)).sum::<u64>() / counted.len() as u64) as u32
        };
        if t.option == TreatmentOption::Modify && t.controls.is_empty() {
            modify_without_controls.push(t.id.clone());
        }
        let live = r.is_some_and(|r| r.status != RiskStatus::Closed);
        if live && t.option == TreatmentOption::Retain && r.is_some_and(|r| r.above_appetite && !r.accepted) {
            retain_without_acceptance.push(t.id.clone());
        }
        items.push(PlanItem {
            treatment: t.id.clone(),
            risk: t.risk.clone(),
            risk_title: r.map(|r| r.title.clone()).unwrap_or_default(),
            risk_owner: r.and_then(|r| r.owner.clone()),
            option: t.option,
            controls: t.controls.iter().map(|c| control(doc, c)).collect(),
            complete: actions.iter().all(|x| matches!(x.status, ActionStatus::Done | ActionStatus::Cancelled)),
            actions,
            progress,
            approved_by: t.approved_by.clone(),
            approved_on: t.approved_on,
        });
    }
    overdue_actions.sort_by(|x, y| x.due_on.cmp(&y.due_on).then_with(|| x.action.cmp(&y.action)));

    let live = || a.risks.iter().filter(|r| r.status != RiskStatus::Closed);
    let untreated_above_appetite =
        live().filter(|r| r.above_appetite && r.treatments.is_empty()).map(|r| r.id.clone()).collect();
    let not_accepted = live()
        .filter(|r| !r.treatments.is_empty() || r.accepted_by.is_some())
        .filter_map(|r| {
            not_accepted(r, as_of).map(|reason| NotAccepted {
                risk: r.id.clone(),
                owner: r.owner.clone(),
                reason,
                accepted_by: r.accepted_by.clone(),
                expires_on: r.acceptance_expires_on,
            })
        })
        .collect();
    TreatmentPlan {
        as_of,
        items,
        overdue_actions,
        untreated_above_appetite,
        not_accepted,
        modify_without_controls,
        retain_without_acceptance,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn fixture() -> Document {
        crate::json::parse_document(include_str!("../../../tests/fixtures/risk-small.json")).unwrap()
    }

    fn plan(as_of: &str) -> TreatmentPlan {
        treatment_plan(&fixture(), as_of.parse().unwrap()).unwrap()
    }

    #[test]
    fn fixture_plan_lists() {
        let p = plan("2026-06-01");
        assert_eq!(p.items.len(), 5);
        let ids: Vec<_> = p.overdue_actions.iter().map(|x| (x.action.as_str(), x.days_overdue)).collect();
        assert_eq!(ids, [("A-patch", 1)], "A-training is due today: not overdue");
        assert_eq!(p.untreated_above_appetite, ["R-supplier"]);
        let na: Vec<_> = p.not_accepted.iter().map(|x| (x.risk.as_str(), x.reason)).collect();
        assert_eq!(
            na,
            [
                ("R-ransomware", NotAcceptedReason::Missing),
                ("R-laptop", NotAcceptedReason::NotOwner),
                ("R-cloud", NotAcceptedReason::Expired),
            ]
        );
        assert_eq!(p.modify_without_controls, ["T-insider"]);
        assert_eq!(p.retain_without_acceptance, ["T-laptop"]);
        assert!(p.has_problems());
    }

    #[test]
    fn plan_json_snapshot() {
        insta::assert_snapshot!(crate::json::to_json(&plan("2026-06-01")));
    }

    #[test]
    fn items_carry_controls_actions_and_progress() {
        let p = plan("2026-06-01");
        let t = &p.items[0];
        assert_eq!(
            (t.treatment.as_str(), t.risk.as_str(), t.option),
            ("T-ransomware", "R-ransomware", TreatmentOption::Modify)
        );
        assert_eq!(t.controls[0].id, "8.13");
        assert_eq!(t.controls[0].title.as_deref(), Some("Information backup"));
        assert!(t.controls[0].annex_a);
        assert_eq!(t.progress, 75);
        assert!(!t.complete);
        assert_eq!(t.actions.iter().map(|a| a.overdue).collect::<Vec<_>>(), [false, true]);
        let laptop = &p.items[2];
        assert!(laptop.complete && laptop.actions.is_empty());
        assert_eq!(laptop.progress, 100);
    }

    #[test]
    fn overdue_boundary_dates() {
        assert!(plan("2026-05-31").overdue_actions.is_empty(), "due today is not overdue");
        let p = plan("2026-06-02");
        let ids: Vec<_> = p.overdue_actions.iter().map(|x| (x.action.as_str(), x.days_overdue)).collect();
        assert_eq!(ids, [("A-patch", 2), ("A-training", 1)], "ordered by due date");
    }

    #[test]
    fn acceptance_not_yet_valid_and_closed_risks() {
        let mut doc = fixture();
        // Bob's acceptance of phishing is dated 2026-01-10: before it, not valid yet.
        let p = treatment_plan(&doc, "2026-01-09".parse().unwrap()).unwrap();
        assert!(p.not_accepted.iter().any(|x| x.risk == "R-phishing" && x.reason == NotAcceptedReason::NotYetValid));
        // A closed risk drops out of every list.
        for r in doc.risks.iter_mut() {
            r.status = RiskStatus::Closed;
        }
        let p = treatment_plan(&doc, "2026-06-01".parse().unwrap()).unwrap();
        assert!(p.untreated_above_appetite.is_empty() && p.not_accepted.is_empty());
        assert!(p.retain_without_acceptance.is_empty());
    }

    #[test]
    fn a_clean_plan_has_no_problems() {
        let doc: Document = serde_json::from_value(serde_json::json!({
            "schema_version": "1.0", "organization": {"name": "T"},
            "people": [{"id": "ann", "name": "Ann"}],
            "risks": [{"id": "r1", "title": "x", "owner": "ann", "inherent": {"likelihood": 5, "consequence": 5},
                       "residual": {"likelihood": 1, "consequence": 1}, "acceptance": {"by": "ann", "on": "2026-01-01"}}],
            "treatments": [{"id": "t1", "risk": "r1", "option": "modify", "controls": ["8.7"],
                            "actions": [{"id": "a1", "title": "x", "due_on": "2026-02-01", "status": "done"}]}]
        }))
        .unwrap();
        let p = treatment_plan(&doc, "2026-06-01".parse().unwrap()).unwrap();
        assert!(!p.has_problems(), "{p:?}");
    }
}
