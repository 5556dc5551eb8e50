"""isms: an engine for ISO/IEC 27001:2022 information security management
systems, from Python.

Load an ISMS document (the JSON format described by ``isms.schema("isms")``),
validate it, query the embedded catalogs of the standard, and compute what
the engine computes, with results as typed objects, pandas DataFrames and
numpy arrays::

    import isms
    doc = isms.load("examples/minimal.json")
    doc.validate()                      # [] when valid
    isms.catalog.annex_a(theme="people").to_pandas()

The computations run in a native (Rust) core; this package converts and
delegates. Errors are :class:`IsmsError` subclasses with a stable ``.code``.
"""

from __future__ import annotations

from typing import Any

from . import _native, catalog, plot, results
from ._document import Isms, load, loads
from ._records import Record, Table
from ._simulate import analytic_mean, compare, rosi, simulate, simulate_portfolio
from .results import (
    AssessedRisk,
    AuditDuration,
    AuditProgramme,
    Calendar,
    CertificationCycle,
    DocumentSimulation,
    Drift,
    Evaluation,
    Finding,
    HeatMap,
    NcReport,
    PortfolioSimulation,
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


def schema_names() -> list[str]:
    """Names of the published JSON Schemas (``isms``, ``problems``, ...)."""
    return list(_native.schema_names())


def schema(name: str) -> dict[str, Any]:
    """One published JSON Schema, as a dict. Raises :class:`NotFoundError`."""
    s: dict[str, Any] = _native.schema(name)
    return s


__all__ = [
    "ERROR_CODES",
    "PROBLEM_CODES",
    "AssessedRisk",
    "AuditDuration",
    "AuditProgramme",
    "Calendar",
    "CertificationCycle",
    "DocumentSimulation",
    "Drift",
    "Evaluation",
    "Finding",
    "HeatMap",
    "Statement",
    "TreatmentPlan",
    "NcReport",
    "PortfolioSimulation",
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
    "catalog",
    "load",
    "loads",
    "schema",
    "schema_names",
]
