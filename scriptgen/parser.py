"""Parsing: marked-up text to a resolved :class:`scriptgen.ast.Document`.

The grammar (``grammar/scriptgen.lark``) states the block structure; the
post-lexer (:mod:`scriptgen.lexer`) classifies lines; the transformer below
builds AST nodes as the LALR parser reduces, reading inline text with
:mod:`scriptgen.inline`; :func:`scriptgen.resolve.resolve` then links names to
the cast. The Lark parser is built once, on first use, from a cache.
"""

from __future__ import annotations

import gc
import re
from functools import cache
from typing import Any, cast

from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedInput, VisitError

from .ast import (
    Action,
    Boneyard,
    CastList,
    CastMember,
    Centered,
    Dialogue,
    DialoguePart,
    Document,
    DualDialogue,
    Lyrics,
    MusicCue,
    Note,
    PageBreak,
    Parenthetical,
    Scene,
    Section,
    Slugline,
    Span,
    Speech,
    Synopsis,
    Text,
    TitleField,
    TitlePage,
    Transition,
)
from .errors import MarkupError
from .inline import parse_cue_parenthetical, parse_inline
from .lexer import LineClassifier
from .resources import data_dir
from .source import decode_source, normalise_newlines

__all__ = ["parse", "parse_bytes", "parse_file", "parse_slugline", "split_cue"]

_SCENE_NUMBER_RE = re.compile(r"\s*#([\w.\-]+)#\s*$")
_SLUG_PREFIX_RE = re.compile(
    r"(?P<prefix>(?:int\.?\s*/\s*ext|ext\.?\s*/\s*int|i\.?/e|int|ext|est)\.?)(?:\s+|$)",
    re.IGNORECASE,
)
_TIME_SPLIT_RE = re.compile(r"\s+[-–—]\s+")
_CAST_RE = re.compile(
    r"(?P<name>[^/(:]+?)\s*(?P<aliases>(?:/\s*[^/(:]+?\s*)*)"
    r"(?:\((?P<actor>[^)]*)\))?\s*(?::\s*(?P<description>.*))?"
)
_EXTENSION_RE = re.compile(r"\(([^()]*)\)")


def _i(position: int | None) -> int:
    """A token position; the post-lexer always sets them."""
    return position or 1


def _span(first: Token, last: Token | None = None) -> Span:
    last = last or first
    return Span(first.line or 1, first.column or 1, last.end_line or 1, last.end_column or 1)


def _lead(token: Token) -> tuple[str, int]:
    """A line's text without leading spaces, and the column where it starts."""
    text = str(token)
    stripped = text.lstrip()
    return stripped.rstrip(), _i(token.column) + len(text) - len(stripped)


def _inline(token: Token, text: str, column: int) -> Text:
    return parse_inline(text, _i(token.line), column, str(token))


def parse_slugline(heading: str, forced: bool = False, span: Span | None = None) -> Slugline:
    """Split a scene heading into prefix, location, time of day and scene number."""
    number = None
    match = _SCENE_NUMBER_RE.search(heading)
    if match:
        number = match.group(1)
        heading = heading[: match.start()].rstrip()
    prefix = ""
    rest = heading
    prefix_match = _SLUG_PREFIX_RE.match(heading)
    if prefix_match:
        prefix = prefix_match.group("prefix")
        rest = heading[prefix_match.end() :]
    parts = _TIME_SPLIT_RE.split(rest, maxsplit=0)
    if len(parts) > 1:
        location = " - ".join(parts[:-1]).strip()
        time: str | None = parts[-1].strip() or None
    else:
        location, time = rest.strip(), None
    return Slugline(heading, prefix, location, time, number, forced, span)


