"""Fonts for the PDF writer: registration with reportlab and per-character fallback.

scriptgen sets scripts in Courier Prime (bundled as TrueType under the SIL Open
Font License, in ``scriptgen/fonts/``). Courier Prime covers Latin only, so a
line is cut into segments, each set in the first font that has every one of
its characters:

1. the layout's font in the run's style (bold / italic);
2. DejaVu Sans Mono in the same style (bundled; ♪, Greek, Cyrillic,
   box drawing, arrows and much more, with nearly the same advance width);
3. for Chinese, Japanese and Korean: a CJK TrueType font found on the
   machine (``$SCRIPTGEN_CJK_FONT``, else Droid Sans Fallback from Debian's
   fonts-droid-fallback), which is embedded like the others; without one,
   reportlab's built-in CID fonts (STSong-Light, HeiseiMin-W3,
   HYSMyeongJo-Medium).

TrueType fonts are embedded in the PDF as subsets. reportlab cannot embed the
CID fonts: a PDF that uses them relies on the reader having the matching Asian
font pack (Acrobat offers to download it; without one, poppler draws boxes).
That is why an embeddable CJK TrueType font is preferred when there is one.

Registering a TrueType font parses it, so each font is registered once per
process and only when first needed.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ScriptgenError
from .resources import data_dir

__all__ = [
    "BUNDLED_FAMILIES",
    "CJK_FONTS",
    "CJK_TRUETYPE_CANDIDATES",
    "FontError",
    "FontSet",
    "Segment",
    "cjk_font_for",
    "cjk_truetype",
    "font_set",
    "load_reportlab",
]

#: A style key: (bold, italic).
Style = tuple[bool, bool]

_STYLE_SUFFIX: dict[Style, str] = {
    (False, False): "Regular",
    (True, False): "Bold",
    (False, True): "Italic",
    (True, True): "BoldItalic",
}

#: Bundled families: name (case and spaces ignored) -> file name for each style.
BUNDLED_FAMILIES: dict[str, dict[Style, str]] = {
    "courierprime": {
        style: f"CourierPrime-{suffix}.ttf" for style, suffix in _STYLE_SUFFIX.items()
    },
    "dejavusansmono": {
        (False, False): "DejaVuSansMono.ttf",
        (True, False): "DejaVuSansMono-Bold.ttf",
        (False, True): "DejaVuSansMono-Oblique.ttf",
        (True, True): "DejaVuSansMono-BoldOblique.ttf",
    },
}

#: The family every other font falls back to, character by character.
FALLBACK_FAMILY = "DejaVu Sans Mono"

_FALLBACK_PREFIX = "dejavusansmono"

#: reportlab's built-in CID fonts, by script.
CJK_FONTS: dict[str, str] = {
    "chinese": "STSong-Light",
    "japanese": "HeiseiMin-W3",
    "korean": "HYSMyeongJo-Medium",
}

#: CJK TrueType fonts looked for, in order, after ``$SCRIPTGEN_CJK_FONT``.
CJK_TRUETYPE_CANDIDATES = (
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/droid/DroidSansFallback.ttf",
)

#: The environment variable naming a CJK TrueType font (``none``: use CID fonts).
CJK_ENV = "SCRIPTGEN_CJK_FONT"

# Unicode blocks (inclusive ranges) of each CJK script.
_KOREAN = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF))
_KANA = ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF65, 0xFF9F))
_HAN = (
    (0x2E80, 0x2FDF),  # radicals
    (0x3000, 0x303F),  # CJK punctuation
    (0x3100, 0x312F),  # bopomofo
    (0x3190, 0x31EF),
    (0x3200, 0x4DBF),  # enclosed, compatibility, extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFF64),  # full-width forms
    (0x20000, 0x3FFFF),
)


class FontError(ScriptgenError):
    """A font that cannot be found or loaded."""


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of one line set in one font."""

    text: str
    """The characters."""
    font: str
    """reportlab's registered font name."""
    cid: bool = False
    """True for a CID font (not embedded; glyphs are wider than the grid)."""


