"""Older contract forms: 一，-numbered sections, and headings left empty (template not filled in)."""

from __future__ import annotations

from gongjian.api import check_text
from gongjian.nlp.structure import parse_structure

FORM = """技术合作开发合同

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


# An older 联营 / 科技协作 form: clauses written without a heading, headings of older forms, drafting notes, captions
# left empty, a signature page of blank lines. Every status below is what a reviewer reads off the text.
JOINT = """联营合同

甲方：示例机械厂
乙方：示例研究所
保证方：示例实业公司

一、联营宗旨：合营公司的经营目的是采用先进技术生产数控机床，提高产品质量。
二、保证人负责监督合同的执行，并帮助解决甲乙双方执行合同过程中出现的问题。
三、联营成员有退出联营的自主权，但退出前签订的各项经济合同仍应继续履行，直至履行完毕。
四、联营期满后的财产处理：＿＿＿＿＿＿＿＿
五、技术成果的归属和分享：
（一）专利申请权：

（二）非专利技术成果的使用权、转让权：

注２：合同没有约定的，视当事人均有使用或转让的权利。
六、违约责任
１．联营成员不得中途退出联营。如中途退出，除赔偿造成的全部损失外，另付出资额的＿＿＿＿％作为违约金。
２．协议履行中如发生纠纷，由各方派代表协商解决，或请双方主管部门仲裁。
七、本合同经各方签字后，报请有关主管部门审批后生效。本合同一式三份，各方各执一份。

甲方（公章）：＿＿＿＿＿＿　　法定代表人（签字）：＿＿＿＿＿＿
乙方（公章）：＿＿＿＿＿＿　　法定代表人（签字）：＿＿＿＿＿＿
签订日期：＿＿＿＿年＿＿月＿＿日
"""


def test_clauses_without_a_heading_are_found_by_a_decisive_phrase():
    report = check_text(JOINT)
    assert report.status("C02") == "present"  # 经营目的是……
    assert report.status("C04") == "present"  # 保证人负责监督合同的执行
    c14 = next(c for c in report.categories if c.id == "C14")
    assert c14.articles[0] == "三"  # 有退出联营的自主权


def test_property_on_expiry_is_the_dissolution_clause_and_blank_is_weak():
    report = check_text(JOINT)
    c15 = next(c for c in report.categories if c.id == "C15")
    assert c15.status == "weak" and c15.articles == ("四",)


def test_captions_left_empty_and_drafting_notes_say_nothing():
    report = check_text(JOINT)
    # 技术成果的归属和分享： with only （一）专利申请权： and （二）……使用权、转让权： under it,
    # and a 注 for the form's user
    assert report.status("C07") == "weak"
    assert report.status("C08") == "weak"
    assert any(f.rule_id == "L.placeholder" and f.category == "C07" for f in report.findings)


def test_a_drafting_note_does_not_place_a_category():
    text = JOINT.replace("（二）非专利技术成果的使用权、转让权：\n", "")
    report = check_text(text)
    assert report.status("C08") == "missing"  # only the 注 speaks of 使用或转让的权利


def test_a_blank_shared_with_another_clause_weakens_both():
    # The exit penalty is both a breach clause and an exit rule; its blank percentage is reported once (C12), but
    # leaves both clauses incomplete.
    report = check_text(JOINT)
    assert report.status("C12") == "weak" and report.status("C14") == "weak"
    blanks = [f for f in report.findings if f.evidence and "中途退出，除赔偿" in f.evidence[0].quote]
    assert len(blanks) == 1


def test_old_form_dispute_and_effect_clauses_are_weak():
    report = check_text(JOINT)
    assert report.status("C13") == "weak"
    assert any(f.rule_id == "C13.D2" for f in report.findings)  # 请双方主管部门仲裁: no arbitration commission
    assert report.status("C16") == "weak"
    assert any(f.rule_id == "C16.D6" for f in report.findings)  # 报请有关主管部门审批后生效: which authority?


def test_negotiation_then_court_in_the_next_sentence_is_a_complete_dispute_clause():
    text = JOINT.replace("２．协议履行中如发生纠纷，由各方派代表协商解决，或请双方主管部门仲裁。",
                         "２．执行本合同发生争议，由各方协商解决。协商不成，任一方可向甲方所在地人民法院起诉。")
    report = check_text(text)
    assert not any(f.rule_id == "C13.D4" for f in report.findings)


def test_blank_signature_lines_do_not_make_signing_weak():
    text = JOINT.replace("保证方：示例实业公司\n", "").replace("保证人负责", "甲方负责")
    report = check_text(text)
    assert report.status("C17") == "present"
    # the blanks are still reported, once: one X18 for the page counts them all (issue 13 item 4), no L.placeholder
    signing = [f for f in report.findings if f.category == "C17" and f.rule_id in ("X18", "L.placeholder")]
    assert [(f.rule_id, f.severity) for f in signing] == [("X18", "info")] and "5处" in signing[0].message


def test_an_article_heading_beginning_with_zhong_is_an_article():
    structure = parse_structure("协议\n第一条 目标\n正文\n第二条 中心的组织\n正文\n第三条 各方\n依照第二条中的约定。\n")
    assert [a.label for a in structure.units] == ["第一条", "第二条", "第三条"]


TRANSFER = """技术转让和合作生产合同

