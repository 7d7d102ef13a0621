"""``scriptgen render``: marked-up sources to PDF, DOCX, Fountain, JSON and FDX files.

With no PATH it renders the bundled seeds into ``output/``. Many sources are
rendered in parallel (:mod:`scriptgen.batch`); every output is written
atomically (:mod:`scriptgen.outputs`). The options shared with ``watch`` are
defined here once (:func:`render_options`, :func:`make_render_options`).

Human-facing messages go to standard error, so that ``-o -`` can stream a
document on standard output.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from ..outputs import (
    EXTENSIONS,
    STDIO,
    OutputError,
    collect_inputs,
    plan_outputs,
    prepare_directory,
)
from . import Settings, get_settings, verbosity_options

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem
    from rich.console import Console

    from ..batch import Job, JobResult, Summary
    from ..renderers.base import RenderOptions

__all__ = [
    "DEFAULT_FORMATS",
    "DEFAULT_OUT",
    "ResultPrinter",
    "make_console",
    "make_render_options",
    "parse_formats",
    "render",
    "render_options",
]

#: What ``render`` makes when ``--format`` is not given.
DEFAULT_FORMATS = ("pdf", "docx", "fountain")
#: Where outputs go when ``--out`` is not given.
DEFAULT_OUT = "output"
#: Layout ``[options]`` switches offered as flags: flag name -> option name.
SWITCHES = {
    "print_notes": "Print [[notes]].",
    "print_sections": "Print # sections.",
    "print_synopses": "Print = synopsis lines.",
    "scene_numbers": "Print scene numbers in both margins.",
}

F = TypeVar("F", bound=Callable[..., Any])


def parse_formats(value: str | None) -> list[str]:
    """``pdf,docx`` -> ``["pdf", "docx"]``; ``all`` -> every format. Raises click.BadParameter."""
    if value is None:
        return []
    names: list[str] = []
    for part in value.split(","):
        name = part.strip().lower()
        if not name:
            continue
        if name == "all":
            names.extend(EXTENSIONS)
        elif name in EXTENSIONS:
            names.append(name)
        else:
            raise click.BadParameter(
                f"unknown format {name!r}; choose from {', '.join(EXTENSIONS)} or all",
                param_hint="'--format'",
            )
    return list(dict.fromkeys(names))


def _complete_layout(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """Shell completion for --layout: the shipped layouts, then .toml files."""
    from click.shell_completion import CompletionItem

    from ..layout import available_layouts

    names = [CompletionItem(n) for n in available_layouts() if n.startswith(incomplete)]
    return names or [CompletionItem(incomplete, type="file")]


def render_options(func: F) -> F:
    """The options ``render`` and ``watch`` share, added to ``func``."""
    decorators = [
        click.option(
            "-f",
            "--format",
            "formats",
            metavar="LIST",
            help="Comma-separated formats: pdf, docx, fountain, json, fdx, or all. "
            "[default: pdf,docx,fountain; with -o FILE, its extension]",
        ),
        click.option(
            "--layout",
            metavar="NAME|FILE",
            shell_complete=_complete_layout,
            help="A shipped layout (screenplay, screenplay-a4, treatment) or a layout "
            ".toml file. [default: the document's own choice]",
        ),
        click.option(
            "--paper", type=click.Choice(["letter", "a4"]), help="Override the layout's paper."
        ),
        click.option(
            "--out",
            "out_dir",
            metavar="DIR",
            type=click.Path(file_okay=False),
            help="Directory for outputs; names mirror the inputs'. [default: output]",
        ),
        click.option(
            "--with-reports", is_flag=True, help="Append scene, character and cue reports."
        ),
        click.option(
            "--carry-pagination",
            is_flag=True,
            help="DOCX: carry page breaks, (MORE) and (CONT'D) from the paginator.",
        ),
    ]
    for name, text in SWITCHES.items():
        flag = name.replace("_", "-")
        decorators.append(click.option(f"--{flag}/--no-{flag}", name, default=None, help=text))
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def make_render_options(
    layout: str | None,
    paper: str | None,
    with_reports: bool,
    carry_pagination: bool,
    switches: dict[str, bool | None],
) -> RenderOptions:
    """The RenderOptions for the command line's choices; a bad layout is an OutputError."""
    from ..batch import AUTO_LAYOUT
    from ..errors import ScriptgenError
    from ..renderers.base import RenderOptions

    options = RenderOptions(
        layout_name=layout or AUTO_LAYOUT,
        paper=paper,
        with_reports=with_reports,
        carry_pagination=carry_pagination,
        overrides={k: v for k, v in switches.items() if v is not None},
    )
    if layout:
        # Load it once now: a wrong name or a broken file is one message, not one per input.
        try:
            options.layout()
        except (ScriptgenError, OSError) as exc:
            raise OutputError(f"--layout {layout}: {exc}") from exc
    return options


