"""Turn a validated Agreement plus the library's clause texts into a document (.docx or Markdown).

Two steps, so that user strings are escaped exactly once:

1. every clause text (a Jinja template in the library) is rendered with the agreement's values into plain text —
   no escaping, because the result is text, not XML;
2. the article list is placed into the .docx template by docxtpl with ``autoescape=True``, which escapes ``&``
   and ``<`` once, where the text enters the XML. Tables are written as WordprocessingML here (escaped once, by
   lxml) and handed to docxtpl as markup, so that docxtpl does not escape them a second time.

Which categories appear: all 25, in the order of the regime's outline (cq-liangjiang's outline, from 004 附件2, when
it is selected). That is a superset of what the issue demands (every category any selected regime lists at any
level) on purpose: the clause texts refer to one another (收益分配 → 知识产权条款, 年度报告 → 成员退出与除名,
违约责任 → 风险承担), and a 共建协议 without 任务分工, 知识产权归属 or 签署 clauses is not one a lawyer would send,
even where a regime (js-tech-center) lists only 16 categories.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from gongjian.clauses.library import ClauseLibrary
from gongjian.clauses.schema import Category, Regime
from gongjian.contracts.agreement import FUNDING_FORM_NAMES, Agreement, platform_word
from gongjian.contracts.dates import format_chinese_date
from gongjian.contracts.money import format_capital_amount
from gongjian.files import write_atomically

TEMPLATE = Path(__file__).with_name("agreement.docx")
ROLE_NAMES = {"lead": "牵头单位", "member": "成员单位"}
TIER_NAMES = {"core": "核心层单位", "cooperating": "合作单位"}
#: Categories after whose text a table follows.
TABLES = ("C01", "C02", "C03", "C06", "C07", "C09")
#: Width of the text block in twips: A4 21 cm less the margins of the template (2.8 cm + 2.6 cm).
TEXT_WIDTH = round((21.0 - 2.8 - 2.6) * 567)
#: Characters XML 1.0 cannot carry; a YAML string may contain them, a .docx may not.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class Table:
    """A table to place after an article's text.

    Attributes:
        header: the column titles.
        rows: the cells, as text (a ``\\n`` starts a new paragraph in the cell).
        caption: the title above the table, without its number.
        numeric: indexes of the columns that hold numbers (right-aligned).
        number: the table's number in the document (表1, 表2 …), set when the articles are built.
    """

    header: list[str]
    rows: list[list[str]]
    caption: str = ""
    numeric: frozenset[int] = frozenset()
    number: int = 0

    @property
    def title(self) -> str:
        """Return the caption with its number, e.g. ``表1　成员单位一览``."""
        return f"表{self.number}　{self.caption}" if self.number else self.caption


@dataclass
class Article:
    """One rendered article: 第X条, its title, its paragraphs and an optional table."""

    number: int
    category: str
    title: str
    paragraphs: list[str]
    table: Table | None = None
    heading: str = field(init=False)

    def __post_init__(self) -> None:
        self.heading = f"第{cn_number(self.number)}条　{self.title}"


@dataclass(frozen=True)
class Drafted:
    """What :func:`draft` wrote: the path and the articles (so that callers need not build them again)."""

    path: Path
    articles: tuple[Article, ...]
    members: int

    @property
    def tables(self) -> int:
        """Return the number of tables in the document."""
        return sum(a.table is not None for a in self.articles)


def cn_number(n: int) -> str:
    """Return the Chinese numeral used in article numbers.

    >>> [cn_number(n) for n in (1, 10, 11, 20, 25, 101)]
    ['一', '十', '十一', '二十', '二十五', '一百零一']
    """
    return _cn_number(int(n))


@functools.lru_cache(maxsize=256)
def _cn_number(n: int) -> str:
    import cn2an

    return cn2an.an2cn(n)


def _pct(value: Decimal | int | float) -> str:
    d = Decimal(str(value)).normalize()
    return f"{d:f}%"


def _num(value: Decimal, *, grouped: bool = False) -> str:
    d = Decimal(value).normalize()
    return f"{d:,f}" if grouped else f"{d:f}"


def _money_text(amount: Decimal, funding) -> str:
    yuan = funding.in_yuan(Decimal(amount))
    return f"{format_capital_amount(yuan)}（¥{yuan:,.2f}）"


@functools.lru_cache(maxsize=1)
def _jinja_env():
    import jinja2

    @jinja2.pass_context
    def money(context, amount: Decimal) -> str:
        return _money_text(amount, context["funding"])

    # Plain text out: no autoescape here (docxtpl escapes once when the text enters the XML). The environment is
    # the same for every agreement (``money`` reads the funding from the context), so compiled clause templates
    # are cached across drafts.
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)  # noqa: S701
    env.filters.update(cndate=format_chinese_date, pct=_pct, cnnum=cn_number, money=money)
    return env


@functools.lru_cache(maxsize=512)
def _compiled(text: str):
    return _jinja_env().from_string(text)


def template_context(agreement: Agreement, library: ClauseLibrary) -> dict:
    """Return the variables a clause template sees: the agreement's fields plus lead, others, copies, regime."""
    regimes = [library.regimes[r] for r in agreement.platform.regimes if r in library.regimes]
    context = {name: getattr(agreement, name) for name in Agreement.model_fields}
    context.update(lead=agreement.lead, others=agreement.others, copies=agreement.copies,
                   regime=regimes[0] if regimes else None, regimes=regimes,
                   platform_word=platform_word(agreement.platform.name))
    return context


