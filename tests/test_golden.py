"""Golden cases: every tests/cases/<feature>.fountain beside its expected .json AST.

Run ``pytest tests/test_golden.py --update-goldens`` to rewrite the expected
files after an intended change, and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scriptgen.jsonform import from_json, to_json
from scriptgen.parser import parse

CASES = Path(__file__).parent / "cases"
SOURCES = sorted(p for p in CASES.glob("*.fountain") if ".expected" not in p.name)


def test_there_are_cases_for_every_feature() -> None:
    assert len(SOURCES) >= 20


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_golden_ast(source: Path, update_goldens: bool) -> None:
    document = parse(source.read_text(encoding="utf-8"), str(source))
    actual = to_json(document)
    expected_path = source.with_suffix(".json")
    if update_goldens or not expected_path.exists():
        expected_path.write_text(
            json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        if not update_goldens:
            pytest.fail(f"wrote missing golden {expected_path.name}; review and commit it")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert actual == expected
    # The JSON form reads back into an equal tree.
    assert from_json(expected) == document
