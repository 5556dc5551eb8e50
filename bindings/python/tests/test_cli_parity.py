"""The package and the ``isms`` command give the same bytes for the same
computation: both convert and delegate to the one core. For the Monte Carlo
simulation this holds whatever the samplers are, for any seed."""

from __future__ import annotations

import datetime as dt
import json
from typing import Callable

import pytest

import isms
from conftest import NORTHWIND

AS_OF = "2026-11-29"
Cli = Callable[..., str]


@pytest.fixture(scope="module")
def northwind() -> isms.Isms:
    return isms.load(NORTHWIND)


@pytest.mark.parametrize("seed", [0, 7, 123456789])
def test_simulate(cli: Cli, northwind: isms.Isms, seed: int) -> None:
    out = cli("simulate", str(NORTHWIND), "--years", "5000", "--seed", str(seed), "--json")
    assert northwind.simulate(years=5_000, seed=seed).to_json() == out


def test_simulate_one_risk_with_tolerance(cli: Cli, northwind: isms.Isms) -> None:
    risk = northwind.simulate(years=100).risks[1].id
    out = cli("simulate", str(NORTHWIND), "--years", "3000", "--seed", "3", "--risk", risk,
              "--tolerance", "50000", "--json")
    sim = northwind.simulate(years=3_000, seed=3, risk=risk, tolerance=50_000)
    assert sim.to_json() == out and json.loads(out)["risks"][0]["id"] == risk


@pytest.mark.parametrize("fmt", ["csv", "md", "html", "json"])
def test_soa(cli: Cli, northwind: isms.Isms, fmt: str) -> None:
    soa = northwind.soa(AS_OF)
    ours = {"csv": soa.to_csv, "md": soa.to_markdown, "html": soa.to_html, "json": soa.to_json}[fmt]()
    assert ours == cli("soa", str(NORTHWIND), "--format", fmt, "--as-of", AS_OF)


@pytest.mark.parametrize("fmt", ["csv", "md", "json"])
def test_risk_register(cli: Cli, northwind: isms.Isms, fmt: str) -> None:
    reg = northwind.risk_register(AS_OF)
    out = cli("risk", "register", str(NORTHWIND), "--format", fmt, "--as-of", AS_OF)
    if fmt == "json":  # the CLI's JSON is the presentation register (owner names, controls)
        assert [r["id"] for r in json.loads(out)["rows"]] == [r.id for r in reg]
    else:
        assert (reg.to_csv() if fmt == "csv" else reg.to_markdown()) == out


@pytest.mark.parametrize("residual", [False, True])
def test_heatmap_svg(cli: Cli, northwind: isms.Isms, residual: bool) -> None:
    args = ["risk", "heatmap", str(NORTHWIND), "--svg", "-", "--as-of", AS_OF] + (["--residual"] if residual else [])
    assert northwind.heatmap(AS_OF, residual=residual).to_svg() == cli(*args)


def test_roadmap(cli: Cli, northwind: isms.Isms) -> None:
    road = northwind.roadmap(AS_OF)
    assert road.to_mermaid() == cli("roadmap", str(NORTHWIND), "--mermaid", "--as-of", AS_OF)
    assert road.to_json() == cli("roadmap", str(NORTHWIND), "--json", "--as-of", AS_OF)


def test_schedule_views(cli: Cli, northwind: isms.Isms) -> None:
    base = ["schedule", str(NORTHWIND), "--from", AS_OF, "--json"]
    assert northwind.audit_programme(AS_OF).to_json() == cli(*base, "--view", "programme")
    assert northwind.audit_duration(AS_OF).to_dict() == json.loads(cli(*base, "--view", "duration"))
    assert northwind.certification_cycle(AS_OF).to_json() == cli(*base, "--view", "cycle")
    end = (dt.date.fromisoformat(AS_OF).replace(year=2027)).isoformat()
    assert northwind.calendar(AS_OF, end).to_json() == cli(*base, "--to", end)


def test_evaluation_and_verdicts(cli: Cli, cli_exit: Callable[..., int], northwind: isms.Isms) -> None:
    ev = northwind.evaluate(AS_OF)
    assert ev.to_json() == cli("check", str(NORTHWIND), "--json", "--as-of", AS_OF)
    for threshold in ("blocker", "major", "minor", "info"):
        code = cli_exit("check", str(NORTHWIND), "--as-of", AS_OF, "--fail-on", threshold)
        assert code == int(ev.fails(threshold)), threshold


def test_drift_and_verdict(cli: Cli, cli_exit: Callable[..., int], northwind: isms.Isms) -> None:
    later = "2028-01-01"
    drift = northwind.drift(northwind, as_of=AS_OF, to=later)
    # With a newer document (and its SoA diff): `isms diff OLD NEW`.
    both = [str(NORTHWIND), str(NORTHWIND), "--as-of", AS_OF, "--to", later]
    assert drift.to_json() == cli("diff", *both, "--json")
    # One document at two dates: `isms diff FILE --as-of A --to B`.
    dates = northwind.drift(as_of=AS_OF, to=later)
    assert dates.to_json() == cli("diff", str(NORTHWIND), "--as-of", AS_OF, "--to", later, "--json")
    for threshold in ("blocker", "major", "minor", "info"):
        code = cli_exit("diff", *both, "--fail-on-new", threshold)
        assert code == int(drift.fails(threshold)), threshold
