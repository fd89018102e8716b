"""A real `rasa shell` in a pseudo-terminal: greeting, a button chosen with the arrow keys, the form, advice, /stop;
then the same messages over REST must get the same bot texts.

The shell's own tracker store (a SQLite file of this test) tells when the bot has finished a turn; the
terminal output of that turn then says which prompt is shown (free text or a button select).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

import pexpect
import pytest
from channels_env import channels_env, shared_action_server
from stack import HOST, ROOT, VENV_BIN, free_port, model_path, rendered_domain

DOMAIN = rendered_domain()
GREET = DOMAIN["responses"]["utter_greet"][0]
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\r")
TEXT_PROMPT = "Your input ->"
FREE_TEXT = "Type out your own message..."
DOWN = "\x1b[B"


def plain(text: str) -> str:
    return ANSI.sub("", text)


def choices(screen: str) -> List[str]:
    """The button choices of the select on screen ("0: title (payload)"), without repeats from redraws."""
    found: List[str] = []
    for choice in re.findall(r"\d+: [^\n]*?\(/[^\n]*?\)", screen):
        if choice not in found:
            found.append(choice)
    return found


class Shell:
    """pexpect wrapper around one `rasa shell` process with its own SQLite tracker store."""

    def __init__(self, actions_port: int, workdir: Path) -> None:
        self.sender = f"shell-{uuid.uuid4().hex[:8]}"
        self.db = workdir / "shell-tracker.db"
        env = {
            **os.environ,
            "ACTIONS_PORT": str(actions_port),
            "TRACKER_DB": str(self.db),
            "RASA_SHELL_STREAM_READING_TIMEOUT_IN_SECONDS": "60",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "PYTHONHASHSEED": "0",
            "TERM": "xterm",
        }
        endpoints = os.environ.get("STACK_ENDPOINTS") or "endpoints.yml"
        model = os.environ.get("STACK_MODEL") or str(model_path())
        args = ["shell", "--model", model, "--endpoints", endpoints, "-i", HOST, "--port", str(free_port())]
        args += ["--conversation-id", self.sender]
        self.log = open(workdir / "shell.log", "w")  # noqa: SIM115 - closed in close()
        self.child = pexpect.spawn(
            str(VENV_BIN / "rasa"), args, cwd=str(ROOT), env=env, encoding="utf-8", dimensions=(50, 220), timeout=90
        )
        self.child.logfile_read = self.log

    def close(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)
        self.log.close()

    # --- the conversation, from the tracker store -------------------------------------------------------
    def events(self) -> List[Dict[str, Any]]:
        if not self.db.exists():
            return []
        with sqlite3.connect(self.db) as db:
            rows = db.execute(
                "SELECT type_name, action_name, data FROM events WHERE sender_id = ? ORDER BY id", (self.sender,)
            ).fetchall()
        return [{"type": t, "action": a, **json.loads(d)} for t, a, d in rows]

    def actions_run(self) -> List[str]:
        return [e["action"] for e in self.events() if e["type"] == "action"]

    def slot(self, name: str) -> Any:
        value = None
        for event in self.events():
            if event["type"] == "slot" and event.get("name") == name:
                value = event.get("value")
        return value

    def user_turns(self) -> int:
        return len([e for e in self.events() if e["type"] == "user"])

    # --- the terminal ---------------------------------------------------------------------------------
    def drain(self, quiet: float = 1.0) -> str:
        """Read what the shell printed until it was quiet for `quiet` seconds."""
        out = []
        while True:
            try:
                out.append(self.child.read_nonblocking(65536, timeout=quiet))
            except pexpect.TIMEOUT:
                return plain("".join(out))

    def turn(self, keys: str, timeout: float = 90) -> Tuple[str, str]:
        """Send keys (ending with Enter), wait until the bot answered, return (prompt kind, screen text)."""
        turns = self.user_turns()
        self.child.send(keys)
        deadline = time.monotonic() + timeout
        screen = ""
        while True:
            screen += self.drain(0.3)
            events = self.events()
            done = [e for e in events if e["type"] == "user"][turns:] and events[-1]["action"] == "action_listen"
            if done:
                break
            assert time.monotonic() < deadline, f"no answer to {keys!r}: {screen[-2000:]}"
        screen += self.drain(1.5)
        return self.prompt_kind(screen), screen

    @staticmethod
    def prompt_kind(screen: str) -> str:
        """Which prompt the shell shows at the end of screen."""
        # a select always ends with the free-text choice (its "(Use arrow keys)" hint may be wrapped)
        text, select = screen.rfind(TEXT_PROMPT), screen.rfind(FREE_TEXT)
        assert max(text, select) >= 0, f"no prompt on screen: {screen[-2000:]}"
        return "text" if text > select else "select"


@pytest.fixture(scope="module")
def shell() -> Iterator[Shell]:
    workdir = Path(tempfile.mkdtemp(prefix="e2e-shell-"))
    actions = shared_action_server(workdir)
    s = Shell(actions.actions_port, workdir)
    try:
        yield s
    finally:
        s.close()


def test_shell_conversation_with_arrow_key_button_and_stop(shell: Shell) -> None:
    shell.child.expect("Bot loaded. Type a message and press enter", timeout=300)
    shell.child.expect_exact(TEXT_PROMPT, timeout=60)

    kind, screen = shell.turn("hi\r")
    assert kind == "select", screen[-2000:]
    assert GREET["text"][:40] in re.sub(r"\s+", " ", screen)
    titles = [c.split(": ", 1)[1].rsplit(" (", 1)[0] for c in choices(screen)]
    assert titles == [b["title"] for b in GREET["buttons"]], choices(screen)
    assert FREE_TEXT in screen

    # The second button ("I've had my interview"): arrow down once, then Enter.
    kind, screen = shell.turn(DOWN + "\r")
    assert shell.slot("branch") == "post_interview", shell.events()[-5:]

    # Answer the form: the first button of each question, until the advice comes.
    for _ in range(10):
        if "action_give_advice" in shell.actions_run():
            break
        kind, screen = shell.turn("\r" if kind == "select" else "about a week ago\r")
    assert "action_give_advice" in shell.actions_run(), shell.actions_run()
    advice = [e.get("text") for e in shell.events() if e["type"] == "bot" and e.get("text")][-1]
    assert re.sub(r"\s+", " ", advice)[:40] in re.sub(r"\s+", " ", screen), "the advice was not printed"

    # /stop ends the shell; from a select, go to the free-text option first (the last choice).
    if kind == "select":
        shell.child.send(DOWN * len(choices(screen)) + "\r")
        shell.child.expect_exact(TEXT_PROMPT, timeout=30)
    shell.child.send("/stop\r")
    shell.child.expect(pexpect.EOF, timeout=60)
    shell.child.close()
    assert shell.child.exitstatus == 0, (shell.child.exitstatus, shell.child.signalstatus)

    # The same messages over REST get the same bot texts, turn by turn: one place decides what is said.
    said = bot_texts_per_turn([e for e in shell.events() if e["type"] != "user" or e.get("text") != "/stop"])
    assert len(said) >= 3, said
    rest = channels_env().stack
    who = f"shell-vs-rest-{uuid.uuid4().hex[:8]}"
    for n, (text, expected) in enumerate(said, start=1):
        # Rasa's REST channel splits a text at blank lines into several messages; compare the words.
        got = "\n\n".join(r["text"] for r in rest.say(who, text) if r.get("text"))
        assert got == "\n\n".join(expected), f"turn {n} ({text!r}): the shell said {expected!r}, REST said {got!r}"


def bot_texts_per_turn(events: List[Dict[str, Any]]) -> List[Tuple[str, List[str]]]:
    """(user text, bot texts that followed) for each user turn of a tracker's events."""
    turns: List[Tuple[str, List[str]]] = []
    for event in events:
        if event["type"] == "user":
            turns.append((event.get("text") or "", []))
        elif event["type"] == "bot" and turns and event.get("text"):
            turns[-1][1].append(event["text"])
    return turns
