//! Reading a document written in YAML, and writing one canonically.
//!
//! YAML is read into the same JSON text a JSON file would hold, then that
//! text is parsed by [`crate::json::parse_document`], so every check of the
//! JSON path (unknown fields, positional structs refused, repeated keys,
//! exact extension numbers) applies to YAML unchanged. What YAML has and
//! JSON has not is decided here:
//!
//! - plain scalars resolve by the YAML 1.2 core schema: `null`, `~` and the
//!   empty value are null; `true`/`false` (three spellings each) booleans;
//!   integers (also `0x…` and `0o…`, written to JSON in decimal) and floats
//!   are numbers whose text is carried exactly (so
//!   `123456789012345678901234567890` survives); `.inf` and `.nan` are
//!   refused, JSON has no such numbers; everything else is a string, as is
//!   every quoted or block scalar;
//! - mapping keys are scalars, taken as strings; a key written twice in one
//!   mapping is refused with its line, column and path;
//! - aliases (`*name`) are refused, so no document can expand into a
//!   billion laughs; anchors alone are harmless and ignored;
//! - tags other than the core ones (`!!str`, `!!int`, `!!float`, `!!bool`,
//!   `!!null`, `!!map`, `!!seq`) are refused;
//! - one document per stream; nesting deeper than [`MAX_DEPTH`] is refused
//!   (not a stack overflow).
//!
//! Positions: conversion also yields a [`YamlMap`] from each value's JSON
//! Pointer to its 1-based line and column, so an error found in the JSON
//! text, an integrity problem or a finding is reported on the YAML line,
//! never on a line of the internal JSON text.
use crate::{Document, Error, Result};
use std::collections::{HashMap, HashSet};
use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

mod write;
pub use write::to_yaml;

/// Deepest nesting of mappings and sequences accepted (serde_json's limit).
pub const MAX_DEPTH: usize = 128;

/// A JSON value as read from YAML (or from JSON text by the writer), with
/// numbers kept as their exact text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Null,
    Bool(bool),
    /// A number as JSON text.
    Num(String),
    Str(String),
    Arr(Vec<Node>),
    Obj(Vec<(String, Node)>),
}

impl Node {
    /// Compact JSON text. Recursion is bounded: trees are built at most
    /// [`MAX_DEPTH`] deep.
    pub(crate) fn write_json(&self, out: &mut String) {
        match self {
            Node::Null => out.push_str("null"),
            Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Node::Num(n) => out.push_str(n),
            Node::Str(s) => json_string(s, out),
            Node::Arr(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    v.write_json(out);
                }
                out.push(']');
            }
            Node::Obj(items) => {
                out.push('{');
                for (i, (k, v)) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    json_string(k, out);
                    out.push(':');
                    v.write_json(out);
                }
                out.push('}');
            }
        }
    }
}

impl Node {
    /// JSON text indented by two spaces as serde_json's pretty printer
    /// writes it (what [`crate::json::to_json`] gives), numbers exact.
    pub(crate) fn write_pretty(&self, at: usize, out: &mut String) {
        let pad = |n: usize, out: &mut String| out.extend(std::iter::repeat_n(' ', n));
        match self {
            Node::Arr(items) if !items.is_empty() => {
                out.push_str("[\n");
                for (i, v) in items.iter().enumerate() {
                    pad(at + 2, out);
                    v.write_pretty(at + 2, out);
                    out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
                }
                pad(at, out);
                out.push(']');
            }
            Node::Obj(items) if !items.is_empty() => {
                out.push_str("{\n");
                for (i, (k, v)) in items.iter().enumerate() {
                    pad(at + 2, out);
                    json_string(k, out);
                    out.push_str(": ");
                    v.write_pretty(at + 2, out);
                    out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
                }
                pad(at, out);
                out.push('}');
            }
            other => other.write_json(out),
        }
    }
}

fn json_string(s: &str, out: &mut String) {
    out.push_str(&serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into()));
}

/// Where each value of a YAML text is: JSON Pointer → 1-based line and
/// column. Built once per load by [`to_json`] / [`parse_document`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YamlMap {
    positions: HashMap<String, (usize, usize)>,
}

