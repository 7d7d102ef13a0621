"""Final Draft XML (``.fdx``): the screenplay as Final Draft opens it.

The file is built with :mod:`xml.etree.ElementTree`, never by joining
strings, so every title, name and line of dialogue is escaped correctly.

Shape of the output::

    <FinalDraft DocumentType="Script" Template="No" Version="5">
      <Content>
        <Paragraph Type="Scene Heading" Number="12">
          <SceneProperties Length="1 3/8" Page="4" Title=""/><Text>INT. …</Text>
        </Paragraph>
        <Paragraph Type="Action"><Text>…</Text><Text Style="Bold+Italic">…</Text></Paragraph>
        <Paragraph><DualDialogue> Character, Dialogue … ×2 </DualDialogue></Paragraph>
        <Paragraph Type="General"><Text>♪ “City of Stars” (SEBASTIAN, MIA)</Text></Paragraph>
        <Paragraph Type="Lyrics"><Text>City of stars …</Text></Paragraph>
      </Content>
      <TitlePage><Content> … </Content></TitlePage>
      <ElementSettings Type="…"> … one per paragraph type, Lyrics among them … </ElementSettings>
      <PageLayout> … </PageLayout>
    </FinalDraft>

Choices where Final Draft has no matching element (documented in ``docs/fdx.md``):

* a block musical cue is a ``General`` paragraph reading ``♪ “Title” (performers, tags)``,
  followed by its lyrics as ``Lyrics`` paragraphs;
* ``Lyrics`` is a custom element declared in ``<ElementSettings>``: italic,
  set in the dialogue column and paginated as dialogue;
* centred text is an ``Action`` paragraph with ``Alignment="Center"``;
* a forced page break sets ``StartsNewPage="Yes"`` on the next paragraph;
* sections, synopsis lines and notes are not printed in a screenplay, so they
  are left out unless the layout's ``print_sections``, ``print_synopses`` or
  ``print_notes`` option is on (then they are ``General`` paragraphs);
  boneyard is never written.

Geometry in ``<ElementSettings>`` and ``<PageLayout>`` is read from the
layout (``screenplay`` unless ``--layout`` says otherwise).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..ast import (
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
    TitleField,
    TitlePage,
    Transition,
)
from .base import Renderer

if TYPE_CHECKING:
    from ..layout import ElementStyle, Layout

__all__ = ["PARAGRAPH_TYPES", "FdxRenderer", "dialogue_cue", "music_cue_line"]

#: Final Draft paragraph type of each layout element, in the order they are declared.
PARAGRAPH_TYPES: dict[str, str] = {
    "General": "action",
    "Scene Heading": "scene_heading",
    "Action": "action",
    "Character": "character",
    "Parenthetical": "parenthetical",
    "Dialogue": "dialogue",
    "Transition": "transition",
    "Lyrics": "lyrics",
}

#: What pressing Return after each element gives in Final Draft.
_RETURN_KEY = {
    "General": "General",
    "Scene Heading": "Action",
    "Action": "Action",
    "Character": "Dialogue",
    "Parenthetical": "Dialogue",
    "Dialogue": "Action",
    "Transition": "Scene Heading",
    "Lyrics": "Lyrics",
}

#: How each element paginates; Lyrics is the custom one, paginated as dialogue.
_PAGINATE_AS = {
    "General": "General",
    "Scene Heading": "Scene Heading",
    "Action": "Action",
    "Character": "Character",
    "Parenthetical": "Parenthetical",
    "Dialogue": "Dialogue",
    "Transition": "Transition",
    "Lyrics": "Dialogue",
}

#: Title-page keys printed in the centred block, in this order, and those at the bottom left.
_TITLE_CENTRE = ("title", "credit", "author", "authors", "source")
_TITLE_BOTTOM = ("draft date", "contact", "copyright", "notes")


def dialogue_cue(dialogue: Dialogue) -> str:
    """The character cue as printed: the name, then each extension in parentheses."""
    return " ".join([dialogue.character.upper(), *(f"({e})" for e in dialogue.extensions)])


def music_cue_line(cue: MusicCue) -> str:
    """The ``General`` paragraph standing for a block musical cue.

    The same words the PDF and DOCX print (``♪ “Title” (MIA, reprise)``), from
    the shared flow, so every output names a cue alike.
    """
    from ..flow import music_cue_text

    return music_cue_text(cue)


#: Characters XML 1.0 cannot hold at all, not even escaped (C0 controls other
#: than tab and line breaks, lone surrogates, U+FFFE and U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    """``text`` without the characters an XML file cannot carry (they print nothing)."""
    return _NOT_XML.sub("", text)


def _style_attr(style: Sequence[str]) -> str:
    return "+".join(s.capitalize() for s in style)


class FdxRenderer(Renderer):
    """Writes a document as Final Draft XML."""

    name = "fdx"
    extension = ".fdx"

    def render(self, document: Document) -> bytes:
        """The document as an ``.fdx`` file, UTF-8 with an XML declaration."""
        self._layout = self.options.layout()
        self._print_notes = self._layout.option("print_notes")
        self._number_scenes = self._layout.option("scene_numbers")
        self._new_page = False
        root = ET.Element(
            "FinalDraft", {"DocumentType": "Script", "Template": "No", "Version": "5"}
        )
        self._content = ET.SubElement(root, "Content")
        self._target = self._content
        self._scene_places = self._scene_places_of(document)
        self.visit(document)
        if document.title_page is not None:
            self.visit(document.title_page)
            root.append(self._title_page)
        self._element_settings(root)
        self._page_layout(root)
        ET.indent(root, space="  ")
        body = ET.tostring(root, encoding="unicode")
        return ('<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n' + body + "\n").encode(
            "utf-8"
        )

    def _scene_places_of(self, document: Document) -> dict[int, tuple[int | None, int]]:
        """Scene number -> (page it starts on, length in eighths), as the reports count them.

        Final Draft stores both on every scene heading (``SceneProperties``) and
        shows them in its scene navigator and reports. A treatment layout has
        no screenplay pages, so it gives none.
        """
        if self._layout.kind != "screenplay":
            return {}
        from ..report import scene_extents

        return scene_extents(document, self._layout)[0]

    # ---------------------------------------------------------------- paragraphs

    def _paragraph(
        self, kind: str, lines: Iterable[Text | str], attrs: dict[str, str] | None = None
    ) -> ET.Element:
        """Append one paragraph; its lines are joined with line breaks inside the runs."""
        para = ET.SubElement(self._target, "Paragraph", {"Type": kind, **(attrs or {})})
        if self._new_page:
            para.set("StartsNewPage", "Yes")
            self._new_page = False
        caps = self._caps(kind)
        runs: list[tuple[str, str]] = []
        for index, line in enumerate(lines):
            if index:
                runs.append(("\n", ""))
            if isinstance(line, str):
                runs.append((line.upper() if caps else line, ""))
            else:
                runs.extend(self._runs(line, caps))
        merged: list[tuple[str, str]] = []
        for text, style in runs:
            if merged and (merged[-1][1] == style or text == "\n"):
                merged[-1] = (merged[-1][0] + text, merged[-1][1])
            else:
                merged.append((text, style))
        for text, style in merged or [("", "")]:
            node = ET.SubElement(para, "Text")
            if style:
                node.set("Style", style)
            node.text = _xml_safe(text)
        return para

    def _caps(self, kind: str) -> bool:
        if kind == "General":
            return False
        if kind == "Lyrics" and self._layout.option("lyrics_caps"):
            return True
        return self._layout.element(PARAGRAPH_TYPES[kind]).caps

    def _runs(self, text: Text, caps: bool) -> list[tuple[str, str]]:
        """A line's printed runs as (text, Final Draft style) pairs."""
        out: list[tuple[str, str]] = []
        for run in text.runs:
            if isinstance(run, InlineBoneyard):
                continue
            if isinstance(run, InlineNote):
                if self._print_notes:
                    out.append((f"[[{run.text}]]", _style_attr(("italic",))))
                continue
            if isinstance(run, InlineCue):
                chars = f"\u201c{run.title}\u201d"
            elif isinstance(run, Mention):
                # Screenplay convention: a character is introduced in capitals.
                chars = run.text.upper() if run.first else run.text
            else:
                chars = run.text
            out.append((chars.upper() if caps else chars, _style_attr(run.style)))
        return out

    # ---------------------------------------------------------------- document

    def visit_Document(self, document: Document) -> None:
        """Every block of the body, in order."""
        for block in document.body:
            self.visit(block)

    def visit_TitlePage(self, page: TitlePage) -> None:
        """Final Draft's title page: a centred block a third down, contact bottom left."""
        self._title_page = ET.Element("TitlePage")
        saved = self._target
        self._target = ET.SubElement(self._title_page, "Content")
        fields = {f.key.casefold(): f for f in page.fields if isinstance(f, TitleField)}
        layout = self._layout
        lines_per_inch = 72 / layout.line_height
        # Empty lines push the title down to the layout's title_from_top and
        # the contact block up from the bottom by contact_from_bottom.
        title_line = round(
            (layout.title_page.get("title_from_top", layout.margin_top) - layout.margin_top)
            * lines_per_inch
        )
        contact_line = round(
            (
                layout.page_height
                - layout.title_page.get("contact_from_bottom", layout.margin_bottom)
                - layout.margin_top
            )
            * lines_per_inch
        )
        used = self._blank_lines(title_line, "Center")
        for key in _TITLE_CENTRE:
            if key in fields:
                self._paragraph("General", fields[key].lines, {"Alignment": "Center"})
                used += len(fields[key].lines) + self._blank_lines(1, "Center")
        bottom = [fields[key] for key in _TITLE_BOTTOM if key in fields]
        if bottom:
            self._blank_lines(max(contact_line - used, 1), "Left")
        for entry in bottom:
            self._paragraph("General", entry.lines, {"Alignment": "Left"})
        self._target = saved

    def _blank_lines(self, count: int, alignment: str) -> int:
        for _ in range(count):
            self._paragraph("General", [""], {"Alignment": alignment})
        return max(count, 0)

    def visit_Section(self, section: Section) -> None:
        """A bold General paragraph with ``print_sections``; otherwise left out (Fountain)."""
        if self._layout.option("print_sections"):
            para = self._paragraph("General", [section.text])
            for node in para:
                node.set("Style", "Bold")

    def visit_Scene(self, scene: Scene) -> None:
        """The heading, numbered when the source numbers it, then the elements."""
        attrs: dict[str, str] = {}
        if scene.heading.number is not None or self._number_scenes:
            attrs["Number"] = _xml_safe(scene.label)
        heading = self._paragraph("Scene Heading", [scene.heading.text], attrs)
        page, eighths = self._scene_places.get(scene.number, (None, 0))
        if page is not None:
            from ..paginate import format_eighths

            length = format_eighths(eighths)
            properties = ET.Element(
                "SceneProperties", {"Length": length, "Page": str(page), "Title": ""}
            )
            heading.insert(0, properties)
        for element in scene.elements:
            self.visit(element)

    # ---------------------------------------------------------------- elements

    def visit_Action(self, action: Action) -> None:
        """One Action paragraph; source line breaks kept."""
        self._paragraph("Action", action.lines)

    def visit_Centered(self, centered: Centered) -> None:
        """An Action paragraph aligned centre."""
        self._paragraph("Action", [centered.text], {"Alignment": "Center"})

    def visit_Transition(self, transition: Transition) -> None:
        """A Transition paragraph."""
        self._paragraph("Transition", [transition.text])

    def visit_Dialogue(self, dialogue: Dialogue) -> None:
        """Character, then one paragraph per parenthetical, speech and lyrics part."""
        self._paragraph("Character", [dialogue_cue(dialogue)])
        for part in dialogue.parts:
            self.visit(part)

    def visit_Parenthetical(self, part: Parenthetical) -> None:
        """A Parenthetical paragraph, parentheses included."""
        self._paragraph("Parenthetical", [part.text])

    def visit_Speech(self, part: Speech) -> None:
        """A Dialogue paragraph."""
        self._paragraph("Dialogue", part.lines)

    def visit_Lyrics(self, lyrics: Lyrics) -> None:
        """A Lyrics paragraph (the custom element)."""
        self._paragraph("Lyrics", lyrics.lines)

    def visit_DualDialogue(self, dual: DualDialogue) -> None:
        """Both speakers inside ``<Paragraph><DualDialogue>``, as Final Draft writes it."""
        holder = ET.SubElement(self._target, "Paragraph")
        if self._new_page:
            holder.set("StartsNewPage", "Yes")
            self._new_page = False
        saved = self._target
        self._target = ET.SubElement(holder, "DualDialogue")
        self.visit(dual.left)
        self.visit(dual.right)
        self._target = saved

    def visit_MusicCue(self, cue: MusicCue) -> None:
        """A General paragraph naming the song, then its lyrics."""
        self._paragraph("General", [music_cue_line(cue)])
        if cue.lyrics:
            self._paragraph("Lyrics", cue.lyrics)

    def visit_Note(self, note: Note) -> None:
        """A General paragraph when notes are printed; otherwise left out."""
        if self._print_notes:
            self._paragraph("General", [f"[[{note.text}]]"])

    def visit_Boneyard(self, boneyard: Boneyard) -> None:
        """Never printed."""

    def visit_Synopsis(self, synopsis: Synopsis) -> None:
        """An italic General paragraph with ``print_synopses``; otherwise left out."""
        if self._layout.option("print_synopses"):
            para = self._paragraph("General", [synopsis.text])
            for node in para:
                node.set("Style", _style_attr(("italic",)))

    def visit_PageBreak(self, page_break: PageBreak) -> None:
        """The next paragraph starts a new page."""
        self._new_page = True

    # ---------------------------------------------------------------- settings

    def _element_settings(self, root: ET.Element) -> None:
        """One ``<ElementSettings>`` per paragraph type, geometry from the layout."""
        layout = self._layout
        for kind, element_name in PARAGRAPH_TYPES.items():
            style = layout.element(element_name)
            settings = ET.SubElement(root, "ElementSettings", {"Type": kind})
            ET.SubElement(
                settings,
                "FontSpec",
                {
                    "Font": layout.font_family,
                    "Size": f"{layout.font_size:g}",
                    "Style": "" if kind == "General" else _font_style(style),
                },
            )
            ET.SubElement(settings, "ParagraphSpec", _paragraph_spec(style, layout))
            ET.SubElement(
                settings,
                "Behavior",
                {"PaginateAs": _PAGINATE_AS[kind], "ReturnKey": _RETURN_KEY[kind]},
            )

    def _page_layout(self, root: ET.Element) -> None:
        layout = self._layout
        page = ET.SubElement(root, "PageLayout")
        ET.SubElement(
            page,
            "PageSize",
            {"Height": f"{layout.page_height:.2f}", "Width": f"{layout.page_width:.2f}"},
        )
        ET.SubElement(
            page,
            "Margins",
            {
                "Bottom": f"{layout.margin_bottom:.2f}",
                "Left": f"{layout.margin_left:.2f}",
                "Right": f"{layout.margin_right:.2f}",
                "Top": f"{layout.margin_top:.2f}",
            },
        )


def _font_style(style: ElementStyle) -> str:
    parts = [
        name
        for name, on in (
            ("Bold", style.bold),
            ("Italic", style.italic),
            ("Underline", style.underline),
            ("AllCaps", style.caps),
        )
        if on
    ]
    return "+".join(parts)


def _paragraph_spec(style: ElementStyle, layout: Layout) -> dict[str, str]:
    """Indents in inches from the paper's left edge, as Final Draft counts them."""
    right = style.right
    if right is None:
        right = style.left + style.width / layout.characters_per_inch
    left = style.left
    if style.align == "right":
        # A right-aligned column as wide as its text needs, ending at the right edge.
        left = right - style.width / layout.characters_per_inch
    return {
        "Alignment": style.align.capitalize(),
        "FirstIndent": "0.00",
        "LeftIndent": f"{left:.2f}",
        "RightIndent": f"{right:.2f}",
        "SpaceBefore": f"{style.blank_before * layout.line_height:g}",
        "Spacing": "1",
        "StartsNewPage": "No",
    }
