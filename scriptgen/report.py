"""Production reports: the scene breakdown, the character list and the music cue sheet.

A producer breaking a treatment down, a music department clearing songs and
a casting director all want the same facts the AST already holds, counted
and laid out in rows. :func:`build_report` gathers them once into a
:class:`Report`; the rest of this module only formats that report:

* :meth:`Report.to_json` — the documented, stable JSON form (``docs/reports.md``);
* :func:`report_tables` / :func:`tables_from_report` — renderer-neutral
  :class:`ReportTable` values (title, column headers, rows of strings) that the
  PDF and DOCX writers append as pages with ``--with-reports``, that the
  terminal table is drawn from, and that the CSV form is written from, so the
  three never disagree;
* :func:`write_csv` and :func:`print_tables`.

Pages and lengths come from the shared paginator (:mod:`scriptgen.paginate`);
this module never counts lines itself.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .ast import (
    Document,
    InlineCue,
    MusicCue,
    Performer,
    Scene,
    Section,
    iter_texts,
)

if TYPE_CHECKING:
    from rich.console import Console

    from .layout import Layout

__all__ = [
    "SECTIONS",
    "CharacterRow",
    "CueRow",
    "Report",
    "ReportTable",
    "SceneRow",
    "build_report",
    "format_duration",
    "format_eighths",
    "print_tables",
    "report_tables",
    "tables_from_report",
    "write_csv",
]

#: Report sections, in the order they are printed.
SECTIONS = ("scenes", "characters", "cues")

#: Version of the JSON form; raised only when a key changes meaning or goes away.
JSON_VERSION = 1

#: The screenwriting rule of thumb the duration estimate rests on.
SECONDS_PER_PAGE = 60


# --------------------------------------------------------------------------
# Rows
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SceneRow:
    """One line of the scene breakdown."""

    number: int
    """Position among the document's scenes, from 1."""
    label: str
    """The scene number as printed: the written ``#12A#`` or the position."""
    heading: str
    """The scene heading as written."""
    interior: str
    """``INT``, ``EXT``, ``INT/EXT``, ``EST`` or ``""``."""
    location: str
    """The place."""
    time: str
    """Time of day, ``""`` when the heading has none."""
    page: int | None
    """Page on which the scene starts (``None`` if nothing of it prints in the layout)."""
    eighths: int
    """Length in eighths of a page."""
    characters: tuple[str, ...]
    """Who appears, in order of first appearance."""
    music_cues: tuple[str, ...]
    """Titles of the musical cues in the scene, block and inline, in order."""


@dataclass(frozen=True, slots=True)
class CharacterRow:
    """One line of the character list."""

    name: str
    """The cast member's NAME, or a forced name in capitals."""
    actor: str
    """The actor from the cast list, ``""`` when none is given."""
    in_cast: bool
    """False for a name that appears without being declared in the cast."""
    scenes: tuple[int, ...]
    """Numbers (positions) of the scenes the character appears in."""
    scene_labels: tuple[str, ...]
    """The same scenes as printed."""
    mentions: int
    """Mentions in prose, over the whole document."""
    dialogues: int
    """Dialogue blocks spoken."""
    cues: int
    """Musical cues performed."""
    first_scene: int | None
    """Number of the first scene the character appears in."""
    first_label: str
    """That scene as printed, ``""`` when the character never appears."""
    first_page: int | None
    """Page on which that scene starts."""


@dataclass(frozen=True, slots=True)
class CueRow:
    """One line of the music cue sheet."""

    sequence: int
    """Order in the document, from 1."""
    cue_number: str
    """``1M1``, ``1M2`` … : act, ``M``, order within the act."""
    act: int
    """Number of the level-1 section the cue sits in (1 when there are none)."""
    title: str
    """The song title."""
    kind: str
    """``block`` (a ``♪`` line) or ``inline`` (``♪"Title"`` in prose)."""
    scene: int | None
    """Number of the scene the cue sits in; ``None`` before the first scene."""
    scene_label: str
    """That scene as printed."""
    page: int | None
    """Page on which that scene starts."""
    performers: tuple[str, ...]
    """Performers: cast NAMEs where they resolve, otherwise as written."""
    tags: tuple[str, ...]
    """The cue's tags (``instrumental``, ``reprise``, ``source``, ``background``, ``ensemble``)."""
    usage: str
    """``VV``, ``VI``, ``BV`` or ``BI``."""
    seconds: int
    """Estimated duration in seconds."""
    composer: str = ""
    """Left empty for the music department."""
    publisher: str = ""
    """Left empty for the music department."""
    rights: str = ""
    """Left empty for the music department."""


