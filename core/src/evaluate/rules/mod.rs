//! The rules, one file per area of the ISMS. Each file exports `RULES`, a
//! slice of [`Rule`](super::Rule)s with their check functions.
pub(super) mod assets;
pub(super) mod certification;
pub(super) mod context_scope;
pub(super) mod documents_evidence;
pub(super) mod internal_audit;
pub(super) mod leadership_roles;
pub(super) mod management_review;
pub(super) mod monitoring;
pub(super) mod nonconformity;
pub(super) mod objectives;
pub(super) mod risk;
pub(super) mod soa;
pub(super) mod training;
pub(super) mod waivers;

/// Whether an optional text is missing or blank.
pub(super) fn blank(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(|s| s.trim().is_empty())
}
