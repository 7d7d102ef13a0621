"""Fonts in the PDF: every character is drawn with a font that has its glyph.

The PDFs are read back with pdfplumber (which font drew each character) and
pypdf (what is embedded); each bundled TrueType file's own character map,
read with fontTools, is the judge of whether a font has a glyph.
"""

from __future__ import annotations

import io
import itertools
import re
import unicodedata
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from fontTools.ttLib import TTFont

from scriptgen.parser import parse
from scriptgen.pdf_fonts import (
    CJK_ENV,
    CJK_FONTS,
    FontError,
    cjk_font_for,
    cjk_truetype,
    font_set,
)
from scriptgen.renderers import RenderOptions, render
from scriptgen.resources import data_dir

SAMPLE = "♪ é ß Ж λ “curly quotes” — 中文"
CMAP_DIR = Path("/usr/share/fonts/cmap/adobe-gb1")


def _bundled_cmaps() -> dict[str, set[int]]:
    """PostScript name of every TrueType file in use -> the code points it has.

    The bundled fonts, and the CJK TrueType font found on this machine, if any.
    """
    out: dict[str, set[int]] = {}
    cjk = cjk_truetype()
    for path in [*data_dir("fonts").glob("*.ttf"), *([cjk] if cjk else [])]:
        font = TTFont(path)
        name = font["name"].getDebugName(6)
        assert name
        out[name] = set(font.getBestCmap())
    return out


def _gb_unicode_cmap() -> set[int] | None:
    """Code points the Adobe-GB1 UniGB-UCS2-H CMap maps (from poppler-data), if installed."""
    path = CMAP_DIR / "UniGB-UCS2-H"
    if not path.is_file():
        return None
    codes: set[int] = set()
    for lo, hi in re.findall(
        r"^<([0-9a-f]{4})> <([0-9a-f]{4})> \d+", path.read_text("latin-1"), re.M
    ):
        codes.update(range(int(lo, 16), int(hi, 16) + 1))
    for single in re.findall(r"^<([0-9a-f]{4})> \d+$", path.read_text("latin-1"), re.M):
        codes.add(int(single, 16))
    return codes


def _pdf(source: str, **options: object) -> bytes:
    return render(parse(source), "pdf", RenderOptions(**options))  # type: ignore[arg-type]


def _chars(data: bytes) -> list[dict[str, object]]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [c for page in pdf.pages for c in page.chars]


def _base(fontname: object) -> str:
    """A font name without its subset tag (``AAAAAA+CourierPrime-Regular``)."""
    return str(fontname).split("+", 1)[-1]


# (A line starting with ♪ would be a music cue, so the action line opens with a word.)
SCRIPT = f"""INT. ROOM - DAY

Sample: {SAMPLE}

MIA
**{SAMPLE}**

~*{SAMPLE}*
"""


def test_every_glyph_comes_from_a_font_that_has_it(monkeypatch: pytest.MonkeyPatch) -> None:
    _check_every_glyph()
    # And the same without a CJK TrueType font: CJK then comes from CID fonts.
    monkeypatch.setenv(CJK_ENV, "none")
    _check_every_glyph()


def _check_every_glyph() -> None:
    chars = _chars(_pdf(SCRIPT))
    cmaps = _bundled_cmaps()
    gb = _gb_unicode_cmap()
    seen = "".join(str(c["text"]) for c in chars)
    for wanted in SAMPLE.replace(" ", ""):
        assert seen.count(wanted) >= 3, f"{wanted!r} missing from the PDF"
    for char in chars:
        text = str(char["text"])
        if text.isspace():
            continue
        name = _base(char["fontname"])
        if name in cmaps:
            assert ord(text) in cmaps[name], f"{text!r} drawn with {name}, which lacks it"
        else:
            # Not a bundled TrueType font: must be a CJK CID font, for a CJK character.
            assert cjk_font_for(text) is not None, f"{text!r} drawn with {name}"
            assert name.startswith(("STSong", "HeiseiMin", "HYSMyeongJo")), name
            if gb is not None and name.startswith("STSong"):
                assert ord(text) in gb


def test_courier_prime_sets_what_it_has_and_fallback_the_rest() -> None:
    chars = [c for c in _chars(_pdf(SCRIPT)) if not str(c["text"]).isspace()]
    by_char: dict[str, set[str]] = {}
    for c in chars:
        by_char.setdefault(str(c["text"]), set()).add(_base(c["fontname"]))
    for latin in "éß“”—cq":
        assert all(f.startswith("CourierPrime") for f in by_char[latin]), (latin, by_char[latin])
    for other in "♪Жλ":
        assert all(f.startswith("DejaVuSansMono") for f in by_char[other]), (other, by_char[other])
    # Bold dialogue and italic lyrics keep their style in the fallback font too.
    assert {"DejaVuSansMono", "DejaVuSansMono-Bold", "DejaVuSansMono-Oblique"} <= by_char["♪"]
    assert {"CourierPrime-Regular", "CourierPrime-Bold", "CourierPrime-Italic"} <= by_char["é"]


