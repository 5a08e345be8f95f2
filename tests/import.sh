#!/bin/sh
# tamctl import / export end to end: the set-up roster of a new database,
# sign-in, attendance with errors, --skip-bad, re-import, calls, the export
# round trip and the refusals. Needs $TAMCTL and $TAM_TEST_DATA.
set -eu

: "${TAMCTL:?}" "${TAM_TEST_DATA:?}"
D="$TAM_TEST_DATA/import"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
DB="$T/tam.db"

fail ()
{
  echo "FAIL: $*" >&2
  for f in "$T/out" "$T/err"; do
    [ -f "$f" ] && sed 's/^/  | /' "$f" >&2
  done
  exit 1
}

tamctl ()
{
  "$TAMCTL" --db "$DB" "$@"
}

# Runs tamctl, expecting success; output in $T/out and $T/err.
ok ()
{
  tamctl "$@" >"$T/out" 2>"$T/err" || fail "tamctl $* failed"
}

# Runs tamctl, expecting failure (non-zero exit).
refused ()
{
  if tamctl "$@" >"$T/out" 2>"$T/err"; then
    fail "tamctl $* should have failed"
  fi
}

# with PASSWORD COMMAND...: runs a helper with $TAM_PASSWORD set.
with ()
{
  (TAM_PASSWORD=$1; export TAM_PASSWORD; shift; "$@")
}

# new_password PASSWORD COMMAND...: the same for $TAM_NEW_PASSWORD.
new_password ()
{
  (TAM_NEW_PASSWORD=$1; export TAM_NEW_PASSWORD; shift; "$@")
}

has ()
{
  grep -qF -- "$2" "$T/$1" || fail "$1 lacks: $2"
}

ok init

# A new database has no accounts yet: its first roster loads unsigned.
# BOM, semicolons, CRLF, both date forms, team leaders after their teams.
ok import roster "$D/roster.csv"
has out "9 rows read: 9 new, 0 changed, 0 unchanged"
# Only a manager sets other people's passwords (issue 13): the site's
# manager takes the first account.
new_password rahasia-mgr ok passwd M001
new_password rahasia-123 with rahasia-mgr ok --as M001 passwd S001
new_password rahasia-qco with rahasia-mgr ok --as M001 passwd Q001
new_password rahasia-tl1 with rahasia-mgr ok --as M001 passwd T001
TAM_PASSWORD=rahasia-123
export TAM_PASSWORD

# Once there are accounts, never unsigned; and a QCO may not.
refused import roster "$D/roster.csv"
has err "--as NIK"
with rahasia-qco refused --as Q001 import roster "$D/roster.csv"
has err "may not do this"

# Attendance: quoted notes with separators, quotes and a line break,
# Indonesian words, both date forms.
ok --as S001 import attendance "$D/attendance.csv"
has out "6 rows read: 6 new, 0 changed, 0 unchanged"
has err "rows/s"

# Re-importing the same file changes nothing and says so.
ok --as S001 import attendance "$D/attendance.csv"
has out "no changes: 6 rows already up to date (this file was imported before)"

# One bad row and nothing is stored; every error names file, line,
# column and reason.
refused --as S001 import attendance "$D/attendance-bad.csv"
has err "attendance-bad.csv:3: column status: unknown status “HADIRR”"
has err "attendance-bad.csv:4: column nik: unknown NIK “X999”"
has err "attendance-bad.csv:5: column date: not a date “31/02/2026”"
has err "attendance-bad.csv:6: column date: A001 already has a row for 2026-10-07 on line 2"
has err "attendance-bad.csv:7: column shift_start: not a time “8h”"
has err "attendance-bad.csv: 5 rows have errors; nothing was imported"

# --skip-bad keeps the two good rows (new: the refused run stored
# nothing) and writes the bad ones with their reasons.
ok --as S001 import attendance "$D/attendance-bad.csv" --skip-bad "$T/rejects.csv"
has out "7 rows read: 2 new, 0 changed, 0 unchanged, 5 rejected"
has err "5 bad rows written to $T/rejects.csv"
cmp "$T/rejects.csv" "$D/attendance-bad.rejects.csv" || fail "rejects file differs"

# A team leader imports for their own team only.
with rahasia-tl1 refused --as T001 import attendance "$D/attendance-team2.csv"
has err "attendance-team2.csv:3: column nik: A003 is not in your team"

# An empty file and a missing column are clear errors.
: >"$T/kosong.csv"
refused --as S001 import attendance "$T/kosong.csv"
has err "kosong.csv: the file is empty"
printf 'date,nik,status\n2026-10-09,A001,HADIR\n' >"$T/kurang.csv"
refused --as S001 import attendance "$T/kurang.csv"
has err "missing column: shift_start, shift_end, check_in, check_out, note"

# Issue 14: A002 is still in TRAINING: the calls of an agent who has not
# passed initial training are refused (all or nothing) until the manager
# records their initial training.
with rahasia-qco refused --as Q001 import calls "$D/calls.csv"
has err "calls.csv:3: column agent_nik: A002 has not passed initial training"
with rahasia-mgr ok --as M001 training add --kind INITIAL --title "Training Awal" --service ADDON_CONSUMER \
  --site BANDUNG --from 2025-09-01 --to 2025-09-12
TRAINING_ID=$(cat "$T/out")
with rahasia-mgr ok --as M001 training enroll "$TRAINING_ID" A002
with rahasia-mgr ok --as M001 training score "$TRAINING_ID" A002 85

# Calls (issue 3): re-importing adds nothing.
with rahasia-qco ok --as Q001 import calls "$D/calls.csv"
has out "3 rows read: 3 new, 0 changed, 0 unchanged"
with rahasia-qco ok --as Q001 import calls "$D/calls.csv"
has out "no changes: 3 rows already up to date (this file was imported before)"
with rahasia-tl1 refused --as T001 import calls "$D/calls.csv"
has err "may not do this"

# Export -> import round trip, CSV and .xlsx.
ok --as S001 export roster "$T/roster.csv"
[ "$(head -n 1 "$T/roster.csv")" = "nik,name,role,site,service,team_leader_nik,status,hired_on,contract_end" ] ||
  fail "export header"
has out "Roster written"
ok --as S001 import roster "$T/roster.csv"
has out "no changes: 9 rows already up to date"
ok --as S001 export roster "$T/roster.xlsx"
[ "$(head -c 2 "$T/roster.xlsx")" = "PK" ] || fail "the .xlsx is not a zip"
ok --as S001 import roster "$T/roster.xlsx"
has out "no changes: 9 rows already up to date"
refused --as S001 export roster "$T/roster.txt"
has err ".csv or .xlsx"

# Usage errors.
refused import
refused import payroll "$D/roster.csv"

# The audit chain is intact after all of it.
ok check
echo "import.sh: all passed"
