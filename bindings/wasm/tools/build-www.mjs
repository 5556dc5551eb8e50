#!/usr/bin/env node
// Bundles the workbench (bindings/wasm/www/) into ONE self-contained HTML file: the stylesheet,
// the example document, the wasm-bindgen glue (`--target no-modules`, a classic script, so the
// page works from file:// where ES modules and fetch are refused), the WebAssembly module as
// base64, the worker's source (started from a Blob URL) and the page's script. No external asset.
// Usage: node build-www.mjs NOMODULES_DIR OUT.html
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const WWW = join(HERE, '..', 'www');
const ROOT = join(HERE, '..', '..', '..');
const [nomod, out] = process.argv.slice(2);
if (!nomod || !out) throw new Error('usage: build-www.mjs NOMODULES_DIR OUT.html');

const glue = readFileSync(join(nomod, 'isms_wasm.js'), 'utf8');
const wasm = readFileSync(join(nomod, 'isms_wasm_bg.wasm')).toString('base64');
const worker = `${glue}\n${readFileSync(join(WWW, 'worker.js'), 'utf8')}`;
// Text placed inside <script>: no "</script" may appear in it.
const safe = (s) => s.replace(/<\/(script)/gi, '<\\/$1');
const script = [
  glue,
  `const ISMS_WASM_BASE64 = ${JSON.stringify(wasm)};`,
  `const ISMS_WORKER_SOURCE = ${JSON.stringify(worker)};`,
  readFileSync(join(WWW, 'app.js'), 'utf8'),
].join('\n');
const example = readFileSync(join(ROOT, 'examples', 'northwind-saas.json'), 'utf8');
let html = readFileSync(join(WWW, 'index.html'), 'utf8');
const put = (marker, text) => {
  if (!html.includes(marker)) throw new Error(`index.html lacks ${marker}`);
  html = html.replace(marker, () => safe(text));
};
put('/*@STYLE@*/', readFileSync(join(WWW, 'app.css'), 'utf8'));
put('/*@EXAMPLE@*/', example);
put('/*@SCRIPT@*/', script);
writeFileSync(out, html);
console.log(`   ${out}: ${(html.length / 1e6).toFixed(2)} MB`);
