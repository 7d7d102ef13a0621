"""The record classes behave as values: equality, hashing, repr, pickling, matching.

AST nodes leave their source spans out of equality and hashing, so a tree
means the same wherever and however it was written; a layout leaves out the
file it was read from. Documents cross process boundaries (the batch
renderer's process pool), so they must survive pickling with their spans.
"""

from __future__ import annotations

import pickle

import msgspec.structs
import pytest
from samples import GOOD, SOURCES

from scriptgen import ast as A
from scriptgen.flow import FlowBlock, SceneRef, StyledRun
from scriptgen.layout import load_layout
from scriptgen.paginate import PlacedLine
from scriptgen.parser import parse

HERE = A.Span(1, 1, 1, 10)
THERE = A.Span(7, 3, 9, 2)


def _nodes(span: A.Span | None) -> list[A._Node]:
    """One node of several kinds, nested ones included, all placed at ``span``."""
    text = A.Text((A.TextRun("Mia", ("bold",)), A.Mention("Mia", "MIA", span=span)), span=span)
    return [
        A.Mention("Seb", "SEBASTIAN", forced=True, span=span),
        text,
        A.Action((text,), forced=True, span=span),
        A.Slugline("INT. CLUB - NIGHT", "INT.", "CLUB", "NIGHT", span=span),
        A.Dialogue("MIA", ("V.O.",), (A.Speech((text,), span=span),), span=span),
        A.PageBreak(span=span),
        A.Appearance("MIA", 1, 2, 0, spans=() if span is None else (span, span)),
    ]


@pytest.mark.parametrize("index", range(len(_nodes(None))))
def test_a_node_equals_itself_written_elsewhere_and_hashes_the_same(index: int) -> None:
    here, there, nowhere = (_nodes(span)[index] for span in (HERE, THERE, None))
    assert here == there == nowhere
    assert hash(here) == hash(there) == hash(nowhere)
    assert len({here, there, nowhere}) == 1


def test_nodes_differing_outside_their_spans_are_not_equal() -> None:
    a = A.Action((A.Text((A.TextRun("Mia"),)),), span=HERE)
    assert a != msgspec.structs.replace(a, forced=True)
    assert a != A.Action((A.Text((A.TextRun("Seb"),)),), span=HERE)
    # Equal fields in different classes are different nodes.
    assert A.Note("x") != A.Boneyard("x")
    assert A.Speech((A.Text(),)) != A.Lyrics((A.Text(),))


def test_the_span_is_kept_though_not_compared() -> None:
    moved = msgspec.structs.replace(A.Note("x", span=HERE), span=THERE)
    assert moved.span == THERE
    assert "span" not in repr(moved)
    assert repr(moved) == "Note(text='x')"


def test_nodes_are_frozen() -> None:
    note = A.Note("x")
    with pytest.raises(AttributeError):
        note.text = "y"  # type: ignore[misc]


def test_nodes_match_by_position() -> None:
    match A.Section(2, "Act Two", span=HERE):
        case A.Section(level, text):
            assert (level, text) == (2, "Act Two")
        case _:
            pytest.fail("a Section did not match its own pattern")


@pytest.mark.parametrize("source", [GOOD, *(p.read_text(encoding="utf-8") for p in SOURCES[:2])])
def test_a_document_survives_pickling(source: str) -> None:
    document = parse(source, "script.fountain")
    copy = pickle.loads(pickle.dumps(document))
    assert copy == document
    assert type(copy) is A.Document
    # Spans are not compared, so check they came through too.
    spans = [(b.span, type(b)) for _, b in document.walk()]
    assert spans and [(b.span, type(b)) for _, b in copy.walk()] == spans


def test_layouts_are_equal_wherever_they_were_read_from() -> None:
    layout = load_layout("screenplay")
    assert layout.source is not None
    elsewhere = msgspec.structs.replace(layout, source=None)
    assert elsewhere == layout
    assert msgspec.structs.replace(layout, lines_per_page=50) != layout


def test_runs_blocks_and_placed_lines_are_hashable_values() -> None:
    run = StyledRun("MIA", bold=True)
    block = FlowBlock("character", "character", ((run,),), scene=SceneRef(1, "1", "INT. X"))
    line = PlacedLine("character", (run,), 3, 3.7, block=0)
    for value, same, other in (
        (run, StyledRun("MIA", bold=True), StyledRun("MIA")),
        (block, msgspec.structs.replace(block), msgspec.structs.replace(block, level=1)),
        (line, msgspec.structs.replace(line), msgspec.structs.replace(line, row=4)),
    ):
        assert value == same and hash(value) == hash(same)
        assert value != other
        assert len({value, same, other}) == 2
