"""A generator of realistic screenplays for scriptgen's benchmarks.

``screenplay(pages)`` returns plain Fountain text (no scriptgen extensions, so
the other Fountain tools can read the same input): a title page, acts as
sections, and scenes of the shape features have: a heading, a few action
paragraphs of varied length, runs of dialogue with the odd parenthetical or
extension, and now and then a transition. The text is made from a fixed
vocabulary with a fixed random seed, so every run times the same input.

A scene prints, on average, as a little under two-thirds of a page under the
screenplay layout; ``screenplay(120)`` gives about 120 pages.

Run it to write a script: ``python bench/corpus.py 120 > big.fountain``.
"""

from __future__ import annotations

import random
import sys

__all__ = ["SCENES_PER_PAGE", "screenplay"]

#: Scenes per printed page, measured with the screenplay layout.
SCENES_PER_PAGE = 1.8

_PLACES = [
    "KITCHEN",
    "DINER",
    "POLICE STATION",
    "PARKING LOT",
    "HOSPITAL CORRIDOR",
    "MOTEL ROOM",
    "FREEWAY",
    "ROOFTOP",
    "JAZZ CLUB",
    "STUDIO LOT",
    "APARTMENT",
    "BEACH",
    "OBSERVATORY",
    "CAR",
    "BACKSTAGE",
    "CASTING OFFICE",
    "BAR",
]
_TIMES = ["DAY", "NIGHT", "MORNING", "DUSK", "CONTINUOUS", "LATER"]
_NAMES = ["MIA", "SEBASTIAN", "KEITH", "LAURA", "GREG", "TRACY", "BILL", "ALEXIS"]
_SUBJECTS = [
    "The door",
    "A waitress",
    "Rain",
    "The phone",
    "Somebody in the back",
    "Traffic",
    "The old piano",
    "A single spotlight",
    "Her reflection",
    "The crowd",
]
_VERBS = [
    "swings open",
    "hurries past",
    "hammers the windows",
    "rings and rings",
    "laughs too loudly",
    "stalls for a moment",
    "sits untouched",
    "finds the stage",
    "stares back",
    "parts without a word",
]
_TAILS = [
    "",
    " and nobody moves",
    " while the radio plays",
    " as if on cue",
    " for what feels like an hour",
    " under the flickering neon",
]
_LINES = [
    "I told you I'd be here.",
    "You don't get it, do you?",
    "Not tonight.",
    "Do you know what time it is?",
    "We could leave right now. Just go.",
    "That's not how any of this works.",
    "Then tell me how it works.",
    "I've been waiting my whole life for this part.",
    "Say that again.",
    "It's fine. Really. It's fine.",
    "Where were you?",
    "I'm sorry.",
    "You said that last time, and the time before that.",
    "Play it again. The one from the first night.",
]
_PARENS = ["(quietly)", "(beat)", "(not looking up)", "(smiling)", "(into the phone)"]
_EXTENSIONS = ["", "", "", "", " (V.O.)", " (O.S.)"]
_TRANSITIONS = ["CUT TO:", "DISSOLVE TO:", "SMASH CUT TO:"]


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)}{rng.choice(_TAILS)}."


def _action(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(1, 5)))


def _dialogue(rng: random.Random) -> str:
    name = rng.choice(_NAMES) + rng.choice(_EXTENSIONS)
    lines = [name]
    if rng.random() < 0.25:
        lines.append(rng.choice(_PARENS))
    lines.append(" ".join(rng.choice(_LINES) for _ in range(rng.randint(1, 4))))
    return "\n".join(lines)


def _scene(rng: random.Random) -> str:
    prefix = rng.choice(["INT.", "EXT.", "INT."])
    parts = [f"{prefix} {rng.choice(_PLACES)} - {rng.choice(_TIMES)}", _action(rng)]
    for _ in range(rng.randint(2, 6)):
        parts.append(_dialogue(rng))
        if rng.random() < 0.35:
            parts.append(_action(rng))
    if rng.random() < 0.2:
        parts.append(rng.choice(_TRANSITIONS))
    return "\n\n".join(parts)


def screenplay(pages: int = 120, seed: int = 2016) -> str:
    """A Fountain screenplay of about ``pages`` pages, the same text for the same arguments."""
    rng = random.Random(seed)
    scenes = max(1, round(pages * SCENES_PER_PAGE))
    out = [
        "Title: A Benchmark in Three Acts\nCredit: written by\nAuthor: The Corpus\n"
        "Draft date: 1 January 2026\nContact: bench@example.com"
    ]
    acts = 3
    for number in range(scenes):
        if number % max(1, scenes // acts) == 0 and number // max(1, scenes // acts) < acts:
            out.append(f"# ACT {number // max(1, scenes // acts) + 1}")
        out.append(_scene(rng))
    out.append("> THE END <")
    return "\n\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(screenplay(int(sys.argv[1]) if len(sys.argv) > 1 else 120))
