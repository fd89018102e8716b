"""Bad input on the REST, Socket.IO and Slack channels gets a clear reply or a 4xx: never a 5xx, a crash, a hang,
silence or a lost turn. Prints a table per kind of input and a summary per channel (at least 60 kinds each).
"""

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
from urllib.parse import urlencode

import aiohttp
import pytest
import requests
import socketio
from channels_env import ChannelsEnv, channels_env
from prod_util import SAFE_CREDENTIALS, user_texts
from stack import ROOT, Stack

REPLIED, C4XX, C5XX, TIMEOUT, EMPTY, ERROR = "replied", "4xx", "5xx", "timeout", "empty", "error"
IGNORED = "ignored"  # acknowledged (2xx) and deliberately not answered: Slack payloads the app does not use
OUTCOMES = (REPLIED, C4XX, C5XX, TIMEOUT, EMPTY, ERROR, IGNORED)
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
    "NUL only": ["\x00"],
    "zero-width characters": ["\u200b\u200c\u200d\ufeff"],
    "combining marks pile-up": ["th\u0300\u0301\u0302\u0303\u0304an\u0305\u0306\u0307\u0308ks"],
    "right-to-left override": ["\u202emy interview was on monday\u202c"],
    "Markdown injection": ["**urgent** [open me](javascript:alert(1)) `rm` > quote"],
    "Slack mention markup": ["<!channel> <!here> <@U0000001> <https://example.com|harmless link>"],
    "template syntax": ["{{ 7*7 }} {% if x %}y{% endif %} ${7*7} #{7*7}"],
    "format specifiers": ["%s %d %n %x {0} {name!r} {__class__}"],
    "path traversal": ["../../../../etc/shadow"],
    "shell metacharacters": ["$(whoami) `id`; ls -la | cat && echo done"],
    "JSON as text": ['{"sender": "someone-else", "message": "hi", "metadata": {}}'],
    "YAML as text": ["- intent: greet\n  examples: |\n    - hello there"],
    "intent payload": ["/greet"],
    "intent payload with entities": ['/inform{"interviewer_name": "Dana"}'],
    "malformed intent payload": ['/inform{"interviewer_name": '],
    "unknown intent payload": ["/wire_all_the_money"],
    "3,000-character word": ["z" * 3000],
    "hundreds of newlines": ["\n" * 400 + "hello"],
    "long bare URL": ["https://example.com/" + "seg/" * 150],
    "email and phone number": ["write to me at jo.doe@example.com or call +1 555 0100"],
    "digits only": ["4815162342"],
    "punctuation only": ["?!?!...;;;"],
    "one letter repeated": ["a" * 3900],
    "exactly 4,000 characters": [("Two weeks have passed since the panel. " * 110)[:4000]],
    "4,001 characters": [("far too long " * 400)[:4001]],
    "homoglyphs": ["\u041d\u0435llo, I h\u0430d \u0430n int\u0435rvi\u0435w"],
    "fullwidth letters": ["\uff53\uff48\uff4f\uff55\uff4c\uff44 \uff49 \uff57\uff52\uff49\uff54\uff45"],
    "flag and joined emoji": ["\U0001f1e8\U0001f1e6 \U0001f469\u200d\U0001f4bb \U0001f3f3\ufe0f\u200d\U0001f308"],
    "tabs": ["\tshould\tI\twrite\tback\t"],
    "CRLF header injection": ["hi\r\nX-Injected: yes\r\n\r\nbody"],
    "ANSI escapes": ["\x1b[2J\x1b[31mred alert\x1b[0m"],
    "byte-order mark": ["\ufeffhello"],
    "private-use characters": ["\ue000\ue123\uf8ff"],
    "noncharacters": ["\ufdd0 \ufffe \uffff"],
    "XML external entity": ['<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/hosts">]><d>&e;</d>'],
    "base64 blob": ["SGVsbG8sIEkgaGFkIGFuIGludGVydmlldw==" * 20],
    "null-like words": ["null undefined None NaN nil"],
    "JNDI lookup": ["${jndi:ldap://127.0.0.1:1389/a}"],
    "math alphanumerics": ["𝐬𝐡𝐨𝐮𝐥𝐝 𝐈 𝐰𝐫𝐢𝐭𝐞"],
    "Hindi": ["क्या मुझे धन्यवाद लिखना चाहिए?"],
    "Japanese": [
        "\u9762\u63a5\u306e\u3042\u3068\u3001\u304a\u793c\u306e\u30e1\u30fc\u30eb\u3092\u9001\u308b\u3079\u304d\uff1f"
    ],
    "Korean": ["\uba74\uc811 \ud6c4\uc5d0 \uac10\uc0ac \uba54\uc77c\uc744 \ubcf4\ub0bc\uae4c\uc694?"],
    "Thai": ["\u0e09\u0e31\u0e19\u0e04\u0e27\u0e23\u0e2a\u0e48\u0e07\u0e2d\u0e35\u0e40\u0e21\u0e25\u0e44\u0e2b\u0e21"],
    "Greek": ["\u03a0\u03c1\u03ad\u03c0\u03b5\u03b9 \u03bd\u03b1 \u03b3\u03c1\u03ac\u03c8\u03c9;"],
    "leading combining mark": ["\u0301\u0327hello"],
    "backslashes": ["\\\\server\\share \\n \\u0000 \\"],
    "quotes only": ["\"'`\"'`"],
    "500 emoji": ["\U0001f642" * 500],
    "pasted email draft": [
        "Subject: Thank you\n\nDear Ms. Okafor,\n\nThanks again for meeting me on Tuesday about the analyst "
        "role. I enjoyed hearing how your team plans its quarter.\n\nKind regards,\nSam Lee"
    ],
    "mixed languages": ["Hola! I had an entrevista hier, should I schreiben?"],
    "HTML entities": ["&lt;b&gt;hi&lt;/b&gt; &amp; &#x27; &#0;"],
    "escaped surrogate as text": ["\\ud800 written out, not a real one"],
    "Unicode line separators": ["first\u2028second\u2029third"],
    "variation selectors": ["hi\ufe0f\ufe0e\U000e0100"],
}


