#!/bin/sh
# tamctl kpi and the KPI imports end to end on the demo database: the
# issue's column sets, plain decimals, the national QVS equal to F-18's
# total, .xlsx output, the imports' refusals and who may import.
set -u
fail () { echo "FAIL: $*" >&2; [ -f "$dir/err" ] && sed 's/^/  | /' "$dir/err" >&2; exit 1; }
T=${TAMCTL:?TAMCTL not set}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db="$dir/tam.db"
export TAM_PASSWORD=tam-demo-2026

$T --db "$db" init --demo > /dev/null 2>"$dir/err" || fail "init --demo"
# The last month with a scorecard is the last complete one.
month=$(sqlite3 "$db" "SELECT max(month) FROM kpi_inputs")
[ -n "$month" ] || fail "no KPI month in the demo"

$T --db "$db" --as MGR001 kpi qvs --month "$month" --by agent > "$dir/qvs.csv" 2>"$dir/err" || fail "kpi qvs"
head -1 "$dir/qvs.csv" | grep -q '^nik,name,agree,valid,returned,pending,qvs,first_pass' || fail "qvs columns: $(head -1 "$dir/qvs.csv")"
[ "$(wc -l < "$dir/qvs.csv")" -gt 100 ] || fail "qvs: too few agents"
sed -n 2p "$dir/qvs.csv" | grep -Eq ',[0-9]+\.[0-9]{2},' || fail "qvs: not a plain decimal: $(sed -n 2p "$dir/qvs.csv")"

# National AGREE and VALID are F-18's total.
$T --db "$db" --as MGR001 kpi qvs --month "$month" --by national > "$dir/nat.csv" 2>"$dir/err" || fail "kpi qvs national"
$T --db "$db" --as MGR001 report f18 --month "$month" -o "$dir/f18.csv" > /dev/null 2>"$dir/err" || fail "report f18"
kpi=$(sed -n 2p "$dir/nat.csv" | cut -d, -f2,3)
f18=$(grep '^TOTAL' "$dir/f18.csv" | cut -d, -f8,9)
[ -n "$kpi" ] && [ "$kpi" = "$f18" ] || fail "national QVS $kpi is not F-18's $f18"
# The sum of the agents is the national figure.
sum=$(awk -F, 'NR > 1 { s += $3 } END { print s }' "$dir/qvs.csv")
[ "$sum" = "$(echo "$kpi" | cut -d, -f1)" ] || fail "agents sum to $sum, national $kpi"

$T --db "$db" --as MGR001 kpi scorecard --month "$month" > "$dir/abu.csv" 2>"$dir/err" || fail "kpi scorecard"
head -1 "$dir/abu.csv" | grep -q '^nik,name,AHT,FCR,CALLMON,SALES_TARGET,KUIS,score,grade' || fail "scorecard columns"
grep -Eq ',[ABCD],' "$dir/abu.csv" || fail "scorecard: no grade"
$T --db "$db" --as MGR001 kpi headcount --month "$month" > "$dir/hc.csv" 2>"$dir/err" || fail "kpi headcount"
head -1 "$dir/hc.csv" | grep -q '^service,site,available,target,fulfilment' || fail "headcount columns"
[ "$(wc -l < "$dir/hc.csv")" -eq 10 ] || fail "headcount: not one row per service and site"
for what in "adherence --by team" "adherence --by site" "ct0" "ct0 --by team" "budget --by site" "scorecard --by team" "headcount --by national"; do
  $T --db "$db" --as QCO001 kpi $what --month "$month" > "$dir/out.csv" 2>"$dir/err" || fail "kpi $what"
  [ "$(wc -l < "$dir/out.csv")" -ge 2 ] || fail "kpi $what: no rows"
