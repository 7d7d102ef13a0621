"""The PDF writer, read back: text per page, positions against the layout, pages, outline.

Every check reads the PDF with pdfplumber (characters and their positions)
or pypdf (outline, document info) and compares it with the layout and with
the shared paginator's pages, never with stored bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdf
import pytest

from scriptgen.flow import build_flow
from scriptgen.layout import load_layout
from scriptgen.paginate import Pagination, paginate
from scriptgen.parser import parse
from scriptgen.renderers import RenderOptions, get_renderer, render
from scriptgen.renderers.pdf import PdfRenderer, append_table_pages
from scriptgen.resources import data_dir

INCH = 72.0
TOL = 1.0  # points

SCRIPT = """Title: _**Moonlight Parking**_
Credit: Written by
Author: Ada Writer
Source: a synopsis
Draft date: 2 March 2026
Contact:
    Ada Writer
    ada@example.com
Cast:
    MIA DOLAN (Emma Stone): an aspiring actress
    SEBASTIAN WILDER / Seb (Ryan Gosling): a jazz pianist

# ACT ONE

EXT. FREEWAY - DAY

Traffic, heat. Mia mouths her lines. *Quietly* she **rehearses**, _again_.

♪ "Another Day of Sun" (ensemble)
~Climb these hills

MIA
(to herself)
I can do this.

CUT TO:

[[A note for the writer.]]

= A synopsis line.

INT. COFFEE SHOP - DAY

Seb walks in humming ♪"City of Stars".

# ACT TWO

EXT. PIER - NIGHT

SEBASTIAN
Play it again.

MIA ^
Never.
"""


@dataclass
class PdfLine:
    """Characters of one baseline on a page."""

    top: float
    """The baseline's distance from the top edge, points."""
    x0: float
    x1: float
    text: str
    fonts: set[str]


def read_lines(data: bytes) -> list[list[PdfLine]]:
    """Every page's lines, top to bottom, characters grouped by their baseline.

    (Fonts differ in ascent, so a fallback glyph's box top differs from its
    neighbours'; the baseline, from the text matrix, does not.)
    """
    pages: list[list[PdfLine]] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            rows: dict[int, list[dict[str, object]]] = {}
            for char in page.chars:
                baseline = float(page.height) - float(char["matrix"][5])  # type: ignore[index]
                rows.setdefault(round(baseline), []).append(char)
            lines = []
            for top in sorted(rows):
                chars = sorted(rows[top], key=lambda c: float(c["x0"]))  # type: ignore[arg-type]
                shown = [c for c in chars if not str(c["text"]).isspace()]
                if not shown:
                    continue
                lines.append(
                    PdfLine(
                        top=float(top),
                        x0=float(shown[0]["x0"]),  # type: ignore[arg-type]
                        x1=float(shown[-1]["x1"]),  # type: ignore[arg-type]
                        text="".join(str(c["text"]) for c in chars),
                        fonts={str(c["fontname"]).split("+")[-1] for c in shown},
                    )
                )
            pages.append(lines)
    return pages


def squash(text: str) -> str:
    return "".join(text.split())


def pdf(source: str = SCRIPT, **options: object) -> bytes:
    return render(parse(source), "pdf", RenderOptions(**options))  # type: ignore[arg-type]


def pagination(source: str = SCRIPT, layout: str = "screenplay", **overrides: bool) -> Pagination:
    lay = load_layout(layout)
    if overrides:
        import dataclasses

        lay = dataclasses.replace(lay, options={**lay.options, **overrides})
    return paginate(build_flow(parse(source), lay), lay)


def find(lines: Sequence[PdfLine], text: str) -> PdfLine:
    for line in lines:
        if text in line.text:
            return line
    raise AssertionError(f"{text!r} not on the page: {[ln.text for ln in lines]}")


@pytest.fixture(scope="module")
def screenplay() -> list[list[PdfLine]]:
    return read_lines(pdf())


# -- the renderer contract ---------------------------------------------------


def test_registered_as_the_pdf_format() -> None:
    assert get_renderer("pdf") is PdfRenderer
    assert PdfRenderer.name == "pdf"
    assert PdfRenderer.extension == ".pdf"
    assert pdf().startswith(b"%PDF-")


# -- title page --------------------------------------------------------------


