"""The annotated review copy (`gongjian check 协议.docx --annotate 协议-审查.docx`).

A short, realistic 组建协议 is built here with python-docx: articles as Word automatic numbering (第%1条,
chineseCounting — the label is in the extracted text but in no run), a bold article title run, a weak breach article
(违约金另行协商), a division-of-work table with a blank (＿＿), and several categories left out. The copy is reopened
and every comment's range (the text between commentRangeStart and commentRangeEnd with its id) is compared with the
evidence of its finding.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from gongjian.api import annotate_file
from gongjian.cli import cli
from gongjian.errors import OutputExists, UsageError
from gongjian.nlp.annotate import SEVERITY_NAMES, comment_text
from gongjian.nlp.check import check_file
from gongjian.nlp.reading import read_document
from tests.agreements import _add_article_numbering, _attach_numbering

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TITLE = "重庆两江新区车规级功率半导体产业创新联合体组建协议"
ARTICLES = (
    ("合作各方", "甲方（牵头单位）：重庆芯联半导体有限公司；乙方：重庆大学；丙方：重庆汽车研究院有限公司。"),
    ("联合体目标", "各方共同组建重庆两江新区车规级功率半导体产业创新联合体，三年内完成车规级碳化硅模块的研发与"
                   "产业化，形成发明专利不少于10项。"),
    ("任务分工", "各方按下表分工，具体任务以附表为准。"),
    ("经费投入", "研发经费总额为人民币叁仟万元（￥30,000,000元），由甲方承担60%，乙方承担20%，丙方承担20%。"),
    ("知识产权归属", "联合体合作研发形成的知识产权归完成方所有，共同完成的归各方共有，各方按投入比例享有收益。"),
    ("违约责任", "任何一方违反本协议约定的，应当承担相应的违约责任，违约金另行协商。"),
    ("争议解决", "因本协议引起的争议，各方协商解决；协商不成的，提交重庆仲裁委员会仲裁。"),
    ("协议期限", "本协议自各方签字盖章之日起生效，有效期五年。"),
)
TASKS = (("单位", "任务", "完成时间"), ("甲方", "模块设计与封装", "2026年12月"),
         ("乙方", "材料与可靠性研究", "＿＿年＿＿月"), ("丙方", "整车验证", "2027年6月"))
LABEL = re.compile(r"^第[一二三四五六七八九十百]+条")


def build_agreement(path: Path) -> Path:
    """Write the agreement: each article one auto-numbered paragraph, a bold title run, then its body run."""
    document = docx.Document()
    num_id = _add_article_numbering(document)
    document.add_heading(TITLE, level=0)
    document.add_paragraph("为加快推进车规级功率半导体关键核心技术攻关，各方经友好协商，订立本协议。")
    for title, body in ARTICLES:
        p = document.add_paragraph()
        _attach_numbering(p, num_id)
        p.add_run(f"{title}：").bold = True
        p.add_run(body)
        if title == "任务分工":
            table = document.add_table(rows=len(TASKS), cols=3)
            for r, row in enumerate(TASKS):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
    document.add_paragraph("（以下无正文）")
    for party in ("甲方", "乙方", "丙方"):
        document.add_paragraph(f"{party}（盖章）：　　　　法定代表人（签字）：　　　　日期：")
    document.save(str(path))
    return path


def commented_ranges(path: Path) -> dict[str, tuple[str, bool]]:
    """Return comment id → (the text between its range markers, whether the range starts inside a table cell)."""
    body = docx.Document(str(path)).element.body
    texts: dict[str, list[str]] = {}
    in_table: dict[str, bool] = {}
    open_ids: set[str] = set()
    for el in body.iter():
        if el.tag == f"{W}commentRangeStart":
            cid = el.get(f"{W}id")
            open_ids.add(cid)
            texts[cid] = []
            in_table[cid] = any(a.tag == f"{W}tc" for a in el.iterancestors())
        elif el.tag == f"{W}commentRangeEnd":
            open_ids.discard(el.get(f"{W}id"))
        elif el.tag == f"{W}t":
            for cid in open_ids:
                texts[cid].append(el.text or "")
    return {cid: ("".join(parts), in_table[cid]) for cid, parts in texts.items()}


def squeeze(text: str) -> str:
    """The evidence as the runs hold it: no numbering label, no tabs or line breaks between cells and paragraphs."""
    return re.sub(r"\s", "", LABEL.sub("", text))


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def annotated(tmp_path_factory, library):
    folder = tmp_path_factory.mktemp("annotate")
    src = build_agreement(folder / "协议.docx")
    before = sha(src)
    report = check_file(src, library)
    out = annotate_file(src, report, folder / "协议-审查.docx", author="法务部 张三")
    return src, before, report, out


def test_each_finding_is_commented_on_its_evidence(annotated):
    src, _, report, out = annotated
    comments = {str(c.comment_id): c for c in docx.Document(str(out)).comments}
    ranges = commented_ranges(out)
    with_evidence = [f for f in report.findings if f.evidence]
    assert with_evidence, "the agreement is built to have findings with evidence"
    for finding in with_evidence:
        head = comment_text(finding).split("\n")[0]
        mine = [cid for cid, c in comments.items() if c.text.split("\n")[0] == head]
        assert mine, f"no comment for {finding.rule_id}"
        got = {squeeze(ranges[cid][0]) for cid in mine}
        for ev in finding.evidence:
            want = squeeze(ev.quote)
            assert want in got, (finding.rule_id, ev.quote, got)
    for c in comments.values():
        assert c.author == "法务部 张三"
        assert c.initials == "GJ"


def test_weak_breach_article_in_an_auto_numbered_paragraph(annotated):
    _, _, report, out = annotated
    raw = read_document(out)
    numbered = [b for b in raw.blocks if b.label and "违约金另行协商" in b.text]
    assert numbered and numbered[0].label == "第六条", "the breach article must be auto-numbered"
    breach = [f for f in report.findings if f.category == "C12" and f.evidence
              and any("违约金另行协商" in e.quote for e in f.evidence)]
    assert breach, [f.rule_id for f in report.findings]
    comments = {str(c.comment_id): c for c in docx.Document(str(out)).comments}
    ranges = commented_ranges(out)
    for finding in breach:
        cid = next(cid for cid, c in comments.items() if c.text.startswith(f"【{SEVERITY_NAMES[finding.severity]}】"
                                                                          f"{finding.rule_id} "))
        text, in_table = ranges[cid]
        assert not in_table
        assert "违约金另行协商" in text and not text.startswith("第六条")
        assert squeeze(text) == squeeze(finding.evidence[0].quote)
        body = comments[cid].text
        assert "依据：" in body and "建议：" in body
        if finding.basis:
            assert "；".join(finding.basis) in body


def test_placeholder_in_a_table_row(annotated):
    _, _, report, out = annotated
    blanks = [f for f in report.findings if any("＿＿" in e.quote for e in f.evidence)]
    assert blanks, [f.rule_id for f in report.findings]
    comments = {str(c.comment_id): c for c in docx.Document(str(out)).comments}
    ranges = commented_ranges(out)
    for finding in blanks:
        cids = [cid for cid, c in comments.items() if c.text.startswith(f"【{SEVERITY_NAMES[finding.severity]}】"
                                                                       f"{finding.rule_id} ")]
        hits = [ranges[cid] for cid in cids if "＿＿年＿＿月" in ranges[cid][0]]
        assert hits and all(in_table for _, in_table in hits)


def test_title_comment_lists_missing_categories(annotated):
    _, _, report, out = annotated
    missing = [f for f in report.findings if f.rule_id.endswith(".missing")]
    assert missing, "the agreement is built without several categories"
    comments = {str(c.comment_id): c for c in docx.Document(str(out)).comments}
    ranges = commented_ranges(out)
    titled = [c for cid, c in comments.items() if ranges[cid][0] == TITLE]
    assert len(titled) == 1
    text = titled[0].text
    assert text.startswith("缺少以下条款：")
    names = {c.id: c.name for c in report.categories}
    for f in missing:
        assert f"{f.category} {names[f.category]}" in text.split("\n")[0]
    assert "（必备条款）" in text


def test_original_untouched_and_copy_reads_the_same(annotated):
    src, before, _, out = annotated
    assert sha(src) == before
    assert len(docx.Document(str(src)).comments) == 0
    assert read_document(out).text == read_document(src).text  # splitting runs changes no text
    bold = ["".join(r.text for p in docx.Document(str(f)).paragraphs for r in p.runs if r.bold) for f in (src, out)]
    assert bold[0] == bold[1]  # split runs keep their formatting


def test_api_refuses_other_inputs_and_existing_outputs(tmp_path, annotated, library):
    src, _, report, _ = annotated
    txt = tmp_path / "协议.txt"
    txt.write_text("合作协议", encoding="utf-8")
    with pytest.raises(UsageError, match="只能为 .docx 文件生成批注副本"):
        annotate_file(txt, report, tmp_path / "x.docx")
    existing = tmp_path / "已有.docx"
    existing.write_bytes(b"keep")
    with pytest.raises(OutputExists):
        annotate_file(src, report, existing)
    assert existing.read_bytes() == b"keep"
    with pytest.raises(UsageError):
        annotate_file(src, report, src, force=True)


def test_cli_annotate(tmp_path):
    src = build_agreement(tmp_path / "协议.docx")
    before = sha(src)
    out = tmp_path / "协议-审查.docx"
    out.write_bytes(b"old")
    runner = CliRunner()
    refused = runner.invoke(cli, ["check", str(src), "--annotate", str(out)])
    assert refused.exit_code == 2, refused.output
    assert "已存在" in refused.stderr and out.read_bytes() == b"old"
    done = runner.invoke(cli, ["check", str(src), "--annotate", str(out), "--force", "--author", "审查人"])
    assert done.exit_code == 1, done.output  # the report still decides the exit code: there are errors
    assert "第六条" in done.stdout or "C12" in done.stdout  # the report is printed as usual
    assert "批注副本已写入" in done.stderr
    comments = docx.Document(str(out)).comments
    assert len(comments) > 1 and {c.author for c in comments} == {"审查人"}
    assert sha(src) == before


def test_cli_annotate_needs_one_docx(tmp_path):
    txt = tmp_path / "协议.txt"
    txt.write_text(f"{TITLE}\n第一条 合作各方\n甲方：重庆大学。\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["check", str(txt), "--annotate", str(tmp_path / "x.docx")])
    assert result.exit_code == 2
    assert "只能为 .docx 文件生成批注副本" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "x.docx").exists()
    two = [build_agreement(tmp_path / "a.docx"), build_agreement(tmp_path / "b.docx")]
    result = runner.invoke(cli, ["check", *map(str, two), "--annotate", str(tmp_path / "x.docx")])
    assert result.exit_code == 2 and "单个 .docx" in result.stderr


def test_split_run_keeps_properties_tabs_and_spaces():
    from lxml import etree

    from gongjian.nlp.annotate import _split_run

    ns = W[1:-1]
    p = etree.fromstring(f'<w:p xmlns:w="{ns}"><w:r><w:rPr><w:b/></w:rPr><w:t>甲方</w:t><w:tab/>'
                         f'<w:t xml:space="preserve">乙 方 </w:t></w:r></w:p>')
    run = p[0]
    tail = _split_run(run, 4, 7)
    assert tail is not None and len(p) == 2 and p[1] is tail
    shown = [[(c.text if c.tag == f"{W}t" else "\t") for c in r if c.tag != f"{W}rPr"] for r in p]
    assert ["".join(s) for s in shown] == ["甲方\t乙", " 方 "]
    assert tail.find(f"{W}rPr/{W}b") is not None
    assert _split_run(run, 1, 99) is None  # content that does not add up: leave the run whole
