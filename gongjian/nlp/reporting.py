"""Format reports for people (terminal text) and programs (JSON, JSON lines)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from gongjian.nlp.findings import Report

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
STATUS_NAMES = {"present": "完整", "weak": "薄弱", "missing": "缺失"}
STATUS_STYLES = {"present": "green", "weak": "yellow", "missing": "red"}
SOURCE_NAMES = {"given": "指定", "detected": "自动识别", "none": "未识别"}


def to_json(items: Sequence[Report | dict[str, Any]], *, single: bool, explain: bool = False) -> str:
    """Return one JSON object (one file) or an array (several files)."""
    data = [i.to_dict(explain=explain) if isinstance(i, Report) else i for i in items]
    return json.dumps(data[0] if single and len(data) == 1 else data, ensure_ascii=False, indent=2)


def to_jsonl(items: Sequence[Report | dict[str, Any]], *, explain: bool = False) -> str:
    """Return one JSON object per line."""
    return "\n".join(json.dumps(i.to_dict(explain=explain) if isinstance(i, Report) else i, ensure_ascii=False)
                     for i in items)


def print_report(report: Report, console, *, explain: bool = False) -> None:
    """Print a readable report: document type, regime, category overview, then findings by severity."""
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
    s = report.summary
    console.print(f"结论：错误 [red]{s['errors']}[/] 条，警告 [yellow]{s['warnings']}[/] 条，提示 {s['info']} 条")

    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for col in ("类别", "名称", "状态", "要求", "所在条款"):
        table.add_column(col)
    for c in report.categories:
        required = "、".join(f"{v}" for v in dict.fromkeys(c.required.values())) or "—"
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
            for e in f.evidence[:2]:
                console.print(f"    原文：「{escape(e.quote)}」", style="dim")
            if f.basis:
                console.print(f"    依据：{escape('；'.join(f.basis[:4]))}", style="dim")
            if f.suggestion:
                first = f.suggestion.splitlines()[0]
                more = "……" if len(f.suggestion) > len(first) or len(first) > 160 else ""
                console.print(f"    建议：{escape(first[:160])}{more}", style="dim")
    if explain and report.dropped:
        console.print("\n[bold]已考虑但排除的候选（--explain）[/]")
        for d in report.dropped:
            reason = escape(f"[{d.reason}]")
            console.print(f"  {escape(d.rule_id)} {reason} 「{escape(d.quote)}」 {escape(d.detail)}", style="dim")
