"""The scene AST: frozen, typed nodes for a marked-up synopsis or screenplay.

Every node is a frozen, slotted dataclass.  Each carries its source ``span``
outside equality (``compare=False``), so two trees parsed from differently
formatted sources compare equal when they mean the same thing, while errors,
warnings and reports can still point into the source.

Block structure::

    Document
      title_page: TitlePage | None      (fields, including the Cast)
      body: (Section | Scene | <element>)*
    Scene
      heading: Slugline
      elements: <element>*
    <element> = Action | Dialogue | DualDialogue | Transition | Centered
              | Lyrics | MusicCue | Note | Boneyard | Synopsis | PageBreak

Inline text is a :class:`Text`: a tuple of runs (:class:`TextRun`,
:class:`Mention`, :class:`InlineCue`, :class:`InlineNote`, :class:`InlineBoneyard`), each with its
emphasis ``style``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

__all__ = [
    "Action",
    "Appearance",
    "Block",
    "Boneyard",
    "CastList",
    "CastMember",
    "Centered",
    "Dialogue",
    "DialoguePart",
    "Document",
    "DualDialogue",
    "Element",
    "InlineBoneyard",
    "InlineCue",
    "InlineNote",
    "Lyrics",
    "Mention",
    "MusicCue",
    "Note",
    "PageBreak",
    "Parenthetical",
    "Performer",
    "Run",
    "Scene",
    "Section",
    "Slugline",
    "Span",
    "Speech",
    "Synopsis",
    "Text",
    "TextRun",
    "TitleField",
    "TitlePage",
    "Transition",
]

#: Emphasis styles a run may carry, always in this order.
STYLES = ("bold", "italic", "underline")

#: Tags a musical cue may carry besides performers.
CUE_TAGS = ("instrumental", "reprise", "source", "background", "ensemble")


@dataclass(frozen=True, slots=True)
class Span:
    """A place in the source: 1-based line and column, end exclusive."""

    line: int
    """Line where the node starts (1-based)."""
    column: int
    """Column where the node starts (1-based, in characters)."""
    end_line: int
    """Line where the node ends."""
    end_column: int
    """Column just past the node's last character."""


# --------------------------------------------------------------------------
# Inline text
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TextRun:
    """Plain text with emphasis."""

    text: str
    """The characters, escapes already removed."""
    style: tuple[str, ...] = ()
    """Emphasis, a subset of ``STYLES`` in that order."""


@dataclass(frozen=True, slots=True)
class Mention:
    """A character named in prose: found from the cast, or forced with ``@``."""

    text: str
    """The name as written (without ``@`` or braces; possessive not included)."""
    member: str | None = None
    """The cast member's NAME this resolves to; ``None`` for a forced name not in the cast."""
    forced: bool = False
    """True when written ``@Name`` or ``@{Two Words}``."""
    first: bool = False
    """True on the member's first appearance in the document (set by resolve)."""
    style: tuple[str, ...] = ()
    """Emphasis of the surrounding text."""
    span: Span | None = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> str:
        """The name this mention counts under: the member, or the forced name in capitals."""
        return self.member if self.member is not None else self.text.upper()


@dataclass(frozen=True, slots=True)
class Performer:
    """One performer named in a musical cue's parenthetical."""

    text: str
    """The name as written."""
    member: str | None = None
    """The cast member's NAME, when the name resolves to one."""


@dataclass(frozen=True, slots=True)
class InlineCue:
    """A song named inside prose (``♪"Title"``); the title stays in the sentence."""

    title: str
    """The song title, without quotes."""
    performers: tuple[Performer, ...] = ()
    """Performers from an optional ``(…)`` written right after the title."""
    tags: tuple[str, ...] = ()
    """Tags from that parenthetical (a subset of ``CUE_TAGS``)."""
    style: tuple[str, ...] = ()
    """Emphasis of the surrounding text."""
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class InlineNote:
    """A ``[[note]]`` inside a line: kept, but not printed by default."""

    text: str
    """The note's text."""


@dataclass(frozen=True, slots=True)
class InlineBoneyard:
    """A ``/* … */`` inside a line: kept in the source, never printed."""

    text: str
    """Everything between the markers."""


Run = TextRun | Mention | InlineCue | InlineNote | InlineBoneyard


@dataclass(frozen=True, slots=True)
class Text:
    """Styled inline text: a sequence of runs."""

    runs: tuple[Run, ...] = ()
    """The runs, in reading order."""
    span: Span | None = field(default=None, compare=False, repr=False)

    @property
    def plain(self) -> str:
        """The printed text: runs joined, notes dropped, cue titles in quotes."""
        parts: list[str] = []
        for run in self.runs:
            if isinstance(run, InlineNote | InlineBoneyard):
                continue
            if isinstance(run, InlineCue):
                parts.append(f"\u201c{run.title}\u201d")
            else:
                parts.append(run.text)
        return "".join(parts)

    def __bool__(self) -> bool:
        return bool(self.runs)


