"""Reading forms: the labelled fields and member tables of an application package's attachments.

Forms are read as rows of cells: a table row of a .docx or a PDF (the reader keeps each cell's grid position), a
tab-separated or Markdown table line, or a paragraph (one cell). A field is a label cell followed by its value cell
(004 附件1: 「联合体协议生效时间」 | 2025年11月24日), or one line ``label：value`` (the cover: ``牵头单位：……（盖章）``;
the value ends where another known label and its colon start), or in a plain-text copy a label line followed by its
value line. Labels are compared without spaces and line breaks (``联 系 人``). A value that is empty, underscores or
``年 月 日`` is a blank: the form was not filled in.

Offsets index the document's extracted text, as everywhere: ``doc.text[q.start:q.end] == q.text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongjian.contracts.dates import find_dates
from gongjian.contracts.text import normalise
from gongjian.nlp.consistency_base import to_int
from gongjian.nlp.document import ParsedDocument

# ------------------------------------------------------------------------------------------------------ values


@dataclass(frozen=True)
class Quote:
    """A value as one document states it.

    Attributes:
        text: the value as written, cleaned of seal marks and blanks (``""``: the field is left blank).
        start: where it starts in the document's text (the label's span when the value is blank).
        end: where it ends.
        label: the field label or heading it was found under (shown as the evidence's article).
    """

    text: str
    start: int
    end: int
    label: str = ""

    @property
    def blank(self) -> bool:
        """Return whether the field is left blank."""
        return not self.text


def name_key(name: str) -> str:
    """Return an organisation or platform name folded for comparison: width, brackets, quotes and spaces ignored.

    >>> name_key("中国科学院（重庆）研究院 ") == name_key("中国科学院重庆研究院"), name_key("“示例”大学")
    (True, '示例大学')
    >>> name_key("示例有限公司") == name_key("示例有限责任公司")
    False
    """
    return re.sub(r"[\s()\[\]【】“”\"'‘’「」《》〈〉]", "", normalise(name))


def label_key(text: str) -> str:
    """Return a form label folded for lookup: no spaces or line breaks, half-width brackets, no final colon.

    >>> label_key("联 系 人："), label_key("成员总数（个）"), label_key("近三年研发投入\\n（万元）")
    ('联系人', '成员总数(个)', '近三年研发投入(万元)')
    """
    return re.sub(r"\s+", "", normalise(text)).rstrip(":")


USCC_LIKE = re.compile(r"(?<![0-9A-Za-z])(?=[0-9A-Za-z]*\d[0-9A-Za-z]*\d)[0-9A-Za-z]{18}(?![0-9A-Za-z])")
USCC_LABELLED = re.compile(r"统一社会信用代码\s*[:：]?\s*(?P<code>[0-9A-Za-z]{15,20})")
REP_LABELLED = re.compile(r"法定代表人\s*(?:[(（][^)）]{0,6}[)）])?\s*[:：]\s*(?P<name>[一-龥·]{2,8})")
_SEAL = re.compile(r"[(（]\s*(?:盖章|公章|签章|签字盖章|盖公章|单位公章)\s*[)）]")
_BLANK = re.compile(r"[\s_＿/:：.·\-—年月日()（）]*")
_SECTION = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.]|\d+[、.](?!\d)|[(（][一二三四五六七八九十\d]+[)）]|注)")
ORG_END = re.compile(r"(?:公司|大学|学院|研究院|研究所|研究中心|中心|医院|集团|实验室|学校|协会|联合会)$")


def clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the span of a value without a seal mark（盖章）, blanks and surrounding punctuation.

    >>> t = "  重庆示例科技有限公司（盖章）  "
    >>> s, e = clean_span(t, 0, len(t)); t[s:e]
    '重庆示例科技有限公司'
    """
    if (m := _SEAL.search(text, start, end)) is not None:
        end = m.start() if text[start : m.start()].strip(" \t\u3000_＿") else end
    while start < end and text[start] in " \t\n\u3000_＿:：":
        start += 1
    while end > start and text[end - 1] in " \t\n\u3000_＿，,。；;":
        end -= 1
    if (m := _SEAL.search(text, start, end)) is not None and not text[start : m.start()].strip():
        return start, start  # only a seal mark: blank
    return start, end


def is_blank(value: str) -> bool:
    """Return whether a form value is a blank (empty, underscores, ``年 月 日``).

    >>> is_blank("    年     月    日"), is_blank("＿＿＿"), is_blank("2025年3月1日")
    (True, True, False)
    """
    return _BLANK.fullmatch(value) is not None


# ------------------------------------------------------------------------------------------------------- cells


@dataclass(frozen=True)
class Cell:
    """One cell of a form: a .docx table cell (all its paragraphs), a part of a table line, or a paragraph."""

    start: int
    end: int
    text: str
    table: int | None  # .docx / PDF table index, or the index of a run of table lines; None for a paragraph
    col: int  # grid column (.docx, PDF) or position in the line

    @property
    def key(self) -> str:
        """Return the cell's text as a label key."""
        return label_key(self.text)


def _has_tables(doc: ParsedDocument) -> bool:
    """Whether the document's tables are read as tables: a .docx, or a PDF (whose ruled tables the reader finds).

    Their table-cell blocks give each cell's table, row and column; an empty cell has no block.
    """
    return doc.raw is not None and doc.raw.format in ("docx", "pdf")


def rows(doc: ParsedDocument) -> list[list[Cell]]:
    """Return the document as rows of cells, in reading order (see the module docstring)."""
    if _has_tables(doc):
        return _block_rows(doc)
    return _line_rows(doc)


def _block_rows(doc: ParsedDocument) -> list[list[Cell]]:
    out: list[list[Cell]] = []
    current: dict[int, Cell] = {}
    where: tuple | None = None
    for b in doc.raw.blocks:  # type: ignore[union-attr]
        if b.kind != "table-cell":
            if current:
                out.append([current[c] for c in sorted(current)])
            current, where = {}, None
            out.append([Cell(b.start, b.end, b.text, None, 0)])
            continue
        if (b.table, b.row) != where:
            if current:
                out.append([current[c] for c in sorted(current)])
            current, where = {}, (b.table, b.row)
        col = b.col or 0
        if col in current:  # another paragraph of the same cell
            c = current[col]
            current[col] = Cell(c.start, b.end, doc.text[c.start : b.end], b.table, col)
        else:
            current[col] = Cell(b.start, b.end, b.text, b.table, col)
    if current:
        out.append([current[c] for c in sorted(current)])
    return out


def _line_rows(doc: ParsedDocument) -> list[list[Cell]]:
    out: list[list[Cell]] = []
    pos, table, in_table = 0, 0, False
    for line in doc.text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if not line.strip() or re.fullmatch(r"\s*\|?[\s:|-]+\|?\s*", line) and "-" in line:
            continue
        piped = line.strip().startswith("|")
        if "\t" in line or piped:
            table += 0 if in_table else 1
            in_table = True
            parts = line.split("|") if piped else line.split("\t")
            if piped:  # “| a | b |”: the parts before the first and after the last bar are not cells
                parts = parts[1:-1] if line.rstrip().endswith("|") else parts[1:]
                start += line.index("|") + 1
            cells, at = [], start
            for i, part in enumerate(parts):
                lead = len(part) - len(part.lstrip())
                body = part.strip()
                cells.append(Cell(at + lead, at + lead + len(body), body, table, i))
                at += len(part) + 1
            out.append(cells)
        else:
            in_table = False
            lead = len(line) - len(line.lstrip())
            out.append([Cell(start + lead, start + len(line.rstrip()), line.strip(), None, 0)])
    return out


# ------------------------------------------------------------------------------------------------------ fields

#: Field labels (folded with :func:`label_key`) → the fact they state.
FIELDS = {label_key(k): v for k, v in {
    "产业创新联合体名称": "name", "联合体名称": "name", "创新联合体名称": "name", "中心名称": "name",
    "技术创新中心名称": "name", "产业创新中心名称": "name", "融合创新中心名称": "name",
    "牵头单位": "lead", "联合体牵头单位": "lead", "牵头组建单位": "lead", "牵头企业": "lead", "牵头单位名称": "lead",
    "联合体协议生效时间": "effective", "协议生效时间": "effective", "组建协议生效时间": "effective",
    "成员总数（个）": "count", "成员总数": "count", "成员单位总数": "count", "成员单位数量（个）": "count",
    "成员单位数量": "count",
    "产业领域": "field",
    "单位名称": "org", "申报单位": "org", "申报单位名称": "org",
    "统一社会信用代码": "uscc", "法定代表人": "rep",
}.items()}
#: Other labels of the forms: a cell holding one of them is a label, not a value (of the field before it).
OTHER_LABELS = {label_key(k) for k in (
    "推荐首席科学家", "首席科学家", "职务/职称", "联合体内已建相关市级及以上各类科研平台数量（个）",
    "近三年营业收入（万元）", "近三年研发投入（万元）", "联系人", "联系电话", "填报日期", "电子邮箱", "通讯地址",
    "注册地址", "住所", "单位性质", "注册资本", "成立时间", "邮政编码", "传真", "手机",
    "姓名", "年龄", "从事专业", "工作单位", "平台名称", "学科/产业领域", "国家省市级", "建设时间", "依托单位",
)}
_COLON = re.compile(r"(?P<label>[^:：\n\t]{1,30}?)[ \t\u3000]*[:：](?P<value>[^\n]*)")
_LABELS = sorted({*FIELDS, *OTHER_LABELS}, key=len, reverse=True)
_LABEL_AHEAD = re.compile(f"(?:{'|'.join(map(re.escape, _LABELS))})[ \t\u3000]*:")  # normalised text: ： is :


@dataclass(frozen=True)
class Field:
    """A labelled field of a form and its value (blank when not filled in)."""

    key: str  # name | lead | effective | count | field | org | uscc | rep
    label: str  # the label as written
    label_start: int
    label_end: int
    value: Quote
    table: int | None = None
    row: int = 0


def _plausible(key: str, value: str) -> bool:
    """Whether a value on the line after a label can be that field's value (plain-text copies of forms)."""
    if is_blank(value):
        return True
    if key == "effective":
        return bool(find_dates(value)) or "年" in value
    if key == "count":
        return re.fullmatch(r"[\d一二三四五六七八九十百两]+\s*[个家]?", value) is not None
    if key == "uscc":
        return USCC_LIKE.search(normalise(value)) is not None
    if key == "rep":
        return re.fullmatch(r"[一-龥·]{2,8}", value) is not None
    if key == "name":  # a platform: 联合体 / 中心 / 平台 / 联盟, not the next column heading (学科/产业领域)
        return re.search(r"(?:联合体|中心|平台|联盟)[)）]?$", value) is not None
    if key in {"lead", "org"}:
        return ORG_END.search(value) is not None
    return len(value) <= 60 and not _SECTION.match(value) and ":" not in normalise(value)


def _field(text: str, key: str, label: str, span: tuple[int, int], vs: int, ve: int, where: tuple) -> Field:
    s, e = clean_span(text, vs, ve)
    value = text[s:e]
    if is_blank(value):
        return Field(key, label, *span, Quote("", *span, label), *where)
    return Field(key, label, *span, Quote(value, s, e, label), *where)


def _column_header(grid: list[list[Cell]], i: int, cell: Cell) -> bool:
    """Whether a label cell heads a column rather than labelling the cell to its right.

    A column header shares its row with other cells and has a value below it (“任务 | 牵头单位 | 参与单位” over
    “… | 甲方 | …”).
    """
    if cell.table is None or i + 1 >= len(grid) or sum(bool(c.text.strip()) for c in grid[i]) < 2:
        return False
    below = next((c for c in grid[i + 1] if c.col == cell.col and c.table == cell.table), None)
    return below is not None and bool(below.text.strip()) and below.key not in FIELDS and below.key not in OTHER_LABELS


def form_fields(doc: ParsedDocument, grid: list[list[Cell]] | None = None, skip: frozenset[int] = frozenset()
                ) -> list[Field]:
    """Return every labelled field of a document (labels of :data:`FIELDS`), blank ones included.

    Args:
        doc: the document.
        grid: its rows (:func:`rows`), when already computed.
        skip: rows to leave out (a member table's, whose role column may say 牵头单位).
    """
    grid = rows(doc) if grid is None else grid
    text, tables = doc.text, _has_tables(doc)
    out: list[Field] = []
    for i, row in enumerate(grid):
        if i in skip:
            continue
        for j, cell in enumerate(row):
            key = FIELDS.get(cell.key)
            if key is not None and _column_header(grid, i, cell):
                continue
            if key is not None and (cell.table is not None or len(cell.text) <= 30):
                raw = text[cell.start : cell.end]
                label = raw.strip().rstrip(":：").strip()
                ls = cell.start + len(raw) - len(raw.lstrip())
                rest = [c for c in row[j + 1 :] if c.text.strip() or not tables]
                nxt = rest[0] if rest else None
                span, where = (ls, ls + len(label)), (cell.table, i)
                if nxt is not None and nxt.key not in FIELDS and nxt.key not in OTHER_LABELS:
                    out.append(_field(text, key, label, span, nxt.start, nxt.end, where))
                elif nxt is None and (cell.table is None or not tables) and (below := _next_value(grid, i, key)):
                    out.append(_field(text, key, label, span, below.start, below.end, where))
                else:
                    out.append(Field(key, label, *span, Quote("", *span, label), *where))
                continue
            pos, cut = cell.start, -1
            while (m := _COLON.search(text, pos, cell.end)) is not None:
                pos = m.end()
                key = FIELDS.get(label_key(m.group("label")))
                if key is None or m.start() not in (cell.start, cut) and text[m.start() - 1] not in "\n":
                    continue
                value_end = m.end("value")
                # Two labelled lines run together (a PDF's cover lines joined): the value ends at the next label.
                if (ahead := _LABEL_AHEAD.search(doc.norm, m.start("value"), value_end)) is not None:
                    value_end = pos = cut = ahead.start()
                ls = m.start("label") + len(m.group("label")) - len(m.group("label").lstrip())
                out.append(_field(text, key, m.group("label").strip(), (ls, m.end("label")), m.start("value"),
                                  value_end, (cell.table, i)))
    return out


def _next_value(grid: list[list[Cell]], i: int, key: str) -> Cell | None:
    """The value on the line after a label line, in a plain-text copy of a form."""
    for row in grid[i + 1 : i + 3]:
        filled = [c for c in row if c.text.strip()]
        if not filled:
            continue
        if len(filled) == 1 and filled[0].key not in FIELDS and filled[0].key not in OTHER_LABELS \
                and _plausible(key, filled[0].text.strip()):
            return filled[0]
        return None
    return None


# ------------------------------------------------------------------------------------------------------ members


@dataclass(frozen=True)
class Listed:
    """An organisation an attachment names, with what it says about it."""

    name: Quote
    uscc: Quote | None = None
    rep: Quote | None = None
    in_table: bool = False  # listed in the attachment's member table (not only named in a field)


@dataclass
class MemberTable:
    """An attachment's member table (004 附件1 五): where its header is, its filled rows and its blank rows."""

    header: Cell
    members: list[Listed] = field(default_factory=list)
    blank_rows: int = 0
    missing_uscc: list[Listed] = field(default_factory=list)
    rows: set[int] = field(default_factory=set)  # the grid rows it spans (header included)


_NAME_HEADER = re.compile(r"(?:成员|组建|参与|共建)?单位(?:名称|全称)|^成员单位$|^组建单位$")
_HEADER_WORDS = re.compile(r"序号|统一社会信用代码|地位|分工|角色|类型|法定代表人|简称")


def _is_header(row: list[Cell]) -> int | None:
    """Return the column of the name in a member-table header row, or None when the row is not one."""
    filled = [c for c in row if c.text.strip()]
    if len(filled) < 2 or any(USCC_LIKE.search(normalise(c.text)) or ORG_END.search(c.key) for c in filled):
        return None
    name = next((c for c in filled if _NAME_HEADER.search(c.key)), None)
    if name is None or not any(_HEADER_WORDS.search(c.key) for c in filled if c is not name) \
            and "统一社会信用代码" not in name.key:
        return None
    return name.col


def _split_name_cell(doc: ParsedDocument, cell: Cell) -> tuple[Quote | None, Quote | None]:
    """Return the name and the USCC written in one cell (“名称\\n代码”, “名称（代码）”, “名称 统一社会信用代码：…”)."""
    text, norm = doc.text, doc.norm
    code = USCC_LIKE.search(norm, cell.start, cell.end)
    uscc = Quote(text[code.start() : code.end()], code.start(), code.end(), "统一社会信用代码") if code else None
    best = None
    for m in re.finditer(r"[^\n\t:：;；,，]+", norm[cell.start : cell.end]):
        s, e = cell.start + m.start(), cell.start + m.end()
        if code is not None and s <= code.start() < e:
            e = code.start()
        piece = re.sub(r"统一社会信用代码|单位名称|名称", "", text[s:e])
        if re.search(r"[一-龥]{2,}", piece):
            s, e = clean_span(text, s, e)
            while e > s and text[e - 1] in "(（":
                e -= 1
            best = Quote(text[s:e], s, e, "成员单位名称")
            break
    return best, uscc


def member_table(doc: ParsedDocument, grid: list[list[Cell]] | None = None) -> MemberTable | None:
    """Return the first member table of a document (header with a name column, then one row per member)."""
    grid = rows(doc) if grid is None else grid
    for i, row in enumerate(grid):
        name_col = _is_header(row)
        if name_col is None:
            continue
        header = next(c for c in row if c.col == name_col)
        uscc_col = next((c.col for c in row if "统一社会信用代码" in c.key), name_col)
        rep_col = next((c.col for c in row if "法定代表人" in c.key), None)
        seq = next((c.col for c in row if "序号" in c.key), None)
        table = MemberTable(header, rows={i})
        for k, r in enumerate(grid[i + 1 :], i + 1):
            filled = [c for c in r if c.text.strip()]
            if not filled:
                continue
            first = filled[0]
            numbered = seq is not None and any(c.col == seq and re.fullmatch(r"\d{1,3}", c.text.strip()) for c in r)
            if first.table != header.table or first.table is None or seq is not None and not numbered:
                break
            if not numbered and (_SECTION.match(first.text) or any(c.key in FIELDS for c in filled)):
                break
            table.rows.add(k)
            by_col = {c.col: c for c in r}
            cell = by_col.get(name_col)
            name, code = _split_name_cell(doc, cell) if cell is not None and cell.text.strip() else (None, None)
            if name is None:
                table.blank_rows += 1
                continue
            if uscc_col != name_col and (uc := by_col.get(uscc_col)) is not None and uc.text.strip():
                s, e = clean_span(doc.text, uc.start, uc.end)
                code = Quote(doc.text[s:e], s, e, "统一社会信用代码")
            rep = None
            if rep_col is not None and (rc := by_col.get(rep_col)) is not None and rc.text.strip():
                s, e = clean_span(doc.text, rc.start, rc.end)
                rep = Quote(doc.text[s:e], s, e, "法定代表人")
            listed = Listed(name, code, rep, in_table=True)
            table.members.append(listed)
            if code is None:
                table.missing_uscc.append(listed)
        return table
    return None


def listed_orgs(fields: list[Field]) -> list[Listed]:
    """Return the organisations the fields name, each with the USCC and 法定代表人 fields that follow it.

    A following field belongs to the organisation when it is in the same table (“单位名称 | … | 统一社会信用代码 |
    …”), or within three lines outside tables.
    """
    out: list[Listed] = []
    current: dict | None = None
    at: tuple[int | None, int] = (None, 0)
    for f in fields:
        if f.key in {"org", "lead"}:
            if current is not None:
                out.append(Listed(**current))
            current = {"name": f.value, "uscc": None, "rep": None} if not f.value.blank else None
            at = (f.table, f.row)
        elif f.key in {"uscc", "rep"} and current is not None and not f.value.blank and f.table == at[0] \
                and (f.table is not None or f.row - at[1] <= 3) and current[f.key] is None:
            current[f.key] = f.value
    if current is not None:
        out.append(Listed(**current))
    return out


def count_value(value: str) -> int | None:
    """Return the number a 成员总数 field states, or None.

    >>> count_value("5"), count_value("五家"), count_value("若干") is None
    (5, 5, True)
    """
    m = re.search(r"[\d一二三四五六七八九十百两]+", normalise(value))
    return to_int(m.group()) if m else None
