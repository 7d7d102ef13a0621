"""The printable flow: a document as the blocks a paged writer sets, before wrapping.

:func:`build_flow` turns a resolved :class:`~scriptgen.ast.Document` into a flat
list of :class:`FlowBlock` for one layout.  The layout's ``kind`` decides the
shape:

* ``screenplay``: scene headings, action (line breaks and indentation kept),
  dialogue as one group (cue, parentheticals, speech, lyrics), dual dialogue
  as a pair of groups, transitions, centered text, lyrics, music cues set
  apart, forced page breaks; sections, synopses and notes only when the
  layout's ``print_sections`` / ``print_synopses`` / ``print_notes`` are on.
* ``treatment``: acts and sequences as headings, each scene opening with its
  slugline (option ``sluglines``), action as prose paragraphs with every cast
  member's first appearance in CAPITALS, brief dialogue, music cues as one
  line each.

Text stays styled: each line is a tuple of :class:`StyledRun`.  Layout
capitals (``caps``) are already applied; the element's own bold/italic/
underline from the layout is *not* folded into the runs, so a DOCX writer can
leave it to the paragraph style while a PDF writer ORs it in.

The front matter of a treatment comes from the same place for every writer:
:func:`cast_entries` and :func:`song_list`.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field

from .ast import (
    Action,
    Boneyard,
    Centered,
    Dialogue,
    Document,
    DualDialogue,
    InlineBoneyard,
    InlineCue,
    InlineNote,
    Lyrics,
    Mention,
    MusicCue,
    Note,
    PageBreak,
    Parenthetical,
    Scene,
    Section,
    Speech,
    Synopsis,
    Text,
    TextRun,
    Transition,
)
from .layout import ELEMENT_NAMES, Layout

__all__ = [
    "BLOCK_KINDS",
    "CastEntry",
    "FlowBlock",
    "FrontEntry",
    "FrontPage",
    "Line",
    "SceneRef",
    "Song",
    "SongGroup",
    "StyledRun",
    "build_flow",
    "cast_entries",
    "front_matter",
    "line_text",
    "music_cue_text",
    "song_list",
    "styled_line",
]

#: Every ``FlowBlock.kind``.  Most are layout element names; ``dialogue_group``
#: and ``dual_dialogue`` hold parts, ``act`` and ``sequence`` are a treatment's
#: headings (set in the ``section`` style), ``page_break`` carries no text.
BLOCK_KINDS = (*ELEMENT_NAMES, "dialogue_group", "dual_dialogue", "act", "sequence", "page_break")

OPEN_QUOTE = "\u201c"
CLOSE_QUOTE = "\u201d"
NOTE_SIGN = "\u266a"


# Not frozen, for the same reason as FlowBlock: every printed line has at
# least one run, and frozen fields cost an object.__setattr__ call each.
@dataclass(slots=True, unsafe_hash=True)
class StyledRun:
    """A piece of printed text with its emphasis (read-only by convention)."""

    text: str
    """The characters to print."""
    bold: bool = False
    """Set in bold."""
    italic: bool = False
    """Set in italic."""
    underline: bool = False
    """Underlined."""

    def with_text(self, text: str) -> StyledRun:
        """The same emphasis around other text."""
        return StyledRun(text, self.bold, self.italic, self.underline)


#: One printed line: runs in reading order.
Line = tuple[StyledRun, ...]


def line_text(line: Line) -> str:
    """The plain characters of a line."""
    # A list joins faster than a generator; this runs for every wrapped line.
    return "".join([run.text for run in line])


@dataclass(frozen=True, slots=True)
class SceneRef:
    """The scene a block belongs to, for scene numbers, outlines and reports."""

    number: int
    """Position among the document's scenes, from 1."""
    label: str
    """The scene number to print (the written ``#n#`` or the position)."""
    heading: str
    """The heading as printed (capitals)."""


