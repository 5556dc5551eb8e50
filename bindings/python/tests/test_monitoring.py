"""Continuous monitoring from Python (docs/monitoring.md): the package gives
the engine's results for the Northwind example's two weekly runs, byte for
byte what ``isms monitor ...`` prints, whichever form the results take; the
DataFrames lay out the engine's values; every adapter's sample file ingests;
bad records raise naming where; files are streamed by the native module."""

from __future__ import annotations

import json
import pathlib
import threading
import time
import tracemalloc
from typing import Any, Callable

import pytest

import isms
from isms._results.monitoring import RECORD_COLUMNS
from conftest import EXAMPLES, NORTHWIND, ROOT

RUN1 = EXAMPLES / "monitoring" / "run-2026-11-20.ndjson"
RUN2 = EXAMPLES / "monitoring" / "run-2026-11-27.ndjson"
SAMPLES = ROOT / "core" / "tests" / "monitor"
AS_OF = "2026-11-29"
Cli = Callable[..., str]

#: Every adapter's sample (format, file, mapping table), each with one item
#: that is not a check result.
ADAPTERS = [
    ("prowler-ocsf", "prowler-ocsf.json", None),
    ("prowler-csv", "prowler.csv", None),
    ("ocsf", "ocsf-compliance.json", None),
    ("asff", "asff.json", None),
    ("powerpipe", "powerpipe.json", "powerpipe-mapping.csv"),
    ("oscal-ar", "oscal-ar.json", None),
]


@pytest.fixture(scope="module")
def northwind() -> isms.Isms:
    return isms.load(NORTHWIND)


