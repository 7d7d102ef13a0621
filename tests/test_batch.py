"""Output planning, atomic writes and batch rendering (scriptgen.outputs, scriptgen.batch)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from samples import BROKEN, GOOD, write

from scriptgen.batch import AUTO_LAYOUT, Job, Status, choose_layout, run_batch, run_job
from scriptgen.outputs import (
    OutputError,
    Source,
    Target,
    atomic_write,
    collect_inputs,
    plan_outputs,
)
from scriptgen.renderers.base import RenderOptions

# --- collecting inputs ------------------------------------------------------


def test_directory_inputs_are_named_relative_to_the_directory(tmp_path: Path) -> None:
    write(tmp_path / "drafts" / "act1.fountain", GOOD)
    write(tmp_path / "drafts" / "part2" / "act2.fountain", GOOD)
    write(tmp_path / "drafts" / "notes.txt", "not a source")
    sources = collect_inputs([str(tmp_path / "drafts")])
    assert [s.relative for s in sources] == [Path("act1.fountain"), Path("part2/act2.fountain")]


def test_glob_inputs_are_named_relative_to_the_glob_root(tmp_path: Path) -> None:
    write(tmp_path / "a" / "x" / "one.fountain", GOOD)
    write(tmp_path / "a" / "y" / "two.fountain", GOOD)
    sources = collect_inputs([str(tmp_path / "a" / "**" / "*.fountain")])
    assert sorted(s.relative for s in sources) == [Path("x/one.fountain"), Path("y/two.fountain")]


def test_a_file_named_twice_is_rendered_once(tmp_path: Path) -> None:
    path = write(tmp_path / "act1.fountain", GOOD)
    assert len(collect_inputs([str(path), str(tmp_path)])) == 1


def test_the_output_directory_is_not_searched_for_inputs(tmp_path: Path) -> None:
    write(tmp_path / "act1.fountain", GOOD)
    write(tmp_path / "output" / "act1.fountain", GOOD)
    sources = collect_inputs([str(tmp_path)], exclude=tmp_path / "output")
    assert [s.relative for s in sources] == [Path("act1.fountain")]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing.fountain", "no such file"),
        ("*.nothing", "no file matches"),
        ("empty", "no .fountain"),
    ],
)
def test_bad_paths_are_clear_errors(tmp_path: Path, name: str, message: str) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(OutputError, match=message):
        collect_inputs([str(tmp_path / name)])


# --- planning outputs -------------------------------------------------------


def test_outputs_mirror_input_names_under_out(tmp_path: Path) -> None:
    sources = [Source(tmp_path / "d" / "p" / "a.fountain", Path("p/a.fountain"))]
    plan = plan_outputs(sources, ["pdf", "json"], tmp_path / "out")
    assert plan == [
        [
            Target("pdf", tmp_path / "out" / "p" / "a.pdf"),
            Target("json", tmp_path / "out" / "p" / "a.json"),
        ]
    ]


def test_an_output_over_its_own_input_is_refused(tmp_path: Path) -> None:
    source = write(tmp_path / "act1.fountain", GOOD)
    with pytest.raises(OutputError, match="refusing to write"):
        plan_outputs([Source(source, Path("act1.fountain"))], ["fountain"], None)
    with pytest.raises(OutputError, match="refusing to write"):
        plan_outputs([Source(source, Path("act1.fountain"))], ["fountain"], tmp_path)
    with pytest.raises(OutputError, match="refusing to write"):
        plan_outputs([Source(source, Path("act1.fountain"))], ["pdf"], None, str(source))


def test_an_output_through_a_symlink_to_the_input_is_refused(tmp_path: Path) -> None:
    source = write(tmp_path / "act1.fountain", GOOD)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "act1.fountain").symlink_to(source)
    with pytest.raises(OutputError, match="refusing to write"):
        plan_outputs([Source(source, Path("act1.fountain"))], ["fountain"], tmp_path / "out")


def test_two_inputs_with_one_output_name_are_refused(tmp_path: Path) -> None:
    sources = [
        Source(tmp_path / "a" / "act1.fountain", Path("act1.fountain")),
        Source(tmp_path / "b" / "act1.fountain", Path("act1.fountain")),
    ]
    with pytest.raises(OutputError, match="both"):
        plan_outputs(sources, ["pdf"], tmp_path / "out")


def test_dash_o_takes_one_input_and_one_format(tmp_path: Path) -> None:
    source = Source(tmp_path / "a.fountain", Path("a.fountain"))
    with pytest.raises(OutputError, match="one input and one format"):
        plan_outputs([source], ["pdf", "docx"], None, str(tmp_path / "x.pdf"))
    assert plan_outputs([source], ["pdf"], None, "-") == [[Target("pdf", None)]]


# --- atomic writes ----------------------------------------------------------


def test_atomic_write_replaces_and_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "er" / "a.pdf"
    atomic_write(target, b"first")
    target.chmod(0o640)
    atomic_write(target, b"second")
    assert target.read_bytes() == b"second"
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.pdf"]


def test_a_write_failing_mid_way_keeps_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "a.pdf"
    atomic_write(target, b"good old output")

    def chunks() -> Iterator[bytes]:
        yield b"half of a new "
        raise RuntimeError("renderer crashed")

    with pytest.raises(RuntimeError):
        atomic_write(target, chunks())
    assert target.read_bytes() == b"good old output"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"], "the temporary file is removed"


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs Linux /proc")
def test_an_unwritable_directory_is_a_clear_error() -> None:
    # /proc refuses new files even to root, unlike a chmod-ed directory.
    with pytest.raises(OutputError, match="cannot write here"):
        atomic_write(Path("/proc/a.pdf"), b"x")


def test_a_file_in_the_way_of_the_directory_is_a_clear_error(tmp_path: Path) -> None:
    write(tmp_path / "out", "a file, not a directory")
    with pytest.raises(OutputError, match="cannot create the output directory"):
        atomic_write(tmp_path / "out" / "a.pdf", b"x")


def test_a_process_killed_while_writing_leaves_the_previous_output(tmp_path: Path) -> None:
    """SIGKILL half-way through a large write: the old file stays whole and in place."""
    target = tmp_path / "big.pdf"
    old = b"%PDF-1.4 the previous good output\n" * 1000
    target.write_bytes(old)
    writer = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from scriptgen.outputs import atomic_write

        def chunks():
            for i in range(10_000):
                yield b"x" * 65536
                if i == 10:
                    print("writing", flush=True)
                    time.sleep(60)

        atomic_write(Path({str(target)!r}), chunks())
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", writer],
        stdout=subprocess.PIPE,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == b"writing"
    partial = [p for p in tmp_path.iterdir() if p.name != "big.pdf"]
    assert partial and partial[0].stat().st_size >= 10 * 65536, "the new bytes go elsewhere"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert target.read_bytes() == old


# --- rendering jobs ---------------------------------------------------------


def job(path: Path, out: Path, formats: tuple[str, ...] = ("json",)) -> Job:
    """A job rendering ``path`` into ``out``."""
    source = Source(path, Path(path.name))
    targets = plan_outputs([source], list(formats), out)[0]
    return Job(source, tuple(targets), RenderOptions())


def test_a_broken_file_among_good_ones_fails_alone(tmp_path: Path) -> None:
    names = ["a", "b", "broken", "c"]
    for name in names:
        write(tmp_path / f"{name}.fountain", BROKEN if name == "broken" else GOOD)
    jobs = [job(tmp_path / f"{n}.fountain", tmp_path / "out") for n in names]
    seen: list[str] = []
    summary = run_batch(jobs, workers=2, on_result=lambda r: seen.append(r.source))
    assert [r.status for r in summary.results] == [
        Status.OK,
        Status.OK,
        Status.BAD_INPUT,
        Status.OK,
    ]
    assert (summary.rendered, summary.bad_input, summary.failed) == (3, 1, 0)
    assert summary.exit_code == 2
    assert sorted(seen) == sorted(str(tmp_path / f"{n}.fountain") for n in names)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.json", "b.json", "c.json"]
    message = summary.results[2].message or ""
    assert message.startswith(f"{tmp_path / 'broken.fountain'}:3:"), message
    assert "^" in message and "Traceback" not in message


def test_pool_and_in_process_runs_write_the_same_outputs(tmp_path: Path) -> None:
    for index in range(6):
        write(tmp_path / "src" / f"s{index}.fountain", GOOD.replace("Night Shift", f"N{index}"))
    sources = collect_inputs([str(tmp_path / "src")])
    for workers, out in ((1, "one"), (3, "three")):
        jobs = [job(s.path, tmp_path / out) for s in sources if s.path]
        assert run_batch(jobs, workers=workers).exit_code == 0
    for index in range(6):
        one = (tmp_path / "one" / f"s{index}.json").read_bytes()
        assert one == (tmp_path / "three" / f"s{index}.json").read_bytes()
        assert f"N{index}".encode() in one


def test_an_internal_failure_is_one_line_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import scriptgen.batch

    def explode(*args: object) -> bytes:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(scriptgen.batch, "render_document", explode)
    write(tmp_path / "a.fountain", GOOD)
    summary = run_batch([job(tmp_path / "a.fountain", tmp_path / "out")], workers=1)
    result = summary.results[0]
    assert result.status is Status.FAILED and summary.exit_code == 1
    assert result.message is not None and "\n" not in result.message
    assert "ZeroDivisionError" in result.message
    assert result.detail is not None and "Traceback" in result.detail
    assert not (tmp_path / "out").exists()


def test_a_missing_input_is_bad_input(tmp_path: Path) -> None:
    result = run_job(job(tmp_path / "gone.fountain", tmp_path / "out"))
    assert result.status is Status.BAD_INPUT
    assert result.message == f"{tmp_path / 'gone.fountain'}: no such file"


def test_layout_is_chosen_from_the_document() -> None:
    from scriptgen.parser import parse

    assert choose_layout(parse(GOOD)) == "treatment"
    assert choose_layout(parse(".ROOF - DAY\n\nMIA\nHello.\n")) == "screenplay"
    assert RenderOptions(layout_name=AUTO_LAYOUT).layout_name == "auto"


def dies_on_b(item: Job) -> object:
    """run_job, except that the worker process dies outright on ``b.fountain``."""
    if item.source.path is not None and item.source.path.name == "b.fountain":
        time.sleep(0.2)
        os.kill(os.getpid(), signal.SIGKILL)
    return run_job(item)


def test_a_dead_worker_fails_its_job_not_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker killed outright is reported as a failure, never a hang or a traceback."""
    import scriptgen.batch

    write(tmp_path / "a.fountain", GOOD)
    write(tmp_path / "b.fountain", GOOD)
    monkeypatch.setattr(scriptgen.batch, "run_job", dies_on_b)
    jobs = [job(tmp_path / n, tmp_path / "o") for n in ("a.fountain", "b.fountain")]
    summary = run_batch(jobs, workers=2)
    assert summary.exit_code == 1
    assert summary.results[1].status is Status.FAILED
    assert "stopped unexpectedly" in (summary.results[1].message or "")