@dataclass(frozen=True, slots=True)
class Report:
    """Every report for one document."""

    title: str | None
    """The document's title."""
    layout: str
    """Name of the layout pages were counted with."""
    pages: int
    """Body pages in that layout."""
    scenes: tuple[SceneRow, ...]
    """The scene breakdown."""
    characters: tuple[CharacterRow, ...]
    """The character list."""
    music_cues: tuple[CueRow, ...]
    """The music cue sheet."""

    def to_json(self) -> dict[str, Any]:
        """The stable JSON form documented in ``docs/reports.md``."""
        return {
            "format": "scriptgen-report",
            "version": JSON_VERSION,
            "title": self.title,
            "layout": self.layout,
            "pages": self.pages,
            "scenes": [
                {
                    "number": s.number,
                    "label": s.label,
                    "heading": s.heading,
                    "interior": s.interior,
                    "location": s.location,
                    "time": s.time,
                    "page": s.page,
                    "eighths": s.eighths,
                    "length": format_eighths(s.eighths),
                    "characters": list(s.characters),
                    "music_cues": list(s.music_cues),
                }
                for s in self.scenes
            ],
            "characters": [
                {
                    "name": c.name,
                    "actor": c.actor or None,
                    "in_cast": c.in_cast,
                    "scenes": list(c.scenes),
                    "scene_labels": list(c.scene_labels),
                    "scene_count": len(c.scenes),
                    "mentions": c.mentions,
                    "dialogues": c.dialogues,
                    "cues": c.cues,
                    "first_scene": c.first_scene,
                    "first_page": c.first_page,
                }
                for c in self.characters
            ],
            "music_cues": [
                {
                    "sequence": m.sequence,
                    "cue_number": m.cue_number,
                    "act": m.act,
                    "title": m.title,
                    "kind": m.kind,
                    "scene": m.scene,
                    "scene_label": m.scene_label,
                    "page": m.page,
                    "performers": list(m.performers),
                    "tags": list(m.tags),
                    "usage": m.usage,
                    "vocal": m.usage[1] == "V",
                    "visual": m.usage[0] == "V",
                    "duration_seconds": m.seconds,
                    "duration": format_duration(m.seconds),
                    "composer": m.composer,
                    "publisher": m.publisher,
                    "rights": m.rights,
                }
                for m in self.music_cues
            ],
        }


# --------------------------------------------------------------------------
# Formatting helpers
# --------------------------------------------------------------------------


def format_eighths(eighths: int) -> str:
    """A length in eighths of a page as breakdowns write it: ``3/8``, ``1``, ``1 3/8``.

    Eighths are never reduced (``4/8``, not ``1/2``): that is how production
    boards and schedules count. The paginator owns the format; imported late
    so that the command line's help never loads the paginator.
    """
    from .paginate import format_eighths as paginator_format

    return paginator_format(eighths)


def format_duration(seconds: int) -> str:
    """Seconds as ``m:ss``."""
    minutes, rest = divmod(seconds, 60)
    return f"{minutes}:{rest:02d}"


def usage_code(tags: Sequence[str]) -> str:
    """The cue-sheet usage: visual (``V``) or background (``B``), then vocal or instrumental.

    A cue is visual (heard by the characters, its source on screen) unless
    tagged ``background``; vocal unless tagged ``instrumental``.
    """
    visual = "background" not in tags
    vocal = "instrumental" not in tags
    return ("V" if visual else "B") + ("V" if vocal else "I")


def _performer_name(performer: Performer) -> str:
    return performer.member if performer.member is not None else performer.text


# --------------------------------------------------------------------------
# Building the report
# --------------------------------------------------------------------------


@dataclass
class _Cue:
    """A cue found while walking the document, before numbering."""

    title: str
    kind: str
    act: int
    scene: Scene | None
    performers: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass
class _Tally:
    """Running counts for one character."""

    scenes: list[Scene] = field(default_factory=list)
    mentions: int = 0
    dialogues: int = 0
    cues: int = 0


