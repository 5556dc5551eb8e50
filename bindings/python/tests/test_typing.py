"""The type stubs and annotations: mypy --strict on the package and on a
usage file, and mypy.stubtest of the package against the installed module."""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

import pytest

import isms

HERE = pathlib.Path(__file__).parent
PKG = pathlib.Path(isms.__file__).parent
# mypy checks the package's source (the same .py and .pyi files the wheel ships):
# files under site-packages are not reported by mypy.
SRC = HERE.parent / "python" / "isms"

pytest.importorskip("mypy")


def _mypy(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, MYPY_CACHE_DIR=str(HERE / ".." / ".mypy_cache"))
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", *args],
        capture_output=True, text=True, env=env, cwd=HERE,
    )


def test_package_ships_stubs_and_marker() -> None:
    assert (PKG / "py.typed").exists()
    assert (PKG / "_native.pyi").exists()


def test_mypy_strict_on_package_and_usage() -> None:
    r = _mypy(str(SRC), str(HERE / "usage_typed.py"))
    assert r.returncode == 0, r.stdout + r.stderr


def test_mypy_rejects_misuse(tmp_path: pathlib.Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import isms\nx: int = isms.load('a').to_json()\nisms.catalog.annex_a(theme=3)\n")
    r = _mypy(str(bad))
    assert r.returncode == 1 and "bad.py:2" in r.stdout and "bad.py:3" in r.stdout


@pytest.mark.skipif(shutil.which("stubgen") is None and False, reason="stubtest needs mypy")
def test_stubtest_native_module() -> None:
    env = dict(os.environ, MYPY_CACHE_DIR=str(HERE / ".." / ".mypy_cache"))
    r = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "isms._native", "--ignore-missing-stub"],
        capture_output=True, text=True, env=env, cwd=HERE,
    )
    assert r.returncode == 0, r.stdout + r.stderr
