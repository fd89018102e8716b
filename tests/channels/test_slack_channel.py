"""The guarded Slack channel: unusable signed payloads are a 200, each delivery is processed once, turns guarded."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
from types import SimpleNamespace
from typing import Any, Dict, List, Tuple
from urllib.parse import urlencode

import aiohttp
import pytest
from multidict import CIMultiDict
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.lock_store import InMemoryLockStore
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from slack_sdk.errors import SlackApiError

import channels.slack as slack_module
from channels.guard import MAX_MESSAGE_CHARS, TurnGuard
from channels.slack import SafeSlackBot, SafeSlackInput

SECRET = "test-signing-secret"
JSON, FORM = "application/json", "application/x-www-form-urlencoded"


def nested_json(depth: int) -> str:
    return '{"a":' * (depth - 1) + "{}" + "}" * (depth - 1)


class Slack:
    """A SafeSlackInput whose webhook is called directly and whose replies are collected, not posted."""

    def __init__(self, slack_channel: str | None = None) -> None:
        self.received: List[UserMessage] = []
        self.output = CollectingOutputChannel()
        self.channel = SafeSlackInput(
            "xoxb-unused", slack_channel=slack_channel, use_threads=True, slack_signing_secret=SECRET
        )
        self.channel.get_output_channel = lambda *_: self.output  # type: ignore[method-assign]
        blueprint = self.channel.blueprint(self._on_new_message)
        [route] = [r for r in blueprint._future_routes if r.uri == "/webhook"]
        self.handler = route.handler

    async def _on_new_message(self, message: UserMessage) -> None:
        self.received.append(message)
        await message.output_channel.send_response(message.sender_id, {"text": "ok"})

    async def post(
        self, body: bytes | str, content_type: str = JSON, secret: str = SECRET, headers: Dict[str, str] | None = None
    ) -> Tuple[int, str, Any]:
        """Sign and deliver body; wait for the turn it started; return status, body and headers."""
        body = body.encode() if isinstance(body, str) else body
        ts = str(int(time.time()))
        digest = hmac.new(secret.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()
        all_headers = CIMultiDict(
            {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}
        )
        all_headers.update(headers or {})
        response = await self.handler(SimpleNamespace(headers=all_headers, body=body))
        await asyncio.gather(*list(self.channel._background_tasks))
        return response.status, response.body.decode(), response.headers


def event_body(event: Dict[str, Any], **extra: Any) -> str:
    payload = {"type": "event_callback", "event_id": "Ev" + event.get("ts", "0"), "event": event, **extra}
    payload.setdefault("authorizations", [{"user_id": "UBOT", "is_bot": True}])
    return json.dumps(payload)


def dm(text: str = "hi", ts: str = "1700000000.000100", user: str = "U123") -> Dict[str, Any]:
    return {"type": "message", "channel_type": "im", "channel": "D123", "user": user, "text": text, "ts": ts}


def form(payload: Any) -> str:
    return urlencode({"payload": payload if isinstance(payload, str) else json.dumps(payload)})


def click(action: Dict[str, Any], **extra: Any) -> Dict[str, Any]:
    payload = {
        "type": "block_actions",
        "user": {"id": "U123"},
        "channel": {"id": "D123"},
        "message": {"ts": "1700000000.000100"},
        "actions": [action],
    }
    payload.update(extra)
    return payload


BUTTON = {"type": "button", "value": "/inform", "action_ts": "1700000001.1"}

# Signed payloads the bot cannot use: each is acknowledged with 200 and starts no turn.
IGNORED: Dict[str, Tuple[str, str]] = {
    "view_submission": (FORM, form({"type": "view_submission", "user": {"id": "U1"}, "view": {"state": {}}})),
    "view_closed": (FORM, form({"type": "view_closed", "user": {"id": "U1"}})),
    "message_action": (FORM, form({"type": "message_action", "callback_id": "x", "message": {"text": "hi"}})),
    "shortcut": (FORM, form({"type": "shortcut", "callback_id": "x", "user": {"id": "U1"}})),
    "block_suggestion": (FORM, form({"type": "block_suggestion", "value": "a"})),
    "checkboxes": (FORM, form(click({"type": "checkboxes", "selected_options": [{"value": "a"}]}))),
    "link button": (FORM, form(click({"type": "button", "url": "https://example.org"}))),
    "select without options": (FORM, form(click({"type": "select", "selected_options": []}))),
    "select options not a list": (FORM, form(click({"type": "select", "selected_options": "x"}))),
    "static_select option not an object": (FORM, form(click({"type": "static_select", "selected_option": "x"}))),
    "button value a number": (FORM, form(click({"type": "button", "value": 5}))),
    "actions empty": (FORM, form(click(BUTTON, actions=[]))),
    "actions a string": (FORM, form(click(BUTTON, actions="x"))),
    "action a number": (FORM, form(click(BUTTON, actions=[1]))),
    "user missing": (FORM, form(click(BUTTON, user=None))),
    "user a string": (FORM, form(click(BUTTON, user="U1"))),
    "user id a number": (FORM, form(click(BUTTON, user={"id": 1}))),
    "channel missing": (FORM, form(click(BUTTON, channel=None))),
    "message a list": (FORM, form(click(BUTTON, message=[]))),
    "payload missing": (FORM, "other=1"),
    "payload not JSON": (FORM, form("{not json")),
    "payload a list": (FORM, form([1, 2])),
    "payload nested 3000 deep": (FORM, form(nested_json(3000))),
    "form not UTF-8": (FORM, b"payload=\xff\xfe"),
    "form malformed": (FORM, "payload"),
    "body a list": (JSON, "[1, 2]"),
    "body a string": (JSON, '"hi"'),
    "body null": (JSON, "null"),
    "body not JSON": (JSON, "{"),
    "body not UTF-8": (JSON, b'{"a": "\xff"}'),
    "body nested 3000 deep": (JSON, nested_json(3000)),
    "challenge a number": (JSON, '{"type": "url_verification", "challenge": 5}'),
    "event a string": (JSON, json.dumps({"type": "event_callback", "event": "x"})),
    "event a list": (JSON, json.dumps({"type": "event_callback", "event": [dm()]})),
    "text a number": (JSON, event_body({**dm(), "text": 5})),
    "text an object": (JSON, event_body({**dm(), "text": {"a": 1}})),
    "user a number": (JSON, event_body({**dm(), "user": 5})),
    "user missing (event)": (JSON, event_body({k: v for k, v in dm().items() if k != "user"})),
    "channel a list": (JSON, event_body({**dm(), "channel": ["D1"]})),
    "authorizations a string": (JSON, event_body(dm(), authorizations="x")),
    "authed_users a string": (JSON, event_body(dm(), authed_users="UBOT")),
    "authed_users numbers": (JSON, event_body(dm(), authed_users=[1])),
    "subtype channel_join": (JSON, event_body({**dm(), "subtype": "channel_join"})),
    "subtype message_changed": (JSON, event_body({**dm(), "subtype": "message_changed"})),
    "bot message": (JSON, event_body({**dm(), "bot_id": "B1"})),
    "reaction_added": (JSON, event_body({"type": "reaction_added", "user": "U1", "reaction": "+1"})),
    "public channel": (JSON, event_body({**dm(), "channel_type": "channel", "channel": "C9"})),
    "text/plain": ("text/plain", event_body(dm())),
    "multipart": ("multipart/form-data; boundary=x", "--x--"),
}


@pytest.mark.parametrize("kind", IGNORED)
async def test_unusable_signed_payload_is_a_200_and_no_turn(kind: str) -> None:
    slack = Slack()
    content_type, body = IGNORED[kind]
    status, _, _ = await slack.post(body, content_type)
    assert status == 200
    assert slack.received == [] and slack.output.messages == []


async def test_bad_signature_is_a_400() -> None:
    slack = Slack()
    status, _, _ = await slack.post(event_body(dm()), secret="wrong")
    assert status == 400 and slack.received == []


async def test_url_verification_is_answered() -> None:
    status, body, _ = await Slack().post('{"type": "url_verification", "challenge": "abc"}')
    assert (status, json.loads(body)) == (200, "abc")


async def test_direct_message_is_one_guarded_turn() -> None:
    slack = Slack()
    status, _, _ = await slack.post(event_body(dm("<@UBOT> hi <https://x.example|x.example>")))
    assert status == 200
    [message] = slack.received
    assert (message.text, message.sender_id, message.input_channel) == ("hi x.example", "slack:U123", "slack")
    assert message.message_id == "slack:D123:1700000000.000100"
    assert message.metadata == {"out_channel": "D123", "thread_id": "1700000000.000100", "users": ["UBOT"]}
    assert slack.output.messages == [{"recipient_id": "slack:U123", "text": "ok"}]


@pytest.mark.parametrize("reason", ["http_timeout", "http_error", "connection_failed", "unknown"])
async def test_retry_for_any_reason_is_not_processed_again(reason: str) -> None:
    slack = Slack()
    body = event_body(dm())
    assert (await slack.post(body))[0] == 200
    status, _, headers = await slack.post(body, headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": reason})
    assert status == 201 and headers.get("X-Slack-No-Retry") == "1"
    assert len(slack.received) == 1


async def test_retry_of_a_delivery_never_seen_is_processed() -> None:
    """The first attempt never arrived (Rasa was down): the retry is the only copy."""
    slack = Slack()
    status, _, _ = await slack.post(
        event_body(dm()), headers={"X-Slack-Retry-Num": "2", "X-Slack-Retry-Reason": "http_error"}
    )
    assert status == 200 and len(slack.received) == 1


async def test_exact_replay_and_second_event_of_one_message_are_dropped() -> None:
    slack = Slack()
    body = event_body(dm())
    await slack.post(body)
    await slack.post(body)
    mention = {**dm(), "type": "app_mention", "channel_type": "channel"}
    await slack.post(event_body(mention, event_id="EvOther"))
    await slack.post(event_body(dm("hi again", ts="1700000000.000200")))
    assert [m.text for m in slack.received] == ["hi", "hi again"]


async def test_button_click_is_a_turn_and_its_replay_is_dropped() -> None:
    slack = Slack()
    body = form(click(BUTTON))
    assert (await slack.post(body, FORM))[0] == 200
    assert (await slack.post(body, FORM))[0] == 201
    [message] = slack.received
    assert (message.text, message.sender_id, message.metadata["thread_id"]) == (
        "/inform",
        "slack:U123",
        "1700000000.000100",
    )


async def test_message_over_the_cap_gets_the_too_long_reply_and_no_turn() -> None:
    slack = Slack()
    text = "<https://a.example|a> " * (100_000 // 22)
    started = time.monotonic()
    assert (await slack.post(event_body(dm(text))))[0] == 200
    assert time.monotonic() - started < 2
    assert slack.received == []
    [reply] = slack.output.messages
    assert str(MAX_MESSAGE_CHARS) in reply["text"] and "too long" in reply["text"]


async def test_channel_setting_still_allows_that_channel() -> None:
    slack = Slack(slack_channel="C9")
    await slack.post(event_body({**dm(), "channel_type": "channel", "channel": "C9"}))
    assert len(slack.received) == 1


async def test_delivery_already_in_the_history_is_dropped_without_replies() -> None:
    """Another replica (or this one before a restart) already processed it: the history has its message_id."""
    tracker = DialogueStateTracker.from_events("U123", [UserUttered("hi", message_id="slack:D123:1700000000.000100")])

    async def retrieve(_: str) -> DialogueStateTracker:
        return tracker

    slack = Slack()
    agent = SimpleNamespace(tracker_store=SimpleNamespace(retrieve=retrieve), lock_store=InMemoryLockStore())
    guard = TurnGuard(slack._on_new_message)
    guard.app = SimpleNamespace(ctx=SimpleNamespace(agent=agent))  # type: ignore[assignment]
    await guard(slack.channel.user_message(slack.channel.read_event(event_body(dm()).encode())))
    assert slack.received == [] and slack.output.messages == []


class FlakyClient:
    """A Slack Web API client whose chat.postMessage fails with the given errors, then succeeds."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0
        self.posted: List[Dict[str, Any]] = []

    async def chat_postMessage(self, **kwargs: Any) -> None:  # noqa: N802 - slack_sdk's name
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        self.posted.append(kwargs)


