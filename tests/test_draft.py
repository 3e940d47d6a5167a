"""Drafting: init → draft → .docx for every regime's sample, the document's contents and typography, the draft →
check round trip, spec validation (every problem at once, exit 2, nothing written), escaping, --force, --format md.

Every document is generated here from the shipped samples; no binary is committed.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from lxml import etree

from gongjian.cli import cli
from gongjian.contracts.agreement import Agreement
from gongjian.contracts.uscc import check_uscc
from gongjian.templates.render import cn_number
from gongjian.templates.samples import sample_path, sample_regimes, scaled_sample

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REGIMES = ["cq-liangjiang", "js-fusion", "js-consortium", "js-tech-center", "jl-industry-center"]


def invoke(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def sample_data(regime: str) -> dict:
    return yaml.safe_load(sample_path(regime).read_text("utf-8"))


def dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def line_of(text: str, needle: str) -> int:
    """Return the 1-based line of the first line containing ``needle``."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def body_texts(document) -> list[str]:
    """Return the text of every paragraph, table cells included, in body order."""
    out = []
    for block in document.element.body.iter(f"{W}p"):
        out.append("".join(t.text or "" for t in block.iter(f"{W}t")))
    return out


class Drafted:
    """One regime's sample, drafted through the CLI (init, then draft)."""

    def __init__(self, regime: str, folder: Path) -> None:
        import docx

        self.regime = regime
        self.spec = folder / f"{regime}.yaml"
        self.path = folder / f"{regime}.docx"
        self.init = invoke("init", "--regime", regime, "-o", self.spec)
        self.draft = invoke("draft", self.spec, "-o", self.path)
        self.agreement = Agreement.model_validate(sample_data(regime))
        self.document = docx.Document(str(self.path))
        self.texts = body_texts(self.document)
        self.text = "\n".join(self.texts)

    def table(self, header_cell: str):
        """Return the table whose header row contains ``header_cell``."""
        found = [t for t in self.document.tables if header_cell in [c.text for c in t.rows[0].cells]]
        assert len(found) == 1, f"expected one table with header {header_cell!r}, found {len(found)}"
        return found[0]

    def xml(self, part: str) -> etree._Element:
        with zipfile.ZipFile(self.path) as z:
            return etree.fromstring(z.read(part))


@pytest.fixture(scope="module")
def drafted(tmp_path_factory) -> dict[str, Drafted]:
    folder = tmp_path_factory.mktemp("drafts")
    return {regime: Drafted(regime, folder) for regime in REGIMES}


# ------------------------------------------------------------------------------------------------- samples, init


def test_every_regime_has_a_sample(library):
    assert sample_regimes() == sorted(library.regimes) == sorted(REGIMES)


@pytest.mark.parametrize("regime", REGIMES)
def test_init_writes_a_commented_spec_that_round_trips_to_the_sample(drafted, regime):
    d = drafted[regime]
    assert d.init.exit_code == 0, d.init.output
    text = d.spec.read_text("utf-8")
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#") or " # " in line]
    assert len(comments) > 50  # every field carries its Chinese description
    assert "# 统一社会信用代码（18位）" in text or "统一社会信用代码（18位）" in text
    assert yaml.safe_load(text) == sample_data(regime)


@pytest.mark.parametrize("regime", REGIMES)
def test_sample_is_realistic_and_fictional(regime, library):
    data = sample_data(regime)
    agreement = Agreement.model_validate(data)
    assert agreement.platform.regimes == (regime,)
    for m in agreement.members:
        assert "示例" in m.full_name
        assert check_uscc(m.uscc).is_valid, m.uscc
    r = library.regimes[regime]
    if r.term_years and regime != "jl-industry-center":  # jl's 2 years bound the formation period, not the term
        assert agreement.term.years >= r.term_years
    if r.naming_pattern:
        assert re.search(r.naming_pattern, agreement.platform.name)


