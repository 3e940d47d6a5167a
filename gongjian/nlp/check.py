"""Check a parsed agreement against the clause library: the only place where detectors are composed."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from gongjian.clauses.display import fill_template
from gongjian.clauses.levels import LEVEL_NAMES
from gongjian.clauses.library import ClauseLibrary, load_library
from gongjian.clauses.schema import Category
from gongjian.contracts.agreement import platform_word
from gongjian.contracts.text import normalise
from gongjian.nlp.detect import (
    SIGNATURE_CATEGORY,
    Placement,
    Signal,
    detect_document_type,
    detect_regimes,
    empty_placements,
    evidence_for,
    find_defects,
    find_signals,
    heading_evidence,
    place_categories,
)
from gongjian.nlp.document import ParsedDocument, parse_file, parse_string
from gongjian.nlp.findings import SEVERITY_ORDER, CategoryResult, DroppedCandidate, Finding, Report
from gongjian.nlp.matcher import find_any


def _missing_severity(level: str | None) -> str | None:
    if level is None:
        return None
    return {"MUST-A": "error", "INFO": "info"}.get(level, "warning")


def _signal_severity(signal: Signal, level: str | None) -> str:
    record = signal.record
    if signal.kind == "element" and not record.essential:
        return "info"  # a non-essential element: suggested, not a weakness
    if signal.kind == "lexicon":
        severity = record.severity_in_must_a if level == "MUST-A" and record.severity_in_must_a else record.severity
    elif getattr(record, "severity", None):
        severity = record.severity
    else:
        severity = "error" if level == "MUST-A" else "warning"
    if level is None and severity == "warning":
        return "info"
    return severity


_TITLE_SUFFIX = re.compile(r"(共建|组建|合作|联合组建)?(合作)?(协议|合同|协议书|合同书)$")


def _suggestion_context(doc: ParsedDocument, regimes: Sequence[str]) -> dict:
    """Return what the document tells about the drafting variables: parties, lead, platform name, regimes."""
    # A value the document does not state is left out, so that the suggestion shows a blank for it, not “None”.
    parties = [{k: v for k, v in {"full_name": p.full_name, "short_name": p.short_name,
                                  "legal_representative": p.legal_representative, "uscc": p.uscc,
                                  "role": "lead" if p.is_lead else "member"}.items() if v}
               for p in doc.structure.parties]
    lead = next((p for p, raw in zip(parties, doc.structure.parties, strict=True) if raw.is_lead),
                parties[0] if parties else None)
    others = [p for p in parties if p is not lead]
    # An empty list would render as nothing (“其中。”, “共0家”): what the document does not list is left out too.
    context: dict = {k: v for k, v in {"members": parties, "others": others, "copies": len(parties)}.items() if v}
    platform: dict = {"regimes": list(regimes)}
    name = _TITLE_SUFFIX.sub("", doc.structure.title.strip()).removeprefix("共建")
    if name:
        platform["name"] = name
    if lead is not None:
        context["lead"] = lead
        if "short_name" in lead:
            platform["liable_member"] = lead["short_name"]
    context["platform"] = platform
    context["platform_word"] = platform_word(platform.get("name", ""))
    return context


def _basis(cat: Category, regimes: Sequence[str], extra: Sequence[str] = ()) -> tuple[str, ...]:
    cites = [cat.requirements[r].cite for r in regimes if r in cat.requirements]
    return tuple(dict.fromkeys([*cites, *extra, *cat.basis]))


def _requirement_ids(cat: Category, regimes: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(
        i for r in regimes if r in cat.requirements for i in cat.requirements[r].requirement_ids))


def _standard_text(cat: Category, context: dict) -> str:
    return fill_template(cat.drafting.texts[0].text, context)


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"\W", "", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _closest_paragraph(cat: Category, standard: str, sentence: str) -> str:
    """Return the paragraph of the category's standard text that settles what a flagged sentence is about.

    A hedge in a force-majeure notice is answered by the standard text's force-majeure paragraph, not by its
    first paragraph (a late-contribution penalty). The paragraph is the one that states the most of the elements the
    sentence touches (the category's element phrases), ties and sentences touching none going by shared character
    pairs (weighted by how few paragraphs have them); with no such paragraph the whole standard text is the
    suggestion.
    """
    paragraphs = [p for p in standard.split("\n") if p.strip()]
    if len(paragraphs) < 2:
        return standard

    def elements(text: str) -> set[str]:
        folded = normalise(text)
        return {e.id for e in cat.elements if find_any(e.any_of, folded)}

    grams = [_bigrams(p) for p in paragraphs]
    frequency = Counter(g for gs in grams for g in gs)
    ours = _bigrams(sentence)
    weight = {g: math.log((len(paragraphs) + 1) / (frequency[g] + 0.5)) for g in ours}
    total = sum(weight.values()) or 1.0
    touched = elements(sentence)
    scored = [(len(touched & elements(p)), sum(weight[g] for g in ours & gs) / total, p)
              for p, gs in zip(paragraphs, grams, strict=True)]
    shared, similar, best = max(scored, key=lambda t: t[:2])
    return best if shared or similar >= _SIMILAR_PARAGRAPH else standard


#: The share of a flagged sentence's (weighted) character pairs a standard paragraph must have to answer it alone.
_SIMILAR_PARAGRAPH = 0.3


def _category_findings(doc: ParsedDocument, cat: Category, placements: list[Placement], signals: list[Signal],
                       level: str | None, regimes: Sequence[str], context: dict) -> list[Finding]:
    findings: list[Finding] = []
    requirements = _requirement_ids(cat, regimes)
    if not placements:
        severity = _missing_severity(level)
        if severity:
            cues = "、".join(c.text for c in cat.cues if not c.regex)[:60]
            findings.append(Finding(
                rule_id=f"{cat.id}.missing", severity=severity, category=cat.id,
                message=f"未找到“{cat.name}”条款（{LEVEL_NAMES.get(level or '', '')}）。已在全文查找：{cues}",
                basis=_basis(cat, regimes), requirements=requirements,
                suggestion=_standard_text(cat, context)))
        return findings
    first = heading_evidence(doc, placements[0])
    for signal in signals:
        if signal.shared:
            continue  # reported under the category that reported the sentence first
        severity = _signal_severity(signal, level)
        record = signal.record
        if signal.kind == "element":
            lead = "缺少要素" if record.essential else "建议补充"
            findings.append(Finding(
                rule_id=signal.rule_id, severity=severity, category=cat.id,
                message=f"“{cat.name}”条款{lead}：{record.label}。{record.message}",
                basis=_basis(cat, regimes, record.basis), requirements=requirements,
                evidence=(first,), suggestion=_standard_text(cat, context)))
        elif signal.kind == "defect":
            quote = evidence_for(doc, signal.match, f"defect:{signal.rule_id}/{signal.match.hits[0].text}")
            findings.append(Finding(
                rule_id=signal.rule_id, severity=severity, category=cat.id,
                message=f"{record.label}：{record.message}",
                basis=tuple(dict.fromkeys([*record.basis, *_basis(cat, regimes)[:1]])),
                requirements=tuple(dict.fromkeys([*record.requirements, *requirements])),
                evidence=(quote,),
                suggestion=record.suggestion or _closest_paragraph(cat, _standard_text(cat, context), quote.quote)))
        else:
            quote = evidence_for(doc, signal.match, f"lexicon:{signal.rule_id}/{signal.match.hits[0].text}")
            findings.append(Finding(
                rule_id=signal.rule_id, severity=severity, category=cat.id,
                message=f"“{cat.name}”条款中{record.name}（“{signal.match.hits[0].text}”）：{record.message}",
                basis=tuple(record.basis), requirements=requirements,
                evidence=(quote,),
                suggestion=_closest_paragraph(cat, _standard_text(cat, context), quote.quote)))
    return findings


#: Category rules that a consistency check makes redundant on the same sentence (the more specific rule wins:
#: 或裁或诉 is X10, a blank is X18 — DESIGN.md “The same span is never reported twice”).
_SUPERSEDED_BY = {"X10": ("C13.D",), "X18": ("L.placeholder",)}
#: Consistency checks reported once per article (X18 counts every blank of the article and quotes up to eight
#: sentences): they supersede their category rules anywhere in the article, not only in the sentences quoted.
_PER_ARTICLE = frozenset({"X18"})
#: Consistency checks about the facts rather than the wording of a clause: reported, but the clause is not weak
#: (a wrong USCC check character is a typo in a registration number, to verify in the registry).
_NOT_WEAKENING = frozenset({"X05"})


def _consistency(doc: ParsedDocument, library: ClauseLibrary, regimes: Sequence[str],
                 placed: dict[str, list[Placement]]) -> list[Finding]:
    """Run the cross-document consistency checks (spec §3, X01–X28) with the placements already made."""
    from gongjian.nlp.consistency import consistency_findings

    # A category placed by a paragraph owns that paragraph, not the rest of its article (a blank in “有关名词和术语
    # 的解释：＿＿” is not in “本合同自双方签字盖章之日起生效” of the same article).
    spans = sorted((p.region.start if p.by_heading else p.start, p.end, cid) for cid, ps in placed.items() for p in ps)

    def category_at(offset: int) -> str | None:
        return next((cid for s, e, cid in spans if s <= offset < e), None)

    return consistency_findings(doc, library, regimes, category_at=category_at)


def cite_finding(finding: Finding, library: ClauseLibrary, regimes: Sequence[str]) -> Finding:
    """Return a finding as a lawyer reads it: its basis cited by title and limited to what applies.

    ``regimes`` are the regimes the document is judged against (empty: the law-level baseline). Citations of
    other regimes' policies and their requirement ids are left out (``ClauseLibrary.cite_basis``,
    ``ClauseLibrary.requirements_of``); a finding whose basis cited only such policies falls back to the statutes
    of its category, so that a finding that had a basis keeps one. ``check_document`` applies this to every
    finding; other reports built from findings (``gongjian verify``) apply it too.
    """
    basis = library.cite_basis(finding.basis, regimes)
    if finding.basis and not basis and finding.category in library.categories:
        basis = library.cite_basis(library.categories[finding.category].basis, ())
    return replace(finding, basis=basis, requirements=library.requirements_of(finding.requirements, regimes))


def _prefer_specific(findings: list[Finding], consistency: list[Finding], doc: ParsedDocument) -> list[Finding]:
    """Drop category findings whose evidence lies in a sentence (X18: an article) that a consistency finding reports."""

    def claim(f: Finding, e) -> tuple[int, int]:
        region = doc.region_at(e.start) if f.rule_id in _PER_ARTICLE and e.file is None else None
        return (region.start, region.end) if region is not None else (e.start, e.end)

    claimed = [(*claim(f, e), prefix) for f in consistency for prefix in _SUPERSEDED_BY.get(f.rule_id, ())
               for e in f.evidence]
    if not claimed:
        return findings

    def superseded(f: Finding) -> bool:
        return any(f.rule_id.startswith(prefix) and e.start < end and start < e.end
                   for e in f.evidence for start, end, prefix in claimed)

    return [f for f in findings if not superseded(f)]


#: Blanks that signing fills in: on the signature page the lines for the signatory, the seal and the date are blank in
#: every form (“签名：＿＿＿＿　盖章：＿＿＿＿”), so they do not make the signing clause weak; they are still reported.
_FILLED_AT_SIGNING = frozenset({"X18", "L.placeholder"})


def _filled_at_signing(cid: str, signal: Signal) -> bool:
    return cid == SIGNATURE_CATEGORY and signal.rule_id in _FILLED_AT_SIGNING


def _weakens(signal: Signal, level: str | None) -> bool:
    """Return whether a signal makes the category weak.

    Defects and missing essential elements always do; lexicon hits unless they are info-level (open lists);
    missing non-essential elements never do (they are suggestions).
    """
    if signal.kind == "element":
        return signal.record.essential
    if signal.kind == "lexicon":
        return signal.own and _signal_severity(signal, level) != "info"
    return True


def document_scores(doc: ParsedDocument):
    """Return the clause model's sentence scores for a document, or None when no model is installed."""
    from gongjian.nlp.clause_model import DocumentScores, load_model

    model = load_model()
    return DocumentScores(model, doc.text) if model is not None else None


