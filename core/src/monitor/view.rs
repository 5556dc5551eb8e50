//! A result record as borrowed fields: what [`Observations`] collects and
//! what the record checks read, whether the record was parsed into an owned
//! [`ResultRecord`] or borrowed straight from its NDJSON line.
//!
//! Why it exists (measured, `benches/results/monitor.md`): parsing is most
//! of the time of a streamed summary, and the owned record costs about a
//! dozen allocations per line (every string, the controls). The streaming
//! path ([`crate::engine::ResultStream::read_line`]) deserializes into
//! [`RecordIn`], whose strings borrow from the line unless they hold escapes,
//! and hands a [`RecordView`] of it to the collection.
//!
//! [`Observations`]: super::Observations
use super::record::{ControlRef, ISO27001_2022, ResultRecord, ResultSeverity, Status};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use std::borrow::Cow;
use std::fmt;

/// A (framework, id) reference, owned or borrowed.
pub trait ControlId {
    /// The framework token.
    fn framework(&self) -> &str;
    /// The id within the framework.
    fn id(&self) -> &str;
}

impl ControlId for ControlRef {
    fn framework(&self) -> &str {
        &self.framework
    }
    fn id(&self) -> &str {
        &self.id
    }
}

/// One record's fields, borrowed.
#[derive(Debug, Clone, Copy)]
pub struct RecordView<'a, C: ControlId> {
    /// Tool name.
    pub tool: &'a str,
    /// Check id.
    pub check: &'a str,
    /// Outcome.
    pub status: Status,
    /// When observed.
    pub observed_at: DateTime<Utc>,
    /// Resource id.
    pub resource_id: Option<&'a str>,
    /// Resource type.
    pub resource_type: Option<&'a str>,
    /// Mapped controls.
    pub controls: &'a [C],
    /// The tool's message.
    pub message: Option<&'a str>,
    /// The tool's severity.
    pub severity: Option<ResultSeverity>,
    /// Evidence URI and hash.
    pub evidence: Option<(&'a str, Option<&'a str>)>,
}

impl<'a> RecordView<'a, ControlRef> {
    /// The view of an owned record.
    pub fn of(r: &'a ResultRecord) -> Self {
        Self {
            tool: &r.source.tool,
            check: &r.check,
            status: r.status,
            observed_at: r.observed_at,
            resource_id: r.resource_id.as_deref(),
            resource_type: r.resource_type.as_deref(),
            controls: &r.controls,
            message: r.message.as_deref(),
            severity: r.severity,
            evidence: r.evidence.as_ref().map(|e| (e.uri.as_str(), e.sha256.as_deref())),
        }
    }
}

/// Whether every control is a 2022 id as normal form writes it (digits and
/// dots, no `A.`), in any order: what [`super::Observations`] can collect
/// without normalising (it ignores order and repeats).
pub fn is_bare_2022<C: ControlId>(controls: &[C]) -> bool {
    controls.iter().all(|c| {
        c.framework() == ISO27001_2022 && !c.id().is_empty() && c.id().bytes().all(|b| b.is_ascii_digit() || b == b'.')
    })
}

/// Whether controls are in normal form already: 2022 ids without `A.`,
/// sorted and distinct (what [`super::record::normalize`] leaves).
pub fn is_normal<C: ControlId>(controls: &[C]) -> bool {
    is_bare_2022(controls) && controls.windows(2).all(|w| (w[0].framework(), w[0].id()) < (w[1].framework(), w[1].id()))
}

/// A string field borrowed from the input when it has no escapes.
#[derive(Debug)]
pub struct Text<'a>(Cow<'a, str>);

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s)))
            }
        }
        d.deserialize_str(V)
    }
}

/// [`super::Source`], borrowed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceIn<'a> {
    #[serde(borrow)]
    tool: Text<'a>,
    #[serde(default, borrow)]
    #[allow(dead_code)] // read for its shape only: the collection does not keep it
    version: Option<Text<'a>>,
    #[serde(default, borrow)]
    #[allow(dead_code)]
    run_id: Option<Text<'a>>,
}

/// [`ControlRef`], borrowed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ControlIn<'a> {
    #[serde(borrow)]
    framework: Text<'a>,
    #[serde(borrow)]
    id: Text<'a>,
}

impl ControlId for ControlIn<'_> {
    fn framework(&self) -> &str {
        &self.framework
    }
    fn id(&self) -> &str {
        &self.id
    }
}

/// [`super::EvidenceLink`], borrowed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EvidenceIn<'a> {
    #[serde(borrow)]
    uri: Text<'a>,
    #[serde(default, borrow)]
    sha256: Option<Text<'a>>,
}

/// A neutral record deserialized with its strings borrowed from the line:
/// the same fields, types and refusals as [`ResultRecord`] (anything this
/// refuses, the owned reader reads again to name the field).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordIn<'a> {
    #[serde(borrow)]
    source: SourceIn<'a>,
    #[serde(borrow)]
    check: Text<'a>,
    status: Status,
    observed_at: DateTime<Utc>,
    #[serde(default, borrow)]
    resource_id: Option<Text<'a>>,
    #[serde(default, borrow)]
    resource_type: Option<Text<'a>>,
    #[serde(default, borrow)]
    controls: Vec<ControlIn<'a>>,
    #[serde(default, borrow)]
    message: Option<Text<'a>>,
    #[serde(default)]
    severity: Option<ResultSeverity>,
    #[serde(default, borrow)]
    evidence: Option<EvidenceIn<'a>>,
}

impl<'a> RecordIn<'a> {
    /// Reads one NDJSON line; `None` when it is not a well-formed record
    /// (the owned reader then says why).
    pub fn parse(line: &'a str) -> Option<Self> {
        serde_json::from_str(line).ok()
    }

    /// Its fields.
    pub fn view(&self) -> RecordView<'_, ControlIn<'a>> {
        RecordView {
            tool: &self.source.tool,
            check: &self.check,
            status: self.status,
            observed_at: self.observed_at,
            resource_id: self.resource_id.as_deref(),
            resource_type: self.resource_type.as_deref(),
            controls: &self.controls,
            message: self.message.as_deref(),
            severity: self.severity,
            evidence: self.evidence.as_ref().map(|e| (&*e.uri, e.sha256.as_deref())),
        }
    }
}
