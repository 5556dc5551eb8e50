#!/usr/bin/env python3
"""Open FAIR simulation: isms vs pyfair on the perf-anchors model.

Usage (from the repository root):  python3 benches/fair_vs_pyfair.py [--quick]

- builds `core/examples/fair_bench.rs` in release mode (CARGO_TARGET_DIR is
  honoured);
- installs pyfair from PyPI into a venv ($PYFAIR_VENV, default
  /tmp/pyfair-venv) unless it is already there;
- runs every case in its own process under /usr/bin/time -v (peak RSS);
- writes benches/results/fair.md.
Only the Python standard library is needed to run this driver.
"""
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("PYFAIR_VENV", "/tmp/pyfair-venv"))
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
QUICK = "--quick" in sys.argv


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw)


def ensure_pyfair():
    py = VENV / "bin" / "python"
    if not py.exists():
        sh([sys.executable, "-m", "venv", str(VENV)])
    if subprocess.run([str(py), "-c", "import pyfair"], capture_output=True).returncode != 0:
        sh([str(py), "-m", "pip", "install", "-q", "pyfair"])
    ver = sh([str(py), "-m", "pip", "show", "pyfair"]).stdout
    return py, re.search(r"Version: (\S+)", ver).group(1)


def timed(cmd):
    """Runs cmd under /usr/bin/time -v; returns its JSON line and peak RSS (MB)."""
    p = sh(["/usr/bin/time", "-v"] + cmd)
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    out = json.loads(p.stdout.strip().splitlines()[-1])
    out["peak_rss_mb"] = rss_kb / 1024
    return out


def timed_pair(cmd):
    """Runs two copies of cmd at once (one per vCPU); returns the first copy's JSON
    line with both copies' repeat times merged: what one thread achieves while
    another compute-bound thread runs beside it."""
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in procs]
    out = outs[0]
    out["times_s"] = outs[0]["times_s"] + outs[1]["times_s"]
    out["cpu_mean_s"] = (outs[0]["cpu_mean_s"] + outs[1]["cpu_mean_s"]) / 2
    out["peak_rss_mb"] = 0.0
    return out


def loadavg():
    try:
        return Path("/proc/loadavg").read_text().split()[:3]
    except OSError:
        return ["?"]


def main():
    sh(["cargo", "build", "--release", "-p", "isms-core", "--example", "fair_bench"], cwd=ROOT)
    bench = str(TARGET / "release" / "examples" / "fair_bench")
    py, pyfair_version = ensure_pyfair()
    worker = str(ROOT / "benches" / "pyfair_bench.py")
    load_before = loadavg()
    # Repeats per round; the whole set of cases runs ROUNDS times, interleaved,
    # so that drift in the VM's speed (seen here: the same binary 1.4x slower
    # for minutes at a time) spreads over every case instead of skewing ratios.
    rounds = 1 if QUICK else 3
    reps_small, reps_big, reps_port = (21, 3, 1) if QUICK else (34, 3, 1)
    cases = [
        # name, command (isms: case, trials, risks, threads, repeats; pyfair: case, trials, risks, repeats)
        ("isms_10k_t1", [bench, "one", "10000", "1", "1", str(reps_small)]),
        ("isms_10k_t2", [bench, "one", "10000", "1", "2", str(reps_small)]),
        ("floor_10k", [bench, "floor", "10000", "1", "1", str(reps_small)]),
        ("floorref_10k", [bench, "floor_reference", "10000", "1", "1", str(reps_small)]),
        ("isms_1m_t1", [bench, "one", "1000000", "1", "1", str(reps_big)]),
        ("isms_1m_t2", [bench, "one", "1000000", "1", "2", str(reps_big)]),
        ("floor_1m", [bench, "floor", "1000000", "1", "1", str(reps_big)]),
        ("floorref_1m", [bench, "floor_reference", "1000000", "1", "1", str(reps_big)]),
        # Two single-threaded floors at once: how much two vCPUs of this VM give.
        ("floor_1m_pair", ["pair", bench, "floor", "1000000", "1", "1", str(reps_big)]),
        ("isms_port_t1", [bench, "portfolio", "100000", "100", "1", str(reps_port)]),
        ("isms_port_t2", [bench, "portfolio", "100000", "100", "2", str(reps_port)]),
        ("pyfair_10k", [str(py), worker, "one", "10000", "1", "7"]),
        ("pyfair_1m", [str(py), worker, "one", "1000000", "1", "3"]),
        ("pyfair_port", [str(py), worker, "portfolio", "100000", "100", "1"]),
    ]
    r = {}
    for rnd in range(rounds):
        for name, cmd in cases:
            x = timed_pair(cmd[1:]) if cmd[0] == "pair" else timed(cmd)
            if name not in r:
                r[name] = x
            else:
                # Merge the round into the case: all repeats, worst RSS, mean CPU.
                prev = r[name]
                n0, n1 = len(prev["times_s"]), len(x["times_s"])
                prev["cpu_mean_s"] = (prev["cpu_mean_s"] * n0 + x["cpu_mean_s"] * n1) / (n0 + n1)
                prev["times_s"] += x["times_s"]
                prev["peak_rss_mb"] = max(prev["peak_rss_mb"], x["peak_rss_mb"])
            ts = sorted(r[name]["times_s"])
            r[name]["median_s"], r[name]["min_s"] = statistics.median(ts), ts[0]
            print(f"round {rnd + 1}/{rounds}", name, r[name]["median_s"], f'{r[name]["peak_rss_mb"]:.1f} MB', flush=True)
    load_after = loadavg()
    write_report(r, pyfair_version, load_before, load_after)