def _walk_cues(document: Document) -> Iterator[_Cue]:
    """Every block and inline cue in document order, with its act and scene."""
    act = 0
    for block in document.body:
        if isinstance(block, Section):
            if block.level == 1:
                act += 1
            continue
        scene = block if isinstance(block, Scene) else None
        elements = block.elements if isinstance(block, Scene) else (block,)
        for element in elements:
            if isinstance(element, MusicCue):
                yield _Cue(
                    element.title,
                    "block",
                    max(act, 1),
                    scene,
                    tuple(_performer_name(p) for p in element.performers),
                    element.tags,
                )
            for text in iter_texts(element):
                for run in text.runs:
                    if isinstance(run, InlineCue):
                        yield _Cue(
                            run.title,
                            "inline",
                            max(act, 1),
                            scene,
                            tuple(_performer_name(p) for p in run.performers),
                            run.tags,
                        )


def build_report(document: Document, layout: Layout | None = None) -> Report:
    """Count scenes, characters and musical cues, with pages from the shared paginator.

    Pages and lengths are counted on ``layout`` (the ``screenplay`` layout by
    default). Cue timings always come from screenplay pages, on which one
    page is about one minute of screen time.
    """
    from .layout import load_layout

    if layout is None:
        layout = load_layout("screenplay")
    extents, total_pages = scene_extents(document, layout)
    # "A page a minute" holds for screenplay pages only: a treatment's prose
    # covers more screen time per page, so timings always use a screenplay.
    timing = extents if layout.kind == "screenplay" else _screenplay_extents(document, layout)
    scenes = document.scenes

    cues = list(_walk_cues(document))
    cues_in_scene: dict[int, list[_Cue]] = {}
    for cue in cues:
        if cue.scene is not None:
            cues_in_scene.setdefault(cue.scene.number, []).append(cue)

    scene_rows = tuple(
        SceneRow(
            number=scene.number,
            label=scene.label,
            heading=scene.heading.text,
            interior=scene.heading.interior,
            location=scene.heading.location,
            time=scene.heading.time or "",
            page=extents[scene.number][0],
            eighths=extents[scene.number][1],
            characters=tuple(a.name for a in scene.appearances),
            music_cues=tuple(c.title for c in cues_in_scene.get(scene.number, ())),
        )
        for scene in scenes
    )

    return Report(
        title=document.title(),
        layout=layout.name,
        pages=total_pages,
        scenes=scene_rows,
        characters=_character_rows(document, extents),
        music_cues=_cue_rows(cues, cues_in_scene, extents, timing),
    )


def _screenplay_extents(document: Document, layout: Layout) -> dict[int, tuple[int | None, int]]:
    """Scene extents on the shipped screenplay layout, on ``layout``'s paper when it has it."""
    from .layout import LayoutError, load_layout

    try:
        screenplay = load_layout("screenplay", layout.paper)
    except LayoutError:
        screenplay = load_layout("screenplay")
    return scene_extents(document, screenplay)[0]


def _character_rows(
    document: Document, extents: dict[int, tuple[int | None, int]]
) -> tuple[CharacterRow, ...]:
    tallies: dict[str, _Tally] = {m.name: _Tally() for m in document.cast}
    for scene in document.scenes:
        for appearance in scene.appearances:
            tally = tallies.setdefault(appearance.name, _Tally())
            tally.scenes.append(scene)
            tally.mentions += appearance.mentions
            tally.dialogues += appearance.dialogues
            tally.cues += appearance.cues
    actors = {m.name: m.actor or "" for m in document.cast}
    rows = []
    for name, tally in tallies.items():
        first = tally.scenes[0] if tally.scenes else None
        rows.append(
            CharacterRow(
                name=name,
                actor=actors.get(name, ""),
                in_cast=name in actors,
                scenes=tuple(s.number for s in tally.scenes),
                scene_labels=tuple(s.label for s in tally.scenes),
                mentions=tally.mentions,
                dialogues=tally.dialogues,
                cues=tally.cues,
                first_scene=first.number if first else None,
                first_label=first.label if first else "",
                first_page=extents[first.number][0] if first else None,
            )
        )
    return tuple(rows)


