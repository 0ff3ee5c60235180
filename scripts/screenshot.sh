#!/usr/bin/env bash
# Runs the real Workplan window under a virtual X display and writes a PNG of it.
#   scripts/screenshot.sh [PROJECT.ron] [OUT.png] [VIEW]
# VIEW is a tab to click first: Programme, Objectives, Workplan, Calendar, Timeline or Committee.
# SCALE=1.5 or SCALE=2 renders at that display scale; SIZE=1024x700 sets the window's size in
# points (1280x800 unless set); THEME=dark switches to the dark theme through the View menu;
# KEYS="ctrl+p Next" presses keys last (xdotool names), e.g. KEYS=ctrl+p for the print preview;
# CLICKS="280,202 1070,500,5,12" clicks at those points (in points) before the keys, e.g. a tree
# row to open its editor; a third and fourth number give the button and how often (5 scrolls down).
set -euo pipefail
cd "$(dirname "$0")/.."
project=${1:-sample-data/see-regional-programme-2009-2011.ron}
out=${2:-assets/screenshot.png}
view=${3:-}
scale=${SCALE:-1}

scripts/install-runtime.sh
need=()
for tool in Xvfb xdotool import; do command -v "$tool" >/dev/null || need+=("$tool"); done
if ((${#need[@]})); then
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update
    "${sudo_cmd[@]}" apt-get install -y --no-install-recommends xvfb xauth xdotool imagemagick
fi
cargo build
# Wherever cargo puts its output (CARGO_TARGET_DIR or ./target).
binary="$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')/debug/workplan"

size=${SIZE:-1280x800}
width=$(python3 -c "print(int(${size%x*}*$scale))")
height=$(python3 -c "print(int(${size#*x}*$scale))")
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 "${width}x${height}x24" -nolisten tcp &
xvfb=$!
data=$(mktemp -d)
cleanup() {
    # The window removes its lock on SIGTERM, once it gets a frame: let it, then end the display.
    kill "${app:-}" 2>/dev/null && wait "${app:-}" 2>/dev/null || true
    kill "$xvfb" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT
sleep 1
# A fresh data folder: no remembered window size or layout from earlier runs.
DISPLAY=$display XDG_DATA_HOME=$data WINIT_X11_SCALE_FACTOR=$scale \
    "$binary" "$project" &
app=$!
window=$(DISPLAY=$display timeout 60 xdotool search --sync --name "Workplan" | head -n1)
DISPLAY=$display xdotool windowsize "$window" "$width" "$height" windowmove "$window" 0 0
# Park the pointer on the status bar, where it highlights nothing.
DISPLAY=$display xdotool mousemove "$((width / 2))" "$((height - 4))"
sleep 2
if [ "${THEME:-}" = dark ]; then
    # View menu, then its "Dark" entry (positions in points, times the scale).
    at() { python3 -c "print(int($1*$scale), int($2*$scale))"; }
    DISPLAY=$display xdotool mousemove $(at 90 12) click 1
    sleep 1
    DISPLAY=$display xdotool mousemove $(at 97 281) click 1
    DISPLAY=$display xdotool mousemove "$((width / 2))" "$((height - 4))"
    sleep 1
fi
if [ -n "$view" ]; then
    # The view tabs answer Ctrl+1..5.
    case $view in
        Programme) key=1 ;; Objectives) key=2 ;; Workplan) key=3 ;; Calendar) key=4 ;; Timeline) key=5 ;; Committee) key=6 ;;
        *) echo "unknown view $view" >&2; exit 2 ;;
    esac
    DISPLAY=$display xdotool windowfocus --sync "$window" key "ctrl+$key"
    sleep 1
fi
for point in ${CLICKS:-}; do
    IFS=, read -r x y button count <<<"$point"
    DISPLAY=$display xdotool mousemove $(python3 -c "print(int($x*$scale), int($y*$scale))") \
        click --repeat "${count:-1}" --delay 50 "${button:-1}"
    sleep 1
done
DISPLAY=$display xdotool mousemove "$((width / 2))" "$((height - 4))"
if [ -n "${KEYS:-}" ]; then
    # Keys pressed last, such as KEYS=ctrl+p for the print preview of the view.
    for key in $KEYS; do
        DISPLAY=$display xdotool windowfocus --sync "$window" key "$key"
        sleep 1
    done
fi
DISPLAY=$display import -window root "$out"
echo "wrote $out"
