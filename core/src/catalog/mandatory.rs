//! Documented information an ISMS is expected to hold.
//!
//! **What this is**: a catalog of (a) the documented information the clauses
//! of ISO/IEC 27001:2022 require (documents to be *maintained* and records to
//! be *retained*), and (b) documents commonly expected once an Annex A control
//! is applicable, because its control wording implies something documented or
//! consultancy checklists list it. Each entry says where the expectation comes
//! from ([`Source`]) and when it applies ([`Trigger`]). Descriptions are in our
//! own words.
//!
//! **What this is not**: the requirement text, a template, or a complete list
//! of what an organization decides it needs under 7.5.1 b). The Annex A
//! entries are expectations, not requirements of the clauses: an organization
//! can meet a control another way, and a control excluded in the Statement of
//! Applicability triggers nothing.
//!
//! **Serves**: 7.5 (documented information) and each clause that calls for
//! documented information.
//!
//! Sources: clause wording \[S7\] \[S8\]; Annex A control wording \[S9\];
//! consultancy lists \[S23\] (`facts.md` section 2).

use schemars::JsonSchema;
use serde::Serialize;

use super::token_enum;

token_enum! {
    /// Whether documented information is kept current or kept as evidence.
    pub enum DocKind ("document kind") {
        /// Maintained: kept current ("available as documented information").
        Document => "document",
        /// Retained: evidence of something done ("retain … as evidence").
        Record => "record",
    }
}

token_enum! {
    /// Where the expectation for a piece of documented information comes from.
    pub enum Source ("source") {
        /// The text of clauses 4–10 of ISO/IEC 27001:2022 requires it.
        ClauseText => "clause_text",
        /// Commonly expected when an Annex A control applies (control wording
        /// and consultancy lists); not required by the clauses themselves.
        AnnexAExpected => "annex_a_expected",
    }
}

