//! The one error type of the core.
//!
//! # Why errors look like this
//!
//! Every binding (Python, WebAssembly, UniFFI, the CLI) has to show the same
//! problem the same way, and programs downstream branch on it. So an error is
//! data, not prose:
//!
//! - a stable machine-readable [`code`](Problem::code) in `snake_case` that
//!   never changes meaning once released (the catalogue is [`ERROR_CODES`] for
//!   structural errors and [`crate::validate::PROBLEM_CODES`] for validation);
//! - a `path`: the JSON path (`$.risks[3].owner`) of the offending value,
//!   so an editor can jump to it;
//! - a `message` written for a compliance manager, not for a Rust developer.
//!
//! Validation never stops at the first problem: [`Error::Invalid`] carries
//! **all** of them (the rust-analyzer habit of returning `(T, Vec<Error>)`).
//! A function that returns an error has changed nothing: the core has no
//! hidden state, and operations that update a document return a new one.
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One problem found in an input, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Problem {
    /// Stable `snake_case` code, e.g. `dangling_reference`.
    pub code: String,
    /// JSON path of the offending value, e.g. `$.risks[3].owner`.
    pub path: String,
    /// Human-readable explanation.
    pub message: String,
    /// 1-based line of the offending value in the document's text, when the
    /// problem was found in text ([`Error::located`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column (in characters) of the offending value, with `line`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The file the offending value is in, when the document was read from
    /// several (a folder of files merged into one document); `line` and
    /// `column` are then in that file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

impl Problem {
    /// Builds a problem from its parts.
    pub fn new(code: impl Into<String>, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self { code: code.into(), path: path.into(), message: message.into(), line: None, column: None, file: None }
    }

    /// The problem with the line and column of its path in `text` (the
    /// nearest enclosing value that the text holds; see
    /// [`crate::json::locate`]).
    pub fn located(self, text: &str) -> Self {
        self.located_by(&crate::source::JsonText(text))
    }

    /// The problem with the place of its path in a source (JSON text, a
    /// YAML map, a folder of files): line, column, and file when the source
    /// has several.
    pub fn located_by(mut self, source: &dyn crate::source::Locate) -> Self {
        if let Some(place) = crate::json::path_to_pointer(&self.path).and_then(|p| source.place(&p)) {
            self.line = Some(place.line);
            self.column = Some(place.column);
            self.file = place.file.map(str::to_owned);
        }
        self
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at {}: {}", self.code, self.path, self.message)
    }
}

fn position(line: usize, column: usize) -> String {
    if line == 0 { String::new() } else { format!(" (line {line}, column {column})") }
}

/// Everything that can go wrong in the core.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// The input is not well-formed JSON, or does not fit the document's shape
    /// (wrong type, unknown field, missing field). Line and column are 1-based;
    /// both are 0 when the input was not text (e.g. Python objects), and the
    /// message then names the path only.
    #[error("{message} at {path}{}", position(*.line, *.column))]
    Parse {
        /// JSON path where parsing failed.
        path: String,
        /// 1-based line (0: the input was not text).
        line: usize,
        /// 1-based column (0: the input was not text).
        column: usize,
        /// What went wrong.
        message: String,
    },
    /// The document parsed but breaks the rules of the model: all problems.
    #[error("the document has {} problem(s); first: {}", .0.len(), .0.first().map(|p| p.to_string()).unwrap_or_default())]
    Invalid(Vec<Problem>),
    /// An argument to a computation is out of its domain (a bad simulation
    /// parameter, a date range that ends before it starts, ...).
    #[error("invalid argument at {path}: {message}")]
    InvalidArgument {
        /// Path of the argument (JSON path within the argument's own shape).
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// A lifecycle transition that the current state does not allow, or that
    /// lacks the data it requires. The record is left unchanged.
    #[error("transition `{action}` not allowed on {id} in state `{state}`: {message}")]
    Transition {
        /// Id of the record.
        id: String,
        /// Current state.
        state: String,
        /// Attempted action.
        action: String,
        /// Why it is refused.
        message: String,
    },
    /// No entity with this id (of the expected kind) exists.
    #[error("no {kind} with id `{id}`")]
    NotFound {
        /// Kind of entity looked for, e.g. `nonconformity`.
        kind: String,
        /// The id.
        id: String,
    },
    /// A computation would exceed the caller's work limit (e.g. trials × risks).
    #[error("work limit exceeded at {path}: {message}")]
    LimitExceeded {
        /// Which parameter drives the work.
        path: String,
        /// Requested vs allowed.
        message: String,
    },
}

/// The stable codes of [`Error`] variants, as returned by [`Error::code`].
pub const ERROR_CODES: &[&str] =
    &["parse_error", "invalid_document", "invalid_argument", "transition_not_allowed", "not_found", "limit_exceeded"];

impl Error {
    /// The stable `snake_case` code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Parse { .. } => "parse_error",
            Error::Invalid(_) => "invalid_document",
            Error::InvalidArgument { .. } => "invalid_argument",
            Error::Transition { .. } => "transition_not_allowed",
            Error::NotFound { .. } => "not_found",
            Error::LimitExceeded { .. } => "limit_exceeded",
        }
    }

    /// The error with line and column added to each problem of an
    /// [`Error::Invalid`], from the document's `text` (what front ends that
    /// read a file, and [`crate::Isms::from_json`], do, so that every
    /// integrity problem says where it is). Other errors are returned as
    /// they are (a parse error already has its position).
    pub fn located(self, text: &str) -> Self {
        self.located_by(&crate::source::JsonText(text))
    }

    /// [`Error::located`] for any source ([`crate::source::Locate`]).
    pub fn located_by(self, source: &dyn crate::source::Locate) -> Self {
        match self {
            Error::Invalid(problems) => Error::Invalid(problems.into_iter().map(|p| p.located_by(source)).collect()),
            other => other,
        }
    }

    /// Shorthand for [`Error::InvalidArgument`].
    pub fn invalid_argument(path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidArgument { path: path.into(), message: message.into() }
    }

    /// The problems carried by this error, as a list (one entry for errors
    /// that are not [`Error::Invalid`]). Bindings expose this as `.problems`.
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            Error::Invalid(p) => p.clone(),
            Error::Parse { path, line, column, .. } if *line > 0 => {
                let mut p = Problem::new(self.code(), path.clone(), self.to_string());
                (p.line, p.column) = (Some(*line), Some(*column));
                vec![p]
            }
            Error::Parse { path, .. } | Error::InvalidArgument { path, .. } | Error::LimitExceeded { path, .. } => {
                vec![Problem::new(self.code(), path.clone(), self.to_string())]
            }
            Error::Transition { id, .. } | Error::NotFound { id, .. } => {
                vec![Problem::new(self.code(), id.clone(), self.to_string())]
            }
        }
    }
}

