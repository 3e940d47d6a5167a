"""Cross-record validation of the clause library: every problem at once, each prefixed with file and id.

Pydantic already rejects unknown keys, wrong types, malformed ids and unknown regime ids inside one record. This
module checks what one record cannot know: completeness (C01–C25, five regimes), uniqueness of ids across files,
references between records (requirement ids, check names, model fields used by drafting texts), regexes, and that
every quote of a policy occurs verbatim in that policy.
"""

from __future__ import annotations

import re
import typing
from collections import Counter
from collections.abc import Iterator

from gongjian.clauses.checks import CHECKS
from gongjian.clauses.library import ClauseLibrary, iter_patterns, policy_contains
from gongjian.clauses.schema import REGIME_IDS
from gongjian.contracts.agreement import Agreement, MemberType
from gongjian.contracts.text import normalise_regex

CATEGORY_IDS = tuple(f"C{i:02d}" for i in range(1, 26))
#: Names a drafting template may use besides the fields of ``Agreement``.
TEMPLATE_EXTRAS = frozenset({"lead", "others", "copies", "regime", "regimes", "platform_word"})
#: Filters a drafting template may use (implemented in gongjian.templates.render).
TEMPLATE_FILTERS = frozenset({"cndate", "money", "pct", "cnnum"})
MEMBER_TYPES = frozenset(typing.get_args(MemberType))
CHAIN_POSITIONS = frozenset({"upstream", "downstream", "application"})
MIN_RULES_WITH_EXAMPLES = 3


def problems(library: ClauseLibrary) -> Iterator[str]:
    """Yield one Chinese message per problem in the library, prefixed with its file and id."""
    yield from _completeness(library)
    yield from _unique_ids(library)
    yield from _references(library)
    yield from _patterns(library)
    yield from _quotes(library)
    yield from _citations(library)
    yield from _drafting(library)


def _src(library: ClauseLibrary, record_id: str) -> str:
    return library.sources.get(record_id, "?")


def _completeness(library: ClauseLibrary) -> Iterator[str]:
    for cid in CATEGORY_IDS:
        if cid not in library.categories:
            yield f"categories/: 缺少类别 {cid}"
    for rid in REGIME_IDS:
        if rid not in library.regimes:
            yield f"regimes/: 缺少制度 {rid}"
    for cid, cat in library.categories.items():
        src = _src(library, cid)
        if not src.lower().startswith(cid.lower() + "_"):
            yield f"{src}: {cid}: 文件名应以 {cid.lower()}_ 开头"
        with_examples = sum(1 for e in cat.elements if e.examples) + sum(1 for d in cat.defects if d.examples)
        if with_examples < MIN_RULES_WITH_EXAMPLES:
            yield f"{src}: {cid}: 带示例的要素或缺陷只有 {with_examples} 条，至少需要 {MIN_RULES_WITH_EXAMPLES} 条"
        for d in cat.defects:
            if not d.examples:
                yield f"{src}: {d.id}: 缺陷没有必须触发的示例（examples）"
        yield from _essential_cited(library, cat, src)
    for rid in library.regimes:
        src = _src(library, rid)
        if src != f"{rid}.yaml":
            yield f"{src}: {rid}: 文件名应为 {rid}.yaml"


def _essential_cited(library: ClauseLibrary, cat, src: str) -> Iterator[str]:
    """Yield a problem for an essential element that no selected regime demands (corpus/LABELS.md “weak”).

    A missing element makes a clause weak only when a regime's requirement demands it: an essential element names
    the regimes (``regimes``) and cites the policy of at least one of them in its basis. Elements that only make a
    clause more complete are suggestions (essential: false).
    """
    for e in cat.elements:
        if not e.essential:
            continue
        if not e.regimes:
            yield (f"{src}: {e.id}: 核心要素（essential: true）必须用 regimes 写明要求它的制度；"
                   "只是使条款更完整的要素请设为 essential: false（仅提示补充）")
            continue
        files = {library.regimes[r].policy_file for r in e.regimes if r in library.regimes}
        if not any(b.split()[0] in files for b in e.basis):
            yield f"{src}: {e.id}: 核心要素的依据（basis）必须引用 {'、'.join(e.regimes)} 中至少一个制度的政策条款"


