"""Check many files, in parallel worker processes when asked; the output order never depends on the workers.

Each worker loads the clause library once (from the validated cache) and checks the files it is given. A file that
cannot be read becomes an error record and the batch goes on; so does a file on which the checker itself fails
(recorded as ``InternalError``, so that one bad document never costs a reviewer the other 499).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from gongjian.clauses.library import ClauseLibrary
from gongjian.errors import DocumentUnreadable, MissingDependency, UsageError
from gongjian.nlp.findings import Report, error_record

Item = Report | dict[str, Any]
Progress = Callable[[int, int, str], None]  # (files done, files in all, the file just done)

_worker_library: ClauseLibrary | None = None


def default_jobs(files: int) -> int:
    """Return the number of worker processes used when none is asked for: one per core, at most one per file.

    A few files are checked in this process: starting workers costs more than it saves.

    >>> default_jobs(1)
    1
    >>> default_jobs(3)
    1
    """
    if files < 4:
        return 1
    return max(1, min(os.cpu_count() or 1, files, 8))


def check_one(path: str | Path, library: ClauseLibrary, regimes: Sequence[str] = (), explain: bool = False,
              verify: bool = False) -> Item:
    """Check one file (or, with ``verify``, one application package folder).

    Returns its report, or its error record when it cannot be read or the checker fails.
    """
    try:
        if verify:
            from gongjian.nlp.verify import verify_package

            return verify_package(path, library, regimes=regimes)
        from gongjian.nlp.check import check_file

        return check_file(path, library, regimes=regimes, explain=explain)
    except (DocumentUnreadable, MissingDependency, UsageError) as exc:
        message = exc.message + (f"（{exc.hint}）" if exc.hint else "")
        return error_record(str(path), type(exc).__name__, message)
    except Exception as exc:  # noqa: BLE001 - one document's failure is recorded, the batch goes on
        hint = "这是 gongjian 的缺陷，请单独审查该文件并加 --debug 报告"
        return error_record(str(path), "InternalError", f"内部错误：{type(exc).__name__}: {exc}（{hint}）")


def _init_worker(library: ClauseLibrary) -> None:
    global _worker_library
    _worker_library = library


def _work(path: str, regimes: tuple[str, ...], explain: bool, verify: bool) -> Item:
    assert _worker_library is not None
    return check_one(path, _worker_library, regimes, explain, verify)


def _context():
    import multiprocessing

    # fork shares the parent's imported modules and loaded library pages; spawn where fork does not exist.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def check_many(paths: Sequence[str | Path], library: ClauseLibrary, *, regimes: Sequence[str] = (),
               explain: bool = False, jobs: int = 1, progress: Progress | None = None,
               verify: bool = False) -> list[Item]:
    """Check files and return their reports (or error records) in the order of ``paths``.

    Args:
        paths: the files, in the order the output should have.
        library: the clause library (the workers receive it once, when they start).
        regimes: regime ids to judge against (empty: detect them per file).
        explain: keep dropped candidates in the reports.
        jobs: worker processes; 1 checks in this process.
        progress: called after each file with (done, total, file).
        verify: the paths are application package folders, verified as ``gongjian verify`` does.
    """
    files = [str(p) for p in paths]
    total = len(files)
    results: list[Item | None] = [None] * total
    if jobs <= 1 or total < 2:
        for i, path in enumerate(files):
            results[i] = check_one(path, library, regimes, explain, verify)
            if progress:
                progress(i + 1, total, path)
        return results  # type: ignore[return-value]
    # With fork the workers share the parent's library; with spawn it is pickled to each once.
    with ProcessPoolExecutor(max_workers=min(jobs, total), mp_context=_context(), initializer=_init_worker,
                             initargs=(library,)) as pool:
        futures = {pool.submit(_work, path, tuple(regimes), explain, verify): i for i, path in enumerate(files)}
        for done, future in enumerate(as_completed(futures), 1):
            index = futures[future]
            try:
                results[index] = future.result()
            except BrokenProcessPool as exc:  # a worker died (killed, out of memory): say so for its files
                results[index] = error_record(files[index], "InternalError",
                                              f"审查进程意外退出（{exc}）：请单独审查该文件")
            if progress:
                progress(done, total, files[index])
    return results  # type: ignore[return-value]
