"""Independent check that the examples conform to the published JSON Schema."""
import copy
import glob
import json
import sys

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

# The validator must reject what the engine rejects: an unknown field, a bad
# enum value, a malformed date.
base = json.load(open(examples[0]))
for name, mutate in [
    ("unknown field", lambda d: d["organization"].__setitem__("colour", "red")),
    ("bad enum", lambda d: d.setdefault("people", []).append({"id": "x", "name": "X", "external": "yes"})),
    ("bad date", lambda d: d["scope"].__setitem__("approved_on", "2026-02-30")),
]:
    d = copy.deepcopy(base)
    d.setdefault("scope", {})
    mutate(d)
    if validator.is_valid(d):
        print(f"FAIL schema accepts a document with a {name}")
        failed += 1
    else:
        print(f"ok   schema rejects a {name}")

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

print(f"{len(examples) + len(runs) + 3 - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
