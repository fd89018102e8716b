"""Tuning experiments on the coach: one variant at a time, same load, per-turn breakdown from the profiler.

python -m bench.tune [--variants a,b] [--conversations N] [--rounds R]
Writes reports/bench/tuning.md and tuning.json. Variants change only the environment, the endpoints file or the
launcher (no retraining), so the model is the same for all of them.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Tuple

from bench import training
from bench.conversations import COACH_LONG_CYCLE, COACH_SCRIPTS, conversations, long_conversation
from bench.load import run_load
from bench.measure import Result, System, finish, start, stop
from bench.run import RUN_DIR, coach_system
from bench.servers import ROOT, VENV_BIN
from bench.training import REPORTS

# Runs from any folder (the baseline's cwd is its own project): put the repo on sys.path, then start Rasa's CLI.
PROFILE_LAUNCHER = [
    str(VENV_BIN / "python"),
    "-c",
    f"import sys; sys.path.insert(0, {str(ROOT)!r}); from bench.profile_launcher import main; sys.exit(main())",
]


@dataclass
class Variant:
    """One configuration of the coach's servers."""

    name: str
    rasa_env: Dict[str, str] = field(default_factory=dict)
    actions_env: Dict[str, str] = field(default_factory=dict)
    endpoints_extra: str = ""
    profile: bool = True


VARIANTS: Dict[str, Variant] = {
    v.name: v
    for v in [
        Variant("as-is", profile=False),
        Variant("as-is (profiled)"),
        Variant("TF threads 1/1", {"TF_INTER_OP_PARALLELISM_THREADS": "1", "TF_INTRA_OP_PARALLELISM_THREADS": "1"}),
        Variant("TF threads 2/2", {"TF_INTER_OP_PARALLELISM_THREADS": "2", "TF_INTRA_OP_PARALLELISM_THREADS": "2"}),
        Variant("selective domain", endpoints_extra="  enable_selective_domain: true\n"),
        Variant("keep-alive to action server", {"BENCH_KEEPALIVE": "1"}),
        Variant("compressed action requests", {"COMPRESS_ACTION_SERVER_REQUEST": "true"}),
        Variant("escaped button payloads", {"BENCH_ESCAPE_PAYLOADS": "1"}),
        Variant("cached answer validator", {"BENCH_FAST_VALIDATE": "1"}),
        Variant("cached answer validator + keep-alive", {"BENCH_FAST_VALIDATE": "1", "BENCH_KEEPALIVE": "1"}),
        Variant(
            "all: validator + escaped + selective + keep-alive + TF 1/1",
            {
                "BENCH_FAST_VALIDATE": "1",
                "BENCH_ESCAPE_PAYLOADS": "1",
                "BENCH_KEEPALIVE": "1",
                "TF_INTER_OP_PARALLELISM_THREADS": "1",
                "TF_INTRA_OP_PARALLELISM_THREADS": "1",
            },
            endpoints_extra="  enable_selective_domain: true\n",
        ),
        Variant(
            "escaped payloads + selective domain + keep-alive + TF 1/1",
            {
                "BENCH_ESCAPE_PAYLOADS": "1",
                "BENCH_KEEPALIVE": "1",
                "TF_INTER_OP_PARALLELISM_THREADS": "1",
                "TF_INTRA_OP_PARALLELISM_THREADS": "1",
            },
            endpoints_extra="  enable_selective_domain: true\n",
        ),
    ]
}


def endpoints_for(variant: Variant, workdir: Path) -> Path:
    """Write the project's endpoints.yml with the variant's extra action_endpoint keys."""
    text = (ROOT / "endpoints.yml").read_text()
    if variant.endpoints_extra:
        lines = text.splitlines(keepends=True)
        at = next(i for i, line in enumerate(lines) if line.startswith("action_endpoint:"))
        lines.insert(at + 2, variant.endpoints_extra)
        text = "".join(lines)
    path = workdir / "endpoints.yml"
    path.write_text(text)
    return path


