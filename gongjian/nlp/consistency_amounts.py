"""Consistency checks about amounts and counts: 大写 (X06), funding (X08), seats (X15), copies (X17), KPIs (X24)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from gongjian.contracts.money import format_capital_amount, parse_capital_amount
from gongjian.nlp.consistency_base import (
    CN_NUM,
    Context,
    evidence,
    make,
    policy_cite,
    sentence_evidence,
    to_int,
    yuan,
)
from gongjian.nlp.consistency_tables import Cell, Money, cell_number, header_unit, is_total_row
from gongjian.nlp.findings import Finding

# ------------------------------------------------------------------------------------------------------- X06

_CAPITAL_CELL = re.compile(
    r"^(人民币)?[零壹贰貳叁參肆伍陆陸柒捌玖拾佰仟万萬亿億点元圆角分整正一二三四五六七八九十百千两〇]+$"
)
_PAYMENT_BASIS = ("《支付结算办法》附件一",)


def _table_pairs(ctx: Context) -> Iterator[tuple[Cell, Cell, Decimal, Decimal, str]]:
    """Yield (capital cell, Arabic cell, capital value, Arabic value, Arabic column header) of table rows."""
    paired = {p.capital.start for p in ctx.amount_pairs if p.arabic is not None}
    for table in ctx.tables:
        money_cols = [(i, f) for i, c in enumerate(table.header) if (f := header_unit(c.norm)) is not None]
        if not money_cols:
            continue
        for row in table.rows:
            for ci, cell in enumerate(row):
                if cell.start in paired or not _CAPITAL_CELL.match(cell.norm) or not re.search("[元圆]", cell.norm):
                    continue
                try:
                    capital = parse_capital_amount(cell.text)
                except ValueError:
                    continue
                near = sorted((abs(i - ci), i, f) for i, f in money_cols if i < len(row) and i != ci)
                for _, i, factor in near:
                    number = cell_number(row[i])
                    if number is not None:
                        yield cell, row[i], capital.value, number * factor, table.header[i].text
                        break


def check_amounts(ctx: Context) -> Iterator[Finding]:
    """X06: every 大写 amount equals its Arabic twin exactly (E); 大写 style (lower-case digits E, others W)."""
    for p in ctx.amount_pairs:
        cap = evidence(ctx.doc, p.capital.start, p.capital.end, "X06:capital")
        if p.arabic is not None and p.matches is False and p.capital.value is not None:
            yield _mismatch(
                ctx, cap, evidence(ctx.doc, p.arabic.start, p.arabic.end, "X06:arabic"), p.capital.value, p.arabic.value
            )
        if p.error:
            yield make(
                "X06",
                "W",
                f"大写金额“{p.capital.text}”无法解析：{p.error}。",
                [cap],
                category="C06",
                basis=_PAYMENT_BASIS,
                suggestion="按《支付结算办法》附件一的规定重写大写金额。",
            )
            continue
        lower = [s for s in p.style_errors if "小写数字" in s or "不规范的字" in s]
        other = [s for s in p.style_errors if s not in lower]
        if lower or not p.is_strict:
            yield make(
                "X06",
                "E",
                f"大写金额“{p.capital.text}”{'；'.join(lower) or '使用了不规范的字'}：大写金额只能用"
                "壹贰叁肆伍陆柒捌玖拾佰仟万亿等字，小写数字易被涂改。",
                [cap],
                category="C06",
                basis=_PAYMENT_BASIS,
                suggestion=_capital_suggestion(p.capital.value),
            )
        if other:
            yield make(
                "X06",
                "W",
                f"大写金额“{p.capital.text}”写法不规范：{'；'.join(other)}。",
                [cap],
                category="C06",
                basis=_PAYMENT_BASIS,
                suggestion=_capital_suggestion(p.capital.value),
            )
    for cap_cell, num_cell, cap_value, num_value, header in _table_pairs(ctx):
        if cap_value != num_value:
            yield _mismatch(
                ctx,
                evidence(ctx.doc, cap_cell.start, cap_cell.end, "X06:capital"),
                evidence(ctx.doc, num_cell.start, num_cell.end, "X06:arabic"),
                cap_value,
                num_value,
                f"（“{header}”栏）",
            )


def _capital_suggestion(value: Decimal | None) -> str:
    if value is None:
        return "按《支付结算办法》附件一的规定书写大写金额。"
    try:
        return f"写作“{format_capital_amount(value)}”。"
    except ValueError:
        return "按《支付结算办法》附件一的规定书写大写金额。"


def _mismatch(ctx: Context, cap, arabic, cap_value: Decimal, num_value: Decimal | None, unit: str = "") -> Finding:
    options = []
    if num_value is not None:
        try:
            options.append(f"若以数字为准，大写应为“{format_capital_amount(num_value)}”")
        except ValueError:
            pass
    options.append(f"若以大写为准，数字应为“¥{cap_value:,.2f}”")
    return make(
        "X06",
        "E",
        f"大写金额“{cap.quote}”（{yuan(cap_value)}）与数字金额“{arabic.quote}”{unit}"
        f"（{yuan(num_value) if num_value is not None else '无法解析'}）不一致。",
        [cap, arabic],
        category="C06",
        basis=_PAYMENT_BASIS,
        suggestion="核对金额并统一两处写法：" + "；".join(options) + "。",
    )


# ------------------------------------------------------------------------------------------------------- X08

_TOTAL_WORD = re.compile(r"(?:合计|总额|共计|总计|总投入|总金额|注册资本)(?:为|是)?(?:人民币)?[:：]?\s*$")
_CONTRIB = re.compile(
    r"^(?:的)?(?:投入|出资|认缴(?:出资)?|缴付|实缴|承担)?(?:资金|经费|金额|额)?(?:为)?(?:人民币)?[:：]?\s*$"
)
_BOUND = re.compile(r"(?:不少于|不低于|不超过|不高于|至少|最多|约|预计|以上|以下|左右)")


def _totals(ctx: Context) -> list[Money]:
    norm = ctx.doc.norm
    out = []
    for m in ctx.money:
        if m.start >= ctx.signature_start:
            continue
        before = norm[max(0, m.start - 12) : m.start]
        if _TOTAL_WORD.search(before) and not _BOUND.search(before):
            out.append(m)
    return out


def _contributions(ctx: Context) -> dict[int, Money]:
    """Return the first amount stated for each member as its contribution (“甲方投入人民币…”)."""
    out: dict[int, Money] = {}
    norm = ctx.doc.norm
    for money in ctx.money:
        if money.start >= ctx.signature_start:
            continue
        prefix = norm[max(0, money.start - 14) : money.start]
        for cut in range(len(prefix)):
            head = prefix[: len(prefix) - cut]
            member = ctx.member_ending(head)
            if member is not None:
                if _CONTRIB.match(prefix[len(prefix) - cut :]):
                    out.setdefault(member.index, money)
                break
    return out


def _region_of(ctx: Context, offset: int) -> tuple[int, int]:
    r = ctx.doc.region_at(offset)
    return (r.start, r.end) if r else (0, len(ctx.doc.text))


def check_funding(ctx: Context) -> Iterator[Finding]:
    """X08: member contributions and 其中 breakdowns add up to the stated total; table columns add up (E).

    Under js-fusion the lead's contribution must be the largest (W).
    """
    basis = [policy_cite(ctx, "000", "第九条(三)")] if "js-fusion" in ctx.regime_ids else []
    basis.append("民法典 第四百七十条")
    reported: set[int] = set()
    contrib = _contributions(ctx)
    totals = _totals(ctx)
    if len(contrib) >= 2:
        first = min(contrib.values(), key=lambda m: m.start)
        lo, hi = _region_of(ctx, first.start)
        in_region = [t for t in totals if lo <= t.start < hi]
        parts = [m for m in contrib.values() if lo <= m.start < hi]
        total_sum = sum((m.value for m in parts), Decimal(0))
        if (
            in_region
            and len(parts) >= 2
            and all(t.value != total_sum for t in in_region)
            and len(parts) == len(ctx.members)
        ):
            t = max(in_region, key=lambda t: t.value)
            reported.add(t.start)
            ev = [evidence(ctx.doc, t.start, t.end, "X08:total")]
            ev += [evidence(ctx.doc, m.start, m.end, "X08:part") for m in sorted(parts, key=lambda m: m.start)]
            yield make(
                "X08",
                "E",
                f"各成员单位投入合计{yuan(total_sum)}，与协议写明的总额“{ctx.doc.text[t.start : t.end]}”"
                f"（{yuan(t.value)}）不一致。",
                ev,
                category="C06",
                basis=basis,
                suggestion="核对各方投入金额与总额，使各方金额之和等于总额。",
            )
    yield from _breakdowns(ctx, totals, reported, basis)
    yield from _table_sums(ctx, basis)
    yield from _lead_largest(ctx, contrib if len(contrib) >= 2 else _table_contributions(ctx))


def _table_contributions(ctx: Context) -> dict[int, Money]:
    """Return each member's amount from the first funding table (a row per member, a money column)."""
    for table in ctx.tables:
        cols = [
            (i, f)
            for i, c in enumerate(table.header)
            if (f := header_unit(c.norm)) is not None and re.search(r"投入|出资|金额|经费|资金", c.norm)
        ]
        if not cols:
            continue
        col, factor = cols[0]
        out: dict[int, Money] = {}
        for row in table.rows:
            member = ctx.member_at(row[0].norm) if row else None
            value = cell_number(row[col]) if member is not None and col < len(row) else None
            if member is not None and value is not None and row[0].norm in member.aliases:
                out.setdefault(member.index, Money(row[col].start, row[col].end, value * factor))
        if len(out) >= 2:
            return out
    return {}


_EACH_PARTY = re.compile(r"(?P<who>[^,;，；]*?)各(?:自|方)?[^,;，；]*$")


def _each(norm: str, start: int, amount_start: int) -> int:
    """Return how many parties an amount stands for: “乙方、丙方各投入X” counts X twice (spec §4.2 S04).

    >>> _each("其中甲方投入3600万元,乙方、丙方各投入1200万元", 0, 21)
    2
    >>> _each("其中甲方投入3600万元", 0, 6)
    1
    """
    clause_start = max(norm.rfind(c, start, amount_start) for c in ",;，；") + 1
    m = _EACH_PARTY.search(norm[clause_start:amount_start])
    if not m:
        return 1
    return len(re.findall(r"[、和及与]", m.group("who"))) + 1


def _breakdowns(ctx: Context, totals: Sequence[Money], reported: set[int], basis) -> Iterator[Finding]:
    norm = ctx.doc.norm
    for t in totals:
        if t.start in reported:
            continue
        stop = norm.find("。", t.end)
        stop = len(norm) if stop < 0 else stop
        at = norm.find("其中", t.end, stop)
        if at < 0 and norm[stop + 1 : stop + 4].startswith("其中"):
            at = stop + 1
            stop = norm.find("。", at)
            stop = len(norm) if stop < 0 else stop
        if at < 0 or norm.find("其中", at + 2, stop) >= 0:
            continue
        parts = [m for m in ctx.money if at < m.start < stop]
        if len(parts) < 2 or _BOUND.search(norm[at:stop]) or re.search(r"其余|剩余|等[。，,]", norm[at : stop + 1]):
            continue
        total = sum((m.value * _each(norm, at, m.start) for m in parts), Decimal(0))
        if total == t.value:
            continue
        ev = [evidence(ctx.doc, t.start, t.end, "X08:total")] + [
            evidence(ctx.doc, m.start, m.end, "X08:part") for m in parts
        ]
        yield make(
            "X08",
            "E" if total > t.value else "W",
            f"总额“{ctx.doc.text[t.start : t.end]}”（{yuan(t.value)}）与其后“其中”所列各项之和{yuan(total)}不一致。",
            ev,
            category="C06",
            basis=basis,
            suggestion="核对总额与分项金额，使分项之和等于总额。",
        )


