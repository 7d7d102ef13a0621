"""Final Draft export: valid XML, the AST's paragraphs in order, styled runs,
dual dialogue, title page, scene numbers, the Lyrics element, and an
independent FDX reader (screenplay-tools) seeing the same scenes and characters."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scriptgen import ast as A
from scriptgen.ast import (
    Action,
    Boneyard,
    CastList,
    CastMember,
    Centered,
    Dialogue,
    Document,
    DualDialogue,
    InlineCue,
    InlineNote,
    Lyrics,
    Mention,
    MusicCue,
    Note,
    PageBreak,
    Parenthetical,
    Performer,
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
from scriptgen.renderers import RenderOptions, get_renderer, render
from scriptgen.renderers.fdx import FdxRenderer, dialogue_cue, music_cue_line

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.fountain"))


def t(*runs: A.Run | str) -> Text:
    """A Text from plain strings and runs."""
    return Text(tuple(TextRun(r) if isinstance(r, str) else r for r in runs))


def slug(text: str, number: str | None = None) -> Slugline:
    prefix, _, rest = text.partition(" ")
    location, _, time = rest.partition(" - ")
    return Slugline(text, prefix, location, time or None, number=number)


MIA = Mention("Mia", member="MIA DOLAN", first=True)
MIA_AGAIN = Mention("Mia", member="MIA DOLAN")

DOC = Document(
    TitlePage(
        (
            TitleField("Title", (t("City & <Stars>"),)),
            TitleField("Credit", (t("Written by"),)),
            TitleField("Author", (t("Jo Writer"),)),
            CastList((CastMember("MIA DOLAN", ("Mia",), "Emma Stone"),)),
            TitleField("Contact", (t("jo@example.com"), t("555 0100"))),
        )
    ),
    (
        Section(1, "Act One"),
        Synopsis(t("Mia arrives.")),
        Scene(
            slug("INT. COFFEE SHOP - DAY", "12A"),
            (
                Action(
                    (
                        t(MIA, " pours coffee ", TextRun("very", ("bold", "italic")), "."),
                        t("Later, ", MIA_AGAIN, " hums ", InlineCue("City of Stars"), "."),
                    )
                ),
                MusicCue(
                    "City of Stars",
                    (Performer("MIA", "MIA DOLAN"), Performer("SEB")),
                    ("reprise",),
                    (t("City of stars"), t("Are you shining just for me?")),
                ),
                Dialogue(
                    "MIA",
                    ("V.O.",),
                    (
                        Parenthetical(t("(softly)")),
                        Speech((t("It's ", TextRun("late", ("underline",)), "."),)),
                        Lyrics((t("La la la"),)),
                    ),
                    member="MIA DOLAN",
                ),
                Note("check the song rights"),
                Boneyard("an old line"),
                Transition("CUT TO:"),
            ),
            number=1,
        ),
        Scene(
            slug("EXT. HILLS - NIGHT"),
            (
                PageBreak(),
                DualDialogue(
                    Dialogue("MIA", (), (Speech((t("Look!"),)),), member="MIA DOLAN"),
                    Dialogue("SEB", (), (Speech((t("I see."),)),)),
                ),
                Centered(t("THE END")),
                Lyrics((t("Someone in the crowd"),)),
                Action((t("They leave", InlineNote("fix"), "."),)),
            ),
            number=2,
        ),
    ),
)

#: The paragraphs DOC must give, hand-written: (type, text) in order.
EXPECTED = [
    ("Scene Heading", "INT. COFFEE SHOP - DAY"),
    ("Action", "MIA pours coffee very.\nLater, Mia hums \u201cCity of Stars\u201d."),
    ("General", "\u266a \u201cCity of Stars\u201d (MIA, SEB, reprise)"),
    ("Lyrics", "City of stars\nAre you shining just for me?"),
    ("Character", "MIA (V.O.)"),
    ("Parenthetical", "(softly)"),
    ("Dialogue", "It's late."),
    ("Lyrics", "La la la"),
    ("Transition", "CUT TO:"),
    ("Scene Heading", "EXT. HILLS - NIGHT"),
    ("Character", "MIA"),
    ("Dialogue", "Look!"),
    ("Character", "SEB"),
    ("Dialogue", "I see."),
    ("Action", "THE END"),
    ("Lyrics", "Someone in the crowd"),
    ("Action", "They leave."),
]


def fdx(document: Document, **options: bool) -> ET.Element:
    data = render(document, "fdx", RenderOptions(overrides=options))
    assert data.startswith(b"<?xml")
    return ET.fromstring(data)


def paragraphs(root: ET.Element) -> list[ET.Element]:
    """Body paragraphs that carry text, dual-dialogue holders flattened."""
    content = root.find("Content")
    assert content is not None
    return [p for p in content.iter("Paragraph") if p.get("Type") is not None]


def text_of(paragraph: ET.Element) -> str:
    return "".join(node.text or "" for node in paragraph.findall("Text"))


def test_registered_under_its_format_name() -> None:
    assert get_renderer("fdx") is FdxRenderer
    assert FdxRenderer.name == "fdx"
    assert FdxRenderer.extension == ".fdx"


def test_root_is_a_final_draft_script() -> None:
    root = fdx(DOC)
    assert root.tag == "FinalDraft"
    assert root.attrib == {"DocumentType": "Script", "Template": "No", "Version": "5"}
    assert [child.tag for child in root][:2] == ["Content", "TitlePage"]


def test_paragraph_types_and_texts_follow_the_ast() -> None:
    got = [(p.get("Type"), text_of(p)) for p in paragraphs(fdx(DOC))]
    assert got == EXPECTED


def test_styled_runs_keep_their_emphasis() -> None:
    found = {
        (node.text, node.get("Style")) for p in paragraphs(fdx(DOC)) for node in p.findall("Text")
    }
    assert ("very", "Bold+Italic") in found
    assert ("late", "Underline") in found
    # Runs with the same style are merged, and plain runs carry no Style.
    assert ("MIA pours coffee ", None) in found


def test_first_mention_in_capitals_later_ones_as_written() -> None:
    action = paragraphs(fdx(DOC))[1]
    assert text_of(action).startswith("MIA pours")
    assert "Later, Mia hums" in text_of(action)


def test_dual_dialogue_holds_both_speakers() -> None:
    content = fdx(DOC).find("Content")
    assert content is not None
    holders = [p for p in content.findall("Paragraph") if p.find("DualDialogue") is not None]
    assert len(holders) == 1
    dual = holders[0].find("DualDialogue")
    assert dual is not None
    inner = [(p.get("Type"), text_of(p)) for p in dual.findall("Paragraph")]
    assert inner == [
        ("Character", "MIA"),
        ("Dialogue", "Look!"),
        ("Character", "SEB"),
        ("Dialogue", "I see."),
    ]
    # The forced page break before it lands on the holder.
    assert holders[0].get("StartsNewPage") == "Yes"


def test_scene_numbers_only_when_set() -> None:
    headings = [p for p in paragraphs(fdx(DOC)) if p.get("Type") == "Scene Heading"]
    assert [h.get("Number") for h in headings] == ["12A", None]
    numbered = [p for p in paragraphs(fdx(DOC, scene_numbers=True)) if p.get("Number")]
    assert [h.get("Number") for h in numbered] == ["12A", "2"]


def test_scene_headings_carry_final_drafts_page_and_length() -> None:
    """SceneProperties: where the paginator starts each scene, and its length in eighths."""
    from scriptgen.flow import build_flow
    from scriptgen.layout import load_layout
    from scriptgen.paginate import format_eighths, paginate, scene_pages

    filler = Action(tuple(t(f"Line {i} of a long stretch of action.") for i in range(30)))
    scenes = [
        Scene(slug(f"INT. ROOM {n} - DAY"), (filler, Action((t("Short."),))), number=n)
        for n in range(1, 7)
    ]
    document = Document(None, tuple(scenes))
    for paper in ("letter", "a4"):
        root = ET.fromstring(render(document, "fdx", RenderOptions(paper=paper)))
        layout = load_layout("screenplay", paper)
        expected = [
            (str(place.first_page), format_eighths(place.eighths))
            for place in scene_pages(paginate(build_flow(document, layout), layout))
        ]
        written = []
        for heading in paragraphs(root):
            if heading.get("Type") == "Scene Heading":
                properties = heading.find("SceneProperties")
                assert properties is not None and heading[0] is properties  # before the text
                written.append((properties.get("Page"), properties.get("Length")))
        assert written == expected
        assert len({page for page, _ in written}) > 2  # the scenes really span pages


def test_scenes_built_without_numbers_get_no_scene_pages() -> None:
    """Pages are matched to scenes by number; a hand-built tree may leave them all 0."""
    scenes = tuple(Scene(slug(f"INT. ROOM {n} - DAY"), (Action((t("Here."),)),)) for n in range(3))
    root = ET.fromstring(render(Document(None, scenes), "fdx"))
    assert root.find(".//SceneProperties") is None


def test_a_treatment_layout_gives_no_scene_pages() -> None:
    root = ET.fromstring(render(DOC, "fdx", RenderOptions(layout_name="treatment")))
    assert root.find(".//SceneProperties") is None


def test_centered_text_is_centre_aligned_action() -> None:
    centred = [p for p in paragraphs(fdx(DOC)) if p.get("Alignment") == "Center"]
    assert [(p.get("Type"), text_of(p)) for p in centred] == [("Action", "THE END")]


def test_title_page_has_title_credit_author_and_contact() -> None:
    page = fdx(DOC).find("TitlePage/Content")
    assert page is not None
    printed = [(p.get("Alignment"), text_of(p)) for p in page.findall("Paragraph") if text_of(p)]
    assert printed == [
        ("Center", "City & <Stars>"),
        ("Center", "Written by"),
        ("Center", "Jo Writer"),
        ("Left", "jo@example.com\n555 0100"),
    ]
    # The cast list is scriptgen's own; it does not go on Final Draft's title page.
    assert "Emma Stone" not in ET.tostring(page, encoding="unicode")


def test_lyrics_declared_as_custom_element_paginated_as_dialogue() -> None:
    root = fdx(DOC)
    settings = {s.get("Type"): s for s in root.findall("ElementSettings")}
    assert set(settings) >= {
        "Scene Heading",
        "Action",
        "Character",
        "Parenthetical",
        "Dialogue",
        "Transition",
        "General",
        "Lyrics",
    }
    lyrics = settings["Lyrics"]
    behaviour = lyrics.find("Behavior")
    font = lyrics.find("FontSpec")
    spec = lyrics.find("ParagraphSpec")
    dialogue_spec = settings["Dialogue"].find("ParagraphSpec")
    assert behaviour is not None and behaviour.get("PaginateAs") == "Dialogue"
    assert font is not None and "Italic" in (font.get("Style") or "").split("+")
    # Set in the dialogue column, as the layout says.
    assert spec is not None and dialogue_spec is not None
    assert spec.get("LeftIndent") == dialogue_spec.get("LeftIndent") == "2.50"


def test_page_layout_comes_from_the_layout() -> None:
    a4 = ET.fromstring(render(DOC, "fdx", RenderOptions(paper="a4")))
    size = a4.find("PageLayout/PageSize")
    assert size is not None and size.get("Width") == "8.27" and size.get("Height") == "11.69"
    margins = a4.find("PageLayout/Margins")
    assert margins is not None and margins.get("Left") == "1.50"


def test_notes_sections_and_synopses_only_when_printed() -> None:
    plain = [text_of(p) for p in paragraphs(fdx(DOC))]
    assert not any("rights" in s or "Act One" in s or "arrives" in s for s in plain)
    assert not any("old line" in s for s in plain)
    shown = [
        (p.get("Type"), text_of(p))
        for p in paragraphs(fdx(DOC, print_notes=True, print_sections=True, print_synopses=True))
    ]
    assert shown[:2] == [("General", "Act One"), ("General", "Mia arrives.")]
    assert ("General", "[[check the song rights]]") in shown
    assert ("Action", "They leave[[fix]].") in shown
    assert not any("old line" in s for _, s in shown)


def test_special_characters_are_escaped_not_concatenated() -> None:
    data = render(DOC, "fdx")
    assert b"City &amp; &lt;Stars&gt;" in data
    assert ET.fromstring(data) is not None


def test_characters_xml_cannot_hold_are_dropped() -> None:
    document = Document(
        None,
        (Scene(slug("INT. A - DAY", "1\x01"), (Action((t("Bell\x07 rings\x0c."),)),), number=1),),
    )
    root = fdx(document)
    assert [(p.get("Number"), text_of(p)) for p in paragraphs(root)] == [
        ("1", "INT. A - DAY"),
        (None, "Bell rings."),
    ]


def test_every_node_class_has_a_visit_method() -> None:
    classes = [
        Document,
        TitlePage,
        Section,
        Scene,
        Action,
        Dialogue,
        DualDialogue,
        Transition,
        Centered,
        Lyrics,
        MusicCue,
        Note,
        Boneyard,
        Synopsis,
        PageBreak,
        Parenthetical,
        Speech,
    ]
    missing = [c.__name__ for c in classes if not hasattr(FdxRenderer, f"visit_{c.__name__}")]
    assert missing == []


def test_helpers_print_cues_like_final_draft() -> None:
    assert dialogue_cue(Dialogue("mia", ("V.O.", "CONT'D"))) == "MIA (V.O.) (CONT'D)"
    assert music_cue_line(MusicCue("Planetarium", (), ("instrumental",))) == (
        "\u266a \u201cPlanetarium\u201d (instrumental)"
    )
    assert music_cue_line(MusicCue("Start a Fire")) == "\u266a \u201cStart a Fire\u201d"


# --------------------------------------------------------------------------
# An independent reader
# --------------------------------------------------------------------------


def read_with_screenplay_tools(data: bytes) -> tuple[list[str], list[str]]:
    """Scene headings and character names as screenplay-tools' FDX parser sees them."""
    from screenplay_tools.fdx.parser import Parser  # type: ignore[import-untyped]
    from screenplay_tools.screenplay import Character, SceneHeading  # type: ignore[import-untyped]

    script = Parser().parse(data.decode("utf-8"))
    scenes = [e.text for e in script.elements if isinstance(e, SceneHeading)]
    names = [e.name for e in script.elements if isinstance(e, Character)]
    return scenes, names


