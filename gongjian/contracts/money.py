"""Chinese capital money amounts (中文大写金额) and their Arabic twins.

Pure functions, no I/O. Implements the clause spec §3.3:

* :func:`parse_capital_amount` parses a 大写 amount to an exact :class:`~decimal.Decimal`
  number of 元 with the section algorithm of §3.3 (cn2an returns floats and does not
  handle 人民币/整 wrapping, 万元/亿元 or 点 forms, so it is not used for parsing) and
  reports style problems under 《支付结算办法》附件一;
* :func:`parse_arabic_amount` parses ``¥60,000,000.00`` / ``533.12万元`` style amounts;
* :func:`format_capital_amount` writes the canonical 大写 (wrapping ``cn2an.an2cn``);
* :func:`find_amount_pairs` finds every 大写 amount in a text and pairs it with its
  Arabic twin.

Severity convention for callers (spec X06): a value mismatch is an error; when
``is_strict`` is False (lower-case or irregular characters were used as 大写) the
style problem is an error; any other entry of ``style_errors`` is a warning.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = [
    "AmountPair",
    "AmountSpan",
    "CapitalAmount",
    "find_amount_pairs",
    "format_capital_amount",
    "parse_arabic_amount",
    "parse_capital_amount",
]

_DIGITS = {"壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
_SMALL_UNITS = {"拾": 10, "佰": 100, "仟": 1000}
_UNIT_FACTORS = {"元": Decimal(1), "万元": Decimal(10) ** 4, "亿元": Decimal(10) ** 8}

# Legal variants that are silently mapped to the canonical simplified capitals.
_VARIANTS = {
    "貳": "贰",
    "貮": "贰",
    "參": "叁",
    "叄": "叁",
    "陸": "陆",
    "萬": "万",
    "億": "亿",
    "圓": "元",
    "圆": "元",
    "點": "点",
    "正": "整",
}

# Lower-case numerals: parsed, but reported as a style error.
_LOWER = {
    "一": "壹",
    "二": "贰",
    "三": "叁",
    "四": "肆",
    "五": "伍",
    "六": "陆",
    "七": "柒",
    "八": "捌",
    "九": "玖",
    "十": "拾",
    "百": "佰",
    "千": "仟",
    "两": "贰",
    "兩": "贰",
    "〇": "零",
    "○": "零",
}

# Irregular characters: parsed, but reported as a style error with the correct form.
_IRREGULAR = {"廿": "贰拾", "毛": "角", "另": "零"}

# Within the integer part, the unit that must follow the first digit after a given unit,
# otherwise a 零 has been left out (e.g. 壹佰伍元 instead of 壹佰零伍元).
_NEXT_UNIT = {"佰": "拾", "仟": "佰", "万": "仟", "亿": "仟"}

_PREFIX = re.compile(r"^(?P<rmb>人民币)?\s*(?:[（(]\s*大写\s*[)）]|大写)?\s*[:：]?\s*")
_FRACTION = re.compile(
    r"^(?P<z1>零)?(?:(?P<jiao>[壹贰叁肆伍陆柒捌玖])角)?(?P<z2>零)?(?:(?P<fen>[壹贰叁肆伍陆柒捌玖])分)?$"
)
_DIAN = re.compile(r"^(?P<int>[^点]+)点(?P<dec>[零壹贰叁肆伍陆柒捌玖]+)(?P<unit>万元|亿元|元)$")


@dataclass(frozen=True)
class CapitalAmount:
    """A parsed 大写 amount.

    Attributes:
        value: The amount in 元, exact.
        style_errors: Chinese messages for deviations from 《支付结算办法》附件一.
        is_strict: True when only the legal capital characters (including accepted
            traditional forms such as 貳 陸 萬 億 圓) were used.
    """

    value: Decimal
    style_errors: tuple[str, ...]
    is_strict: bool


@dataclass(frozen=True)
class AmountSpan:
    """One side of an :class:`AmountPair`.

    Attributes:
        start: Offset of the first character in the searched text.
        end: Offset one past the last character.
        text: ``text[start:end]`` (for a capital, including any 人民币 prefix).
        value: The amount in 元, or None when the capital could not be parsed.
        unit: ``"元"``, ``"万元"`` or ``"亿元"`` as written, or None when no unit was written.
    """

    start: int
    end: int
    text: str
    value: Decimal | None
    unit: str | None


@dataclass(frozen=True)
class AmountPair:
    """A 大写 amount and, when one was found, its Arabic twin.

    Attributes:
        capital: The 大写 side.
        arabic: The Arabic side, or None when the capital is unpaired.
        matches: True/False when both values are known; None when there is nothing to compare.
        style_errors: Style messages of the capital (see :class:`CapitalAmount`).
        is_strict: See :class:`CapitalAmount`.
        error: Chinese parse error when the capital is malformed, else None.
    """

    capital: AmountSpan
    arabic: AmountSpan | None
    matches: bool | None
    style_errors: tuple[str, ...]
    is_strict: bool
    error: str | None = None


def _tidy(value: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation (up to 28 digits, the precision of Decimal).

    A longer number is no amount of money; it keeps its exponent, so that a run of 100,000 digits is not written
    out digit by digit (quadratic).

    >>> _tidy(Decimal("5.00E+3")), _tidy(Decimal("1.50")), _tidy(Decimal("1E+100000"))
    (Decimal('5000'), Decimal('1.5'), Decimal('1E+100000'))
    """
    if value == value.to_integral_value() and value.adjusted() < 28:
        return Decimal(int(value))
    return value.normalize()


