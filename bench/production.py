"""The production set-up on loopback, for benchmarks: PostgreSQL, Redis, gunicorn, nginx.

    from production import production_stack   # with bench/ on sys.path, as in bench/serve

    with production_stack(articles=20000, page_cache=True, nginx=True, workers=4) as stack:
        stack.app_url       # gunicorn directly, e.g. http://127.0.0.1:41234
        stack.nginx_url     # the shipped deploy/nginx.conf in front of it (None without nginx)
        stack.static_url    # nginx serving stack.static_root as plain files: the limit
        stack.server_pids() # gunicorn master and workers, PostgreSQL backends, Redis
        stack.cpu_seconds() # their CPU time so far (utime + stime, reaped children included)

The database ``muhabir_bench`` on 127.0.0.1:5432 is built once (migrate, demo site, N
synthetic articles through bench/common.py's ``bench_site_build``) and reused while it
holds exactly N synthetic articles; with another N it is dropped and rebuilt. Settings
are ``muhabir.settings.production`` with Redis db 10 (emptied at each start), static
files collected under data/bench/static, media under data/bench/media.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deploy.loopback import (  # noqa: E402 - after the path is set
    SNIPPETS,
    Nginx,
    base_environment,
    children,
    free_port,
    gunicorn,
    nginx_config,
    stop_process,
    wait_for_http,
)

POSTGRES = "postgres://postgres@127.0.0.1:5432"
DATABASE = "muhabir_bench"
# Database 10: the test suites use 11 to 15.
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/10")
BENCH_DIR = ROOT / "data" / "bench"
SECRET_KEY = "bench-only-" + "k7Qm2xWv9pLr4tZs" * 3  # not a secret: loopback benchmarks
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _psql(sql: str, database: str = "postgres") -> str:
    result = subprocess.run(  # noqa: S603
        ["psql", f"{POSTGRES}/{database}", "-XAtqc", sql],  # noqa: S607 - PostgreSQL's client
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(result.stderr.strip())
    return result.stdout.strip()


def _database_exists(database: str) -> bool:
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", database):
        raise ValueError(f"not a plain database name: {database!r}")
    return _psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}'") == "1"  # noqa: S608


def _synthetic_articles(database: str) -> int | None:
    """How many synthetic articles the database holds; None if it is missing or empty."""
    if not _database_exists(database):
        return None
    try:
        return int(
            _psql("SELECT count(*) FROM wagtailcore_page WHERE slug LIKE 'synthetic-%'", database)
        )
    except RuntimeError:
        return None


def settings_environment(
    *, database: str = DATABASE, page_cache: bool = True, fragment_cache: bool = True
) -> dict[str, str]:
    """The environment of every process of the stack: production settings on loopback."""
    return {
        **base_environment(),
        "DJANGO_SETTINGS_MODULE": "muhabir.settings.production",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"{POSTGRES}/{database}",
        "REDIS_URL": REDIS_URL,
        "MEDIA_ROOT": str(BENCH_DIR / "media"),
        "STATIC_ROOT": str(BENCH_DIR / "static"),
        "MUHABIR_BASE_URL": "http://127.0.0.1",
        "MUHABIR_PAGE_CACHE": "true" if page_cache else "false",
        "MUHABIR_FRAGMENT_CACHE": "true" if fragment_cache else "false",
        "MUHABIR_2FA_REQUIRED_FOR_ADMINISTRATORS": "false",
        # Plain HTTP on loopback: no redirect to HTTPS, no HSTS, cookies over HTTP.
        "MUHABIR_SSL_REDIRECT": "false",
        "MUHABIR_HSTS_SECONDS": "0",
        "MUHABIR_SECURE_COOKIES": "false",
        # Worker restarts would drop their CPU time between two readings.
        "GUNICORN_MAX_REQUESTS": "10000000",
    }


def database_prepare(articles: int, *, database: str = DATABASE, log=None) -> None:
    """Build ``database`` with the demo site and ``articles`` synthetic articles, once."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    with open(BENCH_DIR / ".lock", "w") as lock:
        # bench/serve and bench/load may start at the same time: one builds, one waits.
        fcntl.flock(lock, fcntl.LOCK_EX)
        held = _synthetic_articles(database)
        if held is not None and held > articles:
            _psql(f'DROP DATABASE "{database}" WITH (FORCE)')
            held = None
        if held != articles:
            if not _database_exists(database):
                _psql(f'CREATE DATABASE "{database}"')
            environ = {
                **base_environment(),
                "DATABASE_URL": f"{POSTGRES}/{database}",
                "MEDIA_ROOT": str(BENCH_DIR / "media"),
            }
            subprocess.run(  # noqa: S603
                [
                    sys.executable,
                    "-c",
                    "from common import bench_site_build; "
                    f"print(f'built in {{bench_site_build(articles={articles}):.0f}} s')",
                ],
                cwd=ROOT / "bench",
                env=environ,
                stdout=log,
                stderr=log,
                check=True,
            )
            _psql("ANALYZE", database)
        environ = settings_environment(database=database)
        # The code may have new migrations since the database was built.
        for command in (["migrate", "-v0"], ["collectstatic", "--no-input", "-v0"]):
            subprocess.run(  # noqa: S603
                [sys.executable, "manage.py", *command],
                cwd=ROOT,
                env=environ,
                stdout=log,
                stderr=log,
                check=True,
            )
        # A migration that rewrote rows leaves the planner's statistics behind; a running
        # site's autovacuum would have caught up.
        _psql("ANALYZE", database)


