"""The annotated review copy: the original .docx with a Word comment (批注) on the exact text of each finding.

The original file is never modified: it is opened with python-docx, the comments are added in memory and the copy
is written through a temporary file and a rename. python-docx anchors a comment on whole runs
(``Document.add_comment``), so the runs are first split at the evidence boundaries; a split run keeps its ``w:rPr``
so the copy looks like the original. Evidence offsets index ``RawDocument.text``; ``Block.runs`` maps them to the
runs of each paragraph. Text that belongs to no run (the label of Word automatic numbering, the tabs between table
cells) cannot carry an anchor: the anchor is clamped to the runs that exist. Findings without evidence (a missing
category) are listed in one comment on the document's title.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from gongjian.clauses.levels import LEVEL_NAMES
from gongjian.errors import OutputExists, UsageError
from gongjian.files import shown_path, write_atomically
from gongjian.nlp.docx_numbering import w
from gongjian.nlp.findings import Finding, Report
from gongjian.nlp.reading import Block, RawDocument, docx_paragraphs, docx_runs, dtd_parts, read_document

__all__ = ["DEFAULT_AUTHOR", "AnnotationResult", "annotate_docx", "check_target", "comment_text"]

DEFAULT_AUTHOR = "gongjian 审查"
INITIALS = "GJ"
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
SUGGESTION_LIMIT = 300  # characters of the suggested text in a finding's comment
SHORT_SUGGESTION = 60  # characters of each missing category's suggestion in the title comment
_ONLY_DOCX = "只能为 .docx 文件生成批注副本"

# Characters a run's child contributes to the extracted text (nlp.reading._DocxReader.run_text).
_ONE_CHAR = {w("tab"), w("ptab"), w("br"), w("cr"), w("noBreakHyphen")}
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass(frozen=True)
class AnnotationResult:
    """What ``annotate_docx`` wrote: the copy, the number of comments, and findings it could not place."""

    path: Path
    comments: int
    unplaced: tuple[str, ...] = ()


def comment_text(finding: Finding) -> str:
    """Return the text of a finding's comment: severity, rule, message, basis and the suggested text.

    >>> from gongjian.nlp.findings import Finding
    >>> print(comment_text(Finding("C12.D2", "error", "违约金留待以后确定。", basis=("《民法典》第五百八十五条",),
    ...                            suggestion="违约方应按未投入金额的万分之五按日支付违约金。")))
    【错误】C12.D2 违约金留待以后确定。
    依据：《民法典》第五百八十五条
    建议：违约方应按未投入金额的万分之五按日支付违约金。
    """
    lines = [f"【{SEVERITY_NAMES.get(finding.severity, finding.severity)}】{finding.rule_id} {finding.message}"]
    if finding.basis:
        lines.append(f"依据：{'；'.join(finding.basis)}")
    if finding.suggestion:
        lines.append(f"建议：{_shorten(finding.suggestion, SUGGESTION_LIMIT, keep_lines=True)}")
    return "\n".join(lines)


#: Characters XML 1.0 cannot hold (a Word comment's author is an XML attribute).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def check_target(path: str | Path, out: str | Path, *, force: bool = False, author: str = DEFAULT_AUTHOR) -> None:
    """Refuse an annotation target before any work is done.

    Raises:
        UsageError: the input is not a .docx file, the output is the input itself, or the author's name holds a
            character a Word document cannot (a control character).
        OutputExists: the output exists and ``force`` is false.
    """
    if not author.strip() or _NOT_XML.search(author):
        raise UsageError("批注作者名为空或含有控制字符，Word 文档中不能使用",
                         "用 --author 指定一个普通的名称，例如 --author 法务部")
    src, dst = Path(path), Path(out)
    if src.suffix.lower() != ".docx":
        raise UsageError(_ONLY_DOCX,
                         f"{shown_path(src.name)} 不是 .docx；请在 Word 或 LibreOffice 中另存为 .docx 后再审查")
    if dst.suffix.lower() != ".docx":
        raise UsageError(f"批注副本须保存为 .docx：{dst}", "例如 --annotate 协议-审查.docx")
    if dst.exists() and src.exists() and os.path.samefile(src, dst):
        raise UsageError(f"批注副本不能覆盖原文件：{dst}", "换一个文件名，例如 协议-审查.docx")
    if dst.exists() and not force:
        raise OutputExists(str(dst))


def annotate_docx(path: str | Path, report: Report, out: str | Path, *, author: str = DEFAULT_AUTHOR,
                  force: bool = False) -> AnnotationResult:
    """Write a copy of a .docx with one Word comment per finding, anchored on the finding's evidence.

    Args:
        path: the original .docx (read, never written).
        report: the report of checking ``path`` (its evidence offsets index the text read from ``path``).
        out: where to write the annotated copy.
        author: the comments' author.
        force: replace ``out`` if it exists.

    Returns:
        The path written, the number of comments, and the rule ids whose evidence could not be placed (they are
        listed in the title comment instead).

    Raises:
        UsageError: ``path`` is not a .docx file (by name or by content), ``out`` is ``path``, the author's name
            holds a control character, or the file declares a DTD (its copy could not be opened by Word).
        OutputExists: ``out`` exists and ``force`` is false.
        DocumentUnreadable: ``path`` cannot be read.
    """
    check_target(path, out, force=force, author=author)
    raw = read_document(path)
    if raw.format != "docx":
        raise UsageError(_ONLY_DOCX, f"{shown_path(Path(path).name)} 的内容是 {raw.format.upper()}，不是 Word 文档")
    import docx

    document = docx.Document(str(path))
    if dtd_parts(document):  # its entity references would be written out undeclared: Word would refuse the copy
        raise UsageError("原文件含有 XML 文档类型声明（DOCTYPE），据此写出的批注副本 Word 无法打开，未生成批注副本",
                         "在 Word 或 LibreOffice 中打开原文件另存为 .docx 后再审查；Word 本身也不打开含 DOCTYPE 的文件")
    anchors = _Anchors(document, raw)
    count = 0
    unplaced: list[Finding] = []
    placed: list[tuple[int, int, Finding]] = []
    for finding in report.findings:
        spans = sorted({(e.start, e.end) for e in finding.evidence
                        if 0 <= e.start <= e.end <= len(raw.text) and raw.text[e.start:e.end] == e.quote})
        if not spans:
            unplaced.append(finding)
        placed += [(s, e, finding) for s, e in spans]
    placed.sort(key=lambda x: (x[0], x[1]))
    for s, e, _ in placed:  # split every boundary first: a later split must not shorten an earlier anchor
        anchors.split(s, e)
    located = [(anchors.runs(s, e), f) for s, e, f in placed]
    anchored = {id(f) for runs, f in located if runs}
    unplaced += [f for f in report.findings if f.evidence and id(f) not in anchored and f not in unplaced]
    summary = _summary(report, unplaced)
    if summary:
        title = anchors.title()
        if title:
            document.add_comment(title, text=summary, author=author, initials=INITIALS)
            count += 1
    for runs, finding in located:
        if runs:
            document.add_comment(runs, text=comment_text(finding), author=author, initials=INITIALS)
            count += 1
    dst = Path(out)
    write_atomically(dst, lambda p: document.save(str(p)), force=force)
    return AnnotationResult(dst, count, tuple(f.rule_id for f in unplaced if f.evidence))


class _Anchors:
    """The runs of every block with their text offsets, kept right while runs are split."""

    def __init__(self, document: Any, raw: RawDocument) -> None:
        from docx.text.paragraph import Paragraph

        self.document = document
        paragraphs = docx_paragraphs(document)
        self.blocks: list[Block] = []
        self.segments: dict[tuple, list[list[Any]]] = {}  # location → [[w:r, start, end], …] (non-empty runs)
        self.owners: dict[tuple, Paragraph] = {}
        for block in raw.blocks:
            p = paragraphs.get(block.location)
            if p is None:
                continue
            runs = docx_runs(p)
            if len(runs) != len(block.runs):  # the file changed since it was read: never anchor on guesses
                continue
            self.blocks.append(block)
            self.segments[block.location] = [[r, a, b] for r, (a, b) in zip(runs, block.runs, strict=True) if b > a]
            self.owners[block.location] = Paragraph(p, document._body)

    def split(self, start: int, end: int) -> None:
        """Split the runs that [start, end) begins or ends inside, so that the span is made of whole runs."""
        for block in self._overlapping(start, end):
            self._split(block.location, start)
            self._split(block.location, end)

    def runs(self, start: int, end: int) -> list[Any]:
        """Return the first and last python-docx run covering [start, end) (call ``split`` for every span first).

        Text outside every run (a numbering label) is dropped from the anchor; evidence made only of such text
        is anchored on its whole paragraph. Returns [] when no run can carry the anchor.
        """
        end = max(end, start + 1)
        blocks = self._overlapping(start, end)
        chosen = [(b.location, seg) for b in blocks for seg in self.segments[b.location]
                  if seg[1] < end and start < seg[2]]
        if not chosen:
            chosen = [(b.location, seg) for b in blocks for seg in self.segments[b.location]]
        return self._run_objects(chosen)

    def _overlapping(self, start: int, end: int) -> list[Block]:
        end = max(end, start + 1)
        return [b for b in self.blocks if b.start < end and start < b.end]

    def title(self) -> list[Any]:
        """Return the runs of the document's first paragraph with text (the title)."""
        for block in self.blocks:
            if block.location[0] == "body" and self.segments[block.location]:
                return self._run_objects([(block.location, seg) for seg in self.segments[block.location]])
        return []

    def _run_objects(self, chosen: Sequence[tuple[tuple, list[Any]]]) -> list[Any]:
        from docx.text.run import Run

        if not chosen:
            return []
        (loc_a, first), (loc_b, last) = chosen[0], chosen[-1]
        return [Run(first[0], self.owners[loc_a]), Run(last[0], self.owners[loc_b])]

    def _split(self, location: tuple, offset: int) -> None:
        segments = self.segments[location]
        for i, (r, a, b) in enumerate(segments):
            if a < offset < b:
                tail = _split_run(r, offset - a, b - a)
                if tail is not None:
                    segments[i:i + 1] = [[r, a, offset], [tail, offset, b]]
                return


