"""The import structure of ``pipeline/``: circles between modules and packages, and imports
that run back up a layer.

Every ``import`` and ``from ... import`` statement of every module is read (those inside
functions too: a lazy import is still a dependency; so are those under ``if TYPE_CHECKING:``,
which never run but tie the modules together for a reader and for the type checker). Two graphs are drawn: between modules, and between the packages and
top-level modules directly under ``pipeline/`` (``pipeline.training``, ``pipeline.config``).
A circle in either, or an import of a higher layer from a lower one (see ``LAYERS``), is
printed; the exit status is 1 if there is any.

    python scripts/import_graph.py            # problems only
    python scripts/import_graph.py --layers   # also each unit's layer
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "pipeline"

# From the bottom up: a unit (a package or top-level module under pipeline/) may import its
# own layer and the layers below it, never one above. Circles are refused within a layer too.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    (
        "foundation: data types, errors, typed settings, files, caches, resources",
        (
            "types",
            "layers",
            "errors",
            "version",
            "settings",
            "languages",
            "resource_models",
            "io",
            "cache",
            "resources",
            "validate",
            "schemas",
        ),
    ),
    (
        "language data and models: grammar, names, tags, lexicons, languages",
        (
            "grammar",
            "iob",
            "names",
            "lexicon",
            "morphology",
            "inflection",
            "place_heads",
            "word_classes",
            "spans",
            "sentences",
            "tokenize",
            "lang",
            "langid",
            "startup",
            "provenance",
        ),
    ),
    ("the plug-in registry", ("registry",)),
    ("components and normalisers", ("components", "normalise")),
    (
        "configs and the pipeline's own steps",
        ("config", "merge", "combine", "consistency", "linking", "annotations", "export"),
    ),
    (
        "running and scoring: engine, batch, evaluation, training",
        (
            "engine",
            "engines",
            "batch",
            "batch_files",
            "resource_hashes",
            "evaluation",
            "training",
        ),
    ),
    (
        "the user's entry points: commands and the command line",
        (
            "commands",
            "cli",
            "__init__",
            "__main__",
        ),
    ),
]


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(path: Path, name: str, modules: set[str]) -> set[str]:
    """The modules of the package that ``path`` (module ``name``) imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    is_package = path.name == "__init__.py"
    out: set[str] = set()
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = name.split(".") if is_package else name.split(".")[:-1]
                here = here[: len(here) - (node.level - 1)]
                base = ".".join([*here, base] if base else here)
            # ``from a import b``: the module a.b if there is one, else a (b is a name in a)
            targets = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names
            ]
        for target in targets:
            # the longest known module the target names (``pipeline.x.func`` -> ``pipeline.x``)
            parts = target.split(".")
            while parts and ".".join(parts) not in modules:
                parts.pop()
            if parts and ".".join(parts) != name:
                out.add(".".join(parts))
    return out


def module_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Module name -> the package's modules it imports."""
    files = {
        module_name(p, root): p
        for p in sorted((root / PACKAGE).rglob("*.py"))
        if "__pycache__" not in p.parts
    }
    names = set(files)
    graph = {name: imports_of(path, name, names) for name, path in files.items()}
    # a package's ``__init__`` runs before any of its modules: importing ``a.b`` imports ``a``
    return graph


def unit_of(module: str) -> str:
    """The package or top-level module directly under ``pipeline/`` that holds ``module``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def unit_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    units: dict[str, set[str]] = {}
    for module, targets in graph.items():
        own = unit_of(module)
        units.setdefault(own, set())
        for target in targets:
            if unit_of(target) != own and target != PACKAGE:
                units[own].add(unit_of(target))
    return units


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected parts of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            part = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                part.append(top)
                if top == node:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    sys.setrecursionlimit(10_000)
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def layer_of(unit: str) -> int | None:
    for i, (_title, units) in enumerate(LAYERS):
        if unit in units:
            return i
    return None


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    """``a -> b`` for each import of a module by a module of a lower layer, and each unit
    that no layer names."""
    problems = []
    for module in sorted(graph):
        own = layer_of(unit_of(module))
        if own is None:
            problems.append(f"{module}: its unit '{unit_of(module)}' is in no layer")
            continue
        for target in sorted(graph[module]):
            if target == PACKAGE:
                problems.append(f"{module} -> {target} (the package's top, its API)")
                continue
            theirs = layer_of(unit_of(target))
            if theirs is not None and theirs > own:
                problems.append(
                    f"{module} -> {target} (layer {own} '{LAYERS[own][0].split(':')[0]}' "
                    f"imports layer {theirs} '{LAYERS[theirs][0].split(':')[0]}')"
                )
    return problems


def problems(root: Path = ROOT) -> list[str]:
    """Every circle and upward import, one line each."""
    graph = module_graph(root)
    out = [f"module circle: {' <-> '.join(c)}" for c in cycles(graph)]
    out += [f"package circle: {' <-> '.join(c)}" for c in cycles(unit_graph(graph))]
    out += [f"upward import: {p}" for p in upward_imports(graph)]
    return out


def _print_layers(units: Iterable[str]) -> None:
    for i, (title, members) in enumerate(LAYERS):
        present = [u for u in members if u in units]
        print(f"{i}. {title}: {', '.join(present)}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--layers", action="store_true", help="print the layers first")
    args = p.parse_args(argv)
    if args.layers:
        _print_layers(unit_graph(module_graph()))
    found = problems()
    for line in found:
        print(line)
    if not found:
        print("no circles, no upward imports")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
