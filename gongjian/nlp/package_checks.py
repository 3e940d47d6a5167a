"""Cross-checks of an application package: each attachment against the agreement (clause spec §3).

The application form (004_552c305ebc467d0d.txt 附件1: 联合体名称, 联合体协议生效时间, 联合体牵头单位, 成员总数, the
member table with names and USCCs), a 建设方案 / 组建方案 (platform name, lead, members, funding total) and a 章程
(entity name and USCC, governance bodies). Each mismatch is a :class:`~gongjian.nlp.findings.Finding` with the
spec's X id, a message naming both values, evidence in both files (``Evidence.file`` is set on the attachment's
side) and a suggestion saying which value to correct. A form field left blank is X18 (a blank), not a mismatch.
Supplementary agreements (X23) and the package itself are in :mod:`gongjian.nlp.verify`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from gongjian.contracts.dates import find_dates, format_chinese_date
from gongjian.contracts.uscc import normalize_uscc
from gongjian.nlp.consistency_base import Context, evidence, make, yuan
from gongjian.nlp.findings import Finding
from gongjian.nlp.package import PackageFile
from gongjian.nlp.package_facts import (
    charter_entity,
    first_uscc,
    funding_totals,
    governance_bodies,
    mentions,
    near_mentions,
    platform_key,
    title_platform,
    title_quote,
    total_value,
    uscc_after,
)
from gongjian.nlp.package_forms import (
    ORG_END,
    Field,
    Listed,
    Quote,
    count_value,
    form_fields,
    listed_orgs,
    member_table,
    name_key,
    rows,
)
from gongjian.nlp.package_members import (
    Agreement,
    Match,
    attachment_basis,
    describe,
    match_listed,
    member_findings,
    name_finding,
    quote_in,
    roster_findings,
)
from gongjian.nlp.reporting import ROLE_NAMES

# ------------------------------------------------------------------------------------------------------ fields


def _blank_findings(f: PackageFile, blanks: list[tuple[str, Quote]], sev: str, basis, reqs) -> Iterator[Finding]:
    """X18: the form's fields left blank, in one finding."""
    labels = list(dict.fromkeys(label for label, _ in blanks))
    if labels:
        yield make(
            "X18", sev,
            f"{describe(f)}有{len(labels)}处未填写：{'、'.join(labels)}。",
            [quote_in(f, q, "X18:blank") for _, q in blanks[:4]],
            category=None, basis=basis, requirements=reqs,
            suggestion=f"按协议填写{'、'.join(labels)}后，由牵头单位加盖公章。",
        )


def name_findings(a: Agreement, f: PackageFile, values: Iterable[Quote], basis, reqs) -> Iterator[Finding]:
    """X22: the platform name an attachment states differs from the agreement's."""
    ours = a.platforms
    if not ours:
        return
    keys = {platform_key(q.text) for q in ours}
    done = set()
    for q in values:
        k = platform_key(q.text)
        if q.blank or k in keys or k in done:
            continue
        done.add(k)
        yield make(
            "X22", "W",
            f"{describe(f)}的平台名称为“{q.text}”，协议为“{ours[0].text}”。",
            [a.ev(ours[0], "X22:agreement"), quote_in(f, q, "X22:attachment")],
            category=None, basis=basis, requirements=reqs,
            suggestion=f"统一平台名称：{ROLE_NAMES[f.role]}与协议逐字使用同一名称（拟申报的，写明“拟申报”）。",
        )


def lead_findings(a: Agreement, f: PackageFile, values: Iterable[Quote], basis, reqs) -> Iterator[Finding]:
    """X02: the lead an attachment names is not the agreement's lead (a misspelling of the lead is X01)."""
    if a.lead is None:
        return
    lead, where = a.lead
    done = set()
    for q in values:
        if q.blank or name_key(q.text) in done:
            continue
        done.add(name_key(q.text))
        m = match_listed(a, Listed(q))
        if m.party is not None and m.party.member.index == lead.index:
            if m.how != "exact":
                yield name_finding(a, f, m, basis, reqs)
            continue
        other = f"（协议中为成员单位{m.party.member.label or ''}，不是牵头单位）" if m.party is not None \
            else "（不是协议的成员单位）"
        yield make(
            "X02", "E",
            f"{describe(f)}的牵头单位为“{q.text}”{other}，协议的牵头单位为{lead.display}。",
            [a.ev(where, "X02:agreement"), quote_in(f, q, "X02:attachment")],
            category=None, basis=[*basis, "民法典 第四百七十条"], requirements=reqs,
            suggestion=f"统一牵头单位：{ROLE_NAMES[f.role]}的牵头单位应为协议首部标明的“{lead.full_name}”，"
                       "并由其加盖公章；确需更换牵头单位的，应先修改协议。",
        )