impl YamlMap {
    /// Line and column of the value `pointer` names, or of the deepest
    /// value on its way that the text holds (the root at worst), as
    /// [`crate::json::locate`] does for JSON. `None` only for a map of no
    /// value (never from a successful conversion).
    pub fn locate(&self, pointer: &str) -> Option<(usize, usize)> {
        let mut p = pointer;
        loop {
            if let Some(at) = self.positions.get(p) {
                return Some(*at);
            }
            if p.is_empty() {
                return None;
            }
            p = p.rfind('/').map_or("", |i| &p[..i]);
        }
    }

    /// How many values the map places.
    pub fn len(&self) -> usize {
        self.positions.len()
    }

    /// Whether the map places no value.
    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
    }
}

/// Parses an ISMS document from YAML text: the YAML read into JSON text
/// ([`to_json`]), which [`crate::json::parse_document`] then parses. Errors
/// carry the YAML line and column, also those found in the JSON text (a
/// wrong type, an unknown field), placed on the YAML value of their path.
pub fn parse_document(text: &str) -> Result<(Document, YamlMap)> {
    let (json, map) = to_json(text)?;
    match crate::json::parse_document(&json) {
        Ok(doc) => Ok((doc, map)),
        Err(Error::Parse { path, message, .. }) => {
            let (line, column) = crate::json::path_to_pointer(&path).and_then(|p| map.locate(&p)).unwrap_or((1, 1));
            Err(Error::Parse { path, line, column, message })
        }
        Err(e) => Err(e),
    }
}

/// Line and column of the JSON Pointer `pointer` in the YAML `text` (see
/// [`YamlMap::locate`]); `None` when the text is not YAML this module
/// reads. Builds the map on every call: to place many pointers, keep the
/// map of [`to_json`].
pub fn locate(text: &str, pointer: &str) -> Option<(usize, usize)> {
    to_json(text).ok()?.1.locate(pointer)
}

/// Reads YAML text into JSON text (compact, keys in the order written) and
/// the position of every value. Errors: [`Error::Parse`] with the YAML line,
/// column and the JSON path of the value concerned.
pub fn to_json(text: &str) -> Result<(String, YamlMap)> {
    let (node, map) = read(text)?;
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    node.write_json(&mut out);
    Ok((out, map))
}

/// A collection being read.
struct Frame {
    /// Length of the JSON Pointer and of the JSON path of this collection.
    ptr_len: usize,
    path_len: usize,
    kind: FrameKind,
}

enum FrameKind {
    Seq(Vec<Node>),
    Map { items: Vec<(String, Node)>, keys: HashSet<String>, key: Option<String> },
}

fn err(path: &str, mark: Marker, message: impl Into<String>) -> Error {
    Error::Parse { path: path.to_owned(), line: mark.line(), column: mark.col() + 1, message: message.into() }
}

