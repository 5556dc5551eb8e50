"""The embedded reference catalogs: ISO/IEC 27001:2022 Annex A controls,
the 2013 → 2022 control mapping (ISO/IEC 27002:2022 Annex B), clauses 4–10,
and the mandatory documented information.

These are facts of the standards (ids, titles, attributes), compiled into the
engine; nothing here reads files or the network.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, Mapping, Optional, TypeVar

from . import _native
from ._engine import run
from ._records import Table

__all__ = [
    "CATALOG_VERSION",
    "AuditTimeBand",
    "Clause",
    "Control",
    "MandatoryDocument",
    "MappingRow",
    "Rule",
    "annex_a",
    "audit_time_chart",
    "clauses",
    "control",
    "mandatory_documents",
    "mapping_from_2013",
    "mapping_to_2022",
    "mappings",
    "methodology_preset",
    "rules",
]

#: Editions of the standards the catalogs transcribe.
CATALOG_VERSION: str = _native.CATALOG_VERSION

T = TypeVar("T")


def _build(cls: type[T], d: Mapping[str, Any]) -> T:
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: (tuple(v) if isinstance(v, list) else v) for k, v in d.items() if k in names})


class _Row:
    def to_dict(self) -> dict[str, Any]:
        """The row as a JSON-shaped dict."""
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(self).items()}  # type: ignore[call-overload]


@dataclass(frozen=True)
class Control(_Row):
    """One ISO/IEC 27001:2022 Annex A control with its ISO/IEC 27002 attributes."""

    id: str
    title: str
    theme: str
    control_types: tuple[str, ...] = ()
    security_properties: tuple[str, ...] = ()
    cybersecurity_concepts: tuple[str, ...] = ()
    operational_capabilities: tuple[str, ...] = ()
    security_domains: tuple[str, ...] = ()
    new_in_2022: bool = False
    predecessors_2013: tuple[str, ...] = ()
    title_27002: Optional[str] = None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Control:
        """Builds a control from its JSON shape."""
        return _build(cls, d)


@dataclass(frozen=True)
class MappingRow(_Row):
    """One row of the 2013 → 2022 correspondence."""

    id_2013: str
    title_2013: str
    id_2022: str
    title_2022: str
    kind: str

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> MappingRow:
        """Builds a mapping row from its JSON shape."""
        return _build(cls, d)


@dataclass(frozen=True)
class Clause(_Row):
    """One clause or sub-clause (4–10) of ISO/IEC 27001:2022."""

    id: str
    title: str
    parent: Optional[str] = None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Clause:
        """Builds a clause from its JSON shape."""
        return _build(cls, d)


@dataclass(frozen=True)
class MandatoryDocument(_Row):
    """One piece of documented information the standard requires (or that is
    commonly expected when an Annex A control applies)."""

    key: str
    title: str
    clause: str
    clause_ref: str
    kind: str
    description: str
    trigger: Mapping[str, Any]
    source: str

    @property
    def always(self) -> bool:
        """Whether it is expected of every ISMS (not only when a control applies)."""
        return bool(self.trigger.get("when") == "always")

    @property
    def if_control(self) -> Optional[str]:
        """The Annex A control whose applicability triggers it, if any."""
        c = self.trigger.get("control")
        return str(c) if c is not None else None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> MandatoryDocument:
        """Builds an entry from its JSON shape."""
        return _build(cls, d)


@dataclass(frozen=True)
class AuditTimeBand(_Row):
    """One band of the ISO/IEC 27006-1:2024 audit-time chart (Table C.1):
    persons in scope → auditor-days of the initial audit (stage 1 + stage 2)."""

    min_persons: int
    max_persons: int
    initial_audit_days: float
    verified: bool
    extrapolated: bool

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> AuditTimeBand:
        """Builds a band from its JSON shape."""
        return _build(cls, d)


@dataclass(frozen=True)
class Rule(_Row):
    """One rule of the evaluation catalogue (what :meth:`isms.Isms.evaluate`
    checks): the clause or control it serves, its default severity, the
    certification stage its blockers affect, the checklist steps it helps
    complete, what it checks and what to do when it fires."""

    id: str
    title: str
    clause: str
    severity: str
    stage: str
    description: str
    remediation: str
    control: Optional[str] = None
    steps: tuple[int, ...] = ()

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Rule:
        """Builds a rule from its JSON shape."""
        return _build(cls, d)


def annex_a(theme: Optional[str] = None, attribute: Optional[str] = None) -> Table[Control]:
    """The 93 Annex A controls in the standard's order, optionally only one
    ``theme`` (``organizational``, ``people``, ``physical``, ``technological``)
    and/or one ``attribute`` value (``"control_type=preventive"`` or the
    ISO/IEC 27002 hashtag form ``"#Preventive"``).

    Raises :class:`isms.InvalidArgumentError` for an unknown theme or attribute.
    """
    return Table(run("catalog_annex_a", theme=theme, attribute=attribute).to_obj(), Control.from_dict)


def control(id: str) -> Control:
    """One Annex A control by id (``"5.1"`` or ``"A.5.1"``).

    Raises :class:`isms.NotFoundError` if there is no such control.
    """
    return Control.from_dict(run("catalog_control", id=id).to_obj()[0])


def mappings() -> Table[MappingRow]:
    """Every row of the ISO/IEC 27001:2013 → 2022 control correspondence."""
    return Table(run("catalog_mapping").to_obj(), MappingRow.from_dict)


def mapping_from_2013(id: str) -> Table[MappingRow]:
    """The 2022 successors of a 2013 control (e.g. ``"A.18.2.3"``).

    Raises :class:`isms.NotFoundError` if the id is not a 2013 Annex A control.
    """
    return Table(run("catalog_mapping", from_2013=id).to_obj(), MappingRow.from_dict)


def mapping_to_2022(id: str) -> Table[MappingRow]:
    """The 2013 predecessors of a 2022 control (e.g. ``"5.1"``); empty for
    controls new in 2022.

    Raises :class:`isms.NotFoundError` if the id is not an Annex A control.
    """
    return Table(run("catalog_mapping", to_2022=id).to_obj(), MappingRow.from_dict)


def clauses() -> Table[Clause]:
    """Clauses 4–10 of ISO/IEC 27001:2022 with their sub-clauses, in order."""
    return Table(run("catalog_clauses").to_obj(), Clause.from_dict)


def mandatory_documents() -> Table[MandatoryDocument]:
    """The documented information the standard requires, and documents commonly
    expected when a given Annex A control applies."""
    return Table(run("catalog_documents").to_obj(), MandatoryDocument.from_dict)


def audit_time_chart() -> Table[AuditTimeBand]:
    """The ISO/IEC 27006-1:2024 audit-time chart (Table C.1), bands in order;
    ``verified`` is false where a figure could not be checked in a source.
    :meth:`isms.Isms.audit_duration` applies it to a document (and
    extrapolates beyond the chart's last band)."""
    return Table(run("catalog_audit_time").to_obj(), AuditTimeBand.from_dict)


def rules() -> Table[Rule]:
    """Every evaluation rule, in reference order (``docs/rules.md`` is
    generated from the same catalogue); a finding's ``rule`` is one of their ids."""
    return Table(run("catalog_rules").to_obj(), Rule.from_dict)


def methodology_preset(name: str) -> dict[str, Any]:
    """A named risk methodology preset (``iso27005_3x3``, ``iso27005_4x4``,
    ``iso27005_5x5``, ``nist800_30``) expanded into scales, matrix, levels and
    appetite: the shape of a document's ``risk_methodology``, to start from
    and adapt. Raises :class:`isms.InvalidArgumentError` for an unknown name."""
    preset: dict[str, Any] = run("methodology_preset", preset=name).to_obj()
    return preset
