"""Format reports for people (terminal text) and programs (JSON, JSON lines)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from gongjian.clauses.levels import LEVEL_NAMES
from gongjian.nlp.findings import DROPPED_NAMES, Report

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
STATUS_NAMES = {"present": "完整", "weak": "薄弱", "missing": "缺失"}
STATUS_STYLES = {"present": "green", "weak": "yellow", "missing": "red"}
SOURCE_NAMES = {"given": "指定", "detected": "自动识别", "none": "未识别"}
ROLE_NAMES = {  # the role of a file in an application package (``gongjian verify``)
    "agreement": "主协议",
    "supplementary": "补充协议",
    "application-form": "申请表",
    "plan": "建设/组建方案",
    "charter": "章程",
    "other": "其他",
}
KIND_NAMES = {"cooperation-agreement": "合作组建/共建协议", "other-contract": "其他合同", "not-a-contract": "非合同"}

# One row per file in a batch summary (csv, xlsx, html): key → column heading.
SUMMARY_COLUMNS = {
    "file": "文件",
    "document_type": "文件类型",
    "regimes": "适用制度",
    "regime_source": "制度来源",
    "errors": "错误",
    "warnings": "警告",
    "info": "提示",
    "missing": "缺失条款",
    "weak": "薄弱条款",
    "signatures": "签章",
    "error": "无法读取的原因",
}


def level_name(level: str) -> str:
    """Return a requirement level's Chinese name; a combined level is named part by part.

    >>> level_name("MUST-A"), level_name("MUST-A / PROC")
    ('必备条款', '必备条款 / 程序义务')
    """
    return " / ".join(LEVEL_NAMES.get(part.strip(), part.strip()) for part in level.split("/"))


def signature_text(signatures: dict[str, Any]) -> str:
    """Describe the signature page in a few words.

    >>> signature_text({"members": 5, "blocks": 5, "complete": True})
    '完整（签章栏 5/5）'
    >>> signature_text({"members": 5, "blocks": 4, "complete": False})
    '不完整（签章栏 4/5）'
    >>> signature_text({"members": 3, "blocks": 0, "complete": False})
    '无签章栏'
    """
    if not signatures:
        return ""
    blocks, members = signatures.get("blocks", 0), signatures.get("members", 0)
    if not blocks:
        return "无签章栏"
    counted = f"签章栏 {blocks}/{members}" if members else f"签章栏 {blocks} 个"
    return f"{'完整' if signatures.get('complete') else '不完整'}（{counted}）"


def summary_row(item: Report | dict[str, Any]) -> dict[str, Any]:
    """Return one file's row of a batch summary (keys: :data:`SUMMARY_COLUMNS`); an error record fills ``error``."""
    if isinstance(item, dict):
        row: dict[str, Any] = dict.fromkeys(SUMMARY_COLUMNS, "")
        row["file"] = item["file"]
        row["error"] = item["error"]["message"]
        return row
    s = item.summary
    return {
        "file": item.file,
        "document_type": KIND_NAMES.get(item.document_type.get("kind", ""), item.document_type.get("kind", "")),
        "regimes": "、".join(item.regimes) or "无（法律基线）",
        "regime_source": SOURCE_NAMES[item.regime_source],
        "errors": s["errors"],
        "warnings": s["warnings"],
        "info": s["info"],
        "missing": " ".join(c.id for c in item.categories if c.status == "missing"),
        "weak": " ".join(c.id for c in item.categories if c.status == "weak"),
        "signatures": signature_text(item.signatures),
        "error": "",
    }


def to_json(items: Sequence[Report | dict[str, Any]], *, single: bool, explain: bool = False) -> str:
    """Return one JSON object (one file) or an array (several files)."""
    data = [i.to_dict(explain=explain) if isinstance(i, Report) else i for i in items]
    return json.dumps(data[0] if single and len(data) == 1 else data, ensure_ascii=False, indent=2)


def to_jsonl(items: Sequence[Report | dict[str, Any]], *, explain: bool = False) -> str:
    """Return one JSON object per line."""
    return "\n".join(json.dumps(i.to_dict(explain=explain) if isinstance(i, Report) else i, ensure_ascii=False)
                     for i in items)


def print_report(report: Report, console, *, explain: bool = False, debug: bool = False) -> None:
    """Print a readable report: document type, regime, category overview, then findings by severity.

    With ``explain`` the dropped candidates follow, named in Chinese; ``debug`` adds the regular expressions behind
    them.
    """
    from rich.markup import escape
    from rich.table import Table

    console.rule(f"[bold]{escape(report.file)}")
    kind = report.document_type.get("kind")
    if kind != "cooperation-agreement":
        console.print(f"[bold yellow]注意：{escape(report.document_type.get('reason', ''))}[/]")
    regimes = "、".join(report.regimes) or "无（按法律基线审查）"
    console.print(f"适用制度：{regimes}（{SOURCE_NAMES[report.regime_source]}）  {escape(report.regime_reason)}")
    for note in report.warnings:
        console.print(f"[dim]说明：{escape(note)}[/]")
    if report.attachments:
        console.print(f"附件（{len(report.attachments)}）：")
        for a in report.attachments:
            error = f"  [red]无法读取：{escape(a['error'])}[/]" if a.get("error") else ""
            console.print(f"  {escape(a['file'])}（{ROLE_NAMES.get(a['role'], a['role'])}）{error}")
    s = report.summary
    console.print(f"结论：错误 [red]{s['errors']}[/] 条，警告 [yellow]{s['warnings']}[/] 条，提示 {s['info']} 条")

    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for col in ("类别", "名称", "状态", "要求", "所在条款"):
        table.add_column(col)
    for c in report.categories:
        required = "、".join(level_name(v) for v in dict.fromkeys(c.required.values())) or "—"
        table.add_row(c.id, c.name, f"[{STATUS_STYLES[c.status]}]{STATUS_NAMES[c.status]}[/]", required,
                      escape("、".join(c.articles[:3])))
    console.print(table)

    for severity in ("error", "warning", "info"):
        group = [f for f in report.findings if f.severity == severity]
        if not group:
            continue
        console.print(f"\n[{SEVERITY_STYLES[severity]}]{SEVERITY_NAMES[severity]}（{len(group)}）[/]")
        for f in group:
            where = f.evidence[0].article if f.evidence and f.evidence[0].article else "全文"
            console.print(f"[{SEVERITY_STYLES[severity]}]● {f.rule_id}[/] [bold]{escape(where)}[/] {escape(f.message)}")
            shown = f.evidence[:3] if any(e.file for e in f.evidence) else f.evidence[:2]
            for e in shown:
                source = f"（文件：{escape(e.file)}）" if e.file else ""
                console.print(f"    原文：「{escape(e.quote)}」{source}", style="dim")
            if f.basis:
                console.print(f"    依据：{escape('；'.join(f.basis[:4]))}", style="dim")
            if f.suggestion:
                first = f.suggestion.splitlines()[0]
                more = "……" if len(f.suggestion) > len(first) or len(first) > 160 else ""
                console.print(f"    建议：{escape(first[:160])}{more}", style="dim")
    if explain and report.dropped:
        console.print("\n[bold]已考虑但排除的候选（--explain）[/]")
        for d in report.dropped:
            reason = escape(f"[{DROPPED_NAMES.get(d.reason, d.reason)}]")
            console.print(f"  {escape(d.rule_id)} {reason} 「{escape(d.quote)}」 {escape(d.detail)}", style="dim")
            if debug and d.pattern:
                console.print(f"      正则：{escape(d.pattern)}", style="dim")
