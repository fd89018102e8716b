"""The action server reads what the NLU pipeline understood (entities, intents, slots), not the user's words.

Every place in actions/ that touches a message's text is listed here with the reason it may; a new one fails
this test. Understanding a message (answers, dates, names, drafts, case switches...) belongs in the pipeline:
nlu_components/ (EntityRoles, MessageCues), where /model/parse shows it.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Iterator, Set, Tuple

ROOT = Path(__file__).resolve().parents[2]

# (file, function) -> why it may touch a text. Nothing here maps the user's words to a meaning.
ALLOWED = {
    ("actions/actions.py", "send"): "the coach's own reply (engine output), not the user's words",
    ("actions/actions.py", "_said_this_turn"): "the coach's own messages (bot events) this turn",
    ("actions/actions.py", "feeling_first"): "the coach's own messages (bot events, dispatched ones), not said twice",
    ("actions/actions.py", "also_answer"): "the coach's own messages dispatched this turn, not said twice",
    ("actions/actions.py", "run"): "hands the text on in ParsedMessage, for the draft kept as the user wrote it",
    ("actions/actions.py", "parsed_latest"): "hands the text on in ParsedMessage, as the extraction's run does",
    (
        "actions/understanding.py",
        "_read_answer",
    ): "the answer to 'paste your draft', stored as written",
    ("actions/understanding.py", "_case_switch"): "compares the words with this chat's own company names (slots)",
    (
        "actions/actions.py",
        "questions_beside_draft",
    ): "where the stored draft sits in the message (cues beside it)",
    ("actions/actions.py", "requested_edits"): "the user's own sentence to take out of the draft, quoted as said",
}


def _text_reads(path: Path) -> Iterator[Tuple[str, int]]:
    """(function, line) of each `message.text`, `.get("text")` and `[...]["text"]` in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}

    def function_of(node: ast.AST) -> str:
        """The name of the function the node is in."""
        while node in parents:
            node = parents[node]
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                return node.name
        return "<module>"

    for node in ast.walk(tree):
        attribute = isinstance(node, ast.Attribute) and node.attr == "text" and isinstance(node.value, ast.Name)
        got = (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and bool(node.args)
            and isinstance(node.args[0], ast.Constant)
            and node.args[0].value == "text"
        )
        indexed = (
            isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and node.slice.value == "text"
        )
        if (attribute and node.value.id == "message") or got or indexed:
            yield function_of(node), node.lineno


def found() -> Set[Tuple[str, str]]:
    """Every (file, function) in actions/ that touches a message's text."""
    return {
        (str(path.relative_to(ROOT)), function)
        for path in sorted((ROOT / "actions").rglob("*.py"))
        for function, _ in _text_reads(path)
    }


def test_no_action_reads_the_users_words_outside_the_allow_list() -> None:
    unexpected = sorted(found() - set(ALLOWED))
    assert not unexpected, f"read the meaning from entities (nlu_components/), not the text: {unexpected}"


def test_the_allow_list_has_no_stale_entry() -> None:
    assert not sorted(set(ALLOWED) - found())


def test_the_scan_sees_a_text_read(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('def f(message, tracker):\n    return message.text, tracker.latest_message.get("text")\n')
    assert [function for function, _ in _text_reads(module)] == ["f", "f"]
