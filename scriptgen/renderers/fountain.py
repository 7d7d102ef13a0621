"""Fountain text out of the AST: plain Fountain 1.1, and the marked-up source form.

One writer serves two purposes, chosen by its :class:`Policy`:

``Policy.PLAIN`` (``--format fountain``)
    Plain Fountain 1.1 that every Fountain tool (Highland, Beat, afterwriting,
    the VS Code modes, jouvence, screenplain) reads the same way, and that
    scriptgen reads back as the same screenplay. The extensions are lowered by
    :func:`lower` first: a first appearance (``Mention.first``) in CAPITALS,
    other mentions as plain text, an inline cue as its title in curly quotes,
    a block cue as an action line (see :func:`cue_line`) followed by its
    lyrics as ``~`` lines. The ``Cast:`` entry stays on the title page, where
    Fountain tools keep metadata they do not print. Forcing characters
    (``!`` ``@`` ``.`` ``>``) appear only where scriptgen or one of the common
    readers would otherwise take a line for something else.

``Policy.SOURCE`` (``scriptgen fmt``, see :mod:`scriptgen.fmt`)
    The marked-up source in one canonical form, extensions kept. Forcing
    characters the writer typed are kept (they are part of the tree); others
    are added only where the parser would misread a line, and a line that
    merely starts with a special character gets a backslash instead.

Whether a line would be misread is decided by asking the line classifier
itself (:mod:`scriptgen.lexer`), so the writer and the parser cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Iterable, Sequence
from typing import ClassVar

from ..ast import (
    Action,
    Block,
    Boneyard,
    CastList,
    CastMember,
    Centered,
    Dialogue,
    DialoguePart,
    Document,
    DualDialogue,
    Element,
    InlineBoneyard,
    InlineCue,
    InlineNote,
    Lyrics,
    Mention,
    MusicCue,
    Note,
    PageBreak,
    Parenthetical,
    Run,
    Scene,
    Section,
    Slugline,
    Speech,
    Synopsis,
    Text,
    TextRun,
    TitleField,
    TitlePage,
    Transition,
)
from ..lexer import group_kind, is_title_key, starts_own_group
from .base import Renderer, RenderOptions

__all__ = [
    "FountainRenderer",
    "FountainWriter",
    "Policy",
    "cue_line",
    "lower",
    "lower_text",
    "merge_runs",
    "settle_forcing",
]


class Policy(enum.Enum):
    """Which Fountain the writer produces."""

    PLAIN = "plain"
    """Plain Fountain 1.1 for every Fountain tool (extensions already lowered)."""
    SOURCE = "source"
    """scriptgen's marked-up source, extensions kept (the formatter)."""


# ---------------------------------------------------------------------------
# What other Fountain readers take a line for.  The plain output must also be
# safe for them, so these patterns are the union of jouvence's, screenplain's
# and the line-by-line readers' (Beat, screenplay-tools) rules.
# ---------------------------------------------------------------------------

#: A scene heading every reader recognises without a forcing dot.
_PORTABLE_HEADING_RE = re.compile(r"(?:INT|EXT|EST|INT\.?/EXT|I/E)[. ]", re.IGNORECASE)
#: A character cue jouvence (the strictest common reader) recognises without ``@``.
_PORTABLE_CUE_RE = re.compile(r"[A-Z][A-Z\-._\s]+\s*(?:\(.*\))?")
#: A transition jouvence recognises without ``>``.
_PORTABLE_TRANSITION_RE = re.compile(r"[^a-z]+TO:")
#: Line starts that line-by-line readers treat specially anywhere in a paragraph.
_LINE_READER_LEADS = ("!", "@", "~", "=", "#", ">", "[[", "/*", "\u266a", "%%")

#: A line that line-by-line readers take for a forced scene heading.
_FORCED_HEADING_RE = re.compile(r"\.[^\W_]")
#: Characters that open a special line and that a backslash makes literal.
_LEAD_ESCAPABLE = frozenset("\\*_@[/♪%~!#=.>(")
#: Names a forced mention may use without braces (the inline reader's rule).
_BARE_MENTION_RE = re.compile(r"\w+(?:[-.]\w+)*")
_QUOTES = '"\u201c'

