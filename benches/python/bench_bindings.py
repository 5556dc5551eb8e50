"""Binding overhead of the Python package `isms` against the native core call,
and DataFrame conversion cost. Writes a Markdown table to stdout.

Usage (after `pip install ./bindings/python`, release build):
    python benches/python/bench_bindings.py DOC.json [AS_OF] [RUNS]
DOC.json: a large generated document, e.g.
    cargo run --release -p isms-bench --bin isms-synth 10 > /tmp/synth-10.json

"Native" is the core function timed inside Rust by the same extension module
(`Document._time_core`), with no conversion; "Python" is the public call,
end to end, including conversion of the result into Python objects.
"""

from __future__ import annotations

import datetime as dt
import json
import platform
import statistics
import sys
import time
from typing import Any, Callable

import isms


LAST_MIN = [0.0]


def median_s(f: Callable[[], Any], runs: int) -> float:
    """Median wall time of ``runs`` calls; the fastest is kept in LAST_MIN."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    LAST_MIN[0] = min(times)
    return statistics.median(times)


def ms(f: Callable[[], Any], runs: int) -> str:
    """``median | min`` in ms, for the conversion table."""
    m = median_s(f, runs)
    return f"{m * 1e3:.1f} | {LAST_MIN[0] * 1e3:.1f}"


def main() -> None:
    path = sys.argv[1]
    as_of = sys.argv[2] if len(sys.argv) > 2 else "2026-11-29"
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    text = open(path, encoding="utf-8").read()
    doc = isms.loads(text)
    n = doc.native
    d = doc.to_dict()
    print(f"document: {path}, {len(text) / 1e6:.1f} MB, {len(d.get('risks', []))} risks; as_of {as_of}; "
          f"median of {runs} runs; Python {platform.python_version()}, {platform.machine()}, "
          f"isms {isms.__version__}; {dt.date.today().isoformat()}")
    print()
    print("| operation | native (Rust, no conversion) ms | Python API ms | overhead |")
    print("|---|---|---|---|")
    rows = [
        ("validate", lambda: doc.validate(), "validate"),
        ("risk_assessment (assess)", lambda: doc.risk_assessment(as_of), "assess"),
    ]
    rows.insert(0, ("evaluate, call only (result held natively)", lambda: doc.evaluate(as_of), "evaluate"))
    rows.insert(1, ("evaluate + full result to dicts (.to_dict())", lambda: doc.evaluate(as_of).to_dict(), "evaluate"))
    for label, call, op in rows:
        native = n._time_core(op, as_of, runs)
        py = median_s(call, runs)
        print(f"| {label} | {native * 1e3:.1f} | {py * 1e3:.1f} | {100 * (py - native) / native:+.0f}% |")
    print()
    print("| conversion | median ms | min ms |")
    print("|---|---|---|")
    value = n.run("risk_assessment", json.dumps({"as_of": as_of}))
    reg = isms.RiskAssessment(value)
    print(f"| RiskAssessment.to_pandas() ({len(reg)} rows, from the native result) | "
          f"{ms(reg.to_pandas, runs)} |")
    print(f"| of which the native column build (typed result → encoded columns, Rust only) | "
          f"{value._time_columns('risks', runs) * 1e3:.1f} | |")
    print(f"| of which Value.columns_encoded('risks') (columns → bytes and labels) | "
          f"{ms(lambda: value.columns_encoded('risks'), runs)} |")
    print(f"| Value.columns('risks') (native → dict of lists) | "
          f"{ms(lambda: value.columns('risks'), runs)} |")
    ev = doc.evaluate(as_of)
    print(f"| Evaluation.to_pandas() ({len(ev)} findings) | {ms(ev.to_pandas, runs)} |")
    soa = doc.soa(as_of)
    print(f"| Statement.to_pandas() ({len(soa)} entries) | {ms(soa.to_pandas, runs)} |")
    cal = doc.calendar(as_of, dt.date.fromisoformat(as_of) + dt.timedelta(days=365))
    print(f"| Calendar.to_pandas() ({len(cal)} items, one year) | {ms(cal.to_pandas, runs)} |")
    print(f"| assess result → dicts (Value.to_obj: compact JSON text + json.loads) | {ms(value.to_obj, runs)} |")
    assess_json = value.to_json()
    print(f"| assess result → dicts via JSON text, json.loads part only | "
          f"{ms(lambda: json.loads(assess_json), runs)} |")
    print(f"| assess result → JSON text (Value.to_json, pretty) | {ms(value.to_json, runs)} |")
    model = {
        "frequency": {"kind": "lef", "loss_event_frequency": {"kind": "pert", "min": 0.5, "mode": 2, "max": 6}},
        "primary_loss": {"kind": "lognormal", "p05": 10_000, "p95": 400_000},
    }
    print(f"| simulate 1,000,000 trials, keep_samples (→ numpy view) | "
          f"{ms(lambda: isms.simulate(model, years=1_000_000, keep_samples=True).samples, runs)} |")
    print(f"| simulate 1,000,000 trials, summary only | "
          f"{ms(lambda: isms.simulate(model, years=1_000_000), runs)} |")
    print(f"| document → dict via pythonize (Document.to_obj) | {ms(n.to_obj, runs)} |")
    print(f"| document → dict via to_json + json.loads (Isms.to_dict) | {ms(doc.to_dict, runs)} |")
    print(f"| dict → document via pythonize (Document.from_obj) | "
          f"{ms(lambda: isms._native.Document.from_obj(d), runs)} |")
    print(f"| dict → document via json.dumps + parser (Isms.from_dict) | "
          f"{ms(lambda: isms.Isms.from_dict(d), runs)} |")
    print(f"| JSON text → document (isms.loads) | {ms(lambda: isms.loads(text), runs)} |")
    quantified = sum(1 for r in d.get("risks", []) if "fair" in r)
    if quantified:
        print(f"| Isms.simulate, {quantified} quantified risks × 10,000 years, portfolios | "
              f"{ms(lambda: doc.simulate(years=10_000), runs)} |")


if __name__ == "__main__":
    main()
