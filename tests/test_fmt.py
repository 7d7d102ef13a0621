"""The canonical formatter and ``scriptgen fmt``.

The promise (docs/fountain.md): ``parse(fmt(x)) == parse(x)`` and
``fmt(fmt(x)) == fmt(x)``, over every seed, every golden case and random
trees; the canonical form itself; and the command: in-place atomic rewrites,
untouched tidy files, ``--check``, ``--diff`` and bad input.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from samples import SOURCES
from strategies import documents, sources

from scriptgen.ast import (
    Action,
    Boneyard,
    Dialogue,
    Document,
    Mention,
    Scene,
    Speech,
    Text,
    TextRun,
    Transition,
)
from scriptgen.cli import cli
from scriptgen.errors import MarkupError
from scriptgen.fmt import format_document, format_text
from scriptgen.parser import parse, parse_slugline
from scriptgen.renderers.fountain import settle_forcing
from scriptgen.resolve import resolve


def lines_of(source: str) -> list[str]:
    return format_text(source).split("\n")


# ---- the promise --------------------------------------------------------------


def test_every_seed_and_case_is_covered() -> None:
    assert len(SOURCES) >= 20
    assert any(p.parent.name == "seeds" for p in SOURCES)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_format_keeps_the_meaning(source: Path) -> None:
    text = source.read_text(encoding="utf-8")
    assert parse(format_text(text)) == parse(text)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_format_is_idempotent(source: Path) -> None:
    once = format_text(source.read_text(encoding="utf-8"))
    assert format_text(once) == once


@settings(
    max_examples=300, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)
@given(documents())
def test_random_trees_read_back_unchanged(document: Document) -> None:
    written = format_document(document)
    assert parse(written) == document
    assert format_text(written) == written


@settings(
    max_examples=300, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)
@given(sources())
def test_random_sources_keep_their_meaning(source: str) -> None:
    try:
        document = parse(source)
    except MarkupError:
        return
    formatted = format_text(source)
    assert parse(formatted) == document
    assert format_text(formatted) == formatted


# ---- the canonical form -------------------------------------------------------


def test_blank_lines_are_normalised() -> None:
    source = "Title: A\n\n\n\nINT. HOUSE - DAY\nShe waits.   \n\n\n\nMIA\nHello.\n\n\nCUT TO:\n"
    assert lines_of(source) == [
        "Title: A",
        "",
        "INT. HOUSE - DAY",
        "",
        "She waits.",
        "",
        "MIA",
        "Hello.",
        "",
        "CUT TO:",
        "",
    ]


def test_extra_blank_lines_that_belong_to_the_action_stay() -> None:
    source = "INT. HOUSE\n\nOne.\n\n\n\nTwo.\n"
    document = parse(source)
    assert lines_of(source) == ["INT. HOUSE", "", "One.", "", "", "", "Two.", ""]
    assert parse(format_text(source)) == document


def test_title_page_values_are_indented_four_spaces() -> None:
    source = "Title:\n\tLa La Land\nAuthor:    Someone\nContact:\n  a@b.c\n      555 0100\n\nHi.\n"
    assert lines_of(source)[:5] == [
        "Title: La La Land",
        "Author: Someone",
        "Contact:",
        "    a@b.c",
        "    555 0100",
    ]


def test_cast_actors_and_descriptions_are_aligned() -> None:
    source = (
        "Title: X\nCast:\n  MIA DOLAN(Emma Stone):an actress\n"
        "\tSEBASTIAN WILDER /Seb  (Ryan Gosling) :  a pianist\n   KEITH: a bandleader\n"
        "   LAURA\n\nHi.\n"
    )
    cast = lines_of(source)[2:6]
    assert cast == [
        "    MIA DOLAN              (Emma Stone): an actress",
        "    SEBASTIAN WILDER / Seb (Ryan Gosling): a pianist",
        "    KEITH                  : a bandleader",
        "    LAURA",
    ]
    assert len({line.index("(") for line in cast[:2]}) == 1


def test_cues_take_one_spelling() -> None:
    source = (
        'INT. CLUB\n\n%% "Start a Fire"(KEITH,SEBASTIAN ,source)\n~ Lyric\n\n'
        '♪ \u201cCity of Stars\u201d\n\nShe hums %%"Planetarium"(instrumental) softly.\n'
    )
    out = lines_of(source)
    assert out[2:4] == ['♪ "Start a Fire" (KEITH, SEBASTIAN, source)', "~Lyric"]
    assert out[5] == '♪ "City of Stars"'
    assert out[7] == 'She hums ♪"Planetarium"(instrumental) softly.'


def test_forced_mentions_use_braces_only_when_needed() -> None:
    source = "INT. X\n\n@{Greg} meets @{Old Man} and @{J-Lo}.\n"
    assert lines_of(source)[2] == "@Greg meets @{Old Man} and @J-Lo."


def test_forcing_the_writer_typed_is_kept() -> None:
    source = "!Quietly.\n\n@MIA\nHi.\n\n>CUT TO:\n\n.INT. HOUSE\n"
    assert lines_of(source)[:7] == ["!Quietly.", "", "@MIA", "Hi.", "", ">CUT TO:", ""]
    assert lines_of(source)[7] == ".INT. HOUSE"


def test_forcing_is_added_only_where_the_parser_would_misread() -> None:
    heading = parse_slugline("GRIFFITH OBSERVATORY - NIGHT")
    scene = Scene(
        heading,
        (
            Action((Text((TextRun("INT. HOUSE is where it starts."),)),)),
            Action((Text((TextRun("THE END"),)), Text((TextRun("rolls by."),)))),
            Action((Text((TextRun("SMASH CUT TO:"),)),)),
            Action((Text((TextRun("#hashtag"),)),)),
            Action((Text((TextRun("Just prose."),)),)),
            Transition("FADE OUT."),
            Transition("CUT TO:"),
            Dialogue("Mia", (), (Speech((Text((TextRun("Hi."),)),)),)),
            Dialogue("MIA", (), (Speech((Text((TextRun("(not a parenthetical)"),)),)),)),
        ),
    )
    document = settle_forcing(resolve(Document(None, (scene,))))
    out = format_document(document).split("\n")
    assert out == [
        ".GRIFFITH OBSERVATORY - NIGHT",
        "",
        "!INT. HOUSE is where it starts.",
        "",
        "!THE END",
        "rolls by.",
        "",
        "!SMASH CUT TO:",
        "",
        "\\#hashtag",
        "",
        "Just prose.",
        "",
        ">FADE OUT.",
        "",
        "CUT TO:",
        "",
        "@Mia",
        "Hi.",
        "",
        "MIA",
        "\\(not a parenthetical)",
        "",
    ]
    assert parse("\n".join(out)) == document


def test_emphasis_and_escapes() -> None:
    source = "INT. X\n\n_**Loud**_ and *soft* and ***both***, a \\*star\\* and snake_case.\n"
    assert lines_of(source)[2] == source.split("\n")[2]
    document = parse("INT. X\n\nUnmatched * star.\n")
    assert lines_of("INT. X\n\nUnmatched * star.\n")[2] == "Unmatched \\* star."
    assert parse(format_document(document)) == document


def test_notes_and_boneyard_are_kept() -> None:
    source = (
        "INT. X\n\nShe waits. [[check this]] /* old line */ Then goes.\n\n"
        "[[A note\nover two lines]]\n\n/*\nCUT SCENE\n\nBOB\nGone.\n*/\n"
    )
    out = format_text(source)
    assert "[[check this]]" in out and "/* old line */" in out
    assert "[[A note\nover two lines]]" in out
    assert "/*\nCUT SCENE\n\nBOB\nGone.\n*/" in out
    assert parse(out) == parse(source)


def test_parser_reads_an_underlined_forced_mention() -> None:
    # Found by the random trees: fmt writes an underlined forced mention as "_@Greg_",
    # which the inline reader once kept as literal text.
    text = parse("INT. X\n\nShe sees _@Greg_ there.\n").scenes[0].elements[0]
    assert isinstance(text, Action)
    runs = text.lines[0].runs
    assert any(isinstance(run, Mention) and run.style == ("underline",) for run in runs)


def test_parser_reads_a_boneyard_opening_with_a_slash() -> None:
    # Found by the random trees: a boneyard whose text starts with "/" is written
    # "/*/ old */", where the "*/" overlapping the opener once hid the real end.
    element = parse("INT. X\n\n/*/ old */\n").scenes[0].elements[0]
    assert element == Boneyard("/ old ")


# ---- the command ----------------------------------------------------------------

UNTIDY = "Title:   A\n\n\n\nINT. HOUSE\nMIA\nHi.\n"
TIDY = "Title: A\n\nINT. HOUSE\n\nMIA\nHi.\n"


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["fmt", *args], input=input)
    return result.exit_code, result.stdout, result.stderr


def test_fmt_rewrites_in_place(tmp_path: Path) -> None:
    path = tmp_path / "a.fountain"
    path.write_text(UNTIDY, encoding="utf-8")
    status, _, err = run(str(path))
    assert status == 0
    assert path.read_text(encoding="utf-8") == TIDY
    assert "reformatted 1 of 1 file" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.fountain"]  # no temp file left


def test_fmt_leaves_tidy_files_untouched(tmp_path: Path) -> None:
    path = tmp_path / "a.fountain"
    path.write_text(TIDY, encoding="utf-8")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = path.stat()
    status, _, _ = run(str(tmp_path))
    after = path.stat()
    assert status == 0
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)


def test_fmt_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "a.fountain"
    path.write_text(UNTIDY, encoding="utf-8")
    path.chmod(0o640)
    assert run(str(path))[0] == 0
    assert path.stat().st_mode & 0o777 == 0o640


def test_fmt_check_lists_files_and_changes_nothing(tmp_path: Path) -> None:
    untidy, tidy = tmp_path / "untidy.fountain", tmp_path / "tidy.fountain"
    untidy.write_text(UNTIDY, encoding="utf-8")
    tidy.write_text(TIDY, encoding="utf-8")
    status, out, _ = run("--check", str(tmp_path))
    assert status == 1
    assert out.split() == [str(untidy)]
    assert untidy.read_text(encoding="utf-8") == UNTIDY
    assert run("--check", str(tidy))[0] == 0


def test_fmt_diff_shows_the_change(tmp_path: Path) -> None:
    path = tmp_path / "a.fountain"
    path.write_text(UNTIDY, encoding="utf-8")
    status, out, _ = run("--diff", str(path))
    assert status == 0
    assert out.startswith(f"--- {path}\n+++ {path} (formatted)\n")
    assert "-Title:   A\n" in out and "+Title: A\n" in out
    assert path.read_text(encoding="utf-8") == UNTIDY
    assert run("--diff", "--check", str(path))[0] == 1


def test_fmt_crlf_only_change_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "a.fountain"
    path.write_bytes(TIDY.replace("\n", "\r\n").encode("utf-8"))
    status, out, _ = run("--check", "--diff", str(path))
    assert status == 1
    assert "line endings or byte-order mark only" in out


def test_fmt_bad_input_exits_2_and_leaves_the_file(tmp_path: Path) -> None:
    bad, good = tmp_path / "bad.fountain", tmp_path / "good.fountain"
    bad.write_text("INT. X\n\nShe waits. /* never closed\n", encoding="utf-8")
    good.write_text(UNTIDY, encoding="utf-8")
    status, _, err = run(str(bad), str(good))
    assert status == 2
    assert f"{bad}:3:12: error:" in err
    assert "    3 | She waits. /* never closed" in err
    assert "Traceback" not in err
    assert bad.read_text(encoding="utf-8") == "INT. X\n\nShe waits. /* never closed\n"
    assert good.read_text(encoding="utf-8") == TIDY  # the other files are still formatted


def test_fmt_missing_file(tmp_path: Path) -> None:
    status, _, err = run(str(tmp_path / "nope.fountain"))
    assert status == 2
    assert "no such file" in err


def test_fmt_reads_standard_input() -> None:
    status, out, _ = run("-", input=UNTIDY)
    assert status == 0
    assert out == TIDY