_MARKERS = {"underline": "_", "bold": "**", "italic": "*"}
#: Opening order, outermost first: ``_***both***_``.
_OPEN_ORDER = ("underline", "bold", "italic")


def _kind(line: str, next_blank: bool) -> str:
    """What the parser takes a paragraph's first line for (``""`` for a blank line)."""
    stripped = line.strip()
    return group_kind(stripped, next_blank) if stripped else ""


def _reads_as_heading(stripped: str) -> bool:
    """True when some reader takes the line for a scene heading, forced or not."""
    return bool(_PORTABLE_HEADING_RE.match(stripped) or _FORCED_HEADING_RE.match(stripped))


def merge_runs(runs: Iterable[Run]) -> tuple[Run, ...]:
    """Runs with neighbouring text runs of the same style joined and empty ones dropped."""
    out: list[Run] = []
    for run in runs:
        if isinstance(run, TextRun):
            if not run.text:
                continue
            last = out[-1] if out else None
            if isinstance(last, TextRun) and last.style == run.style:
                out[-1] = TextRun(last.text + run.text, run.style)
                continue
        out.append(run)
    return tuple(out)


# ---------------------------------------------------------------------------
# Inline text
# ---------------------------------------------------------------------------


class _Literal(str):
    """A piece of a line that is text, to be escaped once its neighbours are known."""

    __slots__ = ()


#: Characters _escape may put a backslash before; text without them is left as it is.
_MAY_ESCAPE_RE = re.compile(r"[\\*_@\[/♪%(]")


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _escape(text: str, following: str, after_cue: bool, inside_words: bool = False) -> str:
    """Backslash the characters the inline reader would take for markup.

    ``following`` is the output right after this text (a forced mention or an
    inline cue is recognised by what comes next); ``after_cue`` says an inline
    cue without a parenthetical stands just before, so a ``(`` here would be
    read as its performers. With ``inside_words`` an underscore between two
    word characters is left bare, since it can neither open nor close emphasis.
    """
    if _MAY_ESCAPE_RE.search(text) is None:
        return text
    out: list[str] = []
    count = len(text)
    for index, char in enumerate(text):
        nxt = text[index + 1] if index + 1 < count else following[:1]
        if (
            char == "_"
            and inside_words
            and 0 < index < count - 1
            and _is_word(text[index - 1])
            and _is_word(nxt)
        ):
            out.append(char)  # snake_case: an underscore between letters never underlines
            continue
        if (
            char in "\\*_"
            or (
                char == "@"
                and (nxt.isalnum() or nxt in "_{")
                and not (index and (_is_word(text[index - 1]) or text[index - 1] == "@"))
            )
            or (char == "[" and nxt == "[")
            or (char == "/" and nxt == "*")
            or (char == "\u266a" and nxt in _QUOTES and nxt)
            or (char == "%" and nxt == "%")
            or (char == "(" and index == 0 and after_cue)
        ):
            out.append("\\")
        out.append(char)
    return "".join(out)


def _mention_source(mention: Mention, following: str) -> str:
    """A mention as marked-up source: forced ones keep their ``@``."""
    if not mention.forced:
        return _escape(mention.text, following, False)
    extends = (
        following[:1].isalnum()
        or following[:1] == "_"
        or (following[:1] in "-." and (following[1:2].isalnum() or following[1:2] == "_"))
    )
    if _BARE_MENTION_RE.fullmatch(mention.text) and not extends:
        return "@" + mention.text
    return "@{" + mention.text + "}"


def _cue_parenthetical(performers: Sequence[str], tags: Sequence[str]) -> str:
    inside = [*performers, *tags]
    return f"({', '.join(inside)})" if inside else ""


class _Line:
    """One rendered line and whether its first visible character is literal text."""

    __slots__ = ("lead_literal", "text")

    def __init__(self, text: str, lead_literal: bool) -> None:
        self.text = text
        self.lead_literal = lead_literal

    def escaped_lead(self) -> str | None:
        """The line with a backslash before its first character, when that is allowed."""
        stripped = self.text.lstrip()
        if not self.lead_literal or not stripped or stripped[0] not in _LEAD_ESCAPABLE:
            return None
        at = len(self.text) - len(stripped)
        return self.text[:at] + "\\" + self.text[at:]


