"""Realistic agreements for the checker's tests, built as data and rendered to text or .docx.

``complete()`` is a full modern 组建协议 for a 两江新区 (cq-liangjiang) 产业创新联合体 with five members — the lead
enterprise, an upstream enterprise, an application unit (a vehicle maker), a university and a research institute —
and one article per clause category C01–C25 (C01 also owns the preamble's party list, C17 also owns the signature
page). Variants:

* ``without(cid)`` drops what settles the category and renumbers the articles;
* ``weakened(cid)`` rewrites that article the way weak drafts are written (the spec's W-text where §4.1 has one for
  the category, otherwise hedges, deferrals and blanks written here);
* ``replaced(cid, text)`` puts any text in place of the category's article body (used for W01–W20 and S01–S20);
* ``baseline()`` is the same agreement with every regime word taken out (judged against the law-level baseline).

Writers: ``to_docx`` (headings, real tables, optional Word automatic numbering ``第%1条``), ``write_gbk``,
``write_utf8_bom``, ``write_traditional``. Names and codes are fictional; the USCCs carry valid GB 32100 / GB 11714
check characters (computed once with ``gongjian.contracts.uscc._check_char_17/_check_char_18`` and hard-coded).

Run ``python tests/agreements.py OUT_DIR`` to write the complete agreement and its variants for inspection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

# --------------------------------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class Table:
    """A table: a caption line, then a header row and body rows (rendered as tab-separated lines)."""

    caption: str
    rows: tuple[tuple[str, ...], ...]

    def lines(self) -> list[str]:
        return [self.caption, *("\t".join(r) for r in self.rows)]


Block = str | Table


@dataclass(frozen=True)
class Article:
    """One article: the category it settles, its heading title and its paragraphs (and tables)."""

    cid: str
    title: str
    body: tuple[Block, ...]


@dataclass(frozen=True)
class Member:
    label: str  # 甲方 …
    role: str  # 牵头单位 / 核心层单位 / 合作单位
    name: str
    uscc: str
    legal_rep: str
    address: str
    contact: str
    signed: str  # 签署日期


@dataclass(frozen=True)
class Rendered:
    """An agreement as plain text, with the spans each category's own text occupies."""

    text: str
    spans: dict[str, list[tuple[int, int]]]
    labels: dict[str, str]  # category → article label (第十条 …), after renumbering

    def span(self, cid: str) -> tuple[int, int]:
        """Return the first span of a category (the preamble's party list for C01, else its article)."""
        return self.spans[cid][0]

    def within(self, cid: str, start: int, end: int) -> bool:
        """Return whether ``start:end`` lies inside one of the category's spans."""
        return any(s <= start and end <= e for s, e in self.spans.get(cid, ()))


_CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """Return the Chinese numeral used in article labels (1 → 一, 10 → 十, 25 → 二十五).

    >>> [cn_number(n) for n in (1, 10, 11, 20, 25, 99)]
    ['一', '十', '十一', '二十', '二十五', '九十九']
    """
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


@dataclass(frozen=True)
class Agreement:
    """A 组建协议 as data; ``render()`` turns it into text."""

    title: str
    members: tuple[Member, ...]
    recital: tuple[str, ...]
    articles: tuple[Article, ...]
    closing: str = "（以下无正文，为各成员单位签署页）"
    party_lines: tuple[str, ...] | None = None  # overrides the generated preamble (weak C01)
    with_parties: bool = True
    with_signatures: bool = True
    replacements: tuple[tuple[str, str], ...] = field(default=())  # applied to the rendered text (baseline)

    # -- variants -------------------------------------------------------------------------------------------
    def without(self, cid: str) -> Agreement:
        """Return the agreement without the article(s) that settle ``cid`` (C01 also loses the party list, C17
        the signature page); the remaining articles are renumbered."""
        if not any(a.cid == cid for a in self.articles):
            raise KeyError(cid)
        out = replace(self, articles=tuple(a for a in self.articles if a.cid != cid))
        if cid == "C01":
            out = replace(out, with_parties=False)
        if cid == "C17":
            out = replace(out, with_signatures=False)
        return out

    def replaced(self, cid: str, *paragraphs: Block, title: str | None = None) -> Agreement:
        """Return the agreement with the body of ``cid``'s article replaced by ``paragraphs``."""
        if not any(a.cid == cid for a in self.articles):
            raise KeyError(cid)
        return replace(self, articles=tuple(
            Article(a.cid, title or a.title, tuple(paragraphs)) if a.cid == cid else a for a in self.articles))

    def replaced_paragraph(self, cid: str, index: int, text: str) -> Agreement:
        """Return the agreement with one paragraph (by index in the article body) of ``cid``'s article replaced."""
        arts = []
        for a in self.articles:
            if a.cid == cid:
                body = list(a.body)
                body[index] = text
                a = Article(a.cid, a.title, tuple(body))
            arts.append(a)
        return replace(self, articles=tuple(arts))

    def weakened(self, cid: str) -> Agreement:
        """Return the agreement with ``cid``'s article written the way weak drafts are written."""
        weak = WEAK[cid]
        out = self.replaced(cid, *weak.body, title=weak.title)
        if cid == "C01":
            out = replace(out, party_lines=WEAK_PARTY_LINES)
        return out

    # -- rendering ------------------------------------------------------------------------------------------
    def preamble_lines(self) -> list[str]:
        if self.party_lines is not None:
            return list(self.party_lines)
        lines = []
        for m in self.members:
            lines += [f"{m.label}（{m.role}）：{m.name}", f"统一社会信用代码：{m.uscc}", f"法定代表人：{m.legal_rep}",
                      f"住所：{m.address}", f"联系人：{m.contact}"]
        return lines

    def signature_lines(self) -> list[str]:
        lines = [self.closing, ""]
        for m in self.members:
            lines += [f"{m.label}（公章）：{m.name}", f"法定代表人（签字）：{m.legal_rep}", f"签署日期：{m.signed}", ""]
        return lines[:-1]

    def render(self) -> Rendered:
        parts: list[str] = []
        spans: dict[str, list[tuple[int, int]]] = {}
        labels: dict[str, str] = {}
        pos = 0

        def emit(line: str) -> tuple[int, int]:
            nonlocal pos
            start = pos
            parts.append(line + "\n")
            pos += len(line) + 1
            return start, start + len(line)

        emit(self.title)
        emit("")
        if self.with_parties:
            lines = self.preamble_lines()
            first = emit(lines[0])
            last = first
            for line in lines[1:]:
                last = emit(line)
            spans.setdefault("C01", []).append((first[0], last[1]))
            emit("")
        for line in self.recital:
            emit(line)
        emit("")
        for n, art in enumerate(self.articles, 1):
            label = f"第{cn_number(n)}条"
            start, end = emit(f"{label} {art.title}")
            for block in art.body:
                for line in (block.lines() if isinstance(block, Table) else [block]):
                    _, end = emit(line)
            spans.setdefault(art.cid, []).append((start, end))
            labels.setdefault(art.cid, label)
            emit("")
        if self.with_signatures:
            start = pos
            end = start
            for line in self.signature_lines():
                _, e = emit(line)
                end = e if line else end
            spans.setdefault("C17", []).append((start, end))
        text = "".join(parts).rstrip("\n") + "\n"
        if self.replacements:  # spans no longer index the text after replacements; keep none
            for old, new in self.replacements:
                text = text.replace(old, new)
            spans = {}
        return Rendered(text, spans, labels)

    @property
    def text(self) -> str:
        return self.render().text


