"""The example notebook runs headless and shows what it promises."""

from __future__ import annotations

import json
import pathlib
import re

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NB = pathlib.Path(__file__).resolve().parents[1] / "examples" / "quickstart.ipynb"


def _text(cell: dict) -> str:
    out = [""]
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream":  # a print may arrive in several chunks
            out[0] += o["text"]
        elif "data" in o:
            out.append(o["data"].get("text/plain", ""))
            out.append(o["data"].get("text/html", ""))
        elif o.get("output_type") == "error":
            out.append("ERROR " + o["ename"] + ": " + o["evalue"])
    return "\n".join(out)


def test_quickstart_notebook_executes() -> None:
    nb = nbformat.read(NB, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NB.parent)}}
    )
    client.execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    outputs = [_text(c) for c in code]
    assert not any("ERROR" in o for o in outputs), outputs
    assert "Northwind" in outputs[0]  # the document's HTML view
    assert outputs[1].strip().endswith("[]")  # valid
    assert "('duplicate_id', '$.people[" in outputs[2]
    assert outputs[3].strip() == "parse_error $.organization.name 1 53"
    n_risks = int(outputs[4].split()[0])
    assert n_risks == 41 and "Risk assessment" in outputs[4]
    assert "inherent_level" in outputs[5]
    on_map, _, rated, *_ = outputs[6].split()
    assert on_map == rated and int(rated) > 30  # the plot shows the engine's heat map, count for count
    assert outputs[7].startswith("93 8") and "Screening" in outputs[7]
    assert "'A.12.6.1', '8.8'" in outputs[8]
    assert "always-required documents" in outputs[9]
    assert re.match(r"\d+ items; first: \d{4}-\d\d-\d\d [a-z_]+", outputs[10])
    assert outputs[11].startswith("ndarray (100000,) True") and "Simulation" in outputs[11]
    assert re.search(r"\b\d+ points on the loss exceedance curve", outputs[12])
    assert re.match(r"readiness \d+ findings \d+ first: [a-z]+", outputs[13]) and "top findings" in outputs[13]
    assert outputs[14].startswith("93 SoA entries") and "5.1" in outputs[14]
    quantified = sum("fair" in r for r in json.loads((NB.parents[3] / "examples" / "northwind-saas.json").read_text())["risks"])
    m = re.match(r"(\d+) quantified risks; portfolio mean equals the sum of the risks: True", outputs[15])
    assert m and int(m.group(1)) == quantified and "rosi_rosi" in outputs[15]
    first, columns, road = outputs[16].splitlines()[:3]
    assert first.startswith("control,title,theme,applicability")
    assert columns == "['id', 'title', 'status', 'owner']"
    assert re.match(r"\d+ of 17 steps done; gantt$", road)
    diff, verdict = outputs[17].splitlines()[:2]
    assert re.match(r"\[\('[0-9.]+', \['owner_changed'\]\)\]$", diff)
    assert re.match(r"check --fail-on blocker: True ; audit days: \d+(\.\d+)?$", verdict)
