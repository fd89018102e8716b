"""Replays the multi-turn conversations of tests/conversations/*.yml over REST and judges every turn.

Each conversation runs under a fresh sender id against a running assistant. A turn fails on: the branch or a
fact read wrong (facts are cumulative: one said earlier must still hold), a re-asked fact, a [placeholder]
for a fact the user gave, a fallback, a verdict other than the expected one or one that changed although
no fact did, a draft missing or unwanted, an expected phrase missing or a forbidden one present.
Format: tests/conversations/FORMAT.md. Report: reports/conversations/ (summary.json, failures.md).

    python scripts/conversations.py --url http://127.0.0.1:5005 --token $RASA_API_TOKEN [--check --floor 0.95]
"""

from __future__ import annotations

import argparse
import glob
import json
import re
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

import requests
import yaml

ROOT = Path(__file__).resolve().parents[1]
BRANCHES = {"before": "pre_interview", "after": "post_interview", "agency": "staffing_agency"}
FACT_SLOTS = {
    "interviewer": "interviewer_name",
    "hiring_manager": "interviewer_name",
    "recruiter": "recruiter_name",
    "user_name": "user_name",
    "company": "company",
    "role": "role",
    "agency": "agency_name",
    "interview_date": "interview_date",
    "decision_date": "decision_date",
    "told_not_to_contact": "told_not_to_contact",
    "rejected": "rejected",
    "followed_up": "followed_up",
    "channel": "channel",
}
NAME_FACTS = {"interviewer", "hiring_manager", "recruiter", "user_name", "company", "role", "agency"}
# Placeholders of the draft templates (actions/engine/drafts.py) that a given fact must have filled.
PLACEHOLDER_OF = {
    "interviewer": "[Interviewer's name]",
    "hiring_manager": "[Interviewer's name]",
    "recruiter": "[Recruiter's name]",
    "company": "[Company]",
    "role": "[Role]",
    "agency": "[Agency]",
    "user_name": "[Your name]",
}
# Slots whose form question must not come back once the user gave the fact.
ASKED_SLOT_OF = {"interview_date": "interview_date", "decision_date": "decision_date", "channel": "channel"}
ASKED_SLOT_OF["told_not_to_contact"] = "told_not_to_contact"
FALLBACK_RESPONSES = ("utter_default", "utter_ask_rephrase", "utter_not_understood_in_form")
FALLBACK_TEXTS = ["I'm not sure I understood", "I may have missed your point", "I can't answer that one"]
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
# "logistics" (write only about a practical detail) is met by a plain yes to a practical question.
ACCEPTED_VERDICTS = {"yes": ("yes",), "wait": ("wait",), "no": ("no",), "logistics": ("logistics", "yes")}
PROBLEMS = (
    "branch",
    "fact",
    "re-ask",
    "placeholder",
    "fallback",
    "verdict",
    "contradiction",
    "draft",
    "says",
    "repeat",
)


def domain_texts() -> Tuple[Dict[str, List[str]], List[str]]:
    """The form questions by slot and the fallback texts, from domain.yml."""
    responses = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]
    asks = {name[len("utter_ask_") :]: [v["text"] for v in variants] for name, variants in responses.items()}
    asks = {slot: texts for slot, texts in asks.items() if not slot.startswith("rephrase")}
    fallbacks = [v["text"] for name in FALLBACK_RESPONSES for v in responses.get(name, [])] + FALLBACK_TEXTS
    return asks, fallbacks


def yes_no(value: Any) -> str:
    """An expectation as text; YAML's unquoted yes/no (booleans) become 'yes'/'no'."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).strip().lower()


def expected_day(spec: str, today: date) -> Tuple[date | None, int]:
    """The day a relative date spec means ('+2', '-7~', 'tue+', 'tue-', 'tue--') and the tolerance in days.

    'tue--' is what "last Tuesday" means: the latest Tuesday before yesterday (said on a Wednesday, a week before).
    """
    spec = str(spec).strip().lower()
    tolerance = 3 if spec.endswith("~") else 0
    spec = spec.rstrip("~")
    if re.fullmatch(r"[+-]\d+", spec):
        return today + timedelta(days=int(spec)), tolerance
    match = re.fullmatch(r"(mon|tue|wed|thu|fri|sat|sun)(\+|--?)", spec)
    if match:
        target = WEEKDAYS.index(match.group(1))
        if match.group(2) == "+":
            ahead = (target - today.weekday()) % 7 or 7
            return today + timedelta(days=ahead), tolerance
        back = (today.weekday() - target) % 7 or 7
        if match.group(2) == "--" and back == 1:
            back = 8  # "last monday" said on a Tuesday: yesterday would be "yesterday"
        return today - timedelta(days=back), tolerance
    return None, tolerance


def slot_day(value: Any) -> date | None:
    """A date slot's day ('~' approximate marks removed), or None."""
    try:
        return date.fromisoformat(str(value).lstrip("~")) if value else None
    except ValueError:
        return None