def render_clause(text: str, agreement: Agreement, library: ClauseLibrary, context: dict | None = None) -> list[str]:
    """Render one clause template into its paragraphs (one per non-empty line).

    Args:
        text: the clause template (Jinja, plain text).
        agreement: the agreement whose values fill it.
        library: the clause library.
        context: the result of :func:`template_context` for this agreement, when the caller already has it.
    """
    rendered = _clean(_compiled(text).render(context or template_context(agreement, library)))
    return [line.strip() for line in rendered.splitlines() if line.strip()]


def _clean(text: str) -> str:
    """Drop characters XML cannot carry (docxtpl would silently lose the text around them)."""
    return _CONTROL.sub("", text)


def selected_categories(library: ClauseLibrary, regimes: list[Regime]) -> list[Category]:
    """Return every category, in the order of the outline of the first regime that has one (cq-liangjiang first).

    Every category any selected regime requires is among them; the others are drafted too, because the clause
    texts refer to one another and the spec carries their values (see the module docstring).
    """
    owner = next((r for r in regimes if r.id == "cq-liangjiang"), None) or next((r for r in regimes if r.outline),
                                                                                  None)
    order = list(owner.outline) if owner else list(library.categories)
    order += [c for c in library.categories if c not in order]
    return [library.categories[c] for c in order if c in library.categories]


def choose_text(category: Category, agreement: Agreement) -> str:
    """Return the drafting text of a category, choosing the alternative named by the agreement."""
    drafting = category.drafting
    if drafting.choice is None:
        return drafting.texts[0].text
    value = agreement
    for part in drafting.choice.split("."):
        value = getattr(value, part)
    for text in drafting.texts:
        if text.id == value:
            return text.text
    return drafting.texts[0].text


# --------------------------------------------------------------------------------------------------------- tables


def member_label(m) -> str:
    """Return a member's role as the tables and the signature page name it (牵头单位, 核心层单位 …)."""
    return ROLE_NAMES["lead"] if m.role == "lead" else TIER_NAMES.get(m.tier or "", ROLE_NAMES["member"])


def _members_table(a: Agreement) -> Table:
    def kind(m) -> str:
        return m.type_name if m.chain_position == "none" else f"{m.type_name}（{m.chain_position_name}）"

    # 住所 and contacts are in the article's text; the table keeps what reviewers compare across documents.
    rows = [[str(i), m.full_name, m.short_name, member_label(m), kind(m), m.uscc, m.legal_representative]
            for i, m in enumerate(a.members, 1)]
    return Table(["序号", "单位全称", "简称", "角色", "类型（产业链位置）", "统一社会信用代码", "法定代表人"], rows,
                 "成员单位一览")


