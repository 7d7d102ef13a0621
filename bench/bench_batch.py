"""Batch export speed: N treatments to PDF with ``--jobs 1`` and with every core.

Builds a batch from the bundled seeds (each copy retitled, so no two files
are the same document), then times ``scriptgen render DIR --format pdf``
as a real process, once in-process (``--jobs 1``) and once on all cores,
and prints a table: the whole command's wall time (start-up included), the
batch time the command reports itself, the CPU time of the command and its
workers, and the speed-up of each.

    python3 bench/bench_batch.py            # 120 treatments
    python3 bench/bench_batch.py -n 300 --repeat 3

Nothing is asserted; on 2 otherwise idle cores the batch speed-up should be
at least 1.7. A calibration line shows what pure CPU work gains on the same
machine at the same time, since other load caps any batch's speed-up.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work" / "batch"


def make_batch(count: int, into: Path) -> list[Path]:
    """``count`` retitled copies of the seeds in ``into``."""
    sys.path.insert(0, str(ROOT))
    from scriptgen.resources import data_dir

    seeds = sorted(data_dir("seeds").glob("*.fountain"))
    if not seeds:
        raise SystemExit("no seeds to build a batch from")
    shutil.rmtree(into, ignore_errors=True)
    into.mkdir(parents=True)
    made = []
    for index in range(count):
        seed = seeds[index % len(seeds)]
        text = seed.read_text(encoding="utf-8")
        text = re.sub(r"^Title:(.*)$", rf"Title:\1 ({index + 1})", text, count=1, flags=re.M)
        path = into / f"treatment-{index + 1:03d}.fountain"
        path.write_text(text, encoding="utf-8")
        made.append(path)
    return made


def time_render(source: Path, out: Path, jobs: int) -> tuple[float, float, float]:
    """(wall seconds of the whole command, batch seconds it reports, CPU seconds) for one run.

    CPU seconds are user plus system time of the command and its workers: if
    the pool adds little work, the parallel run's CPU time stays close to the
    serial run's, whatever else the machine is doing.
    """
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "scriptgen", "render", str(source)]
    command += ["--format", "pdf", "--out", str(out), "--jobs", str(jobs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"render failed ({done.returncode}):\n{done.stderr}")
    match = re.search(r"in ([0-9.]+) s", done.stderr.strip().splitlines()[-1])
    return wall, float(match.group(1)) if match else float("nan"), cpu


def _burn(n: int) -> int:
    """Pure CPU work, for the calibration run."""
    total = 0
    for i in range(n):
        total += i * i
    return total


def machine_speedup(cores: int) -> float:
    """How much faster ``cores`` processes do pure CPU work than one, on this machine, now.

    Other load on the machine caps what any batch can gain; this number
    shows the cap next to scriptgen's own speed-up.
    """
    from concurrent.futures import ProcessPoolExecutor

    work = [2_000_000] * (4 * cores)
    started = time.perf_counter()
    for n in work:
        _burn(n)
    serial = time.perf_counter() - started
    with ProcessPoolExecutor(cores) as pool:
        list(pool.map(_burn, [1] * cores))  # start the workers before timing
        started = time.perf_counter()
        list(pool.map(_burn, work))
        parallel = time.perf_counter() - started
    return serial / parallel


def main() -> None:
    """Build the batch, time both runs, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--count", type=int, default=120, help="treatments in the batch")
    parser.add_argument("--repeat", type=int, default=1, help="runs per setting (best is kept)")
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    cores = cores or 1
    made = make_batch(args.count, WORK / "src")
    rows = []
    for jobs in (1, cores):
        runs = [time_render(WORK / "src", WORK / f"out-{jobs}", jobs) for _ in range(args.repeat)]
        wall, batch, cpu = min(runs)
        pdfs = len(list((WORK / f"out-{jobs}").glob("*.pdf")))
        rows.append((jobs, wall, batch, cpu, pdfs))
    base_wall, base_batch, base_cpu = rows[0][1], rows[0][2], rows[0][3]
    ceiling = machine_speedup(cores)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{len(made)} treatments to PDF, {cores} cores available, load average {load}")
    print(f"pure-CPU speed-up of {cores} processes on this machine now: {ceiling:.2f}")
    header = f"{'jobs':>5} {'wall s':>8} {'batch s':>8} {'CPU s':>7} {'PDFs':>5}"
    print(f"{header} {'speed-up':>9} {'batch x':>8} {'CPU eff.':>9}")
    for jobs, wall, batch, cpu, pdfs in rows:
        print(
            f"{jobs:>5} {wall:>8.2f} {batch:>8.2f} {cpu:>7.2f} {pdfs:>5} "
            f"{base_wall / wall:>9.2f} {base_batch / batch:>8.2f} {base_cpu / cpu:>9.2f}"
        )
    print("CPU eff.: serial CPU time / this run's CPU time (1.00: the pool adds no work)")


if __name__ == "__main__":
    main()
