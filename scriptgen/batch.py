"""Render many sources at once, on a process pool, one failure never stopping the rest.

A :class:`Job` is one source and the files to make from it. :func:`run_job`
does one job completely (read, parse once, render every format, write each
output atomically) and *never raises* for a problem with the job: it returns
a :class:`JobResult` saying what happened, with the message already worded
for the user, because exceptions such as :class:`~scriptgen.errors.MarkupError`
do not survive the trip back from a worker process intact.

:func:`run_batch` runs jobs in-process (``workers=1``) or on a pool of
processes, hands each result to a callback as it arrives (for progress
display), and returns a :class:`Summary` whose :attr:`~Summary.exit_code`
follows scriptgen's convention: 2 if any input was bad, else 1 if any render
failed internally, else 0.

Nothing here prints; the command line decides how results are shown.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

from .errors import MarkupError, ScriptgenError
from .outputs import Source, Target, atomic_write
from .source import read_source

# The pool machinery (multiprocessing, concurrent.futures: some 10 ms of
# imports) is imported only when a pool is started, so rendering one file
# does not pay for it.
if TYPE_CHECKING:
    import multiprocessing.context
    from concurrent.futures import Future

    from .ast import Document
    from .renderers.base import RenderOptions

__all__ = [
    "AUTO_LAYOUT",
    "Job",
    "JobResult",
    "Status",
    "Summary",
    "choose_layout",
    "default_workers",
    "render_document",
    "run_batch",
    "run_job",
    "warm_up",
]


#: The layout name that means "pick one from the document" (see :func:`choose_layout`).
AUTO_LAYOUT = "auto"


def choose_layout(document: Document) -> str:
    """The shipped layout that suits ``document``: ``screenplay`` if anyone speaks, else
    ``treatment``.

    A synopsis or treatment is prose (action, cues, lyrics); a screenplay has
    dialogue. The writer overrides this with ``--layout``.
    """
    from .ast import Dialogue, DualDialogue

    for _, block in document.walk():
        if isinstance(block, Dialogue | DualDialogue):
            return "screenplay"
    return "treatment"


class Status(Enum):
    """How one job ended."""

    OK = "ok"
    """Every output written."""
    BAD_INPUT = "bad-input"
    """The user's input was at fault (markup error, unreadable file, unwritable output)."""
    FAILED = "failed"
    """scriptgen itself failed (a bug or a missing format): exit status 1."""

    @property
    def exit_code(self) -> int:
        """The exit status this outcome calls for: 0, 2 for bad input, 1 for a failure."""
        return {"ok": 0, "bad-input": 2, "failed": 1}[self.value]


@dataclass(frozen=True, slots=True)
class Job:
    """One source and the outputs to make from it."""

    source: Source
    """What to read."""
    targets: tuple[Target, ...]
    """What to write, one per format."""
    options: RenderOptions
    """Layout, paper and switches for every format."""
    data: bytes | None = None
    """The source's bytes when they were read already (standard input)."""


@dataclass(frozen=True, slots=True)
class JobResult:
    """What became of one job, ready to show to the user."""

    source: str
    """The input as messages name it."""
    status: Status
    """How it ended."""
    written: tuple[str, ...] = ()
    """Outputs written, in order."""
    message: str | None = None
    """What went wrong, for the user (a MarkupError's full report, or one line)."""
    detail: str | None = None
    """The traceback of an internal failure, shown only with ``--verbose``."""
    stdout: bytes | None = None
    """The output meant for standard output; the caller writes it."""
    seconds: float = 0.0
    """Wall time this job took."""


@dataclass(slots=True)
class Summary:
    """Counts over a whole batch."""

    rendered: int = 0
    """Sources whose outputs were all written."""
    bad_input: int = 0
    """Sources rejected for bad input."""
    failed: int = 0
    """Sources that failed inside scriptgen."""
    outputs: int = 0
    """Output files written."""
    seconds: float = 0.0
    """Wall time of the batch."""
    results: list[JobResult] = field(default_factory=list)
    """Every job's result, in the order the jobs were given."""

    @property
    def exit_code(self) -> int:
        """2 if any input was bad, else 1 if anything failed, else 0."""
        if self.bad_input:
            return 2
        if self.failed:
            return 1
        return 0

    def add(self, result: JobResult) -> None:
        """Count ``result`` in."""
        self.results.append(result)
        self.outputs += len(result.written)
        if result.status is Status.OK:
            self.rendered += 1
        elif result.status is Status.BAD_INPUT:
            self.bad_input += 1
        else:
            self.failed += 1


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


#: A tiny source touching the common elements, rendered once before forking.
_WARM_UP_SOURCE = """\
Title: Warm-up
Cast:
    ANNA: a singer

.STAGE - NIGHT

Anna sings ♪"Song"(ANNA) to an *empty* room.

ANNA
(quietly)
Hello.
"""


def warm_up(formats: Sequence[str], options: RenderOptions | None = None) -> None:
    """Load the parser and the renderers of ``formats``, and render a tiny document once.

    Called before a pool forks, so that every worker starts with the modules
    imported and their caches (fonts, styles, the grammar's parser) filled,
    instead of paying for that once per process. Any failure here is left
    for :func:`run_job` to report, one clear message per job.
    """
    import importlib

    from .renderers import FORMATS
    from .renderers.base import RenderOptions

    names = ["scriptgen.parser"]
    modules = (FORMATS[f].partition(":")[0] for f in formats if f in FORMATS)
    names += [f"scriptgen.renderers.{module}" for module in modules]
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # reported per job by run_job
            continue
    try:
        from .parser import parse

        document = parse(_WARM_UP_SOURCE)
    except Exception:  # reported per job by run_job
        return
    options = options or RenderOptions()
    if options.layout_name == AUTO_LAYOUT:
        options = dataclasses.replace(options, layout_name=choose_layout(document))
    for fmt in formats:
        try:
            render_document(document, fmt, options)
        except Exception:  # reported per job by run_job
            continue


