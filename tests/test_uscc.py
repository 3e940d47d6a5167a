"""Tests for gongjian.contracts.uscc: every test vector of clause spec §3.2 and more."""

from __future__ import annotations

import pytest
from stdnum.cn import uscc as stdnum_uscc

from gongjian.contracts.uscc import VERIFY_HINT, check_uscc, normalize_uscc, uscc_entity_kind, uscc_province


def _params(table):
    """Turn table rows ``(id, *values)`` into ``pytest.param`` objects with readable ids."""
    return [pytest.param(*row[1:], id=row[0]) for row in table]


FORBIDDEN_O = "含有不允许的字符“O”（I、O、S、V、Z 不用于统一社会信用代码）"
FORBIDDEN_I = "含有不允许的字符“I”（I、O、S、V、Z 不用于统一社会信用代码）"
FULL_WIDTH = "已将全角字符转换为半角"
LOWER = "已将小写字母转换为大写"

# (id, raw input, expected normalised code, is_valid, errors, warnings)
# fmt: off
CASES = [
    ("spec-worked-example",      "91320500MA27QX8H9H", "91320500MA27QX8H9H", True, (), ()),
    ("spec-changchun",           "91220100MA17Y4RL51", "91220100MA17Y4RL51", True, (), ()),
    ("spec-chongqing",           "91500000MA5U7W3K15", "91500000MA5U7W3K15", True, (), ()),
    ("spec-minfei-52",           "52320100MA1N0P2Q3U", "52320100MA1N0P2Q3U", True, (), ()),
    ("spec-shiye-12-jilin",      "12220000412345670E", "12220000412345670E", True, (), ()),
    ("spec-check-31-to-0",       "91320500MAM70FTJ40", "91320500MAM70FTJ40", True, (), ()),
    ("spec-check-30-Y",          "91220100MAMHDQAE2Y", "91220100MAMHDQAE2Y", True, (), ()),
    ("spec-org-check-X",         "91320100MA2HD1TJXC", "91320100MA2HD1TJXC", True, (), ()),
    ("spec-org-check-0",         "91220100MATH3BJ10C", "91220100MATH3BJ10C", True, (), ()),
    ("spec-check-altered",       "91320500MA27QX8H9J", "91320500MA27QX8H9J", False,
        ("第18位校验码应为“H”，实际为“J”",), ()),
    ("spec-body-altered",        "91320500MA27QX8G9H", "91320500MA27QX8G9H", False,
        # the 18th is computed over the corrected 17th: following both hints gives a valid code (issue 13 item 5)
        ("第17位（组织机构代码校验码）应为“0”，实际为“9”",
         "第18位校验码应为“L”（按改正后的第17位计算），实际为“H”"), ()),
    ("typo-in-17th",             "91320500MA27QX8H3H", "91320500MA27QX8H3H", False,
        ("第17位（组织机构代码校验码）应为“9”，实际为“3”",), ()),
    ("spec-contains-O",          "91320500MA27QX8HOH", "91320500MA27QX8HOH", False, (FORBIDDEN_O,), ()),
    ("spec-contains-I",          "91320500MA27QX8I9H", "91320500MA27QX8I9H", False, (FORBIDDEN_I,), ()),
    ("spec-length-17",           "91320500MA27QX8H9", "91320500MA27QX8H9", False, ("长度应为18位，实际为17位",), ()),
    ("spec-full-width",          "９１３２０５００ＭＡ２７ＱＸ８Ｈ９Ｈ", "91320500MA27QX8H9H", True, (), (FULL_WIDTH,)),
    ("spec-lower-case",          "91320500ma27qx8h9h", "91320500MA27QX8H9H", True, (), (LOWER,)),
    ("stdnum-passes-org-fails",  "91500000MA7044WR81", "91500000MA7044WR81", False,
        ("第17位（组织机构代码校验码）应为“7”，实际为“8”",), ()),
    ("full-width-lower-case",    "９１３２０５００ｍａ２７ｑｘ８ｈ９ｈ", "91320500MA27QX8H9H", True, (),
        (FULL_WIDTH, LOWER)),
    ("spaces-inside",            "9132 0500 MA27 QX8H 9H", "91320500MA27QX8H9H", True, (),
        ("已删除代码中的空格或连字符",)),
    ("surrounding-spaces",       "  91320500MA27QX8H9H\n", "91320500MA27QX8H9H", True, (), ()),
    ("stdnum-doc-example",       "91110000600037341L", "91110000600037341L", True, (), ()),
    ("pilot-era-fujian",         "91350100M0001TGQXM", "91350100M0001TGQXM", False,
        ("第18位校验码应为“1”，实际为“M”",), ()),
    ("spec-f05",                 "91320500MA27QX8H9J", "91320500MA27QX8H9J", False,
        ("第18位校验码应为“H”，实际为“J”",), ()),
    ("length-19",                "91320500MA27QX8H9HH", "91320500MA27QX8H9HH", False,
        ("长度应为18位，实际为19位",), ()),
    ("empty",                    "", "", False, ("统一社会信用代码为空",), ()),
    ("letters-in-region",        "91A20500MA27QX8H9H", "91A20500MA27QX8H9H", False,
        ("第3–8位（登记管理机关行政区划码）应为6位数字",), ()),
    ("other-character",          "91320500MA27QX8H9#", "91320500MA27QX8H9#", False, ("含有不允许的字符“#”",), ()),
]
# fmt: on


@pytest.mark.parametrize(("raw", "code", "is_valid", "errors", "warnings"), _params(CASES))
def test_check_uscc(raw, code, is_valid, errors, warnings):
    result = check_uscc(raw)
    assert (result.code, result.is_valid, result.errors, result.warnings) == (code, is_valid, errors, warnings)