def check_document(doc: ParsedDocument, library: ClauseLibrary | None = None, *, regimes: Sequence[str] = (),
                   explain: bool = False, use_model: bool = True) -> Report:
    """Check a parsed document and return its report.

    Args:
        doc: the parsed document.
        library: the clause library (the packaged one by default).
        regimes: regime ids to judge against; empty or ``("auto",)`` means detect them from the text.
        explain: keep the candidates that guards and thresholds dropped, and the clause model's scores.
        use_model: let the clause model place categories and find elements beside the rules (False: rules only,
            for ablation).

    Raises:
        UnknownId: an unknown regime id.
    """
    library = library or load_library()
    doc_type = detect_document_type(doc)
    given = [r for r in regimes if r != "auto"]
    for rid in given:
        library.regime(rid)
    if given:
        chosen, source, reason = [library.regime(r).id for r in given], "given", "由 --regime 指定"
    elif doc_type["kind"] != "cooperation-agreement":
        chosen, source, reason = [], "none", "不是合作组建或共建协议，未识别制度"
    else:
        chosen, reason = detect_regimes(doc, library)
        source = "detected" if chosen else "none"
        if not chosen:
            reason = "未识别出适用的制度，按法律基线（民法典、促进科技成果转化法）审查"
    dropped: list[DroppedCandidate] = [] if explain else None  # type: ignore[assignment]
    scores = document_scores(doc) if use_model else None
    if doc_type["kind"] == "not-a-contract":
        # A regulation, a notice, minutes, a news release: nobody agreed to anything in it, so no clause is judged
        # (a sentence of a regulation about annual reports is not the parties' reporting clause).
        placed = {cid: [] for cid in library.categories}
    else:
        placed = place_categories(doc, library, dropped, scores)
    context = _suggestion_context(doc, chosen)
    if chosen:
        context["regime"] = library.regimes[chosen[0]]
    categories, findings = [], []
    # Every category's defects first, so that a lexicon hit never repeats a span a specific rule reported.
    covered = {(s.match.sentence_start, s.match.sentence_end)
               for cid, cat in library.categories.items() if placed[cid]
               for s in find_defects(doc, cat, placed[cid], chosen)}
    consistency = _consistency(doc, library, chosen, placed)
    weak_by_consistency = {f.category for f in consistency
                           if f.severity == "error" and f.category and f.rule_id not in _NOT_WEAKENING
                           and not (f.category == SIGNATURE_CATEGORY and f.rule_id in _FILLED_AT_SIGNING)}
    for cid, cat in library.categories.items():
        placements = placed[cid]
        level = library.strongest_level(cid, chosen)
        signals = find_signals(doc, cat, placements, library, chosen, dropped, covered, scores) if placements else []
        empty = empty_placements(doc, placements)
        empty = empty if placements and len(empty) == len(placements) else []  # weak only when nothing is said
        weak = (any(_weakens(s, level) for s in signals if not _filled_at_signing(cid, s))
                or cid in weak_by_consistency or bool(empty))
        status = "missing" if not placements else "weak" if weak else "present"
        evidence = tuple(heading_evidence(doc, p) for p in placements[:3])
        articles = tuple(dict.fromkeys(p.region.label for p in placements))
        required = {r: lv for r in chosen if (lv := library.level(cid, r))}
        categories.append(CategoryResult(cid, cat.name, status, required, articles, evidence))
        findings += _category_findings(doc, cat, placements, signals, level, chosen, context)
        for p in empty:
            findings.append(Finding(
                rule_id="L.placeholder", severity="error" if level == "MUST-A" else "warning", category=cid,
                message=f"“{cat.name}”条款只有标题，内容空白（模板未填写）：该事项实际上没有约定。",
                basis=_basis(cat, regimes=chosen), evidence=(heading_evidence(doc, p),),
                suggestion=_standard_text(cat, context)))
    findings = [cite_finding(f, library, chosen) for f in _prefer_specific(findings, consistency, doc) + consistency]
    if doc_type["kind"] != "cooperation-agreement":
        # One line says what the document is; its clauses are not judged against a co-building agreement.
        findings = [Finding(
            rule_id="DOC.type", severity="warning",
            message=(f"这不是协议文本：{doc_type['reason']}。未审查条款。" if doc_type["kind"] == "not-a-contract"
                     else f"这不是合作组建或共建协议：{doc_type['reason']}。"
                          "条款类别的判断仅供参考，未按组建协议逐条审查。"),
        )]
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity],
                                 f.evidence[0].start if f.evidence else -1, f.rule_id))
    notes = tuple(doc.raw.warnings) if doc.raw is not None else ()
    return Report(doc.file, doc_type, tuple(chosen), source, reason, tuple(categories), tuple(findings),
                  tuple(dropped or ()), notes, signature_facts(doc, findings))


