//! Reading and writing the document as JSON, with errors that say where.
//!
//! Parsing reports the JSON path, line and column of the first structural
//! problem (malformed JSON, a wrong type, an unknown field). Serialisation is
//! deterministic: field order follows the type definitions, extension objects
//! keep their key order, so the same document always gives the same bytes.
use crate::{Document, Error, Result};
use serde::Serialize;
use serde::de::DeserializeOwned;

pub mod strict;
pub use strict::Strict;

/// Default largest document accepted by front ends, in bytes (256 MiB). The
/// synthetic 10× document of the scale bench (5,000 people, 20,000 risks,
/// 100,000 evidence items) is 38 MB; parsing holds the text plus its tree,
/// about five times the text (the 385 MB 100× document peaks at 2 GB), so
/// the default bounds a load near 1.3 GB. Front ends let the user raise it.
pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 256 * 1024 * 1024;

/// Refuses an input of `len` bytes when it is larger than `max` (use
/// [`DEFAULT_MAX_DOCUMENT_BYTES`] unless the user chose otherwise). Front
/// ends call this with the file's or string's length before reading or
/// parsing it, so an oversized input fails at once, not after the memory is
/// spent. Error: `limit_exceeded` at `$`.
pub fn check_document_size(len: usize, max: usize) -> Result<()> {
    if len > max {
        return Err(Error::LimitExceeded {
            path: "$".into(),
            message: format!("the document is {len} bytes, larger than the limit of {max} bytes"),
        });
    }
    Ok(())
}

/// Parses any core input type from JSON text, reporting path, line and column.
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(Strict(&mut de)).map_err(|e| {
        let path = json_path(&e.path().to_string());
        let inner = e.into_inner();
        explain(parse_error(path, &inner), text)
    })?;
    // Reject trailing garbage after the document.
    de.end().map_err(|e| parse_error("$".into(), &e))?;
    Ok(value)
}

/// Parses an ISMS document from JSON text. This checks structure only; call
/// [`crate::validate::validate`] for referential integrity. The text must be
/// one JSON object: a byte order mark, or any other top-level value
/// (serde would read a positional array `["1.0", ...]` as the struct), is
/// refused at `$`.
pub fn parse_document(text: &str) -> Result<Document> {
    if text.starts_with('\u{feff}') {
        return Err(Error::Parse {
            path: "$".into(),
            line: 1,
            column: 1,
            message: "the text starts with a byte order mark (U+FEFF); save the document as UTF-8 without one".into(),
        });
    }
    let start = text.trim_start_matches([' ', '\t', '\n', '\r']);
    if !start.is_empty() && !start.starts_with('{') {
        let offset = text.len() - start.len();
        let (line, column) = line_column(text, offset);
        return Err(Error::Parse {
            path: "$".into(),
            line,
            column,
            message: "the document must be a JSON object (`{...}`)".into(),
        });
    }
    from_json(text)
}

/// The document's bytes as text: refuses a UTF-8 byte order mark and invalid
/// UTF-8, naming the byte offset (and line and column) of the first bad byte.
pub fn text_from_bytes(bytes: &[u8]) -> Result<&str> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Err(Error::Parse {
            path: "$".into(),
            line: 1,
            column: 1,
            message: "the text starts with a byte order mark (U+FEFF); save the document as UTF-8 without one".into(),
        });
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        // The valid prefix is text, so its lines and columns can be counted.
        let prefix = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
        let (line, column) = line_column(prefix, offset);
        Error::Parse {
            path: "$".into(),
            line,
            column,
            message: format!("invalid UTF-8 at byte offset {offset} (byte 0x{:02x})", bytes[offset]),
        }
    })
}

