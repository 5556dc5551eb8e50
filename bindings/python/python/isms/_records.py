"""Attribute-access views of the engine's JSON results, tables with
``to_pandas()``, and the HTML used by ``_repr_html_``.

Results come from the core as plain dicts and lists (the JSON wire shape,
which the published JSON Schemas describe). A :class:`Record` gives
attribute access to them without copying: nested objects become records,
lists become lists, and ISO ``YYYY-MM-DD`` strings become
:class:`datetime.date`. ``to_dict()`` returns the wire shape unchanged.
"""

from __future__ import annotations

import datetime as _dt
import gc
import html
import json
import math
import re
from typing import Any, Generic, Iterator, Mapping, Sequence, TypeVar, overload

__all__ = ["Record", "Table"]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _wrap(value: Any) -> Any:
    if isinstance(value, dict):
        return Record(value)
    if isinstance(value, list):
        return [_wrap(v) for v in value]
    if isinstance(value, str) and len(value) == 10 and _DATE.match(value):
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


_MAX_DEPTH = 128  # the core's JSON nesting limit


def dumps(value: Any) -> str:
    """``value`` (dicts, lists, str, numbers, bool, None, dates, records) as
    JSON text for the engine. Anything without a JSON form raises
    :class:`isms.ParseError` with the JSON path of the offending value, never
    a builtin ``TypeError``/``ValueError``/``RecursionError``."""
    try:
        return json.dumps(value, default=_jsonable, allow_nan=False)
    except (TypeError, ValueError, RecursionError, OverflowError) as e:
        path, reason = _diagnose(value, "$", 0, set())
        if not reason:
            path, reason = "$", str(e)
        from .errors import ParseError, Problem  # errors imports nothing of ours; late to keep the module light

        raise ParseError(
            f"{reason} at {path}", path=path, reason=reason, problems=[Problem("parse_error", path, reason)]
        ) from None


def _diagnose(value: Any, path: str, depth: int, active: set[int]) -> tuple[str, str]:
    """Where and why ``value`` has no JSON form ("" when it has one)."""
    if value is None or isinstance(value, (bool, int, str)):
        return path, ""
    if isinstance(value, float):
        return (path, "") if math.isfinite(value) else (path, f"{value} is not a JSON number")
    if isinstance(value, (_dt.date, _dt.datetime)) or callable(getattr(value, "to_dict", None)):
        return path, ""
    if isinstance(value, Mapping) or isinstance(value, (list, tuple, set, frozenset)):
        if depth >= _MAX_DEPTH:
            return path, f"nested deeper than {_MAX_DEPTH} levels"
        if id(value) in active:
            return path, "the value contains itself (a reference cycle)"
        active.add(id(value))
        try:
            if isinstance(value, Mapping):
                for k, v in value.items():
                    if not isinstance(k, str):
                        return path, f"a key is a {type(k).__name__} ({k!r}); JSON object keys are strings"
                    p, r = _diagnose(v, f"{path}.{k}", depth + 1, active)
                    if r:
                        return p, r
            else:
                for i, v in enumerate(value):
                    p, r = _diagnose(v, f"{path}[{i}]", depth + 1, active)
                    if r:
                        return p, r
        finally:
            active.discard(id(value))
        return path, ""
    return path, f"a {type(value).__name__} has no JSON form"


def _jsonable(value: Any) -> Any:
    """Default hook for ``json.dumps``: dates, records and tables."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10] if not isinstance(value, _dt.datetime) else value.date().isoformat()
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


class Record:
    """Read-only attribute access to one JSON object of a result.

    ``rec.field`` and ``rec["field"]`` return the value (nested objects as
    records, ISO dates as :class:`datetime.date`); ``to_dict()`` returns the
    underlying JSON-shaped dict.
    """

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any]) -> None:
        object.__setattr__(self, "_data", data)

    def __getattr__(self, name: str) -> Any:
        try:
            return _wrap(self._data[name])
        except KeyError:
            if name.startswith("__"):
                raise AttributeError(name) from None
            # Optional fields are omitted from the JSON when empty: absent means None.
            raise AttributeError(f"{type(self).__name__} has no field {name!r}; fields: {', '.join(self._data)}") from None

    def __getitem__(self, name: str) -> Any:
        return _wrap(self._data[name])

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __contains__(self, name: object) -> bool:
        return name in self._data

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self._data))

    def get(self, name: str, default: Any = None) -> Any:
        """The field's value, or ``default`` when the result omits it."""
        return _wrap(self._data[name]) if name in self._data else default

    def keys(self) -> list[str]:
        """The field names, in the core's order."""
        return list(self._data)

    def to_dict(self) -> dict[str, Any]:
        """The record as a JSON-shaped dict (dates as ISO strings)."""
        return dict(self._data)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Record):
            return bool(self._data == other._data)
        return NotImplemented

    def __hash__(self) -> int:  # records are views of mutable dicts
        raise TypeError(f"unhashable type: {type(self).__name__}")

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in list(self._data.items())[:6])
        more = ", ..." if len(self._data) > 6 else ""
        return f"{type(self).__name__}({inner}{more})"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{_cell(v)}</td></tr>"
            for k, v in self._data.items()
        )
        return f"<table><caption>{html.escape(type(self).__name__)}</caption>{rows}</table>"


def _cell(v: Any) -> str:
    if isinstance(v, list):
        if all(not isinstance(x, (dict, list)) for x in v):
            return html.escape(", ".join(str(x) for x in v))
        return f"[{len(v)} items]"
    if isinstance(v, dict):
        return f"{{{len(v)} fields}}"
    return html.escape("" if v is None else str(v))


R = TypeVar("R")


