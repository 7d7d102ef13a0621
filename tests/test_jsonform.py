"""The JSON form: documented, complete, and read back into an equal tree."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from scriptgen.jsonform import from_json, to_json
from scriptgen.parser import parse
from scriptgen.renderers import render

ROOT = Path(__file__).parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.fountain"))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_round_trips_through_json(seed: Path) -> None:
    document = parse(seed.read_text(encoding="utf-8"))
    data = json.loads(render(document, "json"))
    assert data["format"] == "scriptgen-ast" and data["version"] == 1
    assert from_json(data) == document


def test_documented_example_is_what_the_parser_gives() -> None:
    doc = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    source = re.search(r"```fountain\n(.*?)```", doc, re.S)
    example = doc.rsplit("```json\n", 1)[1].split("```")[0]
    assert source is not None
    assert to_json(parse(source.group(1))) == json.loads(example)


def test_every_node_type_is_documented() -> None:
    from scriptgen import ast
    from scriptgen.jsonform import _CLASSES

    doc = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    for name in _CLASSES:
        assert f"| `{name}` |" in doc, name
    assert "Span" not in _CLASSES and hasattr(ast, "Span")


def test_unknown_type_is_refused() -> None:
    with pytest.raises(ValueError):
        from_json({"format": "scriptgen-ast", "version": 1, "document": {"type": "Nope"}})
    with pytest.raises(ValueError):
        from_json({"format": "other", "version": 1, "document": {}})