中国示例机床公司（以下简称“甲方”）为一方，示例国示例工业公司（以下简称“乙方”）为另一方。

１．乙方保证它是本合同规定提供的技术的合法所有者，并有权向甲方转让。
２．乙方授与甲方在中国制造和销售合同产品的权利，这种权利是非独占的、不可转让的权利。
３．甲方如不能按规定时间支付技术转让费，则按年息××％向乙方支付利息，按日计算。
４．合同终止后，甲方仍有权使用乙方提供的技术，继续制造和销售合同产品。
５．本合同自双方授权代表签字之日起生效，有效期为十年。
"""


def test_tech_transfer_clauses_without_headings():
    report = check_text(TRANSFER)
    assert report.status("C01") == "present"  # ……为一方，……为另一方
    assert next(c for c in report.categories if c.id == "C07").articles == ("１．",)  # 合法所有者
    assert next(c for c in report.categories if c.id == "C08").articles == ("２．",)  # 授与……制造和销售……的权利
    assert report.status("C12") == "weak"  # late payment interest, rate left as ××
    assert next(c for c in report.categories if c.id == "C15").articles == ("４．",)  # rights after termination


def test_transfer_licence_and_service_contracts_are_other_contracts():
    """A contract the law names for a transfer, a licence or a service is not a co-building agreement."""
    from gongjian.nlp.detect import detect_document_type
    from gongjian.nlp.document import parse_string

    for title in ("技术转让合同", "专利权转让合同", "专利实施许可合同", "技术秘密转让与许可协议", "技术服务合同",
                  "技术咨询合同"):
        kind = detect_document_type(parse_string(FORM.replace("技术合作开发合同", title, 1)))
        assert kind["kind"] == "other-contract", (title, kind)
    assert detect_document_type(parse_string(FORM))["kind"] == "cooperation-agreement"


def test_an_agreement_that_names_itself_by_its_kind_is_an_agreement():
    """“本组建协议”“本共建合同” are the agreement's own words, as 本协议 is."""
    from gongjian.nlp.detect import detect_document_type
    from gongjian.nlp.document import parse_string

    text = ("智能传感产业创新联合体组建协议\n\n第一条 成员单位\n"
            "华信微电子有限公司为牵头单位，东湖理工大学为成员单位。\n"
            "第二条 生效\n本组建协议自各成员单位签字盖章之日起生效。\n")
    assert detect_document_type(parse_string(text))["kind"] == "cooperation-agreement"


def test_a_page_about_an_agreement_is_not_an_agreement():
    from gongjian.nlp.detect import detect_document_type
    from gongjian.nlp.document import parse_string

    news = ("我市首个产业创新联合体揭牌成立\n\n12月3日，由华信微电子牵头、东湖理工大学等6家单位共同组建的"
            "智能传感产业创新联合体正式揭牌。联合体将围绕传感芯片开展联合攻关，成员单位共同投入研发资金1.2亿元。"
            "市科技局负责同志表示，将在项目申报、人才引进等方面给予支持。")
    assert detect_document_type(parse_string(news))["kind"] == "not-a-contract"


def test_a_heading_that_states_the_clause_is_not_an_empty_heading():
    """“第一条 联盟名称为“……””: the parser may take the line for a heading, but it says everything."""
    text = ("长江储能材料产业技术创新战略联盟协议\n\n甲方：华信微电子有限公司\n乙方：东湖理工大学\n\n"
            "第一章 总则\n\n"
            '第一条 联盟名称为"长江储能材料产业技术创新战略联盟"（以下简称"联盟"）。\n'
            "第二条 联盟由甲方、乙方自愿组成，不具有法人资格。\n"
            "第三条 联盟对外活动以甲方名义进行，对外责任由甲方承担。\n"
            "\n第二章 目标与任务\n\n第四条 联盟围绕储能材料开展联合攻关。\n")
    report = check_text(text)
    assert not [f for f in report.findings if f.rule_id == "L.placeholder" and "内容空白" in f.message]


