"""Continuous-monitoring results (checklist step 17, ``docs/monitoring.md``):
control health from automated tests, automation coverage, drift between two
runs, ingested records and the lint of a mapping table.

Every table is a rendering of the engine's output: rows and values are what
the engine computed, laid out for pandas (timestamps as ``datetime64`` in
UTC, dates as ``datetime64``); nothing is counted or judged again here.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING, Any, Optional

from .._records import Record, Table, _finish, _frame_from_rows, _html_table, _pandas
from .base import Result, _flatten

#: Severity words of the tools, least severe first (the order of the
#: ordered categorical ``severity`` of records and failing checks).
RESULT_SEVERITIES = ("info", "low", "medium", "high", "critical")


def _timestamps(df: Any, *cols: str) -> Any:
    """RFC 3339 columns as ``datetime64[ns, UTC]`` (absent cells ``NaT``)."""
    pd = _pandas()
    for c in cols:
        if c in df.columns:
            df[c] = pd.to_datetime(df[c], utc=True, format="ISO8601")
    return df


def _result_severity(df: Any, col: str = "severity") -> Any:
    """A tool's severity column as an ordered categorical (``info`` <
    ``low`` < ... < ``critical``), not the finding severities of
    :func:`_finish`."""
    pd = _pandas()
    if col in df.columns:
        df[col] = pd.Categorical(df[col].astype(object), categories=list(RESULT_SEVERITIES), ordered=True)
    return df


def _with_columns(df: Any, columns: tuple[str, ...]) -> Any:
    """The documented columns in their order (absent ones, never filled in
    by any row, as empty cells), then any others."""
    for c in columns:
        if c not in df.columns:
            df[c] = None
    return df[list(columns) + [c for c in df.columns if c not in columns]]


def _lists(df: Any, *cols: str) -> Any:
    """List columns with ``[]`` where the engine's JSON leaves an empty list out."""
    for c in cols:
        if c not in df.columns:
            df[c] = [[] for _ in range(len(df))]
        else:
            df[c] = [v if isinstance(v, list) else [] for v in df[c]]
    return df


