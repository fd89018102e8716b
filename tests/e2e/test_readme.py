"""The example conversation of the README is what the coach really says: its user lines are replayed over
REST in a new conversation and every bot message and button title must match, in order.

The README writes it in a text block: `You:` starts a user message, `Coach:` a bot message, lines indented
by 7 spaces (or empty) continue the message above, and `Buttons:` lists the button titles of the bot
message above, each in [brackets].
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import List, Tuple

from channels_env import channels_env
from stack import ROOT

EXAMPLE_START = "A real conversation"
INDENT = " " * len("Coach: ")
BUTTONS = re.compile(r"\[([^\]]+)\]")


@dataclass
class Turn:
    """One user message and what the coach answered: (text, button titles) per bot message."""

    user: str
    bot: List[Tuple[str, List[str]]] = field(default_factory=list)


def example_turns(readme: str) -> List[Turn]:
    """Parse the text block of the README's example conversation (the first one after EXAMPLE_START)."""
    after = readme[readme.index(EXAMPLE_START) :].split("```", 2)[1]
    turns: List[Turn] = []
    lines: List[str] = []  # the lines of the message being read
    reading = ""  # "user", "bot" or "" (nothing open)

    def close() -> None:
        text = "\n".join(lines).strip()
        if reading == "user":
            turns[-1].user = text
        elif reading == "bot":
            turns[-1].bot.append((text, []))
        lines.clear()

    for line in after.splitlines()[1:]:
        if line.startswith(("You: ", "Coach: ", "Buttons: ")):
            close()
            kind, rest = line.split(": ", 1)
            reading = {"You": "user", "Coach": "bot", "Buttons": ""}[kind]
            if kind == "You":
                turns.append(Turn(""))
            if kind == "Buttons":
                text, _ = turns[-1].bot[-1]
                turns[-1].bot[-1] = (text, BUTTONS.findall(rest))
            else:
                lines.append(rest)
        elif line.startswith(INDENT) or not line.strip():
            lines.append(line.removeprefix(INDENT))
        else:
            raise AssertionError(f"a line of the README example is neither You, Coach, Buttons nor indented: {line!r}")
    close()
    return turns


def test_readme_example_is_real_output() -> None:
    turns = example_turns((ROOT / "README.md").read_text())
    assert len(turns) >= 2 and all(t.bot for t in turns), turns
    stack = channels_env().stack
    sender = f"readme-{uuid.uuid4().hex[:8]}"
    for n, turn in enumerate(turns, start=1):
        replies = stack.say(sender, turn.user)
        got = [(r.get("text", "").strip(), [b["title"] for b in r.get("buttons", [])]) for r in replies]
        assert got == turn.bot, f"turn {n} ({turn.user!r}): the README says {turn.bot!r}, the coach said {got!r}"
