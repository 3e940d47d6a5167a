"""PDF tables: the agreement and the 申请表 printed to PDF by LibreOffice read like their .docx twins.

One soffice run converts the complete agreement of ``tests/agreements.py`` (tasks, funding and background-IP tables;
the task table breaks across a page), the same agreement with a seeded funding inconsistency, the agreement without
its tables, and 申请表 of ``tests/packages.py`` (consistent, 成员总数 4, a USCC one character off, a member missing).
Then ``check`` on the PDF gives the .docx's statuses and findings, table rows are tab-separated lines, ``verify``
reads the PDF form's fields and member table, and a PDF without tables reads as the line-joining reader always did.

Needs soffice (libreoffice-writer-nogui), fonts-noto-cjk and pdfplumber (extra ``pdf``); skipped when missing, a
failure under GONGJIAN_REQUIRE_ALL=1. The fast unit tests of ``table_rows`` are in tests/test_reading.py.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from gongjian.api import check_file, verify_package
from gongjian.nlp.document import parse_file
from gongjian.nlp.package_forms import form_fields, member_table, rows
from gongjian.nlp.reading import _PAGE_NUMBER, join_lines
from gongjian.nlp.reading import read_document as _read_document
from tests import agreements as ag
from tests import packages as pk
from tests.conftest import require, require_program

pytestmark = pytest.mark.slow
FONTS_CONF = Path(__file__).resolve().parents[1] / "gongjian" / "templates" / "fonts.conf"
FORM = "附件1-组建申请表"
FORMS = {
    "form": {},
    "form-count4": dict(count="4"),
    "form-uscc": dict(units=(pk.CQ_UNITS[0], replace(pk.CQ_UNITS[1], uscc="91500112MA60QD8T39"), *pk.CQ_UNITS[2:])),
    "form-missing": dict(units=pk.CQ_UNITS[:4]),
}


def seeded_text() -> str:
    """The complete agreement with 甲方's funding 4000 → 4500 (万元): the column no longer sums to its 合计 row."""
    text = ag.complete().text
    assert text.count("\t4000\t") == 1
    return text.replace("\t4000\t", "\t4500\t")


def without_tables_text() -> str:
    return "\n".join(line for line in ag.complete().text.split("\n") if "\t" not in line)


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """Every document as (.docx, .pdf), converted in one soffice run."""
    soffice = require_program("soffice")
    require("pdfplumber", "(extra pdf)")
    folder = tmp_path_factory.mktemp("pdf-tables")
    docs = {"agreement": ag.to_docx(ag.complete().text, folder / "agreement.docx"),
            "seeded": ag.to_docx(seeded_text(), folder / "seeded.docx"),
            "no-tables": ag.to_docx(without_tables_text(), folder / "no-tables.docx"),
            "signature-columns": ag.to_docx(ag.complete().text, folder / "signature-columns.docx",
                                            signature_columns=2)}
    for name, kwargs in FORMS.items():
        docs[name] = pk.application_form(folder / f"{name}.docx", **kwargs)
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF), "HOME": str(folder)}
    profile = (folder / "lo-profile").as_uri()
    run = subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                          "--outdir", str(folder), *map(str, docs.values())], env=env, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    return {name: (path, path.with_suffix(".pdf")) for name, path in docs.items()}


read_document = functools.cache(_read_document)  # the same files are read by several tests


def tab_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if "\t" in line]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def check_offsets(path: Path) -> None:
    doc = read_document(path)
    for b in doc.blocks:
        assert doc.text[b.start : b.end] == b.text
        assert b.location[0] == "page" and isinstance(b.location[1], int)


# ---------------------------------------------------------------------------------------------- reading tables


def test_agreement_tables_are_the_docx_rows(files):
    docx, pdf = files["agreement"]
    ours = tab_lines(read_document(pdf).text)
    assert ours == tab_lines(read_document(docx).text)  # every cell a single paragraph: the same lines exactly
    assert len(ours) == 6 + 7 + 5  # tasks (header + 5), funding (header + 5 + 合计), background IP (header + 4)
    first_task = ("甲方\t功率模块设计、封装工艺开发和电驱系统集成；牵头组织装车验证\t"
                  "主驱功率模块3款，功率循环寿命不低于10万次，通过AQG 324认证\t梁启帆\t2028年6月30日")
    assert first_task in ours  # LibreOffice breaks this row across pages 3 and 4: joined back
    assert "甲方\t一种双面散热碳化硅功率模块封装结构\t发明专利\tZL202210457316.2" in ours  # a code broken at the edge
    check_offsets(pdf)


