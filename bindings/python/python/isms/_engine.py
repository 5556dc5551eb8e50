"""The one door to the native engine: request encoding, the date arguments
and "today".

Every computation of the package is an operation of the engine's table
(``isms.operations()``), run by name on a JSON request: :func:`run` for the
operations that need no document, ``Document.run`` for the others. This
module builds those requests, and it is the only place that decides what
"today" is: ``as_of`` (and the first day of a date range) defaults to
today's date in UTC, like the ``isms`` command's ``--as-of``.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Optional, Union

from . import _native
from ._records import dumps

DateLike = Union[_dt.date, str]


def today() -> _dt.date:
    """Today's date in UTC: the default of every ``as_of``."""
    return _dt.datetime.now(_dt.timezone.utc).date()


def as_of(value: Optional[DateLike]) -> DateLike:
    """A date argument, or today (UTC) when it is ``None``. Strings are
    passed on for the engine to parse (``YYYY-MM-DD``; it raises
    :class:`isms.InvalidArgumentError` with the argument's path)."""
    return today() if value is None else value


def request(**fields: Any) -> str:
    """A request as JSON text: ``None`` fields are left out (the engine's
    documented default applies), dates become ISO strings."""
    return dumps({k: v for k, v in fields.items() if v is not None})


def run(op: str, **fields: Any) -> _native.Value:
    """Runs the engine operation ``op``, which needs no document."""
    return _native.run(op, request(**fields))


def options(**fields: Any) -> dict[str, Any]:
    """Simulation options (``SimulationOptions``): ``years`` is the CLI's
    name of the engine's ``trials``; ``None`` means the engine's default."""
    if "years" in fields:
        fields["trials"] = fields.pop("years")
    return {k: v for k, v in fields.items() if v is not None}


def iso(value: Optional[DateLike]) -> Optional[str]:
    """A date argument as the ISO text the engine parses (``None`` stays)."""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value
