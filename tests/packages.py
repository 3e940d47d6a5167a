"""Realistic application packages (申报材料) for ``gongjian verify``, built as .docx files with python-docx.

* :func:`application_form` writes the 两江新区产业创新联合体组建申请表 laid out like 004_552c305ebc467d0d.txt 附件1:
  the cover (名称, 产业领域, 牵头单位（盖章）, 联 系 人 …), 填表说明, the main table of label and value cells
  (联合体名称 | … ; 联合体协议生效时间 | … | 产业领域 | … ; 成员总数（个） …), the table 三, the member table 五
  (序号 | 成员单位名称及统一社会信用代码, in one cell on two lines | 地位与分工), the note and the 审核意见 table with
  its blank 年 月 日 (which are not the applicant's to fill).
* :func:`plan` writes a 建设方案 (js-tech-center outline of 002 附) with a member table, the lead and the funding total.
* :func:`charter` writes the 章程 of the operating entity (its name, bodies, members as 股东).
* :func:`supplementary` writes a 补充协议 with its signature page.

Everything is keyword arguments with the consistent values as defaults, so a test seeds one inconsistency by
changing one argument. Names and codes are the fictional ones of ``tests/agreements.py`` and the js-tech-center
sample spec.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tests import agreements as ag


@dataclass(frozen=True)
class Unit:
    """A member as an attachment lists it."""

    name: str
    uscc: str
    rep: str = ""
    role: str = ""


CQ_UNITS = tuple(Unit(m.name, m.uscc, m.legal_rep, m.role) for m in ag.MEMBERS)
CQ_EFFECTIVE = "2025年11月24日"  # the latest signature date of tests/agreements.py (丁方)

# The js-tech-center sample spec (gongjian/templates/samples/js-tech-center.yaml).
JS_PLATFORM = "江苏省先进膜材料技术创新中心"
JS_ENTITY = "江苏示例先进膜材料技术研究院有限公司"
JS_UNITS = (
    Unit("南京示例膜科技股份有限公司", "91320100UYD40KCC96", "孟庆丰", "牵头单位"),
    Unit("示例化工大学", "1232000054JQMF30XD", "卢启明", "成员单位"),
    Unit("无锡示例水处理工程有限公司", "913202007UNJML7X14", "华卫东", "成员单位"),
    Unit("南京示例环境科学研究院", "523201004G45A35N2N", "方国栋", "成员单位"),
)


def _document():
    import docx

    document = docx.Document()
    ag._set_fonts(document)
    return document


def _table(document, rows: list[list[str]], merges: tuple[tuple[int, int, int], ...] = ()):
    """Add a table; ``merges`` are (row, first col, last col) spans; a cell text with \\n gets one paragraph a line."""
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            if not value:
                continue
            lines = value.split("\n")
            cell = table.cell(r, c)
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    for r, first, last in merges:
        table.cell(r, first).merge(table.cell(r, last))
    return table


def application_form(path: str | Path, *, platform: str = ag.PLATFORM, cover_platform: str | None = None,
                     field: str = "汽车电子（车规级功率半导体）", lead: str = ag.MEMBERS[0].name,
                     cover_lead: str | None = None, effective: str = CQ_EFFECTIVE, count: str = "5",
                     units: tuple[Unit, ...] = CQ_UNITS) -> Path:
    """Write the 申请表 of 004 附件1, filled in consistently with ``tests/agreements.complete()`` by default."""
    document = _document()
    document.add_paragraph("附件1")
    document.add_heading("两江新区产业创新联合体组建申请表", level=0)
    document.add_paragraph(f"      产业创新联合体名称：{platform if cover_platform is None else cover_platform}")
    document.add_paragraph(f"  产业领域：{field}")
    document.add_paragraph(f"      牵头单位：{lead if cover_lead is None else cover_lead}（盖章）")
    document.add_paragraph(" 联 系 人：周蔓")
    document.add_paragraph(" 联系电话：023-67651208")
    document.add_paragraph(" 填报日期：2025年11月28日")
    document.add_paragraph("两江新区科技创新局制")
    document.add_paragraph("填表说明")
    for line in ("一、联合体牵头单位须加盖法人公章。", "二、产业领域指联合体所涉及我市主导产业、新兴产业。",
                 "三、联合体首席科学家需填写科研简历及学术任职。",
                 "四、联合体内已建平台数量指所有成员单位在本产业领域已建成并正在运行的市级以上各类科研平台。",
                 "五、对联合体牵头单位、成员单位在行业（或领域）中地位、分工、合作基础、开展活动和取得的实效做简要说明。",
                 "六、联合体组建申请表需附《两江新区产业创新联合体组建协议》。",
                 "七、申请书一式三份，盖章后两份报两江新区科技创新局备案。"):
        document.add_paragraph(line)
    document.add_paragraph("两江新区产业创新联合体组建申请表")
    _table(document, [
        ["联合体名称", platform, "", ""],
        ["联合体协议生效时间", effective, "产业领域", field],
        ["联合体牵头单位", lead, "", ""],
        ["推荐首席科学家", "陆一鸣", "职务/职称", "教授"],
        ["联合体内已建相关\n市级及以上各类\n科研平台数量（个）", "6", "近三年营业收入（万元）", "286000"],
        ["近三年研发投入\n（万元）", "21400", "成员总数（个）", count],
        ["一、技术创新目标（限500字）", "", "", ""],
        ["突破6英寸导电型碳化硅衬底、1200伏车规级MOSFET芯片和主驱功率模块的关键技术，三年内模块通过AQG 324认证并在"
         "2款车型上完成装车验证。", "", "", ""],
        ["二、推荐首席专家科研简历（含取得的代表性创新成果、主要学术任职等）", "", "", ""],
        ["陆一鸣，重庆缙岭大学教授，长期从事宽禁带半导体器件研究。", "", "", ""],
    ], merges=((0, 1, 3), (2, 1, 3), (6, 0, 3), (7, 0, 3), (8, 0, 3), (9, 0, 3)))
    _table(document, [
        ["三、科研团队情况", "", "", "", ""],
        ["姓名", "年龄", "职务/职称", "从事专业", "工作单位"],
        ["陆一鸣", "52", "教授", "微电子学", ag.MEMBERS[3].name],
        ["梁启帆", "41", "高级工程师", "电力电子", ag.MEMBERS[0].name],
    ], merges=((0, 0, 4),))
    _table(document, [
        ["五、成员单位在行业（或领域）中地位的简要说明", "", ""],
        ["序号", "成员单位名称\n及统一社会信用代码", "在行业（或领域）中的地位，在联合体内分工（限200字）"],
        *[[str(i), f"{u.name}\n{u.uscc}" if u.uscc else u.name, f"{u.role}，负责联合体分工中的相应任务。"]
          for i, u in enumerate(units, 1)],
        [str(len(units) + 1), "", ""],
    ], merges=((0, 0, 2),))
    document.add_paragraph("注：若成员单位超过20家，则只需填写主要成员单位的有关情况。")
    _table(document, [
        ["牵头单位审核意见\n\n            牵头单位（盖章）：\n                        年   月   日"],
        ["专家组意见\n                         专家签字：\n 年   月   日"],
        ["两江新区科技创新局审核意见\n                      两江新区科技创新局（盖章）：\n        年   月   日"],
    ])
    path = Path(path)
    document.save(str(path))
    return path


def plan(path: str | Path, *, platform: str = JS_PLATFORM, lead: str = JS_UNITS[0].name,
         units: tuple[Unit, ...] = JS_UNITS, total: str = "12000万元") -> Path:
    """Write a 建设方案 following 002 附 建设方案编写提纲, consistent with the js-tech-center sample by default."""
    document = _document()
    document.add_heading(f"{platform}建设方案", level=0)
    document.add_paragraph("一、建设背景与意义")
    document.add_paragraph("高性能分离膜是水处理、化工和新能源产业的关键材料，我省膜产业规模居全国前列，但高端反渗透膜和耐溶剂"
                           "纳滤膜仍依赖进口。")
    document.add_paragraph("二、基础条件与优势")
    document.add_paragraph(f"牵头单位：{lead}")
    document.add_paragraph("组建单位基本情况如下表。")
    _table(document, [
        ["序号", "单位名称", "统一社会信用代码", "法定代表人", "角色"],
        *[[str(i), u.name, u.uscc, u.rep, u.role] for i, u in enumerate(units, 1)],
    ])
    document.add_paragraph("三、建设目标与主要任务")
    document.add_paragraph("建设期三年，申请发明专利31项，建成膜材料中试线2条，建设工业废水零排放示范工程3项。")
    document.add_paragraph("四、建设方式与组织架构")
    document.add_paragraph(f"中心以{JS_ENTITY}为运营主体，实行董事会决策制、中心主任负责制和技术委员会咨询制。")
    document.add_paragraph("五、管理模式与运行机制")
    document.add_paragraph("董事会每年至少召开4次会议；技术委员会由9名专家组成。")
    document.add_paragraph("六、经费投入与保障措施")
    document.add_paragraph(f"建设期内中心总投入{total}，全部由组建单位自筹，各级财政资金另行申请、单独核算。")
    document.add_paragraph("七、建设进度安排")
    document.add_paragraph("2026年完成运营主体设立和中试线建设；2027年完成膜组件定型；2028年完成示范工程并验收。")
    path = Path(path)
    document.save(str(path))
    return path


def charter(path: str | Path, *, entity: str = JS_ENTITY, board: str = "董事会", advisory: str = "技术委员会",
            uscc: str = "", units: tuple[Unit, ...] = JS_UNITS) -> Path:
    """Write the 章程 of the operating entity, consistent with the js-tech-center sample by default."""
    document = _document()
    document.add_heading(f"{entity}章程", level=0)
    lines = [
        "第一章 总则",
        "第一条 为规范公司的组织和行为，根据《中华人民共和国公司法》和有关法律法规，制定本章程。",
        f"第二条 本公司名称：{entity}。" + (f"统一社会信用代码：{uscc}。" if uscc else ""),
        "第三条 公司住所：南京市浦口区示例新材料产业园12号。",
        f"第四条 公司是{JS_PLATFORM}的运营主体，依照本章程管理。",
        "第二章 股东与出资",
        "第五条 公司股东及其认缴出资如下：" + "；".join(f"{u.name}认缴出资人民币500万元" for u in units) + "。",
        "第三章 组织机构",
        "第六条 公司设股东会，由全体股东组成，是公司的权力机构。",
        f"第七条 公司设{board}，{board}由4名董事组成，每家股东各委派1名；{board}设董事长一人，由{units[0].name}委派的"
        "董事担任。",
        f"第八条 {board}对股东会负责，决定中心的发展规划、年度计划和预算。",
        f"第九条 公司设{advisory}，由9名行业和学术专家组成，对技术路线和重大技术方案提出咨询意见。",
        "第十条 公司设监事一名，由股东会选举产生。",
        "第四章 附则",
        "第十一条 本章程自全体股东签字盖章之日起生效。",
    ]
    for line in lines:
        document.add_paragraph(line)
    path = Path(path)
    document.save(str(path))
    return path


SUPPLEMENT_CLAUSES = ("原协议任务分工表中戊方的完成时限由2028年3月31日调整为2028年6月30日。",
                      "本补充协议是原协议不可分割的组成部分；本补充协议未作约定的，以原协议为准。",
                      "本补充协议自全体成员单位法定代表人签字并加盖单位公章之日起生效。")


def supplementary(path: str | Path, *, main_title: str | None = ag.TITLE, main_date: str = CQ_EFFECTIVE,
                  signers: tuple = ag.MEMBERS, proxy: str = "", parties: tuple = ag.MEMBERS,
                  clauses: tuple[str, ...] | None = None, one_paragraph: bool = False, body_end: bool = True) -> Path:
    """Write a 补充协议 to the cq agreement of ``tests/agreements.py`` between ``parties``, signed by ``signers``
    (the member named ``proxy`` signs through an authorised representative under a plain 盖章). ``clauses`` replace
    the three of ``SUPPLEMENT_CLAUSES``; with ``one_paragraph`` each signature block is one paragraph (seal,
    signatory and date side by side); without ``body_end`` the signature page has no （以下无正文）."""
    document = _document()
    document.add_heading("补充协议（一）", level=0)
    for m in parties:
        document.add_paragraph(f"{m.label}：{m.name}")
    ref = f"各方于{main_date}签订的《{main_title}》（以下简称“原协议”）" if main_title else "各方此前签订的协议"
    document.add_paragraph(f"鉴于{ref}已经生效，经全体成员单位协商一致，就任务分工调整事宜达成如下补充协议：")
    for n, clause in zip("一二三", SUPPLEMENT_CLAUSES if clauses is None else clauses, strict=False):
        document.add_paragraph(f"第{n}条 {clause}")
    if body_end:
        document.add_paragraph("（以下无正文）")
    for m in signers:
        if m.name == proxy:
            lines = [f"{m.label}（盖章）：{m.name}", "授权代表（签字）：何晓东"]
        else:
            lines = [f"{m.label}（公章）：{m.name}", f"法定代表人（签字）：{m.legal_rep}"]
        lines.append("签署日期：2026年3月2日")
        for line in ["    ".join(lines)] if one_paragraph else [*lines, ""]:
            document.add_paragraph(line)
    path = Path(path)
    document.save(str(path))
    return path
