/* tam-schema.c: the forward migrations, in order. Migration N brings a file
 * from user_version N-1 to N. Never edit a released migration: add one. */
#include "config.h"

#include "tam-schema.h"

static const char migration_1[] =
    "CREATE TABLE settings ("
    "  key   TEXT PRIMARY KEY,"
    "  value TEXT NOT NULL"
    ") STRICT;"

    "CREATE TABLE sites ("
    "  code TEXT PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  building TEXT NOT NULL DEFAULT ''"
    ") STRICT;"

    "CREATE TABLE services ("
    "  code           TEXT PRIMARY KEY,"
    "  name           TEXT NOT NULL,"
    "  activity       TEXT NOT NULL CHECK (activity IN ('SALES','CUSTOMER_RETENTION')),"
    "  masking_number TEXT NOT NULL"
    ") STRICT;"

    "CREATE TABLE service_sites ("
    "  service TEXT NOT NULL REFERENCES services (code),"
    "  site    TEXT NOT NULL REFERENCES sites (code),"
    "  PRIMARY KEY (service, site)"
    ") STRICT, WITHOUT ROWID;"

    "CREATE TABLE people ("
    "  id             INTEGER PRIMARY KEY,"
    "  nik            TEXT NOT NULL UNIQUE,"
    "  name           TEXT NOT NULL,"
    "  role           TEXT NOT NULL CHECK (role IN ('AGENT','TEAM_LEADER','SUPERVISOR_OPS',"
    "                   'SUPERVISOR_QUALITY','QCO','QA','TRAINER','QC_TIER2','HD_SUPPORT','MANAGER')),"
    "  site           TEXT NOT NULL REFERENCES sites (code),"
    "  service        TEXT REFERENCES services (code),"
    "  team_leader_id INTEGER REFERENCES people (id),"
    "  status         TEXT NOT NULL CHECK (status IN ('TRAINING','ACTIVE','RESIGNED','RETURNED_TO_VENDOR')),"
    "  hired_on       TEXT NOT NULL,"
    "  contract_end   TEXT,"
    "  CHECK (contract_end IS NULL OR contract_end >= hired_on)"
    ") STRICT;"
    "CREATE INDEX people_team_leader ON people (team_leader_id);"
    "CREATE INDEX people_name ON people (name);"

    /* A team is a team leader and the people who report to them. */
    "CREATE VIEW teams AS"
    "  SELECT tl.id AS leader_id, tl.nik AS leader_nik, tl.name AS leader_name,"
    "         tl.site AS site, tl.service AS service,"
    "         (SELECT count(*) FROM people a WHERE a.team_leader_id = tl.id"
    "            AND a.status IN ('TRAINING','ACTIVE')) AS members"
    "  FROM people tl WHERE tl.role = 'TEAM_LEADER';"

    "CREATE TABLE users ("
    "  person_id     INTEGER PRIMARY KEY REFERENCES people (id),"
    "  password_hash TEXT NOT NULL,"
    "  created_at    TEXT NOT NULL,"
    "  last_sign_in  TEXT"
    ") STRICT;"

    /* Form F-02: the final roster (planned shift) and its realisation, one
     * row per person and day. */
    "CREATE TABLE attendance ("
    "  person_id   INTEGER NOT NULL REFERENCES people (id),"
    "  date        TEXT NOT NULL,"
    "  shift_start TEXT,"
    "  shift_end   TEXT,"
    "  status      TEXT NOT NULL CHECK (status IN ('PRESENT','LATE','LATE_FROM_BREAK','ABSENT_NOTICE',"
    "                'ABSENT_SHORT_NOTICE','ABSENT_NO_NOTICE','SICK_NOTE','SICK_NO_NOTE','LEAVE','OFF')),"
    "  check_in    TEXT,"
    "  check_out   TEXT,"
    "  note        TEXT NOT NULL DEFAULT '',"
    "  PRIMARY KEY (person_id, date)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE INDEX attendance_date ON attendance (date);"
    "CREATE VIEW rosters AS"
    "  SELECT person_id, date, shift_start, shift_end FROM attendance"
    "  WHERE status <> 'OFF';"

    "CREATE TABLE calls ("
    "  id              INTEGER PRIMARY KEY,"
    "  call_id         TEXT NOT NULL UNIQUE,"
    "  agent_id        INTEGER NOT NULL REFERENCES people (id),"
    "  site            TEXT NOT NULL REFERENCES sites (code),"
    "  service         TEXT NOT NULL REFERENCES services (code),"
    "  call_start      TEXT NOT NULL,"
    "  month           TEXT NOT NULL,"
    "  result          TEXT NOT NULL CHECK (result IN ('AGREE','DECLINE','FOLLOW_UP')),"
    "  customer_number TEXT NOT NULL,"
    "  product         TEXT NOT NULL DEFAULT '',"
    "  recording       TEXT NOT NULL DEFAULT '',"
    /* Tapping state of an AGREE call (NULL for the others). */
    "  state           TEXT CHECK (state IN ('PENDING','VALID','RETURNED','RECALLED')),"
    "  attempts        INTEGER NOT NULL DEFAULT 0,"
    "  first_verdict   TEXT CHECK (first_verdict IN ('VALID','RETURN')),"
    "  claimed_by      INTEGER REFERENCES people (id),"
    "  claimed_at      TEXT,"
    "  CHECK ((result = 'AGREE') = (state IS NOT NULL))"
    ") STRICT;"
    /* Per agent: calls_month for any result by month, calls_queue_agent
     * (below) for AGREE calls; no separate (agent_id, call_start) index,
     * which only slowed bulk imports. */
    "CREATE INDEX calls_month ON calls (month, agent_id);"
    "CREATE INDEX calls_queue ON calls (state, call_start) WHERE state IS NOT NULL;"

    "CREATE TABLE assessment_parameters ("
    "  id       INTEGER PRIMARY KEY,"
    "  service  TEXT NOT NULL REFERENCES services (code),"
    "  code     TEXT NOT NULL,"
    "  text     TEXT NOT NULL,"
    "  critical INTEGER NOT NULL DEFAULT 0 CHECK (critical IN (0,1)),"
    "  position INTEGER NOT NULL DEFAULT 0,"
    "  active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),"
    "  UNIQUE (service, code)"
    ") STRICT;"

    /* Every tapping is a new row; nothing is overwritten. */
    "CREATE TABLE tappings ("
    "  id             INTEGER PRIMARY KEY,"
    "  call_id        INTEGER NOT NULL REFERENCES calls (id),"
    "  attempt        INTEGER NOT NULL,"
    "  qco_id         INTEGER NOT NULL REFERENCES people (id),"
    "  tapped_at      TEXT NOT NULL,"
    "  verdict        TEXT NOT NULL CHECK (verdict IN ('VALID','RETURN')),"
    "  recommendation TEXT NOT NULL DEFAULT '',"
    "  undone         INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0,1)),"
    "  UNIQUE (call_id, attempt, tapped_at)"
    ") STRICT;"
    "CREATE INDEX tappings_call ON tappings (call_id);"
    "CREATE INDEX tappings_qco ON tappings (qco_id, tapped_at);"
    "CREATE TABLE tapping_failures ("
    "  tapping_id   INTEGER NOT NULL REFERENCES tappings (id),"
    "  parameter_id INTEGER NOT NULL REFERENCES assessment_parameters (id),"
    "  PRIMARY KEY (tapping_id, parameter_id)"
    ") STRICT, WITHOUT ROWID;"

    /* W-03: the agent's re-call after a RETURN, recorded by the TL. */
    "CREATE TABLE recalls ("
    "  id          INTEGER PRIMARY KEY,"
    "  call_id     INTEGER NOT NULL REFERENCES calls (id),"
    "  attempt     INTEGER NOT NULL,"
    "  recorded_by INTEGER NOT NULL REFERENCES people (id),"
    "  recorded_at TEXT NOT NULL,"
    "  recording   TEXT NOT NULL,"
    "  note        TEXT NOT NULL DEFAULT ''"
    ") STRICT;"
    "CREATE INDEX recalls_call ON recalls (call_id);"

    "CREATE TABLE coaching_records ("
    "  id            INTEGER PRIMARY KEY,"
    "  person_id     INTEGER NOT NULL REFERENCES people (id),"
    "  nonconformity TEXT NOT NULL,"
    "  level         TEXT NOT NULL CHECK (level IN ('COACHING1','COACHING2','KONSELING1','KONSELING2',"
    "                  'BATL','SP1','SP2','SP3','SP4')),"
    "  state         TEXT NOT NULL DEFAULT 'PROPOSED' CHECK (state IN ('PROPOSED','ISSUED','DISMISSED')),"
    "  occurred_on   TEXT NOT NULL,"
    "  issued_on     TEXT,"
    "  valid_until   TEXT,"
    "  proposed_by   INTEGER REFERENCES people (id),"
    "  decided_by    INTEGER REFERENCES people (id),"
    "  note          TEXT NOT NULL DEFAULT ''"
    ") STRICT;"
    "CREATE INDEX coaching_person ON coaching_records (person_id, occurred_on);"

    "CREATE TABLE recovery_plans ("
    "  id              INTEGER PRIMARY KEY,"
    "  kpi             TEXT NOT NULL,"
    "  scope_kind      TEXT NOT NULL CHECK (scope_kind IN ('AGENT','TEAM','SITE','SERVICE')),"
    "  scope_ref       TEXT NOT NULL,"
    "  period          TEXT NOT NULL,"
    "  analysis        TEXT NOT NULL DEFAULT '',"
    "  state           TEXT NOT NULL DEFAULT 'DRAFT' CHECK (state IN ('DRAFT','SUBMITTED','APPROVED',"
    "                    'REJECTED','VERIFIED_MET','VERIFIED_NOT_MET','CLOSED')),"
    "  drafted_by      INTEGER NOT NULL REFERENCES people (id),"
    "  drafted_at      TEXT NOT NULL,"
    "  decided_by      INTEGER REFERENCES people (id),"
    "  decided_at      TEXT,"
    "  decision_reason TEXT NOT NULL DEFAULT '',"
    "  CHECK (decided_by IS NULL OR decided_by <> drafted_by)"
    ") STRICT;"
    "CREATE TABLE recovery_actions ("
    "  id       INTEGER PRIMARY KEY,"
    "  plan_id  INTEGER NOT NULL REFERENCES recovery_plans (id),"
    "  action   TEXT NOT NULL,"
    "  owner_id INTEGER REFERENCES people (id),"
    "  due_on   TEXT NOT NULL,"
    "  done_on  TEXT"
    ") STRICT;"

    "CREATE TABLE trainings ("
    "  id         INTEGER PRIMARY KEY,"
    "  kind       TEXT NOT NULL CHECK (kind IN ('INITIAL','REFRESHMENT','PRODUCT_SOCIALIZATION')),"
    "  title      TEXT NOT NULL,"
    "  service    TEXT REFERENCES services (code),"
    "  site       TEXT REFERENCES sites (code),"
    "  trainer_id INTEGER REFERENCES people (id),"
    "  starts_on  TEXT NOT NULL,"
    "  ends_on    TEXT NOT NULL,"
    "  CHECK (ends_on >= starts_on)"
    ") STRICT;"
    "CREATE TABLE training_participants ("
    "  training_id INTEGER NOT NULL REFERENCES trainings (id),"
    "  person_id   INTEGER NOT NULL REFERENCES people (id),"
    "  attended    INTEGER NOT NULL DEFAULT 0 CHECK (attended IN (0,1)),"
    "  quiz_score  REAL CHECK (quiz_score IS NULL OR (quiz_score >= 0 AND quiz_score <= 100)),"
    "  passed      INTEGER CHECK (passed IN (0,1)),"
    "  PRIMARY KEY (training_id, person_id)"
    ") STRICT, WITHOUT ROWID;"

    /* Monthly KPI inputs per agent (ABU scorecard) and headcount targets. */
    "CREATE TABLE kpi_inputs ("
    "  month     TEXT NOT NULL,"
    "  person_id INTEGER NOT NULL REFERENCES people (id),"
    "  parameter TEXT NOT NULL CHECK (parameter IN ('AHT','FCR','CALLMON','SALES_TARGET','KUIS')),"
    "  value     REAL NOT NULL,"
    "  PRIMARY KEY (month, person_id, parameter)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE headcount_targets ("
    "  month   TEXT NOT NULL,"
    "  service TEXT NOT NULL REFERENCES services (code),"
    "  site    TEXT NOT NULL REFERENCES sites (code),"
    "  target  INTEGER NOT NULL CHECK (target >= 0),"
    "  PRIMARY KEY (month, service, site)"
    ") STRICT, WITHOUT ROWID;"

    /* Files imported, by content hash, so a re-import is recognised. */
    "CREATE TABLE imports ("
    "  id          INTEGER PRIMARY KEY,"
    "  kind        TEXT NOT NULL,"
    "  sha256      TEXT NOT NULL,"
    "  file_name   TEXT NOT NULL,"
    "  rows        INTEGER NOT NULL,"
    "  imported_at TEXT NOT NULL,"
    "  imported_by INTEGER REFERENCES people (id)"
    ") STRICT;"
    "CREATE INDEX imports_sha ON imports (kind, sha256);"

    /* Append-only audit log; each row hashes the previous row's hash and its
     * own content (see tam-audit.c). */
    "CREATE TABLE audit_log ("
    "  id        INTEGER PRIMARY KEY,"
    "  at        TEXT NOT NULL,"
    "  actor_nik TEXT NOT NULL,"
    "  action    TEXT NOT NULL,"
    "  entity    TEXT NOT NULL,"
    "  entity_id TEXT NOT NULL,"
    "  before    TEXT,"
    "  after     TEXT,"
    "  prev_hash TEXT NOT NULL,"
    "  hash      TEXT NOT NULL"
    ") STRICT;"
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
    "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
    "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"

    /* Reference data of the operation (DOMAIN.md, manual section 1.2.2). */
    "INSERT INTO sites (code, name, building) VALUES"
    "  ('MEDAN','Medan','Gedung Cambridge'),"
    "  ('TANGERANG','Tangerang','Graha Telkom BSD'),"
    "  ('BANDUNG','Bandung','Gd. INFOMEDIA Buah Batu'),"
    "  ('SEMARANG','Semarang','Gd. TELKOM Pahlawan'),"
    "  ('MALANG','Malang','Gd. Plasa Telkom Blimbing'),"
    "  ('MAKASSAR','Makassar','Gd. Telkom Makassar');"
    "INSERT INTO services (code, name, activity, masking_number) VALUES"
    "  ('ADDON_CONSUMER','TAM Add On Consumer','SALES','1500755'),"
    "  ('WIFI_DIGITAL','TAM WiFi Service & Add On Digital','SALES','1500750'),"
    "  ('CT0_PRANPC','TAM CT-0 PraNPC','CUSTOMER_RETENTION','1500755');"
    "INSERT INTO service_sites (service, site) VALUES"
    "  ('ADDON_CONSUMER','MEDAN'),('ADDON_CONSUMER','TANGERANG'),('ADDON_CONSUMER','BANDUNG'),"
    "  ('ADDON_CONSUMER','SEMARANG'),('ADDON_CONSUMER','MALANG'),('ADDON_CONSUMER','MAKASSAR'),"
    "  ('WIFI_DIGITAL','TANGERANG'),('WIFI_DIGITAL','SEMARANG'),"
    "  ('CT0_PRANPC','BANDUNG');"
    "INSERT INTO assessment_parameters (service, code, text, critical, position) VALUES"
    "  ('ADDON_CONSUMER','GREETING','Greeting, self-introduction and masking number',0,1),"
    "  ('ADDON_CONSUMER','IDENTITY','Customer identity and IndiHome number verified',1,2),"
    "  ('ADDON_CONSUMER','PRODUCT','Product, price and billing period explained clearly',1,3),"
    "  ('ADDON_CONSUMER','CONSENT','Explicit customer consent (says yes / setuju)',1,4),"
    "  ('ADDON_CONSUMER','DATA','Order data captured correctly in MyCX',1,5),"
    "  ('ADDON_CONSUMER','CLOSING','Closing and thanks',0,6),"
    "  ('WIFI_DIGITAL','GREETING','Greeting, self-introduction and masking number',0,1),"
    "  ('WIFI_DIGITAL','IDENTITY','Customer identity and IndiHome number verified',1,2),"
    "  ('WIFI_DIGITAL','PRODUCT','WiFi / digital add-on, price and terms explained',1,3),"
    "  ('WIFI_DIGITAL','CONSENT','Explicit customer consent (says yes / setuju)',1,4),"
    "  ('WIFI_DIGITAL','DATA','Order data and installation address captured correctly',1,5),"
    "  ('WIFI_DIGITAL','CLOSING','Closing and thanks',0,6),"
    "  ('CT0_PRANPC','GREETING','Greeting, self-introduction and masking number',0,1),"
    "  ('CT0_PRANPC','IDENTITY','Customer identity verified',1,2),"
    "  ('CT0_PRANPC','BILL','Outstanding bill and due date explained',1,3),"
    "  ('CT0_PRANPC','NEGOTIATION','Negotiation steps followed as directed by Telkom',0,4),"
    "  ('CT0_PRANPC','COMMITMENT','Explicit commitment to pay / stay subscribed',1,5),"
    "  ('CT0_PRANPC','CLOSING','Closing and thanks',0,6);"
    "INSERT INTO settings (key, value) VALUES"
    "  ('qvs_target', '95'),"
    "  ('headcount_target', '95'),"
    "  ('claim_minutes', '10'),"
    "  ('sanction_validity_months', '6'),"
    "  ('grade_a', '80'), ('grade_b', '60'), ('grade_c', '40');"

    /* Tapping queue (issue 3, tapping/tam-queue.c, tam-f18.c).
     * Waiting = PENDING or RECALLED, the QCO's default view: the two
     * calls_waiting indexes hold only those rows, in queue order (rowid
     * follows call_start), so a page at any depth is an index walk.
     * calls_queue_agent serves a TL's team or one agent, any state.
     * calls_f18 and tappings_f18 cover the monthly F-18 aggregates. */
    "CREATE INDEX calls_waiting ON calls (call_start)"
    "  WHERE state IN ('PENDING','RECALLED');"
    "CREATE INDEX calls_waiting_site ON calls (site, call_start)"
    "  WHERE state IN ('PENDING','RECALLED');"
    "CREATE INDEX calls_queue_agent ON calls (agent_id, state, call_start)"
    "  WHERE state IS NOT NULL;"
    "CREATE INDEX calls_f18 ON calls (month, agent_id, site, service, state, first_verdict)"
    "  WHERE state IS NOT NULL;"
    "CREATE INDEX tappings_f18 ON tappings (qco_id, tapped_at, call_id, verdict)"
    "  WHERE undone = 0;"

    /* Counting a million waiting calls row by row takes ~100 ms, too slow
     * for the queue's counts: call_state_days keeps the number of AGREE
     * calls per site, service, day and tapping state, so the counts for any
     * site / service / date filter are a sum over a few thousand rows. It is
     * kept by tapping/tam-queue-counts.c, not by triggers (a trigger would cost imports a
     * statement journal per row): calls with an id above the setting
     * 'queue_counts_upto' are added on the next count
     * (tam_queue_counts_update), and the tapping module, the only code that
     * changes a call's state, moves the counts with each verdict. Code that
     * deletes calls calls tam_queue_counts_rebuild. */
    "CREATE TABLE call_state_days ("
    "  site    TEXT NOT NULL,"
    "  service TEXT NOT NULL,"
    "  day     TEXT NOT NULL,"
    "  state   TEXT NOT NULL,"
    "  n       INTEGER NOT NULL,"
    "  PRIMARY KEY (site, service, day, state)"
    ") STRICT, WITHOUT ROWID;"
    "INSERT INTO settings (key, value) VALUES ('queue_counts_upto', '0');";