def nested(depth: int) -> Dict[str, Any]:
    """A JSON object nested depth levels deep."""
    node: Dict[str, Any] = {"leaf": 1}
    for _ in range(depth - 1):
        node = {"n": node}
    return node


# Kinds whose text Rasa keeps: everything not blank once NULs are removed, within the length limit.
MAX_CHARS = 4000


def stored_text(text: str) -> str | None:
    """The text as the conversation should store it, or None for a message that is answered but not stored."""
    kept = text.replace("\x00", "").strip()  # Rasa strips a message's text
    return kept if kept and len(text) <= MAX_CHARS else None


def rest_expected(text: str) -> Set[str]:
    """REST refuses a text over the limit (413) and answers every other one."""
    return REFUSE if len(text) > MAX_CHARS else REPLY


@dataclass
class Table:
    """Outcome counts per (channel, kind of input)."""

    rows: Dict[Tuple[str, str], Counter] = field(default_factory=lambda: defaultdict(Counter))
    unexpected: List[str] = field(default_factory=list)
    lost: Counter = field(default_factory=Counter)  # per channel: answered messages missing from the history
    exits: Counter = field(default_factory=Counter)  # per channel: Rasa found dead after its cases

    def add(self, channel: str, kind: str, outcome: str, expected: Set[str], detail: str = "") -> None:
        self.rows[(channel, kind)][outcome] += 1
        if outcome not in expected:
            self.unexpected.append(f"{channel} / {kind}: {outcome} (expected {sorted(expected)}) {detail[:200]}")

    def render(self) -> str:
        head = f"{'channel':<9} {'input':<34} {'tried':>5} " + " ".join(f"{o:>7}" for o in OUTCOMES)
        lines = [head, "-" * len(head)]
        for (channel, kind), counts in self.rows.items():
            tried = sum(counts.values())
            lines.append(f"{channel:<9} {kind:<34} {tried:>5} " + " ".join(f"{counts[o]:>7}" for o in OUTCOMES))
        lines += ["", f"{'channel':<9} {'kinds':>5} {'tried':>6} {'5xx':>5} {'exits':>5} {'lost':>5}"]
        for channel, kinds, tried, c5xx in self.summary():
            lines.append(
                f"{channel:<9} {kinds:>5} {tried:>6} {c5xx:>5} {self.exits[channel]:>5} {self.lost[channel]:>5}"
            )
        return "\n".join(lines)

    def summary(self) -> List[Tuple[str, int, int, int]]:
        """Per channel: kinds of input tried, messages, 5xx answers."""
        out = []
        for channel in dict.fromkeys(c for c, _ in self.rows):
            rows = [counts for (c, _), counts in self.rows.items() if c == channel]
            out.append((channel, len(rows), sum(sum(r.values()) for r in rows), sum(r[C5XX] for r in rows)))
        return out


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
        (kind, json.dumps({"sender": sender, "message": text}).encode(), rest_expected(text))
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
    wrong = {
        "message is a number": {"sender": sender, "message": 5},
        "message is null": {"sender": sender, "message": None},
        "message is a list": {"sender": sender, "message": ["hi"]},
        "message is an object": {"sender": sender, "message": {"text": "hi"}},
        "message is a boolean": {"sender": sender, "message": True},
        "no sender": {"message": "hi"},
        "sender is a list": {"sender": ["x"], "message": "hi"},
        "sender is empty": {"sender": "", "message": "hi"},
        "sender of 300 characters": {"sender": "s" * 300, "message": "hi"},
        "sender with NUL": {"sender": "ab\x00cd", "message": "hi"},
        "metadata not an object": {"sender": sender, "message": "hi", "metadata": "not an object"},
        "message_id not a string": {"sender": sender, "message": "hi", "message_id": 7},
        "input_channel not a string": {"sender": sender, "message": "hi", "input_channel": ["rest"]},
    }
    cases += [(kind, json.dumps(body).encode(), REFUSE) for kind, body in wrong.items()]
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
    if stack.rasa is None or stack.rasa.poll() is not None:
        table.exits["rest"] += 1
    assert stack.rasa is not None and stack.rasa.poll() is None, "Rasa died"
    texts = user_texts(stack.tracker("robust-rest"))
    stored = set(user_texts(stack.tracker("robust-rest"), as_it_stands=False))
    expected = [stored_text(t) for ts in TEXTS.values() for t in ts]
    missing = [t for t in expected if t is not None and t not in stored]
    table.lost["rest"] += len(missing)
    assert not missing, f"{len(missing)} answered REST messages are not in the history: {missing[:5]}"
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
        ("message is a number", {"message": 5, "session_id": sid}),
        ("message is null", {"message": None, "session_id": sid}),
        ("message is a list", {"message": ["hi"], "session_id": sid}),
        ("message is an object", {"message": {"text": "hi"}, "session_id": sid}),
        ("payload is a string", "just a string"),
        ("payload is a number", 42),
        ("payload is a list", ["hi"]),
        ("no session_id", {"message": "hi"}),
        ("session_id is a number", {"message": "hi", "session_id": 12345}),
        ("customData not JSON", {"message": "hi", "session_id": sid, "customData": "{not json"}),
        ("customData nested 200 deep", {"message": "hi", "session_id": sid, "customData": nested(200)}),
        # Session ids the server did not issue: a 'reload' reply, never someone else's conversation.
        ("session id not issued", {"message": "hi", "session_id": "robust-socket"}),
        ("session id not issued", {"message": "hi", "session_id": "socketio:" + "0" * 32 + "." + "0" * 32}),
        ("session id not issued", {"message": "hi", "session_id": "slack:U0123ABCDE"}),
        ("session id with NUL", {"message": "hi", "session_id": "socketio:ab\x00cd"}),
        ("session id of 300 characters", {"message": "hi", "session_id": "socketio:" + "f" * 291}),
        ("normal after bad input", {"message": "hi", "session_id": sid}),
    ]
    # python-socketio's JSON encoder cannot send a lone surrogate; Rasa never sees it.
    payloads = [(k, p) for k, p in payloads if k != "lone surrogate"]
    session_id = asyncio.run(socket_exchange(stack.url, payloads, table))
    if stack.rasa is None or stack.rasa.poll() is not None:
        table.exits["socketio"] += 1
    assert stack.rasa is not None and stack.rasa.poll() is None, "Rasa died"
    texts = user_texts(stack.tracker(session_id))
    stored = set(user_texts(stack.tracker(session_id), as_it_stands=False))
    expected = [stored_text(t) for ts in TEXTS.values() for t in ts]
    missing = [t for t in expected if t is not None and t not in stored]
    table.lost["socketio"] += len(missing)
    assert not missing, f"{len(missing)} answered Socket.IO messages are not in the history: {missing[:5]}"
    assert texts and texts[-1] == "hi" and "robust-socket" not in texts
    for forged in ("robust-socket", "slack:U0123ABCDE"):
        assert user_texts(stack.tracker(forged)) == [], f"a message was stored under {forged}"
    assert not table.unexpected, "\n".join(table.unexpected)


