"""channels/standby.py: the process holding the lock serves; a standby takes over when the holder dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from channels.standby import serving_pid, take_over

HOLD = (
    "import sys, time; from channels.standby import take_over; "
    "take_over(sys.argv[1], 'test'); print('held', flush=True); time.sleep(60)"
)


def test_nobody_serves_without_a_holder(tmp_path: Path) -> None:
    assert serving_pid(str(tmp_path / "missing.lock")) is None
    (tmp_path / "free.lock").write_text("123\n")
    assert serving_pid(str(tmp_path / "free.lock")) is None


def test_standby_waits_for_the_holder_then_takes_over_when_it_is_killed(tmp_path: Path) -> None:
    lock = str(tmp_path / "server.lock")
    holder = subprocess.Popen([sys.executable, "-c", HOLD, lock], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert serving_pid(lock) == holder.pid
        took: list[float] = []
        standby = threading.Thread(target=lambda: (take_over(lock, "standby"), took.append(time.monotonic())))
        standby.start()
        time.sleep(0.5)
        assert not took, "the standby served while the holder was alive"
        killed = time.monotonic()
        os.kill(holder.pid, signal.SIGKILL)
        standby.join(5)
        assert took and took[0] - killed < 2
        assert serving_pid(lock) == os.getpid()
    finally:
        holder.kill()
        holder.wait()
