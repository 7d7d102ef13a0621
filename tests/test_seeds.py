"""The marked-up seeds: every story sentence kept, cast, scenes, acts and cues added."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from scriptgen.ast import Action, InlineCue, MusicCue, Section, iter_texts
from scriptgen.parser import parse
from scriptgen.validation import validate

ROOT = Path(__file__).parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.fountain"))
ORIGINALS = ROOT.parent / "shared" / "seeds"


def load(name: str):  # type: ignore[no-untyped-def]
    path = next(p for p in SEEDS if p.name.startswith(name))
    text = path.read_text(encoding="utf-8")
    return text, parse(text, str(path))


def cue_titles(document) -> list[str]:  # type: ignore[no-untyped-def]
    titles = []
    for _scene, block in document.walk():
        if isinstance(block, MusicCue):
            titles.append(block.title)
        elif not isinstance(block, Section) and hasattr(block, "span"):
            for text in iter_texts(block):
                titles += [r.title for r in text.runs if isinstance(r, InlineCue)]
    return titles


def words(text: str) -> Counter[str]:
    return Counter(re.findall(r"[a-z]+", text.lower().replace("’", "'")))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_checks_clean(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    assert validate(parse(text), text) == []


def test_seed_004_names_its_nine_songs_and_the_cast_with_actors() -> None:
    _, document = load("004")
    titles = {t.replace("’", "'") for t in cue_titles(document)}
    for song in [
        "Another Day of Sun",
        "Someone in the Crowd",
        "Mia & Sebastian's Theme",
        "A Lovely Night",
        "City of Stars",
        "Planetarium",
        "Start a Fire",
        "Audition (The Fools Who Dream)",
        "Epilogue",
    ]:
        assert song in titles
    actors = {m.name: m.actor for m in document.cast}
    assert actors["MIA DOLAN"] == "Emma Stone"
    assert actors["SEBASTIAN WILDER"] == "Ryan Gosling"
    assert actors["KEITH"] == "John Legend"
    assert all(m.description for m in document.cast)


@pytest.mark.parametrize("name", ["000", "004"])
def test_seed_has_acts_and_a_heading_per_place(name: str) -> None:
    _, document = load(name)
    acts = [b.text for b in document.body if isinstance(b, Section) and b.level == 1]
    assert acts == ["ACT ONE", "ACT TWO", "ACT THREE"]
    assert len(document.scenes) >= 20
    assert all(s.elements for s in document.scenes)


@pytest.mark.skipif(not ORIGINALS.is_dir(), reason="the original synopses are not beside the repo")
@pytest.mark.parametrize("name", ["000", "004"])
def test_seed_keeps_every_story_sentence_of_its_synopsis(name: str) -> None:
    original = next(ORIGINALS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")
    original = original.split("Please rate")[0]  # 004 ends in web-page debris
    _, document = load(name)
    prose = " ".join(
        text.plain
        for scene in document.scenes
        for element in scene.elements
        if isinstance(element, Action)
        for text in element.lines
    )
    prose += " " + " ".join(m.actor or "" for m in document.cast)
    ours = set(words(prose))
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n+", original) if words(s)]
    assert len(sentences) >= 30
    for sentence in sentences:
        found = [w in ours for w in words(sentence).elements()]
        # Light copy-editing only: apostrophes restored, spun words put back.
        assert sum(found) / len(found) >= 0.7, sentence


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_is_in_canonical_form(seed: Path) -> None:
    from scriptgen.fmt import format_text

    text = seed.read_text(encoding="utf-8")
    assert format_text(text) == text
