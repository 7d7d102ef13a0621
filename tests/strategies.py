"""Hypothesis strategies that build random scriptgen documents.

:func:`documents` draws a title page (fields and a cast), top-level
elements, sections and scenes holding every element kind, with awkward text:
lines in capitals inside action, lines ending in ``TO:``, lines opening with
``! @ . > ~ = #``, emphasis markers, brackets, backslashes, ``♪`` and ``%%``,
forced mentions and inline cues, notes and boneyard.

The trees are what the parser could have produced: they go through the
resolve pass (mentions, first appearances, scene numbers) and
:func:`scriptgen.renderers.fountain.settle_forcing` (forcing flags agree with
the text). They keep to what the markup can say at all, documented in
docs/fountain.md: emphasis changes only at a space, a styled run neither
starts nor ends with a space, an action line never ends with one, and the
like.
"""

from __future__ import annotations

from hypothesis import strategies as st

from scriptgen.ast import (
    CUE_TAGS,
    Action,
    Block,
    Boneyard,
    CastList,
    CastMember,
    Centered,
    Dialogue,
    DialoguePart,
    Document,
    DualDialogue,
    Element,
    InlineBoneyard,
    InlineCue,
    InlineNote,
    Lyrics,
    Mention,
    MusicCue,
    Note,
    PageBreak,
    Parenthetical,
    Performer,
    Run,
    Scene,
    Section,
    Speech,
    Synopsis,
    Text,
    TextRun,
    TitleField,
    TitlePage,
    Transition,
)
from scriptgen.parser import parse_slugline
from scriptgen.renderers.fountain import Policy, merge_runs, settle_forcing
from scriptgen.resolve import resolve

__all__ = ["documents", "raw_documents", "sources", "texts"]

#: Words that trip Fountain readers up, mixed with ordinary ones.
AWKWARD = (
    "!", "!!", "@", "@x", "@{", ".", "...", ".x", ">", "<", ">x<", "~", "=", "==", "===",
    "#", "##", "^", "(", ")", "(aside)", "[", "]", "[[", "]]", "{", "}", "*", "**", "***",
    "_", "__", "a*b", "snake_case", "_x_", "\\", "\\*", "/", "/*", "*/", "♪", '♪"x"', "%",
    "%%", '%%"y"', '"', "\u201c", "\u201d", "'", "-", ":", "TO:", "CUT TO:", "INT.", "int.",
    "EXT", "EST.", "I/E", "Title:", "Cast:", "FADE", "IN:", "123", "R2D2",
)  # fmt: skip
ORDINARY = (
    "rain", "the", "city", "night", "sings", "piano", "Mia", "Mia's", "MIA", "Sebastian",
    "Seb", "KEITH", "Keith", "LAURA", "jazz", "Hollywood", "a", "of", "Ж",
)  # fmt: skip
CAPITALS = ("MIA", "THE", "CITY", "NIGHT", "KEITH", "SEB", "JAZZ", "R2D2", "O'BRIEN", "TO:")

words = st.one_of(st.sampled_from(ORDINARY), st.sampled_from(AWKWARD))
plain_words = st.sampled_from(ORDINARY)
#: Anything but the closing marker can stand in a boneyard.
boneyard_words = st.sampled_from([w for w in (*ORDINARY, *AWKWARD) if "*/" not in w])
styles = st.sampled_from(
    [(), (), (), ("bold",), ("italic",), ("underline",), ("bold", "italic"), ("bold", "underline")]
)

CAST = (
    CastMember("MIA DOLAN", (), "Emma Stone", "an aspiring actress"),
    CastMember("SEBASTIAN WILDER", ("Seb",), "Ryan Gosling", "a jazz pianist"),
    CastMember("KEITH", (), None, "a bandleader: slick (and rich)"),
    CastMember("LAURA WILDER"),
)


def _phrase(draw: st.DrawFn, source: st.SearchStrategy[str] = words, most: int = 4) -> str:
    return " ".join(draw(st.lists(source, min_size=1, max_size=most)))


@st.composite
def _chunk(draw: st.DrawFn) -> list[Run]:
    """One piece of a line: styled words, a forced mention, an inline cue, a note."""
    kind = draw(st.sampled_from(["words"] * 6 + ["mention", "cue", "note", "boneyard"]))
    style = draw(styles)
    if kind == "mention":
        name = draw(st.sampled_from(["Greg", "Old Man", "Mia", "Seb", "J-Lo", "R2.D2"]))
        return [Mention(name, forced=True, style=style)]
    if kind == "cue":
        title = _phrase(draw, plain_words, 3)
        performers = draw(st.lists(st.sampled_from(["MIA", "Seb", "The Band"]), max_size=2))
        tags = draw(st.lists(st.sampled_from(CUE_TAGS), max_size=2, unique=True))
        return [InlineCue(title, tuple(Performer(p) for p in performers), tuple(tags), style)]
    if kind == "note":
        return [InlineNote(_phrase(draw, plain_words, 3))]
    if kind == "boneyard":
        return [InlineBoneyard(_phrase(draw, plain_words, 3))]
    return [TextRun(_phrase(draw), style)]


