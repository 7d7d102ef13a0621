"""How closely scriptgen's pages follow Final Draft's, on scripts Final Draft saved.

Final Draft writes, on every scene heading of an ``.fdx`` file, the page the
scene starts on as Final Draft paginated it (``<SceneProperties Page="12"
Length="1 3/8">``). That is ground truth for the paginator: this script reads
each file's paragraphs into a scriptgen document, paginates it with a
scriptgen layout and prints, per file, on how many scenes the two agree.

    python3 bench/final_draft.py SCRIPT.fdx [MORE.fdx ...]
    python3 bench/final_draft.py --verbose --layout my-layout.toml SCRIPT.fdx

The layout is ``screenplay`` on the file's paper (A4 when Final Draft's page
is taller than Letter) unless ``--layout`` names another. Final Draft's own
element settings are printed where they differ from the layout's, since a
script formatted with other margins cannot be expected to break alike; copy
the layout, match them and pass it with ``--layout``.

Only what the page count depends on is read: scene headings, action, general
text, character cues with their parentheticals and dialogue, dual dialogue,
transitions, centred text and forced page breaks (``StartsNewPage``). Text
is taken literally (no Fountain markup is interpreted); empty paragraphs are
counted and left out. Files without ``Page`` attributes (not saved by Final
Draft) are reported and skipped; the exit status is 1 when no file could be
compared. Nothing is asserted: the script prints a table.
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scriptgen.ast import (  # noqa: E402
    Action,
    Block,
    Centered,
    Dialogue,
    DialoguePart,
    Document,
    DualDialogue,
    Element,
    PageBreak,
    Parenthetical,
    Scene,
    Speech,
    Text,
    TextRun,
    Transition,
)
from scriptgen.flow import build_flow  # noqa: E402
from scriptgen.layout import Layout, load_layout  # noqa: E402
from scriptgen.lexer import is_scene_heading  # noqa: E402
from scriptgen.paginate import paginate, scene_pages  # noqa: E402
from scriptgen.parser import parse_slugline, split_cue  # noqa: E402

#: Final Draft paragraph type -> scriptgen layout element, for the settings check.
_ELEMENTS = {
    "Scene Heading": "scene_heading",
    "Action": "action",
    "Character": "character",
    "Parenthetical": "parenthetical",
    "Dialogue": "dialogue",
    "Transition": "transition",
}


@dataclass
class FinalDraftScript:
    """One ``.fdx`` file read for comparison."""

    document: Document
    """The script as scriptgen sees it."""
    pages: dict[int, int] = field(default_factory=dict)
    """Scene number -> the page Final Draft started it on (scenes it gave a page)."""
    headings: dict[int, str] = field(default_factory=dict)
    """Scene number -> its heading text."""
    paper: str = "letter"
    """``a4`` when Final Draft's page is taller than Letter."""
    settings: dict[str, dict[str, str]] = field(default_factory=dict)
    """Final Draft's ParagraphSpec attributes per paragraph type, and ``PageLayout``."""
    empty_paragraphs: int = 0
    """Paragraphs without text, left out."""
    unnumbered: int = 0
    """Scene headings whose page is not a plain number (``12A``), left out of the count."""


@dataclass
class Agreement:
    """Where scriptgen and Final Draft start the same scenes."""

    scenes: int
    same: int
    off_by_one: int
    further: int
    final_draft_last: int
    scriptgen_last: int
    misses: list[tuple[int, str, int, int]]
    """(scene, heading, Final Draft's page, scriptgen's page) where they differ."""


def _text(paragraph: ET.Element) -> str:
    # The paragraph's own runs only: a heading's SceneProperties can hold a
    # summary with Text of its own.
    return "".join(node.text or "" for node in paragraph.findall("Text")).replace("\r", "")


def _line(text: str) -> Text:
    return Text((TextRun(text),))


def _lines(text: str) -> tuple[Text, ...]:
    return tuple(_line(line) for line in text.split("\n"))


def _cue(text: str) -> Dialogue:
    name, extensions = split_cue(" ".join(text.split()))
    return Dialogue(name, extensions, ())


def _part(kind: str, text: str) -> DialoguePart:
    """A parenthetical, or else a speech, of a dialogue block."""
    if kind == "Parenthetical":
        return Parenthetical(_line(" ".join(text.split())))
    return Speech(_lines(text))