def _unique_ids(library: ClauseLibrary) -> Iterator[str]:
    seen: Counter[str] = Counter()
    for cid, cat in library.categories.items():
        for rec in (*cat.elements, *cat.defects):
            seen[rec.id] += 1
            if not rec.id.startswith(cid + "."):
                yield f"{_src(library, cid)}: {rec.id}: 编号应以所属类别 {cid}. 开头"
    for regime in library.regimes.values():
        for rec in (*regime.requirements, *regime.composition, *regime.prohibitions):
            seen[rec.id] += 1
    for fam in library.lexicon.families:
        seen[f"L.{fam.id}"] += 1
    for record_id, n in sorted(seen.items()):
        if n > 1:
            yield f"{_src(library, record_id.split('.')[0])}: {record_id}: 编号重复 {n} 次"


def _references(library: ClauseLibrary) -> Iterator[str]:
    requirement_ids = {rid: {r.id for r in reg.requirements} for rid, reg in library.regimes.items()}
    for cid, cat in library.categories.items():
        src = _src(library, cid)
        for rid, req in cat.requirements.items():
            for req_id in req.requirement_ids:
                if rid in requirement_ids and req_id not in requirement_ids[rid]:
                    yield f"{src}: {cid}: 制度 {rid} 中没有要求编号 {req_id}"
        for el in cat.elements:
            if el.check is not None and el.check not in CHECKS:
                yield f"{src}: {el.id}: 未知的检查名 {el.check!r}；可用：{', '.join(sorted(CHECKS))}"
        known = set().union(*requirement_ids.values()) if requirement_ids else set()
        for d in cat.defects:
            for req_id in d.requirements:
                if known and req_id not in known:
                    yield f"{src}: {d.id}: 未知的要求编号 {req_id}"
    for rid, regime in library.regimes.items():
        src = _src(library, rid)
        if regime.policy_file not in library.policies:
            yield f"{src}: {rid}: 政策文件 {regime.policy_file} 不在 policies/ 中"
        own = requirement_ids[rid]
        for req in regime.requirements:
            for cid in req.categories:
                if cid not in library.categories:
                    yield f"{src}: {req.id}: 未知类别 {cid}"
        for rule in (*regime.composition, *regime.prohibitions):
            if rule.requirement not in own:
                yield f"{src}: {rule.id}: 本制度中没有要求编号 {rule.requirement}"
        for rule in regime.composition:
            for t in set(rule.types) - MEMBER_TYPES:
                yield f"{src}: {rule.id}: 未知成员类型 {t!r}；可用：{', '.join(sorted(MEMBER_TYPES))}"
            for c in set(rule.chain_positions) - CHAIN_POSITIONS:
                yield f"{src}: {rule.id}: 未知产业链位置 {c!r}；可用：{', '.join(sorted(CHAIN_POSITIONS))}"
        outline = regime.outline
        for cid, n in Counter(outline).items():
            if n > 1:
                yield f"{src}: {rid}: outline 中 {cid} 重复"
        if outline and set(outline) != set(CATEGORY_IDS):
            missing = sorted(set(CATEGORY_IDS) - set(outline))
            yield f"{src}: {rid}: outline 应列出全部 25 个类别，缺少 {'、'.join(missing)}"
        if regime.naming_pattern:
            try:
                re.compile(regime.naming_pattern)
            except re.error as exc:
                yield f"{src}: {rid}: naming_pattern 不是有效的正则：{exc}"


def _patterns(library: ClauseLibrary) -> Iterator[str]:
    for where, pattern in iter_patterns(library):
        src = _src(library, where.split(".")[0].split("/")[0])
        regexes = ([pattern.text] if pattern.regex else []) + list(pattern.unless)
        for rx in regexes:
            try:
                re.compile(rx)
                re.compile(normalise_regex(rx))
            except re.error as exc:
                yield f"{src}: {where}: 正则 {rx!r} 无效：{exc}"