def _targets_table(a: Agreement) -> Table:
    order = {name: i for i, name in enumerate(dict.fromkeys(t.indicator for t in a.goals.targets))}
    targets = sorted(a.goals.targets, key=lambda t: (order[t.indicator], t.year))
    rows = [[t.indicator, f"第{cn_number(t.year)}年", _num(t.value), t.unit, t.owner] for t in targets]
    return Table(["指标", "年度", "目标值", "单位", "责任单位"], rows, "逐年考核指标", numeric=frozenset({2}))


def _tasks_table(a: Agreement) -> Table:
    rows = [[str(i), t.owner, t.title, t.content, t.deliverable, format_chinese_date(t.deadline),
             t.leader or "由承担单位指定"] for i, t in enumerate(a.tasks, 1)]
    return Table(["序号", "承担单位", "任务名称", "任务内容", "交付成果及技术指标", "完成期限", "负责人"], rows,
                 "任务分工")


def _funding_table(a: Agreement) -> Table:
    """One row per member and form of contribution, a column per year, totals in figures and in 大写."""
    f = a.funding
    years = range(1, a.term.years + 1)
    cells: dict[tuple[str, str], dict[int, Decimal]] = {}
    for c in f.contributions:
        per_year = cells.setdefault((c.member, c.form), {})
        per_year[c.year] = per_year.get(c.year, Decimal(0)) + c.amount
    forms = list(FUNDING_FORM_NAMES)
    rows = []
    for m in a.members:
        for form in sorted((k[1] for k in cells if k[0] == m.short_name), key=forms.index):
            per_year = cells[(m.short_name, form)]
            total = sum(per_year.values(), Decimal(0))
            rows.append([m.short_name, FUNDING_FORM_NAMES[form],
                         *[_num(per_year.get(y, Decimal(0)), grouped=True) for y in years],
                         _num(total, grouped=True), format_capital_amount(f.in_yuan(total))])
    year_totals = [sum((c.amount for c in f.contributions if c.year == y), Decimal(0)) for y in years]
    grand = sum(year_totals, Decimal(0))
    rows.append(["合计", "", *[_num(v, grouped=True) for v in year_totals], _num(grand, grouped=True),
                 format_capital_amount(f.in_yuan(grand))])
    header = ["成员单位", "投入形式", *[f"第{cn_number(y)}年（{f.unit}）" for y in years], f"合计（{f.unit}）",
              "合计（大写）"]
    return Table(header, rows, "资金投入计划", numeric=frozenset(range(2, 3 + len(years))))


def _background_ip_table(a: Agreement) -> Table | None:
    if not a.background_ip:
        return None
    rows = [[b.owner, b.kind, b.title, b.number, format_chinese_date(b.filing_date) if b.filing_date else "—"]
            for b in a.background_ip]
    return Table(["权利人", "类型", "名称", "申请号／专利号／登记号", "申请日"], rows, "背景知识产权清单")


def _revenue_table(a: Agreement) -> Table:
    """One row per member, a column per kind of revenue (so that the table stays narrow for any N)."""
    splits = a.revenue.splits
    shares = [{s.member: s.percent for s in split.shares} for split in splits]
    rows = [[m.short_name, *[_pct(sh[m.short_name]) if m.short_name in sh else "—" for sh in shares]]
            for m in a.members]
    rows.append(["合计", *[_pct(sum(sh.values(), Decimal(0))) for sh in shares]])
    return Table(["成员单位", *[s.type_name for s in splits]], rows, "收益分配比例",
                 numeric=frozenset(range(1, 1 + len(splits))))


_TABLE_BUILDERS: dict[str, Callable[[Agreement], Table | None]] = {
    "C01": _members_table, "C02": _targets_table, "C03": _tasks_table, "C06": _funding_table,
    "C07": _background_ip_table, "C09": _revenue_table,
}


