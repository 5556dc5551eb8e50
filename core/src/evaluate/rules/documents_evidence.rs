//! Documented information and evidence of operation (7.5, 9.1; checklist
//! steps 9, 12 and 17).
use super::super::{Ctx, Draft, EntityKind as K, Out, Rule, Severity, Stage};
use crate::catalog::{self, DocKind, Source, Trigger};
use crate::model::{DocumentStatus, ImplementationStatus};
use crate::soa::Applicability;

/// Days within which some evidence must have been collected for the ISMS to
/// count as monitored (`monitoring.no_recent_evidence`).
pub(in crate::evaluate) const MONITORING_WINDOW_DAYS: u32 = 90;

/// The rules of this area.
pub(in crate::evaluate) const RULES: &[Rule] = &[
    Rule {
        id: "documents.mandatory_missing",
        title: "Required documented information missing",
        clause: "7.5.1",
        control: None,
        severity: Severity::Blocker,
        stage: Stage::Stage1,
        steps: &[12],
        description: "Fires per entry of the mandatory-documents catalog (`isms catalog documents`) that applies and that no non-retired document satisfies (`satisfies`; the scope and methodology documents count for `isms_scope` and `risk_assessment_process`). Documents the clauses require are blockers; records the clauses require and documents expected because an Annex A control is applicable are majors. The nonconformity records and corrective-action results (10.2 f), g)) are not demanded while the document has never raised a nonconformity.",
        remediation: "Write (or link) the document and list the catalog key in its `satisfies`.",
        check: mandatory_missing,
    },
    Rule {
        id: "documents.mandatory_unapproved",
        title: "Required document not approved",
        clause: "7.5.3",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage1,
        steps: &[12],
        description: "Fires per applicable mandatory-document key that is satisfied only by drafts (no approved document).",
        remediation: "Have the document approved and record the approver and date.",
        check: mandatory_unapproved,
    },
    Rule {
        id: "documents.review_overdue",
        title: "Document overdue for review",
        clause: "7.5.2",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[12],
        description: "Fires per approved document whose last review (or approval) is older than its review interval (default `settings.document_review_days`), or that has neither date.",
        remediation: "Review the document, update it if needed, and record `last_reviewed_on`.",
        check: review_overdue,
    },
    Rule {
        id: "documents.no_owner",
        title: "Document without owner",
        clause: "7.5.3",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[12],
        description: "Fires per non-retired document with no owner.",
        remediation: "Assign an owner who keeps the document current.",
        check: no_owner,
    },
    Rule {
        id: "evidence.stale",
        title: "Evidence no longer current",
        clause: "9.1",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[9, 17],
        description: "Fires per implemented control that has evidence but none current on the evaluation date (each item is current for `valid_for_days`, default `settings.evidence_freshness_days`). The due date is when the latest evidence expired.",
        remediation: "Collect fresh evidence that the control operates and link it.",
        check: stale,
    },
    Rule {
        id: "evidence.expiring",
        title: "Evidence about to expire",
        clause: "9.1",
        control: None,
        severity: Severity::Info,
        stage: Stage::Stage2,
        steps: &[17],
        description: "Fires per implemented control whose current evidence all expires within `settings.warning_window_days`; the due date is the last expiry.",
        remediation: "Schedule the next evidence collection before the due date.",
        check: expiring,
    },
    Rule {
        id: "monitoring.no_recent_evidence",
        title: "No evidence collected recently",
        clause: "9.1",
        control: None,
        severity: Severity::Info,
        stage: Stage::Stage2,
        steps: &[17],
        description: "Continuous monitoring means evidence keeps arriving. Fires when controls are implemented but no evidence item was collected in the 90 days up to the evaluation date.",
        remediation: "Automate or schedule evidence collection (exports, reports, tickets) so it arrives continuously.",
        check: no_recent_evidence,
    },
    Rule {
        id: "documents.unsafe_text",
        title: "Text with control characters or bidirectional overrides",
        clause: "7.5.2",
        control: None,
        severity: Severity::Info,
        stage: Stage::Stage1,
        steps: &[7],
        description: "Documented information should read the same for everyone. Fires per text value of the document (an id, name, title, description, ...) that holds a control character other than newline and tab (ESC starts the ANSI sequences that clear or recolour a terminal), DEL, or a Unicode bidirectional override or isolate (which reorders what a reader sees, \"Trojan Source\"). The CLI prints such text escaped; the finding names the JSON path.",
        remediation: "Remove the character, or write the text without it.",
        check: unsafe_text,
    },
];