def test_agreement_table_cells_are_blocks_with_page_table_row_col(files):
    _, pdf = files["agreement"]
    doc = read_document(pdf)
    cells = [b for b in doc.blocks if b.kind == "table-cell"]
    assert len(cells) == 6 * 5 + 7 * 5 + 5 * 4
    assert sorted({b.table for b in cells}) == [0, 1, 2]
    funding = [b for b in cells if b.table == 1]
    assert [(b.row, b.col, b.text) for b in funding[:3]] == [(0, 0, "成员单位"), (0, 1, "投入方式"),
                                                             (0, 2, "投入金额（万元）")]
    total = [b.text for b in funding if b.row == 6]
    assert total == ["合计", "—", "8000", "人民币捌仟万元整", "100"]
    pages = [b.location[1] for b in doc.blocks]
    assert pages == sorted(pages) and pages[-1] > 0


def test_form_rows_are_the_docx_rows(files):
    docx, pdf = files["form"]
    text = read_document(pdf).text
    assert "联合体协议生效时间\t2025年11月24日\t产业领域\t汽车电子（车规级功率半导体）" in text
    assert "近三年研发投入（万元）\t21400\t成员总数（个）\t5" in text
    for i, unit in enumerate(pk.CQ_UNITS, 1):  # the name and the code: two paragraphs of one cell in the .docx
        assert f"{i}\t{unit.name}{unit.uscc}\t{unit.role}，负责联合体分工中的相应任务。" in text

    def table_rows(path: Path) -> list[list[str]]:
        return [[squeeze(c.text) for c in row] for row in rows(parse_file(path)) if row[0].table is not None]

    assert table_rows(pdf) == table_rows(docx)  # the same rows and cells (line breaks inside cells aside)
    check_offsets(pdf)


def test_form_fields_and_member_table_are_the_docx_ones(files):
    docx, pdf = (parse_file(p) for p in files["form"])
    assert [(f.key, f.value.text) for f in form_fields(pdf)] == [(f.key, f.value.text) for f in form_fields(docx)]
    assert ("count", "5") in [(f.key, f.value.text) for f in form_fields(pdf)]
    ours, theirs = member_table(pdf), member_table(docx)
    assert ours is not None and theirs is not None
    listed = [(m.name.text, m.uscc.text if m.uscc else None) for m in ours.members]
    assert listed == [(m.name.text, m.uscc.text if m.uscc else None) for m in theirs.members]
    assert listed == [(u.name, u.uscc) for u in pk.CQ_UNITS]  # the last member's row is on the next page
    assert (ours.blank_rows, ours.missing_uscc) == (1, [])