class _Reader:
    """Turns Final Draft paragraphs into scriptgen blocks, in order."""

    def __init__(self) -> None:
        self.body: list[Block] = []
        self.scene: Scene | None = None
        self.elements: list[Element] = []
        self.speech: Dialogue | None = None
        self.parts: list[DialoguePart] = []
        self.script = FinalDraftScript(Document(None, ()))

    def read(self, root: ET.Element) -> FinalDraftScript:
        content = root.find("Content")
        for node in content if content is not None else ():
            dual = node.find("DualDialogue") if node.tag == "Paragraph" else None
            if node.tag == "DualDialogue":
                dual = node
            if dual is not None:
                if node.get("StartsNewPage") == "Yes":
                    self._element(PageBreak())
                self._dual(dual)
            elif node.tag == "Paragraph":
                self._paragraph(node)
        self._end_scene()
        self.script.document = Document(None, tuple(self.body))
        return self.script

    def _element(self, element: Element) -> None:
        self._end_speech()
        (self.elements if self.scene is not None else self.body).append(element)

    def _end_speech(self) -> None:
        if self.speech is not None:
            speech = Dialogue(self.speech.character, self.speech.extensions, tuple(self.parts))
            self.speech, self.parts = None, []
            self._element(speech)

    def _end_scene(self) -> None:
        self._end_speech()
        if self.scene is not None:
            self.body.append(Scene(self.scene.heading, tuple(self.elements), self.scene.number))
        self.scene, self.elements = None, []

    def _paragraph(self, node: ET.Element) -> None:
        kind = node.get("Type") or "General"
        text = _text(node).strip("\n")
        if node.get("StartsNewPage") == "Yes":
            self._element(PageBreak())
        if kind == "Scene Heading":
            self._end_scene()
            number = len(self.script.headings) + 1
            heading = " ".join(text.split())
            self.script.headings[number] = heading
            properties = node.find("SceneProperties")
            page = properties.get("Page", "") if properties is not None else ""
            if page.isdigit() and int(page) > 0:
                self.script.pages[number] = int(page)
            elif page:
                self.script.unnumbered += 1
            slug = parse_slugline(heading, forced=not is_scene_heading(heading))
            self.scene = Scene(slug, (), number)
            return
        if not text.strip():
            self.script.empty_paragraphs += 1
            return
        if kind == "Character":
            self._end_speech()
            self.speech = _cue(text)
        elif kind in ("Parenthetical", "Dialogue") and self.speech is not None:
            self.parts.append(_part(kind, text))
        elif kind == "Transition":
            self._element(Transition(" ".join(text.split())))
        elif node.get("Alignment") == "Center":
            for line in text.split("\n"):
                self._element(Centered(_line(line)))
        else:  # Action, General, Shot, and anything a template adds
            self._element(Action(_lines(text)))

    def _dual(self, holder: ET.Element) -> None:
        """Two speakers side by side (one alone when the file holds only one)."""
        self._end_speech()
        speakers: list[Dialogue] = []
        cue: Dialogue | None = None
        parts: list[DialoguePart] = []
        for node in [*holder.findall("Paragraph"), None]:
            kind = (node.get("Type") or "General") if node is not None else "Character"
            text = _text(node).strip("\n") if node is not None else ""
            if kind == "Character":
                if cue is not None:
                    speakers.append(Dialogue(cue.character, cue.extensions, tuple(parts)))
                cue, parts = (_cue(text) if node is not None else None), []
            elif cue is not None and text.strip():
                parts.append(_part(kind, text))
        if len(speakers) == 2:
            self._element(DualDialogue(speakers[0], speakers[1]))
        else:
            for speaker in speakers:
                self._element(speaker)


def read_final_draft(path: Path) -> FinalDraftScript:
    """Read ``path``: its scenes, Final Draft's page for each, its paper and settings."""
    root = ET.parse(path).getroot()
    script = _Reader().read(root)
    size = root.find("PageLayout/PageSize")
    if size is not None and float(size.get("Height", "11") or 11) > 11.3:
        script.paper = "a4"
    for spec in root.iter("ElementSettings"):
        paragraph = spec.find("ParagraphSpec")
        if paragraph is not None and spec.get("Type"):
            script.settings[spec.get("Type", "")] = dict(paragraph.attrib)
    page_layout = root.find("PageLayout")
    if page_layout is not None:
        script.settings["PageLayout"] = dict(page_layout.attrib)
    return script


