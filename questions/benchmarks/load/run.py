"""`make bench-load`: serve Cram with gunicorn on PostgreSQL and on SQLite and drive it with
locust from a second process over loopback; print one table per database.

For each database: create it (PostgreSQL: `cram_load` on 127.0.0.1:5432, dropped afterwards;
SQLite: a temporary file), migrate, load the built-in content, create the load-test learners,
start gunicorn (production settings, CPU count × 2 + 1 sync workers), then run locust headless:
`/healthz`, the API root and the autosave path back to back (the capacity comparison), then the learner mix
at 8, 32 and 128 users. Each locust run has an unreported warm-up (users ramp up, workers import
their lazy modules, the first tests are started) before the measured window. gunicorn and the
database are cleaned up however the run ends.
"""

from __future__ import annotations

import argparse
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from questions.benchmarks.load.results import Run, report

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_DATABASE = "cram_load"


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


# --- the database -------------------------------------------------------------------------


@contextmanager
def postgres_database() -> Iterator[str]:
    import psycopg

    def admin(sql: str) -> None:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
            connection.execute(sql)

    admin(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")  # a crashed run's leftover
    admin(f"CREATE DATABASE {PG_DATABASE}")
    try:
        yield f"postgres://postgres@127.0.0.1:5432/{PG_DATABASE}"
    finally:
        admin(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")


@contextmanager
def sqlite_database(workdir: Path) -> Iterator[str]:
    path = workdir / "load.sqlite3"
    try:
        yield f"sqlite:///{path}"
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def server_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="quizsite.settings.production",
        DATABASE_URL=database_url,
        SECRET_KEY=secrets.token_urlsafe(50),
        DEBUG="false",
        SECURE_SSL_REDIRECT="false",  # plain HTTP on loopback; nothing else changes
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="WARNING",
    )
    return env


def prepare(env: dict[str, str], users_file: Path, accounts: int, password: str) -> None:
    manage = [sys.executable, "manage.py"]
    for command in (
        [*manage, "migrate", "--noinput", "--verbosity", "0"],
        [*manage, "load_content", "--verbosity", "0"],
        [*manage, "collectstatic", "--noinput", "--verbosity", "0"],
        [sys.executable, "-m", "questions.benchmarks.load.users", "--count", str(accounts),
         f"--password={password}", "--out", str(users_file)],
    ):  # fmt: skip
        subprocess.run(command, cwd=ROOT, env=env, check=True)  # noqa: S603 (our own argv)


def query_counts(env: dict[str, str]) -> list[str]:
    """`queries.py`'s table: queries per request, new learner and with a long history."""
    command = [sys.executable, "-m", "questions.benchmarks.load.queries"]
    result = subprocess.run(  # noqa: S603
        command, cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout.strip().splitlines()


# --- gunicorn -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Server:
    url: str
    pgid: int  # gunicorn's process group: master, workers and their CAS pool processes
    database: str | None  # PostgreSQL database whose backends count as the server's CPU


@contextmanager
def gunicorn(
    env: dict[str, str], port: int, workers: int, log: Path, database: str | None
) -> Iterator[Server]:
    """gunicorn in its own process group, stopped (and its group killed) on the way out."""
    command = [
        str(BIN / "gunicorn"), "quizsite.wsgi", "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--error-logfile", str(log), "--log-level", "warning",
    ]  # fmt: skip
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise RuntimeError(f"port {port} is taken; pass --port")
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)  # noqa: S603
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        yield Server(url, process.pid, database)
    finally:
        stop_group(process)


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with code {process.returncode}")
        with suppress(OSError), urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310
            if response.status == 200:
                return
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer /healthz in time")


def stop_group(process: subprocess.Popen) -> None:
    if process.poll() is None:
        with suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)  # graceful: the master stops its workers
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=15)
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)  # anything left in the group (CAS pool workers)
    with suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)


@contextmanager
def _log_on_failure(log: Path) -> Iterator[None]:
    """Show the end of gunicorn's error log when the run fails, before it is deleted."""
    try:
        yield
    except BaseException:
        if log.exists():
            tail = log.read_text(errors="replace").splitlines()[-40:]
            print("gunicorn error log (last lines):", *tail, sep="\n", file=sys.stderr)
        raise


def smoke_check(url: str) -> None:
    """The home page renders (templates, static manifest) and a static file is served."""
    with urllib.request.urlopen(f"{url}/", timeout=10) as response:  # noqa: S310
        html = response.read().decode()
    start = html.find("/static/")
    if response.status != 200 or start < 0:
        raise RuntimeError("the home page did not render with static files")
    path = html[start : html.find('"', start)]
    with urllib.request.urlopen(f"{url}{path}", timeout=10) as static:  # noqa: S310
        if static.status != 200:
            raise RuntimeError(f"whitenoise did not serve {path}")


# --- locust -------------------------------------------------------------------------------


