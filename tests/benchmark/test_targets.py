"""The benchmark's targets (issues 16 and 17) judged on made-up measurements: met, not met, skipped."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from bench import report
from bench.load import LoadResult, Turn
from bench.measure import Plan, Result, System


def system(key: str) -> System:
    """Return a system description that is never started."""
    here = Path(".")
    return System(key, key, here, here, here, here, here, {}, [], [], "hi", with_actions=False)


def result(key: str, p50_ms: float, turns_per_s: float, first_ms: float, last_ms: float, train_s: float) -> Result:
    """Return a result whose p50, 10-concurrent throughput, long-conversation windows and training are given."""
    plan = Plan.quick()
    levels: Dict[int, LoadResult] = {
        1: LoadResult(1, [Turn(0, i, p50_ms) for i in range(5)], wall_s=1.0),
        10: LoadResult(10, [Turn(c, i, 100.0) for c in range(10) for i in range(5)], wall_s=50 / turns_per_s),
    }
    n, w = plan.long_turns, plan.window
    long_run = LoadResult(1, [Turn(0, i, first_ms if i < w else last_ms) for i in range(n)], wall_s=1.0)
    return Result(system(key), levels=levels, long_runs=[long_run], train_s=train_s)


def states(ours: Result, base: Result) -> Dict[str, str]:
    """Return each target's first word and its state."""
    goals = report.targets(ours, base, Plan.quick())
    return {g.name.split()[0]: "met" if g.ok else "skipped" if g.skipped else "not met" for g in goals}


def test_figures_within_the_issue_targets_are_met() -> None:
    ours = result("coach", p50_ms=60, turns_per_s=16, first_ms=70, last_ms=75, train_s=62)
    base = result("stock", p50_ms=58, turns_per_s=17, first_ms=70, last_ms=120, train_s=70)
    assert states(ours, base) == {
        "per-turn": "met",
        "throughput": "met",
        "turns": "met",
        "training": "met",
        "zero": "met",
    }


def test_each_target_fails_just_past_its_bound() -> None:
    ours = result("coach", p50_ms=106, turns_per_s=8.9, first_ms=100, last_ms=111, train_s=151)
    base = result("stock", p50_ms=100, turns_per_s=10, first_ms=100, last_ms=100, train_s=100)
    got = states(ours, base)
    assert got["per-turn"] == got["throughput"] == got["turns"] == got["training"] == "not met"
    assert got["zero"] == "met"


def test_training_not_measured_is_skipped_not_met() -> None:
    ours = result("coach", p50_ms=60, turns_per_s=16, first_ms=70, last_ms=75, train_s=float("nan"))
    base = result("stock", p50_ms=58, turns_per_s=17, first_ms=70, last_ms=120, train_s=70)
    assert states(ours, base)["training"] == "skipped"
