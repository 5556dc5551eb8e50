//! The one vocabulary of references to entities, shared by validation,
//! evaluation and the schedule.
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The kind of an entity of the ISMS, or of one the engine computes (a
/// certification milestone, a proposed audit, a review that falls due): the
/// one vocabulary of findings, calendar items and audit coverage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// The organisation as a whole (`id` is `organization`).
    Organization,
    /// The ISMS scope (`id` is `scope`).
    Scope,
    /// The context of the organisation (`id` is `context`).
    Context,
    /// An organisational unit.
    Unit,
    /// A person.
    Person,
    /// A role.
    Role,
    /// An asset.
    Asset,
    /// The risk methodology (`id` is `risk_methodology`).
    RiskMethodology,
    /// A risk.
    Risk,
    /// A treatment.
    Treatment,
    /// A treatment action.
    TreatmentAction,
    /// An Annex A control (`id` is the control number).
    Control,
    /// A custom control.
    CustomControl,
    /// The Statement of Applicability (`id` is `soa`).
    Soa,
    /// A document.
    Document,
    /// A mandatory-document key of the catalog.
    MandatoryDocument,
    /// An evidence item.
    Evidence,
    /// An objective.
    Objective,
    /// A course.
    Course,
    /// A management review.
    ManagementReview,
    /// A management review decision.
    Decision,
    /// An internal audit.
    InternalAudit,
    /// An audit finding.
    AuditFinding,
    /// A clause of the standard (`id` is its number).
    Clause,
    /// The certification cycle (`id` names the milestone, e.g. `surveillance_1`).
    Certification,
    /// A nonconformity.
    Nonconformity,
    /// A corrective action.
    CorrectiveAction,
    /// An interested party.
    InterestedParty,
    /// A scope interface.
    ScopeInterface,
    /// An external (certification body) audit.
    ExternalAudit,
    /// An internal audit the programme proposes (computed).
    ProposedInternalAudit,
    /// A management review that falls due (computed; `id` is its key).
    ManagementReviewDue,
    /// A waiver of findings.
    Waiver,
    /// A rule setting of `settings.rules` (`id` is the rule id).
    RuleSetting,
}

impl EntityKind {
    /// The kind's JSON name (`nonconformity`, `treatment_action`, ...).
    pub fn as_str(self) -> String {
        crate::render::token(&self)
    }
}

impl std::fmt::Display for EntityKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.as_str())
    }
}

/// A reference to an entity: its kind and id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct EntityRef {
    /// What kind of entity.
    pub kind: EntityKind,
    /// Its id.
    pub id: String,
}

impl EntityRef {
    /// A reference to the `kind` entity `id`.
    pub fn new(kind: EntityKind, id: impl Into<String>) -> Self {
        Self { kind, id: id.into() }
    }
}