def _table_sums(ctx: Context, basis) -> Iterator[Finding]:
    for table in ctx.tables:
        for col, cell in enumerate(table.header):
            factor = header_unit(cell.norm)
            if factor is None or not re.search(r"金额|出资|投入|经费|资金|认缴|资本|费", cell.norm):
                continue
            rows = [r for r in table.rows if col < len(r)]
            data = [cell_number(r[col]) for r in rows if not is_total_row(r)]
            if len(data) < 2 or any(v is None for v in data):
                continue
            total = sum(data, Decimal(0))
            for r in rows:
                if is_total_row(r) and (v := cell_number(r[col])) is not None and v != total:
                    yield make(
                        "X08",
                        "E",
                        f"表格“{table.title or table.header[0].text}”的“{cell.text}”一栏各行之和为"
                        f"{total:f}，合计行却写作{r[col].text}。",
                        [
                            evidence(ctx.doc, r[col].start, r[col].end, "X08:table-total"),
                            evidence(ctx.doc, cell.start, cell.end, "X08:column"),
                        ],
                        category="C06",
                        basis=basis,
                        suggestion="核对各行金额与合计行。",
                    )


def _lead_largest(ctx: Context, contrib: dict[int, Money]) -> Iterator[Finding]:
    lead = ctx.lead
    if "js-fusion" not in ctx.regime_ids or lead is None or lead.index not in contrib or len(contrib) < 2:
        return
    mine = contrib[lead.index].value
    bigger = [(i, m) for i, m in contrib.items() if i != lead.index and m.value >= mine]
    if bigger:
        i, m = max(bigger, key=lambda x: x[1].value)
        other = ctx.members[i]
        yield make(
            "X08",
            "W",
            f"牵头单位{lead.display}投入{yuan(mine)}，不多于{other.display}的{yuan(m.value)}："
            "数动未来融合创新中心要求牵头企业承担主要投入。",
            [
                evidence(ctx.doc, contrib[lead.index].start, contrib[lead.index].end, "X08:lead"),
                evidence(ctx.doc, m.start, m.end, "X08:other"),
            ],
            category="C06",
            basis=[policy_cite(ctx, "000", "第九条(三)")],
            requirements=["JSF-07"],
            suggestion="调整投入安排，使牵头单位的投入为各方中最多，或说明理由。",
        )