/* Migration 2 (issue 3, speed): a million calls imported in under 5 s
 * at 5,000,000 calls. Every index of calls is paid on every imported row,
 * so the calls keep only those the queue walks in order:
 * - calls_month went: no query reads it;
 * - calls_f18 went: F-18 sums call_agent_days (below) instead;
 * - calls_waiting went: the queue of every site walks the PENDING and the
 *   RECALLED ranges of calls_queue and merges them (tam-queue.c).
 * call_agent_days is call_state_days per agent, with the first verdict:
 * the counts of a team or an agent (any site, service and date filter) and
 * F-18 (a month of days per agent) are sums over it, however many calls
 * there are. tam-queue-counts.c keeps both tables the same way (see
 * call_state_days above); they are recounted from the calls at the next
 * count after this upgrade. first_verdict is '' before the first one. */
static const char migration_2[] =
    "DROP INDEX IF EXISTS calls_month;"
    "DROP INDEX IF EXISTS calls_f18;"
    "DROP INDEX IF EXISTS calls_waiting;"
    "CREATE TABLE call_agent_days ("
    "  agent_id      INTEGER NOT NULL,"
    "  day           TEXT NOT NULL,"
    "  site          TEXT NOT NULL,"
    "  service       TEXT NOT NULL,"
    "  state         TEXT NOT NULL,"
    "  first_verdict TEXT NOT NULL,"
    "  n             INTEGER NOT NULL,"
    "  PRIMARY KEY (agent_id, day, site, service, state, first_verdict)"
    ") STRICT, WITHOUT ROWID;"
    "DELETE FROM call_state_days;"
    "UPDATE settings SET value = '0' WHERE key = 'queue_counts_upto';";

