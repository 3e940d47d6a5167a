"""Show a drafting template to a reader who does not know Jinja."""

from __future__ import annotations

import re

_EXPR = re.compile(r"\{\{\s*(.+?)\s*\}\}")
_TAG = re.compile(r"\{%-?\s*(.+?)\s*-?%\}")


def readable_template(text: str) -> str:
    """Return the template with fields shown as 【字段】 and control tags as short notes.

    >>> readable_template("由{{ lead.short_name }}负责{% if x %}，另行{% endif %}")
    '由【lead.short_name】负责〔如 x：〕，另行〔如结束〕'
    >>> readable_template("{% for m in members %}{{ m.full_name }}{% endfor %}")
    '〔对每个 m（members）：〕【m.full_name】〔循环结束〕'
    """

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

    return _TAG.sub(tag, _EXPR.sub(lambda m: f"【{m.group(1)}】", text))


def fill_template(text: str, context: dict) -> str:
    """Render a drafting template with whatever values are known; unknown fields show as 【字段】.

    Used for suggestions in check reports, where only the parties are known.

    >>> fill_template("由{{ lead.full_name }}统一办理，费用按{{ foreground_ip.confirm_days }}日内确认",
    ...               {"lead": {"full_name": "示例科技有限公司"}})
    '由示例科技有限公司统一办理，费用按【foreground_ip.confirm_days】日内确认'
    """
    import jinja2

    class Placeholder(jinja2.Undefined):
        def __str__(self) -> str:
            return f"【{self._undefined_name}】"

        def __getattr__(self, name: str):
            if name.startswith("__"):
                raise AttributeError(name)
            return Placeholder(name=f"{self._undefined_name}.{name}")

        def __iter__(self):
            return iter(())

        def __call__(self, *args, **kwargs):
            return self

        def __getitem__(self, key):
            return Placeholder(name=f"{self._undefined_name}[{key}]")

        # Arithmetic and comparisons on an unknown value stay unknown (shown as 【字段】), never fail.
        __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = (
            lambda self, other: self)

        def __eq__(self, other):
            return False

        __lt__ = __le__ = __gt__ = __ge__ = __eq__

        def __ne__(self, other):
            return True

        def __hash__(self):
            return hash(self._undefined_name)

    env = jinja2.Environment(undefined=Placeholder, trim_blocks=True, lstrip_blocks=True)  # noqa: S701 - text
    for name in ("cndate", "money", "pct", "cnnum"):
        env.filters[name] = lambda value, *args, **kwargs: value
    try:
        rendered = env.from_string(text).render(context)
    except jinja2.TemplateError:  # arithmetic or comparisons on unknown values: show the template readably
        rendered = readable_template(text)
    return "\n".join(line.strip() for line in rendered.splitlines() if line.strip())
