//! Where a document's values are written: the one abstraction through
//! which findings, problems and errors get a file, a line and a column,
//! whether the document was read from JSON text ([`JsonText`]), YAML
//! ([`crate::yaml::YamlMap`]) or a folder of files merged into one.
//!
//! A [`Locate`] answers for a JSON Pointer into the document (`/risks/12`,
//! as [`crate::evaluate::Finding::path`] and, through
//! [`crate::json::path_to_pointer`], every [`crate::Problem`] give it) with
//! a [`Place`]: the line and column of the value, or of the deepest value on
//! its way that the source holds, and the file when the document came from
//! more than one.

/// A place in a source: 1-based line and column, and the file when the
/// document was read from several.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place<'a> {
    /// The file the value is in, when the document has several files.
    pub file: Option<&'a str>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// Something that places a JSON Pointer of the document in its source.
pub trait Locate: std::fmt::Debug {
    /// The place of the value `pointer` names (or the nearest enclosing
    /// one the source holds); `None` when the source cannot say.
    fn place(&self, pointer: &str) -> Option<Place<'_>>;
}

/// A document's JSON text, located by [`crate::json::locate`] (a scan per
/// pointer, no map kept).
#[derive(Debug, Clone, Copy)]
pub struct JsonText<'a>(pub &'a str);

impl Locate for JsonText<'_> {
    fn place(&self, pointer: &str) -> Option<Place<'_>> {
        crate::json::locate(self.0, pointer).map(|(line, column)| Place { file: None, line, column })
    }
}

#[cfg(feature = "yaml")]
impl Locate for crate::yaml::YamlMap {
    fn place(&self, pointer: &str) -> Option<Place<'_>> {
        self.locate(pointer).map(|(line, column)| Place { file: None, line, column })
    }
}
