"""``scriptgen --help`` stays light: no renderer library, no parser built."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, sys
from scriptgen.cli import cli
for args in (["--help"], ["render", "--help"], ["check", "--help"]):
    try:
        cli.main(args, prog_name="scriptgen")
    except SystemExit:
        pass
print(json.dumps(sorted(sys.modules)))
"""


def test_help_imports_no_renderer_and_builds_no_parser() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    modules = set(json.loads(done.stdout.strip().splitlines()[-1]))
    for heavy in ("reportlab", "docx", "lark", "scriptgen.parser", "scriptgen.renderers.pdf"):
        assert heavy not in modules, f"--help imported {heavy}"