@pytest.mark.parametrize("cjk", ["auto", "none"])
def test_truetype_fonts_are_embedded_and_no_standard_font_is_referenced(
    cjk: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if cjk == "none":
        monkeypatch.setenv(CJK_ENV, "none")
    reader = pypdf.PdfReader(io.BytesIO(_pdf(SCRIPT)))
    truetype = 0
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            subtype = font["/Subtype"]
            assert subtype != "/Type1", f"unembedded standard font {font['/BaseFont']}"
            if subtype == "/TrueType":
                truetype += 1
                assert "/FontFile2" in font["/FontDescriptor"].get_object()
            else:
                # reportlab cannot embed its CID fonts; only CJK may use them.
                assert subtype == "/Type0"
                assert str(font["/BaseFont"]).lstrip("/") in CJK_FONTS.values()
    assert truetype >= 4


def test_segments_pick_a_font_with_every_character() -> None:
    from reportlab.pdfbase.pdfmetrics import getFont

    fonts = font_set()
    cmaps = _bundled_cmaps()
    segments = fonts.segments(SAMPLE)
    assert "".join(s.text for s in segments) == SAMPLE
    for seg in segments:
        if seg.cid:
            assert all(cjk_font_for(c) == seg.font for c in seg.text)
            continue
        postscript_name = getFont(seg.font).face.name.decode()
        cmap = cmaps[postscript_name]
        assert all(ord(c) in cmap for c in seg.text), seg
    # Neighbouring characters in one font make one segment.
    assert all(a.font != b.font for a, b in itertools.pairwise(segments))


def test_cjk_scripts_choose_their_cid_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CJK_ENV, "none")
    assert cjk_font_for("中") == "STSong-Light"
    assert cjk_font_for("中", japanese_context=True) == "HeiseiMin-W3"
    assert cjk_font_for("か") == "HeiseiMin-W3"
    assert cjk_font_for("한") == "HYSMyeongJo-Medium"
    assert cjk_font_for("a") is None
    assert cjk_font_for("Ж") is None
    fonts = font_set()
    # Kana anywhere in the text sets its ideographs in the Japanese font.
    assert {s.font for s in fonts.segments("東京かな") if s.cid} == {"HeiseiMin-W3"}
    assert {s.font for s in fonts.segments("东京") if s.cid} == {"STSong-Light"}


def _one_glyph_font(path: Path) -> None:
    """A TrueType font whose only glyph (a box) is 中 (U+4E2D)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    pen = TTGlyphPen(None)
    pen.moveTo((100, 0))
    pen.lineTo((100, 800))
    pen.lineTo((900, 800))
    pen.lineTo((900, 0))
    pen.closePath()
    glyph = pen.glyph()
    names = [".notdef", "space", "uni4E2D"]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({0x20: "space", 0x4E2D: "uni4E2D"})
    fb.setupGlyf({n: glyph for n in names})
    fb.setupHorizontalMetrics({n: (1000, 100) for n in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": "OneGlyph", "styleName": "Regular", "psName": "OneGlyph"})
    fb.setupOS2(sTypoAscender=880, usWinAscent=880, usWinDescent=120)
    fb.setupPost()
    fb.save(str(path))


def test_a_cjk_truetype_font_is_embedded_for_the_characters_it_has(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    font = tmp_path / "OneGlyph.ttf"
    _one_glyph_font(font)
    monkeypatch.setenv(CJK_ENV, str(font))
    assert cjk_truetype() == font
    chars = _chars(_pdf("INT. ROOM - DAY\n\nSigns: 中文\n"))
    fonts = {str(c["text"]): _base(c["fontname"]) for c in chars}
    assert fonts["中"] == "OneGlyph"  # embedded TrueType, preferred
    assert fonts["文"].startswith("STSong")  # not in that font: the CID font
    monkeypatch.setenv(CJK_ENV, str(tmp_path / "missing.ttf"))
    with pytest.raises(FontError, match="not a file"):
        font_set()


def test_characters_no_font_has_are_reported() -> None:
    fonts = font_set()
    assert fonts.missing("Mia ♪ Жλ ─ 中文") == set()
    emoji = "\N{GRINNING FACE}"
    assert fonts.missing(f"Mia {emoji}") == {emoji}
    assert unicodedata.name(emoji)


def test_a_font_file_by_path_finds_its_styled_siblings() -> None:
    path = data_dir("fonts") / "DejaVuSansMono.ttf"
    fonts = font_set(str(path))
    assert fonts.primary() != fonts.primary(bold=True) != fonts.primary(italic=True)
    cmaps = _bundled_cmaps()
    # Ж is in the family itself, so no fallback is needed for it.
    assert fonts.font_for("Ж").font == fonts.primary()
    assert ord("Ж") in cmaps["DejaVuSansMono"]


def test_a_missing_or_unusable_font_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FontError, match="neither a bundled family"):
        font_set(str(tmp_path / "nowhere.ttf"))
    broken = tmp_path / "Broken.otf"
    broken.write_bytes(b"OTTO" + b"\0" * 64)
    with pytest.raises(FontError, match="TrueType outlines only"):
        font_set(str(broken))


def test_a_layout_naming_a_missing_font_fails_before_drawing(tmp_path: Path) -> None:
    layout = tmp_path / "mine.toml"
    layout.write_text('extends = "screenplay"\nname = "mine"\n[font]\nfamily = "No Such Font"\n')
    with pytest.raises(FontError):
        _pdf("INT. ROOM - DAY\n\nHello.\n", layout_name=str(layout))


def test_reportlab_loads_without_pillow_and_pillow_still_imports_later() -> None:
    import subprocess
    import sys

    harness = (
        "import sys\n"
        "from scriptgen.renderers import RenderOptions, render\n"
        "from scriptgen.parser import parse\n"
        "data = render(parse('.HALL - DAY\\n\\nShe waits.\\n'), 'pdf', RenderOptions())\n"
        "assert data.startswith(b'%PDF-')\n"
        "print('PIL' in sys.modules)\n"
        "import PIL.Image\n"
        "print(PIL.Image.new('L', (1, 1)).size)\n"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", harness],
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["False", "(1, 1)"]
