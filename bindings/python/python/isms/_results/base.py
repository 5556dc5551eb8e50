"""The base of the typed results: :class:`Result`, a computation's result
with its main table, and the flattening of nested rows for pandas."""

from __future__ import annotations

import html
import json
from typing import Any, ClassVar, Iterator, Optional, Union

from .. import _native
from .._records import Record, Table, _finish, _frame_from_native, _frame_from_rows, _html_table, _pandas


def _engine_value(native: Optional[_native.Value], what: str) -> _native.Value:
    if native is None:
        raise TypeError(f"this {what} was rebuilt from a dict; render and verdicts need the engine's result")
    return native


def _flatten(row: dict[str, Any], prefix: str = "", out: Optional[dict[str, Any]] = None) -> dict[str, Any]:
    """One level of nested objects → ``parent_child`` columns (tables for pandas)."""
    out = {} if out is None else out
    for k, v in row.items():
        if isinstance(v, dict):
            _flatten(v, f"{prefix}{k}_", out)
        else:
            out[prefix + k] = v
    return out


class Result:
    """A computation's result: attribute access to its fields, its main
    table as :attr:`rows` (also by iteration and indexing), ``to_pandas()``,
    ``to_dict()``, ``to_json()`` and an HTML view. Held natively until read."""

    _table: ClassVar[str] = ""
    _row: ClassVar[type[Record]] = Record
    __slots__ = ("_native", "_cache")

    def __init__(self, result: Union[_native.Value, dict[str, Any]]) -> None:
        """Wraps a native result (or its dict)."""
        self._native = result if isinstance(result, _native.Value) else None
        self._cache: Optional[dict[str, Any]] = None if self._native is not None else dict(result)  # type: ignore[arg-type]

    @property
    def _data(self) -> dict[str, Any]:
        if self._cache is None:
            assert self._native is not None
            self._cache = self._native.to_obj()
        return self._cache

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return Record(self._data)[name]
        except KeyError:
            raise AttributeError(f"{type(self).__name__} has no field {name!r}") from None

    @property
    def rows(self) -> Table[Any]:
        """The result's main table."""
        return Table(self._data[self._table], self._row)

    def __len__(self) -> int:
        return len(self._data[self._table])

    def __iter__(self) -> Iterator[Any]:
        return iter(self.rows)

    def __getitem__(self, i: int) -> Any:
        return self.rows[i]

    def to_dict(self) -> dict[str, Any]:
        """The core's JSON-shaped result."""
        return dict(self._data)

    def to_json(self) -> str:
        """The result as deterministic, pretty-printed JSON."""
        if self._native is not None:
            return self._native.to_json()
        return json.dumps(self._data, indent=2) + "\n"

    @property
    def _value(self) -> _native.Value:
        """The engine's result, which its renderers and verdicts take."""
        return _engine_value(self._native, type(self).__name__)

    def render(self, format: str) -> str:
        """The result rendered by the engine in ``format`` (``json``,
        ``text``, ``csv``, ``markdown``, ``html``, ``svg``, ``mermaid``,
        ``ical``; :attr:`formats` lists this result's), byte for byte what
        the ``isms`` command writes. Raises :class:`isms.InvalidArgumentError`
        for a format this result does not have, :class:`TypeError` for a
        result rebuilt from a dict (the engine renders its own results only)."""
        return self._value.render(format)

    @property
    def formats(self) -> list[str]:
        """The formats :meth:`render` takes for this result, JSON first."""
        return self._value.formats()

    def to_text(self) -> str:
        """The human-readable text the ``isms`` command prints (``render("text")``)."""
        return self.render("text")

    def to_pandas(self, table: Optional[str] = None) -> Any:
        """The main table (or the top-level array ``table`` of the result) as
        a DataFrame, one row per entry, nested objects flattened to
        ``parent_child`` columns, dates as ``datetime64``. The columns are
        built by the engine from its typed result, without a Python object
        per cell. Requires pandas; raises :class:`isms.NotFoundError` if
        ``table`` is not an array of the result."""
        pd = _pandas()
        key = self._table if table is None else table
        if self._native is not None:
            df = _frame_from_native(self._native, key)
        else:
            rows = self._data.get(key)
            if not isinstance(rows, list):
                from ..errors import NotFoundError, Problem

                msg = f"the result has no table `{key}`"
                raise NotFoundError(msg, kind="result_table", id=key, problems=[Problem("not_found", key, msg)])
            df = _frame_from_rows(pd, [_flatten(r) if isinstance(r, dict) else {"value": r} for r in rows])
        return _finish(df)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {len(self)} {self._table}>"

    def _repr_html_(self) -> str:
        fields = {k: v for k, v in self._data.items() if not isinstance(v, (list, dict))}
        head = ", ".join(f"{html.escape(k)}: {html.escape(str(v))}" for k, v in fields.items())
        rows = [_flatten(r) for r in self._data[self._table][:20]]
        return f"<p><strong>{type(self).__name__}</strong> {head}</p>" + _html_table(
            rows, limit=20, caption=f"{len(self)} {self._table}"
        )
