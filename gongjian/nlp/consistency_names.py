"""Consistency checks about who signs: names (X01), the lead unit (X02), signature blocks (X03), signatories (X11)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from gongjian.contracts.text import normalise
from gongjian.nlp.consistency_base import (
    Context,
    Member,
    definition,
    evidence,
    legal_form,
    line_span,
    make,
    policy_cite,
    sentence_evidence,
)
from gongjian.nlp.findings import Finding
from gongjian.nlp.structure import SignatureBlock

_SUFFIXES = ("公司", "大学", "学院", "研究院", "研究所", "中心", "医院", "集团")
_SUFFIX_RE = re.compile("|".join(_SUFFIXES))
_BOUNDARY = set(" \t\n\u3000:：,，、;；。()（）“”\"'‘’《》[]【】")


def allowed_distance(name: str) -> int:
    """Return how many edits a near-miss spelling of ``name`` may differ by (≤ 3, fewer for short names).

    >>> [allowed_distance(n) for n in ("湘江理工大学", "江苏示例智能科技有限公司", "江苏晶拓先进封装科技股份有限公司")]
    [1, 2, 3]
    """
    return min(3, max(1, len(name) // 5))


@dataclass(frozen=True)
class NameVariant:
    """A spelling of a member's name that is not the defined one."""

    member: Member
    start: int
    end: int
    kind: str  # near-miss | legal-form | width


def _exact_member_at(ctx: Context, end: int) -> Member | None:
    norm = ctx.doc.norm
    return next((m for m in ctx.members if norm[max(0, end - len(m.norm_name)) : end] == m.norm_name), None)


def best_window(norm: str, end: int, name: str, lo: int) -> tuple[int, int]:
    """Return (distance, start) of the window ending at ``end`` closest to ``name``."""
    best: tuple[int, int, int, int] | None = None
    for k in range(-3, 4):
        start = end - len(name) - k
        if start < lo or start >= end - 1:
            continue
        window = norm[start:end]
        if "\n" in window or "\t" in window:
            continue
        d = Levenshtein.distance(window, name)
        boundary = 0 if start == 0 or norm[start - 1] in _BOUNDARY else 1
        key = (d, boundary, -(end - start), start)
        if best is None or key < best:
            best = key
    return (best[0], best[3]) if best else (99, end)


def name_variants(ctx: Context) -> list[NameVariant]:
    """Return every organisation-like string that is a near-miss of a member's full name (cached per context)."""
    if "name_variants" in ctx.cache:
        return ctx.cache["name_variants"]  # type: ignore[return-value]
    norm, text = ctx.doc.norm, ctx.doc.text
    found: dict[tuple[int, int], NameVariant] = {}
    members = [m for m in ctx.members if len(m.norm_name) >= 4]
    for sm in _SUFFIX_RE.finditer(norm):
        end = sm.end()
        exact = _exact_member_at(ctx, end)
        if exact is not None:
            s = end - len(exact.norm_name)
            if text[s:end] != exact.full_name:  # same after normalisation: width or bracket variant
                found[(s, end)] = NameVariant(exact, s, end, "width")
            continue
        line_start = norm.rfind("\n", 0, end) + 1
        candidates = []
        for m in members:
            if not m.norm_name.endswith(sm.group()):
                continue
            d, s = best_window(norm, end, m.norm_name, line_start)
            if 0 < d <= _allowed(m.norm_name):
                candidates.append((d, s, m))
        if candidates:
            d, s, m = min(candidates, key=lambda c: (c[0], c[2].index))
            window = norm[s:end]
            if not _is_other_org(ctx, window, m):
                form, mform = legal_form(window), legal_form(m.norm_name)
                same_core = window[: len(window) - len(form)] == m.norm_name[: len(m.norm_name) - len(mform)]
                found[(s, end)] = NameVariant(m, s, end, "legal-form" if same_core and form != mform else "near-miss")
    for m in members:  # a different legal form: 股份有限公司 → 有限公司 / 公司
        form = legal_form(m.norm_name)
        core = m.norm_name[: len(m.norm_name) - len(form)] if form else ""
        if len(core) < 4:
            continue
        for hit in re.finditer(
            re.escape(core) + r"(集团股份有限公司|集团有限公司|股份有限公司|有限责任公司|有限公司|集团公司|公司)", norm
        ):
            if hit.group(1) != form and not any(s <= hit.start() and hit.end() <= e for s, e in found):
                found[(hit.start(), hit.end())] = NameVariant(m, hit.start(), hit.end(), "legal-form")
    variants = sorted(found.values(), key=lambda v: v.start)
    ctx.cache["name_variants"] = variants
    return variants


