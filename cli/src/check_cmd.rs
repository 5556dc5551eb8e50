//! `isms check`: evaluate an ISMS on a date. A readable report for people,
//! JSON (`schema/evaluation.schema.json`) for machines, and an exit code for
//! CI: 1 when a finding not waived is at least as severe as `--fail-on`
//! (default blocker), 0 otherwise, 2 for bad input. `--summary`, `--rule`,
//! `--severity` and `--limit` change what the text lists, never the exit
//! code.
use crate::io::{self, Failure};
use isms_core::engine::{Format, Response};
use isms_core::evaluate::Severity;
use isms_core::model::Date;
use isms_core::render::text::CheckView;
use std::path::PathBuf;

/// Arguments of `isms check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The ISMS: a JSON file, a YAML file (`.yaml`/`.yml`) or a folder of them (docs/multi-file.md); `-` reads JSON from standard input.
    pub file: PathBuf,
    /// Evaluate as of this date (YYYY-MM-DD); default today (UTC).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// Print the evaluation as JSON (the same as `--format json`).
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Output format: text (default), json, sarif (SARIF 2.1.0 for code
    /// scanning), junit (JUnit XML for CI test reports) or github (GitHub
    /// Actions annotations). SARIF, JUnit and GitHub give each finding's
    /// line and column in the file.
    #[arg(long, value_enum)]
    pub format: Option<CheckFormat>,
    /// The document's path as SARIF, JUnit and GitHub output name it (e.g.
    /// relative to the repository root); default FILE as given.
    #[arg(long, value_name = "PATH")]
    pub uri: Option<String>,
    /// Exit 1 when any finding not waived is at least this severe.
    #[arg(long, value_enum, default_value = "blocker")]
    pub fail_on: FailOn,
    /// Text: readiness and counts only, no finding listed.
    #[arg(long)]
    pub summary: bool,
    /// Text: list only the findings of this rule (repeatable). Display
    /// only: the exit code still judges every finding.
    #[arg(long = "rule", value_name = "ID")]
    pub rules: Vec<String>,
    /// Text: list only findings at least this severe. Display only.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub severity: Option<FailOn>,
    /// Text: list at most N findings per rule (the rest are counted).
    /// Display only.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Automated test results (normalised NDJSON from `isms monitor
    /// ingest`, or a JSON array); repeatable. The `monitoring.*` rules
    /// judge them.
    #[arg(long)]
    pub results: Vec<PathBuf>,
}

/// The output formats of `isms check`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum CheckFormat {
    /// Readable text.
    Text,
    /// The evaluation as JSON.
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// JUnit XML.
    Junit,
    /// GitHub Actions workflow commands.
    Github,
}

impl From<CheckFormat> for Format {
    fn from(f: CheckFormat) -> Self {
        match f {
            CheckFormat::Text => Format::Text,
            CheckFormat::Json => Format::Json,
            CheckFormat::Sarif => Format::Sarif,
            CheckFormat::Junit => Format::Junit,
            CheckFormat::Github => Format::Github,
        }
    }
}

/// Severity threshold for the exit code.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FailOn {
    /// Blocks certification.
    Blocker,
    /// Major and above.
    Major,
    /// Minor and above.
    Minor,
    /// Any finding.
    Info,
}

impl From<FailOn> for Severity {
    fn from(f: FailOn) -> Self {
        match f {
            FailOn::Blocker => Severity::Blocker,
            FailOn::Major => Severity::Major,
            FailOn::Minor => Severity::Minor,
            FailOn::Info => Severity::Info,
        }
    }
}

/// Parses a `YYYY-MM-DD` date argument.
pub fn parse_date(s: &str) -> Result<Date, String> {
    s.parse::<Date>().map_err(|e| format!("`{s}` is not a date (YYYY-MM-DD): {e}"))
}

/// Runs `isms check`.
pub fn run(args: CheckArgs) -> Result<u8, Failure> {
    let format = args.format.map_or(Format::text_or_json(args.json), Format::from);
    io::json_errors(format == Format::Json);
    let (isms, loaded) = io::load_isms_with_text(&args.file)?;
    let as_of = args.as_of.unwrap_or_else(io::today);
    let eval = if args.results.is_empty() {
        isms.evaluate(as_of)
    } else {
        isms.evaluate_with_results(as_of, &crate::monitor_cmd::load_results(&args.results, as_of)?)
    };
    let fails = eval.fails(args.fail_on.into());
    let uri = if let Some(uri) = args.uri {
        uri
    } else if args.file.as_os_str() == "-" {
        isms_core::render::Source::DEFAULT_URI.to_owned()
    } else {
        args.file.display().to_string()
    };
    let view = CheckView {
        summary_only: args.summary,
        rules: args.rules,
        min_severity: args.severity.map(Severity::from),
        limit: args.limit,
    };
    if format != Format::Text && view != CheckView::default() {
        return Err(Failure::input(
            "--summary, --rule, --severity and --limit shape the text output; drop them with --json or --format",
        ));
    }
    if let Some(bad) = view.rules.iter().find(|r| isms_core::evaluate::rule(r).is_none()) {
        return Err(Failure::input(format!("--rule `{bad}` is not a rule of the catalogue (see docs/rules.md)")));
    }
    let source = isms_core::render::Source { uri: &uri, text: None, locator: Some(&loaded) };
    let out = if format == Format::Text {
        isms_core::engine::evaluation_text(&eval, Some(isms.document()), &view)
    } else {
        Response::Evaluation(eval)
            .render_from(format, Some(isms.document()), &source)
            .map_err(|e| Failure::input(e.to_string()))?
    };
    crate::emit(&out)?;
    Ok(u8::from(fails))
}
