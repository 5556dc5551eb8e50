"""The conformance vectors (``tests/vectors/<case>/``) through the UniFFI
Python bindings (the generated ``isms_uniffi`` module and its shared
library): every case's output, or its error's ``report_json``, must equal the
expected file byte for byte, as the Rust (``core/tests/vectors.rs``), CLI
(``cli/tests/vectors.rs``) and PyO3 (``bindings/python/tests/test_vectors.py``)
runners check. ``scripts/test-uniffi`` generates the module and runs this with
``PYTHONPATH`` pointing at it. ``ISMS_VECTORS`` overrides the vectors folder
(used once to show that a wrong expected file fails)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import isms_uniffi as isms

ROOT = Path(__file__).resolve().parents[4]
VECTORS = Path(os.environ.get("ISMS_VECTORS", ROOT / "tests" / "vectors"))
CASES = sorted(p for p in VECTORS.iterdir() if p.is_dir())


def expected(case: Path) -> Path:
    error = case / "error.json"
    if error.exists():
        return error
    found = [p for p in case.iterdir() if p.name.startswith("expected.")]
    assert len(found) == 1, f"{case}: one expected file, found {found}"
    return found[0]


def execute(case: Path) -> str:
    meta = json.loads((case / "case.json").read_text(encoding="utf-8"))
    request_file = case / "request.json"
    request = request_file.read_text(encoding="utf-8") if request_file.exists() else "{}"
    if "document" in meta:
        document: str | None = (ROOT / meta["document"]).read_text(encoding="utf-8")
    elif (case / "document.json").exists():
        document = (case / "document.json").read_text(encoding="utf-8")
    else:
        document = None
    try:
        if document is None:
            return isms.call(meta["operation"], request)
        # The handle, as an application uses it: load once, then call.
        return isms.Isms(document).call(meta["operation"], request)
    except isms.IsmsError as e:
        assert e.code in isms.error_codes(), f"{type(e).__name__}: unknown code {e.code}"
        assert json.loads(e.report_json)["code"] == e.code
        return e.report_json


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 60


def test_every_operation_has_a_case() -> None:
    ops = {json.loads((c / "case.json").read_text(encoding="utf-8"))["operation"] for c in CASES}
    missing = [o.name for o in isms.operations() if o.name not in ops]
    assert not missing, f"operations without a vector: {missing}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_vector(case: Path) -> None:
    want = expected(case).read_bytes()
    got = execute(case).encode("utf-8")
    assert got == want, f"{case.name}: output differs from {expected(case).name}"


def test_error_variants_are_the_core_codes() -> None:
    # One IsmsError subclass per code of the core's catalogue, named after it.
    names = {c.__name__ for c in isms.IsmsError.__subclasses__()}
    want = {"".join(w.capitalize() for w in code.split("_")) for code in isms.error_codes()}
    assert names == want
