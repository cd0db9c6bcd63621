"""Accessibility check of a built site: axe-core, run in Debian's Chromium through Playwright, over
every page in Output/ (the email editions aside, which are not web pages). Prints the serious and
critical violations by rule, and exits 1 when there are any.

Usage: pip install playwright axe-playwright-python; apt-get install chromium
       python3 Benchmarks/axe.py [OUTPUT_DIR=Output]
"""
import os
import sys

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "Output")
    pages = sorted(os.path.relpath(os.path.join(d, f), root) for d, _, files in os.walk(root)
                   for f in files if f.endswith(".html") and not f.startswith("email"))
    found = {}
    axe = Axe()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page()
        for path in pages:
            page.goto("file://" + os.path.join(root, path))
            for v in axe.run(page).response["violations"]:
                if v["impact"] in ("serious", "critical"):
                    found.setdefault(v["id"], []).append(path)
        browser.close()
    print(f"{len(pages)} pages; serious or critical violations: {sum(len(v) for v in found.values())}")
    for rule, where in sorted(found.items()):
        print(f"  {rule}: {', '.join(where[:5])}{' …' if len(where) > 5 else ''}")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
