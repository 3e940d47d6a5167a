"""Consistency checks of the regime rules: prohibitions (X21), platform naming (X22), report deadline (X25).

The rules themselves are data (``regimes/*.yaml``: ``prohibitions``, ``naming_pattern``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gongjian.clauses.rules import name_matches
from gongjian.nlp.consistency_base import Context, evidence, make, policy_cite, sentence_evidence, to_int
from gongjian.nlp.findings import Finding
from gongjian.nlp.matcher import find_any, match_rule

# ------------------------------------------------------------------------------------------------------- X21

_PROHIBITION_CITES = {
    "js-consortium": ("001", "七(三)"),
    "cq-liangjiang": ("004", "五(二)"),
    "jl-industry-center": ("003", "第二十条"),
    "js-fusion": ("000", "第十五条"),
}


_NEGATED = re.compile(r"(?:不得|不可|不能|禁止|不允许|无权|严禁|不予|不应|不会|不发生)[^，,。;]{0,8}$")
_CHANGE = re.compile(r"变更|调整|变动|加入|退出")
_SUBJECT = re.compile(r"成员|牵头|组建单位|参与单位|共建单位|举办单位")


def prohibition_hits(ctx: Context, regime, p) -> list:
    """Return the sentences that violate a prohibition of a regime.

    Beyond the data's own guards: a hit right after a negation in the same clause restates the prohibition
    (“理事会亦无权作出变更牵头单位的决议”), and a general clause elsewhere that subjects every change to the
    approval the prohibition asks for (“涉及成员单位变更等重要事项调整的，还应报两江新区科技创新局同意后实施”)
    governs the specific clauses.
    """
    norm = ctx.doc.norm
    hits = match_rule(p.patterns, norm, absent=p.absent, end=ctx.signature_start)
    if not hits:
        return []
    if p.absent:
        for s, e in ctx.sentences(0, ctx.signature_start):
            sentence = norm[s:e]
            if (
                _CHANGE.search(sentence)
                and _SUBJECT.search(sentence)
                and find_any(p.absent, sentence)
                and not match_rule(p.patterns, norm, absent=p.absent, start=s, end=e)
            ):
                return []
    out = []
    for m in hits:
        live = [h for h in m.hits if not _NEGATED.search(norm[max(m.sentence_start, h.start - 16) : h.start])]
        if live:
            out.append((m, live))
    return out


def check_prohibitions(ctx: Context) -> Iterator[Finding]:
    """X21: regime prohibitions from the regime data (lead change, member change without approval, title use)."""
    for regime in ctx.regimes:
        for p in regime.prohibitions:
            for m, live in prohibition_hits(ctx, regime, p):
                cite = _PROHIBITION_CITES.get(regime.id)
                ev = sentence_evidence(ctx, live[0].start, f"X21:{p.id}")
                yield make(
                    "X21",
                    {"error": "E", "warning": "W"}.get(p.severity, "I"),
                    f"协议约定“{ev.quote}”。{p.message}",
                    [ev],
                    category=ctx.category(m.sentence_start) or ("C23" if regime.id == "js-fusion" else "C14"),
                    basis=[policy_cite(ctx, *cite)] if cite else [regime.name],
                    requirements=[p.requirement],
                    suggestion=("请" + p.message.rsplit("请", 1)[-1])
                    if "请" in p.message
                    else f"删除或改写该约定，使其符合：{p.description}",
                )


# ------------------------------------------------------------------------------------------------------- X22

_NAME_STATEMENT = re.compile(
    r"(?:名称|全称|名义|称号)(?:为|是|定为|拟定为)?[:：]?\s*[“\"「](?P<name>[^”\"」\n]{4,60})[”\"」]"
    r"|以[“\"「](?P<name2>[^”\"」\n]{4,60})[”\"」](?:[(（][^)）]{0,20}[)）])?(?:的)?名称"
)
_PLATFORM = re.compile(r"(联合体|中心|平台|联盟)$")
_QUOTES = str.maketrans({"‘": "“", "’": "”", "'": "“", "「": "“", "」": "”", "『": "“", "』": "”"})


def platform_names(ctx: Context) -> list[tuple[str, int, int]]:
    """Return the platform names the text states (“联合体名称为“…””, “以“…”的名称”)."""
    out = []
    for m in _NAME_STATEMENT.finditer(ctx.doc.norm, 0, ctx.signature_start):
        group = "name" if m.group("name") else "name2"
        name = m.group(group)
        if _PLATFORM.search(name) and not re.search(r"[（(]筹[）)]$", name):
            out.append((name, m.start(group), m.end(group)))
    return out


def check_naming(ctx: Context) -> Iterator[Finding]:
    """X22: the platform name follows the regime's pattern and is the same wherever it is stated (W)."""
    names = platform_names(ctx)
    if not names:
        return
    for regime in ctx.regimes:
        if regime.naming_pattern is None:
            continue
        if not any(name_matches(regime, n.translate(_QUOTES)) for n, _, _ in names):
            n, s, e = names[0]
            yield make(
                "X22",
                "W",
                f"平台名称“{ctx.doc.text[s:e]}”不符合{regime.short_name}的命名规则（{regime.naming_pattern}）。",
                [evidence(ctx.doc, s, e, "X22:name")],
                category="C23",
                basis=[policy_cite(ctx, *_NAMING_CITES[regime.id])] if regime.id in _NAMING_CITES else [],
                suggestion=f"按制度要求命名，例如“{_NAMING_EXAMPLES[regime.id]}”。" if regime.id in _NAMING_EXAMPLES
                else f"按{regime.short_name}的命名规则命名。",
            )
    distinct = {n.translate(_QUOTES).replace("“", "").replace("”", ""): (s, e) for n, s, e in names}
    if len(distinct) > 1:
        (a, (s1, e1)), (b, (s2, e2)) = list(distinct.items())[:2]
        if a not in b and b not in a:
            yield make(
                "X22",
                "W",
                f"平台名称前后不一致：“{ctx.doc.text[s1:e1]}”与“{ctx.doc.text[s2:e2]}”。",
                [evidence(ctx.doc, s1, e1, "X22:name"), evidence(ctx.doc, s2, e2, "X22:name")],
                category="C23",
                basis=["民法典 第四百七十条"],
                suggestion="全文统一使用同一平台名称。",
            )


