"""Trust under hostile and ordinary input (issue 13 items 6–10, 12–14): no crash, no hang, no orphan, no false file.

Every input is generated here. Each test asserts the exit code, the one Chinese line a user reads (``错误：…`` and at
most a ``提示：`` line, or the one line of an interrupt) and that no file the user already had was changed.
Interrupts and terminal encodings are tested on the real command in a subprocess; the rest with CliRunner.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from gongjian.api import expand_paths
from gongjian.cli import cli
from gongjian.nlp import batch
from tests import agreements as ag
from tests.conftest import ROOT, require

GONGJIAN = Path(sys.executable).with_name("gongjian")
CJK = re.compile(r"[\u4e00-\u9fff]")
SPEC_SAMPLE = ROOT / "gongjian" / "templates" / "samples" / "cq-liangjiang.yaml"


@pytest.fixture
def runner():
    return CliRunner()


def snapshot(root: Path) -> dict[str, bytes]:
    """Every regular file under ``root`` (links not followed) and its bytes."""
    out = {}
    for here, _, names in os.walk(root):
        for name in names:
            path = Path(here) / name
            if path.is_file() and not path.is_symlink():
                out[str(path.relative_to(root))] = path.read_bytes()
    return out


def lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip()]


def assert_one_error(stderr: str, *words: str) -> None:
    """One ``错误：`` line in Chinese, at most one ``提示：`` line after it, no traceback."""
    shown = lines(stderr)
    assert "Traceback" not in stderr and "内部错误" not in stderr, stderr
    assert 1 <= len(shown) <= 2, shown
    assert shown[0].startswith("错误：") and CJK.search(shown[0]), shown
    for word in words:
        assert word in shown[0], (word, shown[0])
    if len(shown) == 2:
        assert shown[1].startswith("提示："), shown


def run(*args: str, env: dict[str, str] | None = None, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
    """Run the real command (the console script) and return its result, output as bytes."""
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    return subprocess.run([str(GONGJIAN), *args], timeout=timeout, check=False, env={**os.environ, **(env or {})},
                          **{**streams, **kwargs})


# --------------------------------------------------------------------- 6. paths and text are never markup


def test_a_path_that_reads_as_markup_is_printed_as_it_is(runner, tmp_path, monkeypatch):
    folder = tmp_path / "["
    folder.mkdir()
    ag.write_utf8(ag.complete().text, folder / "]x.txt")
    ag.write_utf8(ag.weakened("C13"), folder / ":warning: [bold]y.txt")
    (folder / "]z.pdf").write_bytes(b"%PDF-1.4 broken")  # its error line names the path too
    before = snapshot(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["check", "["])
    assert result.exit_code == 2, result.output  # the broken PDF; not 3
    assert "内部错误" not in result.output and "MarkupError" not in result.output
    for name in ("[/]x.txt", "[/:warning: [bold]y.txt", "无法读取 [/]z.pdf"):
        assert name in result.output, name
    assert "⚠" not in result.output  # an emoji code in a name stays as written
    assert snapshot(tmp_path) == before


# ----------------------------------------------------------------- 7. file names that are not UTF-8 bytes


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "csv", "html", "xlsx"])
def test_a_file_name_with_undecodable_bytes_is_reported_in_every_format(runner, tmp_path, fmt):
    if sys.platform != "linux":
        pytest.skip("file names of arbitrary bytes are a Linux matter")
    folder = tmp_path / "申报材料"
    folder.mkdir()
    raw = os.path.join(os.fsencode(folder), b"\xff\xfe-\xe5\x8d\x8f.txt")  # not UTF-8: Python names it with surrogates
    with open(raw, "wb") as fh:
        fh.write(ag.weakened("C13").encode("utf-8"))
    ag.write_utf8(ag.complete().text, folder / "组建协议.txt")
    before = snapshot(tmp_path)
    out = tmp_path / f"汇总.{fmt}"
    result = runner.invoke(cli, ["check", str(folder), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 1, result.output  # the weak one has an error-level finding
    assert "内部错误" not in result.output
    shown = r"\xff\xfe-协.txt"  # the bytes that are not UTF-8, escaped; the rest decoded
    if fmt == "xlsx":
        from openpyxl import load_workbook

        cells = [c.value for c in load_workbook(out)["汇总"]["A"]]
        assert any(str(v).endswith(shown) for v in cells), cells
    else:
        content = out.read_text("utf-8-sig")
        assert shown in content or json.dumps(shown, ensure_ascii=False)[1:-1] in content
    after = snapshot(tmp_path)
    after.pop(out.name)
    assert after == before


def test_a_single_file_with_undecodable_name_gets_a_report(runner, tmp_path):
    if sys.platform != "linux":
        pytest.skip("file names of arbitrary bytes are a Linux matter")
    raw = os.path.join(os.fsencode(tmp_path), b"\xff.txt")
    with open(raw, "wb") as fh:
        fh.write(ag.complete().text.encode("utf-8"))
    result = runner.invoke(cli, ["check", os.fsdecode(raw), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["file"].endswith(r"\xff.txt")


# ------------------------------------------------------------------ 8. a GBK or ASCII terminal never fails


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "gbk"}, {"LANG": "C", "LC_ALL": "C"},
                                 {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0"}, {"PYTHONIOENCODING": "ascii"}],
                         ids=["gbk", "C", "C-no-utf8-mode", "ascii"])
def test_a_terminal_that_cannot_encode_a_character_gets_it_replaced(tmp_path, env):
    # U+202E (right-to-left override) is in no GBK or ASCII table: in the file name, the title and a quote.
    text = ag.weakened("C13").replace("因本协议引起的争议", "因本协议\u202e引起的争议").replace("\n", "\u202e\n", 1)
    path = ag.write_utf8(text, tmp_path / "\u202e组建协议.txt")
    before = snapshot(tmp_path)
    for fmt in ("text", "json"):
        done = run("check", str(path), "--format", fmt, env=env)
        err = done.stderr.decode("utf-8", "replace")
        assert done.returncode == 1, (fmt, done.returncode, err)
        assert "Traceback" not in err and "UnicodeEncodeError" not in err, err
        assert done.stdout.strip()
    assert snapshot(tmp_path) == before


# ------------------------------------------------------ 9. values nothing can hold: exit 2 and one Chinese line


def test_an_author_with_a_control_character_is_refused_before_any_work(runner, tmp_path):
    src = ag.to_docx(ag.weakened("C13"), tmp_path / "协议.docx")
    before = snapshot(tmp_path)
    result = runner.invoke(cli, ["check", str(src), "--annotate", str(tmp_path / "批注.docx"),
                                 "--author", "法务\x01部"])
    assert result.exit_code == 2
    assert_one_error(result.stderr, "批注作者名")
    assert snapshot(tmp_path) == before


def spec_text(**replacements: str) -> str:
    text = SPEC_SAMPLE.read_text("utf-8")
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


@pytest.mark.parametrize(("old", "new", "word"), [
    ("start: 2026-01-01", "start: 2026-02-30", "2026-02-30"),
    ("start: 2026-01-01", "start: 2026-13-01", "2026-13-01"),
    ("start: 2026-01-01", "start: 10002-01-01", "10002-01-01"),
    ("start: 2026-01-01", "start: 9999-06-01", "term.start"),  # its end would be in the year 10002
    ("total: 6000", "total: " + "9" * 5000, "5000 个字符"),
    ("total: 6000", "total: .inf", "有限的数字"),
    ("total: 6000", "total: 1e400", "1e400"),
    ("name: 重庆两江新区工业互联网产业创新联合体", "name: 重庆两江新区" + "工业" * 130 + "产业创新联合体", "过长"),
    ("full_name: 重庆示例智造科技股份有限公司", "full_name: 重庆示例" + "智造" * 130 + "科技股份有限公司", "过长"),
], ids=["day-30-of-february", "month-13", "year-10002", "term-ending-after-9999", "5000-digits", "infinite",
        "1e400", "platform-name-over-255", "member-name-over-255"])
def test_a_spec_value_out_of_range_is_a_spec_problem(runner, tmp_path, old, new, word):
    assert SPEC_SAMPLE.exists()
    spec = tmp_path / "组建协议.yaml"
    spec.write_text(spec_text(**{old: new}), "utf-8")
    out = tmp_path / "组建协议.docx"
    out.write_bytes(b"the old draft")
    before = snapshot(tmp_path)
    result = runner.invoke(cli, ["draft", str(spec), "-o", str(out), "--force"])
    assert result.exit_code == 2, result.output
    assert "内部错误" not in result.output and "Traceback" not in result.output
    assert result.stderr.startswith("错误：协议要素文件有误：共 1 处"), result.stderr
    assert word in result.stderr, result.stderr
    assert snapshot(tmp_path) == before


def test_a_full_disk_under_standard_output_is_exit_2(tmp_path):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    path = ag.write_utf8(ag.complete().text, tmp_path / "组建协议.txt")
    before = snapshot(tmp_path)
    with open("/dev/full", "w") as full:
        done = run("check", str(path), "--format", "json", stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 2
    assert_one_error(done.stderr.decode("utf-8"), "磁盘空间已满")
    assert snapshot(tmp_path) == before


def test_an_output_file_that_cannot_be_written_keeps_the_old_one(tmp_path):
    # A size limit stands in for a full disk: the write fails half-way through the .docx, as it would there.
    import resource

    spec = tmp_path / "组建协议.yaml"
    spec.write_text(spec_text(), "utf-8")
    out = tmp_path / "组建协议.docx"
    out.write_bytes(b"the old draft")
    before = snapshot(tmp_path)

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (16_384, 16_384))

    done = run("draft", str(spec), "-o", str(out), "--force", preexec_fn=limit)
    assert done.returncode == 2
    assert_one_error(done.stderr.decode("utf-8"), "无法写入输出文件", "文件过大")
    assert snapshot(tmp_path) == before  # no temporary file either


# -------------------------------------------------- 10. interrupts stop every worker, and only one line is said


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def running(pids: list[int]) -> list[int]:
    """Those of ``pids`` that are still running (a zombie has ended; init reaps it in its own time)."""
    out = []
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            out.append(pid)
    return out


@pytest.fixture
def batch_folder(tmp_path) -> Path:
    folder = tmp_path / "申报材料"
    folder.mkdir()
    text = ag.complete().text
    for i in range(24):
        ag.write_utf8(text, folder / f"{i:02d}-组建协议.txt")
    return folder


def interrupt_batch(folder: Path, out: Path, send, jobs: int = 2) -> tuple[subprocess.Popen, str, list[int]]:
    """Start ``check folder -j jobs -o out``, call ``send(process)`` once it is checking; return what it said."""
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc to see the workers")
    process = subprocess.Popen([str(GONGJIAN), "check", str(folder), "-j", str(jobs), "--format", "xlsx",
                                "-o", str(out), "--force"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    workers: list[int] = []
    if jobs > 1:
        deadline = time.monotonic() + 60
        while len(workers) < jobs and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
            workers = children(process.pid)
        time.sleep(0.5)  # the workers are checking files now
    else:
        time.sleep(3)  # the library is loaded and the first files are being checked
    assert process.poll() is None, "the batch ended before it could be interrupted"
    send(process)
    try:
        _, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail("the interrupted batch did not end within 30 s")
    time.sleep(0.2)
    return process, err.decode("utf-8"), workers


def assert_stopped(process, err: str, workers: list[int], code: int, out: Path, folder: Path, before) -> None:
    assert process.returncode == code, (process.returncode, err)
    shown = lines(err)
    assert len(shown) == 1 and CJK.search(shown[0]) and "Traceback" not in err, shown
    assert "原有文件未改动" in shown[0]
    assert not running(workers), f"workers still running: {running(workers)}"
    assert out.read_bytes() == b"old summary"
    assert not list(out.parent.glob(f".{out.name}.*")), "a temporary file was left"
    assert snapshot(folder) == before


def ctrl_c_twice(process) -> None:
    """What a terminal does when Ctrl-C is pressed twice: SIGINT to the whole process group, twice."""
    os.killpg(process.pid, signal.SIGINT)
    time.sleep(0.2)
    os.killpg(process.pid, signal.SIGINT)


@pytest.mark.parametrize(("send", "code", "word"), [
    (ctrl_c_twice, 130, "Ctrl-C"),
    (lambda p: p.send_signal(signal.SIGTERM), 143, "SIGTERM"),  # to the main process only
], ids=["ctrl-c-twice", "sigterm-to-the-main-process"])
def test_an_interrupt_stops_the_batch_and_every_worker(batch_folder, tmp_path, send, code, word):
    out = tmp_path / "o.xlsx"
    out.write_bytes(b"old summary")
    before = snapshot(batch_folder)
    process, err, workers = interrupt_batch(batch_folder, out, send)
    assert len(workers) == 2
    assert_stopped(process, err, workers, code, out, batch_folder, before)
    assert word in err


def test_ctrl_c_with_one_job_is_exit_130_not_1(batch_folder, tmp_path):
    out = tmp_path / "o.xlsx"
    out.write_bytes(b"old summary")
    before = snapshot(batch_folder)
    process, err, _ = interrupt_batch(batch_folder, out, lambda p: os.killpg(p.pid, signal.SIGINT), jobs=1)
    assert_stopped(process, err, [], 130, out, batch_folder, before)
    assert "Aborted" not in err


def test_sigterm_while_the_summary_is_written_removes_the_temporary_file(tmp_path):
    # The workbook writer is slowed down so that the signal arrives while the temporary file exists.
    path = ag.write_utf8(ag.complete().text, tmp_path / "组建协议.txt")
    out = tmp_path / "o.xlsx"
    out.write_bytes(b"old summary")
    script = (
        "import sys, time\n"
        "from gongjian.nlp import spreadsheet\n"
        "from gongjian import cli\n"
        "real = spreadsheet.write_xlsx\n"
        "def slow(items, path):\n"
        "    real(items, path)\n"
        "    time.sleep(60)\n"
        "spreadsheet.write_xlsx = slow\n"
        f"sys.argv = ['gongjian', 'check', {str(path)!r}, '--format', 'xlsx', '-o', {str(out)!r}, '--force']\n"
        "cli.main()\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(p.stat().st_size for p in tmp_path.glob(".o.xlsx.*.tmp")):
        assert process.poll() is None, process.communicate()
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 143, err.decode("utf-8")
    assert len(lines(err.decode("utf-8"))) == 1
    assert not list(tmp_path.glob(".o.xlsx.*")), "the temporary file was left"
    assert out.read_bytes() == b"old summary"


def test_workers_are_capped_at_the_cores():
    assert batch.worker_count(64, 100) <= batch.cores()
    assert batch.worker_count(64, 1) == 1
    assert batch.worker_count(2, 100) <= 2


# ------------------------------------------------------------------- 12. links out of a folder are not followed


def test_links_out_of_a_folder_are_not_followed(runner, tmp_path):
    folder = tmp_path / "上传"
    folder.mkdir()
    ag.write_utf8(ag.complete().text, folder / "组建协议.txt")
    secret = tmp_path / "服务器" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:服务器的口令文件\n", "utf-8")
    (folder / "passwd.txt").symlink_to(secret)
    (folder / "passwd申请表.txt").symlink_to(secret)
    (folder / "外部").symlink_to(secret.parent, target_is_directory=True)
    (folder / "副本.txt").symlink_to(folder / "组建协议.txt")  # inside the folder: the file is there anyway
    (folder / "环.txt").symlink_to(folder / "环.txt")  # a loop of links: nothing to read
    before = snapshot(tmp_path)
    items = expand_paths([folder])
    assert [Path(i).name if isinstance(i, Path) else i["error"]["type"] for i in items] == \
           ["LinkOutside", "LinkOutside", "LinkOutside", "组建协议.txt"]  # passwd.txt, passwd申请表.txt, 外部, …
    result = runner.invoke(cli, ["check", str(folder), "--format", "jsonl"])
    assert result.exit_code == 2  # files that were not read
    assert "口令" not in result.output and "root:x" not in result.output
    records = [json.loads(ln) for ln in result.stdout.splitlines()]
    refused = [r for r in records if "error" in r]
    assert sorted(Path(r["file"]).name for r in refused) == ["passwd.txt", "passwd申请表.txt", "外部"]
    assert all("指向文件夹之外的链接" in r["error"]["message"] for r in refused)
    assert snapshot(tmp_path) == before


def test_verify_does_not_follow_a_link_out_of_the_package(runner, tmp_path):
    package = tmp_path / "申报材料"
    package.mkdir()
    ag.write_utf8(ag.complete().text, package / "组建协议.txt")
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:服务器的口令文件\n", "utf-8")
    (package / "组建申请表.txt").symlink_to(secret)
    before = snapshot(tmp_path)
    result = runner.invoke(cli, ["verify", str(package), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    assert "口令" not in result.stdout
    form = next(a for a in data["attachments"] if a["file"].endswith("组建申请表.txt"))
    assert "指向文件夹之外的链接" in form["error"]
    assert any(f["rule_id"] == "PKG.unreadable" for f in data["findings"])
    assert snapshot(tmp_path) == before


# ------------------------------------------------------------------------------------- 13. output integrity


def with_doctype(src: Path, dst: Path) -> Path:
    """A copy of a .docx whose document.xml declares an entity and uses it (Word refuses such a file)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8").replace("?>", '?><!DOCTYPE w:document [<!ENTITY x "实体">]>', 1)
                data = xml.replace("<w:t>", "<w:t>&x;", 2).encode("utf-8")
            zout.writestr(item, data)
    return dst


