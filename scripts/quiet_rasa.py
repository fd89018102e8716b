"""Runs the `rasa` command line without the warning spam, keeping what a person wants to see.

Importing Rasa makes its dependencies (pkg_resources, pyparsing, TensorFlow, SQLAlchemy...) print about
40 deprecation warnings that say nothing about this project. This drops every Python warning, keeps
Rasa's own log at the level given on the command line (--quiet: warnings and errors), and, for
`train`, still prints each component with the time it starts and ends (Rasa hides that with --quiet),
not the progress bars of every tracker and rule it processes. No step is silent for long: while nothing has been
printed for HEARTBEAT_SECONDS, a line says what is still running (loading, a component, writing the model) and
for how long.

    python scripts/quiet_rasa.py train --quiet ...   # same arguments as `rasa`
"""

from __future__ import annotations

import logging
import os
import re
import sys
import threading
import time
import warnings
from typing import Any, Callable, List


def _drop_warning(*_args: Any, **_kwargs: Any) -> None:
    """A warnings.showwarning that shows nothing."""


def silence_warnings() -> None:
    """Drop Python warnings and TensorFlow's C++ log lines from here on."""
    warnings.showwarning = _drop_warning
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")


HEARTBEAT_SECONDS = 15.0
# Set when the rasa command has returned: no heartbeat while the interpreter shuts down after "model saved".
TRAINING_DONE = threading.Event()
_STARTED = re.compile(r"Starting to train component '([^']+)'")
_FINISHED = re.compile(r"(?:Finished training|Restored) component '([^']+)'")


class Heartbeat:
    """What training is doing, from the component lines Rasa logs; a line to print when it has been quiet."""

    def __init__(self, now: float, every: float = HEARTBEAT_SECONDS) -> None:
        """Start in the loading step (imports, reading and checking the data, spaCy, the featurizers)."""
        self.every = every
        self.step = "loading Rasa and the training data, parsing the examples"
        self.since = now  # when the step started
        self.last = now  # when a line was last printed

    def note(self, message: str, now: float) -> None:
        """A line was printed: follow the component it names."""
        if started := _STARTED.search(message):
            self.step, self.since = f"training component '{started.group(1)}'", now
        elif finished := _FINISHED.search(message):
            self.step, self.since = (
                f"working after component '{finished.group(1)}' (featurizing or writing the model)",
                now,
            )
        self.last = now

    def due(self, now: float) -> str | None:
        """The line to print when nothing was printed for `every` seconds, else None."""
        if now - self.last < self.every:
            return None
        self.last = now
        return f"... still {self.step} ({now - self.since:.0f} s)"


class _Noted(logging.Handler):
    """Tells the heartbeat about every line the training hooks print."""

    def __init__(self, heartbeat: Heartbeat, clock: Callable[[], float]) -> None:
        super().__init__()
        self.heartbeat, self.clock = heartbeat, clock

    def emit(self, record: logging.LogRecord) -> None:
        self.heartbeat.note(record.getMessage(), self.clock())


def start_heartbeat(hooks: logging.Logger, clock: Callable[[], float] = time.monotonic) -> Heartbeat:
    """Follow the hooks logger's lines and print the heartbeat's lines through it, from a daemon thread."""
    heartbeat = Heartbeat(clock())
    hooks.addHandler(_Noted(heartbeat, clock))

    def beat() -> None:
        while not TRAINING_DONE.wait(1.0):
            line = heartbeat.due(clock())
            if line:
                hooks.info(line)

    threading.Thread(target=beat, name="training-heartbeat", daemon=True).start()
    return heartbeat


def show_training_progress() -> None:
    """Let `rasa train --quiet` still print each component as it starts and finishes, and a heartbeat."""
    from channels import rasa_fixes

    def build(configure: Callable[..., None]) -> Callable[..., None]:
        """Rasa's logging set-up, then the component log and the heartbeat."""

        def configure_then_show_components(*args: Any, **kwargs: Any) -> None:
            """Configure as Rasa does, then let the training hooks log each component."""
            configure(*args, **kwargs)
            warnings.showwarning = _drop_warning
            hooks = logging.getLogger("rasa.engine.training.hooks")
            hooks.setLevel(logging.INFO)
            if not hooks.handlers:
                handler = logging.StreamHandler()
                handler.setFormatter(logging.Formatter("%(asctime)s  %(message)s", "%H:%M:%S"))
                hooks.addHandler(handler)
                hooks.propagate = False
                start_heartbeat(hooks)

        return configure_then_show_components

    rasa_fixes.swap("rasa.__main__:configure_logging_and_warnings", build)


def run_rasa(args: List[str]) -> None:
    """Run the rasa command line with these arguments, as `rasa ARGS` would."""
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *args]
    rasa_main()


if __name__ == "__main__":
    silence_warnings()
    if sys.argv[1:2] == ["train"]:
        show_training_progress()
    try:
        run_rasa(sys.argv[1:])
    finally:
        TRAINING_DONE.set()
