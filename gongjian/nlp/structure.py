"""Structure of an agreement's plain text: articles, parties, signature blocks.

Works on the extracted text (offsets index it, so evidence can be quoted exactly). Numbering styles recognised:
第X章, 第X条, 一、, （一）, 1. / 1、 / 1.1, and 附件X; the unit of classification is the most frequent top-level
style (第X条 when the document has them, else 一、 sections, else numbered items, else paragraphs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongjian.contracts.text import normalise

_CN = "零〇一二三四五六七八九十百两"
_LINE = re.compile(r"[^\n]*\n?")
# Each style: (name, regex on the normalised line start, level).
_STYLES = (
    ("chapter", re.compile(rf"^\s*(?:#{{1,6}}\s*)?第[{_CN}\d]+章\s*"), 0),
    # Not a reference that a PDF line wrap put at the start of a line (“第二条列明的任务”, “第五条约定的比例”).
    ("article", re.compile(rf"^\s*(?:#{{1,6}}\s*)?第[{_CN}\d]+条(?![款项])"
                           r"(?!\s*(?:列明|约定|规定|所[列述称指]|的|之|中(?:的|规定|约定|所)|项下|[、和及或至]|第))"
                           r"[\s:]*"), 1),
    ("cn-section", re.compile(rf"^\s*[{_CN}]+(?:[、.]|,(?=\S))\s*"), 1),  # 一、 一. and older forms' 一，
    ("cn-paren", re.compile(rf"^\s*\([{_CN}]+\)\s*"), 2),
    ("num-section", re.compile(r"^\s*\d{1,2}(\.\d{1,2})*(?:[、.](?!\d)|\s+)\s*"), 2),
    ("annex", re.compile(rf"^\s*附件[{_CN}\d]*(?=[\s:：]|$)"), 0),
)
# A signing line (甲方签字：), from its own line start; see _signature_starts for the blank lines before it.
_SIGNING_LINE = (r"[^\S\n]*(?:[甲乙丙丁戊己庚辛壬癸]方|牵头单位|成员单位)"
                 r"[^\n:：。]{0,14}(?:签名|签字|盖章|签章)\s*[:：]")
_SIGNING = re.compile(_SIGNING_LINE)
_SIGNATURE_START = re.compile(
    r"以下无正文|签署页|签字页|签章页|(?m:^[^\n]{0,16}[(（]\s*(?:公章|盖章|签章|签字盖章|签字)\s*[)）])"
    # A line that is only a unit's name and its seal mark, however long the name (甲方：浙江…科技有限公司（盖章）).
    r"|(?m:^[^\n。；;，,]{0,60}[(（]\s*(?:公章|盖章|签章|签字盖章)\s*[)）]\s*[:：]?\s*$)"
    rf"|(?m:^{_SIGNING_LINE})"
    r"|(?m:^[^\n。；;]{0,40}(?:公章|盖章|签章)\s*$)"
)
_LEAD_HINT = re.compile(r"牵头")
#: Government bodies are parties too (a 管委会 or 科技局 in a framework agreement). Every use of the suffix list is
#: anchored (end of line, 以下简称, or a lookahead), so “中铁十一局集团有限公司” is not cut at 局.
_GOV_SUFFIX = r"管理委员会|管委会|委员会|人民政府|政府|局|厅|办公室"
_ORG_SUFFIX = rf"(?:公司|大学|学院|研究院|研究所|中心|医院|集团|实验室|研究会|协会|学校|联合会|基金会|{_GOV_SUFFIX})"
_PARTY_HEAD = re.compile(
    r"^[ \t]*(?P<label>[^\s:：，,。；;]{1,14}?)[ \t]*[:：][ \t]*"
    rf"(?P<name>[^\s:：，,；;]{{4,60}}?{_ORG_SUFFIX})"
    r"(?:[ \t]*[(（]以下简称[“\"「]?(?P<short>[^”\"」)）]{1,12})[”\"」]?[)）])?[ \t]*$",
    re.M,
)
_PARTY_LABEL = re.compile(r"方|单位|成员|发起人")
_SHORT_LABEL = re.compile(r"^[甲乙丙丁戊己庚辛壬癸]方")
_SHORT_DEF = re.compile(
    rf"(?:^|(?<=[\s，,、。；;:：由与和及]))(?P<name>[一-龥()（）A-Za-z0-9·]{{2,50}}?{_ORG_SUFFIX})"
    r"[(（]以下简称[“\"「]?(?P<short>[^”\"」)）]{1,12})[”\"」]?[)）]"
)
#: A member listed on its own line under a group caption (“核心层单位：” then “重庆××大学，统一社会信用代码：…”).
_LISTED_MEMBER = re.compile(
    r"^[ \t]*(?:\d{1,2}[.、．]|[(（]?[一二三四五六七八九十\d]{1,3}[)）、．.])?[ \t]*"
    rf"(?P<name>[一-龥()（）A-Za-z0-9·]{{4,60}}?{_ORG_SUFFIX})"
    r"(?:[(（]以下简称[“\"「]?(?P<short>[^”\"」)）]{1,12})[”\"」]?[)）])?[ \t]*[，,；;][ \t]*统一社会信用代码",
    re.M,
)
_USCC = re.compile(r"统一社会信用代码\s*[:：]?\s*(?P<code>[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]{15,20})")
_LEGAL_REP = re.compile(r"法定代表人\s*(?:[(（]签字[)）])?\s*[:：]\s*(?P<name>[一-龥·]{2,8})")
_ADDRESS = re.compile(r"(?:住所|地址|注册地址)\s*[:：]\s*(?P<addr>[^\n]{4,80})")


@dataclass(frozen=True)
class Article:
    """One numbered unit of the text (an article, a section, an annex)."""

    label: str  # 第八条, 一、, 附件1 … as written (original text)
    style: str  # chapter | article | cn-section | cn-paren | num-section | annex | paragraph
    level: int
    title: str  # the heading text after the label on the same line, when the line is a heading
    start: int
    end: int  # up to the next unit of the same or a higher level
    heading_end: int  # end of the label line
    title_end: int = -1  # end of the title inside the label line (-1: the whole line)

    @property
    def name(self) -> str:
        """Return the label without trailing punctuation, e.g. 第八条 or 一."""
        return self.label.strip().rstrip("、.:：，,")


@dataclass(frozen=True)
class Party:
    """A party as the document defines it (preamble or member table)."""

    short_name: str
    full_name: str
    role_text: str = ""
    is_lead: bool = False
    uscc: str | None = None
    legal_representative: str | None = None
    address: str | None = None
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class SignatureBlock:
    """One party's block on the signature page."""

    text: str
    start: int
    end: int
    name: str | None  # the organisation named in the block, as written
    short_name: str | None
    has_seal: bool  # 公章 / 盖章 / 签章
    has_official_seal: bool  # 公章 specifically
    has_contract_seal: bool  # 合同专用章
    has_legal_rep: bool  # 法定代表人 … 签字
    has_authorised_rep: bool  # 授权代表 / 委托代理人 / 代表（签字）
    signatory: str | None
    date_text: str | None


