"""WordprocessingML helpers for reading .docx: walking body content and runs, and automatic numbering.

A paragraph is numbered through ``w:numPr`` (its own, or its style's); ``numbering.xml`` maps the ``numId`` to an
abstract definition whose level gives the counter's format (``w:numFmt``), the label template (``w:lvlText``, e.g.
``第%1条``, where ``%N`` is the counter of level N, 1-based) and what follows the label (``w:suff``). Word keeps one
set of counters per abstract definition, so list instances (``w:num``) that share it continue each other; an
instance with a ``w:startOverride`` restarts and counts on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def w(tag: str) -> str:
    """Return the Clark name of a WordprocessingML tag, e.g. ``w("p")``."""
    return f"{{{W_NS}}}{tag}"


def wval(el: etree._Element | None, attr: str = "val") -> str | None:
    """Return the ``w:val`` (or another ``w:`` attribute) of ``el``, or None when ``el`` is None."""
    return None if el is None else el.get(w(attr))


def to_int(value: str | None, default: int) -> int:
    """Return ``value`` as an int, or ``default`` when it is absent or not a number."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


P, TBL, TR, TC, R = w("p"), w("tbl"), w("tr"), w("tc"), w("r")
_TRANSPARENT = {w("sdt"), w("sdtContent"), w("customXml"), w("smartTag")}
_INLINE = _TRANSPARENT | {w("hyperlink"), w("fldSimple"), w("dir"), w("bdo")}
SHOWN_REVISION, HIDDEN_REVISION = {w("ins"), w("moveTo")}, {w("del"), w("moveFrom")}


def block_content(el: etree._Element, tags: tuple[str, ...] = (P, TBL)) -> Iterator[etree._Element]:
    """Yield the children of ``el`` with one of ``tags``, looking through content controls and custom XML."""
    for child in el.iterchildren():
        if child.tag in tags:
            yield child
        elif child.tag in _TRANSPARENT:
            yield from block_content(child, tags)


def walk_runs(el: etree._Element, shown: bool = True) -> Iterator[tuple[etree._Element, bool]]:
    """Yield (element, shown) for every ``w:r`` and revision container of a paragraph, in document order.

    ``shown`` is False inside deletions (``w:del``, ``w:moveFrom``): the text Word shows once changes are accepted.
    """
    for child in el.iterchildren():
        tag = child.tag
        if tag == R:
            yield child, shown
        elif tag in SHOWN_REVISION or tag in HIDDEN_REVISION:
            yield child, shown
            yield from walk_runs(child, shown and tag in SHOWN_REVISION)
        elif tag in _INLINE:
            yield from walk_runs(child, shown)


def docx_runs(p: etree._Element) -> list[etree._Element]:
    """Return the ``w:r`` elements of paragraph ``p`` in the order of ``Block.runs`` (see ``nlp.reading``).

    Args:
        p: a ``w:p`` element (e.g. ``docx_paragraphs(document)[block.location]``).

    Returns:
        The runs, including deleted and hidden ones (their spans in ``Block.runs`` are empty).
    """
    return [el for el, _ in walk_runs(p) if el.tag == R]


_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"


def _section(n: int, digits: str, units: str, zero: bool, one_before_unit: bool) -> str:
    """Spell 0 < n < 10000 with ``units`` = thousands, hundreds, tens."""
    out, gap = "", False
    for value, unit in ((1000, units[0]), (100, units[1]), (10, units[2]), (1, "")):
        d = n // value % 10
        if d == 0:
            gap = gap or bool(out)
            continue
        if gap and zero:
            out += digits[0]
        gap = False
        out += unit if (d == 1 and unit and not one_before_unit) else digits[d] + unit
    return out


def chinese_number(n: int, *, legal: bool = False, japanese: bool = False) -> str:
    """Spell a positive integer in Chinese counting (一、十一、一百零一), legal capitals or Japanese counting.

    >>> [chinese_number(k) for k in (1, 10, 11, 20, 21, 100, 101, 110, 1010, 10001)]
    ['一', '十', '十一', '二十', '二十一', '一百', '一百零一', '一百一十', '一千零一十', '一万零一']
    >>> chinese_number(12, legal=True), chinese_number(101, japanese=True)
    ('壹拾贰', '百一')
    """
    if n <= 0 or n >= 10**8:
        return str(n)
    digits, units = (_CN_LEGAL, "仟佰拾") if legal else (_CN_DIGITS, "千百十")
    hi, lo = divmod(n, 10000)
    out = _section(hi, digits, units, not japanese, not japanese) + "万" if hi else ""
    if lo:
        out += (digits[0] if hi and lo < 1000 and not japanese else "") + _section(lo, digits, units, not japanese,
                                                                                    not japanese)
    if not legal and not japanese and out.startswith("一十"):
        out = out[1:]  # 十一, not 一十一
    return out


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        k, n = divmod(n, value)
        out += sym * k
    return out


