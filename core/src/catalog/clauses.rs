//! The clause structure of ISO/IEC 27001:2022 (clauses 4 to 10), and the
//! inputs a management review has to consider.
//!
//! **What this is**: the numbered clauses and sub-clauses with their titles
//! (the ISO Harmonized Structure wording) and parent links, for referring to
//! requirements by number; and [`ManagementReviewInput`], the items that
//! 9.3.2 says a management review shall consider, named in our own words.
//!
//! **What this is not**: the requirement text. Nor clauses 0–3 (introduction,
//! scope, normative references, terms), which hold no requirements an ISMS is
//! audited against.
//!
//! **Serves**: every clause reference in the engine; 9.3 (management review).
//!
//! Sources: \[S1\] and \[S7\] (`facts.md` section 1). The title of 6.3 ("Planning
//! of changes") is single-source; ciso-assistant spells it "Planning for
//! changes".

use schemars::JsonSchema;
use serde::Serialize;

use super::token_enum;

/// One clause or sub-clause of ISO/IEC 27001:2022.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
pub struct Clause {
    /// Clause number, e.g. `"6.1.2"`.
    pub id: &'static str,
    /// Title, e.g. `"Information security risk assessment"`.
    pub title: &'static str,
    /// The enclosing clause, `None` for the top-level clauses 4 to 10.
    pub parent: Option<&'static str>,
}

const fn c(id: &'static str, title: &'static str, parent: Option<&'static str>) -> Clause {
    Clause { id, title, parent }
}

static CLAUSES: [Clause; 41] = [
    c("4", "Context of the organization", None),
    c("4.1", "Understanding the organization and its context", Some("4")),
    c("4.2", "Understanding the needs and expectations of interested parties", Some("4")),
    c("4.3", "Determining the scope of the information security management system", Some("4")),
    c("4.4", "Information security management system", Some("4")),
    c("5", "Leadership", None),
    c("5.1", "Leadership and commitment", Some("5")),
    c("5.2", "Policy", Some("5")),
    c("5.3", "Organizational roles, responsibilities and authorities", Some("5")),
    c("6", "Planning", None),
    c("6.1", "Actions to address risks and opportunities", Some("6")),
    c("6.1.1", "General", Some("6.1")),
    c("6.1.2", "Information security risk assessment", Some("6.1")),
    c("6.1.3", "Information security risk treatment", Some("6.1")),
    c("6.2", "Information security objectives and planning to achieve them", Some("6")),
    c("6.3", "Planning of changes", Some("6")),
    c("7", "Support", None),
    c("7.1", "Resources", Some("7")),
    c("7.2", "Competence", Some("7")),
    c("7.3", "Awareness", Some("7")),
    c("7.4", "Communication", Some("7")),
    c("7.5", "Documented information", Some("7")),
    c("7.5.1", "General", Some("7.5")),
    c("7.5.2", "Creating and updating", Some("7.5")),
    c("7.5.3", "Control of documented information", Some("7.5")),
    c("8", "Operation", None),
    c("8.1", "Operational planning and control", Some("8")),
    c("8.2", "Information security risk assessment", Some("8")),
    c("8.3", "Information security risk treatment", Some("8")),
    c("9", "Performance evaluation", None),
    c("9.1", "Monitoring, measurement, analysis and evaluation", Some("9")),
    c("9.2", "Internal audit", Some("9")),
    c("9.2.1", "General", Some("9.2")),
    c("9.2.2", "Internal audit programme", Some("9.2")),
    c("9.3", "Management review", Some("9")),
    c("9.3.1", "General", Some("9.3")),
    c("9.3.2", "Management review inputs", Some("9.3")),
    c("9.3.3", "Management review results", Some("9.3")),
    c("10", "Improvement", None),
    c("10.1", "Continual improvement", Some("10")),
    c("10.2", "Nonconformity and corrective action", Some("10")),
];

/// All clauses and sub-clauses 4 to 10.2, in document order.
pub fn clauses() -> &'static [Clause] {
    &CLAUSES
}

/// Looks a clause up by number (surrounding whitespace ignored).
pub fn clause(id: &str) -> Option<&'static Clause> {
    let id = id.trim();
    CLAUSES.iter().find(|c| c.id == id)
}

/// The seven top-level clauses, 4 to 10.
pub fn top_level_clauses() -> impl Iterator<Item = &'static Clause> {
    CLAUSES.iter().filter(|c| c.parent.is_none())
}

/// Whether clause `id` is `ancestor` or lies beneath it (`is_within("6.1.2",
/// "6")` is true; `is_within("6.1", "6.1.2")` is false). False if either is
/// not a known clause.
pub fn is_within(id: &str, ancestor: &str) -> bool {
    let ancestor = ancestor.trim();
    let Some(mut current) = clause(id) else { return false };
    if clause(ancestor).is_none() {
        return false;
    }
    loop {
        if current.id == ancestor {
            return true;
        }
        match current.parent.and_then(clause) {
            Some(p) => current = p,
            None => return false,
        }
    }
}

