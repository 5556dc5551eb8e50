"""Independent check that the examples conform to the published JSON Schema."""
import copy
import glob
import json
import os
import subprocess
import sys
import tempfile

from jsonschema import Draft202012Validator

schema = json.load(open("schema/isms.schema.json"))
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)

failed = 0
examples = sorted(glob.glob("examples/*.json"))
assert examples, "no examples found"
for path in examples:
    doc = json.load(open(path))
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    for e in errors[:20]:
        print(f"FAIL {path}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
    failed += bool(errors)
    print(f"{'ok  ' if not errors else 'FAIL'} {path}")

# Both directions: on each variant of an example, the schema and the engine
# (`isms validate`, the binary in ISMS_BIN) must agree, accepting or rejecting.
# Variants the engine rejects must be rejected by the schema (unknown field,
# bad enum, bad date, integers out of range), and what the engine accepts the
# schema must accept (a `$schema` key, the bounds themselves).
isms_bin = os.environ.get("ISMS_BIN") or os.path.join(os.environ.get("CARGO_TARGET_DIR", "target"), "debug", "isms")


def engine_accepts(doc):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(doc, f)
    try:
        r = subprocess.run([isms_bin, "validate", f.name, "--json"], capture_output=True, text=True)
    finally:
        os.unlink(f.name)
    assert r.returncode in (0, 2), f"isms validate exited {r.returncode}: {r.stderr}"
    return r.returncode == 0


base = json.load(open(examples[0]))
variants = [
    ("unknown field", False, lambda d: d["organization"].__setitem__("colour", "red")),
    ("bad enum", False, lambda d: d.setdefault("people", []).append({"id": "x", "name": "X", "external": "yes"})),
    ("bad date", False, lambda d: d["scope"].__setitem__("approved_on", "2026-02-30")),
    ("u32 above its maximum", False, lambda d: d["organization"].__setitem__("headcount", 4294967296)),
    ("negative u32", False, lambda d: d["organization"].__setitem__("headcount", -1)),
    ("a $schema key", True, lambda d: d.__setitem__("$schema", "./schema/isms.schema.json")),
    ("u32 at its maximum", True, lambda d: d["organization"].__setitem__("headcount", 4294967295)),
    ("$schema not a string", False, lambda d: d.__setitem__("$schema", 3)),
]
for name, expected, mutate in variants:
    d = copy.deepcopy(base)
    d.setdefault("scope", {})
    mutate(d)
    schema_ok, engine_ok = validator.is_valid(d), engine_accepts(d)
    if schema_ok != expected or engine_ok != expected:
        print(f"FAIL {name}: schema {'accepts' if schema_ok else 'rejects'}, "
              f"engine {'accepts' if engine_ok else 'rejects'}, expected both to {'accept' if expected else 'reject'}")
        failed += 1
    else:
        print(f"ok   schema and engine both {'accept' if expected else 'reject'} {name}")

# No published schema uses a `format` outside the JSON Schema vocabulary
# (strict validators such as ajv refuse unknown ones); each has its `$id`.
standard = {"date", "date-time", "time", "email", "uri", "uuid", "regex", "duration"}
schemas = sorted(glob.glob("schema/*.json") + glob.glob("schema/ops/*.json"))
for path in schemas:
    s = json.load(open(path))
    Draft202012Validator.check_schema(s)
    bad = set()

    def walk(v):
        if isinstance(v, dict):
            if isinstance(v.get("format"), str) and v["format"] not in standard:
                bad.add(v["format"])
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    walk(s)
    if bad or not str(s.get("$id", "")).startswith("urn:isms:schema:"):
        print(f"FAIL {path}: formats {sorted(bad)}, $id {s.get('$id')!r}")
        failed += 1
print(f"ok   {len(schemas)} schemas: standard formats only, each with its $id")


# The monitoring example's result records against schema/monitor-record.
record_schema = json.load(open("schema/monitor-record.schema.json"))
Draft202012Validator.check_schema(record_schema)
records = Draft202012Validator(record_schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
runs = sorted(glob.glob("examples/monitoring/*.ndjson"))
assert runs, "no monitoring results found"
for path in runs:
    bad = 0
    for n, line in enumerate(open(path), 1):
        if line.strip():
            for e in list(records.iter_errors(json.loads(line)))[:5]:
                print(f"FAIL {path}:{n}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
                bad += 1
    failed += bool(bad)
    print(f"{'ok  ' if not bad else 'FAIL'} {path}")
if records.is_valid({"source": {"tool": "x"}, "check": "c", "status": "failed", "observed_at": "2026-01-01T00:00:00Z"}):
    print("FAIL record schema accepts an unknown status")
    failed += 1

total = len(examples) + len(variants) + len(schemas) + len(runs) + 1
print(f"{total - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