def date_findings(a: Agreement, f: PackageFile, values: Iterable[Quote], basis, reqs) -> Iterator[Finding]:
    """X09: 联合体协议生效时间 on the form against the agreement's effective date."""
    eff = a.effective
    for q in values:
        if q.blank:
            continue
        dates = [d for d in find_dates(q.text) if d.date]
        if not dates:
            yield make(
                "X09", "W", f"{describe(f)}的“{q.label}”填写为“{q.text}”，不是完整的日期。",
                [quote_in(f, q, "X09:attachment")], category=None, basis=basis, requirements=reqs,
                suggestion="填写协议生效的具体日期（年、月、日）。",
            )
            continue
        theirs = dates[0].date
        if eff.date is None:
            why = "约定签署后生效，但签署日期尚未填写" if eff.how == "unsigned" else "没有写明生效日期或生效条件"
            yield make(
                "X09", "I", f"{describe(f)}填写的协议生效时间为“{q.text}”；协议{why}，无法核对。",
                [*([a.ev(eff.statement, "X09:agreement")] if eff.statement else []), quote_in(f, q, "X09:attachment")],
                category=None, basis=basis, requirements=reqs,
                suggestion="各方签署后，核对申请表的生效时间与最后一方的签署日期一致。",
            )
        elif theirs != eff.date:
            how = f"写明{format_chinese_date(eff.date)}起生效" if eff.how == "stated" else \
                f"自各方签字盖章之日起生效，最后一方的签署日期为{format_chinese_date(eff.date)}"
            ev = [a.ev(x, "X09:agreement") for x in (eff.statement, eff.signed) if x is not None]
            yield make(
                "X09", "E",
                f"{describe(f)}填写的联合体协议生效时间为“{q.text}”，协议{how}。",
                [*ev, quote_in(f, q, "X09:attachment")],
                category=None, basis=[*basis, "民法典 第五百零二条"], requirements=reqs,
                suggestion=f"将{ROLE_NAMES[f.role]}的“{q.label}”改为{format_chinese_date(eff.date)}；"
                           "若协议的签署日期写错，应由该方更正签署日期。",
            )


def count_findings(a: Agreement, f: PackageFile, values: Iterable[Quote], basis, reqs) -> Iterator[Finding]:
    """X03: 成员总数（个） on the form against the number of the agreement's members."""
    n = len(a.parties)
    if not n:
        return
    anchor = a.definition(a.parties[-1].member, "X03:agreement-members")
    for q in values:
        if q.blank:
            continue
        value = count_value(q.text)
        if value == n:
            continue
        names = "、".join(p.member.full_name for p in a.parties)
        if value is None:
            msg, fix, sev = f"{describe(f)}的“{q.label}”填写为“{q.text}”，不是一个数。", f"填写{n}（与协议一致）。", "W"
        else:
            msg = f"{describe(f)}填写的成员总数为{value}，协议列明{n}家成员单位（{names}）。"
            fix = f"成员总数应为{n}（与协议一致）；确有{value}家的，应在协议中补列其余成员并由其签章。"
            sev = "E"
        yield make("X03", sev, msg, [*anchor, quote_in(f, q, "X03:member-count")], category=None, basis=basis,
                   requirements=reqs, suggestion=fix)


def funding_findings(a: Agreement, f: PackageFile, basis, reqs) -> Iterator[Finding]:
    """X08: the funding total an attachment states against the agreement's."""
    ours = a.totals
    theirs = funding_totals(Context(f.doc, a.ctx.library, ()))  # type: ignore[arg-type]
    if not ours or not theirs:
        return
    values = {total_value(q) for q in ours}
    if any(total_value(q) in values for q in theirs):
        return
    q, o = theirs[0], ours[0]
    yield make(
        "X08", "W",
        f"{describe(f)}的投入总额为“{q.text}”（{yuan(total_value(q))}），协议约定的投入总额为“{o.text}”"
        f"（{yuan(total_value(o))}）。",
        [a.ev(o, "X08:agreement"), quote_in(f, q, "X08:attachment")],
        category=None, basis=[*basis, "民法典 第四百七十条"], requirements=reqs,
        suggestion="核对两处的投入总额；方案的总额包含财政资金或其他来源的，应分列自筹与财政资金，使成员单位投入"
                   "合计与协议一致。",
    )


