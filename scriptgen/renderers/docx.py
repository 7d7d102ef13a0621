"""DOCX output: a Word document a writer can restyle, laid out like the PDF.

Every printed element becomes a paragraph in its own named paragraph style
(``Scene Heading``, ``Action``, ``Character`` …). All those styles are based
on one style, ``Screenplay``, which alone carries the font, its size and the
exact line pitch; so changing ``Screenplay`` in Word or LibreOffice restyles
the whole document. Emphasis is run formatting inside the paragraph.

Geometry comes only from the layout (:func:`scriptgen.layout.load_layout`):
page size and margins for the sections, each element's ``left`` and
``width`` turned into indents relative to the left margin, ``blank_before``
into space before (in whole lines), ``caps``/``bold``/``italic``/``align``/
``keep_with_next`` into style properties.

The printable content comes from :func:`scriptgen.flow.build_flow`, the same
blocks the PDF writer prints, so both outputs say the same thing. With
``RenderOptions.carry_pagination`` the pages of :func:`scriptgen.paginate.paginate`
are carried over too: every page starts with a page break, (MORE) and
(CONT'D) lines are written where the paginator put them, and wrapped lines
end in line breaks exactly where the PDF wraps them.

Around the story: a title page as its own section, a treatment's front
matter (logline, cast, songs) as an unnumbered section, scene numbers in
both margins when the layout asks, and the production reports as Word
tables with ``RenderOptions.with_reports``.

python-docx has no API for fields, page-number restarts or first-page
headers; those are written as OOXML here, and so are the paragraphs
themselves, as text parsed in one go, which is several times faster than
building them element by element.
"""

from __future__ import annotations

import copy
import functools
import io
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..layout import ELEMENT_NAMES
from .base import Renderer

if TYPE_CHECKING:
    from ..ast import Document as AstDocument
    from ..layout import ElementStyle, Layout

__all__ = ["BASE_STYLE", "STYLE_NAMES", "DocxRenderer"]

#: The style every other scriptgen style is based on.
BASE_STYLE = "Screenplay"

#: Word style name of each layout element, for the screenplay layouts.
STYLE_NAMES: dict[str, str] = {
    "scene_heading": "Scene Heading",
    "action": "Action",
    "character": "Character",
    "parenthetical": "Parenthetical",
    "dialogue": "Dialogue",
    "lyrics": "Lyrics",
    "transition": "Transition",
    "centered": "Centered",
    "music_cue": "Music Cue",
    "section": "Section",
    "synopsis": "Synopsis",
    "note": "Note",
}

#: A treatment names some elements after what they are in prose.
TREATMENT_STYLE_NAMES: dict[str, str] = {
    **STYLE_NAMES,
    "action": "Treatment Paragraph",
    "section": "Act Heading",
}

#: Styles of report table cells, and their size against the base font.
REPORT_TEXT_STYLE = "Report Table Text"
REPORT_HEADER_STYLE = "Report Table Header"
REPORT_SCALE = 0.75
# Left and right padding inside report cells, twips (0.05 in).
_REPORT_CELL_MARGIN = 72

#: Share of a line's height above its baseline, as scriptgen's PDF sets a
#: row: the layout's title-page and page-number positions are baselines.
BASELINE_SHARE = 0.8

# OOXML measures lengths in twentieths of a point ("twips").
_TWIPS_PER_INCH = 1440
_TWIPS_PER_POINT = 20


def _twips(inches: float) -> int:
    return round(inches * _TWIPS_PER_INCH)


@dataclass(frozen=True, slots=True)
class ParagraphGeometry:
    """Where a paragraph sits, in inches relative to the body's margins."""

    left: float
    """Left indent from the left margin."""
    right: float
    """Right indent from the right margin (negative: into the margin)."""
    first_line: float
    """First-line indent against ``left`` (negative: a hanging indent)."""
    align: str
    """``left``, ``right`` or ``center``."""


def element_geometry(layout: Layout, style: ElementStyle) -> ParagraphGeometry:
    """Turn an element's grid position into paragraph indents.

    The layout gives the element's left edge from the paper's edge and its
    width in grid characters; Word wants indents from the margins. A
    right-aligned element with its own ``right`` edge uses that edge. A
    ``hang`` indents wrapped lines by that many characters.
    """
    text_right = layout.page_width - layout.margin_right
    column_right = style.left + style.width / layout.characters_per_inch
    if style.right is not None:
        column_right = style.right
    hang = style.hang / layout.characters_per_inch
    return ParagraphGeometry(
        left=style.left - layout.margin_left + hang,
        right=text_right - column_right,
        first_line=-hang,
        align=style.align,
    )


# --------------------------------------------------------------------------
# OOXML helpers (python-docx has no API for these)
# --------------------------------------------------------------------------


@functools.cache
def _qn(tag: str) -> str:
    """The Clark name (``{uri}local``) of a prefixed OOXML name, computed once."""
    from docx.oxml.ns import qn

    result: str = qn(tag)
    return result


@functools.cache
def _nsmap(prefix: str) -> dict[str, str]:
    from docx.oxml.ns import nsmap

    return {prefix: nsmap[prefix]}


def _element(tag: str, **attrs: str) -> Any:
    """A new OOXML element ``tag`` with ``w:``-prefixed attributes.

    python-docx's ``OxmlElement`` parses the prefixed name on every call;
    a feature-length script makes tens of thousands of elements, so the
    names are resolved once and cached.
    """
    from docx.oxml.parser import oxml_parser

    node = oxml_parser.makeelement(_qn(tag), nsmap=_nsmap(tag.partition(":")[0]))
    for key, value in attrs.items():
        node.set(_qn(f"w:{key}"), value)
    return node


