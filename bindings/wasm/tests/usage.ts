// Type-level test of the package's declarations: `tsc --noEmit --strict` over this file in a
// project that installed the packed tarball (scripts/test-wasm). It uses every export with the
// types a user would write; the `@ts-expect-error` lines must stay errors.
import {
  init, Isms, IsmsBase, IsmsError, ParseError, ValidationError, InvalidArgumentError, TransitionError, NotFoundError,
  LimitExceededError, PanicError, ERROR_CLASSES, call, validate, runFree, errorCodes, problemCodes, version,
  catalogVersion, _panicForTest, _bind, simulateModel, simulatePortfolio, compare, rosi, analyticMean, catalogAnnexA,
  catalogControl, catalogMapping, catalogClauses, catalogDocuments, catalogRules, catalogAuditTime,
  methodologyPreset, schemas, schema, operations,
} from 'isms';
import type {
  Document, Evaluation, Finding, Problem, ErrorReport, FairModel, SimulationResult, Statement, Calendar, Roadmap,
  Operations, OperationName, Format, EvaluateRequest, NcAction,
} from 'isms';

declare const text: string;
declare const model: FairModel;
const asOf = '2026-11-29';

async function main(): Promise<void> {
  await init();
  const doc: Isms = new Isms(text);
  const same: Isms = Isms.fromJson(text);
  const base: IsmsBase = same;
  const obj: Document = doc.toObject();
  const again = new Isms(obj);
  const canonical: string = again.canonicalJson();
  base.free();

  const e: Evaluation = doc.evaluate({ as_of: asOf });
  const first: Finding | undefined = e.findings[0];
  const sev: 'blocker' | 'major' | 'minor' | 'info' | undefined = first?.severity;
  const asText: string = doc.evaluate({ as_of: asOf, format: 'text' });
  // @ts-expect-error evaluate has no CSV rendering
  doc.evaluate({ as_of: asOf, format: 'csv' });
  // @ts-expect-error as_of is required
  doc.evaluate({});
  const req: EvaluateRequest = { as_of: asOf };
  doc.verdict({ ...req, fail_on: 'major' }).fails satisfies boolean;
  doc.verdict({ as_of: asOf, format: 'text' }) satisfies string;
  doc.drift({ as_of: asOf, to: '2027-01-01' });
  doc.drift({ as_of: asOf, newer: obj, format: 'text' }) satisfies string;
  doc.validate() satisfies Problem[];
  doc.validate({ format: 'text' }) satisfies string;
  doc.document() satisfies Document;
  doc.riskAssessment({ as_of: asOf });
  doc.riskRegister({ as_of: asOf });
  doc.riskRegister({ as_of: asOf, format: 'csv' }) satisfies string;
  doc.heatmap({ as_of: asOf });
  doc.heatmap({ as_of: asOf, residual: true, format: 'svg' }) satisfies string;
  doc.treatmentPlan({ as_of: asOf });
  doc.simulate({ options: { trials: 1000, seed: 1 } });
  doc.simulate();
  const soa: Statement = doc.soa({ as_of: asOf });
  doc.soa({ as_of: asOf, format: 'html' }) satisfies string;
  doc.soaDiff({ newer: obj });
  const cal: Calendar = doc.calendar({ from: asOf, to: '2027-11-29' });
  doc.calendar({ from: asOf, format: 'ical' }) satisfies string;
  doc.certificationCycle({ as_of: asOf });
  doc.auditProgramme({ as_of: asOf });
  doc.auditDuration({ as_of: asOf });
  doc.managementReviewPlan({ from: asOf });
  doc.ncReport({ as_of: asOf });
  doc.ncShow({ id: 'nc-01', as_of: asOf });
  const action: NcAction = { action: 'correct', description: 'fixed', on: asOf, by: 'p-1' };
  const next: Isms = doc.ncTransition({ id: 'nc-01', action });
  const road: Roadmap = doc.roadmap({ as_of: asOf });
  doc.roadmap({ as_of: asOf, format: 'mermaid' }) satisfies string;
  doc.report({ as_of: asOf }) satisfies string;
  doc.call('evaluate', { as_of: asOf }) satisfies string;

  const sim: SimulationResult = simulateModel({ model, options: { trials: 10_000, tolerance: 1e6 } });
  simulatePortfolio({ risks: [{ id: 'a', model }] });
  compare({ before: model, after: model, annual_cost: 1000 });
  rosi({ model, controls: [{ name: 'EDR', tef_reduction: 0.3, annual_cost: 1 }] });
  analyticMean({ model }) satisfies number | null;
  catalogAnnexA({ theme: 'people' });
  catalogAnnexA();
  catalogControl({ id: '5.1' });
  catalogMapping({ from_2013: 'A.5.1.1' });
  catalogClauses();
  catalogDocuments();
  catalogRules({ format: 'markdown' }) satisfies string;
  catalogAuditTime();
  methodologyPreset({ preset: 'iso27005_5x5' });
  schemas() satisfies string[];
  schema({ name: 'isms' });
  operations().map((o) => o.name) satisfies string[];

  call('schemas', { format: 'text' }) satisfies string;
  call('evaluate', '{"as_of":"2026-11-29"}', doc);
  validate(text) satisfies Problem[];
  runFree('catalog_clauses');
  errorCodes() satisfies string[];
  problemCodes() satisfies [string, string][];
  version() satisfies string;
  catalogVersion() satisfies string;

  const op: OperationName = 'evaluate';
  const formats: Operations['soa']['formats'] = 'csv';
  const fmt: Format = formats;
  try {
    _panicForTest();
  } catch (err) {
    if (err instanceof ValidationError) err.problems satisfies Problem[];
    if (err instanceof ParseError) err.line satisfies number | undefined;
    if (err instanceof IsmsError) {
      err.code satisfies string;
      err.report satisfies ErrorReport;
      err.reportJson satisfies string;
      err.path satisfies string | undefined;
      err.id satisfies string | undefined;
    }
    for (const C of [InvalidArgumentError, TransitionError, NotFoundError, LimitExceededError, PanicError]) {
      if (err instanceof C) err satisfies IsmsError;
    }
    ERROR_CLASSES.parse_error satisfies typeof ParseError;
  }
  void [canonical, sev, asText, soa, cal, next, road, sim, op, fmt, _bind];
}
void main();
