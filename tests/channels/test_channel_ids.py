"""Conversation ids and payload shapes: Socket.IO checks them like REST; deep JSON never fails a turn or the process."""

from __future__ import annotations

import json
import re
from types import SimpleNamespace
from typing import Any, Dict, List, Tuple

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from channels.guard import MAX_METADATA_DEPTH, NOT_TEXT, TROUBLE_TEXT, InputRejected, TurnGuard, check_metadata
from channels.rest import SafeRestInput, parse_body
from channels.safe_socketio import NO_SESSION_TEXT, SafeSocketIOInput, valid_session_id

BAD_IDS = {
    "lone surrogate": "ab\ud800cd",
    "NUL": "ab\x00cd",
    "escape": "ab\x1b[31mcd",
    "newline": "ab\ncd",
    "256 characters": "x" * 256,
    "blank": "   ",
    "integer": 42,
    "list": ["a"],
}


def nested(depth: int) -> Dict[str, Any]:
    """A JSON object depth levels deep, built without recursion."""
    value: Dict[str, Any] = {}
    for _ in range(depth - 1):
        value = {"a": value}
    return value


def nested_json(depth: int) -> str:
    """The JSON text of nested(depth), written out (json.dumps itself would hit the recursion limit)."""
    return '{"a":' * (depth - 1) + "{}" + "}" * (depth - 1)


class Socket:
    """A SafeSocketIOInput whose server records what it emits and which rooms sockets enter."""

    def __init__(self) -> None:
        self.received: List[UserMessage] = []
        self.emitted: List[Tuple[str, Any, Any]] = []
        self.rooms: List[Tuple[str, str]] = []
        self.channel = channel = SafeSocketIOInput(session_persistence=True, metadata_key="customData")
        channel.blueprint(self._on_new_message)
        sio = channel.sio
        assert sio is not None

        async def emit(event: str, data: Any = None, room: Any = None, **_: Any) -> None:
            self.emitted.append((event, data, room))

        sio.emit = emit  # type: ignore[method-assign]
        sio.enter_room = lambda sid, room, **_: self.rooms.append((sid, room))  # type: ignore[method-assign]
        self.handlers = sio.handlers["/"]

    async def _on_new_message(self, message: UserMessage) -> None:
        self.received.append(message)
        await message.output_channel.send_response(message.sender_id, {"text": "ok"})

    async def session(self, data: Any) -> str:
        await self.handlers["session_request"]("sid1", data)
        event, session_id, room = self.emitted[-1]
        assert (event, room) == ("session_confirm", "sid1")
        return session_id

    async def say(self, data: Any) -> None:
        await self.handlers["user_uttered"]("sid1", data)


@pytest.mark.parametrize("kind", BAD_IDS)
def test_bad_ids_are_not_session_ids(kind: str) -> None:
    assert not valid_session_id(BAD_IDS[kind])


def test_good_ids_are_session_ids() -> None:
    assert valid_session_id("3f2a" * 8)
    assert valid_session_id("x" * 255)
    assert valid_session_id("Zoë 👋")


@pytest.mark.parametrize("kind", BAD_IDS)
async def test_session_request_with_a_bad_id_gets_a_new_one(kind: str) -> None:
    socket = Socket()
    session_id = await socket.session({"session_id": BAD_IDS[kind]})
    assert re.fullmatch(r"[0-9a-f]{32}", session_id)
    assert socket.rooms == [("sid1", session_id)]


async def test_session_request_keeps_a_good_id() -> None:
    socket = Socket()
    assert await socket.session({"session_id": "abc123"}) == "abc123"
    assert socket.rooms == [("sid1", "abc123")]


@pytest.mark.parametrize("kind", BAD_IDS)
async def test_message_with_a_bad_session_id_is_answered_and_not_processed(kind: str) -> None:
    socket = Socket()
    await socket.say({"session_id": BAD_IDS[kind], "message": "hi"})
    assert socket.received == []
    assert socket.emitted == [("bot_uttered", {"text": NO_SESSION_TEXT}, "sid1")]


@pytest.mark.parametrize("as_text", [False, True], ids=["object", "JSON string"])
async def test_deep_metadata_is_dropped_and_the_message_kept(as_text: bool) -> None:
    socket = Socket()
    metadata = nested_json(2000) if as_text else nested(2000)
    await socket.say({"session_id": "abc123", "message": "hi there", "customData": metadata})
    [message] = socket.received
    assert (message.sender_id, message.text, message.metadata) == ("abc123", "hi there", {})
    assert ("bot_uttered", {"text": "ok"}, "abc123") in socket.emitted