# Not frozen: a frozen dataclass sets each field through object.__setattr__,
# which made building the blocks a third of the flow's time.  Nothing changes
# a block once built, and blocks stay hashable as before.
@dataclass(slots=True, unsafe_hash=True)
class FlowBlock:
    """One printable block of the flow, before wrapping (read-only by convention)."""

    kind: str
    """What the block is: one of :data:`BLOCK_KINDS`."""
    style: str = ""
    """The layout element that sets it (``layout.element(style)``); empty for
    ``dialogue_group``, ``dual_dialogue`` and ``page_break``."""
    lines: tuple[Line, ...] = ()
    """The text, one entry per source line (an empty line is a kept blank line)."""
    parts: tuple[FlowBlock, ...] = ()
    """A dialogue group's parts (``character`` first, then ``parenthetical``,
    ``dialogue``, ``lyrics``); a dual dialogue's two groups."""
    scene: SceneRef | None = None
    """The scene the block sits in, or ``None`` before the first scene."""
    act: str | None = None
    """The title of the act (level-1 section) the block sits in, if any."""
    starts_scene: bool = False
    """True on the first block of a scene (its heading, when printed)."""
    starts_act: bool = False
    """True on the first block printed after a level-1 section begins."""
    keep_with_next: bool = False
    """Never the last block on a page (scene headings, sections, a music cue
    over its lyrics)."""
    blank_before: int = 0
    """Blank lines above the block (dropped at the top of a page)."""
    level: int = 0
    """Depth of a section (number of ``#``); 0 for other blocks."""

    @property
    def text(self) -> str:
        """All lines' plain text joined with newlines (parts included)."""
        if self.parts:
            return "\n".join(part.text for part in self.parts)
        return "\n".join(line_text(line) for line in self.lines)


@dataclass
class _State:
    """What :func:`build_flow` carries from block to block."""

    scene: SceneRef | None = None
    act: str | None = None
    act_pending: bool = False
    blocks: list[FlowBlock] = field(default_factory=list)


def build_flow(document: Document, layout: Layout) -> list[FlowBlock]:
    """The document as the sequence of printable blocks for ``layout``'s kind."""
    builder = _Builder(layout)
    # The flow allocates many small objects and no reference cycles; pausing
    # the cycle collector keeps a long script's cost linear (see paginate).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for block in document.body:
            if isinstance(block, Scene):
                builder.scene(block)
            elif isinstance(block, Section):
                builder.section(block)
            else:
                builder.element(block)
    finally:
        if was_enabled:
            gc.enable()
    return builder.state.blocks


