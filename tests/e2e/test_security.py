"""Security checks: API token, CORS limited to the page's origin, loopback-only servers, no secrets in the repo."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Iterator, List, Set

import pytest
import requests
from prod_util import SAFE_CREDENTIALS
from stack import HOST, ROOT, Stack, free_port

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
    assert re.search(r'(?i)SANIC_HOST="\$HOST"[^\n]*rasa"? run actions', run), "run.sh must set SANIC_HOST for actions"
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
