"""DOCX output, checked by reopening the file with python-docx.

What is checked is structure, never bytes: the sequence of (style name,
text) pairs, the emphasis of runs, every style descending from
``Screenplay``, indents and page geometry taken from the layout, the title
section and the body's page-number header, core properties, and the
paginator's pages carried into the document.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Emu, Inches, Pt

from scriptgen.ast import (
    Action,
    CastList,
    CastMember,
    Dialogue,
    Document,
    Mention,
    Parenthetical,
    Scene,
    Slugline,
    Speech,
    Text,
    TextRun,
    TitleField,
    TitlePage,
)
from scriptgen.flow import build_flow
from scriptgen.layout import load_layout
from scriptgen.paginate import paginate
from scriptgen.parser import parse
from scriptgen.renderers import RenderOptions, get_renderer, render
from scriptgen.renderers.docx import BASE_STYLE, BASELINE_SHARE, DocxRenderer

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.fountain"))
CASES = sorted((ROOT / "tests" / "cases").glob("*.fountain"))

SCREENPLAY = """\
Title: The Long Take
Author: Ada Writer
Contact:
    Ada Writer
    ada@example.com

EXT. FREEWAY - DAY

Traffic stands still. Mia *rehearses* her **lines**.

MIA
(to herself)
I can do this.

SEB
No, you can't.

SEB ^
Move!

CUT TO:

INT. CAFE - NIGHT

~Somewhere a _song_ plays

