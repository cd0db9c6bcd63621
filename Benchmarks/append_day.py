"""Appends one observation dated the day after the file's last row (FRED layout): the edit a
weekly data update makes, for the incremental-build benchmark."""
import datetime as dt
import sys

path = sys.argv[1]
with open(path) as f:
    last = f.read().rstrip("\n").rsplit("\n", 1)[-1]
day = dt.date.fromisoformat(last.split(",")[0]) + dt.timedelta(days=1)
with open(path, "a") as f:
    f.write(f"{day.isoformat()},1.234\n")
