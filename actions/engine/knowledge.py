"""Loads and validates the coach-editable knowledge base (actions/knowledge/advice.yml)."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Mapping, Tuple

import yaml

from .situation import Situation
from .vocabulary import CONTACT_OK, DRAFT_KINDS, KNOWN, NOT_KNOWN
from .vocabulary import FACT_VALUES as CLOSED_FACT_VALUES

REPO_ROOT = Path(__file__).resolve().parents[2]
KNOWLEDGE_FILE = REPO_ROOT / "actions" / "knowledge" / "advice.yml"
# The source articles live next to the repository, in ../shared/seeds.
SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"
ARTICLE_NAME = re.compile(r"^00[0-4]_[0-9a-f]{16}\.txt$")

PARTS = ("verdict", "how", "disagreement")
# Allowed values per fact; None means free text (only known/not_known make sense there).
FACT_VALUES: Dict[str, Tuple[str, ...] | None] = {**{f.name: None for f in fields(Situation)}, **CLOSED_FACT_VALUES}
ADVICE_PLACEHOLDERS = frozenset(
    {
        "interview_day",
        "window",
        "window_start",
        "target_day",
        "decision_day",
        "status_day",
        "today",
        "channel_name",
        "agency_day",
    }
)
REVIEW_PLACEHOLDERS = frozenset({"quote", "count", "chars"})


# The C loader is much faster when PyYAML was built with libyaml; both are safe loaders.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class KnowledgeError(ValueError):
    """The knowledge file is malformed; the message lists every problem found."""


@dataclass(frozen=True)
class Source:
    """Where a piece of advice comes from: article file name, section heading, optional point."""

    article: str
    section: str
    point: str | None = None


@dataclass(frozen=True)
class AdviceItem:
    """One piece of advice with the conditions under which it applies."""

    id: str
    part: str
    text: str
    source: Source
    applies_when: Mapping[str, Any] = field(default_factory=dict)
    allows_contact: str = "yes"
    keep_looking: bool = False
    any_day: bool = False  # a verdict that holds whatever the timing ("ask the practical question now")


@dataclass(frozen=True)
class DraftRule:
    """A draft offered when its conditions hold."""

    kind: str
    applies_when: Mapping[str, Any]


@dataclass(frozen=True)
class ReviewCheck:
    """Wording of one draft-review check: the fix, and the praise when it passes."""

    id: str
    text: str
    source: Source
    ok: str | None = None


@dataclass(frozen=True)
class Knowledge:
    """The whole validated knowledge base."""

    articles: Mapping[str, str]
    items: Tuple[AdviceItem, ...]
    drafts: Tuple[DraftRule, ...]
    review_checks: Mapping[str, ReviewCheck]


def placeholders(text: str) -> List[str]:
    """List the {names} used in a text."""
    return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]


def _normalise(value: Any) -> Any:
    """Turn YAML booleans into 'yes'/'no' and numbers into strings, recursively."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    if isinstance(value, dict):
        return {str(_normalise(k)): _normalise(v) for k, v in value.items()}
    return value


def _check_value(fact: str, value: Any, where: str, problems: List[str]) -> None:
    """Record a problem when a condition value is not valid for the fact."""
    if isinstance(value, dict):
        if set(value) != {"not"}:
            problems.append(f"{where}: condition on {fact} may only use 'not'")
            return
        _check_value(fact, value["not"], where, problems)
        return
    for single in value if isinstance(value, list) else [value]:
        if not isinstance(single, str):
            problems.append(f"{where}: bad value {single!r} for {fact}")
            continue
        allowed = FACT_VALUES.get(fact)
        if single not in (KNOWN, NOT_KNOWN) and allowed is not None and single not in allowed:
            problems.append(f"{where}: {single!r} is not a possible value of {fact}")


def _check_conditions(conditions: Any, where: str, problems: List[str]) -> Dict[str, Any]:
    """Validate an applies_when mapping and return it."""
    if conditions is None:
        return {}
    if not isinstance(conditions, dict):
        problems.append(f"{where}: applies_when must be a mapping")
        return {}
    for fact, value in conditions.items():
        if fact not in FACT_VALUES:
            problems.append(f"{where}: unknown fact {fact!r}")
            continue
        _check_value(fact, value, where, problems)
    return conditions


def _source(raw: Any, articles: Mapping[str, str], where: str, problems: List[str]) -> Source:
    """Validate a source mapping."""
    if not isinstance(raw, dict) or not raw.get("article") or not raw.get("section"):
        problems.append(f"{where}: source needs article and section")
        return Source("", "")
    article = str(raw["article"])
    if not ARTICLE_NAME.match(article):
        problems.append(f"{where}: article {article!r} is not an article file name")
    elif article not in articles:
        problems.append(f"{where}: article {article!r} has no title under 'articles'")
    point = raw.get("point")
    return Source(article, str(raw["section"]).strip(), str(point) if point is not None else None)


