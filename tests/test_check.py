"""``scriptgen check`` through click's runner and a real subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from scriptgen.cli import cli

SEEDS = Path(__file__).parent.parent / "seeds"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", *args])
    return result.exit_code, result.output


def test_seeds_are_clean_even_when_strict() -> None:
    code, output = run("--strict", str(SEEDS))
    assert code == 0, output
    assert "checked 2 files: 0 with errors, 0 warnings" in output


def test_error_exits_2_with_location_and_caret(tmp_path: Path) -> None:
    bad = tmp_path / "bad.fountain"
    bad.write_text("INT. A - DAY\n\nShe waits /* forever\n", encoding="utf-8")
    code, output = run(str(bad))
    assert code == 2
    assert f"{bad}:3:11: error: this boneyard opened with /* on line 3 is never closed" in output
    assert "    3 | She waits /* forever\n      |           ^" in output


def test_warnings_alone_exit_0_and_strict_makes_them_count(tmp_path: Path) -> None:
    source = tmp_path / "w.fountain"
    source.write_text("INT. A - DAY\nShe waits.\n", encoding="utf-8")
    code, output = run(str(source))
    assert code == 0
    assert f"{source}:2:1: warning: a scene heading should have a blank line under it" in output
    code, output = run("--strict", str(source))
    assert code == 2
    assert f"{source}:2:1: error:" in output


def test_missing_file_and_binary_file(tmp_path: Path) -> None:
    binary = tmp_path / "image.fountain"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    code, output = run(str(binary), str(tmp_path / "missing.fountain"))
    assert code == 2
    assert "NUL byte" in output
    assert "missing.fountain: error: no such file" in output


def test_empty_file_warns(tmp_path: Path) -> None:
    empty = tmp_path / "empty.fountain"
    empty.write_bytes(b"")
    code, output = run(str(empty))
    assert code == 0
    assert "warning: this file has no text [empty-document]" in output


def test_check_in_a_real_process_never_shows_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.fountain"
    bad.write_bytes(b"Title: T\nCast:\n    nobody\n")
    done = subprocess.run(
        [sys.executable, "-m", "scriptgen", "check", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stdout + done.stderr
    assert f"{bad}:3:5: error: expected a cast member" in done.stdout


def test_check_reads_standard_input() -> None:
    result = CliRunner().invoke(cli, ["check", "-"], input="Title: T\nCast:\n    nobody\n")
    assert result.exit_code == 2
    assert "<stdin>:3:5: error: expected a cast member" in result.output
