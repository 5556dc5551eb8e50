//! The 93 controls of ISO/IEC 27001:2022 Annex A, with their ISO/IEC
//! 27002:2022 attributes.
//!
//! **What this is**: for each control its id (`"5.1"`), title as printed in
//! 27001 Annex A (and the 27002 spelling where it differs), theme (clause 5–8
//! of Annex A), the five attribute sets of ISO/IEC 27002:2022 Annex A Table
//! A.1, whether the control is new in 2022, and its ISO/IEC 27001:2013
//! predecessors. The table is generated at build time from
//! `core/data/annex_a_2022.csv`.
//!
//! **What this is not**: the control statements or guidance, which are ISO's
//! text; nor the organization's applicability decisions (those belong to its
//! Statement of Applicability).
//!
//! **Clause served**: 6.1.3 c) and d): comparing the necessary controls with
//! Annex A and producing the Statement of Applicability.
//!
//! Sources: titles \[S1\] \[S9\], attributes \[S2\] cross-checked with \[S4\] \[S5\],
//! new-in-2022 flags and predecessors \[S3\] (see `facts.md` section 3).

use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{ParseCatalogError, normalize_token, token_enum};

token_enum! {
    /// The four themes of Annex A (clauses A.5 to A.8).
    pub enum Theme ("theme") {
        /// A.5, organizational controls (37).
        Organizational => "organizational",
        /// A.6, people controls (8).
        People => "people",
        /// A.7, physical controls (14).
        Physical => "physical",
        /// A.8, technological controls (34).
        Technological => "technological",
    }
}

impl Theme {
    /// The Annex A clause number of the theme: `"5"`, `"6"`, `"7"` or `"8"`.
    pub const fn clause(self) -> &'static str {
        match self {
            Theme::Organizational => "5",
            Theme::People => "6",
            Theme::Physical => "7",
            Theme::Technological => "8",
        }
    }
}

token_enum! {
    /// ISO/IEC 27002 attribute "Control type": when the control acts relative
    /// to an incident.
    pub enum ControlType ("control type") {
        /// `#Preventive`: acts before an incident occurs.
        Preventive => "preventive",
        /// `#Detective`: acts when an incident occurs.
        Detective => "detective",
        /// `#Corrective`: acts after an incident occurs.
        Corrective => "corrective",
    }
}

token_enum! {
    /// ISO/IEC 27002 attribute "Information security properties".
    pub enum SecurityProperty ("security property") {
        /// `#Confidentiality`.
        Confidentiality => "confidentiality",
        /// `#Integrity`.
        Integrity => "integrity",
        /// `#Availability`.
        Availability => "availability",
    }
}

token_enum! {
    /// ISO/IEC 27002 attribute "Cybersecurity concepts" (from ISO/IEC TS 27110).
    pub enum CybersecurityConcept ("cybersecurity concept") {
        /// `#Identify`.
        Identify => "identify",
        /// `#Protect`.
        Protect => "protect",
        /// `#Detect`.
        Detect => "detect",
        /// `#Respond`.
        Respond => "respond",
        /// `#Recover`.
        Recover => "recover",
    }
}

token_enum! {
    /// ISO/IEC 27002 attribute "Operational capabilities" (15 values).
    pub enum OperationalCapability ("operational capability") {
        /// `#Governance`.
        Governance => "governance",
        /// `#Asset_management`.
        AssetManagement => "asset_management",
        /// `#Information_protection`.
        InformationProtection => "information_protection",
        /// `#Human_resource_security`.
        HumanResourceSecurity => "human_resource_security",
        /// `#Physical_security`.
        PhysicalSecurity => "physical_security",
        /// `#System_and_network_security`.
        SystemAndNetworkSecurity => "system_and_network_security",
        /// `#Application_security`.
        ApplicationSecurity => "application_security",
        /// `#Secure_configuration`.
        SecureConfiguration => "secure_configuration",
        /// `#Identity_and_access_management`.
        IdentityAndAccessManagement => "identity_and_access_management",
        /// `#Threat_and_vulnerability_management`.
        ThreatAndVulnerabilityManagement => "threat_and_vulnerability_management",
        /// `#Continuity`.
        Continuity => "continuity",
        /// `#Supplier_relationships_security`.
        SupplierRelationshipsSecurity => "supplier_relationships_security",
        /// `#Legal_and_compliance`.
        LegalAndCompliance => "legal_and_compliance",
        /// `#Information_security_event_management`.
        InformationSecurityEventManagement => "information_security_event_management",
        /// `#Information_security_assurance`.
        InformationSecurityAssurance => "information_security_assurance",
    }
}

