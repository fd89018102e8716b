"""Bounded load test of the loopback cluster: concurrent conversations, a burst, one Rasa replica SIGKILLed mid-run."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Tuple
from xml.sax.saxutils import escape, quoteattr

import aiohttp

ROOT = Path(__file__).resolve().parents[2]
CLUSTER_DIR = Path(os.environ.get("VAR_DIR", ROOT / "var")) / "cluster"

# Plausible user turns (wording of the bot's answers is not checked, only that there is one).
TURNS = [
    "hi",
    "I had an interview with Acme last Tuesday for an analyst role",
    "they said they would decide by Friday",
    "should I send a follow-up email?",
    "can you draft a thank-you note?",
    "the recruiter was Dana",
    "I haven't heard anything for a week",
    "should I call or email?",
    "ok thanks",
    "bye",
]


@dataclass
class Turn:
    """One message sent and what came back."""

    sender: str
    text: str
    started: float
    latency: float = 0.0
    status: int = 0
    answered: bool = False
    upstream: str = ""
    error: str = ""


@dataclass
class Results:
    """Everything measured during a run."""

    turns: List[Turn] = field(default_factory=list)
    sent_order: Dict[str, List[str]] = field(default_factory=dict)
    kill_time: float | None = None
    killed_port: str = ""
    killed_port_closed: bool = False


def read_env(path: Path) -> Dict[str, str]:
    """KEY=VALUE lines of a var/cluster/*.env file."""
    values: Dict[str, str] = {}
    if path.exists():
        for line in path.read_text().splitlines():
            if "=" in line and not line.startswith("#"):
                key, value = line.split("=", 1)
                values[key.strip()] = value.strip().strip('"')
    return values


async def port_closed(port: str, within: float = 10.0) -> bool:
    """Whether nothing accepts connections on 127.0.0.1:port any more (checked for up to `within` s)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            _reader, writer = await asyncio.open_connection("127.0.0.1", int(port))
            writer.close()
        except OSError:
            return True
        await asyncio.sleep(0.2)
    return False


async def send(session: aiohttp.ClientSession, url: str, sender: str, text: str, timeout: float) -> Turn:
    """POST one message through nginx with the routing header; classify the answer."""
    turn = Turn(sender, text, time.monotonic())
    try:
        async with session.post(
            f"{url}/webhooks/rest/webhook",
            json={"sender": sender, "message": text, "message_id": f"{sender}/{text}"},
            headers={"X-Conversation-Id": sender},
            timeout=aiohttp.ClientTimeout(total=timeout),
        ) as response:
            turn.status = response.status
            turn.upstream = response.headers.get("X-Upstream", "")
            body = await response.text()
            if response.status == 200:
                replies = json.loads(body)
                turn.answered = any((r.get("text") or "").strip() or r.get("buttons") for r in replies)
            else:
                turn.error = body[:200]
    except (aiohttp.ClientError, asyncio.TimeoutError) as error:
        turn.error = repr(error)
    turn.latency = time.monotonic() - turn.started
    return turn


async def run_load(args: argparse.Namespace, url: str, results: Results) -> None:
    """Conversations (sequential turns each) and one burst, with at most args.concurrency requests in flight."""
    run_id = uuid.uuid4().hex[:6]
    gate = asyncio.Semaphore(args.concurrency)
    total = args.conversations * args.turns + args.burst
    done = asyncio.Event()

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=args.concurrency + 8)) as session:

        async def conversation(c: int) -> None:
            sender = f"load-{run_id}-{c}"
            results.sent_order[sender] = []
            for t in range(args.turns):
                text = f"{TURNS[t % len(TURNS)]} #{t}"
                results.sent_order[sender].append(text)
                async with gate:
                    results.turns.append(await send(session, url, sender, text, args.timeout))

        async def burst() -> None:
            sender = f"load-{run_id}-burst"
            texts = [f"{TURNS[i % len(TURNS)]} #{i}" for i in range(args.burst)]
            results.sent_order[sender] = texts

            async def one(text: str) -> None:
                async with gate:
                    results.turns.append(await send(session, url, sender, text, args.timeout))

            await asyncio.sleep(2.0)  # while the conversations are running
            await asyncio.gather(*(one(text) for text in texts))

        async def killer() -> None:
            pidfile = CLUSTER_DIR / f"rasa{args.kill_replica}.pid"
            while not done.is_set():
                if len(results.turns) >= args.kill_at * total:
                    pid = int(pidfile.read_text())
                    os.killpg(pid, signal.SIGKILL)  # the replica runs in its own process group
                    results.kill_time = time.monotonic()
                    ports = read_env(CLUSTER_DIR / "cluster.env").get("CLUSTER_RASA_PORTS", "").split()
                    results.killed_port = ports[args.kill_replica - 1] if ports else ""
                    print(f"[{len(results.turns)}/{total} turns] SIGKILL Rasa replica {args.kill_replica} (pid {pid})")
                    results.killed_port_closed = await port_closed(results.killed_port)
                    return
                await asyncio.sleep(0.1)

        kill_task = asyncio.create_task(killer()) if args.kill_replica else None
        try:
            await asyncio.wait_for(
                asyncio.gather(*(conversation(c) for c in range(args.conversations)), burst()), args.max_seconds
            )
        finally:
            done.set()
            if kill_task:
                await kill_task


async def fetch_trackers(url: str, token: str, senders: List[str]) -> Dict[str, dict | None]:
    """Each conversation's tracker through nginx and the HTTP API (read from PostgreSQL by either replica)."""
    out: Dict[str, dict | None] = {}
    gate = asyncio.Semaphore(8)
    async with aiohttp.ClientSession() as session:

        async def one(sender: str) -> None:
            async with gate:
                for _attempt in range(3):
                    try:
                        async with session.get(
                            f"{url}/conversations/{sender}/tracker",
                            params={"token": token},
                            timeout=aiohttp.ClientTimeout(total=60),
                        ) as response:
                            if response.status == 200:
                                out[sender] = await response.json()
                                return
                    except (aiohttp.ClientError, asyncio.TimeoutError):
                        pass
                    await asyncio.sleep(1)
                out[sender] = None

        await asyncio.gather(*(one(s) for s in senders))
    return out


def applied(events: List[dict]) -> List[dict]:
    """The events as the conversation stands: a 'rewind' undoes the last user message.

    Rasa's two-stage fallback records a message again after confirming it, or replaces an unclear message by
    the rephrasing that follows; the reverted copy stays stored (so it is not lost) but no longer counts.
    """
    kept: List[dict] = []
    for event in events:
        if event["event"] != "rewind":
            kept.append(event)
            continue
        while kept and kept[-1]["event"] != "user":
            kept.pop()
        if kept:
            kept.pop()
    return kept


def analyse(results: Results, trackers: Dict[str, dict | None], burst_sender: str) -> Tuple[dict, List[str]]:
    """Figures and per-check failure messages."""
    sent = len(results.turns)
    answered = [t for t in results.turns if t.answered]
    lost = duplicated = out_of_order = unreplied = 0
    problems: List[str] = []
    for sender, texts in results.sent_order.items():
        tracker = trackers.get(sender)
        if tracker is None:
            lost += len(texts)
            problems.append(f"{sender}: tracker not readable")
            continue
        stored = [e.get("text") for e in tracker["events"] if e["event"] == "user"]
        events = applied(tracker["events"])
        users = [e.get("text") for e in events if e["event"] == "user"]
        for text in texts:
            n = users.count(text)
            if text not in stored:
                lost += 1
                problems.append(f"{sender}: lost {text!r}")
            elif n > 1:
                duplicated += n - 1
                problems.append(f"{sender}: {text!r} recorded {n} times")
        if sender != burst_sender:  # a burst is sent concurrently: it has no defined order
            present = [u for u in users if u in texts]
            expected = [t for t in texts if t in present]
            deduped = list(dict.fromkeys(present))
            wrong = sum(1 for a, b in zip(deduped, expected, strict=False) if a != b)
            if wrong:
                out_of_order += wrong
                problems.append(f"{sender}: order {deduped} != {expected}")
        # Every user message is followed by at least one bot message before the next user message.
        waiting = False
        for event in events:
            if event["event"] == "user":
                unreplied += 1 if waiting else 0
                waiting = True
            elif event["event"] == "bot":
                waiting = False
        unreplied += 1 if waiting else 0

    # Conversations that still had turns to send after the kill must have been answered after it.
    not_continued: List[str] = []
    moved = 0
    if results.kill_time is not None:
        by_sender: Dict[str, List[Turn]] = {}
        for turn in results.turns:
            by_sender.setdefault(turn.sender, []).append(turn)
        for sender, turns in by_sender.items():
            after = [t for t in turns if t.started > results.kill_time + 0.5]
            if after and not any(t.answered for t in after):
                not_continued.append(sender)
            before = [t for t in turns if t.started < results.kill_time and t.answered]
            on_killed = results.killed_port and before and results.killed_port in before[-1].upstream.split(",")[-1]
            # Moved: was on the killed replica, then answered by the other one (last upstream nginx tried).
            if on_killed and any(t.answered and results.killed_port not in t.upstream.split(",")[-1] for t in after):
                moved += 1
    latencies = sorted(t.latency for t in answered)
    statuses = sorted({t.status for t in results.turns})

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] if latencies else float("nan")

    figures = {
        "sent": sent,
        "answered": len(answered),
        "unanswered": sent - len(answered),
        "lost": lost,
        "duplicated": duplicated,
        "out_of_order": out_of_order,
        "user_messages_without_bot_reply": unreplied,
        "conversations": len(results.sent_order),
        "conversations_not_continuing_after_kill": len(not_continued),
        "conversations_moved_from_killed_replica": moved,
        "p50_s": round(pct(0.50), 3),
        "p95_s": round(pct(0.95), 3),
        "max_s": round(latencies[-1], 3) if latencies else None,
        "median_s": round(statistics.median(latencies), 3) if latencies else None,
        "http_status": {str(s): sum(1 for t in results.turns if t.status == s) for s in statuses},
        "replica_killed": results.kill_time is not None and results.killed_port_closed,
    }
    problems += [f"{s}: no answered turn after the kill" for s in not_continued]
    problems += [f"{t.sender} {t.text!r}: status {t.status} {t.error}" for t in results.turns if not t.answered][:20]
    return figures, problems


def write_junit(path: Path, checks: List[Tuple[str, bool, str]], seconds: float) -> None:
    """One testcase per check."""
    failures = sum(1 for _, ok, _ in checks if not ok)
    cases = []
    for name, ok, detail in checks:
        body = "" if ok else f"<failure message={quoteattr(detail[:300])}>{escape(detail)}</failure>"
        cases.append(f'  <testcase classname="cluster.load" name={quoteattr(name)} time="0">{body}</testcase>')
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<testsuite name="cluster" tests="{len(checks)}" failures="{failures}" errors="0" time="{seconds:.1f}">\n'
        + "\n".join(cases)
        + "\n</testsuite>\n"
    )


def main() -> int:
    """Run, verify, report; exit 1 if a check failed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="40 conversations x 5 turns, burst 20")
    parser.add_argument("--conversations", type=int)
    parser.add_argument("--turns", type=int)
    parser.add_argument("--burst", type=int)
    parser.add_argument("--concurrency", type=int, default=24, help="requests in flight at most")
    parser.add_argument("--kill-replica", type=int, default=1, help="replica number to SIGKILL (0: none)")
    parser.add_argument("--kill-at", type=float, default=0.4, help="fraction of turns done before the kill")
    parser.add_argument("--timeout", type=float, default=180, help="seconds per request")
    parser.add_argument("--max-seconds", type=float, default=1500, help="bound of the whole load phase")
    parser.add_argument("--junit", type=Path)
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    quick = (40, 5, 20) if args.quick else (200, 10, 50)
    args.conversations = args.conversations or quick[0]
    args.turns = args.turns or quick[1]
    args.burst = args.burst if args.burst is not None else quick[2]

    env = read_env(CLUSTER_DIR / "cluster.env")
    secrets = read_env(CLUSTER_DIR / "secrets.env")
    url = env.get("CLUSTER_URL") or sys.exit("cluster not running (no var/cluster/cluster.env)")
    token = os.environ.get("RASA_API_TOKEN") or secrets.get("CLUSTER_API_TOKEN", "")
    print(
        f"Load: {args.conversations} conversations x {args.turns} turns + burst {args.burst}, "
        f"{args.concurrency} in flight, SIGKILL replica {args.kill_replica} at {args.kill_at:.0%}"
    )
    started = time.monotonic()
    results = Results()
    load_error = ""
    try:
        asyncio.run(run_load(args, url, results))
    except asyncio.TimeoutError:
        load_error = f"load phase exceeded {args.max_seconds}s"
    load_seconds = time.monotonic() - started
    burst_sender = next((s for s in results.sent_order if s.endswith("-burst")), "")
    trackers = asyncio.run(fetch_trackers(url, token, list(results.sent_order)))
    figures, problems = analyse(results, trackers, burst_sender)
    figures["load_seconds"] = round(load_seconds, 1)
    figures["turns_per_second"] = round(figures["sent"] / load_seconds, 1) if load_seconds else None
    figures["total_seconds"] = round(time.monotonic() - started, 1)

    print(json.dumps(figures, indent=2))
    for line in problems[:30]:
        print("  problem:", line)
    expected = args.conversations * args.turns + args.burst
    checks = [
        (
            "all turns sent",
            figures["sent"] == expected and not load_error,
            load_error or f"{figures['sent']}/{expected} sent",
        ),
        (
            "replica killed mid-run",
            figures["replica_killed"] or not args.kill_replica,
            "no kill happened, or the killed replica's port still accepts connections",
        ),
        (
            "the killed replica's conversations moved to the other",
            figures["conversations_moved_from_killed_replica"] > 0 or not args.kill_replica,
            "no conversation was answered by the surviving replica after the kill",
        ),
        ("0 lost", figures["lost"] == 0, f"{figures['lost']} user messages missing from the trackers"),
        ("0 duplicated", figures["duplicated"] == 0, f"{figures['duplicated']} user messages recorded twice"),
        ("0 out of order", figures["out_of_order"] == 0, f"{figures['out_of_order']} turns out of order"),
        ("every turn answered", figures["unanswered"] == 0, f"{figures['unanswered']} turns without a reply"),
        (
            "every user message followed by a bot reply in the tracker",
            figures["user_messages_without_bot_reply"] == 0,
            f"{figures['user_messages_without_bot_reply']} without reply",
        ),
        (
            "every conversation continues after the kill",
            figures["conversations_not_continuing_after_kill"] == 0,
            f"{figures['conversations_not_continuing_after_kill']} conversations stuck",
        ),
    ]
    if args.junit:
        write_junit(args.junit, checks, time.monotonic() - started)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    for name, ok, detail in checks:
        print(f"  {'ok  ' if ok else 'FAIL'} {name}{'' if ok else ': ' + detail}")
    return 0 if all(ok for _, ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
