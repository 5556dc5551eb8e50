"""The conformance vectors (``tests/vectors/<case>/``) through the installed
package: every case's output, or its error report, must equal the expected
file byte for byte, as the Rust (``core/tests/vectors.rs``) and CLI
(``cli/tests/vectors.rs``) runners check. The expected files are written by
``UPDATE_VECTORS=1 cargo test -p isms-core --test vectors``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import isms

ROOT = Path(__file__).resolve().parents[3]
VECTORS = ROOT / "tests" / "vectors"
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
        return isms.loads(document).call(meta["operation"], request)
    except isms.IsmsError as e:
        assert e.report_json, f"{type(e).__name__} without the core's report"
        return e.report_json


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_vector(case: Path) -> None:
    want = expected(case).read_bytes()
    got = execute(case).encode("utf-8")
    assert got == want, f"{case.name}: output differs from {expected(case).name}"
