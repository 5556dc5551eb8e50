// Byte identity with the native engine: for both examples and a synthetic document, the
// `evaluate` JSON and seeded simulations' JSON from WebAssembly equal what the native CLI
// (`isms call`, release or debug build in $ISMS_CLI) prints, byte for byte. The synthetic
// document is written by the native `isms-synth 1` ($ISMS_SYNTH).
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Isms, call } from 'isms';

const ROOT = process.env.ISMS_ROOT ?? assert.fail('set ISMS_ROOT');
const CLI = process.env.ISMS_CLI ?? assert.fail('set ISMS_CLI to the native isms binary');
const SYNTH = process.env.ISMS_SYNTH ?? assert.fail('set ISMS_SYNTH to the native isms-synth binary');
const AS_OF = '2026-11-29';

const native = (op, request, file) => {
  const args = ['call', op, ...(file ? [file] : []), '--request', JSON.stringify(request)];
  try {
    return execFileSync(CLI, args, { maxBuffer: 1 << 30 });
  } catch (e) {
    if (e.status === 2) return e.stdout; // the error report
    throw e;
  }
};

const wasm = (isms, op, request) => {
  try {
    return Buffer.from(isms === null ? call(op, request) : isms.call(op, request), 'utf8');
  } catch (e) {
    return Buffer.from(e.reportJson + '', 'utf8');
  }
};

function same(label, a, b) {
  assert.ok(a.length > 2, `${label}: empty output`);
  if (!a.equals(b)) {
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    assert.fail(`${label}: WASM and native differ at byte ${i} of ${a.length}/${b.length}: ` +
      `${JSON.stringify(a.subarray(i, i + 60).toString())} vs ${JSON.stringify(b.subarray(i, i + 60).toString())}`);
  }
}

const synthPath = join(process.env.TMPDIR ?? '/tmp', `isms-synth-1-${process.pid}.json`);
const documents = {
  minimal: join(ROOT, 'examples', 'minimal.json'),
  northwind: join(ROOT, 'examples', 'northwind-saas.json'),
  synthetic: synthPath,
};

test.before(() => {
  execFileSync('sh', ['-c', `"${SYNTH}" 1 > "${synthPath}"`]);
});

for (const [name, file] of Object.entries(documents)) {
  test(`evaluate JSON is byte-identical to native: ${name}`, () => {
    const isms = new Isms(readFileSync(file, 'utf8'));
    same(name, wasm(isms, 'evaluate', { as_of: AS_OF }), native('evaluate', { as_of: AS_OF }, file));
  });
  test(`seeded document simulation JSON is byte-identical to native: ${name}`, () => {
    const isms = new Isms(readFileSync(file, 'utf8'));
    const request = { options: { trials: 20000, seed: 42, tolerance: 250000 } };
    same(name, wasm(isms, 'simulate', request), native('simulate', request, file));
  });
}

test('seeded single-model and portfolio simulations are byte-identical to native', () => {
  const doc = JSON.parse(readFileSync(documents.northwind, 'utf8'));
  const models = doc.risks.filter((r) => r.fair).map((r) => ({ id: r.id, model: r.fair }));
  assert.ok(models.length >= 2, 'the Northwind example has quantified risks');
  for (const { id, model } of models) {
    const request = { model, options: { trials: 100000, seed: 9, keep_samples: false } };
    same(`simulate_model ${id}`, wasm(null, 'simulate_model', request), native('simulate_model', request));
  }
  const request = { risks: models, options: { trials: 50000, seed: 3 } };
  same('simulate_portfolio', wasm(null, 'simulate_portfolio', request), native('simulate_portfolio', request));
});
