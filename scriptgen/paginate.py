"""The paginator shared by every paged output (PDF, DOCX with carried breaks, reports).

:func:`paginate` wraps each :class:`~scriptgen.flow.FlowBlock` to its layout
element's character grid, counts lines (``blank_before`` included, never at
the top of a page) and breaks pages by the screenplay rules:

* a scene heading (any ``keep_with_next`` block) never ends a page: it moves
  with what follows;
* a transition never starts a page: the block before it comes along;
* action splits only at a sentence end with at least two lines on each side,
  otherwise the paragraph moves;
* a character cue keeps at least two lines of its dialogue (a parenthetical
  counts); dialogue splits at a sentence end with ``(MORE)`` under the last
  line and the cue repeated with `` (CONT'D)`` on the next page;
* lyrics paginate like dialogue, splitting between sung lines;
* dual dialogue moves whole to the next page;
* forced page breaks; optional scene continueds.

Every page break is recorded with the rule that placed it;
:meth:`Pagination.explain` prints them for writers.  The result is a pure
function of the flow and the layout.  docs/pagination.md has the details.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_right
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from .flow import FlowBlock, Line, SceneRef, StyledRun, line_text
from .layout import ElementStyle, Layout

__all__ = [
    "Break",
    "Page",
    "Pagination",
    "PlacedLine",
    "ScenePages",
    "format_eighths",
    "paginate",
    "scene_pages",
    "wrap",
]

# ---------------------------------------------------------------------------
# Public result types
# ---------------------------------------------------------------------------


# Not frozen: a frozen dataclass sets each of its fourteen fields through
# object.__setattr__, which made building the lines of a long script the
# paginator's largest cost (about five times slower). The paginator never
# changes a line once placed, and the lines stay hashable as before.
@dataclass(slots=True, unsafe_hash=True)
class PlacedLine:
    """One printed line on a page, positioned on the character grid (read-only by convention)."""

    kind: str
    """The layout element that sets it (a key of ``layout.ELEMENT_NAMES``)."""
    runs: Line
    """The styled text (layout capitals applied; the element's own emphasis is not)."""
    row: int
    """Line index on the page, 0 at the top margin (blank lines count)."""
    x: float
    """Where the text starts, in inches from the paper's left edge (alignment applied)."""
    align: str = "left"
    """The element's alignment: ``left``, ``right`` or ``center``."""
    left: float = 0.0
    """Left edge of the element's column, inches."""
    right: float = 0.0
    """Right edge of the element's column, inches (for right or centred text)."""
    role: str = ""
    """``""`` for text from the source; ``more``, ``contd`` (a repeated cue),
    ``continued_top`` or ``continued_bottom`` for lines the paginator adds."""
    column: int = 0
    """0 normally; 1 and 2 for the left and right columns of dual dialogue."""
    block: int = -1
    """Index of the flow block the line comes from (-1 for scene continueds)."""
    scene: SceneRef | None = None
    """The scene the line sits in."""
    scene_label: str | None = None
    """The scene number, on the first line of a scene heading only."""
    starts_scene: bool = False
    """True on the first line of the block that opens a scene (for bookmarks)."""
    starts_act: bool = False
    """True on the first line of the block that opens an act (for bookmarks)."""

    @property
    def text(self) -> str:
        """The plain characters."""
        return line_text(self.runs)


@dataclass(slots=True)
class Page:
    """One body page."""

    number: int
    """Body page number, from 1."""
    lines: list[PlacedLine] = field(default_factory=list)
    """Placed lines, top to bottom (dual dialogue columns share rows)."""
    label: str | None = None
    """The page number as printed (``"2."``), or ``None`` when the page shows none."""

    @property
    def text(self) -> str:
        """Every line's text, one per line, for tests and debugging."""
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True, slots=True)
class Break:
    """Why a page ended where it did."""

    page: int
    """The page that ends here."""
    rule: str
    """A short code: ``forced``, ``full``, ``keep_with_next``, ``action_split``,
    ``action_moved``, ``dialogue_split``, ``dialogue_moved``, ``lyrics_split``,
    ``lyrics_moved``, ``transition``, ``dual_moved``, ``moved``, ``oversize``."""
    block: int
    """Index of the flow block the rule moved or split."""
    message: str
    """The explanation in words."""


@dataclass(slots=True)
class Pagination:
    """Pages and the record of every break."""

    layout: Layout
    """The layout the pages were set in."""
    flow: list[FlowBlock]
    """The flow that was paginated."""
    pages: list[Page]
    """The body pages, in order."""
    breaks: list[Break]
    """One entry per page break."""

    @property
    def page_count(self) -> int:
        """Number of body pages."""
        return len(self.pages)

    def explain(self) -> list[str]:
        """One readable sentence per page break, in order."""
        return [f"page {b.page}: {b.message}" for b in self.breaks]


