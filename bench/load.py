"""Load generator: N concurrent conversations over the REST channel, each turn timed (aiohttp, keep-alive)."""

from __future__ import annotations

import asyncio
import math
import time
from dataclasses import dataclass, field
from typing import List

import aiohttp

TURN_TIMEOUT_S = 120.0


@dataclass
class Turn:
    """One user message and the time until the full REST reply arrived."""

    conversation: int
    index: int
    latency_ms: float
    error: str | None = None
    silent: bool = False


@dataclass
class LoadResult:
    """The turns of one load level and its wall time."""

    concurrency: int
    turns: List[Turn] = field(default_factory=list)
    wall_s: float = 0.0

    @property
    def ok_latencies(self) -> List[float]:
        """Return the latencies of the turns that succeeded (ms)."""
        return [turn.latency_ms for turn in self.turns if turn.error is None]

    @property
    def errors(self) -> List[str]:
        """Return the error of every failed turn."""
        return [turn.error for turn in self.turns if turn.error is not None]

    @property
    def silent(self) -> int:
        """Return how many turns got HTTP 200 with no bot message at all."""
        return sum(turn.silent for turn in self.turns)

    @property
    def throughput(self) -> float:
        """Return the successful turns per second over the wall time."""
        return len(self.ok_latencies) / self.wall_s if self.wall_s > 0 else float("nan")

    def percentile(self, q: float) -> float:
        """Return the q-th percentile (0-100) of the successful latencies (ms)."""
        return percentile(self.ok_latencies, q)


def percentile(values: List[float], q: float) -> float:
    """Return the q-th percentile (0-100) by linear interpolation; NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100.0
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


async def _send(session: aiohttp.ClientSession, url: str, sender: str, message: str) -> str | None:
    """Send one message; return None on success, "" for 200 with no message, or a short error description."""
    try:
        async with session.post(url, json={"sender": sender, "message": message}) as response:
            if response.status != 200:
                return f"HTTP {response.status}"
            replies = await response.json(content_type=None)
    except (aiohttp.ClientError, asyncio.TimeoutError) as error:
        return f"{type(error).__name__}: {error}"
    if not isinstance(replies, list):
        return "reply is not a list"
    # 200 [] is either a turn where the bot chose to say nothing or an exception Rasa swallowed (then its log
    # has the traceback, which the benchmark counts as an error): the caller records it as a silent turn.
    return "" if not replies else None


async def _run(base_url: str, conversations: List[List[str]], concurrency: int, prefix: str) -> LoadResult:
    """Run the conversations with at most `concurrency` of them in flight."""
    url = f"{base_url}/webhooks/rest/webhook"
    result = LoadResult(concurrency=concurrency)
    queue: asyncio.Queue[int] = asyncio.Queue()
    for number in range(len(conversations)):
        queue.put_nowait(number)
    timeout = aiohttp.ClientTimeout(total=TURN_TIMEOUT_S)
    connector = aiohttp.TCPConnector(limit=concurrency, force_close=False)

    async def worker(session: aiohttp.ClientSession) -> None:
        while not queue.empty():
            number = queue.get_nowait()
            sender = f"{prefix}-{number}"
            for index, message in enumerate(conversations[number]):
                start = time.perf_counter()
                error = await _send(session, url, sender, message)
                elapsed = (time.perf_counter() - start) * 1000.0
                result.turns.append(Turn(number, index, elapsed, error or None, silent=error == ""))

    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        start = time.perf_counter()
        await asyncio.gather(*(worker(session) for _ in range(min(concurrency, len(conversations)))))
        result.wall_s = time.perf_counter() - start
    return result


def run_load(base_url: str, conversations: List[List[str]], concurrency: int, prefix: str) -> LoadResult:
    """Run conversations against a Rasa REST channel at a given concurrency and time every turn."""
    return asyncio.run(_run(base_url, conversations, concurrency, prefix))
