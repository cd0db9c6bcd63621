"""Measures the charts of built pages in headless Chromium at 1280, 768 and 390 px: for every chart
shown, the smallest rendered text (CSS px), the number of overlapping text boxes (two labels'
boxes intersecting by more than 1 px each way; a halo and the text it outlines count as one), and
the number of labels a plotted series' line passes through.

Usage (after `chartbook build`): python3 Benchmarks/chart_text.py [Output] [--shots DIR]
Needs Python's playwright (pip) and Debian's chromium; no browser download."""
import sys, json, pathlib, shutil
from playwright.sync_api import sync_playwright

out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else "Output")
shots = pathlib.Path(sys.argv[sys.argv.index("--shots") + 1]) if "--shots" in sys.argv else None
pages = sorted(p for p in out.glob("issues/*/index.html")) + sorted(out.glob("gallery*/index.html"))

MEASURE = """() => {
  const charts = [...document.querySelectorAll('svg.cb-chart')].filter(s => s.getBoundingClientRect().width > 0);
  return charts.map(svg => {
    const texts = [...svg.querySelectorAll('text')].filter(t => !t.classList.contains('cb-halo') && t.textContent.trim());
    const boxes = texts.map(t => { const r = t.getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height,
        size: parseFloat(getComputedStyle(t).fontSize) * (svg.getBoundingClientRect().width / svg.viewBox.baseVal.width), text: t.textContent}; });
    let overlaps = [];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      const ox = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x), oy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (ox > 1 && oy > 1) overlaps.push(a.text + ' / ' + b.text);
    }
    // Labels against plotted lines: sample each series' stroke (not leaders, which join a label to
    // its line) every 2 units and count labels whose box, less a pixel each side, a line crosses.
    const lineHits = [];
    const m = svg.getScreenCTM();
    const strokes = [...svg.querySelectorAll('path')].filter(p => /^cb-s\d/.test(p.getAttribute('class') || '') && parseFloat(p.getAttribute('stroke-width') || '1') >= 1);
    const pts = [];
    for (const p of strokes) {
      const len = p.getTotalLength();
      for (let l = 0; l <= len; l += 2) { const q = p.getPointAtLength(l); pts.push([m.a * q.x + m.c * q.y + m.e, m.b * q.x + m.d * q.y + m.f]); }
    }
    for (const b of boxes) {
      if (pts.some(([x, y]) => x > b.x + 1 && x < b.x + b.w - 1 && y > b.y + 1 && y < b.y + b.h - 1)) lineHits.push(b.text);
    }
    // A time plot (its cb-hit rectangle) whose axis carries no date label: the labels sit just below the plot.
    const hit = svg.querySelector('rect.cb-hit');
    let unlabelledAxis = false;
    if (hit) {
      const h = hit.getBoundingClientRect();
      unlabelledAxis = !boxes.some(b => b.y >= h.bottom - 1 && b.y <= h.bottom + 1.6 * b.h && b.x + b.w > h.left - 20 && b.x < h.right + 20);
    }
    return {id: svg.id, minSize: Math.min(...boxes.map(b => b.size)), overlaps, lineHits, unlabelledAxis};
  });
}"""

worst = {}
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
    for width in (1280, 768, 390):
        page = browser.new_page(viewport={"width": width, "height": 900})
        for path in pages:
            page.goto(path.resolve().as_uri())
            for chart in page.evaluate(MEASURE):
                key = (width, path.parent.name, chart["id"])
                worst[key] = chart
                if chart["overlaps"]:
                    print(f"{width}px {path.parent.name} {chart['id']}: {len(chart['overlaps'])} overlap(s): {chart['overlaps'][:3]}")
                if chart["unlabelledAxis"]:
                    print(f"{width}px {path.parent.name} {chart['id']}: a time axis without date labels")
                if chart["lineHits"]:
                    print(f"{width}px {path.parent.name} {chart['id']}: {len(chart['lineHits'])} label(s) on a line: {chart['lineHits'][:3]}")
            if shots:
                shots.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(shots / f"{path.parent.name}-{width}.png"), full_page=True)
        page.close()
    browser.close()

for width in (1280, 768, 390):
    charts = [v for k, v in worst.items() if k[0] == width]
    if not charts: continue
    smallest = min(charts, key=lambda c: c["minSize"])
    print(f"{width}px: {len(charts)} charts shown; smallest text {smallest['minSize']:.1f} px ({smallest['id']}); "
          f"charts with text under 11 px: {sum(c['minSize'] < 11 for c in charts)}; overlapping pairs: {sum(len(c['overlaps']) for c in charts)}; "
          f"labels on a line: {sum(len(c['lineHits']) for c in charts)}; time axes without labels: {sum(c['unlabelledAxis'] for c in charts)}")