@dataclass(frozen=True, slots=True)
class ScenePages:
    """Where a scene sits in the pagination (for reports)."""

    scene: SceneRef
    """The scene."""
    first_page: int
    """Page its first line is on."""
    last_page: int
    """Page its last line is on."""
    lines: int
    """Lines it occupies, counted from its first to its last line on each page."""
    eighths: int
    """Its length in eighths of a page (at least 1)."""


# ---------------------------------------------------------------------------
# Wrapping
# ---------------------------------------------------------------------------


def _slice(line: Line, start: int, end: int) -> Line:
    """The runs covering characters ``start:end`` of the line's text."""
    if len(line) == 1:
        # Most lines are one run: slice it without the general walk.
        run = line[0]
        text = run.text
        end = min(end, len(text))
        if start >= end:
            return ()
        if start == 0 and end == len(text):
            return line
        return (StyledRun(text[start:end], run.bold, run.italic, run.underline),)
    out: list[StyledRun] = []
    pos = 0
    for run in line:
        n = len(run.text)
        lo, hi = max(start, pos), min(end, pos + n)
        if lo < hi:
            out.append(
                run if (lo, hi) == (pos, pos + n) else run.with_text(run.text[lo - pos : hi - pos])
            )
        pos += n
        if pos >= end:
            break
    return tuple(out)


def _wrap_ranges(text: str, width: int, hang: int = 0) -> list[tuple[int, int]]:
    """Greedy word wrap: ``(start, end)`` of each printed line (trailing spaces cut)."""
    n = len(text.rstrip())
    if n <= width:
        return [(0, n)]
    ranges: list[tuple[int, int]] = []
    pos = 0
    limit = width
    # Places just after a breakable dash, found once per text (most texts
    # have no dash at all, and the plain ``in`` tests are much cheaper).
    dashes = (
        [m.end() for m in _DASH_BREAK.finditer(text)]
        if "-" in text or "\u2010" in text or "\u2013" in text or "\u2014" in text
        else []
    )
    while pos < n:
        if n - pos <= limit:
            ranges.append((pos, n))
            break
        cut = text.rfind(" ", pos, pos + limit + 1)
        dash = -1
        if dashes:
            k = bisect_right(dashes, pos + limit) - 1
            if k >= 0 and dashes[k] > pos:
                dash = dashes[k]
        if dash > cut:
            # Break after a hyphen or dash inside a word, as word processors do.
            end = nxt = dash
        elif cut <= pos or not text[pos:cut].strip():
            # No space, or only the leading indentation: cut the word.
            end = nxt = pos + limit
        else:
            end = nxt = cut
        while end > pos and text[end - 1] == " ":
            end -= 1
        ranges.append((pos, end))
        while nxt < n and text[nxt] == " ":
            nxt += 1
        pos = nxt
        limit = max(1, width - hang)
    return ranges


#: A dash a line may end on: after a printed character, before one that is
#: neither a space nor another dash (``up-`` / ``river``; ``--`` stays whole).
_DASH_BREAK = re.compile(r"(?<=\S)[-\u2010\u2013\u2014](?=[^\s\-\u2010\u2013\u2014])")


def wrap(line: Line, width: int, hang: int = 0) -> list[Line]:
    """Wrap a styled line to ``width`` characters; lines after the first are ``hang`` shorter."""
    text = line_text(line)
    ranges = _wrap_ranges(text, width, hang)
    if len(ranges) == 1 and ranges[0] == (0, len(text)):
        return [line]
    return [_slice(line, a, b) for a, b in ranges]


def _count(line: Line, width: int, hang: int) -> int:
    return len(_wrap_ranges(line_text(line), width, hang))


# ---------------------------------------------------------------------------
# Sentence ends
# ---------------------------------------------------------------------------

#: A sentence end inside a line: ``.``, ``!`` or ``?`` (closing quotes and
#: brackets allowed) followed by a space and more text.
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+\S)")
_ABBREVIATIONS = frozenset(
    ("mr", "mrs", "ms", "dr", "st", "jr", "sr", "mt", "ft", "vs", "etc", "no", "prof", "gen")
)
_LINE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s*$")


def _sentence_offsets(text: str) -> list[tuple[int, int]]:
    """``(end of head, start of tail)`` for each sentence end inside ``text``."""
    out = []
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        tail = end
        while tail < len(text) and text[tail].isspace():
            tail += 1
        if tail >= len(text) or text[tail].islower():
            continue
        if m.group().startswith("."):
            word = re.search(r"(\w+)$", text[: m.start()])
            if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
                continue
        out.append((end, tail))
    return out


# ---------------------------------------------------------------------------
# Paragraphs: wrapped text that knows where it may split
# ---------------------------------------------------------------------------

PROSE, VERSE, WHOLE = "prose", "verse", "whole"


