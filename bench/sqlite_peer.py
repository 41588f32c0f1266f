"""SQLite's own single-row transaction rate, the peer for Braid's check-in throughput (bench/run-api.sh).

One connection, WAL and synchronous=NORMAL as Braid sets them, on a database migrated by `braid migrate`
(the real check_ins table with its indexes). Each transaction is BEGIN IMMEDIATE, one INSERT of a check-in row,
COMMIT: the least work a durable single check-in can cost on this machine, with no HTTP, JSON, auth or audit.
Usage: python3 bench/sqlite_peer.py DB_PATH [seconds]   (prints JSON)
"""

import json
import os
import sqlite3
import sys
import time
import uuid


def time_ordered_id(ms):
    tail = int.from_bytes(os.urandom(10), "big")
    value = (ms << 80) | (0x7 << 76) | ((tail >> 64) & 0xFFF) << 64 | (0b10 << 62) | (tail & ((1 << 62) - 1))
    return value.to_bytes(16, "big")


def main():
    path = sys.argv[1]
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 10.0
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    program = uuid.uuid4().bytes
    client = uuid.uuid4().bytes
    db.execute("PRAGMA foreign_keys = OFF")
    count = 0
    start = time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        for _ in range(100):
            now = time.time()
            db.execute("BEGIN IMMEDIATE")
            db.execute(
                "INSERT INTO check_ins (id, program_id, client_id, date, revision, superseded_at, recorded_at, "
                "recorded_by, mood, craving, sleep_half_hours, used) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, 5, 4, 14, 0)",
                (time_ordered_id(int(now * 1000)), program, client, "2026-06-01", count + 1, now, client))
            db.execute("COMMIT")
            count += 1
    elapsed = time.perf_counter() - start
    print(json.dumps({"transactionsPerSecond": round(count / elapsed, 1), "transactions": count,
                      "seconds": round(elapsed, 2)}))


if __name__ == "__main__":
    main()