token_enum! {
    /// ISO/IEC 27002 attribute "Security domains" (4 values).
    pub enum SecurityDomain ("security domain") {
        /// `#Governance_and_Ecosystem`.
        GovernanceAndEcosystem => "governance_and_ecosystem",
        /// `#Protection`.
        Protection => "protection",
        /// `#Defence` (British spelling, as in the standard).
        Defence => "defence",
        /// `#Resilience`.
        Resilience => "resilience",
    }
}

/// One Annex A control. All data is `'static`; see [`Control::info`] for an
/// owned, serializable view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Control {
    /// Control number without the `A.` prefix, e.g. `"5.1"`.
    pub id: &'static str,
    /// Title as printed in ISO/IEC 27001:2022 Annex A.
    pub title: &'static str,
    /// Title as printed in ISO/IEC 27002:2022, only where it differs.
    pub title_27002: Option<&'static str>,
    /// Theme (Annex A clause 5, 6, 7 or 8).
    pub theme: Theme,
    /// Attribute "Control type".
    pub control_types: &'static [ControlType],
    /// Attribute "Information security properties".
    pub security_properties: &'static [SecurityProperty],
    /// Attribute "Cybersecurity concepts".
    pub cybersecurity_concepts: &'static [CybersecurityConcept],
    /// Attribute "Operational capabilities".
    pub operational_capabilities: &'static [OperationalCapability],
    /// Attribute "Security domains".
    pub security_domains: &'static [SecurityDomain],
    /// Whether the control has no ISO/IEC 27001:2013 predecessor.
    pub new_in_2022: bool,
    /// ISO/IEC 27001:2013 controls that map into this one, e.g. `["A.5.1.1", "A.5.1.2"]`.
    pub predecessors_2013: &'static [&'static str],
}

include!(concat!(env!("OUT_DIR"), "/annex_a.rs"));

/// Owned, serializable view of a [`Control`], for JSON output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ControlInfo {
    /// Control number without the `A.` prefix, e.g. `"5.1"`.
    pub id: String,
    /// Title as printed in ISO/IEC 27001:2022 Annex A.
    pub title: String,
    /// Title as printed in ISO/IEC 27002:2022, only where it differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_27002: Option<String>,
    /// Theme.
    pub theme: Theme,
    /// Attribute "Control type".
    pub control_types: Vec<ControlType>,
    /// Attribute "Information security properties".
    pub security_properties: Vec<SecurityProperty>,
    /// Attribute "Cybersecurity concepts".
    pub cybersecurity_concepts: Vec<CybersecurityConcept>,
    /// Attribute "Operational capabilities".
    pub operational_capabilities: Vec<OperationalCapability>,
    /// Attribute "Security domains".
    pub security_domains: Vec<SecurityDomain>,
    /// Whether the control is new in 2022.
    pub new_in_2022: bool,
    /// ISO/IEC 27001:2013 predecessors, e.g. `["A.5.1.1", "A.5.1.2"]`.
    pub predecessors_2013: Vec<String>,
}

