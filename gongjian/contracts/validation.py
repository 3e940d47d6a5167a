"""Semantic validation of an :class:`Agreement`: every problem at once, each with its field path.

Pydantic has already checked types and unknown keys. These rules need the whole agreement: exactly one lead unit,
references to members by short name, shares summing to 100 %, funding totals, dates inside the term, USCC check
characters. Regime rules (composition, prohibitions) need the clause library and live in ``gongjian.clauses.rules``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

from gongjian.contracts.agreement import Agreement, Share
from gongjian.contracts.uscc import check_uscc

#: A problem: (field path such as ``members[2].uscc``, Chinese message).
Problem = tuple[str, str]


def agreement_problems(agreement: Agreement) -> list[Problem]:
    """Return every semantic problem of the agreement, in document order."""
    return [
        *_members(agreement),
        *_references(agreement),
        *_shares(agreement),
        *_funding(agreement),
        *_dates(agreement),
    ]


def _members(a: Agreement) -> Iterator[Problem]:
    leads = [i for i, m in enumerate(a.members) if m.role == "lead"]
    if len(leads) != 1:
        names = "、".join(a.members[i].full_name for i in leads) or "无"
        yield "members", f"须恰有一家牵头单位（role: lead），现有 {len(leads)} 家：{names}"
    for field in ("full_name", "short_name", "uscc"):
        counts = Counter(getattr(m, field) for m in a.members)
        for i, m in enumerate(a.members):
            if counts[getattr(m, field)] > 1:
                yield f"members[{i}].{field}", f"“{getattr(m, field)}”与其他成员单位重复"
    for i, m in enumerate(a.members):
        result = check_uscc(m.uscc)
        for err in result.errors:
            yield f"members[{i}].uscc", f"{m.full_name}的统一社会信用代码{m.uscc}无效：{err}"
    if any(m.tier for m in a.members) and not all(m.tier or m.role == "lead" for m in a.members):
        yield "members", "已为部分成员填写层级（tier），其余非牵头成员也须填写 core 或 cooperating"


def _references(a: Agreement) -> Iterator[Problem]:
    names = {m.short_name for m in a.members}

    def ref(path: str, value: str | None) -> Iterator[Problem]:
        if value is not None and value not in names:
            yield path, f"“{value}”不是任何成员单位的简称；可选：{'、'.join(sorted(names))}"

    yield from ref("platform.liable_member", a.platform.liable_member)
    for i, t in enumerate(a.goals.targets):
        yield from ref(f"goals.targets[{i}].owner", t.owner)
    for i, t in enumerate(a.tasks):
        yield from ref(f"tasks[{i}].owner", t.owner)
    for i, c in enumerate(a.funding.contributions):
        yield from ref(f"funding.contributions[{i}].member", c.member)
    yield from ref("funding.account_holder", a.funding.account_holder)
    yield from ref("governance.council.chair", a.governance.council.chair)
    yield from ref("governance.expert_committee.chief_expert_member", a.governance.expert_committee.chief_expert_member)
    yield from ref("governance.executive_member", a.governance.executive_member)
    for i, b in enumerate(a.background_ip):
        yield from ref(f"background_ip[{i}].owner", b.owner)
    yield from ref("foreground_ip.filing_member", a.foreground_ip.filing_member)
    for i, s in enumerate(a.foreground_ip.co_owned_shares):
        yield from ref(f"foreground_ip.co_owned_shares[{i}].member", s.member)
    for i, split in enumerate(a.revenue.splits):
        for j, s in enumerate(split.shares):
            yield from ref(f"revenue.splits[{i}].shares[{j}].member", s.member)
    owners = {t.owner for t in a.tasks}
    for i, m in enumerate(a.members):
        if m.short_name not in owners:
            yield f"members[{i}]", f"{m.full_name}没有承担任何研发任务（每家成员单位至少承担一项任务）"


def _share_group(path: str, what: str, shares: tuple[Share, ...]) -> Iterator[Problem]:
    total = sum((s.percent for s in shares), Decimal(0))
    if total != 100:
        listed = "、".join(f"{s.member}{s.percent}%" for s in shares)
        yield path, f"{what}合计应为100%，现为{total}%（{listed}）"
    counts = Counter(s.member for s in shares)
    for member, n in counts.items():
        if n > 1:
            yield path, f"{what}中“{member}”出现了 {n} 次"


def _shares(a: Agreement) -> Iterator[Problem]:
    fg = a.foreground_ip
    if fg.rule == "co-owned":
        if not fg.co_owned_shares:
            yield "foreground_ip.co_owned_shares", "归属规则为按份额共有（co-owned）时须填写各方份额"
        else:
            yield from _share_group("foreground_ip.co_owned_shares", "共有份额", fg.co_owned_shares)
    elif fg.co_owned_shares:
        yield "foreground_ip.co_owned_shares", f"归属规则为 {fg.rule} 时不应填写共有份额"
    seen = Counter(s.type for s in a.revenue.splits)
    for i, split in enumerate(a.revenue.splits):
        yield from _share_group(f"revenue.splits[{i}].shares", f"{split.type_name}收益的分配比例", split.shares)
        if seen[split.type] > 1:
            yield f"revenue.splits[{i}].type", f"收益类型 {split.type} 重复出现"


def _funding(a: Agreement) -> Iterator[Problem]:
    f = a.funding
    total = sum((c.amount for c in f.contributions), Decimal(0))
    if total != f.total:
        yield "funding.total", f"投入总额为{f.total}{f.unit}，但各方分年度投入合计为{total}{f.unit}"
    years = a.term.years
    for i, c in enumerate(f.contributions):
        if c.year > years:
            yield f"funding.contributions[{i}].year", f"第{c.year}年超出协议期限（{years}年）"
    keys = Counter((c.member, c.year, c.form) for c in f.contributions)
    for (member, year, form), n in keys.items():
        if n > 1:
            yield "funding.contributions", f"{member}第{year}年的{form}投入重复填写了 {n} 次，请合并"


def _dates(a: Agreement) -> Iterator[Problem]:
    start, end = a.term.start, a.term.end
    for i, t in enumerate(a.tasks):
        if not start <= t.deadline <= end:
            yield (
                f"tasks[{i}].deadline",
                f"任务“{t.title}”的完成期限{t.deadline:%Y-%m-%d}不在协议期限（{start:%Y-%m-%d} 至 {end:%Y-%m-%d}）内",
            )
    for i, t in enumerate(a.goals.targets):
        if t.year > a.term.years:
            yield f"goals.targets[{i}].year", f"指标“{t.indicator}”的第{t.year}年超出协议期限（{a.term.years}年）"
    for i, b in enumerate(a.background_ip):
        if b.filing_date and b.filing_date > start:
            yield f"background_ip[{i}].filing_date", f"背景知识产权“{b.title}”的申请日晚于协议期限起始日"
