"""Bad input on the REST and Socket.IO channels gets a clear reply or a 4xx: never a 5xx, a crash, a hang or silence."""

from __future__ import annotations

import asyncio
import json
import os
import random
import statistics
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterator, List, Set, Tuple

import aiohttp
import pytest
import socketio
from prod_util import SAFE_CREDENTIALS, user_texts
from stack import ROOT, Stack

REPLIED, C4XX, C5XX, TIMEOUT, EMPTY, ERROR = "replied", "4xx", "5xx", "timeout", "empty", "error"
OUTCOMES = (REPLIED, C4XX, C5XX, TIMEOUT, EMPTY, ERROR)
# 500 messages in one conversation take long on a small machine: every Rasa turn (de)serialises the
# whole tracker, so turn n costs O(n). ROBUST_BURST lowers it for quick runs.
BURST = int(os.environ.get("ROBUST_BURST", "500"))
BURST_SECONDS = max(600, 4 * BURST)
IN_FLIGHT = 20
REPLY = {REPLIED}
REFUSE = {C4XX}

TEXTS: Dict[str, List[str]] = {
    "empty string": [""],
    "whitespace": ["   ", "\n\t \n"],
    "emoji": ["👋🙂", "I had my interview 🎉 should I follow up? 🤔"],
    "right-to-left": ["שלום, היה לי ראיון אתמול", "مرحبا"],
    "French": ["Bonjour, j'ai eu un entretien hier, dois-je relancer le recruteur ?"],
    "Chinese": ["我昨天面试了，应该发感谢信吗？"],
    "Arabic": ["هل يجب أن أرسل رسالة شكر بعد المقابلة؟"],
    "HTML/script": ["<b>hello</b>", "<script>alert('x')</script>", '<img src=x onerror="alert(1)">'],
    "SQL-like": ["'; DROP TABLE events; --", "1' OR '1'='1", 'Robert"); DELETE FROM events WHERE ("1"="1'],
    "control chars": ["hi\x00there", "line\r\nbreak\x1b[31m"],
    "3 KB text": [("I had an interview last week and I wonder when to write. " * 60)[:3000]],
}


@dataclass
class Table:
    """Outcome counts per (channel, kind of input)."""

    rows: Dict[Tuple[str, str], Counter] = field(default_factory=lambda: defaultdict(Counter))
    unexpected: List[str] = field(default_factory=list)

    def add(self, channel: str, kind: str, outcome: str, expected: Set[str], detail: str = "") -> None:
        self.rows[(channel, kind)][outcome] += 1
        if outcome not in expected:
            self.unexpected.append(f"{channel} / {kind}: {outcome} (expected {sorted(expected)}) {detail[:200]}")

    def render(self) -> str:
        head = f"{'channel':<9} {'input':<26} {'tried':>5} " + " ".join(f"{o:>7}" for o in OUTCOMES)
        lines = [head, "-" * len(head)]
        for (channel, kind), counts in self.rows.items():
            tried = sum(counts.values())
            lines.append(f"{channel:<9} {kind:<26} {tried:>5} " + " ".join(f"{counts[o]:>7}" for o in OUTCOMES))
        return "\n".join(lines)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    s = Stack(Path(tmp_path_factory.mktemp("robust")), credentials=SAFE_CREDENTIALS)
    try:
        yield s.start()
    finally:
        s.stop()


@pytest.fixture(scope="module")
def table() -> Iterator[Table]:
    t = Table()
    yield t
    out = ROOT / "reports" / "robustness.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(t.render() + "\n")


async def post(
    session: aiohttp.ClientSession, url: str, body: bytes, timeout: float = 60, content_type: str = "application/json"
) -> Tuple[str, str]:
    """POST raw bytes to the REST webhook; the outcome and a detail."""
    headers = {"Content-Type": content_type} if content_type else {}
    try:
        async with session.post(
            url, data=body, headers=headers, timeout=aiohttp.ClientTimeout(total=timeout)
        ) as response:
            text = await response.text(errors="replace")
            if 400 <= response.status < 500:
                return C4XX, f"{response.status} {text}"
            if response.status >= 500:
                return C5XX, f"{response.status} {text}"
            replies = json.loads(text)
            ok = any((r.get("text") or "").strip() or r.get("buttons") or r.get("custom") for r in replies)
            return (REPLIED if ok else EMPTY), text
    except asyncio.TimeoutError:
        return TIMEOUT, ""
    except aiohttp.ClientError as error:
        return ERROR, repr(error)


