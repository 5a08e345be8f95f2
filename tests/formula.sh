#!/bin/sh
# Issue 13: a CSV the desk writes never makes a spreadsheet run a formula.
# A roster whose names are formulas is exported and opened by LibreOffice
# (headless, converted to .ods); its content.xml must hold no formula. A
# control file written without the apostrophe proves that LibreOffice
# here does evaluate formulas, so the test can fail.
set -u
fail () { echo "FAIL: $*" >&2; exit 1; }
T=${TAMCTL:?TAMCTL not set}
command -v soffice >/dev/null || fail "LibreOffice (soffice) is not installed: ./tam-dev installs libreoffice-calc-nogui"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db="$dir/tam.db"

formulas () # FILE.ods: how many formula cells it holds
{
  python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("content.xml").decode().count("table:formula="))' "$1"
}

to_ods () # FILE.csv
{
  soffice -env:UserInstallation="file://$dir/profile" --headless --convert-to ods --outdir "$dir" "$1" >/dev/null 2>&1 ||
    fail "LibreOffice could not convert $1"
}

$T --db "$db" init >/dev/null || fail "init"
cat > "$dir/roster.csv" <<'CSV'
nik,name,role,site,service,team_leader_nik,status,hired_on,contract_end
M001,Hendra Wijaya,MANAGER,BANDUNG,,,ACTIVE,2020-01-06,
T001,"=HYPERLINK(""http://evil.example"";""klik"")",TEAM_LEADER,BANDUNG,ADDON_CONSUMER,,ACTIVE,2022-04-04,
A001,+1+1,AGENT,BANDUNG,ADDON_CONSUMER,T001,ACTIVE,2025-01-06,
A002,-2+3,AGENT,BANDUNG,ADDON_CONSUMER,T001,ACTIVE,2025-01-06,
A003,@SUM(1;2),AGENT,BANDUNG,ADDON_CONSUMER,T001,ACTIVE,2025-01-06,
CSV
$T --db "$db" import roster "$dir/roster.csv" >/dev/null 2>&1 || fail "import the roster"
TAM_NEW_PASSWORD=rahasia-mgr $T --db "$db" passwd M001 >/dev/null || fail "passwd"
TAM_PASSWORD=rahasia-mgr $T --db "$db" --as M001 export roster "$dir/export.csv" >/dev/null 2>&1 || fail "export"
grep -q "'=HYPERLINK" "$dir/export.csv" || fail "the export lost the name: $(cat "$dir/export.csv")"

# The control: the same names without the apostrophe are formulas.
sed "s/'\([=+@-]\)/\1/" "$dir/export.csv" > "$dir/control.csv"
to_ods "$dir/control.csv"
[ "$(formulas "$dir/control.ods")" -ge 1 ] || fail "LibreOffice did not evaluate the control's formulas: the test proves nothing"

to_ods "$dir/export.csv"
n=$(formulas "$dir/export.ods")
[ "$n" = 0 ] || fail "the exported roster opens with $n formula cells"
echo "formula: ok"