def test_js_fusion_sample_meets_the_kpi_table():
    """The targets are not below the KPI table of 000 附件 (spec §1.1), year by year, and premises ≥ 100 m²."""
    agreement = Agreement.model_validate(sample_data("js-fusion"))
    minimum = {"创新研发团队人员数量": (100, 150, 200), "创新团队办公场所面积": (500, 1000, 1500),
               "年度办公运行经费": (30, 50, 100), "联合研发项目投入经费": (3000, 5000, 8000),
               "国家专利": (1, 2, 3), "技术标准": (1, 2, 3), "新技术、新产品、新模式、新应用": (1, 2, 3),
               "新增收入规模": (1000, 3000, 5000)}
    for key, floors in minimum.items():
        for year, floor in enumerate(floors, 1):
            values = [t.value for t in agreement.goals.targets if key in t.indicator and t.year == year]
            assert values and max(values) >= floor, (key, year)
    assert agreement.platform.premises_m2 >= 100
    per_year = {y: sum(c.amount for c in agreement.funding.contributions if c.year == y) for y in (1, 2, 3)}
    assert [per_year[y] >= floor for y, floor in zip((1, 2, 3), (3000, 5000, 8000), strict=True)] == [True] * 3


# --------------------------------------------------------------------------------------------------- the document


@pytest.mark.parametrize("regime", REGIMES)
def test_draft_succeeds_and_reports_what_it_wrote(drafted, regime):
    d = drafted[regime]
    assert d.draft.exit_code == 0, d.draft.output
    assert f"{len(d.agreement.members)} 家成员单位" in d.draft.output
    assert d.document.paragraphs[0].text.replace("\n", "") == d.agreement.title  # a line break may balance it
    assert d.document.paragraphs[0].style.name == "协议标题"


@pytest.mark.parametrize("regime", REGIMES)
def test_members_table_has_a_row_per_member_with_uscc_and_legal_representative(drafted, regime):
    d = drafted[regime]
    table = d.table("统一社会信用代码")
    header = [c.text for c in table.rows[0].cells]
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert len(rows) == len(d.agreement.members)
    for member, row in zip(d.agreement.members, rows, strict=True):
        cells = dict(zip(header, row, strict=True))
        assert cells["单位全称"] == member.full_name
        assert cells["统一社会信用代码"] == member.uscc and check_uscc(cells["统一社会信用代码"]).is_valid
        assert cells["法定代表人"] == member.legal_representative


@pytest.mark.parametrize("regime", REGIMES)
def test_tasks_funding_targets_and_revenue_tables(drafted, regime):
    d = drafted[regime]
    a = d.agreement
    tasks = d.table("交付成果及技术指标")
    assert [r.cells[2].text for r in tasks.rows[1:]] == [t.title for t in a.tasks]
    funding = d.table("合计（大写）")
    header = [c.text for c in funding.rows[0].cells]
    assert f"合计（{a.funding.unit}）" in header
    total_row = [c.text for c in funding.rows[-1].cells]
    assert total_row[0] == "合计"
    assert total_row[header.index(f"合计（{a.funding.unit}）")].replace(",", "") == f"{a.funding.total.normalize():f}"
    from gongjian.contracts.money import format_capital_amount

    assert total_row[-1] == format_capital_amount(a.funding.in_yuan(a.funding.total))
    members_in_funding = {r.cells[0].text for r in funding.rows[1:-1]}
    assert members_in_funding == {m.short_name for m in a.members}
    targets = d.table("目标值")
    assert len(targets.rows) == len(a.goals.targets) + 1
    revenue = d.table(a.revenue.splits[0].type_name)
    assert [c.text for c in revenue.rows[0].cells] == ["成员单位", *[s.type_name for s in a.revenue.splits]]
    assert [r.cells[0].text for r in revenue.rows[1:]] == [m.short_name for m in a.members] + ["合计"]
    assert [c.text for c in revenue.rows[-1].cells[1:]] == ["100%"] * len(a.revenue.splits)


