#!/usr/bin/env python3
"""Times Python feedparser over feed files: best of --runs passes of the parse loop (files read beforehand)."""
import argparse
import time

import feedparser


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    bodies = []
    for path in a.files:
        with open(path, "rb") as f:
            bodies.append(f.read())
    best = None
    entries = 0
    for _ in range(a.runs):
        t0 = time.perf_counter()
        entries = 0
        for body in bodies:
            d = feedparser.parse(body)
            if not d.entries:
                raise SystemExit("feedparser found no entries in a file (bozo: %r)" % d.get("bozo_exception"))
            entries += len(d.entries)
        t = time.perf_counter() - t0
        best = t if best is None or t < best else best
    print("version=%s" % feedparser.__version__)
    print("files=%d" % len(bodies))
    print("bytes=%d" % sum(len(b) for b in bodies))
    print("entries=%d" % entries)
    print("best_seconds=%.3f" % best)


if __name__ == "__main__":
    main()
