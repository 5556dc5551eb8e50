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

print(f"{len(examples) + 3 - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
