"""A generator of large, valid ISMS documents for tests and benchmarks."""

from __future__ import annotations

import datetime as dt
from typing import Any


def big_document(n_risks: int = 2000, n_people: int = 200, n_assets: int = 500) -> dict[str, Any]:
    """A valid document with ``n_risks`` risks (each treated), people, assets,
    documents, evidence and a full Statement of Applicability."""
    import isms

    day0 = dt.date(2025, 1, 1)

    def day(i: int) -> str:
        return (day0 + dt.timedelta(days=i % 300)).isoformat()

    people = [{"id": f"p{i}", "name": f"Person {i}", "start_date": "2020-01-01"} for i in range(n_people)]
    assets = [
        {"id": f"a{i}", "name": f"Asset {i}", "kind": "information", "owner": f"p{i % n_people}",
         "classification": "internal"}
        for i in range(n_assets)
    ]
    risks = []
    treatments = []
    controls = [c.id for c in isms.catalog.annex_a()]
    for i in range(n_risks):
        risks.append({
            "id": f"r{i}", "title": f"Risk {i}", "assets": [f"a{i % n_assets}"], "owner": f"p{i % n_people}",
            "threat": "ransomware", "vulnerability": "unpatched host", "affects": ["availability"],
            "inherent": {"likelihood": 1 + i % 5, "consequence": 1 + (i // 5) % 5},
            "residual": {"likelihood": 1 + i % 3, "consequence": 1 + (i // 3) % 3},
            "assessed_on": day(i),
        })
        treatments.append({
            "id": f"t{i}", "risk": f"r{i}", "option": "modify", "controls": [controls[i % len(controls)]],
            "actions": [{"id": f"t{i}-a", "title": "Patch", "owner": f"p{i % n_people}", "due_on": day(i + 30)}],
            "approved_by": f"p{i % n_people}", "approved_on": day(i),
        })
    soa = [
        {"control": c, "applicable": True, "reasons": ["risk_treatment"], "status": "implemented",
         "owner": f"p{k % n_people}", "risks": [f"r{k}"] if k < n_risks else []}
        for k, c in enumerate(controls)
    ]
    documents = [
        {"id": f"d{i}", "title": f"Document {i}", "kind": "policy", "status": "approved", "owner": f"p{i % n_people}",
         "approved_by": "p0", "approved_on": day(i), "last_reviewed_on": day(i + 10), "controls": [controls[i % 93]]}
        for i in range(200)
    ]
    evidence = [
        {"id": f"e{i}", "title": f"Evidence {i}", "collected_on": day(i), "controls": [controls[i % 93]]}
        for i in range(500)
    ]
    return {
        "schema_version": "1.0",
        "organization": {"name": "Bigcorp"},
        "people": people,
        "assets": assets,
        "risks": risks,
        "treatments": treatments,
        "soa": {"entries": soa},
        "documents": documents,
        "evidence": evidence,
    }
