#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(unreachable_pub)]
#![warn(missing_docs)]

pub mod catalog;
pub mod engine;
pub mod error;
pub mod evaluate;
#[cfg(feature = "yaml")]
pub mod folder;
pub mod quant;
pub mod render;
pub mod report;
pub use error::{Error, Problem, Result};
pub mod json;
pub mod model;
pub mod monitor;
pub mod nc;
pub mod risk;
pub mod roadmap;
pub mod schedule;
pub mod schema;
pub mod soa;
pub mod source;
pub mod starter;
pub mod validate;
#[cfg(feature = "yaml")]
pub mod yaml;
pub use engine::Isms;
pub use model::Document;
