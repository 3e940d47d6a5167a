"""What the agreement and the other documents of a package state, for cross-checking them (``gongjian verify``).

The agreement side: its members with their USCC and 法定代表人 (party list, the line defining a member, or a member
table), the lead unit, the platform name, when it takes effect. Any document: funding totals, governance bodies,
the entity a 章程 governs, near-miss spellings of a name. Offsets index the document's extracted text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from gongjian.contracts.dates import find_dates
from gongjian.contracts.text import normalise
from gongjian.nlp.consistency_base import Context, Member, line_span, sentence_span
from gongjian.nlp.consistency_names import allowed_distance, best_window, lead_statements
from gongjian.nlp.consistency_regimes import platform_names
from gongjian.nlp.consistency_tables import cell_number, find_tables, header_unit, is_total_row
from gongjian.nlp.consistency_text import signature_dates
from gongjian.nlp.document import ParsedDocument
from gongjian.nlp.package_forms import ORG_END, REP_LABELLED, USCC_LABELLED, Quote, name_key

# ------------------------------------------------------------------------------------------------- the agreement


@dataclass(frozen=True)
class PartyFacts:
    """A member of the agreement with its USCC and 法定代表人 as the agreement states them."""

    member: Member
    uscc: Quote | None
    rep: Quote | None

    @property
    def key(self) -> str:
        """Return the member's name as a comparison key."""
        return name_key(self.member.full_name)


def _find(text: str, value: str, start: int, end: int, label: str) -> Quote | None:
    at = text.find(value, start, end)
    return Quote(value, at, at + len(value), label) if at >= 0 else None


def party_facts(ctx: Context) -> list[PartyFacts]:
    """Return the agreement's members with their USCC and 法定代表人.

    Taken from the party list, else from the line that defines the member, else from a member table
    (统一社会信用代码 / 法定代表人 columns).
    """
    text, norm = ctx.doc.text, ctx.doc.norm
    stop = ctx.signature_start
    names = sorted({m.norm_name for m in ctx.members}, key=len, reverse=True)
    any_name = re.compile("|".join(re.escape(n) for n in names)) if names else None
    out = []
    for m in ctx.members:
        uscc = _find(text, m.party.uscc, m.party.start, max(m.party.end, m.party.start + 1), "统一社会信用代码") \
            if m.party.uscc else None
        rep = _find(text, m.party.legal_representative, m.party.start, max(m.party.end, m.party.start + 1),
                    "法定代表人") if m.party.legal_representative else None
        for hit in re.finditer(re.escape(m.norm_name), norm[:stop]):
            if uscc is not None and rep is not None:
                break
            _, le = line_span(norm, hit.end())
            nxt = any_name.search(norm, hit.end(), le) if any_name else None
            window_end = min(le, nxt.start() if nxt else le, hit.end() + 240)
            if uscc is None and (u := USCC_LABELLED.search(norm, hit.end(), window_end)):
                uscc = Quote(text[u.start("code") : u.end("code")], u.start("code"), u.end("code"), "统一社会信用代码")
            if rep is None and (r := REP_LABELLED.search(norm, hit.end(), window_end)):
                rep = Quote(text[r.start("name") : r.end("name")], r.start("name"), r.end("name"), "法定代表人")
        if uscc is None or rep is None:
            uscc, rep = _from_tables(ctx, m, uscc, rep)
        out.append(PartyFacts(m, uscc, rep))
    return out


def _from_tables(ctx: Context, m: Member, uscc: Quote | None, rep: Quote | None):
    for table in ctx.tables:
        uc, rc = table.column("统一社会信用代码"), table.column("法定代表人")
        if uc is None and rc is None:
            continue
        for row in table.rows:
            if not any(c.norm == m.norm_name or (m.label and c.norm == m.label) for c in row):
                continue
            if uscc is None and uc is not None and uc < len(row) and row[uc].text:
                uscc = Quote(row[uc].text, row[uc].start, row[uc].end, "统一社会信用代码")
            if rep is None and rc is not None and rc < len(row) and row[rc].text:
                rep = Quote(row[rc].text, row[rc].start, row[rc].end, "法定代表人")
    return uscc, rep


_LEAD_LINE = re.compile(r"牵头(?:组建)?单位\s*(?:[(（][^)）]{0,6}[)）])?\s*[:：]\s*")


def agreement_lead(ctx: Context) -> tuple[Member, Quote] | None:
    """Return the agreement's lead unit and where the agreement says so.

    In order: the party list (“甲方（牵头单位）”), a line “牵头单位：…”, a member table's role column, a sentence
    such as “由甲方牵头联合…” or “甲方为……唯一的牵头单位”.
    """
    text, norm = ctx.doc.text, ctx.doc.norm

    def quote(m: Member, s: int, e: int) -> tuple[Member, Quote]:
        return m, Quote(text[s:e], s, e, ctx.doc.article_label(s) or "")

    leads = [m for m in ctx.members if m.is_lead]
    if len(leads) == 1 and leads[0].name_start >= 0:
        return quote(leads[0], leads[0].name_start, leads[0].name_end)
    for hit in _LEAD_LINE.finditer(norm, 0, ctx.signature_start):
        m = ctx.member_at(norm[hit.end() : hit.end() + 80])
        if m is not None and norm.startswith(m.norm_name, hit.end()):
            return quote(m, hit.end(), hit.end() + len(m.norm_name))
    for table in ctx.tables:
        for row in table.rows:
            if any(c.norm.startswith("牵头") for c in row):
                for c in row:
                    m = next((m for m in ctx.members if c.norm == m.norm_name), None)
                    if m is not None:
                        return quote(m, c.start, c.end)
    found = {m.index: (m, s, e) for m, s, e in lead_statements(ctx)}
    if len(found) == 1:
        m, s, e = next(iter(found.values()))
        return quote(m, s, e)
    if ctx.aliases is not None:
        for hit in ctx.aliases.finditer(norm, 0, ctx.signature_start):
            tail = norm[hit.end() : hit.end() + 40]
            if re.match(r"(?:作为|为|系|是)[^。;\n]{0,30}?(?<!非)牵头单位", tail) \
                    and not re.match(r"[^。;\n]{0,12}不", tail):
                m = ctx.member_by_alias(hit.group())
                if m is not None and hit.group() not in {"牵头单位", "牵头方", "牵头企业"}:
                    return quote(m, hit.start(), hit.end())
    return None


_TITLE_PLATFORM = re.compile(
    r"^(?:关于)?(?:共建|组建|联合组建)?(?P<name>.{4,50}?(?:联合体|中心|平台|联盟|研究院))(?:的)?(?:联合)?(?:共建|组建|合作|建设)?"
    r"(?:协议书?|合同书?|方案|申请表|申报书|章程)"
)


def title_platform(doc: ParsedDocument) -> Quote | None:
    """Return the platform name a title states (“重庆两江新区××产业创新联合体组建协议” → the name).

    >>> from gongjian.nlp.document import parse_string
    >>> title_platform(parse_string("江苏省先进膜材料技术创新中心共建协议\\n正文")).text
    '江苏省先进膜材料技术创新中心'
    """
    title = doc.structure.title
    start = doc.text.find(title)
    m = _TITLE_PLATFORM.match(normalise(title))
    if m is None or start < 0:
        return None
    s, e = start + m.start("name"), start + m.end("name")
    return Quote(doc.text[s:e], s, e, "标题")


def title_quote(doc: ParsedDocument) -> Quote:
    """Return the document's title line as a quote (evidence for what a document lacks)."""
    title = doc.structure.title
    start = max(0, doc.text.find(title))
    return Quote(doc.text[start : start + len(title)], start, start + len(title), "标题")


def platform_quotes(ctx: Context) -> list[Quote]:
    """Return the platform names the agreement states: “以“…”的名称”, then the title."""
    out = [Quote(ctx.doc.text[s:e], s, e, ctx.doc.article_label(s) or "") for _, s, e in platform_names(ctx)]
    if (t := title_platform(ctx.doc)) is not None:
        out.append(t)
    return out


def platform_key(name: str) -> str:
    """Return a platform name folded for comparison (拟申报 …, （筹建） and quotes ignored).

    >>> platform_key("拟申报“吉林省示例产业创新中心”（筹建）") == platform_key("吉林省示例产业创新中心")
    True
    """
    name = re.sub(r"^(?:拟申报|拟组建|拟建设|筹建)", "", normalise(name).strip())
    name = re.sub(r"[(（](?:筹建|筹|拟建|草案)[)）]$", "", name)
    return name_key(name)


@dataclass(frozen=True)
class Effective:
    """When the agreement takes effect, as far as it can be told.

    Attributes:
        date: the effective date, or None.
        how: ``stated`` (本协议自2025年3月1日起生效), ``signatures`` (takes effect on signing; the latest signature
            date), ``unsigned`` (takes effect on signing, but the signature dates are blank) or ``unknown``.
        statement: the sentence saying when it takes effect.
        signed: the latest signature date (``signatures``).
    """

    date: dt.date | None
    how: str
    statement: Quote | None = None
    signed: Quote | None = None


