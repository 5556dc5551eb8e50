//! Context, scope, people, roles and assets: clauses 4 and 5, Annex A 5.9
//! and 5.12 (checklist steps 2–4).
use super::{Date, Extensions, Id, is_true, yes};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The organisation running the ISMS.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    /// Name as it appears on the certificate.
    pub name: String,
    /// Industry sector, free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// Number of persons doing work under the organisation's control; drives
    /// the audit-time estimate (ISO/IEC 27006-1). Defaults to the people list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headcount: Option<u32>,
    /// Organisational units (departments, subsidiaries, teams).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<Unit>,
    /// Physical sites and locations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sites: Vec<Site>,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// An organisational unit, inside or outside the ISMS scope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Unique id.
    pub id: Id,
    /// Name.
    pub name: String,
    /// Whether the unit is inside the ISMS scope (default true).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub in_scope: bool,
    /// Why an out-of-scope unit is excluded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclusion_reason: Option<String>,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// A physical site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Site {
    /// Unique id.
    pub id: Id,
    /// Name.
    pub name: String,
    /// Address or description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Whether the site is inside the ISMS scope (default true).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub in_scope: bool,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// Context of the organisation (4.1, 4.2, and the 2024 climate amendment).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Context {
    /// Internal and external issues relevant to the ISMS (4.1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<ContextIssue>,
    /// Interested parties and their requirements (4.2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interested_parties: Vec<InterestedParty>,
    /// Whether climate change is a relevant issue, and why
    /// (ISO/IEC 27001:2022/Amd 1:2024, clause 4.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub climate_change: Option<ClimateDetermination>,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

impl Context {
    /// True when nothing has been recorded.
    pub fn is_empty(&self) -> bool {
        self == &Context::default()
    }
}

/// Whether an issue arises inside or outside the organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IssueKind {
    /// Arises inside the organisation.
    Internal,
    /// Arises outside the organisation.
    External,
}

/// An internal or external issue (4.1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContextIssue {
    /// Unique id.
    pub id: Id,
    /// Internal or external.
    pub kind: IssueKind,
    /// The issue.
    pub description: String,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// An interested party and what it requires (4.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InterestedParty {
    /// Unique id.
    pub id: Id,
    /// Name (e.g. "Customers", "Data protection authority").
    pub name: String,
    /// Its relevant requirements, in the organisation's words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<String>,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// The recorded determination on climate change (Amd 1:2024).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClimateDetermination {
    /// Whether climate change is a relevant issue.
    pub relevant: bool,
    /// Why.
    pub rationale: String,
}

/// The ISMS scope (4.3, checklist step 2).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    /// The scope statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<String>,
    /// The document that holds the scope (a [`DocumentedInfo`](super::DocumentedInfo) id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<Id>,
    /// Interfaces and dependencies across the scope boundary (4.3 c).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interfaces: Vec<ScopeInterface>,
    /// When and to whom the scope was communicated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub communications: Vec<Communication>,
    /// Who approved the scope (a person id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<Id>,
    /// When the scope was approved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::iso_date::option")]
    pub approved_on: Option<Date>,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// A flow of information across the trust boundary of the scope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScopeInterface {
    /// Unique id.
    pub id: Id,
    /// What crosses the boundary.
    pub description: String,
    /// The party on the other side (supplier, out-of-scope unit, customer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counterparty: Option<String>,
    /// Controls protecting the interface (Annex A or custom control ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub controls: Vec<String>,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// A communication of the scope to an audience.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Communication {
    /// Audience, e.g. "all staff", "customers".
    pub audience: String,
    /// Date communicated.
    #[serde(deserialize_with = "crate::model::iso_date::date")]
    pub on: Date,
    /// Channel, e.g. "intranet".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
}

