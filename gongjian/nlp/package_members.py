"""The agreement side of ``gongjian verify`` and the comparison of the members an attachment lists.

:class:`Agreement` holds what the agreement states (members with USCC and 法定代表人, lead, platform name, effective
date, funding totals), computed once for every attachment. :func:`match_listed` finds the member an attachment's
organisation is (same name, a near-miss spelling, the same USCC); :func:`member_findings` reports a name written
differently (X01), a different USCC (X05) or 法定代表人 (X11); :func:`roster_findings` the members missing on
either side of a member table (X03). Evidence on the attachment's side carries its ``file``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from rapidfuzz.distance import Levenshtein

from gongjian.contracts.uscc import check_uscc, normalize_uscc
from gongjian.nlp.consistency_base import Context, Member, evidence, legal_form, make, policy_cite
from gongjian.nlp.consistency_names import allowed_distance
from gongjian.nlp.document import ParsedDocument
from gongjian.nlp.findings import Evidence, Finding
from gongjian.nlp.package import ROLE_NAMES, PackageFile
from gongjian.nlp.package_facts import (
    Effective,
    PartyFacts,
    agreement_lead,
    effective_date,
    funding_totals,
    party_facts,
    platform_quotes,
)
from gongjian.nlp.package_forms import Listed, Quote, name_key

# (role, regime) → (policy number, article, requirement id): what asks for the attachment and its agreement with
# the agreement.
ATTACHMENT_BASIS = {
    ("application-form", "cq-liangjiang"): ("004", "附件1", "CQL-15"),
    ("application-form", "js-fusion"): ("000", "第十二条", "JSF-17"),
    ("plan", "js-fusion"): ("000", "第十二条", "JSF-17"),
    ("plan", "js-tech-center"): ("002", "四(一)、附 建设方案编写提纲", "JST-11"),
    ("plan", "jl-industry-center"): ("003", "第十五条、附件2", "JLI-17"),
    ("plan", "js-consortium"): ("001", "三(三)", "JSC-03"),
    ("charter", "js-tech-center"): ("002", "五(二)", "JST-03"),
    ("charter", "jl-industry-center"): ("003", "附件2 八.2", "JLI-17"),
    ("supplementary", "cq-liangjiang"): ("004", "五(二)", "CQL-11"),
    ("supplementary", "js-consortium"): ("001", "七(三)", "JSC-16"),
}
# regime → the attachments it asks for: (roles that satisfy it, what, severity when absent, policy, article, req)
EXPECTED = {
    "cq-liangjiang": [({"application-form"}, "两江新区产业创新联合体组建申请表", "W", "004", "附件1", "CQL-15")],
    "js-fusion": [({"application-form", "plan"}, "融合创新中心组建方案申报书", "W", "000", "第十二条", "JSF-17")],
    "js-consortium": [({"plan"}, "创新联合体建设方案", "W", "001", "三(三)", "JSC-03")],
    "js-tech-center": [({"plan"}, "省技术创新中心建设方案", "W", "002", "四(一)", "JST-11"),
                       ({"charter"}, "技术创新中心章程（运营主体设立后依照章程管理）", "I", "002", "五(二)", "JST-03")],
    "jl-industry-center": [({"plan"}, "省级产业创新中心组建方案", "W", "003", "第十五条", "JLI-17"),
                           ({"charter"}, "产业创新中心章程（组建方案附件）", "W", "003", "附件2 八.2", "JLI-17")],
}


@dataclass
class Agreement:
    """What the agreement states, computed once for every attachment."""

    ctx: Context
    file: str

    @property
    def doc(self) -> ParsedDocument:
        """Return the agreement."""
        return self.ctx.doc

    @cached_property
    def parties(self) -> list[PartyFacts]:
        """Return the members with their USCC and 法定代表人."""
        return party_facts(self.ctx)

    @cached_property
    def lead(self) -> tuple[Member, Quote] | None:
        """Return the lead unit and where the agreement names it."""
        return agreement_lead(self.ctx)

    @cached_property
    def platforms(self) -> list[Quote]:
        """Return the platform names the agreement states."""
        return platform_quotes(self.ctx)

    @cached_property
    def effective(self) -> Effective:
        """Return when the agreement takes effect."""
        return effective_date(self.ctx)

    @cached_property
    def totals(self) -> list[Quote]:
        """Return the funding totals the agreement states."""
        return funding_totals(self.ctx)

    def ev(self, q: Quote, matched_by: str) -> Evidence:
        """Return evidence quoting the agreement."""
        return evidence(self.doc, q.start, q.end, matched_by)

    def definition(self, m: Member, matched_by: str) -> list[Evidence]:
        """Return evidence quoting where a member is defined (none when it cannot be located)."""
        return [evidence(self.doc, m.name_start, m.name_end, matched_by)] if m.name_start >= 0 else []

    def cite(self, number: str, article: str) -> str:
        """Return a policy citation."""
        return policy_cite(self.ctx, number, article)


def quote_in(f: PackageFile, q: Quote, matched_by: str) -> Evidence:
    """Return evidence quoting an attachment (``file`` set, the field label as the article)."""
    ev = evidence(f.doc, q.start, q.end, matched_by)  # type: ignore[arg-type]
    return replace(ev, article=q.label or ev.article, file=f.name)


def describe(f: PackageFile) -> str:
    """Return how messages name an attachment: its role and file name (申请表“附件1.docx”)."""
    return f"{ROLE_NAMES[f.role]}“{f.path.name}”"


def attachment_basis(a: Agreement, f: PackageFile, *extra: str) -> tuple[list[str], list[str]]:
    """Return (basis, requirement ids) for a finding about an attachment."""
    basis, reqs = [], []
    for rid in a.ctx.regime_ids:
        if (hit := ATTACHMENT_BASIS.get((f.role, rid))) is not None:
            basis.append(a.cite(hit[0], hit[1]))
            reqs.append(hit[2])
    if not basis and f.role == "application-form" and "联合体协议生效时间" in f.doc.norm:  # type: ignore[union-attr]
        basis.append(a.cite("004", "附件1"))  # the 两江新区 form, whatever the agreement was detected as
        reqs.append("CQL-15")
    return [*basis, *extra], reqs


# ------------------------------------------------------------------------------------------------------ members


@dataclass(frozen=True)
class Match:
    """An organisation an attachment names and the agreement's member it is (None: not a member)."""

    listed: Listed
    party: PartyFacts | None
    how: str  # exact | uscc | near | none