def _parse_integer(part: str, notes: list[str]) -> int:
    """Parse the integer part of a normalised capital amount (section algorithm of §3.3).

    Examples:
        >>> _parse_integer("壹亿零伍佰万", [])
        105000000
        >>> notes = []
        >>> _parse_integer("壹佰伍", notes), notes
        (105, ['“佰伍”之间缺少“零”，数位不明确'])
    """
    total = section = 0
    digit: int | None = None
    small_floor = 10_000
    wan_open = False
    prev = ""
    for i, ch in enumerate(part):
        nxt = part[i + 1] if i + 1 < len(part) else ""
        if ch in _DIGITS:
            if digit is not None:
                raise ValueError(f"“{prev}{ch}”之间缺少数位")
            if prev in _NEXT_UNIT and nxt != _NEXT_UNIT[prev]:
                notes.append(f"“{prev}{ch}”之间缺少“零”，数位不明确")
            digit = _DIGITS[ch]
        elif ch == "零":
            if digit is not None:
                raise ValueError(f"“{prev}零”中数字缺少数位")
        elif ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            if unit >= small_floor:
                raise ValueError(f"数位“{ch}”的位置不正确")
            if digit is None:
                if ch != "拾" or prev == "零":
                    raise ValueError(f"“{ch}”前缺少数字")
                notes.append("“拾”前缺少“壹”，应写作“壹拾”")
                digit = 1
            section += digit * unit
            digit = None
            small_floor = unit
        elif ch == "万":
            if wan_open:
                raise ValueError("“万”重复出现")
            section += digit or 0
            if section == 0:
                raise ValueError("“万”前缺少数字")
            total += section * 10_000
            section, digit, small_floor, wan_open = 0, None, 10_000, True
        elif ch == "亿":
            section += digit or 0
            if total + section == 0:
                raise ValueError("“亿”前缺少数字")
            total = (total + section) * 100_000_000
            section, digit, small_floor, wan_open = 0, None, 10_000, False
        else:
            raise ValueError(f"含有不能识别的字符“{ch}”")
        prev = ch
    return total + section + (digit or 0)


def _normalise_chars(body: str, notes: list[str]) -> tuple[str, bool]:
    """Map variants, lower-case and irregular characters to the canonical capitals."""
    strict = True
    out: list[str] = []
    reported: set[str] = set()
    for ch in body:
        if ch in _VARIANTS:
            out.append(_VARIANTS[ch])
        elif ch in _LOWER:
            strict = False
            if ch not in reported:
                reported.add(ch)
                notes.append(f"大写金额使用了小写数字“{ch}”")
            out.append(_LOWER[ch])
        elif ch in _IRREGULAR:
            strict = False
            if ch not in reported:
                reported.add(ch)
                notes.append(f"大写金额使用了不规范的字“{ch}”（应为“{_IRREGULAR[ch]}”）")
            out.append(_IRREGULAR[ch])
        else:
            out.append(ch)
    return "".join(out), strict


