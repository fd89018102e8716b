"""The comparison table (coach ÷ baseline), the targets, report.md, the plots and the JUnit file."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import List
from xml.sax.saxutils import escape, quoteattr

from bench.measure import Plan, Result


@dataclass
class Row:
    """One figure of the table."""

    name: str
    ours: float
    base: float
    unit: str
    digits: int = 1

    @property
    def ratio(self) -> float:
        """Return coach ÷ baseline (NaN when either is missing)."""
        if not (finite(self.ours) and finite(self.base)) or self.base == 0:
            return float("nan")
        return self.ours / self.base


@dataclass
class Check:
    """One pass/fail line: a sanity check of the run or a target."""

    name: str
    ok: bool
    detail: str
    skipped: bool = False


def finite(value: float) -> bool:
    """Tell whether a figure was computed."""
    return isinstance(value, (int, float)) and not math.isnan(value) and not math.isinf(value)


def fmt(value: float, digits: int = 1) -> str:
    """Format a figure, '—' when it does not apply."""
    return f"{value:.{digits}f}" if finite(value) else "—"


def rows(ours: Result, base: Result, plan: Plan) -> List[Row]:
    """Return every figure of the comparison."""
    seq_o, seq_b = ours.levels.get(1), base.levels.get(1)
    nan = float("nan")
    table = [
        Row(
            "per-turn latency p50, sequential",
            seq_o.percentile(50) if seq_o else nan,
            seq_b.percentile(50) if seq_b else nan,
            "ms",
        ),
        Row(
            "per-turn latency p95, sequential",
            seq_o.percentile(95) if seq_o else nan,
            seq_b.percentile(95) if seq_b else nan,
            "ms",
        ),
    ]
    for level in sorted(plan.conversations_per_level):
        lo, lb = ours.levels.get(level), base.levels.get(level)
        table.append(
            Row(
                f"throughput, {level} concurrent", lo.throughput if lo else nan, lb.throughput if lb else nan, "turns/s"
            )
        )
        table.append(
            Row(f"p50, {level} concurrent", lo.percentile(50) if lo else nan, lb.percentile(50) if lb else nan, "ms")
        )
        table.append(
            Row(f"p95, {level} concurrent", lo.percentile(95) if lo else nan, lb.percentile(95) if lb else nan, "ms")
        )
    rss_total_o = ours.rss_rasa + (ours.rss_actions if finite(ours.rss_actions) else 0.0)
    cold_o = ours.rasa.cold_start_s if ours.rasa else nan
    cold_b = base.rasa.cold_start_s if base.rasa else nan
    cold_a = ours.actions.cold_start_s if ours.actions else nan
    n, w = plan.long_turns, plan.window
    table += [
        Row("RSS of the Rasa server after load", ours.rss_rasa, base.rss_rasa, "MiB", 0),
        Row("RSS of the action server after load", ours.rss_actions, nan, "MiB", 0),
        Row("RSS, all processes", rss_total_o, base.rss_rasa, "MiB", 0),
        Row("cold start, Rasa: process start → first REST reply", cold_o, cold_b, "s"),
        Row("cold start, action server: process start → /health", cold_a, nan, "s"),
        Row("cold start, whole stack (actions, then Rasa)", cold_o + (cold_a if finite(cold_a) else 0.0), cold_b, "s"),
        Row("training time, wall (empty cache)", ours.train_s, base.train_s, "s", 0),
        Row("training time, CPU (user + system)", ours.train_cpu_s, base.train_cpu_s, "s", 0),
        Row("model size", ours.model_mib, base.model_mib, "MiB", 2),
        Row("long conversation: turn 1", ours.long_turn(1), base.long_turn(1), "ms"),
        Row(f"long conversation: turn {n}", ours.long_turn(n), base.long_turn(n), "ms"),
        Row(f"long conversation: median of turns 1–{w}", ours.long_window(1, w), base.long_window(1, w), "ms"),
        Row(
            f"long conversation: median of turns {n - w + 1}–{n}",
            ours.long_window(n - w + 1, w),
            base.long_window(n - w + 1, w),
            "ms",
        ),
        Row("failed turns (HTTP error, timeout)", len(ours.failed_turns), len(base.failed_turns), "", 0),
        Row("silent turns (200, no bot message)", ours.silent_turns, base.silent_turns, "", 0),
        Row("error lines in the server logs", len(ours.log_errors), len(base.log_errors), "", 0),
        Row("  of which tracebacks (exceptions)", len(ours.tracebacks), len(base.tracebacks), "", 0),
    ]
    return table


# The targets of issues 16 and 17, each a ratio to the stock `rasa init` assistant served the same way.
P50_MAX = 1.05
THROUGHPUT_MIN = 0.9
DRIFT_MAX = 1.1
TRAIN_MAX = 1.5


def targets(ours: Result, base: Result, plan: Plan) -> List[Check]:
    """Return the targets, each met, not met or skipped (training is not measured in quick mode)."""
    nan = float("nan")
    p50_o = ours.levels[1].percentile(50) if 1 in ours.levels else nan
    p50_b = base.levels[1].percentile(50) if 1 in base.levels else nan
    thr_o = ours.levels[10].throughput if 10 in ours.levels else nan
    thr_b = base.levels[10].throughput if 10 in base.levels else nan
    n, w = plan.long_turns, plan.window
    first, last = ours.long_window(1, w), ours.long_window(n - w + 1, w)
    errors = len(ours.errors) + len(base.errors)
    detail = (
        f"coach {len(ours.failed_turns)} failed turns + {len(ours.log_errors)} error lines in logs; "
        f"baseline {len(base.failed_turns)} + {len(base.log_errors)}"
    )
    trained = finite(ours.train_s) and finite(base.train_s)
    return [
        Check(
            f"per-turn p50 ≤ {P50_MAX} × baseline",
            finite(p50_o) and finite(p50_b) and p50_o <= P50_MAX * p50_b,
            f"{fmt(p50_o)} ms vs {P50_MAX} × {fmt(p50_b)} = {fmt(P50_MAX * p50_b)} ms (ratio {fmt(p50_o / p50_b, 2)})",
        ),
        Check(
            f"throughput at 10 concurrent ≥ {THROUGHPUT_MIN} × baseline",
            finite(thr_o) and finite(thr_b) and thr_o >= THROUGHPUT_MIN * thr_b,
            f"{fmt(thr_o)} vs {THROUGHPUT_MIN} × {fmt(thr_b)} = {fmt(THROUGHPUT_MIN * thr_b)} turns/s"
            f" (ratio {fmt(thr_o / thr_b, 2)})",
        ),
        Check(
            f"turns {n - w + 1}–{n} within {DRIFT_MAX} × turns 1–{w}",
            finite(first) and finite(last) and last <= DRIFT_MAX * first,
            f"median of turns {n - w + 1}–{n} {fmt(last)} ms vs {DRIFT_MAX} × median of turns 1–{w} {fmt(first)} ms"
            f" = {fmt(DRIFT_MAX * first)} ms (same {w} messages in both windows; ratio {fmt(last / first, 2)})",
        ),
        Check(
            f"training (wall, empty cache) ≤ {TRAIN_MAX} × baseline",
            trained and ours.train_s <= TRAIN_MAX * base.train_s,
            f"{fmt(ours.train_s)} s vs {TRAIN_MAX} × {fmt(base.train_s)} = {fmt(TRAIN_MAX * base.train_s)} s"
            f" (ratio {fmt(ours.train_s / base.train_s, 2)})"
            if trained
            else "not measured in this run",
            skipped=not trained,
        ),
        Check("zero errors (failed turns and error lines in the logs)", errors == 0, detail),
    ]


def sanity(ours: Result, base: Result, plan: Plan, table: List[Row], quick: bool) -> List[Check]:
    """Return the checks that the benchmark itself worked (quick mode asserts only these)."""
    checks: List[Check] = []
    skip_train = quick and not finite(ours.train_s)
    for result in (base, ours):
        key = result.system.key
        checks.append(Check(f"{key}: model size", finite(result.model_mib), f"{fmt(result.model_mib, 2)} MiB"))
        train_detail = f"{fmt(result.train_s)} s; {result.train_source}"
        skipped = quick and not finite(result.train_s)
        checks.append(Check(f"{key}: training time", finite(result.train_s), train_detail, skipped=skipped))
        cold = result.rasa.cold_start_s if result.rasa else float("nan")
        checks.append(Check(f"{key}: started", finite(cold), f"cold start {fmt(cold)} s"))
        if result.system.with_actions:
            cold_a = result.actions.cold_start_s if result.actions else float("nan")
            checks.append(Check(f"{key}: action server started", finite(cold_a), f"cold start {fmt(cold_a)} s"))
            checks.append(
                Check(f"{key}: action server RSS", finite(result.rss_actions), f"{fmt(result.rss_actions, 0)} MiB")
            )
        checks.append(Check(f"{key}: Rasa RSS", finite(result.rss_rasa), f"{fmt(result.rss_rasa, 0)} MiB"))
        for level in sorted(plan.conversations_per_level):
            load = result.levels.get(level)
            errors = load.errors if load else ["not run"]
            figures = [load.throughput, load.percentile(50), load.percentile(95)] if load else []
            detail = (
                f"{len(load.turns)} turns, {len(errors)} errors"
                + (f" (first: {errors[0]})" if errors else "")
                + (f"; {fmt(load.throughput)} turns/s, p50 {fmt(load.percentile(50))} ms" if load else "")
            )
            ok = not errors and bool(figures) and all(finite(value) for value in figures)
            checks.append(Check(f"{key}: {level} concurrent, zero errors, figures computed", ok, detail))
        long_errors = [error for run in result.long_runs for error in run.errors]
        curve = result.long_curve()
        checks.append(
            Check(
                f"{key}: long conversation of {plan.long_turns} turns",
                bool(curve)
                and not long_errors
                and all(finite(value) for value in curve)
                and len(curve) == plan.long_turns,
                f"{len(curve)} turns, {len(long_errors)} errors",
            )
        )
        if result is ours:
            checks.append(
                Check(f"{key}: every turn answered", not result.silent_turns, f"{result.silent_turns} silent")
            )
        checks.append(
            Check(
                f"{key}: no exceptions in the server logs",
                not result.tracebacks,
                f"{len(result.tracebacks)} tracebacks; {len(result.log_errors)} error lines in all (see report.md)",
            )
        )
    missing = [
        row.name
        for row in table
        if not finite(row.ours) and not (row.name.startswith("training") and (skip_train or "CPU" in row.name))
    ]
    checks.append(Check("every figure of the coach computed", not missing, ", ".join(missing) or "all"))
    return checks


def markdown(
    ours: Result, base: Result, plan: Plan, table: List[Row], goals: List[Check], checks: List[Check], meta: List[str]
) -> str:
    """Return report.md."""
    lines = ["# Benchmark: Interview Outreach Coach vs stock `rasa init` assistant", ""]
    lines += [f"- {item}" for item in meta]
    lines += ["", "## Figures", "", "| figure | coach | baseline | coach ÷ baseline |", "|---|---:|---:|---:|"]
    for row in table:
        unit = f" {row.unit}" if row.unit else ""
        lines.append(
            f"| {row.name} | {fmt(row.ours, row.digits)}{unit} | {fmt(row.base, row.digits)}{unit} "
            f"| {fmt(row.ratio, 2)} |"
        )
    lines += ["", "## Targets", "", "| target | result | detail |", "|---|---|---|"]
    for goal in goals:
        state = "met" if goal.ok else "skipped" if goal.skipped else "**not met**"
        lines.append(f"| {goal.name} | {state} | {goal.detail} |")
    lines += ["", "## Checks of the run", "", "| check | result | detail |", "|---|---|---|"]
    lines += [
        f"| {c.name} | {'ok' if c.ok else 'skipped' if c.skipped else '**FAILED**'} | {c.detail.replace('|', '/')} |"
        for c in checks
    ]
    for result in (ours, base):
        failed = result.failed_turns
        kinds = result.error_kinds()
        if failed or kinds:
            lines += ["", f"## Errors of {result.system.key}", ""]
            lines += [f"- failed turn: `{error[:200]}`" for error in failed[:10]]
            lines += [f"- {count} × log: `{kind}`" for kind, count in list(kinds.items())[:15]]
    return "\n".join(lines) + "\n"


def plot(ours: Result, base: Result, plan: Plan, out: Path, curve_out: Path | None) -> None:
    """Write latency (p50/p95) and throughput by concurrency for both systems, and latency by turn."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    levels = sorted(plan.conversations_per_level)
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    for result, colour in ((ours, "tab:blue"), (base, "tab:orange")):
        xs = [c for c in levels if c in result.levels]
        left.plot(
            xs, [result.levels[c].percentile(50) for c in xs], "o-", color=colour, label=f"{result.system.label} p50"
        )
        left.plot(
            xs, [result.levels[c].percentile(95) for c in xs], "s--", color=colour, label=f"{result.system.label} p95"
        )
        right.plot(xs, [result.levels[c].throughput for c in xs], "o-", color=colour, label=result.system.label)
    for axis in (left, right):
        axis.set_xscale("log")
        axis.set_xticks(levels)
        axis.set_xticklabels([str(c) for c in levels])
        axis.set_xlabel("concurrent conversations")
        axis.grid(True, alpha=0.3)
        axis.legend(fontsize=8)
    left.set_yscale("log")
    left.set_ylabel("per-turn latency (ms)")
    right.set_ylabel("throughput (turns/s)")
    fig.suptitle("REST channel, SQLite tracker store, loopback, one Rasa process each")
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)
    if curve_out is None:
        return
    fig, axis = plt.subplots(figsize=(7, 4))
    for result, colour in ((ours, "tab:blue"), (base, "tab:orange")):
        curve = result.long_curve()
        axis.plot(range(1, len(curve) + 1), curve, ".-", color=colour, label=result.system.label)
    axis.set_xlabel("turn of one long conversation")
    axis.set_ylabel("latency (ms, median over runs)")
    axis.grid(True, alpha=0.3)
    axis.legend()
    fig.tight_layout()
    fig.savefig(curve_out, dpi=110)
    plt.close(fig)


def junit(path: Path, suite: str, checks: List[Check], seconds: float) -> None:
    """Write one JUnit testcase per check."""
    failures = sum(not check.ok and not check.skipped for check in checks)
    skips = sum(check.skipped for check in checks)
    cases = []
    for check in checks:
        body = "" if check.ok else f"<failure message={quoteattr(check.detail[:500])}/>"
        if check.skipped:
            body = f"<skipped message={quoteattr(check.detail[:500])}/>"
        cases.append(
            f'  <testcase classname="bench" name={quoteattr(check.name)} time="0">{body}'
            f"<system-out>{escape(check.detail)}</system-out></testcase>"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<testsuite name={quoteattr(suite)} tests="{len(checks)}" failures="{failures}" skipped="{skips}" errors="0" '
        f'time="{seconds:.1f}">\n' + "\n".join(cases) + "\n</testsuite>\n"
    )
