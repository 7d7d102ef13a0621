"""Where rendered files go, and how they get there safely.

Three jobs, kept apart from rendering so that every command (``render``,
``watch``) plans and writes outputs the same way:

* :func:`collect_inputs` turns the command line's PATH arguments (files,
  directories, globs, ``-``) into :class:`Source` entries, each knowing the
  name it should have under ``--out`` (its path relative to the directory or
  glob it was found through), so output names mirror input names.
* :func:`plan_outputs` pairs every source with one target per format and
  refuses, before anything is written, a plan that would write an output
  over an input or two outputs onto one file.
* :func:`atomic_write` writes bytes to a temporary file in the target's own
  directory and renames it into place, so a crash, a kill or a full disk
  never leaves a half-written file and never destroys the previous good one.
"""

from __future__ import annotations

import contextlib
import glob
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import ScriptgenError

__all__ = [
    "EXTENSIONS",
    "STDIO",
    "OutputError",
    "Source",
    "Target",
    "atomic_write",
    "collect_inputs",
    "glob_root",
    "plan_outputs",
    "prepare_directory",
]

#: The name that stands for standard input (as a PATH) or output (as ``-o``).
STDIO = "-"

#: File extension of each output format. Kept here rather than read from the
#: renderer classes so that planning never imports reportlab or python-docx.
EXTENSIONS: dict[str, str] = {
    "pdf": ".pdf",
    "docx": ".docx",
    "fountain": ".fountain",
    "json": ".json",
    "fdx": ".fdx",
}

#: The extension of marked-up sources found in directories.
SOURCE_SUFFIX = ".fountain"


class OutputError(ScriptgenError):
    """A problem with the files named on the command line (missing, unwritable, clashing)."""


@dataclass(frozen=True, slots=True)
class Source:
    """One input to render."""

    path: Path | None
    """The file, or ``None`` for standard input."""
    relative: Path
    """Its name under ``--out``: the path below the directory or glob it was found through."""
    label: str | None = None
    """How messages name it, when not by its path (the bundled seeds)."""

    @property
    def display(self) -> str:
        """How messages name this input."""
        if self.label is not None:
            return self.label
        return "<stdin>" if self.path is None else str(self.path)


@dataclass(frozen=True, slots=True)
class Target:
    """One output file of one source."""

    fmt: str
    """Format name (``pdf``)."""
    path: Path | None
    """Where it goes, or ``None`` for standard output."""

    @property
    def display(self) -> str:
        """How messages name this output."""
        return "<stdout>" if self.path is None else str(self.path)


def glob_root(pattern: str) -> Path:
    """The directory part of ``pattern`` before its first wildcard."""
    parts = Path(pattern).parts
    fixed: list[str] = []
    for part in parts[:-1]:
        if glob.has_magic(part):
            break
        fixed.append(part)
    return Path(*fixed) if fixed else Path()


def _inside(path: Path, directory: Path | None) -> bool:
    """Whether ``path`` lies under ``directory``."""
    if directory is None:
        return False
    return path.resolve().is_relative_to(directory.resolve())