# ---------------------------------------------------------------------------
# The writer
# ---------------------------------------------------------------------------


class FountainWriter(Renderer):
    """Writes a document as Fountain text, one ``visit_<Node>`` per AST class."""

    name: ClassVar[str] = "fountain-writer"
    extension: ClassVar[str] = ".fountain"

    def __init__(self, options: RenderOptions | None = None, policy: Policy = Policy.PLAIN) -> None:
        super().__init__(options)
        self.policy = policy
        self.out: list[str] = []
        self.at_start = True

    @property
    def plain(self) -> bool:
        """True when writing plain Fountain."""
        return self.policy is Policy.PLAIN

    def render(self, document: Document) -> bytes:
        """The document as UTF-8 text."""
        return self.write(document).encode("utf-8")

    def write(self, document: Document) -> str:
        """The document as text, ending with one newline."""
        self.out = []
        self.at_start = True
        if document.title_page is not None and document.title_page.fields:
            self.visit(document.title_page)
            self.at_start = False
        for block in document.body:
            self.visit(block)
            self.at_start = False
        while self.out and self.out[-1] == "":
            self.out.pop()
        has_title_page = document.title_page is not None and bool(document.title_page.fields)
        if self.plain and not has_title_page and self.out and ":" in self.out[0]:
            # screenplain reads any first line holding a colon as a title page, even
            # one forced with "!"; a blank first line tells every reader there is none.
            self.out.insert(0, "")
        return "\n".join(self.out) + "\n" if self.out else ""

    # ---- helpers ------------------------------------------------------------

    def _block(self, *lines: str, blanks: int = 1) -> None:
        """Emit a block, with ``blanks`` blank lines before it (none at the very start)."""
        if self.out or blanks > 1:
            self.out.extend([""] * blanks)
        self.out.extend(lines)

    def line(self, text: Text) -> _Line:
        """Render inline text: emphasis, escapes, mentions, cues, notes."""
        pieces: list[str | Mention | InlineCue] = []
        stack: list[str] = []

        def set_style(style: tuple[str, ...]) -> None:
            keep = 0
            while keep < len(stack) and stack[keep] in style:
                keep += 1
            while len(stack) > keep:
                pieces.append(_MARKERS[stack.pop()])
            for name in _OPEN_ORDER:
                if name in style and name not in stack:
                    stack.append(name)
                    pieces.append(_MARKERS[name])

        for run in merge_runs(text.runs):
            if isinstance(run, InlineNote):
                pieces.append(f"[[{run.text}]]")
            elif isinstance(run, InlineBoneyard):
                pieces.append(f"/*{run.text}*/")
            else:
                set_style(run.style)
                pieces.append(_Literal(run.text) if isinstance(run, TextRun) else run)
        set_style(())
        # Escape right to left: each piece needs to know what follows it.
        rendered: list[str] = [""] * len(pieces)
        following = ""
        for index in range(len(pieces) - 1, -1, -1):
            piece: object = pieces[index]
            if isinstance(piece, _Literal):
                previous: object = pieces[index - 1] if index else None
                after_cue = (
                    isinstance(previous, InlineCue)
                    and not previous.performers
                    and not previous.tags
                    and not self.plain
                )
                value = _escape(piece, following, after_cue, inside_words=not self.plain)
            elif isinstance(piece, Mention):
                value = self._mention(piece, following)
            elif isinstance(piece, InlineCue):
                value = self._inline_cue(piece)
            else:
                value = str(piece)
            rendered[index] = value
            following = (value + following)[:2]  # escaping looks two characters ahead
        lead = next((p for p in pieces if not (isinstance(p, _Literal) and not p.strip())), None)
        return _Line("".join(rendered), isinstance(lead, _Literal))

    def _mention(self, mention: Mention, following: str) -> str:
        if self.plain:
            text = mention.text.upper() if mention.first else mention.text
            return _escape(text, following, False)
        return _mention_source(mention, following)

    def _inline_cue(self, cue: InlineCue) -> str:
        if self.plain:
            return _escape(f"\u201c{cue.title}\u201d", "", False)
        paren = _cue_parenthetical([p.text for p in cue.performers], cue.tags)
        return f'\u266a"{cue.title}"{paren}'

    def text(self, text: Text) -> str:
        """Inline text as one string."""
        return self.line(text).text

    # ---- title page -------------------------------------------------------

    def visit_TitlePage(self, page: TitlePage) -> None:
        """``Key: value`` entries; longer values on indented lines; the cast aligned."""
        for entry in page.fields:
            self.visit(entry)

    def visit_TitleField(self, entry: TitleField) -> None:
        """One title-page entry."""
        lines = [self.text(line) for line in entry.lines]
        if len(lines) == 1:
            self.out.append(f"{entry.key}: {lines[0]}")
        else:
            self.out.append(f"{entry.key}:")
            self.out.extend(f"    {line}" for line in lines)

    def visit_CastList(self, cast: CastList) -> None:
        """``Cast:`` and one member a line, actors and descriptions aligned."""
        self.out.append("Cast:")
        heads = [_cast_head(m) for m in cast.members]
        width = max(
            (len(h) for h, m in zip(heads, cast.members, strict=True) if m.actor or m.description),
            default=0,
        )
        for head, member in zip(heads, cast.members, strict=True):
            line = head
            if member.actor or member.description:
                line = head.ljust(width)
                if member.actor:
                    line += f" ({member.actor})"
                if member.description:
                    line += (
                        f": {member.description}" if member.actor else f" : {member.description}"
                    )
            self.out.append(f"    {line.rstrip()}")

    # ---- structure ----------------------------------------------------------

    def visit_Section(self, section: Section) -> None:
        """``# Act One``."""
        self._block("#" * section.level + " " + section.text)

    def visit_Scene(self, scene: Scene) -> None:
        """The heading, then each element after a blank line."""
        self._block(self.heading_line(scene.heading)[0])
        self.at_start = False
        for element in scene.elements:
            self.visit(element)

    def heading_line(self, heading: Slugline) -> tuple[str, bool]:
        """The heading as written, and whether it carries the forcing ``.``."""
        text = heading.text
        if heading.number:
            text += f" #{heading.number}#"
        needs = _kind(text, True) != "SCENE_HEADING" or (
            self.plain and _PORTABLE_HEADING_RE.match(text) is None
        )
        if heading.forced or needs:
            return "." + text, True
        return text, False

    # ---- elements -----------------------------------------------------------

    def visit_Action(self, action: Action) -> None:
        """Action lines; extra blank lines before, ``!`` or a backslash where needed."""
        leading, written, _ = self.action_lines(action)
        if written:
            self._block(*written, blanks=leading + 1)

    def action_lines(self, action: Action) -> tuple[int, list[str], bool]:
        """Leading blank lines, the lines as written, and whether the first carries ``!``.

        Empty lines before the first line of text are written as extra blank
        lines before the paragraph (that is how the parser reads them back).
        """
        lines = list(action.lines)
        leading = 0
        while leading < len(lines) and not lines[leading].runs:
            leading += 1
        body = lines[leading:]
        if not body:
            return leading, [], False
        # The parser looks at the next line to tell a cue from action; a kept blank
        # line (written as two spaces) counts as blank there, but not for screenplain.
        text_below = len(body) > 1 and bool(body[1].runs)
        first, bang = self._action_first(body[0], text_below, len(body) > 1, action.forced)
        return leading, [first, *(self._action_inner(line) for line in body[1:])], bang

    def _action_first(
        self, text: Text, text_below: bool, more: bool, forced: bool
    ) -> tuple[str, bool]:
        line = self.line(text)
        if forced:
            return "!" + line.text, True
        if not self._action_misread(line.text, text_below, more):
            return line.text, False
        if not self.plain:
            escaped = line.escaped_lead()
            if escaped is not None and not self._action_misread(escaped, text_below, more):
                return escaped, False
        return "!" + line.text, True

    def _action_misread(self, text: str, text_below: bool, more: bool) -> bool:
        stripped = text.strip()
        if not stripped:
            return True
        if stripped.startswith("!"):
            return True
        if self.at_start and is_title_key(text):
            return True
        if _kind(stripped, not text_below) != "ACTION_LINE":
            return True
        if self.plain:
            if stripped.startswith(_LINE_READER_LEADS) or _reads_as_heading(stripped):
                return True
            if more and stripped == stripped.upper() and any(c.isalpha() for c in stripped):
                return True  # screenplain: capitals over text are a character cue
        return False

    def _action_inner(self, text: Text) -> str:
        if not text.runs:
            return "  "  # Fountain's kept blank line inside a paragraph
        line = self.line(text)
        stripped = line.text.strip()
        risky = starts_own_group(stripped) or stripped.startswith("!") or not stripped
        if self.plain:
            risky = risky or stripped.startswith(_LINE_READER_LEADS) or _reads_as_heading(stripped)
        if not risky:
            return line.text
        if not self.plain:
            escaped = line.escaped_lead()
            if escaped is not None:
                return escaped
        return "!" + line.text

    def visit_Dialogue(self, dialogue: Dialogue) -> None:
        """The cue, then parentheticals, speech and ``~`` lyrics."""
        self._block(*self._dialogue_lines(dialogue, dual=False))

    def visit_DualDialogue(self, dual: DualDialogue) -> None:
        """The left dialogue, then the right one with its cue marked ``^``."""
        self._block(*self._dialogue_lines(dual.left, dual=False))
        self._block(*self._dialogue_lines(dual.right, dual=True))

    def _dialogue_lines(self, dialogue: Dialogue, dual: bool) -> list[str]:
        lines = [self.cue_line(dialogue, dual)[0]]
        for part in dialogue.parts:
            lines.extend(self._part_lines(part))
        return lines

    def cue_line(self, dialogue: Dialogue, dual: bool) -> tuple[str, bool]:
        """The character cue as written, and whether it carries the forcing ``@``."""
        cue = dialogue.character + "".join(f" ({e})" for e in dialogue.extensions)
        if dual:
            cue += " ^"
        needs = (
            cue.startswith("@")  # the reader strips one "@"
            or (self.at_start and is_title_key(cue))
            or _kind(cue, False) != "CHARACTER"
            or (self.plain and _PORTABLE_CUE_RE.fullmatch(cue) is None)
        )
        if dialogue.forced or needs:
            return "@" + cue, True
        return cue, False

    def _part_lines(self, part: DialoguePart) -> list[str]:
        if isinstance(part, Parenthetical):
            return [self.text(part.text)]
        if isinstance(part, Lyrics):
            return [self._lyric(line) for line in part.lines]
        return [self._speech(line) for line in part.lines]

    def _speech(self, text: Text) -> str:
        if not text.runs:
            return "  "
        line = self.line(text)
        stripped = line.text.strip()
        if (stripped.startswith("(") and stripped.endswith(")")) or stripped.startswith("~"):
            escaped = line.escaped_lead()
            if escaped is not None:
                return escaped
        return line.text

    def _lyric(self, text: Text) -> str:
        body = self.text(text)
        return "~ " + body if body.startswith(" ") else "~" + body

    def visit_Transition(self, transition: Transition) -> None:
        """``CUT TO:``; other transitions forced with ``>``."""
        self._block(self.transition_line(transition)[0])

    def transition_line(self, transition: Transition) -> tuple[str, bool]:
        """The transition as written, and whether it carries the forcing ``>``."""
        text = transition.text
        needs = (
            text.startswith(">")  # the reader strips one ">"
            or _kind(text, True) != "TRANSITION"
            or (self.plain and _PORTABLE_TRANSITION_RE.fullmatch(text) is None)
        )
        if transition.forced or needs:
            return ">" + text, True
        return text, False

    def visit_Centered(self, centered: Centered) -> None:
        """``> THE END <``."""
        self._block(f"> {self.text(centered.text)} <")

    def visit_Lyrics(self, lyrics: Lyrics) -> None:
        """``~`` lines."""
        self._block(*(self._lyric(line) for line in lyrics.lines))

    def visit_MusicCue(self, cue: MusicCue) -> None:
        """``♪ "Title" (performers, tags)`` and its lyrics; lowered in plain Fountain."""
        if self.plain:
            for element in _lower_element(cue):
                self.visit(element)
            return
        title = f'"{cue.title}"' if cue.quoted else cue.title
        paren = _cue_parenthetical([p.text for p in cue.performers], cue.tags)
        head = f"\u266a {title} {paren}" if paren else f"\u266a {title}"
        self._block(head, *(self._lyric(line) for line in cue.lyrics))

    def visit_Note(self, note: Note) -> None:
        """``[[note]]`` on its own lines."""
        self._block(f"[[{note.text}]]")

    def visit_Boneyard(self, boneyard: Boneyard) -> None:
        """``/* boneyard */`` on its own lines."""
        self._block(f"/*{boneyard.text}*/")

    def visit_Synopsis(self, synopsis: Synopsis) -> None:
        """``= synopsis``."""
        self._block("= " + self.text(synopsis.text))

    def visit_PageBreak(self, page_break: PageBreak) -> None:
        """``===``."""
        self._block("===")


