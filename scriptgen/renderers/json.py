"""``--format json``: the AST's documented JSON form (see ``docs/json.md``)."""

from __future__ import annotations

import json

from ..ast import Document
from ..jsonform import to_json
from .base import Renderer

__all__ = ["JsonRenderer"]


class JsonRenderer(Renderer):
    """Writes the whole tree as JSON, for other tools."""

    name = "json"
    extension = ".json"

    def render(self, document: Document) -> bytes:
        """The document as indented UTF-8 JSON."""
        text = json.dumps(to_json(document), ensure_ascii=False, indent=2)
        return (text + "\n").encode("utf-8")
