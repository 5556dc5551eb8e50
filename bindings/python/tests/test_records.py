"""Record and Table: attribute access, dates, pandas, HTML."""

from __future__ import annotations

import datetime as dt
import sys

import pytest

import isms
from conftest import NORTHWIND
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


def test_dates_are_dates_or_iso_strings_and_as_of_defaults_to_today_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    from isms import _engine

    assert _engine.iso(dt.date(2025, 1, 2)) == "2025-01-02"
    assert _engine.iso(dt.datetime(2025, 1, 2, 3, 4)) == "2025-01-02"
    assert _engine.iso("2025-01-02") == "2025-01-02" and _engine.iso(None) is None
    assert _engine.today() == dt.datetime.now(dt.timezone.utc).date()
    doc = isms.load(NORTHWIND)
    with pytest.raises(isms.InvalidArgumentError) as info:
        doc.check("yesterday")
    assert info.value.path == "$.as_of"
    # Every as_of defaults through _engine.today(), the one place "today" is decided.
    monkeypatch.setattr(_engine, "today", lambda: dt.date(2026, 11, 29))
    assert doc.check().as_of == dt.date(2026, 11, 29)
    assert doc.check().to_json() == doc.check(dt.date(2026, 11, 29)).to_json() == doc.check("2026-11-29").to_json()
    assert doc.soa().as_of == doc.risk_register().as_of == doc.nc_report().as_of == dt.date(2026, 11, 29)
    assert doc.calendar().start == dt.date(2026, 11, 29) and doc.calendar().end == dt.date(2027, 11, 29)
    assert doc.drift(to="2027-01-01").old_as_of == dt.date(2026, 11, 29)
