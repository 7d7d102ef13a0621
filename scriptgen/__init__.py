"""scriptgen: marked-up synopses to Fountain, PDF and DOCX treatments.

Three stages, each usable alone::

    from scriptgen import parse, render
    document = parse(text)                     # text -> Document (the AST)
    pdf = render(document, "pdf")              # Document -> bytes
    warnings = validate(document)              # Document -> [Diagnostic]

Names are imported lazily so that importing the package stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["MarkupError", "__version__", "parse", "parse_bytes", "render", "validate"]

if TYPE_CHECKING:
    from .errors import MarkupError
    from .parser import parse, parse_bytes
    from .renderers import render
    from .validation import validate

_LAZY = {
    "parse": "parser",
    "parse_bytes": "parser",
    "render": "renderers",
    "validate": "validation",
    "MarkupError": "errors",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'scriptgen' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f".{module}", __name__), name)