def _cast_head(member: CastMember) -> str:
    return " / ".join((member.name, *member.aliases))


class FountainRenderer(FountainWriter):
    """``--format fountain``: plain Fountain 1.1, the extensions lowered."""

    name: ClassVar[str] = "fountain"
    extension: ClassVar[str] = ".fountain"

    def render(self, document: Document) -> bytes:
        """The lowered document as UTF-8 Fountain text."""
        return self.render_text(document).encode("utf-8")

    def render_text(self, document: Document) -> str:
        """The lowered document as Fountain text."""
        return self.write(lower(document))


# ---------------------------------------------------------------------------
# Lowering: the extensions turned into standard Fountain elements
# ---------------------------------------------------------------------------


def cue_line(cue: MusicCue) -> str:
    """The action line standing for a block musical cue in plain Fountain.

    ``♪ “City of Stars” (SEBASTIAN, MIA; reprise)``: the note sign and curly
    quotes mark it as a song for a reader, the performers and tags follow in
    one parenthetical so nothing a cue sheet needs is lost. It is an action
    line (forced with ``!``, since scriptgen reads a line opening with ``♪``
    as a cue) because every Fountain tool prints action in full, at full
    width; a centered line would suggest a title card and a note would be
    hidden from print.
    """
    inside = ", ".join(p.text for p in cue.performers)
    if cue.tags:
        inside = f"{inside}; {', '.join(cue.tags)}" if inside else ", ".join(cue.tags)
    line = f"\u266a \u201c{cue.title}\u201d"
    return f"{line} ({inside})" if inside else line


