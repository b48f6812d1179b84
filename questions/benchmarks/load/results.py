"""Reading one locust run's output (statistics, failures, CPU accounting) and printing the
per-database report in Markdown, with the feature's targets checked."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

GROUPS = ("save", "preview", "start", "submit", "due", "review", "login")
TARGET_P95_MS = 150
TARGET_P95_USERS = 32
TARGET_SAVE_SHARE = 0.5


@dataclass(frozen=True)
class Stats:
    """One row of locust's statistics for the measured window (times in ms)."""

    name: str
    requests: int
    failures: int
    rps: float
    p50: float
    p95: float
    p99: float

    @classmethod
    def from_csv(cls, row: dict[str, str]) -> Stats:
        def number(key: str) -> float:
            value = row.get(key, "")
            return float(value) if value not in ("", "N/A") else 0.0

        return cls(
            name=row["Name"],
            requests=int(number("Request Count")),
            failures=int(number("Failure Count")),
            rps=number("Requests/s"),
            p50=number("50%"),
            p95=number("95%"),
            p99=number("99%"),
        )

    def cells(self) -> str:
        if not self.requests:
            return "– | – | – | – | –"
        return (
            f"{self.rps:.1f} | {self.p50:.0f} | {self.p95:.0f} | {self.p99:.0f} | {self.failures}"
        )


@dataclass(frozen=True)
class CpuUse:
    """Where the CPU went during the measured window (see `cpu_time`)."""

    seconds: float
    machine_busy: float
    server: float
    generator: float
    requests: int

    def server_ms_per_request(self) -> float:
        return 1000 * self.server / self.requests if self.requests else 0.0

    def cells(self, cpus: int) -> str:
        other = max(0.0, self.machine_busy - self.server - self.generator)
        return (
            f"{self.server_ms_per_request():.1f} | {self.server / self.seconds:.2f} | "
            f"{self.generator / self.seconds:.2f} | {other / self.seconds:.2f} | "
            f"{100 * self.machine_busy / self.seconds / cpus:.0f}%"
        )


@dataclass(frozen=True)
class Run:
    label: str
    users: int
    groups: dict[str, Stats]
    total: Stats
    failures: list[str]
    cpu: CpuUse | None

    @classmethod
    def read(cls, prefix: str, *, label: str, users: int) -> Run:
        """The files locust and the locustfile wrote under `prefix`."""
        with open(f"{prefix}_stats.csv", newline="") as handle:
            rows = [Stats.from_csv(row) for row in csv.DictReader(handle)]
        with open(f"{prefix}_failures.csv", newline="") as handle:
            failures = [
                f"{row['Occurrences']}× {row['Method']} {row['Name']}: {row['Error']}"
                for row in csv.DictReader(handle)
            ]
        warmup = Path(f"{prefix}_warmup_failures.json")
        if warmup.exists():
            failures += [
                f"{f['count']}× {f['method']} {f['name']} (during warm-up): {f['error']}"
                for f in json.loads(warmup.read_text())
            ]
        cpu_file = Path(f"{prefix}_cpu.json")
        cpu = None
        if cpu_file.exists():
            data = json.loads(cpu_file.read_text())
            cpu = CpuUse(
                seconds=data["wall"],
                machine_busy=data["machine_busy"],
                server=data["server"],
                generator=data["generator"],
                requests=data["requests"],
            )
        total = next(row for row in rows if row.name == "Aggregated")
        groups = {row.name: row for row in rows if row.name != "Aggregated"}
        return cls(label, users, groups, total, failures, cpu)

    def errors(self) -> int:
        during_warmup = sum(int(f.split("×")[0]) for f in self.failures if "(during warm-up)" in f)
        return self.total.failures + during_warmup


def report(
    *,
    title: str,
    health: Run,
    api: Run,
    save: Run,
    page: Run,
    mix: list[Run],
    think: str,
    cpus: int,
) -> list[str]:
    """The Markdown section for one database."""
    save_stats = save.groups.get("save", save.total)
    page_stats = page.groups.get("save", page.total)
    share = save_stats.rps / health.total.rps if health.total.rps else 0.0
    page_share = page_stats.rps / health.total.rps if health.total.rps else 0.0
    lines = [
        f"### {title}",
        "",
        f"Capacity: {health.users} users back to back (no think time), "
        f"{health.cpu.seconds if health.cpu else 0:.0f} s measured each.",
        "",
        "| probe | req/s | p50 ms | p95 ms | p99 ms | errors | server CPU ms/req |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, run, stats in (("`GET /healthz` (the framework's floor)", health, health.total),
                             ("`GET /api/v1/` with a token (the API's floor)", api, api.total),
                             ("autosave `PUT /api/v1/tests/{id}/items/{i}/`", save, save_stats),
                             ("the same from the test page (cookie, CSRF, autosave key)", page, page_stats)):  # fmt: skip
        cost = f"{run.cpu.server_ms_per_request():.2f}" if run.cpu else "–"
        lines.append(f"| {name} | {stats.cells()} | {cost} |")
    lines += [
        "",
        f"Autosave throughput = **{100 * share:.0f}%** of `/healthz` "
        f"({100 * save_stats.rps / api.total.rps if api.total.rps else 0:.0f}% of the API root); "
        f"from the test page: **{100 * page_share:.0f}%**.",
        "",
        f"Learner mix ({think}):",
        "",
        "| users | group | req/s | p50 ms | p95 ms | p99 ms | errors |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in mix:
        for group in GROUPS:
            stats = run.groups.get(group)
            lines.append(
                f"| {run.users} | {group} | {stats.cells() if stats else '– | – | – | – | –'} |"
            )
        lines.append(f"| {run.users} | **all** | {run.total.cells()} |")
    lines += [
        "",
        "Where the CPU went (in CPUs, i.e. CPU-seconds per second):",
        "",
        "| run | server CPU ms/req | server (gunicorn + database) | locust | other processes | machine busy |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in [health, api, save, page, *mix]:
        if run.cpu:
            lines.append(f"| {run.label} | {run.cpu.cells(cpus)} |")
    runs = [health, api, save, page, *mix]
    lines += ["", "Targets: " + "; ".join(verdicts(runs=runs, mix=mix, share=share)) + "."]
    for run in runs:
        lines += [f"- failed, {run.label}: {failure}" for failure in run.failures]
    return lines


def verdicts(*, runs: list[Run], mix: list[Run], share: float) -> list[str]:
    errors = sum(run.errors() for run in runs)
    found = [run for run in mix if run.users == TARGET_P95_USERS]
    p95 = found[0].total.p95 if found else None
    return [
        "0 errors " + ("met" if errors == 0 else f"MISSED ({errors})"),
        f"p95 < {TARGET_P95_MS} ms at {TARGET_P95_USERS} users "
        + ("not measured" if p95 is None else ("met" if p95 < TARGET_P95_MS else "MISSED"))
        + ("" if p95 is None else f" ({p95:.0f} ms)"),
        f"autosave ≥ {100 * TARGET_SAVE_SHARE:.0f}% of /healthz throughput "
        + ("met" if share >= TARGET_SAVE_SHARE else "MISSED")
        + f" ({100 * share:.0f}%)",
    ]
