#!/usr/bin/env bash
# Program report benchmark (issue 13): 10,000 simulated clients × 365 days, release build, one run.
# Usage: bench/run-report.sh [clients] [days]
set -euo pipefail
cd "$(dirname "$0")"
echo "== building report-bench (release)" >&2
swift build -c release --product report-bench >&2
.build/release/report-bench "${1:-10000}" "${2:-365}" results
