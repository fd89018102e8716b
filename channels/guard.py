"""Turn guard shared by the custom channels: input checks, one turn at a time per sender, a reply on failure."""

from __future__ import annotations

import asyncio
import logging
import os
import unicodedata
from typing import Any, Awaitable, Callable, Dict

from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel, UserMessage
from rasa.shared.core.events import BotUttered, UserUttered
from sanic import Blueprint, Sanic

from channels import turn_failures

logger = logging.getLogger(__name__)

TROUBLE_TEXT = os.environ.get("COACH_TROUBLE_TEXT", "I'm having trouble right now, please try again in a minute.")
NO_REPLY_TEXT = "Sorry, I didn't quite get that. Could you say it another way?"
EMPTY_TEXT = "I didn't receive any text. What would you like help with?"
NOT_TEXT = "I can only read text messages. What would you like help with?"
MAX_MESSAGE_CHARS = int(os.environ.get("COACH_MAX_MESSAGE_CHARS", "4000"))
MAX_SENDER_CHARS = 255  # the SQL tracker store's sender_id column is VARCHAR(255)
MAX_WAITING_PER_SENDER = int(os.environ.get("COACH_MAX_WAITING_PER_SENDER", "50"))
# Real metadata (rasa-webchat's customData, Slack's) is flat; Rasa copies it recursively, so deep nesting fails a turn.
MAX_METADATA_DEPTH = 32
GUARD_METADATA_KEY = "coach_guard"
# Conversation ids are namespaced per channel: the web page's are "socketio:...", Slack's "slack:<user>"; REST
# senders are used as given but may not start with one of these, so REST cannot write into those conversations.
CHANNEL_PREFIXES = ("socketio:", "slack:")


class InputRejected(Exception):
    """A message the guard refuses: an HTTP status and reason for APIs, a reply text for chat channels."""

    def __init__(self, status: int, reason: str, reply: str) -> None:
        """Keep the status, the reason for the client and the chat reply."""
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.reply = reply


def check_sender(value: Any) -> str:
    """Return the conversation id if it is a non-empty printable string (or integer) of at most 255 characters."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InputRejected(400, "'sender' must be a non-empty string", EMPTY_TEXT)
    sender = str(value)
    if not sender.strip():
        raise InputRejected(400, "'sender' must be a non-empty string", EMPTY_TEXT)
    if len(sender) > MAX_SENDER_CHARS:
        raise InputRejected(400, f"'sender' is longer than {MAX_SENDER_CHARS} characters", EMPTY_TEXT)
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in sender):
        raise InputRejected(400, "'sender' contains control characters", EMPTY_TEXT)
    return sender


def channel_conversation_id(channel: str, local_id: str) -> str:
    """The conversation id of local_id (a Slack user, a web session) in the channel's own namespace."""
    return f"{channel}:{local_id}"


def check_rest_sender(value: Any) -> str:
    """Return a REST sender id: a valid conversation id outside the namespaces of the other channels."""
    sender = check_sender(value)
    lowered = sender.lower()
    for prefix in CHANNEL_PREFIXES:
        if lowered.startswith(prefix):
            raise InputRejected(403, f"'sender' ids starting with '{prefix}' belong to another channel", EMPTY_TEXT)
    return sender


def check_metadata(value: Any) -> Dict[str, Any] | None:
    """Return the message metadata if it is None or a JSON object at most MAX_METADATA_DEPTH levels deep."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise InputRejected(400, "'metadata' must be a JSON object", "")
    pending = [(value, 1)]
    while pending:
        node, depth = pending.pop()
        if depth > MAX_METADATA_DEPTH:
            raise InputRejected(400, f"'metadata' is nested deeper than {MAX_METADATA_DEPTH} levels", "")
        children = node.values() if isinstance(node, dict) else node
        pending.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return value


def check_text(value: Any) -> str:
    """Return the message text if Rasa can process and store it, else raise InputRejected."""
    if not isinstance(value, str):
        raise InputRejected(400, "'message' must be a string", NOT_TEXT)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputRejected(400, "'message' is not valid Unicode", NOT_TEXT) from None
    if len(value) > MAX_MESSAGE_CHARS:
        too_long = f"That message is too long for me: please keep it under {MAX_MESSAGE_CHARS} characters."
        raise InputRejected(413, f"'message' is longer than {MAX_MESSAGE_CHARS} characters", too_long)
    # NUL cannot be stored by PostgreSQL and means nothing in a chat message.
    return value.replace("\x00", "")


class CountedReplies:
    """Mixin for the channels' output classes: counts the bot messages sent, so a silent turn can be answered."""

    replies_sent = 0

    async def send_response(self, recipient_id: str, message: Dict[str, Any]) -> None:
        """Count the message, then send it as the output class does."""
        self.replies_sent += 1
        await super().send_response(recipient_id, message)  # type: ignore[misc]


def replies_sent(output: OutputChannel) -> int | None:
    """How many bot messages an output has sent (None when it cannot tell)."""
    if isinstance(output, CountedReplies):
        return output.replies_sent
    if isinstance(output, CollectingOutputChannel):
        return len(output.messages)
    return None


