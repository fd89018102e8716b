"""Conversation ids and payload shapes: Socket.IO checks them like REST; deep JSON never fails a turn or the process.

Web chat session ids are issued and signed by the server; REST cannot use another channel's ids; Rasa's model
routes refuse unusable bodies with a 4xx.
"""

from __future__ import annotations

import asyncio
import functools
import json
import re
from types import SimpleNamespace
from typing import Any, Dict, List, Tuple

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel, UserMessage
from rasa.core.lock_store import InMemoryLockStore
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered

from channels.guard import (
    MAX_METADATA_DEPTH,
    NO_REPLY_TEXT,
    NOT_TEXT,
    TROUBLE_TEXT,
    CountedReplies,
    InputRejected,
    TurnGuard,
    check_metadata,
    check_rest_sender,
)
from channels.rest import DraftCollector, SafeRestInput, parse_body
from channels.safe_socketio import NO_SESSION_TEXT, SafeSocketIOInput, origin_allowed
from channels.sessions import SessionIds, load_key

SESSION_ID = re.compile(r"socketio:[0-9a-f]{32}\.[0-9a-f]{32}")

BAD_IDS = {
    "lone surrogate": "ab\ud800cd",
    "NUL": "ab\x00cd",
    "escape": "ab\x1b[31mcd",
    "newline": "ab\ncd",
    "256 characters": "x" * 256,
    "blank": "   ",
    "integer": 42,
    "list": ["a"],
    "made up": "abc123",
    "REST-style": "3f2a" * 8,
    "unsigned": "socketio:" + "0" * 32 + "." + "0" * 32,
}


