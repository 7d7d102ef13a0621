"""Reading source files: bytes to clean text, or a clear error.

Handled: a UTF-8 byte-order mark (dropped), CRLF and CR line endings
(normalised to LF). Rejected with file:line:column: invalid UTF-8 (naming the
byte offset) and NUL bytes (binary files).
"""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import MarkupError, ScriptgenError

__all__ = ["STDIN", "SourceUnreadable", "decode_source", "normalise_newlines", "read_source"]

#: The file name that stands for standard input.
STDIN = "-"


class SourceUnreadable(ScriptgenError):
    """A source file that cannot be read at all (missing, a directory, no permission)."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        """The file as the user named it."""
        self.reason = reason
        """What is wrong, in a few words."""


def read_source(name: str | Path) -> bytes:
    """The bytes of source file ``name`` (``-``: standard input).

    Raises :class:`SourceUnreadable` with a short reason when the file cannot
    be read, so every command words the problem the same way.
    """
    if str(name) == STDIN:
        return sys.stdin.buffer.read()
    try:
        return Path(name).read_bytes()
    except FileNotFoundError:
        raise SourceUnreadable(str(name), "no such file") from None
    except IsADirectoryError:
        raise SourceUnreadable(str(name), "is a directory") from None
    except OSError as exc:
        raise SourceUnreadable(str(name), f"cannot read it ({exc.strerror or exc})") from None


_BOM = "\ufeff"


def normalise_newlines(text: str) -> str:
    """Text with CRLF and lone CR turned into LF, and a leading BOM dropped."""
    if text.startswith(_BOM):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _position(data: bytes, offset: int) -> tuple[int, int, str]:
    """Line, column and line text (decoded leniently) of byte ``offset``."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line_end = data.find(b"\n", offset)
    if line_end < 0:
        line_end = len(data)
    line = data.count(b"\n", 0, offset) + 1
    prefix = data[line_start:offset].decode("utf-8", errors="replace")
    text = data[line_start:line_end].decode("utf-8", errors="replace").rstrip("\r")
    return line, len(prefix) + 1, text


def decode_source(data: bytes, path: str | None = None) -> str:
    """Decode a source file's bytes as UTF-8 text with LF line endings.

    Raises :class:`MarkupError` for invalid UTF-8 or NUL bytes.
    """
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column, text = _position(data, nul)
        raise MarkupError(
            f"this file holds a NUL byte (at byte {nul}); it looks like a binary file, not text",
            line,
            column,
            text.replace("\x00", " "),
            hint="scriptgen reads plain-text Fountain files saved as UTF-8",
            path=path,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column, shown = _position(data, exc.start)
        raise MarkupError(
            f"invalid UTF-8 at byte {exc.start} (byte 0x{data[exc.start]:02x})",
            line,
            column,
            shown,
            hint="save the file as UTF-8 (most editors offer it under 'Save with encoding')",
            path=path,
        ) from None
    return normalise_newlines(text)