class TurnGuard:
    """Wraps Rasa's on_new_message: checks input, runs one turn at a time per sender, never leaves a turn silent."""

    def __init__(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        """Wrap the handler Rasa gives to a channel's blueprint."""
        self._on_new_message = on_new_message
        self._locks: Dict[str, asyncio.Lock] = {}
        self._waiting: Dict[str, int] = {}
        self.app: Sanic | None = None

    def attach(self, blueprint: Blueprint) -> None:
        """Learn the Sanic app (for its agent) when the blueprint's server starts."""

        async def remember_app(app: Sanic, _loop: Any) -> None:
            """Keep a reference to the app."""
            self.app = app

        blueprint.listener("before_server_start")(remember_app)

    def _agent(self) -> Any:
        """Return the running agent, if known."""
        app = self.app
        if app is None:
            try:
                app = Sanic.get_app()
            except Exception:  # noqa: BLE001 - no or several apps: work without the agent
                return None
        return getattr(app.ctx, "agent", None)

    async def __call__(self, message: UserMessage) -> None:
        """Handle one message after the previous one of its sender; InputRejected for a bad id (400) or queue (429)."""
        sender = check_sender(message.sender_id)
        if self._waiting.get(sender, 0) >= MAX_WAITING_PER_SENDER:
            raise InputRejected(
                429, "too many messages waiting for this conversation", "One moment please, I'm still answering."
            )
        self._waiting[sender] = self._waiting.get(sender, 0) + 1
        lock = self._locks.setdefault(sender, asyncio.Lock())
        try:
            async with lock:
                await self._handle(message)
        finally:
            self._waiting[sender] -= 1
            if self._waiting[sender] == 0:
                del self._waiting[sender]
                self._locks.pop(sender, None)

    async def _handle(self, message: UserMessage) -> None:
        """Run the turn; add a reply (and record it) if the action server failed or the bot said nothing."""
        output = message.output_channel
        try:
            # Every channel, not only REST: a 100 KB text makes DIET/TED allocate gigabytes (OOM kill).
            message.text = check_text(message.text)
        except InputRejected as error:
            await output.send_text_message(message.sender_id, error.reply)
            return
        try:
            message.metadata = check_metadata(message.metadata)
        except InputRejected as error:
            logger.warning("Metadata of %s ignored: %s", message.sender_id, error.reason)
            message.metadata = {}
        if not message.text.strip():
            # Nothing to understand and nothing worth storing: ask for text instead of staying silent.
            await output.send_text_message(message.sender_id, EMPTY_TEXT)
            return
        agent = self._agent()
        before = replies_sent(output)
        # Rasa's action call (bounded and watched by channels/rasa_fixes.py) notes the action server's failures.
        with turn_failures.collecting() as failures:
            try:
                if await self._run_turn(agent, message):
                    return
            except Exception:  # noqa: BLE001 - the turn failed inside Rasa; the user still gets an answer
                logger.exception("Turn of %s failed inside Rasa", message.sender_id)
                failures.append("rasa error")
            except SystemExit:
                # Rasa's SQL tracker store exits the process on any ValueError (a NUL PostgreSQL refuses, a string
                # SQLite cannot encode): that is one failed turn, not a reason to stop serving everybody.
                logger.exception("Turn of %s: the tracker store tried to stop Rasa", message.sender_id)
                failures.append("tracker store error")
        if failures:
            logger.warning("Turn of %s: %s; telling the user to retry", message.sender_id, "; ".join(failures))
            await self._say(agent, output, message.sender_id, TROUBLE_TEXT, "trouble")
        elif before is not None and replies_sent(output) == before:
            await self._say(agent, output, message.sender_id, NO_REPLY_TEXT, "no_reply")

    async def _run_turn(self, agent: Any, message: UserMessage) -> bool:
        """Run Rasa's turn; True if the message was a retry, answered from the history instead.

        A message with a client id is checked under the conversation's lock, which every replica shares: a
        retry that reaches another replica while the first attempt still runs waits for it, then replays it.
        """
        if agent is None or not getattr(message, "coach_client_message_id", False):
            await self._on_new_message(message)
            return False
        async with agent.lock_store.lock(message.sender_id):
            if await self._replayed(agent, message):
                return True
            # What Rasa's handler (Agent.handle_message) does inside the same lock.
            await agent.processor.handle_message(message)
        return False

    @staticmethod
    async def _replayed(agent: Any, message: UserMessage) -> bool:
        """If this message_id is already in the history (a retry), send its recorded replies again instead.

        A channel that delivers again by itself (Slack's retries) marks its messages coach_drop_duplicate:
        the replies were already posted, so the repeat is only dropped.
        """
        if not getattr(message, "coach_client_message_id", False):
            return False
        tracker = await agent.tracker_store.retrieve(message.sender_id)
        if tracker is None:
            return False
        events = list(tracker.events)
        index = next(
            (i for i, e in enumerate(events) if isinstance(e, UserUttered) and e.message_id == message.message_id),
            None,
        )
        if index is None:
            return False
        if getattr(message, "coach_drop_duplicate", False):
            logger.info("Message %s of %s was processed before: dropped", message.message_id, message.sender_id)
            return True
        logger.info("Message %s of %s is a retry: replaying its replies", message.message_id, message.sender_id)
        replayed = 0
        for event in events[index + 1 :]:
            if isinstance(event, UserUttered):
                break
            if isinstance(event, BotUttered):
                await message.output_channel.send_response(message.sender_id, event.message())
                replayed += 1
        if not replayed:  # the first attempt died before answering: say so rather than nothing
            await TurnGuard._say(agent, message.output_channel, message.sender_id, TROUBLE_TEXT, "trouble")
        return True

    @staticmethod
    async def _say(agent: Any, output: OutputChannel, sender: str, text: str, reason: str) -> None:
        """Send text to the user and append it to the conversation's history."""
        await output.send_text_message(sender, text)
        if agent is None:
            return
        try:
            async with agent.lock_store.lock(sender):
                tracker = await agent.tracker_store.get_or_create_tracker(sender)
                tracker.update(BotUttered(text, metadata={GUARD_METADATA_KEY: reason}))
                await agent.tracker_store.save(tracker)
        except (Exception, SystemExit):  # noqa: BLE001 - the reply was sent; only its record failed
            logger.exception("Could not record the guard's reply for %s", sender)