def variant_system(variant: Variant, trained: training.Trained, workdir: Path, profile: bool) -> Tuple[System, Path]:
    """Describe the coach run with one variant in workdir (plain REST channel); return it and its profile path."""
    system: System = coach_system(trained, env=variant.rasa_env)
    system.workdir = workdir
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "credentials.yml").write_text("rest:\n")
    system.credentials = workdir / "credentials.yml"
    system.env["TRACKER_DB"] = str(workdir / "tracker.db")
    system.endpoints = endpoints_for(variant, workdir)
    profile_out = workdir / "profile.json"
    if profile:
        system.launcher = PROFILE_LAUNCHER
        system.env["BENCH_PROFILE_OUT"] = str(profile_out)
    return system, profile_out


def run_variant(variant: Variant, trained: training.Trained, count: int, round_no: int) -> Dict[str, object]:
    """Start the coach with one variant, run sequential and 10-concurrent load, return the figures."""
    workdir = RUN_DIR / f"tune-{round_no}-{variant.name.replace(' ', '_').replace('/', '-')}"
    system, profile_out = variant_system(variant, trained, workdir, variant.profile)
    result = Result(system)
    try:
        start(system, result)
        url = f"http://127.0.0.1:{result.rasa.port}"  # type: ignore[union-attr]
        run_load(url, conversations(COACH_SCRIPTS, 2), 1, "warm")
        before = json.loads(profile_out.read_text()) if profile_out.exists() else {}
        seq = run_load(url, conversations(COACH_SCRIPTS, count), 1, "seq")
        after = json.loads(profile_out.read_text()) if profile_out.exists() else {}
        conc = run_load(url, conversations(COACH_SCRIPTS, 2 * count), 10, "c10")
        finish(result)
    finally:
        stop(result)
    turns = len(seq.turns)
    breakdown = {
        key: (after[key]["total_ms"] - before.get(key, {}).get("total_ms", 0.0)) / turns
        for key in after
        if after[key]["total_ms"] - before.get(key, {}).get("total_ms", 0.0) > 0
    }
    return {
        "variant": variant.name,
        "round": round_no,
        "p50_ms": seq.percentile(50),
        "p95_ms": seq.percentile(95),
        "mean_ms": statistics.fmean(seq.ok_latencies) if seq.ok_latencies else float("nan"),
        "c10_turns_per_s": conc.throughput,
        "c10_p95_ms": conc.percentile(95),
        "rss_rasa_mib": result.rss_rasa,
        "rss_actions_mib": result.rss_actions,
        "errors": len(seq.errors) + len(conc.errors) + len(result.log_errors),
        "breakdown_ms_per_turn": dict(sorted(breakdown.items(), key=lambda item: -item[1])),
    }


def long_profile(variant: Variant, trained: training.Trained, turns: int = 50, window: int = 10) -> str:
    """Profile one long conversation; return a table of ms per turn by stage, first window vs last window."""
    system, profile_out = variant_system(variant, trained, RUN_DIR / "tune-long", profile=True)
    result = Result(system)
    snapshots: List[Dict[str, Dict[str, float]]] = []
    latencies: List[float] = []
    try:
        start(system, result)
        url = f"http://127.0.0.1:{result.rasa.port}"  # type: ignore[union-attr]
        run_load(url, conversations(COACH_SCRIPTS, 2), 1, "warm")
        messages = long_conversation(COACH_LONG_CYCLE, turns)
        for first in range(0, turns, window):
            snapshots.append(json.loads(profile_out.read_text()))
            load = run_load(url, [messages[first : first + window]], 1, "long")
            latencies.append(statistics.median(load.ok_latencies) if load.ok_latencies else float("nan"))
        snapshots.append(json.loads(profile_out.read_text()))
        finish(result)
    finally:
        stop(result)

    def per_turn(before: Dict[str, Dict[str, float]], after: Dict[str, Dict[str, float]]) -> Dict[str, float]:
        return {k: (v["total_ms"] - before.get(k, {}).get("total_ms", 0.0)) / window for k, v in after.items()}

    early, late = per_turn(snapshots[0], snapshots[1]), per_turn(snapshots[-2], snapshots[-1])
    lines = [
        f"## Long conversation ({turns} turns, variant: {variant.name}): ms per turn by stage, "
        f"turns 1–{window} vs {turns - window + 1}–{turns}",
        "",
        f"Median latency per window of {window} turns: " + ", ".join(f"{value:.0f}" for value in latencies) + " ms.",
        "",
        f"| stage | turns 1–{window} | turns {turns - window + 1}–{turns} | growth |",
        "|---|---:|---:|---:|",
    ]
    for key in sorted(late, key=lambda k: -late[k]):
        if late[key] >= 0.05 or early.get(key, 0.0) >= 0.05:
            lines.append(
                f"| {key} | {early.get(key, 0.0):.2f} | {late[key]:.2f} | {late[key] - early.get(key, 0.0):+.2f} |"
            )
    return "\n".join(lines) + "\n"


