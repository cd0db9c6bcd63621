"""Preview latency: from saving an issue file to the open page's reload signal, with `chartbook serve`
on a synthetic archive. A client waits on the status endpoint the way the page's script does
(`/_chartbook/status?since=N`, answered when the next build finishes); the script saves a file and
times until that answer arrives. Medians.

Usage: python3 Benchmarks/reload.py [--issues 1000] [--runs 15] [--binary .build/release/chartbook]
Everything runs on 127.0.0.1; the archive is made in a temporary folder and removed.
"""
import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status(port, since=None, timeout=30):
    url = f"http://127.0.0.1:{port}/_chartbook/status" + ("" if since is None else f"?since={since}")
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return json.loads(r.read())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--issues", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--binary", default=".build/release/chartbook")
    args = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    work = tempfile.mkdtemp(prefix="chartbook-reload-")
    server = None
    try:
        subprocess.run([sys.executable, os.path.join(here, "make_archive.py"), work, "--issues", str(args.issues)], check=True,
                       stdout=subprocess.DEVNULL)
        project = os.path.join(work, "chartbook")
        port = free_port()
        server = subprocess.Popen([args.binary, "serve", "--project", project, "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 300
        while True:
            try:
                if status(port, timeout=2)["generation"] >= 1:
                    break
            except OSError:
                pass
            if time.time() > deadline:
                raise SystemExit("the server did not finish its first build")
            time.sleep(0.2)
        issues = sorted(os.listdir(os.path.join(project, "Templates", "issues")))
        target = os.path.join(project, "Templates", "issues", issues[len(issues) // 2])
        latencies = []
        for run in range(args.runs):
            seen = status(port)
            answer = {}
            waiter = threading.Thread(target=lambda: answer.update(s=status(port, since=seen["generation"]), t=time.perf_counter()))
            waiter.start()
            time.sleep(0.3)  # the request is waiting on the server
            with open(target, "a", encoding="utf-8") as f:
                f.write(f"\n\nEdit {run}.\n")
            saved = time.perf_counter()
            waiter.join(30)
            if "s" not in answer or answer["s"]["version"] == seen["version"]:
                raise SystemExit(f"run {run}: no new build was announced ({answer})")
            latencies.append(answer["t"] - saved)
            time.sleep(0.2)
        ms = sorted(x * 1000 for x in latencies)
        print(f"save → reload signal on {args.issues} issues: median {statistics.median(ms):.0f} ms, "
              f"min {ms[0]:.0f} ms, max {ms[-1]:.0f} ms ({args.runs} runs)")
    finally:
        if server:
            server.terminate()
            server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
