"""Security checks: API token, CORS limited to the page's origin, loopback-only servers, no secrets in the repo,
and conversations owned by their client (REST for programs only, per-channel ids, server-issued web sessions,
the WebSocket Origin checked against CORS)."""

from __future__ import annotations

import asyncio
import queue
import re
import subprocess
import time
from pathlib import Path
from typing import Callable, Iterator, List, Set

import aiohttp
import pytest
import requests
import socketio
from prod_util import SAFE_CREDENTIALS
from stack import HOST, ROOT, Stack, free_port

from channels.safe_socketio import NO_SESSION_TEXT

WEB_PORT = free_port()
PAGE_ORIGIN = f"http://{HOST}:{WEB_PORT}"
EVIL_ORIGIN = "http://evil.example"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    s = Stack(Path(tmp_path_factory.mktemp("security")), credentials=SAFE_CREDENTIALS, cors=PAGE_ORIGIN)
    try:
        yield s.start()
    finally:
        s.stop()


@pytest.mark.parametrize("path", ["/status", "/version", "/conversations/someone/tracker", "/domain"])
def test_http_api_needs_the_token(stack: Stack, path: str) -> None:
    accept = {"Accept": "application/json"}
    if path != "/version":  # /version is public in Rasa
        assert requests.get(stack.url + path, headers=accept, timeout=10).status_code == 401
        wrong = requests.get(stack.url + path, params={"token": "wrong"}, headers=accept, timeout=10)
        assert wrong.status_code == 401
    ok = requests.get(stack.url + path, params={"token": stack.api_token}, headers=accept, timeout=30)
    assert ok.status_code == 200, ok.text


def test_model_cannot_be_replaced_without_token(stack: Stack) -> None:
    response = requests.put(f"{stack.url}/model", json={"model_file": "/tmp/x.tar.gz"}, timeout=10)
    assert response.status_code == 401


@pytest.mark.parametrize("path", ["/webhooks/rest/webhook", "/socket.io/?EIO=4&transport=polling"])
def test_cors_allows_only_the_page_origin(stack: Stack, path: str) -> None:
    for origin, allowed in ((PAGE_ORIGIN, True), (EVIL_ORIGIN, False)):
        preflight = requests.options(
            stack.url + path,
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
            timeout=10,
        )
        acao = preflight.headers.get("Access-Control-Allow-Origin")
        if allowed:
            assert acao == origin, f"{origin} should be allowed on {path}: {dict(preflight.headers)}"
        else:
            assert acao is None, f"{origin} must not be allowed on {path}: {acao}"
    get = requests.get(stack.url + "/webhooks/rest/", headers={"Origin": EVIL_ORIGIN}, timeout=10)
    assert "Access-Control-Allow-Origin" not in get.headers


def listening_addresses(port: int) -> Set[str]:
    """Local addresses with a TCP socket listening on port (from /proc/net/tcp and tcp6)."""
    found: Set[str] = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        for line in Path(table).read_text().splitlines()[1:]:
            parts = line.split()
            address, port_hex = parts[1].split(":")
            if parts[3] == "0A" and int(port_hex, 16) == port:  # 0A = LISTEN
                if width == 8:
                    found.add(".".join(str(int(address[i : i + 2], 16)) for i in (6, 4, 2, 0)))
                else:
                    found.add("::" if set(address) == {"0"} else address)
    return found


def test_servers_listen_on_loopback_only(stack: Stack) -> None:
    assert listening_addresses(stack.actions_port) == {"127.0.0.1"}
    assert listening_addresses(stack.rasa_port) == {"127.0.0.1"}


def test_run_script_binds_loopback() -> None:
    run = (ROOT / "scripts" / "run.sh").read_text()
    # the action server runs as `rasa run actions`, directly or through the standby launcher (channels.standby LOCK)
    binds = re.search(r'(?i)SANIC_HOST="\$HOST"[^\n]*(rasa|channels\.standby "\$lock")"? run actions', run)
    assert binds, "run.sh must set SANIC_HOST for actions"
    assert '--interface "$HOST"' in run, "run.sh must bind Rasa to $HOST"
    common = (ROOT / "scripts" / "common.sh").read_text()
    assert 'HOST="${HOST:-127.0.0.1}"' in common