# --------------------------------------------------------------------------------------------------- members

MEMBERS = (
    Member("甲方", "牵头单位", "重庆翎川车规电子股份有限公司", "91500000MA5YK3R73U", "韩立峰",
           "重庆市两江新区金渝大道153号翎川产业园1号楼", "周蔓，023-67651208，zhouman@lingchuan-auto.cn",
           "2025年11月18日"),
    Member("乙方", "核心层单位", "重庆峡砺碳化硅材料有限公司", "91500112MA60QD8T38", "罗静姝",
           "重庆市渝北区双凤桥街道空港东路26号", "蒋涛，023-67829034，jiangtao@xiali-sic.cn", "2025年11月18日"),
    Member("丙方", "核心层单位", "重庆驰远新能源汽车有限公司", "91500000MA61BN4C5N", "魏长青",
           "重庆市两江新区龙兴镇兴科大道88号", "程蕾，023-63158870，chenglei@chiyuan-ev.cn", "2025年11月20日"),
    Member("丁方", "核心层单位", "重庆缙岭大学", "12500000450389121K", "陆文渊",
           "重庆市北碚区天生路2号", "科学技术研究院 邵可，023-68253316，shaoke@jinling.edu.cn", "2025年11月24日"),
    Member("戊方", "合作单位", "重庆嘉悦功率电子研究院", "12500000MB1P7W2A5N", "苏明哲",
           "重庆市两江新区悦来大道19号", "杨柳，023-63042157，yangliu@jiayue-pe.org.cn", "2025年11月21日"),
)

PLATFORM = "重庆两江新区车规级功率半导体产业创新联合体"
AUTHORITY = "两江新区科技创新局"

# --------------------------------------------------------------------------------------------------- articles

TASKS = Table("任务分工表", (
    ("承担单位", "研发任务", "交付成果与考核指标", "项目负责人", "完成时限"),
    ("甲方", "功率模块设计、封装工艺开发和电驱系统集成；牵头组织装车验证",
     "主驱功率模块3款，功率循环寿命不低于10万次，通过AQG 324认证", "梁启帆", "2028年6月30日"),
    ("乙方", "6英寸导电型碳化硅衬底与外延片研发及试验供应",
     "衬底微管密度不高于0.1个/平方厘米，外延片良率不低于95%，向甲方、戊方供应外延片不少于2000片", "罗思远",
     "2027年12月31日"),
    ("丙方", "提供电驱系统工况数据和验证车型，开展台架与道路验证",
     "完成不少于2款车型、累计不少于30万公里的道路验证并出具验证报告", "魏子航", "2028年9月30日"),
    ("丁方", "碳化硅MOSFET器件结构与栅氧可靠性研究；组建首席科学家团队",
     "完成1200伏MOSFET芯片设计2款并流片，申请发明专利不少于12项", "陆一鸣", "2027年12月31日"),
    ("戊方", "器件与模块可靠性测试平台建设及测试服务",
     "建成覆盖高温反偏、功率循环和短路耐受试验的测试平台，出具测试报告不少于40份", "苏晓岚", "2028年3月31日"),
))

FUNDING = Table("研发投入计划表", (
    ("成员单位", "投入方式", "投入金额（万元）", "大写金额", "占投入总额比例（%）"),
    ("甲方", "货币资金及研发场地、封装中试线", "4000", "人民币肆仟万元整", "50"),
    ("乙方", "货币资金及外延设备机时", "1200", "人民币壹仟贰佰万元整", "15"),
    ("丙方", "货币资金及验证车辆、试验场地", "1600", "人民币壹仟陆佰万元整", "20"),
    ("丁方", "科研人员工时及实验室条件作价", "400", "人民币肆佰万元整", "5"),
    ("戊方", "货币资金及测试设备", "800", "人民币捌佰万元整", "10"),
    ("合计", "—", "8000", "人民币捌仟万元整", "100"),
))

BACKGROUND_IP = Table("背景知识产权清单", (
    ("权利人", "名称", "类型", "专利号或登记号"),
    ("甲方", "一种双面散热碳化硅功率模块封装结构", "发明专利", "ZL202210457316.2"),
    ("乙方", "一种降低碳化硅单晶微管密度的生长方法", "发明专利", "ZL202110863594.7"),
    ("丁方", "一种沟槽栅碳化硅MOSFET元胞结构", "发明专利", "ZL202310125708.4"),
    ("戊方", "功率器件可靠性测试数据管理系统V2.0", "计算机软件著作权", "2024SR0517382"),
))