def rest_cases(sender: str) -> List[Tuple[str, bytes, Set[str]]]:
    """(kind, raw body, expected outcomes) for the REST webhook."""
    cases = [
        (kind, json.dumps({"sender": sender, "message": text}).encode(), REPLY)
        for kind, texts in TEXTS.items()
        for text in texts
    ]
    rng = random.Random(7)
    cases += [
        ("100 KB text", json.dumps({"sender": sender, "message": "word " * 20_000}).encode(), REFUSE),
        ("invalid UTF-8", b'{"sender": "' + sender.encode() + b'", "message": "caf\xe9 \xff\xfe"}', REFUSE),
        ("invalid UTF-8", b'{"sender": "\xc3\x28", "message": "hi"}', REFUSE),
        ("binary body", bytes(rng.getrandbits(8) for _ in range(2048)), REFUSE),
        ("binary body", b"\x00" * 64, REFUSE),
        ("lone surrogate", b'{"sender": "' + sender.encode() + b'", "message": "\\ud800"}', REFUSE),
        ("malformed JSON", b'{"sender": "x", "message": ', REFUSE),
        ("malformed JSON", b"", REFUSE),
        ("malformed JSON", b"{'sender': 'x', 'message': 'hi'}", REFUSE),
        ("malformed JSON", b"[]", REFUSE),
        ("malformed JSON", b'"just a string"', REFUSE),
        ("malformed JSON", b"null", REFUSE),
    ]
    wrong = [
        {"sender": sender, "message": 5},
        {"sender": sender, "message": None},
        {"sender": sender, "message": ["hi"]},
        {"sender": sender, "message": {"text": "hi"}},
        {"sender": sender, "message": True},
        {"message": "hi"},
        {"sender": ["x"], "message": "hi"},
        {"sender": "", "message": "hi"},
        {"sender": "s" * 300, "message": "hi"},
        {"sender": sender, "message": "hi", "metadata": "not an object"},
    ]
    cases += [("wrong types", json.dumps(body).encode(), REFUSE) for body in wrong]
    # Another channel's conversation ids: REST may not write into a Slack user's or a web chat's conversation.
    others = ["slack:U0123ABCDE", "SLACK:U0123ABCDE", "socketio:" + "0" * 32 + "." + "0" * 32]
    cases += [("another channel's id", json.dumps({"sender": o, "message": "hi"}).encode(), REFUSE) for o in others]
    return cases


# Bodies a web page can post to another site without a CORS preflight: REST takes JSON only (415).
NOT_JSON = ["text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded", "multipart/form-data", ""]


def test_rest_bad_input(stack: Stack, table: Table) -> None:
    async def run() -> None:
        url = f"{stack.url}/webhooks/rest/webhook"
        async with aiohttp.ClientSession() as session:
            for kind, body, expected in rest_cases("robust-rest"):
                outcome, detail = await post(session, url, body)
                table.add("rest", kind, outcome, expected, detail)
            for content_type in NOT_JSON:
                body = json.dumps({"sender": "robust-rest-form", "message": "hi"}).encode()
                outcome, detail = await post(session, url, body, content_type=content_type)
                table.add("rest", "not JSON (cross-site form)", outcome, REFUSE, detail)
            # The conversation still works and its history is readable after all that.
            outcome, detail = await post(session, url, json.dumps({"sender": "robust-rest", "message": "hi"}).encode())
            table.add("rest", "normal after bad input", outcome, REPLY, detail)

    asyncio.run(run())
    assert stack.rasa is not None and stack.rasa.poll() is None, "Rasa died"
    texts = user_texts(stack.tracker("robust-rest"))
    assert "'; DROP TABLE events; --" in texts and texts[-1] == "hi"
    assert user_texts(stack.tracker("robust-rest-form")) == [], "a non-JSON body was processed"
    assert not table.unexpected, "\n".join(table.unexpected)


SESSION = "<issued>"  # stands for the session id the server issues, in the payloads below


