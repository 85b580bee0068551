"""Reads one Gatling run's figures from its HTML report (Gatling 3.16 writes them nowhere else in text).

usage: gatling_stats.py RUN_DIR
prints one line: answered (OK responses of warm-up and measured together, for CPU per request), then of the
measured part: requests, failed, p50, p99, p99.9, p99.99, max (ms) and how many took 50 ms or more
"""
import glob
import re
import sys

run = sys.argv[1]


def page(name):
    [path] = glob.glob(f"{run}/req_{name}-*.html")
    return open(path).read()


def cell(html, title, column):
    match = re.search(rf'<td class="title">{re.escape(title)}.*?</td>.*?<td class="{column}">([^<]*)</td>', html, re.S)
    return match.group(1)


measured = page("measured")
answered = sum(int(cell(page(name), "Total count", "ok")) for name in ("warm-up", "measured"))
total = int(cell(measured, "Total count", "total"))
slow_percent = float(re.search(r'name: "t >= 50 ms",\s*y: ([0-9.eE-]+)', measured).group(1))
figures = [cell(measured, title, "ok") for title in
           ("50th percentile", "99th percentile", "99.9th percentile", "99.99th percentile", "Max")]
print(answered, total, cell(measured, "Total count", "ko"), *figures, round(slow_percent * total / 100))
