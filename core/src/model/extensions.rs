//! Vendor data attached to entities: kept exactly as written.
//!
//! `serde_json::Value` reads every number into an `i64`, `u64` or `f64`, so a
//! 30-digit integer or a decimal with 20 significant digits came back changed
//! from a parse → write round trip, and a repeated key silently kept the last
//! value. [`Extensions`] keeps each number's text as written and refuses a
//! repeated key anywhere inside, naming it.
//!
//! How the exact text is obtained without serde_json's global
//! `arbitrary_precision` feature (which breaks the internally tagged FAIR
//! enums, whose numbers pass through serde's buffered content): a value
//! asks its deserializer for the *raw text* (serde_json's `raw_value`
//! protocol); serde_json answers with the value's source slice, which
//! [`parse_raw`] (hand-written: a small recursive reader over text that
//! serde_json has already checked) turns into an [`ExtValue`] tree. Any
//! other deserializer (Python objects, buffered content) answers the normal
//! way and numbers arrive as `i64`/`u64`/`f64`; integers and shortest
//! floats print back as they came in either case.
use schemars::JsonSchema;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The name serde_json recognises to hand a value's raw source text to its
/// visitor (serde_json's `raw_value` feature).
const RAW_TOKEN: &str = "$serde_json::private::RawValue";

/// Deepest nesting inside an extension value: the core's JSON limit.
const MAX_DEPTH: usize = 128;

/// Free-form vendor data attached to an entity: an ordered JSON object that
/// round-trips untouched (key order, number text) and is never interpreted
/// by the engine. A key repeated in any object inside is refused.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extensions(Vec<(String, ExtValue)>);

/// One JSON value inside [`Extensions`].
#[derive(Debug, Clone, PartialEq)]
pub enum ExtValue {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as its exact JSON text (e.g. `123456789012345678901234567890`).
    Number(String),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<ExtValue>),
    /// An object, keys in their written order.
    Object(Extensions),
}

impl Extensions {
    /// No entries.
    pub fn new() -> Self {
        Self(Vec::new())
    }
    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// The value under `key`.
    pub fn get(&self, key: &str) -> Option<&ExtValue> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    /// Entries in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &ExtValue)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
    /// Sets `key` to `value`, replacing an existing entry in place or adding
    /// it at the end.
    pub fn insert(&mut self, key: impl Into<String>, value: ExtValue) {
        let key = key.into();
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.0.push((key, value)),
        }
    }
}

impl ExtValue {
    /// The value as a `serde_json::Value` (numbers beyond `f64` lose digits).
    pub fn to_json_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

impl From<serde_json::Value> for ExtValue {
    fn from(v: serde_json::Value) -> Self {
        use serde_json::Value as V;
        match v {
            V::Null => Self::Null,
            V::Bool(b) => Self::Bool(b),
            V::Number(n) => Self::Number(n.to_string()),
            V::String(s) => Self::String(s),
            V::Array(a) => Self::Array(a.into_iter().map(Into::into).collect()),
            V::Object(o) => Self::Object(Extensions(o.into_iter().map(|(k, v)| (k, v.into())).collect())),
        }
    }
}

impl Serialize for Extensions {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl Serialize for ExtValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Null => s.serialize_unit(),
            Self::Bool(b) => s.serialize_bool(*b),
            Self::String(t) => s.serialize_str(t),
            Self::Array(a) => {
                let mut q = s.serialize_seq(Some(a.len()))?;
                for v in a {
                    q.serialize_element(v)?;
                }
                q.end()
            }
            Self::Object(o) => o.serialize(s),
            Self::Number(text) => serialize_number(text, s),
        }
    }
}

/// Writes a number so that serde_json prints exactly `text`: as an integer
/// or a float when that prints the same digits (every serializer then sees a
/// plain number), otherwise as raw JSON text, which serde_json writes
/// verbatim (another serializer sees serde_json's raw-value struct).
fn serialize_number<S: Serializer>(text: &str, s: S) -> Result<S::Ok, S::Error> {
    if let Ok(i) = text.parse::<i64>()
        && i.to_string() == text
    {
        return s.serialize_i64(i);
    }
    if let Ok(u) = text.parse::<u64>()
        && u.to_string() == text
    {
        return s.serialize_u64(u);
    }
    if let Ok(f) = text.parse::<f64>()
        && f.is_finite()
        && serde_json::to_string(&f).is_ok_and(|t| t == text)
    {
        return s.serialize_f64(f);
    }
    match serde_json::value::RawValue::from_string(text.to_owned()) {
        Ok(raw) => raw.serialize(s),
        Err(e) => Err(serde::ser::Error::custom(format!("invalid number text {text:?}: {e}"))),
    }
}

impl<'de> Deserialize<'de> for Extensions {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Read as a map so that each entry's value is captured on its own
        // and an error names its key in the path.
        d.deserialize_map(ObjectVisitor)
    }
}