@pytest.fixture(autouse=True)
def session_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sign session ids with a test key instead of the one in var/."""
    monkeypatch.setenv("COACH_SESSION_KEY", "unit-test-key")


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
        self.connected = {"sid1"}
        sio.manager.is_connected = lambda sid, namespace: sid in self.connected  # type: ignore[method-assign]
        self.handlers = sio.handlers["/"]
        self.issued = channel.session_ids.issue()

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
def test_only_issued_ids_are_session_ids(kind: str) -> None:
    ids = SessionIds(b"k" * 32)
    issued = ids.issue()
    assert SESSION_ID.fullmatch(issued) and ids.valid(issued)
    assert not ids.valid(BAD_IDS[kind])
    assert not SessionIds(b"other key").valid(issued), "an id signed with another key was accepted"
    assert not ids.valid(issued[:-1] + ("1" if issued[-1] == "0" else "0")), "a changed signature was accepted"
    assert ids.issue() != issued


@pytest.mark.parametrize("kind", BAD_IDS)
async def test_session_request_with_an_id_not_issued_gets_a_new_one(kind: str) -> None:
    socket = Socket()
    session_id = await socket.session({"session_id": BAD_IDS[kind]})
    assert SESSION_ID.fullmatch(session_id) and session_id != BAD_IDS[kind]
    assert socket.rooms == [("sid1", session_id)]


async def test_session_request_keeps_an_issued_id() -> None:
    socket = Socket()
    assert await socket.session({"session_id": socket.issued}) == socket.issued
    assert socket.rooms == [("sid1", socket.issued)]


async def test_new_sessions_are_all_different() -> None:
    socket = Socket()
    ids = {await socket.session(None) for _ in range(50)}
    assert len(ids) == 50 and all(SESSION_ID.fullmatch(i) for i in ids)


def test_session_key_file_is_made_once_and_private(tmp_path: Any) -> None:
    path = tmp_path / "var" / "session.key"
    first = load_key(path)
    assert len(first) == 32 and load_key(path) == first
    assert path.stat().st_mode & 0o077 == 0, "the key file is readable by others"


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        (None, True),
        ("http://127.0.0.1:8080", True),
        ("http://127.0.0.1:5005", True),
        ("http://evil.example", False),
        ("http://127.0.0.1:8080.evil.example", False),
        ("null", False),
    ],
)
def test_origin_must_be_allowed_by_cors_or_be_the_servers_own(origin: str | None, allowed: bool) -> None:
    from sanic_cors.core import get_cors_options, parse_resources

    options = get_cors_options(None, {"origins": "http://127.0.0.1:8080", "supports_credentials": True})
    resources = [(p, get_cors_options(None, options, o)) for p, o in parse_resources({r"/*": options})]
    app = SimpleNamespace(ctx=SimpleNamespace(sanic_cors=SimpleNamespace(resources=resources)))
    environ = {"HTTP_HOST": "127.0.0.1:5005", "wsgi.url_scheme": "http", "PATH_INFO": "/socket.io/"}
    if origin is not None:
        environ["HTTP_ORIGIN"] = origin
    assert origin_allowed(app, environ) is allowed  # type: ignore[arg-type]


async def test_connect_from_a_foreign_origin_is_refused() -> None:
    socket = Socket()
    environ = {"HTTP_HOST": "127.0.0.1:5005", "HTTP_ORIGIN": "http://evil.example", "PATH_INFO": "/socket.io/"}
    assert await socket.handlers["connect"]("sid1", environ, None) is False
    environ["HTTP_ORIGIN"] = "http://127.0.0.1:5005"
    assert await socket.handlers["connect"]("sid1", environ, None) is True


@pytest.mark.parametrize("sender", ["slack:U123ABC", "Slack:U123ABC", "socketio:abc", "SOCKETIO:" + "0" * 32])
def test_rest_cannot_use_another_channels_ids(sender: str) -> None:
    with pytest.raises(InputRejected) as error:
        check_rest_sender(sender)
    assert error.value.status == 403


def test_rest_keeps_its_own_ids() -> None:
    assert check_rest_sender("user-42") == "user-42"
    assert check_rest_sender("my slack: notes") == "my slack: notes"


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
    await socket.say({"session_id": socket.issued, "message": "hi there", "customData": metadata})
    [message] = socket.received
    assert (message.sender_id, message.text, message.metadata) == (socket.issued, "hi there", {})
    assert ("bot_uttered", {"text": "ok"}, socket.issued) in socket.emitted


async def test_flat_metadata_is_kept() -> None:
    socket = Socket()
    await socket.say({"session_id": socket.issued, "message": "hi", "customData": {"language": "en"}})
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


class CountedOutput(CountedReplies, OutputChannel):
    """An output like the Socket.IO and Slack ones: counts what it sends, keeps the texts."""

    def __init__(self) -> None:
        self.texts: List[str] = []

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        self.texts.append(text)


@pytest.mark.parametrize("make_output", [CollectingOutputChannel, DraftCollector, CountedOutput])
async def test_a_silent_turn_gets_a_reply_and_an_answered_one_nothing_more(make_output: Any) -> None:
    """A turn in which the bot said nothing is answered; a turn that answered gets no extra message."""

    async def on_new_message(message: UserMessage) -> None:
        if message.text != "silent":
            await message.output_channel.send_response(message.sender_id, {"text": "fine"})

    def texts(output: Any) -> List[str]:
        return output.texts if isinstance(output, CountedOutput) else [m["text"] for m in output.messages]

    guard = TurnGuard(on_new_message)
    silent, answered = make_output(), make_output()
    await guard(UserMessage("silent", silent, "u1"))
    await guard(UserMessage("hello", answered, "u1"))
    assert texts(silent) == [NO_REPLY_TEXT]
    assert texts(answered) == ["fine"]


JSON = {"content-type": "application/json"}


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
    response = await receive(SimpleNamespace(body=deep, args={}, headers=JSON))
    assert response.status == 400 and received == []
    body = json.dumps({"sender": "u1", "message": "hello", "metadata": nested(600)}).encode()
    response = await receive(SimpleNamespace(body=body, args={}, headers=JSON))
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


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", None]
)
async def test_rest_body_not_declared_as_json_is_a_415(content_type: str | None) -> None:
    receive, received = rest_receive()
    headers = {"content-type": content_type} if content_type else {}
    body = json.dumps({"sender": "u1", "message": "hi"}).encode()
    response = await receive(SimpleNamespace(body=body, args={}, headers=headers))
    assert response.status == 415 and received == []
    assert "application/json" in json.loads(response.body)["error"]
    for declared in ("application/json; charset=utf-8", "application/vnd.api+json"):
        response = await receive(SimpleNamespace(body=body, args={}, headers={"content-type": declared}))
        assert response.status == 200, declared


async def test_rest_sender_of_another_channel_is_a_403() -> None:
    receive, received = rest_receive()
    body = json.dumps({"sender": "slack:U123ABC", "message": "hi"}).encode()
    response = await receive(SimpleNamespace(body=body, args={}, headers=JSON))
    assert response.status == 403 and received == []


async def test_message_from_a_socket_that_skipped_session_request_joins_its_room() -> None:
    socket = Socket()
    await socket.say({"session_id": socket.issued, "message": "hi"})
    assert socket.rooms == [("sid1", socket.issued)]
    assert [m.sender_id for m in socket.received] == [socket.issued]


async def test_message_from_a_socket_that_has_left_is_processed_without_joining_a_room() -> None:
    socket = Socket()
    socket.connected.clear()
    await socket.say({"session_id": socket.issued, "message": "hi"})
    assert socket.rooms == []
    assert [m.text for m in socket.received] == ["hi"]


async def test_a_message_sent_just_before_the_socket_closes_keeps_its_turn() -> None:
    """Engine.IO runs the frame as a task and the close at once: the frame is dispatched before the socket goes."""
    received: List[UserMessage] = []

    async def on_new_message(message: UserMessage) -> None:
        received.append(message)

    channel = SafeSocketIOInput(session_persistence=True, metadata_key="customData")
    channel.blueprint(on_new_message)
    sio = channel.sio
    assert sio is not None
    sio.emit = lambda *a, **k: asyncio.sleep(0)  # type: ignore[method-assign]
    sid = await _connected(sio, "eio1")
    issued = channel.session_ids.issue()
    frame = "2" + json.dumps(["user_uttered", {"session_id": issued, "message": "bye now"}])
    asyncio.ensure_future(sio.eio.handlers["message"]("eio1", frame))  # what engine.io does with a frame
    await sio.eio.handlers["disconnect"]("eio1")
    await asyncio.sleep(0.2)
    assert [(m.sender_id, m.text) for m in received] == [(issued, "bye now")]
    assert not sio.manager.is_connected(sid, "/")


async def _connected(sio: Any, eio_sid: str) -> str:
    """Register a connected socket with the Socket.IO manager; its sid."""
    sid = sio.manager.connect(eio_sid, "/")
    return await sid if asyncio.iscoroutine(sid) else sid


@functools.cache
def guarded_api() -> Any:
    """Rasa's HTTP API app (Sanic allows one app per name) with the model routes guarded."""
    import rasa.server

    from channels import api_guard

    app = rasa.server.create_app(auth_token="secret")
    assert api_guard.install(app) == 2 and api_guard.install(app) == 0
    return app


