"""`make shell` (scripts/shell.sh) in a pseudo-terminal, as a person uses it: no warning spam before the
first prompt, button titles with numbers (never payloads), typing at every prompt, drafts printed with
their blank lines, /stop and Ctrl-C leaving cleanly, and its own action server even when ACTIONS_PORT is
taken; then the same messages over REST must get the same bot texts.

The shell's own tracker store (a SQLite file of this test) tells when the bot has finished a turn.
"""

from __future__ import annotations

import json
import os
import re
import socket
import sqlite3
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

import pexpect
import pytest
from channels_env import channels_env
from stack import HOST, ROOT, model_path, rendered_domain

DOMAIN = rendered_domain()
GREET = DOMAIN["responses"]["utter_greet"][0]
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\r")
PROMPT = "Your input ->"
READY = "Bot loaded."
BUTTON = re.compile(r"^  (\d+)\. (.+)$", re.MULTILINE)


def plain(text: str) -> str:
    """Terminal output without colors, cursor moves and carriage returns."""
    return ANSI.sub("", text)


def buttons_at_end(screen: str) -> List[str]:
    """The numbered button titles printed after the last user turn."""
    last = screen.rsplit(PROMPT, 2)
    tail = last[-2] if len(last) >= 2 else screen
    return [title for _, title in BUTTON.findall(tail)]


class Shell:
    """pexpect wrapper around one scripts/shell.sh process with its own SQLite tracker store."""

    def __init__(self, workdir: Path, taken_port: int) -> None:
        self.sender = f"shell-{uuid.uuid4().hex[:8]}"
        self.db = workdir / f"{self.sender}.db"
        env = {
            **os.environ,
            "SHELL_MODEL": os.environ.get("STACK_MODEL") or str(model_path()),
            "ACTIONS_PORT": str(taken_port),  # taken: the shell must pick its own port
            "VAR_DIR": str(workdir),
            "TRACKER_DB": str(self.db),
            "RASA_SHELL_STREAM_READING_TIMEOUT_IN_SECONDS": "60",
            "TERM": "xterm",
        }
        env.pop("SHELL_ACTIONS_URL", None)
        self.log = open(workdir / f"{self.sender}.log", "w")  # noqa: SIM115 - closed in close()
        self.started = time.monotonic()
        self.child = pexpect.spawn(
            "bash",
            [str(ROOT / "scripts" / "shell.sh"), "--conversation-id", self.sender],
            cwd=str(ROOT),
            env=env,
            encoding="utf-8",
            dimensions=(50, 100),
            timeout=90,
        )
        self.child.logfile_read = self.log

    def wait_ready(self) -> Tuple[float, str]:
        """Wait for the first prompt; return the seconds it took and everything printed before it."""
        self.child.expect_exact(PROMPT, timeout=300)
        return time.monotonic() - self.started, plain(self.child.before)

    def close(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)
        self.log.close()

    def events(self) -> List[Dict[str, Any]]:
        if not self.db.exists():
            return []
        with sqlite3.connect(self.db) as db:
            rows = db.execute(
                "SELECT type_name, action_name, data FROM events WHERE sender_id = ? ORDER BY id", (self.sender,)
            ).fetchall()
        return [{"type": t, "action": a, **json.loads(d)} for t, a, d in rows]

    def bot_texts(self) -> List[str]:
        return [e["text"] for e in self.events() if e["type"] == "bot" and e.get("text")]

    def actions_run(self) -> List[str]:
        return [e["action"] for e in self.events() if e["type"] == "action"]

    def slot(self, name: str) -> Any:
        value = None
        for event in self.events():
            if event["type"] == "slot" and event.get("name") == name:
                value = event.get("value")
        return value

    def drain(self, quiet: float = 1.0) -> str:
        """Read what the shell printed until it was quiet for `quiet` seconds."""
        out = []
        while True:
            try:
                out.append(self.child.read_nonblocking(65536, timeout=quiet))
            except pexpect.TIMEOUT:
                return plain("".join(out))

    def turn(self, text: str, timeout: float = 90) -> str:
        """Type a line, wait until the bot answered and the prompt is back; return the screen text."""
        turns = len([e for e in self.events() if e["type"] == "user"])
        self.child.send(text + "\r")
        deadline = time.monotonic() + timeout
        screen = ""
        while True:
            screen += self.drain(0.3)
            events = self.events()
            users = [e for e in events if e["type"] == "user"]
            if len(users) > turns and events[-1]["action"] == "action_listen" and screen.rstrip().endswith(PROMPT):
                return screen
            assert time.monotonic() < deadline, f"no answer to {text!r}: {screen[-2000:]}"