@dataclass(frozen=True)
class Structure:
    """The structure of a document's text."""

    articles: tuple[Article, ...]
    units: tuple[Article, ...]  # the articles that are classified (one numbering level)
    unit_style: str
    title: str
    parties: tuple[Party, ...]
    signature_start: int | None
    signatures: tuple[SignatureBlock, ...] = field(default=())


def _lines(text: str):
    pos = 0
    for m in _LINE.finditer(text):
        if not m.group():
            break
        yield pos, m.group()
        pos = m.end()


_TITLE_END = re.compile(r"[:(]|_{2,}")  # a colon, a bracket, or the blank of a form (“联营期限＿＿＿＿”)


def _title(norm_heading: str, heading: str) -> str:
    """Return the title of a heading line: the part before ：or （, else the whole line when it is short.

    >>> _title("投资总额:____", "投资总额：＿＿＿＿"), _title("知识产权归属", "知识产权归属")
    ('投资总额', '知识产权归属')
    >>> _title("联营期限________________________________", "联营期限＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿")
    '联营期限'
    >>> _title("各方应在生效后30日内完成。", "各方应在生效后30日内完成。")
    ''
    """
    m = _TITLE_END.search(norm_heading)
    if m and 2 <= m.start() <= 40:
        return heading[: m.start()].strip()
    if len(norm_heading) <= 30 and not m and not re.search(r"[。;]", norm_heading):
        return heading
    return ""


