"""Cold start of the browse commands next to `python -c pass`, measured in one run.

usage: .venv/bin/python benchmarks/startup.py [--runs N]
Each command runs N times in a fresh process (the validated library cache warm, as after the first use);
the script prints the median wall time and the difference to a bare interpreter. Aim: within 0.4 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

GONGJIAN = Path(sys.executable).with_name("gongjian")
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "gongjian --help": [str(GONGJIAN), "--help"],
    "gongjian regimes": [str(GONGJIAN), "regimes"],
    "gongjian clauses": [str(GONGJIAN), "clauses"],
    "gongjian clauses show C07": [str(GONGJIAN), "clauses", "show", "C07"],
}


def median_time(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    subprocess.run([str(GONGJIAN), "regimes"], check=True, stdout=subprocess.DEVNULL)  # warm the library cache
    base = median_time(COMMANDS["python -c pass"], args.runs)
    print(f"{'command':32} {'median s':>9} {'minus python':>13} {'ratio':>7}")
    for name, cmd in COMMANDS.items():
        t = median_time(cmd, args.runs)
        print(f"{name:32} {t:9.3f} {t - base:13.3f} {t / base:7.1f}x")


if __name__ == "__main__":
    main()
