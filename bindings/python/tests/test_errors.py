"""The exception hierarchy and its mapping from the core's errors."""

from __future__ import annotations

import pathlib

import pytest

import isms
from isms import _native

CLASSES = {
    "parse_error": isms.ParseError,
    "invalid_document": isms.ValidationError,
    "invalid_argument": isms.InvalidArgumentError,
    "transition_not_allowed": isms.TransitionError,
    "not_found": isms.NotFoundError,
    "limit_exceeded": isms.LimitExceededError,
}


def test_error_codes_equal_the_cores_list() -> None:
    # isms_core::error::ERROR_CODES, exported by the native module.
    assert list(isms.ERROR_CODES) == list(_native.ERROR_CODES)
    assert set(CLASSES) == set(_native.ERROR_CODES)


@pytest.mark.parametrize("code", list(CLASSES))
def test_every_core_error_maps_to_its_class(code: str) -> None:
    with pytest.raises(CLASSES[code]) as info:
        _native.raise_core_error(code)
    err = info.value
    assert isinstance(err, isms.IsmsError)
    assert err.code == code == type(err).code
    assert err.problems and all(isinstance(p, isms.Problem) for p in err.problems)
    assert str(err) == err.message


def test_parse_error_fields() -> None:
    with pytest.raises(isms.ParseError) as info:
        _native.raise_core_error("parse_error")
    e = info.value
    assert (e.path, e.line, e.column, e.reason) == ("$.a", 2, 3, "bad")
    assert isinstance(e, ValueError)


def test_validation_error_problems() -> None:
    with pytest.raises(isms.ValidationError) as info:
        _native.raise_core_error("invalid_document")
    (p,) = info.value.problems
    assert (p.code, p.path) == ("duplicate_id", "$.people[1].id")
    assert p.to_dict() == {"code": "duplicate_id", "path": "$.people[1].id", "message": "duplicate"}
    assert str(p) == "duplicate_id at $.people[1].id: duplicate"


def test_transition_not_found_limit_fields() -> None:
    with pytest.raises(isms.TransitionError) as t:
        _native.raise_core_error("transition_not_allowed")
    assert (t.value.id, t.value.state, t.value.action, t.value.reason) == ("nc-1", "closed", "reopen", "closed is final")
    with pytest.raises(isms.NotFoundError) as n:
        _native.raise_core_error("not_found")
    assert (n.value.kind, n.value.id) == ("nonconformity", "nc-9")
    assert isinstance(n.value, LookupError)
    with pytest.raises(isms.LimitExceededError) as lim:
        _native.raise_core_error("limit_exceeded")
    assert (lim.value.path, lim.value.reason) == ("$.trials", "too many")
    with pytest.raises(isms.InvalidArgumentError) as a:
        _native.raise_core_error("invalid_argument")
    assert (a.value.path, a.value.reason) == ("$.trials", "must be positive")


def test_unknown_code_still_an_isms_error() -> None:
    err = isms.errors._from_core("brand_new_code", "msg", {"problems": []})
    assert type(err) is isms.IsmsError and err.code == "brand_new_code"


def test_a_rust_panic_is_an_exception_not_a_crash() -> None:
    # PyO3 turns a panic into pyo3_runtime.PanicException (a BaseException).
    with pytest.raises(BaseException) as info:
        _native.panic_for_test()
    assert type(info.value).__name__ == "PanicException"
    # The interpreter and the module keep working afterwards.
    assert len(isms.catalog.annex_a()) == 93


@pytest.mark.parametrize(
    "text",
    ["", "null", "[]", "{", '{"schema_version": 1}', "\x00", '{"organization": {"name": "x"}}', "1e999999", "\ud800", b"\xff\xfe"],
)
def test_bad_inputs_raise_parse_error(text: "str | bytes") -> None:
    with pytest.raises(isms.ParseError):
        isms.loads(text)


@pytest.mark.parametrize("value", [None, 1, [1, 2], {"a": {1, 2}}, float("nan"), object()])
def test_bad_dicts_raise_cleanly(value: object) -> None:
    with pytest.raises((isms.ParseError, TypeError, ValueError)):
        isms.Isms.from_dict(value)  # type: ignore[arg-type]


def test_a_document_over_the_size_limit_is_refused(minimal_path: "pathlib.Path") -> None:
    text = minimal_path.read_text(encoding="utf-8")
    assert isms.loads(text).to_json() == isms.load(minimal_path).to_json()  # within the default limit
    calls = (
        lambda: isms.loads(text, max_bytes=50),
        lambda: isms.loads(text.encode(), max_bytes=50),
        lambda: isms.load(minimal_path, max_bytes=50),
    )
    for call in calls:
        with pytest.raises(isms.LimitExceededError) as e:
            call()
        assert e.value.path == "$" and "larger than the limit of 50 bytes" in str(e.value)
    assert isms.MAX_DOCUMENT_BYTES == 256 * 1024 * 1024
