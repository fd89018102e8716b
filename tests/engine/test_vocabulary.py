"""The YAML files and scripts spell branches, goals and draft kinds the way actions/engine/vocabulary.py does."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any, Dict

import yaml

from actions.engine.drafts import DRAFT_TITLES, TEMPLATE_DIR
from actions.engine.vocabulary import (
    ALL_GOALS,
    BRANCHES,
    DEFAULT_GOAL,
    DRAFT_KINDS,
    FACT_VALUES,
    FALLBACK_DRAFT,
    GOALS,
    NO_DATE_GIVEN,
    STATUS_GOALS,
)

ROOT = Path(__file__).resolve().parents[2]


def load(relative: str) -> Any:
    """Parse one YAML file of the repository."""
    return yaml.safe_load((ROOT / relative).read_text(encoding="utf-8"))


def test_goals_and_drafts_per_branch_are_in_the_vocabulary() -> None:
    assert set(GOALS) == set(BRANCHES) == set(DEFAULT_GOAL) == set(FALLBACK_DRAFT)
    assert len(ALL_GOALS) == len(set(ALL_GOALS))
    assert all(DEFAULT_GOAL[branch] in GOALS[branch] for branch in BRANCHES)
    assert set(STATUS_GOALS) <= set(GOALS["post_interview"])
    assert set(FALLBACK_DRAFT.values()) <= set(DRAFT_KINDS)


def test_every_draft_kind_has_a_title_and_a_template() -> None:
    assert list(DRAFT_TITLES) == list(DRAFT_KINDS)
    assert {p.stem for p in TEMPLATE_DIR.glob("*.j2")} == set(DRAFT_KINDS)


def test_domain_branch_slot_lists_the_branches() -> None:
    assert tuple(load("domain.yml")["slots"]["branch"]["values"]) == BRANCHES


def test_config_groups_situation_intents_by_branch() -> None:
    """The classifier's branch groups name real branches, and each intent there reveals its own branch."""
    pipeline = load("config.yml")["pipeline"]
    groups: Dict[str, Any] = next(c for c in pipeline if c["name"].endswith("SituationClassifier"))["branches"]
    revealed = load("actions/knowledge/understanding.yml")["intents"]
    assert set(BRANCHES) <= set(groups)
    for branch in BRANCHES:
        assert {revealed[intent]["branch"] for intent in groups[branch]} == {branch}
    assert set(revealed) == {intent for branch in BRANCHES for intent in groups[branch]}


def test_understanding_tables_use_the_vocabulary() -> None:
    tables = load("actions/knowledge/understanding.yml")
    revealed = {(v["branch"], v["goal"]) for v in tables["intents"].values()}
    moved = {(branch, goal) for branch, moves in tables["goal_in_other_branch"].items() for goal in moves.values()}
    everything = {(branch, goal) for branch in BRANCHES for goal in GOALS[branch]}
    # a goal is revealed by its own intent, or by another branch's intent in this branch (a thank-you via an agency)
    assert revealed <= everything and revealed | moved == everything
    for branch, moves in tables["goal_in_other_branch"].items():
        assert set(moves) <= set(ALL_GOALS) - set(GOALS[branch])
        assert set(moves.values()) <= set(GOALS[branch])
    answers = load("nlu_components/message_cues.yml")["answer_phrases"]
    assert set(answers["branch"]) == set(BRANCHES)
    assert set(answers["decision_date"]) == {NO_DATE_GIVEN}
    for fact in ("channel", "interview_format", "stage_reached"):
        assert set(answers[fact]) <= set(FACT_VALUES[fact])


def test_draft_kinds_asked_for_in_stories_and_domain_exist() -> None:
    asked = set()
    for path in [ROOT / "domain.yml", *ROOT.glob("data/**/*.yml"), *ROOT.glob("tests/stories/**/*.yml")]:
        asked |= set(re.findall(r'"draft_kind"\s*:\s*"(\w+)"', path.read_text(encoding="utf-8")))
    assert asked and asked <= set(DRAFT_KINDS)


def test_conversation_replay_maps_its_branch_words_to_the_branches() -> None:
    """scripts/conversations.py runs without the project on its path, so it keeps its own spelling; it must agree."""
    tree = ast.parse((ROOT / "scripts" / "conversations.py").read_text(encoding="utf-8"))
    mapping = next(
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "BRANCHES" for t in node.targets)
    )
    assert sorted(mapping.values()) == sorted(BRANCHES)
