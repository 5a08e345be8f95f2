#!/bin/sh
# tamctl chart, on a machine with no display: a KPI line as PNG and bars as
# PDF, from the demo database, read back (PNG size, PDF text).
set -u
fail () { echo "FAIL: $*" >&2; exit 1; }
T=${TAMCTL:?TAMCTL not set}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db="$dir/tam.db"
export TAM_PASSWORD=tam-demo-2026

$T --db "$db" init --demo >/dev/null 2>&1 || fail "init --demo"
$T --db "$db" --as SPV001 chart qvs --from 2025-11 --to 2026-10 -o "$dir/qvs.png" >/dev/null || fail "chart qvs png"
size=$(python3 -c 'import struct, sys; d = open(sys.argv[1], "rb").read(24); print(d[:8] == b"\x89PNG\r\n\x1a\n", *struct.unpack(">II", d[16:24]))' "$dir/qvs.png")
[ "$size" = "True 1280 800" ] || fail "the PNG is not 1280×800: $size"

$T --db "$db" --as SPV001 chart qvs --to 2026-10 --by site -o "$dir/sites.pdf" >/dev/null || fail "chart qvs --by site pdf"
pdftotext "$dir/sites.pdf" "$dir/sites.txt" || fail "pdftotext"
grep -q "Quality Validation Score" "$dir/sites.txt" || fail "the PDF lacks its title"
grep -q "Target 95" "$dir/sites.txt" || fail "the PDF lacks the target"
grep -q "Bandung" "$dir/sites.txt" || fail "the PDF lacks the sites: $(head -c 300 "$dir/sites.txt")"
# Indonesian numbers under LANGUAGE=id.
LANGUAGE=id $T --db "$db" --as SPV001 chart qvs --to 2026-10 --by site -o "$dir/sites-id.pdf" >/dev/null || fail "LANGUAGE=id"
pdftotext "$dir/sites-id.pdf" - | grep -q "95,[0-9] %" || fail "no Indonesian decimal comma"

# Refusals: a wrong kind, a wrong file type.
$T --db "$db" --as SPV001 chart nosuch --to 2026-10 -o "$dir/x.png" 2>/dev/null && fail "unknown chart accepted"
$T --db "$db" --as SPV001 chart qvs --to 2026-10 --by site -o "$dir/x.svg" 2>/dev/null && fail "an .svg accepted"
[ -e "$dir/x.png" ] || [ -e "$dir/x.svg" ] && fail "a refused chart wrote a file"
# The month-end pack: every report of the registry (the KPI workbook too)
# and the KPI charts, in one folder; its PDF read back.
$T --db "$db" --as SPV001 report pack --month 2026-10 -o "$dir/pack" > "$dir/pack.out" || fail "report pack"
for f in F-02 F-18 W-03 F-03 KPI; do
  [ -s "$dir/pack/$f-2026-10.xlsx" ] || fail "the pack lacks $f: $(ls "$dir/pack")"
done
pdftotext "$dir/pack/KPI-charts-2026-10.pdf" "$dir/pack.txt" || fail "the pack's charts"
[ "$(grep -c "Target" "$dir/pack.txt")" -ge 5 ] || fail "the pack's charts lack their targets"
ls "$dir/pack" | grep -q part && fail "the pack left a temporary file"
$T --db "$db" --as SPV001 report pack --month 2026-13 -o "$dir/pack2" 2>/dev/null && fail "a bad month accepted"
echo "chart-cli: ok"
