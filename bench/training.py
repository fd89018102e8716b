"""Training of both systems: the stock `rasa init` baseline and the coach, timed with an empty training cache."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Tuple

from bench.servers import ROOT, VENV_BIN, base_env

REPORTS = ROOT / "reports" / "bench"
BASELINE_DIR = REPORTS / "baseline"
BASELINE_MARKER = BASELINE_DIR / ".bench-baseline.json"
TRAIN_LIMIT_S = 3600


@dataclass
class Trained:
    """A trained model, how long its training took and where that figure comes from."""

    model: Path
    train_s: float
    source: str
    cpu_s: float = float("nan")

    @property
    def size_mib(self) -> float:
        """Return the size of the model archive (MiB)."""
        return self.model.stat().st_size / 2**20


def rasa_version() -> str:
    """Return the installed Rasa version."""
    out = subprocess.run(
        [str(VENV_BIN / "python"), "-c", "import rasa; print(rasa.__version__)"],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def _children_cpu() -> float:
    """Return the CPU time (user + system) of every finished child process so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(args: list, cwd: Path, env: Dict[str, str], log: Path) -> Tuple[float, float]:
    """Run a command to completion with its output in log; return (wall, CPU) seconds, raising on failure."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as out:
        cpu, start = _children_cpu(), time.monotonic()
        proc = subprocess.run(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=TRAIN_LIMIT_S)
        elapsed, cpu = time.monotonic() - start, _children_cpu() - cpu
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, args[:3]))} failed ({proc.returncode}), see {log}")
    return elapsed, cpu


def baseline(reuse: bool) -> Trained:
    """Create and train the stock baseline with `rasa init --no-prompt`, or reuse the cached one (same Rasa)."""
    version = rasa_version()
    if reuse and BASELINE_MARKER.exists():
        marker = json.loads(BASELINE_MARKER.read_text())
        model = Path(marker.get("model", ""))
        if marker.get("rasa_version") == version and model.exists():
            source = f"cached baseline (Rasa {version}, trained {marker['created']})"
            return Trained(model, float(marker["train_s"]), source, float(marker.get("cpu_s", "nan")))
    shutil.rmtree(BASELINE_DIR, ignore_errors=True)
    BASELINE_DIR.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="bench-cache-") as cache:
        # `rasa init --no-prompt` copies the project template and trains it (default pipeline and policies):
        # the copy takes milliseconds, so its wall time is the training time of the baseline.
        env = base_env({"RASA_CACHE_DIRECTORY": cache})
        elapsed, cpu = _timed(
            [str(VENV_BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(BASELINE_DIR)],
            BASELINE_DIR,
            env,
            REPORTS / "logs" / "baseline-train.log",
        )
    models = sorted((BASELINE_DIR / "models").glob("*.tar.gz"), key=lambda path: path.stat().st_mtime)
    if not models:
        raise RuntimeError("rasa init did not produce a model")
    created = time.strftime("%Y-%m-%d %H:%M:%S")
    BASELINE_MARKER.write_text(
        json.dumps(
            {"rasa_version": version, "train_s": elapsed, "cpu_s": cpu, "model": str(models[-1]), "created": created}
        )
    )
    return Trained(models[-1], elapsed, f"measured now (`rasa init --no-prompt`, empty cache, {created})", cpu)


def coach_model_path() -> Path:
    """Return the path scripts/train.sh gives the model for the current data, domain and config."""
    out = subprocess.run(
        ["bash", "-c", f"source {ROOT}/scripts/common.sh; model_path"], capture_output=True, text=True, check=True
    )
    return Path(out.stdout.strip())


def coach_marker(model: Path) -> Path:
    """Return the marker file holding the measured training time of this fingerprint."""
    return REPORTS / f"train-{model.name.removesuffix('.tar.gz')}.json"


def coach(measure: bool) -> Trained:
    """Use the coach's model; its training time comes from a marker of this fingerprint or a timed training."""
    # BENCH_COACH_MODEL pins a model (e.g. while another engineer edits data/, so the fingerprint moves).
    model = Path(os.environ.get("BENCH_COACH_MODEL") or coach_model_path())
    marker = coach_marker(model)
    if not model.exists():
        # Nothing trained yet: train it the project's way (into models/), timed with an empty cache.
        with tempfile.TemporaryDirectory(prefix="bench-cache-") as cache:
            elapsed, cpu = _timed(
                ["bash", str(ROOT / "scripts" / "train.sh")],
                ROOT,
                base_env({"RASA_CACHE_DIRECTORY": cache}),
                REPORTS / "logs" / "coach-train.log",
            )
        return _record(model, marker, elapsed, cpu, "measured now (scripts/train.sh, empty cache)")
    if marker.exists():
        data = json.loads(marker.read_text())
        source = f"marker for this fingerprint ({data['source']})"
        return Trained(model, float(data["train_s"]), source, float(data.get("cpu_s", "nan")))
    seconds_file = model.with_name(model.name.removesuffix(".tar.gz") + ".train_seconds")
    if not measure and seconds_file.exists():
        # Written by scripts/train.sh when it trains (it may use Rasa's training cache, so possibly optimistic).
        return Trained(model, float(seconds_file.read_text().strip()), f"{seconds_file.name} (scripts/train.sh)")
    if not measure:
        return Trained(model, float("nan"), "not measured in quick mode: no marker yet (a full `make bench` writes it)")
    elapsed, cpu = measure_training(model)
    return _record(model, marker, elapsed, cpu, "measured now (rasa train into a temp dir, empty cache)")


def measure_training(model: Path) -> Tuple[float, float]:
    """Train the coach into a temporary folder (models/ untouched) with an empty cache; return (wall, CPU) s."""
    with tempfile.TemporaryDirectory(prefix="bench-train-") as tmp:
        env = base_env({"RASA_CACHE_DIRECTORY": str(Path(tmp) / "cache")})
        args = [
            str(VENV_BIN / "rasa"),
            "train",
            "--domain",
            "domain.yml",
            "--data",
            "data",
            "--config",
            "config.yml",
            "--out",
            tmp,
            "--fixed-model-name",
            model.name.removesuffix(".tar.gz"),
            "--quiet",
        ]
        return _timed(args, ROOT, env, REPORTS / "logs" / "coach-train.log")


def _record(model: Path, marker: Path, elapsed: float, cpu: float, source: str) -> Trained:
    """Write the training-time marker for this fingerprint and return the result."""
    when = time.strftime("%Y-%m-%d %H:%M:%S")
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(json.dumps({"train_s": elapsed, "cpu_s": cpu, "source": f"{source}, {when}"}))
    return Trained(model, elapsed, f"{source}, {when}", cpu)
