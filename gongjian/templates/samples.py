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


_STEMS = "甲乙丙丁戊己庚辛壬癸"


def _short_name(k: int) -> str:
    """Return the k-th short name (1-based): 甲方 … 癸方, then 成员11, 成员12 …."""
    return f"{_STEMS[k - 1]}方" if k <= len(_STEMS) else f"成员{k}"


def _generated_uscc(region: str, k: int) -> str:
    """Return a valid enterprise USCC (both check characters computed) for the k-th generated member."""
    from gongjian.contracts.uscc import ALPHABET, _check_char_17, _check_char_18

    digits, n = [], k
    for _ in range(6):
        n, r = divmod(n, len(ALPHABET))
        digits.append(ALPHABET[r])
    body = "91" + region + "MA" + "".join(reversed(digits))
    body += _check_char_17(body + "0")
    return body + _check_char_18(body + "0")


def _spread(names: list[str], lead: str) -> list[dict]:
    """Return shares summing to 100: the same whole percentage for every member, the rest to the lead."""
    others = [n for n in names if n != lead]
    each = max(1, 50 // len(others)) if others else 0
    return [{"member": n, "percent": 100 - each * len(others) if n == lead else each} for n in names]


def scaled_sample(regime_id: str, members: int) -> dict:
    """Return a regime's sample spec (as data) with ``members`` member units, for tests and benchmarks.

    The first members are the sample's own (lead first); further ones are generated enterprises with valid USCCs,
    one task and a yearly cash contribution each. Members the sample has beyond ``members`` are dropped and what
    referred to them moves to the lead. Every share group is spread again so that it sums to 100 %. Composition
    rules of the regime hold only while the sample's own members are kept (js-tech-center and jl-industry-center
    have none).

    Raises:
        ValueError: fewer than two members.
    """
    if members < 2:
        raise ValueError("至少需要两家成员单位")
    data = yaml.safe_load(sample_path(regime_id).read_text("utf-8"))
    own = data["members"]
    lead = next(m for m in own if m["role"] == "lead")
    kept = [lead, *[m for m in own if m is not lead]][:members]
    region = lead["uscc"][2:8]
    used = {m["short_name"] for m in own}
    k = 0
    while len(kept) < members:
        k += 1
        short = _short_name(len(own) + k)
        if short in used:
            continue
        kept.append({
            "full_name": f"示例第{len(kept) + 1}号协作科技有限公司", "short_name": short, "role": "member",
            "type": "enterprise", "chain_position": "none", "uscc": _generated_uscc(region, k),
            "legal_representative": "周明远", "address": f"{lead['address']}协作楼{len(kept) + 1}室",
            "contact": {"name": "吴晓东", "phone": f"010-6{len(kept) + 1:07d}"},
        })
    if any(m.get("tier") for m in own):
        for m in kept[1:]:
            m.setdefault("tier", "cooperating")
    data["members"] = kept
    all_names = [m["short_name"] for m in kept]
    names = set(all_names)
    boss = lead["short_name"]

    def keep(value: str) -> str:
        return value if value in names else boss

    data["platform"]["liable_member"] = keep(data["platform"]["liable_member"])
    for t in data["goals"]["targets"]:
        t["owner"] = keep(t["owner"])
    tasks = [t for t in data["tasks"] if t["owner"] in names]
    last = max(t["deadline"] for t in data["tasks"])
    for m in kept:
        if not any(t["owner"] == m["short_name"] for t in tasks):
            tasks.append({"owner": m["short_name"], "title": f"{m['short_name']}配套研发与验证",
                          "content": "围绕联合攻关方向承担配套部件研制和应用验证。",
                          "deliverable": "配套部件样件1套及验证报告1份", "deadline": last, "leader": "周明远"})
    data["tasks"] = tasks
    funding = data["funding"]
    contributions = [c for c in funding["contributions"] if c["member"] in names]
    years = sorted({c["year"] for c in funding["contributions"]})
    amount = 100 if funding.get("unit", "万元") == "万元" else 1_000_000
    for m in kept:
        if not any(c["member"] == m["short_name"] for c in contributions):
            contributions += [{"member": m["short_name"], "year": y, "amount": amount} for y in years]
    funding["contributions"] = contributions
    funding["total"] = sum(c["amount"] for c in contributions)
    funding["account_holder"] = keep(funding["account_holder"])
    gov = data["governance"]
    gov["council"]["chair"] = keep(gov["council"]["chair"])
    gov["expert_committee"]["chief_expert_member"] = keep(gov["expert_committee"]["chief_expert_member"])
    gov["executive_member"] = keep(gov["executive_member"])
    data["background_ip"] = [b for b in data.get("background_ip", []) if b["owner"] in names]
    fg = data["foreground_ip"]
    fg["filing_member"] = keep(fg["filing_member"])
    if fg.get("co_owned_shares"):
        fg["co_owned_shares"] = _spread(all_names, boss)
    for split in data["revenue"]["splits"]:
        split["shares"] = _spread(all_names, boss)
    return data
