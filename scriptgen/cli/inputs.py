"""Sources named on the command line, for the commands that read files in place.

``check`` and ``fmt`` take files, directories (every ``.fountain`` file below
them) and ``-`` for standard input; a file that cannot be read becomes a
one-line message instead of stopping the others.
"""

from __future__ import annotations

from pathlib import Path

from ..source import STDIN, SourceUnreadable, read_source

__all__ = ["STDIN", "expand", "read"]


def expand(paths: tuple[str, ...]) -> list[str]:
    """File names in order: directories replaced by the ``.fountain`` files below them."""
    found: list[str] = []
    for name in paths:
        path = Path(name)
        if name != STDIN and path.is_dir():
            found.extend(str(p) for p in sorted(path.rglob("*.fountain")))
        else:
            found.append(name)
    return found


def read(name: str) -> bytes | str:
    """The bytes of file ``name`` (or standard input), or a one-line error message."""
    try:
        return read_source(name)
    except SourceUnreadable as exc:
        return f"{exc.name}: error: {exc.reason}"
