//! isms-core: the pure engine.
#![forbid(unsafe_code)]

pub mod catalog;
pub mod error;
pub mod evaluate;
pub use error::{Error, Problem, Result};
pub mod json;
pub mod model;
pub mod risk;
pub mod schema;
pub mod soa;
pub mod validate;
pub use model::Document;
