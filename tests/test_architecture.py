"""The package's shape, as docs/architecture.md describes it, checked on the source.

* a ``_private`` name (module or attribute) is never imported from another subpackage;
* the modules import each other without a cycle (imports inside functions included);
* no function is longer than a screen (literal data aside).
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "infoview_kit"
MAX_FUNCTION_LINES = 60


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, ast.Module]:
    return {
        _module_name(path): ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def _area(module: str) -> str:
    """The subpackage a module belongs to (``infoview_kit.io.load`` -> ``io``)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 else ""  # top-level modules form one area


def _imports(module: str, tree: ast.Module):
    """(imported module, imported names) for every import in the module, relative ones resolved."""
    package = module if _is_package(module) else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            yield base, [alias.name for alias in node.names]


def _is_package(module: str) -> bool:
    return (PACKAGE.parent / module.replace(".", "/") / "__init__.py").exists()


MODULES = _modules()


def test_no_private_name_is_imported_from_another_subpackage():
    offences = []
    for module, tree in MODULES.items():
        for target, names in _imports(module, tree):
            if not target.startswith("infoview_kit") or _area(target) == _area(module):
                continue
            private = [p for p in target.split(".") if p.startswith("_") and p != "__init__"]
            private += [n for n in names if n.startswith("_")]
            if private:
                offences.append(f"{module} imports {target}: {', '.join(private)}")
        offences += _private_attributes_used(module, tree)
    assert not offences, "\n".join(offences)


def _private_attributes_used(module: str, tree: ast.Module) -> list[str]:
    """``alias._name`` where ``alias`` is a module of another subpackage."""
    aliases = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("infoview_kit"):
            for alias in node.names:
                target = f"{node.module}.{alias.name}"
                if target in MODULES and _area(target) != _area(module):
                    aliases[alias.asname or alias.name] = target
    return [
        f"{module} uses {aliases[node.value.id]}.{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in aliases
        and node.attr.startswith("_")
    ]


def test_no_import_cycle_between_modules():
    graph = nx.DiGraph()
    for module, tree in MODULES.items():
        graph.add_node(module)
        for target, names in _imports(module, tree):
            candidates = [f"{target}.{n}" for n in names] + [target]
            for candidate in candidates:
                if candidate in MODULES and candidate != module:
                    graph.add_edge(module, candidate)
                    break
    # a package's __init__ re-exporting its own modules is not a cycle of meaning
    graph.remove_edges_from(
        [(a, b) for a, b in list(graph.edges) if _is_package(a) and b.startswith(a + ".")]
    )
    cycles = list(nx.simple_cycles(graph))
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def _is_literal_data(node: ast.AST, length: int) -> bool:
    """Most of the body is one table of values (a catalogue of words or sample files)."""
    tables = [
        n.end_lineno - n.lineno + 1
        for n in ast.walk(node)
        if isinstance(n, (ast.Dict, ast.List, ast.Tuple, ast.Set))
    ]
    return bool(tables) and max(tables) >= 0.8 * length


def _function_lengths():
    for module, tree in MODULES.items():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                start = node.lineno
                if node.body and isinstance(node.body[0], ast.Expr):
                    # the docstring (with its examples) is documentation, not code
                    start = node.body[0].end_lineno
                length = node.end_lineno - start
                if not _is_literal_data(node, length):
                    yield f"{module}.{node.name}", length


@pytest.mark.parametrize("limit", [MAX_FUNCTION_LINES])
def test_no_function_is_longer_than_a_screen(limit):
    long = sorted(f"{name} ({n} lines)" for name, n in _function_lengths() if n > limit)
    assert not long, "\n".join(long)