def parse_capital_amount(text: str) -> CapitalAmount:
    """Parse a 中文大写金额 to an exact number of 元.

    Accepts the 人民币 prefix (optionally followed by ``（大写）`` / ``：``), a trailing
    整 or 正, 圆 for 元, traditional forms (貳 陸 萬 億 圓 參 叄), amounts ending in 万元 or
    亿元, the 点 form for 万元/亿元 denominations, optional or omitted 零 and a bare 拾
    start. Lower-case numerals still parse but make ``is_strict`` False.

    Args:
        text: The capital amount, e.g. ``"人民币壹仟肆佰零玖元伍角"``.

    Returns:
        A :class:`CapitalAmount`.

    Raises:
        ValueError: When ``text`` is not a capital amount (Chinese message).

    Examples:
        >>> parse_capital_amount("人民币壹仟肆佰零玖元伍角")
        CapitalAmount(value=Decimal('1409.5'), style_errors=(), is_strict=True)
        >>> parse_capital_amount("人民币壹亿零伍佰万元整").value
        Decimal('105000000')
        >>> parse_capital_amount("人民币伍佰叁拾叁点壹贰万元").value
        Decimal('5331200')
        >>> parse_capital_amount("人民币壹佰万元").style_errors
        ('“元”后缺少“整”字',)
        >>> r = parse_capital_amount("人民币一百万元整")
        >>> r.value, r.is_strict, r.style_errors
        (Decimal('1000000'), False, ('大写金额使用了小写数字“一”', '大写金额使用了小写数字“百”'))
        >>> parse_capital_amount("叁佰伍拾万元整").style_errors
        ('缺少“人民币”前缀',)
        >>> parse_capital_amount("人民币壹万陆仟肆佰零玖元零贰分整").style_errors
        ('“分”后不应有“整”字',)
        >>> parse_capital_amount("人民币貳萬陸仟圓整").value
        Decimal('26000')
        >>> parse_capital_amount("甲方")
        Traceback (most recent call last):
            ...
        ValueError: “甲方”不是有效的大写金额
    """
    original = text
    compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)) if text else ""
    prefix = _PREFIX.match(compact)
    has_rmb = bool(prefix and prefix.group("rmb"))
    body = compact[prefix.end() :] if prefix else compact

    char_notes: list[str] = []
    body, is_strict = _normalise_chars(body, char_notes)
    has_zheng = body.endswith("整")
    if has_zheng:
        body = body[:-1]
    if not body or "整" in body or not any(ch in _DIGITS or ch in "拾零" for ch in body):
        raise ValueError(f"“{original}”不是有效的大写金额")

    notes: list[str] = []
    try:
        value, ends_with, dian_form = _parse_body(body, notes)
    except ValueError as exc:
        raise ValueError(f"“{original}”不是有效的大写金额：{exc}") from None

    style = list(char_notes)
    if not has_rmb:
        style.append("缺少“人民币”前缀")
    if ends_with == "元" and not has_zheng and not dian_form:
        style.append("“元”后缺少“整”字")
    if ends_with == "分" and has_zheng:
        style.append("“分”后不应有“整”字")
    style.extend(notes)
    return CapitalAmount(value=_tidy(value), style_errors=tuple(style), is_strict=is_strict)


def _parse_body(body: str, notes: list[str]) -> tuple[Decimal, str, bool]:
    """Parse a normalised amount without prefix and 整.

    Returns:
        The value in 元, the last unit character (元/角/分) and whether it is a 点 form.
    """
    if "点" in body:
        m = _DIAN.match(body)
        if not m:
            raise ValueError("“点”的用法不正确")
        if m.group("unit") == "元":
            notes.append("“点”只用于以万元或亿元为单位的金额")
        integer = _parse_integer(m.group("int"), notes)
        decimals = "".join(str(_DIGITS.get(ch, 0)) for ch in m.group("dec"))
        value = Decimal(f"{integer}.{decimals}") * _UNIT_FACTORS[m.group("unit")]
        return value, "元", True

    if body.count("元") > 1:
        raise ValueError("“元”重复出现")
    if "元" in body:
        int_part, frac_part = body.split("元")
        if not int_part:
            raise ValueError("“元”前缺少数字")
    elif body[-1] in "角分":
        int_part, frac_part = "", body
    else:
        raise ValueError("缺少单位“元”")

    integer = _parse_integer(int_part, notes) if int_part else 0
    m = _FRACTION.match(frac_part)
    if not m:
        raise ValueError(f"角分部分“{frac_part}”不正确")
    jiao = _DIGITS[m.group("jiao")] if m.group("jiao") else 0
    fen = _DIGITS[m.group("fen")] if m.group("fen") else 0
    if int_part and integer and fen and not jiao and not (m.group("z1") or m.group("z2")):
        notes.append("角位为零时“元”后应写“零”")
    value = Decimal(integer) + Decimal(jiao * 10 + fen) / 100
    ends_with = "分" if fen else "角" if jiao else "元"
    return value, ends_with, False