def find_articles(text: str) -> list[Article]:
    """Return every numbered unit of the text in order (not yet nested).

    >>> [a.name for a in find_articles("协议\\n第一条 目标\\n正文\\n第二条 分工\\n（一）甲方\\n附件1 表")]
    ['第一条', '第二条', '（一）', '附件1']

    A reference a line wrap put at the start of a line is no heading:

    >>> [a.name for a in find_articles("第一条 目标\\n各方按\\n第一条列明的目标分工。\\n第二条所述事项\\n第二条 分工")]
    ['第一条', '第二条']
    """
    norm = normalise(text)
    found: list[tuple[str, int, int, int, str, str]] = []  # style, level, start, label_end, line_end, label
    for pos, line in _lines(norm):
        nline = line.rstrip("\n")
        for style, rx, level in _STYLES:
            m = rx.match(nline)
            if m and len(nline.strip()) > len(m.group().strip()) or (m and style in {"annex", "chapter"}):
                label = text[pos + m.start() : pos + m.end()].strip().lstrip("#＃").strip()
                found.append((style, level, pos + (len(nline) - len(nline.lstrip())), pos + m.end(),
                              pos + len(nline), label))
                break
    out = []
    for i, (style, level, start, label_end, line_end, label) in enumerate(found):
        end = len(text)
        for style2, level2, start2, *_ in found[i + 1 :]:
            if level2 <= level or style2 == style:
                end = start2
                break
        heading = text[label_end:line_end].strip()
        title = _title(normalise(heading), heading)
        title_end = text.find(title, label_end, line_end) + len(title) if title else label_end
        out.append(Article(label, style, level, title, start, end, line_end, title_end))
    return out


def choose_units(articles: list[Article], text: str) -> tuple[list[Article], str]:
    """Pick the numbering level that divides the body into clauses.

    The first style with at least three occurrences among 第X条, 一、, 1. wins; without one, every non-empty
    line (paragraph) is a unit.
    """
    for style in ("article", "cn-section", "num-section", "cn-paren"):
        units = [a for a in articles if a.style == style]
        if len(units) >= 3:
            # Close each unit at the next unit of this style or at a higher level (chapter, annex).
            closers = sorted({a.start for a in articles if a.level < units[0].level or a.style == style})
            fixed = []
            for a in units:
                end = next((s for s in closers if s > a.start), len(text))
                fixed.append(Article(a.label, a.style, a.level, a.title, a.start, end, a.heading_end, a.title_end))
            return fixed, style
    units = []
    for pos, line in _lines(text):
        if line.strip():
            start = pos + (len(line) - len(line.lstrip()))
            end = pos + len(line.rstrip())
            units.append(Article(f"第{len(units) + 1}段", "paragraph", 1, "", start, end, end))
    return units, "paragraph"


_BODY_END = re.compile(r"以下无正文")
# A line of a signature block that names no seal: who signs, and when.
_SIGNATURE_FIELD = re.compile(
    r"\s*(?:法定代表人|负责人|授权代表|委托代理人|代表|签字|签名|签署日期|签订日期|签约日期|日期)[^\n:：。]{0,8}[:：]")


