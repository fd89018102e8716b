"""A fake Slack Web API on 127.0.0.1 that records every call (chat.postMessage, ...).

Rasa's Slack channel posts its replies with slack_sdk's AsyncWebClient; scripts/rasa_fake_slack.py
points that client at this server (``FAKE_SLACK_API=http://127.0.0.1:PORT/api/``). Each call is
answered ``{"ok": true, ...}`` like Slack does and kept in memory for the test to inspect.

In a test::

    with FakeSlack() as slack:
        ... start Rasa with env FAKE_SLACK_API=slack.api_url ...
        calls = slack.wait_for(lambda calls: len(calls) >= 2)

Standalone (manual checks): ``python tests/e2e/fake_slack.py --port 8799``; ``GET /_calls`` lists the calls.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import threading
import time
from typing import Any, Callable, Dict, List
from urllib.parse import parse_qsl

import requests
from aiohttp import web

HOST = "127.0.0.1"


class FakeSlack:
    """The fake API server, run on its own event loop in a background thread."""

    def __init__(self, port: int = 0) -> None:
        self.port = port
        self._calls: List[Dict[str, Any]] = []
        self._lock = threading.Lock()
        self._ts = itertools.count(1)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()

    # --- the HTTP side -------------------------------------------------------------------
    def app(self) -> web.Application:
        """The aiohttp application."""
        app = web.Application()
        app.router.add_post("/api/{method}", self._api)
        app.router.add_get("/_calls", self._dump)
        app.router.add_delete("/_calls", self._clear)
        return app

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        raw = await request.read()
        content_type = request.headers.get("Content-Type", "")
        if "json" in content_type:
            body = json.loads(raw or b"{}")
        else:
            body = dict(parse_qsl(raw.decode()))
        ts = f"{int(time.time())}.{next(self._ts):06d}"
        call = {
            "method": method,
            "authorization": request.headers.get("Authorization", ""),
            "content_type": content_type,
            "body": body,
            "ts": ts,
            "time": time.time(),
        }
        with self._lock:
            self._calls.append(call)
        answer: Dict[str, Any] = {"ok": True}
        if method == "chat.postMessage":
            answer.update(channel=body.get("channel"), ts=ts, message={"text": body.get("text"), "ts": ts})
        elif method == "auth.test":
            answer.update(user_id="UBOT", bot_id="BBOT", team_id="T1", user="coach")
        return web.json_response(answer)

    async def _dump(self, _: web.Request) -> web.Response:
        with self._lock:
            return web.json_response(list(self._calls))

    async def _clear(self, _: web.Request) -> web.Response:
        with self._lock:
            self._calls.clear()
        return web.json_response({"ok": True})

    # --- the test side -------------------------------------------------------------------
    @property
    def api_url(self) -> str:
        """The base URL to give slack_sdk (ends with /api/)."""
        return f"http://{HOST}:{self.port}/api/"

    def calls(self, method: str | None = None) -> List[Dict[str, Any]]:
        """A copy of the calls recorded so far, optionally only one API method."""
        if self._thread is None:  # attached to a fake running in another process
            calls = requests.get(f"http://{HOST}:{self.port}/_calls", timeout=10).json()
        else:
            with self._lock:
                calls = [dict(c) for c in self._calls]
        return [c for c in calls if method is None or c["method"] == method]

    def posts(self, channel: str | None = None, thread_ts: str | None = None) -> List[Dict[str, Any]]:
        """The bodies of chat.postMessage calls, optionally for one channel / thread."""
        bodies = [c["body"] for c in self.calls("chat.postMessage")]
        if channel is not None:
            bodies = [b for b in bodies if b.get("channel") == channel]
        if thread_ts is not None:
            bodies = [b for b in bodies if b.get("thread_ts") == thread_ts]
        return bodies

    def clear(self) -> None:
        """Forget the calls recorded so far."""
        if self._thread is None:
            requests.delete(f"http://{HOST}:{self.port}/_calls", timeout=10)
            return
        with self._lock:
            self._calls.clear()

    def wait_for(
        self, condition: Callable[[List[Dict[str, Any]]], bool], timeout: float = 60, settle: float = 0.0
    ) -> List[Dict[str, Any]]:
        """Poll the recorded calls until condition(calls) holds; then wait `settle` s for stragglers."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            calls = self.calls()
            if condition(calls):
                if settle:
                    time.sleep(settle)
                    calls = self.calls()
                return calls
            time.sleep(0.2)
        raise TimeoutError(f"fake Slack: condition not met in {timeout}s; calls: {self.calls()}")

    def wait_quiet(self, quiet: float = 1.5, timeout: float = 60) -> List[Dict[str, Any]]:
        """Wait until no call arrived for `quiet` seconds (the bot finished answering)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            calls = self.calls()
            last = max((c["time"] for c in calls), default=0.0)
            if time.time() - last >= quiet:
                return calls
            time.sleep(0.2)
        raise TimeoutError("fake Slack: calls kept coming")

    # --- lifecycle -----------------------------------------------------------------------
    def start(self) -> FakeSlack:
        """Serve in a background thread; returns once the port is bound."""
        self._thread = threading.Thread(target=self._serve, name="fake-slack", daemon=True)
        self._thread.start()
        if not self._ready.wait(15):
            raise RuntimeError("fake Slack did not start")
        return self

    def _serve(self) -> None:
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        self._runner = web.AppRunner(self.app(), access_log=None)
        self._loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, HOST, self.port)
        self._loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self._ready.set()
        self._loop.run_forever()
        self._loop.run_until_complete(self._runner.cleanup())
        self._loop.close()

    def stop(self) -> None:
        """Stop serving."""
        if self._loop is not None and self._loop.is_running():
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main() -> None:
    """Run standalone until Ctrl-C."""
    parser = argparse.ArgumentParser(description="Fake Slack Web API for local tests")
    parser.add_argument("--port", type=int, default=8799)
    args = parser.parse_args()
    fake = FakeSlack(args.port).start()
    print(f"fake Slack API on {fake.api_url} (GET http://{HOST}:{fake.port}/_calls)", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        fake.stop()


if __name__ == "__main__":
    main()
