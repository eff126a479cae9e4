"""The shipped production set-up on loopback ports, for the tests and the benchmarks.

``nginx_config`` turns ``deploy/nginx.conf`` into a configuration that an unprivileged
nginx can run in a scratch folder: the same server blocks, snippets, cache and purge
directives, with ports, paths and upstreams replaced and TLS taken out. Each replacement
must find what it replaces, so a change to the shipped file that the tests would no
longer cover fails loudly instead.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_CONFIG = ROOT / "deploy" / "nginx.conf"
SNIPPETS = ROOT / "deploy" / "nginx"
NGINX = Path("/usr/sbin/nginx")
NGINX_MODULES = Path("/usr/lib/nginx/modules")
PURGE_MODULE = "ngx_http_cache_purge_module.so"
BROTLI_MODULE = "ngx_http_brotli_filter_module.so"
GUNICORN_CONFIG = ROOT / "deploy" / "gunicorn.conf.py"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _replace(text: str, old: str, new: str) -> str:
    if old not in text:
        raise ValueError(f"deploy/nginx.conf no longer contains {old!r}")
    return text.replace(old, new)


def _drop_server_block(text: str, marker: str) -> str:
    """Remove the ``server { ... }`` block whose body contains ``marker``."""
    at = text.index(marker)
    start = text.rindex("server {", 0, at)
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return text[:start] + text[index + 1 :]
    raise ValueError("unbalanced braces in deploy/nginx.conf")


def nginx_config(
    *,
    workdir: Path,
    port: int,
    purge_port: int,
    upstreams: list[str],
    static_root: Path,
    media_root: Path,
    extra_servers: str = "",
    worker_processes: str = "1",
) -> str:
    """A complete nginx.conf running the shipped site config on loopback over plain HTTP."""
    site = SITE_CONFIG.read_text()
    snippets = SNIPPETS
    brotli = (NGINX_MODULES / BROTLI_MODULE).exists()
    if not brotli:
        # Without the module nginx refuses its directives: the snippets without them.
        snippets = workdir / "snippets"
        snippets.mkdir(parents=True, exist_ok=True)
        for snippet in SNIPPETS.glob("*.conf"):
            (snippets / snippet.name).write_text(
                re.sub(r"\n\s*brotli[a-z_]* [^;]*;", "", snippet.read_text())
            )
    site = _replace(site, "/etc/nginx/snippets/", f"{snippets}/")
    servers = "".join(f"    server {upstream};\n" for upstream in upstreams)
    site = _replace(site, "    server 127.0.0.1:8000;\n", servers)
    site = _replace(site, "/var/cache/nginx/muhabir", str(workdir / "cache"))
    site = _replace(site, "/srv/muhabir/static/", f"{static_root}/")
    site = _replace(site, "/srv/muhabir/media/", f"{media_root}/")
    # The readers' server: plain HTTP on a loopback port, no certificate.
    site = _drop_server_block(site, "return 301 https://")
    site = _replace(site, "    listen 443 ssl http2;\n", f"    listen 127.0.0.1:{port};\n")
    site = re.sub(r"\n\s*listen \[::\]:443[^\n]*", "", site)
    site = re.sub(r"\n\s*ssl_[a-z_]+ [^\n]*", "", site)
    site = _replace(site, "listen 127.0.0.1:8081;", f"listen 127.0.0.1:{purge_port};")
    compress_port = free_port()
    site = _replace(site, "listen 127.0.0.1:8082;", f"listen 127.0.0.1:{compress_port};")
    site = _replace(site, "server 127.0.0.1:8082;", f"server 127.0.0.1:{compress_port};")
    # The purge listener names the readers' scheme, here plain HTTP.
    site = _replace(site, "set $muhabir_cache_scheme https;", "set $muhabir_cache_scheme http;")
    modules = [f"load_module {NGINX_MODULES / PURGE_MODULE};"]
    if brotli:
        modules.append(f"load_module {NGINX_MODULES / BROTLI_MODULE};")
    temp = workdir / "temp"
    temp.mkdir(parents=True, exist_ok=True)
    temp_paths = "\n".join(
        f"    {kind}_temp_path {temp / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # The http block mirrors Debian's /etc/nginx/nginx.conf, which includes the site.
    # Started as root (CI), nginx would hand its workers to "nobody", who cannot enter
    # the test's private scratch folders; the workers stay who started nginx.
    if os.geteuid() == 0:
        modules.append("user root;")
    return f"""{chr(10).join(modules)}
