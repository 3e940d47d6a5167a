"""Turn a validated Agreement plus the library's clause texts into a document (.docx or Markdown).

Two steps, so that user strings are escaped exactly once:

1. every clause text (a Jinja template in the library) is rendered with the agreement's values into plain text —
   no escaping, because the result is text, not XML;
2. the article list is placed into the .docx template by docxtpl with ``autoescape=True``, which escapes ``&``
   and ``<`` once, where the text enters the XML.

Which categories appear: every category any selected regime requires at any level (MUST-A, MUST-C, SHOULD, PROC,
LAW), in the order of the regime's outline (cq-liangjiang's outline, from 004 附件2, when it is selected).
"""

from __future__ import annotations

import functools
import os
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from gongjian.clauses.library import ClauseLibrary
from gongjian.clauses.schema import Category, Regime
from gongjian.contracts.agreement import Agreement
from gongjian.contracts.dates import format_chinese_date
from gongjian.contracts.money import format_capital_amount
from gongjian.errors import OutputExists

TEMPLATE = Path(__file__).with_name("agreement.docx")
ROLE_NAMES = {"lead": "牵头单位", "member": "成员单位"}
TIER_NAMES = {"core": "核心层单位", "cooperating": "合作单位"}
#: Categories after whose text a table follows.
TABLES = ("C01", "C02", "C03", "C06", "C07", "C09")


@dataclass
class Table:
    """A table to place after an article's text."""

    header: list[str]
    rows: list[list[str]]
    caption: str = ""


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


def cn_number(n: int) -> str:
    """Return the Chinese numeral used in article numbers.

    >>> [cn_number(n) for n in (1, 10, 11, 20, 25, 101)]
    ['一', '十', '十一', '二十', '二十五', '一百零一']
    """
    import cn2an

    return cn2an.an2cn(n)


def _pct(value: Decimal | int | float) -> str:
    d = Decimal(str(value)).normalize()
    return f"{d:f}%"


def _money(agreement: Agreement):
    def money(amount: Decimal) -> str:
        unit = agreement.funding.unit
        yuan = agreement.funding.in_yuan(Decimal(amount))
        return f"{format_capital_amount(yuan)}（¥{yuan:,.2f}）" if unit else str(amount)

    return money


@functools.lru_cache(maxsize=1)
def _jinja_env():
    import jinja2

    # Plain text out: no autoescape here (docxtpl escapes once when the text enters the XML).
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)  # noqa: S701
    env.filters["cndate"] = format_chinese_date
    env.filters["pct"] = _pct
    env.filters["cnnum"] = cn_number
    return env


def template_context(agreement: Agreement, library: ClauseLibrary) -> dict:
    """Return the variables a clause template sees: the agreement's fields plus lead, others, copies, regime."""
    regimes = [library.regimes[r] for r in agreement.platform.regimes if r in library.regimes]
    context = {name: getattr(agreement, name) for name in Agreement.model_fields}
    context.update(lead=agreement.lead, others=agreement.others, copies=agreement.copies,
                   regime=regimes[0] if regimes else None, regimes=regimes)
    return context


def render_clause(text: str, agreement: Agreement, library: ClauseLibrary) -> list[str]:
    """Render one clause template into its paragraphs (one per non-empty line)."""
    env = _jinja_env()
    env.filters["money"] = _money(agreement)
    rendered = env.from_string(text).render(template_context(agreement, library))
    return [line.strip() for line in rendered.splitlines() if line.strip()]


def selected_categories(library: ClauseLibrary, regimes: list[Regime]) -> list[Category]:
    """Return the categories the regimes require at any level, in the outline's order."""
    ids = [r.id for r in regimes]
    outline_owner = next((r for r in regimes if r.id == "cq-liangjiang"), regimes[0] if regimes else None)
    order = list(outline_owner.outline) if outline_owner and outline_owner.outline else list(library.categories)
    order += [c for c in library.categories if c not in order]
    required = set(library.required(ids)) if ids else {c for c, cat in library.categories.items() if cat.law_level}
    return [library.categories[c] for c in order if c in required]


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