@dataclass(slots=True)
class _Row:
    """A wrapped line before it has a page and a row.

    Where it prints across the page (``x``, inches) is known once it is
    wrapped, so placing it on a page only adds the row.
    """

    style: str
    runs: Line
    role: str
    block: int
    column: int
    x: float
    geo: _Geometry

    def placed(
        self,
        at: int,
        scene: SceneRef | None,
        label: str | None = None,
        starts_scene: bool = False,
        starts_act: bool = False,
    ) -> PlacedLine:
        """The line set on row ``at`` of a page."""
        geo = self.geo
        # Positional: keywords cost a third more on the paginator's busiest line.
        return PlacedLine(
            self.style,
            self.runs,
            at,
            self.x,
            geo.align,
            geo.left,
            geo.right,
            self.role,
            self.column,
            self.block,
            scene,
            label,
            starts_scene,
            starts_act,
        )


@dataclass(slots=True)
class _Geometry:
    """Where a style sets its lines: column and width (dual columns differ)."""

    left: float
    width: int
    hang: int
    align: str
    right: float
    inch: float
    """Width of one grid character, inches."""
    column: int = 0
    starts: tuple[float, float] = field(init=False)
    """Where a left-aligned first line and its wrapped lines start (see ``fixed``)."""

    def __post_init__(self) -> None:
        self.starts = (self.x(0), self.x(0, self.hang))

    def x(self, width: int, indent: int = 0) -> float:
        """Where a line of ``width`` characters starts, indented ``indent``, in inches."""
        if self.align == "right":
            x = self.right - width * self.inch
        elif self.align == "center":
            x = self.left + max(0.0, (self.width - width) / 2) * self.inch
        else:
            x = self.left + indent * self.inch
        return round(x, 4)

    @property
    def fixed(self) -> bool:
        """True when every line starts at the same place whatever its width (left-aligned)."""
        return self.align not in ("right", "center")


class _Para:
    """Source lines of one element, wrapped, with the places it may split."""

    __slots__ = ("block", "geo", "lines", "mode", "rows", "style")

    def __init__(
        self, style: str, lines: Sequence[Line], geo: _Geometry, mode: str, block: int
    ) -> None:
        self.style = style
        self.lines = list(lines)
        self.geo = geo
        self.mode = mode
        self.block = block
        self.rows = self._rows(self.lines)

    def _rows(self, lines: Sequence[Line]) -> list[_Row]:
        geo = self.geo
        style, block, column, width, hang = self.style, self.block, geo.column, geo.width, geo.hang
        # Left-aligned lines start at one of two places, whatever their width.
        fixed = geo.fixed
        first_x, hang_x = geo.starts
        rows = []
        for line in lines:
            text = "".join([run.text for run in line])
            if len(text) <= width and not text[-1:].isspace():
                # Most lines fit as they are: skip the wrapper (same result).
                x = first_x if fixed else geo.x(len(text))
                rows.append(_Row(style, line, "", block, column, x, geo))
                continue
            # A piece covering characters a:b of the text prints b - a of them.
            for i, (a, b) in enumerate(_wrap_ranges(text, width, hang)):
                piece = line if (a, b) == (0, len(text)) else _slice(line, a, b)
                indent = hang if i else 0
                x = (hang_x if i else first_x) if fixed else geo.x(b - a, indent)
                rows.append(_Row(style, piece, "", block, column, x, geo))
        return rows

    def _count(self, lines: Sequence[Line]) -> int:
        return sum(_count(line, self.geo.width, self.geo.hang) for line in lines)

    def splits(self) -> Iterator[tuple[int, int, list[Line], list[Line]]]:
        """Legal splits in order: ``(head rows, tail rows, head lines, tail lines)``."""
        if self.mode == WHOLE:
            return
        lines = self.lines
        counts = [_count(line, self.geo.width, self.geo.hang) for line in lines]
        total = sum(counts)
        before = 0
        for li, line in enumerate(lines):
            text = line_text(line)
            if self.mode == PROSE:
                for end, start in _sentence_offsets(text):
                    head = [*lines[:li], _slice(line, 0, end)]
                    tail = [_slice(line, start, len(text)), *lines[li + 1 :]]
                    h = before + _count(head[-1], self.geo.width, self.geo.hang)
                    yield h, self._count(tail), head, tail
            before += counts[li]
            if li + 1 < len(lines) and self._line_break_ok(li):
                head, tail = _trim(lines[: li + 1], lines[li + 1 :])
                if head and tail:
                    yield (
                        self._count(head),
                        total - before - _blank_rows(lines[li + 1 :]),
                        head,
                        tail,
                    )

    def _line_break_ok(self, li: int) -> bool:
        if self.mode == VERSE:
            return True
        text, nxt = line_text(self.lines[li]), line_text(self.lines[li + 1])
        return not text.strip() or not nxt.strip() or bool(_LINE_END.search(text))

    def piece(self, lines: list[Line]) -> _Para:
        """A paragraph of some of these lines, set the same way."""
        return _Para(self.style, lines, self.geo, self.mode, self.block)


