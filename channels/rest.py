"""REST channel answering bad input with a 4xx, never a 500 or a silent 200 [] (key channels.rest.SafeRestInput).

REST is for programs: a body must be sent as ``Content-Type: application/json``. A web page can only post
``text/plain``, form or multipart bodies to another site without a CORS preflight, so with this rule no page
from another origin can post into a conversation (those get 415). Sender ids starting with another channel's
prefix (``socketio:``, ``slack:``) are refused (403): REST cannot write into web chat or Slack conversations.
A server whose REST webhook is public sets ``COACH_REST_TOKEN`` (its own token, or the API token's value):
requests without it get 401. A client that disconnects does not cancel its turn: it runs, is stored, answered.
"""

from __future__ import annotations

import asyncio
import hmac
import inspect
import json
import logging
import os
import re
from asyncio import CancelledError
from typing import Any, Awaitable, Callable, Dict, Set, Union

import rasa.utils.endpoints
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse, ResponseStream

from channels import api_guard
from channels.guard import CountedReplies, InputRejected, TurnGuard, check_rest_sender, check_text
from channels.socketio import is_draft

logger = logging.getLogger(__name__)


# A server whose REST webhook is reachable from outside sets this: REST then answers only programs that send it.
REST_TOKEN_ENV = "COACH_REST_TOKEN"


def check_rest_token(request: Request, expected: str) -> None:
    """Refuse (401) a request without the REST token, when there is one (Authorization: Bearer, or ?token=)."""
    if not expected:
        return
    header = request.headers.get("authorization") or ""
    given = header[7:].strip() if header[:7].lower() == "bearer " else (request.args.get("token") or "")
    if not hmac.compare_digest(given.encode(errors="replace"), expected.encode()):
        raise InputRejected(401, "this REST channel needs its token: send 'Authorization: Bearer <token>'", "")


def check_json_content_type(request: Request) -> None:
    """Refuse (415) a body not declared as JSON: only programs and same-origin pages can send that."""
    media_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if not re.fullmatch(r"application/([\w.-]+\+)?json", media_type):
        shown = media_type or "none"
        raise InputRejected(415, f"send the body as Content-Type: application/json (got {shown})", "")


def parse_body(request: Request) -> Dict[str, Any]:
    """Return the request body as a JSON object, or raise InputRejected(400) saying what is wrong with it."""
    try:
        raw = request.body.decode("utf-8")
    except UnicodeDecodeError:
        raise InputRejected(400, "the body is not UTF-8", "") from None
    try:
        body = json.loads(raw)
    except ValueError:
        raise InputRejected(400, "the body is not valid JSON", "") from None
    except RecursionError:
        raise InputRejected(400, "the body is nested too deeply", "") from None
    if not isinstance(body, dict):
        raise InputRejected(400, "the body must be a JSON object", "")
    return body


# Turns still running, some for clients that left (a task nobody references may be garbage-collected).
unfinished: Set[asyncio.Future[None]] = set()


def _forget(turn: asyncio.Future[None]) -> None:
    """Drop a finished turn, reading its refusal (if any) so that a turn whose client left raises no warning."""
    unfinished.discard(turn)
    if not turn.cancelled() and turn.exception() is not None:
        logger.debug("REST turn ended with %r", turn.exception())


# Set by the cluster's nginx to its request id, which stays the same when nginx retries a request on the other
# replica: a message without a client message_id is then still recognised there as the same turn.
TURN_ID_HEADER = "X-Turn-Id"
_TURN_ID = re.compile(r"[0-9A-Za-z_-]{1,64}")


def turn_id(request: Request) -> str | None:
    """The proxy's id for this request (header X-Turn-Id), if it has a usable one."""
    value = request.headers.get(TURN_ID_HEADER)
    return f"turn:{value}" if isinstance(value, str) and _TURN_ID.fullmatch(value) else None


def _reject(error: InputRejected) -> HTTPResponse:
    """Build the JSON error response for a refused message."""
    return response.json({"error": error.reason, "status": error.status}, status=error.status)


class DraftCollector(CountedReplies, CollectingOutputChannel):
    """Rasa's collector, except that a draft stays one message (Rasa splits texts at blank lines)."""

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Collect a draft whole, anything else split like Rasa does."""
        if is_draft(text, kwargs):
            await self._persist_message(self._message(recipient_id, text=text.strip()))
        else:
            await super().send_text_message(recipient_id, text, **kwargs)


class SafeRestInput(RestInput):
    """Rasa's REST channel (same URL and replies) with checked input, per-sender ordering and no silent turns."""

    @classmethod
    def name(cls) -> str:
        """Keep Rasa's channel name, so the URL stays /webhooks/rest/webhook."""
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        """Health and webhook routes; every message goes through the TurnGuard."""
        guard = TurnGuard(on_new_message)
        rest_token = os.environ.get(REST_TOKEN_ENV, "")
        module = inspect.getmodule(self)
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", module.__name__ if module else None)
        guard.attach(webhook)

        async def guard_http_api(app: Sanic, _loop: Any) -> None:
            """Rasa's model routes answer unusable bodies with a 4xx (channels.api_guard)."""
            api_guard.install(app)

        webhook.listener("before_server_start")(guard_http_api)

        async def streamed(message: UserMessage) -> None:
            """Run the guard for ?stream=true, where a refusal can only be said as a message."""
            try:
                await guard(message)
            except InputRejected as error:
                await message.output_channel.send_text_message(message.sender_id, error.reply)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            """Liveness of the channel."""
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> Union[ResponseStream, HTTPResponse]:
            """One user message in, the bot's replies out (or a 4xx saying what is wrong)."""
            try:
                check_rest_token(request, rest_token)
                check_json_content_type(request)
                body = parse_body(request)
                sender = check_rest_sender(body.get("sender"))
                text = check_text(body.get("message"))
                metadata: Dict[str, Any] | None = body.get("metadata")
                if metadata is not None and not isinstance(metadata, dict):
                    raise InputRejected(400, "'metadata' must be a JSON object", "")
                input_channel = body.get("input_channel") or self.name()
                if not isinstance(input_channel, str):
                    raise InputRejected(400, "'input_channel' must be a string", "")
                # Optional client message id: a retry with the same id gets the recorded replies, not a 2nd turn.
                message_id = body.get("message_id")
                if message_id is not None and (not isinstance(message_id, str) or not 0 < len(message_id) <= 255):
                    raise InputRejected(400, "'message_id' must be a string of 1-255 characters", "")
                message_id = message_id or turn_id(request)
            except InputRejected as error:
                return _reject(error)

            if rasa.utils.endpoints.bool_arg(request, "stream", default=False):
                return response.stream(
                    self.stream_response(streamed, text, sender, input_channel, metadata),
                    content_type="text/event-stream",
                )
            collector = DraftCollector()
            message = UserMessage(
                text, collector, sender, input_channel=input_channel, message_id=message_id, metadata=metadata
            )
            message.coach_client_message_id = message_id is not None  # type: ignore[attr-defined]
            # A client that disconnects cancels this handler, not the turn: it runs to the end and is stored.
            turn = asyncio.ensure_future(guard(message))
            unfinished.add(turn)
            turn.add_done_callback(_forget)
            try:
                await asyncio.shield(turn)
            except InputRejected as error:
                return _reject(error)
            except CancelledError:
                logger.warning("REST client of %s left before the reply; the turn still runs and is stored", sender)
                raise
            return response.json(collector.messages)

        return webhook