impl Control {
    /// Owned, serializable copy of this control.
    pub fn info(&self) -> ControlInfo {
        ControlInfo {
            id: self.id.to_owned(),
            title: self.title.to_owned(),
            title_27002: self.title_27002.map(str::to_owned),
            theme: self.theme,
            control_types: self.control_types.to_vec(),
            security_properties: self.security_properties.to_vec(),
            cybersecurity_concepts: self.cybersecurity_concepts.to_vec(),
            operational_capabilities: self.operational_capabilities.to_vec(),
            security_domains: self.security_domains.to_vec(),
            new_in_2022: self.new_in_2022,
            predecessors_2013: self.predecessors_2013.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// Whether the control carries the given attribute value.
    pub fn has(&self, attr: Attribute) -> bool {
        match attr {
            Attribute::ControlType(v) => self.control_types.contains(&v),
            Attribute::SecurityProperty(v) => self.security_properties.contains(&v),
            Attribute::CybersecurityConcept(v) => self.cybersecurity_concepts.contains(&v),
            Attribute::OperationalCapability(v) => self.operational_capabilities.contains(&v),
            Attribute::SecurityDomain(v) => self.security_domains.contains(&v),
        }
    }
}

/// All 93 Annex A controls, in the standard's order (5.1 … 8.34).
pub fn annex_a() -> &'static [Control] {
    &CONTROLS
}

/// Normalises a user-typed 2022 control id: trims whitespace and drops an
/// `A.`/`a.` prefix, so `" A.5.1 "` becomes `"5.1"`. Does not check that the
/// control exists.
pub fn normalize_control_id(id: &str) -> &str {
    let id = id.trim();
    id.strip_prefix("A.").or_else(|| id.strip_prefix("a.")).unwrap_or(id).trim()
}

/// Looks a control up by id; accepts `"5.1"`, `"A.5.1"`, `"a.5.1"`, with
/// surrounding whitespace.
pub fn control(id: &str) -> Option<&'static Control> {
    let id = normalize_control_id(id);
    // Direct index: themes 5–8 hold 37, 8, 14 and 34 controls in order, so
    // "T.N" sits at OFFSET[T-5] + N - 1. Verified against the id, never trusted.
    const OFFSET: [usize; 4] = [0, 37, 45, 59];
    let (theme, number) = id.split_once('.')?;
    let theme: usize = theme.parse().ok()?;
    let number: usize = number.parse().ok()?;
    let index = OFFSET.get(theme.checked_sub(5)?)? + number.checked_sub(1)?;
    CONTROLS.get(index).filter(|c| c.id == id)
}

/// The controls of one theme, in order.
pub fn controls_by_theme(theme: Theme) -> impl Iterator<Item = &'static Control> {
    CONTROLS.iter().filter(move |c| c.theme == theme)
}

/// The controls carrying an attribute value, in order (e.g. the
/// `#Corrective` view of ISO/IEC 27002 Table A.2).
pub fn controls_with(attr: Attribute) -> impl Iterator<Item = &'static Control> {
    CONTROLS.iter().filter(move |c| c.has(attr))
}

/// One value of one of the five ISO/IEC 27002 attribute sets, for filtering.
///
/// Parses from `key=value` (e.g. `control_type=preventive`,
/// `security_domain=defence`; singular or plural key) or from the hashtag
/// form of the standard (e.g. `#Preventive`, `#Governance_and_Ecosystem`).
/// Hashtags are unambiguous across the five sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "attribute", content = "value")]
pub enum Attribute {
    /// A value of "Control type".
    ControlType(ControlType),
    /// A value of "Information security properties".
    SecurityProperty(SecurityProperty),
    /// A value of "Cybersecurity concepts".
    CybersecurityConcept(CybersecurityConcept),
    /// A value of "Operational capabilities".
    OperationalCapability(OperationalCapability),
    /// A value of "Security domains".
    SecurityDomain(SecurityDomain),
}

