"""Warnings about a source that parses but is probably not what the writer meant.

:func:`validate` returns :class:`~scriptgen.errors.Diagnostic` values with
positions; ``scriptgen check`` prints them. The checks:

``undeclared-name``
    A name in capitals in action prose that is not in the cast (only when the
    file declares a cast). Add the person to the cast, or write ``@{Name}``.
``unknown-performer``
    A musical cue's performer who is not in the cast (only with a cast).
``heading-without-blank``
    A scene heading with text directly under it (Fountain wants a blank line).
``alias-collision``
    Two cast members share a name or alias, so prose mentions of it resolve to
    neither.
``empty-scene``
    A scene heading with nothing under it before the next heading.
``empty-document``
    A file with no title page and no text.
"""

from __future__ import annotations

import re

from .ast import (
    Action,
    Boneyard,
    Document,
    InlineCue,
    MusicCue,
    Note,
    Performer,
    Scene,
    Span,
    TextRun,
    iter_texts,
)
from .errors import Diagnostic
from .resolve import CastIndex

__all__ = ["validate"]

# Two or more capitals (with inner apostrophes or hyphens), possibly several words.
_CAPS_NAME_RE = re.compile(r"(?<![\w@])[A-Z][A-Z'’\-]*[A-Z](?:\s+[A-Z][A-Z'’\-]*[A-Z])*(?![\w])")
_COMMON_CAPS = frozenset(
    {"TV", "OK", "LA", "USA", "UK", "DJ", "FBI", "CIA", "NYC", "LAPD", "ID", "AM", "PM", "CD"}
    | {"DVD", "CEO", "VIP", "MC", "ATM", "BBC", "CNN", "NASA", "NBA", "NFL", "UN", "EU", "US"}
)


def validate(document: Document, source: str | None = None) -> list[Diagnostic]:
    """Warnings for ``document``; pass the ``source`` text to check blank lines too."""
    found: list[Diagnostic] = []
    index = CastIndex(document.cast)
    has_cast = bool(index.members)
    if document.title_page is None and not document.body:
        found.append(Diagnostic("empty-document", "this file has no text", 1, 1))
    for form, names in index.collisions:
        member = next(m for m in index.members if m.name == names[1])
        span = member.span or Span(1, 1, 1, 1)
        found.append(
            Diagnostic(
                "alias-collision",
                f"{form!r} could mean {' or '.join(names)}, so it is not linked to either",
                span.line,
                span.column,
                hint="give one of them an explicit alias with '/ Alias'",
            )
        )
    lines = source.split("\n") if source is not None else None
    for _scene, block in document.walk():
        if isinstance(block, Scene):
            found.extend(_scene_checks(block, lines))
            continue
        if has_cast:
            found.extend(_cast_checks(block))
    return sorted(found, key=lambda d: (d.line, d.column, d.code))


def _scene_checks(scene: Scene, lines: list[str] | None) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    span = scene.heading.span
    if span is None:
        return out
    if not any(not isinstance(e, Note | Boneyard) for e in scene.elements):
        out.append(
            Diagnostic(
                "empty-scene",
                f"the scene {scene.heading.text!r} has nothing in it",
                span.line,
                span.column,
                hint="add what happens there, or remove the heading",
            )
        )
    if lines is not None and span.line < len(lines) and lines[span.line].strip():
        out.append(
            Diagnostic(
                "heading-without-blank",
                "a scene heading should have a blank line under it",
                span.line + 1,
                1,
                hint="add an empty line after the heading",
            )
        )
    return out


def _cast_checks(element: object) -> list[Diagnostic]:
    out = []
    if isinstance(element, MusicCue):
        out.extend(_performer_checks(element.performers, element.span))
    for text in iter_texts(element):  # type: ignore[arg-type]
        for run in text.runs:
            if isinstance(run, InlineCue):
                out.extend(_performer_checks(run.performers, run.span))
    if isinstance(element, Action):
        for text in element.lines:
            out.extend(_undeclared_names(text.runs, text.span))
    return out


def _performer_checks(performers: tuple[Performer, ...], span: Span | None) -> list[Diagnostic]:
    where = span or Span(1, 1, 1, 1)
    return [
        Diagnostic(
            "unknown-performer",
            f"the performer {p.text!r} is not in the cast",
            where.line,
            where.column,
            hint="add them to Cast:, or use a tag: instrumental, ensemble, source, background",
        )
        for p in performers
        if p.member is None
    ]


def _undeclared_names(runs: tuple[object, ...], span: Span | None) -> list[Diagnostic]:
    out = []
    offset = 0
    plain = "".join(r.text for r in runs if isinstance(r, TextRun))
    shouting = plain.upper() == plain
    for run in runs:
        if not isinstance(run, TextRun):
            offset += len(getattr(run, "text", ""))
            continue
        if shouting:
            break
        for match in _CAPS_NAME_RE.finditer(run.text):
            if match.group() in _COMMON_CAPS:
                continue
            line = span.line if span else 1
            column = (span.column if span else 1) + offset + match.start()
            out.append(
                Diagnostic(
                    "undeclared-name",
                    f"{match.group()!r} is in capitals like a character but is not in the cast",
                    line,
                    column,
                    hint=f"add it to Cast:, or write @{{{match.group().title()}}}",
                )
            )
        offset += len(run.text)
    return out
