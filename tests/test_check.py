"""The checker on realistic agreements built in the tests (tests/agreements.py).

A complete modern 组建协议 for a 两江新区 产业创新联合体 (cq-liangjiang, five members, one article per category C01–C25)
must check clean; each category removed in turn must be reported missing — and nothing else may change; each
category weakened in turn must be reported weak with a quote of the weakened text; the .docx versions (typed
labels and Word automatic numbering), GBK and traditional-character texts must give the same statuses; the spec's
W01–W20 make their category weak and S01–S20 keep it present; a labour contract and a regulation are recognised.
"""

from __future__ import annotations

import functools
import json
import re

import pytest
import yaml

from gongjian.api import check_file, check_text
from gongjian.nlp.reading import read_document
from tests import agreements as ag
from tests.conftest import DATA

REGIME = "cq-liangjiang"
CATEGORIES = tuple(a.cid for a in ag.ARTICLES)
ALL_IDS = tuple(f"C{n:02d}" for n in range(1, 26))
SPEC_EXAMPLES = yaml.safe_load((DATA / "spec_examples.yaml").read_text("utf-8"))
W_IDS = sorted(k for k in SPEC_EXAMPLES if k.startswith("W"))
S_IDS = sorted(k for k in SPEC_EXAMPLES if k.startswith("S"))
DESIGN_KEYS = {"schema_version", "file", "document_type", "regimes", "regime_source", "regime_reason", "categories",
               "findings", "summary"}


@pytest.fixture(scope="module")
def lib():
    from gongjian import load_library

    return load_library()


@functools.cache
def _report(text: str):
    from gongjian import load_library

    return check_text(text, library=load_library())


def report(text: str):
    """Check a text (auto-detected regime), cached: the same variant is checked once per session."""
    return _report(text)


def statuses(rep) -> dict[str, str]:
    return {c.id: c.status for c in rep.categories}


def describe(rep, cids=None) -> str:
    """A short description of a report for assertion messages."""
    lines = [f"statuses≠present: {[(c.id, c.status, c.articles) for c in rep.categories if c.status != 'present']}"]
    for c in rep.categories:
        if cids is not None and c.id in cids:
            lines.append(f"{c.id} {c.status} placed in {c.articles} by {[e.matched_by for e in c.evidence]}")
    for f in rep.findings:
        if cids is None or f.category in cids:
            quote = f.evidence[0].quote[:40] if f.evidence else ""
            lines.append(f"  {f.severity} {f.rule_id} {quote}")
    return "\n".join(lines)


def assert_offsets(rep, text: str) -> None:
    """Every evidence span quotes the text it indexes (DESIGN.md: text[start:end] == quote)."""
    for f in rep.findings:
        for e in f.evidence:
            assert text[e.start : e.end] == e.quote, (f.rule_id, e)
    for c in rep.categories:
        for e in c.evidence:
            assert text[e.start : e.end] == e.quote, (c.id, e)


def missing_severity(level: str | None) -> str:
    """DESIGN.md: missing in a MUST-A category → error; other levels → warning (INFO → info)."""
    return {"MUST-A": "error", "INFO": "info"}.get(level or "", "warning")


COMPLETE = ag.complete()
COMPLETE_TEXT = COMPLETE.text


# ------------------------------------------------------------------------------------- the complete agreement


def test_agreement_is_built_as_intended():
    """The fixture itself: five members with valid USCCs, 25 articles numbered 第一条…第二十五条, tables as text."""
    from gongjian.contracts.uscc import check_uscc

    assert sorted(CATEGORIES) == list(ALL_IDS)
    assert all(check_uscc(m.uscc).is_valid for m in ag.MEMBERS)
    labels = re.findall(r"(?m)^第([一二三四五六七八九十]+)条 ", COMPLETE_TEXT)
    assert [ag.cn_number(n) for n in range(1, 26)] == labels
    assert "承担单位\t研发任务" in COMPLETE_TEXT and "合计\t—\t8000" in COMPLETE_TEXT
    assert sum(int(r[2]) for r in ag.FUNDING.rows[1:-1]) == 8000
    rendered = COMPLETE.render()
    for cid in CATEGORIES:
        s, e = rendered.span(cid)
        assert 0 <= s < e <= len(rendered.text)
    assert "第二十四条" in ag.without("C07")  # renumbered
    assert "第二十五条" not in ag.without("C07")


