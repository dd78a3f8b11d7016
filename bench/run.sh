#!/usr/bin/env bash
# `make bench`: every measure of BENCHMARKS.md, each against a baseline measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
# the in-app measures need Xvfb, webkit2gtk-driver, tauri-driver and the UI's node modules
scripts/setup.sh
if ! command -v hugo >/dev/null || [ ! -x /usr/bin/time ]; then
  echo "bench: installing hugo (the export baseline) and time (peak memory)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo time >/dev/null
fi
exec python3 bench/report.py "$@"
