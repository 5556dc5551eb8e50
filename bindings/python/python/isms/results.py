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
    "AuditDuration",
    "AuditProgramme",
    "Calendar",
    "CalendarItem",
    "CertificationCycle",
    "DocumentSimulation",
    "Drift",
    "Evaluation",
    "Finding",
    "HeatMap",
    "Statement",
    "TreatmentPlan",
    "LecPoint",
    "LevelResult",
    "NcReport",
    "Result",
    "PortfolioSimulation",
    "RiskRegister",
    "RiskSimulation",
    "Roadmap",
    "RoadmapStep",
    "Simulation",
    "SoaDiff",
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

    __slots__ = ("_native", "_cache", "_document")

    def __init__(
        self, result: Union[_native.Value, dict[str, Any]], document: Optional[_native.Document] = None
    ) -> None:
        """Wraps the core's ``Assessment`` output (native, or its dict) and,
        for :meth:`to_csv` and :meth:`to_markdown`, the assessed document."""
        self._native = result if isinstance(result, _native.Value) else None
        self._cache: Optional[dict[str, Any]] = None if self._native is not None else dict(result)  # type: ignore[arg-type]
        self._document = document

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

    def _text(self, fmt: str) -> str:
        if self._native is None or self._document is None:
            raise TypeError("rendering needs the register from Isms.risk_register(), not one built from a dict")
        return self._document.risk_register_text(self._native, fmt)

    def to_csv(self) -> str:
        """The register as CSV, exactly as ``isms risk register --format csv``
        writes it: one row per risk with owner and acceptor names and the
        controls relied upon (lists joined with ``"; "``)."""
        return self._text("csv")

    def to_markdown(self) -> str:
        """The register as a Markdown table (``isms risk register --format md``)."""
        return self._text("md")

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

    @property
    def _result(self) -> Any:
        """What the engine's renderers take: the native result, or its dict."""
        return self._native if self._native is not None else self._data

    def to_pandas(self, table: Optional[str] = None) -> Any:
        """The main table (or the top-level array ``table`` of the result) as
        a DataFrame, one row per entry, nested objects flattened to
        ``parent_child`` columns, dates as ``datetime64``. The columns are
        built by the engine from its typed result, without a Python object
        per cell. Requires pandas; raises :class:`isms.NotFoundError` if
        ``table`` is not an array of the result."""
        pd = _pandas()
        key = self._table if table is None else table
        if self._native is not None:
            df = _frame_from_native(self._native, key)
        else:
            rows = self._data.get(key)
            if not isinstance(rows, list):
                from .errors import NotFoundError, Problem

                msg = f"the result has no table `{key}`"
                raise NotFoundError(msg, kind="result_table", id=key, problems=[Problem("not_found", key, msg)])
            df = pd.DataFrame.from_records([_flatten(r) if isinstance(r, dict) else {"value": r} for r in rows])
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

    @property
    def worst(self) -> Optional[str]:
        """The most severe finding's severity (``blocker``, ``major``,
        ``minor``, ``info``), or ``None`` without findings."""
        return _native.evaluation_worst(self._result)

    def fails(self, threshold: str = "blocker") -> bool:
        """Whether a finding is at least as severe as ``threshold``: the
        verdict of ``isms check --fail-on THRESHOLD`` (exit 1). Raises
        :class:`isms.InvalidArgumentError` for an unknown severity."""
        return _native.evaluation_fails(self._result, threshold)

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

    def fails(self, threshold: str = "blocker") -> bool:
        """Whether a new (or newly worsened) finding is at least as severe as
        ``threshold``: the verdict of ``isms diff --fail-on-new THRESHOLD``,
        the CI gate for falling out of compliance."""
        return _native.drift_fails(self._result, threshold)


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

    def to_csv(self) -> str:
        """The statement as CSV, one row per control (RFC 4180, ``;``
        between list items), as ``isms soa --format csv`` writes it."""
        return _native.soa_to_csv(self._result)

    def to_markdown(self) -> str:
        """The statement as a Markdown document: summary, table, issues
        (``isms soa --format md``)."""
        return _native.soa_to_markdown(self._result)

    def to_html(self) -> str:
        """The statement as one self-contained HTML page (inline CSS, no
        external assets), as ``isms soa --format html`` writes it."""
        return _native.soa_to_html(self._result)


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

    def to_svg(self, residual: bool = False) -> str:
        """The heat map as a standalone SVG drawn by the engine (inherent
        levels, or residual ones), as ``isms risk heatmap --svg`` writes it."""
        return _native.heatmap_svg(self._result, residual)

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