def _cue_rows(
    cues: list[_Cue],
    cues_in_scene: dict[int, list[_Cue]],
    extents: dict[int, tuple[int | None, int]],
    timing: dict[int, tuple[int | None, int]],
) -> tuple[CueRow, ...]:
    rows = []
    order_in_act: dict[int, int] = {}
    for sequence, cue in enumerate(cues, start=1):
        order_in_act[cue.act] = order_in_act.get(cue.act, 0) + 1
        page: int | None = None
        seconds = 0
        if cue.scene is not None:
            page = extents[cue.scene.number][0]
            eighths = timing[cue.scene.number][1]
            # The scene's screen time (a page a minute) shared equally by its
            # cues, rounded half up in whole numbers (round() would go to even).
            share = len(cues_in_scene[cue.scene.number]) * 8
            seconds = (eighths * SECONDS_PER_PAGE * 2 + share) // (share * 2)
        rows.append(
            CueRow(
                sequence=sequence,
                cue_number=f"{cue.act}M{order_in_act[cue.act]}",
                act=cue.act,
                title=cue.title,
                kind=cue.kind,
                scene=cue.scene.number if cue.scene else None,
                scene_label=cue.scene.label if cue.scene else "",
                page=page,
                performers=cue.performers,
                tags=cue.tags,
                usage=usage_code(cue.tags),
                seconds=seconds,
            )
        )
    return tuple(rows)


def scene_extents(
    document: Document, layout: Layout
) -> tuple[dict[int, tuple[int | None, int]], int]:
    """Each scene's start page and length in eighths, keyed by scene number, and the page count.

    Both come from the shared paginator, so reports agree with the PDF. A
    scene that prints nothing in this layout has no page and no length; so
    has every scene when two share a number (parsing numbers them all, a tree
    built by hand may not), since pages are told apart by number.
    """
    from .flow import build_flow
    from .paginate import paginate, scene_pages

    pagination = paginate(build_flow(document, layout), layout)
    numbers = [scene.number for scene in document.scenes]
    extents: dict[int, tuple[int | None, int]] = {number: (None, 0) for number in numbers}
    if len(extents) == len(numbers):
        for entry in scene_pages(pagination):
            extents[entry.scene.number] = (entry.first_page, entry.eighths)
    return extents, pagination.page_count


# --------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReportTable:
    """One report as a plain table, for any medium (terminal, CSV, PDF, DOCX pages).

    Every cell is already a string; a writer only lays the table out.
    """

    key: str
    """The section name: ``scenes``, ``characters`` or ``cues``."""
    title: str
    """A heading to print above the table."""
    headers: tuple[str, ...]
    """Column headers."""
    rows: tuple[tuple[str, ...], ...]
    """Rows of cells, each as long as ``headers``."""
    numeric: tuple[bool, ...]
    """Per column: True for numbers, which read best right-aligned."""
    weights: tuple[int, ...]
    """Per column: a relative width, for writers that must fix column widths."""
    note: str = ""
    """A sentence to print under the table (how an estimate was made), or ``""``."""


def _join(names: Iterable[str]) -> str:
    return ", ".join(names)


def _page(page: int | None) -> str:
    return "" if page is None else str(page)


