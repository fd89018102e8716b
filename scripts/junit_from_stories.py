"""Turns the story files `rasa test core --successes` writes into a JUnit report, one test case a story."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import List

import yaml


def story_names(path: Path) -> List[str]:
    """The names of the stories in a results file (none when the file is missing or empty)."""
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [story.get("story", "?") for story in data.get("stories") or []]


def main(results: Path, out: Path) -> int:
    """Write the JUnit file; exit 1 when a story failed or none ran."""
    passed = story_names(results / "successful_test_stories.yml")
    failed = story_names(results / "failed_test_stories.yml")
    suite = ET.Element("testsuite", name="stories", tests=str(len(passed) + len(failed)), failures=str(len(failed)))
    for name in passed:
        ET.SubElement(suite, "testcase", classname="stories", name=name)
    for name in failed:
        case = ET.SubElement(suite, "testcase", classname="stories", name=name)
        ET.SubElement(case, "failure", message="prediction error (see results/stories/failed_test_stories.yml)")
    ET.ElementTree(suite).write(out, encoding="utf-8", xml_declaration=True)
    print(f"test stories: {len(passed)} passed, {len(failed)} failed")
    return 0 if passed and not failed else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
