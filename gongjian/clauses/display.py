"""Show a drafting template to a reader who does not know Jinja.

A value the template needs but the reader does not know is shown as a blank to fill, named in Chinese after the
agreement model's field description: ``{{ breach.late_payment_rate }}`` → 【逾期投入资金每日违约金比例】
(:func:`field_label`). The field paths stay in the library's data and in ``gongjian clauses show --format json``.
"""

from __future__ import annotations

import contextvars
import re
import typing
from functools import cache, lru_cache, partialmethod

from pydantic import BaseModel

from gongjian.contracts.agreement import Agreement, Member

_EXPR = re.compile(r"\{\{\s*(.+?)\s*\}\}")
_TAG = re.compile(r"\{%-?\s*(.+?)\s*-?%\}")
_PATH = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?(?:\.[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?)*")
_CLAUSE_END = re.compile(r"[，,；;：:。]")
_REMARK = re.compile(r"（[^）]*）|\([^)]*\)")
#: The longest label shown in a blank; a longer one is cut and ends with “…”.
MAX_LABEL = 20

#: Names a template uses besides the fields of ``Agreement`` (see clauses.validation.TEMPLATE_EXTRAS): what a
#: blank for one of them is called, and the model a dotted path through it continues in.
_EXTRAS: dict[str, tuple[str, type[BaseModel] | None]] = {
    "lead": ("牵头单位", Member),
    "others": ("其他成员单位", Member),
    "members": ("成员单位", Member),
    "copies": ("协议正本份数", None),
    "regime": ("适用制度", None),
    "regimes": ("适用制度", None),
    "platform_word": ("平台简称", None),
}
#: Fields of the regime (``regime.issuer`` …), which is not part of the agreement model.
_REGIME_FIELDS = {"issuer": "主管部门", "name": "政策文件名称", "short_name": "政策文件简称"}
#: Computed values of the model that templates use (properties and methods have no field description).
_DERIVED = {"end": "期限届满日", "copies": "协议正本份数", "member_total": "该成员单位投入金额"}


def _model_in(annotation) -> type[BaseModel] | None:
    """Return the model an annotation holds: itself, or inside a tuple, list or optional."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        if (model := _model_in(arg)) is not None:
            return model
    return None


def _short(description: str) -> str:
    """Return a field description's first clause without its remarks in brackets, short enough for a blank.

    >>> _short("执行机构（办公室）所在成员单位简称"), _short("类型：enterprise 企业 / university 高校")
    ('执行机构所在成员单位简称', '类型')
    """
    label = _CLAUSE_END.split(_REMARK.sub("", description), maxsplit=1)[0].strip()
    label = re.split(r"\s", label, maxsplit=1)[0]  # “…，例如 甲方” and “类型：enterprise 企业” stop at a space
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


@cache
def field_label(path: str) -> str | None:
    """Return the Chinese name of a dotted field path of the agreement model, or None when it has none.

    The path runs through nested models, lists and optionals (``[0]`` indexes are ignored); ``lead``, ``others``
    and ``members`` are members. The name is the field description's first clause (before ，；：, without its
    remarks in brackets); a name of two characters says whose it is.

    >>> field_label("breach.late_payment_rate"), field_label("foreground_ip.confirm_days")
    ('逾期投入资金每日违约金比例', '共同成果份额书面确认期限')
    >>> field_label("lead.full_name"), field_label("members[0].legal_representative")
    ('牵头单位全称', '成员单位法定代表人')
    >>> field_label("governance.council.name"), field_label("goals.targets.value"), field_label("no.such_field")
    ('决策机构名称', '可考核的目标指标数值', None)
    """
    parts = re.sub(r"\[[^\]]*\]", "", path).split(".")
    prefix, model = "", Agreement
    if parts[0] in _EXTRAS:
        prefix, extra_model = _EXTRAS[parts[0]]
        if len(parts) == 1:
            return prefix
        if parts[0] == "regime" and len(parts) == 2:
            return _REGIME_FIELDS.get(parts[1])
        if extra_model is None:
            return None
        model, parts = extra_model, parts[1:]
    label = None
    for i, part in enumerate(parts):
        fields = getattr(model, "model_fields", None) or {}
        last = i == len(parts) - 1
        if last and part not in fields:  # a computed value: type_name → the type's name, term.end …
            base = part.removesuffix("_name")
            if base != part and base in fields and fields[base].description:
                return _owned(prefix, _short(fields[base].description), model)
            return _DERIVED.get(part)
        if part not in fields:
            return None
        info = fields[part]
        label = _short(info.description) if info.description else None
        if not last:
            model = _model_in(info.annotation)
            if model is None:
                return None
    return _owned(prefix, label, model) if label else None


def _model_at(path: str) -> type[BaseModel] | None:
    """Return the model of the value a dotted path leads to (the item model for a list), or None.

    >>> _model_at("revenue.splits.shares").__name__, _model_at("lead").__name__, _model_at("term.years")
    ('Share', 'Member', None)
    """
    parts = re.sub(r"\[[^\]]*\]", "", path).split(".")
    model: type[BaseModel] | None = Agreement
    if parts[0] in _EXTRAS:
        model, parts = _EXTRAS[parts[0]][1], parts[1:]
    for part in parts:
        info = (getattr(model, "model_fields", None) or {}).get(part)
        model = _model_in(info.annotation) if info is not None else None
        if model is None:
            return None
    return model


def _owned(prefix: str, label: str, model) -> str:
    """Return a label with whose it is: the member it belongs to, or the model when the label is too short."""
    if prefix:
        return prefix + label.removeprefix("单位")
    if len(label) <= 2 and model is not Agreement and model.__doc__:  # “数值”, “金额”: say of what
        owner = _short(model.__doc__.strip().split("\n")[0]).removeprefix("一项").removeprefix("一家")
        return _short(owner + label)
    return label


def blank(path: str) -> str:
    """Return the blank shown for an unknown value: 【its Chinese name】, or 【path】 when the model has none.

    >>> blank("breach.late_payment_rate"), blank("x.y")
    ('【逾期投入资金每日违约金比例】', '【x.y】')
    """
    return f"【{field_label(path) or path}】"


_LITERAL = r"\"[^\"]*\"|'[^']*'"
_SCALE = r"(?:\s*[*/]\s*\d+)?"  # breach.confidentiality_penalty * 10000 is still the penalty
_CHOICE = re.compile(rf"\(?\s*(?P<a>{_LITERAL}|{_PATH.pattern}){_SCALE}\s+if\s+.+?\s+else\s+"
                     rf"(?P<b>{_LITERAL}|{_PATH.pattern}){_SCALE}\s*\)?\s*(\|.*)?")


def _expression_blank(expr: str, aliases: dict[str, str]) -> str:
    """Return the blank for a template expression: a field path (through loop variables), or a choice of two.

    Any other expression is shown as it is.

    >>> _expression_blank('"董事" if governance.council.name == "董事会" else "理事"', {})
    '【董事/理事】'
    >>> _expression_blank("(breach.confidentiality_penalty if x else breach.confidentiality_penalty * 10000)|money", {})
    '【泄密违约金】'
    """

    def name(path: str) -> str:
        for _ in range(5):  # nested loops: {% for s in revenue.splits %}{% for sh in s.shares %}
            head, dot, rest = path.partition(".")
            head = re.sub(r"\[[^\]]*\]", "", head)
            if head not in aliases:
                break
            path = aliases[head] + dot + rest
        return field_label(path) or path

    def part(text: str) -> str:
        return text[1:-1] if text[:1] in "\"'" else name(text)

    path = expr.split("|", 1)[0].strip()
    if _PATH.fullmatch(path):
        return f"【{name(path)}】"
    if m := _CHOICE.fullmatch(expr):
        a, b = part(m.group("a")), part(m.group("b"))
        return f"【{a if a == b else f'{a}/{b}'}】"
    return f"【{expr}】"


def _aliases(text: str) -> dict[str, str]:
    """Return what the loop variables and ``{% set %}`` names of a template stand for, when that is a field path."""
    aliases = {}
    for m in _TAG.finditer(text):
        body = m.group(1)
        if body.startswith("for "):
            var, _, seq = body[4:].partition(" in ")
            names, seq = var.strip(), seq.strip()
        elif body.startswith("set ") and "=" in body:
            names, _, seq = (x.strip() for x in body[4:].partition("="))
        else:
            continue
        if (path := _PATH.match(seq)) and (body.startswith("for ") or path.group(0) == seq):
            aliases[names] = path.group(0)
    return aliases


def readable_template(text: str) -> str:
    """Return the template with fields shown as 【字段名】 and control tags as short notes.

    >>> readable_template("由{{ lead.short_name }}负责{% if x %}，另行{% endif %}")
    '由【牵头单位简称】负责〔如 x：〕，另行〔如结束〕'
    >>> readable_template("{% for m in members %}{{ m.full_name }}{% endfor %}")
    '〔对每个 m（members）：〕【成员单位全称】〔循环结束〕'
    >>> readable_template("违约金按每日{{ breach.late_payment_rate }}计算")
    '违约金按每日【逾期投入资金每日违约金比例】计算'
    """
    aliases = _aliases(text)

    def tag(m: re.Match[str]) -> str:
        body = m.group(1)
        if body.startswith("for "):
            var, _, seq = body[4:].partition(" in ")
            return f"〔对每个 {var.strip()}（{seq.strip()}）：〕"
        if body.startswith("endfor"):
            return "〔循环结束〕"
        if body.startswith(("if ", "elif ")):
            return f"〔如 {body.split(' ', 1)[1]}：〕"
        if body.startswith("else"):
            return "〔否则：〕"
        if body.startswith("endif"):
            return "〔如结束〕"
        return f"〔{body}〕"

    return _TAG.sub(tag, _EXPR.sub(lambda m: _expression_blank(m.group(1), aliases), text))


def _container_paths(context: dict) -> dict[int, str]:
    """Return id(mapping or list) → its path in the context, so that a missing key can be named by its full path."""
    paths: dict[int, str] = {}
    for key, value in context.items():
        if isinstance(value, dict):
            paths[id(value)] = key
    for key, value in context.items():
        if isinstance(value, list | tuple):
            paths.setdefault(id(value), key)
            for item in value:
                if isinstance(item, dict):
                    paths.setdefault(id(item), key)
    return paths


def _power_of_ten(value) -> bool:
    """Return whether a number scales by a power of ten (10000: 万元 → 元), as unit conversions do.

    >>> _power_of_ten(10000), _power_of_ten(0.01), _power_of_ten(5), _power_of_ten("10")
    (True, True, False, False)
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return any(abs(value - 10.0**k) < 1e-12 * 10.0**k for k in range(-6, 10))


