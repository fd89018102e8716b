"""Start Rasa and action servers on free loopback ports; measure cold start and resident memory."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(os.environ.get("VENV", ROOT / ".venv")) / "bin"
HOST = "127.0.0.1"
COLD_START_LIMIT = 300.0


def free_port() -> int:
    """Return a TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def base_env(extra: Dict[str, str] | None = None) -> Dict[str, str]:
    """Return the environment both systems run with (quiet TF, one TF thread, no telemetry, fixed hash seed)."""
    env = dict(os.environ)
    env.update(
        {
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "PYTHONHASHSEED": "0",
            "RASA_TELEMETRY_ENABLED": "false",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "SANIC_HOST": HOST,
            # The serving setting of scripts/common.sh serve_env, given to both systems alike.
            "TF_INTER_OP_PARALLELISM_THREADS": os.environ.get("TF_INTER_OP_PARALLELISM_THREADS", "1"),
            "TF_INTRA_OP_PARALLELISM_THREADS": os.environ.get("TF_INTRA_OP_PARALLELISM_THREADS", "1"),
        }
    )
    env.update(extra or {})
    return env


def rss_mib(pid: int) -> float:
    """Return the resident memory of a process and its descendants, in MiB, read from /proc."""
    children: Dict[int, List[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    total_kib = 0
    todo = [pid]
    seen = set()
    while todo and len(seen) < 1000:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kib += int(line.split()[1])
        except OSError:
            continue
        todo.extend(children.get(current, []))
    return total_kib / 1024.0


def post_json(url: str, body: dict, timeout: float) -> tuple[int, object]:
    """POST a JSON body and return (status, decoded JSON or None)."""
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, None


def get_status(url: str, timeout: float) -> int:
    """GET a URL and return its status (0 when nothing answers)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except (OSError, ValueError):
        return 0


@dataclass
class Server:
    """One server process started by the benchmark, with its log and cold-start time."""

    name: str
    args: List[str]
    cwd: Path
    env: Dict[str, str]
    log_path: Path
    port: int
    proc: subprocess.Popen | None = None
    started_at: float = 0.0
    cold_start_s: float = float("nan")
    notes: List[str] = field(default_factory=list)

    def spawn(self) -> None:
        """Start the process in its own session, logging to log_path."""
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "ab")  # noqa: SIM115 - kept open for the life of the process
        self.started_at = time.monotonic()
        self.proc = subprocess.Popen(
            self.args, cwd=self.cwd, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def alive(self) -> bool:
        """Tell whether the process still runs."""
        return self.proc is not None and self.proc.poll() is None

    @property
    def pid(self) -> int:
        """Return the process id."""
        assert self.proc is not None
        return self.proc.pid

    def rss(self) -> float:
        """Return the resident memory of the server (MiB)."""
        return rss_mib(self.pid) if self.alive() else float("nan")

    def stop(self) -> None:
        """Stop the process group (SIGTERM, then SIGKILL after 30 s)."""
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def log_errors(self) -> List[str]:
        """Return the log lines that report an error or a traceback."""
        if not self.log_path.exists():
            return []
        lines = self.log_path.read_text(errors="replace").splitlines()
        markers = (" ERROR ", "Traceback (most recent call last)", "Exception occurred")
        return [line for line in lines if any(marker in line for marker in markers)]


def start_actions(workdir: Path, env: Dict[str, str], actions_dir: Path = ROOT) -> Server:
    """Start the project's action server; cold start = process start until /health answers 200."""
    port = free_port()
    server = Server(
        name="actions",
        args=[str(VENV_BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(port)],
        cwd=actions_dir,
        env=env,
        log_path=workdir / "actions.log",
        port=port,
    )
    server.spawn()
    deadline = server.started_at + COLD_START_LIMIT
    while time.monotonic() < deadline:
        if not server.alive():
            raise RuntimeError(f"action server exited early, see {server.log_path}")
        if get_status(f"http://{HOST}:{port}/health", 2) == 200:
            server.cold_start_s = time.monotonic() - server.started_at
            return server
        time.sleep(0.1)
    server.stop()
    raise TimeoutError(f"action server did not answer within {COLD_START_LIMIT}s")


def start_rasa(
    name: str,
    model: Path,
    cwd: Path,
    endpoints: Path,
    credentials: Path,
    workdir: Path,
    env: Dict[str, str],
    probe: str,
    launcher: List[str] | None = None,
) -> Server:
    """Start `rasa run` on the REST channel; cold start = process start until the first non-empty REST reply."""
    port = free_port()
    args = [
        *(launcher or [str(VENV_BIN / "rasa")]),
        "run",
        "--model",
        str(model),
        "--endpoints",
        str(endpoints),
        "--credentials",
        str(credentials),
        "--interface",
        HOST,
        "--port",
        str(port),
    ]
    server = Server(name=name, args=args, cwd=cwd, env=env, log_path=workdir / "rasa.log", port=port)
    server.spawn()
    url = f"http://{HOST}:{port}/webhooks/rest/webhook"
    deadline = server.started_at + COLD_START_LIMIT
    while time.monotonic() < deadline:
        if not server.alive():
            raise RuntimeError(f"{name}: rasa exited early, see {server.log_path}")
        try:
            status, replies = post_json(url, {"sender": "bench-coldstart", "message": probe}, 60)
        except OSError:
            status, replies = 0, None
        if status == 200 and isinstance(replies, list) and replies:
            server.cold_start_s = time.monotonic() - server.started_at
            return server
        time.sleep(0.1)
    server.stop()
    raise TimeoutError(f"{name}: rasa did not answer within {COLD_START_LIMIT}s")