async def socket_exchange(url: str, payloads: List[Tuple[str, Any]], table: Table) -> str:
    """Send each payload as user_uttered on one Socket.IO connection and classify the reply; the session id."""
    client = socketio.AsyncClient(reconnection=False)
    replies: asyncio.Queue = asyncio.Queue()
    confirmed: asyncio.Queue = asyncio.Queue()
    client.on("bot_uttered", lambda data: replies.put_nowait(data))
    client.on("session_confirm", lambda data: confirmed.put_nowait(data))
    await client.connect(url, transports=["polling"], socketio_path="/socket.io", wait_timeout=10)
    try:
        await client.emit("session_request", {"session_id": None})
        session_id = await asyncio.wait_for(confirmed.get(), 20)
        for kind, payload in payloads:
            if isinstance(payload, dict) and payload.get("session_id") == SESSION:
                payload = {**payload, "session_id": session_id}
            while not replies.empty():
                replies.get_nowait()
            await client.emit("user_uttered", payload)
            try:
                first = await asyncio.wait_for(replies.get(), 60)
                ok = bool((first.get("text") or "").strip() or first.get("quick_replies") or first.get("attachment"))
                table.add("socketio", kind, REPLIED if ok else EMPTY, REPLY, json.dumps(first)[:200])
                await asyncio.sleep(0.3)  # let the rest of this turn's messages arrive
            except asyncio.TimeoutError:
                table.add("socketio", kind, TIMEOUT, REPLY, repr(payload)[:200])
    finally:
        await client.disconnect()
    return session_id


def test_socketio_bad_input(stack: Stack, table: Table) -> None:
    sid = SESSION
    payloads: List[Tuple[str, Any]] = [
        (kind, {"message": text, "session_id": sid}) for kind, texts in TEXTS.items() for text in texts
    ]
    payloads += [
        ("100 KB text", {"message": "word " * 20_000, "session_id": sid}),
        ("lone surrogate", {"message": "\ud800", "session_id": sid}),
        ("wrong types", {"message": 5, "session_id": sid}),
        ("wrong types", {"message": None, "session_id": sid}),
        ("wrong types", {"message": ["hi"], "session_id": sid}),
        ("wrong types", "just a string"),
        ("wrong types", 42),
        ("wrong types", {"message": "hi"}),  # no session_id
        ("wrong types", {"message": "hi", "session_id": sid, "customData": "{not json"}),
        # Session ids the server did not issue: a 'reload' reply, never someone else's conversation.
        ("session id not issued", {"message": "hi", "session_id": "robust-socket"}),
        ("session id not issued", {"message": "hi", "session_id": "socketio:" + "0" * 32 + "." + "0" * 32}),
        ("session id not issued", {"message": "hi", "session_id": "slack:U0123ABCDE"}),
        ("normal after bad input", {"message": "hi", "session_id": sid}),
    ]
    # python-socketio's JSON encoder cannot send a lone surrogate; Rasa never sees it.
    payloads = [(k, p) for k, p in payloads if k != "lone surrogate"]
    session_id = asyncio.run(socket_exchange(stack.url, payloads, table))
    assert stack.rasa is not None and stack.rasa.poll() is None, "Rasa died"
    texts = user_texts(stack.tracker(session_id))
    assert texts and texts[-1] == "hi" and "robust-socket" not in texts
    for forged in ("robust-socket", "slack:U0123ABCDE"):
        assert user_texts(stack.tracker(forged)) == [], f"a message was stored under {forged}"
    assert not table.unexpected, "\n".join(table.unexpected)


# Junk an authorised client may send to Rasa's model routes: (route, content type, body).
YAML, JSON = "application/x-yaml", "application/json"
MODEL_JUNK: List[Tuple[str, str, bytes]] = [
    (route, content_type, body)
    for route in ("/model/train", "/model/test/intents")
    for content_type in (YAML, JSON, "text/plain")
    for body in (b"junk", b'{"a": 1}', b":::", b"[1, 2]", b"null", b'"str"', b'{"rasa_nlu_data": 5}', b"nlu: 5")
] + [
    ("/model/train", YAML, b"\xff\xfe binary"),
    ("/model/test/intents", JSON, ('{"a":' * 5000 + "1" + "}" * 5000).encode()),
    ("/model/test/intents", JSON, b'{"rasa_nlu_data": {"common_examples": [{"text": 5}]}}'),
]