def _field_runs(instruction: str, cached: str) -> list[Any]:
    """The runs of a complex field: begin, instruction, separate, cached result, end.

    A complex field (``w:fldChar``) rather than ``w:fldSimple`` because Word
    and LibreOffice both keep it editable (Alt+F9 shows the code).
    """
    runs = []
    for part in ("begin", "instr", "separate", "result", "end"):
        run = _element("w:r")
        if part == "instr":
            text = _element("w:instrText")
            text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            text.text = f" {instruction} "
            run.append(text)
        elif part == "result":
            text = _element("w:t")
            text.text = cached
            run.append(text)
        else:
            run.append(_element("w:fldChar", fldCharType=part))
        runs.append(run)
    return runs


def _text_run(text: str) -> Any:
    run = _element("w:r")
    node = _element("w:t")
    node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    node.text = text
    run.append(node)
    return run


# --------------------------------------------------------------------------
# Styles
# --------------------------------------------------------------------------


class StyleBook:
    """The document's paragraph styles, made from a layout.

    ``Screenplay`` carries the font and the line pitch; every other style is
    based on it and sets only indents, alignment, spacing before, emphasis,
    capitals and keep-with-next. Built-in styles of python-docx's template
    that scriptgen uses by name (``Title``, ``Header``) are replaced so that
    they too descend from ``Screenplay``.
    """

    def __init__(self, document: Any, layout: Layout, *, carried: bool = False) -> None:
        self.document = document
        self.layout = layout
        self.ids: dict[str, str] = {}
        names = TREATMENT_STYLE_NAMES if layout.kind == "treatment" else STYLE_NAMES
        self.element_styles: dict[str, str] = dict(names)
        # Names in python-docx's template; looking one up by name walks them all.
        self._template_names = {style.name for style in document.styles}
        # With the paginator's breaks carried over, every page ends where the
        # PDF's does; Word's own widow and keep-with-next rules could only
        # move lines the paginator already placed, so they are off.
        self.carried = carried
        self._base(widow_control=not carried)
        for key, name in names.items():
            caps = True if key == "lyrics" and layout.option("lyrics_caps") else None
            self.add(name, layout.element(key), caps=caps)

    def _base(self, widow_control: bool) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.enum.text import WD_LINE_SPACING
        from docx.shared import Pt

        layout = self.layout
        style = self.document.styles.add_style(BASE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = None
        style.quick_style = True
        font = style.font
        font.name = layout.font_family
        font.size = Pt(layout.font_size)
        # font.name sets only the Latin slots; set the others so that no
        # script falls back to the theme font.
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for slot in ("w:eastAsia", "w:cs"):
            fonts.set(_qn(slot), layout.font_family)
        fmt = style.paragraph_format
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(layout.line_height)
        fmt.widow_control = widow_control
        self.ids[BASE_STYLE] = style.style_id
        self._base_style = style

    def add(
        self,
        name: str,
        element: ElementStyle,
        *,
        align: str | None = None,
        blank_before: int | None = None,
        caps: bool | None = None,
    ) -> str:
        """Add paragraph style ``name`` set like ``element``; return its style id.

        ``align``, ``blank_before`` and ``caps`` override the element's own,
        for styles that share an element's column but not all its settings
        (title page lines, a treatment's sequence headings).
        """
        from docx.enum.style import WD_STYLE_TYPE
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Inches, Pt

        styles = self.document.styles
        if name in self._template_names:
            # python-docx's template ships Title, Header …: replace, so that
            # they inherit the font from Screenplay like every other style.
            styles[name].delete()
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = self._base_style
        style.quick_style = True
        style.next_paragraph_style = style
        geometry = element_geometry(self.layout, element)
        fmt = style.paragraph_format
        fmt.left_indent = Inches(geometry.left)
        fmt.right_indent = Inches(geometry.right)
        if geometry.first_line:
            fmt.first_line_indent = Inches(geometry.first_line)
        fmt.alignment = {
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
        }[align or geometry.align]
        lines = element.blank_before if blank_before is None else blank_before
        if lines:
            fmt.space_before = Pt(lines * self.layout.line_height)
        if element.keep_with_next and not self.carried:
            fmt.keep_with_next = True
        font = style.font
        for attr in ("bold", "italic", "underline"):
            if getattr(element, attr):
                setattr(font, attr, True)
        if caps if caps is not None else element.caps:
            font.all_caps = True
        self.ids[name] = style.style_id
        return str(style.style_id)

    def element_style(self, key: str) -> str:
        """The style name of layout element ``key``."""
        return self.element_styles[key]

    def add_report_styles(self) -> None:
        """The styles of report table cells: the base font, smaller, so that a
        cue sheet's columns fit the page."""
        from docx.enum.style import WD_STYLE_TYPE
        from docx.enum.text import WD_LINE_SPACING
        from docx.shared import Pt

        size = self.layout.font_size * REPORT_SCALE
        for name, bold in ((REPORT_TEXT_STYLE, False), (REPORT_HEADER_STYLE, True)):
            if name in self.ids:
                continue
            style = self.document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = self._base_style
            style.font.size = Pt(size)
            if bold:
                style.font.bold = True
            style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            self.ids[name] = style.style_id


# --------------------------------------------------------------------------
# Paragraphs
# --------------------------------------------------------------------------

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass(frozen=True, slots=True)
class Para:
    """One paragraph to write: a style, its lines of styled runs, direct settings.

    Direct settings are ``None`` when the style's own apply; scriptgen sets
    them only where a block differs from its element (standalone lyrics set
    apart like a paragraph, the first block of a page losing its space).
    """

    style: str
    """The paragraph style's name."""
    lines: Sequence[Sequence[Run]]
    """Lines of runs; lines after the first start after a line break."""
    space_before: float | None = None
    """Lines of space before, overriding the style."""
    keep_with_next: bool | None = None
    """Keep-with-next, overriding the style."""
    page_break_before: bool = False
    """Start a new page with this paragraph."""
    tabs: tuple[tuple[str, float], ...] = ()
    """Tab stops: (``left`` or ``right``, inches from the left margin)."""
    indent: tuple[float, float] | None = None
    """Left and right indents in inches, overriding the style (dual dialogue cells)."""
    first_line: float | None = None
    """First-line indent in inches against the left indent, overriding the style."""


@dataclass(frozen=True, slots=True)
class Run:
    """A run of text with emphasis; ``\\t`` in the text is a tab."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


#: The DOCX paragraph style of each kind of front-matter entry.
_FRONT_STYLES = {
    "logline": "Logline",
    "cast": "Cast Entry",
    "song_act": "Song List Act",
    "song": "Song List Entry",
}


def _runs(line: Iterable[Any]) -> list[Run]:
    """Flow runs (:class:`scriptgen.flow.StyledRun`) as DOCX runs."""
    return [Run(r.text, r.bold, r.italic, r.underline) for r in line]


#: Characters XML 1.0 cannot hold; a stray control character in the source
#: is dropped rather than making the document unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ParagraphWriter:
    """Writes ``w:p`` markup as text, parsed in one go by :meth:`_DocxBuilder.flush`.

    A feature-length script has thousands of paragraphs; building each
    element through lxml one by one costs more than the rest of the writer,
    while the markup here is small and fixed.
    """

    def __init__(self, styles: StyleBook, line_height: float) -> None:
        self.styles = styles
        self.line_height = line_height

    def build(self, para: Para) -> str:
        """The ``w:p`` markup for ``para``."""
        out = ['<w:p><w:pPr><w:pStyle w:val="', self.styles.ids[para.style], '"/>']
        if para.keep_with_next is not None:
            out.append(f'<w:keepNext w:val="{int(para.keep_with_next)}"/>')
        if para.page_break_before:
            out.append("<w:pageBreakBefore/>")
        if para.tabs:
            out.append("<w:tabs>")
            out.extend(f'<w:tab w:val="{kind}" w:pos="{_twips(at)}"/>' for kind, at in para.tabs)
            out.append("</w:tabs>")
        if para.space_before is not None:
            twips = round(para.space_before * self.line_height * _TWIPS_PER_POINT)
            out.append(f'<w:spacing w:before="{twips}"/>')
        if para.indent is not None or para.first_line is not None:
            ind = ["<w:ind"]
            if para.indent is not None:
                left, right = para.indent
                ind.append(f' w:left="{_twips(left)}" w:right="{_twips(right)}"')
            if para.first_line is not None:
                first = _twips(para.first_line)
                ind.append(f' w:hanging="{-first}"' if first < 0 else f' w:firstLine="{first}"')
            out.append("".join(ind) + "/>")
        out.append("</w:pPr>")
        for index, line in enumerate(para.lines):
            if index:
                out.append("<w:r><w:br/></w:r>")
            out.extend(self._run(run) for run in line)
        out.append("</w:p>")
        return "".join(out)

    @staticmethod
    def _run(run: Run) -> str:
        out = ["<w:r>"]
        if run.bold or run.italic or run.underline:
            out.append("<w:rPr>")
            if run.bold:
                out.append("<w:b/>")
            if run.italic:
                out.append("<w:i/>")
            if run.underline:
                out.append('<w:u w:val="single"/>')
            out.append("</w:rPr>")
        for index, piece in enumerate(run.text.split("\t")):
            if index:
                out.append("<w:tab/>")
            if piece:
                out.append(f'<w:t xml:space="preserve">{_xml_text(piece)}</w:t>')
        out.append("</w:r>")
        return "".join(out)


# --------------------------------------------------------------------------
# Sections: page geometry, title page, page-number header
# --------------------------------------------------------------------------


def text_area_bottom(layout: Layout) -> float:
    """The bottom margin, in inches, that holds exactly ``lines_per_page`` lines.

    The paginator counts lines, so the page's text area is made to hold that
    many lines of the layout's pitch, plus half a line of slack so that
    rounding in Word or LibreOffice never pushes the last line over. The
    layout's ``margins.bottom`` is what the PDF leaves below a full page too,
    give or take that half line, since the line count decides both.
    """
    lines = layout.lines_per_page + 0.5
    bottom = layout.page_height - layout.margin_top - lines * layout.line_height / 72
    return max(bottom, 0.0)


def set_page_geometry(section: Any, layout: Layout) -> None:
    """Paper size and margins of ``section`` from ``layout``."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Twips

    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Twips(_twips(layout.page_width))
    section.page_height = Twips(_twips(layout.page_height))
    section.top_margin = Twips(_twips(layout.margin_top))
    section.bottom_margin = Twips(_twips(text_area_bottom(layout)))
    section.left_margin = Twips(_twips(layout.margin_left))
    section.right_margin = Twips(_twips(layout.margin_right))
    section.gutter = Twips(0)
    # The layout gives the number's baseline; the header's line box starts
    # that share of a line above it.
    top = float(_page_number(layout, "top")) - BASELINE_SHARE * layout.line_height / 72
    section.header_distance = Twips(_twips(max(top, 0.0)))
    section.footer_distance = Twips(_twips(min(0.5, text_area_bottom(layout))))


def _page_number(layout: Layout, key: str) -> Any:
    """A ``[page_number]`` setting, with a clear message when the layout lacks it."""
    from ..layout import LayoutError

    try:
        return layout.page_number[key]
    except KeyError:
        where = layout.source or layout.name
        raise LayoutError(f"{where}: [page_number] has no {key!r} setting") from None


def _restart_numbering(sect_pr: Any, start: int) -> None:
    """Number this section's pages from ``start`` (``w:pgNumType``), in schema order."""
    for old in sect_pr.findall(_qn("w:pgNumType")):
        sect_pr.remove(old)
    node = _element("w:pgNumType", start=str(start))
    # pgNumType follows pgSz/pgMar/paperSrc/pgBorders/lnNumType and precedes cols.
    anchor = None
    for tag in ("w:lnNumType", "w:pgBorders", "w:paperSrc", "w:pgMar", "w:pgSz"):
        anchor = sect_pr.find(_qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addnext(node)
    else:
        sect_pr.insert(0, node)


def add_page_numbers(section: Any, layout: Layout, styles: StyleBook) -> None:
    """A right-aligned ``N.`` header with a PAGE field on ``section``, numbered from 1.

    The layout's ``page_number.format`` places the number (``{n}.``);
    ``page_number.first`` is the first page that shows it: 2 gives the
    section a different, empty first-page header.
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Twips

    fmt = str(_page_number(layout, "format"))
    before, _, after = fmt.partition("{n}")
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.style = styles.document.styles[PAGE_NUMBER_STYLE]
    p = paragraph._p
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    right = layout.page_width - layout.margin_right - float(_page_number(layout, "right"))
    paragraph.paragraph_format.right_indent = Twips(_twips(right))
    if before:
        p.append(_text_run(before))
    for run in _field_runs("PAGE", "1"):
        p.append(run)
    if after:
        p.append(_text_run(after))
    first = int(_page_number(layout, "first"))
    if first > 1:
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
    _restart_numbering(section._sectPr, 1)


#: The style of the page-number line in the header.
PAGE_NUMBER_STYLE = "Header"


# --------------------------------------------------------------------------
# The renderer
# --------------------------------------------------------------------------

#: Styles scriptgen adds besides the layout's elements, with the element
#: whose column they share and their own alignment, spacing and capitals.
#: ``None`` means "as the element".
_EXTRA_STYLES: dict[str, tuple[str, str | None, int | None, bool | None]] = {
    "Title": ("action", "center", 0, False),
    "Title Page Text": ("action", "center", 1, False),
    "Title Page Contact": ("action", "left", 0, False),
    "Front Matter Heading": ("section", "center", None, True),
    "Logline": ("action", "left", None, False),
    "Cast Entry": ("action", "left", None, False),
    "Song List Act": ("action", "left", None, False),
    "Song List Entry": ("action", "left", 0, False),
    # The paginator sets a sequence (## and deeper) at the left of its column.
    "Sequence Heading": ("section", "left", None, False),
    "Report Title": ("section", "left", 0, True),
    "Report Note": ("action", "left", None, False),
    PAGE_NUMBER_STYLE: ("action", "right", 0, False),
}

#: Title-page keys printed centred under the title, in this order.
_TITLE_CENTRE_KEYS = ("credit", "author", "authors", "source")
#: Title-page keys printed at the bottom left.
_TITLE_BOTTOM_KEYS = ("contact", "copyright", "notes")
#: Title-page keys holding the draft date.
_TITLE_DATE_KEYS = ("draft date", "date")


class DocxRenderer(Renderer):
    """Writes a ``.docx`` with one Word paragraph style per element."""

    name = "docx"
    extension = ".docx"

    def render(self, document: AstDocument) -> bytes:
        """The document as DOCX bytes."""
        layout = self.options.layout()
        builder = _DocxBuilder(layout, carry=self.options.carry_pagination)
        builder.build(document)
        if self.options.with_reports:
            from ..report import report_tables

            builder.reports(report_tables(document, layout))
        return builder.save()


class _DocxBuilder:
    """Assembles one DOCX: styles, title section, body section, properties."""

    def __init__(self, layout: Layout, *, carry: bool) -> None:
        import docx

        self.layout = layout
        self.carry = carry
        self.doc = docx.Document()
        # Paginated breaks leave nothing to Word's own widow rules.
        self.styles = StyleBook(self.doc, layout, carried=carry)
        for name, (key, align, blank, caps) in _EXTRA_STYLES.items():
            self.styles.add(name, layout.element(key), align=align, blank_before=blank, caps=caps)
        self.writer = ParagraphWriter(self.styles, layout.line_height)
        self.body = self.doc.element.body
        for child in list(self.body):
            if child.tag != _qn("w:sectPr"):
                self.body.remove(child)
        self.sect_pr = self.body.find(_qn("w:sectPr"))
        self.treatment = layout.kind == "treatment"
        self.pending: list[str] = []

    # -- output ----------------------------------------------------------

    def save(self) -> bytes:
        """The finished document's bytes."""
        self.flush()
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    def append(self, markup: str) -> None:
        """Queue a paragraph's or table's markup for the end of the body."""
        self.pending.append(markup)

    def para(self, para: Para) -> None:
        """Write ``para`` at the end of the body."""
        self.pending.append(self.writer.build(para))

    def flush(self) -> None:
        """Parse the queued markup in one go and put it before the body's ``sectPr``."""
        if not self.pending:
            return
        from docx.oxml.ns import nsdecls
        from docx.oxml.parser import parse_xml

        holder = parse_xml(f"<w:body {nsdecls('w')}>{''.join(self.pending)}</w:body>")
        self.pending = []
        for child in list(holder):
            self.sect_pr.addprevious(child)

    def last_element(self) -> Any:
        """The body's last paragraph or table (queued markup included)."""
        self.flush()
        return self.sect_pr.getprevious()

    # -- the whole document ----------------------------------------------

    def build(self, document: AstDocument) -> None:
        """Write the whole document: title section, front-matter section, body section.

        Only the body section has a header; sections without a header
        reference show none, as the title page and the front matter must.
        """
        set_page_geometry(self.doc.sections[0], self.layout)
        self.core_properties(document)
        if document.title_page is not None and self.title_page(document):
            self.end_section()
        if self.treatment and self.front_matter(document):
            self.end_section()
        add_page_numbers(self.doc.sections[-1], self.layout, self.styles)
        self.story(document)

    def core_properties(self, document: AstDocument) -> None:
        """Title and author in the document's properties, as Word's File > Info shows them."""
        props = self.doc.core_properties
        tp = document.title_page
        title = document.title() or ""
        author = ""
        if tp is not None:
            for key in ("author", "authors"):
                value = tp.value(key)
                if value:
                    author = ", ".join(v.strip() for v in value.split("\n") if v.strip())
                    break
        props.title = title
        props.author = author
        props.last_modified_by = author
        kind = "Treatment" if self.treatment else "Screenplay"
        source = tp.value("source") if tp is not None else None
        props.subject = f"{kind} based on {' '.join(source.split())}" if source else kind
        props.keywords = ""
        props.comments = "Written by scriptgen"
        props.revision = 1
        stamp = _timestamp()
        props.created = stamp
        props.modified = stamp

    # -- title page ------------------------------------------------------

    def title_page(self, document: AstDocument) -> bool:
        """Write the title page; False when it has nothing to print."""
        from ..flow import styled_line

        tp = document.title_page
        assert tp is not None
        layout = self.layout

        def lines(key: str) -> list[list[Run]]:
            entry = tp.get(key)
            if entry is None:
                return []
            return [_runs(styled_line(text)) for text in entry.lines]

        title = lines("title")
        centre: list[list[list[Run]]] = []
        for key in _TITLE_CENTRE_KEYS:
            if key == "authors" and tp.get("author") is not None:
                continue
            value = lines(key)
            if (
                key == "credit"
                and not value
                and self.treatment
                and (tp.get("author") or tp.get("authors"))
            ):
                value = [[Run("A treatment by")]]
            if value:
                centre.append(value)
        bottom = [line for key in _TITLE_BOTTOM_KEYS for line in lines(key)]
        date = [line for key in _TITLE_DATE_KEYS for line in lines(key)]
        if not (title or centre or bottom or date):
            return False

        # Vertical placement is in lines of the layout's pitch, so it holds in
        # any application that honours exact line spacing. The layout places
        # baselines; a line's box starts BASELINE_SHARE of a line above.
        pitch = layout.line_height / 72
        title_top = layout.title_page["title_from_top"] - layout.margin_top
        title_space = max(title_top / pitch - BASELINE_SHARE, 0.0)
        used = title_space
        text_right = layout.page_width - layout.margin_right - layout.margin_left
        width = self.layout.element("action").width
        if title:
            self.para(Para("Title", title, space_before=title_space))
            used += _wrapped_lines(title, width)
        for block in centre:
            self.para(Para("Title Page Text", block))
            used += 1 + _wrapped_lines(block, width)
        if not self.treatment:
            # A screenplay keeps its draft date with the contact, bottom left.
            bottom = bottom + ([[]] if bottom and date else []) + date
            date = []
        if bottom or date:
            if self.treatment and date:
                # The date sits at the bottom right, on the contact's first line.
                first = bottom[0] if bottom else []
                bottom = [[*first, Run("\t"), *date[0]], *bottom[1:], *date[1:]]
            available = layout.lines_per_page
            contact_top = (
                layout.page_height - layout.title_page["contact_from_bottom"] - layout.margin_top
            )
            wanted = contact_top / pitch - BASELINE_SHARE
            top = min(wanted, available - len(bottom))
            space = max(top - used, 1.0)
            self.para(
                Para(
                    "Title Page Contact",
                    bottom,
                    space_before=space,
                    tabs=(("right", text_right),) if self.treatment else (),
                )
            )
        return True

    def end_section(self) -> None:
        """Close the section written so far: a copy of the body's ``sectPr`` goes
        into its last paragraph, and what follows starts on a new page."""
        from docx.enum.section import WD_SECTION

        last = self.last_element()
        closed = copy.deepcopy(self.sect_pr)
        for ref in closed.findall(_qn("w:headerReference")) + closed.findall(
            _qn("w:footerReference")
        ):
            closed.remove(ref)
        last.get_or_add_pPr().append(closed)
        self.doc.sections[-1].start_type = WD_SECTION.NEW_PAGE

    # -- a treatment's front matter ----------------------------------------

    def front_matter(self, document: AstDocument) -> bool:
        """Logline, cast and song list ahead of a treatment's story; True if any.

        Each list starts a page of its own, as in the PDF; the section these
        pages form carries no page numbers.
        """
        from ..flow import front_matter

        paras: list[Para] = []
        heading = self.layout.element("section")

        def head(text: str) -> None:
            shown = text.upper() if heading.caps else text
            paras.append(
                Para(
                    "Front Matter Heading",
                    [[Run(shown)]],
                    space_before=0,
                    page_break_before=bool(paras),
                )
            )

        for page in front_matter(document, self.layout):
            head(page.title)
            for entry in page.entries:
                # A song that opens its group without an act title stands a line below.
                space = 1 if entry.kind == "song" and not entry.tight else None
                paras.append(
                    Para(_FRONT_STYLES[entry.kind], [_runs(entry.line)], space_before=space)
                )
        for para in paras:
            self.para(para)
        return bool(paras)

    # -- the story ----------------------------------------------------------

    #: Flow block kinds written as one paragraph each.
    SIMPLE_KINDS = frozenset((*ELEMENT_NAMES, "act", "sequence"))

    def story(self, document: AstDocument) -> None:
        """The body blocks from the flow, one paragraph (or table) per printed element."""
        from ..flow import build_flow

        blocks = build_flow(document, self.layout)
        if self.carry:
            self.paginated(blocks)
        else:
            new_page = True
            page_break = False
            for block in blocks:
                if block.kind == "page_break":
                    # A forced break at the very top of the body has nothing to break.
                    page_break = not new_page
                    continue
                self.block(block, page_break=page_break, top_of_page=new_page or page_break)
                new_page = page_break = False
        self.close_body()

    def style_of(self, block: Any) -> str:
        """The paragraph style of a flow block."""
        if block.kind == "act":
            return self.styles.element_style("section")
        if block.kind == "sequence":
            return "Sequence Heading"
        return self.styles.element_style(block.style)

    def block(self, block: Any, *, page_break: bool = False, top_of_page: bool = False) -> None:
        """Write one flow block: a paragraph, a dialogue group or a dual-dialogue table.

        A block kind this writer does not know raises, so nothing is ever
        dropped silently.
        """
        if block.kind == "dialogue_group":
            for index, part in enumerate(block.parts):
                first = index == 0
                self.block(part, page_break=page_break and first, top_of_page=top_of_page and first)
            return
        if block.kind == "dual_dialogue":
            self.dual(block, page_break=page_break, top_of_page=top_of_page)
            return
        if block.kind not in self.SIMPLE_KINDS:
            raise TypeError(f"the DOCX writer cannot set a {block.kind!r} block")
        self.para(self.block_para(block, page_break=page_break, top_of_page=top_of_page))

    def block_para(
        self, block: Any, *, page_break: bool = False, top_of_page: bool = False
    ) -> Para:
        """The paragraph for a simple flow block, with direct settings only where it
        differs from its element's style."""
        element = self.layout.element(block.style)
        space: float | None = None
        if top_of_page:
            space = 0 if element.blank_before else None
        elif block.blank_before != element.blank_before:
            space = block.blank_before
        keep = block.keep_with_next if block.keep_with_next != element.keep_with_next else None
        para = Para(
            self.style_of(block),
            [_runs(line) for line in block.lines],
            space_before=space,
            keep_with_next=keep,
            page_break_before=page_break,
        )
        if block.kind == "scene_heading" and block.scene and self.layout.option("scene_numbers"):
            para = self.scene_numbered(para, block.scene.label)
        return para

    def close_body(self) -> None:
        """Word wants the body to end with a paragraph, not a table, and a section
        to hold at least one paragraph (an empty script still has its page)."""
        last = self.last_element()
        if (
            last is None
            or last.tag == _qn("w:tbl")
            or last.find(f"{_qn('w:pPr')}/{_qn('w:sectPr')}") is not None
        ):
            self.append(self.spacer(page_break=False))

    def spacer(self, *, page_break: bool) -> str:
        """An empty paragraph one twentieth of a point high (a page break before a
        table, or the body's closing paragraph) that takes no line of its own."""
        brk = "<w:pageBreakBefore/>" if page_break else ""
        return (
            f'<w:p><w:pPr><w:pStyle w:val="{self.styles.ids[BASE_STYLE]}"/>{brk}'
            '<w:spacing w:before="0" w:after="0" w:line="1" w:lineRule="exact"/>'
            '<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>'
        )

    # -- dual dialogue ------------------------------------------------------

    def dual_indents(self, key: str, column: int) -> tuple[float, float]:
        """Left and right indents of element ``key`` inside dual-dialogue cell ``column``.

        The paginator's rule: the action column halves (less the gap), and each
        half holds the dialogue elements' offsets and widths scaled by
        ``dual_width_scale``, clipped to the half. The left cell also holds
        the gap, so its paragraphs stop short of it.
        """
        layout = self.layout
        inch = 1 / layout.characters_per_inch
        action = layout.element("action")
        dialogue = layout.element("dialogue")
        style = layout.element(key)
        scale = layout.dual_width_scale
        half = (action.width * inch - layout.dual_gap) / 2
        offset = (style.left - dialogue.left) * scale
        room = int(round((half - offset) / inch, 6))
        width = max(1, min(int(style.width * scale), room))
        cell = half + (layout.dual_gap if column == 1 else 0.0)
        hang = style.hang * inch
        return offset + hang, cell - offset - width * inch

    def dual_table(self, cells: Sequence[Sequence[Para]]) -> str:
        """A borderless two-column table holding the two speakers' paragraphs.

        Cell margins are zero so that paragraph indents measure from the cell
        edge. The row cannot split across pages: the paginator moves dual
        dialogue whole, and so does Word.
        """
        layout = self.layout
        inch = 1 / layout.characters_per_inch
        action = layout.element("action")
        half = (action.width * inch - layout.dual_gap) / 2
        widths = [_twips(half + layout.dual_gap), _twips(half)]
        indent = _twips(action.left - layout.margin_left)
        nil = "".join(
            f'<w:{side} w:val="nil"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        zero = "".join(
            f'<w:{side} w:w="0" w:type="dxa"/>' for side in ("top", "left", "bottom", "right")
        )
        out = [
            f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
            f'<w:tblInd w:w="{indent}" w:type="dxa"/><w:tblBorders>{nil}</w:tblBorders>'
            f'<w:tblLayout w:type="fixed"/><w:tblCellMar>{zero}</w:tblCellMar>'
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0"'
            ' w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>',
            *(f'<w:gridCol w:w="{width}"/>' for width in widths),
            "</w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr>",
        ]
        for width, paras in zip(widths, cells, strict=True):
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>')
            out.extend(self.writer.build(para) for para in paras or [Para(BASE_STYLE, [])])
            out.append("</w:tc>")
        out.append("</w:tr></w:tbl>")
        return "".join(out)

    def dual(self, block: Any, *, page_break: bool, top_of_page: bool) -> None:
        """Write a dual-dialogue flow block as a table."""
        cells: list[list[Para]] = []
        for column, group in enumerate(block.parts, start=1):
            paras = []
            for index, part in enumerate(group.parts):
                para = self.block_para(part, top_of_page=top_of_page and index == 0)
                paras.append(_with(para, indent=self.dual_indents(part.style, column)))
            cells.append(paras)
        self.put_table(self.dual_table(cells), page_break=page_break)

    def put_table(self, table: str, *, page_break: bool) -> None:
        """Append a table; a page break before it needs a paragraph to carry it."""
        if page_break:
            self.append(self.spacer(page_break=True))
        self.append(table)

    # -- reports ----------------------------------------------------------

    def reports(self, tables: Sequence[Any]) -> None:
        """The production reports after the story, each table from a new page.

        Tables come from :func:`scriptgen.report.report_tables` (title,
        headers, rows, numeric columns, width weights, a note). They are Word
        tables in the ``Report Table`` styles, so a writer can restyle them;
        the header row repeats on every page a table runs to.
        """
        self.styles.add_report_styles()
        for table in tables:
            self.para(Para("Report Title", [[Run(table.title)]], page_break_before=True))
            if table.rows:
                self.append(self.report_table(table))
            else:
                self.para(Para("Report Note", [[Run("None.")]]))
            if table.note:
                self.para(Para("Report Note", [[Run(table.note)]]))
        self.close_body()

    def report_table(self, table: Any) -> str:
        """One report as a bordered table filling the text width."""
        layout = self.layout
        width = _twips(layout.page_width - layout.margin_left - layout.margin_right)
        widths = _column_widths(table, width, layout)
        text_id = self.styles.ids[REPORT_TEXT_STYLE]
        head_id = self.styles.ids[REPORT_HEADER_STYLE]
        line = "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        out = [
            f'<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/>'
            f'<w:tblBorders>{line}</w:tblBorders><w:tblLayout w:type="fixed"/>'
            f'<w:tblCellMar><w:left w:w="{_REPORT_CELL_MARGIN}" w:type="dxa"/>'
            f'<w:right w:w="{_REPORT_CELL_MARGIN}" w:type="dxa"/>'
            "</w:tblCellMar></w:tblPr><w:tblGrid>",
            *(f'<w:gridCol w:w="{w}"/>' for w in widths),
            "</w:tblGrid>",
        ]
        numeric = list(table.numeric) + [False] * len(table.headers)
        for index, row in enumerate([table.headers, *table.rows]):
            header = index == 0
            out.append("<w:tr><w:trPr><w:cantSplit/>")
            out.append("<w:tblHeader/></w:trPr>" if header else "</w:trPr>")
            for column, (cell, cell_width) in enumerate(zip(row, widths, strict=False)):
                align = '<w:jc w:val="right"/>' if numeric[column] and not header else ""
                style = head_id if header else text_id
                out.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="{cell_width}" w:type="dxa"/></w:tcPr>'
                    f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{align}</w:pPr>'
                )
                for number, piece in enumerate(str(cell).split("\n")):
                    if number:
                        out.append("<w:r><w:br/></w:r>")
                    if piece:
                        out.append(f'<w:r><w:t xml:space="preserve">{_xml_text(piece)}</w:t></w:r>')
                out.append("</w:p></w:tc>")
            out.append("</w:tr>")
        out.append("</w:tbl>")
        return "".join(out)

    # -- carried pagination -------------------------------------------------

    def paginated(self, blocks: list[Any]) -> None:
        """Write the paginator's pages: each page after the first starts with a page
        break, each paragraph's lines end where the paginator wrapped them, and the
        space between paragraphs is the blank rows it left. Word then has nothing
        left to decide, so the DOCX has the PDF's pages."""
        from ..paginate import paginate

        pagination = paginate(blocks, self.layout)
        for number, page in enumerate(pagination.pages):
            page_break = number > 0
            items = _page_items(page.lines)
            for index, item in enumerate(items):
                if isinstance(item, _DualRows):
                    cells = [
                        [self.placed_para(g, blocks, column=c) for g in item.columns[c - 1]]
                        for c in (1, 2)
                    ]
                    self.put_table(self.dual_table(cells), page_break=page_break and index == 0)
                    continue
                para = self.placed_para(item, blocks)
                self.para(_with(para, page_break_before=page_break and index == 0))

    def placed_para(self, group: _LineGroup, blocks: list[Any], column: int = 0) -> Para:
        """A paragraph from a run of the paginator's placed lines."""
        block = blocks[group.block] if group.block >= 0 else None
        style = self.styles.element_style(group.kind)
        if block is not None and block.kind in ("act", "sequence") and group.kind == "section":
            style = self.style_of(block)
        element = self.layout.element(group.kind)
        space = group.gap if group.gap != element.blank_before else None
        lines = [_runs(line) for line in group.lines]
        para = Para(style, lines, space_before=space)
        if column:
            para = _with(para, indent=self.dual_indents(group.kind, column))
        if group.label is not None and self.layout.option("scene_numbers"):
            para = self.scene_numbered(para, group.label)
        return para

    def scene_numbered(self, para: Para, label: str) -> Para:
        """A scene heading with its number in both margins, as the PDF prints it.

        The first line starts at ``scene_number_left`` (a hanging indent),
        a tab takes the heading to its column, and a second tab puts the
        number again at ``scene_number_right``; the paragraph's right edge
        moves out to make room for it.
        """
        layout = self.layout
        geometry = element_geometry(layout, layout.element("scene_heading"))
        width = layout.page_width - layout.margin_right - layout.margin_left
        right_tab = layout.scene_number_right - layout.margin_left
        number_end = right_tab + (len(label) + 1) / layout.characters_per_inch
        first = [Run(label), Run("\t"), *para.lines[0], Run("\t"), Run(label)]
        return _with(
            para,
            lines=[first, *para.lines[1:]],
            indent=(geometry.left, min(geometry.right, width - number_end)),
            first_line=layout.scene_number_left - layout.margin_left - geometry.left,
            tabs=(("left", geometry.left), ("left", right_tab)),
        )