def _rows_frame(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> Any:
    pd = _pandas()
    df = _frame_from_rows(pd, rows) if rows else pd.DataFrame({c: [] for c in columns})
    return _with_columns(df, columns)


class CheckResult(Record):
    """One failing (or erroring) check on one resource of a control: what a
    finding cites."""

    __slots__ = ()
    if TYPE_CHECKING:
        tool: str
        check: str
        resource_id: str
        resource_type: Optional[str]
        status: str
        observed_at: str
        failing_since: Optional[str]
        message: Optional[str]
        severity: Optional[str]


class ControlHealth(Record):
    """One Annex A control's automated status on a date: the verdict of its
    fresh results, what the SoA says, freshness, the failure's start and
    tolerance, and the counts of its (check, resource) pairs."""

    __slots__ = ()
    if TYPE_CHECKING:
        control: str
        title: str
        health: str
        soa: str
        last_observed: str
        cadence_days: int
        fresh_until: dt.date
        failing_since: Optional[str]
        days_failing: Optional[int]
        tolerance_ends: Optional[dt.date]
        finding_severity: Optional[str]
        counts: Record
        overrides: list[Record]

    @property
    def failing(self) -> Table[CheckResult]:
        """The fresh fails and errors, sorted (the evidence of a finding)."""
        return Table(self._data["failing"], CheckResult)


_SUMMARY_COLUMNS = (
    "control", "title", "health", "fresh", "soa", "last_observed", "cadence_days", "fresh_until",
    "failing_since", "days_failing", "tolerance_ends", "finding_severity", "counts_pass", "counts_fail",
    "counts_error", "counts_manual", "counts_not_applicable", "counts_stale", "counts_overridden",
    "failing", "overrides",
)


class MonitorSummary(Result):
    """Every control with automated test results, judged on a date
    (``isms monitor summary``): rows are :class:`ControlHealth` in catalogue
    order; ``records`` and ``unmapped_records`` count what was read;
    ``clauses_referenced``, ``ambiguous_2013`` and ``expired_overrides``
    list what was noted and not counted."""

    _table = "controls"
    _row = ControlHealth
    __slots__ = ()
    if TYPE_CHECKING:
        as_of: dt.date
        records: int
        unmapped_records: int
        clauses_referenced: list[str]
        ambiguous_2013: list[str]
        expired_overrides: list[Record]

    @property
    def controls(self) -> Table[ControlHealth]:
        """The controls with results, in catalogue order."""
        return Table(self._data["controls"], ControlHealth)

    def control(self, control_id: str) -> Optional[ControlHealth]:
        """The health of control ``control_id`` (``"8.8"``), or ``None``
        when it has no result."""
        for c in self._data["controls"]:
            if c["control"] == control_id:
                return ControlHealth(c)
        return None

    def to_pandas(self, table: Optional[str] = None) -> Any:
        """One row per control with results, in the engine's order. Columns:

        - ``control`` (str), ``title`` (str), ``health`` (str: ``failing``,
          ``at_risk``, ``not_evaluated``, ``passing``, ``not_applicable``,
          ``stale``), ``soa`` (str: ``applicable``, ``excluded``,
          ``undecided``);
        - ``fresh`` (bool): whether a result of the control is fresh on the
          date, i.e. its health is not ``stale`` (read from the health);
        - ``last_observed``, ``failing_since`` (``datetime64[ns, UTC]``,
          ``NaT`` when not failing);
        - ``cadence_days`` (int64), ``days_failing`` (nullable ``Int64``);
        - ``fresh_until``, ``tolerance_ends`` (``datetime64``);
        - ``finding_severity`` (ordered categorical of finding severities);
        - ``counts_pass``, ``counts_fail`` (the failing checks: fresh failing
          (check, resource) pairs), ``counts_error``, ``counts_manual``,
          ``counts_not_applicable``, ``counts_stale``, ``counts_overridden``
          (int64);
        - ``failing`` (list of dicts: the failing checks, see
          :meth:`failing_to_pandas`), ``overrides`` (list of dicts).

        ``table`` picks another top-level array of the result (as
        :meth:`Result.to_pandas` does)."""
        if table is not None and table != "controls":
            return super().to_pandas(table)
        df = super().to_pandas()
        if len(df) == 0:
            return _rows_frame([], _SUMMARY_COLUMNS)
        df["fresh"] = df["health"] != "stale"
        _lists(df, "failing", "overrides")
        return _with_columns(_timestamps(df, "last_observed", "failing_since"), _SUMMARY_COLUMNS)

    def failing_to_pandas(self) -> Any:
        """One row per failing (or erroring) check of a control, as the
        engine lists them under each control: ``control`` (str), ``tool``,
        ``check``, ``resource_id``, ``resource_type``, ``status``,
        ``message`` (str), ``observed_at``, ``failing_since``
        (``datetime64[ns, UTC]``), ``severity`` (the tool's, ordered
        categorical ``info`` < ``low`` < ``medium`` < ``high`` <
        ``critical``)."""
        rows = [{"control": c["control"], **f} for c in self._data["controls"] for f in c["failing"]]
        cols = ("control", "tool", "check", "resource_id", "resource_type", "status", "observed_at",
                "failing_since", "message", "severity")
        return _result_severity(_timestamps(_rows_frame(rows, cols), "observed_at", "failing_since"))

    def _repr_html_(self) -> str:
        rows = [
            {k: c.get(k) for k in ("control", "title", "health", "soa", "last_observed", "fresh_until", "days_failing")}
            for c in self._data["controls"]
        ]
        return (
            f"<p><strong>MonitorSummary</strong> as of {html.escape(str(self._data['as_of']))}: "
            f"{self._data['records']} records, {self._data['unmapped_records']} unmapped</p>"
            + _html_table(rows, caption=f"{len(rows)} controls")
        )


class Coverage(Result):
    """Automation coverage of the Statement of Applicability on a date
    (``isms monitor coverage``): ``automated`` of the ``applicable``
    controls have at least one automated check (``ratio``), of which
    ``evaluated_fresh`` have a fresh pass or fail. Clauses 4–10 are never
    counted (``clauses_not_counted``). Rows are the applicable controls
    (:meth:`to_pandas`)."""

    _table = "automated_controls"
    __slots__ = ()
    if TYPE_CHECKING:
        as_of: dt.date
        applicable: int
        automated: int
        ratio: float
        evaluated_fresh: int
        automated_controls: list[str]
        not_automated: list[str]
        excluded_with_results: list[str]
        undecided_with_results: list[str]
        clauses_not_counted: list[str]

    def _controls(self) -> list[dict[str, Any]]:
        from .. import catalog

        automated = set(self._data["automated_controls"])
        applicable = automated | set(self._data["not_automated"])
        return [
            {"control": c.id, "title": c.title, "automated": c.id in automated}
            for c in catalog.annex_a()
            if c.id in applicable
        ]

    @property
    def rows(self) -> Table[Record]:
        """The applicable controls in catalogue order: ``control``,
        ``title`` and whether it is ``automated``."""
        return Table(self._controls(), Record)

    def __len__(self) -> int:
        return int(self._data["applicable"])

    def to_pandas(self, table: Optional[str] = None) -> Any:
        """One row per applicable control (those the SoA includes), in
        catalogue order: ``control`` (str), ``title`` (str, the catalogue's)
        and ``automated`` (bool: the engine lists it among
        ``automated_controls``, else among ``not_automated``). The totals
        (``applicable``, ``automated``, ``ratio``, ``evaluated_fresh``) are
        attributes of this result."""
        if table is not None:
            return super().to_pandas(table)
        df = _rows_frame(self._controls(), ("control", "title", "automated"))
        df["automated"] = df["automated"].astype(bool)
        return df

    def __repr__(self) -> str:
        d = self._data
        return f"<Coverage: {d['automated']}/{d['applicable']} applicable controls automated>"

    def _repr_html_(self) -> str:
        d = self._data
        head = (
            f"<p><strong>Coverage</strong> as of {html.escape(str(d['as_of']))}: {d['automated']} of "
            f"{d['applicable']} applicable controls automated ({d['ratio']:.0%}), {d['evaluated_fresh']} "
            "with a fresh pass or fail</p>"
        )
        missing = ", ".join(html.escape(c) for c in d["not_automated"])
        return head + f"<p>Not automated: {missing or 'none'}</p>"


#: The kinds of change of a drift, in the engine's order.
DRIFT_KINDS = ("started_failing", "stopped_failing", "still_failing", "other_changes")


class MonitorDrift(Result):
    """Controls whose automated health changed between two dates (``isms
    monitor drift``): started, stopped or still failing, and other changes
    of verdict. Rows are the controls that started failing."""

    _table = "started_failing"
    __slots__ = ()
    if TYPE_CHECKING:
        to: dt.date
        started_failing: list[Record]
        stopped_failing: list[Record]
        still_failing: list[Record]
        other_changes: list[Record]

    @property
    def from_(self) -> dt.date:
        """The first date (``from`` in the JSON)."""
        return dt.date.fromisoformat(self._data["from"])

    @property
    def started(self) -> bool:
        """Whether a control started failing: what makes ``isms monitor
        drift`` exit 1."""
        return bool(self._data["started_failing"])

    def __len__(self) -> int:
        return sum(len(self._data[k]) for k in DRIFT_KINDS)

    def to_pandas(self, table: Optional[str] = None) -> Any:
        """One row per control the engine lists, in its order
        (started, stopped, still failing, other changes): ``control``
        (str), ``change`` (str: ``started_failing``, ``stopped_failing``,
        ``still_failing``, ``other_changes``), ``before`` and ``after`` (str
        health on each date; ``None`` when the control had no results)."""
        if table is not None:
            return super().to_pandas(table)
        rows = [
            {"control": c["control"], "change": kind, "before": c.get("before"), "after": c.get("after")}
            for kind in DRIFT_KINDS
            for c in self._data[kind]
        ]
        return _rows_frame(rows, ("control", "change", "before", "after"))

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}: {len(self._data[k])}" for k in DRIFT_KINDS)
        return f"<MonitorDrift {self._data['from']} → {self._data['to']}: {counts}>"

    def _repr_html_(self) -> str:
        rows = [
            {"control": c["control"], "change": k, "before": c.get("before"), "after": c.get("after")}
            for k in DRIFT_KINDS
            for c in self._data[k]
        ]
        return (
            f"<p><strong>MonitorDrift</strong> {html.escape(str(self._data['from']))} → "
            f"{html.escape(str(self._data['to']))}</p>" + _html_table(rows, caption=f"{len(rows)} controls")
        )


