"""The resolve pass: mentions, cues and performers linked to the cast; appearances."""

from __future__ import annotations

from scriptgen.ast import Action, Dialogue, InlineCue, Lyrics, Mention, MusicCue, Text
from scriptgen.parser import parse

HEAD = """Title: T
Cast:
    MIA DOLAN (Emma Stone): an actress
    SEBASTIAN WILDER / Seb (Ryan Gosling): a pianist
    KEITH: a bandleader

"""


def mentions(text: Text) -> list[tuple[str, str | None, bool]]:
    return [(r.text, r.member, r.first) for r in text.runs if isinstance(r, Mention)]


def test_names_aliases_and_possessives_become_mentions() -> None:
    doc = parse(HEAD + "INT. ROOM - DAY\n\nMia's coat. Seb and SEBASTIAN WILDER. Miami. Keith.\n")
    action = doc.scenes[0].elements[0]
    assert isinstance(action, Action)
    assert mentions(action.lines[0]) == [
        ("Mia", "MIA DOLAN", True),
        ("Seb", "SEBASTIAN WILDER", True),
        ("SEBASTIAN WILDER", "SEBASTIAN WILDER", False),
        ("Keith", "KEITH", True),
    ]


def test_first_appearance_is_marked_once_across_scenes() -> None:
    doc = parse(HEAD + "INT. A - DAY\n\nMia waits.\n\nINT. B - DAY\n\nMia leaves.\n")
    first = [mentions(s.elements[0].lines[0])[0][2] for s in doc.scenes]  # type: ignore[union-attr]
    assert first == [True, False]


def test_dialogue_cues_resolve_with_extensions_and_aliases() -> None:
    doc = parse(HEAD + "INT. A - DAY\n\nMIA (V.O.)\nHi.\n\nSEB\nHey.\n\nSTRANGER\nWho?\n")
    members = [e.member for e in doc.scenes[0].elements if isinstance(e, Dialogue)]
    assert members == ["MIA DOLAN", "SEBASTIAN WILDER", None]


def test_performers_resolve_and_count_as_appearances() -> None:
    doc = parse(HEAD + 'INT. A - DAY\n\n♪ "City of Stars" (SEB, mia, ensemble)\n')
    cue = doc.scenes[0].elements[0]
    assert isinstance(cue, MusicCue)
    assert [p.member for p in cue.performers] == ["SEBASTIAN WILDER", "MIA DOLAN"]
    assert cue.tags == ("ensemble",)
    appearances = doc.scenes[0].appearances
    assert [(a.name, a.cues) for a in appearances] == [("SEBASTIAN WILDER", 1), ("MIA DOLAN", 1)]


def test_inline_cue_performers_resolve() -> None:
    doc = parse(HEAD + 'INT. A - DAY\n\nShe hums ♪"Planetarium"(MIA, instrumental).\n')
    runs = doc.scenes[0].elements[0].lines[0].runs  # type: ignore[union-attr]
    cue = next(r for r in runs if isinstance(r, InlineCue))
    assert [p.member for p in cue.performers] == ["MIA DOLAN"]
    assert cue.tags == ("instrumental",)


def test_appearances_count_mentions_dialogue_and_cues_in_order() -> None:
    source = HEAD + (
        'INT. A - DAY\n\nKeith calls Mia. Mia answers.\n\nMIA\nYes?\n\n♪ "Start a Fire" (KEITH)\n'
    )
    scene = parse(source).scenes[0]
    assert [(a.name, a.mentions, a.dialogues, a.cues) for a in scene.appearances] == [
        ("KEITH", 1, 0, 1),
        ("MIA DOLAN", 2, 1, 0),
    ]
    assert scene.number == 1
    keith = scene.appearances[0]
    assert [s.line for s in keith.spans] == [9, 14]


def test_forced_mentions_of_people_outside_the_cast_appear_too() -> None:
    scene = parse(HEAD + "INT. A - DAY\n\n@Laura meets @{Bill the Owner}.\n").scenes[0]
    assert [a.name for a in scene.appearances] == ["LAURA", "BILL THE OWNER"]


def test_lyrics_belong_to_the_cue_before_them_in_their_scene() -> None:
    source = HEAD + (
        'INT. A - DAY\n\n♪ "City of Stars" (SEB)\n~City of stars\n\nHe plays.\n\n~Again\n\n'
        "INT. B - DAY\n\n~No cue here\n"
    )
    a, b = parse(source).scenes
    assert isinstance(a.elements[2], Lyrics) and a.elements[2].cue == "City of Stars"
    assert isinstance(b.elements[0], Lyrics) and b.elements[0].cue is None


def test_colliding_first_names_are_not_linked() -> None:
    source = "Title: T\nCast:\n    MIA DOLAN: a\n    MIA FARROW: b\n\nINT. A - DAY\n\nMia waits.\n"
    action = parse(source).scenes[0].elements[0]
    assert mentions(action.lines[0]) == []  # type: ignore[union-attr]


def test_without_a_cast_nothing_is_found_in_prose() -> None:
    doc = parse("INT. A - DAY\n\nMia waits.\n")
    assert mentions(doc.scenes[0].elements[0].lines[0]) == []  # type: ignore[union-attr]
