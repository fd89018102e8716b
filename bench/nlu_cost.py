"""Per-message cost and output digest of the rule-based NLU components (python -m bench.nlu_cost [model]).

Runs the trained pipeline in-process over every message of data/, tests/nlu, tests/realistic and
tests/conversations, keeps each message as it enters EntityRoles, then times EntityRoles and MessageCues
alone on copies of those inputs. Prints ms per message per component and a SHA-256 digest of their outputs
(entities with roles, values and additional_info; cues): an optimisation must leave the digest unchanged.
"""

from __future__ import annotations

import copy
import hashlib
import inspect
import json
import sys
import time
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
TIMED = ("EntityRoles", "MessageCues")


def _texts_in(node: Any) -> Iterator[str]:
    """Every user message in a YAML tree: values of `user` and `text` keys."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("user", "text") and isinstance(value, str):
                yield value
            else:
                yield from _texts_in(value)
    elif isinstance(node, list):
        for item in node:
            yield from _texts_in(item)


def messages() -> List[str]:
    """The distinct messages of the training data and the test sets, in a fixed order."""
    from rasa.shared.nlu.training_data.loading import load_data

    texts: List[str] = []
    for folder in ("data", "tests/nlu"):
        for path in sorted((ROOT / folder).rglob("*.yml")):
            if "nlu:" not in path.read_text():
                continue
            data = load_data(str(path))
            texts += [m.get("text") for m in data.training_examples if m.get("text")]
    for folder in ("tests/realistic", "tests/conversations"):
        for path in sorted((ROOT / folder).glob("*.yml")):
            texts += list(_texts_in(yaml.safe_load(path.read_text())))
    return list(dict.fromkeys(texts))


def _nodes(model: str) -> List[Tuple[str, Any]]:
    """The NLU graph's components in pipeline order, (class name, component), from a trained model."""
    from rasa.core.agent import Agent

    agent = Agent.load(model)
    nodes = agent.processor.graph_runner._instantiated_nodes
    ordered = sorted(
        (name for name in nodes if name.startswith("run_") and name[-1].isdigit()),
        key=lambda name: int(name[len(name.rstrip("0123456789")) :]),
    )
    return [(type(nodes[name]._component).__name__, nodes[name]._component) for name in ordered]


def _output(message: Any) -> Dict[str, Any]:
    """What the timed components leave in a message."""
    return {"entities": message.get("entities", []), "cues": message.get("cues", [])}


def main(model: str, repeats: int = 3) -> None:
    """Run the pipeline once, time the timed components over all messages, print figures and the digest."""
    from rasa.shared.nlu.training_data.message import Message

    components = _nodes(model)
    spacy_model = next(component for name, component in components if name == "SpacyNLP").provide()
    texts = messages()
    inputs: Dict[str, List[Message]] = {name: [] for name in TIMED}
    digest = hashlib.sha256()
    for text in texts:
        message = Message.build(text)
        for name, component in components:
            if name in inputs:
                inputs[name].append(copy.deepcopy(message))
            if not hasattr(component, "process"):
                continue  # a policy
            if "model" in inspect.signature(component.process).parameters:
                component.process([message], spacy_model)
            else:
                component.process([message])
        digest.update(json.dumps(_output(message), sort_keys=True, default=str).encode())
    print(f"{len(texts)} messages; pipeline: {', '.join(name for name, _ in components)}")
    for name, component in components:
        if name not in inputs:
            continue
        best = float("inf")
        for _ in range(repeats):
            batch = copy.deepcopy(inputs[name])
            start = time.perf_counter()
            for message in batch:
                component.process([message])
            best = min(best, time.perf_counter() - start)
        print(f"{name}: {best * 1000 / len(texts):.3f} ms/message (best of {repeats})")
    print(f"digest {digest.hexdigest()}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(sorted((ROOT / "models").glob("*.tar.gz"))[-1]))
