// Headless Chromium test of the workbench (Debian chromium driven by playwright-core): opens the
// bundled page from file:// (no server, no network), checks that the readiness and blocker count
// it renders for the example equal the native CLI's `isms check --json`, performs what-if edits
// and sees the numbers change, runs one simulation in the worker, and fails on any console
// error, page error or network request. Writes screenshots to $SCREENSHOT_DIR.
// Also loads the npm package's ES module entry in a page served over HTTP (`init()`, then the API).
// Env: ISMS_ROOT, ISMS_CLI, NPM_TOOLS (where playwright-core is installed), PAGE (the HTML file),
//      PKG (the package directory, bindings/wasm/dist/pkg),
//      SCREENSHOT_DIR, CHROMIUM (default /usr/bin/chromium).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';

const env = (k) => process.env[k] ?? assert.fail(`set ${k}`);
const { chromium } = createRequire(join(env('NPM_TOOLS'), 'package.json'))('playwright-core');
const AS_OF = '2026-11-29';
const example = join(env('ISMS_ROOT'), 'examples', 'northwind-saas.json');

let native;
try {
  native = execFileSync(env('ISMS_CLI'), ['check', example, '--as-of', AS_OF, '--json']);
} catch (e) {
  native = e.stdout; // `isms check` exits non-zero when a finding fails the gate
}
native = JSON.parse(native);