def _blank_rows(lines: Sequence[Line]) -> int:
    n = 0
    for line in lines:
        if line_text(line).strip():
            break
        n += 1
    return n


def _trim(head: Sequence[Line], tail: Sequence[Line]) -> tuple[list[Line], list[Line]]:
    """Drop blank lines at the foot of the head and the top of the tail."""
    h, t = list(head), list(tail)
    while h and not line_text(h[-1]).strip():
        h.pop()
    while t and not line_text(t[0]).strip():
        t.pop(0)
    return h, t


# ---------------------------------------------------------------------------
# Measured blocks
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Split:
    """A chosen split of a block: rows for this page, the block rest for the next."""

    head: list[list[_Row]]
    rest: _Unit
    rule: str
    message: str


class _Unit:
    """A flow block (or its remainder) ready to place: rows, and how it may split."""

    kind = "block"

    def __init__(self, index: int, block: FlowBlock, blank: int) -> None:
        self.index = index
        self.block = block
        self.blank = blank

    def slots(self) -> list[list[_Row]]:
        """The block's rows; each slot is one page row (two rows side by side for dual)."""
        raise NotImplementedError

    @property
    def height(self) -> int:
        """Rows without the blank lines before."""
        return len(self.slots())

    def min_head(self) -> int:
        """Fewest rows a legal split leaves on this page (``height`` if it cannot split)."""
        return self.height

    def split(self, room: int) -> _Split | None:
        """The largest legal split whose head takes at most ``room`` rows."""
        return None

    def force(self, room: int) -> _Split:
        """Cut the block after ``room`` rows, rules aside (for blocks taller than a page)."""
        slots = self.slots()
        return _Split(
            slots[:room],
            _Slots(self.index, self.block, 0, slots[room:]),
            "oversize",
            f"{_describe(self.block)} is taller than a page and was cut at its foot",
        )


class _Slots(_Unit):
    """Fixed rows that never split (headings, transitions, dual dialogue, remnants)."""

    def __init__(self, index: int, block: FlowBlock, blank: int, slots: list[list[_Row]]) -> None:
        super().__init__(index, block, blank)
        self._slots = slots

    def slots(self) -> list[list[_Row]]:
        return self._slots


class _Text(_Unit):
    """Action, standalone lyrics, centered text: one paragraph."""

    def __init__(self, index: int, block: FlowBlock, blank: int, para: _Para) -> None:
        super().__init__(index, block, blank)
        self.para = para
        self._slots = [[row] for row in para.rows]

    def slots(self) -> list[list[_Row]]:
        return self._slots

    def _legal(self) -> Iterator[tuple[int, int, list[Line], list[Line]]]:
        for h, t, head, tail in self.para.splits():
            if h >= 2 and t >= 2:
                yield h, t, head, tail

    def min_head(self) -> int:
        for h, _t, _head, _tail in self._legal():
            return min(h, self.height)
        return self.height

    def split(self, room: int) -> _Split | None:
        best = None
        for h, _t, head, tail in self._legal():
            if h > room:
                break
            best = (h, head, tail)
        if best is None:
            return None
        h, head, tail = best
        head_para = self.para.piece(head)
        rest = _Text(self.index, self.block, 0, self.para.piece(tail))
        what = "lyrics" if self.block.kind == "lyrics" else "action"
        where = "between sung lines" if self.para.mode == VERSE else "at a sentence end"
        return _Split(
            [[r] for r in head_para.rows],
            rest,
            f"{what}_split",
            f"{_describe(self.block)} split {where}: {len(head_para.rows)} lines here, "
            f"{rest.height} on the next page",
        )


#: Where a dialogue group is cut: part index, then the part's head and tail
#: lines, or ``None`` twice for a cut after the whole part.
_Cut = tuple[int, list[Line] | None, list[Line] | None]


