"""Open FAIR simulation of a document's risks (`Isms.simulate`).

The Monte Carlo samplers may change (new samplers give other numbers for
the same seed), so these tests assert properties: determinism, independence
of a risk's stream from the others, portfolio sums, the analytic mean, ROSI;
test_cli_parity.py checks the numbers equal the CLI's."""

from __future__ import annotations

import math

import pytest

import isms
from conftest import NORTHWIND

TRIALS, SEED = 20_000, 7


@pytest.fixture(scope="module")
def northwind() -> isms.Isms:
    return isms.load(NORTHWIND)


@pytest.fixture(scope="module")
def sim(northwind: isms.Isms) -> isms.DocumentSimulation:
    return northwind.simulate(years=TRIALS, seed=SEED)


def quantified(doc: isms.Isms) -> list[dict]:
    return [r for r in doc.to_dict()["risks"] if "fair" in r]


# The same numbers as `isms simulate` for any seed: test_cli_parity.py.


def test_shape(northwind: isms.Isms, sim: isms.DocumentSimulation) -> None:
    assert isinstance(sim, isms.DocumentSimulation)
    assert sim.options.trials == TRIALS and sim.options.seed == SEED
    ids = [r["id"] for r in quantified(northwind)]
    assert [r.id for r in sim.risks] == ids and len(sim) == len(ids) >= 2
    r = sim.risks[0]
    assert isinstance(r, isms.RiskSimulation) and isinstance(r.inherent, isms.Simulation)
    assert r.inherent.trials == TRIALS and 1 <= len(r.inherent.loss_exceedance) <= 101
    assert sim.by_id(r.id) == r
    with pytest.raises(isms.NotFoundError):
        sim.by_id("nope")
    assert isinstance(sim.portfolio, isms.PortfolioSimulation) and sim.residual_portfolio is not None
    assert "DocumentSimulation" in repr(sim)
    html = sim._repr_html_()
    assert "Open FAIR simulation" in html and all(i in html for i in ids) and "Portfolio after treatment" in html


def test_deterministic_for_a_seed(northwind: isms.Isms, sim: isms.DocumentSimulation) -> None:
    again = northwind.simulate(years=TRIALS, seed=SEED)
    assert again.to_dict() == sim.to_dict() and again.to_json() == sim.to_json()
    other = northwind.simulate(years=TRIALS, seed=SEED + 1)
    assert [r.inherent.mean for r in other.risks] != [r.inherent.mean for r in sim.risks]


def test_a_risk_alone_is_the_same_as_with_the_others(northwind: isms.Isms, sim: isms.DocumentSimulation) -> None:
    # Each risk's stream comes from the seed and its id, not from its position.
    for r in sim.risks:
        alone = northwind.simulate(years=TRIALS, seed=SEED, risk=r.id)
        assert len(alone) == 1 and alone.portfolio is None and alone.residual_portfolio is None
        assert alone.risks[0].to_dict() == r.to_dict()


def test_means_agree_with_the_analytic_mean(northwind: isms.Isms, sim: isms.DocumentSimulation) -> None:
    for model, r in zip(quantified(northwind), sim.risks):
        exact = isms.analytic_mean(model["fair"])
        assert exact is not None and exact > 0
        se = r.inherent.std_dev / math.sqrt(TRIALS)
        assert abs(r.inherent.mean - exact) < 5 * se + 1e-9 * exact, (r.id, r.inherent.mean, exact, se)


def test_portfolio_is_the_sum_of_its_risks(sim: isms.DocumentSimulation) -> None:
    for portfolio, side in ((sim.portfolio, "inherent"), (sim.residual_portfolio, "residual")):
        assert portfolio is not None
        per = portfolio.per_risk
        assert [p.id for p in per] == [r.id for r in sim.risks]
        total = portfolio.total
        assert total.mean == pytest.approx(sum(p.mean for p in per), rel=1e-9)
        assert sum(p.share_of_mean for p in per) == pytest.approx(1.0, rel=1e-9)
        for p, r in zip(per, sim.risks):
            # The portfolio simulates each risk with the stream it has alone.
            own = r.inherent if side == "inherent" else (r.residual or r.inherent)
            assert p.mean == pytest.approx(own.mean, rel=1e-9)
        # Annual losses are non-negative: the worst total year is at least each risk's worst year.
        worst = max((r.inherent if side == "inherent" else (r.residual or r.inherent)).max for r in sim.risks)
        assert total.max >= worst


