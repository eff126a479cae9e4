"""Serving benchmark: bench/serve [--articles 20000] [--duration 10] [--connections 32].

Starts the production set-up on loopback (bench/production.py: PostgreSQL database
``muhabir_bench`` with N synthetic articles, Redis, gunicorn with deploy/gunicorn.conf.py,
nginx with deploy/nginx.conf) and measures with wrk, for each reader page:

- uncached: gunicorn with MUHABIR_PAGE_CACHE=false and MUHABIR_FRAGMENT_CACHE=false;
- fragments: the page cache off, the kept fragments on (after a warm-up read);
- app cache: gunicorn with the page cache on (after a warm-up read);
- nginx: the shipped nginx in front of it (its page cache, after a warm-up read);
- nginx, Brotli: the same, asked as browsers ask (Accept-Encoding with br);
- static: nginx serving the same page as a file, with the page's own headers: the limit;
- static, body only: the file without them (nginx's headers for a file only).

Reports requests/s, p50 and p99 latency, server CPU ms per request (utime + stime from
/proc of gunicorn's master and workers, the PostgreSQL backends of the database, Redis,
and nginx where it serves) and each figure's ratio to the limit, plus memory per worker.
wrk runs on the same cores as the servers; with ``--repeat`` the fastest run counts, and
the runs of the last four, which are compared with each other, are taken in turn. Prints
one Markdown report.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from production import (
    ROOT,
    manage_shell_json,
    process_cpu_seconds,
    production_stack,
    wrk_milliseconds,
)

NGINX_MODULES = "/usr/lib/nginx/modules"
# What browsers send; wrk sends no Accept-Encoding of its own.
BROWSER_ENCODINGS = ("Accept-Encoding: gzip, deflate, br",)

PAGES_SCRIPT = """
import json
from wagtail.models import Page
from muhabir.newsroom.models import ArticlePage, SectionPage

section = SectionPage.objects.get(url_path="/anasayfa/toplum/")
article = (
    ArticlePage.objects.live().filter(locale__language_code="tr", slug__startswith="synthetic-")
    .order_by("-first_published_at").first()
)
directory = Page.objects.get(url_path="/anasayfa/rehber/")
print(json.dumps({
    "home (tr)": "/tr/",
    "section, page 1": section.url,
    "section, page 50": section.url + "?page=50",
    "article": article.url,
    "search": "/tr/ara/?q=kultur",
    "feed (RSS)": "/tr/feed/",
    "directory list": directory.url + "mekanlar/",
}))
"""


def ensure_tools() -> None:
    """wrk and nginx from Debian's packages; installed when run as root, as make test does."""
    missing = [
        package
        for package, path in (
            ("wrk", "/usr/bin/wrk"),
            ("nginx", "/usr/sbin/nginx"),
            (
                "libnginx-mod-http-cache-purge",
                "/usr/lib/nginx/modules/ngx_http_cache_purge_module.so",
            ),
        )
        if not Path(path).exists()
    ]
    if not missing:
        return
    if os.geteuid() != 0:
        sys.exit(
            f"bench/serve needs {', '.join(missing)}: sudo apt-get install {' '.join(missing)}"
        )
    subprocess.run(["apt-get", "update", "-qq"], check=True)  # noqa: S607
    subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True)  # noqa: S603,S607


def page_urls() -> dict[str, str]:
    return manage_shell_json(PAGES_SCRIPT)