impl Attribute {
    /// The attribute keys accepted before `=`, in their canonical (singular) form.
    pub const KEYS: &'static [&'static str] =
        &["control_type", "security_property", "cybersecurity_concept", "operational_capability", "security_domain"];

    /// Every attribute value of all five sets.
    pub fn all() -> impl Iterator<Item = Attribute> {
        let ct = ControlType::ALL.iter().copied().map(Attribute::ControlType);
        let sp = SecurityProperty::ALL.iter().copied().map(Attribute::SecurityProperty);
        let cc = CybersecurityConcept::ALL.iter().copied().map(Attribute::CybersecurityConcept);
        let oc = OperationalCapability::ALL.iter().copied().map(Attribute::OperationalCapability);
        let sd = SecurityDomain::ALL.iter().copied().map(Attribute::SecurityDomain);
        ct.chain(sp).chain(cc).chain(oc).chain(sd)
    }

    /// The canonical key, e.g. `"control_type"`.
    pub const fn key(self) -> &'static str {
        match self {
            Attribute::ControlType(_) => "control_type",
            Attribute::SecurityProperty(_) => "security_property",
            Attribute::CybersecurityConcept(_) => "cybersecurity_concept",
            Attribute::OperationalCapability(_) => "operational_capability",
            Attribute::SecurityDomain(_) => "security_domain",
        }
    }

    /// The value token, e.g. `"preventive"`.
    pub const fn value(self) -> &'static str {
        match self {
            Attribute::ControlType(v) => v.as_str(),
            Attribute::SecurityProperty(v) => v.as_str(),
            Attribute::CybersecurityConcept(v) => v.as_str(),
            Attribute::OperationalCapability(v) => v.as_str(),
            Attribute::SecurityDomain(v) => v.as_str(),
        }
    }
}

impl std::fmt::Display for Attribute {
    /// Formats as `key=value`, which [`FromStr`] parses back.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}={}", self.key(), self.value())
    }
}

