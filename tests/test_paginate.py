"""Tests for the paginator: wrapping, the page-break rules and their explanations.

Documents are built by hand so each test controls exactly how many lines a
block takes; a few property tests check that pagination is a pure function of
the text and loses or repeats nothing.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scriptgen.ast import (
    Action,
    Centered,
    Dialogue,
    Document,
    DualDialogue,
    Lyrics,
    PageBreak,
    Parenthetical,
    Scene,
    Slugline,
    Speech,
    Text,
    TextRun,
    Transition,
)
from scriptgen.flow import StyledRun, build_flow
from scriptgen.layout import Layout, load_layout
from scriptgen.paginate import (
    Pagination,
    format_eighths,
    paginate,
    scene_pages,
    wrap,
)

LETTER = load_layout("screenplay")


def text(value: str) -> Text:
    """A plain Text."""
    return Text((TextRun(value),))


def action(value: str) -> Action:
    """An action paragraph, one source line per ``\\n``."""
    return Action(tuple(text(line) for line in value.split("\n")))


def speech(name: str, *parts: str, extensions: tuple[str, ...] = ()) -> Dialogue:
    """A dialogue block; parts starting with ``(`` are parentheticals, ``~`` lyrics."""
    built: list[Parenthetical | Speech | Lyrics] = []
    for part in parts:
        if part.startswith("("):
            built.append(Parenthetical(text(part)))
        elif part.startswith("~"):
            built.append(Lyrics(tuple(text(line) for line in part[1:].split("\n"))))
        else:
            built.append(Speech((text(part),)))
    return Dialogue(name, extensions, tuple(built))


def scene(number: int, *elements: object, heading: str | None = None) -> Scene:
    """A scene with a generated heading."""
    head = heading or f"INT. ROOM {number} - DAY"
    return Scene(Slugline(head, "INT.", f"ROOM {number}", "DAY"), tuple(elements), number=number)  # type: ignore[arg-type]


def document(*blocks: object) -> Document:
    """A document without a title page."""
    return Document(None, tuple(blocks))  # type: ignore[arg-type]


def pages_of(doc: Document, layout: Layout = LETTER) -> Pagination:
    """Paginate a document."""
    return paginate(build_flow(doc, layout), layout)


def filler(lines: int) -> Action:
    """An action of exactly ``lines`` wrapped lines (60 characters each) with no sentence end."""
    return action("\n".join("x" * 50 + f" line{i:03d}" for i in range(lines)))


def sentences(count: int, words: int = 9) -> str:
    """``count`` sentences of ``words`` words, numbered so each is distinct."""
    return " ".join(
        " ".join(f"word{n}x{w}" for w in range(words)).capitalize() + "." for n in range(count)
    )


# --------------------------------------------------------------------------
# Wrapping
# --------------------------------------------------------------------------


def test_wrap_keeps_every_word_within_width() -> None:
    line = (
        StyledRun("The quick brown fox "),
        StyledRun("jumps", bold=True),
        StyledRun(" over it."),
    )
    rows = wrap(line, 12)
    assert [("".join(r.text for r in row)) for row in rows] == [
        "The quick",
        "brown fox",
        "jumps over",
        "it.",
    ]
    assert any(run.bold and run.text == "jumps" for run in rows[2])
    assert all(len("".join(r.text for r in row)) <= 12 for row in rows)


def test_wrap_hangs_continuation_lines() -> None:
    line = (StyledRun("(aaaa bbbbbb cccc dddddd)"),)
    hung = ["".join(r.text for r in row) for row in wrap(line, 12, hang=1)]
    flat = ["".join(r.text for r in row) for row in wrap(line, 12)]
    assert hung == ["(aaaa bbbbbb", "cccc", "dddddd)"]
    assert flat == ["(aaaa bbbbbb", "cccc dddddd)"]


def test_wrap_breaks_a_word_longer_than_the_line() -> None:
    rows = wrap((StyledRun("a" * 25),), 10)
    assert ["".join(r.text for r in row) for row in rows] == ["a" * 10, "a" * 10, "a" * 5]


def test_wrap_breaks_after_a_hyphen_but_not_inside_a_double_dash() -> None:
    def rows(value: str, width: int) -> list[str]:
        return ["".join(r.text for r in row) for row in wrap((StyledRun(value),), width)]

    assert rows("we went up-river today", 12) == ["we went up-", "river today"]
    assert rows("strong enough -- and I cast", 16) == ["strong enough --", "and I cast"]
    assert rows("a - b", 3) == ["a -", "b"]


def test_wrap_breaks_after_every_kind_of_dash() -> None:
    for dash in ("\u2010", "\u2013", "\u2014"):
        rows = wrap((StyledRun(f"we went up{dash}river today"),), 12)
        assert ["".join(r.text for r in row) for row in rows] == [
            f"we went up{dash}",
            "river today",
        ]


def test_one_run_and_many_runs_wrap_and_place_alike() -> None:
    value = sentences(6)
    thirds = [value[: len(value) // 3], value[len(value) // 3 : 2 * len(value) // 3]]
    thirds.append(value[len(thirds[0]) + len(thirds[1]) :])
    plain = Action((text(value),))
    styled = Action(
        (Text((TextRun(thirds[0]), TextRun(thirds[1], ("bold",)), TextRun(thirds[2]))),)
    )
    placed = [
        [(ln.text, ln.row, ln.x) for ln in pages_of(document(scene(1, a))).pages[0].lines]
        for a in (plain, styled)
    ]
    assert placed[0] == placed[1]
    assert len(placed[0]) > 3
    for wrapped in (wrap((StyledRun(value),), 23), wrap(tuple(StyledRun(t) for t in thirds), 23)):
        assert [len("".join(r.text for r in row)) <= 23 for row in wrapped] == [True] * len(wrapped)
        assert " ".join("".join(r.text for r in row) for row in wrapped) == value


def test_a_line_that_fits_loses_trailing_whitespace() -> None:
    doc = document(scene(1, action("She waits.\t"), Centered(Text((TextRun("THE END  "),)))))
    lines = {ln.kind: ln for ln in pages_of(doc).pages[0].lines}
    assert lines["action"].text == "She waits."
    centered = lines["centered"]
    assert centered.text == "THE END"
    element = LETTER.element("centered")
    expected = element.left + (element.width - len("THE END")) / 2 / LETTER.characters_per_inch
    assert centered.x == pytest.approx(expected)


def test_each_wrapped_line_of_centered_text_is_centred() -> None:
    doc = document(scene(1, Centered(text(sentences(3))), Centered(text("THE END"))))
    lines = [ln for ln in pages_of(doc).pages[0].lines if ln.kind == "centered"]
    element = LETTER.element("centered")
    inch = 1 / LETTER.characters_per_inch
    assert len(lines) > 2 and lines[-1].text == "THE END"
    for ln in lines:
        assert ln.x == pytest.approx(element.left + (element.width - len(ln.text)) / 2 * inch)


def test_placed_lines_are_values() -> None:
    doc = document(scene(1, action(sentences(8)), speech("MIA", "Hello.")))
    first, second = pages_of(doc), pages_of(doc)
    assert first.pages == second.pages
    lines = first.pages[0].lines
    assert {hash(ln) for ln in lines} == {hash(ln) for ln in second.pages[0].lines}
    assert len(set(lines)) == len(lines)


def test_parenthetical_continuation_hangs_one_character() -> None:
    doc = document(
        scene(1, speech("MIA", "(slowly, carefully, and with great deliberation)", "Hi."))
    )
    lines = [ln for ln in pages_of(doc).pages[0].lines if ln.kind == "parenthetical"]
    assert len(lines) == 2
    assert lines[1].x == pytest.approx(lines[0].x + 0.1)


# --------------------------------------------------------------------------
# Positions
# --------------------------------------------------------------------------


def test_each_element_sits_at_its_layout_position() -> None:
    doc = document(
        scene(1, action("She waits."), speech("MIA", "(softly)", "Hello."), Transition("CUT TO:"))
    )
    lines = pages_of(doc).pages[0].lines
    by_kind = {ln.kind: ln for ln in lines}
    assert by_kind["scene_heading"].x == pytest.approx(1.5)
    assert by_kind["action"].x == pytest.approx(1.5)
    assert by_kind["character"].x == pytest.approx(3.5)
    assert by_kind["parenthetical"].x == pytest.approx(3.0)
    assert by_kind["dialogue"].x == pytest.approx(2.5)
    transition = by_kind["transition"]
    assert transition.align == "right"
    assert transition.x + len("CUT TO:") * 0.1 == pytest.approx(7.1)


def test_blank_lines_before_follow_the_layout() -> None:
    doc = document(scene(1, action("One.")), scene(2, action("Two.")))
    rows = {ln.text: ln.row for ln in pages_of(doc).pages[0].lines}
    assert rows["INT. ROOM 1 - DAY"] == 0  # no blank lines at the top of a page
    assert rows["One."] == 2
    assert rows["INT. ROOM 2 - DAY"] == 5  # two blank lines before a heading


def test_scene_label_only_on_the_heading() -> None:
    doc = document(scene(7, action("Something happens.")))
    lines = pages_of(doc).pages[0].lines
    assert lines[0].scene_label == "7"
    assert lines[0].starts_scene
    assert all(ln.scene_label is None for ln in lines[1:])


def test_dual_dialogue_sits_side_by_side_within_the_page() -> None:
    dual = DualDialogue(speech("MIA", "I love you."), speech("SEBASTIAN", "I love you too."))
    lines = pages_of(document(scene(1, dual))).pages[0].lines
    left = [ln for ln in lines if ln.column == 1]
    right = [ln for ln in lines if ln.column == 2]
    assert [ln.text for ln in left] == ["MIA", "I love you."]
    assert [ln.text for ln in right] == ["SEBASTIAN", "I love you too."]
    assert [ln.row for ln in left] == [ln.row for ln in right]
    assert max(ln.x + len(ln.text) * 0.1 for ln in left) < min(ln.x for ln in right)
    assert max(ln.right for ln in right) <= LETTER.page_width - LETTER.margin_right + 1e-9


def test_page_numbers_from_page_two() -> None:
    doc = document(scene(1, filler(50)), scene(2, filler(50)))
    pagination = pages_of(doc)
    assert [p.label for p in pagination.pages] == [None, "2."]


# --------------------------------------------------------------------------
# The break rules
# --------------------------------------------------------------------------


def test_scene_heading_never_ends_a_page() -> None:
    # 50 lines fill rows 2-51; the next heading would land on row 54, the last.
    doc = document(scene(1, filler(50)), scene(2, action("A short line.")))
    pagination = pages_of(doc)
    assert pagination.pages[0].lines[-1].kind == "action"
    assert pagination.pages[1].lines[0].text == "INT. ROOM 2 - DAY"
    assert pagination.breaks[0].rule == "keep_with_next"


def test_heading_moves_when_the_next_action_cannot_split_here() -> None:
    # Heading fits with one line below it, but the next paragraph cannot
    # leave two lines on this page at a sentence end.
    doc = document(scene(1, filler(48)), scene(2, filler(6)))
    pagination = pages_of(doc)
    assert all(ln.kind != "scene_heading" for ln in pagination.pages[0].lines[1:])
    assert pagination.pages[1].lines[0].kind == "scene_heading"


def test_transition_never_starts_a_page() -> None:
    # The action fills the page to its last row; the transition then takes
    # the paragraph's last two sentences along.
    body = "\n".join(f"Line {i} ends here." for i in range(8))
    doc = document(scene(1, filler(44), action(body), Transition("CUT TO:")))
    pagination = pages_of(doc)
    assert len(pagination.pages) == 2
    first, second = pagination.pages[0].lines, pagination.pages[1].lines
    assert first[-1].text == "Line 5 ends here."
    assert [ln.text for ln in second] == ["Line 6 ends here.", "Line 7 ends here.", "CUT TO:"]
    assert pagination.breaks[0].rule == "transition"


def test_transition_takes_an_unsplittable_block_along() -> None:
    # The dialogue fits (rows 47-48) but leaves no room for the transition.
    doc = document(scene(1, filler(49), speech("MIA", "Yes."), Transition("CUT TO:")))
    pagination = pages_of(doc)
    assert [ln.text for ln in pagination.pages[1].lines] == ["MIA", "Yes.", "CUT TO:"]
    assert "a transition never starts a page" in pagination.explain()[0]


def test_no_page_starts_with_transition_or_ends_with_heading_over_many_scenes() -> None:
    scenes = []
    for n in range(1, 60):
        scenes.append(
            scene(
                n,
                action(sentences(1 + n % 7)),
                speech("MIA", "(beat)", sentences(1 + n % 5)),
                Transition("CUT TO:"),
            )
        )
    pagination = pages_of(document(*scenes))
    assert len(pagination.pages) > 5
    for page in pagination.pages:
        assert page.lines[0].kind != "transition"
        assert page.lines[-1].kind not in ("scene_heading",)
        assert page.lines[0].row == 0
        assert max(ln.row for ln in page.lines) < LETTER.lines_per_page


def test_action_splits_at_a_sentence_end_with_two_lines_each_side() -> None:
    doc = document(scene(1, filler(40), action(sentences(14))))
    pagination = pages_of(doc)
    first, second = pagination.pages[0].lines, pagination.pages[1].lines
    head = [ln for ln in first if ln.block == first[-1].block]
    tail = [ln for ln in second if ln.block == head[0].block]
    assert len(head) >= 2 and len(tail) >= 2
    assert head[-1].text.endswith(".")
    assert tail[0].text[0].isupper()
    assert pagination.breaks[0].rule == "action_split"
    assert first[-1].row == LETTER.lines_per_page - 1 or len(head) >= 2


def test_action_without_a_sentence_end_moves_whole() -> None:
    words = " ".join(f"word{i}" for i in range(80))  # about 8 lines, no full stop
    doc = document(scene(1, filler(47), action(words)))
    pagination = pages_of(doc)
    assert all(ln.block != 2 for ln in pagination.pages[0].lines)
    assert pagination.pages[1].lines[0].text.startswith("word0")
    assert pagination.breaks[0].rule == "action_moved"


def test_action_split_never_leaves_one_line() -> None:
    # Exactly one row free: a legal split needs two, so the paragraph moves.
    doc = document(scene(1, filler(51), action(sentences(6))))
    pagination = pages_of(doc)
    moved_block = pagination.pages[1].lines[0].block
    assert all(ln.block != moved_block for ln in pagination.pages[0].lines)


def test_dialogue_splits_with_more_and_contd() -> None:
    doc = document(
        scene(1, filler(44), speech("MIA", "(softly)", sentences(10), extensions=("V.O.",)))
    )
    pagination = pages_of(doc)
    first, second = pagination.pages[0].lines, pagination.pages[1].lines
    more = first[-1]
    assert more.text == "(MORE)" and more.role == "more"
    assert more.x == pytest.approx(LETTER.element("character").left)
    assert first[-2].kind == "dialogue" and first[-2].text.endswith(".")
    assert more.row == first[-2].row + 1
    cue = second[0]
    assert cue.text == "MIA (V.O.) (CONT'D)" and cue.role == "contd"
    assert cue.x == pytest.approx(LETTER.element("character").left)
    assert second[1].kind == "dialogue"
    assert pagination.breaks[0].rule == "dialogue_split"
    spoken_first = [ln for ln in first if ln.kind in ("dialogue", "parenthetical")]
    assert len(spoken_first) >= 2


def test_strings_come_from_the_layout() -> None:
    layout = dataclasses.replace(
        LETTER, strings={**LETTER.strings, "more": "(PLUS)", "contd": "(SUITE)"}
    )
    doc = document(scene(1, filler(44), speech("MIA", sentences(10))))
    pagination = pages_of(doc, layout)
    assert pagination.pages[0].lines[-1].text == "(PLUS)"
    assert pagination.pages[1].lines[0].text == "MIA (SUITE)"


def test_character_cue_keeps_two_lines_of_dialogue() -> None:
    # Room for the cue and one line of speech only: the whole block moves.
    doc = document(scene(1, filler(50), speech("MIA", sentences(3))))
    pagination = pages_of(doc)
    assert pagination.pages[0].lines[-1].kind == "action"
    assert pagination.pages[1].lines[0].text == "MIA"
    assert pagination.breaks[0].rule in ("dialogue_moved", "full")


def test_parenthetical_counts_as_a_dialogue_line_but_never_ends_the_head() -> None:
    doc = document(scene(1, filler(44), speech("MIA", sentences(2), "(beat)", sentences(8))))
    pagination = pages_of(doc)
    first = pagination.pages[0].lines
    before_more = first[-2]
    assert first[-1].role == "more"
    assert before_more.kind != "parenthetical"


def test_lyrics_in_dialogue_split_between_sung_lines() -> None:
    verse = "\n".join(f"Sung line number {i}" for i in range(12))
    doc = document(scene(1, filler(44), speech("MIA", "~" + verse)))
    pagination = pages_of(doc)
    first, second = pagination.pages[0].lines, pagination.pages[1].lines
    assert first[-1].role == "more"
    assert first[-2].kind == "lyrics"
    assert second[0].text == "MIA (CONT'D)"
    sung = [ln.text for p in pagination.pages for ln in p.lines if ln.kind == "lyrics"]
    assert sung == [f"Sung line number {i}" for i in range(12)]


def test_dual_dialogue_moves_whole() -> None:
    dual = DualDialogue(speech("MIA", sentences(3)), speech("SEB", sentences(3)))
    doc = document(scene(1, filler(44), dual))
    pagination = pages_of(doc)
    assert all(ln.column == 0 for ln in pagination.pages[0].lines)
    assert pagination.pages[1].lines[0].column in (1, 2)
    assert pagination.breaks[0].rule == "dual_moved"


def test_forced_page_break() -> None:
    doc = document(scene(1, action("Before."), PageBreak(), action("After.")))
    pagination = pages_of(doc)
    assert [p.text for p in pagination.pages] == ["INT. ROOM 1 - DAY\nBefore.", "After."]
    assert pagination.breaks[0].rule == "forced"


def test_scene_continueds_are_off_by_default_and_print_when_on() -> None:
    doc = document(scene(1, filler(40), action(sentences(14))))
    plain = pages_of(doc)
    assert all(ln.role == "" for p in plain.pages for ln in p.lines)
    layout = dataclasses.replace(LETTER, options={**LETTER.options, "scene_continueds": True})
    marked = pages_of(doc, layout)
    assert marked.pages[0].lines[-1].text == "(CONTINUED)"
    assert marked.pages[1].lines[0].text == "CONTINUED:"
    assert marked.pages[1].lines[1].row == 2


def test_a4_holds_more_lines_than_letter() -> None:
    doc = document(*(scene(n, filler(25)) for n in range(1, 30)))
    letter = pages_of(doc)
    a4_layout = load_layout("screenplay-a4")
    a4 = pages_of(doc, a4_layout)
    assert a4_layout.lines_per_page > LETTER.lines_per_page
    assert a4.page_count <= letter.page_count
    assert max(ln.row for p in a4.pages for ln in p.lines) > LETTER.lines_per_page - 1


# --------------------------------------------------------------------------
# Explanations and scene lengths
# --------------------------------------------------------------------------


def test_explain_names_the_rule_and_the_block() -> None:
    doc = document(scene(1, filler(44), speech("MIA", sentences(10))), scene(2, filler(3)))
    notes = pages_of(doc).explain()
    assert notes[0].startswith("page 1: dialogue \u201cMIA\u201d (scene 1) split with (MORE)")
    assert len(notes) == pages_of(doc).page_count - 1


def test_scene_pages_counts_eighths() -> None:
    doc = document(scene(1, filler(53)), scene(2, filler(4)), scene(3, filler(80)))
    pagination = pages_of(doc)
    lengths = scene_pages(pagination)
    assert [s.scene.number for s in lengths] == [1, 2, 3]
    assert lengths[0].first_page == 1 and lengths[0].eighths == 8
    assert lengths[1].first_page == 2 and lengths[1].eighths == 1
    assert lengths[2].first_page == 2 and lengths[2].last_page == 3
    assert lengths[2].eighths == round(lengths[2].lines * 8 / LETTER.lines_per_page) > 8


def test_a_heading_is_never_stranded_by_a_block_that_fills_a_page() -> None:
    # 54 lines fit an empty page but not under the heading: rather than leave
    # the heading alone on page 1, the paragraph is cut at the foot.
    doc = document(scene(1, filler(54)))
    pagination = pages_of(doc)
    first = pagination.pages[0].lines
    assert first[0].kind == "scene_heading" and first[-1].kind == "action"
    assert first[-1].row == LETTER.lines_per_page - 1
    assert pagination.breaks[0].rule == "oversize"
    assert "with the heading above it" in pagination.explain()[0]


def test_a_heading_is_not_stranded_to_keep_a_transition_off_the_top() -> None:
    # The paragraph fits under the heading, its transition does not, and the
    # paragraph cannot split: its last two lines go over with the transition.
    doc = document(scene(1, filler(52), Transition("CUT TO:")))
    pagination = pages_of(doc)
    first, second = pagination.pages[0].lines, pagination.pages[1].lines
    assert first[0].kind == "scene_heading" and len(first) == 1 + 50
    assert [ln.kind for ln in second] == ["action", "action", "transition"]
    assert pagination.breaks[0].rule == "transition"


def test_a_block_taller_than_a_page_is_cut_rather_than_moved() -> None:
    doc = document(scene(1, action("Short.")), scene(2, filler(80)))
    pagination = pages_of(doc)
    assert pagination.pages[0].lines[-1].kind == "action"
    assert len(pagination.pages) == 2
    assert pagination.breaks[0].rule == "oversize"


def test_format_eighths() -> None:
    assert format_eighths(11) == "1 3/8"
    assert format_eighths(8) == "1"
    assert format_eighths(3) == "3/8"


# --------------------------------------------------------------------------
# Pagination as a pure function of text and layout
# --------------------------------------------------------------------------

word = st.text(alphabet="abcdefghijklmnop", min_size=1, max_size=12)
words = st.lists(word, min_size=1, max_size=14).map(" ".join)
sentence = words.map(lambda ws: ws.capitalize() + ".")
paragraph = st.lists(sentence, min_size=1, max_size=12).map(" ".join)
sung = st.lists(words.map(str.capitalize), min_size=1, max_size=8)
element = st.one_of(
    paragraph.map(action),
    st.tuples(st.sampled_from(["MIA", "SEB", "KEITH"]), paragraph).map(lambda t: speech(*t)),
    st.just(Transition("CUT TO:")),
    sung.map(lambda ls: Lyrics(tuple(text(line) for line in ls))),
)
scenes = st.lists(st.lists(element, min_size=1, max_size=6), min_size=1, max_size=14).map(
    lambda ss: document(*(scene(n + 1, *els) for n, els in enumerate(ss)))
)


def _words(pagination: Pagination) -> list[str]:
    """Printed words in reading order (dual dialogue: left column, then right)."""
    out: list[str] = []
    for page in pagination.pages:
        lines = sorted(
            (ln for ln in page.lines if not ln.role), key=lambda ln: (ln.block, ln.column, ln.row)
        )
        for ln in lines:
            out.extend(ln.text.split())
    return out


def _source_words(doc: Document, layout: Layout) -> list[str]:
    out: list[str] = []
    for block in build_flow(doc, layout):
        out.extend(block.text.split())
    return out


@settings(max_examples=40, deadline=None, derandomize=True)
@given(scenes)
def test_every_word_appears_once_in_order(doc: Document) -> None:
    pagination = pages_of(doc)
    assert _words(pagination) == _source_words(doc, LETTER)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(scenes)
def test_the_same_input_gives_the_same_pages(doc: Document) -> None:
    a, b = pages_of(doc), pages_of(doc)
    assert [p.lines for p in a.pages] == [p.lines for p in b.pages]
    assert a.explain() == b.explain()


@settings(max_examples=40, deadline=None, derandomize=True)
@given(scenes)
def test_pages_obey_the_rules(doc: Document) -> None:
    pagination = pages_of(doc)
    for page in pagination.pages:
        kinds = [ln.kind for ln in page.lines]
        assert page.lines[0].row == 0
        assert max(ln.row for ln in page.lines) < LETTER.lines_per_page
        if page.number > 1:
            assert kinds[0] != "transition" or page.lines[0].role
        if page.number < pagination.page_count:
            assert kinds[-1] != "scene_heading"
            assert not (kinds[-1] == "character" and page.lines[-1].role != "more")
        # A (MORE) sits right under the last line of speech, at the cue position.
        for ln in page.lines:
            if ln.role == "more":
                assert ln is page.lines[-1] or page.lines[-1].column
                assert ln.x == pytest.approx(LETTER.element("character").left)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(scenes, st.integers(min_value=0, max_value=30), st.integers(min_value=1, max_value=30))
def test_a_longer_action_never_reduces_the_page_count(doc: Document, at: int, extra: int) -> None:
    before = pages_of(doc).page_count
    body = list(doc.body)
    target = body[at % len(body)]
    assert isinstance(target, Scene)
    elements = list(target.elements)
    actions = [i for i, e in enumerate(elements) if isinstance(e, Action)]
    more = sentences(extra, 6)
    if actions:
        # Lengthen an existing paragraph by some sentences.
        i = actions[at % len(actions)]
        old = elements[i]
        assert isinstance(old, Action)
        elements[i] = action(old.lines[-1].plain + " " + more)
    else:
        elements.append(action(more))
    body[at % len(body)] = dataclasses.replace(target, elements=tuple(elements))
    assert pages_of(document(*body)).page_count >= before


def test_page_count_grows_with_the_script() -> None:
    counts = [
        pages_of(document(*(scene(n, filler(12)) for n in range(1, k)))).page_count
        for k in (10, 20, 40)
    ]
    assert counts == sorted(counts) and counts[0] < counts[-1]


def test_no_line_is_wider_than_its_element() -> None:
    doc = document(scene(1, action(sentences(30)), speech("MIA", "(a)", sentences(9))))
    for page in pages_of(doc).pages:
        for ln in page.lines:
            width = LETTER.element(ln.kind).width
            assert len(ln.text) <= width, (ln.kind, ln.text)
            assert not re.match(r"\s", ln.text) or ln.kind == "action"


@pytest.mark.parametrize("lines_per_page", [8, 12, 18, 30])
def test_scene_continueds_on_tiny_pages_always_finish(lines_per_page: int) -> None:
    """A page holding only CONTINUED: counts as empty, so a block too tall for it is cut
    there instead of being moved to the next page again and again."""
    import signal
    from pathlib import Path

    from scriptgen.parser import parse

    base = load_layout("screenplay")
    narrow = {
        k: dataclasses.replace(v, width=max(1, v.width // 3)) for k, v in base.elements.items()
    }
    layout = dataclasses.replace(
        base,
        elements=narrow,
        lines_per_page=lines_per_page,
        options={**base.options, "scene_continueds": True},
    )
    seed = Path(__file__).parent.parent / "seeds" / "004-la-la-land.fountain"
    document = parse(seed.read_text(encoding="utf-8"))

    def give_up(signum: int, frame: object) -> None:
        raise TimeoutError("pagination did not finish")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(30)
    try:
        pages = paginate(build_flow(document, layout), layout).pages
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert any(line.block >= 0 for page in pages for line in page.lines)
    for page in pages:
        assert len({line.row for line in page.lines}) <= layout.lines_per_page
