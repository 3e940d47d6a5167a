"""Build the agreement's .docx template with python-docx (run ``python -m gongjian.templates.builder``).

The template is generated from code, not edited in Word, so that every docxtpl tag sits in its own run and the
typography is explicit: title 黑体 二号 centred, body 宋体 小四 with the East-Asian font set in the XML
(``w:eastAsia``; python-docx's ``font.name`` alone does not set it), article headings 黑体, page numbers in the
footer, A4 with the margins of GB/T 9704. The generated file ships as package data (``agreement.docx``); a test
rebuilds it and compares.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

TEMPLATE = Path(__file__).with_name("agreement.docx")
BODY_FONT = "宋体"
TITLE_FONT = "黑体"
#: 二号 = 22 pt, 三号 = 16 pt, 小四 = 12 pt, 五号 = 10.5 pt.
TITLE_SIZE, BODY_SIZE, SMALL_SIZE = Pt(22), Pt(12), Pt(10.5)


def set_east_asian_font(target, name: str) -> None:
    """Set ascii, hAnsi and eastAsia fonts of a style or run (python-docx only sets the first two)."""
    target.font.name = name
    rpr = target.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _style(doc, name: str, font: str, size, *, bold: bool = False, align=None, before=0, after=0, indent=None):
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, 1)
    set_east_asian_font(style, font)
    style.font.size = size
    style.font.bold = bold
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing = 1.5
    if align is not None:
        fmt.alignment = align
    if indent is not None:
        fmt.first_line_indent = indent
    return style


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
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = _style(doc, "Normal", BODY_FONT, BODY_SIZE)
    normal.paragraph_format.line_spacing = 1.5
    _style(doc, "协议标题", TITLE_FONT, TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, before=12, after=18)
    _style(doc, "条标题", TITLE_FONT, BODY_SIZE, bold=True, before=9, after=3)
    _style(doc, "正文", BODY_FONT, BODY_SIZE, indent=Pt(24))
    _style(doc, "表格文字", BODY_FONT, SMALL_SIZE)
    _style(doc, "签署", BODY_FONT, BODY_SIZE, before=6)
    _style(doc, "签章标题", TITLE_FONT, Pt(16), align=WD_ALIGN_PARAGRAPH.CENTER, before=12, after=12)

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("第 ")
    _field(footer, "PAGE")
    footer.add_run(" 页 共 ")
    _field(footer, "NUMPAGES")
    footer.add_run(" 页")

    def para(text: str, style: str = "正文"):
        return doc.add_paragraph(text, style=style)

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
    para("{{ block.role }}：{{ block.full_name }}（公章）", "签署")
    para("法定代表人（签字）：", "签署")
    para("签署日期：        年    月    日", "签署")
    para("", "签署")
    para("{%p endfor %}", "Normal")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


if __name__ == "__main__":  # pragma: no cover
    print(build_template(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE))
