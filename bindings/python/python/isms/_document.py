"""The ISMS document: :class:`Isms`, :func:`load` and :func:`loads`."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
from typing import Any, Mapping, Optional, Union

from . import _native
from ._records import Record, Table, _date_arg, _jsonable
from .results import (
    AuditDuration,
    AuditProgramme,
    Calendar,
    CertificationCycle,
    DocumentSimulation,
    Drift,
    Evaluation,
    HeatMap,
    NcReport,
    RiskRegister,
    Roadmap,
    SoaDiff,
    Statement,
    TreatmentPlan,
)
from .errors import ParseError, Problem

__all__ = ["Isms", "load", "loads"]

PathLike = Union[str, "os.PathLike[str]"]


class Isms:
    """One ISMS document, parsed and held by the native engine.

    The document is immutable: operations that change it (such as
    nonconformity transitions) return a new :class:`Isms`. Build one with
    :func:`isms.load`, :func:`isms.loads` or :meth:`Isms.from_dict`.
    """

    __slots__ = ("_doc",)

    def __init__(self, native: _native.Document) -> None:
        """Wraps a native document; prefer :func:`load`, :func:`loads` or :meth:`from_dict`."""
        if not isinstance(native, _native.Document):
            raise TypeError("Isms(...) wraps a native document; use isms.loads(text) or Isms.from_dict(d)")
        self._doc = native

    # -- construction and serialisation ------------------------------------------------------

    @classmethod
    def from_json(cls, text: Union[str, bytes]) -> Isms:
        """Parses JSON text. Raises :class:`isms.ParseError` (with path, line and column)."""
        try:
            if isinstance(text, (bytes, bytearray)):
                text = bytes(text).decode("utf-8")
            return cls(_native.Document.from_json(text))
        except UnicodeError as e:  # invalid UTF-8 bytes, or lone surrogates in a str
            reason = f"the text is not valid UTF-8: {e}"
            raise ParseError(
                f"{reason} at $", path="$", reason=reason, problems=[Problem("parse_error", "$", reason)]
            ) from e

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Isms:
        """Builds a document from a dict shaped like the JSON. Values may be
        :class:`datetime.date` where the JSON has an ISO date.

        Raises :class:`isms.ParseError` with the JSON path of a bad value.
        """
        # json.dumps (C) + the core's parser is faster than walking the dict
        # from Rust for big documents, and accepts dates; see benches/results/python.md.
        return cls(_native.Document.from_json(json.dumps(d, default=_jsonable)))

    def to_dict(self) -> dict[str, Any]:
        """The document as a JSON-shaped dict (dates as ISO strings)."""
        d: dict[str, Any] = json.loads(self._doc.to_json())
        return d

    def to_json(self) -> str:
        """The document as deterministic, pretty-printed JSON (same document, same bytes)."""
        return self._doc.to_json()

    def save(self, path: PathLike) -> None:
        """Writes :meth:`to_json` to ``path`` (UTF-8) atomically: the old file or
        the new one, never a torn one; symlinks followed, owner and mode kept;
        a hard-linked, read-only or non-regular file refused (see ``isms._save``)."""
        from ._save import save_text

        save_text(path, self.to_json())

    # -- checks --------------------------------------------------------------------------------

    def validate(self) -> list[Problem]:
        """Every problem in the document (dangling references, duplicate ids,
        impossible dates, unknown controls ...); empty when it is valid."""
        return [Problem.from_dict(p) for p in self._doc.validate()]

    def check(self) -> Isms:
        """Returns ``self`` if the document is valid; otherwise raises
        :class:`isms.ValidationError` whose ``.problems`` lists every problem."""
        self._doc.check()
        return self

    @property
    def is_valid(self) -> bool:
        """Whether :meth:`validate` finds no problem."""
        return not self._doc.validate()

    # -- risk ----------------------------------------------------------------------------------

    def risk_register(self, as_of: Union[dt.date, str]) -> RiskRegister:
        """The qualitative risk assessment as of ``as_of``: every risk's
        inherent and residual level, rank, appetite, treatment, acceptance and
        review status (6.1.2, 8.2).

        Raises :class:`isms.ValidationError` if the methodology cannot be
        resolved or a rating is off its scale.
        """
        return RiskRegister(self._doc.assess(_date_arg_required(as_of, "as_of")), self._doc)

    def heatmap(self, as_of: Union[dt.date, str]) -> HeatMap:
        """The risk heat map as of ``as_of`` (inherent and residual counts per
        likelihood × consequence cell, with level colours)."""
        return HeatMap(self._doc.heatmap(_date_arg_required(as_of, "as_of")))

    def treatment_plan(self, as_of: Union[dt.date, str]) -> TreatmentPlan:
        """The risk treatment plan as of ``as_of`` (6.1.3, 8.3)."""
        return TreatmentPlan(self._doc.treatment_plan(_date_arg_required(as_of, "as_of")))

    def simulate(
        self,
        *,
        trials: int = 10_000,
        seed: int = 0,
        risk: Optional[str] = None,
        tolerance: Optional[float] = None,
        lec_points: int = 101,
        max_work: Optional[int] = None,
    ) -> DocumentSimulation:
        """Open FAIR Monte Carlo over the document's quantified risks (those
        with a ``fair`` model), as ``isms simulate`` runs it: ``trials``
        simulated years per risk, annual loss before treatment and after the
        ``fair_effects`` of its treatments, the return on security investment,
        and the portfolio (per-year sums) before and after treatment. With
        ``risk``, only that risk (and no portfolio). With ``tolerance``, each
        result reports P(annual loss > tolerance).

        The same seed gives the same numbers on every platform; the GIL is
        released meanwhile. Samples are not kept: for a risk's simulated years
        as a numpy array, use :func:`isms.simulate` on its ``fair`` model with
        ``keep_samples=True``. Raises :class:`isms.NotFoundError` for an unknown
        ``risk`` or one without a ``fair`` model,
        :class:`isms.InvalidArgumentError` for a model or option that cannot
        be simulated (with its path), :class:`isms.LimitExceededError` past
        ``max_work`` (default 2·10⁸ simulated years plus events).
        """
        options: dict[str, Any] = {"trials": trials, "seed": seed, "lec_points": lec_points}
        if tolerance is not None:
            options["tolerance"] = tolerance
        if max_work is not None:
            options["max_work"] = max_work
        return DocumentSimulation(self._doc.simulate(options, risk))

    # -- evaluation and SoA ---------------------------------------------------------------------

    def evaluate(self, as_of: Union[dt.date, str]) -> Evaluation:
        """The continuous-monitoring verdict as of ``as_of``: findings with
        severity, clause/control, due date and remediation; readiness per
        clause, per Annex A theme and overall. The GIL is released meanwhile.

        Raises :class:`isms.ValidationError` if the document is invalid.
        """
        return Evaluation(self._doc.evaluate(_date_arg_required(as_of, "as_of")))

    def drift(
        self, newer: "Isms", as_of: Union[dt.date, str], newer_as_of: Union[dt.date, str, None] = None
    ) -> Drift:
        """What changed between this document on ``as_of`` and ``newer`` on
        ``newer_as_of`` (default: ``as_of``): new, resolved, worsened and
        improved findings matched by fingerprint, readiness and Stage 1/2
        verdict changes, and the SoA diff. Pass the same document twice with
        two dates to see what falls out of compliance over time."""
        a = _date_arg_required(as_of, "as_of")
        b = a if newer_as_of is None else _date_arg_required(newer_as_of, "newer_as_of")
        return Drift(self._doc.drift(newer._doc, a, b))

    def report_html(self, as_of: Union[dt.date, str]) -> str:
        """The self-contained HTML report as of ``as_of`` (inline CSS and SVG,
        no external assets)."""
        return self._doc.report_html(_date_arg_required(as_of, "as_of"))

    def soa(self, as_of: Union[dt.date, str]) -> Statement:
        """The Statement of Applicability as of ``as_of``: all 93 Annex A
        controls with applicability, reasons, status and evidence."""
        return Statement(self._doc.soa(_date_arg_required(as_of, "as_of")))

    def soa_diff(self, newer: "Isms") -> SoaDiff:
        """What changed between this document's Statement of Applicability
        and ``newer``'s, control by control: added and removed entries,
        applicability, status, reasons, owner and justification changes
        (the documents' own entries; see :meth:`drift` for what moves with
        the date)."""
        return SoaDiff(self._doc.soa_diff(newer._doc))

    def roadmap(self, as_of: Union[dt.date, str]) -> Roadmap:
        """The 17 checklist steps towards certification as of ``as_of``: each
        step's status, the findings blocking it, its dependencies and dates
        (``Roadmap.to_mermaid()`` draws the gantt chart).

        Raises :class:`isms.ValidationError` if the document is invalid.
        """
        return Roadmap(self._doc.roadmap(_date_arg_required(as_of, "as_of")))

    # -- schedule and nonconformities ----------------------------------------------------------

    def audit_programme(
        self, as_of: Union[dt.date, str], *, audits: Optional[int] = None, lead_days: int = 30
    ) -> AuditProgramme:
        """The internal audit programme (9.2) as of ``as_of``: which leaf
        clauses and applicable controls the window's audits cover, auditors
        who are not independent of their scope, and the audits to add, spread
        over ``audits`` audits (default one per year of the cycle) and placed
        ``lead_days`` before external audits."""
        options: dict[str, Any] = {"lead_days": lead_days}
        if audits is not None:
            options["audits"] = audits
        return AuditProgramme(self._doc.audit_programme(_date_arg_required(as_of, "as_of"), options))

    def audit_duration(
        self,
        as_of: Union[dt.date, str],
        *,
        business_score: Optional[int] = None,
        it_score: Optional[int] = None,
        effective_persons: Optional[int] = None,
    ) -> AuditDuration:
        """The initial certification audit time (stage 1 + stage 2) after
        ISO/IEC 27006-1:2024 Annex C: persons in scope (the headcount, else
        the people active on ``as_of``, or ``effective_persons``), the Table
        C.1 band, auditor-days and, with both complexity scores (3–9), the
        allowed adjustment.

        Raises :class:`isms.InvalidArgumentError` when no person is counted or
        a score is outside 3–9.
        """
        factors: dict[str, Any] = {}
        for k, v in (("business_score", business_score), ("it_score", it_score), ("effective_persons", effective_persons)):
            if v is not None:
                factors[k] = v
        return AuditDuration(self._doc.audit_duration(_date_arg_required(as_of, "as_of"), factors).to_obj())


    def calendar(self, start: Union[dt.date, str], end: Union[dt.date, str]) -> Calendar:
        """The merged calendar from ``start`` to ``end`` inclusive: audits,
        management reviews, trainings, document reviews, evidence refresh,
        deadlines. Statuses are as of ``start``.

        Raises :class:`isms.InvalidArgumentError` if ``end`` is before ``start``.
        """
        return Calendar(self._doc.calendar(_date_arg_required(start, "start"), _date_arg_required(end, "end")))

    def schedule(self, start: Union[dt.date, str], end: Union[dt.date, str]) -> Calendar:
        """Alias of :meth:`calendar`."""
        return self.calendar(start, end)

    def management_review_plan(self, start: Union[dt.date, str], end: Union[dt.date, str]) -> Table[Record]:
        """The management review slots (9.3) from ``start`` to ``end``: at
        the configured interval from the last completed review, pulled ahead
        of planned external audits; each with its ``date``, the planned
        ``review`` filling it (if any), the external audit it ``precedes`` and
        its ``status`` as of ``start``. Unfilled slots also appear in
        :meth:`calendar`."""
        rows = self._doc.management_review_plan(_date_arg_required(start, "start"), _date_arg_required(end, "end"))
        return Table(rows, Record)

    def certification_cycle(self, as_of: Union[dt.date, str]) -> CertificationCycle:
        """The certification cycle as of ``as_of``: certificate state, expiry
        and milestones (Stage 1 and 2, surveillance, recertification)."""
        return CertificationCycle(self._doc.certification_cycle(_date_arg_required(as_of, "as_of")))

    def nc_report(self, as_of: Union[dt.date, str]) -> NcReport:
        """Every nonconformity's state, deadline and deadline status as of ``as_of``."""
        return NcReport(self._doc.nc_report(_date_arg_required(as_of, "as_of")))

    def nc_transition(self, nc_id: str, action: str, **fields: Any) -> Isms:
        """Applies a lifecycle action to nonconformity ``nc_id`` and returns
        the new document (this one is unchanged). ``action`` is one of
        ``correct``, ``analyse_root_cause``, ``plan_actions``, ``implement``,
        ``verify``, ``close``, ``reject``, ``cancel``, ``reopen``; ``fields``
        are its data (``on`` as a :class:`datetime.date`, ``by`` a person id,
        ...), e.g. ``doc.nc_transition("nc-1", "close", on=date(2025, 5, 1), by="p1")``.

        Raises :class:`isms.TransitionError` if the state does not allow it,
        :class:`isms.NotFoundError` for an unknown id, :class:`isms.ParseError`
        for missing or unknown fields.
        """
        payload = json.loads(json.dumps({"action": action, **fields}, default=_jsonable))
        return Isms(self._doc.nc_transition(nc_id, payload))

    # -- convenience ---------------------------------------------------------------------------

    @property
    def organization(self) -> str:
        """The organisation's name."""
        return str(self.to_dict()["organization"]["name"])

    @property
    def native(self) -> _native.Document:
        """The underlying native document (for extensions of this package)."""
        return self._doc

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Isms):
            return bool(self._doc == other._doc)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<Isms {self.organization!r}>"

    def _repr_html_(self) -> str:
        d = self.to_dict()
        counts = {k: len(v) for k, v in d.items() if isinstance(v, list) and v}
        problems = self.validate()
        rows = "".join(f"<tr><td>{html.escape(k)}</td><td>{n}</td></tr>" for k, n in counts.items())
        status = (
            "<p>valid</p>"
            if not problems
            else f"<p>{len(problems)} problem(s); first: {html.escape(str(problems[0]))}</p>"
        )
        return (
            f"<div><strong>ISMS: {html.escape(str(d['organization']['name']))}</strong>"
            f"<table><tbody>{rows}</tbody></table>{status}</div>"
        )


def _date_arg_required(value: Union[dt.date, str], name: str) -> str:
    d = _date_arg(value, name)
    if d is None:
        raise TypeError(f"{name} is required")
    return d


def loads(text: Union[str, bytes]) -> Isms:
    """Parses an ISMS document from JSON text (structure only; call
    :meth:`Isms.validate` for referential integrity).

    Raises :class:`isms.ParseError` with the JSON path, line and column.
    """
    return Isms.from_json(text)


def load(path: PathLike) -> Isms:
    """Reads and parses an ISMS document from a JSON file.

    Raises :class:`isms.ParseError`, or :class:`OSError` if the file cannot be read.
    """
    with open(path, "rb") as f:
        return Isms.from_json(f.read())