def _words(value: Any) -> List[str]:
    """Lower-cased words of a name or title."""
    return re.findall(r"[a-z0-9]+", str(value or "").lower())


def fact_holds(fact: str, expected: Any, slots: Dict[str, Any], today: date) -> bool:
    """Whether the tracker's slots hold one expected fact."""
    value = slots.get(FACT_SLOTS[fact])
    expected_text = yes_no(expected)
    if fact in ("interview_date", "decision_date"):
        if expected_text == "any":
            return slot_day(value) is not None or value in ("unknown", "none_given")
        if expected_text == "none":
            return slot_day(value) is None
        day, tolerance = expected_day(expected_text, today)
        got = slot_day(value)
        return day is not None and got is not None and abs((got - day).days) <= tolerance
    if fact in ("told_not_to_contact", "rejected", "followed_up"):
        return (value == "yes") == (expected_text == "yes")
    if fact == "channel":
        return str(value or "").lower() == expected_text
    want, got = _words(expected), _words(value)
    if not got:
        return False
    if fact in ("interviewer", "hiring_manager", "recruiter", "user_name"):
        return got[0] == want[0] or got[-1] == want[-1]
    joined_want, joined_got = " ".join(want), " ".join(got)
    return joined_want in joined_got or joined_got in joined_want


@dataclass
class TurnResult:
    """What happened on one turn and what was wrong with it."""

    user: str
    replies: List[str]
    slots: Dict[str, Any]
    problems: List[Tuple[str, str]] = field(default_factory=list)


@dataclass
class ConversationResult:
    """One replayed conversation."""

    file: str
    id: str
    area: str
    turns: List[TurnResult]

    @property
    def passed(self) -> bool:
        """True when no turn has a problem."""
        return not any(turn.problems for turn in self.turns)


class Client:
    """REST webhook and tracker of one running assistant."""

    def __init__(self, url: str, token: str | None) -> None:
        """Remember where the assistant runs."""
        self.url, self.token = url.rstrip("/"), token

    def say(self, sender: str, message: str) -> List[Dict[str, Any]]:
        """Send a message, return the bot's replies."""
        body = {"sender": sender, "message": message}
        response = requests.post(f"{self.url}/webhooks/rest/webhook", json=body, timeout=120)
        response.raise_for_status()
        return response.json()

    def tracker(self, sender: str) -> Dict[str, Any]:
        """The conversation's tracker."""
        params = {"include_events": "ALL", **({"token": self.token} if self.token else {})}  # a restart is listed
        response = requests.get(f"{self.url}/conversations/{sender}/tracker", params=params, timeout=60)
        response.raise_for_status()
        return response.json()


def _last_turn_events(tracker: Dict[str, Any]) -> List[Dict[str, Any]]:
    """The events after the latest user message."""
    events = tracker.get("events") or []
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    return events[last_user + 1 :]


def _drafts(events: List[Dict[str, Any]]) -> List[str]:
    """Texts of the drafts the bot sent (bot events carrying a draft_kind)."""
    return [
        e.get("text") or ""
        for e in events
        if e.get("event") == "bot"
        and ((e.get("metadata") or {}).get("draft_kind") or (e.get("data") or {}).get("custom"))
    ]


def _asks(texts: List[str], asks: Dict[str, List[str]], slot: str) -> bool:
    """Whether one of the bot's texts is the form's question for a slot."""
    questions = [q.strip()[:40] for q in asks.get(slot, [])]
    return any(text.strip().startswith(q) for text in texts for q in questions if q)


