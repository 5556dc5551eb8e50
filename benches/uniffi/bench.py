"""Python side of benches/uniffi/bench.sh: ``evaluate`` through the UniFFI
bindings (the generated ``isms_uniffi`` module), paired call by call with the
same operation timed natively inside the library (``bench_native_ms``).
Usage: ``bench.py DOC.json AS_OF RUNS``. Prints, per measurement, ``<what>
<native median ms> <Python median ms> <median of the paired overheads, %>``
after two warm-up pairs."""

from __future__ import annotations

import statistics
import sys
import time
from typing import Callable

import isms_uniffi as isms


def paired(what: str, runs: int, native: Callable[[], float], binding: Callable[[], int]) -> None:
    for _ in range(2):
        native()
        binding()
    n, b, over = [], [], []
    for i in range(runs):
        if i % 2 == 0:
            nt = native()
            t = time.perf_counter()
            binding()
            bt = (time.perf_counter() - t) * 1e3
        else:
            t = time.perf_counter()
            binding()
            bt = (time.perf_counter() - t) * 1e3
            nt = native()
        n.append(nt)
        b.append(bt)
        over.append(100 * (bt - nt) / nt)
    print(f"{what} {statistics.median(n):.3f} {statistics.median(b):.3f} {statistics.median(over):.1f}")


def main() -> None:
    path, as_of, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    h = isms.Isms(open(path, encoding="utf-8").read())
    request = f'{{"as_of": "{as_of}"}}'

    def native() -> float:
        return h.bench_native_ms("evaluate", request, False)

    paired("evaluate", runs, native, lambda: h.evaluate(as_of).summary().total)
    paired("evaluate_findings", runs, native, lambda: len(h.evaluate(as_of).findings()))
    paired("call_json", runs, lambda: h.bench_native_ms("evaluate", request, True),
           lambda: len(h.call("evaluate", request)))


if __name__ == "__main__":
    main()