def test_complete_agreement_is_clean():
    rep = report(COMPLETE_TEXT)
    assert rep.document_type["kind"] == "cooperation-agreement"
    assert rep.regimes == (REGIME,)
    assert statuses(rep) == dict.fromkeys(ALL_IDS, "present"), describe(rep)
    errors = [f for f in rep.findings if f.severity == "error"]
    assert not errors, describe(rep)
    # No warnings either: every category the regime requires is written out completely.
    warnings = {f.rule_id for f in rep.findings if f.severity == "warning"}
    assert warnings == set(), describe(rep)
    assert not rep.has_errors


def test_complete_agreement_has_no_missing_element_findings():
    """The agreement states every element of every category (spec §2), so no “建议补充/缺少要素” finding is due."""
    rep = report(COMPLETE_TEXT)
    elements = [f for f in rep.findings if re.fullmatch(r"C\d\d\.E\d+", f.rule_id)]
    assert not elements, describe(rep)


def test_complete_agreement_regime_detected_with_reason():
    rep = report(COMPLETE_TEXT)
    assert rep.regime_source == "detected"
    assert rep.regimes == (REGIME,)
    assert "两江新区" in rep.regime_reason
    for c in rep.categories:
        assert set(c.required) == {REGIME}


def test_complete_agreement_parties_and_signatures():
    from gongjian.nlp.document import parse_string

    doc = parse_string(COMPLETE_TEXT)
    parties = doc.structure.parties
    assert [p.full_name for p in parties] == [m.name for m in ag.MEMBERS]
    assert [p.uscc for p in parties] == [m.uscc for m in ag.MEMBERS]
    assert [p.legal_representative for p in parties] == [m.legal_rep for m in ag.MEMBERS]
    assert [p.is_lead for p in parties] == [True, False, False, False, False]
    blocks = doc.structure.signatures
    assert [b.name for b in blocks] == [m.name for m in ag.MEMBERS]
    assert all(b.has_official_seal and b.has_legal_rep and not b.has_authorised_rep for b in blocks)
    assert [b.date_text for b in blocks] == [m.signed for m in ag.MEMBERS]


# ------------------------------------------------------------------------------------ each category removed


@pytest.mark.parametrize("cid", CATEGORIES)
def test_category_removed_is_missing(cid, lib):
    level = lib.level(cid, REGIME)
    assert level is not None  # cq-liangjiang judges every category (MUST-A … LAW)
    text = ag.without(cid)
    rep = report(text)
    base = statuses(report(COMPLETE_TEXT))
    got = statuses(rep)
    assert got[cid] == "missing", describe(rep, {cid})
    missing = [f for f in rep.findings if f.rule_id == f"{cid}.missing"]
    assert len(missing) == 1, describe(rep, {cid})
    assert missing[0].severity == missing_severity(level)
    assert missing[0].basis and missing[0].suggestion
    changed = {k: (base[k], v) for k, v in got.items() if k != cid and v != base[k]}
    assert not changed, f"other categories changed: {changed}\n{describe(rep, set(changed))}"
    assert_offsets(rep, text)


# ----------------------------------------------------------------------------------- each category weakened


@pytest.mark.parametrize("cid", CATEGORIES)
def test_category_weakened_is_weak(cid, lib):
    level = lib.level(cid, REGIME)
    rendered = COMPLETE.weakened(cid).render()
    text = rendered.text
    rep = report(text)
    got = statuses(rep)
    assert got[cid] == "weak", describe(rep, {cid})
    own = [f for f in rep.findings if f.category == cid]
    quoting = [f for f in own for e in f.evidence if rendered.within(cid, e.start, e.end)]
    assert quoting, f"no {cid} finding quotes the weakened article\n{describe(rep, {cid})}"
    for f in quoting:
        for e in f.evidence:
            assert e.quote and e.quote in text
    if level == "MUST-A":  # DESIGN.md: weak in a MUST-A category → error
        assert any(f.severity == "error" for f in own), describe(rep, {cid})
    base = statuses(report(COMPLETE_TEXT))
    changed = {k: (base[k], v) for k, v in got.items() if k != cid and v != base[k]}
    assert not changed, f"other categories changed: {changed}\n{describe(rep, set(changed))}"
    assert_offsets(rep, text)


