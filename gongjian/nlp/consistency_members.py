"""Consistency checks about the members: composition (X04), USCC (X05), location (X12), thresholds (X13), tasks (X14).

Composition uses :func:`gongjian.clauses.rules.broken_composition`, the implementation drafting validation uses.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from gongjian.clauses.rules import MemberFacts, broken_composition, evaluate_composition
from gongjian.contracts.dates import find_dates, term_end
from gongjian.contracts.money import parse_arabic_amount
from gongjian.contracts.text import normalise
from gongjian.contracts.uscc import VERIFY_HINT, check_uscc, uscc_entity_kind, uscc_province
from gongjian.nlp.consistency_base import (
    PROVINCES,
    Context,
    Member,
    definition,
    evidence,
    make,
    policy_cite,
    to_int,
)
from gongjian.nlp.findings import Finding

# ---------------------------------------------------------------------------------------------- X04 composition

# A school or department of a university and a branch company are never legal persons; a university's institute or
# centre may be one (then it has a USCC of its own).
_DEPARTMENT = re.compile(r"(大学|(?<![科程])学院).{1,20}(学院|系)$|分公司$")
_UNIT_OF = re.compile(
    r"(大学|(?<![科程])学院).{1,20}(研究所|研究院|研究中心|实验室|中心)$|公司.{1,12}(事业部|研究院|中心)$"
)
_CHAIN_TEXT = re.compile(
    r"(?P<pos>上下游|上游|下游|应用单位|应用方)(?:的)?(?:企业|单位|企事业单位|配套企业)?(?:[、和及]?)$"
)


def _chain_positions(ctx: Context) -> dict[int, str]:
    """Return chain positions stated in the body (“产业链上游企业乙方”, “应用单位丙方”, “乙方为应用单位”)."""
    out: dict[int, str] = {}
    if ctx.aliases is None:
        return out
    norm = ctx.doc.norm
    for hit in ctx.aliases.finditer(norm, 0, ctx.signature_start):
        m = ctx.member_by_alias(hit.group())
        if m is None:
            continue
        before = norm[max(0, hit.start() - 12) : hit.start()]
        after = norm[hit.end() : hit.end() + 16]
        pos = None
        if (b := _CHAIN_TEXT.search(before)) is not None:
            pos = b.group("pos")
        elif (
            a := re.match(r"^(?:为|是|作为)(?:[^。;,，]{0,10}?)(上下游|上游|下游|应用单位|应用方)", after)
        ) is not None:
            pos = a.group(1)
        if pos:
            out.setdefault(
                m.index, "application" if pos.startswith("应用") else "downstream" if pos == "下游" else "upstream"
            )
    return out


def member_facts(ctx: Context) -> list[MemberFacts]:
    """Return the composition facts of the members (types from names and USCC, chain from labels and body)."""
    stated = _chain_positions(ctx)
    return [
        MemberFacts(m.full_name, "lead" if m.is_lead else "member", m.type, m.chain_position or stated.get(m.index))
        for m in ctx.members
    ]


def _optimistic(rule, facts: list[MemberFacts]) -> list[MemberFacts]:
    """Fill unknown types / chain positions with what the rule asks for: a rule that fails even then is broken."""
    out = []
    for f in facts:
        t = f.type if f.type is not None else (rule.types[0] if rule.types else None)
        c = (
            f.chain_position
            if f.chain_position is not None
            else (rule.chain_positions[0] if rule.chain_positions else None)
        )
        out.append(replace(f, type=t, chain_position=c))
    return out


def check_composition(ctx: Context) -> Iterator[Finding]:
    """X04: the regime's composition rules (the implementation drafting validation uses); departments (W)."""
    if not ctx.members:
        return
    for m in ctx.members:
        if _DEPARTMENT.search(m.norm_name) or (_UNIT_OF.search(m.norm_name) and not m.party.uscc):
            ev = [d] if (d := definition(ctx, m, "X04:department")) is not None else []
            yield make(
                "X04",
                "W",
                f"成员单位“{m.full_name}”看起来是内设机构或分支机构，不是独立法人，不能独立签约和承担责任。",
                ev,
                category="C01",
                basis=("民法典 第五十七条", "民法典 第七十四条"),
                suggestion="以具有法人资格的上级单位（如大学、公司）作为成员单位签约，内设机构可作为具体承担部门写入任务分工。",
            )
    if not ctx.regimes:
        return
    facts = member_facts(ctx)
    has_lead = any(f.role == "lead" for f in facts)
    for result in broken_composition(ctx.regimes, facts):
        rule = result.rule
        if rule.count == "lead" and not has_lead:
            continue  # no lead identified: X02 reports it
        if evaluate_composition(rule, _optimistic(rule, facts)).holds:
            continue  # an unknown type or chain position could satisfy the rule: cannot tell
        regime = next(r for r in ctx.regimes if rule in r.composition)
        ev = [d for m in ctx.members if (d := definition(ctx, m, "X04:member")) is not None][:6]
        kinds = "；".join(
            f"{f.name}：{_TYPE_NAMES.get(f.type or '', '类型不明')}"
            f"{'，' + _CHAIN_NAMES[f.chain_position] if f.chain_position in _CHAIN_NAMES else ''}"
            for f in facts
        )
        yield make(
            "X04",
            "E" if rule.severity == "error" else "W",
            f"{rule.message}（据首部识别的成员：{kinds}）",
            ev,
            category="C01",
            basis=[
                policy_cite(ctx, *_COMPOSITION_CITES[regime.id]) if regime.id in _COMPOSITION_CITES else regime.name
            ],
            requirements=[rule.requirement],
            suggestion=f"补充满足“{rule.description}”的成员单位，或在成员表中写明各成员的类型和产业链位置。",
        )