/// 1-based line and column (in characters) of byte `offset` of `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The 1-based line and column (in characters) where the value that the
/// JSON Pointer (RFC 6901) `pointer` names starts in the JSON `text`, e.g.
/// `/risks/3` → the `{` of the fourth risk. When the text does not hold the
/// whole path (a section omitted because it is empty), the deepest value on
/// the way is given, the root at worst, so a finding still lands near where
/// the fix goes. `None` when `text` is not well-formed JSON along the way.
///
/// This is how front ends turn [`crate::evaluate::Finding::path`] into a
/// line in the file (SARIF regions, GitHub annotations). It scans without
/// building a tree and without recursion, so a hostile text cannot exhaust
/// the stack.
pub fn locate(text: &str, pointer: &str) -> Option<(usize, usize)> {
    let segments: Vec<String> = if pointer.is_empty() {
        Vec::new()
    } else {
        pointer.strip_prefix('/')?.split('/').map(|s| s.replace("~1", "/").replace("~0", "~")).collect()
    };
    let mut sc = Scanner { b: text.as_bytes(), i: 0 };
    sc.ws();
    let mut at = sc.i;
    if at >= sc.b.len() {
        return None;
    }
    'segments: for seg in &segments {
        match sc.b.get(sc.i) {
            Some(b'{') => {
                sc.i += 1;
                sc.ws();
                if sc.peek() == Some(b'}') {
                    break;
                }
                loop {
                    let key = sc.string()?;
                    sc.ws();
                    sc.expect(b':')?;
                    sc.ws();
                    if key == *seg {
                        at = sc.i;
                        continue 'segments;
                    }
                    sc.skip_value()?;
                    sc.ws();
                    match sc.peek() {
                        Some(b',') => {
                            sc.i += 1;
                            sc.ws();
                        }
                        Some(b'}') => break 'segments,
                        _ => return None,
                    }
                }
            }
            Some(b'[') => {
                let Ok(want) = seg.parse::<usize>() else { break };
                sc.i += 1;
                sc.ws();
                if sc.peek() == Some(b']') {
                    break;
                }
                let mut n = 0;
                loop {
                    if n == want {
                        at = sc.i;
                        continue 'segments;
                    }
                    sc.skip_value()?;
                    sc.ws();
                    match sc.peek() {
                        Some(b',') => {
                            sc.i += 1;
                            sc.ws();
                            n += 1;
                        }
                        Some(b']') => break 'segments,
                        _ => return None,
                    }
                }
            }
            _ => break,
        }
    }
    Some(line_column(text, at))
}

/// The JSON Pointer of a JSON path as problems and errors write it
/// (`$.risks[3].owner` → `/risks/3/owner`, `$` → the empty pointer). `None`
/// for text that is not such a path.
pub fn path_to_pointer(path: &str) -> Option<String> {
    let mut rest = path.strip_prefix('$')?;
    let mut out = String::new();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            let key = &r[..end];
            out.push('/');
            out.push_str(&key.replace('~', "~0").replace('/', "~1"));
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            let index = &r[..end];
            index.parse::<usize>().ok()?;
            out.push('/');
            out.push_str(index);
            rest = &r[end + 1..];
        } else {
            return None;
        }
    }
    Some(out)
}

/// A cursor over JSON bytes, for [`locate`].
struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        (self.peek() == Some(c)).then(|| self.i += 1)
    }

    /// A string at the cursor, decoded (escapes included), cursor after it.
    fn string(&mut self) -> Option<String> {
        self.expect(b'"')?;
        let mut out: Vec<u16> = Vec::new();
        let mut raw = Vec::new();
        loop {
            let c = self.peek()?;
            self.i += 1;
            match c {
                b'"' => break,
                b'\\' => {
                    let e = self.peek()?;
                    self.i += 1;
                    let unit = match e {
                        b'"' => u16::from(b'"'),
                        b'\\' => u16::from(b'\\'),
                        b'/' => u16::from(b'/'),
                        b'b' => 8,
                        b'f' => 12,
                        b'n' => 10,
                        b'r' => 13,
                        b't' => 9,
                        b'u' => {
                            let hex = std::str::from_utf8(self.b.get(self.i..self.i + 4)?).ok()?;
                            self.i += 4;
                            u16::from_str_radix(hex, 16).ok()?
                        }
                        _ => return None,
                    };
                    flush(&mut raw, &mut out);
                    out.push(unit);
                }
                _ => raw.push(c),
            }
        }
        flush(&mut raw, &mut out);
        Some(String::from_utf16_lossy(&out))
    }

    /// Skips one value (string, number, literal, object or array).
    fn skip_value(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            self.ws();
            match self.peek()? {
                b'"' => {
                    self.string()?;
                }
                b'{' | b'[' => {
                    depth += 1;
                    self.i += 1;
                    continue;
                }
                b'}' | b']' if depth > 0 => {
                    depth -= 1;
                    self.i += 1;
                }
                b',' | b':' if depth > 0 => {
                    self.i += 1;
                    continue;
                }
                _ => {
                    let start = self.i;
                    while self
                        .peek()
                        .is_some_and(|c| !matches!(c, b',' | b'}' | b']' | b':' | b' ' | b'\t' | b'\n' | b'\r'))
                    {
                        self.i += 1;
                    }
                    if self.i == start {
                        return None;
                    }
                }
            }
            if depth == 0 {
                return Some(());
            }
        }
    }
}

