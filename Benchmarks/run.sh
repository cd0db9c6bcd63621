#!/usr/bin/env bash
# Chart benchmark: Chartbook (release build, in-process) against matplotlib on the same data.
# Prints medians and SVG sizes, and the ratios the product targets (≥ 100× faster, ≤ 1/5 the bytes).
# Usage: bash Benchmarks/run.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-25}"
python3 -c "import matplotlib" 2>/dev/null || pip install -q matplotlib
swift build -c release --product chartbook >/dev/null
out="$(mktemp -d)"
.build/release/chartbook bench --runs "$runs" --json --write-data "$out" | tee "$out/chartbook.jsonl"
python3 Benchmarks/matplotlib_bench.py "$out" "$runs" | tee "$out/matplotlib.jsonl"
python3 - "$out" <<'PY'
import json, sys
d = sys.argv[1]
cb = {r["name"]: r for r in map(json.loads, open(f"{d}/chartbook.jsonl")) if r["group"] == "chart"}
mp = {r["name"]: r for r in map(json.loads, open(f"{d}/matplotlib.jsonl"))}
print(f"\n{'chart':<8} {'chartbook ms':>13} {'matplotlib ms':>14} {'speed-up':>9} {'chartbook B':>12} {'matplotlib B':>13} {'size':>7}")
for name in cb:
    c, m = cb[name], mp[name]
    print(f"{name:<8} {c['median_ms']:>13.3f} {m['median_ms']:>14.3f} {m['median_ms'] / c['median_ms']:>8.0f}x "
          f"{c['bytes']:>12} {m['bytes']:>13} {c['bytes'] / m['bytes']:>7.2f}")
print(f"\nfiles (SVG and CSV) in {d}")
PY
