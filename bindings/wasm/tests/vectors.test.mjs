// The conformance vectors (tests/vectors/<case>/) through the installed npm package: every case's
// output, or its error report, must equal the expected file byte for byte, as the Rust
// (core/tests/vectors.rs), CLI (cli/tests/vectors.rs) and Python (test_vectors.py) runners check.
// The expected files are written by `UPDATE_VECTORS=1 cargo test -p isms-core --test vectors`.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Isms, IsmsError, call } from 'isms';

const ROOT = process.env.ISMS_ROOT ?? assert.fail('set ISMS_ROOT to the repository root');
const VECTORS = join(ROOT, 'tests', 'vectors');
const CASES = readdirSync(VECTORS).filter((d) => statSync(join(VECTORS, d)).isDirectory()).sort();

function expected(dir) {
  if (existsSync(join(dir, 'error.json'))) return join(dir, 'error.json');
  const found = readdirSync(dir).filter((f) => f.startsWith('expected.'));
  assert.equal(found.length, 1, `${dir}: one expected file, found ${found}`);
  return join(dir, found[0]);
}

function execute(dir) {
  const meta = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8'));
  const request = existsSync(join(dir, 'request.json')) ? readFileSync(join(dir, 'request.json'), 'utf8') : '{}';
  let document;
  if (meta.document !== undefined) document = readFileSync(join(ROOT, meta.document), 'utf8');
  else if (existsSync(join(dir, 'document.json'))) document = readFileSync(join(dir, 'document.json'), 'utf8');
  try {
    // Both entry points: the handle for documents that load, the free `call` otherwise.
    if (document === undefined) return call(meta.operation, request);
    return new Isms(document).call(meta.operation, request);
  } catch (e) {
    assert.ok(e instanceof IsmsError, `${meta.operation}: expected an IsmsError, got ${e}`);
    assert.ok(e.reportJson, `${e.name} without the core's report`);
    return e.reportJson;
  }
}

test('there are enough cases', () => assert.ok(CASES.length >= 60, `${CASES.length} cases`));

for (const name of CASES) {
  test(`vector ${name}`, () => {
    const dir = join(VECTORS, name);
    const want = readFileSync(expected(dir));
    const got = Buffer.from(execute(dir), 'utf8');
    assert.ok(got.equals(want), `${name}: output differs from ${expected(dir)}`);
  });
}