_STATED = re.compile(
    r"本协议(?:自|于|从)\s*(?P<date>[^。;，,\n]{6,20}?日|\d{4}[-./]\d{1,2}[-./]\d{1,2})\s*(?:起)?(?:正式)?生效"
)
_ON_SIGNING = re.compile(
    r"本协议(?:经|自|于|在|从)[^。;]{0,50}?(?:签字|签章|盖章|签署|签订|盖公章)[^。;]{0,16}?(?:之日|之时|后|日)[^。;]{0,6}?生效"
)


def effective_date(ctx: Context) -> Effective:
    """Return when the agreement takes effect.

    The date it states (“本协议自2025年3月1日起生效”); else, when it takes effect on signing
    (“自各方签字盖章之日起生效”) and every signature date is filled in, the latest signature date.
    """
    text, norm, stop = ctx.doc.text, ctx.doc.norm, ctx.signature_start
    for m in _STATED.finditer(norm, 0, stop):
        dates = [d for d in find_dates(text[m.start("date") : m.end("date")]) if d.date]
        if dates:
            s, e = sentence_span(ctx, m.start())
            return Effective(dates[0].date, "stated", _sentence(ctx, s, e))
    m = _ON_SIGNING.search(norm, 0, stop)
    if m is None:
        return Effective(None, "unknown")
    statement = _sentence(ctx, *sentence_span(ctx, m.start()))
    area = text[stop:] if ctx.doc.structure.signature_start is not None else ""
    signed = signature_dates(ctx) if area else []
    if not signed or any(d.is_blank for d in find_dates(area)):
        return Effective(None, "unsigned", statement)
    last, at = max(signed, key=lambda x: (x[0].date, x[1]))
    return Effective(last.date, "signatures", statement, Quote(last.raw, at, at + len(last.raw), "签署页"))


def _sentence(ctx: Context, s: int, e: int) -> Quote:
    text = ctx.doc.text
    while s < e and text[s] in " \t\n\u3000":
        s += 1
    while e > s and text[e - 1] in " \t\n\u3000":
        e -= 1
    return Quote(text[s:e], s, e, ctx.doc.article_label(s) or "")


# ------------------------------------------------------------------------------------------------ money, bodies

_TOTAL = re.compile(
    r"(?:投入总额|总投入|总经费|经费总额|资金总额|总投资|投资总额|建设经费|总预算|预算总额|研发投入总额|经费预算总额)"
    r"(?:为|是|共|合计|达|约定为)?(?:人民币)?[:：]?\s*$"
)
_BOUND = re.compile(r"不少于|不低于|不超过|不高于|至少|最多|约|预计|以上|以下|左右")


def funding_totals(ctx: Context) -> list[Quote]:
    """Return the funding totals a document states: “投入总额为人民币…”, the 合计 row of a money table.

    Each quote's label carries the value in 元 as ``yuan=…`` (see :func:`total_value`).
    """
    text, norm = ctx.doc.text, ctx.doc.norm
    out: list[Quote] = []
    for money in ctx.money:
        before = norm[max(0, money.start - 16) : money.start]
        if money.start < ctx.signature_start and _TOTAL.search(before) and not _BOUND.search(before):
            out.append(Quote(text[money.start : money.end], money.start, money.end, f"yuan={money.value}"))
    for table in find_tables(ctx.doc):
        factors = {i: f for i, c in enumerate(table.header) if (f := header_unit(c.norm)) is not None}
        for row in table.rows:
            if not is_total_row(row):
                continue
            values = [(n * factors[i], c) for i, c in enumerate(row) if i in factors and (n := cell_number(c))]
            if values:
                value, c = max(values, key=lambda v: v[0])
                out.append(Quote(c.text, c.start, c.end, f"yuan={value}"))
    return out


def total_value(q: Quote) -> Decimal:
    """Return the value in 元 of a quote made by :func:`funding_totals`."""
    return Decimal(q.label.removeprefix("yuan="))


BODIES = ("专家咨询委员会", "战略咨询委员会", "技术咨询委员会", "学术委员会", "技术委员会", "专家委员会", "管理委员会",
          "执行委员会", "理事会", "董事会")
_BODY = re.compile("|".join(BODIES))
_SETS_UP = re.compile(r"(?:设|设立|设置|成立|组建|建立)[^。;，,]{0,14}$")


