"""bench/final_draft.py: reading Final Draft's scene pages and comparing them with ours."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

from scriptgen.ast import (
    Action,
    Dialogue,
    Document,
    DualDialogue,
    PageBreak,
    Parenthetical,
    Scene,
    Slugline,
    Speech,
    Text,
    TextRun,
    Transition,
)
from scriptgen.flow import build_flow
from scriptgen.layout import load_layout
from scriptgen.paginate import paginate
from scriptgen.renderers import RenderOptions, render

TOOL = Path(__file__).resolve().parent.parent / "bench" / "final_draft.py"


def load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("final_draft", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["final_draft"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def t(value: str) -> Text:
    return Text((TextRun(value),))


def script() -> Document:
    """Eight scenes over several pages: long action, dialogue, a dual, a forced break."""
    scenes = []
    for n in range(1, 9):
        elements: list[object] = [
            Action(tuple(t(f"Sentence {i} of scene {n} runs on for a while.") for i in range(24))),
            Dialogue(
                "MIA",
                ("V.O.",),
                (Parenthetical(t("(quietly)")), Speech((t("We should go. Now, before dawn."),))),
            ),
        ]
        if n == 3:
            elements.append(
                DualDialogue(
                    Dialogue("MIA", (), (Speech((t("Left."),)),)),
                    Dialogue("SEB", (), (Speech((t("Right."),)),)),
                )
            )
        if n == 5:
            elements.append(PageBreak())
        elements.append(Transition("CUT TO:"))
        heading = Slugline(f"INT. ROOM {n} - DAY", "INT.", f"ROOM {n}", "DAY")
        scenes.append(Scene(heading, tuple(elements), number=n))  # type: ignore[arg-type]
    return Document(None, tuple(scenes))


def test_our_own_fdx_agrees_with_itself_scene_for_scene(tmp_path: Path) -> None:
    tool = load_tool()
    document = script()
    for paper in ("letter", "a4"):
        path = tmp_path / f"script-{paper}.fdx"
        path.write_bytes(render(document, "fdx", RenderOptions(paper=paper)))
        read = tool.read_final_draft(path)
        layout = load_layout("screenplay", read.paper)
        assert read.paper == paper
        result = tool.compare(read, layout)
        assert (result.scenes, result.same, result.misses) == (8, 8, [])
        assert result.final_draft_last == result.scriptgen_last > 3
        pages = paginate(build_flow(document, layout), layout).page_count
        assert paginate(build_flow(read.document, layout), layout).page_count == pages
        assert tool.setting_differences(read, layout) == []


def test_the_reader_keeps_what_the_page_count_depends_on(tmp_path: Path) -> None:
    tool = load_tool()
    path = tmp_path / "script.fdx"
    path.write_bytes(render(script(), "fdx"))
    scenes = [b for b in tool.read_final_draft(path).document.body if isinstance(b, Scene)]
    assert [s.heading.text for s in scenes] == [f"INT. ROOM {n} - DAY" for n in range(1, 9)]
    kinds = [type(e).__name__ for e in scenes[2].elements]
    assert kinds == ["Action", "Dialogue", "DualDialogue", "Transition"]
    cue = scenes[0].elements[1]
    assert isinstance(cue, Dialogue) and (cue.character, cue.extensions) == ("MIA", ("V.O.",))
    assert [type(p).__name__ for p in cue.parts] == ["Parenthetical", "Speech"]
    assert any(isinstance(e, PageBreak) for s in scenes[4:6] for e in s.elements)


FDX = """<?xml version="1.0" encoding="UTF-8"?>
<FinalDraft DocumentType="Script" Version="5">
  <Content>
    <Paragraph Type="Scene Heading">
      <SceneProperties Page="1">
        <Summary><Paragraph><Text>She decides.</Text></Paragraph></Summary>
      </SceneProperties>
      <Text>INT. A - DAY</Text>
    </Paragraph>
    <Paragraph Type="Action"><Text>One.</Text></Paragraph>
    <Paragraph Type="Action"><Text></Text></Paragraph>
    <Paragraph StartsNewPage="Yes"><DualDialogue>
      <Paragraph Type="Character"><Text>MIA</Text></Paragraph>
      <Paragraph Type="Parenthetical"><Text>(softly)</Text></Paragraph>
      <Paragraph Type="Dialogue"><Text>Left.</Text></Paragraph>
      <Paragraph Type="Character"><Text>SEB (O.S.)</Text></Paragraph>
      <Paragraph Type="Dialogue"><Text>Right.</Text></Paragraph>
    </DualDialogue></Paragraph>
    <Paragraph Type="Scene Heading"><SceneProperties Page="3"/><Text>INT. B - DAY</Text></Paragraph>
    <Paragraph Type="Action"><Text>Two.</Text></Paragraph>
    <Paragraph Type="Scene Heading">
      <SceneProperties Page="3A"/><Text>INT. C - DAY</Text>
    </Paragraph>
  </Content>
  <ElementSettings Type="Dialogue">
    <ParagraphSpec LeftIndent="2.50" RightIndent="6.20" SpaceBefore="0"/>
  </ElementSettings>
</FinalDraft>
"""


def test_final_draft_shapes_are_read_as_final_draft_prints_them(tmp_path: Path) -> None:
    tool = load_tool()
    path = tmp_path / "fd.fdx"
    path.write_text(FDX, encoding="utf-8")
    read = tool.read_final_draft(path)
    first, second, third = read.document.scenes
    assert first.heading.text == "INT. A - DAY"  # not the summary's text
    assert isinstance(first.elements[0], Action) and isinstance(first.elements[1], PageBreak)
    dual = first.elements[2]
    assert isinstance(dual, DualDialogue)
    assert (dual.left.character, dual.right.character, dual.right.extensions) == (
        "MIA",
        "SEB",
        ("O.S.",),
    )
    assert [type(p).__name__ for p in dual.left.parts] == ["Parenthetical", "Speech"]
    assert (read.empty_paragraphs, read.unnumbered) == (1, 1)
    assert (second.heading.text, third.heading.text) == ("INT. B - DAY", "INT. C - DAY")


def test_a_scene_on_another_page_is_counted_and_settings_compared(tmp_path: Path) -> None:
    tool = load_tool()
    path = tmp_path / "fd.fdx"
    path.write_text(FDX, encoding="utf-8")
    read = tool.read_final_draft(path)
    layout = load_layout("screenplay")
    result = tool.compare(read, layout)
    # The forced break puts the dual dialogue and scene B on page 2; the file says 3.
    assert (result.scenes, result.same, result.off_by_one, result.further) == (2, 1, 1, 0)
    assert result.misses == [(2, "INT. B - DAY", 3, 2)]
    assert tool.setting_differences(read, layout) == ["Dialogue 37 characters wide (layout 35)"]


def test_a_file_without_final_drafts_pages_is_skipped(tmp_path: Path, capsys: object) -> None:
    tool = load_tool()
    path = tmp_path / "plain.fdx"
    path.write_text(
        re.sub(r' Page="[^"]*"', "", FDX),
        encoding="utf-8",
    )
    assert tool.read_final_draft(path).pages == {}
    assert tool.main([str(path)]) == 1  # nothing could be compared
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "no Final Draft page numbers" in out
