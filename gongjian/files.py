"""Files and folders the user names: how their paths are shown, which files a folder holds, and writing output safely.

Writing never overwrites without consent and never leaves a half-written file. A folder is listed without following
links out of it (an uploaded folder must never reach the server's own files); a file is read only when it is a
regular file (a FIFO named like a document would block forever). A path is reported as text that any
encoder can write: the bytes of a file name that are not UTF-8 are shown as ``\\xff``.
"""

from __future__ import annotations

import errno
import gc
import os
import re
import stat
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

from gongjian.errors import DocumentUnreadable, OutputExists, OutputUnwritable

#: Why a link out of a folder the user named is not read, and what to do instead.
LINK_OUTSIDE = "指向文件夹之外的链接，未读取"
OUTSIDE_HINT = "为安全起见，文件夹中的链接只在指向该文件夹以内时才读取；请把文件本身复制到文件夹中"

_SURROGATE = re.compile("[\ud800-\udfff]")

#: What an operating-system error means, for a lawyer (``strerror`` is English and says less).
_OS_REASONS = {
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EROFS: "文件系统为只读",
    errno.ENOENT: "路径不存在",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EISDIR: "这是一个文件夹",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EFBIG: "文件过大",
    errno.EIO: "读写错误（设备故障）",
    errno.ELOOP: "链接循环",
}


def shown_path(path: str | os.PathLike | bytes) -> str:
    r"""Return a path as it is reported: bytes of the name that are not UTF-8 become ``\xNN``, never a surrogate.

    Python keeps such bytes as lone surrogates (``\udcff``), which no encoder writes: a report, a CSV or a workbook
    naming the file would fail. The path itself still opens the file; only what is shown changes.

    >>> shown_path(b"a\xffb.txt".decode("utf-8", "surrogateescape")), shown_path("协议.docx")
    ('a\\xffb.txt', '协议.docx')
    """
    text = os.fsdecode(path)

    def escape(m: re.Match[str]) -> str:
        code = ord(m.group())
        return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"

    return _SURROGATE.sub(escape, text)


def os_reason(exc: OSError) -> str:
    """Return why an operating-system call failed, in Chinese where the error is a common one.

    >>> os_reason(PermissionError(errno.EACCES, "Permission denied"))
    '没有权限'
    """
    return _OS_REASONS.get(exc.errno or 0) or exc.strerror or type(exc).__name__


def files_under(folder: str | Path) -> tuple[list[Path], list[Path]]:
    """Return the regular files under a folder and the links that lead out of it, each sorted.

    Links are never followed: one that leads out of the folder is returned in the second list (the caller says that
    it was not read); one that stays inside leads to a file or folder that is listed anyway. Anything that is not
    a regular file (a FIFO, a socket, a device) is left out.

    Args:
        folder: the folder the user named.

    Returns:
        (files, links leading outside the folder).
    """
    root = Path(folder)
    real_root = root.resolve()
    files: list[Path] = []
    outside: list[Path] = []
    for here, dirs, names in os.walk(root, followlinks=False):
        base = Path(here)
        for name in [*dirs, *names]:
            path = base / name
            try:
                mode = path.lstat().st_mode
            except OSError:
                continue
            if stat.S_ISLNK(mode):
                try:
                    target = path.resolve()
                except (OSError, RuntimeError):  # a loop of links leads nowhere: there is nothing to read
                    continue
                if not target.is_relative_to(real_root):
                    outside.append(path)
            elif stat.S_ISREG(mode):
                files.append(path)
    return sorted(files), sorted(outside)


def write_atomically(out: str | Path, write: Callable[[Path], object], *, force: bool) -> Path:
    """Write a file through a temporary file in the same folder and a rename.

    Args:
        out: the file to write.
        write: called with the temporary path; writes the content there.
        force: overwrite ``out`` if it exists.

    Returns:
        The path written.

    The file gets the permissions a newly created file would (``0666`` less the umask), not the ``0600`` of the
    temporary file: a report in a shared review folder stays readable by colleagues. Whatever stops the writing
    (a full disk, Ctrl-C) removes the temporary file; the old ``out`` is left as it was.

    Raises:
        OutputExists: ``out`` exists and ``force`` is false.
        OutputUnwritable: the folder cannot be made, or the file cannot be written there.
    """
    out = Path(out)
    if out.exists() and not force:
        raise OutputExists(shown_path(out))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputUnwritable(shown_path(out), os_reason(exc)) from exc
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, out)
    except OSError as exc:
        _release_writer(exc)
        raise OutputUnwritable(shown_path(out), os_reason(exc)) from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return out


def _release_writer(exc: BaseException) -> None:
    """Close, quietly, what a failed writer left open.

    A writer that fails half-way (python-docx, openpyxl) leaves its zip file open in its frames; closing it later
    fails again (the disk is still full) and Python prints that traceback at exit. Clearing the frames closes it
    now, with such errors silenced: the user has been told once, in Chinese.
    """
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _: None
    try:
        traceback.clear_frames(exc.__traceback__)
        gc.collect()
    finally:
        sys.unraisablehook = hook


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def read_head(path: Path, name: str, size: int = 65536) -> tuple[bytes, int]:
    """Return the first ``size`` bytes of a regular file and its size, without ever blocking.

    A FIFO, a socket or a device named like a document (``x.txt``) is refused: opening a FIFO for reading waits
    for a writer forever. The file is opened without blocking and checked on the open descriptor, so it cannot be
    swapped for a FIFO between the check and the read.

    Raises:
        DocumentUnreadable: not a regular file, or it cannot be opened.
    """
    if not os.access(path, os.R_OK):  # the answer open would give, asked before opening
        raise DocumentUnreadable(f"无法读取文件：{name}（{_OS_REASONS[errno.EACCES]}）", "请检查文件权限")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise DocumentUnreadable(f"无法读取文件：{name}（{os_reason(exc)}）", "请检查文件权限") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise DocumentUnreadable(f"不是普通文件（可能是管道或设备文件）：{name}", "请指定一个保存在磁盘上的文档")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read(size), info.st_size
    except OSError as exc:
        raise DocumentUnreadable(f"无法读取文件：{name}（{os_reason(exc)}）", "请检查文件权限") from exc
    finally:
        os.close(fd)
