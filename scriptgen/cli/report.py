"""``scriptgen report``: scene breakdown, character list and music cue sheet.

Prints a table on a terminal by default, the documented JSON form with
``--json``, or one section as CSV with ``--csv``. Bad input is reported as
``file:line:col`` with exit status 2, never with a traceback.
"""

from __future__ import annotations

import json
import sys

import click

__all__ = ["report"]

#: The report sections, as ``scriptgen.report.SECTIONS`` names them. Spelled
#: out here so that listing commands in ``scriptgen --help`` never imports the
#: AST; a test keeps the two equal.
SECTIONS = ("scenes", "characters", "cues")


@click.command(
    "report",
    epilog=(
        "Examples: scriptgen report act1.fountain; "
        "scriptgen report act1.fountain --csv --section cues > cues.csv"
    ),
)
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="Print the JSON form (docs/reports.md).")
@click.option("--csv", "as_csv", is_flag=True, help="Print one section as CSV.")
@click.option(
    "--section",
    "sections",
    type=click.Choice(SECTIONS),
    multiple=True,
    help="Only this report (repeatable; exactly one with --csv). Default: all.",
)
@click.option(
    "--layout",
    "layout_name",
    default="screenplay",
    show_default=True,
    help="Layout whose pages are counted: a shipped name or a .toml file.",
)
@click.option(
    "--paper", type=click.Choice(["letter", "a4"]), default=None, help="Override the paper."
)
def report(
    file: str,
    as_json: bool,
    as_csv: bool,
    sections: tuple[str, ...],
    layout_name: str,
    paper: str | None,
) -> None:
    """Production reports for FILE: scenes, characters and the music cue sheet.

    Pages and lengths (in eighths of a page) are counted on the chosen layout;
    use "-" to read standard input.
    """
    if as_json and as_csv:
        raise click.UsageError("choose one of --json and --csv")
    if as_csv and len(sections) != 1:
        raise click.UsageError("--csv prints one report: add --section scenes|characters|cues")
    chosen = tuple(s for s in SECTIONS if s in sections) if sections else SECTIONS

    from ..errors import MarkupError, ScriptgenError
    from ..source import read_source

    try:
        data = read_source(file)
        from ..layout import load_layout
        from ..parser import parse_bytes
        from ..report import build_report, tables_from_report, write_csv

        layout = load_layout(layout_name, paper)
        document = parse_bytes(data, None if file == "-" else file)
        result = build_report(document, layout)
    except MarkupError as exc:
        click.echo(exc.format(), err=True)
        sys.exit(2)
    except (ScriptgenError, OSError) as exc:
        click.echo(f"scriptgen report: error: {exc}", err=True)
        sys.exit(2)
    except Exception as exc:  # a bug in scriptgen, not in the input: exit 1, no traceback
        click.echo(f"scriptgen report: internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(1)

    if as_json:
        full = result.to_json()
        wanted = {"scenes": "scenes", "characters": "characters", "cues": "music_cues"}
        dropped = {wanted[s] for s in SECTIONS if s not in chosen}
        out = {k: v for k, v in full.items() if k not in dropped}
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    tables = tables_from_report(result, chosen)
    if as_csv:
        click.echo(write_csv(tables[0]), nl=False)
        return
    from rich.console import Console
    from rich.markup import escape

    from ..report import print_tables

    console = Console()
    if result.title:
        pages = f"{result.pages} page{'' if result.pages == 1 else 's'}"
        heading = f"{escape(result.title)}  ({pages}, {escape(result.layout)} layout)"
        console.print(f"[bold]{heading}[/bold]")
    print_tables(tables, console)