def match_listed(a: Agreement, listed: Listed) -> Match:
    """Find the agreement's member an attachment's organisation is.

    The same name (width, brackets and spaces ignored); else a near-miss spelling (X01's edit distance, or the
    same name with another legal form: 有限公司 / 有限责任公司 is a difference, reported); else the same USCC with a
    name not far off.
    """
    key = name_key(listed.name.text)
    for p in a.parties:
        if p.key == key:
            return Match(listed, p, "exact")
    best = None
    for p in a.parties:
        d = Levenshtein.distance(key, p.key)
        same_core = key.removesuffix(legal_form(key)) == p.key.removesuffix(legal_form(p.key)) and legal_form(key)
        if (d <= allowed_distance(p.key) and not (len(p.key) <= 8 and key[:2] != p.key[:2])) or same_core:
            if best is None or d < best[0]:
                best = (d, p)
    if best is not None:
        return Match(listed, best[1], "near")
    if listed.uscc is not None:  # the same code and a name not far off: a name written differently
        code = normalize_uscc(listed.uscc.text)[0]
        for p in a.parties:
            if p.uscc is not None and normalize_uscc(p.uscc.text)[0] == code \
                    and Levenshtein.distance(key, p.key) <= max(len(p.key), len(key)) // 2:
                return Match(listed, p, "uscc")
    return Match(listed, None, "none")


def name_finding(a: Agreement, f: PackageFile, m: Match, basis, reqs) -> Finding:
    """X01: an attachment spells a member's name differently (a near-miss, or another legal form)."""
    p, spelling = m.party, m.listed.name.text
    form, pform = legal_form(name_key(spelling)), legal_form(p.key)  # type: ignore[union-attr]
    core = name_key(spelling).removesuffix(form) == p.key.removesuffix(pform)  # type: ignore[union-attr]
    what = f"组织形式不同（“{form or '无'}”与“{pform or '无'}”）" if core and form != pform else "个别文字不同"
    if m.how == "uscc":
        what = "写法不同（统一社会信用代码相同）"
    return make(
        "X01", "E",
        f"{describe(f)}写作“{spelling}”，协议为“{p.member.full_name}”：同一成员单位的名称{what}。",  # type: ignore[union-attr]
        [*a.definition(p.member, "X01:agreement"), quote_in(f, m.listed.name, "X01:attachment")],  # type: ignore[union-attr]
        category=None, basis=[*basis, "民法典 第四百七十条"], requirements=reqs,
        suggestion=f"以营业执照（法人登记证书）上的名称为准，统一{ROLE_NAMES[f.role]}与协议的写法；协议首部、签署页和"
                   f"{ROLE_NAMES[f.role]}应逐字一致。",
    )


