"""Starts a real action server and Rasa server for end-to-end tests, on free loopback ports."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import Dict, List

import requests
import yaml

ROOT = Path(__file__).resolve().parents[2]


def rendered_domain() -> dict:
    """domain.yml with its responses as Rasa sends them: '{{' and '}}' in button payloads become '{' and '}'."""
    text = (ROOT / "domain.yml").read_text()
    domain = yaml.safe_load(text)
    for variants in domain.get("responses", {}).values():
        for variant in variants:
            for button in variant.get("buttons") or []:
                button["payload"] = button["payload"].replace("{{", "{").replace("}}", "}")
    return domain


VENV_BIN = Path(os.environ.get("VENV", ROOT / ".venv")) / "bin"
HOST = "127.0.0.1"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def model_path() -> Path:
    """The model trained for the current data (scripts/train.sh names it)."""
    out = subprocess.run(
        ["bash", "-c", f"source {ROOT}/scripts/common.sh; model_path"], capture_output=True, text=True, check=True
    )
    path = Path(out.stdout.strip())
    if not path.exists():
        raise RuntimeError(f"no trained model at {path}: run `make train` first")
    return path


def wait_http(url: str, timeout: float, proc: subprocess.Popen | None = None) -> None:
    """Wait until url answers 200, failing early if proc died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before {url} answered")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout}s")


class Stack:
    """An action server plus a Rasa server, with their own tracker database and logs."""

    def __init__(
        self,
        workdir: Path,
        credentials: str = "rest:\n",
        api_token: str = "test-token",
        rasa_launcher: List[str] | None = None,
        env: Dict[str, str] | None = None,
        cors: str = "",
        model: Path | None = None,
        endpoints: Path | None = None,
    ) -> None:
        """Prepare (not start) a stack in workdir; credentials is the credentials.yml text."""
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        # model: explicit, else $STACK_MODEL (e.g. while data is being edited), else the current fingerprint's.
        self.model = Path(model or os.environ.get("STACK_MODEL") or model_path())
        # endpoints: explicit, else $STACK_ENDPOINTS, else the project's endpoints.yml.
        self.endpoints = str(endpoints or os.environ.get("STACK_ENDPOINTS") or "endpoints.yml")
        self.rasa_port = free_port()
        self.actions_port = free_port()
        self.api_token = api_token
        self.cors = cors
        self.launcher = rasa_launcher or [str(VENV_BIN / "rasa")]
        self.env = {
            **os.environ,
            "ACTIONS_PORT": str(self.actions_port),
            "TRACKER_DB": str(self.workdir / "tracker.db"),
            "SANIC_HOST": HOST,
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "PYTHONHASHSEED": "0",
            # Sanic waits this long for open connections (web sockets) when stopped: 15 s by default.
            "SANIC_GRACEFUL_SHUTDOWN_TIMEOUT": "2",
            **(env or {}),
        }
        (self.workdir / "credentials.yml").write_text(credentials)
        self.actions: subprocess.Popen | None = None
        self.rasa: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        """Base URL of the Rasa server."""
        return f"http://{HOST}:{self.rasa_port}"

    def _spawn(self, args: List[str], log_name: str) -> subprocess.Popen:
        """Start one server process, logging to workdir/log_name."""
        log = open(self.workdir / log_name, "ab")  # noqa: SIM115 - kept open for the process' life
        return subprocess.Popen(
            args, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def start_actions(self, wait: bool = True) -> None:
        """Start the action server and (unless wait is False) wait for its health check."""
        self.actions = self._spawn(
            [str(VENV_BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(self.actions_port)],
            "actions.log",
        )
        if wait:
            self.wait_actions()

    def wait_actions(self) -> None:
        """Wait until the action server answers its health check."""
        wait_http(f"http://{HOST}:{self.actions_port}/health", 90, self.actions)

    def start_rasa(self) -> None:
        """Start Rasa with the trained model and wait until its channels answer."""
        args = [
            *self.launcher,
            "run",
            "--model",
            str(self.model),
            "--endpoints",
            self.endpoints,
            "--credentials",
            str(self.workdir / "credentials.yml"),
            "--interface",
            HOST,
            "--port",
            str(self.rasa_port),
            "--enable-api",
            "--auth-token",
            self.api_token,
        ]
        if self.cors:
            args += ["--cors", self.cors]
        self.rasa = self._spawn(args, "rasa.log")
        wait_http(f"{self.url}/", 240, self.rasa)

    def start(self) -> Stack:
        """Start both servers (side by side: Rasa loads its model while the action server imports the actions)."""
        self.start_actions(wait=False)
        self.start_rasa()
        self.wait_actions()
        return self

    @staticmethod
    def _kill(proc: subprocess.Popen | None, sig: int = signal.SIGTERM) -> None:
        """Stop a process group and wait for it."""
        if proc is None or proc.poll() is not None:
            return
        os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)

    def stop_actions(self) -> None:
        """Stop the action server."""
        self._kill(self.actions)

    def stop_rasa(self) -> None:
        """Stop the Rasa server."""
        self._kill(self.rasa)

    def stop(self) -> None:
        """Stop both servers."""
        self.stop_rasa()
        self.stop_actions()

    def say(self, sender: str, message: str, metadata: dict | None = None, timeout: float = 60) -> List[dict]:
        """Send one message over the REST channel and return the bot's replies."""
        body = {"sender": sender, "message": message}
        if metadata:
            body["metadata"] = metadata
        response = requests.post(f"{self.url}/webhooks/rest/webhook", json=body, timeout=timeout)
        response.raise_for_status()
        return response.json()

    def tracker(self, sender: str) -> dict:
        """The conversation's tracker from the HTTP API (with the token)."""
        response = requests.get(
            f"{self.url}/conversations/{sender}/tracker", params={"token": self.api_token}, timeout=30
        )
        response.raise_for_status()
        return response.json()

    def log(self, name: str = "rasa.log") -> str:
        """The text of one of the stack's logs."""
        path = self.workdir / name
        return path.read_text(errors="replace") if path.exists() else ""