def build_articles(agreement: Agreement, library: ClauseLibrary) -> list[Article]:
    """Render the articles of the agreement in order, numbered 第一条 … continuously; tables numbered 表1 …."""
    regimes = [library.regimes[r] for r in agreement.platform.regimes if r in library.regimes]
    context = template_context(agreement, library)
    articles = []
    tables = 0
    for number, cat in enumerate(selected_categories(library, regimes), 1):
        paragraphs = render_clause(choose_text(cat, agreement), agreement, library, context)
        builder = _TABLE_BUILDERS.get(cat.id)
        table = builder(agreement) if builder else None
        if table is not None:
            tables += 1
            table.number = tables
            table.rows = [[_clean(c) for c in row] for row in table.rows]
        articles.append(Article(number, cat.id, cat.drafting.title, paragraphs, table))
    return articles


def preamble(agreement: Agreement, library: ClauseLibrary) -> list[str]:
    """Return the recitals before the first article."""
    regimes = [library.regimes[r] for r in agreement.platform.regimes if r in library.regimes]
    policies = "、".join(f"《{r.name}》" for r in regimes)
    names = "、".join(f"{m.full_name}（以下简称“{m.short_name}”）" for m in agreement.members)
    return [_clean(
        f"为共同组建{agreement.platform.name}，{names}根据《中华人民共和国民法典》《中华人民共和国促进科技成果转化法》"
        f"及{policies}的规定，本着平等自愿、优势互补、利益共享、风险共担的原则，经所有成员单位同意，签署本协议。"
    )]


def signature_blocks(agreement: Agreement) -> list[dict[str, str]]:
    """Return one signature block per member, in member order: who signs (甲方（牵头单位）) and the full name."""
    return [{"party": _clean(f"{m.short_name}（{member_label(m)}）"), "full_name": _clean(m.full_name),
             "short_name": _clean(m.short_name), "role": member_label(m)} for m in agreement.members]


# ------------------------------------------------------------------------------------------------------- markdown


def render_markdown(agreement: Agreement, library: ClauseLibrary,
                    articles: list[Article] | None = None) -> str:
    """Return the agreement as Markdown (same articles and tables as the .docx)."""
    def cell(text: str) -> str:
        return text.replace("|", "／").replace("\n", "<br>")

    out = [f"# {agreement.title}", "", *preamble(agreement, library), ""]
    for art in articles if articles is not None else build_articles(agreement, library):
        out += [f"## {art.heading}", "", *[p + "\n" for p in art.paragraphs]]
        if art.table:
            out += [f"{art.table.title}", "", "| " + " | ".join(art.table.header) + " |",
                    "|" + "".join("---:|" if i in art.table.numeric else "---|" for i in range(len(art.table.header)))]
            out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in art.table.rows]
            out.append("")
    out += ["（以下无正文，为签署页）", "", "## 签署页", ""]
    for block in signature_blocks(agreement):
        out += [f"{block['party']}：{block['full_name']}（公章）", "", "法定代表人（签字）：", "",
                "签署日期：        年    月    日", ""]
    return "\n".join(out)


# ----------------------------------------------------------------------------------------------------------- docx


@functools.lru_cache(maxsize=4096)
def _display_width(text: str) -> float:
    """Return the width of a text in half-width units (half an em), estimated on the safe side.

    A CJK character counts 2; digits 1.2, capitals 1.5, other Latin letters 1.1, ``,.`` 0.6: the fonts that stand
    in for 宋体 set Latin wider than half an em (a USCC measures 22 units in Noto Serif CJK SC, 24.6 in DejaVu
    Serif) and a USCC must fit on one line. Word and LibreOffice also put a quarter-em between CJK and Latin text
    (2027年12月31日 has five such gaps).
    """
    width, previous = 0.0, None
    for ch in text:
        if unicodedata.east_asian_width(ch) in "WF":
            kind, w = "cjk", 2.0
        elif ch.isascii() and ch.isalnum():
            kind, w = "latin", 1.2 if ch.isdigit() else 1.5 if ch.isupper() else 1.1
        else:
            kind, w = "other", 0.6 if ch in ",.'" else 1.0
        width += w
        if {previous, kind} == {"cjk", "latin"}:
            width += 0.5
        previous = kind
    return width