/// Result alias of the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An [`Error`] as data: what every binding and the generic
/// [`crate::engine::call`] entry point hand to programs (JSON schema `error`).
/// Fields that do not apply to the error's kind are omitted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorReport {
    /// The stable code ([`ERROR_CODES`]).
    pub code: String,
    /// The message, for a person.
    pub message: String,
    /// JSON path of the offending value (parse, argument and limit errors).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// 1-based line (parse errors).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column (parse errors).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// Id of the record concerned (transition and not-found errors).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Every problem (all of them for `invalid_document`, one otherwise).
    pub problems: Vec<Problem>,
}

impl Error {
    /// This error as data (see [`ErrorReport`]).
    pub fn report(&self) -> ErrorReport {
        let (path, line, column, id) = match self {
            Error::Parse { path, line, column, .. } => (Some(path.clone()), Some(*line), Some(*column), None),
            Error::InvalidArgument { path, .. } | Error::LimitExceeded { path, .. } => {
                (Some(path.clone()), None, None, None)
            }
            Error::Transition { id, .. } | Error::NotFound { id, .. } => (None, None, None, Some(id.clone())),
            Error::Invalid(_) => (None, None, None, None),
        };
        ErrorReport {
            code: self.code().to_owned(),
            message: self.to_string(),
            path,
            line,
            column,
            id,
            problems: self.problems(),
        }
    }
}
