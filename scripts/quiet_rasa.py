"""Runs the `rasa` command line without the warning spam, keeping what a person wants to see.

Importing Rasa makes its dependencies (pkg_resources, pyparsing, TensorFlow, SQLAlchemy...) print about
40 deprecation warnings that say nothing about this project. This drops every Python warning, keeps
Rasa's own log at the level given on the command line (--quiet: warnings and errors), and, for
`train`, still prints each component with the time it starts and ends (Rasa hides that with --quiet),
not the progress bars of every tracker and rule it processes.

    python scripts/quiet_rasa.py train --quiet ...   # same arguments as `rasa`
"""

from __future__ import annotations

import logging
import os
import sys
import warnings
from typing import Any, List


def _drop_warning(*_args: Any, **_kwargs: Any) -> None:
    """A warnings.showwarning that shows nothing."""


def silence_warnings() -> None:
    """Drop Python warnings and TensorFlow's C++ log lines from here on."""
    warnings.showwarning = _drop_warning
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")


def show_training_progress() -> None:
    """Let `rasa train --quiet` still print each component as it starts and finishes training."""
    import rasa.__main__

    configure = rasa.__main__.configure_logging_and_warnings

    def configure_then_show_components(*args: Any, **kwargs: Any) -> None:
        configure(*args, **kwargs)
        warnings.showwarning = _drop_warning
        hooks = logging.getLogger("rasa.engine.training.hooks")
        hooks.setLevel(logging.INFO)
        if not hooks.handlers:
            handler = logging.StreamHandler()
            handler.setFormatter(logging.Formatter("%(asctime)s  %(message)s", "%H:%M:%S"))
            hooks.addHandler(handler)
            hooks.propagate = False

    rasa.__main__.configure_logging_and_warnings = configure_then_show_components


def run_rasa(args: List[str]) -> None:
    """Run the rasa command line with these arguments, as `rasa ARGS` would."""
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *args]
    rasa_main()


if __name__ == "__main__":
    silence_warnings()
    if sys.argv[1:2] == ["train"]:
        show_training_progress()
    run_rasa(sys.argv[1:])