class Judge:
    """Replays conversations and judges each turn."""

    def __init__(self, client: Client, today: Callable[[], date]) -> None:
        """Load the domain's questions and fallback texts."""
        self.client, self.today = client, today
        self.asks, self.fallbacks = domain_texts()

    def run(self, file: str, conversation: Dict[str, Any]) -> ConversationResult:
        """Replay one conversation."""
        sender = f"conv-{conversation['id']}-{uuid.uuid4().hex[:8]}"
        given: Dict[str, Any] = {}
        previous_verdict: str | None = None
        previous_basis: str | None = None
        buttons: List[Dict[str, str]] = []
        turns: List[TurnResult] = []
        for turn in conversation["turns"]:
            expect = turn.get("expect") or {}
            message, problems = self._message(turn, buttons)
            before = given.copy()
            new_facts = dict(expect.get("facts") or {})
            given.update(new_facts)
            replies = self.client.say(sender, message)
            tracker = self.client.tracker(sender)
            slots = tracker.get("slots") or {}
            events = _last_turn_events(tracker)
            if any(e.get("event") == "restart" for e in events):  # "start over": the facts said before are forgotten
                given, before, previous_verdict, previous_basis = dict(new_facts), {}, None, None
            texts = [r.get("text") or "" for r in replies]
            buttons = [b for r in replies for b in r.get("buttons") or []]
            result = TurnResult(user=message, replies=texts, slots=slots, problems=problems)
            verdict, basis = slots.get("verdict"), slots.get("advised")
            self._judge(result, expect, given, before, new_facts, events)
            # A new verdict is a contradiction when neither the user (facts in this turn) nor the assistant's own
            # reading (the facts its answer was based on, slot `advised`) changed.
            changed = bool(new_facts) or "branch" in expect or basis != previous_basis
            if verdict and previous_verdict and verdict != previous_verdict and not changed and "contact" not in expect:
                result.problems.append(("contradiction", f"verdict {previous_verdict} -> {verdict} with no new fact"))
            previous_verdict, previous_basis = verdict or previous_verdict, basis or previous_basis
            turns.append(result)
        return ConversationResult(
            file=file, id=str(conversation["id"]), area=str(conversation.get("area")), turns=turns
        )

    @staticmethod
    def _message(turn: Dict[str, Any], buttons: List[Dict[str, str]]) -> Tuple[str, List[Tuple[str, str]]]:
        """The text or button payload to send for a turn."""
        if "button" not in turn:
            return str(turn.get("user") or ""), []
        wanted = str(turn["button"]).lower()
        for button in buttons:
            if wanted in str(button.get("title", "")).lower():
                return str(button["payload"]), []
        return str(turn["button"]), [("button", f"no button like {turn['button']!r} was offered")]

    def _judge(
        self,
        result: TurnResult,
        expect: Dict[str, Any],
        given: Dict[str, Any],
        before: Dict[str, Any],
        new_facts: Dict[str, Any],
        events: List[Dict[str, Any]],
    ) -> None:
        """Add every problem of one turn to the result."""
        today, slots, texts, problems = self.today(), result.slots, result.replies, result.problems
        joined = "\n".join(texts)
        if "branch" in expect and slots.get("branch") != BRANCHES.get(str(expect["branch"])):
            problems.append(("branch", f"branch {slots.get('branch')}, expected {expect['branch']}"))
        for fact, value in given.items():
            if fact not in FACT_SLOTS or fact_holds(fact, value, slots, today):
                continue
            kind = "correction" if fact in new_facts and fact in before and before[fact] != value else "fact"
            problems.append(("fact", f"{kind}: {fact} = {slots.get(FACT_SLOTS[fact])!r}, expected {value!r}"))
        for fact in given:
            slot = ASKED_SLOT_OF.get(fact)
            if slot and _asks(texts, self.asks, slot):
                problems.append(("re-ask", f"asked for {slot} again"))
        if "branch" in {k for k in expect} and _asks(texts, self.asks, "branch"):
            problems.append(("re-ask", "asked where the user stands again"))
        drafts = _drafts(events)
        for fact in given:
            marker = PLACEHOLDER_OF.get(fact)
            if marker and any(marker in text for text in drafts + texts):
                problems.append(("placeholder", f"{marker} although {fact} was given"))
        if any(f.strip()[:30] and f.strip()[:30] in joined for f in self.fallbacks) and not expect.get("fallback_ok"):
            problems.append(("fallback", "answered with a fallback"))
        if "contact" in expect and slots.get("verdict") not in ACCEPTED_VERDICTS.get(yes_no(expect["contact"]), ()):
            problems.append(("verdict", f"verdict {slots.get('verdict')!r}, expected {expect['contact']}"))
        if "draft" in expect:
            wanted = yes_no(expect["draft"]) == "yes"
            if wanted != bool(drafts):
                problems.append(("draft", "no draft" if wanted else "an unwanted draft"))
        repeated = {
            text for text in texts if text.strip() and texts.count(text) > 1 and not text.startswith(("Dear", "Hi"))
        }
        if repeated:
            problems.append(("repeat", f"the same message {max(texts.count(t) for t in repeated)} times in one reply"))
        says = [str(s) for s in expect.get("says") or []]
        if says and not any(s.lower() in joined.lower() for s in says):
            problems.append(("says", f"none of {says}"))
        for phrase in expect.get("not_says") or []:
            if str(phrase).lower() in joined.lower():
                problems.append(("says", f"said {phrase!r}"))


