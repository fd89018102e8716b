"""make bench: train (or reuse) both assistants, run them the same way, measure, compare, report."""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import time
import traceback
from pathlib import Path
from typing import List

from bench import report, training
from bench.conversations import BASELINE_LONG_CYCLE, BASELINE_SCRIPTS, COACH_LONG_CYCLE, COACH_SCRIPTS
from bench.measure import Plan, Result, System, finish, measure_level, measure_long, start, stop, warm_up
from bench.servers import ROOT, base_env
from bench.training import BASELINE_DIR, REPORTS

RUN_DIR = REPORTS / "run"


def parse(argv: List[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(prog="bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="CI mode: fewer turns, concurrency 1 and 10")
    parser.add_argument("--junit", type=Path, help="write one JUnit testcase per check to this file")
    parser.add_argument("--fail-on-targets", action="store_true", help="exit 1 when a target is not met")
    return parser.parse_args(argv)


def baseline_system(trained: training.Trained) -> System:
    """Describe the stock baseline: REST channel, SQLite SQL tracker store, no action server."""
    workdir = RUN_DIR / "baseline"
    workdir.mkdir(parents=True, exist_ok=True)
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {workdir / 'tracker.db'}\n")
    credentials = workdir / "credentials.yml"
    credentials.write_text("rest:\n")
    return System(
        key="baseline",
        label="rasa init (moodbot)",
        model=trained.model,
        cwd=BASELINE_DIR,
        endpoints=endpoints,
        credentials=credentials,
        workdir=workdir,
        env=base_env(),
        scripts=BASELINE_SCRIPTS,
        long_cycle=BASELINE_LONG_CYCLE,
        probe="hello",
        with_actions=False,
    )


def coach_system(trained: training.Trained, env: dict | None = None, endpoints: Path | None = None) -> System:
    """Describe the coach: the project's endpoints.yml (SQLite SQL tracker store, action server), guarded REST."""
    workdir = RUN_DIR / "coach"
    workdir.mkdir(parents=True, exist_ok=True)
    credentials = workdir / "credentials.yml"
    # The REST channel as deployed (credentials.yml): Rasa's RestInput behind the project's turn guard.
    credentials.write_text("channels.rest.SafeRestInput:\n")
    return System(
        key="coach",
        label="Interview Outreach Coach",
        model=trained.model,
        cwd=ROOT,
        endpoints=endpoints or ROOT / "endpoints.yml",
        credentials=credentials,
        workdir=workdir,
        env=base_env({"TRACKER_DB": str(workdir / "tracker.db"), **(env or {})}),
        scripts=COACH_SCRIPTS,
        long_cycle=COACH_LONG_CYCLE,
        probe="hi",
        with_actions=True,
    )


def say(message: str) -> None:
    """Print a progress line."""
    print(f"==> [{time.strftime('%H:%M:%S')}] {message}", flush=True)


def measure_both(ours: Result, base: Result, plan: Plan) -> None:
    """Start both systems, then measure them level by level, alternating, so background load hits both alike."""
    for result in (base, ours):
        say(f"starting {result.system.key}")
        start(result.system, result)
        assert result.rasa is not None
        extra = f", action server {result.actions.cold_start_s:.1f} s" if result.actions else ""
        say(f"{result.system.key}: first REST reply after {result.rasa.cold_start_s:.1f} s{extra}")
    for result in (base, ours):
        warm_up(result)
    for level, count in sorted(plan.conversations_per_level.items()):
        for result in (base, ours):
            load = measure_level(result, level, count)
            say(
                f"{result.system.key}: {level:>2} concurrent, {len(load.turns)} turns: "
                f"{load.throughput:.1f} turns/s, p50 {load.percentile(50):.0f} ms, p95 {load.percentile(95):.0f} ms, "
                f"{len(load.errors)} errors"
            )
    for run in range(plan.long_runs):
        for result in (base, ours):
            load = measure_long(result, plan, run)
            say(f"{result.system.key}: long conversation {run + 1}/{plan.long_runs}, {len(load.errors)} errors")
    for result in (base, ours):
        finish(result)


def main(argv: List[str] | None = None) -> int:
    """Run the benchmark; return the exit code."""
    args = parse(argv)
    started = time.monotonic()
    plan = Plan.quick() if args.quick else Plan.full()
    shutil.rmtree(RUN_DIR, ignore_errors=True)
    RUN_DIR.mkdir(parents=True)
    say("baseline: " + ("reusing the cached one if present" if args.quick else "rasa init --no-prompt (trains)"))
    base_trained = training.baseline(reuse=args.quick)
    say(f"baseline trained: {base_trained.train_s:.0f} s ({base_trained.source})")
    coach_trained = training.coach(measure=not args.quick)
    say(f"coach trained: {coach_trained.train_s:.0f} s ({coach_trained.source})")
    base = Result(baseline_system(base_trained))
    ours = Result(coach_system(coach_trained))
    for result, trained in ((base, base_trained), (ours, coach_trained)):
        result.train_s, result.train_source, result.model_mib = trained.train_s, trained.source, trained.size_mib
        result.train_cpu_s = trained.cpu_s
    try:
        measure_both(ours, base, plan)
    except Exception as error:  # noqa: BLE001 - the report still says what was measured and what failed
        traceback.print_exc()
        ours.log_errors.append(f"benchmark aborted: {type(error).__name__}: {error}")
    finally:
        stop(ours)
        stop(base)
    elapsed = time.monotonic() - started
    return write(args, plan, ours, base, elapsed)


def write(args: argparse.Namespace, plan: Plan, ours: Result, base: Result, elapsed: float) -> int:
    """Print the table, write report.md, the plots and the JUnit file; return the exit code."""
    table = report.rows(ours, base, plan)
    goals = report.targets(ours, base, plan)
    png, curve = REPORTS / "latency_vs_concurrency.png", REPORTS / "latency_vs_turn.png"
    report.plot(ours, base, plan, png, curve)
    levels = sorted(plan.conversations_per_level.items())
    meta = [
        f"mode: {'quick (CI: targets not asserted)' if args.quick else 'full'}; run took {elapsed:.0f} s; "
        f"{time.strftime('%Y-%m-%d %H:%M:%S')}",
        f"machine: {os.cpu_count()} cores, load average at the end {os.getloadavg()[0]:.2f} "
        f"(shared machine: other jobs add noise), Python {platform.python_version()}, Rasa {training.rasa_version()}",
        "both: `rasa run` on the REST channel, SQLite SQL tracker store, one process, loopback, aiohttp client "
        "with keep-alive; every turn waits for the full reply; errors = HTTP errors, timeouts and error lines in "
        "the servers' logs (Rasa's REST channel answers 200 [] when it swallows an exception, and logs it); a 200 []"
        " without a logged error is a silent turn (the coach must have none; the moodbot has some by design)",
        "the baseline has no custom actions, hence no action server: the action server's cost (its calls on every "
        "turn, its memory, its start) is part of what the coach pays and is measured here",
        "load: "
        + ", ".join(f"{c} concurrent = {n} conversations × 5 turns" for c, n in levels)
        + f"; long conversation: {plan.long_runs} run(s) × {plan.long_turns} turns (a cycle of {plan.window} "
        "messages, so the first and last windows hold the same messages)",
        f"baseline training: {base.train_source}; coach training: {ours.train_source}",
        f"plots: {png.name}, {curve.name}",
    ]
    checks = report.sanity(ours, base, plan, table, args.quick)
    (REPORTS / "report.md").write_text(report.markdown(ours, base, plan, table, goals, checks, meta))
    checks.append(written_check(REPORTS / "report.md"))
    checks.append(written_check(png))
    print()
    print(f"{'figure':<58} {'coach':>10} {'baseline':>10} {'ratio':>7}")
    for row in table:
        print(
            f"{row.name:<58} {report.fmt(row.ours, row.digits):>10} {report.fmt(row.base, row.digits):>10} "
            f"{report.fmt(row.ratio, 2):>7}  {row.unit}"
        )
    print()
    for goal in goals:
        state = "met    " if goal.ok else "skipped" if goal.skipped else "NOT MET"
        print(f"target {state} {goal.name}: {goal.detail}")
    failed = [check for check in checks if not check.ok and not check.skipped]
    for check in checks:
        if not check.ok:
            print(f"check {'skipped' if check.skipped else 'FAILED'}: {check.name}: {check.detail}")
    print(f"\nreport: {REPORTS / 'report.md'}; run took {elapsed:.0f} s")
    junit_checks = checks if args.quick else checks + goals
    if args.junit:
        report.junit(args.junit, "bench-quick" if args.quick else "bench", junit_checks, elapsed)
    if failed or (args.fail_on_targets and not all(goal.ok or goal.skipped for goal in goals)):
        return 1
    return 0


def written_check(path: Path) -> report.Check:
    """Return the check that an output file was written."""
    ok = path.exists() and path.stat().st_size > 0
    return report.Check(f"{path.name} written", ok, str(path))


if __name__ == "__main__":
    sys.exit(main())
