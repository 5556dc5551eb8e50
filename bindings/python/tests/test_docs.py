"""Every public name of the package has a docstring."""

from __future__ import annotations

import inspect

import isms
from isms import catalog, errors, plot, results


def test_every_public_name_is_documented() -> None:
    missing = []
    for mod in (isms, catalog, errors, results, plot):
        assert mod.__doc__, mod.__name__
        for name in getattr(mod, "__all__", []):
            obj = getattr(mod, name)
            if inspect.isclass(obj) or inspect.isfunction(obj):
                if not inspect.getdoc(obj):
                    missing.append(f"{mod.__name__}.{name}")
                if inspect.isclass(obj):
                    for attr, member in vars(obj).items():
                        if attr.startswith("_") or not (inspect.isfunction(member) or isinstance(member, (property, classmethod))):
                            continue
                        if not inspect.getdoc(member):
                            missing.append(f"{mod.__name__}.{name}.{attr}")
    assert not missing, missing