def summarise(rows: List[Dict[str, object]]) -> str:
    """Return tuning.md: medians over rounds per variant and the profile of the first profiled variant."""
    names = list(dict.fromkeys(str(row["variant"]) for row in rows))
    lines = [
        "# Tuning experiments (coach only; same model, same messages)",
        "",
        f"{time.strftime('%Y-%m-%d %H:%M')}; medians over rounds; shared 2-core machine, so differences under "
        "~10 % are noise.",
        "",
        "| variant | rounds | seq p50 ms | seq p95 ms | 10-conc turns/s | 10-conc p95 ms | RSS rasa MiB | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in names:
        mine = [row for row in rows if row["variant"] == name]

        def med(key: str, rows_: List[Dict[str, object]] = mine) -> float:
            return statistics.median(float(r[key]) for r in rows_)  # type: ignore[arg-type]

        lines.append(
            f"| {name} | {len(mine)} | {med('p50_ms'):.1f} | {med('p95_ms'):.1f} | {med('c10_turns_per_s'):.1f} "
            f"| {med('c10_p95_ms'):.0f} | {med('rss_rasa_mib'):.0f} | {sum(int(r['errors']) for r in mine)} |"  # type: ignore[call-overload]
        )
    profiled = [row for row in rows if row["breakdown_ms_per_turn"]]
    if profiled:
        row = profiled[0]
        lines += ["", f"## Where a turn's time goes ({row['variant']}, ms per user turn, sequential)", ""]
        lines += ["| stage | ms per turn |", "|---|---:|"]
        for key, value in row["breakdown_ms_per_turn"].items():  # type: ignore[union-attr]
            lines.append(f"| {key} | {value:.2f} |")
    return "\n".join(lines) + "\n"


def main(argv: List[str] | None = None) -> int:
    """Run the chosen variants for some rounds (interleaved) and write the tuning report."""
    parser = argparse.ArgumentParser(prog="bench.tune", description=__doc__)
    parser.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated variant names")
    parser.add_argument("--conversations", type=int, default=12, help="sequential conversations (5 turns each)")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--long", action="store_true", help="only profile one long conversation (as-is)")
    args = parser.parse_args(argv)
    model = Path(os.environ.get("BENCH_COACH_MODEL") or training.coach_model_path())
    if not model.exists():
        raise SystemExit(f"no model at {model}: run `make train` (or set BENCH_COACH_MODEL)")
    trained = training.Trained(model, float("nan"), "not measured")
    if args.long:
        text = long_profile(VARIANTS["as-is (profiled)"], trained)
        (REPORTS / "tuning-long.md").write_text(text)
        print(text)
        return 0
    out = REPORTS / "tuning.json"
    rows: List[Dict[str, object]] = json.loads(out.read_text()) if out.exists() else []
    for round_no in range(args.rounds):
        for name in args.variants.split(","):
            row = run_variant(VARIANTS[name], trained, args.conversations, round_no)
            print(json.dumps({k: v for k, v in row.items() if k != "breakdown_ms_per_turn"}), flush=True)
            rows.append(row)
            out.write_text(json.dumps(rows, indent=1))
    (REPORTS / "tuning.md").write_text(summarise(rows))
    print((REPORTS / "tuning.md").read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
