"""validate(): each warning from the brief, with its position."""

from __future__ import annotations

from scriptgen.parser import parse
from scriptgen.validation import validate

HEAD = "Title: T\nCast:\n    MIA DOLAN: an actress\n    SEBASTIAN WILDER: a pianist\n\n"


def codes(source: str) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in validate(parse(source), source)]


def test_clean_source_has_no_warnings() -> None:
    assert codes(HEAD + "INT. A - DAY\n\nMia waits for Sebastian.\n") == []


def test_undeclared_name_in_capitals() -> None:
    assert codes(HEAD + "INT. A - DAY\n\nMia calls LAURA on the TV.\n") == [
        ("undeclared-name", 8, 11)
    ]


def test_lines_all_in_capitals_are_not_names() -> None:
    assert codes(HEAD + "INT. A - DAY\n\nBANG! THE DOOR SLAMS.\n") == []


def test_undeclared_names_only_with_a_cast() -> None:
    assert codes("INT. A - DAY\n\nMia calls LAURA.\n") == []


def test_unknown_performer() -> None:
    assert codes(HEAD + 'INT. A - DAY\n\n♪ "Song" (MIA, LAURA, ensemble)\n') == [
        ("unknown-performer", 8, 1)
    ]


def test_unknown_inline_performer() -> None:
    assert codes(HEAD + 'INT. A - DAY\n\nShe hums ♪"Song"(GREG).\n') == [
        ("unknown-performer", 8, 10)
    ]


def test_heading_without_blank_line() -> None:
    assert codes("INT. A - DAY\nShe waits.\n") == [("heading-without-blank", 2, 1)]


def test_alias_collision() -> None:
    source = "Title: T\nCast:\n    MIA DOLAN: a\n    MIA FARROW: b\n\nINT. A - DAY\n\nText.\n"
    assert codes(source) == [("alias-collision", 4, 5)]


def test_empty_scene() -> None:
    assert codes("INT. A - DAY\n\nINT. B - DAY\n\nText.\n") == [("empty-scene", 1, 1)]


def test_empty_document() -> None:
    assert codes("") == [("empty-document", 1, 1)]


def test_warning_format_has_caret_and_code() -> None:
    source = HEAD + "INT. A - DAY\n\nMia calls LAURA.\n"
    (warning,) = validate(parse(source), source)
    assert warning.format("f.fountain", source.split("\n")) == (
        "f.fountain:8:11: warning: 'LAURA' is in capitals like a character but is not in the"
        " cast [undeclared-name]\n"
        "    8 | Mia calls LAURA.\n"
        "      |           ^\n"
        "  hint: add it to Cast:, or write @{Laura}"
    )
