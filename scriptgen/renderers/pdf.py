"""The PDF writer: screenplays and treatments drawn line by line with reportlab.

The writer never decides where a line goes on its own. The document becomes
a flow (:func:`scriptgen.flow.build_flow`), the shared paginator
(:func:`scriptgen.paginate.paginate`) wraps it to the layout's character grid
and breaks it into pages, and this module draws each placed line at its grid
position: its row gives the baseline, its ``x`` the left edge. So the PDF,
the DOCX with carried pagination and the reports all agree on every page.

What this module adds around the body pages:

* a title page from the title-page keys (title a third of the way down,
  then credit, author and source; contact and draft date at the bottom);
* for a treatment, front matter: logline, a cast page with actors and
  descriptions, and "Musical Numbers" grouped by act (set through the same
  paginator, unnumbered, like the title page);
* page numbers ``N.`` where the paginator labels a page (none on page 1);
* scene numbers in both margins when the layout's ``scene_numbers`` is on;
* document info (title, author, subject) and an outline with one entry per
  scene, nested under its act;
* fonts from :mod:`scriptgen.pdf_fonts`: Courier Prime, falling back per
  character to DejaVu Sans Mono and to CJK fonts; TrueType fonts embedded.

:func:`append_table_pages` is the hook for ``--with-reports``: it draws
tables (anything with ``title``, ``headers`` and ``rows``) as extra pages.

reportlab is imported only when a PDF is rendered, so ``scriptgen --help``
stays fast.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from ..ast import CastList, Document, TitleField, TitlePage
from ..flow import FlowBlock, Line, StyledRun, front_matter, styled_line
from ..layout import ElementStyle, Layout
from ..paginate import Page, Pagination, PlacedLine, paginate, wrap
from ..pdf_fonts import FontSet, font_set, load_reportlab
from .base import Renderer

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

__all__ = ["PdfRenderer", "TableLike", "append_table_pages"]

#: Title-page keys printed centred under the title, in this order.
TITLE_CENTRE_KEYS = ("credit", "author", "authors", "source")
#: Title-page keys printed at the bottom left.
TITLE_BOTTOM_KEYS = ("contact", "copyright", "notes")
#: Title-page keys holding the draft date.
TITLE_DATE_KEYS = ("draft date", "date")

# Margins of report pages, inches: narrower than a script's so wide tables fit.
_TABLE_MARGIN = 0.75

# Share of the line height between a row's top and its baseline: the capitals
# of the first row then sit just under the top margin.
_BASELINE = 0.8


class TableLike(Protocol):
    """What :func:`append_table_pages` needs of a table (``report.ReportTable`` fits)."""

    @property
    def title(self) -> str:
        """A heading printed above the table."""
        ...

    @property
    def headers(self) -> Sequence[str]:
        """Column headers."""
        ...

    @property
    def rows(self) -> Sequence[Sequence[str]]:
        """Rows of cells, as strings."""
        ...


# --------------------------------------------------------------------------
# Drawing text
# --------------------------------------------------------------------------


# PDF literal strings: backslash and parentheses escaped, bytes outside
# printable ASCII written in octal so the content stream stays plain ASCII.
_ESCAPE = {
    **{i: f"\\{i:03o}" for i in (*range(32), *range(127, 256))},
    ord("\\"): "\\\\",
    ord("("): "\\(",
    ord(")"): "\\)",
}


class _FontUse:
    """What drawing with one font in one document needs at hand, worked out once."""

    __slots__ = ("font", "identity", "tf")

    def __init__(self, font: Any) -> None:
        self.font = font
        # Characters known to map to their own code in subset 0, whose text is
        # therefore its own subset encoding (TrueType only).
        self.identity: set[str] = set()
        # Font size -> the operator selecting subset 0 at that size.
        self.tf: dict[float, str] = {}


class _Painter:
    """Draws styled runs on a canvas, cutting them into per-font segments.

    Text goes straight into the page's content stream as PDF operators
    (``Tf``, ``Tm``, ``Tj``) rather than through reportlab's text objects:
    a 120-page script is some 5,000 lines, and the per-line overhead of those
    objects was most of the drawing time. Fonts are still reportlab's: TrueType
    text is mapped to its embedded subsets with ``splitString``, CID text is
    encoded by the CID font itself.

    Nearly every line is plain ASCII in one font, so that case is kept short:
    the font's name, its subset name and its ``Tf`` operator are looked up
    once per document, not once per line.
    """

    def __init__(self, canvas: Canvas, fonts: FontSet, size: float) -> None:
        from reportlab.pdfbase.pdfmetrics import getFont

        self.canvas = canvas
        self.fonts = fonts
        self.size = size
        # reportlab keeps each TrueType font's subset assignments per document.
        self._doc = canvas._doc
        self._get_font = getFont
        self._uses: dict[str, _FontUse] = {}
        # (bold, italic) -> the main font's registered name.
        self._primary: dict[tuple[bool, bool], str] = {}
        # Coordinate (points) -> as written in the content stream.
        self._coords: dict[float, str] = {}

    def _use(self, name: str) -> _FontUse:
        use = self._uses.get(name)
        if use is None:
            use = self._uses[name] = _FontUse(self._get_font(name))
        return use

    def _font(self, name: str) -> Any:
        return self._use(name).font

    def _main(self, bold: bool, italic: bool) -> str:
        """The main font's name in a style (what every printable ASCII line is set in)."""
        key = (bold, italic)
        name = self._primary.get(key)
        if name is None:
            name = self._primary[key] = self.fonts.primary(bold, italic)
        return name

    def width(
        self,
        runs: Iterable[StyledRun],
        style: ElementStyle | None = None,
        size: float | None = None,
    ) -> float:
        """Printed width of ``runs`` in points (at ``size``, else the painter's size)."""
        size = size or self.size
        total = 0.0
        for run in runs:
            bold, italic, _ = _emphasis(run, style)
            text = run.text
            if text.isascii():
                total += self._font(self._main(bold, italic)).stringWidth(text, size)
                continue
            for seg in self.fonts.segments(text, bold, italic):
                total += self._font(seg.font).stringWidth(seg.text, size)
        return total

    def _show(self, font_name: str, text: str, size: float, cid: bool, out: list[str]) -> None:
        """Append the operators that set ``font_name`` and show ``text``."""
        use = self._use(font_name)
        font = use.font
        if cid:
            name = self._doc.getInternalFontName(font_name)
            out.append(f"{name} {size:g} Tf ({font.formatForPdf(text)}) Tj")
            return
        known = use.identity
        if known.issuperset(text):
            tf = use.tf.get(size)
            if tf is None:
                # Naming the subset is what adds the font to the document.
                subset0 = font.getSubsetInternalName(0, self._doc)
                tf = use.tf[size] = f"{subset0} {size:g} Tf"
            out.append(f"{tf} ({text.translate(_ESCAPE)}) Tj")
            return
        for subset, data in font.splitString(text, self._doc):
            name = font.getSubsetInternalName(subset, self._doc)
            out.append(f"{name} {size:g} Tf ({data.decode('latin-1').translate(_ESCAPE)}) Tj")
        for char in set(text) - known:
            code = ord(char)
            if code < 256 and font.splitString(char, self._doc) == [(0, bytes([code]))]:
                known.add(char)

    def draw(
        self,
        x: float,
        y: float,
        runs: Iterable[StyledRun],
        style: ElementStyle | None = None,
        size: float | None = None,
    ) -> None:
        """Draw ``runs`` with their first character's origin at (``x``, ``y``), in points."""
        size = size or self.size
        # A page has a few dozen distinct rows and a handful of left edges.
        coords = self._coords
        tx = coords.get(x)
        if tx is None:
            tx = coords[x] = f"{x:.3f}"
        ty = coords.get(y)
        if ty is None:
            ty = coords[y] = f"{y:.3f}"
        ops = [f"BT 1 0 0 1 {tx} {ty} Tm"]
        underlines: list[tuple[float, float]] = []
        cursor = x
        # Widths are measured only once an underline needs placing; the runs
        # before it are measured then.
        measured = 0
        if not isinstance(runs, tuple):
            runs = tuple(runs)
        for index, run in enumerate(runs):
            text = run.text
            if not text:
                continue
            bold, italic, underline = _emphasis(run, style)
            if text.isascii():
                self._show(self._main(bold, italic), text, size, False, ops)
            else:
                for seg in self.fonts.segments(text, bold, italic):
                    self._show(seg.font, seg.text, size, seg.cid, ops)
            if underline and text.strip():
                cursor += self.width(runs[measured:index], style, size)
                start = cursor
                cursor += self.width((run,), style, size)
                measured = index + 1
                underlines.append((start, cursor))
        ops.append("ET")
        self.canvas.addLiteral("\n".join(ops))
        if underlines:
            self.canvas.setLineWidth(size / 20)
            for x0, x1 in underlines:
                self.canvas.line(x0, y - size * 0.12, x1, y - size * 0.12)