# --------------------------------------------------------------------------
# Title page and cast
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CastMember:
    """One member of the cast, declared on the title page."""

    name: str
    """The NAME in capitals, as used in character cues (``MIA DOLAN``)."""
    aliases: tuple[str, ...] = ()
    """Other names written after ``/`` (``Seb``)."""
    actor: str | None = None
    """The actor, from ``(Actor)``."""
    description: str | None = None
    """The description after ``:``."""
    span: Span | None = field(default=None, compare=False, repr=False)

    @property
    def display_name(self) -> str:
        """The name in title case, as prose would write it (``Mia Dolan``)."""
        return " ".join(_title_word(w) for w in self.name.split())


def _title_word(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


@dataclass(frozen=True, slots=True)
class TitleField:
    """A ``Key: value`` entry of the title page; values may span lines."""

    key: str
    """The key as written (``Title``, ``Draft date``)."""
    lines: tuple[Text, ...]
    """One entry per value line."""
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class CastList:
    """The ``Cast:`` entry of the title page."""

    members: tuple[CastMember, ...]
    """The members in the order declared."""
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class TitlePage:
    """The title page: its fields in source order, the cast among them."""

    fields: tuple[TitleField | CastList, ...]
    """Entries in source order."""
    span: Span | None = field(default=None, compare=False, repr=False)

    def get(self, key: str) -> TitleField | None:
        """The field whose key matches ``key`` case-insensitively, if any."""
        wanted = key.casefold()
        for entry in self.fields:
            if isinstance(entry, TitleField) and entry.key.casefold() == wanted:
                return entry
        return None

    def value(self, key: str) -> str | None:
        """A field's plain text, lines joined with newlines, or ``None``."""
        entry = self.get(key)
        return None if entry is None else "\n".join(line.plain for line in entry.lines)

    @property
    def cast(self) -> tuple[CastMember, ...]:
        """All declared cast members."""
        return tuple(m for e in self.fields if isinstance(e, CastList) for m in e.members)


# --------------------------------------------------------------------------
# Elements
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Slugline:
    """A scene heading split into its parts."""

    text: str
    """The heading as written, without a forcing ``.`` or scene number."""
    prefix: str
    """``INT.``, ``EXT.``, ``INT./EXT.``, ``EST.`` as written, or ``""`` for none."""
    location: str
    """The place (``GRIFFITH OBSERVATORY``)."""
    time: str | None
    """The time of day after `` - `` (``NIGHT``), if any."""
    number: str | None = None
    """The scene number from ``#12A#``, if any."""
    forced: bool = False
    """True when written with a leading ``.``."""
    span: Span | None = field(default=None, compare=False, repr=False)

    @property
    def interior(self) -> str:
        """``INT``, ``EXT``, ``INT/EXT``, ``EST`` or ``""``, for reports."""
        p = self.prefix.upper().rstrip(".").replace(".", "").replace(" ", "")
        if p in ("I/E", "INT/EXT", "EXT/INT"):
            return "INT/EXT"
        return p


@dataclass(frozen=True, slots=True)
class Action:
    """A paragraph of action (scene description); line breaks and indentation kept."""

    lines: tuple[Text, ...]
    """One entry per source line; an empty ``Text`` is a kept blank line."""
    forced: bool = False
    """True when the first line was forced with ``!``."""
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Parenthetical:
    """A ``(wryly)`` line inside dialogue."""

    text: Text
    """The text including its parentheses."""
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Speech:
    """Spoken lines inside dialogue."""

    lines: tuple[Text, ...]
    """One entry per source line."""
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Lyrics:
    """Sung lines (``~``), standalone or inside dialogue."""

    lines: tuple[Text, ...]
    """One entry per ``~`` line, without the ``~``."""
    cue: str | None = None
    """Title of the musical cue these lyrics belong to (set by resolve)."""
    span: Span | None = field(default=None, compare=False, repr=False)


DialoguePart = Parenthetical | Speech | Lyrics


@dataclass(frozen=True, slots=True)
class Dialogue:
    """A character cue and what they say."""

    character: str
    """The cue's name as written (``MIA``), without extensions."""
    extensions: tuple[str, ...] = ()
    """Extensions without parentheses (``V.O.``, ``cont'd``)."""
    parts: tuple[DialoguePart, ...] = ()
    """Parentheticals, speech and lyrics in order."""
    forced: bool = False
    """True when the cue was forced with ``@``."""
    member: str | None = None
    """The cast member's NAME the cue resolves to (set by resolve)."""
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class DualDialogue:
    """Two dialogues spoken at once, printed side by side (second cue marked ``^``)."""

    left: Dialogue
    """The first speaker."""
    right: Dialogue
    """The second speaker (the cue written with ``^``)."""
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Transition:
    """A transition (``CUT TO:``), printed at the right edge."""

    text: str
    """The transition as written, without a forcing ``>``."""
    forced: bool = False
    """True when written with a leading ``>``."""
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Centered:
    """Centered text (``> THE END <``)."""

    text: Text
    """The text between the markers."""
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class MusicCue:
    """A block musical cue (``♪ "Title" (performers, tags)``) and its lyrics."""

    title: str
    """The song title, without quotes."""
    performers: tuple[Performer, ...] = ()
    """Performers named in the parenthetical."""
    tags: tuple[str, ...] = ()
    """Tags from the parenthetical (a subset of ``CUE_TAGS``)."""
    lyrics: tuple[Text, ...] = ()
    """``~`` lines written directly under the cue."""
    quoted: bool = True
    """False when the title was written bare, without quotes."""
    span: Span | None = field(default=None, compare=False, repr=False)

    @property
    def vocal(self) -> bool:
        """True unless tagged ``instrumental``."""
        return "instrumental" not in self.tags


@dataclass(frozen=True, slots=True)
class Note:
    """A ``[[note]]`` standing on its own lines."""

    text: str
    """The note's text, line breaks kept."""
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Boneyard:
    """Text between ``/*`` and ``*/``: kept in the source, never printed."""

    text: str
    """Everything between the markers."""
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Synopsis:
    """A ``= synopsis`` line."""

    text: Text
    """The text after ``=``."""
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class PageBreak:
    """A forced page break (``===``)."""

    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Section:
    """A ``#`` section heading: acts at depth 1, sequences below."""

    level: int
    """Number of ``#`` signs."""
    text: str
    """The heading text."""
    span: Span | None = field(default=None, compare=False, repr=False)


Element = (
    Action
    | Dialogue
    | DualDialogue
    | Transition
    | Centered
    | Lyrics
    | MusicCue
    | Note
    | Boneyard
    | Synopsis
    | PageBreak
)


@dataclass(frozen=True, slots=True)
class Appearance:
    """A cast member (or forced name) appearing in a scene."""

    name: str
    """The member's NAME, or a forced name in capitals."""
    mentions: int
    """Mentions in prose."""
    dialogues: int
    """Dialogue blocks spoken."""
    cues: int
    """Musical cues performed."""
    spans: tuple[Span, ...] = field(default=(), compare=False, repr=False)
    """Where in the source: every mention, cue and performer."""


@dataclass(frozen=True, slots=True)
class Scene:
    """A scene: its heading and everything up to the next heading or section."""

    heading: Slugline
    """The scene heading."""
    elements: tuple[Element, ...] = ()
    """The scene's elements in order."""
    number: int = 0
    """Position among the document's scenes, from 1 (set by resolve)."""
    appearances: tuple[Appearance, ...] = ()
    """Who appears, in order of first appearance (set by resolve)."""
    span: Span | None = field(default=None, compare=False, repr=False)

    @property
    def label(self) -> str:
        """The scene number to print: the written ``#n#`` or the position."""
        return self.heading.number or str(self.number)


Block = Section | Scene | Element


@dataclass(frozen=True, slots=True)
class Document:
    """A whole marked-up file."""

    title_page: TitlePage | None
    """The title page, if the file opens with one."""
    body: tuple[Block, ...]
    """Sections, scenes, and any elements before the first scene."""
    span: Span | None = field(default=None, compare=False, repr=False)

    @property
    def cast(self) -> tuple[CastMember, ...]:
        """The declared cast (empty without a ``Cast:`` entry)."""
        return self.title_page.cast if self.title_page else ()

    @property
    def scenes(self) -> tuple[Scene, ...]:
        """All scenes in order."""
        return tuple(b for b in self.body if isinstance(b, Scene))

    def title(self) -> str | None:
        """The title page's ``Title``, lines joined with spaces."""
        if self.title_page is None:
            return None
        value = self.title_page.value("title")
        return None if value is None else " ".join(value.split("\n"))

    def walk(self) -> Iterator[tuple[Scene | None, Block]]:
        """Every section, scene and element with the scene it sits in (``None`` outside)."""
        for block in self.body:
            if isinstance(block, Scene):
                yield None, block
                for element in block.elements:
                    yield block, element
            else:
                yield None, block


def iter_texts(element: Element) -> Iterator[Text]:
    """Every inline ``Text`` inside an element, in reading order."""
    if isinstance(element, Action | Lyrics):
        yield from element.lines
    elif isinstance(element, Centered | Synopsis):
        yield element.text
    elif isinstance(element, Dialogue):
        yield from _dialogue_texts(element)
    elif isinstance(element, DualDialogue):
        yield from _dialogue_texts(element.left)
        yield from _dialogue_texts(element.right)
    elif isinstance(element, MusicCue):
        yield from element.lyrics


def _dialogue_texts(dialogue: Dialogue) -> Iterator[Text]:
    for part in dialogue.parts:
        if isinstance(part, Parenthetical):
            yield part.text
        else:
            yield from part.lines
