"""Check many files, in parallel worker processes when asked; the output order never depends on the workers.

Each worker loads the clause library once (from the validated cache) and checks the files it is given. A file that
cannot be read becomes an error record and the batch goes on; so does a file on which the checker itself fails
(recorded as ``InternalError``, so that one bad document never costs a reviewer the other 499).

An interrupt stops the whole batch: the workers ignore SIGINT (Ctrl-C reaches every process of the terminal's
group; only this process decides), and whatever ends the batch early — KeyboardInterrupt, or the exception a
caller's SIGTERM handler raises — kills the workers before it propagates, so that none is left running. On Linux a
worker also dies with its parent when the parent is killed outright.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from gongjian.clauses.library import ClauseLibrary
from gongjian.errors import DocumentUnreadable, MissingDependency, UsageError
from gongjian.files import shown_path
from gongjian.nlp.findings import Report, error_record

Item = Report | dict[str, Any]
Progress = Callable[[int, int, str], None]  # (files done, files in all, the file just done)

_worker_library: ClauseLibrary | None = None


def cores() -> int:
    """Return the number of cores this process may run on (its CPU affinity, where the system has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


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
    return max(1, min(cores(), files, 8))


def worker_count(jobs: int, files: int) -> int:
    """Return how many workers to start for ``jobs`` asked: never more than the cores, nor than the files.

    More workers than cores only add memory and switching (each holds the library and a parsed document).

    >>> worker_count(64, 1)
    1
    """
    return max(1, min(jobs, cores(), files))


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
        return error_record(shown_path(path), type(exc).__name__, message)
    except Exception as exc:  # noqa: BLE001 - one document's failure is recorded, the batch goes on
        hint = "这是 gongjian 的缺陷，请单独审查该文件并加 --debug 报告"
        return error_record(shown_path(path), "InternalError", f"内部错误：{type(exc).__name__}: {exc}（{hint}）")


def _init_worker(library: ClauseLibrary) -> None:
    global _worker_library
    _worker_library = library
    # Ctrl-C goes to the whole process group: the parent stops the batch, a worker must not print a traceback.
    # A fork inherits the parent's handlers: SIGTERM is reset so that the parent can end a worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent dies, even by SIGKILL (no orphan keeps working)."""
    import ctypes
    import ctypes.util
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # no libc to ask: the parent's own clean-up still ends the workers
        return
    if os.getppid() == 1:  # the parent died before the request was made
        os._exit(1)


def _work(path: str, regimes: tuple[str, ...], explain: bool, verify: bool) -> Item:
    assert _worker_library is not None
    return check_one(path, _worker_library, regimes, explain, verify)


def _context():
    import multiprocessing

    # fork shares the parent's imported modules and loaded library pages; spawn where fork does not exist.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def check_many(paths: Sequence[str | Path | dict[str, Any]], library: ClauseLibrary, *, regimes: Sequence[str] = (),
               explain: bool = False, jobs: int = 1, progress: Progress | None = None,
               verify: bool = False) -> list[Item]:
    """Check files and return their reports (or error records) in the order of ``paths``.

    Args:
        paths: the files, in the order the output should have; an error record among them (a link that
            ``gongjian.api.expand_paths`` did not follow) is kept as it is.
        library: the clause library (the workers receive it once, when they start).
        regimes: regime ids to judge against (empty: detect them per file).
        explain: keep dropped candidates in the reports.
        jobs: worker processes (at most one per core); 1 checks in this process.
        progress: called after each file with (done, total, file).
        verify: the paths are application package folders, verified as ``gongjian verify`` does.

    Anything that ends the batch early (KeyboardInterrupt, or an exception raised by a signal handler) stops every
    worker before it propagates.
    """
    total = len(paths)
    results: list[Item | None] = [p if isinstance(p, dict) else None for p in paths]
    todo = [(i, str(p)) for i, p in enumerate(paths) if not isinstance(p, dict)]
    done = total - len(todo)
    workers = worker_count(jobs, len(todo))
    if workers <= 1:
        for i, path in todo:
            results[i] = check_one(path, library, regimes, explain, verify)
            done += 1
            if progress:
                progress(done, total, path)
        return results  # type: ignore[return-value]
    # With fork the workers share the parent's library; with spawn it is pickled to each once.
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_init_worker,
                               initargs=(library,))
    try:
        futures = {pool.submit(_work, path, tuple(regimes), explain, verify): (i, path) for i, path in todo}
        for future in as_completed(futures):
            index, path = futures[future]
            try:
                results[index] = future.result()
            except BrokenProcessPool as exc:  # a worker died (killed, out of memory): say so for its files
                results[index] = error_record(shown_path(path), "InternalError",
                                              f"审查进程意外退出（{exc}）：请单独审查该文件")
            done += 1
            if progress:
                progress(done, total, path)
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)
    return results  # type: ignore[return-value]


def _stop(pool: ProcessPoolExecutor) -> None:
    """End a pool now: cancel what has not started and kill the workers (a running check is not waited for).

    ``ProcessPoolExecutor`` of Python < 3.14 has no public way to end its workers; its ``_processes`` map has been
    the same since Python 3.2.
    """
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(timeout=5)