class _Builder:
    """Builds the flow for one layout; one method per AST node kind."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.treatment = layout.kind == "treatment"
        self.state = _State()
        # Element settings read for every block, looked up once per flow.
        self._keep = {name: e.keep_with_next for name, e in layout.elements.items()}
        self._blank = {name: e.blank_before for name, e in layout.elements.items()}
        self._caps = {name: e.caps for name, e in layout.elements.items()}
        if layout.option("lyrics_caps"):
            self._caps["lyrics"] = True

    # -- helpers ---------------------------------------------------------

    def _emit(
        self,
        kind: str,
        style: str,
        lines: tuple[Line, ...],
        parts: tuple[FlowBlock, ...] = (),
        keep_with_next: bool = False,
        blank_before: int = 0,
        level: int = 0,
        starts_scene: bool = False,
    ) -> None:
        """Append a block in the current scene and act.

        Every block is built once, here, with its place in the document:
        frozen dataclasses are slow to build and a long script has thousands.
        """
        state = self.state
        starts_act = state.act_pending
        state.act_pending = False
        state.blocks.append(
            FlowBlock(
                kind,
                style,
                lines,
                parts,
                state.scene,
                state.act,
                starts_scene,
                starts_act,
                keep_with_next,
                blank_before,
                level,
            )
        )

    def _emit_simple(self, kind: str, lines: tuple[Line, ...], style: str | None = None) -> None:
        """Append a block set in its own element style (or ``style``)."""
        name = style or kind
        self._emit(kind, name, lines, (), self._keep[name], self._blank[name])

    def _part(self, kind: str, lines: tuple[Line, ...]) -> FlowBlock:
        """A part of a dialogue group, set in its own element style (no scene or act)."""
        return FlowBlock(
            kind, kind, lines, (), None, None, False, False, self._keep[kind], self._blank[kind], 0
        )

    def _text(self, text: Text, style: str, *, capitals_first: bool = False) -> Line:
        return styled_line(text, caps=self._caps[style], capitals_first=capitals_first)

    # -- structure -------------------------------------------------------

    def section(self, section: Section) -> None:
        state = self.state
        if section.level == 1:
            state.act = section.text
            state.act_pending = True
        keep, blank = self._keep["section"], self._blank["section"]
        if self.treatment:
            kind = "act" if section.level == 1 else "sequence"
            caps = kind == "act" and self._caps["section"]
            text = section.text.upper() if caps else section.text
            self._emit(kind, "section", ((StyledRun(text),),), (), keep, blank, section.level)
        elif self.layout.option("print_sections"):
            lines = ((StyledRun(_caps(section.text, "section", self)),),)
            self._emit("section", "section", lines, (), keep, blank, section.level)

    def scene(self, scene: Scene) -> None:
        heading = _caps(scene.heading.text, "scene_heading", self)
        self.state.scene = SceneRef(number=scene.number, label=scene.label, heading=heading)
        first = True
        if not self.treatment or self.layout.option("sluglines"):
            self._emit(
                "scene_heading",
                "scene_heading",
                ((StyledRun(heading),),),
                (),
                self._keep["scene_heading"],
                self._blank["scene_heading"],
                starts_scene=True,
            )
            first = False
        blocks = self.state.blocks
        for element in scene.elements:
            before = len(blocks)
            self.element(element)
            if first and len(blocks) > before:
                blocks[before] = _replace(blocks[before], starts_scene=True)
                first = False

    # -- elements --------------------------------------------------------

    def element(self, element: object) -> None:
        if isinstance(element, Action):
            self.action(element)
        elif isinstance(element, Dialogue):
            parts, blank = self.dialogue_parts(element)
            self._emit("dialogue_group", "", (), parts, False, blank)
        elif isinstance(element, DualDialogue):
            left = self.dialogue(element.left)
            right = self.dialogue(element.right)
            blank = max(left.blank_before, right.blank_before)
            self._emit("dual_dialogue", "", (), (left, right), False, blank)
        elif isinstance(element, Transition):
            text = _caps(element.text, "transition", self)
            self._emit_simple("transition", ((StyledRun(text),),))
        elif isinstance(element, Centered):
            self._emit_simple("centered", (self._text(element.text, "centered"),))
        elif isinstance(element, Lyrics):
            lines = tuple(self._text(t, "lyrics") for t in element.lines)
            # Standalone lyrics stand apart from the prose like a paragraph.
            blank = self._blank["action"]
            self._emit("lyrics", "lyrics", lines, (), self._keep["lyrics"], blank)
        elif isinstance(element, MusicCue):
            self.music_cue(element)
        elif isinstance(element, Note):
            if self.layout.option("print_notes"):
                lines = tuple((StyledRun(t),) for t in element.text.split("\n"))
                self._emit_simple("note", lines)
        elif isinstance(element, Synopsis):
            if self.layout.option("print_synopses"):
                self._emit_simple("synopsis", (self._text(element.text, "synopsis"),))
        elif isinstance(element, PageBreak):
            self._emit("page_break", "", ())
        elif isinstance(element, Boneyard):
            return
        else:
            raise TypeError(f"the flow cannot set a {type(element).__name__}")

    def action(self, action: Action) -> None:
        if not self.treatment:
            caps = self._caps["action"]
            lines = tuple(styled_line(t, caps=caps) for t in action.lines)
            self._emit_simple("action", lines)
            return
        # A treatment reads as prose: source lines run on into paragraphs,
        # a kept blank line starts a new one.
        paragraph: list[StyledRun] = []
        for text in (*action.lines, Text()):
            if text:
                line = self._text(text, "action", capitals_first=True)
                if paragraph and line:
                    paragraph.append(StyledRun(" "))
                paragraph.extend(_strip_line(line))
            elif paragraph:
                self._emit_simple("action", (_merge(paragraph),))
                paragraph = []

    def dialogue_parts(self, dialogue: Dialogue) -> tuple[tuple[FlowBlock, ...], int]:
        """A dialogue's parts (cue first) and the blank lines above the group."""
        cue = dialogue.character.upper()
        if dialogue.extensions:
            cue += " " + " ".join(f"({ext.upper()})" for ext in dialogue.extensions)
        parts = [self._part("character", ((StyledRun(cue),),))]
        for part in dialogue.parts:
            if isinstance(part, Parenthetical):
                parts.append(self._part("parenthetical", (self._text(part.text, "parenthetical"),)))
            else:
                kind = "dialogue" if isinstance(part, Speech) else "lyrics"
                caps = self._caps[kind]
                parts.append(self._part(kind, tuple(styled_line(t, caps=caps) for t in part.lines)))
        return tuple(parts), self._blank["character"]

    def dialogue(self, dialogue: Dialogue) -> FlowBlock:
        """A dialogue as a group block outside any scene (one side of a dual dialogue)."""
        parts, blank = self.dialogue_parts(dialogue)
        return FlowBlock(kind="dialogue_group", parts=parts, blank_before=blank)

    def music_cue(self, cue: MusicCue) -> None:
        keep = True if cue.lyrics else self._keep["music_cue"]
        title = ((StyledRun(music_cue_text(cue)),),)
        self._emit("music_cue", "music_cue", title, (), keep, self._blank["music_cue"])
        if cue.lyrics:
            lines = tuple(self._text(t, "lyrics") for t in cue.lyrics)
            self._emit("lyrics", "lyrics", lines, (), self._keep["lyrics"], 0)