_ARABIC = re.compile(
    r"^(?:人民币|RMB|CNY)?\s*¥?\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
    r"(?P<unit>万元|亿元|万|亿|元)?\s*(?:整|正)?$",
    re.IGNORECASE,
)


def _arabic_value(number: str, unit: str | None) -> Decimal:
    factor = _UNIT_FACTORS.get((unit or "元").rstrip("元") + "元", Decimal(1))
    return _tidy(Decimal(number.replace(",", "")) * factor)


def parse_arabic_amount(text: str) -> Decimal:
    """Parse an amount written with Arabic numerals to 元.

    Args:
        text: E.g. ``"¥60,000,000.00"``, ``"￥1,409.50"``, ``"533.12万元"``, ``"1.5亿元"``,
            ``"60000000元"``; full-width digits are accepted.

    Returns:
        The amount in 元.

    Raises:
        ValueError: When ``text`` is not an Arabic amount (Chinese message).

    Examples:
        >>> parse_arabic_amount("¥60,000,000.00")
        Decimal('60000000')
        >>> parse_arabic_amount("￥1,409.50")
        Decimal('1409.5')
        >>> parse_arabic_amount("533.12万元")
        Decimal('5331200')
        >>> parse_arabic_amount("1.5亿元")
        Decimal('150000000')
        >>> parse_arabic_amount("３０００万元")
        Decimal('30000000')
        >>> parse_arabic_amount("1,00,000元")
        Traceback (most recent call last):
            ...
        ValueError: “1,00,000元”不是有效的阿拉伯数字金额
    """
    m = _ARABIC.match(unicodedata.normalize("NFKC", text).strip())
    if not m:
        raise ValueError(f"“{text}”不是有效的阿拉伯数字金额")
    return _arabic_value(m.group("num"), m.group("unit"))


def format_capital_amount(value: Decimal | int | str, unit: str = "元") -> str:
    """Write an amount as the canonical 大写 with 人民币 prefix and 整 where required.

    Args:
        value: The amount, expressed in ``unit``.
        unit: ``"元"``, ``"万元"`` or ``"亿元"``; the output is always written in 元.

    Returns:
        E.g. ``"人民币陆仟万元整"``.

    Raises:
        ValueError: For negative amounts, an unknown unit or precision finer than 分.

    Examples:
        >>> format_capital_amount(60000000)
        '人民币陆仟万元整'
        >>> format_capital_amount(Decimal("1409.50"))
        '人民币壹仟肆佰零玖元伍角'
        >>> format_capital_amount("16409.02")
        '人民币壹万陆仟肆佰零玖元零贰分'
        >>> format_capital_amount(3600, unit="万元")
        '人民币叁仟陆佰万元整'
        >>> format_capital_amount("0.001")
        Traceback (most recent call last):
            ...
        ValueError: 金额“0.001元”精确到分以下，无法写成大写金额
    """
    import cn2an  # imported lazily: cn2an is slow to import

    if unit not in _UNIT_FACTORS:
        raise ValueError(f"不支持的金额单位“{unit}”")
    try:
        amount = Decimal(str(value)) * _UNIT_FACTORS[unit]
    except InvalidOperation:
        raise ValueError(f"“{value}”不是有效的金额") from None
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"“{value}”不是有效的金额")
    cents = amount.quantize(Decimal("0.01"))
    if cents != amount:
        raise ValueError(f"金额“{value}{unit}”精确到分以下，无法写成大写金额")
    return "人民币" + cn2an.an2cn(format(cents, "f"), "rmb")


# --- finding pairs -------------------------------------------------------------------

