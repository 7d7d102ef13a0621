"""Inline text: emphasis, escapes, inline notes and boneyard, forced mentions, inline cues.

A line of text becomes a :class:`scriptgen.ast.Text`. Opaque pieces (escaped
characters, ``[[notes]]``, ``/* boneyard */``, ``@mentions`` and ``♪"cues"``)
are cut out first and stood in for by placeholder characters, so that the
emphasis pass (``*italic*``, ``**bold**``, ``***both***``, ``_underline_``)
can wrap them like any other text; then the placeholders are put back.

Automatic mentions (cast names found in prose) are not made here but by the
resolve pass, which knows the cast.
"""

from __future__ import annotations

import re

from .ast import (
    CUE_TAGS,
    InlineBoneyard,
    InlineCue,
    InlineNote,
    Mention,
    Performer,
    Run,
    Span,
    Text,
    TextRun,
)
from .errors import MarkupError

__all__ = ["ESCAPABLE", "parse_cue_parenthetical", "parse_inline"]

#: Characters a backslash makes literal.
ESCAPABLE = frozenset("\\*_@[]/♪%~!#=.>^<(){}")

_SPECIAL_RE = re.compile(r"[\\\[/♪%@*_]")
_OPAQUE_RE = re.compile(
    r"\\(?P<escaped>.)"
    r"|\[\[(?P<note>.*?)\]\]"
    r"|/\*(?P<boneyard>.*?)\*/"
    r"|(?P<cue>♪|%%)(?=[\"“])"
    r"|(?<![^\W_])(?<!@)@(?P<brace>\{)"
    r"|(?<![^\W_])(?<!@)@(?P<name>[^\W_]+(?:[-.][^\W_]+)*)"
)
_EMPHASIS_RE = re.compile(
    r"(?<![*\\])(?P<stars>\*{1,3})(?=[^\s*])(?P<starred>.+?)(?<=[^\s*])(?P=stars)(?!\*)"
    r"|(?<!\w)_(?=\S)(?P<under>.+?)(?<=\S)_(?!\w)"
)
_STAR_STYLES = {1: ("italic",), 2: ("bold",), 3: ("bold", "italic")}
_PLACEHOLDER_BASE = 0xF0000
_PLACEHOLDER_RE = re.compile("([\U000f0000-\U000fffff])")
_CLOSING_QUOTES = {'"': '"\u201d', "\u201c": '\u201d"'}


def _merge_style(outer: tuple[str, ...], inner: tuple[str, ...]) -> tuple[str, ...]:
    both = set(outer) | set(inner)
    return tuple(s for s in ("bold", "italic", "underline") if s in both)


def parse_inline(text: str, line: int = 1, column: int = 1, source: str | None = None) -> Text:
    """Parse one line of marked-up text into styled runs.

    ``line`` and ``column`` place ``text`` in the source, for spans and errors;
    ``source`` is the whole source line, quoted by errors.
    """
    span = Span(line, column, line, column + len(text))
    if not text:
        return Text((), span)
    if _SPECIAL_RE.search(text) is None:
        return Text((TextRun(text),), span)
    items: list[Run | str] = []
    work: list[str] = []
    position = 0
    for match in _OPAQUE_RE.finditer(text):
        if match.start() < position:
            continue
        work.append(text[position : match.start()])
        item, position = _opaque(match, text, line, column, text if source is None else source)
        work.append(chr(_PLACEHOLDER_BASE + len(items)))
        items.append(item)
    work.append(text[position:])
    runs: list[Run] = []
    for chunk, style in _emphasis("".join(work), ()):
        _expand(chunk, style, items, runs)
    return Text(tuple(_coalesce(runs)), span)