def _allowed(name: str) -> int:
    return allowed_distance(name)


def _is_other_org(ctx: Context, window: str, member: Member) -> bool:
    """Return whether a near-miss window is plausibly another organisation rather than a misspelling.

    Two names that differ only in their first characters (a different place) and are short are other organisations
    (湘江理工大学 / 皖江理工大学).
    """
    if len(member.norm_name) <= 8 and window[:2] != member.norm_name[:2]:
        return True
    return False


def check_names(ctx: Context) -> Iterator[Finding]:
    """X01: every organisation name equals a member's full (or defined short) name; near-misses are reported.

    One finding per distinct variant spelling, with the first occurrences and the definition as evidence.
    """
    by_spelling: dict[tuple[int, str], list] = {}
    for v in name_variants(ctx):
        by_spelling.setdefault((v.member.index, ctx.doc.text[v.start : v.end]), []).append(v)
    for (_, spelling), variants in by_spelling.items():
        m = variants[0].member
        first = variants[0]
        in_sig = any(ctx.in_signature(v.start) for v in variants)
        where = "签署页" if in_sig and all(ctx.in_signature(v.start) for v in variants) else "正文"
        ev = [evidence(ctx.doc, v.start, v.end, "X01:name-variant") for v in variants[:3]]
        if (d := definition(ctx, m, "X01:definition")) is not None:
            ev.append(d)
        count = f"（共{len(variants)}处）" if len(variants) > 1 else ""
        # When the variant carries the full legal form the parties list lacks (“有限公司” vs “公司”), the parties
        # list is the abbreviated one (spec C01 “Weak if: A name is abbreviated”), not the signature block.
        fuller_variant = first.kind == "legal-form" and len(legal_form(normalise(spelling)) or "") > len(
            legal_form(m.norm_name) or "")
        if first.kind == "width":
            sev, what = "W", "全角/半角或括号写法不同"
        elif first.kind == "legal-form":
            sev, what = "E", f"组织形式不同（“{legal_form(normalise(spelling)) or '无'}”与“{legal_form(m.norm_name)}”）"
        else:
            sev, what = "E", "个别文字不同"
        yield make(
            "X01",
            sev,
            f"{where}写作“{spelling}”{count}，首部为“{m.full_name}”：同一成员单位的名称{what}，"
            f"可能导致签约主体不明确。",
            ev,
            category="C17" if in_sig and not fuller_variant else "C01",
            basis=("民法典 第四百七十条",),
            suggestion=f"全文统一使用首部定义的全称“{m.full_name}”或约定的简称，与营业执照（法人登记证书）一致。",
        )


# ------------------------------------------------------------------------------------------------------ X02 lead

_LEAD_AFTER = re.compile(
    r"(?:作为|为|系|是)(?:本(?:联合体|中心|平台|项目|研究院|联盟|实验室|基地)|联合体|中心|平台)?(?:的)?"
    r"牵头(?:单位|方|企业)(?!的(?:合作|成员))"
)
_LEAD_BEFORE = re.compile(r"由$")
_LEAD_VERB = re.compile(r"^牵头(?:[,，]?\s*(?:联合|组建|会同|并联合|建设|负责))")


def lead_statements(ctx: Context) -> list[tuple[Member, int, int]]:
    """Return body statements naming the lead: “甲方作为牵头单位”, “由甲方牵头，联合…”, “甲方牵头联合…”."""
    if ctx.aliases is None:
        return []
    norm = ctx.doc.norm
    body_start = max((m.name_end for m in ctx.members), default=0)
    out = []
    for hit in ctx.aliases.finditer(norm, body_start, ctx.signature_start):
        member = ctx.member_by_alias(hit.group())
        if member is None or hit.group() in {"牵头单位", "牵头方", "牵头企业"}:
            continue
        after = norm[hit.end() : hit.end() + 30]
        before = norm[max(0, hit.start() - 8) : hit.start()]
        if re.search(r"(项目|任务|课题|子任务)$", before):
            continue
        if (
            _LEAD_AFTER.match(after)
            or (_LEAD_BEFORE.search(before) and _LEAD_VERB.match(after))
            or re.match(r"^牵头(?:联合|组建|会同)", after)
        ):
            out.append((member, hit.start(), hit.end() + (m.end() if (m := _LEAD_AFTER.match(after)) else 2)))
    return out


_CHAIR = re.compile(
    r"理事长(?:单位)?由(?P<who>[^。;,，]{1,24}?)(?:委派|提名|推荐|选派|的|法定代表人|负责人|董事长|总经理|担任)"
)


def check_lead(ctx: Context) -> Iterator[Finding]:
    """X02: exactly one lead unit, named consistently; under js-consortium the 理事长 comes from the lead (W)."""
    if not ctx.members:
        return
    leads = [m for m in ctx.members if m.is_lead]
    basis = [policy_cite(ctx, "001", "七(三)")] if "js-consortium" in ctx.regime_ids else []
    basis.append("民法典 第四百七十条")
    if len(leads) > 1:
        ev = [d for m in leads if (d := definition(ctx, m, "X02:lead")) is not None]
        yield make(
            "X02",
            "E",
            f"首部把{len(leads)}家单位都标为牵头单位：{'、'.join(m.display for m in leads)}。牵头单位只能有一家。",
            ev,
            category="C01",
            basis=basis,
            suggestion="只保留一家牵头单位，其余单位标为成员（参与）单位。",
        )
        return
    statements = lead_statements(ctx)
    named = {m.index: m for m, _, _ in statements}
    if leads:
        lead = leads[0]
        for m, s, e in statements:
            if m.index != lead.index:
                ev = [evidence(ctx.doc, s, e, "X02:statement")]
                if (d := definition(ctx, lead, "X02:lead")) is not None:
                    ev.append(d)
                yield make(
                    "X02",
                    "E",
                    f"正文称“{ctx.doc.text[s:e]}”，首部的牵头单位却是{lead.display}：牵头单位前后不一致。",
                    ev,
                    category="C01",
                    basis=basis,
                    suggestion=f"统一牵头单位：首部、正文、签署页均写{lead.display}。",
                )
                break
    elif len(named) > 1:
        ms = list(named.values())
        ev = [
            evidence(ctx.doc, s, e, "X02:statement") for m, s, e in statements if m.index in {ms[0].index, ms[1].index}
        ][:3]
        yield make(
            "X02",
            "E",
            f"正文分别称{ms[0].display}和{ms[1].display}为牵头单位：牵头单位前后不一致。",
            ev,
            category="C01",
            basis=basis,
            suggestion="确定唯一的牵头单位，并在首部标明“（牵头单位）”。",
        )
    elif not named and ctx.regimes:
        first = ctx.members[0]
        ev = [d] if (d := definition(ctx, first, "X02:no-lead")) is not None else []
        yield make(
            "X02",
            "E",
            f"首部和正文都没有指明牵头单位，而{'、'.join(r.short_name for r in ctx.regimes)}要求由一家牵头单位组建。",
            ev,
            category="C01",
            basis=basis,
            suggestion="在首部写明“甲方（牵头单位）：……”，并在正文写明牵头单位的职责。",
        )
    lead = leads[0] if leads else (next(iter(named.values())) if len(named) == 1 else None)
    if lead is None or "js-consortium" not in ctx.regime_ids:
        return
    for hit in _CHAIR.finditer(ctx.doc.norm, 0, ctx.signature_start):
        who = ctx.member_at(hit.group("who"))
        if who is not None and who.index != lead.index:
            ev = [sentence_evidence(ctx, hit.start(), "X02:chair")]
            if (d := definition(ctx, lead, "X02:lead")) is not None:
                ev.append(d)
            yield make(
                "X02",
                "W",
                f"理事长由{who.display}方面担任，牵头单位却是{lead.display}。江苏省创新联合体由牵头单位"
                "组织协同攻关，理事长通常由牵头单位的负责人担任。",
                ev,
                category="C05",
                basis=[policy_cite(ctx, "001", "三(三)")],
                suggestion=f"写明“理事长由{lead.label or lead.full_name}法定代表人（或其委派的理事）担任”，"
                "或说明理由。",
            )


# ---------------------------------------------------------------------------------------------- X03 signatures

_BLOCK_LABEL = re.compile(r"^[ \t]*(?P<label>[^\s(（:：\t]{1,14}?)[ \t]*[(（][^)）\n]{0,12}[)）]")


@dataclass(frozen=True)
class BlockMatch:
    """A signature block and the member it belongs to (None: not a member)."""

    block: SignatureBlock
    member: Member | None
    by: str  # name | near-miss | label | none
    label: str | None


def _block_label(ctx: Context, block: SignatureBlock) -> str | None:
    norm = ctx.doc.norm[block.start : block.end]
    for part in re.split(r"[\n\t]", norm):
        if re.search(r"公章|盖章|签章|签字", part):
            m = _BLOCK_LABEL.match(part)
            if m and not re.search(r"代表|代理人|日期", m.group("label")):
                return m.group("label")
    return None


def match_blocks(ctx: Context) -> list[BlockMatch]:
    """Return each signature block with the member it belongs to (by name, near-miss name or label)."""
    out = []
    variants = name_variants(ctx)
    for block in ctx.signatures:
        label = _block_label(ctx, block)
        member, by = None, "none"
        if block.name:
            n = normalise(block.name)
            member = next((m for m in ctx.members if m.norm_name == n), None)
            by = "name" if member else by
            if member is None:
                v = next((v for v in variants if block.start <= v.start < block.end), None)
                if v is not None:
                    member, by = v.member, "near-miss"
        if member is None and label:
            member = ctx.member_by_alias(label)
            by = "label" if member else by
        out.append(BlockMatch(block, member, by, label))
    return out


def _block_head(ctx: Context, block: SignatureBlock):
    s, e = line_span(ctx.doc.text, block.start)
    text = ctx.doc.text
    for part_start in [s, *[i + 1 for i in range(s, e) if text[i] == "\t"]]:
        part_end = text.find("\t", part_start, e)
        part_end = e if part_end < 0 else part_end
        if re.search(r"公章|盖章|签章|签字", ctx.doc.norm[part_start:part_end]):
            return evidence(ctx.doc, part_start, part_end, "X03:block")
    return evidence(ctx.doc, s, e, "X03:block")


def check_signature_blocks(ctx: Context) -> Iterator[Finding]:
    """X03: a signature block for every member and a member for every block; cq-liangjiang formalities."""
    if not ctx.members or not ctx.signatures:
        return
    matches = match_blocks(ctx)
    basis = ["民法典 第四百九十条"]
    if "cq-liangjiang" in ctx.regime_ids:
        basis.insert(0, policy_cite(ctx, "004", "五(一)2、附件2 八"))
    covered = {bm.member.index for bm in matches if bm.member is not None}
    for m in ctx.members:
        if m.index not in covered:
            ev = [d] if (d := definition(ctx, m, "X03:member")) is not None else []
            ev.append(evidence(ctx.doc, *line_span(ctx.doc.text, ctx.signatures[0].start), "X03:signature-page"))
            yield make(
                "X03",
                "E",
                f"成员单位{m.display}在签署页没有签署栏：首部列明{len(ctx.members)}家成员单位，"
                f"签署页只有{len(ctx.signatures)}个签署栏。",
                ev,
                category="C17",
                basis=basis,
                suggestion=f"在签署页为{m.full_name}增加签署栏（单位名称、公章、法定代表人签字、日期）。",
            )
    for bm in matches:
        if bm.member is None:
            what = bm.block.name or bm.label or "（未写单位名称）"
            yield make(
                "X03",
                "E",
                f"签署栏“{what}”不是首部列明的成员单位（首部：{'、'.join(m.full_name for m in ctx.members)}）。",
                [_block_head(ctx, bm.block)],
                category="C17",
                basis=basis,
                suggestion="删除多余的签署栏，或在首部补充该单位为成员单位。",
            )
        elif bm.label and _PARTY_LABEL_RE.match(bm.label) and bm.by in {"name", "near-miss"}:
            labelled = ctx.member_by_alias(bm.label)
            if labelled is not None and labelled.index != bm.member.index:
                ev = [_block_head(ctx, bm.block)]
                if (d := definition(ctx, labelled, "X01:definition")) is not None:
                    ev.append(d)
                yield make(
                    "X01",
                    "E",
                    f"签署栏标为“{bm.label}”，单位名称却是{bm.member.display}；首部的{bm.label}是"
                    f"“{labelled.full_name}”。",
                    ev,
                    category="C17",
                    basis=("民法典 第四百七十条",),
                    suggestion="核对签署栏的当事人标注与单位名称，使其与首部一致。",
                )
    seen: dict[int, BlockMatch] = {}
    for bm in matches:
        if bm.member is None:
            continue
        if bm.member.index in seen:
            yield make(
                "X03",
                "W",
                f"{bm.member.display}有两个签署栏。",
                [_block_head(ctx, seen[bm.member.index].block), _block_head(ctx, bm.block)],
                category="C17",
                basis=basis,
                suggestion="每家成员单位只保留一个签署栏。",
            )
        seen.setdefault(bm.member.index, bm)
    yield from _formalities(ctx, matches, basis)


_PARTY_LABEL_RE = re.compile(r"^[甲乙丙丁戊己庚辛壬癸]方$")


def _formalities(ctx: Context, matches: list[BlockMatch], basis: list[str]) -> Iterator[Finding]:
    strict = [r for r in ctx.regimes if r.signature.both_required or not r.signature.authorised_representative_allowed]
    if not strict:
        return
    regime = strict[0]
    reqs = [regime.signature.requirement] if regime.signature.requirement else []
    for bm in matches:
        b = bm.block
        who = bm.member.display if bm.member else (b.name or "该签署栏")
        problems = []
        if regime.signature.official_seal and not b.has_official_seal:
            problems.append(
                "未写明加盖公章（只写“盖章”或“签章”不足以证明加盖的是公章）" if b.has_seal else "没有盖章栏"
            )
        if b.has_contract_seal:
            problems.append("使用合同专用章而不是公章")
        if regime.signature.legal_representative and not b.has_legal_rep:
            problems.append("没有法定代表人签字栏")
        if not regime.signature.authorised_representative_allowed and b.has_authorised_rep:
            problems.append("允许授权代表（委托代理人）签字")
        if problems:
            yield make(
                "X03",
                "E",
                f"{who}的签署栏{'；'.join(problems)}。{regime.short_name}要求每家成员单位由法定代表人"
                "签字并加盖公章，二者缺一不可。",
                [_block_head(ctx, b)],
                category="C17",
                basis=basis,
                requirements=reqs,
                suggestion="签署栏写为“××（公章）：单位全称 / 法定代表人（签字）：姓名 / 日期：”，"
                "不使用授权代表或合同专用章。",
            )


# ------------------------------------------------------------------------------------------------ X11 signatory

_SIGNER = re.compile(
    r"^\s*(?P<role>法定代表人|授权代表|委托代理人|代表)(?:或(?:其)?授权代表)?\s*(?:[(（]\s*签字\s*[)）]|签字)?"
    r"\s*[:：][ \t\u3000]*(?P<name>[一-龥·]{2,8})?"
)
_NOT_A_NAME = re.compile(r"签字|签章|盖章|日期|签署|年|月")


def signers(ctx: Context, block: SignatureBlock) -> list[tuple[str, str, int, int]]:
    """Return (role, name, start, end) of the signatory lines of a block (names not crossing lines)."""
    out = []
    pos = block.start
    for part in re.split(r"([\n\t])", ctx.doc.text[block.start : block.end]):
        if part in ("\n", "\t"):
            pos += 1
            continue
        m = _SIGNER.match(normalise(part))
        if m and m.group("name") and not _NOT_A_NAME.search(m.group("name")):
            out.append((m.group("role"), m.group("name"), pos + m.start("name"), pos + m.end("name")))
        pos += len(part)
    return out


def check_signatories(ctx: Context) -> Iterator[Finding]:
    """X11: the signatory in each block is the member's 法定代表人 (E), or a stated authorised representative."""
    cq = "cq-liangjiang" in ctx.regime_ids
    basis = ["民法典 第六十一条", "民法典 第一百六十五条"]
    if cq:
        basis.insert(0, policy_cite(ctx, "004", "五(一)2"))
    for bm in match_blocks(ctx):
        m = bm.member
        if m is None or not m.party.legal_representative:
            continue
        rep = m.party.legal_representative
        for role, name, s, e in signers(ctx, bm.block):
            if name == rep:
                continue
            ev = [evidence(ctx.doc, s, e, "X11:signatory")]
            rep_at = ctx.doc.text.find(rep, m.party.start, m.party.end)
            if rep_at >= 0:
                ev.append(evidence(ctx.doc, rep_at, rep_at + len(rep), "X11:legal-representative"))
            if role == "法定代表人":
                yield make(
                    "X11",
                    "E",
                    f"{m.display}签署栏的法定代表人写作“{name}”，首部的法定代表人是“{rep}”。",
                    ev,
                    category="C17",
                    basis=basis,
                    suggestion="核对法定代表人姓名；由他人签字的，应写明“授权代表”并附法定代表人授权委托书。",
                )
            elif role in {"授权代表", "委托代理人"}:
                if not cq:
                    continue  # a stated authorised representative may differ; under cq X03 reports the role
            else:
                yield make(
                    "X11",
                    "E" if cq else "W",
                    f"{m.display}签署栏由“{name}”签字，首部的法定代表人是“{rep}”，签署栏没有写明其身份或授权。",
                    ev,
                    category="C17",
                    basis=basis,
                    suggestion="由法定代表人签字；确需他人签字的，写明“授权代表”并附授权委托书。",
                )
