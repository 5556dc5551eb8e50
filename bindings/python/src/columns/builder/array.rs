//! Array cells: a list of scalars in the column's items, or the array in
//! its JSON shape.
use serde::Serialize;
use serde::ser::{self, Impossible};
use serde_json::Value as Json;

use super::{Builder, ROOT};
use crate::columns::{Cell, Column, Error, NOT_FOUND, Result, not_found};

/// An array cell: scalars as cells in the column's items (strings interned
/// with the column's), or, from the first element that is not a scalar on,
/// the whole array in its JSON shape.
pub(in crate::columns) struct Collect<'a> {
    b: &'a mut Builder,
    col: usize,
    start: usize,
    json: Option<Vec<Json>>,
    pop: Option<usize>,
}

impl<'a> Collect<'a> {
    pub(super) fn new(b: &'a mut Builder, pop: Option<usize>) -> Self {
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
