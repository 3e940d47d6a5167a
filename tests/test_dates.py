"""Tests for gongjian.contracts.dates (clause spec X09, X18)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongjian.contracts.dates import add_years, find_dates, format_chinese_date, parse_date, term_end


def _params(table):
    """Turn table rows ``(id, *values)`` into ``pytest.param`` objects with readable ids."""
    return [pytest.param(*row[1:], id=row[0]) for row in table]


D = dt.date

# (id, text, [(raw, date, error, is_blank)])
# fmt: off
FIND = [
    ("arabic-cjk",        "2025年6月18日",            [("2025年6月18日", D(2025, 6, 18), None, False)]),
    ("chinese-ling-circle", "二〇二五年六月十八日",   [("二〇二五年六月十八日", D(2025, 6, 18), None, False)]),
    ("chinese-ling",      "二零二五年六月十八日",     [("二零二五年六月十八日", D(2025, 6, 18), None, False)]),
    ("chinese-white-circle", "二○二五年十月一日",     [("二○二五年十月一日", D(2025, 10, 1), None, False)]),
    ("chinese-31",        "二〇二五年十二月三十一日", [("二〇二五年十二月三十一日", D(2025, 12, 31), None, False)]),
    ("chinese-20",        "二〇二五年一月二十日",     [("二〇二五年一月二十日", D(2025, 1, 20), None, False)]),
    ("iso",               "2025-06-18",               [("2025-06-18", D(2025, 6, 18), None, False)]),
    ("dots",              "2025.6.18",                [("2025.6.18", D(2025, 6, 18), None, False)]),
    ("slashes",           "2025/6/18",                [("2025/6/18", D(2025, 6, 18), None, False)]),
    ("full-width-cjk",    "２０２５年６月１８日",     [("２０２５年６月１８日", D(2025, 6, 18), None, False)]),
    ("full-width-iso",    "２０２５－０６－１８",     [("２０２５－０６－１８", D(2025, 6, 18), None, False)]),
    ("spaces-inside",     "2025 年 6 月 18 日",       [("2025 年 6 月 18 日", D(2025, 6, 18), None, False)]),
    ("spec-f06-feb-30",   "签署日期：2025年2月30日",  [("2025年2月30日", None, "2025年2月30日不是有效日期", False)]),
    ("feb-29-non-leap",   "2025-02-29",               [("2025-02-29", None, "2025年2月29日不是有效日期", False)]),
    ("feb-29-leap",       "2024-02-29",               [("2024-02-29", D(2024, 2, 29), None, False)]),
    ("month-13-chinese",  "二〇二五年十三月一日",
        [("二〇二五年十三月一日", None, "2025年13月1日不是有效日期", False)]),
    ("garbled-day",       "二〇二五年一月三三三日",
        [("二〇二五年一月三三三日", None, "“二〇二五年一月三三三日”不是有效日期", False)]),
    ("blank-spaces",      "甲方（盖章）\n    年    月    日", [("年    月    日", None, None, True)]),
    ("blank-underscores", "日期：____年__月__日",     [("____年__月__日", None, None, True)]),
    ("blank-ideographic", "签字：\u3000\u3000年\u3000\u3000月\u3000\u3000日",
        [("年\u3000\u3000月\u3000\u3000日", None, None, True)]),
    ("blank-no-spaces",   "日期：年月日",             [("年月日", None, None, True)]),
    ("blank-day-only",    "2025年6月  日",            [("2025年6月  日", None, None, True)]),
    ("blank-year-only",   "____年6月18日",            [("____年6月18日", None, None, True)]),
    ("no-year",           "每年3月31日前报送",        []),
    ("month-only",        "2026年6月底前",            []),
    ("years-count",       "期限为三年，自签署之日起", []),
    ("five-digit-year",   "12025年6月18日",           []),
    ("version-number",    "版本1.2.3",                []),
    ("trailing-dot",      "于2025.6.18.签署",         [("2025.6.18", D(2025, 6, 18), None, False)]),
    ("mixed-separators",  "2025-6/18",                []),
    ("range",             "自2025年7月1日起至2028年6月30日止",
        [("2025年7月1日", D(2025, 7, 1), None, False), ("2028年6月30日", D(2028, 6, 30), None, False)]),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), _params(FIND))
def test_find_dates(text, expected):
    found = find_dates(text)
    assert [(f.raw, f.date, f.error, f.is_blank) for f in found] == expected
    assert [text[f.start : f.end] for f in found] == [f.raw for f in found]


# (id, text, date)
# fmt: off
PARSE = [
    ("arabic-cjk",  "2025年6月18日",        D(2025, 6, 18)),
    ("chinese",     "二〇二五年六月十八日", D(2025, 6, 18)),
    ("iso",         "2025-06-18",           D(2025, 6, 18)),
    ("full-width",  "２０２５/６/１８",     D(2025, 6, 18)),
    ("padded",      "  2025.6.18 ",         D(2025, 6, 18)),
]
# fmt: on


@pytest.mark.parametrize(("text", "date"), _params(PARSE))
def test_parse_date(text, date):
    assert parse_date(text) == date


# (id, text, message fragment)
# fmt: off
PARSE_ERRORS = [
    ("feb-30",      "2025年2月30日",           "2025年2月30日不是有效日期"),
    ("blank",       "____年__月__日",          "未填写"),
    ("not-a-date",  "甲方",                    "不是有效的日期"),
    ("two-dates",   "2025年6月18日2025年6月19日", "不是有效的日期"),
    ("extra-text",  "于2025年6月18日",         "不是有效的日期"),
]
# fmt: on


@pytest.mark.parametrize(("text", "message"), _params(PARSE_ERRORS))
def test_parse_date_rejects(text, message):
    with pytest.raises(ValueError, match=message):
        parse_date(text)


# (id, date, years, expected)
# fmt: off
ADD_YEARS = [
    ("plain",           D(2025, 6, 18), 3,  D(2028, 6, 18)),
    ("feb-29-to-28",    D(2024, 2, 29), 1,  D(2025, 2, 28)),
    ("feb-29-to-29",    D(2024, 2, 29), 4,  D(2028, 2, 29)),
    ("negative",        D(2025, 6, 18), -1, D(2024, 6, 18)),
    ("zero",            D(2025, 6, 18), 0,  D(2025, 6, 18)),
]
# fmt: on


@pytest.mark.parametrize(("start", "years", "expected"), _params(ADD_YEARS))
def test_add_years(start, years, expected):
    assert add_years(start, years) == expected


# (id, start, years, last day of the term)
# fmt: off
TERM_END = [
    ("three-years",        D(2025, 6, 18), 3, D(2028, 6, 17)),
    ("first-of-month",     D(2025, 7, 1),  3, D(2028, 6, 30)),
    ("new-year",           D(2025, 1, 1),  1, D(2025, 12, 31)),
    ("feb-29-non-leap",    D(2024, 2, 29), 1, D(2025, 2, 28)),
    ("feb-29-leap",        D(2024, 2, 29), 4, D(2028, 2, 28)),
    ("mar-1-into-leap",    D(2023, 3, 1),  1, D(2024, 2, 29)),
    ("mar-1-non-leap",     D(2024, 3, 1),  1, D(2025, 2, 28)),
]
# fmt: on


@pytest.mark.parametrize(("start", "years", "expected"), _params(TERM_END))
def test_term_end(start, years, expected):
    assert term_end(start, years) == expected


def test_term_end_rejects_zero_years():
    with pytest.raises(ValueError, match="至少为1年"):
        term_end(D(2025, 6, 18), 0)


# fmt: off
FORMAT = [
    ("two-digit",   D(2025, 6, 18), "2025年6月18日"),
    ("one-digit",   D(2025, 1, 1),  "2025年1月1日"),
    ("december",    D(2025, 12, 31), "2025年12月31日"),
]
# fmt: on


@pytest.mark.parametrize(("date", "text"), _params(FORMAT))
def test_format_chinese_date(date, text):
    assert format_chinese_date(date) == text


@pytest.mark.parametrize("date", [D(2025, 6, 18), D(2024, 2, 29), D(2000, 1, 1)], ids=str)
def test_format_then_parse_round_trip(date):
    assert parse_date(format_chinese_date(date)) == date