def test_http_api_model_routes_refuse_junk(stack: Stack, table: Table) -> None:
    async def run() -> None:
        async with aiohttp.ClientSession() as session:
            for route, content_type, body in MODEL_JUNK:
                url = f"{stack.url}{route}?token={stack.api_token}"
                try:
                    async with session.post(
                        url, data=body, headers={"Content-Type": content_type}, timeout=aiohttp.ClientTimeout(total=120)
                    ) as response:
                        status, text = response.status, await response.text(errors="replace")
                except asyncio.TimeoutError:
                    table.add("http-api", f"junk to {route[1:]}", TIMEOUT, REFUSE | REPLY)
                    continue
                outcome = C4XX if 400 <= status < 500 else C5XX if status >= 500 else REPLIED
                # A body Rasa can evaluate (an example whose text is not a string is skipped) may be a 200.
                table.add("http-api", f"junk to {route[1:]}", outcome, REFUSE | REPLY, f"{status} {text[:150]}")

    asyncio.run(run())
    assert stack.rasa is not None and stack.rasa.poll() is None, "Rasa died"
    refused = sum(table.rows[("http-api", f"junk to {r}")][C4XX] for r in ("model/train", "model/test/intents"))
    assert refused >= len(MODEL_JUNK) - 2, f"only {refused} of {len(MODEL_JUNK)} junk bodies were refused"
    assert not table.unexpected, "\n".join(table.unexpected)


LEAVER_TEXTS = ["hi", "I had an interview last Tuesday, should I follow up?", "thanks"]


