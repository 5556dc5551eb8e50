//! The one error type of the bindings: [`IsmsError`].
use isms_core::Error;

/// Everything an `Isms` call can raise: one flat enum, one variant per
/// stable code of the core (`isms_core::error::ERROR_CODES`).
///
/// # Why it is shaped like this
///
/// Kotlin, Swift and Python programs branch on errors, so an error is data:
///
/// - **Flat**: one level of variants, no nested enums, so a `when`
///   (Kotlin) or `switch` (Swift) over `IsmsException`/`IsmsError` is
///   exhaustive and short. The variant names are the core's codes in
///   `UpperCamelCase` (`not_found` → `NotFound`), and a test checks them
///   against the core's catalogue, so a code added in Rust cannot be
///   forgotten here.
/// - **The same fields on every variant**: `code` (the stable `snake_case`
///   string, for logs and for programs that match on text), `reason` (the
///   core's message, for a person), `path` (the JSON path of the offending
///   value, where one applies), `problems` (every problem: all of them for
///   an invalid document) and `report_json` (the core's error report, the
///   exact bytes the CLI prints and the conformance vectors expect).
/// - The message field is called `reason` because Kotlin exceptions already
///   have a `message` property, which UniFFI generates from the fields.
#[derive(Debug, Clone, PartialEq, thiserror::Error, uniffi::Error)]
pub enum IsmsError {
    /// `parse_error`: not well-formed JSON, or JSON that does not fit the
    /// document's or the request's shape.
    #[error("{reason}")]
    ParseError {
        /// `parse_error`.
        code: String,
        /// The core's message.
        reason: String,
        /// JSON path where parsing failed.
        path: Option<String>,
        /// One problem.
        problems: Vec<Problem>,
        /// The core's error report (JSON schema `error`).
        report_json: String,
    },
    /// `invalid_document`: the document parsed but breaks the model's rules;
    /// `problems` lists all of them.
    #[error("{reason}")]
    InvalidDocument {
        /// `invalid_document`.
        code: String,
        /// The core's message.
        reason: String,
        /// Absent: see each problem's path.
        path: Option<String>,
        /// Every problem.
        problems: Vec<Problem>,
        /// The core's error report (JSON schema `error`).
        report_json: String,
    },
    /// `invalid_argument`: a request value out of its domain.
    #[error("{reason}")]
    InvalidArgument {
        /// `invalid_argument`.
        code: String,
        /// The core's message.
        reason: String,
        /// JSON path of the argument within the request.
        path: Option<String>,
        /// One problem.
        problems: Vec<Problem>,
        /// The core's error report (JSON schema `error`).
        report_json: String,
    },
    /// `transition_not_allowed`: a nonconformity action its state refuses.
    #[error("{reason}")]
    TransitionNotAllowed {
        /// `transition_not_allowed`.
        code: String,
        /// The core's message.
        reason: String,
        /// The nonconformity's id.
        path: Option<String>,
        /// One problem.
        problems: Vec<Problem>,
        /// The core's error report (JSON schema `error`).
        report_json: String,
    },
    /// `not_found`: no entity (operation, control, risk, ...) with that id.
    #[error("{reason}")]
    NotFound {
        /// `not_found`.
        code: String,
        /// The core's message.
        reason: String,
        /// The id looked for.
        path: Option<String>,
        /// One problem.
        problems: Vec<Problem>,
        /// The core's error report (JSON schema `error`).
        report_json: String,
    },
    /// `limit_exceeded`: the computation would exceed its work limit.
    #[error("{reason}")]
    LimitExceeded {
        /// `limit_exceeded`.
        code: String,
        /// The core's message.
        reason: String,
        /// The parameter that drives the work.
        path: Option<String>,
        /// One problem.
        problems: Vec<Problem>,
        /// The core's error report (JSON schema `error`).
        report_json: String,
    },
}

/// The variants' codes, in declaration order: what the catalogue test
/// compares with `isms_core::error::ERROR_CODES`.
pub const CODES: [&str; 6] =
    ["parse_error", "invalid_document", "invalid_argument", "transition_not_allowed", "not_found", "limit_exceeded"];

impl IsmsError {
    /// The stable `snake_case` code.
    pub fn code(&self) -> &str {
        match self {
            IsmsError::ParseError { code, .. }
            | IsmsError::InvalidDocument { code, .. }
            | IsmsError::InvalidArgument { code, .. }
            | IsmsError::TransitionNotAllowed { code, .. }
            | IsmsError::NotFound { code, .. }
            | IsmsError::LimitExceeded { code, .. } => code,
        }
    }

    /// The core's error report (JSON).
    pub fn report_json(&self) -> &str {
        match self {
            IsmsError::ParseError { report_json, .. }
            | IsmsError::InvalidDocument { report_json, .. }
            | IsmsError::InvalidArgument { report_json, .. }
            | IsmsError::TransitionNotAllowed { report_json, .. }
            | IsmsError::NotFound { report_json, .. }
            | IsmsError::LimitExceeded { report_json, .. } => report_json,
        }
    }
}

/// One problem of an input: stable code, JSON path, message.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Problem {
    /// Stable `snake_case` code, e.g. `dangling_reference`.
    pub code: String,
    /// JSON path of the offending value, e.g. `$.risks[3].owner`.
    pub path: String,
    /// Human-readable explanation.
    pub message: String,
}

impl From<isms_core::Problem> for Problem {
    fn from(p: isms_core::Problem) -> Self {
        Problem { code: p.code, path: p.path, message: p.message }
    }
}

impl From<Error> for IsmsError {
    fn from(e: Error) -> Self {
        let report = e.report();
        let report_json = isms_core::engine::error_json(&e);
        let code = report.code;
        let reason = report.message;
        let path = report.path.or(report.id);
        let problems: Vec<Problem> = report.problems.into_iter().map(Problem::from).collect();
        // Exhaustive on purpose: a new variant of the core's error does not compile here until
        // it has its own variant above.
        match e {
            Error::Parse { .. } => IsmsError::ParseError { code, reason, path, problems, report_json },
            Error::Invalid(_) => IsmsError::InvalidDocument { code, reason, path, problems, report_json },
            Error::InvalidArgument { .. } => IsmsError::InvalidArgument { code, reason, path, problems, report_json },
            Error::Transition { .. } => IsmsError::TransitionNotAllowed { code, reason, path, problems, report_json },
            Error::NotFound { .. } => IsmsError::NotFound { code, reason, path, problems, report_json },
            Error::LimitExceeded { .. } => IsmsError::LimitExceeded { code, reason, path, problems, report_json },
        }
    }
}