def find_signature_start(text: str, units: list[Article]) -> int | None:
    """Return the offset where the signature area begins (after the last clause), or None.

    When the text has no numbered clauses (every paragraph is a unit: a short supplementary agreement, a letter of
    intent) the last paragraph is no bound. Then 以下无正文 ends the body wherever it stands (seven members' blocks
    may fill more than half of a short supplementary agreement); without it the area is looked for in the second
    half of the text and reaches back over the signature lines just above it.

    >>> text = ("补充协议\\n经双方协商一致，原协议约定的有效期延长至2030年12月31日，其余条款不变。\\n"
    ...         "（以下无正文）\\n甲方（公章）：\\n")
    >>> text[find_signature_start(text, []):].split("\\n")[0]
    '以下无正文）'
    >>> text = "补充协议\\n有效期延长至2030年12月31日。\\n"
    >>> text += "".join(f"{p}方（公章）：某某有限公司\\n" for p in "甲乙丙丁戊")
    >>> text[find_signature_start(text, []):].split("\\n")[0]
    '甲方（公章）：某某有限公司'
    """
    norm = normalise(text)
    paragraphs = not units or units[0].style == "paragraph"
    body_end = len(text) // 2 if paragraphs else units[-1].heading_end
    candidates = [start for start in _signature_starts(norm) if start >= body_end]
    if paragraphs:
        if ends := [m.start() for m in _BODY_END.finditer(norm)]:
            return ends[-1]
        if candidates:
            return _signature_lines_above(norm, candidates[0])
    return candidates[0] if candidates else None


def _signature_lines_above(norm: str, at: int) -> int:
    """Return where the run of signature lines (seal lines, signatory and date lines) that holds ``at`` begins."""
    first = at
    line_start = norm.rfind("\n", 0, at) + 1
    while line_start > 0:
        above = norm.rfind("\n", 0, line_start - 1) + 1
        line = norm[above : line_start - 1]
        if line.strip():
            seal = _SIGNATURE_START.search(line)
            if not ((seal and seal.start() <= 2) or _SIGNATURE_FIELD.match(line)):
                break
            first = above + len(line) - len(line.lstrip())
        line_start = above
    return first


def _signature_starts(norm: str):
    """Yield where each match of ``_SIGNATURE_START`` would start if its signing line began ``^\\s*``.

    Written so, the signing alternative starts at the first of the blank lines before its line, and is tried again
    at every one of them: quadratic in a run of 50,000 blank lines (issue 13, item 11). Here it is matched from its
    own line, and the match moved back over the blank lines before it: the same offsets, in linear time.
    """
    pos = 0
    while (m := _SIGNATURE_START.search(norm, pos)) is not None:
        start, end = m.start(), m.end()
        first = start
        while first > pos and norm[first - 1] == "\n":
            previous = norm.rfind("\n", 0, first - 1) + 1  # the line before, with its line break
            if previous < pos or norm[previous:first].strip():
                break
            first = previous
        if first < start and (signing := _SIGNING.match(norm, start)) is not None:
            start, end = first, signing.end()
        yield start
        pos = max(end, start + 1)


def _party(seg: str, start: int, end: int, *, short_name: str, full_name: str, role_text: str = "",
           is_lead: bool = False) -> Party:
    """Return a party whose details (统一社会信用代码, 法定代表人, 住所) are read from ``seg``, its text."""
    uscc, rep, addr = _USCC.search(seg), _LEGAL_REP.search(seg), _ADDRESS.search(seg)
    return Party(short_name=short_name, full_name=full_name, role_text=role_text, is_lead=is_lead,
                 uscc=uscc.group("code") if uscc else None,
                 legal_representative=rep.group("name") if rep else None,
                 address=addr.group("addr").strip() if addr else None, start=start, end=end)


def _line_end(norm: str, pos: int) -> int:
    end = norm.find("\n", pos)
    return len(norm) if end < 0 else end