def test_no_annotated_copy_is_written_from_a_docx_that_declares_entities(runner, tmp_path):
    src = with_doctype(ag.to_docx(ag.weakened("C13"), tmp_path / "原件.docx"), tmp_path / "协议.docx")
    (tmp_path / "原件.docx").unlink()
    before = snapshot(tmp_path)
    out = tmp_path / "批注.docx"
    result = runner.invoke(cli, ["check", str(src), "--annotate", str(out)])
    assert result.exit_code == 2, result.output
    assert_one_error(result.stderr, "DOCTYPE", "未生成批注副本")
    assert not out.exists()
    assert "DOCTYPE" in runner.invoke(cli, ["check", str(src)]).stdout  # the report says why text is missing
    assert snapshot(tmp_path) == before


def test_a_file_name_that_looks_like_a_formula_is_text_in_csv(runner, tmp_path, monkeypatch):
    folder = tmp_path / "申报材料"
    folder.mkdir()
    names = ["+1.txt", "=HYPERLINK(1).txt", "@SUM(1).txt", "组建协议.txt"]
    for name in names:
        ag.write_utf8(ag.complete().text, folder / name)
    before = snapshot(tmp_path)
    monkeypatch.chdir(folder)  # relative names, as a reviewer in the folder types them
    result = runner.invoke(cli, ["check", *names, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))[1:]
    assert [row[0] for row in rows] == ["'+1.txt", "'=HYPERLINK(1).txt", "'@SUM(1).txt", "组建协议.txt"]
    assert snapshot(tmp_path) == before


