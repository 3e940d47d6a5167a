"""Hostile and oversized inputs: wall time and peak memory of each, and how checking grows with the text.

usage: .venv/bin/python benchmarks/limits.py [--skip-slow]

Builds the stress inputs of issue 13 (item 11) in a temporary folder with ``tests/stress.py`` and runs each through
the ``gongjian`` command in a fresh process (check, or draft for a spec), as a user or a server would. Prints for
each its exit code, wall time, peak resident memory (``wait4``) and the first line of its message, and whether it
finished or was refused within 10 s and 1 GB. The child runs with a 4 GB address-space limit, so that a regression
fails there instead of taking the machine.

Then, in this process with the library loaded once: the time of ``check_file`` on agreements of 10,000, 100,000
and 1,000,000 characters and the time per character (linear growth keeps it flat), the growth series of the issue
(table rows, digit runs, blank lines) as whole commands, and the throughput of a 2,000-file folder of short texts
with ``-j 2`` (files a second; ``benchmarks/batch.py`` measures batches of full agreements).

Inputs just under the limits are timed for reference (a real agreement is far smaller): checking is linear, so an
agreement of a million characters takes about ten seconds, and a PDF about 0.1 ms a character in pdfplumber.
Limits are in ``gongjian/limits.py``; ``--skip-slow`` leaves out the PDF at the page limit.
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import stress as st  # noqa: E402

GONGJIAN = Path(sys.executable).with_name("gongjian")
WALL, RSS = 10.0, 1024.0  # seconds, MB: what every stress input must stay within
TIMEOUT = 120.0


def run(args: list[str], cwd: Path) -> tuple[int | None, float, float, str]:
    """Run ``gongjian ARGS``; return its exit code (None: killed at TIMEOUT), wall seconds, peak RSS (MB), message."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))

    start = time.perf_counter()
    proc = subprocess.Popen([str(GONGJIAN), *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, preexec_fn=cap, start_new_session=True)
    code: int | None = None
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            code = os.waitstatus_to_exitcode(status)
            break
        if time.perf_counter() - start > TIMEOUT:
            os.killpg(proc.pid, signal.SIGKILL)
            _, _, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.02)
    wall = time.perf_counter() - start
    lines = proc.stderr.read().decode("utf-8", "replace").strip().splitlines() if proc.stderr else []
    proc.stderr and proc.stderr.close()
    return code, wall, usage.ru_maxrss / 1024, (lines[0] if lines else "")


def stress_inputs(d: Path, skip_slow: bool) -> list[tuple[str, list[str]]]:
    """Build the stress inputs in ``d``; return (label, gongjian arguments) for each."""
    cases = [
        ("200 万个短行的 .txt", st.short_lines(d / "短行.txt", 2_000_000)),
        ("大量组合附加符号（30 万字符）", st.combining_marks(d / "附加符号.txt", 300_000)),
        ("针对正则构造的文本（90 万字符）", st.regex_bait(d / "正则.txt", 900_000)),
        ("10 万位连续数字", st.run_of(d / "数字.txt", "1", 100_000)),
        ("10 万个连续的“第”", st.run_of(d / "第.txt", "第", 100_000)),
        ("10 万个连续的“（”", st.run_of(d / "括号.txt", "（", 100_000)),
        ("3.3 万个“甲方、”", st.run_of(d / "甲方.txt", "甲方、", 33_000)),
        ("5 万个空行", st.blank_lines(d / "空行.txt", 50_000)),
        ("10 MB 单行文本", st.single_line(d / "单行.txt", 3_400_000)),
        ("10,000 行表格的 .docx", st.docx_table(d / "表格.docx", 10_000)),
        ("5,000 页的 .docx", st.docx_pages(d / "五千页.docx", 5_000)),
        ("解压后 190 MB 的 .docx", st.docx_inflating(d / "膨胀.docx", 190)),
        ("2,000 页的 PDF", st.pdf_pages(d / "两千页.pdf", 2_000)),
        ("内容流解压为 10 MB 字符串的 PDF", st.pdf_long_string(d / "长字符串.pdf", 10)),
        ("含 100 MB 压缩字符串的 PDF", st.pdf_long_string(d / "百兆字符串.pdf", 100)),
        ("PDF 压缩炸弹（1 GB）", st.pdf_flate_bomb(d / "炸弹.pdf", 1_000)),
    ]
    fifo, spec_fifo = d / "管道.txt", d / "管道.yaml"
    os.mkfifo(fifo)
    os.mkfifo(spec_fifo)
    out = [(label, ["check", str(path)]) for label, path in cases]
    out += [("名为 x.txt 的 FIFO", ["check", str(fifo)]),
            ("作为要素文件的 FIFO（draft）", ["draft", str(spec_fifo), "-o", str(d / "草稿1.docx")]),
            ("嵌套别名的 YAML（十亿笑）", ["draft", str(st.yaml_laughs(d / "别名.yaml")), "-o", str(d / "草稿2.docx")])]
    return out


