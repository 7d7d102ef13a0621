"""Page layouts: the geometry every paged writer (PDF, DOCX) reads.

A layout is a TOML file in ``templates/`` (or anywhere, given by path). A file
may ``extends = "other"`` to start from another layout and override some of
its tables. Positions are inches from the paper's left edge; widths are
characters of the monospaced grid. The format is documented in
``docs/layouts.md``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ScriptgenError
from .resources import data_dir

__all__ = ["ElementStyle", "Layout", "LayoutError", "available_layouts", "load_layout"]

#: The fewest body lines a page may hold: a heading, two lines of what follows it,
#: a split speech with (MORE) and (CONT'D), and the scene continueds all need room.
MIN_LINES_PER_PAGE = 10

#: Element names a layout may style.
ELEMENT_NAMES = (
    "scene_heading",
    "action",
    "character",
    "parenthetical",
    "dialogue",
    "lyrics",
    "transition",
    "centered",
    "music_cue",
    "section",
    "synopsis",
    "note",
)


class LayoutError(ScriptgenError):
    """A layout file that cannot be used."""


@dataclass(frozen=True, slots=True)
class ElementStyle:
    """How one element kind is set on the page."""

    left: float
    """Left edge in inches from the paper's left edge."""
    width: int
    """Line width in characters."""
    blank_before: int = 0
    """Blank lines above the element."""
    caps: bool = False
    """Set in capitals."""
    bold: bool = False
    """Set in bold."""
    italic: bool = False
    """Set in italic."""
    underline: bool = False
    """Underlined."""
    align: str = "left"
    """``left``, ``right`` or ``center`` within its column."""
    right: float | None = None
    """Right edge in inches, for right-aligned elements."""
    hang: int = 0
    """Characters by which wrapped lines are indented."""
    keep_with_next: bool = False
    """Never the last thing on a page."""


@dataclass(frozen=True, slots=True)
class Layout:
    """A complete page layout, resolved for one paper size."""

    name: str
    """The layout's name."""
    kind: str
    """``screenplay`` or ``treatment``."""
    paper: str
    """The paper's name (``letter``, ``a4``)."""
    page_width: float
    """Paper width in inches."""
    page_height: float
    """Paper height in inches."""
    lines_per_page: int
    """Body lines that fit on one page."""
    margin_top: float
    """Inches."""
    margin_bottom: float
    """Inches."""
    margin_left: float
    """Inches."""
    margin_right: float
    """Inches."""
    font_family: str
    """A bundled font's name or a path to a TTF."""
    font_size: float
    """Points."""
    line_height: float
    """Points between baselines."""
    characters_per_inch: float
    """The grid's horizontal pitch."""
    elements: dict[str, ElementStyle]
    """Style of each element kind, keyed by ``ELEMENT_NAMES``."""
    strings: dict[str, str]
    """``more``, ``contd``, ``continued_bottom``, ``continued_top``."""
    options: dict[str, bool]
    """Switches (``print_notes``, ``scene_numbers``, ``sluglines`` …)."""
    page_number: dict[str, Any]
    """``format``, ``right``, ``top``, ``first``."""
    scene_number_left: float
    """Inches from the left edge for scene numbers in the left margin."""
    scene_number_right: float
    """Inches from the left edge for scene numbers in the right margin."""
    dual_width_scale: float
    """Each dual-dialogue column's widths against the normal ones."""
    dual_gap: float
    """Inches between the dual-dialogue columns."""
    title_page: dict[str, float]
    """``title_from_top``, ``contact_from_bottom`` (inches)."""
    source: Path | None = field(default=None, compare=False)
    """The file the layout was read from."""

    def element(self, name: str) -> ElementStyle:
        """The style of element ``name``."""
        return self.elements[name]

    def option(self, name: str) -> bool:
        """A switch from ``[options]``; ``False`` when the layout does not set it."""
        return bool(self.options.get(name, False))

    @property
    def points_per_character(self) -> float:
        """Width of one grid character in points."""
        return 72.0 / self.characters_per_inch