def music_cue_text(cue: MusicCue) -> str:
    """The printed line of a block music cue: ``♪ “Title” (MIA, SEBASTIAN)``."""
    inside = [p.text for p in cue.performers] + list(cue.tags)
    suffix = f" ({', '.join(inside)})" if inside else ""
    return f"{NOTE_SIGN} {OPEN_QUOTE}{cue.title}{CLOSE_QUOTE}{suffix}"


def styled_line(text: Text, *, caps: bool = False, capitals_first: bool = False) -> Line:
    """A ``Text`` as printed runs.

    Notes and boneyard drop out, inline cues print as the title in curly
    quotes, mentions print as written; with ``capitals_first`` a cast
    member's first appearance prints in CAPITALS (the treatment convention).
    """
    runs: list[StyledRun] = []
    for run in text.runs:
        # Plain text first: it is most of every script.
        if isinstance(run, TextRun):
            value = run.text
        elif isinstance(run, Mention):
            value = run.text.upper() if capitals_first and run.first else run.text
        elif isinstance(run, InlineCue):
            value = f"{OPEN_QUOTE}{run.title}{CLOSE_QUOTE}"
        else:
            assert isinstance(run, InlineNote | InlineBoneyard)
            continue
        if caps:
            value = value.upper()
        style = run.style
        if style:
            runs.append(StyledRun(value, "bold" in style, "italic" in style, "underline" in style))
        else:
            runs.append(StyledRun(value))
    return _merge(runs)


def _merge(runs: list[StyledRun]) -> Line:
    """Join neighbouring runs of the same emphasis; drop empty ones."""
    if len(runs) == 1:
        return (runs[0],) if runs[0].text else ()
    merged: list[StyledRun] = []
    for run in runs:
        if not run.text:
            continue
        if merged and _same_style(merged[-1], run):
            merged[-1] = merged[-1].with_text(merged[-1].text + run.text)
        else:
            merged.append(run)
    return tuple(merged)


def _same_style(a: StyledRun, b: StyledRun) -> bool:
    return (a.bold, a.italic, a.underline) == (b.bold, b.italic, b.underline)


def _strip_line(line: Line) -> list[StyledRun]:
    """The line without leading and trailing spaces (prose joins lines itself)."""
    runs = list(line)
    while runs and not runs[0].text.strip():
        runs.pop(0)
    while runs and not runs[-1].text.strip():
        runs.pop()
    if runs:
        runs[0] = runs[0].with_text(runs[0].text.lstrip())
        runs[-1] = runs[-1].with_text(runs[-1].text.rstrip())
    return runs


def _caps(text: str, style: str, builder: _Builder) -> str:
    return text.upper() if builder._caps[style] else text


def _replace(block: FlowBlock, **changes: object) -> FlowBlock:
    import dataclasses

    return dataclasses.replace(block, **changes)  # type: ignore[arg-type]


# --------------------------------------------------------------------------
# Front matter shared by the treatment writers
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CastEntry:
    """One line of a cast page."""

    name: str
    """The member's NAME in capitals."""
    actor: str | None
    """The actor, if declared."""
    description: str | None
    """The one-line description, if declared."""


def cast_entries(document: Document) -> list[CastEntry]:
    """The cast page's entries, in the order the title page declares them."""
    return [CastEntry(m.name, m.actor, m.description) for m in document.cast]


@dataclass(frozen=True, slots=True)
class Song:
    """One musical number, from a block cue or an inline cue."""

    title: str
    """The title, without quotes."""
    performers: tuple[str, ...]
    """Performers as written in the cue."""
    tags: tuple[str, ...]
    """The cue's tags (``reprise``, ``instrumental`` …)."""
    scene: SceneRef | None
    """The scene the cue sits in."""
    inline: bool
    """True for a cue named inside prose."""

    @property
    def reprise(self) -> bool:
        """True when tagged ``reprise``."""
        return "reprise" in self.tags

    @property
    def label(self) -> str:
        """The title as listed: ``“City of Stars” (reprise)``."""
        mark = " (reprise)" if self.reprise else ""
        return f"{OPEN_QUOTE}{self.title}{CLOSE_QUOTE}{mark}"

    @property
    def credit(self) -> str:
        """Who performs it: the performers, else ``Ensemble`` / ``Instrumental``, else ``""``."""
        if self.performers:
            return ", ".join(self.performers)
        if "ensemble" in self.tags:
            return "Ensemble"
        if "instrumental" in self.tags:
            return "Instrumental"
        return ""