@dataclass(slots=True)
class _LineGroup:
    """Consecutive placed lines of one paragraph on one page."""

    kind: str
    """The layout element of the lines."""
    block: int
    """The flow block they come from."""
    role: str
    """The paginator's role (``more``, ``contd`` …) or ``""``."""
    gap: int
    """Blank rows between this paragraph and the one above (or the page top)."""
    last_row: int
    """The row of the last line so far."""
    lines: list[Any]
    """The lines' runs; an empty tuple is a blank line inside the paragraph."""
    label: str | None = None
    """The scene number printed beside a scene heading's first line."""


@dataclass(slots=True)
class _DualRows:
    """The placed lines of one dual dialogue: a paragraph list per column."""

    block: int
    """The flow block."""
    above: int
    """The last row used above the table."""
    columns: tuple[list[_LineGroup], list[_LineGroup]]
    """Paragraphs of the left and right speaker."""


def _page_items(lines: Sequence[Any]) -> list[_LineGroup | _DualRows]:
    """Group one page's placed lines into paragraphs (and dual-dialogue tables).

    A paragraph is a run of lines of one block, element and role; blank rows
    inside it (kept blank lines of action) become empty lines, and the blank
    rows above it become its space before.
    """
    items: list[_LineGroup | _DualRows] = []
    main: list[_LineGroup] = []  # the paragraphs outside tables, for merging
    bottom = -1  # the last row used so far
    for placed in lines:
        if placed.column:
            dual = items[-1] if items else None
            if not (isinstance(dual, _DualRows) and dual.block == placed.block):
                dual = _DualRows(placed.block, bottom, ([], []))
                items.append(dual)
            groups = dual.columns[placed.column - 1]
            _add_line(groups, placed, groups[-1].last_row if groups else dual.above)
            bottom = max(bottom, placed.row)
            main = []
            continue
        before = len(main)
        _add_line(main, placed, bottom)
        if len(main) > before:
            items.append(main[-1])
        bottom = placed.row
    return items


