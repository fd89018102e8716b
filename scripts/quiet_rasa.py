"""Runs the `rasa` command line without the warning spam, keeping what a person wants to see.

Importing Rasa makes its dependencies (pkg_resources, pyparsing, TensorFlow, SQLAlchemy...) print about
40 deprecation warnings that say nothing about this project. This drops every Python warning, keeps
Rasa's own log at the level given on the command line (--quiet: warnings and errors), and, for
`train`, always shows which component is training and the epoch bars of DIET and TED (Rasa hides them
with --quiet), not the bars of every tracker and rule it processes. Other commands load TED for
prediction without tracing a training step first (load_models_without_tracing_training).

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
    """Let `rasa train --quiet` still print the component being trained and the epoch bars."""
    import rasa.__main__
    from rasa.utils.tensorflow.callback import RasaTrainingLogger
    from tqdm import tqdm

    logger_init = RasaTrainingLogger.__init__

    def init_with_bar(self: RasaTrainingLogger, epochs: int, silent: bool) -> None:
        logger_init(self, epochs, silent)
        self.progress_bar = tqdm(range(epochs), desc="Epochs", disable=silent)

    RasaTrainingLogger.__init__ = init_with_bar
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


def load_models_without_tracing_training() -> None:
    """Load a TensorFlow model (TED) for prediction without first tracing and running a training step.

    To build a model's weights before loading them, Rasa fits it on one example, which traces and compiles
    the whole training step: most of the time `rasa shell` takes to start. Here the trained weights are
    restored as the prediction step creates its layers (TensorFlow restores a checkpoint's values on
    creation), so only prediction is traced; the training-only parts (losses, optimizer) stay unbuilt.
    """
    from rasa.utils.tensorflow.constants import RUN_EAGERLY
    from rasa.utils.tensorflow.models import RasaModel

    stock_load = RasaModel.load.__func__

    def load(
        cls: type,
        model_file_name: str,
        model_data_example: Any,
        predict_data_example: Any = None,
        finetune_mode: bool = False,
        *args: Any,
        **kwargs: Any,
    ) -> RasaModel:
        if finetune_mode or predict_data_example is None:  # training goes on: Rasa's own way
            return stock_load(
                cls, model_file_name, model_data_example, predict_data_example, finetune_mode, *args, **kwargs
            )
        model = cls(*args, **kwargs)
        model.load_weights(model_file_name).expect_partial()
        model.run_eagerly = kwargs.get("config", {}).get(RUN_EAGERLY)
        model.run_inference(predict_data_example)
        return model

    RasaModel.load = classmethod(load)


def run_rasa(args: List[str]) -> None:
    """Run the rasa command line with these arguments, as `rasa ARGS` would."""
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *args]
    rasa_main()


if __name__ == "__main__":
    silence_warnings()
    if sys.argv[1:2] == ["train"]:
        show_training_progress()
    else:
        load_models_without_tracing_training()
    run_rasa(sys.argv[1:])
