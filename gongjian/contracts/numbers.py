"""Chinese numerals, percentages, fractions and ratios (clause spec §3.4, X07, X26).

Pure functions, no I/O.

**Representation of shares.** Every share is a :class:`fractions.Fraction` of
percentage points: ``60%`` → ``Fraction(60)``, ``三分之二`` → ``Fraction(200, 3)``,
``60.5%`` → ``Fraction(121, 2)``. Fractions keep thirds exact, so a group such as
三分之一 + 三分之二 sums to exactly 100 and the ±0.01 tolerance of X07 is only needed
for shares that were written rounded (33.33% + 33.33% + 33.34%).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

__all__ = [
    "Share",
    "find_shares",
    "format_percent",
    "parse_chinese_int",
    "parse_ratio",
    "parse_share",
    "residual",
    "shares_sum_ok",
]

_HUNDRED = Fraction(100)

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "貳": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "叁": 3,
    "參": 3,
    "叄": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "陸": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_CN_NUM_CHARS = "".join(_CN_DIGITS) + "".join(_CN_SMALL) + "".join(_CN_BIG) + "廿"

_HALF_WIDTH = str.maketrans("０１２３４５６７８９．％／：", "0123456789.%/:")

_BOUND_BEFORE = (
    "不低于",
    "不少于",
    "不超过",
    "不高于",
    "不多于",
    "不大于",
    "不小于",
    "至少",
    "至多",
    "最多",
    "最少",
    "最低",
    "最高",
    "超过",
    "高于",
    "低于",
    "多于",
    "少于",
    "大于",
    "小于",
    "≥",
    "≤",
    ">",
    "<",
)
_BOUND_AFTER = ("及以上", "或以上", "及以下", "或以下", "以上", "以下", "以内")


@dataclass(frozen=True)
class Share:
    """A share found in a text.

    Attributes:
        start: Offset of the first character in the searched text.
        end: Offset one past the last character.
        raw: ``text[start:end]``.
        value: The share in percentage points (``Fraction(200, 3)`` for 三分之二).
        kind: ``"percent"`` (60%, 百分之六十), ``"fraction"`` (三分之二, 2/3, 一半) or ``"cheng"`` (六成).
        is_bound: True when an inequality word (不低于, 至少, 以上 …) qualifies the share, so it
            cannot be summed.
        bound_word: The inequality word, or None.
    """

    start: int
    end: int
    raw: str
    value: Fraction
    kind: str
    is_bound: bool = False
    bound_word: str | None = None


def parse_chinese_int(text: str) -> int:
    """Parse a Chinese (or Arabic) integer.

    Handles lower-case and capital numerals, 两, 廿, 零/〇 separators, digit-by-digit
    forms (二〇二五), a bare leading 十/百, 万 and 亿. A trailing digit directly after a
    unit is read colloquially as the next lower position (一百五 = 150, 一万五 = 15000).

    Args:
        text: The numeral.

    Returns:
        The integer.

    Raises:
        ValueError: When ``text`` is not an integer numeral (Chinese message).

    Examples:
        >>> [parse_chinese_int(t) for t in ("三", "十二", "二十", "一百零五", "两", "壹佰贰拾叁")]
        [3, 12, 20, 105, 2, 123]
        >>> parse_chinese_int("二〇二五"), parse_chinese_int("三万五千"), parse_chinese_int("一百五")
        (2025, 35000, 150)
        >>> parse_chinese_int("１２")
        12
        >>> parse_chinese_int("三点五")
        Traceback (most recent call last):
            ...
        ValueError: “三点五”不是有效的中文整数
    """
    s = unicodedata.normalize("NFKC", text).strip().replace("廿", "二十")
    if s.isascii() and s.isdigit():
        return int(s)
    if not s or any(ch not in _CN_DIGITS and ch not in _CN_SMALL and ch not in _CN_BIG for ch in s):
        raise ValueError(f"“{text}”不是有效的中文整数")
    if all(ch in _CN_DIGITS for ch in s):
        return int("".join(str(_CN_DIGITS[ch]) for ch in s))
    try:
        return _parse_sections(s)
    except ValueError:
        raise ValueError(f"“{text}”不是有效的中文整数") from None


def _parse_sections(s: str) -> int:
    total = section = 0
    digit: int | None = None
    prev_unit = 0  # value of the unit just before the current digit, 0 after 零 or at start
    small_floor = 10_000
    for ch in s:
        if ch in _CN_DIGITS:
            value = _CN_DIGITS[ch]
            if digit is not None:
                raise ValueError(ch)
            if value == 0:
                prev_unit = 0
                continue
            digit = value
        elif ch in _CN_SMALL:
            unit = _CN_SMALL[ch]
            if unit >= small_floor:
                raise ValueError(ch)
            section += (1 if digit is None else digit) * unit
            digit, small_floor, prev_unit = None, unit, unit
        else:
            big = _CN_BIG[ch]
            section += digit or 0
            if big == 10**8:
                if total + section == 0:
                    raise ValueError(ch)
                total = (total + section) * big
            else:
                if section == 0:
                    raise ValueError(ch)
                total += section * big
            section, digit, small_floor, prev_unit = 0, None, 10_000, big
    if digit is not None and prev_unit > 10:
        return total + section + digit * prev_unit // 10
    return total + section + (digit or 0)


def _parse_cn_decimal(text: str) -> Fraction:
    """Parse 五十五点五 / 55.5 / 60 to an exact Fraction."""
    s = unicodedata.normalize("NFKC", text).strip()
    if not s:
        raise ValueError("空白不是有效的数字")
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return Fraction(s)
    head, sep, tail = s.partition("点")
    integer = parse_chinese_int(head) if head else 0
    if not sep:
        return Fraction(integer)
    if not tail or any(ch not in _CN_DIGITS and not ch.isdigit() for ch in tail):
        raise ValueError(f"“{text}”不是有效的数字")
    digits = "".join(str(_CN_DIGITS[ch]) if ch in _CN_DIGITS else ch for ch in tail)
    return Fraction(f"{integer}.{digits}")


# Patterns run on a half-width view of the text (same length, so offsets are shared).
_NUM = rf"[{_CN_NUM_CHARS}\d]"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("percent", re.compile(r"(?<![\d.])(?P<num>\d{1,12}(?:\.\d{1,12})?)\s{0,2}%")),
    ("percent", re.compile(rf"百分之(?P<num>{_NUM}{{1,12}}(?:[点.][{_CN_NUM_CHARS}\d]{{1,12}})?)")),
    ("fraction", re.compile(rf"(?<!{_NUM})(?P<den>{_NUM}{{1,12}})分之(?P<num>{_NUM}{{1,12}}(?:[点.]{_NUM}{{1,12}})?)")),
    ("fraction", re.compile(r"(?<![\d/.])(?P<num>\d{1,3})\s*/\s*(?P<den>\d{1,3})(?![\d/.])")),
    ("cheng", re.compile(rf"(?<!{_NUM})(?P<num>[一二三四五六七八九两十])成(?![员立果本为交熟品都功绩就效型套])")),
    ("fraction", re.compile(r"(?:各占|各)?一半|各半")),
)


def _value_of(kind: str, m: re.Match[str]) -> Fraction | None:
    groups = m.groupdict()
    try:
        if kind == "percent":
            return _parse_cn_decimal(groups["num"])
        if kind == "cheng":
            return Fraction(parse_chinese_int(groups["num"]) * 10)
        if "den" not in groups:  # 一半 / 各半
            return Fraction(50)
        den = Fraction(parse_chinese_int(groups["den"]))
        num = _parse_cn_decimal(groups["num"])
    except ValueError:
        return None
    if den == 0 or num > den:
        return None
    return num / den * _HUNDRED


def _bound_word(text: str, start: int, end: int) -> str | None:
    before = text[max(0, start - 4) : start].rstrip()
    for word in _BOUND_BEFORE:
        if before.endswith(word):
            return word
    after = text[end : end + 4].lstrip()
    for word in _BOUND_AFTER:
        if after.startswith(word):
            return word
    return None


def find_shares(text: str) -> list[Share]:
    """Find every percentage, fraction and 成 share in ``text``.

    Args:
        text: Any contract text; full-width digits and ％ are recognised.

    Returns:
        The shares in text order, non-overlapping.

    Examples:
        >>> [(s.raw, s.kind) for s in find_shares("甲方60%、乙方百分之三十，丙方占三分之一")]
        [('60%', 'percent'), ('百分之三十', 'percent'), ('三分之一', 'fraction')]
        >>> [s.value for s in find_shares("甲方60%、乙方百分之三十，丙方占三分之一")]
        [Fraction(60, 1), Fraction(30, 1), Fraction(100, 3)]
        >>> [(s.raw, s.is_bound, s.bound_word) for s in find_shares("检出率不低于99.5%，经三分之二以上理事同意")]
        [('99.5%', True, '不低于'), ('三分之二', True, '以上')]
        >>> [(s.raw, s.value) for s in find_shares("收益六成归甲方，成员单位各占一半")]
        [('六成', Fraction(60, 1)), ('各占一半', Fraction(50, 1))]
    """
    view = text.translate(_HALF_WIDTH)
    # Leftmost match wins; at the same start the earlier pattern (percent before fraction) wins.
    candidates = sorted(
        (m.start(), priority, m, kind)
        for priority, (kind, pattern) in enumerate(_PATTERNS)
        for m in pattern.finditer(view)
    )
    shares: list[Share] = []
    taken_until = 0
    for start, _, m, kind in candidates:
        if start < taken_until:
            continue
        value = _value_of(kind, m)
        if value is None:
            continue
        end = m.end()
        taken_until = end
        word = _bound_word(view, start, end)
        shares.append(Share(start, end, text[start:end], value, kind, word is not None, word))
    return shares


def parse_share(text: str) -> Fraction | None:
    """Parse one share expression to percentage points.

    Args:
        text: E.g. ``"60%"``, ``"６０％"``, ``"百分之五十五点五"``, ``"六成"``, ``"三分之二"``,
            ``"2/3"``, ``"一半"``.

    Returns:
        The share as a Fraction of 100, or None when ``text`` is not exactly one explicit
        share (``"平均"`` / ``"均分"`` depend on the number of parties, so they give None).

    Examples:
        >>> parse_share("60%"), parse_share("６０％"), parse_share("60.5%")
        (Fraction(60, 1), Fraction(60, 1), Fraction(121, 2))
        >>> parse_share("百分之五十五点五"), parse_share("六成"), parse_share("三分之二")
        (Fraction(111, 2), Fraction(60, 1), Fraction(200, 3))
        >>> parse_share("2/3"), parse_share("各占一半"), parse_share("平均") is None
        (Fraction(200, 3), Fraction(50, 1), True)
    """
    stripped = text.strip()
    found = find_shares(stripped)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped):
        return found[0].value
    return None


def parse_ratio(text: str) -> tuple[Fraction, ...]:
    """Parse a ratio such as ``60:30:10`` and normalise it to percentage shares.

    Separators ``:`` ``：`` ``∶`` and ``比`` are accepted; parts may be Arabic
    (with decimals) or Chinese integers.

    Args:
        text: The ratio.

    Returns:
        One Fraction per part, summing to exactly 100.

    Raises:
        ValueError: When ``text`` is not a ratio of at least two non-negative parts with a
            positive sum (Chinese message).

    Examples:
        >>> parse_ratio("60:30:10")
        (Fraction(60, 1), Fraction(30, 1), Fraction(10, 1))
        >>> parse_ratio("1∶2")
        (Fraction(100, 3), Fraction(200, 3))
        >>> parse_ratio("三比二")
        (Fraction(60, 1), Fraction(40, 1))
    """
    parts = re.split(r"\s*[:：∶比]\s*", unicodedata.normalize("NFKC", text).strip())
    if len(parts) < 2:
        raise ValueError(f"“{text}”不是有效的比例")
    try:
        values = [_parse_cn_decimal(p) for p in parts]
    except ValueError:
        raise ValueError(f"“{text}”不是有效的比例") from None
    total = sum(values, Fraction(0))
    if total <= 0:
        raise ValueError(f"比例“{text}”各项之和必须大于零")
    return tuple(v / total * _HUNDRED for v in values)


def _as_fraction(value: Fraction | Decimal | int | str) -> Fraction:
    return value if isinstance(value, Fraction) else Fraction(value)


def shares_sum_ok(
    values: Iterable[Fraction | Decimal | int | str],
    tolerance: Fraction | Decimal | int | str = Fraction(1, 100),
    *,
    require_positive: bool = True,
) -> bool:
    """Check that shares in percentage points sum to 100 within ``tolerance`` (spec X07).

    Args:
        values: The shares of one allocation group.
        tolerance: Allowed absolute deviation from 100, in percentage points.
        require_positive: Also require every share to be > 0 (X07 default).

    Returns:
        True when the group is complete.

    Examples:
        >>> shares_sum_ok([Fraction(100, 3), Fraction(200, 3)])
        True
        >>> shares_sum_ok(["33.33", "33.33", "33.34"]), shares_sum_ok([50, 30, 30])
        (True, False)
        >>> shares_sum_ok([100, 0]), shares_sum_ok([100, 0], require_positive=False)
        (False, True)
    """
    shares = [_as_fraction(v) for v in values]
    if not shares or (require_positive and any(v <= 0 for v in shares)):
        return False
    return abs(sum(shares, Fraction(0)) - _HUNDRED) <= _as_fraction(tolerance)


def residual(values: Iterable[Fraction | Decimal | int | str]) -> Fraction:
    """Return the 其余 / 剩余 share: 100 minus the stated shares.

    Args:
        values: The explicitly stated shares in percentage points.

    Returns:
        The residual share (≥ 0).

    Raises:
        ValueError: When the stated shares already exceed 100% (Chinese message).

    Examples:
        >>> residual([60, 30])
        Fraction(10, 1)
        >>> residual([Fraction(200, 3)])
        Fraction(100, 3)
        >>> residual([60, 50])
        Traceback (most recent call last):
            ...
        ValueError: 已列明的份额合计110%，超过100%，其余部分不能为负
    """
    total = sum((_as_fraction(v) for v in values), Fraction(0))
    rest = _HUNDRED - total
    if rest < 0:
        raise ValueError(f"已列明的份额合计{format_percent(total)}，超过100%，其余部分不能为负")
    return rest


def format_percent(value: Fraction | Decimal | int | str, places: int = 2) -> str:
    """Format percentage points for messages, dropping needless decimals.

    Args:
        value: Percentage points.
        places: Maximum number of decimals (rounded half-even).

    Returns:
        E.g. ``"66.67%"``.

    Examples:
        >>> format_percent(Fraction(200, 3)), format_percent(60), format_percent("60.50")
        ('66.67%', '60%', '60.5%')
    """
    frac = _as_fraction(value)
    rounded = round(frac, places)
    text = f"{Decimal(rounded.numerator) / Decimal(rounded.denominator):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"