class ASTBuilder(Transformer[Token, Any]):
    """Builds AST nodes from the grammar's rules (one method per rule)."""

    def start(self, children: list[Any]) -> Document:
        title_page = None
        body = children
        if children and isinstance(children[0], TitlePage):
            title_page, body = children[0], children[1:]
        return Document(title_page, tuple(body))

    # ---- title page -------------------------------------------------------

    def title_page(self, children: list[Any]) -> TitlePage:
        first, last = children[0].span, children[-1].span
        span = Span(first.line, first.column, last.end_line, last.end_column)
        return TitlePage(tuple(children), span)

    def title_field(self, children: list[Token]) -> TitleField:
        key_token = children[0]
        key, _, value = str(key_token).partition(":")
        lines: list[Text] = []
        value_column = _i(key_token.column) + len(key) + 1
        value_text = value.strip()
        if value_text:
            column = value_column + len(value) - len(value.lstrip())
            lines.append(_inline(key_token, value_text, column))
        for token in children[1:]:
            text, column = _lead(token)
            lines.append(_inline(token, text, column))
        return TitleField(key.strip(), tuple(lines), _span(children[0], children[-1]))

    def cast(self, children: list[Token]) -> CastList:
        key_token = children[0]
        members = []
        inline_value = str(key_token).partition(":")[2].strip()
        if inline_value:
            raise MarkupError(
                "write each cast member on its own indented line under 'Cast:'",
                _i(key_token.line),
                _i(key_token.column) + str(key_token).index(inline_value),
                str(key_token),
                hint="Cast:\n        MIA DOLAN (Emma Stone): an aspiring actress",
            )
        for token in children[1:]:
            members.append(_cast_member(token))
        return CastList(tuple(members), _span(children[0], children[-1]))

    # ---- structure ----------------------------------------------------------

    def section(self, children: list[Token]) -> Section:
        text, _ = _lead(children[0])
        level = len(text) - len(text.lstrip("#"))
        return Section(level, text[level:].strip(), _span(children[0]))

    def scene(self, children: list[Any]) -> Scene:
        token = children[0]
        text, _ = _lead(token)
        forced = text.startswith(".") and is_forced_heading(text)
        if forced:
            text = text[1:].lstrip()
        heading = parse_slugline(text, forced, _span(token))
        end = children[-1].span if len(children) > 1 and children[-1].span else heading.span
        assert end is not None
        span = Span(_i(token.line), _i(token.column), end.end_line, end.end_column)
        return Scene(heading, tuple(children[1:]), span=span)

    # ---- elements -----------------------------------------------------------

    def action(self, children: list[Token]) -> Action:
        lines: list[Text] = []
        forced = False
        for index, token in enumerate(children):
            text = str(token).rstrip()
            column = _i(token.column)
            if index == 0 or not lines:
                stripped = text.lstrip()
                if stripped.startswith("!"):
                    forced = index == 0
                    column += len(text) - len(stripped) + 1
                    text = stripped[1:]
            elif text.lstrip().startswith("!"):
                stripped = text.lstrip()
                column += len(text) - len(stripped) + 1
                text = stripped[1:]
            lines.append(_inline(token, text.expandtabs(4), column))
        return Action(tuple(lines), forced, _span(children[0], children[-1]))

    def dialogue(self, children: list[Token]) -> Dialogue:
        return _dialogue(children)

    def dual_dialogue(self, children: list[Token]) -> DualDialogue:
        split = next(i for i, t in enumerate(children) if t.type == "DUAL_RIGHT")
        left, right = _dialogue(children[:split]), _dialogue(children[split:])
        return DualDialogue(left, right, _span(children[0], children[-1]))

    def transition(self, children: list[Token]) -> Transition:
        text, _ = _lead(children[0])
        forced = text.startswith(">")
        if forced:
            text = text[1:].strip()
        return Transition(text, forced, _span(children[0]))

    def centered(self, children: list[Token]) -> Centered:
        text, column = _lead(children[0])
        inner = text[1:-1]
        stripped = inner.strip()
        column += 1 + len(inner) - len(inner.lstrip())
        return Centered(_inline(children[0], stripped, column), _span(children[0]))

    def lyrics(self, children: list[Token]) -> Lyrics:
        return Lyrics(
            tuple(_lyric_line(t) for t in children), None, _span(children[0], children[-1])
        )

    def music_cue(self, children: list[Token]) -> MusicCue:
        token = children[0]
        text, column = _lead(token)
        marker = 1 if text.startswith("♪") else 2
        body = text[marker:]
        column += marker + len(body) - len(body.lstrip())
        title, quoted, performers, tags = _cue_line(token, body.strip(), column)
        lyrics = tuple(_lyric_line(t) for t in children[1:])
        return MusicCue(title, performers, tags, lyrics, quoted, _span(token, children[-1]))

    def note(self, children: list[Token]) -> Note:
        return Note(str(children[0]), _span(children[0]))

    def boneyard(self, children: list[Token]) -> Boneyard:
        return Boneyard(str(children[0]), _span(children[0]))

    def synopsis(self, children: list[Token]) -> Synopsis:
        text, column = _lead(children[0])
        body = text[1:]
        column += 1 + len(body) - len(body.lstrip())
        return Synopsis(_inline(children[0], body.strip(), column), _span(children[0]))

    def page_break(self, children: list[Token]) -> PageBreak:
        return PageBreak(_span(children[0]))