def model_route(path: str) -> Any:
    """The guarded handler of a POST route of Rasa's HTTP API."""
    [route] = [r for r in guarded_api().router.routes if r.path.strip("/") == path.strip("/") and "POST" in r.methods]
    return route.handler


JUNK_TRAINING = [b"junk", b'{"a": 1}', b":::", b"nlu: []", b"null", b"[1, 2]", b"\xff\xfe"]


@pytest.mark.parametrize("body", JUNK_TRAINING)
async def test_junk_to_model_train_is_a_400_after_the_token_check(body: bytes) -> None:
    from rasa.server import ErrorResponse

    handler = model_route("/model/train")
    yaml = {"content-type": "application/x-yaml"}
    request = SimpleNamespace(body=body, headers=yaml, args={"token": "secret"}, path="/model/train")
    response = await handler(request)
    assert response.status == 400 and json.loads(response.body)["reason"] == "BadRequest"
    with pytest.raises(ErrorResponse) as error:
        await handler(SimpleNamespace(body=body, headers=yaml, args={}, path="/model/train"))
    assert error.value.status == 401


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", b"junk"),
        ("application/json", b'{"a": 1}'),
        ("application/json", b"[1, 2]"),
        ("application/json", b"null"),
        ("application/json", b'{"rasa_nlu_data": 5}'),
        ("application/json", ('{"a":' * 3000 + "1" + "}" * 3000).encode()),
        ("text/plain", b'"str"'),
        ("application/x-yaml", b"null"),
        ("application/x-yaml", b'{"rasa_nlu_data": 5}'),
        ("application/x-yaml", b"[1, 2]"),
    ],
)
async def test_junk_to_model_test_intents_is_a_400(content_type: str, body: bytes) -> None:
    handler = model_route("/model/test/intents")
    request = SimpleNamespace(
        body=body, headers={"content-type": content_type}, args={"token": "secret"}, path="/model/test/intents"
    )
    response = await handler(request)
    assert response.status == 400


