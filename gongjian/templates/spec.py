"""Read an agreement spec (YAML) into a validated :class:`Agreement`, reporting every problem at once.

Problems come in Chinese with the field path and the YAML line: syntax errors, wrong types, unknown keys, then the
semantic rules of ``gongjian.contracts.validation`` and the regime rules of the clause library (composition,
naming), which the checker applies too.
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from pathlib import Path

import yaml
from pydantic import ValidationError

from gongjian.clauses.library import ClauseLibrary
from gongjian.clauses.rules import MemberFacts, broken_composition, name_matches
from gongjian.contracts.agreement import Agreement
from gongjian.contracts.validation import agreement_problems
from gongjian.errors import SpecInvalid
from gongjian.files import read_head
from gongjian.limits import MAX_SPEC_BYTES, MAX_SPEC_NODES, too_large

_PYDANTIC_ZH = {
    "missing": "缺少必填字段",
    "extra_forbidden": "未知字段（拼写是否有误？）",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "int_parsing_size": "整数位数过多",
    "finite_number": "应为有限的数字（不能是 .inf 或 .nan）",
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


#: PyYAML's syntax problems in Chinese, matched by prefix (the message names the position separately).
_YAML_PROBLEMS = (
    ("found a tab character", "缩进中有制表符（Tab），YAML 只能用空格缩进"),
    ("found character '\\t'", "缩进中有制表符（Tab），YAML 只能用空格缩进"),
    ("mapping values are not allowed", "此处不能出现“字段: 值”：文本含英文冒号时请给整段文本加引号，或检查缩进"),
    ("did not find expected key", "缩进不一致：同一层的字段或列表项应对齐"),
    ("did not find expected '-' indicator", "列表项缩进不一致，或列表与字段混在同一层"),
    ("did not find expected ',' or ']'", "方括号列表 […] 没有闭合，或项之间缺少逗号"),
    ("did not find expected ',' or '}'", "花括号 {…} 没有闭合，或字段之间缺少逗号"),
    ("found unexpected end of stream", "引号或括号没有闭合，文件就结束了"),
    ("found undefined alias", "使用了未定义的别名（*名称）"),
    ("could not find expected ':'", "缺少冒号"),
    ("expected <block end>", "缩进不一致"),
    ("found unexpected ':'", "多余的冒号：文本中含冒号时请加引号"),
)


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """Return a PyYAML error as one Chinese sentence with its line and column."""
    mark = getattr(exc, "problem_mark", None)
    where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else ""
    problem = str(getattr(exc, "problem", None) or exc)
    text = next((zh for prefix, zh in _YAML_PROBLEMS if problem.startswith(prefix)), None)
    return f"YAML 语法错误（{where}）：{text}（{problem}）" if text else f"YAML 语法错误（{where}）：{problem}"


class _SpecLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The safe loader (libyaml when available), noting duplicate keys: PyYAML silently keeps the last one.

    A scalar that looks like a date or an integer but is not one Python can hold (2026-02-30, 2026-13-01, a
    5,000-digit number) stays text: validation then names its field and line, where PyYAML would raise.
    """

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[str, int]] = []

    def construct_yaml_timestamp(self, node):  # noqa: D102 - PyYAML's hook
        # An impossible date (2026-13-01, 2026-02-30) stays text: the model then says which field is wrong, with
        # every other problem, instead of PyYAML stopping the whole file with a ValueError.
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)

    def construct_yaml_int(self, node):  # noqa: D102 - PyYAML's hook
        try:
            return super().construct_yaml_int(node)
        except ValueError:  # more digits than int() converts (sys.get_int_max_str_digits)
            return self.construct_scalar(node)

    def construct_mapping(self, node, deep=False):  # noqa: D102 - PyYAML's hook
        if isinstance(node, yaml.MappingNode):
            seen: set = set()
            for key, _ in node.value:
                if key.value in seen:
                    self.duplicates.append((str(key.value), key.start_mark.line + 1))
                seen.add(key.value)
        return super().construct_mapping(node, deep=deep)


_SpecLoader.add_constructor("tag:yaml.org,2002:timestamp", _SpecLoader.construct_yaml_timestamp)
_SpecLoader.add_constructor("tag:yaml.org,2002:int", _SpecLoader.construct_yaml_int)