def _members_table(a: Agreement) -> Table:
    def role(m) -> str:
        return ROLE_NAMES["lead"] if m.role == "lead" else TIER_NAMES.get(m.tier or "", ROLE_NAMES["member"])

    rows = [[str(i), m.full_name, m.short_name, role(m), m.type_name, m.uscc, m.legal_representative, m.address]
            for i, m in enumerate(a.members, 1)]
    return Table(["序号", "单位全称", "简称", "角色", "类型", "统一社会信用代码", "法定代表人", "住所"], rows,
                 "成员单位一览")


def _targets_table(a: Agreement) -> Table:
    rows = [[t.indicator, f"第{cn_number(t.year)}年", f"{Decimal(t.value).normalize():f}", t.unit,
             a.member(t.owner).short_name] for t in sorted(a.goals.targets, key=lambda t: (t.indicator, t.year))]
    return Table(["指标", "年度", "目标值", "单位", "责任单位"], rows, "逐年考核指标")


def _tasks_table(a: Agreement) -> Table:
    rows = [[str(i), t.owner, t.title, t.content, t.deliverable, format_chinese_date(t.deadline), t.leader or "由承担单位指定"]
            for i, t in enumerate(a.tasks, 1)]
    return Table(["序号", "承担单位", "任务名称", "任务内容", "交付成果及技术指标", "完成期限", "负责人"], rows,
                 "任务分工")


def _funding_table(a: Agreement) -> Table:
    f = a.funding
    years = list(range(1, a.term.years + 1))
    rows = []
    for m in a.members:
        per_year = [sum((c.amount for c in f.contributions if c.member == m.short_name and c.year == y), Decimal(0))
                    for y in years]
        total = f.member_total(m.short_name)
        rows.append([m.short_name, *[f"{v.normalize():f}" for v in per_year], f"{total.normalize():f}",
                     format_capital_amount(f.in_yuan(total))])
    total_row = [sum((c.amount for c in f.contributions if c.year == y), Decimal(0)) for y in years]
    rows.append(["合计", *[f"{v.normalize():f}" for v in total_row], f"{f.total.normalize():f}",
                 format_capital_amount(f.in_yuan(f.total))])
    header = ["成员单位", *[f"第{cn_number(y)}年（{f.unit}）" for y in years], f"合计（{f.unit}）", "合计（大写）"]
    return Table(header, rows, "资金投入计划")


def _background_ip_table(a: Agreement) -> Table | None:
    if not a.background_ip:
        return None
    rows = [[b.owner, b.kind, b.title, b.number, format_chinese_date(b.filing_date) if b.filing_date else "—"]
            for b in a.background_ip]
    return Table(["权利人", "类型", "名称", "申请号／专利号／登记号", "申请日"], rows, "背景知识产权清单")


def _revenue_table(a: Agreement) -> Table:
    header = ["收益类型", *[m.short_name for m in a.members], "合计"]
    rows = []
    for split in a.revenue.splits:
        shares = {s.member: s.percent for s in split.shares}
        rows.append([split.type_name, *[_pct(shares[m.short_name]) if m.short_name in shares else "—"
                                        for m in a.members], _pct(sum(shares.values(), Decimal(0)))])
    return Table(header, rows, "收益分配比例")


_TABLE_BUILDERS = {"C01": _members_table, "C02": _targets_table, "C03": _tasks_table, "C06": _funding_table,
                   "C07": _background_ip_table, "C09": _revenue_table}


def build_articles(agreement: Agreement, library: ClauseLibrary) -> list[Article]:
    """Render the articles of the agreement in order, numbered 第一条 … continuously."""
    regimes = [library.regimes[r] for r in agreement.platform.regimes]
    articles = []
    for number, cat in enumerate(selected_categories(library, regimes), 1):
        paragraphs = render_clause(choose_text(cat, agreement), agreement, library)
        builder = _TABLE_BUILDERS.get(cat.id)
        articles.append(Article(number, cat.id, cat.drafting.title, paragraphs, builder(agreement) if builder else None))
    return articles


