#!/usr/bin/env python3
"""Writes the inputs of the conformance vectors (tests/vectors/<case>/case.json,
request.json, document.json). The expected outputs are not written here: they
come from the engine, with

    UPDATE_VECTORS=1 cargo test -p isms-core --test vectors

and every runner (Rust `call`, the CLI, Python) must reproduce them byte for
byte. Run this script after adding a case; it leaves existing expected files
alone (the test reports the new cases' missing expected files until updated).
"""
import json
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "tests", "vectors")
N = "examples/northwind-saas.json"
M = "examples/minimal.json"
D = "2026-11-29"

with open(os.path.join(ROOT, N)) as f:
    NORTHWIND = json.load(f)
FAIR = next(r["fair"] for r in NORTHWIND["risks"] if "fair" in r)
SIM = {"trials": 2000, "seed": 7}

cases = {}


def case(name, op, request=None, document=None, raw_document=None, raw_request=None, cli=None):
    assert name not in cases, name
    cases[name] = dict(op=op, request=request, document=document, raw_document=raw_document,
                       raw_request=raw_request, cli=cli)


# --- operations on the bundled example, every format -----------------------
case("validate-northwind", "validate", {}, N, cli=["validate", "$DOC", "--json"])
case("validate-northwind-text", "validate", {"format": "text"}, N)
case("document-minimal-canonical", "document", {}, M)
case("evaluate-northwind-json", "evaluate", {"as_of": D}, N, cli=["check", "$DOC", "--as-of", D, "--json"])
case("evaluate-northwind-text", "evaluate", {"as_of": D, "format": "text"}, N, cli=["check", "$DOC", "--as-of", D])
for fmt in ["sarif", "junit", "github"]:
    case(f"evaluate-northwind-{fmt}", "evaluate", {"as_of": D, "format": fmt}, N,
         cli=["check", "$DOC", "--as-of", D, "--format", fmt, "--uri", "isms.json"])
case("evaluate-minimal-github-source", "evaluate", {"as_of": D, "format": "github", "source": "compliance/isms.json"}, M,
     cli=["check", "$DOC", "--as-of", D, "--format", "github", "--uri", "compliance/isms.json"])
case("evaluate-minimal-text", "evaluate", {"as_of": D, "format": "text"}, M, cli=["check", "$DOC", "--as-of", D])
# Waivers and rule settings (docs/waivers.md): one waiver in force (the
# unjustified exclusion of 7.10), one expired, one unapproved; one rule
# re-graded and one disabled.
waived = json.loads(json.dumps(NORTHWIND))
waived["waivers"] = [
    {"id": "w-7-10", "rule": "soa.exclusion_unjustified", "entity": "7.10",
     "justification": "the physical-media policy is rewritten with the new office move",
     "approver": "p-ceo", "approved_on": "2026-11-01", "expires_on": "2027-01-31"},
    {"id": "w-old", "rule": "assets.no_owner", "justification": "owners pending the reorganisation",
     "approver": "p-ceo", "approved_on": "2026-06-01", "expires_on": "2026-10-31"},
    {"id": "w-draft", "rule": "controls.no_evidence", "justification": "evidence export in progress",
     "expires_on": "2027-03-31"},
]
waived.setdefault("settings", {})["rules"] = [
    {"rule": "controls.not_planned", "severity": "info", "reason": "planning is tracked in the roadmap tool"},
    {"rule": "documents.unsafe_text", "disabled": True, "reason": "text is sanitised on export"},
]
WAIVED = json.dumps(waived, indent=2) + "\n"
case("evaluate-waivers-json", "evaluate", {"as_of": D}, raw_document=WAIVED, cli=["check", "$DOC", "--as-of", D, "--json"])
case("evaluate-waivers-text", "evaluate", {"as_of": D, "format": "text"}, raw_document=WAIVED,
     cli=["check", "$DOC", "--as-of", D])
case("evaluate-waivers-sarif", "evaluate", {"as_of": D, "format": "sarif"}, raw_document=WAIVED,
     cli=["check", "$DOC", "--as-of", D, "--format", "sarif", "--uri", "isms.json"])
case("verdict-northwind-default", "verdict", {"as_of": D}, N)
case("verdict-northwind-major-text", "verdict", {"as_of": D, "fail_on": "major", "format": "text"}, N)
case("drift-dates-json", "drift", {"as_of": D, "to": "2027-03-01"}, N,
     cli=["diff", "$DOC", "--as-of", D, "--to", "2027-03-01", "--json"])