ARTICLES = (
    Article("C01", "参与单位", (
        "联合体由下列成员单位组成：牵头单位为甲方，系注册于两江新区直管区的汽车电子龙头企业；核心层单位为乙方（产业链"
        "上游企业，从事碳化硅衬底和外延片的研发与生产）、丙方（应用单位，从事新能源整车的研发与制造）和丁方（高等学校）；"
        "合作单位为戊方（科研院所）。",
        "各成员单位声明：本单位是依法设立并有效存续的独立法人，已按其章程和内部制度完成签署本协议所需的决策程序，具备履行"
        "本协议所需的资质和能力；本协议首部所载本单位名称、统一社会信用代码、法定代表人和住所真实准确，上述事项发生变更的，"
        "应自变更登记之日起10日内书面通知其他成员单位。",
    )),
    Article("C23", "联合体名称与标识", (
        f"各方以“{PLATFORM}”（以下简称“联合体”）的名称向{AUTHORITY}申报。称号授予前，各方对外只能使用“拟申报"
        f"{PLATFORM}”或“联合体（筹建）”的表述，不得以已获认定的名义进行宣传、招商或者签订合同。",
        "称号授予后，联合体名称和标识由甲方统一管理；其他成员单位在宣传材料或项目申报中使用的，应事先取得甲方书面同意，并"
        "如实注明本单位的成员身份。称号被撤销、有效期届满未获续期或者联合体解散的，各成员单位应自该事由发生之日起10日内停止"
        "使用联合体名称和标识；成员单位退出或者被除名的，自退出或者除名之日起停止使用。",
    )),
    Article("C02", "技术创新目标", (
        "联合体面向新能源汽车电驱系统，聚焦车规级碳化硅功率器件的衬底与外延材料、芯片设计与制造工艺、模块封装与可靠性验证"
        "三个方向开展协同攻关，建设期为本协议生效之日起三年。",
        "建设期内，联合体应实现以下量化指标：（1）6英寸导电型碳化硅衬底微管密度不高于0.1个/平方厘米，外延片良率不低于95%；"
        "（2）研制1200伏车规级碳化硅MOSFET芯片2款、主驱功率模块3款，模块通过AQG 324可靠性认证；"
        "（3）申请发明专利不少于36项，"
        "其中第一年不少于10项、第二年不少于12项、第三年不少于14项；（4）主导或参与制定国家、行业或团体标准不少于4项；（5）功率"
        "模块在丙方不少于2款车型上完成装车验证，成果转化新增销售收入累计不少于人民币叁亿元整（¥300,000,000.00）。",
        "年度里程碑为：第一年完成衬底与外延工艺定型及首轮芯片流片；第二年完成功率模块样品试制并通过台架试验；第三年完成装车"
        "验证、可靠性认证和小批量供货。各项指标的责任单位以任务分工表为准。理事会每年对上述指标的完成情况进行一次考核；建设期"
        "满后，由理事会委托具有检验检测资质的第三方机构按本条所列指标进行终期验收。",
    )),
    Article("C03", "任务分工", (
        "各成员单位按下表承担研发任务，对本单位任务的进度、质量和交付成果负责。每项任务由承担单位指定1名项目负责人；承担单位"
        "更换项目负责人的，应提前15日书面告知执行办公室。",
        TASKS,
        "任务之间的衔接按以下约定执行：乙方按甲方提出的技术规格向甲方和戊方提供外延片样品；丙方提供电驱工况数据和验证车辆，"
        "并指定专人配合台架和道路试验；丁方、戊方按年度里程碑提交设计文件和测试报告。执行办公室按上表所列交付成果和考核指标"
        "组织阶段验收；验收不合格的，承担单位应在45日内完成整改并重新申请验收。",
    )),
    Article("C04", "各成员单位的责权利", (
        "各成员单位享有下列权利：（1）委派理事参加理事会并行使表决权；（2）按联合体规则使用共享设施、测试平台和数据；（3）依照"
        "本协议取得项目成果的权利和使用许可，分享转化收益；（4）查阅联合体专账收支、年度审计报告和会议记录；（5）按本协议规定"
        "的条件和程序退出联合体。",
        "各成员单位承担下列义务：（1）按研发投入计划按期足额投入；（2）按任务分工表完成本单位承担的研发任务；（3）执行理事会"
        "决议，遵守本协议的保密和科研诚信约定；（4）按年度报告的要求如实提供本单位数据；（5）保持其作为成员单位所依赖的资质；"
        "（6）发生合并、分立、重大资产重组、解散、破产、被列入严重失信主体名单或者丧失前述资质的，自该事项发生之日起10日内书面"
        "通知甲方。",
        f"甲方作为牵头单位，还应履行下列职责：统筹管理联合体的研发攻关，组织编制实施方案和年度计划；设立执行办公室并配备专职"
        f"人员；开设和管理联合体专账；代表联合体向{AUTHORITY}报送申报、备案和年度材料。",
        "乙方负责保障碳化硅衬底和外延片的试验供应；丙方负责提供应用场景、整车数据和验证条件；丁方负责组建科研团队并提供实验"
        "条件；戊方负责提供可靠性测试和技术服务。",
    )),
    Article("C05", "组织机构与议事规则", (
        "联合体设理事会作为最高决策机构，由每家成员单位各委派1名理事组成，共5名，甲方法定代表人任理事长。理事会的职权为：审定"
        "发展规划、实施方案和年度计划；审批年度预算和决算；决定成员单位的吸纳和除名；批准对外独占许可或者排他许可；审议收益"
        "分配结算；决定本协议的修改、续期和联合体解散。",
        "理事会每半年至少召开1次定期会议，由理事长召集，并于会议召开10日前书面通知全体理事；经2名以上理事提议，理事长应在"
        "15日内召集临时会议。理事会会议须有4名以上理事出席方可举行。一般事项经全体理事过半数同意通过；年度预算、成员吸纳和"
        "除名、对外独占或者排他许可、协议修改和联合体解散，须经全体理事三分之二以上同意。会议记录由出席理事签字后交执行办公室"
        "存档。",
        "联合体实行理事会领导下的行政负责人和技术负责人分工负责制。行政负责人由甲方分管研发的副总经理担任，负责日常运行和资源"
        "调度；技术负责人即首席科学家，由理事会聘任丁方推荐的学科带头人担任，负责技术路线和攻关组织，理事会可按前款表决规则"
        "予以解聘。联合体设专家咨询委员会，由7名产业和学术专家组成，每届任期3年，就技术路线、任务分解和研发计划提出咨询意见，"
        "咨询意见载入理事会会议记录，对理事会不具有约束力。",
        "执行办公室设在甲方，专职人员不少于3名。同一重大事项经两次理事会会议表决仍未通过的，由各成员单位法定代表人在30日内"
        "会商；会商仍无结果的，按本协议争议解决条款处理。",
    )),
    Article("C06", "资金投入与成本承担", (
        "建设期内各成员单位研发投入总额为人民币捌仟万元整（¥80,000,000.00），各方的投入方式、金额和比例如下表。",
        FUNDING,
        "货币资金分三个年度投入：第一年度资金于本协议生效之日起30日内、第二年度资金于2026年12月31日前、第三年度资金于"
        "2027年12月31日前汇入甲方开设的联合体专账，三个年度分别投入各方货币资金承诺额的40%、35%和25%。非货币投入由投入方"
        "提供清单和作价依据，经理事会委托的资产评估机构评估后计入投入额。",
        "各成员单位为完成本单位任务发生的费用在其投入额内列支；共性测试平台运维、共有知识产权申请和维持、第三方认证与审计等"
        "共同费用从联合体专账列支。年度支出超出预算10%以上的，须经理事会批准；因成员单位逾期投入造成资金缺口的，由甲方先行"
        "垫付，垫付资金及其按一年期贷款市场报价利率计算的利息由逾期投入方承担。",
        "甲方应在本协议生效之日起60日内拟订联合体经费管理办法提交理事会审议；该办法通过前，专账资金参照甲方现行研发经费管理"
        "制度使用。专账资金每年由理事会委托的会计师事务所审计一次，审计报告送全体成员单位。",
    )),
    Article("C22", "财政资金与政策支持", (
        "以联合体任务申报的各级财政科技资金和政策补贴，由甲方作为申报主体统一申报，资金到账后单独核算、专款专用，并接受财政、"
        "审计和科技主管部门的监督检查。",
        "两江新区按项目实际研发投入给予的补贴，由甲方自到账之日起30日内，按各成员单位经审计的该项目实际研发投入比例拨付；同一"
        "事项符合多项支持政策的，按“就高不重复”原则申报，任何成员单位不得就同一事项重复申请。",
        "财政资金因某一成员单位的原因被责令整改或者被追回的，由该成员单位承担退还责任，并赔偿由此给其他成员单位造成的损失；"
        "非因成员单位过错被追回的，由各成员单位按已分得金额的比例退还。利用财政资金形成的项目成果，权利人应依照《中华人民共和国"
        "科学技术进步法》履行成果登记和实施、保护情况年度报告义务；向境外组织或者个人转让或者独占许可的，应事先报项目主管部门"
        "批准。",
    )),
    Article("C18", "对外责任主体", (
        "联合体是依本协议组建的契约型合作组织，不具有独立法人资格。联合体对外开展合作、签订合同并承担责任的主体为甲方；甲方以"
        "联合体名义对外签订单笔金额超过人民币叁佰万元整（¥3,000,000.00）的合同，须事先经理事会批准。",
        "未经理事会书面授权，其他成员单位不得以联合体名义对外作出承诺或者签订合同；违反本款的，由行为方自行承担责任。",
        "甲方因执行理事会决议对外承担的责任，由各成员单位按研发投入计划表所列投入比例分担，甲方承担后有权向其他成员单位追偿；"
        "因某一成员单位过错产生的责任，由该成员单位最终承担。本协议不在各成员单位之间形成合伙、代理或者连带责任关系。",
    )),
    Article("C07", "知识产权归属", (
        "本协议所称背景知识产权，是指各成员单位在本协议生效前已拥有或者在联合体任务之外独立取得的专利、计算机软件著作权、集成"
        "电路布图设计和技术秘密，各方投入联合体使用的背景知识产权列于下表；项目成果，是指执行联合体任务过程中产生的发明创造、"
        "集成电路布图设计、计算机软件、技术秘密、试验数据和标准草案。",
        BACKGROUND_IP,
        "背景知识产权仍归原权利人所有，本协议的签署和履行不构成转让。为完成联合体任务需要使用他方背景知识产权的，权利人应在本"
        "协议有效期内给予无偿、非独占、不可转让、不可转许可的使用许可；为实施项目成果进行商业化生产需要使用的，权利人应以不高于"
        "其向第三方许可同类技术的条件给予普通许可。",
        "项目成果按下列规则确定归属：（1）由一家成员单位独立完成的，归该成员单位所有；（2）由两家以上成员单位共同完成的，归共同"
        "完成方共有，共有份额按各共同完成方在该任务中经年度决算确认的实际投入比例确定；（3）利用联合体专账资金在共性测试平台上"
        "完成的共性技术成果，由全体成员单位共有，共有份额为甲方40%、乙方15%、丙方15%、丁方20%、戊方10%。",
        "需要申请专利的共有成果，由甲方在技术方案公开前统一办理，以全体共有人为共同申请人，申请和维持费用从联合体专账列支。甲方"
        "应在提交申请前书面征询其他共有人的意见，共有人不同意申请的，应在收到书面征询之日起15日内书面说明理由，逾期未答复的视为"
        "同意申请；共有人声明放弃其申请权的，其他共有人可以申请，放弃方在专利授权后可以免费实施该专利。共有的技术秘密，各共有人"
        "可以为本单位研发和生产经营自行使用，向第三方转让、许可或者披露的，须经全体共有人书面同意。",
        "任一成员单位基于项目成果作出的后续改进归改进方所有；改进方应在改进完成之日起30日内书面通知其他成员单位，其他成员单位"
        "有权以不高于改进方向第三方许可同类技术费率的60%取得普通许可，各成员单位之间相互适用同一规则。各成员单位应确保其职工、"
        "学生在执行联合体任务中完成的成果依本条确定归属，并保障完成人的署名权。",
    )),
    Article("C08", "许可使用", (
        "成员单位为本单位内部研究开发使用项目成果的，无需向权利人支付许可费；共有人为本单位生产经营实施共有成果的，无需向其他"
        "共有人支付费用。",
        "成员单位在本单位产品中实施他方所有的项目成果的，权利人应给予普通许可，许可费不高于同类技术市场许可费的70%，许可范围"
        "限于被许可方的主营业务领域。",
        "向联合体以外的第三方许可共有成果的，普通许可须经共有份额合计超过二分之一的共有人同意；独占许可或者排他许可须经全体"
        "共有人书面同意并经理事会批准。许可合同应书面载明许可类型、地域、领域和期限，许可期限不得超过所涉专利权的剩余有效期，"
        "且不得限制被许可方在许可技术基础上的后续研究开发。",
        "丁方、戊方转让或者许可其所有或者共有的项目成果的，可以依照《中华人民共和国促进科技成果转化法》通过协议定价、在技术"
        "交易市场挂牌交易或者拍卖确定价格，协议定价的应在本单位公示，其他成员单位应予配合。",
    )),
    Article("C09", "转化收益分配", (
        "本协议所称转化收益，包括项目成果转让、许可取得的价款，以项目成果作价投资取得的股权及其收益，以及成员单位利用联合体"
        "共性测试平台对外提供技术咨询、技术服务取得的收入。可分配净收入是指转化收益扣除依法缴纳的税费、专利申请和维持费用、"
        "资产评估及技术交易服务费后的余额，扣除项目以实际发生并取得合法票据的为准。",
        "独立成果的转化收益归其权利人所有；共有成果的可分配净收入按共有份额分配；共性技术成果的可分配净收入按甲方40%、乙方15%、"
        "丙方15%、丁方20%、戊方10%的比例分配，以共性技术成果作价投资的，各共有人按同一比例持有股权。",
        "成员单位利用联合体共性测试平台对外提供技术咨询、技术服务的，收入归提供服务方，提供服务方应将该项净收入的10%缴入联合体"
        "专账，用于平台运行维护。",
        "转化收益由签约的权利人收取，收款方应在款项到账之日起30日内将其他成员单位应得部分支付至其指定账户，并于每年3月31日前"
        "向全体成员单位提交上一年度收益结算表。任一成员单位每年可以委托会计师事务所审计收款方的转化收益账目一次，审计发现少付"
        "金额超过应付金额5%的，审计费用由收款方承担。",
        "各成员单位对本单位完成人的奖励和报酬从其分得的收益中支付。成员单位退出或者本协议终止后，其对已形成成果的收益分配权利"
        "持续至该项知识产权保护期届满。",
    )),
    Article("C21", "人才激励与奖励报酬", (
        "丁方推荐的首席科学家受聘期间，人事关系保留在丁方，薪酬由丁方发放，联合体专账每年向丁方支付人员补贴人民币贰拾伍万元整"
        "（¥250,000.00）。",
        "各成员单位派驻联合体工作的人员，其劳动关系、社会保险和薪酬仍由派出单位负责；派驻人员在执行联合体任务中完成的成果，"
        "按本协议知识产权归属条款确定归属，派出单位应与派驻人员书面约定该等成果归属于派出单位。",
        "各成员单位应依照《中华人民共和国促进科技成果转化法》和本单位制度，对完成、转化项目成果作出重要贡献的人员给予奖励和"
        "报酬；丁方、戊方从转让、许可项目成果取得的净收入中提取用于奖励的比例不低于50%。参与联合体任务的研究生，由丁方负责与其"
        "签订成果归属和保密承诺书。",
    )),
    Article("C24", "开放共享与条件保障", (
        "甲方在其两江新区研发基地提供不少于1200平方米的联合研发场所，使用期限与本协议有效期一致，场地租金计入甲方投入。",
        "各成员单位向联合体开放下列设施：甲方的功率模块封装中试线，乙方的外延生长与表征设备（每月提供不少于60小时机时），丙方的"
        "电驱台架和整车试验场地，丁方的器件仿真与微纳加工平台，戊方的可靠性测试平台。成员单位为执行联合体任务使用上述设施的，"
        "不收取费用，但应提前5个工作日通过执行办公室预约；向联合体以外的单位开放的，收费标准由理事会核定。",
        "使用方应遵守设施管理方的操作规程，因使用方过错造成设施损坏的，由使用方负责修复或者赔偿。丙方提供的整车运行数据应经"
        "脱敏处理后存储于甲方境内服务器，仅用于联合体任务，数据处理应遵守《中华人民共和国数据安全法》和《中华人民共和国个人"
        "信息保护法》。",
    )),
    Article("C19", "年度报告与绩效考核", (
        f"联合体年度运行报告由甲方汇总编制，并在{AUTHORITY}通知的期限内报送。为此，乙方、丙方、丁方、戊方应于每年1月31日前向"
        "甲方提交本单位上一年度的任务完成情况、经费收支、专利与标准、人员团队和成果转化数据，所提交的数据应加盖本单位公章，由"
        "提交单位对其真实性负责。",
        "理事会于每年3月31日前以技术创新目标和任务分工表所列指标为依据完成年度考核。未达标的成员单位应自考核结果送达之日起30日"
        "内提交整改方案，报理事会确认；连续两个年度未达标的，理事会可以调减其任务及对应经费，情节严重的按成员除名规则处理。各"
        "成员单位应配合主管部门、审计机构和第三方评价机构开展的评价、审计和现场核查。",
    )),
    Article("C20", "风险承担", (
        "因现有技术水平无法克服的技术困难导致研发任务全部或者部分失败的，承担单位应在发现之日起10日内书面通知执行办公室，并"
        "立即采取措施防止损失扩大。专家咨询委员会应在接到通知之日起30日内就是否构成技术风险出具书面评估意见，理事会据此决定"
        "终止、调整或者继续该任务。",
        "经理事会认定属于技术风险的，各成员单位为该任务已投入的本单位经费由各自承担，联合体专账已支出的部分由各成员单位按投入"
        f"比例分担，承担单位不因此承担违约责任。因政策调整或者不可抗力导致联合体无法继续运行的，各方已发生的费用各自承担；本协议"
        f"生效后12个月内联合体未获{AUTHORITY}认定的，由理事会决定以合作研发形式继续履行或者终止本协议。",
    )),
    Article("C10", "保密", (
        "本协议所称保密信息，是指一方在合作中向其他方披露，或者其他方因履行本协议而知悉的技术信息和经营信息，包括器件设计文件、"
        "工艺参数、测试数据、整车工况数据、源代码、客户信息和未公开的项目成果，不论其是否标明“保密”。",
        "下列信息不属于保密信息：披露时已为公众所知悉的；接收方能够证明在披露前已合法掌握的；接收方从无保密义务的第三方合法获得"
        "的；接收方独立开发的。依照法律规定或者司法机关、仲裁机构、行政主管部门的要求必须披露的，接收方应事先书面通知披露方，"
        "并仅在要求的范围内披露。",
        "接收方仅可为执行联合体任务的目的使用保密信息，应将知悉范围限于确需知悉的人员，并与其签订不低于本条标准的保密承诺。"
        "丁方、戊方拟发表涉及项目成果的论文或者作学术报告的，应在投稿或者报告前30日提交执行办公室审查；其他成员单位为申请专利"
        "需要的，可以要求推迟发表，推迟期限不超过90日。",
        "保密义务在本协议有效期内及本协议终止或者成员单位退出后5年内有效，技术秘密的保密义务持续至其依法公开之日。本协议终止或者"
        "一方退出时，接收方应按披露方的要求返还或者销毁载有保密信息的文件和介质。",
    )),
    Article("C11", "科研诚信追究", (
        "各成员单位保证其提交的申报材料、实施方案、年度报告、验收材料和科研数据真实、准确、完整，并约束本单位人员不得实施下列"
        "科研失信行为：抄袭、剽窃他人科研成果；伪造、篡改研究数据、图表或者测试报告；买卖、代写论文或者项目申报材料；以虚假信息"
        "骗取项目、经费或者奖励；在论文、专利中不当署名。",
        "成员单位或者其人员涉嫌科研失信的，由理事会组成不少于3人的调查组在60日内完成调查，被调查单位应如实提供材料并配合调查；"
        "主管部门已作出认定的，以主管部门的认定为准。",
        f"经认定存在科研失信行为的，责任单位应退还由此取得的联合体经费，并承担由此导致的财政资金追回、称号撤销的全部损失；情节"
        f"严重的，经全体理事三分之二以上同意（责任单位委派的理事不参加表决），理事会可以将其除名。甲方应在认定之日起10个工作日内"
        f"书面报告{AUTHORITY}，责任单位应依其内部制度处理直接责任人员。本条约定在本协议终止或者成员单位退出后继续有效。",
    )),
    Article("C12", "违约责任追究", (
        "成员单位未按研发投入计划足额投入货币资金的，每逾期一日按应投未投金额的万分之五向联合体专账支付违约金；逾期超过60日"
        "仍未补足的，理事会可以暂停其表决权和收益分配权，直至其补足为止。",
        "成员单位因自身原因未按任务分工表完成任务的，执行办公室应书面催告并给予30日纠正期；纠正期满仍未纠正的，理事会可以将该"
        "任务调整由其他成员单位承担，违约方应退还该任务已拨付的专账经费，并承担任务调整所增加的费用。",
        "违反保密义务或者未经许可实施他方知识产权的，违约方应立即停止违约行为，并向守约方支付违约金人民币伍拾万元整"
        "（¥500,000.00）；违约金不足以弥补守约方损失的，违约方还应赔偿差额部分。擅自以联合体名义对外作出承诺的，由行为方承担"
        "由此产生的全部责任。",
        "因不可抗力不能履行本协议的，受影响方应自不可抗力发生之日起15日内书面通知其他成员单位并提供证明，在不可抗力影响范围内"
        "免除责任；经认定属于技术风险的，按本协议风险承担条款处理。",
    )),
    Article("C14", "成员加入、退出与变更", (
        f"申请加入联合体的单位应在碳化硅功率器件领域具备研发或者配套能力，并与牵头单位具有合作基础。新成员加入由申请单位提出"
        f"书面申请，经全体理事三分之二以上同意后，由新成员与全体成员单位签署加入协议，并报{AUTHORITY}同意后生效。新成员仅对其"
        f"加入后形成的项目成果享有权利。",
        "成员单位退出联合体的，应提前90日书面通知理事会，完成在研任务的交接并结清应付款项；其已投入的资金不予退还，其对退出前已"
        "形成的项目成果享有的权利和收益分配不受影响，保密和科研诚信义务继续有效。",
        "成员单位严重违约经催告后60日内仍未纠正、被依法撤销或者宣告破产、存在严重科研失信行为的，经全体理事三分之二以上同意可以"
        "予以除名，被除名单位按前款规定办理交接和结算。因成员退出或者除名导致联合体不再包含产业链上下游企业或者高校、科研院所"
        "的，甲方应在60日内提出补充成员方案。",
        f"联合体存续期间，甲方不得退出联合体或者将牵头地位转让给其他单位；因甲方合并、分立确需变更牵头单位的，须经全体理事一致"
        f"同意并报{AUTHORITY}同意后实施。成员单位合并、分立的，由承继其权利义务的主体继续履行本协议。",
    )),
    Article("C15", "解散时的权责分配", (
        "有下列情形之一的，联合体解散：（1）有效期届满未续期；（2）联合体称号被撤销，或者绩效评价不达标且整改期满仍不合格；"
        "（3）技术创新目标已全部实现或者确定无法实现，经全体理事三分之二以上同意解散。",
        f"解散事由发生之日起30日内，各成员单位应各派1名人员组成清算小组，由甲方代表任组长，在90日内完成清算，并将清算报告书面"
        f"报送{AUTHORITY}。",
        "专账剩余的自筹资金按各成员单位实际投入比例返还；剩余财政资金按资金拨付部门的要求退回或者处理；以专账资金购置的设备按"
        "评估价值由成员单位协议作价受让，协议不成的公开处置，所得按实际投入比例分配。",
        "联合体对外债务由甲方先行清偿，再按实际投入比例向其他成员单位追偿；因成员单位过错产生的债务由过错方承担。在研的财政资金"
        "项目由项目承担单位继续完成。已形成的项目成果归属不因解散而改变，许可、收益分配、保密和科研诚信约定继续有效。联合体档案"
        "由甲方保存10年。",
    )),
    Article("C13", "争议解决", (
        "因本协议引起的或者与本协议有关的任何争议，各方应首先友好协商；自一方书面提出协商之日起30日内协商不成的，任何一方均应"
        "将争议提交重庆仲裁委员会，按照申请仲裁时该会现行有效的仲裁规则在重庆进行仲裁。仲裁裁决是终局的，对各方均有约束力。",
        "争议解决期间，各方应继续履行本协议中不涉及争议的部分。本条的效力不受本协议无效、变更、解除或者终止的影响。",
    )),
    Article("C25", "协议变更、补充协议与通知", (
        f"本协议的修改和补充应采用书面形式，由全体成员单位法定代表人签字并加盖公章；涉及成员单位变更等重要事项调整的，还应报"
        f"{AUTHORITY}同意后实施。补充协议与本协议就同一事项约定不一致的，以签署在后的补充协议为准；实施方案、年度计划与本协议"
        f"不一致的，以本协议为准。",
        "各方的通知地址以本协议首部所列住所为准。通知以专人送达、挂号信或者电子邮件方式作出：专人送达的，于签收时视为送达；"
        "挂号信于寄出后第5日视为送达；电子邮件于发送成功后的下一个工作日视为送达。一方变更通知地址的，应自变更之日起5日内书面"
        "通知其他方。本协议任何条款被认定无效的，不影响其他条款的效力。",
    )),
    Article("C16", "生效与期限", (
        "本协议自全体成员单位法定代表人签字并加盖单位公章之日起生效；各方签署日期不一致的，以最后一方签署日期为生效日。",
        "本协议有效期三年，与联合体称号有效期相衔接。有效期届满前90日，经理事会决议续期的，由各方签署续期协议。本协议关于知识"
        "产权归属、许可使用、收益分配、保密、科研诚信和争议解决的约定，在本协议终止后继续有效。",
    )),
    Article("C17", "签署与文本", (
        "各成员单位应由其法定代表人签字并加盖本单位公章，二者缺一不可，不得以授权代表签字或者合同专用章代替。",
        f"本协议一式十份，各成员单位各执一份，另五份由甲方留存，用于向{AUTHORITY}报送申报和备案材料，各份具有同等法律效力。",
    )),
)

