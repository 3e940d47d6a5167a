"""`gongjian check` and `gongjian eval` on the command line: exit codes, formats, bad files, -o, --explain.

Exit codes (DESIGN.md): 0 no error-level finding; 1 error-level findings; 2 unreadable input or bad usage; with
several files the highest applies. A user's mistake gets a one-line Chinese message, never a traceback.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from gongjian.cli import cli
from tests import agreements as ag

GONGJIAN = Path(sys.executable).with_name("gongjian")
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def runner():
    return CliRunner()


def run(runner, *args):
    return runner.invoke(cli, ["check", *map(str, args)])


def assert_user_error(result, *words):
    """Exit 2, a one-line Chinese message (plus at most a hint line), no traceback."""
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert 1 <= len(lines) <= 2, lines
    assert lines[0].startswith("错误：") and CJK.search(lines[0]), lines
    for word in words:
        assert word in lines[0], (word, lines[0])
    if len(lines) == 2:
        assert lines[1].startswith("提示：")


@pytest.fixture
def clean(tmp_path):
    return ag.write_utf8(ag.complete().text, tmp_path / "组建协议.txt")


@pytest.fixture
def weak(tmp_path):
    # 或裁或诉 (W14): an error-level finding whatever else the checker reports.
    return ag.write_utf8(ag.weakened("C13"), tmp_path / "组建协议-弱.txt")


# ------------------------------------------------------------------------------------------------ exit codes


def test_clean_agreement_exits_0(runner, clean):
    result = run(runner, clean)
    assert result.exit_code == 0, result.output
    assert "两江新区" in result.output or "cq-liangjiang" in result.output


def test_error_finding_exits_1(runner, weak):
    result = run(runner, weak)
    assert result.exit_code == 1, result.output
    assert "C13" in result.output
    assert "Traceback" not in result.output


def test_missing_file_exits_2(runner, tmp_path):
    assert_user_error(run(runner, tmp_path / "不存在.docx"), "找不到")


def test_empty_file_exits_2(runner, tmp_path):
    path = tmp_path / "空文件.txt"
    path.write_bytes(b"")
    assert_user_error(run(runner, path), "空")


def test_old_doc_exits_2(runner, tmp_path):
    path = tmp_path / "组建协议.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096)  # an OLE2 compound file, as Word 97-2003
    assert_user_error(run(runner, path), ".doc")


def test_corrupt_docx_exits_2(runner, tmp_path):
    good = ag.to_docx(ag.complete().text, tmp_path / "好.docx")
    path = tmp_path / "损坏.docx"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])  # a download cut off half way
    assert_user_error(run(runner, path), "损坏")


def test_docx_without_document_xml_exits_2(runner, tmp_path):
    path = tmp_path / "不是文档.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "not a word document")
    assert_user_error(run(runner, path))


def test_unsupported_rtf_exits_2(runner, tmp_path):
    path = tmp_path / "组建协议.rtf"
    path.write_text(r"{\rtf1\ansi\ansicpg936 组建协议}", encoding="utf-8")
    assert_user_error(run(runner, path), ".rtf")


def test_unknown_regime_exits_2(runner, clean):
    result = runner.invoke(cli, ["check", str(clean), "--regime", "sh-pudong"])
    assert_user_error(result, "sh-pudong")


def test_folder_with_good_and_unreadable_file(runner, tmp_path):
    folder = tmp_path / "申报材料"
    folder.mkdir()
    ag.write_utf8(ag.complete().text, folder / "a-组建协议.txt")
    (folder / "b-损坏.docx").write_bytes(b"PK\x03\x04 this is not really a zip file")
    (folder / "说明.rtf").write_text("ignored: not a supported type", encoding="utf-8")
    result = runner.invoke(cli, ["check", str(folder), "--format", "jsonl"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(records) == 2
    report, error = records
    assert report["file"].endswith("a-组建协议.txt") and len(report["categories"]) == 25
    assert error["file"].endswith("b-损坏.docx")
    assert error["error"]["type"] == "DocumentUnreadable" and CJK.search(error["error"]["message"])
    assert "\n" not in error["error"]["message"]


def test_several_files_highest_exit_code_applies(runner, clean, weak):
    result = runner.invoke(cli, ["check", str(clean), str(weak), "--format", "json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 2


# ---------------------------------------------------------------------------------------------------- formats


def test_format_json_parses(runner, weak):
    result = runner.invoke(cli, ["check", str(weak), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert {"schema_version", "file", "document_type", "regimes", "regime_source", "regime_reason", "categories",
            "findings", "summary"} <= set(data)
    assert len(data["categories"]) == 25
    assert data["regime_source"] == "detected" and data["regimes"] == ["cq-liangjiang"]
    c13 = next(c for c in data["categories"] if c["id"] == "C13")
    assert c13["status"] == "weak"
    text = weak.read_text("utf-8")
    for f in data["findings"]:
        for e in f["evidence"]:
            assert text[e["start"] : e["end"]] == e["quote"]


def test_format_text_groups_by_severity(runner, weak):
    result = runner.invoke(cli, ["check", str(weak)])
    out = result.output
    assert "错误（" in out and "C13" in out
    assert "适用制度：cq-liangjiang" in out


def test_text_report_says_first_when_not_an_agreement(runner, tmp_path):
    path = ag.write_utf8(ag.REGULATION, tmp_path / "管理办法.txt")
    result = runner.invoke(cli, ["check", str(path)])
    lines = [ln for ln in result.output.splitlines() if ln.strip() and not set(ln.strip()) <= set("─━ ")]
    assert "注意" in lines[1] and "不是" in lines[1], lines[:3]  # right after the file name rule
    assert ".missing" not in result.output


def test_baseline_text_report_says_law_baseline(runner, tmp_path):
    path = ag.write_utf8(ag.baseline().text, tmp_path / "合作协议.txt")
    result = runner.invoke(cli, ["check", str(path)])
    assert "按法律基线审查" in result.output
    data = json.loads(runner.invoke(cli, ["check", str(path), "--format", "json"]).stdout)
    assert data["regime_source"] == "none" and data["regimes"] == []


# ------------------------------------------------------------------------------------------------- -o, --force


def test_output_refuses_to_overwrite(runner, weak, tmp_path):
    out = tmp_path / "报告.json"
    out.write_text("旧的报告，不得覆盖", encoding="utf-8")
    before = out.stat().st_mtime_ns
    result = runner.invoke(cli, ["check", str(weak), "--format", "json", "-o", str(out)])
    assert_user_error(result, "已存在")
    assert out.read_text("utf-8") == "旧的报告，不得覆盖"
    assert out.stat().st_mtime_ns == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(("报告", ".报告", "tmp"))] == ["报告.json"]

    result = runner.invoke(cli, ["check", str(weak), "--format", "json", "-o", str(out), "--force"])
    assert result.exit_code == 1  # the report's own exit code
    assert json.loads(out.read_text("utf-8"))["file"].endswith("组建协议-弱.txt")


def test_output_new_file_written(runner, weak, tmp_path):
    out = tmp_path / "报告.jsonl"
    result = runner.invoke(cli, ["check", str(weak), "--format", "jsonl", "-o", str(out)])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = out.read_text("utf-8").splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["schema_version"] == 1


# --------------------------------------------------------------------------------------------------- --explain


def test_explain_lists_guarded_candidates(runner, tmp_path):
    # 签约3款: 约 before a number inside 签约 is not hedging (spec §2.0 guards); the guard must say so.
    text = ag.complete().text.replace(
        "新增销售收入累计不少于人民币叁亿元整（¥300,000,000.00）。",
        "新增销售收入累计不少于人民币叁亿元整（¥300,000,000.00）；（6）第三年与不少于2家整车企业签约3款车型的定点供货。")
    assert "签约3款" in text
    path = ag.write_utf8(text, tmp_path / "组建协议.txt")
    plain = runner.invoke(cli, ["check", str(path)])
    result = runner.invoke(cli, ["check", str(path), "--explain"])
    assert "已考虑但排除的候选" in result.output and "已考虑但排除的候选" not in plain.output
    # Each dropped candidate is shown with the reason it was dropped and the wording the guard found, in Chinese;
    # the guard's regular expression only under --debug (issue 13 item 14).
    lines = result.output.splitlines()
    yue = [ln for ln in lines if "「约3」" in ln]
    assert yue and "“约3”在“签约3”中" in yue[0], yue  # the guard [签合违…]约\s*\d
    assert "防误报规则排除" in yue[0], yue
    joint = [ln for ln in lines if "「连带责任」" in ln]  # 不……承担连带责任 is a disclaimer, not a risk
    assert joint and "防误报规则排除" in joint[0], joint
    explained = lines[next(i for i, ln in enumerate(lines) if "已考虑但排除的候选" in ln):]
    shown = [ln for ln in explained if any(m in ln for m in ("guarded", "below-threshold", "\\s", "[^", "(?:"))]
    assert not shown, shown
    debug = runner.invoke(cli, ["--debug", "check", str(path), "--explain"]).output
    assert "正则：" in debug and "正则：" not in result.output
    data = json.loads(runner.invoke(cli, ["check", str(path), "--explain", "--format", "json"]).stdout)
    assert any(d["reason"] == "guarded" and "约" in d["quote"] for d in data["dropped"])
    # Guarded candidates are not findings.
    assert not any(e["quote"].startswith("约3") for f in data["findings"] for e in f["evidence"])


# -------------------------------------------------------------------------------------------------------- eval


def test_eval_prints_table(runner, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    ag.write_utf8(ag.complete().text, docs / "complete.txt")
    ag.write_utf8(ag.without("C13"), docs / "no-c13.txt")
    ag.write_utf8(ag.weakened("C13"), docs / "weak-c13.txt")
    ag.write_utf8(ag.REGULATION, docs / "regulation.txt")
    rows = [
        {"file": "complete.txt", "kind": "consortium-founding", "regimes": ["cq-liangjiang"],
         "categories": {"C13": "present", "C12": "present"}},
        {"file": "no-c13.txt", "kind": "consortium-founding", "regimes": ["cq-liangjiang"],
         "categories": {"C13": "missing", "C12": "present"}},
        {"file": "weak-c13.txt", "kind": "consortium-founding", "regimes": ["cq-liangjiang"],
         "categories": {"C13": "weak", "C12": "present"}},
        {"file": "regulation.txt", "kind": "negative", "regimes": [], "categories": {}},
    ]
    labels = tmp_path / "labels.jsonl"
    labels.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["eval", str(labels), "--docs", str(docs)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "缺失P" in out and "弱F1" in out and "混淆表" in out
    c13 = next(ln for ln in out.splitlines() if ln.startswith("C13"))
    assert c13.split()[1:3] == ["1.000", "1.000"], c13  # the one missing C13 is found, nothing else called missing
    assert "文档 4 份" in out
    data = json.loads(runner.invoke(cli, ["eval", str(labels), "--docs", str(docs), "--format", "json"]).stdout)
    assert data["documents"] == 4 and data["per_category"]["C13"]["missing_recall"] == 1.0


def test_eval_bad_labels_exit_2(runner, tmp_path):
    labels = tmp_path / "labels.jsonl"
    labels.write_text("{not json\n", encoding="utf-8")
    result = runner.invoke(cli, ["eval", str(labels), "--docs", str(tmp_path)])
    assert_user_error(result)


# ------------------------------------------------------------------------------------------ a real subprocess


def test_real_subprocess(tmp_path):
    weak = ag.write_utf8(ag.weakened("C13"), tmp_path / "组建协议.txt")
    done = subprocess.run([str(GONGJIAN), "check", str(weak), "--format", "json"], capture_output=True,
                          timeout=120, check=False)
    assert done.returncode == 1, done.stderr.decode("utf-8", "replace")
    data = json.loads(done.stdout.decode("utf-8"))
    assert data["regimes"] == ["cq-liangjiang"]
    missing = subprocess.run([str(GONGJIAN), "check", str(tmp_path / "无此文件.docx")], capture_output=True,
                             timeout=120, check=False)
    assert missing.returncode == 2
    err = missing.stderr.decode("utf-8")
    assert "Traceback" not in err and err.startswith("错误：找不到文件")
