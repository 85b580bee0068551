"""The quantiles of a Prometheus histogram over the stretch of time between two scrapes of /metrics, from the
differences of its cumulative buckets, interpolating linearly inside a bucket as PromQL's histogram_quantile does.

usage: histogram_between.py METRIC BEFORE_FILE AFTER_FILE [LIMIT_SECONDS]
prints: count, p50 and p99 in ms, and the share of observations at or under LIMIT_SECONDS (a bucket bound)
"""
import re
import sys

metric, before_file, after_file = sys.argv[1], sys.argv[2], sys.argv[3]
limit = float(sys.argv[4]) if len(sys.argv) > 4 else None
BUCKET = re.compile(r'^' + re.escape(metric) + r'_bucket\{.*le="([^"]+)".*\}\s+(\S+)')


def buckets(path):
    found = {}
    with open(path) as scrape:
        for line in scrape:
            match = BUCKET.match(line)
            if match:
                found[float(match.group(1))] = float(match.group(2))
    return found


before, after = buckets(before_file), buckets(after_file)
bounds = sorted(after)
cumulative = [after[b] - before.get(b, 0.0) for b in bounds]
total = cumulative[-1] if cumulative else 0.0
if total == 0:
    print("no observations between the two scrapes")
    sys.exit(1)


def quantile(q):
    rank = q * total
    lower_bound, lower_count = 0.0, 0.0
    for bound, count in zip(bounds, cumulative):
        if count >= rank:
            if bound == float("inf"):
                return lower_bound
            return lower_bound + (bound - lower_bound) * (rank - lower_count) / max(count - lower_count, 1e-9)
        lower_bound, lower_count = bound, count
    return bounds[-1]


line = f"{total:.0f} events, p50 {quantile(0.5) * 1000:.1f} ms, p99 {quantile(0.99) * 1000:.1f} ms"
if limit is not None:
    line += f", {100 * cumulative[bounds.index(limit)] / total:.2f} % within {limit * 1000:.0f} ms"
print(line)
