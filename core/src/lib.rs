//! isms-core: the pure engine.
#![forbid(unsafe_code)]

pub mod error;
pub mod quant;
pub use error::{Error, Problem, Result};