@pytest.mark.parametrize("cid", [c for c, w in ag.WEAK.items() if w.source != "written"])
def test_weakened_article_uses_the_spec_text(cid):
    weak = ag.WEAK[cid]
    assert SPEC_EXAMPLES[weak.source]["category"] == cid
    assert SPEC_EXAMPLES[weak.source]["text"] == weak.body[0]


def test_same_span_never_reported_twice():
    """DESIGN.md: the same span is never reported twice — no duplicate (rule, span), no lexicon hit on a sentence
    a category defect already reports."""
    for cid in CATEGORIES:
        rep = report(ag.weakened(cid))
        seen = set()
        defect_spans = {(e.start, e.end) for f in rep.findings if re.fullmatch(r"C\d\d\.D\d+", f.rule_id)
                        for e in f.evidence}
        for f in rep.findings:
            for e in f.evidence:
                key = (f.rule_id, e.start, e.end)
                assert key not in seen, (cid, key)
                seen.add(key)
                if f.rule_id.startswith("L."):
                    assert (e.start, e.end) not in defect_spans, (cid, f.rule_id, e.quote)


# ---------------------------------------------------------------------------------------- W01–W20, S01–S20


@pytest.mark.parametrize("wid", W_IDS)
def test_spec_weak_text_in_place_of_article_is_weak(wid):
    example = SPEC_EXAMPLES[wid]
    cid = example["category"]
    rendered = COMPLETE.replaced(cid, example["text"]).render()
    rep = report(rendered.text)
    assert statuses(rep)[cid] == "weak", describe(rep, {cid})
    start = rendered.text.index(example["text"])
    end = start + len(example["text"])
    assert any(start <= e.start and e.end <= end for f in rep.findings if f.category == cid for e in f.evidence), \
        describe(rep, {cid})
    assert_offsets(rep, rendered.text)


@pytest.mark.parametrize("sid", S_IDS)
def test_spec_strong_text_in_place_of_article_stays_present(sid):
    example = SPEC_EXAMPLES[sid]
    cid = example["category"]
    rendered = COMPLETE.replaced(cid, example["text"]).render()
    rep = report(rendered.text)
    assert statuses(rep)[cid] == "present", describe(rep, {cid})
    start = rendered.text.index(example["text"])
    end = start + len(example["text"])
    # No weak-wording finding (defect or lexicon) quotes the strong text.
    quoted = [f for f in rep.findings if not re.fullmatch(r"C\d\d\.E\d+", f.rule_id)
              for e in f.evidence if start <= e.start and e.end <= end]
    assert not quoted, describe(rep, {cid})


# -------------------------------------------------------------------------------------------------- .docx

VARIANTS = [("complete", None)] + [("without", c) for c in CATEGORIES] + [("weakened", c) for c in CATEGORIES]


def variant_text(kind: str, cid: str | None) -> str:
    if kind == "complete":
        return COMPLETE_TEXT
    return ag.without(cid) if kind == "without" else ag.weakened(cid)


@pytest.mark.parametrize("auto_numbering", [False, True], ids=["typed-labels", "auto-numbering"])
@pytest.mark.parametrize(("kind", "cid"), VARIANTS, ids=[f"{k}-{c}" if c else k for k, c in VARIANTS])
def test_docx_statuses_equal_text(kind, cid, auto_numbering, tmp_path, lib):
    text = variant_text(kind, cid)
    path = ag.to_docx(text, tmp_path / "协议.docx", auto_numbering=auto_numbering)
    raw = read_document(path)
    if auto_numbering:  # the labels come from numbering.xml, not from the runs
        import docx

        typed = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        assert not re.search(r"第[一二三四五六七八九十]+条", typed)
        assert re.search(r"(?m)^第一条\s", raw.text)
    rep = check_file(path, library=lib)
    assert statuses(rep) == statuses(report(text)), describe(rep)
    assert rep.rule_ids() == report(text).rule_ids()
    assert_offsets(rep, raw.text)


