#!/usr/bin/env bash
# Runs the end-to-end suite: the real debug app over a copy of tests/e2e/fixture, on a virtual
# display, driven through tauri-driver + WebKitWebDriver. Screenshots go to target/e2e/.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD

if [ ! -f tests/e2e/node_modules/.package-lock.json ] || [ tests/e2e/package-lock.json -nt tests/e2e/node_modules/.package-lock.json ]; then
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi

out=$repo/target/e2e
rm -rf "$out"; mkdir -p "$out"
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "${E2E_SMALL_DISK:-}" ]; then umount "$E2E_SMALL_DISK" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

display=:${E2E_DISPLAY_NUM:-87}
Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp >"$out/xvfb.log" 2>&1 &
pids+=($!)
export DISPLAY=$display
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done

# A 1 MB disk for the full-disk step, where this user may mount one (root, as in CI).
mkdir -p "$work/small-disk"
if mount -t tmpfs -o size=1m tmpfs "$work/small-disk" 2>/dev/null; then
  export E2E_SMALL_DISK=$work/small-disk
else
  echo "e2e: cannot mount a small disk here; the full-disk step will be skipped" >&2
fi

# Each run gets its own config and data folders, so no last-workspace or journal leaks in.
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_CACHE_HOME=$work/cache
export E2E_APP=${CARGO_TARGET_DIR:-$repo/target}/debug/draftsmith E2E_WORK=$work E2E_OUT=$out E2E_FIXTURE=$repo/tests/e2e/fixture
export DRAFTSMITH_DIALOG_ANSWERS=$work/dialog-answers
# The window must be shown by its page; the app's own fallback (after 3 s) would hide a failure.
export DRAFTSMITH_SHOW_ANYWAY_AFTER_MS=600000
: >"$DRAFTSMITH_DIALOG_ANSWERS"
# WebKit's GPU paths are unavailable under Xvfb: software rendering, with compositing off as the
# app itself chooses on a machine with no GPU (compositing.test.mjs checks it does).
unset WEBKIT_DISABLE_COMPOSITING_MODE
export LIBGL_ALWAYS_SOFTWARE=1 NO_AT_BRIDGE=1

port=${E2E_DRIVER_PORT:-4444}
tauri-driver --port "$port" --native-port $((port + 1)) >"$out/tauri-driver.log" 2>&1 &
pids+=($!)
export E2E_DRIVER_URL=http://127.0.0.1:$port/
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done

cd tests/e2e
dbus-run-session -- node --test --test-concurrency=1 "${@:-.}"
