"""Times matplotlib on the same chart workloads as `chartbook bench` (in-process, SVG output).

Usage: python3 Benchmarks/matplotlib_bench.py DATA_DIR [RUNS]
DATA_DIR holds the CSV files written by `chartbook bench --write-data DATA_DIR`.
Each chart is drawn like Chartbook's: title, subtitle, source line, gridlines, line labels.
"""
import csv
import io
import json
import statistics
import sys
import time
from datetime import date

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402


def load(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    days = [date.fromisoformat(r[0]) for r in body]
    series = {name: [float(r[i + 1]) for r in body] for i, name in enumerate(header[1:])}
    return days, series


def draw(days, series, title):
    fig, ax = plt.subplots(figsize=(6.4, 4.0), dpi=100)
    for name, values in series.items():
        ax.plot(days, values, linewidth=2)
        ax.annotate(name, (days[-1], values[-1]), xytext=(4, 0), textcoords="offset points", fontsize=9)
    ax.set_title(title, loc="left", fontsize=14, fontweight="bold")
    fig.text(0.01, 0.01, "Source: synthetic benchmark data", fontsize=8)
    ax.grid(axis="y", color="#dcdcdc")
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    plt.close(fig)
    return buffer.getvalue()


def main():
    data_dir = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    for name in ("3x7800", "1x300"):
        days, series = load(f"{data_dir}/{name}.csv")
        for _ in range(2):
            draw(days, series, name)
        times = []
        svg = ""
        for _ in range(runs):
            start = time.perf_counter()
            svg = draw(days, series, name)
            times.append(time.perf_counter() - start)
        with open(f"{data_dir}/{name}.matplotlib.svg", "w") as f:
            f.write(svg)
        print(json.dumps({"group": "chart", "name": name, "median_ms": round(statistics.median(times) * 1000, 3),
                          "bytes": len(svg.encode()), "tool": "matplotlib " + matplotlib.__version__}))


if __name__ == "__main__":
    main()