done
$T --db "$db" --as MGR001 kpi ct0 --month "$month" --day "$month-10" --by site > "$dir/day.csv" 2>"$dir/err" || fail "kpi ct0 --day"
head -1 "$dir/day.csv" | grep -q '^site,name,agents,daily_target,days,agree,valid,target,achievement' || fail "ct0 columns"
$T --db "$db" --as MGR001 kpi ct0 --month "$month" --day 2001-01-01 > /dev/null 2>"$dir/err" && fail "a day of another month accepted"
# A series, and the Indonesian locale keeps the dot.
from=$(sqlite3 "$db" "SELECT min(month) FROM calls")
LANGUAGE=id $T --db "$db" --as MGR001 kpi qvs --from "$from" --to "$month" --by site > "$dir/series.csv" 2>"$dir/err" || fail "series"
head -1 "$dir/series.csv" | grep -q '^month,site,name,agree' || fail "series columns"
# A decimal comma would add fields.
awk -F, 'NR == 1 { n = NF } NF != n { bad = 1 } END { exit bad }' "$dir/series.csv" || fail "series: ragged rows (decimal comma?)"
sed -n 2p "$dir/series.csv" | grep -Eq ',[0-9]+\.[0-9]{2},' || fail "series: not a plain decimal"

$T --db "$db" --as MGR001 kpi headcount --from "$from" --to "$month" --by site --key BANDUNG > "$dir/hs.csv" 2>"$dir/err" || fail "headcount series"
head -1 "$dir/hs.csv" | grep -q '^month,value,numerator,denominator' || fail "headcount series columns"
[ "$(wc -l < "$dir/hs.csv")" -ge 3 ] || fail "headcount series rows"
$T --db "$db" --as MGR001 kpi adherence --from "$from" --to "$month" --by team > /dev/null 2>&1 && fail "a team series without --key accepted"
$T --db "$db" --as MGR001 kpi scorecard --month "$month" -o "$dir/abu.xlsx" > /dev/null 2>"$dir/err" || fail "scorecard .xlsx"
[ "$(head -c 2 "$dir/abu.xlsx")" = "PK" ] || fail "not an .xlsx"
$T --db "$db" --as MGR001 kpi qvs --month "$month" --by galaxy > /dev/null 2>&1; [ $? -eq 2 ] || fail "unknown scope accepted"
$T --db "$db" --as MGR001 kpi qvs --month 2026-13 > /dev/null 2>"$dir/err" && fail "bad month accepted"
grep -q "is not a month" "$dir/err" || fail "bad month message"

