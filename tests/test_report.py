"""Production reports: every column of the scene breakdown, the character list
and the music cue sheet against hand-counted values, in every form (tables,
JSON, CSV, terminal), and the command's handling of bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from scriptgen.cli import cli
from scriptgen.layout import load_layout
from scriptgen.parser import parse
from scriptgen.report import (
    build_report,
    format_duration,
    format_eighths,
    report_tables,
    usage_code,
    write_csv,
)

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.fountain"))

# Three scenes on the screenplay layout (55 lines a page), counted by hand:
#
# scene 1  rows 0-6 of page 1: heading, blank, action, blank, cue, 2 lyric
#          lines -> 7 lines -> 7 * 8 / 55 = 1.02 -> 1/8
# scene 2  rows 9-48 of page 1: heading, blank, 31 action lines, blank, MIA,
#          speech, blank, SEBASTIAN, parenthetical, speech -> 40 lines -> 5.82 -> 6/8
# scene 3  rows 51-53 of page 1 (heading, blank, cue; the second cue moves on),
#          all 55 rows of page 2 (cue, blank, 53 action lines) and 7 of page 3
#          (the 60-line action split at a sentence) -> 65 lines -> 9.45 -> 1 1/8
LONG_CLUB = "\n".join("She plays on." for _ in range(30))
LONG_STARS = "\n".join("Stars turn." for _ in range(60))
MUSICAL = f"""Title: Cue Test
Cast:
    MIA DOLAN (Emma Stone): an actress
    SEBASTIAN WILDER / Seb (Ryan Gosling): a pianist
    KEITH (John Legend): a bandleader

# Act One

EXT. FREEWAY - DAY

Mia honks. Seb waves at Mia.

♪ "Another Day of Sun" (ensemble)
~Climb these hills
~Reaching for the heights

INT. CLUB - NIGHT #7#

Sebastian plays ♪"Planetarium"(instrumental, background) for @Laura.
{LONG_CLUB}

MIA
Hello, Seb.

SEBASTIAN
(quietly)
Hi.

# Act Two

.GRIFFITH OBSERVATORY - NIGHT

♪ "City of Stars" (SEBASTIAN, MIA, reprise, source)

%%"Mia's Theme" (instrumental)

{LONG_STARS}
"""

# No acts, no cast, and a cue before the first scene.
PLAIN = """Title: No Acts

♪ "Overture" (instrumental, background)

INT. ROOM - DAY