def signature_facts(doc: ParsedDocument, findings: Sequence[Finding]) -> dict[str, Any]:
    """Return how complete the signature page is: members, signature blocks, and whether all is in order.

    In order means a block for every member with the formalities its regime asks for (no X03 problem); the
    checked agreement of ``tests/test_batch.py`` gives ``{"members": 5, "blocks": 5, "complete": True}``.
    """
    members = len(doc.structure.parties)
    blocks = len(doc.structure.signatures)
    problems = any(f.rule_id == "X03" and f.severity != "info" for f in findings)
    return {"members": members, "blocks": blocks, "complete": bool(blocks) and blocks >= members and not problems}


def check_text(text: str, library: ClauseLibrary | None = None, *, regimes: Sequence[str] = (),
               file: str = "<text>", explain: bool = False, use_model: bool = True) -> Report:
    """Check an agreement given as a string."""
    return check_document(parse_string(text, file), library, regimes=regimes, explain=explain, use_model=use_model)


def check_file(path, library: ClauseLibrary | None = None, *, regimes: Sequence[str] = (),
               explain: bool = False, use_model: bool = True) -> Report:
    """Read and check one file (.docx, .pdf, .txt, .md).

    Raises:
        DocumentUnreadable: the file cannot be read.
        UnknownId: an unknown regime id.
    """
    return check_document(parse_file(path), library, regimes=regimes, explain=explain, use_model=use_model)