@pytest.fixture(scope="module")
def workdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="e2e-shell-"))


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A port in use (what `make run`'s action server does to ACTIONS_PORT)."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        s.listen()
        yield s.getsockname()[1]


@pytest.fixture
def shell(workdir: Path, taken_port: int) -> Iterator[Shell]:
    s = Shell(workdir, taken_port)
    try:
        yield s
    finally:
        s.close()


def test_shell_conversation_by_numbers_and_typing_then_stop(shell: Shell) -> None:
    seconds, before = shell.wait_ready()
    print(f"shell ready after {seconds:.1f} s")
    assert READY in before, before
    for noise in ("Warning", "warn(", "Traceback", "address already in use"):
        assert noise not in before, before
    assert "its action server: port" in before, before

    screen = shell.turn("hi")
    assert GREET["text"][:40] in re.sub(r"\s+", " ", screen)
    assert buttons_at_end(screen) == [b["title"] for b in GREET["buttons"]], screen[-2000:]
    assert "/" not in "".join(buttons_at_end(screen)), "a payload was shown"

    # "2" picks the second button ("I've had my interview").
    screen = shell.turn("2")
    assert shell.slot("branch") == "post_interview", shell.events()[-5:]

    # Typed text is sent as typed while buttons are offered: the second button's title, typed out.
    offered = buttons_at_end(screen)
    assert len(offered) >= 2, screen[-2000:]
    screen = shell.turn(offered[0])
    typed = [e.get("text") for e in shell.events() if e["type"] == "user"]
    assert typed[-1] == offered[0], typed

    # Answer the form: the first button of each question, or typed text where there are none.
    for _ in range(10):
        if "action_give_advice" in shell.actions_run():
            break
        screen = shell.turn("1" if buttons_at_end(screen) else "about a week ago")
    assert "action_give_advice" in shell.actions_run(), shell.actions_run()

    # Every bot text is on screen as sent: blank lines kept, lines not wrapped (the terminal is 100 wide).
    screens = plain(open(shell.log.name).read())  # noqa: SIM115 - read once
    multi = [t for t in shell.bot_texts() if "\n\n" in t]
    assert multi, "no bot text with a blank line in this conversation"
    for text in multi:
        assert text in screens, f"printed differently: {text!r}"

    shell.child.send("/stop\r")
    shell.child.expect(pexpect.EOF, timeout=60)
    shell.child.close()
    assert shell.child.exitstatus == 0, (shell.child.exitstatus, shell.child.signalstatus)
    assert "Traceback" not in plain(open(shell.log.name).read())  # noqa: SIM115 - read once

    # The same messages over REST get the same bot texts, turn by turn: one place decides what is said.
    said = bot_texts_per_turn([e for e in shell.events() if e["type"] != "user" or e.get("text") != "/stop"])
    assert len(said) >= 3, said
    rest = channels_env().stack
    who = f"shell-vs-rest-{uuid.uuid4().hex[:8]}"
    for n, (text, expected) in enumerate(said, start=1):
        # Rasa's REST channel splits a text at blank lines into several messages; compare the words.
        got = "\n\n".join(r["text"] for r in rest.say(who, text) if r.get("text"))
        assert got == "\n\n".join(expected), f"turn {n} ({text!r}): the shell said {expected!r}, REST said {got!r}"


def test_ctrl_c_at_a_prompt_with_buttons_leaves_at_once(shell: Shell) -> None:
    shell.wait_ready()
    screen = shell.turn("hi")
    assert buttons_at_end(screen), screen[-2000:]
    shell.child.sendintr()
    shell.child.expect(pexpect.EOF, timeout=20)
    shell.child.close()
    assert shell.child.exitstatus == 0, (shell.child.exitstatus, shell.child.signalstatus)
    assert "Traceback" not in plain(open(shell.log.name).read())  # noqa: SIM115 - read once


def bot_texts_per_turn(events: List[Dict[str, Any]]) -> List[Tuple[str, List[str]]]:
    """(user text, bot texts that followed) for each user turn of a tracker's events."""
    turns: List[Tuple[str, List[str]]] = []
    for event in events:
        if event["type"] == "user":
            turns.append((event.get("text") or "", []))
        elif event["type"] == "bot" and turns and event.get("text"):
            turns[-1][1].append(event["text"])
    return turns
