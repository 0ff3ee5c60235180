#!/usr/bin/env bash
# How much CPU the Workplan window uses at rest: opens the sample under a virtual X display,
# lets it settle, then reads the process's CPU time over a quiet minute.
#   scripts/idle-cpu.sh [BINARY] [SECONDS]
# Prints the share of one core used (utime + stime from /proc) and the frames drawn meanwhile
# are not counted separately: at rest there should be none.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-target/debug/workplan}
seconds=${2:-60}
for tool in Xvfb xdotool; do
    command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install xvfb xdotool)" >&2; exit 1; }
done
work=$(mktemp -d)
cp sample-data/see-regional-programme-2009-2011.ron "$work/plan.ron"
display=:${IDLE_DISPLAY:-$((70 + RANDOM % 9))}
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp &
xvfb=$!
cleanup() {
    # The window removes its lock on SIGTERM, once it gets a frame: let it, then end the display.
    kill "${app:-}" 2>/dev/null && wait "${app:-}" 2>/dev/null || true
    kill "$xvfb" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
sleep 1
DISPLAY=$display XDG_DATA_HOME=$work/data "$binary" "$work/plan.ron" &
app=$!
DISPLAY=$display timeout 60 xdotool search --sync --name "Workplan" >/dev/null
sleep 5
ticks() { awk '{print $14 + $15}' "/proc/$app/stat"; }
hz=$(getconf CLK_TCK)
before=$(ticks)
sleep "$seconds"
after=$(ticks)
python3 -c "print(f'{($after - $before) / $hz / $seconds * 100:.3f} % of one core over $seconds s ({$after - $before} ticks of 1/$hz s)')"
