"""Output formats, found by name and imported only when asked for.

Each format is one module in this package defining a :class:`Renderer`
subclass; :data:`FORMATS` maps a format's name to ``module:Class``.
"""

from __future__ import annotations

import importlib

from .base import Renderer, RenderOptions

__all__ = ["FORMATS", "RenderOptions", "Renderer", "get_renderer", "render"]

#: Format name -> "module:Class" inside this package.
FORMATS: dict[str, str] = {
    "pdf": "pdf:PdfRenderer",
    "docx": "docx:DocxRenderer",
    "fountain": "fountain:FountainRenderer",
    "json": "json:JsonRenderer",
    "fdx": "fdx:FdxRenderer",
}


def get_renderer(name: str) -> type[Renderer]:
    """The renderer class for format ``name`` (imports its module now)."""
    try:
        target = FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}; choose from {', '.join(FORMATS)}") from None
    module_name, _, class_name = target.partition(":")
    module = importlib.import_module(f"{__name__}.{module_name}")
    renderer: type[Renderer] = getattr(module, class_name)
    return renderer


def render(document: object, fmt: str, options: RenderOptions | None = None) -> bytes:
    """Render ``document`` (a :class:`scriptgen.ast.Document`) as format ``fmt``."""
    from ..ast import Document

    if not isinstance(document, Document):
        raise TypeError("render() takes a scriptgen.ast.Document")
    renderer = get_renderer(fmt)(options or RenderOptions())
    return renderer.render(document)
