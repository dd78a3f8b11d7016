#!/usr/bin/env python3
"""Draws the app icon (a nib on a rounded square) as PNGs with the standard library only."""
import struct, zlib, math, sys, os

def png(size):
    rows = []
    r_corner = size * 0.2
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            cx, cy = x + 0.5, y + 0.5
            # rounded square mask
            dx = max(r_corner - cx, 0, cx - (size - r_corner))
            dy = max(r_corner - cy, 0, cy - (size - r_corner))
            inside = math.hypot(dx, dy) <= r_corner
            if not inside:
                row += bytes([0, 0, 0, 0]); continue
            # nib: a downward-pointing kite with a slit
            u, v = cx / size, cy / size
            half = 0.22 * (1 - abs(v - 0.45) / 0.35) if 0.1 <= v <= 0.8 else -1
            in_nib = abs(u - 0.5) <= half
            slit = abs(u - 0.5) < 0.012 and 0.45 < v < 0.78
            hole = math.hypot(u - 0.5, v - 0.45) < 0.035
            if in_nib and not slit and not hole:
                row += bytes([245, 240, 228, 255])
            else:
                t = v
                row += bytes([int(40 + 20 * t), int(60 + 30 * t), int(110 + 40 * t), 255])
        rows.append(bytes(row))
    raw = b"".join(rows)
    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))

out = sys.argv[1] if len(sys.argv) > 1 else "src-tauri/icons"
os.makedirs(out, exist_ok=True)
for name, size in [("32x32.png", 32), ("128x128.png", 128), ("128x128@2x.png", 256), ("icon.png", 512)]:
    with open(os.path.join(out, name), "wb") as f:
        f.write(png(size))