_TYPE_NAMES = {"enterprise": "企业", "university": "高校", "institute": "科研院所", "hospital": "医院", "other": "其他"}
_CHAIN_NAMES = {"upstream": "产业链上游", "downstream": "产业链下游", "application": "应用单位"}
_COMPOSITION_CITES = {
    "js-fusion": ("000", "第十一条(三)"),
    "js-consortium": ("001", "四(二)"),
    "cq-liangjiang": ("004", "二(二)"),
}


# ----------------------------------------------------------------------------------------------------- X05 USCC

_USCC_RE = re.compile(
    r"统一社会信用代码\s*[:：]?\s*"
    r"(?P<code>[0-9A-Za-z０-９Ａ-Ｚａ-ｚ][0-9A-Za-z０-９Ａ-Ｚａ-ｚ \-]{10,24}[0-9A-Za-z０-９Ａ-Ｚａ-ｚ])"
)


def _province_of(m: Member) -> str | None:
    for source in (m.party.address or "", m.norm_name):
        for p in PROVINCES:
            if source.startswith(p):
                return p
    return None


def check_uscc_codes(ctx: Context) -> Iterator[Finding]:
    """X05: USCC format, check characters (GB 32100 / GB 11714), duplicates (E); type and region plausibility (W)."""
    text = ctx.doc.text
    basis = ["GB 32100-2015"]
    if "cq-liangjiang" in ctx.regime_ids:
        basis.insert(0, policy_cite(ctx, "004", "附件1 五"))
    seen: dict[str, tuple[Member | None, int, int]] = {}
    for hit in _USCC_RE.finditer(text):
        raw = hit.group("code").rstrip()
        s = hit.start("code")
        e = s + len(raw)
        m = next((m for m in ctx.members if m.party.start <= s < max(m.party.end, m.party.start + 1)), None)
        who = m.display if m else "该单位"
        result = check_uscc(raw)
        ev = evidence(ctx.doc, s, e, "X05:uscc")
        if result.errors:
            hint = f"。{VERIFY_HINT}" if result.check_failed else ""
            yield make(
                "X05",
                "E",
                f"{who}的统一社会信用代码“{raw}”无效：{'；'.join(result.errors)}{hint}。",
                [ev],
                category="C01",
                basis=basis,
                suggestion="按营业执照（法人登记证书）核对并改正统一社会信用代码，可在国家企业信用信息公示系统查询。",
            )
            continue
        if result.warnings:
            yield make(
                "X05",
                "W",
                f"{who}的统一社会信用代码“{raw}”写法不规范：{'；'.join(result.warnings)}（规范写法“{result.code}”）。",
                [ev],
                category="C01",
                basis=basis,
                suggestion=f"写作“{result.code}”。",
            )
        if result.code in seen:
            other, os_, oe = seen[result.code]
            if other is None or m is None or other.index != m.index:
                yield make(
                    "X05",
                    "E",
                    f"{who}与{other.display if other else '另一单位'}的统一社会信用代码相同（“{raw}”）："
                    "不同法人的代码不可能相同，至少一处抄错。",
                    [evidence(ctx.doc, os_, oe, "X05:uscc"), ev],
                    category="C01",
                    basis=basis,
                    suggestion="逐一核对各成员单位的统一社会信用代码。",
                )
            continue
        seen[result.code] = (m, s, e)
        if m is not None:
            yield from _plausibility(ctx, m, raw, result.code, ev, basis)


