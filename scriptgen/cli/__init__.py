"""The ``scriptgen`` command line.

Each command lives in its own module and is imported only when it runs or
when help lists it; no command module imports a renderer at import time, so
``scriptgen --help`` stays fast.

Options that apply to every command sit on the group and reach the commands
through :func:`get_settings`: ``--quiet`` (errors only), ``--verbose`` (timings
and tracebacks of internal failures) and colour, which is off when the
``NO_COLOR`` environment variable is set to anything non-empty
(https://no-color.org) or when output is not a terminal.

Shell completion is click's own; enable it for bash with::

    eval "$(_SCRIPTGEN_COMPLETE=bash_source scriptgen)"

(``zsh_source`` for zsh, ``fish_source`` for fish).
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn, TypeVar

import click

from .. import __version__

__all__ = [
    "COMMANDS",
    "Settings",
    "cli",
    "end_process",
    "get_settings",
    "main",
    "verbosity_options",
]

F = TypeVar("F", bound=Callable[..., Any])

#: Command name -> module in this package defining a click command of that name.
COMMANDS: dict[str, str] = {
    "render": "render",
    "check": "check",
    "fmt": "fmt",
    "watch": "watch",
    "report": "report",
}


@dataclass(frozen=True, slots=True)
class Settings:
    """The group's options, as every command sees them."""

    quiet: bool = False
    """Print errors only: no progress, no summary."""
    verbose: bool = False
    """Print per-file timings and the tracebacks of internal failures."""
    color: bool | None = None
    """``False`` when colour is off (``NO_COLOR``); ``None`` lets the terminal decide."""


def color_from_environment() -> bool | None:
    """``False`` when ``NO_COLOR`` is set and non-empty, else ``None`` (decide by terminal)."""
    return False if os.environ.get("NO_COLOR") else None


def get_settings(
    ctx: click.Context | None = None, quiet: bool = False, verbose: bool = False
) -> Settings:
    """The group's settings for the running command (defaults when run on its own).

    ``quiet`` and ``verbose`` are the command's own ``-q``/``-v``, if it takes
    them, so that ``scriptgen render -v`` means the same as ``scriptgen -v render``.
    """
    ctx = ctx or click.get_current_context(silent=True)
    found = ctx.find_object(Settings) if ctx is not None else None
    settings = found or Settings(color=color_from_environment())
    quiet, verbose = quiet or settings.quiet, verbose or settings.verbose
    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose cannot be used together")
    return Settings(quiet=quiet, verbose=verbose, color=settings.color)


def verbosity_options(func: F) -> F:
    """``-q/--quiet`` and ``-v/--verbose`` on a command, as on the group."""
    func = click.option(
        "-v", "--verbose", is_flag=True, help="Print timings, and tracebacks of internal failures."
    )(func)
    return click.option("-q", "--quiet", is_flag=True, help="Print errors only.")(func)


class LazyGroup(click.Group):
    """A group whose commands are imported when first needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = COMMANDS.get(cmd_name)
        if module_name is None:
            return None
        try:
            module = importlib.import_module(f"{__name__}.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{module_name}":
                return None
            raise
        command: click.Command = getattr(module, cmd_name.replace("-", "_"))
        return command


EPILOG = """\b
Examples:
  scriptgen render                      # the bundled seeds -> output/
  scriptgen render drafts/ --format all --out build/
  scriptgen check act1.fountain
  scriptgen watch act1.fountain --format pdf

\b
Exit status: 0 success, 1 internal failure, 2 bad input or usage.
Colour is off when NO_COLOR is set. Shell completion (bash; zsh_source and
fish_source for the others):
  eval "$(_SCRIPTGEN_COMPLETE=bash_source scriptgen)"
"""


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=EPILOG,
)
@click.version_option(__version__, prog_name="scriptgen")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.option(
    "-v", "--verbose", is_flag=True, help="Print timings, and tracebacks of internal failures."
)
@click.pass_context
def cli(ctx: click.Context, quiet: bool, verbose: bool) -> None:
    """Turn marked-up synopses (Fountain plus cast, mentions and musical cues)
    into Fountain, PDF and DOCX treatments and screenplays."""
    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose cannot be used together")
    color = color_from_environment()
    if color is False:
        ctx.color = False
    ctx.obj = Settings(quiet=quiet, verbose=verbose, color=color)


def main() -> None:
    """Entry point of the ``scriptgen`` console script; ends the process."""
    try:
        cli.main(prog_name="scriptgen")
    except KeyboardInterrupt:  # pragma: no cover - interactive
        end_process(130)
    except SystemExit as done:
        end_process(done.code)
    end_process(0)  # pragma: no cover - click's standalone mode always exits


def end_process(code: int | str | None) -> NoReturn:
    """Exit with ``code`` as ``sys.exit`` would, skipping the interpreter's teardown.

    Once a command is done, Python would spend some 30 ms (a tenth of
    rendering a feature-length script) freeing every object and module one by
    one, only for the operating system to reclaim the memory anyway. So when
    no other thread is running, the exit handlers run, the standard streams
    are flushed and the process ends at once. Otherwise (a thread still
    working, or a profiler, debugger or coverage tool watching, which reports
    as the interpreter shuts down) it exits the ordinary way.
    """
    import atexit
    import threading

    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    if threading.active_count() > 1 or sys.getprofile() or sys.gettrace():
        sys.exit(status)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            # A reader that went away (``| head``) or a closed stream: the
            # ordinary exit would report the same failure with status 120.
            if status == 0:
                status = 120
    os._exit(status)
