"""Evaluation and readiness results: findings, the monitoring verdict, the
drift between two evaluations and the roadmap to certification."""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING, Any, Optional

from .._records import Record, Table, _finish, _frame_from_rows, _html_table, _pandas
from .base import Result, _flatten


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
        stages: list[str]
        fingerprint: str
        # Present only when set (docs/waivers.md).
        waiver: Optional[str]
        original_severity: Optional[str]


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
        # Absent from the wire when empty (docs/waivers.md).
        waivers: list[Record]
        overrides: list[Record]

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
        worst: Optional[str] = self.verdict().get("worst")
        return worst

    def verdict(self, fail_on: str = "blocker") -> Record:
        """The engine's verdict at ``fail_on`` (``isms check --fail-on``):
        ``fails``, ``worst``, ``failing_findings``, ``total_findings``.
        Raises :class:`isms.InvalidArgumentError` for an unknown severity."""
        return Record(self._value.verdict(fail_on).to_obj())

    def fails(self, threshold: str = "blocker") -> bool:
        """Whether a finding is at least as severe as ``threshold``: the
        verdict of ``isms check --fail-on THRESHOLD`` (exit 1). Raises
        :class:`isms.InvalidArgumentError` for an unknown severity."""
        return bool(self.verdict(threshold).fails)

    def readiness_to_pandas(self) -> Any:
        """Readiness as a DataFrame: one row per clause and per Annex A theme
        (``scope`` is ``clause`` or ``theme``) with its score and counts, as
        the engine scored them. Requires pandas."""
        pd = _pandas()
        r = self._data["readiness"]
        rows = [{"scope": scope, **line} for scope in ("clause", "theme") for line in r[scope + "s"]]
        return _finish(_frame_from_rows(pd, [_flatten(x) for x in rows]))

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
        return bool(self._value.verdict(threshold))


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
        return self.render("mermaid")