def _plausibility(ctx: Context, m: Member, raw: str, code: str, ev, basis) -> Iterator[Finding]:
    kind = uscc_entity_kind(code)
    problem = None
    if m.type == "enterprise" and kind not in (None, "enterprise"):
        problem = f"名称是企业，代码第1–2位“{code[:2]}”却不是企业（应为“91”）"
    elif m.type == "university" and kind in {"enterprise", "individual", "cooperative"}:
        problem = f"名称是高校，代码第1–2位“{code[:2]}”却是{_KIND_NAMES[kind]}"
    elif kind in {"individual", "cooperative"}:
        problem = f"代码第1–2位“{code[:2]}”表明是{_KIND_NAMES[kind]}，作为创新平台成员不常见"
    if problem:
        yield make(
            "X05",
            "W",
            f"{m.display}的统一社会信用代码“{raw}”与单位类型不符：{problem}。",
            [ev],
            category="C01",
            basis=basis,
            suggestion="核对单位名称与统一社会信用代码是否对应同一主体。",
        )
    province = uscc_province(code)
    claimed = _province_of(m)
    if province and claimed and province not in {"中央", claimed}:
        yield make(
            "X05",
            "W",
            f"{m.display}的统一社会信用代码“{raw}”第3–4位表示登记机关在{province}，"
            f"住所却在{claimed}（可能是异地迁入，也可能代码抄错）。",
            [ev],
            category="C01",
            basis=basis,
            suggestion="核对统一社会信用代码和住所。",
        )


_KIND_NAMES = {
    "enterprise": "企业",
    "individual": "个体工商户",
    "cooperative": "农民专业合作社",
    "public-institution": "事业单位",
    "social-organisation": "社会组织",
    "government": "机关",
}


# ----------------------------------------------------------------------------------- X12 location, X13 thresholds

_LIANGJIANG = re.compile(
    r"两江新区|鸳鸯|人和|天宫殿|翠云|大竹林|礼嘉|金山|康美|鱼嘴|复盛|郭家沱|龙兴|石船|水土|复兴|果园港|寸滩"
)
_LOCATION_RULES = {
    "js-fusion": ("江苏", "000", "第十一条(一)"),
    "js-consortium": ("江苏", "001", "四(一)1"),
    "jl-industry-center": ("吉林", "003", "第六条"),
}