def test_title_page(screenplay: list[list[PdfLine]]) -> None:
    page = screenplay[0]
    layout = load_layout("screenplay")
    title = find(page, "Moonlight Parking")
    assert "CourierPrime-Bold" in title.fonts
    # Centred on the text column, about a third of the way down.
    middle = (layout.margin_left + (layout.page_width - layout.margin_right)) / 2 * INCH
    assert abs((title.x0 + title.x1) / 2 - middle) < 2
    assert abs(title.top - layout.title_page["title_from_top"] * INCH) < layout.font_size
    order = [find(page, t).top for t in ("Moonlight", "Written by", "Ada Writer", "a synopsis")]
    assert order == sorted(order)
    # Contact, then the draft date, at the bottom left on the action column.
    contact = [ln for ln in page if ln.text in ("Ada Writer", "ada@example.com", "2 March 2026")]
    assert [ln.text for ln in contact][-3:] == ["Ada Writer", "ada@example.com", "2 March 2026"]
    for line in contact[-3:]:
        assert abs(line.x0 - layout.margin_left * INCH) < TOL
        assert line.top > layout.page_height * INCH / 2
    # No page number and no script text on the title page.
    assert not any(squash(ln.text).rstrip(".").isdigit() for ln in page)
    assert "FREEWAY" not in "".join(ln.text for ln in page)


def test_no_title_page_without_title_keys() -> None:
    pages = read_lines(pdf("INT. ROOM - DAY\n\nNothing else.\n"))
    assert len(pages) == 1
    assert pages[0][0].text == "INT. ROOM - DAY"


# -- body text and positions -------------------------------------------------


def test_text_per_page_matches_the_paginator() -> None:
    source = SCRIPT + "\n".join(
        f"\nINT. ROOM {n} - NIGHT\n\nMia waits. She waits some more.\n\nMIA\nStill here.\n"
        for n in range(40)
    )
    expected = pagination(source)
    pages = read_lines(pdf(source))[1:]  # after the title page
    assert len(pages) == expected.page_count > 2
    for page, want in zip(pages, expected.pages, strict=True):
        rows: dict[int, list[tuple[float, str]]] = {}
        for line in want.lines:
            rows.setdefault(line.row, []).append((line.x, line.text))
        want_rows = ["".join(t for _, t in sorted(r)) for _, r in sorted(rows.items())]
        got = [ln.text for ln in page if not (want.label and ln.text == want.label)]
        assert [squash(t) for t in got] == [squash(t) for t in want_rows]


def test_rows_sit_on_the_line_grid() -> None:
    expected = pagination()
    page = read_lines(pdf())[1]
    layout = load_layout("screenplay")
    rows = sorted({line.row for line in expected.pages[0].lines})
    assert len(rows) == len(page)
    first = page[0].top - rows[0] * layout.line_height
    # The first row's baseline sits one line (less the descent) under the top margin.
    assert layout.margin_top * INCH < first < layout.margin_top * INCH + layout.line_height
    for row, line in zip(rows, page, strict=True):
        assert abs(line.top - (first + row * layout.line_height)) < 0.5


def test_element_positions_follow_the_layout(screenplay: list[list[PdfLine]]) -> None:
    page = screenplay[1]
    layout = load_layout("screenplay")

    def left(name: str) -> float:
        return layout.element(name).left * INCH

    assert abs(find(page, "EXT. FREEWAY - DAY").x0 - left("scene_heading")) < TOL
    assert abs(find(page, "Traffic, heat").x0 - left("action")) < TOL
    assert abs(find(page, "I can do this.").x0 - left("dialogue")) < TOL
    assert abs(find(page, "(to herself)").x0 - left("parenthetical")) < TOL
    cue = next(ln for ln in page if ln.text == "MIA")
    assert abs(cue.x0 - left("character")) < TOL
    assert abs(find(page, "CUT TO:").x1 - layout.element("transition").right * INCH) < TOL  # type: ignore[operator]
    lyric = find(page, "Climb these hills")
    assert abs(lyric.x0 - left("lyrics")) < TOL
    assert lyric.fonts == {"CourierPrime-Italic"}
    assert layout.element("scene_heading").left == 1.5
    assert layout.element("character").left == 3.5
    assert layout.element("dialogue").left == 2.5
    assert layout.element("parenthetical").left == 3.0
    assert layout.element("transition").right == 7.1


def test_music_cue_is_set_apart_in_bold(screenplay: list[list[PdfLine]]) -> None:
    cue = find(screenplay[1], "Another Day of Sun")
    assert cue.text.startswith("♪")
    assert cue.fonts == {"CourierPrime-Bold", "DejaVuSansMono-Bold"}
    assert "“City of Stars”" in find(screenplay[1], "humming").text