case("drift-dates-text", "drift", {"as_of": D, "to": "2027-03-01", "format": "text"}, N,
     cli=["diff", "$DOC", "--as-of", D, "--to", "2027-03-01"])
newer = json.loads(json.dumps(NORTHWIND))
for e in newer["soa"]["entries"]:
    if e["control"].lstrip("A.") == "7.4":
        e["applicable"] = True
        e.pop("justification", None)
        e["reasons"] = ["risk_treatment"]
case("drift-newer-document-text", "drift", {"as_of": D, "newer": newer, "format": "text"}, N)
case("risk-assessment-json", "risk_assessment", {"as_of": D}, N)
case("risk-register-json", "risk_register", {"as_of": D}, N,
     cli=["risk", "register", "$DOC", "--as-of", D, "--format", "json"])
case("risk-register-csv", "risk_register", {"as_of": D, "format": "csv"}, N,
     cli=["risk", "register", "$DOC", "--as-of", D, "--format", "csv"])
case("risk-register-markdown", "risk_register", {"as_of": D, "format": "markdown"}, N,
     cli=["risk", "register", "$DOC", "--as-of", D])
case("heatmap-json", "heatmap", {"as_of": D}, N, cli=["risk", "heatmap", "$DOC", "--as-of", D, "--json"])
case("heatmap-svg-inherent", "heatmap", {"as_of": D, "format": "svg"}, N,
     cli=["risk", "heatmap", "$DOC", "--as-of", D, "--svg", "-"])
case("heatmap-svg-residual", "heatmap", {"as_of": D, "residual": True, "format": "svg"}, N,
     cli=["risk", "heatmap", "$DOC", "--as-of", D, "--residual", "--svg", "-"])
case("treatment-plan-json", "treatment_plan", {"as_of": D}, N)
case("treatment-plan-text", "treatment_plan", {"as_of": D, "format": "text"}, N)
case("simulate-document-json", "simulate", {"options": SIM}, N,
     cli=["simulate", "$DOC", "--years", "2000", "--seed", "7", "--json"])
case("simulate-document-text", "simulate", {"options": SIM, "format": "text"}, N,
     cli=["simulate", "$DOC", "--years", "2000", "--seed", "7"])
case("simulate-one-risk", "simulate", {"risk": "r-ransomware", "options": SIM}, N)
case("simulate-unknown-risk", "simulate", {"risk": "r-nope", "options": SIM}, N)
case("simulate-model", "simulate_model", {"model": FAIR, "options": {**SIM, "tolerance": 500000.0}})
case("simulate-portfolio", "simulate_portfolio",
     {"risks": [{"id": "a", "model": FAIR}, {"id": "b", "model": FAIR}], "options": SIM})
after = json.loads(json.dumps(FAIR))
after["primary_loss"] = {"kind": "pert", "min": 40000.0, "mode": 120000.0, "max": 700000.0}
case("compare", "compare", {"before": FAIR, "after": after, "annual_cost": 50000.0, "options": SIM})
case("rosi", "rosi", {"model": FAIR, "controls": [
    {"name": "EDR", "tef_reduction": 0.3, "annual_cost": 40000.0},
    {"name": "backups", "primary_loss_reduction": 0.5, "annual_cost": 20000.0}], "options": SIM})
case("analytic-mean", "analytic_mean", {"model": FAIR})
case("soa-json", "soa", {"as_of": D}, N, cli=["soa", "$DOC", "--as-of", D, "--format", "json"])
case("soa-csv", "soa", {"as_of": D, "format": "csv"}, N, cli=["soa", "$DOC", "--as-of", D, "--format", "csv"])
case("soa-markdown", "soa", {"as_of": D, "format": "md"}, N, cli=["soa", "$DOC", "--as-of", D])
case("soa-html", "soa", {"as_of": D, "format": "html"}, N, cli=["soa", "$DOC", "--as-of", D, "--format", "html"])
case("soa-diff-json", "soa_diff", {"newer": newer}, N)
case("soa-diff-text", "soa_diff", {"newer": newer, "format": "text"}, N)
case("calendar-json", "calendar", {"from": D, "to": "2027-11-29"}, N,
     cli=["schedule", "$DOC", "--from", D, "--to", "2027-11-29", "--json"])
case("calendar-text", "calendar", {"from": D, "format": "text"}, N, cli=["schedule", "$DOC", "--from", D])
case("calendar-ical", "calendar", {"from": D, "to": "2027-11-29", "format": "ical"}, N,
     cli=["schedule", "$DOC", "--from", D, "--to", "2027-11-29", "--ics", "-"])