async def test_a_payload_failure_inside_rasa_is_a_422() -> None:
    from http import HTTPStatus

    from rasa.server import ErrorResponse

    from channels.api_guard import checked

    async def fails(request: Any) -> Any:
        raise ErrorResponse(HTTPStatus.INTERNAL_SERVER_ERROR, "TrainingError", "no model")

    async def crashes(request: Any) -> Any:
        raise ValueError("bad config")

    request = SimpleNamespace(body=b"", headers={}, path="/model/train")
    for inner in (fails, crashes):
        response = await checked(inner, lambda _: None)(request)
        assert response.status == 422


async def test_rest_turn_goes_on_when_the_client_leaves() -> None:
    """Sanic cancels the handler of a client that disconnects; the turn still finishes (and is stored)."""
    finished: List[str] = []

    async def on_new_message(message: UserMessage) -> None:
        await asyncio.sleep(0.3)
        finished.append(message.text)

    blueprint = SafeRestInput().blueprint(on_new_message)
    [route] = [r for r in blueprint._future_routes if r.uri == "/webhook"]
    body = json.dumps({"sender": "u1", "message": "still here?"}).encode()
    handler = asyncio.ensure_future(route.handler(SimpleNamespace(body=body, args={}, headers=JSON)))
    await asyncio.sleep(0.05)
    handler.cancel()
    with pytest.raises(asyncio.CancelledError):
        await handler
    await asyncio.sleep(0.5)
    assert finished == ["still here?"]


class Replicas:
    """Two TurnGuards (two replicas) sharing one lock store and one tracker store, with a slow Rasa turn."""

    def __init__(self) -> None:
        self.turns: List[str] = []
        self.agent = SimpleNamespace(
            lock_store=InMemoryLockStore(), tracker_store=InMemoryTrackerStore(Domain.empty()), processor=self
        )
        self.guards = [TurnGuard(self.unused), TurnGuard(self.unused)]
        for guard in self.guards:
            guard.app = SimpleNamespace(ctx=SimpleNamespace(agent=self.agent))  # type: ignore[assignment]

    async def unused(self, message: UserMessage) -> None:
        raise AssertionError("a message with an id goes through the lock, not through Rasa's handler")

    async def handle_message(self, message: UserMessage) -> None:
        """A turn that takes 0.3 s, then records the message and the answer."""
        self.turns.append(message.text)
        await asyncio.sleep(0.3)
        tracker = await self.agent.tracker_store.get_or_create_tracker(message.sender_id)
        tracker.update(UserUttered(message.text, message_id=message.message_id))
        tracker.update(BotUttered(f"answer to {message.text}"))
        await self.agent.tracker_store.save(tracker)
        await message.output_channel.send_response(message.sender_id, {"text": f"answer to {message.text}"})

    def message(self, text: str, message_id: str) -> Tuple[UserMessage, CollectingOutputChannel]:
        """A message with a client id and its collector."""
        output = CollectingOutputChannel()
        message = UserMessage(text, output, "u1", message_id=message_id)
        message.coach_client_message_id = True  # type: ignore[attr-defined]
        return message, output


