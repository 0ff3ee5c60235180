#!/usr/bin/env bash
# Renders an exported HTML page (an agenda, minutes, a report, the logframe) in headless
# Chromium and writes a PNG of it, to look at a document as it will print.
#   scripts/render-html.sh PAGE.html [OUT.png] [WIDTHxHEIGHT]
# Example:
#   cargo run -- export --format agenda-html --meeting 1 sample-data/see-regional-programme-2009-2011.ron -o /tmp/agenda.html
#   scripts/render-html.sh /tmp/agenda.html /tmp/agenda.png
set -euo pipefail
page=$(realpath "$1")
out=${2:-${page%.html}.png}
size=${3:-1000x1400}
if ! command -v chromium >/dev/null; then
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update
    "${sudo_cmd[@]}" apt-get install -y --no-install-recommends chromium
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --window-size="${size/x/,}" --screenshot="$out" "file://$page" 2>/dev/null
echo "wrote $out"