def test_pdf_without_tables_reads_as_before(files):
    """The line-joining reader of before, written out here: lines, page numbers dropped, short lines, join_lines."""
    import pdfplumber

    _, pdf = files["no-tables"]
    lines: list[tuple[str, int, float, float]] = []
    with pdfplumber.open(pdf) as opened:
        for n, page in enumerate(opened.pages):
            assert page.find_tables() == []
            found = [(ln["text"], n, ln["x1"], max(c.get("size", 0) for c in ln["chars"]))
                     for ln in page.extract_text_lines() if ln["text"].strip()]
            while found and _PAGE_NUMBER.fullmatch(found[-1][0].strip()):
                found.pop()
            if found and _PAGE_NUMBER.fullmatch(found[0][0].strip()):
                found.pop(0)
            lines += found
    sizes = sorted(s for *_, s in lines if s > 0)
    em = sizes[len(sizes) // 2]
    right = sorted(x1 for *_, x1, _ in lines)[int(len(lines) * 0.9)]
    expected = join_lines([t for t, *_ in lines], [x1 < right - 3 * em for *_, x1, _ in lines])
    doc = read_document(pdf)
    assert [b.text for b in doc.blocks] == expected
    assert doc.text == "\n".join(expected)
    assert {b.kind for b in doc.blocks} == {"paragraph"} and "\t" not in doc.text


# ------------------------------------------------------------------------------------------------------- check


def summary(report) -> tuple[dict[str, str], list[tuple[str, str]]]:
    return {c.id: c.status for c in report.categories}, sorted((f.rule_id, f.severity) for f in report.findings)


@pytest.mark.parametrize("name", ["agreement", "seeded"])
def test_check_pdf_equals_check_docx(files, library, name):
    docx, pdf = files[name]
    ours, theirs = check_file(pdf, library=library), check_file(docx, library=library)
    assert summary(ours) == summary(theirs)
    assert ours.regimes == theirs.regimes
    text = read_document(pdf).text
    for finding in ours.findings:
        for e in finding.evidence:
            assert text[e.start : e.end] == e.quote, e
    if name == "seeded":  # the funding table read as a table: the column sum and the 大写 amount of its row
        rules = [f.rule_id for f in ours.findings]
        assert rules.count("X08") == 1 and rules.count("X06") == 1, rules
        (x08,) = [f for f in ours.findings if f.rule_id == "X08"]
        assert "各行之和为8500" in x08.message and "8000" in x08.message


def test_two_column_signature_table_gives_the_docx_blocks(files, library):
    """Issue 13 item 1: a borderless two-column signature table printed to PDF is not read as merged lines.

    pdfplumber puts 甲方's and 乙方's cells of a row on one line (``甲方（公章）：… 乙方（公章）：…``): the PDF gave 3
    signature blocks for 5 members and an X03 error the .docx does not have.
    """
    from click.testing import CliRunner

    from gongjian.cli import cli

    docx, pdf = files["signature-columns"]

    def blocks(path: Path) -> list[tuple]:
        return [(b.name, b.short_name, b.has_official_seal, b.signatory, b.date_text)
                for b in parse_file(path).structure.signatures]

    assert blocks(pdf) == blocks(docx)
    assert [b[0] for b in blocks(pdf)] == [m.name for m in ag.MEMBERS]
    text, theirs = read_document(pdf).text, read_document(docx).text
    assert text[text.index("以下无正文"):] == theirs[theirs.index("以下无正文"):]  # rows of TAB-joined cells
    ours = check_file(pdf, library=library)
    assert summary(ours) == summary(check_file(docx, library=library))
    assert not [f for f in ours.findings if f.rule_id in {"X01", "X03"}]
    assert ours.signatures == {"members": 5, "blocks": 5, "complete": True}
    before = pdf.read_bytes()
    result = CliRunner().invoke(cli, ["check", str(pdf), "--regime", "cq-liangjiang"])
    assert result.exit_code == 0, result.output
    assert "结论：错误 0 条" in result.output
    assert pdf.read_bytes() == before


# ------------------------------------------------------------------------------------------------------ verify


def cross(report):
    return [f for f in report.findings if any(e.file for e in f.evidence) or f.rule_id.startswith("PKG.")]


def package(files, folder: Path, form: str) -> tuple[Path, Path]:
    folder.mkdir(parents=True)
    shutil.copy(files["agreement"][0], folder / "组建协议.docx")
    pdf = folder / f"{FORM}.pdf"
    shutil.copy(files[form][1], pdf)
    return folder, pdf


def test_verify_reads_a_consistent_pdf_form(files, tmp_path, library):
    folder, pdf = package(files, tmp_path / "pkg", "form")
    report = verify_package(folder, library=library)
    assert report.attachments == ({"file": str(pdf), "role": "application-form"},)
    assert cross(report) == []


@pytest.mark.parametrize(("form", "rule", "quote", "words"), [
    pytest.param("form-count4", "X03", "4", ("成员总数为4", "5家成员单位"), id="member-count"),
    pytest.param("form-uscc", "X05", "91500112MA60QD8T39", ("91500112MA60QD8T38", "第18位校验码"), id="uscc"),
    pytest.param("form-missing", "X03", "成员单位名称及统一社会信用代码",
                 ("戊方（重庆嘉悦功率电子研究院）", "没有列入"), id="member-missing"),
])
def test_verify_finds_the_seeded_inconsistency_in_a_pdf_form(files, tmp_path, library, form, rule, quote, words):
    folder, pdf = package(files, tmp_path / "pkg", form)
    found = cross(verify_package(folder, library=library))
    assert [(f.rule_id, f.severity) for f in found] == [(rule, "error")], [(f.rule_id, f.message) for f in found]
    (finding,) = found
    for word in words:
        assert word in finding.message, (word, finding.message)
    theirs = [e for e in finding.evidence if e.file]
    assert theirs and all(e.file == str(pdf) for e in theirs)
    assert theirs[0].quote == quote
    text = parse_file(pdf).text
    assert all(text[e.start : e.end] == e.quote for e in theirs)
