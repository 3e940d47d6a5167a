"""Writing the user's output files safely: never overwrite without consent, never leave a half-written file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from gongjian.errors import OutputExists, OutputUnwritable


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
