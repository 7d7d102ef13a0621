"""The line classifier: a Lark post-lexer that gives every line its kind.

Lark's contextual lexer cuts the source into raw ``LINE`` tokens. In Fountain
a line's kind often depends on its neighbours (a line in capitals is a
character cue only when text follows it; ``CUT TO:`` is a transition only
with blank lines around it), so this post-lexer looks at the lines around
each one and re-types it: ``SCENE_HEADING``, ``CHARACTER``, ``ACTION_LINE`` ….

Lines are grouped into paragraphs ("groups"). The first line of a group has
its own token type and the lines that continue it another (``ACTION_LINE``
then ``ACTION_CONT``; ``LYRIC_LINE`` then ``LYRIC_CONT``; a ``MUSIC_CUE``
then its ``CUE_LYRIC`` lines), so the grammar sees where every paragraph
starts without any token for blank lines. Extra blank lines before action are
kept as empty action lines.

Multi-line ``/* boneyard */`` and ``[[notes]]`` are cut out first; an
unclosed one is an error naming the line where it opened.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from lark import Token

from .errors import MarkupError

__all__ = ["TITLE_KEY_RE", "LineClassifier", "classify_lines"]

_PAGE_BREAK_RE = re.compile(r"={3,}")
_SCENE_RE = re.compile(r"(?:int\.?/ext|ext\.?/int|i\.?/e|int|ext|est)[.\s]", re.IGNORECASE)
TITLE_KEY_RE = re.compile(r"([A-Za-z][A-Za-z0-9 _'\-]*):(.*)")
_KNOWN_TITLE_KEYS = frozenset(
    {"title", "credit", "author", "authors", "source", "draft date", "date", "contact"}
    | {"copyright", "notes", "revision", "watermark", "font", "cast"}
)
_CUE_EXTENSIONS_RE = re.compile(r"((?:\s*\([^()]*\))*)\s*$")


class _Segment(NamedTuple):
    """A source line, or a multi-line boneyard/note cut out of the source."""

    kind: str  # "line", "BONEYARD" or "NOTE"
    text: str
    line: int
    column: int
    end_line: int
    end_column: int


def _is_blank(text: str) -> bool:
    return not text or text.isspace()


def is_title_key(text: str) -> bool:
    """True when ``text`` opens a title-page entry (``Title: …``)."""
    match = TITLE_KEY_RE.fullmatch(text)
    if match is None:
        return False
    key = match.group(1).strip()
    # "FADE IN:" opens many scripts; a key in capitals counts only if it is a known one.
    return not (key.isupper() and key.lower() not in _KNOWN_TITLE_KEYS)


def is_character_cue(stripped: str) -> bool:
    """True when a line could be a character cue: a name in capitals, then extensions."""
    if stripped.endswith("^"):
        stripped = stripped[:-1].rstrip()
    match = _CUE_EXTENSIONS_RE.search(stripped)
    name = stripped[: match.start()] if match else stripped
    return bool(name) and name == name.upper() and any(c.isalpha() for c in name)


def is_scene_heading(stripped: str) -> bool:
    """True when a line opens with INT, EXT, EST, INT./EXT. or I/E."""
    return _SCENE_RE.match(stripped) is not None or (
        stripped.upper() in ("INT", "EXT", "EST", "INT.", "EXT.", "EST.")
    )


def _cut_regions(lines: list[str]) -> list[_Segment]:
    """Split the source into lines and multi-line boneyard/note regions."""
    segments: list[_Segment] = []
    index = 0
    count = len(lines)
    pending: tuple[str, int, int] | None = None  # text, line number, column offset
    while index < count or pending is not None:
        if pending is not None:
            text, number, offset = pending
            pending = None
        else:
            text, number, offset = lines[index], index + 1, 0
            index += 1
        if "/*" not in text and "[[" not in text:
            segments.append(_Segment("line", text, number, offset + 1, number, offset + len(text)))
            continue
        region = _find_open_region(text)
        if region is None:
            segments.append(_Segment("line", text, number, offset + 1, number, offset + len(text)))
            continue
        start, opener = region
        closer = "*/" if opener == "/*" else "]]"
        kind = "BONEYARD" if opener == "/*" else "NOTE"
        prefix = text[:start]
        if prefix.strip():
            segments.append(_Segment("line", prefix, number, offset + 1, number, offset + start))
        parts = [text[start + 2 :]]
        close_at = -1
        scan = index
        while scan < count:
            candidate = lines[scan]
            if kind == "NOTE" and not candidate:
                break  # a note cannot hold an empty line
            close_at = candidate.find(closer)
            if close_at >= 0:
                break
            parts.append(candidate)
            scan += 1
        if close_at < 0:
            what = "boneyard" if kind == "BONEYARD" else "note"
            hint = (
                f"close it with {closer}"
                if kind == "BONEYARD"
                else "close it with ]] (a note cannot hold an empty line; put two spaces there)"
            )
            raise MarkupError(
                f"this {what} opened with {opener} on line {number} is never closed",
                number,
                offset + start + 1,
                text,
                hint=hint,
            )
        closing = lines[scan]
        parts.append(closing[:close_at])
        segments.append(
            _Segment(kind, "\n".join(parts), number, offset + start + 1, scan + 1, close_at + 3)
        )
        index = scan + 1
        rest = closing[close_at + 2 :]
        if rest.strip():
            pending = (rest, scan + 1, close_at + 2)
    return segments


def _find_open_region(text: str) -> tuple[int, str] | None:
    """Position and opener of the first ``/*`` or ``[[`` not closed on this line."""
    position = 0
    while True:
        starts = [(text.find(op, position), op) for op in ("/*", "[[")]
        found = [(at, op) for at, op in starts if at >= 0]
        if not found:
            return None
        at, opener = min(found)
        if at > 0 and text[at - 1] == "\\":
            position = at + 2
            continue
        closer = "*/" if opener == "/*" else "]]"
        close_at = text.find(closer, at + 2)
        if close_at < 0:
            return at, opener
        position = close_at + 2


class _Emitter:
    """Collects the classified tokens."""

    def __init__(self) -> None:
        self.tokens: list[Token] = []

    def token(self, kind: str, seg: _Segment, value: str | None = None) -> Token:
        tok = Token(
            kind,
            seg.text if value is None else value,
            None,
            seg.line,
            seg.column,
            seg.end_line,
            seg.end_column,
            None,
        )
        self.tokens.append(tok)
        return tok


def classify_lines(lines: list[str]) -> list[Token]:
    """Classify the source's lines (without their newlines) into the grammar's tokens."""
    segments = _cut_regions(lines)
    out = _Emitter()
    index = _title_page(segments, out)
    _body(segments, index, out)
    return out.tokens


def _title_page(segs: list[_Segment], out: _Emitter) -> int:
    """Emit the title page's tokens, if the file opens with one; return the next index."""
    index = 0
    count = len(segs)
    while index < count and segs[index].kind == "line" and _is_blank(segs[index].text):
        index += 1
    if index >= count or segs[index].kind != "line" or not is_title_key(segs[index].text):
        return 0
    in_cast = False
    while index < count:
        seg = segs[index]
        if seg.kind != "line":
            break
        text = seg.text
        if _is_blank(text):
            break
        if text[:1] in (" ", "\t"):
            out.token("CAST_MEMBER" if in_cast else "TITLE_VALUE", seg)
        elif is_title_key(text):
            key = text.split(":", 1)[0].strip()
            in_cast = key.casefold() == "cast"
            out.token("CAST_KEY" if in_cast else "TITLE_KEY", seg)
        else:
            raise MarkupError(
                "expected a title-page entry ('Key: value') or an indented value line",
                seg.line,
                seg.column,
                text,
                hint="end the title page with a blank line before the script starts",
            )
        index += 1
    return index


def starts_own_group(stripped: str) -> bool:
    """Lines that begin a new group even without a blank line before them."""
    if not stripped:
        return False
    first = stripped[0]
    if first in "~#=♪":
        return True
    if stripped.startswith("%%"):
        return True
    return first == ">" and stripped.endswith("<")


def _body(segs: list[_Segment], index: int, out: _Emitter) -> None:
    count = len(segs)
    blank_run = 0
    last_dialogue: Token | None = None  # the cue of the group just before, if dialogue
    while index < count:
        seg = segs[index]
        if seg.kind != "line":
            out.token(seg.kind, seg)
            blank_run = 0
            last_dialogue = None
            index += 1
            continue
        text = seg.text
        if _is_blank(text):
            blank_run += 1
            index += 1
            continue
        stripped = text.strip()
        next_blank = index + 1 >= count or (
            segs[index + 1].kind == "line" and _is_blank(segs[index + 1].text)
        )
        kind = group_kind(stripped, next_blank)
        previous_dialogue = last_dialogue
        last_dialogue = None
        if kind == "CHARACTER" and stripped.endswith("^") and previous_dialogue is not None:
            # Dual dialogue: the previous dialogue becomes the left column.
            previous_dialogue.type = "DUAL_LEFT"
            out.token("DUAL_RIGHT", seg)
            index = _dialogue_lines(segs, index + 1, out)
            blank_run = 0
            continue
        if kind == "ACTION_LINE" and blank_run > 1:
            for number in range(seg.line - blank_run + 1, seg.line):
                empty = "ACTION_CONT" if number > seg.line - blank_run + 1 else "ACTION_LINE"
                out.tokens.append(Token(empty, "", None, number, 1, number, 1, None))
            kind = "ACTION_CONT"
        blank_run = 0
        # A note or boneyard alone on its line carries its text without the markers,
        # as the multi-line ones cut out by _cut_regions do.
        value = stripped[2:-2] if kind in ("NOTE", "BONEYARD") else None
        tok = out.token(kind, seg, value)
        index += 1
        if kind == "CHARACTER":
            index = _dialogue_lines(segs, index, out)
            last_dialogue = tok
        elif kind in ("ACTION_LINE", "ACTION_CONT"):
            index = _action_lines(segs, index, out)
        elif kind == "LYRIC_LINE":
            index = _lyric_lines(segs, index, out, "LYRIC_CONT")
        elif kind == "MUSIC_CUE":
            index = _lyric_lines(segs, index, out, "CUE_LYRIC")


def group_kind(stripped: str, next_blank: bool) -> str:
    """The kind of a group's first line."""
    first = stripped[0]
    if first == "=" and _PAGE_BREAK_RE.fullmatch(stripped):
        return "PAGE_BREAK"
    if first == "#":
        return "SECTION"
    if first == "=":
        return "SYNOPSIS"
    if first == ">":
        return "CENTERED" if stripped.endswith("<") and len(stripped) > 1 else "TRANSITION"
    if first == "~":
        return "LYRIC_LINE"
    if first == "♪" or stripped.startswith("%%"):
        return "MUSIC_CUE"
    if first == "!":
        return "ACTION_LINE"
    if _wrapped(stripped, "[[", "]]"):
        return "NOTE"
    if _wrapped(stripped, "/*", "*/"):
        return "BONEYARD"
    if first == "@":
        return "ACTION_LINE" if next_blank or not stripped[1:].strip() else "CHARACTER"
    if first == "." and stripped[1:2] not in ("", "."):
        return "SCENE_HEADING"
    if is_scene_heading(stripped):
        return "SCENE_HEADING"
    if next_blank and stripped.endswith("TO:") and stripped == stripped.upper():
        return "TRANSITION"
    if not next_blank and is_character_cue(stripped):
        return "CHARACTER"
    return "ACTION_LINE"


