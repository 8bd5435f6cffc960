"""The import structure of ``pipeline/`` (scripts/import_graph.py): no circles, no import
running back up a layer, and no module over 800 lines."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "import_graph.py"


@pytest.fixture(scope="module")
def graph_tool():
    spec = importlib.util.spec_from_file_location("import_graph", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_package_has_no_circles_nor_upward_imports():
    result = subprocess.run(
        [sys.executable, str(SCRIPT)], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert result.stdout.splitlines() == ["no circles, no upward imports"], result.stdout
    assert result.returncode == 0


def test_every_unit_of_the_package_has_a_layer(graph_tool):
    units = graph_tool.unit_graph(graph_tool.module_graph())
    assert [u for u in sorted(units) if graph_tool.layer_of(u) is None] == []


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / "pipeline" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_the_tool_finds_circles_lazy_type_checking_and_upward_imports(tmp_path, graph_tool):
    _write(
        tmp_path,
        {
            "__init__.py": "",
            "types.py": "def f():\n    from pipeline.engine import run\n",
            "engine.py": "from pipeline import types\nrun = 1\n",
            "grammar/__init__.py": "from .dates import x\n",
            "grammar/dates.py": "from pipeline.grammar.numbers import y\nx = 1\n",
            "grammar/numbers.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n    from pipeline.engine import run\n"
                "from pipeline.grammar.dates import x\ny = 2\n"
            ),
        },
    )
    assert graph_tool.problems(tmp_path) == [
        "module circle: pipeline.engine <-> pipeline.types",
        "module circle: pipeline.grammar.dates <-> pipeline.grammar.numbers",
        "package circle: engine <-> types",
        # an import only for the type checker still ties the modules (and reads as one)
        "upward import: pipeline.grammar.numbers -> pipeline.engine (layer 1 'language data "
        "and models' imports layer 5 'running and scoring')",
        "upward import: pipeline.types -> pipeline.engine (layer 0 'foundation' imports "
        "layer 5 'running and scoring')",
    ]


def test_no_module_is_over_800_lines():
    sizes = {
        str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
        for p in (ROOT / "pipeline").rglob("*.py")
    }
    assert {p: n for p, n in sizes.items() if n > 800} == {}