def compare(script: FinalDraftScript, layout: Layout) -> Agreement:
    """Scene by scene, the page Final Draft started it on against scriptgen's."""
    pagination = paginate(build_flow(script.document, layout), layout)
    ours = {place.scene.number: place.first_page for place in scene_pages(pagination)}
    same = off_by_one = further = 0
    misses = []
    for number, page in script.pages.items():
        mine = ours.get(number, 0)
        if mine == page:
            same += 1
            continue
        if abs(mine - page) == 1:
            off_by_one += 1
        else:
            further += 1
        misses.append((number, script.headings.get(number, ""), page, mine))
    last = max(script.pages) if script.pages else 0
    return Agreement(
        len(script.pages),
        same,
        off_by_one,
        further,
        script.pages.get(last, 0),
        ours.get(last, 0),
        misses,
    )


def setting_differences(script: FinalDraftScript, layout: Layout) -> list[str]:
    """Final Draft settings of this file that differ from ``layout``, as short phrases."""
    out = []
    cpi = layout.characters_per_inch
    for kind, name in _ELEMENTS.items():
        spec = script.settings.get(kind)
        if not spec or name not in layout.elements:
            continue
        style = layout.element(name)
        try:
            left = float(spec.get("LeftIndent", "nan"))
            right = float(spec.get("RightIndent", "nan"))
            before = round(float(spec.get("SpaceBefore", "0")) / layout.line_height)
        except ValueError:
            continue
        width = round((right - left) * cpi)
        if kind != "Transition" and abs(left - style.left) > 0.01:
            out.append(f"{kind} at {left:.2f} in (layout {style.left:.2f})")
        if kind not in ("Character", "Transition") and width != style.width:
            out.append(f"{kind} {width} characters wide (layout {style.width})")
        if before != style.blank_before:
            out.append(f"{kind} {before} blank lines before (layout {style.blank_before})")
    page = script.settings.get("PageLayout", {})
    for side in ("Top", "Bottom"):
        value = page.get(f"{side}Margin")
        if value and value.replace(".", "", 1).isdigit():
            inches = float(value) / 72
            ours = layout.margin_top if side == "Top" else layout.margin_bottom
            if abs(inches - ours) > 0.01:
                out.append(f"{side.lower()} margin {inches:.2f} in (layout {ours:.2f})")
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the table for the files named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path, help="Final Draft .fdx files")
    parser.add_argument("--layout", help="a layout name or file (default: screenplay)")
    parser.add_argument("--verbose", action="store_true", help="list every scene that differs")
    args = parser.parse_args(argv)

    header = (
        f"{'file':<32} {'paper':<6} {'scenes':>6} {'same':>5} {'±1':>4} {'more':>5} "
        f"{'FD last':>8} {'ours':>5}"
    )
    print(header)
    print("-" * len(header))
    notes: list[str] = []
    compared = 0
    for path in args.files:
        try:
            script = read_final_draft(path)
        except (OSError, ET.ParseError) as exc:
            notes.append(f"{path.name}: cannot read ({exc})")
            continue
        if not script.pages:
            notes.append(f"{path.name}: no Final Draft page numbers on its scene headings")
            continue
        layout = load_layout(args.layout or "screenplay", script.paper)
        result = compare(script, layout)
        compared += 1
        print(
            f"{path.name[:32]:<32} {script.paper:<6} {result.scenes:>6} {result.same:>5} "
            f"{result.off_by_one:>4} {result.further:>5} {result.final_draft_last:>8} "
            f"{result.scriptgen_last:>5}"
        )
        differences = setting_differences(script, layout)
        if differences:
            notes.append(f"{path.name}: Final Draft settings differ: " + "; ".join(differences))
        if script.empty_paragraphs:
            notes.append(f"{path.name}: {script.empty_paragraphs} empty paragraphs left out")
        if script.unnumbered:
            notes.append(f"{path.name}: {script.unnumbered} scenes on pages like 12A, not counted")
        if args.verbose:
            for number, heading, theirs, mine in result.misses:
                notes.append(f"{path.name}: scene {number} {heading!r}: FD p{theirs}, ours p{mine}")
    if notes:
        print()
        print("\n".join(notes))
    return 0 if compared else 1


if __name__ == "__main__":
    raise SystemExit(main())
