"""The resolve pass: link names to the cast and record who appears where.

After parsing, :func:`resolve` returns a new tree in which

* cast names and aliases found in action prose are :class:`Mention` runs;
* every mention, dialogue cue and cue performer names its cast member;
* each member's first mention in the document has ``first=True``;
* each scene has its number and its :class:`Appearance` list;
* lyrics name the musical cue they belong to (the last cue before them in
  their scene).

:class:`CastIndex` is the one place that knows how a name maps to a member.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .ast import (
    Action,
    Appearance,
    Block,
    CastMember,
    Centered,
    Dialogue,
    DialoguePart,
    Document,
    DualDialogue,
    Element,
    InlineCue,
    Lyrics,
    Mention,
    MusicCue,
    Parenthetical,
    Performer,
    Run,
    Scene,
    Section,
    Span,
    Speech,
    Synopsis,
    Text,
    TextRun,
)

__all__ = ["CastIndex", "resolve"]


class CastIndex:
    """Every way a document may name its cast members."""

    def __init__(self, cast: Iterable[CastMember]) -> None:
        self.members = tuple(cast)
        self.collisions: list[tuple[str, tuple[str, ...]]] = []
        """Implicit or written aliases claimed by more than one member."""
        claims: dict[str, list[str]] = {}
        prose: dict[str, str] = {}
        for member in self.members:
            for form in self._forms(member):
                claims.setdefault(form, [])
                if member.name not in claims[form]:
                    claims[form].append(member.name)
        reported: set[str] = set()
        for form, names in claims.items():
            if len(names) == 1:
                prose[form] = names[0]
            elif form.casefold() not in reported:
                reported.add(form.casefold())
                self.collisions.append((form, tuple(names)))
        # A member's own NAME always resolves to that member.
        for member in self.members:
            prose[member.name] = member.name
        self._prose = prose
        self._folded = {form.casefold(): name for form, name in prose.items()}
        forms = sorted(prose, key=len, reverse=True)
        self.pattern: re.Pattern[str] | None = (
            re.compile(r"(?<![\w@])(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)")
            if forms
            else None
        )

    @staticmethod
    def _forms(member: CastMember) -> list[str]:
        words = member.name.split()
        forms = [member.name, member.display_name]
        for alias in member.aliases:
            forms += [alias, alias.upper()]
        if len(words) > 1:
            first = words[0]
            forms += [first, first[:1] + first[1:].lower()]
        return [f for f in dict.fromkeys(forms) if f]

    def lookup(self, name: str) -> str | None:
        """The member a name (cue, performer, forced mention) refers to, ignoring case."""
        return self._folded.get(" ".join(name.split()).casefold())

    def find(self, text: str) -> Iterable[re.Match[str]]:
        """Cast names and aliases at word boundaries in prose."""
        if self.pattern is None:
            return ()
        return self.pattern.finditer(text)


class _SceneTally:
    """Who appears in one scene, in order of first appearance."""

    def __init__(self) -> None:
        self.order: list[str] = []
        self.counts: dict[str, list[int]] = {}
        self.spans: dict[str, list[Span]] = {}

    def add(self, key: str, slot: int, span: Span | None) -> None:
        if key not in self.counts:
            self.order.append(key)
            self.counts[key] = [0, 0, 0]
            self.spans[key] = []
        self.counts[key][slot] += 1
        if span is not None:
            self.spans[key].append(span)

    def appearances(self) -> tuple[Appearance, ...]:
        return tuple(
            Appearance(key, *_counts(self.counts[key]), spans=tuple(self.spans[key]))
            for key in self.order
        )


_MENTION, _DIALOGUE, _CUE = 0, 1, 2


def _counts(counts: list[int]) -> tuple[int, int, int]:
    return counts[_MENTION], counts[_DIALOGUE], counts[_CUE]


class _Resolver:
    def __init__(self, document: Document) -> None:
        self.index = CastIndex(document.cast)
        self.seen: set[str] = set()
        self.tally = _SceneTally()
        self.current_cue: str | None = None

    # ---- blocks -------------------------------------------------------------

    def document(self, document: Document) -> Document:
        body: list[Block] = []
        number = 0
        for block in document.body:
            if isinstance(block, Scene):
                number += 1
                self.tally = _SceneTally()
                self.current_cue = None
                elements = tuple(self.element(e) for e in block.elements)
                body.append(
                    Scene(block.heading, elements, number, self.tally.appearances(), block.span)
                )
            elif isinstance(block, Section):
                body.append(block)
            else:
                self.tally = _SceneTally()
                body.append(self.element(block))
        return Document(document.title_page, tuple(body), document.span)

    def element(self, element: Element) -> Element:
        # Nodes are rebuilt only when something inside them changed: most
        # lines hold no name, and rebuilding frozen nodes is the costly part.
        if isinstance(element, Action):
            lines = self.texts(element.lines, auto=True)
            return (
                element if lines is element.lines else Action(lines, element.forced, element.span)
            )
        if isinstance(element, Dialogue):
            return self.dialogue(element)
        if isinstance(element, DualDialogue):
            left, right = self.dialogue(element.left), self.dialogue(element.right)
            return DualDialogue(left, right, element.span)
        if isinstance(element, MusicCue):
            performers = self.performers(element.performers, element.span)
            self.current_cue = element.title
            lyrics = self.texts(element.lyrics)
            return MusicCue(
                element.title, performers, element.tags, lyrics, element.quoted, element.span
            )
        if isinstance(element, Lyrics):
            return self.lyrics(element)
        if isinstance(element, Centered):
            text = self.text(element.text)
            return element if text is element.text else Centered(text, element.span)
        if isinstance(element, Synopsis):
            text = self.text(element.text)
            return element if text is element.text else Synopsis(text, element.span)
        return element

    def lyrics(self, lyrics: Lyrics) -> Lyrics:
        lines = self.texts(lyrics.lines)
        if lines is lyrics.lines and lyrics.cue == self.current_cue:
            return lyrics
        return Lyrics(lines, self.current_cue, lyrics.span)

    def dialogue(self, dialogue: Dialogue) -> Dialogue:
        member = self.index.lookup(dialogue.character)
        self.tally.add(member or dialogue.character.upper(), _DIALOGUE, dialogue.span)
        parts: list[DialoguePart] = []
        for part in dialogue.parts:
            if isinstance(part, Parenthetical):
                text = self.text(part.text)
                parts.append(part if text is part.text else Parenthetical(text, part.span))
            elif isinstance(part, Speech):
                lines = self.texts(part.lines)
                parts.append(part if lines is part.lines else Speech(lines, part.span))
            else:
                parts.append(self.lyrics(part))
        return Dialogue(
            dialogue.character,
            dialogue.extensions,
            tuple(parts),
            dialogue.forced,
            member,
            dialogue.span,
        )

    def performers(
        self, performers: tuple[Performer, ...], span: Span | None
    ) -> tuple[Performer, ...]:
        out = []
        for performer in performers:
            member = self.index.lookup(performer.text)
            self.tally.add(member or performer.text.upper(), _CUE, span)
            out.append(Performer(performer.text, member))
        return tuple(out)

    # ---- inline -------------------------------------------------------------

    def texts(self, texts: tuple[Text, ...], auto: bool = False) -> tuple[Text, ...]:
        """``texts`` resolved; the same tuple when no text in it changed."""
        resolved = tuple(self.text(t, auto) for t in texts)
        if all(new is old for new, old in zip(resolved, texts, strict=True)):
            return texts
        return resolved

    def text(self, text: Text, auto: bool = False) -> Text:
        runs: list[Run] = []
        changed = False
        offset = 0
        for run in text.runs:
            if isinstance(run, TextRun):
                if auto and self.index.pattern is not None:
                    found = self.split(run, text.span, offset)
                    if len(found) != 1 or found[0] is not run:
                        changed = True
                    runs.extend(found)
                else:
                    runs.append(run)
                offset += len(run.text)
            elif isinstance(run, Mention):
                runs.append(self.mention(run, run.span))
                changed = True
                offset += len(run.text)
            elif isinstance(run, InlineCue):
                performers = self.performers(run.performers, run.span)
                self.current_cue = run.title
                runs.append(InlineCue(run.title, performers, run.tags, run.style, run.span))
                changed = True
            else:
                runs.append(run)
        return Text(tuple(runs), text.span) if changed else text

    def split(self, run: TextRun, span: Span | None, offset: int) -> list[Run]:
        out: list[Run] = []
        position = 0
        for match in self.index.find(run.text):
            if match.start() > position:
                out.append(TextRun(run.text[position : match.start()], run.style))
            where = None
            if span is not None:
                column = span.column + offset + match.start()
                where = Span(span.line, column, span.line, column + len(match.group()))
            found = Mention(match.group(), style=run.style, span=where)
            out.append(self.mention(found, where))
            position = match.end()
        if position == 0:
            return [run]
        if position < len(run.text):
            out.append(TextRun(run.text[position:], run.style))
        return out

    def mention(self, mention: Mention, span: Span | None) -> Mention:
        member = self.index.lookup(mention.text)
        key = member if member is not None else mention.text.upper()
        first = key not in self.seen
        self.seen.add(key)
        self.tally.add(key, _MENTION, span)
        return Mention(mention.text, member, mention.forced, first, mention.style, mention.span)


def resolve(document: Document) -> Document:
    """Link mentions, cues and performers to the cast; number scenes; record appearances."""
    return _Resolver(document).document(document)