case("certification-cycle-json", "certification_cycle", {"as_of": D}, N,
     cli=["schedule", "$DOC", "--from", D, "--view", "cycle", "--json"])
case("certification-cycle-text", "certification_cycle", {"as_of": D, "format": "text"}, N,
     cli=["schedule", "$DOC", "--from", D, "--view", "cycle"])
case("audit-programme-json", "audit_programme", {"as_of": D}, N)
case("audit-programme-text", "audit_programme", {"as_of": D, "format": "text"}, N,
     cli=["schedule", "$DOC", "--from", D, "--view", "programme"])
case("audit-duration-json", "audit_duration", {"as_of": D}, N)
case("audit-duration-text", "audit_duration", {"as_of": D, "format": "text"}, N,
     cli=["schedule", "$DOC", "--from", D, "--view", "duration"])
case("management-review-plan", "management_review_plan", {"from": D, "to": "2028-11-29"}, N)
case("nc-report-json", "nc_report", {"as_of": D}, N, cli=["nc", "$DOC", "list", "--as-of", D, "--json"])
case("nc-report-text", "nc_report", {"as_of": D, "format": "text"}, N, cli=["nc", "$DOC", "list", "--as-of", D])
case("nc-show-json", "nc_show", {"id": "nc-03", "as_of": D}, N,
     cli=["nc", "$DOC", "show", "nc-03", "--as-of", D, "--json"])
case("nc-show-text", "nc_show", {"id": "nc-03", "as_of": D, "format": "text"}, N,
     cli=["nc", "$DOC", "show", "nc-03", "--as-of", D])
case("nc-show-unknown-id", "nc_show", {"id": "nc-99", "as_of": D}, N)
case("nc-transition-correct", "nc_transition", {"id": "nc-01", "action": {
    "action": "correct", "description": "Access revoked and reviewed", "on": D, "by": "p-ciso"}}, N)
case("nc-transition-not-allowed", "nc_transition", {"id": "nc-04", "action": {
    "action": "correct", "description": "again", "on": D, "by": "p-ciso"}}, N)
case("nc-transition-unknown-person", "nc_transition", {"id": "nc-01", "action": {
    "action": "correct", "description": "x", "on": D, "by": "p-ghost"}}, N)
case("roadmap-json", "roadmap", {"as_of": D}, N, cli=["roadmap", "$DOC", "--as-of", D, "--json"])
case("roadmap-text", "roadmap", {"as_of": D, "format": "text"}, N, cli=["roadmap", "$DOC", "--as-of", D])
case("roadmap-mermaid", "roadmap", {"as_of": D, "format": "mermaid"}, N,
     cli=["roadmap", "$DOC", "--as-of", D, "--mermaid"])
case("report-html", "report", {"as_of": D, "format": "html"}, N, cli=["report", "$DOC", "--as-of", D, "--html", "-"])
case("report-minimal-html", "report", {"as_of": D, "format": "html"}, M)

# --- catalogs, schemas, the table -------------------------------------------
case("catalog-annex-a-text", "catalog_annex_a", {"format": "text"}, cli=["catalog", "annex-a"])
case("catalog-annex-a-people-json", "catalog_annex_a", {"theme": "people"},
     cli=["catalog", "annex-a", "--theme", "people", "--json"])
case("catalog-annex-a-attribute", "catalog_annex_a", {"attribute": "#Corrective", "format": "text"},
     cli=["catalog", "annex-a", "--attribute", "#Corrective"])
case("catalog-annex-a-bad-theme", "catalog_annex_a", {"theme": "cosmic"})
case("catalog-control", "catalog_control", {"id": "A.8.16"})
case("catalog-control-unknown", "catalog_control", {"id": "9.99"})
case("catalog-mapping-from-2013", "catalog_mapping", {"from_2013": "A.18.2.3", "format": "text"},
     cli=["catalog", "mapping", "--from-2013", "A.18.2.3"])
case("catalog-mapping-new-in-2022", "catalog_mapping", {"to_2022": "5.7", "format": "text"},
     cli=["catalog", "mapping", "--to-2022", "5.7"])
