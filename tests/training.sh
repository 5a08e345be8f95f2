#!/bin/sh
# tamctl training end to end (issue 14): the gate through tamctl's door
# (the roster import), the commands add, enroll, attend, score,
# import-scores, list and due, their refusals. Needs $TAMCTL.
set -eu

: "${TAMCTL:?}"
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

with ()
{
  (TAM_PASSWORD=$1; export TAM_PASSWORD; shift; "$@")
}

new_password ()
{
  (TAM_NEW_PASSWORD=$1; export TAM_NEW_PASSWORD; shift; "$@")
}

has ()
{
  grep -qF -- "$2" "$T/$1" || fail "$1 lacks: $2"
}

ok init
cat >"$T/roster.csv" <<'EOF'
nik,name,role,site,service,team_leader_nik,status,hired_on,contract_end
M001,Hadi Wijaya,MANAGER,BANDUNG,,,ACTIVE,2019-01-02,
S001,Dewi Lestari,SUPERVISOR_OPS,BANDUNG,,,ACTIVE,2020-02-03,
R001,Rahmat Hidayat,TRAINER,BANDUNG,,,ACTIVE,2021-05-03,
T001,Agus Salim,TEAM_LEADER,BANDUNG,ADDON_CONSUMER,,ACTIVE,2022-04-04,
A001,Budi Santoso,AGENT,BANDUNG,ADDON_CONSUMER,T001,ACTIVE,2025-01-06,
N001,Nur Aini,AGENT,BANDUNG,ADDON_CONSUMER,T001,TRAINING,2026-10-01,
N002,Putri Ayu,AGENT,BANDUNG,ADDON_CONSUMER,T001,TRAINING,2026-10-01,
EOF
ok import roster "$T/roster.csv"
# The workforce already live is taken as trained, and the summary says so.
has out "1 agent imported ACTIVE is taken as trained"
new_password rahasia-mgr ok passwd M001
new_password rahasia-spv with rahasia-mgr ok --as M001 passwd S001
new_password rahasia-trn with rahasia-mgr ok --as M001 passwd R001
TAM_PASSWORD=rahasia-trn
export TAM_PASSWORD

# Only a trainer (or a manager) records trainings.
with rahasia-spv refused --as S001 training add --kind INITIAL --title "Training Awal" --service ADDON_CONSUMER \
  --site BANDUNG --from 2026-10-01 --to 2026-10-14
has err "may not do this"

# add prints only the new id.
ok --as R001 training add --kind initial --title "Training Awal Add On" --service ADDON_CONSUMER \
  --site BANDUNG --from 2026-10-01 --to 2026-10-02
ID=$(cat "$T/out")
[ "$ID" = 1 ] || fail "add printed “$ID”, not the id 1"
refused --as R001 training add --kind TRAINING --title X --service ADDON_CONSUMER --site BANDUNG --from 2026-10-01 --to 2026-10-02
has err "is not a kind of training"
refused --as R001 training add --kind INITIAL --title X --service ADDON_CONSUMER --site BANDUNG --from 2026-10-03 --to 2026-10-02
has err "cannot end before it starts"

# enroll: all or none.
refused --as R001 training enroll "$ID" N001 ZZZ9
has err "Nobody has the NIK ZZZ9"
ok --as R001 training enroll "$ID" N001 N002
has out "Enrolled: 2 participants"
refused --as R001 training enroll "$ID" N001
has err "already enrolled"

# attend: within the training's days.
ok --as R001 training attend "$ID" N001 --on 2026-10-01
ok --as R001 training attend "$ID" N002 --on 2026-10-01 --absent
has out "Absent: N002 on 2026-10-01"
refused --as R001 training attend "$ID" N001 --on 2026-10-05
has err "outside the training"

# The gate through tamctl's door: the roster import refuses N001 ACTIVE
# with its line until they pass.
sed 's/^N001,\(.*\),TRAINING,/N001,\1,ACTIVE,/' "$T/roster.csv" >"$T/live.csv"
with rahasia-spv refused --as S001 import roster "$T/live.csv"
has err "live.csv:7: column status: Nur Aini (N001) cannot become ACTIVE: they have not passed an initial training"

# score: every attempt kept, the latest counts.
ok --as R001 training score "$ID" N001 55
has out "Attempt 1 of N001: 55, not passed"
refused --as R001 training score "$ID" N001 101
has err "from 0 to 100"
with rahasia-spv refused --as S001 import roster "$T/live.csv"
has err "no passing quiz score yet"
ok --as R001 training score "$ID" N001 80
has out "Attempt 2 of N001: 80, passed"
with rahasia-spv ok --as S001 import roster "$T/live.csv"
has out "1 changed"

# import-scores: all or nothing with file:line.
printf 'nik,score\nN002,77\nZZZ9,60\nN002,90\n' >"$T/kuis.csv"
refused --as R001 training import-scores "$ID" "$T/kuis.csv"
has err "kuis.csv:3: column nik: unknown NIK “ZZZ9”"
has err "kuis.csv:4: column nik: N002 is already on line 2"
printf 'nik,score\nN002,77\n' >"$T/kuis.csv"
ok --as R001 training import-scores "$ID" "$T/kuis.csv"
has out "1 score stored"

# list
ok --as R001 training list
has out "id,kind,title,service,site,trainer_nik,starts_on,ends_on,participants,scored,passed,absences,mean_score"
has out "1,INITIAL,Training Awal Add On,ADDON_CONSUMER,BANDUNG,R001,2026-10-01,2026-10-02,2,2,2,1,78.5"
ok --as R001 training list -o "$T/list.csv"
has out "Written: $T/list.csv (1 row)"

# due: A001 (hired 2025-01-06, no training on record) overdue since 2025-07-06.
ok --as R001 training due --on 2026-11-01
has out "nik,name,last_training,due_on"
has out "A001,Budi Santoso,,2025-07-06,OVERDUE,REFRESHMENT"
has err "0 due, 1 overdue, 0 suggested"
ok --as R001 training due --on 2026-11-01 -o "$T/due.csv"
grep -qF "A001,Budi Santoso,,2025-07-06,OVERDUE" "$T/due.csv" || fail "due.csv lacks A001"
refused --as R001 training due
has err "usage: tamctl training due --on DATE"
refused --as R001 training frobnicate
has err "usage: tamctl training add|enroll|attend|score|import-scores|list|due"

# The batch report of the registry.
ok --as R001 report training --month 2026-10 -o "$T/batch.csv"
grep -qF '1,INITIAL,Training Awal Add On,ADDON_CONSUMER,BANDUNG,R001,2026-10-01,2026-10-02,N001,Nur Aini,1,0,2,80.0,1' "$T/batch.csv" ||
  fail "batch.csv lacks N001's row: $(cat "$T/batch.csv")"
grep -qF ',N001,Nur Aini,1,55.0,70.0,0,' "$T/batch-attempts.csv" || fail "batch-attempts.csv lacks the first attempt"
ok --help
has out "training add --kind KIND"

# The absence was proposed to coaching (IK Pembinaan row 10).
with rahasia-spv ok --as S001 coaching list --nik N002
has out "MEETING_ABSENT"

echo "training.sh: ok"