@pytest.mark.parametrize("regime", REGIMES)
def test_one_signature_block_per_member(drafted, regime):
    d = drafted[regime]
    start = d.texts.index("签署页")
    area = d.texts[start + 1:]
    seals = [t for t in area if "（公章）" in t]
    assert len(seals) == len(d.agreement.members)
    for member, line in zip(d.agreement.members, seals, strict=True):
        assert line.endswith(f"{member.full_name}（公章）")
        assert line.startswith(member.short_name)
    assert sum("法定代表人（签字）" in t for t in area) == len(d.agreement.members)
    assert sum("日期" in t for t in area) == len(d.agreement.members)


@pytest.mark.parametrize("regime", REGIMES)
def test_articles_are_numbered_continuously(drafted, regime):
    d = drafted[regime]
    headings = [p.text for p in d.document.paragraphs if p.style.name == "条标题"]
    assert len(headings) == 25
    for number, heading in enumerate(headings, 1):
        assert heading.startswith(f"第{cn_number(number)}条　"), heading
    assert [h.split("　", 1)[1] for h in headings] == [
        d.document.paragraphs[i].text.split("　", 1)[1] for i, p in enumerate(d.document.paragraphs)
        if p.style.name == "条标题"]


@pytest.mark.parametrize("regime", REGIMES)
def test_no_template_residue_or_unfilled_field(drafted, regime):
    d = drafted[regime]
    text = d.text + "\n".join(p.text for s in d.document.sections for p in s.footer.paragraphs)
    for residue in ("{{", "}}", "{%", "%}", "{#", "【", "】", "None", "XX", "××", "__", "****", "（ ）", "()"):
        assert residue not in text, residue
    blank_dates = [t for t in d.texts if re.search(r"年\s+月", t)]
    assert set(blank_dates) == {"签署日期：        年    月    日"}  # only the line left for signing by hand


@pytest.mark.parametrize("regime", REGIMES)
def test_title_heiti_body_songti_east_asian_fonts_in_the_xml(drafted, regime):
    d = drafted[regime]
    styles = d.xml("word/styles.xml")

    def fonts(style_id: str) -> dict[str, str]:
        style = styles.find(f"{W}style[@{W}styleId='{style_id}']")
        assert style is not None, style_id
        rfonts = style.find(f"{W}rPr/{W}rFonts")
        return {k.removeprefix(W): v for k, v in rfonts.attrib.items()}

    def size(style_id: str) -> str:
        return styles.find(f"{W}style[@{W}styleId='{style_id}']/{W}rPr/{W}sz").get(f"{W}val")

    assert fonts("协议标题")["eastAsia"] == "黑体" and size("协议标题") == "44"  # 二号
    assert fonts("条标题")["eastAsia"] == "黑体"
    for body in ("Normal", "正文", "签署单位", "表格文字"):
        assert fonts(body)["eastAsia"] == "宋体", body
    assert size("正文") == "24"  # 小四
    title_style = styles.find(f"{W}style[@{W}styleId='协议标题']/{W}pPr/{W}jc")
    assert title_style.get(f"{W}val") == "center"
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert defaults.get(f"{W}eastAsia") == "宋体" and defaults.get(f"{W}eastAsiaTheme") is None
    document = d.xml("word/document.xml")
    used = {p.get(f"{W}val") for p in document.iter(f"{W}pStyle")}
    assert {"协议标题", "条标题", "正文", "表头", "表格文字", "签署单位"} <= used
    overrides = {f.get(f"{W}eastAsia") for f in document.iter(f"{W}rFonts")} - {None}
    assert overrides <= {"宋体", "黑体"}


@pytest.mark.parametrize("regime", REGIMES)
def test_footer_has_a_page_field(drafted, regime):
    d = drafted[regime]
    with zipfile.ZipFile(d.path) as z:
        footers = [z.read(n).decode("utf-8") for n in z.namelist() if re.match(r"word/footer\d*\.xml", n)]
    assert any(re.search(r"<w:instrText[^>]*>\s*PAGE\s*</w:instrText>", f) for f in footers)
    assert any('w:fldCharType="begin"' in f for f in footers)


