"""``scriptgen check``: report errors and warnings in marked-up sources."""

from __future__ import annotations

import click

from ..errors import MarkupError
from . import get_settings, verbosity_options
from .inputs import STDIN, expand, read

__all__ = ["check"]


def check_file(name: str, strict: bool) -> tuple[int, int, list[str]]:
    """Errors, warnings and printed reports for one file (``-``: standard input)."""
    from ..parser import parse_bytes
    from ..source import decode_source
    from ..validation import validate

    data = read(name)
    if isinstance(data, str):
        return 1, 0, [data]
    if name == STDIN:
        name = "<stdin>"
    try:
        document = parse_bytes(data, name)
    except MarkupError as error:
        return 1, 0, [error.format()]
    text = decode_source(data, name)
    lines = text.split("\n")
    warnings = validate(document, text)
    severity = "error" if strict else "warning"
    reports = [w.format(name, lines).replace(": warning: ", f": {severity}: ", 1) for w in warnings]
    return 0, len(warnings), reports


@click.command(
    epilog="Example: scriptgen check seeds/*.fountain --strict",
)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--strict", is_flag=True, help="Count warnings as errors (exit status 2).")
@verbosity_options
@click.pass_context
def check(
    ctx: click.Context, paths: tuple[str, ...], strict: bool, quiet: bool, verbose: bool
) -> None:
    """Check marked-up files for errors and warnings.

    Every problem is printed as FILE:LINE:COLUMN, the line and a caret.
    Exit status: 0 clean (or warnings only), 2 errors (or warnings with --strict).
    Directories are searched for .fountain files; "-" reads standard input.
    """
    settings = get_settings(ctx, quiet, verbose)
    files = expand(paths)
    errors = warnings = 0
    for name in files:
        file_errors, file_warnings, reports = check_file(name, strict)
        errors += file_errors
        warnings += file_warnings
        for report in reports:
            click.echo(report)
    if not settings.quiet:
        noun = "file" if len(files) == 1 else "files"
        click.echo(
            f"checked {len(files)} {noun}: {errors} with errors, {warnings} warnings", err=True
        )
    if errors or (strict and warnings):
        raise SystemExit(2)