def _wrapped(stripped: str, opener: str, closer: str) -> bool:
    """True when the whole line is one ``opener … closer`` (a note or boneyard)."""
    return (
        len(stripped) >= 4
        and stripped.startswith(opener)
        and stripped.find(closer, 2) == len(stripped) - 2
    )


def _dialogue_lines(segs: list[_Segment], index: int, out: _Emitter) -> int:
    count = len(segs)
    while index < count:
        seg = segs[index]
        if seg.kind != "line":
            break
        text = seg.text
        if text == "  ":
            out.token("SPEECH_LINE", seg, "")
        elif _is_blank(text):
            break
        else:
            stripped = text.strip()
            if stripped.startswith("(") and stripped.endswith(")"):
                out.token("PARENTHETICAL", seg)
            elif stripped.startswith("~"):
                out.token("DIALOGUE_LYRIC", seg)
            else:
                out.token("SPEECH_LINE", seg)
        index += 1
    return index


def _action_lines(segs: list[_Segment], index: int, out: _Emitter) -> int:
    count = len(segs)
    while index < count:
        seg = segs[index]
        if seg.kind != "line":
            break
        text = seg.text
        if text == "  ":
            out.token("ACTION_CONT", seg, "")
        elif _is_blank(text) or starts_own_group(text.strip()):
            break
        else:
            out.token("ACTION_CONT", seg)
        index += 1
    return index


def _lyric_lines(segs: list[_Segment], index: int, out: _Emitter, kind: str) -> int:
    count = len(segs)
    while index < count:
        seg = segs[index]
        if seg.kind != "line" or not seg.text.lstrip().startswith("~"):
            break
        out.token(kind, seg)
        index += 1
    return index


class LineClassifier:
    """Lark post-lexer: re-types the raw ``LINE`` tokens by their neighbours."""

    always_accept = ("LINE",)

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        """Classify the whole stream of raw lines (it needs look-ahead)."""
        return iter(classify_lines([token.value[:-1] for token in stream]))
