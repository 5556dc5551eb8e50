//! Finding the table: serializers that walk a result's top level to the
//! array at the field asked for and hand each element to the row writer.
use serde::Serialize;
use serde::ser::{self, Impossible};

use super::builder::Builder;
use super::{Column, Error, NOT_FOUND, Result, not_found};

/// The top level: finds field `key` and hands its value to [`Rows`].
pub(super) struct Top<'k> {
    pub(super) key: &'k str,
    pub(super) fields: usize,
    pub(super) found: Option<Vec<Column>>,
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
pub(super) struct TopFields<'a, 'k> {
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
pub(super) struct KeyString;

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
