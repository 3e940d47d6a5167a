"""Hostile and oversized inputs are refused at explicit limits, or checked in linear time (issue 13, items 11, 14).

Every input is generated here (``tests/stress.py``), just past a limit, so that each test takes a second or so;
``benchmarks/limits.py`` measures the full-size inputs of the issue. A refusal is exit 2 with one Chinese line
(and a hint) and leaves every existing file as it was.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from gongjian import limits
from gongjian.cli import cli
from tests import agreements as ag
from tests import stress as st
from tests.conftest import require
from tests.test_cli_check import assert_user_error

GONGJIAN = Path(sys.executable).with_name("gongjian")


def digest(folder: Path) -> dict[str, str]:
    """Return the content hash of every regular file under ``folder``."""
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def refused(tmp_path: Path, path: Path, *words: str, command: str = "check") -> None:
    """Check (or draft) ``path`` with an existing report to overwrite: exit 2, one Chinese line, nothing changed."""
    report = tmp_path / "报告.json"
    report.write_text('{"旧": "报告"}', "utf-8")
    before = digest(tmp_path)
    if command == "check":
        args = ["check", str(path), "--format", "json", "-o", str(report), "--force"]
    else:
        args = ["draft", str(path), "-o", str(report.with_suffix(".docx"))]
    result = CliRunner().invoke(cli, args)
    assert_user_error(result, *words)
    assert digest(tmp_path) == before
    assert not report.with_suffix(".docx").exists()


# ------------------------------------------------------------------------------------------------- text files


def test_text_file_over_the_byte_limit(tmp_path):
    path = st.short_lines(tmp_path / "短行.txt", limits.MAX_TEXT_BYTES // 10)  # 10 bytes a line and more
    assert path.stat().st_size > limits.MAX_TEXT_BYTES
    refused(tmp_path, path, "文件超出审查上限", "短行.txt", "上限 8,388,608 字节")


def test_text_over_the_character_limit(tmp_path):
    path = st.write_text(tmp_path / "长文.txt", "甲方负责研发。\n" * (limits.MAX_CHARS // 8 + 1))
    refused(tmp_path, path, "文件超出审查上限", "字符", "上限 1,000,000 个")


def test_fifo_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "协议.txt")
    os.mkfifo(tmp_path / "要素.yaml")
    for args in (["check", "协议.txt"], ["draft", "要素.yaml", "-o", "协议.docx"]):
        run = subprocess.run([str(GONGJIAN), *args], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                             stdin=subprocess.DEVNULL)
        lines = run.stderr.strip().splitlines()
        assert run.returncode == 2, run.stderr
        assert lines[0].startswith("错误：不是普通文件（可能是管道或设备文件）"), lines
        assert len(lines) <= 2 and "Traceback" not in run.stderr
    assert not (tmp_path / "协议.docx").exists()


# ------------------------------------------------------------------------------------------------------- .docx


def test_docx_table_over_the_row_limit(tmp_path):
    path = st.docx_table(tmp_path / "任务表.docx", limits.MAX_TABLE_ROWS + 10)
    refused(tmp_path, path, "文件超出审查上限", "表格行数超过上限 5,000 行")


def test_docx_inflating_past_the_xml_limit(tmp_path):
    path = st.docx_inflating(tmp_path / "膨胀.docx", limits.MAX_XML_BYTES // 1_000_000 + 2)
    assert path.stat().st_size < 1_000_000  # a small file that inflates to tens of megabytes
    refused(tmp_path, path, "文件超出审查上限", "解压后的文档内容（XML）", "上限 32 MB")


def test_docx_over_the_character_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_CHARS", 20_000)  # the same path as a 5,000-page document, in a second
    path = st.docx_pages(tmp_path / "五千页.docx", 40)
    refused(tmp_path, path, "文件超出审查上限", "字符超过上限 20,000 个")


# --------------------------------------------------------------------------------------------------------- PDF


@pytest.fixture
def pdf_extra():
    require("pdfplumber", "(extra pdf)")


def test_pdf_over_the_page_limit(tmp_path, pdf_extra):
    path = st.pdf_pages(tmp_path / "两千页.pdf", limits.MAX_PAGES + 1, lines_per_page=1)
    refused(tmp_path, path, "文件超出审查上限", "页数超过上限 300 页")


def test_pdf_flate_bomb(tmp_path, pdf_extra):
    path = st.pdf_flate_bomb(tmp_path / "炸弹.pdf", limits.MAX_STREAM_BYTES // 1_000_000 + 2)
    assert path.stat().st_size < 1_000_000
    refused(tmp_path, path, "文件超出审查上限", "解压后的数据流超过上限 16 MB")


def test_pdf_page_drawing_a_huge_string(tmp_path, pdf_extra):
    path = st.pdf_long_string(tmp_path / "长字符串.pdf", 0.05)  # 50,000 characters on one page, a few KB
    refused(tmp_path, path, "文件超出审查上限", "第1页的字符超过上限 10,000 个")


def test_pdf_over_the_character_limit(tmp_path, pdf_extra, monkeypatch):
    monkeypatch.setattr(limits, "MAX_PDF_CHARS", 2_000)
    path = st.pdf_pages(tmp_path / "长协议.pdf", 5)
    refused(tmp_path, path, "文件超出审查上限", "字符超过上限 2,000 个")


def test_pdf_under_the_limits_is_read(tmp_path, pdf_extra):
    from gongjian.nlp.reading import read_document

    doc = read_document(st.pdf_pages(tmp_path / "协议.pdf", 3, lines_per_page=10))
    assert "重庆两江新区车规级功率半导体产业创新联合体组建协议" in doc.text


# ------------------------------------------------------------------------------------------------ agreement spec


def test_spec_of_nested_aliases(tmp_path):
    path = st.yaml_laughs(tmp_path / "要素.yaml")
    assert path.stat().st_size < 1000
    refused(tmp_path, path, "文件超出审查上限", "别名（*名称）展开后的值超过上限 100,000 个", command="draft")


def test_spec_over_the_size_limit(tmp_path):
    path = st.write_text(tmp_path / "要素.yaml", "title: 协议\n" + "# 注释\n" * (limits.MAX_SPEC_BYTES // 8))
    refused(tmp_path, path, "文件超出审查上限", "大小", command="draft")


# ------------------------------------------------------------------------------------------- linear checking


def test_degenerate_text_is_checked_quickly(library):
    """A sentence of 及时 and 2,000 digits took minutes (a cubic guard); blank lines and long lines quadratic."""
    from gongjian.nlp.check import check_text

    text = ag.complete().text
    cut = text.index("第五条")
    bait = ("乙方应及时" + "1" * 2_000 + "个x，" + "一" * 300 + "项x，万元%日天\n") * 3 + "\n" * 20_000
    start = time.perf_counter()
    report = check_text(text[:cut] + bait + text[cut:], library)
    assert time.perf_counter() - start < 30  # seconds on a loaded machine; before the fix: minutes
    assert report.categories and report.signatures["members"] == 5


def test_library_guards_found_clause_by_clause_as_by_the_regex(library):
    from gongjian.clauses.library import iter_patterns
    from gongjian.contracts.text import normalise
    from gongjian.nlp.matcher import _clause_guard, _compile_guard, guard_spans

    guards = sorted({g for _, p in iter_patterns(library) for g in p.unless})
    clause_shaped = [g for g in guards if _clause_guard(g)]
    assert clause_shaped  # the 及时 guard among them
    rnd = random.Random(13)
    alphabet = list("0123456789 一二三四五个日天月年不得口头无效。；;,，及时应当内元百分之壹佰\n")
    for guard in clause_shaped:
        for _ in range(500):
            text = normalise("".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40))))
            assert guard_spans(guard, text) == [m.span() for m in _compile_guard(guard).finditer(text)], text


def test_signature_start_as_the_backtracking_regex():
    from gongjian.nlp.structure import _signature_starts

    backtracking = re.compile(
        r"以下无正文|签署页|签字页|签章页|(?m:^[^\n]{0,16}[(（]\s*(?:公章|盖章|签章|签字盖章|签字)\s*[)）])"
        r"|(?m:^[^\n。；;，,]{0,60}[(（]\s*(?:公章|盖章|签章|签字盖章)\s*[)）]\s*[:：]?\s*$)"
        r"|(?m:^\s*(?:[甲乙丙丁戊己庚辛壬癸]方|牵头单位|成员单位)[^\n:：。]{0,14}(?:签名|签字|盖章|签章)\s*[:：])"
        r"|(?m:^[^\n。；;]{0,40}(?:公章|盖章|签章)\s*$)")
    parts = ["\n", "  \n", " ", "甲方签字：", "甲方（公章）", "乙方", "以下无正文", "签章", "成员单位盖章:", "文字",
             "\t", "公章\n", "\n\n", " \t\n", "：", "某公司（盖章）\n"]
    rnd = random.Random(11)
    for _ in range(5_000):
        text = "".join(rnd.choice(parts) for _ in range(rnd.randint(1, 14)))
        assert list(_signature_starts(text)) == [m.start() for m in backtracking.finditer(text)], repr(text)


def test_required_literals_never_miss_a_match(library):
    """The literal test before a regex runs may only skip texts where the regex cannot match."""
    from gongjian.clauses.library import iter_patterns
    from gongjian.contracts.text import normalise
    from gongjian.nlp.matcher import _compile, _may_match

    regexes = sorted({p.text for _, p in iter_patterns(library) if p.regex})
    texts = [normalise(t) for t in ag.complete().text.split("。")] + [normalise(ag.weakened(c)) for c in ("C07", "C13")]
    for regex in regexes:
        compiled = _compile(regex, True)
        for text in texts:
            if compiled.search(text):
                assert _may_match(regex, text), (regex, text)


def test_long_runs_are_read_short_and_real_text_as_it_is():
    from gongjian.nlp.matcher import _short_runs

    text = ag.complete().text
    assert _short_runs(text) is text
    run = "出资" + "1" * 100 + "万元"
    short = _short_runs(run)
    assert len(short) == len(run) and short.endswith("1" * limits.MAX_RUN_CHARS + "万元") and "\ufffc" in short


# ------------------------------------------------------------------------------------------------- throughput


def test_short_files_cost_little_each(tmp_path, library):
    """Suggestion templates are compiled once: a short file costs a few hundredths of a second (item 14)."""
    from gongjian.api import check_paths

    lines = ag.complete().text.split("\n")
    files = [ag.write_utf8("\n".join(lines[: 8 + i]), tmp_path / f"{i:02d}.txt") for i in range(20)]
    check_paths(files[:2], library=library)
    start = time.perf_counter()
    results = check_paths(files, library=library, jobs=1)
    assert len(results) == 20
    assert (time.perf_counter() - start) / 20 < 0.15  # about 0.03 s; 0.24 s when every template was compiled anew