/* Migration 3 (issue 7, many desks): a calls import publishes its rows
 * in short transactions, so that no desk waits long for the write lock.
 * While it runs, its row here hides every call from first_call_id on
 * (TAM_CALL_VISIBLE in tam-store.h): the rows become visible all at once
 * when the import's last short transaction deletes its row. A run whose
 * process died (same host, pid gone; or no heartbeat for two minutes) is
 * removed, with its hidden calls, at the next read-write open. */
static const char migration_3[] =
    "CREATE TABLE import_runs ("
    "  id            INTEGER PRIMARY KEY,"
    "  kind          TEXT NOT NULL,"
    "  first_call_id INTEGER NOT NULL,"
    "  host          TEXT NOT NULL,"
    "  pid           INTEGER NOT NULL,"
    "  person_id     INTEGER,"
    "  started_at    TEXT NOT NULL,"
    "  heartbeat     INTEGER NOT NULL"
    ") STRICT;";

/* Migration 4 (issue 13, security): failed sign-ins per NIK, for a
 * growing delay between guesses that holds across processes (tamctl runs
 * one process a guess). A NIK nobody has is counted too, so that the
 * answer does not tell which NIKs exist. Cleared by a good sign-in. */
static const char migration_4[] =
    "CREATE TABLE sign_in_failures ("
    "  nik            TEXT PRIMARY KEY,"
    "  failures       INTEGER NOT NULL,"
    "  last_failed_at INTEGER NOT NULL"
    ") STRICT, WITHOUT ROWID;";

