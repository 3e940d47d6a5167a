"""Drafting speed, measured in one run: `draft` next to a bare docxtpl render, and how it grows with members.

usage: .venv/bin/python benchmarks/draft.py [--runs N] [--regime R]

1. ``gongjian.api.draft_file`` (read and validate the YAML spec, render the clause texts and tables, docxtpl
   render, save) against a bare docxtpl render + save of the same template with the same, ready-made context:
   what drafting adds on top of docxtpl itself. Aim: at most 1.5×.
2. ``draft_file`` for specs with 2, 10 and 50 members, generated from a regime's sample
   (``gongjian.templates.samples.scaled_sample``); the time per added member should stay flat (linear growth).

Times are medians of N runs in this process after one warm-up run (the clause templates compile once per process;
the cold first run is printed too).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

from gongjian import load_library
from gongjian.api import draft_file
from gongjian.templates import render
from gongjian.templates.samples import sample_path, scaled_sample
from gongjian.templates.spec import load_spec


def median_time(func, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bare_docxtpl(context: dict, out: Path) -> None:
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(str(render.TEMPLATE))
    tpl.render(context, autoescape=True)
    tpl.save(str(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--regime", default="jl-industry-center",
                        help="sample to scale (a regime without composition rules, so that 2 members validate)")
    args = parser.parse_args()
    library = load_library()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        out = tmp / "协议.docx"
        spec = sample_path(args.regime)

        start = time.perf_counter()
        draft_file(spec, out, force=True, library=library)
        cold = time.perf_counter() - start
        agreement = load_spec(spec, library)
        context = render._docx_context(agreement, library, render.build_articles(agreement, library))
        bare = median_time(lambda: bare_docxtpl(context, tmp / "bare.docx"), args.runs)
        ours = median_time(lambda: draft_file(spec, out, force=True, library=library), args.runs)
        members = len(agreement.members)
        print(f"sample {args.regime} ({members} members), median of {args.runs} runs")
        print(f"  draft_file (validate + clauses + tables + docxtpl + save) {ours * 1000:8.1f} ms"
              f"   (first run in this process {cold * 1000:.1f} ms)")
        print(f"  bare docxtpl render + save, same template and context  {bare * 1000:8.1f} ms")
        print(f"  ratio {ours / bare:.2f}x   (aim <= 1.50x)")

        print("\nmembers  draft ms  per member ms  ms per added member  bare docxtpl ms  ratio")
        previous = None
        for n in (2, 10, 50):
            path = tmp / f"spec{n}.yaml"
            path.write_text(yaml.safe_dump(scaled_sample(args.regime, n), allow_unicode=True, sort_keys=False),
                            "utf-8")
            draft_file(path, tmp / f"out{n}.docx", force=True, library=library)  # warm-up
            t = median_time(lambda p=path, n=n: draft_file(p, tmp / f"out{n}.docx", force=True, library=library),
                            args.runs)
            scaled = load_spec(path, library)
            ctx = render._docx_context(scaled, library, render.build_articles(scaled, library))
            b = median_time(lambda c=ctx: bare_docxtpl(c, tmp / "bare.docx"), args.runs)
            step = "" if previous is None else f"{(t - previous[1]) * 1000 / (n - previous[0]):.2f}"
            print(f"{n:7d} {t * 1000:9.1f} {t * 1000 / n:13.2f} {step:>20} {b * 1000:16.1f} {t / b:6.2f}x")
            previous = (n, t)
    return 0


if __name__ == "__main__":
    sys.exit(main())
