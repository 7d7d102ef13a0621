"""Tests for the printable flow: which blocks each layout kind prints, and how.

Most inputs are small Fountain snippets run through the parser; a few
hand-built documents cover nodes the snippets do not reach.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from scriptgen.ast import (
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
    Performer,
    Scene,
    Section,
    Slugline,
    Speech,
    Synopsis,
    Text,
    TextRun,
    Transition,
)
from scriptgen.flow import (
    BLOCK_KINDS,
    FlowBlock,
    StyledRun,
    build_flow,
    cast_entries,
    line_text,
    music_cue_text,
    song_list,
    styled_line,
)
from scriptgen.layout import ELEMENT_NAMES, Layout, load_layout
from scriptgen.parser import parse

SCREENPLAY = load_layout("screenplay")
TREATMENT = load_layout("treatment")
SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.fountain"))

MUSICAL = """\
Title: Night Songs
Cast:
    MIA DOLAN (Emma Stone): an aspiring actress
    SEBASTIAN WILDER / Seb (Ryan Gosling): a jazz pianist

# ACT ONE

## The Meeting

= They meet.

EXT. HIGHWAY - DAY

Mia is stuck in traffic. Sebastian honks. Mia glares at Seb.

♪ "Another Day of Sun" (ensemble)
~Climb these hills
~Reach for the heights

[[Check the rights for this song.]]

/* An old idea
*/

INT. CLUB - NIGHT

Sebastian plays ♪"City of Stars"(SEBASTIAN) while Mia listens [[too slow?]].

MIA (V.O.)
(softly)
It was *beautiful*.

CUT TO:

# ACT TWO

INT. STUDIO - DAY

♪ "City of Stars" (SEBASTIAN, MIA, reprise)

===