def _child_length(child: etree._Element) -> int:
    if child.tag == w("t"):
        return len(child.text or "")
    return 1 if child.tag in _ONE_CHAR else 0


def _split_run(r: etree._Element, k: int, length: int) -> etree._Element | None:
    """Split run ``r`` after ``k`` of its ``length`` characters; return the new run that follows it.

    The new run copies the run's attributes and ``w:rPr`` (bold, fonts, East-Asian font …). Returns None, leaving
    the run whole, when the run's content does not add up to ``length`` (a field or symbol this module does not
    measure): the anchor then covers the whole run, never a wrong part of it.
    """
    children = [c for c in r if c.tag != w("rPr")]
    if sum(_child_length(c) for c in children) != length:
        return None
    tail = r.makeelement(r.tag, dict(r.attrib))
    props = r.find(w("rPr"))
    if props is not None:
        tail.append(copy.deepcopy(props))
    pos, moving = 0, False
    for child in children:
        if moving:
            tail.append(child)  # lxml moves the element
            continue
        n = _child_length(child)
        if pos + n <= k:
            pos += n
            moving = pos == k and n > 0
            continue
        # Only a w:t holds more than one character: split its text.
        cut = k - pos
        rest = child.makeelement(child.tag, dict(child.attrib))
        rest.text, child.text = child.text[cut:], child.text[:cut]
        for t in (child, rest):
            t.set(_XML_SPACE, "preserve")
        tail.append(rest)
        moving = True
    r.addnext(tail)
    return tail


def _summary(report: Report, unplaced: Iterable[Finding]) -> str:
    """The title comment: every missing category with its suggestion shortened, then findings without a place."""
    names = {c.id: c for c in report.categories}
    missing = [f for f in report.findings if f.rule_id.endswith(".missing") and not f.evidence]
    others = [f for f in unplaced if f not in missing]
    lines: list[str] = []
    if missing:
        items = []
        for f in missing:
            cat = names.get(f.category or "")
            level = _level(cat.required.values()) if cat else ""
            items.append(f"{f.category} {cat.name if cat else ''}{f'（{level}）' if level else ''}".strip())
        lines.append(f"缺少以下条款：{'、'.join(items)}")
        for f in missing:
            if f.suggestion:
                lines.append(f"{f.category} 建议：{_shorten(f.suggestion, SHORT_SUGGESTION)}")
    if others:
        lines.append("其他问题：")
        lines += [f"【{SEVERITY_NAMES.get(f.severity, f.severity)}】{f.rule_id} {f.message}" for f in others]
    return "\n".join(lines)


def _level(levels: Iterable[str]) -> str:
    found = set(levels)
    return next((name for level, name in LEVEL_NAMES.items() if level in found), "")


def _shorten(text: str, limit: int, *, keep_lines: bool = False) -> str:
    text = text.strip() if keep_lines else " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rstrip() + "……"