def test_docx_has_real_tables_and_headings(tmp_path):
    import docx

    path = ag.to_docx(COMPLETE_TEXT, tmp_path / "协议.docx", auto_numbering=True)
    document = docx.Document(str(path))
    assert len(document.tables) == 3
    assert document.tables[0].cell(0, 0).text == "承担单位"
    headings = [p for p in document.paragraphs if p.style.name == "Heading 2"]
    assert len(headings) == 25
    assert all(p._p.pPr.numPr is not None for p in headings)
    raw = read_document(path)
    labels = re.findall(r"(?m)^(第[一二三四五六七八九十]+条)\s", raw.text)
    assert labels == [f"第{ag.cn_number(n)}条" for n in range(1, 26)]


# ------------------------------------------------------------------------------- encodings and characters


@pytest.mark.parametrize("cid", ["complete", "C07", "C13", "C17"])
@pytest.mark.parametrize("writer", ["gbk", "utf8_bom"])
def test_encoded_text_same_statuses(cid, writer, tmp_path, lib):
    text = COMPLETE_TEXT if cid == "complete" else ag.weakened(cid)
    path = getattr(ag, f"write_{writer}")(text, tmp_path / "协议.txt")
    raw = read_document(path)
    rep = check_file(path, library=lib)
    base = report(text)
    assert statuses(rep) == statuses(base), describe(rep)
    assert rep.rule_ids() == base.rule_ids()
    assert rep.regimes == base.regimes
    assert_offsets(rep, raw.text)
    if writer == "gbk":
        assert raw.text == ag.gbk_text(text)  # decoded exactly (CRLF folded, ￥ kept)


@pytest.mark.parametrize("cid", ["complete", "C07", "C13", "C12"])
def test_traditional_text_same_statuses_quotes_original(cid, tmp_path, lib):
    text = COMPLETE_TEXT if cid == "complete" else ag.weakened(cid)
    path = ag.write_traditional(text, tmp_path / "協議.txt")
    raw = read_document(path)
    traditional = ag.to_traditional(text)
    assert raw.text == traditional and traditional != text
    rep = check_file(path, library=lib)
    base = report(text)
    assert statuses(rep) == statuses(base), describe(rep)
    assert rep.rule_ids() == base.rule_ids()
    assert rep.regimes == base.regimes
    assert_offsets(rep, traditional)
    if cid != "complete":
        quotes = [e.quote for f in rep.findings if f.category == cid for e in f.evidence]
        assert quotes
        # The quotes are the document's own (traditional) characters, not the simplified matching form.
        assert any(q != ag.to_simplified(q) for q in quotes), quotes
        assert all(q in traditional for q in quotes)


# ---------------------------------------------------------------------------------------- offsets, JSON


@pytest.mark.parametrize(("kind", "cid"), VARIANTS, ids=[f"{k}-{c}" if c else k for k, c in VARIANTS])
def test_evidence_offsets_invariant(kind, cid):
    text = variant_text(kind, cid)
    assert_offsets(report(text), text)


def test_report_json_has_design_keys(lib):
    rep = report(ag.weakened("C07"))
    data = json.loads(json.dumps(rep.to_dict(), ensure_ascii=False))
    assert DESIGN_KEYS <= set(data)
    assert data["schema_version"] == 1
    assert data["document_type"]["kind"] == "cooperation-agreement" and data["document_type"]["reason"]
    assert data["regimes"] == [REGIME] and data["regime_source"] == "detected" and data["regime_reason"]
    assert [c["id"] for c in data["categories"]] == list(ALL_IDS)
    for c in data["categories"]:
        assert {"id", "name", "status", "required", "articles", "evidence"} <= set(c)
        assert c["status"] in {"present", "weak", "missing"}
        assert c["required"] == {REGIME: lib.level(c["id"], REGIME)}
    assert data["findings"]
    for f in data["findings"]:
        assert {"rule_id", "severity", "category", "message", "basis", "requirements", "evidence",
                "suggestion"} <= set(f)
        assert f["severity"] in {"error", "warning", "info"}
        assert re.fullmatch(r"C\d\d\.(missing|E\d+|D\d+)|L\.[a-z-]+|X\d\d|DOC\.[a-z]+", f["rule_id"]), f["rule_id"]
        for e in f["evidence"]:
            assert {"start", "end", "quote", "article", "matched_by"} <= set(e)
    counts = {"errors": 0, "warnings": 0, "info": 0}
    for f in data["findings"]:
        counts[{"error": "errors", "warning": "warnings", "info": "info"}[f["severity"]]] += 1
    assert data["summary"] == counts
    c07 = next(c for c in data["categories"] if c["id"] == "C07")
    assert c07["status"] == "weak" and ag.complete().weakened("C07").render().labels["C07"] in c07["articles"]


