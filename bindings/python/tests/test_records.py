"""Record and Table: attribute access, dates, pandas, HTML."""

from __future__ import annotations

import datetime as dt
import sys

import pytest

import isms
from isms import Record, Table


def test_record_attribute_access_and_dates() -> None:
    r = Record({"id": "x", "due_on": "2025-02-03", "nested": {"a": 1}, "items": [{"b": 2}, 3], "bad": "2025-02-30"})
    assert r.id == "x" and r["id"] == "x"
    assert r.due_on == dt.date(2025, 2, 3)
    assert r.nested.a == 1 and r.items[0].b == 2 and r.items[1] == 3
    assert r.bad == "2025-02-30"  # not a real date: left as text
    assert r.get("missing") is None and r.get("id") == "x"
    assert "id" in r and r.keys()[0] == "id" and "due_on" in dir(r)
    assert r.to_dict()["due_on"] == "2025-02-03"
    with pytest.raises(AttributeError, match="fields"):
        r.missing
    with pytest.raises(AttributeError):
        r.id = "y"  # type: ignore[misc]
    with pytest.raises(TypeError):
        hash(r)
    assert r == Record(r.to_dict()) and r.__eq__(1) is NotImplemented
    assert "Record(id='x'" in repr(r)
    assert "<table>" in r._repr_html_() and "due_on" in r._repr_html_()


def test_table_behaviour() -> None:
    t: Table[Record] = Table([{"id": str(i), "on": "2025-01-0" + str(1 + i % 9)} for i in range(60)])
    assert len(t) == 60 and t[0].id == "0" and [r.id for r in t[:2]] == ["0", "1"]
    assert t.to_dicts()[1] == {"id": "1", "on": "2025-01-02"}
    assert t == Table(t.to_dicts()) and t.__eq__(1) is NotImplemented
    assert repr(t) == "<Table: 60 rows>"
    h = t._repr_html_()
    assert "<th>id</th>" in h and "10 more rows" in h
    df = t.to_pandas()
    assert str(df["on"].dtype).startswith("datetime64")


def test_to_pandas_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"isms\[pandas\]"):
        isms.catalog.annex_a().to_pandas()


def test_date_arguments() -> None:
    from isms._records import _date_arg

    assert _date_arg(dt.date(2025, 1, 2), "as_of") == "2025-01-02"
    assert _date_arg(dt.datetime(2025, 1, 2, 3, 4), "as_of") == "2025-01-02"
    assert _date_arg("2025-01-02", "as_of") == "2025-01-02"
    assert _date_arg(None, "as_of") is None
    with pytest.raises(isms.InvalidArgumentError) as info:
        _date_arg("yesterday", "as_of")  # type: ignore[arg-type]
    assert info.value.path == "as_of"
