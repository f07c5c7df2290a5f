#!/usr/bin/env bash
# Renders a comparison report in headless Chromium and saves a full-width screenshot, to check its
# layout (tables that fit the page, headers that break between words, plots) as a reader sees it.
#   scripts/report-screenshot.sh sweeps/quick-mt-comparison/report docs/report-screenshot.png
# Needs Chromium (Debian: sudo apt-get install chromium).
set -euo pipefail
report="${1:?give the report folder (the one with report.html)}"
out="${2:?give the PNG to write}"
[[ -f "$report/report.html" ]] || { echo "no report.html in $report" >&2; exit 2; }
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[[ -n "$browser" ]] || { echo "Chromium is not installed (Debian: sudo apt-get install chromium)" >&2; exit 2; }
[[ -e "$out" ]] && { echo "$out exists; remove it first" >&2; exit 2; }
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --window-size="${WIDTH:-1280},${HEIGHT:-2600}" --screenshot="$out" \
  "file://$(cd "$report" && pwd)/report.html" 2>/dev/null
echo "wrote $out"