@dataclass(frozen=True, slots=True)
class SongGroup:
    """The songs of one act (``act`` is ``None`` before the first act)."""

    act: str | None
    """The act's title."""
    songs: tuple[Song, ...]
    """Its songs in order."""


def song_list(document: Document) -> list[SongGroup]:
    """Every musical number in order, grouped by act; block and inline cues both count."""
    groups: list[tuple[str | None, list[Song]]] = [(None, [])]
    scene_ref: SceneRef | None = None
    for block in document.body:
        if isinstance(block, Section):
            if block.level == 1:
                groups.append((block.text, []))
            continue
        if isinstance(block, Scene):
            scene_ref = SceneRef(block.number, block.label, block.heading.text.upper())
            elements: tuple[object, ...] = block.elements
        else:
            elements = (block,)
        for element in elements:
            groups[-1][1].extend(_songs_in(element, scene_ref))
    return [SongGroup(act, tuple(songs)) for act, songs in groups if songs]


@dataclass(frozen=True, slots=True)
class FrontEntry:
    """One line of a treatment's front matter."""

    kind: str
    """``logline``, ``cast``, ``song_act`` (an act's title in the song list) or ``song``."""
    line: Line
    """The printed runs."""
    tight: bool = False
    """True for a song listed directly under the one before it (no blank line)."""


@dataclass(frozen=True, slots=True)
class FrontPage:
    """One page of front matter: a heading and its entries."""

    title: str
    """``Logline``, ``Cast`` or ``Musical Numbers``."""
    entries: tuple[FrontEntry, ...]
    """The lines under the heading."""


def front_matter(document: Document, layout: Layout) -> list[FrontPage]:
    """A treatment's front matter, page by page: logline, cast, song list.

    The cast page and the song list follow the layout's ``cast_page`` and
    ``song_list`` options; pages with nothing to list are left out. The PDF
    and DOCX writers both set these pages from here.
    """
    pages: list[FrontPage] = []
    title_page = document.title_page
    logline = title_page.get("logline") if title_page is not None else None
    if logline is not None:
        lines = tuple(FrontEntry("logline", styled_line(t)) for t in logline.lines)
        pages.append(FrontPage("Logline", lines))
    if layout.option("cast_page") and document.cast:
        entries = []
        for entry in cast_entries(document):
            line = [StyledRun(entry.name, bold=True)]
            if entry.actor:
                line.append(StyledRun(f" ({entry.actor})"))
            if entry.description:
                line.append(StyledRun(f": {entry.description}"))
            entries.append(FrontEntry("cast", tuple(line)))
        pages.append(FrontPage("Cast", tuple(entries)))
    groups = song_list(document) if layout.option("song_list") else []
    if groups:
        songs: list[FrontEntry] = []
        for group in groups:
            if group.act:
                songs.append(FrontEntry("song_act", (StyledRun(group.act, bold=True),)))
            for index, song in enumerate(group.songs):
                line = [StyledRun(song.label)]
                if song.credit:
                    line.append(StyledRun(f" \N{EM DASH} {song.credit}"))
                # Songs stand close under their act title, or under the first song.
                tight = index > 0 or bool(group.act)
                songs.append(FrontEntry("song", tuple(line), tight))
        pages.append(FrontPage("Musical Numbers", tuple(songs)))
    return pages


def _songs_in(element: object, scene: SceneRef | None) -> list[Song]:
    if isinstance(element, MusicCue):
        performers = tuple(p.text for p in element.performers)
        return [Song(element.title, performers, element.tags, scene, False)]
    texts: list[Text] = []
    if isinstance(element, Action):
        texts = list(element.lines)
    elif isinstance(element, Centered | Synopsis):
        texts = [element.text]
    elif isinstance(element, Dialogue | DualDialogue):
        dialogues = (element,) if isinstance(element, Dialogue) else (element.left, element.right)
        for d in dialogues:
            for part in d.parts:
                texts.extend([part.text] if isinstance(part, Parenthetical) else part.lines)
    songs = []
    for text in texts:
        for run in text.runs:
            if isinstance(run, InlineCue):
                performers = tuple(p.text for p in run.performers)
                songs.append(Song(run.title, performers, run.tags, scene, True))
    return songs
