#!/usr/bin/env python3
"""NumPy reference for the item-analysis benchmark (run by .ci/bench).

Reads DIR/responses.csv and DIR/key.csv (written by the native benchmark from the fixed seed), computes the same
statistics as Mattrathan's full run — norm-referenced (upper/lower 25 %, stable sort) and criterion-referenced
(cut 60 %) p and r per item and per option, omitted counts, mean, SD (divisor N), median, min, max, KR-20, SEM,
item-rest point-biserial, KR-20 if item deleted, score histogram — times it (median of several runs, CSV reading
excluded), checks every figure against DIR/native_norm.json and DIR/native_criterion.json, and prints one line:
NUMPY {"median_ms": …, "checked": …}.
"""
import json
import sys
import time
from pathlib import Path

import numpy as np

LETTERS = {"ก": 0, "ข": 1, "ค": 2, "ง": 3, "จ": 4, "A": 0, "B": 1, "C": 2, "D": 3, "E": 4}
OMITTED = 255
OPTIONS = 4
GROUP = 0.25
CUT = 60
RUNS = 15


def read(dirname):
    lines = Path(dirname, "responses.csv").read_text(encoding="utf-8").splitlines()
    rows = [line.split(",")[1:] for line in lines[1:] if line]
    table = np.array([[LETTERS.get(c.strip().upper() if c.isascii() else c.strip(), OMITTED) for c in r] for r in rows],
                     dtype=np.uint8)
    key_lines = Path(dirname, "key.csv").read_text(encoding="utf-8").splitlines()[1:]
    key = np.array([LETTERS[line.split(",")[1].strip()] for line in key_lines if line], dtype=np.uint8)
    return table, key


def hundredths(num, den):
    """num/den on the displayed scale: whole hundredths, half away from zero, exact (integers)."""
    num = np.asarray(num, dtype=np.int64) * 100
    den = np.asarray(den, dtype=np.int64)
    q = (2 * np.abs(num) + den) // (2 * den)
    return np.where(num < 0, -q, q)


def p_r(a, b, n1, n2):
    return hundredths(a + b, n1 + n2), hundredths(a * n2 - b * n1, n1 * n2)


def analyse(table, key):
    n, k = table.shape
    correct = table == key  # N × k
    totals = correct.sum(axis=1)
    chosen = np.stack([table == o for o in range(OPTIONS)])  # options × N × k
    out = {}

    # Norm-referenced: stable sort by total, highest first.
    g = int(np.floor(GROUP * n + 0.5))
    order = np.argsort(-totals, kind="stable")
    groups = {"norm": (order[:g], order[n - g:])}
    # Criterion-referenced: score ≥ ⌈cut × k / 100⌉.
    min_score = -(-CUT * k // 100)
    passed = totals >= min_score
    groups["criterion"] = (np.flatnonzero(passed), np.flatnonzero(~passed))
    for method, (upper, lower) in groups.items():
        n1, n2 = len(upper), len(lower)
        h = correct[upper].sum(axis=0)
        l_ = correct[lower].sum(axis=0)
        p, r = p_r(h, l_, n1, n2)
        ou = chosen[:, upper, :].sum(axis=1)  # options × k
        ol = chosen[:, lower, :].sum(axis=1)
        op, orr = p_r(ou, ol, n1, n2)
        out[method] = {"p": p, "r": r, "H": h, "L": l_, "op": op, "or": orr}

    # Test statistics.
    t = totals.astype(np.float64)
    mean = t.mean()
    var = t.var()
    sd = np.sqrt(var)
    pj = correct.mean(axis=0)
    pq = pj * (1 - pj)
    kr20 = k / (k - 1) * (1 - pq.sum() / var)
    sem = sd * np.sqrt(1 - kr20)
    x = correct.astype(np.float64)
    rest = t[:, None] - x
    xc = x - x.mean(axis=0)
    rc = rest - rest.mean(axis=0)
    var_rest = (rc * rc).mean(axis=0)
    rest_r = (xc * rc).mean(axis=0) / np.sqrt((xc * xc).mean(axis=0) * var_rest)
    kr20_deleted = (k - 1) / (k - 2) * (1 - (pq.sum() - pq) / var_rest)
    out["test"] = {
        "mean": mean, "sd": sd, "median": float(np.median(t)), "min": int(t.min()), "max": int(t.max()),
        "kr20": kr20, "sem": sem, "omitted": int((table == OMITTED).sum()),
        "histogram": np.bincount(totals, minlength=k + 1),
        "rest_r": rest_r, "kr20_if_deleted": kr20_deleted, "item_omitted": (table == OMITTED).sum(axis=0),
    }
    return out


def shown(h):
    h = int(h)
    return f"{'-' if h < 0 else ''}{abs(h) // 100}.{abs(h) % 100:02d}"


def check(out, dirname):
    """Every figure against the native results; returns how many were compared."""
    checked = 0
    for method in ("norm", "criterion"):
        native = json.loads(Path(dirname, f"native_{method}.json").read_text(encoding="utf-8"))
        ours = out[method]
        for i, item in enumerate(native["items"]):
            assert item["p"] == shown(ours["p"][i]) and item["r"] == shown(ours["r"][i]), (method, i, item["p"], item["r"])
            assert (item["upper"], item["lower"]) == (int(ours["H"][i]), int(ours["L"][i])), (method, i)
            for o, opt in enumerate(item["options"]):
                assert opt["p"] == shown(ours["op"][o][i]) and opt["r"] == shown(ours["or"][o][i]), (method, i, o)
                checked += 2
            assert item["omitted"] == int(out["test"]["item_omitted"][i])
            assert abs(item["rest_r"] - out["test"]["rest_r"][i]) < 1e-9, (i, item["rest_r"], out["test"]["rest_r"][i])
            assert abs(item["kr20_if_deleted"] - out["test"]["kr20_if_deleted"][i]) < 1e-9, i
            checked += 6
        t = native["test"]
        for field in ("mean", "sd", "median", "kr20", "sem"):
            assert abs(t[field] - out["test"][field]) < 1e-9, (field, t[field], out["test"][field])
            checked += 1
        assert (t["min"], t["max"], t["omitted"]) == (out["test"]["min"], out["test"]["max"], out["test"]["omitted"])
        checked += 3
    return checked


def main():
    dirname = sys.argv[1]
    table, key = read(dirname)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        out = analyse(table, key)
        times.append((time.perf_counter() - start) * 1e3)
    checked = check(out, dirname)
    print("NUMPY " + json.dumps({
        "median_ms": float(np.median(times)), "min_ms": min(times), "runs": RUNS, "numpy": np.__version__,
        "shape": list(table.shape), "checked": checked,
    }))


if __name__ == "__main__":
    main()