def _opaque(
    match: re.Match[str], text: str, line: int, column: int, shown: str
) -> tuple[Run | str, int]:
    """The run (or literal string) for one opaque match, and where scanning resumes."""
    kind = match.lastgroup
    start = match.start()
    if kind == "escaped":
        char = match.group("escaped")
        if char in ESCAPABLE:
            return char, match.end()
        return "\\" + char, match.end()
    if kind == "note":
        return InlineNote(match.group("note")), match.end()
    if kind == "boneyard":
        return InlineBoneyard(match.group("boneyard")), match.end()
    if kind == "name":
        name = match.group("name")
        span = Span(line, column + start, line, column + match.end())
        return Mention(name, forced=True, span=span), match.end()
    if kind == "brace":
        close = text.find("}", match.end())
        if close < 0:
            raise MarkupError(
                "this forced mention @{ is never closed",
                line,
                column + start,
                shown,
                hint="write @{Two Words} with a closing brace",
            )
        name = text[match.end() : close].strip()
        if not name:
            raise MarkupError(
                "a forced mention @{} needs a name inside the braces",
                line,
                column + start,
                shown,
            )
        span = Span(line, column + start, line, column + close + 1)
        return Mention(name, forced=True, span=span), close + 1
    # An inline musical cue: ♪"Title" with an optional (performers) right after.
    open_quote = match.end()
    title, after = _quoted(text, open_quote, line, column, shown)
    performers: tuple[Performer, ...] = ()
    tags: tuple[str, ...] = ()
    if after < len(text) and text[after] == "(":
        close = text.find(")", after)
        if close < 0:
            raise MarkupError(
                "this musical cue's parenthesis is never closed",
                line,
                column + after,
                shown,
                hint='write ♪"Title"(MIA, SEBASTIAN)',
            )
        performers, tags = parse_cue_parenthetical(text[after + 1 : close])
        after = close + 1
    span = Span(line, column + start, line, column + after)
    return InlineCue(title, performers, tags, span=span), after


def _quoted(text: str, open_quote: int, line: int, column: int, shown: str) -> tuple[str, int]:
    """A title between quotes starting at ``open_quote``; returns it and the index after."""
    closers = _CLOSING_QUOTES[text[open_quote]]
    for index in range(open_quote + 1, len(text)):
        if text[index] in closers:
            title = text[open_quote + 1 : index].strip()
            if not title:
                break
            return title, index + 1
    raise MarkupError(
        "this song title's quotes are never closed (or hold no title)",
        line,
        column + open_quote,
        shown,
        hint='write the title between quotes: ♪"City of Stars"',
    )


def parse_cue_parenthetical(inner: str) -> tuple[tuple[Performer, ...], tuple[str, ...]]:
    """Split a cue's ``(…)`` into performers and tags (``instrumental``, ``reprise`` …)."""
    performers: list[Performer] = []
    tags: list[str] = []
    for raw in inner.split(","):
        item = raw.strip()
        if not item:
            continue
        if item.lower() in CUE_TAGS:
            tags.append(item.lower())
        else:
            performers.append(Performer(item))
    return tuple(performers), tuple(tags)


def _emphasis(text: str, style: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
    """Split ``text`` into (chunk, style) pairs by its emphasis markers."""
    if "*" not in text and "_" not in text:
        return [(text, style)]
    out: list[tuple[str, tuple[str, ...]]] = []
    position = 0
    for match in _EMPHASIS_RE.finditer(text):
        if match.start() > position:
            out.append((text[position : match.start()], style))
        if match.group("stars") is not None:
            inner_style = _merge_style(style, _STAR_STYLES[len(match.group("stars"))])
            out.extend(_emphasis(match.group("starred"), inner_style))
        else:
            out.extend(_emphasis(match.group("under"), _merge_style(style, ("underline",))))
        position = match.end()
    if position < len(text):
        out.append((text[position:], style))
    return out


def _expand(chunk: str, style: tuple[str, ...], items: list[Run | str], runs: list[Run]) -> None:
    """Append ``chunk``'s runs, putting the opaque items back in place of placeholders."""
    if not items:
        runs.append(TextRun(chunk, style))
        return
    for piece in _PLACEHOLDER_RE.split(chunk):
        if not piece:
            continue
        code = ord(piece[0]) - _PLACEHOLDER_BASE
        if len(piece) == 1 and 0 <= code < len(items):
            item = items[code]
            if isinstance(item, str):
                runs.append(TextRun(item, style))
            elif isinstance(item, Mention | InlineCue):
                runs.append(_with_style(item, style))
            else:
                runs.append(item)
        else:
            runs.append(TextRun(piece, style))


def _with_style(item: Mention | InlineCue, style: tuple[str, ...]) -> Mention | InlineCue:
    if not style:
        return item
    if isinstance(item, Mention):
        return Mention(item.text, item.member, item.forced, item.first, style, item.span)
    return InlineCue(item.title, item.performers, item.tags, style, item.span)


def _coalesce(runs: list[Run]) -> list[Run]:
    """Join neighbouring text runs of the same style."""
    out: list[Run] = []
    for run in runs:
        if (
            isinstance(run, TextRun)
            and out
            and isinstance(out[-1], TextRun)
            and out[-1].style == run.style
        ):
            out[-1] = TextRun(out[-1].text + run.text, run.style)
        elif not (isinstance(run, TextRun) and not run.text):
            out.append(run)
    return out
