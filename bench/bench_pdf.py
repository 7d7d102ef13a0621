"""How fast scriptgen turns a feature-length screenplay into a PDF, beside its peers.

Run from anywhere: ``python bench/bench_pdf.py`` (``--help`` for options).

It writes a generated 120-page screenplay (bench/corpus.py) and the same
script ten times over, then times, in the same run and on the same input:

* scriptgen in-process (parse + paginate + draw), median of several runs;
* scriptgen end to end through its command line (``python -m scriptgen
  render IN --format pdf -o OUT``), median of several runs;
* screenplain (PyPI) and afterwriting (npm), end to end through their
  command lines;
* where scriptgen's own command-line time goes, phase by phase: starting
  Python, importing what ``render`` uses, parsing, flow and pagination,
  drawing, and reportlab writing the file (``--no-phases`` skips this).

The peers are installed on first run into bench/.peers/ (git-ignored): a
virtual environment for screenplain, an npm prefix for afterwriting. A peer
that cannot be installed is reported and skipped.

The command lines are run in turn, round after round, so a slow spell on a
shared machine falls on every tool alike.

Wall-clock time is what a writer waits for; CPU time (user + system of the
process and its children) is printed beside it because it is steadier on a
busy machine. Nothing is asserted: the script prints a table.
"""

from __future__ import annotations

import argparse
import functools
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
import venv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PEERS = BENCH / ".peers"
WORK = BENCH / ".work"

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from corpus import screenplay  # noqa: E402


@dataclass
class Timing:
    """One row of the table."""

    tool: str
    how: str
    script: str
    pages: int | None
    wall: float
    cpu: float


def _pages(path: Path) -> int | None:
    try:
        import pypdf

        return len(pypdf.PdfReader(str(path)).pages)
    except Exception:  # a peer's odd PDF must not stop the benchmark
        return None


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _environment() -> dict[str, str]:
    """The environment for timed commands: Python may cache compiled modules.

    Some shells and containers set PYTHONDONTWRITEBYTECODE, which makes every
    run of a Python tool recompile all its modules; an installed tool on a
    writer's machine has its bytecode cached, so the benchmark allows it
    (the warm-up run writes the cache).
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _run_command(argv: list[str], runs: int, cwd: Path) -> tuple[float, float]:
    """Median wall and CPU seconds of ``runs`` runs of a command, after one warm-up run."""
    (result,) = _run_interleaved([(argv, cwd)], runs)
    if isinstance(result, RuntimeError):
        raise result
    return result


def _run_interleaved(
    commands: list[tuple[list[str], Path]], runs: int
) -> list[tuple[float, float] | RuntimeError]:
    """Median wall and CPU seconds of each command, run in turn ``runs`` times over.

    Each round runs every command once, so a slow spell on a shared machine
    falls on all of them alike instead of on whichever tool was running then.
    A command that fails is reported as its error and not run again.
    """
    env = _environment()
    times: list[tuple[list[float], list[float]] | RuntimeError] = []
    for argv, cwd in commands:  # warm-up: bytecode caches, the disk cache
        try:
            subprocess.run(argv, cwd=cwd, capture_output=True, env=env)
        except OSError as exc:  # the program is gone since it was installed
            times.append(RuntimeError(f"{argv[0]}: {exc}"))
            continue
        times.append(([], []))
    for _ in range(runs):
        for index, (argv, cwd) in enumerate(commands):
            slot = times[index]
            if isinstance(slot, RuntimeError):
                continue
            cpu0 = _children_cpu()
            start = time.perf_counter()
            done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, env=env)
            slot[0].append(time.perf_counter() - start)
            slot[1].append(_children_cpu() - cpu0)
            if done.returncode != 0:
                times[index] = RuntimeError(f"{' '.join(argv)} failed:\n{done.stderr[-2000:]}")
    return [
        slot
        if isinstance(slot, RuntimeError)
        else (statistics.median(slot[0]), statistics.median(slot[1]))
        for slot in times
    ]


def _run_inprocess(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(runs):
        cpu0 = time.process_time()
        start = time.perf_counter()
        fn()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu0)
    return statistics.median(walls), statistics.median(cpus)


# -- peers ---------------------------------------------------------------------


def scriptgen_command() -> list[str] | None:
    """scriptgen installed from this checkout into its own environment, as a writer has it.

    The peers run from their own environments; so does this row, which keeps
    this machine's crowded system site-packages out of scriptgen's start-up.
    The environment is made on first use and this checkout reinstalled each run.
    """
    env = PEERS / "scriptgen"
    exe = env / "bin" / "scriptgen"
    pip = [str(env / "bin" / "python"), "-m", "pip", "install", "-q"]
    if not exe.exists():
        print("installing scriptgen into bench/.peers/scriptgen ...", file=sys.stderr)
        venv.create(env, with_pip=True, clear=True)
    else:
        pip += ["--no-deps", "--force-reinstall"]
    done = subprocess.run([*pip, str(ROOT)], capture_output=True, text=True)
    if done.returncode != 0 or not exe.exists():
        print(f"scriptgen could not be installed:\n{done.stderr[-800:]}", file=sys.stderr)
        return None
    return [str(exe)]


def screenplain_command() -> list[str] | None:
    """The screenplain executable in its own environment, installed on first use."""
    env = PEERS / "screenplain"
    exe = env / "bin" / "screenplain"
    if not exe.exists():
        print("installing screenplain into bench/.peers/screenplain ...", file=sys.stderr)
        venv.create(env, with_pip=True, clear=True)
        pip = [str(env / "bin" / "python"), "-m", "pip", "install", "-q"]
        done = subprocess.run([*pip, "screenplain[PDF]"], capture_output=True, text=True)
        if done.returncode != 0 or not exe.exists():
            print(f"screenplain could not be installed:\n{done.stderr[-800:]}", file=sys.stderr)
            return None
    return [str(exe), "--format", "pdf"]


def afterwriting_command() -> list[str] | None:
    """afterwriting's command-line script in its own npm prefix, installed on first use."""
    prefix = PEERS / "afterwriting"
    script = prefix / "node_modules" / "afterwriting" / "awc.js"
    node = shutil.which("node")
    if node is None:
        print("afterwriting needs node, which is not installed", file=sys.stderr)
        return None
    if not script.exists():
        npm = shutil.which("npm")
        if npm is None:
            print("afterwriting needs npm, which is not installed", file=sys.stderr)
            return None
        print("installing afterwriting into bench/.peers/afterwriting ...", file=sys.stderr)
        prefix.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            [npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "afterwriting"],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0 or not script.exists():
            print(f"afterwriting could not be installed:\n{done.stderr[-800:]}", file=sys.stderr)
            return None
    return [node, str(script)]


