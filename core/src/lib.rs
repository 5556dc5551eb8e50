#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod catalog;
pub mod error;
pub use error::{Error, Problem, Result};
pub mod json;
pub mod model;
pub mod risk;
pub mod schema;
pub mod validate;
pub use model::Document;