case("catalog-mapping-unknown-2013", "catalog_mapping", {"from_2013": "A.99.1"})
case("catalog-clauses-text", "catalog_clauses", {"format": "text"}, cli=["catalog", "clauses"])
case("catalog-documents-json", "catalog_documents", {}, cli=["catalog", "documents", "--json"])
case("catalog-rules-markdown", "catalog_rules", {"format": "markdown"})
case("catalog-rules-json", "catalog_rules", {})
case("catalog-audit-time", "catalog_audit_time", {})
case("methodology-preset-5x5", "methodology_preset", {"preset": "iso27005_5x5"})
case("schemas-text", "schemas", {"format": "text"}, cli=["schema", "--list"])
case("schema-error", "schema", {"name": "error"}, cli=["schema", "error"])
case("schema-unknown", "schema", {"name": "nope"})
case("operations", "operations", {})

# --- continuous monitoring (examples/monitoring, issue 14) ---------------------
def ndjson(path):
    with open(os.path.join(ROOT, path)) as f:
        return [json.loads(line) for line in f if line.strip()]


RUN1 = ndjson("examples/monitoring/run-2026-11-20.ndjson")
RUN2 = ndjson("examples/monitoring/run-2026-11-27.ndjson")
case("evaluate-northwind-results-text", "evaluate", {"as_of": D, "results": RUN1 + RUN2, "format": "text"}, N)
case("report-northwind-results-html", "report", {"as_of": D, "results": RUN1 + RUN2, "format": "html"}, N)
case("monitor-summary-northwind-json", "monitor_summary", {"as_of": D, "results": RUN1 + RUN2}, N)
case("monitor-summary-northwind-text", "monitor_summary", {"as_of": D, "results": RUN1 + RUN2, "format": "text"}, N)
case("monitor-coverage-northwind-text", "monitor_coverage", {"as_of": D, "results": RUN2, "format": "text"}, N)
case("monitor-drift-northwind-text", "monitor_drift",
     {"from": "2026-11-22", "to": D, "results": RUN1, "newer_results": RUN2, "format": "text"}, N)
with open(os.path.join(ROOT, "core/tests/monitor/asff.json")) as f:
    ASFF = f.read()
case("monitor-ingest-asff", "monitor_ingest", {"input_format": "asff", "input": ASFF})
case("mapping-lint-text", "mapping_lint", {
    "csv": "tool,check,framework,control\nprowler,iam_root_mfa_enabled,ISO27001-2022,A.8.5\n"
           ",backup_plan,iso27001-2013,A.12.3.1\n,legal,iso27001-2013,A.18.2.3\n,bogus,iso27001-2022,9.9\n",
    "format": "text"})
case("error-monitor-bad-record", "monitor_summary",
     {"as_of": D, "results": [dict(RUN1[0], status="failed")]}, N)

# --- request errors -----------------------------------------------------------
case("error-unknown-operation", "no_such_operation", {})
case("error-unknown-request-field", "evaluate", {"as_of": D, "asof": D}, N)
case("error-missing-as-of", "evaluate", {}, N)
case("error-as-of-wrong-type", "evaluate", {"as_of": 20261129}, N)
case("error-impossible-as-of", "evaluate", {"as_of": "2026-02-30"}, N)
case("error-unknown-format", "evaluate", {"as_of": D, "format": "pdf"}, N)
case("error-format-not-offered", "heatmap", {"as_of": D, "format": "text"}, N)
case("error-needs-document", "evaluate", {"as_of": D})
case("error-request-not-object", "catalog_clauses", raw_request="[1, 2]")
case("error-request-not-json", "catalog_clauses", raw_request="{as_of: 2026}")
case("error-drift-nothing-to-compare", "drift", {"as_of": D}, N)
case("error-negative-trials", "simulate_model", {"model": FAIR, "options": {"trials": -5}})
case("error-huge-trials", "simulate_model", {"model": FAIR, "options": {"trials": 10**15}})
case("error-programme-too-many-audits", "audit_programme", {"as_of": D, "options": {"audits": 10**9}}, N)
case("error-review-plan-range-too-long", "management_review_plan", {"from": D, "to": "2226-11-29"}, N)
case("error-calendar-range-reversed", "calendar", {"from": D, "to": "2025-01-01"}, N)
case("error-model-min-above-max", "simulate_model", {"model": {**FAIR, "primary_loss": {
    "kind": "pert", "min": 9.0, "mode": 5.0, "max": 1.0}}, "options": SIM})

