"""Errors and warnings as writers see them.

Every problem with a source file is reported the same way::

    act1.fountain:12:11: error: this boneyard is never closed
       12 | She waits. /* cut this
          |            ^
      hint: close it with */ (it opened on line 12)

:class:`MarkupError` is the one exception type the parser raises for bad
input; :class:`Diagnostic` is a warning from :func:`scriptgen.validate`.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Diagnostic", "MarkupError", "ScriptgenError", "format_problem"]


class ScriptgenError(Exception):
    """Base of every error scriptgen reports to a user without a traceback."""


_SHOWN = 100  # characters of the source line shown around the caret


def _window(text: str, index: int) -> tuple[str, int]:
    """The part of a line to show, made printable, and the caret's place in it."""
    printable = "".join(c if c.isprintable() else " " for c in text)
    if len(printable) <= _SHOWN:
        return printable, index
    start = max(0, min(index - _SHOWN // 2, len(printable) - _SHOWN))
    shown = printable[start : start + _SHOWN]
    caret = index - start
    if start > 0:
        shown, caret = "…" + shown, caret + 1
    if start + _SHOWN < len(printable):
        shown += "…"
    return shown, caret


def format_problem(
    path: str | None,
    line: int,
    column: int,
    source_line: str | None,
    severity: str,
    message: str,
    hint: str | None = None,
) -> str:
    """Render a problem as ``path:line:col: severity: message``, the line, a caret, a hint."""
    where = f"{path or '<input>'}:{line}:{column}"
    out = [f"{where}: {severity}: {message}"]
    if source_line is not None:
        shown, caret = _window(source_line, max(column - 1, 0))
        gutter = f"{line:>5} | "
        out.append(f"{gutter}{shown}")
        out.append(" " * (len(gutter) - 2) + "| " + " " * caret + "^")
    if hint:
        out.append(f"  hint: {hint}")
    return "\n".join(out)


class MarkupError(ScriptgenError):
    """Bad input: names the file, line and column, and says what was expected."""

    def __init__(
        self,
        message: str,
        line: int,
        column: int,
        source_line: str | None = None,
        hint: str | None = None,
        path: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.source_line = source_line
        self.hint = hint
        self.path = path

    def with_path(self, path: str) -> MarkupError:
        """This error, naming ``path`` as its file."""
        self.path = path
        return self

    def format(self) -> str:
        """The full report: location, message, the line with a caret, the hint."""
        return format_problem(
            self.path, self.line, self.column, self.source_line, "error", self.message, self.hint
        )

    def __str__(self) -> str:
        return self.format()


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A warning about a source that still parses."""

    code: str
    """A short stable identifier (``undeclared-name``, ``empty-scene`` …)."""
    message: str
    """What is wrong, in a sentence."""
    line: int
    """1-based line."""
    column: int
    """1-based column."""
    hint: str | None = None
    """What to do about it."""

    def format(self, path: str | None, source_lines: list[str] | None = None) -> str:
        """The warning in the same form as errors."""
        text = None
        if source_lines is not None and 0 < self.line <= len(source_lines):
            text = source_lines[self.line - 1]
        return format_problem(
            path,
            self.line,
            self.column,
            text,
            "warning",
            f"{self.message} [{self.code}]",
            self.hint,
        )
