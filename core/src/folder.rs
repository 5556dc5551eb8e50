//! One ISMS kept as several files (a folder), merged into one document.
//!
//! Pure: the caller reads the files and hands over `(name, text)` pairs in
//! order: the root part first (`isms.yaml` or `isms.json`: version,
//! organisation, settings, ...), then the others sorted by path. Each file
//! is one JSON or YAML object holding some of the document's top-level keys
//! (JSON is read as the YAML it also is, so both get the same positions and
//! the same refusals of [`crate::yaml`]). Merge rules:
//!
//! - an array section (`risks`, `people`, ...) may be in any number of
//!   files: their items are concatenated in file order;
//! - any other section (an object or a scalar: `organization`, `soa`,
//!   `settings`, ...) is in one file only; a second one is refused, naming
//!   both files;
//! - the merged document is parsed and, by the caller, validated as one, so
//!   ids must be unique across files (a repeated id is a problem placed on
//!   its second occurrence).
//!
//! The [`FolderMap`] places a pointer of the merged document (`/risks/12`)
//! in its file (`risks.yaml`, `/risks/3`) and there on a line.
use crate::source::{Locate, Place};
use crate::yaml::{Node, YamlMap};
use crate::{Document, Error, Result};

/// A merge failure: the error, and the file it is in (when one).
#[derive(Debug, Clone, PartialEq)]
pub struct FolderError {
    /// The file the error was found in (its name as given to [`merge`]).
    pub file: Option<String>,
    /// The error, with the line and column in that file.
    pub error: Error,
}

impl std::fmt::Display for FolderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.file {
            Some(file) => write!(f, "{file}: {}", self.error),
            None => write!(f, "{}", self.error),
        }
    }
}

/// A top-level key, whether it is an array section, and its `(file, items)` spans.
type Section = (String, bool, Vec<(usize, usize)>);

/// Where the sections of a merged document came from.
#[derive(Debug, Clone, Default)]
pub struct FolderMap {
    files: Vec<(String, YamlMap)>,
    /// Top-level key → the files it came from: `(file, items)` per file for
    /// an array section (in merge order), one `(file, 0)` for another.
    sections: Vec<Section>,
    /// The top-level keys of each file, in the order written.
    keys: Vec<Vec<String>>,
}

impl FolderMap {
    /// The files merged, in order.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(|(n, _)| n.as_str())
    }

    /// The top-level keys file `name` holds, in the order written (what
    /// `isms fmt` keeps each file to).
    pub fn sections_of(&self, name: &str) -> Vec<&str> {
        let Some(i) = self.files.iter().position(|(n, _)| n == name) else { return Vec::new() };
        self.keys[i].iter().map(String::as_str).collect()
    }

    /// The items of the array section `key` that file `name` holds, as a
    /// range of the merged array; `None` when the file holds none.
    pub fn items_of(&self, name: &str, key: &str) -> Option<std::ops::Range<usize>> {
        let file = self.files.iter().position(|(n, _)| n == name)?;
        let (_, _, spans) = self.sections.iter().find(|(k, array, _)| k == key && *array)?;
        let mut start = 0;
        for (f, n) in spans {
            if *f == file {
                return Some(start..start + n);
            }
            start += n;
        }
        None
    }

    /// The file and the pointer inside it of a merged pointer.
    pub fn route(&self, pointer: &str) -> Option<(&str, String)> {
        let rest = pointer.strip_prefix('/')?;
        let (key, tail) = rest.split_once('/').map_or((rest, ""), |(k, t)| (k, t));
        let unescaped = key.replace("~1", "/").replace("~0", "~");
        let (_, array, spans) = self.sections.iter().find(|(k, _, _)| *k == unescaped)?;
        let first = spans.first()?.0;
        if !*array {
            return Some((self.files[first].0.as_str(), pointer.to_owned()));
        }
        let (index, after) = tail.split_once('/').map_or((tail, ""), |(i, a)| (i, a));
        let Ok(mut i) = index.parse::<usize>() else {
            return Some((self.files[first].0.as_str(), format!("/{key}")));
        };
        for (f, n) in spans {
            if i < *n {
                let inner = if after.is_empty() { format!("/{key}/{i}") } else { format!("/{key}/{i}/{after}") };
                return Some((self.files[*f].0.as_str(), inner));
            }
            i -= n;
        }
        Some((self.files[spans.last()?.0].0.as_str(), format!("/{key}")))
    }
}

impl Locate for FolderMap {
    fn place(&self, pointer: &str) -> Option<Place<'_>> {
        let (file, inner) = match self.route(pointer) {
            Some(r) => r,
            None => (self.files.first()?.0.as_str(), String::new()),
        };
        let map = &self.files.iter().find(|(n, _)| n == file)?.1;
        let (line, column) = map.locate(&inner)?;
        Some(Place { file: Some(file), line, column })
    }
}