def wait_answered(stack: Stack, sender: str, texts: List[str], limit: float = 90) -> dict:
    """The tracker once it holds texts and its last event is an action (or after limit seconds)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        tracker = stack.tracker(sender)
        if user_texts(tracker) == texts and tracker["events"][-1]["event"] == "action":
            break
        time.sleep(0.5)
    return stack.tracker(sender)


def answered_turns(tracker: dict) -> List[bool]:
    """For each stored user message, whether a bot message follows it before the next one."""
    answered: List[bool] = []
    for event in tracker["events"]:
        if event["event"] == "user":
            answered.append(False)
        elif event["event"] == "bot" and answered:
            answered[-1] = True
    return answered


def assert_every_turn_answered(tracker: dict, texts: List[str]) -> None:
    """Each text is stored once, in order, and followed by a bot message."""
    assert user_texts(tracker) == texts, f"a turn was lost or doubled when its client left: {user_texts(tracker)}"
    assert all(answered_turns(tracker)), f"a turn whose client left was not answered: {answered_turns(tracker)}"


def test_rest_client_that_leaves_mid_turn_keeps_its_turn(stack: Stack, table: Table) -> None:
    """The client gives up after 50 ms (long before most replies): the turn still runs, is stored and answered."""
    sender = "robust-leaver"
    url = f"{stack.url}/webhooks/rest/webhook"

    async def run() -> None:
        async with aiohttp.ClientSession() as session:
            for text in LEAVER_TEXTS:
                outcome, detail = await post(
                    session, url, json.dumps({"sender": sender, "message": text}).encode(), 0.05
                )
                # a quick turn ("hi") may be answered within the 50 ms; what counts is that every turn is kept
                table.add("rest", "client leaves mid-turn", outcome, {TIMEOUT, REPLIED}, detail)
                await asyncio.sleep(3)  # the next message after this one's turn (or it would queue behind it)

    asyncio.run(run())
    assert_every_turn_answered(wait_answered(stack, sender, LEAVER_TEXTS), LEAVER_TEXTS)
    assert stack.rasa is not None and stack.rasa.poll() is None, "Rasa died"
    assert not table.unexpected, "\n".join(table.unexpected)


def test_socketio_client_that_leaves_mid_turn_keeps_its_turn(stack: Stack, table: Table) -> None:
    """Each message is sent on a fresh connection that closes before the reply: every turn is stored and answered."""
    session_id = ""

    async def run() -> None:
        nonlocal session_id
        for text in LEAVER_TEXTS:
            client = socketio.AsyncClient(reconnection=False)
            confirmed: asyncio.Queue = asyncio.Queue()
            client.on("session_confirm", lambda data, q=confirmed: q.put_nowait(data))
            await client.connect(stack.url, transports=["polling"], socketio_path="/socket.io", wait_timeout=10)
            await client.emit("session_request", {"session_id": session_id or None})
            session_id = await asyncio.wait_for(confirmed.get(), 20)
            await client.emit("user_uttered", {"message": text, "session_id": session_id})
            # The client library drops frames still queued when it disconnects: a second session_request,
            # answered after the message frame was dispatched, shows the message reached the server.
            await client.emit("session_request", {"session_id": session_id})
            await asyncio.wait_for(confirmed.get(), 20)
            await client.disconnect()
            await asyncio.sleep(3)

    asyncio.run(run())
    tracker = wait_answered(stack, session_id, LEAVER_TEXTS)
    for answered in answered_turns(tracker):
        table.add("socketio", "client leaves mid-turn", REPLIED if answered else EMPTY, REPLY)
    assert_every_turn_answered(tracker, LEAVER_TEXTS)
    assert stack.rasa is not None and stack.rasa.poll() is None, "Rasa died"


def test_burst_from_one_sender_while_others_are_answered(stack: Stack, table: Table) -> None:
    burst_sender, probe_sender = "robust-burst", "robust-probe"
    texts = ["hi", "should I follow up after my interview?", "thanks", "what should I write?", "ok"]
    url = f"{stack.url}/webhooks/rest/webhook"
    probe_latencies: List[float] = []
    answered_burst: List[str] = []

    async def run() -> None:
        gate = asyncio.Semaphore(IN_FLIGHT)
        done = asyncio.Event()
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=IN_FLIGHT + 5)) as session:

            async def one(i: int) -> None:
                text = f"{texts[i % len(texts)]} #{i}"
                async with gate:
                    body = json.dumps({"sender": burst_sender, "message": text}).encode()
                    outcome, detail = await post(session, url, body, timeout=180)
                table.add("rest", f"burst {BURST} x 1 sender", outcome, REPLY | {C4XX}, detail)
                if outcome == REPLIED:
                    answered_burst.append(text)

            async def probe() -> None:
                n = 0
                while not done.is_set() and n < 300:
                    n += 1
                    start = time.monotonic()
                    body = json.dumps({"sender": f"{probe_sender}-{n % 5}", "message": "hi"}).encode()
                    outcome, detail = await post(session, url, body, timeout=60)
                    probe_latencies.append(time.monotonic() - start)
                    table.add("rest", "other senders during burst", outcome, REPLY, detail)
                    await asyncio.sleep(1.0)

            prober = asyncio.create_task(probe())
            try:
                await asyncio.wait_for(asyncio.gather(*(one(i) for i in range(BURST))), BURST_SECONDS)
            except asyncio.TimeoutError:
                finished = sum(table.rows[("rest", f"burst {BURST} x 1 sender")].values())
                for _ in range(BURST - finished):
                    table.add("rest", f"burst {BURST} x 1 sender", TIMEOUT, REPLY | {C4XX}, f"over {BURST_SECONDS}s")
            done.set()
            await asyncio.wait_for(prober, 90)

    started = time.monotonic()
    asyncio.run(run())
    elapsed = time.monotonic() - started
    assert stack.rasa is not None and stack.rasa.poll() is None, "Rasa died"
    tracker = stack.tracker(burst_sender)
    history = user_texts(tracker)
    stored = user_texts(tracker, as_it_stands=False)
    missing = sorted(set(answered_burst) - set(stored))
    assert not missing, f"{len(missing)} answered burst messages are not in the history, e.g. {missing[:3]}"
    assert len(history) == len(set(history)), "a burst message was recorded twice"
    summary = (
        f"burst: {BURST} messages, {IN_FLIGHT} in flight, {elapsed:.0f} s; {len(answered_burst)} answered; "
        f"probe p50 {statistics.median(probe_latencies):.2f} s, max {max(probe_latencies):.2f} s "
        f"over {len(probe_latencies)} probes"
    )
    out = ROOT / "reports" / "robustness-burst.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(summary + "\n")
    print(summary)
    assert not table.unexpected, "\n".join(table.unexpected)


def test_print_table(table: Table, capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print("\n" + table.render())
    assert table.rows
