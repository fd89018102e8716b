"""A wrong edit of a copy of each coach-editable YAML file is refused with the file and the key named."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import pytest

from actions.engine.checked_yaml import YamlFileError
from actions.engine.knowledge import KNOWLEDGE_FILE, UNDERSTANDING_FILE, load_knowledge, load_understanding
from actions.engine.topics import TOPICS_FILE, topic_file
from nlu_components import cue_tables, entity_roles, message_cues

CUES_FILE = entity_roles.CUES_FILE
MESSAGE_CUES_FILE = message_cues.CUES_FILE
LOADERS: dict[Path, Callable[[Path], object]] = {
    KNOWLEDGE_FILE: load_knowledge.__wrapped__,
    UNDERSTANDING_FILE: load_understanding.__wrapped__,
    CUES_FILE: lambda path: cue_tables.load_cues.__wrapped__(str(path)),
    MESSAGE_CUES_FILE: lambda path: cue_tables.load_message_cues.__wrapped__(str(path)),
    TOPICS_FILE: lambda path: topic_file.__wrapped__(str(path)),
}


def edited_copy(tmp_path: Path, original: Path, old: str, new: str) -> Path:
    """Copy a YAML file with one exact piece of text replaced (which must occur in it)."""
    text = original.read_text(encoding="utf-8")
    assert old in text, f"{old!r} no longer occurs in {original.name}: update this test"
    copy = tmp_path / original.name
    copy.write_text(text.replace(old, new, 1), encoding="utf-8")
    return copy


@pytest.mark.parametrize("original", list(LOADERS), ids=lambda p: p.name)
def test_the_shipped_files_are_valid(original: Path) -> None:
    assert LOADERS[original](original)


@pytest.mark.parametrize(
    ("original", "old", "new", "key", "problem"),
    [
        (
            KNOWLEDGE_FILE,
            "part: verdict",
            "part: verdit",
            "items[0] (id pre_to_recruiter_told_not_practical).part",
            "unexpected value",
        ),
        (
            KNOWLEDGE_FILE,
            'told_not_to_contact: "yes"}',
            'told_not_to_contact: "perhaps"}',
            "items[3] (id pre_told_not).applies_when",
            "'perhaps' is not a possible value of told_not_to_contact",
        ),
        (
            KNOWLEDGE_FILE,
            "section: Follow any instructions provided}",
            "sektion: Follow}",
            "items[0] (id pre_to_recruiter_told_not_practical).source.sektion",
            "extra fields not permitted",
        ),
        (
            UNDERSTANDING_FILE,
            "{branch: pre_interview, goal: should_contact}",
            "{branch: pre_interview, goal: thank_you}",
            "intents.pre_should_contact",
            "goal 'thank_you' is not one of pre_interview",
        ),
        (
            MESSAGE_CUES_FILE,
            '    email: ["email",',
            '    emial: ["email",',
            "answer_phrases",
            "channel.emial: not a value of channel",
        ),
        (MESSAGE_CUES_FILE, "  first: [", "  earlier: [", "case_cues", "unknown key(s) ['earlier']"),
        (UNDERSTANDING_FILE, "intent_titles:", "intent_tittles:", "intent_tittles", "extra fields not permitted"),
        (TOPICS_FILE, "  one_each:\n", "  one_eech:\n", "topics.one_eech", "unexpected value; permitted: 'cc'"),
        (
            TOPICS_FILE,
            "      when_draft_to: recruiter\n",
            "      when_draft_to: recruiters\n",
            "topics.cc[0].when_draft_to",
            "unexpected value; permitted: 'recruiter'",
        ),
        (CUES_FILE, "invitation_cues:", "invitation_cue:", "invitation_cue", "extra fields not permitted"),
        (CUES_FILE, '"no", "yes"', "no, yes", "not_lowercase_employers", "False is not text (put it in quotes)"),
        (
            CUES_FILE,
            'parking: ["\\\\bparking\\\\b"',
            'parking: ["\\\\bparking(\\\\b"',
            "question_patterns",
            "parking[0]: not a valid regular expression",
        ),
        (CUES_FILE, "  self: [", "  myself: [", "person_roles", "unknown key(s) ['myself']"),
        (
            CUES_FILE,
            "\\s+(contact details|contact info|way to contact|way to reach)",
            "\\s+(?:contact details|contact info|way to contact|way to reach)",
            "channel_patterns",
            "none[1]: put the channel word in a (group)",
        ),
    ],
)
def test_a_bad_edit_names_the_file_and_the_key(
    tmp_path: Path, original: Path, old: str, new: str, key: str, problem: str
) -> None:
    copy = edited_copy(tmp_path, original, old, new)
    with pytest.raises(YamlFileError) as error:
        LOADERS[original](copy)
    assert f"{copy}: {key}: " in str(error.value)
    assert problem in str(error.value)


@pytest.mark.parametrize("original", list(LOADERS), ids=lambda p: p.name)
def test_broken_yaml_names_the_file(tmp_path: Path, original: Path) -> None:
    copy = tmp_path / original.name
    copy.write_text(original.read_text(encoding="utf-8") + "\nbroken: [unclosed\n", encoding="utf-8")
    with pytest.raises(YamlFileError, match=rf"^{re.escape(str(copy))}: not valid YAML"):
        LOADERS[original](copy)


def test_entity_roles_reads_its_cues_through_the_model() -> None:
    assert entity_roles.load_cues is cue_tables.load_cues
