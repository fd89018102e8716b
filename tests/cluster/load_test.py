"""Bounded load test of the loopback cluster: concurrent conversations, a burst, hostile input and a crash loop.

The crash loop SIGKILLs one Rasa replica, waits until the cluster has started it again and it answers, serves a
few seconds, and kills it again (--kills times); conversations keep going until the last kill. Hostile REST bodies
and raw Socket.IO frames (NUL, lone surrogate, 300-character ids, NUL and surrogate texts, metadata 600 deep) are
sent every few seconds meanwhile: each must be refused with a 4xx or answered, and no replica may exit but the
killed one. Then every conversation's history is read back: 0 lost, 0 duplicated, in order, every turn answered.
"""

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
    kills: List[float] = field(default_factory=list)  # seconds until the killed replica answered again
    kills_done: asyncio.Event = field(default_factory=asyncio.Event)
    sigkills: int = 0
    hostile: Dict[Tuple[str, str], Dict[str, int]] = field(default_factory=dict)


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


# Hostile input mixed into the load: conversation ids and texts PostgreSQL or the JSON layer cannot take (a NUL,
# a lone surrogate), too long, too deep. Written as JSON escapes, so that they reach the server as sent.
HOSTILE_IDS = {"NUL in id": "ab\\u0000cd", "surrogate in id": "ab\\ud800cd", "300-char id": "x" * 300}
HOSTILE_TEXTS = {"NUL in text": "hi\\u0000there", "surrogate in text": "hi \\udfff", "deep metadata": "hi"}
DEEP = '{"a":' * 600 + "1" + "}" * 600


def note(results: Results, channel: str, kind: str, outcome: str) -> None:
    """Count one hostile exchange's outcome."""
    counts = results.hostile.setdefault((channel, kind), {})
    counts[outcome] = counts.get(outcome, 0) + 1


async def hostile_rest(session: aiohttp.ClientSession, url: str, results: Results, n: int) -> None:
    """REST bodies with hostile ids and texts: each must be refused (4xx) or answered, never a 5xx."""
    bodies = {kind: f'{{"sender": "{value}", "message": "hi"}}' for kind, value in HOSTILE_IDS.items()}
    for kind, text in HOSTILE_TEXTS.items():
        metadata = f', "metadata": {DEEP}' if kind == "deep metadata" else ""
        bodies[kind] = f'{{"sender": "hostile-rest-{n}", "message": "{text}"{metadata}}}'
    for kind, body in bodies.items():
        try:
            async with session.post(
                f"{url}/webhooks/rest/webhook",
                data=body.encode(),
                headers={"Content-Type": "application/json", "X-Conversation-Id": f"hostile-rest-{n}"},
                timeout=aiohttp.ClientTimeout(total=120),
            ) as response:
                await response.read()
                status = response.status
            note(results, "rest", kind, "5xx" if status >= 500 else "4xx" if status >= 400 else "answered")
        except (aiohttp.ClientError, asyncio.TimeoutError):
            note(results, "rest", kind, "error")