class _Lines:
    """Field paths (``members[2].uscc``) → 1-based YAML lines, computed on first use (only messages need them)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._map: dict[str, int] | None = None
        self._keys: list[tuple[str, int]] = []  # every key with its line, duplicates included

    @property
    def map(self) -> dict[str, int]:
        """Return the whole map (composing the YAML a second time, once)."""
        if self._map is None:
            self._map = {}
            root = yaml.compose(self._text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            if root is not None:
                self._walk(root, "")
        return self._map

    def _walk(self, node, path: str) -> None:
        self._map.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = f"{path}.{key.value}" if path else str(key.value)
                self._map.setdefault(child, key.start_mark.line + 1)
                self._keys.append((child, key.start_mark.line + 1))
                self._walk(value, child)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self._walk(item, f"{path}[{i}]")

    def __contains__(self, path: str) -> bool:
        return path in self.map

    def __getitem__(self, path: str) -> int:
        return self.map[path]

    def path_at(self, line: int, key: str) -> str:
        """Return the path of the key ``key`` written on ``line`` (the last one, for a duplicate)."""
        self.map  # noqa: B018 - fills _keys
        found = [p for p, n in self._keys if n == line and p.rsplit(".", 1)[-1] == key]
        return found[-1] if found else key


class SpecTooLarge(ValueError):
    """A spec whose values, aliases expanded, exceed ``limits.MAX_SPEC_NODES`` (a billion-laughs YAML)."""


def _expanded_size(root) -> int:
    """Return how many values the YAML's node graph stands for once every alias is expanded.

    Computed on the graph (each node once, its size remembered), so that ``&a [*b, *b, …]`` nested nine deep —
    a billion values from a few hundred bytes — is measured, not built.
    """
    sizes: dict[int, int] = {}

    def size(node) -> int:
        if id(node) in sizes:
            return sizes[id(node)]
        sizes[id(node)] = 1  # a node that contains itself (a recursive alias) counts once
        if isinstance(node, yaml.MappingNode):
            total = 1 + sum(size(k) + size(v) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            total = 1 + sum(size(v) for v in node.value)
        else:
            total = 1
        sizes[id(node)] = min(total, MAX_SPEC_NODES + 1)
        return sizes[id(node)]

    return size(root)


def _load(text: str) -> tuple[object, _Lines, list[str]]:
    """Parse YAML once into data, field lines (lazily) and duplicate-key problems.

    Raises:
        yaml.YAMLError: the text is not valid YAML.
        SpecTooLarge: aliases expand it beyond ``limits.MAX_SPEC_NODES`` values.
    """
    loader = _SpecLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None and _expanded_size(node) > MAX_SPEC_NODES:
            raise SpecTooLarge
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    lines = _Lines(text)
    duplicates = [f"{lines.path_at(line, key)}（第 {line} 行）：字段“{key}”重复出现，后一个会覆盖前一个；请删除其中一个"
                  for key, line in loader.duplicates]
    return data, lines, duplicates


def _where(path: str, lines) -> str:
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


_DATE_REASONS = (("month value", "月份应为1–12"), ("day value", "该月没有这一天"), ("year", "年份超出范围"))
def _shown_input(value: object, limit: int = 30) -> str:
    """Return a value as a problem quotes it: a date as written, a long value cut with its length.

    >>> _shown_input("9" * 5000)
    "'999999999999999999999999999999…'（共 5000 个字符）"
    """
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    if len(text) > limit:
        return f"'{text[:limit]}…'（共 {len(text)} 个字符）"
    return repr(value) if isinstance(value, str) else text


def _pydantic_message(err: dict) -> str:
    kind = err["type"]
    if kind.startswith("date_") and isinstance(err.get("input"), str):
        reason = next((zh for en, zh in _DATE_REASONS if en in str(err.get("msg", ""))), "格式应如 2026-01-01")
        return f"“{err['input']}”不是有效的日期（{reason}）"
    ctx = err.get("ctx", {})
    if kind == "literal_error":
        return f"取值应为 {ctx.get('expected', '')} 之一，实际为 {_shown_input(err.get('input'))}"
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    if kind in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
        bound = next(iter(ctx.values()), "")
        word = {"greater_than": "大于", "greater_than_equal": "不小于", "less_than": "小于",
                "less_than_equal": "不大于"}[kind]
        return f"应{word} {_shown_input(bound)}，实际为 {_shown_input(err.get('input'))}"
    if kind in {"too_short", "too_long"}:
        return f"至少应有 {ctx.get('min_length')} 项" if kind == "too_short" else f"至多 {ctx.get('max_length')} 项"
    if kind == "string_too_long":
        return f"过长：至多 {ctx.get('max_length')} 个字符，实际为 {len(str(err.get('input')))} 个"
    if kind.startswith("date_") and isinstance(err.get("input"), str):  # 2026-02-30: the YAML loader left it text
        return f"{_shown_input(err['input'])} 不是有效的日期；{_PYDANTIC_ZH.get(kind, '应为日期')}"
    return _PYDANTIC_ZH.get(kind, str(err["msg"]))


def _money_precision(agreement: Agreement) -> list[tuple[str, str]]:
    """Return amounts finer than 分: they cannot be written in 大写 (the funding table and clauses need it)."""
    f = agreement.funding
    amounts = [("funding.total", f.total, f.unit)]
    amounts += [(f"funding.contributions[{i}].amount", c.amount, f.unit) for i, c in enumerate(f.contributions)]
    amounts.append(("breach.confidentiality_penalty", agreement.breach.confidentiality_penalty, "万元"))
    problems = []
    for path, amount, unit in amounts:
        yuan = amount * 10000 if unit == "万元" else amount
        if yuan != yuan.quantize(Decimal("0.01")):
            places = "六" if unit == "万元" else "两"
            problems.append((path, f"金额{amount}{unit}精确到分以下，无法写成大写金额；"
                                   f"以{unit}为单位时最多保留{places}位小数"))
    return problems


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
        SpecInvalid: every problem found, each with its field path and line — a missing or mistyped field does
            not hide the rules the rest of the spec breaks (``_problems_beyond``).
        DocumentUnreadable: aliases expand the YAML beyond ``limits.MAX_SPEC_NODES`` values (a billion laughs).
    """
    try:
        raw, lines, problems = _load(text)
    except SpecTooLarge as exc:
        from gongjian.errors import DocumentUnreadable

        raise DocumentUnreadable(*too_large(source, "别名（*名称）展开后的值", MAX_SPEC_NODES)) from exc
    except yaml.YAMLError as exc:
        raise SpecInvalid([f"{source}：{_yaml_problem(exc)}"], hint="检查缩进与冒号；文本中含冒号时请加引号") from exc
    if not isinstance(raw, dict):
        raise SpecInvalid([f"{source}：顶层应为一组字段（title、platform、members ……）"],
                          hint="用 gongjian init 生成一份完整的示例再修改")
    if regimes:
        raw.setdefault("platform", {})
        if isinstance(raw["platform"], dict):
            raw["platform"]["regimes"] = list(regimes)
    platform = raw.get("platform")
    given = platform.get("regimes") if isinstance(platform, dict) else None
    for rid in given if isinstance(given, list) else ():
        if rid not in library.regimes:
            choices = "、".join(library.regimes)
            problems.append(f"{_where('platform.regimes', lines)}：未知的制度“{rid}”；可选：{choices}")
    hint = "按提示修改后重新运行；字段说明见 gongjian init 生成的示例"
    try:
        agreement = Agreement.model_validate(raw)
    except ValidationError as exc:
        problems += [f"{_where(_loc_to_path(e['loc']), lines)}：{_pydantic_message(e)}" for e in exc.errors()]
        problems += [f"{_where(path, lines)}：{msg}" for path, msg in _problems_beyond(raw, exc, library)]
        raise SpecInvalid(list(dict.fromkeys(problems)), hint=hint) from exc
    problems += [f"{_where(path, lines)}：{msg}" for path, msg in _rule_problems(agreement, library)]
    if problems:
        raise SpecInvalid(problems, hint=hint)
    return agreement


