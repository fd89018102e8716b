"""Every replacement of a Rasa internal, in one place, for Rasa 3.6.21 only.

Rasa offers no extension point for how RemoteAction builds and checks the action-server call, or for how
an event class is found from its type name; those three fixes live here and would make sense upstream:
- RemoteAction validated every answer with ``jsonschema.validate()``, which re-checks the (large) events
  schema itself each time (~70 ms per call, half a turn); one compiled validator gives the same verdicts.
- RemoteAction sent the whole conversation on every call (2-3 per turn), so each turn cost more than the
  last; our actions read the slots, the latest message and the events of the current turn only.
- ``Event.resolve_by_type`` walked all Event subclasses for every stored event (28 us each, and every turn
  reloads the session): a dict lookup filled by Rasa's own walk (1.2 us).
One more has no extension point in Rasa 3.6 and lives here for that reason only:
- The action server's call is bounded (COACH_ACTION_TIMEOUT, 8 s, instead of Rasa's 300 s) and its failures are
  noted for the running turn (channels/turn_failures.py), so the channel's TurnGuard can tell the user to retry.
  Rasa reads the action endpoint as a plain EndpointConfig: it has no type to name a class of our own.

The web page's Socket.IO server (channels/safe_socketio.py) extends two private methods of python-socketio's
``AsyncServer`` in a subclass, for want of a public hook, and channels/api_guard.py reads the closure of Rasa's
``requires_auth``: they are pinned here too (``OVERRIDES``; python-socketio 5.9.0), and
tests/channels/test_rasa_fixes.py fails when their source changes. So are the module-level functions the
launchers swap before running Rasa's command line: the standby's wait for its lock (channels/standby.py), the
console loop of `make shell` (scripts/coach_shell.py) and the training log of scripts/quiet_rasa.py. The
launchers swap them through ``swap()`` only, which refuses a function whose source is not the pinned one and
logs the swap.

``install()`` is called by nlu_components/__init__.py: Rasa imports that package for the pipeline's custom
components in every command that loads the model (``rasa run`` for `make run` and the cluster, ``rasa shell``,
``rasa test``), so they all run with the same replacements. Each one is logged when installed, and
tests/channels/test_rasa_fixes.py fails when the source of a replaced Rasa function changes.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import importlib
import importlib.metadata
import inspect
import logging
from dataclasses import dataclass
from typing import Any, Callable, Collection, Dict, List, Tuple

import rasa

from channels import turn_failures

PINNED_RASA = "3.6.21"
if rasa.__version__ != PINNED_RASA:
    raise ImportError(
        f"channels.rasa_fixes replaces internals of Rasa {PINNED_RASA}, but Rasa {rasa.__version__} is installed: "
        "compare each replaced function with the new Rasa source (tests/channels/test_rasa_fixes.py), "
        "then update PINNED_RASA and the recorded hashes."
    )

PINNED_SOCKETIO = "5.9.0"
_SOCKETIO = importlib.metadata.version("python-socketio")
if _SOCKETIO != PINNED_SOCKETIO:
    raise ImportError(
        f"channels.safe_socketio extends internals of python-socketio {PINNED_SOCKETIO}, but {_SOCKETIO} is "
        "installed: compare each method in OVERRIDES with the new source, then update PINNED_SOCKETIO and the hashes."
    )

logger = logging.getLogger(__name__)


def compiled_answer_validator(validate: Callable[..., bool]) -> Callable[..., bool]:
    """RemoteAction._validate_action_result with one compiled validator; Rasa's own check reports failures."""
    from jsonschema import ValidationError, validators
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    validator = validators.validator_for(schema)(schema)

    def validate_action_result(self: Any, result: Dict[str, Any]) -> bool:
        """Validate with the compiled validator; on failure let Rasa's check raise its usual error."""
        try:
            validator.validate(result)
        except ValidationError:
            return bool(validate(self, result))
        return True

    return validate_action_result


def current_turn_call(_: Callable[..., Dict[str, Any]]) -> Callable[..., Dict[str, Any]]:
    """RemoteAction._action_call_format with the events cut to the current turn (from the latest user message)."""
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import EventVerbosity

    def action_call_format(self: Any, tracker: Any, domain: Any) -> Dict[str, Any]:
        """Rasa's request body, events from the latest user message on."""
        turn = []
        for event in reversed(tracker.events):
            turn.append(event)
            if isinstance(event, UserUttered):
                break
        state = tracker.current_state(EventVerbosity.NONE)
        state["events"] = [event.as_dict() for event in reversed(turn)]
        body: Dict[str, Any] = {
            "next_action": self._name,
            "sender_id": tracker.sender_id,
            "tracker": state,
            "version": rasa.__version__,
        }
        if not self._is_selective_domain_enabled() or domain.does_custom_action_explicitly_need_domain(self.name()):
            body["domain"] = domain.as_dict()
        return body

    return action_call_format