def _emphasis(run: StyledRun, style: ElementStyle | None) -> tuple[bool, bool, bool]:
    """A run's bold, italic and underline, with the element's own emphasis ORed in."""
    if style is None:
        return run.bold, run.italic, run.underline
    return run.bold or style.bold, run.italic or style.italic, run.underline or style.underline


# --------------------------------------------------------------------------
# The renderer
# --------------------------------------------------------------------------


class PdfRenderer(Renderer):
    """Screenplay or treatment PDF, drawn from the shared paginator's pages."""

    name = "pdf"
    extension = ".pdf"

    def render(self, document: Document) -> bytes:
        """The whole document as PDF bytes."""
        import gc

        # Paginating and drawing make many small objects and no reference
        # cycles; pausing the cyclic collector keeps the cost linear in the
        # length of the script (with it running, paginating ten times the
        # script took over twenty times as long).
        paused = gc.isenabled()
        gc.disable()
        try:
            return self._render(document)
        finally:
            if paused:
                gc.enable()

    def _render(self, document: Document) -> bytes:
        layout = self.options.layout()
        writer = _PdfWriter(layout)
        writer.info(document)
        if document.title_page is not None:
            self.visit(document.title_page)
            writer.title_page(document.title_page)
        if layout.kind == "treatment":
            writer.front_matter(document)
        writer.body(paginate(self.flow(document, layout), layout))
        if self.options.with_reports:
            from ..report import report_tables

            tables = report_tables(document, layout)
            writer.pages_drawn += append_table_pages(writer.canvas, tables, layout)
        return writer.finish()

    def flow(self, document: Document, layout: Layout) -> list[FlowBlock]:
        """The body's printable blocks (every node is checked by the flow builder)."""
        from ..flow import build_flow

        return build_flow(document, layout)

    def visit_TitlePage(self, node: TitlePage) -> None:
        """Check the title page holds only fields and the cast (drawn by the writer)."""
        for entry in node.fields:
            if not isinstance(entry, TitleField | CastList):
                raise TypeError(f"a title page cannot hold a {type(entry).__name__}")