class _Group(_Unit):
    """A dialogue group: cue, then parentheticals, speech and lyrics."""

    def __init__(
        self,
        index: int,
        block: FlowBlock,
        blank: int,
        cue: _Para,
        parts: list[_Para],
        layout: Layout,
        continued: bool = False,
    ) -> None:
        super().__init__(index, block, blank)
        self.cue = cue
        self.parts = parts
        self.layout = layout
        self.continued = continued
        self._slots = [[r] for r in cue.rows] + [[r] for p in parts for r in p.rows]

    def slots(self) -> list[list[_Row]]:
        return self._slots

    def _candidates(self) -> Iterator[tuple[int, int, _Cut]]:
        """Splits in order: ``(head content rows, tail content rows, where)``.

        ``where`` says where to cut (see :meth:`_divide`); the pieces are only
        wrapped for the split chosen, not for every one looked at.
        """
        sizes = [len(p.rows) for p in self.parts]
        total = sum(sizes)
        before = 0
        for pi, part in enumerate(self.parts):
            for h, t, head, tail in part.splits():
                yield before + h, t + total - before - sizes[pi], (pi, head, tail)
            before += sizes[pi]
            # Between parts, but never straight after a parenthetical: it
            # belongs to the words that follow it.
            if pi + 1 < len(self.parts) and part.style != "parenthetical":
                yield before, total - before, (pi, None, None)

    def _divide(self, where: _Cut) -> tuple[list[_Para], list[_Para]]:
        """The parts before and after a cut: inside part ``pi`` between ``head``
        and ``tail`` lines, or after the whole part when they are ``None``."""
        pi, head, tail = where
        if head is None or tail is None:
            return self.parts[: pi + 1], self.parts[pi + 1 :]
        part = self.parts[pi]
        return [*self.parts[:pi], part.piece(head)], [part.piece(tail), *self.parts[pi + 1 :]]

    def _legal(self) -> Iterator[tuple[int, int, _Cut]]:
        for h, t, where in self._candidates():
            if h >= 2 and t >= 2:
                yield h, t, where

    def min_head(self) -> int:
        cue = len(self.cue.rows)
        for h, _t, _where in self._legal():
            return min(cue + h + 1, self.height)
        return self.height

    def split(self, room: int) -> _Split | None:
        cue_rows = len(self.cue.rows)
        best = None
        for h, _t, where in self._legal():
            if cue_rows + h + 1 > room:
                break
            best = where
        if best is None:
            return None
        head, tail = self._divide(best)
        strings = self.layout.strings
        more_text = strings["more"]
        geo = self.cue.geo
        more = _Row(
            "character",
            (StyledRun(more_text),),
            "more",
            self.index,
            geo.column,
            geo.x(len(more_text)),
            geo,
        )
        slots = [[r] for r in self.cue.rows] + [[r] for p in head for r in p.rows] + [[more]]
        cue_text = line_text(self.cue.lines[0]) if self.cue.lines else ""
        contd = strings["contd"]
        if not cue_text.upper().endswith(contd.upper()):
            cue_text = f"{cue_text} {contd}"
        style = self.cue.lines[0][0] if self.cue.lines and self.cue.lines[0] else StyledRun("")
        new_cue = self.cue.piece([(style.with_text(cue_text),)])
        for row in new_cue.rows:
            row.role = "contd"
        rest = _Group(self.index, self.block, 0, new_cue, tail, self.layout, continued=True)
        kind = "lyrics" if all(p.style == "lyrics" for p in self.parts) else "dialogue"
        content = len(slots) - cue_rows - 1
        return _Split(
            slots,
            rest,
            "dialogue_split",
            f"{_describe(self.block)} split with {strings['more']} / {strings['contd']}: "
            f"{content} {kind} lines here, {rest.height - len(new_cue.rows)} on the next page",
        )


# ---------------------------------------------------------------------------
# The paginator
# ---------------------------------------------------------------------------


