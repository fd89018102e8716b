"""Measure one or more running systems: cold start, latency and throughput by concurrency, long conversation, RSS."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List

from bench.conversations import conversations, long_conversation
from bench.load import LoadResult, Turn, run_load
from bench.servers import HOST, Server, start_actions, start_rasa


@dataclass
class Plan:
    """How much load each measurement gets (quick mode = fewer turns, concurrency 1 and 10 only)."""

    conversations_per_level: Dict[int, int]
    long_turns: int
    long_runs: int
    window: int = 10

    @classmethod
    def full(cls) -> Plan:
        """Return the plan of a full run."""
        return cls({1: 24, 10: 40, 50: 100}, long_turns=50, long_runs=3)

    @classmethod
    def quick(cls) -> Plan:
        """Return the plan of a quick (CI) run."""
        return cls({1: 6, 10: 10}, long_turns=20, long_runs=1)


@dataclass
class System:
    """What is needed to start one assistant and talk to it."""

    key: str
    label: str
    model: Path
    cwd: Path
    endpoints: Path
    credentials: Path
    workdir: Path
    env: Dict[str, str]
    scripts: List[List[str]]
    long_cycle: List[str]
    probe: str
    with_actions: bool
    launcher: List[str] | None = None


@dataclass
class Result:
    """Every figure measured for one system."""

    system: System
    rasa: Server | None = None
    actions: Server | None = None
    levels: Dict[int, LoadResult] = field(default_factory=dict)
    long_runs: List[LoadResult] = field(default_factory=list)
    rss_rasa: float = float("nan")
    rss_actions: float = float("nan")
    log_errors: List[str] = field(default_factory=list)
    train_s: float = float("nan")
    train_cpu_s: float = float("nan")
    train_source: str = ""
    model_mib: float = float("nan")

    @property
    def failed_turns(self) -> List[str]:
        """Return the error of every failed turn (HTTP error or timeout)."""
        failed = [error for level in self.levels.values() for error in level.errors]
        return failed + [error for run in self.long_runs for error in run.errors]

    @property
    def silent_turns(self) -> int:
        """Return how many turns got no bot message (HTTP 200 with an empty list)."""
        return sum(level.silent for level in self.levels.values()) + sum(run.silent for run in self.long_runs)

    @property
    def tracebacks(self) -> List[str]:
        """Return the log lines that start a Python traceback (an exception inside a server)."""
        return [line for line in self.log_errors if "Traceback (most recent call last)" in line]

    @property
    def errors(self) -> List[str]:
        """Return every failed turn and every error line in the servers' logs."""
        return self.failed_turns + self.log_errors

    def error_kinds(self) -> Dict[str, int]:
        """Return the distinct error lines of the logs (without timestamps) and how often each came."""
        kinds: Dict[str, int] = {}
        for line in self.log_errors:
            kind = re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+", "", line)[:160]
            kinds[kind] = kinds.get(kind, 0) + 1
        return dict(sorted(kinds.items(), key=lambda item: -item[1]))

    def long_turn(self, turn: int) -> float:
        """Return the median latency of one turn (1-based) of the long conversation over its runs (ms)."""
        values = [t.latency_ms for run in self.long_runs for t in run.turns if t.index == turn - 1 and not t.error]
        return statistics.median(values) if values else float("nan")

    def long_window(self, first: int, size: int) -> float:
        """Return the median latency of turns first..first+size-1 of the long conversation (ms)."""
        values = [
            t.latency_ms
            for run in self.long_runs
            for t in run.turns
            if first - 1 <= t.index < first - 1 + size and not t.error
        ]
        return statistics.median(values) if values else float("nan")

    def long_curve(self) -> List[float]:
        """Return the median latency of each turn of the long conversation (ms)."""
        turns = max((len(run.turns) for run in self.long_runs), default=0)
        return [self.long_turn(turn) for turn in range(1, turns + 1)]


def start(system: System, result: Result) -> None:
    """Start the system's servers (action server first when it has one), measuring their cold starts."""
    system.workdir.mkdir(parents=True, exist_ok=True)
    env = dict(system.env)
    if system.with_actions:
        result.actions = start_actions(system.workdir, env)
        env["ACTIONS_PORT"] = str(result.actions.port)
    result.rasa = start_rasa(
        system.key,
        system.model,
        system.cwd,
        render_endpoints(system.endpoints, system.workdir, env),
        system.credentials,
        system.workdir,
        env,
        system.probe,
        system.launcher,
    )


def render_endpoints(template: Path, workdir: Path, env: Dict[str, str]) -> Path:
    """Write the endpoints file with every ${VAR} replaced from env.

    Rasa substitutes ${VAR} only in unquoted YAML values, and the project's endpoints.yml quotes the action server
    URL, so Rasa would call the literal "http://127.0.0.1:${ACTIONS_PORT}/webhook" and every custom action would fail.
    """
    text = re.sub(r"\$\{(\w+)\}", lambda match: env.get(match.group(1), match.group(0)), template.read_text())
    rendered = workdir / "endpoints.rendered.yml"
    rendered.write_text(text)
    return rendered


def base_url(result: Result) -> str:
    """Return the Rasa server's base URL."""
    assert result.rasa is not None
    return f"http://{HOST}:{result.rasa.port}"


def warm_up(result: Result) -> None:
    """Send two conversations that are not counted (first predictions build TF functions and caches)."""
    run_load(base_url(result), conversations(result.system.scripts, 2), 1, f"{result.system.key}-warm")


def measure_level(result: Result, concurrency: int, count: int) -> LoadResult:
    """Run `count` conversations with `concurrency` in flight and keep the result."""
    convs = conversations(result.system.scripts, count)
    level = run_load(base_url(result), convs, concurrency, f"{result.system.key}-c{concurrency}")
    result.levels[concurrency] = level
    return level


def measure_long(result: Result, plan: Plan, run: int) -> LoadResult:
    """Run one long conversation, one turn after the other."""
    convo = long_conversation(result.system.long_cycle, plan.long_turns)
    load = run_load(base_url(result), [convo], 1, f"{result.system.key}-long{run}")
    result.long_runs.append(load)
    return load


def finish(result: Result) -> None:
    """Read resident memory after the load and the servers' error lines, then stop the servers."""
    if result.rasa is not None:
        result.rss_rasa = result.rasa.rss()
        result.log_errors += [f"rasa log: {line}" for line in result.rasa.log_errors()]
    if result.actions is not None:
        result.rss_actions = result.actions.rss()
        result.log_errors += [f"actions log: {line}" for line in result.actions.log_errors()]
    stop(result)


def stop(result: Result) -> None:
    """Stop the system's servers."""
    for server in (result.rasa, result.actions):
        if server is not None:
            server.stop()


def turns_of(result: Result) -> List[Turn]:
    """Return every measured turn of the system (all levels)."""
    return [turn for level in result.levels.values() for turn in level.turns]
