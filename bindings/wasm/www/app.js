// ISMS Workbench: the page's controller. It loads a document into the engine (WebAssembly, on this
// thread for the quick operations; simulations in a Web Worker), asks the engine for every result
// and renders what comes back. It computes no domain result itself: readiness, verdicts, findings,
// heat maps (SVG from the engine), the register, the SoA, the calendar, the roadmap, simulations
// and every download are the engine's output. The what-if panel edits the document (inputs only)
// and asks again.
/* global wasm_bindgen, ISMS_WASM_BASE64, ISMS_WORKER_SOURCE */
'use strict';

const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const fmtInt = new Intl.NumberFormat('en-US');
const fmtMoney = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const fmtCompact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const pct = (p) => `${(p * 100).toFixed(p < 0.01 && p > 0 ? 2 : 1)}%`;
const label = (s) => String(s ?? '').replace(/_/g, ' ');

// --- the engine -------------------------------------------------------------------------------

const engine = {
  handle: null,
  load(text) {
    const next = wasm_bindgen.IsmsHandle.fromJson(text); // throws the core's error (code, reportJson)
    this.handle?.free();
    this.handle = next;
  },
  json(op, request) {
    return JSON.parse(this.handle.call(op, JSON.stringify(request)));
  },
  text(op, request) {
    return this.handle.call(op, JSON.stringify(request));
  },
  free(op, request) {
    return JSON.parse(wasm_bindgen.call(op, JSON.stringify(request), undefined));
  },
};

function describeError(e) {
  if (e && typeof e.reportJson === 'string') {
    const r = JSON.parse(e.reportJson);
    const problems = (r.problems || []).slice(0, 8).map((p) => `<li><span class="mono">${esc(p.path)}</span> ${esc(p.message)}</li>`).join('');
    const more = r.problems && r.problems.length > 8 ? `<li>… and ${r.problems.length - 8} more</li>` : '';
    return `<b>${esc(r.code)}</b>: ${esc(r.message)}${problems ? `<ul>${problems}${more}</ul>` : ''}`;
  }
  return esc(e && e.message ? e.message : String(e));
}

function showAlert(html, kind = 'error') {
  $('alert').innerHTML = html ? `<div class="alert ${kind}">${html}</div>` : '';
}

// --- worker for simulations --------------------------------------------------------------------

let worker = null;
let jobs = 0;
const pending = new Map();
function startWorker(module) {
  const url = URL.createObjectURL(new Blob([ISMS_WORKER_SOURCE], { type: 'text/javascript' }));
  worker = new Worker(url);
  worker.onmessage = (ev) => {
    const { id, ok, text, error } = ev.data;
    const p = pending.get(id);
    pending.delete(id);
    if (ok) p.resolve(text); else p.reject(error);
  };
  worker.onerror = (ev) => { console.error('worker error', ev.message); };
  worker.postMessage({ init: module });
}
function inWorker(document, op, request) {
  const id = ++jobs;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, document, op, request: JSON.stringify(request) });
  });
}

// --- state --------------------------------------------------------------------------------------

const state = {
  doc: null, // the current document (object), possibly edited
  original: null, // the document as loaded (JSON text)
  baseline: null, // evaluation of the document as loaded
  evaluation: null,
  rules: null, // catalog of rules (for checklist steps)
  changes: [],
  rendered: new Set(),
  asOf: null,
};

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function loadDocument(text, { keepChanges = false } = {}) {
  try {
    const doc = JSON.parse(text);
    engine.load(text);
    state.doc = doc;
    if (!keepChanges) {
      state.original = text;
      state.changes = [];
      state.baseline = null;
    }
    showAlert('');
    recompute();
    return true;
  } catch (e) {
    showAlert(`This document could not be loaded. ${describeError(e)}`);
    return false;
  }
}

function recompute() {
  const t0 = performance.now();
  state.evaluation = engine.json('evaluate', { as_of: state.asOf });
  if (!state.baseline) state.baseline = state.evaluation;
  state.rendered.clear();
  state.people = null;
  renderHeader();
  renderOverview();
  renderCounts();
  renderActive();
  populateWhatIf();
  renderWhatIfCompare();
  document.body.dataset.state = 'ready';
  document.body.dataset.evaluateMs = String(Math.round(performance.now() - t0));
}

// --- header and overview -----------------------------------------------------------------------

function renderHeader() {
  const org = state.doc.organization || {};
  $('org-name').textContent = org.name || 'Unnamed organisation';
  const n = (k) => (state.doc[k] || []).length;
  $('doc-meta').textContent = `${fmtInt.format(n('risks'))} risks · ${fmtInt.format(n('assets'))} assets · ${fmtInt.format(n('people'))} people${state.changes.length ? ` · ${state.changes.length} unsaved change(s)` : ''}`;
}