class _Paginator:
    def __init__(self, flow: list[FlowBlock], layout: Layout) -> None:
        self.flow = flow
        self.layout = layout
        self.inch = 1.0 / layout.characters_per_inch
        self.continueds = layout.option("scene_continueds")
        self.capacity = layout.lines_per_page - (2 if self.continueds else 0)
        if self.capacity - (2 if self.continueds else 0) < 4:
            raise ValueError(
                f"a page of {layout.lines_per_page} lines is too short to paginate"
                + (" with scene continueds" if self.continueds else "")
            )
        self.pages: list[Page] = []
        self.breaks: list[Break] = []
        self.used = 0
        self._new_page()
        self._units: dict[int, _Unit] = {}
        self._geometries: dict[tuple[str, int, bool], _Geometry] = {}
        self._started: set[int] = set()

    # -- geometry ------------------------------------------------------------

    def _geometry(self, style_name: str, column: int = 0, kind: str = "") -> _Geometry:
        key = (style_name, column, kind == "sequence")
        geo = self._geometries.get(key)
        if geo is None:
            geo = self._geometries[key] = self._make_geometry(style_name, column, kind)
        return geo

    def _make_geometry(self, style_name: str, column: int, kind: str) -> _Geometry:
        style: ElementStyle = self.layout.element(style_name)
        align = "left" if kind == "sequence" else style.align
        if column == 0:
            right = style.right if style.right is not None else style.left + style.width * self.inch
            return _Geometry(style.left, style.width, style.hang, align, right, self.inch)
        # Dual dialogue: the action column halves, each half holding the
        # element offsets and widths scaled by ``dual_width_scale``.
        layout = self.layout
        action = layout.element("action")
        dialogue = layout.element("dialogue")
        scale = layout.dual_width_scale
        span = action.width * self.inch
        half = (span - layout.dual_gap) / 2
        origin = action.left if column == 1 else action.left + half + layout.dual_gap
        offset = (style.left - dialogue.left) * scale
        room = int(round((half - offset) / self.inch, 6))
        width = max(1, min(int(style.width * scale), room))
        left = origin + offset
        right = left + width * self.inch
        return _Geometry(left, width, style.hang, "left", right, self.inch, column)

    # -- measuring -------------------------------------------------------------

    def unit(self, index: int) -> _Unit:
        unit = self._units.get(index)
        if unit is None:
            unit = self._measure(index, self.flow[index])
            self._units[index] = unit
        return unit

    def _measure(self, index: int, block: FlowBlock, column: int = 0) -> _Unit:
        kind = block.kind
        if kind == "dialogue_group":
            cue, *rest = block.parts
            cue_para = _Para(
                "character", cue.lines, self._geometry("character", column), WHOLE, index
            )
            paras = [
                _Para(
                    p.style,
                    p.lines,
                    self._geometry(p.style, column),
                    VERSE if p.style == "lyrics" else PROSE if p.style == "dialogue" else WHOLE,
                    index,
                )
                for p in rest
            ]
            return _Group(index, block, block.blank_before, cue_para, paras, self.layout)
        if kind == "dual_dialogue":
            left = self._measure(index, block.parts[0], 1).slots()
            right = self._measure(index, block.parts[1], 2).slots()
            rows = [
                [*(left[i] if i < len(left) else []), *(right[i] if i < len(right) else [])]
                for i in range(max(len(left), len(right)))
            ]
            return _Slots(index, block, block.blank_before, rows)
        if kind == "page_break":
            return _Slots(index, block, 0, [])
        geo = self._geometry(block.style, 0, kind)
        mode = {"action": PROSE, "lyrics": VERSE}.get(kind, WHOLE)
        para = _Para(block.style, block.lines, geo, mode, index)
        if mode == WHOLE:
            return _Slots(index, block, block.blank_before, [[r] for r in para.rows])
        return _Text(index, block, block.blank_before, para)

    def _dual_as_groups(self, index: int) -> list[_Unit]:
        block = self.flow[index]
        return [self._measure(index, part) for part in block.parts]

    # -- placing ---------------------------------------------------------------

    def _new_page(self) -> None:
        number = len(self.pages) + 1
        first = int(self.layout.page_number.get("first", 2))
        fmt = str(self.layout.page_number.get("format", "{n}."))
        self.pages.append(Page(number, [], fmt.format(n=number) if number >= first else None))
        self.used = 0
        self._kept = 0
        self._floor = 0  # rows taken by a CONTINUED: line at the top

    def _break(self, rule: str, index: int, message: str, scene_continues: bool) -> None:
        page = self.pages[-1]
        self.breaks.append(Break(page.number, rule, index, message))
        if self.continueds and scene_continues:
            self._continued("continued_bottom", "transition", self.capacity + 1)
        self._new_page()
        if self.continueds and scene_continues:
            self._continued("continued_top", "action", 0)
            # The CONTINUED: line is the page's floor: a page holding only it
            # is still empty for every rule that asks whether a page is empty.
            self.used = self._floor = self._kept = 2

    def _continued(self, role: str, style_name: str, row: int) -> None:
        text = self.layout.strings[role]
        geo = self._geometry(style_name)
        scene = self._last_scene
        line = (StyledRun(text),)
        placed = _Row(style_name, line, role, -1, 0, geo.x(len(text)), geo).placed(row, scene)
        self.pages[-1].lines.append(placed)

    @property
    def _last_scene(self) -> SceneRef | None:
        for page in reversed(self.pages):
            for line in reversed(page.lines):
                if line.block >= 0:
                    return line.scene
        return None

    def _place(self, unit: _Unit, slots: list[list[_Row]], blank: int) -> None:
        """Put rows on the current page (blank lines dropped at its top)."""
        start = self.used
        if self.used > 0:
            self.used += blank
        block = unit.block
        first = unit.index not in self._started
        self._started.add(unit.index)
        scene = block.scene
        lines = self.pages[-1].lines
        used = self.used  # a local: this loop runs for every line of the script
        for slot in slots:
            if used == 0 and not any(row.runs for row in slot):
                continue  # no blank lines at the top of a page
            for row in slot:
                if not row.runs:
                    continue
                if first:
                    # The block's first printed line carries its scene number
                    # and the scene and act marks bookmarks use.
                    label = None
                    if block.kind == "scene_heading" and block.scene:
                        label = block.scene.label
                    placed = row.placed(used, scene, label, block.starts_scene, block.starts_act)
                    first = False
                else:
                    placed = row.placed(used, scene)
                lines.append(placed)
            used += 1
        self.used = used
        # Rows taken at the foot of the page by headings waiting for what follows.
        self._kept = self.used if block.keep_with_next and self._kept == start else 0

    def room(self, blank: int) -> int:
        """Rows free for a block with ``blank`` lines before it."""
        return self.capacity - self.used - (blank if self.used else 0)

    def _keep_need(self, unit: _Unit) -> int:
        """Rows ``unit`` needs on this page, blank before included, with what it keeps."""
        blank = unit.blank if self.used else 0
        need = blank + unit.height
        j = unit.index + 1
        while unit.block.keep_with_next and j < len(self.flow):
            nxt = self.unit(j)
            if nxt.block.kind == "page_break":
                break
            if nxt.block.keep_with_next:
                need += nxt.blank + nxt.height
                unit = nxt
                j += 1
                continue
            reserve = self._reserve(j)
            free = self.capacity - self.used - need
            if nxt.blank + nxt.height + reserve <= free:
                need += nxt.blank + nxt.height
            else:
                # It will split here; a block that cannot split goes over
                # whole and takes its transition along.
                head = nxt.min_head()
                if nxt.block.kind == "dual_dialogue" and nxt.height > self.capacity:
                    # Set as two dialogues in a row (see run): the first one leads.
                    head = min(nxt.height, self._dual_as_groups(nxt.index)[0].min_head())
                elif self._hopeless(nxt):
                    head = min(2, nxt.height)  # it will be cut wherever it starts
                elif head >= nxt.height:
                    head = nxt.height + reserve
                need += nxt.blank + head
            break
        return need

    def _stranding(self) -> bool:
        """True when the page holds only headings waiting for what follows them."""
        return self.used > self._floor and self._kept == self.used

    def _hopeless(self, unit: _Unit) -> bool:
        """True when not even an empty page can hold the block's first legal piece."""
        most = self.capacity - self._floor
        return unit.height > most and unit.min_head() > most

    def _reserve(self, index: int) -> int:
        """Rows the transitions right after block ``index`` need on the same page."""
        need = 0
        j = index + 1
        while j < len(self.flow) and self.flow[j].kind == "transition":
            t = self.unit(j)
            need += t.blank + t.height
            j += 1
        return need

    def run(self) -> Pagination:
        """Place every block; returns the pages and the record of breaks."""
        flow = self.flow
        queue: deque[_Unit] = deque()  # rests of split blocks, speakers of a tall dual
        i = 0
        while True:
            if queue:
                unit = queue.popleft()
            elif i < len(flow):
                unit = self.unit(i)
                i += 1
            else:
                break
            block = unit.block
            index = unit.index
            if block.kind == "page_break":
                if self.used > self._floor:
                    self._break("forced", index, "forced page break (===)", False)
                continue
            nxt = flow[index + 1] if not queue and index + 1 < len(flow) else None
            reserve = self._reserve(index) if nxt is not None else 0
            room = self.room(unit.blank)
            height = unit.height
            continues = index in self._started or (
                block.scene is not None
                and not block.starts_scene
                and block.kind not in ("section", "act", "sequence")
            )

            if (
                block.keep_with_next
                and self.used > self._floor
                and self._keep_need(unit) > self.capacity - self.used
            ):
                self._break(
                    "keep_with_next",
                    index,
                    f"{_describe(block)} moved to the next page with what follows "
                    f"({_rule_name(block)} never ends a page)",
                    continues,
                )
                queue.appendleft(unit)
                continue

            if height + reserve <= room:
                self._place(unit, unit.slots(), unit.blank)
                continue

            if height <= room and reserve and nxt is not None:
                # The block fits but its transition does not: part of the block
                # goes over with it, so the transition never opens a page.
                split = unit.split(room)
                if split is not None and split.rest.height + reserve <= self.capacity:
                    self._place(unit, split.head, unit.blank)
                    self._break(
                        "transition",
                        index,
                        f"{split.message}, so that {_describe(nxt)} does not start a page",
                        True,
                    )
                    queue.appendleft(split.rest)
                    continue
                if self.used > self._floor and not self._stranding():
                    self._break(
                        "transition",
                        index,
                        f"{_describe(block)} moved to the next page with {_describe(nxt)} "
                        "(a transition never starts a page)",
                        continues,
                    )
                    queue.appendleft(unit)
                    continue
                if self.used > self._floor and height > 2:
                    # Moving would leave the heading above alone on its page:
                    # cut the block instead, its last two lines going over.
                    forced = unit.force(height - 2)
                    self._place(unit, forced.head, unit.blank)
                    self._break(
                        "transition",
                        index,
                        f"{_describe(block)} was cut so that {_describe(nxt)} does not start "
                        "a page (the heading above it opens this page)",
                        True,
                    )
                    queue.appendleft(forced.rest)
                    continue
                self._place(unit, unit.slots(), unit.blank)
                continue

            split = unit.split(room) if room > 0 else None
            if split is not None:
                self._place(unit, split.head, unit.blank)
                self._break(split.rule, index, split.message, True)
                queue.appendleft(split.rest)
                continue

            # Headings alone on this page: moving the block would strand them
            # and only repeat the problem on the next page.
            stranding = self._stranding()
            if (
                block.kind == "dual_dialogue"
                and isinstance(unit, _Slots)
                and (unit.height > self.capacity or stranding)
            ):
                # Too tall side by side: set the two speakers one after the
                # other, so each may split like any dialogue.
                queue.extendleft(reversed(self._dual_as_groups(index)))
                continue
            # A block no page could hold, even split by the rules, is cut here
            # rather than moved: moving it would only leave a gap.
            hopeless = self._hopeless(unit) or stranding
            if self.used > self._floor and (room < 2 or not hopeless):
                if room < 2:
                    rule, message = "full", f"the page is full; {_describe(block)} starts the next"
                else:
                    rule, why = _move_reason(unit)
                    message = f"{_describe(block)} moved to the next page ({why})"
                self._break(rule, index, message, continues)
                queue.appendleft(unit)
                continue
            forced = unit.force(room)
            message = forced.message
            if not self._hopeless(unit):
                message = (
                    f"{_describe(block)} was cut at the foot of the page: with the heading "
                    "above it, it is taller than a page"
                )
            self._place(unit, forced.head, unit.blank)
            self._break(forced.rule, index, message, True)
            queue.appendleft(forced.rest)
        if len(self.pages) > 1 and not self.pages[-1].lines:
            # A forced break at the very end leaves nothing to print after it.
            self.pages.pop()
            self.breaks.pop()
        return Pagination(self.layout, flow, self.pages, self.breaks)