def collect_inputs(paths: Sequence[str], exclude: Path | None = None) -> list[Source]:
    """The sources named by ``paths``: files, directories, globs or ``-``.

    A directory contributes every ``.fountain`` file below it, in sorted
    order, named relative to the directory; hidden files and folders (``.git``,
    ``.venv``) are skipped, as are files under ``exclude`` (the output
    directory: yesterday's Fountain outputs are not today's inputs). A glob
    contributes its matches, named relative to the part of the pattern before
    the first wildcard, under the same rules. A plain file is named by its own
    file name and always taken. The same file named twice is rendered once.

    Raises :class:`OutputError` for a path that does not exist, a glob that
    matches nothing, or a directory holding no ``.fountain`` file.
    """
    sources: list[Source] = []
    seen: set[Path] = set()

    def add(path: Path, relative: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            sources.append(Source(path, relative))

    for arg in paths:
        if arg == STDIO:
            if any(s.path is None for s in sources):
                raise OutputError("standard input ('-') can be read only once")
            sources.append(Source(None, Path("stdin" + SOURCE_SUFFIX)))
            continue
        path = Path(arg)
        if path.is_dir():
            # Rendering the output directory itself, on purpose, is allowed.
            skip = None if _inside(path, exclude) else exclude
            found = sorted(
                p
                for p in path.rglob("*" + SOURCE_SUFFIX)
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and not _inside(p, skip)
            )
            if not found:
                raise OutputError(f"{arg}: no {SOURCE_SUFFIX} files in this directory")
            for file in found:
                add(file, file.relative_to(path))
        elif path.is_file():
            add(path, Path(path.name))
        elif glob.has_magic(arg):
            matches = sorted(Path(m) for m in glob.glob(arg, recursive=True))
            root = glob_root(arg)
            skip = None if _inside(root, exclude) else exclude
            files = [m for m in matches if m.is_file() and not _inside(m, skip)]
            if not files:
                raise OutputError(f"{arg}: no file matches this pattern")
            for file in files:
                add(file, file.relative_to(root))
        elif path.exists():
            raise OutputError(f"{arg}: not a regular file or directory")
        else:
            raise OutputError(f"{arg}: no such file or directory")
    return sources


def _file_id(path: Path) -> tuple[int, int] | None:
    """Device and inode of ``path`` (through links), or ``None`` when it does not exist."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def plan_outputs(
    sources: Sequence[Source],
    formats: Sequence[str],
    out_dir: Path | None,
    output: str | None = None,
) -> list[list[Target]]:
    """One list of targets per source, in the order of ``sources``.

    With ``output`` (``-o``) there must be one source and one format, and the
    target is that file (or standard output for ``-``). Otherwise each source
    goes to ``out_dir / relative`` with the format's extension, or beside
    itself when ``out_dir`` is ``None``; standard input goes to standard
    output unless an ``out_dir`` is given.

    Raises :class:`OutputError` when an output would replace any input, when
    two outputs would land on one file, or when standard output is asked to
    take more than one file.
    """
    if not formats:
        raise OutputError("no output format chosen")
    unknown = [f for f in formats if f not in EXTENSIONS]
    if unknown:
        raise OutputError(
            f"unknown format {unknown[0]!r}; choose from {', '.join(EXTENSIONS)} or all"
        )
    plan: list[list[Target]] = []
    if output is not None:
        if len(sources) != 1 or len(formats) != 1:
            raise OutputError("-o/--output takes one input and one format; use --out DIR for more")
        target = Target(formats[0], None if output == STDIO else Path(output))
        plan.append([target])
    else:
        for source in sources:
            targets: list[Target] = []
            for fmt in formats:
                if source.path is None and out_dir is None:
                    targets.append(Target(fmt, None))
                    continue
                base = out_dir if out_dir is not None else source.path.parent  # type: ignore[union-attr]
                name = source.relative.with_suffix(EXTENSIONS[fmt])
                targets.append(Target(fmt, base / name))
            plan.append(targets)
    _check_plan(sources, plan)
    return plan


def _check_plan(sources: Sequence[Source], plan: Sequence[Sequence[Target]]) -> None:
    """Refuse a plan that writes over an input or writes one file twice."""
    inputs = [s.path for s in sources if s.path is not None]
    to_stdout = [t for targets in plan for t in targets if t.path is None]
    if len(to_stdout) > 1:
        raise OutputError(
            "standard output can take only one file; choose one --format or use --out DIR"
        )
    # One lookup per target, by resolved name and by inode (hard and symbolic links).
    by_name: dict[Path, Path] = {}
    by_id: dict[tuple[int, int], Path] = {}
    for path in inputs:
        by_name[path.resolve()] = path
        file_id = _file_id(path)
        if file_id is not None:
            by_id[file_id] = path
    claimed: dict[Path, str] = {}
    for source, targets in zip(sources, plan, strict=True):
        for target in targets:
            if target.path is None:
                continue
            key = target.path.resolve()
            file_id = _file_id(target.path)
            clash = by_name.get(key) or (by_id.get(file_id) if file_id else None)
            if clash is not None:
                raise OutputError(
                    f"{target.path}: refusing to write the {target.fmt} output of "
                    f"{source.display} over the input {clash}; choose another --out "
                    "directory or -o file"
                )
            if key in claimed:
                raise OutputError(
                    f"{target.path}: both {claimed[key]} and {source.display} would be "
                    "written here; render them into separate --out directories"
                )
            claimed[key] = source.display


def prepare_directory(directory: Path) -> None:
    """Create ``directory`` if needed and make sure files can be written in it.

    Called once before a batch so that an unusable ``--out`` is one clear
    error, not the same failure once per input.
    """
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"{directory}: exists and is not a directory") from None
    except OSError as exc:
        raise OutputError(
            f"{directory}: cannot create the output directory ({_reason(exc)})"
        ) from exc
    if not os.access(directory, os.W_OK | os.X_OK):
        raise OutputError(f"{directory}: cannot write here (permission denied)")


def _default_mode() -> int:
    """The permission bits a newly created file gets under the current umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    The bytes go to a temporary file in ``path``'s own directory (a rename is
    atomic only within one file system), are flushed to disk, and the file is
    renamed over ``path``. If anything fails, the temporary file is removed
    and ``path`` is left as it was. A replaced file keeps its permissions; a
    new one gets the usual permissions for the current umask. Missing parent
    directories are created.

    ``data`` may be bytes or an iterable of byte chunks (written as they come,
    so a generator raising mid-way is handled like any other failure).

    Raises :class:`OutputError` with a plain message when the directory
    cannot be created or written.
    """
    directory = path.parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"{directory}: cannot create the output directory ({_reason(exc)})"
        ) from exc
    if path.is_dir():
        raise OutputError(f"{path}: is a directory, cannot write an output file there")
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mode = _default_mode()
    try:
        fd, temp_name = _create_temporary(path)
    except OSError as exc:
        raise OutputError(f"{directory}: cannot write here ({_reason(exc)})") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes | bytearray | memoryview):
                handle.write(data)
            else:
                for chunk in data:
                    handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException as exc:
        # BaseException too: Ctrl-C mid-write must not leave the .part file behind.
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write the output ({_reason(exc)})") from exc
        raise


def _create_temporary(path: Path) -> tuple[int, str]:
    """Create and open ``.NAME.RANDOM.part`` beside ``path``, readable by its owner only.

    What ``tempfile.mkstemp`` does, without importing :mod:`tempfile` (with
    :mod:`shutil` and :mod:`random`, some 3 ms of every run's start-up).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        name = str(path.parent / f".{path.name}.{os.urandom(6).hex()}.part")
        try:
            return os.open(name, flags, 0o600), name
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def _reason(exc: OSError) -> str:
    """The operating system's words for ``exc``, without Python's decoration."""
    return exc.strerror or str(exc)