# --------------------------------------------------------------------------------------------------- per role


_PLATFORM_END = re.compile(r"(?:联合体|中心|平台|联盟)$")


def _looks_like(x: Field) -> bool:
    """Whether a field's value looks like what its label asks for (an organisation, a platform name)."""
    if x.key in {"lead", "org"}:
        return ORG_END.search(name_key(x.value.text)) is not None
    if x.key == "name":
        return _PLATFORM_END.search(platform_key(x.value.text)) is not None
    return True


def _values(fields: list[Field], key: str) -> list[Quote]:
    return [x.value for x in fields if x.key == key]


def check_form(a: Agreement, f: PackageFile) -> Iterator[Finding]:
    """Check the application form against the agreement.

    Blanks (X18), platform name (X22), lead (X02), effective date (X09), member count and list (X03), and the
    members' names, USCCs and 法定代表人 (X01, X05, X11).
    """
    yield from _check_listing(a, f, "E")


def check_plan(a: Agreement, f: PackageFile) -> Iterator[Finding]:
    """Check a 建设方案 / 组建方案 against the agreement.

    As the form where it has the same fields; members it never names (X03, a warning); the funding total (X08).
    """
    yield from _check_listing(a, f, "W")
    basis, reqs = attachment_basis(a, f)
    yield from funding_findings(a, f, basis, reqs)


def _check_listing(a: Agreement, f: PackageFile, sev: str) -> Iterator[Finding]:
    doc = f.doc
    assert doc is not None
    basis, reqs = attachment_basis(a, f)
    grid = rows(doc)
    table = member_table(doc, grid)
    fields = form_fields(doc, grid, frozenset(table.rows) if table is not None else frozenset())
    if f.role == "application-form":
        blanks = [(x.label, x.value) for x in fields
                  if x.key in {"name", "lead", "effective", "count"} and x.value.blank]
        if table is not None and not table.members:
            blanks.append(("成员单位名单", Quote("", table.header.start, table.header.end, table.header.text)))
        if table is not None:
            blanks += [(f"{m.name.text}的统一社会信用代码", m.name) for m in table.missing_uscc]
        yield from _blank_findings(f, blanks, sev, basis, reqs)
    else:  # a plan states such fields in passing: only values that look like one count, and blanks are no defect
        fields = [x for x in fields if not x.value.blank and _looks_like(x)]
    names = _values(fields, "name")
    if f.role != "application-form" and (t := title_platform(doc)) is not None:
        names.append(t)
    yield from name_findings(a, f, names, basis, reqs)
    yield from lead_findings(a, f, _values(fields, "lead"), basis, reqs)
    yield from date_findings(a, f, _values(fields, "effective"), basis, reqs)
    yield from count_findings(a, f, _values(fields, "count"), basis, reqs)
    listed = list(table.members) if table is not None else []
    yield from member_findings(a, f, [*listed, *listed_orgs(fields)], basis, reqs)
    if table is not None and table.members:
        header = Quote(table.header.text, table.header.start, table.header.end, "成员单位名单")
        yield from roster_findings(a, f, table.members, header, sev, basis, reqs)
    elif f.role == "plan":
        yield from _mention_findings(a, f, basis, reqs)


def _mention_findings(a: Agreement, f: PackageFile, basis, reqs) -> Iterator[Finding]:
    """Members a plan without a member table never names (X03, W), and near-miss spellings of members (X01)."""
    doc = f.doc
    assert doc is not None
    others = tuple(p.member.norm_name for p in a.parties)
    missing = []
    for p in a.parties:
        if mentions(doc, p.member.full_name):
            continue
        near = next(near_mentions(doc, p.member.full_name, tuple(o for o in others if o != p.member.norm_name)),
                    None)
        if near is not None:
            yield name_finding(a, f, Match(Listed(near), p, "near"), basis, reqs)
        else:
            missing.append(p)
    if missing:
        title = title_quote(doc)
        names = "、".join(p.member.display for p in missing)
        yield make(
            "X03", "W",
            f"{describe(f)}没有提到协议的成员单位{names}。",
            [*a.definition(missing[0].member, "X03:agreement-member"), quote_in(f, title, "X03:attachment")],
            category=None, basis=basis, requirements=reqs,
            suggestion=f"在{ROLE_NAMES[f.role]}的组建单位概况和任务分工中写明上述成员单位，名称与协议一致。",
        )


