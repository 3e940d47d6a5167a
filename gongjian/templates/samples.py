"""Sample agreement specs, one per regime, and the commented YAML that ``gongjian init`` writes.

The samples are plain data (``samples/<regime>.yaml``); the comments are generated from the model's Chinese field
descriptions, so they never drift from the model.
"""

from __future__ import annotations

import typing
from pathlib import Path

import yaml

from gongjian.contracts.agreement import Agreement

SAMPLES = Path(__file__).with_name("samples")


def sample_path(regime_id: str) -> Path:
    """Return the path of a regime's sample spec."""
    return SAMPLES / f"{regime_id}.yaml"


def sample_regimes() -> list[str]:
    """Return the regime ids that have a sample."""
    return sorted(p.stem for p in SAMPLES.glob("*.yaml"))


def _inner_model(annotation):
    """Return the pydantic model inside an annotation (``Member``, ``tuple[Member, ...]``, ``X | None``)."""
    if hasattr(annotation, "model_fields"):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _scalar(value) -> str:
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000).strip()
    return text.removesuffix("\n...").removesuffix("...").strip()


def _emit(data, model, indent: int, out: list[str], first_prefix: str | None = None, comments: bool = True) -> None:
    pad = " " * indent
    fields = getattr(model, "model_fields", {})
    for i, (key, value) in enumerate(data.items()):
        field = fields.get(key)
        desc = field.description if comments and field is not None and field.description else ""
        prefix = first_prefix if (first_prefix is not None and i == 0) else pad
        sub = _inner_model(field.annotation) if field is not None else None
        if isinstance(value, dict):
            if desc:
                out.append(f"{pad}# {desc}")
            out.append(f"{prefix}{key}:")
            _emit(value, sub, indent + 2, out, comments=comments)
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            if desc:
                out.append(f"{pad}# {desc}")
            out.append(f"{prefix}{key}:")
            for n, item in enumerate(value):  # comment the first item only
                _emit(item, sub, indent + 4, out, first_prefix=" " * (indent + 2) + "- ", comments=comments and n == 0)
        else:
            comment = f"  # {desc}" if desc else ""
            out.append(f"{prefix}{key}: {_scalar(value)}{comment}")


def commented_sample(regime_id: str) -> str:
    """Return a regime's sample spec as YAML with a Chinese comment on every field.

    Raises:
        FileNotFoundError: the regime has no sample.
    """
    data = yaml.safe_load(sample_path(regime_id).read_text("utf-8"))
    out = [
        f"# 组建协议要素文件（示例：{regime_id}）。修改后运行：gongjian draft 本文件.yaml -o 组建协议.docx",
        "# 成员单位用“简称”互相引用（任务、投入、份额、理事长等）；金额单位见 funding.unit；日期格式 2026-01-01。",
        "",
    ]
    _emit(data, Agreement, 0, out)
    return "\n".join(out) + "\n"
