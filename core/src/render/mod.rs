//! Renderers for people: the plain-text form of every result that has one
//! (what the CLI prints) and iCalendar. The other formats live beside the
//! data they render (`risk::heatmap_svg`, `soa::render`, `roadmap_mermaid`,
//! the report's templates); [`crate::engine::Response::render`] is the one
//! dispatcher over all of them, so no front end formats a domain result.
//!
//! User text (ids, titles, names) is escaped for terminals here, once: see
//! [`escape_terminal`].
pub mod github;
pub mod ical;
pub mod junit;
pub mod sarif;
pub mod text;

pub use github::evaluation_github;
pub use ical::calendar_ics;
pub use junit::evaluation_junit;
pub use sarif::evaluation_sarif;

/// Where the rendered document came from, for the formats that point into
/// it (SARIF, JUnit, GitHub annotations): its path or URI as the reader
/// should see it, and its text when known, so a finding's JSON Pointer
/// becomes a line and column ([`crate::json::locate`]). Without the text,
/// locations name the file and the pointer only.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The document's path or URI, e.g. `isms.json` (relative to the
    /// repository root for code scanning).
    pub uri: &'a str,
    /// The document's JSON text.
    pub text: Option<&'a str>,
    /// What places a pointer when the text is not the document's JSON (a
    /// YAML file, a folder of files); takes precedence over `text`.
    pub locator: Option<&'a dyn crate::source::Locate>,
}

impl Default for Source<'_> {
    fn default() -> Self {
        Source { uri: Source::DEFAULT_URI, text: None, locator: None }
    }
}

impl<'a> Source<'a> {
    /// The name a document without one is given: `isms.json`.
    pub const DEFAULT_URI: &'static str = "isms.json";

    /// A source of JSON text named `uri`.
    pub fn json(uri: &'a str, text: &'a str) -> Self {
        Source { uri, text: Some(text), locator: None }
    }

    /// Line and column (1-based) of the JSON Pointer in the text, if known.
    pub fn position(&self, pointer: &str) -> Option<(usize, usize)> {
        self.place(pointer).1
    }

    /// The file (the locator's, else [`Source::uri`]) and, if known, the
    /// line and column of the JSON Pointer.
    pub fn place(&self, pointer: &str) -> (&str, Option<(usize, usize)>) {
        match self.locator {
            Some(l) => match l.place(pointer) {
                Some(p) => (p.file.unwrap_or(self.uri), Some((p.line, p.column))),
                None => (self.uri, None),
            },
            None => (self.uri, self.text.and_then(|t| crate::json::locate(t, pointer))),
        }
    }
}

/// The snake_case JSON name of an enum value (`NcState::ActionPlanned` →
/// `action_planned`), as tables print it.
pub(crate) fn token<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// Whether `c` would change what a terminal shows beyond printing itself:
/// C0 and C1 controls (ESC starts ANSI sequences), DEL, and the Unicode
/// bidirectional overrides and isolates (which reorder a line, "Trojan
/// Source").
pub fn is_unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// `text` with every character of [`is_unsafe_char`] written as a visible
/// escape (`\u{1b}`), so a document cannot clear a screen, recolour a
/// terminal or reorder a line in `isms check`. Newlines and tabs stay.
pub fn escape_terminal(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe_char(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escapes_neutralise_ansi_and_bidi() {
        assert_eq!(escape_terminal("plain\ttext\n"), "plain\ttext\n");
        assert_eq!(escape_terminal("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(escape_terminal("x\u{202E}y\u{7f}\r"), "x\\u{202e}y\\u{7f}\\u{d}");
    }
}