/// The events of `text` into one tree and its position map.
pub(crate) fn read(text: &str) -> Result<(Node, YamlMap)> {
    let mut parser = Parser::new_from_str(text);
    let mut map = YamlMap::default();
    let mut frames: Vec<Frame> = Vec::new();
    let mut root: Option<Node> = None;
    let (mut ptr, mut path) = (String::new(), String::from("$"));
    let mut documents = 0usize;
    loop {
        let (event, mark) = parser.next_token().map_err(|e| {
            let m = *e.marker();
            err(&path, m, format!("YAML syntax: {}", e.info()))
        })?;
        // Where the next value goes: the pointer and path of the frame on top.
        let (ptr_len, path_len) = frames.last().map_or((0, 1), |f| (f.ptr_len, f.path_len));
        ptr.truncate(ptr_len);
        path.truncate(path_len);
        match event {
            Event::StreamStart | Event::Nothing | Event::DocumentEnd => continue,
            Event::StreamEnd => break,
            Event::DocumentStart => {
                documents += 1;
                if documents > 1 {
                    return Err(err("$", mark, "the YAML text holds more than one document (`---`); keep one"));
                }
                continue;
            }
            _ => {}
        }
        let node = if matches!(event, Event::SequenceEnd | Event::MappingEnd) {
            match frames.pop() {
                Some(Frame { kind: FrameKind::Seq(items), .. }) => Node::Arr(items),
                Some(Frame { kind: FrameKind::Map { items, .. }, .. }) => Node::Obj(items),
                None => return Err(err(&path, mark, "YAML syntax: an end without a start")),
            }
        } else {
            // A mapping waiting for its key takes this scalar as the key.
            if let Some(Frame { kind: FrameKind::Map { keys, key: key @ None, .. }, .. }) = frames.last_mut() {
                let Event::Scalar(value, style, _, tag) = event else {
                    return Err(err(
                        &path,
                        mark,
                        "a mapping key must be a scalar (a string), not a mapping or a sequence",
                    ));
                };
                if tag.is_some_and(|t| !is_core(&t, "str")) {
                    return Err(err(&path, mark, "a mapping key must be a string; drop its tag"));
                }
                if style == TScalarStyle::Plain && matches!(value.as_str(), "" | "~" | "null" | "Null" | "NULL") {
                    return Err(err(&path, mark, "a mapping key must be a string, not null"));
                }
                // A block mapping's start is marked after its first key: the
                // mapping is placed where that key is (a flow mapping at its `{`).
                if keys.is_empty() {
                    let at = (mark.line(), mark.col() + 1);
                    map.positions.entry(ptr.clone()).and_modify(|p| *p = (*p).min(at)).or_insert(at);
                }
                push_key(&mut ptr, &mut path, &value);
                if !keys.insert(value.clone()) {
                    return Err(err(&path, mark, format!("the key `{value}` is repeated in this mapping")));
                }
                *key = Some(value);
                continue;
            }
            // A value: its pointer and path.
            match frames.last() {
                Some(Frame { kind: FrameKind::Seq(items), .. }) => push_index(&mut ptr, &mut path, items.len()),
                Some(Frame { kind: FrameKind::Map { key: Some(k), .. }, .. }) => push_key(&mut ptr, &mut path, k),
                _ => {}
            }
            if matches!(event, Event::Alias(_)) {
                return Err(err(&path, mark, "YAML aliases (`*name`) are not supported: write the value out"));
            }
            if root.is_some() {
                return Err(err(&path, mark, "the YAML document holds more than one value"));
            }
            map.positions.insert(ptr.clone(), (mark.line(), mark.col() + 1));
            let seq = matches!(event, Event::SequenceStart(..));
            match event {
                Event::Scalar(value, style, _, tag) => {
                    scalar(value, style, tag.as_ref()).map_err(|m| err(&path, mark, m))?
                }
                Event::SequenceStart(_, tag) | Event::MappingStart(_, tag) => {
                    if let Some(t) = tag.filter(|t| !is_core(t, if seq { "seq" } else { "map" })) {
                        return Err(err(
                            &path,
                            mark,
                            format!("the tag `{}{}` is not supported here", t.handle, t.suffix),
                        ));
                    }
                    if frames.len() >= MAX_DEPTH {
                        return Err(err(&path, mark, format!("nesting deeper than {MAX_DEPTH} levels")));
                    }
                    let kind = if seq {
                        FrameKind::Seq(Vec::new())
                    } else {
                        FrameKind::Map { items: Vec::new(), keys: HashSet::new(), key: None }
                    };
                    frames.push(Frame { ptr_len: ptr.len(), path_len: path.len(), kind });
                    continue;
                }
                _ => continue,
            }
        };
        match frames.last_mut() {
            Some(Frame { kind: FrameKind::Seq(items), .. }) => items.push(node),
            Some(Frame { kind: FrameKind::Map { items, key, .. }, .. }) => {
                let k = key.take().unwrap_or_default();
                items.push((k, node));
            }
            None => root = Some(node),
        }
    }
    match root {
        Some(node) => Ok((node, map)),
        None => Err(Error::Parse {
            path: "$".into(),
            line: 1,
            column: 1,
            message: "the YAML text holds no document".into(),
        }),
    }
}

fn push_key(ptr: &mut String, path: &mut String, key: &str) {
    ptr.push('/');
    ptr.push_str(&key.replace('~', "~0").replace('/', "~1"));
    path.push('.');
    path.push_str(key);
}

fn push_index(ptr: &mut String, path: &mut String, i: usize) {
    use std::fmt::Write;
    let _ = write!(ptr, "/{i}");
    let _ = write!(path, "[{i}]");
}

/// Whether `tag` is the core schema's `tag:yaml.org,2002:<suffix>` (`!!suffix`).
fn is_core(tag: &Tag, suffix: &str) -> bool {
    tag.handle == "tag:yaml.org,2002:" && tag.suffix == suffix
}

