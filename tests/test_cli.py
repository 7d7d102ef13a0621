"""The command line: ``scriptgen render`` and the group's options, through click's runner
and through real subprocesses."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from samples import BROKEN, GOOD, ROOT, write

from scriptgen import __version__
from scriptgen.cli import cli


def run(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> Result:
    """``scriptgen ARGS`` through click's runner, stderr kept apart from stdout."""
    return CliRunner().invoke(cli, list(args), input=stdin, env=env, catch_exceptions=False)


def run_process(
    *args: str, cwd: Path, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """``python -m scriptgen ARGS`` as a real process, with this checkout importable."""
    # Colour settings of the calling shell must not leak into the process under test.
    inherited = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    full_env = {**inherited, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "scriptgen", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=full_env,
        timeout=300,
        check=False,
    )


# --- the group --------------------------------------------------------------


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"scriptgen, version {__version__}"


@pytest.mark.parametrize("command", [[], ["render"], ["watch"]])
def test_help_shows_an_example(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output
    assert "scriptgen " + (command[0] if command else "render") in result.output


def test_help_documents_shell_completion() -> None:
    assert "_SCRIPTGEN_COMPLETE=bash_source scriptgen" in run("--help").output


def test_shell_completion_lists_commands_and_options() -> None:
    env = {"_SCRIPTGEN_COMPLETE": "bash_complete", "COMP_WORDS": "scriptgen render --for"}
    result = CliRunner().invoke(cli, [], env={**env, "COMP_CWORD": "2"}, prog_name="scriptgen")
    assert "--format" in result.output
    env = {"_SCRIPTGEN_COMPLETE": "bash_complete", "COMP_WORDS": "scriptgen wa"}
    result = CliRunner().invoke(cli, [], env={**env, "COMP_CWORD": "1"}, prog_name="scriptgen")
    assert "watch" in result.output
    env = {"_SCRIPTGEN_COMPLETE": "bash_complete", "COMP_WORDS": "scriptgen render --layout tr"}
    result = CliRunner().invoke(cli, [], env={**env, "COMP_CWORD": "3"}, prog_name="scriptgen")
    assert result.output.split() == ["plain,treatment"]


def test_quiet_and_verbose_together_is_a_usage_error() -> None:
    result = run("--quiet", "--verbose", "render", "--help")
    assert result.exit_code == 2
    assert "cannot be used together" in result.output


def test_help_imports_no_renderer() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from scriptgen.cli import cli\n"
        "for args in ([], ['render'], ['watch']):\n"
        "    CliRunner().invoke(cli, [*args, '--help'])\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('reportlab', 'docx', 'lark')]\n"
        "print(heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


# --- render: files, directories, names --------------------------------------


def test_render_a_file_into_out(tmp_path: Path) -> None:
    source = write(tmp_path / "act1.fountain", GOOD)
    result = run("render", str(source), "--format", "json", "--out", str(tmp_path / "build"))
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "build" / "act1.json").read_text(encoding="utf-8"))
    assert "Night Shift" in json.dumps(data)
    assert f"rendered {source} -> {tmp_path / 'build' / 'act1.json'}" in result.stderr


def test_render_a_directory_mirrors_its_tree(tmp_path: Path) -> None:
    write(tmp_path / "drafts" / "act1.fountain", GOOD)
    write(tmp_path / "drafts" / "act2" / "part.fountain", GOOD)
    out = tmp_path / "build"
    result = run("render", str(tmp_path / "drafts"), "-f", "json,fountain", "--out", str(out))
    assert result.exit_code == 0, result.output
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == [
        "act1.fountain",
        "act1.json",
        "act2/part.fountain",
        "act2/part.json",
    ]
    assert "2 rendered (4 files written)" in result.stderr


def test_render_defaults_to_output_in_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "act1.fountain", GOOD)
    monkeypatch.chdir(tmp_path)
    result = run("render", "act1.fountain", "-f", "json")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "output" / "act1.json").is_file()


def test_a_batch_with_one_broken_file_renders_the_others(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        write(tmp_path / "src" / f"{name}.fountain", GOOD)
    write(tmp_path / "src" / "broken.fountain", BROKEN)
    out = tmp_path / "out"
    result = run("render", str(tmp_path / "src"), "-f", "json", "--out", str(out), "-j", "2")
    assert result.exit_code == 2
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "b.json", "c.json"]
    broken = tmp_path / "src" / "broken.fountain"
    assert f"{broken}:3:" in result.stderr
    assert "|" in result.stderr and "^" in result.stderr
    assert "3 rendered, 1 with errors (3 files written)" in result.stderr
    assert "Traceback" not in result.output