/* Migration 5 (issue 9, coaching): coaching_records as the coaching module
 * (src/core/coaching/) keeps them. nonconformity holds the catalog rule's
 * code (data/pembinaan.xml); a record keeps the catalog version it was
 * made under, the rule's escalation mode and whether it was CONDITIONAL
 * then. event_key names the event a proposal came from ("att:2026-10-05",
 * "alpa:2026-10", "kpi:AHT:2026-10"; NULL for a manual record): the
 * unique index makes proposals idempotent, a dismissed proposal is never
 * made again. SP4 is confirmed by a manager (confirmed_by / on). */
static const char migration_5[] =
    "ALTER TABLE coaching_records ADD COLUMN catalog_version TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE coaching_records ADD COLUMN mode TEXT NOT NULL DEFAULT 'STEPWISE'"
    "  CHECK (mode IN ('STEPWISE','DIRECT','IMMEDIATE_SP4','CONDITIONAL'));"
    "ALTER TABLE coaching_records ADD COLUMN conditional INTEGER NOT NULL DEFAULT 0 CHECK (conditional IN (0,1));"
    "ALTER TABLE coaching_records ADD COLUMN event_key TEXT;"
    "ALTER TABLE coaching_records ADD COLUMN call_id INTEGER REFERENCES calls (id);"
    "ALTER TABLE coaching_records ADD COLUMN previous_level TEXT;"
    "ALTER TABLE coaching_records ADD COLUMN acknowledged_on TEXT;"
    "ALTER TABLE coaching_records ADD COLUMN refused INTEGER NOT NULL DEFAULT 0 CHECK (refused IN (0,1));"
    "ALTER TABLE coaching_records ADD COLUMN witness_id INTEGER REFERENCES people (id);"
    "ALTER TABLE coaching_records ADD COLUMN confirmed_by INTEGER REFERENCES people (id);"
    "ALTER TABLE coaching_records ADD COLUMN confirmed_on TEXT;"
    "ALTER TABLE coaching_records ADD COLUMN dismiss_reason TEXT NOT NULL DEFAULT '';"
    "CREATE UNIQUE INDEX coaching_event ON coaching_records (person_id, nonconformity, event_key)"
    "  WHERE event_key IS NOT NULL;"
    "CREATE INDEX coaching_state ON coaching_records (state, occurred_on);"
    "CREATE INDEX coaching_occurred ON coaching_records (occurred_on);";

