"""CPU time of the server under test (gunicorn's process group and the database's backends),
of the load generator, and of the whole machine, read from /proc (Linux).

Server CPU per request is the robust figure on a machine shared with the load generator and
with other work; the rest shows how much of the machine a measurement really had.
"""

from __future__ import annotations

import os
import resource
import time
from dataclasses import dataclass
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Usage:
    wall: float  # seconds measured
    machine_busy: float  # CPU-seconds spent on anything but idle/iowait, all CPUs
    server: float  # CPU-seconds of gunicorn's processes and the database's backends
    generator: float  # CPU-seconds of this (the locust) process


def _machine_busy() -> float:
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / TICK


def _generator() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _server_processes(pgid: int, database: str | None) -> dict[int, float]:
    """CPU-seconds so far of each process in `pgid` or serving `database`, by pid."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            # after the parenthesised command: state ppid pgrp ... utime(12th) stime(13th)
            rest = stat.rsplit(")", 1)[1].split()
            ours = int(rest[2]) == pgid
            if not ours and database:
                command = (entry / "cmdline").read_bytes().decode(errors="replace")
                ours = command.startswith("postgres:") and f" {database} " in command
        except (OSError, IndexError, ValueError):
            continue  # the process ended while we looked
        if ours:
            found[int(entry.name)] = (int(rest[11]) + int(rest[12])) / TICK
    return found


class CpuMeter:
    """Accumulates the server's CPU per process, so processes that come and go (database
    backends recycled by CONN_MAX_AGE, pool workers) count; call `tick()` about every second
    (a process that exits loses at most its last tick's worth)."""

    def __init__(self, *, server_pgid: int, database: str | None) -> None:
        self.pgid, self.database = server_pgid, database
        self.started = time.monotonic()
        self.busy, self.generator = _machine_busy(), _generator()
        self.last = _server_processes(self.pgid, self.database)
        self.server = 0.0

    def tick(self) -> None:
        now = _server_processes(self.pgid, self.database)
        self.server += sum(cpu - self.last.get(pid, 0.0) for pid, cpu in now.items())
        self.last = now

    def usage(self) -> Usage:
        self.tick()
        return Usage(
            wall=time.monotonic() - self.started,
            machine_busy=_machine_busy() - self.busy,
            server=self.server,
            generator=_generator() - self.generator,
        )
