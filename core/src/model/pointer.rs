//! Where an entity sits in the document, as a JSON Pointer (RFC 6901):
//! `/risks/3`, `/treatments/0/actions/1`, `/soa/entries/12`. Findings carry
//! the pointer of the entity they concern ([`crate::evaluate::Finding::path`]),
//! so a front end that has the document's text can say the line and column
//! ([`crate::json::locate`]) and a CI annotation lands on the right line.
//!
//! A pointer names positions, not ids, so it is valid for the document it was
//! computed from only; the fingerprint of a finding, not its path, is what
//! stays stable across edits.
use super::{Document, EntityKind, EntityRef};
use rustc_hash::FxHashMap as HashMap;

/// The JSON Pointers of a document's entities, indexed once.
#[derive(Debug, Clone, Default)]
pub struct Pointers {
    by_ref: HashMap<(EntityKind, String), String>,
}

impl Pointers {
    /// Indexes every entity of `doc` that has a place in it. When an id is
    /// used twice (an invalid document), the first place wins.
    pub fn new(doc: &Document) -> Self {
        use EntityKind as K;
        let mut p = Pointers::default();
        let mut list = |kind: K, base: &str, ids: &mut dyn Iterator<Item = &str>| {
            for (i, id) in ids.enumerate() {
                p.by_ref.entry((kind, id.to_owned())).or_insert_with(|| format!("{base}/{i}"));
            }
        };
        list(K::Unit, "/organization/units", &mut doc.organization.units.iter().map(|u| u.id.as_str()));
        list(
            K::InterestedParty,
            "/context/interested_parties",
            &mut doc.context.interested_parties.iter().map(|x| x.id.as_str()),
        );
        list(K::ScopeInterface, "/scope/interfaces", &mut doc.scope.interfaces.iter().map(|x| x.id.as_str()));
        list(K::Person, "/people", &mut doc.people.iter().map(|x| x.id.as_str()));
        list(K::Role, "/roles", &mut doc.roles.iter().map(|x| x.id.as_str()));
        list(K::Asset, "/assets", &mut doc.assets.iter().map(|x| x.id.as_str()));
        list(K::Risk, "/risks", &mut doc.risks.iter().map(|x| x.id.as_str()));
        list(K::Treatment, "/treatments", &mut doc.treatments.iter().map(|x| x.id.as_str()));
        for (i, t) in doc.treatments.iter().enumerate() {
            let base = format!("/treatments/{i}/actions");
            list(K::TreatmentAction, &base, &mut t.actions.iter().map(|x| x.id.as_str()));
        }
        list(K::CustomControl, "/controls", &mut doc.controls.iter().map(|x| x.id.as_str()));
        // An Annex A control is where the SoA says something about it.
        for (i, e) in doc.soa.entries.iter().enumerate() {
            if let Some(c) = crate::catalog::control(&e.control) {
                p.by_ref.entry((K::Control, c.id.to_owned())).or_insert_with(|| format!("/soa/entries/{i}"));
            }
        }
        let mut list = |kind: K, base: &str, ids: &mut dyn Iterator<Item = &str>| {
            for (i, id) in ids.enumerate() {
                p.by_ref.entry((kind, id.to_owned())).or_insert_with(|| format!("{base}/{i}"));
            }
        };
        list(K::Document, "/documents", &mut doc.documents.iter().map(|x| x.id.as_str()));
        list(K::Evidence, "/evidence", &mut doc.evidence.iter().map(|x| x.id.as_str()));
        list(K::Objective, "/objectives", &mut doc.objectives.iter().map(|x| x.id.as_str()));
        list(K::Course, "/training/courses", &mut doc.training.courses.iter().map(|x| x.id.as_str()));
        list(K::ManagementReview, "/management_reviews", &mut doc.management_reviews.iter().map(|x| x.id.as_str()));
        for (i, r) in doc.management_reviews.iter().enumerate() {
            let base = format!("/management_reviews/{i}/decisions");
            list(K::Decision, &base, &mut r.decisions.iter().map(|x| x.id.as_str()));
        }
        list(K::InternalAudit, "/internal_audits", &mut doc.internal_audits.iter().map(|x| x.id.as_str()));
        for (i, a) in doc.internal_audits.iter().enumerate() {
            let base = format!("/internal_audits/{i}/findings");
            list(K::AuditFinding, &base, &mut a.findings.iter().map(|x| x.id.as_str()));
        }
        list(K::ExternalAudit, "/certification/audits", &mut doc.certification.audits.iter().map(|x| x.id.as_str()));
        list(K::Nonconformity, "/nonconformities", &mut doc.nonconformities.iter().map(|x| x.id.as_str()));
        for (i, n) in doc.nonconformities.iter().enumerate() {
            let base = format!("/nonconformities/{i}/actions");
            list(K::CorrectiveAction, &base, &mut n.actions.iter().map(|x| x.id.as_str()));
        }
        list(K::Waiver, "/waivers", &mut doc.waivers.iter().map(|x| x.id.as_str()));
        list(K::RuleSetting, "/settings/rules", &mut doc.settings.rules.iter().map(|x| x.rule.as_str()));
        p
    }