/// Merges the files into one document (see the module doc for the rules).
/// Errors name the file: a file that is not YAML/JSON or not an object, a
/// section in two files, then whatever parsing the merged document finds
/// (a wrong type, an unknown field), placed in the file it came from.
pub fn merge(files: &[(String, String)]) -> std::result::Result<(Document, FolderMap), FolderError> {
    let mut map = FolderMap::default();
    let mut merged: Vec<(String, Node)> = Vec::new();
    for (name, text) in files {
        let in_file = |error: Error| FolderError { file: Some(name.clone()), error };
        let (node, positions) = crate::yaml::read(text).map_err(in_file)?;
        let Node::Obj(items) = node else {
            return Err(in_file(Error::Parse {
                path: "$".into(),
                line: positions.locate("").map_or(1, |p| p.0),
                column: 1,
                message: "each file of a folder must be an object of top-level sections".into(),
            }));
        };
        let index = map.files.len();
        map.keys.push(items.iter().map(|(k, _)| k.clone()).collect());
        for (key, value) in items {
            let at = positions.locate(&format!("/{}", key.replace('~', "~0").replace('/', "~1"))).unwrap_or((1, 1));
            let existing = merged.iter_mut().position(|(k, _)| *k == key);
            match (existing, value) {
                (None, value) => {
                    let array = matches!(value, Node::Arr(_));
                    let n = if let Node::Arr(a) = &value { a.len() } else { 0 };
                    map.sections.push((key.clone(), array, vec![(index, n)]));
                    merged.push((key, value));
                }
                (Some(i), Node::Arr(more)) if matches!(merged[i].1, Node::Arr(_)) => {
                    if let Some((_, _, spans)) = map.sections.iter_mut().find(|(k, _, _)| *k == key) {
                        spans.push((index, more.len()));
                    }
                    if let Node::Arr(items) = &mut merged[i].1 {
                        items.extend(more);
                    }
                }
                (Some(_), _) => {
                    let first = map
                        .sections
                        .iter()
                        .find(|(k, _, _)| *k == key)
                        .and_then(|(_, _, s)| s.first())
                        .map_or("", |(f, _)| map.files[*f].0.as_str());
                    return Err(in_file(Error::Parse {
                        path: format!("$.{key}"),
                        line: at.0,
                        column: at.1,
                        message: format!(
                            "the section `{key}` is in both {first} and {name}: only array sections may be split across files"
                        ),
                    }));
                }
            }
        }
        map.files.push((name.clone(), positions));
    }
    let mut json = String::new();
    Node::Obj(merged).write_json(&mut json);
    match crate::json::parse_document(&json) {
        Ok(doc) => Ok((doc, map)),
        Err(Error::Parse { path, message, .. }) => {
            let pointer = crate::json::path_to_pointer(&path).unwrap_or_default();
            let place = map.place(&pointer);
            let (file, line, column) = place.map_or((None, 1, 1), |p| (p.file.map(str::to_owned), p.line, p.column));
            Err(FolderError { file, error: Error::Parse { path, line, column, message } })
        }
        Err(error) => Err(FolderError { file: None, error }),
    }
}

/// The files a document is split into by [`split`]: the root part and the
/// sections each other file takes.
pub const SPLIT_LAYOUT: &[(&str, &[&str])] = &[
    ("people", &["people", "roles"]),
    ("assets", &["assets"]),
    ("risks", &["risk_methodology", "risks", "treatments", "controls"]),
    ("soa", &["soa"]),
    ("operations", &["documents", "evidence", "objectives", "training", "management_reviews"]),
    ("assurance", &["internal_audits", "certification", "nonconformities"]),
];

/// A document split into files: its canonical JSON's top-level sections
/// grouped by [`SPLIT_LAYOUT`] (the rest in the root part `isms`), as
/// `(stem, JSON text)` pairs, root first; files with no section are left
/// out. What `isms init DIR` writes, each as YAML.
pub fn split(canonical_json: &str) -> Result<Vec<(String, String)>> {
    let node = crate::yaml::read(canonical_json)?.0;
    let Node::Obj(items) = node else { return Err(Error::invalid_argument("$", "the document is not an object")) };
    let mut parts: Vec<(String, Vec<(String, Node)>)> = vec![("isms".into(), Vec::new())];
    parts.extend(SPLIT_LAYOUT.iter().map(|(stem, _)| ((*stem).to_owned(), Vec::new())));
    for (key, value) in items {
        let slot = SPLIT_LAYOUT.iter().position(|(_, keys)| keys.contains(&key.as_str())).map_or(0, |i| i + 1);
        parts[slot].1.push((key, value));
    }
    Ok(parts
        .into_iter()
        .filter(|(_, items)| !items.is_empty())
        .map(|(stem, items)| {
            let mut out = String::new();
            Node::Obj(items).write_json(&mut out);
            (stem, out)
        })
        .collect())
}

/// Each file of a folder in canonical form, keeping each file's sections:
/// the merged document's canonical JSON (`canonical_json`, from
/// [`crate::json::to_json`]) cut back into the files `map` says they came
/// from (an array section's items to the file that held them), each
/// written as canonical YAML for a `.yaml`/`.yml` name, else as JSON
/// indented as [`crate::json::to_json`] does. A section the canonical
/// form omits (an empty list) leaves its file. Returns `(name, text)` in
/// the order of the files.
pub fn canonical_parts(map: &FolderMap, canonical_json: &str) -> Result<Vec<(String, String)>> {
    let Node::Obj(sections) = crate::yaml::read(canonical_json)?.0 else {
        return Err(Error::invalid_argument("$", "the document is not an object"));
    };
    let mut out = Vec::new();
    for name in map.files() {
        let mine = map.sections_of(name);
        let mut items = Vec::new();
        for (key, value) in &sections {
            if !mine.contains(&key.as_str()) {
                continue;
            }
            match (value, map.items_of(name, key)) {
                (Node::Arr(all), Some(range)) => {
                    let part: Vec<Node> = all.get(range).map(<[Node]>::to_vec).unwrap_or_default();
                    items.push((key.clone(), Node::Arr(part)));
                }
                (Node::Arr(_), None) => {}
                (other, _) => items.push((key.clone(), other.clone())),
            }
        }
        let mut json = String::new();
        let node = Node::Obj(items);
        let text = if name.ends_with(".yaml") || name.ends_with(".yml") {
            node.write_json(&mut json);
            crate::yaml::to_yaml(&json)?
        } else {
            node.write_pretty(0, &mut json);
            json.push('\n');
            json
        };
        out.push((name.to_owned(), text));
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