class ResultRecord(Record):
    """One neutral result record: a check × resource × run."""

    __slots__ = ()
    if TYPE_CHECKING:
        source: Record
        check: str
        status: str
        observed_at: str
        resource_id: Optional[str]
        resource_type: Optional[str]
        controls: list[Record]
        message: Optional[str]
        severity: Optional[str]
        evidence: Optional[Record]


#: The columns of :meth:`Ingested.to_pandas`, the neutral record flattened.
RECORD_COLUMNS = (
    "source_tool", "source_version", "source_run_id", "check", "status", "observed_at", "resource_id",
    "resource_type", "controls", "message", "severity", "evidence_uri", "evidence_sha256",
)


class Ingested(Result):
    """A scanner's output converted to neutral result records
    (:func:`isms.monitor_ingest`): ``records`` (the rows) and ``rejected``,
    every item that could not be read with its line or index, field and
    message. Pass it (or its DataFrame) as ``results`` to the monitoring
    methods of :class:`isms.Isms`."""

    _table = "records"
    _row = ResultRecord
    __slots__ = ()

    @property
    def records(self) -> Table[ResultRecord]:
        """The records, in input order."""
        return Table(self._data["records"], ResultRecord)

    @property
    def rejected(self) -> Table[Record]:
        """The items that could not be read: ``line`` (NDJSON) or ``index``
        (arrays), ``field`` (a JSON path within the item) and ``message``."""
        return Table(self._data["rejected"], Record)

    def to_pandas(self, table: Optional[str] = None) -> Any:
        """One row per record, in input order. Columns: ``source_tool``,
        ``source_version``, ``source_run_id``, ``check``, ``status``
        (``pass``, ``fail``, ``error``, ``not_applicable``, ``manual``),
        ``resource_id``, ``resource_type``, ``message``, ``evidence_uri``,
        ``evidence_sha256`` (str, ``None`` when absent); ``observed_at``
        (``datetime64[ns, UTC]``); ``controls`` (list of ``{"framework",
        "id"}`` dicts, ``[]`` when none); ``severity`` (the tool's, ordered categorical
        ``info`` < ``low`` < ``medium`` < ``high`` < ``critical``). The frame
        is accepted back as ``results``. ``table="rejected"`` gives the
        rejected items (``line``, ``index``, ``field``, ``message``)."""
        pd = _pandas()
        if table == "rejected":
            return _rows_frame([dict(r) for r in self._data["rejected"]], ("line", "index", "field", "message"))
        if table is not None:
            return super().to_pandas(table)
        if not self._data["records"]:
            return _rows_frame([], RECORD_COLUMNS)
        if self._native is not None:
            from .._records import _frame_from_native

            df = _frame_from_native(self._native, "records")
        else:
            df = _frame_from_rows(pd, [_flatten(r) for r in self._data["records"]])
        df = _lists(_with_columns(df, RECORD_COLUMNS), "controls")
        return _result_severity(_timestamps(df, "observed_at"))

    def __repr__(self) -> str:
        return f"<Ingested: {len(self._data['records'])} records, {len(self._data['rejected'])} rejected>"


