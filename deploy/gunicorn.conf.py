"""gunicorn settings for Muhabir: ``gunicorn -c deploy/gunicorn.conf.py muhabir.wsgi``.

Every value can be changed by an environment variable (the systemd unit reads them from
/etc/muhabir/env), so one file serves a small and a large machine.
"""

import gc
import multiprocessing
import os


def _integer(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise SystemExit(f"{name}: expected a whole number, got {value!r}") from None


# Behind nginx on the same machine; GUNICORN_BIND=unix:/run/muhabir/gunicorn.sock or
# 10.0.0.5:8000 for an app server that nginx reaches over the network.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Pages spend their time in Python, not waiting: one worker per core, plus one so a core
# is busy while another worker waits for PostgreSQL.
workers = _integer("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1)
# Threaded workers keep nginx's connections open between requests (a synchronous worker
# closes each one), which halves what gunicorn spends per request: for a page from the
# cache that was most of the cost. A few threads per worker also let a request that waits
# (Redis, PostgreSQL) leave the core to another; each thread has its own database
# connection, so PostgreSQL sees workers x threads of them.
worker_class = "gthread"
threads = _integer("GUNICORN_THREADS", 4)

# The application is imported once in the master and the workers share its memory pages.
preload_app = True


def pre_fork(server, worker):
    """Keep the master's objects out of the workers' garbage collection: a collection writes
    to every object it examines, which would copy each shared page into every worker."""
    gc.freeze()


# Requests that take longer are cut and answered by nginx with its 502 page; a slow
# reader's upload is buffered by nginx, so workers never wait for the network.
timeout = _integer("GUNICORN_TIMEOUT", 30)
graceful_timeout = 30
keepalive = 5

# A worker is replaced after this many requests (jitter spreads the restarts), which
# bounds the memory a slow leak in a library could take. Most requests of a busy hour are
# cache hits, a thousand a second per machine: fewer would restart workers every few
# seconds and drop the pages and sites each keeps in memory.
max_requests = _integer("GUNICORN_MAX_REQUESTS", 20000)
max_requests_jitter = max(1, max_requests // 10)

# The heartbeat file in tmpfs: on a disk it can stall workers when the disk is busy.
worker_tmp_dir = "/dev/shm"  # noqa: S108 - gunicorn makes one unlinked file per worker

# nginx logs every request already; GUNICORN_ACCESS_LOG=- adds gunicorn's on stdout
# (the journal under systemd). Errors always go to stderr.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# nginx sets X-Forwarded-Proto; gunicorn must believe it only from nginx's address.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "muhabir"

# gunicornc's control socket, off unless given a place: its default under $HOME is
# read-only under the systemd unit and shared by every gunicorn of one user.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket
