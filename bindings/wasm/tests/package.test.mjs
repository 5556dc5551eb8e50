// The installed npm package (`npm pack`, the tarball installed in a scratch project): every export
// is called at least once (an export missing from COVERED fails the first test), every error class
// is thrown by a real engine error and carries the core's code and JSON path or id, and a Rust
// panic surfaces as a PanicError that leaves the module usable.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as isms from 'isms';

const {
  Isms, IsmsBase, IsmsError, ParseError, ValidationError, InvalidArgumentError, TransitionError, NotFoundError,
  LimitExceededError, PanicError, ERROR_CLASSES,
} = isms;

const ROOT = process.env.ISMS_ROOT ?? assert.fail('set ISMS_ROOT to the repository root');
const read = (p) => readFileSync(join(ROOT, p), 'utf8');
const NORTHWIND = read('examples/northwind-saas.json');
const MINIMAL = read('examples/minimal.json');
const AS_OF = '2026-11-29';
const vectorRequest = (name) => JSON.parse(read(`tests/vectors/${name}/request.json`));
const MODEL = vectorRequest('rosi').model;

const COVERED = new Set([
  // wrapper
  'init', 'call', 'validate', 'runFree', 'errorCodes', 'problemCodes', 'version', 'catalogVersion', '_panicForTest',
  '_bind', 'Isms', 'IsmsBase', 'IsmsError', 'ParseError', 'ValidationError', 'InvalidArgumentError',
  'TransitionError', 'NotFoundError', 'LimitExceededError', 'PanicError', 'ERROR_CLASSES',
  // operations without a document (generated)
  'simulateModel', 'simulatePortfolio', 'compare', 'rosi', 'analyticMean', 'catalogAnnexA', 'catalogControl',
  'catalogMapping', 'catalogClauses', 'catalogDocuments', 'catalogRules', 'catalogAuditTime', 'methodologyPreset',
  'schemas', 'schema', 'operations', 'mappingLint', 'monitorIngest',
]);

test('every export is covered by this suite', () => {
  assert.deepEqual(Object.keys(isms).sort(), [...COVERED].sort());
});

test('package metadata and init', async () => {
  await isms.init(); // a no-op in Node: the engine is ready on import
  assert.match(isms.version(), /^\d+\.\d+\.\d+/);
  assert.match(isms.catalogVersion(), /27001:2022/);
  const problemCodes = isms.problemCodes();
  assert.ok(problemCodes.length > 10 && problemCodes.every(([c, m]) => typeof c === 'string' && m));
});

test('one Error subclass per core error code (the catalogue matches the core)', () => {
  assert.deepEqual(Object.keys(ERROR_CLASSES).sort(), isms.errorCodes().sort());
  for (const Class of Object.values(ERROR_CLASSES)) assert.ok(Class.prototype instanceof IsmsError);
  assert.ok(IsmsError.prototype instanceof Error);
  assert.ok(PanicError.prototype instanceof IsmsError);
});

test('load, canonical form, object round trip, free', () => {
  const a = new Isms(NORTHWIND);
  const b = Isms.fromJson(NORTHWIND);
  const c = new Isms(JSON.parse(NORTHWIND));
  assert.ok(a instanceof IsmsBase);
  assert.equal(a.canonicalJson(), b.canonicalJson());
  assert.deepEqual(c.toObject(), a.toObject());
  assert.equal(a.document().organization.name, 'Northwind Cloud Ltd');
  assert.deepEqual(a.validate(), []);
  assert.match(a.validate({ format: 'text' }), /\S/);
  b.free();
  assert.throws(() => b.canonicalJson(), (e) => e instanceof IsmsError && e.code === 'freed');
});

test('evaluate, verdict and drift', () => {
  const doc = new Isms(NORTHWIND);
  const e = doc.evaluate({ as_of: AS_OF });
  assert.equal(e.as_of, AS_OF);
  assert.ok(e.findings.length > 0);
  assert.match(doc.evaluate({ as_of: AS_OF, format: 'text' }), /Stage 1/);
  const v = doc.verdict({ as_of: AS_OF, fail_on: 'major' });
  assert.equal(v.total_findings, e.findings.length);
  assert.match(doc.verdict({ as_of: AS_OF, format: 'text' }), /\S/);
  const dates = doc.drift({ as_of: AS_OF, to: '2027-11-29' });
  assert.ok(Array.isArray(dates.new_findings) && dates.new_as_of === '2027-11-29');
  // A newer version given as an Isms handle travels as its canonical document.
  const newer = doc.drift({ as_of: AS_OF, newer: new Isms(MINIMAL) });
  assert.ok(newer.soa, 'drift between two documents carries the SoA diff');
  assert.match(doc.drift({ as_of: AS_OF, newer: JSON.parse(MINIMAL), format: 'text' }), /\S/);
});

test('risk: assessment, register (JSON, CSV, Markdown), heat map (data, SVG), treatment plan', () => {
  const doc = new Isms(NORTHWIND);
  assert.ok(doc.riskAssessment({ as_of: AS_OF }).risks.length > 0);
  assert.ok(doc.riskRegister({ as_of: AS_OF }).rows.length > 0);
  assert.match(doc.riskRegister({ as_of: AS_OF, format: 'csv' }), /^[^\n]+,/);
  assert.match(doc.riskRegister({ as_of: AS_OF, format: 'markdown' }), /\|/);
  const map = doc.heatmap({ as_of: AS_OF });
  assert.ok(map.inherent && map.residual);
  assert.match(doc.heatmap({ as_of: AS_OF, residual: true, format: 'svg' }), /^<svg/);
  assert.ok(doc.treatmentPlan({ as_of: AS_OF }));
  assert.match(doc.treatmentPlan({ as_of: AS_OF, format: 'text' }), /\S/);
});

test('Open FAIR: document simulation, one model, portfolio, compare, ROSI, analytic mean', () => {
  const doc = new Isms(NORTHWIND);
  const sim = doc.simulate({ options: { trials: 5000, seed: 1, tolerance: 500000 } });
  assert.ok(sim.risks.length >= 2);
  assert.match(doc.simulate({ options: { trials: 1000 }, format: 'text' }), /\S/);
  const one = isms.simulateModel({ model: MODEL, options: { trials: 20000, seed: 4, tolerance: 1e6 } });
  assert.ok(one.loss_exceedance.length > 0 && one.percentiles);
  const portfolio = isms.simulatePortfolio({ risks: [{ id: 'a', model: MODEL }, { id: 'b', model: MODEL }], options: { trials: 5000 } });
  assert.ok(portfolio);
  assert.ok(isms.compare(vectorRequest('compare')));
  const rosi = isms.rosi({ model: MODEL, controls: vectorRequest('rosi').controls, options: { trials: 5000 } });
  assert.equal(typeof rosi.rosi, 'number');
  assert.equal(typeof isms.analyticMean({ model: MODEL }), 'number');
  assert.equal(isms.runFree('analytic_mean', { model: MODEL }), isms.analyticMean({ model: MODEL }));
});

test('SoA (JSON, CSV, Markdown, HTML) and its diff', () => {
  const doc = new Isms(NORTHWIND);
  assert.equal(doc.soa({ as_of: AS_OF }).entries.length, 93);
  assert.equal(doc.soa({ as_of: AS_OF, format: 'csv' }).trim().split('\n').length, 94);
  assert.match(doc.soa({ as_of: AS_OF, format: 'markdown' }), /\|/);
  assert.match(doc.soa({ as_of: AS_OF, format: 'html' }), /<html/i);
  const diff = doc.soaDiff({ newer: new Isms(MINIMAL) });
  assert.ok(diff);
  assert.match(doc.soaDiff({ newer: JSON.parse(MINIMAL), format: 'text' }), /\S/);
});

test('schedule: calendar (JSON, text, iCalendar), certification cycle, audit programme and duration, reviews', () => {
  const doc = new Isms(NORTHWIND);
  assert.ok(doc.calendar({ from: AS_OF }).items.length > 0);
  assert.match(doc.calendar({ from: AS_OF, to: '2027-06-30', format: 'text' }), /\S/);
  assert.match(doc.calendar({ from: AS_OF, format: 'ical' }), /^BEGIN:VCALENDAR\r\n/);
  assert.ok(doc.certificationCycle({ as_of: AS_OF }));
  assert.match(doc.certificationCycle({ as_of: AS_OF, format: 'text' }), /\S/);
  assert.ok(doc.auditProgramme({ as_of: AS_OF }));
  assert.match(doc.auditProgramme({ as_of: AS_OF, format: 'text' }), /\S/);
  assert.ok(doc.auditDuration({ as_of: AS_OF }));
  assert.match(doc.auditDuration({ as_of: AS_OF, format: 'text' }), /\S/);
  assert.ok(Array.isArray(doc.managementReviewPlan({ from: AS_OF })));
});