async def test_a_retry_on_the_other_replica_during_the_first_attempt_is_replayed_not_run_twice() -> None:
    """nginx retried a turn elsewhere while the first attempt still runs (its client left): one turn, two answers."""
    replicas = Replicas()
    first, first_out = replicas.message("hello", "turn:1")
    retry, retry_out = replicas.message("hello", "turn:1")
    running = asyncio.ensure_future(replicas.guards[0](first))
    await asyncio.sleep(0.05)
    await replicas.guards[1](retry)
    await running
    assert replicas.turns == ["hello"]
    assert [m["text"] for m in first_out.messages] == [m["text"] for m in retry_out.messages] == ["answer to hello"]
    tracker = await replicas.agent.tracker_store.retrieve("u1")
    assert [e.text for e in tracker.events if isinstance(e, UserUttered)] == ["hello"]
    other, _ = replicas.message("hello", "turn:2")
    await replicas.guards[1](other)
    assert replicas.turns == ["hello", "hello"], "a new id is a new turn"


@pytest.mark.parametrize(("header", "message_id"), [("5f2a9c", "turn:5f2a9c"), ("a b", None), ("x" * 65, None)])
async def test_rest_takes_the_proxys_turn_id_when_the_body_has_no_message_id(header: str, message_id: Any) -> None:
    receive, received = rest_receive()
    body = json.dumps({"sender": "u1", "message": "hi"}).encode()
    await receive(SimpleNamespace(body=body, args={}, headers={**JSON, "X-Turn-Id": header}))
    body = json.dumps({"sender": "u1", "message": "hi", "message_id": "m1"}).encode()
    await receive(SimpleNamespace(body=body, args={}, headers={**JSON, "X-Turn-Id": header}))
    assert [m.message_id for m in received][1] == "m1"
    if message_id is None:
        assert received[0].coach_client_message_id is False  # type: ignore[attr-defined]
    else:
        assert received[0].message_id == message_id


@pytest.mark.parametrize(
    ("headers", "args", "status"),
    [
        ({}, {}, 401),
        ({"authorization": "Bearer wrong"}, {}, 401),
        ({"authorization": "Bearer"}, {}, 401),
        ({"authorization": "Basic cmVzdC1zZWNyZXQ="}, {}, 401),
        ({"authorization": "Bearer \udcff"}, {}, 401),
        ({}, {"token": "rest-secret"}, 200),
        ({"authorization": "Bearer rest-secret"}, {}, 200),
        ({"authorization": "bearer rest-secret"}, {}, 200),
    ],
)
async def test_rest_token_when_set(
    monkeypatch: pytest.MonkeyPatch, headers: Dict[str, str], args: Dict[str, str], status: int
) -> None:
    """With COACH_REST_TOKEN set, only requests that carry it reach the conversation."""
    monkeypatch.setenv("COACH_REST_TOKEN", "rest-secret")
    receive, received = rest_receive()
    body = json.dumps({"sender": "u1", "message": "hi"}).encode()
    response = await receive(SimpleNamespace(body=body, args=args, headers={**JSON, **headers}))
    assert response.status == status
    assert len(received) == (1 if status == 200 else 0)
    if status == 401:
        assert "token" in json.loads(response.body)["error"]


async def test_rest_needs_no_token_when_none_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COACH_REST_TOKEN", raising=False)
    receive, received = rest_receive()
    body = json.dumps({"sender": "u1", "message": "hi"}).encode()
    assert (await receive(SimpleNamespace(body=body, args={}, headers=JSON))).status == 200