#: The context being rendered and the paths of its containers (``_container_paths``), for the blanks.
_RENDERING: contextvars.ContextVar[tuple[dict[int, str], dict] | None] = contextvars.ContextVar(
    "rendering", default=None)


def _rendering() -> tuple[dict[int, str], dict]:
    return _RENDERING.get() or ({}, {})


@cache
def _environment():
    """Return the one jinja2 environment of suggestions: unknown fields render as 【字段名】 blanks.

    Built once, and each template compiled once (``_template``): compiling anew for every suggestion took nine
    tenths of checking a short document (issue 13, item 14). What a rendering needs of its context it reads from
    ``_RENDERING``.
    """
    import jinja2
    from jinja2.utils import missing

    class Placeholder(jinja2.Undefined):
        def _path(self) -> str:
            owner = self._undefined_obj
            base = _rendering()[0].get(id(owner)) if owner is not missing else None
            name = "待填写" if self._undefined_name is None else self._undefined_name
            return f"{base}.{name}" if base else str(name)

        def __str__(self) -> str:
            return blank(self._path())

        def __getattr__(self, name: str):
            if name.startswith("__"):
                raise AttributeError(name)
            return Placeholder(name=f"{self._path()}.{name}")

        def __iter__(self):
            # An unknown list is one unknown item: the loop's text is shown once, with blanks; a list of members'
            # shares (``revenue.splits[].shares``) has one item per member the document names.
            path = self._path()
            model = _model_at(path)
            members = [m["short_name"] for m in _rendering()[1].get("members") or () if "short_name" in m]
            if model is not None and "member" in model.model_fields and members:
                return iter(MemberItem(name=path, member=m) for m in members)
            return iter((Placeholder(name=path),))

        def __call__(self, *args, **kwargs):
            return self

        def __getitem__(self, key):
            return Placeholder(name=f"{self._path()}[{key}]")

        # Arithmetic on an unknown value stays unknown, never fails: scaled by a power of ten (a unit conversion,
        # 万元 → 元) it keeps its name; with another unknown the blank names both (【成员单位数×每家…理事人数】).
        def _op(self, other, symbol: str, reflected: bool = False):
            if not isinstance(other, jinja2.Undefined) and _power_of_ten(other):
                return self
            a, b = (other, self) if reflected else (self, other)
            return Formula(name=f"{_label(a)}{symbol}{_label(b)}")

        __add__, __radd__ = partialmethod(_op, symbol="+"), partialmethod(_op, symbol="+", reflected=True)
        __sub__, __rsub__ = partialmethod(_op, symbol="－"), partialmethod(_op, symbol="－", reflected=True)
        __mul__, __rmul__ = partialmethod(_op, symbol="×"), partialmethod(_op, symbol="×", reflected=True)
        __truediv__, __rtruediv__ = partialmethod(_op, symbol="÷"), partialmethod(_op, symbol="÷", reflected=True)

        # An unknown value equals nothing (the template's default branch is taken), but passes a threshold, so
        # that ``for m in members if funding.member_total(m.short_name) > 0`` lists every member with a blank.
        def __eq__(self, other):
            return False

        def __gt__(self, other):
            return True

        __lt__ = __le__ = __ge__ = __gt__

        def __ne__(self, other):
            return True

        def __hash__(self):
            return hash(self._undefined_name)

    class MemberItem(Placeholder):
        """An unknown item of a list kept per member: its ``member`` is known, the rest are blanks."""

        def __init__(self, name: str, member: str) -> None:
            super().__init__(name=name)
            self._member = member

        def __getattr__(self, name: str):
            return self._member if name == "member" else super().__getattr__(name)

    class Count(Placeholder):
        """The size of an unknown list: 【成员单位数】."""

        def __str__(self) -> str:
            return f"【{field_label(self._path()) or self._path()}数】"

    class Formula(Placeholder):
        """A value computed from unknown ones, named by its formula."""

        def __str__(self) -> str:
            return f"【{self._undefined_name}】"

    def _label(value) -> str:
        return str(value)[1:-1] if isinstance(value, Placeholder) else str(value)

    def length(value):
        return Count(name=value._path()) if isinstance(value, Placeholder) else len(value)

    def path_of(value) -> str | None:
        return value._path() if isinstance(value, Placeholder) else _rendering()[0].get(id(value))

    def select(filter_name: str):
        chosen = jinja2.filters.FILTERS[filter_name]

        @jinja2.pass_context
        def run(ctx, value, *args):
            if isinstance(value, Placeholder):
                return value
            found = list(chosen(ctx, value, *args))
            # A member picked by an unknown value (the liable member of an unknown lead) is an unknown member.
            if not found and any(isinstance(a, jinja2.Undefined) for a in args) and path_of(value):
                return Placeholder(name=path_of(value))
            return found

        return run

    def first(value):
        if isinstance(value, Placeholder):
            return value
        return next(iter(value), None) or Placeholder(name=path_of(value) or "待填写")

    env = jinja2.Environment(undefined=Placeholder, trim_blocks=True, lstrip_blocks=True)  # noqa: S701 - text
    for name in ("cndate", "money", "pct", "cnnum"):
        env.filters[name] = lambda value, *args, **kwargs: value
    env.filters["length"] = env.filters["count"] = length
    env.filters["selectattr"] = select("selectattr")
    env.filters["rejectattr"] = select("rejectattr")
    env.filters["list"] = lambda value: value if isinstance(value, Placeholder) else list(value)
    env.filters["first"] = first
    return env


