"""``scriptgen watch``: renders at start, again on save, reports errors, stops on Ctrl-C."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from scriptgen.cli import Settings, cli
from scriptgen.cli.render import ResultPrinter, make_render_options
from scriptgen.cli.watch import Watcher

ROOT = Path(__file__).resolve().parent.parent

GOOD = """\
Title: Night Shift

.COFFEE SHOP - NIGHT

Mia wipes the counter.
"""

BROKEN = """\
.COFFEE SHOP - NIGHT

She waits. /* cut this
"""

FORMAT = "json"


def wait_for(condition: Callable[[], bool], timeout: float = 15.0) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


class Running:
    """A Watcher looping in a thread, with what it printed."""

    def __init__(self, watcher: Watcher, log: io.StringIO, stop: threading.Event) -> None:
        self.watcher = watcher
        self.log = log
        self.stop = stop

    @property
    def printed(self) -> str:
        """Everything printed so far."""
        return self.log.getvalue()


@pytest.fixture
def running(tmp_path: Path) -> Iterator[Running]:
    """Watch ``tmp_path/src`` into ``tmp_path/out`` in a background thread."""
    source = tmp_path / "src" / "act1.fountain"
    source.parent.mkdir()
    source.write_text(GOOD, encoding="utf-8")
    log = io.StringIO()
    console = Console(file=log, width=200, no_color=True)
    printer = ResultPrinter(Settings(), total=1, console=console)
    options = make_render_options(None, None, False, False, {})
    watcher = Watcher([str(tmp_path / "src")], [FORMAT], tmp_path / "out", options, printer)
    watcher.render(watcher.sources())
    stop = threading.Event()
    thread = threading.Thread(target=watcher.loop, args=(stop, 50), daemon=True)
    thread.start()
    time.sleep(0.5)  # let the file system watch settle before the first save
    try:
        yield Running(watcher, log, stop)
    finally:
        stop.set()
        thread.join(timeout=10)
        assert not thread.is_alive(), "setting the stop event ends the watch"


def test_a_save_re_renders_and_errors_keep_watching(tmp_path: Path, running: Running) -> None:
    output = tmp_path / "out" / f"act1.{FORMAT}"
    source = tmp_path / "src" / "act1.fountain"
    assert "Mia wipes the counter." in output.read_text(encoding="utf-8")

    source.write_text(GOOD.replace("wipes the counter", "locks the door"), encoding="utf-8")
    assert wait_for(lambda: "locks the door" in output.read_text(encoding="utf-8"))

    source.write_text(BROKEN, encoding="utf-8")
    assert wait_for(lambda: f"{source}:3:12: error:" in running.printed), running.printed
    assert "locks the door" in output.read_text(encoding="utf-8"), "the last good output stays"

    source.write_text(GOOD.replace("wipes the counter", "sings"), encoding="utf-8")
    assert wait_for(lambda: "Mia sings." in output.read_text(encoding="utf-8")), running.printed


def test_a_new_file_in_a_watched_directory_is_rendered(tmp_path: Path, running: Running) -> None:
    (tmp_path / "src" / "act2.fountain").write_text(GOOD, encoding="utf-8")
    assert wait_for((tmp_path / "out" / f"act2.{FORMAT}").is_file), running.printed


def test_outputs_and_temporary_files_are_not_sources(tmp_path: Path) -> None:
    options = make_render_options(None, None, False, False, {})
    printer = ResultPrinter(Settings(quiet=True), total=1, console=Console(file=io.StringIO()))
    watcher = Watcher([str(tmp_path)], [FORMAT], tmp_path / "output", options, printer)
    assert watcher.is_relevant(str(tmp_path / "act1.fountain"))
    assert not watcher.is_relevant(str(tmp_path / "output" / "act1.fountain"))
    assert not watcher.is_relevant(str(tmp_path / ".act1.fountain.x1.part"))
    assert not watcher.is_relevant(str(tmp_path / "act1.pdf"))


def test_watch_refuses_stdin_and_missing_files(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["watch", "-"])
    assert result.exit_code == 2
    assert "standard input" in result.stderr
    result = CliRunner().invoke(cli, ["watch", str(tmp_path / "gone.fountain")])
    assert result.exit_code == 2
    assert "no such file or directory" in result.stderr
    assert CliRunner().invoke(cli, ["watch"]).exit_code == 2


def test_ctrl_c_stops_watching_cleanly(tmp_path: Path) -> None:
    source = tmp_path / "act1.fountain"
    source.write_text(GOOD, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "scriptgen", "watch", "act1.fountain", "-f", FORMAT],
        cwd=tmp_path,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    lines = []
    for line in proc.stderr:
        lines.append(line)
        if line.startswith("watching"):
            break
    assert (tmp_path / "output" / f"act1.{FORMAT}").is_file(), lines
    time.sleep(1.0)  # Ctrl-C while the file system watch waits, the usual moment
    proc.send_signal(signal.SIGINT)
    rest = proc.stderr.read()
    assert proc.wait(timeout=15) == 0
    assert "stopped watching" in rest
    assert "Traceback" not in rest and "KeyboardInterrupt" not in rest, rest


def test_a_changed_layout_file_re_renders_everything(tmp_path: Path) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    source = tmp_path / "src" / "act1.fountain"
    source.parent.mkdir()
    source.write_text(GOOD, encoding="utf-8")
    layout = tmp_path / "mine.toml"
    layout.write_text('extends = "treatment"\npaper = "letter"\n', encoding="utf-8")
    log = io.StringIO()
    printer = ResultPrinter(Settings(), total=1, console=Console(file=log, width=200))
    options = make_render_options(str(layout), None, False, False, {})
    watcher = Watcher([str(source)], ["pdf"], tmp_path / "out", options, printer)
    assert watcher.is_relevant(str(layout)) and layout.parent.resolve() in watcher.roots()
    watcher.render(watcher.sources())
    output = tmp_path / "out" / "act1.pdf"

    def width() -> int:
        with pdfplumber.open(output) as pdf:
            return round(pdf.pages[0].width)

    assert width() == 612
    stop = threading.Event()
    thread = threading.Thread(target=watcher.loop, args=(stop, 50), daemon=True)
    thread.start()
    try:
        time.sleep(0.5)
        layout.write_text('extends = "treatment"\npaper = "a4"\n', encoding="utf-8")
        assert wait_for(lambda: width() == 595), log.getvalue()
        layout.write_text('extends = "no-such-layout"\n', encoding="utf-8")
        assert wait_for(lambda: "error: --layout" in log.getvalue()), log.getvalue()
        assert width() == 595, "a broken layout keeps the last good output"
    finally:
        stop.set()
        thread.join(timeout=10)