/// A scalar's value by its style and tag (YAML 1.2 core schema).
fn scalar(value: String, style: TScalarStyle, tag: Option<&Tag>) -> Result<Node, String> {
    let Some(tag) = tag else {
        return if style == TScalarStyle::Plain { resolve_plain(value) } else { Ok(Node::Str(value)) };
    };
    let want = if tag.handle == "tag:yaml.org,2002:" { tag.suffix.as_str() } else { "" };
    if want == "str" {
        return Ok(Node::Str(value));
    }
    if !matches!(want, "null" | "bool" | "int" | "float") {
        return Err(format!(
            "the tag `{}{}` is not supported (core tags only: !!str, !!int, ...)",
            tag.handle, tag.suffix
        ));
    }
    let node = resolve_plain(value.clone())?;
    let fits = match (&node, want) {
        (Node::Null, "null") | (Node::Bool(_), "bool") => true,
        (Node::Num(n), "int") => !n.contains(['.', 'e', 'E']),
        (Node::Num(_), "float") => true,
        _ => false,
    };
    if fits { Ok(node) } else { Err(format!("`{value}` is not a valid !!{want}")) }
}

/// A plain scalar by the YAML 1.2 core schema.
pub(crate) fn resolve_plain(s: String) -> Result<Node, String> {
    match s.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => return Ok(Node::Null),
        "true" | "True" | "TRUE" => return Ok(Node::Bool(true)),
        "false" | "False" | "FALSE" => return Ok(Node::Bool(false)),
        _ => {}
    }
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(&s);
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") || matches!(s.as_str(), ".nan" | ".NaN" | ".NAN") {
        return Err(format!("`{s}` is not a JSON number: write a finite number, or quote it to mean text"));
    }
    if let Some(digits) = s.strip_prefix("0x").filter(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_hexdigit())) {
        return Ok(Node::Num(to_decimal(digits, 16)));
    }
    if let Some(digits) = s.strip_prefix("0o").filter(|d| !d.is_empty() && d.chars().all(|c| matches!(c, '0'..='7'))) {
        return Ok(Node::Num(to_decimal(digits, 8)));
    }
    Ok(number(&s).map_or(Node::Str(s), Node::Num))
}

/// The JSON text of a core-schema int or float (`[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`),
/// or `None` when `s` is not one: `+` dropped, leading zeros dropped, a bare
/// `.` completed (`1.` → `1.0`, `.5` → `0.5`), digits otherwise as written.
fn number(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut i = 0;
    let negative = matches!(b.first(), Some(b'-'));
    if matches!(b.first(), Some(b'-' | b'+')) {
        i += 1;
    }
    let int_start = i;
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let int = &s[int_start..i];
    let mut frac = None;
    if b.get(i) == Some(&b'.') {
        let start = i + 1;
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        frac = Some(&s[start..i]);
    }
    if int.is_empty() && frac.is_none_or(str::is_empty) {
        return None;
    }
    if int.is_empty() && frac.is_none() {
        return None;
    }
    let mut exp = "";
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let start = i;
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        let digits = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == digits {
            return None;
        }
        exp = &s[start..i];
    }
    if i != b.len() {
        return None;
    }
    let mut out = String::with_capacity(s.len() + 2);
    if negative {
        out.push('-');
    }
    let trimmed = int.trim_start_matches('0');
    out.push_str(if trimmed.is_empty() { "0" } else { trimmed });
    if let Some(f) = frac {
        out.push('.');
        out.push_str(if f.is_empty() { "0" } else { f });
    }
    out.push_str(exp);
    Some(out)
}

/// Digits in base `radix` (16 or 8) as a decimal string, any length.
fn to_decimal(digits: &str, radix: u32) -> String {
    // Little-endian limbs of 10^9.
    let mut limbs: Vec<u64> = vec![0];
    for c in digits.chars() {
        let mut carry = u64::from(c.to_digit(radix).unwrap_or(0));
        for limb in &mut limbs {
            let v = *limb * u64::from(radix) + carry;
            *limb = v % 1_000_000_000;
            carry = v / 1_000_000_000;
        }
        if carry > 0 {
            limbs.push(carry);
        }
    }
    let mut out = String::new();
    for (i, limb) in limbs.iter().rev().enumerate() {
        if i == 0 {
            out.push_str(&limb.to_string());
        } else {
            out.push_str(&format!("{limb:09}"));
        }
    }
    out
}

#[cfg(test)]
mod tests;
