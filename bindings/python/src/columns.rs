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
use std::fmt::{self, Display, Write as _};

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;
use serde::Serialize;
use serde::ser::{self, Impossible};
use serde_json::Value as Json;

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
    /// `i64::MAX` and none is negative, as pandas infers `uint64`); `f8` for
    /// numbers (NaN for null); `str` for strings (-1 for null); anything else
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

/// A position in the rows' shape: the root, or a field of its parent.
struct Node {
    /// Flattened name (`inherent_level`).
    name: String,
    /// The column of a leaf at this position.
    column: Option<usize>,
    /// `(key, address of the key's bytes, node)`. Field names are
    /// `&'static str`, so the address alone usually identifies the field.
    children: Vec<(Box<str>, usize, usize)>,
    /// Where the next child is expected: fields come in the same order in
    /// every row, so it is usually found without searching or comparing text.
    cursor: usize,
}

/// Writes rows into columns.
struct Builder {
    columns: Vec<Column>,
    nodes: Vec<Node>,
    current: usize,
    row: usize,
    /// Expected number of rows (the array's length), to size columns once.
    rows: usize,
    scratch: String,
}

const ROOT: usize = 0;

impl Builder {
    fn new(rows: usize) -> Self {
        let root = Node { name: String::new(), column: None, children: Vec::new(), cursor: 0 };
        Self { columns: Vec::new(), nodes: vec![root], current: ROOT, row: 0, rows, scratch: String::new() }
    }

    #[inline]
    fn column(&mut self) -> usize {
        match self.nodes[self.current].column {
            Some(c) => c,
            None => self.new_column(),
        }
    }

    #[cold]
    #[inline(never)]
    fn new_column(&mut self) -> usize {
        let c = self.columns.len();
        let name = self.nodes[self.current].name.clone();
        self.columns.push(Column::new(name, self.rows));
        self.nodes[self.current].column = Some(c);
        c
    }

    #[inline]
    fn put(&mut self, c: usize, cell: Cell) {
        let row = self.row;
        let cells = &mut self.columns[c].cells;
        if cells.len() == row {
            cells.push(cell);
        } else {
            put_out_of_step(cells, row, cell);
        }
    }

    fn leaf(&mut self, cell: Cell) {
        if self.current == ROOT {
            // A scalar row: the column `value`.
            let back = self.push("value");
            self.leaf(cell);
            return self.pop(back);
        }
        let c = self.column();
        self.put(c, cell);
    }

    fn string(&mut self, s: &str) {
        if self.current == ROOT {
            let back = self.push("value");
            self.string(s);
            return self.pop(back);
        }
        let c = self.column();
        let i = self.columns[c].labels.intern(s, self.row);
        self.put(c, Cell::Str(i));
    }

    /// Moves to field `key` of the current position; returns where to go
    /// back to. `key` is a field or variant name (`&'static str`), so the
    /// child is found by the address of its name.
    #[inline]
    fn push(&mut self, key: &'static str) -> usize {
        let back = self.current;
        let node = &mut self.nodes[back];
        if let Some(&(ref k, addr, id)) = node.children.get(node.cursor) {
            if addr == key.as_ptr() as usize && k.len() == key.len() {
                node.cursor += 1;
                self.current = id;
                return back;
            }
        }
        self.find_child(key, key.as_ptr() as usize)
    }

    /// Like [`Builder::push`] for a map key, whose text is compared (the
    /// address of a transient string says nothing).
    fn push_key(&mut self, key: &str) -> usize {
        self.find_child(key, 0)
    }

