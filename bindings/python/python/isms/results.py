"""Typed results of the engine's computations.

Each result is a thin view of the core's JSON output (described by the
published JSON Schemas): attribute access, ``datetime.date`` for dates,
``to_dict()`` for the wire shape, ``to_pandas()`` on tabular results and an
HTML view for notebooks. No rule of the standard is computed here.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from typing import TYPE_CHECKING, Any, ClassVar, Iterator, Optional, Union

from . import _native
from ._records import Record, Table, _dates_to_datetime, _frame_from_native, _html_table, _pandas

__all__ = [
    "AssessedRisk",
    "Calendar",
    "CalendarItem",
    "CertificationCycle",
    "Evaluation",
    "Finding",
    "HeatMap",
    "Statement",
    "TreatmentPlan",
    "LecPoint",
    "LevelResult",
    "NcReport",
    "Result",
    "RiskRegister",
    "Simulation",
]


def _flatten(row: dict[str, Any], prefix: str = "", out: Optional[dict[str, Any]] = None) -> dict[str, Any]:
    """One level of nested objects → ``parent_child`` columns (tables for pandas)."""
    out = {} if out is None else out
    for k, v in row.items():
        if isinstance(v, dict):
            _flatten(v, f"{prefix}{k}_", out)
        else:
            out[prefix + k] = v
    return out


class LevelResult(Record):
    """A risk level looked up in the methodology's matrix."""

    __slots__ = ()
    if TYPE_CHECKING:
        likelihood: int
        consequence: int
        consequence_source: str
        level: str
        level_index: int
        label: str
        requires_treatment: bool
        above_appetite: bool
        score: int


class AssessedRisk(Record):
    """One risk of the register, assessed as of a date (levels, rank,
    appetite, treatment, acceptance, review)."""

    __slots__ = ()
    if TYPE_CHECKING:
        id: str
        title: str
        owner: Optional[str]
        status: str
        approach: str
        rank: Optional[int]
        above_appetite: bool
        treatments: list[str]
        options: list[str]
        treated: bool
        accepted: bool
        accepted_by: Optional[str]
        accepted_on: Optional[dt.date]
        acceptance_expires_on: Optional[dt.date]
        acceptance_expired: bool
        assessed_on: Optional[dt.date]
        review_due_on: Optional[dt.date]
        review_overdue: bool

    @property
    def inherent(self) -> Optional[LevelResult]:
        """Level before treatment, if rated."""
        v = self._data.get("inherent")
        return LevelResult(v) if v is not None else None

    @property
    def residual(self) -> Optional[LevelResult]:
        """Target level after treatment, if rated."""
        v = self._data.get("residual")
        return LevelResult(v) if v is not None else None


class RiskRegister:
    """The risk register as assessed on :attr:`as_of` (ISO/IEC 27001 6.1.2, 8.2).

    Iterate it, index it, or call :meth:`to_pandas` for one row per risk with
    the inherent and residual levels flattened into ``inherent_*`` and
    ``residual_*`` columns. The result stays in the native engine until it is
    read, so the call itself costs little more than the computation.
    """

    __slots__ = ("_native", "_cache")

    def __init__(self, result: Union[_native.Value, dict[str, Any]]) -> None:
        """Wraps the core's ``Assessment`` output (native, or its dict)."""
        self._native = result if isinstance(result, _native.Value) else None
        self._cache: Optional[dict[str, Any]] = None if self._native is not None else dict(result)  # type: ignore[arg-type]

    @property
    def _data(self) -> dict[str, Any]:
        if self._cache is None:
            assert self._native is not None
            self._cache = self._native.to_obj()
        return self._cache

    @property
    def risks(self) -> Table[AssessedRisk]:
        """Every risk, in register order."""
        return Table(self._data["risks"], AssessedRisk)

    @property
    def as_of(self) -> dt.date:
        """The date the register is assessed for."""
        return dt.date.fromisoformat(self._data["as_of"])

    @property
    def methodology(self) -> Record:
        """The resolved risk methodology (scales, matrix, levels, appetite)."""
        return Record(self._data["methodology"])

    def __len__(self) -> int:
        return len(self.risks)

    def __iter__(self) -> Any:
        return iter(self.risks)

    def __getitem__(self, i: int) -> AssessedRisk:
        return self.risks[i]

    def by_id(self, id: str) -> AssessedRisk:
        """The assessed risk with this id. Raises :class:`isms.NotFoundError`."""
        for r in self._data["risks"]:
            if r["id"] == id:
                return AssessedRisk(r)
        from .errors import NotFoundError, Problem

        msg = f"no risk with id `{id}`"
        raise NotFoundError(msg, kind="risk", id=id, problems=[Problem("not_found", id, msg)])

    def ranked(self) -> list[AssessedRisk]:
        """The ranked risks, highest first (risks without a rank are left out)."""
        rows = sorted((r for r in self._data["risks"] if r.get("rank") is not None), key=lambda r: r["rank"])
        return [AssessedRisk(r) for r in rows]

    def to_dict(self) -> dict[str, Any]:
        """The core's JSON-shaped assessment."""
        return dict(self._data)

    def to_pandas(self) -> Any:
        """One row per risk; nested levels become ``inherent_level``,
        ``residual_score``, ... columns; dates become ``datetime64``. Requires pandas."""
        pd = _pandas()
        if self._native is not None:  # columns built natively: no per-row dicts
            df = _frame_from_native(self._native, "risks")
        else:
            df = pd.DataFrame.from_records([_flatten(r) for r in self._data["risks"]])
        for col in ("accepted_on", "acceptance_expires_on", "assessed_on", "review_due_on"):
            if col in df.columns:
                df[col] = pd.to_datetime(df[col], format="%Y-%m-%d", errors="coerce")
        return df

    def plot(self, which: str = "inherent", ax: Optional[Any] = None) -> Any:
        """Draws the heat map (see :func:`isms.plot.heatmap`)."""
        from .plot import heatmap

        return heatmap(self, which, ax)

    def __repr__(self) -> str:
        return f"<RiskRegister as of {self._data['as_of']}: {len(self)} risks>"

    def _repr_html_(self) -> str:
        risks = self._data["risks"]
        above = sum(1 for r in risks if r.get("above_appetite"))
        overdue = sum(1 for r in risks if r.get("review_overdue"))
        top = [
            {
                "rank": r.get("rank"),
                "id": r["id"],
                "title": r["title"],
                "inherent": (r.get("inherent") or {}).get("label"),
                "residual": (r.get("residual") or {}).get("label"),
                "above_appetite": r.get("above_appetite"),
            }
            for r in sorted((r for r in risks if r.get("rank") is not None), key=lambda r: r["rank"])[:10]
        ]
        head = (
            f"<p><strong>Risk register</strong> as of {html.escape(self._data['as_of'])}: {len(risks)} risks, "
            f"{above} above appetite, {overdue} overdue for review</p>"
        )
        return head + _html_table(top, caption="top 10 by rank")


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
        from .plot import loss_exceedance

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