class LintIssue(Record):
    """One issue of a mapping table: its line, level, code, field and message."""

    __slots__ = ()
    if TYPE_CHECKING:
        line: int
        level: str
        code: str
        field: str
        message: str


class MappingLint(Result):
    """The lint of a check → control mapping table (:func:`isms.mapping_lint`,
    ``isms mapping lint``): ``ok`` (no issue is an error), the number of
    data rows read (:attr:`row_count`; ``rows`` is the table of issues, as
    for every result) and of distinct ``checks``, the ``editions`` used, the
    ``issues``, and the controls ``covered`` and ``uncovered``."""

    _table = "issues"
    _row = LintIssue
    __slots__ = ()
    if TYPE_CHECKING:
        ok: bool
        checks: int
        editions: list[str]
        covered: list[str]
        uncovered: list[str]

    @property
    def row_count(self) -> int:
        """The data rows of the table (``rows`` in the JSON)."""
        return int(self._data["rows"])

    @property
    def issues(self) -> Table[LintIssue]:
        """The issues, in the order of the table's lines."""
        return Table(self._data["issues"], LintIssue)

    def to_pandas(self, table: Optional[str] = None) -> Any:
        """One row per issue: ``line`` (int64, 1-based line of the CSV; 0
        for the table as a whole), ``level`` (``error`` or ``warning``), ``code``, ``field`` and ``message`` (str)."""
        if table is not None:
            return super().to_pandas(table)
        return _finish(_rows_frame([dict(i) for i in self._data["issues"]], ("line", "level", "code", "field", "message")))
