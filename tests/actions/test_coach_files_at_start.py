"""The action server reads and checks every coach-editable file when it starts (actions.actions.check_coach_files)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import actions.actions as served
from actions.engine.checked_yaml import YamlFileError
from actions.engine.knowledge import KNOWLEDGE_FILE, load_knowledge

ROOT = Path(__file__).resolve().parents[2]
LOADERS = ("load_knowledge", "load_understanding", "topic_file", "spelling_tables")


def test_importing_the_actions_runs_the_check() -> None:
    """rasa_sdk imports actions/actions.py when the action server starts: the check is a module-level call."""
    tree = ast.parse((ROOT / "actions" / "actions.py").read_text(encoding="utf-8"))
    calls = [
        node.value.func.id
        for node in tree.body
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name)
    ]
    assert "check_coach_files" in calls


def test_every_coach_file_loader_is_called(monkeypatch: pytest.MonkeyPatch) -> None:
    called = []
    for name in LOADERS:
        monkeypatch.setattr(served, name, lambda name=name: called.append(name))
    served.check_coach_files()
    assert sorted(called) == sorted(LOADERS)


def test_a_bad_edit_stops_the_start_naming_the_file_and_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "advice.yml"
    bad.write_text(KNOWLEDGE_FILE.read_text(encoding="utf-8").replace("part: verdict", "part: verdit", 1))
    monkeypatch.setattr(served, "load_knowledge", lambda: load_knowledge.__wrapped__(bad))
    with pytest.raises(YamlFileError, match=rf"{bad}: items\[0\] \(id [a-z_]+\)\.part: unexpected value"):
        served.check_coach_files()