class _PdfWriter:
    """One PDF being written: the canvas, the fonts and the outline state."""

    def __init__(self, layout: Layout) -> None:
        load_reportlab()
        from reportlab.pdfgen.canvas import Canvas

        self.layout = layout
        self.fonts = font_set(layout.font_family)
        self.buffer = io.BytesIO()
        self.page_size = (layout.page_width * 72, layout.page_height * 72)
        # The initial font is ours, so no unembedded standard font is referenced.
        self.canvas = Canvas(
            self.buffer,
            pagesize=self.page_size,
            initialFontName=self.fonts.primary(),
            initialFontSize=layout.font_size,
            initialLeading=layout.line_height,
        )
        self.painter = _Painter(self.canvas, self.fonts, layout.font_size)
        self.pages_drawn = 0
        self._outline_level = -1
        self._in_act = False
        self._bookmarks = 0

    # -- document ------------------------------------------------------------

    def info(self, document: Document) -> None:
        """Title, author, subject and creator in the document info."""
        c = self.canvas
        tp = document.title_page
        title = document.title()
        if title:
            c.setTitle(title)
        if tp is not None:
            author = tp.value("author") or tp.value("authors")
            if author:
                c.setAuthor(", ".join(a.strip() for a in author.split("\n") if a.strip()))
        kind = "Treatment" if self.layout.kind == "treatment" else "Screenplay"
        source = tp.value("source") if tp is not None else None
        subject = f"{kind} based on {' '.join(source.split())}" if source else kind
        c.setSubject(subject)
        c.setCreator("scriptgen")

    def finish(self) -> bytes:
        """Close the document and return its bytes."""
        if self.pages_drawn == 0:
            self._end_page()  # a PDF needs at least one page, even for an empty script
        if self._bookmarks:
            self.canvas.showOutline()
        from reportlab import rl_config

        # Streams are Flate-compressed; reportlab's extra ASCII85 layer would
        # only make the file a quarter bigger and cost a fifth of the time.
        saved = rl_config.useA85
        rl_config.useA85 = 0
        try:
            self.canvas.save()
        finally:
            rl_config.useA85 = saved
        return self.buffer.getvalue()

    def _end_page(self) -> None:
        self.canvas.showPage()
        self.pages_drawn += 1

    def _bookmark(self, title: str, level: int, y: float) -> None:
        """An outline entry pointing at ``y`` on the current page."""
        key = f"b{self._bookmarks}"
        self._bookmarks += 1
        self.canvas.bookmarkHorizontal(key, 0, y + self.layout.line_height)
        # reportlab refuses a level more than one deeper than the previous entry.
        level = min(level, self._outline_level + 1)
        self.canvas.addOutlineEntry(title, key, level=level)
        self._outline_level = level

    # -- geometry ------------------------------------------------------------

    def baseline(self, row: int) -> float:
        """Baseline of body row ``row`` (0 at the top margin), in points from the bottom."""
        top = self.page_size[1] - self.layout.margin_top * 72
        return top - (row + _BASELINE) * self.layout.line_height

    # -- title page ----------------------------------------------------------

    def title_page(self, tp: TitlePage) -> None:
        """Draw the title page; nothing when it has no printable keys."""
        layout = self.layout
        treatment = layout.kind == "treatment"
        width = layout.element("action").width

        def lines(key: str) -> list[Line]:
            entry = tp.get(key)
            if entry is None:
                return []
            return [wrapped for text in entry.lines for wrapped in wrap(styled_line(text), width)]

        title = lines("title")
        centre: list[list[Line]] = []
        for key in TITLE_CENTRE_KEYS:
            if key == "authors" and tp.get("author") is not None:
                continue
            value = lines(key)
            if (
                key == "credit"
                and not value
                and treatment
                and (tp.get("author") or tp.get("authors"))
            ):
                value = [(StyledRun("A treatment by"),)]
            if value:
                centre.append(value)
        bottom = [line for key in TITLE_BOTTOM_KEYS for line in lines(key)]
        date = [line for key in TITLE_DATE_KEYS for line in lines(key)]
        if not (title or centre or bottom or date):
            return

        lh = layout.line_height
        height = self.page_size[1]
        middle = self.page_size[0] / 2 + (layout.margin_left - layout.margin_right) * 36
        y = height - layout.title_page["title_from_top"] * 72
        for line in title:
            self._centred(line, middle, y)
            y -= lh
        for block in centre:
            y -= lh
            for line in block:
                self._centred(line, middle, y)
                y -= lh

        left = layout.margin_left * 72
        right = self.page_size[0] - layout.margin_right * 72
        if not treatment:
            # A screenplay keeps its draft date with the contact, bottom left.
            bottom = bottom + ([()] if bottom and date else []) + date
            date = []
        top = layout.title_page["contact_from_bottom"] * 72
        # A long block grows upwards rather than off the page.
        lowest = layout.margin_bottom * 72
        top = max(top, lowest + (max(len(bottom), len(date)) - 1) * lh)
        for index, line in enumerate(bottom):
            self.painter.draw(left, top - index * lh, line)
        for index, line in enumerate(date):
            self.painter.draw(right - self.painter.width(line), top - index * lh, line)
        self._end_page()

    def _centred(self, line: Line, middle: float, y: float) -> None:
        self.painter.draw(middle - self.painter.width(line) / 2, y, line)

    # -- a treatment's front matter -------------------------------------------

    def front_matter(self, document: Document) -> None:
        """Logline, cast page and song list, set by the paginator, without page numbers."""
        layout = self.layout
        blocks: list[FlowBlock] = []
        heading = layout.element("section")
        action = layout.element("action")
        outline: list[tuple[int, str]] = []

        def head(text: str) -> None:
            if blocks:
                blocks.append(FlowBlock(kind="page_break"))
            outline.append((len(blocks), text))
            shown = text.upper() if heading.caps else text
            blocks.append(
                FlowBlock(
                    kind="act", style="section", lines=((StyledRun(shown),),), keep_with_next=True
                )
            )

        def para(line: Line, blank: int | None = None) -> None:
            blocks.append(
                FlowBlock(
                    kind="action",
                    style="action",
                    lines=(line,),
                    blank_before=action.blank_before if blank is None else blank,
                )
            )

        for front in front_matter(document, layout):
            head(front.title)
            for entry in front.entries:
                para(entry.line, 0 if entry.tight else None)
        if not blocks:
            return
        pagination = paginate(blocks, layout)
        marks = dict(outline)
        for page in pagination.pages:
            for placed in page.lines:
                if placed.block in marks and placed.role == "":
                    self._bookmark(marks.pop(placed.block), 0, self.baseline(placed.row))
            self._draw_lines(page.lines)
            self._end_page()

    # -- body ----------------------------------------------------------------

    def body(self, pagination: Pagination) -> None:
        """Draw every body page with its number, scene numbers and outline entries."""
        flow = pagination.flow
        for page in pagination.pages:
            for line in page.lines:
                if line.starts_act and 0 <= line.block < len(flow):
                    act = flow[line.block].act
                    if act:
                        self._bookmark(act, 0, self.baseline(line.row))
                        self._in_act = True
                if line.starts_scene and line.scene is not None:
                    scene = line.scene
                    label = f"{scene.label}. {scene.heading}" if scene.heading else scene.label
                    self._bookmark(label, 1 if self._in_act else 0, self.baseline(line.row))
            self._draw_page(page)

    def _draw_page(self, page: Page) -> None:
        layout = self.layout
        self._draw_lines(page.lines)
        if layout.option("scene_numbers"):
            for line in page.lines:
                if line.scene_label:
                    self._scene_number(line)
        if page.label:
            run = (StyledRun(page.label),)
            right = layout.page_number["right"] * 72
            y = self.page_size[1] - float(layout.page_number["top"]) * 72
            self.painter.draw(right - self.painter.width(run), y, run)
        self._end_page()

    def _draw_lines(self, lines: Iterable[PlacedLine]) -> None:
        elements = self.layout.elements
        for line in lines:
            style = elements.get(line.kind)
            x = line.x * 72
            if line.align in ("right", "center"):
                # The paginator aligned on the grid; true widths differ when a
                # line holds wide characters (CJK), so align on those.
                width = self.painter.width(line.runs, style)
                if line.align == "right":
                    x = line.right * 72 - width
                else:
                    x = (line.left + line.right) * 36 - width / 2
            self.painter.draw(x, self.baseline(line.row), line.runs, style)

    def _scene_number(self, line: PlacedLine) -> None:
        assert line.scene_label is not None
        style = self.layout.elements.get(line.kind)
        run = (StyledRun(line.scene_label),)
        y = self.baseline(line.row)
        self.painter.draw(self.layout.scene_number_left * 72, y, run, style)
        self.painter.draw(self.layout.scene_number_right * 72, y, run, style)


# --------------------------------------------------------------------------
# Extra pages: the reports hook
# --------------------------------------------------------------------------


def append_table_pages(
    canvas: Any, tables: Sequence[TableLike], layout: Layout, size: float = 9.0
) -> int:
    """Draw ``tables`` as pages at the end of the PDF on ``canvas``; return pages added.

    Each table starts on a new page with its title; columns are sized to their
    content, cells wrap within their column, and the header row repeats at the
    top of every page the table runs on. Tables are set a little smaller than
    the script (``size`` points) so production reports fit portrait pages.
    """
    sheet = _TableSheet(canvas, layout, size)
    pages = 0
    for table in tables:
        pages += sheet.draw(table)
    return pages


class _TableSheet:
    """Lays tables out on pages of a layout's paper, inside its margins."""

    def __init__(self, canvas: Any, layout: Layout, size: float) -> None:
        self.canvas = canvas
        self.size = size
        self.painter = _Painter(canvas, font_set(layout.font_family), size)
        self.paper = (layout.page_width * 72, layout.page_height * 72)
        self.margin = _TABLE_MARGIN * 72
        self.pitch = size * 0.6  # a monospaced character's advance at this size
        self.gap = 2  # characters between columns
        self.lh = size * 1.25
        self.left = self.margin
        self.usable = self.top = 0.0

    def _page(self, landscape: bool) -> None:
        """Start a page, turned sideways for a table too wide for the upright paper."""
        width, height = self.paper
        if landscape:
            width, height = height, width
        self.canvas.setPageSize((width, height))
        self.usable = width - 2 * self.margin
        self.top = height - self.margin

    def _room(self, ncols: int, width: float) -> int:
        return int((width - 2 * self.margin) / self.pitch) - self.gap * (ncols - 1)

    def draw(self, table: TableLike) -> int:
        """Draw one table from a new page; return the pages it took."""
        ncols = max([len(table.headers), *(len(r) for r in table.rows)], default=0)
        if ncols == 0:
            return 0
        wanted = sum(_column_widths(table, ncols, 10**6))
        landscape = wanted > self._room(ncols, min(self.paper))
        self._page(landscape)
        widths = _column_widths(
            table, ncols, int(self.usable / self.pitch) - self.gap * (ncols - 1)
        )
        xs = [self.left]
        for w in widths[:-1]:
            xs.append(xs[-1] + (w + self.gap) * self.pitch)
        header = _wrap_cells(table.headers, widths)
        pages = 1
        y = self._start(table.title, header, xs)
        for row in table.rows:
            cells = _wrap_cells(row, widths)
            height = max(len(c) for c in cells)
            if y - (height - 1) * self.lh < self.margin:
                self.canvas.showPage()
                self._page(landscape)
                pages += 1
                y = self._start(f"{table.title} (continued)", header, xs)
            y = self._row(cells, xs, y, bold=False)
        self.canvas.showPage()
        # Whatever follows goes back to the script's own paper.
        self.canvas.setPageSize(self.paper)
        return pages

    def _start(self, title: str, header: list[list[str]], xs: list[float]) -> float:
        y = self.top - self.size
        self.painter.draw(self.left, y, (StyledRun(title, bold=True),), size=self.size * 1.25)
        y = self._row(header, xs, y - self.lh * 2, bold=True)
        self.canvas.setLineWidth(0.5)
        rule = y + self.lh * 0.6
        self.canvas.line(self.left, rule, self.left + self.usable, rule)
        return y

    def _row(self, cells: list[list[str]], xs: list[float], y: float, bold: bool) -> float:
        for n in range(max(len(c) for c in cells)):
            for x, col in zip(xs, cells, strict=True):
                if n < len(col) and col[n]:
                    self.painter.draw(x, y, (StyledRun(col[n], bold=bold),))
            y -= self.lh
        return y


def _wrap_cells(row: Sequence[str], widths: list[int]) -> list[list[str]]:
    """Each cell of ``row`` wrapped to its column's width (missing cells empty)."""
    import textwrap

    return [
        textwrap.wrap(str(row[i]) if i < len(row) else "", width) or [""]
        for i, width in enumerate(widths)
    ]


def _column_widths(table: TableLike, ncols: int, room: int) -> list[int]:
    """Characters per column: the longest cell, shrunk fairly when the page is too narrow.

    A column is first shrunk no narrower than its longest word (at most 12
    characters), so titles and names break between words where they can.
    """
    wanted = [1] * ncols
    floor = [1] * ncols
    for row in (table.headers, *table.rows):
        for i, cell in enumerate(row):
            text = str(cell)
            wanted[i] = max(wanted[i], len(text))
            longest_word = max((len(w) for w in text.split()), default=1)
            floor[i] = max(floor[i], min(longest_word, 12))
    widths = list(wanted)
    while sum(widths) > room:
        shrinkable = [i for i in range(ncols) if widths[i] > floor[i]]
        pool = shrinkable or [i for i in range(ncols) if widths[i] > 3]
        if not pool:
            break
        widest = max(pool, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths
