"""Sources shared by several test modules."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The repository's top folder."""

CASES = ROOT / "tests" / "cases"
"""Golden cases: ``<feature>.fountain`` beside its expected ``.json``."""

SOURCES = sorted((ROOT / "seeds").glob("*.fountain")) + sorted(
    p for p in CASES.glob("*.fountain") if ".expected" not in p.name
)
"""Every seed and every golden case."""

GOOD = """\
Title: Night Shift
Cast:
    MIA DOLAN (Emma Stone): a barista

.COFFEE SHOP - NIGHT

Mia wipes the counter and hums ♪"City of Stars" to herself.
"""
"""A small valid source with a cast, a forced heading and an inline cue."""

BROKEN = """\
.COFFEE SHOP - NIGHT

She waits. /* cut this
"""
"""A source with an unclosed boneyard (a markup error on line 3)."""


def write(path: Path, text: str) -> Path:
    """Write ``text`` to ``path``, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
