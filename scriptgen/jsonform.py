"""The JSON form of the AST: stable, documented in ``docs/json.md``.

Every node becomes an object with a ``"type"`` (the AST class name) and one
key per field; tuples become arrays; a span becomes ``[line, column,
end_line, end_column]`` (or ``null``). The whole file is wrapped as
``{"format": "scriptgen-ast", "version": 1, "document": {...}}``.
:func:`from_json` reads it back into an equal tree.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from . import ast

__all__ = ["FORMAT", "VERSION", "from_json", "to_json"]

FORMAT = "scriptgen-ast"
VERSION = 1

_CLASSES: dict[str, type] = {
    name: obj
    for name, obj in vars(ast).items()
    if isinstance(obj, type) and dataclasses.is_dataclass(obj) and name != "Span"
}


def _span(span: ast.Span | None) -> list[int] | None:
    return None if span is None else [span.line, span.column, span.end_line, span.end_column]


def _to_data(value: Any) -> Any:
    if isinstance(value, ast.Span):
        return _span(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data: dict[str, Any] = {"type": type(value).__name__}
        for spec in dataclasses.fields(value):
            data[spec.name] = _to_data(getattr(value, spec.name))
        return data
    if isinstance(value, tuple | list):
        return [_to_data(item) for item in value]
    return value


def to_json(document: ast.Document) -> dict[str, Any]:
    """The JSON-ready form of a document (dicts, lists, strings, numbers)."""
    return {"format": FORMAT, "version": VERSION, "document": _to_data(document)}


def _from_data(value: Any, key: str = "") -> Any:
    if key == "span":
        return None if value is None else ast.Span(*value)
    if key == "spans":
        return tuple(ast.Span(*item) for item in value)
    if isinstance(value, dict):
        cls = _CLASSES.get(value.get("type", ""))
        if cls is None:
            raise ValueError(f"unknown node type {value.get('type')!r} in scriptgen JSON")
        kwargs = {k: _from_data(v, k) for k, v in value.items() if k != "type"}
        return cls(**kwargs)
    if isinstance(value, list):
        return tuple(_from_data(item) for item in value)
    return value


def from_json(data: dict[str, Any]) -> ast.Document:
    """Rebuild a document from :func:`to_json`'s output."""
    if data.get("format") != FORMAT or data.get("version") != VERSION:
        raise ValueError(f"not {FORMAT} version {VERSION} JSON")
    document = _from_data(data["document"])
    if not isinstance(document, ast.Document):
        raise ValueError("scriptgen JSON must hold a Document")
    return document