def test_a_bracketed_article_heading_is_not_a_blank():
    heading = "第一条【成员单位】甲方、乙方为本合同当事人。\n"
    text = FORM.replace("一，转让技术的内容和要求：", heading + "一，转让技术的内容和要求：")
    report = check_text(text)
    assert not [f for f in report.findings if f.rule_id == "X18" and "成员单位" in f.message]


def test_a_sentence_about_what_agreements_must_contain_is_not_a_clause():
    """A recital quoting a policy (“组建协议应当对……收益分配比例作出约定”) is not this agreement's revenue clause."""
    text = ("华东传感产业技术创新战略联盟协议\n\n甲方：华信微电子有限公司\n乙方：东湖理工大学\n\n第一条 联盟宗旨\n"
            "按照管理办法，组建协议应当对成员单位的知识产权归属和成果转化收益分配比例作出约定。联盟围绕智能传感开展联合攻关。\n\n"
            "第二条 生效\n本协议自双方签字盖章之日起生效。\n")
    assert check_text(text).status("C09") == "missing"


def test_a_breach_clause_without_any_consequence_is_weak():
    text = ("合作协议\n\n甲方：华信微电子有限公司\n乙方：东湖理工大学\n\n第一条 合作内容\n"
            "双方共同开展传感器研发，甲方负责产品化，乙方负责算法研究。\n\n第二条 违约责任\n违约方要承担违约责任。\n\n"
            "第三条 生效\n本协议自双方签字盖章之日起生效。\n")
    report = check_text(text)
    assert report.status("C12") == "weak"
    assert any(f.rule_id == "C12.D1" and "违约方要承担违约责任" in f.evidence[0].quote for f in report.findings)


FRAMEWORK = """共建长江智能制造研究院战略合作框架协议

甲方：武汉市东湖新技术开发区管理委员会
乙方：东湖理工大学
法定代表人：王建国

为推动产学研深度融合，经友好协商，双方就共建长江智能制造研究院达成如下协议。

一、合作内容
双方共建长江智能制造研究院，甲方提供科研用房5000平方米，乙方组建科研团队。

二、分歧的解决
双方在履行本协议中发生分歧的，应友好协商解决。

三、其他
本协议一式四份，双方各执两份，自双方签字盖章之日起生效。

甲方（盖章）：武汉市东湖新技术开发区管理委员会
负责人（签字）：
日期：

乙方（盖章）：东湖理工大学
法定代表人（签字）：
日期：
"""


def test_a_government_body_is_a_party_and_signs_its_own_block():
    """A 管委会 in a framework agreement is a party: its signature block is not a stranger's (no X03)."""
    report = check_text(FRAMEWORK)
    assert not [f for f in report.findings if f.rule_id == "X03"], [f.message for f in report.findings]
    assert report.signatures["members"] == 2


def test_a_long_unit_name_with_its_seal_mark_opens_the_signature_page():
    """「甲方：<19-character name>（盖章）」 is a signature block however long the name (no false X03)."""
    text = ("合作协议\n\n甲方：湖州示例高端装备智能制造科技有限公司\n乙方：示例理工大学\n\n"
            "一、合作内容\n双方共同研究高端装备的数字孪生技术。\n二、争议解决\n"
            "因本协议发生的争议，提交湖州仲裁委员会仲裁。\n三、其他\n本协议一式四份，双方各执两份。\n\n"
            "甲方：湖州示例高端装备智能制造科技有限公司（盖章）\n法定代表人（签字）：\n日期：2026年3月1日\n\n"
            "乙方：示例理工大学（盖章）\n法定代表人（签字）：\n日期：2026年3月2日\n")
    structure = parse_structure(text)
    assert [b.short_name for b in structure.signatures] == ["甲方", "乙方"]
    report = check_text(text)
    assert not [f for f in report.findings if f.rule_id == "X03"]


def test_a_no_text_below_line_naming_the_seal_page_is_not_a_signature_block():
    """「（以下为签章页，无正文）」 announces the page; it is nobody's block (no X03 for an unnamed block)."""
    text = ("合作协议\n\n甲方：示例精密机械有限公司\n乙方：示例理工大学\n\n"
            "一、合作内容\n双方共同研究精密减速器的寿命预测技术。\n二、争议解决\n"
            "因本协议发生的争议，提交无锡仲裁委员会仲裁。\n\n（以下为签章页，无正文）\n\n"
            "甲方：示例精密机械有限公司（盖章）\n法定代表人（签字）：\n\n"
            "乙方：示例理工大学（盖章）\n法定代表人（签字）：\n")
    assert [b.short_name for b in parse_structure(text).signatures] == ["甲方", "乙方"]
    assert not [f for f in check_text(text).findings if f.rule_id == "X03"]
