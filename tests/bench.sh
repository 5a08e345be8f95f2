#!/bin/sh
# bench.sh: a small `tamctl bench` run. It is a benchmark, not a timed
# test: check only that it prints its figure lines and exits 0.
set -eu

out=$(mktemp)
trap 'rm -f "$out"' EXIT

# Scale 1 as the README's demo; smaller imports than the real figures'
# (200,000 attendance rows; 1,000,000 calls on --scale 4) keep the
# AddressSanitizer run short.
"$TAMCTL" bench --scale "${TAM_BENCH_SCALE:-1}" --runs 2 --import-rows 20000 --calls-rows 20000 >"$out"
cat "$out"

for name in demo_generate_s demo_db_size_mb open_store_and_first_roster_rows_ms \
            roster_search_keystroke_ms attendance_import_rows_per_s \
            calls_import_rows_per_s queue_counts_catch_up_ms queue_count_ms queue_first_rows_ms \
            queue_tl_counts_ms queue_agent_counts_ms f18_month_ms peak_rss_mb \
            verdict_during_import_worst_ms kpi_tab_month_ms kpi_series_24_months_ms kpi_chart_redraw_ms \
            kpi_chart_png_ms kpi_month_pack_s; do
  if ! grep -Eq "^$name [0-9]+\.[0-9]( |\$)" "$out"; then
    echo "bench.sh: no figure line for $name" >&2
    exit 1
  fi
done
# The import really ran (not skipped) over the rows asked for.
grep -Eq '^attendance_import_rows_per_s [0-9.]+ \(.* 2[0-9]{4} rows' "$out"
grep -Eq '^calls_import_rows_per_s [0-9.]+ \(.* 20000 rows \(20000 new' "$out"
