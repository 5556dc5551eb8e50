"""Loading, serialising and validating documents."""

from __future__ import annotations

import datetime as dt
import json
import pathlib

import pytest

import isms


def test_load_and_loads(minimal_path: pathlib.Path) -> None:
    doc = isms.load(minimal_path)
    assert doc.organization == "Minimal Ltd"
    assert doc == isms.loads(minimal_path.read_text())
    assert doc == isms.loads(minimal_path.read_bytes())
    assert doc == isms.load(str(minimal_path))
    assert repr(doc) == "<Isms 'Minimal Ltd'>"


def test_load_missing_file(tmp_path: pathlib.Path) -> None:
    with pytest.raises(OSError):
        isms.load(tmp_path / "nope.json")


def test_round_trip_dict_and_json(small_doc: dict) -> None:
    doc = isms.Isms.from_dict(small_doc)
    d = doc.to_dict()
    assert d["risks"][0]["id"] == "r1"
    assert isms.Isms.from_dict(d) == doc
    text = doc.to_json()
    assert text.endswith("\n") and json.loads(text) == d
    assert isms.loads(text).to_json() == text  # deterministic bytes


def test_from_dict_accepts_dates(small_doc: dict) -> None:
    small_doc["risks"][0]["assessed_on"] = dt.date(2025, 3, 1)
    small_doc["people"][0]["start_date"] = dt.datetime(2024, 1, 1, 12, 30)
    doc = isms.Isms.from_dict(small_doc)
    assert doc.to_dict()["risks"][0]["assessed_on"] == "2025-03-01"
    assert doc.to_dict()["people"][0]["start_date"] == "2024-01-01"


def test_save(tmp_path: pathlib.Path, small_doc: dict) -> None:
    doc = isms.Isms.from_dict(small_doc)
    out = tmp_path / "isms.json"
    doc.save(out)
    assert isms.load(out) == doc


def test_parse_error_has_path_line_column() -> None:
    text = '{\n  "schema_version": "1.0",\n  "organization": {"name": }\n}'
    with pytest.raises(isms.ParseError) as info:
        isms.loads(text)
    e = info.value
    assert e.code == "parse_error" and e.path == "$.organization.name" and e.line == 3 and e.column > 10


def test_from_dict_error_has_path(small_doc: dict) -> None:
    small_doc["people"][1]["start_date"] = "2024-02-30"
    with pytest.raises(isms.ParseError) as info:
        isms.Isms.from_dict(small_doc)
    assert info.value.path == "$.people[1].start_date"
    small_doc["people"][1]["start_date"] = "2024-02-01"
    small_doc["organization"]["colour"] = "red"
    with pytest.raises(isms.ParseError, match="colour"):
        isms.Isms.from_dict(small_doc)


def test_an_invalid_document_does_not_load_and_validate_lists_every_problem(
    small_doc: dict, tmp_path: pathlib.Path
) -> None:
    doc = isms.Isms.from_dict(small_doc)
    assert doc.validate() == [] and isms.validate(small_doc) == []
    small_doc["risks"][0]["owner"] = "ghost"
    small_doc["people"].append({"id": "p1", "name": "Dup"})
    problems = isms.validate(small_doc)
    codes = {p.code for p in problems}
    assert {"dangling_reference", "duplicate_id"} <= codes
    assert all(p.code in isms.PROBLEM_CODES for p in problems)
    assert any(p.path == "$.risks[0].owner" for p in problems)
    # The same problems from JSON text, bytes and a file.
    text = json.dumps(small_doc)
    path = tmp_path / "draft.json"
    path.write_text(text, encoding="utf-8")
    assert isms.validate(text) == isms.validate(text.encode()) == isms.validate(path) == problems
    # Loading for computing refuses it, with every problem.
    for load in (lambda: isms.Isms.from_dict(small_doc), lambda: isms.loads(text), lambda: isms.load(path)):
        with pytest.raises(isms.ValidationError) as info:
            load()
        assert info.value.problems == problems
    with pytest.raises(isms.ValidationError):
        isms._native.Document.from_obj(small_doc)
    with pytest.raises(isms.ParseError):
        isms.validate("{not json")


def test_isms_requires_a_native_document() -> None:
    with pytest.raises(TypeError):
        isms.Isms({"schema_version": "1.0"})  # type: ignore[arg-type]


def test_equality_and_hash(small_doc: dict) -> None:
    a = isms.Isms.from_dict(small_doc)
    assert a != isms.loads('{"schema_version":"1.0","organization":{"name":"Other"}}')
    assert a.__eq__(3) is NotImplemented
    with pytest.raises(TypeError):
        hash(a)
    assert a.native == a.native


def test_repr_html(small_doc: dict) -> None:
    html = isms.Isms.from_dict(small_doc)._repr_html_()
    assert "Acme" in html and "risks" in html and "valid" in html


def test_schema_access() -> None:
    names = isms.schema_names()
    assert "isms" in names
    s = isms.schema("isms")
    assert "Document" in json.dumps(s) or s.get("title")
    with pytest.raises(isms.NotFoundError):
        isms.schema("nope")


def test_version() -> None:
    assert isms.__version__.count(".") == 2


def test_native_from_obj_matches_from_json(small_doc: dict) -> None:
    n = isms._native.Document.from_obj(small_doc)
    assert isms.Isms(n) == isms.Isms.from_dict(small_doc)
    assert n.to_obj() == isms.Isms(n).to_dict()
    small_doc["people"][1]["start_date"] = "2024-02-30"
    with pytest.raises(isms.ParseError) as info:
        isms._native.Document.from_obj(small_doc)
    assert info.value.path == "$.people[1].start_date"
    assert isms._native.parse_json('{"a": [1, 2.5, null]}') == {"a": [1, 2.5, None]}