    /// The pointer of one entity: its place in a list, or the section a
    /// singleton kind is (`/organization`, `/scope`, `/context`,
    /// `/risk_methodology`, `/soa`, `/certification`). `None` for what has
    /// no place in the document (a clause, a mandatory-document key, a
    /// computed item) or an id the document does not hold.
    pub fn of(&self, e: &EntityRef) -> Option<String> {
        use EntityKind as K;
        let section = match e.kind {
            K::Organization => Some("/organization"),
            K::Scope => Some("/scope"),
            K::Context => Some("/context"),
            K::RiskMethodology => Some("/risk_methodology"),
            K::Soa => Some("/soa"),
            K::Certification => Some("/certification"),
            _ => None,
        };
        if let Some(s) = section {
            return Some(s.to_owned());
        }
        self.by_ref.get(&(e.kind, e.id.clone())).cloned()
    }

    /// The pointer a finding about `entities` is shown at: the most specific
    /// place among them (the deepest pointer; on a tie, the entity of the
    /// later kind, e.g. the risk rather than its owner), or `None` when none
    /// has a place.
    pub fn best(&self, entities: &[EntityRef]) -> Option<String> {
        entities
            .iter()
            .filter_map(|e| self.of(e).map(|p| (p.matches('/').count(), e.kind, p)))
            .max_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then_with(|| b.2.cmp(&a.2)))
            .map(|(_, _, p)| p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_point_to_their_place() {
        let doc: Document = crate::json::parse_document(
            r#"{"schema_version":"1.0","organization":{"name":"A"},
            "people":[{"id":"p1","name":"Ann"},{"id":"p2","name":"Bob"}],
            "risks":[{"id":"r1","title":"R","owner":"p2"}],
            "treatments":[{"id":"t1","risk":"r1","option":"modify","actions":[{"id":"a1","title":"x"},{"id":"a2","title":"y"}]}],
            "soa":{"entries":[{"control":"5.1","applicable":true},{"control":"A.5.15","applicable":true}]}}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let p = Pointers::new(&doc);
        let at = |k, id: &str| p.of(&EntityRef::new(k, id));
        assert_eq!(at(EntityKind::Person, "p2").as_deref(), Some("/people/1"));
        assert_eq!(at(EntityKind::TreatmentAction, "a2").as_deref(), Some("/treatments/0/actions/1"));
        assert_eq!(at(EntityKind::Control, "5.15").as_deref(), Some("/soa/entries/1"));
        assert_eq!(at(EntityKind::Scope, "scope").as_deref(), Some("/scope"));
        assert_eq!(at(EntityKind::Person, "nobody"), None);
        assert_eq!(at(EntityKind::Clause, "4.3"), None);
        let risk_and_owner = [EntityRef::new(EntityKind::Person, "p2"), EntityRef::new(EntityKind::Risk, "r1")];
        assert_eq!(p.best(&risk_and_owner).as_deref(), Some("/risks/0"));
        let action = [EntityRef::new(EntityKind::Risk, "r1"), EntityRef::new(EntityKind::TreatmentAction, "a1")];
        assert_eq!(p.best(&action).as_deref(), Some("/treatments/0/actions/0"));
        assert_eq!(p.best(&[EntityRef::new(EntityKind::Clause, "9.2")]), None);
    }
}