_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")


def _unbreakable(text: str) -> bool:
    """Return whether a cell should not wrap: a code or number (USCC, 申请号), a date, or a short name or label."""
    return bool(text) and not any(ch.isspace() for ch in text) and (
        text.isascii() or _display_width(text) <= 10 or _DATE.fullmatch(text) is not None)


def column_widths(table: Table, total: int = TEXT_WIDTH) -> list[int]:
    """Return column widths in twips that add up to ``total``.

    Every column first gets room for its widest unbreakable cell (codes, numbers, names, dates: they must not
    wrap) and at least two characters; the rest of the line is shared in proportion to what each column still
    wants (its longest cell, up to 24 half-width units; longer texts wrap). Headers may wrap.
    """
    unit, margins = 105, 2 * 57  # a half-width character of 五号 (10.5 pt) in twips; cell margins per column
    floors, wants = [], []
    for i, head in enumerate(table.header):
        lines = [line for row in table.rows for line in row[i].split("\n")]
        # +1: a little slack, so that rounding in the layout engine does not wrap "甲方" after one character
        floor = 1 + max([4, min(_display_width(head), 10), *(_display_width(x) for x in lines if _unbreakable(x))])
        floors.append(floor)
        wants.append(max(floor, min(24, max((_display_width(x) for x in lines), default=0))))
    room = (total - margins * len(wants)) / unit
    extra = room - sum(floors)
    if extra > 0 and sum(wants) > sum(floors):
        share = min(1.0, extra / (sum(wants) - sum(floors)))
        units = [f + (w - f) * share for f, w in zip(floors, wants, strict=True)]
    else:
        units = [float(f) for f in floors]
    scale = total / sum(u * unit + margins for u in units)  # fill the line exactly (and shrink if too wide)
    widths = [int((u * unit + margins) * scale) for u in units]
    widths[-1] += total - sum(widths)
    return widths


_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def _xml_text(text: str) -> str:
    """Escape a text for a ``w:t`` element (once: the table bypasses docxtpl's autoescape)."""
    return text.translate(_XML_ESCAPES)


def _xml_paragraph(text: str, style: str) -> str:
    return (f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
            f'<w:r><w:t xml:space="preserve">{_xml_text(text)}</w:t></w:r></w:p>')


