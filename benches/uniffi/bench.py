"""Python side of benches/uniffi/bench.sh: ``evaluate`` through the UniFFI
bindings (the generated ``isms_uniffi`` module). Usage: ``bench.py DOC.json
AS_OF RUNS``. Prints ``evaluate <median ms> <min ms>`` (the call and its summary
record), ``evaluate_findings`` (the call and every finding as records) and
``call_json`` (JSON text), medians of RUNS after two warm-up calls."""

from __future__ import annotations

import statistics
import sys
import time
from typing import Callable

import isms_uniffi as isms


def stats(runs: int, f: Callable[[], int]) -> tuple[float, float]:
    for _ in range(2):
        f()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        f()
        times.append((time.perf_counter() - t) * 1e3)
    return statistics.median(times), min(times)


def main() -> None:
    path, as_of, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    handle = isms.Isms(open(path, encoding="utf-8").read())
    request = f'{{"as_of": "{as_of}"}}'
    print("evaluate %.3f %.3f" % stats(runs, lambda: handle.evaluate(as_of).summary().total))
    print("evaluate_findings %.3f %.3f" % stats(runs, lambda: len(handle.evaluate(as_of).findings())))
    print("call_json %.3f %.3f" % stats(runs, lambda: len(handle.call("evaluate", request))))


if __name__ == "__main__":
    main()