token_enum! {
    /// What a management review shall take into consideration (9.3.2 a) to
    /// g)), described in our own words. Item d), feedback on information
    /// security performance, is split into its four listed trends.
    pub enum ManagementReviewInput ("management review input") {
        /// a) How the actions decided at earlier reviews are getting on.
        StatusOfPreviousActions => "status_of_previous_actions",
        /// b) What has changed in the external and internal issues (4.1) that matter to the ISMS.
        ExternalInternalIssueChanges => "external_internal_issue_changes",
        /// c) What has changed in the needs and expectations of interested
        /// parties (4.2) that matter to the ISMS (new in 2022).
        InterestedPartyChanges => "interested_party_changes",
        /// d) 1) Performance trend: nonconformities and the corrective actions taken.
        NonconformitiesAndCorrectiveActions => "nonconformities_and_corrective_actions",
        /// d) 2) Performance trend: what monitoring and measurement showed.
        MonitoringAndMeasurementResults => "monitoring_and_measurement_results",
        /// d) 3) Performance trend: what audits found.
        AuditResults => "audit_results",
        /// d) 4) Performance trend: how far the information security objectives are met.
        ObjectivesFulfilment => "objectives_fulfilment",
        /// e) What interested parties have told the organization.
        InterestedPartyFeedback => "interested_party_feedback",
        /// f) Outcome of risk assessment and where the risk treatment plan stands.
        RiskAssessmentAndTreatmentResults => "risk_assessment_and_treatment_results",
        /// g) Chances to improve the ISMS continually.
        ContinualImprovementOpportunities => "continual_improvement_opportunities",
    }
}

impl ManagementReviewInput {
    /// The item reference, e.g. `"9.3.2 a)"` or `"9.3.2 d) 3)"`.
    pub const fn clause_ref(self) -> &'static str {
        match self {
            Self::StatusOfPreviousActions => "9.3.2 a)",
            Self::ExternalInternalIssueChanges => "9.3.2 b)",
            Self::InterestedPartyChanges => "9.3.2 c)",
            Self::NonconformitiesAndCorrectiveActions => "9.3.2 d) 1)",
            Self::MonitoringAndMeasurementResults => "9.3.2 d) 2)",
            Self::AuditResults => "9.3.2 d) 3)",
            Self::ObjectivesFulfilment => "9.3.2 d) 4)",
            Self::InterestedPartyFeedback => "9.3.2 e)",
            Self::RiskAssessmentAndTreatmentResults => "9.3.2 f)",
            Self::ContinualImprovementOpportunities => "9.3.2 g)",
        }
    }

    /// Whether the input is one of the four performance-feedback trends of 9.3.2 d).
    pub const fn is_performance_feedback(self) -> bool {
        matches!(
            self,
            Self::NonconformitiesAndCorrectiveActions
                | Self::MonitoringAndMeasurementResults
                | Self::AuditResults
                | Self::ObjectivesFulfilment
        )
    }

    /// A short human label, e.g. `"Audit results"`.
    pub const fn label(self) -> &'static str {
        match self {
            Self::StatusOfPreviousActions => "Status of actions from previous reviews",
            Self::ExternalInternalIssueChanges => "Changes in external and internal issues",
            Self::InterestedPartyChanges => "Changes in interested parties' needs and expectations",
            Self::NonconformitiesAndCorrectiveActions => "Nonconformities and corrective actions",
            Self::MonitoringAndMeasurementResults => "Monitoring and measurement results",
            Self::AuditResults => "Audit results",
            Self::ObjectivesFulfilment => "Fulfilment of information security objectives",
            Self::InterestedPartyFeedback => "Feedback from interested parties",
            Self::RiskAssessmentAndTreatmentResults => "Risk assessment results and risk treatment plan status",
            Self::ContinualImprovementOpportunities => "Opportunities for continual improvement",
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn tree_is_consistent() {
        let ids: BTreeSet<&str> = clauses().iter().map(|c| c.id).collect();
        assert_eq!(ids.len(), clauses().len(), "duplicate clause id");
        for (i, c) in clauses().iter().enumerate() {
            if let Some(p) = c.parent {
                let pos = clauses().iter().position(|x| x.id == p).unwrap();
                assert!(pos < i, "{} listed before its parent {p}", c.id);
                assert!(c.id.starts_with(&format!("{p}.")), "{} is not numbered under {p}", c.id);
            } else {
                assert!(!c.id.contains('.'), "{} has no parent", c.id);
            }
        }
        let top: Vec<&str> = top_level_clauses().map(|c| c.id).collect();
        assert_eq!(top, ["4", "5", "6", "7", "8", "9", "10"]);
    }

    #[test]
    fn lookups() {
        assert_eq!(clause(" 6.3 ").unwrap().title, "Planning of changes");
        assert_eq!(clause("8").unwrap().title, "Operation");
        assert!(clause("11").is_none());
        assert!(is_within("6.1.2", "6"));
        assert!(is_within("6.1.2", "6.1"));
        assert!(is_within("6.1", "6.1"));
        assert!(!is_within("6.1", "6.1.2"));
        assert!(!is_within("10.1", "1"));
        assert!(!is_within("6.9", "6"));
        assert!(!is_within("6.1", "6.9"));
    }

    #[test]
    fn management_review_inputs() {
        assert_eq!(ManagementReviewInput::ALL.len(), 10);
        let letters: BTreeSet<&str> = ManagementReviewInput::ALL.iter().map(|i| &i.clause_ref()[6..8]).collect();
        assert_eq!(letters.into_iter().collect::<Vec<_>>(), ["a)", "b)", "c)", "d)", "e)", "f)", "g)"]);
        assert_eq!(ManagementReviewInput::ALL.iter().filter(|i| i.is_performance_feedback()).count(), 4);
        for &i in ManagementReviewInput::ALL {
            assert_eq!(i.as_str().parse::<ManagementReviewInput>().unwrap(), i);
            assert_eq!(serde_json::to_value(i).unwrap(), i.as_str());
            assert!(i.clause_ref().starts_with("9.3.2 "));
        }
    }
}
