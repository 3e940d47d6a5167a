"""Layers point one way (DESIGN.md), and the browse commands stay light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "gongjian"
# What each layer may import of gongjian (besides itself and the leaf modules errors, files and limits).
ALLOWED = {
    "contracts": set(),
    "clauses": {"contracts"},
    "templates": {"contracts", "clauses"},
    "nlp": {"contracts", "clauses"},
}


def _gongjian_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "gongjian" and len(parts) > 1:
                found.add(parts[1])
    return found


LAYER_FILES = [(layer, p) for layer in ALLOWED for p in sorted((PKG / layer).rglob("*.py"))]


@pytest.mark.parametrize("layer, path", LAYER_FILES, ids=[str(p.relative_to(PKG)) for _, p in LAYER_FILES])
def test_layer_imports_point_one_way(layer, path):
    bad = _gongjian_imports(path) - ALLOWED[layer] - {layer, "errors", "files", "limits"}
    assert not bad, f"{path.relative_to(PKG)} imports {sorted(bad)}"


HEAVY = ("spacy", "jieba", "docx", "docxtpl")
LIGHT_COMMANDS = [["--help"], ["regimes"], ["regimes", "show", "cq-liangjiang"], ["clauses"],
                  ["clauses", "show", "C07"], ["clauses", "--format", "json"]]


@pytest.mark.parametrize("args", LIGHT_COMMANDS, ids=lambda a: " ".join(a))
def test_browse_commands_import_no_heavy_library(args):
    code = (
        "import sys\n"
        "from gongjian.cli import cli\n"
        "try:\n"
        f"    cli.main({args!r}, prog_name='gongjian', standalone_mode=False)\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print('HEAVY:' + ','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "HEAVY:", out.stdout[-300:]
