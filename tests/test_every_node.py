"""Every renderer handles every node class.

One source holds an instance of every AST class; each format renders it
without error and prints the text of every element that prints.
"""

from __future__ import annotations

import dataclasses
import io
import json

import pytest

from scriptgen import ast
from scriptgen.jsonform import to_json
from scriptgen.parser import parse
from scriptgen.renderers import FORMATS, RenderOptions, render

SOURCE = """Title: Every Node
Credit: Written by
Author: A. Writer
Cast:
    MIA DOLAN (Emma Stone): an actress
    SEBASTIAN WILDER / Seb: a pianist

# ACT ONE

= Synopsis of the act.

INT. JAZZ CLUB - NIGHT #7#

Mia walks in. @Laura follows ♪"Planetarium"(MIA). [[inline note]] /* inline bone */ **Bold**.

MIA
(quietly)
Play it.
~Sung line

SEB ^
No.

♪ "City of Stars" (SEBASTIAN, MIA)
~City of stars

~Standalone lyric

> CENTERED TEXT <

[[Block note]]

/* Block boneyard */

===

CUT TO:
"""

PRINTED = [
    "JAZZ CLUB",
    "walks in",
    "Planetarium",
    "quietly",
    "Play it",
    "Sung line",
    "City of Stars",
    "Standalone lyric",
    "CENTERED TEXT",
    "CUT TO:",
    "Bold",
]


def _classes(value: object, seen: set[str]) -> None:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        seen.add(type(value).__name__)
        for spec in dataclasses.fields(value):
            _classes(getattr(value, spec.name), seen)
    elif isinstance(value, tuple):
        for item in value:
            _classes(item, seen)


def test_the_source_holds_every_node_class() -> None:
    seen: set[str] = set()
    _classes(parse(SOURCE), seen)
    every = {
        name
        for name, obj in vars(ast).items()
        if isinstance(obj, type) and dataclasses.is_dataclass(obj)
    }
    assert seen == every


def _text(fmt: str, data: bytes) -> str:
    if fmt == "pdf":
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    if fmt == "docx":
        import docx

        document = docx.Document(io.BytesIO(data))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if fmt == "fdx":
        import xml.etree.ElementTree as ET

        return " ".join(ET.fromstring(data).itertext())
    return data.decode("utf-8")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("layout", ["screenplay", "treatment"])
def test_every_format_renders_every_node(fmt: str, layout: str) -> None:
    data = render(parse(SOURCE), fmt, RenderOptions(layout_name=layout))
    text = " ".join(_text(fmt, data).split())
    for expected in PRINTED:
        assert expected.casefold() in text.casefold(), (fmt, layout, expected)


def test_json_keeps_what_does_not_print() -> None:
    data = json.loads(render(parse(SOURCE), "json"))
    assert data == to_json(parse(SOURCE))
    text = json.dumps(data)
    for hidden in ("inline note", "inline bone", "Block note", "Block boneyard"):
        assert hidden in text