> THE END <
"""


def docx_of(document: Document, **options: object) -> WordDocument:
    """Render ``document`` and reopen the bytes with python-docx."""
    data = render(document, "docx", RenderOptions(**options))  # type: ignore[arg-type]
    return docx.Document(io.BytesIO(data))


def body_pairs(word: WordDocument) -> list[tuple[str, str]]:
    """(style, text) of every body paragraph and table-cell paragraph, in reading order."""
    pairs = []
    for child in word.element.body.iterchildren():
        if child.tag == qn("w:p"):
            pairs.extend(_pairs_of(word, [child]))
        elif child.tag == qn("w:tbl"):
            pairs.extend(_pairs_of(word, child.iter(qn("w:p"))))
    return pairs


def _pairs_of(word: WordDocument, elements: object) -> list[tuple[str, str]]:
    from docx.text.paragraph import Paragraph

    out = []
    for p in elements:  # type: ignore[attr-defined]
        para = Paragraph(p, word._body)
        if para.text or para.style.name != BASE_STYLE:
            out.append((para.style.name, para.text))
    return out


def story_pairs(word: WordDocument) -> list[tuple[str, str]]:
    """The pairs after the title page (the title section ends in its last paragraph)."""
    pairs = body_pairs(word)
    title_styles = {"Title", "Title Page Text", "Title Page Contact"}
    return [p for p in pairs if p[0] not in title_styles]


def text(value: str) -> Text:
    """Plain inline text."""
    return Text((TextRun(value),))


# --------------------------------------------------------------------------
# The element styles, in order
# --------------------------------------------------------------------------


def test_renderer_is_registered() -> None:
    assert get_renderer("docx") is DocxRenderer
    assert DocxRenderer.name == "docx"
    assert DocxRenderer.extension == ".docx"


def test_screenplay_pairs_in_order() -> None:
    word = docx_of(parse(SCREENPLAY))
    assert story_pairs(word) == [
        ("Scene Heading", "EXT. FREEWAY - DAY"),
        ("Action", "Traffic stands still. Mia rehearses her lines."),
        ("Character", "MIA"),
        ("Parenthetical", "(to herself)"),
        ("Dialogue", "I can do this."),
        ("Character", "SEB"),
        ("Dialogue", "No, you can't."),
        ("Character", "SEB"),
        ("Dialogue", "Move!"),
        ("Transition", "CUT TO:"),
        ("Scene Heading", "INT. CAFE - NIGHT"),
        ("Lyrics", "Somewhere a song plays"),
        ("Centered", "THE END"),
    ]


def test_hand_built_document_needs_no_parser() -> None:
    document = Document(
        None,
        (
            Scene(
                Slugline("INT. HOUSE - DAY", "INT.", "HOUSE", "DAY"),
                (
                    Action((text("She waits."), Text(), text("And waits."))),
                    Dialogue("ANNA", (), (Parenthetical(text("(quiet)")), Speech((text("Hi."),)))),
                ),
                number=1,
            ),
        ),
    )
    assert body_pairs(docx_of(document)) == [
        ("Scene Heading", "INT. HOUSE - DAY"),
        ("Action", "She waits.\n\nAnd waits."),
        ("Character", "ANNA"),
        ("Parenthetical", "(quiet)"),
        ("Dialogue", "Hi."),
    ]


def test_emphasis_is_run_formatting_not_paragraphs() -> None:
    word = docx_of(parse(SCREENPLAY))
    action = next(p for p in word.paragraphs if p.style.name == "Action")
    runs = [(r.text, bool(r.bold), bool(r.italic), bool(r.underline)) for r in action.runs]
    assert ("rehearses", False, True, False) in runs
    assert ("lines", True, False, False) in runs
    lyrics = next(p for p in word.paragraphs if p.style.name == "Lyrics")
    assert [r.text for r in lyrics.runs if r.underline] == ["song"]


def test_dual_dialogue_is_a_borderless_two_column_table() -> None:
    word = docx_of(parse(SCREENPLAY))
    assert len(word.tables) == 1
    table = word.tables[0]
    cells = table.rows[0].cells
    assert len(cells) == 2
    assert [(p.style.name, p.text) for p in cells[0].paragraphs] == [
        ("Character", "SEB"),
        ("Dialogue", "No, you can't."),
    ]
    assert [(p.style.name, p.text) for p in cells[1].paragraphs] == [
        ("Character", "SEB"),
        ("Dialogue", "Move!"),
    ]
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders is not None
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    # The row moves whole, like the paginator moves dual dialogue.
    assert table.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None


def test_forced_page_break_starts_the_next_paragraph_on_a_new_page() -> None:
    word = docx_of(parse("INT. A - DAY\n\nOne.\n\n===\n\nTwo.\n"))
    paras = {p.text: p for p in word.paragraphs}
    assert paras["Two."].paragraph_format.page_break_before
    assert not paras["One."].paragraph_format.page_break_before


def test_sections_synopses_and_notes_print_only_when_asked() -> None:
    source = "# Act One\n\n= The meeting.\n\nINT. A - DAY\n\n[[check this]]\n\nHi.\n"
    plain = [s for s, _ in body_pairs(docx_of(parse(source)))]
    assert plain == ["Scene Heading", "Action"]
    shown = body_pairs(
        docx_of(
            parse(source),
            overrides={"print_sections": True, "print_synopses": True, "print_notes": True},
        )
    )
    assert shown == [
        ("Section", "ACT ONE"),
        ("Synopsis", "The meeting."),
        ("Scene Heading", "INT. A - DAY"),
        ("Note", "check this"),
        ("Action", "Hi."),
    ]


def test_music_cue_and_its_lyrics() -> None:
    source = (
        'INT. CLUB - NIGHT\n\n♪ "City of Stars" (SEB, reprise)\n~City of stars\n~Are you shining\n'
    )
    assert body_pairs(docx_of(parse(source)))[1:] == [
        ("Music Cue", "♪ “City of Stars” (SEB, reprise)"),
        ("Lyrics", "City of stars\nAre you shining"),
    ]


# --------------------------------------------------------------------------
# Styles: one base, geometry from the layout
# --------------------------------------------------------------------------


def test_every_scriptgen_style_descends_from_screenplay() -> None:
    word = docx_of(parse(SCREENPLAY))
    base = word.styles[BASE_STYLE]
    assert base.font.name == "Courier Prime"
    assert base.font.size == Pt(12)
    assert base.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert base.paragraph_format.line_spacing == Pt(12)
    assert base.paragraph_format.space_after == Pt(0)
    used = {p.style.name for p in word.paragraphs} | {
        p.style.name for t in word.tables for c in t.rows[0].cells for p in c.paragraphs
    }
    body = word.sections[-1]
    used |= {p.style.name for p in body.header.paragraphs}
    for name in used - {BASE_STYLE}:
        style = word.styles[name]
        assert style.base_style is not None and style.base_style.name == BASE_STYLE, name
        # Only the base names a font, so restyling it restyles everything.
        assert style.font.name is None, name
        assert style.font.size is None, name


def test_indents_follow_the_screenplay_layout() -> None:
    word = docx_of(parse(SCREENPLAY))
    styles = word.styles
    # layout.md: relative to the 1.5 in margin, Character 2.0, Dialogue 1.0
    # left and 1.5 right, Parenthetical 1.5 left and 2.0 right.
    assert styles["Character"].paragraph_format.left_indent == Inches(2.0)
    assert styles["Dialogue"].paragraph_format.left_indent == Inches(1.0)
    assert styles["Dialogue"].paragraph_format.right_indent == Inches(1.5)
    paren = styles["Parenthetical"].paragraph_format
    # Wrapped lines hang one character (0.1 in) in.
    assert paren.left_indent + paren.first_line_indent == Inches(1.5)
    assert paren.first_line_indent == -Inches(0.1)
    assert paren.right_indent == Inches(2.0)
    assert styles["Transition"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert styles["Centered"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert styles["Scene Heading"].paragraph_format.keep_with_next
    assert styles["Character"].paragraph_format.keep_with_next
    assert styles["Scene Heading"].paragraph_format.space_before == Pt(24)
    assert styles["Action"].paragraph_format.space_before == Pt(12)
    assert styles["Scene Heading"].font.all_caps
    assert styles["Lyrics"].font.italic
    assert styles["Music Cue"].font.bold


def test_geometry_comes_from_the_layout_file(tmp_path: Path) -> None:
    custom = tmp_path / "wide.toml"
    custom.write_text(
        'extends = "screenplay"\n'
        "[margins]\nleft = 1.0\n"
        "[elements.character]\nleft = 4.0\nwidth = 30\nblank_before = 2\nkeep_with_next = false\n"
        '[font]\nfamily = "Courier Prime"\nsize = 12.0\nline_height = 12.0\n'
        "characters_per_inch = 10.0\n",
        encoding="utf-8",
    )
    word = docx_of(parse(SCREENPLAY), layout_name=str(custom))
    assert word.sections[-1].left_margin == Inches(1.0)
    character = word.styles["Character"].paragraph_format
    assert character.left_indent == Inches(3.0)
    assert character.space_before == Pt(24)
    assert not character.keep_with_next
    # Action keeps its 1.5 in column, now 0.5 in inside the narrower margin.
    assert word.styles["Action"].paragraph_format.left_indent == Inches(0.5)


@pytest.mark.parametrize(
    ("layout", "width", "height", "lines"),
    [
        ("screenplay", 8.5, 11.0, 55),
        ("screenplay-a4", 8.27, 11.69, 59),
        ("treatment", 8.5, 11.0, 54),
    ],
)
def test_page_size_and_text_area_hold_the_layout_lines(
    layout: str, width: float, height: float, lines: int
) -> None:
    word = docx_of(parse(SCREENPLAY), layout_name=layout)
    loaded = load_layout(layout)
    for section in word.sections:
        assert abs(section.page_width.inches - width) < 0.001
        assert abs(section.page_height.inches - height) < 0.001
        assert abs(section.left_margin.inches - loaded.margin_left) < 0.001
        area = Emu(section.page_height - section.top_margin - section.bottom_margin).pt
        assert lines * 12 <= area < (lines + 1) * 12


# --------------------------------------------------------------------------
# Title section, page numbers, properties
# --------------------------------------------------------------------------


def test_title_page_is_its_own_section_without_header() -> None:
    word = docx_of(parse(SCREENPLAY))
    assert len(word.sections) == 2
    title, body = word.sections
    assert [p.style.name for p in word.paragraphs[:3]] == [
        "Title",
        "Title Page Text",
        "Title Page Contact",
    ]
    assert word.paragraphs[0].text == "The Long Take"
    assert word.paragraphs[2].text == "Ada Writer\nada@example.com"
    title_refs = title._sectPr.findall(qn("w:headerReference"))
    assert title_refs == []
    assert body.start_type == 2  # WD_SECTION.NEW_PAGE


def test_title_is_placed_a_third_down_and_contact_at_the_bottom() -> None:
    word = docx_of(parse(SCREENPLAY))
    layout = load_layout("screenplay")
    title = word.paragraphs[0].paragraph_format.space_before
    # The layout places the title's baseline; the paragraph's line box starts
    # BASELINE_SHARE of a line above it.
    expected = (layout.title_page["title_from_top"] - layout.margin_top) * 72 - BASELINE_SHARE * 12
    assert abs(title.pt - expected) < 0.1
    contact = word.paragraphs[2].paragraph_format.space_before
    assert contact.pt > 20 * 12


def test_body_header_has_a_right_aligned_page_field_from_one() -> None:
    word = docx_of(parse(SCREENPLAY))
    body = word.sections[-1]
    assert not body.header.is_linked_to_previous
    header = body.header.paragraphs[0]
    assert header.style.name == "Header"
    assert header.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    xml = header._p.xml
    assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
    instr = [t.text for t in header._p.iter(qn("w:instrText"))]
    assert [i.strip() for i in instr] == ["PAGE"]
    assert header.text.endswith(".")
    start = body._sectPr.find(qn("w:pgNumType"))
    assert start is not None and start.get(qn("w:start")) == "1"
    # No number on the body's first page.
    assert body.different_first_page_header_footer
    assert not body.first_page_header.is_linked_to_previous
    assert body.first_page_header.paragraphs[0].text == ""
    # Right edge of the number at 7.5 in from the paper's edge.
    edge = Emu(body.page_width - body.right_margin - (header.paragraph_format.right_indent or 0))
    assert abs(edge.inches - 7.5) < 0.001


def test_without_title_page_one_section() -> None:
    word = docx_of(parse("INT. A - DAY\n\nHi.\n"))
    assert len(word.sections) == 1
    assert word.sections[0].different_first_page_header_footer


def test_core_properties_title_and_author() -> None:
    props = docx_of(parse(SCREENPLAY)).core_properties
    assert props.title == "The Long Take"
    assert props.author == "Ada Writer"


# --------------------------------------------------------------------------
# Treatment
# --------------------------------------------------------------------------

TREATMENT = """\
Title: La La Land
Author: Ada Writer
Cast:
    MIA DOLAN (Emma Stone): an aspiring actress
    SEBASTIAN WILDER / Seb (Ryan Gosling): a jazz pianist

