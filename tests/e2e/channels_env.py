"""One stack for all channel tests: Rasa with the project's own credentials (credentials.yml plus
the Slack block of credentials.slack.yml, as scripts/run.sh builds them), Slack's Web API faked on
127.0.0.1, and the web page server (scripts/web_server.py) allowed by --cors.

test_web, test_slack, test_rest and test_channels_same share it (started once per pytest run,
stopped at exit), so the suite loads the model once; test_shell needs its own `rasa shell`.
"""

from __future__ import annotations

import atexit
import hashlib
import hmac
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from typing import Any, Dict, List
from urllib.parse import urlencode

import requests
from fake_slack import FakeSlack
from stack import HOST, ROOT, VENV_BIN, Stack, free_port, wait_http

SLACK_TOKEN = "xoxb-fake"  # not a real token (and too short to look like one)
BOT_USER = "UCOACHBOT"


def project_credentials() -> str:
    """credentials.yml followed by credentials.slack.yml, exactly what scripts/run.sh gives Rasa."""
    return (ROOT / "credentials.yml").read_text() + "\n" + (ROOT / "credentials.slack.yml").read_text()


class ChannelsEnv:
    """Fake Slack + Rasa (REST, Socket.IO, Slack, HTTP API) + action server + web page server."""

    def __init__(self) -> None:
        self.workdir = Path(tempfile.mkdtemp(prefix="e2e-channels-"))
        self.slack = FakeSlack().start()
        self.signing_secret = secrets.token_hex(16)
        self.web_port = free_port()
        self.web_url = f"http://{HOST}:{self.web_port}"
        self.stack = Stack(
            self.workdir,
            credentials=project_credentials(),
            rasa_launcher=[str(VENV_BIN / "python"), str(ROOT / "scripts" / "rasa_fake_slack.py")],
            env={
                "FAKE_SLACK_API": self.slack.api_url,
                "SLACK_BOT_TOKEN": SLACK_TOKEN,
                "SLACK_SIGNING_SECRET": self.signing_secret,
                "SLACK_CHANNEL": "",
            },
            cors=self.web_url,
        )
        self.web: subprocess.Popen | None = None

    @property
    def rasa_url(self) -> str:
        """Base URL of Rasa."""
        return self.stack.url

    def start(self) -> ChannelsEnv:
        """Start the action server, Rasa and the web server."""
        web_env = {**os.environ, "HOST": HOST, "WEB_PORT": str(self.web_port), "RASA_PORT": str(self.stack.rasa_port)}
        web_env.pop("RASA_PUBLIC_URL", None)
        log = open(self.workdir / "web.log", "ab")  # noqa: SIM115 - kept open for the process' life
        self.web = subprocess.Popen(
            [str(VENV_BIN / "python"), str(ROOT / "scripts" / "web_server.py")],
            cwd=ROOT,
            env=web_env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.stack.start()
        wait_http(f"{self.web_url}/health", 30, self.web)
        return self

    def describe(self, path: Path) -> None:
        """Write what attach() needs to reuse this running environment from another process."""
        info = {
            "workdir": str(self.workdir),
            "slack_port": self.slack.port,
            "signing_secret": self.signing_secret,
            "web_port": self.web_port,
            "web_url": self.web_url,
            "rasa_port": self.stack.rasa_port,
            "actions_port": self.stack.actions_port,
            "api_token": self.stack.api_token,
        }
        Path(path).write_text(json.dumps(info))

    def stop(self) -> None:
        """Stop everything this environment started."""
        if self.web is not None and self.web.poll() is None:
            self.web.terminate()
            try:
                self.web.wait(10)
            except subprocess.TimeoutExpired:
                self.web.kill()
        self.stack.stop()
        self.slack.stop()

    # --- Slack ---------------------------------------------------------------------------------
    def slack_signature(self, timestamp: str, body: bytes, secret: str | None = None) -> str:
        """X-Slack-Signature for a body, computed as Slack does."""
        key = (secret or self.signing_secret).encode()
        digest = hmac.new(key, b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()
        return f"v0={digest}"

    def slack_post(
        self,
        body: bytes,
        content_type: str,
        timestamp: int | None = None,
        secret: str | None = None,
        headers: Dict[str, str] | None = None,
    ) -> requests.Response:
        """POST a signed request to Rasa's Slack webhook."""
        ts = str(int(time.time()) if timestamp is None else timestamp)
        all_headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": self.slack_signature(ts, body, secret),
            **(headers or {}),
        }
        return requests.post(f"{self.rasa_url}/webhooks/slack/webhook", data=body, headers=all_headers, timeout=30)

    def slack_event(self, event: Dict[str, Any], **kwargs: Any) -> requests.Response:
        """Send an Events API event_callback (JSON) for event."""
        payload = {
            "token": "verification-token-unused",
            "team_id": "T0001",
            "api_app_id": "A0001",
            "type": "event_callback",
            "event_id": "Ev" + secrets.token_hex(5),
            "event_time": int(time.time()),
            "authorizations": [{"user_id": BOT_USER, "is_bot": True}],
            "event": event,
        }
        return self.slack_post(json.dumps(payload).encode(), "application/json", **kwargs)

    def slack_dm(self, user: str, text: str, channel: str, ts: str, **kwargs: Any) -> requests.Response:
        """A direct message from user to the app."""
        event = {
            "type": "message",
            "channel_type": "im",
            "channel": channel,
            "user": user,
            "text": text,
            "ts": ts,
            "event_ts": ts,
        }
        return self.slack_event(event, **kwargs)

    def slack_click(self, user: str, channel: str, message_ts: str, value: str, title: str = "") -> requests.Response:
        """An interactive block_actions payload: user clicked a button whose value is value."""
        payload = {
            "type": "block_actions",
            "user": {"id": user, "username": "tester", "team_id": "T0001"},
            "api_app_id": "A0001",
            "team": {"id": "T0001"},
            "channel": {"id": channel, "name": "directmessage"},
            "container": {"type": "message", "message_ts": message_ts, "channel_id": channel},
            "message": {"type": "message", "ts": message_ts, "thread_ts": message_ts, "text": "..."},
            "trigger_id": "1.2.3",
            "response_url": "http://127.0.0.1:9/unused",
            "actions": [
                {
                    "type": "button",
                    "action_id": "a" + secrets.token_hex(3),
                    "block_id": "b1",
                    "text": {"type": "plain_text", "text": title or value},
                    "value": value,
                    "action_ts": f"{time.time():.6f}",
                }
            ],
        }
        body = urlencode({"payload": json.dumps(payload)}).encode()
        return self.slack_post(body, "application/x-www-form-urlencoded")


_ENV: ChannelsEnv | None = None


def attach(info_file: str) -> ChannelsEnv:
    """An environment already running in another process (see ChannelsEnv.describe), for debugging tests."""
    info = json.loads(Path(info_file).read_text())
    env = ChannelsEnv.__new__(ChannelsEnv)
    env.workdir = Path(info["workdir"])
    env.slack = FakeSlack(info["slack_port"])
    env.signing_secret = info["signing_secret"]
    env.web_port, env.web_url, env.web = info["web_port"], info["web_url"], None
    env.stack = Stack.__new__(Stack)
    env.stack.workdir, env.stack.rasa_port = env.workdir, info["rasa_port"]
    env.stack.actions_port, env.stack.api_token = info["actions_port"], info["api_token"]
    return env


def channels_env() -> ChannelsEnv:
    """The shared environment, started on first use and stopped when pytest exits.

    With E2E_CHANNELS_ATTACH=<file written by ChannelsEnv.describe()> the tests use that running
    environment instead (quick iterations on a test; never in CI).
    """
    global _ENV
    if _ENV is None and os.environ.get("E2E_CHANNELS_ATTACH"):
        _ENV = attach(os.environ["E2E_CHANNELS_ATTACH"])
    if _ENV is None:
        env = ChannelsEnv()
        atexit.register(env.stop)
        try:
            env.start()
        except Exception:
            sys.stderr.write(env.stack.log()[-4000:])
            raise
        _ENV = env
    return _ENV


# --- comparing what the channels say ---------------------------------------------------------------
# The actions make user-provided values inert per channel (actions/engine/drafts.py escape_for_channel):
# Slack entities and look-alike formatting characters, Markdown backslashes and zero-width breaks for
# the web widget. Undo exactly that, so the words can be compared.
SLACK_ENTITIES = {"&lt;": "<", "&gt;": ">", "&amp;": "&"}
LOOKALIKES = str.maketrans({"\uff0a": "*", "\uff3f": "_", "\uff5e": "~", "\uff40": "`"})
MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~])")
INVISIBLE = re.compile("[\u200b\u2060]")