/// Whether a catalog entry is expected of this ISMS.
fn expected(cx: &Ctx, trigger: Trigger) -> bool {
    match trigger {
        Trigger::Always => true,
        Trigger::IfControlApplicable(c) => cx.applicable(c),
    }
}

fn annex_control(d: &catalog::MandatoryDoc) -> Option<&'static str> {
    match d.trigger {
        Trigger::IfControlApplicable(c) => Some(c),
        Trigger::Always => None,
    }
}

fn live_docs<'a>(cx: &'a Ctx, key: &str) -> impl Iterator<Item = &'a crate::model::DocumentedInfo> {
    cx.docs_by_key.get(key).into_iter().flatten().copied().filter(|d| d.status != DocumentStatus::Retired)
}

/// Mandatory records that exist only once a nonconformity has been raised
/// (10.2 f) and g)).
const NC_RECORD_KEYS: [&str; 2] = ["nonconformity_records", "corrective_action_results"];

fn mandatory_missing(cx: &Ctx, out: &mut Out) {
    for m in catalog::mandatory_documents().iter().filter(|m| expected(cx, m.trigger)) {
        if NC_RECORD_KEYS.contains(&m.key) && cx.doc.nonconformities.is_empty() {
            // 10.2 f) and g) ask for evidence of nonconformities and of the
            // results of corrective action: with none ever raised there is
            // nothing to record yet.
            continue;
        }
        out.check();
        if live_docs(cx, m.key).next().is_none() {
            let severity = match (m.source, m.kind) {
                (Source::ClauseText, DocKind::Document) => Severity::Blocker,
                _ => Severity::Major,
            };
            let mut d = Draft::new(format!("no document provides the {} ({})", m.title, m.clause_ref))
                .entity(K::MandatoryDocument, m.key)
                .severity(severity);
            if let Some(c) = annex_control(m) {
                d = d.control(c);
            } else if catalog::clause(m.clause).is_some() {
                d = d.clause(m.clause);
            }
            out.push(d);
        }
    }
}

fn mandatory_unapproved(cx: &Ctx, out: &mut Out) {
    for m in catalog::mandatory_documents().iter().filter(|m| expected(cx, m.trigger)) {
        let docs: Vec<_> = live_docs(cx, m.key).collect();
        if docs.is_empty() {
            continue;
        }
        out.check();
        if !docs.iter().any(|d| d.status == DocumentStatus::Approved) {
            let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
            let mut d = Draft::new(format!("the {} exists only as a draft ({})", m.title, ids.join(", ")))
                .entity(K::MandatoryDocument, m.key);
            if let Some(c) = annex_control(m) {
                d = d.control(c);
            }
            out.push(d);
        }
    }
}

fn review_overdue(cx: &Ctx, out: &mut Out) {
    for d in cx.doc.documents.iter().filter(|d| d.status == DocumentStatus::Approved) {
        out.check();
        match (d.last_reviewed_on.or(d.approved_on), crate::schedule::document_review_due(cx.doc, d)) {
            (None, _) | (_, None) => out.push(
                Draft::new(format!("document \"{}\" has no approval or review date", d.title))
                    .entity(K::Document, &d.id),
            ),
            (Some(last), Some(due)) => {
                if due < cx.as_of {
                    out.push(
                        Draft::new(format!(
                            "document \"{}\" was due for review on {due} (last reviewed {last})",
                            d.title
                        ))
                        .entity(K::Document, &d.id)
                        .due(Some(due)),
                    );
                }
            }
        }
    }
}

fn no_owner(cx: &Ctx, out: &mut Out) {
    for d in cx.doc.documents.iter().filter(|d| d.status != DocumentStatus::Retired) {
        out.check();
        if d.owner.is_none() {
            out.push(Draft::new(format!("document \"{}\" has no owner", d.title)).entity(K::Document, &d.id));
        }
    }
}

fn implemented<'c>(cx: &'c Ctx) -> impl Iterator<Item = &'c crate::soa::StatementEntry> {
    cx.statement
        .entries
        .iter()
        .filter(|e| e.applicability == Applicability::Applicable && e.status == Some(ImplementationStatus::Implemented))
}

