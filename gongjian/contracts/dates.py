"""Chinese dates in contracts (clause spec X09, X18).

Pure functions, no I/O. Recognised forms: ``2025年6月18日``, ``二〇二五年六月十八日`` /
``二零二五年六月十八日``, ``2025-06-18``, ``2025.6.18``, ``2025/6/18`` (full-width digits
too), and template blanks such as ``年  月  日`` / ``____年__月__日``.

Term arithmetic follows 民法典 第二百零二条: when the corresponding day does not exist
in the end month, the last day of that month is used.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = [
    "FoundDate",
    "add_years",
    "find_dates",
    "format_chinese_date",
    "parse_date",
    "term_end",
]

_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_HALF_WIDTH = str.maketrans("０１２３４５６７８９．－／", "0123456789.-/")

# Quantifiers are bounded so that long runs of spaces cannot make the scan quadratic.
_BLANK = r"[_＿ \t\u3000\xa0]{0,40}"
_SP = r"[ \t\u3000\xa0]{0,4}"
_CN_YEAR = "[〇零○Ｏ一二三四五六七八九]{4}"
_CN_MD = "[一二三四五六七八九十]{1,3}"
_CJK_DATE = re.compile(
    rf"(?<![\d〇零○Ｏ一二三四五六七八九])"
    rf"(?P<y>\d{{4}}|{_CN_YEAR}|{_BLANK})\s{{0,4}}年"
    rf"(?P<m>{_SP}(?:\d{{1,2}}|{_CN_MD}){_SP}|{_BLANK})月"
    rf"(?P<d>{_SP}(?:\d{{1,2}}|{_CN_MD}){_SP}|{_BLANK})日"
)
_NUMERIC_DATE = re.compile(
    r"(?<![\d.\-/])(?P<y>\d{4})(?P<sep>[-./])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d.\-/]*\d)"
)


@dataclass(frozen=True)
class FoundDate:
    """A date (or a blank date field) found in a text.

    Attributes:
        start: Offset of the first character in the searched text.
        end: Offset one past the last character.
        raw: ``text[start:end]``.
        date: The date, or None when it is blank or not a real calendar date.
        error: Chinese message when the date is not a real calendar date, else None.
        is_blank: True for unfilled template fields (``年  月  日``, ``____年__月__日``).
    """

    start: int
    end: int
    raw: str
    date: dt.date | None
    error: str | None = None
    is_blank: bool = False


def _cn_small_int(text: str) -> int:
    """Parse 1–99 written as 六 / 十八 / 三十一 / 二十 (or Arabic digits).

    Examples:
        >>> _cn_small_int("十八"), _cn_small_int("三十一"), _cn_small_int("二十"), _cn_small_int("6")
        (18, 31, 20, 6)
    """
    if text.isdigit():
        return int(text)
    head, sep, tail = text.partition("十")
    if not sep:
        return _CN_DIGITS[text] if len(text) == 1 else -1
    tens = _CN_DIGITS.get(head, -100) if head else 1
    units = _CN_DIGITS.get(tail, -100) if tail else 0
    return tens * 10 + units if tens > 0 and units >= 0 else -1


def _year(text: str) -> int:
    if text.isdigit():
        return int(text)
    return int("".join(str(_CN_DIGITS[ch]) for ch in text))


def _build(start: int, end: int, raw: str, year: int, month: int, day: int) -> FoundDate:
    if month < 0 or day < 0:
        return FoundDate(start, end, raw, None, f"“{raw}”不是有效日期")
    try:
        return FoundDate(start, end, raw, dt.date(year, month, day))
    except ValueError:
        return FoundDate(start, end, raw, None, f"{year}年{month}月{day}日不是有效日期")


def _is_blank_field(text: str) -> bool:
    return not text.strip(" \t\u3000\xa0") or set(text) <= set("_＿ \t\u3000\xa0")


def find_dates(text: str) -> list[FoundDate]:
    """Find every full date and every blank date field in ``text``.

    Month-only dates (``2026年6月``) and dates without a year (``每年3月31日``) are not
    reported.

    Args:
        text: Any contract text.

    Returns:
        The dates in text order.

    Examples:
        >>> [(f.raw, f.date) for f in find_dates("甲方于2025年6月18日、乙方于二〇二五年六月十九日签署")]
        [('2025年6月18日', datetime.date(2025, 6, 18)), ('二〇二五年六月十九日', datetime.date(2025, 6, 19))]
        >>> find_dates("签署日期：2025年2月30日")[0].error
        '2025年2月30日不是有效日期'
        >>> [(f.raw, f.is_blank) for f in find_dates("日期：____年__月__日；每年3月31日前；2025.6.18")]
        [('____年__月__日', True), ('2025.6.18', False)]
    """
    view = text.translate(_HALF_WIDTH)
    found: list[FoundDate] = []
    for m in _CJK_DATE.finditer(view):
        y, mo, d = m.group("y"), m.group("m").strip(), m.group("d").strip()
        start, end = m.span()
        y_blank, m_blank, d_blank = _is_blank_field(y), _is_blank_field(m.group("m")), _is_blank_field(m.group("d"))
        if y_blank and not (m_blank or d_blank):
            if not y:  # 每年3月31日: no year at all, not a template blank
                continue
        while start < end and view[start].isspace():  # keep swallowed leading spaces out of the span
            start += 1
        if y_blank or m_blank or d_blank:
            found.append(FoundDate(start, end, text[start:end], None, None, True))
            continue
        month, day = _cn_small_int(mo), _cn_small_int(d)
        found.append(_build(start, end, text[start:end], _year(y.strip()), month, day))
    for m in _NUMERIC_DATE.finditer(view):
        start, end = m.span()
        found.append(_build(start, end, text[start:end], int(m.group("y")), int(m.group("m")), int(m.group("d"))))
    return sorted(found, key=lambda f: f.start)


def parse_date(text: str) -> dt.date:
    """Parse a text that consists of exactly one date.

    Args:
        text: E.g. ``"2025年6月18日"``, ``"二〇二五年六月十八日"``, ``"2025-06-18"``.

    Returns:
        The date.

    Raises:
        ValueError: When the text is not one date, is a blank field or is not a real
            calendar date (Chinese message).

    Examples:
        >>> parse_date("二零二五年六月十八日")
        datetime.date(2025, 6, 18)
        >>> parse_date("２０２５/６/１８")
        datetime.date(2025, 6, 18)
        >>> parse_date("2025年2月30日")
        Traceback (most recent call last):
            ...
        ValueError: 2025年2月30日不是有效日期
    """
    stripped = text.strip()
    found = find_dates(stripped)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(stripped):
        raise ValueError(f"“{text}”不是有效的日期")
    only = found[0]
    if only.is_blank:
        raise ValueError(f"“{text}”是未填写的日期")
    if only.date is None:
        raise ValueError(only.error or f"“{text}”不是有效的日期")
    return only.date


def add_years(d: dt.date, n: int) -> dt.date:
    """Add ``n`` years; 2月29日 becomes 2月28日 in a non-leap year (民法典 第二百零二条).

    Args:
        d: The start date.
        n: Number of years (may be negative).

    Returns:
        The shifted date.

    Examples:
        >>> add_years(dt.date(2025, 6, 18), 3)
        datetime.date(2028, 6, 18)
        >>> add_years(dt.date(2024, 2, 29), 1)
        datetime.date(2025, 2, 28)
    """
    year = d.year + n
    day = min(d.day, calendar.monthrange(year, d.month)[1])
    return d.replace(year=year, day=day)


def term_end(start: dt.date, years: int) -> dt.date:
    """Return the last day of a term of ``years`` years that begins on ``start``.

    The term ends the day before its anniversary. When ``start`` is 2月29日 and the end
    year is not a leap year, the anniversary is 3月1日, so the term ends on 2月28日
    (``add_years(start, years) - 1 day`` would lose a day).

    Args:
        start: First day of the term (counted).
        years: Term length in years (≥ 1).

    Returns:
        The last day of the term.

    Examples:
        >>> term_end(dt.date(2025, 6, 18), 3)
        datetime.date(2028, 6, 17)
        >>> term_end(dt.date(2024, 2, 29), 1)
        datetime.date(2025, 2, 28)
        >>> term_end(dt.date(2023, 3, 1), 1)
        datetime.date(2024, 2, 29)
    """
    if years < 1:
        raise ValueError(f"期限年数应至少为1年，实际为{years}年")
    year = start.year + years
    if start.month == 2 and start.day == 29 and not calendar.isleap(year):
        anniversary = dt.date(year, 3, 1)
    else:
        anniversary = start.replace(year=year)
    return anniversary - dt.timedelta(days=1)


def format_chinese_date(d: dt.date) -> str:
    """Format a date as ``2025年6月18日``.

    Examples:
        >>> format_chinese_date(dt.date(2025, 6, 8))
        '2025年6月8日'
    """
    return f"{d.year}年{d.month}月{d.day}日"
