"""Socket.IO channel with the TurnGuard: bad payloads get a reply (key channels.safe_socketio.SafeSocketIOInput)."""

from __future__ import annotations

import json
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage
from sanic import Blueprint

from channels.guard import NOT_TEXT, InputRejected, TurnGuard
from channels.socketio import CoachSocketIOInput


class SafeSocketIOInput(CoachSocketIOInput):
    """The web page's Socket.IO channel (drafts kept whole) plus the TurnGuard and replies to malformed payloads."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Wrap the channel's message handler with payload checks and the TurnGuard."""
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
        original = sio.handlers[self.namespace or "/"][self.user_message_evt]

        async def handle_message(sid: str, data: Any = None) -> None:
            """Answer malformed payloads in the socket's own room; pass good ones on."""
            if not isinstance(data, dict) or not isinstance(data.get("message", ""), str):
                await sio.emit(self.bot_message_evt, {"text": NOT_TEXT}, room=sid, namespace=self.namespace)
                return
            if self.session_persistence and not isinstance(data.get("session_id"), str):
                reply = "Please reload the page: this chat has no session yet."
                await sio.emit(self.bot_message_evt, {"text": reply}, room=sid, namespace=self.namespace)
                return
            metadata = data.get(self.metadata_key)
            if isinstance(metadata, str):
                try:
                    json.loads(metadata)
                except ValueError:
                    data[self.metadata_key] = {}
            await original(sid, data)

        sio.on(self.user_message_evt, namespace=self.namespace)(handle_message)
        return blueprint