@lru_cache(maxsize=1024)
def _template(text: str):
    return _environment().from_string(text)


def fill_template(text: str, context: dict) -> str:
    """Render a drafting template with whatever values are known; unknown fields show as 【字段名】 blanks.

    Used for suggestions in check reports, where only the parties are known. The suggestion must read as finished
    Chinese: a list the document does not give is one blank item (``{% for m in others %}`` → 【其他成员单位简称】),
    its size a blank count (共【成员单位数】家), and a member picked by an unknown value a blank member — never an
    empty list before 。 or ：, a 0, or a field path.

    >>> fill_template("由{{ lead.full_name }}统一办理，费用按{{ foreground_ip.confirm_days }}日内确认",
    ...               {"lead": {"full_name": "示例科技有限公司"}})
    '由示例科技有限公司统一办理，费用按【共同成果份额书面确认期限】日内确认'
    >>> fill_template("平台为{{ platform.entity_name }}", {"platform": {"name": "示例联合体"}})
    '平台为【独立法人实体名称】'
    >>> fill_template("{% for m in others %}{{ m.short_name }}{% if not loop.last %}、{% endif %}{% endfor %}"
    ...               "为成员单位，共{{ members | length }}家。", {})
    '【其他成员单位简称】为成员单位，共【成员单位数】家。'
    >>> fill_template("其中{% for m in members if funding.member_total(m.short_name) > 0 %}{{ m.short_name }}投入"
    ...               "{{ funding.member_total(m.short_name) }}{% endfor %}。", {"members": [{"short_name": "甲方"}]})
    '其中甲方投入【该成员单位投入金额】。'
    >>> fill_template("{% set x = members | selectattr('short_name', 'equalto', platform.liable) | first %}"
    ...               "由{{ x.full_name }}负责", {"members": [{"short_name": "甲方"}]})
    '由【成员单位全称】负责'
    """
    import jinja2

    token = _RENDERING.set((_container_paths(context), context))
    try:
        rendered = _template(text).render(context)
    except jinja2.TemplateError:  # arithmetic or comparisons on unknown values: show the template readably
        rendered = readable_template(text)
    finally:
        _RENDERING.reset(token)
    return "\n".join(line.strip() for line in rendered.splitlines() if line.strip())