def locust(
    *,
    server: Server,
    user_class: str,
    users: int,
    warmup_s: int,
    measure_s: int,
    users_file: Path,
    out: Path,
    label: str,
) -> Run:
    """One headless locust run in its own process; statistics cover the window after warm-up."""
    prefix = str(out / f"{user_class.lower()}-{users}")
    spawn_rate = max(1, users // 8)  # arrivals over ~8 s, all inside the warm-up
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        CRAM_LOAD_USERS=str(users_file),
        CRAM_LOAD_WARMUP=str(warmup_s),
        CRAM_LOAD_WARMUP_FAILURES=f"{prefix}_warmup_failures.json",
        CRAM_LOAD_CPU=f"{prefix}_cpu.json",
        CRAM_LOAD_SERVER_PGID=str(server.pgid),
        CRAM_LOAD_DATABASE=server.database or "",
    )
    command = [
        str(BIN / "locust"), "-f", str(HERE / "locustfile.py"), "--headless", "--host", server.url,
        "--users", str(users), "--spawn-rate", str(spawn_rate),
        "--run-time", f"{warmup_s + measure_s}s", "--stop-timeout", "10",
        "--csv", prefix, "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0",
        user_class,
    ]  # fmt: skip
    with open(f"{prefix}.log", "w") as log:
        subprocess.run(command, cwd=out, env=env, check=True, stdout=log, stderr=log)  # noqa: S603
    return Run.read(prefix, label=label, users=users)


# --- main ---------------------------------------------------------------------------------


def bench_database(kind: str, args: argparse.Namespace, workdir: Path) -> list[str]:
    database = postgres_database() if kind == "postgres" else sqlite_database(workdir)
    out = workdir / kind
    out.mkdir()
    users_file = out / "users.json"
    workers = args.workers or cpu_count() * 2 + 1
    with database as url:
        env = server_env(url)
        accounts = max(args.users) + 2 * args.capacity_users
        prepare(env, users_file, accounts, password=secrets.token_urlsafe(16))
        print(f"  {kind}: queries per request…", flush=True)
        queries = query_counts(env)
        log = out / "gunicorn.log"
        pg_name = PG_DATABASE if kind == "postgres" else None
        with gunicorn(env, args.port, workers, log, pg_name) as server, _log_on_failure(log):
            smoke_check(server.url)
            common = {"server": server, "users_file": users_file, "out": out}
            capacity = {"users": args.capacity_users, "warmup_s": 8, "measure_s": args.capacity_s}
            print(f"  {kind}: capacity of /healthz, the API root and autosave…", flush=True)
            health = locust(user_class="HealthProbe", label="/healthz", **capacity, **common)
            api = locust(user_class="ApiProbe", label="API root", **capacity, **common)
            save = locust(user_class="Saver", label="autosave", **capacity, **common)
            page = locust(user_class="PageSaver", label="autosave, page", **capacity, **common)
            mix = []
            for users in args.users:
                print(f"  {kind}: learner mix at {users} users…", flush=True)
                mix.append(
                    locust(
                        user_class="Learner",
                        users=users,
                        warmup_s=args.warmup_s,
                        measure_s=args.measure_s,
                        label=f"mix, {users} users",
                        **common,
                    )
                )
        engine = f"PostgreSQL {postgres_version()}" if kind == "postgres" else sqlite_version()
    think = f"think time {args.think_min:g}–{args.think_max:g} s, {args.measure_s} s measured"
    sections = report(
        title=f"{engine} — gunicorn, {workers} sync workers",
        health=health,
        api=api,
        save=save,
        page=page,
        mix=mix,
        think=think,
        cpus=cpu_count(),
    )
    return [*sections, "", *queries]


def sqlite_version() -> str:
    import sqlite3

    return f"SQLite {sqlite3.sqlite_version} (WAL)"


def postgres_reachable() -> bool:
    import psycopg

    try:
        psycopg.connect(PG_ADMIN_URL, connect_timeout=3).close()
    except psycopg.OperationalError:
        return False
    return True


def postgres_version() -> str:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL) as connection:
        return connection.execute("SHOW server_version").fetchone()[0].split()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="postgres,sqlite")
    parser.add_argument("--users", default="8,32,128", help="learner counts, comma-separated")
    parser.add_argument("--measure-s", type=int, default=30)
    parser.add_argument("--warmup-s", type=int, default=20)
    parser.add_argument("--capacity-users", type=int, default=32)
    parser.add_argument("--capacity-s", type=int, default=20)
    parser.add_argument("--think-min", type=float, default=0.5)
    parser.add_argument("--think-max", type=float, default=1.5)
    parser.add_argument("--workers", type=int, default=0, help="default: CPU count × 2 + 1")
    parser.add_argument("--port", type=int, default=8791)
    args = parser.parse_args()
    args.users = [int(n) for n in args.users.split(",")]
    os.environ["CRAM_LOAD_THINK_MIN"] = str(args.think_min)
    os.environ["CRAM_LOAD_THINK_MAX"] = str(args.think_max)
    signal.signal(signal.SIGTERM, _interrupt)
    print(
        f"Cram load benchmark, {time.strftime('%Y-%m-%d %H:%M')}: {cpu_model()}, {cpu_count()} CPUs, "
        f"Python {platform.python_version()}; locust and gunicorn share the machine",
        flush=True,
    )
    workdir = Path(tempfile.mkdtemp(prefix="cram-load-"))
    sections = []
    try:
        for kind in args.databases.split(","):
            if kind == "postgres" and not postgres_reachable():
                sections.append([f"PostgreSQL is not reachable at {PG_ADMIN_URL}: skipped."])
                continue
            sections.append(bench_database(kind, args, workdir))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print()
    for lines in sections:
        print("\n".join(lines))
        print()


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM (a CI timeout, `kill`) unwinds like Ctrl-C, so every cleanup runs."""
    raise KeyboardInterrupt


def cpu_model() -> str:
    with suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


if __name__ == "__main__":
    main()