/* Migration 6 (issue 10, monthly KPIs).
 * - agent_targets: the CT-0 PraNPC daily AGREE target of an agent for a
 *   month (tamctl import targets), against which kpi/tam-kpi-ct0.c
 *   measures achievement.
 * - kpi_agent_months: call_agent_days summed per month, so that a KPI
 *   series (QVS and first-pass over 24 months, every agent) sums ~50,000
 *   rows instead of ~500,000 at 5,000,000 calls (~20 ms instead of
 *   ~600 ms). tam-queue-counts.c keeps it with the two per-day tables,
 *   in the same transactions (imports in one upsert per agent and month;
 *   verdicts, undo and re-calls move the call; a rebuild recounts it).
 *   Not triggers on call_agent_days: they cost a calls import 12-20 %.
 *   Rows that reach 0 stay (a few per agent and month). Filled here from
 *   the per-day counts already there. kpi_agent_months_agent serves a
 *   team's or an agent's series.
 * - kpi_site_months: the same without the agent, for the national, site
 *   and service series (~1,000 rows for 24 months; from the agents'
 *   table, a 24-month national series took ~40 ms of CPU).
 * - the ABU weights (default equal) and the CT-0 and adherence targets,
 *   as settings beside the grade bands of migration 1. */
static const char migration_6[] =
    "CREATE TABLE agent_targets ("
    "  month        TEXT NOT NULL,"
    "  person_id    INTEGER NOT NULL REFERENCES people (id),"
    "  daily_target INTEGER NOT NULL CHECK (daily_target >= 0),"
    "  PRIMARY KEY (month, person_id)"
    ") STRICT, WITHOUT ROWID;"

    "CREATE TABLE kpi_agent_months ("
    "  month         TEXT NOT NULL,"
    "  agent_id      INTEGER NOT NULL,"
    "  site          TEXT NOT NULL,"
    "  service       TEXT NOT NULL,"
    "  state         TEXT NOT NULL,"
    "  first_verdict TEXT NOT NULL,"
    "  n             INTEGER NOT NULL,"
    "  PRIMARY KEY (month, agent_id, site, service, state, first_verdict)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE INDEX kpi_agent_months_agent ON kpi_agent_months (agent_id, month);"
    "INSERT INTO kpi_agent_months (month, agent_id, site, service, state, first_verdict, n)"
    "  SELECT substr (day, 1, 7), agent_id, site, service, state, first_verdict, sum (n)"
    "  FROM call_agent_days GROUP BY 1, 2, 3, 4, 5, 6;"
    "CREATE TABLE kpi_site_months ("
    "  month         TEXT NOT NULL,"
    "  site          TEXT NOT NULL,"
    "  service       TEXT NOT NULL,"
    "  state         TEXT NOT NULL,"
    "  first_verdict TEXT NOT NULL,"
    "  n             INTEGER NOT NULL,"
    "  PRIMARY KEY (month, site, service, state, first_verdict)"
    ") STRICT, WITHOUT ROWID;"
    "INSERT INTO kpi_site_months (month, site, service, state, first_verdict, n)"
    "  SELECT month, site, service, state, first_verdict, sum (n)"
    "  FROM kpi_agent_months GROUP BY 1, 2, 3, 4, 5;"

    "INSERT OR IGNORE INTO settings (key, value) VALUES"
    "  ('kpi_weight_AHT', '1'), ('kpi_weight_FCR', '1'), ('kpi_weight_CALLMON', '1'),"
    "  ('kpi_weight_SALES_TARGET', '1'), ('kpi_weight_KUIS', '1'),"
    "  ('ct0_target', '100'), ('adherence_target', '95');";
