//! The output formats every renderer of the core writes.
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An output format. Each operation lists the formats it renders to
/// ([`super::Operation::formats`]); JSON is always one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Pretty-printed deterministic JSON (two-space indent, trailing
    /// newline), shaped by the operation's response schema.
    #[default]
    Json,
    /// Human-readable text, as the `isms` command prints it.
    Text,
    /// Comma-separated values with a header row.
    Csv,
    /// A Markdown document or table.
    Markdown,
    /// One self-contained HTML page.
    Html,
    /// A standalone SVG image.
    Svg,
    /// A Mermaid diagram (gantt chart).
    Mermaid,
    /// iCalendar (RFC 5545).
    Ical,
    /// SARIF 2.1.0 (code scanning): one result per finding, located in the
    /// document.
    Sarif,
    /// JUnit XML (CI test reports): a test case per rule, a failure per
    /// finding.
    Junit,
    /// GitHub Actions workflow commands: an annotation per finding.
    Github,
}

impl Format {
    /// Every format, in declaration order.
    pub const ALL: [Format; 11] = [
        Format::Json,
        Format::Text,
        Format::Csv,
        Format::Markdown,
        Format::Html,
        Format::Svg,
        Format::Mermaid,
        Format::Ical,
        Format::Sarif,
        Format::Junit,
        Format::Github,
    ];

    /// The format's name (`json`, `text`, `csv`, `markdown`, `html`, `svg`,
    /// `mermaid`, `ical`, `sarif`, `junit`, `github`).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Text => "text",
            Format::Csv => "csv",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Svg => "svg",
            Format::Mermaid => "mermaid",
            Format::Ical => "ical",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
            Format::Github => "github",
        }
    }

    /// [`Format::Json`] when `json` is set, else [`Format::Text`]: the
    /// `--json` switch of the CLI's commands.
    pub fn text_or_json(json: bool) -> Format {
        if json { Format::Json } else { Format::Text }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Format {
    type Err = crate::Error;

    /// Parses a format name; `md`, `ics`, `txt` and `xml` (JUnit) are
    /// accepted as aliases.
    fn from_str(s: &str) -> crate::Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" => return Ok(Format::Markdown),
            "ics" | "icalendar" => return Ok(Format::Ical),
            "txt" => return Ok(Format::Text),
            "xml" => return Ok(Format::Junit),
            _ => {}
        }
        Format::ALL.into_iter().find(|f| f.as_str().eq_ignore_ascii_case(s.trim())).ok_or_else(|| {
            crate::Error::invalid_argument(
                "$.format",
                format!("unknown format `{s}`; expected json, text, csv, markdown, html, svg, mermaid, ical, sarif, junit or github"),
            )
        })
    }
}
