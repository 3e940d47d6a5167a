"""Reading documents: .docx (body order, tables, numbering, revisions, fields), text encodings, PDF, bad files.

Every .docx and .pdf is generated here (python-docx, lxml, hand-written PDF bytes); nothing binary is committed.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from gongjian.errors import DocumentUnreadable, MissingDependency
from gongjian.nlp.docx_numbering import chinese_number, format_number
from gongjian.nlp.reading import (
    PdfCell,
    PdfLine,
    RawDocument,
    docx_paragraphs,
    docx_runs,
    join_lines,
    read_document,
    read_text,
    table_rows,
)
from tests.conftest import require
from tests.stress import add_song_font, pdf_file

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = f'xmlns:w="{W_NS}"'


def check_invariants(doc: RawDocument) -> None:
    """Offsets invariant of every format: blocks quote the text, in order, without overlap; runs inside blocks."""
    last = 0
    for b in doc.blocks:
        assert doc.text[b.start : b.end] == b.text
        assert b.start >= last and b.end >= b.start
        last = b.end
        assert b.text.strip()
        for start, end in b.runs:
            assert b.start <= start <= end <= b.end
        if b.runs:
            assert [s for s, _ in b.runs] == sorted(s for s, _ in b.runs)


def read(path) -> RawDocument:
    doc = read_document(path)
    check_invariants(doc)
    return doc


def texts(doc: RawDocument) -> list[str]:
    return [b.text for b in doc.blocks]


def add_xml_paragraph(document, inner: str, ppr: str = ""):
    """Append a paragraph built from raw run-level XML."""
    p = parse_xml(f"<w:p {NSDECL}>{ppr}{inner}</w:p>")
    document.element.body.insert(len(document.element.body) - 1, p)  # before w:sectPr
    return p


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


# --- .docx: body order, tables, what is ignored ---------------------------------------------------------------


@pytest.fixture
def agreement_docx(tmp_path: Path) -> Path:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "页眉：内部资料"
    d.sections[0].footer.paragraphs[0].text = "页脚：第 1 页"
    d.add_heading("重庆两江新区产业创新联合体组建协议", level=1)
    intro = d.add_paragraph("为推动产业关键核心技术攻关，各成员单位经平等协商，订立本协议。")
    d.add_comment(intro.runs, text="批注：请核对成员名称", author="审查人")
    d.add_paragraph("")  # an empty paragraph keeps its line but gives no block
    table = d.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "成员单位及分工"
    table.cell(0, 2).text = "出资（万元）"
    table.cell(1, 0).text = "重庆智联科技有限公司"
    table.cell(1, 1).text = "牵头单位，负责总体设计"
    table.cell(1, 2).merge(table.cell(2, 2)).text = "合计 500"
    table.cell(2, 0).text = "重庆大学"
    table.cell(2, 1).text = "成员单位，负责算法研究"
    d.add_paragraph("第二条 本协议自各方法定代表人签字并加盖公章之日起生效。")
    path = tmp_path / "组建协议.docx"
    d.save(path)
    return path


def test_docx_body_order_tables_and_merged_cells(agreement_docx):
    doc = read(agreement_docx)
    assert doc.format == "docx" and doc.encoding is None
    assert texts(doc) == [
        "重庆两江新区产业创新联合体组建协议",
        "为推动产业关键核心技术攻关，各成员单位经平等协商，订立本协议。",
        "成员单位及分工", "出资（万元）",
        "重庆智联科技有限公司", "牵头单位，负责总体设计", "合计 500",
        "重庆大学", "成员单位，负责算法研究",
        "第二条 本协议自各方法定代表人签字并加盖公章之日起生效。",
    ]
    # Cells of a row joined by tabs, rows by newlines; the merged cells appear once.
    assert ("成员单位及分工\t出资（万元）\n重庆智联科技有限公司\t牵头单位，负责总体设计\t合计 500\n"
            "重庆大学\t成员单位，负责算法研究") in doc.text
    assert doc.text.count("合计 500") == 1 and doc.text.count("成员单位及分工") == 1
    title, intro = doc.blocks[:2]
    assert title.kind == "paragraph" and title.style == "Heading 1" and title.location == ("body", 0)
    assert intro.style == "Normal" and intro.location == ("body", 1)
    cells = [b for b in doc.blocks if b.kind == "table-cell"]
    assert [(b.table, b.row, b.col) for b in cells] == [(0, 0, 0), (0, 0, 2), (0, 1, 0), (0, 1, 1), (0, 1, 2),
                                                         (0, 2, 0), (0, 2, 1)]
    assert cells[0].location == ("table", 0, 0, 0, 0)
    assert doc.blocks[-1].location == ("body", 3)
    assert doc.text.startswith("重庆两江新区产业创新联合体组建协议\n为推动")
    assert "订立本协议。\n\n成员单位" in doc.text  # the empty paragraph


def test_docx_headers_footers_and_comments_are_ignored(agreement_docx):
    doc = read(agreement_docx)
    for absent in ("页眉", "页脚", "批注", "请核对"):
        assert absent not in doc.text
    assert doc.warnings == ()


def test_docx_locations_and_runs_find_the_source(agreement_docx):
    doc = read(agreement_docx)
    document = docx.Document(str(agreement_docx))
    paragraphs = docx_paragraphs(document)
    for b in doc.blocks:
        p = paragraphs[b.location]
        runs = docx_runs(p)
        assert len(runs) == len(b.runs)
        assert "".join(doc.text[s:e] for s, e in b.runs) == "".join(t.text or "" for t in p.iter(f"{{{W_NS}}}t"))


def test_docx_content_controls_nested_tables_fields_and_breaks(tmp_path):
    d = docx.Document()
    d.add_paragraph("第一条 合作内容")
    sdt = parse_xml(f"<w:sdt {NSDECL}><w:sdtPr/><w:sdtContent><w:p>{run('牵头单位：重庆智联科技有限公司')}</w:p>"
                    "</w:sdtContent></w:sdt>")
    d.element.body.insert(len(d.element.body) - 1, sdt)
    outer = d.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "外表格"
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内表格甲"
    inner.cell(0, 1).text = "内表格乙"
    add_xml_paragraph(d, run("共") + f'<w:fldSimple w:instr=" NUMPAGES ">{run("8")}</w:fldSimple>' + run("页，第")
                      + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
                      + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run("3")
                      + '<w:r><w:fldChar w:fldCharType="end"/></w:r>' + run("页"))
    add_xml_paragraph(d, run("甲方：") + "<w:r><w:tab/></w:r>" + run("签字") + "<w:r><w:br/></w:r>" + run("日期："))
    add_xml_paragraph(d, run("可见") + '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏条款</w:t></w:r>')
    # A field left unfinished (begin, no end) must not hide the rest of the document.
    fld = '<w:r><w:fldChar w:fldCharType="{}"/></w:r>'
    add_xml_paragraph(d, fld.format("begin") + "<w:r><w:instrText> REF x </w:instrText></w:r>")
    add_xml_paragraph(d, run("第九条 其他事项。"))
    # A field whose result spans paragraphs (a table of contents) shows its result.
    add_xml_paragraph(d, fld.format("begin") + '<w:r><w:instrText> TOC \\o "1-3" </w:instrText></w:r>'
                      + fld.format("separate") + run("第一章 总则"))
    add_xml_paragraph(d, run("第二章 组织机构") + fld.format("end"))
    path = tmp_path / "fields.docx"
    d.save(path)
    doc = read(path)
    assert texts(doc) == ["第一条 合作内容", "牵头单位：重庆智联科技有限公司", "外表格", "内表格甲", "内表格乙",
                          "共8页，第3页", "甲方：\t签字\n日期：", "可见", "第九条 其他事项。",
                          "第一章 总则", "第二章 组织机构"]
    for absent in ("PAGE", "NUMPAGES", "REF", "TOC", "隐藏条款"):
        assert absent not in doc.text
    # The cell holds an empty paragraph, the nested table, and the empty paragraph Word requires after it.
    assert "外表格\t\n内表格甲\t内表格乙\n\n共8页" in doc.text
    assert [b.table for b in doc.blocks if b.kind == "table-cell"] == [0, 1, 1]
    assert doc.blocks[1].location == ("body", 1)  # inside the content control
    assert "忽略隐藏文字 1 处" in doc.warnings
    paragraphs = docx_paragraphs(docx.Document(str(path)))
    assert all(b.location in paragraphs for b in doc.blocks)


def test_docx_tracked_changes_read_as_accepted(tmp_path):
    d = docx.Document()
    ins = '<w:ins w:id="1" w:author="张三" w:date="2025-01-01T00:00:00Z">{}</w:ins>'
    dele = '<w:del w:id="2" w:author="张三" w:date="2025-01-01T00:00:00Z"><w:r><w:delText>{}</w:delText></w:r></w:del>'
    add_xml_paragraph(d, run("甲方应当在") + ins.format(run("三十日")) + dele.format("六十日") + run("内拨付经费。"))
    add_xml_paragraph(d, run("知识产权归") + dele.format("甲方单独") + ins.format(run("各方共同")) + run("所有。"))
    add_xml_paragraph(d, '<w:moveFrom w:id="3" w:author="张三" w:date="2025-01-01T00:00:00Z">'
                      + run("被移走的句子。") + "</w:moveFrom>" + run("保留的句子。"))
    add_xml_paragraph(d, '<w:moveTo w:id="4" w:author="张三" w:date="2025-01-01T00:00:00Z">'
                      + run("被移走的句子。") + "</w:moveTo>")
    # A paragraph deleted entirely (its text and its mark) disappears.
    mark_deleted = '<w:pPr><w:rPr><w:del w:id="5" w:author="张三" w:date="2025-01-01T00:00:00Z"/></w:rPr></w:pPr>'
    add_xml_paragraph(d, dele.format("删除的整段。"), ppr=mark_deleted)
    add_xml_paragraph(d, run("第三条 争议解决。"))
    path = tmp_path / "revisions.docx"
    d.save(path)
    doc = read(path)
    assert texts(doc) == ["甲方应当在三十日内拨付经费。", "知识产权归各方共同所有。", "保留的句子。", "被移走的句子。",
                          "第三条 争议解决。"]
    assert "六十日" not in doc.text and "甲方单独" not in doc.text and "删除的整段" not in doc.text
    assert "已接受修订：2 处插入、3 处删除、1 处移动" in doc.warnings
    first = doc.blocks[0]
    assert len(first.runs) == 4 and first.runs[2][0] == first.runs[2][1]  # the deleted run: an empty span


# --- .docx: automatic numbering --------------------------------------------------------------------------------


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}<w:lvlJc w:val="left"/></w:lvl>')


NUMBERING = f"""<w:numbering {NSDECL}>
  <w:abstractNum w:abstractNumId="10">{lvl(0, "chineseCounting", "第%1条")}
    {lvl(1, "chineseCounting", "（%2）", extra='<w:suff w:val="nothing"/>')}</w:abstractNum>
  <w:abstractNum w:abstractNumId="20">{lvl(0, "chineseCounting", "%1、", extra='<w:suff w:val="nothing"/>')}
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="30">{lvl(0, "decimal", "%1.", extra='<w:suff w:val="space"/>')}
    {lvl(1, "decimal", "%1.%2", extra='<w:suff w:val="space"/>')}</w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="20"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
  <w:num w:numId="4"><w:abstractNumId w:val="30"/></w:num>
