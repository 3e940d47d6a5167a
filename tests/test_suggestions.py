"""Suggested clauses read as finished Chinese whatever the document lacks (issue 13 item 3).

A suggestion is the category's standard text filled from the document: a value the document does not give is a
named blank (【牵头单位全称】), never ``None``, a field path, a count of 0 or an empty list before 。 or ：
(“其中。”, “收益：。”, “合计为100%：。”). Every drafting text of every category is rendered against documents that
give nothing, only a title, or parties without short names, under every regime; then whole reports of sparse
documents are checked the same way.
"""

from __future__ import annotations

import re

import pytest

from gongjian.api import check_text
from gongjian.clauses.display import fill_template
from gongjian.nlp.check import _suggestion_context
from gongjian.nlp.document import parse_string
from tests import agreements as ag

DOCUMENTS = {
    "nothing": "",
    "title": "产业创新联合体组建协议\n",
    "parties-without-short-names": "合作协议\n甲方：重庆示例科技有限公司\n乙方：重庆示例材料有限公司\n"
                                   "第一条 合作内容\n第二条 合作期限\n第三条 其他\n",
}
REGIMES = ([], ["cq-liangjiang"], ["js-consortium"], ["js-fusion"], ["js-tech-center"], ["jl-industry-center"])
HOLES = (
    (re.compile(r"None|null"), "None"),
    (re.compile(r"【[^】]*[A-Za-z_][^】]*】"), "a field path in a blank"),
    (re.compile(r"【\s*】"), "an empty blank"),
    (re.compile(r"(?<![\d.])0\s*[家份名个项次]"), "a count of 0"),
    (re.compile(r"[：:，,、（(]\s*[。；;：:，,、）)]"), "an empty list"),
    (re.compile(r"(?:其中|包括)[。；;，,]"), "an empty list"),
    (re.compile(r"〔"), "the template shown unrendered"),
)


def holes(text: str) -> list[str]:
    """Return what makes a suggestion unfinished, with the text around it."""
    return [f"{what}: …{text[max(0, m.start() - 20) : m.end() + 10]}…"
            for pattern, what in HOLES for m in pattern.finditer(text)]


def test_holes_are_found():
    for broken in ("主体为【None.full_name】", "共0家", "其中。", "下列各类收益：。", "合计为100%：。",
                   "由【lead.short_name】负责"):
        assert holes(broken), broken
    assert holes("由【牵头单位全称】负责，共【成员单位数】家，占40%。") == []


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_drafting_text_renders_finished_against_a_sparse_document(library, name):
    doc = parse_string(DOCUMENTS[name], f"{name}.txt")
    problems = []
    for regimes in REGIMES:
        context = _suggestion_context(doc, regimes)
        for cat in library.categories.values():
            for i, text in enumerate(cat.drafting.texts):
                problems += [f"{cat.id}[{i}] {regimes}: {h}" for h in holes(fill_template(text.text, context))]
    assert problems == []


@pytest.mark.parametrize("regime", ["cq-liangjiang", "js-consortium", "js-fusion", "js-tech-center",
                                    "jl-industry-center"])
def test_reports_of_sparse_documents_suggest_finished_text(library, regime):
    texts = [*DOCUMENTS.values(), ag.complete().without("C01").text, ag.complete().weakened("C09").text]
    problems = []
    for text in texts:
        if not text.strip():
            continue
        for f in check_text(text, library=library, regimes=[regime]).findings:
            problems += [f"{f.rule_id}: {h}" for h in holes(f.suggestion or "")]
    assert problems == []


def test_cli_report_of_an_agreement_without_parties(tmp_path):
    """The issue's case: no party list and no liability article → C18's suggestion named 【None.full_name】."""
    import json

    from click.testing import CliRunner

    from gongjian.cli import cli

    path = ag.write_utf8(ag.complete().without("C01").without("C18").text, tmp_path / "组建协议.txt")
    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    (c18,) = [f for f in report["findings"] if f["rule_id"] == "C18.missing"]
    assert "主体为【成员单位全称】（【成员单位简称】，以下称“责任单位”）" in c18["suggestion"]
    assert [h for f in report["findings"] for h in holes(f["suggestion"] or "")] == []
    assert path.read_bytes() == before


# ----------------------------------------------------------------------------------- one finding, its own advice


def test_blanks_of_one_article_are_one_x18_with_each_sentence_quoted_once(tmp_path):
    """Issue 13 item 4: sixteen blanks in eight sentences of one article were one X18 (quoting the first four
    sentences twice each) and four L.placeholder findings for the sentences it did not quote."""
    import json

    from click.testing import CliRunner

    from gongjian.cli import cli

    sentences = [f"第{n}项违约情形：违约方应按____标准向____支付违约金。" for n in "一二三四五六七八"]
    text = ag.complete().replaced("C12", *sentences).text
    path = ag.write_utf8(text, tmp_path / "组建协议.txt")
    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["findings"]
    blanks = [f for f in findings if f["rule_id"] in ("X18", "L.placeholder") and f["category"] == "C12"]
    assert [f["rule_id"] for f in blanks] == ["X18"]
    assert "有16处未填写的空白" in blanks[0]["message"]
    spans = [(e["start"], e["end"]) for e in blanks[0]["evidence"]]
    assert len(spans) == len(set(spans)) == 8
    assert all(len({(e["start"], e["end"]) for e in f["evidence"]}) == len(f["evidence"]) for f in findings)
    assert path.read_bytes() == before


def test_a_hedge_in_a_force_majeure_notice_is_answered_by_the_force_majeure_paragraph(library):
    """Issue 13 item 4: the suggestion of a lexicon hit is the paragraph of its category's standard text about the
    same matter, not the standard text's first paragraph (a late-contribution penalty)."""
    article = next(a for a in ag.ARTICLES if a.cid == "C12")
    notice = "因不可抗力不能履行本协议的，受影响的一方应尽可能及时通知其他各方，并在合理期限内提供证明。"
    report = check_text(ag.complete().replaced("C12", *article.body, notice).text, library=library)
    (hedge,) = [f for f in report.findings if f.rule_id == "L.hedging" and f.evidence[0].quote == notice]
    assert hedge.category == "C12"
    assert hedge.suggestion.startswith("因不可抗力不能履行本协议的") and "逾期" not in hedge.suggestion
    standard = fill_template(library.categories["C12"].drafting.texts[0].text, {})
    assert hedge.suggestion.split("【")[0] in standard