def ast_scenes_and_speakers(document: Document) -> tuple[list[str], list[str]]:
    """Scene headings and the speakers of non-dual dialogue, straight from the AST.

    screenplay-tools reads only the paragraphs directly under ``<Content>``,
    so the speakers inside ``<DualDialogue>`` are invisible to it.
    """
    scenes: list[str] = []
    names: list[str] = []
    for _, block in document.walk():
        if isinstance(block, Scene):
            scenes.append(block.heading.text.upper())
        elif isinstance(block, Dialogue):
            names.append(block.character.upper())
    return scenes, names


def test_screenplay_tools_reads_the_same_scenes_and_characters() -> None:
    scenes, names = read_with_screenplay_tools(render(DOC, "fdx"))
    assert (scenes, names) == ast_scenes_and_speakers(DOC)
    assert scenes == ["INT. COFFEE SHOP - DAY", "EXT. HILLS - NIGHT"]
    assert names == ["MIA"]


@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_exports_and_reads_back(seed: Path) -> None:
    from scriptgen.parser import parse

    document = parse(seed.read_text(encoding="utf-8"), str(seed))
    data = render(document, "fdx")
    root = ET.fromstring(data)
    got = [(p.get("Type"), text_of(p)) for p in paragraphs(root)]
    assert got == expected_paragraphs(document)
    assert read_with_screenplay_tools(data) == ast_scenes_and_speakers(document)