def write_report(r, pyfair_version, load_before, load_after):
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    t = lambda k: r[k]["median_s"]
    c = lambda k: r[k]["cpu_mean_s"]
    mn = lambda k: r[k]["min_s"]
    m = lambda k: r[k]["peak_rss_mb"]
    ms = lambda s: f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"
    rows = [
        ("1 risk × 10k years", "isms, 1 thread", "isms_10k_t1"),
        ("1 risk × 10k years", "isms, 2 threads", "isms_10k_t2"),
        ("1 risk × 10k years", "floor: bare draws, isms samplers, 1 thread", "floor_10k"),
        ("1 risk × 10k years", "reference floor: bare draws, perf-anchors samplers, 1 thread", "floorref_10k"),
        ("1 risk × 10k years", f"pyfair {pyfair_version}", "pyfair_10k"),
        ("1 risk × 1M years", "isms, 1 thread", "isms_1m_t1"),
        ("1 risk × 1M years", "isms, 2 threads", "isms_1m_t2"),
        ("1 risk × 1M years", "floor: bare draws, isms samplers, 1 thread", "floor_1m"),
        ("1 risk × 1M years", "reference floor: bare draws, perf-anchors samplers, 1 thread", "floorref_1m"),
        ("1 risk × 1M years", "floor, 1 thread, while a second copy runs on the other vCPU", "floor_1m_pair"),
        ("1 risk × 1M years", f"pyfair {pyfair_version}", "pyfair_1m"),
        ("100 risks × 100k years", "isms, 1 thread", "isms_port_t1"),
        ("100 risks × 100k years", "isms, 2 threads", "isms_port_t2"),
        ("100 risks × 100k years", f"pyfair {pyfair_version} (FairMetaModel)", "pyfair_port"),
    ]
    # (name, median wall-clock ratio, min wall-clock ratio, CPU-time ratio or None, op, limit)
    def ratio(a, b, inverse=False):
        """(median, min, CPU) ratios of a over b (b over a for throughput)."""
        if inverse:
            a, b = b, a
        return t(a) / t(b), mn(a) / mn(b), c(a) / c(b)

    targets = [
        ("≥ 10× pyfair throughput at 10k (1 thread, exact compounding)", *ratio("isms_10k_t1", "pyfair_10k", True), ">=", 10),
        ("≥ 2.3× pyfair throughput at 1M (1 thread, exact compounding)", *ratio("isms_1m_t1", "pyfair_1m", True), ">=", 2.3),
        ("≥ 2.3× pyfair throughput, portfolio 100 × 100k (1 thread)", *ratio("isms_port_t1", "pyfair_port", True), ">=", 2.3),
        ("within 1.25× of the reference floor at 1M (1 thread)", *ratio("isms_1m_t1", "floorref_1m"), "<=", 1.25),
        ("within 1.25× of the reference floor at 10k (1 thread)", *ratio("isms_10k_t1", "floorref_10k"), "<=", 1.25),
        ("within 1.25× of the floor with isms's own samplers at 1M (1 thread)", *ratio("isms_1m_t1", "floor_1m"), "<=", 1.25),
        ("within 1.25× of the floor with isms's own samplers at 10k (1 thread)", *ratio("isms_10k_t1", "floor_10k"), "<=", 1.25),
        ("(machine) what 2 vCPUs give 2 independent single-threaded floors (2 × alone / together)",
         2 * t("floor_1m") / t("floor_1m_pair"), 2 * mn("floor_1m") / mn("floor_1m_pair"), None, ">=", 1.8),
        ("2 threads ≥ 1.8× 1 thread at 1M (wall clock)", *ratio("isms_1m_t2", "isms_1m_t1", True)[:2], None, ">=", 1.8),
        ("2 threads ≥ 1.8× 1 thread, portfolio (wall clock)", *ratio("isms_port_t2", "isms_port_t1", True)[:2], None, ">=", 1.8),
        ("peak memory ≤ 1/10 of pyfair's at 1M", m("isms_1m_t1") / m("pyfair_1m"), None, None, "<=", 0.1),
        ("peak memory ≤ 1/10 of pyfair's, portfolio", m("isms_port_t1") / m("pyfair_port"), None, None, "<=", 0.1),
    ]
    out = [
        "# Open FAIR simulation: isms vs pyfair",
        "",
        "Generated by `python3 benches/fair_vs_pyfair.py` (run from the repository root;",
        "`CARGO_TARGET_DIR` honoured; pyfair installed from PyPI into `$PYFAIR_VENV`).",
        "",
        f"- date: {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- machine: {os.cpu_count()} CPUs (nproc), {cpu}, {platform.system()} {platform.release()}",
        f"- load average (1/5/15 min) before: {' '.join(load_before)}, after: {' '.join(load_after)}"
        " — the machine is shared with other builds, so absolute times are noisy",
        f"- pyfair {pyfair_version}, Python {platform.python_version()}",
        "- model (perf-anchors.md): TEF PERT(0.5, 3, 10), Vuln PERT(0.2, 0.4, 0.7), PL PERT(10k, 50k, 500k),",
        "  SLEF PERT(0.1, 0.3, 0.6), SLEM PERT(5k, 20k, 200k); analytic mean 208,398",
        "- timed: model build + simulation + summary (mean, percentiles, 101-point loss exceedance curve),",
        "  imports excluded; median of repeats (see `repeats`); each case in its own process, all cases",
        "  interleaved over 3 rounds (against drift in the VM's speed); peak RSS from `/usr/bin/time -v`",
        "  (includes the interpreter for pyfair)",
        "- semantics: isms simulates exact per-event compounding; pyfair uses its shortcut",
        "  (one LEF × one LM draw per year), which costs no less",
        "- isms threads: a rayon pool of 1 or 2 threads that includes the calling thread",
        "  (`use_current_thread`), default `parallel` feature on; results are bit-identical for any thread count",
        "- floors: the bare draws the model needs per year on average (5.06 Beta, 1 Poisson, 1.56 uniform),",
        "  one stream, summed, nothing else (`core/benches/common/mod.rs`): the *reference floor* with the samplers",
        "  perf-anchors.md measured its ~250 ns/year with (Beta as a Gamma pair, inversion Poisson), and the",
        "  *floor* with isms's own samplers (strip-table Beta, exponential-arrival Poisson)",
        "",
        "| case | implementation | median wall time | min wall time | mean CPU time | throughput (years/s, median wall) | ns per year (median wall) | peak RSS | repeats | mean annual loss | P(loss>0) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for case, impl, k in rows:
        x = r[k]
        years = x["trials"] * x.get("risks", 1)
        check = f'{x["check"]:,.0f}' if not k.startswith("floor") else "—"
        per_year = t(k) / years * 1e9
        plp = f'{x["prob_loss_positive"]:.3f}' if "prob_loss_positive" in x else "—"
        out.append(f"| {case} | {impl} | {ms(t(k))} | {ms(mn(k))} | {ms(c(k))} | {years / t(k):,.0f} | {per_year:.0f} | {m(k):.1f} MB | {len(x['times_s'])} | {check} | {plp} |")
    out += ["", "## Targets (from the issue)", "",
            "Ratios of median wall-clock times, of minimum wall-clock times (the run least disturbed by",
            "other load on this shared VM), and of mean CPU time (all threads of the measured call).", "",
            "| target | ratio (median) | ratio (min) | ratio (CPU) | met (median) | met (min) |",
            "|---|---|---|---|---|---|"]
    met = lambda v, op, lim: "—" if v is None else ("yes" if (v >= lim if op == ">=" else v <= lim) else "**no**")
    f2 = lambda v: "—" if v is None else f"{v:.2f}"
    for name, v, vmin, vc, op, lim in targets:
        out.append(f"| {name} | {f2(v)} | {f2(vmin)} | {f2(vc)} | {met(v, op, lim)} | {met(vmin, op, lim)} |")
    out += ["", "## Reading these numbers", "",
            "(hand-written notes about the committed run are kept in the committed file; "
            "update them when re-running)"]
    out += ["", "Raw results:", "", "```json", json.dumps(r, indent=1), "```", ""]
    dest = ROOT / "benches" / "results" / "fair.md"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text("\n".join(out))
    print("wrote", dest)


if __name__ == "__main__":
    main()
