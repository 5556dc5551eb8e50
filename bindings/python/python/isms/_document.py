"""The ISMS document: :class:`Isms`, :func:`load`, :func:`loads`, and
:func:`validate` for documents that do not load."""

from __future__ import annotations

import html
import json
import os
import stat
from typing import Any, Mapping, Optional, Union

from . import _engine, _monitor, _native
from ._engine import DateLike
from ._monitor import Results
from ._records import Record, Table, dumps
from .results import (
    AuditDuration,
    AuditProgramme,
    Calendar,
    CertificationCycle,
    DocumentSimulation,
    Coverage,
    Drift,
    Evaluation,
    HeatMap,
    MonitorDrift,
    MonitorSummary,
    NcDetail,
    NcReport,
    RiskAssessment,
    RiskRegister,
    Roadmap,
    SoaDiff,
    Statement,
    TreatmentPlan,
)
from .errors import LimitExceededError, ParseError, Problem

MAX_DOCUMENT_BYTES: int = _native.MAX_DOCUMENT_BYTES
"""Default largest document accepted by :func:`load` and :func:`loads` (256 MiB)."""

__all__ = ["Isms", "load", "loads", "validate"]

PathLike = Union[str, "os.PathLike[str]"]


class Isms:
    """One valid ISMS document, held by the native engine.

    Loading validates it once: an invalid document raises
    :class:`isms.ValidationError` with every problem in ``.problems``
    (:func:`isms.validate` lists them without raising), so every method
    computes on a valid document. Each method runs one operation of the
    engine, with the name the ``isms`` command uses; dates are
    :class:`datetime.date` or ``YYYY-MM-DD`` strings, and ``as_of`` defaults
    to today (UTC). The document is immutable: operations that change it
    (nonconformity transitions) return a new :class:`Isms`. Build one with
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
    def from_json(cls, text: Union[str, bytes], *, max_bytes: int = MAX_DOCUMENT_BYTES) -> Isms:
        """Parses and validates JSON text. Raises :class:`isms.ParseError`
        (with path, line and column), :class:`isms.ValidationError`, or
        :class:`isms.LimitExceededError` when the text is longer than
        ``max_bytes`` (default 256 MiB)."""
        if not isinstance(text, (str, bytes, bytearray)):
            raise _not_a_document(text, "JSON text (str or bytes)")
        try:
            if isinstance(text, (bytes, bytearray)):
                _check_size(len(text), max_bytes)
                text = bytes(text).decode("utf-8")
            return cls(_native.Document.from_json(text, max_bytes))
        except UnicodeError as e:  # invalid UTF-8 bytes, or lone surrogates in a str
            reason = f"the text is not valid UTF-8: {e}"
            raise ParseError(
                f"{reason} at $", path="$", reason=reason, problems=[Problem("parse_error", "$", reason)]
            ) from e

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Isms:
        """Builds a document from a dict shaped like the JSON. Values may be
        :class:`datetime.date` where the JSON has an ISO date.

        Raises :class:`isms.ParseError` with the JSON path of a bad value, or
        :class:`isms.ValidationError`.
        """
        # json.dumps (C) + the core's parser is faster than walking the dict
        # from Rust for big documents, and accepts dates; see benches/results/python.md.
        if not isinstance(d, Mapping):
            raise _not_a_document(d, "a dict")
        return cls(_native.Document.from_json(dumps(d)))

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

    # -- validation ---------------------------------------------------------------------------

    def validate(self) -> list[Problem]:
        """Every integrity problem of the document: always empty, since a
        loaded :class:`Isms` has passed validation (an invalid document
        raises :class:`isms.ValidationError` when loaded; inspect one with
        :func:`isms.validate`)."""
        return [Problem.from_dict(p) for p in self._run("validate").to_obj()]

    # -- evaluation ---------------------------------------------------------------------------

    def check(self, as_of: Optional[DateLike] = None, *, results: Optional[Results] = None) -> Evaluation:
        """The continuous-monitoring verdict as of ``as_of`` (default today,
        UTC), as ``isms check`` computes it: findings with severity,
        clause/control, due date and remediation; readiness per clause, per
        Annex A theme and overall; Stage 1/2 verdicts.

        With ``results`` (automated test results, see
        :meth:`monitor_summary` for the accepted forms), the ``monitoring.*``
        rules judge them too, as ``isms check --results FILE`` does: findings
        from failing, at-risk, unevaluated or stale controls cite the checks
        and resources. Raises :class:`isms.InvalidArgumentError` for bad
        records (line or index, and field)."""
        if results is None:
            return Evaluation(self._run("evaluate", as_of=_engine.as_of(as_of)))
        return Evaluation(self._monitor("evaluate", _engine.as_of(as_of), results))

    evaluate = check

    def verdict(self, as_of: Optional[DateLike] = None, fail_on: str = "blocker") -> Record:
        """Whether the evaluation on ``as_of`` fails at ``fail_on``
        (``isms check --fail-on``): ``fails``, ``worst``,
        ``failing_findings``, ``total_findings``."""
        return Record(self._run("verdict", as_of=_engine.as_of(as_of), fail_on=fail_on).to_obj())

    def drift(
        self,
        newer: Optional[Isms] = None,
        *,
        as_of: Optional[DateLike] = None,
        to: Optional[DateLike] = None,
        old_results: Optional[Results] = None,
        new_results: Optional[Results] = None,
    ) -> Drift:
        """What fell out of compliance and what recovered, as ``isms diff
        OLD [NEW] --as-of A --to B`` computes it: this document on ``as_of``
        (default today, UTC) against ``newer`` on ``to`` (default ``as_of``),
        or, without ``newer``, this document on ``as_of`` against itself on
        ``to`` (what will have lapsed by then). Findings are matched by
        fingerprint; with ``newer``, the SoA diff too.

        With ``old_results`` and ``new_results`` (automated test results, as
        for :meth:`monitor_summary`), each side is evaluated with its run's
        results, as ``isms diff --old-results R1 --new-results R2``: findings
        from tests appear and resolve, and ``monitoring`` lists the controls
        that started, stopped or are still failing. Give the earlier run
        again among ``new_results`` when a failure's start should be known
        across runs.

        Raises :class:`isms.InvalidArgumentError` with nothing to compare
        (neither ``newer`` nor ``to``, and no other new results), and
        :class:`TypeError` with only one of ``old_results`` and
        ``new_results``."""
        start = str(_engine.iso(_engine.as_of(as_of)))
        if old_results is None and new_results is None:
            return Drift(self._doc.drift(start, _native_of(newer), _engine.iso(to)))
        if old_results is None or new_results is None:
            raise TypeError("drift with results needs both old_results and new_results")
        old, new = _monitor.sources(old_results), _monitor.sources(new_results)
        return Drift(self._doc.drift(start, _native_of(newer), _engine.iso(to), old, new))

    def roadmap(self, as_of: Optional[DateLike] = None) -> Roadmap:
        """The 17 checklist steps towards certification as of ``as_of``: each
        step's status, the findings blocking it, its dependencies and dates
        (``Roadmap.to_mermaid()`` draws the gantt chart)."""
        return Roadmap(self._run("roadmap", as_of=_engine.as_of(as_of)))

    def report_html(self, as_of: Optional[DateLike] = None, *, results: Optional[Results] = None) -> str:
        """The self-contained HTML report as of ``as_of`` (inline CSS and SVG,
        no external assets), as ``isms report`` writes it. With ``results``
        (see :meth:`monitor_summary`), its "Automated control tests" section
        shows coverage, each control's automated status and the findings
        from tests, as ``isms report --results FILE``."""
        if results is None:
            return self._run("report", as_of=_engine.as_of(as_of)).render("html")
        return self._monitor("report", _engine.as_of(as_of), results).render("html")

    # -- risk ---------------------------------------------------------------------------------

    def risk_assessment(self, as_of: Optional[DateLike] = None) -> RiskAssessment:
        """The qualitative risk assessment as of ``as_of``: every risk's
        inherent and residual level, rank, appetite, treatment, acceptance and
        review status, and the resolved methodology (6.1.2, 8.2)."""
        return RiskAssessment(self._run("risk_assessment", as_of=_engine.as_of(as_of)), self._doc)

    def risk_register(self, as_of: Optional[DateLike] = None) -> RiskRegister:
        """The risk register as of ``as_of``, as ``isms risk register``
        gives it: one row per risk with owner and acceptor names, levels,
        treatment, controls relied upon, acceptance and review status."""
        return RiskRegister(self._run("risk_register", as_of=_engine.as_of(as_of)), self._doc)

    def heatmap(self, as_of: Optional[DateLike] = None, *, residual: bool = False) -> HeatMap:
        """The risk heat map as of ``as_of`` (inherent and residual counts per
        likelihood × consequence cell, with level colours; closed risks are
        not counted), as ``isms risk heatmap`` computes it; ``residual``
        picks the levels :meth:`HeatMap.to_svg` draws (``--residual``)."""
        return HeatMap(self._run("heatmap", as_of=_engine.as_of(as_of), residual=residual))

    def treatment_plan(self, as_of: Optional[DateLike] = None) -> TreatmentPlan:
        """The risk treatment plan as of ``as_of`` (6.1.3, 8.3), as ``isms risk plan``."""
        return TreatmentPlan(self._run("treatment_plan", as_of=_engine.as_of(as_of)))

    def simulate(
        self,
        *,
        risk: Optional[str] = None,
        years: Optional[int] = None,
        seed: Optional[int] = None,
        tolerance: Optional[float] = None,
        lec_points: Optional[int] = None,
        max_work: Optional[int] = None,
    ) -> DocumentSimulation:
        """Open FAIR Monte Carlo over the document's quantified risks (those
        with a ``fair`` model), as ``isms simulate`` runs it: ``years``
        simulated years per risk (default 10,000), annual loss before
        treatment and after the ``fair_effects`` of its treatments, the
        return on security investment, and the portfolio (per-year sums)
        before and after treatment. With ``risk``, only that risk (and no
        portfolio). With ``tolerance``, each result reports P(annual loss >
        tolerance). ``seed`` defaults to 0, ``lec_points`` to 101,
        ``max_work`` to 2·10⁸ simulated years plus events.

        The same seed gives the same numbers on every platform; the GIL is
        released meanwhile. Raises :class:`isms.NotFoundError` for an unknown
        ``risk`` or one without a ``fair`` model,
        :class:`isms.InvalidArgumentError` for a model or option that cannot
        be simulated (with its path), :class:`isms.LimitExceededError` past
        ``max_work``.
        """
        opts = _engine.options(years=years, seed=seed, tolerance=tolerance, lec_points=lec_points, max_work=max_work)
        return DocumentSimulation(self._run("simulate", risk=risk, options=opts))

    # -- continuous monitoring (docs/monitoring.md) --------------------------------------------

    def monitor_summary(self, results: Results, as_of: Optional[DateLike] = None) -> MonitorSummary:
        """Every control's automated health on ``as_of`` (default today,
        UTC) from test results, as ``isms monitor summary`` judges it:
        freshness, overrides, the verdict, tolerance and escalation, and what
        the SoA says (``docs/monitoring.md``); results observed later are not
        known yet.

        ``results`` are neutral result records, given as a path (``str`` or
        :class:`os.PathLike`) of an NDJSON or JSON-array file, or a list of
        paths, each read by the native engine (NDJSON line by line with the
        GIL released, keeping only what the judgement on the date reads, so
        a file of any size needs bounded memory); or as records in memory: a
        list of dicts, an :class:`isms.results.Ingested`, or a
        :class:`pandas.DataFrame` with the neutral columns
        (:meth:`isms.results.Ingested.to_pandas`).

        Raises :class:`isms.InvalidArgumentError` for bad records (all
        counted, none dropped; the first named by line or index, and field,
        in ``.path`` and the message), :class:`OSError` for a file that
        cannot be read, :class:`TypeError` for results of another kind."""
        return MonitorSummary(self._monitor("monitor_summary", _engine.as_of(as_of), results))

    def monitor_coverage(self, results: Results, as_of: Optional[DateLike] = None) -> Coverage:
        """Automation coverage of the SoA on ``as_of`` (default today, UTC),
        as ``isms monitor coverage``: applicable controls with at least one
        automated check ÷ applicable controls, those with a fresh pass or
        fail, those no check covers, and results for excluded or undecided
        controls; clauses 4–10 never count. ``results`` as for
        :meth:`monitor_summary`."""
        return Coverage(self._monitor("monitor_coverage", _engine.as_of(as_of), results))

    def monitor_drift(
        self, before: Results, after: Optional[Results], from_: DateLike, to: DateLike
    ) -> MonitorDrift:
        """Controls that started failing, stopped failing, are still failing,
        or otherwise changed verdict between ``from_`` and ``to``, as ``isms
        monitor drift --results BEFORE --newer AFTER --from D1 --to D2`` (and
        the ``monitor_drift`` operation, whose ``newer_results`` ``after``
        is): ``before`` is judged on ``from_``, ``before`` and ``after``
        together on ``to``, so a failure's start is known across runs.
        ``after`` may be ``None`` (the same results on both dates). Results
        as for :meth:`monitor_summary`."""
        newer = [] if after is None else _monitor.sources(after)
        value = self._doc.monitor(
            "monitor_drift", str(_engine.iso(from_)), _monitor.sources(before), newer, _engine.iso(to)
        )
        return MonitorDrift(value)

    def _monitor(self, op: str, as_of: DateLike, results: Results) -> _native.Value:
        return self._doc.monitor(op, str(_engine.iso(as_of)), _monitor.sources(results))

    # -- Statement of Applicability -----------------------------------------------------------

    def soa(self, as_of: Optional[DateLike] = None, *, results: Optional[Results] = None) -> Statement:
        """The Statement of Applicability as of ``as_of``: all 93 Annex A
        controls with applicability, reasons, status and evidence (``isms soa``).
        With ``results`` (see :meth:`monitor_summary`), each control with
        results gains its automated status: health, last observed, freshness
        on the date and through the audit observation window (``isms soa
        --results FILE``)."""
        if results is None:
            return Statement(self._run("soa", as_of=_engine.as_of(as_of)))
        return Statement(self._monitor("soa", _engine.as_of(as_of), results))

    def soa_diff(self, newer: Isms) -> SoaDiff:
        """What changed between this document's Statement of Applicability
        and ``newer``'s, control by control: added and removed entries,
        applicability, status, reasons, owner and justification changes
        (the documents' own entries; see :meth:`drift` for what moves with
        the date)."""
        return SoaDiff(self._doc.soa_diff(newer._doc))

    # -- schedule -----------------------------------------------------------------------------

    def calendar(self, start: Optional[DateLike] = None, end: Optional[DateLike] = None) -> Calendar:
        """The merged calendar from ``start`` (default today, UTC) to ``end``
        inclusive (default one year later), as ``isms schedule --from --to``:
        audits, management reviews, trainings, document reviews, evidence
        refresh, deadlines. Statuses are as of ``start``.
        ``Calendar.to_ical()`` writes it as iCalendar.

        Raises :class:`isms.InvalidArgumentError` if ``end`` is before ``start``.
        """
        return Calendar(self._run("calendar", **{"from": _engine.as_of(start), "to": end}))

    schedule = calendar

    def management_review_plan(self, start: Optional[DateLike] = None, end: Optional[DateLike] = None) -> Table[Record]:
        """The management review slots (9.3) from ``start`` (default today,
        UTC) to ``end`` (default one year later): at the configured interval
        from the last completed review, pulled ahead of planned external
        audits; each with its ``date``, the planned ``review`` filling it (if
        any), the external audit it ``precedes`` and its ``status`` as of
        ``start``. Unfilled slots also appear in :meth:`calendar`."""
        return Table(self._run("management_review_plan", **{"from": _engine.as_of(start), "to": end}).to_obj(), Record)

    def certification_cycle(self, as_of: Optional[DateLike] = None) -> CertificationCycle:
        """The certification cycle as of ``as_of``: certificate state, expiry
        and milestones (Stage 1 and 2, surveillance, recertification)."""
        return CertificationCycle(self._run("certification_cycle", as_of=_engine.as_of(as_of)))

    def audit_programme(
        self, as_of: Optional[DateLike] = None, *, audits: Optional[int] = None, lead_days: Optional[int] = None
    ) -> AuditProgramme:
        """The internal audit programme (9.2) as of ``as_of``: which leaf
        clauses and applicable controls the window's audits cover, auditors
        who are not independent of their scope, and the audits to add, spread
        over ``audits`` audits (default one per year of the cycle) and placed
        ``lead_days`` (default 30) before external audits."""
        opts = _engine.options(audits=audits, lead_days=lead_days)
        return AuditProgramme(self._run("audit_programme", as_of=_engine.as_of(as_of), options=opts))

    def audit_duration(
        self,
        as_of: Optional[DateLike] = None,
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
        factors = _engine.options(business_score=business_score, it_score=it_score, effective_persons=effective_persons)
        return AuditDuration(self._run("audit_duration", as_of=_engine.as_of(as_of), factors=factors).to_obj())

    # -- nonconformities ----------------------------------------------------------------------

    def nc_report(self, as_of: Optional[DateLike] = None) -> NcReport:
        """Every nonconformity's state, deadline and deadline status as of
        ``as_of``, with recurrences (``isms nc list``)."""
        return NcReport(self._run("nc_report", as_of=_engine.as_of(as_of)))

    def nc_show(self, nc_id: str, as_of: Optional[DateLike] = None) -> NcDetail:
        """One nonconformity as of ``as_of`` (``isms nc show``): the record
        with its history, its state, deadline, deadline status and the
        actions its state allows. Raises :class:`isms.NotFoundError`."""
        return NcDetail(self._run("nc_show", id=nc_id, as_of=_engine.as_of(as_of)))

    def nc_transition(self, nc_id: str, action: str, **fields: Any) -> Isms:
        """Applies a lifecycle action to nonconformity ``nc_id`` and returns
        the new document (this one is unchanged). ``action`` is one of
        ``correct``, ``analyse_root_cause``, ``plan_actions``, ``implement``,
        ``verify``, ``close``, ``reject``, ``cancel``, ``reopen``; ``fields``
        are its data (``on`` as a :class:`datetime.date`, ``by`` a person id,
        ...), e.g. ``doc.nc_transition("nc-1", "close", on=date(2025, 5, 1), by="p1")``.

        Raises :class:`isms.TransitionError` if the state does not allow it,
        :class:`isms.NotFoundError` for an unknown id, :class:`isms.ParseError`
        for missing or unknown fields, :class:`isms.ValidationError` when the
        result would not be a valid document.
        """
        return Isms(self._doc.nc_transition(nc_id, _engine.request(action=action, **fields)))

    # -- any operation ------------------------------------------------------------------------

    def call(self, op: str, request: Union[str, Mapping[str, Any], None] = None) -> str:
        """Runs the engine operation ``op`` (see :func:`isms.operations`) on
        this document with a JSON request (text or a dict; ``"format"``
        picks the rendering, default JSON) and returns the rendered output:
        the bytes the CLI and the conformance vectors give."""
        return self._doc.call(op, request if isinstance(request, str) else _engine.request(**(request or {})))

    def _run(self, op: str, **fields: Any) -> _native.Value:
        return self._doc.run(op, _engine.request(**fields))

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
        rows = "".join(f"<tr><td>{html.escape(k)}</td><td>{n}</td></tr>" for k, n in counts.items())
        return (
            f"<div><strong>ISMS: {html.escape(str(d['organization']['name']))}</strong>"
            f"<table><tbody>{rows}</tbody></table><p>valid</p></div>"
        )


def _native_of(doc: Optional[Isms]) -> Optional[_native.Document]:
    return None if doc is None else doc._doc


def loads(text: Union[str, bytes], *, max_bytes: int = MAX_DOCUMENT_BYTES) -> Isms:
    """Parses and validates an ISMS document from JSON text.

    Raises :class:`isms.ParseError` with the JSON path, line and column,
    :class:`isms.ValidationError` with every problem (see :func:`validate`),
    or :class:`isms.LimitExceededError` past ``max_bytes``.
    """
    return Isms.from_json(text, max_bytes=max_bytes)


def load(path: PathLike, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> Isms:
    """Reads and parses an ISMS document from a JSON file.

    Raises :class:`isms.ParseError`, :class:`isms.ValidationError`,
    :class:`isms.LimitExceededError` when the file is larger than
    ``max_bytes`` (checked before it is read), or :class:`OSError` if the
    file cannot be read.
    """
    with open(path, "rb") as f:
        st = os.fstat(f.fileno())
        if stat.S_ISREG(st.st_mode):
            _check_size(st.st_size, max_bytes)
        return Isms.from_json(f.read(max_bytes + 1), max_bytes=max_bytes)


def _not_a_document(value: object, expected: str) -> ParseError:
    reason = f"expected {expected}, got {type(value).__name__}"
    return ParseError(f"{reason} at $", path="$", reason=reason, problems=[Problem("parse_error", "$", reason)])


def _check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        message = f"the document is {size} bytes, larger than the limit of {max_bytes} bytes"
        raise LimitExceededError(
            f"{message} at $", path="$", reason=message, problems=[Problem("limit_exceeded", "$", message)]
        )


def validate(source: Union[str, bytes, Mapping[str, Any], "os.PathLike[str]"]) -> list[Problem]:
    """Every integrity problem of a document that may not load (dangling
    references, duplicate ids, impossible dates, unknown controls ...);
    empty when it is valid. ``source`` is JSON text (``str`` or ``bytes``),
    a dict shaped like the JSON, or a file path as a :class:`os.PathLike`
    (e.g. :class:`pathlib.Path`; a plain ``str`` is JSON text).

    This is the explicit path for inspecting an invalid document:
    :func:`load` refuses one with :class:`isms.ValidationError`. Raises
    :class:`isms.ParseError` if ``source`` is not a document at all.
    """
    if isinstance(source, os.PathLike):
        with open(source, "rb") as f:
            source = f.read()
    if isinstance(source, Mapping):
        source = dumps(source)
    return [Problem.from_dict(p) for p in _native.validate_json(_text(source))]


def _text(source: Union[str, bytes]) -> str:
    if not isinstance(source, (str, bytes, bytearray)):
        raise _not_a_document(source, "JSON text (str or bytes), a dict or a path")
    try:
        return bytes(source).decode("utf-8") if isinstance(source, (bytes, bytearray)) else source
    except UnicodeError as e:
        reason = f"the text is not valid UTF-8: {e}"
        raise ParseError(f"{reason} at $", path="$", reason=reason, problems=[Problem("parse_error", "$", reason)]) from e