function barClass(score) { return score >= 80 ? '' : score >= 50 ? 'mid' : 'low'; }
function bars(lines) {
  return lines.map((l) => `<div class="bar" title="${esc(`${l.title}: ${l.failing_rules} of ${l.rules} rules failing, ${l.findings} findings`)}"><span class="name">${/^\d/.test(l.key) ? `${esc(l.key)} · ` : ''}${esc(l.title)}</span><span class="track" role="img" aria-label="${esc(`${l.score} of 100`)}"><span class="fill ${barClass(l.score)}" style="width:${Math.max(0, Math.min(100, l.score))}%"></span></span><span class="num">${l.score}</span></div>`).join('');
}

function verdict(el, sub, stage) {
  el.className = `verdict ${stage.ready ? 'ready' : 'not-ready'}`;
  el.textContent = stage.ready ? '✓ Ready' : '✗ Not ready';
  sub.textContent = stage.ready ? 'no blocking finding' : `${stage.blockers.length} blocking finding(s)`;
}

function delta(now, before, higherIsBetter = true) {
  if (before === undefined || now === before) return '';
  const up = now > before;
  const good = up === higherIsBetter;
  return `<span class="delta ${good ? 'up' : 'down'}">${up ? '▲' : '▼'} ${esc(String(before))} → ${esc(String(now))}</span>`;
}

function renderOverview() {
  const e = state.evaluation;
  const b = state.baseline;
  $('kpi-readiness').innerHTML = `${e.readiness.overall}<span style="font-size:18px;color:var(--muted)">/100</span>`;
  $('kpi-readiness').dataset.value = String(e.readiness.overall);
  $('kpi-readiness-sub').innerHTML = `<span class="meter" aria-hidden="true"><span style="width:${e.readiness.overall}%"></span></span>overall score${delta(e.readiness.overall, b.readiness.overall)}`;
  verdict($('kpi-stage1'), $('kpi-stage1-sub'), e.readiness.stage1);
  verdict($('kpi-stage2'), $('kpi-stage2-sub'), e.readiness.stage2);
  $('kpi-findings').innerHTML = `${fmtInt.format(e.summary.total)}${delta(e.summary.total, b.summary.total, false)}`;
  $('kpi-blockers').textContent = String(e.summary.blocker);
  $('kpi-majors').textContent = String(e.summary.major);
  $('kpi-minors').textContent = String(e.summary.minor);
  const byPrint = new Map(e.findings.map((f) => [f.fingerprint, f]));
  const blockers = [...new Map([...e.readiness.stage1.blockers, ...e.readiness.stage2.blockers].map((x) => [x.fingerprint, x])).values()];
  $('blockers').innerHTML = blockers.length ? blockers.map((x) => {
    const f = byPrint.get(x.fingerprint) || { message: x.rule, remediation: '' };
    return `<li><div><span class="badge sev-blocker">blocker</span> ${esc(f.message)}</div><div class="rule">${esc(x.rule)} · clause ${esc(f.clause || '')}${f.control ? ` · control ${esc(f.control)}` : ''}</div>${f.remediation ? `<div class="hint" style="margin-top:4px"><b>Fix:</b> ${esc(f.remediation)}</div>` : ''}</li>`;
  }).join('') : '<li style="border-color:#bfe3cb;background:var(--ok-bg)">Nothing blocks the Stage 1 or Stage 2 audit.</li>';
  $('themes').innerHTML = bars(e.readiness.themes);
  $('clauses').innerHTML = bars(e.readiness.clauses);
  // Next 90 days from the engine's calendar.
  const end = addDays(state.asOf, 90);
  const cal = engine.json('calendar', { from: state.asOf, to: end });
  const items = cal.items.slice(0, 40);
  $('upcoming-hint').textContent = `${cal.items.length} item(s) until ${end}`;
  $('upcoming').innerHTML = items.length ? `<thead><tr><th>Date</th><th>What</th><th>Status</th></tr></thead><tbody>${items.map((i) => `<tr><td class="mono date">${esc(i.date)}</td><td>${esc(i.title)}<div class="hint">${esc(label(i.kind))}</div></td><td>${statusBadge(i.status)}</td></tr>`).join('')}</tbody>` : '<tbody><tr><td class="empty">Nothing scheduled.</td></tr></tbody>';
}

