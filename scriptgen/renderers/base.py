"""The renderer contract shared by every output format.

A renderer has a ``name``, a file ``extension`` and a ``render(document)``
method returning bytes. Node dispatch is one style everywhere:
``self.visit(node)`` calls ``visit_<NodeClass>``; a node class without a
method raises, so a renderer can never skip an element silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from ..ast import Document
    from ..layout import Layout

__all__ = ["RenderOptions", "Renderer"]


@dataclass(frozen=True)
class RenderOptions:
    """Choices that apply to every format; a renderer ignores those it has no use for."""

    layout_name: str = "screenplay"
    """A shipped layout's name or a layout file's path."""
    paper: str | None = None
    """``letter`` or ``a4`` to override the layout's paper."""
    with_reports: bool = False
    """Append the production reports (scenes, characters, cue sheet)."""
    carry_pagination: bool = False
    """DOCX: carry the paginator's breaks, (MORE) and (CONT'D) into the document."""
    overrides: dict[str, bool] = field(default_factory=dict)
    """Layout ``[options]`` switched from the command line (``print_notes`` …)."""

    def layout(self) -> Layout:
        """Load the chosen layout, with the overrides applied."""
        import dataclasses

        from ..layout import load_layout

        layout = load_layout(self.layout_name, self.paper)
        if self.overrides:
            layout = dataclasses.replace(layout, options={**layout.options, **self.overrides})
        return layout


class Renderer:
    """Base class of every output format."""

    name: ClassVar[str]
    """The format's name (``pdf``)."""
    extension: ClassVar[str]
    """The output file's extension, with the dot (``.pdf``)."""

    def __init__(self, options: RenderOptions | None = None) -> None:
        self.options = options or RenderOptions()

    def render(self, document: Document) -> bytes:
        """The whole document in this format."""
        raise NotImplementedError

    def visit(self, node: Any) -> Any:
        """Dispatch ``node`` to ``visit_<NodeClass>``; unknown nodes raise ``TypeError``."""
        method = getattr(self, f"visit_{type(node).__name__}", None)
        if method is None:
            raise TypeError(f"{type(self).__name__} cannot render a {type(node).__name__}")
        return method(node)
