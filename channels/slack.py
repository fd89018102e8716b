"""Slack channel behind the project's guards (key channels.slack.SafeSlackInput in credentials.slack.yml).

Rasa's SlackInput, same URL (/webhooks/slack/webhook), signature check and replies, except that:

- every signed payload it cannot use (other interactive types such as ``view_submission``,
  ``message_action`` or ``checkboxes``, a body that is not the JSON object Slack sends, fields of the
  wrong type) is acknowledged with 200 and ignored, never answered 500 (which Slack would retry);
- a delivery already seen (a retry for any reason, an exact replay, the ``message`` and ``app_mention``
  events of one message) is acknowledged and not processed again: the message's channel and ``ts`` (a
  click's user and ``action_ts``) and the body's hash are remembered for an hour, and the key is the
  turn's message_id, so the TurnGuard also drops it when the history already has it (another replica,
  a restart);
- turns run through the TurnGuard like REST and Socket.IO: the same user id check, length cap (the text
  of a longer message is not even scanned for links), metadata check and one turn at a time per user;
- the conversation id is Rasa's (the user id by default) in Slack's namespace, ``slack:U123ABC``, which
  REST and Socket.IO cannot use: Slack user ids are visible to everyone in a workspace.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import time
from collections import OrderedDict
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, Iterable, List
from urllib.parse import parse_qs

import aiohttp
from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.errors import SlackApiError, SlackClientError

from channels.guard import MAX_MESSAGE_CHARS, CountedReplies, InputRejected, TurnGuard, channel_conversation_id
from channels.socketio import is_draft

logger = logging.getLogger(__name__)

SEEN_SECONDS = 3600  # Slack retries within minutes and a signature is accepted for five
SEEN_MAX = 20_000
# Message subtypes that are still a person writing; others (channel_join, message_changed, ...) are not.
USER_SUBTYPES = {None, "file_share", "thread_broadcast"}
INTERACTIVE_TYPES = {"block_actions", "interactive_message"}
POST_BACKOFF = (0.5, 1.0, 2.0)  # seconds before each new attempt at a reply Slack did not take
SLACK_ID_PREFIX = channel_conversation_id("slack", "")


class Ignored(Exception):
    """A signed request that is acknowledged (200) but not processed; body is what Slack gets back."""

    def __init__(self, reason: str, body: str = "") -> None:
        """Keep the reason for the log and the response body."""
        super().__init__(reason)
        self.body = body


@dataclass
class SlackTurn:
    """What one Slack delivery asks the bot: a text from a user, where to answer and how to recognise it again."""

    text: str
    user: str
    channel: str
    thread_id: str | None
    bot_users: List[str]
    keys: List[str]


class RecentKeys:
    """Delivery keys seen in the last SEEN_SECONDS (at most SEEN_MAX of them)."""

    def __init__(self) -> None:
        """Start empty."""
        self._seen: OrderedDict[str, float] = OrderedDict()

    def seen(self, keys: Iterable[str]) -> bool:
        """Remember keys; say whether any of them was seen before."""
        now = time.monotonic()
        while self._seen and (len(self._seen) > SEEN_MAX or next(iter(self._seen.values())) < now - SEEN_SECONDS):
            self._seen.popitem(last=False)
        keys = list(keys)
        known = any(key in self._seen for key in keys)
        for key in keys:
            self._seen[key] = now
            self._seen.move_to_end(key)
        return known


def _string(value: Any, what: str) -> str:
    """Return value if it is a non-empty string, else ignore the delivery."""
    if not isinstance(value, str) or not value:
        raise Ignored(f"{what} is not a non-empty string")
    return value


def _object(value: Any, what: str) -> Dict[str, Any]:
    """Return value if it is a JSON object (missing counts as empty), else ignore the delivery."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise Ignored(f"{what} is not an object")
    return value


def _json_object(raw: bytes | str) -> Dict[str, Any]:
    """Parse a JSON object; anything else is ignored."""
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):
        raise Ignored("the body is not JSON") from None
    if not isinstance(value, dict):
        raise Ignored("the body is not a JSON object")
    return value


def _may_pass(error: Exception) -> bool:
    """Whether a failed Slack API call is worth trying again (connection, timeout, rate limit, Slack's 5xx)."""
    if isinstance(error, SlackApiError):
        status = getattr(error.response, "status_code", 0)
        return status == 429 or status >= 500
    return isinstance(error, (aiohttp.ClientError, asyncio.TimeoutError))


