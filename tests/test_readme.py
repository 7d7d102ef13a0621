"""The README's first command works on a fresh machine, exactly as written.

A clean copy of the repository (the files git tracks or would track, nothing
built, no virtual environment) gets the README's first command run in it by
a shell; afterwards ``output/`` must hold the PDF, DOCX and Fountain files of
every bundled seed. ``pip install`` needs PyPI (or a configured mirror).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from fnmatch import fnmatch
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"

#: Never copied: what a build or a test run leaves behind.
BUILT = (
    ".git",
    ".venv",
    ".v",
    "output",
    "__pycache__",
    "*.egg-info",
    "build",
    "dist",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".hypothesis",
    ".work",
    ".peers",
)


def is_built(relative: Path) -> bool:
    """Whether ``relative`` lies in something a build or a test run made."""
    return any(fnmatch(part, pattern) for part in relative.parts for pattern in BUILT)


def setup_commands() -> list[str]:
    """The lines of the README's first fenced code block."""
    text = README.read_text(encoding="utf-8")
    match = re.search(r"^```[^\n]*\n(.*?)^```", text, flags=re.S | re.M)
    assert match, "README.md opens with a code block of set-up commands"
    return [line for line in match.group(1).splitlines() if line.strip()]


def test_readme_opens_with_the_two_setup_commands() -> None:
    text = README.read_text(encoding="utf-8")
    before = text[: text.index("```")]
    assert len(before.strip().splitlines()) <= 1, "only a title comes before the commands"
    install, tests = setup_commands()
    assert install.startswith("python3 -m venv .venv && ") and install.endswith("scriptgen render")
    assert tests.startswith("python3 -m venv .venv && ") and tests.endswith("-m pytest")


def clean_copy(into: Path) -> None:
    """The repository as a fresh clone would have it (working-tree contents, nothing built)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    if listed.returncode != 0:  # not a git checkout (an unpacked archive): copy the tree
        shutil.copytree(ROOT, into, ignore=shutil.ignore_patterns(*BUILT))
        return
    into.mkdir()
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = ROOT / name
        if not source.is_file() or is_built(Path(name)):
            continue
        (into / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, into / name)


def test_the_first_readme_command_renders_the_seeds(tmp_path: Path) -> None:
    if shutil.which("bash") is None:
        pytest.skip("the README's commands are for a POSIX shell")
    command = setup_commands()[0]
    repo = tmp_path / "scriptgen"
    clean_copy(repo)
    seeds = sorted(p.stem for p in (repo / "seeds").glob("*.fountain"))
    assert seeds, "the repository carries its seeds"
    # A fresh machine: no virtual environment active, nothing importable from here.
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    assert done.returncode == 0, f"{command}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    output = repo / "output"
    found = sorted(p.name for p in output.iterdir())
    assert found == sorted(f"{s}.{ext}" for s in seeds for ext in ("pdf", "docx", "fountain"))
    for seed in seeds:
        assert (output / f"{seed}.pdf").read_bytes().startswith(b"%PDF-")
        with zipfile.ZipFile(output / f"{seed}.docx") as docx:
            assert "word/document.xml" in docx.namelist()
        fountain = (output / f"{seed}.fountain").read_text(encoding="utf-8")
        text = (repo / "seeds" / f"{seed}.fountain").read_text(encoding="utf-8")
        title = re.search(r"^Title:\s*(.+)$", text, flags=re.M)
        assert title and title.group(1).strip() in fountain
