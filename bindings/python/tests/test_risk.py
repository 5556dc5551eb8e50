"""The risk register (risk::assess)."""

from __future__ import annotations

import datetime as dt

import pytest

import isms
from bigdoc import big_document


def test_risk_assessment(small_doc: dict) -> None:
    doc = isms.Isms.from_dict(small_doc)
    reg = doc.risk_assessment(as_of=dt.date(2025, 6, 1))
    assert isinstance(reg, isms.RiskAssessment) and len(reg) == 1
    assert reg.as_of == dt.date(2025, 6, 1)
    r = reg[0]
    assert isinstance(r, isms.AssessedRisk) and r.id == "r1" and r.rank == 1
    assert r.inherent is not None and (r.inherent.likelihood, r.inherent.consequence) == (3, 4)
    assert r.residual is None
    assert r.assessed_on == dt.date(2025, 3, 1) and isinstance(r.review_due_on, dt.date)
    assert reg.by_id("r1") == r and reg.ranked() == [r] and list(reg) == [r]
    assert reg.methodology.keys()
    assert reg.to_dict()["risks"][0]["id"] == "r1"
    assert doc.risk_assessment("2025-06-01").to_dict() == reg.to_dict()
    with pytest.raises(isms.NotFoundError):
        reg.by_id("nope")
    assert "as of 2025-06-01: 1 risks" in repr(reg)
    assert "Risk assessment" in reg._repr_html_() and "CRM data leak" in reg._repr_html_()


def test_risk_register_is_the_register_not_the_assessment(small_doc: dict) -> None:
    # `isms risk register` gives the register (owners' names, controls), and so does Python.
    doc = isms.Isms.from_dict(small_doc)
    reg = doc.risk_register("2025-06-01")
    assert isinstance(reg, isms.RiskRegister) and len(reg) == 1
    row = reg[0]
    assert isinstance(row, isms.results.RegisterRow) and row.id == "r1" and row.owner_name == "Ann"
    assert "methodology" not in reg.to_dict() and set(reg.to_dict()) == {"as_of", "rows"}
    assert reg.by_id("r1") == row and reg.to_pandas()["owner_name"].tolist() == ["Ann"]
    assert reg.to_json() == doc.call("risk_register", {"as_of": "2025-06-01"})


def test_risk_register_dataframe() -> None:
    doc = isms.Isms.from_dict(big_document(n_risks=300, n_people=20, n_assets=30))
    df = doc.risk_assessment(dt.date(2025, 6, 1)).to_pandas()
    assert len(df) == 300
    assert {"id", "rank", "inherent_level", "inherent_score", "residual_level", "above_appetite"} <= set(df.columns)
    assert str(df["review_due_on"].dtype).startswith("datetime64")
    assert sorted(df["rank"].dropna().astype(int)) == list(range(1, 301))
    assert str(df["rank"].dtype) in ("int64", "Int64")  # integers, never float with NaN


def test_risk_register_errors(small_doc: dict) -> None:
    doc = isms.Isms.from_dict(small_doc)
    with pytest.raises(isms.InvalidArgumentError) as info:
        doc.risk_register("June")
    assert info.value.path == "$.as_of"
    with pytest.raises(isms.InvalidArgumentError):
        doc.risk_assessment("2025-13-01")
    small_doc["risks"][0]["inherent"]["likelihood"] = 99
    with pytest.raises(isms.ValidationError) as v:
        isms.Isms.from_dict(small_doc).risk_register(dt.date(2025, 6, 1))
    assert v.value.problems and v.value.problems[0].path.startswith("$.risks[0]")


def test_native_value_and_columns(small_doc: dict) -> None:
    v = isms.Isms.from_dict(small_doc).native.run("risk_assessment", '{"as_of": "2025-06-01"}')
    assert isinstance(v, isms._native.Value) and "object with" in repr(v)
    obj = v.to_obj()
    assert obj["risks"][0]["id"] == "r1" and v.to_json().endswith("\n")
    cols = v.columns("risks")
    assert cols["id"] == ["r1"] and cols["inherent_likelihood"] == [3]
    with pytest.raises(isms.NotFoundError):
        v.columns("nope")
    with pytest.raises(isms.NotFoundError):
        v.columns("as_of")  # not an array


def test_columns_pad_missing_cells() -> None:
    # A field present in some rows only (residual) is None elsewhere, whichever row has it first.
    doc = isms.Isms.from_dict(big_document(n_risks=4, n_people=2, n_assets=2))
    d = doc.to_dict()
    del d["risks"][0]["residual"]
    del d["risks"][3]["residual"]
    v = isms.Isms.from_dict(d).native.run("risk_assessment", '{"as_of": "2025-06-01"}')
    cols = v.columns("risks")
    assert all(len(c) == 4 for c in cols.values())
    assert cols["residual_level"][0] is None and cols["residual_level"][3] is None
    assert cols["residual_level"][1] is not None
    reg = isms.RiskAssessment(v.to_obj())  # the pure-Python path gives the same frame
    import pandas as pd

    py_df, native_df = reg.to_pandas(), isms.RiskAssessment(v).to_pandas()
    # "residual" is null when absent (NaN one way, None the other): both all missing.
    assert py_df["residual"].isna().all() and native_df["residual"].isna().all()
    def norm(df: pd.DataFrame) -> pd.DataFrame:  # missing as None, whatever the dtype
        df = df.drop(columns="residual").astype(object)
        return df.where(df.notna(), None)

    pd.testing.assert_frame_equal(norm(py_df), norm(native_df), check_like=True)


def test_columns_encoded_kinds(small_doc: dict) -> None:
    v = isms.Isms.from_dict(small_doc).native.run("risk_assessment", '{"as_of": "2025-06-01"}')
    enc = {name: (kind, payload, labels) for name, kind, payload, labels in v.columns_encoded("risks")}
    assert enc["above_appetite"][0] == "bool" and enc["above_appetite"][1] in (b"\x00", b"\x01")
    assert enc["rank"][0] == "i8" and int.from_bytes(enc["rank"][1], "little") == 1
    assert enc["id"][0] == "str" and enc["id"][2] == ["r1"] and enc["id"][1] == b"\x00\x00\x00\x00"
    assert enc["treatments"][0] == "obj" and enc["treatments"][1] == [[]]
    assert enc["residual"][0] == "obj" and enc["residual"][1] == [None]
    with pytest.raises(isms.NotFoundError):
        v.columns_encoded("nope")
