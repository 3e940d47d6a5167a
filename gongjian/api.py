"""The public API behind the CLI: every command is one call here, so other programs use the same functions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gongjian.clauses.library import ClauseLibrary, load_library


@dataclass(frozen=True)
class DraftResult:
    """What ``draft_file`` wrote."""

    path: Path
    articles: int
    members: int
    tables: int
    warnings: tuple[str, ...] = ()


def init_spec(regime_id: str, output: str | Path, *, force: bool = False,
              library: ClauseLibrary | None = None) -> Path:
    """Write a regime's commented sample spec to ``output``.

    Raises:
        UnknownId: no such regime.
        OutputExists: ``output`` exists and ``force`` is false.
    """
    from gongjian.files import write_atomically
    from gongjian.templates.samples import commented_sample

    library = library or load_library()
    regime = library.regime(regime_id)
    text = commented_sample(regime.id)
    out = Path(output)
    write_atomically(out, lambda p: p.write_text(text, "utf-8"), force=force)
    return out


#: What ``draft`` writes, by the output file's extension.
DRAFT_FORMATS = {".docx": "docx", ".md": "md"}


def draft_output(spec: str | Path, output: str | Path, fmt: str | None = None) -> str:
    """Return the format to draft ``output`` in: the one given, or the one its extension names.

    Raises:
        UsageError: ``output`` is the spec itself, or its extension is not that of a format ``draft`` writes
            (a Word file named .pdf would not open as a PDF), or not that of the format given.
    """
    from gongjian.errors import UsageError

    out, source = Path(output), Path(spec)
    if out.absolute() == source.absolute() or (out.exists() and source.exists() and out.samefile(source)):
        raise UsageError(f"输出文件就是协议要素文件本身：{out}", "请用 -o 另指定一个文件名，例如 协议.docx")
    named = DRAFT_FORMATS.get(out.suffix.lower())
    if named is None:
        raise UsageError(f"无法起草为“{out.suffix or '无扩展名'}”文件：{out.name}",
                         "起草只能输出 .docx 或 .md；需要 PDF 时请用 Word 或 LibreOffice 打开 .docx 后导出")
    if fmt is not None and fmt != named:
        raise UsageError(f"输出格式为 {fmt}，文件名却是 {out.name}",
                         f"请把文件名改为以 .{fmt} 结尾，或去掉 --format {fmt}")
    return named


def draft_file(spec: str | Path, output: str | Path, *, regimes: tuple[str, ...] = (), fmt: str | None = None,
               force: bool = False, library: ClauseLibrary | None = None) -> DraftResult:
    """Validate an agreement spec and draft the agreement (format: ``fmt``, else by the output's extension).

    Raises:
        SpecInvalid: the spec is invalid (every problem at once); nothing is written.
        OutputExists: ``output`` exists and ``force`` is false.
        UsageError: ``output`` is the spec itself or has no extension of a draft format (``draft_output``).
        UnknownId: an unknown regime was given.
    """
    from gongjian.templates.render import draft
    from gongjian.templates.spec import load_spec, spec_warnings

    library = library or load_library()
    for rid in regimes:
        library.regime(rid)
    fmt = draft_output(spec, output, fmt)
    out = Path(output)
    if out.exists() and not force:  # say so before validating: the user's file is never touched
        from gongjian.errors import OutputExists

        raise OutputExists(str(out))
    agreement = load_spec(spec, library, regimes=regimes)
    drafted = draft(agreement, library, out, fmt=fmt, force=force)
    return DraftResult(drafted.path, len(drafted.articles), drafted.members, drafted.tables,
                       tuple(spec_warnings(agreement, library)))


SUPPORTED_SUFFIXES = (".docx", ".pdf", ".txt", ".md")

def expand_paths(paths) -> list:
    """Expand folders into the supported files under them (sorted); keep files as given.

    Links inside a folder are not followed: one that leads out of the folder becomes an error record in its place
    (a file the batch reports as not read, as it does an unreadable one), so that neither a reviewer's folder nor
    an upload reaches files elsewhere on the machine. A path named on its own is the user's choice and is read.

    Returns:
        Paths, and error records (dicts, see :func:`gongjian.nlp.findings.error_record`) for links leading out.

    Raises:
        DocumentUnreadable: a path does not exist, or a folder holds no supported file.
    """
    from gongjian.errors import DocumentUnreadable
    from gongjian.files import LINK_OUTSIDE, OUTSIDE_HINT, files_under, shown_path
    from gongjian.nlp.findings import error_record

    def wanted(p: Path) -> bool:
        return p.suffix.lower() in SUPPORTED_SUFFIXES and not p.name.startswith((".", "~$"))

    files: list = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found, outside = files_under(path)
            found = [p for p in found if wanted(p)]
            if not found:
                more = f"（另有 {len(outside)} 个指向文件夹之外的链接，未读取）" if outside else ""
                raise DocumentUnreadable(f"文件夹中没有可审查的文件：{shown_path(path)}{more}",
                                         f"支持的格式：{'、'.join(SUPPORTED_SUFFIXES)}")
            refused = {p: error_record(shown_path(p), "LinkOutside", f"{LINK_OUTSIDE}（{OUTSIDE_HINT}）")
                       for p in outside if wanted(p) or p.is_dir()}
            files += [refused.get(p, p) for p in sorted([*found, *refused])]
        elif not path.exists():
            raise DocumentUnreadable(f"找不到文件：{shown_path(path)}", "检查路径是否正确")
        else:
            files.append(path)
    return files


def check_paths(paths, *, regimes: tuple[str, ...] = (), explain: bool = False, jobs: int = 1, progress=None,
                library: ClauseLibrary | None = None) -> list:
    """Check files, in ``jobs`` worker processes; return reports and error records in the order of ``paths``.

    An unreadable file becomes an error record and the batch goes on; a single unreadable file raises.

    Args:
        paths: the files (see :func:`expand_paths` for folders).
        regimes: regime ids (empty or ``auto``: detect per file).
        explain: keep dropped candidates.
        jobs: worker processes (1: in this process).
        progress: called after each file with (done, total, file).
        library: the clause library (the packaged one by default).

    Raises:
        UnknownId: an unknown regime id (before any file is read).
        DocumentUnreadable: the only file given cannot be read.
    """
    from gongjian.nlp.batch import check_many
    from gongjian.nlp.check import check_file as _check_file

    library = library or load_library()
    for rid in regimes:
        if rid != "auto":
            library.regime(rid)
    if len(paths) == 1:
        result = _check_file(paths[0], library, regimes=regimes, explain=explain)
        if progress:
            progress(1, 1, str(paths[0]))
        return [result]
    return check_many(paths, library, regimes=regimes, explain=explain, jobs=jobs, progress=progress)


def check_file(path, *, regimes: tuple[str, ...] = (), explain: bool = False, library: ClauseLibrary | None = None):
    """Check one agreement file and return its :class:`~gongjian.nlp.findings.Report`."""
    from gongjian.nlp.check import check_file as _check_file

    return _check_file(path, library or load_library(), regimes=regimes, explain=explain)


def check_text(text: str, *, regimes: tuple[str, ...] = (), library: ClauseLibrary | None = None):
    """Check an agreement given as a string and return its report."""
    from gongjian.nlp.check import check_text as _check_text

    return _check_text(text, library or load_library(), regimes=regimes)


def annotate_file(path, report, out, *, author: str = "gongjian 审查", force: bool = False) -> Path:
    """Write a copy of the .docx ``path`` with a Word comment (批注) on the text of each finding of ``report``.

    Findings without evidence (missing categories) are listed in one comment on the title. The original is never
    modified; the copy is written atomically.

    Raises:
        UsageError: ``path`` is not a .docx file, or ``out`` is ``path``.
        OutputExists: ``out`` exists and ``force`` is false.
        DocumentUnreadable: ``path`` cannot be read.
    """
    from gongjian.nlp.annotate import annotate_docx

    return annotate_docx(path, report, out, author=author, force=force).path


def evaluate_labels(labels, docs, *, use_label_regimes: bool = False, progress=None,
                    library: ClauseLibrary | None = None, rules_only: bool = False):
    """Evaluate the checker on labelled documents (``gongjian eval``); ``rules_only`` leaves the model out."""
    from gongjian.nlp.check import check_file as _check_file
    from gongjian.nlp.evaluate import evaluate, read_labels

    library = library or load_library()
    rows = read_labels(labels)
    return evaluate(rows, docs, lambda p, r: _check_file(p, library, regimes=r, use_model=not rules_only),
                    use_label_regimes=use_label_regimes, progress=progress)


def verify_packages(folders, *, regimes: tuple[str, ...] = (), jobs: int = 1, progress=None,
                    library: ClauseLibrary | None = None) -> list:
    """Verify several application packages, in ``jobs`` worker processes.

    Returns one report per package, in the order given, or an error record for a package that cannot be verified
    (no agreement, an unreadable agreement …).

    Raises:
        UnknownId: an unknown regime id (before any package is read).
    """
    from gongjian.nlp.batch import check_many

    library = library or load_library()
    for rid in regimes:
        if rid != "auto":
            library.regime(rid)
    return check_many(folders, library, regimes=regimes, jobs=jobs, progress=progress, verify=True)


def verify_package(folder, *, regimes: tuple[str, ...] = (), library: ClauseLibrary | None = None):
    """Check an application package: the agreement as ``check_file`` does, then against each attachment.

    The application form (申请表), 建设方案 / 组建方案, 章程 and supplementary agreements are compared with the
    agreement (members and their number, lead, USCCs, 法定代表人, effective date, platform name, funding total,
    entity and governance bodies); the report is the agreement's, with those findings added and ``attachments``
    listing every other file and its role.

    Raises:
        UnknownId: an unknown regime id.
        UsageError: not a folder, an empty folder, no main agreement or more than one.
        DocumentUnreadable: the main agreement cannot be read.
    """
    from gongjian.nlp.verify import verify_package as _verify_package

    return _verify_package(folder, library or load_library(), regimes=regimes)