# Imports: all or nothing, file:line: column, who may.
nik=$(sqlite3 "$db" "SELECT nik FROM people WHERE role = 'AGENT' AND status = 'ACTIVE' ORDER BY id LIMIT 1")
before=$(sqlite3 "$db" "SELECT count(*) FROM kpi_inputs")
printf 'month,nik,parameter,value\n2030-01,%s,AHT,80\n2030-01,NOPE,FCR,70\n2030-01,%s,FCR,101\n' "$nik" "$nik" > "$dir/bad.csv"
$T --db "$db" --as SPV001 import kpi "$dir/bad.csv" > /dev/null 2>"$dir/err" && fail "bad KPI file accepted"
grep -q 'bad.csv:3: column nik: unknown NIK' "$dir/err" || fail "unknown NIK message"
grep -q 'bad.csv:4: column value:' "$dir/err" || fail "value 101 message"
[ "$(sqlite3 "$db" "SELECT count(*) FROM kpi_inputs")" = "$before" ] || fail "a refused file stored rows"
printf 'month,nik,parameter,value\n2030-01,%s,AHT,80\n2030-01,%s,FCR,70.5\n' "$nik" "$nik" > "$dir/good.csv"
$T --db "$db" --as QCO001 import kpi "$dir/good.csv" > /dev/null 2>&1 && fail "a QCO imported KPI inputs"
$T --db "$db" --as SPV001 import kpi "$dir/good.csv" > "$dir/out" 2>"$dir/err" || fail "import kpi"
grep -q "2 new" "$dir/out" || fail "import kpi summary: $(cat "$dir/out")"
$T --db "$db" --as MGR001 kpi scorecard --month 2030-01 > "$dir/out.csv" 2>"$dir/err" || fail "scorecard of the import"
grep -q "^$nik,.*,80.00,70.50,,,,75.25,B," "$dir/out.csv" || fail "imported scores: $(cat "$dir/out.csv")"
printf 'month,service,site,target\n2030-01,ADDON_CONSUMER,BANDUNG,40\n' > "$dir/hc.csv"
$T --db "$db" --as MGR001 import headcount "$dir/hc.csv" > /dev/null 2>"$dir/err" || fail "import headcount"
printf 'month,nik,daily_target\n2030-01,%s,x\n' "$nik" > "$dir/t.csv"
$T --db "$db" --as MGR001 import targets "$dir/t.csv" > /dev/null 2>"$dir/err" && fail "bad target accepted"
grep -q 't.csv:2: column daily_target:' "$dir/err" || fail "daily target message"
# The KPI workbook (report registry): its native charts, each with the
# target as a series whose cached values are the target; read back with
# LibreOffice when it is installed.
$T --db "$db" --as SPV001 report kpi --month "$month" -o "$dir/kpi.xlsx" > /dev/null 2>"$dir/err" || fail "report kpi"
python3 - "$dir/kpi.xlsx" <<'PY' || fail "the workbook's charts"
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
charts = sorted(n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml$", n))
assert len(charts) >= 6, charts
for n in charts:
    x = z.read(n).decode()
    sers = re.findall(r"<c:ser>(.*?)</c:ser>", x, re.S)
    target = [s for s in sers if "<c:v>Target</c:v>" in s]
    assert len(target) == 1, (n, "no target series")
    vals = re.findall(r"<c:val>.*?<c:numCache>(.*?)</c:numCache>", target[0], re.S)[0]
    pts = [float(v) for v in re.findall(r"<c:pt idx=\"\d+\"><c:v>([^<]*)</c:v>", vals)]
    assert pts and all(p in (95.0, 60.0, 100.0) for p in pts), (n, pts)
    assert len(sers) >= 2, (n, "no values beside the target")
names = re.findall(r'<sheet name="([^"]+)"', z.read("xl/workbook.xml").decode())
for want in ("Summary", "QVS trend", "QVS sites", "QVS agents", "Headcount", "Scorecard", "CT-0"):
    assert want in names, (want, names)
PY
$T --db "$db" --as SPV001 report kpi --month "$month" -o "$dir/kpi.csv" > /dev/null 2>"$dir/err" || fail "report kpi .csv"
head -1 "$dir/kpi.csv" | grep -q '^kpi,name,value,target,last_month' || fail "kpi summary columns"
grep -q '^qvs,' "$dir/kpi.csv" || fail "kpi summary: no QVS row"
head -1 "$dir/kpi-scorecard.csv" | grep -q '^nik,name,AHT,FCR,CALLMON,SALES_TARGET,KUIS,score,grade' || fail "kpi scorecard csv"
$T --db "$db" --as SPV001 report kpi --month 2026-13 -o "$dir/bad.xlsx" > /dev/null 2>&1 && fail "report kpi: a bad month accepted"
[ -e "$dir/bad.xlsx" ] || [ -e "$dir/bad.xlsx.part" ] && fail "report kpi: a refused month left a file"
if command -v soffice > /dev/null 2>&1; then
  HOME="$dir" timeout 240 soffice --headless --convert-to pdf --outdir "$dir/lo" "$dir/kpi.xlsx" > /dev/null 2>&1 || fail "LibreOffice cannot read the workbook"
  pdftotext "$dir/lo/kpi.pdf" "$dir/lo.txt" || fail "LibreOffice's PDF"
  [ "$(grep -c '^Target$' "$dir/lo.txt")" -ge 6 ] || fail "LibreOffice shows fewer than six targets"
fi
echo "kpi: ok"