SECRET_PATTERNS = [
    ("Slack token", re.compile(r"xox[abposr]-[0-9A-Za-z-]{10,}")),
    ("Slack app token", re.compile(r"xapp-\d-[0-9A-Za-z-]{10,}")),
    ("AWS key", re.compile(r"AKIA[0-9A-Z]{16}")),
    ("private key", re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")),
    ("GitHub token", re.compile(r"gh[pousr]_[0-9A-Za-z]{30,}")),
    ("OpenAI-style key", re.compile(r"sk-[0-9A-Za-z]{32,}")),
    (
        "hard-coded secret",
        re.compile(
            r"(?i)\b[A-Z0-9_]*(?:token|secret|password|passwd|api_?key)[A-Z0-9_]*\s*[:=]\s*[\"']?"
            r"(?!\$\{|\$\(|\$[A-Z_])([A-Za-z0-9+/_\-]{20,})"
        ),
    ),
]


# Obvious test values are not secrets: a real token never contains these words.
PLACEHOLDER = re.compile(r"(?i)fake|test|example|dummy|placeholder|not-the|changeme|change_me|redacted|xxxx")


def tracked_files() -> List[Path]:
    """Files git tracks or would add (not ignored)."""
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    return [ROOT / name for name in out.decode().split("\0") if name]


def test_no_secret_in_tracked_files() -> None:
    findings = []
    for path in tracked_files():
        if not path.is_file() or path.stat().st_size > 2_000_000:
            continue
        text = path.read_bytes().decode("utf-8", errors="ignore")
        for label, pattern in SECRET_PATTERNS:
            for match in pattern.finditer(text):
                if PLACEHOLDER.search(match.group(0)):
                    continue
                line = text.count("\n", 0, match.start()) + 1
                findings.append(f"{path.relative_to(ROOT)}:{line}: {label}: {match.group(0)[:40]}")
    assert not findings, "possible secrets in the repository:\n" + "\n".join(findings)


def test_credentials_use_guarded_channels() -> None:
    creds = (ROOT / "credentials.yml").read_text()
    keys = {line.split(":")[0] for line in creds.splitlines() if line and not line[0].isspace() and ":" in line}
    assert "channels.rest.SafeRestInput" in keys, "credentials.yml should use channels.rest.SafeRestInput, not rest:"
    assert "rest" not in keys


# --- Conversations belong to the client that started them (issue #15) ---

REST_URL = "/webhooks/rest/webhook"


def user_events(stack: Stack, sender: str) -> List[str]:
    """The user texts stored for a conversation id (none when it does not exist)."""
    return [e.get("text") for e in stack.tracker(sender)["events"] if e["event"] == "user"]


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/plain", '{"sender": "csrf-victim", "message": "hi"}'),
        ("application/x-www-form-urlencoded", '{"sender": "csrf-victim", "message": "hi"}'),
        ("multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n'),
        ("", '{"sender": "csrf-victim", "message": "hi"}'),
    ],
)
def test_rest_refuses_bodies_a_web_page_could_post_cross_site(stack: Stack, content_type: str, body: str) -> None:
    headers = {"Origin": EVIL_ORIGIN, "Content-Type": content_type}
    response = requests.post(stack.url + REST_URL, data=body.encode(), headers=headers, timeout=30)
    assert response.status_code == 415, response.text
    assert "application/json" in response.json()["error"]
    assert user_events(stack, "csrf-victim") == []


@pytest.mark.parametrize("sender", ["slack:U0123ABCDE", "Slack:U0123ABCDE", "socketio:" + "0" * 32 + "." + "0" * 32])
def test_rest_cannot_write_into_another_channels_conversation(stack: Stack, sender: str) -> None:
    response = requests.post(stack.url + REST_URL, json={"sender": sender, "message": "hi"}, timeout=30)
    assert response.status_code == 403, response.text
    assert user_events(stack, sender) == []