class Result:
    """A computation's result: attribute access to its fields, its main
    table as :attr:`rows` (also by iteration and indexing), ``to_pandas()``,
    ``to_dict()``, ``to_json()`` and an HTML view. Held natively until read."""

    _table: ClassVar[str] = ""
    _row: ClassVar[type[Record]] = Record
    __slots__ = ("_native", "_cache")

    def __init__(self, result: Union[_native.Value, dict[str, Any]]) -> None:
        """Wraps a native result (or its dict)."""
        self._native = result if isinstance(result, _native.Value) else None
        self._cache: Optional[dict[str, Any]] = None if self._native is not None else dict(result)  # type: ignore[arg-type]

    @property
    def _data(self) -> dict[str, Any]:
        if self._cache is None:
            assert self._native is not None
            self._cache = self._native.to_obj()
        return self._cache

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return Record(self._data)[name]
        except KeyError:
            raise AttributeError(f"{type(self).__name__} has no field {name!r}") from None

    @property
    def rows(self) -> Table[Any]:
        """The result's main table."""
        return Table(self._data[self._table], self._row)

    def __len__(self) -> int:
        return len(self._data[self._table])

    def __iter__(self) -> Iterator[Any]:
        return iter(self.rows)

    def __getitem__(self, i: int) -> Any:
        return self.rows[i]

    def to_dict(self) -> dict[str, Any]:
        """The core's JSON-shaped result."""
        return dict(self._data)

    def to_json(self) -> str:
        """The result as deterministic, pretty-printed JSON."""
        if self._native is not None:
            return self._native.to_json()
        return json.dumps(self._data, indent=2) + "\n"

    def to_pandas(self) -> Any:
        """The main table as a DataFrame, one row per entry, nested objects
        flattened to ``parent_child`` columns, dates as ``datetime64``. Requires pandas."""
        pd = _pandas()
        if self._native is not None:
            df = _frame_from_native(self._native, self._table)
        else:
            df = pd.DataFrame.from_records([_flatten(r) for r in self._data[self._table]])
        return _dates_to_datetime(df)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {len(self)} {self._table}>"

    def _repr_html_(self) -> str:
        fields = {k: v for k, v in self._data.items() if not isinstance(v, (list, dict))}
        head = ", ".join(f"{html.escape(k)}: {html.escape(str(v))}" for k, v in fields.items())
        rows = [_flatten(r) for r in self._data[self._table][:20]]
        return f"<p><strong>{type(self).__name__}</strong> {head}</p>" + _html_table(
            rows, limit=20, caption=f"{len(self)} {self._table}"
        )


class CalendarItem(Record):
    """One dated item of the calendar (an audit, a review, a deadline ...)."""

    __slots__ = ()
    if TYPE_CHECKING:
        date: dt.date
        kind: str
        title: str
        entity: Record
        owner: Optional[str]
        status: str
        key: str