def table_xml(table: Table) -> str:
    """Return a table (and its caption) as WordprocessingML paragraphs, every value escaped once.

    The header row repeats on every page, rows do not break across pages, columns are fixed to widths that fill
    the text block; fonts come from the template's styles 表题 (黑体), 表头 (黑体), 表格文字 and 表格数字 (宋体).
    Built as a string: it is the hot path of drafting for many members (lxml element building was 5× slower).
    """
    widths = column_widths(table)
    out = [_xml_paragraph(table.title, "表题")] if table.caption else []
    out.append(
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0"'
        ' w:noVBand="1"/></w:tblPr><w:tblGrid>'
    )
    out += [f'<w:gridCol w:w="{width}"/>' for width in widths]
    out.append("</w:tblGrid>")
    cell_props = [f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
                  for width in widths]
    for r, row in enumerate([table.header, *table.rows]):
        out.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if r == 0
                   else "<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        for c, value in enumerate(row):
            style = "表头" if r == 0 else "表格数字" if c in table.numeric else "表格文字"
            out.append(f"<w:tc>{cell_props[c]}")
            out += [_xml_paragraph(line, style) for line in value.split("\n")]
            out.append("</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


#: How many CJK characters of the title (黑体 二号, 22 pt) fit on the text width of 15.6 cm (442 pt), less a margin.
TITLE_LINE = 19.5
_TITLE_SUFFIX = re.compile(r"(?:联合组建|组建|共建|合作|建设)?协议书?$")


def title_lines(title: str) -> list[str]:
    """Return the title split into lines the way a typesetter would break it, when it is too long for one line.

    Word breaks a long CJK title wherever the line is full (“……产业创新联合体组建 / 协议”); this puts the break
    before the document type (“……产业创新联合体 / 组建协议”), or else after the closing quote of a programme name
    (“江苏省“数动未来” / ……”), as long as every line then fits.

    >>> title_lines("江苏省高端数控系统创新联合体组建协议")
    ['江苏省高端数控系统创新联合体组建协议']
    >>> title_lines("重庆两江新区工业互联网产业创新联合体组建协议")
    ['重庆两江新区工业互联网产业创新联合体', '组建协议']
    >>> title_lines("江苏省“数动未来”智能网联汽车融合创新中心组建协议")
    ['江苏省“数动未来”', '智能网联汽车融合创新中心组建协议']
    """
    def ems(text: str) -> float:
        return sum(1.0 if ord(ch) >= 0x2000 else 0.55 for ch in text)

    if ems(title) <= TITLE_LINE:
        return [title]
    candidates = []
    if (m := _TITLE_SUFFIX.search(title)) and m.start() > 0:
        candidates.append(m.start())
    candidates += [i + 1 for i, ch in enumerate(title) if ch in "”》）" and 0 < i + 1 < len(title)]
    for cut in candidates:
        head, tail = title[:cut], title[cut:]
        if ems(head) <= TITLE_LINE and ems(tail) <= TITLE_LINE:
            return [head, tail]
    return [title]


def _docx_context(agreement: Agreement, library: ClauseLibrary, articles: list[Article]) -> dict:
    """Return the context of the .docx skeleton: its four layout variables (builder.LAYOUT_VARIABLES)."""
    from markupsafe import Markup

    return {
        # a line break (docxtpl turns "\n" into <w:br/>) where the title is best broken, if it needs two lines
        "title": "\n".join(title_lines(_clean(agreement.title))),
        "preamble": preamble(agreement, library),
        "articles": [{"heading": a.heading, "paragraphs": a.paragraphs,
                      "table": Markup(table_xml(a.table)) if a.table else None} for a in articles],
        "signatures": signature_blocks(agreement),
    }


def render_docx(agreement: Agreement, library: ClauseLibrary, out: Path, template: Path = TEMPLATE,
                articles: list[Article] | None = None) -> list[Article]:
    """Render the agreement into a .docx at ``out`` (docxtpl, autoescape on) and return its articles."""
    from docxtpl import DocxTemplate

    articles = articles if articles is not None else build_articles(agreement, library)
    tpl = DocxTemplate(str(template))
    tpl.render(_docx_context(agreement, library, articles), autoescape=True)
    # After rendering: docxtpl renders the core properties as templates too, and a title may contain “{{”.
    props = tpl.docx.core_properties
    props.title = _clean(agreement.title)
    props.subject = _clean(agreement.platform.name)
    props.author = props.last_modified_by = _clean(agreement.lead.full_name)
    props.created = props.modified = dt.datetime.now().replace(microsecond=0)
    tpl.save(str(out))
    return articles


def draft(agreement: Agreement, library: ClauseLibrary, out: str | Path, *, fmt: str = "docx",
          force: bool = False) -> Drafted:
    """Draft the agreement into ``out`` as .docx or Markdown.

    Returns:
        The path written and the articles it holds (``len(result.articles)``, ``result.tables``), so that the
        caller need not render them again.

    Raises:
        OutputExists: the output exists and ``force`` is false.
    """
    out = Path(out)
    articles = build_articles(agreement, library)
    if fmt == "md":
        text = render_markdown(agreement, library, articles)
        write_atomically(out, lambda p: p.write_text(text, "utf-8"), force=force)
    else:
        write_atomically(out, lambda p: render_docx(agreement, library, p, articles=articles), force=force)
    return Drafted(out, tuple(articles), len(agreement.members))
