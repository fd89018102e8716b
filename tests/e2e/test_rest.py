"""REST channel and HTTP API of the real Rasa server (project credentials, loopback only, token)."""

from __future__ import annotations

import re
import socket
import uuid
from pathlib import Path
from typing import List

import pytest
import requests
from channels_env import ChannelsEnv, channels_env
from stack import rendered_domain

DOMAIN = rendered_domain()
GREET = DOMAIN["responses"]["utter_greet"][0]


@pytest.fixture(scope="module")
def env() -> ChannelsEnv:
    return channels_env()


def sender() -> str:
    return f"rest-{uuid.uuid4().hex[:10]}"


def test_rest_webhook_answers_greeting_with_buttons(env: ChannelsEnv) -> None:
    replies = env.stack.say(sender(), "hi")
    texts = [r.get("text") or "" for r in replies]
    assert any(t.strip() == GREET["text"].strip() for t in texts), texts
    titles = [b["title"] for r in replies for b in r.get("buttons") or []]
    assert titles == [b["title"] for b in GREET["buttons"]]
    payloads = [b["payload"] for r in replies for b in r.get("buttons") or []]
    assert '/inform{"branch":"pre_interview"}' in payloads


def test_rest_whole_situation_gets_advice_and_sets_branch(env: ChannelsEnv) -> None:
    who = sender()
    replies = env.stack.say(who, "my interview is on thursday with Sarah at Acme, can I email her to confirm the time?")
    assert any((r.get("text") or "").strip() for r in replies), replies
    tracker = env.stack.tracker(who)
    assert tracker["slots"]["branch"] == "pre_interview"
    actions = [e.get("name") for e in tracker["events"] if e["event"] == "action"]
    assert "action_give_advice" in actions or "situation_form" in actions, actions


MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
# A day as the advice writes it ("Thu 26 Nov", "Mon 23 or Tue 24 Nov") or a draft does ("Thursday 26 November").
DAY = re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]* \d\d?( or \w+ \d\d?| to \w+ \d\d?)? (" + MONTHS + r")[a-z]*\b")
STORIES = {
    "pre_interview": (
        "My interview with Priya at Siemens is in 10 days and we've been emailing. "
        "Can I write to her to confirm the time?"
    ),
    "post_interview": (
        "I interviewed with Tom Becker at Initech on November 2 and he said they'd decide by November 13. "
        "Still nothing. Can I email him?"
    ),
    "staffing_agency": (
        "A recruiter from Hays set up my interview with their client 5 days ago and I haven't heard anything "
        "since. Can I ask her for news?"
    ),
}


@pytest.mark.parametrize(("branch", "story"), sorted(STORIES.items()))
def test_whole_story_with_dates_gets_advice_naming_calendar_days(env: ChannelsEnv, branch: str, story: str) -> None:
    who = sender()
    replies = env.stack.say(who, story)
    assert env.stack.tracker(who)["slots"]["branch"] == branch
    first = (replies[0].get("text") or "") if replies else ""
    assert DAY.search(first), f"the first reply names no calendar day: {first!r}"


def test_long_conversation_starts_a_new_session_at_a_quiet_point_and_keeps_everything(env: ChannelsEnv) -> None:
    """After ten messages and a "you're welcome", a new session starts: slots, drafts and history carry on."""
    who = sender()
    env.stack.say(who, STORIES["pre_interview"])
    for _ in range(8):
        env.stack.say(who, "hi")
    assert [e["event"] for e in env.stack.tracker(who)["events"]].count("session_started") == 1
    env.stack.say(who, "thanks")  # the tenth message, answered "you're welcome": the store starts a new session
    assert [e["event"] for e in env.stack.tracker(who)["events"]].count("session_started") == 2
    replies = env.stack.say(who, "can you write the email for me?")
    draft = " ".join(r.get("text") or "" for r in replies)
    assert "Dear Priya" in draft and "Siemens" in draft and DAY.search(draft), draft
    events = env.stack.tracker(who)["events"]
    assert [e["event"] for e in events].count("session_started") == 2
    users = [e["text"] for e in events if e["event"] == "user"]
    assert users == [STORIES["pre_interview"]] + ["hi"] * 8 + ["thanks", "can you write the email for me?"]
    new_session = events[max(i for i, e in enumerate(events) if e["event"] == "session_started") :]
    carried = [e["name"] for e in new_session if e["event"] == "slot"]
    assert len(carried) == len(set(carried)) and {"interviewer_name", "company", "interview_date"} <= set(carried)


def test_rest_health(env: ChannelsEnv) -> None:
    assert requests.get(f"{env.rasa_url}/webhooks/rest/", timeout=10).json() == {"status": "ok"}


@pytest.mark.parametrize("path", ["/status", "/domain", "/conversations/someone/tracker", "/version"])
def test_http_api_needs_the_token(env: ChannelsEnv, path: str) -> None:
    url = f"{env.rasa_url}{path}"
    if path == "/version":
        # Rasa serves /version without auth on purpose (no data in it); the others need the token.
        assert requests.get(url, timeout=10).status_code == 200
        return
    assert requests.get(url, timeout=10).status_code == 401
    assert requests.get(url, params={"token": "wrong-token"}, timeout=10).status_code == 401
    ok = requests.get(url, params={"token": env.stack.api_token}, headers={"Accept": "application/json"}, timeout=30)
    assert ok.status_code == 200, ok.text


def test_tracker_of_a_rest_conversation_via_api(env: ChannelsEnv) -> None:
    who = sender()
    env.stack.say(who, "hi")
    events = env.stack.tracker(who)["events"]
    assert [e["text"] for e in events if e["event"] == "user"] == ["hi"]
    assert any(e["event"] == "bot" and e.get("text") == GREET["text"] for e in events)


def listening_addresses(port: int) -> List[str]:
    """Local addresses of the TCP sockets listening on port (from /proc/net/tcp and tcp6)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        path = Path(table)
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            local, state = fields[1], fields[3]
            address, port_hex = local.rsplit(":", 1)
            if state == "0A" and int(port_hex, 16) == port:
                found.append(address)
    return found


def non_loopback_ipv4() -> List[str]:
    """The machine's IPv4 addresses that are not 127.x (may be empty on a loopback-only machine)."""
    addresses = set()
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            addresses.add(info[4][0])
    except socket.gaierror:
        pass
    fib = Path("/proc/net/fib_trie")
    if fib.exists():
        lines = fib.read_text().splitlines()
        for i, line in enumerate(lines[1:], start=1):
            if "/32 host LOCAL" in line:
                addresses.add(lines[i - 1].split()[-1])
    return sorted(a for a in addresses if not a.startswith("127."))


def test_rasa_listens_on_loopback_only(env: ChannelsEnv) -> None:
    addresses = listening_addresses(env.stack.rasa_port)
    # 0100007F is 127.0.0.1 in /proc/net/tcp's byte order; 00000000 would be 0.0.0.0.
    assert addresses == ["0100007F"], addresses
    for address in non_loopback_ipv4():
        with pytest.raises(OSError), socket.create_connection((address, env.stack.rasa_port), timeout=3):
            pass
