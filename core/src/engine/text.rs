//! Dispatch of [`Response`]s to the core's text and iCalendar renderers
//! (`crate::render`).
use super::{Format, Response};
use crate::model::Document;

/// The text (or iCalendar) form of `r`, if it has one.
pub(super) fn render_text(r: &Response, format: Format, doc: Option<&Document>) -> Option<String> {
    let _ = (r, format, doc);
    None
}
