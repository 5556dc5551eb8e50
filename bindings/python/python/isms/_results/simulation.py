"""Open FAIR simulation results: one simulation of annual loss, and the
simulation of a document's quantified risks and their portfolio."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional, Union

from .. import _native
from .._records import Record, Table, _html_table
from .base import Result


class LecPoint(Record):
    """One point of a loss exceedance curve."""

    __slots__ = ()
    if TYPE_CHECKING:
        loss: float
        probability: float


class Simulation:
    """A Monte Carlo simulation of annual loss (Open FAIR): summary
    statistics, the loss exceedance curve and, if kept, every simulated
    annual loss as a numpy array (:attr:`samples`)."""

    __slots__ = ("_data", "_samples")

    def __init__(self, result: Union[_native.Value, dict[str, Any]], samples: Optional[bytes] = None) -> None:
        """Wraps the core's ``SimulationResult`` and the raw float64 samples."""
        self._data: dict[str, Any] = result.to_obj() if isinstance(result, _native.Value) else dict(result)
        self._samples = samples

    @property
    def trials(self) -> int:
        """Simulated years."""
        return int(self._data["trials"])

    @property
    def seed(self) -> int:
        """The seed used (same seed, same result, on every platform)."""
        return int(self._data["seed"])

    @property
    def mean(self) -> float:
        """Mean annual loss (annualized loss exposure)."""
        return float(self._data["mean"])

    @property
    def std_dev(self) -> float:
        """Standard deviation of annual loss."""
        return float(self._data["std_dev"])

    @property
    def percentiles(self) -> Record:
        """``p10``, ``p50``, ``p90``, ``p95``, ``p99`` of annual loss."""
        return Record(self._data["percentiles"])

    @property
    def loss_exceedance(self) -> Table[LecPoint]:
        """The loss exceedance curve (``loss``, ``probability``)."""
        return Table(self._data["loss_exceedance"], LecPoint)

    @property
    def samples(self) -> Any:
        """Every simulated annual loss, in trial order, as a read-only
        ``numpy.ndarray`` of float64 viewing the engine's buffer (no
        per-element copy). ``None`` unless ``keep_samples=True``. Requires numpy."""
        if self._samples is None:
            return None
        try:
            import numpy as np
        except ImportError as e:
            raise ImportError("samples need numpy, an optional dependency: pip install 'isms[numpy]'") from e
        return np.frombuffer(self._samples, dtype=np.float64)

    def __getattr__(self, name: str) -> Any:
        try:
            return Record(self._data)[name]
        except KeyError:
            raise AttributeError(name) from None

    def to_dict(self) -> dict[str, Any]:
        """The core's JSON-shaped result (samples as a list if kept)."""
        d = dict(self._data)
        if self._samples is not None:
            d["samples"] = self.samples.tolist()
        return d

    def to_pandas(self) -> Any:
        """The loss exceedance curve as a DataFrame (``loss``, ``probability``). Requires pandas."""
        return self.loss_exceedance.to_pandas()

    def plot(self, ax: Optional[Any] = None, **kwargs: Any) -> Any:
        """Draws the loss exceedance curve (see :func:`isms.plot.loss_exceedance`)."""
        from ..plot import loss_exceedance

        return loss_exceedance(self, ax, **kwargs)

    def __repr__(self) -> str:
        return f"<Simulation {self.trials} trials, mean {self.mean:,.0f}, p95 {self.percentiles.p95:,.0f}>"

    def _repr_html_(self) -> str:
        p = self._data["percentiles"]
        cells = "".join(
            f"<tr><th style='text-align:left'>{k}</th><td>{v:,.2f}</td></tr>"
            for k, v in [("mean", self.mean), ("std dev", self.std_dev), *p.items()]
        )
        return f"<table><caption>Simulation: {self.trials} trials, seed {self.seed}</caption>{cells}</table>"


class RiskSimulation(Record):
    """One quantified risk of a document simulation: annual loss before and
    after its treatments' control effects, and the return on them."""

    __slots__ = ()
    if TYPE_CHECKING:
        id: str
        title: str

    @property
    def rosi(self) -> Optional[Record]:
        """Return on security investment of the treatments' controls
        (``ale_before``, ``ale_after``, ``reduction``, ``annual_cost``,
        ``rosi``), ``None`` when the treatments give no ``fair_effects``."""
        x = self._data.get("rosi")
        return Record(x) if x is not None else None

    @property
    def inherent(self) -> Simulation:
        """Annual loss before treatment."""
        return Simulation(self._data["inherent"])

    @property
    def residual(self) -> Optional[Simulation]:
        """Annual loss after the treatments' ``fair_effects`` (``None`` when
        the treatments give none)."""
        r = self._data.get("residual")
        return Simulation(r) if r is not None else None


