"""The self-contained HTML report (gongjian/nlp/html_report.py) on reports of realistic agreements; no browser."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from lxml import html as lxml_html

from gongjian.nlp.check import check_file, check_text
from gongjian.nlp.findings import Evidence, Finding, error_record
from gongjian.nlp.html_report import OTHER_GROUP, to_html
from gongjian.nlp.reporting import SUMMARY_COLUMNS, level_name, summary_row
from tests import agreements as ag

HOSTILE = "<script>alert(1)</script>&.docx"
SERIF = '"Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "宋体", "Songti SC", serif'
SANS = ('"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "微软雅黑", "PingFang SC", "SimHei", "黑体", '
        "sans-serif")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@pytest.fixture(scope="module")
def reports(library):
    """Reports of generated agreements: complete, one weak category, three weak, one missing, not an agreement."""
    several = ag.complete().weakened("C13").weakened("C02").weakened("C07").text
    return {
        "complete": check_text(ag.complete().text, library, file="翎川联合体组建协议（定稿）.txt"),
        "weak": check_text(ag.weakened("C07"), library, file="weak-C07.txt"),
        "several": check_text(several, library, file="weak-C02-C07-C13.txt"),
        "hostile": check_text(ag.without("C13"), library, file=HOSTILE),
        "labour": check_text(ag.LABOUR_CONTRACT, library, file="劳动合同.txt"),
    }


@pytest.fixture(scope="module")
def unreadable():
    return error_record("损坏 & 加密.pdf", "DocumentUnreadable", "无法读取 PDF：文件已加密 <需要密码>")


@pytest.fixture(scope="module")
def batch(reports, unreadable):
    items = [reports["complete"], reports["weak"], reports["several"], reports["hostile"], reports["labour"],
             unreadable]
    return items, to_html(items)


def parse(page: str):
    return lxml_html.document_fromstring(page)


def text_of(element) -> str:
    return element.text_content()


class _Balance(HTMLParser):
    """Fail on an end tag that does not close the innermost open element (the page is well formed)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:]} at {self.getpos()}")
        else:
            self.stack.pop()


# ------------------------------------------------------------------------------------------------ structure


def test_page_is_well_formed_with_one_section_per_item(batch):
    items, page = batch
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"zh-CN\">")
    assert '<meta charset="utf-8">' in page
    checker = _Balance()
    checker.feed(page)
    checker.close()
    assert not checker.problems and not checker.stack
    doc = parse(page)
    sections = doc.xpath("//section[contains(concat(' ', @class, ' '), ' file-report ')]")
    assert [s.get("id") for s in sections] == [f"f{n}" for n in range(1, len(items) + 1)]
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids)), "ids are unique"


def test_summary_table_has_a_row_per_item_with_the_shared_columns(batch):
    items, page = batch
    doc = parse(page)
    (table,) = doc.xpath("//section[@id='summary']//table")
    assert [text_of(th) for th in table.xpath("./thead/tr/th")] == list(SUMMARY_COLUMNS.values())
    rows = table.xpath("./tbody/tr")
    assert len(rows) == len(items)
    for n, (row, item) in enumerate(zip(rows, items, strict=True), 1):
        expected = summary_row(item)
        cells = row.xpath("./td")
        assert len(cells) == len(SUMMARY_COLUMNS)
        (link,) = cells[0].xpath(".//a")
        assert link.get("href") == f"#f{n}"
        assert text_of(link) == (item["file"] if isinstance(item, dict) else item.file)
        for key, cell in zip(list(SUMMARY_COLUMNS)[1:], cells[1:], strict=True):
            assert text_of(cell) == str(expected[key])
    assert rows[-1].get("class") == "unreadable" and "无法读取" in text_of(rows[-1])
    assert all(r.get("class") != "unreadable" for r in rows[:-1])


def test_every_link_resolves_to_an_id(batch):
    _, page = batch
    doc = parse(page)
    ids = set(doc.xpath("//@id"))
    hrefs = doc.xpath("//a/@href")
    assert hrefs and all(h.startswith("#") for h in hrefs)
    assert {h[1:] for h in hrefs} <= ids


