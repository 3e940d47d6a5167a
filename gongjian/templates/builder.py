"""Build the agreement's .docx template with python-docx (run ``python -m gongjian.templates.builder``).

The template is generated from code, not edited in Word, so that every docxtpl tag sits in its own run and the
typography is explicit: title 黑体 二号 centred, body 宋体 小四 justified with the East-Asian font set in the XML
(``w:eastAsia``; python-docx's ``font.name`` alone does not set it), article headings 黑体 kept with their first
paragraph, tables in 宋体 五号 with a repeated 黑体 header row, page numbers in the footer, A4 with the margins of
GB/T 9704. The generated file ships as package data (``agreement.docx``); a test rebuilds it and compares.

The template knows four variables only (:data:`LAYOUT_VARIABLES`); everything an agreement says is rendered
before, from the clause library (``gongjian.templates.render``).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

TEMPLATE = Path(__file__).with_name("agreement.docx")
#: The only variables the skeleton uses; a test holds the template to them.
LAYOUT_VARIABLES = ("title", "preamble", "articles", "signatures")
BODY_FONT = "宋体"
TITLE_FONT = "黑体"
#: 二号 = 22 pt, 三号 = 16 pt, 小四 = 12 pt, 五号 = 10.5 pt.
TITLE_SIZE, BODY_SIZE, SMALL_SIZE = Pt(22), Pt(12), Pt(10.5)
#: Font table entries, so that Word and LibreOffice know the Windows names and the GB 2312 charset (86).
_FONT_TABLE = {
    "宋体": {"altName": "SimSun", "panose1": "02010600030101010101", "family": "auto", "pitch": "variable"},
    "黑体": {"altName": "SimHei", "panose1": "02010609060101010101", "family": "modern", "pitch": "fixed"},
}


def set_east_asian_font(target, name: str) -> None:
    """Set ascii, hAnsi, eastAsia and cs fonts of a style or run (python-docx only sets the first two)."""
    target.font.name = name
    rpr = target.element.get_or_add_rPr()
    _set_fonts(rpr, name)


def _set_fonts(rpr, name: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):  # theme fonts win over named ones: drop them
        if attr.endswith("Theme") or attr.endswith("theme"):
            del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _style(doc, name: str, font: str, size, *, bold: bool = False, align=None, before=0, after=0, indent=None,
           line_spacing: float = 1.5, keep_with_next: bool = False, outline_level: int | None = None):
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, 1)
    if name != "Normal":
        style.base_style = styles["Normal"]
    set_east_asian_font(style, font)
    style.font.size = size
    style.font.bold = bold
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing = line_spacing
    fmt.keep_with_next = keep_with_next
    fmt.widow_control = True
    if align is not None:
        fmt.alignment = align
    if indent is not None:
        fmt.first_line_indent = indent
    if outline_level is not None:
        ppr = style.element.get_or_add_pPr()
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(outline_level))
        ppr.append(level)
    return style


def _doc_defaults(doc) -> None:
    """Make the document defaults 宋体 小四 in Chinese (the default template says minorEastAsia, en-US)."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, BODY_FONT)
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is not None:
            el.set(qn("w:val"), str(int(BODY_SIZE.pt * 2)))
    lang = rpr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")