_CAP_NONZERO = "壹贰貳貮叁參叄肆伍陆陸柒捌玖"
_CAP_DIGIT_CHARS = _CAP_NONZERO + "拾"
_LOW_DIGIT_CHARS = "一二三四五六七八九十两兩廿"
_CAP_CHARS = "零〇○" + _CAP_DIGIT_CHARS + "佰仟万萬亿億点點" + _LOW_DIGIT_CHARS + "百千"
_FRAC_DIGITS = "壹贰貳貮叁參叄肆伍陆陸柒捌玖一二三四五六七八九两兩"
_CAPITAL_RE = re.compile(
    rf"(?P<prefix>人民币\s*(?:[（(]\s*大写\s*[)）])?\s*[:：]?\s*)?"
    rf"(?P<amount>[{_CAP_CHARS}]{{1,40}}[元圆圓]"
    rf"(?:零?[{_FRAC_DIGITS}][角毛])?(?:零?[{_FRAC_DIGITS}]分)?"
    rf"|[{_CAP_NONZERO}]角(?:[{_CAP_NONZERO}]分)?"
    rf"|[{_CAP_NONZERO}]分)"
    rf"(?P<zheng>整(?![体个改理合顿])|正(?![式常当在确]))?"
)
_ARABIC_RE = re.compile(
    r"(?<![\d.,])(?P<pre>(?:人民币|RMB|CNY)\s*)?(?P<sym>¥\s*)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d.])"
    r"(?:\s*(?P<unit>万元|亿元|元|圆))?"
)
_DAXIE_BEFORE = re.compile(r"大写\s*(?:金额)?\s*(?:为)?\s*[:：]?\s*$")
_OPEN_AFTER = re.compile(r"^\s*[（(]\s*(?:小写\s*[:：]?\s*)?$")
_OPEN_BEFORE = re.compile(r"^\s*[（(]\s*(?:大写\s*[:：]?\s*)?$")
_CLOSE = re.compile(r"^\s*[)）]")
_CONNECT_AFTER = re.compile(r"^\s*(?:[,，]?\s*(?:即|亦即|也即|折合|小写)\s*(?:为)?\s*[:：]?\s*)?$")
_CONNECT_BEFORE = re.compile(r"^\s*(?:[,，]?\s*(?:即|大写)\s*(?:为)?\s*[:：]?\s*)?$")
_HALF_WIDTH = str.maketrans("０１２３４５６７８９．￥", "0123456789.¥")
_FULL_WIDTH_GROUPING = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")  # ￥１０，０００: a grouping comma
_UNIT_VARIANTS = str.maketrans("萬億圓圆", "万亿元元")
_WINDOW = 16  # max. characters between a capital and its Arabic twin


@dataclass(frozen=True)
class _Arabic:
    span: AmountSpan
    has_marker: bool  # ¥ sign, 人民币 or a 元 unit was written
    has_rmb: bool


@dataclass(frozen=True)
class _ArabicIndex:
    """Arabic amounts in text order; they do not overlap, so starts and ends are both sorted."""

    items: list[_Arabic]
    starts: list[int]
    ends: list[int]


def _find_arabic(view: str, text: str) -> _ArabicIndex:
    found = []
    for m in _ARABIC_RE.finditer(view):
        unit = m.group("unit")
        if unit == "圆":
            unit = "元"
        try:
            value = _arabic_value(m.group("num"), unit)
        except InvalidOperation:
            continue
        span = AmountSpan(m.start(), m.end(), text[m.start() : m.end()], value, unit)
        has_marker = bool(m.group("sym") or m.group("pre") or unit)
        found.append(_Arabic(span, has_marker, bool(m.group("pre"))))
    return _ArabicIndex(found, [a.span.start for a in found], [a.span.end for a in found])


