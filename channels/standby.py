"""Warm standby for `make run`: a killed Rasa or action server is replaced in a second or two, not a cold start.

Usage (scripts/run.sh)::

    python -m channels.standby LOCK_FILE run --model ...      # Rasa
    python -m channels.standby LOCK_FILE run actions ...      # the action server

Runs the ``rasa`` CLI with these arguments, after one change: once everything slow is done (Rasa: the model
loaded; the action server: the actions imported), the process takes an exclusive ``flock`` on LOCK_FILE before
it binds its port. The first process takes the lock at once and serves. A second one started with the same
LOCK_FILE loads everything, logs that it stands by, and blocks on the lock; the kernel releases the lock when
the serving process dies (however it dies, SIGKILL included), and the standby binds the port at once. The
holder writes its pid into LOCK_FILE (tests/e2e/test_supervision.py reads it). A cold Rasa start costs
30-130 s on a busy 2-core machine (imports about 10 s, the model about 20 s); the standby costs one more
Rasa process's memory (about 0.7 GB) while it waits, and no CPU.
"""

from __future__ import annotations

import fcntl
import logging
import os
import sys
from typing import Any, Callable, List

from channels import rasa_fixes

logger = logging.getLogger("channels.standby")  # also when run as __main__

# Descriptors of the locks this process holds: kept open (and so locked) until the process ends.
_held: List[int] = []


def take_over(lock_file: str, name: str) -> None:
    """Hold the exclusive lock on lock_file, waiting while another process serves; then write this pid into it."""
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        logger.info("%s is loaded and standing by (pid %d): it serves when the running one stops", name, os.getpid())
        fcntl.flock(fd, fcntl.LOCK_EX)
        logger.info("%s (pid %d) takes over: the one serving before has stopped", name, os.getpid())
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    _held.append(fd)


def serving_pid(lock_file: str) -> int | None:
    """The pid written by the process that holds lock_file (None if nobody holds it)."""
    try:
        fd = os.open(lock_file, os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            text = os.pread(fd, 32, 0).decode(errors="replace").strip()
            return int(text) if text.isdigit() else None
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def wait_before_rasa_serves(lock_file: str) -> None:
    """Make Rasa take the lock after its model is loaded and before it binds its port."""

    def build(load: Callable[..., Any]) -> Callable[..., Any]:
        """Rasa's load_agent_on_start, then the wait for the lock."""

        async def load_then_take_over(model_path: str, endpoints: Any, remote_storage: Any, app: Any, loop: Any) -> Any:
            """Load the agent as Rasa does, then wait for the lock."""
            agent = await load(model_path, endpoints, remote_storage, app, loop)
            take_over(lock_file, "Rasa")
            return agent

        return load_then_take_over

    rasa_fixes.swap("rasa.core.run:load_agent_on_start", build)


def wait_before_actions_serve(lock_file: str) -> None:
    """Make the action server take the lock after its actions are imported and before it binds its port."""

    def build(create_app: Callable[..., Any]) -> Callable[..., Any]:
        """rasa_sdk's create_app, then the wait for the lock."""

        def create_then_take_over(*args: Any, **kwargs: Any) -> Any:
            """Build the app (which imports the actions) as rasa_sdk does, then wait for the lock."""
            app = create_app(*args, **kwargs)
            rasa_fixes.log_swaps()  # rasa_sdk has set up its log by now
            take_over(lock_file, "The action server")
            return app

        return create_then_take_over

    rasa_fixes.swap("rasa_sdk.endpoint:create_app", build)


def main(argv: List[str]) -> None:
    """Install the wait for LOCK_FILE (argv[0]) and run the rasa CLI with the remaining arguments."""
    if len(argv) < 2 or argv[1] != "run":
        sys.exit("usage: python -m channels.standby LOCK_FILE run [actions] [rasa options]")
    lock_file, args = argv[0], argv[1:]
    if args[1:2] == ["actions"]:
        wait_before_actions_serve(lock_file)
    else:
        wait_before_rasa_serves(lock_file)
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *args]
    rasa_main()


if __name__ == "__main__":
    main(sys.argv[1:])
