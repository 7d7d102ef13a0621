"""A real word processor reads scriptgen's DOCX: LibreOffice converts it to PDF.

Each seed (and a long script that splits dialogue across pages) is written
as DOCX and as scriptgen's own PDF for the same layout; ``soffice --headless
--convert-to pdf`` turns the DOCX into a PDF, and pdfplumber reads both:

* the text comes through, in order: every DOCX paragraph appears in the
  LibreOffice PDF in sequence, and both PDFs hold the same characters;
* the page count of each seed is within 5% of scriptgen's PDF when
  LibreOffice paginates itself, and for every document exactly equal (page
  by page, same text) when the paginator's breaks are carried into the DOCX.
  The long script is left out of the 5% check on purpose: every scene
  splits a speech, and a word processor splitting anywhere (it cannot
  know sentence ends or add (MORE)/(CONT'D)) packs it about a page in
  eighteen tighter.

LibreOffice runs with a private profile and a private font configuration
that adds scriptgen's bundled Courier Prime TrueType files: Debian's
``fonts-courier-prime`` ships OpenType files whose style names all read
"Regular", so LibreOffice cannot tell the bold face from the regular one.

Without ``soffice`` the tests skip, unless ``CI`` is set: in CI a missing
LibreOffice is a failure (``.ci/run`` installs Debian's libreoffice-writer).
"""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
import pdfplumber
import pytest

from scriptgen.parser import parse
from scriptgen.renderers import RenderOptions, render
from scriptgen.resources import data_dir

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.fountain"))
LAYOUTS = ("screenplay", "treatment", "screenplay-a4")
PAGE_NUMBER = re.compile(r"^\d+\.$")


