#!/usr/bin/env python3
"""Summarizes an `earshot poll --once --log-level debug` log and an RSS trace into a stage timeline.

usage: timeline.py START_MS LOG RSS_TRACE END_MS
START_MS/END_MS: wall clock (ms since the epoch) when the process was started / ended.
RSS_TRACE: lines "MS_SINCE_START RSS_KB" sampled while the process ran.
"""
import datetime
import sys


def ms(stamp):
    t = datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc)
    return t.timestamp() * 1000


def main():
    start, log, trace, end = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    done = []
    for line in open(log):
        if not line.startswith("ts="):
            continue
        if 'msg=fetched' in line or 'msg="not modified"' in line:
            done.append(ms(line.split()[0][3:]) - start)
    done.sort()
    if done:
        q = lambda f: done[min(len(done) - 1, int(f * len(done)))]
        print("  process start -> first source done:   %6.0f ms" % done[0])
        print("  sources done (fetched+parsed or 304):  25%% %5.0f  50%% %5.0f  75%% %5.0f  last %5.0f ms"
              % (q(0.25), q(0.5), q(0.75), done[-1]))
        print("  last source done -> process exit:      %6.0f ms" % (end - start - done[-1]))
    samples = []
    for line in open(trace):
        parts = line.split()
        if len(parts) == 2:
            samples.append((int(parts[0]), int(parts[1])))
    if samples:
        peak = max(samples, key=lambda s: s[1])
        at_last = [kb for t, kb in samples if done and t <= done[-1]]
        print("  RSS: peak %.0f MB at %d ms; %.0f MB when the last source was done; trace: %s"
              % (peak[1] / 1024, peak[0], (at_last[-1] if at_last else 0) / 1024,
                 " ".join("%d:%.0f" % (t, kb / 1024) for t, kb in samples[:: max(1, len(samples) // 16)])))
    print("  process total:                         %6.0f ms" % (end - start))


if __name__ == "__main__":
    main()