def test_a_formula_cell_is_quoted():
    from gongjian.nlp.spreadsheet import to_csv

    text = to_csv([{"file": "=HYPERLINK(1).txt", "error": {"type": "X", "message": "-1+1"}}])
    row = next(csv.reader(io.StringIO(text.splitlines()[1])))
    assert row[0] == "'=HYPERLINK(1).txt" and row[-1] == "'-1+1"


def damaged_pdf() -> bytes:
    """A PDF whose page tree loops back on itself and holds no page at all (offsets kept: same lengths)."""
    from tests.test_reading import make_pdf

    pdf = make_pdf([[]], cjk=False)  # 1 font, 2 pages, 3 content, 4 page, 5 catalog
    assert b"/Kids [4 0 R]" in pdf
    return pdf.replace(b"/Kids [4 0 R]", b"/Kids [2 0 R]").replace(b"/Type /Page ", b"/Type /Xage ")


def test_a_pdf_with_a_broken_page_tree_is_called_damaged_not_a_scan(runner, tmp_path):
    require("pdfplumber", "(extra pdf)")
    path = tmp_path / "协议.pdf"
    path.write_bytes(damaged_pdf())
    before = snapshot(tmp_path)
    result = runner.invoke(cli, ["check", str(path)])
    assert result.exit_code == 2
    assert_one_error(result.stderr, "PDF 文件已损坏")
    assert "扫描件" not in result.stderr
    assert snapshot(tmp_path) == before


