"""Paired build timings of two chartbook binaries (say, before and after a change) on one archive,
runs alternating so that drift in the machine falls on both alike. Each binary gets its own copy
of the archive. Reports medians and ranges of: a clean build without images, a clean build with
images, and an incremental build after one data file gains a day.

Usage: python3 Benchmarks/paired.py BEFORE_BINARY AFTER_BINARY [--issues 1000] [--runs 5] [--only full,images,incremental]
"""
import argparse
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

here = pathlib.Path(__file__).resolve().parent
parser = argparse.ArgumentParser()
parser.add_argument("before")
parser.add_argument("after")
parser.add_argument("--issues", type=int, default=1000)
parser.add_argument("--runs", type=int, default=5)
parser.add_argument("--only", default="full,images,incremental")
args = parser.parse_args()

work = pathlib.Path(tempfile.mkdtemp(prefix="chartbook-paired-"))
subprocess.run([sys.executable, str(here / "make_archive.py"), str(work / "archive"), "--issues", str(args.issues)], check=True, stdout=subprocess.DEVNULL)
binaries = {"before": args.before, "after": args.after}
projects = {}
for name in binaries:
    shutil.copytree(work / "archive", work / name)
    projects[name] = work / name / "chartbook"


def timed(command):
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def build(name, *flags):
    return [binaries[name], "build", "--project", str(projects[name]), "-q", *flags]


cases = {
    "full": ("clean build, no images", lambda name: (None, build(name, "--no-images", "--clean"))),
    "images": ("clean build with images", lambda name: (None, build(name, "--clean"))),
    "incremental": ("one data file gains a day", lambda name: (
        [sys.executable, str(here / "append_day.py"), str(projects[name] / "Data" / "s4.csv")], build(name, "--no-images"))),
}
medians = {}
for key in args.only.split(","):
    label, make = cases[key]
    times = {name: [] for name in binaries}
    for name in binaries:  # a warm-up each (and the state the incremental case starts from)
        subprocess.run(build(name, "--no-images") if key == "incremental" else make(name)[1], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(args.runs):
        for name in binaries:
            prepare, command = make(name)
            if prepare:
                subprocess.run(prepare, check=True)
            times[name].append(timed(command))
    line = f"{label}:"
    for name in binaries:
        t = times[name]
        line += f"  {name} {statistics.median(t):.3f} s ({min(t):.3f}–{max(t):.3f})"
    print(line + f"  after/before {statistics.median(times['after']) / statistics.median(times['before']):.2f}", flush=True)
    medians[key] = {name: statistics.median(t) for name, t in times.items()}
if "full" in medians and "images" in medians:
    print("with images / without:", "  ".join(f"{name} {medians['images'][name] / medians['full'][name]:.1f}x" for name in binaries))
print(f"(archives in {work})")
