"""The parser's promise: for any text it returns a Document or raises MarkupError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scriptgen.ast import Document
from scriptgen.errors import MarkupError
from scriptgen.parser import parse, parse_bytes

# Lines built from the pieces that steer Fountain's classification.
_PIECES = st.sampled_from(
    [
        "INT. HOUSE - DAY",
        "EXT.",
        ".FORCED",
        "...",
        "MIA",
        "MIA (V.O.)",
        "BOB ^",
        "@bob",
        "(beat)",
        "~la la",
        "♪",
        '♪ "Song" (MIA, reprise)',
        '♪"Song"(MIA)',
        "%%",
        "CUT TO:",
        "> END <",
        ">",
        "<",
        "===",
        "=",
        "#",
        "## Act",
        "[[",
        "]]",
        "/*",
        "*/",
        "@{",
        "}",
        "*",
        "**",
        "_",
        "\\",
        "Title: X",
        "Cast:",
        "    MIA DOLAN (Emma): x",
        "    mia",
        "Key:",
        "   value",
        "!",
        "!!",
        "  ",
        "\t",
        "",
        "Mia's",
        "Seb",
        "♪“",
        "”",
        '"',
        "(",
        ")",
        "#1A#",
        "\r",
        "\ufeff",
        "中文",
        "Ж",
        "\x00",
    ]
)
_LINES = st.lists(
    st.one_of(_PIECES, st.text(max_size=20), st.lists(_PIECES, max_size=4).map(" ".join)),
    max_size=25,
).map("\n".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_LINES)
def test_parse_returns_a_document_or_a_markup_error(text: str) -> None:
    try:
        document = parse(text)
    except MarkupError as error:
        assert error.line >= 1 and error.column >= 1
        assert error.format()
    else:
        assert isinstance(document, Document)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_a_document_or_a_markup_error(data: bytes) -> None:
    try:
        document = parse_bytes(data)
    except MarkupError as error:
        assert error.format()
    else:
        assert isinstance(document, Document)


@settings(max_examples=200, deadline=None)
@given(_LINES)
def test_parsing_is_deterministic(text: str) -> None:
    try:
        first = parse(text)
    except MarkupError:
        return
    assert parse(text) == first