    /// The child `key` of the current position, created if new; `addr` is
    /// the address of a `&'static str` key, or 0.
    #[inline(never)]
    fn find_child(&mut self, key: &str, addr: usize) -> usize {
        let back = self.current;
        let next_id = self.nodes.len();
        let node = &mut self.nodes[back];
        let same = |c: &(Box<str>, usize, usize)| (addr != 0 && c.1 == addr && c.0.len() == key.len()) || &*c.0 == key;
        self.current = match node.children.iter().position(same) {
            Some(i) => {
                node.cursor = i + 1;
                node.children[i].2
            }
            None => {
                let id = next_id;
                node.children.push((key.into(), addr, id));
                node.cursor = node.children.len();
                let name = if node.name.is_empty() { key.to_owned() } else { format!("{}_{key}", node.name) };
                self.nodes.push(Node { name, column: None, children: Vec::new(), cursor: 0 });
                id
            }
        };
        back
    }

    fn pop(&mut self, back: usize) {
        self.current = back;
    }

    fn end_row(&mut self) {
        self.row += 1;
    }

    fn finish(mut self) -> Vec<Column> {
        for col in &mut self.columns {
            col.cells.resize(self.row, Cell::Null);
        }
        self.columns
    }
}

/// A cell for a column that missed rows (first seen late, or absent in some
/// rows) or already has one for this row (the same name twice in a row: the
/// last value wins, as in a JSON object).
#[cold]
#[inline(never)]
fn put_out_of_step(cells: &mut Vec<Cell>, row: usize, cell: Cell) {
    cells.truncate(row);
    cells.resize(row, Cell::Null);
    cells.push(cell);
}

fn obj<T: Serialize + ?Sized>(v: &T) -> Result<Cell> {
    serde_json::to_value(v).map(|j| Cell::Obj(Box::new(j))).map_err(|e| Error(e.to_string()))
}

impl<'a> ser::Serializer for &'a mut Builder {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Collect<'a>;
    type SerializeTuple = Collect<'a>;
    type SerializeTupleStruct = Collect<'a>;
    type SerializeTupleVariant = Collect<'a>;
    type SerializeMap = Fields<'a>;
    type SerializeStruct = Fields<'a>;
    type SerializeStructVariant = Fields<'a>;

