"""The project's Python packages import each other without cycles, lazy imports inside functions included."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, List, Set

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("actions", "nlu_components", "channels")


def module_name(path: Path, root: Path) -> str:
    """The dotted module name of a source file under root ('actions/engine/__init__.py' -> 'actions.engine')."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, name: str, known: Set[str]) -> Set[str]:
    """The project modules one file imports anywhere in its body (relative imports resolved)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: Set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            source = ".".join([*base, *([node.module] if node.module else [])])
            targets = [f"{source}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:  # 'a.b.name' imports module 'a.b' when 'name' is not a module
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph(root: Path, packages: tuple[str, ...]) -> Dict[str, Set[str]]:
    """Map every module of the packages to the project modules it imports."""
    files = {module_name(p, root): p for package in packages for p in sorted((root / package).rglob("*.py"))}
    return {name: imported_modules(path, name, set(files)) for name, path in files.items()}


def find_cycle(graph: Dict[str, Set[str]]) -> List[str]:
    """One import cycle as a path that returns to its start, or [] when there is none."""
    state: Dict[str, int] = {}  # 1: on the current path, 2: done
    path: List[str] = []

    def visit(node: str) -> List[str]:
        """Depth-first search from node; return a cycle through the current path if one is reached."""
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return path[path.index(target) :] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[node] = 2
        path.pop()
        return []

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return []


def test_the_project_has_no_import_cycle() -> None:
    graph = import_graph(ROOT, PACKAGES)
    assert "actions.engine.advice" in graph and "actions.engine.drafts" in graph["actions.engine.advice"]
    cycle = find_cycle(graph)
    assert not cycle, "import cycle: " + " -> ".join(cycle)


def test_the_vocabulary_is_a_leaf() -> None:
    assert import_graph(ROOT, PACKAGES)["actions.engine.vocabulary"] == set()


@pytest.mark.parametrize(
    ("drafts_source", "cycle"),
    [
        ("from .advice import decide\n", ["pkg.advice", "pkg.drafts", "pkg.advice"]),
        ("def pick():\n    from .advice import decide\n", ["pkg.advice", "pkg.drafts", "pkg.advice"]),
        ("def pick():\n    from pkg import advice\n", ["pkg.advice", "pkg.drafts", "pkg.advice"]),
        ("from .reply import Button\n", []),
    ],
)
def test_a_cycle_is_found_even_behind_a_lazy_import(tmp_path: Path, drafts_source: str, cycle: List[str]) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "reply.py").write_text("")
    (package / "advice.py").write_text("from .drafts import render\nfrom . import reply\n")
    (package / "drafts.py").write_text(drafts_source)
    assert find_cycle(import_graph(tmp_path, ("pkg",))) == cycle