worker_processes {worker_processes};
daemon off;
pid {workdir / "nginx.pid"};
error_log {workdir / "error.log"} warn;
events {{
    worker_connections 1024;
}}
http {{
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    gzip on;
{temp_paths}

{site}
{extra_servers}
}}
"""


class Nginx:
    """nginx in the foreground on a scratch folder; ``stop()`` ends it."""

    def __init__(self, config: str, workdir: Path):
        self.workdir = workdir
        self.config_path = workdir / "nginx.conf"
        self.config_path.write_text(config)
        check = subprocess.run(  # noqa: S603 - our own configuration
            [str(NGINX), "-t", "-q", "-p", str(workdir), "-c", str(self.config_path)],
            capture_output=True,
            text=True,
            check=False,
        )
        if check.returncode:
            raise RuntimeError(f"nginx refuses the configuration: {check.stderr}")
        self.process = subprocess.Popen(  # noqa: S603
            [str(NGINX), "-p", str(workdir), "-c", str(self.config_path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def pids(self) -> list[int]:
        return [self.process.pid, *children(self.process.pid)]

    def reload(self, timeout: float = 15) -> None:
        """Read the configuration again, as ``nginx -s reload`` does, and return once no
        worker started before answers any more."""
        before = set(children(self.process.pid))
        self.process.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + timeout
        while set(children(self.process.pid)) & before:
            if time.monotonic() > deadline:
                # nginx keeps its workers when it refuses the new configuration.
                log = (self.workdir / "error.log").read_text(errors="replace")
                raise RuntimeError(f"nginx did not reload: {log[-2000:]}")
            time.sleep(0.05)

    def stop(self) -> None:
        # TERM is nginx's fast shutdown (QUIT would wait for idle keep-alive clients).
        stop_process(self.process, signal.SIGTERM)


def children(pid: int) -> list[int]:
    """Direct children of a process (gunicorn's or nginx's workers)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def stop_process(process: subprocess.Popen, sig: int = signal.SIGINT, wait: float = 15) -> None:
    """Stop a server; INT is gunicorn's quick shutdown (TERM waits for keep-alive clients)."""
    if process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(wait)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


def wait_for_http(url: str, *, timeout: float = 60, process: subprocess.Popen | None = None):
    """Wait until ``url`` answers at all (any status); fail early if ``process`` died."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            if process is not None and process.poll() is not None:
                raise RuntimeError(f"{process.args[0]} exited with {process.returncode}") from None
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not answer: {error}") from None
            time.sleep(0.2)


def gunicorn(*, port: int, workers: int, environ: dict[str, str], log=None) -> subprocess.Popen:
    """gunicorn with the shipped deploy/gunicorn.conf.py on 127.0.0.1:``port``."""
    env = {
        **environ,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
    }
    return subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "-c",
            str(GUNICORN_CONFIG),
            "muhabir.wsgi",
        ],
        cwd=ROOT,
        env=env,
        stdout=log or subprocess.DEVNULL,
        stderr=log or subprocess.DEVNULL,
    )


def base_environment() -> dict[str, str]:
    """The process environment without the variables that would change the settings."""
    drop = {
        "DATABASE_URL",
        "REDIS_URL",
        "SECRET_KEY",
        "DEBUG",
        "DJANGO_SETTINGS_MODULE",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "MEDIA_ROOT",
        "STATIC_ROOT",
        "ALLOWED_HOSTS",
    }
    return {
        key: value
        for key, value in os.environ.items()
        if key not in drop and not key.startswith(("MUHABIR_", "MEDIA_", "GUNICORN_"))
    }
