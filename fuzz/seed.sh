#!/usr/bin/env bash
# Seeds both targets' corpora with the real files: the sample, the frozen fixtures and the
# documented example from docs/file-format.md.
set -euo pipefail
cd "$(dirname "$0")"
for target in load load_save; do
    mkdir -p "corpus/$target"
    cp ../sample-data/*.ron ../tests/fixtures/*.ron "corpus/$target/"
    sed -n '/^```ron$/,/^```$/p' ../docs/file-format.md | sed '1d;$d' >"corpus/$target/file-format-example.ron"
done
