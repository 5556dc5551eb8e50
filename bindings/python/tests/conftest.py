"""Shared fixtures: paths of the repository's examples."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
from typing import Callable

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples"
sys.path.insert(0, str(pathlib.Path(__file__).parent))


@pytest.fixture
def minimal_path() -> pathlib.Path:
    return EXAMPLES / "minimal.json"


@pytest.fixture
def small_doc() -> dict:
    """A small valid document touching people, assets, risks and the SoA."""
    return {
        "schema_version": "1.0",
        "organization": {"name": "Acme"},
        "people": [{"id": "p1", "name": "Ann", "start_date": "2024-01-01"}, {"id": "p2", "name": "Bob"}],
        "assets": [{"id": "a1", "name": "CRM", "kind": "information", "owner": "p1"}],
        "risks": [
            {
                "id": "r1",
                "title": "CRM data leak",
                "assets": ["a1"],
                "owner": "p1",
                "inherent": {"likelihood": 3, "consequence": 4},
                "assessed_on": "2025-03-01",
            }
        ],
        "soa": {"entries": [{"control": "5.1", "applicable": True, "reasons": ["risk_treatment"]}]},
    }


NORTHWIND = EXAMPLES / "northwind-saas.json"
SNAPSHOTS = ROOT / "core" / "tests" / "snapshots"


def golden(name: str) -> str:
    """The core's golden output ``name`` (an insta snapshot of
    ``core/tests``), without its header: the vectors the core's own tests
    hold, so Python is checked against the same bytes."""
    text = (SNAPSHOTS / f"{name}.snap").read_text(encoding="utf-8")
    assert text.startswith("---\n"), name
    _, _header, body = text.split("---\n", 2)
    return body


@pytest.fixture(scope="session")
def cli() -> Callable[..., str]:
    """Runs the ``isms`` CLI built from the same tree (``$ISMS_CLI``, set by
    ``scripts/test-python``) and returns its standard output: the package
    must give the same bytes as the command for the same computation."""
    path = os.environ.get("ISMS_CLI")
    if not path:
        pytest.skip("ISMS_CLI is not set (scripts/test-python builds the CLI and sets it)")
    assert os.access(path, os.X_OK), f"ISMS_CLI={path} is not an executable"

    def run(*args: str) -> str:
        r = subprocess.run([path, *args], capture_output=True, text=True)
        assert r.returncode in (0, 1), r.stderr  # 1: findings or problems, output still written
        return r.stdout

    return run


@pytest.fixture(scope="session")
def cli_exit(cli: Callable[..., str]) -> Callable[..., int]:
    """The exit code of the ``isms`` CLI (0 clean, 1 findings at the threshold)."""
    path = os.environ["ISMS_CLI"]
    return lambda *args: subprocess.run([path, *args], capture_output=True, text=True).returncode