@st.composite
def texts(draw: st.DrawFn, capitals: bool = False) -> Text:
    """A line of inline text: chunks separated by spaces (emphasis changes only there)."""
    if capitals:
        return Text((TextRun(_phrase(draw, st.sampled_from(CAPITALS), 3)),))
    chunks = draw(st.lists(_chunk(), min_size=1, max_size=4))
    runs: list[Run] = []
    for index, chunk in enumerate(chunks):
        if index:
            runs.append(TextRun(" "))
        runs.extend(chunk)
    return Text(merge_runs(runs))


@st.composite
def _action(draw: st.DrawFn) -> Action:
    lines = draw(
        st.lists(st.one_of(texts(), texts(capitals=True), st.just(Text())), min_size=1, max_size=4)
    )
    if not any(line.runs for line in lines):
        lines.append(draw(texts()))
    if lines and lines[0].runs and draw(st.booleans()):
        indented = merge_runs((TextRun("   "), *lines[0].runs))
        lines[0] = Text(indented)
    return Action(tuple(lines), forced=draw(st.booleans()))


def _speech_text(draw: st.DrawFn) -> Text:
    return draw(st.one_of(texts(), texts(capitals=True), st.just(Text())))


@st.composite
def _dialogue(draw: st.DrawFn) -> Dialogue:
    character = draw(
        st.sampled_from(
            ["MIA", "SEBASTIAN", "KEITH", "MIA DOLAN", "Mia", "R2D2", "O'BRIEN", "ЖЕНЯ",
             "INT. GUY", "McCLANE", "BOB 2", "!BANG", "#HASH", "~TILDE", "A", "@AT"]
        )
    )  # fmt: skip
    extensions = draw(st.lists(st.sampled_from(["V.O.", "O.S.", "CONT'D", "cont'd"]), max_size=2))
    kinds = draw(st.lists(st.sampled_from(["paren", "speech", "lyrics"]), min_size=1, max_size=4))
    parts: list[DialoguePart] = []
    for kind in kinds:
        previous = parts[-1] if parts else None
        if kind == "paren":
            parts.append(Parenthetical(Text((TextRun(f"({_phrase(draw, plain_words, 3)})"),))))
        elif kind == "speech":
            lines = tuple(_speech_text(draw) for _ in range(draw(st.integers(1, 2))))
            if not parts and not lines[0].runs:
                # A cue needs text on the line below it; a kept blank line cannot come first.
                lines = (draw(texts()), *lines[1:])
            if isinstance(previous, Speech):
                parts[-1] = Speech(previous.lines + lines)
            else:
                parts.append(Speech(lines))
        else:
            lines = tuple(draw(texts()) for _ in range(draw(st.integers(1, 2))))
            if isinstance(previous, Lyrics):
                parts[-1] = Lyrics(previous.lines + lines)
            else:
                parts.append(Lyrics(lines))
    return Dialogue(character, tuple(extensions), tuple(parts), forced=draw(st.booleans()))


@st.composite
def _music_cue(draw: st.DrawFn) -> MusicCue:
    title = _phrase(draw, st.sampled_from([*ORDINARY, "&", "*", "#", "~", "!"]), 3)
    performers = draw(
        st.lists(st.sampled_from(["MIA", "SEBASTIAN", "Seb", "Keith", "The Band"]), max_size=3)
    )
    tags = draw(st.lists(st.sampled_from(CUE_TAGS), max_size=2, unique=True))
    lyrics = draw(st.lists(texts(), max_size=2))
    quoted = draw(st.booleans()) or title[:1] in '"\u201c'
    return MusicCue(
        title, tuple(Performer(p) for p in performers), tuple(tags), tuple(lyrics), quoted
    )


@st.composite
def _element(draw: st.DrawFn) -> Element:
    kind = draw(
        st.sampled_from(
            ["action"] * 4
            + ["dialogue"] * 2
            + ["dual", "transition", "centered", "lyrics", "cue", "note", "boneyard"]
            + ["synopsis", "page break"]
        )
    )
    if kind == "action":
        return draw(_action())
    if kind == "dialogue":
        return draw(_dialogue())
    if kind == "dual":
        return DualDialogue(draw(_dialogue()), draw(_dialogue()))
    if kind == "transition":
        text = draw(
            st.sampled_from(
                ["CUT TO:", "SMASH CUT TO:", "FADE OUT.", "Dissolve to:", "FADE TO BLACK.",
                 ">IN", "INT. TO:", "CUT TO: ME"]
            )
        )  # fmt: skip
        return Transition(text, forced=draw(st.booleans()))
    if kind == "centered":
        return Centered(draw(texts()))
    if kind == "lyrics":
        return Lyrics(tuple(draw(st.lists(texts(), min_size=1, max_size=3))))
    if kind == "cue":
        return draw(_music_cue())
    if kind == "note":
        lines = [_phrase(draw, plain_words, 3) for _ in range(draw(st.integers(1, 3)))]
        return Note("\n".join(lines))
    if kind == "boneyard":
        lines = [
            _phrase(draw, boneyard_words, 3) if draw(st.booleans()) else ""
            for _ in range(draw(st.integers(1, 4)))
        ]
        return Boneyard("\n".join(lines))
    if kind == "synopsis":
        return Synopsis(draw(texts()))
    return PageBreak()


