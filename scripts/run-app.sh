#!/usr/bin/env bash
# Starts the app on a workspace; without a display it starts one under Xvfb and says so.
set -euo pipefail
bin=$1; workspace=${2:-posts}
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found: starting Draftsmith under Xvfb (virtual display :99)."
  echo "Take a look with: DISPLAY=:99 import -window root shot.png (ImageMagick), or attach a VNC server."
  exec xvfb-run --server-num=99 --server-args="-screen 0 1440x900x24" "$bin" "$workspace"
fi
exec "$bin" "$workspace"