> THE END <
"""


def flow_of(source: str, layout: Layout = SCREENPLAY, **options: bool) -> list[FlowBlock]:
    """Parse ``source`` and build its flow, with layout options switched."""
    if options:
        layout = dataclasses.replace(layout, options={**layout.options, **options})
    return build_flow(parse(source), layout)


def texts(blocks: list[FlowBlock]) -> list[tuple[str, str]]:
    """``(kind, text)`` of each block."""
    return [(b.kind, b.text) for b in blocks]


# --------------------------------------------------------------------------
# Screenplay
# --------------------------------------------------------------------------


def test_screenplay_flow_in_order() -> None:
    blocks = flow_of(MUSICAL)
    assert texts(blocks) == [
        ("scene_heading", "EXT. HIGHWAY - DAY"),
        ("action", "Mia is stuck in traffic. Sebastian honks. Mia glares at Seb."),
        ("music_cue", "\u266a \u201cAnother Day of Sun\u201d (ensemble)"),
        ("lyrics", "Climb these hills\nReach for the heights"),
        ("scene_heading", "INT. CLUB - NIGHT"),
        ("action", "Sebastian plays \u201cCity of Stars\u201d while Mia listens ."),
        ("dialogue_group", "MIA (V.O.)\n(softly)\nIt was beautiful."),
        ("transition", "CUT TO:"),
        ("scene_heading", "INT. STUDIO - DAY"),
        ("music_cue", "\u266a \u201cCity of Stars\u201d (SEBASTIAN, MIA, reprise)"),
        ("page_break", ""),
        ("centered", "THE END"),
    ]


def test_every_block_names_a_layout_style() -> None:
    for block in flow_of(MUSICAL, print_notes=True, print_sections=True, print_synopses=True):
        assert block.kind in BLOCK_KINDS
        if block.kind in ("dialogue_group", "dual_dialogue", "page_break"):
            assert block.style == ""
        else:
            assert block.style in ELEMENT_NAMES


def test_dialogue_group_parts_and_emphasis() -> None:
    group = next(b for b in flow_of(MUSICAL) if b.kind == "dialogue_group")
    assert [p.kind for p in group.parts] == ["character", "parenthetical", "dialogue"]
    assert group.parts[0].keep_with_next
    speech_runs = group.parts[2].lines[0]
    assert [(r.text, r.italic) for r in speech_runs] == [
        ("It was ", False),
        ("beautiful", True),
        (".", False),
    ]
    assert group.blank_before == SCREENPLAY.element("character").blank_before


def test_music_cue_keeps_its_lyrics_with_it() -> None:
    blocks = flow_of(MUSICAL)
    cue = next(b for b in blocks if b.kind == "music_cue")
    lyrics = blocks[blocks.index(cue) + 1]
    assert cue.keep_with_next and cue.style == "music_cue"
    assert lyrics.kind == "lyrics" and lyrics.blank_before == 0
    bare = [b for b in blocks if b.kind == "music_cue"][1]
    assert not bare.keep_with_next  # no lyrics under it


def test_scene_heading_in_capitals_and_scene_refs() -> None:
    blocks = flow_of("ext. beach - night #12A#\n\nWaves.\n\nINT. HUT - DAY\n\nQuiet.\n")
    heading = blocks[0]
    assert heading.text == "EXT. BEACH - NIGHT"
    assert heading.starts_scene and heading.scene is not None
    assert heading.scene.label == "12A" and heading.scene.number == 1
    assert blocks[1].scene == heading.scene and not blocks[1].starts_scene
    assert blocks[2].scene is not None and blocks[2].scene.number == 2


def test_hidden_by_default_and_printed_by_option() -> None:
    default = {b.kind for b in flow_of(MUSICAL)}
    assert not default & {"section", "synopsis", "note"}
    shown = flow_of(MUSICAL, print_notes=True, print_sections=True, print_synopses=True)
    kinds = [b.kind for b in shown]
    assert kinds.count("section") == 3
    assert ("synopsis", "They meet.") in texts(shown)
    assert ("note", "Check the rights for this song.") in texts(shown)
    # Boneyard and inline notes never print.
    assert all("old idea" not in b.text and "too slow" not in b.text for b in shown)
    assert [b.level for b in shown if b.kind == "section"] == [1, 2, 1]


def test_acts_are_marked_for_bookmarks_even_when_sections_are_hidden() -> None:
    blocks = flow_of(MUSICAL)
    starts = [(b.act, b.text.split("\n")[0]) for b in blocks if b.starts_act]
    assert starts == [("ACT ONE", "EXT. HIGHWAY - DAY"), ("ACT TWO", "INT. STUDIO - DAY")]
    assert all(b.act == "ACT ONE" for b in blocks[:8])


def test_mentions_print_as_written_in_a_screenplay() -> None:
    action = flow_of(MUSICAL)[1]
    assert action.text == "Mia is stuck in traffic. Sebastian honks. Mia glares at Seb."


def test_dual_dialogue_is_a_pair_of_groups() -> None:
    blocks = flow_of("INT. ROOM - DAY\n\nMIA\nNow!\n\nSEB ^\nNow!\n")
    dual = blocks[1]
    assert dual.kind == "dual_dialogue"
    assert [p.kind for p in dual.parts] == ["dialogue_group", "dialogue_group"]
    assert [p.parts[0].text for p in dual.parts] == ["MIA", "SEB"]


def test_action_keeps_line_breaks_and_indentation() -> None:
    block = flow_of("INT. ROOM - DAY\n\nOne line\n    indented line\n")[1]
    assert [line_text(ln) for ln in block.lines] == ["One line", "    indented line"]


def test_lyrics_caps_option() -> None:
    layout = dataclasses.replace(SCREENPLAY, options={**SCREENPLAY.options, "lyrics_caps": True})
    block = flow_of("INT. ROOM - DAY\n\n~la la land\n", layout)[1]
    assert block.kind == "lyrics" and block.text == "LA LA LAND"


def test_every_element_class_is_handled() -> None:
    def t(value: str) -> Text:
        return Text((TextRun(value),))

    elements = [
        Action((t("a"),)),
        Dialogue("MIA", (), (Speech((t("b"),)),)),
        DualDialogue(
            Dialogue("A", (), (Speech((t("c"),)),)), Dialogue("B", (), (Speech((t("d"),)),))
        ),
        Transition("CUT TO:"),
        Centered(t("e")),
        Lyrics((t("f"),)),
        MusicCue("Song", (Performer("MIA"),)),
        Note("g"),
        Boneyard("h"),
        Synopsis(t("i")),
        PageBreak(),
    ]
    scene = Scene(Slugline("INT. X - DAY", "INT.", "X", "DAY"), tuple(elements), number=1)  # type: ignore[arg-type]
    doc = Document(None, (Section(1, "ONE"), scene))
    for layout in (SCREENPLAY, TREATMENT):
        opts = {"print_notes": True, "print_synopses": True, "print_sections": True}
        layout = dataclasses.replace(layout, options={**layout.options, **opts})
        kinds = [b.kind for b in build_flow(doc, layout)]
        assert "note" in kinds and "synopsis" in kinds and "page_break" in kinds
        assert len(kinds) == len(elements) - 1 + 2  # boneyard out; heading, section in


def test_styled_line_drops_notes_and_quotes_cues() -> None:
    text = Text(
        (
            TextRun("See ", ("bold",)),
            InlineCue("Song", style=("bold",)),
            InlineNote("hidden"),
            InlineBoneyard("gone"),
            Mention("Mia", member="MIA", first=True),
        )
    )
    line = styled_line(text)
    assert line_text(line) == "See \u201cSong\u201dMia"
    assert line[0].bold and line[0].text == "See \u201cSong\u201d"  # same emphasis, one run
    assert line_text(styled_line(text, capitals_first=True)).endswith("MIA")


def test_styled_line_keeps_emphasis_apart_and_drops_empty_runs() -> None:
    text = Text(
        (
            TextRun("plain "),
            TextRun(""),
            TextRun("loud", ("bold", "underline")),
            TextRun(" soft", ("italic",)),
            TextRun(" end"),
        )
    )
    line = styled_line(text, caps=True)
    assert [(r.text, r.bold, r.italic, r.underline) for r in line] == [
        ("PLAIN ", False, False, False),
        ("LOUD", True, False, True),
        (" SOFT", False, True, False),
        (" END", False, False, False),
    ]
    assert styled_line(Text((TextRun(""),))) == ()
    assert styled_line(Text((TextRun("one"),))) == (StyledRun("one"),)


def test_flow_blocks_and_runs_are_values() -> None:
    first, second = flow_of(MUSICAL), flow_of(MUSICAL)
    assert first == second
    # Equal blocks hash alike, so writers may key caches on blocks and lines.
    assert {hash(b) for b in first} == {hash(b) for b in second}
    assert len(set(first)) == len(first)
    assert hash(StyledRun("a", bold=True)) == hash(StyledRun("a", bold=True))


def test_standalone_lyrics_stand_apart_like_action() -> None:
    source = "INT. CLUB - NIGHT\n\nShe plays.\n\n~City of stars\n~Are you shining just for me\n"
    for layout in (SCREENPLAY, TREATMENT):
        lyrics = next(b for b in flow_of(source, layout) if b.kind == "lyrics")
        assert lyrics.blank_before == layout.element("action").blank_before
        assert lyrics.style == "lyrics" and lyrics.scene is not None


# --------------------------------------------------------------------------
# Treatment
# --------------------------------------------------------------------------


def test_treatment_capitalises_first_appearances_only() -> None:
    action = next(b for b in flow_of(MUSICAL, TREATMENT) if b.kind == "action")
    assert action.text == "MIA is stuck in traffic. SEBASTIAN honks. Mia glares at Seb."


def test_treatment_headings_and_quoted_songs() -> None:
    blocks = flow_of(MUSICAL, TREATMENT)
    assert texts(blocks)[:3] == [
        ("act", "ACT ONE"),
        ("sequence", "The Meeting"),
        ("scene_heading", "EXT. HIGHWAY - DAY"),
    ]
    assert blocks[0].style == blocks[1].style == "section"
    assert blocks[0].starts_act and not blocks[2].starts_act
    assert ("action", "Sebastian plays \u201cCity of Stars\u201d while Mia listens .") in texts(
        blocks
    )
    assert ("music_cue", "\u266a \u201cAnother Day of Sun\u201d (ensemble)") in texts(blocks)


def test_treatment_runs_prose_lines_together() -> None:
    source = "INT. ROOM - DAY\n\nOne line\nand the next.\n\nA new paragraph.\n"
    blocks = flow_of(source, TREATMENT)
    assert texts(blocks)[1:] == [
        ("action", "One line and the next."),
        ("action", "A new paragraph."),
    ]


def test_treatment_without_sluglines_runs_scenes_on() -> None:
    blocks = flow_of(MUSICAL, TREATMENT, sluglines=False)
    assert "scene_heading" not in {b.kind for b in blocks}
    starts = [b for b in blocks if b.starts_scene]
    assert [b.scene.number for b in starts if b.scene] == [1, 2, 3]
    assert starts[0].kind == "action"


# --------------------------------------------------------------------------
# Front matter
# --------------------------------------------------------------------------


def test_cast_entries() -> None:
    entries = cast_entries(parse(MUSICAL))
    assert [(e.name, e.actor, e.description) for e in entries] == [
        ("MIA DOLAN", "Emma Stone", "an aspiring actress"),
        ("SEBASTIAN WILDER", "Ryan Gosling", "a jazz pianist"),
    ]


def test_song_list_groups_by_act_in_order() -> None:
    groups = song_list(parse(MUSICAL))
    assert [g.act for g in groups] == ["ACT ONE", "ACT TWO"]
    first, second = groups
    assert [(s.label, s.credit, s.inline) for s in first.songs] == [
        ("\u201cAnother Day of Sun\u201d", "Ensemble", False),
        ("\u201cCity of Stars\u201d", "SEBASTIAN", True),
    ]
    assert [s.label for s in second.songs] == ["\u201cCity of Stars\u201d (reprise)"]
    assert second.songs[0].reprise and second.songs[0].performers == ("SEBASTIAN", "MIA")
    assert first.songs[1].scene is not None and first.songs[1].scene.number == 2


def test_song_list_without_acts() -> None:
    groups = song_list(parse('INT. ROOM - DAY\n\n\u266a "Solo" (instrumental)\n'))
    assert len(groups) == 1 and groups[0].act is None
    assert groups[0].songs[0].credit == "Instrumental"


def test_music_cue_text() -> None:
    cue = MusicCue("City of Stars", (Performer("MIA"), Performer("SEBASTIAN")), ("reprise",))
    assert music_cue_text(cue) == "\u266a \u201cCity of Stars\u201d (MIA, SEBASTIAN, reprise)"
    assert music_cue_text(MusicCue("Hum")) == "\u266a \u201cHum\u201d"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_seeds_build_in_both_kinds(seed: Path) -> None:
    document = parse(seed.read_text(encoding="utf-8"), str(seed))
    for layout in (SCREENPLAY, TREATMENT):
        blocks = build_flow(document, layout)
        numbers = [b.scene.number for b in blocks if b.starts_scene and b.scene]
        assert numbers == [s.number for s in document.scenes]
    songs = [s for g in song_list(document) for s in g.songs]
    assert songs, "the seeds are musicals"
    prose = " ".join(b.text for b in build_flow(document, TREATMENT) if b.kind == "action")
    firsts = [
        run.text
        for _scene, element in document.walk()
        if isinstance(element, Action)
        for line in element.lines
        for run in line.runs
        if isinstance(run, Mention) and run.first
    ]
    assert firsts
    for name in firsts:
        assert name.upper() in prose


def test_front_matter_pages_for_a_musical() -> None:
    from scriptgen.flow import front_matter, line_text

    pages = front_matter(parse(MUSICAL), TREATMENT)
    assert [
        (page.title, [(e.kind, e.tight, line_text(e.line)) for e in page.entries]) for page in pages
    ] == [
        (
            "Cast",
            [
                ("cast", False, "MIA DOLAN (Emma Stone): an aspiring actress"),
                ("cast", False, "SEBASTIAN WILDER (Ryan Gosling): a jazz pianist"),
            ],
        ),
        (
            "Musical Numbers",
            [
                ("song_act", False, "ACT ONE"),
                ("song", True, "\u201cAnother Day of Sun\u201d \u2014 Ensemble"),
                ("song", True, "\u201cCity of Stars\u201d \u2014 SEBASTIAN"),
                ("song_act", False, "ACT TWO"),
                ("song", True, "\u201cCity of Stars\u201d (reprise) \u2014 SEBASTIAN, MIA"),
            ],
        ),
    ]
    assert pages[0].entries[0].line[0].bold


def test_front_matter_follows_the_layout_switches() -> None:
    import dataclasses

    from scriptgen.flow import front_matter

    layout = load_layout("treatment")
    off = dataclasses.replace(layout, options={**layout.options, "cast_page": False})
    assert "Cast" not in [page.title for page in front_matter(parse(MUSICAL), off)]
    assert front_matter(parse("INT. A - DAY\n\nText.\n"), layout) == []
