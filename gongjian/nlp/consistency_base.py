"""Shared machinery of the consistency checks (spec §3): members, the context, evidence, finding builders.

Every check reads one :class:`Context` built from the parsed document. Offsets index ``doc.text``; matching runs on
``doc.norm`` (same length), so every evidence quote is the original spelling.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from gongjian.clauses.library import ClauseLibrary
from gongjian.clauses.schema import Regime
from gongjian.contracts.money import AmountPair, find_amount_pairs
from gongjian.contracts.numbers import parse_chinese_int
from gongjian.nlp.consistency_tables import Money, Table, find_money, find_tables
from gongjian.nlp.document import ParsedDocument
from gongjian.nlp.findings import Evidence, Finding
from gongjian.nlp.matcher import sentences
from gongjian.nlp.structure import Party, SignatureBlock

SEVERITY = {"E": "error", "W": "warning", "I": "info"}

#: Policy files by number, for citations such as “《…管理办法》五(一)2”.
POLICY_FILES = {
    "000": "000_dfa3ab0701a0a92f.txt",
    "001": "001_53cb323a5183594a.txt",
    "002": "002_8009cc74d09da8a9.txt",
    "003": "003_c6d817970e017c7c.txt",
    "004": "004_552c305ebc467d0d.txt",
}

_PARTY_LABEL = re.compile(r"^[甲乙丙丁戊己庚辛壬癸]方")
_LEGAL_FORM = re.compile(r"(集团股份有限公司|集团有限公司|股份有限公司|有限责任公司|有限公司|集团公司|公司)$")
PROVINCES = (
    "北京",
    "天津",
    "上海",
    "重庆",
    "河北",
    "山西",
    "内蒙古",
    "辽宁",
    "吉林",
    "黑龙江",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "广西",
    "海南",
    "四川",
    "贵州",
    "云南",
    "西藏",
    "陕西",
    "甘肃",
    "青海",
    "宁夏",
    "新疆",
    "台湾",
    "香港",
    "澳门",
)
CN_NUM = "零〇一二三四五六七八九十百两"


def to_int(text: str) -> int | None:
    """Return the integer a Chinese or Arabic numeral stands for, or None.

    >>> to_int("十"), to_int("12"), to_int("两"), to_int("几") is None
    (10, 12, 2, True)
    """
    try:
        return parse_chinese_int(text)
    except ValueError:
        return None


def yuan(value: Decimal) -> str:
    """Format an amount of 元 for messages.

    >>> yuan(Decimal("60000000")), yuan(Decimal("1409.5"))
    ('60,000,000元', '1,409.50元')
    """
    if value == value.to_integral_value():
        return f"{int(value):,}元"
    return f"{value:,.2f}元"


# ------------------------------------------------------------------------------------------------------ members


def legal_form(name: str) -> str:
    """Return the legal-form suffix of an organisation name (有限公司 …), or ``""``.

    >>> legal_form("江苏示例智能科技有限公司"), legal_form("重庆渝江理工大学")
    ('有限公司', '')
    """
    m = _LEGAL_FORM.search(name)
    return m.group() if m else ""


def member_type(name: str, uscc: str | None) -> str | None:
    """Infer a member's type (composition rules, X04) from its name, else from USCC positions 1–2.

    >>> member_type("重庆渝江理工大学", None), member_type("重庆明湖工业软件研究院", "52500000MJP61R3B9C")
    ('university', 'institute')
    >>> member_type("吉林轻量化材料产业创新研究院有限公司", None), member_type("示例中心", None) is None
    ('enterprise', True)
    """
    if re.search(r"(公司|集团|企业|厂)$", name):
        return "enterprise"
    if name.endswith("医院"):
        return "hospital"
    if re.search(r"(研究院|研究所|科学院|研究中心|实验室)$", name):
        return "institute"
    if re.search(r"(大学|学院|学校)$", name):
        return "university"
    code = (uscc or "").upper()
    if code.startswith("91"):
        return "enterprise"
    if code.startswith("52"):  # 民办非企业单位: new-type R&D institutes
        return "institute"
    return None


_CHAIN_WORDS = (
    ("application", r"应用单位|应用方|用户单位|应用企业"),
    ("upstream", r"上游|上下游|产业链(?:联合|配套|协同)?(?:单位|企业)"),
    ("downstream", r"下游"),
)


def chain_from_role(role: str) -> str | None:
    """Return the chain position a role label states (应用单位 → application …), or None.

    >>> chain_from_role("丙方（应用单位）"), chain_from_role("乙方（产业链联合单位）"), chain_from_role("丁方")
    ('application', 'upstream', None)
    """
    for position, words in _CHAIN_WORDS:
        if re.search(words, role):
            return position
    return None


@dataclass(frozen=True)
class Member:
    """A party with everything the checks need: aliases, where it is defined, type and chain position."""

    party: Party
    index: int
    full_name: str
    norm_name: str
    label: str | None  # 甲方 …
    aliases: tuple[str, ...]  # normalised, longest first
    name_start: int
    name_end: int
    is_lead: bool
    type: str | None
    chain_position: str | None

    @property
    def display(self) -> str:
        """Return “甲方（全称）” or the full name."""
        short = self.label or (self.party.short_name if self.party.short_name != self.full_name else None)
        return f"{short}（{self.full_name}）" if short else self.full_name


def _alias_list(party: Party, label: str | None, norm_full: str, lead_unique: bool) -> tuple[str, ...]:
    from gongjian.contracts.text import normalise

    names = {norm_full}
    short = normalise(party.short_name.strip()) if party.short_name else ""
    generic = {"参与单位", "成员单位", "共建单位", "组建单位", "理事单位", "副理事长单位", "合作单位", "核心层单位"}
    if short and short not in generic and len(short) >= 2:
        names.add(short)
    if label:
        names.add(label)
    if party.is_lead and lead_unique:
        names.update({"牵头单位", "牵头方", "牵头企业"})
    return tuple(sorted(names, key=len, reverse=True))


def build_members(doc: ParsedDocument) -> tuple[Member, ...]:
    """Return the members defined by the document (preamble or member table)."""
    from gongjian.contracts.text import normalise

    parties = doc.structure.parties
    lead_unique = sum(p.is_lead for p in parties) == 1
    out = []
    for i, p in enumerate(parties):
        label_m = _PARTY_LABEL.match(normalise(p.role_text or "")) or _PARTY_LABEL.match(normalise(p.short_name or ""))
        label = label_m.group() if label_m else None
        norm_full = normalise(p.full_name)
        start = doc.text.find(p.full_name, p.start, max(p.end, p.start + len(p.full_name) + 80))
        end = start + len(p.full_name) if start >= 0 else -1
        role = (p.role_text or "") + " " + (p.short_name or "")
        out.append(
            Member(
                party=p,
                index=i,
                full_name=p.full_name,
                norm_name=norm_full,
                label=label,
                aliases=_alias_list(p, label, norm_full, lead_unique),
                name_start=start,
                name_end=end,
                is_lead=p.is_lead,
                type=member_type(norm_full, p.uscc),
                chain_position=chain_from_role(role),
            )
        )
    return tuple(out)


def alias_pattern(members: Sequence[Member]) -> re.Pattern[str] | None:
    """Return one regex matching any member alias (longest first), or None without members."""
    aliases = sorted({a for m in members for a in m.aliases}, key=len, reverse=True)
    if not aliases:
        return None
    return re.compile("|".join(re.escape(a) for a in aliases))


# ------------------------------------------------------------------------------------------------------ context


@dataclass
class Context:
    """What every check reads: the document, the library, the selected regimes and derived facts (cached)."""

    doc: ParsedDocument
    library: ClauseLibrary
    regimes: tuple[Regime, ...]
    covered: frozenset[tuple[int, int]] = frozenset()
    category_at: Callable[[int], str | None] | None = None
    cache: dict[str, object] = field(default_factory=dict)  # results shared between checks (name variants …)
    _category_cache: dict[int, str | None] = field(default_factory=dict)

    @property
    def regime_ids(self) -> tuple[str, ...]:
        """Return the ids of the selected regimes."""
        return tuple(r.id for r in self.regimes)

    @cached_property
    def members(self) -> tuple[Member, ...]:
        """Return the members of the agreement."""
        return build_members(self.doc)

    @cached_property
    def aliases(self) -> re.Pattern[str] | None:
        """Return the regex of all member aliases."""
        return alias_pattern(self.members)

    @cached_property
    def lead(self) -> Member | None:
        """Return the lead unit when exactly one member is marked as lead."""
        leads = [m for m in self.members if m.is_lead]
        return leads[0] if len(leads) == 1 else None

    @cached_property
    def tables(self) -> tuple[Table, ...]:
        """Return the body's tables."""
        return find_tables(self.doc)

    @cached_property
    def amount_pairs(self) -> tuple[AmountPair, ...]:
        """Return the 大写 amounts of the text with their Arabic twins."""
        # Normalised text (same offsets): 人民幣 counts as 人民币, full-width digits as digits.
        return tuple(find_amount_pairs(self.doc.norm))

    @cached_property
    def money(self) -> tuple[Money, ...]:
        """Return every amount of money in the text."""
        return find_money(self.doc, self.amount_pairs)

    @property
    def signature_start(self) -> int:
        """Return where the signature area starts (the end of the text when there is none)."""
        s = self.doc.structure.signature_start
        return len(self.doc.text) if s is None else s

    @property
    def signatures(self) -> tuple[SignatureBlock, ...]:
        """Return the signature blocks."""
        return self.doc.structure.signatures

    def in_signature(self, offset: int) -> bool:
        """Return whether an offset lies in the signature area."""
        return offset >= self.signature_start

    def member_by_alias(self, alias: str) -> Member | None:
        """Return the member an alias (normalised) names."""
        return next((m for m in self.members if alias in m.aliases), None)

    def member_at(self, text: str) -> Member | None:
        """Return the member whose alias the (normalised) text starts with, longest alias first."""
        best = None
        for m in self.members:
            for a in m.aliases:
                if text.startswith(a) and (best is None or len(a) > best[0]):
                    best = (len(a), m)
        return best[1] if best else None

    def member_ending(self, text: str) -> Member | None:
        """Return the member whose alias the (normalised) text ends with, longest alias first."""
        best = None
        for m in self.members:
            for a in m.aliases:
                if text.endswith(a) and (best is None or len(a) > best[0]):
                    best = (len(a), m)
        return best[1] if best else None

    def category(self, offset: int) -> str | None:
        """Return the clause category of the article at an offset (X16, X18)."""
        if offset not in self._category_cache:
            if self.category_at is None:
                self.category_at = default_category_at(self.doc, self.library)
            self._category_cache[offset] = self.category_at(offset)
        return self._category_cache[offset]

    def sentences(self, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
        """Yield the sentence spans of the normalised text."""
        return sentences(self.doc.norm, start, end)

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0, *(m.end() for m in re.finditer("\n", self.doc.norm))]

    def line_span(self, offset: int) -> tuple[int, int]:
        """Return the span of the line containing an offset (without the newline), as :func:`line_span` does.

        Found in a table of line starts, not by scanning the line: a line of 400,000 characters is asked about for
        each of its sentences.
        """
        starts = self._line_starts
        k = bisect.bisect_right(starts, offset) - 1
        return starts[k], starts[k + 1] - 1 if k + 1 < len(starts) else len(self.doc.norm)

    def is_covered(self, start: int, end: int) -> bool:
        """Return whether a span overlaps one a category defect already reports."""
        return any(s < end and start < e for s, e in self.covered)