fn stale(cx: &Ctx, out: &mut Out) {
    for e in implemented(cx).filter(|e| !e.evidence.is_empty()) {
        out.check_control(&e.control);
        if !e.evidence_current {
            let last = e.evidence.iter().map(|x| x.expires_on).max();
            out.push(
                Draft::new(format!(
                    "control {} has no current evidence on {} (latest expired {})",
                    e.control,
                    cx.as_of,
                    last.map(|d| d.to_string()).unwrap_or_default()
                ))
                .control(&e.control)
                .entity(K::Control, &e.control)
                .due(last),
            );
        }
    }
}

fn expiring(cx: &Ctx, out: &mut Out) {
    let horizon = cx.in_days(cx.settings().warning_window_days);
    for e in implemented(cx).filter(|e| e.evidence_current) {
        out.check_control(&e.control);
        let last = e.evidence.iter().filter(|x| x.current).map(|x| x.expires_on).max();
        if let Some(last) = last.filter(|l| *l <= horizon) {
            out.push(
                Draft::new(format!("the evidence for control {} expires on {last}", e.control))
                    .control(&e.control)
                    .entity(K::Control, &e.control)
                    .due(Some(last)),
            );
        }
    }
}

fn no_recent_evidence(cx: &Ctx, out: &mut Out) {
    if implemented(cx).next().is_none() {
        return;
    }
    out.check();
    let since = cx
        .as_of
        .checked_sub_days(chrono::Days::new(u64::from(MONITORING_WINDOW_DAYS)))
        .unwrap_or(crate::model::Date::MIN);
    if !cx.doc.evidence.iter().any(|e| e.collected_on > since && e.collected_on <= cx.as_of) {
        out.push(
            Draft::new(format!("no evidence was collected in the {MONITORING_WINDOW_DAYS} days up to {}", cx.as_of))
                .entity(K::Organization, "organization"),
        );
    }
}

/// The entity a JSON path of the document belongs to: the record of a
/// top-level list (by its `id`), else the organisation.
fn owner_of(doc: &serde_json::Value, path: &[String]) -> (K, String) {
    let kind = match path.first().map(String::as_str) {
        Some("people") => Some(K::Person),
        Some("roles") => Some(K::Role),
        Some("assets") => Some(K::Asset),
        Some("risks") => Some(K::Risk),
        Some("treatments") => Some(K::Treatment),
        Some("controls") => Some(K::CustomControl),
        Some("documents") => Some(K::Document),
        Some("evidence") => Some(K::Evidence),
        Some("objectives") => Some(K::Objective),
        Some("management_reviews") => Some(K::ManagementReview),
        Some("internal_audits") => Some(K::InternalAudit),
        Some("nonconformities") => Some(K::Nonconformity),
        _ => None,
    };
    let id = path.get(1).and_then(|i| doc.get(&path[0])?.get(i.parse::<usize>().ok()?)?.get("id")?.as_str());
    match (kind, id) {
        (Some(k), Some(id)) => (k, id.to_owned()),
        _ => (K::Organization, "organization".to_owned()),
    }
}

fn unsafe_text(cx: &Ctx, out: &mut Out) {
    let Ok(v) = serde_json::to_value(cx.doc) else { return };
    let mut found: Vec<(Vec<String>, bool)> = Vec::new();
    let mut path = Vec::new();
    walk(&v, &mut path, &mut found);
    // Counted only where it fires: clean text is no achievement for readiness.
    out.checks(found.len());
    for (p, in_key) in found {
        let (kind, id) = owner_of(&v, &p);
        let json_path = format!("/{}", p.join("/"));
        let what = if in_key { "a key" } else { "the text" };
        out.push(
            Draft::new(format!(
                "{what} at {} holds a control character or a bidirectional override",
                crate::render::escape_terminal(&json_path)
            ))
            .entity(kind, id),
        );
    }
}

/// Collects the paths of strings (and keys) with unsafe characters.
fn walk(v: &serde_json::Value, path: &mut Vec<String>, found: &mut Vec<(Vec<String>, bool)>) {
    let unsafe_str = |s: &str| s.chars().any(crate::render::is_unsafe_char);
    match v {
        serde_json::Value::String(s) if unsafe_str(s) => found.push((path.clone(), false)),
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                path.push(i.to_string());
                walk(x, path, found);
                path.pop();
            }
        }
        serde_json::Value::Object(o) => {
            for (k, x) in o {
                path.push(k.clone());
                if unsafe_str(k) {
                    found.push((path.clone(), true));
                }
                walk(x, path, found);
                path.pop();
            }
        }
        _ => {}
    }
}