def fetch(url: str, headers: tuple[str, ...] = ()) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(  # noqa: S310 - loopback
        url, headers=dict(header.split(": ", 1) for header in headers)
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wrk(
    url: str, *, duration: int, connections: int, threads: int, headers: tuple[str, ...] = ()
) -> dict:
    result = subprocess.run(  # noqa: S603
        [  # noqa: S607 - Debian's wrk
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            "--timeout",
            "10s",
            *(option for header in headers for option in ("-H", header)),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    timeouts = re.search(r"Socket errors:.*timeout (\d+)", out)
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": wrk_milliseconds(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)),
        "p99": wrk_milliseconds(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)),
        "bad": (int(errors.group(1)) if errors else 0)
        + (int(timeouts.group(1)) if timeouts else 0),
    }


class CpuSampler:
    """CPU seconds of the stack's processes over a run, sampled every 0.2 s.

    A PostgreSQL backend may end during a run (Django reconnects after CONN_MAX_AGE) and
    one may start: each process counts from when it was first seen (zero if it started
    during the run) to when it was last seen. gunicorn's master also counts the workers
    it reaped, so a replaced worker's time is not lost.
    """

    def __init__(self, stack, parts: tuple[str, ...]):
        self.stack = stack
        self.parts = parts
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.part_of: dict[int, str] = {}
        self.stopping = threading.Event()
        self.sample(starting=True)
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def sample(self, *, starting: bool = False) -> None:
        master = self.stack.gunicorn_process.pid
        for part, pids in self.stack.server_pids().items():
            if part not in self.parts:
                continue
            for pid in pids:
                seconds = process_cpu_seconds(pid, reaped_children=(pid == master))
                if not seconds and pid in self.last:
                    continue  # ended between listing and reading
                self.first.setdefault(pid, seconds if starting else 0.0)
                self.last[pid] = max(seconds, self.last.get(pid, 0.0))
                self.part_of[pid] = part

    def run(self) -> None:
        while not self.stopping.wait(0.2):
            self.sample()

    def stop(self) -> dict[str, float]:
        """CPU seconds spent during the run, per part of the stack."""
        self.stopping.set()
        self.thread.join()
        self.sample()
        spent = dict.fromkeys(self.parts, 0.0)
        for pid, last in self.last.items():
            spent[self.part_of[pid]] += last - self.first[pid]
        return spent


def measure(stack, url: str, parts: tuple[str, ...], args, headers: tuple[str, ...] = ()) -> dict:
    """The best of ``--repeat`` runs of ``measure_once``: the one with the most requests/s.

    On a shared or virtual machine other loads come and go; the fastest run is the one
    they disturbed least, and its CPU per request is that run's own.
    """
    return measure_alternately(stack, {url: (url, parts, headers)}, args)[url]


def measure_alternately(stack, runs: dict[str, tuple], args) -> dict[str, dict]:
    """``measure`` for several targets at once, their runs taken in turn.

    Figures that are compared with each other (a page from nginx's cache and the same bytes
    as a file) are then measured through the same passing disturbances, not minutes apart.
    ``runs`` maps a name to ``(url, parts, headers)``.
    """
    taken: dict[str, list[dict]] = {name: [] for name in runs}
    for _ in range(args.repeat):
        for name, (url, parts, headers) in runs.items():
            taken[name].append(measure_once(stack, url, parts, args, headers))
    return {name: max(found, key=lambda run: run["rps"]) for name, found in taken.items()}


def cpu_figure(ms: float) -> str:
    """Two decimals, three below a tenth of a millisecond, where nginx's figures lie."""
    return f"{ms:.3f}" if ms < 0.1 else f"{ms:.2f}"


def measure_once(
    stack, url: str, parts: tuple[str, ...], args, headers: tuple[str, ...] = ()
) -> dict:
    """wrk on url; CPU of the given parts of the stack over the run, per request."""
    sampler = CpuSampler(stack, parts)
    run = wrk(
        url,
        duration=args.duration,
        connections=args.connections,
        threads=args.threads,
        headers=headers,
    )
    spent = sampler.stop()
    requests = run["requests"]
    run["cpu_ms"] = sum(spent.values()) * 1000 / requests if requests else None
    run["cpu_parts"] = {part: seconds * 1000 / max(requests, 1) for part, seconds in spent.items()}
    return run


def machine() -> str:
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    memory = Path("/proc/meminfo").read_text().split()[1]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return (
        f"{model}, {os.cpu_count()} cores, {int(memory) // 1024 // 1024} GiB, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}; "
        f"commit {commit}{' with uncommitted changes' if dirty else ''}"
    )


def memory_line(stack, label: str) -> str:
    rss = [size / 1024 / 1024 for size in stack.worker_rss_bytes()]
    if not rss:
        return f"{label}: no workers"
    private = [size / 1024 / 1024 for size in stack.worker_private_bytes()]
    return (
        f"{label}: RSS per worker {min(rss):.0f}-{max(rss):.0f} MB, of which "
        f"{min(private):.0f}-{max(private):.0f} MB its own (the rest is shared with the "
        "master, which imported the application before starting the workers)"
    )


KINDS = (
    "uncached", "fragments", "app cache", "nginx", "nginx, Brotli", "static", "static, body only"
)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument(
        "--repeat", type=int, default=1, help="wrk runs per figure; the fastest is reported"
    )
    parser.add_argument("--log", default=str(ROOT / "data" / "bench" / "serve.log"))
    args = parser.parse_args()
    if not shutil.which("psql"):
        sys.exit("bench/serve needs PostgreSQL's client (psql) and a server on 127.0.0.1:5432")
    ensure_tools()
    Path(args.log).parent.mkdir(parents=True, exist_ok=True)
    log = open(args.log, "a")  # noqa: SIM115 - kept open for the servers' whole run
    print(f"Preparing {args.articles} articles (first time: several minutes); log: {args.log}")
    load_before = os.getloadavg()
    rows: dict[tuple[str, str], dict] = {}
    memory = []

    pages: dict[str, str] = {}
    # Uncached: every request renders all of the page. Fragments: the page cache is off,
    # its parts are kept (what a render costs when only the page itself changed).
    for kind, fragment_cache in (("uncached", False), ("fragments", True)):
        with production_stack(
            articles=args.articles,
            page_cache=False,
            fragment_cache=fragment_cache,
            nginx=False,
            workers=args.workers,
            log=log,
        ) as stack:
            pages = pages or page_urls()
            for name, path in pages.items():
                status, _, _ = fetch(stack.app_url + path)
                if status != 200:
                    sys.exit(f"{name} ({path}) answered {status}; see {args.log}")
                for _ in range(3):
                    fetch(stack.app_url + path)
                rows[(name, kind)] = measure(
                    stack, stack.app_url + path, ("gunicorn", "postgres", "redis"), args
                )
                print(f"  {name}, {kind}: {rows[(name, kind)]['rps']:.0f}/s", flush=True)
            memory.append(memory_line(stack, kind))

    with production_stack(
        articles=args.articles, page_cache=True, nginx=True, workers=args.workers, log=log
    ) as stack:
        limits = {}
        for index, (name, path) in enumerate(pages.items()):
            _, headers, body = fetch(stack.app_url + path)
            limits[name] = headers, len(body), stack.serve_as_file(f"page-{index}", headers, body)
            (stack.static_root / f"page-{index}-body.html").write_bytes(body)
        stack.nginx.reload()
        for index, (name, path) in enumerate(pages.items()):
            headers, size, limit_url = limits[name]
            body_only_url = f"{stack.static_url}/page-{index}-body.html"
            fetch(stack.nginx_url + path)
            cache_status = fetch(stack.nginx_url + path)[1].get("X-Cache-Status", "-")
            app = ("gunicorn", "postgres", "redis")
            rows[(name, "app cache")] = measure(stack, stack.app_url + path, app, args)
            # What a browser asks for: a Brotli copy from nginx's cache.
            _, compressed_headers, compressed = fetch(stack.nginx_url + path, BROWSER_ENCODINGS)
            front = (*app, "nginx")
            for kind, row in measure_alternately(
                stack,
                {
                    "nginx": (stack.nginx_url + path, front, ()),
                    "nginx, Brotli": (stack.nginx_url + path, front, BROWSER_ENCODINGS),
                    "static": (limit_url, ("nginx",), ()),
                    "static, body only": (body_only_url, ("nginx",), ()),
                },
                args,
            ).items():
                rows[(name, kind)] = row
            rows[(name, "nginx")]["note"] = f"X-Cache-Status {cache_status}"
            rows[(name, "nginx, Brotli")]["note"] = (
                f"Content-Encoding {compressed_headers.get('Content-Encoding', '-')}, "
                f"{len(compressed):,} of {size:,} bytes"
            )
            rows[(name, "app cache")]["note"] = (
                f"Cache-Control: {headers.get('Cache-Control', '-')}"
            )
            print(f"  {name}: cached and static measured", flush=True)
        memory.append(memory_line(stack, "page cache on"))
    load_after = os.getloadavg()

    print()
    print(
        f"`bench/serve --articles {args.articles} --duration {args.duration} "
        f"--connections {args.connections} --repeat {args.repeat}`, "
        f"{time.strftime('%Y-%m-%d %H:%M %Z')}"
    )
    print(
        f"{machine()}; gunicorn {args.workers} workers, wrk -t{args.threads} "
        f"-c{args.connections} on the same cores; load average before "
        f"{load_before[0]:.1f}/{load_before[1]:.1f}, "
        f"after {load_after[0]:.1f}/{load_after[1]:.1f} "
        "(1/5 min)"
    )
    print()
    print("Server CPU: all of it, then in brackets gunicorn / PostgreSQL / Redis (/ nginx).")
    print(
        "The limit (static): nginx sending the page as a file with the page's own headers; "
        "static, body only: the same file with only the headers nginx makes for a file."
    )
    print()
    print(
        "| page | served by | requests/s | p50 ms | p99 ms | server CPU ms/request | "
        "share of the limit | note |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for name in pages:
        limit = rows[(name, "static")]["rps"]
        for kind in KINDS:
            row = rows[(name, kind)]
            note = row.get("note", "")
            if row["bad"]:
                note = f"{note}; {row['bad']} errors".strip("; ")
            cpu = "-" if row["cpu_ms"] is None else cpu_figure(row["cpu_ms"])
            if row["cpu_ms"] and len(row["cpu_parts"]) > 1:
                parts = " / ".join(cpu_figure(ms) for ms in row["cpu_parts"].values())
                cpu += f" ({parts})"
            print(
                f"| {name} | {kind} | {row['rps']:,.0f} | {row['p50']:.1f} | {row['p99']:.1f} | "
                f"{cpu} | {row['rps'] / limit:.1%} | {note} |"
            )
    print()
    for line in memory:
        print(f"- {line}")


if __name__ == "__main__":
    main()
