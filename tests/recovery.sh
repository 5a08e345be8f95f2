#!/bin/sh
# tamctl recovery / calendar end to end (issue 11): a team leader drafts
# a plan for the team's roster adherence (the figure from the KPI module),
# the supervisor rejects it (a reason required), the drafter revises and
# submits it again, the supervisor approves, the owner marks an action
# done, verification against October's adherence (33.33 %: not met), the
# follow-up plan, close, the list as CSV, the plan's PDF read back, and
# the working-day calendar with a holiday added and removed. Needs
# $TAMCTL and $TAM_TEST_DATA.
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
ok passwd M001
TAM_PASSWORD=rahasia-123
export TAM_PASSWORD
for who in S001 Q001 T001 T002; do
  ok --as M001 passwd "$who"
done
# October: T001's team is on time 1 day of 3 (33.33 %).
ok --as S001 import attendance "$D/attendance.csv"

# The working-day calendar (no sign-in to read it).
ok calendar workday 2026-10-09 +3
[ "$(cat "$T/out")" = "2026-10-14" ] || fail "HK+3 of Friday 9 October"
ok calendar workday 2026-03-17 +1
[ "$(cat "$T/out")" = "2026-03-25" ] || fail "Lebaran 2026: the day after 17 March"
refused calendar workday 2026-02-30 +1
refused calendar workday 2026-10-09 three
refused --as T001 calendar add 2026-10-14 Banjir
has err "may not do this"
ok --as S001 calendar add 2026-10-14 Banjir
ok calendar workday 2026-10-09 +3
[ "$(cat "$T/out")" = "2026-10-15" ] || fail "the added holiday is skipped"
ok calendar list --year 2026
has out "2026-10-14,ADDED,Banjir,DATABASE"
has out "2026-03-20,CUTI_BERSAMA,"
ok --as S001 calendar remove 2026-10-14
ok calendar workday 2026-10-09 +3
[ "$(cat "$T/out")" = "2026-10-14" ] || fail "the holiday removed"
refused --as S001 calendar remove 2026-10-13
has err "not a holiday"

# A team leader drafts for their own team only; the id alone on stdout.
refused --as T001 recovery draft --kpi adherence --scope team:T002 --period 2026-09 --analysis x \
  --action "Briefing|T001|2099-01-01"
has err "not in your team"
refused --as Q001 recovery draft --kpi adherence --scope team:T001 --period 2026-09 --analysis x \
  --action "Briefing|T001|2099-01-01"
refused --as T001 recovery draft --kpi nps --scope team:T001 --period 2026-09 --analysis x
has err "not a KPI"
refused --as T001 recovery draft --kpi adherence --scope team:T001 --period 2026-09 --analysis x --action "no bars"
has err "not an action"
refused --as T001 recovery draft --kpi adherence --scope team:T001 --period 2026-09 --analysis x \
  --action "Briefing|T001|2020-01-01"
has err "before the plan was made"
ok --as T001 recovery draft --kpi adherence --scope team:T001 --period 2026-09 --analysis "Telat login berulang" \
  --cause people --cause process --action "Briefing pagi|T001|2099-01-01" --action "Pantau login|A001|2099-01-02"
id=$(cat "$T/out")
case "$id" in '' | *[!0-9]*) fail "draft printed more than an id: $id" ;; esac

# Submit; approving a draft, or one's own plan, is refused.
refused --as S001 recovery approve "$id"
has err "only a submitted plan"
ok --as T001 recovery submit "$id"
refused --as T001 recovery approve "$id"
refused --as S001 recovery reject "$id"
refused --as S001 recovery reject "$id" --reason " "
has err "needs a reason"
ok --as S001 recovery reject "$id" --reason "Lampirkan data login"
refused --as T001 recovery submit "$id"
has err "revise it"
ok --as T001 recovery revise "$id" --analysis "Telat login berulang; data login terlampir" --cause people \
  --action "Briefing pagi|T001|2099-01-01"
ok --as T001 recovery submit "$id"
ok --as S001 recovery approve "$id"
refused --as T001 recovery revise "$id" --action "Lagi|T001|2099-01-01"
has err "can no longer be changed"

# Carried out.
ok --as T001 recovery show "$id"
has out "action,"
action=$(sed -n 's/^action,\([0-9]*\),.*/\1/p' "$T/out" | head -1)
refused --as Q001 recovery done "$action"
ok --as T001 recovery done "$action" --note "Briefing dilakukan"

# Verified on October: 33.33 % against 95 %, not met.
ok --as S001 recovery verify --through 2026-10-30
has out "Verified: 0 met, 0 not met"
ok --as S001 recovery verify --through 2026-10-31
has out "Verified: 0 met, 1 not met"
ok --as S001 recovery list --state VERIFIED_NOT_MET -o "$T/plans.csv"
head -1 "$T/plans.csv" | grep -q '^id,kpi,scope,period,state,drafted_by,decided_by,actual,target' || fail "list header"
grep -q "^$id,adherence,team:T001,2026-09,VERIFIED_NOT_MET,T001,S001,.*,95.00,2,2026-10,33.33," "$T/plans.csv" ||
  { cat "$T/plans.csv" >&2; fail "list row"; }
ok --as T001 recovery follow-up "$id" --analysis "Lanjutan" --action "Pendampingan|T001|2099-02-01"
follow=$(cat "$T/out")
refused --as T001 recovery follow-up "$id" --action "Lagi|T001|2099-02-01"
has err "already has a follow-up"
refused --as T001 recovery close "$id"
ok --as S001 recovery close "$id"
ok --as T001 recovery list
has out "$follow,adherence,team:T001,2026-10,DRAFT,T001,"
has out "$id,adherence,team:T001,2026-09,CLOSED,T001,S001,"
refused --as T001 recovery list --state FINISHED

# The plan's PDF.
ok --as T001 recovery pdf "$id" -o "$T/plan.pdf"
if command -v pdftotext >/dev/null; then
  pdftotext "$T/plan.pdf" "$T/plan.txt"
  grep -q "Telat login berulang; data login terlampir" "$T/plan.txt" || fail "the PDF lacks the analysis"
  grep -q "Briefing pagi" "$T/plan.txt" || fail "the PDF lacks the action"
  grep -q "REJECT" "$T/plan.txt" || fail "the PDF lacks the history"
fi
ok check
echo "recovery: ok"
