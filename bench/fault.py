"""Faults under load on the production set-up: PostgreSQL restarted, Redis stopped.

    bench/fault postgres-restart|redis-stop [--duration 40] [--connections 32]
    bench/fault import-kill [--posts 3000] [--kill-after 8]
    bench/fault disk-full

Starts bench/production.py's stack (gunicorn straight, no nginx, so every request reaches
the application), runs bench/load's page mix with wrk, and 10 s in:

- postgres-restart: saves an edit (a redirect) through Django and restarts the PostgreSQL
  cluster (pg_ctlcluster ... restart); afterwards the edit must still be there;
- redis-stop: shuts Redis down (redis-cli shutdown nosave) for 10 s, then starts it again
  as .ci/run does.

import-kill runs ``import_wordpress`` on a copy of the benchmark database and kills it
(SIGKILL) halfway: the database must hold exactly the rows it held before.

disk-full mounts a 256 KB tmpfs as MEDIA_ROOT, fills it, and has an editor upload a photo
in the admin: the editor must get an answer (not a 500), and neither an image row nor a
partly written file may remain.

Meanwhile /healthz is polled every 0.25 s. Reports the 5xx and socket errors of the whole
run, how long /healthz said a component was down, and how long after the fault ended the
site answered again. Loopback only, bounded: one fault, one run. Run as root (it restarts
the shared servers: other test runs on this machine notice).
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import reader_paths, wrk_mix
from production import (
    POSTGRES,
    ROOT,
    _psql,
    database_prepare,
    production_stack,
    settings_environment,
)
from serve import ensure_tools, machine

FAULT_AT = 10.0


def healthz(url: str) -> tuple[float, int]:
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:  # noqa: S310
            return time.monotonic(), response.status
    except urllib.error.HTTPError as error:
        return time.monotonic(), error.code
    except OSError:
        return time.monotonic(), 0


class Poller(threading.Thread):
    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url = url
        self.samples: list[tuple[float, int]] = []
        self.running = True

    def run(self) -> None:
        while self.running:
            self.samples.append(healthz(self.url))
            time.sleep(0.25)


def _django(stack, code: str) -> str:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=stack.environ,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def postgres_restart() -> float:
    cluster = subprocess.run(
        ["ls", "/etc/postgresql"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[0]
    subprocess.run(  # noqa: S603
        ["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "restart"],  # noqa: S607
        check=True,
    )
    return time.monotonic()


def redis_stop_and_start() -> float:
    subprocess.run(["redis-cli", "shutdown", "nosave"], check=False)  # noqa: S607
    time.sleep(10)
    subprocess.run(
        [  # noqa: S607
            "redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", "6379",
            "--save", "", "--appendonly", "no",
        ],
        check=True,
    )  # fmt: skip
    return time.monotonic()


COUNT_TABLES = ["wagtailcore_page", "wagtailcore_revision", "images_customimage"]


def _counts(database: str) -> dict[str, int]:
    return {
        table: int(_psql(f"SELECT count(*) FROM {table}", database))  # noqa: S608 - fixed names
        for table in COUNT_TABLES
    }


def import_kill(args) -> None:
    database_prepare(args.articles)
    copy = "muhabir_fault_import"
    _psql(f"DROP DATABASE IF EXISTS {copy}")
    _psql(f"CREATE DATABASE {copy} TEMPLATE muhabir_bench")
    scratch = Path(tempfile.mkdtemp(prefix="muhabir-fault-import-"))
    try:
        # bench/import.py's export writer; "import" is no name for an import statement.
        write_export = importlib.import_module("import").write_export
        export, uploads, media = scratch / "export.xml", scratch / "uploads", scratch / "media"
        write_export(export, uploads, args.posts)
        before = _counts(copy)
        environ = {**settings_environment(database=copy), "MEDIA_ROOT": str(media)}
        environ["DATABASE_URL"] = f"{POSTGRES}/{copy}"
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "import_wordpress", str(export), "--media-dir",
             str(uploads)],
            cwd=ROOT,
            env=environ,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(args.kill_after)
        finished = process.poll() is not None
        process.kill()
        process.wait()
        after = _counts(copy)
        left = sum(1 for path in media.rglob("*") if path.is_file()) if media.exists() else 0
    finally:
        _psql(f"DROP DATABASE IF EXISTS {copy} WITH (FORCE)")
        shutil.rmtree(scratch, ignore_errors=True)
    print(machine())
    print(
        f"| import-kill | {args.posts} posts, killed after {args.kill_after} s"
        f"{' (had already finished!)' if finished else ''} | "
        + ", ".join(f"{table} {before[table]} → {after[table]}" for table in COUNT_TABLES)
        + f" | {'unchanged' if before == after else 'CHANGED'} | {left} media files left |"
    )


UPLOAD_SCRIPT = """
import io, json
from pathlib import Path
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from PIL import Image as Picture
from muhabir.images.models import CustomImage

