"""``scriptgen watch``: re-render sources whenever they are saved.

Everything named on the command line is rendered once at start, then each
source is rendered again when it changes on disk, and every source when the
``--layout`` file changes. Errors print in the
``file:line:col: error: message`` form that editors and terminals turn into
links, and watching goes on. Ctrl-C stops it cleanly (exit status 0).

Files are watched through their directories, not as single files: editors
save by writing a new file and renaming it over the old one, which a watch
on the old file would miss.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import ScriptgenError
from ..outputs import SOURCE_SUFFIX, STDIO, OutputError, Source, collect_inputs, glob_root
from . import Settings, get_settings, verbosity_options
from .render import (
    DEFAULT_FORMATS,
    DEFAULT_OUT,
    ResultPrinter,
    fail,
    make_render_options,
    parse_formats,
    render_options,
)

if TYPE_CHECKING:
    from ..renderers.base import RenderOptions

__all__ = ["Watcher", "watch"]


class Watcher:
    """Renders the sources named by some PATHs, now and whenever they change."""

    def __init__(
        self,
        paths: Sequence[str],
        formats: Sequence[str],
        out_dir: Path,
        options: RenderOptions,
        printer: ResultPrinter,
    ) -> None:
        self.paths = list(paths)
        self.formats = list(formats)
        self.out_dir = out_dir
        self.options = options
        self.printer = printer

    @property
    def layout_file(self) -> Path | None:
        """The ``--layout`` file, resolved, when the layout is a file rather than a name."""
        candidate = Path(self.options.layout_name)
        return candidate.resolve() if candidate.is_file() else None

    def sources(self) -> list[Source]:
        """The sources the PATHs name right now (files come and go while watching)."""
        return collect_inputs(self.paths, exclude=self.out_dir)

    def roots(self) -> list[Path]:
        """The directories to watch: each directory PATH, each file's folder, each glob's root."""
        roots: list[Path] = []
        for arg in self.paths:
            path = Path(arg)
            if path.is_dir():
                roots.append(path)
            elif path.is_file():
                roots.append(path.parent)
            else:
                roots.append(glob_root(arg))
        if self.layout_file is not None:
            roots.append(self.layout_file.parent)
        return list(dict.fromkeys(r.resolve() for r in roots))

    def render(self, sources: Iterable[Source]) -> int:
        """Render ``sources`` in this process, printing each result; the worst exit status."""
        from ..batch import Job, run_job
        from ..outputs import plan_outputs

        chosen = list(sources)
        if not chosen:
            return 0
        worst = 0
        try:
            plan = plan_outputs(chosen, self.formats, self.out_dir)
        except OutputError as exc:
            self.printer.say(f"error: {exc}", style="red")
            return 2
        for source, targets in zip(chosen, plan, strict=True):
            result = run_job(Job(source, tuple(targets), self.options))
            self.printer(result)
            worst = max(worst, result.status.exit_code)
        return worst

    def render_changed(self, changed: set[Path]) -> int:
        """Render the sources among ``changed`` (resolved paths), or all of them when the
        layout file changed; the worst exit status."""
        try:
            current = self.sources()
        except OutputError as exc:
            # A watched file was deleted or renamed: say so, keep watching the rest.
            self.printer.say(f"error: {exc}", style="red")
            return 2
        if self.layout_file is not None and self.layout_file in changed:
            try:
                self.options.layout()
            except (ScriptgenError, OSError) as exc:
                self.printer.say(f"error: --layout {self.options.layout_name}: {exc}", style="red")
                return 2
            return self.render(current)
        return self.render(s for s in current if s.path and s.path.resolve() in changed)

    def is_relevant(self, path: str) -> bool:
        """Whether a change to ``path`` could concern a source or the layout file (not an
        output, not a temporary file)."""
        candidate = Path(path)
        if self.layout_file is not None and candidate.resolve() == self.layout_file:
            return True
        if candidate.suffix != SOURCE_SUFFIX or candidate.name.startswith("."):
            return False
        return not candidate.resolve().is_relative_to(self.out_dir.resolve())

    def loop(self, stop: threading.Event | None = None, debounce_ms: int = 200) -> None:
        """Watch until ``stop`` is set or Ctrl-C; render what changes."""
        from watchfiles import Change, watch

        # watchfiles logs its own "KeyboardInterrupt caught" warning; Ctrl-C is the normal way out.
        logging.getLogger("watchfiles").setLevel(logging.ERROR)
        for changes in watch(
            *self.roots(),
            watch_filter=lambda change, path: change != Change.deleted and self.is_relevant(path),
            debounce=debounce_ms,
            stop_event=stop,
            raise_interrupt=False,
        ):
            self.render_changed({Path(path).resolve() for _, path in changes})


@click.command(
    epilog="""\b
Examples:
  scriptgen watch act1.fountain                 # output/act1.pdf, .docx, .fountain
  scriptgen watch drafts/ --format pdf --out build/

\b
Errors print as file:line:col: error: message; watching goes on.
Ctrl-C stops watching (exit status 0).
"""
)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...", type=click.Path())
@render_options
@verbosity_options
@click.pass_context
def watch(
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
    **switches: bool | None,
) -> None:
    """Render PATHs (files, directories, globs) now and again each time one
    is saved, until Ctrl-C.

    Takes the same options as render; outputs go to --out (default output/).
    """
    settings: Settings = get_settings(ctx, quiet, verbose)
    if STDIO in paths:
        fail(settings, "watch reads files; standard input ('-') cannot be watched")
    chosen = parse_formats(formats) or list(DEFAULT_FORMATS)
    out = Path(out_dir or DEFAULT_OUT)
    try:
        options = make_render_options(layout, paper, with_reports, carry_pagination, switches)
        sources = collect_inputs(paths, exclude=out)
    except OutputError as exc:
        fail(settings, str(exc))
    printer = ResultPrinter(settings, total=1)
    watcher = Watcher(paths, chosen, out, options, printer)
    try:
        watcher.render(sources)
        if not settings.quiet:
            roots = ", ".join(str(r) for r in watcher.roots())
            printer.say(f"watching {roots} (Ctrl-C to stop)")
        watcher.loop()
    except KeyboardInterrupt:
        pass
    if not settings.quiet:
        printer.say("stopped watching")