class PortfolioSimulation(Record):
    """The per-year sum of annual loss over the simulated risks, and each
    risk's share of it."""

    __slots__ = ()

    @property
    def total(self) -> Simulation:
        """Summary of the per-year total."""
        return Simulation(self._data["total"])

    @property
    def per_risk(self) -> Table[Record]:
        """Each risk's mean, share of the mean, standard deviation, P95, ...
        in register order."""
        return Table(self._data["per_risk"], Record)


class DocumentSimulation(Result):
    """The Open FAIR simulation of a document's quantified risks (those with a
    ``fair`` model), as ``isms simulate`` runs it: per risk before and after
    treatment with ROSI, and the portfolio before and after treatment.

    Each risk's random stream is derived from the seed and the risk id, so a
    risk's figures do not depend on which other risks are simulated, and the
    residual run shares the inherent run's random numbers."""

    _table = "risks"
    _row = RiskSimulation
    __slots__ = ()

    @property
    def options(self) -> Record:
        """The options used (``trials``, ``seed``, ``tolerance``, ...)."""
        return Record(self._data["options"])

    @property
    def risks(self) -> Table[RiskSimulation]:
        """The simulated risks, in register order."""
        return Table(self._data["risks"], RiskSimulation)

    @property
    def portfolio(self) -> Optional[PortfolioSimulation]:
        """All simulated risks together before treatment (``None`` when one
        risk was asked for)."""
        p = self._data.get("portfolio")
        return PortfolioSimulation(p) if p is not None else None

    @property
    def residual_portfolio(self) -> Optional[PortfolioSimulation]:
        """All simulated risks together after treatment."""
        p = self._data.get("residual_portfolio")
        return PortfolioSimulation(p) if p is not None else None

    def by_id(self, id: str) -> RiskSimulation:
        """The simulation of risk ``id``. Raises :class:`isms.NotFoundError`."""
        for r in self._data["risks"]:
            if r["id"] == id:
                return RiskSimulation(r)
        from ..errors import NotFoundError, Problem

        msg = f"no simulated risk with id `{id}`"
        raise NotFoundError(msg, kind="risk", id=id, problems=[Problem("not_found", id, msg)])

    def to_pandas(self, table: Optional[str] = None) -> Any:
        """One row per simulated risk (or the array ``table``): ``id``,
        ``title``, ``inherent_mean``, ``inherent_percentiles_p95``, ...,
        ``residual_*``, ``rosi_*`` (the loss exceedance curves are left out:
        see ``risks[i].inherent.to_pandas()``). Requires pandas."""
        df = super().to_pandas(table)
        return df.drop(columns=[c for c in df.columns if str(c).endswith("loss_exceedance")])

    def plot(self, ax: Optional[Any] = None, **kwargs: Any) -> Any:
        """Draws the loss exceedance curves before and after treatment (see
        :func:`isms.plot.document_simulation`)."""
        from ..plot import document_simulation

        return document_simulation(self, ax, **kwargs)

    def __repr__(self) -> str:
        o = self._data["options"]
        return f"<DocumentSimulation {len(self)} risks, {o['trials']} trials, seed {o['seed']}>"

    def _repr_html_(self) -> str:
        o = self._data["options"]
        rows = []
        for r in self._data["risks"]:
            res, rosi = r.get("residual"), r.get("rosi")
            rows.append(
                {
                    "id": r["id"],
                    "title": r["title"],
                    "mean": f"{r['inherent']['mean']:,.0f}",
                    "P95": f"{r['inherent']['percentiles']['p95']:,.0f}",
                    "mean after treatment": "" if res is None else f"{res['mean']:,.0f}",
                    "ROSI": "" if rosi is None or rosi.get("rosi") is None else f"{rosi['rosi']:.0%}",
                }
            )
        totals = ""
        for label, key in (("before", "portfolio"), ("after", "residual_portfolio")):
            p = self._data.get(key)
            if p is not None:
                t = p["total"]
                totals += (
                    f"<p>Portfolio {label} treatment: mean {t['mean']:,.0f}, "
                    f"P95 {t['percentiles']['p95']:,.0f}, P99 {t['percentiles']['p99']:,.0f}</p>"
                )
        head = f"<p><strong>Open FAIR simulation</strong>: {o['trials']} years, seed {o['seed']}</p>"
        return head + _html_table(rows, caption=f"{len(rows)} quantified risks") + totals