@pytest.mark.parametrize("regime", REGIMES)
def test_draft_then_check_finds_no_error_and_no_defect_or_hedge(drafted, regime, library):
    from gongjian.api import check_file

    report = check_file(drafted[regime].path, regimes=(regime,), library=library)
    errors = [(f.rule_id, f.message) for f in report.findings if f.severity == "error"]
    assert errors == []
    defects = [f.rule_id for f in report.findings if re.match(r"C\d\d\.D", f.rule_id) or f.rule_id.startswith("L.")]
    assert defects == []
    required = [c for c in report.categories if c.required.get(regime)]
    assert [c.id for c in required if c.status != "present"] == []


@pytest.mark.parametrize("regime", REGIMES)
def test_report_of_the_drafted_sample_cites_policies_by_title(drafted, regime, library):
    """Every basis names its policy by title (no file name) and only the drafted regime's policy."""
    from gongjian.api import check_file

    report = check_file(drafted[regime].path, library=library)
    others = [r for r in library.regimes.values() if r.id != regime]
    prefix = library.regimes[regime].requirements[0].id.partition("-")[0] + "-"
    for f in report.findings:
        assert not [b for b in f.basis if ".txt" in b or any(r.name in b for r in others)], (f.rule_id, f.basis)
        assert all(i.startswith(prefix) for i in f.requirements), (f.rule_id, f.requirements)


def test_regime_detected_from_the_drafted_text(drafted, library):
    from gongjian.api import check_file

    for regime, d in drafted.items():
        assert check_file(d.path, library=library).regimes == (regime,)


def test_js_consortium_lead_cannot_change(drafted, library):
    """JSC-16 (七(三)): the lead never changes. The spec has no field that could change it (the lead is the member
    with role lead, fixed for the agreement's life), so the prohibition is shown by the drafted text: it says so,
    and the checker's js-consortium.P1 finds nothing."""
    from gongjian.api import check_file

    d = drafted["js-consortium"]
    assert "联合体运行期间牵头单位不作变更" in d.text
    assert "运行期间牵头单位不得变更" in d.text
    report = check_file(d.path, regimes=("js-consortium",), library=library)
    assert [f.rule_id for f in report.findings if "P1" in f.rule_id or f.category == "C14"] == []
    assert not any(field in Agreement.model_fields for field in ("lead_change", "new_lead"))


# ----------------------------------------------------------------------------------------- any N, escaping, layout


def test_twelve_members_get_twelve_signature_blocks_and_table_rows(tmp_path):
    import docx

    spec = tmp_path / "12.yaml"
    spec.write_text(dump(scaled_sample("jl-industry-center", 12)), "utf-8")
    result = invoke("draft", spec, "-o", tmp_path / "12.docx")
    assert result.exit_code == 0, result.output
    document = docx.Document(str(tmp_path / "12.docx"))
    texts = body_texts(document)
    assert sum("（公章）" in t for t in texts[texts.index("签署页"):]) == 12
    members = next(t for t in document.tables if t.rows[0].cells[0].text == "序号" and len(t.rows[0].cells) == 7)
    assert len(members.rows) == 13


