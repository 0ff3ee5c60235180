#!/usr/bin/env bash
# Opens the same generated plan in Workplan, TaskJuggler and GNOME Planner, side by side in one run.
#   scripts/compare-peers.sh [SIZES] [RUNS]      e.g. scripts/compare-peers.sh "1000 10000" 3
# For each size: `workplan generate --activities N --objectives N/5 --meetings 12 --seed 42`,
# converted by examples/peers.rs into Planner XML and a TaskJuggler project (objectives ->
# summary tasks, activities -> summary tasks, sessions -> dated tasks, predecessors -> links).
# Timed, each as a whole new process (hyperfine), median with the 10th–90th percentile:
#   workplan validate   - read, parse and check the .ron file (what opening it does), release build
#   tj3 --check-syntax  - TaskJuggler reads and parses the .tjp (no scheduling)
#   tj3 --no-reports    - TaskJuggler reads, parses and schedules it (no reports)
#   planner load        - libplanner's mrp_project_load, the call the Planner window makes to
#                         open a file (XML parse, building tasks, links and calendar), driven from
#                         Python without the window; the figure includes starting Python (~40 ms)
# Also prints each peer's peak memory (max RSS, /usr/bin/time) for one run.
# Needs: apt-get install -y planner tj3 hyperfine
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${1:-"1000 10000"}
runs=${2:-5}
for tool in tj3 planner hyperfine; do
    command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install -y planner tj3 hyperfine" >&2; exit 2; }
done
cargo build --release --quiet
cargo build --release --quiet --example peers
target="$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
workplan="$target/release/workplan"
peers="$target/release/examples/peers"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

summary() { # NAME JSON: one row from hyperfine's results
    python3 - "$1" "$2" <<'EOF'
import json, sys
t = sorted(json.load(open(sys.argv[2]))["results"][0]["times"])
at = lambda q: t[round((len(t) - 1) * q)] * 1000
# With few runs the 10th-90th percentile is the whole range.
print(f"  {sys.argv[1]:<20} {at(0.5):10.0f} ms  ({at(0.1):.0f}–{at(0.9):.0f}, {len(t)} runs)")
EOF
}
rss() { # COMMAND...: peak resident memory of one run
    /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -n1 | awk '{printf "%.0f MB", $1 / 1024}'
}

for n in $sizes; do
    dir="$work/$n"
    mkdir -p "$dir"
    "$workplan" generate --activities "$n" --objectives $((n / 5)) --meetings 12 --seed 42 \
        -o "$dir/plan.ron" >/dev/null
    "$peers" "$dir/plan.ron" "$dir"
    # The peers must take the files without complaint before they are timed.
    tj3 --silent --check-syntax "$dir/plan.tjp" >/dev/null 2>"$dir/tj3.err" ||
        { cat "$dir/tj3.err" >&2; exit 1; }
    tasks=$(python3 scripts/planner-load.py "$dir/plan.planner" 2>&1 >/dev/null)
    echo "$n activities: .ron $(du -k "$dir/plan.ron" | cut -f1) KB, .tjp $(du -k "$dir/plan.tjp" |
        cut -f1) KB, .planner $(du -k "$dir/plan.planner" | cut -f1) KB; planner $tasks"
    # Slow peers get fewer runs at large sizes (minutes each); hyperfine needs two at least.
    slow_runs=$((n >= 10000 ? 3 : runs))
    hyperfine -N --style none --warmup 1 --runs "$runs" --export-json "$dir/wp.json" \
        "$workplan validate $dir/plan.ron" >/dev/null
    hyperfine -N --style none --runs "$slow_runs" --export-json "$dir/tjs.json" \
        "tj3 --silent --check-syntax $dir/plan.tjp" >/dev/null
    hyperfine -N --style none --runs "$slow_runs" --export-json "$dir/tjn.json" \
        "tj3 --silent --no-reports $dir/plan.tjp" >/dev/null
    hyperfine -N --style none --runs "$slow_runs" --export-json "$dir/pl.json" \
        "python3 scripts/planner-load.py $dir/plan.planner" >/dev/null
    summary "workplan validate" "$dir/wp.json"
    summary "tj3 --check-syntax" "$dir/tjs.json"
    summary "tj3 --no-reports" "$dir/tjn.json"
    summary "planner load" "$dir/pl.json"
    echo "  peak memory: workplan $(rss "$workplan" validate "$dir/plan.ron"), tj3 $(rss tj3 --silent \
        --no-reports "$dir/plan.tjp"), planner $(rss python3 scripts/planner-load.py "$dir/plan.planner")"
done
