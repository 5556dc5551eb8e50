// The workbench's simulation worker: the same engine, instantiated from the module the page
// compiled, runs long operations (Open FAIR simulations) off the page's thread. Messages:
//   { init: WebAssembly.Module }                      instantiate once
//   { id, document, op, request }                     run `op`; replies { id, ok, text | error }
// The last document's handle is kept, so repeated simulations of one document parse it once.
/* global wasm_bindgen */
'use strict';
let cached = { text: null, handle: null };
self.onmessage = (ev) => {
  const m = ev.data;
  if (m.init) {
    wasm_bindgen.initSync({ module: m.init });
    return;
  }
  try {
    if (cached.text !== m.document) {
      cached.handle?.free();
      cached = { text: m.document, handle: wasm_bindgen.IsmsHandle.fromJson(m.document) };
    }
    self.postMessage({ id: m.id, ok: true, text: cached.handle.call(m.op, m.request) });
  } catch (e) {
    self.postMessage({ id: m.id, ok: false, error: typeof e?.reportJson === 'string' ? e.reportJson : String(e?.message ?? e) });
  }
};
