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