// Calendar arithmetic for the query window only (the engine decides what falls inside it).
function addDays(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function statusBadge(s) {
  const v = String(s ?? '');
  const cls = /overdue|missed|lapsed|expired|not_started|open|late|at_risk|fail/.test(v) ? 'st-bad'
    : /due|planned|in_progress|upcoming|partial|pending|scheduled/.test(v) ? 'st-warn'
      : /done|implemented|closed|completed|ok|met|current|held|accepted/.test(v) ? 'st-ok' : 'st-neutral';
  return v ? `<span class="badge ${cls}">${esc(label(v))}</span>` : '';
}
const sevBadge = (s) => `<span class="badge sev-${esc(s)}">${esc(s)}</span>`;

function renderCounts() {
  $('count-findings').textContent = fmtInt.format(state.evaluation.summary.total);
}

// --- tabs ----------------------------------------------------------------------------------------

const tabs = [...document.querySelectorAll('[role=tab]')];
function selectTab(tab, focus = false) {
  for (const t of tabs) {
    const on = t === tab;
    t.setAttribute('aria-selected', String(on));
    t.tabIndex = on ? 0 : -1;
    $(t.getAttribute('aria-controls')).hidden = !on;
  }
  if (focus) tab.focus();
  renderActive();
}
for (const t of tabs) {
  t.addEventListener('click', () => selectTab(t));
  t.addEventListener('keydown', (ev) => {
    const i = tabs.indexOf(t);
    const to = ev.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : ev.key === 'ArrowLeft' ? tabs[(i - 1 + tabs.length) % tabs.length]
      : ev.key === 'Home' ? tabs[0] : ev.key === 'End' ? tabs[tabs.length - 1] : null;
    if (to) { ev.preventDefault(); selectTab(to, true); }
  });
}
function renderActive() {
  if (!state.evaluation) return;
  const id = tabs.find((t) => t.getAttribute('aria-selected') === 'true').id.slice(4);
  if (state.rendered.has(id)) return;
  state.rendered.add(id);
  ({ findings: renderFindings, risks: renderRisks, soa: renderSoa, schedule: renderSchedule, loss: populateLoss, export: renderAbout })[id]?.();
}

// --- findings ------------------------------------------------------------------------------------

function renderFindings() {
  const e = state.evaluation;
  state.rules ??= engine.free('catalog_rules', {});
  const steps = new Map(state.rules.map((r) => [r.id, r.steps]));
  const fill = (sel, values) => {
    const cur = sel.value;
    sel.innerHTML = '<option value="">All</option>' + values.map((v) => `<option value="${esc(v)}">${esc(v)}</option>`).join('');
    sel.value = values.includes(cur) ? cur : '';
  };
  const byNum = (a, b) => a.localeCompare(b, undefined, { numeric: true });
  fill($('f-clause'), [...new Set(e.findings.map((f) => f.clause))].sort(byNum));
  fill($('f-control'), [...new Set(e.findings.map((f) => f.control).filter(Boolean))].sort(byNum));
  fill($('f-step'), [...new Set(e.findings.flatMap((f) => steps.get(f.rule) || []))].sort((a, b) => a - b).map(String));
  const sev = $('f-sev').value, clause = $('f-clause').value, control = $('f-control').value, step = $('f-step').value;
  const text = $('f-text').value.trim().toLowerCase();
  const shown = e.findings.filter((f) => (!sev || f.severity === sev) && (!clause || f.clause === clause)
    && (!control || f.control === control) && (!step || (steps.get(f.rule) || []).includes(Number(step)))
    && (!text || `${f.rule} ${f.message} ${f.remediation}`.toLowerCase().includes(text)));
  $('f-count').textContent = `${fmtInt.format(shown.length)} of ${fmtInt.format(e.findings.length)} findings`;
  const rows = shown.slice(0, 500).map((f) => `<tr><td>${sevBadge(f.severity)}</td><td class="mono">${esc(f.clause)}</td><td class="mono">${esc(f.control || '')}</td><td>${esc(f.message)}<div class="fix">${esc(f.remediation)}</div></td><td class="mono">${esc(f.rule)}</td><td class="mono">${esc((steps.get(f.rule) || []).join(', '))}</td></tr>`).join('');
  $('findings').innerHTML = `<thead><tr><th>Severity</th><th>Clause</th><th>Control</th><th>Finding and fix</th><th>Rule</th><th>Steps</th></tr></thead><tbody>${rows || '<tr><td colspan="6" class="empty">No finding matches these filters.</td></tr>'}</tbody>${shown.length > 500 ? `<tfoot><tr><td colspan="6" class="empty">Showing the first 500; narrow the filters to see the rest.</td></tr></tfoot>` : ''}`;
}
for (const id of ['f-sev', 'f-clause', 'f-control', 'f-step']) $(id).addEventListener('change', renderFindings);
$('f-text').addEventListener('input', renderFindings);

// --- risks ---------------------------------------------------------------------------------------

function renderRisks() {
  $('hm-inherent').innerHTML = engine.text('heatmap', { as_of: state.asOf, format: 'svg' });
  $('hm-residual').innerHTML = engine.text('heatmap', { as_of: state.asOf, residual: true, format: 'svg' });
  const reg = engine.json('risk_register', { as_of: state.asOf });
  $('register-hint').textContent = `${reg.rows.length} risks, ranked`;
  const colors = new Map(engine.json('heatmap', { as_of: state.asOf }).levels.map((l) => [l.id, l.color]));
  const lvl = (r) => (r && r.level ? `<span class="level"><i style="background:${esc(colors.get(r.level) ?? '#eef1f5')}"></i>${esc(r.label ?? label(r.level))}</span> <span class="hint">L${r.likelihood ?? '–'} × C${r.consequence ?? '–'}</span>` : '<span class="hint">not rated</span>');
  const rows = [...reg.rows].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  $('register').innerHTML = `<thead><tr><th class="num">Rank</th><th>Risk</th><th>Owner</th><th>Inherent</th><th>Residual</th><th>Above appetite</th><th>Accepted</th><th>Review due</th></tr></thead><tbody>${rows.slice(0, 500).map((r) => `<tr><td class="num">${r.rank ?? ''}</td><td>${esc(r.title)}<div class="hint mono">${esc(r.id)}</div></td><td>${esc(r.owner_name || r.owner || '')}</td><td>${lvl(r.inherent)}</td><td>${lvl(r.residual)}</td><td>${r.above_appetite ? '<span class="badge st-bad">yes</span>' : '<span class="badge st-ok">no</span>'}</td><td>${r.accepted ? `<span class="badge st-ok">by ${esc(r.accepted_by_name || r.accepted_by)}</span>` : '<span class="badge st-neutral">no</span>'}</td><td class="mono">${esc(r.review_due_on || '')}${r.review_overdue ? ' <span class="badge st-bad">overdue</span>' : ''}</td></tr>`).join('')}</tbody>`;
  const plan = engine.json('treatment_plan', { as_of: state.asOf });
  $('plan-hint').textContent = `${plan.items.length} treatments · ${plan.overdue_actions.length} overdue action(s)`;
  $('plan').innerHTML = `<thead><tr><th>Treatment</th><th>Risk</th><th>Option</th><th class="num">Progress</th><th>Actions</th></tr></thead><tbody>${plan.items.slice(0, 500).map((t) => `<tr><td class="mono">${esc(t.treatment)}</td><td>${esc(t.risk_title)}</td><td>${esc(t.option)}</td><td class="num">${t.progress ?? 0}%</td><td>${(t.actions || []).map((a) => `<div>${statusBadge(a.overdue ? 'overdue' : a.status)} ${esc(a.title)} <span class="hint mono">${esc(a.due_on || '')}</span></div>`).join('')}</td></tr>`).join('')}</tbody>`;
}

// --- SoA -----------------------------------------------------------------------------------------

function renderSoa() {
  const s = engine.json('soa', { as_of: state.asOf });
  state.soa = s;
  const k = s.summary;
  $('soa-kpis').innerHTML = [['Controls', k.controls, `${k.addressed} addressed`], ['Applicable', k.applicable, `${k.excluded} excluded`], ['Implemented', k.implemented, `${k.with_current_evidence} with current evidence`], ['Issues', k.issues, 'completeness and consistency']]
    .map(([l, v, sub]) => `<div class="card kpi"><div class="label">${l}</div><div class="value">${v}</div><div class="sub">${esc(sub)}</div></div>`).join('');
  filterSoa();
}
function filterSoa() {
  const s = state.soa;
  const theme = $('s-theme').value, app = $('s-app').value, text = $('s-text').value.trim().toLowerCase();
  const issues = new Map();
  for (const i of s.issues) issues.set(i.control, [...(issues.get(i.control) || []), i.message]);
  const rows = s.entries.filter((e) => (!theme || e.theme === theme) && (!app || e.applicability === app || (app === 'excluded' && e.applicability !== 'applicable'))
    && (!text || `${e.control} ${e.title} ${e.owner_name || ''} ${e.justification || ''}`.toLowerCase().includes(text)));
  $('s-count').textContent = `${rows.length} of ${s.entries.length} controls`;
  $('soa').innerHTML = `<thead><tr><th>Control</th><th>Title</th><th>Theme</th><th>Applicability</th><th>Status</th><th>Justification / reasons</th><th>Owner</th><th>Evidence</th></tr></thead><tbody>${rows.map((e) => `<tr><td class="mono">${esc(e.control)}</td><td>${esc(e.title)}${issues.has(e.control) ? `<div class="hint" style="color:var(--major)">⚠ ${esc(issues.get(e.control).join('; '))}</div>` : ''}</td><td>${esc(e.theme)}</td><td>${e.applicability === 'applicable' ? '<span class="badge st-ok">applicable</span>' : `<span class="badge st-neutral">${esc(label(e.applicability))}</span>`}</td><td>${statusBadge(e.status)}</td><td>${esc(e.justification || (e.reasons || []).map(label).join(', '))}</td><td>${esc(e.owner_name || e.owner || '')}</td><td>${e.evidence_current ? '<span class="badge st-ok">current</span>' : (e.evidence || []).length ? '<span class="badge st-warn">stale</span>' : ''}</td></tr>`).join('')}</tbody>`;
}
for (const id of ['s-theme', 's-app']) $(id).addEventListener('change', filterSoa);
$('s-text').addEventListener('input', filterSoa);

// --- calendar and roadmap ------------------------------------------------------------------------

function renderSchedule() {
  const cal = engine.json('calendar', { from: state.asOf });
  state.calendar = cal;
  const fill = (sel, values) => {
    const cur = sel.value;
    sel.innerHTML = `<option value="">${sel.id === 'c-kind' ? 'Everything' : 'Any'}</option>` + values.map((v) => `<option value="${esc(v)}">${esc(label(v))}</option>`).join('');
    sel.value = values.includes(cur) ? cur : '';
  };
  fill($('c-kind'), [...new Set(cal.items.map((i) => i.kind))].sort());
  fill($('c-status'), [...new Set(cal.items.map((i) => i.status).filter(Boolean))].sort());
  filterCalendar();
  const road = engine.json('roadmap', { as_of: state.asOf });
  $('road-hint').textContent = `${road.done} done · ${road.in_progress} in progress · ${road.not_started} not started${road.target_date ? ` · target ${road.target_date}` : ''}`;
  $('roadmap').innerHTML = road.steps.map((s) => `<li class="${esc(s.status)}"><span class="n">${s.step}</span><div>${esc(s.title)}<div class="meta">${s.checked ? `${fmtInt.format(s.checked - s.failed)} of ${fmtInt.format(s.checked)} items pass` : 'no automatic check'}${s.blocked_by.length ? ` · ${s.blocked_by.length} open finding(s)` : ''}${s.waiting_on.length ? ` · waits for step ${s.waiting_on.join(', ')}` : ''}${s.at_risk ? ' · <b style="color:var(--blocker)">at risk</b>' : ''}</div></div><div style="text-align:right">${statusBadge(s.status)}<div class="meta mono">${esc(s.end || '')}</div></div></li>`).join('');
}
function filterCalendar() {
  const kind = $('c-kind').value, status = $('c-status').value;
  const items = state.calendar.items.filter((i) => (!kind || i.kind === kind) && (!status || i.status === status));
  $('cal-hint').textContent = `${items.length} item(s), ${state.calendar.from} to ${state.calendar.to}`;
  $('calendar').innerHTML = `<thead><tr><th>Date</th><th>Kind</th><th>What</th><th>Owner</th><th>Status</th></tr></thead><tbody>${items.slice(0, 400).map((i) => `<tr><td class="mono date">${esc(i.date)}</td><td>${esc(label(i.kind))}</td><td>${esc(i.title)}</td><td>${esc(personName(i.owner))}</td><td>${statusBadge(i.status)}</td></tr>`).join('')}</tbody>`;
}
// People are named as the document names them (the engine's results carry ids).
function personName(id) {
  if (!id) return '';
  state.people ??= new Map((state.doc.people || []).map((p) => [p.id, p.name]));
  return state.people.get(id) || id;
}
$('c-kind').addEventListener('change', filterCalendar);
$('c-status').addEventListener('change', filterCalendar);

// --- what-if -------------------------------------------------------------------------------------

function options(sel, list, value) {
  sel.innerHTML = list.map(([v, t]) => `<option value="${esc(v)}">${esc(t)}</option>`).join('');
  if (value !== undefined) sel.value = value;
}

function populateWhatIf() {
  const d = state.doc;
  const map = engine.json('heatmap', { as_of: state.asOf });
  const ls = map.likelihood_labels.map((l, i) => [String(i + 1), `${i + 1} · ${l}`]);
  const cs = map.consequence_labels.map((l, i) => [String(i + 1), `${i + 1} · ${l}`]);
  const keep = (sel) => sel.value;
  const risk = keep($('w-risk'));
  options($('w-risk'), (d.risks || []).map((r) => [r.id, `${r.id} · ${r.title}`]), risk || undefined);
  for (const [id, list] of [['w-il', ls], ['w-ic', [['', '(from assets)'], ...cs]], ['w-rl', [['', '(not rated)'], ...ls]], ['w-rc', [['', '(from assets)'], ...cs]]]) options($(id), list);
  syncRisk();
  const actions = (d.treatments || []).flatMap((t) => (t.actions || []).map((a) => [`${t.id}/${a.id}`, `${a.id} · ${a.title}`]));
  options($('w-action'), actions, keep($('w-action')) || undefined);
  syncAction();
  const soa = (d.soa?.entries || []).map((e) => [e.control, e.control]);
  options($('w-soa'), soa, keep($('w-soa')) || undefined);
  syncSoa();
}
const findRisk = () => (state.doc.risks || []).find((r) => r.id === $('w-risk').value);
const findAction = () => {
  const [t, a] = $('w-action').value.split('/');
  return (state.doc.treatments || []).find((x) => x.id === t)?.actions?.find((x) => x.id === a);
};
const findSoa = () => (state.doc.soa?.entries || []).find((e) => e.control === $('w-soa').value);
function syncRisk() {
  const r = findRisk();
  if (!r) return;
  $('w-il').value = String(r.inherent?.likelihood ?? 1);
  $('w-ic').value = r.inherent?.consequence ? String(r.inherent.consequence) : '';
  $('w-rl').value = r.residual?.likelihood ? String(r.residual.likelihood) : '';
  $('w-rc').value = r.residual?.consequence ? String(r.residual.consequence) : '';
}
function syncAction() {
  const a = findAction();
  if (!a) return;
  $('w-action-status').value = a.status || 'planned';
  $('w-action-done').value = a.completed_on || '';
}
function syncSoa() {
  const e = findSoa();
  if (!e) return;
  $('w-soa-app').value = String(e.applicable);
  $('w-soa-status').value = e.status || '';
  $('w-soa-just').value = e.justification || '';
}
$('w-risk').addEventListener('change', syncRisk);
$('w-action').addEventListener('change', syncAction);
$('w-soa').addEventListener('change', syncSoa);

// Applies an edit to a copy of the document and reloads it; an edit the engine refuses (the
// document would not validate) is shown with the engine's problems and undone.
function edit(description, mutate) {
  const next = structuredClone(state.doc);
  mutate(next);
  const before = state.doc;
  try {
    engine.load(JSON.stringify(next));
  } catch (e) {
    showAlert(`That change was not applied: ${describeError(e)}`);
    state.doc = before;
    populateWhatIf();
    return;
  }
  state.doc = next;
  state.changes.push(description);
  showAlert('');
  recompute();
}
const setRating = (r, key, field, value) => {
  if (value === '') {
    if (r[key]) delete r[key][field];
    if (key === 'residual' && field === 'likelihood') delete r.residual;
    return;
  }
  r[key] = { ...(r[key] || {}), [field]: Number(value) };
};
for (const [id, key, field] of [['w-il', 'inherent', 'likelihood'], ['w-ic', 'inherent', 'consequence'], ['w-rl', 'residual', 'likelihood'], ['w-rc', 'residual', 'consequence']]) {
  $(id).addEventListener('change', () => {
    const riskId = $('w-risk').value;
    const value = $(id).value;
    edit(`${riskId}: ${key} ${field} → ${value || 'unset'}`, (d) => setRating(d.risks.find((r) => r.id === riskId), key, field, value));
  });
}
$('w-action-status').addEventListener('change', () => {
  const [t, a] = $('w-action').value.split('/');
  const status = $('w-action-status').value;
  const done = $('w-action-done').value.trim();
  edit(`${a}: status → ${status}`, (d) => {
    const act = d.treatments.find((x) => x.id === t).actions.find((x) => x.id === a);
    act.status = status;
    if (status === 'done') { act.progress = 100; act.completed_on = done || state.asOf; } else delete act.completed_on;
  });
});
$('w-action-done').addEventListener('change', () => {
  const [t, a] = $('w-action').value.split('/');
  const done = $('w-action-done').value.trim();
  edit(`${a}: completed on → ${done || 'unset'}`, (d) => {
    const act = d.treatments.find((x) => x.id === t).actions.find((x) => x.id === a);
    if (done) act.completed_on = done; else delete act.completed_on;
  });
});
const soaEdit = (what, f) => {
  const control = $('w-soa').value;
  edit(`SoA ${control}: ${what}`, (d) => f(d.soa.entries.find((e) => e.control === control)));
};
$('w-soa-app').addEventListener('change', () => {
  const applicable = $('w-soa-app').value === 'true';
  soaEdit(applicable ? 'applicable' : 'excluded', (e) => { e.applicable = applicable; });
});
$('w-soa-status').addEventListener('change', () => {
  const status = $('w-soa-status').value;
  soaEdit(`status → ${status || 'none'}`, (e) => { if (status) e.status = status; else delete e.status; });
});
$('w-soa-just').addEventListener('change', () => {
  const j = $('w-soa-just').value.trim();
  soaEdit(`justification → ${j ? `“${j}”` : 'none'}`, (e) => { if (j) e.justification = j; else delete e.justification; });
});
$('w-reset').addEventListener('click', () => loadDocument(state.original));
$('w-download').addEventListener('click', () => download('isms-edited.json', engine.handle.canonicalJson(), 'application/json'));

function renderWhatIfCompare() {
  const e = state.evaluation, b = state.baseline;
  const card = (l, now, before, better) => `<div class="card kpi"><div class="label">${l}</div><div class="value">${now}</div><div class="sub">${now === before ? `unchanged from the loaded document` : `${delta(now, before, better)} <span>since loading</span>`}</div></div>`;
  $('whatif-compare').innerHTML = card('Readiness', e.readiness.overall, b.readiness.overall, true)
    + card('Stage 1 blockers', e.readiness.stage1.blockers.length, b.readiness.stage1.blockers.length, false)
    + card('Stage 2 blockers', e.readiness.stage2.blockers.length, b.readiness.stage2.blockers.length, false)
    + card('Findings', e.summary.total, b.summary.total, false);
  $('w-changes').innerHTML = state.changes.length ? state.changes.map((c) => `<li>${esc(c)}</li>`).join('') : '<li>None yet.</li>';
}

// --- loss model (simulation in the worker) -------------------------------------------------------

function populateLoss() {
  const risks = (state.doc.risks || []).filter((r) => r.fair);
  const cur = $('l-risk').value;
  options($('l-risk'), risks.map((r) => [r.id, `${r.id} · ${r.title}`]), risks.some((r) => r.id === cur) ? cur : undefined);
  $('l-run').disabled = risks.length === 0;
  if (!risks.length) $('lec').innerHTML = '<div class="empty">This document has no quantified (Open FAIR) risk.</div>';
}

async function simulate() {
  const risk = $('l-risk').value;
  const request = { risk, options: { trials: Number($('l-trials').value), seed: Number($('l-seed').value) || 0, tolerance: Number($('l-tol').value) || undefined } };
  $('l-run').disabled = true;
  $('l-status').innerHTML = `<span class="spinner" aria-hidden="true"></span> simulating ${fmtInt.format(request.options.trials)} years in the background…`;
  const t0 = performance.now();
  try {
    const text = await inWorker(engine.handle.canonicalJson(), 'simulate', request);
    const result = JSON.parse(text);
    const ms = performance.now() - t0;
    $('l-status').textContent = `${fmtInt.format(request.options.trials)} years in ${(ms / 1000).toFixed(2)} s`;
    renderLoss(result.risks[0], request.options.tolerance);
    document.body.dataset.simulated = risk;
  } catch (e) {
    $('l-status').textContent = '';
    const msg = typeof e === 'string' ? (() => { try { const r = JSON.parse(e); return `${r.code}: ${r.message}`; } catch { return e; } })() : String(e);
    showAlert(`The simulation failed: ${esc(msg)}`);
  } finally {
    $('l-run').disabled = false;
  }
}
$('l-run').addEventListener('click', simulate);

function renderLoss(r, tolerance) {
  const W = 720, H = 360, L = 64, R = 16, T = 14, B = 42;
  const series = [['inherent', r.inherent], ['residual', r.residual]].filter(([, s]) => s);
  const maxX = Math.max(tolerance || 0, ...series.map(([, s]) => s.percentiles.p99 ?? s.max)) * 1.05 || 1;
  const x = (v) => L + (Math.min(v, maxX) / maxX) * (W - L - R);
  const y = (p) => T + (1 - p) * (H - T - B);
  const ticks = niceTicks(maxX);
  let svg = `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="Loss exceedance curve of ${esc(r.id)}">`;
  for (const p of [0, 0.25, 0.5, 0.75, 1]) svg += `<line class="grid-line" x1="${L}" x2="${W - R}" y1="${y(p)}" y2="${y(p)}"/><text x="${L - 8}" y="${y(p) + 4}" text-anchor="end">${p * 100}%</text>`;
  for (const t of ticks) svg += `<line class="grid-line" x1="${x(t)}" x2="${x(t)}" y1="${T}" y2="${H - B}"/><text x="${x(t)}" y="${H - B + 16}" text-anchor="middle">${fmtCompact.format(t)}</text>`;
  svg += `<line class="axis" x1="${L}" x2="${W - R}" y1="${H - B}" y2="${H - B}"/><line class="axis" x1="${L}" x2="${L}" y1="${T}" y2="${H - B}"/>`;
  svg += `<text x="${(L + W - R) / 2}" y="${H - 6}" text-anchor="middle">annual loss</text>`;
  for (const [name, s] of series) {
    const pts = s.loss_exceedance.filter((p) => p.loss <= maxX).map((p) => `${x(p.loss).toFixed(1)},${y(p.probability).toFixed(1)}`);
    svg += `<polyline class="${name}" points="${pts.join(' ')}"/>`;
  }
  if (tolerance) svg += `<line class="tolerance" x1="${x(tolerance)}" x2="${x(tolerance)}" y1="${T}" y2="${H - B}"/><text x="${x(tolerance) + 5}" y="${T + 12}" style="fill:#7c3aed">tolerance ${fmtCompact.format(tolerance)}</text>`;
  $('lec').innerHTML = svg + '</svg>';
  const row = (l, f) => `<tr><td>${l}</td>${series.map(([, s]) => `<td class="num">${f(s)}</td>`).join('')}</tr>`;
  $('l-table').innerHTML = `<thead><tr><th></th>${series.map(([n]) => `<th class="num">${n}</th>`).join('')}</tr></thead><tbody>`
    + row('Mean (ALE)', (s) => fmtMoney.format(s.mean))
    + ['p10', 'p50', 'p90', 'p95', 'p99'].map((p) => row(p.toUpperCase(), (s) => fmtMoney.format(s.percentiles[p] ?? 0))).join('')
    + row('P(loss &gt; 0)', (s) => pct(s.prob_loss_positive))
    + (tolerance ? row('P(loss &gt; tolerance)', (s) => (s.prob_exceeds_tolerance == null ? '–' : pct(s.prob_exceeds_tolerance))) : '')
    + row('Events / year', (s) => s.mean_events_per_year.toFixed(2)) + '</tbody>';
  const o = r.rosi;
  $('l-rosi').innerHTML = o ? `<tbody><tr><td>ALE before</td><td class="num">${fmtMoney.format(o.ale_before)}</td></tr><tr><td>ALE after</td><td class="num">${fmtMoney.format(o.ale_after)}</td></tr><tr><td>Reduction</td><td class="num">${fmtMoney.format(o.reduction)} <span class="hint">± ${fmtMoney.format(o.reduction_std_error)}</span></td></tr><tr><td>Annual cost</td><td class="num">${fmtMoney.format(o.annual_cost)}</td></tr><tr><td><b>ROSI</b></td><td class="num" data-testid="rosi"><b>${o.rosi == null ? '–' : pct(o.rosi)}</b></td></tr></tbody>` : '<tbody><tr><td class="empty">No treatment with a cost: no ROSI.</td></tr></tbody>';
}
function niceTicks(max) {
  const step0 = max / 5;
  const mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= step0);
  const out = [];
  for (let v = 0; v <= max; v += step) out.push(v);
  return out;
}

