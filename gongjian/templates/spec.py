"""Read an agreement spec (YAML) into a validated :class:`Agreement`, reporting every problem at once.

Problems come in Chinese with the field path and the YAML line: syntax errors, wrong types, unknown keys, then the
semantic rules of ``gongjian.contracts.validation`` and the regime rules of the clause library (composition,
naming), which the checker applies too.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from gongjian.clauses.library import ClauseLibrary
from gongjian.clauses.rules import MemberFacts, broken_composition, name_matches
from gongjian.contracts.agreement import Agreement
from gongjian.contracts.validation import agreement_problems
from gongjian.errors import SpecInvalid

_PYDANTIC_ZH = {
    "missing": "缺少必填字段",
    "extra_forbidden": "未知字段（拼写是否有误？）",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "decimal_parsing": "应为数字",
    "decimal_type": "应为数字",
    "float_parsing": "应为数字",
    "date_parsing": "应为日期，格式如 2026-01-01",
    "date_from_datetime_parsing": "应为日期，格式如 2026-01-01",
    "date_type": "应为日期，格式如 2026-01-01",
    "string_type": "应为文本",
    "bool_parsing": "应为 true 或 false",
    "model_type": "应为一组字段（映射）",
    "tuple_type": "应为列表",
    "list_type": "应为列表",
    "dict_type": "应为一组字段（映射）",
}


def _line_map(text: str) -> dict[str, int]:
    """Map field paths (``members[2].uscc``) to 1-based YAML line numbers."""
    lines: dict[str, int] = {}
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return lines

    def walk(node, path: str) -> None:
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = f"{path}.{key.value}" if path else str(key.value)
                lines[child] = key.start_mark.line + 1
                walk(value, child)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, f"{path}[{i}]")

    if root is not None:
        walk(root, "")
    return lines


def _where(path: str, lines: dict[str, int]) -> str:
    probe = path
    while probe and probe not in lines:
        probe = probe.rsplit(".", 1)[0] if "." in probe else probe.rsplit("[", 1)[0] if "[" in probe else ""
    return f"{path or '（顶层）'}（第 {lines[probe]} 行）" if probe in lines else (path or "（顶层）")


def _loc_to_path(loc: tuple) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def _pydantic_message(err: dict) -> str:
    kind = err["type"]
    if kind == "literal_error":
        return f"取值应为 {err.get('ctx', {}).get('expected', '')} 之一，实际为 {err.get('input')!r}"
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    if kind in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
        ctx = err.get("ctx", {})
        bound = next(iter(ctx.values()), "")
        word = {"greater_than": "大于", "greater_than_equal": "不小于", "less_than": "小于",
                "less_than_equal": "不大于"}[kind]
        return f"应{word} {bound}，实际为 {err.get('input')!r}"
    if kind in {"too_short", "too_long"}:
        ctx = err.get("ctx", {})
        return f"至少应有 {ctx.get('min_length')} 项" if kind == "too_short" else f"至多 {ctx.get('max_length')} 项"
    return _PYDANTIC_ZH.get(kind, str(err["msg"]))


def parse_spec(text: str, library: ClauseLibrary, *, source: str = "协议要素文件",
               regimes: tuple[str, ...] = ()) -> Agreement:
    """Parse and validate an agreement spec.

    Args:
        text: the YAML text.
        library: the clause library (for regime rules).
        source: the file name, for messages.
        regimes: regime ids that replace ``platform.regimes`` when given (``draft --regime``).

    Returns:
        The validated agreement.

    Raises:
        SpecInvalid: every problem found, each with its field path and line.
    """
    try:
        raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else ""
        raise SpecInvalid([f"{source}: YAML 语法错误 {where}：{getattr(exc, 'problem', exc)}"],
                          hint="检查缩进与冒号；文本中含冒号时请加引号") from exc
    if not isinstance(raw, dict):
        raise SpecInvalid([f"{source}: 顶层应为一组字段（title、platform、members ……）"],
                          hint="用 gongjian init 生成一份完整的示例再修改")
    lines = _line_map(text)
    if regimes:
        raw.setdefault("platform", {})
        if isinstance(raw["platform"], dict):
            raw["platform"]["regimes"] = list(regimes)
    problems: list[str] = []
    platform = raw.get("platform")
    given = platform.get("regimes") if isinstance(platform, dict) else None
    for rid in given if isinstance(given, list) else ():
        if rid not in library.regimes:
            problems.append(f"{_where('platform.regimes', lines)}：未知的制度“{rid}”；可选：{'、'.join(library.regimes)}")
    try:
        agreement = Agreement.model_validate(raw)
    except ValidationError as exc:
        problems += [f"{_where(_loc_to_path(e['loc']), lines)}：{_pydantic_message(e)}" for e in exc.errors()]
        raise SpecInvalid(problems, hint="按提示修改后重新运行；字段说明见 gongjian init 生成的示例") from exc
    problems += [f"{_where(path, lines)}：{msg}" for path, msg in agreement_problems(agreement)]
    selected = [library.regimes[r] for r in agreement.platform.regimes if r in library.regimes]
    facts = [MemberFacts(m.full_name, m.role, m.type, m.chain_position) for m in agreement.members]
    for result in broken_composition(selected, facts):
        rule = result.rule
        problems.append(f"{_where('members', lines)}：{rule.message}（{rule.requirement}，{rule.id}）")
    for regime in selected:
        if not name_matches(regime, agreement.platform.name):
            problems.append(
                f"{_where('platform.name', lines)}：平台名称“{agreement.platform.name}”不符合{regime.short_name}的命名格式"
                f"（{regime.naming_pattern}）"
            )
        if regime.term_years and regime.id != "jl-industry-center" and agreement.term.years < regime.term_years:
            problems.append(
                f"{_where('term.years', lines)}：协议期限 {agreement.term.years} 年短于{regime.short_name}要求覆盖的 "
                f"{regime.term_years} 年"
            )
    if problems:
        raise SpecInvalid(problems, hint="按提示修改后重新运行；字段说明见 gongjian init 生成的示例")
    return agreement


def load_spec(path: str | Path, library: ClauseLibrary, *, regimes: tuple[str, ...] = ()) -> Agreement:
    """Read and validate an agreement spec file (see :func:`parse_spec`).

    Raises:
        SpecInvalid: the file is invalid (every problem at once).
        DocumentUnreadable: the file cannot be read.
    """
    from gongjian.errors import DocumentUnreadable

    path = Path(path)
    try:
        text = path.read_text("utf-8-sig")
    except FileNotFoundError as exc:
        raise DocumentUnreadable(f"找不到协议要素文件：{path}", "用 gongjian init -o 文件名.yaml 生成一份") from exc
    except UnicodeDecodeError as exc:
        raise DocumentUnreadable(f"协议要素文件不是 UTF-8 编码：{path}", "请以 UTF-8 编码保存") from exc
    except OSError as exc:
        raise DocumentUnreadable(f"无法读取协议要素文件：{path}：{exc.strerror}") from exc
    return parse_spec(text, library, source=path.name, regimes=regimes)