def _text(raw: Mapping[str, Any], allowed: frozenset, where: str, problems: List[str]) -> str:
    """Validate a text and its placeholders."""
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        problems.append(f"{where}: text is missing")
        return ""
    try:
        unknown = set(placeholders(text)) - allowed
    except ValueError as error:
        problems.append(f"{where}: broken placeholder ({error})")
        return text
    if unknown:
        problems.append(f"{where}: unknown placeholder(s) {sorted(unknown)}")
    return " ".join(text.split())


def _items(raw_items: Any, articles: Mapping[str, str], problems: List[str]) -> Tuple[AdviceItem, ...]:
    """Validate the advice items."""
    items: List[AdviceItem] = []
    seen = set()
    for index, raw in enumerate(raw_items or []):
        where = f"item #{index + 1}"
        if not isinstance(raw, dict) or not raw.get("id"):
            problems.append(f"{where}: needs an id")
            continue
        item_id = str(raw["id"])
        where = f"item {item_id}"
        if item_id in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(item_id)
        part = raw.get("part", "how")
        if part not in PARTS:
            problems.append(f"{where}: part must be one of {PARTS}")
        allows = raw.get("allows_contact", "yes")
        if allows not in CONTACT_OK:
            problems.append(f"{where}: allows_contact must be one of {CONTACT_OK}")
        items.append(
            AdviceItem(
                id=item_id,
                part=part,
                text=_text(raw, ADVICE_PLACEHOLDERS, where, problems),
                source=_source(raw.get("source"), articles, where, problems),
                applies_when=_check_conditions(raw.get("applies_when"), where, problems),
                allows_contact=allows,
                keep_looking=raw.get("continue") == "yes",
                any_day=raw.get("any_day") == "yes",
            )
        )
    return tuple(items)


def _drafts(raw_drafts: Any, known_kinds: Tuple[str, ...], problems: List[str]) -> Tuple[DraftRule, ...]:
    """Validate the draft rules."""
    rules = []
    for index, raw in enumerate(raw_drafts or []):
        where = f"draft rule #{index + 1}"
        kind = raw.get("kind") if isinstance(raw, dict) else None
        if kind not in known_kinds:
            problems.append(f"{where}: unknown draft kind {kind!r}")
            continue
        rules.append(DraftRule(kind, _check_conditions(raw.get("applies_when"), where, problems)))
    return tuple(rules)


def _review(raw_checks: Any, articles: Mapping[str, str], problems: List[str]) -> Dict[str, ReviewCheck]:
    """Validate the review check wordings."""
    checks: Dict[str, ReviewCheck] = {}
    for index, raw in enumerate(raw_checks or []):
        if not isinstance(raw, dict) or not raw.get("id"):
            problems.append(f"review check #{index + 1}: needs an id")
            continue
        where = f"review check {raw['id']}"
        if raw["id"] in checks:
            problems.append(f"{where}: duplicate id")
        ok = raw.get("ok")
        checks[str(raw["id"])] = ReviewCheck(
            id=str(raw["id"]),
            text=_text(raw, REVIEW_PLACEHOLDERS, where, problems),
            source=_source(raw.get("source"), articles, where, problems),
            ok=str(ok) if ok else None,
        )
    return checks


def parse_knowledge(data: Any, draft_kinds: Tuple[str, ...]) -> Knowledge:
    """Validate raw YAML data into a Knowledge object, raising KnowledgeError listing all problems."""
    problems: List[str] = []
    data = _normalise(data)
    if not isinstance(data, dict):
        raise KnowledgeError("the knowledge file must be a mapping")
    articles = data.get("articles") or {}
    if not isinstance(articles, dict):
        problems.append("articles must map file names to titles")
        articles = {}
    for name in articles:
        if not ARTICLE_NAME.match(name):
            problems.append(f"articles: {name!r} is not an article file name")
    knowledge = Knowledge(
        articles=dict(articles),
        items=_items(data.get("items"), articles, problems),
        drafts=_drafts(data.get("drafts"), draft_kinds, problems),
        review_checks=_review(data.get("review_checks"), articles, problems),
    )
    if not knowledge.items:
        problems.append("no advice items")
    if problems:
        raise KnowledgeError("; ".join(problems))
    return knowledge


@lru_cache(maxsize=4)
def load_knowledge(path: Path = KNOWLEDGE_FILE) -> Knowledge:
    """Read and validate the knowledge file once (cached per path)."""
    with open(path, encoding="utf-8") as handle:
        return parse_knowledge(yaml.load(handle, Loader=_LOADER), DRAFT_KINDS)