def test_header_title_and_totals(batch, reports):
    items, page = batch
    doc = parse(page)
    assert text_of(doc.xpath("//h1")[0]) == f"协议审查汇总（{len(items)} 个文件）"
    assert text_of(doc.xpath("//title")[0]) == f"协议审查汇总（{len(items)} 个文件）"
    totals = {text_of(d.xpath("./dt")[0]): text_of(d.xpath("./dd")[0]) for d in doc.xpath("//dl[@class='totals']/div")}
    with_errors = sum(r.has_errors for r in reports.values())
    assert totals["文件"] == str(len(items))
    assert totals["含错误的文件"] == str(with_errors) and with_errors >= 3
    assert totals["无法读取"] == "1"


def test_single_report_has_default_title_and_no_summary(reports):
    page = to_html([reports["weak"]])
    doc = parse(page)
    assert text_of(doc.xpath("//h1")[0]) == "协议审查报告"
    assert not doc.xpath("//section[@id='summary']")
    assert doc.xpath("//section[@id='f1']")
    assert "返回汇总" not in page
    assert text_of(parse(to_html([reports["weak"]], title="两江新区申报材料 & 复核")).xpath("//h1")[0]) == \
        "两江新区申报材料 & 复核"


# ------------------------------------------------------------------------------------------------ content


def test_every_finding_message_and_quote_appears_quotes_marked(batch, reports):
    _, page = batch
    doc = parse(page)
    for n, key in enumerate(("complete", "weak", "several", "hostile", "labour"), 1):
        report = reports[key]
        (section,) = doc.xpath(f"//section[@id='f{n}']")
        findings = section.xpath(".//article[contains(@class, 'finding')]")
        assert len(findings) == len(report.findings)
        shown = {text_of(a.xpath(".//p[@class='message']")[0]) for a in findings}
        marks = [text_of(m) for m in section.xpath(".//mark")]
        for f in report.findings:
            assert f.message in shown
            for e in f.evidence:
                assert e.quote in marks
    weak = reports["weak"]
    assert weak.findings and any(f.evidence for f in weak.findings)
    # the quote sits between 「 and 」 right around the <mark>
    assert re.search(r"「<mark>[^<]+</mark>」", page)


def test_finding_shows_badge_rule_article_basis_and_suggestion(batch, reports):
    _, page = batch
    doc = parse(page)
    report = reports["weak"]
    (section,) = doc.xpath("//section[@id='f2']")
    finding = next(f for f in report.findings if f.severity == "error" and f.suggestion)
    (box,) = [a for a in section.xpath(".//article")
              if text_of(a.xpath(".//span[@class='rule']")[0]) == finding.rule_id]
    assert text_of(box.xpath(".//span[contains(@class, 'badge')]")[0]) == "错误"
    assert "sev-error" in box.xpath(".//span[contains(@class, 'badge')]")[0].get("class")
    assert text_of(box.xpath(".//span[@class='where']")[0]) == finding.evidence[0].article
    assert text_of(box.xpath(".//p[@class='basis']")[0]).startswith("依据：" + finding.basis[0])
    (suggestion,) = box.xpath(".//div[@class='suggestion-text']")
    assert text_of(suggestion) == finding.suggestion
    assert "建议条款" in text_of(box)
    assert re.search(r"\.suggestion-text \{[^}]*white-space: pre-wrap", page)
    # a suggestion repeated in the same report is shown once and referred to afterwards
    repeated = [f for f in report.findings if f.suggestion and
                sum(g.suggestion == f.suggestion for g in report.findings) > 1]
    if repeated:
        assert len(section.xpath(".//div[@class='suggestion-text']")) < sum(bool(f.suggestion) for f in report.findings)
        for ref in section.xpath(".//p[@class='same']/a"):
            assert section.xpath(f".//article[@id='{ref.get('href')[1:]}']//div[@class='suggestion-text']")


