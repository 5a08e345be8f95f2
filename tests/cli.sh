#!/bin/sh
# tamctl end to end: init, check, backup, passwd, refusals. No display.
set -u
fail () { echo "FAIL: $*" >&2; exit 1; }
T=${TAMCTL:?TAMCTL not set}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db="$dir/tam.db"

$T --db "$db" init > "$dir/out" || fail "init"
grep -q "Database ready" "$dir/out" || fail "init message"
$T --db "$db" check > "$dir/out" || fail "check on a new database"
grep -q "integrity_check: ok" "$dir/out" || fail "check output"

# The first account needs no sign-in; later ones do.
sqlite3 "$db" "INSERT INTO people (nik, name, role, site, status, hired_on) VALUES
  ('MGR001','Hendra Wijaya','MANAGER','BANDUNG','ACTIVE','2025-01-06'),
  ('SPV001','Dewi Lestari','SUPERVISOR_OPS','BANDUNG','ACTIVE','2025-01-06'),
  ('QCO001','Rudi Hartono','QCO','BANDUNG','ACTIVE','2025-01-06')" || fail "seed people"
TAM_NEW_PASSWORD=rahasia-mgr $T --db "$db" passwd MGR001 >/dev/null || fail "first passwd"
TAM_NEW_PASSWORD=rahasia-qco $T --db "$db" passwd QCO001 2>/dev/null && fail "anonymous passwd accepted"
TAM_PASSWORD=wrong TAM_NEW_PASSWORD=rahasia-qco $T --db "$db" --as MGR001 passwd QCO001 2>"$dir/err" && fail "wrong password accepted"
grep -q "wrong password" "$dir/err" || fail "wrong password message: $(cat "$dir/err")"
TAM_PASSWORD=rahasia-mgr TAM_NEW_PASSWORD=rahasia-spv $T --db "$db" --as MGR001 passwd SPV001 >/dev/null || fail "passwd by the manager"
TAM_PASSWORD=rahasia-mgr TAM_NEW_PASSWORD=rahasia-qco $T --db "$db" --as MGR001 passwd QCO001 >/dev/null || fail "passwd by the manager"
# Issue 13: a supervisor set the manager's password and signed in as them.
TAM_PASSWORD=rahasia-spv TAM_NEW_PASSWORD=diambil-alih $T --db "$db" --as SPV001 passwd MGR001 2>"$dir/err" && fail "a supervisor set the manager's password"
grep -q "may not" "$dir/err" || fail "takeover message: $(cat "$dir/err")"
TAM_PASSWORD=rahasia-spv TAM_NEW_PASSWORD=diambil-alih $T --db "$db" --as SPV001 passwd QCO001 2>/dev/null && fail "a supervisor set a QCO's password"
[ "$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE action = 'SET_PASSWORD'")" = 3 ] || fail "passwd not audited"
sqlite3 "$db" "SELECT password_hash FROM users" | grep -q rahasia && fail "clear password stored"

# Backup (the consistency under a concurrent writer is in test-store).
# A backup copies every customer number: it needs a supervisor's sign-in
# (issue 13), and a failed one leaves no file behind.
$T --db "$db" backup "$dir/copy.db" 2>"$dir/err" && fail "backup without sign-in"
grep -q -- "--as" "$dir/err" || fail "backup sign-in message: $(cat "$dir/err")"
TAM_PASSWORD=rahasia-qco $T --db "$db" --as QCO001 backup "$dir/copy.db" 2>"$dir/err" && fail "backup by a QCO"
[ -e "$dir/copy.db" ] && fail "a refused backup wrote a file"
mkdir "$dir/ro" && chmod 555 "$dir/ro"
if [ ! -w "$dir/ro" ]; then
  TAM_PASSWORD=rahasia-spv $T --db "$db" --as SPV001 backup "$dir/ro/copy.db" 2>/dev/null && fail "backup into a read-only folder"
