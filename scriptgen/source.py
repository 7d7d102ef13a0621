"""Reading source files: bytes to clean text, or a clear error.

Handled: a UTF-8 byte-order mark (dropped), CRLF and CR line endings
(normalised to LF). Rejected with file:line:column: invalid UTF-8 (naming the
byte offset) and NUL bytes (binary files).
"""

from __future__ import annotations

from .errors import MarkupError

__all__ = ["decode_source", "normalise_newlines"]

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