def check_location(ctx: Context) -> Iterator[Finding]:
    """X12: the lead is registered where the regime requires (W; from the address, else USCC positions 3–4)."""
    lead = ctx.lead
    if lead is None:
        return
    ev = [d] if (d := definition(ctx, lead, "X12:lead")) is not None else []
    for r in ctx.regimes:
        if r.id in _LOCATION_RULES:
            want, number, article = _LOCATION_RULES[r.id]
            have = _province_of(lead) or (uscc_province(lead.party.uscc) if lead.party.uscc else None)
            if have and have not in {want, "中央"}:
                yield make(
                    "X12",
                    "W",
                    f"牵头单位{lead.display}的住所（登记地）在{have}，{r.short_name}要求牵头单位注册在{want}。",
                    ev,
                    category="C01",
                    basis=[policy_cite(ctx, number, article)],
                    suggestion="核对牵头单位的注册地；不符合的，应由注册在当地的单位牵头。",
                )
        elif r.id == "cq-liangjiang" and lead.party.address:
            if not _LIANGJIANG.search(normalise(lead.party.address)):
                yield make(
                    "X12",
                    "W",
                    f"牵头单位{lead.display}的住所“{lead.party.address}”不在两江新区直管区的街镇名单内"
                    "（鸳鸯、人和、天宫殿、翠云、大竹林、礼嘉、金山、康美、鱼嘴、复盛、郭家沱、龙兴、石船、水土、复兴）。",
                    ev,
                    category="C01",
                    basis=[policy_cite(ctx, "004", "三(一)1、八")],
                    suggestion="核对牵头单位是否在两江新区直管区依法注册经营和纳税。",
                )


_REVENUE = re.compile(
    r"(?:\d{4}年度?|上一?年度|近三年)[^。;]{0,12}?(?:营业收入|销售收入|业务收入)(?:为|达到|达)?(?:人民币)?"
    r"(?P<amount>\d+(?:\.\d+)?\s*(?:亿元|万元|元))"
)
_RD_RATIO = re.compile(r"研发投入(?:强度|占比|占营业收入比例|占销售收入比例)(?:为|达到|达)?(?P<pct>\d+(?:\.\d+)?)%")


def check_thresholds(ctx: Context) -> Iterator[Finding]:
    """X13: lead-unit thresholds stated in the text (W).

    js-fusion: related revenue ≥ 1000万元; js-consortium: sales ≥ 10亿元 and R&D intensity ≥ 3%.
    """
    lead = ctx.lead
    ids = ctx.regime_ids
    if lead is None or not ({"js-fusion", "js-consortium"} & set(ids)):
        return
    norm = ctx.doc.norm
    for s, e in ctx.sentences(0, ctx.signature_start):
        sentence = norm[s:e]
        if not any(a in sentence for a in lead.aliases) and "牵头" not in sentence:
            continue
        for m in _REVENUE.finditer(sentence):
            value = parse_arabic_amount(m.group("amount"))
            floor, number, article = (
                (Decimal(10) ** 9, "001", "四(一)2")
                if "js-consortium" in ids
                else (Decimal(10) ** 7, "000", "第十一条(二)")
            )
            if value < floor:
                yield make(
                    "X13",
                    "W",
                    f"协议写明牵头单位收入为{m.group('amount')}，低于制度门槛{floor / 10000:,.0f}万元。",
                    [evidence(ctx.doc, s + m.start(), s + m.end(), "X13:revenue")],
                    category="C01",
                    basis=[policy_cite(ctx, number, article)],
                    suggestion="核对收入数据与申报材料是否一致。",
                )
        for m in _RD_RATIO.finditer(sentence):
            if "js-consortium" in ids and Decimal(m.group("pct")) < 3:
                yield make(
                    "X13",
                    "W",
                    f"协议写明牵头单位研发投入强度为{m.group('pct')}%，低于3%。",
                    [evidence(ctx.doc, s + m.start(), s + m.end(), "X13:rd")],
                    category="C01",
                    basis=[policy_cite(ctx, "001", "四(一)2")],
                    suggestion="核对研发投入数据与申报材料是否一致。",
                )