def normalise(text: str) -> str:
    """Channel-independent form of a bot text: escaping undone, whitespace collapsed."""
    for entity, char in SLACK_ENTITIES.items():
        text = text.replace(entity, char)
    text = MARKDOWN_ESCAPE.sub(r"\1", text.translate(LOOKALIKES))
    text = INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return re.sub(r"\s+", " ", text).strip()


def turn_text(texts: List[str]) -> str:
    """All bot texts of one turn as one normalised string (channels split messages differently)."""
    return normalise(" ".join(t for t in texts if t))


def rest_turn(replies: List[Dict[str, Any]]) -> Dict[str, Any]:
    """Texts and button titles of a REST reply."""
    return {
        "text": turn_text([r.get("text") or "" for r in replies]),
        "buttons": [b.get("title") for r in replies for b in (r.get("buttons") or [])],
    }


def slack_turn(posts: List[Dict[str, Any]]) -> Dict[str, Any]:
    """Texts and button titles of the chat.postMessage calls of one turn."""
    texts, buttons = [], []
    for post in posts:
        texts.append(post.get("text") or "")
        for block in post.get("blocks") or []:
            if block.get("type") == "actions":
                buttons += [e.get("text", {}).get("text") for e in block.get("elements", [])]
    return {"text": turn_text(texts), "buttons": buttons}


def socketio_turn(messages: List[Dict[str, Any]]) -> Dict[str, Any]:
    """Texts and quick-reply titles of the bot_uttered events of one turn."""
    return {
        "text": turn_text([m.get("text") or "" for m in messages]),
        "buttons": [q.get("title") for m in messages for q in (m.get("quick_replies") or [])],
    }


def shared_action_server(workdir: Path) -> Stack:
    """The action server of the shared stack when it runs, else a new action server alone."""
    if _ENV is not None or os.environ.get("E2E_CHANNELS_ATTACH"):
        return channels_env().stack
    stack = Stack(workdir)
    atexit.register(stack.stop)
    stack.start_actions()
    return stack
