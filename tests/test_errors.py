"""Bad input: one error type, file:line:col, the line, a caret, and a sentence."""

from __future__ import annotations

import pytest

from scriptgen.errors import MarkupError
from scriptgen.parser import parse, parse_bytes

CASES = [
    (
        "unclosed boneyard",
        "INT. ROOM - DAY\n\nShe waits. /* cut\nthis\n",
        "case.fountain:3:12: error: this boneyard opened with /* on line 3 is never closed\n"
        "    3 | She waits. /* cut\n"
        "      |            ^\n"
        "  hint: close it with */",
    ),
    (
        "unclosed note",
        "Text [[a note\n\nmore\n",
        "case.fountain:1:6: error: this note opened with [[ on line 1 is never closed\n"
        "    1 | Text [[a note\n"
        "      |      ^\n"
        "  hint: close it with ]] (a note cannot hold an empty line; put two spaces there)",
    ),
    (
        "cast name not in capitals",
        "Title: T\nCast:\n    Mia Dolan: an actress\n",
        "case.fountain:3:5: error: expected a cast member: a NAME in capitals, then optional"
        " '/ Alias', '(Actor)' and ': description'\n"
        "    3 |     Mia Dolan: an actress\n"
        "      |     ^\n"
        "  hint:     MIA DOLAN / Mia (Emma Stone): an aspiring actress",
    ),
    (
        "cast on the key line",
        "Title: T\nCast: MIA\n",
        "case.fountain:2:7: error: write each cast member on its own indented line under"
        " 'Cast:'\n"
        "    2 | Cast: MIA\n"
        "      |       ^\n"
        "  hint: Cast:\n        MIA DOLAN (Emma Stone): an aspiring actress",
    ),
    (
        "stray line in the title page",
        "Title: T\nnot a key\n",
        "case.fountain:2:1: error: expected a title-page entry ('Key: value') or an indented"
        " value line\n"
        "    2 | not a key\n"
        "      | ^\n"
        "  hint: end the title page with a blank line before the script starts",
    ),
    (
        "cue without a title",
        "♪\n",
        "case.fountain:1:2: error: a musical cue needs a song title\n"
        "    1 | ♪\n"
        "      |  ^\n"
        '  hint: ♪ "Another Day of Sun" (ensemble)',
    ),
    (
        "cue with an unclosed quote",
        '♪ "City of Stars (MIA)\n',
        "case.fountain:1:3: error: this song title's quotes are never closed\n"
        '    1 | ♪ "City of Stars (MIA)\n'
        "      |   ^\n"
        '  hint: ♪ "City of Stars" (SEBASTIAN, MIA)',
    ),
    (
        "cue with text after the performers",
        '♪ "Song" (MIA) loudly\n',
        "case.fountain:1:10: error: expected the performers and tags in one pair of"
        " parentheses after the title\n"
        '    1 | ♪ "Song" (MIA) loudly\n'
        "      |          ^\n"
        '  hint: ♪ "City of Stars" (SEBASTIAN, MIA, reprise)',
    ),
    (
        "inline cue with an unclosed parenthesis",
        'She hums ♪"Song"(MIA and walks.\n',
        "case.fountain:1:17: error: this musical cue's parenthesis is never closed\n"
        '    1 | She hums ♪"Song"(MIA and walks.\n'
        "      |                 ^\n"
        '  hint: write ♪"Title"(MIA, SEBASTIAN)',
    ),
    (
        "unclosed forced mention",
        "She calls @{Bill the Owner.\n",
        "case.fountain:1:11: error: this forced mention @{ is never closed\n"
        "    1 | She calls @{Bill the Owner.\n"
        "      |           ^\n"
        "  hint: write @{Two Words} with a closing brace",
    ),
]


@pytest.mark.parametrize(("title", "source", "expected"), CASES, ids=[c[0] for c in CASES])
def test_error_message(title: str, source: str, expected: str) -> None:
    with pytest.raises(MarkupError) as caught:
        parse(source, "case.fountain")
    assert caught.value.format() == expected


def test_invalid_utf8_names_the_byte_offset() -> None:
    with pytest.raises(MarkupError) as caught:
        parse_bytes("INT. CAFÉ - DAY\n\nBad \xff byte.\n".encode("latin-1"), "x.fountain")
    error = caught.value
    assert error.message == "invalid UTF-8 at byte 8 (byte 0xc9)"
    assert (error.line, error.column) == (1, 9)


def test_invalid_utf8_on_a_later_line() -> None:
    with pytest.raises(MarkupError) as caught:
        parse_bytes(b"Fine.\n\nBad \xff byte.\n", "x.fountain")
    assert (caught.value.line, caught.value.column) == (3, 5)
    assert "at byte 11" in caught.value.message


def test_nul_byte_is_rejected_with_its_position() -> None:
    with pytest.raises(MarkupError) as caught:
        parse_bytes(b"Line one\nTwo\x00three\n", "x.fountain")
    assert (caught.value.line, caught.value.column) == (2, 4)
    assert "NUL byte" in caught.value.message


def test_nul_in_text_is_rejected_too() -> None:
    with pytest.raises(MarkupError):
        parse("a\x00b")


def test_error_without_a_path_names_the_input() -> None:
    with pytest.raises(MarkupError) as caught:
        parse("/* open")
    assert caught.value.format().startswith("<input>:1:1: error:")


def test_long_binary_line_is_shown_as_a_printable_window() -> None:
    data = b"\x01\x02" * 200 + b"\x00" + b"\x03" * 200
    with pytest.raises(MarkupError) as caught:
        parse_bytes(data, "blob.fountain")
    shown, caret = caught.value.format().splitlines()[1:3]
    assert shown.startswith("    1 | …") and shown.endswith("…")
    assert shown.isprintable()
    assert len(shown) < 120
    assert caret.index("^") - len("      | ") == 51  # the NUL, in the middle of the window