fi
TAM_PASSWORD=rahasia-spv $T --db "$db" --as SPV001 backup "$dir/x/copy.db" 2>/dev/null && fail "backup into a missing folder"
[ -z "$(ls "$dir/x" 2>/dev/null)" ] || fail "a failed backup left files: $(ls "$dir/x")"
mkdir "$dir/adir"
TAM_PASSWORD=rahasia-spv $T --db "$db" --as SPV001 backup "$dir/adir" 2>/dev/null && fail "backup onto a folder"
ls "$dir" | grep -q '^adir\.' && fail "a failed backup left files: $(ls "$dir")"
TAM_PASSWORD=rahasia-spv $T --db "$db" --as SPV001 backup "$dir/copy.db" >/dev/null || fail "backup"
ls "$dir" | grep -q '\.part' && fail "backup left a .part file"
$T --db "$dir/copy.db" check >/dev/null || fail "backup does not pass check"
[ "$(sqlite3 "$dir/copy.db" "SELECT count(*) FROM people")" = 3 ] || fail "backup content"

# Files that are not ours are refused and left unchanged.
printf 'nik,name\n1,Budi\n' > "$dir/roster.csv"
cp "$dir/roster.csv" "$dir/orig.csv"
$T --db "$dir/roster.csv" check 2>"$dir/err" && fail "a CSV accepted as a database"
grep -q "not a TAM Desk database" "$dir/err" || fail "not-sqlite message"
cmp -s "$dir/roster.csv" "$dir/orig.csv" || fail "a refused file was modified"
sqlite3 "$dir/new.db" "PRAGMA user_version = 42; CREATE TABLE t (x);"
$T --db "$dir/new.db" check 2>"$dir/err" && fail "a newer database accepted"
grep -q "newer TAM Desk" "$dir/err" || fail "too-new message"

# A misspelt --db makes nothing: only init creates a file.
for cmd in check "--as SPV001 backup $dir/x.db" "--as SPV001 export roster $dir/x.csv" "--as SPV001 tap C1 valid"; do
  TAM_PASSWORD=rahasia-spv $T --db "$dir/missing.db" $cmd 2>"$dir/err" && fail "$cmd on a missing database succeeded"
  grep -q "There is no database" "$dir/err" || fail "missing-database message for $cmd: $(cat "$dir/err")"
  [ -e "$dir/missing.db" ] && fail "$cmd created a database"
done
cp README.md "$dir/readme" 2>/dev/null || printf '# TAM Desk\nsome text\n' > "$dir/readme"
cp "$dir/readme" "$dir/readme.orig"
$T --db "$dir/readme" check 2>"$dir/err" && fail "a text file accepted as a database"
grep -q "not a TAM Desk database" "$dir/err" || fail "text file message: $(cat "$dir/err")"
cmp -s "$dir/readme" "$dir/readme.orig" || fail "a refused text file was modified"
: > "$dir/empty.db"
$T --db "$dir/empty.db" check 2>"$dir/err" && fail "an empty file accepted by check"
[ -s "$dir/empty.db" ] && fail "check wrote into an empty file"
# Check, backup and reports open the file read-only: they leave no trace.
before=$(sqlite3 "$db" "SELECT count(*) FROM audit_log")
$T --db "$db" check >/dev/null 2>&1
[ "$(sqlite3 "$db" "SELECT count(*) FROM audit_log")" = "$before" ] || fail "check wrote to the database"

# check reads a copy it may not write (a backup on read-only media): as
# root, the copy is read as user nobody.
chmod 755 "$dir"
# A backup carries its key and the audit checkpoint (issue 13).
[ -f "$dir/copy.db.key" ] && [ -f "$dir/copy.db.checkpoint" ] || fail "backup without its key and checkpoint: $(ls "$dir")"
[ "$(stat -c %a "$dir/copy.db.key")" = 600 ] || fail "the backup's key is readable by others"
mkdir "$dir/rocopy" && cp "$dir/copy.db" "$dir/copy.db.key" "$dir/copy.db.checkpoint" "$dir/rocopy/" &&
  chmod 444 "$dir/rocopy/copy.db" "$dir/rocopy/copy.db.checkpoint" && chmod 555 "$dir/rocopy"
