"""Strict, frozen pydantic models of the clause library's YAML files.

Every record is immutable and unknown keys are errors (``extra="forbid"``), so a misspelt key in a YAML file
fails validation instead of silently becoming a default. Ids are the spec's, verbatim
(``../shared/spec/clause-spec.md``): categories C01–C25, requirements JSF-01 / CQL-02a …, regimes
``js-fusion`` … ``cq-liangjiang``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Level = Literal["MUST-A", "MUST-C", "SHOULD", "PROC", "LAW", "INFO"]
Severity = Literal["error", "warning", "info"]
Family = Literal[
    "deferral",
    "hedging",
    "missing-number",
    "missing-party",
    "defeating-alternative",
    "open-list",
    "placeholder",
    "ambiguous",
    "imbalance",
    "regime-conflict",
    "legal-risk",
    "legal-invalid",
]

CategoryId = Annotated[str, StringConstraints(pattern=r"^C(0[1-9]|1\d|2[0-5])$")]
ElementId = Annotated[str, StringConstraints(pattern=r"^C\d{2}\.E\d+$")]
DefectId = Annotated[str, StringConstraints(pattern=r"^C\d{2}\.D\d+$")]
RegimeId = Literal["js-fusion", "js-consortium", "js-tech-center", "jl-industry-center", "cq-liangjiang"]
REGIME_IDS: tuple[str, ...] = ("js-fusion", "js-consortium", "js-tech-center", "jl-industry-center", "cq-liangjiang")


class Spec(BaseModel):
    """Base for library records: immutable, and unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Pattern(Spec):
    """A literal phrase or a regular expression, with guards that cancel a hit."""

    text: str = Field(min_length=1, description="短语；regex 为 true 时为正则表达式（Python re 语法）")
    regex: bool = Field(False, description="text 是否为正则表达式")
    unless: tuple[str, ...] = Field(
        (),
        description="防误报：命中处被这些更长的词（正则）覆盖时不算命中，例如“约”在“约定”“违约”中",
    )
    word: bool = Field(False, description="只在分词边界上命中（命中须是完整的词，例如“约”而非“约定”中的“约”）")


class Cue(Pattern):
    """A weighted phrase that says where a clause of the category is."""

    weight: float = Field(0.5, ge=0.0, le=1.0, description="该线索对类别判断的权重")
    heading: bool = Field(False, description="仅在条款标题中命中才计入")


class Element(Spec):
    """What a complete clause of the category contains; absent → weak (rule id ``Cxx.Ey``)."""

    id: ElementId
    label: str = Field(description="要素名称（中文）")
    any_of: tuple[Pattern, ...] = Field(min_length=1, description="出现任一即视为具备该要素")
    check: str | None = Field(None, description="命名检查，见 clauses/checks.py，例如 percent_sum、amount、number")
    message: str = Field(description="缺少该要素时的中文提示")
    severity: Severity | None = Field(None, description="缺省时按类别的要求级别确定")
    essential: bool = Field(
        False,
        description="核心要素（谁、做什么、多少、比例、哪个机构）：缺少即判定条款为弱；其余要素缺少时仅提示补充",
    )
    regimes: tuple[RegimeId, ...] = Field((), description="只在这些制度下要求；空表示所有制度")
    basis: tuple[str, ...] = Field((), description="法律或政策依据")
    examples: tuple[str, ...] = Field((), description="具备该要素的文本（测试：必须识别为具备）")
    not_examples: tuple[str, ...] = Field((), description="缺少该要素的文本（测试：必须识别为缺少）")


class Defect(Spec):
    """Weak or risky wording inside a clause of the category (rule id ``Cxx.Dy``)."""

    id: DefectId
    family: Family
    label: str = Field(description="缺陷名称（中文）")
    patterns: tuple[Pattern, ...] = Field(min_length=1, description="触发模式，任一命中即可")
    near: tuple[Pattern, ...] = Field((), description="同一句中还须出现其中之一才触发")
    absent: tuple[Pattern, ...] = Field((), description="同一句中出现其中之一则不触发（例如有比例、有天数）")
    absent_in_clause: tuple[Pattern, ...] = Field(
        (), description="该类别条款的全文（同一条）中出现其中之一则不触发：缺陷说的是整个条款缺少什么"
                        "（例如“只约定协商”，而下一句写明了仲裁机构）")
    regimes: tuple[RegimeId, ...] = Field((), description="只在这些制度下触发；空表示所有制度")
    severity: Severity | None = Field(None, description="缺省时按类别的要求级别确定（MUST-A → error，其余 → warning）")
    message: str = Field(description="中文提示，说明为什么弱、有什么后果")
    basis: tuple[str, ...] = Field(min_length=1, description="法律或政策依据")
    requirements: tuple[str, ...] = Field((), description="相关的制度要求编号，例如 CQL-03")
    suggestion: str | None = Field(None, description="具体的修改建议；缺省时使用类别的标准条款")
    examples: tuple[str, ...] = Field(min_length=1, description="必须触发的文本")
    not_examples: tuple[str, ...] = Field(min_length=1, description="不得触发的文本")


class Requirement(Spec):
    """How one regime requires a category (spec §2.1 matrix)."""

    level: Level
    cite: str = Field(description="政策条款，例如 “004_552c305ebc467d0d.txt 五(一)2, 附件2 二”")
    requirement_ids: tuple[str, ...] = Field((), description="制度文件中的要求编号，例如 CQL-02a")


