"""Typed usage of the public API, checked by mypy --strict in test_typing.py
(not collected by pytest: it has no tests)."""

from __future__ import annotations

import datetime as dt

import isms
from isms import catalog


def copy_of(doc: isms.Isms) -> isms.Isms:
    return isms.Isms.from_dict(doc.to_dict())


def summarise(path: str) -> dict[str, int]:
    doc: isms.Isms = isms.load(path)
    problems: list[isms.Problem] = doc.validate()
    controls: isms.Table[catalog.Control] = catalog.annex_a(theme="people")
    first: catalog.Control = controls[0]
    titles: list[str] = [c.title for c in controls]
    rows: list[catalog.MappingRow] = list(catalog.mapping_to_2022(first.id))
    clause: catalog.Clause = catalog.clauses()[0]
    docs = [d.key for d in catalog.mandatory_documents() if d.always]
    r = isms.Record({"due_on": "2025-01-01"})
    when: object = r.due_on
    del when
    reg: isms.RiskRegister = doc.risk_register(as_of=dt.date(2025, 1, 1))
    top: list[isms.AssessedRisk] = reg.ranked()
    rank: int | None = top[0].rank if top else None
    level = top[0].inherent.label if top and top[0].inherent else None
    due: dt.date | None = reg[0].review_due_on if len(reg) else None
    cal: isms.Calendar = doc.calendar(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    first_day: dt.date = cal.items[0].date if len(cal) else cal.start
    nc: isms.Isms = doc.nc_transition("nc-1", "close", on=dt.date(2025, 2, 1), by="p1")
    sim: isms.Simulation = isms.simulate({"frequency": {}}, years=1000, seed=1, keep_samples=True)
    mean: float = sim.mean
    del first_day, nc, mean
    ev: isms.Evaluation = doc.evaluate(as_of=dt.date(2025, 1, 1))
    readiness: int = ev.overall_readiness
    findings: list[isms.Finding] = list(ev.findings)
    soa: isms.Statement = doc.soa(dt.date(2025, 1, 1))
    hm: isms.HeatMap = doc.heatmap(dt.date(2025, 1, 1))
    plan: isms.TreatmentPlan = doc.treatment_plan(dt.date(2025, 1, 1))
    csv_text: str = soa.to_csv() + soa.to_markdown() + soa.to_html() + reg.to_csv() + reg.to_markdown()
    svg: str = doc.heatmap(dt.date(2025, 1, 1), residual=True).to_svg()
    worst: str | None = ev.worst
    failing: bool = ev.fails("major") or doc.drift(doc, as_of=dt.date(2025, 1, 1)).fails("blocker")
    dsim: isms.DocumentSimulation = doc.simulate(years=1000, seed=1, risk=None, tolerance=1e5)
    per_risk: list[isms.RiskSimulation] = list(dsim.risks)
    after: isms.Simulation | None = per_risk[0].residual if per_risk else None
    rosi: isms.Record | None = per_risk[0].rosi if per_risk else None
    portfolio: isms.PortfolioSimulation | None = dsim.portfolio
    total: float = portfolio.total.mean if portfolio else 0.0
    exact: float | None = isms.analytic_mean({"frequency": {}})
    diff: isms.SoaDiff = doc.soa_diff(copy_of(doc))
    changed: bool = diff.is_empty
    road: isms.Roadmap = doc.roadmap(dt.date(2025, 1, 1))
    gantt: str = road.to_mermaid()
    step: isms.RoadmapStep = road.steps[0]
    programme: isms.AuditProgramme = doc.audit_programme(dt.date(2025, 1, 1), audits=2, lead_days=20)
    window: dt.date = programme.start
    duration: isms.AuditDuration = doc.audit_duration(dt.date(2025, 1, 1), business_score=5, it_score=5)
    days: float = duration.initial_audit_days
    bands: list[catalog.AuditTimeBand] = list(catalog.audit_time_chart())
    frame: object = ev.to_pandas("rules")
    pf: isms.PortfolioSimulation = isms.simulate_portfolio({"a": {"frequency": {}}}, years=100, seed=1)
    cmp: isms.Record = isms.compare({"frequency": {}}, {"frequency": {}}, annual_cost=1.0)
    ret: isms.Record = isms.rosi({"frequency": {}}, [{"name": "x", "annual_cost": 1.0}], years=100)
    rule_ids: list[str] = [r.id for r in catalog.rules()]
    preset: dict[str, object] = catalog.methodology_preset("iso27005_5x5")
    slots: isms.Table[isms.Record] = doc.management_review_plan(dt.date(2025, 1, 1), "2026-01-01")
    del pf, cmp, ret, rule_ids, preset, slots
    del readiness, findings, soa, hm, plan, csv_text, svg, worst, failing, after, rosi, total, exact
    del changed, gantt, step, window, days, bands, frame
    copy: isms.Isms = isms.Isms.from_dict(doc.to_dict())
    text: str = copy.to_json()
    try:
        isms.loads(text)
    except isms.ParseError as e:
        line: int = e.line
        del line
    except isms.IsmsError as e:
        codes: list[str] = [p.code for p in e.problems]
        del codes
    del due, clause, rank, level
    return {"problems": len(problems), "titles": len(titles), "rows": len(rows), "docs": len(docs)}


def engine_api(doc: isms.Isms) -> None:
    """The engine-based additions type-check too."""
    ass: isms.RiskAssessment = doc.risk_assessment()
    row: isms.results.RegisterRow = doc.risk_register().rows[0]
    nc: isms.NcDetail = doc.nc_show("nc-1")
    ics: str = doc.calendar().to_ical()
    drift: isms.Drift = doc.drift(to=dt.date(2026, 1, 1))
    problems: list[isms.Problem] = isms.validate("{}")
    text: str = doc.call("evaluate", {"as_of": "2025-01-01"}) + isms.call("schemas")
    ops: list[dict[str, object]] = isms.operations()
    del ass, row, nc, ics, drift, problems, text, ops


def monitoring(doc: isms.Isms, path: str) -> None:
    """The continuous-monitoring surface type-checks: results as paths,
    records, ingested results or frames; typed results with DataFrames."""
    import pathlib

    runs = [path, pathlib.Path(path)]
    summary: isms.MonitorSummary = doc.monitor_summary(runs, dt.date(2026, 11, 29))
    health: isms.results.ControlHealth | None = summary.control("8.8")
    failing: isms.Table[isms.results.CheckResult] = summary.controls[0].failing
    cov: isms.Coverage = doc.monitor_coverage([{"check": "x"}], "2026-11-29")
    ratio: float = cov.ratio
    drift: isms.MonitorDrift = doc.monitor_drift(path, None, "2026-11-22", dt.date(2026, 11, 29))
    started: bool = drift.started
    first: dt.date = drift.from_
    ingested: isms.Ingested = isms.monitor_ingest(pathlib.Path(path), "prowler-ocsf", run_id="r1", strict=False)
    recs: isms.Table[isms.results.ResultRecord] = ingested.records
    ev: isms.Evaluation = doc.check("2026-11-29", results=ingested)
    soa: isms.Statement = doc.soa("2026-11-29", results=ingested.to_pandas())
    lint: isms.MappingLint = isms.mapping_lint("check,framework,control\n", doc)
    ok: bool = lint.ok
    n: int = lint.row_count
    frames: list[object] = [summary.to_pandas(), summary.failing_to_pandas(), cov.to_pandas(), drift.to_pandas()]
    del health, failing, ratio, started, first, recs, ev, soa, ok, n, frames
