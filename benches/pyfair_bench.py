"""pyfair side of benches/fair_vs_pyfair.py: runs one case, prints JSON.

Usage: python pyfair_bench.py <one|portfolio> <trials> <risks> <repeats>
Times model build + simulation + summary (mean, percentiles, 101-point loss
exceedance curve); imports are excluded.
"""
import json
import statistics
import sys
import time

import numpy as np
from pyfair import FairMetaModel, FairModel


def model(name, trials, seed):
    m = FairModel(name=name, n_simulations=trials, random_seed=seed)
    m.input_data("Threat Event Frequency", low=0.5, mode=3, high=10)
    m.input_data("Vulnerability", low=0.2, mode=0.4, high=0.7)
    m.input_data("Primary Loss", low=10_000, mode=50_000, high=500_000)
    m.input_data("Secondary Loss Event Frequency", low=0.1, mode=0.3, high=0.6)
    m.input_data("Secondary Loss Event Magnitude", low=5_000, mode=20_000, high=200_000)
    return m


def summary(risk):
    risk = np.asarray(risk)
    srt = np.sort(risk)
    lec_losses = np.percentile(risk, np.linspace(0, 100, 101))
    lec_probs = 1.0 - np.searchsorted(srt, lec_losses, side="right") / len(srt)
    return {
        "mean": float(risk.mean()),
        "p": [float(x) for x in np.percentile(risk, [10, 50, 90, 95, 99])],
        "prob_loss_positive": float((risk > 0).mean()),
        "lec_points": len(lec_probs),
    }


def run(case, trials, risks, seed):
    if case == "one":
        m = model("r", trials, seed)
        m.calculate_all()
        return summary(m.export_results()["Risk"])
    ms = [model(f"R-{i}", trials, seed + i) for i in range(risks)]
    for m in ms:
        m.calculate_all()
    meta = FairMetaModel(name="portfolio", models=ms)
    meta.calculate_all()
    return summary(meta.export_results()["Risk"])


def main():
    case, trials, risks, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    times, cpu, out = [], [], None
    for r in range(repeats):
        c = time.process_time()
        t = time.perf_counter()
        out = run(case, trials, risks, 1 + r)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    print(json.dumps({"impl": "pyfair", "case": case, "trials": trials, "risks": risks, "threads": 1,
                      "median_s": statistics.median(times), "min_s": min(times), "cpu_mean_s": statistics.mean(cpu), "times_s": times, "check": out["mean"],
                      "prob_loss_positive": out["prob_loss_positive"]}))


if __name__ == "__main__":
    main()
