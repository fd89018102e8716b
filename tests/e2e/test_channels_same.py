"""The same conversation over REST, Socket.IO and Slack gets the same texts and buttons in each channel."""

from __future__ import annotations

import threading
import time
import uuid
from typing import Any, Callable, Dict, List

import pytest
import socketio
from channels_env import ChannelsEnv, channels_env, rest_turn, slack_turn, socketio_turn

# Sender-independent messages: a greeting, a button payload, then free text and payloads that walk the
# post-interview branch to the advice. Every channel gets exactly these.
SCRIPT = [
    "hi",
    '/inform{"branch":"post_interview"}',
    "I'd like to check on my status, I haven't heard back",
    '/inform{"DATE":"7 days ago"}',
    "/deny",
    "/skip",
    "/skip",
    "/skip",
]


@pytest.fixture(scope="module")
def env() -> ChannelsEnv:
    return channels_env()


def wait_turn_done(env: ChannelsEnv, sender: str, user_turns: int, timeout: float = 60) -> None:
    """Wait until the tracker holds user_turns user messages and the bot is listening again."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        events = env.stack.tracker(sender)["events"]
        users = [e for e in events if e["event"] == "user"]
        last_action = [e for e in events if e["event"] == "action"][-1:]
        if len(users) >= user_turns and last_action and last_action[0]["name"] == "action_listen":
            time.sleep(0.5)  # the channel may still be sending the last message
            return
        time.sleep(0.2)
    raise TimeoutError(f"{sender}: turn {user_turns} did not finish")


def run_rest(env: ChannelsEnv) -> List[Dict[str, Any]]:
    sender = f"same-rest-{uuid.uuid4().hex[:8]}"
    return [rest_turn(env.stack.say(sender, text)) for text in SCRIPT]


def run_socketio(env: ChannelsEnv) -> List[Dict[str, Any]]:
    received: List[Dict[str, Any]] = []
    confirmed = threading.Event()
    issued: List[str] = []  # the server issues the session id (channels.sessions)
    client = socketio.Client(reconnection=False)
    client.on("bot_uttered", lambda data: received.append(data))
    client.on("session_confirm", lambda data: (issued.append(data), confirmed.set()))
    # polling: the websocket transport of python-engineio needs a newer aiohttp/websocket-client than Rasa allows
    client.connect(env.rasa_url, socketio_path="/socket.io", transports=["polling"], wait_timeout=20)
    try:
        client.emit("session_request", {"session_id": None})
        assert confirmed.wait(20), "no session_confirm"
        session_id = issued[0]
        turns = []
        for n, text in enumerate(SCRIPT, start=1):
            start = len(received)
            client.emit("user_uttered", {"message": text, "session_id": session_id, "customData": {}})
            wait_turn_done(env, session_id, n)
            turns.append(socketio_turn(received[start:]))
        return turns
    finally:
        client.disconnect()


def run_slack(env: ChannelsEnv) -> List[Dict[str, Any]]:
    tag = uuid.uuid4().hex[:8].upper()
    user, channel = f"USAME{tag}", f"DSAME{tag}"
    turns = []
    for n, text in enumerate(SCRIPT, start=1):
        start = len(env.slack.posts(channel))
        ts = f"{time.time():.6f}"
        if text.startswith("/"):  # what a button click sends
            response = env.slack_click(user, channel, ts, text)
        else:
            response = env.slack_dm(user, text, channel, ts)
        assert response.status_code == 200, response.text
        wait_turn_done(env, f"slack:{user}", n)
        env.slack.wait_quiet(0.8)
        turns.append(slack_turn(env.slack.posts(channel)[start:]))
    return turns


RUNNERS: Dict[str, Callable[[ChannelsEnv], List[Dict[str, Any]]]] = {
    "rest": run_rest,
    "socketio": run_socketio,
    "slack": run_slack,
}


def test_same_texts_and_buttons_in_every_channel(env: ChannelsEnv) -> None:
    results = {name: run(env) for name, run in RUNNERS.items()}
    rest = results["rest"]
    assert all(turn["text"] for turn in rest), rest
    assert rest[0]["buttons"], "the greeting has buttons"
    for name in ("socketio", "slack"):
        assert len(results[name]) == len(rest)
        for n, (expected, got) in enumerate(zip(rest, results[name]), start=1):
            assert got["text"] == expected["text"], f"{name}, turn {n} ({SCRIPT[n - 1]!r}): text differs"
            assert got["buttons"] == expected["buttons"], f"{name}, turn {n} ({SCRIPT[n - 1]!r}): buttons differ"
