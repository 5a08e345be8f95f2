#!/bin/sh
# tamctl coaching / letter / report f03 end to end: proposals from an
# attendance import, a QCO's record, the supervisor's decisions, receipt,
# the letter read back with pdftotext, F-03, a manager's SP4 confirmation,
# and the refusals. Needs $TAMCTL and $TAM_TEST_DATA.
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

ok ()
{
  tamctl "$@" >"$T/out" 2>"$T/err" || fail "tamctl $* failed"
}

refused ()
{
  if tamctl "$@" >"$T/out" 2>"$T/err"; then
    fail "tamctl $* should have failed"
  fi
}

has ()
{
  grep -qF -- "$2" "$T/$1" || fail "$1 lacks: $2"
}

ok init
ok import roster "$D/roster.csv"
TAM_NEW_PASSWORD=rahasia-123
export TAM_NEW_PASSWORD
# The manager takes the first account and sets the others' (issue 13).
ok passwd M001
TAM_PASSWORD=rahasia-123
export TAM_PASSWORD
for who in S001 Q001 T001; do
  ok --as M001 passwd "$who"
done

# The catalog: every row of the IK.
ok coaching rules
has out "code,category,row,text,first_level,mode"
has out "LATE_LOGIN,PRODUCTIVITY,1,"
[ "$(wc -l <"$T/out")" -eq 36 ] || fail "coaching rules: 35 rules expected"

# The attendance import proposes: TELAT (late) for A002, ALPA for A003.
ok --as S001 import attendance "$D/attendance.csv"
ok --as S001 coaching list --state PROPOSED
has out "id,nik,name,rule,level,state,occurred_on,issued_on,valid_until"
has out ",A002,"
has out ",LATE_LOGIN,COACHING1,PROPOSED,2026-10-05,"
has out ",A003,"
has out ",ABSENT_NO_NOTICE,KONSELING2,PROPOSED,2026-10-05,"
# Idempotent.
ok --as S001 coaching propose --through 2026-10-31
has out "0 new proposals"

# A QCO records, linked to nothing; and may not issue.
ok --as Q001 coaching record A003 RUDE_TO_CUSTOMER --on 2026-10-06 --note "Berkata kasar kepada pelanggan"
id=$(sed -n 's/^Recorded: //p' "$T/out")
[ -n "$id" ] || fail "no record id"
refused --as Q001 coaching issue "$id" --on 2026-10-07
has err "may not do this"
refused --as S001 coaching record A003 NOT_A_RULE --on 2026-10-06
has err "NOT_A_RULE"
refused --as S001 coaching dismiss "$id"
has err "Say why"

# The supervisor issues; the agent refuses to sign before a witness.
ok --as S001 coaching issue "$id" --on 2026-10-07
has out "SP4, valid until 2027-04-07"
refused --as T001 coaching ack "$id" --refused --witness T002 --on 2026-10-08
has err "outside your scope"
ok --as S001 coaching ack "$id" --refused --witness T002 --on 2026-10-08
ok --as S001 letter "$id" -o "$T/sp4.pdf"
if command -v pdftotext >/dev/null; then
  pdftotext "$T/sp4.pdf" "$T/out"
  has out "REKOMENDASI PENGEMBALIAN KE VENDOR (SP4)"
  has out "Eko Prasetyo"
  has out "7 Oktober 2026"
fi

# A manager confirms the SP4: the agent is returned to the vendor.
refused --as S001 coaching confirm "$id"
ok --as M001 coaching confirm "$id" --on 2026-10-09
ok --as S001 export roster "$T/roster.csv"
grep -q "^A003,.*RETURNED_TO_VENDOR" "$T/roster.csv" || fail "A003 not returned to the vendor"

# F-03 of October, and the list as a file.
ok --as S001 report f03 --month 2026-10 -o "$T/f03.csv"
grep -q "^2026-10-06,A003,Eko Prasetyo,T002,Rina Wati,BANDUNG,CT0_PRANPC,RUDE_TO_CUSTOMER,SP4,ISSUED,2026-10-07,2027-04-07,2026-10-08,T002,S001," "$T/f03.csv" \
  || fail "F-03 row"
grep -q "^LEVEL,SP4," "$T/f03-counts.csv" || fail "F-03 counts"
ok --as S001 coaching list --nik A003 -o "$T/list.csv"
grep -q ",RUDE_TO_CUSTOMER,SP4,ISSUED," "$T/list.csv" || fail "coaching list -o"
echo "coaching: ok"