class Table(Sequence[R], Generic[R]):
    """A list of result rows with ``to_pandas()``, ``to_dicts()`` and an HTML view."""

    __slots__ = ("_rows", "_make")

    def __init__(self, rows: list[dict[str, Any]], make: Any = Record) -> None:
        self._rows = rows
        self._make = make

    @overload
    def __getitem__(self, i: int) -> R: ...
    @overload
    def __getitem__(self, i: slice) -> list[R]: ...
    def __getitem__(self, i: int | slice) -> R | list[R]:
        if isinstance(i, slice):
            return [self._make(r) for r in self._rows[i]]
        return self._make(self._rows[i])  # type: ignore[no-any-return]

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[R]:
        make = self._make
        return (make(r) for r in self._rows)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Table):
            return bool(self._rows == other._rows)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def to_dicts(self) -> list[dict[str, Any]]:
        """The rows as JSON-shaped dicts."""
        return [dict(r) for r in self._rows]

    def to_pandas(self) -> Any:
        """The rows as a :class:`pandas.DataFrame`, one column per field;
        ISO date columns become ``datetime64``. Requires pandas."""
        pd = _pandas()
        return _finish(_frame_from_rows(pd, self._rows))

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {len(self)} rows>"

    def _repr_html_(self) -> str:
        return _html_table(self._rows, limit=50, caption=f"{len(self)} rows")


def _frame_from_native(native: Any, key: str) -> Any:
    """A DataFrame from a native result's table, decoded from the engine's
    column encoding (numpy views of bytes; strings by index into their
    distinct values) without a Python object per cell."""
    pd = _pandas()
    import numpy as np

    # The list cells and string labels are many new objects at once and no
    # cycles: the cyclic GC would scan them again and again while they are
    # made (measured at ~10% of a 20,000-row frame), so it waits until the end.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _frame(pd, np, native.columns_encoded(key))
    finally:
        if enabled:
            gc.enable()


def _frame(pd: Any, np: Any, columns: Any) -> Any:
    data: dict[str, Any] = {}
    for name, kind, payload, labels in columns:
        if kind == "bool":
            data[name] = np.frombuffer(payload, dtype=np.bool_)
        elif kind == "i8":
            data[name] = np.frombuffer(payload, dtype=np.int64)
        elif kind == "u8":
            data[name] = np.frombuffer(payload, dtype=np.uint64)
        elif kind == "i8?":  # integers with nulls: pandas' nullable Int64
            valid = np.frombuffer(labels, dtype=np.bool_)
            data[name] = pd.arrays.IntegerArray(np.frombuffer(payload, dtype=np.int64).copy(), ~valid)
        elif kind == "f8":
            data[name] = np.frombuffer(payload, dtype=np.float64)
        elif kind == "str":
            codes = np.frombuffer(payload, dtype=np.int32)
            values = np.empty(len(labels) + 1, dtype=object)
            values[:-1] = labels  # index -1 (null) picks the trailing None
            if labels and all(len(x) == 10 and _DATE.match(x) for x in labels):
                # ISO dates become datetime64 as _finish would make
                # them, parsing each distinct date once instead of every row.
                values = pd.to_datetime(values, format="%Y-%m-%d", errors="coerce").to_numpy()
            data[name] = values[codes]
        else:
            data[name] = payload
    return pd.DataFrame(data)


def _frame_from_rows(pd: Any, rows: Sequence[Mapping[str, Any]]) -> Any:
    """A DataFrame from JSON-shaped rows, typed as the engine's columns are:
    a column of integers with nulls is a nullable ``Int64`` column (not
    floats with NaN), as :func:`_frame` makes it from the native encoding."""
    df = pd.DataFrame.from_records(rows)
    for col in df.columns:
        values = [r.get(col) for r in rows]
        present = [v for v in values if v is not None]
        if (
            present
            and len(present) < len(values)
            and all(isinstance(v, int) and not isinstance(v, bool) and -(2**63) <= v < 2**63 for v in present)
        ):
            df[col] = pd.array(values, dtype="Int64")
    return df


def _finish(df: Any) -> Any:
    """The notebook details every result table gets: ISO date columns become
    ``datetime64``; ``severity`` columns an ordered categorical (``info`` <
    ``minor`` < ``major`` < ``blocker``, the engine's order), so
    ``df[df.severity >= "major"]`` and sorting work."""
    pd = _pandas()
    from . import _native

    for col in df.columns:
        s = df[col]
        if str(col) == "severity" or str(col).endswith("_severity"):
            if pd.api.types.is_object_dtype(s.dtype) or pd.api.types.is_string_dtype(s.dtype):
                df[col] = pd.Categorical(s, categories=list(_native.SEVERITIES), ordered=True)
            continue
        if pd.api.types.is_object_dtype(s.dtype) or pd.api.types.is_string_dtype(s.dtype):
            first = s.first_valid_index()
            v = s[first] if first is not None else None
            if isinstance(v, str) and len(v) == 10 and _DATE.match(v):
                df[col] = pd.to_datetime(s, format="%Y-%m-%d", errors="coerce")
    return df


def _html_table(rows: Sequence[Mapping[str, Any]], *, limit: int = 50, caption: str = "") -> str:
    cols: list[str] = []
    for r in rows[:limit]:
        for k in r:
            if k not in cols:
                cols.append(k)
    head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(r.get(c))}</td>" for c in cols) + "</tr>" for r in rows[:limit]
    )
    more = f"<p>… {len(rows) - limit} more rows</p>" if len(rows) > limit else ""
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - exercised by a test that hides pandas
        raise ImportError(
            "to_pandas() needs pandas, which is an optional dependency: pip install 'isms[pandas]'"
        ) from e
    return pandas