_NAMING_CITES = {
    "jl-industry-center": ("003", "第二十三条"),
    "cq-liangjiang": ("004", "五(二)"),
    "js-fusion": ("000", "第十五条"),
}
_NAMING_EXAMPLES = {
    "jl-industry-center": "吉林省××产业创新中心",
    "cq-liangjiang": "重庆两江新区××产业创新联合体",
    "js-fusion": "拟申报江苏省“数动未来”××融合创新中心",
}


# ------------------------------------------------------------------------------------------------------- X25

_DEADLINE = re.compile(
    r"每年(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})月(?:(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})日|底)前"
)


def check_report_deadline(ctx: Context) -> Iterator[Finding]:
    """X25: js-consortium: the annual self-assessment report reaches 省科技厅 by 5月31日 (W)."""
    if "js-consortium" not in ctx.regime_ids:
        return
    norm = ctx.doc.norm
    for s, e in ctx.sentences(0, ctx.signature_start):
        sentence = norm[s:e]
        if not re.search(r"(自评|年度|运行)[^。;]{0,10}报告", sentence) or not re.search(
            r"科技厅|科学技术厅", sentence
        ):
            continue
        for m in _DEADLINE.finditer(sentence):
            month, day = to_int(m.group("m")), to_int(m.group("d")) if m.group("d") else 31
            if month is not None and day is not None and (month, day) > (5, 31):
                yield make(
                    "X25",
                    "W",
                    f"年度自评报告的报送时限为“{ctx.doc.text[s + m.start() : s + m.end()]}”，晚于"
                    "江苏省创新联合体工作指引要求的每年5月底前。",
                    [evidence(ctx.doc, s + m.start(), s + m.end(), "X25:deadline")],
                    category="C19",
                    basis=[policy_cite(ctx, "001", "七(一)")],
                    suggestion="改为“每年5月31日前报送省科技厅”。",
                )
