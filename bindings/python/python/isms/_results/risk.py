"""Risk results: the assessed register (6.1.2, 8.2), the heat map and the
treatment plan (6.1.3, 8.3)."""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING, Any, Optional, Union

from .. import _native
from .._records import Record, Table, _frame_from_native, _html_table, _pandas
from .base import Result, _flatten


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
        from ..errors import NotFoundError, Problem

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
        from ..plot import heatmap

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
        from ..plot import heatmap

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