_ENTITY_SENTENCE = re.compile(r"运营主体|法人实体|独立法人实体|运营机构|实体化运营")
_ENTITY_NAME = re.compile(
    r"(?:由|以|将|设立|成立|组建|注册|为)(?P<name>[一-龥()（）A-Za-z0-9]{2,40}(?:有限责任公司|股份有限公司|有限公司|研究院|研究所))"
)


def check_charter(a: Agreement, f: PackageFile) -> Iterator[Finding]:
    """A 章程: the entity's name and USCC, the governance bodies (X27); members it names (X01, X05, X11)."""
    doc = f.doc
    assert doc is not None
    basis, reqs = attachment_basis(a, f)
    entity = charter_entity(doc)
    fields = form_fields(doc)
    yield from member_findings(a, f, listed_orgs(fields), basis, reqs)
    if entity is not None:
        yield from _entity_findings(a, f, entity, basis, reqs)
    ours = governance_bodies(a.doc, a.ctx.signature_start)
    theirs = governance_bodies(doc)
    if theirs and ours and set(ours) != set(theirs):
        only_a = [b for b in ours if b not in theirs]
        only_c = [b for b in theirs if b not in ours]
        parts = ([f"{'、'.join(only_a)}仅见于协议"] if only_a else []) + \
            ([f"{'、'.join(only_c)}仅见于章程"] if only_c else [])
        yield make(
            "X27", "W",
            f"协议与{describe(f)}的治理机构不一致：协议设{'、'.join(ours)}，章程设{'、'.join(theirs)}"
            f"（{'；'.join(parts)}）。",
            [a.ev(ours[(only_a or list(ours))[0]], "X27:agreement-body"),
             quote_in(f, theirs[(only_c or list(theirs))[0]], "X27:charter-body")],
            category=None, basis=basis, requirements=reqs,
            suggestion="统一协议与章程的治理机构（名称、设置与职权），并在协议中写明二者不一致时以何者为准。",
        )


def _entity_findings(a: Agreement, f: PackageFile, entity: Quote, basis, reqs) -> Iterator[Finding]:
    found = mentions(a.doc, entity.text)
    if not found and name_key(entity.text) in name_key(a.doc.text):
        return  # written with other brackets or spaces: the same name
    if not found:
        near = next(near_mentions(a.doc, entity.text, tuple(p.member.norm_name for p in a.parties)), None)
        if near is not None:
            yield make(
                "X27", "W",
                f"{describe(f)}所称的实体为“{entity.text}”，协议写作“{near.text}”。",
                [a.ev(near, "X27:agreement-entity"), quote_in(f, entity, "X27:charter-entity")],
                category=None, basis=basis, requirements=reqs,
                suggestion="以登记（或拟登记）的名称为准，统一协议与章程中的实体名称。",
            )
            return
        where = next((m for m in _ENTITY_SENTENCE.finditer(a.doc.norm, 0, a.ctx.signature_start)), None)
        named = _ENTITY_NAME.search(a.doc.norm, max(0, where.start() - 80), where.end() + 80) if where else None
        what = f"；协议约定的运营主体为“{a.doc.text[named.start('name') : named.end('name')]}”" if named else ""
        ev = [evidence(a.doc, named.start("name"), named.end("name"), "X27:agreement-entity")] if named else []
        yield make(
            "X27", "W",
            f"协议没有提到{describe(f)}所称的实体“{entity.text}”{what}。",
            [*ev, quote_in(f, entity, "X27:charter-entity")],
            category=None, basis=basis, requirements=reqs,
            suggestion="在协议的对外责任主体（运营主体）条款中写明该实体的名称，与章程一致。",
        )
        return
    theirs = uscc_after(f.doc, entity.end) or first_uscc(f.doc)  # type: ignore[arg-type]
    ours = next((q for m in found if (q := uscc_after(a.doc, m.end)) is not None), None)
    if theirs is not None and ours is not None and normalize_uscc(ours.text)[0] != normalize_uscc(theirs.text)[0]:
        yield make(
            "X27", "W",
            f"“{entity.text}”的统一社会信用代码：协议为“{ours.text}”，{describe(f)}为“{theirs.text}”。",
            [a.ev(ours, "X27:agreement-uscc"), quote_in(f, theirs, "X27:charter-uscc")],
            category=None, basis=[*basis, "GB 32100-2015"], requirements=reqs,
            suggestion="按营业执照（法人登记证书）核对实体的统一社会信用代码，改正写错的一处。",
        )
