"""Consistency checks about shares: allocation groups summing to 100 % (X07), IP share vs revenue share (X20)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from gongjian.contracts.numbers import Share, find_shares, format_percent
from gongjian.nlp.consistency_base import (
    Context,
    Member,
    evidence,
    make,
    policy_cite,
)
from gongjian.nlp.consistency_tables import cell_number, is_total_row
from gongjian.nlp.findings import Finding

# ------------------------------------------------------------------------------------------------------- X07


@dataclass(frozen=True)
class ShareGroup:
    """One allocation group: shares of one sentence (or table column) for the same object."""

    items: tuple[tuple[str, Share, Member | None], ...]  # (label, share, member)
    residual: bool  # 其余 / 剩余 handled as the rest
    start: int
    end: int
    category: str


_ALLOC = re.compile(r"分配|份额|比例|共有|享有|占|持有|承担|出资|归|分成|分享|分担|持股|认缴|缴付|缴纳|承诺额|投入")
_BEFORE_SHARE = re.compile(
    r"^(?:方)?(?:占|享有|持有|分得|取得|获得|承担|按|为|得|应得|出资|投入|分担)?(?:其)?"
    r"(?:不低于|不少于|不超过|不高于|至少|最多|最低|最高)?"
    r"(?:共有)?(?:份额|比例|股权|股份)?(?:的)?(?:为|是)?[:：]?\s*$"
)
_AFTER_SHARE = re.compile(r"^\s*(?:的(?:份额|比例|收益|权益|部分))?\s*(?:归|由|给|属于|分配给|支付给)\s*")
_MAX_GAP = 6
#: Room for a unit's name before its share (太湖理工20%), when telling whether an unattributed share follows a group.
_NAME_CHARS = 8
_RESIDUAL = re.compile(r"其余|剩余|余下|余额")
_SEPARATOR = re.compile(r"^\s*(?:、|,|，|和|及|以及|与)\s*$")


def group_category(text: str) -> str:
    """Return the category an allocation sentence belongs to: revenue (C09), IP (C07) or funding (C06).

    >>> group_category("可分配净收入按甲方40%、乙方60%的比例分配"), group_category("由两方共有，甲方占60%")
    ('C09', 'C07')
    """
    if re.search(r"收益|收入|利润|分红|许可费|转让费|净收|价款", text):
        return "C09"
    if re.search(r"共有|知识产权|成果|专利|著作权|归属|股权", text):
        return "C07"
    if re.search(r"出资|投入|经费|资金|费用|成本|注册资本|责任|债务|损失", text):
        return "C06"
    return "C09"


def _attributed(ctx: Context, s: int, share: Share) -> tuple[str, Member | None, int] | None:
    """Return (label, member, where the label starts) of the party a share belongs to, or None."""
    norm = ctx.doc.norm
    start, end = s + share.start, s + share.end
    prefix = norm[max(s, start - 14) : start]
    base = start - len(prefix)
    for cut in range(len(prefix)):
        head, gap = prefix[: len(prefix) - cut], prefix[len(prefix) - cut :]
        m = ctx.member_ending(head)
        if m is not None and _BEFORE_SHARE.match(gap):
            alias = next(a for a in m.aliases if head.endswith(a))
            return alias, m, base + len(head) - len(alias)
        if m is not None:
            break
    after = norm[end : end + 16]
    a = _AFTER_SHARE.match(after)
    if a:
        m = ctx.member_at(after[a.end() :])
        if m is not None:
            return next(x for x in m.aliases if after[a.end() :].startswith(x)), m, start
    if (r := re.search(r"(其余|剩余|余下)(?:部分)?(?:的)?$", prefix)) is not None:
        return "其余", None, base + r.start()
    return None


def share_groups(ctx: Context) -> list[ShareGroup]:
    """Return the allocation groups of the text (party-attributed shares per sentence, 分别 lists)."""
    if "share_groups" in ctx.cache:
        return ctx.cache["share_groups"]  # type: ignore[return-value]
    norm = ctx.doc.norm
    groups: list[ShareGroup] = []
    for s, e in ctx.sentences(0, ctx.signature_start):
        sentence = norm[s:e]
        if not _ALLOC.search(sentence) or "%" not in sentence and "分之" not in sentence and "成" not in sentence:
            continue
        shares = find_shares(ctx.doc.text[s:e])
        if len(shares) < 2 and not _RESIDUAL.search(sentence):
            continue
        groups.extend(_party_groups(ctx, s, e, shares))
        groups.extend(_respectively_groups(ctx, s, e, shares))
    ctx.cache["share_groups"] = groups
    return groups


def _party_groups(ctx: Context, s: int, e: int, shares: list[Share]) -> Iterator[ShareGroup]:
    sentence = ctx.doc.norm[s:e]
    current: list[tuple[str, Share, Member | None]] = []
    first = s

    def close():
        parties = [x for x in current if x[2] is not None]
        explicit_rest = any(x[2] is None for x in current)
        residual = not explicit_rest and bool(_RESIDUAL.search(sentence[current[-1][1].end :]))
        if len(parties) >= 2 or (parties and (residual or explicit_rest)):
            yield ShareGroup(
                tuple(current),
                residual,
                min(first, s + current[0][1].start),
                s + current[-1][1].end,
                group_category(sentence),
            )

    incomplete = False
    for share in shares:
        who = _attributed(ctx, s, share)
        if who is None:
            # A share of a unit the text names some other way (太湖理工20% for 太湖理工大学) right after the group:
            # the group is not all there, and its sum cannot be judged.
            if current and share.start - current[-1][1].end <= _MAX_GAP + _NAME_CHARS:
                incomplete = True
            continue
        label, member, at = who
        repeated = member is not None and any(x[2] is not None and x[2].index == member.index for x in current)
        # A long stretch between two shares starts another object (“…甲方占60%、乙方占40%，丙方与丁方合作完成的…”).
        if current and (repeated or at - (s + current[-1][1].end) > _MAX_GAP):
            if not incomplete:
                yield from close()
            current, incomplete = [], False
        if not current:
            first = at
        current.append((label, share, member))
    if current and not incomplete:
        yield from close()


_PERIOD = re.compile(r"(?:第[一二三四五六七八九十\d]+(?:年|期|年度)|\d{4}年(?:度)?|首期|二期|三期)")


def _respectively_groups(ctx: Context, s: int, e: int, shares: list[Share]) -> Iterator[ShareGroup]:
    """分别 lists: “甲方、乙方分别占60%、40%” and payment schedules “第一年、第二年分别缴付认缴额的40%、60%”."""
    sentence = ctx.doc.norm[s:e]
    at = sentence.find("分别")
    if at < 0:
        return
    run = [x for x in shares if x.start > at]
    lst: list[Share] = []
    for x in run:
        if lst and not _SEPARATOR.match(sentence[lst[-1].end : x.start]):
            break
        lst.append(x)
    if len(lst) < 2 or any(x.is_bound for x in lst):
        return
    head = sentence[:at]
    names = [m.group() for m in ctx.aliases.finditer(head)] if ctx.aliases is not None else []
    members = [ctx.member_by_alias(n) for n in names]
    if len(names) == len(lst) and all(members):
        yield ShareGroup(
            tuple((n, x, m) for n, x, m in zip(names, lst, members, strict=True)),
            False,
            s + lst[0].start,
            s + lst[-1].end,
            group_category(sentence),
        )
        return
    periods = _PERIOD.findall(head)
    if len(periods) == len(lst) and re.search(r"承诺额|认缴额|出资额|投入额|总额|出资|认缴", sentence):
        values = [x.value for x in lst]
        if values == sorted(values) and values[-1] == 100:
            return  # cumulative schedule (30%、60%、100%)
        yield ShareGroup(
            tuple((p, x, None) for p, x in zip(periods, lst, strict=True)),
            False,
            s + lst[0].start,
            s + lst[-1].end,
            "C06",
        )


def _group_text(ctx: Context, g: ShareGroup) -> str:
    return "、".join(f"{label}{x.raw}" for label, x, _ in g.items)


def check_shares(ctx: Context) -> Iterator[Finding]:
    """X07: every allocation group sums to 100 % (其余 handled as the rest); bounds cannot be verified (W)."""
    for g in share_groups(ctx):
        values = [x.value for _, x, _ in g.items]
        total = sum(values, Fraction(0))
        ev = [evidence(ctx.doc, g.start, g.end, "X07:group")]
        basis = _share_basis(ctx)
        what = _group_text(ctx, g)
        if any(x.is_bound for _, x, _ in g.items):
            lower = sum(
                (x.value for _, x, _ in g.items if x.bound_word in {"不低于", "不少于", "至少", "最低", "以上"}),
                Fraction(0),
            )
            if lower > 100:
                yield make(
                    "X07",
                    "E",
                    f"分配比例“{what}”中的最低份额合计已达{format_percent(lower)}，超过100%。",
                    ev,
                    category=g.category,
                    basis=basis,
                    suggestion="调整各方份额，使其合计为100%。",
                )
            else:
                yield make(
                    "X07",
                    "W",
                    f"分配比例“{what}”含有“不低于/不超过”等不等式，无法核对各方份额合计是否为100%。",
                    ev,
                    category=g.category,
                    basis=basis,
                    suggestion="写明各方确定的份额，合计为100%。",
                )
            continue
        if any(v <= 0 for v in values):
            yield make(
                "X07",
                "E",
                f"分配比例“{what}”中有一方份额为零。",
                ev,
                category=g.category,
                basis=basis,
                suggestion="份额为零的一方不应列入该分配组，或写明其确定的份额。",
            )
            continue
        if g.residual:
            if total > 100:
                yield make(
                    "X07",
                    "E",
                    f"分配比例“{what}”已合计{format_percent(total)}，超过100%，“其余”部分为负数。",
                    ev,
                    category=g.category,
                    basis=basis,
                    suggestion="调整各方份额，使列明的份额合计不超过100%。",
                )
            continue
        if abs(total - 100) > Fraction(1, 100):
            yield make(
                "X07",
                "E",
                f"分配比例“{what}”合计为{format_percent(total)}，不等于100%。",
                ev,
                category=g.category,
                basis=basis,
                suggestion="核对各方份额，使同一分配对象的份额合计为100%（或写明“其余部分归××”）。",
            )
    yield from _table_shares(ctx)


def _share_basis(ctx: Context) -> list[str]:
    basis = []
    if "js-fusion" in ctx.regime_ids:
        basis.append(policy_cite(ctx, "000", "第九条(六)"))
    if "cq-liangjiang" in ctx.regime_ids:
        basis.append(policy_cite(ctx, "004", "五(一)2"))
    return basis + ["民法典 第四百七十条"]


def _table_shares(ctx: Context) -> Iterator[Finding]:
    for table in ctx.tables:
        for col in table.columns(r"(比例|占比|份额|持股)"):
            if not re.search(r"%|％|比例|占比", table.header[col].norm):
                continue
            rows = [r for r in table.rows if col < len(r)]
            data = [(r, cell_number(r[col])) for r in rows if not is_total_row(r)]
            totals = [(r, cell_number(r[col])) for r in rows if is_total_row(r)]
            if len(data) < 2 or any(v is None for _, v in data):
                continue
            total = sum((v for _, v in data), Decimal(0))
            cat = group_category(table.title + table.header[col].norm)
            if abs(total - 100) > Decimal("0.01"):
                ev = [evidence(ctx.doc, table.header[col].start, table.header[col].end, "X07:column")]
                ev += [evidence(ctx.doc, r[col].start, r[col].end, "X07:cell") for r, _ in data]
                yield make(
                    "X07",
                    "E",
                    f"表格“{table.title or table.header[0].text}”的“{table.header[col].text}”一栏合计为"
                    f"{total.normalize():f}%，不等于100%（"
                    + "、".join(f"{r[0].text}{r[col].text}" for r, _ in data)
                    + "）。",
                    ev,
                    category=cat,
                    basis=_share_basis(ctx),
                    suggestion="核对各行比例，使合计为100%。",
                )
            for r, v in totals:
                if v is not None and abs(v - total) > Decimal("0.01") and abs(total - 100) <= Decimal("0.01"):
                    yield make(
                        "X07",
                        "E",
                        f"表格“{table.title}”的合计行写作{r[col].text}%，各行比例之和为{total:f}%。",
                        [evidence(ctx.doc, r[col].start, r[col].end, "X07:total")],
                        category=cat,
                        basis=_share_basis(ctx),
                        suggestion="改正合计行。",
                    )


# ------------------------------------------------------------------------------------------------------- X20


def check_share_alignment(ctx: Context) -> Iterator[Finding]:
    """X20: a co-owned result's IP shares differ from its revenue shares (W: confirm it is intended)."""
    groups = [g for g in share_groups(ctx) if all(m is not None for _, _, m in g.items) and _sums_to_100(g)]
    ip = [g for g in groups if g.category == "C07"]
    revenue = [g for g in groups if g.category == "C09"]
    for r in revenue:
        shares_r = {m.index: x.value for _, x, m in r.items}
        same_parties = [g for g in ip if {m.index for _, _, m in g.items} == set(shares_r)]
        if same_parties and all({m.index: x.value for _, x, m in g.items} != shares_r for g in same_parties):
            g = same_parties[0]
            yield make(
                "X20",
                "W",
                f"知识产权共有份额“{_group_text(ctx, g)}”与收益分配比例“{_group_text(ctx, r)}”不同；"
                "未另行约定时，使用权比例可能被认定为收益比例，请确认这是有意安排。",
                [evidence(ctx.doc, g.start, g.end, "X20:ip"), evidence(ctx.doc, r.start, r.end, "X20:revenue")],
                category="C09",
                basis=("技术合同解释 第十六条",),
                suggestion="确认两组比例的差异是有意为之，并在收益分配条款中写明“收益分配比例与共有份额不同”。",
            )


def _sums_to_100(g: ShareGroup) -> bool:
    return (
        not g.residual
        and not any(x.is_bound for _, x, _ in g.items)
        and abs(sum((x.value for _, x, _ in g.items), Fraction(0)) - 100) <= Fraction(1, 100)
    )
