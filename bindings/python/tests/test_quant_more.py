"""Portfolio simulation, treatment comparison and ROSI of arbitrary models;
the rule catalogue and methodology presets. Properties only: simulated
values move when the samplers change."""

from __future__ import annotations

import math

import pytest

import isms
from conftest import NORTHWIND, ROOT

MODEL = {
    "frequency": {"kind": "lef", "loss_event_frequency": {"kind": "pert", "min": 0.5, "mode": 2, "max": 6}},
    "primary_loss": {"kind": "lognormal", "p05": 10_000, "p95": 400_000},
}
OTHER = {
    "frequency": {"kind": "lef", "loss_event_frequency": {"kind": "constant", "value": 0.2}},
    "primary_loss": {"kind": "uniform", "min": 1_000, "max": 9_000},
}


def test_portfolio_is_the_documents_portfolio() -> None:
    doc = isms.load(NORTHWIND)
    models = {r["id"]: r["fair"] for r in doc.to_dict()["risks"] if "fair" in r}
    p = isms.simulate_portfolio(models, years=3_000, seed=5)
    assert isinstance(p, isms.PortfolioSimulation)
    sim = doc.simulate(years=3_000, seed=5)
    assert sim.portfolio is not None and p.to_dict() == sim.portfolio.to_dict()


def test_portfolio_sums_and_independence() -> None:
    both = isms.simulate_portfolio({"a": MODEL, "b": OTHER}, years=20_000, seed=9)
    alone = isms.simulate_portfolio({"b": OTHER}, years=20_000, seed=9)
    a, b = both.per_risk
    assert (a.id, b.id) == ("a", "b")
    assert both.total.mean == pytest.approx(a.mean + b.mean, rel=1e-9)
    assert a.share_of_mean + b.share_of_mean == pytest.approx(1.0)
    # A risk's stream depends on its id only (its share of the mean depends on the others).
    drop = lambda r: {k: v for k, v in r.to_dict().items() if k != "share_of_mean"}  # noqa: E731
    assert drop(alone.per_risk[0]) == drop(b) and alone.per_risk[0].share_of_mean == 1.0
    assert alone.total.mean == pytest.approx(b.mean, rel=1e-12)
    exact = isms.analytic_mean(OTHER)
    assert exact == pytest.approx(0.2 * 5_000)
    assert abs(b.mean - exact) < 5 * b.std_dev / math.sqrt(20_000)


def test_portfolio_errors_name_the_risk() -> None:
    bad = {**OTHER, "primary_loss": {"kind": "uniform", "min": 9, "max": 1}}
    with pytest.raises(isms.InvalidArgumentError) as e:
        isms.simulate_portfolio({"a": MODEL, "b": bad}, years=100)
    assert e.value.path.startswith("risks[1].fair")
    with pytest.raises(isms.InvalidArgumentError) as p:
        isms.simulate_portfolio({"a": MODEL, "b": {"frequency": {"kind": "sometimes"}}}, years=100)
    assert p.value.path.startswith("$.risks[1].model")


def test_compare_uses_common_random_numbers() -> None:
    same = isms.compare(MODEL, MODEL, annual_cost=100.0, years=5_000, seed=3)
    assert same.reduction == 0 and same.reduction_std_error == 0 and same.rosi == pytest.approx(-1.0)
    assert same.ale_before == pytest.approx(isms.simulate(MODEL, years=5_000, seed=3).mean, rel=1e-12)
    free = isms.compare(MODEL, OTHER, years=5_000, seed=3)
    assert free.annual_cost == 0 and "rosi" not in free  # undefined at zero cost
    assert free.reduction == pytest.approx(free.ale_before - free.ale_after)
    with pytest.raises(isms.InvalidArgumentError):
        isms.compare(MODEL, OTHER, annual_cost=-1.0)


def test_rosi_of_controls() -> None:
    half = isms.rosi(MODEL, [{"name": "backups", "annual_cost": 20_000, "primary_loss_reduction": 0.5}], years=10_000, seed=4)
    # Every loss is halved on the same random numbers: exactly half the mean.
    assert half.ale_after == pytest.approx(half.ale_before / 2, rel=1e-9)
    assert half.rosi == pytest.approx((half.reduction - 20_000) / 20_000, rel=1e-9)
    two = isms.rosi(
        MODEL,
        [{"name": "a", "annual_cost": 1_000, "tef_reduction": 0.2}, {"name": "b", "annual_cost": 500, "tef_reduction": 0.1}],
        years=10_000,
        seed=4,
    )
    assert two.annual_cost == 1_500 and 0 < two.reduction < two.ale_before
    with pytest.raises(isms.InvalidArgumentError):
        isms.rosi(MODEL, [{"name": "x", "annual_cost": 1, "tef_reduction": 1.5}])


def test_rule_catalogue() -> None:
    rules = isms.catalog.rules()
    ids = [r.id for r in rules]
    assert len(ids) == len(set(ids)) > 50
    reference = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert all(f"`{i}`" in reference for i in ids)
    assert {r.severity for r in rules} <= {"blocker", "major", "minor", "info"}
    assert all(1 <= s <= 17 for r in rules for s in r.steps)
    findings = isms.load(NORTHWIND).evaluate("2026-11-29").findings
    assert {f.rule for f in findings} <= set(ids)


def test_methodology_presets() -> None:
    for name, steps in (("iso27005_3x3", 3), ("iso27005_4x4", 4), ("iso27005_5x5", 5), ("nist800_30", 5)):
        m = isms.catalog.methodology_preset(name)
        assert len(m["likelihood_scale"]) == len(m["consequence_scale"]) == steps
        assert len(m["matrix"]) == steps and all(len(row) == steps for row in m["matrix"])
    # The expanded preset, written into a document, assesses like the preset name.
    doc = isms.load(NORTHWIND)
    d = doc.to_dict()
    d["risk_methodology"] = {**d["risk_methodology"], **isms.catalog.methodology_preset("iso27005_5x5")}
    expanded = isms.Isms.from_dict(d)
    assert expanded.validate() == []
    a, b = doc.risk_register("2026-11-29"), expanded.risk_register("2026-11-29")
    assert [(r.id, r.rank, r.inherent and r.inherent.level) for r in a] == [
        (r.id, r.rank, r.inherent and r.inherent.level) for r in b
    ]
    with pytest.raises(isms.InvalidArgumentError):
        isms.catalog.methodology_preset("iso9001")
