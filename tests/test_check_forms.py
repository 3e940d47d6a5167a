"""Older contract forms: 一，-numbered sections, and headings left empty (template not filled in)."""

from __future__ import annotations

from gongjian.api import check_text
from gongjian.nlp.structure import parse_structure

FORM = """技术转让合同

转让方（甲方）：江苏示例传感技术有限公司
受让方（乙方）：南京示例装备制造有限公司

一，转让技术的内容和要求：甲方将其拥有的MEMS压力传感器封装技术转让给乙方，技术指标见附件1。
二，使用费及支付方法：乙方应于本合同生效之日起30日内向甲方一次性支付技术转让费人民币伍拾万元整（¥500,000.00）。
三，技术秘密的保密：双方应对本合同涉及的技术秘密予以保密，保密义务在本合同终止后5年内继续有效。
四，违约责任：

五，争议的解决办法：因本合同引起的争议，双方协商不成的，任何一方均应提交南京仲裁委员会仲裁。
六，本合同自双方签字并盖章之日起生效，有效期三年。
"""


def test_comma_numbered_sections_are_articles():
    structure = parse_structure(FORM)
    assert structure.unit_style == "cn-section"
    assert [u.title for u in structure.units][:2] == ["转让技术的内容和要求", "使用费及支付方法"]


def test_heading_left_empty_makes_the_clause_weak():
    report = check_text(FORM)
    assert report.status("C12") == "weak"
    empty = [f for f in report.findings if f.category == "C12" and f.rule_id == "L.placeholder"]
    assert empty and "内容空白" in empty[0].message
    assert "违约责任" in empty[0].evidence[0].quote and empty[0].evidence[0].article == "四"


def test_filled_clauses_of_the_form_are_not_weak():
    report = check_text(FORM)
    assert report.status("C13") == "present"
    assert report.status("C10") in {"present", "weak"}  # judged on its wording, not on emptiness
    assert not [f for f in report.findings if f.category == "C13" and f.rule_id == "L.placeholder"]