class _FormatMissing(Exception):
    """A format's module is absent: scriptgen's fault, not the user's (exit 1)."""


def render_document(document: Document, fmt: str, options: RenderOptions) -> bytes:
    """``document`` in format ``fmt``; a format whose module is missing raises _FormatMissing."""
    from .renderers import FORMATS, get_renderer

    module = "scriptgen.renderers." + FORMATS[fmt].partition(":")[0]
    try:
        renderer = get_renderer(fmt)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            raise _FormatMissing(f"the {fmt} format is not available in this installation") from exc
        raise
    return renderer(options).render(document)


def run_job(job: Job) -> JobResult:
    """Do ``job`` completely and say what happened; never raises for the job's own problems."""
    started = time.perf_counter()
    source = job.source
    written: list[str] = []
    stdout: bytes | None = None

    def result(status: Status, message: str | None = None, detail: str | None = None) -> JobResult:
        return JobResult(
            source.display,
            status,
            tuple(written),
            message,
            detail,
            stdout,
            time.perf_counter() - started,
        )

    try:
        from .parser import parse_bytes

        data = job.data
        if data is None:
            assert source.path is not None
            data = read_source(source.path)
        document = parse_bytes(data, source.display)
        if document.title_page is None and not document.body:
            # A blank page would replace the last good output with nothing.
            raise MarkupError(
                "this file has no text, so there is nothing to render",
                1,
                1,
                "",
                hint="write a scene, or check that this is the file you meant",
            )
        options = job.options
        if options.layout_name == AUTO_LAYOUT:
            options = dataclasses.replace(options, layout_name=choose_layout(document))
        for target in job.targets:
            output = render_document(document, target.fmt, options)
            if target.path is None:
                stdout = output
            else:
                atomic_write(target.path, output)
                written.append(str(target.path))
    except MarkupError as exc:
        if exc.path is None:
            exc.with_path(source.display)
        return result(Status.BAD_INPUT, exc.format())
    except ScriptgenError as exc:
        return result(Status.BAD_INPUT, str(exc))
    except _FormatMissing as exc:
        return result(Status.FAILED, f"{source.display}: {exc}")
    except Exception as exc:
        import traceback

        # A bug in scriptgen: one line for the user, the traceback for --verbose.
        first_line = next(iter(str(exc).splitlines()), "")
        return result(
            Status.FAILED,
            f"{source.display}: internal error: {type(exc).__name__}: {first_line}",
            traceback.format_exc(),
        )
    return result(Status.OK)


def run_batch(
    jobs: Sequence[Job],
    workers: int = 0,
    on_result: Callable[[JobResult], None] | None = None,
) -> Summary:
    """Run every job, ``workers`` at a time (0: all cores; 1: in this process).

    ``on_result`` sees each result as it arrives (completion order); the
    summary lists them in the jobs' order. A worker process that dies (killed,
    out of memory) fails only the jobs it had not finished.
    """
    started = time.perf_counter()
    workers = workers or default_workers()
    workers = max(1, min(workers, len(jobs)))
    results: list[JobResult | None] = [None] * len(jobs)

    def done(index: int, result: JobResult) -> None:
        results[index] = result
        if on_result is not None:
            on_result(result)

    if workers == 1:
        for index, job in enumerate(jobs):
            done(index, run_job(job))
    else:
        _run_pool(jobs, workers, done)

    summary = Summary()
    for item in results:
        assert item is not None
        summary.add(item)
    summary.seconds = time.perf_counter() - started
    return summary


def _pool_context() -> multiprocessing.context.BaseContext:
    """Fork where it is available: workers inherit the imported parser and renderers."""
    import multiprocessing

    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _ignore_interrupts() -> None:
    """Worker set-up: Ctrl-C is the parent's to handle.

    The terminal sends SIGINT to the whole process group. A worker that took
    it would abandon its file half-way and go on to the next job; instead it
    finishes the job in hand while the parent stops handing out new ones.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_pool(jobs: Sequence[Job], workers: int, done: Callable[[int, JobResult], None]) -> None:
    """Run ``jobs`` on a process pool, reporting each to ``done`` as it finishes.

    Only a few jobs per worker are handed out at a time, so that on Ctrl-C
    the batch stops after the jobs in hand rather than after all of them.
    """
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    warm_up(sorted({t.fmt for job in jobs for t in job.targets}), jobs[0].options)
    executor = ProcessPoolExecutor(
        max_workers=workers, mp_context=_pool_context(), initializer=_ignore_interrupts
    )
    queue = iter(enumerate(jobs))
    pending: dict[Future[JobResult], int] = {}

    def died(index: int) -> JobResult:
        name = jobs[index].source.display
        message = f"{name}: the worker process rendering it stopped unexpectedly"
        return JobResult(name, Status.FAILED, message=message)

    def top_up() -> None:
        while len(pending) < 2 * workers:
            item = next(queue, None)
            if item is None:
                return
            index, job = item
            try:
                pending[executor.submit(run_job, job)] = index
            except BrokenProcessPool:
                done(index, died(index))

    try:
        top_up()
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                index = pending.pop(future)
                try:
                    result = future.result()
                except BrokenProcessPool:
                    result = died(index)
                done(index, result)
            top_up()
    finally:
        # After Ctrl-C this waits only for the jobs in hand, each written whole.
        executor.shutdown(wait=True, cancel_futures=True)
