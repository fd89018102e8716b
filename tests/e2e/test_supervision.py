"""`make run` (scripts/run.sh) supervises its servers: a frozen action server costs one "trouble" reply, a
killed action server or Rasa is replaced by its warm standby (channels/standby.py) within 30 s and started
again as the next standby, while the other servers keep answering, and conversations carry on. Prints (and
writes to reports/supervision.txt) a table of what each failure cost.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List

import pytest
import requests
from prod_util import CONVERSATION, reply_texts, user_texts
from stack import HOST, ROOT, free_port, model_path

from channels.guard import TROUBLE_TEXT
from channels.standby import serving_pid
from channels.turn_failures import ACTION_TIMEOUT_SECONDS

# The target for a killed server to answer again (a cold Rasa start alone takes 30-130 s on 2 busy
# cores; the warm standby answers in about a second).
BACK_S = 30.0
# Health probes of every server (two a second) around a kill, at least.
MIN_PROBES = 10
# How long a standby may take to load (a cold start, while the tests run beside it).
STANDBY_READY_S = 400.0
TOKEN = "supervision-token"
REST_TOKEN = "test-rest-token"  # COACH_REST_TOKEN: make run's REST webhook then requires it


def descendants(pid: int) -> List[int]:
    """All processes below pid (from /proc/<pid>/task/*/children)."""
    found: List[int] = []
    pending = [pid]
    while pending:
        parent = pending.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
            found += children
            pending += children
    return found


def command_line(pid: int) -> str:
    """The command line of a process ('' if it is gone)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def up(url: str) -> bool:
    """Whether url answers 200 within 3 s."""
    try:
        return requests.get(url, timeout=3).status_code == 200
    except requests.RequestException:
        return False


@dataclass
class RunStack:
    """scripts/run.sh on free ports, with its own var/ and the trained model (never trains)."""

    workdir: Path
    ports: Dict[str, int] = field(default_factory=lambda: {k: free_port() for k in ("rasa", "actions", "web")})
    proc: subprocess.Popen | None = None

    @property
    def urls(self) -> Dict[str, str]:
        """The health URL of each server."""
        return {
            "rasa": f"http://{HOST}:{self.ports['rasa']}/webhooks/rest/",
            "actions": f"http://{HOST}:{self.ports['actions']}/health",
            "web": f"http://{HOST}:{self.ports['web']}/",
        }

    def start(self) -> RunStack:
        """Start run.sh and wait until Rasa answers."""
        models = self.workdir / "models"
        models.mkdir(parents=True, exist_ok=True)
        model = Path(os.environ.get("STACK_MODEL") or model_path()).resolve()
        env = {**os.environ, "MODELS_DIR": str(models)}
        fingerprint_name = subprocess.run(
            ["bash", "-c", f"source {ROOT}/scripts/common.sh; model_path"], env=env, capture_output=True, text=True
        ).stdout.strip()
        Path(fingerprint_name).unlink(missing_ok=True)
        Path(fingerprint_name).symlink_to(model)  # run.sh finds "its" model and does not train
        env.update(
            RASA_API_TOKEN=TOKEN,
            COACH_REST_TOKEN=REST_TOKEN,
            RASA_PORT=str(self.ports["rasa"]),
            ACTIONS_PORT=str(self.ports["actions"]),
            WEB_PORT=str(self.ports["web"]),
            VAR_DIR=str(self.workdir / "var"),
            TRACKER_DB=str(self.workdir / "var" / "tracker.db"),
        )
        env.pop("COACH_SESSION_KEY", None)
        log = open(self.workdir / "run.out", "ab")  # noqa: SIM115 - kept open for the process' life
        self.proc = subprocess.Popen(
            ["bash", str(ROOT / "scripts" / "run.sh")],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 400
        while not all(up(url) for url in self.urls.values()):
            assert self.proc.poll() is None, f"run.sh exited: {(self.workdir / 'run.out').read_text()[-2000:]}"
            assert time.monotonic() < deadline, "make run did not come up"
            time.sleep(1)
        return self

    def stop(self) -> None:
        """TERM run.sh (it stops its servers), KILL what is left."""
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def server_pids(self, name: str) -> List[int]:
        """The pids of the action server's or Rasa's processes (the serving one and its standby)."""
        lock = str(self.workdir / "var" / f"{name}.lock")
        assert self.proc is not None
        return [p for p in descendants(self.proc.pid) if f"channels.standby {lock} " in command_line(p)]

    def server_pid(self, name: str) -> int:
        """The pid of the action server or Rasa that serves (holds its lock)."""
        pid = serving_pid(str(self.workdir / "var" / f"{name}.lock"))
        assert pid is not None and pid in self.server_pids(name), f"{name}: no serving process ({pid})"
        return pid

    def wait_standby(self, name: str) -> int:
        """The pid of the named server's standby, once it has loaded and waits for the lock."""
        logfile = self.workdir / "var" / f"{name}.log"
        deadline = time.monotonic() + STANDBY_READY_S
        while time.monotonic() < deadline:
            serving = self.server_pid(name)
            for pid in self.server_pids(name):
                if pid != serving and f"standing by (pid {pid})" in logfile.read_text(errors="replace"):
                    return pid
            time.sleep(1)
        pytest.fail(f"no {name} standby was ready within {STANDBY_READY_S:.0f} s")

    def say(self, sender: str, text: str, timeout: float = 90) -> List[str]:
        """One REST turn; the reply texts."""
        response = requests.post(
            f"http://{HOST}:{self.ports['rasa']}/webhooks/rest/webhook",
            json={"sender": sender, "message": text},
            headers={"Authorization": f"Bearer {REST_TOKEN}"},
            timeout=timeout,
        )
        response.raise_for_status()
        return reply_texts(response.json())

    def tracker(self, sender: str) -> dict:
        """A conversation's tracker from the HTTP API."""
        url = f"http://{HOST}:{self.ports['rasa']}/conversations/{sender}/tracker"
        response = requests.get(url, params={"token": TOKEN}, timeout=30)
        response.raise_for_status()
        return response.json()


class Watch:
    """Probes every server's health URL twice a second in a thread; counts failed probes per server."""

    def __init__(self, stack: RunStack) -> None:
        self.stack = stack
        self.failed: Dict[str, int] = {name: 0 for name in stack.urls}
        self.probes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.probes += 1
            for name, url in self.stack.urls.items():
                if not up(url):
                    self.failed[name] += 1
            time.sleep(0.5)

    def __enter__(self) -> Watch:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(10)


ROWS: List[str] = []


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunStack]:
    s = RunStack(Path(tmp_path_factory.mktemp("supervision")))
    try:
        yield s.start()
    finally:
        s.stop()


def wait_back(stack: RunStack, name: str, old_pid: int, limit: float) -> float:
    """Seconds until another process of the named server serves and answers its health URL (fails after limit)."""
    started = time.monotonic()
    lock = str(stack.workdir / "var" / f"{name}.lock")
    while time.monotonic() - started < limit:
        if serving_pid(lock) not in (None, old_pid) and up(stack.urls[name]):
            return time.monotonic() - started
        time.sleep(0.1)
    pytest.fail(f"{name} did not answer again within {limit:.0f} s of being killed")


def test_rest_needs_its_token_when_one_is_set(stack: RunStack) -> None:
    """make run with COACH_REST_TOKEN: REST answers 401 without it (or with the API token), nothing is stored."""
    url = f"http://{HOST}:{stack.ports['rasa']}/webhooks/rest/webhook"
    body = {"sender": "supervision-no-token", "message": "hi"}
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Bearer {TOKEN}"}):
        assert requests.post(url, json=body, headers=headers, timeout=30).status_code == 401
    assert user_texts(stack.tracker("supervision-no-token")) == []
    assert stack.say("supervision-no-token", "hi"), "no reply with the REST token"


def test_frozen_action_server_costs_one_trouble_reply(stack: RunStack) -> None:
    sender = "supervision-frozen"
    assert stack.say(sender, CONVERSATION[0])
    pid = stack.server_pid("actions")
    os.kill(pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        texts = stack.say(sender, CONVERSATION[1])
        took = time.monotonic() - started
    finally:
        os.kill(pid, signal.SIGCONT)
    ROWS.append(f"{'action server frozen':<28} {'-':>10} {'-':>12}  'trouble' reply after {took:.1f} s")
    assert TROUBLE_TEXT in texts, texts
    assert took < ACTION_TIMEOUT_SECONDS + 10, f"the turn took {took:.1f} s with the action server frozen"
    texts = stack.say(sender, CONVERSATION[2])
    assert texts and TROUBLE_TEXT not in texts, f"not recovered after SIGCONT: {texts}"


@pytest.mark.parametrize("name", ["actions", "rasa"])
def test_killed_server_is_replaced_within_30_s_and_the_others_stay_up(stack: RunStack, name: str) -> None:
    sender = f"supervision-kill-{name}"
    assert stack.say(sender, CONVERSATION[0])
    old = stack.server_pid(name)
    standby = stack.wait_standby(name)
    with Watch(stack) as watch:
        os.kill(old, signal.SIGKILL)
        back = wait_back(stack, name, old, BACK_S)
        texts = stack.say(sender, CONVERSATION[1])
        while watch.probes < MIN_PROBES:  # watch the other servers for a few seconds, not one probe
            time.sleep(0.2)
    others = {k: v for k, v in watch.failed.items() if k != name}
    kept = user_texts(stack.tracker(sender))[:2] == CONVERSATION[:2]
    outcome = "conversation goes on" if kept and TROUBLE_TEXT not in texts else f"after restart: {texts[:1]}"
    # The killed process's slot is started again (it becomes the next standby).
    deadline = time.monotonic() + 30
    while len(stack.server_pids(name)) < 2 and time.monotonic() < deadline:
        time.sleep(0.5)
    restarted = [p for p in stack.server_pids(name) if p not in (old, standby)]
    ROWS.append(
        f"{name + ' killed (SIGKILL)':<28} {back:>9.1f}s {sum(others.values()):>5} of {watch.probes:<4}  {outcome}"
    )
    print(f"{name}: pid {old} killed, standby {standby} answered after {back:.1f} s, pid {restarted} started")
    assert stack.server_pid(name) == standby
    assert not any(others.values()), f"other servers failed probes while {name} was down: {others}"
    assert texts and TROUBLE_TEXT not in texts, texts
    assert kept, "the conversation lost a turn"
    assert restarted, f"the killed {name} was not started again"


def test_print_table(capsys: pytest.CaptureFixture[str]) -> None:
    table = "\n".join([f"{'failure':<28} {'back after':>10} {'others down':>12}  outcome", *ROWS])
    out = ROOT / "reports" / "supervision.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(table + "\n")
    with capsys.disabled():
        print("\n" + table)
    assert len(ROWS) == 3, "a supervision case did not run to its row"
