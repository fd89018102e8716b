"""The channels and stores are classes Rasa loads by name from the config files; nothing of Rasa's is swapped."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa.core.channels.channel import InputChannel, UserMessage

from channels.safe_socketio import GuardedSocketServer, SafeSocketIOInput

ROOT = Path(__file__).resolve().parents[2]
CHANNEL_FILES = ("credentials.yml", "credentials.slack.yml")


def named_class(dotted: str) -> Any:
    """The class a config file names by its module path, found as Rasa finds it."""
    module_name, _, class_name = dotted.rpartition(".")
    return getattr(importlib.import_module(module_name), class_name)


@pytest.mark.parametrize("path", CHANNEL_FILES)
def test_every_channel_in_the_credentials_is_a_class_of_ours_rasa_loads_by_name(path: str) -> None:
    channels = yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))
    assert channels
    for key in channels:
        assert key.startswith("channels."), f"{path}: {key} is Rasa's own channel, without the guard"
        assert issubclass(named_class(key), InputChannel)


@pytest.mark.parametrize("path", ["endpoints.yml", "endpoints.cluster.yml"])
def test_the_stores_in_the_endpoints_are_classes_of_ours(path: str) -> None:
    endpoints = yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))
    for store in ("tracker_store", "lock_store"):
        if store in endpoints:
            assert endpoints[store]["type"].startswith("channels."), f"{path}: {store}"
            named_class(endpoints[store]["type"])


async def _nothing(_: UserMessage) -> None:
    """A message handler that does nothing."""


def test_the_socketio_handlers_are_the_channels_own_methods() -> None:
    """python-socketio dispatches to the channel's methods: no handler of Rasa's is looked up and replaced."""
    channel = SafeSocketIOInput(session_persistence=True, metadata_key="customData")
    channel.blueprint(_nothing)
    assert isinstance(channel.sio, GuardedSocketServer)
    handlers = channel.sio.handlers["/"]
    assert handlers == {
        "connect": channel.connect,
        "disconnect": channel.disconnect,
        "session_request": channel.session_request,
        "user_uttered": channel.handle_message,
    }


def test_no_channel_module_reaches_into_a_handler_table_or_patches_an_object() -> None:
    """Handler tables (sio.handlers, eio.handlers) and per-object method swaps were replaced by subclasses."""
    patterns = re.compile(r"\.handlers\[|\.request = |_coach_watched")
    offenders = [
        f"{path.name}:{number}"
        for path in sorted((ROOT / "channels").glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if patterns.search(line)
    ]
    assert offenders == []
