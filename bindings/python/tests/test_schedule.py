"""Calendar, certification cycle, nonconformity report and transitions."""

from __future__ import annotations

import datetime as dt
import pathlib

import pytest

import isms

NORTHWIND = pathlib.Path(__file__).resolve().parents[3] / "examples" / "northwind-saas.json"


@pytest.fixture(scope="module")
def northwind() -> isms.Isms:
    return isms.load(NORTHWIND)


def test_calendar(northwind: isms.Isms) -> None:
    cal = northwind.calendar(dt.date(2026, 11, 29), dt.date(2027, 12, 31))
    assert isinstance(cal, isms.Calendar) and len(cal) > 10
    assert cal.start == dt.date(2026, 11, 29) and cal.end == dt.date(2027, 12, 31)
    first = cal.items[0]
    assert isinstance(first.date, dt.date) and first.kind and first.key
    dates = [i.date for i in cal]
    assert dates == sorted(dates) and cal[0] == first
    df = cal.to_pandas()
    assert len(df) == len(cal) and str(df["date"].dtype).startswith("datetime64")
    assert "entity_id" in df.columns or any(c.startswith("entity_") for c in df.columns)
    assert northwind.schedule("2026-11-29", "2027-12-31").to_dict() == cal.to_dict()
    assert cal.to_json().endswith("\n") and "Calendar" in cal._repr_html_() and "items" in repr(cal)
    with pytest.raises(isms.InvalidArgumentError) as info:
        northwind.calendar(dt.date(2027, 1, 1), dt.date(2026, 1, 1))
    assert info.value.path == "$.to"


def test_certification_cycle_and_nc_report(northwind: isms.Isms) -> None:
    cyc = northwind.certification_cycle(dt.date(2026, 11, 29))
    assert isinstance(cyc, isms.CertificationCycle) and cyc.as_of == dt.date(2026, 11, 29)
    assert isinstance(cyc.state, str) and len(cyc.to_pandas()) == len(cyc)
    rep = northwind.nc_report(dt.date(2026, 11, 29))
    assert isinstance(rep, isms.NcReport) and len(rep) == 5
    assert rep.open == sum(1 for n in rep if n.open)
    assert set(rep.to_pandas()["id"]) == {f"nc-0{i}" for i in range(1, 6)}


def test_nc_transition(northwind: isms.Isms) -> None:
    on = dt.date(2026, 11, 20)
    after = northwind.nc_transition("nc-01", "correct", description="Access revoked", on=on, by="p-isms")
    assert after != northwind  # a new document; the old one is unchanged
    states = {n["id"]: n["state"] for n in after.to_dict()["nonconformities"]}
    assert states["nc-01"] == "corrected"
    assert {n["id"]: n["state"] for n in northwind.to_dict()["nonconformities"]}["nc-01"] == "raised"
    assert after.validate() == []


def test_nc_transition_errors(northwind: isms.Isms) -> None:
    with pytest.raises(isms.TransitionError) as info:
        northwind.nc_transition("nc-04", "close", on=dt.date(2026, 11, 20), by="p-isms")
    e = info.value
    assert (e.id, e.state, e.action, e.code) == ("nc-04", "closed", "close", "transition_not_allowed")
    with pytest.raises(isms.NotFoundError) as nf:
        northwind.nc_transition("nc-99", "close", on=dt.date(2026, 11, 20), by="p-isms")
    assert nf.value.id == "nc-99"
    with pytest.raises(isms.ParseError):
        northwind.nc_transition("nc-01", "correct", on=dt.date(2026, 11, 20))  # no description, no by
    with pytest.raises(isms.ParseError):
        northwind.nc_transition("nc-01", "teleport", on=dt.date(2026, 11, 20), by="p-isms")
