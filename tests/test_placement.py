"""Placement of clauses under headings written by other hands (issue 11): compound headings, catch-all articles,
duties written as tasks. The agreements are invented here; none is a sentence of a labelled set."""

from __future__ import annotations

import pytest

from gongjian.api import check_text
from gongjian.clauses.library import load_library
from gongjian.nlp.detect import _heading_topics

HEAD = ("联合研发合作协议\n\n甲方：苏州示例光电材料有限公司\n乙方：示例工业大学\n\n"
        "双方经友好协商，就共同开展光学薄膜材料研发事宜订立本协议。\n\n")
TAIL = ("\n\n甲方：苏州示例光电材料有限公司（盖章）\n法定代表人（签字）：\n日期：2026年5月6日\n\n"
        "乙方：示例工业大学（盖章）\n法定代表人（签字）：\n日期：2026年5月8日\n")


def agreement(*articles: str) -> str:
    cn = "一二三四五六七八九十"
    return HEAD + "\n".join(f"{cn[i]}、{a}" for i, a in enumerate(articles)) + TAIL


@pytest.mark.parametrize(("title", "topics"), [
    ("违约责任与风险", {"C12", "C20"}),
    ("保密与知识产权", {"C07", "C10"}),
    ("各方的权利与义务", {"C04"}),        # a cue spanning the joint still counts
    ("财政资金与政策支持", {"C22"}),      # 资金 beside 财政资金 is not a funding heading
    ("结算方式及期限", set()),            # a payment deadline is not the agreement's term
])
def test_each_part_of_a_compound_heading_names_its_own_topic(title, topics):
    library = load_library()
    found = {cid for cid, (score, _) in _heading_topics(library, "八、" + title, title).items() if score >= 0.5}
    assert topics <= found
    assert not found - topics - {"C25", "C06", "C09"}, found


def test_a_plain_risk_sentence_under_a_breach_and_risk_heading_is_the_risk_clause():
    text = agreement(
        "合作内容\n双方共同研究高折射率光学薄膜的制备工艺，乙方负责膜系设计和工艺研究，甲方负责中试验证。",
        "违约责任与风险\n（一）甲方逾期支付经费的，每逾期一日按应付金额的万分之三支付违约金。\n"
        "（二）研究工作因现有技术水平无法克服的困难而失败的，双方应及时书面通知对方并停止该项研究，"
        "已发生的费用由甲方承担，任何一方不承担违约责任。",
        "争议解决\n因本协议发生的争议，提交苏州仲裁委员会仲裁。")
    report = check_text(text)
    assert report.status("C20") in {"present", "weak"}
    assert report.status("C12") in {"present", "weak"}


def test_a_party_in_charge_of_research_work_is_a_division_of_work():
    text = agreement(
        "双方职责\n（一）甲方负责提出材料性能需求，提供镀膜中试线和检测条件。\n"
        "（二）乙方负责膜系结构设计、沉积工艺研究和原理样品制备，组建不少于5人的研究团队。",
        "争议解决\n因本协议发生的争议，提交苏州仲裁委员会仲裁。")
    assert check_text(text).status("C03") != "missing"


def test_a_party_supplying_parts_is_not_thereby_a_division_of_work():
    text = agreement(
        "双方职责\n（一）甲方负责提供场地、水电和检测设备的日常维护。\n（二）乙方负责学生的日常管理和安全教育。",
        "争议解决\n因本协议发生的争议，提交苏州仲裁委员会仲裁。")
    assert check_text(text).status("C03") == "missing"
