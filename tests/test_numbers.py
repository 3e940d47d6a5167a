"""Tests for gongjian.contracts.numbers: Chinese numerals, shares and ratios (clause spec §3.4, X07, X26)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from gongjian.contracts.numbers import (
    find_shares,
    format_percent,
    parse_chinese_int,
    parse_ratio,
    parse_share,
    residual,
    shares_sum_ok,
)


def _params(table):
    """Turn table rows ``(id, *values)`` into ``pytest.param`` objects with readable ids."""
    return [pytest.param(*row[1:], id=row[0]) for row in table]


# (id, text, value)
# fmt: off
CHINESE_INTS = [
    ("san",            "三",         3),
    ("shi-er",         "十二",       12),
    ("er-shi",         "二十",       20),
    ("shi",            "十",         10),
    ("yi-bai-ling-wu", "一百零五",   105),
    ("liang",          "两",         2),
    ("liang-qian",     "两千",       2000),
    ("ling",           "零",         0),
    ("ling-circle",    "〇",         0),
    ("year-ling",      "二〇二五",   2025),
    ("year-zero",      "二零二五",   2025),
    ("yi-qian-ling-yi", "一千零一",  1001),
    ("wan-ling",       "一万零五百", 10500),
    ("san-wan-wu-qian", "三万五千",  35000),
    ("san-shi-wan",    "三十万",     300000),
    ("yi-yi-er-qian-wan", "一亿二千万", 120000000),
    ("colloquial-150", "一百五",     150),
    ("colloquial-15000", "一万五",   15000),
    ("capitals",       "壹佰贰拾叁", 123),
    ("capital-ling",   "壹仟零伍",   1005),
    ("nian",           "廿五",       25),
    ("bai",            "百",         100),
    ("arabic",         "12",         12),
    ("full-width",     "１２",       12),
    ("spaces",         " 三 ",       3),
]
# fmt: on


@pytest.mark.parametrize(("text", "value"), _params(CHINESE_INTS))
def test_parse_chinese_int(text, value):
    assert parse_chinese_int(text) == value


# fmt: off
NOT_INTS = [
    ("decimal",        "三点五"),
    ("empty",          ""),
    ("word",           "甲方"),
    ("repeated-unit",  "三百四百"),
    ("digits-no-unit-mixed", "三五百"),
    ("yi-alone",       "亿"),
    ("wan-alone",      "万"),
]
# fmt: on


@pytest.mark.parametrize("text", _params(NOT_INTS))
def test_parse_chinese_int_rejects(text):
    with pytest.raises(ValueError, match="不是有效的中文整数"):
        parse_chinese_int(text)


# (id, text, share in percentage points or None)
# fmt: off
SHARES = [
    ("percent",            "60%",              Fraction(60)),
    ("percent-full-width", "６０％",           Fraction(60)),
    ("percent-decimal",    "60.5%",            Fraction(121, 2)),
    ("percent-space",      "60 %",             Fraction(60)),
    ("baifenzhi",          "百分之六十",       Fraction(60)),
    ("baifenzhi-dian",     "百分之五十五点五", Fraction(111, 2)),
    ("baifenzhi-arabic",   "百分之60",         Fraction(60)),
    ("baifenzhi-bai",      "百分之百",         Fraction(100)),
    ("cheng",              "六成",             Fraction(60)),
    ("cheng-shi",          "十成",             Fraction(100)),
    ("fraction-cn",        "三分之二",         Fraction(200, 3)),
    ("fraction-third",     "三分之一",         Fraction(100, 3)),
    ("fraction-half",      "二分之一",         Fraction(50)),
    ("qianfenzhi",         "千分之五",         Fraction(1, 2)),
    ("fraction-slash",     "2/3",              Fraction(200, 3)),
    ("fraction-slash-fw",  "２／３",           Fraction(200, 3)),
    ("yiban",              "一半",             Fraction(50)),
    ("gezhan-yiban",       "各占一半",         Fraction(50)),
    ("geban",              "各半",             Fraction(50)),
    ("pingjun",            "平均",             None),
    ("junfen",             "均分",             None),
    ("bare-number",        "60",               None),
    ("improper-fraction",  "3/2",              None),
    ("two-shares",         "60%、40%",         None),
    ("with-words",         "甲方60%",          None),
]
# fmt: on


@pytest.mark.parametrize(("text", "value"), _params(SHARES))
def test_parse_share(text, value):
    assert parse_share(text) == value


# (id, text, [(raw, value, kind, bound word)])
# fmt: off
FIND = [
    ("spec-f02",       "技术许可净收入按甲方50%、乙方30%、丙方30%的比例分配。",
        [("50%", Fraction(50), "percent", None), ("30%", Fraction(30), "percent", None),
         ("30%", Fraction(30), "percent", None)]),
    ("spec-s03-quorum", "经三分之二以上理事出席方可召开",
        [("三分之二", Fraction(200, 3), "fraction", "以上")]),
    ("spec-s02-bounds", "检出率不低于99.5%、误报率不高于0.5%",
        [("99.5%", Fraction(199, 2), "percent", "不低于"), ("0.5%", Fraction(1, 2), "percent", "不高于")]),
    ("bound-words",    "至少20%，不超过百分之三十，六成以下，不少于三分之一",
        [("20%", Fraction(20), "percent", "至少"), ("百分之三十", Fraction(30), "percent", "不超过"),
         ("六成", Fraction(60), "cheng", "以下"), ("三分之一", Fraction(100, 3), "fraction", "不少于")]),
    ("comma-not-bound", "甲方60%，以上比例为税前",
        [("60%", Fraction(60), "percent", None)]),
    ("mixed-forms",    "甲方占６０％，乙方占百分之三十，丙方一成",
        [("６０％", Fraction(60), "percent", None), ("百分之三十", Fraction(30), "percent", None),
         ("一成", Fraction(10), "cheng", None)]),
    ("gezhan-yiban",   "双方各占一半",
        [("各占一半", Fraction(50), "fraction", None)]),
    ("not-chengyuan",  "由二十成员单位组成，七成员单位同意",  []),
    ("not-bufen",      "部分之外的收益",                      []),
    ("not-date",       "签署于2025/6/18",                     []),
    ("not-ratio",      "按60:30:10分配",                      []),
    ("sanbaifenzhi",   "三百分之一，百分之一",
        [("三百分之一", Fraction(1, 3), "fraction", None), ("百分之一", Fraction(1), "percent", None)]),
    ("not-120",        "增长120%",
        [("120%", Fraction(120), "percent", None)]),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), _params(FIND))
def test_find_shares(text, expected):
    got = [(s.raw, s.value, s.kind, s.bound_word) for s in find_shares(text)]
    assert got == expected


def test_find_shares_offsets_and_is_bound():
    text = "甲方不低于６０％，乙方三分之一"
    shares = find_shares(text)
    assert [(text[s.start : s.end], s.is_bound) for s in shares] == [("６０％", True), ("三分之一", False)]


# (id, text, shares)
# fmt: off
RATIOS = [
    ("percent-ratio", "60:30:10", (Fraction(60), Fraction(30), Fraction(10))),
    ("small-ratio",   "6:3:1",    (Fraction(60), Fraction(30), Fraction(10))),
    ("full-width",    "６：４",   (Fraction(60), Fraction(40))),
    ("ratio-colon",   "1∶1",      (Fraction(50), Fraction(50))),
    ("thirds",        "1:2",      (Fraction(100, 3), Fraction(200, 3))),
    ("bi",            "三比二",   (Fraction(60), Fraction(40))),
    ("decimals",      "1.5:0.5",  (Fraction(75), Fraction(25))),
    ("zero-part",     "1:0",      (Fraction(100), Fraction(0))),
]
# fmt: on


@pytest.mark.parametrize(("text", "shares"), _params(RATIOS))
def test_parse_ratio(text, shares):
    assert parse_ratio(text) == shares


# fmt: off
BAD_RATIOS = [
    ("single",   "60"),
    ("zero-sum", "0:0"),
    ("words",    "甲:乙"),
    ("empty-part", "60::40"),
]
# fmt: on


@pytest.mark.parametrize("text", _params(BAD_RATIOS))
def test_parse_ratio_rejects(text):
    with pytest.raises(ValueError, match="比例"):
        parse_ratio(text)


# (id, values, tolerance, require_positive, ok)
# fmt: off
SUMS = [
    ("exact",              [60, 30, 10],                            Fraction(1, 100), True,  True),
    ("thirds-exact",       [Fraction(100, 3), Fraction(200, 3)],    Fraction(1, 100), True,  True),
    ("rounded-thirds",     ["33.33", "33.33", "33.34"],             Fraction(1, 100), True,  True),
    ("rounded-within-tol", ["33.33", "33.33", "33.33"],             Fraction(1, 100), True,  True),
    ("rounded-outside",    ["33.3", "33.3", "33.3"],                Fraction(1, 100), True,  False),
    ("spec-f02-110",       [50, 30, 30],                            Fraction(1, 100), True,  False),
    ("decimals",           [Decimal("55.5"), Decimal("44.5")],      Fraction(1, 100), True,  True),
    ("zero-share",         [100, 0],                                Fraction(1, 100), True,  False),
    ("zero-share-allowed", [100, 0],                                Fraction(1, 100), False, True),
    ("negative",           [110, -10],                              Fraction(1, 100), True,  False),
    ("empty",              [],                                      Fraction(1, 100), True,  False),
    ("wider-tolerance",    ["33.3", "33.3", "33.3"],                Decimal("0.1"),   True,  True),
]
# fmt: on


@pytest.mark.parametrize(("values", "tolerance", "require_positive", "ok"), _params(SUMS))
def test_shares_sum_ok(values, tolerance, require_positive, ok):
    assert shares_sum_ok(values, tolerance, require_positive=require_positive) is ok


# (id, stated values, residual)
# fmt: off
RESIDUALS = [
    ("ten",     [60, 30],            Fraction(10)),
    ("third",   [Fraction(200, 3)],  Fraction(100, 3)),
    ("zero",    [60, 40],            Fraction(0)),
    ("nothing", [],                  Fraction(100)),
    ("decimal", [Decimal("33.3")],   Fraction(667, 10)),
]
# fmt: on


@pytest.mark.parametrize(("values", "rest"), _params(RESIDUALS))
def test_residual(values, rest):
    assert residual(values) == rest


def test_residual_negative_raises():
    with pytest.raises(ValueError, match="超过100%"):
        residual([60, 50])


# (id, value, text)
# fmt: off
PERCENT_TEXT = [
    ("two-thirds", Fraction(200, 3), "66.67%"),
    ("integer",    Fraction(60),     "60%"),
    ("half",       "60.50",          "60.5%"),
    ("tiny",       Fraction(1, 1000), "0%"),
]
# fmt: on


@pytest.mark.parametrize(("value", "text"), _params(PERCENT_TEXT))
def test_format_percent(value, text):
    assert format_percent(value) == text