def tables_from_report(report: Report, sections: Sequence[str] = SECTIONS) -> list[ReportTable]:
    """The report's sections as :class:`ReportTable` values, in ``sections`` order."""
    tables: list[ReportTable] = []
    for section in sections:
        if section == "scenes":
            tables.append(
                ReportTable(
                    key="scenes",
                    title="Scenes",
                    headers=(
                        "#",
                        "Heading",
                        "I/E",
                        "Location",
                        "Time",
                        "Page",
                        "Length",
                        "Characters",
                        "Music",
                    ),
                    rows=tuple(
                        (
                            s.label,
                            s.heading,
                            s.interior,
                            s.location,
                            s.time,
                            _page(s.page),
                            format_eighths(s.eighths),
                            _join(s.characters),
                            _join(f"\u201c{t}\u201d" for t in s.music_cues),
                        )
                        for s in report.scenes
                    ),
                    numeric=(True, False, False, False, False, True, True, False, False),
                    weights=(3, 14, 4, 10, 5, 3, 4, 14, 12),
                    note="Length in eighths of a page.",
                )
            )
        elif section == "characters":
            tables.append(
                ReportTable(
                    key="characters",
                    title="Characters",
                    headers=(
                        "Name",
                        "Actor",
                        "Scenes",
                        "Scene numbers",
                        "Mentions",
                        "Dialogue",
                        "First scene",
                        "First page",
                    ),
                    rows=tuple(
                        (
                            c.name if c.in_cast else f"{c.name} *",
                            c.actor,
                            str(len(c.scenes)),
                            _join(c.scene_labels),
                            str(c.mentions),
                            str(c.dialogues),
                            c.first_label,
                            _page(c.first_page),
                        )
                        for c in report.characters
                    ),
                    numeric=(False, False, True, False, True, True, True, True),
                    weights=(12, 12, 4, 14, 5, 5, 4, 4),
                    note=(
                        "* not declared in the cast."
                        if any(not c.in_cast for c in report.characters)
                        else ""
                    ),
                )
            )
        elif section == "cues":
            tables.append(
                ReportTable(
                    key="cues",
                    title="Music Cue Sheet",
                    headers=(
                        "Seq",
                        "Cue #",
                        "Title",
                        "Scene",
                        "Page",
                        "Performers",
                        "Usage",
                        "Timing",
                        "Composer",
                        "Publisher",
                        "Rights",
                    ),
                    rows=tuple(
                        (
                            str(m.sequence),
                            m.cue_number,
                            m.title,
                            m.scene_label,
                            _page(m.page),
                            _join(m.performers),
                            m.usage,
                            format_duration(m.seconds),
                            m.composer,
                            m.publisher,
                            m.rights,
                        )
                        for m in report.music_cues
                    ),
                    numeric=(True, False, False, True, True, False, False, True) + (False,) * 3,
                    weights=(3, 4, 14, 3, 3, 12, 4, 4, 8, 8, 6),
                    note=(
                        "Usage: V visual / B background, then V vocal / I instrumental. "
                        "Timing estimated at one screenplay page a minute: each scene's "
                        "length shared equally by its cues."
                    ),
                )
            )
        else:
            raise ValueError(
                f"unknown report section {section!r}; choose from {', '.join(SECTIONS)}"
            )
    return tables


def report_tables(
    document: Document, layout: Layout | None = None, sections: Sequence[str] = SECTIONS
) -> list[ReportTable]:
    """The reports for ``document`` as tables, ready to append to a PDF or DOCX.

    Pages in the tables are counted with ``layout`` (the screenplay layout by
    default); pass the layout of the document the tables are appended to.
    """
    return tables_from_report(build_report(document, layout), sections)


def write_csv(table: ReportTable) -> str:
    """One table as CSV text: a header row, then one row per line of the report."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.headers)
    writer.writerows(table.rows)
    return buffer.getvalue()


def print_tables(tables: Sequence[ReportTable], console: Console) -> None:
    """Draw tables on a terminal with rich."""
    from rich import box
    from rich.table import Table
    from rich.text import Text as RichText

    for table in tables:
        if not table.rows:
            console.print(f"{table.title}: none", style="bold", markup=False)
            continue
        # Columns empty in every row (the rights columns of a fresh cue sheet)
        # only cost width on a terminal; the caption names them instead.
        keep = [i for i in range(len(table.headers)) if any(row[i] for row in table.rows)]
        empty = [h for i, h in enumerate(table.headers) if i not in keep]
        caption = table.note
        if empty and table.rows:
            caption = f"{caption} Empty here: {', '.join(empty)}.".strip()
        grid = Table(
            title=table.title, caption=caption or None, box=box.SIMPLE_HEAD, pad_edge=False
        )
        for i in keep:
            header, numeric, weight = table.headers[i], table.numeric[i], table.weights[i]
            # Numbers and short codes never wrap; their two-word headers go on
            # two lines instead, so prose columns keep the width.
            short = numeric or weight <= 4
            grid.add_column(
                header.replace(" ", "\n") if short else header,
                justify="right" if numeric else "left",
                no_wrap=short,
                min_width=max(len(word) for word in header.split()),
                overflow="fold",
            )
        for row in table.rows:
            # Cells are plain text: a title with [brackets] must not read as markup.
            grid.add_row(*(RichText(row[i]) for i in keep))
        console.print(grid)