def load(patterns: List[str]) -> List[Tuple[str, Dict[str, Any]]]:
    """Every conversation of the matching files, with its file name."""
    found = []
    for path in sorted({p for pattern in patterns for p in glob.glob(pattern)}):
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        found += [(Path(path).name, c) for c in data.get("conversations") or []]
    return found


def summarise(results: List[ConversationResult]) -> Dict[str, Any]:
    """Pass rate and problem counts (turns affected), overall and per file and area."""
    problems = [kind for r in results for t in r.turns for kind, _ in t.problems]
    detail = [text for r in results for t in r.turns for _, text in t.problems]
    summary: Dict[str, Any] = {
        "conversations": len(results),
        "passed": sum(r.passed for r in results),
        "turns": sum(len(r.turns) for r in results),
        "problems": {kind: problems.count(kind) for kind in PROBLEMS + ("button",)},
        "ignored_corrections": sum(text.startswith("correction:") for text in detail),
    }
    summary["pass_rate"] = summary["passed"] / max(1, len(results))
    for key in ("file", "area"):
        groups: Dict[str, List[bool]] = {}
        for r in results:
            groups.setdefault(getattr(r, key), []).append(r.passed)
        summary[f"by_{key}"] = {name: f"{sum(v)}/{len(v)}" for name, v in sorted(groups.items())}
    return summary


def write_report(results: List[ConversationResult], summary: Dict[str, Any], out: Path) -> None:
    """summary.json and failures.md (every failed conversation, turn by turn)."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    lines = ["# Failed conversations", ""]
    for r in (r for r in results if not r.passed):
        lines.append(f"## {r.file} {r.id} ({r.area})")
        for i, turn in enumerate(r.turns, 1):
            lines.append(f"**{i}. user:** {turn.user}")
            for text in turn.replies:
                lines.append("> " + text.replace("\n", "\n> "))
            for kind, text in turn.problems:
                lines.append(f"- ❌ {kind}: {text}")
        lines.append("")
    (out / "failures.md").write_text("\n".join(lines), encoding="utf-8")


def print_table(summary: Dict[str, Any]) -> None:
    """The report table on stdout."""
    print(f"conversations passed: {summary['passed']}/{summary['conversations']} ({summary['pass_rate']:.1%})")
    print(f"turns: {summary['turns']}; ignored corrections: {summary['ignored_corrections']}")
    print("turn problems: " + ", ".join(f"{k} {v}" for k, v in summary["problems"].items()))
    print("by file: " + ", ".join(f"{k} {v}" for k, v in summary["by_file"].items()))
    print("by area: " + ", ".join(f"{k} {v}" for k, v in summary["by_area"].items()))


def run_suite(url: str, token: str | None, patterns: List[str], workers: int = 4) -> List[ConversationResult]:
    """Replay every conversation (several at a time) and return the results in file order."""
    judge = Judge(Client(url, token), today=lambda: datetime.now(timezone.utc).date())
    conversations = load(patterns)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda item: judge.run(*item), conversations))


def main() -> int:
    """Command line entry point."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", default="http://127.0.0.1:5005")
    p.add_argument("--token", default=None)
    p.add_argument("--sets", nargs="+", default=[str(ROOT / "tests" / "conversations" / "*.yml")])
    p.add_argument("--out", default=str(ROOT / "reports" / "conversations"))
    p.add_argument("--workers", type=int, default=4)
    p.add_argument("--check", action="store_true", help="exit 1 below the floor")
    p.add_argument("--floor", type=float, default=0.95)
    args = p.parse_args()
    results = run_suite(args.url, args.token, args.sets, args.workers)
    summary = summarise(results)
    write_report(results, summary, Path(args.out))
    print_table(summary)
    return 1 if args.check and summary["pass_rate"] < args.floor else 0


if __name__ == "__main__":
    sys.exit(main())
