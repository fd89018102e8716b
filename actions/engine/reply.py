"""What the assistant says, independent of the channel that renders it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List


@dataclass(frozen=True)
class Button:
    """A quick reply: the title shown and the payload sent back when clicked."""

    title: str
    payload: str


@dataclass
class Message:
    """One bot message: text (plain text with line breaks) and optional buttons."""

    text: str
    buttons: List[Button] = field(default_factory=list)
    # Set on drafts so channels can show them as a copyable block.
    draft_kind: str | None = None


@dataclass
class Reply:
    """An ordered list of messages answering one user turn."""

    messages: List[Message] = field(default_factory=list)

    def add(self, text: str, buttons: List[Button] | None = None, draft_kind: str | None = None) -> None:
        """Append a message."""
        self.messages.append(Message(text=text, buttons=list(buttons or []), draft_kind=draft_kind))
