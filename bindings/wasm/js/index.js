// Browser and bundler entry of the `isms` package (ES module).
//
//   import { init, Isms } from 'isms';
//   await init();                       // fetches and compiles isms_wasm_bg.wasm once
//   const isms = new Isms(documentText);
//   isms.evaluate({ as_of: '2026-11-29' });
import wasmInit, * as raw from './isms_wasm.js';
import { _bind } from './isms.js';

export * from './isms.js';
export * from './api.js';

let ready = null;

/**
 * Instantiates the engine once; later calls return the same promise. `input` overrides where the
 * module comes from (a URL, a Response, bytes or a compiled WebAssembly.Module); by default it is
 * `isms_wasm_bg.wasm` next to this file, which bundlers resolve through `new URL(..., import.meta.url)`.
 *
 * @param {RequestInfo | URL | Response | BufferSource | WebAssembly.Module} [input]
 * @returns {Promise<void>}
 */
export function init(input) {
  ready ??= wasmInit(input === undefined ? undefined : { module_or_path: input }).then(() => _bind(raw));
  return ready;
}
