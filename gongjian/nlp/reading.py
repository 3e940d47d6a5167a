"""Read an agreement (.docx, .pdf, .txt, .md) into one plain text with a map back to the source.

Every later step (structure, matching, evidence offsets, the annotated copy) works on ``RawDocument.text``; for
every block ``doc.text[b.start:b.end] == b.text``. The text keeps the document's own characters (traditional
characters are folded only for matching, by ``gongjian.contracts.text.normalise``), what Word displays for
automatic numbering and fields, and tracked changes as if accepted. For the annotated copy, ``docx_paragraphs``
maps a block's ``location`` back to its ``w:p`` and ``docx_runs`` lists the runs that ``Block.runs`` measures.

Tables come out alike from a .docx and from a PDF's ruled tables: one line per row, cells joined by a tab, a merged
cell once, a cell's paragraphs on separate lines (``table_rows`` rebuilds a PDF table from pdfplumber's cells). A
borderless table in a PDF (a signature page in two columns) is found by the gutter between its columns and read the
same way (``_column_regions``), not as lines that merge the cells side by side.
"""

from __future__ import annotations

import bisect
import re
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from lxml import etree

from gongjian import limits
from gongjian.errors import DocumentUnreadable, MissingDependency
from gongjian.files import read_head, shown_path
from gongjian.nlp.docx_numbering import Numbering, block_content, docx_runs, numbering_root, to_int, w, walk_runs, wval

__all__ = ["DTD_NOTE", "Block", "PdfCell", "PdfLine", "RawDocument", "TableCell", "docx_paragraphs", "docx_runs",
           "dtd_parts", "join_lines", "read_document", "read_text", "table_rows"]

SUPPORTED_SUFFIXES = (".docx", ".pdf", ".txt", ".md")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SAVE_AS_DOCX = "请用 Word 或 LibreOffice 打开后另存为 .docx"
_OLD_DOC = "这是旧版 Word（.doc）文件：{}", "请在 Word 或 LibreOffice 中另存为 .docx"
_NEED_OCR = "请用 OCR 软件转换为可检索的 PDF，或提供 .docx 原件"
_REEXPORT_PDF = "请重新导出 PDF，或提供 .docx 原件"


@dataclass(frozen=True)
class Block:
    """One paragraph, or one paragraph of a table cell, in body order.

    ``location`` finds the paragraph again: ``("body", i)`` for the i-th paragraph outside tables (content
    controls included), ``("table", t, row, col, j)`` for the j-th paragraph of the cell at grid column ``col`` of
    the t-th table (tables counted in body order, nested ones included), ``("page", n)`` for the PDF page a
    paragraph starts on (a PDF table cell's paragraph too, with its ``table``, ``row`` and ``col``: see
    ``table_rows``), ``("line", n)`` for text files. ``runs`` holds the offsets of each ``w:r`` of the
    paragraph in the order of ``docx_runs`` (empty spans for deleted or hidden runs).
    """

    kind: Literal["paragraph", "table-cell"]
    start: int
    end: int
    text: str
    label: str = ""
    style: str = ""
    table: int | None = None
    row: int | None = None
    col: int | None = None
    location: tuple = ()
    runs: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class RawDocument:
    """The extracted plain text of a document and its blocks (see the module docstring for the invariant)."""

    path: str
    format: Literal["docx", "pdf", "txt", "md"]
    text: str
    blocks: tuple[Block, ...]
    encoding: str | None = None
    warnings: tuple[str, ...] = ()


def too_large(name: str, what: str, limit: int, size: int | None = None, unit: str = "个") -> DocumentUnreadable:
    """Return the error for an input beyond one of the limits of ``gongjian.limits``."""
    return DocumentUnreadable(*limits.too_large(name, what, limit, size, unit))


#: A lone surrogate (from a PDF's broken ToUnicode map, or a caller's string) can be written by no encoder.
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Text:
    """Accumulates the text and its blocks so that offsets can only be right.

    Refuses a text longer than ``limits.MAX_CHARS`` as soon as it gets there, not after reading the rest.
    """

    def __init__(self, name: str = "") -> None:
        self.name = name
        self.parts: list[str] = []
        self.pos = 0
        self.blocks: list[Block] = []

    def write(self, s: str) -> None:
        s = _SURROGATE.sub("\ufffd", s)
        self.parts.append(s)
        self.pos += len(s)
        if self.pos > limits.MAX_CHARS:
            raise too_large(self.name, "字符", limits.MAX_CHARS)

    def block(self, text: str, runs: Sequence[tuple[int, int]] = (), **fields: Any) -> None:
        text = _SURROGATE.sub("\ufffd", text)  # one for one: offsets stay right
        start = self.pos
        self.write(text)
        if text.strip():
            spans = tuple((start + a, start + b) for a, b in runs)
            self.blocks.append(Block(start=start, end=self.pos, text=text, runs=spans, **fields))

    def document(self, path: str, fmt: str, encoding: str | None = None, warnings: Sequence[str] = ()) -> RawDocument:
        return RawDocument(path, fmt, "".join(self.parts), tuple(self.blocks), encoding, tuple(warnings))  # type: ignore[arg-type]