def _rule_name(block: FlowBlock) -> str:
    return {
        "scene_heading": "a scene heading",
        "character": "a character cue",
        "music_cue": "a music cue over its lyrics",
    }.get(block.kind, f"a {block.kind.replace('_', ' ')}")


def _move_reason(unit: _Unit) -> tuple[str, str]:
    kind = unit.block.kind
    if kind == "action":
        return "action_moved", "no sentence end leaves 2 lines on each side"
    if kind == "lyrics":
        return "lyrics_moved", "no split leaves 2 sung lines on each side"
    if kind == "dialogue_group":
        return (
            "dialogue_moved",
            "the cue keeps at least 2 lines of its dialogue, split at a sentence end",
        )
    if kind == "dual_dialogue":
        return "dual_moved", "dual dialogue moves whole"
    return "moved", f"{kind.replace('_', ' ')} does not split"


def _describe(block: FlowBlock | None) -> str:
    if block is None:
        return "the end"
    name = {"dialogue_group": "dialogue", "dual_dialogue": "dual dialogue"}.get(
        block.kind, block.kind
    )
    name = name.replace("_", " ")
    text = block.text.strip().split("\n")[0]
    if len(text) > 40:
        text = text[:39].rstrip() + "\u2026"
    where = f" (scene {block.scene.label})" if block.scene else ""
    return f"{name} \u201c{text}\u201d{where}"