def _rule_problems(agreement: Agreement, library: ClauseLibrary) -> list[tuple[str, str]]:
    """Return what a well-typed agreement breaks: the semantic rules, 大写 precision, the regimes' rules."""
    problems = [*agreement_problems(agreement), *_money_precision(agreement)]
    selected = [library.regimes[r] for r in agreement.platform.regimes if r in library.regimes]
    facts = [MemberFacts(m.full_name, m.role, m.type, m.chain_position) for m in agreement.members]
    for result in broken_composition(selected, facts):
        rule = result.rule
        if rule.severity == "error":  # a 原则上 rule (warning) does not block drafting: see spec_warnings()
            problems.append(("members", f"{rule.message}（{rule.requirement}，{rule.id}）"))
    for regime in selected:
        if not name_matches(regime, agreement.platform.name):
            problems.append(("platform.name", f"平台名称“{agreement.platform.name}”不符合"
                                              f"{regime.short_name}的命名格式（{regime.naming_pattern}）"))
        if regime.term_years and regime.id != "jl-industry-center" and agreement.term.years < regime.term_years:
            problems.append(("term.years", f"协议期限 {agreement.term.years} 年短于{regime.short_name}要求覆盖的 "
                                           f"{regime.term_years} 年"))
    return problems


def _problems_beyond(raw: dict, exc: ValidationError, library: ClauseLibrary) -> list[tuple[str, str]]:
    """Return the rules the rest of a spec breaks when some fields are missing or mistyped.

    Every field the model rejected is filled with the value at the same place in a sample spec (an unknown key is
    dropped), and the rules are run on the result — twice, with the samples of two regimes. A problem is kept when
    both runs report it and it is not about a field already reported: so it does not depend on what was filled in.
    """
    from gongjian.templates.samples import sample_path, sample_regimes

    platform = raw.get("platform")
    given = platform.get("regimes") if isinstance(platform, dict) else None
    wanted = [r for r in given if r in sample_regimes()] if isinstance(given, list) else []
    fillers = list(dict.fromkeys([*wanted, *sample_regimes()]))[:2]
    broken = [_loc_to_path(e["loc"]) for e in exc.errors()]
    runs = []
    for regime in fillers:
        filler = yaml.safe_load(sample_path(regime).read_text("utf-8"))
        agreement = _repaired(raw, exc, filler)
        if agreement is None:
            return []
        runs.append([(path, msg) for path, msg in _rule_problems(agreement, library)
                     if not any(_within(path, b) for b in broken)])
    return [p for p in runs[0] if all(p in run for run in runs[1:])] if len(runs) == 2 else []