def test_document_level_details(batch, reports):
    _, page = batch
    doc = parse(page)
    complete = text_of(doc.xpath("//section[@id='f1']")[0])
    assert "cq-liangjiang" in complete and "自动识别" in complete and reports["complete"].regime_reason in complete
    assert "完整（签章栏 5/5）" in complete
    assert "未发现问题" in complete
    labour = doc.xpath("//section[@id='f5']")[0]
    (notice,) = labour.xpath(".//p[@class='notice']")
    assert "劳动合同" in text_of(notice) and "其他合同" in text_of(notice)
    assert "无（按法律基线审查）" in text_of(labour)


def test_category_overview_lists_all_25_with_status_classes(batch, reports):
    _, page = batch
    doc = parse(page)
    for n, key in ((2, "weak"), (4, "hostile")):
        report = reports[key]
        rows = doc.xpath(f"//section[@id='f{n}']//table[@class='categories']/tbody/tr")
        assert len(rows) == 25 == len(report.categories)
        for row, c in zip(rows, report.categories, strict=True):
            cells = row.xpath("./td")
            assert text_of(cells[0]) == c.id and text_of(cells[1]) == c.name
            assert f"status-{c.status}" in cells[2].get("class")
            assert c.required and text_of(cells[3]) == level_name(next(iter(c.required.values())))
    hostile = doc.xpath("//section[@id='f4']//table[@class='categories']/tbody/tr")
    assert text_of(hostile[12].xpath("./td")[2]) == "缺失"
    for status in ("present", "weak", "missing"):
        assert f".status-{status}" in page


def test_findings_grouped_in_category_order_then_the_rest(reports):
    report = reports["several"]
    cats = [c.id for c in report.categories if any(f.category == c.id for f in report.findings)]
    assert len(cats) >= 3
    extra = Finding("X20", "warning", "交叉引用：第三十条不存在", None, ("《民法典》第四百六十六条",),
                    evidence=(Evidence(0, 4, "重庆两江", "首部"),))
    report = replace(report, findings=(extra, *report.findings))  # first in the tuple, last on the page
    doc = parse(to_html([report]))
    groups = doc.xpath("//section[@id='f1']//div[@class='group']")
    headings = [text_of(g.xpath("./h4/span")[0]) for g in groups]
    names = {c.id: c.name for c in report.categories}
    assert headings == [f"{cid} {names[cid]}" for cid in cats] + [OTHER_GROUP]
    assert [g.get("id") for g in groups] == [f"f1-{cid}" for cid in cats] + ["f1-other"]
    for group, cid in zip(groups, cats, strict=False):
        rules = [text_of(s) for s in group.xpath(".//span[@class='rule']")]
        assert sorted(rules) == sorted(f.rule_id for f in report.findings if f.category == cid)
    assert [text_of(s) for s in groups[-1].xpath(".//span[@class='rule']")] == ["X20"]
    # within a group errors come before warnings and hints
    order = {"错误": 0, "警告": 1, "提示": 2}
    for group in groups:
        badges = [order[text_of(b)] for b in group.xpath(".//div[@class='finding-head']/span[1]")]
        assert badges == sorted(badges)


def test_evidence_from_another_file_and_attachments(reports):
    report = reports["weak"]
    f0 = report.findings[0]
    other = Evidence(10, 20, "牵头单位：重庆翎川车规电子股份有限公司", "一、基本信息", "X01", file="申报书 <2025>.pdf")
    report = replace(report, findings=(replace(f0, evidence=(*f0.evidence, other)), *report.findings[1:]),
                     attachments=({"role": "申报书", "file": "申报书 <2025>.pdf"},
                                  {"role": "承诺函", "file": "承诺函.docx"}))
    page = to_html([report])
    assert "「<mark>牵头单位：重庆翎川车规电子股份有限公司</mark>」" in page
    assert "（文件：申报书 &lt;2025&gt;.pdf）" in page
    facts = text_of(parse(page).xpath("//dl[@class='facts']")[0])
    assert "申报书：申报书 <2025>.pdf" in facts and "承诺函：承诺函.docx" in facts


