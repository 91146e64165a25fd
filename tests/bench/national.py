#!/usr/bin/env python3
"""National-scale item analysis (issue 16 point 2), run by .ci/bench: the command line against NumPy on one file.

    national.py DIR MATTRATHAN_BIN

DIR holds responses.csv and key.csv: 140,000 candidates × 290 items from the benchmark's seed (written by
tests/item_analysis_bench.rs). The release command line `mattrathan analyze` runs the norm-referenced and the
criterion-referenced (cut 60 %) analysis, each from the file to its JSON: wall time and peak memory (the child's
maximum resident set) are measured per run. NumPy (tests/bench/item_analysis_numpy.py's computation) then analyses
the same answers, already in memory: its reading of the CSV is timed apart, because NumPy has no reader for this
format. Every figure of both JSON answers is checked against NumPy's before the table is printed.
"""
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import item_analysis_numpy as ref  # noqa: E402

RUNS = 3


def cli(binary, directory, extra, out):
    """One run of the command line: (seconds, peak resident MB); its JSON written to `out`."""
    args = [binary, "analyze", "--responses", str(directory / "responses.csv"), "--key", str(directory / "key.csv"),
            "--options", str(ref.OPTIONS), *extra]
    with open(out, "wb") as stdout:
        start = time.perf_counter()
        child = subprocess.Popen(args, stdout=stdout, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(args)}: exit {status}: {child.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def median(values):
    return float(np.median(values))


def main():
    directory, binary = Path(sys.argv[1]), sys.argv[2]
    size_mb = (directory / "responses.csv").stat().st_size / 1e6
    runs = {"norm": ([], []), "criterion": ([], [])}
    for _ in range(RUNS):
        for method, extra in (("norm", ["--method", "norm", "--group", str(ref.GROUP)]), ("criterion", ["--cut", str(ref.CUT)])):
            seconds, peak = cli(binary, directory, extra, directory / f"native_{method}.json")
            runs[method][0].append(seconds)
            runs[method][1].append(peak)

    start = time.perf_counter()
    table, key = ref.read(directory)
    read_s = time.perf_counter() - start
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        out = ref.analyse(table, key)
        times.append(time.perf_counter() - start)
    checked = ref.check(out, directory)
    numpy_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    n, k = table.shape
    # Both methods on each side: two runs of the command line (each reading the file), one NumPy pass (it computes
    # both methods at once, from answers already in memory).
    cli_s = median(runs["norm"][0]) + median(runs["criterion"][0])
    numpy_s = median(times)
    print()
    print(f"national scale: {n:,} candidates × {k} items × {ref.OPTIONS} options, CSV {size_mb:.0f} MB "
          f"(median of {RUNS} runs; {checked:,} figures checked against NumPy)")
    for method in ("norm", "criterion"):
        print(f"  command line, {method:<9} file → JSON {median(runs[method][0]):7.2f} s   "
              f"peak memory {max(runs[method][1]):6.0f} MB")
    print(f"  NumPy {np.__version__:<8} both methods, in memory {median(times):7.2f} s   "
          f"peak memory {numpy_peak:6.0f} MB   (+ {read_s:.1f} s reading the CSV in Python)")
    print(f"  both methods: command line {cli_s:.2f} s from the file, NumPy {numpy_s:.2f} s in memory: "
          f"NumPy / command line {numpy_s / cli_s:.2f} ×")
    print(f"  TiaPlus (published): 290 × 139,725 in about 90 s on a 3 GHz PC")
    print("NATIONAL " + json.dumps({
        "candidates": n, "items": k, "csv_mb": size_mb, "checked": checked, "read_s": read_s,
        "cli_norm_s": median(runs["norm"][0]), "cli_criterion_s": median(runs["criterion"][0]),
        "cli_peak_mb": max(runs["norm"][1] + runs["criterion"][1]), "numpy_s": median(times), "numpy_peak_mb": numpy_peak,
    }))


if __name__ == "__main__":
    main()