def _within(path: str, broken: str) -> bool:
    """Return whether ``path`` is ``broken`` or lies inside it (``members[1].uscc`` is inside ``members[1]``)."""
    return path == broken or path.startswith((f"{broken}.", f"{broken}["))


def _repaired(raw: dict, exc: ValidationError, filler: dict, rounds: int = 4) -> Agreement | None:
    """Return the spec validated with every rejected field taken from ``filler``, or None when that fails."""
    data = copy.deepcopy(raw)
    for _ in range(rounds):
        for err in exc.errors():
            if not _fill(data, err["loc"], filler, drop=err["type"] == "extra_forbidden"):
                return None
        try:
            return Agreement.model_validate(data)
        except ValidationError as again:
            exc = again
    return None


def _fill(data: dict, loc: tuple, filler: dict, *, drop: bool) -> bool:
    """Put the filler's value at ``loc`` into ``data`` (list indices beyond the filler's take its last item)."""
    if not loc or not all(isinstance(k, str | int) and not isinstance(k, bool) for k in loc):
        return False
    node, source = data, filler
    for i, key in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(key, int):
            if not isinstance(source, list) or not source or not isinstance(node, list) or key >= len(node):
                return False
            source = source[min(key, len(source) - 1)]
        else:
            if not isinstance(node, dict) or (not drop and (not isinstance(source, dict) or key not in source)):
                return False
            source = source.get(key) if isinstance(source, dict) else None
        if last:
            if drop:
                node.pop(key, None)
            else:
                node[key] = copy.deepcopy(source)
            return True
        child = node[key] if (isinstance(node, dict) and key in node) or isinstance(node, list) else None
        if not isinstance(child, dict | list):  # the structure itself is broken here: take the filler's whole part
            if drop:
                return False
            node[key] = copy.deepcopy(source)
            return True
        node = child
    return False


def spec_warnings(agreement: Agreement, library: ClauseLibrary) -> list[str]:
    """Return the regime rules the agreement breaks that are defaults (原则上), not conditions.

    They are said, not enforced (spec §6.1 item 2: a deviation needs a stated reason).
    """
    selected = [library.regimes[r] for r in agreement.platform.regimes if r in library.regimes]
    facts = [MemberFacts(m.full_name, m.role, m.type, m.chain_position) for m in agreement.members]
    return [f"{r.rule.message}（{r.rule.requirement}，{r.rule.id}）"
            for r in broken_composition(selected, facts) if r.rule.severity != "error"]


def load_spec(path: str | Path, library: ClauseLibrary, *, regimes: tuple[str, ...] = ()) -> Agreement:
    """Read and validate an agreement spec file (see :func:`parse_spec`).

    Raises:
        SpecInvalid: the file is invalid (every problem at once).
        DocumentUnreadable: the file cannot be read.
    """
    from gongjian.errors import DocumentUnreadable
    from gongjian.files import shown_path

    path = Path(path)
    if not path.exists():
        raise DocumentUnreadable(f"找不到协议要素文件：{path}", "用 gongjian init -o 文件名.yaml 生成一份")
    data, size = read_head(path, shown_path(path), MAX_SPEC_BYTES + 1)  # never a blocking read of a FIFO
    if size > MAX_SPEC_BYTES:
        raise DocumentUnreadable(*too_large(shown_path(path.name), "大小", MAX_SPEC_BYTES, size, "字节"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentUnreadable(f"协议要素文件不是 UTF-8 编码：{path}", "请以 UTF-8 编码保存") from exc
    return parse_spec(text, library, source=path.name, regimes=regimes)
