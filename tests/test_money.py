"""Tests for gongjian.contracts.money: the test-pair table of clause spec §3.3 and more."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongjian.contracts.money import (
    find_amount_pairs,
    format_capital_amount,
    parse_arabic_amount,
    parse_capital_amount,
)


def _params(table):
    """Turn table rows ``(id, *values)`` into ``pytest.param`` objects with readable ids."""
    return [pytest.param(*row[1:], id=row[0]) for row in table]


NO_RMB = "缺少“人民币”前缀"
NO_ZHENG = "“元”后缺少“整”字"

# outcome: "match" (values equal, no style problem), "mismatch" (values differ),
# "style-warning" (values equal, style problem, only legal capitals used),
# "style-error" (values equal, lower-case / irregular characters used as 大写).
# (id, capital, numeral, outcome, style_errors)
# fmt: off
SPEC_PAIRS = [
    ("spec-1409.50",          "人民币壹仟肆佰零玖元伍角",       "¥1,409.50",       "match", ()),
    ("spec-6007.14",          "人民币陆仟零柒元壹角肆分",       "¥6,007.14",       "match", ()),
    ("spec-1680.32-no-ling",  "人民币壹仟陆佰捌拾元叁角贰分",   "¥1,680.32",       "match", ()),
    ("spec-107000.53",        "人民币壹拾万零柒仟元伍角叁分",   "¥107,000.53",     "match", ()),
    ("spec-16409.02",         "人民币壹万陆仟肆佰零玖元零贰分", "¥16,409.02",      "match", ()),
    ("spec-60000000",         "人民币陆仟万元整",               "¥60,000,000.00",  "match", ()),
    ("spec-105000000",        "人民币壹亿零伍佰万元整",         "¥105,000,000.00", "match", ()),
    # The spec table says "match"; by the spec's own style rules the missing 人民币 is a warning.
    ("spec-dian-wanyuan",     "伍佰叁拾叁点壹贰万元",           "533.12万元",      "style-warning", (NO_RMB,)),
    ("spec-mismatch-f03",     "人民币叁佰伍拾万元整",           "¥3,050,000.00",   "mismatch", ()),
    ("spec-missing-zheng",    "人民币壹佰万元",                 "¥1,000,000.00",   "style-warning", (NO_ZHENG,)),
    ("spec-lowercase-f15",    "人民币一百万元整",               "¥1,000,000.00",   "style-error",
        ("大写金额使用了小写数字“一”", "大写金额使用了小写数字“百”")),
]

MORE_PAIRS = [
    ("1680.32-with-ling",     "人民币壹仟陆佰捌拾元零叁角贰分", "¥1,680.32",       "match", ()),
    ("107000.53-no-ling",     "人民币壹拾万柒仟元伍角叁分",     "¥107,000.53",     "match", ()),
    ("zheng-as-zheng2",       "人民币陆仟万元正",               "6000万元",        "match", ()),
    ("yuan-as-yuan2",         "人民币壹仟圆整",                 "1000元",          "match", ()),
    ("traditional",           "人民币貳萬陸仟圓整",             "¥26,000",         "match", ()),
    ("traditional-san",       "人民币參佰叄拾萬元整",           "330万元",         "match", ()),
    ("traditional-yi",        "人民币壹億元整",                 "1亿元",           "match", ()),
    ("jiao-with-zheng",       "人民币壹仟肆佰零玖元伍角整",     "¥1,409.50",       "match", ()),
    ("dian-yiyuan",           "人民币壹点伍亿元",               "1.5亿元",         "match", ()),
    ("dian-with-zheng",       "人民币伍佰叁拾叁点壹贰万元整",   "¥5,331,200.00",   "match", ()),
    ("mixed-units",           "人民币叁仟陆佰万元整",           "3600万元",        "match", ()),
    ("wan-ling-yi",           "人民币壹亿零壹万元整",           "¥100,010,000",    "match", ()),
    ("wanyi",                 "人民币壹万亿元整",               "¥1,000,000,000,000", "match", ()),
    ("only-fen",              "人民币伍分",                     "¥0.05",           "match", ()),
    ("zero",                  "人民币零元整",                   "¥0.00",           "match", ()),
    ("with-daxie-label",      "人民币（大写）壹仟元整",         "1,000元",         "match", ()),
    ("full-width-numeral",    "人民币陆仟万元整",               "￥６０,０００,０００.００", "match", ()),
    ("bare-shi-start",        "人民币拾伍万元整",               "¥150,000",        "style-warning",
        ("“拾”前缺少“壹”，应写作“壹拾”",)),
    ("fen-after-zheng",       "人民币壹万陆仟肆佰零玖元零贰分整", "¥16,409.02",    "style-warning",
        ("“分”后不应有“整”字",)),
    ("missing-ling-jiao",     "人民币壹佰元贰分",               "¥100.02",         "style-warning",
        ("角位为零时“元”后应写“零”",)),
    ("missing-ling-gap",      "人民币壹万伍元整",               "¥10,005",         "style-warning",
        ("“万伍”之间缺少“零”，数位不明确",)),
    ("missing-rmb-and-zheng", "叁佰万元",                       "300万元",         "style-warning", (NO_RMB, NO_ZHENG)),
    ("dian-with-yuan",        "人民币伍点伍元",                 "5.5元",           "style-warning",
        ("“点”只用于以万元或亿元为单位的金额",)),
    ("liang",                 "人民币两万元整",                 "¥20,000",         "style-error",
        ("大写金额使用了小写数字“两”",)),
    ("mao",                   "人民币叁拾元伍毛",               "¥30.50",          "style-error",
        ("大写金额使用了不规范的字“毛”（应为“角”）",)),
    ("nian",                  "人民币廿元整",                   "¥20",             "style-error",
        ("大写金额使用了不规范的字“廿”（应为“贰拾”）",)),
    ("lowercase-ling",        "人民币壹仟〇伍元整",             "¥1,005",          "style-error",
        ("大写金额使用了小写数字“〇”",)),
    ("mismatch-jiao",         "人民币壹仟肆佰零玖元伍角",       "¥1,409.05",       "mismatch", ()),
    ("mismatch-wan-unit",     "人民币叁仟万元整",               "3000元",          "mismatch", ()),
]
# fmt: on

ALL_PAIRS = SPEC_PAIRS + MORE_PAIRS


@pytest.mark.parametrize(("capital", "numeral", "outcome", "style"), _params(ALL_PAIRS))
def test_capital_vs_numeral(capital, numeral, outcome, style):
    parsed = parse_capital_amount(capital)
    same = parsed.value == parse_arabic_amount(numeral)
    assert same is (outcome != "mismatch")
    assert parsed.style_errors == style
    assert parsed.is_strict is (outcome != "style-error")
    assert bool(parsed.style_errors) is (outcome in ("style-warning", "style-error"))


# (id, text) — not capital amounts at all
# fmt: off
NOT_CAPITALS = [
    ("party",           "甲方"),
    ("empty",           ""),
    ("rmb-only",        "人民币"),
    ("zheng-only",      "元整"),
    ("digits-no-unit",  "壹贰元"),
    ("no-yuan",         "壹佰万"),
    ("unit-no-digit",   "佰元"),
    ("repeated-unit",   "壹佰贰佰元"),
    ("wrong-order",     "壹拾贰佰元"),
    ("double-yuan",     "壹元贰元"),
    ("arabic-inside",   "壹仟0伍元整"),
    ("bad-fraction",    "壹元伍分贰角"),
    ("zheng-inside",    "壹佰整元"),
    ("ling-unit",       "壹仟零佰元"),
    ("bad-dian",        "伍点万元"),
]
# fmt: on


@pytest.mark.parametrize("text", _params(NOT_CAPITALS))
def test_parse_capital_amount_rejects(text):
    with pytest.raises(ValueError, match="不是有效的大写金额"):
        parse_capital_amount(text)


# (id, text, value in 元)
# fmt: off
ARABIC = [
    ("yen-grouped",      "¥60,000,000.00", Decimal("60000000")),
    ("fullwidth-yen",    "￥1,409.50",     Decimal("1409.50")),
    ("wanyuan-decimal",  "533.12万元",     Decimal("5331200")),
    ("wanyuan",          "3000万元",       Decimal("30000000")),
    ("yiyuan",           "1.5亿元",        Decimal("150000000")),
    ("yuan",             "60000000元",     Decimal("60000000")),
    ("fullwidth-digits", "６０００万元",   Decimal("60000000")),
    ("rmb-prefix",       "人民币1,000元",  Decimal("1000")),
    ("bare-number",      "1409.5",         Decimal("1409.5")),
    ("wan-only",         "30万",           Decimal("300000")),
    ("spaces",           "¥ 1,000.00 元",  Decimal("1000")),
    ("rmb-latin",        "RMB 5,000",      Decimal("5000")),
]
# fmt: on


@pytest.mark.parametrize(("text", "value"), _params(ARABIC))
def test_parse_arabic_amount(text, value):
    assert parse_arabic_amount(text) == value


# fmt: off
NOT_ARABIC = [
    ("bad-grouping", "1,00,000元"),
    ("words",        "三千万元"),
    ("empty",        ""),
    ("two-numbers",  "100元200元"),
]
# fmt: on


@pytest.mark.parametrize("text", _params(NOT_ARABIC))
def test_parse_arabic_amount_rejects(text):
    with pytest.raises(ValueError, match="不是有效的阿拉伯数字金额"):
        parse_arabic_amount(text)


# (id, value, unit, expected canonical capital)
# fmt: off
FORMAT = [
    ("60000000",      60000000,             "元",   "人民币陆仟万元整"),
    ("1409.50",       Decimal("1409.50"),   "元",   "人民币壹仟肆佰零玖元伍角"),
    ("16409.02",      "16409.02",           "元",   "人民币壹万陆仟肆佰零玖元零贰分"),
    ("6007.14",       "6007.14",            "元",   "人民币陆仟零柒元壹角肆分"),
    ("80000000",      80000000,             "元",   "人民币捌仟万元整"),
    ("105000000",     105000000,            "元",   "人民币壹亿零伍佰万元整"),
    ("10-yi-shi",     10,                   "元",   "人民币壹拾元整"),
    ("0.01",          "0.01",               "元",   "人民币壹分"),
    ("0",             0,                    "元",   "人民币零元整"),
    ("3600-wanyuan",  3600,                 "万元", "人民币叁仟陆佰万元整"),
    ("533.12-wanyuan", "533.12",            "万元", "人民币伍佰叁拾叁万壹仟贰佰元整"),
    ("1.5-yiyuan",    "1.5",                "亿元", "人民币壹亿伍仟万元整"),
]
# fmt: on


@pytest.mark.parametrize(("value", "unit", "expected"), _params(FORMAT))
def test_format_capital_amount(value, unit, expected):
    assert format_capital_amount(value, unit=unit) == expected


# fmt: off
FORMAT_ERRORS = [
    ("negative",   "-1",     "元"),
    ("sub-fen",    "0.001",  "元"),
    ("bad-unit",   "1",      "千元"),
    ("not-number", "abc",    "元"),
    ("nan",        "NaN",    "元"),
]
# fmt: on


@pytest.mark.parametrize(("value", "unit"), _params(FORMAT_ERRORS))
def test_format_capital_amount_rejects(value, unit):
    with pytest.raises(ValueError):
        format_capital_amount(value, unit=unit)


# fmt: off
ROUND_TRIP = [
    "0.01", "0.1", "0.5", "10", "15", "100", "101", "110", "1010", "10000", "10005", "100000.53",
    "107000.53", "1000010", "1001000", "60000000", "100000001", "100010000", "105000000",
    "1234567.89", "10010010.01", "999999999999.99",
]
# fmt: on


@pytest.mark.parametrize("value", ROUND_TRIP)
def test_format_then_parse_round_trip(value):
    parsed = parse_capital_amount(format_capital_amount(value))
    assert (parsed.value, parsed.style_errors, parsed.is_strict) == (Decimal(value), (), True)


S04 = (
    "建设期内各方研发投入总额为人民币陆仟万元整（¥60,000,000.00），其中甲方投入人民币叁仟陆佰万元整"
    "（¥36,000,000.00），乙方、丙方各投入人民币壹仟贰佰万元整（¥12,000,000.00）；各方应于每年3月31日前"
    "按附件2所列年度计划将当年应投入资金足额汇入甲方设立的联合体专账。"
)
F03 = "甲方投入人民币叁佰伍拾万元整（¥3,050,000.00）。"


def test_find_amount_pairs_s04_all_match():
    pairs = find_amount_pairs(S04)
    assert [(p.capital.value, p.arabic.value, p.matches, p.style_errors) for p in pairs] == [
        (Decimal(60_000_000), Decimal(60_000_000), True, ()),
        (Decimal(36_000_000), Decimal(36_000_000), True, ()),
        (Decimal(12_000_000), Decimal(12_000_000), True, ()),
    ]


def test_find_amount_pairs_s04_offsets():
    pairs = find_amount_pairs(S04)
    assert [(S04[p.capital.start : p.capital.end], S04[p.arabic.start : p.arabic.end]) for p in pairs] == [
        ("人民币陆仟万元整", "¥60,000,000.00"),
        ("人民币叁仟陆佰万元整", "¥36,000,000.00"),
        ("人民币壹仟贰佰万元整", "¥12,000,000.00"),
    ]


def test_find_amount_pairs_f03_mismatch():
    [pair] = find_amount_pairs(F03)
    assert (pair.capital.text, pair.capital.value) == ("人民币叁佰伍拾万元整", Decimal(3_500_000))
    assert (pair.arabic.text, pair.arabic.value) == ("¥3,050,000.00", Decimal(3_050_000))
    assert pair.matches is False


# (id, text, [(capital text, arabic text or None, matches)])
# fmt: off
PAIRING = [
    ("paren-after",        "人民币壹仟元整（¥1,000.00）",                [("人民币壹仟元整", "¥1,000.00", True)]),
    ("paren-after-xiaoxie", "人民币壹仟元整（小写：1,000元）",           [("人民币壹仟元整", "1,000元", True)]),
    ("paren-after-bare",   "人民币壹仟元整(1000)",                       [("人民币壹仟元整", "1000", True)]),
    ("paren-before-daxie", "经费3000万元（大写：叁仟万元整）",           [("叁仟万元整", "3000万元", True)]),
    ("paren-before-rmb",   "人民币3000万元（大写：人民币叁仟万元整）",
        [("人民币叁仟万元整", "人民币3000万元", True)]),
    ("connector-ji",       "价款为人民币壹仟元整，即1,000元。",          [("人民币壹仟元整", "1,000元", True)]),
    ("full-width-digits",  "人民币壹万元整（￥１０，０００）",            [("人民币壹万元整", "￥１０，０００", True)]),
    ("unpaired",           "甲方投入人民币叁佰万元整，乙方投入200万元。", [("人民币叁佰万元整", None, None)]),
    ("two-pairs",          "甲方人民币壹佰万元整（¥1,000,000），乙方人民币贰佰万元整（¥2,000,000）",
        [("人民币壹佰万元整", "¥1,000,000", True), ("人民币贰佰万元整", "¥2,000,000", True)]),
    ("lowercase-paired",   "人民币一百万元整（¥1,000,000.00）",          [("人民币一百万元整", "¥1,000,000.00", True)]),
    ("lowercase-daxie",    "大写：一百万元整",                           [("一百万元整", None, None)]),
    ("lowercase-prose",    "投入一百万元用于设备购置",                   []),
    ("no-amounts",         "甲方负责部分子任务，三分之二以上理事出席。", []),
    ("dian",               "533.12万元（大写：伍佰叁拾叁点壹贰万元）",
        [("伍佰叁拾叁点壹贰万元", "533.12万元", True)]),
    ("zheng-not-word",     "人民币壹佰元整体打包",                       [("人民币壹佰元", None, None)]),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), _params(PAIRING))
def test_find_amount_pairs_pairing(text, expected):
    pairs = find_amount_pairs(text)
    got = [(p.capital.text, p.arabic.text if p.arabic else None, p.matches) for p in pairs]
    assert got == expected


def test_rmb_on_arabic_twin_suppresses_missing_prefix_warning():
    [pair] = find_amount_pairs("人民币3000万元（大写：叁仟万元整）")
    assert pair.style_errors == ()


def test_malformed_capital_is_reported_with_error():
    [pair] = find_amount_pairs("人民币壹贰元整（¥12）")
    assert (pair.capital.value, pair.matches) == (None, None)
    assert pair.error is not None and "缺少数位" in pair.error


def test_capital_unit_field():
    [pair] = find_amount_pairs("人民币叁仟万元整（¥30,000,000）")
    assert (pair.capital.unit, pair.arabic.unit) == ("万元", None)