const problems = [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
});
const step = (s) => console.log(`   browser: ${s}`);
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1 });
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => { if (!/^(file|blob|data):/.test(r.url())) problems.push(`network request: ${r.url()}`); });
  const url = `${pathToFileURL(env('PAGE')).href}?as_of=${AS_OF}`;
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForSelector('body[data-state=ready]', { timeout: 60000 });
  step(`loaded and evaluated the example in ${Date.now() - t0} ms (from file://)`);

  const readiness = Number(await page.getAttribute('#kpi-readiness', 'data-value'));
  const blockers = Number(await page.textContent('#kpi-blockers'));
  assert.equal(readiness, native.readiness.overall, 'readiness as the CLI computes it');
  assert.equal(blockers, native.summary.blocker, 'blocker count as the CLI computes it');
  assert.equal(Number((await page.textContent('#kpi-findings')).match(/^\d+/)[0]), native.summary.total);
  assert.equal(await page.locator('#blockers li').count(), new Set([...native.readiness.stage1.blockers, ...native.readiness.stage2.blockers].map((b) => b.fingerprint)).size);
  step(`readiness ${readiness}, ${blockers} blockers, ${native.summary.total} findings: equal to isms check --json`);
  await page.screenshot({ path: join(env('SCREENSHOT_DIR'), 'workbench.png') });

  // Every tab renders without error; the SoA has its 93 rows.
  for (const tab of ['findings', 'risks', 'soa', 'schedule', 'export']) {
    await page.click(`#tab-${tab}`);
    await page.waitForSelector(`#panel-${tab}:not([hidden])`);
  }
  assert.equal(await page.locator('#soa tbody tr').count(), 93);
  await page.click('#tab-soa');
  await page.screenshot({ path: join(env('SCREENSHOT_DIR'), 'workbench-soa.png') });
  await page.click('#tab-schedule');
  await page.screenshot({ path: join(env('SCREENSHOT_DIR'), 'workbench-schedule.png') });
  assert.equal(await page.locator('#roadmap li').count(), 17);
  assert.ok(await page.locator('#hm-inherent svg').count() === 1 && await page.locator('#hm-residual svg').count() === 1);
  await page.click('#tab-findings');
  await page.selectOption('#f-sev', 'blocker');
  assert.equal(await page.locator('#findings tbody tr').count(), native.summary.blocker);
  await page.selectOption('#f-sev', '');
  await page.screenshot({ path: join(env('SCREENSHOT_DIR'), 'workbench-findings.png') });
  await page.click('#tab-risks');
  await page.screenshot({ path: join(env('SCREENSHOT_DIR'), 'workbench-risks.png') });
  step('findings, risks, SoA (93 rows), calendar and roadmap (17 steps) render');

  // What-if: include the excluded control the first blocker is about; the numbers move.
  await page.click('#tab-whatif');
  const first = native.findings.find((f) => f.severity === 'blocker' && f.rule === 'soa.excluded_but_relied_on');
  assert.ok(first, 'the example has an excluded-but-relied-on blocker');
  await page.selectOption('#w-soa', first.control);
  await page.selectOption('#w-soa-app', 'true');
  await page.waitForFunction((b) => document.getElementById('kpi-blockers').textContent !== String(b), blockers, { timeout: 10000 });
  const after = Number(await page.textContent('#kpi-blockers'));
  assert.ok(after < blockers, `including ${first.control} removes its blocker (${blockers} -> ${after})`);
  assert.match(await page.textContent('#w-changes'), new RegExp(`SoA ${first.control.replace('.', '\\.')}: applicable`));
  // ... and a risk rating edit recomputes too.
  const before = await page.textContent('#whatif-compare');
  await page.selectOption('#w-risk', native.findings.length ? (await page.locator('#w-risk option').first().getAttribute('value')) : '');
  await page.selectOption('#w-il', '1');
  await page.waitForFunction(() => document.getElementById('w-changes').children.length >= 2, null, { timeout: 10000 });
  step(`what-if: including control ${first.control} took blockers ${blockers} -> ${after}; a rating edit recomputed (${before !== await page.textContent('#whatif-compare') ? 'numbers changed' : 'same numbers'})`);
  await page.screenshot({ path: join(env('SCREENSHOT_DIR'), 'workbench-whatif.png') });

  // Downloads: what the engine renders for the edited document, as the CLI renders it.
  await page.click('#tab-export');
  const fetchDownload = async (button) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
    const chunks = [];
    for await (const c of await download.createReadStream()) chunks.push(c);
    return Buffer.concat(chunks);
  };
  const edited = await fetchDownload('#d-doc');
  const editedPath = join(mkdtempSync(join(tmpdir(), 'isms-browser-')), 'edited-isms.json');
  writeFileSync(editedPath, edited);
  const cli = (op, request) => execFileSync(env('ISMS_CLI'), ['call', op, editedPath, '--request', JSON.stringify(request)]);
  assert.ok((await fetchDownload('#d-soa')).equals(cli('soa', { as_of: AS_OF, format: 'csv' })), 'SoA CSV download = isms call soa');
  assert.ok((await fetchDownload('#d-ics')).equals(cli('calendar', { from: AS_OF, format: 'ical' })), '.ics download = isms call calendar');
  assert.ok((await fetchDownload('#d-report')).equals(cli('report', { as_of: AS_OF, format: 'html' })), 'report download = isms call report');
  step('downloads (edited document, SoA CSV, .ics, HTML report) equal the CLI output for the edited document');

  // One simulation in the worker.
  await page.click('#tab-loss');
  await page.selectOption('#l-trials', '100000');
  const t1 = Date.now();
  await page.click('#l-run');
  await page.waitForSelector('body[data-simulated]', { timeout: 120000 });
  assert.equal(await page.locator('#lec svg polyline').count(), 2);
  assert.match(await page.textContent('[data-testid=rosi]'), /%|–/);
  step(`simulated 100,000 years in the worker in ${Date.now() - t1} ms`);
  await page.screenshot({ path: join(env('SCREENSHOT_DIR'), 'workbench-loss.png') });

  // Keyboard: the tabs follow the arrow keys.
  await page.focus('#tab-loss');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getAttribute('#tab-export', 'aria-selected'), 'true');
  await page.keyboard.press('Home');
  assert.equal(await page.getAttribute('#tab-overview', 'aria-selected'), 'true');

  // Pasting: an invalid document is refused with the engine's error; another document loads and
  // its numbers are the CLI's too.
  const paste = async (text) => {
    await page.click('#btn-paste');
    await page.fill('#paste-text', text);
    await page.click('#paste-load');
  };
  await paste('{"schema_version": "1.0", "organization": 5}');
  await page.waitForSelector('#paste-error .alert.error');
  assert.match(await page.textContent('#paste-error'), /parse_error/);
  await page.screenshot({ path: join(env('SCREENSHOT_DIR'), 'workbench-paste-error.png') });
  await page.click('#paste-cancel');
  const minimal = join(env('ISMS_ROOT'), 'examples', 'minimal.json');
  let nativeMinimal;
  try { nativeMinimal = execFileSync(env('ISMS_CLI'), ['check', minimal, '--as-of', AS_OF, '--json']); } catch (e) { nativeMinimal = e.stdout; }
  nativeMinimal = JSON.parse(nativeMinimal);
  await paste(readFileSync(minimal, 'utf8'));
  await page.waitForFunction((v) => document.getElementById('kpi-readiness').dataset.value === String(v) && !document.getElementById('alert').textContent, nativeMinimal.readiness.overall, { timeout: 10000 });
  assert.equal(Number(await page.textContent('#kpi-blockers')), nativeMinimal.summary.blocker);
  step(`keyboard tabs; a pasted invalid document is refused (parse_error); the pasted minimal example shows readiness ${nativeMinimal.readiness.overall} as the CLI does`);

  // The npm package's browser entry (ES module + `init()` fetching the .wasm next to it), served
  // over HTTP as a web app would load it.
  const pkg = env('PKG');
  const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
  const northwind = readFileSync(example, 'utf8');
  const html = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>isms package</title><script type="module">
    import { init, Isms, ValidationError, simulateModel, catalogAnnexA } from '/index.js';
    try {
      await init();
      const doc = new Isms(await (await fetch('/northwind.json')).text());
      const e = doc.evaluate({ as_of: '${AS_OF}' });
      let invalid = null;
      try { new Isms({ schema_version: '1.0', organization: { name: 'x' }, people: [{ id: 'p', name: 'a' }, { id: 'p', name: 'b' }] }); }
      catch (err) { invalid = { isValidationError: err instanceof ValidationError, code: err.code, problems: err.problems.length }; }
      const sim = simulateModel({ model: doc.toObject().risks.find((r) => r.fair).fair, options: { trials: 10000, seed: 1 } });
      window.__result = { readiness: e.readiness.overall, blockers: e.summary.blocker, controls: catalogAnnexA().length,
        svg: doc.heatmap({ as_of: '${AS_OF}', format: 'svg' }).startsWith('<svg'), mean: sim.mean > 0, invalid };
    } catch (err) { window.__result = { error: String(err && err.stack || err) }; }
  </script>`;
  const server = createServer((req, res) => {
    const path = req.url.split('?')[0];
    if (path === '/') { res.writeHead(200, { 'content-type': 'text/html' }); return res.end(html); }
    if (path === '/northwind.json') { res.writeHead(200, { 'content-type': 'application/json' }); return res.end(northwind); }
    const file = join(pkg, normalize(path).replace(/^[/\\.]+/, ''));
    if (!file.startsWith(pkg) || !existsSync(file)) { res.writeHead(404); return res.end(); }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  try {
    const web = await browser.newPage();
    web.on('pageerror', (e) => problems.push(`package page: ${e.message}`));
    web.on('console', (m) => { if (m.type() === 'error') problems.push(`package page console: ${m.text()}`); });
    await web.goto(`http://127.0.0.1:${server.address().port}/`);
    await web.waitForFunction(() => window.__result !== undefined, null, { timeout: 60000 });
    const r = await web.evaluate(() => window.__result);
    assert.equal(r.error, undefined, r.error);
    assert.deepEqual(r, { readiness: native.readiness.overall, blockers: native.summary.blocker, controls: 93, svg: true, mean: true,
      invalid: { isValidationError: true, code: 'invalid_document', problems: r.invalid?.problems } });
    assert.ok(r.invalid.problems >= 1);
    step(`the npm package's ES module entry in a served page: init() fetched the module; readiness ${r.readiness}, ValidationError thrown`);
  } finally {
    server.close();
  }
} finally {
  await browser.close();
}
assert.deepEqual(problems, [], `console errors, page errors or network requests:\n${problems.join('\n')}`);
console.log('   browser: OK');
