#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod catalog;
pub mod error;
pub mod evaluate;
pub mod quant;
pub use error::{Error, Problem, Result};
pub mod json;
pub mod model;
pub mod nc;
pub mod risk;
pub mod schedule;
pub mod schema;
pub mod soa;
pub mod validate;
pub use model::Document;
