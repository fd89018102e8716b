"""What the coach's rule-based NLU components share: a config over their defaults, and nothing to train."""

from __future__ import annotations

from typing import Any, Dict, Type, TypeVar

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage

Component = TypeVar("Component", bound="UntrainedComponent")


class UntrainedComponent(GraphComponent):
    """A graph component that reads a phrase file on first use and learns nothing from the training data."""

    def __init__(self, config: Dict[str, Any]) -> None:
        """Keep the config over the defaults; the phrase file is read on first use."""
        self._config = {**self.get_default_config(), **config}

    @classmethod
    def create(
        cls: Type[Component],
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> Component:
        """A new component (nothing to train)."""
        return cls(config)