/* Migration 7 (issue 12, point 1): a RETURN may carry a built-in
 * reason instead of (or beside) failed parameters: 'RECORDING' when the
 * call's recording is missing or would not play, so that its team leader
 * supplies it. '' for every other tapping. */
static const char migration_7[] =
    "ALTER TABLE tappings ADD COLUMN reason TEXT NOT NULL DEFAULT ''"
    "  CHECK (reason IN ('', 'RECORDING'));";

/* Migration 8 (issue 11, recovery plans; src/core/recovery/).
 * - recovery_plans: the scope's site and service (the deciding
 *   supervisor's area, Desk Control's distribution), the month the plan
 *   is verified on (verify_month: the month after the missed period),
 *   the cause categories (comma-separated codes), the figures read from
 *   the KPI module at drafting and at verification, the version (+1 at
 *   each revision after a rejection), submission, closing and the plan it
 *   follows up (one follow-up a plan).
 * - recovery_actions: the note and who marked an action done.
 * - recovery_events: every step of a plan (draft, revision, submission,
 *   decision, action done, verification, closing) with its actor, reason
 *   and the plan as it was (JSON): every version and decision is kept.
 * - calendar_days: the database's corrections of the shipped holidays
 *   (data/holidays.csv): a HOLIDAY added, or a shipped one made a WORKDAY. */