def is_forced_heading(text: str) -> bool:
    """True for ``.HEADING`` (a forced scene heading), false for ``...``."""
    return len(text) > 1 and text[0] == "." and text[1] != "."


def _cast_member(token: Token) -> CastMember:
    text, column = _lead(token)
    match = _CAST_RE.fullmatch(text)
    name = match.group("name").strip() if match else ""
    if match is None or not name or name != name.upper() or not any(c.isalpha() for c in name):
        raise MarkupError(
            "expected a cast member: a NAME in capitals, then optional '/ Alias',"
            " '(Actor)' and ': description'",
            _i(token.line),
            column,
            str(token),
            hint="    MIA DOLAN / Mia (Emma Stone): an aspiring actress",
        )
    aliases = tuple(a.strip() for a in match.group("aliases").split("/") if a.strip())
    actor = match.group("actor")
    description = match.group("description")
    return CastMember(
        name,
        aliases,
        actor.strip() if actor and actor.strip() else None,
        description.strip() if description and description.strip() else None,
        Span(_i(token.line), column, _i(token.end_line), _i(token.end_column)),
    )


def split_cue(text: str) -> tuple[str, tuple[str, ...]]:
    """A character cue's name and extensions.

    ``MIA (V.O.) (CONT'D)`` gives ``("MIA", ("V.O.", "CONT'D"))``.
    """
    first_paren = text.find("(")
    if first_paren > 0 and text.endswith(")"):
        extensions = tuple(e.strip() for e in _EXTENSION_RE.findall(text[first_paren:]))
        return text[:first_paren].rstrip(), extensions
    return text, ()


def _dialogue(tokens: list[Token]) -> Dialogue:
    cue = tokens[0]
    text, _ = _lead(cue)
    forced = text.startswith("@")
    if forced:
        text = text[1:].lstrip()
    if text.endswith("^"):
        text = text[:-1].rstrip()
    name, extensions = split_cue(text)
    parts: list[DialoguePart] = []
    speech: list[Token] = []
    lyrics: list[Token] = []

    def flush() -> None:
        if speech:
            lines = []
            for token in speech:
                line_text, column = _lead(token)
                lines.append(_inline(token, line_text, column))
            parts.append(Speech(tuple(lines), _span(speech[0], speech[-1])))
            speech.clear()
        if lyrics:
            parts.append(
                Lyrics(tuple(_lyric_line(t) for t in lyrics), None, _span(lyrics[0], lyrics[-1]))
            )
            lyrics.clear()

    for token in tokens[1:]:
        if token.type == "PARENTHETICAL":
            flush()
            line_text, column = _lead(token)
            parts.append(Parenthetical(_inline(token, line_text, column), _span(token)))
        elif token.type == "DIALOGUE_LYRIC":
            if speech:
                flush()
            lyrics.append(token)
        else:
            if lyrics:
                flush()
            speech.append(token)
    flush()
    return Dialogue(name, extensions, tuple(parts), forced, None, _span(tokens[0], tokens[-1]))


def _lyric_line(token: Token) -> Text:
    text, column = _lead(token)
    body = text[1:]
    if body.startswith(" "):
        body = body[1:]
        column += 1
    return _inline(token, body.rstrip(), column + 1)


