"""The Python boundary under hostile input: every bad value raises an
``isms.IsmsError`` subclass with a JSON path, nothing crashes the
interpreter, and reading a result never raises."""

from __future__ import annotations

import math
from typing import Any, Callable

import pytest

import isms
from isms import _native

MINIMAL = {"schema_version": "1.0", "organization": {"name": "Acme"}}


def _cyclic() -> dict[str, Any]:
    d: dict[str, Any] = dict(MINIMAL)
    d["extensions"] = {"me": d}
    return d


def _deep(n: int) -> dict[str, Any]:
    inner: Any = 1
    for _ in range(n):
        inner = {"x": inner}
    return {**MINIMAL, "extensions": inner}


class Opaque:
    pass


@pytest.mark.parametrize(
    "build, path, reason",
    [
        (_cyclic, "$.extensions.me", "contains itself"),
        (lambda: _deep(10_000), "$.extensions", "deeper than 128"),
        (lambda: {**MINIMAL, "extensions": {(1, 2): 3}}, "$.extensions", "keys are strings"),
        (lambda: {**MINIMAL, "extensions": {"o": Opaque()}}, "$.extensions.o", "Opaque has no JSON form"),
        (lambda: {**MINIMAL, "extensions": {"n": [1.0, math.nan]}}, "$.extensions.n[1]", "not a JSON number"),
        (lambda: {**MINIMAL, "extensions": {"s": "\ud800"}}, "$.extensions.s", "Unicode"),
    ],
)
def test_hostile_objects_raise_parse_error_with_a_path(build: Callable[[], Any], path: str, reason: str) -> None:
    # The native converter (pythonize underneath) and the dict front door.
    for convert in (_native.Document.from_obj, isms.Isms.from_dict):
        with pytest.raises(isms.ParseError) as e:
            convert(build())
        assert e.value.path.startswith(path), (convert, e.value.path)
        if convert is _native.Document.from_obj or "Unicode" not in reason:
            assert reason in str(e.value), str(e.value)
        assert "line 0" not in str(e.value)


@pytest.mark.parametrize("value", [5, None, 3.5, ["not", "a", "document"], Opaque(), {"a": 1}.keys()])
def test_not_a_document_raises_parse_error(value: Any) -> None:
    for call in (isms.loads, isms.Isms.from_json, isms.validate):
        with pytest.raises(isms.ParseError) as e:
            call(value)
        assert e.value.path == "$" and type(value).__name__ in str(e.value)
    with pytest.raises(isms.ParseError):
        isms.Isms.from_dict(value)


def test_request_values_without_json_form_raise_parse_error() -> None:
    doc = isms.Isms.from_dict(MINIMAL)
    with pytest.raises(isms.ParseError) as e:
        doc.evaluate(as_of=Opaque())  # type: ignore[arg-type]
    assert e.value.path == "$.as_of"
    with pytest.raises(isms.ParseError) as e:
        isms.simulate({"frequency": {"kind": "lef", "loss_event_frequency": math.inf}})
    assert "not a JSON number" in str(e.value)


def test_an_overflowing_simulation_fails_at_the_call_and_results_read_cleanly() -> None:
    # A few events a year, each losing nearly the largest float: the annual
    # sums overflow to infinity.
    often = {"kind": "pert", "min": 5, "mode": 8, "max": 10}
    model = {"frequency": {"kind": "lef", "loss_event_frequency": often},
             "primary_loss": {"kind": "constant", "value": 1.7e308}}
    with pytest.raises(isms.IsmsError) as e:
        isms.simulate(model, years=1000, seed=1)
    assert e.value.code in ("invalid_argument", "limit_exceeded") and "finite" in str(e.value)
    ok = isms.simulate({"frequency": {"kind": "lef", "loss_event_frequency": {"kind": "constant", "value": 2}},
                        "primary_loss": {"kind": "constant", "value": 10}}, years=100, seed=1)
    for name in ("mean", "std_dev", "max", "percentiles"):
        getattr(ok, name)  # reading never raises
    repr(ok)
    assert math.isfinite(ok.mean) and ok.mean > 0


@pytest.mark.parametrize(
    "doc, path",
    [
        ({"schema_version": "1.0", "organization": ["Acme"]}, "$.organization"),
        ({**MINIMAL, "people": [{"id": "p1", "name": "Ann"}, ["p2", "Bob"]]}, "$.people[1]"),
        ({**MINIMAL, "settings": [365]}, "$.settings"),
    ],
)
def test_a_struct_given_by_position_is_refused(doc: dict[str, Any], path: str) -> None:
    # serde would read ["Acme"] as {"name": "Acme"} from JSON text; the schema
    # allows objects only. (pythonize refuses a list for a struct by itself.)
    for convert in (_native.Document.from_obj, isms.Isms.from_dict):
        with pytest.raises(isms.ParseError) as e:
            convert(doc)
        assert e.value.path == path, (convert, e.value.path)
    with pytest.raises(isms.ParseError) as e:
        isms.Isms.from_dict(doc)
    assert "fields cannot be given by position" in str(e.value)


def test_vendor_numbers_keep_their_exact_text() -> None:
    text = (
        '{"schema_version": "1.0", "organization": {"name": "A", "extensions": '
        '{"big": 123456789012345678901234567890, "dec": 0.1000000000000000000000000001}}}'
    )
    out = isms.loads(text).to_json()
    assert "123456789012345678901234567890" in out and "0.1000000000000000000000000001" in out
    # Through dicts, Python's own int keeps the big integer exact as well.
    d = isms.loads(text).to_dict()
    assert d["organization"]["extensions"]["big"] == 123456789012345678901234567890


def test_a_repeated_vendor_key_is_refused_with_its_path() -> None:
    text = '{"schema_version": "1.0", "organization": {"name": "A", "extensions": {"v": {"k": 1, "k": 2}}}}'
    with pytest.raises(isms.ParseError) as e:
        isms.loads(text)
    assert e.value.path == "$.organization.extensions.v"
    assert "duplicate key `k`" in str(e.value)
