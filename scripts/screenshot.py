"""Take a screenshot of a Kwartier page as a user sees it, optionally after logging in.

Usage: python scripts/screenshot.py BASE_URL PATH OUT.png [--login EMAIL] [--width 1280]
"""

from __future__ import annotations

import argparse
import os

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("path")
    parser.add_argument("out")
    parser.add_argument("--login")
    parser.add_argument("--width", type=int, default=1280)
    args = parser.parse_args()
    password = os.environ.get("KWARTIER_DEMO_PASSWORD", "kwartier-demo-2026")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": args.width, "height": 900})
        if args.login:
            page.goto(args.base + "/accounts/login/")
            page.fill("#id_login", args.login)
            page.fill("#id_password", password)
            page.click("button[type=submit] >> text=Inloggen")
        page.goto(args.base + args.path)
        page.screenshot(path=args.out, full_page=True)
        browser.close()


if __name__ == "__main__":
    main()
