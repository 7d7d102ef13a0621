"""``scriptgen fmt``: rewrite marked-up sources in their canonical form.

The formatter never changes what a file means: ``parse(fmt(x)) == parse(x)``.
Files are replaced atomically (a temporary file in the same directory, then a
rename), and a file that is already tidy is not touched at all, so its
modification time stays as it was.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

import click

from .inputs import expand, read

__all__ = ["fmt"]

#: Exit statuses: tidy or rewritten, would change (``--check``), bad input.
EXIT_OK, EXIT_CHANGED, EXIT_BAD_INPUT = 0, 1, 2


def _diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=path,
        tofile=f"{path} (formatted)",
    )
    text = "".join(lines)
    if not text:
        return f"--- {path}\n+++ {path} (formatted)\n(line endings or byte-order mark only)\n"
    return text if text.endswith("\n") else text + "\n"


@click.command(
    epilog="Example: scriptgen fmt seeds/ --check --diff",
)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--check", is_flag=True, help="Change nothing; list files that would change and exit 1."
)
@click.option("--diff", is_flag=True, help="Change nothing; print a unified diff of the changes.")
@click.option("-q", "--quiet", is_flag=True, help="Print no summary.")
def fmt(paths: tuple[str, ...], check: bool, diff: bool, quiet: bool) -> None:
    """Rewrite marked-up files in canonical form, without changing their meaning.

    Blank lines, title-page indentation, cast alignment, cue and mention
    spelling, emphasis and escapes are made uniform; forcing characters are
    kept where written and added only where needed. Directories are searched
    for .fountain files; "-" formats standard input to standard output.

    Exit status: 0 done, 1 files would change (--check), 2 bad input
    (the file is left untouched).
    """
    from ..errors import MarkupError, ScriptgenError
    from ..fmt import format_document
    from ..outputs import atomic_write
    from ..parser import parse_bytes
    from ..source import decode_source

    status = EXIT_OK
    changed = unchanged = 0
    for name in expand(paths):
        data = read(name)
        if isinstance(data, str):
            click.echo(data, err=True)
            status = EXIT_BAD_INPUT
            continue
        try:
            formatted = format_document(parse_bytes(data, name))
        except MarkupError as error:
            click.echo(error.format(), err=True)
            status = EXIT_BAD_INPUT
            continue
        new = formatted.encode("utf-8")
        if name == "-" and not (check or diff):
            sys.stdout.buffer.write(new)
            continue
        if new == data:
            unchanged += 1
            continue
        changed += 1
        if diff:
            click.echo(_diff(name, decode_source(data, name), formatted), nl=False)
        if check:
            if not diff:
                click.echo(name)
            if status == EXIT_OK:
                status = EXIT_CHANGED
        elif not diff:
            try:
                atomic_write(Path(name), new)
            except ScriptgenError as error:
                click.echo(f"{name}: error: {error}", err=True)
                status = max(status, EXIT_CHANGED)  # an internal failure, not bad input
    if not quiet and not (len(paths) == 1 and paths[0] == "-"):
        verb = "would change" if (check or diff) else "reformatted"
        total = changed + unchanged
        noun = "file" if total == 1 else "files"
        click.echo(f"{verb} {changed} of {total} {noun}", err=True)
    if status:
        raise SystemExit(status)