static const char migration_8[] =
    "ALTER TABLE recovery_plans ADD COLUMN site TEXT;"
    "ALTER TABLE recovery_plans ADD COLUMN service TEXT;"
    "ALTER TABLE recovery_plans ADD COLUMN verify_month TEXT;"
    "ALTER TABLE recovery_plans ADD COLUMN causes TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE recovery_plans ADD COLUMN actual REAL;"
    "ALTER TABLE recovery_plans ADD COLUMN target REAL;"
    "ALTER TABLE recovery_plans ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
    "ALTER TABLE recovery_plans ADD COLUMN submitted_at TEXT;"
    "ALTER TABLE recovery_plans ADD COLUMN verified_value REAL;"
    "ALTER TABLE recovery_plans ADD COLUMN verified_target REAL;"
    "ALTER TABLE recovery_plans ADD COLUMN verified_at TEXT;"
    "ALTER TABLE recovery_plans ADD COLUMN closed_by INTEGER REFERENCES people (id);"
    "ALTER TABLE recovery_plans ADD COLUMN closed_at TEXT;"
    "ALTER TABLE recovery_plans ADD COLUMN follows_id INTEGER REFERENCES recovery_plans (id);"
    "ALTER TABLE recovery_actions ADD COLUMN done_note TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE recovery_actions ADD COLUMN done_by INTEGER REFERENCES people (id);"
    "UPDATE recovery_plans SET verify_month = strftime ('%Y-%m', period || '-01', '+1 month');"
    "UPDATE recovery_plans SET site = (SELECT p.site FROM people p WHERE p.nik = scope_ref),"
    "  service = (SELECT p.service FROM people p WHERE p.nik = scope_ref) WHERE scope_kind IN ('TEAM','AGENT');"
    "UPDATE recovery_plans SET site = scope_ref WHERE scope_kind = 'SITE';"
    "UPDATE recovery_plans SET service = scope_ref WHERE scope_kind = 'SERVICE';"
    "CREATE INDEX recovery_plans_state ON recovery_plans (state, verify_month);"
    "CREATE INDEX recovery_actions_plan ON recovery_actions (plan_id);"
    "CREATE INDEX recovery_actions_owner ON recovery_actions (owner_id);"
    "CREATE UNIQUE INDEX recovery_plans_follows ON recovery_plans (follows_id) WHERE follows_id IS NOT NULL;"
    "CREATE TABLE recovery_events ("
    "  id       INTEGER PRIMARY KEY,"
    "  plan_id  INTEGER NOT NULL REFERENCES recovery_plans (id),"
    "  version  INTEGER NOT NULL,"
    "  event    TEXT NOT NULL CHECK (event IN ('DRAFT','REVISE','SUBMIT','APPROVE','REJECT','DONE','VERIFY','CLOSE')),"
    "  actor_id INTEGER REFERENCES people (id),"
    "  at       TEXT NOT NULL,"
    "  reason   TEXT NOT NULL DEFAULT '',"
    "  snapshot TEXT NOT NULL"
    ") STRICT;"
    "CREATE INDEX recovery_events_plan ON recovery_events (plan_id, id);"
    "CREATE TABLE calendar_days ("
    "  day    TEXT PRIMARY KEY,"
    "  kind   TEXT NOT NULL CHECK (kind IN ('HOLIDAY','WORKDAY')),"
    "  name   TEXT NOT NULL DEFAULT '',"
    "  set_by INTEGER REFERENCES people (id),"
    "  set_at TEXT NOT NULL"
    ") STRICT, WITHOUT ROWID;";