def test_a_hard_link_to_the_input_is_refused(tmp_path: Path) -> None:
    source = write(tmp_path / "act1.fountain", GOOD)
    (tmp_path / "out").mkdir()
    os.link(source, tmp_path / "out" / "act1.fountain")
    with pytest.raises(OutputError, match="refusing to write"):
        plan_outputs([Source(source, Path("act1.fountain"))], ["fountain"], tmp_path / "out")


def test_hidden_folders_are_not_searched(tmp_path: Path) -> None:
    write(tmp_path / "act1.fountain", GOOD)
    write(tmp_path / ".venv" / "lib" / "seeds" / "seed.fountain", GOOD)
    write(tmp_path / "drafts" / ".act1.fountain", GOOD)
    sources = collect_inputs([str(tmp_path)])
    assert [s.relative for s in sources] == [Path("act1.fountain")]
    assert len(collect_inputs([str(tmp_path / "drafts" / ".act1.fountain")])) == 1


def test_a_missing_format_module_is_an_internal_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import scriptgen.renderers

    monkeypatch.setitem(scriptgen.renderers.FORMATS, "json", "no_such_module:JsonRenderer")
    write(tmp_path / "a.fountain", GOOD)
    result = run_job(job(tmp_path / "a.fountain", tmp_path / "out"))
    assert result.status is Status.FAILED
    assert result.message == (
        f"{tmp_path / 'a.fountain'}: the json format is not available in this installation"
    )


def test_a_new_output_gets_the_umask_permissions_and_no_temporary_is_left(
    tmp_path: Path,
) -> None:
    import os

    old = os.umask(0o027)
    try:
        atomic_write(tmp_path / "a.pdf", b"x")
        atomic_write(tmp_path / "b.pdf", [b"y", b"z"])
    finally:
        os.umask(old)
    assert (tmp_path / "a.pdf").stat().st_mode & 0o777 == 0o640
    assert (tmp_path / "b.pdf").read_bytes() == b"yz"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf", "b.pdf"]
