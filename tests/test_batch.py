"""Batch review: `gongjian check DIR/ [-j N] --format jsonl|csv|xlsx|html -o 汇总.xlsx`.

A reviewer's folder is built here: the complete five-member agreement as .docx and as .txt, variants with a clause
removed or weakened, one without a signature page, a GBK text file in a sub-folder, a corrupt .docx and a notice
that is not an agreement. The same folder checked in one process and in two workers must give identical output;
every format must carry one row per file, an unreadable file as a row with its reason.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from gongjian.api import check_paths, expand_paths
from gongjian.cli import cli
from gongjian.nlp import batch
from gongjian.nlp.findings import Report
from gongjian.nlp.reporting import SUMMARY_COLUMNS, summary_row
from gongjian.nlp.spreadsheet import FINDING_COLUMNS, finding_rows, to_csv
from tests import agreements as ag

NOTICE = ("关于开展2026年度产业创新联合体申报工作的通知\n各有关单位：\n现将有关事项通知如下。\n一、申报条件\n"
          "申报单位应为在两江新区注册的企业。\n二、申报时间\n2026年3月31日前提交材料。\n两江新区科技创新局\n2026年1月5日\n")


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("申报材料")
    ag.to_docx(ag.complete().text, root / "01-芯联联合体-组建协议.docx")
    ag.write_utf8(ag.complete().text, root / "02-芯联联合体-组建协议.txt")
    ag.to_docx(ag.without("C07"), root / "03-缺知识产权条款.docx")
    ag.write_utf8(ag.weakened("C13"), root / "04-争议解决薄弱.txt")
    ag.write_utf8(ag.without("C17"), root / "05-无签署页.txt")
    sub = root / "第二批"
    sub.mkdir()
    ag.write_gbk(ag.weakened("C12"), sub / "06-违约责任薄弱-GBK.txt")
    (sub / "07-损坏的文件.docx").write_bytes(b"PK\x03\x04 this is not a real docx")
    ag.write_utf8(NOTICE, sub / "08-申报通知.txt")
    (sub / "~$临时文件.docx").write_bytes(b"lock")  # Word's lock file: skipped
    (sub / "说明.png").write_bytes(b"\x89PNG")  # not a supported type: skipped
    return root


@pytest.fixture(scope="module")
def results(folder, library) -> list:
    return check_paths(expand_paths([folder]), jobs=1, library=library)


def names(items) -> list[str]:
    """Return the file names of reports, error records or paths."""
    return [Path(i.file if isinstance(i, Report) else i["file"] if isinstance(i, dict) else i).name for i in items]


def test_folder_is_expanded_sorted_without_lock_files(folder):
    files = expand_paths([folder])
    assert [f.name for f in files] == [
        "01-芯联联合体-组建协议.docx", "02-芯联联合体-组建协议.txt", "03-缺知识产权条款.docx", "04-争议解决薄弱.txt",
        "05-无签署页.txt", "06-违约责任薄弱-GBK.txt", "07-损坏的文件.docx", "08-申报通知.txt"]


def test_one_result_per_file_in_path_order_with_the_unreadable_one_recorded(results):
    assert len(results) == 8
    assert names(results)[6] == "07-损坏的文件.docx"
    bad = results[6]
    assert isinstance(bad, dict) and bad["error"]["type"] == "DocumentUnreadable"
    assert "损坏" in bad["error"]["message"] or "无法" in bad["error"]["message"]
    assert all(isinstance(r, Report) for i, r in enumerate(results) if i != 6)


def test_two_workers_give_the_same_results_as_one(folder, results, library):
    parallel = check_paths(expand_paths([folder]), jobs=2, library=library)
    assert [r if isinstance(r, dict) else r.to_dict() for r in parallel] == \
           [r if isinstance(r, dict) else r.to_dict() for r in results]


def test_progress_is_called_once_per_file(folder, library):
    seen: list[tuple[int, int, str]] = []
    check_paths(expand_paths([folder]), jobs=2, library=library, progress=lambda d, t, f: seen.append((d, t, f)))
    assert [d for d, _, _ in seen] == list(range(1, 9))
    assert {t for _, t, _ in seen} == {8}
    assert sorted(Path(f).name for _, _, f in seen) == sorted(names(expand_paths([folder])))


def test_a_checker_failure_on_one_file_is_a_row_and_the_batch_goes_on(folder, library, monkeypatch):
    import gongjian.nlp.check as check_module

    real = check_module.check_file

    def failing(path, *args, **kwargs):
        if Path(path).name.startswith("03-"):
            raise RuntimeError("模拟的故障")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(check_module, "check_file", failing)
    items = batch.check_many(expand_paths([folder]), library, jobs=1)
    assert items[2]["error"]["type"] == "InternalError"
    assert "模拟的故障" in items[2]["error"]["message"]
    assert isinstance(items[3], Report)


def test_default_jobs():
    assert batch.default_jobs(1) == 1 and batch.default_jobs(3) == 1
    assert 1 <= batch.default_jobs(100) <= 8


# ------------------------------------------------------------------------------------------------- summary rows


def test_summary_rows_say_what_each_file_is(results):
    rows = {Path(r["file"]).name: r for r in map(summary_row, results)}
    full = rows["01-芯联联合体-组建协议.docx"]
    assert full["regimes"] == "cq-liangjiang" and full["regime_source"] == "自动识别"
    assert full["document_type"] == "合作组建/共建协议"
    assert full["errors"] == 0 and full["missing"] == "" and full["weak"] == ""
    assert full["signatures"] == "完整（签章栏 5/5）"
    assert rows["02-芯联联合体-组建协议.txt"] == {**full, "file": rows["02-芯联联合体-组建协议.txt"]["file"]}
    assert rows["03-缺知识产权条款.docx"]["missing"] == "C07"
    assert rows["03-缺知识产权条款.docx"]["errors"] >= 1
    assert "C13" in rows["04-争议解决薄弱.txt"]["weak"].split()
    assert rows["05-无签署页.txt"]["signatures"] == "无签章栏"
    assert "C12" in rows["06-违约责任薄弱-GBK.txt"]["weak"].split()
    assert rows["07-损坏的文件.docx"]["error"] and rows["07-损坏的文件.docx"]["errors"] == ""
    assert rows["08-申报通知.txt"]["document_type"] == "非合同"


def test_csv_has_a_header_and_one_row_per_file(results):
    table = list(csv.reader(io.StringIO(to_csv(results))))
    assert table[0] == list(SUMMARY_COLUMNS.values())
    assert len(table) == 1 + len(results)
    by_name = {Path(r[0]).name: dict(zip(table[0], r, strict=True)) for r in table[1:]}
    assert by_name["03-缺知识产权条款.docx"]["缺失条款"] == "C07"
    assert by_name["07-损坏的文件.docx"]["无法读取的原因"]


def test_finding_rows_quote_the_text_and_give_basis_and_suggestion(results):
    rows = finding_rows(results[3])  # 04: dispute resolution written weakly
    assert rows and all(len(r) == len(FINDING_COLUMNS) for r in rows)
    dispute = [r for r in rows if r[3].startswith("C13") or r[2] == "X10"]
    assert dispute, rows
    file, severity, rule, category, article, message, quote, basis, suggestion = dispute[0]
    assert severity in ("错误", "警告") and article.startswith("第") and quote.startswith("「") and basis and suggestion
    assert finding_rows(results[6]) == []


# ----------------------------------------------------------------------------------------------------- the CLI


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_cli_jsonl_is_identical_for_one_and_two_workers(folder):
    one = run("check", str(folder), "-j", "1", "--format", "jsonl")
    two = run("check", str(folder), "-j", "2", "--format", "jsonl")
    assert one.exit_code == two.exit_code == 2, one.output  # an unreadable file → 2, the highest code
    assert one.stdout == two.stdout
    lines = [json.loads(line) for line in one.stdout.splitlines()]
    assert [Path(x["file"]).name for x in lines] == names(expand_paths([folder]))
    assert "审查中" not in one.stderr  # no progress bar in a pipe


def test_cli_writes_csv_with_a_byte_order_mark_for_excel(folder, tmp_path):
    out = tmp_path / "汇总.csv"
    result = run("check", str(folder), "--format", "csv", "-o", str(out))
    assert result.exit_code == 2
    assert "共审查 8 个文件" in result.stderr and "1 个无法读取" in result.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert len(list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))) == 9


def test_cli_writes_an_xlsx_workbook(folder, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "汇总.xlsx"
    result = run("check", str(folder), "-j", "2", "--format", "xlsx", "-o", str(out))
    assert result.exit_code == 2, result.output
    book = load_workbook(out)
    assert book.sheetnames == ["汇总", "条款矩阵", "问题清单"]
    summary = list(book["汇总"].values)
    assert list(summary[0]) == list(SUMMARY_COLUMNS.values()) and len(summary) == 9
    assert [Path(r[0]).name for r in summary[1:]] == names(expand_paths([folder]))
    matrix = list(book["条款矩阵"].values)
    assert len(matrix) == 1 + 7 and matrix[0][1].startswith("C01") and len(matrix[0]) == 26
    row03 = next(r for r in matrix if Path(r[0]).name == "03-缺知识产权条款.docx")
    assert row03[7] == "缺失"  # C07
    problems = list(book["问题清单"].values)
    assert list(problems[0]) == list(FINDING_COLUMNS) and len(problems) > 5


def test_cli_html_report_for_a_folder(folder, tmp_path):
    out = tmp_path / "汇总.html"
    result = run("check", str(folder), "--format", "html", "-o", str(out))
    assert result.exit_code == 2, result.output
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") or page.lower().startswith("<!doctype html>")
    for name in names(expand_paths([folder])):
        assert name in page


def test_cli_refuses_an_existing_output_before_checking(folder, tmp_path):
    out = tmp_path / "汇总.csv"
    out.write_text("旧的汇总", "utf-8")
    result = run("check", str(folder), "--format", "csv", "-o", str(out))
    assert result.exit_code == 2 and "已存在" in result.stderr
    assert out.read_text("utf-8") == "旧的汇总"
    assert run("check", str(folder), "--format", "csv", "-o", str(out), "--force").exit_code == 2
    assert out.read_text("utf-8-sig").startswith("文件,")


def test_cli_xlsx_needs_an_output_file(folder):
    result = run("check", str(folder), "--format", "xlsx")
    assert result.exit_code == 2 and "-o" in result.stderr


def test_cli_empty_folder_is_a_clear_error(tmp_path):
    empty = tmp_path / "空文件夹"
    empty.mkdir()
    (empty / "照片.jpg").write_bytes(b"\xff\xd8")
    result = run("check", str(empty), "--format", "csv")
    assert result.exit_code == 2
    assert "没有可审查的文件" in result.stderr and "Traceback" not in result.output


def test_cli_report_cannot_overwrite_a_checked_file(tmp_path):
    doc = ag.write_utf8(ag.complete().text, tmp_path / "协议.md")
    result = run("check", str(tmp_path), "--format", "text", "-o", str(doc), "--force")
    assert result.exit_code == 2 and "被审查的文件" in result.stderr
    assert doc.read_text("utf-8") == ag.complete().text


def test_cli_text_output_ends_with_the_tally(folder):
    result = run("check", str(folder))
    assert result.exit_code == 2
    assert "共审查 8 个文件：" in result.stdout and "1 个无法读取" in result.stdout


def test_cli_help_shows_batch_examples():
    result = run("check", "--help")
    assert "-j" in result.output and "xlsx" in result.output and "html" in result.output


def test_xlsx_keeps_a_value_beginning_with_equals_as_text(tmp_path):
    """A file name (or quote) such as “=HYPERLINK(…)” must not become a formula in the reviewer's workbook."""
    from openpyxl import load_workbook

    from gongjian.nlp.spreadsheet import write_xlsx

    name = '=HYPERLINK("http://example.invalid","点击")'
    out = tmp_path / "汇总.xlsx"
    write_xlsx([{"file": name, "error": {"type": "DocumentUnreadable", "message": "=1+1"}}], out)
    sheet = load_workbook(out)["汇总"]
    assert sheet.cell(row=2, column=1).value == name and sheet.cell(row=2, column=1).data_type == "s"
    assert sheet.cell(row=2, column=len(SUMMARY_COLUMNS)).data_type == "s"