def paginate(flow: list[FlowBlock], layout: Layout) -> Pagination:
    """Wrap and break ``flow`` into pages of ``layout``."""
    # Pagination allocates many small objects and makes no reference cycles;
    # with the cycle collector on, its full collections walk the whole
    # document again and again and a ten-times-longer script takes twenty
    # times as long. Reference counting alone frees everything here.
    with _no_cycle_collection():
        return _Paginator(flow, layout).run()


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector, restoring its state afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# ---------------------------------------------------------------------------
# Scene lengths for reports
# ---------------------------------------------------------------------------


def scene_pages(pagination: Pagination) -> list[ScenePages]:
    """For each scene in page order: the page it starts on and its length in eighths."""
    spans: dict[int, list[int]] = {}
    refs: dict[int, SceneRef] = {}
    order: list[int] = []
    for page in pagination.pages:
        rows: dict[int, tuple[int, int]] = {}
        for line in page.lines:
            if line.scene is None:
                continue
            n = line.scene.number
            if n not in refs:
                refs[n] = line.scene
                order.append(n)
                spans[n] = [page.number, page.number, 0]
            lo, hi = rows.get(n, (line.row, line.row))
            rows[n] = (min(lo, line.row), max(hi, line.row))
        for n, (lo, hi) in rows.items():
            spans[n][1] = page.number
            spans[n][2] += hi - lo + 1
    per_page = pagination.layout.lines_per_page
    return [
        ScenePages(
            refs[n],
            spans[n][0],
            spans[n][1],
            spans[n][2],
            max(1, round(spans[n][2] * 8 / per_page)),
        )
        for n in order
    ]


def format_eighths(eighths: int) -> str:
    """``11`` → ``"1 3/8"``, ``8`` → ``"1"``, ``3`` → ``"3/8"``."""
    pages, rest = divmod(eighths, 8)
    if not rest:
        return str(pages)
    return f"{pages} {rest}/8" if pages else f"{rest}/8"
