"""Socket.IO channel with the TurnGuard: bad payloads get a reply (key channels.safe_socketio.SafeSocketIOInput)."""

from __future__ import annotations

import json
import logging
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage
from sanic import Blueprint

from channels.guard import NOT_TEXT, InputRejected, TurnGuard, check_sender
from channels.socketio import CoachSocketIOInput

logger = logging.getLogger(__name__)

NO_SESSION_TEXT = "Please reload the page: this chat has no valid session."


def valid_session_id(value: Any) -> bool:
    """Whether a Socket.IO session id is a string that passes the REST sender id check."""
    if not isinstance(value, str):
        return False
    try:
        check_sender(value)
    except InputRejected:
        return False
    return True


class SafeSocketIOInput(CoachSocketIOInput):
    """The web page's Socket.IO channel (drafts kept whole) plus the TurnGuard and replies to malformed payloads."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Wrap the channel's session and message handlers with payload checks and the TurnGuard."""
        guard = TurnGuard(on_new_message)

        async def guarded(message: UserMessage) -> None:
            """Run the guard; a refusal becomes a bot message."""
            try:
                await guard(message)
            except InputRejected as error:
                await message.output_channel.send_text_message(message.sender_id, error.reply)

        blueprint = super().blueprint(guarded)
        guard.attach(blueprint)
        sio = self.sio
        assert sio is not None  # set by super().blueprint
        handlers = sio.handlers[self.namespace or "/"]
        original_session_request = handlers["session_request"]
        original_message = handlers[self.user_message_evt]

        async def session_request(sid: str, data: Any = None) -> None:
            """Issue a new session id instead of one that could not be a REST sender id."""
            if isinstance(data, dict) and data.get("session_id") and not valid_session_id(data["session_id"]):
                logger.warning("Socket %s asked for an invalid session id: a new one is issued", sid)
                data = {**data, "session_id": None}
            await original_session_request(sid, data)

        async def handle_message(sid: str, data: Any = None) -> None:
            """Answer malformed payloads in the socket's own room; pass good ones on."""
            if not isinstance(data, dict) or not isinstance(data.get("message", ""), str):
                await sio.emit(self.bot_message_evt, {"text": NOT_TEXT}, room=sid, namespace=self.namespace)
                return
            if self.session_persistence and not valid_session_id(data.get("session_id")):
                await sio.emit(self.bot_message_evt, {"text": NO_SESSION_TEXT}, room=sid, namespace=self.namespace)
                return
            metadata = data.get(self.metadata_key)
            if isinstance(metadata, str):
                try:
                    json.loads(metadata)
                except (ValueError, RecursionError):
                    data[self.metadata_key] = {}
            await original_message(sid, data)

        decode_and_dispatch = sio.eio.handlers["message"]

        async def eio_message(eio_sid: str, data: Any) -> None:
            """Decode and dispatch a frame; one nested too deeply for the JSON decoder gets a reply, not silence."""
            try:
                await decode_and_dispatch(eio_sid, data)
            except RecursionError:
                sid = sio.manager.sid_from_eio_sid(eio_sid, self.namespace or "/")
                logger.warning("Socket %s sent a frame nested too deeply to decode", sid)
                if sid is not None:
                    await sio.emit(self.bot_message_evt, {"text": NOT_TEXT}, room=sid, namespace=self.namespace)

        sio.eio.on("message", eio_message)
        sio.on("session_request", namespace=self.namespace)(session_request)
        sio.on(self.user_message_evt, namespace=self.namespace)(handle_message)
        return blueprint
