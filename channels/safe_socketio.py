"""Socket.IO channel with the TurnGuard and owned sessions (key channels.safe_socketio.SafeSocketIOInput).

- Bad payloads get a reply, never silence or an error.
- Session ids are issued by the server and signed (channels.sessions): a client asking for any other id,
  someone else's guessed or made up, gets a new conversation; a message with one is refused.
- A browser page may connect only from an origin the CORS setting (``rasa run --cors``) allows, or from
  the server's own origin; clients that send no Origin (programs) are not browsers and may connect.
- A client that sends a message and leaves at once keeps its turn: it runs, is stored and answered.

The checks extend the parent channel's handler methods (``connect``, ``session_request``, ``handle_message``)
and its ``server``. Two hooks have no public form in python-socketio: how an Engine.IO frame is decoded and how a
closed socket is forgotten. :class:`GuardedSocketServer` extends those two methods of ``AsyncServer``; they are
pinned with their source hashes in channels/rasa_fixes.py (``OVERRIDES``), with the Rasa replacements.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
import time
from typing import Any, Awaitable, Callable, Dict, Mapping

from rasa.core.channels.channel import UserMessage
from sanic import Blueprint, Sanic
from sanic_cors.core import get_cors_origins, try_match
from socketio import AsyncServer

from channels.guard import NOT_TEXT, InputRejected, TurnGuard
from channels.sessions import SessionIds, session_key
from channels.socketio import CoachSocketIOInput

logger = logging.getLogger(__name__)

NO_SESSION_TEXT = "Please reload the page: this chat has no valid session."
# How long a closing socket waits for the frames it sent just before to be dispatched.
DISPATCH_WAIT_S = 2.0


def origin_allowed(app: Sanic | None, environ: Mapping[str, Any]) -> bool:
    """Whether the connecting page's Origin is the server's own or one the app's CORS resources allow."""
    origin = environ.get("HTTP_ORIGIN")
    if not origin:
        return True
    own = f"{environ.get('wsgi.url_scheme', 'http')}://{environ.get('HTTP_HOST', '')}"
    if origin.lower() == own.lower():
        return True
    context = getattr(getattr(app, "ctx", None), "sanic_cors", None)
    path = environ.get("PATH_INFO") or "/"
    for pattern, options in getattr(context, "resources", None) or []:
        if try_match(path, pattern):
            return get_cors_origins(options, origin) is not None
    return False


async def _maybe_await(value: Any) -> None:
    """Await value if it is awaitable (python-socketio >= 5.10 made enter_room a coroutine)."""
    if inspect.isawaitable(value):
        await value


class GuardedSocketServer(AsyncServer):
    """python-socketio's server; a frame too deep to decode gets a reply, and a close waits for earlier frames."""

    def __init__(self, undecodable: Callable[[str], Awaitable[None]], **kwargs: Any) -> None:
        """undecodable(eio_sid) answers a socket whose frame could not be decoded; kwargs go to AsyncServer."""
        super().__init__(**kwargs)
        self._undecodable = undecodable
        self._dispatching: Dict[str, int] = {}

    async def _handle_eio_message(self, eio_sid: str, data: Any) -> None:
        """Decode and dispatch a frame; one nested too deeply for the JSON decoder gets a reply, not silence."""
        self._dispatching[eio_sid] = self._dispatching.get(eio_sid, 0) + 1
        try:
            await super()._handle_eio_message(eio_sid, data)
        except RecursionError:
            await self._undecodable(eio_sid)
        finally:
            self._dispatching[eio_sid] -= 1
            if not self._dispatching[eio_sid]:
                del self._dispatching[eio_sid]

    async def _handle_eio_disconnect(self, eio_sid: str, *_reason: Any) -> None:
        """Forget a socket only after the frames it sent before closing are dispatched.

        Engine.IO may run a received frame as a task but the close at once: a client that sends its message
        and leaves (a closed tab, a script) had the message dropped as "not connected", the turn lost.
        """
        await asyncio.sleep(0)  # the frames' tasks, created before the close, start
        deadline = time.monotonic() + DISPATCH_WAIT_S
        while self._dispatching.get(eio_sid) and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        await super()._handle_eio_disconnect(eio_sid)