async def hostile_socketio(session: aiohttp.ClientSession, url: str, results: Results) -> None:
    """Raw Engine.IO frames with hostile session ids and texts: each must get a bot_uttered reply."""
    base = f"{url}/socket.io/?EIO=4&transport=polling"
    timeout = aiohttp.ClientTimeout(total=60)

    async def exchange(sid: str, frame: str, want: str) -> List[str]:
        """Post one frame; the packets received until one starts with want (pings answered on the way)."""
        async with session.post(f"{base}&sid={sid}", data=frame.encode(), timeout=timeout) as response:
            response.raise_for_status()
        packets: List[str] = []
        for _ in range(10):
            async with session.get(f"{base}&sid={sid}", timeout=timeout) as response:
                response.raise_for_status()
                received = (await response.text()).split("\x1e")
            packets += received
            if any(p.startswith(want) for p in received):
                return packets
            if "2" in received:  # Engine.IO ping: answer, or the server closes the session
                async with session.post(f"{base}&sid={sid}", data=b"3", timeout=timeout) as response:
                    response.raise_for_status()
        raise ValueError(f"no {want!r} packet")

    kinds = {kind: value for kind, value in HOSTILE_IDS.items()}
    kinds.update(HOSTILE_TEXTS)
    for kind, value in kinds.items():
        outcome = "error"
        for _attempt in range(2):  # a socket cut by a replica kill gets one more try on a new one
            try:
                async with session.get(base, timeout=timeout) as response:
                    sid = json.loads((await response.text())[1:])["sid"]
                await exchange(sid, "40", "40")
                confirm = await exchange(sid, '42["session_request",{"session_id":null}]', '42["session_confirm"')
                issued = next(json.loads(p[2:])[1] for p in confirm if p.startswith('42["session_confirm"'))
                if kind in HOSTILE_IDS:
                    frame = f'42["user_uttered",{{"session_id":"{value}","message":"hi"}}]'
                else:
                    data = f',"customData":{DEEP}' if kind == "deep metadata" else ""
                    frame = f'42["user_uttered",{{"session_id":"{issued}","message":"{value}"{data}}}]'
                await exchange(sid, frame, '42["bot_uttered"')
                outcome = "answered"
                break
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError, KeyError, StopIteration) as error:
                outcome = f"error: {error!r}"[:80]
                await asyncio.sleep(2)
        note(results, "socketio", kind, outcome)


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

        async def answers(port: str) -> bool:
            """Whether the replica on port answers its REST health route."""
            try:
                async with session.get(
                    f"http://127.0.0.1:{port}/webhooks/rest/", timeout=aiohttp.ClientTimeout(total=3)
                ) as r:
                    return r.status == 200
            except (aiohttp.ClientError, asyncio.TimeoutError):
                return False

        async def killer() -> None:
            """SIGKILL the replica, wait until the cluster has started it again and it answers; args.kills times."""
            pidfile = CLUSTER_DIR / f"rasa{args.kill_replica}.pid"
            ports = read_env(CLUSTER_DIR / "cluster.env").get("CLUSTER_RASA_PORTS", "").split()
            port = ports[args.kill_replica - 1] if ports else ""
            try:
                while len(results.turns) < args.kill_at * total and not done.is_set():
                    await asyncio.sleep(0.1)
                for k in range(args.kills):
                    if done.is_set():
                        return
                    pid = int(pidfile.read_text())
                    os.killpg(pid, signal.SIGKILL)  # the replica runs in its own process group
                    killed = time.monotonic()
                    if results.kill_time is None:
                        results.kill_time, results.killed_port = killed, port
                    results.sigkills += 1
                    print(
                        f"[{len(results.turns)} turns] SIGKILL {k + 1}/{args.kills}: replica {args.kill_replica}, {pid}"
                    )
                    closed = await port_closed(port)
                    results.killed_port_closed = closed if k == 0 else results.killed_port_closed and closed
                    while not await answers(port):
                        if time.monotonic() - killed > args.restart_limit:
                            print(f"  replica {args.kill_replica} not back within {args.restart_limit:.0f} s")
                            return
                        await asyncio.sleep(1)
                    results.kills.append(time.monotonic() - killed)
                    print(f"  replica {args.kill_replica} answers again after {results.kills[-1]:.1f} s")
                    await asyncio.sleep(args.serve_before_kill)  # nginx sends it conversations again
            finally:
                results.kills_done.set()

        async def keep_talking(k: int) -> None:
            """Conversations that go on while the crash loop lasts (so that every kill happens under load)."""
            n = 0
            while not results.kills_done.is_set():
                sender = f"load-{run_id}-more{k}-{n}"
                results.sent_order[sender] = []
                for t in range(args.turns):
                    text = f"{TURNS[t % len(TURNS)]} #{t}"
                    results.sent_order[sender].append(text)
                    async with gate:
                        results.turns.append(await send(session, url, sender, text, args.timeout))
                    if results.kills_done.is_set():
                        break
                n += 1

        async def hostile() -> None:
            """Hostile REST bodies and Socket.IO frames, a round every few seconds during the load."""
            n = 0
            while not done.is_set() and (n < args.hostile_rounds or not results.kills_done.is_set()):
                n += 1
                await hostile_rest(session, url, results, n)
                await hostile_socketio(session, url, results)
                await asyncio.sleep(3)

        if args.kill_replica and args.kills:
            kill_task = asyncio.create_task(killer())
        else:
            kill_task = None
            results.kills_done.set()
        hostile_task = asyncio.create_task(hostile()) if args.hostile_rounds else None
        try:
            await asyncio.wait_for(
                asyncio.gather(
                    *(conversation(c) for c in range(args.conversations)),
                    burst(),
                    *(keep_talking(k) for k in range(args.keep_talking)),
                ),
                args.max_seconds,
            )
        finally:
            done.set()
            results.kills_done.set()
            for task in (kill_task, hostile_task):
                if task:
                    await task


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


