"""Run the Rasa CLI with timers around each stage of a turn (python -m bench.profile_launcher run ...).

Stages: NLU graph nodes, policy graph nodes, every action-server call (split into building the request body,
the HTTP round trip and validating the answer), tracker store retrieve/save, and the whole message. The totals
are written as JSON to $BENCH_PROFILE_OUT after every message. Optional experiment switches (environment):
BENCH_KEEPALIVE=1 reuses one HTTP connection pool for action-server calls instead of a new session per call;
BENCH_FAST_VALIDATE=1 validates action-server answers with a cached validator;
BENCH_ESCAPE_PAYLOADS=1 treats button payloads of domain responses as if their braces were doubled.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import time
from collections import defaultdict
from typing import Any, Callable, DefaultDict, Dict, List

STATS: DefaultDict[str, List[float]] = defaultdict(lambda: [0, 0.0])
OUT = os.environ.get("BENCH_PROFILE_OUT", "")


def _add(key: str, start: float) -> None:
    """Add one timed call to the totals."""
    entry = STATS[key]
    entry[0] += 1
    entry[1] += (time.perf_counter() - start) * 1000.0


def _dump() -> None:
    """Write the totals (count, total ms) as JSON."""
    if OUT:
        data: Dict[str, Any] = {key: {"count": int(v[0]), "total_ms": v[1]} for key, v in STATS.items()}
        tmp = f"{OUT}.tmp"
        with open(tmp, "w") as out:
            json.dump(data, out)
        os.replace(tmp, OUT)


def _sync(key_fn: Callable[..., str], fn: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a function with a timer."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            _add(key_fn(*args), start)

    return wrapper


def _async(key_fn: Callable[..., str], fn: Callable[..., Any], dump: bool = False) -> Callable[..., Any]:
    """Wrap a coroutine function with a timer."""

    @functools.wraps(fn)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return await fn(*args, **kwargs)
        finally:
            _add(key_fn(*args), start)
            if dump:
                _dump()

    return wrapper


def install() -> None:
    """Patch Rasa's classes with the timers."""
    from rasa.core import processor, tracker_store
    from rasa.core.actions import action
    from rasa.engine import graph
    from rasa.utils import endpoints

    graph.GraphNode.__call__ = _sync(lambda self, *a: f"node {self._node_name}", graph.GraphNode.__call__)
    proc = processor.MessageProcessor
    proc.handle_message = _async(lambda *a: "turn total (handle_message)", proc.handle_message, dump=True)
    proc.parse_message = _async(lambda *a: "NLU total (parse_message)", proc.parse_message)
    proc._predict_next_with_tracker = _sync(lambda *a: "policy prediction", proc._predict_next_with_tracker)
    proc.save_tracker = _async(lambda *a: "tracker store save", proc.save_tracker)
    proc.fetch_tracker_and_update_session = _async(
        lambda *a: "tracker fetch + session check", proc.fetch_tracker_and_update_session
    )
    remote = action.RemoteAction
    if os.environ.get("BENCH_FAST_VALIDATE") == "1":
        from channels.rasa_fixes import install

        install(only={"rasa.core.actions.action:RemoteAction._validate_action_result"})
    remote.run = _async(lambda self, *a: f"action server: {self.name()} (whole call)", remote.run)
    remote._action_call_format = _sync(lambda *a: "action call: build request body", remote._action_call_format)
    remote._validate_action_result = _sync(lambda *a: "action call: validate answer", remote._validate_action_result)
    endpoints.EndpointConfig.request = _async(
        lambda *a: "action call: HTTP round trip", endpoints.EndpointConfig.request
    )
    store = tracker_store.SQLTrackerStore
    store.retrieve = _async(lambda *a: "SQL tracker store retrieve", store.retrieve)
    store.save = _async(lambda *a: "SQL tracker store save", store.save)
    from rasa.core.nlg import interpolator

    text_fn = interpolator.interpolate_text
    if os.environ.get("BENCH_ESCAPE_PAYLOADS") == "1":
        text_fn = _escaping(text_fn)
    interpolator.interpolate_text = _sync(lambda *a: "NLG: interpolate response strings", text_fn)
    if os.environ.get("BENCH_KEEPALIVE") == "1":
        _keepalive(endpoints)


def _escaping(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Simulate domain button payloads written with doubled braces ('/inform{{"k":"v"}}'), as Rasa expects."""

    @functools.wraps(fn)
    def wrapper(response: str, values: Dict[str, Any]) -> Any:
        if response.startswith("/") and "{" in response and "{{" not in response:
            response = response.replace("{", "{{").replace("}", "}}")
        return fn(response, values)

    return wrapper


def _keepalive(endpoints: Any) -> None:
    """Make EndpointConfig reuse one aiohttp session (keep-alive) per endpoint instead of one per request."""
    import aiohttp

    sessions: Dict[int, aiohttp.ClientSession] = {}
    original = endpoints.EndpointConfig.session

    class _Borrowed:
        """An async context manager that lends a long-lived session without closing it."""

        def __init__(self, session: aiohttp.ClientSession) -> None:
            self.session = session

        async def __aenter__(self) -> aiohttp.ClientSession:
            return self.session

        async def __aexit__(self, *exc: object) -> None:
            return None

    def session(self: Any) -> Any:
        current = sessions.get(id(self))
        if current is None or current.closed:
            current = original(self)
            sessions[id(self)] = current
        return _Borrowed(current)

    endpoints.EndpointConfig.session = session


def main() -> int:
    """Install the timers and hand over to Rasa's CLI."""
    install()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