def default_category_at(doc: ParsedDocument, library: ClauseLibrary) -> Callable[[int], str | None]:
    """Return a function giving the category placed at an offset (heading placements first, then best score)."""
    from gongjian.nlp.detect import place_categories

    placed = place_categories(doc, library)

    def at(offset: int) -> str | None:
        hits = [
            p
            for ps in placed.values()
            for p in ps
            if p.start <= offset < p.end or p.region.start <= offset < p.region.end
        ]
        if not hits:
            return None
        inner = [p for p in hits if p.start <= offset < p.end] or hits
        return max(inner, key=lambda p: (p.by_heading, p.score)).category

    return at


# ------------------------------------------------------------------------------------------------ building findings


def evidence(doc: ParsedDocument, start: int, end: int, matched_by: str) -> Evidence:
    """Return evidence quoting ``doc.text[start:end]`` trimmed of surrounding whitespace."""
    while start < end and doc.text[start] in " \t\n\u3000":
        start += 1
    while end > start and doc.text[end - 1] in " \t\n\u3000":
        end -= 1
    return Evidence(start, end, doc.text[start:end], doc.article_label(start), matched_by)


def sentence_evidence(ctx: Context, offset: int, matched_by: str, limit: int = 160) -> Evidence:
    """Return evidence quoting the sentence around an offset (at most ``limit`` characters around it)."""
    s, e = sentence_span(ctx, offset)
    if e - s > limit:
        s, e = max(s, offset - limit // 2), min(e, offset + limit // 2)
    return evidence(ctx.doc, s, e, matched_by)


def sentence_span(ctx: Context, offset: int) -> tuple[int, int]:
    """Return the span of the sentence (。；; or line) containing an offset."""
    norm = ctx.doc.norm
    s = offset
    while s > 0 and norm[s - 1] not in "。；;\n！？":
        s -= 1
    e = offset
    while e < len(norm) and norm[e] not in "。；;\n！？":
        e += 1
    if e < len(norm) and norm[e] != "\n":
        e += 1
    return s, e


def line_span(text: str, offset: int) -> tuple[int, int]:
    """Return the span of the line containing an offset (without the newline)."""
    s = text.rfind("\n", 0, offset) + 1
    e = text.find("\n", offset)
    return s, len(text) if e < 0 else e


def definition(ctx: Context, m: Member, matched_by: str) -> Evidence | None:
    """Return evidence quoting where a member's full name is defined (the preamble), or None."""
    if m.name_start < 0:
        return None
    return evidence(ctx.doc, m.name_start, m.name_end, matched_by)


def make(
    rule_id: str,
    sev: str,
    message: str,
    evidence_: Iterable[Evidence],
    *,
    category: str | None,
    basis: Sequence[str],
    suggestion: str,
    requirements: Sequence[str] = (),
) -> Finding:
    """Build a finding (``sev``: E / W / I); a span quoted twice is quoted once."""
    quoted: dict[tuple, Evidence] = {}
    for e in evidence_:
        quoted.setdefault((e.file, e.start, e.end), e)
    return Finding(
        rule_id=rule_id,
        severity=SEVERITY[sev],
        message=message,
        category=category,
        basis=tuple(dict.fromkeys(basis)),
        requirements=tuple(dict.fromkeys(requirements)),
        evidence=tuple(quoted.values()),
        suggestion=suggestion,
    )


def policy_cite(ctx: Context, number: str, article: str) -> str:
    """Return “《policy title》article” for a policy file number (000–004) (``ClauseLibrary.cite``)."""
    return ctx.library.cite(f"{POLICY_FILES[number]} {article}")


Check = Callable[[Context], Iterable[Finding]]