_PLACEHOLDER = re.compile(r"【([^】]*)】")


@pytest.mark.parametrize("cid", CATEGORIES)
def test_suggestions_are_readable_with_parties_filled_in(cid):
    """A suggestion is the library's standard text with the parties' names filled in (DESIGN.md): no template
    directives or expressions, blanks only for values the document cannot supply, and never for the parties."""
    findings = [f for text in (ag.without(cid), ag.weakened(cid)) for f in report(text).findings
                if f.category == cid and f.suggestion]
    assert findings
    for f in findings:
        text = f.suggestion
        assert not re.search(r"〔(set|如|否则|对每个|循环|for|if)|\{[{%]|[}%]\}", text), (f.rule_id, text[:200])
        assert "None" not in text, (f.rule_id, text[:200])
        blanks = _PLACEHOLDER.findall(text)
        # A blank is named in Chinese after the agreement model's field (【逾期投入资金每日违约金比例】), never by
        # its path (【breach.late_payment_rate】).
        odd = [b for b in blanks if re.search(r"[A-Za-z]", b) or not b]
        assert not odd, (f.rule_id, odd)
        if cid != "C01" or not f.rule_id.endswith(".missing"):  # without the party list no party is known
            parties = [b for b in blanks if b in _PARTY_BLANKS]
            assert not parties, (f.rule_id, parties)


def _party_blanks() -> frozenset[str]:
    from gongjian.clauses.display import field_label

    return frozenset(field_label(f"{who}.{name}") for who in ("lead", "others", "members")
                     for name in ("full_name", "short_name"))


_PARTY_BLANKS = _party_blanks()


def test_a_suggestion_never_shows_a_field_path(lib):
    """Suggestions name their blanks in Chinese (【共同成果份额书面确认期限】), also where a weakened variant of each
    category and of the law-level baseline is checked; the words of a blank make no rule fire on the suggestion."""
    from gongjian.nlp.matcher import fires

    texts = [ag.weakened(cid) for cid in CATEGORIES] + [ag.without(cid) for cid in CATEGORIES]
    texts.append(ag.baseline().weakened("C12").text)
    suggestions = {f.suggestion for text in texts for f in report(text).findings if f.suggestion}
    assert suggestions
    for text in suggestions:
        assert not re.search(r"【[A-Za-z_]", text), text[:200]
        neutral = _PLACEHOLDER.sub("【甲】", text)
        for family in lib.lexicon.families:
            assert fires(family, text) == fires(family, neutral), (family.id, text[:200])
        for cat in lib.categories.values():
            for d in cat.defects:
                assert fires(d, text) == fires(d, neutral), (d.id, text[:200])


# ---------------------------------------------------------------------------------------------- the basis

_REQUIREMENT_PREFIX = {"js-fusion": "JSF-", "js-consortium": "JSC-", "js-tech-center": "JST-",
                       "jl-industry-center": "JLI-", "cq-liangjiang": "CQL-"}


def assert_cites_only(rep, lib, regimes) -> None:
    """Every basis is cited by title (no file name) and only the regimes' own policies and requirement ids."""
    others = [r for r in lib.regimes.values() if r.id not in regimes]
    for f in rep.findings:
        for b in f.basis:
            assert ".txt" not in b, (f.rule_id, b)
            assert not [r.id for r in others if r.name in b], (f.rule_id, b)
        foreign = [i for i in f.requirements if not i.startswith(tuple(_REQUIREMENT_PREFIX[r] for r in regimes))]
        assert foreign == [], (f.rule_id, foreign)
        assert f.basis or f.rule_id == "DOC.type", f"{f.rule_id} has no basis"