    fn serialize_bool(self, v: bool) -> Result<()> {
        self.leaf(Cell::Bool(v));
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<()> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<()> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<()> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<()> {
        self.leaf(Cell::Int(v));
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<()> {
        match i64::try_from(v) {
            Ok(i) => self.serialize_i64(i),
            Err(_) => self.serialize_f64(v as f64),
        }
    }
    fn serialize_u8(self, v: u8) -> Result<()> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<()> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<()> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<()> {
        match i64::try_from(v) {
            Ok(i) => self.serialize_i64(i),
            Err(_) => {
                self.leaf(Cell::UInt(v));
                Ok(())
            }
        }
    }
    fn serialize_u128(self, v: u128) -> Result<()> {
        match u64::try_from(v) {
            Ok(u) => self.serialize_u64(u),
            Err(_) => self.serialize_f64(v as f64),
        }
    }
    fn serialize_f32(self, v: f32) -> Result<()> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<()> {
        self.leaf(if v.is_finite() { Cell::Float(v) } else { Cell::Null });
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<()> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<()> {
        self.string(v);
        Ok(())
    }
    fn collect_str<T: Display + ?Sized>(self, v: &T) -> Result<()> {
        // Dates arrive here; format into a reused buffer, not a new String each.
        let mut s = std::mem::take(&mut self.scratch);
        s.clear();
        let _ = write!(s, "{v}");
        self.string(&s);
        self.scratch = s;
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<()> {
        let cell = obj(v)?;
        self.leaf(cell);
        Ok(())
    }
    fn serialize_none(self) -> Result<()> {
        self.leaf(Cell::Null);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<()> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<()> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<()> {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<()> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result<()> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<()> {
        // JSON `{"variant": v}`: a nested object.
        let len = self.push(variant);
        v.serialize(&mut *self)?;
        self.pop(len);
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Collect<'a>> {
        Ok(Collect::new(self, None))
    }
    fn serialize_tuple(self, len: usize) -> Result<Collect<'a>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Collect<'a>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, variant: &'static str, _: usize) -> Result<Collect<'a>> {
        let pop = Some(self.push(variant));
        Ok(Collect::new(self, pop))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Fields<'a>> {
        Ok(Fields { b: self, key: None, pop: None })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Fields<'a>> {
        Ok(Fields { b: self, key: None, pop: None })
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, variant: &'static str, _: usize) -> Result<Fields<'a>> {
        let pop = Some(self.push(variant));
        Ok(Fields { b: self, key: None, pop })
    }
}

/// An array cell: scalars as cells in the column's items (strings interned
/// with the column's), or, from the first element that is not a scalar on,
/// the whole array in its JSON shape.
pub struct Collect<'a> {
    b: &'a mut Builder,
    col: usize,
    start: usize,
    json: Option<Vec<Json>>,
    pop: Option<usize>,
}

impl<'a> Collect<'a> {
    fn new(b: &'a mut Builder, pop: Option<usize>) -> Self {
        // A scalar row that is an array: the column `value`.
        let pop = if b.current == ROOT { Some(b.push("value")) } else { pop };
        let col = b.column();
        let start = b.columns[col].items.len();
        Self { b, col, start, json: None, pop }
    }

    fn element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<()> {
        if let Some(items) = &mut self.json {
            items.push(serde_json::to_value(v).map_err(|e| Error(e.to_string()))?);
            return Ok(());
        }
        let row = self.b.row;
        let column = &mut self.b.columns[self.col];
        match v.serialize(Scalar { col: column, row }) {
            Ok(cell) => column.items.push(cell),
            Err(e) if e.0 == NOT_FOUND => {
                // Not a scalar: this array keeps its JSON shape.
                let mut items: Vec<Json> =
                    column.items.drain(self.start..).map(|c| c.scalar_json(&column.labels)).collect();
                items.push(serde_json::to_value(v).map_err(|e| Error(e.to_string()))?);
                self.json = Some(items);
            }
            Err(e) => return Err(e),
        }
        Ok(())
    }

    fn finish(self) -> Result<()> {
        let cell = match self.json {
            Some(items) => Cell::Obj(Box::new(Json::Array(items))),
            None => {
                let end = self.b.columns[self.col].items.len();
                let n = |x: usize| u32::try_from(x).map_err(|_| Error("too many list items".into()));
                Cell::List { start: n(self.start)?, len: n(end - self.start)? }
            }
        };
        self.b.put(self.col, cell);
        if let Some(len) = self.pop {
            self.b.pop(len);
        }
        Ok(())
    }
}

impl ser::SerializeSeq for Collect<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<()> {
        self.element(v)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

impl ser::SerializeTuple for Collect<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<()> {
        self.element(v)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

impl ser::SerializeTupleStruct for Collect<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<()> {
        self.element(v)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

impl ser::SerializeTupleVariant for Collect<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<()> {
        self.element(v)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

/// One element of an array: a scalar cell, or [`not_found`] for anything
/// compound (the array then keeps its JSON shape).
struct Scalar<'c> {
    col: &'c mut Column,
    row: usize,
}

impl Scalar<'_> {
    fn string(self, s: &str) -> Result<Cell> {
        Ok(Cell::Str(self.col.labels.intern(s, self.row)))
    }
}

impl<'c> ser::Serializer for Scalar<'c> {
    type Ok = Cell;
    type Error = Error;
    type SerializeSeq = Impossible<Cell, Error>;
    type SerializeTuple = Impossible<Cell, Error>;
    type SerializeTupleStruct = Impossible<Cell, Error>;
    type SerializeTupleVariant = Impossible<Cell, Error>;
    type SerializeMap = Impossible<Cell, Error>;
    type SerializeStruct = Impossible<Cell, Error>;
    type SerializeStructVariant = Impossible<Cell, Error>;

    fn serialize_bool(self, v: bool) -> Result<Cell> {
        Ok(Cell::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Cell> {
        Ok(Cell::Int(i64::from(v)))
    }
    fn serialize_i16(self, v: i16) -> Result<Cell> {
        Ok(Cell::Int(i64::from(v)))
    }
    fn serialize_i32(self, v: i32) -> Result<Cell> {
        Ok(Cell::Int(i64::from(v)))
    }
    fn serialize_i64(self, v: i64) -> Result<Cell> {
        Ok(Cell::Int(v))
    }
    fn serialize_u8(self, v: u8) -> Result<Cell> {
        Ok(Cell::Int(i64::from(v)))
    }
    fn serialize_u16(self, v: u16) -> Result<Cell> {
        Ok(Cell::Int(i64::from(v)))
    }
    fn serialize_u32(self, v: u32) -> Result<Cell> {
        Ok(Cell::Int(i64::from(v)))
    }
    fn serialize_u64(self, v: u64) -> Result<Cell> {
        Ok(i64::try_from(v).map_or(Cell::UInt(v), Cell::Int))
    }
    fn serialize_f32(self, v: f32) -> Result<Cell> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<Cell> {
        Ok(if v.is_finite() { Cell::Float(v) } else { Cell::Null })
    }
    fn serialize_char(self, v: char) -> Result<Cell> {
        self.string(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<Cell> {
        self.string(v)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<Cell> {
        not_found()
    }
    fn serialize_none(self) -> Result<Cell> {
        Ok(Cell::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<Cell> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<Cell> {
        Ok(Cell::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Cell> {
        Ok(Cell::Null)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<Cell> {
        self.string(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result<Cell> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Cell> {
        not_found()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq> {
        not_found()
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        not_found()
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct> {
        not_found()
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        not_found()
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        not_found()
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct> {
        not_found()
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        not_found()
    }
}

/// An object: its fields are flattened into `parent_child` columns.
pub struct Fields<'a> {
    b: &'a mut Builder,
    key: Option<String>,
    pop: Option<usize>,
}

impl Fields<'_> {
    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<()> {
        let back = self.b.push(key);
        v.serialize(&mut *self.b)?;
        self.b.pop(back);
        Ok(())
    }

    fn entry<T: Serialize + ?Sized>(&mut self, key: &str, v: &T) -> Result<()> {
        let back = self.b.push_key(key);
        v.serialize(&mut *self.b)?;
        self.b.pop(back);
        Ok(())
    }

    fn finish(self) -> Result<()> {
        if let Some(len) = self.pop {
            self.b.pop(len);
        }
        Ok(())
    }
}

impl ser::SerializeStruct for Fields<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<()> {
        self.field(key, v)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

impl ser::SerializeStructVariant for Fields<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<()> {
        self.field(key, v)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

impl ser::SerializeMap for Fields<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.key = Some(key.serialize(KeyString)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<()> {
        let key = self.key.take().ok_or_else(|| Error("map value without a key".into()))?;
        self.entry(&key, v)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

/// The top level: finds field `key` and hands its value to [`Rows`].
struct Top<'k> {
    key: &'k str,
    fields: usize,
    found: Option<Vec<Column>>,
}

impl Top<'_> {
    fn field<T: Serialize + ?Sized>(&mut self, key: &str, v: &T) -> Result<()> {
        self.fields += 1;
        if key == self.key && self.found.is_none() {
            match v.serialize(Rows) {
                Ok(found) => self.found = found,
                Err(e) if e.0 == NOT_FOUND => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}

/// Implements the scalar methods of a serializer that only looks for
/// structure: a scalar is "not what we look for", `Ok($none)`.
macro_rules! scalars_are_not_found {
    ($none:expr) => {
        fn serialize_bool(self, _: bool) -> Result<Self::Ok> {
            Ok($none)
        }
        fn serialize_i8(self, _: i8) -> Result<Self::Ok> {
            Ok($none)
        }
        fn serialize_i16(self, _: i16) -> Result<Self::Ok> {
            Ok($none)
        }
        fn serialize_i32(self, _: i32) -> Result<Self::Ok> {
            Ok($none)
        }
        fn serialize_i64(self, _: i64) -> Result<Self::Ok> {
            Ok($none)
        }
        fn serialize_u8(self, _: u8) -> Result<Self::Ok> {
            Ok($none)
        }
        fn serialize_u16(self, _: u16) -> Result<Self::Ok> {
            Ok($none)
        }
        fn serialize_u32(self, _: u32) -> Result<Self::Ok> {
            Ok($none)
        }
        fn serialize_u64(self, _: u64) -> Result<Self::Ok> {
            Ok($none)
        }
        fn serialize_f32(self, _: f32) -> Result<Self::Ok> {
            Ok($none)
        }
        fn serialize_f64(self, _: f64) -> Result<Self::Ok> {
            Ok($none)
        }
        fn serialize_char(self, _: char) -> Result<Self::Ok> {
            Ok($none)
        }
        fn serialize_str(self, _: &str) -> Result<Self::Ok> {
            Ok($none)
        }
        fn serialize_bytes(self, _: &[u8]) -> Result<Self::Ok> {
            Ok($none)
        }
        fn serialize_none(self) -> Result<Self::Ok> {
            Ok($none)
        }
        fn serialize_unit(self) -> Result<Self::Ok> {
            Ok($none)
        }
        fn serialize_unit_struct(self, _: &'static str) -> Result<Self::Ok> {
            Ok($none)
        }
        fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<Self::Ok> {
            Ok($none)
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<Self::Ok> {
            Ok($none)
        }
    };
}

/// Compound shapes a structure-seeking serializer does not descend into.
fn not_found<T>() -> Result<T> {
    Err(Error(NOT_FOUND.into()))
}

/// Marker message of [`not_found`]: the value is not of the shape looked for.
const NOT_FOUND: &str = "\u{0}not a table";

impl<'a, 'k> ser::Serializer for &'a mut Top<'k> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = TopFields<'a, 'k>;
    type SerializeStruct = TopFields<'a, 'k>;
    type SerializeStructVariant = Impossible<(), Error>;

    scalars_are_not_found!(());

    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<()> {
        v.serialize(self)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result<()> {
        v.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq> {
        not_found()
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        not_found()
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct> {
        not_found()
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        not_found()
    }
    fn serialize_map(self, _: Option<usize>) -> Result<TopFields<'a, 'k>> {
        Ok(TopFields { top: self, key: None })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<TopFields<'a, 'k>> {
        Ok(TopFields { top: self, key: None })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        not_found()
    }
}

/// The fields of the top-level object.
struct TopFields<'a, 'k> {
    top: &'a mut Top<'k>,
    key: Option<String>,
}

impl ser::SerializeStruct for TopFields<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<()> {
        self.top.field(key, v)
    }
    fn end(self) -> Result<()> {
        Ok(())
    }
}

impl ser::SerializeMap for TopFields<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.key = Some(key.serialize(KeyString)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<()> {
        let key = self.key.take().ok_or_else(|| Error("map value without a key".into()))?;
        self.top.field(&key, v)
    }
    fn end(self) -> Result<()> {
        Ok(())
    }
}

/// The value of the table's field: an array becomes columns, anything else
/// is `None` (not a table).
struct Rows;

impl ser::Serializer for Rows {
    type Ok = Option<Vec<Column>>;
    type Error = Error;
    type SerializeSeq = RowWriter;
    type SerializeTuple = RowWriter;
    type SerializeTupleStruct = Impossible<Self::Ok, Error>;
    type SerializeTupleVariant = Impossible<Self::Ok, Error>;
    type SerializeMap = Impossible<Self::Ok, Error>;
    type SerializeStruct = Impossible<Self::Ok, Error>;
    type SerializeStructVariant = Impossible<Self::Ok, Error>;

    scalars_are_not_found!(None);

    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<Self::Ok> {
        v.serialize(self)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result<Self::Ok> {
        v.serialize(self)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<RowWriter> {
        Ok(RowWriter(Builder::new(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<RowWriter> {
        Ok(RowWriter(Builder::new(len)))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct> {
        not_found()
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        not_found()
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        not_found()
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct> {
        not_found()
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        not_found()
    }
}

/// Writes each element of the table's array as one row.
struct RowWriter(Builder);

impl ser::SerializeSeq for RowWriter {
    type Ok = Option<Vec<Column>>;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<()> {
        v.serialize(&mut self.0)?;
        self.0.end_row();
        Ok(())
    }
    fn end(self) -> Result<Self::Ok> {
        Ok(Some(self.0.finish()))
    }
}

impl ser::SerializeTuple for RowWriter {
    type Ok = Option<Vec<Column>>;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<()> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<Self::Ok> {
        ser::SerializeSeq::end(self)
    }
}

/// A map key as a string, as JSON writes it (numbers and booleans are quoted).
struct KeyString;

impl ser::Serializer for KeyString {
    type Ok = String;
    type Error = Error;
    type SerializeSeq = Impossible<String, Error>;
    type SerializeTuple = Impossible<String, Error>;
    type SerializeTupleStruct = Impossible<String, Error>;
    type SerializeTupleVariant = Impossible<String, Error>;
    type SerializeMap = Impossible<String, Error>;
    type SerializeStruct = Impossible<String, Error>;
    type SerializeStructVariant = Impossible<String, Error>;

    fn serialize_bool(self, v: bool) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_i8(self, v: i8) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_f32(self, v: f32) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_f64(self, v: f64) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_char(self, v: char) -> Result<String> {
        Ok(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Result<String> {
        Ok(v.to_owned())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<String> {
        Err(Error("a map key must be a string".into()))
    }
    fn serialize_none(self) -> Result<String> {
        Err(Error("a map key must be a string".into()))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<String> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<String> {
        Err(Error("a map key must be a string".into()))
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String> {
        Err(Error("a map key must be a string".into()))
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<String> {
        Ok(variant.to_owned())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result<String> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String> {
        Err(Error("a map key must be a string".into()))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(Error("a map key must be a string".into()))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        Err(Error("a map key must be a string".into()))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct> {
        Err(Error("a map key must be a string".into()))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(Error("a map key must be a string".into()))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        Err(Error("a map key must be a string".into()))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct> {
        Err(Error("a map key must be a string".into()))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(Error("a map key must be a string".into()))
    }
}

#[cfg(test)]
mod tests {
    //! The typed writer against the JSON walk it replaces: the same columns,
    //! in the same order, with the same cells, for every table of real core
    //! results and for shapes the core does not produce today.
    use super::*;
    use isms_core::model::Date;
    use std::collections::HashMap;

    /// The previous implementation: walk the `serde_json::Value` of the
    /// result, a column per leaf path, in order of first appearance.
    fn oracle(rows: &[Json]) -> Vec<(String, Vec<Json>)> {
        fn walk<'a>(v: &'a Json, path: &mut Vec<&'a str>, row: usize, out: &mut Vec<(Vec<&'a str>, Vec<Json>)>) {
            match v {
                Json::Object(map) => {
                    for (k, child) in map {
                        path.push(k);
                        walk(child, path, row, out);
                        path.pop();
                    }
                }
                leaf => {
                    let p: Vec<&str> = if path.is_empty() { vec!["value"] } else { path.clone() };
                    let i = match out.iter().position(|(q, _)| *q == p) {
                        Some(i) => i,
                        None => {
                            out.push((p, Vec::new()));
                            out.len() - 1
                        }
                    };
                    out[i].1.resize(row, Json::Null);
                    out[i].1.push(leaf.clone());
                }
            }
        }
        let mut out = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            walk(row, &mut Vec::new(), i, &mut out);
        }
        out.into_iter()
            .map(|(p, mut cells)| {
                cells.resize(rows.len(), Json::Null);
                (p.join("_"), cells)
            })
            .collect()
    }

    fn as_json(col: &Column) -> Vec<Json> {
        col.cells
            .iter()
            .map(|c| match c {
                Cell::Null => Json::Null,
                Cell::Bool(b) => Json::from(*b),
                Cell::Int(i) => Json::from(*i),
                Cell::UInt(u) => Json::from(*u),
                Cell::Float(x) => Json::from(*x),
                Cell::Str(i) => Json::from(col.labels.get(*i as usize)),
                Cell::List { start, len } => Json::Array(
                    col.items[*start as usize..(*start + *len) as usize]
                        .iter()
                        .map(|c| c.scalar_json(&col.labels))
                        .collect(),
                ),
                Cell::Obj(j) => (**j).clone(),
            })
            .collect()
    }

    /// Every top-level array of `value` gives the oracle's columns.
    fn same_as_oracle<T: Serialize>(value: &T) -> usize {
        let json = serde_json::to_value(value).expect("serialisable");
        let mut tables = 0;
        for (key, field) in json.as_object().expect("an object") {
            let (_, got) = table(value, key).expect("columns");
            match field.as_array() {
                None => assert!(got.is_none(), "{key} is not an array"),
                Some(rows) => {
                    let got = got.expect("a table");
                    let got: Vec<(String, Vec<Json>)> = got.iter().map(|c| (c.name.clone(), as_json(c))).collect();
                    assert_eq!(got, oracle(rows), "table {key}");
                    tables += 1;
                }
            }
        }
        tables
    }

    fn northwind() -> isms_core::Document {
        isms_core::json::parse_document(include_str!("../../../examples/northwind-saas.json")).expect("example parses")
    }

    #[test]
    fn core_results_give_the_json_columns() {
        let doc = northwind();
        let as_of: Date = "2026-11-29".parse().expect("date");
        let later: Date = "2027-06-01".parse().expect("date");
        let mut tables = 0;
        tables += same_as_oracle(&isms_core::risk::assess(&doc, as_of).expect("assess"));
        tables += same_as_oracle(&isms_core::evaluate::evaluate(&doc, as_of).expect("evaluate"));
        tables += same_as_oracle(&isms_core::soa::statement(&doc, as_of));
        tables += same_as_oracle(&isms_core::schedule::calendar(&doc, as_of, later).expect("calendar"));
        tables += same_as_oracle(&isms_core::risk::plan::treatment_plan(&doc, as_of).expect("plan"));
        tables += same_as_oracle(&isms_core::risk::heatmap::heatmap(&doc, as_of).expect("heatmap"));
        tables += same_as_oracle(&isms_core::nc::report(&doc, as_of));
        tables += same_as_oracle(&isms_core::schedule::certification_cycle(&doc, as_of));
        tables += same_as_oracle(&isms_core::evaluate::drift_dates(&doc, as_of, later).expect("drift"));
        tables += same_as_oracle(&isms_core::roadmap::roadmap(&doc, as_of).expect("roadmap"));
        assert!(tables >= 20, "only {tables} tables compared");
    }

    #[derive(Serialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Unit,
        New(u8),
        Tuple(u8, u8),
        Struct { a: Option<u8> },
    }

    #[derive(Serialize)]
    struct Row {
        id: String,
        big: u64,
        x: f64,
        nested: Option<Nested>,
        kind: Kind,
        tags: Vec<String>,
        extra: HashMap<String, i32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        sometimes: Option<bool>,
        /// Arrays of scalars, of objects, of both, nested, empty.
        mixed: Json,
    }

    #[derive(Serialize)]
    struct Nested {
        level: String,
        deeper: Deeper,
    }

    #[derive(Serialize)]
    struct Deeper {
        score: i32,
    }

    #[derive(Serialize)]
    struct Result {
        name: String,
        rows: Vec<Row>,
        scalars: Vec<i32>,
        none: Option<Vec<i32>>,
    }

    #[derive(Serialize)]
    struct Many {
        rows: Vec<(String, &'static str)>,
        maps: Vec<HashMap<String, String>>,
    }

    #[test]
    fn distinct_and_repeated_strings_give_the_json_columns() {
        // Past INTERN_PROBE distinct strings a column stops interning; both
        // kinds of column must still give every cell its own string.
        let rows = (0..3000).map(|i| (format!("id-{i}"), ["low", "medium", "high"][i % 3])).collect();
        let maps = (0..3000).map(|i| HashMap::from([("id".to_owned(), format!("id-{}", i % 300))])).collect();
        let many = Many { rows, maps };
        assert_eq!(same_as_oracle(&many), 2);
        let (_, cols) = table(&many, "maps").expect("columns");
        let cols = cols.expect("a table");
        assert_eq!(cols[0].labels.len(), 300, "300 distinct values in 3000 rows stay interned");
    }

    #[test]
    fn unusual_shapes_give_the_json_columns() {
        let row = |i: u8, kind: Kind| Row {
            id: format!("r{i}"),
            big: if i == 1 { u64::MAX } else { u64::from(i) },
            x: if i == 2 { f64::NAN } else { f64::from(i) / 2.0 },
            nested: (i % 2 == 0).then(|| Nested { level: "high".into(), deeper: Deeper { score: -i32::from(i) } }),
            kind,
            tags: vec!["a".into(); usize::from(i)],
            extra: HashMap::from([(format!("k{}", i % 2), i32::from(i))]),
            sometimes: (i == 3).then_some(true),
            mixed: match i {
                0 => serde_json::json!([1, "x", null, 2.5, true]),
                1 => serde_json::json!(["x", {"a": 2}, "y"]),
                2 => serde_json::json!([]),
                3 => serde_json::json!([[1], "z"]),
                _ => serde_json::json!(["y", "x"]),
            },
        };
        let value = Result {
            name: "t".into(),
            rows: vec![
                row(0, Kind::Unit),
                row(1, Kind::New(7)),
                row(2, Kind::Tuple(1, 2)),
                row(3, Kind::Struct { a: Some(4) }),
                row(4, Kind::Struct { a: None }),
            ],
            scalars: vec![3, 1, 2],
            none: None,
        };
        assert_eq!(same_as_oracle(&value), 2);
        let (fields, cols) = table(&value, "rows").expect("columns");
        assert_eq!(fields, 4);
        let cols = cols.expect("a table");
        let kinds: Vec<(&str, &'static str)> = cols
            .iter()
            .map(|c| {
                let k = match c.clone().encode() {
                    Encoded::Bool(_) => "bool",
                    Encoded::Int(_) => "i8",
                    Encoded::UInt(_) => "u8",
                    Encoded::Float(_) => "f8",
                    Encoded::Str { .. } => "str",
                    Encoded::Obj { .. } => "obj",
                };
                (c.name.as_str(), k)
            })
            .collect();
        let kind = |n: &str| kinds.iter().find(|(m, _)| *m == n).map(|(_, k)| *k);
        assert_eq!(kind("id"), Some("str"));
        assert_eq!(kind("big"), Some("u8")); // above i64::MAX, none negative
        assert_eq!(kind("x"), Some("f8")); // NaN is null
        assert_eq!(kind("nested"), Some("obj")); // null where absent, all null
        assert_eq!(kind("nested_level"), Some("str")); // null where absent
        assert_eq!(kind("nested_deeper_score"), Some("f8")); // ints with nulls
        assert_eq!(kind("tags"), Some("obj"));
        assert_eq!(kind("sometimes"), Some("obj")); // bool with nulls
        assert_eq!(kind("kind"), Some("str")); // a string, null in the rows where it is an object
        assert_eq!(table(&value, "scalars").expect("columns").1.expect("a table")[0].name, "value");
        assert!(table(&value, "none").expect("columns").1.is_none());
        assert!(table(&value, "name").expect("columns").1.is_none());
        assert!(table(&value, "missing").expect("columns").1.is_none());
        assert!(table(&vec![1, 2], "rows").expect("columns").1.is_none());
    }
}