class SocketClient:
    """A polling Socket.IO client that records the session ids and replies it gets."""

    def __init__(self, url: str) -> None:
        self.client = socketio.Client(reconnection=False)
        self.sessions: queue.Queue[str] = queue.Queue()
        self.replies: List[str] = []
        self.client.on("session_confirm", self.sessions.put)
        self.client.on("bot_uttered", lambda data: self.replies.append(data.get("text") or ""))
        self.client.connect(url, socketio_path="/socket.io", transports=["polling"], wait_timeout=20)

    def session(self, requested: str | None) -> str:
        """Ask for a session id; the one the server confirms."""
        self.client.emit("session_request", {"session_id": requested})
        return self.sessions.get(timeout=20)

    def say(self, session_id: str, text: str) -> None:
        """Send a message as the page does."""
        self.client.emit("user_uttered", {"message": text, "session_id": session_id, "customData": {}})

    def close(self) -> None:
        self.client.disconnect()


def wait_for(condition: Callable[[], bool], timeout: float = 60) -> bool:
    """Poll condition until it holds or timeout passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def test_a_socket_cannot_join_or_write_into_another_sockets_conversation(stack: Stack) -> None:
    owner, intruder = SocketClient(stack.url), SocketClient(stack.url)
    try:
        mine = owner.session(None)
        assert re.fullmatch(r"socketio:[0-9a-f]{32}\.[0-9a-f]{32}", mine), mine
        owner.say(mine, "hi")
        assert wait_for(lambda: user_events(stack, mine) == ["hi"] and bool(owner.replies))
        time.sleep(2)  # the rest of the greeting
        owner_replies = len(owner.replies)
        random_part = mine.split(":")[1].split(".")[0]
        attempts = {
            "made-up id": "abc123",
            "REST-style id": random_part,
            "owner's random part, forged signature": f"socketio:{random_part}.{'0' * 32}",
            "owner's id with a changed character": mine[:-1] + ("1" if mine[-1] == "0" else "0"),
        }
        for kind, forged in attempts.items():
            given = intruder.session(forged)
            assert given not in (forged, mine), f"{kind}: the server confirmed {given}"
            intruder.say(forged, f"intruder: {kind}")
        assert wait_for(lambda: len(intruder.replies) >= len(attempts))
        time.sleep(2)  # anything the owner's conversation would have answered has arrived by now
        assert user_events(stack, mine) == ["hi"], "an intruder wrote into the owner's conversation"
        assert intruder.replies == [NO_SESSION_TEXT] * len(attempts), "the intruder got more than 'reload'"
        assert len(owner.replies) == owner_replies, "the owner's socket received replies to the intruder"
    finally:
        owner.close()
        intruder.close()


def test_the_same_browser_keeps_its_conversation_across_reloads(stack: Stack) -> None:
    first = SocketClient(stack.url)
    mine = first.session(None)
    first.say(mine, "hi")
    assert wait_for(lambda: user_events(stack, mine) == ["hi"])
    first.close()
    reloaded = SocketClient(stack.url)  # a reload: new socket, the id kept in localStorage
    try:
        assert reloaded.session(mine) == mine
        reloaded.say(mine, "thanks")
        assert wait_for(lambda: user_events(stack, mine) == ["hi", "thanks"] and bool(reloaded.replies))
    finally:
        reloaded.close()


async def engineio_connect(url: str, origin: str | None) -> str:
    """Open a raw Engine.IO WebSocket with the given Origin and send Socket.IO's CONNECT; the server's answer."""
    ws_url = url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
    headers = {"Origin": origin} if origin else {}
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(ws_url, headers=headers, timeout=10) as ws:
                opened = await ws.receive(timeout=10)
                if opened.type != aiohttp.WSMsgType.TEXT or not str(opened.data).startswith("0"):
                    return f"no open packet: {opened.type}"
                await ws.send_str("40")
                while True:
                    packet = await ws.receive(timeout=10)
                    if packet.type != aiohttp.WSMsgType.TEXT:
                        return f"closed: {packet.type}"
                    if str(packet.data).startswith("4"):
                        return "connected" if str(packet.data).startswith("40") else "refused"
        except aiohttp.WSServerHandshakeError as error:
            return f"refused: handshake {error.status}"


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [(PAGE_ORIGIN, True), (None, True), (EVIL_ORIGIN, False), ("null", False), (PAGE_ORIGIN + ".evil.example", False)],
)
def test_websocket_origin_must_match_cors(stack: Stack, origin: str | None, allowed: bool) -> None:
    answer = asyncio.run(engineio_connect(stack.url, origin))
    assert (answer == "connected") is allowed, f"Origin {origin}: {answer}"