def _redis_empty() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def _redis_pid() -> int | None:
    import redis

    try:
        return int(redis.Redis.from_url(REDIS_URL).info("server")["process_id"])
    except Exception:  # Redis's CPU is then left out, not the benchmark
        return None


def process_cpu_seconds(pid: int, *, reaped_children: bool = False) -> float:
    """utime + stime of a process from /proc (and of its reaped children if asked)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # After the name: state is field 3, utime 14, stime 15, cutime 16, cstime 17.
    ticks = int(fields[11]) + int(fields[12])
    if reaped_children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / CLOCK_TICKS


def process_rss_bytes(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def process_private_bytes(pid: int) -> int:
    """Memory only this process holds (not shared with the master or other workers)."""
    total = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith(("Private_Clean:", "Private_Dirty:")):
                total += int(line.split()[1]) * 1024
    except OSError:
        return 0
    return total


# What nginx says itself when it sends a file, and what readers never get from nginx's
# cache: what the compressing hop keeps out of stored pages (deploy/nginx/muhabir-compress.conf)
# and nginx's own instructions.
FILE_HEADERS = frozenset(
    (
        "date", "server", "content-type", "content-length", "etag", "last-modified",
        "accept-ranges", "connection", "keep-alive", "transfer-encoding",
    )
)  # fmt: skip
HOP_HIDDEN_HEADERS = frozenset(("x-request-id", "x-page-cache", "x-accel-expires"))


@dataclass
class Stack:
    app_url: str
    nginx_url: str | None
    static_url: str | None
    static_root: Path
    gunicorn_process: subprocess.Popen
    database: str
    nginx: Nginx | None = None
    environ: dict[str, str] = field(default_factory=dict)

    def serve_as_file(self, name: str, headers: dict[str, str], body: bytes) -> str:
        """The limit for one page: its body as the file ``name`` (without an extension, which
        would name a type), sent by nginx with the page's own headers, as nginx would send
        a static copy of the site.

        nginx makes the headers that describe a file itself (length, ETag, date; the type
        from the page's); the others (the security policy, Cache-Control,
        Content-Language) are added with ``add_header``. Takes effect at
        ``nginx.reload()``; returns the file's address.
        """
        (self.static_root / name).write_bytes(body)
        media_type = headers.get("Content-Type", "text/html").split(";")[0].strip()
        lines = [f"    default_type {media_type};\n"]
        for header, value in headers.items():
            if header.lower() in FILE_HEADERS or header.lower() in HOP_HIDDEN_HEADERS:
                continue
            if any(character in value for character in '"\\$'):
                raise ValueError(f"{header}: {value!r} cannot be written as an add_header")
            lines.append(f'    add_header {header} "{value}";\n')
        (self.static_root.parent / "limit-headers" / f"{name}.conf").write_text(
            f"location = /{name} {{\n{''.join(lines)}}}\n"
        )
        return f"{self.static_url}/{name}"

    def gunicorn_pids(self) -> list[int]:
        return [self.gunicorn_process.pid, *children(self.gunicorn_process.pid)]

    def worker_pids(self) -> list[int]:
        return children(self.gunicorn_process.pid)

    def postgres_pids(self) -> list[int]:
        """The PostgreSQL backends serving this stack's database right now.

        Read from their process titles ("postgres: user database host(port) state"), not
        asked through a connection that would be a backend of its own.
        """
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if title.startswith("postgres: ") and f" {self.database} " in title:
                found.append(int(entry.name))
        return found

    def redis_pid(self) -> int | None:
        return _redis_pid()

    def nginx_pids(self) -> list[int]:
        return self.nginx.pids() if self.nginx else []

    def server_pids(self) -> dict[str, list[int]]:
        redis_pid = self.redis_pid()
        return {
            "gunicorn": self.gunicorn_pids(),
            "postgres": self.postgres_pids(),
            "redis": [redis_pid] if redis_pid else [],
            "nginx": self.nginx_pids(),
        }

    def cpu_seconds(self, pids: dict[str, list[int]] | None = None) -> dict[str, float]:
        """CPU seconds so far per part; gunicorn's master counts its reaped workers too."""
        pids = pids or self.server_pids()
        master = self.gunicorn_process.pid
        return {
            part: sum(
                process_cpu_seconds(pid, reaped_children=(pid == master)) for pid in part_pids
            )
            for part, part_pids in pids.items()
        }

    def worker_rss_bytes(self) -> list[int]:
        return [process_rss_bytes(pid) for pid in self.worker_pids()]

    def worker_private_bytes(self) -> list[int]:
        return [process_private_bytes(pid) for pid in self.worker_pids()]