def find_parties(text: str, stop: int) -> list[Party]:
    """Return the parties defined before ``stop`` (the first article).

    Two styles: a header line per party — ``甲方（牵头单位）：全称`` or ``牵头单位：全称（以下简称“X”）`` — followed
    by its 统一社会信用代码 / 法定代表人 / 住所 lines; or a recital naming ``全称（以下简称“X”）``.
    """
    head = text[:stop]
    norm = normalise(head)
    heads = [m for m in _PARTY_HEAD.finditer(norm) if _PARTY_LABEL.search(m.group("label"))]
    parties = []
    for i, m in enumerate(heads):
        seg_end = heads[i + 1].start() if i + 1 < len(heads) else min(len(norm), m.end() + 200)
        label = head[m.start("label") : m.end("label")]
        short = m.group("short") or (lab.group() if (lab := _SHORT_LABEL.match(label)) else label)
        parties.append(_party(norm[m.start() : seg_end], m.start(), seg_end, short_name=short,
                              full_name=head[m.start("name") : m.end("name")], role_text=label,
                              is_lead="牵头" in label))
    if parties:  # members listed by name under a group caption, beside the labelled ones
        known = {p.full_name for p in parties}
        for m in _LISTED_MEMBER.finditer(norm):
            name = head[m.start("name") : m.end("name")]
            if name in known:
                continue
            known.add(name)
            end = _line_end(norm, m.end())
            parties.append(_party(norm[m.start() : end], m.start(), end, short_name=m.group("short") or name,
                                  full_name=name))
        parties.sort(key=lambda p: p.start)
    if not parties:
        for m in _SHORT_DEF.finditer(norm):
            before = norm[max(0, m.start() - 12) : m.start()]
            parties.append(Party(short_name=m.group("short"), full_name=head[m.start("name") : m.end("name")],
                                 is_lead="牵头" in before, start=m.start(), end=m.end()))
    return parties


#: A member named in an item of the first articles: “（一）牵头单位：××有限公司（以下简称“××”），统一社会信用代码…”.
_PARTY_ITEM = re.compile(
    r"^[ \t]*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、．.][ \t]*)?"
    r"(?P<label>[^\s:：，,。；;]{1,14}?)[ \t]*[:：][ \t]*"
    rf"(?P<name>[一-龥()（）A-Za-z0-9·]{{4,60}}?{_ORG_SUFFIX})"
    r"(?:[ \t]*[(（]以下简称[“\"「]?(?P<short>[^”\"」)）]{1,12})[”\"」]?[)）])?[ \t]*(?=[，,；;。]|$)",
    re.M,
)
_CAPTION_LINE = re.compile(
    r"^[ \t]*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、．.][ \t]*)?"
    r"(?P<cap>[^\s:：，,。；;]{2,12}?(?:单位|成员|方))[ \t]*[:：]?[ \t]*$",
    re.M,
)
_MEMBERS_TITLE = re.compile(r"成员|各方|当事人|组成|合作方|主体|共建单位|组建单位|签约|发起")


def find_parties_in_articles(text: str, units: list[Article]) -> list[Party]:
    """Return the parties an agreement names in its first articles rather than above them.

    “第一条【成员单位】本联合体由以下五家单位组成：（一）牵头单位：××（以下简称“××”），统一社会信用代码……”: the
    article about the members (or, failing a title that says so, the first article) lists them item by item.
    """
    candidates = [u for u in units[:4] if _MEMBERS_TITLE.search(u.title or "")] or units[:1]
    unit = candidates[0]
    seg_text = text[: unit.end]
    norm = normalise(seg_text)
    parties = []
    # A role label (牵头单位、乙方、成员单位), or any label (上游企业、高校) on a line that also gives the unit's code.
    items = [m for m in _PARTY_ITEM.finditer(norm, unit.start)
             if _PARTY_LABEL.search(m.group("label")) or "统一社会信用代码" in norm[m.end() : _line_end(norm, m.end())]]
    for i, m in enumerate(items):
        seg_end = items[i + 1].start() if i + 1 < len(items) else min(unit.end, m.end() + 200)
        label = seg_text[m.start("label") : m.end("label")]
        name = seg_text[m.start("name") : m.end("name")]
        # A group caption on the lines above (“（一）牵头单位” over “甲方：××”) gives the role.
        above = norm[items[i - 1].end() if i else unit.start : m.start()]
        caption = next((c.group("cap") for c in reversed(list(_CAPTION_LINE.finditer(above)))), "")
        parties.append(_party(
            norm[m.start() : seg_end], m.start(), seg_end,
            short_name=m.group("short") or (lab.group() if (lab := _SHORT_LABEL.match(label)) else name),
            full_name=name, role_text=label if not caption else f"{label}（{caption}）",
            is_lead="牵头" in label or "牵头" in caption))
    return parties if len(parties) >= 2 else []