class SoaDiff(Result):
    """What changed between two versions of the Statement of Applicability
    (6.1.3 d, 7.5.3): one row per changed control with the kinds of change
    and the old and new decision fields (``old_*``, ``new_*`` columns in
    :meth:`to_pandas`)."""

    _table = "controls"
    __slots__ = ()
    if TYPE_CHECKING:
        old_version: Optional[str]
        new_version: Optional[str]
        controls: list[Record]

    @property
    def is_empty(self) -> bool:
        """True when no control changed."""
        return not self._data["controls"]

    def __bool__(self) -> bool:
        return not self.is_empty


class RoadmapStep(Record):
    """One of the 17 checklist steps towards certification."""

    __slots__ = ()
    if TYPE_CHECKING:
        step: int
        title: str
        status: str
        rules: list[str]
        checked: int
        failed: int
        blocked_by: list[Record]
        depends_on: list[int]
        waiting_on: list[int]
        start: dt.date
        end: dt.date
        dates: str
        at_risk: bool


class Roadmap(Result):
    """The roadmap to certification as of a date: the 17 checklist steps with
    status, blocking findings, dependencies and dates."""

    _table = "steps"
    _row = RoadmapStep
    __slots__ = ()
    if TYPE_CHECKING:
        as_of: dt.date
        target_date: Optional[dt.date]
        done: int
        in_progress: int
        not_started: int

    @property
    def steps(self) -> Table[RoadmapStep]:
        """The 17 steps, in order."""
        return Table(self._data["steps"], RoadmapStep)

    def to_mermaid(self) -> str:
        """The roadmap as a Mermaid gantt chart (``isms roadmap --mermaid``)."""
        return _native.roadmap_mermaid(self._result)


class AuditProgramme(Result):
    """The internal audit programme (9.2) as of a date: coverage of the leaf
    clauses and applicable controls in the programme window, independence
    conflicts, and the audits to add (the rows)."""

    _table = "proposals"
    __slots__ = ()
    if TYPE_CHECKING:
        as_of: dt.date
        uncovered: int
        external_audits_without_internal: list[str]
        conflicts: list[Record]
        notes: list[str]

    @property
    def start(self) -> dt.date:
        """First day of the programme window (the JSON field ``from``)."""
        return dt.date.fromisoformat(self._data["from"])

    @property
    def end(self) -> dt.date:
        """Last day of the programme window (the JSON field ``to``)."""
        return dt.date.fromisoformat(self._data["to"])

    @property
    def proposals(self) -> Table[Record]:
        """The internal audits to add, in date order."""
        return Table(self._data["proposals"], Record)

    @property
    def clauses(self) -> Table[Record]:
        """Leaf clauses 4–10 and their coverage."""
        return Table(self._data["clauses"], Record)

    @property
    def controls(self) -> Table[Record]:
        """Applicable Annex A controls and their coverage."""
        return Table(self._data["controls"], Record)


class AuditDuration(Record):
    """The initial certification audit time of a document after ISO/IEC
    27006-1:2024 Annex C: persons counted and where from, the Table C.1
    band, auditor-days, and the complexity adjustment when scores are given."""

    __slots__ = ()
    if TYPE_CHECKING:
        persons: int
        persons_source: str
        band: Record
        initial_audit_days: float
        business_level: Optional[str]
        it_level: Optional[str]
        adjustment_percent: list[float]
        adjusted_days: list[float]
        verified: bool


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
        from .errors import NotFoundError, Problem

        msg = f"no simulated risk with id `{id}`"
        raise NotFoundError(msg, kind="risk", id=id, problems=[Problem("not_found", id, msg)])

    def to_pandas(self, table: Optional[str] = None) -> Any:
        """One row per simulated risk (or the array ``table``): ``id``,
        ``title``, ``inherent_mean``, ``inherent_percentiles_p95``, ...,
        ``residual_*``, ``rosi_*`` (the loss exceedance curves are left out:
        see ``risks[i].inherent.to_pandas()``). Requires pandas."""
        df = super().to_pandas(table)
        return df.drop(columns=[c for c in df.columns if str(c).endswith("loss_exceedance")])

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
