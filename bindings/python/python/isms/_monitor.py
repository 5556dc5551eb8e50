"""Automated test results on their way to the engine (continuous monitoring,
``docs/monitoring.md``): :func:`monitor_ingest`, :func:`mapping_lint`, and
the conversion of every accepted form of ``results`` into the sources the
native module reads.

Nothing here judges a result: a results file is streamed by the native
module (line by line, the GIL released), records held by Python are handed
over as one JSON array, and the engine decides health, coverage, drift and
findings. A DataFrame is turned back into neutral records column by column
(the flattened columns of :meth:`Ingested.to_pandas` nest again), nothing
more.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import os
from typing import TYPE_CHECKING, Any, Mapping, Optional, Sequence, Union

from . import _native
from .errors import ParseError, Problem

if TYPE_CHECKING:
    from ._document import Isms
    from ._results.monitoring import Ingested, MappingLint

__all__ = ["Results", "mapping_lint", "monitor_ingest", "sources"]

PathLike = Union[str, "os.PathLike[str]"]

Results = Union[PathLike, Sequence[Mapping[str, Any]], Sequence[PathLike], "Ingested", Any]
"""What a ``results`` argument takes: a path (``str`` or :class:`os.PathLike`)
to an NDJSON or JSON-array file of neutral records, a list of such paths, a
list of neutral records (dicts), an :class:`isms.results.Ingested`, or a
:class:`pandas.DataFrame` with the neutral columns."""

#: The flattened columns of a neutral record and the field each nests into.
_NESTED = {
    "source_tool": ("source", "tool"),
    "source_version": ("source", "version"),
    "source_run_id": ("source", "run_id"),
    "evidence_uri": ("evidence", "uri"),
    "evidence_sha256": ("evidence", "sha256"),
}


def sources(results: Results) -> list[tuple[str, str]]:
    """``results`` as the native module's sources: ``("path", file)`` for
    files (read and streamed by the engine), ``("json", text)`` for records."""
    from ._results.monitoring import Ingested

    if isinstance(results, (str, os.PathLike)):
        return [("path", os.fspath(results))]
    if isinstance(results, Ingested):
        return [("json", _records_json(results.to_dict()["records"]))]
    if _is_frame(results):
        return [("json", _records_json(_frame_records(results)))]
    if isinstance(results, (list, tuple)):
        if results and all(isinstance(r, (str, os.PathLike)) for r in results):
            return [("path", os.fspath(r)) for r in results]
        return [("json", _records_json(results))]
    reason = (
        f"expected results as a path, a list of paths, a list of records (dicts), a DataFrame or "
        f"an Ingested result; got {type(results).__name__}"
    )
    raise TypeError(reason)


def _is_frame(value: Any) -> bool:
    return type(value).__name__ == "DataFrame" and hasattr(value, "to_dict") and hasattr(value, "columns")


def _present(v: Any) -> bool:
    """Whether a DataFrame cell holds a value (not None, NaN, NaT or pd.NA)."""
    if v is None:
        return False
    if isinstance(v, float) and math.isnan(v):
        return False
    try:
        import pandas as pd

        if v is pd.NaT or v is pd.NA:
            return False
    except ImportError:  # pragma: no cover - a DataFrame means pandas is there
        pass
    return True


def _frame_records(df: Any) -> list[dict[str, Any]]:
    """The rows of a DataFrame with the neutral columns as record dicts:
    empty cells left out, ``source_*`` and ``evidence_*`` nested again,
    timestamps in RFC 3339 and numpy scalars as Python values."""
    out: list[dict[str, Any]] = []
    for row in df.to_dict("records"):
        rec: dict[str, Any] = {}
        for k, v in row.items():
            if isinstance(v, (list, tuple, dict)) or _present(v):
                key = str(k)
                if key in _NESTED:
                    parent, child = _NESTED[key]
                    rec.setdefault(parent, {})[child] = v
                else:
                    rec[key] = v
        out.append(rec)
    return out


def _jsonable(value: Any) -> Any:
    """``json.dumps`` hook: timestamps keep their time (RFC 3339), numpy
    scalars and arrays become Python values."""
    if isinstance(value, _dt.datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if hasattr(value, "tolist"):  # numpy scalars and arrays
        return value.tolist()
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    raise TypeError(f"a {type(value).__name__} has no JSON form")


def _records_json(records: Sequence[Any]) -> str:
    try:
        return json.dumps(list(records), default=_jsonable, allow_nan=False)
    except (TypeError, ValueError, RecursionError, OverflowError) as e:
        reason = f"the results are not JSON-shaped records: {e}"
        raise ParseError(
            f"{reason} at $.results", path="$.results", reason=reason, problems=[Problem("parse_error", "$.results", reason)]
        ) from None


def _looks_like_path(value: str) -> bool:
    if "\n" in value or len(value) > 4096:
        return False
    try:
        return os.path.isfile(value)
    except (OSError, ValueError):
        return False


def _text_or_path(value: Union[str, bytes, "os.PathLike[str]"]) -> tuple[str, str]:
    if isinstance(value, os.PathLike):
        return ("path", os.fspath(value))
    if isinstance(value, (bytes, bytearray)):
        return ("text", bytes(value).decode("utf-8"))
    if isinstance(value, str):
        return ("path", value) if _looks_like_path(value) else ("text", value)
    raise TypeError(f"expected text (str, bytes) or a path, got {type(value).__name__}")


def _read(value: Union[str, bytes, "os.PathLike[str]"]) -> str:
    kind, v = _text_or_path(value)
    if kind == "path":
        with open(v, encoding="utf-8-sig") as f:
            return f.read()
    return v


def monitor_ingest(
    source: Union[str, bytes, "os.PathLike[str]"],
    format: str,
    mapping: Union[str, bytes, "os.PathLike[str]", None] = None,
    *,
    run_id: Optional[str] = None,
    observed_at: Union[str, _dt.datetime, None] = None,
    strict: bool = True,
) -> Ingested:
    """A scanner's output as neutral result records, as ``isms monitor
    ingest --format FORMAT [--mapping CSV]`` converts it (the engine's
    ``monitor_ingest``).

    ``source`` is the output: a path (:class:`os.PathLike`, or a ``str``
    naming an existing file; read by the native module with the GIL
    released) or the text itself (``str`` or ``bytes``). ``format`` is
    ``prowler-ocsf``, ``prowler-csv``, ``ocsf``, ``asff``, ``powerpipe``,
    ``oscal-ar`` or ``neutral``. ``mapping`` is a check → control table
    (CSV text or a path) adding controls to the records; ``run_id`` the run
    to record, ``observed_at`` the observation time of formats that carry
    none (Powerpipe), an aware :class:`datetime.datetime` or RFC 3339 text.

    Items that are not check results are never dropped: with ``strict``
    (the default, as the command does) any raises
    :class:`isms.InvalidArgumentError` naming each one's line or index and
    field; with ``strict=False`` they are in :attr:`Ingested.rejected`.
    Raises :class:`isms.InvalidArgumentError` for an unknown format or a
    mapping table with errors (see :func:`mapping_lint`),
    :class:`isms.ParseError` for text that is not of the format, and
    :class:`OSError` for a file that cannot be read.
    """
    from ._results.monitoring import Ingested

    options: dict[str, Any] = {}
    if run_id is not None:
        options["run_id"] = run_id
    if observed_at is not None:
        options["observed_at"] = _jsonable(observed_at) if isinstance(observed_at, _dt.datetime) else observed_at
    table = None if mapping is None else _read(mapping)
    return Ingested(_native.monitor_ingest(_text_or_path(source), format, table, json.dumps(options), strict))


def mapping_lint(csv: Union[str, bytes, "os.PathLike[str]"], doc: Optional[Isms] = None) -> MappingLint:
    """The lint of a check → control mapping table (CSV with the columns
    ``check``, ``framework``, ``control`` and optionally ``tool``), as
    ``isms mapping lint FILE [--doc DOC]`` reports it: unknown control ids,
    2013 ids and how they map to 2022, mixed editions, clauses named as
    controls, duplicates, and the controls no check covers (the applicable
    ones of ``doc``'s SoA, else all 93). ``csv`` is the text or a path.
    Raises :class:`isms.InvalidArgumentError` when the text is not such a
    table (a bad header)."""
    from ._results.monitoring import MappingLint

    return MappingLint(_native.mapping_lint(_read(csv), None if doc is None else doc.native))