_SIG_NAME = re.compile(
    r"(?P<short>[甲乙丙丁戊己庚辛壬癸]方|牵头单位|成员单位)?\s*(?:[(（][^)）]{0,10}[)）])?\s*[:：]?\s*"
    r"(?P<name>[一-龥()（）A-Za-z0-9·]{4,60}(?:公司|大学|学院|研究院|研究所|中心|医院|集团|实验室"
    rf"|(?:{_GOV_SUFFIX})(?![一-龥])))"
)
_SIGNATORY = re.compile(
    r"(?:法定代表人|授权代表|委托代理人|代表)[^\S\n]*(?:[(（]签字[)）]|签字)?[^\S\n]*[:：][^\S\n]*(?P<name>[一-龥·]{2,8})"
)
_DATE = re.compile(r"(?:日期|签署日期|签订日期)[^\S\n]*[:：][^\S\n]*(?P<date>[^\n\t]*)")


def find_signature_blocks(text: str, start: int | None) -> list[SignatureBlock]:
    """Split the signature area into one block per party (blank-line separated, or one per 公章 line)."""
    if start is None:
        return []
    area = text[start:]
    norm = normalise(area)
    # Blocks start at lines naming a seal or a party; split on those lines.
    # Lines, or table cells side by side (joined by a tab), that name a seal start a block.
    starts = [m.start() for m in re.finditer(r"(?:^|(?<=[\n\t]))[^\n\t]*(公章|盖章|签章|签字盖章|专用章)[^\n\t]*", norm)
              if not re.search(r"以下无正文|无正文|以下为签|签[署章字]页", m.group())]
    if not starts:
        return []
    blocks = []
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else len(norm)
        chunk_norm = norm[s:e]
        chunk = area[s:e]
        name = _SIG_NAME.search(chunk_norm)
        signatory = _SIGNATORY.search(chunk_norm)
        date = _DATE.search(chunk_norm)
        blocks.append(SignatureBlock(
            text=chunk.strip(),
            start=start + s,
            end=start + s + len(chunk.rstrip()),
            name=chunk[name.start("name") : name.end("name")] if name else None,
            short_name=name.group("short") if name and name.group("short") else None,
            has_seal=bool(re.search(r"公章|盖章|签章", chunk_norm)),
            has_official_seal="公章" in chunk_norm,
            has_contract_seal="合同专用章" in chunk_norm,
            has_legal_rep=bool(re.search(r"法定代表人", chunk_norm)),
            has_authorised_rep=bool(re.search(r"授权代表|委托代理人|(?<!法定)代表\s*[(（]?签字", chunk_norm)),
            signatory=signatory.group("name") if signatory else None,
            date_text=date.group("date").strip() if date else None,
        ))
    return blocks


def parse_structure(text: str) -> Structure:
    """Return the structure of an agreement's text."""
    articles = find_articles(text)
    units, style = choose_units(articles, text)
    first_line = next((line.strip() for _, line in _lines(text) if line.strip()), "")
    sig_start = find_signature_start(text, units)
    if sig_start is not None and units and units[-1].end > sig_start:
        last = units[-1]
        units[-1] = Article(last.label, last.style, last.level, last.title, last.start, sig_start, last.heading_end,
                            last.title_end)
    parties = find_parties(text, units[0].start if units and style != "paragraph" else min(len(text), 3000))
    if not parties and units and style != "paragraph":
        parties = find_parties_in_articles(text, units)
    return Structure(
        articles=tuple(articles),
        units=tuple(units),
        unit_style=style,
        title=first_line[:80],
        parties=tuple(parties),
        signature_start=sig_start,
        signatures=tuple(find_signature_blocks(text, sig_start)),
    )