@st.composite
def _scene(draw: st.DrawFn) -> Scene:
    prefix = draw(st.sampled_from(["INT. ", "EXT. ", "INT./EXT. ", "I/E ", "EST. ", "int. ", ""]))
    place = _phrase(draw, st.sampled_from(["HOUSE", "FREEWAY", "Jazz", "CLUB", "'S", "-"]), 3)
    time = draw(st.sampled_from(["", " - DAY", " - NIGHT", " - LATER"]))
    number = draw(st.sampled_from([None, None, "1", "12A"]))
    written = prefix + place + time + (f" #{number}#" if number else "")
    heading = parse_slugline(written, draw(st.booleans()))
    elements = draw(st.lists(_element(), max_size=5))
    return Scene(heading, tuple(elements))


@st.composite
def _title_page(draw: st.DrawFn) -> TitlePage:
    keys = draw(
        st.lists(
            st.sampled_from(["Title", "Credit", "Author", "Source", "Draft date", "Contact"]),
            min_size=1,
            max_size=4,
            unique=True,
        )
    )
    fields: list[TitleField | CastList] = []
    for key in keys:
        lines = draw(st.lists(texts(), min_size=0, max_size=3))
        fields.append(TitleField(key, tuple(_no_mentions(line) for line in lines)))
    if draw(st.booleans()):
        members = draw(st.lists(st.sampled_from(CAST), min_size=1, max_size=4, unique=True))
        fields.insert(draw(st.integers(0, len(fields))), CastList(tuple(members)))
    return TitlePage(tuple(fields))


def _no_mentions(text: Text) -> Text:
    """Title-page text: the resolve pass does not read the title page, so no mentions."""
    runs = [TextRun(run.text, run.style) if isinstance(run, Mention) else run for run in text.runs]
    return Text(merge_runs(runs))


@st.composite
def raw_documents(draw: st.DrawFn) -> Document:
    """A random document before the resolve pass (forcing flags still random)."""
    title_page = draw(st.one_of(st.none(), _title_page()))
    body: list[Block] = list(draw(st.lists(_element(), max_size=2)))
    for _ in range(draw(st.integers(0, 4))):
        if draw(st.integers(0, 3)) == 0:
            level = draw(st.integers(1, 3))
            body.append(Section(level, _phrase(draw, st.sampled_from([*ORDINARY, "#"]), 3)))
            body.extend(draw(st.lists(_element(), max_size=2)))
        else:
            body.append(draw(_scene()))
    return Document(title_page, tuple(body))


@st.composite
def documents(draw: st.DrawFn, policy: Policy = Policy.SOURCE) -> Document:
    """A random document as the parser would give it: resolved, forcing flags settled."""
    return settle_forcing(resolve(draw(raw_documents())), policy)


#: Source lines, tidy and untidy, that together exercise every kind of line.
SOURCE_LINES = (
    "", "", "", "  ", "Title: X", "Cast:", "    MIA DOLAN / Mia (Emma): actress", "  KEITH",
    "Author:", "\tSomeone", "INT. HOUSE - DAY", ".FORCED", "EXT. X #1#", "MIA", "MIA (V.O.)",
    "@Mia", "BOB ^", "(wryly)", "Hello there.", "~La la", "~ la", "CUT TO:", ">FADE OUT.",
    "> THE END <", "# Act", "## Seq", "= synopsis", "===", "[[note]]", "[[open note", "close]]",
    "/* bone", "yard */", "/*x*/", "!FORCED", "!!bang", "Mia walks. Seb *runs*.",
    "_under_ **bold** ***both***", "a\\*b \\_c\\_", "snake_case",
    '♪ "City of Stars" (SEBASTIAN, MIA)', "%% Bare title (instrumental)", "♪“Curly” (reprise)",
    'She hums ♪"Planetarium"(MIA) softly.', "@{Old Man} waves at @Greg.", "THE END",
    "    indented action", "trailing   ", "tab\there", "\\#escaped", "\\~x", "...and then",
    "I/E CAR", "@", "*", "_x", "a@b.c", "[[a]] /*b*/ c", "Title: Late", "MIA DOLAN", "  (aside)",
)  # fmt: skip


@st.composite
def sources(draw: st.DrawFn) -> str:
    """Random marked-up source text (it may not parse: callers skip those)."""
    lines = draw(st.lists(st.sampled_from(SOURCE_LINES), max_size=25))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(lines) + newline