def test_a_file_without_read_permission_is_one_chinese_line(runner, tmp_path, monkeypatch):
    path = ag.write_utf8(ag.complete().text, tmp_path / "组建协议.txt")
    spec = tmp_path / "组建协议.yaml"
    spec.write_text(spec_text(), "utf-8")
    before = snapshot(tmp_path)
    locked = {path, spec}
    if os.geteuid() == 0:  # root reads every file: the system's answer to another user is played here
        real_access, real_open = os.access, Path.open

        def access(p, mode, *args, **kwargs):
            return False if Path(p) in locked else real_access(p, mode, *args, **kwargs)

        def open_(self, *args, **kwargs):
            if self in locked:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(os, "access", access)
        monkeypatch.setattr(Path, "open", open_)
    else:
        for p in locked:
            p.chmod(0)
    try:
        for args in (["check", str(path)], ["draft", str(spec), "-o", str(tmp_path / "协议.docx")]):
            result = runner.invoke(cli, args)
            assert result.exit_code == 2, (args, result.output)
            assert_one_error(result.stderr, "没有权限")
            assert "Usage" not in result.stderr and "not readable" not in result.stderr
    finally:
        monkeypatch.undo()
        for p in locked:
            p.chmod(0o644)
    assert snapshot(tmp_path) == before


