"""Layouts: the shipped ones load, a copied one can change anything, bad ones fail clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from scriptgen.layout import ELEMENT_NAMES, LayoutError, available_layouts, load_layout

TEMPLATES = Path(__file__).parent.parent / "templates"


def test_shipped_layouts() -> None:
    assert {"screenplay", "screenplay-a4", "treatment"} <= set(available_layouts())
    letter = load_layout("screenplay")
    assert (letter.page_width, letter.page_height, letter.lines_per_page) == (8.5, 11.0, 55)
    assert (letter.margin_left, letter.margin_right, letter.margin_top) == (1.5, 1.0, 1.0)
    assert letter.element("character").left == 3.5
    assert letter.element("dialogue").width == 35
    assert letter.element("parenthetical").hang == 1
    assert letter.element("transition").right == 7.1
    assert letter.strings["contd"] == "(CONT'D)"
    assert set(letter.elements) == set(ELEMENT_NAMES)


def test_a4_extends_the_screenplay() -> None:
    a4 = load_layout("screenplay-a4")
    assert (a4.paper, a4.page_width, a4.page_height, a4.lines_per_page) == ("a4", 8.27, 11.69, 59)
    assert a4.element("dialogue") == load_layout("screenplay").element("dialogue")


def test_paper_override() -> None:
    assert load_layout("screenplay", paper="a4").lines_per_page == 59
    assert load_layout("treatment", paper="a4").kind == "treatment"


def test_a_copied_layout_changes_what_it_overrides(tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text(
        'extends = "screenplay"\nname = "mine"\n[elements.lyrics]\nleft = 2.5\nwidth = 35\n'
        "caps = true\n[strings]\nmore = '(PLUS)'\n",
        encoding="utf-8",
    )
    layout = load_layout(mine)
    assert layout.name == "mine"
    lyrics = layout.element("lyrics")
    assert lyrics.caps and lyrics.italic  # italic is inherited: tables merge key by key
    assert layout.strings["more"] == "(PLUS)"
    assert layout.strings["contd"] == "(CONT'D)"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('extends = "screenplay"\n[elements.villain]\nleft = 1\nwidth = 2\n', "unknown element"),
        ('extends = "screenplay"\npaper = "legal"\n', "no [papers.legal] table"),
        ("name = 'x'\n", "missing setting"),
        ("name = \n", "mine.toml"),
        ('extends = "mine.toml"\n', "extends itself"),
        ('extends = "screenplay"\n[elements.action]\nleft = 1\nwidth = 60\nfont = 3\n', "font"),
    ],
)
def test_bad_layouts_fail_clearly(tmp_path: Path, content: str, message: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    mine = tmp_path / "mine.toml"
    mine.write_text(content, encoding="utf-8")
    with pytest.raises(LayoutError, match=message.replace("[", r"\[")):
        load_layout(mine)


def test_unknown_layout_name_lists_the_shipped_ones() -> None:
    with pytest.raises(LayoutError, match="the shipped layouts are"):
        load_layout("nope")


def test_every_key_of_the_shipped_layouts_is_documented() -> None:
    doc = (Path(__file__).parent.parent / "docs" / "layouts.md").read_text(encoding="utf-8")
    import tomllib

    raw = tomllib.loads((TEMPLATES / "screenplay.toml").read_text(encoding="utf-8"))
    for table in ("margins", "font", "strings", "page_number", "scene_numbers", "dual"):
        assert f"[{table}]" in doc
        for key in raw[table]:
            assert f"`{key}`" in doc, key
    for key in raw["options"]:
        assert f"`{key}`" in doc, key


def test_too_few_lines_per_page_is_refused(tmp_path: Path) -> None:
    mine = tmp_path / "tiny.toml"
    mine.write_text('extends = "screenplay"\n[papers.letter]\nlines_per_page = 4\n', "utf-8")
    with pytest.raises(LayoutError, match="lines_per_page must be at least 10"):
        load_layout(mine)
