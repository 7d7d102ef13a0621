"""scriptgen reads plain Fountain the way an independent parser (jouvence) does.

Every golden case written in plain Fountain 1.1 is parsed by both; the kinds
of element each finds must match. Where they do not, the case is listed below
with the rule of the Fountain 1.1 spec (fountain.io/syntax) that settles it,
and both readings are pinned, so a change on either side shows up here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fountain_kinds import jouvence_kinds, scriptgen_kinds

from scriptgen.parser import parse

CASES = Path(__file__).parent / "cases"
# Cases that use scriptgen's extensions: plain Fountain parsers cannot read them the same way.
EXTENSION_CASES = {"cast", "mentions", "block_cues", "inline_cues", "cue_lyrics"}
PLAIN = sorted(
    p
    for p in CASES.glob("*.fountain")
    if p.stem not in EXTENSION_CASES and ".expected" not in p.name
)

#: case -> (the spec rule that settles it, what scriptgen finds, what jouvence finds)
DISAGREEMENTS: dict[str, tuple[str, list[str], list[str]]] = {
    "boneyard": (
        "Boneyard: everything between /* and */ is ignored, across lines and blank lines;"
        " jouvence reads the scene and cue inside it.",
        ["scene"],
        ["scene", "scene", "character BOB"],
    ),
    "characters": (
        "Character: 'any line entirely in uppercase' with 'at least one alphabetical"
        " character. R2D2 works'; Cyrillic capitals are uppercase too. jouvence drops"
        " ЖЕНЯ and R2D2.",
        [
            "scene",
            "character MIA",
            "character SEBASTIAN",
            "character MOM",
            "character HANS",
            "character ЖЕНЯ",
            "character R2D2",
            "character McCLANE",
            "character Mia",
        ],
        [
            "scene",
            "character MIA",
            "character SEBASTIAN",
            "character MOM",
            "character HANS",
            "character McCLANE",
            "character Mia",
        ],
    ),
    "dual_dialogue": (
        "Dual Dialogue: a caret ^ after the second character's name sets the two side by"
        " side; jouvence does not support it and reads the cues as action.",
        ["scene", "character BRICK", "character STEEL", "character MIA"],
        ["scene", "character BRICK"],
    ),
    "forced_mentions": (
        "Character: a cue is a line 'without an empty line after it'; @ forces the"
        " capitals rule, not that one. scriptgen reads a lone @Name line as action with a"
        " forced mention; jouvence makes it a cue with no dialogue.",
        ["scene"],
        ["scene", "character Laura's line alone in its paragraph is action with a mention."],
    ),
}


def test_plain_cases_are_compared() -> None:
    assert len(PLAIN) >= 15


@pytest.mark.parametrize("case", PLAIN, ids=lambda p: p.stem)
def test_same_elements_as_jouvence(case: Path) -> None:
    text = case.read_text(encoding="utf-8")
    ours, theirs = scriptgen_kinds(parse(text)), jouvence_kinds(text)
    if case.stem in DISAGREEMENTS:
        _, expected_ours, expected_theirs = DISAGREEMENTS[case.stem]
        assert (ours, theirs) == (expected_ours, expected_theirs)
    else:
        assert ours == theirs


def test_every_listed_disagreement_is_a_real_case() -> None:
    assert set(DISAGREEMENTS) <= {p.stem for p in PLAIN}
