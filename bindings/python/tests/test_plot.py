"""Plotting helpers (matplotlib optional)."""

from __future__ import annotations

import datetime as dt
import sys

import pytest

import isms

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")


def test_heatmap_counts_cells(small_doc: dict) -> None:
    reg = isms.Isms.from_dict(small_doc).risk_register(dt.date(2025, 6, 1))
    ax = reg.plot()
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["1"]  # one risk, at likelihood 3 x consequence 4
    x, y = ax.texts[0].get_position()
    assert (x, y) == (3, 2)
    assert "inherent risk, as of 2025-06-01" == ax.get_title()
    ax2 = isms.plot.heatmap(reg, which="residual")
    assert [t.get_text() for t in ax2.texts] == []
    with pytest.raises(isms.InvalidArgumentError):
        isms.plot.heatmap(reg, which="both")


def test_plot_without_matplotlib(small_doc: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    reg = isms.Isms.from_dict(small_doc).risk_register(dt.date(2025, 6, 1))
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match=r"isms\[plot\]"):
        reg.plot()