SLACK_IN_FLIGHT = 6
# Slack never delivers a message with an empty text as a user message; the app may acknowledge and ignore it.
SLACK_MAY_IGNORE = {"empty string"}


def slack_expected(kind: str) -> Set[str]:
    """What a Slack DM of this kind of text may get: a reply in its thread (or, for an empty text, nothing)."""
    return REPLY | {IGNORED} if kind in SLACK_MAY_IGNORE else REPLY


def slack_outcome(status: int) -> str:
    """The table's outcome for a Slack webhook answer that is not followed by a reply."""
    return C5XX if status >= 500 else C4XX if status >= 400 else IGNORED


def slack_shape_cases(env: ChannelsEnv, user: str, channel: str) -> List[Tuple[str, bytes, str, Dict[str, Any]]]:
    """(kind, body, content type, slack_post options) for signed or forged Slack requests the app cannot use."""
    ts = f"{time.time():.6f}"
    event = {"type": "message", "channel_type": "im", "channel": channel, "user": user, "text": "hi", "ts": ts}

    def callback(inner: Any, **extra: Any) -> bytes:
        return json.dumps(
            {"type": "event_callback", "event_id": "Ev" + os.urandom(5).hex(), "event": inner, **extra}
        ).encode()

    def form(payload: Any) -> bytes:
        return urlencode({"payload": payload if isinstance(payload, str) else json.dumps(payload)}).encode()

    js, fm = "application/json", "application/x-www-form-urlencoded"
    who = {"id": user, "username": "tester", "team_id": "T0001"}
    return [
        ("bad signature", callback(event), js, {"secret": "not-the-signing-secret"}),
        ("no signature", callback(event), js, {"headers": {"X-Slack-Signature": ""}}),
        ("timestamp 10 minutes old", callback(event), js, {"timestamp": int(time.time()) - 600}),
        ("timestamp in the future", callback(event), js, {"timestamp": int(time.time()) + 3600}),
        ("timestamp not a number", callback(event), js, {"headers": {"X-Slack-Request-Timestamp": "soon"}}),
        ("malformed JSON", b'{"type": "event_callback", "event": ', js, {}),
        ("JSON array body", b"[1, 2, 3]", js, {}),
        ("JSON nested 3,000 deep", ('{"a":' * 3000 + "1" + "}" * 3000).encode(), js, {}),
        ("empty body", b"", js, {}),
        ("binary body", os.urandom(512), js, {}),
        ("not JSON content type", callback(event), "text/plain", {}),
        ("form without payload", urlencode({"other": "x"}).encode(), fm, {}),
        ("payload not JSON", form("{not json"), fm, {}),
        ("payload is a list", form([1, 2]), fm, {}),
        ("view_submission", form({"type": "view_submission", "user": who, "view": {"id": "V1"}}), fm, {}),
        ("message_action", form({"type": "message_action", "user": who, "channel": {"id": channel}}), fm, {}),
        ("shortcut", form({"type": "shortcut", "user": who, "callback_id": "c"}), fm, {}),
        (
            "checkboxes",
            form({"type": "block_actions", "user": who, "actions": [{"type": "checkboxes", "selected_options": []}]}),
            fm,
            {},
        ),
        ("block_actions without actions", form({"type": "block_actions", "user": who, "actions": []}), fm, {}),
        ("block_actions from no user", form({"type": "block_actions", "actions": [{"value": "/greet"}]}), fm, {}),
        ("event missing", json.dumps({"type": "event_callback"}).encode(), js, {}),
        ("event not an object", callback("message"), js, {}),
        ("event of unknown type", callback({**event, "type": "reaction_added"}), js, {}),
        ("message without user", callback({k: v for k, v in event.items() if k != "user"}), js, {}),
        ("message without text", callback({k: v for k, v in event.items() if k != "text"}), js, {}),
        ("text not a string", callback({**event, "text": {"t": 1}}), js, {}),
        ("user not a string", callback({**event, "user": ["U1"]}), js, {}),
        ("user id with NUL", callback({**event, "user": "U1\u0000X"}), js, {}),
        ("user id of 300 characters", callback({**event, "user": "U" * 300}), js, {}),
        ("channel not a string", callback({**event, "channel": 5}), js, {}),
        ("bot's own message", callback({**event, "bot_id": "BCOACH"}), js, {}),
        ("edited message", callback({**event, "subtype": "message_changed"}), js, {}),
        (
            "public channel message",
            callback({**event, "channel_type": "channel", "channel": "C" + channel[1:]}),
            js,
            {},
        ),
        ("unknown top-level type", json.dumps({"type": "app_rate_limited"}).encode(), js, {}),
        ("url_verification without challenge", json.dumps({"type": "url_verification"}).encode(), js, {}),
    ]