# Act One

## Winter

.FREEWAY - DAY

Mia is stuck in traffic. Seb honks at her.
Mia glares.

♪ "Another Day of Sun" (ensemble)

Later, Mia walks home ♪"Someone in the Crowd"(reprise).
"""


def test_treatment_front_matter_and_story() -> None:
    word = docx_of(parse(TREATMENT), layout_name="treatment")
    assert story_pairs(word) == [
        ("Front Matter Heading", "CAST"),
        ("Cast Entry", "MIA DOLAN (Emma Stone): an aspiring actress"),
        ("Cast Entry", "SEBASTIAN WILDER (Ryan Gosling): a jazz pianist"),
        ("Front Matter Heading", "MUSICAL NUMBERS"),
        ("Song List Act", "Act One"),
        ("Song List Entry", "“Another Day of Sun” — Ensemble"),
        ("Song List Entry", "“Someone in the Crowd” (reprise)"),
        ("Act Heading", "ACT ONE"),
        ("Sequence Heading", "Winter"),
        ("Scene Heading", "FREEWAY - DAY"),
        # First appearances in capitals; source lines run on as prose.
        ("Treatment Paragraph", "MIA is stuck in traffic. SEB honks at her. Mia glares."),
        ("Music Cue", "♪ “Another Day of Sun” (ensemble)"),
        ("Treatment Paragraph", "Later, Mia walks home “Someone in the Crowd”."),
    ]
    # Title page, unnumbered front matter (each list on its own page), numbered story.
    assert len(word.sections) == 3
    assert word.sections[1]._sectPr.findall(qn("w:headerReference")) == []
    assert not word.sections[2].header.is_linked_to_previous
    songs = next(p for p in word.paragraphs if p.text == "MUSICAL NUMBERS")
    assert songs.paragraph_format.page_break_before
    assert word.styles["Act Heading"].base_style.name == BASE_STYLE
    assert word.styles["Treatment Paragraph"].paragraph_format.left_indent == Inches(0)


def test_treatment_title_page_credit_and_date() -> None:
    source = (
        "Title: X\nAuthor: Ada\nDraft date: 1 May\nContact: ada@example.com\n\n"
        "INT. A - DAY\n\nHi.\n"
    )
    word = docx_of(parse(source), layout_name="treatment")
    pairs = body_pairs(word)
    assert pairs[:4] == [
        ("Title", "X"),
        ("Title Page Text", "A treatment by"),
        ("Title Page Text", "Ada"),
        ("Title Page Contact", "ada@example.com\t1 May"),
    ]


def test_hand_built_treatment_capitals_first_mention() -> None:
    cast = TitlePage((TitleField("Title", (text("T"),)), CastList((CastMember("MIA DOLAN"),))))
    line = Text(
        (
            Mention("Mia", member="MIA DOLAN", first=True),
            TextRun(" smiles at "),
            Mention("Mia", member="MIA DOLAN"),
            TextRun("."),
        )
    )
    scene = Scene(Slugline("A - DAY", "", "A", "DAY", forced=True), (Action((line,)),), number=1)
    word = docx_of(Document(cast, (scene,)), layout_name="treatment")
    assert ("Treatment Paragraph", "MIA smiles at Mia.") in body_pairs(word)


# --------------------------------------------------------------------------
# Carried pagination
# --------------------------------------------------------------------------


def long_script(scenes: int = 30) -> str:
    """A script long enough to split dialogue and action across pages."""
    speech = " ".join(f"This is sentence number {i} of a long speech." for i in range(14))
    prose = " ".join(f"Something happens, event {i}, and goes on." for i in range(12))
    out = ["Title: Long\nAuthor: A\n"]
    for n in range(scenes):
        out.append(f"INT. ROOM {n} - DAY\n\n{prose}\n\nMIA (V.O.)\n(tired)\n{speech}\n\nCUT TO:\n")
    return "\n".join(out)


def page_starts(word: WordDocument) -> int:
    """Body paragraphs that start a page (page break before), spacers included."""
    body = word.element.body
    return sum(
        1
        for p in body.iter(qn("w:p"))
        if p.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is not None
    )


def test_carry_pagination_reproduces_the_paginator_pages() -> None:
    document = parse(long_script())
    layout = load_layout("screenplay")
    pages = paginate(build_flow(document, layout), layout).pages
    assert len(pages) > 5
    word = docx_of(document, carry_pagination=True)
    assert page_starts(word) == len(pages) - 1
    pairs = story_pairs(word)
    more = [t for s, t in pairs if t == "(MORE)"]
    contd = [t for s, t in pairs if t.endswith("(CONT'D)")]
    expected_more = sum(1 for p in pages for line in p.lines if line.role == "more")
    assert expected_more > 0
    assert len(more) == expected_more == len(contd)
    assert all(s == "Character" for s, t in pairs if t == "(MORE)" or t.endswith("(CONT'D)"))
    assert "MIA (V.O.) (CONT'D)" in contd
    # Every printed line of every page is in the document, in order.
    printed = [line.text for page in pages for line in page.lines]
    written = [line for _, t in pairs for line in t.split("\n") if line]
    assert written == printed


def test_carry_pagination_breaks_lines_where_the_paginator_wraps() -> None:
    document = parse(long_script(2))
    word = docx_of(document, carry_pagination=True)
    action = next(p for p in word.paragraphs if p.style.name == "Action")
    lines = action.text.split("\n")
    assert len(lines) > 1
    assert all(len(line) <= 60 for line in lines)
    # Without carried breaks Word wraps the paragraph itself.
    plain = docx_of(document)
    assert "\n" not in next(p for p in plain.paragraphs if p.style.name == "Action").text


def test_carry_pagination_turns_word_page_rules_off() -> None:
    # The pages are decided; Word's widow and keep-with-next rules could only move lines.
    carried = docx_of(parse(long_script(2)), carry_pagination=True)
    assert carried.styles[BASE_STYLE].paragraph_format.widow_control is False
    assert not carried.styles["Scene Heading"].paragraph_format.keep_with_next
    plain = docx_of(parse(long_script(2)))
    assert plain.styles[BASE_STYLE].paragraph_format.widow_control is True
    assert plain.styles["Scene Heading"].paragraph_format.keep_with_next


def test_without_carry_word_paginates_itself() -> None:
    word = docx_of(parse(long_script()))
    assert page_starts(word) == 0
    assert all(t != "(MORE)" for _, t in body_pairs(word))


# --------------------------------------------------------------------------
# Seeds and golden cases
# --------------------------------------------------------------------------


def expected_pairs(document: Document, layout_name: str) -> list[tuple[str, str]]:
    """What the story should hold: every printed flow block's text, in flow order,
    under the style the layout element is named after."""
    names = {
        "scene_heading": "Scene Heading",
        "action": "Treatment Paragraph" if layout_name == "treatment" else "Action",
        "character": "Character",
        "parenthetical": "Parenthetical",
        "dialogue": "Dialogue",
        "lyrics": "Lyrics",
        "transition": "Transition",
        "centered": "Centered",
        "music_cue": "Music Cue",
        "section": "Section",
        "synopsis": "Synopsis",
        "note": "Note",
    }
    out: list[tuple[str, str]] = []

    def add(block: object) -> None:
        kind = block.kind  # type: ignore[attr-defined]
        if kind in ("dialogue_group", "dual_dialogue"):
            for part in block.parts:  # type: ignore[attr-defined]
                add(part)
        elif kind == "act":
            out.append(("Act Heading", block.text))  # type: ignore[attr-defined]
        elif kind == "sequence":
            out.append(("Sequence Heading", block.text))  # type: ignore[attr-defined]
        elif kind != "page_break":
            out.append((names[kind], block.text))  # type: ignore[attr-defined]

    for block in build_flow(document, load_layout(layout_name)):
        add(block)
    return out


FRONT = {"Front Matter Heading", "Cast Entry", "Song List Act", "Song List Entry", "Logline"}


@pytest.mark.parametrize("path", SEEDS + CASES, ids=lambda p: p.name)
@pytest.mark.parametrize("layout_name", ["treatment", "screenplay"])
def test_seed_and_case_pairs(path: Path, layout_name: str) -> None:
    document = parse(path.read_text(encoding="utf-8"), str(path))
    word = docx_of(document, layout_name=layout_name)
    story = [p for p in story_pairs(word) if p[0] not in FRONT]
    assert story == expected_pairs(document, layout_name)
    if document.title() is not None:
        assert word.core_properties.title == document.title()


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seed_treatment_front_matter(path: Path) -> None:
    document = parse(path.read_text(encoding="utf-8"), str(path))
    pairs = story_pairs(docx_of(document, layout_name="treatment"))
    entries = [t for s, t in pairs if s == "Cast Entry"]
    assert [e.split(" (")[0].split(":")[0] for e in entries] == [m.name for m in document.cast]
    # A member's first appearance in the story is in capitals.
    story = "\n".join(t for s, t in pairs if s == "Treatment Paragraph")
    for member in document.cast:
        first = member.display_name.split()[0]
        if first in story or first.upper() in story:
            assert first.upper() in story, member.name


def test_seeds_exist() -> None:
    assert SEEDS, "seeds/*.fountain are missing"


# --------------------------------------------------------------------------
# Reports
# --------------------------------------------------------------------------


def test_reports_are_word_tables_after_the_story() -> None:
    from scriptgen.report import report_tables

    document = parse(TREATMENT)
    word = docx_of(document, layout_name="treatment", with_reports=True)
    expected = report_tables(document, load_layout("treatment"))
    titles = [p for p in word.paragraphs if p.style.name == "Report Title"]
    assert [p.text for p in titles] == [t.title for t in expected]
    assert all(p.paragraph_format.page_break_before for p in titles)
    tables = [
        t for t in word.tables if t.rows[0].cells[0].paragraphs[0].style.name.startswith("Report")
    ]
    with_rows = [t for t in expected if t.rows]
    assert len(tables) == len(with_rows)
    for table, report in zip(tables, with_rows, strict=True):
        assert tuple(c.text for c in table.rows[0].cells) == report.headers
        assert [tuple(c.text for c in row.cells) for row in table.rows[1:]] == [
            tuple(cell for cell in row) for row in report.rows
        ]
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert word.styles["Report Table Text"].base_style.name == BASE_STYLE
    # Without the option there are none.
    plain = docx_of(document, layout_name="treatment")
    assert not [p for p in plain.paragraphs if p.style.name == "Report Title"]


# --------------------------------------------------------------------------
# Word's structural demands
# --------------------------------------------------------------------------


def test_body_ends_with_a_paragraph_after_a_final_table() -> None:
    word = docx_of(parse("INT. A - DAY\n\nANNA\nHi.\n\nBEN ^\nHo.\n"))
    children = [c for c in word.element.body.iterchildren() if c.tag != qn("w:sectPr")]
    assert children[-2].tag == qn("w:tbl")
    assert children[-1].tag == qn("w:p")


@pytest.mark.parametrize("source", [SCREENPLAY, TREATMENT])
@pytest.mark.parametrize("layout_name", ["screenplay", "treatment"])
@pytest.mark.parametrize("carry", [False, True])
def test_no_stray_empty_paragraphs(source: str, layout_name: str, carry: bool) -> None:
    word = docx_of(parse(source), layout_name=layout_name, carry_pagination=carry)
    empty = [p for p in word.paragraphs if not p.text.strip()]
    assert empty == []


def test_empty_script_still_has_a_page() -> None:
    word = docx_of(Document(None, ()))
    assert len(word.sections) == 1
    assert len(word.paragraphs) == 1


def test_control_characters_never_break_the_file() -> None:
    document = Document(
        None,
        (
            Scene(
                Slugline("A - DAY", "", "A", "DAY", forced=True), (Action((text("a\x07b\x1bc"),)),)
            ),
        ),
    )
    assert ("Action", "abc") in body_pairs(docx_of(document))


def test_scene_numbers_in_both_margins_when_asked() -> None:
    source = "INT. A - DAY #12A#\n\nHi.\n\nEXT. B - NIGHT\n\nHo.\n"
    plain = [t for s, t in body_pairs(docx_of(parse(source))) if s == "Scene Heading"]
    assert plain == ["INT. A - DAY", "EXT. B - NIGHT"]
    for carry in (False, True):
        word = docx_of(parse(source), overrides={"scene_numbers": True}, carry_pagination=carry)
        headings = [p for p in word.paragraphs if p.style.name == "Scene Heading"]
        assert [p.text for p in headings] == ["12A\tINT. A - DAY\t12A", "2\tEXT. B - NIGHT\t2"]
        fmt = headings[0].paragraph_format
        layout = load_layout("screenplay")
        # The line starts at scene_number_left; the second number at scene_number_right.
        start = fmt.left_indent + fmt.first_line_indent
        assert abs(Emu(start).inches - (layout.scene_number_left - layout.margin_left)) < 0.001
        stops = [Emu(t.position).inches for t in fmt.tab_stops]
        assert any(abs(s - (layout.scene_number_right - layout.margin_left)) < 0.001 for s in stops)