def read_document(path: str | Path) -> RawDocument:
    """Read a .docx, .pdf, .txt or .md file into plain text and blocks.

    The format is taken from the file's content where it is unambiguous (a .docx that is really a PDF is read as
    a PDF, with a warning), otherwise from the extension.

    Args:
        path: the file to read.

    Returns:
        The document's text, blocks in body order, the detected encoding (text files) and warnings.

    Raises:
        DocumentUnreadable: the file is missing, a folder, empty, an old .doc, encrypted, corrupt, a suspected zip
            bomb, a PDF without a text layer, or of an unsupported type.
        MissingDependency: a PDF was given and pdfplumber (extra ``pdf``) is not installed.
    """
    p, name = Path(path), shown_path(path)
    if not p.exists():
        raise DocumentUnreadable(f"找不到文件：{name}", "请检查路径和文件名是否正确")
    if p.is_dir():
        raise DocumentUnreadable(f"这是一个文件夹，不是文件：{name}", "请指定其中的某个文件")
    suffix = p.suffix.lower()
    if suffix not in (*SUPPORTED_SUFFIXES, ".doc"):
        raise DocumentUnreadable(f"不支持的文件类型：{suffix or '无扩展名'}（{shown_path(p.name)}）",
                                 "支持的格式：.docx .pdf .txt .md；请另存为其中一种")
    head, size = read_head(p, name)
    if size == 0:
        raise DocumentUnreadable(f"文件为空（0 字节）：{name}", "请确认文件已完整保存或下载，再重新导出")
    if head.startswith(_OLE2) and suffix != ".doc":  # a password-protected .docx is an OLE2 container
        if "EncryptedPackage".encode("utf-16-le") in head or "EncryptionInfo".encode("utf-16-le") in head:
            raise DocumentUnreadable(f"文件已加密（设置了打开密码）：{name}", "请在 Word 中取消密码后另存为 .docx")
        raise DocumentUnreadable(f"文件已加密或为旧版 .doc：{name}", "请在 Word 中取消密码并另存为 .docx")
    kind = "pdf" if b"%PDF-" in head[:1024] else "docx" if head.startswith(b"PK\x03\x04") else suffix.lstrip(".")
    if kind == "doc":
        raise DocumentUnreadable(_OLD_DOC[0].format(name), _OLD_DOC[1])
    warnings = [f"扩展名为 {suffix}，但内容是 {kind.upper()}，已按其读取"] if kind != suffix[1:] else []
    if kind == "docx":
        doc = _read_docx(p, name, warnings)
    elif kind == "pdf":
        doc = _read_pdf(p, name, warnings)
    elif size > limits.MAX_TEXT_BYTES:
        raise too_large(name, "大小", limits.MAX_TEXT_BYTES, size, "字节")
    else:
        text, encoding, notes = _decode(p.read_bytes(), name)
        doc = _lines(text, name, kind, encoding, [*warnings, *notes])
    if not _READABLE.search(doc.text):
        raise DocumentUnreadable(f"没有可审查的文字：{name}",
                                 "文件中只有空白、控制字符或图片；请确认文件已完整保存，扫描件请先用 OCR 转换")
    return doc


#: A character a reader can read: not white space, not a control or format character, not U+FFFD (what an
#: undecodable byte became).
_READABLE = re.compile(r"[^\s\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufffd]")


def read_text(text: str, name: str = "<text>") -> RawDocument:
    r"""Wrap a plain string as a document: line ends normalised to ``\n``, one block per non-blank line.

    Args:
        text: the agreement's text.
        name: what to call it in reports.

    Returns:
        A ``RawDocument`` of format ``txt``.
    """
    return _lines(_unify_newlines(text), name, "txt", None, [])


def _unify_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _lines(text: str, name: str, fmt: str, encoding: str | None, warnings: list[str]) -> RawDocument:
    if len(text) > limits.MAX_CHARS:  # before splitting 2 million lines into blocks
        raise too_large(name, "字符", limits.MAX_CHARS, len(text))
    out = _Text(name)
    for i, line in enumerate(text.split("\n")):
        if i:
            out.write("\n")
        out.block(line, kind="paragraph", location=("line", i))
    return out.document(name, fmt, encoding, warnings)


# Detections kept as they are; anything else (gb2312, gbk, or an exotic guess) is read as GB18030 if it decodes.
_KEEP_AS_DETECTED = {"big5", "big5hkscs", "cp950", "utf_16", "utf_16_le", "utf_16_be", "utf_32"}