# Codes whose positions 1-8 are digits, which have 18 characters from the alphabet and a right 17th: stdnum is an
# independent oracle for the position-18 check (it does not check position 17, and checks the 18th over the 17th as
# written, where ours checks it over the corrected one).
ORACLE_CASES = [c for c in CASES if len(c[2]) == 18 and c[2][:8].isdigit() and not set(c[2]) & set("OI#")
                and not any(e.startswith("第17位") for e in c[4])]


@pytest.mark.parametrize("code", [pytest.param(c[2], id=c[0]) for c in ORACLE_CASES])
def test_position_18_agrees_with_stdnum(code):
    ours = not any(e.startswith("第18位") for e in check_uscc(code).errors)
    assert ours == stdnum_uscc.is_valid(code)


def test_stdnum_misses_the_embedded_org_code_check():
    assert stdnum_uscc.is_valid("91500000MA7044WR81")
    assert not check_uscc("91500000MA7044WR81").is_valid


# (id, code, check_failed)
# fmt: off
CHECK_FAILED_CASES = [
    ("valid",            "91320500MA27QX8H9H", False),
    ("position-18",      "91320500MA27QX8H9J", True),
    ("position-17",      "91500000MA7044WR81", True),
    ("length-not-check", "91320500MA27QX8H9",  False),
]
# fmt: on


@pytest.mark.parametrize(("code", "check_failed"), _params(CHECK_FAILED_CASES))
def test_check_failed_flag(code, check_failed):
    assert check_uscc(code).check_failed is check_failed


def test_verify_hint_mentions_registries():
    assert "国家企业信用信息公示系统" in VERIFY_HINT and "cods.org.cn" in VERIFY_HINT


# (id, code, registration_authority, entity_category, region_code)
# fmt: off
FIELD_CASES = [
    ("enterprise",     "91320500MA27QX8H9H", "工商（市场监管）", "企业",           "320500"),
    ("shiye",          "12220000412345670E", "机构编制",         "事业单位",       "220000"),
    ("minfei",         "52320100MA1N0P2Q3U", "民政",             "民办非企业单位", "320100"),
    ("unknown-author", "A1320500MA27QX8H9H", None,               None,             "320500"),
    ("too-short",      "9",                  "工商（市场监管）", None,             None),
]
# fmt: on


@pytest.mark.parametrize(("code", "authority", "category", "region"), _params(FIELD_CASES))
def test_fields(code, authority, category, region):
    result = check_uscc(code)
    assert (result.registration_authority, result.entity_category, result.region_code) == (authority, category, region)


# (id, code, entity kind)
# fmt: off
KIND_CASES = [
    ("91-enterprise",  "91320500MA27QX8H9H", "enterprise"),
    ("12-shiye",       "12220000412345670E", "public-institution"),
    ("51-shetuan",     "51320000MA1N0P2Q3U", "social-organisation"),
    ("52-minfei",      "52320100MA1N0P2Q3U", "social-organisation"),
    ("53-jijinhui",    "53100000500000000X", "social-organisation"),
    ("92-individual",  "92320500MA27QX8H9H", "individual"),
    ("93-cooperative", "93320500MA27QX8H9H", "cooperative"),
    ("11-government",  "11320500MA27QX8H9H", "government"),
    ("lower-case",     "91320500ma27qx8h9h", "enterprise"),
    ("13-unmapped",    "13100000500000000X", None),
    ("empty",          "",                   None),
]
# fmt: on


@pytest.mark.parametrize(("code", "kind"), _params(KIND_CASES))
def test_uscc_entity_kind(code, kind):
    assert uscc_entity_kind(code) == kind


# (id, code, province)
# fmt: off
PROVINCE_CASES = [
    ("jiangsu",    "91320500MA27QX8H9H", "江苏"),
    ("jilin",      "91220100MA17Y4RL51", "吉林"),
    ("chongqing",  "91500000MA5U7W3K15", "重庆"),
    ("beijing",    "91110000600037341L", "北京"),
    ("shanghai",   "91310000MA1FL00000", "上海"),
    ("guangdong",  "91440300MA5D000000", "广东"),
    ("zhejiang",   "91330100MA2B000000", "浙江"),
    ("central",    "12100000400000000X", "中央"),
    ("full-width", "９１３２０５００ＭＡ２７ＱＸ８Ｈ９Ｈ", "江苏"),
    ("unknown-99", "91990000MA5U7W3K15", None),
    ("10-not-central", "12101000400000000X", None),
    ("too-short",  "91",                 None),
]
# fmt: on


@pytest.mark.parametrize(("code", "province"), _params(PROVINCE_CASES))
def test_uscc_province(code, province):
    assert uscc_province(code) == province


# (id, raw, normalised, warnings)
# fmt: off
NORMALIZE_CASES = [
    ("clean",      "91320500MA27QX8H9H",     "91320500MA27QX8H9H", []),
    ("full-width", "９１３２０５００ＭＡ２７ＱＸ８Ｈ９Ｈ", "91320500MA27QX8H9H", [FULL_WIDTH]),
    ("lower",      "91320500ma27qx8h9h",     "91320500MA27QX8H9H", [LOWER]),
    ("hyphens",    "91320500-MA27QX8H9H",    "91320500MA27QX8H9H", ["已删除代码中的空格或连字符"]),
    ("ideographic-space", "9132\u30000500MA27QX8H9H", "91320500MA27QX8H9H",
        [FULL_WIDTH, "已删除代码中的空格或连字符"]),
]
# fmt: on


@pytest.mark.parametrize(("raw", "code", "warnings"), _params(NORMALIZE_CASES))
def test_normalize_uscc(raw, code, warnings):
    assert normalize_uscc(raw) == (code, warnings)
