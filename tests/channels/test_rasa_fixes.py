"""The replacements of Rasa internals: pinned to Rasa's source, installed and logged the same way by every command."""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import inspect
import logging
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, List, Tuple

import aiohttp
import pytest
import yaml
from rasa.utils.endpoints import ClientResponseError, EndpointConfig

from channels import rasa_fixes, turn_failures
from channels.rasa_fixes import REPLACEMENTS, Replacement, install, rasa_original

ROOT = Path(__file__).resolve().parents[2]
QUIET = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "PYTHONWARNINGS": "ignore"}


def python(code: str) -> subprocess.CompletedProcess:
    """Run Python code in a fresh interpreter at the project root."""
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=QUIET, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.mark.parametrize("replacement", REPLACEMENTS, ids=[r.target.split(":")[1] for r in REPLACEMENTS])
def test_the_replaced_rasa_function_is_the_one_reviewed(replacement: Replacement) -> None:
    """A new Rasa version (or a patched install) must be compared with each replacement before it is used."""
    source = inspect.getsource(rasa_original(replacement.target))
    assert hashlib.sha256(source.encode()).hexdigest() == replacement.rasa_sha256, (
        f"Rasa's {replacement.target} changed: check that the replacement ({replacement.reason}) still fits, "
        "then record the new hash"
    )


@pytest.mark.parametrize("replacement", REPLACEMENTS, ids=[r.target.split(":")[1] for r in REPLACEMENTS])
def test_each_replacement_is_installed_in_place_of_rasas(replacement: Replacement) -> None:
    install()
    owner, attribute = rasa_fixes._owner_and_attribute(replacement.target)
    installed = inspect.getattr_static(owner, attribute)
    installed = installed.__func__ if isinstance(installed, staticmethod) else installed
    assert installed is not rasa_original(replacement.target)
    assert installed.__wrapped__ is rasa_original(replacement.target)
    assert inspect.signature(installed) == inspect.signature(rasa_original(replacement.target))


def test_the_model_graph_still_validates_with_the_replacements() -> None:
    """rasa train checks each component's run method by its signature and annotations (it failed on a bare wrapper)."""
    run = python(
        "import nlu_components\n"
        "from rasa.engine.recipes.recipe import Recipe\n"
        "from rasa.engine.validation import validate\n"
        "from rasa.shared.data import TrainingType\n"
        "from rasa.shared.utils.io import read_yaml_file\n"
        "config = read_yaml_file('config.yml')\n"
        "recipe = Recipe.recipe_for_name(config.get('recipe'))\n"
        "validate(recipe.graph_config_for_recipe(config, {}, training_type=TrainingType.BOTH))\n"
        "print('valid')"
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["valid"]


def logged_by_rasa_fixes(code: str, before_logging: str = "") -> Tuple[subprocess.CompletedProcess, List[str]]:
    """Run before_logging, set up an INFO log, run code; return the run and the lines channels.rasa_fixes logged."""
    run = python(
        before_logging
        + "import logging; logging.basicConfig(level=logging.INFO, format='%(name)s|%(message)s')\n"
        + code
    )
    assert run.returncode == 0, run.stderr
    return run, [line for line in run.stderr.splitlines() if line.startswith("channels.rasa_fixes|")]


def test_loading_the_pipeline_package_installs_and_logs_every_replacement_once() -> None:
    """What rasa run, rasa shell and rasa test import to build the model's pipeline installs all replacements."""
    run, logged = logged_by_rasa_fixes(
        "import nlu_components\n"
        "from rasa.core.actions.action import RemoteAction\n"
        "print('call format replaced:', hasattr(RemoteAction._action_call_format, '__wrapped__'))"
    )
    assert len(logged) == len(REPLACEMENTS)
    assert all(sum(f"replaced {r.target}: " in line for line in logged) == 1 for r in REPLACEMENTS)
    assert "call format replaced: True" in run.stdout


def test_every_model_command_imports_the_pipeline_package() -> None:
    """config.yml names components of nlu_components, so Rasa imports the package wherever it loads the model."""
    pipeline = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]
    assert any(component["name"].startswith("nlu_components.") for component in pipeline)
    assert "rasa_fixes.install()" in (ROOT / "nlu_components" / "__init__.py").read_text(encoding="utf-8")


