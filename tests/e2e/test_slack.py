"""Rasa's real Slack channel (credentials.slack.yml) against a fake Slack Web API on 127.0.0.1.

Requests are signed with the signing secret exactly as Slack signs them; replies are read from the
chat.postMessage calls the fake API recorded (Rasa answers Slack in a background task).
"""

from __future__ import annotations

import json
import re
import time
import uuid
from typing import Any, Dict, List

import pytest
from channels_env import SLACK_TOKEN, ChannelsEnv, channels_env
from stack import rendered_domain

DOMAIN = rendered_domain()
GREET = DOMAIN["responses"]["utter_greet"][0]


@pytest.fixture(scope="module")
def env() -> ChannelsEnv:
    return channels_env()


def new_user() -> Dict[str, str]:
    """A fresh Slack user with their own DM channel (one conversation per user)."""
    tag = uuid.uuid4().hex[:8].upper()
    return {"user": f"U{tag}", "channel": f"D{tag}"}


def new_ts() -> str:
    return f"{time.time():.6f}"


def replies_in(env: ChannelsEnv, channel: str, thread_ts: str, at_least: int = 1) -> List[Dict[str, Any]]:
    """Wait for the bot's chat.postMessage calls in that thread, then for it to finish the turn."""
    env.slack.wait_for(lambda _: len(env.slack.posts(channel, thread_ts)) >= at_least, timeout=60)
    env.slack.wait_quiet(1.5)
    return env.slack.posts(channel, thread_ts)


def all_text(posts: List[Dict[str, Any]]) -> str:
    """Everything the bot posted, text and blocks, as one string."""
    return "\n".join(json.dumps(p, ensure_ascii=False) for p in posts)


def button_values(posts: List[Dict[str, Any]]) -> Dict[str, str]:
    values = {}
    for post in posts:
        for block in post.get("blocks") or []:
            if block.get("type") == "actions":
                for element in block["elements"]:
                    values[element["text"]["text"]] = element["value"]
    return values


def test_url_verification_is_answered(env: ChannelsEnv) -> None:
    body = json.dumps({"token": "x", "challenge": "c-h-a-l-l-e-n-g-e", "type": "url_verification"}).encode()
    response = env.slack_post(body, "application/json")
    assert response.status_code == 200
    assert response.json() == "c-h-a-l-l-e-n-g-e"


def test_bad_signature_is_rejected(env: ChannelsEnv) -> None:
    who = new_user()
    response = env.slack_dm(who["user"], "hi", who["channel"], new_ts(), secret="not-the-signing-secret")
    assert response.status_code == 400
    unsigned = env.slack_post(b'{"challenge": "x"}', "application/json", headers={"X-Slack-Signature": ""})
    assert unsigned.status_code == 400
    time.sleep(2)
    assert env.slack.posts(who["channel"]) == []
    assert not [e for e in env.stack.tracker(f"slack:{who['user']}")["events"] if e["event"] == "user"]


def test_stale_timestamp_is_rejected(env: ChannelsEnv) -> None:
    who = new_user()
    response = env.slack_dm(who["user"], "hi", who["channel"], new_ts(), timestamp=int(time.time()) - 600)
    assert response.status_code == 400
    time.sleep(2)
    assert env.slack.posts(who["channel"]) == []


def test_dm_gets_reply_in_its_thread_with_block_kit_buttons(env: ChannelsEnv) -> None:
    who, ts = new_user(), new_ts()
    response = env.slack_dm(who["user"], "hi", who["channel"], ts)
    assert response.status_code == 200
    posts = replies_in(env, who["channel"], ts)
    assert all(p.get("thread_ts") == ts for p in env.slack.posts(who["channel"])), "a reply left the thread"
    calls = [c for c in env.slack.calls("chat.postMessage") if c["body"].get("channel") == who["channel"]]
    assert all(c["authorization"] == f"Bearer {SLACK_TOKEN}" for c in calls)
    greet = [p for p in posts if p.get("blocks")]
    assert greet, posts
    blocks = greet[0]["blocks"]
    assert blocks[0]["type"] == "section" and blocks[0]["text"]["text"].strip() == GREET["text"].strip()
    assert [e["text"]["text"] for e in blocks[1]["elements"]] == [b["title"] for b in GREET["buttons"]]
    assert all(e["type"] == "button" for e in blocks[1]["elements"])


