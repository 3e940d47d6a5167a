"""Batch summaries as tables: CSV (one row per file) and an Excel workbook (summary, clause matrix, findings).

Both use :func:`gongjian.nlp.reporting.summary_row`, so the columns are the same as the HTML report's summary.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from gongjian.nlp.findings import Report
from gongjian.nlp.reporting import (
    SEVERITY_NAMES,
    STATUS_NAMES,
    SUMMARY_COLUMNS,
    summary_row,
)

Item = Report | dict[str, Any]
FINDING_COLUMNS = ("文件", "严重程度", "规则", "类别", "条款", "问题", "原文", "依据", "建议")


def to_csv(items: Sequence[Item]) -> str:
    """Return the batch summary as CSV text: a header row of Chinese column names, then one row per file.

    >>> print(to_csv([{"file": "a.docx", "error": {"type": "DocumentUnreadable", "message": "文件已损坏"}}]), end="")
    文件,文件类型,适用制度,制度来源,错误,警告,提示,缺失条款,薄弱条款,签章,无法读取的原因
    a.docx,,,,,,,,,,文件已损坏
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(SUMMARY_COLUMNS.values())
    for item in items:
        row = summary_row(item)
        writer.writerow(as_text(row[key]) for key in SUMMARY_COLUMNS)
    return buf.getvalue()


#: What a spreadsheet opening a CSV takes for the start of a formula (OWASP “CSV injection”).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_text(value: Any) -> Any:
    """Return a CSV cell that a spreadsheet shows as text: a leading ' before what it would run as a formula.

    A file named ``=HYPERLINK(…).txt`` (or a quote beginning with “=”) must never become a live formula.

    >>> as_text("=HYPERLINK(1).txt"), as_text("协议.docx"), as_text(3)
    ("'=HYPERLINK(1).txt", '协议.docx', 3)
    """
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def finding_rows(item: Item) -> list[tuple[str, ...]]:
    """Return one row per finding of a report (``FINDING_COLUMNS``); none for an error record."""
    if isinstance(item, dict):
        return []
    categories = {c.id: c.name for c in item.categories}
    rows = []
    for f in item.findings:
        article = f.evidence[0].article if f.evidence and f.evidence[0].article else "全文"
        quote = "\n".join(f"「{e.quote}」" + (f"（{e.file}）" if e.file else "") for e in f.evidence)
        category = f"{f.category} {categories.get(f.category, '')}".strip() if f.category else ""
        rows.append((item.file, SEVERITY_NAMES[f.severity], f.rule_id, category, article, f.message, quote,
                     "；".join(f.basis), f.suggestion or ""))
    return rows


_SEVERITY_BY_NAME = {name: severity for severity, name in SEVERITY_NAMES.items()}
_FILLS = {"present": "C6EFCE", "weak": "FFEB9C", "missing": "FFC7CE", "error": "FFC7CE", "warning": "FFEB9C"}


def write_xlsx(items: Sequence[Item], path: str | Path) -> None:
    """Write the batch as an Excel workbook with three sheets.

    汇总: one row per file; 条款矩阵: file × C01–C25 status; 问题清单: one row per finding with quote, basis and
    suggested clause.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")

    def fill(colour: str) -> PatternFill:
        return PatternFill("solid", start_color=colour, end_color=colour)

    def header(sheet, names, widths) -> None:
        sheet.append(list(names))
        for i, width in enumerate(widths, 1):
            sheet.cell(row=1, column=i).font = bold
            sheet.column_dimensions[get_column_letter(i)].width = width
        sheet.freeze_panes = "B2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(names))}1"

    book = Workbook()
    summary = book.active
    summary.title = "汇总"
    header(summary, SUMMARY_COLUMNS.values(), (40, 16, 24, 10, 6, 6, 6, 30, 30, 20, 40))
    for item in items:
        row = summary_row(item)
        summary.append([row[key] for key in SUMMARY_COLUMNS])
        if row["error"]:
            summary.cell(row=summary.max_row, column=len(SUMMARY_COLUMNS)).fill = fill(_FILLS["error"])
        elif row["errors"]:
            summary.cell(row=summary.max_row, column=5).fill = fill(_FILLS["error"])

    reports = [i for i in items if isinstance(i, Report)]
    matrix = book.create_sheet("条款矩阵")
    ids = [c.id for c in reports[0].categories] if reports else []
    names = {c.id: c.name for r in reports for c in r.categories}
    header(matrix, ["文件", *(f"{cid} {names[cid]}" for cid in ids)], (40, *([10] * len(ids))))
    for r in reports:
        statuses = {c.id: c.status for c in r.categories}
        matrix.append([r.file, *(STATUS_NAMES[statuses[cid]] for cid in ids)])
        for col, cid in enumerate(ids, 2):
            matrix.cell(row=matrix.max_row, column=col).fill = fill(_FILLS[statuses[cid]])

    findings = book.create_sheet("问题清单")
    header(findings, FINDING_COLUMNS, (30, 8, 10, 16, 10, 50, 50, 40, 60))
    for item in items:
        for row in finding_rows(item):
            findings.append(list(row))
            last = findings.max_row
            for col in range(1, len(FINDING_COLUMNS) + 1):
                findings.cell(row=last, column=col).alignment = wrap
            colour = _FILLS.get(_SEVERITY_BY_NAME.get(row[1], ""))
            if colour:
                findings.cell(row=last, column=2).fill = fill(colour)
    for sheet in book.worksheets:  # a quote or file name beginning with “=” is text, never a formula
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
    book.save(str(path))
