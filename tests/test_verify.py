"""`gongjian verify`: an application package — the agreement against its attachments.

Packages are built in tmp_path with python-docx (``tests/packages.py``): the cq-liangjiang agreement of
``tests/agreements.py`` with a 申请表 laid out like 004_552c305ebc467d0d.txt 附件1; the js-tech-center sample
agreement (``gongjian draft``) with a 建设方案 and a 章程; supplementary agreements. A consistent package gives no
cross-file finding; each seeded inconsistency gives exactly the expected X finding, with evidence in both files whose
offsets index that file's extracted text.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from gongjian.api import draft_file, verify_package
from gongjian.cli import cli
from gongjian.errors import DocumentUnreadable, UsageError
from gongjian.nlp.document import parse_file
from gongjian.nlp.package import role_by_content, role_by_name
from tests import agreements as ag
from tests import packages as pk

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "gongjian" / "templates" / "samples"
FORM = "附件1-组建申请表.docx"
CJK = re.compile(r"[\u4e00-\u9fff]")


def cross(report):
    """The findings verify adds: evidence in an attachment, or about the package."""
    return [f for f in report.findings if any(e.file for e in f.evidence) or f.rule_id.startswith("PKG.")]


def assert_quotes(finding, folder: Path):
    """Every evidence quote is the text at its offsets, in the file it names (the agreement when none)."""
    for e in finding.evidence:
        path = Path(e.file) if e.file else next(p for p in folder.iterdir() if p.name == "组建协议.docx"
                                                or p.name.endswith("共建协议.docx"))
        assert parse_file(path).text[e.start : e.end] == e.quote, (e, path)


@pytest.fixture(scope="module")
def cq_agreement(tmp_path_factory) -> Path:
    return ag.to_docx(ag.complete().text, tmp_path_factory.mktemp("cq") / "组建协议.docx")


@pytest.fixture(scope="module")
def js_agreement(tmp_path_factory, library) -> Path:
    out = tmp_path_factory.mktemp("js") / "江苏省先进膜材料技术创新中心共建协议.docx"
    draft_file(SAMPLES / "js-tech-center.yaml", out, library=library)
    return out


def cq_package(folder: Path, agreement: Path, **form) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(agreement, folder / "组建协议.docx")
    pk.application_form(folder / FORM, **form)
    return folder


def js_package(folder: Path, agreement: Path, plan: dict | None = None, charter: dict | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(agreement, folder / agreement.name)
    if plan is not None:
        pk.plan(folder / "建设方案.docx", **plan)
    if charter is not None:
        pk.charter(folder / "章程.docx", **charter)
    return folder


# --------------------------------------------------------------------------------------------- (a) 申请表


def test_consistent_cq_package_has_no_cross_file_finding(tmp_path, cq_agreement, library):
    folder = cq_package(tmp_path / "pkg", cq_agreement)
    report = verify_package(folder, library=library)
    assert cross(report) == []
    assert report.attachments == ({"file": str(folder / FORM), "role": "application-form"},)
    assert report.file == str(folder / "组建协议.docx")
    assert report.regimes == ("cq-liangjiang",)
    assert not report.has_errors


def test_form_written_differently_is_still_consistent(tmp_path, cq_agreement, library):
    """A date written 2025-11-24, the name in quotes, a USCC in lower case or in brackets after the name on one line,
    a full-width space inside a name, a space after the lead: all the same facts."""
    u = pk.CQ_UNITS
    units = (replace(u[0], uscc=u[0].uscc.lower()), u[1], replace(u[2], name=f"{u[2].name}（{u[2].uscc}）", uscc=""),
             replace(u[3], name="重庆缙岭\u3000大学"), u[4])
    folder = cq_package(tmp_path / "pkg", cq_agreement, effective="2025-11-24", platform=f"“{ag.PLATFORM}”",
                        cover_lead=f"{ag.MEMBERS[0].name} ", units=units)
    assert cross(verify_package(folder, library=library)) == []


UNITS = pk.CQ_UNITS
OTHER_NAME = "重庆两江新区功率半导体产业创新联合体"
OTHER_TITLE = "重庆两江新区功率半导体联合体合作协议"
SEEDED = [
    pytest.param(dict(units=UNITS[:4]), "X03", "error", ("戊方（重庆嘉悦功率电子研究院）", "没有列入"),
                 "成员单位名称\n及统一社会信用代码", id="member-missing-in-form"),
    pytest.param(dict(count="6"), "X03", "error", ("成员总数为6", "5家成员单位"), "6", id="member-count"),
    pytest.param(dict(lead=UNITS[1].name, cover_lead=UNITS[1].name), "X02", "error",
                 (UNITS[1].name, "甲方（重庆翎川车规电子股份有限公司）"), UNITS[1].name, id="different-lead"),
    pytest.param(dict(units=(UNITS[0], replace(UNITS[1], uscc="91500112MA60QD8T39"), *UNITS[2:])), "X05", "error",
                 ("91500112MA60QD8T38", "91500112MA60QD8T39", "第18位校验码"), "91500112MA60QD8T39",
                 id="uscc-one-character"),
    pytest.param(dict(units=(UNITS[0], replace(UNITS[1], name="重庆峡砺碳化硅材料有限责任公司"), *UNITS[2:])), "X01",
                 "error", ("有限责任公司", "组织形式不同"), "重庆峡砺碳化硅材料有限责任公司", id="legal-form"),
    pytest.param(dict(effective="2025年11月18日"), "X09", "error", ("2025年11月18日", "2025年11月24日"),
                 "2025年11月18日", id="effective-date"),
    pytest.param(dict(platform=OTHER_NAME, cover_platform=OTHER_NAME), "X22", "warning", (OTHER_NAME, ag.PLATFORM),
                 OTHER_NAME, id="platform-name"),
    pytest.param(dict(effective="    年     月    日"), "X18", "error", ("未填写", "联合体协议生效时间"),
                 "联合体协议生效时间", id="effective-date-blank"),
]


@pytest.mark.parametrize(("form", "rule", "severity", "words", "quote"), SEEDED)
def test_each_seeded_inconsistency_gives_exactly_its_finding(tmp_path, cq_agreement, library, form, rule,
                                                            severity, words, quote):
    folder = cq_package(tmp_path / "pkg", cq_agreement, **form)
    found = cross(verify_package(folder, library=library))
    assert [(f.rule_id, f.severity) for f in found] == [(rule, severity)], [(f.rule_id, f.message) for f in found]
    finding = found[0]
    for word in words:
        assert word in finding.message, (word, finding.message)
    theirs = [e for e in finding.evidence if e.file]
    assert theirs and all(e.file == str(folder / FORM) for e in theirs)
    assert theirs[0].quote == quote
    if rule != "X18":  # a blank is the form's own defect; a mismatch quotes both files
        assert any(e.file is None for e in finding.evidence)
    assert finding.basis[0] == "《重庆两江新区产业创新联合体建设管理办法（征求意见稿）》附件1"
    assert finding.requirements == ("CQL-15",)
    assert finding.suggestion and CJK.search(finding.suggestion)
    assert_quotes(finding, folder)


def test_effective_date_mismatch_quotes_the_clause_and_the_last_signature(tmp_path, cq_agreement, library):
    folder = cq_package(tmp_path / "pkg", cq_agreement, effective="2025年11月18日")
    (finding,) = cross(verify_package(folder, library=library))
    ours = [e.quote for e in finding.evidence if e.file is None]
    assert ours[0].startswith("本协议自全体成员单位法定代表人签字并加盖单位公章之日起生效")
    assert ours[1] == "2025年11月24日"
    assert "改为2025年11月24日" in finding.suggestion


def test_a_member_not_in_the_agreement_is_reported_with_the_count(tmp_path, cq_agreement, library):
    extra = pk.Unit("重庆示例智能网联科技有限公司", "91500000MA5YK3R81G", "", "合作单位")
    folder = cq_package(tmp_path / "pkg", cq_agreement, units=(*UNITS, extra), count="6")
    found = cross(verify_package(folder, library=library))
    assert sorted(f.rule_id for f in found) == ["X03", "X03"]
    assert any("“重庆示例智能网联科技有限公司”不是协议的成员单位" in f.message for f in found)


def test_blank_form_copied_from_the_policy_lists_every_blank_field(tmp_path, cq_agreement, library):
    """The empty 附件1 as plain text (the policy's own copy): one X18 naming the fields, no mismatch, no guess."""
    policy = (ROOT / "gongjian/clauses/data/policies/004_552c305ebc467d0d.txt").read_text("utf-8").splitlines()
    start = next(i for i, line in enumerate(policy) if line.startswith("附件1"))
    end = next(i for i, line in enumerate(policy) if line.startswith("附件2"))
    folder = tmp_path / "pkg"
    folder.mkdir()
    shutil.copy(cq_agreement, folder / "组建协议.docx")
    (folder / "申请表.txt").write_text("\n".join(policy[start:end]), "utf-8")
    found = cross(verify_package(folder, library=library))
    assert [f.rule_id for f in found] == ["X18"]
    for label in ("产业创新联合体名称", "联合体协议生效时间", "联合体牵头单位", "成员总数（个）"):
        assert label in found[0].message
    assert "审核意见" not in found[0].message  # the authority's own 年 月 日 are not the applicant's blanks


def test_roles_come_from_the_content_when_the_name_says_nothing(tmp_path, cq_agreement, library):
    folder = tmp_path / "pkg"
    folder.mkdir()
    shutil.copy(cq_agreement, folder / "材料1.docx")
    pk.application_form(folder / "材料2.docx", count="6")
    report = verify_package(folder, library=library)
    assert report.file == str(folder / "材料1.docx")
    assert report.attachments == ({"file": str(folder / "材料2.docx"), "role": "application-form"},)
    assert [f.rule_id for f in cross(report)] == ["X03"]
    assert role_by_name("两江新区产业创新联合体组建申请表.pdf") == "application-form"
    assert role_by_content(parse_file(folder / "材料1.docx")) == "agreement"


def test_unsigned_agreement_cannot_be_dated_and_says_so(tmp_path, library):
    """The drafted cq sample takes effect on signing and its signature dates are blank: X09 info, not an error."""
    folder = tmp_path / "pkg"
    folder.mkdir()
    draft_file(SAMPLES / "cq-liangjiang.yaml", folder / "组建协议.docx", library=library)
    units = (pk.Unit("重庆示例智造科技股份有限公司", "91500000AY4CL12T2T"),
             pk.Unit("重庆示例精密机械有限公司", "91500112H3BJ1XG69N"),
             pk.Unit("示例理工大学", "1250000012DD272H21"), pk.Unit("重庆示例工业互联网研究院", "5250011271HU49D45M"))
    pk.application_form(folder / FORM, platform="重庆两江新区工业互联网产业创新联合体", lead=units[0].name, count="4",
                        units=units, effective="2026年1月5日")
    (found,) = cross(verify_package(folder, library=library))
    assert (found.rule_id, found.severity) == ("X09", "info")
    assert "签署日期尚未填写" in found.message


def test_missing_form_under_cq_is_a_package_warning(tmp_path, cq_agreement, library):
    folder = tmp_path / "pkg"
    folder.mkdir()
    shutil.copy(cq_agreement, folder / "组建协议.docx")
    (found,) = cross(verify_package(folder, library=library))
    assert (found.rule_id, found.severity) == ("PKG.missing", "warning")
    assert "两江新区产业创新联合体组建申请表" in found.message and found.requirements == ("CQL-15",)


# ------------------------------------------------------------------------------------ (b) 建设方案 and 章程


def test_consistent_js_tech_center_package(tmp_path, js_agreement, library):
    folder = js_package(tmp_path / "pkg", js_agreement, plan={}, charter={})
    report = verify_package(folder, library=library)
    assert report.regimes == ("js-tech-center",)
    assert cross(report) == []
    assert {a["role"] for a in report.attachments} == {"plan", "charter"}


def test_inconsistent_plan_and_charter(tmp_path, js_agreement, library):
    units = (*pk.JS_UNITS[:2], replace(pk.JS_UNITS[2], rep="华卫西"), pk.JS_UNITS[3])
    folder = js_package(tmp_path / "pkg", js_agreement,
                        plan=dict(lead=pk.JS_UNITS[1].name, total="15000万元", units=units),
                        charter=dict(entity="江苏示例先进膜材料研究院有限公司", board="理事会"))
    found = cross(verify_package(folder, library=library))
    by_rule = {}
    for f in found:
        by_rule.setdefault(f.rule_id, []).append(f)
        assert {e.file for e in f.evidence} >= {None}, f  # every one quotes the agreement too
        assert_quotes(f, folder)
    assert sorted(by_rule) == ["X02", "X08", "X11", "X27"]
    assert "示例化工大学" in by_rule["X02"][0].message
    assert "华卫东" in by_rule["X11"][0].message and "华卫西" in by_rule["X11"][0].message
    assert by_rule["X08"][0].severity == "warning" and "150,000,000元" in by_rule["X08"][0].message
    x27 = " ".join(f.message for f in by_rule["X27"])
    assert "江苏示例先进膜材料研究院有限公司" in x27 and "江苏示例先进膜材料技术研究院有限公司" in x27
    assert "董事会仅见于协议" in x27 and "理事会仅见于章程" in x27
    files = {e.file for f in found for e in f.evidence if e.file}
    assert files == {str(folder / "建设方案.docx"), str(folder / "章程.docx")}


def test_plan_missing_a_member(tmp_path, js_agreement, library):
    folder = js_package(tmp_path / "pkg", js_agreement, plan=dict(units=pk.JS_UNITS[:3]), charter={})
    (found,) = cross(verify_package(folder, library=library))
    assert (found.rule_id, found.severity) == ("X03", "warning")
    assert "南京示例环境科学研究院" in found.message


def test_charter_of_another_entity(tmp_path, js_agreement, library):
    folder = js_package(tmp_path / "pkg", js_agreement, plan={}, charter=dict(entity="江苏膜谷科技发展有限公司"))
    (found,) = cross(verify_package(folder, library=library))
    assert found.rule_id == "X27"
    assert "协议没有提到" in found.message and "江苏示例先进膜材料技术研究院有限公司" in found.message


def test_js_tech_center_without_plan_and_charter(tmp_path, js_agreement, library):
    folder = js_package(tmp_path / "pkg", js_agreement)
    found = cross(verify_package(folder, library=library))
    assert sorted((f.rule_id, f.severity) for f in found) == [("PKG.missing", "info"), ("PKG.missing", "warning")]


# ------------------------------------------------------------------------------------------ (c) 补充协议


@pytest.mark.parametrize(("kwargs", "words"), [
    pytest.param({}, None, id="consistent"),
    pytest.param(dict(main_title=None), ("没有写明补充的是哪一份协议",), id="no-reference"),
    pytest.param(dict(main_title=OTHER_TITLE), (f"引用的是《{OTHER_TITLE}》",), id="wrong-title"),
    pytest.param(dict(proxy=ag.MEMBERS[2].name), ("丙方（重庆驰远新能源汽车有限公司）的签署栏", "未写明加盖公章",
                                                  "没有法定代表人签字栏", "由授权代表签字"), id="proxy-signature"),
    pytest.param(dict(signers=ag.MEMBERS[:4]), ("戊方（重庆嘉悦功率电子研究院）的签署栏", "签署栏只有4个"),
                 id="member-did-not-sign"),
])
def test_supplementary_agreement(tmp_path, cq_agreement, library, kwargs, words):
    folder = cq_package(tmp_path / "pkg", cq_agreement)
    pk.supplementary(folder / "补充协议（一）.docx", **kwargs)
    report = verify_package(folder, library=library)
    assert {"file": str(folder / "补充协议（一）.docx"), "role": "supplementary"} in report.attachments
    found = cross(report)
    if words is None:
        assert found == []
        return
    assert [(f.rule_id, f.severity) for f in found] == [("X23", "error")]
    for word in words:
        assert word in found[0].message
    assert {e.file for e in found[0].evidence} == {None, str(folder / "补充协议（一）.docx")}
    assert_quotes(found[0], folder)


SEVEN = ag.MEMBERS + tuple(  # two more members, registered in 江苏 (the js-tech-center sample's units)
    ag.Member(label, "合作单位", unit.name, unit.uscc, unit.rep, "江苏省南京市江北新区研创园1号", "吴宁，025-58640001",
              "2025年11月18日") for label, unit in zip("己庚", pk.JS_UNITS[1:3], strict=True))


@pytest.mark.parametrize("body_end", [True, False], ids=["以下无正文", "no-body-end"])
def test_supplementary_signed_by_seven_members_one_paragraph_each(tmp_path, runner, library, body_end):
    """Issue 13 item 2: seven one-paragraph blocks fill more than half of a short supplementary agreement (two
    clauses, too few to count as numbered clauses): the signature page was looked for in the second half only and
    the first blocks were lost (X23 “签署栏只有5个”)."""
    main = ag.to_docx(replace(ag.complete(), members=SEVEN).text, tmp_path / "组建协议.docx")
    folder = cq_package(tmp_path / "pkg", main, count="7", units=tuple(pk.Unit(m.name, m.uscc) for m in SEVEN))
    kwargs = dict(parties=SEVEN, clauses=pk.SUPPLEMENT_CLAUSES[::2], one_paragraph=True, body_end=body_end)
    supplement = pk.supplementary(folder / "补充协议（一）.docx", signers=SEVEN, **kwargs)
    assert len(parse_file(supplement).structure.signatures) == 7
    before = {p: p.read_bytes() for p in folder.iterdir()}
    report = verify_package(folder, library=library)
    assert not [f.message for f in report.findings if f.rule_id == "X23"]
    assert cross(report) == []
    result = runner.invoke(cli, ["verify", str(folder)])
    assert result.exit_code == (1 if report.summary["errors"] else 0), result.output
    assert "X23" not in result.output and "Traceback" not in result.output
    assert {p: p.read_bytes() for p in folder.iterdir()} == before

    pk.supplementary(supplement, signers=SEVEN[:3] + SEVEN[4:], **kwargs)  # 丁方 did not sign: still found
    (x23,) = [f for f in verify_package(folder, library=library).findings if f.rule_id == "X23"]
    assert "丁方（重庆缙岭大学）的签署栏" in x23.message and "签署栏只有6个" in x23.message


# ------------------------------------------------------------------------------------------- (d) bad inputs


@pytest.fixture
def runner():
    return CliRunner()


def assert_user_error(result, *words):
    """Exit 2, one Chinese line and a hint, no traceback."""
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert "Traceback" not in result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 2 and lines[0].startswith("错误：") and lines[1].startswith("提示："), lines
    for word in words:
        assert word in lines[0], (word, lines[0])


def test_not_a_folder(tmp_path, runner, cq_agreement):
    assert_user_error(runner.invoke(cli, ["verify", str(cq_agreement)]), "不是文件夹")
    assert_user_error(runner.invoke(cli, ["verify", str(tmp_path / "无此目录")]), "找不到")


def test_empty_folder(tmp_path, runner):
    (tmp_path / "空").mkdir()
    (tmp_path / "空" / "营业执照.jpg").write_bytes(b"\xff\xd8\xff")
    assert_user_error(runner.invoke(cli, ["verify", str(tmp_path / "空")]), "没有可核验的文件")


def test_no_agreement(tmp_path, runner):
    folder = tmp_path / "pkg"
    folder.mkdir()
    pk.application_form(folder / FORM)
    result = runner.invoke(cli, ["verify", str(folder)])
    assert_user_error(result, "没有找到组建协议", FORM)
    with pytest.raises(UsageError):
        verify_package(folder)


def test_two_main_agreements(tmp_path, runner, cq_agreement):
    folder = cq_package(tmp_path / "pkg", cq_agreement)
    shutil.copy(cq_agreement, folder / "组建协议（定稿）.docx")
    assert_user_error(runner.invoke(cli, ["verify", str(folder)]), "2 份主协议", "组建协议（定稿）.docx")


def test_founders_cooperation_agreement_beside_the_founding_agreement(tmp_path, runner, cq_agreement):
    """A package may attach the founders' own cooperation agreements (003 附件2 八 3): the one named 组建协议 is the
    main agreement, the other is listed as an attachment and not compared."""
    from tests import agreements as ag

    folder = cq_package(tmp_path / "pkg", cq_agreement)
    side = folder / "甲乙双方技术开发合作协议.docx"
    ag.to_docx("技术开发合作协议\n甲方：重庆翎川车规电子股份有限公司\n乙方：重庆缙岭大学\n"
               "第一条 合作内容\n双方共同开发。\n第二条 费用\n费用由甲方承担。\n"
               "第三条 生效\n本协议自双方签字盖章之日起生效。\n", side)
    report = verify_package(folder)
    assert Path(report.file).name == "组建协议.docx"
    assert {"file": str(side), "role": "other"} in report.attachments
    assert not any(f.rule_id.startswith("X") and any(e.file == str(side) for e in f.evidence) for f in report.findings)
    result = runner.invoke(cli, ["verify", str(folder)])
    assert result.exit_code == 0, result.output


def test_unreadable_agreement(tmp_path, runner):
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "组建协议.docx").write_bytes(b"PK\x03\x04 not a zip")
    assert_user_error(runner.invoke(cli, ["verify", str(folder)]), "组建协议无法读取")
    with pytest.raises(DocumentUnreadable):
        verify_package(folder)