RECITAL = (
    "鉴于碳化硅功率器件是新能源汽车电驱系统的关键部件，为突破车规级碳化硅材料、芯片和模块的关键核心技术，依据《中华人民共和国"
    "民法典》《中华人民共和国促进科技成果转化法》和《重庆两江新区产业创新联合体建设管理办法》，甲方作为产业链龙头企业牵头，联合"
    "上游材料企业乙方、整车应用单位丙方、高等学校丁方和科研院所戊方组建产业创新联合体。",
    "经所有成员单位同意，各方本着平等自愿、优势互补、利益共享、风险共担的原则签署本协议，共同遵守。",
)

TITLE = f"{PLATFORM}组建协议"


def complete() -> Agreement:
    """Return the complete agreement (cq-liangjiang, five members, C01–C25)."""
    return Agreement(TITLE, MEMBERS, RECITAL, ARTICLES)


# ------------------------------------------------------------------------------------------- weak rewrites

SPEC_W = {  # clause-spec §4.1, verbatim (the same texts as tests/data/spec_examples.yaml)
    "W01": "联合体致力于突破行业关键核心技术，力争在三年内达到国内领先水平，形成一批具有自主知识产权的重大成果。",
    "W02": "各成员单位按照各自优势分工协作，具体研发任务由牵头单位根据项目进展另行分配。",
    "W03": "联合体的重大事项由各成员单位协商一致后决定，必要时可召开会议研究。",
    "W04": "各成员单位根据项目需要适当投入研发经费，牵头单位承担主要投入责任。",
    "W05": "合作过程中产生的知识产权原则上归各方共有，具体份额由各方另行协商确定。",
    "W08": "成员单位可以优惠条件独家使用联合体成果，具体许可方式另行约定。",
    "W09": "成果转化收益在扣除相关成本后，由各成员单位按贡献大小合理分配。",
    "W10": "各成员单位应适时向牵头单位报送有关材料，配合做好年度报告工作。",
    "W11": "各方应对合作中获悉的对方信息予以保密。",
    "W12": "各成员单位应遵守国家科研诚信相关规定。",
    "W13": "任何一方违反本协议约定的，应承担相应的违约责任，违约金数额视情况而定。",
    "W14": "因本协议引起的争议，各方协商不成的，可以向仲裁机构申请仲裁，也可以向人民法院提起诉讼。",
    "W16": "经理事会同意，牵头单位可以将其在联合体中的牵头地位转让给其他成员单位。",
    "W17": "联合体解散时，各方的资产、债务和成果处置事宜另行协商。",
    "W18": "本协议自签订之日起生效，长期有效。",
    "W19": "本协议经各方授权代表签字或加盖合同专用章后生效。",
    "W20": "联合体以自身名义对外开展合作，对外事务由各成员单位共同负责。",
}