def test_emphasis_runs_are_drawn() -> None:
    data = pdf()
    with pdfplumber.open(io.BytesIO(data)) as doc:
        page = doc.pages[1]
        fonts = {}
        for word in ("Quietly", "rehearses", "again", "Traffic"):
            hits = page.search(word)
            assert hits, word
            chars = [
                c
                for c in page.chars
                if hits[0]["x0"] - 0.1 <= c["x0"] < hits[0]["x1"]
                and abs(c["top"] - hits[0]["top"]) < 1
            ]
            fonts[word] = {c["fontname"].split("+")[-1] for c in chars}
        underline = page.search("again")[0]
        strokes = [
            ln
            for ln in page.lines
            if ln["x0"] <= underline["x0"] + 1
            and ln["x1"] >= underline["x1"] - 1
            and 0 < ln["top"] - underline["bottom"] + 3 < 5
        ]
    assert fonts["Quietly"] == {"CourierPrime-Italic"}
    assert fonts["rehearses"] == {"CourierPrime-Bold"}
    assert fonts["again"] == {"CourierPrime-Regular"}
    assert fonts["Traffic"] == {"CourierPrime-Regular"}
    assert strokes, "the underlined word has no rule under it"


def test_notes_and_synopses_hidden_by_default_and_printable_by_option() -> None:
    hidden = "".join(ln.text for page in read_lines(pdf()) for ln in page)
    assert "A note for the writer" not in hidden
    assert "A synopsis line" not in hidden
    assert "ACT ONE" not in hidden
    shown = "".join(
        ln.text
        for page in read_lines(
            pdf(overrides={"print_notes": True, "print_synopses": True, "print_sections": True})
        )
        for ln in page
    )
    assert "A note for the writer" in shown
    assert "A synopsis line" in shown
    assert "ACT ONE" in shown


# -- pagination marks ----------------------------------------------------------


LONG_SPEECH = "\n".join(
    ["INT. STAGE - NIGHT", ""]
    + ["The lights dim. The room waits.", ""] * 20
    + [
        "MIA (V.O.)",
        " ".join(f"This is sentence number {n} of a very long speech." for n in range(40)),
        "",
        "Silence.",
        "",
    ]
)


def test_more_and_contd_where_the_paginator_put_them() -> None:
    expected = pagination(LONG_SPEECH)
    marks = [
        (page.number, line)
        for page in expected.pages
        for line in page.lines
        if line.role in ("more", "contd")
    ]
    assert [line.role for _, line in marks] == ["more", "contd"]
    pages = read_lines(pdf(LONG_SPEECH))
    layout = load_layout("screenplay")
    for number, placed in marks:
        page = pages[number - 1]
        got = find(page, placed.text)
        assert abs(got.x0 - placed.x * INCH) < TOL
        body = [ln for ln in page if ln.text != f"{number}."]
        if placed.role == "more":
            assert body[-1].text == "(MORE)"
        else:
            assert body[0].text == "MIA (V.O.) (CONT'D)"
            assert abs(got.x0 - layout.element("character").left * INCH) < TOL


def test_page_numbers_from_page_two() -> None:
    pages = read_lines(pdf(LONG_SPEECH))
    layout = load_layout("screenplay")
    assert len(pages) >= 2
    assert not any(ln.text == "1." for ln in pages[0])
    for number, page in enumerate(pages[1:], start=2):
        label = find(page, f"{number}.")
        assert label.text == f"{number}."
        assert abs(label.x1 - layout.page_number["right"] * INCH) < TOL
        assert label.top < layout.margin_top * INCH  # in the top margin
        assert label.top < page[1].top


# -- scene numbers, outline, info ------------------------------------------------


def test_scene_numbers_only_when_asked(screenplay: list[list[PdfLine]]) -> None:
    layout = load_layout("screenplay")
    assert find(screenplay[1], "EXT. FREEWAY").text == "EXT. FREEWAY - DAY"
    numbered = read_lines(pdf(overrides={"scene_numbers": True}))[1]
    headings = ("EXT. FREEWAY - DAY", "INT. COFFEE SHOP - DAY", "EXT. PIER - NIGHT")
    for label, heading in enumerate(headings, start=1):
        line = find(numbered, heading)
        assert squash(line.text) == f"{label}{squash(heading)}{label}"
        assert abs(line.x0 - layout.scene_number_left * INCH) < TOL
    with pdfplumber.open(io.BytesIO(pdf(overrides={"scene_numbers": True}))) as doc:
        right = [
            c for c in doc.pages[1].chars if abs(c["x0"] - layout.scene_number_right * INCH) < TOL
        ]
    assert [c["text"] for c in right] == ["1", "2", "3"]