test('nonconformities: list, show, transition returns a new document and leaves the old one', () => {
  const doc = new Isms(NORTHWIND);
  const before = doc.canonicalJson();
  assert.ok(doc.ncReport({ as_of: AS_OF }));
  assert.match(doc.ncReport({ as_of: AS_OF, format: 'text' }), /\S/);
  assert.ok(doc.ncShow({ id: 'nc-01', as_of: AS_OF }));
  assert.match(doc.ncShow({ id: 'nc-01', as_of: AS_OF, format: 'text' }), /nc-01/);
  const request = vectorRequest('nc-transition-correct');
  const next = doc.ncTransition(request);
  assert.ok(next instanceof Isms);
  assert.equal(doc.canonicalJson(), before, 'the old document is untouched');
  assert.notEqual(next.canonicalJson(), before);
  // The same as the operation's JSON, which the vectors pin down.
  assert.equal(next.canonicalJson(), doc.call('nc_transition', request));
  assert.equal(next.canonicalJson(), doc.ncTransition({ ...request, format: 'json' }).canonicalJson());
});

test('roadmap (JSON, text, Mermaid) and the HTML report', () => {
  const doc = new Isms(NORTHWIND);
  assert.equal(doc.roadmap({ as_of: AS_OF }).steps.length, 17);
  assert.match(doc.roadmap({ as_of: AS_OF, format: 'text' }), /\S/);
  assert.match(doc.roadmap({ as_of: AS_OF, format: 'mermaid' }), /gantt/);
  assert.match(doc.report({ as_of: AS_OF }), /<html/i);
  assert.match(doc.report({ as_of: AS_OF, format: 'html' }), /<html/i);
});

test('catalog queries, methodology presets, schemas and the operations table', () => {
  assert.equal(isms.catalogAnnexA().length, 93);
  assert.ok(isms.catalogAnnexA({ theme: 'people' }).length === 8);
  assert.match(isms.catalogAnnexA({ attribute: '#Corrective', format: 'text' }), /\S/);
  assert.equal(isms.catalogControl({ id: '5.1' })[0].id, '5.1');
  assert.ok(isms.catalogMapping({ from_2013: 'A.18.2.3' }).length > 0);
  assert.ok(isms.catalogClauses().length >= 7);
  assert.ok(isms.catalogDocuments().length > 0);
  assert.ok(isms.catalogRules().length > 0);
  assert.match(isms.catalogRules({ format: 'markdown' }), /\|/);
  assert.ok(isms.catalogAuditTime().length > 0);
  assert.ok(isms.methodologyPreset({ preset: 'iso27005_5x5' }));
  const names = isms.schemas();
  assert.ok(names.includes('isms') && names.includes('evaluate.request'));
  assert.equal(isms.schema({ name: 'isms' }).title, 'Document');
  const ops = isms.operations();
  assert.equal(ops.length, 43);
  // Every operation has its method or function, so nothing in the table is unreachable.
  const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
  for (const op of ops) {
    const where = op.needs_document ? Isms.prototype : isms;
    assert.equal(typeof where[camel(op.name)], 'function', op.name);
  }
});

test('generic call: with a handle, with document text, and without a document', () => {
  const doc = new Isms(NORTHWIND);
  const viaHandle = isms.call('evaluate', { as_of: AS_OF }, doc);
  assert.equal(isms.call('evaluate', `{"as_of":"${AS_OF}"}`, NORTHWIND), viaHandle);
  assert.equal(isms.call('evaluate', { as_of: AS_OF }, JSON.parse(NORTHWIND)), viaHandle);
  assert.equal(doc.call('evaluate', { as_of: AS_OF }), viaHandle);
  assert.match(isms.call('schemas', { format: 'text' }), /isms/);
  assert.ok(Array.isArray(JSON.parse(isms.call('catalog_clauses'))));
});

test('validate: every problem of an invalid document, without throwing', () => {
  const bad = read('tests/vectors/hostile-dangling-ids/document.json');
  const problems = isms.validate(bad);
  assert.ok(problems.length >= 1 && problems.every((p) => p.code && p.path && p.message));
  assert.deepEqual(isms.validate(JSON.parse(MINIMAL)), []);
});

// --- every error class, thrown by the engine --------------------------------------------------

const expectError = (f, Class, code, check) => assert.throws(f, (e) => {
  assert.ok(e instanceof Class, `expected ${Class.name}, got ${e?.constructor?.name}: ${e}`);
  assert.ok(e instanceof IsmsError && e instanceof Error);
  assert.equal(e.name, Class.name);
  assert.equal(e.code, code);
  assert.equal(typeof e.message, 'string');
  assert.ok(typeof e.stack === 'string');
  const report = JSON.parse(e.reportJson);
  assert.deepEqual(e.report, report);
  assert.equal(report.code, code);
  assert.ok(Array.isArray(e.problems) && e.problems.length >= 1);
  check?.(e);
  return true;
});