def governance_bodies(doc: ParsedDocument, stop: int | None = None) -> dict[str, Quote]:
    """Return the governance bodies a document sets up, each with its first mention.

    A body counts when it follows 设/设立/成立… or is named at least twice. Company-law organs (股东会, 监事会) are
    left out: an agreement need not repeat them.
    """
    norm = doc.norm[: len(doc.norm) if stop is None else stop]
    hits: dict[str, list[re.Match[str]]] = {}
    for m in _BODY.finditer(norm):
        if m.group() == "理事会" and norm[max(0, m.start() - 2) : m.start()].endswith("常务"):
            continue
        hits.setdefault(m.group(), []).append(m)
    out = {}
    for body, ms in hits.items():
        if len(ms) >= 2 or any(_SETS_UP.search(norm[max(0, m.start() - 16) : m.start()]) for m in ms):
            out[body] = Quote(doc.text[ms[0].start() : ms[0].end()], ms[0].start(), ms[0].end(),
                              doc.article_label(ms[0].start()) or "")
    return out


# --------------------------------------------------------------------------------------------------- the charter

_CHARTER_NAME = re.compile(
    r"本(?:公司|院|中心|单位|机构|研究院|研究所)的?(?:中文)?(?:名称|全称)\s*(?:为|是|[:：])\s*[:：]?\s*[“\"「]?"
    r"(?P<name>[^，,。；;\n“”\"「」]{2,50}(?:有限责任公司|股份有限公司|有限公司|公司|研究院|研究所|中心|研究会|协会))"
)
_CHARTER_TITLE = re.compile(r"^(?P<name>.{4,50}?)(?:章\s*程)(?:[(（][^)）]{0,10}[)）])?$")


def charter_entity(doc: ParsedDocument) -> Quote | None:
    """Return the entity a 章程 governs: “本公司名称为…”, else its title (“××有限公司章程”)."""
    m = _CHARTER_NAME.search(doc.norm)
    if m is not None:
        s, e = m.start("name"), m.end("name")
        return Quote(doc.text[s:e], s, e, doc.article_label(s) or "名称")
    title = doc.structure.title
    start = doc.text.find(title)
    t = _CHARTER_TITLE.match(normalise(title).strip())
    if t is None or start < 0:
        return None
    s = start + len(title) - len(title.lstrip()) + t.start("name")
    return Quote(doc.text[s : s + len(t.group("name"))], s, s + len(t.group("name")), "标题")


def uscc_after(doc: ParsedDocument, start: int, limit: int = 120) -> Quote | None:
    """Return the USCC stated right after a name (same line, within ``limit`` characters), or None."""
    _, le = line_span(doc.norm, start)
    m = USCC_LABELLED.search(doc.norm, start, min(le, start + limit))
    if m is None:
        return None
    return Quote(doc.text[m.start("code") : m.end("code")], m.start("code"), m.end("code"), "统一社会信用代码")


def first_uscc(doc: ParsedDocument) -> Quote | None:
    """Return the first labelled USCC of a document."""
    m = USCC_LABELLED.search(doc.norm)
    if m is None:
        return None
    return Quote(doc.text[m.start("code") : m.end("code")], m.start("code"), m.end("code"), "统一社会信用代码")


# -------------------------------------------------------------------------------------------------- near-misses


def near_mentions(doc: ParsedDocument, name: str, others: tuple[str, ...] = ()) -> Iterator[Quote]:
    """Yield the spellings of ``name`` in a document that are near-misses, not exact.

    Near: within :func:`~gongjian.nlp.consistency_names.allowed_distance` edits. The exact names ``others`` are
    left out (the other members: 精密机械有限公司 is no misspelling of 精密仪器有限公司 when both are members).
    """
    norm, target = doc.norm, normalise(name)
    if len(target) < 4:
        return
    suffix = ORG_END.search(target)
    ends = re.finditer(re.escape(suffix.group()) if suffix else re.escape(target[-2:]), norm)
    seen = set()
    for m in ends:
        end = m.end()
        d, s = best_window(norm, end, target, norm.rfind("\n", 0, end) + 1)
        if any(norm.endswith(o, 0, end) for o in others):
            continue
        if 0 < d <= allowed_distance(target) and (s, end) not in seen and norm[s:end] != target:
            window = norm[s:end]
            if len(target) <= 8 and window[:2] != target[:2]:
                continue  # 湘江理工大学 / 皖江理工大学: another organisation, not a misspelling
            seen.add((s, end))
            yield Quote(doc.text[s:end], s, end, doc.article_label(s) or "")


def mentions(doc: ParsedDocument, name: str) -> list[Quote]:
    """Return the exact mentions of a name (compared after normalisation)."""
    target = normalise(name)
    return [Quote(doc.text[m.start() : m.end()], m.start(), m.end(), doc.article_label(m.start()) or "")
            for m in re.finditer(re.escape(target), doc.norm)] if target else []