def test_quiet_prints_errors_only(tmp_path: Path) -> None:
    write(tmp_path / "src" / "a.fountain", GOOD)
    write(tmp_path / "src" / "broken.fountain", BROKEN)
    result = run("--quiet", "render", str(tmp_path / "src"), "-f", "json", "--out", str(tmp_path))
    assert result.exit_code == 2
    assert "rendered" not in result.stderr
    assert "broken.fountain:3:" in result.stderr


# --- render: exit statuses and refusals -------------------------------------


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    result = run("render", str(tmp_path / "nope.fountain"), "-f", "json")
    assert result.exit_code == 2
    assert (
        result.stderr.strip() == f"error: {tmp_path / 'nope.fountain'}: no such file or directory"
    )


def test_an_unknown_format_exits_2() -> None:
    result = run("render", "x.fountain", "--format", "pdf,rtf")
    assert result.exit_code == 2
    assert "unknown format 'rtf'" in result.output


def test_an_unknown_layout_exits_2(tmp_path: Path) -> None:
    source = write(tmp_path / "a.fountain", GOOD)
    result = run("render", str(source), "-f", "json", "--layout", "no-such-layout")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --layout no-such-layout:")
    assert "Traceback" not in result.output


def test_an_output_equal_to_the_input_is_refused(tmp_path: Path) -> None:
    source = write(tmp_path / "act1.fountain", GOOD)
    result = run("render", str(source), "-f", "fountain", "-o", str(source))
    assert result.exit_code == 2
    assert "refusing to write" in result.stderr
    result = run("render", str(source), "-f", "fountain", "--out", str(tmp_path))
    assert result.exit_code == 2
    assert source.read_text(encoding="utf-8") == GOOD


def test_an_unwritable_out_directory_exits_2_with_one_message(tmp_path: Path) -> None:
    source = write(tmp_path / "act1.fountain", GOOD)
    other = write(tmp_path / "act2.fountain", GOOD)
    write(tmp_path / "blocker", "a file where the directory should be")
    out = str(tmp_path / "blocker" / "o")
    result = run("render", str(source), str(other), "-f", "json", "--out", out)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {out}: cannot create the output directory")
    assert result.stderr.count("\n") == 1, "one message, not one per input"


def test_an_internal_failure_exits_1_and_keeps_the_previous_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import scriptgen.batch

    source = write(tmp_path / "act1.fountain", GOOD)
    out = tmp_path / "out"
    assert run("render", str(source), "-f", "json", "--out", str(out)).exit_code == 0
    previous = (out / "act1.json").read_bytes()

    def broken_renderer(*args: object) -> bytes:
        raise KeyError("page")

    monkeypatch.setattr(scriptgen.batch, "render_document", broken_renderer)
    write(source, GOOD.replace("Night Shift", "Day Shift"))
    result = run("render", str(source), "-f", "json", "--out", str(out), "-j", "1")
    assert result.exit_code == 1
    assert "internal error: KeyError" in result.stderr
    assert "Traceback" not in result.stderr
    assert (out / "act1.json").read_bytes() == previous
    verbose = run("--verbose", "render", str(source), "-f", "json", "--out", str(out), "-j", "1")
    assert "Traceback" in verbose.stderr


# --- standard input and output ----------------------------------------------


def test_stdin_to_stdout(tmp_path: Path) -> None:
    result = run("render", "-", "--format", "json", stdin=GOOD.encode())
    assert result.exit_code == 0, result.output
    assert "Night Shift" in json.dumps(json.loads(result.stdout))
    assert not Path("output").joinpath("stdin.json").exists()


def test_file_to_stdout_with_dash_o(tmp_path: Path) -> None:
    source = write(tmp_path / "act1.fountain", GOOD)
    result = run("render", str(source), "-o", "-", "--format", "fountain")
    assert result.exit_code == 0
    assert "COFFEE SHOP - NIGHT" in result.stdout
    assert result.stderr == ""


def test_stdin_markup_error_names_stdin() -> None:
    result = run("render", "-", "--format", "json", stdin=BROKEN.encode())
    assert result.exit_code == 2
    assert result.stderr.startswith("<stdin>:3:")
    assert result.stdout == ""