def replica_exits() -> int:
    """Replica exits the cluster's respawn loops have logged so far (var/cluster/rasa*.log)."""
    return sum(log.read_text(errors="replace").count("respawn: pid") for log in CLUSTER_DIR.glob("rasa[0-9].log"))


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
    parser.add_argument("--kill-at", type=float, default=0.4, help="fraction of turns done before the first kill")
    parser.add_argument("--kills", type=int, help="crash loop: times the replica is killed once back (3; quick 2)")
    parser.add_argument("--restart-limit", type=float, default=300, help="seconds a killed replica may take")
    parser.add_argument("--serve-before-kill", type=float, default=5, help="seconds a restarted replica serves")
    parser.add_argument("--keep-talking", type=int, default=6, help="conversations that go on until the last kill")
    parser.add_argument("--hostile-rounds", type=int, default=3, help="rounds of hostile REST and Socket.IO input")
    parser.add_argument("--timeout", type=float, default=180, help="seconds per request")
    parser.add_argument("--max-seconds", type=float, default=1500, help="bound of the whole load phase")
    parser.add_argument("--junit", type=Path)
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    quick = (40, 5, 20) if args.quick else (200, 10, 50)
    args.conversations = args.conversations or quick[0]
    args.turns = args.turns or quick[1]
    args.burst = args.burst if args.burst is not None else quick[2]
    args.kills = args.kills if args.kills is not None else (2 if args.quick else 3)

    env = read_env(CLUSTER_DIR / "cluster.env")
    secrets = read_env(CLUSTER_DIR / "secrets.env")
    url = env.get("CLUSTER_URL") or sys.exit("cluster not running (no var/cluster/cluster.env)")
    token = os.environ.get("RASA_API_TOKEN") or secrets.get("CLUSTER_API_TOKEN", "")
    print(
        f"Load: {args.conversations} conversations x {args.turns} turns + burst {args.burst}, "
        f"{args.concurrency} in flight, SIGKILL replica {args.kill_replica} at {args.kill_at:.0%}, "
        f"{args.kills} times (crash loop), hostile input every 3 s"
    )
    exits_before = replica_exits()
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
    figures["replica_kills"] = len(results.kills)
    figures["replica_back_after_s"] = [round(k, 1) for k in results.kills]
    figures["replica_exits_not_ours"] = max(0, replica_exits() - exits_before - results.sigkills)
    figures["hostile"] = {f"{c} / {k}": v for (c, k), v in sorted(results.hostile.items())}
    hostile_bad = {k: v for k, v in figures["hostile"].items() if set(v) - {"4xx", "answered"}}
    figures["load_seconds"] = round(load_seconds, 1)
    figures["turns_per_second"] = round(figures["sent"] / load_seconds, 1) if load_seconds else None
    figures["total_seconds"] = round(time.monotonic() - started, 1)

    print(json.dumps(figures, indent=2))
    for line in problems[:30]:
        print("  problem:", line)
    kept_talking = sum(len(texts) for sender, texts in results.sent_order.items() if "-more" in sender)
    expected = args.conversations * args.turns + args.burst + kept_talking
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
        (
            f"crash loop: replica killed {args.kills} times, started again by the cluster each time",
            len(results.kills) == args.kills or not args.kill_replica,
            f"{len(results.kills)} of {args.kills} kills with the replica back within {args.restart_limit:.0f} s",
        ),
        (
            "no replica exit other than the kills (hostile input included)",
            figures["replica_exits_not_ours"] == 0,
            f"{figures['replica_exits_not_ours']} replica exits nobody caused",
        ),
        (
            "hostile REST bodies and Socket.IO frames: each refused (4xx) or answered",
            bool(results.hostile) and not hostile_bad or not args.hostile_rounds,
            f"{hostile_bad}",
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