def test_channels_install_nothing_when_imported() -> None:
    run = python(
        "import channels.rest, channels.socketio, channels.slack, sys\n"
        "from rasa.core.actions.action import RemoteAction\n"
        "print(hasattr(RemoteAction._action_call_format, '__wrapped__'), 'nlu_components' in sys.modules)"
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["False", "False"]


def test_a_single_replacement_can_be_installed_alone() -> None:
    """As the profiler does on a stock assistant (bench/profile_launcher.py, BENCH_FAST_VALIDATE=1)."""
    run = python(
        "from channels.rasa_fixes import install\n"
        "from rasa.core.actions.action import RemoteAction\n"
        "install(only={'rasa.core.actions.action:RemoteAction._validate_action_result'})\n"
        "print(*(hasattr(f, '__wrapped__') for f in (RemoteAction._validate_action_result, "
        "RemoteAction._action_call_format)))"
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["True", "False"]


def test_another_rasa_version_is_refused() -> None:
    run = python("import rasa; rasa.__version__ = '3.6.20'\nimport channels.rasa_fixes")
    assert run.returncode != 0
    assert "replaces internals of Rasa 3.6.21, but Rasa 3.6.20 is installed" in run.stderr


class FakeActionServer(EndpointConfig):
    """The action endpoint Rasa's RemoteAction calls: answers, fails or hangs as told."""

    def __init__(self, outcome: Any) -> None:
        """outcome: a dict to answer, an exception to raise, or None to hang."""
        super().__init__("http://127.0.0.1:1/webhook")
        self.outcome = outcome

    async def request(self, **_: Any) -> Any:
        """Answer, raise or never answer."""
        if self.outcome is None:
            await asyncio.sleep(60)
        if isinstance(self.outcome, BaseException):
            raise self.outcome
        return self.outcome


async def run_remote(outcome: Any) -> Tuple[Any, List[str]]:
    """Run a custom action through the replaced RemoteAction.run in a collected turn: its result and the notes."""
    from rasa.core.actions.action import RemoteAction
    from rasa.core.channels.channel import CollectingOutputChannel
    from rasa.core.nlg import TemplatedNaturalLanguageGenerator
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    install(only={"rasa.core.actions.action:RemoteAction.run"})
    action = RemoteAction("action_advise", FakeActionServer(outcome))
    tracker = DialogueStateTracker("u1", [])
    with turn_failures.collecting() as failures:
        try:
            result: Any = await action.run(
                CollectingOutputChannel(), TemplatedNaturalLanguageGenerator({}), tracker, Domain.empty()
            )
        except Exception as error:  # noqa: BLE001 - the outcome under test
            result = error
    return result, failures


async def test_the_action_call_is_bounded_and_a_frozen_server_is_noted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(turn_failures, "ACTION_TIMEOUT_SECONDS", 0.05)
    started = time.monotonic()
    result, failures = await run_remote(None)
    assert isinstance(result, asyncio.TimeoutError) and time.monotonic() - started < 5
    assert failures == ["action server gave no answer within 0.05 s"]


@pytest.mark.parametrize(
    ("outcome", "noted"),
    [
        (ClientResponseError(502, "Bad Gateway", ""), ["action server answered 502"]),
        (ClientResponseError(404, "Not Found", "no such action"), ["action server answered 404"]),
        (aiohttp.ClientConnectionError("refused"), ["action server unreachable: ClientConnectionError"]),
        (aiohttp.ClientPayloadError("cut"), ["action server unreachable: ClientPayloadError"]),
    ],
)
async def test_action_server_failures_are_noted_for_the_turn(outcome: BaseException, noted: List[str]) -> None:
    from rasa.shared.exceptions import RasaException

    result, failures = await run_remote(outcome)
    assert isinstance(result, RasaException)
    assert failures == noted


async def test_a_rejected_action_and_a_good_answer_note_nothing() -> None:
    from rasa.core.actions.action import ActionExecutionRejection

    rejected = ClientResponseError(400, "Bad Request", '{"action_name": "action_advise", "error": "no"}')
    result, failures = await run_remote(rejected)
    assert isinstance(result, ActionExecutionRejection) and failures == []
    result, failures = await run_remote({"events": [{"event": "slot", "name": "goal", "value": "follow_up"}]})
    assert [(e.key, e.value) for e in result] == [("goal", "follow_up")] and failures == []


async def test_notes_outside_a_guarded_turn_go_nowhere() -> None:
    """rasa shell and rasa test run the same call; with no TurnGuard collecting, a failure only raises."""
    turn_failures.note("action server answered 500")
    with turn_failures.collecting() as failures:
        pass
    assert failures == []


@pytest.mark.parametrize("override", rasa_fixes.OVERRIDES, ids=[o.target.split(":")[-1] for o in rasa_fixes.OVERRIDES])
def test_the_extended_library_internal_is_the_one_reviewed(
    override: rasa_fixes.Override, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Code of ours extends or relies on a private part of a library: a change in its source must be reviewed first."""
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))  # the launchers of scripts/ (coach_shell, quiet_rasa)
    owner, attribute = rasa_fixes._owner_and_attribute(override.target)
    source = inspect.getsource(getattr(owner, attribute))
    assert hashlib.sha256(source.encode()).hexdigest() == override.sha256, f"{override.target} changed"
    ours_owner, ours_name = rasa_fixes._owner_and_attribute(override.ours)
    ours = getattr(ours_owner, ours_name)
    if inspect.isclass(ours):
        assert issubclass(ours, owner) and attribute in vars(ours)
        assert f"super().{attribute}(" in inspect.getsource(vars(ours)[attribute])
    else:
        assert attribute in inspect.getsource(ours)


def test_the_socketio_server_extends_only_the_pinned_methods() -> None:
    from socketio import AsyncServer

    from channels.safe_socketio import GuardedSocketServer

    extended = {name for name in vars(GuardedSocketServer) if name.startswith("_") and hasattr(AsyncServer, name)}
    pinned = {o.target.split(".")[-1] for o in rasa_fixes.OVERRIDES if o.ours.endswith(":GuardedSocketServer")}
    assert extended - {"__init__", "__module__", "__doc__"} == pinned


def _library_assignments_and_swaps() -> Tuple[set, set]:
    """Assignments to an attribute of rasa / rasa_sdk / console in channels/ and scripts/, and swap() targets."""
    import ast

    assigned, swapped = set(), set()
    for path in [*(ROOT / "channels").glob("*.py"), *(ROOT / "scripts").glob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            for target in node.targets if isinstance(node, ast.Assign) else []:
                if isinstance(target, ast.Attribute) and isinstance(target.value, (ast.Name, ast.Attribute)):
                    owner = ast.unparse(target.value)
                    if owner.split(".")[0] in ("rasa", "rasa_sdk", "console"):
                        assigned.add((path.name, owner, target.attr))
            if isinstance(node, ast.Call) and ast.unparse(node.func) in ("rasa_fixes.swap", "swap"):
                swapped.add((path.name, ast.literal_eval(node.args[0])))
    return assigned, swapped


def test_launchers_swap_library_functions_only_through_rasa_fixes() -> None:
    """No launcher assigns a Rasa or rasa_sdk function itself; each swap() names a pinned, module-level target."""
    assigned, swapped = _library_assignments_and_swaps()
    assert assigned == set(), f"assigned outside channels.rasa_fixes.swap(): {sorted(assigned)}"
    pinned = {o.target for o in rasa_fixes.OVERRIDES}
    assert {target for _, target in swapped} <= pinned, sorted(swapped)
    files = {file for file, _ in swapped}
    assert {"standby.py", "coach_shell.py", "quiet_rasa.py"} <= files, files
    # Every pinned module-level function that is replaced (not merely relied on) goes through swap().
    replaced = {"load_agent_on_start", "create_app", "record_messages", "configure_logging_and_warnings"}
    assert {target.split(":")[-1] for _, target in swapped} == replaced


def test_swap_replaces_logs_and_refuses_what_it_cannot_vouch_for(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import rasa.core.channels.console as console

    target = "rasa.core.channels.console:record_messages"
    original = console.record_messages
    monkeypatch.setattr(console, "record_messages", original)  # restored after the test

    async def ours(*args: Any, **kwargs: Any) -> int:
        return 0

    with caplog.at_level(logging.INFO, logger="channels.rasa_fixes"):
        new = rasa_fixes.swap(target, lambda _: ours)
    assert console.record_messages is new is ours and new.__wrapped__ is original
    assert any(f"swapped {target} for coach_shell:main" in r.getMessage() for r in caplog.records)

    monkeypatch.setattr(console, "record_messages", original)
    with pytest.raises(LookupError, match="not pinned"):
        rasa_fixes.swap("rasa.core.channels.console:print_buttons", lambda f: f)
    changed = [dataclasses.replace(o, sha256="0" * 64) if o.target == target else o for o in rasa_fixes.OVERRIDES]
    monkeypatch.setattr(rasa_fixes, "OVERRIDES", tuple(changed))
    with pytest.raises(RuntimeError, match="not the one reviewed"):
        rasa_fixes.swap(target, lambda _: ours)
    assert console.record_messages is original


def test_a_swap_made_before_logging_is_set_up_is_logged_once_it_is() -> None:
    """The launchers swap before Rasa configures its log: the line comes when the replacements are installed."""
    _, logged = logged_by_rasa_fixes(
        "import nlu_components\n",
        before_logging="from channels import rasa_fixes\n"
        "rasa_fixes.swap('rasa.core.channels.console:record_messages', lambda original: original)\n",
    )
    logged = [line for line in logged if "|swapped" in line]
    assert logged == [
        "channels.rasa_fixes|swapped rasa.core.channels.console:record_messages for coach_shell:main: "
        "make shell's read-print loop (button titles, free typing, blank lines kept) replaces Rasa's "
        "console loop"
    ]


def test_another_socketio_version_is_refused() -> None:
    run = python(
        "import importlib.metadata as m; real = m.version\n"
        "m.version = lambda name: '5.10.0' if name == 'python-socketio' else real(name)\n"
        "import channels.rasa_fixes"
    )
    assert run.returncode != 0
    assert "internals of python-socketio 5.9.0, but 5.10.0 is installed" in run.stderr
