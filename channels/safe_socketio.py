"""Socket.IO channel with the TurnGuard and owned sessions (key channels.safe_socketio.SafeSocketIOInput).

- Bad payloads get a reply, never silence or an error.
- Session ids are issued by the server and signed (channels.sessions): a client asking for any other id,
  someone else's guessed or made up, gets a new conversation; a message with one is refused.
- A browser page may connect only from an origin the CORS setting (``rasa run --cors``) allows, or from
  the server's own origin; clients that send no Origin (programs) are not browsers and may connect.
- A client that sends a message and leaves at once keeps its turn: it runs, is stored and answered.
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


class SafeSocketIOInput(CoachSocketIOInput):
    """The web page's Socket.IO channel (drafts kept whole) plus the TurnGuard, owned sessions and an Origin check."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Wrap the channel's connect, session and message handlers with the checks and the TurnGuard."""
        guard = TurnGuard(on_new_message)
        sessions = self.session_ids = SessionIds(session_key())

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
        original_connect = handlers["connect"]
        original_session_request = handlers["session_request"]
        original_message = handlers[self.user_message_evt]

        async def connect(sid: str, environ: Dict[str, Any], auth: Any = None) -> bool:
            """Refuse pages from origins CORS does not allow (a WebSocket is not bound by CORS itself)."""
            if not origin_allowed(guard.app, environ):
                logger.warning("Socket %s refused: origin %r is not allowed", sid, environ.get("HTTP_ORIGIN"))
                return False
            return await original_connect(sid, environ, auth)

        async def session_request(sid: str, data: Any = None) -> None:
            """Carry on a session this server issued; any other id (or none) gets a new one."""
            data = dict(data) if isinstance(data, dict) else {}
            requested = data.get("session_id")
            if not sessions.valid(requested):
                if requested:
                    logger.warning("Socket %s asked for a session id the server did not issue: a new one", sid)
                data["session_id"] = sessions.issue()
            for room in sio.rooms(sid, namespace=self.namespace):
                if room not in (sid, data["session_id"]):  # one conversation per socket
                    await _maybe_await(sio.leave_room(sid, room, namespace=self.namespace))
            await original_session_request(sid, data)

        async def handle_message(sid: str, data: Any = None) -> None:
            """Answer malformed payloads in the socket's own room; pass good ones on."""
            if not isinstance(data, dict) or not isinstance(data.get("message", ""), str):
                await sio.emit(self.bot_message_evt, {"text": NOT_TEXT}, room=sid, namespace=self.namespace)
                return
            if self.session_persistence:
                session_id = data.get("session_id")
                if not sessions.valid(session_id):
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
            await original_message(sid, data)

        decode_and_dispatch = sio.eio.handlers["message"]
        disconnect = sio.eio.handlers["disconnect"]
        dispatching: Dict[str, int] = {}

        async def eio_disconnect(eio_sid: str, *args: Any) -> None:
            """Forget a socket only after the frames it sent before closing are dispatched.

            Engine.IO runs each received frame as a task but the close at once: a client that sends its message
            and leaves (a closed tab, a script) had the message dropped as "not connected", the turn lost.
            """
            await asyncio.sleep(0)  # the frames' tasks, created before the close, start
            deadline = time.monotonic() + DISPATCH_WAIT_S
            while dispatching.get(eio_sid) and time.monotonic() < deadline:
                await asyncio.sleep(0.01)
            await _maybe_await(disconnect(eio_sid, *args))

        async def eio_message(eio_sid: str, data: Any) -> None:
            """Decode and dispatch a frame; one nested too deeply for the JSON decoder gets a reply, not silence."""
            dispatching[eio_sid] = dispatching.get(eio_sid, 0) + 1
            try:
                await decode_and_dispatch(eio_sid, data)
            except RecursionError:
                sid = sio.manager.sid_from_eio_sid(eio_sid, self.namespace or "/")
                logger.warning("Socket %s sent a frame nested too deeply to decode", sid)
                if sid is not None:
                    await sio.emit(self.bot_message_evt, {"text": NOT_TEXT}, room=sid, namespace=self.namespace)
            finally:
                dispatching[eio_sid] -= 1
                if not dispatching[eio_sid]:
                    del dispatching[eio_sid]

        sio.eio.on("message", eio_message)
        sio.eio.on("disconnect", eio_disconnect)
        sio.on("connect", namespace=self.namespace)(connect)
        sio.on("session_request", namespace=self.namespace)(session_request)
        sio.on(self.user_message_evt, namespace=self.namespace)(handle_message)
        return blueprint