# ------------------------------------------------------------------------------------------------------- X15

_SEATS_TOTAL = re.compile(rf"(?:由|共)(?P<n>[\d{CN_NUM}]+)名(?:理事|董事)(?:组成)?|共(?P<n2>[\d{CN_NUM}]+)名")
_SEATS_PART = re.compile(
    rf"(?P<who>[^，,。;：:]{{1,40}}?)(?P<each>各)?(?:委派|提名|推荐|选派|派出)(?:理事|董事)?(?P<k>[\d{CN_NUM}]+)名"
)
_QUORUM = re.compile(rf"(?:须|应|需)?有(?P<q>[\d{CN_NUM}]+)名以上(?:理事|董事)出席")


def check_governance(ctx: Context) -> Iterator[Finding]:
    """X15: council seats = the seats each member appoints; the quorum does not exceed the seats (E)."""
    norm = ctx.doc.norm
    for s, e in ctx.sentences(0, ctx.signature_start):
        sentence = norm[s:e]
        if not re.search(r"理事会|董事会", sentence) or not re.search(r"委派|提名|推荐|选派", sentence):
            continue
        tm = _SEATS_TOTAL.search(sentence)
        total = to_int(tm.group("n") or tm.group("n2")) if tm else None
        # Seats no member appoints may follow in the same paragraph (“……；研究院主任为当然理事。”).
        line_start, line_end = norm.rfind("\n", 0, s) + 1, norm.find("\n", e)
        seats = _appointed(ctx, sentence, norm[line_start : len(norm) if line_end < 0 else line_end])
        if total is None or seats is None:
            continue
        if seats != total:
            yield make(
                "X15",
                "E",
                f"理事会（董事会）共{total}名，各方委派的名额合计却为{seats}名。",
                [evidence(ctx.doc, s, e, "X15:seats")],
                category="C05",
                basis=["民法典 第四百七十条"],
                suggestion="核对理事会总人数与各成员单位的委派名额。",
            )
        q = _QUORUM.search(norm, e, min(len(norm), e + 400))
        if q and (qn := to_int(q.group("q"))) is not None and qn > total:
            yield make(
                "X15",
                "E",
                f"会议须有{qn}名以上理事出席，理事会却只有{total}名。",
                [evidence(ctx.doc, q.start(), q.end(), "X15:quorum"), evidence(ctx.doc, s, e, "X15:seats")],
                category="C05",
                basis=["民法典 第四百七十条"],
                suggestion="改正出席人数要求。",
            )


def _appointed(ctx: Context, sentence: str, paragraph: str) -> int | None:
    named: set[int] = set()
    total = 0
    found = False
    for m in _SEATS_PART.finditer(sentence):
        k = to_int(m.group("k"))
        who = re.sub(r"^(?:其中|由|[，,、])+", "", m.group("who"))
        # “乙、丙、丁方各提名一名”: the party designations share one 方
        who = _SHARED_FANG.sub(_each_fang, who)
        if k is None:
            return None
        if re.search(r"其他|其余", who):
            count = len(ctx.members) - len(named)
        elif re.search(r"每家|各成员|全体成员|每个成员|各方", who):
            count = len(ctx.members)
        else:
            names = ctx.aliases.findall(who) if ctx.aliases is not None else []
            ms = {mm.index for n in names if (mm := ctx.member_by_alias(n)) is not None}
            if not ms or (len(ms) > 1 and not m.group("each")):
                return None
            named |= ms
            count = len(ms)
        total += count * k
        found = True
    total += len(re.findall(r"当然(?:理事|董事)", paragraph))
    # Seats no member appoints: “另设独立理事1名”“设外部董事二名”.
    total += sum(to_int(x) or 0 for x in _EXTRA_SEATS.findall(paragraph))
    return total if found and ctx.members else None


def _each_fang(m: re.Match) -> str:
    """Return “乙方、丙方、丁方” for “乙、丙、丁方”."""
    return "、".join(f"{c}方" for c in re.findall(r"[甲乙丙丁戊己庚辛壬癸]", m.group()))


