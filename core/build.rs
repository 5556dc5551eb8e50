//! Turns the reference CSVs in `data/` into static Rust arrays in `$OUT_DIR`,
//! pulled in by `src/catalog/annex_a.rs` and `src/catalog/mapping.rs` with
//! `include!`. Because the arrays are generated on every build from the CSVs,
//! the embedded catalog cannot drift from the data files.
//!
//! Build scripts are the one place in this crate allowed to read files and the
//! environment; the library itself stays sans-I/O.
#![allow(clippy::disallowed_methods)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const ANNEX_A: &str = "data/annex_a_2022.csv";
const MAPPING: &str = "data/mapping_2013_2022.csv";

fn main() {
    println!("cargo:rerun-if-changed={ANNEX_A}");
    println!("cargo:rerun-if-changed={MAPPING}");
    println!("cargo:rerun-if-changed=build.rs");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let annex = Table::load(ANNEX_A);
    let mapping = Table::load(MAPPING);
    write(&out_dir.join("annex_a.rs"), &gen_annex_a(&annex));
    write(&out_dir.join("mapping.rs"), &gen_mapping(&mapping));
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// A parsed CSV file: header plus rows, each row as many fields as the header.
struct Table {
    file: &'static str,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn load(file: &'static str) -> Self {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("cannot read {file}: {e}"));
        let mut records = parse_csv(&text, file).into_iter();
        let header = records.next().unwrap_or_else(|| panic!("{file}: empty file"));
        let rows: Vec<Vec<String>> = records.filter(|r| !(r.len() == 1 && r[0].is_empty())).collect();
        for (i, r) in rows.iter().enumerate() {
            assert_eq!(
                r.len(),
                header.len(),
                "{file}: data row {} has {} fields, header has {}",
                i + 1,
                r.len(),
                header.len()
            );
        }
        Self { file, header, rows }
    }

    fn col(&self, name: &str) -> usize {
        self.header.iter().position(|h| h == name).unwrap_or_else(|| panic!("{}: no column `{name}`", self.file))
    }
}

/// RFC 4180 CSV: fields separated by commas, optionally in double quotes
/// (then commas and line breaks are literal and `""` is one quote); records
/// end with LF or CRLF.
fn parse_csv(text: &str, file: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut in_quotes = false;
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                in_quotes = true;
                at_field_start = false;
            }
            '"' => panic!("{file}: stray quote inside an unquoted field near `{field}`"),
            ',' => {
                record.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                at_field_start = true;
            }
            _ => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    assert!(!in_quotes, "{file}: unterminated quoted field");
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

/// `governance_and_ecosystem` → `GovernanceAndEcosystem`.
fn camel(token: &str) -> String {
    assert!(
        !token.is_empty() && token.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
        "bad attribute token `{token}`"
    );
    token
        .split('_')
        .map(|w| {
            let mut cs = w.chars();
            cs.next().map(|f| f.to_ascii_uppercase().to_string() + cs.as_str()).unwrap_or_default()
        })
        .collect()
}

fn list(field: &str) -> Vec<&str> {
    field.split(';').map(str::trim).filter(|s| !s.is_empty()).collect()
}

fn opt_str(field: &str) -> String {
    if field.trim().is_empty() { "None".to_owned() } else { format!("Some({:?})", field.trim()) }
}

fn enum_slice(ty: &str, field: &str) -> String {
    let items: Vec<String> = list(field).iter().map(|t| format!("{ty}::{}", camel(t))).collect();
    format!("&[{}]", items.join(", "))
}

fn gen_annex_a(t: &Table) -> String {
    let (id, title, title2, theme) =
        (t.col("id"), t.col("title"), t.col("title_iso27002_if_different"), t.col("theme"));
    let (ct, sp, cc, oc, sd) = (
        t.col("control_type"),
        t.col("security_properties"),
        t.col("cybersecurity_concepts"),
        t.col("operational_capabilities"),
        t.col("security_domains"),
    );
    let (new, pred) = (t.col("new_in_2022"), t.col("iso27001_2013_predecessors"));
    let mut s = String::new();
    let _ = writeln!(s, "// @generated by core/build.rs from {}. Do not edit.", t.file);
    let _ = writeln!(s, "static CONTROLS: [Control; {}] = [", t.rows.len());
    for r in &t.rows {
        let new_in_2022 = match r[new].as_str() {
            "yes" => true,
            "no" => false,
            other => panic!("{}: new_in_2022 must be yes/no, got `{other}`", t.file),
        };
        let preds: Vec<String> = list(&r[pred]).iter().map(|p| format!("{p:?}")).collect();
        let _ = writeln!(
            s,
            "    Control {{ id: {:?}, title: {:?}, title_27002: {}, theme: Theme::{}, control_types: {}, \
             security_properties: {}, cybersecurity_concepts: {}, operational_capabilities: {}, \
             security_domains: {}, new_in_2022: {new_in_2022}, predecessors_2013: &[{}] }},",
            r[id].trim(),
            r[title].trim(),
            opt_str(&r[title2]),
            camel(r[theme].trim()),
            enum_slice("ControlType", &r[ct]),
            enum_slice("SecurityProperty", &r[sp]),
            enum_slice("CybersecurityConcept", &r[cc]),
            enum_slice("OperationalCapability", &r[oc]),
            enum_slice("SecurityDomain", &r[sd]),
            preds.join(", "),
        );
    }
    s.push_str("];\n");
    s
}

fn gen_mapping(t: &Table) -> String {
    let (id13, title13, title13b, id22, kind) = (
        t.col("iso27001_2013_id"),
        t.col("title_2013"),
        t.col("title_iso27002_2013"),
        t.col("iso27001_2022_id"),
        t.col("mapping_kind"),
    );
    let mut s = String::new();
    let _ = writeln!(s, "// @generated by core/build.rs from {}. Do not edit.", t.file);
    let _ = writeln!(s, "static MAPPINGS: [Mapping2013; {}] = [", t.rows.len());
    // Distinct 2013 controls in first-seen order, with their titles.
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    let mut distinct: Vec<(&str, &str, &str)> = Vec::new();
    for r in &t.rows {
        let kind = match r[kind].split_whitespace().next() {
            Some("one_to_one") => "OneToOne",
            Some("merged") => "Merged",
            Some("split") => "Split",
            _ => panic!("{}: unknown mapping_kind `{}`", t.file, r[kind]),
        };
        let to = r[id22].trim();
        let to = to.strip_prefix("A.").unwrap_or(to);
        let from = r[id13].trim();
        assert!(from.starts_with("A."), "{}: 2013 id `{from}` lacks the A. prefix", t.file);
        let _ = writeln!(
            s,
            "    Mapping2013 {{ id_2013: {from:?}, title_2013: {:?}, title_27002_2013: {}, id_2022: {to:?}, \
             kind: MappingKind::{kind} }},",
            r[title13].trim(),
            opt_str(&r[title13b]),
        );
        match seen.get(from) {
            Some(prev) => assert_eq!(*prev, r[title13].trim(), "{}: `{from}` has two titles", t.file),
            None => {
                seen.insert(from, r[title13].trim());
                distinct.push((from, r[title13].trim(), r[title13b].trim()));
            }
        }
    }
    s.push_str("];\n");
    let _ = writeln!(s, "static CONTROLS_2013: [Control2013; {}] = [", distinct.len());
    for (id, title, title_b) in distinct {
        let _ = writeln!(s, "    Control2013 {{ id: {id:?}, title: {title:?}, title_27002: {} }},", opt_str(title_b));
    }
    s.push_str("];\n");
    s
}