def test_retry_after_timeout_is_not_answered_twice(env: ChannelsEnv) -> None:
    who, ts = new_user(), new_ts()
    assert env.slack_dm(who["user"], "hi", who["channel"], ts).status_code == 200
    first = replies_in(env, who["channel"], ts)
    retry = env.slack_dm(
        who["user"],
        "hi",
        who["channel"],
        ts,
        headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"},
    )
    assert retry.status_code == 201
    assert retry.headers.get("X-Slack-No-Retry") == "1"
    time.sleep(3)
    assert env.slack.posts(who["channel"]) == first
    user_turns = [e for e in env.stack.tracker(f"slack:{who['user']}")["events"] if e["event"] == "user"]
    assert len(user_turns) == 1


def test_button_click_moves_the_conversation_on(env: ChannelsEnv) -> None:
    who, ts = new_user(), new_ts()
    env.slack_dm(who["user"], "hi", who["channel"], ts)
    values = button_values(replies_in(env, who["channel"], ts))
    title = GREET["buttons"][0]["title"]
    assert values[title] == GREET["buttons"][0]["payload"]
    before = len(env.slack.posts(who["channel"]))
    click = env.slack_click(who["user"], who["channel"], ts, values[title], title)
    assert click.status_code == 200
    env.slack.wait_for(lambda _: len(env.slack.posts(who["channel"])) > before, timeout=60)
    env.slack.wait_quiet(1.5)
    after = env.slack.posts(who["channel"])[before:]
    assert after and all(p.get("thread_ts") == ts for p in after)
    tracker = env.stack.tracker(f"slack:{who['user']}")
    assert tracker["slots"]["branch"] == GREET["buttons"][0]["payload"].split('"')[-2]
    assert tracker["latest_message"]["intent"]["name"] == "inform"
    # the next question comes with its own buttons
    assert button_values(after), after


def test_app_mention_in_a_channel_is_answered_in_thread_without_the_mention(env: ChannelsEnv) -> None:
    who, ts = new_user(), new_ts()
    channel = "C" + who["channel"][1:]
    event = {"type": "app_mention", "channel": channel, "user": who["user"], "text": "<@UCOACHBOT> hi", "ts": ts}
    assert env.slack_event(event).status_code == 200
    posts = replies_in(env, channel, ts)
    assert posts
    user_texts = [e["text"] for e in env.stack.tracker(f"slack:{who['user']}")["events"] if e["event"] == "user"]
    assert user_texts == ["hi"]


def test_other_channels_and_bot_messages_are_ignored(env: ChannelsEnv) -> None:
    who = new_user()
    channel = "C" + who["channel"][1:]
    public = {"type": "message", "channel_type": "channel", "channel": channel, "user": who["user"], "text": "hi"}
    response = env.slack_event({**public, "ts": new_ts()})
    assert response.status_code == 200 and response.text == "channel not supported."
    own = {**public, "channel_type": "im", "channel": who["channel"], "bot_id": "BCOACH", "ts": new_ts()}
    assert env.slack_event(own).status_code == 200
    time.sleep(2.5)
    assert env.slack.posts(channel) == [] and env.slack.posts(who["channel"]) == []


def test_markup_and_mentions_from_the_user_are_not_echoed_live(env: ChannelsEnv) -> None:
    who, ts = new_user(), new_ts()
    text = (
        "I interviewed last week with <@U0VICTIM> <!channel> <!here> at <https://evil.example/x|click here>, "
        "haven't heard back, should I follow up?"
    )
    assert env.slack_dm(who["user"], text, who["channel"], ts).status_code == 200
    posts = replies_in(env, who["channel"], ts)
    dumped = all_text(posts)
    for live in ("<@U0VICTIM>", "<!channel>", "<!here>", "<https://evil.example", "evil.example"):
        assert live not in dumped, f"{live} came back in the bot's reply: {dumped}"
    assert not re.search(r"<[@#!]", " ".join(p.get("text") or "" for p in posts)), posts
    for post in posts:
        assert post.get("link_names") in (None, False, 0) and post.get("parse") in (None, "none")
    # the link was unwrapped by the channel before NLU; the message was understood, not dropped
    user_texts = [e["text"] for e in env.stack.tracker(f"slack:{who['user']}")["events"] if e["event"] == "user"]
    assert len(user_texts) == 1 and "click here" in user_texts[0] and "<https" not in user_texts[0]


def test_wrong_content_type_is_not_processed(env: ChannelsEnv) -> None:
    """Slack sends exactly application/json; anything else is acknowledged and dropped, not half-parsed."""
    who, ts = new_user(), new_ts()
    payload = {
        "type": "event_callback",
        "event": {"type": "message", "channel_type": "im", "channel": who["channel"], "user": who["user"]},
    }
    payload["event"].update(text="hi", ts=ts)
    response = env.slack_post(json.dumps(payload).encode(), "text/plain")
    assert response.status_code == 200
    time.sleep(2)
    assert env.slack.posts(who["channel"]) == []