impl FromStr for Attribute {
    type Err = ParseCatalogError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Some((key, value)) = s.split_once('=') {
            return match normalize_token(key).trim_end_matches('s') {
                "control_type" => value.parse().map(Attribute::ControlType),
                "security_propertie" | "security_property" => value.parse().map(Attribute::SecurityProperty),
                "cybersecurity_concept" => value.parse().map(Attribute::CybersecurityConcept),
                "operational_capabilitie" | "operational_capability" => {
                    value.parse().map(Attribute::OperationalCapability)
                }
                "security_domain" => value.parse().map(Attribute::SecurityDomain),
                _ => Err(ParseCatalogError {
                    what: "attribute key",
                    value: key.trim().to_owned(),
                    expected: Attribute::KEYS.join(", "),
                }),
            };
        }
        let wanted = normalize_token(s);
        Attribute::all().find(|a| a.value() == wanted).ok_or_else(|| ParseCatalogError {
            what: "attribute",
            value: s.to_owned(),
            expected: format!(
                "key=value with key one of {}, or a hashtag such as #Preventive",
                Attribute::KEYS.join(", ")
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn ids<'a>(it: impl Iterator<Item = &'a Control>) -> Vec<&'a str> {
        it.map(|c| c.id).collect()
    }

    #[test]
    fn counts_and_order() {
        assert_eq!(annex_a().len(), 93);
        let expected: Vec<String> = [(5, 37), (6, 8), (7, 14), (8, 34)]
            .iter()
            .flat_map(|&(clause, n)| (1..=n).map(move |i| format!("{clause}.{i}")))
            .collect();
        assert_eq!(ids(annex_a().iter()), expected);
        let per_theme: Vec<usize> = Theme::ALL.iter().map(|&t| controls_by_theme(t).count()).collect();
        assert_eq!(per_theme, [37, 8, 14, 34]);
        for c in annex_a() {
            assert_eq!(c.id.split('.').next(), Some(c.theme.clause()), "{}", c.id);
            assert!(!c.control_types.is_empty() && !c.security_properties.is_empty(), "{}", c.id);
            assert!(!c.cybersecurity_concepts.is_empty() && !c.operational_capabilities.is_empty(), "{}", c.id);
            assert!(!c.security_domains.is_empty(), "{}", c.id);
        }
    }

    #[test]
    fn new_in_2022() {
        let new = ids(annex_a().iter().filter(|c| c.new_in_2022));
        assert_eq!(new, ["5.7", "5.23", "5.30", "7.4", "8.9", "8.10", "8.11", "8.12", "8.16", "8.23", "8.28"]);
        for c in annex_a() {
            assert_eq!(c.new_in_2022, c.predecessors_2013.is_empty(), "{}", c.id);
        }
    }

    #[test]
    fn corrective_view_matches_table_a2() {
        let corrective = ids(controls_with("#Corrective".parse().unwrap()));
        assert_eq!(
            corrective,
            ["5.5", "5.6", "5.7", "5.24", "5.26", "5.28", "5.29", "5.30", "5.35", "5.37", "6.4", "8.7", "8.13", "8.16"]
        );
    }

    #[test]
    fn titles_spot_check() {
        assert_eq!(control("5.7").unwrap().title, "Threat intelligence");
        assert_eq!(control("8.28").unwrap().title, "Secure coding");
        assert_eq!(control("7.4").unwrap().title, "Physical security monitoring");
        assert_eq!(control("8.1").unwrap().title_27002, Some("User endpoint devices"));
        assert_eq!(control("5.22").unwrap().title, "Monitoring, review and change management of supplier services");
        assert_eq!(control("5.1").unwrap().title_27002, None);
    }

    #[test]
    fn id_normalisation() {
        for id in ["5.1", "A.5.1", "a.5.1", "  A.5.1\t", " 5.1 "] {
            assert_eq!(control(id).map(|c| c.id), Some("5.1"), "{id:?}");
        }
        for id in ["", "5", "5.38", "A.", "9.1", "A.5.1.1", "b.5.1"] {
            assert!(control(id).is_none(), "{id:?}");
        }
    }

    #[test]
    fn enum_round_trips() {
        fn check<T>(all: &[T])
        where
            T: Copy + std::fmt::Debug + PartialEq + FromStr + std::fmt::Display + Serialize,
            T::Err: std::fmt::Debug,
        {
            for &v in all {
                let s = v.to_string();
                assert_eq!(s.parse::<T>().unwrap(), v);
                assert_eq!(format!("#{}", s.to_uppercase()).parse::<T>().unwrap(), v);
                assert_eq!(serde_json::to_value(v).unwrap(), serde_json::Value::String(s));
            }
        }
        check(Theme::ALL);
        check(ControlType::ALL);
        check(SecurityProperty::ALL);
        check(CybersecurityConcept::ALL);
        check(OperationalCapability::ALL);
        check(SecurityDomain::ALL);
        assert_eq!(OperationalCapability::ALL.len(), 15);
        assert!("organisational".parse::<Theme>().is_err());
        let err = "robots".parse::<Theme>().unwrap_err();
        assert!(err.to_string().contains("robots") && err.to_string().contains("people"), "{err}");
    }

    #[test]
    fn attribute_parsing() {
        assert_eq!(
            "control_type=preventive".parse::<Attribute>().unwrap(),
            Attribute::ControlType(ControlType::Preventive)
        );
        assert_eq!("#Preventive".parse::<Attribute>().unwrap(), Attribute::ControlType(ControlType::Preventive));
        assert_eq!(
            "security_domains=Defence".parse::<Attribute>().unwrap(),
            Attribute::SecurityDomain(SecurityDomain::Defence)
        );
        assert_eq!(
            "#Governance_and_Ecosystem".parse::<Attribute>().unwrap(),
            Attribute::SecurityDomain(SecurityDomain::GovernanceAndEcosystem)
        );
        assert_eq!(
            "#Governance".parse::<Attribute>().unwrap(),
            Attribute::OperationalCapability(OperationalCapability::Governance)
        );
        assert!("colour=red".parse::<Attribute>().is_err());
        assert!("control_type=sometimes".parse::<Attribute>().is_err());
        assert!("#Nope".parse::<Attribute>().is_err());
        // Every value round-trips through Display, and hashtags are unambiguous.
        let all: Vec<Attribute> = Attribute::all().collect();
        assert_eq!(all.len(), 3 + 3 + 5 + 15 + 4);
        for a in &all {
            assert_eq!(a.to_string().parse::<Attribute>().unwrap(), *a);
            assert_eq!(format!("#{}", a.value()).parse::<Attribute>().unwrap(), *a);
            assert_eq!(all.iter().filter(|b| b.value() == a.value()).count(), 1);
        }
    }

    #[test]
    fn info_serializes() {
        let info = control("8.1").unwrap().info();
        let json = serde_json::to_value(&info).unwrap();
        assert_eq!(json["id"], "8.1");
        assert_eq!(json["theme"], "technological");
        let back: ControlInfo = serde_json::from_value(json).unwrap();
        assert_eq!(back, info);
    }
}