def _uscc_finding(a: Agreement, f: PackageFile, p: PartyFacts, theirs: Quote, basis, reqs) -> Finding | None:
    ours = p.uscc
    if ours is None or normalize_uscc(ours.text)[0] == normalize_uscc(theirs.text)[0]:
        return None
    ok_ours, ok_theirs = check_uscc(ours.text), check_uscc(theirs.text)
    if ok_ours.is_valid and not ok_theirs.is_valid:
        note = f"{ROLE_NAMES[f.role]}中的代码不符合编码规则（{'；'.join(ok_theirs.errors)}）"
        fix = f"将{describe(f)}中的代码改为“{ours.text}”（以营业执照为准）。"
    elif ok_theirs.is_valid and not ok_ours.is_valid:
        note = f"协议中的代码不符合编码规则（{'；'.join(ok_ours.errors)}）"
        fix = f"按营业执照改正协议中的代码（{ROLE_NAMES[f.role]}中的“{theirs.text}”符合编码规则），并重新签署该页。"
    else:
        note = "两处代码都符合编码规则，至少一处抄错"
        fix = "在国家企业信用信息公示系统查询该单位的代码，改正写错的一处。"
    return make(
        "X05", "E",
        f"{p.member.display}的统一社会信用代码：协议为“{ours.text}”，{describe(f)}为“{theirs.text}”；{note}。",
        [a.ev(ours, "X05:agreement"), quote_in(f, theirs, "X05:attachment")],
        category=None, basis=[*basis, "GB 32100-2015"], requirements=reqs, suggestion=fix,
    )


def _rep_finding(a: Agreement, f: PackageFile, p: PartyFacts, theirs: Quote, basis, reqs) -> Finding | None:
    ours = p.rep
    if ours is None or re.sub(r"\s", "", ours.text) == re.sub(r"\s", "", theirs.text):
        return None
    return make(
        "X11", "E",
        f"{p.member.display}的法定代表人：协议为“{ours.text}”，{describe(f)}为“{theirs.text}”。",
        [a.ev(ours, "X11:agreement"), quote_in(f, theirs, "X11:attachment")],
        category=None, basis=[*basis, "民法典 第六十一条"], requirements=reqs,
        suggestion="按营业执照（法人登记证书）核对法定代表人；已变更的，协议应由现任法定代表人签字，申报材料同步改正。",
    )


def member_findings(a: Agreement, f: PackageFile, listed: Sequence[Listed], basis, reqs) -> Iterator[Finding]:
    """Compare every organisation an attachment names that is one of the agreement's members.

    X01 the name is spelled differently, X05 the USCC differs, X11 the 法定代表人 differs.
    """
    seen: set[tuple[int, str]] = set()
    for item in listed:
        m = match_listed(a, item)
        if m.party is None:
            continue
        if m.how != "exact" and (m.party.member.index, name_key(item.name.text)) not in seen:
            seen.add((m.party.member.index, name_key(item.name.text)))
            yield name_finding(a, f, m, basis, reqs)
        if item.uscc is not None and (x := _uscc_finding(a, f, m.party, item.uscc, basis, reqs)):
            yield x
        if item.rep is not None and (x := _rep_finding(a, f, m.party, item.rep, basis, reqs)):
            yield x


def roster_findings(a: Agreement, f: PackageFile, listed: Sequence[Listed], header: Quote, sev: str, basis,
                    reqs) -> Iterator[Finding]:
    """X03: the members an attachment's member table lists against the agreement's, both ways."""
    matched = {m.party.member.index: m for item in listed if (m := match_listed(a, item)).party is not None}
    n = len(a.parties)
    anchor = a.definition(a.parties[0].member, "X03:agreement-members") if a.parties else []
    if n <= 20:  # 004 附件1 注：若成员单位超过20家，则只需填写主要成员单位的有关情况
        for p in a.parties:
            if p.member.index not in matched:
                yield make(
                    "X03", sev,
                    f"协议的成员单位{p.member.display}没有列入{describe(f)}的成员单位名单"
                    f"（协议{n}家，{ROLE_NAMES[f.role]}列出{len(listed)}家）。",
                    [*a.definition(p.member, "X03:agreement-member"), quote_in(f, header, "X03:member-table")],
                    category=None, basis=basis, requirements=reqs,
                    suggestion=f"在{ROLE_NAMES[f.role]}的成员单位名单中补列“{p.member.full_name}”及其统一社会信用代码。",
                )
    for item in listed:
        if match_listed(a, item).party is None:
            names = "、".join(p.member.full_name for p in a.parties)
            yield make(
                "X03", sev,
                f"{describe(f)}列出的“{item.name.text}”不是协议的成员单位（协议首部列明{n}家：{names}）。",
                [*anchor, quote_in(f, item.name, "X03:extra-member")],
                category=None, basis=basis, requirements=reqs,
                suggestion="该单位确为成员的，应在协议中列为一方并由其法定代表人签字、加盖公章；否则从"
                           f"{ROLE_NAMES[f.role]}中删去。",
            )