@dataclass(frozen=True)
class Weak:
    title: str
    body: tuple[str, ...]
    source: str  # the W-id, or "written" for texts written here


WEAK: dict[str, Weak] = {
    "C01": Weak("参与单位", (
        "联合体由甲方牵头，乙方、丙方、丁方、戊方等单位参加，其他成员单位的名单由牵头单位另行确定。",), "written"),
    "C02": Weak("技术创新目标", (SPEC_W["W01"],), "W01"),
    "C03": Weak("任务分工", (SPEC_W["W02"],), "W02"),
    "C04": Weak("各成员单位的责权利", (
        "各成员单位在联合体中享有平等的权利，承担相应的义务。牵头单位有权决定联合体的一切事项，其他成员单位的具体职责由牵头单位"
        "另行明确。",), "written"),
    "C05": Weak("组织机构与议事规则", (SPEC_W["W03"],), "W03"),
    "C06": Weak("资金投入与成本承担", (SPEC_W["W04"],), "W04"),
    "C07": Weak("知识产权归属", (SPEC_W["W05"],), "W05"),
    "C08": Weak("许可使用", (SPEC_W["W08"],), "W08"),
    "C09": Weak("转化收益分配", (SPEC_W["W09"],), "W09"),
    "C10": Weak("保密", (SPEC_W["W11"],), "W11"),
    "C11": Weak("科研诚信追究", (SPEC_W["W12"],), "W12"),
    "C12": Weak("违约责任追究", (SPEC_W["W13"],), "W13"),
    "C13": Weak("争议解决", (SPEC_W["W14"],), "W14"),
    "C14": Weak("成员加入、退出与变更", (SPEC_W["W16"],), "W16"),
    "C15": Weak("解散时的权责分配", (SPEC_W["W17"],), "W17"),
    "C16": Weak("生效与期限", (SPEC_W["W18"],), "W18"),
    "C17": Weak("签署与文本", (SPEC_W["W19"],), "W19"),
    "C18": Weak("对外责任主体", (SPEC_W["W20"],), "W20"),
    "C19": Weak("年度报告与绩效考核", (SPEC_W["W10"],), "W10"),
    "C20": Weak("风险承担", ("研发过程中出现技术风险的，由各方本着风险共担的原则协商解决，损失视情况由各方适当分担。",),
                "written"),
    "C21": Weak("人才激励与奖励报酬", (
        "各成员单位应按有关规定对作出贡献的人员给予适当奖励，派驻人员的管理办法另行制定。",), "written"),
    "C22": Weak("财政资金与政策支持", (
        "联合体获得的财政资金按有关规定使用，具体分配办法届时由理事会研究确定。",), "written"),
    "C23": Weak("联合体名称与标识", (
        "联合体名称为“重庆两江新区××产业创新联合体”（以下简称“联合体”），名称和标识的使用办法另行制定。",), "written"),
    "C24": Weak("开放共享与条件保障", (
        "各成员单位应本着资源共享的原则，尽可能向联合体开放科研设施，具体使用办法另行商定。",), "written"),
    "C25": Weak("协议变更、补充协议与通知", ("本协议未尽事宜，由各方另行协商解决。",), "written"),
}

