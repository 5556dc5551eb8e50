"""Coverage-guided fuzzing of the Python boundary: Python objects → document.

Run by `scripts/fuzz` (target `py_from_obj`) with the installed package in the
project venv, under atheris (Google's libFuzzer engine for Python; it guides
by the coverage of this file's generator and the package's Python code, the
native converter being compiled without instrumentation). Each input byte
string is decoded into a Python object, either a generated value or the
Northwind example with one value replaced, removed or added at a random
path, and given to every converter a user can reach:

- `isms._native.Document.from_obj` (pythonize + the core's strict reader),
- `isms.Isms.from_dict` (json.dumps + the core's JSON parser),
- `isms.loads` on bytes.

The oracle: a conversion either succeeds or raises an `isms.IsmsError`
subclass; any other exception is a finding (atheris prints it and stops), and
so is a crash of the interpreter (a segfault or a Rust abort kills the
process, which libFuzzer reports). A document that converts must also
survive `to_obj` → `from_obj` unchanged and be validated without an error.

    python fuzz_from_obj.py -max_total_time=60 CORPUS_DIR
"""

from __future__ import annotations

import copy
import datetime
import json
import math
import os
import sys

import atheris

with atheris.instrument_imports():
    import isms
    from isms import _native

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLE_PATH = os.environ.get(
    "ISMS_FUZZ_EXAMPLE", os.path.join(HERE, "..", "..", "..", "examples", "northwind-saas.json")
)
with open(EXAMPLE_PATH, encoding="utf-8") as f:
    EXAMPLE = json.load(f)

KEYS = sorted(
    {
        "id", "name", "owner", "kind", "status", "controls", "risks", "assets", "people",
        "soa", "entries", "settings", "methodology", "extensions", "as_of", "date",
        "schema_version", "organization", "likelihood", "impact", "$schema", "",
    }
)


class Opaque:
    """An object with no JSON form."""


def gen(fdp: atheris.FuzzedDataProvider, depth: int, ancestors: list) -> object:
    """A Python value drawn from the input, mixing JSON-like and hostile kinds."""
    if fdp.remaining_bytes() == 0:
        return None
    kind = fdp.ConsumeIntInRange(0, 21 if depth < 12 else 9)
    if kind == 0:
        return None
    if kind == 1:
        return fdp.ConsumeBool()
    if kind == 2:
        return fdp.ConsumeIntInRange(-(2**63), 2**64)
    if kind == 3:
        # Integers beyond 64 and 128 bits.
        return (-1) ** fdp.ConsumeIntInRange(0, 1) * 2 ** fdp.ConsumeIntInRange(60, 400) + fdp.ConsumeIntInRange(-5, 5)
    if kind == 4:
        return fdp.PickValueInList([math.nan, math.inf, -math.inf, 0.0, -0.0, 1e308, 5e-324, 0.1])
    if kind == 5:
        return fdp.ConsumeRegularFloat()
    if kind == 6:
        return fdp.ConsumeUnicode(fdp.ConsumeIntInRange(0, 40))  # may hold lone surrogates
    if kind == 7:
        return fdp.PickValueInList(KEYS + ["2026-01-01", "2026-1-1", " 2026-01-01", "2026-02-30", "\x1b[2J", "\u202e"])
    if kind == 8:
        return fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 16))
    if kind == 9:
        return fdp.PickValueInList(
            [datetime.date(2026, 1, 1), datetime.datetime(2026, 1, 1, 12), Opaque(), object, 1j, Ellipsis]
        )
    if kind == 10 and ancestors:
        return ancestors[fdp.ConsumeIntInRange(0, len(ancestors) - 1)]  # a cycle
    if kind == 11:
        # Deep nesting, beyond the 128-level bound.
        n = fdp.ConsumeIntInRange(100, 20000)
        v: object = None
        for _ in range(n):
            v = [v] if fdp.ConsumeBool() else {"k": v}
        return v
    if kind in (12, 13, 14):
        out: list = []
        ancestors.append(out)
        for _ in range(fdp.ConsumeIntInRange(0, 4)):
            out.append(gen(fdp, depth + 1, ancestors))
        ancestors.pop()
        return tuple(out) if kind == 14 else out
    if kind == 15:
        return {fdp.ConsumeIntInRange(0, 3) for _ in range(fdp.ConsumeIntInRange(0, 2))}  # a set
    # Dicts, mostly with string keys.
    d: dict = {}
    ancestors.append(d)
    for _ in range(fdp.ConsumeIntInRange(0, 5)):
        if fdp.ConsumeIntInRange(0, 9) == 0:
            key: object = fdp.PickValueInList([1, None, (1, 2), 2.5, b"k", True])
        else:
            key = fdp.PickValueInList(KEYS) if fdp.ConsumeBool() else fdp.ConsumeUnicode(8)
        try:
            d[key] = gen(fdp, depth + 1, ancestors)
        except TypeError:
            pass  # an unhashable key
    ancestors.pop()
    return d


def mutate(fdp: atheris.FuzzedDataProvider) -> object:
    """The example with up to three values replaced, removed or added."""
    doc = copy.deepcopy(EXAMPLE)
    for _ in range(fdp.ConsumeIntInRange(1, 3)):
        node: object = doc
        parent: object = None
        key: object = None
        for _ in range(fdp.ConsumeIntInRange(0, 6)):
            if isinstance(node, dict) and node:
                k = fdp.PickValueInList(list(node.keys()))
                parent, key, node = node, k, node[k]
            elif isinstance(node, list) and node:
                i = fdp.ConsumeIntInRange(0, len(node) - 1)
                parent, key, node = node, i, node[i]
            else:
                break
        action = fdp.ConsumeIntInRange(0, 3)
        if parent is None:
            if isinstance(doc, dict):
                doc[fdp.PickValueInList(KEYS)] = gen(fdp, 1, [doc])
            continue
        if action == 0 and isinstance(parent, dict):
            del parent[key]
        elif action == 1 and isinstance(parent, list):
            parent.insert(key, copy.deepcopy(node))  # a duplicate entity
        elif action == 2 and isinstance(node, dict):
            node[fdp.PickValueInList(KEYS)] = gen(fdp, 1, [doc, node])
        else:
            parent[key] = gen(fdp, 1, [doc])
    return doc


def check(obj: object) -> None:
    try:
        doc = _native.Document.from_obj(obj)
    except isms.IsmsError:
        doc = None
    if doc is not None:
        again = _native.Document.from_obj(doc.to_obj())
        if again.to_json() != doc.to_json():
            raise AssertionError("to_obj → from_obj changed the document")
        isms.loads(doc.to_json()).validate()
    try:
        isms.Isms.from_dict(obj)  # type: ignore[arg-type]
    except isms.IsmsError:
        pass


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    if fdp.ConsumeIntInRange(0, 9) == 0:
        try:
            isms.loads(fdp.ConsumeBytes(fdp.remaining_bytes()))
        except isms.IsmsError:
            pass
        return
    obj = mutate(fdp) if fdp.ConsumeBool() else gen(fdp, 0, [])
    check(obj)


def main() -> None:
    sys.setrecursionlimit(10000)
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