def _font_table(doc) -> None:
    part = next(rel.target_part for rel in doc.part.rels.values() if rel.reltype == RT.FONT_TABLE)
    from lxml import etree

    root = etree.fromstring(part.blob)
    for name, info in _FONT_TABLE.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        for tag in ("altName", "panose1"):
            etree.SubElement(font, qn(f"w:{tag}")).set(qn("w:val"), info[tag])
        etree.SubElement(font, qn("w:charset")).set(qn("w:val"), "86")
        etree.SubElement(font, qn("w:family")).set(qn("w:val"), info["family"])
        etree.SubElement(font, qn("w:pitch")).set(qn("w:val"), info["pitch"])
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _field(paragraph, instruction: str) -> None:
    """Append a Word field (PAGE, NUMPAGES) to a paragraph."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
        elif text == instruction:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {instruction} "
            run._r.append(el)
        else:
            run.text = text


def build_template(path: Path = TEMPLATE) -> Path:
    """Write the agreement template to ``path`` and return it."""
    doc = Document()
    for rid, rel in list(doc.part.package.rels.items()):  # python-docx's default template carries a thumbnail
        if rel.reltype == RT.THUMBNAIL:
            del doc.part.package.rels[rid]
    props = doc.core_properties
    props.author = props.last_modified_by = "gongjian"
    props.title, props.comments, props.revision = "组建协议", "", 1
    props.created = props.modified = dt.datetime(2026, 1, 1)  # fixed: the template is rebuilt reproducibly
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    section.footer_distance = Cm(2.5)
    _doc_defaults(doc)
    _font_table(doc)
    _style(doc, "Normal", BODY_FONT, BODY_SIZE)
    _style(doc, "协议标题", TITLE_FONT, TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, before=12, after=18,
           keep_with_next=True)
    _style(doc, "条标题", TITLE_FONT, BODY_SIZE, before=9, after=3, keep_with_next=True, outline_level=0)
    _style(doc, "正文", BODY_FONT, BODY_SIZE, indent=Pt(24), align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _style(doc, "表题", TITLE_FONT, SMALL_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, before=6, after=3, line_spacing=1.0,
           keep_with_next=True)
    _style(doc, "表头", TITLE_FONT, SMALL_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, line_spacing=1.0)
    _style(doc, "表格文字", BODY_FONT, SMALL_SIZE, line_spacing=1.0)
    _style(doc, "表格数字", BODY_FONT, SMALL_SIZE, line_spacing=1.0, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _style(doc, "签章标题", TITLE_FONT, Pt(16), align=WD_ALIGN_PARAGRAPH.CENTER, before=12, after=12,
           keep_with_next=True)
    # One block per member: the three lines stay on one page; the block's first line carries the gap above it.
    _style(doc, "签署单位", BODY_FONT, BODY_SIZE, before=24, keep_with_next=True)
    _style(doc, "签署", BODY_FONT, BODY_SIZE, before=6, keep_with_next=True)
    _style(doc, "签署日期", BODY_FONT, BODY_SIZE, before=6)

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("第 ")
    _field(footer, "PAGE")
    footer.add_run(" 页 共 ")
    _field(footer, "NUMPAGES")
    footer.add_run(" 页")
    for run in footer.runs:
        set_east_asian_font(run, BODY_FONT)
        run.font.size = SMALL_SIZE

    def para(text: str, style: str = "正文"):
        return doc.add_paragraph(text, style=style)

    # {%p …%} tags remove their own paragraph; {{p …}} replaces its paragraph with the table's XML.
    para("{{ title }}", "协议标题")
    para("{%p for line in preamble %}", "Normal")
    para("{{ line }}")
    para("{%p endfor %}", "Normal")
    para("{%p for art in articles %}", "Normal")
    para("{{ art.heading }}", "条标题")
    para("{%p for line in art.paragraphs %}", "Normal")
    para("{{ line }}")
    para("{%p endfor %}", "Normal")
    para("{%p if art.table %}", "Normal")
    para("{{p art.table }}", "Normal")
    para("{%p endif %}", "Normal")
    para("{%p endfor %}", "Normal")
    para("（以下无正文，为签署页）", "正文")
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    para("签署页", "签章标题")
    para("{%p for block in signatures %}", "Normal")
    para("{{ block.party }}：{{ block.full_name }}（公章）", "签署单位")
    para("法定代表人（签字）：", "签署")
    para("签署日期：        年    月    日", "签署日期")
    para("{%p endfor %}", "Normal")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


if __name__ == "__main__":  # pragma: no cover
    print(build_template(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE))