# A weak preamble: the names without codes, blanks where the lead's code and representative should be.
WEAK_PARTY_LINES = (
    "甲方（牵头单位）：重庆翎川车规电子公司",
    "统一社会信用代码：＿＿＿＿＿＿＿＿＿＿＿＿",
    "法定代表人：＿＿＿＿",
    "住所：重庆市两江新区",
    "乙方：重庆峡砺碳化硅材料公司",
    "丙方：重庆驰远新能源汽车公司",
    "丁方：重庆缙岭大学",
    "戊方：重庆嘉悦功率电子研究院",
)


def without(cid: str) -> str:
    """Return the text of the complete agreement without category ``cid`` (renumbered)."""
    return complete().without(cid).text


def weakened(cid: str) -> str:
    """Return the text of the complete agreement with category ``cid`` written weakly."""
    return complete().weakened(cid).text


# --------------------------------------------------------------------------------------------------- baseline

# Every regime word out (cq-liangjiang: 两江新区, 产业创新联合体, 科技创新局, 核心层单位; none of the other
# regimes' words occurs in the agreement).
BASELINE_REPLACEMENTS = (
    ("和《重庆两江新区产业创新联合体建设管理办法》", ""),
    ("重庆两江新区车规级功率半导体产业创新联合体", "重庆车规级功率半导体产学研合作平台"),
    ("两江新区科技创新局", "重庆市科学技术局"),
    ("组建产业创新联合体", "组建产学研合作平台"),
    ("注册于两江新区直管区的", "注册于重庆市的"),
    ("两江新区按项目实际研发投入给予的补贴", "地方政府按项目实际研发投入给予的补贴"),
    ("两江新区研发基地", "重庆金渝研发基地"),
    ("重庆市两江新区", "重庆市渝北区"),
    ("核心层单位", "主要成员单位"),
)


