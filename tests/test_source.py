"""Reading files: encodings, line endings, empty and very large files."""

from __future__ import annotations

from scriptgen.parser import parse, parse_bytes
from scriptgen.source import decode_source

SCRIPT = "Title: T\n\nINT. ROOM - DAY\n\nMIA\nHello.\n"


def test_bom_is_dropped() -> None:
    assert parse_bytes(b"\xef\xbb\xbf" + SCRIPT.encode()) == parse(SCRIPT)


def test_crlf_and_cr_line_endings_mean_the_same() -> None:
    expected = parse(SCRIPT)
    assert parse_bytes(SCRIPT.replace("\n", "\r\n").encode()) == expected
    assert parse_bytes(SCRIPT.replace("\n", "\r").encode()) == expected


def test_decode_normalises_line_endings() -> None:
    assert decode_source(b"a\r\nb\rc\n") == "a\nb\nc\n"


def test_empty_file_is_an_empty_document() -> None:
    document = parse_bytes(b"")
    assert document.title_page is None and document.body == ()


def test_whitespace_only_file_is_an_empty_document() -> None:
    assert parse("\n\n   \n\t\n").body == ()


def test_missing_final_newline_changes_nothing() -> None:
    assert parse(SCRIPT.rstrip("\n")) == parse(SCRIPT)


def test_ten_megabyte_file_parses() -> None:
    action = "She waits for the phone to ring, and when it does she lets it ring. " * 6
    scene = f"INT. ROOM - DAY\n\n{action}\n\nMIA\nHello? Is anyone there? I can hear you.\n\n"
    text = scene * (10_000_000 // len(scene) + 1)
    assert len(text.encode()) >= 10_000_000
    document = parse(text)
    assert len(document.scenes) == text.count("INT. ROOM")
    assert document.scenes[-1].number == len(document.scenes)
