//! `isms-wasm`: the wasm-bindgen edge of `isms-core`.
//!
//! **What this is**: conversion and delegation only. Every export takes
//! strings (JSON text), calls the engine (`isms_core::engine`: the [`Isms`]
//! handle, the operations table through `call`, its renderers) and returns
//! the engine's bytes unchanged, so what JavaScript reads is byte for byte
//! what the CLI prints and the conformance vectors hold. JSON is parsed on
//! the JavaScript side (`JSON.parse` is faster than building JS objects
//! field by field across the boundary, and it keeps one serialiser: the
//! core's).
//!
//! **What this is not**: the public JavaScript API. The npm package wraps
//! these raw exports in `js/isms.js`: one method per operation (generated
//! from the operations table), `Error` subclasses for the core's error codes,
//! and the panic mapping. No rule of the standard, no default and no
//! formatting lives here or there.
//!
//! # Errors
//!
//! A core [`Error`] becomes a JavaScript `Error` whose `code` is the core's
//! stable code and whose `reportJson` is `engine::error_json` (the same bytes
//! as `isms call` and the vectors); the wrapper turns it into the subclass
//! for its code. A Rust panic cannot unwind in this build (`panic = abort`):
//! the hook installed by [`start`] keeps the message, the module traps, and
//! the wrapper turns the `WebAssembly.RuntimeError` into a `PanicError`
//! carrying [`take_panic_message`]. No input should panic the core (an
//! invariant tested by its property tests), so a panic is a bug to report.
#![forbid(unsafe_code)]

use std::sync::Mutex;

use isms_core::engine::{self, Response};
use isms_core::{Error, Isms};
use wasm_bindgen::prelude::*;

static PANIC_MESSAGE: Mutex<Option<String>> = Mutex::new(None);

/// Installs the panic hook (runs once, when the module is instantiated).
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = match info.payload().downcast_ref::<&str>() {
            Some(s) => (*s).to_owned(),
            None => info.payload().downcast_ref::<String>().cloned().unwrap_or_else(|| "panic".to_owned()),
        };
        let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        if let Ok(mut slot) = PANIC_MESSAGE.lock() {
            *slot = Some(format!("{message}{at}"));
        }
    }));
}

/// The message of the last Rust panic (and forgets it); `undefined` when
/// there was none. The wrapper calls it after a `WebAssembly.RuntimeError`.
#[wasm_bindgen(js_name = takePanicMessage)]
pub fn take_panic_message() -> Option<String> {
    PANIC_MESSAGE.lock().ok().and_then(|mut slot| slot.take())
}

/// Panics on purpose: for the test that a panic reaches the caller as an
/// error and leaves the module usable.
#[wasm_bindgen(js_name = panicForTest)]
pub fn panic_for_test() {
    panic!("deliberate panic for the test suite");
}

/// A core error as a JavaScript `Error` with `code` and `reportJson`.
fn js_error(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("IsmsError");
    // Reflect::set on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&err, &"code".into(), &e.code().into());
    let _ = js_sys::Reflect::set(&err, &"reportJson".into(), &engine::error_json(e).into());
    err.into()
}

fn js<T>(r: Result<T, Error>) -> Result<T, JsValue> {
    r.map_err(|e| js_error(&e))
}

/// A validated ISMS document (immutable): the engine's [`Isms`] handle.
#[wasm_bindgen(js_name = IsmsHandle)]
pub struct IsmsHandle {
    inner: Isms,
}

#[wasm_bindgen(js_class = IsmsHandle)]
impl IsmsHandle {
    /// Parses and validates a document (JSON text). Throws `parse_error` or
    /// `invalid_document` with every problem.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text: &str) -> Result<IsmsHandle, JsValue> {
        Ok(IsmsHandle { inner: js(Isms::from_json(text))? })
    }

    /// `engine::call` on this document: runs operation `op` on a JSON
    /// request (with an optional `"format"`) and returns the rendered text.
    pub fn call(&self, op: &str, request: &str) -> Result<String, JsValue> {
        js(self.inner.call(op, request))
    }

    /// The document in canonical form (what `isms fmt` writes).
    #[wasm_bindgen(js_name = canonicalJson)]
    pub fn canonical_json(&self) -> String {
        self.inner.canonical_json()
    }

    /// `nc_transition` as a new handle, this one unchanged. Runs the
    /// operations table's `nc_transition` (same request parsing and errors
    /// as `call`) and wraps the document it returns without a JSON round
    /// trip.
    #[wasm_bindgen(js_name = ncTransition)]
    pub fn nc_transition(&self, request: &str) -> Result<IsmsHandle, JsValue> {
        let op = engine::operation("nc_transition").ok_or_else(|| JsValue::from_str("no nc_transition operation"))?;
        let request = js(isms_core::json::from_json::<serde_json::Value>(request))?;
        match js(op.run(Some(&self.inner), request))? {
            Response::Document(doc) => Ok(IsmsHandle { inner: js(Isms::new(doc))? }),
            _ => Err(JsValue::from_str("nc_transition returned no document")),
        }
    }
}

/// `engine::call_document`: runs operation `op` on a JSON request, on
/// `document` (JSON text) when given. What the vectors runner uses.
#[wasm_bindgen]
pub fn call(op: &str, request: &str, document: Option<String>) -> Result<String, JsValue> {
    js(engine::call_document(document.as_deref(), op, request))
}

/// Every integrity problem of a document that parses (JSON of `Problem[]`,
/// empty when it is valid): the explicit path for inspecting an invalid
/// document. Throws `parse_error` when it does not parse.
#[wasm_bindgen(js_name = validateJson)]
pub fn validate_json(text: &str) -> Result<String, JsValue> {
    let doc = js(isms_core::json::parse_document(text))?;
    Ok(isms_core::json::to_json(&engine::validate(&doc)))
}

/// The core's error codes (JSON array), for the wrapper's test that each
/// has an `Error` subclass.
#[wasm_bindgen(js_name = errorCodesJson)]
pub fn error_codes_json() -> String {
    isms_core::json::to_json(&isms_core::error::ERROR_CODES)
}

/// The validation problem codes (JSON array of `[code, meaning]`).
#[wasm_bindgen(js_name = problemCodesJson)]
pub fn problem_codes_json() -> String {
    isms_core::json::to_json(&isms_core::validate::PROBLEM_CODES)
}

/// The package version (the crate's).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// The version of the standard's catalog data.
#[wasm_bindgen(js_name = catalogVersion)]
pub fn catalog_version() -> String {
    isms_core::catalog::CATALOG_VERSION.to_owned()
}
