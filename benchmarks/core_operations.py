"""Core timings: one captured contribution on a 10,000-contribution file, and opening that file.

Figures are printed as milliseconds and as ratios against a baseline measured in the same run
(a bare sqlite3 INSERT + COMMIT with the same durability settings), because machines here are noisy.
Run: python benchmarks/core_operations.py [--contributions N] [--ops N]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from facilitator.interchange import FORMAT, FORMAT_VERSION, import_document
from facilitator.operations import contributions
from facilitator.storage.partnership_file import PartnershipFile


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def big_document(count: int) -> dict:
    stamp = "2026-03-02T10:00:00.000+00:00"
    return {
        "format": FORMAT, "version": FORMAT_VERSION,
        "partnership": {"title": "Benchmark", "description": "", "created_at": stamp},
        "organisations": [{"id": i, "name": f"Org {i}", "sector": "public", "position": i} for i in range(1, 13)],
        "sessions": [{"id": 1, "title": "Big session", "position": 0}],
        "agenda_items": [{"id": i, "session_id": 1, "title": f"Item {i}", "position": i} for i in range(1, 9)],
        "contributions": [
            {"id": i, "session_id": 1, "agenda_item_id": 1 + i % 8, "organisation_id": 1 + i % 12,
             "text": f"Contribution number {i}: what our organisation brings to the partnership",
             "created_at": stamp, "position": i}
            for i in range(1, count + 1)
        ],
    }


def time_calls(call, repeat: int) -> list[float]:
    samples = []
    for index in range(repeat):
        start = time.perf_counter()
        call(index)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def baseline_commits(folder: Path, repeat: int, locking: str) -> list[float]:
    conn = sqlite3.connect(folder / f"baseline-{locking}.sqlite", isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(f"PRAGMA locking_mode = {locking}")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT)")

    def insert(index):
        conn.execute("BEGIN")
        conn.execute("INSERT INTO t (text) VALUES (?)", (f"row {index}",))
        conn.execute("COMMIT")

    samples = time_calls(insert, repeat)
    conn.close()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contributions", type=int, default=10_000)
    parser.add_argument("--ops", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        path = folder / "big.facilitator"
        start = time.perf_counter()
        import_document(big_document(args.contributions), path)
        print(f"built a file with {args.contributions:,} contributions in {time.perf_counter() - start:.2f} s")

        plain = baseline_commits(folder, args.ops, "NORMAL")
        base = baseline_commits(folder, args.ops, "EXCLUSIVE")
        with PartnershipFile.open(path) as pf:
            ops = time_calls(lambda i: contributions.add_contribution(
                pf, session_id=1, agenda_item_id=1, organisation_id=1, text=f"New contribution {i}"), args.ops)

        opens = []
        for _ in range(10):
            start = time.perf_counter()
            PartnershipFile.open(path).close()
            opens.append((time.perf_counter() - start) * 1000)

    b_med, b_p99 = statistics.median(base), percentile(base, 0.99)
    o_med, o_p99 = statistics.median(ops), percentile(ops, 0.99)
    open_med = statistics.median(opens)
    print(f"bare INSERT+COMMIT, DELETE journal, synchronous=FULL, normal locking: "
          f"median {statistics.median(plain):.2f} ms, p99 {percentile(plain, 0.99):.2f} ms")
    print(f"baseline: the same with exclusive locking (as our files use): median {b_med:.2f} ms, p99 {b_p99:.2f} ms")
    print(f"add_contribution on {args.contributions:,}: median {o_med:.2f} ms ({o_med / b_med:.1f}x baseline), "
          f"p99 {o_p99:.2f} ms ({o_p99 / b_p99:.1f}x baseline p99)")
    print(f"open (validate + quick_check + lock) a {args.contributions:,}-contribution file: "
          f"median {open_med:.1f} ms ({open_med / b_med:.0f}x one baseline commit)")


if __name__ == "__main__":
    main()
