"""The house rules of the package layout, checked on the source (no model, no imports run).

- no import cycle between modules, counting imports inside functions too;
- one direction of flow: the ledger, reconcile, output and web layers never import spaCy
  or the pipeline (they work on stored rows), and readers never import the pipeline;
- no module over LONG_LINES lines unless its docstring says why (a paragraph starting "Long:").
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "claimledger"
LONG_LINES = 400
# layer -> what it must not import (prefixes of absolute module names)
FORBIDDEN = {
    "claimledger.ledger": ("spacy", "claimledger.pipeline", "claimledger.read", "claimledger.ingest"),
    "claimledger.reconcile": ("spacy", "claimledger.pipeline", "claimledger.read", "claimledger.ingest"),
    "claimledger.output": ("spacy", "claimledger.pipeline", "claimledger.ingest"),
    "claimledger.web": ("spacy", "claimledger.pipeline", "claimledger.read", "claimledger.ingest"),
    "claimledger.read": ("spacy", "claimledger.pipeline", "claimledger.ledger", "claimledger.ingest"),
}


def module_name(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    return ".".join(parts[:-1] if is_package else parts), is_package


def modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name, is_package = module_name(path)
        found[name] = (path, is_package)
    return found


def imported_names(name: str, path: Path, is_package: bool, known: frozenset[str] = frozenset()) -> set[str]:
    """Absolute names of everything the module imports, at any depth (functions included).

    ``from a import b`` counts as importing ``a.b`` alone when that is a module in ``known``, else ``a``."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                sub = f"{source}.{alias.name}"
                names.add(sub if sub in known else source)
    return names


def import_graph() -> dict[str, set[str]]:
    mods = modules()
    known = frozenset(mods)
    return {name: {m for m in imported_names(name, *info, known) if m in mods and m != name}
            for name, info in mods.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    return found


def test_no_import_cycle():
    assert cycles(import_graph()) == []


def test_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_flow_goes_one_way(layer):
    offenders = []
    for name, (path, is_package) in modules().items():
        if name == layer or name.startswith(layer + "."):
            bad = {m for m in imported_names(name, path, is_package)
                   if any(m == f or m.startswith(f + ".") for f in FORBIDDEN[layer])}
            offenders += [f"{name} imports {m}" for m in sorted(bad)]
    assert offenders == []


def test_long_modules_say_why():
    unexplained = []
    for name, (path, _) in modules().items():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > LONG_LINES:
            doc = ast.get_docstring(ast.parse(text)) or ""
            if not any(p.strip().startswith("Long:") for p in doc.split("\n\n")):
                unexplained.append(f"{name}: {text.count(chr(10))} lines")
    assert unexplained == []