def records(path: pathlib.Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def results_args(*paths: pathlib.Path) -> list[str]:
    return [a for p in paths for a in ("--results", str(p))]


# -- parity with the command ---------------------------------------------------------------


@pytest.mark.parametrize("as_of", ["2026-11-22", AS_OF])
def test_summary_and_coverage_equal_the_cli(cli: Cli, northwind: isms.Isms, as_of: str) -> None:
    both = [RUN1, RUN2]
    args = [str(NORTHWIND), *results_args(*both), "--as-of", as_of, "--json"]
    summary = northwind.monitor_summary(both, as_of)
    assert summary.to_json() == cli("monitor", "summary", *args)
    assert northwind.monitor_coverage(both, as_of).to_json() == cli("monitor", "coverage", *args)
    assert summary.render("text") == cli("monitor", "summary", *args[:-1])


def test_drift_check_and_soa_with_results_equal_the_cli(cli: Cli, northwind: isms.Isms) -> None:
    drift = northwind.monitor_drift(RUN1, RUN2, "2026-11-22", AS_OF)
    out = cli("monitor", "drift", str(NORTHWIND), "--results", str(RUN1), "--newer", str(RUN2),
              "--from", "2026-11-22", "--to", AS_OF, "--json")
    assert drift.to_json() == out
    ev = northwind.check(AS_OF, results=[RUN1, RUN2])
    assert ev.to_json() == cli("check", str(NORTHWIND), "--json", "--as-of", AS_OF, *results_args(RUN1, RUN2))
    soa = northwind.soa(AS_OF, results=[RUN1, RUN2])
    assert soa.to_csv() == cli("soa", str(NORTHWIND), "--format", "csv", "--as-of", AS_OF, *results_args(RUN1, RUN2))
    html = northwind.report_html(AS_OF, results=[RUN1, RUN2])
    assert "Automated control tests" in html and html != northwind.report_html(AS_OF)
    assert html == cli("report", str(NORTHWIND), "--html", "-", "--as-of", AS_OF, *results_args(RUN1, RUN2))


def test_ingest_and_lint_equal_the_operations(cli: Cli) -> None:
    for fmt, name, mapping in ADAPTERS:
        text = (SAMPLES / name).read_text(encoding="utf-8")
        request: dict[str, Any] = {"input_format": fmt, "input": text}
        if mapping:
            request["mapping"] = (SAMPLES / mapping).read_text(encoding="utf-8")
        got = isms.monitor_ingest(SAMPLES / name, fmt, None if mapping is None else SAMPLES / mapping, strict=False)
        assert got.to_json() == cli("call", "monitor_ingest", "--request", json.dumps(request)), fmt
    table = SAMPLES / "powerpipe-mapping.csv"
    assert isms.mapping_lint(table).to_json() == cli("mapping", "lint", str(table), "--json")
    assert isms.mapping_lint(table, isms.load(NORTHWIND)).to_json() == cli(
        "mapping", "lint", str(table), "--doc", str(NORTHWIND), "--json"
    )


# -- the forms of `results` ------------------------------------------------------------------


def test_every_form_of_results_gives_the_same_judgement(northwind: isms.Isms, tmp_path: pathlib.Path) -> None:
    expected = northwind.monitor_summary([RUN1, RUN2], AS_OF).to_json()
    both = records(RUN1) + records(RUN2)
    array = tmp_path / "both.json"
    array.write_text(json.dumps(both), encoding="utf-8")
    ingested = isms.monitor_ingest(RUN1.read_text(encoding="utf-8") + RUN2.read_text(encoding="utf-8"), "neutral")
    forms: dict[str, Any] = {
        "a list of dicts": both,
        "a JSON array file (str path)": str(array),
        "an Ingested": ingested,
        "its DataFrame": ingested.to_pandas(),
        "a DataFrame in another row order": ingested.to_pandas().iloc[::-1],
    }
    for what, results in forms.items():
        assert northwind.monitor_summary(results, AS_OF).to_json() == expected, what
    # The operations table, records in the request, judges the same.
    assert northwind.call("monitor_summary", {"as_of": AS_OF, "results": both}) == expected
    drift = northwind.monitor_drift(records(RUN1), isms.monitor_ingest(RUN2, "neutral"), "2026-11-22", AS_OF).to_json()
    request = {"from": "2026-11-22", "to": AS_OF, "results": records(RUN1), "newer_results": records(RUN2)}
    assert northwind.call("monitor_drift", request) == drift
    with pytest.raises(TypeError, match="expected results"):
        northwind.monitor_summary(42, AS_OF)


def test_the_same_results_on_both_dates_without_after(northwind: isms.Isms) -> None:
    drift = northwind.monitor_drift([RUN1, RUN2], None, "2026-11-28", "2026-12-30")
    later = northwind.monitor_summary([RUN1, RUN2], "2026-12-30")
    assert {c.health for c in later.controls} == {"stale"}
    assert drift.started is False and {r["control"] for r in drift.to_dict()["stopped_failing"]} == {"8.8", "8.24"}


# -- DataFrames are the engine's values ------------------------------------------------------


def test_summary_frame_lays_out_the_engine_output(northwind: isms.Isms) -> None:
    import pandas as pd

    summary = northwind.monitor_summary([RUN1, RUN2], AS_OF)
    engine = summary.to_dict()["controls"]
    df = summary.to_pandas()
    assert list(df["control"]) == [c["control"] for c in engine] and len(df) == len(summary) == 9
    assert list(df.columns[:5]) == ["control", "title", "health", "fresh", "soa"]
    assert str(df["last_observed"].dt.tz) == "UTC" and pd.api.types.is_datetime64_any_dtype(df["fresh_until"])
    for row, c in zip(df.itertuples(), engine):
        assert (row.health, row.soa, row.title, row.counts_fail) == (c["health"], c["soa"], c["title"], c["counts"]["fail"])
        assert row.fresh == (c["health"] != "stale")
        assert row.last_observed == pd.Timestamp(c["last_observed"])
        assert row.failing == c["failing"]
        assert pd.isna(row.days_failing) if "days_failing" not in c else row.days_failing == c["days_failing"]
    by = df.set_index("control")
    assert (by.at["8.24", "health"], by.at["8.8", "health"], by.at["8.15", "health"]) == ("failing", "at_risk", "not_evaluated")
    assert by.at["7.4", "soa"] == "excluded"
    failing = summary.failing_to_pandas()
    assert len(failing) == sum(len(c["failing"]) for c in engine)
    assert list(failing["control"]) == [c["control"] for c in engine for _ in c["failing"]]
    assert list(failing["check"]) == [f["check"] for c in engine for f in c["failing"]]
    assert list(failing["severity"].cat.categories) == ["info", "low", "medium", "high", "critical"]
    c824 = summary.control("8.24")
    assert c824 is not None and c824.failing[0].resource_id == "arn:aws:s3:::nw-exports"
    assert summary.control("5.1") is None
    assert "<strong>MonitorSummary</strong>" in summary._repr_html_()


def test_coverage_frame_is_the_applicable_controls(northwind: isms.Isms) -> None:
    cov = northwind.monitor_coverage([RUN1, RUN2], AS_OF)
    d = cov.to_dict()
    df = cov.to_pandas()
    assert len(df) == cov.applicable == d["applicable"] == len(cov)
    assert sorted(df.loc[df["automated"], "control"]) == sorted(d["automated_controls"])
    assert sorted(df.loc[~df["automated"], "control"]) == sorted(d["not_automated"])
    assert df["automated"].dtype == bool and int(df["automated"].sum()) == cov.automated
    assert cov.ratio == d["automated"] / d["applicable"] and "7.4" in cov.excluded_with_results
    assert [r.control for r in cov][:2] == list(df["control"][:2])


def test_drift_frame_between_the_runs(northwind: isms.Isms) -> None:
    drift = northwind.monitor_drift(RUN1, RUN2, "2026-11-22", AS_OF)
    assert drift.started and drift.from_.isoformat() == "2026-11-22"
    df = drift.to_pandas()
    d = drift.to_dict()
    assert list(df.columns) == ["control", "change", "before", "after"]
    assert len(df) == len(drift) == sum(len(d[k]) for k in ("started_failing", "stopped_failing", "still_failing", "other_changes"))
    by = {r.control: (r.change, r.before, r.after) for r in df.itertuples()}
    assert by["8.8"][0] == "started_failing" and by["8.5"][0] == "stopped_failing"
    assert by["8.24"][0] == "still_failing"
    assert [r.control for r in drift] == [c["control"] for c in d["started_failing"]]


def test_evaluation_with_results_cites_the_tests(northwind: isms.Isms) -> None:
    plain = northwind.check(AS_OF)
    ev = northwind.evaluate(AS_OF, results=[RUN1, RUN2])
    rules = {f.rule: f for f in ev.findings if f.rule.startswith("monitoring.")}
    assert set(rules) >= {"monitoring.control_failing", "monitoring.control_at_risk", "monitoring.not_evaluated"}
    assert not any(f.rule.startswith("monitoring.") for f in plain.findings)
    assert "s3_bucket_kms_encryption" in rules["monitoring.control_failing"].message


# -- ingestion -------------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "name", "mapping"), ADAPTERS)
def test_ingest_every_adapter_sample(fmt: str, name: str, mapping: str | None) -> None:
    table = None if mapping is None else SAMPLES / mapping
    with pytest.raises(isms.InvalidArgumentError) as err:
        isms.monitor_ingest(SAMPLES / name, fmt, table)  # strict: the sample's non-result item refuses
    assert str(SAMPLES / name) in str(err.value) and "none is dropped silently" in str(err.value)
    got = isms.monitor_ingest(str(SAMPLES / name), fmt, table, strict=False)  # a str naming a file
    d = got.to_dict()
    assert len(got.rejected) == 1 and len(d["records"]) == len(got) > 0
    bad = d["rejected"][0]
    assert err.value.path.endswith(bad["field"].lstrip("$")) and (bad.get("line") or bad.get("index")) is not None
    df = got.to_pandas()
    assert list(df.columns) == list(RECORD_COLUMNS)
    assert len(df) == len(d["records"])
    assert list(df["check"]) == [r["check"] for r in d["records"]]
    assert list(df["status"]) == [r["status"] for r in d["records"]]
    assert list(df["source_tool"]) == [r["source"]["tool"] for r in d["records"]]
    assert str(df["observed_at"].dt.tz) == "UTC"
    assert [list(c) for c in df["controls"]] == [r.get("controls", []) for r in d["records"]]
    rejected = got.to_pandas("rejected")
    assert list(rejected["field"]) == [bad["field"]]
    # Text in gives the same as the file.
    text = (SAMPLES / name).read_bytes()
    assert isms.monitor_ingest(text, fmt, table, strict=False).to_json() == got.to_json()


def test_ingest_options_and_mapping_errors() -> None:
    pp = SAMPLES / "powerpipe.json"
    table = SAMPLES / "powerpipe-mapping.csv"
    got = isms.monitor_ingest(pp, "powerpipe", table, run_id="weekly-7", strict=False)
    assert {r.source.run_id for r in got.records} == {"weekly-7"}
    with pytest.raises(isms.ParseError, match="observed_at"):
        isms.monitor_ingest(pp, "powerpipe", table, observed_at="last tuesday")
    with pytest.raises(isms.InvalidArgumentError, match="mapping table has errors"):
        isms.monitor_ingest(pp, "powerpipe", "check,framework,control\nx,iso27001-2022,99.1\n")
    with pytest.raises(isms.InvalidArgumentError, match="unknown results format"):
        isms.monitor_ingest(pp, "nessus")
    with pytest.raises(isms.ParseError):
        isms.monitor_ingest("{not json", "asff")
    with pytest.raises(FileNotFoundError):
        isms.monitor_ingest(pathlib.Path("/nonexistent/results.json"), "asff")


def test_mapping_lint_issues_frame(northwind: isms.Isms) -> None:
    csv = ("tool,check,framework,control\nprowler,iam_mfa,ISO27001-2022,A.8.5\n,backup,iso27001-2013,A.12.3.1\n"
           ",legal,iso27001-2013,A.18.2.3\n,x,iso27001-2022,9.9\n")
    lint = isms.mapping_lint(csv, northwind)
    d = lint.to_dict()
    assert lint.ok is False and lint.row_count == d["rows"] == 4
    df = lint.to_pandas()
    assert list(df.columns) == ["line", "level", "code", "field", "message"] and len(df) == len(d["issues"])
    assert list(df["code"]) == [i["code"] for i in d["issues"]]
    assert {"mixed_editions", "split_2013", "unknown_control"} <= set(df["code"])
    assert df.set_index("code").at["split_2013", "line"] == 4
    assert len(lint.uncovered) == 84 and lint.issues[0].code == d["issues"][0]["code"]
    empty = isms.mapping_lint("check,framework,control\niam_mfa,iso27001-2022,8.5\n").to_pandas()
    assert len(empty) == 0 and list(empty.columns) == ["line", "level", "code", "field", "message"]


# -- bad records -----------------------------------------------------------------------------


def test_bad_records_raise_with_index_line_and_field(northwind: isms.Isms, tmp_path: pathlib.Path) -> None:
    good = records(RUN1)
    bad = [good[0], dict(good[1], status="broken"), {k: v for k, v in good[2].items() if k != "observed_at"}]
    with pytest.raises(isms.InvalidArgumentError) as err:
        northwind.monitor_summary(bad, AS_OF)
    assert err.value.path == "[1].status"
    assert "2 result record(s)" in str(err.value) and "record 2, $: missing field `observed_at`" in str(err.value)
    lines = RUN1.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace('"status":"pass"', '"status":"passed"')
    path = tmp_path / "bad.ndjson"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(isms.InvalidArgumentError) as err:
        northwind.monitor_coverage(path, AS_OF)
    assert err.value.path == "line 3: $.status" and f"{path} line 3, $.status" in str(err.value)
    with pytest.raises(isms.InvalidArgumentError, match="line 3"):
        northwind.check(AS_OF, results=[RUN1, path])
    frame = isms.monitor_ingest(RUN1, "neutral").to_pandas()
    frame.loc[4, "status"] = "green"
    with pytest.raises(isms.InvalidArgumentError) as err:
        northwind.monitor_summary(frame, AS_OF)
    assert err.value.path == "[4].status"
    with pytest.raises(FileNotFoundError, match="missing.ndjson"):
        northwind.monitor_summary(tmp_path / "missing.ndjson", AS_OF)
    with pytest.raises(isms.InvalidArgumentError, match="date"):
        northwind.monitor_summary(RUN1, "29/11/2026")


# -- streaming -------------------------------------------------------------------------------


def write_big(path: pathlib.Path, n: int) -> None:
    template = records(RUN1)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            r = dict(template[i % len(template)])
            r["resource_id"] = f"{r.get('resource_id', 'res')}-{i % 997}"
            f.write(json.dumps(r) + "\n")


def test_a_results_file_is_streamed_in_rust(northwind: isms.Isms, tmp_path: pathlib.Path) -> None:
    n = 50_000
    path = tmp_path / "big.ndjson"
    write_big(path, n)
    tracemalloc.start()
    try:
        summary = northwind.monitor_summary(path, AS_OF)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert summary.records == n
    # A Python list of 50,000 record dicts would take tens of MB; the
    # file went through the engine's stream, and only the result reached Python.
    assert peak < 2_000_000, f"Python allocated {peak} bytes reading the file"
    # And the GIL is released while it is read: another thread runs meanwhile.
    done = threading.Event()
    ticks = 0

    def worker() -> None:
        try:
            northwind.monitor_coverage(path, AS_OF)
        finally:
            done.set()

    t = threading.Thread(target=worker)
    start = time.perf_counter()
    t.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0.0005)
    t.join()
    seconds = time.perf_counter() - start
    assert seconds < 0.02 or ticks >= 5, f"main thread made {ticks} steps during a {seconds:.3f} s call"


