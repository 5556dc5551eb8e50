//! A result's table as columns, written straight from the typed core result.
//!
//! `to_pandas()` wants one array per column. Serialising a 20,000-risk
//! register to a `serde_json::Value` tree and then walking that tree cost
//! about as much as the assessment itself (see `benches/results/python.md`).
//! Here a serde [`Serializer`](serde::Serializer) receives the typed result
//! (every core output is `Serialize`: its JSON wire shape) and writes each
//! row's leaves straight into columns: no tree, no map per row, one interned
//! label per distinct string.
//!
//! The columns are exactly those of the JSON shape: the array at a top-level
//! field is the table, one row per element; nested objects are flattened to
//! `parent_child` names, arrays are cells, `null` (and a missing field) is a
//! null cell, a scalar element is a column named `value`. Columns appear in
//! order of first appearance. [`Column::encode`] then picks the column's
//! kind by the same rules the JSON path used (see `Value.columns_encoded`).
//!
//! The pieces: this module has the columns and [`table`]; `top` walks the
//! result's top level to the table's array, `builder` writes each element
//! as a row (`builder::array`: array cells), `tests` checks it all against
//! a walk of the JSON tree.
use std::fmt::{self, Display};
use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;
use serde::Serialize;
use serde::ser;
use serde_json::Value as Json;

use top::Top;

mod builder;
mod top;

#[cfg(test)]
mod tests;

/// A serialisation error (a core type whose `Serialize` failed, or a map
/// key that is not a string or number).
#[derive(Debug)]
pub struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Self(msg.to_string())
    }
}

type Result<T> = std::result::Result<T, Error>;

/// Compound shapes a structure-seeking serializer does not descend into.
fn not_found<T>() -> Result<T> {
    Err(Error(NOT_FOUND.into()))
}

/// Marker message of [`not_found`]: the value is not of the shape looked for.
const NOT_FOUND: &str = "\u{0}not a table";

/// One cell. Strings are indices into their column's labels.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// JSON `null`, an absent field, or a non-finite float (JSON has none).
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer that fits in `i64`.
    Int(i64),
    /// An integer above `i64::MAX`.
    UInt(u64),
    /// A finite float.
    Float(f64),
    /// A string: index into [`Column::labels`].
    Str(u32),
    /// An array of scalars: `len` cells from `start` in [`Column::items`].
    List {
        /// First item.
        start: u32,
        /// Number of items.
        len: u32,
    },
    /// Any other array, in its JSON shape.
    Obj(Box<Json>),
}

impl Cell {
    /// A scalar cell in its JSON shape (`labels` resolve strings).
    pub fn scalar_json(&self, labels: &Labels) -> Json {
        match self {
            Cell::Null | Cell::List { .. } | Cell::Obj(_) => Json::Null,
            Cell::Bool(b) => Json::from(*b),
            Cell::Int(i) => Json::from(*i),
            Cell::UInt(u) => Json::from(*u),
            Cell::Float(x) => Json::from(*x),
            Cell::Str(i) => Json::from(labels.get(*i as usize)),
        }
    }
}

/// The distinct strings of a column, in one buffer, in order of first
/// appearance. A column whose strings are nearly all distinct (ids, titles)
/// stops looking them up: hashing them would save nothing.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    text: String,
    ends: Vec<usize>,
    index: HashTable<u32>,
    interning: bool,
}

impl PartialEq for Labels {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text && self.ends == other.ends
    }
}

/// Labels after which a column that keeps finding new strings stops interning.
const INTERN_PROBE: usize = 512;

impl Labels {
    fn new() -> Self {
        Self { interning: true, ..Self::default() }
    }

    /// Number of labels.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Label `i`.
    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    /// Every label, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.get(i))
    }

    fn push(&mut self, s: &str) -> u32 {
        self.text.push_str(s);
        self.ends.push(self.text.len());
        u32::try_from(self.ends.len() - 1).unwrap_or(u32::MAX)
    }

    /// The index of `s`, added if new; `rows` is the number of cells so far.
    fn intern(&mut self, s: &str, rows: usize) -> u32 {
        if !self.interning {
            return self.push(s);
        }
        let Self { text, ends, index, .. } = self;
        let label = |i: u32| {
            let i = i as usize;
            &text[if i == 0 { 0 } else { ends[i - 1] }..ends[i]]
        };
        let hash = FxBuildHasher.hash_one(s);
        if let Some(&i) = index.find(hash, |&i| label(i) == s) {
            return i;
        }
        let i = u32::try_from(ends.len()).unwrap_or(u32::MAX);
        index.insert_unique(hash, i, |&j| FxBuildHasher.hash_one(label(j)));
        self.push(s);
        if self.len() == INTERN_PROBE && rows < 2 * INTERN_PROBE {
            self.interning = false;
            self.index = HashTable::new();
        }
        i
    }
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Flattened name (`inherent_level`).
    pub name: String,
    /// One cell per row.
    pub cells: Vec<Cell>,
    /// The strings of the column (cells hold indices).
    pub labels: Labels,
    /// The items of the column's list cells, all scalars.
    pub items: Vec<Cell>,
}