/// Moves raw UTF-8 bytes into UTF-16 units (for [`Scanner::string`]).
fn flush(raw: &mut Vec<u8>, out: &mut Vec<u16>) {
    if !raw.is_empty() {
        out.extend(String::from_utf8_lossy(raw).encode_utf16());
        raw.clear();
    }
}

/// Serialises any core output type as pretty-printed JSON (two-space indent,
/// trailing newline).
pub fn to_json<T: Serialize>(value: &T) -> String {
    // Serialising our own types into a String cannot fail: every map key is a
    // string and no type has a fallible Serialize impl.
    let mut s = serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}

fn parse_error(path: String, e: &serde_json::Error) -> Error {
    let full = e.to_string();
    // serde_json appends " at line L column C"; we carry those as fields.
    let message = match full.rfind(" at line ") {
        Some(i) if e.line() > 0 => full[..i].to_string(),
        _ => full,
    };
    Error::Parse { path, line: e.line(), column: e.column(), message }
}

/// Says more where serde_json's words mislead: `NaN` and `Infinity` are
/// reported as "expected value", a lone UTF-16 surrogate escape as a hex
/// escape problem.
fn explain(e: Error, text: &str) -> Error {
    let Error::Parse { path, line, column, message } = e else { return e };
    let at = text
        .split('\n')
        .nth(line.saturating_sub(1))
        .map(|l| l.chars().skip(column.saturating_sub(2)).take(10).collect::<String>())
        .unwrap_or_default();
    let message = if (message.starts_with("expected value") || message.starts_with("invalid number"))
        && ["NaN", "Infinity", "nan", "inf"].iter().any(|t| at.contains(t))
    {
        "NaN and Infinity are not JSON numbers (write a finite number, or null where allowed)".to_string()
    } else if message.contains("surrogate") || message.contains("hex escape") {
        format!(
            "{message}: a \\uD800-\\uDFFF escape must be half of a surrogate pair (a lone surrogate is not a character)"
        )
    } else {
        message
    };
    Error::Parse { path, line, column, message }
}