# ------------------------------------------------------------------------------------------- 14. small ones


@pytest.mark.parametrize("content", [b"\x00" * 4096, b" \n\t\r\n\xe3\x80\x80\n" * 50, "\ufeff\u200b\n".encode()],
                         ids=["all-nul", "white-space", "bom-and-zero-width"])
def test_a_text_without_readable_characters_is_exit_2(runner, tmp_path, content):
    path = tmp_path / "协议.txt"
    path.write_bytes(content)
    before = snapshot(tmp_path)
    result = runner.invoke(cli, ["check", str(path)])
    assert result.exit_code == 2
    assert_one_error(result.stderr, "没有可审查的文字")
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(("variant", "code"), [("complete", 0), ("weak", 1)])
def test_a_closed_pipe_keeps_the_verdict(tmp_path, variant, code):
    text = ag.complete().text if variant == "complete" else ag.weakened("C13")
    path = ag.write_utf8(text, tmp_path / "组建协议.txt")
    for args in (["check", str(path)], ["check", str(path), "--format", "json"]):
        process = subprocess.Popen([str(GONGJIAN), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        process.stdout.read(1)  # like `| head -c 1`: read a little, then go away
        process.stdout.close()
        err = process.stderr.read().decode("utf-8")
        assert process.wait(timeout=120) == code, (args, err)
        assert "Traceback" not in err and "Exception ignored" not in err, err


def test_click_speaks_chinese(runner):
    missing = runner.invoke(cli, ["check"])
    assert missing.exit_code == 2
    assert_one_error(missing.stderr, "缺少参数")
    for args in (["check", "--bogus", "x"], ["check", "x", "--format", "docx"], ["chek"], ["check", "x", "-j", "0"]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 2, args
        assert_one_error(result.stderr)
        assert not re.search(r"Usage|Error|Invalid|No such|Missing|Try '", result.stderr), result.stderr
    for args in (["-h"], ["check", "-h"], ["regimes", "show", "-h"]):
        text = runner.invoke(cli, args).output
        assert "显示本帮助并退出" in text and "用法" in text, args
        assert "Show this message" not in text and "Usage:" not in text and "Options:" not in text, args


def test_browse_commands_show_no_codes_where_a_name_exists(runner):
    regimes = runner.invoke(cli, ["regimes"]).output
    assert "issued" not in regimes and "已发布" in regimes
    shown = runner.invoke(cli, ["regimes", "show", "cq-liangjiang"]).output
    assert "MUST-A" not in shown and "必备条款" in shown
    assert "平台名称格式：重庆两江新区……产业创新联合体" in shown and "^" not in shown
    assert "正则：^重庆两江新区" in runner.invoke(cli, ["--debug", "regimes", "show", "cq-liangjiang"]).output
    clause = runner.invoke(cli, ["clauses", "show", "C07"]).output
    assert not re.search(r"（(deferral|hedging|missing-number|missing-party|legal-risk)", clause), clause
    assert "事后另行约定" in clause


def test_text_output_into_a_pipe_never_breaks_a_number_or_a_quote(runner, tmp_path):
    # The amount falls where a 160-column wrap used to cut it (¥2⏎00,000.00).
    filler = ("资金投入任务分工成果归属收益分配" * 4)[:56]
    text = ag.weakened("C13").replace(
        "因本协议引起的争议，各方协商不成的，",
        f"因本协议引起的争议（{filler}违约金每次¥200,000.00），各方协商不成的，")
    assert "¥200,000.00" in text
    path = ag.write_utf8(text, tmp_path / "组建协议.txt")
    out = runner.invoke(cli, ["check", str(path)]).stdout
    assert "¥200,000.00" in out
    report = json.loads(runner.invoke(cli, ["check", str(path), "--format", "json"]).stdout)
    quotes = [e["quote"] for f in report["findings"] for e in f["evidence"]]
    assert quotes and all(q in out for q in quotes)
    file_out = tmp_path / "报告.txt"
    runner.invoke(cli, ["check", str(path), "-o", str(file_out)])
    assert "¥200,000.00" in file_out.read_text("utf-8")


def test_the_library_cache_is_documented():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "~/.cache/gongjian" in readme and "GONGJIAN_CACHE_DIR" in readme