def _screenplain_argv(command: list[str], src: Path, out: Path) -> list[str]:
    return [*command, str(src), str(out)]


def _afterwriting_argv(command: list[str], src: Path, out: Path) -> list[str]:
    return [*command, "--source", str(src), "--pdf", str(out), "--overwrite"]


# -- the benchmark ---------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=120, help="size of the script (pages)")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument(
        "--scale", type=int, default=10, help="the large script is this many times the small one"
    )
    parser.add_argument("--no-peers", action="store_true", help="time scriptgen only")
    parser.add_argument(
        "--no-phases", action="store_true", help="skip the phase-by-phase breakdown"
    )
    args = parser.parse_args()

    from scriptgen.parser import parse
    from scriptgen.renderers import render

    WORK.mkdir(parents=True, exist_ok=True)
    small = WORK / f"screenplay-{args.pages}.fountain"
    large = WORK / f"screenplay-{args.pages}x{args.scale}.fountain"
    text = screenplay(args.pages)
    small.write_text(text, encoding="utf-8")
    # The large script is the small one's body repeated, under one title page.
    title, _, body = text.partition("\n\n")
    large.write_text(title + ("\n\n" + body) * args.scale, encoding="utf-8")

    peers: dict[str, Callable[[Path, Path], list[str]]] = {}
    if not args.no_peers:
        sp = screenplain_command()
        if sp is not None:
            peers["screenplain"] = functools.partial(_screenplain_argv, sp)
        aw = afterwriting_command()
        if aw is not None:
            peers["afterwriting"] = functools.partial(_afterwriting_argv, aw)

    installed = None if args.no_peers else scriptgen_command()
    rows: list[Timing] = []
    for label, path, runs in (
        ("1x", small, args.runs),
        (f"{args.scale}x", large, max(1, args.runs // 2)),
    ):
        source = path.read_text(encoding="utf-8")
        out = WORK / f"scriptgen-{label}.pdf"

        def in_process(source: str = source, out: Path = out, name: str = str(path)) -> None:
            out.write_bytes(render(parse(source, name), "pdf"))

        in_process()  # warm up: imports, font registration, the parser's cache
        wall, cpu = _run_inprocess(in_process, runs)
        rows.append(Timing("scriptgen", "in-process", label, _pages(out), wall, cpu))

        # The command lines run in turn, round after round (see _run_interleaved).
        commands: list[tuple[str, str, list[str], Path, Path]] = [
            (
                "scriptgen",
                "CLI",
                [
                    sys.executable,
                    "-m",
                    "scriptgen",
                    "render",
                    str(path),
                    "-f",
                    "pdf",
                    "-o",
                    str(out),
                ],
                ROOT,
                out,
            )
        ]
        if installed is not None:
            venv_out = WORK / f"scriptgen-venv-{label}.pdf"
            venv_argv = [*installed, "render", str(path), "-f", "pdf", "-o", str(venv_out)]
            commands.append(("scriptgen", "CLI venv", venv_argv, WORK, venv_out))
        for name, command in peers.items():
            peer_out = WORK / f"{name}-{label}.pdf"
            commands.append((name, "CLI", command(path, peer_out), WORK, peer_out))
        results = _run_interleaved([(argv, cwd) for _, _, argv, cwd, _ in commands], runs)
        for (tool, how, _, _, made), result in zip(commands, results, strict=True):
            if isinstance(result, RuntimeError):
                print(f"{tool}: {result}", file=sys.stderr)
                continue
            rows.append(Timing(tool, how, label, _pages(made), *result))

    print_table(rows, args.scale)
    if not args.no_phases:
        print_phases(small, args.runs)


#: What ``scriptgen render X --format pdf`` imports, in the order it imports it.
_RENDER_IMPORTS = (
    "import scriptgen.cli, scriptgen.cli.render, scriptgen.batch, scriptgen.parser, "
    "scriptgen.renderers.pdf; from scriptgen.pdf_fonts import load_reportlab; "
    "load_reportlab(); import reportlab.pdfgen.canvas"
)


def _timed_process(code: str, runs: int) -> float:
    """Median wall seconds of ``python -c CODE`` (bytecode cached after a warm-up run)."""
    argv = [sys.executable, "-c", code]
    return _run_command(argv, runs, ROOT)[0]


def print_phases(path: Path, runs: int) -> None:
    """Where the command line's time goes on ``path``, phase by phase (medians)."""
    import gc

    from scriptgen.paginate import paginate
    from scriptgen.parser import parse
    from scriptgen.renderers.base import RenderOptions
    from scriptgen.renderers.pdf import PdfRenderer, _PdfWriter

    runs = max(runs, 5)
    python = _timed_process("pass", runs)
    imports = _timed_process(_RENDER_IMPORTS, runs) - python
    source = path.read_text(encoding="utf-8")
    times: dict[str, list[float]] = {"parse": [], "flow + paginate": [], "draw": [], "save": []}
    for _ in range(runs + 1):  # the first round warms caches and is dropped
        start = time.perf_counter()
        document = parse(source, str(path))
        parsed = time.perf_counter()
        renderer = PdfRenderer(RenderOptions(layout_name="screenplay"))
        layout = renderer.options.layout()
        # The renderer pauses the cycle collector for these phases; so does this.
        gc.disable()
        try:
            pagination = paginate(renderer.flow(document, layout), layout)
            paginated = time.perf_counter()
            writer = _PdfWriter(layout)
            writer.info(document)
            if document.title_page is not None:
                writer.title_page(document.title_page)
            writer.body(pagination)
            drawn = time.perf_counter()
            writer.finish()
            saved = time.perf_counter()
        finally:
            gc.enable()
        for name, seconds in zip(
            times,
            (parsed - start, paginated - parsed, drawn - paginated, saved - drawn),
            strict=True,
        ):
            times[name].append(seconds)
    phases = {"start Python": python, "imports": imports}
    phases.update({name: statistics.median(values[1:]) for name, values in times.items()})
    print(f"\nscriptgen CLI on the {path.name} script, phase by phase (medians):\n")
    for name, seconds in phases.items():
        print(f"  {name:<17} {seconds * 1000:7.1f} ms")
    print(f"  {'sum':<17} {sum(phases.values()) * 1000:7.1f} ms")


def print_table(rows: list[Timing], scale: int) -> None:
    """The results, one line per tool and script size, with ratios."""
    print(
        f"\nmachine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
        "times are medians in seconds\n"
    )
    head = (
        f"{'tool':<13} {'how':<11} {'script':<6} {'pages':>5} {'wall s':>8} {'cpu s':>7}"
        f"  {'wall vs scriptgen CLI':>22}"
    )
    print(head)
    print("-" * len(head))
    # Compare with scriptgen as a writer installs it (its own venv) when that row exists.
    reference = "CLI venv" if any(r.how == "CLI venv" for r in rows) else "CLI"
    cli = {r.script: r.wall for r in rows if r.tool == "scriptgen" and r.how == reference}
    for r in rows:
        ratio = f"{r.wall / cli[r.script]:.1f}x" if r.script in cli else ""
        pages = "?" if r.pages is None else str(r.pages)
        print(
            f"{r.tool:<13} {r.how:<11} {r.script:<6} {pages:>5} {r.wall:>8.3f} {r.cpu:>7.3f}"
            f"  {ratio:>22}"
        )
    print(f"(ratios against scriptgen {reference})\n")
    for tool, how in dict.fromkeys((r.tool, r.how) for r in rows):
        one = next((r for r in rows if (r.tool, r.how, r.script) == (tool, how, "1x")), None)
        big = next((r for r in rows if (r.tool, r.how, r.script) == (tool, how, f"{scale}x")), None)
        if one and big:
            print(
                f"growth {tool} {how}: {scale}x the script took {big.wall / one.wall:.1f}x the "
                f"wall time, {big.cpu / one.cpu:.1f}x the CPU time"
            )


if __name__ == "__main__":
    main()
