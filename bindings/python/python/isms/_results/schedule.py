"""Schedule and audit results: the ISMS calendar, the certification cycle,
nonconformities, the internal audit programme and the audit duration."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Optional

from .._records import Record, Table
from .base import Result


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

    def to_ical(self) -> str:
        """The calendar as iCalendar (RFC 5545) text, written by the engine
        as ``isms schedule --ics`` writes it (``render("ical")``)."""
        return self.render("ical")


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
        projected_decision: Optional[dt.date]
        new_stage2_required: bool


class NcReport(Result):
    """Nonconformities as of a date: state, deadline and its status, open
    and overdue counts, recurrences (10.2)."""

    _table = "nonconformities"
    __slots__ = ()
    if TYPE_CHECKING:
        as_of: dt.date
        open: int
        overdue: int


class NcDetail(Result):
    """One nonconformity as of a date (``isms nc show``): the record with
    its history (the rows), its state, deadline and deadline status, and the
    lifecycle actions its state allows."""

    _table = "history"
    __slots__ = ()
    if TYPE_CHECKING:
        nonconformity: Record
        state: str
        deadline: Optional[dt.date]
        deadline_status: Optional[str]
        allowed_actions: list[str]

    @property
    def rows(self) -> Table[Record]:
        """The history of the nonconformity, in order."""
        return Table(self._history, Record)

    @property
    def _history(self) -> list[dict[str, Any]]:
        h: list[dict[str, Any]] = self._data["nonconformity"].get("history", [])
        return h

    def __len__(self) -> int:
        return len(self._history)

    def to_pandas(self, table: Optional[str] = None) -> Any:
        """The history as a DataFrame (one row per recorded action). Requires pandas."""
        return Table(self._history, Record).to_pandas() if table is None else super().to_pandas(table)

    def __repr__(self) -> str:
        return f"<NcDetail {self._data['nonconformity']['id']}: {self._data['state']}>"

    def _repr_html_(self) -> str:
        fields = {k: v for k, v in self._data.items() if k != "nonconformity"}
        return Record(self._data["nonconformity"])._repr_html_() + Record(fields)._repr_html_()


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