class SafeSocketIOInput(CoachSocketIOInput):
    """The web page's Socket.IO channel (drafts kept whole) plus the TurnGuard, owned sessions and an Origin check."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The parent's blueprint, every message going through the TurnGuard."""
        self.guard = TurnGuard(on_new_message)
        self.session_ids = SessionIds(session_key())
        blueprint = super().blueprint(self.guarded)
        self.guard.attach(blueprint)
        return blueprint

    def server(self) -> AsyncServer:
        """Rasa's server settings on a :class:`GuardedSocketServer`."""
        return GuardedSocketServer(self.undecodable, async_mode="sanic", cors_allowed_origins=[])

    async def guarded(self, message: UserMessage) -> None:
        """Run the guard; a refusal becomes a bot message."""
        try:
            await self.guard(message)
        except InputRejected as error:
            await message.output_channel.send_text_message(message.sender_id, error.reply)

    async def undecodable(self, eio_sid: str) -> None:
        """Tell the socket whose frame could not be decoded that only text is read."""
        sio = self.sio
        assert sio is not None  # set by blueprint
        sid = sio.manager.sid_from_eio_sid(eio_sid, self.namespace or "/")
        logger.warning("Socket %s sent a frame nested too deeply to decode", sid)
        if sid is not None:
            await sio.emit(self.bot_message_evt, {"text": NOT_TEXT}, room=sid, namespace=self.namespace)

    async def connect(self, sid: str, environ: Dict[str, Any], auth: Dict[str, Any] | None = None) -> bool:
        """Refuse pages from origins CORS does not allow (a WebSocket is not bound by CORS itself)."""
        if not origin_allowed(self.guard.app, environ):
            logger.warning("Socket %s refused: origin %r is not allowed", sid, environ.get("HTTP_ORIGIN"))
            return False
        return await super().connect(sid, environ, auth)

    async def session_request(self, sid: str, data: Any = None) -> None:
        """Carry on a session this server issued; any other id (or none) gets a new one."""
        sio = self.sio
        assert sio is not None  # set by blueprint
        data = dict(data) if isinstance(data, dict) else {}
        requested = data.get("session_id")
        if not self.session_ids.valid(requested):
            if requested:
                logger.warning("Socket %s asked for a session id the server did not issue: a new one", sid)
            data["session_id"] = self.session_ids.issue()
        for room in sio.rooms(sid, namespace=self.namespace):
            if room not in (sid, data["session_id"]):  # one conversation per socket
                await _maybe_await(sio.leave_room(sid, room, namespace=self.namespace))
        await super().session_request(sid, data)

    async def handle_message(self, sid: str, data: Any = None) -> None:
        """Answer malformed payloads in the socket's own room; pass good ones on."""
        sio = self.sio
        assert sio is not None  # set by blueprint
        if not isinstance(data, dict) or not isinstance(data.get("message", ""), str):
            await sio.emit(self.bot_message_evt, {"text": NOT_TEXT}, room=sid, namespace=self.namespace)
            return
        if self.session_persistence:
            session_id = data.get("session_id")
            if not self.session_ids.valid(session_id):
                await sio.emit(self.bot_message_evt, {"text": NO_SESSION_TEXT}, room=sid, namespace=self.namespace)
                return
            joined = sio.rooms(sid, namespace=self.namespace)
            # A socket that skipped session_request joins its room (one that has left already joins nothing).
            if session_id not in joined and sio.manager.is_connected(sid, self.namespace or "/"):
                await _maybe_await(sio.enter_room(sid, session_id, namespace=self.namespace))
        metadata = data.get(self.metadata_key)
        if isinstance(metadata, str):
            try:
                json.loads(metadata)
            except (ValueError, RecursionError):
                data[self.metadata_key] = {}
        await super().handle_message(sid, data)
