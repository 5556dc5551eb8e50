// Node entry of the `isms` package (ES module): the engine is ready on import, no `init` needed.
//
//   import { Isms } from 'isms';
//   const isms = new Isms(readFileSync('isms.json', 'utf8'));
import { readFileSync } from 'node:fs';
import { initSync } from './isms_wasm.js';
import * as raw from './isms_wasm.js';
import { _bind } from './isms.js';

export * from './isms.js';
export * from './api.js';

initSync({ module: readFileSync(new URL('./isms_wasm_bg.wasm', import.meta.url)) });
_bind(raw);

/**
 * Resolves at once: in Node the engine is instantiated when the package is imported. Present so
 * code written for the browser entry runs unchanged.
 *
 * @param {unknown} [_input]
 * @returns {Promise<void>}
 */
export function init(_input) {
  return Promise.resolve();
}
