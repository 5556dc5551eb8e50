//! `isms catalog …`: print the embedded reference catalogs of the core
//! (Annex A, the 2013→2022 mapping, clauses, expected documented
//! information) as aligned tables for people or as JSON for programs.

use std::io::Write;

use isms_core::catalog::{self, Attribute, Control, MappingInfo, Theme};

/// The `catalog` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum CatalogCmd {
    /// List the 93 ISO/IEC 27001:2022 Annex A controls.
    AnnexA {
        /// Only this theme: organizational, people, physical or technological.
        #[arg(long)]
        theme: Option<String>,
        /// Only controls with this attribute, e.g. `control_type=preventive` or `#Preventive`.
        #[arg(long)]
        attribute: Option<String>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show the ISO/IEC 27001:2013 → 2022 control mapping (27002:2022 Annex B).
    Mapping {
        /// Only the 2022 successors of this 2013 control, e.g. `A.18.2.3`.
        #[arg(long = "from-2013", conflicts_with = "to_2022")]
        from_2013: Option<String>,
        /// Only the 2013 predecessors of this 2022 control, e.g. `5.1`.
        #[arg(long = "to-2022")]
        to_2022: Option<String>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// List clauses 4–10 of ISO/IEC 27001:2022.
    Clauses {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// List mandatory and commonly expected documented information.
    Documents {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

/// Why a catalog command failed, with the process exit code to use.
#[derive(Debug)]
pub struct CatalogError {
    /// 2 for bad usage (unknown theme, attribute or id), 1 for output errors,
    /// 0 when the reader went away (broken pipe, e.g. `| head`): stop quietly.
    pub exit_code: u8,
    /// Message for stderr.
    pub message: String,
}

impl CatalogError {
    fn usage(message: impl Into<String>) -> Self {
        Self { exit_code: 2, message: message.into() }
    }
}

impl From<std::io::Error> for CatalogError {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return Self { exit_code: 0, message: String::new() };
        }
        Self { exit_code: 1, message: format!("cannot write output: {e}") }
    }
}

impl From<serde_json::Error> for CatalogError {
    fn from(e: serde_json::Error) -> Self {
        Self { exit_code: 1, message: format!("cannot write JSON: {e}") }
    }
}

/// Runs a catalog subcommand, writing its output to `out`.
pub fn run(cmd: CatalogCmd, out: &mut dyn Write) -> Result<(), CatalogError> {
    match cmd {
        CatalogCmd::AnnexA { theme, attribute, json } => annex_a(theme.as_deref(), attribute.as_deref(), json, out),
        CatalogCmd::Mapping { from_2013, to_2022, json } => {
            mapping(from_2013.as_deref(), to_2022.as_deref(), json, out)
        }
        CatalogCmd::Clauses { json } => {
            if json {
                return write_json(out, &catalog::clauses());
            }
            let rows = catalog::clauses()
                .iter()
                .map(|c| {
                    let depth = c.id.matches('.').count();
                    vec![c.id.to_owned(), format!("{}{}", "  ".repeat(depth), c.title)]
                })
                .collect();
            table(out, &["CLAUSE", "TITLE"], rows)
        }
        CatalogCmd::Documents { json } => {
            if json {
                return write_json(out, &catalog::mandatory_documents());
            }
            let rows = catalog::mandatory_documents()
                .iter()
                .map(|d| {
                    let when = match d.trigger {
                        catalog::Trigger::Always => "always".to_owned(),
                        catalog::Trigger::IfControlApplicable(id) => format!("if {id} applies"),
                    };
                    vec![d.key.to_owned(), d.clause_ref.to_owned(), d.kind.to_string(), when, d.title.to_owned()]
                })
                .collect();
            table(out, &["KEY", "REF", "KIND", "WHEN", "TITLE"], rows)
        }
    }
}

fn annex_a(theme: Option<&str>, attribute: Option<&str>, json: bool, out: &mut dyn Write) -> Result<(), CatalogError> {
    let theme: Option<Theme> =
        theme.map(str::parse::<Theme>).transpose().map_err(|e| CatalogError::usage(e.to_string()))?;
    let attribute: Option<Attribute> =
        attribute.map(str::parse::<Attribute>).transpose().map_err(|e| CatalogError::usage(e.to_string()))?;
    let selected: Vec<&Control> = catalog::annex_a()
        .iter()
        .filter(|c| theme.is_none_or(|t| c.theme == t))
        .filter(|c| attribute.is_none_or(|a| c.has(a)))
        .collect();
    if json {
        let infos: Vec<_> = selected.iter().map(|c| c.info()).collect();
        return write_json(out, &infos);
    }
    let rows = selected
        .iter()
        .map(|c| {
            let types: Vec<&str> = c.control_types.iter().map(|t| t.as_str()).collect();
            vec![
                c.id.to_owned(),
                c.theme.to_string(),
                types.join(","),
                if c.new_in_2022 { "new".to_owned() } else { String::new() },
                c.title.to_owned(),
            ]
        })
        .collect();
    table(out, &["ID", "THEME", "TYPE", "2022", "TITLE"], rows)
}

fn mapping(
    from_2013: Option<&str>,
    to_2022: Option<&str>,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CatalogError> {
    let rows: Vec<MappingInfo> = match (from_2013, to_2022) {
        (Some(id), _) => {
            let found = catalog::successors_of_2013(id);
            if found.is_empty() {
                return Err(CatalogError::usage(format!(
                    "unknown ISO/IEC 27001:2013 control `{}`; expected an Annex A id such as A.5.1.1 (see `isms \
                     catalog mapping` for all {})",
                    id.trim(),
                    catalog::controls_2013().len()
                )));
            }
            found.iter().map(|m| m.info()).collect()
        }
        (None, Some(id)) => {
            if catalog::control(id).is_none() {
                return Err(CatalogError::usage(format!(
                    "unknown ISO/IEC 27001:2022 control `{}`; expected an Annex A id 5.1–5.37, 6.1–6.8, 7.1–7.14 \
                     or 8.1–8.34",
                    id.trim()
                )));
            }
            catalog::predecessors_of_2022(id).iter().map(|m| m.info()).collect()
        }
        (None, None) => catalog::mappings().iter().map(|m| m.info()).collect(),
    };
    if json {
        return write_json(out, &rows);
    }
    if let (None, Some(id), true) = (from_2013, to_2022, rows.is_empty()) {
        writeln!(
            out,
            "{} is new in ISO/IEC 27001:2022: it has no 2013 predecessor.",
            catalog::normalize_control_id(id)
        )?;
        return Ok(());
    }
    let rows =
        rows.into_iter().map(|m| vec![m.id_2013, m.title_2013, m.id_2022, m.kind.to_string(), m.title_2022]).collect();
    table(out, &["2013", "2013 TITLE", "2022", "KIND", "2022 TITLE"], rows)
}

fn write_json<T: serde::Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> Result<(), CatalogError> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// Writes rows as left-aligned columns separated by two spaces; the last
/// column is not padded.
fn table(out: &mut dyn Write, header: &[&str], rows: Vec<Vec<String>>) -> Result<(), CatalogError> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                let pad = widths[i].saturating_sub(cell.chars().count());
                line.push_str(cell);
                line.push_str(&" ".repeat(pad + 2));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