def remembered_event_types(walk: Callable[..., Any]) -> Callable[..., Any]:
    """Event.resolve_by_type remembering each type name's class, found by Rasa's own walk."""
    found: Dict[str, Any] = {}

    def resolve_by_type(type_name: str, default: Any | None = None) -> Any | None:
        """Rasa's lookup, remembered per type name (defaults and unknown names are not remembered)."""
        cls = found.get(type_name)
        if cls is None:
            cls = walk(type_name, default)
            if cls is not None and getattr(cls, "type_name", None) == type_name:
                found[type_name] = cls
        return cls

    return resolve_by_type


def bounded_action_call(run: Callable[..., Any]) -> Callable[..., Any]:
    """RemoteAction.run within ACTION_TIMEOUT_SECONDS, noting the action server's failures for the running turn."""
    import aiohttp
    from rasa.core.actions.action import ActionExecutionRejection
    from rasa.shared.exceptions import RasaException
    from rasa.utils.endpoints import ClientResponseError

    async def remote_run(self: Any, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> Any:
        """Rasa's call to the action server, bounded in time; a timeout, an error status or no server is noted."""
        timeout = turn_failures.ACTION_TIMEOUT_SECONDS
        try:
            return await asyncio.wait_for(run(self, output_channel, nlg, tracker, domain), timeout)
        except asyncio.TimeoutError:
            turn_failures.note(f"action server gave no answer within {timeout:g} s")
            raise
        except ActionExecutionRejection:
            raise  # the action declined (a 400): Rasa predicts another one, nothing failed
        except RasaException as error:
            # Rasa turns the HTTP error into a RasaException (raised from it, or while handling it).
            cause = error.__cause__ or error.__context__
            if isinstance(cause, ClientResponseError):
                turn_failures.note(f"action server answered {cause.status}")
            elif isinstance(cause, aiohttp.ClientError):
                turn_failures.note(f"action server unreachable: {type(cause).__name__}")
            raise

    return remote_run


@dataclass(frozen=True)
class Replacement:
    """One Rasa function replaced: where, the SHA-256 of its Rasa source, why, and how the new one is built."""

    target: str  # "module:Class.attribute"
    rasa_sha256: str
    reason: str
    build: Callable[[Callable[..., Any]], Callable[..., Any]]


REPLACEMENTS: Tuple[Replacement, ...] = (
    Replacement(
        "rasa.core.actions.action:RemoteAction._validate_action_result",
        "f8cdb4be6812396167ced74161b2ccd65c5ea676ad86d7d359d8c322d9d8dc42",
        "answers checked by one compiled validator",
        compiled_answer_validator,
    ),
    Replacement(
        "rasa.core.actions.action:RemoteAction._action_call_format",
        "428795b944f22edba142d278ec47a30098975b01463ba337ec447dade52a0492",
        "the action server gets the current turn's events only",
        current_turn_call,
    ),
    Replacement(
        "rasa.shared.core.events:Event.resolve_by_type",
        "b5cf570fa7f286c7059ec73d8880528d03a78b28cf4e80285a46079c0fa65968",
        "event classes found by type name in a dict",
        remembered_event_types,
    ),
    Replacement(
        "rasa.core.actions.action:RemoteAction.run",
        "ccabf6f1160d527a157fad5bd285ce69e8221b1bcad23f8a61499b4360a1c17e",
        "the action server's call bounded in time, its failures noted for the turn's reply",
        bounded_action_call,
    ),
)


@dataclass(frozen=True)
class Override:
    """A private part of a pinned library that code of ours extends or relies on: where, its source's SHA-256, why."""

    target: str  # "module:Class.method" or "module:function"
    sha256: str
    ours: str  # "module:Class" of ours that extends it (a subclass), or "module:function" that relies on it
    reason: str


OVERRIDES: Tuple[Override, ...] = (
    Override(
        "socketio.asyncio_server:AsyncServer._handle_eio_message",
        "0bee1a87de57766ec156b7e5b83065b44597c03922f63880bf7fd968c285b300",
        "channels.safe_socketio:GuardedSocketServer",
        "a frame too deeply nested to decode gets a reply",
    ),
    Override(
        "socketio.asyncio_server:AsyncServer._handle_eio_disconnect",
        "f56f614c01ce9f62a7f864a3f53f2b9744252d840134fb6fa905d3c9c3d8db0a",
        "channels.safe_socketio:GuardedSocketServer",
        "a closing socket's last frames are dispatched before it is forgotten",
    ),
    Override(
        "rasa.server:requires_auth",
        "b90315c4ea48b28b0022ee17587b71edf03c766421a88b1005d2d5303a3f4d12",
        "channels.api_guard:install",
        "the model routes' body check is put behind Rasa's token check, read from its closure (token, f)",
    ),
    # The launchers (not the served code) swap a module-level function of Rasa or rasa_sdk before running its
    # command line; scripts/ modules are named as Python finds them with scripts/ on the path.
    Override(
        "rasa.core.run:load_agent_on_start",
        "b23e12447febeb64dfe0e78f545c37affae1059858280485b1094707a2704214",
        "channels.standby:wait_before_rasa_serves",
        "a standby Rasa loads the model as Rasa does, then waits for the lock before it binds its port",
    ),
    Override(
        "rasa_sdk.endpoint:create_app",
        "4f0ea292cb96d1f8d16a8fd42502dddc8c20d8242c72bf0b95f4c259b5e40952",
        "channels.standby:wait_before_actions_serve",
        "a standby action server imports the actions as rasa_sdk does, then waits for the lock",
    ),
    Override(
        "rasa.core.channels.console:record_messages",
        "fc840eb6c2689eee402b67c5916fcb0f2756a91d89e6c37b59e3c810540e7184",
        "coach_shell:main",
        "make shell's read-print loop (button titles, free typing, blank lines kept) replaces Rasa's console loop",
    ),
    Override(
        "rasa.core.channels.console:_send_message_receive_stream",
        "b9fb9dba090756f7a76c00c91ed0efd74d0d2c5dfa8648018308f8f93b09ebd0",
        "coach_shell:record_messages",
        "make shell sends each message and reads the answers through Rasa's own console request",
    ),
    Override(
        "rasa.__main__:configure_logging_and_warnings",
        "b26ebc5553b6fa2fe89407dfb8e0b2e9240d0f767689e458e5a99a8712b752b2",
        "quiet_rasa:show_training_progress",
        "rasa train --quiet still prints each component as it starts and ends",
    ),
)

# Rasa's original of each installed replacement, by target.
_ORIGINALS: Dict[str, Callable[..., Any]] = {}
# Swaps made before logging was configured (a launcher swaps before Rasa sets up its log): logged later.
_UNLOGGED_SWAPS: List[str] = []


def _owner_and_attribute(target: str) -> Tuple[Any, str]:
    """The class (or, for "module:function", the module) a target names, and the attribute named on it."""
    module_name, qualified = target.split(":")
    owner: Any = importlib.import_module(module_name)
    *classes, attribute = qualified.split(".")
    for class_name in classes:
        owner = getattr(owner, class_name)
    return owner, attribute


def rasa_original(target: str) -> Callable[..., Any]:
    """Rasa's own function for a target, whether or not its replacement is installed."""
    if target in _ORIGINALS:
        return _ORIGINALS[target]
    owner, attribute = _owner_and_attribute(target)
    raw = inspect.getattr_static(owner, attribute)
    return raw.__func__ if isinstance(raw, staticmethod) else raw


def install(only: Collection[str] = ()) -> None:
    """Install every replacement (or only the named targets) not installed yet, logging each one."""
    for replacement in REPLACEMENTS:
        if replacement.target in _ORIGINALS or (only and replacement.target not in only):
            continue
        owner, attribute = _owner_and_attribute(replacement.target)
        raw = inspect.getattr_static(owner, attribute)  # may be inherited: the replacement goes on owner
        original = raw.__func__ if isinstance(raw, staticmethod) else raw
        # Rasa's signature, annotations and name: Rasa validates its graph components by them when training.
        new = functools.wraps(original)(replacement.build(original))
        setattr(owner, attribute, staticmethod(new) if isinstance(raw, staticmethod) else new)
        _ORIGINALS[replacement.target] = original
        logger.info("Rasa %s: replaced %s: %s", PINNED_RASA, replacement.target, replacement.reason)
    log_swaps()


def swap(target: str, build: Callable[[Callable[..., Any]], Callable[..., Any]]) -> Callable[..., Any]:
    """Replace a module-level library function pinned in OVERRIDES by build(original), refusing a changed source."""
    override = next((o for o in OVERRIDES if o.target == target), None)
    if override is None:
        raise LookupError(f"{target} is not pinned in channels.rasa_fixes.OVERRIDES: pin it before swapping it")
    owner, attribute = _owner_and_attribute(target)
    original = getattr(owner, attribute)
    digest = hashlib.sha256(inspect.getsource(original).encode()).hexdigest()
    if digest != override.sha256:
        raise RuntimeError(
            f"channels.rasa_fixes will not swap {target}: its source is not the one reviewed ({digest[:12]} instead of "
            f"{override.sha256[:12]}); compare it with {override.ours}, then update the hash in OVERRIDES"
        )
    new = functools.wraps(original)(build(original))
    setattr(owner, attribute, new)
    _UNLOGGED_SWAPS.append(f"swapped {target} for {override.ours}: {override.reason}")
    if logging.getLogger().handlers:
        log_swaps()
    return new


def log_swaps() -> None:
    """Log the swaps not logged yet (called once the process's logging is set up)."""
    while _UNLOGGED_SWAPS:
        logger.info(_UNLOGGED_SWAPS.pop(0))
