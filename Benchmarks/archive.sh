#!/usr/bin/env bash
# Archive-scale benchmark: Chartbook on N synthetic issues (≈3,000 words, 4 charts on 30 years of daily
# data each) against Hugo on the same N pages without charts; then an incremental rebuild after one
# data file changes, peak memory, and Markdown throughput against the cmark command. Medians.
# Usage: bash Benchmarks/archive.sh [ISSUES=1000] [RUNS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
issues="${1:-1000}"; runs="${2:-5}"
command -v hugo >/dev/null && command -v hyperfine >/dev/null || apt-get install -y -qq hugo hyperfine cmark >/dev/null
swift build -c release --product chartbook >/dev/null
bin="$PWD/.build/release/chartbook"
work="$(mktemp -d)"
python3 Benchmarks/make_archive.py "$work" --issues "$issues"
cb="$work/chartbook"

echo "== full builds (chartbook: --clean, no PNGs; hugo: same pages without charts)"
hyperfine --runs "$runs" --warmup 1 --export-json "$work/full.json" \
  -n chartbook "$bin build --project $cb --no-images --clean -q" \
  -n hugo "hugo --quiet -s $work/hugo -d $work/hugo-out"

echo "== incremental: one data file gains a row dated after most issues"
"$bin" build --project "$cb" --no-images -q
hyperfine --runs "$runs" --export-json "$work/incremental.json" \
  --prepare "python3 Benchmarks/append_day.py $cb/Data/s4.csv" \
  -n chartbook-incremental "$bin build --project $cb --no-images -q"

echo "== peak memory (KB)"
/usr/bin/time -f "chartbook full build: %M KB, %e s" "$bin" build --project "$cb" --no-images --clean -q
/usr/bin/time -f "hugo: %M KB, %e s" hugo --quiet -s "$work/hugo" -d "$work/hugo-out"

echo "== images: the clean build with PNGs (email editions, social cards) against the clean build without"
hyperfine --runs "$runs" --export-json "$work/images.json" \
  -n with-images "$bin build --project $cb --clean -q" \
  -n without-images "$bin build --project $cb --no-images --clean -q"

echo "== markdown throughput"
cat "$work"/hugo/content/issues/*.md > "$work/all.md"
"$bin" bench --only markdown --markdown "$work/all.md" --runs "$runs"

python3 - "$work" <<'PY'
import json, sys
d = sys.argv[1]
full = {r["command"]: r for r in json.load(open(f"{d}/full.json"))["results"]}
inc = json.load(open(f"{d}/incremental.json"))["results"][0]
img = {r["command"]: r["median"] for r in json.load(open(f"{d}/images.json"))["results"]}
print(f"\nclean build with images {img['with-images']:.2f} s, without {img['without-images']:.2f} s: {img['with-images'] / img['without-images']:.1f}x")
cb, hugo = full["chartbook"]["median"], full["hugo"]["median"]
print(f"\nchartbook full {cb:.2f} s, hugo {hugo:.2f} s, ratio {cb / hugo:.2f}; incremental {inc['median']:.2f} s = {inc['median'] / cb:.0%} of full")
PY
echo "(files in $work)"