def test_slack_bad_input(table: Table) -> None:
    """Every text kind as a Slack DM (one user each, in parallel), then payloads the app cannot use."""
    env = channels_env()
    tag = os.urandom(3).hex().upper()
    sent: Dict[str, Tuple[str, str, str, str]] = {}  # kind#i -> (kind, user, channel, ts)
    cases = list(enumerate((k, t) for k, ts in TEXTS.items() for t in ts))
    for start in range(0, len(cases), SLACK_IN_FLIGHT):  # a few users at a time, like a busy workspace
        batch: Dict[str, Tuple[str, str, str, str]] = {}
        for i, (kind, text) in cases[start : start + SLACK_IN_FLIGHT]:
            user, channel, ts = f"UR{tag}{i:03d}", f"DR{tag}{i:03d}", f"{time.time():.6f}"
            status = env.slack_dm(user, text, channel, ts).status_code
            if status != 200:
                table.add("slack", kind, slack_outcome(status), slack_expected(kind), f"{status}")
                continue
            batch[f"{kind}#{i}"] = (kind, user, channel, ts)
        sent.update(batch)
        deadline, last_reply = time.monotonic() + 120, time.monotonic()
        while batch and time.monotonic() < deadline:
            for key, (kind, _user, channel, ts) in list(batch.items()):
                if env.slack.posts(channel, ts):
                    table.add("slack", kind, REPLIED, slack_expected(kind))
                    del batch[key]
                    last_reply = time.monotonic()
            if all(slack_expected(kind) != REPLY for kind, *_ in batch.values()) and time.monotonic() > last_reply + 3:
                break
            time.sleep(0.3)
        for kind, _user, _channel, _ts in batch.values():
            outcome = IGNORED if slack_expected(kind) != REPLY else TIMEOUT
            table.add("slack", kind, outcome, slack_expected(kind), "no reply in the thread")
    env.slack.wait_quiet(1.5)
    # Lost: a message answered in Slack whose user turn is not in that user's history.
    texts = [t for ts in TEXTS.values() for t in ts]
    for key, (_kind, user, _channel, _ts) in sent.items():
        stored = user_texts(env.stack.tracker(f"slack:{user}"), as_it_stands=False)
        if stored_text(texts[int(key.split("#")[1])]) is not None and not stored:
            table.lost["slack"] += 1
    user, channel = f"UR{tag}X", f"DR{tag}X"
    for kind, body, content_type, options in slack_shape_cases(env, user, channel):
        try:
            status = env.slack_post(body, content_type, **options).status_code
            table.add("slack", kind, slack_outcome(status), {C4XX, IGNORED}, f"{status}")
        except requests.RequestException as error:
            table.add("slack", kind, ERROR, {C4XX, IGNORED}, repr(error))
    time.sleep(3)
    if env.stack.rasa is None or env.stack.rasa.poll() is not None:
        table.exits["slack"] += 1
    assert env.stack.rasa is not None and env.stack.rasa.poll() is None, "Rasa died"
    assert not [e for e in env.stack.tracker(f"slack:{user}")["events"] if e["event"] == "user"], "processed"
    assert not table.lost["slack"], f"{table.lost['slack']} answered Slack messages are not in the history"
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


# The target: at least this many kinds of bad input per channel, with no 5xx, exit or lost turn.
MIN_KINDS = 60


def test_print_table(table: Table, capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print("\n" + table.render())
    summary = {channel: (kinds, c5xx) for channel, kinds, _tried, c5xx in table.summary()}
    for channel in ("rest", "socketio", "slack"):
        kinds, c5xx = summary.get(channel, (0, 0))
        assert kinds >= MIN_KINDS, f"{channel}: {kinds} kinds of bad input, fewer than {MIN_KINDS}"
        assert (c5xx, table.exits[channel], table.lost[channel]) == (0, 0, 0), channel
