"""Typed results of the engine's computations.

Each result is a thin view of the core's JSON output (described by the
published JSON Schemas): attribute access, ``datetime.date`` for dates,
``to_dict()`` for the wire shape, ``to_pandas()`` on tabular results and an
HTML view for notebooks. No rule of the standard is computed here.

The classes are defined in the private subpackage ``isms._results``, one
module per concept; import them from here.
"""

from __future__ import annotations

from ._results.base import Result
from ._results.evaluation import (
    Drift,
    Evaluation,
    Finding,
    Roadmap,
    RoadmapStep,
)
from ._results.monitoring import (
    CheckResult,
    ControlHealth,
    Coverage,
    Ingested,
    LintIssue,
    MappingLint,
    MonitorDrift,
    MonitorSummary,
    ResultRecord,
)
from ._results.risk import (
    AssessedRisk,
    HeatMap,
    LevelResult,
    RegisterRow,
    RiskAssessment,
    RiskRegister,
    TreatmentPlan,
)
from ._results.schedule import (
    AuditDuration,
    AuditProgramme,
    Calendar,
    CalendarItem,
    CertificationCycle,
    NcDetail,
    NcReport,
)
from ._results.simulation import (
    DocumentSimulation,
    LecPoint,
    PortfolioSimulation,
    RiskSimulation,
    Simulation,
)
from ._results.soa import (
    SoaDiff,
    Statement,
)

__all__ = [
    "AssessedRisk",
    "AuditDuration",
    "AuditProgramme",
    "Calendar",
    "CalendarItem",
    "CertificationCycle",
    "CheckResult",
    "ControlHealth",
    "Coverage",
    "DocumentSimulation",
    "Drift",
    "Evaluation",
    "Finding",
    "HeatMap",
    "Ingested",
    "LintIssue",
    "MappingLint",
    "MonitorDrift",
    "MonitorSummary",
    "ResultRecord",
    "Statement",
    "TreatmentPlan",
    "LecPoint",
    "LevelResult",
    "NcDetail",
    "NcReport",
    "RegisterRow",
    "Result",
    "RiskAssessment",
    "PortfolioSimulation",
    "RiskRegister",
    "RiskSimulation",
    "Roadmap",
    "RoadmapStep",
    "Simulation",
    "SoaDiff",
]