def test_ampersand_and_less_than_are_escaped_exactly_once(tmp_path):
    import docx

    data = sample_data("jl-industry-center")
    name = "长春示例R&D<轻量化>技术有限公司"
    data["members"][1]["full_name"] = name
    data["title"] = "吉林省汽车轻量化材料产业创新中心组建协议（R&D<合作>）"
    spec = tmp_path / "amp.yaml"
    spec.write_text(dump(data), "utf-8")
    for fmt, out in (("docx", tmp_path / "amp.docx"), ("md", tmp_path / "amp.md")):
        result = invoke("draft", spec, "-o", out, "--format", fmt)
        assert result.exit_code == 0, result.output
    document = docx.Document(str(tmp_path / "amp.docx"))
    texts = body_texts(document)
    assert texts[0] == data["title"]
    assert any(t == f"乙方（成员单位）：{name}（公章）" for t in texts)
    members = next(t for t in document.tables if "统一社会信用代码" in [c.text for c in t.rows[0].cells])
    assert members.rows[2].cells[1].text == name
    with zipfile.ZipFile(tmp_path / "amp.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
    escaped = "长春示例R&amp;D&lt;轻量化&gt;技术有限公司"
    assert xml.count(escaped) == sum(t.count(name) for t in texts) > 2
    assert "&amp;amp;" not in xml and "&amp;lt;" not in xml
    assert name in (tmp_path / "amp.md").read_text("utf-8")


def test_control_characters_in_the_spec_do_not_corrupt_the_docx(tmp_path):
    import docx

    data = sample_data("js-tech-center")
    data["goals"]["direction"] = "聚焦膜材料\x0b关键技术"
    spec = tmp_path / "ctl.yaml"
    spec.write_text(dump(data), "utf-8")
    assert invoke("draft", spec, "-o", tmp_path / "ctl.docx").exit_code == 0
    assert any("聚焦膜材料关键技术" in t for t in body_texts(docx.Document(str(tmp_path / "ctl.docx"))))


def test_skeleton_uses_only_the_four_layout_variables():
    from docxtpl import DocxTemplate

    from gongjian.templates.builder import LAYOUT_VARIABLES
    from gongjian.templates.render import TEMPLATE

    variables = DocxTemplate(str(TEMPLATE)).get_undeclared_template_variables()
    assert variables == set(LAYOUT_VARIABLES) == {"title", "preamble", "articles", "signatures"}


def test_every_clause_template_variable_is_a_model_field(library):
    from gongjian.clauses.validation import TEMPLATE_EXTRAS, TEMPLATE_FILTERS, problems
    from gongjian.templates.render import _jinja_env, template_context

    assert [p for p in problems(library) if "模板" in p or "drafting" in p] == []
    # the validator's notion of what a template may use is what the renderer provides
    agreement = Agreement.model_validate(sample_data("cq-liangjiang"))
    assert set(template_context(agreement, library)) == set(Agreement.model_fields) | TEMPLATE_EXTRAS
    assert TEMPLATE_FILTERS <= set(_jinja_env().filters)


def test_the_validator_catches_an_unknown_template_variable(library):
    from gongjian.clauses.validation import problems

    cat = library.categories["C16"]
    bad = "本协议有效期{{ term.years }}年，合同价款{{ contract_value }}。"
    bad_text = cat.drafting.texts[0].model_copy(update={"text": bad})
    bad_cat = cat.model_copy(update={"drafting": cat.drafting.model_copy(update={"texts": (bad_text,)})})
    broken = dataclasses.replace(library, categories={**library.categories, "C16": bad_cat})
    assert any("contract_value" in p for p in problems(broken))


def test_shipped_template_is_what_the_builder_builds(tmp_path):
    from gongjian.templates.builder import build_template
    from gongjian.templates.render import TEMPLATE

    rebuilt = build_template(tmp_path / "agreement.docx")
    parts = ("word/document.xml", "word/styles.xml", "word/footer1.xml", "word/fontTable.xml", "word/settings.xml")
    with zipfile.ZipFile(TEMPLATE) as shipped, zipfile.ZipFile(rebuilt) as fresh:
        assert {p: shipped.read(p) for p in parts} == {p: fresh.read(p) for p in parts}, (
            "agreement.docx is stale: run python -m gongjian.templates.builder")


# ------------------------------------------------------------------------------------------------ output handling


def test_existing_output_is_refused_and_force_overwrites_atomically(tmp_path):
    spec = tmp_path / "spec.yaml"
    assert invoke("init", "--regime", "js-fusion", "-o", spec).exit_code == 0
    out = tmp_path / "协议.docx"
    out.write_bytes(b"precious")
    refused = invoke("draft", spec, "-o", out)
    assert refused.exit_code == 2
    assert "输出文件已存在" in refused.output and "--force" in refused.output
    assert out.read_bytes() == b"precious"
    again = invoke("init", "--regime", "js-fusion", "-o", spec)
    assert again.exit_code == 2
    forced = invoke("draft", spec, "-o", out, "--force")
    assert forced.exit_code == 0, forced.output
    assert zipfile.is_zipfile(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spec.yaml", "协议.docx"]  # no temporary file left


def test_failed_render_leaves_no_file_and_no_temporary(tmp_path, monkeypatch):
    from gongjian.templates import render

    spec = tmp_path / "spec.yaml"
    spec.write_text(sample_path("js-consortium").read_text("utf-8"), "utf-8")

    def boom(*args, **kwargs):
        raise RuntimeError("磁盘已满")

    monkeypatch.setattr(render, "render_docx", boom)
    result = invoke("draft", spec, "-o", tmp_path / "out.docx")
    assert result.exit_code == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spec.yaml"]


def test_markdown_output(tmp_path):
    spec = tmp_path / "spec.yaml"
    assert invoke("init", "--regime", "js-consortium", "-o", spec).exit_code == 0
    out = tmp_path / "协议.md"
    result = invoke("draft", spec, "-o", out, "--format", "md")
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    agreement = Agreement.model_validate(sample_data("js-consortium"))
    assert text.startswith(f"# {agreement.title}\n")
    assert re.findall(r"^## (第.+?条)", text, re.M) == [f"第{cn_number(n)}条" for n in range(1, 26)]
    assert "| 序号 | 单位全称 |" in text and "合计（大写） |" in text
    assert text.count("（公章）") == len(agreement.members)
    assert "{{" not in text and "{%" not in text
    # the suffix decides the format when --format is not given
    assert invoke("draft", spec, "-o", tmp_path / "b.md").exit_code == 0
    assert (tmp_path / "b.md").read_text("utf-8") == text


# ------------------------------------------------------------------------------------------------------ validation


def draft_invalid(tmp_path: Path, text: str):
    """Run draft on an invalid spec: exit 2, nothing written; return the output."""
    spec = tmp_path / "协议要素.yaml"
    spec.write_text(text, "utf-8")
    out = tmp_path / "协议.docx"
    result = invoke("draft", spec, "-o", out)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["协议要素.yaml"]
    assert "协议要素文件有误" in result.output
    return result.output


def test_yaml_syntax_error_has_line_and_chinese_explanation(tmp_path):
    text = sample_path("cq-liangjiang").read_text("utf-8")
    text = text.replace("  field: 工业互联网与智能制造", "  field: 工业互联网: 智能制造")
    output = draft_invalid(tmp_path, text)
    assert f"第 {line_of(text, '工业互联网: 智能制造')} 行" in output
    assert "YAML 语法错误" in output and "加引号" in output


def test_wrong_type_and_unknown_key_are_reported_together_with_paths_and_lines(tmp_path):
    data = sample_data("js-consortium")
    data["term"]["years"] = "五年"
    data["members"][2]["fax"] = "0516-87000000"
    data["funding"]["contributions"][0]["amount"] = "一千六百"
    text = dump(data)
    output = draft_invalid(tmp_path, text)
    assert f"term.years（第 {line_of(text, 'years: 五年')} 行）：应为整数" in output
    assert f"members[2].fax（第 {line_of(text, 'fax: 0516')} 行）：未知字段" in output
    assert "funding.contributions[0].amount" in output and "应为数字" in output
    assert "共 3 处" in output


def test_semantic_problems_are_all_reported_at_once(tmp_path):
    """Invalid USCC, two leads, shares summing to 110 %, funding total ≠ sum, a deadline outside the term, and a
    js-fusion composition rule (no application unit) — six problems, one run."""
    data = sample_data("js-fusion")
    uscc = data["members"][1]["uscc"]
    data["members"][1]["uscc"] = uscc[:-1] + ("A" if uscc[-1] != "A" else "B")
    data["members"][3]["role"] = "lead"
    data["revenue"]["splits"][1]["shares"][0]["percent"] = 55
    data["funding"]["total"] = 16500
    data["tasks"][2]["deadline"] = "2029-03-31"
    data["members"][2]["chain_position"] = "downstream"  # the only application unit is gone
    text = dump(data)
    output = draft_invalid(tmp_path, text)
    members_line = line_of(text, "members:")
    assert "共 6 处" in output
    assert f"members[1].uscc（第 {line_of(text, data['members'][1]['uscc'])} 行）" in output
    assert "第18位校验码应为" in output
    assert f"members（第 {members_line} 行）：须恰有一家牵头单位（role: lead），现有 2 家" in output
    assert "revenue.splits[1].shares" in output and "合计应为100%，现为110%" in output
    assert (f"funding.total（第 {line_of(text, 'total: 16500')} 行）：投入总额为16500万元，"
            "但各方分年度投入合计为16400万元") in output
    assert "tasks[2].deadline" in output and "不在协议期限（2026-01-01 至 2028-12-31）内" in output


def test_composition_rule_message_comes_from_the_regime_data(tmp_path, library):
    data = sample_data("js-fusion")
    for m in data["members"]:
        if m["chain_position"] == "application":
            m["chain_position"] = "downstream"
    output = draft_invalid(tmp_path, dump(data))
    rule = next(r for r in library.regimes["js-fusion"].composition if r.id == "js-fusion.C2")
    assert rule.message in output.replace("\n", "").replace("  ", "")
    assert "js-fusion.C2" in output and "JSF-16" in output


def test_js_consortium_without_university_or_institute_drafts_with_a_warning(tmp_path, library):
    # 001 四(二): “原则上应包含高校或科研院所” is a default, not a condition: said, not enforced (spec §6.1 item 2).
    data = sample_data("js-consortium")
    for m in data["members"]:
        if m["type"] in ("university", "institute"):
            m["type"] = "enterprise"
    spec = tmp_path / "协议要素.yaml"
    spec.write_text(dump(data), "utf-8")
    result = invoke("draft", spec, "-o", tmp_path / "协议.docx")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "协议.docx").exists()
    assert "提示" in result.output and "js-consortium.C1" in result.output and "高校或科研院所" in result.output


def test_dispute_forum_must_be_one_institution_or_one_court(tmp_path):
    data = sample_data("cq-liangjiang")
    data["dispute"]["court_place"] = "甲方住所地"
    text = dump(data)
    output = draft_invalid(tmp_path, text)
    assert f"dispute（第 {line_of(text, 'dispute:')} 行）：仲裁与诉讼只能选择一种" in output
    data["dispute"] = {"route": "arbitration", "negotiation_days": 30}
    output = draft_invalid(tmp_path, dump(data))
    assert "须填写一个仲裁机构全称" in output


def test_amount_finer_than_fen_is_a_spec_problem_not_an_internal_error(tmp_path):
    data = sample_data("jl-industry-center")
    data["funding"]["contributions"][0]["amount"] = "6000.0000001"
    data["funding"]["total"] = "30000.0000001"
    output = draft_invalid(tmp_path, dump(data))
    assert "funding.contributions[0].amount" in output and "精确到分以下" in output and "六位小数" in output


def test_duplicate_key_is_reported(tmp_path):
    text = sample_path("js-tech-center").read_text("utf-8")
    line = "    legal_representative: 卢启明\n"
    text = text.replace(line, line * 2)
    output = draft_invalid(tmp_path, text)
    assert "members[1].legal_representative" in output and "重复出现" in output


def test_platform_name_must_follow_the_regime_naming_pattern(tmp_path):
    data = sample_data("jl-industry-center")
    data["platform"]["name"] = "长春汽车轻量化材料创新中心"
    output = draft_invalid(tmp_path, dump(data))
    assert "platform.name" in output and "命名格式" in output


def test_regime_override_from_the_command_line_is_validated(tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_text(sample_path("js-tech-center").read_text("utf-8"), "utf-8")
    out = tmp_path / "x.docx"
    result = invoke("draft", spec, "-o", out, "--regime", "js-fusion")
    assert result.exit_code == 2
    assert "数动未来" in result.output and not out.exists()  # js-fusion's naming and composition rules apply
    result = invoke("draft", spec, "-o", out, "--regime", "hainan")
    assert result.exit_code == 2 and "未知的制度“hainan”" in result.output


# ----------------------------------------------------------------------------------- issue 13 item 5: draft


def test_a_missing_field_does_not_hide_the_other_problems(tmp_path):
    """A missing required field used to be the only problem reported (the model failed, no rule ran)."""
    data = sample_data("cq-liangjiang")
    del data["title"]
    uscc = data["members"][1]["uscc"]
    data["members"][1]["uscc"] = uscc[:-1] + ("A" if uscc[-1] != "A" else "B")
    data["funding"]["total"] = 1
    text = dump(data)
    output = draft_invalid(tmp_path, text)
    assert "共 3 处" in output
    assert "title（第 1 行）：缺少必填字段" in output
    assert f"members[1].uscc（第 {line_of(text, data['members'][1]['uscc'])} 行）" in output
    assert "funding.total" in output and "投入总额为1万元" in output


def test_a_mistyped_member_field_hides_no_regime_rule(tmp_path):
    """A mistyped field is reported, the rules of the rest still run; a rule about the broken field is not
    guessed (the member whose role is mistyped is not counted as a second lead)."""
    data = sample_data("js-fusion")
    data["members"][1]["role"] = "主要成员"
    data["platform"]["name"] = "苏州示例数据创新中心"  # not named as js-fusion asks
    text = dump(data)
    output = draft_invalid(tmp_path, text)
    assert "members[1].role" in output and "platform.name" in output and "命名格式" in output
    assert "牵头单位" not in output
    assert "共 2 处" in output


@pytest.mark.parametrize(("date", "reason"), [("2026-13-01", "月份应为1–12"), ("2026-02-30", "该月没有这一天")])
def test_an_impossible_date_is_a_spec_problem(tmp_path, date, reason):
    text = sample_path("cq-liangjiang").read_text("utf-8")
    start = re.search(r"(?m)^  start: (\S+)", text)
    text = text[: start.start(1)] + date + text[start.end(1) :]
    output = draft_invalid(tmp_path, text)
    assert f"term.start（第 {line_of(text, 'start: ' + date)} 行）：“{date}”不是有效的日期（{reason}）" in output
    assert "内部错误" not in output


def assert_refused(result, *words):
    """Exit 2, one Chinese error line and a hint, no traceback."""
    assert result.exit_code == 2, result.output
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 2 and lines[0].startswith("错误：") and lines[1].startswith("提示："), lines
    assert "Traceback" not in result.output
    for word in words:
        assert word in lines[0], (word, lines[0])


def test_the_spec_is_never_the_output(tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_text(sample_path("js-fusion").read_text("utf-8"), "utf-8")
    before = spec.read_bytes()
    assert_refused(invoke("draft", spec, "-o", spec, "--force"), "协议要素文件本身")
    assert_refused(invoke("draft", spec, "-o", tmp_path / "." / "spec.yaml", "--force"), "协议要素文件本身")
    assert spec.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spec.yaml"]


@pytest.mark.parametrize(("name", "fmt", "words"), [
    ("协议.pdf", None, ("“.pdf”",)),
    ("协议.doc", None, ("“.doc”",)),
    ("协议", None, ("无扩展名",)),
    ("协议.md", "docx", ("docx", "协议.md")),
])
def test_draft_writes_only_what_its_name_says(tmp_path, name, fmt, words):
    spec = tmp_path / "spec.yaml"
    spec.write_text(sample_path("js-fusion").read_text("utf-8"), "utf-8")
    args = ["draft", spec, "-o", tmp_path / name] + (["--format", fmt] if fmt else [])
    assert_refused(invoke(*args), *words)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spec.yaml"]


def test_uscc_hints_of_a_spec_lead_to_a_valid_code(tmp_path):
    """The 18th character's hint is computed over the corrected 17th: applying both hints gives a valid code."""
    data = sample_data("cq-liangjiang")
    code = data["members"][1]["uscc"]
    altered = code[:15] + ("1" if code[15] != "1" else "2") + code[16:]  # a body character mistyped
    data["members"][1]["uscc"] = altered
    output = draft_invalid(tmp_path, dump(data))
    fixed = list(altered)
    for position, char in re.findall(r"第(1[78])位[^“]*应为“(\w)”", output):
        fixed[int(position) - 1] = char
    assert "".join(fixed) != altered and check_uscc("".join(fixed)).is_valid, output