def _decode(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """Decode a text file by its content: UTF-8 (BOM stripped), else the detected encoding, preferring GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _unify_newlines(data[3:].decode("utf-8", errors="replace")), "utf-8-sig", []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _unify_newlines(data.decode("utf-16", errors="replace")), "utf-16", ["检测到文本编码 UTF-16"]
    try:
        return _unify_newlines(data.decode("utf-8")), "utf-8", []
    except UnicodeDecodeError:
        pass
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    guess = best.encoding.lower() if best is not None else None
    candidates = [guess] if guess in _KEEP_AS_DETECTED else []
    candidates.append("gb18030")  # contracts here are Chinese: an exotic guess (cp949, latin-1) loses to GB18030
    for encoding in candidates:
        try:
            return _unify_newlines(data.decode(encoding)), encoding, [f"检测到文本编码 {encoding.upper()}"]
        except (UnicodeDecodeError, LookupError):
            continue
    if guess:
        text = data.decode(guess, errors="replace")
        return _unify_newlines(text), guess, [f"检测到文本编码 {guess.upper()}（部分字符无法解码）"]
    raise DocumentUnreadable(f"无法识别文本编码：{name}", "请用记事本或其他编辑器另存为 UTF-8 编码")


# --- .docx -----------------------------------------------------------------------------------------------------


@dataclass
class _Para:
    location: tuple
    cell: tuple[int, int, int] | None
    text: str = ""
    runs: list[tuple[int, int]] = field(default_factory=list)
    label: str = ""
    style: str = ""
    dropped: bool = False


class _DocxReader:
    """Builds the tree of paragraphs and tables in body order, then writes it out as text."""

    def __init__(self, numbering: Numbering, style_names: dict[str, str], default_style: str, name: str = "") -> None:
        self.name = name
        self.chars = 0  # characters read so far, and table rows: refused past the limits, not after the end
        self.rows = 0
        self.numbering = numbering
        self.style_names = style_names
        self.default_style = default_style
        self.fields: list[bool] = []  # complex fields open here; True once past `separate` (the shown result)
        self.counts: Counter[str] = Counter()
        self.tables = 0
        self.body_paragraphs = 0
        self.elements: dict[tuple, etree._Element] = {}  # location → w:p, for docx_paragraphs

    def items(self, container: etree._Element, cell: tuple[int, int, int] | None = None) -> list:
        out: list = []
        j = 0
        for el in block_content(container):
            if el.tag == w("tbl"):
                out.append(self.table(el))
                continue
            if cell is None:
                location, self.body_paragraphs = ("body", self.body_paragraphs), self.body_paragraphs + 1
            else:
                location, j = ("table", *cell, j), j + 1
            self.elements[location] = el
            out.append(self.paragraph(el, location, cell))
        return out

    def table(self, tbl: etree._Element) -> list[list[list]]:
        """Return the table as rows of cells of items (paragraphs and nested tables)."""
        index, rows = self.tables, []
        self.tables += 1
        for r, tr in enumerate(block_content(tbl, (w("tr"),))):
            trpr = tr.find(w("trPr"))
            if trpr is not None and trpr.find(w("del")) is not None:
                self.counts["del"] += 1
                continue
            if trpr is not None and trpr.find(w("ins")) is not None:
                self.counts["ins"] += 1
            self.rows += 1
            if self.rows > limits.MAX_TABLE_ROWS:
                raise too_large(self.name, "表格行数", limits.MAX_TABLE_ROWS, unit="行")
            col = to_int(wval(trpr.find(w("gridBefore"))), 0) if trpr is not None else 0
            cells: list[list] = []
            for tc in block_content(tr, (w("tc"),)):
                tcpr = tc.find(w("tcPr"))
                span = to_int(wval(tcpr.find(w("gridSpan"))), 1) if tcpr is not None else 1
                vmerge = tcpr.find(w("vMerge")) if tcpr is not None else None
                # A vertically merged cell continues the cell above: the same cell, read once, where it starts.
                if vmerge is None or wval(vmerge) == "restart":
                    cells.append(self.items(tc, (index, r, col)))
                col += span
            rows.append(cells)
        return rows

    def paragraph(self, p: etree._Element, location: tuple, cell: tuple[int, int, int] | None) -> _Para:
        node = _Para(location, cell)
        parts: list[str] = []
        pos = 0
        for el, shown in walk_runs(p):
            if el.tag != w("r"):
                key = {"ins": "ins", "del": "del"}.get(etree.QName(el).localname, "move")
                if not (key == "move" and el.tag == w("moveFrom")):
                    self.counts[key] += 1
                continue
            text = self.run_text(el, shown)
            parts.append(text)
            node.runs.append((pos, pos + len(text)))
            pos += len(text)
        node.text = "".join(parts)
        self.chars += len(node.text)
        if self.chars > limits.MAX_CHARS:
            raise too_large(self.name, "字符", limits.MAX_CHARS)
        # A field's instruction never crosses a paragraph; dropping unfinished ones keeps a stray `begin` from
        # hiding the rest of the document. Results (a table of contents) may span paragraphs and stay open.
        self.fields = [f for f in self.fields if f]
        mark = p.find(f"{w('pPr')}/{w('rPr')}")
        if mark is not None and (mark.find(w("del")) is not None or mark.find(w("moveFrom")) is not None):
            node.dropped = not node.text  # an emptied paragraph whose mark is deleted disappears on accepting
        if node.dropped:
            return node
        style_id = wval(p.find(f"{w('pPr')}/{w('pStyle')}"))
        node.style = self.style_names.get(style_id, style_id) if style_id else self.default_style
        numbered = self.numbering.label(p)
        if numbered:
            node.label, suffix = numbered
            prefix = node.label + suffix
            node.text = prefix + node.text
            node.runs = [(a + len(prefix), b + len(prefix)) for a, b in node.runs]
        return node

    def run_text(self, r: etree._Element, shown: bool) -> str:
        vanish = r.find(f"{w('rPr')}/{w('vanish')}")
        hidden = vanish is not None and wval(vanish) not in ("0", "false", "off")
        out = []
        for c in r.iterchildren():
            tag = c.tag
            if tag == w("fldChar"):
                kind = c.get(w("fldCharType"))
                if kind == "begin":
                    self.fields.append(False)
                elif kind == "separate" and self.fields:
                    self.fields[-1] = True
                elif kind == "end" and self.fields:
                    self.fields.pop()
            elif not shown or not all(self.fields):
                continue
            elif tag == w("t"):
                out.append(c.text or "")
            elif tag in (w("tab"), w("ptab")):
                out.append("\t")
            elif tag in (w("br"), w("cr")):
                out.append("\n")
            elif tag == w("noBreakHyphen"):
                out.append("-")
        if hidden and out:
            self.counts["hidden"] += 1
            return ""
        return "".join(out)

    def write(self, items: list, out: _Text, sep: str = "\n") -> None:
        for i, item in enumerate(x for x in items if not (isinstance(x, _Para) and x.dropped)):
            if i:
                out.write(sep)
            if isinstance(item, _Para):
                table, row, col = item.cell or (None, None, None)
                out.block(item.text, item.runs, kind="table-cell" if item.cell else "paragraph", label=item.label,
                          style=item.style, table=table, row=row, col=col, location=item.location)
                continue
            for k, cells in enumerate(item):
                if k:
                    out.write("\n")
                for c, cell_items in enumerate(cells):
                    if c:
                        out.write("\t")
                    self.write(cell_items, out)

    def warnings(self) -> list[str]:
        c, notes = self.counts, []
        if c["ins"] or c["del"] or c["move"]:
            moved = f"、{c['move']} 处移动" if c["move"] else ""
            notes.append(f"已接受修订：{c['ins']} 处插入、{c['del']} 处删除{moved}")
        if c["hidden"]:
            notes.append(f"忽略隐藏文字 {c['hidden']} 处")
        return notes


def _open_docx(path: Path, name: str) -> Any:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except Exception as exc:  # BadZipFile, a truncated central directory, a bad zip64 record …
        raise DocumentUnreadable(f"文件已损坏，不是有效的 Word 文档：{name}", _SAVE_AS_DOCX) from exc
    if len(infos) >= limits.MAX_ENTRIES or sum(i.file_size for i in infos) >= limits.MAX_UNCOMPRESSED:
        raise DocumentUnreadable(f"文件过大或疑似压缩炸弹：{name}", "解压后超过 200 MB 或条目过多；请确认文件来源")
    # The XML parts are parsed into memory whole (several times their size): a part that inflates to hundreds of
    # megabytes (pictures aside) is refused before it is inflated.
    xml = sum(i.file_size for i in infos if i.filename.lower().endswith((".xml", ".rels")))
    if xml > limits.MAX_XML_BYTES:
        mb = 1024 * 1024
        raise too_large(name, "解压后的文档内容（XML）", limits.MAX_XML_BYTES // mb, -(-xml // mb), "MB")
    if not any(re.fullmatch(r"word/document\d*\.xml", i.filename) for i in infos):
        raise DocumentUnreadable(f"不是有效的 Word 文档（缺少 word/document.xml）：{name}", _SAVE_AS_DOCX)
    import docx  # python-docx parses with entity resolution off

    try:
        return docx.Document(str(path))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml and zip errors for broken packages
        raise DocumentUnreadable(f"不是有效的 Word 文档：{name}（{type(exc).__name__}）", _SAVE_AS_DOCX) from exc


def _read_docx(path: Path, name: str, warnings: list[str]) -> RawDocument:
    document = _open_docx(path, name)
    from docx.enum.style import WD_STYLE_TYPE

    styles = document.styles
    names = {s.style_id: s.name for s in styles if s.type == WD_STYLE_TYPE.PARAGRAPH and s.style_id}
    default = styles.default(WD_STYLE_TYPE.PARAGRAPH)
    reader = _DocxReader(Numbering(numbering_root(document), styles.element), names,
                         default.name if default is not None else "", name)
    body = document.element.body
    out = _Text(name)
    reader.write(reader.items(body), out)
    notes = reader.warnings()
    if body.find(f".//{w('altChunk')}") is not None:
        notes.append("文档包含嵌入的外部内容（altChunk），未读取")
    if dtd_parts(document):
        notes.append(DTD_NOTE)
    return out.document(name, "docx", None, [*warnings, *notes])


DTD_NOTE = "文档含有 XML 文档类型声明（DOCTYPE），Word 不会打开这样的文件；其中的实体引用未展开，相应文字未读取"


def dtd_parts(document: Any) -> list[str]:
    """Return the parts of a python-docx ``Document`` that declare a DTD (``<!DOCTYPE …>``): ``/word/document.xml`` ….

    Word refuses such a file, and its entities are left unresolved here (no XXE): the text they stand for is not
    read, and a copy written from it would reference entities that are no longer declared.
    """
    parts = []
    for part in document.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is not None and element.getroottree().docinfo.doctype:
            parts.append(str(part.partname))
    return parts


def docx_paragraphs(document: Any) -> dict[tuple, etree._Element]:
    """Map each ``Block.location`` of a .docx to its ``w:p`` element, for annotating the original file.

    Args:
        document: a python-docx ``Document`` of the same file that ``read_document`` read.

    Returns:
        Every paragraph's location (including empty ones, which have no block) → its element.
    """
    reader = _DocxReader(Numbering(None, None), {}, "")
    reader.items(document.element.body)
    return reader.elements


# --- .pdf ------------------------------------------------------------------------------------------------------

_ENDS_SENTENCE = "。；：！？;:!?）)】」』〕"
_STARTS_ITEM = re.compile(
    r"\s*(?:第[一二三四五六七八九十百千零〇两\d]+[条章节款部编]"
    r"|[一二三四五六七八九十]+[、.．]"
    r"|[（(][一二三四五六七八九十\d]+[）)]"
    r"|\d+(?:[.．]\d+)*[、.．](?!\d)|\d+(?:\.\d+)+\s"
    r"|[①-⑳]|(?:Article|Section|Clause)\s+\d+"
    r"|[甲乙丙丁戊己庚辛壬癸]方[：:（(]"
    r"|(?:牵头单位|成员单位|单位名称|法定代表人|委托代理人|授权代表|地址|住所|联系人|电话|(?:签署|签订|签约)?日期|签字|盖章)[^：:，。]{0,6}[：:])")
_PAGE_NUMBER = re.compile(r"[-—–\s]*\d{1,4}[-—–\s]*|第\s*\d+\s*页.{0,8}|\d+\s*/\s*\d+|Page \d+.{0,8}", re.IGNORECASE)


def _groups(lines: Sequence[str], short: Sequence[bool] | None = None) -> list[list[int]]:
    groups: list[list[int]] = []
    joinable = False
    for i, line in enumerate(lines):
        text = line.strip()
        if not text:
            joinable = False
            continue
        if joinable and not _STARTS_ITEM.match(text):
            groups[-1].append(i)
        else:
            groups.append([i])
        joinable = not text.endswith(tuple(_ENDS_SENTENCE)) and not (short is not None and short[i])
    return groups


def _join(lines: Sequence[str], cell: bool = False) -> str:
    out, previous = "", ""
    for line in (ln.strip() for ln in lines):
        # In a table cell a code longer than the cell (a USCC, a patent number) is broken at the cell's edge, not
        # at a space: a line that is one Latin token runs on into the next with no space.
        broken = cell and re.fullmatch(r"[!-~]+", previous) is not None
        space = out and not broken and re.match(r"[A-Za-z0-9,.)]", out[-1]) and re.match(r"[A-Za-z0-9(]", line)
        out += (" " if space else "") + line
        previous = line
    return out


def join_lines(lines: Sequence[str], short: Sequence[bool] | None = None) -> list[str]:
    """Rebuild paragraphs from the lines of a PDF page: a wrapped Chinese line joins the next with no space.

    A line joins the next unless it ends a sentence (。；：！？;:!? or a closing bracket), is blank, is marked
    ``short`` (it stops well before the right margin), or the next line starts an article or list item (第X条,
    一、, （一）, 1., 甲方：…). Two Latin words meeting at the wrap get a space.

    Args:
        lines: the page's lines, in reading order.
        short: for each line, whether it ends before the right margin (None: unknown).

    Returns:
        The paragraphs.

    >>> join_lines(["第一条 甲方应当按照本协议约定承担研发", "任务，并按期提交成果。", "（一）乙方负责测试。"])
    ['第一条 甲方应当按照本协议约定承担研发任务，并按期提交成果。', '（一）乙方负责测试。']
    """
    return [_join([lines[i] for i in g]) for g in _groups(lines, short)]


def _is_password_error(exc: BaseException, depth: int = 0) -> bool:
    """Whether pdfminer's password / encryption error is behind ``exc`` (pdfplumber wraps it)."""
    if re.search("password|encrypt", type(exc).__name__, re.IGNORECASE):
        return True
    inner = [e for e in (exc.__cause__, exc.__context__, *exc.args) if isinstance(e, BaseException)]
    return depth < 5 and any(_is_password_error(e, depth + 1) for e in inner)


@dataclass(frozen=True)
class PdfLine:
    """A line of a PDF page as pdfplumber extracts it: its text, horizontal extent, font size, page and top."""

    text: str
    x0: float
    x1: float
    size: float = 0.0
    page: int = 0
    top: float = 0.0
    parts: tuple[PdfLine, ...] = ()  # the pieces between gaps of at least _GUTTER em, when there are several


@dataclass(frozen=True)
class PdfCell:
    """A table cell on one page: pdfplumber's cell box and the lines of the chars centred in it.

    Only the box's horizontal extent is kept: it bounds the lines' width (``table_rows``).
    """

    x0: float
    x1: float
    lines: tuple[PdfLine, ...] = ()


@dataclass
class TableCell:
    """A cell of a table read from a PDF: its column and its paragraphs (text, page they start on)."""

    col: int
    paragraphs: list[tuple[str, int]] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Return the cell's text as it is written out: its paragraphs on separate lines."""
        return "\n".join(t for t, _ in self.paragraphs)


@dataclass
class _PdfTable:
    """A table as pdfplumber finds it on one or more pages (a table continued on the next page is one table)."""

    x0: float
    x1: float
    segments: list[list[list[PdfCell | None]]]


def _column_starts(xs: Sequence[float], tolerance: float = 2.0) -> list[float]:
    starts: list[float] = []
    for x in sorted(xs):
        if not starts or x - starts[-1] > tolerance:
            starts.append(x)
    return starts


def _cell_paragraphs(lines: Sequence[tuple[PdfLine, bool]]) -> list[tuple[str, int]]:
    """Join a cell's lines (each with whether it stops short of the cell's edge) into paragraphs.

    A line ends its paragraph only when it stops short and ends a sentence or the next line starts an item
    (法定代表人：…): narrow cells wrap anywhere, even after a full stop.
    """
    groups: list[list[PdfLine]] = []
    for i, (line, _) in enumerate(lines):
        if i:
            previous, short = lines[i - 1]
            ends = previous.text.rstrip().endswith(tuple(_ENDS_SENTENCE)) or _STARTS_ITEM.match(line.text)
            if not (short and ends):
                groups[-1].append(line)
                continue
        groups.append([line])
    return [(_join([ln.text for ln in g], cell=True), g[0].page) for g in groups]


def table_rows(segments: Sequence[Sequence[Sequence[PdfCell | None]]]) -> list[list[TableCell]]:
    """Return a PDF table as rows of cells, as the .docx reader has them.

    ``segments`` are the table's parts on successive pages, each pdfplumber's rows of cells (None where a merged
    cell covers the grid position: such a cell is read once, where it starts). Columns are numbered on the grid of
    all the parts' cell edges. A repeated heading row on a later page is dropped; a row broken across the page (the
    next part's first row leaves empty a cell the last row filled, and fills none that it left empty) is joined
    back. In a cell, wrapped lines are joined as Chinese text is (no space; a code broken at the cell's edge is
    joined without one), and a line that stops short and ends a sentence or precedes an item ends a paragraph.

    Args:
        segments: the table's parts, each a list of rows of ``PdfCell`` or None.

    Returns:
        The rows, each a list of ``TableCell`` (empty cells included, with no paragraph).

    >>> cell = lambda x0, x1, *lines: PdfCell(x0, x1, tuple(PdfLine(t, x0 + 5, x0 + 5 + w, 10) for t, w in lines))
    >>> page1 = [[cell(0, 60, ("甲方", 20)), cell(60, 120, ("重庆示例电子有", 50), ("限公司", 30))]]
    >>> page2 = [[cell(0, 60), cell(60, 120, ("91500000MA5Y", 50), ("K3R73U", 30))]]
    >>> [[c.text for c in row] for row in table_rows([page1, page2])]
    [['甲方', '重庆示例电子有限公司91500000MA5YK3R73U']]
    """
    parts = [[[c for c in row if c is not None] for row in seg] for seg in segments]
    parts = [[row for row in seg if row] for seg in parts]
    cells = [c for seg in parts for row in seg for c in row]
    pads = [ln.x0 - c.x0 for c in cells for ln in c.lines if ln.x0 >= c.x0]
    pad = min(pads, default=0.0)  # the cells' inner margin (centred cells have more; the smallest is the margin)
    starts = _column_starts([c.x0 for c in cells])

    def col(c: PdfCell) -> int:
        return max(0, bisect.bisect_right(starts, c.x0 + 2.0) - 1)

    def lines(c: PdfCell) -> list[tuple[PdfLine, bool]]:
        room = c.x1 - c.x0 - 2 * pad
        return [(ln, ln.x1 - ln.x0 < room - (ln.size or 10.0)) for ln in c.lines]

    def text(row: dict[int, list[tuple[PdfLine, bool]]]) -> list[str]:
        return [_join([ln.text for ln, _ in row[k]], cell=True) for k in sorted(row)]

    rows: list[dict[int, list[tuple[PdfLine, bool]]]] = []
    for k, seg in enumerate(parts):
        seg_rows = [{col(c): lines(c) for c in row} for row in seg]
        if k and seg_rows and rows and text(seg_rows[0]) == text(rows[0]) and any(text(rows[0])):
            seg_rows.pop(0)  # the heading row repeated on the new page
        if k and seg_rows and rows:
            last, first = rows[-1], seg_rows[0]
            if set(last) == set(first) and any(first.values()) \
                    and any(last[c] and not first[c] for c in first) and all(last[c] for c in first if first[c]):
                for c in first:
                    last[c] = last[c] + first[c]
                seg_rows.pop(0)
        rows += seg_rows
    return [[TableCell(c, _cell_paragraphs(row[c])) for c in sorted(row)] for row in rows]


_MIN_TABLE_CELLS = 2  # a single ruled box (a page frame, a boxed note) is not read as a table


_GUTTER = 0.8  # a gap between two characters of a line at least this many em wide separates columns
_X_TOLERANCE = 3.0  # pdfplumber's: a wider gap inside a column is a space


def _line(ln: dict, page_no: int) -> PdfLine:
    size = max((c.get("size", 0) for c in ln["chars"]), default=0)
    pieces: list[list[dict]] = []
    for ch in sorted(ln["chars"], key=lambda c: c["x0"]):
        if pieces:
            last = pieces[-1][-1]
            if ch["x0"] - last["x1"] < _GUTTER * max(ch.get("size", 0), last.get("size", 0), 1.0):
                pieces[-1].append(ch)
                continue
        pieces.append([ch])
    parts: tuple[PdfLine, ...] = ()
    if len(pieces) > 1:
        parts = tuple(PdfLine(_chars_text(p), p[0]["x0"], max(c["x1"] for c in p),
                              max(c.get("size", 0) for c in p), page_no, ln["top"]) for p in pieces)
        parts = tuple(p for p in parts if p.text.strip())
    return PdfLine(ln["text"], ln["x0"], ln["x1"], size, page_no, ln["top"], parts if len(parts) > 1 else ())


def _chars_text(chars: Sequence[dict]) -> str:
    """Join a piece of a line's characters as pdfplumber joins words: a space where they stand apart."""
    out = ""
    for i, ch in enumerate(chars):
        if i and ch["x0"] - chars[i - 1]["x1"] > _X_TOLERANCE and not out.endswith(" ") and ch["text"] != " ":
            out += " "
        out += ch["text"]
    return out.strip()


_ORDINALS = re.compile(r"[甲乙丙丁戊己庚辛壬癸一二三四五六七八九十\d]+")


def _row_head(text: str) -> str:
    """What a borderless table's rows begin with alike: the label before the colon, its ordinals folded.

    >>> _row_head("甲方（公章）：重庆翎川车规电子股份") == _row_head("丙方（公章）：重庆驰远新能源汽车有")
    True
    """
    head = re.split(r"[:：]", text, maxsplit=1)[0] if re.search(r"[:：]", text[:20]) else text
    return _ORDINALS.sub("#", re.sub(r"\s+", "", head))


def _column_regions(items: list[PdfLine | _PdfTable], right: float) -> list[PdfLine | _PdfTable]:
    """Read a borderless table (a signature page laid out in two columns) as a table, not as merged lines.

    pdfplumber joins characters at the same height into one line, so the cells of a row of a borderless table come
    out as one line: ``甲方（公章）：… 乙方（公章）：…``. A region is a run of lines (across pages) that starts
    with a line split by a gutter (a gap of at least ``_GUTTER`` em), holds another split at the same place, and
    has no line crossing the gutter; each line's pieces go to the columns the gutters divide. Rows start where the
    first filled column begins as the region's first line began (``甲方（公章）：`` … ``丙方（公章）：``); the region is
    then read as the .docx reader reads the table: a cell's lines joined as paragraphs, cells TAB-joined.
    """
    out: list[PdfLine | _PdfTable] = []
    i = 0
    while i < len(items):
        item = items[i]
        region = _column_region(items, i) if isinstance(item, PdfLine) and item.parts else None
        if region is None:
            out.append(item)
            i += 1
            continue
        gutters, end = region
        out.append(_region_table(items[i:end], gutters, right))  # type: ignore[arg-type]
        i = end
    return out


_REGION_REACH = 40  # lines a region reaches past its last split line (keeps the scan linear)


def _column_region(items: Sequence[PdfLine | _PdfTable], i: int) -> tuple[list[float], int] | None:
    """Return the gutters and the end of the region that the split line ``items[i]`` opens, or None."""
    first = items[i]
    assert isinstance(first, PdfLine)
    gutters = [p.x0 for p in first.parts[1:]]

    def fits(line: PdfLine) -> bool:
        margin = (line.size or 10.0) / 4
        return not any(p.x0 < g - margin and p.x1 > g + margin for p in (line.parts or (line,)) for g in gutters)

    end, last_split = i + 1, i
    while end < len(items) and end - last_split <= _REGION_REACH and isinstance(line := items[end], PdfLine) \
            and fits(line):
        if any(abs(p.x0 - gutters[0]) <= 2 for p in line.parts[1:]):
            last_split = end
        end += 1
    return (gutters, end) if last_split > i else None


def _region_table(lines: Sequence[PdfLine], gutters: Sequence[float], right: float) -> _PdfTable:
    columns = len(gutters) + 1

    def column(part: PdfLine) -> int:
        return bisect.bisect_right(gutters, part.x0 + (part.size or 10.0) / 4)

    placed: list[dict[int, list[PdfLine]]] = []
    for line in lines:
        by_column: dict[int, list[PdfLine]] = {}
        for part in line.parts or (line,):
            by_column.setdefault(column(part), []).append(part)
        placed.append(by_column)
    # A column reaches half an em short of the next one's start (the last one, the text's right margin): a line
    # that stops well before that ends a paragraph, as in a ruled table's cell.
    pieces = [[p for row in placed for p in row.get(c, ())] for c in range(columns)]
    em = max(p.size for ps in pieces for p in ps) or 10.0
    starts = [min((p.x0 for p in ps), default=edge) for ps, edge in zip(pieces, [0.0, *gutters], strict=True)]
    ends = [*(g - em / 2 for g in gutters), max([right, *(p.x1 for p in pieces[-1])])]
    bounds = list(zip(starts, ends, strict=True))
    head = _row_head(placed[0][min(placed[0])][0].text)
    rows: list[list[list[PdfLine]]] = []
    for by_column in placed:
        if not rows or _row_head(by_column[min(by_column)][0].text) == head:
            rows.append([[] for _ in range(columns)])
        for c, parts in by_column.items():
            size = max(p.size for p in parts)
            text = " ".join(p.text for p in parts)
            rows[-1][c].append(PdfLine(text, parts[0].x0, parts[-1].x1, size, parts[0].page, parts[0].top))
    cells = [[PdfCell(*bounds[c], tuple(row[c])) for c in range(columns)] for row in rows]
    return _PdfTable(bounds[0][0], bounds[-1][1], [cells])


def _page_items(page: Any, page_no: int, notes: list[str]) -> list[PdfLine | _PdfTable]:
    """Return a page's text lines outside tables and its ruled tables, in reading order (top to bottom).

    Tables are found from their rules (pdfplumber's ``lines`` strategy: what Word and LibreOffice draw for table
    borders). Borderless tables are read as text: the ``text`` strategy takes ordinary paragraphs for tables.
    """
    try:
        found = page.find_tables()
    except Exception:  # table detection is a refinement: a page it fails on is read as text
        found = []
        notes.append(f"第{page_no + 1}页的表格无法识别，已按正文读取")
    tables = [t for t in found if sum(c is not None for row in t.rows for c in row.cells) >= _MIN_TABLE_CELLS]
    if not tables:
        return [_line(ln, page_no) for ln in page.extract_text_lines() if ln["text"].strip()]
    import pdfplumber

    boxes = [t.bbox for t in tables]

    def table_of(obj: dict) -> int | None:
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return next((k for k, (x0, top, x1, bottom) in enumerate(boxes) if x0 <= x <= x1 and top <= y <= bottom), None)

    inside: dict[int, list[dict]] = {k: [] for k in range(len(tables))}
    for ch in page.chars:
        if (k := table_of(ch)) is not None:
            inside[k].append(ch)
    outside = page.filter(lambda obj: obj.get("object_type") != "char" or table_of(obj) is None)
    items: list[tuple[float, PdfLine | _PdfTable]] = [
        (ln["top"], _line(ln, page_no)) for ln in outside.extract_text_lines() if ln["text"].strip()]
    for k, table in enumerate(tables):
        rows: list[list[PdfCell | None]] = []
        for row in table.rows:
            cells: list[PdfCell | None] = []
            for box in row.cells:
                if box is None:
                    cells.append(None)
                    continue
                x0, top, x1, bottom = box
                chars = [ch for ch in inside[k]
                         if x0 <= (ch["x0"] + ch["x1"]) / 2 <= x1 and top <= (ch["top"] + ch["bottom"]) / 2 <= bottom]
                in_cell = pdfplumber.utils.chars_to_textmap(chars).extract_text_lines(strip=True) if chars else []
                cells.append(PdfCell(x0, x1, tuple(_line(ln, page_no) for ln in in_cell if ln["text"].strip())))
            rows.append(cells)
        if any(c is not None and c.lines for row in rows for c in row):  # an empty grid holds nothing to read
            items.append((table.bbox[1], _PdfTable(table.bbox[0], table.bbox[2], [rows])))
    return [item for _, item in sorted(items, key=lambda t: t[0])]


class _PdfLimit(Exception):
    """A PDF beyond a limit of ``gongjian.limits`` (raised inside pdfplumber, re-raised as DocumentUnreadable)."""

    def __init__(self, error: DocumentUnreadable) -> None:
        super().__init__(error.message)
        self.error = error


def _check_pdf_size(pdf: Any, name: str) -> None:
    """Refuse a PDF with too many pages, or a stream that would inflate beyond ``limits.MAX_STREAM_BYTES``.

    pdfminer inflates a stream whole when it reads it: a flate bomb of a few kilobytes takes gigabytes. Every
    flate stream that text extraction may read (all but pictures, which are never decoded) is inflated here once,
    in bounded pieces, before pdfminer sees it.
    """
    import itertools
    import zlib

    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream
    from pdfminer.psparser import LIT

    pages = sum(1 for _ in itertools.islice(PDFPage.create_pages(pdf.doc), limits.MAX_PAGES + 1))
    if pages > limits.MAX_PAGES:
        raise _PdfLimit(too_large(name, "页数", limits.MAX_PAGES, unit="页"))
    image = LIT("Image")
    for xref in pdf.doc.xrefs:
        for objid in xref.get_objids():
            try:
                obj = pdf.doc.getobj(objid)
            except Exception:  # noqa: BLE001 - a broken object is pdfminer's to report, if it is ever read
                continue
            if not isinstance(obj, PDFStream) or obj.rawdata is None or obj.get("Subtype") is image:
                continue
            filters = [f for f, _ in obj.get_filters()]
            if not any(f in LITERALS_FLATE_DECODE for f in filters):
                continue
            data = obj.rawdata
            if obj.decipher is not None:
                data = obj.decipher(objid, obj.genno or 0, data, obj.attrs)
            inflate, size = zlib.decompressobj(), 0
            try:
                while data and size <= limits.MAX_STREAM_BYTES:
                    size += len(inflate.decompress(data, limits.MAX_STREAM_BYTES + 1 - size))
                    data = inflate.unconsumed_tail
            except zlib.error:
                continue  # pdfminer reads what it can of a corrupt stream
            if size > limits.MAX_STREAM_BYTES:
                mb = 1024 * 1024
                raise _PdfLimit(too_large(name, "解压后的数据流", limits.MAX_STREAM_BYTES // mb, unit="MB"))


def _page_layout(page: Any, name: str, drawn: int) -> int:
    """Lay out a page as pdfplumber would, refusing it past the characters limits; return the characters drawn.

    pdfminer keeps an object of about 1 KB for each character drawn: a string of 10 million characters in a
    content stream of a few kilobytes would take 10 GB. ``drawn`` counts the characters of the pages before
    (``limits.MAX_PDF_CHARS``). The layout is stored where pdfplumber keeps it.
    """
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    class Counting(PDFPageAggregatorWithMarkedContent):
        chars = 0

        def render_char(self, *args: Any, **kwargs: Any) -> float:
            self.chars += 1
            if self.chars > limits.MAX_PAGE_CHARS:
                raise _PdfLimit(too_large(name, f"第{page.page_number}页的字符", limits.MAX_PAGE_CHARS))
            if drawn + self.chars > limits.MAX_PDF_CHARS:
                raise _PdfLimit(too_large(name, "字符", limits.MAX_PDF_CHARS))
            return super().render_char(*args, **kwargs)

    device = Counting(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    page._layout = device.get_result()
    return drawn + device.chars


def _read_pdf(path: Path, name: str, warnings: list[str]) -> RawDocument:
    try:
        import pdfplumber
    except ImportError as exc:
        raise MissingDependency("pdfplumber", extra="pdf") from exc
    items: list[PdfLine | _PdfTable] = []  # text lines outside tables, and tables, in reading order
    notes: list[str] = []
    drawn = 0
    try:
        with pdfplumber.open(path) as pdf:
            _check_pdf_size(pdf, name)
            if not pdf.pages:  # a broken cross-reference table or page tree: a scan has pages too
                raise DocumentUnreadable(f"PDF 文件已损坏（找不到任何页面）：{name}", _REEXPORT_PDF)
            for page_no, page in enumerate(pdf.pages):
                drawn = _page_layout(page, name, drawn)
                found = _page_items(page, page_no, notes)
                page.close()  # a page's characters and layout are not kept once its lines are
                while found and isinstance(found[-1], PdfLine) and _PAGE_NUMBER.fullmatch(found[-1].text.strip()):
                    found.pop()
                if found and isinstance(found[0], PdfLine) and _PAGE_NUMBER.fullmatch(found[0].text.strip()):
                    found.pop(0)
                # A table that opens the page where a table of the same width closed the last one continues it.
                if found and items and isinstance(found[0], _PdfTable) and isinstance(items[-1], _PdfTable) \
                        and abs(found[0].x0 - items[-1].x0) <= 2 and abs(found[0].x1 - items[-1].x1) <= 2:
                    items[-1].segments += found.pop(0).segments
                items += found
    except _PdfLimit as exc:
        raise exc.error from None
    except DocumentUnreadable:
        raise
    except Exception as exc:  # pdfminer raises a zoo of exceptions for broken files
        if isinstance(exc.__cause__ or exc.__context__, _PdfLimit):
            raise (exc.__cause__ or exc.__context__).error from None  # type: ignore[union-attr]
        if _is_password_error(exc):
            raise DocumentUnreadable(f"PDF 已加密：{name}", "请去除密码后重新导出，或提供 .docx 原件") from exc
        raise DocumentUnreadable(f"PDF 文件已损坏，无法读取：{name}", _REEXPORT_PDF) from exc
    lines = [it for it in items if isinstance(it, PdfLine)]
    right = sorted(ln.x1 for ln in lines)[int(len(lines) * 0.9)] if lines else 0.0
    items = _column_regions(items, right)
    lines = [it for it in items if isinstance(it, PdfLine)]
    cells = [ln for it in items if isinstance(it, _PdfTable)
             for seg in it.segments for row in seg for c in row if c is not None for ln in c.lines]
    text = "".join(ln.text for ln in (*lines, *cells))
    if not text.strip():
        raise DocumentUnreadable(f"PDF 没有文本层（可能是扫描件）：{name}", _NEED_OCR)
    if len(re.findall(r"\(cid:\d+\)", text)) * 6 > len(text) / 2:
        raise DocumentUnreadable(f"PDF 的文字无法提取（字体缺少编码映射）：{name}", _NEED_OCR)
    sizes = sorted(ln.size for ln in lines if ln.size > 0)
    em = sizes[len(sizes) // 2] if sizes else 12.0
    out = _Text(name)
    tables, i, started = 0, 0, False
    while i < len(items):
        item = items[i]
        if isinstance(item, _PdfTable):
            for r, row in enumerate(table_rows(item.segments)):
                if started:
                    out.write("\n")
                started = True
                for c, cell in enumerate(row):
                    if c:
                        out.write("\t")
                    for j, (para, page_no) in enumerate(cell.paragraphs):
                        if j:
                            out.write("\n")
                        out.block(para, kind="table-cell", table=tables, row=r, col=cell.col,
                                  location=("page", page_no))
            tables += 1
            i += 1
            continue
        run: list[PdfLine] = []
        while i < len(items) and isinstance(items[i], PdfLine):
            run.append(items[i])  # type: ignore[arg-type]
            i += 1
        short = [ln.x1 < right - 3 * em for ln in run]  # wrapped lines reach the margin; paragraph ends stop short
        for group in _groups([ln.text for ln in run], short):
            if started:
                out.write("\n")
            started = True
            out.block(_join([run[g].text for g in group]), kind="paragraph", location=("page", run[group[0]].page))
    return out.document(name, "pdf", None, [*warnings, *notes])
