"""Open FAIR Monte Carlo simulation: :func:`simulate`."""

from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence

from . import _engine, _native
from ._records import Record
from .results import PortfolioSimulation, Simulation

__all__ = ["analytic_mean", "compare", "rosi", "simulate", "simulate_portfolio"]


def simulate(
    model: Mapping[str, Any],
    *,
    years: Optional[int] = None,
    seed: Optional[int] = None,
    tolerance: Optional[float] = None,
    lec_points: Optional[int] = None,
    keep_samples: bool = False,
    max_work: Optional[int] = None,
) -> Simulation:
    """Simulates ``years`` years (default 10,000; ``seed`` default 0,
    ``lec_points`` 101) of one risk's annual loss under an Open FAIR
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
    opts = _engine.options(
        years=years, seed=seed, tolerance=tolerance, lec_points=lec_points, keep_samples=keep_samples, max_work=max_work
    )
    result, samples = _native.simulate_model(_engine.request(model=model, options=opts))
    return Simulation(result, samples)


def analytic_mean(model: Mapping[str, Any]) -> Optional[float]:
    """The exact mean annual loss of an Open FAIR ``model`` without
    simulating, ``E[LEF]·(E[PL] + Σ E[SLEF]·E[SLEM])`` (the mean every
    simulation of it converges to); ``None`` for the threat-capability versus
    resistance-strength form, which has no closed form.

    Raises :class:`isms.InvalidArgumentError` for a bad model,
    :class:`isms.ParseError` for a malformed one.
    """
    result: Optional[float] = _engine.run("analytic_mean", model=model).to_obj()
    return result


def simulate_portfolio(
    models: Mapping[str, Mapping[str, Any]],
    *,
    years: Optional[int] = None,
    seed: Optional[int] = None,
    tolerance: Optional[float] = None,
    lec_points: Optional[int] = None,
    max_work: Optional[int] = None,
) -> PortfolioSimulation:
    """Simulates several risks' annual loss together: ``models`` maps a risk
    id to its Open FAIR model; each simulated year sums the risks' losses.
    Returns the total's summary and each risk's mean, share of the mean,
    standard deviation and P95.

    A risk's random stream comes from ``seed`` and its id, so its figures are
    the same whichever other risks are simulated with it (and the same as in
    :meth:`isms.Isms.simulate` of a document holding it). Errors as
    :func:`simulate`; paths name the risk (``$.risks[1].model...``).
    """
    opts = _engine.options(years=years, seed=seed, tolerance=tolerance, lec_points=lec_points, max_work=max_work)
    risks = [{"id": str(id), "model": m} for id, m in models.items()]
    return PortfolioSimulation(_engine.run("simulate_portfolio", risks=risks, options=opts).to_obj())


def compare(
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    *,
    annual_cost: float = 0.0,
    years: Optional[int] = None,
    seed: Optional[int] = None,
    max_work: Optional[int] = None,
) -> Record:
    """Compares a model ``before`` and ``after`` a treatment that costs
    ``annual_cost`` a year: ``ale_before``, ``ale_after``, ``reduction`` with
    its Monte Carlo ``reduction_std_error``, ``annual_cost`` and ``rosi``
    (``(reduction − cost)/cost``; absent at zero cost). Both are simulated
    with the same random numbers, so the reduction is far more precise than
    either mean."""
    opts = _engine.options(years=years, seed=seed, lec_points=0, max_work=max_work)
    return Record(_engine.run("compare", before=before, after=after, annual_cost=annual_cost, options=opts).to_obj())


def rosi(
    model: Mapping[str, Any],
    controls: Sequence[Mapping[str, Any]],
    *,
    years: Optional[int] = None,
    seed: Optional[int] = None,
    max_work: Optional[int] = None,
) -> Record:
    """The return on security investment of ``controls`` (each shaped like a
    treatment's ``fair_effects`` entry: ``name``, ``annual_cost`` and
    ``tef_reduction`` / ``vulnerability_reduction`` /
    ``primary_loss_reduction`` / ``secondary_loss_reduction``) applied to
    ``model``: :func:`compare` of the model with its residual at the
    controls' summed cost."""
    opts = _engine.options(years=years, seed=seed, lec_points=0, max_work=max_work)
    return Record(_engine.run("rosi", model=model, controls=list(controls), options=opts).to_obj())