def _quotes(library: ClauseLibrary) -> Iterator[str]:
    for rid, regime in library.regimes.items():
        policy = library.policies.get(regime.policy_file)
        if policy is None:
            continue
        for req in regime.requirements:
            for quote in req.quotes:
                if not policy_contains(policy, quote.text):
                    yield f"{_src(library, rid)}: {req.id}: 引文在 {regime.policy_file} 中找不到：「{quote.text}」"


_POLICY_FILE = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


def _citations(library: ClauseLibrary) -> Iterator[str]:
    """Every policy a basis or cite names is a regime's policy file (reports cite it by that regime's title)."""
    files = {r.policy_file for r in library.regimes.values()}
    cited: list[tuple[str, str, str]] = []
    for cid, cat in library.categories.items():
        cited += [(cid, cid, b) for b in (*cat.basis, *(r.cite for r in cat.requirements.values()))]
        cited += [(cid, rec.id, b) for rec in (*cat.elements, *cat.defects) for b in rec.basis]
    cited += [("lexicon", f"L.{f.id}", b) for f in library.lexicon.families for b in f.basis]
    for source, record_id, basis in cited:
        for file in _POLICY_FILE.findall(basis):
            if file not in files:
                src = "lexicon.yaml" if source == "lexicon" else _src(library, source)
                yield f"{src}: {record_id}: 依据中的政策文件 {file} 不是任何制度的 policy_file"


def _field_annotation(path: str):
    """Return the annotation of a dotted field path of ``Agreement``, or None when it does not exist."""
    model = Agreement
    annotation = None
    for part in path.split("."):
        fields = getattr(model, "model_fields", None)
        if not fields or part not in fields:
            return None
        annotation = fields[part].annotation
        model = annotation
    return annotation


def _drafting(library: ClauseLibrary) -> Iterator[str]:
    import jinja2
    from jinja2 import meta

    env = jinja2.Environment()  # noqa: S701 - parsing only; rendering escapes in templates/
    env.filters.update(dict.fromkeys(TEMPLATE_FILTERS, lambda value, *args, **kwargs: value))
    allowed = set(Agreement.model_fields) | TEMPLATE_EXTRAS
    for cid, cat in library.categories.items():
        src = _src(library, cid)
        drafting = cat.drafting
        if drafting.choice is not None:
            annotation = _field_annotation(drafting.choice)
            if annotation is None:
                yield f"{src}: {cid}: drafting.choice {drafting.choice!r} 不是协议模型的字段"
            else:
                options = set(typing.get_args(annotation))
                ids = {t.id for t in drafting.texts}
                if options and ids != options:
                    yield (
                        f"{src}: {cid}: 备选条款 {sorted(ids)} 应与 {drafting.choice} 的取值 {sorted(options)} 一一对应"
                    )
        elif len(drafting.texts) > 1:
            yield f"{src}: {cid}: 有多个备选条款时须给出 drafting.choice"
        for text in drafting.texts:
            try:
                ast = env.parse(text.text)
                env.from_string(text.text)  # compiling also rejects unknown filters
            except jinja2.TemplateSyntaxError as exc:
                yield f"{src}: {cid}/{text.id}: 模板语法错误（第 {exc.lineno} 行）：{exc.message}"
                continue
            except jinja2.TemplateError as exc:
                yield f"{src}: {cid}/{text.id}: 模板错误：{exc}（可用过滤器：{'、'.join(sorted(TEMPLATE_FILTERS))}）"
                continue
            # Names assigned with {% set %} in some branch count as declared (jinja reports them as undeclared).
            assigned = {n.name for node in ast.find_all(jinja2.nodes.Assign)
                        for n in (node.target, *node.target.find_all(jinja2.nodes.Name))
                        if isinstance(n, jinja2.nodes.Name)}
            for name in sorted(meta.find_undeclared_variables(ast) - allowed - assigned):
                yield f"{src}: {cid}/{text.id}: 模板变量 {name!r} 不是协议模型的字段"