</w:numbering>"""

ARTICLE_STYLE = f"""<w:style {NSDECL} w:type="paragraph" w:customStyle="1" w:styleId="ArticleTitle">
  <w:name w:val="条款标题"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>"""

ARTICLES = ["合作目标", "任务分工", "组织机构", "经费投入", "知识产权归属", "成果转化", "收益分配", "保密义务",
            "违约责任", "争议解决", "成员退出", "协议解散"]


def numbered(document, text: str, num_id: int | None = None, ilvl: int = 0, style: str | None = None):
    ppr = "<w:pPr>"
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num_id is not None:
        ppr += f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
    return add_xml_paragraph(document, run(text), ppr=ppr + "</w:pPr>")


@pytest.fixture
def numbered_docx(tmp_path: Path) -> Path:
    d = docx.Document()
    numbering = d.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(NUMBERING):
        numbering.append(child)
    d.styles.element.append(parse_xml(ARTICLE_STYLE))
    d.add_paragraph("产业创新联合体组建协议")
    for k, title in enumerate(ARTICLES):
        if k < 10:
            numbered(d, title, num_id=1)
        else:  # the last two articles are numbered through their paragraph style only
            numbered(d, title, style="ArticleTitle")
        if k == 0:
            numbered(d, "牵头单位负责总体设计。", num_id=1, ilvl=1)
            numbered(d, "成员单位负责专项研发。", num_id=1, ilvl=1)
        if k == 1:
            numbered(d, "各方按附件一分工。", num_id=1, ilvl=1)
    numbered(d, "本协议一式六份。", num_id=2)
    numbered(d, "各方各执一份。", num_id=2)
    numbered(d, "附件清单另行列明。", num_id=3)  # same list definition, restarted by startOverride
    numbered(d, "总则", num_id=4)
    numbered(d, "定义", num_id=4, ilvl=1)
    numbered(d, "解释", num_id=4, ilvl=1)
    numbered(d, "分则", num_id=4)
    numbered(d, "适用", num_id=4, ilvl=1)
    path = tmp_path / "numbered.docx"
    d.save(path)
    return path


def test_docx_automatic_numbering_labels(numbered_docx):
    # Level 1 is written "（%2）": in w:lvlText %N is the counter of level N (1-based), so "（%1）" on level 1
    # would repeat the article's number, as Word itself would show it.
    doc = read(numbered_docx)
    labels = [b.label for b in doc.blocks]
    articles = [b for b in doc.blocks if b.label.startswith("第")]
    assert [b.label for b in articles] == ["第一条", "第二条", "第三条", "第四条", "第五条", "第六条", "第七条",
                                           "第八条", "第九条", "第十条", "第十一条", "第十二条"]
    assert articles[0].text == "第一条　合作目标"  # default suffix: a tab, read as a full-width space
    assert articles[11].text == "第十二条　协议解散" and articles[11].style == "条款标题"
    assert labels[2:6] == ["（一）", "（二）", "第二条", "（一）"]  # level 1 restarts after a new article
    assert doc.blocks[2].text == "（一）牵头单位负责总体设计。"  # suffix "nothing"
    assert texts(doc)[-8:] == ["一、本协议一式六份。", "二、各方各执一份。", "一、附件清单另行列明。", "1. 总则",
                               "1.1 定义", "1.2 解释", "2. 分则", "2.1 适用"]
    assert doc.blocks[0].label == ""
    for b in doc.blocks:  # runs start after the label
        if b.label and b.runs:
            assert b.runs[0][0] > b.start


def test_number_formats():
    assert [chinese_number(n) for n in (1, 10, 11, 20, 21, 99, 100, 101, 110, 1000)] == [
        "一", "十", "十一", "二十", "二十一", "九十九", "一百", "一百零一", "一百一十", "一千"]
    cases = {"decimal": "12", "chineseCountingThousand": "十二", "japaneseCounting": "十二", "ideographDigital": "一二",
             "upperLetter": "L", "lowerLetter": "l", "upperRoman": "XII", "lowerRoman": "xii",
             "decimalEnclosedCircleChinese": "⑫", "ideographTraditional": "乙", "chineseLegalSimplified": "壹拾贰",
             "somethingNew": "12"}
    assert {fmt: format_number(12, fmt) for fmt in cases} == cases
    assert format_number(101, "japaneseCounting") == "百一"


# --- text files -----------------------------------------------------------------------------------------------

CONTRACT_LINES = ["创新联合体组建协议", "", "第一条 甲方为牵头单位，法定代表人：刘䶮。",
                  "第二条 合作期间产生的知识产权归完成方所有，各方另有约定的除外。"]


@pytest.mark.parametrize("encoding, bom, expected, warned", [
    ("utf-8", b"\xef\xbb\xbf", "utf-8-sig", False),
    ("utf-8", b"", "utf-8", False),
    ("gb18030", b"", "gb18030", True),  # 䶮 (U+4DAE) exists in GB18030 only, not in GBK
])
def test_txt_encodings(tmp_path, encoding, bom, expected, warned):
    path = tmp_path / "协议.txt"
    path.write_bytes(bom + "\r\n".join(CONTRACT_LINES).encode(encoding))
    doc = read(path)
    assert doc.text == "\n".join(CONTRACT_LINES) and not doc.text.startswith("\ufeff")
    assert doc.encoding == expected
    assert texts(doc) == [line for line in CONTRACT_LINES if line]
    assert doc.blocks[1].location == ("line", 2)
    assert any("GB18030" in w for w in doc.warnings) == warned


def test_txt_gbk_detected_by_content_not_extension(tmp_path):
    text = "\n".join(line.replace("刘䶮", "刘洋") for line in CONTRACT_LINES)
    path = tmp_path / "协议.md"
    path.write_bytes(text.encode("gbk"))
    doc = read(path)
    assert doc.format == "md" and doc.text == text and doc.encoding == "gb18030"
    assert doc.warnings == ("检测到文本编码 GB18030",)


def test_traditional_text_is_kept_as_is(tmp_path):
    text = "本協議自雙方簽署之日起生效。\n知識產權歸屬甲方。"
    (tmp_path / "utf8.txt").write_text(text, encoding="utf-8")
    (tmp_path / "big5.txt").write_bytes(text.encode("big5"))
    assert read(tmp_path / "utf8.txt").text == text
    big5 = read(tmp_path / "big5.txt")
    assert big5.text == text and big5.encoding == "big5"


def test_read_text_normalises_line_ends():
    doc = read_text("第一条 总则\r\n\r\n第二条 目标\r第三条 分工", name="粘贴文本")
    check_invariants(doc)
    assert doc.path == "粘贴文本" and doc.format == "txt"
    assert doc.text == "第一条 总则\n\n第二条 目标\n第三条 分工"
    assert texts(doc) == ["第一条 总则", "第二条 目标", "第三条 分工"]


# --- PDF ------------------------------------------------------------------------------------------------------


def make_pdf(pages: list[list[tuple[float, float, str]]], *, cjk: bool = True, encrypt: bool = False,
             drawing: bytes = b"") -> bytes:
    """A minimal PDF: text lines (x, y, text) per page in the non-embedded STSong-Light font (or Helvetica), and
    ``drawing`` (content-stream operators: table rules) on every page."""
    objs: list[bytes] = []

    def add(body: bytes) -> int:
        objs.append(body)
        return len(objs)

    if cjk:
        font = add_song_font(add)
    else:
        font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    pages_id = add(b"")
    kids = []
    for lines in pages:
        ops = [b"0.9 g 50 50 100 100 re f"]  # a grey box: the only content of an "image-only" page
        if drawing:
            ops.append(drawing)
        for x, y, text in lines:
            shown = b"<" + text.encode("utf-16-be").hex().encode() + b">" if cjk else b"(" + text.encode() + b")"
            ops.append(b"BT /F1 12 Tf %.1f %.1f Td %s Tj ET" % (x, y, shown))
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R "
                        b">> >> /Contents %d 0 R >>" % (pages_id, font, content)))
    objs[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids),
                                                                       len(kids))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    extra = b""
    if encrypt:  # a standard security handler whose passwords are not empty: unreadable without them
        enc = add(b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 >>" % (b"11" * 32, b"22" * 32))
        extra = b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (enc, b"ab" * 16, b"ab" * 16)
    return pdf_file(objs, catalog, extra)


def test_pdf_chinese_lines_rebuilt_into_paragraphs(tmp_path):
    require("pdfplumber", "(extra pdf)")
    full = "第一条 甲方应当按照本协议约定承担关键核心技术攻关任务，组织"  # the longest lines reach the right margin
    full2 = "第二条 合作期间形成的技术成果的归属按照附件约定执行，由完成"
    assert len(full2) == len(full)
    page1 = [(72, 770, "创新联合体组建协议"), (72, 752, "为推动产业创新，各方订立本协议"), (72, 734, full),
             (72, 716, "各成员单位按期提交阶段成果"), (72, 698, "（一）乙方负责中试验证；"),
             (72, 680, "甲方：重庆智联科技有限公司"), (72, 662, full2), (290, 40, "- 1 -")]
    page2 = [(72, 770, "方享有。"), (290, 40, "- 2 -")]
    path = tmp_path / "协议.pdf"
    path.write_bytes(make_pdf([page1, page2]))
    doc = read(path)
    assert doc.format == "pdf"
    assert texts(doc) == [
        "创新联合体组建协议",  # a short line ends its paragraph even without punctuation
        "为推动产业创新，各方订立本协议",
        full + "各成员单位按期提交阶段成果",  # a wrapped line joins the next with no space
        "（一）乙方负责中试验证；", "甲方：重庆智联科技有限公司",
        full2 + "方享有。",  # across the page break; page numbers dropped
    ]
    assert [b.location for b in doc.blocks] == [("page", 0)] * 6
    assert "- 1 -" not in doc.text and "- 2 -" not in doc.text


def test_pdf_latin_text(tmp_path):
    require("pdfplumber", "(extra pdf)")
    path = tmp_path / "latin.pdf"
    path.write_bytes(make_pdf([[(72, 770, "Article 1 The parties agree to cooperate."), (72, 750, "Article 2")]],
                              cjk=False))
    doc = read(path)
    assert texts(doc) == ["Article 1 The parties agree to cooperate.", "Article 2"]


def test_join_lines_on_chinese_strings():
    lines = ["为推动产业创新，各方经友好协商，就共同组建创新联合体", "达成如下协议：", "第一条 联合体名称为",
             "“智能网联汽车创新联合体”。", "一、牵头单位：重庆智联科技有限公司", "二、成员单位", "1. 重庆大学",
             "（二）其他成员", "", "This contract is", "made"]
    assert join_lines(lines) == [
        "为推动产业创新，各方经友好协商，就共同组建创新联合体达成如下协议：",
        "第一条 联合体名称为“智能网联汽车创新联合体”。",
        "一、牵头单位：重庆智联科技有限公司", "二、成员单位", "1. 重庆大学", "（二）其他成员", "This contract is made"]
    assert join_lines(["甲方承担", "费用"], short=[True, False]) == ["甲方承担", "费用"]


def rules(xs: list[float], ys: list[float], *, skip: tuple[tuple[float, float, float], ...] = ()) -> bytes:
    """Stroke a table's rules: horizontal lines at ``ys`` across, vertical lines at ``xs`` down; ``skip`` leaves out
    the piece (x, from y, to y) of a vertical line where a merged cell spans it."""
    ops = [b"0 G 0.5 w"]
    for y in ys:
        ops.append(b"%.1f %.1f m %.1f %.1f l S" % (xs[0], y, xs[-1], y))
    for x in xs:
        cuts = sorted((a, b) for sx, a, b in skip if sx == x)
        top = ys[0]
        for a, b in cuts:  # a > b: PDF y runs upwards
            ops.append(b"%.1f %.1f m %.1f %.1f l S" % (x, top, x, a))
            top = b
        ops.append(b"%.1f %.1f m %.1f %.1f l S" % (x, top, x, ys[-1]))
    return b"\n".join(ops)


def test_pdf_ruled_table_read_as_rows_of_cells(tmp_path):
    """A ruled table: one line per row, cells joined by a tab, a code broken at the cell's edge joined back, a
    merged cell once; the text above and below stays paragraphs, and no table text is read twice."""
    require("pdfplumber", "(extra pdf)")
    code = "91500000MA5YK3R73U"
    page = [(72, 730, "第一条 成员单位如下表："),
            (76, 686, "单位"), (176, 686, "统一社会信用代码"),
            (76, 666, "重庆示例"), (176, 666, code[:16]), (176, 650, code[16:]),
            (76, 626, "合计一家"),
            (72, 590, "第二条 本协议自各方签字之日起生效。")]
    drawing = rules([72, 172, 372], [700, 680, 640, 620], skip=((172, 640, 620),))
    path = tmp_path / "表格.pdf"
    path.write_bytes(make_pdf([page], drawing=drawing))
    doc = read(path)
    assert doc.text == ("第一条 成员单位如下表：\n单位\t统一社会信用代码\n重庆示例\t" + code
                        + "\n合计一家\n第二条 本协议自各方签字之日起生效。")
    cells = [b for b in doc.blocks if b.kind == "table-cell"]
    assert [(b.table, b.row, b.col, b.text) for b in cells] == [
        (0, 0, 0, "单位"), (0, 0, 1, "统一社会信用代码"), (0, 1, 0, "重庆示例"), (0, 1, 1, code), (0, 2, 0, "合计一家")]
    assert {b.location for b in doc.blocks} == {("page", 0)}


def test_pdf_borderless_two_column_signature_page(tmp_path):
    """Issue 13 item 1: cells side by side in a borderless table are not one merged line. A gutter at the same
    place in two lines opens a region read as a table (a name wrapped in its cell joined back, 丙方 starts a row
    as 甲方 did, an empty cell keeps its TAB); the full-width lines around it stay paragraphs."""
    require("pdfplumber", "(extra pdf)")
    body = "第九条 本协议自各成员单位法定代表人签字并加盖公章之日起生效，一式三份。"  # 36 characters: the margin
    page = [(72, 770, body), (72, 752, "（以下无正文）"),
            (72, 722, "甲方（公章）：重庆示例科技股份有"), (300, 722, "乙方（公章）：重庆示例大学"),
            (72, 704, "限公司"),
            (72, 686, "法定代表人（签字）：张三"), (300, 686, "法定代表人（签字）：李四"),
            (72, 656, "丙方（公章）：重庆示例研究院"),
            (72, 638, "法定代表人（签字）：王五")]
    path = tmp_path / "签署页.pdf"
    path.write_bytes(make_pdf([page]))
    doc = read(path)
    assert doc.text == (body + "\n（以下无正文）\n"
                        "甲方（公章）：重庆示例科技股份有限公司\n法定代表人（签字）：张三\t"
                        "乙方（公章）：重庆示例大学\n法定代表人（签字）：李四\n"
                        "丙方（公章）：重庆示例研究院\n法定代表人（签字）：王五\t")
    cells = [(b.row, b.col, b.text) for b in doc.blocks if b.kind == "table-cell"]
    assert cells[0] == (0, 0, "甲方（公章）：重庆示例科技股份有限公司")
    assert cells[-1] == (1, 0, "法定代表人（签字）：王五")


def test_pdf_lines_with_one_gap_stay_lines(tmp_path):
    """A single line with a wide gap (a heading spaced out) is no table."""
    require("pdfplumber", "(extra pdf)")
    page = [(72, 770, "第一章"), (200, 770, "总则"), (72, 752, "第一条 各方共同组建联合体。")]
    path = tmp_path / "章.pdf"
    path.write_bytes(make_pdf([page]))
    assert read(path).text == "第一章 总则\n第一条 各方共同组建联合体。"


def cell(x0: float, x1: float, *lines: tuple[str, float], page: int = 0) -> PdfCell:
    """A cell whose lines start 4 pt in and are as wide as given (10.5 pt characters)."""
    return PdfCell(x0, x1, tuple(PdfLine(t, x0 + 4, x0 + 4 + w, 10.5, page) for t, w in lines))


def texts_of(rows) -> list[str]:
    return ["\t".join(c.text for c in row) for row in rows]


def test_table_rows_merged_and_empty_cells():
    """None (a position a merged cell covers) is left out; an empty cell stays, empty; columns follow the x grid."""
    rows = table_rows([[
        [cell(0, 100, ("联合体名称", 52)), cell(100, 300, ("示例产业创新联合体", 94)), None],
        [cell(0, 100, ("成员总数（个）", 73)), cell(100, 200), cell(200, 300, ("5", 6))],
    ]])
    assert texts_of(rows) == ["联合体名称\t示例产业创新联合体", "成员总数（个）\t\t5"]
    assert [[c.col for c in row] for row in rows] == [[0, 1], [0, 1, 2]]


def test_table_rows_wrapped_lines_and_paragraphs():
    """Wrapped lines join with no space (a broken code too, a Latin phrase with one); a short line that ends a
    sentence or precedes an item (法定代表人：) ends a paragraph of the cell."""
    rows = table_rows([[[
        cell(0, 100, ("功率模块设计、封装工", 88), ("艺开发；牵头验证", 80)),
        cell(100, 200, ("91500000MA5YK3R7", 88), ("3U", 10)),
        cell(200, 300, ("AQG 324", 40), ("certified", 45)),
        cell(300, 500, ("甲方（公章）：", 74), ("法定代表人：韩立峰", 95), ("日期：", 32)),
    ]]])
    assert [c.paragraphs for c in rows[0]] == [
        [("功率模块设计、封装工艺开发；牵头验证", 0)], [("91500000MA5YK3R73U", 0)], [("AQG 324 certified", 0)],
        [("甲方（公章）：", 0), ("法定代表人：韩立峰", 0), ("日期：", 0)]]
    assert texts_of(rows) == ["功率模块设计、封装工艺开发；牵头验证\t91500000MA5YK3R73U\tAQG 324 certified\t"
                              "甲方（公章）：\n法定代表人：韩立峰\n日期："]


def test_table_rows_continued_on_the_next_page():
    """The part on the next page: its repeated heading row is dropped, a row broken by the page joined back (it
    leaves empty the cells the last row filled), columns matched by position though the grids differ."""
    head = [cell(0, 60, ("承担单位", 42)), cell(60, 200, ("研发任务", 42)), cell(200, 260, ("完成时限", 42))]
    page1 = [head, [cell(0, 60, ("甲方", 21)), cell(60, 200, ("封装工艺开发和电驱系统", 130)),
                    cell(200, 260, ("2028年6月", 50))]]
    page2 = [[cell(0, 60, ("承担单位", 42), page=1), cell(60, 200, ("研发任务", 42), page=1), None, None,
              cell(200, 260, ("完成时限", 42), page=1)],
             [cell(0, 60, page=1), cell(60, 200, ("集成", 21), page=1), None, None,
              cell(200, 260, ("30日", 20), page=1)],
             [cell(0, 60, ("乙方", 21), page=1), cell(60, 130, ("衬底", 21), page=1), cell(130, 200, page=1), None,
              cell(200, 260, ("2027年", 30), page=1)]]
    rows = table_rows([page1, page2])
    assert texts_of(rows) == ["承担单位\t研发任务\t完成时限", "甲方\t封装工艺开发和电驱系统集成\t2028年6月30日",
                              "乙方\t衬底\t\t2027年"]
    assert [[c.col for c in row] for row in rows] == [[0, 1, 3], [0, 1, 3], [0, 1, 2, 3]]
    assert rows[1][1].paragraphs == [("封装工艺开发和电驱系统集成", 0)]  # where the paragraph starts


def test_pdf_without_text_layer(tmp_path):
    require("pdfplumber", "(extra pdf)")
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(make_pdf([[]]))
    with pytest.raises(DocumentUnreadable) as info:
        read_document(path)
    assert "没有文本层" in info.value.message and "OCR" in info.value.hint


def test_pdf_encrypted(tmp_path):
    require("pdfplumber", "(extra pdf)")
    path = tmp_path / "加密.pdf"
    path.write_bytes(make_pdf([[(72, 770, "机密")]], encrypt=True))
    with pytest.raises(DocumentUnreadable, match="PDF 已加密"):
        read_document(path)


def test_pdf_without_pdfplumber(tmp_path, monkeypatch):
    path = tmp_path / "协议.pdf"
    path.write_bytes(make_pdf([[(72, 770, "第一条")]]))
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    with pytest.raises(MissingDependency) as info:
        read_document(path)
    assert "gongjian[pdf]" in info.value.hint


# --- files that cannot be read --------------------------------------------------------------------------------


def write_zip_bomb(path: Path) -> None:
    """A .docx whose document.xml inflates to 300 MB of zeros (about 1 MB on disk, written in chunks)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"0" * (1 << 20)
            for _ in range(300):
                fh.write(chunk)


