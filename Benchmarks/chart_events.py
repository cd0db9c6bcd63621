"""Checks the charts' reading script (chart.js) in headless Chromium by dispatching real input:
a mouse over a desktop chart, the keyboard (focus, End, ArrowLeft, Escape), and a tap on a phone
chart at 390 px. Prints what the label said and exits 1 when anything did not happen.

Usage (after `chartbook build`): python3 Benchmarks/chart_events.py [Output]"""
import sys, pathlib, shutil
from playwright.sync_api import sync_playwright

out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "Output")
url = (out / "issues/2025-05-24-jgb-auction-en/index.html").resolve().as_uri()
failures = []
def check(what, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + what + (": " + detail if detail else ""))
    if not ok: failures.append(what)

with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    svg = page.locator("#fig-chart-3 .cb-wide svg")
    svg.scroll_into_view_if_needed()
    box = svg.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    tip = page.locator("#fig-chart-3 .cb-tip").first
    check("mouse: the label shows", tip.is_visible(), tip.inner_text().replace("\n", " | ") if tip.is_visible() else "")
    check("mouse: a crosshair is drawn", page.locator("#fig-chart-3 .cb-wide line.cb-cross").evaluate("e => e.style.display !== 'none'"))
    page.mouse.move(box["x"] + box["width"] * 0.8, box["y"] + box["height"] * 0.5)
    later = tip.get_attribute("data-day")
    page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.5)
    check("mouse: moving left reads an earlier date", tip.get_attribute("data-day") < later, f"{tip.get_attribute('data-day')} < {later}")
    svg.focus()
    page.keyboard.press("End")
    end = tip.get_attribute("data-day")
    check("keyboard: End goes to the latest observation", end == "2025-05-23", end)
    page.keyboard.press("ArrowLeft")
    check("keyboard: ArrowLeft steps back", tip.get_attribute("data-day") < end, tip.get_attribute("data-day"))
    page.keyboard.press("Escape")
    check("keyboard: Escape hides the label", not tip.is_visible())
    page.close()

    phone = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True).new_page()
    phone.goto(url)
    narrow = phone.locator("#fig-chart-3 .cb-narrow svg")
    narrow.scroll_into_view_if_needed()
    b = narrow.bounding_box()
    phone.touchscreen.tap(b["x"] + b["width"] * 0.6, b["y"] + b["height"] * 0.5)
    ptip = phone.locator("#fig-chart-3 .cb-tip").nth(1)
    check("touch: a tap on the phone chart shows the label", ptip.is_visible(), ptip.inner_text().replace("\n", " | ") if ptip.is_visible() else "")
    browser.close()
sys.exit(1 if failures else 0)
