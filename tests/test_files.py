"""The one helper that writes a user's output file: atomic, never overwriting without consent, readable by others,
and a clear error (exit 2) when the place cannot be written."""

from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner

from gongjian.cli import cli
from gongjian.errors import OutputExists, OutputUnwritable
from gongjian.files import write_atomically


def test_written_file_gets_normal_permissions_not_the_temporary_files(tmp_path):
    old = os.umask(0o022)
    try:
        out = write_atomically(tmp_path / "报告.csv", lambda p: p.write_text("文件\n", "utf-8"), force=False)
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["报告.csv"]  # no temporary file left behind


def test_existing_file_is_kept_without_force(tmp_path):
    out = tmp_path / "报告.csv"
    out.write_text("旧", "utf-8")
    with pytest.raises(OutputExists):
        write_atomically(out, lambda p: p.write_text("新", "utf-8"), force=False)
    assert out.read_text("utf-8") == "旧"


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    out = tmp_path / "报告.csv"
    out.write_text("旧", "utf-8")

    def full_disk(p):
        p.write_text("半", "utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputUnwritable, match="磁盘空间已满"):
        write_atomically(out, full_disk, force=True)
    assert out.read_text("utf-8") == "旧" and [p.name for p in tmp_path.iterdir()] == ["报告.csv"]


def test_unwritable_place_is_a_clear_error_not_a_traceback(tmp_path):
    blocker = tmp_path / "不是文件夹"
    blocker.write_text("", "utf-8")  # a file where the output's folder should be
    doc = tmp_path / "协议.txt"
    doc.write_text("合作协议\n甲方：示例科技有限公司\n乙方：示例大学\n", "utf-8")
    result = CliRunner().invoke(cli, ["check", str(doc), "--format", "csv", "-o", str(blocker / "汇总.csv")])
    assert result.exit_code == 2, result.output
    assert "无法写入输出文件" in result.stderr and "Traceback" not in result.output and "内部错误" not in result.output
