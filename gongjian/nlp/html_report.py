"""A self-contained HTML report (``gongjian check --format html``).

One page with inline CSS and no scripts, external assets, web fonts or URLs: it opens offline, can be mailed or
archived with an application, and prints (A4, one page per file of a batch). Fonts are named, never embedded
(DESIGN.md "Dependencies"). Everything taken from a document is escaped. The output is deterministic — no
timestamps, no random ids; section ids follow the position of the file (``f1``, ``f2`` …) — so the same reports
always give the same bytes. Only the standard library is used.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from gongjian.nlp.findings import SEVERITY_ORDER, Finding, Report
from gongjian.nlp.reporting import (
    KIND_NAMES,
    ROLE_NAMES,
    SEVERITY_NAMES,
    SOURCE_NAMES,
    STATUS_NAMES,
    SUMMARY_COLUMNS,
    level_name,
    signature_text,
    summary_row,
)

SERIF = '"Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "宋体", "Songti SC", serif'
SANS = ('"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "微软雅黑", "PingFang SC", "SimHei", "黑体", '
        'sans-serif')
MONO = '"DejaVu Sans Mono", "Consolas", "Menlo", monospace'

OTHER_GROUP = "一致性与其他"
NUMERIC_COLUMNS = ("errors", "warnings", "info")

CSS = """
:root {
  --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa; --paper: #ffffff; --desk: #eef0f3;
  --accent: #1d4e89;
  --error: #a4161a; --error-bg: #fdecec; --warning: #7a4b00; --warning-bg: #fff4d6;
  --info: #1c5a85; --info-bg: #e8f2fb; --ok: #1b6b38; --ok-bg: #e6f4ea;
}
* { box-sizing: border-box; }
html { background: var(--desk); }
body {
  margin: 0; padding: 24px 16px 48px; color: var(--ink); background: var(--desk);
  font-family: SERIF; font-size: 16px; line-height: 1.75;
}
h1, h2, h3, h4, table, th, td, caption, .badge, .facts dt, .totals, .kicker, .nav, .label, .verdict, .notice, footer {
  font-family: SANS;
}
.page {
  max-width: 1120px; margin: 0 auto; padding: 40px 48px 32px; background: var(--paper);
  border: 1px solid var(--line); border-radius: 6px; box-shadow: 0 1px 3px rgba(31, 35, 40, 0.08);
}
a { color: var(--accent); }
a:hover { text-decoration: underline; }
.report-header { border-bottom: 3px solid var(--accent); padding-bottom: 16px; margin-bottom: 24px; }
.kicker { margin: 0; color: var(--muted); font-size: 13px; letter-spacing: 0.08em; }
h1 { margin: 4px 0 14px; font-size: 28px; line-height: 1.35; font-weight: 700; }
h2 { font-size: 22px; line-height: 1.4; margin: 0; overflow-wrap: anywhere; }
h3 { font-size: 18px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h4 { font-size: 16px; margin: 22px 0 10px; }
.totals { display: flex; flex-wrap: wrap; gap: 12px; margin: 0; }
.totals div { min-width: 88px; padding: 6px 14px; border: 1px solid var(--line); border-radius: 6px;
  background: var(--soft); }
.totals dt { font-size: 13px; color: var(--muted); }
.totals dd { margin: 0; font-size: 22px; font-weight: 700; font-variant-numeric: tabular-nums; }
.totals .bad dd { color: var(--error); }
.totals .warn dd { color: var(--warning); }
table { width: 100%; border-collapse: collapse; font-size: 14px; line-height: 1.5; margin: 8px 0 16px; }
caption { caption-side: top; text-align: left; font-weight: 700; padding: 0 0 6px; }
th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
thead th { background: #eaeef2; font-weight: 700; white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafbfc; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.num.hot { color: var(--error); font-weight: 700; }
.error-text { color: var(--error); }
td.ids { font-family: MONO; font-size: 13px; min-width: 10em; }
td.file { overflow-wrap: anywhere; min-width: 12em; }
tr.unreadable td { background: #f3f4f6; color: var(--muted); }
tr.unreadable td.file { border-left: 4px solid var(--error); }
tr.unreadable td.reason { color: var(--error); }
tr.has-errors td.file { border-left: 4px solid var(--error); }
.summary { margin-bottom: 32px; }
.file-report { margin-top: 40px; padding-top: 24px; border-top: 1px solid var(--line); }
.report-header + .file-report { margin-top: 0; border-top: 0; padding-top: 0; }
.file-header { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 6px 16px;
  margin-bottom: 12px; }
.file-index { margin: 0; color: var(--muted); font-size: 13px; font-family: SANS; width: 100%; }
.verdict { margin: 0; font-size: 14px; white-space: nowrap; }
.notice { margin: 12px 0; padding: 10px 14px; border-left: 4px solid var(--warning); background: var(--warning-bg);
  color: #4d3000; font-weight: 700; }
.notice.fatal { border-left-color: var(--error); background: var(--error-bg); color: #6b0f12; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0 0 8px; }
.facts dt { color: var(--muted); font-size: 14px; padding-top: 2px; white-space: nowrap; }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.facts ul { margin: 0; padding-left: 1.2em; }
.muted { color: var(--muted); }
.small { font-size: 14px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 4px; font-size: 13px; font-weight: 700;
  line-height: 1.6; white-space: nowrap; border: 1px solid transparent; }
.sev-error { color: #ffffff; background: var(--error); }
.sev-warning { color: var(--warning); background: var(--warning-bg); border-color: #e2b650; }
.sev-info { color: var(--info); background: var(--info-bg); border-color: #9cc3e3; }
.badge.zero { color: var(--muted); background: var(--soft); border-color: var(--line); }
.status { font-weight: 700; white-space: nowrap; }
.status-present { color: var(--ok); }
.status-weak { color: var(--warning); background: var(--warning-bg); }
.status-missing { color: var(--error); background: var(--error-bg); }
td.status { text-align: center; }
table.categories td { padding: 4px 8px; }
table.categories td.num { text-align: center; }
td.regimes, td.signatures { white-space: nowrap; }
col.w-id { width: 5em; }
col.w-status { width: 5em; }
col.w-count { width: 5em; }
.nav { display: flex; flex-wrap: wrap; gap: 6px 8px; margin: 6px 0 12px; padding: 0; list-style: none;
  font-size: 13px; }
.nav a { display: inline-block; padding: 2px 8px; border: 1px solid var(--line); border-radius: 12px;
  text-decoration: none; background: var(--soft); }
.group { margin-top: 8px; }
.group h4 { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; padding: 6px 10px;
  background: var(--soft); border-left: 4px solid var(--accent); }
.group h4 .count { color: var(--muted); font-weight: 400; font-size: 13px; }
.finding { margin: 0 0 14px; padding: 12px 16px; border: 1px solid var(--line); border-left-width: 5px;
  border-radius: 4px; background: var(--paper); }
.finding.sev-error-box { border-left-color: var(--error); }
.finding.sev-warning-box { border-left-color: #d49b1c; }
.finding.sev-info-box { border-left-color: #5b9bd0; }
.finding-head { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; font-family: SANS;
  font-size: 14px; }
.rule { font-family: MONO; font-size: 13px; color: var(--muted); }
.where { font-weight: 700; }
.message { margin: 6px 0; }
.message strong { font-family: SANS; }
.same { margin: 8px 0 0; font-size: 14px; color: var(--ok); font-family: SANS; }
.evidence { margin: 6px 0; padding: 0; list-style: none; }
.evidence li { margin: 4px 0; padding-left: 10px; border-left: 3px solid #e7d87a; white-space: pre-wrap;
  overflow-wrap: anywhere; }
.evidence .label { color: var(--muted); font-size: 13px; }
mark { background: #fff1a8; color: inherit; padding: 0 1px; }
.basis { margin: 6px 0 0; color: var(--muted); font-size: 14px; }
.suggestion { margin-top: 8px; border: 1px solid #b7d3b9; border-radius: 4px; background: #f4faf4; }
.suggestion .label { display: block; padding: 4px 10px; font-size: 13px; font-weight: 700; color: var(--ok);
  border-bottom: 1px solid #cfe3d0; }
.suggestion-text { margin: 0; padding: 8px 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.clean { padding: 10px 14px; color: var(--ok); background: var(--ok-bg); border-radius: 4px; font-family: SANS; }
.back { margin: 16px 0 0; font-size: 13px; font-family: SANS; text-align: right; }
footer { margin-top: 40px; padding-top: 12px; border-top: 1px solid var(--line); color: var(--muted);
  font-size: 12px; }
@media (max-width: 720px) {
  .page { padding: 20px 16px; }
  .facts { grid-template-columns: 1fr; }
}
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  html, body { background: #ffffff; }
  body { padding: 0; font-size: 10.5pt; line-height: 1.6; }
  .page { max-width: none; margin: 0; padding: 0; border: 0; border-radius: 0; box-shadow: none; }
  a, a:visited { color: inherit; text-decoration: none; }
  .batch .file-report { break-before: page; page-break-before: always; margin-top: 0; border-top: 0;
    padding-top: 0; }
  .finding, .notice, .facts, .totals div { break-inside: avoid; page-break-inside: avoid; }
  h2, h3, h4, caption { break-after: avoid; page-break-after: avoid; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  table { font-size: 9pt; }
  td.regimes { white-space: normal; }
  td.ids { font-size: 8.5pt; min-width: 9em; }
  th, td { border: 1px solid #6e7781; }
  .nav, .back { display: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
""".replace("MONO", MONO).replace("SANS", SANS).replace("SERIF", SERIF)


def to_html(items: Sequence[Report | Mapping[str, Any]], *, title: str | None = None) -> str:
    """Return one self-contained HTML page for the reports of one or several files.

    Args:
        items: What :func:`gongjian.nlp.reporting.to_json` takes: reports, and error records
            ``{"file": …, "error": {"type": …, "message": …}}`` for files that could not be read.
        title: The page heading; by default 协议审查报告 for one file, 协议审查汇总（N 个文件） for several.

    Returns:
        The page, deterministic for the same input.
    """
    items = list(items)
    batch = len(items) != 1
    if title is None:
        title = "协议审查报告" if not batch else f"协议审查汇总（{len(items)} 个文件）"
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="gongjian">',
        f"<title>{_e(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        f'<body class="{"batch" if batch else "single"}">',
        '<main class="page">',
        *_header(items, title),
    ]
    if batch:
        out += _summary(items)
    for n, item in enumerate(items, 1):
        out += _error_section(item, n, len(items)) if not isinstance(item, Report) else _section(item, n, len(items))
    out += [
        "<footer>本报告由 gongjian 按所选制度和条款库自动生成，供审查参考，不构成法律意见；"
        "“依据”所引条文以正式发布文本为准。</footer>",
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------------------------------------- page parts


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def _muted(text: str) -> str:
    return f'<span class="muted">{_e(text)}</span>'


def _header(items: list[Report | Mapping[str, Any]], title: str) -> list[str]:
    reports = [i for i in items if isinstance(i, Report)]
    unreadable = len(items) - len(reports)
    with_errors = sum(r.has_errors for r in reports)
    counts = {k: sum(r.summary[k] for r in reports) for k in ("errors", "warnings", "info")}
    totals = [("文件", len(items), ""), ("含错误的文件", with_errors, "bad" if with_errors else ""),
              ("无法读取", unreadable, "bad" if unreadable else ""),
              ("错误", counts["errors"], "bad" if counts["errors"] else ""),
              ("警告", counts["warnings"], "warn" if counts["warnings"] else ""), ("提示", counts["info"], "")]
    cells = "".join(f'<div class="{cls}"><dt>{_e(name)}</dt><dd>{value}</dd></div>' if cls else
                    f"<div><dt>{_e(name)}</dt><dd>{value}</dd></div>" for name, value, cls in totals)
    return [
        '<header class="report-header">',
        '<p class="kicker">gongjian 共建 · 组建协议审查</p>',
        f"<h1>{_e(title)}</h1>",
        f'<dl class="totals">{cells}</dl>',
        "</header>",
    ]


def _summary(items: list[Report | Mapping[str, Any]]) -> list[str]:
    head = "".join(f'<th scope="col">{_e(name)}</th>' for name in SUMMARY_COLUMNS.values())
    out = ['<section class="summary" id="summary" aria-labelledby="summary-title">',
           '<h2 id="summary-title">汇总</h2>',
           f"<table>\n<thead><tr>{head}</tr></thead>", "<tbody>"]
    for n, item in enumerate(items, 1):
        row = summary_row(item if isinstance(item, Report) else dict(item))
        unreadable = not isinstance(item, Report)
        cls = ' class="unreadable"' if unreadable else (' class="has-errors"' if item.has_errors else "")
        cells = []
        for key in SUMMARY_COLUMNS:
            value = row.get(key, "")
            if key == "file":
                mark = '<span class="badge sev-error">无法读取</span> ' if unreadable else ""
                cells.append(f'<td class="file">{mark}<a href="#f{n}">{_e(value)}</a></td>')
            elif key in NUMERIC_COLUMNS:
                hot = " hot" if key == "errors" and value else ""
                cells.append(f'<td class="num{hot}">{_e(value)}</td>')
            elif key in ("missing", "weak"):
                cells.append(f'<td class="ids">{_e(value)}</td>')
            elif key == "error":
                cells.append(f'<td class="reason">{_e(value)}</td>')
            elif key in ("regimes", "signatures"):
                cells.append(f'<td class="{key}">{_e(value)}</td>')
            else:
                cells.append(f"<td>{_e(value)}</td>")
        out.append(f"<tr{cls}>{''.join(cells)}</tr>")
    out += ["</tbody>", "</table>", "</section>"]
    return out


def _position(n: int, total: int) -> str:
    return f'<p class="file-index">文件 {n} / {total}</p>' if total > 1 else ""


def _back(total: int) -> str:
    return '<p class="back"><a href="#summary">返回汇总 ↑</a></p>' if total > 1 else ""


def _error_section(item: Mapping[str, Any], n: int, total: int) -> list[str]:
    error = item.get("error") or {}
    kind = f'<span class="muted small">（{_e(error["type"])}）</span>' if error.get("type") else ""
    return [
        f'<section class="file-report unreadable" id="f{n}" aria-labelledby="f{n}-title">',
        '<header class="file-header">',
        _position(n, total),
        f'<h2 id="f{n}-title">{_e(item.get("file", ""))}</h2>',
        '<p class="verdict"><span class="badge sev-error">无法读取</span></p>',
        "</header>",
        f'<p class="notice fatal">无法读取的原因：{_e(error.get("message", ""))}{kind}</p>',
        _back(total),
        "</section>",
    ]


def _section(report: Report, n: int, total: int) -> list[str]:
    sid = f"f{n}"
    s = report.summary
    verdict = " ".join(f'<span class="badge {f"sev-{severity}" if s[key] else "zero"}">'
                       f"{SEVERITY_NAMES[severity]} {s[key]}</span>"
                       for severity, key in (("error", "errors"), ("warning", "warnings"), ("info", "info")))
    out = [f'<section class="file-report" id="{sid}" aria-labelledby="{sid}-title">',
           '<header class="file-header">',
           _position(n, total),
           f'<h2 id="{sid}-title">{_e(report.file)}</h2>',
           f'<p class="verdict">{verdict}</p>',
           "</header>"]
    kind = report.document_type.get("kind", "")
    reason = report.document_type.get("reason", "")
    if kind != "cooperation-agreement":
        said = reason.rstrip("。") if reason else "本文件不是合作组建或共建协议"
        out.append(f'<p class="notice">注意：{_e(said)}（{_e(KIND_NAMES.get(kind, kind))}）。'
                   "以下条款类别的判断仅供参考。</p>")
    out += _facts(report)
    out += _category_table(report, sid)
    out += _findings(report, sid)
    out += [_back(total), "</section>"]
    return out


def _facts(report: Report) -> list[str]:
    kind = report.document_type.get("kind", "")
    reason = report.document_type.get("reason", "")
    regimes = "、".join(report.regimes) or "无（按法律基线审查）"
    source = SOURCE_NAMES.get(report.regime_source, report.regime_source)
    why = f"：{report.regime_reason}" if report.regime_reason else ""
    s = report.summary
    rows = [
        ("文件类型", _e(KIND_NAMES.get(kind, kind)) + (_muted(f"（{reason}）") if reason else "")),
        ("适用制度", _e(regimes) + _muted(f"（{source}{why}）")),
        ("审查结论", f"错误 {s['errors']} 条，警告 {s['warnings']} 条，提示 {s['info']} 条"),
    ]
    if report.signatures:
        rows.append(("签章", _e(signature_text(report.signatures))))
    missing = [c.id for c in report.categories if c.status == "missing"]
    weak = [c.id for c in report.categories if c.status == "weak"]
    if report.categories:
        rows.append(("条款", f"完整 {len(report.categories) - len(missing) - len(weak)} 类，"
                           f"薄弱 {len(weak)} 类，缺失 {len(missing)} 类"))
    if report.warnings:
        rows.append(("说明", "<ul>" + "".join(f"<li>{_e(w)}</li>" for w in report.warnings) + "</ul>"))
    if report.attachments:
        items = "".join(
            f"<li>{_e(ROLE_NAMES.get(a.get('role', ''), a.get('role', '')))}：{_e(a.get('file', ''))}"
            + (f"<span class=\"error-text\">（无法读取：{_e(a['error'])}）</span>" if a.get("error") else "") + "</li>"
            for a in report.attachments)
        rows.append(("附件", f"<ul>{items}</ul>"))
    return ['<dl class="facts">', *(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows), "</dl>"]


def _levels(required: Mapping[str, str]) -> str:
    if not required:
        return "—"
    if len(set(required.values())) == 1:
        return level_name(next(iter(required.values())))
    return "；".join(f"{regime} {level_name(level)}" for regime, level in required.items())



def _groups(report: Report) -> list[tuple[str | None, str, list[tuple[int, Finding]]]]:
    """Return the findings grouped by category, in the order of ``report.categories``, then the rest.

    Each finding keeps its number in the report (from 1, for its id); errors come first within a group.
    """
    numbered = list(enumerate(report.findings, 1))
    known = {c.id for c in report.categories}
    groups: list[tuple[str | None, str, list[tuple[int, Finding]]]] = []
    for c in report.categories:
        found = [(i, f) for i, f in numbered if f.category == c.id]
        if found:
            groups.append((c.id, f"{c.id} {c.name}", found))
    rest = [(i, f) for i, f in numbered if f.category not in known]
    if rest:
        groups.append((None, OTHER_GROUP, rest))
    return [(cid, name, sorted(found, key=lambda pair: SEVERITY_ORDER.get(pair[1].severity, 9)))
            for cid, name, found in groups]


def _group_id(sid: str, cid: str | None) -> str:
    return f"{sid}-{_e(cid)}" if cid else f"{sid}-other"


def _category_table(report: Report, sid: str) -> list[str]:
    if not report.categories:
        return []
    with_findings = {f.category for f in report.findings}
    out = ["<h3>条款类别概览</h3>", '<table class="categories">',
           '<colgroup><col class="w-id"><col><col class="w-status"><col><col><col class="w-count"></colgroup>',
           '<thead><tr><th scope="col">类别</th><th scope="col">名称</th><th scope="col">状态</th>'
           '<th scope="col">要求</th><th scope="col">所在条款</th><th scope="col">意见数</th></tr></thead>', "<tbody>"]
    for c in report.categories:
        count = sum(f.category == c.id for f in report.findings)
        cid = f'<a href="#{_group_id(sid, c.id)}">{_e(c.id)}</a>' if c.id in with_findings else _e(c.id)
        out.append(f"<tr><td>{cid}</td><td>{_e(c.name)}</td>"
                   f'<td class="status status-{_e(c.status)}">{_e(STATUS_NAMES.get(c.status, c.status))}</td>'
                   f"<td>{_e(_levels(c.required))}</td><td>{_e('、'.join(c.articles)) or '—'}</td>"
                   f'<td class="num">{count or ""}</td></tr>')
    out += ["</tbody>", "</table>"]
    return out


def _findings(report: Report, sid: str) -> list[str]:
    out = ["<h3>审查意见</h3>"]
    groups = _groups(report)
    if not groups:
        return [*out, '<p class="clean">未发现问题。</p>']
    if len(groups) > 1:
        out.append('<ul class="nav">' + "".join(
            f'<li><a href="#{_group_id(sid, cid)}">{_e(name)}（{len(found)}）</a></li>' for cid, name, found in groups)
            + "</ul>")
    status = {c.id: c.status for c in report.categories}
    first_with: dict[str, tuple[str, str]] = {}  # suggestion → (id, rule) of the first finding that shows it
    for cid, name, found in groups:
        tag = (f' <span class="badge status status-{_e(status[cid])}">{_e(STATUS_NAMES.get(status[cid], status[cid]))}'
               "</span>") if cid else ""
        out += [f'<div class="group" id="{_group_id(sid, cid)}">',
                f'<h4><span>{_e(name)}</span>{tag}<span class="count">{len(found)} 条</span></h4>']
        for i, f in found:
            fid = f"{sid}-n{i}"
            same = first_with.setdefault(f.suggestion, (fid, f.rule_id)) if f.suggestion else (fid, "")
            out.append(_finding(f, fid, None if same[0] == fid else same))
        out.append("</div>")
    return out


def _message(text: str) -> str:
    """Set the headline of a message (the words before the first colon) in bold."""
    head, colon, rest = text.partition("：")
    if colon and rest and len(head) <= 40:
        return f"<strong>{_e(head)}</strong>：{_e(rest)}"
    return _e(text)


def _finding(f: Finding, fid: str, same_as: tuple[str, str] | None) -> str:
    severity = f.severity if f.severity in SEVERITY_NAMES else "info"
    where = f.evidence[0].article if f.evidence and f.evidence[0].article else "全文"
    parts = [f'<article class="finding sev-{severity}-box" id="{fid}">',
             '<div class="finding-head">'
             f'<span class="badge sev-{severity}">{_e(SEVERITY_NAMES[severity])}</span>'
             f'<span class="rule">{_e(f.rule_id)}</span><span class="where">{_e(where)}</span></div>',
             f'<p class="message">{_message(f.message)}</p>']
    if f.evidence:
        quotes = []
        for e in f.evidence:
            article = f'<span class="label">{_e(e.article)}：</span>' if e.article else ""
            other = f'<span class="muted">（文件：{_e(e.file)}）</span>' if e.file else ""
            quotes.append(f"<li>{article}「<mark>{_e(e.quote)}</mark>」{other}</li>")
        parts.append(f'<ul class="evidence">{"".join(quotes)}</ul>')
    if f.basis:
        parts.append(f'<p class="basis">依据：{_e("；".join(dict.fromkeys(f.basis)))}</p>')
    if f.requirements:
        parts.append(f'<p class="basis">对应要求：{_e("、".join(f.requirements))}</p>')
    if f.suggestion and same_as:
        parts.append(f'<p class="same">建议条款：与 <a href="#{same_as[0]}">{_e(same_as[1])}</a> 相同</p>')
    elif f.suggestion:
        parts.append('<div class="suggestion"><span class="label">建议条款</span>'
                     f'<div class="suggestion-text">{_e(f.suggestion)}</div></div>')
    parts.append("</article>")
    return "\n".join(parts)
