//! The row writer: a serde serializer that writes each row's leaves into
//! columns, flattening nested objects to `parent_child` names.
use std::fmt::{Display, Write as _};

use serde::Serialize;
use serde::ser;

use self::array::Collect;
use super::top::KeyString;
use super::{Cell, Column, Error, Result};

mod array;

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
pub(super) struct Builder {
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
    pub(super) fn new(rows: usize) -> Self {
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

    pub(super) fn end_row(&mut self) {
        self.row += 1;
    }

    pub(super) fn finish(mut self) -> Vec<Column> {
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

/// An object: its fields are flattened into `parent_child` columns.
pub(super) struct Fields<'a> {
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