def test_outline_has_scenes_nested_under_acts() -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdf()))
    outline = reader.outline

    def titles(items: list[object]) -> list[object]:
        return [titles(i) if isinstance(i, list) else i.title for i in items]  # type: ignore[attr-defined]

    assert titles(outline) == [
        "ACT ONE",
        ["1. EXT. FREEWAY - DAY", "2. INT. COFFEE SHOP - DAY"],
        "ACT TWO",
        ["3. EXT. PIER - NIGHT"],
    ]
    first_scene = outline[1][0]  # type: ignore[index]
    assert reader.get_destination_page_number(first_scene) == 1  # the page after the title


def test_document_info() -> None:
    info = pypdf.PdfReader(io.BytesIO(pdf())).metadata
    assert info is not None
    assert info.title == "Moonlight Parking"
    assert info.author == "Ada Writer"
    assert info.subject == "Screenplay based on a synopsis"
    assert info.creator == "scriptgen"
    treatment = pypdf.PdfReader(io.BytesIO(pdf(layout_name="treatment"))).metadata
    assert treatment is not None and treatment.subject == "Treatment based on a synopsis"


# -- paper ---------------------------------------------------------------------


def test_a4_paper() -> None:
    data = pdf(layout_name="screenplay-a4")
    reader = pypdf.PdfReader(io.BytesIO(data))
    box = reader.pages[1].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    page = read_lines(data)[1]
    assert abs(find(page, "EXT. FREEWAY").x0 - 1.5 * INCH) < TOL
    assert read_lines(pdf(paper="a4"))[1][0].text == "EXT. FREEWAY - DAY"


# -- treatment -----------------------------------------------------------------


TREATMENT = """Title: City of Stars
Author: Ada Writer
Source: synopsis 000
Contact: ada@example.com
Draft date: March 2026
Cast:
    MIA DOLAN (Emma Stone): an aspiring actress
    SEBASTIAN WILDER / Seb (Ryan Gosling): a struggling jazz pianist

# ACT ONE

EXT. FREEWAY - DAY

Mia rehearses in her car. Sebastian honks. Mia glares.

♪ "Another Day of Sun" (ensemble)

INT. CLUB - NIGHT

Seb plays ♪"Mia and Sebastian's Theme"(instrumental) and Mia listens.

# ACT TWO

EXT. PIER - NIGHT

♪ "City of Stars" (SEBASTIAN, reprise)

Seb sings alone.
"""


@pytest.fixture(scope="module")
def treatment() -> list[list[PdfLine]]:
    return read_lines(pdf(TREATMENT, layout_name="treatment"))


def test_treatment_front_matter(treatment: list[list[PdfLine]]) -> None:
    title, cast, songs = treatment[0], treatment[1], treatment[2]
    assert find(title, "City of Stars")
    assert find(title, "A treatment by")
    date = find(title, "March 2026")
    contact = find(title, "ada@example.com")
    layout = load_layout("treatment")
    assert abs(contact.x0 - layout.margin_left * INCH) < TOL
    assert abs(date.x1 - (layout.page_width - layout.margin_right) * INCH) < TOL
    assert cast[0].text == "CAST"
    mia = find(cast, "MIA DOLAN")
    assert mia.text == "MIA DOLAN (Emma Stone): an aspiring actress"
    assert "CourierPrime-Bold" in mia.fonts
    assert find(cast, "SEBASTIAN WILDER (Ryan Gosling)")
    assert [ln.text for ln in songs] == [
        "MUSICAL NUMBERS",
        "ACT ONE",
        "“Another Day of Sun” — Ensemble",
        "“Mia and Sebastian's Theme” — Instrumental",
        "ACT TWO",
        "“City of Stars” (reprise) — SEBASTIAN",
    ]
    # Front matter carries no page numbers.
    assert not any(squash(ln.text).rstrip(".").isdigit() for p in treatment[:3] for ln in p)


def test_treatment_body(treatment: list[list[PdfLine]]) -> None:
    body = [ln.text for page in treatment[3:] for ln in page]
    assert body[0] == "ACT ONE"
    assert "EXT. FREEWAY - DAY" in body
    prose = " ".join(body)
    # First appearances in capitals, later mentions as written.
    assert "MIA rehearses in her car. SEBASTIAN honks. Mia glares." in prose
    assert "Seb plays “Mia and Sebastian's Theme” and Mia listens." in prose
    assert "ACT TWO" in body
    layout = load_layout("treatment")
    act = find(treatment[3], "ACT ONE")
    middle = (layout.margin_left + layout.page_width - layout.margin_right) / 2 * INCH
    assert abs((act.x0 + act.x1) / 2 - middle) < 4
    assert abs(find(treatment[3], "Mia glares").x0 - layout.margin_left * INCH) < TOL


