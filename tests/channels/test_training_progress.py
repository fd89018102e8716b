"""`make train` (scripts/quiet_rasa.py) is never silent for long: a heartbeat names the step still running."""

from __future__ import annotations

import logging
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import quiet_rasa  # noqa: E402 - scripts/ is not a package
from quiet_rasa import Heartbeat, _Noted  # noqa: E402


def test_a_quiet_step_gets_a_line_naming_it_every_interval() -> None:
    beat = Heartbeat(now=0.0, every=15.0)
    assert beat.due(10.0) is None
    assert beat.due(15.0) == "... still loading Rasa and the training data, parsing the examples (15 s)"
    assert beat.due(20.0) is None  # one line per interval, not one per second
    beat.note("Starting to train component 'SituationClassifier'.", 21.0)
    assert beat.due(35.0) is None
    assert beat.due(36.0) == "... still training component 'SituationClassifier' (15 s)"
    assert beat.due(51.0) == "... still training component 'SituationClassifier' (30 s)"
    beat.note("Finished training component 'RulePolicy'.", 60.0)
    line = beat.due(80.0)
    assert line is not None and line.startswith("... still working after component 'RulePolicy'") and "(20 s)" in line


def test_a_component_restored_from_the_cache_ends_the_loading_step() -> None:
    beat = Heartbeat(now=0.0, every=15.0)
    beat.note("Restored component 'RegexFeaturizer' from cache.", 40.0)
    line = beat.due(55.0)
    assert line is not None and line.startswith("... still working after component 'RegexFeaturizer'"), line


def test_a_printed_line_resets_the_wait() -> None:
    beat = Heartbeat(now=0.0, every=15.0)
    beat.note("Starting to train component 'CRFEntityExtractor'.", 14.0)
    beat.note("Finished training component 'CRFEntityExtractor'.", 20.0)
    assert beat.due(34.0) is None


def test_the_hooks_logger_feeds_the_heartbeat() -> None:
    now = [5.0]
    beat = Heartbeat(now=0.0, every=15.0)
    logger = logging.getLogger("test.training.hooks")
    logger.addHandler(_Noted(beat, lambda: now[0]))
    logger.propagate = False
    logger.setLevel(logging.INFO)
    logger.info("Starting to train component 'RegexFeaturizer'.")
    now[0] = 25.0
    assert beat.due(now[0]) == "... still training component 'RegexFeaturizer' (20 s)"


def test_the_heartbeat_stops_once_the_command_has_returned(monkeypatch) -> None:
    """After "model saved" the interpreter may take half a minute to exit: no 'still working' line then."""
    printed = []
    logger = logging.getLogger("test.training.done")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    logger.addHandler(logging.Handler())
    monkeypatch.setattr(logger, "info", printed.append)
    clock = [0.0]
    monkeypatch.setattr(quiet_rasa, "TRAINING_DONE", threading.Event())
    quiet_rasa.TRAINING_DONE.set()
    quiet_rasa.start_heartbeat(logger, clock=lambda: clock[0])
    clock[0] = 100.0
    time.sleep(2.5)
    assert printed == []
