"""Open FAIR Monte Carlo simulation: :func:`simulate`."""

from __future__ import annotations

import json
from typing import Any, Mapping, Optional

from . import _native
from ._records import _jsonable
from .results import Simulation

__all__ = ["analytic_mean", "simulate"]


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