def _in(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(lo <= code <= hi for lo, hi in ranges)


def cjk_font_for(char: str, japanese_context: bool = False) -> str | None:
    """The CID font for a CJK character, or ``None`` when ``char`` is not CJK.

    Ideographs go to the Japanese font when the text around them has kana
    (``japanese_context``), else to the Chinese one.
    """
    code = ord(char)
    if code < 0x1100:
        return None
    if _in(code, _KOREAN):
        return CJK_FONTS["korean"]
    if _in(code, _KANA):
        return CJK_FONTS["japanese"]
    if _in(code, _HAN):
        return CJK_FONTS["japanese" if japanese_context else "chinese"]
    return None


def cjk_truetype() -> Path | None:
    """The CJK TrueType font to embed, or ``None`` to use reportlab's CID fonts.

    ``$SCRIPTGEN_CJK_FONT`` names a ``.ttf`` file (or ``none``); otherwise the
    first of :data:`CJK_TRUETYPE_CANDIDATES` that exists.
    """
    import os

    chosen = os.environ.get(CJK_ENV, "").strip()
    if chosen.lower() == "none":
        return None
    if chosen:
        path = Path(chosen).expanduser()
        if not path.is_file():
            raise FontError(f"{CJK_ENV} names {chosen}, which is not a file")
        return path
    for candidate in CJK_TRUETYPE_CANDIDATES:
        path = Path(candidate)
        if path.is_file():
            return path
    return None


def _has_kana(text: str) -> bool:
    return any(_in(ord(c), _KANA) for c in text if ord(c) >= 0x3040)


def load_reportlab() -> None:
    """Import reportlab's core without Pillow, which scriptgen never needs.

    ``reportlab.lib.utils`` (imported by everything else in reportlab) runs
    ``from PIL import Image`` only to read bitmaps for ``drawImage``; loading
    Pillow costs some 20 ms, a tenth of rendering a feature-length script.
    While that one module loads, ``PIL`` is a stand-in whose ``Image`` is
    ``None``, which reportlab takes to mean "no image support". The stand-in is
    removed at once, so a later ``import PIL`` (pdfplumber, python-docx
    images) loads the real package. When Pillow or reportlab is already
    loaded, nothing is done.
    """
    import sys

    if "reportlab.lib.utils" in sys.modules or "PIL" in sys.modules:
        return
    import types

    stand_in = types.ModuleType("PIL")
    stand_in.Image = None  # type: ignore[attr-defined]
    sys.modules["PIL"] = stand_in
    try:
        import reportlab.lib.utils  # noqa: F401
    finally:
        if sys.modules.get("PIL") is stand_in:
            del sys.modules["PIL"]


_lock = threading.Lock()
_registered: dict[str, set[int]] = {}
"""reportlab font name -> code points it has (TrueType only)."""
_cid_registered: set[str] = set()


def _key(family: str) -> str:
    return family.replace(" ", "").replace("_", "").replace("-", "").casefold()


def _register_ttf(name: str, path: Path) -> set[int]:
    """Register ``path`` as ``name`` once; return its character coverage."""
    with _lock:
        known = _registered.get(name)
        if known is not None:
            return known
        load_reportlab()
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFError, TTFont

        try:
            font = TTFont(name, str(path))
        except TTFError as exc:
            hint = ""
            if path.suffix.lower() == ".otf":
                hint = " (reportlab reads TrueType outlines only; use a .ttf version of the font)"
            raise FontError(f"cannot load font {path}: {exc}{hint}") from exc
        except OSError as exc:
            raise FontError(f"cannot read font {path}: {exc}") from exc
        pdfmetrics.registerFont(font)
        coverage = set(font.face.charToGlyph)
        _registered[name] = coverage
        return coverage


def _register_cid(name: str) -> None:
    with _lock:
        if name in _cid_registered:
            return
        load_reportlab()
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        pdfmetrics.registerFont(UnicodeCIDFont(name))
        _cid_registered.add(name)


def _family_files(family: str) -> tuple[str, dict[Style, Path]]:
    """A short name and the file for each style of ``family`` (a bundled name or a path)."""
    bundled = BUNDLED_FAMILIES.get(_key(family))
    if bundled is not None:
        folder = data_dir("fonts")
        return _key(family), {style: folder / name for style, name in bundled.items()}
    path = Path(family).expanduser()
    if not path.is_file():
        names = ", ".join(["Courier Prime", FALLBACK_FAMILY])
        raise FontError(
            f"font {family!r} is neither a bundled family ({names}) nor a font file that exists"
        )
    # A font file given by path: look for its siblings named like Name-Bold.ttf.
    stem = path.stem
    for suffix in ("-Regular", "_Regular", " Regular", "-Roman"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    files: dict[Style, Path] = {}
    for style, suffix in _STYLE_SUFFIX.items():
        files[style] = path
        if suffix == "Regular":
            continue
        spellings = [suffix, suffix.replace("BoldItalic", "BoldOblique")]
        spellings += [s.replace("Italic", "Oblique") for s in spellings]
        for spelling in dict.fromkeys(spellings):
            for sep in ("-", "_", " "):
                candidate = path.with_name(f"{stem}{sep}{spelling}{path.suffix}")
                if candidate.is_file():
                    files[style] = candidate
                    break
            else:
                continue
            break
    return "file-" + _key(str(path.resolve())), files


@dataclass
class FontSet:
    """One family in four styles plus the fallbacks, ready to cut text into segments."""

    family: str
    """The family as the layout named it."""
    _files: dict[Style, Path]
    _prefix: str
    _fallback_files: dict[Style, Path]
    cjk_file: Path | None = None
    """A CJK TrueType font, preferred to the CID fonts for the characters it has."""
    _cache: dict[tuple[str, Style, bool], Segment] = field(default_factory=dict)

    def primary(self, bold: bool = False, italic: bool = False) -> str:
        """reportlab's name of the main font in a style (registered on first use)."""
        name = self._name(self._prefix, (bold, italic))
        _register_ttf(name, self._files[(bold, italic)])
        return name

    @staticmethod
    def _name(prefix: str, style: Style) -> str:
        return f"sg-{prefix}-{_STYLE_SUFFIX[style]}"

    def _coverage(self, prefix: str, files: dict[Style, Path], style: Style) -> set[int]:
        return _register_ttf(self._name(prefix, style), files[style])

    def font_for(
        self, char: str, bold: bool = False, italic: bool = False, japanese_context: bool = False
    ) -> Segment:
        """The font that sets ``char`` in a style, as a one-character segment."""
        style = (bold, italic)
        key = (char, style, japanese_context)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        code = ord(char)
        seg: Segment
        if code in self._coverage(self._prefix, self._files, style) or code < 0x20:
            seg = Segment(char, self._name(self._prefix, style))
        elif code in self._coverage(_FALLBACK_PREFIX, self._fallback_files, style):
            seg = Segment(char, self._name(_FALLBACK_PREFIX, style))
        else:
            cid = cjk_font_for(char, japanese_context)
            cjk_name = "sg-cjk-" + _key(self.cjk_file.stem) if self.cjk_file else ""
            if cid is not None and self.cjk_file and code in _register_ttf(cjk_name, self.cjk_file):
                seg = Segment(char, cjk_name)
            elif cid is not None:
                _register_cid(cid)
                seg = Segment(char, cid, cid=True)
            elif code in self._coverage(_FALLBACK_PREFIX, self._fallback_files, (False, False)):
                seg = Segment(char, self._name(_FALLBACK_PREFIX, (False, False)))
            else:
                # No bundled font has it: the main font shows its missing-glyph box.
                seg = Segment(char, self._name(self._prefix, style))
        self._cache[key] = seg
        return seg

    def segments(self, text: str, bold: bool = False, italic: bool = False) -> list[Segment]:
        """``text`` cut into the fewest segments, each in a font that has its characters."""
        if text.isascii():
            # Fast path: every bundled main font covers printable ASCII.
            return [Segment(text, self.primary(bold, italic))] if text else []
        japanese = _has_kana(text)
        out: list[Segment] = []
        for char in text:
            seg = self.font_for(char, bold, italic, japanese)
            if out and out[-1].font == seg.font:
                out[-1] = Segment(out[-1].text + char, seg.font, seg.cid)
            else:
                out.append(seg)
        return out

    def missing(self, text: str) -> set[str]:
        """Characters of ``text`` that no available font has (they print as boxes)."""
        gaps: set[str] = set()
        for char in set(text):
            if char.isspace() or ord(char) < 0x20:
                continue
            seg = self.font_for(char, japanese_context=_has_kana(text))
            if not seg.cid and ord(char) not in _registered.get(seg.font, set()):
                gaps.add(char)
        return gaps


_sets: dict[tuple[str, Path | None], FontSet] = {}


def font_set(family: str = "Courier Prime") -> FontSet:
    """The :class:`FontSet` for ``family``: a bundled family's name or a TrueType file's path.

    CJK characters go to :func:`cjk_truetype` when there is one.
    Raises :class:`FontError` when the family cannot be found.
    """
    cjk = cjk_truetype()
    key = (_key(family), cjk)
    found = _sets.get(key)
    if found is None:
        prefix, files = _family_files(family)
        _, fallback = _family_files(FALLBACK_FAMILY)
        found = FontSet(family, files, prefix, fallback, cjk)
        found.primary()  # load now so a bad font fails before any drawing
        _sets[key] = found
    return found