/// A person doing work under the organisation's control.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Unique id.
    pub id: Id,
    /// Full name.
    pub name: String,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Job title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_title: Option<String>,
    /// Unit the person belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Id>,
    /// First day of work (onboarding training windows count from here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::iso_date::option")]
    pub start_date: Option<Date>,
    /// Last day of work; after it the person holds no role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::iso_date::option")]
    pub end_date: Option<Date>,
    /// An external party (contractor, consultant) rather than an employee.
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub external: bool,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

impl Person {
    /// Whether the person works for the organisation on `date`.
    pub fn is_active_on(&self, date: Date) -> bool {
        self.start_date.is_none_or(|s| s <= date) && self.end_date.is_none_or(|e| e >= date)
    }
}

/// The kind of an ISMS role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RoleKind {
    /// Top-management sponsor accountable for the ISMS (5.1).
    TopManagementSponsor,
    /// The person running the ISMS day to day.
    IsmsManager,
    /// Chief information security officer.
    Ciso,
    /// Owns one or more risks (6.1.2 c).
    RiskOwner,
    /// Owns one or more controls.
    ControlOwner,
    /// Performs internal audits (9.2).
    InternalAuditor,
    /// Data protection officer.
    DataProtectionOfficer,
    /// Manages the implementation project.
    ProjectManager,
    /// Member of the ISMS team or committee.
    IsmsTeamMember,
    /// Any other role.
    Other,
}

/// A role and its holders (5.3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// Unique id.
    pub id: Id,
    /// Kind of role.
    pub kind: RoleKind,
    /// Title as used in the organisation.
    pub title: String,
    /// People holding the role.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holders: Vec<Id>,
    /// Responsibilities and authorities, in the organisation's words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responsibilities: Vec<String>,
    /// When the role was assigned and communicated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::iso_date::option")]
    pub assigned_on: Option<Date>,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// The classification scheme: ordered levels, lowest first (Annex A 5.12).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClassificationScheme {
    /// Levels, from least to most sensitive.
    pub levels: Vec<ClassificationLevel>,
}

impl Default for ClassificationScheme {
    /// Public, internal, confidential, restricted: the four levels most
    /// schemes use.
    fn default() -> Self {
        let l = |id: &str, label: &str| ClassificationLevel { id: id.into(), label: label.into(), description: None };
        Self {
            levels: vec![
                l("public", "Public"),
                l("internal", "Internal"),
                l("confidential", "Confidential"),
                l("restricted", "Restricted"),
            ],
        }
    }
}

impl ClassificationScheme {
    /// 0-based rank of a level (higher is more sensitive).
    pub fn rank(&self, id: &str) -> Option<usize> {
        self.levels.iter().position(|l| l.id == id)
    }
}

/// One classification level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClassificationLevel {
    /// Identifier used by assets, e.g. `confidential`.
    pub id: String,
    /// Display label.
    pub label: String,
    /// Handling expectations, in the organisation's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The kind of an asset (ISO/IEC 27005 primary and supporting assets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AssetKind {
    /// Data and information.
    Information,
    /// Hardware, devices, media.
    Physical,
    /// Applications and systems software.
    Software,
    /// Services, including cloud and outsourced services.
    Service,
    /// People and their knowledge.
    People,
    /// Reputation, intellectual property, brand.
    Intangible,
    /// Buildings and premises.
    Site,
}

/// An asset in the inventory (Annex A 5.9, checklist step 4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Asset {
    /// Unique id.
    pub id: Id,
    /// Name.
    pub name: String,
    /// Kind of asset.
    pub kind: AssetKind,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The accountable owner (a person).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Id>,
    /// Classification level id from the scheme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification: Option<String>,
    /// Value of the asset per security property, on the consequence scale of
    /// the risk methodology (1 = lowest). Drives asset-based consequences.
    #[serde(default, skip_serializing_if = "super::Cia::is_empty")]
    pub value: super::Cia,
    /// Unit the asset belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Id>,
    /// Site where the asset is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<Id>,
    /// Other assets this one depends on (supporting assets).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<Id>,
    /// Whether the asset is inside the ISMS scope (default true).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub in_scope: bool,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}