# --- hostile documents --------------------------------------------------------
case("hostile-not-json", "evaluate", {"as_of": D}, raw_document="this is not json\n")
case("hostile-truncated", "evaluate", {"as_of": D}, raw_document='{"schema_version": "1.0", "organiz')
case("hostile-empty-array", "evaluate", {"as_of": D}, raw_document="[]")
case("hostile-positional-array", "evaluate", {"as_of": D}, raw_document='["1.0", ["A"]]')
case("hostile-date-not-iso", "evaluate", {"as_of": D},
     raw_document='{"schema_version": "1.0", "organization": {"name": "A"}, '
                  '"people": [{"id": "p", "name": "P", "start_date": "2026-1-1"}]}')
case("error-request-date-not-iso", "evaluate", {"as_of": " 2026-11-29"}, M)
case("hostile-wrong-types", "evaluate", {"as_of": D},
     raw_document='{"schema_version": "1.0", "organization": {"name": 42}}')
case("hostile-dangling-ids", "evaluate", {"as_of": D}, raw_document=json.dumps({
    "schema_version": "1.0", "organization": {"name": "Dangling"},
    "risks": [{"id": "r1", "title": "t", "owner": "nobody", "assets": ["a-missing"]}]}, indent=2))
case("hostile-impossible-date", "evaluate", {"as_of": D}, raw_document=json.dumps({
    "schema_version": "1.0", "organization": {"name": "Dates"},
    "certification": {"stage1_on": "2026-02-30"}}, indent=2))
case("hostile-huge-number", "evaluate", {"as_of": D}, raw_document=
     '{"schema_version": "1.0", "organization": {"name": "Huge"}, "settings": {"warning_window_days": '
     '123456789012345678901234567890}}')
case("hostile-deep-nesting", "evaluate", {"as_of": D}, raw_document=
     '{"schema_version": "1.0", "organization": {"name": "Deep"}, "extensions": {"x": '
     + "[" * 10000 + "]" * 10000 + "}}")
case("hostile-nan-literal", "evaluate", {"as_of": D}, raw_document=
     '{"schema_version": "1.0", "organization": {"name": "NaN"}, "extensions": {"x": NaN}}')
case("hostile-duplicate-key", "evaluate", {"as_of": D}, raw_document=
     '{"schema_version": "1.0", "organization": {"name": "A"}, "organization": {"name": "B"}}')
case("hostile-duplicate-extension-key", "evaluate", {"as_of": D}, raw_document=
     '{"schema_version": "1.0", "organization": {"name": "A", "extensions": {"vendor": {"id": 1, "id": 2}}}}')
case("hostile-positional-struct", "evaluate", {"as_of": D}, raw_document=
     '{"schema_version": "1.0", "organization": {"name": "A"}, "people": [["p1", "Ann"]]}')
# Vendor numbers beyond 64 bits and long decimals come back with their exact text.
case("extensions-exact-numbers", "document", {}, raw_document=
     '{"schema_version": "1.0", "organization": {"name": "A", "extensions": {"big": 123456789012345678901234567890, '
     '"dec": 0.1000000000000000000000000001, "neg": -0, "e": 1E+400}}}')
case("hostile-unicode-ids-text", "evaluate", {"as_of": D, "format": "text"}, raw_document=json.dumps({
    "schema_version": "1.0", "organization": {"name": "Ünïcødé 株式会社 \u202eevil\u202c"},
    "people": [{"id": "p-δ", "name": "Zoë \u001b[2J"}],
    "assets": [{"id": "资产-1", "name": "Datenbank \u001b[31mred", "kind": "information", "owner": "p-δ"}]},
    indent=2, ensure_ascii=False))
case("hostile-unknown-field", "evaluate", {"as_of": D},
     raw_document='{"schema_version": "1.0", "organization": {"name": "x"}, "orgnization": {}}')
case("hostile-wrong-schema-version", "validate", {}, raw_document='{"schema_version": "9.9", "organization": {"name": "x"}}')


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, c in cases.items():
        d = os.path.join(OUT, name)
        os.makedirs(d, exist_ok=True)
        meta = {"operation": c["op"]}
        if c["document"]:
            meta["document"] = c["document"]
        if c["cli"]:
            meta["cli"] = c["cli"]
        write(os.path.join(d, "case.json"), json.dumps(meta, indent=2) + "\n")
        request = c["raw_request"] if c["raw_request"] is not None else json.dumps(c["request"] or {}, indent=2) + "\n"
        write(os.path.join(d, "request.json"), request)
        if c["raw_document"] is not None:
            write(os.path.join(d, "document.json"), c["raw_document"])
    stale = sorted(set(os.listdir(OUT)) - set(cases))
    if stale:
        print("cases not defined here any more (delete them if intended):", ", ".join(stale), file=sys.stderr)
    print(f"{len(cases)} cases in {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
