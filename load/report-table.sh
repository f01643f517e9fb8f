#!/usr/bin/env bash
# Prints the Markdown summary table of a Gatling report (default: the latest under
# load/target/gatling): per request count, failed, p50 / p95 / p99 / max (ms), throughput.
#   load/report-table.sh [load/target/gatling/mobilemixsimulation-…]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-$(ls -dt load/target/gatling/*/ 2>/dev/null | head -1)}
[ -f "$dir/index.html" ] || { echo "report-table: no Gatling report in '${dir}'" >&2; exit 1; }
echo "| request | count | failed | p50 ms | p95 ms | p99 ms | max ms | req/s |"
echo "|---|---|---|---|---|---|---|---|"
awk '
  /class="ellipsed-name">/ { match($0, /class="ellipsed-name">[^<]*/); name = substr($0, RSTART + 22, RLENGTH - 22)
                             sub(/[ \t]+$/, "", name); if (name == "All Requests") name = "**all requests**" }
  /<td class="value [a-z]+ col-[0-9]+">/ {
      match($0, /col-[0-9]+">[^<]*/); split(substr($0, RSTART + 4, RLENGTH - 4), kv, "\">"); v[kv[1]] = kv[2]
      if (kv[1] == 14) printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", name, v[2], v[4], v[8], v[10], v[11], v[12], v[6]
  }' "$dir/index.html"