def make_console(settings: Settings) -> Console:
    """A rich console on standard error that honours NO_COLOR."""
    from rich.console import Console

    return Console(
        stderr=True,
        no_color=settings.color is False or None,
        highlight=False,
        soft_wrap=True,
    )


class ResultPrinter:
    """Shows job results as they arrive: a progress bar on a terminal, plain lines otherwise."""

    def __init__(self, settings: Settings, total: int, console: Console | None = None) -> None:
        self.settings = settings
        self._console = console
        self.total = total
        self._progress: Any = None
        self._task: Any = None

    @property
    def console(self) -> Console:
        """The rich console, made on first use: rich takes some 20 ms to import, and a
        quiet or one-file render that prints nothing in colour never needs it."""
        if self._console is None:
            self._console = make_console(self.settings)
        return self._console

    def __enter__(self) -> ResultPrinter:
        # A bar only for several files, so one file never imports rich for it.
        if not self.settings.quiet and self.total > 1 and self.console.is_terminal:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self._progress = Progress(
                TextColumn("rendering"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("render", total=self.total)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def say(self, text: str, style: str | None = None) -> None:
        """One message on standard error, never read as rich markup.

        An unstyled message with no console made yet is written as it is,
        without importing rich (the usual ``rendered A -> B`` line).
        """
        if style is None and self._console is None:
            click.echo(text, err=True)
            return
        self.console.print(text, style=style, markup=False, highlight=False, emoji=False)

    def __call__(self, result: JobResult) -> None:
        """Show one finished job."""
        from ..batch import Status

        if self._progress is not None:
            self._progress.advance(self._task)
        if result.status is Status.OK:
            # Nothing to say when the output went down a pipe: keep pipelines quiet.
            if result.written and not self.settings.quiet and self._progress is None:
                line = f"rendered {result.source} -> {', '.join(result.written)}"
                if self.settings.verbose:
                    line += f" ({result.seconds:.2f} s)"
                self.say(line)
            return
        if result.written and not self.settings.quiet:
            self.say(f"wrote {', '.join(result.written)} before the failure")
        self.say(result.message or f"{result.source}: failed", style="red")
        if result.detail and self.settings.verbose:
            self.say(result.detail.rstrip())

    def summary(self, summary: Summary) -> None:
        """The closing line: how many rendered, how many failed, how long."""
        if self.settings.quiet:
            return
        parts = [f"{summary.rendered} rendered"]
        if summary.bad_input:
            parts.append(f"{summary.bad_input} with errors")
        if summary.failed:
            parts.append(f"{summary.failed} failed")
        noun = "file" if summary.outputs == 1 else "files"
        text = f"{', '.join(parts)} ({summary.outputs} {noun} written) in {summary.seconds:.1f} s"
        style = "green" if summary.exit_code == 0 else "yellow"
        self.say(text, style=style)


def _formats_for(formats: str | None, output: str | None) -> list[str]:
    """The formats asked for, inferring one from ``-o FILE``'s extension when not given."""
    chosen = parse_formats(formats)
    if chosen:
        return chosen
    if output is not None and output != STDIO:
        suffix = Path(output).suffix.lower()
        for name, extension in EXTENSIONS.items():
            if suffix == extension:
                return [name]
        raise click.BadParameter(
            f"cannot tell the format from {output!r}; add --format", param_hint="'-o'"
        )
    if output == STDIO:
        raise click.BadParameter(
            "choose the --format to write to standard output", param_hint="'-o'"
        )
    return list(DEFAULT_FORMATS)


def build_jobs(
    paths: Sequence[str],
    formats: list[str],
    out_dir: str | None,
    output: str | None,
    options: RenderOptions,
    stdin: Callable[[], bytes],
) -> list[Job]:
    """The jobs for the command line's PATHs (the seeds when there are none)."""
    from ..batch import Job
    from ..resources import data_dir

    bundled = not paths
    if bundled:
        try:
            paths = [str(data_dir("seeds"))]
        except FileNotFoundError as exc:
            raise OutputError(str(exc)) from exc
    # Standard input alone, with no -o and no --out, streams to standard output.
    streams = list(paths) == [STDIO] and output is None
    if out_dir is None and not streams:
        out_dir = DEFAULT_OUT
    out = Path(out_dir) if out_dir else None
    sources = collect_inputs(paths, exclude=out)
    if bundled:
        # Named as in the source tree, not by where pip happened to install them.
        sources = [dataclasses.replace(s, label=f"seeds/{s.relative}") for s in sources]
    plan = plan_outputs(sources, formats, out, output)
    if out is not None and output is None:
        prepare_directory(out)
    jobs = []
    for source, targets in zip(sources, plan, strict=True):
        data = stdin() if source.path is None else None
        jobs.append(Job(source, tuple(targets), options, data))
    return jobs


def _refuse_binary_to_terminal(jobs: Sequence[Job]) -> None:
    """A PDF or DOCX printed on a terminal is garbage; say so instead."""
    for job in jobs:
        for target in job.targets:
            if target.path is None and target.fmt in ("pdf", "docx") and sys.stdout.isatty():
                raise OutputError(
                    f"refusing to print a {target.fmt} file on the terminal; "
                    "redirect it (> file) or use -o FILE"
                )


@click.command(
    epilog="""\b
Examples:
  scriptgen render                                  # bundled seeds -> output/
  scriptgen render act1.fountain                    # output/act1.pdf, .docx, .fountain
  scriptgen render drafts/ 'notes/**/*.fountain' --format pdf --out build/
  scriptgen render act1.fountain -o act1.pdf --layout treatment --paper a4
  cat act1.fountain | scriptgen render - --format json -o - | jq .

\b
Exit status: 0 all rendered; 2 bad input (markup error, missing file,
unwritable output); 1 internal failure.
"""
)
@click.argument("paths", nargs=-1, metavar="[PATH]...", type=click.Path(allow_dash=True))
@render_options
@verbosity_options
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write the one output to FILE ('-': standard output). One input, one format.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    show_default="all cores",
    help="Files rendered in parallel; 1 renders in this process.",
)
@click.pass_context
def render(
    ctx: click.Context,
    /,
    paths: tuple[str, ...],
    formats: str | None,
    layout: str | None,
    paper: str | None,
    out_dir: str | None,
    with_reports: bool,
    carry_pagination: bool,
    quiet: bool,
    verbose: bool,
    output: str | None,
    jobs: int,
    **switches: bool | None,
) -> None:
    """Render PATHs (files, directories of .fountain files, globs, or - for
    standard input) to PDF, DOCX, Fountain, JSON or FDX.

    With no PATH, renders the bundled La La Land seeds into output/.
    Output names mirror the inputs' under --out; every file is written
    atomically, and an output never replaces its own input.
    """
    from ..batch import run_batch

    settings = get_settings(ctx, quiet, verbose)
    chosen = _formats_for(formats, output)
    try:
        options = make_render_options(layout, paper, with_reports, carry_pagination, switches)
        job_list = build_jobs(paths, chosen, out_dir, output, options, _read_stdin)
        _refuse_binary_to_terminal(job_list)
    except OutputError as exc:
        fail(settings, str(exc))
    printer = ResultPrinter(settings, len(job_list))
    try:
        with printer:
            summary = run_batch(job_list, jobs, printer)
    except KeyboardInterrupt:
        # Finished outputs stay; the one being written was never renamed into place.
        fail(settings, "interrupted; outputs written so far are complete", code=130)
    for result in summary.results:
        if result.stdout is not None:
            _write_stdout(result.stdout)
    if len(job_list) > 1 or settings.verbose or summary.exit_code:
        printer.summary(summary)
    ctx.exit(summary.exit_code)


def _write_stdout(data: bytes) -> None:
    """Send ``data`` down standard output; a reader that stops early (``| head``) is fine."""
    stream = sys.stdout.buffer
    try:
        stream.write(data)
        stream.flush()
    except BrokenPipeError:
        # Point stdout at /dev/null so the interpreter's final flush cannot fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _read_stdin() -> bytes:
    """All of standard input."""
    return sys.stdin.buffer.read()


def fail(settings: Settings, message: str, code: int = 2) -> NoReturn:
    """Print ``error: message`` on standard error and exit with ``code``."""
    make_console(settings).print(f"error: {message}", style="red", markup=False, highlight=False)
    raise click.exceptions.Exit(code)
