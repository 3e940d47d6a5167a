"""An application package (申报材料): its files, the role each one plays, and reading them (``gongjian verify``).

A package is a folder holding one main agreement (组建协议 / 共建协议 / 合作协议) and its attachments: the
application form (申请表 / 申报书, e.g. 004_552c305ebc467d0d.txt 附件1), the 建设方案 / 组建方案, the 章程 of the
entity, supplementary agreements (补充协议) and anything else. A file's role comes from its name first, from its
content (title, the form's own labels) second. Every file is read once; an attachment that cannot be read is kept
with the reason, so the check of the rest goes on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from gongjian.contracts.text import normalise
from gongjian.errors import DocumentUnreadable, MissingDependency, UsageError
from gongjian.files import LINK_OUTSIDE, OUTSIDE_HINT, files_under, shown_path
from gongjian.nlp.document import ParsedDocument, parse_file
from gongjian.nlp.reporting import ROLE_NAMES

#: The roles a file can play, and their Chinese names (messages, the text report).
#: Files that are read. An old .doc is taken too, so that the reviewer is told to save it as .docx instead of the
#: file being silently left out.
READ_SUFFIXES = (".docx", ".pdf", ".txt", ".md", ".doc")

# By file name: the first matching rule wins (a 补充协议 is an agreement too, a 组建方案申报书 is the form).
_NAME_RULES = (
    ("supplementary", re.compile(r"补充协议|变更协议|修改协议|协议之补充")),
    ("application-form", re.compile(r"申请表|申报表|申报书|申请书")),
    ("charter", re.compile(r"章程")),
    ("plan", re.compile(r"(?:建设|组建|实施|运行|建设运行)方案")),
    ("agreement", re.compile(r"协议|合同")),
)
# By content: the form's own labels (004 附件1) are decisive; otherwise the title (one of the first lines).
_FORM_LABELS = re.compile(r"联合体协议生效时间|成员总数\s*[(（]个[)）]")
_TITLE_RULES = (
    ("supplementary", re.compile(r"补充协议(?:书)?\s*$|变更协议\s*$")),
    ("application-form", re.compile(r"(?:申请表|申报表|申报书|申请书)\s*$")),
    ("charter", re.compile(r"章\s*程\s*(?:[(（][^)）]{0,12}[)）])?\s*$")),
    ("plan", re.compile(r"(?:建设|组建|实施|运行)方案(?:编制)?\s*(?:[(（][^)）]{0,12}[)）])?\s*$")),
    ("agreement", re.compile(r"(?:协议|协议书|合同|合同书)\s*(?:[(（][^)）]{0,12}[)）])?\s*$")),
)


@dataclass(frozen=True)
class PackageFile:
    """One file of a package.

    Attributes:
        path: the file.
        name: the path as reported (the folder as given, joined with the file's relative path).
        role: one of :data:`gongjian.nlp.reporting.ROLE_NAMES`.
        by: how the role was found: ``name`` or ``content`` (``unknown`` for an unreadable file with a plain name).
        doc: the parsed document, None when it cannot be read.
        error: why it cannot be read (Chinese), else None.
        hint: how to make it readable.
    """

    path: Path
    name: str
    role: str
    by: str
    doc: ParsedDocument | None = None
    error: str | None = None
    hint: str = ""

    @property
    def reason(self) -> str:
        """Return why the file cannot be read, with the hint in brackets."""
        return (self.error or "") + (f"（{self.hint}）" if self.hint else "")

    def entry(self) -> dict[str, str]:
        """Return the report's ``attachments`` entry for this file."""
        out = {"file": self.name, "role": self.role}
        if self.error:
            out["error"] = self.reason
        return out


@dataclass(frozen=True)
class Package:
    """The files of a package: the main agreement, the other files, and those of unsupported types."""

    folder: Path
    agreement: PackageFile
    attachments: tuple[PackageFile, ...]
    skipped: tuple[str, ...] = ()

    def role(self, role: str) -> list[PackageFile]:
        """Return the readable attachments playing a role."""
        return [f for f in self.attachments if f.role == role and f.doc is not None]


def role_by_name(name: str) -> str | None:
    """Return the role a file name states, or None.

    >>> role_by_name("附件1-组建申请表.docx"), role_by_name("组建协议（补充协议一）.pdf"), role_by_name("材料.docx")
    ('application-form', 'supplementary', None)
    >>> role_by_name("江苏示例研究院有限公司章程.docx"), role_by_name("组建方案.txt"), role_by_name("共建协议.docx")
    ('charter', 'plan', 'agreement')
    """
    stem = normalise(Path(name).stem)
    return next((role for role, rx in _NAME_RULES if rx.search(stem)), None)


def role_by_content(doc: ParsedDocument) -> str:
    """Return the role a document's content shows: the form's labels, else its title among the first lines.

    >>> from gongjian.nlp.document import parse_string
    >>> role_by_content(parse_string("附件1\\n两江新区产业创新联合体组建申请表\\n联合体名称\\t示例"))
    'application-form'
    >>> role_by_content(parse_string("江苏示例研究院有限公司章程\\n第一章 总则")), role_by_content(parse_string("说明"))
    ('charter', 'other')
    """
    if _FORM_LABELS.search(doc.norm):
        return "application-form"
    heads = [ln.strip() for ln in doc.norm[:600].split("\n") if ln.strip()][:6]
    for line in heads:
        if len(line) > 60:
            continue
        for role, rx in _TITLE_RULES:
            if rx.search(line):
                return role
    return "other"


def list_files(folder: str | Path) -> tuple[list[Path], list[Path], list[Path]]:
    """Return the package's files to read, those of other types, and links leading out of the folder, each sorted.

    Hidden and ``~$`` files are left out; links are not followed (``gongjian.files.files_under``).

    Raises:
        UsageError: the folder does not exist, is a file, or holds no file to read.
    """
    path = Path(folder)
    if not path.exists():
        raise UsageError(f"找不到申报材料文件夹：{shown_path(folder)}", "请检查路径是否正确")
    if not path.is_dir():
        raise UsageError(f"不是文件夹：{shown_path(folder)}",
                         "gongjian verify 核验整个申报材料文件夹；审查单个协议请用 gongjian check")
    everything, outside = files_under(path)

    def visible(p: Path) -> bool:
        return not any(part.startswith((".", "~$")) for part in p.relative_to(path).parts)

    found = [p for p in everything if visible(p)]
    readable = [p for p in found if p.suffix.lower() in READ_SUFFIXES]
    others = [p for p in found if p.suffix.lower() not in READ_SUFFIXES]
    outside = [p for p in outside if visible(p) and (p.suffix.lower() in READ_SUFFIXES or p.is_dir())]
    if not readable:
        more = f"（另有 {len(others)} 个其他类型的文件）" if others else ""
        raise UsageError(f"文件夹中没有可核验的文件：{shown_path(folder)}{more}",
                         "请放入组建协议及其附件（.docx、.pdf、.txt、.md）")
    return readable, others, outside


def _unread(path: Path, name: str, error: str, hint: str) -> PackageFile:
    """Return a file that is not read, with its role as far as its name tells it."""
    by_name = role_by_name(path.name)
    return PackageFile(path, name, by_name or "other", "name" if by_name else "unknown", None, error, hint)


def _read(path: Path, name: str) -> PackageFile:
    by_name = role_by_name(path.name)
    try:
        doc = parse_file(path)
    except (DocumentUnreadable, MissingDependency) as exc:
        return _unread(path, name, exc.message, exc.hint)
    if by_name is not None:
        return PackageFile(path, name, by_name, "name", doc)
    return PackageFile(path, name, role_by_content(doc), "content", doc)


def _listing(files: list[PackageFile], limit: int = 6) -> str:
    shown = [f"{shown_path(f.path.name)}（{'无法读取' if f.error else ROLE_NAMES[f.role]}）" for f in files[:limit]]
    return "、".join(shown) + (f" 等 {len(files)} 个文件" if len(files) > limit else "")


_FOUNDING = re.compile(r"(?:组建|共建|联合组建)[^，。；\n]{0,20}协议")


def read_package(folder: str | Path) -> Package:
    """Read every file of a package and find the main agreement.

    Raises:
        UsageError: not a folder, no file to read, no main agreement, or more than one.
        DocumentUnreadable: the main agreement cannot be read.
    """
    readable, others, outside = list_files(folder)
    base = Path(folder)

    def name(p: Path) -> str:
        return shown_path(base / p.relative_to(base))

    files = [_read(p, name(p)) for p in readable]
    files += [_unread(p, name(p), LINK_OUTSIDE, OUTSIDE_HINT) for p in outside]
    files.sort(key=lambda f: f.path)
    mains = [f for f in files if f.role == "agreement"]
    if not mains:
        raise UsageError(f"申报材料中没有找到组建协议（共建协议）：{_listing(files)}",
                         "主协议的文件名或标题应含“协议”，例如“组建协议.docx”；补充协议的应含“补充协议”")
    if len(mains) > 1:
        # jl-industry-center packages may attach the founders' own cooperation agreements (003 附件2 八 3): the
        # founding agreement is the one whose name or title says 组建 / 共建; the others are listed, not compared.
        founding = [f for f in mains if _FOUNDING.search(f.path.stem)
                    or (f.doc is not None and _FOUNDING.search(f.doc.structure.title))]
        if len(founding) == 1:
            files = [f if f is founding[0] or f not in mains else replace(f, role="other") for f in files]
            mains = founding
    if len(mains) > 1:
        names = "、".join(shown_path(f.path.name) for f in mains)
        raise UsageError(f"申报材料中有 {len(mains)} 份主协议，无法确定以哪一份为准：{names}",
                         "只保留一份主协议；补充协议的文件名或标题应含“补充协议”，草稿请移出文件夹")
    main = mains[0]
    if main.doc is None:
        raise DocumentUnreadable(f"组建协议无法读取：{main.error}",
                                 main.hint or "请提供可读取的 .docx 或带文本层的 PDF")
    return Package(base, main, tuple(f for f in files if f is not main), tuple(name(p) for p in others))
