"""The canonical formatter: a marked-up source rewritten in one tidy form.

``scriptgen fmt`` makes a file tidy without changing what it means, the way
code formatters do for programmers. The promise, tested over every seed,
every golden case and random trees:

* ``parse(format_text(x)) == parse(x)`` for every source ``x`` that parses;
* ``format_text(format_text(x)) == format_text(x)``.

The canonical form: title-page entries as ``Key: value``, longer values on
lines indented four spaces, cast members one a line with their actors
aligned; one blank line between paragraphs (extra blank lines only where they
are part of the action); musical cues as ``♪ "Title" (performers, tags)``;
forced mentions as ``@Name`` or ``@{Two Words}``; emphasis as ``*italic*``,
``**bold**``, ``***both***``, ``_underline_``; notes and boneyard kept. A
forcing character the writer typed is kept, one is added only where the
parser would otherwise misread a line, and a line that merely starts with a
special character gets a backslash instead.
"""

from __future__ import annotations

from .ast import Document
from .renderers.fountain import FountainWriter, Policy

__all__ = ["format_document", "format_text"]


def format_document(document: Document) -> str:
    """The document as marked-up source in canonical form."""
    return FountainWriter(policy=Policy.SOURCE).write(document)


def format_text(text: str, path: str | None = None) -> str:
    """Parse ``text`` and write it back in canonical form.

    Raises :class:`scriptgen.errors.MarkupError` for bad input; ``path`` only
    names the file in messages.
    """
    from .parser import parse

    return format_document(parse(text, path))