def available_layouts() -> list[str]:
    """Names of the layouts shipped in ``templates/``."""
    return sorted(p.stem for p in data_dir("templates").glob("*.toml"))


def load_layout(name_or_path: str | Path = "screenplay", paper: str | None = None) -> Layout:
    """Load a shipped layout by name, or a layout file by path.

    ``paper`` (``letter`` or ``a4``) overrides the layout's own paper.
    Raises :class:`LayoutError` with a clear message for a missing or bad file.
    """
    raw, source = _read_with_parents(str(name_or_path), seen=())
    return _build(raw, source, paper)


def _locate(name: str) -> Path:
    path = Path(name)
    if path.suffix == ".toml" or path.exists():
        if not path.is_file():
            raise LayoutError(f"layout file {name} does not exist")
        return path
    shipped = data_dir("templates") / f"{name}.toml"
    if not shipped.is_file():
        names = ", ".join(available_layouts())
        raise LayoutError(f"unknown layout {name!r}; the shipped layouts are {names}")
    return shipped


def _read_with_parents(name: str, seen: tuple[str, ...]) -> tuple[dict[str, Any], Path]:
    path = _locate(name)
    key = str(path.resolve())
    if key in seen:
        raise LayoutError(f"layout {path} extends itself through {' -> '.join(seen)}")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise LayoutError(f"cannot read layout {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise LayoutError(f"{path}: {exc}") from exc
    parent = raw.pop("extends", None)
    if parent is None:
        return raw, path
    base, _ = _read_with_parents(str(parent), (*seen, key))
    return _merge(base, raw), path


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _build(raw: dict[str, Any], source: Path, paper: str | None) -> Layout:
    where = str(source)
    try:
        paper_name = paper or raw.get("paper", "letter")
        papers = raw["papers"]
        if paper_name not in papers:
            raise LayoutError(
                f"{where}: no [papers.{paper_name}] table; it has {', '.join(sorted(papers))}"
            )
        sheet = papers[paper_name]
        if int(sheet["lines_per_page"]) < MIN_LINES_PER_PAGE:
            raise LayoutError(
                f"{where}: [papers.{paper_name}] lines_per_page must be at least"
                f" {MIN_LINES_PER_PAGE}"
            )
        elements = {}
        for name, table in raw["elements"].items():
            if name not in ELEMENT_NAMES:
                raise LayoutError(f"{where}: unknown element [elements.{name}]")
            elements[name] = ElementStyle(**table)
        missing = [n for n in ELEMENT_NAMES if n not in elements]
        if missing:
            raise LayoutError(f"{where}: no style for {', '.join(missing)}")
        margins, font = raw["margins"], raw["font"]
        return Layout(
            name=raw.get("name", source.stem),
            kind=raw.get("kind", "screenplay"),
            paper=paper_name,
            page_width=float(sheet["width"]),
            page_height=float(sheet["height"]),
            lines_per_page=int(sheet["lines_per_page"]),
            margin_top=float(margins["top"]),
            margin_bottom=float(margins["bottom"]),
            margin_left=float(margins["left"]),
            margin_right=float(margins["right"]),
            font_family=str(font["family"]),
            font_size=float(font["size"]),
            line_height=float(font["line_height"]),
            characters_per_inch=float(font["characters_per_inch"]),
            elements=elements,
            strings={k: str(v) for k, v in raw["strings"].items()},
            options={k: bool(v) for k, v in raw.get("options", {}).items()},
            page_number=dict(raw["page_number"]),
            scene_number_left=float(raw["scene_numbers"]["left"]),
            scene_number_right=float(raw["scene_numbers"]["right"]),
            dual_width_scale=float(raw["dual"]["width_scale"]),
            dual_gap=float(raw["dual"]["gap"]),
            title_page={k: float(v) for k, v in raw["title_page"].items()},
            source=source,
        )
    except KeyError as exc:
        raise LayoutError(f"{where}: missing setting {exc.args[0]!r}") from exc
    except TypeError as exc:
        raise LayoutError(f"{where}: {exc}") from exc