def find_amount_pairs(text: str) -> list[AmountPair]:
    """Find every 大写 amount in ``text`` and pair it with its Arabic twin.

    Pairing, tried in this order for each capital:

    1. ``X（¥N）`` / ``X（小写：N元）``: the Arabic amount directly follows in parentheses;
    2. ``N万元（大写：X）``: the capital sits in parentheses directly after the Arabic amount;
    3. ``X，即N元`` / ``N元，大写X``: adjacent with only a connector word between them.

    Each Arabic amount is used at most once. Lower-case-only "capitals" (一百万元) are
    reported only when they are marked as 大写 (人民币 prefix, 大写 label) or paired.
    When the Arabic twin carries 人民币, the capital's missing 人民币 prefix is not reported.

    Args:
        text: Any contract text.

    Returns:
        The capitals in text order, each as an :class:`AmountPair` (``arabic`` is None when
        no twin was found).

    Examples:
        >>> [p] = find_amount_pairs("甲方投入人民币叁佰伍拾万元整（¥3,050,000.00）。")
        >>> p.capital.text, p.capital.value, p.arabic.text, p.arabic.value, p.matches
        ('人民币叁佰伍拾万元整', Decimal('3500000'), '¥3,050,000.00', Decimal('3050000'), False)
        >>> [p] = find_amount_pairs("经费3000万元（大写：叁仟万元整）")
        >>> p.matches, p.style_errors
        (True, ('缺少“人民币”前缀',))
        >>> [p] = find_amount_pairs("人民币一百万元整（¥1,000,000.00）")
        >>> p.matches, p.is_strict
        (True, False)
        >>> find_amount_pairs("投入一百万元")
        []
    """
    view = _FULL_WIDTH_GROUPING.sub(",", text.translate(_HALF_WIDTH))
    arabics = _find_arabic(view, text)
    used: set[int] = set()
    pairs: list[AmountPair] = []
    for m in _CAPITAL_RE.finditer(text):
        amount = m.group("amount")
        if not any(ch in _CAP_DIGIT_CHARS or ch in _LOW_DIGIT_CHARS for ch in amount):
            continue
        start, end = m.start(), m.end()
        if start > 0 and view[start - 1].isascii() and view[start - 1].isalnum():
            continue
        strict_digits = any(ch in _CAP_DIGIT_CHARS for ch in amount)
        marked = bool(m.group("prefix")) or bool(_DAXIE_BEFORE.search(text[max(0, start - _WINDOW) : start]))

        twin = _pair(text, start, end, arabics, used)
        if not strict_digits and not marked and twin is None:
            continue
        if twin is not None:
            used.add(id(twin))
        pairs.append(_make_pair(text, start, end, m, twin))
    return pairs


def _pair(text: str, start: int, end: int, arabics: _ArabicIndex, used: set[int]) -> _Arabic | None:
    lo = bisect.bisect_left(arabics.ends, start - _WINDOW)
    hi = bisect.bisect_right(arabics.starts, end + _WINDOW)
    near = [
        a
        for a in arabics.items[lo:hi]
        if id(a) not in used and (0 <= a.span.start - end <= _WINDOW or 0 <= start - a.span.end <= _WINDOW)
    ]
    for a in near:  # 1. X（¥N）
        after = text[a.span.end : a.span.end + _WINDOW]
        if a.span.start >= end and _OPEN_AFTER.match(text[end : a.span.start]) and _CLOSE.match(after):
            return a
    for a in near:  # 2. N（大写：X）
        if a.span.end <= start and _OPEN_BEFORE.match(text[a.span.end : start]):
            return a
    for a in near:  # 3. adjacent with a connector
        if not a.has_marker:
            continue
        if a.span.start >= end and _CONNECT_AFTER.match(text[end : a.span.start]):
            return a
        if a.span.end <= start and _CONNECT_BEFORE.match(text[a.span.end : start]):
            return a
    return None


def _capital_unit(amount: str) -> str:
    stripped = amount.rstrip("整正").translate(_UNIT_VARIANTS)
    for unit in ("万元", "亿元"):
        if stripped.endswith(unit):
            return unit
    return "元"


def _make_pair(text: str, start: int, end: int, m: re.Match[str], twin: _Arabic | None) -> AmountPair:
    raw = text[start:end]
    unit = _capital_unit(m.group("amount") + (m.group("zheng") or ""))
    try:
        parsed = parse_capital_amount(raw)
    except ValueError as exc:
        capital = AmountSpan(start, end, raw, None, unit)
        return AmountPair(capital, twin.span if twin else None, None, (), False, str(exc))
    style = parsed.style_errors
    if twin is not None and twin.has_rmb:
        style = tuple(s for s in style if s != "缺少“人民币”前缀")
    capital = AmountSpan(start, end, raw, parsed.value, unit)
    matches = None if twin is None else parsed.value == twin.span.value
    return AmountPair(capital, twin.span if twin else None, matches, style, parsed.is_strict)