def _cue_line(
    token: Token, body: str, column: int
) -> tuple[str, bool, tuple[Any, ...], tuple[str, ...]]:
    """Title, whether it was quoted, performers and tags of a block cue line."""
    source = str(token)
    if not body:
        raise MarkupError(
            "a musical cue needs a song title",
            _i(token.line),
            column,
            source,
            hint='♪ "Another Day of Sun" (ensemble)',
        )
    quoted = body[0] in '"\u201c'
    if quoted:
        closers = '"\u201d'
        end = next((i for i in range(1, len(body)) if body[i] in closers), -1)
        if end < 0:
            raise MarkupError(
                "this song title's quotes are never closed",
                _i(token.line),
                column,
                source,
                hint='♪ "City of Stars" (SEBASTIAN, MIA)',
            )
        title = body[1:end].strip()
        rest = body[end + 1 :].strip()
    else:
        paren = body.find("(")
        title = (body if paren < 0 else body[:paren]).strip()
        rest = "" if paren < 0 else body[paren:]
    if not title:
        raise MarkupError(
            "a musical cue needs a song title",
            _i(token.line),
            column,
            source,
            hint='♪ "Another Day of Sun" (ensemble)',
        )
    performers: tuple[Any, ...] = ()
    tags: tuple[str, ...] = ()
    if rest:
        rest_column = column + len(body) - len(rest)
        if not rest.startswith("(") or not rest.endswith(")") or rest.count(")") != 1:
            raise MarkupError(
                "expected the performers and tags in one pair of parentheses after the title",
                _i(token.line),
                rest_column,
                source,
                hint='♪ "City of Stars" (SEBASTIAN, MIA, reprise)',
            )
        performers, tags = parse_cue_parenthetical(rest[1:-1])
    return title, quoted, performers, tags


@cache
def _lark() -> Lark:
    grammar = (data_dir("grammar") / "scriptgen.lark").read_text(encoding="utf-8")
    return Lark(
        grammar,
        parser="lalr",
        lexer="contextual",
        postlex=LineClassifier(),
        transformer=ASTBuilder(),
        maybe_placeholders=False,
        cache=True,
    )


def parse(text: str, path: str | None = None, *, resolve: bool = True) -> Document:
    """Parse marked-up text into a resolved :class:`Document`.

    Raises :class:`scriptgen.errors.MarkupError` for bad input; ``path`` only
    names the file in messages.
    """
    from .resolve import resolve as resolve_document

    text = normalise_newlines(text)
    if "\x00" in text:
        return parse_bytes(text.encode("utf-8"), path, resolve=resolve)
    if not text.endswith("\n"):
        text += "\n"
    # The tree holds no reference cycles; the cyclic collector would only
    # rescan the growing tree again and again, making long files quadratic.
    collecting = gc.isenabled()
    gc.disable()
    try:
        document = cast(Document, _lark().parse(text))
    except MarkupError as error:
        raise _located(error, text, path) from None
    except VisitError as error:
        if isinstance(error.orig_exc, MarkupError):
            raise _located(error.orig_exc, text, path) from None
        raise
    except UnexpectedInput as error:
        line = getattr(error, "line", 1) or 1
        column = getattr(error, "column", 1) or 1
        token = getattr(error, "token", None)
        kind = token.type.lower().replace("_", " ") if token is not None else "text"
        raise _located(
            MarkupError(f"a {kind} cannot stand here", line, column), text, path
        ) from None
    else:
        return resolve_document(document) if resolve else document
    finally:
        if collecting:
            gc.enable()


def _located(error: MarkupError, text: str, path: str | None) -> MarkupError:
    if error.source_line is None:
        lines = text.split("\n")
        if 0 < error.line <= len(lines):
            error.source_line = lines[error.line - 1]
    if path is not None:
        error.path = path
    return error


def parse_bytes(data: bytes, path: str | None = None, *, resolve: bool = True) -> Document:
    """Decode a file's bytes (UTF-8, any line endings) and parse them."""
    return parse(decode_source(data, path), path, resolve=resolve)


def parse_file(path: str) -> Document:
    """Read and parse the file at ``path``."""
    with open(path, "rb") as handle:
        return parse_bytes(handle.read(), path)