class SafeSlackBot(CountedReplies, SlackBot):
    """Rasa's Slack output: a failed post is retried with back-off, then logged; the turn goes on."""

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Post a draft as one message (Rasa splits texts at blank lines), anything else like Rasa."""
        if is_draft(text, kwargs):
            recipient = self.slack_channel or recipient_id
            await self._post_message(channel=recipient, as_user=True, text=text.strip(), type="mrkdwn")
        else:
            await super().send_text_message(recipient_id, text, **kwargs)

    async def _post_message(self, channel: str, **kwargs: Any) -> None:
        """Post like Rasa; never raise, so the turn is stored even when Slack does not take the reply."""
        # Without a known channel Rasa posts to the conversation id: Slack's id is the part after "slack:".
        channel = channel.removeprefix(SLACK_ID_PREFIX)
        for attempt in range(len(POST_BACKOFF) + 1):
            try:
                await super()._post_message(channel, **kwargs)
                return
            except (SlackClientError, aiohttp.ClientError, asyncio.TimeoutError) as error:
                if attempt == len(POST_BACKOFF) or not _may_pass(error):
                    logger.error("Slack reply to %s not posted (attempt %d): %r", channel, attempt + 1, error)
                    return
                await asyncio.sleep(POST_BACKOFF[attempt])


class SafeSlackInput(SlackInput):
    """Rasa's Slack channel that ignores what it cannot use, processes each delivery once and guards turns."""

    @classmethod
    def name(cls) -> str:
        """Keep Rasa's channel name: the URL stays /webhooks/slack/webhook and trackers see ``slack``."""
        return "slack"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Rasa's settings, plus the memory of recent deliveries."""
        super().__init__(*args, **kwargs)
        self.recent = RecentKeys()

    def read_event(self, body: bytes) -> SlackTurn | str:
        """An Events API body as a turn, or the url_verification challenge to echo."""
        payload = _json_object(body)
        challenge = payload.get("challenge")
        if challenge is not None:
            return _string(challenge, "challenge")
        event = _object(payload.get("event"), "event")
        if event.get("type") not in ("message", "app_mention") or event.get("bot_id"):
            raise Ignored("not a user message", "Bot message delivered.")
        if event.get("subtype") not in USER_SUBTYPES:
            raise Ignored(f"message subtype {event.get('subtype')!r}", "Bot message delivered.")
        text, user = _string(event.get("text"), "event.text"), _string(event.get("user"), "event.user")
        channel = _string(event.get("channel"), "event.channel")
        is_mention, is_dm = event["type"] == "app_mention", event.get("channel_type") == "im"
        if not (is_mention or is_dm or channel == self.slack_channel):
            raise Ignored(f"channel {channel} not supported", "channel not supported.")
        ts, thread_ts = event.get("ts"), event.get("thread_ts")
        authorizations = payload.get("authorizations") or []
        if not isinstance(authorizations, list) or not all(isinstance(a, dict) for a in authorizations):
            raise Ignored("authorizations malformed")
        if "authed_users" in payload:
            bot_users = payload["authed_users"]
        else:
            bot_users = [authorizations[0].get("user_id")] if authorizations else []
        if not isinstance(bot_users, list) or not all(isinstance(u, str) for u in bot_users):
            raise Ignored("authed_users or authorizations malformed")
        keys = [f"slack:{channel}:{ts}"] if isinstance(ts, str) and ts else []
        event_id = payload.get("event_id")
        if isinstance(event_id, str) and event_id:
            keys.append(f"slack-event:{event_id}")
        thread = thread_ts if isinstance(thread_ts, str) else ts if isinstance(ts, str) else None
        return SlackTurn(text, user, channel, thread, bot_users, keys)

    def read_interaction(self, body: bytes) -> SlackTurn:
        """An interactivity body (a click in one of our messages) as a turn."""
        try:
            form = parse_qs(body.decode("utf-8"), strict_parsing=True)
        except (UnicodeDecodeError, ValueError):
            raise Ignored("the form is malformed") from None
        payload = _json_object((form.get("payload") or [""])[0])
        if payload.get("type") not in INTERACTIVE_TYPES:
            raise Ignored(f"interactive payload {payload.get('type')!r} not used")
        actions = payload.get("actions")
        if not isinstance(actions, list) or not actions or not isinstance(actions[0], dict):
            raise Ignored("no actions")
        action = actions[0]
        if not self._is_interactive_message(payload):
            raise Ignored(f"interactive component {action.get('type')!r} not used")
        try:
            value = self._get_interactive_response(action)
        except (AttributeError, IndexError, KeyError, TypeError):
            raise Ignored("interactive value malformed") from None
        if value is None and action.get("type") == "button":
            raise Ignored("link button", "User clicked link button")
        text = _string(value, "interactive value")
        user = _string(_object(payload.get("user"), "user").get("id"), "user.id")
        channel = _string(_object(payload.get("channel"), "channel").get("id"), "channel.id")
        message = _object(payload.get("message"), "message")
        thread = message.get("thread_ts", message.get("ts"))
        action_ts = action.get("action_ts")
        keys = [f"slack-click:{user}:{action_ts}"] if isinstance(action_ts, str) and action_ts else []
        return SlackTurn(text, user, channel, thread if isinstance(thread, str) else None, [user], keys)

    def read(self, request: Request) -> SlackTurn | str:
        """The turn (or challenge) in a signed request; Ignored for anything else."""
        media_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
        if media_type == "application/json":
            return self.read_event(request.body)
        if media_type == "application/x-www-form-urlencoded":
            return self.read_interaction(request.body)
        raise Ignored(f"content type {media_type!r} not used", "Bot message delivered.")

    def get_output_channel(self, channel: str | None = None, thread_id: str | None = None) -> OutputChannel:
        """The Slack output that retries, then logs, a reply Slack's API does not take."""
        return SafeSlackBot(self.slack_token, channel or self.slack_channel, thread_id, self.proxy)

    def user_message(self, turn: SlackTurn) -> UserMessage:
        """The UserMessage for a turn: Rasa's conversation id, output channel and metadata, the key as message_id."""
        metadata = {"out_channel": turn.channel, "thread_id": turn.thread_id, "users": turn.bot_users}
        # A text over the cap is refused by the TurnGuard: no need to run the link regexes over it first.
        text = (
            turn.text if len(turn.text) > MAX_MESSAGE_CHARS else self._sanitize_user_message(turn.text, turn.bot_users)
        )
        message = UserMessage(
            text,
            self.get_output_channel(turn.channel, turn.thread_id if self.use_threads else None),
            channel_conversation_id(self.name(), self._get_conversation_id(turn.user, turn.channel, turn.thread_id)),
            input_channel=self.name(),
            message_id=turn.keys[0],
            metadata=metadata,
        )
        message.coach_client_message_id = True  # type: ignore[attr-defined]
        message.coach_drop_duplicate = True  # type: ignore[attr-defined]
        return message

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Health and webhook routes; each new delivery is acknowledged at once and its turn guarded."""
        guard = TurnGuard(on_new_message)
        slack_webhook = Blueprint("slack_webhook", __name__)
        guard.attach(slack_webhook)

        async def guarded(message: UserMessage) -> None:
            """Run the guard; a refusal becomes a reply in Slack."""
            try:
                await guard(message)
            except InputRejected as error:
                await message.output_channel.send_text_message(message.sender_id, error.reply)

        @slack_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            """Liveness of the channel."""
            return response.json({"status": "ok"})

        @slack_webhook.route("/webhook", methods=["GET", "POST"])
        async def webhook(request: Request) -> HTTPResponse:
            """Check the signature, then acknowledge: process a new user message in the background."""
            if not self.is_request_from_slack_authentic(request):
                return response.text(
                    "Message is not properly signed with a valid X-Slack-Signature header",
                    status=HTTPStatus.BAD_REQUEST,
                )
            try:
                turn = self.read(request)
            except Ignored as ignored:
                logger.info("Slack request ignored: %s", ignored)
                return response.text(ignored.body)
            if isinstance(turn, str):
                return response.json(turn)
            turn.keys.append("slack-body:" + hashlib.sha256(request.body).hexdigest())
            if self.recent.seen(turn.keys):
                retry = request.headers.get("x-slack-retry-num")
                logger.info("Slack delivery %s seen before (retry %s): not processed again", turn.keys[0], retry)
                return response.text("", status=HTTPStatus.CREATED, headers={"X-Slack-No-Retry": "1"})
            task = asyncio.create_task(guarded(self.user_message(turn)))
            self._background_tasks.add(task)
            task.add_done_callback(self._background_tasks.discard)
            return response.text("")

        return slack_webhook
