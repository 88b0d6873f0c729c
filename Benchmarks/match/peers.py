#!/usr/bin/env python3
"""Scan the benchmark text with Python's hyperscan and ahocorasick-rs; print one line per tool:
`TOOL MBPS SECONDS MATCHES`. Only the scan is timed, in CPU time (compiling the patterns and reading and lowercasing
the text are not).

usage: peers.py hyperscan|ahocorasick TERMS TEXT
"""
import sys
import time

tool, terms_path, text_path = sys.argv[1:4]
terms = [t for t in open(terms_path, encoding="utf-8").read().split("\n") if t]
data = open(text_path, "rb").read()
megabytes = len(data) / 1e6

if tool == "hyperscan":
    import hyperscan
    import re
    # Case-insensitive literals with ASCII word boundaries: the closest hyperscan gets to `rg -i -w -F`.
    patterns = [(rb"\b" + re.escape(t.encode("utf-8")) + rb"\b") for t in terms]
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    db.compile(
        expressions=patterns, ids=list(range(len(patterns))),
        elements=len(patterns), flags=[hyperscan.HS_FLAG_CASELESS] * len(patterns))
    count = [0]

    def on_match(id, start, end, flags, context):
        count[0] += 1
        return None

    started = time.process_time()
    db.scan(data, match_event_handler=on_match)
    seconds = time.process_time() - started
    print("hyperscan %.1f %.3f %d" % (megabytes / seconds, seconds, count[0]))
elif tool == "ahocorasick":
    import ahocorasick_rs
    # Plain substrings over lowercased text (no word boundaries, no folding beyond str.lower()).
    automaton = ahocorasick_rs.AhoCorasick([t.lower() for t in terms])
    text = data.decode("utf-8").lower()
    started = time.process_time()
    matches = automaton.find_matches_as_indexes(text)
    seconds = time.process_time() - started
    print("ahocorasick-rs %.1f %.3f %d" % (megabytes / seconds, seconds, len(matches)))
else:
    sys.exit("unknown tool " + tool)
