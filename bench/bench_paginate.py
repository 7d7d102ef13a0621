"""Flow and pagination speed, and how it grows with the script.

Generates screenplays of 12, 120 and 1200 pages with ``bench/corpus.py``,
parses each once, then times :func:`scriptgen.flow.build_flow` and
:func:`scriptgen.paginate.paginate` (best of ``--repeat`` runs) under the
screenplay and treatment layouts, and prints a table: pages, milliseconds
for each stage, and microseconds per page, which should stay about flat as
the script grows ten times.

    python3 bench/bench_paginate.py
    python3 bench/bench_paginate.py --repeat 10 --pages 60 600

Nothing is asserted.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def best_of(repeat: int, action: Callable[..., T], *args: Any) -> tuple[float, T]:
    """The fastest of ``repeat`` calls of ``action(*args)`` in seconds, and its result."""
    best = float("inf")
    result = action(*args)
    for _ in range(repeat):
        start = time.perf_counter()
        result = action(*args)
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[12, 120, 1200])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from corpus import screenplay

    from scriptgen.flow import build_flow
    from scriptgen.layout import load_layout
    from scriptgen.paginate import paginate
    from scriptgen.parser import parse

    layouts = [load_layout("screenplay"), load_layout("treatment")]
    header = f"{'script':>8} {'layout':<11} {'pages':>6} {'flow ms':>8} {'paginate ms':>12}"
    print(header + f" {'us/page':>8}")
    print("-" * (len(header) + 9))
    for size in args.pages:
        document = parse(screenplay(size), f"corpus-{size}.fountain")
        for layout in layouts:
            flow_s, flow = best_of(args.repeat, build_flow, document, layout)
            page_s, pagination = best_of(args.repeat, paginate, flow, layout)
            pages = pagination.page_count
            per_page = (flow_s + page_s) / pages * 1e6
            print(
                f"{size:>8} {layout.name:<11} {pages:>6} {flow_s * 1e3:>8.1f} "
                f"{page_s * 1e3:>12.1f} {per_page:>8.0f}"
            )


if __name__ == "__main__":
    main()
