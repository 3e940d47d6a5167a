"""Files: the user's output written safely, input read without ever blocking.

Output is never overwritten without consent and never left half-written; input is read only from a regular file
(a FIFO named like a document would block forever).
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from gongjian.errors import DocumentUnreadable, OutputExists, OutputUnwritable


def write_atomically(out: str | Path, write: Callable[[Path], object], *, force: bool) -> Path:
    """Write a file through a temporary file in the same folder and a rename.

    Args:
        out: the file to write.
        write: called with the temporary path; writes the content there.
        force: overwrite ``out`` if it exists.

    Returns:
        The path written.

    The file gets the permissions a newly created file would (``0666`` less the umask), not the ``0600`` of the
    temporary file: a report in a shared review folder stays readable by colleagues.

    Raises:
        OutputExists: ``out`` exists and ``force`` is false.
        OutputUnwritable: the folder cannot be made, or the file cannot be written there.
    """
    out = Path(out)
    if out.exists() and not force:
        raise OutputExists(str(out))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputUnwritable(str(out), exc.strerror or type(exc).__name__) from exc
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, out)
    except OSError as exc:
        raise OutputUnwritable(str(out), exc.strerror or type(exc).__name__) from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return out


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
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise DocumentUnreadable(f"无法读取文件：{name}（{exc.strerror or exc}）", "请检查文件权限") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise DocumentUnreadable(f"不是普通文件（可能是管道或设备文件）：{name}", "请指定一个保存在磁盘上的文档")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read(size), info.st_size
    except OSError as exc:
        raise DocumentUnreadable(f"无法读取文件：{name}（{exc.strerror or exc}）", "请检查文件权限") from exc
    finally:
        os.close(fd)