def _enclosed(n: int, ranges: tuple[tuple[int, int, int], ...]) -> str:
    for low, high, base in ranges:
        if low <= n <= high:
            return chr(base + n - low)
    return str(n)


_CIRCLED = ((1, 20, 0x2460), (21, 35, 0x3251), (36, 50, 0x32B1))


def format_number(n: int, fmt: str) -> str:
    """Format counter value ``n`` the way Word's ``w:numFmt`` ``fmt`` displays it.

    Unknown formats fall back to decimal.

    >>> [format_number(12, f) for f in ("decimal", "chineseCounting", "upperLetter", "lowerRoman", "ideographDigital")]
    ['12', '十二', 'L', 'xii', '一二']
    >>> format_number(3, "ideographTraditional"), format_number(28, "upperLetter"), format_number(2, "decimalZero")
    ('丙', 'BB', '02')
    """
    if fmt in ("none", "bullet"):
        return ""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return chinese_number(n)
    if fmt == "chineseLegalSimplified":
        return chinese_number(n, legal=True)
    if fmt in ("japaneseCounting", "japaneseDigitalTenThousand"):
        return chinese_number(n, japanese=True)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseLegal"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n)) if n >= 0 else str(n)
    if fmt == "ideographTraditional" and n > 0:
        return "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10]
    if fmt == "ideographZodiac" and n > 0:
        return "子丑寅卯辰巳午未申酉戌亥"[(n - 1) % 12]
    if fmt in ("upperLetter", "lowerLetter") and n > 0:
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate({ord(str(d)): chr(0xFF10 + d) for d in range(10)})
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _enclosed(n, _CIRCLED)
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, ((1, 20, 0x2488),))
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, ((1, 20, 0x2474),))
    if fmt == "ideographEnclosedCircle":
        return _enclosed(n, ((1, 10, 0x3280),))
    if fmt == "ideographLegalTraditional":
        return chinese_number(n, legal=True)
    return str(n)


@dataclass(frozen=True)
class Level:
    """One level of an abstract numbering definition."""

    start: int = 0  # ECMA-376 17.9.25: an absent w:start means 0
    fmt: str = "decimal"
    text: str = ""
    suffix: str = "tab"
    restart: int | None = None  # w:lvlRestart: None = after any higher level, 0 = never, n = after level n (1-based)
    legal: bool = False  # w:isLgl: every level shown in decimal
    style: str | None = None  # w:pStyle: the paragraph style tied to this level


def _level(lvl: etree._Element) -> Level:
    fmt_el = lvl.find(w("numFmt"))
    if fmt_el is None:  # Word 2010 custom formats: the decimal fallback sits in mc:AlternateContent
        fmt_el = lvl.find(f"{{{MC_NS}}}AlternateContent/{{{MC_NS}}}Fallback/{w('numFmt')}")
    restart = wval(lvl.find(w("lvlRestart")))
    return Level(start=to_int(wval(lvl.find(w("start"))), 0), fmt=wval(fmt_el) or "decimal",
                 text=wval(lvl.find(w("lvlText"))) or "", suffix=wval(lvl.find(w("suff"))) or "tab",
                 restart=None if restart is None else to_int(restart, 0),
                 legal=lvl.find(w("isLgl")) is not None and wval(lvl.find(w("isLgl"))) not in ("0", "false"),
                 style=wval(lvl.find(w("pStyle"))))


_SUFFIX = {"tab": "　", "space": " ", "nothing": ""}
_PLACEHOLDER = re.compile(r"%([1-9])")


