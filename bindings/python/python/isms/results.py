"""Typed results of the engine's computations.

Each result is a thin view of the core's JSON output (described by the
published JSON Schemas): attribute access, ``datetime.date`` for dates,
``to_dict()`` for the wire shape, ``to_pandas()`` on tabular results and an
HTML view for notebooks. No rule of the standard is computed here.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING, Any, Optional

from ._records import Record, Table, _html_table, _pandas

__all__ = ["AssessedRisk", "LevelResult", "RiskRegister"]


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
    ``residual_*`` columns.
    """

    __slots__ = ("_data", "risks")

    def __init__(self, data: dict[str, Any]) -> None:
        """Wraps the core's ``Assessment`` output."""
        self._data = data
        #: Every risk, in register order.
        self.risks: Table[AssessedRisk] = Table(data["risks"], AssessedRisk)

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
        df = pd.DataFrame.from_records([_flatten(r) for r in self._data["risks"]])
        for col in ("accepted_on", "acceptance_expires_on", "assessed_on", "review_due_on"):
            if col in df.columns:
                df[col] = pd.to_datetime(df[col], format="%Y-%m-%d", errors="coerce")
        return df

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