def test_notes_are_listed(reports):
    report = replace(reports["complete"], warnings=("PDF 第 3 页无文字层，已跳过",))
    facts = parse(to_html([report])).xpath("//dl[@class='facts']")[0]
    assert "PDF 第 3 页无文字层，已跳过" in [text_of(li) for li in facts.xpath(".//li")]


def test_error_record_renders(unreadable):
    page = to_html([unreadable])
    (section,) = parse(page).xpath("//section[@id='f1']")
    assert "unreadable" in section.get("class")
    assert text_of(section.xpath(".//h2")[0]) == "损坏 & 加密.pdf"
    assert "无法读取" in text_of(section)
    assert "无法读取 PDF：文件已加密 <需要密码>" in text_of(section)
    assert "DocumentUnreadable" in text_of(section)
    assert "<需要密码>" not in page


def test_check_file_report_renders(tmp_path, library):
    path = ag.to_docx(ag.weakened("C12"), tmp_path / "违约责任薄弱.docx")
    report = check_file(path, library)
    page = to_html([report])
    doc = parse(page)
    assert text_of(doc.xpath("//section[@id='f1']//h2")[0]) == str(path)
    assert len(doc.xpath("//article[contains(@class, 'finding')]")) == len(report.findings) > 0
    assert doc.xpath("//div[@id='f1-C12']")


# ------------------------------------------------------------------------------------------------ safety, fonts


def test_hostile_file_name_is_text(batch):
    _, page = batch
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&amp;.docx" in page
    doc = parse(page)
    assert not doc.xpath("//script")
    assert text_of(doc.xpath("//section[@id='f4']//h2")[0]) == HOSTILE
    assert HOSTILE in [text_of(a) for a in doc.xpath("//section[@id='summary']//a")]


def test_hostile_quote_message_and_suggestion_are_text(reports):
    report = reports["weak"]
    evil = '<img src=x onerror="alert(1)">「&amp;」'
    f0 = report.findings[0]
    bad = replace(f0, message=f"消息{evil}", suggestion=f"建议{evil}\n第二行",
                  evidence=(Evidence(0, 5, f"原文{evil}", "第一条"),))
    page = to_html([replace(report, findings=(bad,), regime_reason=evil, warnings=(evil,))])
    assert "<img" not in page and "onerror=\"" not in page
    doc = parse(page)
    assert f"原文{evil}" in [text_of(m) for m in doc.xpath("//mark")]
    assert text_of(doc.xpath("//div[@class='suggestion-text']")[0]) == f"建议{evil}\n第二行"


def test_self_contained_no_external_resources(batch):
    _, page = batch
    assert "http://" not in page and "https://" not in page
    assert not re.search(r"\bsrc\s*=", page)
    assert "@import" not in page and "@font-face" not in page and "url(" not in page
    doc = parse(page)
    assert not doc.xpath("//link|//script|//img|//iframe|//object|//embed")
    assert len(doc.xpath("//style")) == 1


def test_font_lists_and_print_rules(batch):
    _, page = batch
    assert f"font-family: {SERIF};" in page
    assert f"font-family: {SANS};" in page
    print_css = page[page.index("@media print"):]
    assert "break-before: page" in print_css and "break-inside: avoid" in print_css
    assert re.search(r"a, a:visited \{ color: inherit;", print_css)
    assert re.search(r"max-width: \d+px", page)
    assert '<body class="batch">' in page


def test_deterministic(reports, unreadable, batch):
    items, page = batch
    assert to_html(items) == page
    assert to_html(list(items)) == page
    assert to_html([reports["weak"]]) == to_html((reports["weak"],))
    assert not re.search(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", page)


def test_empty_batch():
    doc = parse(to_html([]))
    assert text_of(doc.xpath("//h1")[0]) == "协议审查汇总（0 个文件）"
    assert not doc.xpath("//section[contains(@class, 'file-report')]")