class Numbering:
    """The numbering definitions of one document and the running counters, fed paragraphs in body order.

    Args:
        numbering: the root of ``word/numbering.xml`` (``w:numbering``), or None when the document has none.
        styles: the root of ``word/styles.xml`` (``w:styles``), or None.
    """

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._style_link: dict[str, str] = {}
        self._nums: dict[str, tuple[str, dict[int, int], dict[int, Level]]] = {}
        self._styles: dict[str, etree._Element] = {}
        self._default_style: str | None = None
        self._counters: dict[str, dict[int, int]] = {}
        if styles is not None:
            for st in styles.iterchildren(w("style")):
                if st.get(w("type")) == "paragraph" and st.get(w("styleId")):
                    self._styles[st.get(w("styleId"))] = st
                    if st.get(w("default")) in ("1", "true", "on"):
                        self._default_style = st.get(w("styleId"))
        if numbering is None:
            return
        for an in numbering.iterchildren(w("abstractNum")):
            aid = an.get(w("abstractNumId"))
            self._abstract[aid] = {to_int(lvl.get(w("ilvl")), 0): _level(lvl) for lvl in an.iterchildren(w("lvl"))}
            link = wval(an.find(w("numStyleLink")))
            if link:
                self._style_link[aid] = link
        for num in numbering.iterchildren(w("num")):
            starts, levels = {}, {}
            for ov in num.iterchildren(w("lvlOverride")):
                ilvl = to_int(ov.get(w("ilvl")), 0)
                if (so := ov.find(w("startOverride"))) is not None:
                    starts[ilvl] = to_int(wval(so), 0)
                if (lvl := ov.find(w("lvl"))) is not None:
                    levels[ilvl] = _level(lvl)
            self._nums[num.get(w("numId"))] = (wval(num.find(w("abstractNumId"))), starts, levels)

    def _num_pr(self, p: etree._Element) -> tuple[str | None, int | None, str | None]:
        """Return (numId, ilvl, styleId) for a paragraph, following its style chain for what it lacks."""
        ppr = p.find(w("pPr"))
        style = wval(ppr.find(w("pStyle"))) if ppr is not None else None
        style = style or self._default_style
        num_pr = ppr.find(w("numPr")) if ppr is not None else None
        num_id = wval(num_pr.find(w("numId"))) if num_pr is not None else None
        ilvl = wval(num_pr.find(w("ilvl"))) if num_pr is not None else None
        seen, sid, owner = set(), style, None
        while sid and sid in self._styles and sid not in seen and (num_id is None or ilvl is None):
            seen.add(sid)
            st = self._styles[sid]
            snp = st.find(f"{w('pPr')}/{w('numPr')}")
            if snp is not None:
                if num_id is None and (sv := wval(snp.find(w("numId")))) is not None:
                    num_id, owner = sv, sid
                if ilvl is None and num_id is not None:
                    ilvl = wval(snp.find(w("ilvl")))
            sid = wval(st.find(w("basedOn")))
        return num_id, (None if ilvl is None else to_int(ilvl, 0)), owner

    def _resolve(self, num_id: str) -> tuple[str, dict[int, Level], dict[int, int]] | None:
        abstract_id, starts, overrides = self._nums.get(num_id, (None, {}, {}))
        for _ in range(3):  # numStyleLink: the abstract definition lives in the list style's numbering
            link = self._style_link.get(abstract_id) if abstract_id else None
            if not link or link not in self._styles:
                break
            linked = wval(self._styles[link].find(f"{w('pPr')}/{w('numPr')}/{w('numId')}"))
            abstract_id = self._nums.get(linked, (None, {}, {}))[0]
        if abstract_id not in self._abstract:
            return None
        levels = {**self._abstract[abstract_id], **overrides}
        key = f"num:{num_id}" if starts else f"abstract:{abstract_id}"
        return key, levels, starts

    def label(self, p: etree._Element) -> tuple[str, str] | None:
        """Advance the counters for paragraph ``p`` and return (label, suffix), or None when it is not numbered.

        Call it once per paragraph, in body order, for every paragraph that is displayed.
        """
        num_id, ilvl, owner_style = self._num_pr(p)
        if not num_id or num_id == "0" or num_id not in self._nums:
            return None
        resolved = self._resolve(num_id)
        if resolved is None:
            return None
        key, levels, starts = resolved
        if ilvl is None:  # numbering from a style without w:ilvl: the level tied to that style, else 0
            ilvl = next((k for k, lv in levels.items() if owner_style and lv.style == owner_style), 0)
        level = levels.get(ilvl)
        if level is None:
            return None
        counters = self._counters.setdefault(key, {})
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else starts.get(ilvl, level.start)
        for k in [k for k in counters if k > ilvl]:
            restart = levels[k].restart if k in levels else None
            if restart is None or (restart > 0 and ilvl < restart):
                del counters[k]
        if level.fmt == "bullet":
            return None  # bullet glyphs are usually private-use Symbol characters: no label worth quoting

        def one(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            lv = levels.get(k, Level())
            value = counters.get(k, starts.get(k, lv.start))
            return format_number(value, "decimal" if level.legal and lv.fmt != "none" else lv.fmt)

        text = _PLACEHOLDER.sub(one, level.text)
        if not text.strip():
            return None
        return text, _SUFFIX.get(level.suffix, "　")


def numbering_root(document: Any) -> etree._Element | None:
    """Return the ``w:numbering`` root of a python-docx ``Document``, or None when it has no numbering part."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        part = document.part.part_related_by(RT.NUMBERING)
    except KeyError:
        return None
    element = getattr(part, "element", None)  # python-docx parses known parts with entities off; others: ours
    return element if element is not None else etree.fromstring(part.blob, _SAFE_PARSER)
