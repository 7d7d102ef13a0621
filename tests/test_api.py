"""The package's own names: parse, render, validate, MarkupError, __version__."""

from __future__ import annotations

from pathlib import Path

import pytest

import scriptgen

SEED = Path(__file__).parent.parent / "seeds" / "000-la-la-land.fountain"


def test_three_stages_from_the_package() -> None:
    from scriptgen import parse, render, validate

    text = SEED.read_text(encoding="utf-8")
    document = parse(text)
    assert validate(document, text) == []
    assert render(document, "pdf").startswith(b"%PDF-")
    assert callable(scriptgen.validate) and callable(scriptgen.render)


def test_markup_error_and_version() -> None:
    with pytest.raises(scriptgen.MarkupError):
        scriptgen.parse("/* never closed")
    assert scriptgen.__version__.count(".") == 2


def test_unknown_name() -> None:
    with pytest.raises(AttributeError):
        scriptgen.nothing_here  # noqa: B018
