"""Risk results: the assessed register (6.1.2, 8.2), the heat map and the
treatment plan (6.1.3, 8.3)."""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING, Any, Optional, Union

from .. import _native
from .._engine import request
from .._records import Record, Table, _finish, _frame_from_native, _frame_from_rows, _html_table, _pandas
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


class RiskAssessment:
    """The qualitative risk assessment as of :attr:`as_of` (ISO/IEC 27001
    6.1.2, 8.2): every risk assessed, with the resolved methodology.

    Iterate it, index it, or call :meth:`to_pandas` for one row per risk with
    the inherent and residual levels flattened into ``inherent_*`` and
    ``residual_*`` columns. The result stays in the native engine until it is
    read, so the call itself costs little more than the computation. (The
    register, with owners' names and controls, is :class:`RiskRegister`.)
    """

    __slots__ = ("_native", "_cache", "_document")

    def __init__(
        self, result: Union[_native.Value, dict[str, Any]], document: Optional[_native.Document] = None
    ) -> None:
        """Wraps the engine's ``Assessment`` (native, or its dict) and, for
        :meth:`plot`, the assessed document."""
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
        ``residual_score``, ... columns; dates become ``datetime64``; ranks
        and scores are nullable ``Int64``. Requires pandas."""
        pd = _pandas()
        if self._native is not None:  # columns built natively: no per-row dicts
            df = _frame_from_native(self._native, "risks")
        else:
            df = _frame_from_rows(pd, [_flatten(r) for r in self._data["risks"]])
        for col in ("accepted_on", "acceptance_expires_on", "assessed_on", "review_due_on"):
            if col in df.columns:
                df[col] = pd.to_datetime(df[col], format="%Y-%m-%d", errors="coerce")
        return _finish(df)

    def heatmap(self) -> HeatMap:
        """The engine's heat map of the assessed document on this date."""
        return _heatmap_of(self._document, self._data["as_of"])

    def plot(self, which: str = "inherent", ax: Optional[Any] = None) -> Any:
        """Draws the engine's heat map on this date (see :func:`isms.plot.heatmap`)."""
        return self.heatmap().plot(which, ax)

    def __repr__(self) -> str:
        return f"<RiskAssessment as of {self._data['as_of']}: {len(self)} risks>"

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
            f"<p><strong>Risk assessment</strong> as of {html.escape(self._data['as_of'])}: {len(risks)} risks, "
            f"{above} above appetite, {overdue} overdue for review</p>"
        )
        return head + _html_table(top, caption="top 10 by rank")


class RegisterRow(Record):
    """One risk of the register (``isms risk register``): owner and
    acceptor with their names, assets, levels, rank, treatment, the controls
    relied upon, acceptance and review status."""

    __slots__ = ()
    if TYPE_CHECKING:
        id: str
        title: str
        status: str
        owner: Optional[str]
        owner_name: Optional[str]
        assets: list[str]
        threat: Optional[str]
        vulnerability: Optional[str]
        inherent: Optional[LevelResult]
        residual: Optional[LevelResult]
        rank: Optional[int]
        above_appetite: bool
        treatment: list[str]
        controls: list[str]
        treated: bool
        accepted: bool
        accepted_by: Optional[str]
        accepted_by_name: Optional[str]
        accepted_on: Optional[dt.date]
        acceptance_expires_on: Optional[dt.date]
        acceptance_expired: bool
        review_due_on: Optional[dt.date]
        review_overdue: bool


class RiskRegister(Result):
    """The risk register as of a date (ISO/IEC 27001 6.1.2, 8.2), as ``isms
    risk register`` gives it: one row per risk with owner and acceptor
    names and the controls relied upon. :meth:`to_csv` and
    :meth:`to_markdown` are the command's bytes; :meth:`plot` draws the
    engine's heat map of the same date."""

    _table = "rows"
    _row = RegisterRow
    __slots__ = ("_document",)
    if TYPE_CHECKING:
        as_of: dt.date

    def __init__(
        self, result: Union[_native.Value, dict[str, Any]], document: Optional[_native.Document] = None
    ) -> None:
        """Wraps the engine's ``Register`` and, for :meth:`plot`, its document."""
        super().__init__(result)
        self._document = document

    @property
    def rows(self) -> Table[RegisterRow]:
        """Every risk, in register order."""
        return Table(self._data["rows"], RegisterRow)

    def by_id(self, id: str) -> RegisterRow:
        """The row of risk ``id``. Raises :class:`isms.NotFoundError`."""
        for r in self._data["rows"]:
            if r["id"] == id:
                return RegisterRow(r)
        from ..errors import NotFoundError, Problem

        msg = f"no risk with id `{id}`"
        raise NotFoundError(msg, kind="risk", id=id, problems=[Problem("not_found", id, msg)])

    def to_csv(self) -> str:
        """The register as CSV, exactly as ``isms risk register --format csv``
        writes it (lists joined with ``"; "``)."""
        return self.render("csv")

    def to_markdown(self) -> str:
        """The register as a Markdown table (``isms risk register --format md``)."""
        return self.render("markdown")

    def heatmap(self) -> HeatMap:
        """The engine's heat map on the register's date (closed risks are
        not counted, as in ``isms risk heatmap`` and the report)."""
        return _heatmap_of(self._document, self._data["as_of"])

    def plot(self, which: str = "inherent", ax: Optional[Any] = None) -> Any:
        """Draws :meth:`heatmap` (see :func:`isms.plot.heatmap`)."""
        return self.heatmap().plot(which, ax)

    def __repr__(self) -> str:
        return f"<RiskRegister as of {self._data['as_of']}: {len(self)} risks>"


def _heatmap_of(document: Optional[_native.Document], as_of: str) -> HeatMap:
    """The engine's heat map of ``document`` on ``as_of``."""
    if document is None:
        raise TypeError("plotting needs the result of an Isms method, not one rebuilt from a dict")
    return HeatMap(document.run("heatmap", request(as_of=as_of)))


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

    def to_svg(self) -> str:
        """The heat map as a standalone SVG drawn by the engine, as ``isms
        risk heatmap --svg`` writes it: inherent levels, or residual ones
        when asked for with ``Isms.heatmap(..., residual=True)``."""
        return self.render("svg")

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