as_reader=""
if [ "$(id -u)" = 0 ]; then
  as_reader="setpriv --reuid=65534 --regid=65534 --clear-groups"
  chown 65534 "$dir/rocopy/copy.db.key" # the reader's own copy of the key
  $as_reader $T nosuchcommand 2>/dev/null; [ $? -eq 2 ] || as_reader="skip"
fi
if [ "$as_reader" = skip ]; then
  echo "cli: user nobody cannot run $T here; read-only check not tried" >&2
else
  $as_reader $T --db "$dir/rocopy/copy.db" check >"$dir/out" 2>"$dir/err" || fail "check of a read-only copy: $(cat "$dir/err")"
  grep -qx ok "$dir/out" || fail "check of a read-only copy: $(cat "$dir/out")"
  [ "$(ls "$dir/rocopy" | tr '\n' ' ')" = "copy.db copy.db.checkpoint copy.db.key " ] || fail "check wrote beside a read-only copy: $(ls "$dir/rocopy")"
fi

# Tampering with the audit log is caught by check.
sqlite3 "$db" "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor_nik = 'x' WHERE id = 1"
$T --db "$db" check >/dev/null 2>"$dir/err" && fail "tampered audit log passes check"
grep -q "tampered" "$dir/err" || fail "tamper message"

$T --db "$db" nosuchcommand 2>/dev/null; [ $? -eq 2 ] || fail "unknown command exit code"

# Issue 12: tamctl as a newcomer tries it.
$T --version >"$dir/out" || fail "--version"
grep -Eq '^tamctl [0-9]+\.[0-9]+' "$dir/out" || fail "--version output: $(cat "$dir/out")"
$T --help >"$dir/out" || fail "--help exit code"
for cmd in init import export check backup passwd tap recall report bench; do
  grep -q "^  $cmd" "$dir/out" || fail "--help does not list $cmd"
  grep -q "tamctl .*$cmd" "$G_TEST_SRCDIR/../README.md" || fail "README does not list $cmd"
done
grep -q TAM_NEW_PASSWORD "$dir/out" || fail "--help does not say where passwd takes the password"
grep -q TAM_NEW_PASSWORD "$G_TEST_SRCDIR/../README.md" || fail "README does not mention TAM_NEW_PASSWORD"
grep -q -- "--version" "$G_TEST_SRCDIR/../README.md" || fail "README does not mention --version"
# export changes nothing: no "changes data", but who to be.
$T --db "$db" export roster "$dir/r.csv" 2>"$dir/err" && fail "export without --as"
grep -q "changes data" "$dir/err" && fail "export said it changes data: $(cat "$dir/err")"
grep -q -- "--as NIK" "$dir/err" || fail "export without --as message: $(cat "$dir/err")"
# A missing password is not a wrong one.
env -u TAM_PASSWORD $T --db "$db" --as MGR001 export roster "$dir/r.csv" </dev/null 2>"$dir/err" && fail "export without a password"
grep -q "No password for MGR001" "$dir/err" || fail "missing password message: $(cat "$dir/err")"
grep -q "wrong password" "$dir/err" && fail "a missing password called wrong: $(cat "$dir/err")"
TAM_PASSWORD=rahasia-mgr $T --db "$db" --as MGR001 export roster "$dir/r.csv" >/dev/null || fail "export as the manager"
# bench --db NEWFILE generates the demo there (scale 0: the tiny set);
# bench --as a manager skips the imports a manager may not run.
TAM_PASSWORD=tam-demo-2026 $T --db "$dir/bench.db" --as MGR001 bench --scale 0 --runs 1 --import-rows 100 --calls-rows 100 >"$dir/out" 2>"$dir/err" ||
  fail "bench --db NEWFILE --as MGR001: $(cat "$dir/err")"
[ -f "$dir/bench.db" ] || fail "bench --db NEWFILE made no database"
grep -q "generating a demo database there" "$dir/err" || fail "bench NEWFILE message: $(cat "$dir/err")"
grep -q "^attendance_import_rows_per_s skipped" "$dir/out" || fail "bench as a manager did not skip the attendance import: $(cat "$dir/out")"
echo "cli: ok"
