"""The core's renderings reached from Python (SoA as CSV, Markdown and HTML;
risk register as CSV and Markdown; heat map as SVG; roadmap as Mermaid) and
its verdicts: the same bytes as the core's golden snapshots. A result
rebuilt from its dict is a read-only view: the engine renders its own
results only."""

from __future__ import annotations

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET

import pytest

import isms
from conftest import NORTHWIND, golden

AS_OF = dt.date(2026, 11, 29)


@pytest.fixture(scope="module")
def northwind() -> isms.Isms:
    return isms.load(NORTHWIND)


def test_soa_markdown_is_the_core_golden(northwind: isms.Isms) -> None:
    soa = northwind.soa(AS_OF)
    assert soa.to_markdown().rstrip("\n") == golden("examples__northwind_soa_markdown").rstrip("\n")
    assert soa.render("md") == soa.render("markdown") == soa.to_markdown()
    assert soa.formats == ["json", "csv", "markdown", "html"]
    with pytest.raises(TypeError):  # rebuilt from a dict: no engine result to render
        isms.Statement(soa.to_dict()).to_markdown()
    with pytest.raises(isms.InvalidArgumentError):
        soa.render("svg")


def test_soa_csv_has_a_row_per_control(northwind: isms.Isms) -> None:
    soa = northwind.soa(AS_OF)
    rows = list(csv.DictReader(io.StringIO(soa.to_csv())))
    assert len(rows) == 93 and len(soa) == 93
    assert [r["control"] for r in rows] == [e.control for e in soa]
    by_control = {e.control: e for e in soa}
    for r in rows:
        e = by_control[r["control"]]
        assert r["title"] == e.title and r["applicability"] == e.applicability
        assert r["evidence_current"] == str(e.evidence_current).lower()
        assert (r["risks"].split(";") if r["risks"] else []) == list(e.risks)


def test_soa_html_is_self_contained(northwind: isms.Isms) -> None:
    html = northwind.soa(AS_OF).to_html()
    assert html.lstrip().lower().startswith("<!doctype html")
    assert "Northwind" in html and "5.1" in html
    assert "<script src" not in html and "<link " not in html  # no external assets


def test_risk_register_csv_is_the_core_golden(northwind: isms.Isms) -> None:
    reg = northwind.risk_register(AS_OF)
    text = reg.to_csv()
    assert text.rstrip("\n") == golden("examples__northwind_risk_register_csv").rstrip("\n")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["id"] for r in rows] == [r.id for r in reg]


def test_risk_register_markdown(northwind: isms.Isms) -> None:
    reg = northwind.risk_register(AS_OF)
    md = reg.to_markdown()
    lines = [line for line in md.splitlines() if line.startswith("|")]
    assert len(lines) == len(reg) + 2  # header, separator, one line per risk
    assert all(r.id in md for r in reg)


def test_risk_register_rendering_needs_the_native_result(northwind: isms.Isms) -> None:
    reg = northwind.risk_register(AS_OF)
    with pytest.raises(TypeError):
        isms.RiskRegister(reg.to_dict()).to_csv()
    with pytest.raises(isms.InvalidArgumentError):
        reg.render("xlsx")


def test_heatmap_svg(northwind: isms.Isms) -> None:
    for residual in (False, True):
        hm = northwind.heatmap(AS_OF, residual=residual)
        svg = hm.to_svg()
        root = ET.fromstring(svg)  # well-formed XML
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert ("Residual" if residual else "Inherent") + " risk heat map" in svg
        cells = len(hm.likelihood_labels) * len(hm.consequence_labels)
        assert svg.count("<rect ") == 1 + cells + len(hm.to_dict()["levels"])
    assert northwind.heatmap(AS_OF).to_svg() != northwind.heatmap(AS_OF, residual=True).to_svg()


def test_roadmap_is_the_core_golden(northwind: isms.Isms) -> None:
    road = northwind.roadmap(AS_OF)
    assert isinstance(road, isms.Roadmap) and len(road) == 17
    assert road.to_mermaid().rstrip("\n") == golden("roadmap_drift__northwind_roadmap_mermaid").rstrip("\n")
    assert road.to_json().rstrip("\n") == golden("roadmap_drift__northwind_roadmap_json").rstrip("\n")
    assert road.done + road.in_progress + road.not_started == 17
    step = road.steps[13]
    assert isinstance(step, isms.RoadmapStep) and step.step == 14 and isinstance(step.start, dt.date)
    df = road.to_pandas()
    assert list(df["step"]) == list(range(1, 18)) and str(df["start"].dtype).startswith("datetime64")
    assert road.render("mermaid") == road.to_mermaid()


def test_roadmap_refuses_an_invalid_document(small_doc: dict) -> None:
    small_doc["risks"][0]["owner"] = "nobody"
    with pytest.raises(isms.ValidationError):
        isms.Isms.from_dict(small_doc).roadmap("2025-06-01")


def test_evaluation_verdicts_are_the_core_check(northwind: isms.Isms) -> None:
    ev = northwind.evaluate(AS_OF)
    severities = [f.severity for f in ev.findings]
    order = ["info", "minor", "major", "blocker"]
    worst = max(severities, key=order.index)
    assert ev.worst == worst
    for threshold in order:
        expected = any(order.index(s) >= order.index(threshold) for s in severities)
        assert ev.fails(threshold) is expected, threshold
    v = ev.verdict("major")
    assert v.fails == ev.fails("major") and v.total_findings == len(ev) and v.worst == worst
    assert v.to_dict() == northwind.verdict(AS_OF, "major").to_dict()
    with pytest.raises(TypeError):
        isms.Evaluation(ev.to_dict()).fails("blocker")
    with pytest.raises(isms.InvalidArgumentError):
        ev.fails("catastrophic")


def test_evaluation_without_findings() -> None:
    ev = isms.loads('{"schema_version":"1.0","organization":{"name":"Empty"}}').check("2025-06-01")
    if len(ev) == 0:
        assert ev.worst is None and not ev.fails("info")
    else:
        assert ev.worst is not None and ev.fails("info")


def test_drift_verdict(northwind: isms.Isms) -> None:
    same = northwind.drift(northwind, as_of=AS_OF)
    assert not same.new_findings and not same.fails("info")
    later = northwind.drift(as_of=AS_OF, to=dt.date(2028, 1, 1))  # evidence lapses, reviews fall due
    assert later.new_findings
    order = ["info", "minor", "major", "blocker"]

    def at_least(s: str, t: str) -> bool:
        return order.index(s) >= order.index(t)

    for t in order:
        expected = any(at_least(f.severity, t) for f in later.new_findings) or any(
            at_least(w.new_severity, t) and not at_least(w.old_severity, t) for w in later.worsened
        )
        assert later.fails(t) is expected, t
    assert later.fails("info")