def at_limits(d: Path, skip_slow: bool) -> list[tuple[str, list[str]]]:
    """Build inputs just under the limits (for reference: a real agreement is far smaller)."""
    near = st.write_text(d / "百万.txt", st.agreement_of_size(990_000))
    out = [("99 万字符的协议", ["check", str(near)]),
           ("4,990 行表格的 .docx", ["check", str(st.docx_table(d / "五千行.docx", 4_990))])]
    if not skip_slow:
        out.append(("300 页的 PDF（每页 20 行）", ["check", str(st.pdf_pages(d / "三百页.pdf", 300, 20))]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-slow", action="store_true", help="leave out the PDF at the page limit")
    args = parser.parse_args()
    print(f"{os.cpu_count()} 个 CPU 核；每项须在 {WALL:.0f} 秒、{RSS:.0f} MB 内完成或被拒绝")
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        print(f"\n{'输入':34}{'退出码':>6}{'秒':>8}{'MB':>8}  结果  信息")
        failed = 0
        for label, argv in stress_inputs(d, args.skip_slow):
            code, wall, rss, message = run(argv, d)
            ok = code is not None and code != 3 and wall <= WALL and rss <= RSS
            failed += not ok
            shown = "超时" if code is None else str(code)
            print(f"{label:34}{shown:>6}{wall:>8.1f}{rss:>8.0f}  {'通过' if ok else '超限'}  {message[:70]}")
        print(f"超出 {WALL:.0f} 秒或 {RSS:.0f} MB（或内部错误）的输入：{failed} 个")
        print("\n参考：刚好不超过上限的输入（真实协议远小于此）")
        for label, argv in at_limits(d, args.skip_slow):
            code, wall, rss, message = run(argv, d)
            print(f"{label:34}{code if code is not None else '超时':>6}{wall:>8.1f}{rss:>8.0f}        {message[:70]}")
        growth(d)
        throughput(d)


def growth(d: Path) -> None:
    """Print the time per character of check_file at 10k, 100k and 1M characters, and the issue's growth series."""
    from gongjian import load_library
    from gongjian.nlp.check import check_file

    library = load_library()
    check_file(st.write_text(d / "预热.txt", st.agreement_of_size(10_000)), library)
    print(f"\n{'check 的文本长度':20}{'字符':>12}{'秒':>9}{'微秒/字符':>12}")
    for size in (10_000, 100_000, 1_000_000):
        path = st.write_text(d / f"协议{size}.txt", st.agreement_of_size(size))
        chars = len(path.read_text("utf-8"))
        start = time.perf_counter()
        check_file(path, library)
        wall = time.perf_counter() - start
        print(f"{'':20}{chars:>12,}{wall:>9.2f}{wall / chars * 1e6:>12.1f}")
    series = [
        ("表格行数（.docx）", [(n, st.docx_table(d / f"表{n}.docx", n)) for n in (1_000, 2_000, 4_000)]),
        ("连续数字的位数", [(n, st.run_of(d / f"数{n}.txt", "1", n)) for n in (25_000, 50_000, 100_000)]),
        ("空行数", [(n, st.blank_lines(d / f"空{n}.txt", n)) for n in (12_500, 25_000, 50_000)]),
    ]
    print("\n整条命令随输入增长（秒；线性时每步约加倍的只是超出启动时间的部分）")
    for label, items in series:
        cells = []
        for n, path in items:
            _, wall, _, _ = run(["check", str(path)], d)
            cells.append(f"{n:,}：{wall:.1f}")
        print(f"  {label:16}" + "   ".join(cells))


def throughput(d: Path) -> None:
    """Print files a second for a 2,000-file folder of short texts checked with -j 2."""
    from tests import agreements as ag

    folder = d / "两千个文件"
    folder.mkdir()
    lines = ag.complete().text.split("\n")
    for i in range(2_000):
        (folder / f"{i:04d}-协议.txt").write_text("\n".join(lines[: 8 + i % 20]), "utf-8")
    code, wall, rss, _ = run(["check", str(folder), "-j", "2", "--format", "csv", "-o", str(d / "汇总.csv")], d)
    print(f"\n2,000 个短文本的文件夹，-j 2：{wall:.1f} 秒，每秒 {2_000 / wall:.0f} 个文件，"
          f"主进程峰值 {rss:.0f} MB，退出码 {code}")


if __name__ == "__main__":
    main()