def test_cq_liangjiang_report_cites_the_liangjiang_policy_by_title_and_statutes_in_book_marks(lib):
    """The report that showed 000_….txt 第九条(六) and JSF-10 in a 两江新区 agreement's C07.D1."""
    rep = report(ag.weakened("C07"))
    assert rep.regimes == (REGIME,)
    d1 = next(f for f in rep.findings if f.rule_id == "C07.D1")
    assert "《重庆两江新区产业创新联合体建设管理办法（征求意见稿）》五(一)2、附件2 五" in d1.basis
    assert "《民法典》第八百六十条" in d1.basis
    assert d1.requirements and all(i.startswith("CQL-") for i in d1.requirements)
    for text in [ag.weakened(cid) for cid in CATEGORIES] + [ag.without(cid) for cid in CATEGORIES]:
        rep = report(text)
        assert rep.regimes == (REGIME,)
        assert_cites_only(rep, lib, (REGIME,))
        for f in rep.findings:
            assert not [b for b in f.basis if re.search(r"江苏|吉林", b)], (f.rule_id, f.basis)
            assert not [i for i in f.requirements if re.match(r"(JSF|JSC|JST|JLI)-", i)], (f.rule_id, f.requirements)


@pytest.mark.parametrize("regime", ["js-fusion", "js-consortium", "js-tech-center", "jl-industry-center"])
def test_a_report_against_another_regime_cites_only_that_regime(lib, regime):
    for cid in CATEGORIES:
        rep = check_text(ag.weakened(cid), library=lib, regimes=(regime,))
        assert_cites_only(rep, lib, (regime,))


def test_the_law_baseline_cites_statutes_only(lib):
    base = ag.baseline()
    texts = [t for cid in CATEGORIES for t in (base.weakened(cid).text, base.without(cid).text)]
    reports = [check_text(t, library=lib) for t in texts]
    reports = [r for r in reports if r.regimes == ()]  # some weakened texts quote a regime's wording
    assert len(reports) > len(CATEGORIES)
    for rep in reports:
        assert_cites_only(rep, lib, ())
        assert not [f.requirements for f in rep.findings if f.requirements]


# ------------------------------------------------------------------------------------------ regime baseline


def test_no_regime_words_gives_law_baseline():
    text = ag.baseline().text
    for word in ("两江新区", "产业创新联合体", "科技创新局", "核心层单位", "创新联合体共建协议", "省科技厅"):
        assert word not in text
    rep = report(text)
    assert rep.regimes == ()
    assert rep.regime_source == "none"
    assert "基线" in rep.regime_reason
    assert all(c.required == {} for c in rep.categories)
    assert statuses(rep) == dict.fromkeys(ALL_IDS, "present"), describe(rep)
    assert not rep.has_errors, describe(rep)


@pytest.mark.parametrize("cid", ["C13", "C10", "C04"])
def test_baseline_reports_missing_at_law_level(cid, lib):
    """Against the law-level baseline a missing LAW category is a warning; one no law requires is not reported."""
    text = ag.baseline().without(cid).text
    rep = report(text)
    assert statuses(rep)[cid] == "missing", describe(rep, {cid})
    level = lib.strongest_level(cid, [])
    found = [f for f in rep.findings if f.rule_id == f"{cid}.missing"]
    if level is None:
        assert not found
    else:
        assert [f.severity for f in found] == [missing_severity(level)]
        assert found[0].requirements == ()


def test_given_regime_is_reported_as_given(lib):
    rep = check_text(ag.baseline().text, library=lib, regimes=(REGIME,))
    assert rep.regime_source == "given" and rep.regimes == (REGIME,)
    assert all(c.required == {REGIME: lib.level(c.id, REGIME)} for c in rep.categories)


# ---------------------------------------------------------------------------------------------- other texts


@pytest.mark.parametrize(("name", "kind"), [("LABOUR_CONTRACT", "other-contract"), ("REGULATION", "not-a-contract")])
def test_other_documents_are_recognised(name, kind):
    text = getattr(ag, name)
    rep = report(text)
    assert rep.document_type["kind"] == kind, rep.document_type
    assert rep.document_type["reason"]
    assert not [f for f in rep.findings if f.rule_id.endswith(".missing")], describe(rep)
    assert "DOC.type" in rep.rule_ids()
    assert_offsets(rep, text)


@pytest.mark.parametrize("name", ["LABOUR_CONTRACT", "REGULATION"])
def test_other_documents_are_not_buried_under_errors(name):
    """DESIGN.md: a regulation or a labour contract is told so in one line, not judged as a 组建协议 — in
    particular the cq-liangjiang signing rules and the commercial-arbitration rules do not apply to a labour
    contract (劳动争议 go to labour arbitration and then to court by statute)."""
    rep = report(getattr(ag, name))
    errors = [f for f in rep.findings if f.severity == "error"]
    assert not errors, describe(rep)
