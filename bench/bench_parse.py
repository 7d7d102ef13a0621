"""Parse benchmark: parse + resolve a feature-length script, and CLI start-up.

Run from the repository: ``python bench/bench_parse.py``. Prints a table:
median time to parse and resolve a generated feature-length screenplay
(about 150 KB) in-process, its throughput in MB/s, a ten-times-longer script
for linear growth, and the wall time of ``scriptgen --help``.
Targets: parse + resolve of 150 KB in 60 ms or less; ``--help`` under 150 ms.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import screenplay  # noqa: E402

from scriptgen.parser import parse  # noqa: E402


def median_seconds(action: object, runs: int, clock: object = time.perf_counter) -> float:
    """Median time of ``runs`` calls of ``action`` on ``clock`` (wall time by default)."""
    times = []
    for _ in range(runs):
        start = clock()  # type: ignore[operator]
        action()  # type: ignore[operator]
        times.append(clock() - start)  # type: ignore[operator]
    return statistics.median(times)


def help_seconds(runs: int) -> float:
    """Median wall time of ``python -m scriptgen --help`` in a fresh process."""
    command = [sys.executable, "-m", "scriptgen", "--help"]
    subprocess.run(command, check=True, capture_output=True, cwd=HERE.parent)
    return median_seconds(
        lambda: subprocess.run(command, check=True, capture_output=True, cwd=HERE.parent), runs
    )


def main() -> None:
    """Print the benchmark table."""
    feature = screenplay(120)
    long = feature * 10
    parse(feature)  # build the parser once, as a long-running process would
    rows = []
    for label, text, runs in (("feature (120 pages)", feature, 15), ("10 x feature", long, 3)):
        wall = median_seconds(lambda text=text: parse(text), runs)
        cpu = median_seconds(lambda text=text: parse(text), runs, time.process_time)
        size = len(text.encode("utf-8"))
        rows.append(
            (
                label,
                f"{size / 1000:.0f} KB",
                f"{wall * 1000:.1f} ms",
                f"{cpu * 1000:.1f} ms",
                f"{size / wall / 1e6:.2f} MB/s",
            )
        )
    rows.append(("scriptgen --help", "", f"{help_seconds(7) * 1000:.0f} ms", "", ""))
    header = ("what", "size", "median wall", "median CPU", "throughput")
    widths = [max(len(r[i]) for r in [*rows, header]) for i in range(len(header))]
    for row in (header, *rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    print("\ntargets: feature parse + resolve <= 60 ms; scriptgen --help < 150 ms")


if __name__ == "__main__":
    main()
