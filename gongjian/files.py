"""Writing the user's output files safely: never overwrite without consent, never leave a half-written file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from gongjian.errors import OutputExists


def write_atomically(out: str | Path, write: Callable[[Path], object], *, force: bool) -> Path:
    """Write a file through a temporary file in the same folder and a rename.

    Args:
        out: the file to write.
        write: called with the temporary path; writes the content there.
        force: overwrite ``out`` if it exists.

    Returns:
        The path written.

    Raises:
        OutputExists: ``out`` exists and ``force`` is false.
    """
    out = Path(out)
    if out.exists() and not force:
        raise OutputExists(str(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return out