class DraftingText(Spec):
    """A strong standard clause (or one named alternative), a Jinja template over the Agreement model."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]
    label: str = Field(description="备选方案名称（中文）")
    text: str = Field(description="条款正文（Jinja2 模板，变量为协议模型的字段）；每行一段")


class Drafting(Spec):
    """The category's drafting texts: one standard text, or named alternatives chosen by a model field."""

    title: str = Field(description="起草时的条款标题，例如 “知识产权归属”")
    choice: str | None = Field(None, description="选择备选方案的协议模型字段路径，例如 ip.foreground_rule")
    texts: tuple[DraftingText, ...] = Field(min_length=1)


class Category(Spec):
    """One clause category C01–C25 (one YAML file)."""

    schema_version: Literal[1]
    id: CategoryId
    name: str = Field(description="类别名称，与规范一致")
    summary: str = Field(description="一句话说明该类条款解决什么问题")
    cues: tuple[Cue, ...] = Field(min_length=1)
    elements: tuple[Element, ...] = ()
    defects: tuple[Defect, ...] = ()
    requirements: dict[RegimeId, Requirement] = Field(default_factory=dict)
    law_level: Level | None = Field(
        None, description="无制度要求时按法律的要求级别（LAW）；例如保密、违约、争议解决"
    )
    basis: tuple[str, ...] = Field(min_length=1, description="类别的法律与政策依据")
    drafting: Drafting


class LexiconFamily(Spec):
    """A cross-cutting weakness family of spec §2.0 (rule id ``L.<id>``)."""

    id: Family
    name: str
    patterns: tuple[Pattern, ...] = Field(min_length=1)
    absent: tuple[Pattern, ...] = Field((), description="同一句中出现其中之一则不触发")
    severity: Severity = Field(description="默认严重程度")
    severity_in_must_a: Severity | None = Field(None, description="在 MUST-A 类别中的严重程度")
    message: str
    basis: tuple[str, ...] = Field(min_length=1)
    examples: tuple[str, ...] = Field(min_length=1)
    not_examples: tuple[str, ...] = Field(min_length=1)


class Lexicon(Spec):
    """The weakness lexicon (lexicon.yaml)."""

    schema_version: Literal[1]
    families: tuple[LexiconFamily, ...] = Field(min_length=1)


class Quote(Spec):
    """A verbatim quote of a policy, with its article."""

    cite: str = Field(description="条款位置，例如 “五(一)2”")
    text: str = Field(description="原文（逐字，允许仅空白不同）")


class RegimeRequirement(Spec):
    """One requirement of a regime (spec §1), e.g. CQL-03."""

    id: Annotated[str, StringConstraints(pattern=r"^(JSF|JSC|JST|JLI|CQL)-\d{2}[a-z]?$")]
    topic: str
    level: str = Field(description="MUST-A / MUST-C / SHOULD / PROC / LAW / INFO，或如 “MUST-A / PROC”")
    requirement: str = Field(description="要求（中文）")
    quotes: tuple[Quote, ...] = ()
    categories: tuple[CategoryId, ...] = ()


class CompositionRule(Spec):
    """A membership rule checked by drafting validation and by the checker (X04)."""

    id: str
    description: str = Field(description="规则（中文）")
    count: Literal["members", "lead", "others"] = Field(
        "members", description="计数对象：members 全体成员 / lead 牵头单位 / others 牵头单位以外的成员"
    )
    types: tuple[str, ...] = Field((), description="成员类型（enterprise/university/institute/hospital/other）")
    chain_positions: tuple[str, ...] = Field((), description="产业链位置（upstream/downstream/application）")
    min: int = Field(1, ge=0)
    severity: Severity
    requirement: str = Field(description="要求编号")
    message: str = Field(description="不满足时的中文提示")


class Prohibition(Spec):
    """A regime prohibition (X21), e.g. the lead can never change under js-consortium."""

    id: str
    description: str
    patterns: tuple[Pattern, ...] = Field(min_length=1, description="协议文本中违反该禁止性规定的表述")
    absent: tuple[Pattern, ...] = Field((), description="同一句中出现其中之一则不违反（例如“经科技创新局同意”）")
    severity: Severity
    requirement: str
    message: str
    examples: tuple[str, ...] = Field(min_length=1)
    not_examples: tuple[str, ...] = Field(min_length=1)


class Signature(Spec):
    """Signature formalities of a regime (C17 / X03)."""

    legal_representative: bool = Field(description="须由法定代表人签字")
    official_seal: bool = Field(description="须加盖公章")
    both_required: bool = Field(description="签字与盖章须同时具备（签字或盖章不满足）")
    authorised_representative_allowed: bool = Field(description="是否允许授权代表签字")
    requirement: str | None = None
    cite: str | None = None


class Regime(Spec):
    """One regime (one YAML file in regimes/)."""

    schema_version: Literal[1]
    id: RegimeId
    name: str = Field(description="政策文件全称")
    short_name: str
    issuer: str
    document_number: str | None = None
    status: Literal["征求意见稿", "试行", "issued"]
    policy_file: str = Field(description="policies/ 下的文件名")
    platform_form: str = Field(description="平台形态（中文）")
    detection: tuple[Pattern, ...] = Field(min_length=1, description="识别该制度的文本线索")
    requirements: tuple[RegimeRequirement, ...] = Field(min_length=1)
    composition: tuple[CompositionRule, ...] = ()
    prohibitions: tuple[Prohibition, ...] = ()
    signature: Signature
    naming_pattern: str | None = Field(None, description="平台名称的正则，例如 ^重庆两江新区.+产业创新联合体$")
    term_years: int | None = Field(None, description="协议期限应覆盖的年数（认定有效期或建设期）")
    outline: tuple[CategoryId, ...] = Field((), description="起草时的条款顺序（如 004 附件2 的提纲）")