// --- export --------------------------------------------------------------------------------------

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
const slug = () => (state.doc.organization?.name || 'isms').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
$('d-report').addEventListener('click', () => download(`${slug()}-readiness-${state.asOf}.html`, engine.text('report', { as_of: state.asOf, format: 'html' }), 'text/html'));
$('d-soa').addEventListener('click', () => download(`${slug()}-soa-${state.asOf}.csv`, engine.text('soa', { as_of: state.asOf, format: 'csv' }), 'text/csv'));
$('d-ics').addEventListener('click', () => download(`${slug()}-calendar.ics`, engine.text('calendar', { from: state.asOf, format: 'ical' }), 'text/calendar'));
$('d-register').addEventListener('click', () => download(`${slug()}-risk-register-${state.asOf}.csv`, engine.text('risk_register', { as_of: state.asOf, format: 'csv' }), 'text/csv'));
$('d-doc').addEventListener('click', () => download(`${slug()}.json`, engine.handle.canonicalJson(), 'application/json'));
function renderAbout() {
  $('about-versions').textContent = `Engine ${wasm_bindgen.version()} · catalog ${wasm_bindgen.catalogVersion()}`;
}

// --- loading documents ---------------------------------------------------------------------------

$('btn-open').addEventListener('click', () => $('file').click());
$('file').addEventListener('change', async () => {
  const f = $('file').files[0];
  if (f) loadDocument(await f.text());
  $('file').value = '';
});
$('btn-example').addEventListener('click', () => loadDocument(exampleText()));
$('btn-paste').addEventListener('click', () => { $('paste-text').value = ''; $('paste-error').innerHTML = ''; $('paste-dialog').showModal(); });
$('paste-cancel').addEventListener('click', () => $('paste-dialog').close());
$('paste-load').addEventListener('click', () => {
  if (loadDocument($('paste-text').value)) $('paste-dialog').close();
  else $('paste-error').innerHTML = $('alert').innerHTML; // the dialog is modal: repeat the error in it
});
document.addEventListener('dragover', (ev) => { ev.preventDefault(); document.body.classList.add('dropping'); });
document.addEventListener('dragleave', (ev) => { if (ev.target === document.documentElement || !ev.relatedTarget) document.body.classList.remove('dropping'); });
document.addEventListener('drop', async (ev) => {
  ev.preventDefault();
  document.body.classList.remove('dropping');
  const f = ev.dataTransfer.files[0];
  if (f) loadDocument(await f.text());
});
$('as-of').addEventListener('change', () => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test($('as-of').value)) return;
  state.asOf = $('as-of').value;
  document.body.dataset.asOf = state.asOf;
  state.baseline = null;
  recompute();
});
const exampleText = () => $('example-document').textContent;

// --- start ---------------------------------------------------------------------------------------

(function start() {
  const bytes = Uint8Array.from(atob(ISMS_WASM_BASE64), (c) => c.charCodeAt(0));
  const module = new WebAssembly.Module(bytes);
  wasm_bindgen.initSync({ module });
  startWorker(module);
  const q = new URLSearchParams(location.search);
  state.asOf = /^\d{4}-\d{2}-\d{2}$/.test(q.get('as_of') || '') ? q.get('as_of') : today();
  $('as-of').value = state.asOf;
  document.body.dataset.asOf = state.asOf;
  if (q.get('tab')) { const t = $(`tab-${q.get('tab')}`); if (t) selectTab(t); }
  loadDocument(exampleText());
}());