def preamble(agreement: Agreement, library: ClauseLibrary) -> list[str]:
    """Return the recitals before the first article."""
    regimes = [library.regimes[r] for r in agreement.platform.regimes]
    policies = "、".join(f"《{r.name}》" for r in regimes)
    names = "、".join(f"{m.full_name}（以下简称“{m.short_name}”）" for m in agreement.members)
    return [
        f"为共同组建{agreement.platform.name}，{names}根据《中华人民共和国民法典》《中华人民共和国促进科技成果转化法》"
        f"及{policies}等规定，本着平等自愿、优势互补、利益共享、风险共担的原则，经所有成员单位同意，签署本协议。",
    ]


def signature_blocks(agreement: Agreement) -> list[dict[str, str]]:
    """Return one signature block per member, in member order."""
    return [{"role": ROLE_NAMES[m.role] if m.role == "lead" else "成员单位", "full_name": m.full_name,
             "short_name": m.short_name} for m in agreement.members]


def render_markdown(agreement: Agreement, library: ClauseLibrary) -> str:
    """Return the agreement as Markdown (same articles and tables as the .docx)."""
    out = [f"# {agreement.title}", "", *preamble(agreement, library), ""]
    for art in build_articles(agreement, library):
        out += [f"## {art.heading}", "", *[p + "\n" for p in art.paragraphs]]
        if art.table:
            out += [f"表：{art.table.caption}", "", "| " + " | ".join(art.table.header) + " |",
                    "|" + "---|" * len(art.table.header)]
            out += ["| " + " | ".join(c.replace("|", "／") for c in row) + " |" for row in art.table.rows]
            out.append("")
    out += ["（以下无正文，为签署页）", "", "## 签署页", ""]
    for block in signature_blocks(agreement):
        out += [f"{block['role']}：{block['full_name']}（公章）", "", "法定代表人（签字）：", "",
                "签署日期：        年    月    日", ""]
    return "\n".join(out)


def _subdoc_table(tpl, table: Table):
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Pt

    from gongjian.templates.builder import set_east_asian_font

    sub = tpl.new_subdoc()
    if table.caption:
        cap = sub.add_paragraph()
        run = cap.add_run(f"表：{table.caption}")
        set_east_asian_font(run, "黑体")
        run.font.size = Pt(10.5)
    grid = sub.add_table(rows=1 + len(table.rows), cols=len(table.header))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, row in enumerate([table.header, *table.rows]):
        for c, value in enumerate(row):
            cell = grid.cell(r, c)
            run = cell.paragraphs[0].add_run(value)
            set_east_asian_font(run, "黑体" if r == 0 else "宋体")
            run.font.size = Pt(10.5)
            run.font.bold = r == 0
    return sub


def render_docx(agreement: Agreement, library: ClauseLibrary, out: Path, template: Path = TEMPLATE) -> None:
    """Render the agreement into a .docx at ``out`` (docxtpl, autoescape on)."""
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(str(template))
    articles = build_articles(agreement, library)
    context = {
        "title": agreement.title,
        "preamble": preamble(agreement, library),
        "articles": [
            {"heading": a.heading, "paragraphs": a.paragraphs, "table": _subdoc_table(tpl, a.table) if a.table else None}
            for a in articles
        ],
        "signatures": signature_blocks(agreement),
    }
    tpl.render(context, autoescape=True)
    tpl.save(str(out))


def write_atomically(out: Path, write, *, force: bool) -> None:
    """Write a file through a temporary file and a rename; never overwrite without ``force``.

    Raises:
        OutputExists: ``out`` exists and ``force`` is false.
    """
    out = Path(out)
    if out.exists() and not force:
        raise OutputExists(str(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def draft(agreement: Agreement, library: ClauseLibrary, out: str | Path, *, fmt: str = "docx",
          force: bool = False) -> Path:
    """Draft the agreement into ``out`` as .docx or Markdown and return the path.

    Raises:
        OutputExists: the output exists and ``force`` is false.
    """
    out = Path(out)
    if fmt == "md":
        text = render_markdown(agreement, library)
        write_atomically(out, lambda p: p.write_text(text, "utf-8"), force=force)
    else:
        write_atomically(out, lambda p: render_docx(agreement, library, p), force=force)
    return out

