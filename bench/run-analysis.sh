#!/usr/bin/env bash
# Cohort analysis benchmark: Braid (release) against the vectorized NumPy peer, same cohort, one run.
# Usage: bench/run-analysis.sh [clients] [days]
set -euo pipefail
cd "$(dirname "$0")"
clients=${1:-10000}
days=${2:-365}
python3 -c "import numpy" 2>/dev/null || pip install --quiet numpy
echo "== building braid-bench (release)" >&2
swift build -c release --product braid-bench >&2
echo "== Braid" >&2
.build/release/braid-bench "$clients" "$days" results
echo "== NumPy peer" >&2
python3 cohort_peer.py results
