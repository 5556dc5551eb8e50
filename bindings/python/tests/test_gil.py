"""Long computations release the GIL: another Python thread makes progress
while the engine works."""

from __future__ import annotations

import threading
import time
from typing import Callable

import isms
from bigdoc import big_document


def progress_during(call: Callable[[], object]) -> tuple[int, float]:
    """Runs ``call`` in a worker thread; counts the main thread's loop
    iterations that happen while the call is in flight."""
    window: dict[str, float] = {}
    done = threading.Event()

    def worker() -> None:
        window["start"] = time.perf_counter()
        try:
            call()
        finally:  # a failing call must not leave the main thread waiting
            window["end"] = time.perf_counter()
            done.set()

    ticks: list[float] = []
    t = threading.Thread(target=worker)
    t.start()
    while not done.is_set():
        ticks.append(time.perf_counter())
        time.sleep(0.0005)
    t.join()
    inside = [x for x in ticks if window["start"] < x < window["end"]]
    return len(inside), window["end"] - window["start"]


def test_risk_assessment_releases_the_gil() -> None:
    # The result stays typed in the engine (no conversion in the call), so the
    # call is the assessment alone: 10,000 risks make it last long enough.
    doc = isms.Isms.from_dict(big_document(n_risks=10_000, n_people=50, n_assets=100))
    native = doc.native
    ticks, seconds = progress_during(lambda: native.run("risk_assessment", '{"as_of": "2025-06-01"}'))
    assert seconds > 0.01, f"the call was too short ({seconds:.3f} s) to show anything"
    # With the GIL held for the whole call, the main thread could not tick at all.
    assert ticks >= 5, f"main thread made {ticks} steps during a {seconds:.3f} s native call"