/* Migration 9 (issue 14, training; src/core/training/).
 * - trainings.material: what the session teaches (a text or a file name).
 * - training_attendance: a participant present or absent on each day of
 *   the training (a day not recorded is unknown, never an absence).
 * - training_attempts: every quiz attempt (a remedial retake is a new
 *   attempt); training_participants.quiz_score and .passed keep the
 *   latest attempt's, so the gate, the KUIS and the lists read one row.
 *   passed is judged against the pass mark of the moment (kept beside).
 *   Scores already stored become attempt 1.
 * - the pass mark (70) and the refresher interval (6 months), settings. */
static const char migration_9[] =
    "ALTER TABLE trainings ADD COLUMN material TEXT NOT NULL DEFAULT '';"
    "CREATE INDEX trainings_starts ON trainings (starts_on);"
    "CREATE INDEX trainings_ends ON trainings (ends_on);"
    "CREATE INDEX training_participants_person ON training_participants (person_id);"
    "CREATE TABLE training_attendance ("
    "  training_id INTEGER NOT NULL,"
    "  person_id   INTEGER NOT NULL,"
    "  date        TEXT NOT NULL,"
    "  present     INTEGER NOT NULL CHECK (present IN (0,1)),"
    "  PRIMARY KEY (training_id, person_id, date),"
    "  FOREIGN KEY (training_id, person_id) REFERENCES training_participants (training_id, person_id)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE training_attempts ("
    "  id          INTEGER PRIMARY KEY,"
    "  training_id INTEGER NOT NULL,"
    "  person_id   INTEGER NOT NULL,"
    "  attempt     INTEGER NOT NULL CHECK (attempt >= 1),"
    "  score       REAL NOT NULL CHECK (score >= 0 AND score <= 100),"
    "  pass_mark   REAL NOT NULL,"
    "  passed      INTEGER NOT NULL CHECK (passed IN (0,1)),"
    "  recorded_at TEXT NOT NULL,"
    "  recorded_by INTEGER REFERENCES people (id),"
    "  UNIQUE (training_id, person_id, attempt),"
    "  FOREIGN KEY (training_id, person_id) REFERENCES training_participants (training_id, person_id)"
    ") STRICT;"
    "INSERT INTO training_attempts (training_id, person_id, attempt, score, pass_mark, passed, recorded_at)"
    "  SELECT x.training_id, x.person_id, 1, x.quiz_score, 70, coalesce (x.passed, 0), t.ends_on"
    "  FROM training_participants x JOIN trainings t ON t.id = x.training_id WHERE x.quiz_score IS NOT NULL;"
    "INSERT OR IGNORE INTO settings (key, value) VALUES"
    "  ('training_pass_mark', '70'), ('training_refresher_months', '6');";

const char *const tam_schema_migrations[] = {
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
  migration_6,
  migration_7,
  migration_8,
  migration_9,
};

const guint tam_schema_n_migrations = G_N_ELEMENTS (tam_schema_migrations);
