"""DataFrames built by the engine's column writer equal those built from the
result's dicts; and the SoA diff, audit programme, audit duration and the
audit-time chart."""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

import pytest

import isms
from bigdoc import big_document
from conftest import NORTHWIND

AS_OF = dt.date(2026, 11, 29)
pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def northwind() -> isms.Isms:
    return isms.load(NORTHWIND)


def _norm(df: Any) -> Any:
    """Missing as None whatever the dtype (an all-missing column is NaN one
    way and None the other); lists compared as lists."""
    df = df.astype(object)
    return df.where(df.notna(), None)


RESULTS: dict[str, tuple[Callable[[isms.Isms], Any], list[str]]] = {
    "evaluation": (lambda d: d.evaluate(AS_OF), ["findings", "rules"]),
    "soa": (lambda d: d.soa(AS_OF), ["entries", "issues"]),
    "calendar": (lambda d: d.calendar(AS_OF, dt.date(2027, 12, 31)), ["items"]),
    "plan": (lambda d: d.treatment_plan(AS_OF), ["items", "overdue_actions"]),
    "heatmap": (lambda d: d.heatmap(AS_OF), ["inherent", "residual"]),
    "cycle": (lambda d: d.certification_cycle(AS_OF), ["milestones"]),
    "nc": (lambda d: d.nc_report(AS_OF), ["nonconformities", "recurrences"]),
    "drift": (lambda d: d.drift(as_of=AS_OF, to=dt.date(2028, 1, 1)), ["new_findings", "resolved", "worsened"]),
    "roadmap": (lambda d: d.roadmap(AS_OF), ["steps"]),
    "programme": (lambda d: d.audit_programme(AS_OF), ["proposals", "clauses", "controls"]),
    "simulation": (lambda d: d.simulate(years=500, seed=2), ["risks"]),
}


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_native_frames_equal_dict_frames(northwind: isms.Isms, name: str) -> None:
    make, tables = RESULTS[name]
    native = make(northwind)
    from_dict = type(native)(native.to_dict())
    for table in tables:
        a, b = native.to_pandas(table), from_dict.to_pandas(table)
        assert list(a.columns) == list(b.columns), (name, table)
        assert len(a) == len(b) == len(native.to_dict()[table]), (name, table)
        if len(a) == 0:
            continue  # no rows, no columns (the column indexes differ only in type)
        pd.testing.assert_frame_equal(_norm(a), _norm(b), check_dtype=False, obj=f"{name}.{table}")
        # Numeric and boolean columns keep their dtypes natively.
        for col in a.columns:
            if pd.api.types.is_bool_dtype(b[col].dtype) or pd.api.types.is_integer_dtype(b[col].dtype):
                assert a[col].dtype == b[col].dtype, (name, table, col)


def test_frames_of_a_big_register() -> None:
    doc = isms.Isms.from_dict(big_document(n_risks=2_000, n_people=40, n_assets=60))
    reg = doc.risk_register(dt.date(2025, 6, 1))
    a, b = reg.to_pandas(), isms.RiskRegister(reg.to_dict()).to_pandas()
    assert list(a.columns) == list(b.columns) and len(a) == 2_000
    pd.testing.assert_frame_equal(_norm(a), _norm(b), check_dtype=False)
    assert a["rank"].dtype == "int64" and a["above_appetite"].dtype == bool
    assert str(a["review_due_on"].dtype).startswith("datetime64")


def test_to_pandas_of_a_missing_table(northwind: isms.Isms) -> None:
    ev = northwind.evaluate(AS_OF)
    for result in (ev, isms.Evaluation(ev.to_dict())):
        with pytest.raises(isms.NotFoundError):
            result.to_pandas("nope")
        with pytest.raises(isms.NotFoundError):
            result.to_pandas("as_of")  # a field, not an array