# ------------------------------------------------------------------------------------------------ X14 tasks


def _term_end(ctx: Context) -> tuple[dt.date, int, int] | None:
    """Return the agreement's end date with the span that states it (explicit date, or last signature + N years)."""
    norm = ctx.doc.norm
    m = re.search(r"有效期(?:自[^。;]{0,30}?)?至(?P<date>\d{4}年\d{1,2}月\d{1,2}日)", norm)
    if m:
        found = find_dates(ctx.doc.text[m.start("date") : m.end("date")])
        if found and found[0].date:
            return found[0].date, m.start(), m.end()
    m = re.search(rf"有效期(?:为)?(?P<n>[\d{'一二三四五六七八九十两'}]+)年", norm)
    if m and (n := to_int(m.group("n"))):
        dates = [f.date for f in find_dates(ctx.doc.text[ctx.signature_start :]) if f.date]
        if dates:
            return term_end(max(dates), n), m.start(), m.end()
    return None


def check_tasks(ctx: Context) -> Iterator[Finding]:
    """X14: every member appears in the task table, the bearers are members, deadlines fall within the term (W)."""
    if not ctx.members:
        return
    end = _term_end(ctx)
    for table in ctx.tables:
        bearer = table.column(r"承担单位|承担方|负责单位|责任单位|牵头单位")
        if bearer is None or table.column(r"任务|项目") is None:
            continue
        mentioned: set[int] = set()
        for row in table.rows:
            row_text = " ".join(c.norm for c in row)
            for m in ctx.members:
                if any(a in row_text for a in m.aliases):
                    mentioned.add(m.index)
            if bearer < len(row):
                cell = row[bearer]
                if (
                    cell.norm
                    and ctx.member_at(cell.norm) is None
                    and not re.search(r"各方|全体|联合体|中心|研究院", cell.norm)
                ):
                    yield make(
                        "X14",
                        "W",
                        f"任务分工表的承担单位“{cell.text}”不是首部列明的成员单位。",
                        [evidence(ctx.doc, cell.start, cell.end, "X14:bearer")],
                        category="C03",
                        basis=[policy_cite(ctx, "004", "附件2 三")] if "cq-liangjiang" in ctx.regime_ids else [],
                        suggestion="承担单位使用首部定义的全称或简称。",
                    )
        missing = [m for m in ctx.members if m.index not in mentioned]
        if missing and len(missing) < len(ctx.members):
            yield make(
                "X14",
                "W",
                f"任务分工表“{table.title or table.header[0].text}”没有出现"
                f"{'、'.join(m.display for m in missing)}：每家成员单位都应承担至少一项任务。",
                [evidence(ctx.doc, table.start, table.header[-1].end, "X14:table")],
                category="C03",
                basis=[policy_cite(ctx, "000", "第九条(一)")]
                if "js-fusion" in ctx.regime_ids
                else ["民法典 第八百五十五条"],
                suggestion="在任务分工表中写明该成员承担的任务、交付成果和完成时限。",
            )
        deadline = table.column(r"完成时限|完成时间|完成期限|截止|时限")
        if end is None or deadline is None:
            continue
        for row in table.rows:
            if deadline < len(row):
                for f in find_dates(row[deadline].text):
                    if f.date and f.date > end[0]:
                        c = row[deadline]
                        yield make(
                            "X14",
                            "W",
                            f"任务完成时限“{f.raw}”晚于协议期限届满日{end[0].year}年{end[0].month}月{end[0].day}日。",
                            [
                                evidence(ctx.doc, c.start, c.end, "X14:deadline"),
                                evidence(ctx.doc, end[1], end[2], "X14:term"),
                            ],
                            category="C03",
                            basis=["民法典 第四百七十条"],
                            suggestion="把任务完成时限调整到协议有效期内，或延长协议期限。",
                        )
