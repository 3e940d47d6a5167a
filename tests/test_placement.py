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


ALLIANCE = (
    "长江示例新能源装备产业技术创新战略联盟协议\n\n"
    "下列四家单位自愿发起组建长江示例新能源装备产业技术创新战略联盟（以下简称“联盟”），订立本协议。"
    "发起成员为：示例储能科技股份有限公司、示例电气有限公司、示例理工大学和示例能源研究院。\n\n"
    "联盟以大容量储能变流装备为主攻方向，至2028年12月31日研制1500伏储能变流器样机2台，转换效率不低于98.5%，"
    "申请发明专利不少于12件，制定团体标准不少于3项。\n\n"
    "联盟的运行费用由成员分担，各成员每年缴纳运行费：示例储能科技股份有限公司人民币20万元，示例电气有限公司人民币10万元，"
    "示例理工大学和示例能源研究院各人民币5万元，合计每年人民币40万元，于每年3月31日前缴入秘书处开设的专用账户。"
    "联盟成员承担的政府资助项目，其财政资金按项目管理办法单独核算、专款专用，接受财政和审计部门的监督检查。"
    "秘书处每年1月底前编制上一年度运行费收支报告，送全体成员审阅；成员对报告有异议的，可在收到后15日内书面提出，"
    "秘书处应在15日内答复。成员逾期缴纳运行费的，秘书处应书面催告，催告后30日内仍未缴纳的，暂停其参加联盟项目的资格；"
    "退出联盟的成员已缴纳的当年运行费不予退还。\n\n"
    "联盟设理事会，由各成员各委派1名代表组成，理事会每年至少召开2次会议，一般事项经全体理事过半数同意通过。\n\n"
    "因本协议发生的争议，提交武汉仲裁委员会仲裁。\n\n"
    "示例储能科技股份有限公司（盖章）\n法定代表人（签字）：\n\n示例电气有限公司（盖章）\n法定代表人（签字）：\n\n"
    "示例理工大学（盖章）\n法定代表人（签字）：\n\n示例能源研究院（盖章）\n法定代表人（签字）：\n"
)


def test_a_run_on_paragraph_holds_each_of_its_clauses():
    """A paragraph that runs the members' fees, the public funds and a report together holds the funding clause
    too: another clause the rules found there does not hide it (the competition is sentence by sentence)."""
    report = check_text(ALLIANCE)
    assert report.status("C22") != "missing"
    assert report.status("C06") != "missing"


def test_a_deferral_about_dissolution_in_the_term_article_weakens_dissolution_not_the_term():
    text = agreement(
        "合作内容\n双方共同研究高折射率光学薄膜的制备工艺，乙方负责膜系设计和工艺研究。",
        "争议解决\n因本协议发生的争议，提交苏州仲裁委员会仲裁。",
        "生效与期限\n（一）本协议自双方法定代表人签字并加盖公章之日起生效，有效期五年。\n"
        "（二）本协议终止的，联合实验室的设备和资产处置事宜由双方另行协商。")
    report = check_text(text)
    assert report.status("C16") == "present"
    assert report.status("C15") == "weak"


INSTITUTE = (
    "共建示例先进材料研究院协议\n\n甲方：示例市高新技术产业开发区管理委员会\n乙方：示例工业大学\n丙方：示例新材料股份有限公司\n\n"
    "第一条 研究院登记为事业单位法人，甲方为举办单位。\n"
    "第二条 研究院获得批准建设前，各方不得以“示例省先进材料技术创新中心”名义对外宣传或招商。\n"
    "第三条 研究院依法独立承担民事责任，各方以本协议约定的投入为限承担责任。\n"
    "第四条 研究院形成的专利在同等条件下优先许可给乙方、丙方实施，许可费按市场价格协商。\n"
    "第五条 研究院撤销时，以其财产清偿债务后，剩余资产由甲方按国有资产管理规定处置。\n"
    "第六条 因本协议发生的争议，提交示例仲裁委员会仲裁。\n"
)


@pytest.mark.parametrize("cid", ["C23", "C18", "C08", "C15"])
def test_one_sentence_clauses_of_an_institute_agreement_are_found(cid):
    assert check_text(INSTITUTE).status(cid) != "missing"


def test_acting_in_the_platforms_name_is_not_a_name_and_logo_clause():
    publicity = "第二条 研究院获得批准建设前，各方不得以“示例省先进材料技术创新中心”名义对外宣传或招商。\n"
    text = INSTITUTE.replace(publicity, "第二条 未经理事会授权，任何一方不得以研究院名义对外提供担保或签订合同。\n")
    assert check_text(text).status("C23") == "missing"
