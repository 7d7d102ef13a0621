"""Where scriptgen's data files live, installed or in a source checkout.

In a wheel, ``grammar/``, ``templates/`` and ``seeds/`` are installed inside
the package; in a checkout (or an editable install) they sit beside it.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The directory of a data folder (``grammar``, ``templates``, ``seeds``, ``fonts``)."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"scriptgen's {name}/ folder is missing from the installation")
