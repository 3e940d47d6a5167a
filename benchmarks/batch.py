"""Throughput of batch review: 100 agreements checked with 1 worker and with 2 workers, in one run.

usage: .venv/bin/python benchmarks/batch.py [--files N] [--keep DIR]

Builds a reviewer's folder of N (default 100) agreements from tests/agreements.py — the complete five-member
agreement and its variants (each category removed or weakened in turn), half as .docx and half as .txt — then times
``gongjian.api.check_paths`` over the folder with ``jobs=1`` and ``jobs=2`` (the library loaded once beforehand, as
the CLI does; worker start-up is part of the 2-worker time) and ``gongjian check DIR --format csv`` as a whole
command with ``-j 1`` and ``-j 2``. Prints files per second for each and the speed-up of 2 workers over 1. The two
runs must give the same reports (checked). On a 2-core machine the speed-up is bounded by 2×; other load on the
machine shows directly in it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import agreements as ag  # noqa: E402

GONGJIAN = Path(sys.executable).with_name("gongjian")


def build_folder(folder: Path, count: int) -> list[Path]:
    """Write ``count`` agreements (variants of the complete one) into ``folder``."""
    base = ag.complete()
    cids = [a.cid for a in base.articles]
    texts = [base.text]
    for cid in cids:
        texts.append(base.without(cid).text)
        texts.append(ag.weakened(cid))
    paths = []
    for i in range(count):
        text = texts[i % len(texts)]
        path = folder / f"{i:03d}-组建协议.{'docx' if i % 2 == 0 else 'txt'}"
        ag.to_docx(text, path) if path.suffix == ".docx" else ag.write_utf8(text, path)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--keep", type=Path, help="build the folder here and keep it")
    args = parser.parse_args()

    from gongjian import load_library
    from gongjian.api import check_paths, expand_paths
    from gongjian.nlp.check import check_text

    library = load_library()
    check_text(ag.complete().text, library)  # warm the matcher, as a long-running process would be
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp) / "申报材料"
        folder.mkdir(parents=True, exist_ok=True)
        build_folder(folder, args.files)
        files = expand_paths([folder])
        size = sum(f.stat().st_size for f in files)
        print(f"{len(files)} 个协议（{size / 1e6:.1f} MB，docx 与 txt 各半），{os.cpu_count()} 个 CPU 核")

        timings: dict[str, float] = {}
        outputs = {}
        for jobs in (1, 2):
            start = time.perf_counter()
            results = check_paths(files, jobs=jobs, library=library)
            timings[f"api-{jobs}"] = time.perf_counter() - start
            outputs[jobs] = [r.to_dict() if not isinstance(r, dict) else r for r in results]
        assert outputs[1] == outputs[2], "1 and 2 workers gave different reports"
        for jobs in (1, 2):
            out = Path(tmp) / f"汇总-{jobs}.csv"
            start = time.perf_counter()
            subprocess.run([str(GONGJIAN), "check", str(folder), "-j", str(jobs), "--format", "csv", "-o", str(out)],
                           check=False, capture_output=True)
            timings[f"cli-{jobs}"] = time.perf_counter() - start
        same = (Path(tmp) / "汇总-1.csv").read_bytes() == (Path(tmp) / "汇总-2.csv").read_bytes()

    n = len(files)
    print(f"{'':24}{'1 个进程':>12}{'2 个进程':>12}{'加速比':>10}")
    for kind, label in (("api", "check_paths（库已加载）"), ("cli", "gongjian check 整条命令")):
        one, two = timings[f"{kind}-1"], timings[f"{kind}-2"]
        print(f"{label:24}{n / one:>9.1f}/s{n / two:>9.1f}/s{one / two:>9.2f}×")
        print(f"{'':24}{one:>10.2f} s{two:>10.2f} s")
    print(f"两种进程数的 CSV 汇总逐字节相同：{'是' if same else '否'}")


if __name__ == "__main__":
    main()
