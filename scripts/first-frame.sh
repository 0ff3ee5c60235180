#!/usr/bin/env bash
# Time from process start to the first frame of the Workplan window, under a virtual X display.
#   scripts/first-frame.sh [RUNS] [PROJECT.ron ...]
# Without projects: the sample and a generated 10,000-activity project. Each run starts the
# release binary with WORKPLAN_EXIT_AFTER_FIRST_FRAME=1 (see src/ui/first_frame.rs), which closes
# the window after its first frame. Prints per project the median and the 10th–90th percentile of:
#   shown    - from just before exec to the end of the first frame on screen (painted and
#              swapped; measured here from the clock the app prints, so exec and linking count)
#   laid out - from process start to the end of the first egui pass (app's /proc figure, 10 ms
#              resolution)
#   max RSS  - peak resident memory of the whole process (/usr/bin/time)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
shift || true

scripts/install-runtime.sh
command -v Xvfb >/dev/null || { echo "needs Xvfb (apt-get install xvfb xauth)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
cargo build --release --quiet
target="$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
binary="$target/release/workplan"

work=$(mktemp -d)
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
cleanup() { kill "$xvfb" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
sleep 1

projects=("$@")
if ((${#projects[@]} == 0)); then
    "$binary" generate --activities 10000 --objectives 2000 --meetings 12 --seed 42 \
        -o "$work/generated-10000.ron" >/dev/null
    projects=(sample-data/see-regional-programme-2009-2011.ron "$work/generated-10000.ron")
fi

for project in "${projects[@]}"; do
    : >"$work/results"
    for _ in $(seq "$runs"); do
        # A fresh data folder: no remembered view or window size from earlier runs.
        data=$(mktemp -d -p "$work")
        start=$(date +%s%N)
        DISPLAY=$display XDG_DATA_HOME=$data WORKPLAN_EXIT_AFTER_FIRST_FRAME=1 \
            timeout 120 /usr/bin/time -f "max_rss_kb %M" "$binary" "$project" 2>"$work/err" || true
        line=$(grep "^first frame:" "$work/err" || { cat "$work/err" >&2; exit 1; })
        shown_ns=${line##*unix_ns }
        laid_out=$(sed -E 's/.*laid out ([0-9?]+) ms.*/\1/' <<<"$line")
        rss=$(sed -nE 's/^max_rss_kb ([0-9]+)/\1/p' "$work/err")
        echo "$(((shown_ns - start) / 1000)) $laid_out $rss" >>"$work/results"
    done
    python3 - "$project" "$work/results" <<'EOF'
import sys
rows = [line.split() for line in open(sys.argv[2])]
def stats(values, scale=1.0):
    v = sorted(float(x) * scale for x in values if x != "?")
    at = lambda q: v[int((len(v) - 1) * q)]
    return f"{at(0.5):7.0f} ({at(0.1):.0f}–{at(0.9):.0f})"
print(f"{sys.argv[1]} ({len(rows)} runs)")
print(f"  shown     {stats([r[0] for r in rows], 1e-3)} ms")
print(f"  laid out  {stats([r[1] for r in rows])} ms")
print(f"  max RSS   {stats([r[2] for r in rows], 1 / 1024)} MB")
EOF
done