struct ObjectVisitor;

impl<'de> Visitor<'de> for ObjectVisitor {
    type Value = Extensions;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object of vendor data")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Extensions, A::Error> {
        let first = map.next_key::<String>()?;
        read_object(first, map)
    }
}

/// The entries of an object whose first key (`None`: empty) was read
/// already; a repeated key is refused.
fn read_object<'de, A: MapAccess<'de>>(first: Option<String>, mut map: A) -> Result<Extensions, A::Error> {
    let mut out: Vec<(String, ExtValue)> = Vec::new();
    let mut key = first;
    while let Some(k) = key {
        if out.iter().any(|(seen, _)| *seen == k) {
            return Err(de::Error::custom(format!("duplicate key `{k}`")));
        }
        let v = map.next_value::<ExtValue>()?;
        out.push((k, v));
        key = map.next_key::<String>()?;
    }
    Ok(Extensions(out))
}

impl<'de> Deserialize<'de> for ExtValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // serde_json answers with the raw text (visit_map with RAW_TOKEN);
        // other deserializers call visit_newtype_struct with themselves.
        d.deserialize_newtype_struct(RAW_TOKEN, ExtVisitor)
    }
}

struct ExtVisitor;

impl<'de> Visitor<'de> for ExtVisitor {
    type Value = ExtValue;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<ExtValue, D::Error> {
        d.deserialize_any(ExtVisitor)
    }
    fn visit_unit<E>(self) -> Result<ExtValue, E> {
        Ok(ExtValue::Null)
    }
    fn visit_none<E>(self) -> Result<ExtValue, E> {
        Ok(ExtValue::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<ExtValue, D::Error> {
        ExtValue::deserialize(d)
    }
    fn visit_bool<E>(self, b: bool) -> Result<ExtValue, E> {
        Ok(ExtValue::Bool(b))
    }
    fn visit_i64<E>(self, i: i64) -> Result<ExtValue, E> {
        Ok(ExtValue::Number(i.to_string()))
    }
    fn visit_u64<E>(self, u: u64) -> Result<ExtValue, E> {
        Ok(ExtValue::Number(u.to_string()))
    }
    fn visit_i128<E>(self, i: i128) -> Result<ExtValue, E> {
        Ok(ExtValue::Number(i.to_string()))
    }
    fn visit_u128<E>(self, u: u128) -> Result<ExtValue, E> {
        Ok(ExtValue::Number(u.to_string()))
    }
    fn visit_f64<E: de::Error>(self, f: f64) -> Result<ExtValue, E> {
        if !f.is_finite() {
            return Err(E::custom("NaN and Infinity are not JSON numbers"));
        }
        serde_json::to_string(&f).map(ExtValue::Number).map_err(E::custom)
    }
    fn visit_str<E>(self, s: &str) -> Result<ExtValue, E> {
        Ok(ExtValue::String(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<ExtValue, E> {
        Ok(ExtValue::String(s))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ExtValue, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element::<ExtValue>()? {
            out.push(v);
        }
        Ok(ExtValue::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ExtValue, A::Error> {
        let Some(first) = map.next_key::<String>()? else {
            return Ok(ExtValue::Object(Extensions::new()));
        };
        if first == RAW_TOKEN {
            let raw = map.next_value_seed(RawText)?;
            return parse_raw(&raw).map_err(de::Error::custom);
        }
        read_object(Some(first), map).map(ExtValue::Object)
    }
}

/// The raw text serde_json hands over, borrowed or owned.
struct RawText;

impl<'de> DeserializeSeed<'de> for RawText {
    type Value = String;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        String::deserialize(d)
    }
}

/// Reads serde_json-checked raw JSON text into a value, keeping number text
/// and refusing repeated keys (named with their path inside the value).
fn parse_raw(text: &str) -> Result<ExtValue, String> {
    let mut r = Raw { b: text.as_bytes(), t: text, i: 0 };
    let v = r.value(0, &mut String::new())?;
    Ok(v)
}

struct Raw<'a> {
    b: &'a [u8],
    t: &'a str,
    i: usize,
}

impl Raw<'_> {
    fn ws(&mut self) {
        while matches!(self.b.get(self.i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn string(&mut self) -> Result<String, String> {
        let start = self.i;
        self.i += 1;
        while let Some(&c) = self.b.get(self.i) {
            match c {
                b'\\' => self.i += 2,
                b'"' => {
                    self.i += 1;
                    let lit = &self.t[start..self.i];
                    return serde_json::from_str::<String>(lit).map_err(|e| e.to_string());
                }
                _ => self.i += 1,
            }
        }
        Err("unterminated string".into())
    }

    fn value(&mut self, depth: usize, path: &mut String) -> Result<ExtValue, String> {
        if depth > MAX_DEPTH {
            return Err(format!("vendor data nested deeper than {MAX_DEPTH} levels"));
        }
        self.ws();
        let Some(&c) = self.b.get(self.i) else { return Err("unexpected end of value".into()) };
        match c {
            b'n' => {
                self.i += 4;
                Ok(ExtValue::Null)
            }
            b't' => {
                self.i += 4;
                Ok(ExtValue::Bool(true))
            }
            b'f' => {
                self.i += 5;
                Ok(ExtValue::Bool(false))
            }
            b'"' => self.string().map(ExtValue::String),
            b'[' => {
                self.i += 1;
                let mut out = Vec::new();
                loop {
                    self.ws();
                    match self.b.get(self.i) {
                        Some(b']') => {
                            self.i += 1;
                            return Ok(ExtValue::Array(out));
                        }
                        Some(b',') => self.i += 1,
                        _ => {
                            let len = path.len();
                            path.push_str(&format!("[{}]", out.len()));
                            out.push(self.value(depth + 1, path)?);
                            path.truncate(len);
                        }
                    }
                }
            }
            b'{' => {
                self.i += 1;
                let mut out: Vec<(String, ExtValue)> = Vec::new();
                loop {
                    self.ws();
                    match self.b.get(self.i) {
                        Some(b'}') => {
                            self.i += 1;
                            return Ok(ExtValue::Object(Extensions(out)));
                        }
                        Some(b',') => self.i += 1,
                        Some(b'"') => {
                            let k = self.string()?;
                            let len = path.len();
                            path.push('.');
                            path.push_str(&k);
                            if out.iter().any(|(seen, _)| *seen == k) {
                                return Err(format!(
                                    "duplicate key `{k}` (at `{}` inside this value)",
                                    path.strip_prefix('.').unwrap_or(path)
                                ));
                            }
                            self.ws();
                            self.i += 1; // ':'
                            let v = self.value(depth + 1, path)?;
                            path.truncate(len);
                            out.push((k, v));
                        }
                        _ => return Err(format!("unexpected byte at offset {} of the value", self.i)),
                    }
                }
            }
            _ => {
                let start = self.i;
                while matches!(self.b.get(self.i), Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')) {
                    self.i += 1;
                }
                if start == self.i {
                    return Err(format!("unexpected byte at offset {start} of the value"));
                }
                Ok(ExtValue::Number(self.t[start..self.i].to_owned()))
            }
        }
    }
}

impl JsonSchema for Extensions {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        <serde_json::Map<String, serde_json::Value> as JsonSchema>::schema_name()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <serde_json::Map<String, serde_json::Value> as JsonSchema>::json_schema(generator)
    }
    fn inline_schema() -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(ext: &str) -> String {
        let e: Extensions = serde_json::from_str(ext).unwrap();
        serde_json::to_string(&e).unwrap()
    }

    #[test]
    fn numbers_keep_their_exact_text() {
        let text = r#"{"big":123456789012345678901234567890,"neg":-98765432109876543210987,"dec":0.12345678901234567890123,"e":1E400,"z":-0,"f":1.50,"plain":[1,2.5,-3,1e20]}"#;
        assert_eq!(round_trip(text), text);
    }

    #[test]
    fn repeated_keys_are_refused_anywhere() {
        for (text, key) in [
            (r#"{"a":1,"a":2}"#, "a"),
            (r#"{"a":{"b":1,"c":{"d":1,"d":2}}}"#, "d"),
            (r#"{"a":[{"x":1},{"y":1,"y":1}]}"#, "y"),
        ] {
            let err = serde_json::from_str::<Extensions>(text).unwrap_err().to_string();
            assert!(err.contains(&format!("duplicate key `{key}`")), "{text}: {err}");
        }
        let err = serde_json::from_str::<Extensions>(r#"{"a":{"b":[0,{"c":1,"c":2}]}}"#).unwrap_err().to_string();
        assert!(err.contains("at `b[1].c`"), "{err}");
        let err = serde_json::from_str::<Extensions>(r#"{"a":[{"c":1,"c":2}]}"#).unwrap_err().to_string();
        assert!(err.contains("at `[0].c`"), "{err}");
    }

    #[test]
    fn a_non_json_deserializer_gives_the_same_values() {
        let v = serde_json::json!({"k": [1, -2, 2.5, "s", null, true, {"n": 18446744073709551615u64}]});
        let from_value: Extensions = serde_json::from_value(v.clone()).unwrap();
        let from_text: Extensions = serde_json::from_str(&v.to_string()).unwrap();
        assert_eq!(from_value, from_text);
        assert_eq!(serde_json::to_value(&from_value).unwrap(), v);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(200), "]".repeat(200));
        // serde_json's own recursion limit or ours: either way an error, no overflow.
        assert!(serde_json::from_str::<Extensions>(&deep).is_err());
    }

    #[test]
    fn not_an_object_is_refused() {
        assert!(serde_json::from_str::<Extensions>("[1]").is_err());
        assert!(serde_json::from_str::<Extensions>("3").is_err());
    }
}
