"""Many small parser cases from one readable fixture file (fixtures/parser_cases.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from outline import outline

from scriptgen.parser import parse

FIXTURE = Path(__file__).parent / "fixtures" / "parser_cases.md"
_CASE_RE = re.compile(
    r"^## (?P<title>.+?)\n+```fountain\n(?P<source>.*?)```\n+```outline\n(?P<outline>.*?)```",
    re.S | re.M,
)


def _cases() -> list[tuple[str, str, list[str]]]:
    text = FIXTURE.read_text(encoding="utf-8")
    cases = [
        (m.group("title"), m.group("source"), m.group("outline").splitlines())
        for m in _CASE_RE.finditer(text)
    ]
    assert len(cases) == text.count("\n## "), "a case in the fixture file is malformed"
    return cases


CASES = _cases()


@pytest.mark.parametrize(("title", "source", "expected"), CASES, ids=[c[0] for c in CASES])
def test_case(title: str, source: str, expected: list[str]) -> None:
    assert outline(parse(source)) == expected


@pytest.mark.parametrize(("title", "source", "expected"), CASES, ids=[c[0] for c in CASES])
def test_case_with_crlf_and_bom(title: str, source: str, expected: list[str]) -> None:
    assert outline(parse("\ufeff" + source.replace("\n", "\r\n"))) == expected