@contextlib.contextmanager
def production_stack(
    *,
    articles: int = 20000,
    page_cache: bool = True,
    fragment_cache: bool = True,
    nginx: bool = True,
    workers: int = 4,
    database: str = DATABASE,
    nginx_workers: str = "auto",
    log=None,
) -> Iterator[Stack]:
    """Start gunicorn (and nginx) on loopback ports over the prepared benchmark database."""
    database_prepare(articles, database=database, log=log)
    _redis_empty()
    with tempfile.TemporaryDirectory(prefix="muhabir-stack-") as scratch:
        workdir = Path(scratch)
        static_root = workdir / "limit"
        static_root.mkdir()
        (workdir / "limit-headers").mkdir()
        app_port = free_port()
        environ = settings_environment(
            database=database, page_cache=page_cache, fragment_cache=fragment_cache
        )
        front = None
        nginx_url = static_url = None
        if nginx:
            port, purge_port, static_port = free_port(), free_port(), free_port()
            environ["MUHABIR_TRUSTED_PROXY_HOPS"] = "1"
            environ["MUHABIR_FRONTEND_CACHE_URL"] = f"http://127.0.0.1:{purge_port}"
            config = nginx_config(
                workdir=workdir,
                port=port,
                purge_port=purge_port,
                upstreams=[f"127.0.0.1:{app_port}"],
                static_root=BENCH_DIR / "static",
                media_root=BENCH_DIR / "media",
                worker_processes=nginx_workers,
                # The limit: the same pages as files (Stack.serve_as_file), with the
                # site's file settings.
                extra_servers=(
                    "server {\n"
                    f"    listen 127.0.0.1:{static_port};\n"
                    f"    root {static_root};\n"
                    "    default_type text/html;\n"
                    "    charset utf-8;\n"
                    "    server_tokens off;\n"
                    f"    include {SNIPPETS}/muhabir-open-files.conf;\n"
                    f"    include {workdir}/limit-headers/*.conf;\n"
                    "}\n"
                ),
            )
            front = Nginx(config, workdir)
            nginx_url = f"http://127.0.0.1:{port}"
            static_url = f"http://127.0.0.1:{static_port}"
        process = gunicorn(port=app_port, workers=workers, environ=environ, log=log)
        stack = Stack(
            app_url=f"http://127.0.0.1:{app_port}",
            nginx_url=nginx_url,
            static_url=static_url,
            static_root=static_root,
            gunicorn_process=process,
            database=database,
            nginx=front,
            environ=environ,
        )
        try:
            wait_for_http(f"{stack.app_url}/healthz", process=process)
            if nginx_url:
                wait_for_http(f"{nginx_url}/healthz", process=front.process)
            yield stack
        finally:
            stop_process(process)
            if front:
                front.stop()


def manage_shell_json(script: str):
    """Run ``script`` in ``manage.py shell`` against the benchmark database; the JSON it
    prints last."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=settings_environment(),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def wrk_milliseconds(value: str) -> float:
    """A latency as wrk prints it ("812.00us", "3.40ms", "1.20s"), in milliseconds."""
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