def api_error(status: int, error: str) -> SlackApiError:
    return SlackApiError(error, SimpleNamespace(status_code=status, data={"ok": False, "error": error}))


@pytest.fixture()
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(slack_module, "POST_BACKOFF", (0, 0, 0))


def bot(client: FlakyClient) -> SafeSlackBot:
    output = SafeSlackInput("xoxb-unused", slack_signing_secret=SECRET).get_output_channel("D123", "1.2")
    assert isinstance(output, SafeSlackBot)
    output.client = client  # type: ignore[assignment]
    return output


@pytest.mark.usefixtures("no_backoff")
async def test_reply_is_retried_when_the_failure_may_pass() -> None:
    client = FlakyClient(aiohttp.ClientConnectionError("down"), api_error(503, "service_unavailable"))
    await bot(client).send_text_message("U123", "hello")
    assert client.calls == 3
    assert [(p["channel"], p["text"], p["thread_ts"]) for p in client.posted] == [("D123", "hello", "1.2")]


@pytest.mark.usefixtures("no_backoff")
async def test_reply_failing_for_good_is_logged_and_the_turn_goes_on(caplog: pytest.LogCaptureFixture) -> None:
    client = FlakyClient(api_error(200, "channel_not_found"))
    await bot(client).send_text_message("U123", "hello")
    assert (client.calls, client.posted) == (1, [])
    down = FlakyClient(*[asyncio.TimeoutError()] * 10)
    await bot(down).send_text_message("U123", "hello")
    assert (down.calls, down.posted) == (4, [])
    assert "channel_not_found" in caplog.text and "attempt 4" in caplog.text


async def test_reply_without_a_known_channel_goes_to_the_slack_user_not_the_conversation_id() -> None:
    """Reminders and triggered intents have no event channel: Rasa posts to the conversation id."""
    output = SafeSlackInput("xoxb-unused", slack_signing_secret=SECRET).get_output_channel()
    client = FlakyClient()
    output.client = client  # type: ignore[assignment]
    await output.send_text_message("slack:U123", "hello")
    assert [p["channel"] for p in client.posted] == ["U123"]
