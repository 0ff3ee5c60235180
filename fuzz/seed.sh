#!/usr/bin/env bash
# Seeds the targets' corpora with the real files: the sample, the frozen fixtures and the
# documented example from docs/file-format.md; for `merge`, the sample with two sets of edits.
set -euo pipefail
cd "$(dirname "$0")"
for target in load load_save readers_agree; do
    mkdir -p "corpus/$target"
    cp ../sample-data/*.ron ../tests/fixtures/*.ron "corpus/$target/"
    sed -n '/^```ron$/,/^```$/p' ../docs/file-format.md | sed '1d;$d' >"corpus/$target/file-format-example.ron"
done
mkdir -p corpus/merge
python3 - <<'PY'
sample = open("../sample-data/see-regional-programme-2009-2011.ron", "rb").read()
ours = sample.replace(b"Planned", b"Done", 1)
theirs = sample.replace(b"Forensics", b"Forensic science", 1)
both = sample.replace(b"Forensics", b"Crime scene work", 1)
for name, parts in {
    "non-overlapping": [sample, ours, theirs],
    "same-field": [sample, theirs, both],
    "one-side": [sample, ours],
}.items():
    open(f"corpus/merge/{name}", "wb").write(b"\xff".join(parts))
PY