def test_soa_diff(northwind: isms.Isms) -> None:
    assert northwind.soa_diff(northwind).is_empty and not northwind.soa_diff(northwind)
    d = northwind.to_dict()
    entries = d["soa"]["entries"]
    first, second = entries[0], entries[1]
    first["applicable"] = not first["applicable"]
    if not first["applicable"]:
        first["justification"] = "Not relevant any more"
    removed = entries.pop(2)
    second["owner"] = next(p["id"] for p in d["people"] if p["id"] != second.get("owner"))
    newer = isms.Isms.from_dict(d)
    diff = northwind.soa_diff(newer)
    assert isinstance(diff, isms.SoaDiff) and not diff.is_empty
    changes = {c.control: c.changes for c in diff.controls}
    assert "applicability_changed" in changes[first["control"].removeprefix("A.")]
    assert changes[removed["control"].removeprefix("A.")] == ["removed"]
    assert "owner_changed" in changes[second["control"].removeprefix("A.")]
    assert len(diff) == 3
    df = diff.to_pandas()
    assert list(df["control"]) == [c.control for c in diff.controls]
    assert {"old_applicable", "new_applicable", "old_status", "new_owner"} <= set(df.columns)
    # The reverse direction sees the removed entry as added.
    back = newer.soa_diff(northwind)
    assert {c.control: c.changes for c in back.controls}[removed["control"].removeprefix("A.")] == ["added"]
    # The drift between the two documents carries the same SoA diff.
    assert northwind.drift(newer, as_of=AS_OF).to_dict()["soa"] == diff.to_dict()


def test_audit_programme(northwind: isms.Isms) -> None:
    p = northwind.audit_programme(AS_OF)
    assert isinstance(p, isms.AuditProgramme) and p.start <= AS_OF <= p.end
    items = list(p.clauses) + list(p.controls)
    assert p.uncovered == sum(1 for i in items if i.status == "uncovered")
    proposed = {c for a in p.proposals for c in a.controls} | {c for a in p.proposals for c in a.clauses}
    assert {i.id for i in items if i.status == "uncovered"} <= proposed  # every gap gets an audit
    assert all(p.start <= a.date <= p.end or a.precedes for a in p.proposals)
    more = northwind.audit_programme(AS_OF, audits=6)
    assert len(more) >= len(p)
    df = p.to_pandas("controls")
    assert len(df) == len(p.controls) and set(df["status"]) <= {"audited", "planned", "uncovered"}
    with pytest.raises(isms.InvalidArgumentError) as bad:  # requests deny unknown fields
        northwind.call("audit_programme", {"as_of": "2026-11-29", "options": {"no_such_option": 1}})
    assert bad.value.path.startswith("$.options")


def test_audit_duration(northwind: isms.Isms) -> None:
    d = northwind.audit_duration(AS_OF)
    assert isinstance(d, isms.AuditDuration)
    assert d.persons == northwind.to_dict()["organization"]["headcount"] and d.persons_source == "headcount"
    band = d.band
    assert band.min_persons <= d.persons <= band.max_persons and d.initial_audit_days == band.initial_audit_days
    chart = isms.catalog.audit_time_chart()
    assert any(b.to_dict() == band.to_dict() for b in chart)
    assert list(d.adjustment_percent) == [0.0, 0.0]  # no complexity scores given
    adjusted = northwind.audit_duration(AS_OF, business_score=9, it_score=9)
    low, high = adjusted.adjusted_days
    assert adjusted.business_level == "high" and low <= high and high > d.initial_audit_days
    few = northwind.audit_duration(AS_OF, effective_persons=12)
    assert few.persons == 12 and few.persons_source == "effective" and few.initial_audit_days < d.initial_audit_days
    with pytest.raises(isms.InvalidArgumentError):
        northwind.audit_duration(AS_OF, business_score=12, it_score=3)


def test_audit_time_chart() -> None:
    chart = isms.catalog.audit_time_chart()
    assert len(chart) > 10 and chart[0].min_persons == 1
    for a, b in zip(chart, chart[1:]):
        assert b.min_persons == a.max_persons + 1 and b.initial_audit_days >= a.initial_audit_days
    assert isinstance(chart[0], isms.catalog.AuditTimeBand) and chart.to_pandas().shape[0] == len(chart)


def test_management_review_plan(northwind: isms.Isms) -> None:
    end = dt.date(2028, 11, 29)
    slots = northwind.management_review_plan(AS_OF, end)
    assert len(slots) >= 2
    dates = [s.date for s in slots]
    assert dates == sorted(dates) and all(AS_OF <= d <= end for d in dates)
    reviews = {r["id"] for r in northwind.to_dict()["management_reviews"]}
    assert all(s.review is None or s.review in reviews for s in slots)
    # Unfilled slots are calendar items of the same dates.
    cal = northwind.calendar(AS_OF, end)
    review_days = {i.date for i in cal.items if i.kind == "management_review_due"}
    unfilled = {s.date for s in slots if s.review is None}
    assert unfilled and unfilled <= review_days
    with pytest.raises(isms.InvalidArgumentError):
        northwind.management_review_plan("2026-13-01", end)
