"""Named checks that library elements refer to (``check: percent_sum``): what a phrase list cannot express.

Each check takes the normalised text of a clause and returns whether the element's substance is there. The
algorithms themselves (USCC, 大写金额, shares, dates) live in ``gongjian.contracts`` with doctests; this module
only gives them stable names for the data.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_CN_NUM = "零〇一二两三四五六七八九十百千万"
_NUMBER = re.compile(rf"\d|[{_CN_NUM}]+[个项名人次年月日天份家%倍]")
_DAYS = re.compile(rf"(\d+|[{_CN_NUM}]+)个?(工作)?(日|天|个月|月|年)")
_AMOUNT = re.compile(rf"(\d[\d,]*(\.\d+)?\s*(万|亿)?元)|([壹贰叁肆伍陆柒捌玖拾佰仟{_CN_NUM}]+(万|亿)?元)")


def has_number(text: str) -> bool:
    """Return whether the text states a number (Arabic, or Chinese with a counter).

    >>> has_number("每半年至少召开1次会议"), has_number("定期召开会议")
    (True, False)
    >>> has_number("三分之二以上理事出席")
    True
    """
    return bool(_NUMBER.search(text)) or "分之" in text


def has_period(text: str) -> bool:
    """Return whether the text states a period or deadline in days, months or years.

    >>> has_period("收到通知之日起15日内"), has_period("及时通知")
    (True, False)
    """
    return bool(_DAYS.search(text))


def has_amount(text: str) -> bool:
    """Return whether the text states a money amount.

    >>> has_amount("投入人民币叁仟陆佰万元整"), has_amount("投入3,600万元"), has_amount("适当投入")
    (True, True, False)
    """
    return bool(_AMOUNT.search(text))


def has_share(text: str) -> bool:
    """Return whether the text states a percentage, fraction or ratio.

    >>> has_share("按甲方50%、乙方30%、丙方20%分配"), has_share("按贡献大小合理分配")
    (True, False)
    """
    from gongjian.contracts.numbers import find_shares

    return bool(find_shares(text)) or bool(re.search(r"\d+\s*:\s*\d+", text))


def has_complete_shares(text: str) -> bool:
    """Return whether some sentence states shares that sum to 100 %.

    >>> has_complete_shares("按甲方50%、乙方30%、丙方20%的比例分配。")
    True
    >>> has_complete_shares("按甲方50%、乙方30%的比例分配。")
    False
    """
    from gongjian.contracts.numbers import find_shares, shares_sum_ok

    for sentence in re.split(r"[。；;\n]", text):
        values = [s.value for s in find_shares(sentence) if not s.is_bound]
        if len(values) >= 2 and shares_sum_ok(values):
            return True
    return False


def has_valid_uscc(text: str) -> bool:
    """Return whether the text contains at least one valid 统一社会信用代码.

    >>> has_valid_uscc("统一社会信用代码：91320500MA27QX8H9H"), has_valid_uscc("代码：91320500MA27QX8H9J")
    (True, False)
    """
    from gongjian.contracts.uscc import check_uscc

    return any(check_uscc(m.group()).is_valid for m in re.finditer(r"[0-9A-Z]{18}", text))


def has_date(text: str) -> bool:
    """Return whether the text states a real calendar date.

    >>> has_date("应于2026年6月30日前交付"), has_date("应于2026年2月30日前交付"), has_date("按期交付")
    (True, False, False)
    """
    from gongjian.contracts.dates import find_dates

    return any(d.date is not None for d in find_dates(text))


#: The names the library data may use in ``check:``.
CHECKS: dict[str, Callable[[str], bool]] = {
    "number": has_number,
    "period": has_period,
    "amount": has_amount,
    "share": has_share,
    "percent_sum": has_complete_shares,
    "uscc": has_valid_uscc,
    "date": has_date,
}