def baseline() -> Agreement:
    """Return the complete agreement with no regime words (judged against the law-level baseline)."""
    return replace(complete(), replacements=BASELINE_REPLACEMENTS)


# --------------------------------------------------------------------------------------- non-agreements

LABOUR_CONTRACT = "\n".join((
    "劳动合同书",
    "",
    "甲方（用人单位）：重庆翎川车规电子股份有限公司",
    "统一社会信用代码：91500000MA5YK3R73U",
    "法定代表人：韩立峰",
    "住所：重庆市两江新区金渝大道153号翎川产业园1号楼",
    "乙方（劳动者）：张晓宁",
    "居民身份证号码：500112199203154426",
    "住址：重庆市渝北区龙山街道松石大道311号",
    "",
    "根据《中华人民共和国劳动法》《中华人民共和国劳动合同法》和有关法律法规，甲乙双方经平等自愿、协商"
    "一致，签订本合同。",
    "",
    "第一条 合同期限",
    "本合同为固定期限劳动合同，期限自2025年3月1日起至2028年2月29日止，其中试用期自202"
    "5年3月1日起至2025年5月31日止。",
    "",
    "第二条 工作内容和工作地点",
    "乙方同意在甲方功率模块事业部担任封装工艺工程师，工作地点为重庆市两江新区金渝大道153号。甲方因"
    "生产经营需要调整乙方工作岗位的，应与乙方协商一致并采用书面形式。",
    "",
    "第三条 工作时间和休息休假",
    "甲方实行标准工时制度，乙方每日工作8小时，每周工作40小时。甲方安排乙方延长工作时间的，按《中华"
    "人民共和国劳动法》第四十四条支付加班工资。乙方依法享有法定节假日、年休假、婚丧假和产假。",
    "",
    "第四条 劳动报酬",
    "乙方月工资为人民币壹万贰仟元整（¥12,000.00），试用期月工资为人民币壹万元整（¥10,0"
    "00.00）。甲方于每月15日前以货币形式足额支付乙方上月工资。",
    "",
    "第五条 社会保险和福利待遇",
    "甲方依法为乙方缴纳基本养老保险、基本医疗保险、失业保险、工伤保险、生育保险和住房公积金，乙方个人"
    "应缴部分由甲方从其工资中代扣代缴。",
    "",
    "第六条 劳动保护和职业危害防护",
    "甲方为乙方提供符合国家规定的劳动安全卫生条件和必要的劳动防护用品，对从事有职业危害作业的乙方每年"
    "组织一次职业健康检查。",
    "",
    "第七条 保密与职务成果",
    "乙方在职期间知悉的甲方技术信息和经营信息属于甲方商业秘密，乙方应予保密。乙方执行甲方工作任务或者"
    "主要利用甲方物质技术条件完成的发明创造为职务发明创造，申请专利的权利属于甲方，甲方按《中华人民共"
    "和国专利法》及其实施细则向乙方支付奖励和报酬。",
    "",
    "第八条 劳动合同的解除和终止",
    "劳动合同的解除和终止按照《中华人民共和国劳动合同法》第三十六条至第五十条执行。劳动合同解除或者终"
    "止的，甲方应在十五日内为乙方办理档案和社会保险关系转移手续，并依法支付经济补偿。",
    "",
    "第九条 劳动争议处理",
    "因履行本合同发生的劳动争议，双方可以协商解决；协商不成的，可以向重庆两江新区劳动人事争议仲裁委员"
    "会申请仲裁。对仲裁裁决不服的，可以自收到仲裁裁决书之日起十五日内向人民法院提起诉讼。",
    "",
    "第十条 其他",
    "本合同一式两份，甲乙双方各执一份，自双方签字或者盖章之日起生效。",
    "",
    "甲方（盖章）：重庆翎川车规电子股份有限公司",
    "法定代表人（签字）：韩立峰",
    "乙方（签字）：张晓宁",
    "签订日期：2025年2月26日",
    "",
))

REGULATION = "\n".join((
    "重庆两江新区科技成果转化项目资助管理办法（试行）",
    "",
    "第一条 为促进科技成果在两江新区转化落地，规范科技成果转化项目资助资金的管理，根据《中华人民共和"
    "国促进科技成果转化法》和国家、重庆市有关规定，结合两江新区实际，制定本办法。",
    "第二条 本办法所称科技成果转化项目，是指在两江新区注册的企业以技术转让、技术许可或者作价投资方式"
    "实施的科技成果产业化项目。",
    "第三条 两江新区科技创新局负责资助项目的受理、评审、立项和绩效评价，两江新区财政局负责资助资金的"
    "预算安排和拨付监督。",
    "第四条 申请资助的项目应当符合下列条件：（一）项目承担单位在两江新区注册并纳税；（二）所转化的科"
    "技成果权属清晰，无知识产权纠纷；（三）项目实际投入不低于人民币伍佰万元。",
    "第五条 资助标准为项目实际研发投入的20%，单个项目资助金额最高不超过人民币贰佰万元。同一项目获"
    "得其他财政资金支持的，按“就高不重复”原则执行。",
    "第六条 资助资金实行专款专用、单独核算。项目承担单位应当于每年3月31日前向两江新区科技创新局报"
    "送上一年度项目进展和资金使用情况。",
    "第七条 项目承担单位以弄虚作假等手段骗取资助资金的，由两江新区科技创新局追回已拨付资金，五年内不"
    "再受理其申请，并记入科研诚信记录。",
    "第八条 本办法由两江新区科技创新局负责解释。",
    "第九条 本办法自2025年1月1日起施行，有效期三年。",
    "",
))

# --------------------------------------------------------------------------------------------------- writers


def write_utf8(text: str, path: str | Path) -> Path:
    path = Path(path)
    path.write_text(text, encoding="utf-8")
    return path


