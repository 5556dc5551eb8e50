//! isms-core: the pure engine.
#![forbid(unsafe_code)]

pub mod catalog;
pub mod error;
pub use error::{Error, Problem, Result};
pub mod json;
pub mod model;
pub mod nc;
pub mod risk;
pub mod schedule;
pub mod schema;
pub mod validate;
pub use model::Document;
