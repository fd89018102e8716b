import copy
import re
from pathlib import Path
from typing import Any, Dict

import pytest
import yaml

from actions.engine.checked_yaml import YamlFileError
from actions.engine.knowledge import (
    ARTICLE_NAME,
    KNOWLEDGE_FILE,
    SEEDS_DIR,
    load_knowledge,
    parse_knowledge,
)
from actions.engine.vocabulary import DRAFT_KINDS, TOPIC_DRAFT_KINDS

KNOWLEDGE = load_knowledge()
SOURCES = [(item.id, item.source) for item in KNOWLEDGE.items] + [
    (check.id, check.source) for check in KNOWLEDGE.review_checks.values()
]


RAW = yaml.load(Path(KNOWLEDGE_FILE).read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def raw() -> Dict[str, Any]:
    return copy.deepcopy(RAW)


@pytest.mark.parametrize(("item_id", "source"), SOURCES, ids=[s[0] for s in SOURCES])
def test_every_source_names_an_article_and_a_real_section(item_id: str, source: Any) -> None:
    assert ARTICLE_NAME.match(source.article)
    assert source.article in KNOWLEDGE.articles
    assert source.section
    path = SEEDS_DIR / source.article
    if SEEDS_DIR.is_dir():  # the articles are not shipped with the bot; when present, check the citation
        assert path.is_file()
        assert source.section.lower() in path.read_text(encoding="utf-8").lower()


def test_all_five_articles_are_cited() -> None:
    cited = {item.source.article for item in KNOWLEDGE.items}
    assert cited == set(KNOWLEDGE.articles)
    assert len(cited) == 5


def test_texts_are_not_copied_from_the_articles() -> None:
    if not SEEDS_DIR.is_dir():
        assert all(ARTICLE_NAME.match(name) for name in KNOWLEDGE.articles)
        return
    corpus = " ".join(" ".join(path.read_text(encoding="utf-8").lower().split()) for path in SEEDS_DIR.glob("00*.txt"))
    texts = [item.text for item in KNOWLEDGE.items] + [c.text for c in KNOWLEDGE.review_checks.values()]
    for text in texts:
        words = re.findall(r"[\w'’-]+", text.lower())
        for start in range(len(words) - 7):
            assert " ".join(words[start : start + 8]) not in corpus, text


def test_draft_rules_use_known_kinds_and_every_kind_is_offered() -> None:
    assert {rule.kind for rule in KNOWLEDGE.drafts} == set(DRAFT_KINDS) - set(TOPIC_DRAFT_KINDS)


def test_loading_is_cached() -> None:
    assert load_knowledge() is load_knowledge()


def test_unquoted_yes_is_understood() -> None:
    data = raw()
    data["items"][0]["applies_when"]["told_not_to_contact"] = True
    parsed = parse_knowledge(data)
    assert parsed.items[0].applies_when["told_not_to_contact"] == "yes"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["items"][0].update(applies_when={"colour": "red"}), r"\.applies_when: unknown fact 'colour'"),
        (lambda d: d["items"][0].update(applies_when={"goal": "dance"}), "'dance' is not a possible value of goal"),
        (lambda d: d["items"][0].update(source={"article": "notes.txt", "section": "x"}), "not an article file name"),
        (lambda d: d["items"][0].update(source={"article": "001_c00e5351576910d9.txt"}), "section: field required"),
        (lambda d: d["items"][0].update(text="Write on {someday}."), r"\.text: unknown placeholder"),
        (lambda d: d["items"][0].update(text=""), r"\.text: text is missing"),
        (lambda d: d["items"][1].update(id=d["items"][0]["id"]), r"items\[1\] \(id \w+\)\.id: duplicate id"),
        (lambda d: d["items"][0].update(part="intro"), r"\.part: unexpected value; permitted: 'verdict'"),
        (lambda d: d["items"][0].update(allows_contact="maybe"), r"\.allows_contact: unexpected value"),
        (lambda d: d["items"][0].update(applies_wen={}), r"\.applies_wen: extra fields not permitted"),
        (lambda d: d["drafts"][0].update(kind="poem"), r"drafts\[0\]\.kind: unexpected value"),
        (lambda d: d["items"][0].update(applies_when={"goal": {"nor": "x"}}), "may only use 'not'"),
        (lambda d: d["review_checks"][0].update(text="{nobody}"), r"review_checks\.\w+\.text: unknown placeholder"),
        (lambda d: d["review_checks"][1].update(id=d["review_checks"][0]["id"]), "review_checks: duplicate id"),
        (lambda d: d["articles"].popitem(), "has no title under 'articles'"),
    ],
)
def test_invalid_knowledge_is_rejected_naming_the_key(change: Any, message: str) -> None:
    data = raw()
    change(data)
    with pytest.raises(YamlFileError, match=message) as error:
        parse_knowledge(data)
    assert str(error.value).startswith("advice.yml: ")
