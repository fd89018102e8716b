r"""Socket.IO channel for the web page: Rasa's channel, but drafts stay in one message.

Rasa's ``SocketIOOutput`` splits every bot text on blank lines into separate chat bubbles.
That suits advice paragraphs, but a draft ("Subject: ...\n\nDear ...\n\nBest regards,\nAlex")
would be cut into four bubbles that cannot be copied in one go. This channel sends a draft
as one message (the page renders its line breaks and adds a copy button) and splits
everything else exactly like Rasa does. The widget renders bot texts as Markdown, so the
characters that make links (``[``, ``]``, ``<``) are escaped: placeholders like ``[Role]`` keep
their brackets and no text can become a link.

A message is a draft when the action sent it with ``draft_kind`` (``dispatcher.utter_message(
text=..., draft_kind=...)`` puts it in the bot message's metadata, which Rasa passes on as
keyword arguments) or when its first line starts with ``Subject:``.

It also awaits ``AsyncServer.enter_room`` when that is a coroutine (python-socketio >= 5.10),
where Rasa 3.6 forgets to and the page never receives a reply (RasaHQ/rasa#13027).

credentials.yml::

    channels.socketio.CoachSocketIOInput:
      user_message_evt: user_uttered
      bot_message_evt: bot_uttered
      session_persistence: true
      metadata_key: customData
"""

from __future__ import annotations

import inspect
import json
import logging
import re
import uuid
from typing import Any, Awaitable, Callable, Dict, List

import rasa.shared.utils.io
from rasa.core.channels.channel import OutputChannel, UserMessage, decode_bearer_token
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from channels.guard import CountedReplies

logger = logging.getLogger(__name__)

SUBJECT_LINE = re.compile(r"^\s*subject\s*:", re.IGNORECASE)
# Markdown characters that make links in the widget: "[Role]" would be shown as a link named "Role"
# (the placeholder's brackets lost), "[x](javascript:...)" and "<http://...>" as live links.
LINK_SYNTAX = re.compile(r"(?<!\\)([\[\]<])")


def inert_links(text: str) -> str:
    """Backslash-escape the link syntax not escaped yet; the widget's Markdown then shows it as typed."""
    return LINK_SYNTAX.sub(r"\\\1", text)


def is_draft(text: str | None, extra: Dict[str, Any] | None = None) -> bool:
    """Whether a bot message is a draft that must stay in one piece."""
    if extra and extra.get("draft_kind"):
        return True
    return bool(text) and bool(SUBJECT_LINE.match(text or ""))


def quick_replies(buttons: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Rasa buttons as the quick replies rasa-webchat renders."""
    return [{"content_type": "text", "title": b["title"], "payload": b["payload"]} for b in buttons]


class CoachSocketIOOutput(CountedReplies, SocketIOOutput):
    """Rasa's Socket.IO output, except that drafts are sent whole (and replies are counted)."""

    @classmethod
    def name(cls) -> str:
        """Same name as Rasa's channel, so trackers and actions see ``socketio``."""
        return "socketio"

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Send a draft as one message, anything else split on blank lines."""
        if is_draft(text, kwargs):
            await self._send_message(recipient_id, {"text": inert_links(text.strip())})
        else:
            await super().send_text_message(recipient_id, inert_links(text), **kwargs)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: List[Dict[str, Any]], **kwargs: Any
    ) -> None:
        """Send a draft with its buttons as one message, anything else like Rasa."""
        if is_draft(text, kwargs):
            message = {"text": inert_links(text.strip()), "quick_replies": quick_replies(buttons)}
            await self._send_message(recipient_id, message)
        else:
            await super().send_text_with_buttons(recipient_id, inert_links(text), buttons, **kwargs)


class CoachSocketIOInput(SocketIOInput):
    """Rasa's Socket.IO input channel with :class:`CoachSocketIOOutput` as output.

    It builds its own blueprint and registers its handlers, methods a subclass can extend, with python-socketio's
    public ``on``; Rasa's blueprint is not used, so no handler of Rasa's is looked up or replaced.
    """

    @classmethod
    def name(cls) -> str:
        """Same name as Rasa's channel: the tracker's input_channel stays ``socketio``."""
        return "socketio"

    def get_output_channel(self) -> OutputChannel | None:
        """Output channel for messages not triggered by the user (reminders, /trigger_intent)."""
        if self.sio is None:
            return super().get_output_channel()
        return CoachSocketIOOutput(self.sio, self.bot_message_evt)

    def server(self) -> AsyncServer:
        """The Socket.IO server, as Rasa makes it (its own CORS check allows every origin: see the subclass)."""
        return AsyncServer(async_mode="sanic", cors_allowed_origins=[])

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The Socket.IO endpoint (and its health route) with this channel's handlers."""
        sio = self.sio = self.server()
        self.on_new_message = on_new_message
        socketio_webhook = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)

        @socketio_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            """Rasa's health answer."""
            return response.json({"status": "ok"})

        for event, handler in (
            ("connect", self.connect),
            ("disconnect", self.disconnect),
            ("session_request", self.session_request),
            (self.user_message_evt, self.handle_message),
        ):
            sio.on(event, namespace=self.namespace)(handler)
        return socketio_webhook

    async def connect(self, sid: str, environ: Dict[str, Any], auth: Dict[str, Any] | None = None) -> bool:
        """Accept the socket (with a valid bearer token in ``auth`` when the channel has a jwt_key), as Rasa does."""
        if self.jwt_key:
            token = auth.get("token") if isinstance(auth, dict) else None
            if not token or not decode_bearer_token(token, self.jwt_key, self.jwt_algorithm):
                return False
        logger.debug(f"User {sid} connected to socketIO endpoint.")
        return True

    async def disconnect(self, sid: str) -> None:
        """Log the socket's leaving, as Rasa does."""
        logger.debug(f"User {sid} disconnected from socketIO endpoint.")

    async def session_request(self, sid: str, data: Dict | None = None) -> None:
        """Join the session's room (a new id when none is given) and confirm it to the socket."""
        sio = self.sio
        assert sio is not None  # set by blueprint
        data = data if isinstance(data, dict) else {}
        if not data.get("session_id"):
            data["session_id"] = uuid.uuid4().hex
        if self.session_persistence:
            entered = sio.enter_room(sid, data["session_id"], namespace=self.namespace)
            if inspect.isawaitable(entered):
                await entered
        await sio.emit("session_confirm", data["session_id"], room=sid, namespace=self.namespace)
        logger.debug(f"User {sid} connected to socketIO endpoint.")

    async def handle_message(self, sid: str, data: Dict | None = None) -> None:
        """Pass the user's message on to Rasa, in the session's conversation."""
        if not isinstance(data, dict):
            return
        sio = self.sio
        assert sio is not None  # set by blueprint
        output_channel = CoachSocketIOOutput(sio, self.bot_message_evt)
        if self.session_persistence:
            if not data.get("session_id"):
                rasa.shared.utils.io.raise_warning(
                    "A message without a valid session_id was received and ignored. "
                    "Set a session id with the `session_request` socketIO event."
                )
                return
            sender_id = str(data["session_id"])
        else:
            sender_id = sid
        metadata = data.get(self.metadata_key) or {}
        if isinstance(metadata, str):
            try:
                metadata = json.loads(metadata)
            except ValueError:
                metadata = {}
        if not isinstance(metadata, dict):
            metadata = {}
        message = UserMessage(
            str(data.get("message") or ""),
            output_channel,
            sender_id,
            input_channel=self.name(),
            metadata=metadata,
        )
        await self.on_new_message(message)