def expected_paragraphs(document: Document) -> list[tuple[str, str]]:
    """The (type, text) sequence the mapping in docs/fdx.md gives, derived from the AST."""
    out: list[tuple[str, str]] = []

    def line(text: Text, caps: bool = False) -> str:
        parts = []
        for run in text.runs:
            if isinstance(run, Mention):
                parts.append(run.text.upper() if run.first else run.text)
            elif isinstance(run, InlineCue):
                parts.append(f"\u201c{run.title}\u201d")
            elif isinstance(run, TextRun):
                parts.append(run.text)
        joined = "".join(parts)
        return joined.upper() if caps else joined

    def lines(texts: tuple[Text, ...]) -> str:
        return "\n".join(line(x) for x in texts)

    def dialogue(d: Dialogue) -> None:
        out.append(("Character", dialogue_cue(d).upper()))
        for part in d.parts:
            if isinstance(part, Parenthetical):
                out.append(("Parenthetical", line(part.text)))
            elif isinstance(part, Speech):
                out.append(("Dialogue", lines(part.lines)))
            else:
                out.append(("Lyrics", lines(part.lines)))

    for _, block in document.walk():
        if isinstance(block, Scene):
            out.append(("Scene Heading", block.heading.text.upper()))
        elif isinstance(block, Action):
            out.append(("Action", lines(block.lines)))
        elif isinstance(block, Centered):
            out.append(("Action", line(block.text)))
        elif isinstance(block, Transition):
            out.append(("Transition", block.text.upper()))
        elif isinstance(block, Dialogue):
            dialogue(block)
        elif isinstance(block, DualDialogue):
            dialogue(block.left)
            dialogue(block.right)
        elif isinstance(block, Lyrics):
            out.append(("Lyrics", lines(block.lines)))
        elif isinstance(block, MusicCue):
            out.append(("General", music_cue_line(block)))
            if block.lyrics:
                out.append(("Lyrics", lines(block.lyrics)))
    return out


def test_expected_paragraphs_agrees_with_the_hand_written_list() -> None:
    # The derivation used on the seeds is itself checked against hand-written values.
    assert expected_paragraphs(DOC) == EXPECTED


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "INT. ROOM - DAY",
                ".GARDEN #3#",
                "MIA",
                "@mia ^",
                "(softly)",
                "~la la",
                '♪ "Song" (MIA, instrumental)',
                "> CUT TO:",
                "> THE END <",
                "===",
                "[[note]]",
                "",
                "",
            ]
        )
        | st.text(st.characters(exclude_categories=["Cs"]), max_size=30),
        max_size=25,
    )
)
def test_any_document_gives_well_formed_xml(lines: list[str]) -> None:
    from scriptgen.errors import MarkupError
    from scriptgen.parser import parse

    try:
        document = parse("\n".join(lines))
    except MarkupError:
        return
    root = ET.fromstring(render(document, "fdx"))
    assert [(p.get("Type"), text_of(p)) for p in paragraphs(root)] == [
        (kind, "".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20))
        for kind, text in expected_paragraphs(document)
    ]