_SHARED_FANG = re.compile(r"[甲乙丙丁戊己庚辛壬癸](?:[、和及与][甲乙丙丁戊己庚辛壬癸])+方")
_EXTRA_SEATS = re.compile(rf"(?:另设|另有|另增设|增设|设)?(?:独立|外部|职工|专家)(?:理事|董事)(?:为)?([\d{CN_NUM}]+)名")


# ------------------------------------------------------------------------------------------------------- X17

_COPIES = re.compile(rf"一式(?P<n>[\d{CN_NUM}]+)份")
_EACH = re.compile(rf"各(?:方|成员单位|单位|举办单位|组建单位)?各?执(?P<k>[\d{CN_NUM}]+)份")


def check_copies(ctx: Context) -> Iterator[Finding]:
    """X17: “一式N份” gives every member its copy (N ≥ members × copies each) (W)."""
    members = len(ctx.members) or len(ctx.signatures)
    if not members:
        return
    norm = ctx.doc.norm
    for m in _COPIES.finditer(norm):
        count = members
        if not re.search(
            r"(?:本协议|本合同|本补充协议|协议正本|合同正本)[^。;]{0,8}$", norm[max(0, m.start() - 12) : m.start()]
        ):
            continue  # 一式N份 of another document (加入协议, 授权委托书)
        n = to_int(m.group("n"))
        stop = norm.find("。", m.end())
        each = _EACH.search(norm, m.end(), len(norm) if stop < 0 else stop)
        k = to_int(each.group("k")) if each else 1
        if each is not None:  # “贷款方、借款方、保证方各执1份”: the copies go to the parties listed
            listed = re.search(r"([^，,；;。]+)$", norm[m.end() : each.start()])
            if listed and "、" in listed.group(1):
                count = listed.group(1).count("、") + 1
        if n is None or k is None:
            continue
        if n < count * k:
            ev = [sentence_evidence(ctx, m.start(), "X17:copies")]
            yield make(
                "X17",
                "W",
                f"协议“一式{m.group('n')}份”，但有{count}家成员单位"
                f"{'各执' + each.group('k') + '份' if each else ''}，至少需要{count * k}份。",
                ev,
                category="C17",
                basis=("民法典 第四百九十条",),
                suggestion=f"改为“一式{count * k}份（另加报备份数），各方各执{each.group('k') if each else '一'}份”。",
            )


# ------------------------------------------------------------------------------------------------------- X24

_KPI = (
    (r"运行经费", (30, 50, 100), "中心年度办公运行经费（万元）"),
    (r"联合研发|研发项目投入|研发投入", (3000, 5000, 8000), "联合研发项目投入经费（万元）"),
    (r"新增收入|收入规模", (1000, 3000, 5000), "新增收入规模（万元）"),
    (r"面积|场所", (500, 1000, 1500), "创新团队办公场所面积（平方米）"),
    (r"团队|人员", (100, 150, 200), "创新研发团队人员数量（人）"),
    (r"专利", (1, 2, 3), "申报相关领域国家专利（项）"),
    (r"标准", (1, 2, 3), "参与制定国家或行业技术标准（项）"),
    (r"新技术|新产品|新模式|新应用", (1, 2, 3), "新技术、新产品、新模式、新应用（项）"),
)


def check_kpi(ctx: Context) -> Iterator[Finding]:
    """X24: js-fusion annual targets are at least the guide's KPI values, per year (W)."""
    if "js-fusion" not in ctx.regime_ids:
        return
    for table in ctx.tables:
        years = [table.column(r"第一年"), table.column(r"第二年"), table.column(r"第三年")]
        if any(y is None for y in years):
            continue
        label_col = table.column(r"指标|项目|内容") or 0
        for row in table.rows:
            if label_col >= len(row):
                continue
            label = row[label_col].norm
            rule = next((r for r in _KPI if re.search(r[0], label)), None)
            if rule is None:
                continue
            for year, (col, floor) in enumerate(zip(years, rule[1], strict=True), start=1):
                v = cell_number(row[col]) if col is not None and col < len(row) else None
                if v is not None and v < floor:
                    c = row[col]
                    yield make(
                        "X24",
                        "W",
                        f"“{row[label_col].text}”第{year}年为{c.text}，低于建设指南的年度考核值{floor}（{rule[2]}）。",
                        [evidence(ctx.doc, c.start, c.end, "X24:kpi")],
                        category="C19",
                        basis=[policy_cite(ctx, "000", "附件")],
                        suggestion=f"把该项第{year}年指标提高到不低于{floor}。",
                    )
