"""isms: an engine for ISO/IEC 27001:2022 information security management
systems, from Python.

Load an ISMS document (the JSON format described by ``isms.schema("isms")``),
validate it, query the embedded catalogs of the standard, and compute what
the engine computes, with results as typed objects, pandas DataFrames and
numpy arrays::

    import isms
    doc = isms.load("examples/minimal.json")   # validated: ValidationError if not
    doc.check("2026-11-29").to_pandas()         # isms check --as-of 2026-11-29
    isms.validate(pathlib.Path("draft.json"))   # every problem of a document that does not load
    isms.catalog.annex_a(theme="people").to_pandas()

The computations run in the native (Rust) engine: each function or method
runs one operation of its table (:func:`operations`), with the names the
``isms`` command uses; this package converts and delegates. Errors are
:class:`IsmsError` subclasses with a stable ``.code``.
"""

from __future__ import annotations

from typing import Any, Mapping, Union

from . import _engine, _native, catalog, plot, results
from ._document import MAX_DOCUMENT_BYTES, Isms, load, loads, validate
from ._monitor import mapping_lint, monitor_ingest
from ._records import Record, Table
from ._simulate import analytic_mean, compare, rosi, simulate, simulate_portfolio
from .results import (
    AssessedRisk,
    AuditDuration,
    AuditProgramme,
    Calendar,
    CertificationCycle,
    Coverage,
    DocumentSimulation,
    Drift,
    Evaluation,
    Finding,
    HeatMap,
    Ingested,
    MappingLint,
    MonitorDrift,
    MonitorSummary,
    NcDetail,
    NcReport,
    PortfolioSimulation,
    RiskAssessment,
    RiskRegister,
    RiskSimulation,
    Roadmap,
    RoadmapStep,
    Simulation,
    SoaDiff,
    Statement,
    TreatmentPlan,
)
from .errors import (
    ERROR_CODES,
    InvalidArgumentError,
    IsmsError,
    LimitExceededError,
    NotFoundError,
    ParseError,
    Problem,
    TransitionError,
    ValidationError,
)

__version__: str = _native.__version__

#: The stable codes of validation problems (``Problem.code``).
PROBLEM_CODES: tuple[str, ...] = tuple(_native.PROBLEM_CODES)


#: Severities of findings, least severe first (the order of the ordered
#: ``severity`` categorical in DataFrames).
SEVERITIES: tuple[str, ...] = tuple(_native.SEVERITIES)


def schema_names() -> list[str]:
    """Names of the published JSON Schemas (``isms``, ``evaluation``,
    ``evaluate.request``, ...)."""
    names: list[str] = _engine.run("schemas").to_obj()
    return names


def schema(name: str) -> dict[str, Any]:
    """One published JSON Schema, as a dict. Raises :class:`NotFoundError`."""
    s: dict[str, Any] = _engine.run("schema", name=name).to_obj()
    return s


def operations() -> list[dict[str, Any]]:
    """The engine's operations table: each operation's ``name``,
    ``summary``, whether it ``needs_document``, its ``formats`` and the names
    of its request and response schemas (see :func:`schema`)."""
    ops: list[dict[str, Any]] = _engine.run("operations").to_obj()
    return ops


def call(op: str, request: Union[str, Mapping[str, Any], None] = None) -> str:
    """Runs an engine operation that needs no document (catalogs, schemas,
    one model's simulation ...) on a JSON request (text or dict; ``"format"``
    picks the rendering) and returns its rendered output; for operations on a
    document, see :meth:`Isms.call`."""
    return _native.call(op, request if isinstance(request, str) else _engine.request(**(request or {})))


__all__ = [
    "ERROR_CODES",
    "PROBLEM_CODES",
    "SEVERITIES",
    "AssessedRisk",
    "AuditDuration",
    "AuditProgramme",
    "Calendar",
    "CertificationCycle",
    "Coverage",
    "DocumentSimulation",
    "Drift",
    "Evaluation",
    "Finding",
    "HeatMap",
    "Ingested",
    "MappingLint",
    "MonitorDrift",
    "MonitorSummary",
    "Statement",
    "TreatmentPlan",
    "NcDetail",
    "NcReport",
    "PortfolioSimulation",
    "RiskAssessment",
    "RiskRegister",
    "RiskSimulation",
    "Roadmap",
    "RoadmapStep",
    "Simulation",
    "SoaDiff",
    "analytic_mean",
    "compare",
    "rosi",
    "simulate",
    "simulate_portfolio",
    "plot",
    "results",
    "InvalidArgumentError",
    "Isms",
    "IsmsError",
    "LimitExceededError",
    "NotFoundError",
    "ParseError",
    "Problem",
    "Record",
    "Table",
    "TransitionError",
    "ValidationError",
    "__version__",
    "call",
    "catalog",
    "load",
    "loads",
    "mapping_lint",
    "monitor_ingest",
    "MAX_DOCUMENT_BYTES",
    "operations",
    "schema",
    "schema_names",
    "validate",
]
