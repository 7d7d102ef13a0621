"""The ``scriptgen`` command line.

Each command lives in its own module and is imported only when it runs or
when help lists it; no command module imports a renderer at import time, so
``scriptgen --help`` stays fast.
"""

from __future__ import annotations

import importlib
import sys

import click

from .. import __version__

__all__ = ["main"]

#: Command name -> module in this package defining a click command of that name.
COMMANDS: dict[str, str] = {
    "render": "render",
    "check": "check",
    "fmt": "fmt",
    "watch": "watch",
    "report": "report",
}


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


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Example: scriptgen render seeds/ --format all --out output/",
)
@click.version_option(__version__, prog_name="scriptgen")
def cli() -> None:
    """Turn marked-up synopses (Fountain plus cast, mentions and musical cues)
    into Fountain, PDF and DOCX treatments and screenplays."""


def main() -> None:
    """Entry point of the ``scriptgen`` console script."""
    try:
        cli.main(prog_name="scriptgen")
    except KeyboardInterrupt:  # pragma: no cover - interactive
        sys.exit(130)
