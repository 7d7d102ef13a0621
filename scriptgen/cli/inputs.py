"""Sources named on the command line, for the commands that read files in place.

``check`` and ``fmt`` take files, directories (every ``.fountain`` file below
them) and ``-`` for standard input; a file that cannot be read becomes a
one-line message instead of stopping the others.
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["STDIN", "expand", "read"]

#: The name standing for standard input.
STDIN = "-"


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
    if name == STDIN:
        return sys.stdin.buffer.read()
    try:
        return Path(name).read_bytes()
    except FileNotFoundError:
        return f"{name}: error: no such file"
    except IsADirectoryError:
        return f"{name}: error: is a directory"
    except OSError as exc:
        return f"{name}: error: cannot read it ({exc.strerror or exc})"