async def test_flat_metadata_is_kept() -> None:
    socket = Socket()
    await socket.say({"session_id": "abc123", "message": "hi", "customData": {"language": "en"}})
    assert socket.received[0].metadata == {"language": "en"}


def test_metadata_depth_limit() -> None:
    assert check_metadata(nested(MAX_METADATA_DEPTH)) == nested(MAX_METADATA_DEPTH)
    assert check_metadata({"a": [[{"b": 1}]]}) == {"a": [[{"b": 1}]]}
    assert check_metadata(None) is None
    with pytest.raises(InputRejected):
        check_metadata(nested(MAX_METADATA_DEPTH + 1))
    with pytest.raises(InputRejected):
        check_metadata({"a": json.loads("[" * MAX_METADATA_DEPTH + "]" * MAX_METADATA_DEPTH)})
    with pytest.raises(InputRejected):
        check_metadata(nested(200_000))
    with pytest.raises(InputRejected):
        check_metadata(["not", "an", "object"])


async def test_guard_refuses_a_bad_sender_id() -> None:
    async def on_new_message(message: UserMessage) -> None:
        raise AssertionError("processed")

    guard = TurnGuard(on_new_message)
    for sender in ("ab\ud800", "ab\x00", "x" * 256):
        with pytest.raises(InputRejected) as error:
            await guard(UserMessage("hi", CollectingOutputChannel(), sender))
        assert error.value.status == 400


async def test_tracker_store_exit_fails_one_turn_not_the_process() -> None:
    """Rasa's SQL tracker store calls sys.exit on a ValueError: the guard answers 'trouble' and serves on."""
    calls = []

    async def on_new_message(message: UserMessage) -> None:
        calls.append(message.text)
        if message.text == "first":
            raise SystemExit(1)
        await message.output_channel.send_response(message.sender_id, {"text": "fine"})

    guard = TurnGuard(on_new_message)
    first, second = CollectingOutputChannel(), CollectingOutputChannel()
    await guard(UserMessage("first", first, "u1"))
    await guard(UserMessage("second", second, "u1"))
    assert [m["text"] for m in first.messages] == [TROUBLE_TEXT]
    assert [m["text"] for m in second.messages] == ["fine"]
    assert calls == ["first", "second"]


def rest_receive() -> Tuple[Any, List[UserMessage]]:
    """The REST webhook handler with an on_new_message that records messages and answers 'ok'."""
    received: List[UserMessage] = []

    async def on_new_message(message: UserMessage) -> None:
        received.append(message)
        await message.output_channel.send_response(message.sender_id, {"text": "ok"})

    blueprint = SafeRestInput().blueprint(on_new_message)
    [route] = [r for r in blueprint._future_routes if r.uri == "/webhook"]
    return route.handler, received


def test_rest_body_nested_too_deeply_is_a_400() -> None:
    body = ('{"sender": "u1", "message": "hi", "metadata": ' + nested_json(2500) + "}").encode()
    with pytest.raises(InputRejected) as error:
        parse_body(SimpleNamespace(body=body))
    assert (error.value.status, error.value.reason) == (400, "the body is nested too deeply")
    assert parse_body(SimpleNamespace(body=b'{"a": [[[1]]]}')) == {"a": [[[1]]]}


async def test_rest_deep_body_and_deep_metadata() -> None:
    receive, received = rest_receive()
    deep = ('{"sender": "u1", "message": "hi", "metadata": ' + nested_json(2500) + "}").encode()
    response = await receive(SimpleNamespace(body=deep, args={}))
    assert response.status == 400 and received == []
    body = json.dumps({"sender": "u1", "message": "hello", "metadata": nested(600)}).encode()
    response = await receive(SimpleNamespace(body=body, args={}))
    assert response.status == 200
    assert json.loads(response.body) == [{"recipient_id": "u1", "text": "ok"}]
    assert [(m.text, m.metadata) for m in received] == [("hello", {})]


async def test_frame_too_deep_to_decode_gets_a_reply() -> None:
    socket = Socket()
    sio = socket.channel.sio
    sio.manager.sid_from_eio_sid = lambda eio_sid, namespace: "sid1" if eio_sid == "eio1" else None
    frame = '2["user_uttered",{"session_id":"abc123","message":"hi","customData":' + nested_json(3000) + "}]"
    await sio.eio.handlers["message"]("eio1", frame)
    assert socket.received == []
    assert socket.emitted == [("bot_uttered", {"text": NOT_TEXT}, "sid1")]
