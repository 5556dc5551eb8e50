"""Open FAIR simulation: results, numpy samples, errors, the GIL."""

from __future__ import annotations

import json

import sys

import pytest

import isms
from test_gil import progress_during

MODEL = {
    "frequency": {"kind": "lef", "loss_event_frequency": {"kind": "pert", "min": 0.5, "mode": 2, "max": 6}},
    "primary_loss": {"kind": "lognormal", "p05": 10_000, "p95": 400_000},
}


def test_simulate_summary_and_determinism() -> None:
    sim = isms.simulate(MODEL, years=20_000, seed=7, tolerance=500_000)
    assert isinstance(sim, isms.Simulation)
    assert sim.trials == 20_000 and sim.seed == 7
    assert 0 < sim.percentiles.p50 <= sim.percentiles.p95 <= sim.percentiles.p99
    assert sim.std_dev > 0 and sim.mean > 0
    assert 0 <= sim.prob_exceeds_tolerance <= 1  # a field reached through attribute access
    lec = sim.loss_exceedance
    assert 2 <= len(lec) <= 101 and lec[0].probability >= lec[-1].probability
    assert all(a.loss < b.loss for a, b in zip(lec, lec[1:])), "each loss once, increasing"
    again = isms.simulate(MODEL, years=20_000, seed=7, tolerance=500_000)
    assert again.to_dict() == sim.to_dict()
    assert isms.simulate(MODEL, years=20_000, seed=8).mean != sim.mean
    assert sim.samples is None and "samples" not in sim.to_dict()
    assert "trials" in repr(sim) and "Simulation" in sim._repr_html_()
    df = sim.to_pandas()
    assert list(df.columns) == ["loss", "probability"] and len(df) == len(sim.loss_exceedance)
    with pytest.raises(AttributeError):
        sim.no_such_field


def test_samples_are_a_numpy_view() -> None:
    np = pytest.importorskip("numpy")
    sim = isms.simulate(MODEL, years=50_000, seed=1, keep_samples=True)
    s = sim.samples
    assert isinstance(s, np.ndarray) and s.dtype == np.float64 and s.shape == (50_000,)
    assert isinstance(s.base, bytes) and not s.flags.writeable  # views the engine's buffer, no copy
    assert s.mean() == pytest.approx(sim.mean, rel=1e-9)
    assert s.min() == sim.min and s.max() == sim.max
    assert sim.to_dict()["samples"][:3] == s[:3].tolist()


def test_samples_without_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    sim = isms.simulate(MODEL, years=100, keep_samples=True)
    monkeypatch.setitem(sys.modules, "numpy", None)
    with pytest.raises(ImportError, match=r"isms\[numpy\]"):
        sim.samples


def test_simulate_errors() -> None:
    bad = {**MODEL, "primary_loss": {"kind": "uniform", "min": 10, "max": 1}}
    with pytest.raises(isms.InvalidArgumentError) as info:
        isms.simulate(bad)
    assert info.value.path.startswith("fair.primary_loss")
    with pytest.raises(isms.InvalidArgumentError) as opt:
        isms.simulate(MODEL, years=0)
    assert opt.value.path == "options.trials"
    with pytest.raises(isms.LimitExceededError):
        isms.simulate(MODEL, years=1_000_000, max_work=1000)
    # A request that does not fit the engine's request schema: invalid_argument at its JSON path.
    with pytest.raises(isms.InvalidArgumentError) as parse:
        isms.simulate({"frequency": {"kind": "sometimes"}, "primary_loss": {"kind": "constant", "value": 1}})
    assert parse.value.path.startswith("$.model.frequency")
    with pytest.raises(isms.InvalidArgumentError) as seed:
        isms.simulate(MODEL, seed=-1)
    assert seed.value.path == "$.options.seed"


def test_simulate_plot() -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    sim = isms.simulate(MODEL, years=2_000)
    ax = sim.plot(label="CRM breach", log_x=True)
    (line,) = ax.get_lines()
    assert len(line.get_xdata()) == len(sim.loss_exceedance) and ax.get_ylabel() == "P(annual loss > x)"


def test_simulate_releases_the_gil() -> None:
    request = json.dumps({"model": MODEL, "options": {"trials": 3_000_000, "seed": 3, "lec_points": 0}})
    ticks, seconds = progress_during(lambda: isms._native.simulate_model(request))
    assert seconds > 0.05, f"the simulation was too short ({seconds:.3f} s) to show anything"
    assert ticks >= 10, f"main thread made {ticks} steps during a {seconds:.3f} s simulation"
