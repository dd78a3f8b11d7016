#!/usr/bin/env python3
"""Runs the benchmarks and writes BENCHMARKS.md: our median, the baseline's median measured in
the same run, the ratio and the target. The machine is shared and noisy, so every figure is a
median over several runs."""
import json, os, platform, shutil, statistics, subprocess, sys, tempfile, time
from pathlib import Path

from app_bench import app_rows

ROOT = Path(__file__).resolve().parent.parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")
CRITERION = TARGET / "criterion"
RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def sh(*args, **kw):
    return subprocess.run(args, check=True, cwd=kw.pop("cwd", ROOT), **kw)


def criterion_median(group, name):
    """Median (seconds) of a criterion benchmark from its estimates file, or None."""
    for f in [CRITERION / group / name / "new" / "estimates.json", CRITERION / group / "new" / "estimates.json"]:
        if f.exists():
            return json.loads(f.read_text())["median"]["point_estimate"] / 1e9
    return None


def timed(cmd, runs=RUNS, cwd=ROOT):
    """Median wall seconds and median peak RSS (KiB) of a command, via /usr/bin/time."""
    walls, rss = [], []
    for _ in range(runs):
        with tempfile.NamedTemporaryFile("r") as out:
            start = time.perf_counter()
            subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out.name, *cmd], check=True, cwd=cwd,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            walls.append(time.perf_counter() - start)
            rss.append(int(out.read().strip().splitlines()[-1]))
    return statistics.median(walls), statistics.median(rss)


def hugo_site(posts_dir, site):
    """A minimal Hugo site over the same posts: one template for pages, one for lists."""
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "layouts" / "_default" / "single.html").write_text(
        "<!doctype html><title>{{ .Title }}</title><article>{{ .Content }}</article>\n")
    (site / "layouts" / "_default" / "list.html").write_text(
        "<!doctype html><title>{{ .Title }}</title><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>\n")
    (site / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "bench"\ndisableKinds = ["RSS", "sitemap", "robotsTXT", "404"]\n'
        '[markup.highlight]\nnoClasses = false\n')
    shutil.copytree(posts_dir, site / "content" / "posts")


def row(measure, ours, base, target, unit="ms", scale=1e3, better="lower"):
    if ours is None or base is None:
        return f"| {measure} | not measured | | | {target} |"
    ratio = ours / base if base else float("inf")
    return f"| {measure} | {ours * scale:.2f} {unit} | {base * scale:.2f} {unit} | {ratio:.2f}× | {target} |"


def main():
    rows = []
    print("bench: criterion (render, index, export)", flush=True)
    sh("cargo", "bench", "-p", "draftsmith-core", "--bench", "render", "--bench", "index", "--bench", "export", "--", "--noplot")
    rows.append(row("Render a 1 MB post (parse, highlight, sanitise) vs raw pulldown-cmark push_html",
                    criterion_median("render_1mb", "render_cold"), criterion_median("render_1mb", "pulldown_cmark_push_html"), "≤ 3×"))
    rows.append(row("Re-render a 1 MB post after a one-character edit (incremental) vs raw push_html",
                    criterion_median("render_1mb", "renderer_after_one_char_edit"), criterion_median("render_1mb", "pulldown_cmark_push_html"), "(keystroke path)"))
    rows.append(row("Index 10,000 posts vs reading the first 4 KB of each (I/O floor)",
                    criterion_median("index_10k_posts", "workspace_scan"), criterion_median("index_10k_posts", "baseline_read_first_4k"), "≤ 2×"))
    rows.append(row("Re-index one changed file (absolute)", criterion_median("index_10k_posts", "refresh_one_changed_post"), 1e-3, "< 1 ms (ratio against 1 ms)"))

    print("bench: export 1,000 posts vs Hugo", flush=True)
    sh("cargo", "build", "--release", "-q", "-p", "draftsmith-cli")
    sh("cargo", "build", "--release", "-q", "-p", "draftsmith-core", "--example", "corpus")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        posts = tmp / "posts"
        sh(str(TARGET / "release/examples/corpus"), str(posts), "1000")
        ours = timed([str(TARGET / "release/draftsmith-cli"), "export", str(posts), "-o", str(tmp / "out")])
        hugo_site(posts, tmp / "site")
        hugo = timed(["hugo", "--quiet", "-s", str(tmp / "site"), "-d", str(tmp / "hugo-out")])
    rows.append(row("Export a 1,000-post site: wall time vs Hugo (minimal template)", ours[0], hugo[0], "≤ 0.5×"))
    rows.append(row("Export a 1,000-post site: peak memory vs Hugo", ours[1] / 1024, hugo[1] / 1024, "< 1×", unit="MiB", scale=1))

    rows += app_rows()

    machine = f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}"
    text = ["# Benchmarks", "", f"Written by `make bench` on {time.strftime('%Y-%m-%d')} ({machine}).",
            "Each figure is a median; each baseline ran in the same run on the same inputs. Ratios above",
            "the target are misses and are kept here as they are.", "",
            "| measure | ours (median) | baseline (median) | ratio | target |", "|---|---|---|---|---|", *rows, ""]
    extra = ROOT / "bench" / "notes.md"
    if extra.exists():
        text += [extra.read_text()]
    (ROOT / "BENCHMARKS.md").write_text("\n".join(text))
    print("\n".join(text))


if __name__ == "__main__":
    sys.exit(main())
