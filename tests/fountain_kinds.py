"""Element kinds as every Fountain parser sees them, for comparing parsers.

Only the elements all parsers agree to name are compared: scene headings,
character cues (with their names), transitions, centered text, page breaks,
sections and synopses. Action, dialogue and lyrics paragraphs are left out:
parsers split and merge them differently without disagreeing on meaning.
"""

from __future__ import annotations

from scriptgen.ast import (
    Centered,
    Dialogue,
    Document,
    DualDialogue,
    PageBreak,
    Scene,
    Section,
    Synopsis,
    Transition,
)

COMPARED = ("scene", "character", "transition", "centered", "page break", "section", "synopsis")


def scriptgen_kinds(document: Document) -> list[str]:
    """The compared kinds of a scriptgen document, in order."""
    kinds: list[str] = []

    def element(node: object) -> None:
        if isinstance(node, Dialogue):
            kinds.append(f"character {node.character}")
        elif isinstance(node, DualDialogue):
            kinds.extend([f"character {node.left.character}", f"character {node.right.character}"])
        elif isinstance(node, Transition):
            kinds.append("transition")
        elif isinstance(node, Centered):
            kinds.append("centered")
        elif isinstance(node, PageBreak):
            kinds.append("page break")
        elif isinstance(node, Synopsis):
            kinds.append("synopsis")

    for block in document.body:
        if isinstance(block, Scene):
            kinds.append("scene")
            for node in block.elements:
                element(node)
        elif isinstance(block, Section):
            kinds.append("section")
        else:
            element(block)
    return kinds


def jouvence_kinds(text: str) -> list[str]:
    """The compared kinds jouvence finds in ``text``, in order."""
    from jouvence import document as jd
    from jouvence.parser import JouvenceParser

    names = {
        jd.TYPE_CHARACTER: "character",
        jd.TYPE_TRANSITION: "transition",
        jd.TYPE_CENTEREDACTION: "centered",
        jd.TYPE_PAGEBREAK: "page break",
        jd.TYPE_SECTION: "section",
        jd.TYPE_SYNOPSIS: "synopsis",
    }
    kinds: list[str] = []
    for scene in JouvenceParser().parseString(text).scenes:
        if scene.header:
            kinds.append("scene")
        for paragraph in scene.paragraphs:
            kind = names.get(paragraph.type)
            if kind == "character":
                name = paragraph.text.lstrip("@").split("(")[0].strip().rstrip("^").strip()
                kinds.append(f"character {name}")
            elif kind is not None:
                kinds.append(kind)
    return kinds