def test_diff_with_results_equals_the_cli(cli: Cli, northwind: isms.Isms) -> None:
    drift = northwind.drift(as_of="2026-11-22", to=AS_OF, old_results=RUN1, new_results=[RUN1, RUN2])
    out = cli("diff", str(NORTHWIND), "--as-of", "2026-11-22", "--to", AS_OF, "--old-results", str(RUN1),
              "--new-results", str(RUN1), "--new-results", str(RUN2), "--json")
    assert drift.to_json() == out
    rules = {f.rule for f in drift.new_findings}
    assert {"monitoring.control_failing", "monitoring.control_at_risk", "monitoring.not_evaluated"} <= rules
    monitoring = isms.MonitorDrift(drift.to_dict()["monitoring"])  # the drift's monitoring part, as a view
    assert set(monitoring.to_pandas().set_index("control").loc[["8.8", "8.5"], "change"]) == {
        "started_failing", "stopped_failing"
    }
    with pytest.raises(TypeError, match="both"):
        northwind.drift(as_of=AS_OF, to=AS_OF, old_results=RUN1)
    with pytest.raises(isms.InvalidArgumentError, match="nothing to compare"):
        northwind.drift(as_of=AS_OF, old_results=RUN1, new_results=RUN1)


def test_notebook_views_and_dict_round_trips(northwind: isms.Isms) -> None:
    both = [RUN1, RUN2]
    results: list[Any] = [
        northwind.monitor_summary(both, AS_OF),
        northwind.monitor_coverage(both, AS_OF),
        northwind.monitor_drift(RUN1, RUN2, "2026-11-22", AS_OF),
        isms.monitor_ingest(RUN1, "neutral"),
        isms.mapping_lint(SAMPLES / "powerpipe-mapping.csv"),
    ]
    for r in results:
        assert type(r).__name__ in r._repr_html_() and type(r).__name__ in repr(r)
        view = type(r)(r.to_dict())  # rebuilt from its dict: the same frame
        assert view.to_pandas().equals(r.to_pandas()), type(r).__name__