/// When a piece of documented information is expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "when", content = "control")]
pub enum Trigger {
    /// Always, for every ISMS.
    Always,
    /// Only if the Annex A control with this id (e.g. `"5.9"`) is applicable
    /// in the Statement of Applicability.
    IfControlApplicable(&'static str),
}

/// One expected piece of documented information.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
pub struct MandatoryDoc {
    /// Stable `snake_case` id, e.g. `"statement_of_applicability"`.
    pub key: &'static str,
    /// Short human name.
    pub title: &'static str,
    /// The ISO/IEC 27001:2022 clause (e.g. `"6.1.3"`) or Annex A control
    /// (e.g. `"A.5.9"`) it comes from; clause ids exist in
    /// [`clauses`](super::clauses::clauses).
    pub clause: &'static str,
    /// More precise reference, with the list item where there is one, e.g. `"6.1.3 d)"`.
    pub clause_ref: &'static str,
    /// Document (maintained) or record (retained).
    pub kind: DocKind,
    /// What it is, in our own words.
    pub description: &'static str,
    /// When it is expected.
    pub trigger: Trigger,
    /// Where the expectation comes from.
    pub source: Source,
}

const fn clause_doc(
    key: &'static str,
    title: &'static str,
    clause: &'static str,
    clause_ref: &'static str,
    kind: DocKind,
    description: &'static str,
) -> MandatoryDoc {
    MandatoryDoc {
        key,
        title,
        clause,
        clause_ref,
        kind,
        description,
        trigger: Trigger::Always,
        source: Source::ClauseText,
    }
}

const fn annex_doc(
    key: &'static str,
    title: &'static str,
    control: &'static str,
    clause: &'static str,
    kind: DocKind,
    description: &'static str,
) -> MandatoryDoc {
    MandatoryDoc {
        key,
        title,
        clause,
        clause_ref: clause,
        kind,
        description,
        trigger: Trigger::IfControlApplicable(control),
        source: Source::AnnexAExpected,
    }
}

use DocKind::{Document, Record};

static DOCS: [MandatoryDoc; 40] = [
    // Required by the clauses.
    clause_doc("isms_scope", "ISMS scope", "4.3", "4.3", Document, "The boundaries and applicability of the ISMS."),
    clause_doc(
        "information_security_policy",
        "Information security policy",
        "5.2",
        "5.2 e)",
        Document,
        "Top management's policy for information security, kept available and communicated.",
    ),
    clause_doc(
        "risk_assessment_process",
        "Risk assessment process",
        "6.1.2",
        "6.1.2",
        Document,
        "How risks are identified, analysed and evaluated, including the risk criteria (the methodology).",
    ),
    clause_doc(
        "risk_treatment_process",
        "Risk treatment process",
        "6.1.3",
        "6.1.3",
        Document,
        "How treatment options and the necessary controls are chosen (the methodology).",
    ),
    clause_doc(
        "statement_of_applicability",
        "Statement of Applicability",
        "6.1.3",
        "6.1.3 d)",
        Document,
        "Each necessary control with why it is included and whether it is implemented, and why any Annex A \
         control is excluded.",
    ),
    clause_doc(
        "risk_treatment_plan",
        "Risk treatment plan",
        "6.1.3",
        "6.1.3 e)",
        Document,
        "The plan for treating risks, with the risk owners' approval of it and acceptance of residual risk \
         (6.1.3 f)). The clause does not say 'documented'; it is evidenced through the 6.1.3 and 8.3 records.",
    ),
    clause_doc(
        "information_security_objectives",
        "Information security objectives",
        "6.2",
        "6.2",
        Document,
        "The objectives set for information security and the plans to achieve them.",
    ),
    clause_doc(
        "competence_records",
        "Competence records",
        "7.2",
        "7.2 d)",
        Record,
        "Evidence that people doing ISMS work are competent: education, training, skills, experience.",
    ),
    clause_doc(
        "operational_planning_records",
        "Operational planning records",
        "8.1",
        "8.1",
        Record,
        "Enough evidence to be confident that processes ran as planned.",
    ),
    clause_doc(
        "risk_assessment_results",
        "Risk assessment results",
        "8.2",
        "8.2",
        Record,
        "The outcome of each risk assessment carried out.",
    ),
    clause_doc(
        "risk_treatment_results",
        "Risk treatment results",
        "8.3",
        "8.3",
        Record,
        "The outcome of risk treatment.",
    ),
    clause_doc(
        "monitoring_results",
        "Monitoring and measurement results",
        "9.1",
        "9.1",
        Record,
        "Evidence of what monitoring and measurement showed.",
    ),
    clause_doc(
        "internal_audit_programme",
        "Internal audit programme",
        "9.2.2",
        "9.2.2",
        Record,
        "Evidence that the audit programme was put into practice.",
    ),
    clause_doc(
        "internal_audit_results",
        "Internal audit results",
        "9.2.2",
        "9.2.2",
        Record,
        "The findings and conclusions of internal audits.",
    ),
    clause_doc(
        "management_review_results",
        "Management review results",
        "9.3.3",
        "9.3.3",
        Record,
        "Evidence of what management reviews concluded and decided.",
    ),
    clause_doc(
        "nonconformity_records",
        "Nonconformity records",
        "10.2",
        "10.2 f)",
        Record,
        "What each nonconformity was and what was done about it.",
    ),
    clause_doc(
        "corrective_action_results",
        "Corrective action results",
        "10.2",
        "10.2 g)",
        Record,
        "What each corrective action achieved.",
    ),
    // Commonly expected when the Annex A control applies.
    annex_doc(
        "topic_specific_policies",
        "Topic-specific policies",
        "5.1",
        "A.5.1",
        Document,
        "Policies on particular subjects (e.g. access control, backup) below the overall policy, approved and \
         reviewed.",
    ),
    annex_doc(
        "asset_inventory",
        "Inventory of assets",
        "5.9",
        "A.5.9",
        Document,
        "List of information and associated assets, each with an owner.",
    ),
    annex_doc(
        "acceptable_use_rules",
        "Acceptable use rules",
        "5.10",
        "A.5.10",
        Document,
        "Rules and handling procedures for using information and assets.",
    ),
    annex_doc(
        "information_transfer_rules",
        "Information transfer rules",
        "5.14",
        "A.5.14",
        Document,
        "Rules, procedures or agreements for moving information inside and outside the organization.",
    ),
    annex_doc(
        "access_control_policy",
        "Access control policy",
        "5.15",
        "A.5.15",
        Document,
        "Rules for granting and restricting access (also relied on by 5.18, 8.3, 8.5 and 8.11).",
    ),
    annex_doc(
        "supplier_security_procedures",
        "Supplier security procedures",
        "5.19",
        "A.5.19",
        Document,
        "Processes for handling information security risk in supplier and ICT supply-chain relationships \
         (5.19, 5.21).",
    ),
    annex_doc(
        "incident_management_process",
        "Incident management process",
        "5.24",
        "A.5.24",
        Document,
        "How incidents are managed: processes, roles and responsibilities.",
    ),
    annex_doc(
        "incident_response_procedures",
        "Incident response procedures",
        "5.26",
        "A.5.26",
        Document,
        "The documented procedures followed when responding to incidents.",
    ),
    annex_doc(
        "evidence_handling_procedures",
        "Evidence handling procedures",
        "5.28",
        "A.5.28",
        Document,
        "How evidence about incidents is identified, collected and preserved.",
    ),
    annex_doc(
        "business_continuity_plans",
        "Business continuity plans",
        "5.29",
        "A.5.29",
        Document,
        "How information security is kept up during disruption, and ICT readiness plans (5.29, 5.30).",
    ),
    annex_doc(
        "legal_requirements_register",
        "Register of legal and contractual requirements",
        "5.31",
        "A.5.31",
        Document,
        "The legal, statutory, regulatory and contractual requirements that apply, kept up to date.",
    ),
    annex_doc(
        "ipr_procedures",
        "Intellectual property procedures",
        "5.32",
        "A.5.32",
        Document,
        "Procedures protecting intellectual property rights.",
    ),
    annex_doc(
        "operating_procedures",
        "Documented operating procedures",
        "5.37",
        "A.5.37",
        Document,
        "Procedures for operating information processing facilities, available to those who need them.",
    ),
    annex_doc(
        "disciplinary_process",
        "Disciplinary process",
        "6.4",
        "A.6.4",
        Document,
        "The formal, communicated process for acting on policy violations.",
    ),
    annex_doc(
        "nda_templates",
        "Confidentiality agreements",
        "6.6",
        "A.6.6",
        Document,
        "Confidentiality or non-disclosure agreements reflecting the organization's needs, reviewed and signed.",
    ),
    annex_doc(
        "clear_desk_rules",
        "Clear desk and clear screen rules",
        "7.7",
        "A.7.7",
        Document,
        "Rules for leaving no papers, media or screens exposed.",
    ),
    annex_doc(
        "configuration_baselines",
        "Configuration baselines",
        "8.9",
        "A.8.9",
        Document,
        "The configurations, security configurations included, of hardware, software, services and networks.",
    ),
    annex_doc(
        "backup_policy",
        "Backup policy",
        "8.13",
        "A.8.13",
        Document,
        "The topic-specific policy that backups follow.",
    ),
    annex_doc(
        "event_logs",
        "Event logs",
        "8.15",
        "A.8.15",
        Record,
        "Logs of activities, exceptions, faults and other events, kept and protected.",
    ),
    annex_doc(
        "cryptography_policy",
        "Cryptography rules",
        "8.24",
        "A.8.24",
        Document,
        "Rules for using cryptography, including key management.",
    ),
    annex_doc(
        "secure_development_rules",
        "Secure development rules",
        "8.25",
        "A.8.25",
        Document,
        "Rules for developing software and systems securely.",
    ),
    annex_doc(
        "secure_engineering_principles",
        "Secure engineering principles",
        "8.27",
        "A.8.27",
        Document,
        "Principles for engineering secure systems, documented and maintained.",
    ),
    annex_doc(
        "change_management_procedure",
        "Change management procedure",
        "8.32",
        "A.8.32",
        Document,
        "The procedure that changes to facilities and systems go through.",
    ),
];

/// All entries: first those required by the clauses (in clause order), then
/// those expected for applicable Annex A controls (in control order).
pub fn mandatory_documents() -> &'static [MandatoryDoc] {
    &DOCS
}

