"""Load test of the production set-up: a mix of reader pages under wrk for a minute.

    bench/load [--duration 60] [--connections 64] [--front nginx|app] [--articles 20000]

Starts bench/production.py's stack (PostgreSQL, Redis, gunicorn, nginx on loopback) and
sends wrk at it, each connection cycling through the home pages, sections (also deep
pages), articles, search, feeds and the directory. Reports throughput, p50/p99 latency,
socket errors (connect, read, write, timeout) and 5xx answers as a Markdown table row.
The goal is zero 5xx and zero socket errors. wrk runs on the same cores as the servers.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from production import (
    manage_shell_json,
    production_stack,
    wrk_milliseconds,
)
from serve import ensure_tools, machine

PATHS_SCRIPT = """
import json
from wagtail.models import Page
from muhabir.newsroom.models import ArticlePage, SectionPage

paths = ["/tr/", "/de/", "/tr/feed/", "/de/feed/", "/tr/ara/?q=kultur", "/de/suche/?q=integration"]
for section in SectionPage.objects.live().order_by("path"):
    paths += [section.url, section.url + "?page=20"]
articles = ArticlePage.objects.live().order_by("-first_published_at")
paths += [article.url for article in articles[:200]]
directory = Page.objects.live().filter(url_path__startswith="/anasayfa/rehber/")
paths += [page.url for page in directory[:30]]
print(json.dumps([path for path in paths if path]))
"""

# Each thread walks the list from its own offset; 5xx are counted per thread and summed.
LUA = """
local paths = {}
for line in io.lines("%(paths)s") do paths[#paths + 1] = line end
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) counter = math.random(#paths); server_errors = 0 end
function request()
  counter = counter %% #paths + 1
  return wrk.format("GET", paths[counter])
end
function response(status, headers, body)
  if status >= 500 then server_errors = server_errors + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("server_errors") end
  io.write(string.format("5xx: %%d\\n", total))
end
"""


def reader_paths() -> list[str]:
    return manage_shell_json(PATHS_SCRIPT)


def wrk_mix(url: str, paths: list[str], *, duration: int, connections: int, threads: int) -> dict:
    """Run wrk over ``paths`` at ``url``; requests, rps, p50, p99, socket errors, 5xx."""
    with tempfile.TemporaryDirectory() as scratch:
        path_file = Path(scratch) / "paths.txt"
        path_file.write_text("\n".join(paths) + "\n")
        script = Path(scratch) / "mix.lua"
        script.write_text(LUA % {"paths": path_file})
        result = subprocess.run(  # noqa: S603
            [  # noqa: S607 - Debian's wrk
                "wrk",
                f"-t{threads}",
                f"-c{connections}",
                f"-d{duration}s",
                "--latency",
                "--timeout",
                "10s",
                "-s",
                str(script),
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    out = result.stdout
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": wrk_milliseconds(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)),
        "p99": wrk_milliseconds(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)),
        "socket_errors": sum(int(n) for n in sockets.groups()) if sockets else 0,
        "server_errors": int(re.search(r"^5xx: (\d+)", out, re.M).group(1)),
        "raw": out,
    }


def row(label: str, run: dict) -> str:
    return (
        f"| {label} | {run['requests']} | {run['rps']:.0f} | {run['p50']:.1f} | "
        f"{run['p99']:.1f} | {run['socket_errors']} | {run['server_errors']} |"
    )


HEADER = (
    "| run | requests | requests/s | p50 ms | p99 ms | socket errors | 5xx |\n"
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--front", choices=["nginx", "app"], default="nginx")
    parser.add_argument("--no-page-cache", action="store_true")
    args = parser.parse_args()
    ensure_tools()
    with production_stack(
        articles=args.articles,
        page_cache=not args.no_page_cache,
        nginx=args.front == "nginx",
        workers=args.workers,
    ) as stack:
        paths = reader_paths()
        url = stack.nginx_url if args.front == "nginx" else stack.app_url
        run = wrk_mix(
            url, paths, duration=args.duration, connections=args.connections, threads=args.threads
        )
    cache = "no page cache" if args.no_page_cache else "page cache"
    print(f"{machine()}; {args.articles} articles, {len(paths)} distinct pages")
    print(HEADER)
    print(row(f"{args.front}, {cache}, {args.connections} connections, {args.duration} s", run))


if __name__ == "__main__":
    main()