def _add_line(groups: list[_LineGroup], placed: Any, bottom: int) -> None:
    """Add a placed line to the last paragraph of ``groups``, or start a new one."""
    last = groups[-1] if groups else None
    if last is not None and (last.block, last.kind, last.role) == (
        placed.block,
        placed.kind,
        placed.role,
    ):
        last.lines.extend([()] * (placed.row - last.last_row - 1))
        last.lines.append(placed.runs)
        last.last_row = placed.row
        return
    groups.append(
        _LineGroup(
            placed.kind,
            placed.block,
            placed.role,
            placed.row - bottom - 1,
            placed.row,
            [placed.runs],
            placed.scene_label,
        )
    )


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------


def _with(para: Para, **changes: Any) -> Para:
    """``para`` with some settings changed."""
    import dataclasses

    return dataclasses.replace(para, **changes)


def _top_of_page(para: Para) -> Para:
    """A page's first paragraph: no space above it, as the paginator drops blank lines there."""
    return _with(para, space_before=0)


def _wrapped_lines(lines: Sequence[Sequence[Run]], width: int) -> int:
    """How many printed lines ``lines`` take at ``width`` characters (word wrap)."""
    from ..flow import StyledRun
    from ..paginate import wrap

    total = 0
    for line in lines:
        text = "".join(run.text for run in line)
        total += len(wrap((StyledRun(text),), width))
    return total


def _column_widths(table: Any, width: int, layout: Layout) -> list[int]:
    """Column widths in twips: each column at least as wide as its longest word
    (so headers like ``Page`` never break inside), the rest shared by weight."""
    columns = len(table.headers)
    # The grid's pitch, scaled like the report's font.
    char = round(72 / layout.characters_per_inch * REPORT_SCALE * _TWIPS_PER_POINT)
    padding = 2 * _REPORT_CELL_MARGIN
    least = []
    for column in range(columns):
        cells = [table.headers[column], *(row[column] for row in table.rows)]
        longest = max((len(word) for cell in cells for word in str(cell).split()), default=1)
        least.append(longest * char + padding)
    weights = [max(int(w), 0) for w in table.weights] if table.weights else [1] * columns
    spare = width - sum(least)
    if spare <= 0:
        return [width * n // sum(least) for n in least]
    total = sum(weights) or columns
    return [
        n + spare * (w if sum(weights) else 1) // total
        for n, w in zip(least, weights, strict=False)
    ]


def _timestamp() -> datetime:
    """The document's creation time: ``SOURCE_DATE_EPOCH`` when set (reproducible
    builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).replace(tzinfo=None)
    return datetime.now(tz=UTC).replace(tzinfo=None, microsecond=0)
