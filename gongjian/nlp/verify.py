"""``gongjian verify``: an application package — the agreement against its attachments.

:func:`verify_package` reads the package (:mod:`gongjian.nlp.package`), checks the main agreement as
``gongjian check`` does, and adds the cross-file findings: each attachment against the agreement
(:mod:`gongjian.nlp.package_checks`), supplementary agreements (X23, here), an attachment that cannot be read
(``PKG.unreadable``, a warning: the rest is still checked) and an attachment the regime asks for that the package
lacks (``PKG.missing``). The result is the agreement's :class:`~gongjian.nlp.findings.Report` with those findings
sorted in, and ``attachments`` listing the other files and their role.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from gongjian.clauses.library import ClauseLibrary, load_library
from gongjian.contracts.dates import find_dates, format_chinese_date
from gongjian.nlp.check import check_document, cite_finding
from gongjian.nlp.consistency_base import Context, make
from gongjian.nlp.findings import SEVERITY_ORDER, Finding, Report
from gongjian.nlp.package import Package, PackageFile, read_package
from gongjian.nlp.package_checks import check_charter, check_form, check_plan
from gongjian.nlp.package_facts import title_quote
from gongjian.nlp.package_forms import Quote, name_key
from gongjian.nlp.package_members import EXPECTED, Agreement, attachment_basis, describe, quote_in

__all__ = ["package_findings", "verify_package"]


def verify_package(folder: str | Path, library: ClauseLibrary | None = None, *,
                   regimes: Sequence[str] = ()) -> Report:
    """Check an application package: the agreement as ``check`` does, then against each attachment.

    Args:
        folder: the package's folder (searched recursively; hidden and ``~$`` files are left out).
        library: the clause library (the packaged one by default).
        regimes: regime ids to judge against; empty or ``("auto",)`` means detect them from the agreement.

    Returns:
        The agreement's report with the cross-file findings added and ``attachments`` set.

    Raises:
        UnknownId: an unknown regime id (before any file is read).
        UsageError: not a folder, no file to read, no main agreement, or more than one.
        DocumentUnreadable: the main agreement cannot be read.
    """
    library = library or load_library()
    for rid in regimes:
        if rid != "auto":
            library.regime(rid)
    package = read_package(folder)
    base = check_document(package.agreement.doc, library, regimes=regimes)  # type: ignore[arg-type]
    extra = [cite_finding(f, library, base.regimes) for f in package_findings(package, base, library)]
    findings = sorted([*base.findings, *extra], key=_order)
    notes = list(base.warnings)
    if package.skipped:
        shown = "、".join(Path(s).name for s in package.skipped[:5]) + (" 等" if len(package.skipped) > 5 else "")
        notes.append(f"另有 {len(package.skipped)} 个文件不是可核验的格式，未核验：{shown}")
    return replace(base, findings=tuple(findings), warnings=tuple(notes),
                   attachments=tuple(f.entry() for f in package.attachments))


def _order(f: Finding) -> tuple:
    """Return the sort key of a finding, as ``check`` sorts: severity, then the position in the agreement.

    Findings with no evidence in the agreement (an attachment's blanks) come first within their severity, like
    findings without evidence.
    """
    at = next((e.start for e in f.evidence if e.file is None), -1)
    return SEVERITY_ORDER[f.severity], at, f.rule_id


def package_findings(package: Package, report: Report, library: ClauseLibrary) -> list[Finding]:
    """Return the cross-file findings of a package whose agreement was checked into ``report``."""
    ctx = Context(package.agreement.doc, library, tuple(library.regime(r) for r in report.regimes))  # type: ignore[arg-type]
    agreement = Agreement(ctx, package.agreement.name)
    out: list[Finding] = list(_missing(agreement, package))
    checks = {"application-form": check_form, "plan": check_plan, "charter": check_charter,
              "supplementary": check_supplementary}
    for f in package.attachments:
        if f.doc is None:
            out.append(make(
                "PKG.unreadable", "W", f"附件“{f.name}”无法读取，未核验：{f.reason}",
                [], category=None, basis=(),
                suggestion="另存为 .docx（或带文本层的 PDF）后放回申报材料文件夹，重新运行 gongjian verify。",
            ))
        elif (check := checks.get(f.role)) is not None:
            out += check(agreement, f)
    unique, seen = [], set()
    for x in out:
        key = (x.rule_id, x.message)
        if key not in seen:
            seen.add(key)
            unique.append(x)
    return unique


_KEYWORDS = {"application-form": "申请表", "plan": "方案", "charter": "章程"}


def _missing(a: Agreement, package: Package) -> Iterator[Finding]:
    """PKG.missing: an attachment the regime asks for is not in the package (an unreadable one is there)."""
    present = {f.role for f in package.attachments}
    for regime in a.ctx.regimes:
        for roles, what, sev, number, article, req in EXPECTED.get(regime.id, ()):
            if present & roles:
                continue
            words = "或".join(f"“{_KEYWORDS[r]}”" for r in sorted(roles))
            yield make(
                "PKG.missing", sev, f"申报材料中没有{what}（{regime.short_name}要求），无法与协议交叉核对。",
                [], category=None, basis=[a.cite(number, article)], requirements=[req],
                suggestion=f"把{what}放入申报材料文件夹后重新核验（文件名含{words}即可识别）。",
            )


# ------------------------------------------------------------------------------------------------------- X23

_MAIN_REF = re.compile(r"《(?P<title>[^》]{2,60}?(?:协议|合同)(?:书)?)》")
_LEAD_CHANGE = re.compile(r"(?:变更|更换|调整)牵头单位|牵头单位(?:变更|更换|调整)为")


def check_supplementary(a: Agreement, f: PackageFile) -> Iterator[Finding]:
    """X23: check a supplementary agreement against the main agreement.

    It names the main agreement (its title, and a right date when it gives one), every member signs it with the
    formalities the regime asks for, and under js-consortium it does not change the lead.
    """
    doc = f.doc
    assert doc is not None
    basis, reqs = attachment_basis(a, f, "民法典 第五百四十三条")
    title = a.doc.structure.title
    title_at, head = title_quote(a.doc), title_quote(doc)
    key = name_key(title)
    refs = [m for m in _MAIN_REF.finditer(doc.norm) if "补充" not in m.group("title")]
    named = next((m for m in refs if name_key(m.group("title")) == key), None)
    if named is None and key and key not in name_key(doc.text):
        if refs:
            cited = doc.text[refs[0].start("title") : refs[0].end("title")]
            msg = f"{describe(f)}引用的是《{cited}》，与主协议的名称《{title}》不一致。"
            q = Quote(doc.text[refs[0].start() : refs[0].end()], refs[0].start(), refs[0].end(), "")
        else:
            msg, q = f"{describe(f)}没有写明补充的是哪一份协议（主协议为《{title}》）。", head
        yield make(
            "X23", "E", msg,
            [a.ev(title_at, "X23:main-title"), quote_in(f, q, "X23:reference")],
            category=None, basis=basis, requirements=reqs,
            suggestion=f"在补充协议首部写明：本协议是对各方于××年××月××日签订的《{title}》的补充，"
                       "并写明所修改的条款。",
        )
    elif named is not None:
        yield from _reference_date(a, f, named, title_at, basis, reqs)
    yield from _signers(a, f, basis, reqs)
    if "js-consortium" in a.ctx.regime_ids and (m := _LEAD_CHANGE.search(doc.norm)) is not None:
        yield make(
            "X23", "E", f"{describe(f)}变更牵头单位，而江苏省创新联合体的牵头单位不得变更。",
            [quote_in(f, Quote(doc.text[m.start() : m.end()], m.start(), m.end(), ""), "X23:lead-change")],
            category=None, basis=[a.cite("001", "七(三)")], requirements=["JSC-16"],
            suggestion="删除变更牵头单位的约定。",
        )


def _reference_date(a: Agreement, f: PackageFile, named: re.Match[str], title_at: Quote, basis, reqs):
    """W: the date the supplementary agreement gives the main agreement is none of its signature dates."""
    doc = f.doc
    s = max(doc.norm.rfind(c, 0, named.start()) for c in "。;\n") + 1  # type: ignore[union-attr]
    dates = [d for d in find_dates(doc.text[s : named.start()]) if d.date]  # type: ignore[union-attr]
    eff = a.effective
    known = {d.date for d in find_dates(a.doc.text[a.ctx.signature_start :]) if d.date}
    if eff.date is not None:
        known.add(eff.date)
    if not dates or not known or any(d.date in known for d in dates):
        return
    d = dates[-1]
    main = format_chinese_date(eff.date) if eff.date else "、".join(format_chinese_date(x) for x in sorted(known))
    yield make(
        "X23", "W",
        f"{describe(f)}称主协议于“{d.raw}”签订，主协议的签署（生效）日期为{main}。",
        [a.ev(title_at, "X23:main-title"), quote_in(f, Quote(d.raw, s + d.start, s + d.end, ""), "X23:main-date")],
        category=None, basis=basis, requirements=reqs,
        suggestion="核对并改正补充协议中主协议的签订日期。",
    )


def _signers(a: Agreement, f: PackageFile, basis, reqs) -> Iterator[Finding]:
    """Every member of the main agreement signs the supplementary agreement, with the regime's formalities."""
    doc = f.doc
    assert doc is not None
    blocks = doc.structure.signatures
    if not blocks:
        yield make(
            "X23", "E", f"{describe(f)}没有签署栏：补充协议须由全体成员单位签署。",
            [quote_in(f, title_quote(doc), "X23:no-signatures")],
            category=None, basis=basis, requirements=reqs,
            suggestion="为每家成员单位增加签署栏（单位名称、公章、法定代表人签字、日期）。",
        )
        return
    keyed = [(b, name_key(b.text)) for b in blocks]
    missing = []
    matched = []
    for p in a.parties:
        label = p.member.label
        hit = next((b for b in blocks if b.name and name_key(b.name) == p.key), None) \
            or next((b for b, k in keyed if p.key in k), None) or next(
            (b for b in blocks if b.name is None and label and re.match(rf"\s*{label}", b.text)), None)
        if hit is None:
            missing.append(p)
        else:
            matched.append((p, hit))
    if missing:
        first = blocks[0]
        area = Quote(doc.text[first.start : first.end].split("\n")[0], first.start,
                     first.start + len(doc.text[first.start : first.end].split("\n")[0]), "签署页")
        yield make(
            "X23", "E",
            f"{describe(f)}缺少成员单位{'、'.join(p.member.display for p in missing)}的签署栏：补充协议须由主协议的"
            f"全体成员单位（{len(a.parties)}家）签署，签署栏只有{len(blocks)}个。",
            [*a.definition(missing[0].member, "X23:member"), quote_in(f, area, "X23:signature-page")],
            category=None, basis=basis, requirements=reqs,
            suggestion=f"由{'、'.join(p.member.full_name for p in missing)}在补充协议上签署；未经全体成员签署的"
                       "补充协议对未签署方不发生效力。",
        )
    strict = [r for r in a.ctx.regimes
              if r.signature.both_required or not r.signature.authorised_representative_allowed]
    if not strict:
        return
    for p, b in matched:
        problems = []
        if strict[0].signature.official_seal and not b.has_official_seal:
            problems.append("未写明加盖公章")
        if strict[0].signature.legal_representative and not b.has_legal_rep:
            problems.append("没有法定代表人签字栏")
        if b.has_authorised_rep and not strict[0].signature.authorised_representative_allowed:
            problems.append("由授权代表签字")
        if problems:
            line = doc.text[b.start : b.end].split("\n")[0]
            yield make(
                "X23", "E",
                f"{describe(f)}中{p.member.display}的签署栏{'、'.join(problems)}：补充协议应与主协议履行相同的签署"
                f"手续（{strict[0].short_name}要求法定代表人签字并加盖公章）。",
                [*a.definition(p.member, "X23:member"), quote_in(f, Quote(line, b.start, b.start + len(line), "签署页"),
                                                            "X23:signature-block")],
                category=None, basis=basis, requirements=reqs,
                suggestion="签署栏写为“单位名称（公章）/ 法定代表人（签字）/ 日期”。",
            )