def lower_text(text: Text) -> Text:
    """Inline text with mentions and inline cues turned into plain runs.

    A first appearance is set in capitals; an inline cue becomes its title in
    curly quotes.  Notes and boneyard stay: Fountain has both.
    """
    runs: list[Run] = []
    for run in text.runs:
        if isinstance(run, Mention):
            runs.append(TextRun(run.text.upper() if run.first else run.text, run.style))
        elif isinstance(run, InlineCue):
            runs.append(TextRun(f"\u201c{run.title}\u201d", run.style))
        else:
            runs.append(run)
    return Text(merge_runs(runs), text.span)


def _lower_lines(lines: tuple[Text, ...]) -> tuple[Text, ...]:
    return tuple(lower_text(line) for line in lines)


def _lower_dialogue(dialogue: Dialogue) -> Dialogue:
    parts: list[DialoguePart] = []
    for part in dialogue.parts:
        if isinstance(part, Parenthetical):
            parts.append(dataclasses.replace(part, text=lower_text(part.text)))
        elif isinstance(part, Speech):
            parts.append(dataclasses.replace(part, lines=_lower_lines(part.lines)))
        else:
            parts.append(dataclasses.replace(part, lines=_lower_lines(part.lines)))
    return dataclasses.replace(dialogue, parts=tuple(parts))