def write_utf8_bom(text: str, path: str | Path) -> Path:
    """Write ``text`` as UTF-8 with a byte-order mark (what Windows Notepad writes)."""
    path = Path(path)
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    return path


def gbk_text(text: str) -> str:
    """Return ``text`` as a GBK editor would keep it: the yen sign (not in GBK) becomes the full-width ￥."""
    return text.replace("¥", "￥")


def write_gbk(text: str, path: str | Path, *, newline: str = "\r\n") -> Path:
    """Write ``text`` in GBK with Windows line ends; returns the path (see :func:`gbk_text` for the one change)."""
    path = Path(path)
    path.write_bytes(gbk_text(text).replace("\n", newline).encode("gbk"))
    return path


def to_traditional(text: str) -> str:
    """Return ``text`` in traditional characters (OpenCC s2t), keeping its length so offsets line up."""
    import opencc

    converter = opencc.OpenCC("s2t")
    out = converter.convert(text)
    if len(out) != len(text):  # a phrase conversion changed the length: convert character by character
        out = "".join(c2 if len(c2 := converter.convert(c)) == 1 else c for c in text)
    return out


def to_simplified(text: str) -> str:
    """Return ``text`` in simplified characters (OpenCC t2s)."""
    import opencc

    return opencc.OpenCC("t2s").convert(text)


def write_traditional(text: str, path: str | Path, *, encoding: str = "utf-8") -> Path:
    """Write ``text`` converted to traditional characters (UTF-8 by default; ``big5`` also works)."""
    path = Path(path)
    path.write_bytes(to_traditional(text).encode(encoding))
    return path


_ARTICLE_LINE = re.compile(r"^第[一二三四五六七八九十百]+条[ \t\u3000]*(.*)$")
_NUMBERING_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _set_fonts(document) -> None:
    """Body 宋体, headings 黑体, set as East-Asian fonts (DESIGN.md "Fonts")."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    def east_asia(style, name: str, size: float | None = None, bold: bool | None = None) -> None:
        style.font.name = name
        if size is not None:
            style.font.size = Pt(size)
        if bold is not None:
            style.font.bold = bold
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(fonts)
        fonts.set(qn("w:eastAsia"), name)

    east_asia(document.styles["Normal"], "宋体", 12)
    for style_name in ("Title", "Heading 2"):
        style = document.styles[style_name]
        east_asia(style, "黑体", 16 if style_name == "Title" else 12, True)
        style.font.color.rgb = None


def _add_article_numbering(document) -> str:
    """Add an abstract numbering ``第%1条`` (chineseCounting) to numbering.xml; return its numId."""
    from lxml import etree

    w = f"{{{_NUMBERING_NS}}}"
    numbering = document.part.numbering_part.element
    abstract = etree.SubElement(numbering, f"{w}abstractNum")
    abstract.set(f"{w}abstractNumId", "71")
    etree.SubElement(abstract, f"{w}multiLevelType").set(f"{w}val", "singleLevel")
    lvl = etree.SubElement(abstract, f"{w}lvl")
    lvl.set(f"{w}ilvl", "0")
    etree.SubElement(lvl, f"{w}start").set(f"{w}val", "1")
    etree.SubElement(lvl, f"{w}numFmt").set(f"{w}val", "chineseCounting")
    etree.SubElement(lvl, f"{w}lvlText").set(f"{w}val", "第%1条")
    etree.SubElement(lvl, f"{w}lvlJc").set(f"{w}val", "left")
    # abstractNum elements precede num elements in numbering.xml (CT_Numbering sequence).
    first_num = numbering.find(f"{w}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    num = etree.SubElement(numbering, f"{w}num")
    num.set(f"{w}numId", "71")
    etree.SubElement(num, f"{w}abstractNumId").set(f"{w}val", "71")
    return "71"


def _attach_numbering(paragraph, num_id: str) -> None:
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    numpr = ppr.makeelement(qn("w:numPr"), {})
    ilvl = numpr.makeelement(qn("w:ilvl"), {qn("w:val"): "0"})
    num = numpr.makeelement(qn("w:numId"), {qn("w:val"): num_id})
    numpr.extend([ilvl, num])
    # numPr follows pStyle / keepNext … in CT_PPr; placing it right after pStyle keeps the sequence valid.
    style = ppr.find(qn("w:pStyle"))
    if style is not None:
        style.addnext(numpr)
    else:
        ppr.insert(0, numpr)


def to_docx(text: str, path: str | Path, auto_numbering: bool = False, signature_columns: int = 1) -> Path:
    """Write an agreement's text as a .docx the way a drafter would have typed it in Word.

    The first line becomes the title; ``第X条 标题`` lines become headings (with ``auto_numbering`` the label comes
    from Word automatic numbering — ``第%1条`` in chineseCounting — so the document text itself has no 第X条);
    runs of tab-separated lines become real tables (the line before them, the caption, stays a paragraph); blank
    lines are dropped in the body and kept as empty paragraphs on the signature page. With ``signature_columns``
    above 1, the signature page's blocks (blank-line separated) go into a borderless table of that many columns,
    one block per cell, row by row — how signature pages are often laid out.
    """
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    _set_fonts(document)
    num_id = _add_article_numbering(document) if auto_numbering else None
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    signature = False
    i = 0
    first = True
    while i < len(lines):
        line = lines[i]
        if first and line.strip():
            document.add_heading(line.strip(), level=0).alignment = WD_ALIGN_PARAGRAPH.CENTER
            first = False
            i += 1
            continue
        if "\t" in line:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append(lines[i].split("\t"))
                i += 1
            width = max(len(r) for r in rows)
            table = document.add_table(rows=len(rows), cols=width)
            table.style = "Table Grid"
            for r, cells in enumerate(rows):
                for c, value in enumerate(cells):
                    table.cell(r, c).text = value
            continue
        if "以下无正文" in line:
            signature = True
            if signature_columns > 1:
                document.add_paragraph(line)
                _signature_table(document, lines[i + 1 :], signature_columns)
                break
        if not line.strip():
            if signature:
                document.add_paragraph("")
            i += 1
            continue
        m = _ARTICLE_LINE.match(line)
        if m and not signature:
            heading = document.add_heading(m.group(1) if auto_numbering else line.strip(), level=2)
            if auto_numbering:
                _attach_numbering(heading, num_id)
        else:
            document.add_paragraph(line)
        i += 1
    path = Path(path)
    document.save(str(path))
    return path


def _signature_table(document, lines: list[str], columns: int) -> None:
    blocks = [b.strip().split("\n") for b in re.split(r"\n\s*\n", "\n".join(lines)) if b.strip()]
    table = document.add_table(rows=(len(blocks) + columns - 1) // columns, cols=columns)  # no style: no borders
    for k, block in enumerate(blocks):
        cell = table.cell(k // columns, k % columns)
        cell.text = block[0]
        for line in block[1:]:
            cell.add_paragraph(line)


if __name__ == "__main__":  # pragma: no cover - write the agreements for inspection
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "agreements-out")
    out.mkdir(parents=True, exist_ok=True)
    write_utf8(complete().text, out / "complete.txt")
    to_docx(complete().text, out / "complete.docx")
    to_docx(complete().text, out / "complete-autonum.docx", auto_numbering=True)
    for a in ARTICLES:
        write_utf8(without(a.cid), out / f"without-{a.cid}.txt")
        write_utf8(weakened(a.cid), out / f"weak-{a.cid}.txt")
    print(out)
