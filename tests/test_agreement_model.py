"""The agreement model: strict keys, Chinese descriptions, computed values."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from gongjian.contracts.agreement import Agreement, Dispute, Term


def _walk(model, seen=None):
    seen = seen if seen is not None else set()
    if model in seen or not hasattr(model, "model_fields"):
        return
    seen.add(model)
    yield model
    import typing

    for f in model.model_fields.values():
        for arg in (f.annotation, *typing.get_args(f.annotation)):
            for inner in (arg, *typing.get_args(arg)):
                if hasattr(inner, "model_fields"):
                    yield from _walk(inner, seen)


MODELS = list(_walk(Agreement))


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_has_a_chinese_description(model):
    undocumented = [
        name for name, f in model.model_fields.items()
        if name != "schema_version" and not (f.description and any("\u4e00" <= ch <= "\u9fff" for ch in f.description))
        and not hasattr(f.annotation, "model_fields")
    ]
    assert undocumented == []


# fmt: off
TERMS = [
    (dt.date(2026, 1, 1), 3, dt.date(2028, 12, 31)),
    (dt.date(2025, 7, 1), 3, dt.date(2028, 6, 30)),
    (dt.date(2024, 2, 29), 1, dt.date(2025, 2, 28)),
    (dt.date(2024, 3, 1), 2, dt.date(2026, 2, 28)),
]
# fmt: on


@pytest.mark.parametrize("start, years, end", TERMS, ids=[str(t[0]) for t in TERMS])
def test_term_end_is_start_plus_years_minus_one_day(start, years, end):
    assert Term(start=start, years=years).end == end


def test_dispute_needs_exactly_one_named_forum():
    assert Dispute(route="arbitration", institution="重庆仲裁委员会").institution == "重庆仲裁委员会"
    with pytest.raises(ValidationError, match="仲裁机构"):
        Dispute(route="arbitration")
    with pytest.raises(ValidationError, match="或裁或诉"):
        Dispute(route="court", court_place="甲方住所地", institution="重庆仲裁委员会")


def test_unknown_keys_are_rejected():
    with pytest.raises(ValidationError, match="Extra inputs"):
        Term(start=dt.date(2026, 1, 1), years=3, colour="red")