def _lower_element(element: Element) -> list[Element]:
    if isinstance(element, Action):
        return [dataclasses.replace(element, lines=_lower_lines(element.lines))]
    if isinstance(element, Dialogue):
        return [_lower_dialogue(element)]
    if isinstance(element, DualDialogue):
        return [
            dataclasses.replace(
                element, left=_lower_dialogue(element.left), right=_lower_dialogue(element.right)
            )
        ]
    if isinstance(element, Centered | Synopsis):
        return [dataclasses.replace(element, text=lower_text(element.text))]
    if isinstance(element, Lyrics):
        return [dataclasses.replace(element, lines=_lower_lines(element.lines))]
    if isinstance(element, MusicCue):
        line = Text((TextRun(cue_line(element)),))
        out: list[Element] = [Action(lines=(line,), forced=True, span=element.span)]
        if element.lyrics:
            out.append(Lyrics(lines=_lower_lines(element.lyrics), span=element.span))
        return out
    if isinstance(element, Boneyard):
        return [dataclasses.replace(element, text=_on_own_lines(element.text))]
    return [element]


def _on_own_lines(text: str) -> str:
    """Boneyard text that puts ``/*`` and ``*/`` on lines of their own.

    Some readers (jouvence) lose their place in a boneyard whose markers share
    a line with text, so plain Fountain always writes them alone.
    """
    if not text.startswith("\n"):
        text = "\n" + text
    if not text.endswith("\n") or text == "\n":
        text += "\n"
    return text


