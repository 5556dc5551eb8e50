"""Catalog queries."""

from __future__ import annotations

import pytest

import isms
from isms import catalog


def test_annex_a_all_and_filters() -> None:
    all_ = catalog.annex_a()
    assert len(all_) == 93
    assert all_[0].id == "5.1" and all_[-1].id == "8.34"
    assert isinstance(all_[0], catalog.Control)
    people = catalog.annex_a(theme="people")
    assert len(people) == 8 and {c.theme for c in people} == {"people"}
    prev = catalog.annex_a(attribute="#Preventive")
    assert prev and all("preventive" in c.control_types for c in prev)
    both = catalog.annex_a(theme="technological", attribute="control_type=detective")
    assert all(c.theme == "technological" and "detective" in c.control_types for c in both)
    assert all_[1:3] == [all_[1], all_[2]]


def test_annex_a_bad_arguments() -> None:
    with pytest.raises(isms.InvalidArgumentError) as info:
        catalog.annex_a(theme="cosmic")
    assert info.value.path == "$.theme" and "organizational" in info.value.reason
    with pytest.raises(isms.InvalidArgumentError):
        catalog.annex_a(attribute="#Nonsense")


def test_control_lookup() -> None:
    c = catalog.control("A.5.23")
    assert c.id == "5.23" and c.new_in_2022
    assert c.to_dict()["control_types"] == list(c.control_types)
    with pytest.raises(isms.NotFoundError) as info:
        catalog.control("9.9")
    assert info.value.id == "9.9"


def test_mappings() -> None:
    rows = catalog.mappings()
    assert len(rows) == 115
    succ = catalog.mapping_from_2013("A.18.2.3")
    assert [r.id_2022 for r in succ] and all(r.id_2013 == "A.18.2.3" for r in succ)
    pred = catalog.mapping_to_2022("5.1")
    assert {r.id_2013 for r in pred} == {"A.5.1.1", "A.5.1.2"}
    assert list(catalog.mapping_to_2022("5.7")) == []  # new in 2022
    # An id that is no control is a bad argument, with the path and the
    # expected form in the message.
    with pytest.raises(isms.InvalidArgumentError, match=r"\$\.from_2013.*A\.5\.1\.1"):
        catalog.mapping_from_2013("A.99.1")
    with pytest.raises(isms.InvalidArgumentError, match=r"\$\.to_2022"):
        catalog.mapping_to_2022("9.9")
    assert isinstance(succ[0], catalog.MappingRow) and succ[0].to_dict()["id_2013"] == "A.18.2.3"


def test_clauses() -> None:
    cl = catalog.clauses()
    assert cl[0].id == "4" and cl[0].parent is None
    assert any(c.id == "6.1.2" and c.parent == "6.1" for c in cl)
    assert isinstance(cl[0], catalog.Clause)


def test_mandatory_documents() -> None:
    docs = catalog.mandatory_documents()
    soa = next(d for d in docs if d.key == "statement_of_applicability")
    assert soa.always and soa.if_control is None and soa.clause == "6.1.3"
    conditional = [d for d in docs if not d.always]
    assert conditional and all(d.if_control for d in conditional)
    assert docs[0].to_dict()["key"] == docs[0].key


def test_catalog_to_pandas() -> None:
    df = catalog.annex_a().to_pandas()
    assert list(df["id"][:2]) == ["5.1", "5.2"] and len(df) == 93
    assert len(catalog.mappings().to_pandas()) == 115


def test_catalog_version() -> None:
    assert "27001:2022" in catalog.CATALOG_VERSION