def _soffice() -> str:
    """The LibreOffice binary, or skip (fail in CI) without one."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
        pytest.fail("CI is set but LibreOffice (soffice) is not installed")
    pytest.skip("LibreOffice (soffice) is not installed; apt-get install libreoffice-writer")


def long_script(scenes: int = 24) -> str:
    """A script of several pages whose speeches split with (MORE)/(CONT'D)."""
    speech = " ".join(f"This is sentence number {i} of a long speech." for i in range(14))
    prose = " ".join(f"Something happens, event {i}, and it goes on." for i in range(9))
    parts = ["Title: Long Night\nAuthor: A. Writer\n"]
    for n in range(scenes):
        parts.append(
            f"INT. ROOM {n} - NIGHT\n\n{prose}\n\nMIA (V.O.)\n(tired)\n{speech}\n\n"
            f"SEB\nNo.\n\nSEB ^\nYes!\n\nCUT TO:\n"
        )
    return "\n".join(parts)


@dataclass(frozen=True)
class Converted:
    """One document written both ways, and LibreOffice's reading of the DOCX."""

    name: str
    docx: bytes
    ours: Path
    theirs: Path


def _sources() -> Iterator[tuple[str, str]]:
    for path in SEEDS:
        yield path.stem, path.read_text(encoding="utf-8")
    yield "long", long_script()


def _font_config(into: Path) -> Path:
    """A fontconfig file: the system's fonts, scriptgen's Courier Prime, not Debian's OTFs."""
    cache = into / "cache"
    cache.mkdir()
    conf = into / "fonts.conf"
    conf.write_text(
        f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{data_dir("fonts")}</dir>
  <cachedir>{cache}</cachedir>
  <selectfont><rejectfont><glob>/usr/share/fonts/opentype/courier-prime/*</glob></rejectfont></selectfont>
</fontconfig>
""",
        encoding="utf-8",
    )
    return conf


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, bool], Converted]:
    """Every source × layout × carried-or-not, converted by one LibreOffice run."""
    soffice = _soffice()
    work = tmp_path_factory.mktemp("libreoffice")
    out = work / "out"
    out.mkdir()
    jobs: dict[tuple[str, str, bool], Converted] = {}
    for name, text in _sources():
        document = parse(text, f"{name}.fountain")
        for layout in LAYOUTS:
            for carry in (False, True):
                stem = f"{name}-{layout}-{'carried' if carry else 'own'}"
                options = RenderOptions(layout_name=layout, carry_pagination=carry)
                data = render(document, "docx", options)
                (work / f"{stem}.docx").write_bytes(data)
                ours = work / f"{stem}.scriptgen.pdf"
                ours.write_bytes(render(document, "pdf", options))
                jobs[(name, layout, carry)] = Converted(stem, data, ours, out / f"{stem}.pdf")
    env = dict(os.environ, FONTCONFIG_FILE=str(_font_config(work)), HOME=str(work))
    profile = (work / "profile").as_uri()
    command = [
        soffice,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        *(str(work / f"{job.name}.docx") for job in jobs.values()),
    ]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    missing = [job.name for job in jobs.values() if not job.theirs.exists()]
    assert not missing, f"LibreOffice did not convert {missing}: {result.stderr[-2000:]}"
    return jobs


@functools.cache
def pages_text(path: Path) -> list[list[str]]:
    """Each page's text lines, page numbers left out."""
    with pdfplumber.open(path) as pdf:
        return [
            [
                line
                for line in (page.extract_text() or "").split("\n")
                if not PAGE_NUMBER.match(line)
            ]
            for page in pdf.pages
        ]


def without_continueds(page: list[str]) -> list[str]:
    """A page of scriptgen's PDF without the lines its paginator adds at a split
    speech, which a word processor paginating on its own does not print: the
    (MORE) at the foot and the cue repeated with (CONT'D) at the top."""
    lines = list(page)
    if lines and lines[-1] == "(MORE)":
        lines.pop()
    if lines and lines[0].endswith("(CONT'D)"):
        lines.pop(0)
    return lines


def squeeze(text: str) -> str:
    """Text without whitespace: line wraps and spacing differ, characters must not."""
    return "".join(text.split())


KEYS = [(name, layout) for name in [p.stem for p in SEEDS] + ["long"] for layout in LAYOUTS]
SEED_KEYS = [(name, layout) for name, layout in KEYS if name != "long"]


@pytest.mark.parametrize(("name", "layout"), KEYS, ids=[f"{n}-{lay}" for n, lay in KEYS])
def test_text_comes_through_in_order(
    converted: dict[tuple[str, str, bool], Converted], name: str, layout: str
) -> None:
    job = converted[(name, layout, False)]
    theirs = squeeze("".join("".join(page) for page in pages_text(job.theirs)))
    ours = squeeze("".join("".join(without_continueds(page)) for page in pages_text(job.ours)))
    assert theirs == ours
    # Every paragraph of the DOCX in sequence. A dual-dialogue table is read
    # across its row, so its paragraphs need only follow what precedes it.
    word = docx.Document(io.BytesIO(job.docx))
    position = 0
    for child in word.element.body.iterchildren():
        texts = [squeeze("".join(t.text or "" for t in p.iter("{*}t"))) for p in child.iter("{*}p")]
        ends = []
        for text in filter(None, texts):
            found = theirs.find(text, position)
            assert found >= 0, f"{text[:60]!r} is missing or out of order"
            ends.append(found + len(text))
        position = max(ends, default=position)


@pytest.mark.parametrize(("name", "layout"), SEED_KEYS, ids=[f"{n}-{lay}" for n, lay in SEED_KEYS])
def test_page_count_close_to_scriptgen_pdf(
    converted: dict[tuple[str, str, bool], Converted], name: str, layout: str
) -> None:
    job = converted[(name, layout, False)]
    theirs, ours = len(pages_text(job.theirs)), len(pages_text(job.ours))
    assert abs(theirs - ours) <= 0.05 * ours, (theirs, ours)


@pytest.mark.parametrize(("name", "layout"), KEYS, ids=[f"{n}-{lay}" for n, lay in KEYS])
def test_carried_pagination_gives_the_same_pages(
    converted: dict[tuple[str, str, bool], Converted], name: str, layout: str
) -> None:
    job = converted[(name, layout, True)]
    theirs, ours = pages_text(job.theirs), pages_text(job.ours)
    assert len(theirs) == len(ours)
    for number, (a, b) in enumerate(zip(theirs, ours, strict=True), start=1):
        assert [squeeze(line) for line in a] == [squeeze(line) for line in b], f"page {number}"


def test_long_script_really_splits_dialogue(
    converted: dict[tuple[str, str, bool], Converted],
) -> None:
    pages = pages_text(converted[("long", "screenplay", True)].theirs)
    lines = [line for page in pages for line in page]
    assert len(pages) > 5
    assert "(MORE)" in lines
    assert any(line.endswith("(CONT'D)") for line in lines)