def test_treatment_and_rosi(sim: isms.DocumentSimulation) -> None:
    treated = [r for r in sim.risks if r.residual is not None]
    assert treated, "the example has risks whose treatments carry fair_effects"
    for r in treated:
        assert r.residual is not None and r.rosi is not None
        assert r.residual.mean <= r.inherent.mean  # common random numbers: controls only reduce
        x = r.rosi
        assert x.ale_before == pytest.approx(r.inherent.mean, rel=1e-9)
        assert x.ale_after == pytest.approx(r.residual.mean, rel=1e-9)
        assert x.reduction == pytest.approx(x.ale_before - x.ale_after, rel=1e-9, abs=1e-6)
        if x.annual_cost > 0:
            assert x.rosi == pytest.approx((x.reduction - x.annual_cost) / x.annual_cost, rel=1e-9)
    untreated = [r for r in sim.risks if r.residual is None]
    assert all(r.rosi is None for r in untreated)


def test_per_risk_table(sim: isms.DocumentSimulation) -> None:
    df = sim.to_pandas()
    assert list(df["id"]) == [r.id for r in sim.risks]
    assert list(df["inherent_mean"]) == [r.inherent.mean for r in sim.risks]
    assert list(df["inherent_percentiles_p95"]) == [r.inherent.percentiles.p95 for r in sim.risks]
    assert not any(c.endswith("loss_exceedance") for c in df.columns)
    for r, after in zip(sim.risks, df["residual_mean"]):
        assert (math.isnan(after) and r.residual is None) or after == r.residual.mean  # type: ignore[union-attr]
    assert {"rosi_rosi", "rosi_annual_cost", "inherent_prob_loss_positive"} <= set(df.columns)
    # The same frame from the result's dict (the pure-Python path).
    py = isms.DocumentSimulation(sim.to_dict()).to_pandas()
    assert list(py.columns) == list(df.columns)
    pd = pytest.importorskip("pandas")
    pd.testing.assert_frame_equal(py, df)
    assert str(df["inherent_seed"].dtype) in ("int64", "uint64")  # seeds stay exact integers


def test_tolerance_and_options(northwind: isms.Isms) -> None:
    s = northwind.simulate(years=2_000, seed=1, tolerance=100_000, lec_points=11)
    assert s.options.tolerance == 100_000
    for r in s.risks:
        p = r.inherent.prob_exceeds_tolerance
        lec = r.inherent.loss_exceedance
        assert 0 <= p <= 1 and 1 <= len(lec) <= 11, "at most lec_points points, each loss once"
        assert all(a.loss < b.loss for a, b in zip(lec, lec[1:]))
        # P(loss > tolerance) is the share of years above it, read off the sorted samples:
        # it cannot exceed P(loss > 0).
        assert p <= r.inherent.prob_loss_positive


def test_errors(northwind: isms.Isms, small_doc: dict) -> None:
    with pytest.raises(isms.NotFoundError):
        northwind.simulate(risk="no-such-risk")
    unquantified = next(r["id"] for r in northwind.to_dict()["risks"] if "fair" not in r)
    with pytest.raises(isms.NotFoundError):
        northwind.simulate(risk=unquantified)
    with pytest.raises(isms.InvalidArgumentError) as e:
        northwind.simulate(years=0)
    assert e.value.path == "options.trials"
    with pytest.raises(isms.LimitExceededError):
        northwind.simulate(years=1_000_000, max_work=10_000)
    empty = isms.Isms.from_dict(small_doc).simulate(years=100)
    assert len(empty) == 0 and empty.portfolio is None and len(empty.to_pandas()) == 0


def test_analytic_mean_of_a_model() -> None:
    model = {"frequency": {"kind": "lef", "loss_event_frequency": {"kind": "constant", "value": 2}},
             "primary_loss": {"kind": "uniform", "min": 0, "max": 100}}
    assert isms.analytic_mean(model) == pytest.approx(100.0)
    sim = isms.simulate(model, years=40_000, seed=3)
    assert abs(sim.mean - 100.0) < 5 * sim.std_dev / math.sqrt(40_000)
    with pytest.raises(isms.InvalidArgumentError):
        isms.analytic_mean({**model, "primary_loss": {"kind": "uniform", "min": 10, "max": 1}})