class Calendar(Result):
    """The merged ISMS calendar between two dates (9.2, 9.3, 7.2, 7.5, 10.2):
    audits, management reviews, trainings, document reviews, evidence refresh
    and deadlines, sorted by date."""

    _table = "items"
    _row = CalendarItem
    __slots__ = ()

    @property
    def start(self) -> dt.date:
        """First day (the JSON field ``from``; statuses are as of this day)."""
        return dt.date.fromisoformat(self._data["from"])

    @property
    def end(self) -> dt.date:
        """Last day (the JSON field ``to``)."""
        return dt.date.fromisoformat(self._data["to"])

    @property
    def items(self) -> Table[CalendarItem]:
        """The dated items."""
        return Table(self._data["items"], CalendarItem)


class CertificationCycle(Result):
    """The certification cycle as of a date: certificate state, expiry and
    milestones (Stage 1/2, surveillance, recertification)."""

    _table = "milestones"
    __slots__ = ()
    if TYPE_CHECKING:
        as_of: dt.date
        state: str
        cycle_start: Optional[dt.date]
        expires_on: Optional[dt.date]


class NcReport(Result):
    """Nonconformities as of a date: state, deadline and its status, open
    and overdue counts, recurrences (10.2)."""

    _table = "nonconformities"
    __slots__ = ()
    if TYPE_CHECKING:
        as_of: dt.date
        open: int
        overdue: int


class Finding(Record):
    """One finding of an evaluation: a rule that failed, how severe, where
    in the standard, about which entities, by when, and what to do."""

    __slots__ = ()
    if TYPE_CHECKING:
        rule: str
        severity: str
        clause: Optional[str]
        control: Optional[str]
        message: str
        entities: list[Record]
        due_on: Optional[dt.date]
        remediation: str
        fingerprint: str


class Evaluation(Result):
    """The continuous-monitoring verdict as of a date: findings (with
    severity, clause or control, due date and remediation), readiness per
    clause, per Annex A theme and overall, and every rule's outcome."""

    _table = "findings"
    _row = Finding
    __slots__ = ()
    if TYPE_CHECKING:
        as_of: dt.date
        summary: Record
        readiness: Record
        rules: list[Record]

    @property
    def findings(self) -> Table[Finding]:
        """The findings, most severe first as the engine orders them."""
        return Table(self._data["findings"], Finding)

    @property
    def overall_readiness(self) -> int:
        """Overall readiness score (0–100)."""
        return int(self._data["readiness"]["overall"])

    def _repr_html_(self) -> str:
        s = self._data["summary"]
        counts = ", ".join(f"{k}: {v}" for k, v in s.items() if not isinstance(v, (list, dict)))
        top = [
            {k: f.get(k) for k in ("severity", "rule", "clause", "control", "message", "due_on")}
            for f in self._data["findings"][:10]
        ]
        return (
            f"<p><strong>Evaluation</strong> as of {html.escape(self._data['as_of'])}: readiness "
            f"{self.overall_readiness}%; {html.escape(counts)}</p>" + _html_table(top, caption="top findings")
        )



class Drift(Result):
    """What changed between two evaluations (two documents, or one document
    at two dates): findings matched by fingerprint. Rows are the new findings."""

    _table = "new_findings"
    _row = Finding
    __slots__ = ()
    if TYPE_CHECKING:
        old_as_of: dt.date
        new_as_of: dt.date
        unchanged_count: int

    @property
    def new_findings(self) -> Table[Finding]:
        """Findings present now and not before: what fell out of compliance."""
        return Table(self._data["new_findings"], Finding)

    @property
    def resolved(self) -> Table[Finding]:
        """Findings present before and gone now."""
        return Table(self._data["resolved"], Finding)

    @property
    def worsened(self) -> list[Record]:
        """Findings whose severity rose or whose due date passed."""
        return [Record(x) for x in self._data["worsened"]]

class Statement(Result):
    """The Statement of Applicability (6.1.3 d): one entry per Annex A
    control with applicability, reasons, status, owner, evidence, and the
    issues found in it."""

    _table = "entries"
    __slots__ = ()
    if TYPE_CHECKING:
        as_of: dt.date
        organization: str
        summary: Record
        issues: list[Record]


class HeatMap(Result):
    """The risk heat map as of a date: per likelihood × consequence cell,
    its level, colour and number of risks, inherent and residual."""

    _table = "inherent"
    __slots__ = ()
    if TYPE_CHECKING:
        as_of: dt.date
        likelihood_labels: list[str]
        consequence_labels: list[str]
        inherent: list[Record]
        residual: list[Record]

    def plot(self, which: str = "inherent", ax: Optional[Any] = None) -> Any:
        """Draws the heat map (see :func:`isms.plot.heatmap`)."""
        from .plot import heatmap

        return heatmap(self, which, ax)


class TreatmentPlan(Result):
    """The risk treatment plan (6.1.3, 8.3): per risk its treatment, actions
    and their progress, with overdue actions, untreated risks above appetite
    and missing acceptances."""

    _table = "items"
    __slots__ = ()
    if TYPE_CHECKING:
        as_of: dt.date
        overdue_actions: list[Record]
        untreated_above_appetite: list[str]
