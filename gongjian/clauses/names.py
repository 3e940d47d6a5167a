"""How the library's codes read to a lawyer: regime statuses, weakness families and platform naming patterns.

The codes stay in the data and in ``--format json``; the text output shows these names. No imports of gongjian:
the browse commands load it at start.
"""

from __future__ import annotations

import re

#: A regime's ``status`` as the policy calls itself (the data's Chinese values are their own names).
STATUS_NAMES = {"issued": "已发布施行"}

#: The weakness families of spec §2.0 (``Family`` in ``clauses.schema``), short.
FAMILY_NAMES = {
    "deferral": "事后另行约定",
    "hedging": "模糊限定",
    "missing-number": "以概数代替数量",
    "missing-party": "义务主体缺失",
    "defeating-alternative": "自相否定的选择",
    "open-list": "开放式列举",
    "placeholder": "模板空白",
    "ambiguous": "含义不明",
    "imbalance": "权利义务失衡",
    "regime-conflict": "与政策要求冲突",
    "legal-risk": "法律风险",
    "legal-invalid": "约定无效",
}


def status_name(status: str) -> str:
    """Return a regime status for a reader.

    >>> status_name("issued"), status_name("征求意见稿")
    ('已发布施行', '征求意见稿')
    """
    return STATUS_NAMES.get(status, status)


def family_name(family: str) -> str:
    """Return a weakness family for a reader (the code itself when it has no name here)."""
    return FAMILY_NAMES.get(family, family)


_ANY = re.compile(r"\.[+*]")
_OPTIONAL_GROUP = re.compile(r"\((?:[^()]*)\)\?")
_CLASS = re.compile(r"\[([^\]]*)\]\??")


def naming_pattern_text(pattern: str) -> str:
    """Return a platform naming pattern (a regular expression) as a reader writes it: …… for the free part.

    Optional parts are dropped and a choice of quote marks becomes one pair, so that the result is a name of the
    required form with a blank; the expression itself is shown under ``--debug``.

    >>> naming_pattern_text("^重庆两江新区.+产业创新联合体$")
    '重庆两江新区……产业创新联合体'
    >>> naming_pattern_text('^(拟申报|筹建)?(江苏省)?[“"”]?数动未来[”"“]?.*融合创新中心$')
    '“数动未来”……融合创新中心'
    """
    text = pattern.removeprefix("^").removesuffix("$")
    text = _OPTIONAL_GROUP.sub("", text)
    quotes = iter("“”")
    text = _CLASS.sub(lambda m: next(quotes, "") if set(m.group(1)) & set("“”\"") else m.group(0), text)
    return _ANY.sub("……", text).replace("\\", "")
