"""Web chat session ids that only the server issues: ``socketio:<random>.<signature>``.

The id is the conversation id of a web chat (its tracker's sender id). 128 random bits make it
unguessable, and an HMAC over them under a server key means a client cannot invent one: a
``session_request`` or message with any other id gets a new session, never someone else's. The
browser keeps its id (rasa-webchat stores it in localStorage), so a reload, a new socket or a
restarted server carries on the same conversation.

The key is ``COACH_SESSION_KEY`` when set (all replicas of a cluster need the same one), else a
random key written once to ``COACH_SESSION_KEY_FILE`` (default ``$VAR_DIR/session.key``, var/ in the
project) and read back on every start.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from pathlib import Path

from channels.guard import channel_conversation_id

PREFIX = channel_conversation_id("socketio", "")
RANDOM_HEX = 32  # 128 bits
SIGNATURE_HEX = 32  # 128 bits of HMAC-SHA256
KEY_BYTES = 32


def key_file() -> Path:
    """Where the session key is kept when COACH_SESSION_KEY is not set."""
    explicit = os.environ.get("COACH_SESSION_KEY_FILE")
    if explicit:
        return Path(explicit)
    var_dir = os.environ.get("VAR_DIR") or str(Path(__file__).resolve().parents[1] / "var")
    return Path(var_dir) / "session.key"


def load_key(path: Path) -> bytes:
    """Read the key at path, creating it (owner-only, atomically: replicas may race) when it does not exist."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_hex(KEY_BYTES))
        try:
            os.link(draft, path)  # fails if another process made the key first: then use theirs
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    for _ in range(50):
        text = path.read_text().strip()
        if len(text) >= 2 * KEY_BYTES:
            return bytes.fromhex(text)
        time.sleep(0.1)
    raise RuntimeError(f"the session key in {path} is not {KEY_BYTES} hex bytes")


def session_key() -> bytes:
    """The key that signs web chat session ids."""
    configured = os.environ.get("COACH_SESSION_KEY")
    if configured:
        return hashlib.sha256(configured.encode("utf-8")).digest()
    return load_key(key_file())


class SessionIds:
    """Issues and checks signed web chat session ids."""

    def __init__(self, key: bytes) -> None:
        """Use key to sign and check ids."""
        self._key = key

    def _signature(self, random_part: str) -> str:
        """The HMAC of the random part, in hex."""
        return hmac.new(self._key, random_part.encode("ascii"), hashlib.sha256).hexdigest()[:SIGNATURE_HEX]

    def issue(self) -> str:
        """A new session id."""
        random_part = secrets.token_hex(RANDOM_HEX // 2)
        return f"{PREFIX}{random_part}.{self._signature(random_part)}"

    def valid(self, value: object) -> bool:
        """Whether value is a session id this server (or one with the same key) issued."""
        if not isinstance(value, str) or not value.startswith(PREFIX):
            return False
        random_part, _, signature = value[len(PREFIX) :].partition(".")
        if len(random_part) != RANDOM_HEX or len(signature) != SIGNATURE_HEX or not random_part.isascii():
            return False
        return hmac.compare_digest(signature, self._signature(random_part))
