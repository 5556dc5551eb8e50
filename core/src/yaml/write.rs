//! The canonical YAML form of a JSON text (what `isms fmt` writes for a
//! `.yaml` file): keys in the order of the JSON text (for a document, the
//! canonical JSON's order), block style with a two-space indent, sequences
//! indented under their key, strings quoted only when needed (double
//! quotes), numbers as their exact JSON text. Reading the output back with
//! [`super::to_json`] gives the same JSON value.
use super::{MAX_DEPTH, Node};
use crate::{Error, Result};

/// The canonical YAML of the JSON `json` (for a document, pass
/// [`crate::Isms::canonical_json`] or [`crate::json::to_json`]). Errors:
/// [`Error::Parse`] when `json` is not JSON, or nests deeper than
/// [`MAX_DEPTH`].
pub fn to_yaml(json: &str) -> Result<String> {
    let mut p = JsonReader { b: json.as_bytes(), s: json, i: 0 };
    p.ws();
    let node = p.value(0)?;
    p.ws();
    if p.i != p.b.len() {
        return Err(p.error("trailing characters after the JSON value"));
    }
    let mut out = String::with_capacity(json.len());
    match &node {
        Node::Obj(items) if !items.is_empty() => map(items, 0, false, &mut out),
        Node::Arr(items) if !items.is_empty() => seq(items, 0, false, &mut out),
        other => {
            scalar(other, &mut out);
            out.push('\n');
        }
    }
    Ok(out)
}

fn indent(n: usize, out: &mut String) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// A mapping's entries at `at` columns; the first on the current line when
/// `inline` (after `- `).
fn map(items: &[(String, Node)], at: usize, inline: bool, out: &mut String) {
    for (i, (k, v)) in items.iter().enumerate() {
        if i > 0 || !inline {
            indent(at, out);
        }
        string(k, out);
        out.push(':');
        match v {
            Node::Obj(o) if !o.is_empty() => {
                out.push('\n');
                map(o, at + 2, false, out);
            }
            Node::Arr(a) if !a.is_empty() => {
                out.push('\n');
                seq(a, at + 2, false, out);
            }
            other => {
                out.push(' ');
                scalar(other, out);
                out.push('\n');
            }
        }
    }
}

/// A sequence's items at `at` columns, as [`map`].
fn seq(items: &[Node], at: usize, inline: bool, out: &mut String) {
    for (i, v) in items.iter().enumerate() {
        if i > 0 || !inline {
            indent(at, out);
        }
        out.push_str("- ");
        match v {
            Node::Obj(o) if !o.is_empty() => map(o, at + 2, true, out),
            Node::Arr(a) if !a.is_empty() => seq(a, at + 2, true, out),
            other => {
                scalar(other, out);
                out.push('\n');
            }
        }
    }
}

/// A scalar or an empty collection, inline.
fn scalar(node: &Node, out: &mut String) {
    match node {
        Node::Null => out.push_str("null"),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Num(n) => out.push_str(n),
        Node::Str(s) => string(s, out),
        Node::Arr(_) => out.push_str("[]"),
        Node::Obj(_) => out.push_str("{}"),
    }
}

/// A string plain when it reads back as the same string, else double-quoted.
fn string(s: &str, out: &mut String) {
    if plain_ok(s) {
        out.push_str(s);
        return;
    }
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Characters YAML does not allow raw in a scalar, or that readers may take
/// for line breaks.
fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

/// Whether `s` written plain reads back as the string `s`: not a null,
/// boolean or number of the core schema (nor a YAML 1.1 `yes`/`no`/`on`/`off`,
/// which older readers take for booleans), no indicator at its start, no
/// `: ` or ` #`, no surrounding space, nothing that needs an escape.
fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else { return false };
    if !matches!(super::resolve_plain(s.to_owned()), Ok(Node::Str(_))) {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    if matches!(lower.as_str(), "y" | "n" | "yes" | "no" | "on" | "off" | ".inf" | "-.inf" | "+.inf" | ".nan") {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) || s.starts_with("...") {
        return false;
    }
    if s.starts_with([' ', '\t']) || s.ends_with([' ', '\t', ':']) {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.contains(":\t") || s.contains("\t#") {
        return false;
    }
    !s.chars().any(|c| needs_escape(c) || c == '\n')
}

/// A non-recursive-enough JSON reader for [`to_yaml`]: recursion bounded by
/// [`MAX_DEPTH`], numbers kept as written.
struct JsonReader<'a> {
    b: &'a [u8],
    s: &'a str,
    i: usize,
}

impl JsonReader<'_> {
    fn error(&self, message: &str) -> Error {
        let before = &self.s[..self.i.min(self.s.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Error::Parse { path: "$".into(), line, column, message: message.into() }
    }

    fn ws(&mut self) {
        while matches!(self.b.get(self.i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node> {
        if depth > MAX_DEPTH {
            return Err(self.error("nesting too deep"));
        }
        match self.b.get(self.i) {
            Some(b'{') => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.b.get(self.i) == Some(&b'}') {
                    self.i += 1;
                    return Ok(Node::Obj(items));
                }
                loop {
                    self.ws();
                    let k = self.string()?;
                    self.ws();
                    if self.b.get(self.i) != Some(&b':') {
                        return Err(self.error("expected `:`"));
                    }
                    self.i += 1;
                    self.ws();
                    let v = self.value(depth + 1)?;
                    items.push((k, v));
                    self.ws();
                    match self.b.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            return Ok(Node::Obj(items));
                        }
                        _ => return Err(self.error("expected `,` or `}`")),
                    }
                }
            }
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.b.get(self.i) == Some(&b']') {
                    self.i += 1;
                    return Ok(Node::Arr(items));
                }
                loop {
                    self.ws();
                    items.push(self.value(depth + 1)?);
                    self.ws();
                    match self.b.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            return Ok(Node::Arr(items));
                        }
                        _ => return Err(self.error("expected `,` or `]`")),
                    }
                }
            }
            Some(b'"') => Ok(Node::Str(self.string()?)),
            Some(_) => {
                let start = self.i;
                while self
                    .b
                    .get(self.i)
                    .is_some_and(|c| !matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))
                {
                    self.i += 1;
                }
                let word = &self.s[start..self.i];
                match word {
                    "null" => Ok(Node::Null),
                    "true" => Ok(Node::Bool(true)),
                    "false" => Ok(Node::Bool(false)),
                    w if serde_json::from_str::<serde::de::IgnoredAny>(w).is_ok()
                        && w.starts_with(|c: char| c == '-' || c.is_ascii_digit()) =>
                    {
                        Ok(Node::Num(w.to_owned()))
                    }
                    _ => {
                        self.i = start;
                        Err(self.error("expected a JSON value"))
                    }
                }
            }
            None => Err(self.error("unexpected end of the JSON text")),
        }
    }

    fn string(&mut self) -> Result<String> {
        if self.b.get(self.i) != Some(&b'"') {
            return Err(self.error("expected a string"));
        }
        let start = self.i;
        self.i += 1;
        loop {
            match self.b.get(self.i) {
                Some(b'"') => break,
                Some(b'\\') => self.i += 2,
                Some(_) => self.i += 1,
                None => return Err(self.error("unterminated string")),
            }
        }
        self.i += 1;
        let raw = self.s.get(start..self.i).ok_or_else(|| self.error("bad string"))?;
        serde_json::from_str::<String>(raw).map_err(|e| {
            self.i = start;
            self.error(&format!("bad string: {e}"))
        })
    }
}
