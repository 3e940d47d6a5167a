"""The HTML report in a real browser: Debian's chromium driven by playwright (no browser download), offline."""

from __future__ import annotations

import re

import pytest

from gongjian.nlp.check import check_text
from gongjian.nlp.findings import error_record
from gongjian.nlp.html_report import to_html
from tests import agreements as ag
from tests.conftest import REQUIRE_ALL, require, require_program

pytestmark = pytest.mark.slow

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]


@pytest.fixture(scope="module")
def browser():
    require("playwright", "(pip install -e '.[dev]')")
    chromium = require_program("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def batch_page(tmp_path_factory, library):
    items = [
        check_text(ag.complete().text, library, file="翎川联合体组建协议（定稿）.docx"),
        check_text(ag.complete().weakened("C07").weakened("C13").text, library, file="翎川联合体组建协议（初稿）.docx"),
        error_record("申报材料/扫描件.pdf", "DocumentUnreadable", "无法读取 PDF：没有文字层（扫描件），请先 OCR"),
    ]
    path = tmp_path_factory.mktemp("html") / "审查汇总.html"
    path.write_text(to_html(items), encoding="utf-8")
    return path, items


def test_batch_report_in_chromium(browser, batch_page, tmp_path):
    from playwright.sync_api import expect

    path, items = batch_page
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")

    assert page.title() == "协议审查汇总（3 个文件）"
    assert page.locator("h1").inner_text() == "协议审查汇总（3 个文件）"
    rows = page.locator("#summary tbody tr")
    assert rows.count() == len(items)
    assert "无法读取" in rows.nth(2).inner_text()

    # the third row's link jumps to the third file's section
    assert page.evaluate("window.scrollY") == 0
    rows.nth(2).locator("a").click()
    page.wait_for_function("location.hash === '#f3'")
    top = page.evaluate("document.getElementById('f3').getBoundingClientRect().top")
    assert 0 <= top < 900 and page.evaluate("window.scrollY") > 900  # the last section may not reach the top
    expect(page.locator("#f3 h2")).to_be_in_viewport()
    assert "无法读取" in page.locator("#f3").inner_text()

    # the quotes are marked and visible, the weakened file has them
    marks = page.locator("#f2 mark")
    assert marks.count() >= 3
    assert all(marks.nth(i).is_visible() for i in range(marks.count()))
    background = page.evaluate("getComputedStyle(document.querySelector('mark')).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")

    body_font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Noto Serif CJK SC" in body_font
    assert "Noto Sans CJK SC" in page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert page.evaluate("document.body.scrollWidth <= window.innerWidth"), "no horizontal scrolling at 1280 px"

    shot = tmp_path / "batch.png"
    page.screenshot(path=str(shot), full_page=True)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000

    # print rules: each file starts a new page, links lose their colour, findings are not split
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.getElementById('f2')).breakBefore") == "page"
    assert page.evaluate("getComputedStyle(document.querySelector('.finding')).breakInside") == "avoid"
    link, body = page.evaluate("[getComputedStyle(document.querySelector('#summary a')).color,"
                               " getComputedStyle(document.body).color]")
    assert link == body
    assert page.evaluate("getComputedStyle(document.querySelector('.back')).display") == "none"
    try:
        pdf = page.pdf(format="A4", print_background=True)
    except Exception:  # noqa: BLE001 - page.pdf() exists only in headless builds; the print rules are checked above
        pdf = b""
    if pdf:
        assert pdf.startswith(b"%PDF")
        pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
        assert pages == 0 or pages >= 1 + len(items), "the summary, then each file on its own pages"
    page.emulate_media(media="screen")

    assert requests and all(url.startswith("file://") for url in requests), requests
    assert not [u for u in requests if u.startswith(("http://", "https://"))]
    page.close()


def test_single_report_renders_chinese_fonts(browser, tmp_path, library):
    report = check_text(ag.weakened("C12"), library, file="违约责任薄弱.docx")
    path = tmp_path / "报告.html"
    path.write_text(to_html([report]), encoding="utf-8")
    page = browser.new_page(viewport={"width": 900, "height": 1200})
    page.goto(path.as_uri())
    assert page.locator("h1").inner_text() == "协议审查报告"
    assert page.locator("#summary").count() == 0
    # the print rules break pages between files of a batch only
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.getElementById('f1')).breakBefore") != "page"
    page.emulate_media(media="screen")
    # the glyphs come from a CJK font when one is installed (fonts-noto-cjk on Debian)
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": ".message"})["nodeId"]
    fonts = [f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]]
    assert fonts
    if REQUIRE_ALL or any("CJK" in f for f in fonts):  # scripts/test.sh installs fonts-noto-cjk
        assert any(f.startswith("Noto Serif CJK") for f in fonts), fonts
    page.screenshot(path=str(tmp_path / "single.png"), full_page=True)
    assert (tmp_path / "single.png").stat().st_size > 20_000
    page.close()
