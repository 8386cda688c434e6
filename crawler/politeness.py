"""Per-host request pacing shared by every thread in the process."""
from __future__ import annotations

import threading
import time


class HostGate:
    """Lets one request start on a host at most every `interval` seconds, across all threads.

    The lock is held while sleeping: requests to one host are serial anyway, and measuring the
    next slot from the moment this request really starts keeps the spacing exact even when a
    thread wakes late."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next = 0.0

    def wait(self, interval: float) -> float:
        """Block until this host may be asked again; returns the start time (epoch seconds)."""
        with self._lock:
            delay = self._next - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            started = time.monotonic()
            self._next = started + max(interval, 0.0)
            return time.time()


_gates: dict[str, HostGate] = {}
_gates_lock = threading.Lock()


def gate_for(host: str) -> HostGate:
    with _gates_lock:
        return _gates.setdefault(host, HostGate())
