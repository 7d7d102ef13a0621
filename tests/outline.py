"""A compact, readable outline of a parsed document, one line per element.

Used by the multi-case fixture file and the comparison with other Fountain
parsers: ``scene: INT. HOUSE - DAY``, ``action: She walks in.`` …
"""

from __future__ import annotations

from scriptgen.ast import (
    Action,
    Boneyard,
    CastList,
    Centered,
    Dialogue,
    Document,
    DualDialogue,
    Lyrics,
    MusicCue,
    Note,
    PageBreak,
    Parenthetical,
    Scene,
    Section,
    Speech,
    Synopsis,
    TitleField,
    Transition,
)


def _dialogue(prefix: str, d: Dialogue) -> list[str]:
    ext = "".join(f" ({e})" for e in d.extensions)
    lines = [f"{prefix}character: {d.character}{ext}"]
    for part in d.parts:
        if isinstance(part, Parenthetical):
            lines.append(f"{prefix}parenthetical: {part.text.plain}")
        elif isinstance(part, Speech):
            lines.append(f"{prefix}dialogue: " + " / ".join(t.plain for t in part.lines))
        else:
            lines.append(f"{prefix}lyrics: " + " / ".join(t.plain for t in part.lines))
    return lines


def element_lines(element: object) -> list[str]:
    """Outline lines for one element."""
    if isinstance(element, Action):
        return ["action: " + " / ".join(t.plain for t in element.lines)]
    if isinstance(element, Dialogue):
        return _dialogue("", element)
    if isinstance(element, DualDialogue):
        return _dialogue("dual left ", element.left) + _dialogue("dual right ", element.right)
    if isinstance(element, Transition):
        return [f"transition: {element.text}"]
    if isinstance(element, Centered):
        return [f"centered: {element.text.plain}"]
    if isinstance(element, Lyrics):
        return ["lyrics: " + " / ".join(t.plain for t in element.lines)]
    if isinstance(element, MusicCue):
        who = ", ".join([p.text for p in element.performers] + list(element.tags))
        line = f"cue: {element.title}" + (f" ({who})" if who else "")
        return [line] + [f"cue lyrics: {t.plain}" for t in element.lyrics]
    if isinstance(element, Note):
        return [f"note: {element.text}"]
    if isinstance(element, Boneyard):
        return [f"boneyard: {element.text}"]
    if isinstance(element, Synopsis):
        return [f"synopsis: {element.text.plain}"]
    if isinstance(element, PageBreak):
        return ["page break"]
    raise TypeError(f"no outline for {type(element).__name__}")


def outline(document: Document) -> list[str]:
    """The whole document, one line per title entry, section, scene and element."""
    lines: list[str] = []
    if document.title_page is not None:
        for entry in document.title_page.fields:
            if isinstance(entry, TitleField):
                lines.append(f"title {entry.key}: " + " / ".join(t.plain for t in entry.lines))
            elif isinstance(entry, CastList):
                lines += [f"cast: {m.name}" for m in entry.members]
    for block in document.body:
        if isinstance(block, Section):
            lines.append(f"section {block.level}: {block.text}")
        elif isinstance(block, Scene):
            lines.append(f"scene: {block.heading.text}")
            for element in block.elements:
                lines += element_lines(element)
        else:
            lines += element_lines(block)
    return lines
