//! `isms catalog`: controls, the 2013 to 2022 mapping, clauses, mandatory
//! documents and plain name lists, as aligned tables.
use super::*;

/// Rows as left-aligned columns two spaces apart; the last column is not
/// padded and trailing spaces are trimmed.
fn table(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < row.len() {
                let pad = widths[i].saturating_sub(cell.chars().count());
                line.push_str(&" ".repeat(pad + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Annex A controls as a table (`isms catalog annex-a`).
pub fn controls(cs: &[ControlInfo]) -> String {
    let rows = cs
        .iter()
        .map(|c| {
            let types: Vec<&str> = c.control_types.iter().map(|t| t.as_str()).collect();
            vec![
                c.id.clone(),
                c.theme.to_string(),
                types.join(","),
                if c.new_in_2022 { "new".to_owned() } else { String::new() },
                c.title.clone(),
            ]
        })
        .collect();
    table(&["ID", "THEME", "TYPE", "2022", "TITLE"], rows)
}

/// The 2013 → 2022 mapping as a table (`isms catalog mapping`); `to_2022`
/// is the control asked for, so an empty answer can say it is new.
pub fn mapping(rows: &[MappingInfo], to_2022: Option<&str>) -> String {
    if let (Some(id), true) = (to_2022, rows.is_empty()) {
        return format!(
            "{} is new in ISO/IEC 27001:2022: it has no 2013 predecessor.\n",
            crate::catalog::normalize_control_id(id)
        );
    }
    let rows = rows
        .iter()
        .map(|m| {
            vec![m.id_2013.clone(), m.title_2013.clone(), m.id_2022.clone(), m.kind.to_string(), m.title_2022.clone()]
        })
        .collect();
    table(&["2013", "2013 TITLE", "2022", "KIND", "2022 TITLE"], rows)
}

/// Clauses 4–10, indented by depth (`isms catalog clauses`).
pub fn clauses(cs: &[Clause]) -> String {
    let rows = cs
        .iter()
        .map(|c| {
            let depth = c.id.matches('.').count();
            vec![c.id.to_owned(), format!("{}{}", "  ".repeat(depth), c.title)]
        })
        .collect();
    table(&["CLAUSE", "TITLE"], rows)
}

/// Expected documented information (`isms catalog documents`).
pub fn mandatory_documents(ds: &[MandatoryDoc]) -> String {
    let rows = ds
        .iter()
        .map(|d| {
            let when = match d.trigger {
                Trigger::Always => "always".to_owned(),
                Trigger::IfControlApplicable(id) => format!("if {id} applies"),
            };
            vec![d.key.to_owned(), d.clause_ref.to_owned(), d.kind.to_string(), when, d.title.to_owned()]
        })
        .collect();
    table(&["KEY", "REF", "KIND", "WHEN", "TITLE"], rows)
}

/// One name per line (`isms schema --list`).
pub fn names(ns: &[String]) -> String {
    ns.iter().map(|n| format!("{n}\n")).collect()
}