def _lower_block(block: Block) -> list[Block]:
    if isinstance(block, Scene):
        elements = tuple(e for element in block.elements for e in _lower_element(element))
        return [dataclasses.replace(block, elements=elements)]
    if isinstance(block, Section):
        return [block]
    return list(_lower_element(block))


def _lower_title_page(page: TitlePage) -> TitlePage:
    fields: list[TitleField | CastList] = []
    for entry in page.fields:
        if isinstance(entry, TitleField):
            fields.append(dataclasses.replace(entry, lines=_lower_lines(entry.lines)))
        else:
            fields.append(entry)
    return dataclasses.replace(page, fields=tuple(fields))


def lower(document: Document) -> Document:
    """The document with every extension turned into a standard Fountain element.

    Mentions become plain text (first appearances in capitals), inline cues
    their quoted titles, block cues a forced action line plus their lyrics;
    the cast stays on the title page. The writer's own forcing flags are
    kept; the plain writer adds any a Fountain reader needs.
    """
    title_page = None if document.title_page is None else _lower_title_page(document.title_page)
    body = tuple(lowered for block in document.body for lowered in _lower_block(block))
    return settle_forcing(
        dataclasses.replace(document, title_page=title_page, body=body), Policy.PLAIN
    )


def settle_forcing(document: Document, policy: Policy = Policy.SOURCE) -> Document:
    """The document with every ``forced`` flag set as the writer will write it.

    A forcing character is part of the tree (the parser records it), so a
    tree whose flags disagree with its text (an action line ``INT. HOUSE``
    not marked forced, say) cannot be written and read back unchanged. This
    sets each flag to what the writer under ``policy`` produces, which is
    what parsing the written text gives back.
    """
    writer = FountainWriter(policy=policy)
    writer.at_start = document.title_page is None or not document.title_page.fields
    body: list[Block] = []
    for block in document.body:
        if isinstance(block, Scene):
            heading = dataclasses.replace(
                block.heading, forced=writer.heading_line(block.heading)[1]
            )
            writer.at_start = False
            elements = tuple(_settle(writer, e) for e in block.elements)
            body.append(dataclasses.replace(block, heading=heading, elements=elements))
        elif isinstance(block, Section):
            body.append(block)
        else:
            body.append(_settle(writer, block))
        writer.at_start = False
    return dataclasses.replace(document, body=tuple(body))


def _settle(writer: FountainWriter, element: Element) -> Element:
    if isinstance(element, Action):
        leading, _, bang = writer.action_lines(element)
        return dataclasses.replace(element, forced=bang and leading == 0)
    if isinstance(element, Dialogue):
        return dataclasses.replace(element, forced=writer.cue_line(element, False)[1])
    if isinstance(element, DualDialogue):
        left = dataclasses.replace(element.left, forced=writer.cue_line(element.left, False)[1])
        right = dataclasses.replace(element.right, forced=writer.cue_line(element.right, True)[1])
        return dataclasses.replace(element, left=left, right=right)
    if isinstance(element, Transition):
        return dataclasses.replace(element, forced=writer.transition_line(element)[1])
    return element
