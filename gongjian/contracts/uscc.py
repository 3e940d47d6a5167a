"""Unified social credit codes (统一社会信用代码) per GB 32100-2015.

Pure functions, no I/O. The algorithm is the one written out in the clause
spec §3.2:

* 18 characters from a 31-symbol alphabet (no I, O, S, V, Z);
* position 18 is a mod-31 check character with weights 3^(i-1) mod 31;
* positions 9–17 embed a GB 11714 organisation code whose own mod-11 check
  character sits at position 17.

``stdnum.cn.uscc`` only verifies position 18 (and rejects letters in
positions 1–2, which the standard allows), so this module carries its own
explicit implementation of both checks; the test suite uses ``stdnum`` as an
independent oracle for position 18.

Messages are in Chinese because they are shown to drafters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "ALPHABET",
    "VERIFY_HINT",
    "UsccResult",
    "check_uscc",
    "normalize_uscc",
    "uscc_entity_kind",
    "uscc_province",
]

#: The 31 symbols of GB 32100, in value order (0–30).
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}

#: Weights for positions 1–17: 3^(i-1) mod 31.
_WEIGHTS_18 = tuple(pow(3, i, 31) for i in range(17))

#: GB 11714 weights for positions 9–16.
_WEIGHTS_17 = (3, 7, 9, 10, 5, 8, 4, 2)

_FORBIDDEN_LETTERS = frozenset("IOSVZ")

_LENGTH = 18

#: Shown next to a check-character failure: pilot-era codes exist that fail the check.
VERIFY_HINT = "校验码不符，请在国家企业信用信息公示系统或 cods.org.cn 核实"

_AUTHORITIES = {
    "1": "机构编制",
    "5": "民政",
    "9": "工商（市场监管）",
    "Y": "其他",
}

_CATEGORIES = {
    "1": {"1": "机关", "2": "事业单位", "3": "中央编办直接管理机构编制的群众团体", "9": "其他"},
    "5": {"1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他"},
    "9": {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"},
    "Y": {"1": "其他"},
}

_ENTITY_KINDS = {
    "91": "enterprise",
    "12": "public-institution",
    "51": "social-organisation",
    "52": "social-organisation",
    "53": "social-organisation",
    "92": "individual",
    "93": "cooperative",
    "11": "government",
}

# GB/T 2260 province-level codes (first two digits of the region code).
_PROVINCES = {
    "11": "北京",
    "12": "天津",
    "13": "河北",
    "14": "山西",
    "15": "内蒙古",
    "21": "辽宁",
    "22": "吉林",
    "23": "黑龙江",
    "31": "上海",
    "32": "江苏",
    "33": "浙江",
    "34": "安徽",
    "35": "福建",
    "36": "江西",
    "37": "山东",
    "41": "河南",
    "42": "湖北",
    "43": "湖南",
    "44": "广东",
    "45": "广西",
    "46": "海南",
    "50": "重庆",
    "51": "四川",
    "52": "贵州",
    "53": "云南",
    "54": "西藏",
    "61": "陕西",
    "62": "甘肃",
    "63": "青海",
    "64": "宁夏",
    "65": "新疆",
    "71": "台湾",
    "81": "香港",
    "82": "澳门",
}

_CENTRAL_REGION = "100000"

_INNER_SEPARATORS = re.compile(r"[\s\-]+")


@dataclass(frozen=True)
class UsccResult:
    """Outcome of :func:`check_uscc`.

    Attributes:
        code: The normalised code (half-width, upper case, no spaces).
        is_valid: True when ``errors`` is empty.
        errors: Chinese error messages (length, charset, region digits, check characters).
        warnings: Chinese notes about normalisation applied to the input.
        registration_authority: 登记管理部门 name from position 1, or None if unknown.
        entity_category: 机构类别 name from positions 1–2, or None if unknown.
        region_code: Positions 3–8 when they are six digits, else None.
        check_failed: True when a check character (position 17 or 18) is wrong; such codes
            may still be genuine pilot-era codes, see :data:`VERIFY_HINT`.
    """

    code: str
    is_valid: bool
    errors: tuple[str, ...]
    warnings: tuple[str, ...]
    registration_authority: str | None
    entity_category: str | None
    region_code: str | None
    check_failed: bool = False


def normalize_uscc(raw: str) -> tuple[str, list[str]]:
    """Normalise a USCC as typed in a document.

    Applies NFKC (full-width → half-width), upper-cases letters and removes
    spaces and hyphens. Leading/trailing whitespace is dropped silently; every
    other change is reported.

    Args:
        raw: The code as it appears in the text.

    Returns:
        The normalised code and a list of Chinese warnings describing what was changed.

    Examples:
        >>> normalize_uscc("91320500MA27QX8H9H")
        ('91320500MA27QX8H9H', [])
        >>> normalize_uscc("９１３２０５００ＭＡ２７ＱＸ８Ｈ９Ｈ")
        ('91320500MA27QX8H9H', ['已将全角字符转换为半角'])
        >>> normalize_uscc(" 91320500ma27qx8h9h ")
        ('91320500MA27QX8H9H', ['已将小写字母转换为大写'])
        >>> normalize_uscc("9132 0500 MA27 QX8H 9H")
        ('91320500MA27QX8H9H', ['已删除代码中的空格或连字符'])
    """
    warnings: list[str] = []
    text = raw.strip()
    folded = unicodedata.normalize("NFKC", text)
    if folded != text:
        warnings.append("已将全角字符转换为半角")
    folded = folded.strip()
    compact = _INNER_SEPARATORS.sub("", folded)
    if compact != folded:
        warnings.append("已删除代码中的空格或连字符")
    upper = compact.upper()
    if upper != compact:
        warnings.append("已将小写字母转换为大写")
    return upper, warnings


def _check_char_18(code: str) -> str:
    """Return the GB 32100 check character for the first 17 characters of ``code``.

    Examples:
        >>> _check_char_18("91320500MA27QX8H9")
        'H'
    """
    total = sum(_VALUE[ch] * w for ch, w in zip(code[:17], _WEIGHTS_18, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def _check_char_17(code: str) -> str:
    """Return the GB 11714 check character for positions 9–16 of ``code``.

    Examples:
        >>> _check_char_17("91320500MA27QX8H")
        '9'
    """
    total = sum(int(ch, 36) * w for ch, w in zip(code[8:16], _WEIGHTS_17, strict=True))
    c9 = 11 - total % 11
    if c9 == 10:
        return "X"
    if c9 == 11:
        return "0"
    return str(c9)


def _charset_errors(code: str) -> list[str]:
    errors: list[str] = []
    seen: set[str] = set()
    for ch in code:
        if ch in _VALUE or ch in seen:
            continue
        seen.add(ch)
        if ch in _FORBIDDEN_LETTERS:
            errors.append(f"含有不允许的字符“{ch}”（I、O、S、V、Z 不用于统一社会信用代码）")
        else:
            errors.append(f"含有不允许的字符“{ch}”")
    return errors


def check_uscc(raw: str) -> UsccResult:
    """Validate a unified social credit code.

    Runs, in order: normalisation, charset, length, the region digits,
    the embedded GB 11714 check (position 17) and the GB 32100 check
    (position 18). Check characters are only computed when the code has
    18 characters from the alphabet.

    Args:
        raw: The code as it appears in the text (full-width and lower case are accepted
            with a warning).

    Returns:
        A :class:`UsccResult`.

    Examples:
        >>> r = check_uscc("91320500MA27QX8H9H")
        >>> r.is_valid, r.registration_authority, r.entity_category, r.region_code
        (True, '工商（市场监管）', '企业', '320500')
        >>> check_uscc("91320500MA27QX8H9J").errors
        ('第18位校验码应为“H”，实际为“J”',)
        >>> check_uscc("91320500MA27QX8H3H").errors  # a typo in the 17th: the 18th is right
        ('第17位（组织机构代码校验码）应为“9”，实际为“3”',)
        >>> check_uscc("91500000MA7044WR81").errors  # the 18th fits the 17th as written
        ('第17位（组织机构代码校验码）应为“7”，实际为“8”',)
        >>> check_uscc("91320500MA27QX8G9H").errors  # a body character altered: both fail
        ('第17位（组织机构代码校验码）应为“0”，实际为“9”', '第18位校验码应为“L”（按改正后的第17位计算），实际为“H”')
        >>> check_uscc("91320500MA27QX8H9").errors
        ('长度应为18位，实际为17位',)
        >>> check_uscc("91320500MA27QX8HOH").errors
        ('含有不允许的字符“O”（I、O、S、V、Z 不用于统一社会信用代码）',)
        >>> check_uscc("91320500ma27qx8h9h").warnings
        ('已将小写字母转换为大写',)
    """
    code, warnings = normalize_uscc(raw)
    errors: list[str] = []
    if not code:
        errors.append("统一社会信用代码为空")
    errors.extend(_charset_errors(code))
    if code and len(code) != _LENGTH:
        errors.append(f"长度应为18位，实际为{len(code)}位")

    region = code[2:8] if len(code) >= 8 and code[2:8].isascii() and code[2:8].isdigit() else None
    if len(code) >= 8 and region is None:
        errors.append("第3–8位（登记管理机关行政区划码）应为6位数字")

    check_failed = False
    if not errors:
        expected_17 = _check_char_17(code)
        if code[16] != expected_17:
            errors.append(f"第17位（组织机构代码校验码）应为“{expected_17}”，实际为“{code[16]}”")
            check_failed = True
        # Position 18 checks positions 1–17. When the 17th is wrong, the 18th is reported only if it fits neither the
        # 17th as written (then 1–17 are as the registrar computed: a pilot-era code) nor the corrected one (a typo
        # in the 17th), and its hint is computed over the corrected 17th, so that following both hints gives a
        # valid code.
        written_18, expected_18 = _check_char_18(code), _check_char_18(code[:16] + expected_17)
        if code[17] != expected_18 and (code[16] == expected_17 or code[17] != written_18):
            after = "（按改正后的第17位计算）" if code[16] != expected_17 else ""
            errors.append(f"第18位校验码应为“{expected_18}”{after}，实际为“{code[17]}”")
            check_failed = True

    authority = _AUTHORITIES.get(code[:1]) if code else None
    category = _CATEGORIES.get(code[:1], {}).get(code[1:2]) if len(code) >= 2 else None
    return UsccResult(
        code=code,
        is_valid=not errors,
        errors=tuple(errors),
        warnings=tuple(warnings),
        registration_authority=authority,
        entity_category=category,
        region_code=region,
        check_failed=check_failed,
    )


def uscc_entity_kind(code: str) -> str | None:
    """Classify the entity from positions 1–2, for cross-checking member types.

    The code is normalised first; validity is not checked.

    Args:
        code: A USCC (raw or normalised).

    Returns:
        ``"enterprise"`` (91), ``"public-institution"`` (12, 事业单位),
        ``"social-organisation"`` (51/52/53), ``"individual"`` (92, 个体工商户),
        ``"cooperative"`` (93), ``"government"`` (11, 机关), or None.

    Examples:
        >>> uscc_entity_kind("91320500MA27QX8H9H")
        'enterprise'
        >>> uscc_entity_kind("12220000412345670E")
        'public-institution'
        >>> uscc_entity_kind("52320100MA1N0P2Q3U")
        'social-organisation'
        >>> uscc_entity_kind("Y1") is None
        True
    """
    normalised, _ = normalize_uscc(code)
    return _ENTITY_KINDS.get(normalised[:2])


def uscc_province(code: str) -> str | None:
    """Return the province of the registrar from positions 3–4.

    Args:
        code: A USCC (raw or normalised).

    Returns:
        A short Chinese province name such as ``"江苏"``, ``"中央"`` for the
        central registration code ``100000``, or None when unknown.

    Examples:
        >>> uscc_province("91320500MA27QX8H9H")
        '江苏'
        >>> uscc_province("91500000MA5U7W3K15")
        '重庆'
        >>> uscc_province("12100000400000000X")
        '中央'
        >>> uscc_province("91990000MA5U7W3K15") is None
        True
    """
    normalised, _ = normalize_uscc(code)
    region = normalised[2:8]
    if region == _CENTRAL_REGION:
        return "中央"
    return _PROVINCES.get(region[:2])