test('ParseError: code, JSON path, line and column', () => {
  expectError(() => new Isms('{"schema_version": "1.0",\n  "organization": 5}'), ParseError, 'parse_error', (e) => {
    assert.match(e.path, /^\$/);
    assert.equal(e.line, 2);
    assert.ok(e.column > 0);
  });
  expectError(() => isms.validate('not json'), ParseError, 'parse_error');
});

test('ValidationError: every problem with its path', () => {
  const bad = read('tests/vectors/hostile-dangling-ids/document.json');
  expectError(() => new Isms(bad), ValidationError, 'invalid_document', (e) => {
    // The same problems as validate(), located in the text the handle was given.
    const bare = e.problems.map(({ line, column, ...p }) => p);
    assert.deepEqual(bare, isms.validate(bad).map(({ line, column, ...p }) => p));
    for (const p of e.problems) {
      assert.match(p.path, /^\$\./);
      assert.ok(Number.isInteger(p.line) && p.line > 0 && Number.isInteger(p.column) && p.column > 0, JSON.stringify(p));
    }
  });
});

test('monitoring without a document: ingest a scanner file, lint a mapping table', () => {
  const ingest = vectorRequest('monitor-ingest-asff');
  const ingested = isms.monitorIngest(ingest);
  assert.deepEqual(ingested, JSON.parse(isms.call('monitor_ingest', ingest)));
  assert.ok(ingested.records.length > 0 && ingested.rejected.length > 0, 'records and the refused one');
  const lint = { csv: vectorRequest('mapping-lint-text').csv };
  const linted = isms.mappingLint(lint);
  assert.deepEqual(linted, JSON.parse(isms.call('mapping_lint', lint)));
  assert.match(JSON.stringify(linted), /9\.9/);
});

test('InvalidArgumentError: the path of the bad parameter', () => {
  const doc = new Isms(NORTHWIND);
  expectError(() => doc.evaluate({ as_of: 'yesterday' }), InvalidArgumentError, 'invalid_argument',
    (e) => assert.equal(e.path, '$.as_of'));
  expectError(() => doc.soa({ as_of: AS_OF, format: 'svg' }), InvalidArgumentError, 'invalid_argument',
    (e) => assert.equal(e.path, '$.format'));
  expectError(() => isms.call('evaluate', { as_of: AS_OF }), InvalidArgumentError, 'invalid_argument');
});

test('TransitionError: the record id, the document unchanged', () => {
  const doc = new Isms(NORTHWIND);
  const before = doc.canonicalJson();
  expectError(() => doc.ncTransition(vectorRequest('nc-transition-not-allowed')), TransitionError,
    'transition_not_allowed', (e) => assert.equal(e.id, 'nc-04'));
  assert.equal(doc.canonicalJson(), before);
});

test('NotFoundError: the id looked for', () => {
  expectError(() => isms.catalogControl({ id: '9.99' }), NotFoundError, 'not_found', (e) => assert.equal(e.id, '9.99'));
  expectError(() => isms.call('no_such_operation'), NotFoundError, 'not_found', (e) => assert.equal(e.id, 'no_such_operation'));
  expectError(() => new Isms(NORTHWIND).ncShow({ id: 'nc-404', as_of: AS_OF }), NotFoundError, 'not_found');
});

test('LimitExceededError: the parameter that drives the work', () => {
  expectError(() => isms.simulateModel(vectorRequest('error-huge-trials')), LimitExceededError, 'limit_exceeded',
    (e) => assert.match(e.path, /trials/));
});

test('a Rust panic becomes a PanicError, and the module keeps working', () => {
  assert.throws(() => isms._panicForTest(), (e) => {
    assert.ok(e instanceof PanicError && e instanceof IsmsError);
    assert.equal(e.code, 'panic');
    assert.match(e.message, /deliberate panic for the test suite/);
    assert.ok(e.cause instanceof WebAssembly.RuntimeError);
    return true;
  });
  assert.equal(isms.catalogAnnexA().length, 93);
  assert.equal(new Isms(MINIMAL).evaluate({ as_of: AS_OF }).as_of, AS_OF);
  // A second panic is reported the same way, with its own message.
  assert.throws(() => isms._panicForTest(), (e) => e instanceof PanicError && /deliberate panic/.test(e.message));
  assert.equal(isms.catalogAnnexA().length, 93);
});