/// Looks an entry up by its key (surrounding whitespace ignored).
pub fn mandatory_document(key: &str) -> Option<&'static MandatoryDoc> {
    let key = key.trim();
    DOCS.iter().find(|d| d.key == key)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use std::collections::BTreeSet;

    use super::*;
    use crate::catalog::{annex_a, clauses};

    const CLAUSE_KEYS: [&str; 17] = [
        "isms_scope",
        "information_security_policy",
        "risk_assessment_process",
        "risk_treatment_process",
        "statement_of_applicability",
        "risk_treatment_plan",
        "information_security_objectives",
        "competence_records",
        "operational_planning_records",
        "risk_assessment_results",
        "risk_treatment_results",
        "monitoring_results",
        "internal_audit_programme",
        "internal_audit_results",
        "management_review_results",
        "nonconformity_records",
        "corrective_action_results",
    ];

    #[test]
    fn keys_unique_and_complete() {
        let keys: BTreeSet<&str> = mandatory_documents().iter().map(|d| d.key).collect();
        assert_eq!(keys.len(), mandatory_documents().len());
        let from_clauses: Vec<&str> =
            mandatory_documents().iter().filter(|d| d.source == Source::ClauseText).map(|d| d.key).collect();
        assert_eq!(from_clauses, CLAUSE_KEYS);
        for key in [
            "asset_inventory",
            "acceptable_use_rules",
            "access_control_policy",
            "incident_response_procedures",
            "business_continuity_plans",
            "legal_requirements_register",
            "operating_procedures",
            "disciplinary_process",
            "configuration_baselines",
            "backup_policy",
            "cryptography_policy",
            "secure_development_rules",
            "change_management_procedure",
            "supplier_security_procedures",
            "information_transfer_rules",
            "evidence_handling_procedures",
            "nda_templates",
            "clear_desk_rules",
            "ipr_procedures",
            "incident_management_process",
            "secure_engineering_principles",
        ] {
            let d = mandatory_document(key).unwrap_or_else(|| panic!("missing {key}"));
            assert_eq!(d.source, Source::AnnexAExpected, "{key}");
        }
    }

    #[test]
    fn references_resolve() {
        for d in mandatory_documents() {
            assert!(d.key.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{}", d.key);
            assert!(d.clause_ref.starts_with(d.clause), "{}", d.key);
            match (d.source, d.trigger) {
                (Source::ClauseText, Trigger::Always) => assert!(clauses::clause(d.clause).is_some(), "{}", d.key),
                (Source::AnnexAExpected, Trigger::IfControlApplicable(id)) => {
                    assert!(annex_a::control(id).is_some(), "{}", d.key);
                    assert_eq!(d.clause, format!("A.{id}"), "{}", d.key);
                }
                other => panic!("{}: inconsistent source/trigger {other:?}", d.key),
            }
        }
        assert_eq!(mandatory_document("asset_inventory").unwrap().trigger, Trigger::IfControlApplicable("5.9"));
        assert_eq!(mandatory_document(" statement_of_applicability ").unwrap().kind, DocKind::Document);
        assert!(mandatory_document("coffee_rota").is_none());
    }

    #[test]
    fn serializes() {
        let v = serde_json::to_value(mandatory_document("asset_inventory").unwrap()).unwrap();
        assert_eq!(v["trigger"], serde_json::json!({"when": "if_control_applicable", "control": "5.9"}));
        assert_eq!(v["source"], "annex_a_expected");
        let v = serde_json::to_value(mandatory_document("isms_scope").unwrap()).unwrap();
        assert_eq!(v["trigger"], serde_json::json!({"when": "always"}));
        assert_eq!(v["kind"], "document");
    }
}