/// A column encoded for numpy and pandas.
#[derive(Debug, Clone, PartialEq)]
pub enum Encoded {
    /// Booleans, no nulls.
    Bool(Vec<u8>),
    /// Integers, no nulls.
    Int(Vec<i64>),
    /// Non-negative integers, some above `i64::MAX` (seeds), no nulls.
    UInt(Vec<u64>),
    /// Integers (each fits in `i64`) with nulls: `valid` is 1 per row with
    /// a value, 0 per null (whose `values` entry is 0). pandas shows them as
    /// a nullable `Int64` column rather than floats with NaN.
    NullableInt {
        /// Per row.
        values: Vec<i64>,
        /// Per row: 1 when the value is present.
        valid: Vec<u8>,
    },
    /// Numbers, NaN for null.
    Float(Vec<f64>),
    /// Strings as indices into `labels`, -1 for null.
    Str {
        /// Per row.
        codes: Vec<i32>,
        /// The strings.
        labels: Labels,
    },
    /// Anything else: cells to become Python objects (strings index
    /// `labels`, lists index `items`).
    Obj {
        /// Per row.
        cells: Vec<Cell>,
        /// The items of list cells.
        items: Vec<Cell>,
        /// The strings.
        labels: Labels,
    },
}

impl Column {
    fn new(name: String, rows: usize) -> Self {
        Self { name, cells: Vec::with_capacity(rows), labels: Labels::new(), items: Vec::new() }
    }

    /// The column's kind, by the rules of `Value.columns_encoded`: `bool`,
    /// `i8` and `u8` only without nulls (`u8` when a value exceeds
    /// `i64::MAX` and none is negative, as pandas infers `uint64`); `i8?`
    /// for integers with nulls (a validity mask); `f8` for other numbers
    /// (NaN for null); `str` for strings (-1 for null); anything else
    /// (lists, mixed kinds, all null) as objects.
    pub fn encode(self) -> Encoded {
        let (mut nulls, mut bools, mut ints, mut negative, mut uints, mut floats, mut strs) = (0, 0, 0, 0, 0, 0, 0);
        for c in &self.cells {
            match c {
                Cell::Null => nulls += 1,
                Cell::Bool(_) => bools += 1,
                Cell::Int(i) => {
                    ints += 1;
                    negative += usize::from(*i < 0);
                }
                Cell::UInt(_) => uints += 1,
                Cell::Float(_) => floats += 1,
                Cell::Str(_) => strs += 1,
                Cell::List { .. } | Cell::Obj(_) => {}
            }
        }
        let n = self.cells.len();
        let non_null = n - nulls;
        let cells = self.cells;
        if nulls == 0 && bools == n {
            Encoded::Bool(cells.iter().map(|c| u8::from(matches!(c, Cell::Bool(true)))).collect())
        } else if nulls == 0 && ints == n && n > 0 {
            Encoded::Int(cells.iter().map(|c| if let Cell::Int(i) = c { *i } else { 0 }).collect())
        } else if nulls == 0 && uints > 0 && ints + uints == n && negative == 0 {
            let u = |c: &Cell| match c {
                Cell::Int(i) => i.unsigned_abs(),
                Cell::UInt(u) => *u,
                _ => 0,
            };
            Encoded::UInt(cells.iter().map(u).collect())
        } else if non_null > 0 && ints == non_null {
            let valid = cells.iter().map(|c| u8::from(matches!(c, Cell::Int(_)))).collect();
            Encoded::NullableInt {
                values: cells.iter().map(|c| if let Cell::Int(i) = c { *i } else { 0 }).collect(),
                valid,
            }
        } else if non_null > 0 && ints + uints + floats == non_null {
            let f = |c: &Cell| match c {
                Cell::Int(i) => *i as f64,
                Cell::UInt(u) => *u as f64,
                Cell::Float(x) => *x,
                _ => f64::NAN,
            };
            Encoded::Float(cells.iter().map(f).collect())
        } else if non_null > 0 && strs == non_null {
            let code = |c: &Cell| match c {
                Cell::Str(i) => i32::try_from(*i).unwrap_or(i32::MAX),
                _ => -1,
            };
            Encoded::Str { codes: cells.iter().map(code).collect(), labels: self.labels }
        } else {
            Encoded::Obj { cells, items: self.items, labels: self.labels }
        }
    }
}

/// The array at top-level field `key` of `value` as columns, with the number
/// of top-level fields; `None` when `value` has no such field or it is not
/// an array.
pub fn table<T: Serialize + ?Sized>(value: &T, key: &str) -> Result<(usize, Option<Vec<Column>>)> {
    let mut top = Top { key, fields: 0, found: None };
    match value.serialize(&mut top) {
        Ok(()) => Ok((top.fields, top.found)),
        Err(e) if e.0 == NOT_FOUND => Ok((top.fields, None)),
        Err(e) => Err(e),
    }
}