@Bob hums ♪"Tune"(source). Bob sits.
"""

MIA = "MIA DOLAN"
SEB = "SEBASTIAN WILDER"
STARS = "City of Stars"
THEME = "Mia's Theme"
Q = "\u201c{}\u201d".format


@pytest.fixture(scope="module")
def musical() -> dict[str, list[tuple[str, ...]]]:
    tables = report_tables(parse(MUSICAL, "musical.fountain"))
    return {t.key: list(t.rows) for t in tables}


def test_scene_breakdown_every_column(musical: dict[str, list[tuple[str, ...]]]) -> None:
    assert musical["scenes"] == [
        ("1", "EXT. FREEWAY - DAY", "EXT", "FREEWAY", "DAY", "1", "1/8",
         f"{MIA}, {SEB}", Q("Another Day of Sun")),
        ("7", "INT. CLUB - NIGHT", "INT", "CLUB", "NIGHT", "1", "6/8",
         f"{SEB}, LAURA, {MIA}", Q("Planetarium")),
        ("3", "GRIFFITH OBSERVATORY - NIGHT", "", "GRIFFITH OBSERVATORY", "NIGHT", "1", "1 1/8",
         f"{SEB}, {MIA}", f"{Q(STARS)}, {Q(THEME)}"),
    ]  # fmt: skip


def test_character_list_every_column(musical: dict[str, list[tuple[str, ...]]]) -> None:
    # Mia: named twice in scene 1's prose, speaks in 2, sings in 3.
    # Sebastian: "Seb" in scene 1, "Sebastian" in 2, speaks in 2, sings in 3.
    # Keith never appears; Laura is forced with @ and not in the cast.
    assert musical["characters"] == [
        (MIA, "Emma Stone", "3", "1, 7, 3", "2", "1", "1", "1"),
        (SEB, "Ryan Gosling", "3", "1, 7, 3", "2", "1", "1", "1"),
        ("KEITH", "John Legend", "0", "", "0", "0", "", ""),
        ("LAURA *", "", "1", "7", "1", "0", "7", "1"),
    ]


def test_cue_sheet_every_column(musical: dict[str, list[tuple[str, ...]]]) -> None:
    # Timing: scene 1 is 1/8 page = 7.5 s -> 0:08; scene 2 is 6/8 = 45 s;
    # scene 3 is 9/8 = 67.5 s shared by two cues -> 33.75 -> 0:34 each.
    assert musical["cues"] == [
        ("1", "1M1", "Another Day of Sun", "1", "1", "", "VV", "0:08", "", "", ""),
        ("2", "1M2", "Planetarium", "7", "1", "", "BI", "0:45", "", "", ""),
        ("3", "2M1", "City of Stars", "3", "1", f"{SEB}, {MIA}", "VV", "0:34", "", "", ""),
        ("4", "2M2", "Mia's Theme", "3", "1", "", "VI", "0:34", "", "", ""),
    ]


def test_report_counts_pages_and_kinds() -> None:
    report = build_report(parse(MUSICAL))
    assert report.pages == 3
    assert report.layout == "screenplay"
    assert [s.eighths for s in report.scenes] == [1, 6, 9]
    assert [m.kind for m in report.music_cues] == ["block", "inline", "block", "block"]
    assert [m.tags for m in report.music_cues] == [
        ("ensemble",),
        ("instrumental", "background"),
        ("reprise", "source"),
        ("instrumental",),
    ]
    assert [(c.cues, c.in_cast) for c in report.characters] == [
        (1, True),
        (1, True),
        (0, True),
        (0, False),
    ]


def test_without_acts_every_cue_is_act_one_and_outside_cues_have_no_scene() -> None:
    tables = {t.key: t for t in report_tables(parse(PLAIN))}
    assert tables["cues"].rows == (
        ("1", "1M1", "Overture", "", "", "", "BI", "0:00", "", "", ""),
        ("2", "1M2", "Tune", "1", "1", "", "VV", "0:08", "", "", ""),
    )
    # Only the forced @Bob counts: a plain "Bob" is no cast name.
    assert tables["characters"].rows == (("BOB *", "", "1", "1", "1", "0", "1", "1"),)
    assert tables["characters"].note == "* not declared in the cast."
    assert tables["scenes"].rows == (
        ("1", "INT. ROOM - DAY", "INT", "ROOM", "DAY", "1", "1/8", "BOB", Q("Tune")),
    )


def test_pages_follow_the_chosen_layout() -> None:
    # Scene 1 fills rows 0-51 (heading, blank, 50 lines). On Letter (55 rows)
    # scene 2's heading would land on row 54 with nothing after it, so it moves
    # to page 2; on A4 (59 rows) its action fits on row 56 of page 1.
    # Scene 1 is 52 lines: 52 * 8 / 55 = 7.56 -> 8/8 on Letter, 52 * 8 / 59 = 7.05 -> 7/8 on A4.
    text = "INT. HALL - DAY\n\n" + "\n".join("He waits." for _ in range(50))
    text += "\n\nEXT. YARD - DAY\n\nRain.\n"
    document = parse(text)
    letter = build_report(document, load_layout("screenplay"))
    a4 = build_report(document, load_layout("screenplay", "a4"))
    assert [(s.page, format_eighths(s.eighths)) for s in letter.scenes] == [(1, "1"), (2, "1/8")]
    assert [(s.page, format_eighths(s.eighths)) for s in a4.scenes] == [(1, "7/8"), (1, "1/8")]
    assert (letter.pages, a4.pages) == (2, 1)
    assert build_report(document, load_layout("treatment")).layout == "treatment"


def test_cue_timings_always_come_from_screenplay_pages() -> None:
    document = parse(MUSICAL)
    screenplay = build_report(document)
    treatment = build_report(document, load_layout("treatment"))
    # The treatment runs scene 2's thirty short lines on as prose: fewer eighths...
    assert [s.eighths for s in treatment.scenes] != [s.eighths for s in screenplay.scenes]
    # ...but the cue sheet's timings are still those of the screenplay.
    assert [m.seconds for m in treatment.music_cues] == [8, 45, 34, 34]


def test_tables_are_rectangular_and_typed(musical: dict[str, list[tuple[str, ...]]]) -> None:
    for table in report_tables(parse(MUSICAL)):
        width = len(table.headers)
        assert len(table.numeric) == len(table.weights) == width
        assert all(len(row) == width for row in table.rows)
    cue_table = report_tables(parse(MUSICAL), sections=("cues",))
    assert [t.key for t in cue_table] == ["cues"]
    assert cue_table[0].headers[-3:] == ("Composer", "Publisher", "Rights")


def test_unknown_section_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown report section"):
        report_tables(parse(PLAIN), sections=("props",))


@pytest.mark.parametrize(
    ("tags", "code"),
    [
        ((), "VV"),
        (("source",), "VV"),
        (("instrumental",), "VI"),
        (("background",), "BV"),
        (("instrumental", "background"), "BI"),
        (("reprise", "ensemble"), "VV"),
    ],
)
def test_usage_codes(tags: tuple[str, ...], code: str) -> None:
    assert usage_code(tags) == code


@pytest.mark.parametrize(
    ("eighths", "text"), [(1, "1/8"), (4, "4/8"), (8, "1"), (11, "1 3/8"), (16, "2")]
)
def test_eighths_are_written_like_a_breakdown(eighths: int, text: str) -> None:
    assert format_eighths(eighths) == text


def test_durations() -> None:
    assert [format_duration(s) for s in (0, 8, 60, 83, 600)] == [
        "0:00",
        "0:08",
        "1:00",
        "1:23",
        "10:00",
    ]


# --------------------------------------------------------------------------
# JSON
# --------------------------------------------------------------------------


def test_json_form_has_the_documented_keys() -> None:
    data = build_report(parse(MUSICAL)).to_json()
    assert data["format"] == "scriptgen-report" and data["version"] == 1
    assert data["title"] == "Cue Test" and data["pages"] == 3
    scene = data["scenes"][1]
    assert {k: scene[k] for k in ("number", "label", "heading", "page", "characters")} == {
        "number": 2,
        "label": "7",
        "heading": "INT. CLUB - NIGHT",
        "page": 1,
        "characters": [SEB, "LAURA", MIA],
    }
    assert scene["eighths"] == 6 and scene["length"] == "6/8"
    laura = data["characters"][3]
    assert {k: laura[k] for k in ("name", "scenes", "actor", "in_cast", "first_scene")} == {
        "name": "LAURA",
        "scenes": [2],
        "actor": None,
        "in_cast": False,
        "first_scene": 2,
    }
    cue = data["music_cues"][2]
    assert {k: cue[k] for k in ("title", "scene", "performers", "usage", "cue_number")} == {
        "title": "City of Stars",
        "scene": 3,
        "performers": [SEB, MIA],
        "usage": "VV",
        "cue_number": "2M1",
    }
    assert cue["duration_seconds"] == 34 and cue["vocal"] and cue["visual"]
    json.dumps(data)  # serialisable as it stands


# --------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------


@pytest.fixture
def musical_file(tmp_path: Path) -> Path:
    path = tmp_path / "musical.fountain"
    path.write_text(MUSICAL, encoding="utf-8")
    return path


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["report", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_cli_offers_every_section_and_stays_light() -> None:
    import subprocess
    import sys

    from scriptgen.cli import report as command
    from scriptgen.report import SECTIONS

    assert command.SECTIONS == SECTIONS
    # Listing the command for --help must not load the AST, the paginator or a renderer.
    probe = (
        "import sys, scriptgen.cli.report; "
        "print(sorted(m for m in sys.modules if m in "
        "('scriptgen.ast', 'scriptgen.paginate', 'reportlab', 'docx', 'rich')))"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=root
    ).stdout
    assert out.strip() == "[]"


def test_cli_empty_file_prints_empty_reports(tmp_path: Path) -> None:
    empty = tmp_path / "empty.fountain"
    empty.write_text("", encoding="utf-8")
    code, out, _ = run(str(empty))
    assert code == 0
    assert "Scenes: none" in out and "Music Cue Sheet: none" in out
    code, out, _ = run(str(empty), "--csv", "--section", "cues")
    assert code == 0 and out.splitlines()[0].startswith("Seq,Cue #,Title")
    assert len(out.splitlines()) == 1


def test_cli_csv_cue_sheet(musical_file: Path) -> None:
    code, out, _ = run(str(musical_file), "--csv", "--section", "cues")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == [
        "Seq",
        "Cue #",
        "Title",
        "Scene",
        "Page",
        "Performers",
        "Usage",
        "Timing",
        "Composer",
        "Publisher",
        "Rights",
    ]
    assert rows[1:] == [
        ["1", "1M1", "Another Day of Sun", "1", "1", "", "VV", "0:08", "", "", ""],
        ["2", "1M2", "Planetarium", "7", "1", "", "BI", "0:45", "", "", ""],
        ["3", "2M1", "City of Stars", "3", "1", f"{SEB}, {MIA}", "VV", "0:34", "", "", ""],
        ["4", "2M2", "Mia's Theme", "3", "1", "", "VI", "0:34", "", "", ""],
    ]


def test_cli_json_all_and_one_section(musical_file: Path) -> None:
    code, out, _ = run(str(musical_file), "--json")
    assert code == 0
    data = json.loads(out)
    assert {"scenes", "characters", "music_cues"} <= set(data)
    assert data == build_report(parse(MUSICAL)).to_json()
    code, out, _ = run(str(musical_file), "--json", "--section", "characters")
    only = json.loads(out)
    assert "characters" in only and "scenes" not in only and "music_cues" not in only


def test_cli_reads_standard_input() -> None:
    code, out, _ = run("-", "--csv", "--section", "scenes", stdin=PLAIN)
    assert code == 0
    assert list(csv.reader(io.StringIO(out)))[1] == [
        "1",
        "INT. ROOM - DAY",
        "INT",
        "ROOM",
        "DAY",
        "1",
        "1/8",
        "BOB",
        Q("Tune"),
    ]


def test_cli_terminal_tables(musical_file: Path) -> None:
    code, out, _ = run(str(musical_file))
    assert code == 0
    for expected in ("Scenes", "Characters", "Music Cue Sheet", "Planetarium", "2M2", "1 1/8"):
        assert expected in out
    code, out, _ = run(str(musical_file), "--section", "cues")
    assert "Music Cue Sheet" in out and "Characters" not in out


def test_cli_bad_markup_exits_2_with_location(tmp_path: Path) -> None:
    bad = tmp_path / "bad.fountain"
    bad.write_text("INT. ROOM - DAY\n\nShe waits. /* never closed\n", encoding="utf-8")
    code, out, err = run(str(bad))
    assert code == 2
    assert out == ""
    assert f"{bad}:3:" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "args",
    [
        ("missing.fountain",),
        ("{tmp}",),
        ("{file}", "--layout", "no-such-layout"),
    ],
)
def test_cli_unreadable_input_exits_2(args: tuple[str, ...], musical_file: Path) -> None:
    filled = [a.format(tmp=musical_file.parent, file=musical_file) for a in args]
    code, _, err = run(*filled)
    assert code == 2
    assert "error" in err.lower() and "Traceback" not in err


def test_cli_csv_needs_exactly_one_section(musical_file: Path) -> None:
    code, _, err = run(str(musical_file), "--csv")
    assert code == 2 and "--section" in err
    code, _, err = run(str(musical_file), "--csv", "--json", "--section", "cues")
    assert code == 2


def test_write_csv_quotes_commas() -> None:
    table = report_tables(parse(MUSICAL), sections=("scenes",))[0]
    rows = list(csv.reader(io.StringIO(write_csv(table))))
    assert rows[2][7] == f"{SEB}, LAURA, {MIA}"


# --------------------------------------------------------------------------
# The seeds
# --------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_reports_are_consistent(seed: Path) -> None:
    document = parse(seed.read_text(encoding="utf-8"), str(seed))
    report = build_report(document)
    pages = [s.page for s in report.scenes]
    assert all(p is not None and 1 <= p <= report.pages for p in pages)
    assert pages == sorted(pages, key=lambda p: p or 0)
    # Every appearance is counted once per scene, and cast order is kept.
    cast = [m.name for m in document.cast]
    assert [c.name for c in report.characters][: len(cast)] == cast
    for character in report.characters:
        for number in character.scenes:
            assert character.name in report.scenes[number - 1].characters


# Counted by reading the seeds: who is named in each scene's prose, who speaks,
# who is credited on each cue, and each cue's tags.
SEED_CHARACTERS = {
    "000-la-la-land": [
        # name, actor, scenes, mentions, dialogues, cues, first scene
        (MIA, "", [1, 3, 5, 6, 8, 9, 12, 15, 16, 17, 18, 19, 21, 22, 23, 25, 26], 23, 0, 1, 1),
        (SEB, "", [1, 5, 6, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 21, 22, 24, 26], 23, 0, 5, 1),
        ("KEITH", "", [14, 16], 1, 0, 1, 14),
    ],
    "004-la-la-land": [
        (MIA, "Emma Stone",
         [1, 4, 5, 6, 7, 8, 10, 11, 13, 14, 16, 17, 18, 19, 20, 21, 22, 24, 26], 26, 0, 6, 1),
        (SEB, "Ryan Gosling",
         [1, 3, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 20, 21, 23, 26], 24, 0, 10, 1),
        ("LAURA WILDER", "Rosemarie DeWitt", [3], 1, 0, 0, 3),
        ("BILL", "J. K. Simmons", [6, 26], 2, 0, 0, 6),
        ("GREG", "Finn Wittrock", [10, 11], 2, 0, 0, 10),
        ("KEITH", "John Legend", [15, 16], 1, 0, 1, 15),
        ("DAVID", "Tom Everett Scott", [], 0, 0, 0, None),
    ],
}  # fmt: skip

THEME_000 = "Mia & Sebastian's Theme"
THEME_004 = "Mia & Sebastian\u2019s Theme"
SEED_CUES = {
    "000-la-la-land": [
        # cue number, title, kind, scene, performers, usage
        ("1M1", "Traditional Christmas songs", "block", 5, [SEB], "VV"),
        ("1M2", THEME_000, "block", 5, [SEB], "VI"),
        ("1M3", "I Ran", "inline", 6, [SEB], "VV"),
        ("1M4", "Planetarium", "block", 11, [], "VI"),
        ("2M1", "Start a Fire", "block", 16, ["KEITH", SEB], "VV"),
        ("2M2", "Audition (The Fools Who Dream)", "block", 23, [MIA], "VV"),
        ("3M1", THEME_000, "block", 26, [SEB], "VI"),
        ("3M2", "Epilogue", "block", 26, [], "VI"),
    ],
    "004-la-la-land": [
        ("1M1", "Another Day of Sun", "block", 1, [], "VV"),
        ("1M2", "Someone in the Crowd", "block", 4, [MIA], "VV"),
        ("1M3", "Christmas songs", "block", 6, [SEB], "VV"),
        ("1M4", THEME_004, "inline", 6, [SEB], "VI"),
        ("1M5", "I Ran (So Far Away)", "inline", 7, [SEB], "VV"),
        ("1M6", "A Lovely Night", "block", 8, [MIA, SEB], "VV"),
        ("1M7", STARS, "block", 9, [SEB], "VI"),
        ("1M8", "Planetarium", "block", 13, [MIA, SEB], "VI"),
        ("2M1", STARS, "block", 14, [SEB, MIA], "VV"),
        ("2M2", "Start a Fire", "block", 16, ["KEITH", SEB], "VV"),
        ("2M3", "Audition (The Fools Who Dream)", "block", 22, [MIA], "VV"),
        ("3M1", THEME_004, "inline", 26, [SEB], "VI"),
        ("3M2", "Epilogue", "block", 26, [MIA, SEB], "VI"),
    ],
}


def seed_report(stem: str) -> dict[str, Any]:
    path = Path(__file__).resolve().parent.parent / "seeds" / f"{stem}.fountain"
    if not path.exists():
        pytest.skip(f"seed {stem} is not in this checkout")
    return build_report(parse(path.read_text(encoding="utf-8"), str(path))).to_json()


@pytest.mark.parametrize("stem", sorted(SEED_CHARACTERS))
def test_seed_characters_hand_counted(stem: str) -> None:
    data = seed_report(stem)
    got = [
        (c["name"], c["actor"] or "", c["scenes"], c["mentions"], c["dialogues"], c["cues"],
         c["first_scene"])
        for c in data["characters"]
    ]  # fmt: skip
    assert got == SEED_CHARACTERS[stem]
    # A scene lists exactly the characters whose scene lists name it.
    for scene in data["scenes"]:
        present = {c["name"] for c in data["characters"] if scene["number"] in c["scenes"]}
        assert set(scene["characters"]) == present


@pytest.mark.parametrize("stem", sorted(SEED_CUES))
def test_seed_cue_sheet_hand_counted(stem: str) -> None:
    data = seed_report(stem)
    got = [
        (m["cue_number"], m["title"], m["kind"], m["scene"], m["performers"], m["usage"])
        for m in data["music_cues"]
    ]
    assert got == SEED_CUES[stem]
    assert [m["sequence"] for m in data["music_cues"]] == list(range(1, len(got) + 1))
    scenes = {s["number"]: s for s in data["scenes"]}
    for cue in data["music_cues"]:
        scene = scenes[cue["scene"]]
        assert cue["page"] == scene["page"]
        assert cue["title"] in scene["music_cues"]
        # Timing: the scene's eighths at 7.5 s each, shared by the scene's cues.
        share = len(scene["music_cues"])
        assert abs(cue["duration_seconds"] - scene["eighths"] * 7.5 / share) <= 0.5


def test_seed_scene_count_and_headings() -> None:
    data = seed_report("004-la-la-land")
    assert len(data["scenes"]) == 26
    first, last = data["scenes"][0], data["scenes"][-1]
    assert (first["interior"], first["location"], first["time"]) == (
        "EXT",
        "LOS ANGELES HIGHWAY",
        "DAY",
    )
    assert (last["interior"], last["location"], last["time"]) == ("INT", "SEB'S JAZZ BAR", "NIGHT")
    assert first["page"] == 1 and last["page"] == data["pages"]