def test_treatment_page_numbers_top_right_from_page_two() -> None:
    source = TREATMENT + "\n".join(
        f"\nINT. ROOM {n} - NIGHT\n\nMia waits in room {n}. She waits some more.\n"
        for n in range(60)
    )
    pages = read_lines(pdf(source, layout_name="treatment"))
    body = pages[3:]
    layout = load_layout("treatment")
    assert len(body) >= 2
    assert not any(ln.text == "1." for ln in body[0])
    for number, page in enumerate(body[1:], start=2):
        label = page[0]
        assert label.text == f"{number}."
        assert abs(label.x1 - layout.page_number["right"] * INCH) < TOL


def test_treatment_outline_lists_front_matter_acts_and_scenes() -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdf(TREATMENT, layout_name="treatment")))
    flat = []

    def walk(items: list[object], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                flat.append((depth, item.title))  # type: ignore[attr-defined]

    walk(reader.outline, 0)
    assert flat == [
        (0, "Cast"),
        (0, "Musical Numbers"),
        (0, "ACT ONE"),
        (1, "1. EXT. FREEWAY - DAY"),
        (1, "2. INT. CLUB - NIGHT"),
        (0, "ACT TWO"),
        (1, "3. EXT. PIER - NIGHT"),
    ]


# -- extra pages, odd input --------------------------------------------------------


@dataclass
class Table:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def test_table_pages_hook() -> None:
    from reportlab.pdfgen.canvas import Canvas

    layout = load_layout("screenplay")
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(layout.page_width * INCH, layout.page_height * INCH))
    rows = tuple((str(n), f"INT. ROOM {n} - NIGHT", "MIA, SEB") for n in range(1, 121))
    tables = [Table("Scenes", ("#", "Heading", "Characters"), rows), Table("Empty", (), ())]
    added = append_table_pages(canvas, tables, layout)
    canvas.save()
    pages = read_lines(buffer.getvalue())
    assert added == len(pages) >= 2
    assert pages[0][0].text == "Scenes"
    assert pages[1][0].text == "Scenes (continued)"
    for page in pages:
        assert squash(page[1].text) == "#HeadingCharacters"  # the header repeats
    printed = [squash(ln.text) for page in pages for ln in page[2:]]
    assert printed == [squash("".join(r)) for r in rows]


def test_with_reports_appends_report_pages() -> None:
    plain = read_lines(pdf())
    reported = read_lines(pdf(with_reports=True))
    assert len(reported) > len(plain)
    extra = " ".join(ln.text for page in reported[len(plain) :] for ln in page)
    assert "Another Day of Sun" in extra
    assert "EXT. FREEWAY - DAY" in extra


def test_empty_document_is_one_blank_page() -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdf("")))
    assert len(reader.pages) == 1


# -- the seeds, in both layouts ----------------------------------------------------


def _seeds() -> list[Path]:
    try:
        return sorted(data_dir("seeds").glob("*.fountain"))
    except FileNotFoundError:
        return []


@pytest.mark.parametrize("layout", ["screenplay", "treatment"])
@pytest.mark.parametrize("seed", _seeds(), ids=lambda p: p.stem)
def test_seeds_render(seed: Path, layout: str) -> None:
    source = seed.read_text(encoding="utf-8")
    document = parse(source, str(seed))
    data = render(document, "pdf", RenderOptions(layout_name=layout))
    pages = read_lines(data)
    expected = pagination(source, layout)
    text = " ".join(ln.text for page in pages for ln in page)
    for scene in document.scenes:
        assert f"{scene.number}. " in "".join(
            str(getattr(o, "title", "")) for o in _flat_outline(data)
        )
        if layout == "screenplay":
            assert scene.heading.text.upper() in text
    # Body pages are the paginator's; front matter and title page come before.
    assert len(pages) >= expected.page_count
    assert all(page for page in pages), "a blank page"
    assert "\ufffd" not in text


def _flat_outline(data: bytes) -> list[object]:
    out: list[object] = []

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append(item)

    walk(pypdf.PdfReader(io.BytesIO(data)).outline)
    return out