media = Path(settings.MEDIA_ROOT)
filler = media / "filler.bin"
free = __import__("shutil").disk_usage(media).free
filler.write_bytes(b"0" * max(free - 20_000, 0))
buffer = io.BytesIO()
Picture.effect_noise((600, 600), 80).convert("RGB").save(buffer, "PNG")
buffer.name = "deniz-kenari.png"
buffer.seek(0)
before = CustomImage.objects.count()
client = Client(raise_request_exception=False, HTTP_HOST="127.0.0.1")
client.force_login(get_user_model().objects.get(username="editor"))
response = client.post("/admin/images/add/", {
    "title": "Deniz kenarı", "file": buffer, "collection": 1, "alt_text": "Deniz",
    "credit": "Foto: Test", "default_caption": "", "tags": "",
    "description": "Deniz kıyısında bir çay bahçesi",
})
filler.unlink()
leftovers = [str(path.relative_to(media)) for path in media.rglob("*") if path.is_file()]
text = response.content.decode(errors="replace")
print(json.dumps({
    "status": response.status_code,
    "rows_added": CustomImage.objects.count() - before,
    "files_left": leftovers,
    "errors": [" ".join(found.split())[:200] for found in __import__("re").findall(
        r'class="[^"]*error-message[^"]*"[^>]*>(.*?)</', text, __import__("re").S)],
}))
"""


def disk_full(args) -> None:
    copy = "muhabir_fault_disk"
    database_prepare(args.articles)
    _psql(f"DROP DATABASE IF EXISTS {copy}")
    _psql(f"CREATE DATABASE {copy} TEMPLATE muhabir_bench")
    media = Path(tempfile.mkdtemp(prefix="muhabir-fault-media-"))
    subprocess.run(  # noqa: S603
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(media)],  # noqa: S607
        check=True,
    )
    try:
        environ = {**settings_environment(database=copy), "MEDIA_ROOT": str(media)}
        environ["DATABASE_URL"] = f"{POSTGRES}/{copy}"
        environ["DJANGO_SETTINGS_MODULE"] = "muhabir.settings.development"
        result = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "shell", "-c", UPLOAD_SCRIPT],
            cwd=ROOT,
            env=environ,
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        subprocess.run(["umount", str(media)], check=False)  # noqa: S603,S607
        shutil.rmtree(media, ignore_errors=True)
        _psql(f"DROP DATABASE IF EXISTS {copy} WITH (FORCE)")
    print(machine())
    lines = result.stdout.strip().splitlines()
    print(f"| disk-full | {lines[-1] if lines else result.stderr.strip()[-500:]} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "fault", choices=["postgres-restart", "redis-stop", "import-kill", "disk-full"]
    )
    parser.add_argument("--posts", type=int, default=3000, help="import-kill: posts in the export")
    parser.add_argument("--kill-after", type=float, default=8.0, help="import-kill: seconds")
    parser.add_argument("--duration", type=int, default=40)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--articles", type=int, default=20000)
    args = parser.parse_args()
    ensure_tools()
    if args.fault == "import-kill":
        import_kill(args)
        return
    if args.fault == "disk-full":
        disk_full(args)
        return
    with production_stack(articles=args.articles, page_cache=True, nginx=False) as stack:
        paths = reader_paths()
        marker = f"/fault-test-{uuid.uuid4().hex[:8]}"
        results: dict = {}
        load = threading.Thread(
            target=lambda: results.update(
                wrk_mix(
                    stack.app_url,
                    paths,
                    duration=args.duration,
                    connections=args.connections,
                    threads=2,
                )
            )
        )
        poller = Poller(stack.app_url)
        load.start()
        poller.start()
        time.sleep(FAULT_AT)
        if args.fault == "postgres-restart":
            _django(
                stack,
                "from wagtail.contrib.redirects.models import Redirect; "
                f"Redirect.objects.create(old_path={marker!r}, redirect_link='/tr/')",
            )
            started = time.monotonic()
            ended = postgres_restart()
        else:
            started = time.monotonic()
            ended = redis_stop_and_start()
        load.join()
        poller.running = False
        poller.join()
        kept = ""
        if args.fault == "postgres-restart":
            kept = _django(
                stack,
                "from wagtail.contrib.redirects.models import Redirect; "
                f"print(Redirect.objects.filter(old_path={marker!r}).exists()); "
                f"Redirect.objects.filter(old_path={marker!r}).delete()",
            ).splitlines()[-1]
    down = [moment for moment, status in poller.samples if status != 200]
    after = [moment for moment, status in poller.samples if moment >= ended and status == 200]
    recovered = (after[0] - ended) if after else float("nan")
    down_seconds = (down[-1] - down[0] + 0.25) if down else 0.0
    print(machine())
    print(
        f"| {args.fault} | {results['requests']} | {results['server_errors']} | "
        f"{results['socket_errors']} | {down_seconds:.1f} | {ended - started:.1f} | "
        f"{recovered:.2f} | {kept or '-'} |"
    )


if __name__ == "__main__":
    main()
