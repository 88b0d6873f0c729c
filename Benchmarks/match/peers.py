#!/usr/bin/env python3
"""Scan the benchmark text with Python's hyperscan and ahocorasick-rs; print one line per tool:
`TOOL MBPS SECONDS MATCHES WHOLE_MBPS`. Only the scan is timed, in CPU time (compiling the patterns and reading and
lowercasing the text are not).

The text is scanned the way `earshot match --benchmark` times its stage: in batches of 1,000 posts (2,000 lines:
a title and a text each), each batch scanned three times and the fastest counting (MBPS, SECONDS; MATCHES from
one scan of each batch). WHOLE_MBPS is one scan of the whole text in one call, for comparison: it reads the text
once, from memory, where the batches' second and third scans find it in the cache.

usage: peers.py hyperscan|ahocorasick TERMS TEXT
"""
import sys
import time

tool, terms_path, text_path = sys.argv[1:4]
terms = [t for t in open(terms_path, encoding="utf-8").read().split("\n") if t]
data = open(text_path, "rb").read()
megabytes = len(data) / 1e6
lines = data.split(b"\n")
batches = [b"\n".join(lines[i:i + 2000]) for i in range(0, len(lines), 2000)]


def timed(scan, texts):
    """The CPU seconds of `scan` over each of `texts`, fastest of three per text, summed; and the matches."""
    total = 0.0
    matches = 0
    for text in texts:
        fastest = None
        for round in range(3):
            started = time.process_time()
            found = scan(text)
            seconds = time.process_time() - started
            fastest = seconds if fastest is None else min(fastest, seconds)
            if round == 0:
                matches += found
        total += fastest
    return total, matches


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

    def scan(text):
        count[0] = 0
        db.scan(text, match_event_handler=on_match)
        return count[0]

    started = time.process_time()
    scan(data)
    whole = time.process_time() - started
    seconds, matches = timed(scan, batches)
    print("hyperscan %.1f %.3f %d %.1f" % (megabytes / seconds, seconds, matches, megabytes / whole))
elif tool == "ahocorasick":
    import ahocorasick_rs
    # Plain substrings over lowercased text (no word boundaries, no folding beyond str.lower()).
    automaton = ahocorasick_rs.AhoCorasick([t.lower() for t in terms])
    text = data.decode("utf-8").lower()
    texts = [batch.decode("utf-8").lower() for batch in batches]

    def scan(text):
        return len(automaton.find_matches_as_indexes(text))

    started = time.process_time()
    scan(text)
    whole = time.process_time() - started
    seconds, matches = timed(scan, texts)
    print("ahocorasick-rs %.1f %.3f %d %.1f" % (megabytes / seconds, seconds, matches, megabytes / whole))
else:
    sys.exit("unknown tool " + tool)