def write_bad(tmp_path: Path, case: str) -> Path:
    if case == "missing":
        return tmp_path / "不存在.docx"
    if case == "directory":
        (tmp_path / "申报材料.docx").mkdir()
        return tmp_path / "申报材料.docx"
    files = {
        "empty": ("空文件.docx", b""),
        "old-doc": ("旧协议.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504),
        "encrypted-docx": ("加密.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 200
                           + "EncryptionInfo\0EncryptedPackage".encode("utf-16-le")),
        "corrupt-zip": ("损坏.docx", b"PK\x03\x04" + b"\x14\x00garbage" * 50),
        "not-a-docx": ("文本.docx", "这不是 Word 文档".encode()),
        "no-document-xml": ("空包.docx", None),
        "broken-package": ("残缺.docx", None),
        "zip-bomb": ("炸弹.docx", None),
        "unsupported": ("协议.rtf", rb"{\rtf1 hello}"),
        "corrupt-pdf": ("损坏.pdf", b"%PDF-1.4\n1 0 obj garbage"),
    }
    name, data = files[case]
    path = tmp_path / name
    if case == "zip-bomb":
        write_zip_bomb(path)
    elif case in ("no-document-xml", "broken-package"):
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("[Content_Types].xml", "<Types/>")
            if case == "broken-package":  # the part exists but the package has no relationships
                zf.writestr("word/document.xml", f"<w:document {NSDECL}><w:body/></w:document>")
    else:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize("case, message, hint", [
    ("missing", "找不到文件", "路径"),
    ("directory", "文件夹", "文件"),
    ("empty", "文件为空", "重新导出"),
    ("old-doc", "这是旧版 Word（.doc）文件", "请在 Word 或 LibreOffice 中另存为 .docx"),
    ("encrypted-docx", "文件已加密", "密码"),
    ("corrupt-zip", "文件已损坏", ".docx"),
    ("not-a-docx", "不是有效的 Word 文档", ".docx"),
    ("no-document-xml", "缺少 word/document.xml", ".docx"),
    ("broken-package", "不是有效的 Word 文档", ".docx"),
    ("zip-bomb", "文件过大或疑似压缩炸弹", "200 MB"),
    ("unsupported", "不支持的文件类型：.rtf", ".docx .pdf .txt .md"),
    ("corrupt-pdf", "PDF 文件已损坏", "PDF"),
])
def test_unreadable_files(tmp_path, case, message, hint):
    if case == "corrupt-pdf":
        require("pdfplumber", "(extra pdf)")
    path = write_bad(tmp_path, case)
    with pytest.raises(DocumentUnreadable) as info:
        read_document(path)
    err = info.value
    assert message in err.message and hint in err.hint
    assert "\n" not in err.message and "\n" not in err.hint
    assert err.exit_code == 2


def test_content_wins_over_extension(tmp_path, agreement_docx):
    misnamed = tmp_path / "协议.doc"
    misnamed.write_bytes(agreement_docx.read_bytes())
    doc = read(misnamed)
    assert doc.format == "docx" and "创新联合体" in doc.text
    assert any("扩展名为 .doc" in w for w in doc.warnings)