def test_dash_o_infers_the_format_from_its_extension(tmp_path: Path) -> None:
    source = write(tmp_path / "act1.fountain", GOOD)
    result = run("render", str(source), "-o", str(tmp_path / "x" / "night.json"))
    assert result.exit_code == 0, result.output
    json.loads((tmp_path / "x" / "night.json").read_text(encoding="utf-8"))
    result = run("render", str(source), "-o", str(tmp_path / "night.rtf"))
    assert result.exit_code == 2


def test_stdin_to_stdout_needs_one_format() -> None:
    result = run("render", "-", stdin=GOOD.encode())
    assert result.exit_code == 2
    assert "standard output can take only one file" in result.stderr


# --- real processes ---------------------------------------------------------


def test_process_exit_statuses(tmp_path: Path) -> None:
    write(tmp_path / "good.fountain", GOOD)
    write(tmp_path / "bad.fountain", BROKEN)
    ok = run_process("render", "good.fountain", "-f", "json", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert (tmp_path / "output" / "good.json").is_file()
    bad = run_process("render", ".", "-f", "json", "--out", "o2", cwd=tmp_path)
    assert bad.returncode == 2
    assert b"bad.fountain:3:" in bad.stderr and b"Traceback" not in bad.stderr
    assert (tmp_path / "o2" / "good.json").is_file()
    missing = run_process("render", "nope.fountain", cwd=tmp_path)
    assert missing.returncode == 2 and b"Traceback" not in missing.stderr


def test_process_pipes_stdin_to_stdout(tmp_path: Path) -> None:
    done = run_process("render", "-", "-f", "json", "-o", "-", cwd=tmp_path, stdin=GOOD.encode())
    assert done.returncode == 0, done.stderr
    assert "Night Shift" in json.dumps(json.loads(done.stdout))
    assert not (tmp_path / "output").exists()


def test_the_process_ends_with_exit_handlers_run_and_output_flushed(tmp_path: Path) -> None:
    """main() skips the interpreter's teardown, but nothing a normal exit does is lost."""
    harness = textwrap.dedent(
        """
        import atexit, sys
        from scriptgen.cli import end_process

        atexit.register(lambda: sys.stdout.write("handler ran\\n"))
        sys.stdout.write("x" * 300_000 + "\\n")  # more than a pipe holds: still buffered
        end_process(sys.argv[1] if sys.argv[1] == "boom" else int(sys.argv[1]))
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for code, status in (("0", 0), ("2", 2), ("boom", 1)):
        done = subprocess.run(
            [sys.executable, "-c", harness, code], capture_output=True, env=env, check=False
        )
        assert done.returncode == status, done.stderr
        assert done.stdout == b"x" * 300_000 + b"\nhandler ran\n"
        assert done.stderr == (b"boom\n" if code == "boom" else b"")
    big = write(tmp_path / "big.fountain", GOOD * 200)
    piped = run_process("render", str(big), "-f", "json", "-o", "-", cwd=tmp_path)
    assert piped.returncode == 0, piped.stderr
    assert len(piped.stdout) > 300_000
    assert json.loads(piped.stdout)["document"]["type"] == "Document"  # complete to the end


def test_a_profiler_still_reports_when_the_command_ends() -> None:
    """With a profiler watching, the process exits the ordinary way so it can print."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-m", "scriptgen", "--version"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert b"function calls" in done.stdout


def test_an_empty_file_is_bad_input_and_keeps_the_previous_output(tmp_path: Path) -> None:
    source = write(tmp_path / "act1.fountain", GOOD)
    first = run_process("render", "act1.fountain", "-f", "pdf", "-o", "act1.pdf", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    before = (tmp_path / "act1.pdf").read_bytes()
    source.write_text("\n  \n", encoding="utf-8")  # the writer saved an emptied file
    done = run_process("render", "act1.fountain", "-f", "pdf", "-o", "act1.pdf", cwd=tmp_path)
    assert done.returncode == 2
    assert b"act1.fountain:1:1: error: this file has no text" in done.stderr
    assert b"Traceback" not in done.stderr
    assert (tmp_path / "act1.pdf").read_bytes() == before


def test_no_color_is_respected(tmp_path: Path) -> None:
    colored = run_process("render", "nope.fountain", cwd=tmp_path, env={"FORCE_COLOR": "1"})
    assert b"\x1b[" in colored.stderr, "FORCE_COLOR shows the colours NO_COLOR must remove"
    plain = run_process(
        "render", "nope.fountain", cwd=tmp_path, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}
    )
    assert plain.returncode == 2
    assert b"\x1b[" not in plain.stderr
    assert b"no such file or directory" in plain.stderr


def test_render_with_no_path_renders_the_seeds(tmp_path: Path) -> None:
    from scriptgen.resources import data_dir

    seeds = sorted(p.stem for p in data_dir("seeds").glob("*.fountain"))
    assert seeds, "the seeds are bundled"
    done = run_process("render", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    found = sorted(p.name for p in (tmp_path / "output").iterdir())
    assert found == sorted(f"{s}.{e}" for s in seeds for e in ("pdf", "docx", "fountain"))
    for seed in seeds:
        assert (tmp_path / "output" / f"{seed}.pdf").read_bytes().startswith(b"%PDF")
        assert f"rendered seeds/{seed}.fountain -> output/{seed}.pdf".encode() in done.stderr


def test_quiet_and_verbose_work_after_the_command_too(tmp_path: Path) -> None:
    source = write(tmp_path / "act1.fountain", GOOD)
    out = str(tmp_path / "o")
    verbose = run("render", str(source), "-f", "json", "--out", out, "-v")
    assert verbose.exit_code == 0 and " s)" in verbose.stderr, verbose.stderr
    assert run("render", str(source), "-f", "json", "--out", out, "-q").stderr == ""
    assert run("-q", "render", str(source), "-f", "json", "-v").exit_code == 2


def test_ctrl_c_stops_a_batch_after_the_files_in_hand(tmp_path: Path) -> None:
    """SIGINT to the process group, as a terminal sends it: exit 130, whole files only."""
    for index in range(400):
        write(tmp_path / "src" / f"s{index:03d}.fountain", GOOD)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "scriptgen", "render", "src", "-f", "json", "--out", "out"],
        cwd=tmp_path,
        env=env,
        stderr=subprocess.PIPE,
        start_new_session=True,
        # A shell may start background jobs with SIGINT ignored; a terminal's Ctrl-C is not.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert wait_until(lambda: out.is_dir() and any(out.iterdir()))
    os.killpg(proc.pid, signal.SIGINT)
    assert proc.stderr is not None
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 130
    assert "interrupted" in stderr and "Traceback" not in stderr
    written = sorted(out.iterdir())
    assert len(written) < 400, "the batch stopped early"
    assert not [p for p in written if p.suffix != ".json"], "no partial files"
    for path in written:
        json.loads(path.read_text(encoding="utf-8"))


def wait_until(condition: Callable[[], bool], timeout: float = 60.0) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_a_terminal_gets_a_progress_bar_and_a_pipe_gets_lines(tmp_path: Path) -> None:
    import io

    from rich.console import Console

    from scriptgen.batch import run_batch
    from scriptgen.cli import Settings
    from scriptgen.cli.render import ResultPrinter, build_jobs, make_render_options

    for name in ("a", "b", "c"):
        write(tmp_path / "src" / f"{name}.fountain", GOOD)
    options = make_render_options(None, None, False, False, {})
    jobs = build_jobs([str(tmp_path / "src")], ["json"], str(tmp_path / "o"), None, options, bytes)
    shown = {}
    for terminal in (True, False):
        log = io.StringIO()
        console = Console(file=log, force_terminal=terminal, width=120, no_color=True)
        printer = ResultPrinter(Settings(), len(jobs), console)
        with printer:
            summary = run_batch(jobs, 1, printer)
        printer.summary(summary)
        shown[terminal] = log.getvalue()
    assert "rendering" in shown[True] and "3/3" in shown[True]
    assert " -> " not in shown[True], "the bar replaces the per-file lines"
    assert shown[False].count(" -> ") == 3 and "rendering" not in shown[False]
    assert "3 rendered (3 files written)" in shown[True]
    assert "3 rendered (3 files written)" in shown[False]


def test_options_reach_the_renderer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import scriptgen.batch
    from scriptgen.renderers.base import RenderOptions

    seen: list[RenderOptions] = []
    real = scriptgen.batch.render_document

    def spy(document: object, fmt: str, options: RenderOptions) -> bytes:
        seen.append(options)
        return real(document, fmt, options)  # type: ignore[arg-type]

    monkeypatch.setattr(scriptgen.batch, "render_document", spy)
    source = write(tmp_path / "act1.fountain", GOOD)
    args = ["render", str(source), "-f", "json", "--out", str(tmp_path / "o"), "-j", "1"]
    assert run(*args).exit_code == 0
    extra = ["--layout", "screenplay-a4", "--paper", "letter", "--with-reports"]
    extra += ["--carry-pagination", "--print-notes", "--no-scene-numbers"]
    assert run(*args, *extra).exit_code == 0
    assert seen[0].layout_name == "treatment", "nobody speaks: a treatment"
    assert seen[1] == RenderOptions(
        layout_name="screenplay-a4",
        paper="letter",
        with_reports=True,
        carry_pagination=True,
        overrides={"print_notes": True, "scene_numbers": False},
    )


def test_a4_paper_reaches_the_pdf(tmp_path: Path) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    source = write(tmp_path / "act1.fountain", GOOD)
    for paper, width in (("a4", 595), ("letter", 612)):
        target = tmp_path / f"{paper}.pdf"
        result = run("render", str(source), "--paper", paper, "-o", str(target))
        assert result.exit_code == 0, result.output
        with pdfplumber.open(target) as pdf:
            assert round(pdf.pages[0].width) == width


def test_a_reader_that_stops_early_is_not_an_error(tmp_path: Path) -> None:
    """``scriptgen render ... -o - | head``: no traceback when the pipe closes early.

    The closed pipe is simulated (a stream raising EPIPE), since not every
    kernel reports a reader that went away at the moment the test needs it.
    """
    source = write(tmp_path / "act1.fountain", GOOD)
    harness = textwrap.dedent(
        f"""
        import errno, sys
        from scriptgen.cli import cli

        class ClosedPipe:
            def write(self, data):
                raise BrokenPipeError(errno.EPIPE, "Broken pipe")
            def flush(self):
                pass

        class Stdout:
            buffer = ClosedPipe()
            def write(self, text):
                raise BrokenPipeError(errno.EPIPE, "Broken pipe")
            def flush(self):
                pass
            def fileno(self):
                return 1

        sys.stdout = Stdout()
        cli.main(["render", {str(source)!r}, "-f", "json", "-o", "-"], prog_name="scriptgen")
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", harness], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "Broken" not in done.stderr


def _modules_after_render(tmp_path: Path, *args: str) -> tuple[set[str], str]:
    """Run ``scriptgen ARGS`` in a fresh interpreter: which heavy modules it imported,
    and what it printed on standard error."""
    harness = textwrap.dedent(
        f"""
        import sys
        # What the interpreter's start-up loaded (site hooks) is not ours. tempfile is not
        # checked: lark's grammar loader imports it for its cache whatever we do.
        before = set(sys.modules)
        from scriptgen.cli import cli

        try:
            cli.main({list(args)!r}, prog_name="scriptgen")
        except SystemExit as exc:
            assert not exc.code, exc.code
        heavy = ("rich", "multiprocessing", "concurrent.futures", "PIL")
        print(",".join(m for m in heavy if m in sys.modules and m not in before))
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", harness],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return set(filter(None, done.stdout.strip().split(","))), done.stderr


def test_one_file_imports_no_pool_no_rich_no_pillow(tmp_path: Path) -> None:
    source = write(tmp_path / "one.fountain", GOOD)
    loaded, said = _modules_after_render(tmp_path, "render", str(source), "-f", "pdf")
    assert loaded == set()
    # The plain success line is still printed, without rich.
    assert said.strip() == f"rendered {source} -> {Path('output') / 'one.pdf'}"
    assert (tmp_path / "output" / "one.pdf").read_bytes().startswith(b"%PDF-")


def test_several_files_run_on_the_pool(tmp_path: Path) -> None:
    for name in ("a", "b"):
        write(tmp_path / "src" / f"{name}.fountain", GOOD)
    loaded, said = _modules_after_render(
        tmp_path, "render", str(tmp_path / "src"), "-f", "fountain", "-j", "2"
    )
    # The summary line is coloured by rich; the pool needs multiprocessing.
    assert {"rich", "multiprocessing", "concurrent.futures"} <= loaded
    assert "2 rendered" in said
