"""Open FAIR Monte Carlo simulation: :func:`simulate`."""

from __future__ import annotations

import json
from typing import Any, Mapping, Optional, Sequence

from . import _native
from ._records import _jsonable
from ._records import Record
from .results import PortfolioSimulation, Simulation

__all__ = ["analytic_mean", "compare", "rosi", "simulate", "simulate_portfolio"]


def _options(
    trials: int, seed: int, tolerance: Optional[float], lec_points: int, max_work: Optional[int]
) -> dict[str, Any]:
    options: dict[str, Any] = {"trials": trials, "seed": seed, "lec_points": lec_points}
    if tolerance is not None:
        options["tolerance"] = tolerance
    if max_work is not None:
        options["max_work"] = max_work
    return options


def _plain(model: Any) -> Any:
    return json.loads(json.dumps(model, default=_jsonable))


def simulate(
    model: Mapping[str, Any],
    *,
    trials: int = 10_000,
    seed: int = 0,
    tolerance: Optional[float] = None,
    lec_points: int = 101,
    keep_samples: bool = False,
    max_work: Optional[int] = None,
) -> Simulation:
    """Simulates ``trials`` years of one risk's annual loss under an Open FAIR
    ``model`` (a dict shaped like the core's ``FairModel``: ``frequency``,
    optional ``vulnerability``, ``primary_loss``, ``secondary``; each
    distribution ``{"kind": "pert" | "lognormal" | "uniform" | "constant", ...}``).

    The same seed gives the same result on every platform. The GIL is
    released while the engine works, so other Python threads keep running.
    With ``keep_samples=True``, :attr:`Simulation.samples` is a numpy array of
    every simulated year's loss.

    Raises :class:`isms.InvalidArgumentError` for a bad model or option (with
    its path, e.g. ``fair.primary_loss.max``), :class:`isms.LimitExceededError`
    above ``max_work``, :class:`isms.ParseError` for a malformed model.
    """
    options: dict[str, Any] = {
        "trials": trials,
        "seed": seed,
        "lec_points": lec_points,
        "keep_samples": keep_samples,
    }
    if tolerance is not None:
        options["tolerance"] = tolerance
    if max_work is not None:
        options["max_work"] = max_work
    plain = json.loads(json.dumps(model, default=_jsonable))
    result, samples = _native.simulate(plain, options)
    return Simulation(result, samples)


def analytic_mean(model: Mapping[str, Any]) -> Optional[float]:
    """The exact mean annual loss of an Open FAIR ``model`` without
    simulating, ``E[LEF]·(E[PL] + Σ E[SLEF]·E[SLEM])`` (the mean every
    simulation of it converges to); ``None`` for the threat-capability versus
    resistance-strength form, which has no closed form.

    Raises :class:`isms.InvalidArgumentError` for a bad model,
    :class:`isms.ParseError` for a malformed one.
    """
    result: Optional[float] = _native.analytic_mean(json.loads(json.dumps(model, default=_jsonable)))
    return result


def simulate_portfolio(
    models: Mapping[str, Mapping[str, Any]],
    *,
    trials: int = 10_000,
    seed: int = 0,
    tolerance: Optional[float] = None,
    lec_points: int = 101,
    max_work: Optional[int] = None,
) -> PortfolioSimulation:
    """Simulates several risks' annual loss together: ``models`` maps a risk
    id to its Open FAIR model; each simulated year sums the risks' losses.
    Returns the total's summary and each risk's mean, share of the mean,
    standard deviation and P95.

    A risk's random stream comes from ``seed`` and its id, so its figures are
    the same whichever other risks are simulated with it (and the same as in
    :meth:`isms.Isms.simulate` of a document holding it). Errors as
    :func:`simulate`; paths name the risk (``risks[1].fair...``).
    """
    risks = [(str(id), _plain(m)) for id, m in models.items()]
    value = _native.simulate_portfolio(risks, _options(trials, seed, tolerance, lec_points, max_work))
    return PortfolioSimulation(value.to_obj())


def compare(
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    *,
    annual_cost: float = 0.0,
    trials: int = 10_000,
    seed: int = 0,
    max_work: Optional[int] = None,
) -> Record:
    """Compares a model ``before`` and ``after`` a treatment that costs
    ``annual_cost`` a year: ``ale_before``, ``ale_after``, ``reduction`` with
    its Monte Carlo ``reduction_std_error``, ``annual_cost`` and ``rosi``
    (``(reduction − cost)/cost``; absent at zero cost). Both are simulated
    with the same random numbers, so the reduction is far more precise than
    either mean."""
    result = _native.compare(
        _plain(before), _plain(after), annual_cost, _options(trials, seed, None, 0, max_work)
    )
    return Record(result)


def rosi(
    model: Mapping[str, Any],
    controls: Sequence[Mapping[str, Any]],
    *,
    trials: int = 10_000,
    seed: int = 0,
    max_work: Optional[int] = None,
) -> Record:
    """The return on security investment of ``controls`` (each shaped like a
    treatment's ``fair_effects`` entry: ``name``, ``annual_cost`` and
    ``tef_reduction`` / ``vulnerability_reduction`` /
    ``primary_loss_reduction`` / ``secondary_loss_reduction``) applied to
    ``model``: :func:`compare` of the model with its residual at the
    controls' summed cost."""
    result = _native.rosi(_plain(model), _plain(list(controls)), _options(trials, seed, None, 0, max_work))
    return Record(result)