def test_an_unreadable_attachment_is_a_finding_and_the_rest_is_checked(tmp_path, runner, cq_agreement, library):
    folder = cq_package(tmp_path / "pkg", cq_agreement, effective="2025年11月18日")
    (folder / "建设方案.docx").write_bytes(b"PK\x03\x04 broken")
    (folder / "~$组建协议.docx").write_bytes(b"lock file of Word")
    (folder / "承诺书.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    (folder / "营业执照.jpg").write_bytes(b"\xff\xd8\xff")
    report = verify_package(folder, library=library)
    rules = sorted(f.rule_id for f in cross(report))
    assert rules == ["PKG.unreadable", "PKG.unreadable", "X09"]
    assert any("承诺书.doc" in f.message and ".docx" in f.message for f in report.findings)
    assert any("营业执照.jpg" in note and "未核验" in note for note in report.warnings)
    unreadable = next(f for f in report.findings if f.rule_id == "PKG.unreadable")
    assert unreadable.severity == "warning" and "建设方案.docx" in unreadable.message and "损坏" in unreadable.message
    entry = next(a for a in report.attachments if a["file"].endswith("建设方案.docx"))
    assert entry["role"] == "plan" and "损坏" in entry["error"]
    assert not any("~$" in a["file"] for a in report.attachments)
    result = runner.invoke(cli, ["verify", str(folder)])
    assert result.exit_code == 1, result.output  # the X09 error; the unreadable file is a warning, not a crash
    assert "无法读取" in result.stdout and "Traceback" not in result.output


def test_output_is_not_overwritten_without_force(tmp_path, runner, cq_agreement):
    folder = cq_package(tmp_path / "pkg", cq_agreement)
    out = tmp_path / "报告.json"
    out.write_text("旧报告", "utf-8")
    assert_user_error(runner.invoke(cli, ["verify", str(folder), "--format", "json", "-o", str(out)]), "已存在")
    assert out.read_text("utf-8") == "旧报告"
    result = runner.invoke(cli, ["verify", str(folder), "--format", "json", "-o", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text("utf-8"))["attachments"][0]["role"] == "application-form"


def test_json_output_has_attachments_and_evidence_file(tmp_path, runner, cq_agreement):
    folder = cq_package(tmp_path / "pkg", cq_agreement, count="4")
    result = runner.invoke(cli, ["verify", str(folder), "--format", "json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1 and data["file"] == str(folder / "组建协议.docx")
    assert data["attachments"] == [{"file": str(folder / FORM), "role": "application-form"}]
    assert len(data["categories"]) == 25
    (x03,) = [f for f in data["findings"] if f["rule_id"] == "X03"]
    assert [e.get("file") for e in x03["evidence"]] == [None, str(folder / FORM)]
    assert "file" not in x03["evidence"][0]  # the agreement's own evidence keeps the check contract


def test_text_output_names_the_files(tmp_path, runner, cq_agreement):
    folder = cq_package(tmp_path / "pkg", cq_agreement, count="4")
    result = runner.invoke(cli, ["verify", str(folder)])
    assert result.exit_code == 1
    assert f"{folder / FORM}（申请表）" in result.stdout
    assert f"「4」（文件：{folder / FORM}）" in result.stdout


def test_help_has_an_example(runner):
    result = runner.invoke(cli, ["verify", "--help"])
    assert result.exit_code == 0 and "gongjian verify 申报材料/某联合体/" in result.output


def test_cited_requirements_exist(library):
    """Every requirement id the package checks cite is one of its regime's (the library is the source of truth)."""
    from gongjian.nlp.package_members import ATTACHMENT_BASIS, EXPECTED

    cited = [(rid, req) for (_, rid), (_, _, req) in ATTACHMENT_BASIS.items()]
    cited += [(rid, row[-1]) for rid, rows in EXPECTED.items() for row in rows]
    for rid, req in cited:
        assert req in {r.id for r in library.regime(rid).requirements}, (rid, req)


def test_html_and_xlsx_reports_show_both_files(tmp_path, runner, cq_agreement):
    from openpyxl import load_workbook

    folder = cq_package(tmp_path / "pkg", cq_agreement, count="4")
    page = tmp_path / "核验报告.html"
    result = runner.invoke(cli, ["verify", str(folder), "--format", "html", "-o", str(page)])
    assert result.exit_code == 1, result.output
    html = page.read_text("utf-8")
    assert "X03" in html and f"（文件：{folder / FORM}）" in html
    assert f"<li>申请表：{folder / FORM}</li>" in html
    book = tmp_path / "核验.xlsx"
    assert runner.invoke(cli, ["verify", str(folder), "--format", "xlsx"]).exit_code == 2  # xlsx needs -o
    result = runner.invoke(cli, ["verify", str(folder), "--format", "xlsx", "-o", str(book)])
    assert result.exit_code == 1, result.output
    rows = list(load_workbook(book)["问题清单"].values)
    x03 = [r for r in rows if r[2] == "X03"]
    assert x03 and f"（{folder / FORM}）" in x03[0][6]


def test_several_packages_in_one_run_one_row_each(tmp_path, runner, cq_agreement):
    """A reviewer's folder of applications: a consistent one, one whose form is wrong, one without an agreement."""
    import csv
    import io

    root = tmp_path / "申报材料"
    good = cq_package(root / "01-芯联联合体", cq_agreement)
    wrong = cq_package(root / "02-峡砺联合体", cq_agreement, count="4")
    empty = root / "03-只有申请表"
    empty.mkdir(parents=True)
    pk.application_form(empty / FORM)
    args = ["verify", str(good), str(wrong), str(empty), "--format", "csv"]
    one = runner.invoke(cli, [*args, "-j", "1"])
    two = runner.invoke(cli, [*args, "-j", "2"])
    assert one.exit_code == two.exit_code == 2, one.output  # the package without an agreement → 2, the highest
    assert one.stdout == two.stdout
    rows = list(csv.DictReader(io.StringIO(one.stdout)))
    assert [Path(r["文件"]).parent.name for r in rows[:2]] == ["01-芯联联合体", "02-峡砺联合体"]
    assert rows[0]["错误"] == "0" and int(rows[1]["错误"]) >= 1
    assert rows[2]["文件"] == str(empty) and "没有找到组建协议" in rows[2]["无法读取的原因"]
    text = runner.invoke(cli, ["verify", str(good), str(wrong), str(empty)])
    assert "共核验 3 份申报材料：1 份有错误级问题，1 份无法核验，1 份无错误级问题" in text.stdout