/// Turns serde_path_to_error's `a.b[3].c` (or `.` for the root) into `$.a.b[3].c`.
fn json_path(p: &str) -> String {
    if p.is_empty() || p == "." { "$".to_string() } else { format!("$.{p}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_json_reports_line_and_column() {
        let err = parse_document("{\n  \"schema_version\": \"1.0\",\n  \"organization\": {\"name\": }\n}").unwrap_err();
        match err {
            Error::Parse { line, column, path, .. } => {
                assert_eq!(line, 3);
                assert!(column > 10, "column {column}");
                assert_eq!(path, "$.organization.name");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn unknown_field_is_named_with_its_path() {
        let err = parse_document(r#"{"schema_version":"1.0","organization":{"name":"A","colour":"red"}}"#).unwrap_err();
        let Error::Parse { path, message, .. } = err else { panic!() };
        assert_eq!(path, "$.organization.colour");
        assert!(message.contains("unknown field `colour`"), "{message}");
    }

    #[test]
    fn wrong_type_deep_in_a_list_has_an_indexed_path() {
        let text = r#"{"schema_version":"1.0","organization":{"name":"A"},
            "people":[{"id":"p1","name":"Ann"},{"id":"p2","name":"Bob","start_date":"2024-02-30"}]}"#;
        let Error::Parse { path, .. } = parse_document(text).unwrap_err() else { panic!() };
        assert_eq!(path, "$.people[1].start_date");
    }

    #[test]
    fn hostile_text_is_named() {
        let msg = |text: &[u8]| match text_from_bytes(text).and_then(parse_document) {
            Err(Error::Parse { message, line, column, path }) => format!("{line}:{column} {path} {message}"),
            other => format!("{other:?}"),
        };
        let doc = |ext: &str| {
            format!(r#"{{"schema_version":"1.0","organization":{{"name":"A"}},"extensions":{{"x":{ext}}}}}"#)
        };
        assert!(msg(b"\xef\xbb\xbf{}").contains("1:1 $ the text starts with a byte order mark"));
        assert!(
            msg(b"{\"a\":\n \"\xff\"}").starts_with("2:3 $ invalid UTF-8 at byte offset 8 (byte 0xff)"),
            "{}",
            msg(b"{\"a\":\n \"\xff\"}")
        );
        assert!(msg(br#"["1.0", ["A"]]"#).contains("1:1 $ the document must be a JSON object"));
        assert!(msg(b"  []").contains("1:3 $ the document must be a JSON object"));
        for bad in ["NaN", "Infinity", "-Infinity"] {
            assert!(msg(doc(bad).as_bytes()).contains("$.extensions.x NaN and Infinity are not JSON numbers"), "{bad}");
        }
        assert!(msg(doc(r#""\ud800""#).as_bytes()).contains("a lone surrogate is not a character"));
        assert!(msg(doc(r#""\ud800\u0041""#).as_bytes()).contains("a lone surrogate is not a character"));
        let date = r#"{"schema_version":"1.0","organization":{"name":"A"},"people":[{"id":"p","name":"P","start_date":"2026-1-1"}]}"#;
        assert!(
            msg(date.as_bytes()).contains("$.people[0].start_date `2026-1-1` is not a date in the form YYYY-MM-DD")
        );
        assert!(msg(date.replace("2026-1-1", " 2026-01-01").as_bytes()).contains("not a date in the form"));
        assert!(msg(date.replace("2026-1-1", "2026-02-30").as_bytes()).contains("`2026-02-30` is not a calendar date"));
        assert!(parse_document(&date.replace("2026-1-1", "2026-01-01")).is_ok());
    }

    #[test]
    fn document_size_limit() {
        assert!(check_document_size(10, 10).is_ok());
        let e = check_document_size(DEFAULT_MAX_DOCUMENT_BYTES + 1, DEFAULT_MAX_DOCUMENT_BYTES).unwrap_err();
        assert!(
            matches!(&e, Error::LimitExceeded { path, message } if path == "$" && message.contains("268435457 bytes")),
            "{e}"
        );
    }

    #[test]
    fn trailing_garbage_is_rejected() {
        let err = parse_document(r#"{"schema_version":"1.0","organization":{"name":"A"}} x"#).unwrap_err();
        assert_eq!(err.code(), "parse_error");
    }

    #[test]
    fn extensions_round_trip_in_order() {
        let text = r#"{"schema_version":"1.0","organization":{"name":"A","extensions":{"z":1,"a":{"nested":[1,2]}}}}"#;
        let doc = parse_document(text).unwrap();
        let out = to_json(&doc);
        assert!(out.find("\"z\"").unwrap() < out.find("\"a\"").unwrap());
        assert_eq!(parse_document(&out).unwrap(), doc);
    }

    #[test]
    fn extension_numbers_keep_their_text_through_parse_and_write() {
        let text = r#"{"schema_version":"1.0","organization":{"name":"A","extensions":{"big":123456789012345678901234567890,"dec":3.14159265358979323846264338327950288,"neg":-0,"list":[1.10,2E+3]}}}"#;
        let out = to_json(&parse_document(text).unwrap());
        for exact in ["123456789012345678901234567890", "3.14159265358979323846264338327950288", "-0", "1.10", "2E+3"] {
            assert!(out.contains(exact), "{exact} lost in {out}");
        }
        // And the written form reads back to the same document, byte for byte.
        assert_eq!(to_json(&parse_document(&out).unwrap()), out);
    }

    #[test]
    fn repeated_keys_are_refused_with_their_path() {
        let case = |text: &str| match parse_document(text) {
            Err(Error::Parse { path, message, .. }) => format!("{path} {message}"),
            other => format!("{other:?}"),
        };
        let got = case(r#"{"schema_version":"1.0","organization":{"name":"A","extensions":{"k":1,"k":2}}}"#);
        assert!(got.starts_with("$.organization.extensions") && got.contains("duplicate key `k`"), "{got}");
        let got =
            case(r#"{"schema_version":"1.0","organization":{"name":"A","extensions":{"a":{"b":[{"c":1,"c":1}]}}}}"#);
        assert!(got.starts_with("$.organization.extensions.a duplicate key `c` (at `b[0].c`"), "{got}");
        let got = case(r#"{"schema_version":"1.0","organization":{"name":"A","name":"B"}}"#);
        assert!(got.starts_with("$.organization") && got.contains("duplicate field `name`"), "{got}");
        let got = case(r#"{"schema_version":"1.0","schema_version":"1.0","organization":{"name":"A"}}"#);
        assert!(got.contains("duplicate field `schema_version`"), "{got}");
    }

    #[test]
    fn structs_written_as_positional_arrays_are_refused_at_any_depth() {
        let case = |text: &str| match parse_document(text) {
            Err(Error::Parse { path, message, .. }) => format!("{path} {message}"),
            other => format!("{other:?}"),
        };
        for (text, path, what) in [
            (r#"{"schema_version":"1.0","organization":["A"]}"#, "$.organization", "struct Organization"),
            (
                r#"{"schema_version":"1.0","organization":{"name":"A"},"people":[{"id":"p1","name":"Ann"},["p2","Bob"]]}"#,
                "$.people[1]",
                "struct Person",
            ),
            (
                r#"{"schema_version":"1.0","organization":{"name":"A"},"settings":[365]}"#,
                "$.settings",
                "struct Settings",
            ),
        ] {
            let got = case(text);
            assert!(
                got.starts_with(path) && got.contains("invalid type: sequence") && got.contains(what),
                "{text}: {got}"
            );
            assert!(got.contains("fields cannot be given by position"), "{got}");
        }
        // Arrays where the schema has arrays still read.
        assert!(
            parse_document(
                r#"{"schema_version":"1.0","organization":{"name":"A"},"people":[{"id":"p1","name":"Ann"}]}"#
            )
            .is_ok()
        );
    }

    #[test]
    fn the_strict_wrapper_covers_enum_struct_variants_and_other_deserializers() {
        #[derive(Debug, serde::Deserialize, PartialEq)]
        struct Point {
            x: i32,
            y: i32,
        }
        #[derive(Debug, serde::Deserialize, PartialEq)]
        enum Shape {
            Dot(Point),
            Box { corner: Point },
        }
        let strict = |v: serde_json::Value| Shape::deserialize(Strict(v)).map_err(|e| e.to_string());
        use serde::Deserialize;
        assert_eq!(
            strict(serde_json::json!({"Box": {"corner": {"x": 1, "y": 2}}})),
            Ok(Shape::Box { corner: Point { x: 1, y: 2 } })
        );
        assert!(strict(serde_json::json!({"Box": [{"x": 1, "y": 2}]})).unwrap_err().contains("sequence"));
        assert!(strict(serde_json::json!({"Box": {"corner": [1, 2]}})).unwrap_err().contains("struct Point"));
        assert!(strict(serde_json::json!({"Dot": [1, 2]})).unwrap_err().contains("struct Point"));
        // Without the wrapper serde accepts the positional form: the wrapper is what refuses it.
        assert!(serde_json::from_value::<Shape>(serde_json::json!({"Dot": [1, 2]})).is_ok());
    }

    #[test]
    fn a_schema_key_is_kept_first_and_round_trips_byte_for_byte() {
        let canonical = "{\n  \"$schema\": \"./schema/isms.schema.json\",\n  \"schema_version\": \"1.0\",\n  \"organization\": {\n    \"name\": \"A\"\n  }\n}\n";
        let doc = parse_document(canonical).unwrap();
        assert_eq!(doc.json_schema.as_deref(), Some("./schema/isms.schema.json"));
        assert_eq!(to_json(&doc), canonical);
        // Written anywhere at the top, it comes out first.
        let later = r#"{"schema_version":"1.0","organization":{"name":"A"},"$schema":"./schema/isms.schema.json"}"#;
        assert_eq!(to_json(&parse_document(later).unwrap()), canonical);
        // Only at the top: elsewhere it is an unknown field, as any other.
        let nested = r#"{"schema_version":"1.0","organization":{"name":"A","$schema":"x"}}"#;
        let Error::Parse { path, .. } = parse_document(nested).unwrap_err() else { panic!() };
        assert_eq!(path, "$.organization.$schema");
        // Without one, none is added.
        assert!(
            !to_json(&parse_document(r#"{"schema_version":"1.0","organization":{"name":"A"}}"#).unwrap())
                .contains("$schema")
        );
    }

    #[test]
    fn json_paths_become_pointers() {
        assert_eq!(path_to_pointer("$").as_deref(), Some(""));
        assert_eq!(path_to_pointer("$.risks[3].owner").as_deref(), Some("/risks/3/owner"));
        assert_eq!(path_to_pointer("$.soa.entries[0]").as_deref(), Some("/soa/entries/0"));
        assert_eq!(path_to_pointer("$.extensions.a~b").as_deref(), Some("/extensions/a~0b"));
        assert_eq!(path_to_pointer("risks[3]"), None);
        assert_eq!(path_to_pointer("$.a[x]"), None);
    }

    #[test]
    fn pointers_are_located_in_the_text() {
        let text = "{\n  \"schema_version\": \"1.0\",\n  \"organization\": {\"name\": \"A\"},\n  \"people\": [\n    {\"id\": \"p1\", \"name\": \"[{,\\\"}]\"},\n    {\"id\": \"p2\",\n     \"tags\": [1, {\"x\": [true, null]}], \"name\": \"Bob\"}\n  ],\n  \"a/b~c\": {\"é\": 5}\n}\n";
        assert_eq!(locate(text, ""), Some((1, 1)));
        assert_eq!(locate(text, "/organization"), Some((3, 19)));
        assert_eq!(locate(text, "/organization/name"), Some((3, 28)));
        assert_eq!(locate(text, "/people/0"), Some((5, 5)));
        assert_eq!(locate(text, "/people/1"), Some((6, 5)));
        assert_eq!(locate(text, "/people/1/name"), Some((7, 48)));
        assert_eq!(locate(text, "/a~1b~0c/\u{e9}"), Some((9, 18)));
        // Not there: the deepest value on the way.
        assert_eq!(locate(text, "/people/7"), Some((4, 13)));
        assert_eq!(locate(text, "/risks/0"), Some((1, 1)));
        assert_eq!(locate(text, "/organization/name/x"), Some((3, 28)));
        // Escaped keys match their decoded form.
        assert_eq!(locate("{\"\\u0061b\": 1}", "/ab"), Some((1, 13)));
        assert_eq!(locate("{\"a\": ", "/a"), Some((1, 7)));
        assert_eq!(locate("{\"a\": [1,", "/a/5"), None);
        assert_eq!(locate("", ""), None);
        assert_eq!(locate("{}", "no-slash"), None);
    }
}
