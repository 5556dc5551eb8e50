//! GitHub Actions workflow commands for an evaluation: one annotation per
//! finding, `::error file=isms.json,line=12,col=5,title=…::message`, which
//! the runner shows on the line of the document in the pull request.
//!
//! Severity blocker and major → `error`, minor → `warning`, info →
//! `notice`; a waived finding is a `notice` whatever its severity (titled
//! with its waiver), so it never fails a check run. Escaping follows the workflow-command grammar of GitHub's
//! runner toolkit: in the message `%`, CR and LF become `%25`, `%0D`, `%0A`;
//! in a property value `:` and `,` also become `%3A` and `%2C` (they separate
//! properties). Other control characters are made visible
//! ([`super::escape_terminal`]), so a document cannot inject a second
//! command or recolour the log.
use super::{Source, escape_terminal};
use crate::evaluate::{Evaluation, Severity};
use std::fmt::Write as _;

/// The workflow command of a severity.
pub fn github_command(s: Severity) -> &'static str {
    match s {
        Severity::Blocker | Severity::Major => "error",
        Severity::Minor => "warning",
        Severity::Info => "notice",
    }
}

/// `%`, CR and LF escaped, as in a command's message.
pub fn escape_data(s: &str) -> String {
    escape_terminal(&s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")).into_owned()
}

/// [`escape_data`] plus `:` and `,`, as in a command's property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One annotation per finding, most severe first, one per line.
pub fn evaluation_github(e: &Evaluation, source: &Source<'_>) -> String {
    let mut out = String::new();
    for f in &e.findings {
        let (uri, position) = source.place(f.path.as_deref().unwrap_or(""));
        let mut props = vec![format!("file={}", escape_property(uri))];
        if let Some((line, col)) = position {
            props.push(format!("line={line}"));
            props.push(format!("col={col}"));
        }
        let title = match &f.waiver {
            Some(w) => format!("{} ({}, waived by {w})", f.rule, f.severity),
            None => format!("{} ({})", f.rule, f.severity),
        };
        props.push(format!("title={}", escape_property(&title)));
        let mut message = f.message.clone();
        if let Some(p) = &f.path {
            let _ = write!(message, " [at {p}]");
        }
        let _ = write!(message, "\n{}", f.remediation);
        let command = if f.is_waived() { "notice" } else { github_command(f.severity) };
        let _ = writeln!(out, "::{command} {}::{}", props.join(","), escape_data(&message));
    }
    out
}
