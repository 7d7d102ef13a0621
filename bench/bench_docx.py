"""DOCX export speed for a feature-length screenplay, in-process.

Generates a screenplay of about 120 pages with ``bench/corpus.py``, parses it
once, then times ``render(document, "docx")`` several times and prints a
table: the median and best time for Word's own pagination and for the
paginator's breaks carried over (``carry_pagination``), with the page count
and the file size. The target is under 1 s for the 120-page script; nothing
is asserted.

    python3 bench/bench_docx.py                # 120 pages, 7 runs each
    python3 bench/bench_docx.py --pages 240 --repeat 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pages", type=int, default=120, help="length of the generated script")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per row")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import screenplay

    from scriptgen.flow import build_flow
    from scriptgen.paginate import paginate
    from scriptgen.parser import parse
    from scriptgen.renderers import RenderOptions, render

    document = parse(screenplay(args.pages), "corpus.fountain")
    options = RenderOptions(layout_name="screenplay")
    pages = len(paginate(build_flow(document, options.layout()), options.layout()).pages)
    render(document, "docx", options)  # warm up: imports, the template, the parser cache

    rows = []
    for label, carry in (("Word paginates", False), ("paginator breaks carried", True)):
        opts = RenderOptions(layout_name="screenplay", carry_pagination=carry)
        times = []
        size = 0
        for _ in range(args.repeat):
            start = time.perf_counter()
            data = render(document, "docx", opts)
            times.append(time.perf_counter() - start)
            size = len(data)
        rows.append((label, statistics.median(times), min(times), size))

    print(f"DOCX export, {pages}-page screenplay, {args.repeat} runs each (in-process)")
    print()
    print(f"{'mode':<26} {'median s':>9} {'best s':>8} {'size KB':>8} {'target':>8}")
    print("-" * 63)
    for label, median, best, size in rows:
        verdict = "ok" if median < 1.0 else "SLOW"
        print(f"{label:<26} {median:>9.3f} {best:>8.3f} {size / 1024:>8.0f} {verdict:>8}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
