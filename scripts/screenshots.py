"""Take the README's screenshots of a running site: scripts/screenshots.py [BASE_URL]."""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
PAGES = {
    "home-tr": "/tr/",
    "home-de": "/de/",
    "article-de": "/de/gesellschaft/ein-starkes-signal-fuer-integration/",
    "article-tr": "/tr/magazin-kultur/yildiz-kenter-son-yolculuguna-ugurlandi/",
}
WIDTHS = {"desktop": 1280, "phone": 360}
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for device, width in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": 900})
            for name, path in PAGES.items():
                page.goto(BASE + path)
                target = OUT / f"{name}-{device}.png"
                page.screenshot(path=str(target), full_page=device == "phone")
                print(target.relative_to(OUT.parent.parent))
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
