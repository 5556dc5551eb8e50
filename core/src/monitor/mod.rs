//! Continuous monitoring from automated control tests (clause 9.1,
//! checklist step 17): scanner results in, per-control health, coverage and
//! drift out. Pure: no I/O, no clock; the date judged is a parameter.
//!
//! - [`record`]: the neutral [`ResultRecord`] (schema `monitor-record`) and
//!   its line-at-a-time reader ([`parse_line`]): a caller streams a file of
//!   any size; bad records come back as [`RecordError`]s naming the line and
//!   field.
//! - [`adapters`]: Prowler JSON-OCSF, OCSF Compliance Finding, AWS Security
//!   Hub ASFF, Powerpipe benchmark JSON, OSCAL assessment results → records.
//! - [`mapping`]: the check → control CSV table and its lint.
//! - [`aggregate`]: [`Observations`] (order-independent accumulation),
//!   [`summarize`] (health per control under the document's monitoring
//!   settings and SoA), [`coverage`], [`drift`].
//! - [`view`]: a record's fields borrowed ([`view::RecordView`]), from an
//!   owned record or straight from its NDJSON line (the streaming fast path).
//!
//! The semantics are documented in `docs/monitoring.md`.
pub mod adapters;
pub mod aggregate;
pub mod mapping;
pub mod record;
pub mod text;
pub mod view;

pub use adapters::{AdapterOptions, InputFormat, convert};
pub use aggregate::{
    AppliedOverride, CheckResult, ControlHealth, Coverage, ExpiredOverride, Health, HealthChange, MonitorDrift,
    MonitorSummary, Observations, SoaStanding, StatusCounts, coverage, drift, summarize,
};
pub use mapping::{IssueLevel, LintIssue, MappingLint, MappingRow, MappingTable, lint};
pub use record::{
    ControlRef, EvidenceLink, RecordError, ResultRecord, ResultSeverity, Source, Status, parse_array, parse_line,
    parse_ndjson, to_line,
};
