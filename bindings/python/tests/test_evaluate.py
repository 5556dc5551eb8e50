"""Evaluation, Statement of Applicability, heat map and treatment plan."""

from __future__ import annotations

import datetime as dt
import pathlib

import pytest

import isms

NORTHWIND = pathlib.Path(__file__).resolve().parents[3] / "examples" / "northwind-saas.json"
AS_OF = dt.date(2026, 11, 29)


@pytest.fixture(scope="module")
def northwind() -> isms.Isms:
    return isms.load(NORTHWIND)


def test_evaluate(northwind: isms.Isms) -> None:
    ev = northwind.evaluate(as_of=AS_OF)
    assert isinstance(ev, isms.Evaluation) and ev.as_of == AS_OF
    assert 0 <= ev.overall_readiness <= 100 and ev.readiness.overall == ev.overall_readiness
    assert len(ev) == len(ev.findings) == ev.summary.total
    f = ev.findings[0]
    assert isinstance(f, isms.Finding) and f.severity and f.rule and f.message and f.fingerprint
    assert ev.to_dict() == northwind.evaluate("2026-11-29").to_dict()  # deterministic
    df = ev.to_pandas()
    assert len(df) == len(ev) and {"rule", "severity", "message"} <= set(df.columns)
    assert "readiness" in ev._repr_html_() and "top findings" in ev._repr_html_()
    assert ev.to_json().endswith("\n")


def test_evaluate_rejects_an_invalid_document(northwind: isms.Isms) -> None:
    d = northwind.to_dict()
    d["risks"][0]["owner"] = "ghost"
    with pytest.raises(isms.ValidationError) as info:
        isms.Isms.from_dict(d).evaluate(AS_OF)
    assert any(p.path == "$.risks[0].owner" for p in info.value.problems)


def test_soa(northwind: isms.Isms) -> None:
    st = northwind.soa(AS_OF)
    assert isinstance(st, isms.Statement) and len(st) == 93
    assert st.summary.controls == 93 and st[0].control == "5.1"
    df = st.to_pandas()
    assert list(df["control"][:2]) == ["5.1", "5.2"] and "applicability" in df.columns


def test_heatmap_and_plan(northwind: isms.Isms) -> None:
    hm = northwind.heatmap(AS_OF)
    assert isinstance(hm, isms.HeatMap) and hm.likelihood_labels and hm.consequence_labels
    rated = sum(1 for r in northwind.risk_register(AS_OF) if r.inherent is not None)
    assert 30 < sum(c.count for c in hm.inherent) <= rated  # the core leaves closed risks off the map
    plan = northwind.treatment_plan(AS_OF)
    assert isinstance(plan, isms.TreatmentPlan) and len(plan) > 0 and plan.as_of == AS_OF
    assert len(plan.to_pandas()) == len(plan)


def test_heatmap_plot(northwind: isms.Isms) -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    hm = northwind.heatmap(AS_OF)
    ax = hm.plot()
    assert sum(int(t.get_text()) for t in ax.texts) == sum(c.count for c in hm.inherent)


def test_drift_between_two_dates_and_two_documents(northwind: isms.Isms) -> None:
    later = dt.date(2027, 3, 1)
    d = northwind.drift(as_of=AS_OF, to=later)
    assert isinstance(d, isms.Drift) and d.old_as_of == AS_OF and d.new_as_of == later
    now, then = northwind.evaluate(AS_OF), northwind.evaluate(later)
    # Every finding of either date is accounted for exactly once.
    assert len(d.new_findings) + len(d.worsened) + len(d.improved) + d.unchanged_count == len(then)
    assert len(d.resolved) + len(d.worsened) + len(d.improved) + d.unchanged_count == len(now)
    assert len(d.new_findings) > 0  # evidence goes stale, actions fall overdue
    assert {f.fingerprint for f in d.new_findings} <= {f.fingerprint for f in then.findings}
    # The same document at the same date has not drifted.
    same = northwind.drift(northwind, as_of=AS_OF)
    assert len(same.new_findings) == 0 and len(same.resolved) == 0
    assert same.to_pandas().shape[0] == 0


def test_report_html_is_self_contained(northwind: isms.Isms) -> None:
    html = northwind.report_html(AS_OF)
    assert html.lstrip().lower().startswith("<!doctype html") and "Northwind" in html
    assert "http://" not in html and "https://" not in html and "<svg" in html
