/* test-import.c: roster, attendance and calls imports, and the roster
 * export, against a temporary database. */
#include "config.h"

#include <gio/gio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "import-fixture.h"
#include "tam-auth.h"
#include "tam-check.h"
#include "tam-codes.h"
#include "tam-export.h"
#include "tam-import.h"
#include "tam-rows.h"
#include "tam-tapping.h"

static const char attendance_header[] = "date,nik,shift_start,shift_end,status,check_in,check_out,note\n";

static gboolean
has_error (const TamImportResult *result,
           const char *expected)
{
  for (guint i = 0; i < result->errors->len; i++)
    if (g_str_has_prefix (result->errors->pdata[i], expected))
      return TRUE;
  g_test_message ("no error starts with: %s", expected);
  for (guint i = 0; i < result->errors->len; i++)
    g_test_message ("  have: %s", (char *) result->errors->pdata[i]);
  return FALSE;
}

static char *
query_text (Fixture *fx,
            const char *sql,
            const char *param)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = tam_store_prepare (fx->store, sql, &error);
  char *text = NULL;

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = tam_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return text;
}

static gboolean
import (Fixture *fx,
        const TamSession *actor,
        TamImportKind kind,
        const char *path,
        const char *rejects,
        TamImportResult *result,
        GError **error)
{
  return tam_import_file (fx->store, actor, kind, path, rejects, NULL, NULL, NULL, result, error);
}

/* -- roster -------------------------------------------------------- */

static void
test_roster_import (Fixture *fx,
                    gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  TamImportResult result = { 0 };
  g_autofree char *path = NULL;
  g_autoptr (TamPerson) a101 = NULL;
  g_autoptr (TamPerson) a102 = NULL;
  g_autoptr (TamPerson) a001 = NULL;
  g_autofree char *after = NULL;
  gint64 audit_before = fixture_count (fx, "SELECT count(*) FROM audit_log");

  /* BOM, semicolons, header in mixed case, both date formats, a team
   * leader defined after the agents who report to them, a lower-case
   * role code, and an unknown extra column. */
  path = fixture_file (fx, "roster.csv",
                       "\xef\xbb\xbfNIK;Name;Role;Site;Service;Team_Leader_NIK;Status;Hired_On;Contract_End;Catatan\r\n"
                       "A101;Hendra Gunawan;agent;BANDUNG;ADDON_CONSUMER;T101;ACTIVE;01/03/2026;28/02/2027;baru\r\n"
                       "A102;\"Sari, Nur’aini\";AGENT;BANDUNG;ADDON_CONSUMER;T101;TRAINING;2026-09-01;;\r\n"
                       "T101;Joko Susilo;TEAM_LEADER;BANDUNG;ADDON_CONSUMER;;ACTIVE;2024-05-02;;\r\n"
                       "A001;Budi Santoso;AGENT;BANDUNG;ADDON_CONSUMER;T101;ACTIVE;2025-01-06;;pindah tim\r\n"
                       "A002;Citra Dewi;AGENT;BANDUNG;ADDON_CONSUMER;T001;ACTIVE;2025-01-06;;\r\n");
  g_assert_true (import (fx, fx->sup, TAM_IMPORT_ROSTER, path, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.rows, ==, 5);
  g_assert_cmpuint (result.inserted, ==, 3);
  g_assert_cmpuint (result.updated, ==, 1);
  g_assert_cmpuint (result.unchanged, ==, 1);
  g_assert_false (result.same_file_before);
  tam_import_result_clear (&result);

  a101 = tam_people_find_nik (fx->store, "A101", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a101->role, ==, "AGENT");
  g_assert_cmpstr (a101->team_leader_nik, ==, "T101");
  g_assert_cmpstr (a101->hired_on, ==, "2026-03-01");
  g_assert_cmpstr (a101->contract_end, ==, "2027-02-28");
  a102 = tam_people_find_nik (fx->store, "A102", &error);
  g_assert_cmpstr (a102->name, ==, "Sari, Nur’aini");
  g_assert_null (a102->contract_end);
  a001 = tam_people_find_nik (fx->store, "A001", &error);
  g_assert_cmpstr (a001->team_leader_nik, ==, "T101");

  /* One audit row for the whole import, with the counts, and one for
   * each person the file changed, with before and after (issue 13). */
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM audit_log"), ==, audit_before + 1 + 4);
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM audit_log WHERE entity = 'person' AND action = 'INSERT'"
                                      " AND before IS NULL AND after LIKE '%\"T101\"%' AND entity_id = 'T101'"),
                   ==, 1);
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM audit_log WHERE entity = 'person' AND action = 'UPDATE'"
                                      " AND entity_id = 'A001' AND before NOT LIKE '%T101%' AND after LIKE '%T101%'"),
                   ==, 1);
  after = query_text (fx, "SELECT after FROM audit_log WHERE action = 'IMPORT' AND entity = ?", "roster");
  g_assert_nonnull (after);
  g_assert_nonnull (strstr (after, "\"inserted\":3"));
  g_assert_nonnull (strstr (after, "\"sha256\":\""));
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM imports WHERE kind = 'roster'"), ==, 1);

  /* The same file again: nothing changes, and it says so. */
  {
    g_autofree char *summary = NULL;
    gint64 audit = fixture_count (fx, "SELECT count(*) FROM audit_log");

    g_assert_true (import (fx, fx->sup, TAM_IMPORT_ROSTER, path, NULL, &result, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (result.inserted + result.updated, ==, 0);
    g_assert_cmpuint (result.unchanged, ==, 5);
    g_assert_true (result.same_file_before);
    summary = tam_import_result_summary (&result);
    g_assert_true (g_str_has_prefix (summary, "no changes: 5 rows already up to date"));
    g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM audit_log"), ==, audit);
    tam_import_result_clear (&result);
  }
}

static void
test_roster_errors (Fixture *fx,
                    gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  TamImportResult result = { 0 };
  g_autofree char *path = NULL;
  gint64 people = fixture_count (fx, "SELECT count(*) FROM people");
  gint64 audit = fixture_count (fx, "SELECT count(*) FROM audit_log");

  path = fixture_file (fx, "roster-bad.csv",
                       "nik,name,role,site,service,team_leader_nik,status,hired_on,contract_end\n"
                       "B001,Ani,AGENT,BANDUNG,ADDON_CONSUMER,T001,ACTIVE,2026-01-05,\n"
                       "B002,Bambang,KASIR,BANDUNG,ADDON_CONSUMER,T001,ACTIVE,2026-01-05,\n"
                       "B003,Cahya,AGENT,MEDAN,CT0_PRANPC,T001,ACTIVE,2026-01-05,\n"
                       "B004,Dian,AGENT,BANDUNG,ADDON_CONSUMER,A001,ACTIVE,2026-01-05,\n"
                       "B005,Edi,AGENT,BANDUNG,ADDON_CONSUMER,T001,ACTIVE,2026-01-05,2025-12-31\n"
                       "B001,Fajar,AGENT,BANDUNG,ADDON_CONSUMER,T001,ACTIVE,2026-01-05,\n"
                       "B006,Gilang,AGENT,BANDUNG,ADDON_CONSUMER,B002,ACTIVE,2026-01-05,\n"
                       "B007,Hana,AGENT,BANDUNG,ADDON_CONSUMER,T001,ACTIVE,2026-13-01,\n"
                       "B008,Indra,AGENT,BANDUNG,ADDON_CONSUMER,T999,ACTIVE,2026-01-05,\n"
                       "B009,Joko,AGENT,BANDUNG,ADDON_CONSUMER,B009,ACTIVE,2026-01-05,\n"
                       "T002,Rina Wati,AGENT,BANDUNG,CT0_PRANPC,,ACTIVE,2025-01-06,\n");
  g_assert_false (import (fx, fx->sup, TAM_IMPORT_ROSTER, path, NULL, &result, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_IMPORT);
  g_assert_cmpstr (error->message, ==, "roster-bad.csv: 10 rows have errors; nothing was imported");
  g_assert_cmpuint (result.errors->len, ==, 10);
  g_assert_true (has_error (&result, "roster-bad.csv:3: column role: unknown role “KASIR”"));
  g_assert_true (has_error (&result, "roster-bad.csv:4: column service: "));
  g_assert_true (has_error (&result, "roster-bad.csv:5: column team_leader_nik: A001 is not a team leader"));
  g_assert_true (has_error (&result, "roster-bad.csv:6: column contract_end: "));
  g_assert_true (has_error (&result, "roster-bad.csv:7: column nik: the NIK B001 is already on line 2"));
  g_assert_true (has_error (&result, "roster-bad.csv:8: column team_leader_nik: the team leader B002 has errors on line 3"));
  g_assert_true (has_error (&result, "roster-bad.csv:9: column hired_on: not a date “2026-13-01”"));
  g_assert_true (has_error (&result, "roster-bad.csv:10: column team_leader_nik: unknown team leader NIK “T999”"));
  g_assert_true (has_error (&result, "roster-bad.csv:11: column team_leader_nik: a person cannot be their own team leader"));
  /* Demoting a team leader whose team stays under them. */
  g_assert_true (has_error (&result, "roster-bad.csv:12: column role: T002 still leads"));

  /* All or nothing: even the good row B001 was not stored. */
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM people"), ==, people);
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM audit_log"), ==, audit);
  tam_import_result_clear (&result);
  g_clear_error (&error);

  /* Skipping the bad rows keeps B001 only. */
  {
    g_autofree char *rejects = g_build_filename (fx->dir, "rejects.csv", NULL);
    g_autofree char *text = NULL;

    g_assert_true (import (fx, fx->sup, TAM_IMPORT_ROSTER, path, rejects, &result, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (result.inserted, ==, 1);
    g_assert_cmpuint (result.rejected, ==, 10);
    g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM people"), ==, people + 1);
    g_assert_true (g_file_get_contents (rejects, &text, NULL, &error));
    g_assert_true (g_str_has_prefix (text, "nik,name,role,site,service,team_leader_nik,status,hired_on,contract_end,reason\n"
                                           "B002,Bambang,KASIR,BANDUNG,ADDON_CONSUMER,T001,ACTIVE,2026-01-05,,column role: unknown role “KASIR”\n"));
    tam_import_result_clear (&result);
  }
}

static void
test_roster_permissions (Fixture *fx,
                         gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  TamImportResult result = { 0 };
  g_autofree char *path = NULL;

  path = fixture_file (fx, "roster.csv",
                       "nik,name,role,site,service,team_leader_nik,status,hired_on,contract_end\n"
                       "B001,Ani,AGENT,BANDUNG,ADDON_CONSUMER,T001,ACTIVE,2026-01-05,\n");

  /* A QCO, a team leader and an agent may not load the roster. */
  g_assert_false (import (fx, fx->qco, TAM_IMPORT_ROSTER, path, NULL, &result, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (import (fx, fx->tl1, TAM_IMPORT_ROSTER, path, NULL, &result, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (import (fx, fx->agent, TAM_IMPORT_ROSTER, path, NULL, &result, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_null (tam_people_find_nik (fx->store, "B001", NULL));

  /* Without accounts the database is being set up: allowed unsigned. */
  g_assert_true (import (fx, NULL, TAM_IMPORT_ROSTER, path, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.inserted, ==, 1);
  tam_import_result_clear (&result);

  /* Once somebody has an account, never again. */
  g_assert_true (tam_auth_set_password (fx->store, NULL, "S001", "rahasia-123", &error));
  g_assert_no_error (error);
  g_assert_false (import (fx, NULL, TAM_IMPORT_ROSTER, path, NULL, &result, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  tam_import_result_clear (&result);
}

/* Issue 13: SPV001's roster file made them manager, demoted the manager
 * and created a new one. Now each such row is refused, with its line,
 * and nothing of the file is stored. */
static void
test_roster_escalation (Fixture *fx,
                        gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  TamImportResult result = { 0 };
  g_autoptr (TamSession) boot = tam_session_new (0, "SETUP", "Set-up", "MANAGER", "BANDUNG", NULL);
  g_autoptr (TamSession) manager = NULL;
  g_autofree char *path = NULL;
  g_autofree char *ok_path = NULL;
  g_autofree char *role = NULL;
  gint64 audit_before;
  gint64 m;

  m = fixture_add_person (fx->store, boot, "M001", "Hendra Wijaya", "MANAGER", NULL, 0);
  manager = tam_session_new (m, "M001", "Hendra Wijaya", "MANAGER", "BANDUNG", NULL);
  audit_before = fixture_count (fx, "SELECT count(*) FROM audit_log");
  path = fixture_file (fx, "takeover.csv",
                       "nik,name,role,site,service,team_leader_nik,status,hired_on,contract_end\n"
                       "S001,Dewi Lestari,MANAGER,BANDUNG,,,ACTIVE,2025-01-06,\n"
                       "M001,Hendra Wijaya,AGENT,BANDUNG,ADDON_CONSUMER,T001,ACTIVE,2025-01-06,\n"
                       "M002,Orang Baru,MANAGER,BANDUNG,,,ACTIVE,2026-01-05,\n"
                       "S002,Supervisor Baru,SUPERVISOR_QUALITY,BANDUNG,,,ACTIVE,2026-01-05,\n"
                       "B001,Ani,AGENT,BANDUNG,ADDON_CONSUMER,T001,ACTIVE,2026-01-05,\n");
  g_assert_false (import (fx, fx->sup, TAM_IMPORT_ROSTER, path, NULL, &result, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_IMPORT);
  g_assert_cmpuint (result.errors->len, ==, 4);
  g_assert_true (g_str_has_prefix (result.errors->pdata[0], "takeover.csv:2: column role: S001: nobody changes their own role"));
  g_assert_true (g_str_has_prefix (result.errors->pdata[1], "takeover.csv:3: column role: M001 is a "));
  g_assert_true (g_str_has_prefix (result.errors->pdata[2], "takeover.csv:4: column role: M002: only a manager gives the role "));
  g_assert_true (g_str_has_prefix (result.errors->pdata[3], "takeover.csv:5: column role: S002: only a manager gives the role "));
  tam_import_result_clear (&result);
  g_clear_error (&error);
  role = query_text (fx, "SELECT group_concat (nik || ':' || role, ' ') FROM (SELECT nik, role FROM people"
                         " WHERE nik IN ('S001', 'M001', 'M002', 'S002', 'B001') ORDER BY nik) WHERE ? IS NOT NULL",
                     "x");
  g_assert_cmpstr (role, ==, "M001:MANAGER S001:SUPERVISOR_OPS");
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM audit_log"), ==, audit_before);

  /* The manager may promote a team leader to supervisor. */
  ok_path = fixture_file (fx, "promote.csv",
                          "nik,name,role,site,service,team_leader_nik,status,hired_on,contract_end\n"
                          "Q001,Gita Permata,SUPERVISOR_QUALITY,BANDUNG,,,ACTIVE,2025-01-06,\n");
  g_assert_true (import (fx, manager, TAM_IMPORT_ROSTER, ok_path, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.updated, ==, 1);
  tam_import_result_clear (&result);
}

/* -- attendance ---------------------------------------------------- */

static void
test_attendance_formats (Fixture *fx,
                         gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  TamImportResult result = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *note = NULL;
  g_autofree char *status = NULL;
  g_autofree char *check_in = NULL;

  /* Excel "CSV UTF-8" from an Indonesian desktop: BOM, ';', CRLF, a
   * quoted note with the separator, doubled quotes and a line break,
   * both date forms, Indonesian status words, "7:55", an extra column. */
  path = fixture_file (fx, "absensi.csv",
                       "\xef\xbb\xbf"
                       "Date;NIK;Shift_Start;Shift_End;Status;Check_In;Check_Out;Note;Extra\r\n"
                       "2026-10-05;A001;08:00;17:00;HADIR;7:55;17:02;\"macet; hujan \"\"deras\"\"\r\nbaris dua\";x\r\n"
                       "05/10/2026;A002;08:00;17:00;telat;08:20;17:00;;\r\n"
                       "06/10/2026;A001;;;LIBUR;;;;\r\n"
                       "6/10/2026;A002;08:00;17:00;SICK_NOTE;;;surat dokter;\r\n"
                       ";;;;;;;;\r\n");
  g_assert_true (import (fx, fx->sup, TAM_IMPORT_ATTENDANCE, path, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.rows, ==, 4);
  g_assert_cmpuint (result.inserted, ==, 4);
  g_assert_cmpuint (result.updated, ==, 0);
  tam_import_result_clear (&result);

  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM attendance"), ==, 4);
  note = query_text (fx, "SELECT note FROM attendance a JOIN people p ON p.id = a.person_id"
                         " WHERE p.nik = 'A001' AND date = ?",
                     "2026-10-05");
  g_assert_cmpstr (note, ==, "macet; hujan \"deras\"\nbaris dua");
  check_in = query_text (fx, "SELECT check_in FROM attendance a JOIN people p ON p.id = a.person_id"
                             " WHERE p.nik = 'A001' AND date = ?",
                         "2026-10-05");
  g_assert_cmpstr (check_in, ==, "07:55");
  status = query_text (fx, "SELECT group_concat(status, ' ') FROM (SELECT a.status FROM attendance a"
                           " JOIN people p ON p.id = a.person_id WHERE a.date >= ? ORDER BY a.date, p.nik)",
                       "2026-10-01");
  g_assert_cmpstr (status, ==, "PRESENT LATE OFF SICK_NOTE");
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM attendance WHERE status = 'OFF'"
                                      " AND shift_start IS NULL AND check_in IS NULL"),
                   ==, 1);

  /* Columns in another order, commas; one row changed, one new. */
  {
    g_autofree char *path2 = fixture_file (fx, "absensi2.csv",
                                           "status,nik,date,note,check_out,check_in,shift_end,shift_start\n"
                                           "PRESENT,A002,2026-10-05,,17:00,07:58,17:00,08:00\n"
                                           "OFF,A001,2026-10-06,,,,,\n"
                                           "CUTI,A001,2026-10-07,,,,,\n");

    g_assert_true (import (fx, fx->sup, TAM_IMPORT_ATTENDANCE, path2, NULL, &result, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (result.inserted, ==, 1);
    g_assert_cmpuint (result.updated, ==, 1);
    g_assert_cmpuint (result.unchanged, ==, 1);
    tam_import_result_clear (&result);
    g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM attendance WHERE status = 'LEAVE'"), ==, 1);
  }
}

static const char bad_attendance[] =
    "date,nik,shift_start,shift_end,status,check_in,check_out,note\n"
    "2026-10-05,A001,08:00,17:00,PRESENT,,,\n"
    "2026-10-05,A002,08:00,17:00,HADIRR,,,\n"
    "2026-10-05,X999,08:00,17:00,PRESENT,,,\n"
    "31/02/2026,A003,08:00,17:00,PRESENT,,,\n"
    "2026-10-05,A001,08:00,17:00,LATE,,,\n"
    "2026-10-06,A004,8h,17:00,PRESENT,,,\n"
    "2026-10-06,A003,08:00,17:00,ALPA,,,\"tidak ada kabar, HP mati\"\n";

static void
test_attendance_errors (Fixture *fx,
                        gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  TamImportResult result = { 0 };
  g_autofree char *path = fixture_file (fx, "att-bad.csv", bad_attendance);

  g_assert_false (import (fx, fx->sup, TAM_IMPORT_ATTENDANCE, path, NULL, &result, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_IMPORT);
  g_assert_cmpstr (error->message, ==, "att-bad.csv: 5 rows have errors; nothing was imported");
  g_assert_cmpuint (result.errors->len, ==, 5);
  g_assert_cmpstr (result.errors->pdata[0], ==, "att-bad.csv:3: column status: unknown status “HADIRR”");
  g_assert_cmpstr (result.errors->pdata[1], ==, "att-bad.csv:4: column nik: unknown NIK “X999”");
  g_assert_cmpstr (result.errors->pdata[2], ==,
                   "att-bad.csv:5: column date: not a date “31/02/2026” (write it as 2026-10-05 or 05/10/2026)");
  g_assert_cmpstr (result.errors->pdata[3], ==,
                   "att-bad.csv:6: column date: A001 already has a row for 2026-10-05 on line 2");
  g_assert_cmpstr (result.errors->pdata[4], ==,
                   "att-bad.csv:7: column shift_start: not a time “8h” (write it as 08:00)");
  /* All or nothing: the two good rows were not stored either. */
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM attendance"), ==, 0);
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM imports"), ==, 0);
  tam_import_result_clear (&result);
}

static void
test_attendance_skip_bad (Fixture *fx,
                          gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  TamImportResult result = { 0 };
  g_autofree char *path = fixture_file (fx, "att-bad.csv", bad_attendance);
  g_autofree char *rejects = g_build_filename (fx->dir, "rejects.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;

  g_assert_true (import (fx, fx->sup, TAM_IMPORT_ATTENDANCE, path, rejects, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.rows, ==, 7);
  g_assert_cmpuint (result.inserted, ==, 2);
  g_assert_cmpuint (result.rejected, ==, 5);
  g_assert_cmpuint (result.errors->len, ==, 5);
  summary = tam_import_result_summary (&result);
  g_assert_cmpstr (summary, ==, "7 rows read: 2 new, 0 changed, 0 unchanged, 5 rejected");
  tam_import_result_clear (&result);
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM attendance"), ==, 2);

  g_assert_true (g_file_get_contents (rejects, &text, NULL, &error));
  g_assert_cmpstr (text, ==,
                   "date,nik,shift_start,shift_end,status,check_in,check_out,note,reason\n"
                   "2026-10-05,A002,08:00,17:00,HADIRR,,,,column status: unknown status “HADIRR”\n"
                   "2026-10-05,X999,08:00,17:00,PRESENT,,,,column nik: unknown NIK “X999”\n"
                   "31/02/2026,A003,08:00,17:00,PRESENT,,,,column date: not a date “31/02/2026” (write it as 2026-10-05 or 05/10/2026)\n"
                   "2026-10-05,A001,08:00,17:00,LATE,,,,column date: A001 already has a row for 2026-10-05 on line 2\n"
                   "2026-10-06,A004,8h,17:00,PRESENT,,,,column shift_start: not a time “8h” (write it as 08:00)\n");

  /* The rejects file, once fixed, imports as it is (reason is ignored). */
  {
    g_autofree char *fixed = NULL;
    g_autofree char *fixed_path = NULL;
    char *p;

    fixed = g_strdup (text);
    p = strstr (fixed, "HADIRR,");
    memcpy (p, "HADIR ,", 7);
    fixed_path = fixture_file (fx, "fixed.csv", fixed);
    g_assert_true (import (fx, fx->sup, TAM_IMPORT_ATTENDANCE, fixed_path, rejects, &result, &error));
    g_assert_no_error (error);
    /* HADIR is new; A001's LATE row is no longer a duplicate within
     * this file, so it updates the stored PRESENT. */
    g_assert_cmpuint (result.inserted, ==, 1);
    g_assert_cmpuint (result.updated, ==, 1);
    g_assert_cmpuint (result.rejected, ==, 3);
    tam_import_result_clear (&result);
  }
}

static void
test_attendance_reimport (Fixture *fx,
                          gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  TamImportResult result = { 0 };
  g_autofree char *summary = NULL;
  g_autofree char *path = NULL;
  gint64 audit;

  path = fixture_file (fx, "att.csv",
                       "date;nik;shift_start;shift_end;status;check_in;check_out;note\n"
                       "2026-10-05;A001;08:00;17:00;PRESENT;07:50;17:00;\n"
                       "2026-10-05;A002;08:00;17:00;LATE;08:40;17:00;ban bocor\n"
                       "2026-10-05;A003;08:00;17:00;SAKIT;;;\n");
  g_assert_true (import (fx, fx->sup, TAM_IMPORT_ATTENDANCE, path, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.inserted, ==, 3);
  g_assert_false (result.same_file_before);
  tam_import_result_clear (&result);

  audit = fixture_count (fx, "SELECT count(*) FROM audit_log");
  g_assert_true (import (fx, fx->sup, TAM_IMPORT_ATTENDANCE, path, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.inserted, ==, 0);
  g_assert_cmpuint (result.updated, ==, 0);
  g_assert_cmpuint (result.unchanged, ==, 3);
  g_assert_true (result.same_file_before);
  summary = tam_import_result_summary (&result);
  g_assert_cmpstr (summary, ==, "no changes: 3 rows already up to date (this file was imported before)");
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM audit_log"), ==, audit);
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM imports"), ==, 1);
  tam_import_result_clear (&result);
}

static void
test_attendance_file_errors (Fixture *fx,
                             gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  TamImportResult result = { 0 };
  g_autofree char *empty = fixture_file (fx, "kosong.csv", "");
  g_autofree char *missing = fixture_file (fx, "kurang.csv",
                                           "date,nik,shift_start,shift_end,check_in,check_out,note\n"
                                           "2026-10-05,A001,08:00,17:00,,,\n");
  g_autofree char *header_only = fixture_file (fx, "header.csv", attendance_header);
  g_autofree char *summary = NULL;

  g_assert_false (import (fx, fx->sup, TAM_IMPORT_ATTENDANCE, empty, NULL, &result, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_IMPORT);
  g_assert_cmpstr (error->message, ==, "kosong.csv: the file is empty; it needs a header row naming its columns");
  g_clear_error (&error);
  tam_import_result_clear (&result);

  g_assert_false (import (fx, fx->sup, TAM_IMPORT_ATTENDANCE, missing, NULL, &result, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_IMPORT);
  g_assert_true (g_str_has_prefix (error->message, "kurang.csv:1: missing column: status "));
  g_clear_error (&error);
  tam_import_result_clear (&result);

  g_assert_false (import (fx, fx->sup, TAM_IMPORT_ATTENDANCE, "/nonexistent/absensi.csv", NULL, &result, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_IMPORT);
  g_clear_error (&error);
  tam_import_result_clear (&result);

  g_assert_true (import (fx, fx->sup, TAM_IMPORT_ATTENDANCE, header_only, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.rows, ==, 0);
  summary = tam_import_result_summary (&result);
  g_assert_cmpstr (summary, ==, "no changes: 0 rows already up to date");
  tam_import_result_clear (&result);

  /* Invalid UTF-8 names its line. */
  {
    g_autofree char *latin1 = NULL;
    g_autofree char *text = g_strconcat (attendance_header, "2026-10-05,A001,08:00,17:00,PRESENT,,,Ren\xe9\n", NULL);

    latin1 = fixture_file (fx, "latin1.csv", text);
    g_assert_false (import (fx, fx->sup, TAM_IMPORT_ATTENDANCE, latin1, NULL, &result, &error));
    g_assert_error (error, TAM_ERROR, TAM_ERROR_IMPORT);
    g_assert_true (g_str_has_prefix (error->message, "latin1.csv:2: "));
    tam_import_result_clear (&result);
  }
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM attendance"), ==, 0);
}

static void
test_attendance_many_errors (Fixture *fx,
                             gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) text = g_string_new (attendance_header);
  TamImportResult result = { 0 };
  g_autofree char *path = NULL;

  for (int i = 0; i < 30; i++)
    g_string_append_printf (text, "2026-10-05,X%03d,08:00,17:00,PRESENT,,,\n", i);
  path = fixture_file (fx, "many.csv", text->str);
  g_assert_false (import (fx, fx->sup, TAM_IMPORT_ATTENDANCE, path, NULL, &result, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_IMPORT);
  g_assert_cmpstr (error->message, ==, "many.csv: 30 rows have errors; nothing was imported");
  g_assert_cmpuint (result.errors->len, ==, TAM_IMPORT_MAX_ERRORS);
  g_assert_cmpstr (result.errors->pdata[19], ==, "many.csv:21: column nik: unknown NIK “X019”");
  tam_import_result_clear (&result);
}

static char *
big_attendance (Fixture *fx,
                guint days)
{
  g_autoptr (GString) text = g_string_new (attendance_header);
  const char *niks[] = { "A001", "A002", "A003", "A004" };
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, 2020);
  for (guint d = 0; d < days; d++)
    {
      char iso[16];

      g_date_strftime (iso, sizeof iso, "%Y-%m-%d", &date);
      for (guint i = 0; i < G_N_ELEMENTS (niks); i++)
        g_string_append_printf (text, "%s,%s,08:00,17:00,PRESENT,07:5%u,17:00,\n", iso, niks[i], i);
      g_date_add_days (&date, 1);
    }
  return fixture_file (fx, "big.csv", text->str);
}

typedef struct
{
  GCancellable *cancellable;
  guint calls;
  double last;
} Progress;

static void
progress_cb (double fraction,
             gpointer user_data)
{
  Progress *p = user_data;

  g_assert_cmpfloat (fraction, >=, p->last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  p->last = fraction;
  p->calls++;
  if (p->cancellable != NULL && fraction > 0.0)
    g_cancellable_cancel (p->cancellable);
}

static void
test_attendance_progress_cancel (Fixture *fx,
                                 gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  TamImportResult result = { 0 };
  g_autofree char *path = big_attendance (fx, 5000); /* 20,000 rows */
  Progress progress = { cancellable, 0, 0.0 };

  g_assert_false (tam_import_file (fx->store, fx->sup, TAM_IMPORT_ATTENDANCE, path, NULL,
                                   progress_cb, &progress, cancellable, &result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM attendance"), ==, 0);
  g_assert_false (tam_store_in_transaction (fx->store));
  g_clear_error (&error);
  tam_import_result_clear (&result);

  /* Uncancelled: everything, with at most about a hundred progress calls
   * ending at 1. */
  progress = (Progress){ NULL, 0, 0.0 };
  g_assert_true (tam_import_file (fx->store, fx->sup, TAM_IMPORT_ATTENDANCE, path, NULL,
                                  progress_cb, &progress, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.inserted, ==, 20000);
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM attendance"), ==, 20000);
  g_assert_cmpuint (progress.calls, >=, 2);
  g_assert_cmpuint (progress.calls, <=, 102);
  g_assert_cmpfloat (progress.last, ==, 1.0);
  tam_import_result_clear (&result);
}

/* Enough rows for the multi-row INSERTs, mixing new, changed and
 * identical rows in the same batches. */
static char *
attendance_days (Fixture *fx,
                 const char *name,
                 guint first_day,
                 guint days,
                 guint late_every)
{
  g_autoptr (GString) text = g_string_new (attendance_header);
  const char *niks[] = { "A001", "A002", "A003", "A004" };

  for (guint d = first_day; d < first_day + days; d++)
    for (guint i = 0; i < G_N_ELEMENTS (niks); i++)
      {
        gboolean late = late_every && (d * 4 + i) % late_every == 0;
        g_string_append_printf (text, "2026-%02u-%02u,%s,08:00,17:00,%s,%s,17:00,\n",
                                1 + d / 28, 1 + d % 28, niks[i],
                                late ? "LATE" : "PRESENT", late ? "08:30" : "07:55");
      }
  return fixture_file (fx, name, text->str);
}

static void
test_attendance_batches (Fixture *fx,
                         gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  TamImportResult result = { 0 };
  g_autofree char *first = attendance_days (fx, "first.csv", 0, 100, 0);    /* 400 rows */
  g_autofree char *second = attendance_days (fx, "second.csv", 50, 80, 10); /* 320 rows */

  g_assert_true (import (fx, fx->sup, TAM_IMPORT_ATTENDANCE, first, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.inserted, ==, 400);
  tam_import_result_clear (&result);

  /* Days 50-99 exist (200 rows, one in ten now LATE), days 100-129 are
   * new (120 rows). */
  g_assert_true (import (fx, fx->sup, TAM_IMPORT_ATTENDANCE, second, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.rows, ==, 320);
  g_assert_cmpuint (result.inserted, ==, 120);
  g_assert_cmpuint (result.updated, ==, 20);
  g_assert_cmpuint (result.unchanged, ==, 180);
  tam_import_result_clear (&result);
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM attendance"), ==, 520);
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM attendance WHERE status = 'LATE'"
                                      " AND check_in = '08:30'"),
                   ==, 32);

  /* And the same file again: nothing. */
  g_assert_true (import (fx, fx->sup, TAM_IMPORT_ATTENDANCE, second, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.inserted + result.updated, ==, 0);
  g_assert_cmpuint (result.unchanged, ==, 320);
  tam_import_result_clear (&result);
}

static void
test_attendance_team_leader (Fixture *fx,
                             gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  TamImportResult result = { 0 };
  g_autofree char *mixed = fixture_file (fx, "tim.csv",
                                         "date,nik,shift_start,shift_end,status,check_in,check_out,note\n"
                                         "2026-10-05,A001,08:00,17:00,PRESENT,,,\n"
                                         "2026-10-05,A003,08:00,17:00,PRESENT,,,\n");
  g_autofree char *own = fixture_file (fx, "tim-sendiri.csv",
                                       "date,nik,shift_start,shift_end,status,check_in,check_out,note\n"
                                       "2026-10-05,A001,08:00,17:00,PRESENT,,,\n"
                                       "2026-10-05,A002,08:00,17:00,ALPA,,,\n");

  /* T001 may not import for A003, who is in T002's team. */
  g_assert_false (import (fx, fx->tl1, TAM_IMPORT_ATTENDANCE, mixed, NULL, &result, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_IMPORT);
  g_assert_cmpuint (result.errors->len, ==, 1);
  g_assert_true (has_error (&result, "tim.csv:3: column nik: A003 is not in your team"));
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM attendance"), ==, 0);
  g_clear_error (&error);
  tam_import_result_clear (&result);

  g_assert_true (import (fx, fx->tl1, TAM_IMPORT_ATTENDANCE, own, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.inserted, ==, 2);
  tam_import_result_clear (&result);

  /* A QCO and an agent may not import attendance at all. */
  g_assert_false (import (fx, fx->qco, TAM_IMPORT_ATTENDANCE, own, NULL, &result, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (import (fx, fx->agent, TAM_IMPORT_ATTENDANCE, own, NULL, &result, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  tam_import_result_clear (&result);
}

/* -- calls --------------------------------------------------------- */

static void
test_calls_import (Fixture *fx,
                   gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  TamImportResult result = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *start = NULL;
  g_autofree char *row = NULL;

  path = fixture_file (fx, "calls.csv",
                       "\xef\xbb\xbf"
                       "call_id;agent_nik;service;call_start;result;customer_number;product;recording\r\n"
                       "C0001;A001;ADDON_CONSUMER;2026-10-05 09:12:33;AGREE;081234567890;\"IndiHome Add On; Netflix\";rec/C0001.wav\r\n"
                       "C0002;A001;addon_consumer;05/10/2026 09:15;DECLINE;081234567891;;\r\n"
                       "C0003;A003;CT0_PRANPC;2026-10-06 10:00:00;follow up;081234567892;;\r\n");
  g_assert_true (import (fx, fx->qco, TAM_IMPORT_CALLS, path, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.inserted, ==, 3);
  tam_import_result_clear (&result);

  row = query_text (fx, "SELECT call_start || '|' || month || '|' || site || '|' || state || '|' || product"
                        " || '|' || recording FROM calls WHERE call_id = ?",
                    "C0001");
  g_assert_cmpstr (row, ==, "2026-10-05 09:12:33|2026-10|BANDUNG|PENDING|IndiHome Add On; Netflix|rec/C0001.wav");
  start = query_text (fx, "SELECT call_start FROM calls WHERE call_id = ?", "C0002");
  g_assert_cmpstr (start, ==, "2026-10-05 09:15:00");
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM calls WHERE state IS NULL"), ==, 2);
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM calls WHERE result = 'FOLLOW_UP'"
                                      " AND service = 'CT0_PRANPC'"),
                   ==, 1);

  /* Re-importing adds nothing. */
  g_assert_true (import (fx, fx->qco, TAM_IMPORT_CALLS, path, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.inserted, ==, 0);
  g_assert_cmpuint (result.unchanged, ==, 3);
  g_assert_true (result.same_file_before);
  tam_import_result_clear (&result);
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM calls"), ==, 3);

  /* A team leader may not import calls. */
  g_assert_false (import (fx, fx->tl1, TAM_IMPORT_CALLS, path, NULL, &result, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  tam_import_result_clear (&result);
}

static void
test_calls_errors (Fixture *fx,
                   gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  TamImportResult result = { 0 };
  g_autofree char *path = NULL;

  /* product and recording may be left out. */
  path = fixture_file (fx, "calls-bad.csv",
                       "call_id,agent_nik,service,call_start,result,customer_number\n"
                       "C1,A001,ADDON_CONSUMER,2026-10-05 09:12:33,AGREE,081200000001\n"
                       "C1,A002,ADDON_CONSUMER,2026-10-05 09:13:00,AGREE,081300000001\n"
                       "C2,X999,ADDON_CONSUMER,2026-10-05 09:13:00,AGREE,081300000001\n"
                       "C3,T001,ADDON_CONSUMER,2026-10-05 09:13:00,AGREE,081300000001\n"
                       "C4,A001,TELKOMSEL,2026-10-05 09:13:00,AGREE,081300000001\n"
                       "C5,A001,ADDON_CONSUMER,2026-10-32 09:13,AGREE,081300000001\n"
                       "C6,A001,ADDON_CONSUMER,2026-10-05 09:13,MAYBE,081300000001\n"
                       "C7,A001,ADDON_CONSUMER,2026-10-05,AGREE,081300000001\n"
                       "C8,A001,ADDON_CONSUMER,2026-10-05 09:14,AGREE,%s%n\n"
                       "C9,A001,ADDON_CONSUMER,2026-10-05 09:15,AGREE,\xe2\x80\xae"
                       "0812345678901\n"
                       "C10,A001,ADDON_CONSUMER,2026-10-05 09:16,AGREE,2026-10-05\n"
                       "C11,A001,ADDON_CONSUMER,2026-10-05 09:17,AGREE,0812\n");
  g_assert_false (import (fx, fx->qco, TAM_IMPORT_CALLS, path, NULL, &result, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_IMPORT);
  g_assert_cmpuint (result.errors->len, ==, 11);
  g_assert_cmpstr (result.errors->pdata[0], ==, "calls-bad.csv:3: column call_id: the call ID C1 is already on line 2");
  g_assert_cmpstr (result.errors->pdata[1], ==, "calls-bad.csv:4: column agent_nik: unknown NIK “X999”");
  g_assert_cmpstr (result.errors->pdata[2], ==, "calls-bad.csv:5: column agent_nik: T001 is not an agent (role TEAM_LEADER)");
  g_assert_cmpstr (result.errors->pdata[3], ==, "calls-bad.csv:6: column service: unknown service “TELKOMSEL”");
  g_assert_true (g_str_has_prefix (result.errors->pdata[4], "calls-bad.csv:7: column call_start: not a date and time “2026-10-32 09:13”"));
  g_assert_true (g_str_has_prefix (result.errors->pdata[5], "calls-bad.csv:8: column result: unknown result “MAYBE”"));
  g_assert_true (g_str_has_prefix (result.errors->pdata[6], "calls-bad.csv:9: column call_start: "));
  /* Issue 13: a customer number must be a telephone number. */
  g_assert_true (g_str_has_prefix (result.errors->pdata[7], "calls-bad.csv:10: column customer_number: “%s%n” is not an Indonesian telephone number"));
  g_assert_true (g_str_has_prefix (result.errors->pdata[8], "calls-bad.csv:11: column customer_number: "));
  g_assert_true (g_str_has_prefix (result.errors->pdata[9], "calls-bad.csv:12: column customer_number: “2026-10-05”"));
  g_assert_true (g_str_has_prefix (result.errors->pdata[10], "calls-bad.csv:13: column customer_number: “0812”"));
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM calls"), ==, 0);
  tam_import_result_clear (&result);
}

/* Issue 13: a re-imported calls file whose row changed (FOLLOW_UP became
 * AGREE, another customer number) printed "no changes" and the AGREE call
 * never reached the queue. */
static void
test_calls_changed_reimport (Fixture *fx,
                             gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  TamImportResult result = { 0 };
  g_autofree char *first = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *tapped = NULL;
  g_autofree char *row = NULL;
  g_autofree char *audit = NULL;
  g_autoptr (GString) report = g_string_new (NULL);
  g_autoptr (TamCall) call = NULL;

  first = fixture_file (fx, "calls.csv",
                        "call_id,agent_nik,service,call_start,result,customer_number,recording\n"
                        "R1,A001,ADDON_CONSUMER,2026-10-05 09:00:00,FOLLOW_UP,081200000001,vr/r.wav\n"
                        "R2,A001,ADDON_CONSUMER,2026-10-05 09:10:00,AGREE,081200000002,vr/r.wav\n");
  g_assert_true (import (fx, fx->qco, TAM_IMPORT_CALLS, first, NULL, &result, &error));
  g_assert_no_error (error);
  tam_import_result_clear (&result);

  changed = fixture_file (fx, "calls-again.csv",
                          "call_id,agent_nik,service,call_start,result,customer_number,recording\n"
                          "R1,A001,ADDON_CONSUMER,2026-10-05 09:00:00,AGREE,081299999999,vr/r.wav\n"
                          "R2,A001,ADDON_CONSUMER,2026-10-05 09:10:00,AGREE,081200000002,vr/r.wav\n"
                          "R3,A002,ADDON_CONSUMER,2026-10-05 09:20:00,AGREE,081200000003,vr/r.wav\n");
  /* By default: refused, with the line and what differs, nothing stored
   * (not even the new R3), --skip-bad or not. */
  g_assert_false (import (fx, fx->qco, TAM_IMPORT_CALLS, changed, NULL, &result, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_IMPORT);
  g_clear_error (&error);
  g_assert_cmpuint (result.errors->len, ==, 1);
  g_assert_cmpstr (result.errors->pdata[0], ==,
                   "calls-again.csv:2: column call_id: call R1 is stored with other content:"
                   " result “FOLLOW_UP” → “AGREE”; customer_number “081200000001” → “081299999999”"
                   " (import with --update to apply the changes)");
  tam_import_result_clear (&result);
  {
    g_autofree char *rejects = g_build_filename (fx->dir, "rejects.csv", NULL);
    g_assert_false (import (fx, fx->qco, TAM_IMPORT_CALLS, changed, rejects, &result, &error));
    g_assert_error (error, TAM_ERROR, TAM_ERROR_IMPORT);
    g_clear_error (&error);
    tam_import_result_clear (&result);
  }
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM calls WHERE call_id = 'R3'"), ==, 0);
  row = query_text (fx, "SELECT result || '|' || COALESCE (state, 'NULL') FROM calls WHERE call_id = ?", "R1");
  g_assert_cmpstr (row, ==, "FOLLOW_UP|NULL");

  /* --update applies it: R1 enters the queue, audited before/after. */
  g_assert_true (tam_import_file_with_flags (fx->store, fx->qco, TAM_IMPORT_CALLS, changed, NULL, TAM_IMPORT_UPDATE,
                                             NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.inserted, ==, 1);
  g_assert_cmpuint (result.updated, ==, 1);
  g_assert_cmpuint (result.unchanged, ==, 1);
  tam_import_result_clear (&result);
  g_clear_pointer (&row, g_free);
  row = query_text (fx, "SELECT result || '|' || state || '|' || customer_number FROM calls WHERE call_id = ?", "R1");
  g_assert_cmpstr (row, ==, "AGREE|PENDING|081299999999");
  audit = query_text (fx, "SELECT json_extract (before, '$.result') || '>' || json_extract (after, '$.result')"
                          " FROM audit_log WHERE action = 'IMPORT_UPDATE' AND entity_id = ?",
                      "R1");
  g_assert_cmpstr (audit, ==, "FOLLOW_UP>AGREE");
  call = tam_call_find (fx->store, fx->qco, "R1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (tam_call_get_state (call), ==, TAM_CALL_STATE_PENDING);
  /* The counts and the audit agree with the tables. */
  g_assert_true (tam_check (fx->store, report, &error));
  g_assert_no_error (error);
  {
    gint64 counts[TAM_N_STATES] = { 0 };
    TamQueueFilter filter = { 0 };

    g_assert_true (tam_queue_state_counts (fx->store, fx->qco, &filter, counts, &error));
    g_assert_no_error (error);
    g_assert_cmpint (counts[TAM_STATE_PENDING], ==, 3);
  }
  g_assert_cmpint (fixture_count (fx, "SELECT sum (n) FROM kpi_agent_months WHERE month = '2026-10' AND state = 'PENDING'"),
                   ==, 3);
  g_assert_cmpint (fixture_count (fx, "SELECT sum (n) FROM kpi_site_months WHERE month = '2026-10' AND state = 'PENDING'"),
                   ==, 3);

  /* A call already tapped keeps its history: the change is refused. */
  g_assert_true (tam_call_decide (fx->store, fx->qco, call->id, "VALID", NULL, "", NULL, &error));
  g_assert_no_error (error);
  tapped = fixture_file (fx, "calls-tapped.csv",
                         "call_id,agent_nik,service,call_start,result,customer_number,recording\n"
                         "R1,A001,ADDON_CONSUMER,2026-10-05 09:00:00,DECLINE,081299999999,vr/r.wav\n");
  g_assert_false (tam_import_file_with_flags (fx->store, fx->qco, TAM_IMPORT_CALLS, tapped, NULL, TAM_IMPORT_UPDATE,
                                              NULL, NULL, NULL, &result, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_IMPORT);
  g_assert_true (g_str_has_prefix (result.errors->pdata[0], "calls-tapped.csv:2: column call_id: call R1 was tapped already (Valid)"));
  tam_import_result_clear (&result);
}

/* An .xlsx as MyCX exports it: real date-time cells, a number where
 * somebody typed the date into a cell without a date format, numbers as
 * numbers. */
static char *
calls_xlsx (Fixture *fx)
{
  g_autofree char *path = g_build_filename (fx->dir, "mycx.xlsx", NULL);
  const char *header[] = { "Call_ID", "Agent_NIK", "Service", "Call_Start", "Result",
                           "Customer_Number", "Product", "Recording" };
  lxw_workbook *wb = workbook_new (path);
  lxw_worksheet *ws = workbook_add_worksheet (wb, NULL);
  lxw_format *when = workbook_add_format (wb);
  lxw_datetime dt = { 2026, 10, 5, 9, 12, 33 };

  format_set_num_format (when, "dd/mm/yyyy hh:mm:ss");
  for (guint c = 0; c < G_N_ELEMENTS (header); c++)
    worksheet_write_string (ws, 0, (lxw_col_t) c, header[c], NULL);

  worksheet_write_string (ws, 1, 0, "X0001", NULL);
  worksheet_write_string (ws, 1, 1, "A001", NULL);
  worksheet_write_string (ws, 1, 2, "ADDON_CONSUMER", NULL);
  worksheet_write_datetime (ws, 1, 3, &dt, when);
  worksheet_write_string (ws, 1, 4, "AGREE", NULL);
  worksheet_write_number (ws, 1, 5, 81234567890, NULL);
  worksheet_write_string (ws, 1, 6, "Netflix", NULL);
  worksheet_write_string (ws, 1, 7, "vr/X0001.wav", NULL);

  /* 46300.5 = 2026-10-05 12:00:00, in a cell with no date format. */
  worksheet_write_number (ws, 2, 0, 2, NULL);
  worksheet_write_string (ws, 2, 1, "A003", NULL);
  worksheet_write_string (ws, 2, 2, "CT0_PRANPC", NULL);
  worksheet_write_number (ws, 2, 3, 46300.5, NULL);
  worksheet_write_string (ws, 2, 4, "DECLINE", NULL);
  worksheet_write_string (ws, 2, 5, "081200000002", NULL);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
  return g_steal_pointer (&path);
}

static void
test_calls_xlsx (Fixture *fx,
                 gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  TamImportResult result = { 0 };
  g_autofree char *path = calls_xlsx (fx);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *truncated = NULL;
  g_autofree char *bytes = NULL;
  gsize len;

  g_assert_true (import (fx, fx->qco, TAM_IMPORT_CALLS, path, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.inserted, ==, 2);
  tam_import_result_clear (&result);
  first = query_text (fx, "SELECT call_start || '|' || customer_number || '|' || state"
                          " FROM calls WHERE call_id = ?",
                      "X0001");
  /* The number cell lost the leading 0 of the mobile number: it is back. */
  g_assert_cmpstr (first, ==, "2026-10-05 09:12:33|081234567890|PENDING");
  second = query_text (fx, "SELECT call_start || '|' || month FROM calls WHERE call_id = ?", "2");
  g_assert_cmpstr (second, ==, "2026-10-05 12:00:00|2026-10");

  /* A truncated file is refused with a message and stores nothing. */
  g_assert_true (g_file_get_contents (path, &bytes, &len, &error));
  truncated = g_build_filename (fx->dir, "cut.xlsx", NULL);
  g_assert_true (g_file_set_contents (truncated, bytes, (gssize) (len / 2), &error));
  g_assert_false (import (fx, fx->qco, TAM_IMPORT_CALLS, truncated, NULL, &result, &error));
  g_assert_true (error->domain == TAM_ERROR);
  g_assert_nonnull (strstr (error->message, "cut.xlsx"));
  tam_import_result_clear (&result);
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM calls"), ==, 2);
}

/* The big imports switch foreign keys and CHECK constraints off on their
 * connection while they run: both must be on again afterwards, whether
 * the import succeeded or failed. */
static void
test_constraints_restored (Fixture *fx,
                           gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  TamImportResult result = { 0 };
  g_autofree char *good = fixture_file (fx, "ok.csv",
                                        "date,nik,shift_start,shift_end,status,check_in,check_out,note\n"
                                        "2026-10-05,A001,08:00,17:00,PRESENT,,,\n");
  g_autofree char *bad = fixture_file (fx, "bad.csv",
                                       "date,nik,shift_start,shift_end,status,check_in,check_out,note\n"
                                       "2026-10-05,A001,08:00,17:00,NOPE,,,\n");
  sqlite3 *db = tam_store_get_db (fx->store);

  for (guint i = 0; i < 2; i++)
    {
      gboolean ok = import (fx, fx->sup, TAM_IMPORT_ATTENDANCE, i ? bad : good, NULL, &result, &error);

      g_assert_true (ok == (i == 0));
      g_clear_error (&error);
      tam_import_result_clear (&result);
      g_assert_cmpint (fixture_count (fx, "PRAGMA foreign_keys"), ==, 1);
      g_assert_cmpint (fixture_count (fx, "PRAGMA ignore_check_constraints"), ==, 0);
      /* And they bite: a bad status and an unknown person are refused. */
      g_assert_cmpint (sqlite3_exec (db, "INSERT INTO attendance (person_id, date, status)"
                                         " SELECT id, '2030-01-01', 'NOPE' FROM people LIMIT 1",
                                     NULL, NULL, NULL),
                       ==, SQLITE_CONSTRAINT_CHECK);
      g_assert_cmpint (sqlite3_exec (db, "INSERT INTO attendance (person_id, date, status)"
                                         " VALUES (987654, '2030-01-01', 'OFF')",
                                     NULL, NULL, NULL),
                       ==, SQLITE_CONSTRAINT_FOREIGNKEY);
    }
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM attendance"), ==, 1);
}

/* -- export -------------------------------------------------------- */

static char *
roster_digest (TamStore *store)
{
  g_autoptr (GPtrArray) people = tam_people_list (store, NULL);
  g_autoptr (GString) s = g_string_new (NULL);

  g_assert_nonnull (people);
  for (guint i = 0; i < people->len; i++)
    {
      TamPerson *p = people->pdata[i];
      g_string_append_printf (s, "%s|%s|%s|%s|%s|%s|%s|%s|%s\n", p->nik, p->name, p->role, p->site,
                              p->service ? p->service : "", p->team_leader_nik ? p->team_leader_nik : "",
                              p->status, p->hired_on, p->contract_end ? p->contract_end : "");
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
round_trip_into_new_store (Fixture *fx,
                           const char *export_path,
                           const char *db_name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *db = g_build_filename (fx->dir, db_name, NULL);
  g_autoptr (TamStore) other = tam_store_create (db, &error);
  g_autofree char *want = roster_digest (fx->store);
  g_autofree char *got = NULL;
  TamImportResult result = { 0 };

  g_assert_no_error (error);
  g_assert_true (tam_import_file (other, NULL, TAM_IMPORT_ROSTER, export_path, NULL, NULL, NULL,
                                  NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.inserted, ==, 8);
  tam_import_result_clear (&result);
  got = roster_digest (other);
  g_assert_cmpstr (got, ==, want);
}

static void
test_export_round_trip (Fixture *fx,
                        gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *csv = g_build_filename (fx->dir, "roster.csv", NULL);
  g_autofree char *xlsx = g_build_filename (fx->dir, "roster.XLSX", NULL);
  g_autofree char *text = NULL;
  g_autofree char *head = NULL;
  TamImportResult result = { 0 };
  g_autoptr (TamPerson) p = NULL;

  /* A name that needs quoting and a contract end. */
  p = tam_people_find_nik (fx->store, "A002", &error);
  g_free (p->name);
  p->name = g_strdup ("Citra \"Cici\" Dewi, S.Kom");
  p->contract_end = g_strdup ("2026-12-31");
  g_assert_true (tam_people_save (fx->store, fx->sup, p, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (tam_export_roster (fx->store, fx->qco, csv, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &text, NULL, &error));
  head = g_strndup (text, strcspn (text, "\n"));
  g_assert_cmpstr (head, ==, "nik,name,role,site,service,team_leader_nik,status,hired_on,contract_end");
  g_assert_nonnull (strstr (text, "A002,\"Citra \"\"Cici\"\" Dewi, S.Kom\",AGENT,BANDUNG,ADDON_CONSUMER,T001,ACTIVE,2025-01-06,2026-12-31\n"));

  /* Back into the same database: nothing to change. */
  g_assert_true (import (fx, fx->sup, TAM_IMPORT_ROSTER, csv, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.unchanged, ==, 8);
  g_assert_cmpuint (result.inserted + result.updated, ==, 0);
  tam_import_result_clear (&result);

  /* Into a new one: the same roster. */
  round_trip_into_new_store (fx, csv, "other.db");

  g_assert_true (tam_export_roster (fx->store, fx->sup, xlsx, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *bytes = NULL;
    gsize len = 0;
    g_autoptr (TamRowReader) reader = NULL;

    g_assert_true (g_file_get_contents (xlsx, &bytes, &len, &error));
    g_assert_cmpuint (len, >, 1000);
    g_assert_true (memcmp (bytes, "PK\3\4", 4) == 0);
    reader = tam_row_reader_open (xlsx, NULL);
    if (reader != NULL)
      round_trip_into_new_store (fx, xlsx, "other-xlsx.db");
    else
      g_test_message ("the .xlsx reader is not available: xlsx round trip not checked");
  }

  /* An agent may not export; other extensions are refused. */
  g_assert_false (tam_export_roster (fx->store, fx->agent, csv, NULL, NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (tam_export_roster (fx->store, fx->sup, "roster.ods", NULL, NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
}

/* -- many desks: a calls import publishes hidden slices ------------ */

#define BIG_ROWS 60000

static char *
big_calls_file (Fixture *fx,
                const char *name,
                const char *prefix,
                gboolean bad_last)
{
  static const char *const agents[] = { "A001", "A002", "A003", "A004" };
  static const char *const services[] = { "ADDON_CONSUMER", "ADDON_CONSUMER", "CT0_PRANPC", "CT0_PRANPC" };
  g_autoptr (GString) csv = g_string_new ("call_id,agent_nik,service,call_start,result,customer_number\n");
  g_autofree char *path = g_build_filename (fx->dir, name, NULL);

  for (int i = 0; i < BIG_ROWS; i++)
    g_string_append_printf (csv, "%s%06d,%s,%s,2026-11-%02d %02d:%02d:%02d,%s,0812%08d\n", prefix, i,
                            bad_last && i == BIG_ROWS - 1 ? "X999" : agents[i % 4], services[i % 4],
                            1 + i % 28, 8 + i % 9, i % 60, (i / 60) % 60, i % 3 ? "DECLINE" : "AGREE", i);
  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, NULL));
  return g_steal_pointer (&path);
}

static gint64
count_in (TamStore *store,
          const char *sql)
{
  g_autoptr (GError) error = NULL;
  gint64 n = tam_store_query_int (store, sql, -1, &error);

  g_assert_no_error (error);
  return n;
}

typedef struct
{
  Fixture *fx;
  TamStore *other; /* another desk's connection */
  gint64 raw_before;
  guint looks;
  guint hidden_seen; /* looks that found published, hidden rows */
  guint leaks;       /* looks that saw any of them */
  GCancellable *cancel_at_half;
} Watch;

/* Called by the import between chunks: what does another desk see? */
static void
watch_cb (double fraction,
          gpointer user_data)
{
  Watch *w = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (TamCall) call = NULL;
  gint64 raw = count_in (w->other, "SELECT count(*) FROM calls");
  gint64 visible = count_in (w->other, "SELECT count(*) FROM calls c WHERE " TAM_CALL_VISIBLE ("c"));

  /* 1.0 is reported once the import is published. */
  if (fraction >= 1.0)
    return;
  w->looks++;
  if (raw > w->raw_before)
    w->hidden_seen++;
  else
    /* Slices end by time (SLICE_US, 80 ms): on a fast machine the whole
     * file can fit in one. Waiting here, with the slice open, makes the
     * next chunk's write end it, so the rows are committed (hidden)
     * before the import is over, whatever the machine's speed. */
    g_usleep (100 * 1000);
  call = tam_call_find (w->other, w->fx->sup, "H000000", &error);
  if (visible != w->raw_before || call != NULL)
    w->leaks++;
  if (w->cancel_at_half != NULL && fraction > 0.5 && w->hidden_seen > 0)
    g_cancellable_cancel (w->cancel_at_half);
}

/* Another desk never sees part of an import: the rows are committed in
 * short slices (it finds them in the table), but no query shows them
 * until the last commit, and then all of them, already counted. */
static void
test_calls_hidden_until_published (Fixture *fx,
                                   gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = big_calls_file (fx, "big.csv", "H", FALSE);
  g_autofree char *db = g_strdup (tam_store_get_path (fx->store));
  g_autoptr (TamStore) other = tam_store_open (db, &error);
  g_autoptr (TamQueueFilter) filter = tam_queue_filter_new ();
  TamImportResult result = { 0 };
  Watch w = { fx, other, 0, 0, 0, 0, NULL };

  g_assert_no_error (error);
  w.raw_before = count_in (other, "SELECT count(*) FROM calls");
  g_assert_true (tam_import_file (fx->store, fx->sup, TAM_IMPORT_CALLS, path, NULL, watch_cb, &w,
                                  NULL, &result, &error));
  g_assert_no_error (error);
  g_test_message ("%u looks, %u found hidden rows", w.looks, w.hidden_seen);
  g_assert_cmpuint (w.looks, >=, 10);
  g_assert_cmpuint (w.hidden_seen, >=, 5);
  g_assert_cmpuint (w.leaks, ==, 0);
  g_assert_cmpuint (result.inserted, ==, BIG_ROWS);
  tam_import_result_clear (&result);

  /* All at once, and already in the per-day counts. */
  g_assert_cmpint (count_in (other, "SELECT count(*) FROM calls c WHERE " TAM_CALL_VISIBLE ("c")), ==,
                   w.raw_before + BIG_ROWS);
  g_assert_cmpint (count_in (other, "SELECT count(*) FROM import_runs"), ==, 0);
  g_assert_cmpint (count_in (other, "SELECT max (id) = (SELECT CAST (value AS INTEGER) FROM settings"
                                    " WHERE key = 'queue_counts_upto') FROM calls"),
                   ==, 1);
  filter->state = g_strdup ("PENDING");
  g_assert_cmpint (tam_queue_count (other, fx->sup, filter, &error), ==, BIG_ROWS / 3);
  g_assert_no_error (error);
}

/* A failed or cancelled import leaves nothing, hidden rows included. */
static void
test_calls_failed_leaves_nothing (Fixture *fx,
                                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *bad = big_calls_file (fx, "bad.csv", "H", TRUE);
  g_autofree char *good = big_calls_file (fx, "good.csv", "H", FALSE);
  g_autofree char *db = g_strdup (tam_store_get_path (fx->store));
  g_autoptr (TamStore) other = tam_store_open (db, &error);
  g_autoptr (GCancellable) cancel = g_cancellable_new ();
  TamImportResult result = { 0 };
  Watch w = { fx, other, 0, 0, 0, 0, NULL };

  g_assert_no_error (error);
  w.raw_before = count_in (other, "SELECT count(*) FROM calls");

  /* The last row is bad: rows before it were published (hidden), then
   * removed. */
  g_assert_false (tam_import_file (fx->store, fx->sup, TAM_IMPORT_CALLS, bad, NULL, watch_cb, &w,
                                   NULL, &result, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_IMPORT);
  g_clear_error (&error);
  tam_import_result_clear (&result);
  g_assert_cmpuint (w.hidden_seen, >, 0);
  g_assert_cmpuint (w.leaks, ==, 0);
  g_assert_cmpint (count_in (other, "SELECT count(*) FROM calls"), ==, w.raw_before);
  g_assert_cmpint (count_in (other, "SELECT count(*) FROM import_runs"), ==, 0);

  /* Cancelled half-way: the same. */
  w.hidden_seen = 0;
  w.cancel_at_half = cancel;
  g_assert_false (tam_import_file (fx->store, fx->sup, TAM_IMPORT_CALLS, good, NULL, watch_cb, &w,
                                   cancel, &result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  tam_import_result_clear (&result);
  g_assert_cmpuint (w.hidden_seen, >, 0);
  g_assert_cmpuint (w.leaks, ==, 0);
  g_assert_cmpint (count_in (other, "SELECT count(*) FROM calls"), ==, w.raw_before);
  g_assert_cmpint (count_in (other, "SELECT count(*) FROM import_runs"), ==, 0);
  g_assert_cmpint (count_in (other, "SELECT count(*) FROM imports WHERE kind = 'calls'"), ==, 0);

  /* And the file then imports whole. */
  g_assert_true (tam_import_file (fx->store, fx->sup, TAM_IMPORT_CALLS, good, NULL, NULL, NULL,
                                  NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.inserted, ==, BIG_ROWS);
  tam_import_result_clear (&result);
}

/* A run whose process died (kill -9) is removed, with the calls it hid,
 * by the next desk that opens the file; a live one is left alone and
 * another import waits its turn. */
static void
test_calls_abandoned_run (Fixture *fx,
                          gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *db = g_strdup (tam_store_get_path (fx->store));
  g_autofree char *path = fixture_file (fx, "calls.csv",
                                        "call_id,agent_nik,service,call_start,result,customer_number\n"
                                        "L1,A001,ADDON_CONSUMER,2026-11-02 09:00:00,AGREE,081200000099\n");
  g_autoptr (TamStore) next = NULL;
  TamImportResult result = { 0 };
  gint64 before = count_in (fx->store, "SELECT count(*) FROM calls");
  gint64 agent = count_in (fx->store, "SELECT id FROM people WHERE nik = 'A001'");
  gint64 first = count_in (fx->store, "SELECT COALESCE (max (id), 0) + 1 FROM calls");
  sqlite3_stmt *stmt;

  /* What a killed import leaves: its run (a pid no process has) and the
   * calls it had published. */
  g_assert_cmpint (sqlite3_prepare_v2 (tam_store_get_db (fx->store),
                                       "INSERT INTO import_runs (kind, first_call_id, host, pid, started_at, heartbeat)"
                                       " VALUES ('calls', ?, ?, 2147483646, '2026-11-02 09:00:00', strftime ('%s', 'now'))",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, first);
  sqlite3_bind_text (stmt, 2, g_get_host_name (), -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *sql = g_strdup_printf (
          "INSERT INTO calls (id, call_id, agent_id, site, service, call_start, month, result,"
          " customer_number, state) VALUES (%" G_GINT64_FORMAT ", 'K%d', %" G_GINT64_FORMAT ","
          " 'BANDUNG', 'ADDON_CONSUMER', '2026-11-01 10:00:00', '2026-11', 'AGREE', '0812', 'PENDING')",
          first + i, i, agent);
      g_assert_true (tam_store_exec (fx->store, sql, &error));
    }
  g_assert_cmpint (count_in (fx->store, "SELECT count(*) FROM calls c WHERE " TAM_CALL_VISIBLE ("c")), ==, before);
  g_assert_null (tam_call_find (fx->store, fx->sup, "K0", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  next = tam_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_in (next, "SELECT count(*) FROM calls"), ==, before);
  g_assert_cmpint (count_in (next, "SELECT count(*) FROM import_runs"), ==, 0);
  g_clear_object (&next);

  /* A live run (this process, a fresh heartbeat) stays, and a second
   * import is refused with who is importing. */
  g_assert_true (tam_store_exec (fx->store,
                                 "INSERT INTO import_runs (kind, first_call_id, host, pid, person_id, started_at, heartbeat)"
                                 " SELECT 'calls', COALESCE (max (id), 0) + 1, 'elsewhere', 1, (SELECT id FROM people WHERE nik = 'S001'),"
                                 " '2026-11-02 09:00:00', strftime ('%s', 'now') FROM calls",
                                 &error));
  next = tam_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_in (next, "SELECT count(*) FROM import_runs"), ==, 1);
  g_assert_false (tam_import_file (next, fx->sup, TAM_IMPORT_CALLS, path, NULL, NULL, NULL, NULL,
                                   &result, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Dewi Lestari"));
  g_clear_error (&error);
  tam_import_result_clear (&result);

  /* Its heartbeat stops: after two minutes it counts as abandoned. */
  g_assert_true (tam_store_exec (fx->store, "UPDATE import_runs SET heartbeat = heartbeat - 600", &error));
  g_assert_true (tam_import_file (next, fx->sup, TAM_IMPORT_CALLS, path, NULL, NULL, NULL, NULL,
                                  &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.inserted, ==, 1);
  tam_import_result_clear (&result);
  g_assert_cmpint (count_in (next, "SELECT count(*) FROM import_runs"), ==, 0);
}

static void
test_customer_numbers (void)
{
  static const struct
  {
    const char *text;
    const char *stored; /* NULL: refused */
  } cases[] = {
    { "081234567890", "081234567890" },
    { "0812-3456-7890", "0812-3456-7890" },
    { "0221234567", "0221234567" }, /* Bandung fixed line */
    { "6281234567890", "6281234567890" },
    { "+62 812 3456 7890", "+62 812 3456 7890" },
    { "81234567890", "081234567890" }, /* a number cell ate the 0 */
    { "0812", NULL },                  /* too short */
    { "0812345678901234", NULL },      /* 16 digits */
    { "+6412345678901", NULL },        /* not Indonesia */
    { "1234567890", NULL },
    { "%s%n", NULL },
    { "\xe2\x80\xae"
      "081234567890",
      NULL }, /* U+202E */
    { "2026-10-05", NULL },
    { "0812--3456-7890", NULL },
    { "0812 ", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char buf[TAM_CUSTOMER_NUMBER_MAX + 2];
      const char *got = tam_customer_number_normalize (cases[i].text, buf);

      g_assert_cmpstr (got, ==, cases[i].stored);
    }
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/import/roster/basic", test_roster_import);
  ADD ("/import/roster/errors", test_roster_errors);
  ADD ("/import/roster/permissions", test_roster_permissions);
  ADD ("/import/roster/escalation", test_roster_escalation);
  ADD ("/import/attendance/formats", test_attendance_formats);
  ADD ("/import/attendance/errors", test_attendance_errors);
  ADD ("/import/attendance/skip-bad", test_attendance_skip_bad);
  ADD ("/import/attendance/reimport", test_attendance_reimport);
  ADD ("/import/attendance/file-errors", test_attendance_file_errors);
  ADD ("/import/attendance/many-errors", test_attendance_many_errors);
  ADD ("/import/attendance/progress-cancel", test_attendance_progress_cancel);
  ADD ("/import/attendance/team-leader", test_attendance_team_leader);
  ADD ("/import/attendance/batches", test_attendance_batches);
  ADD ("/import/calls/basic", test_calls_import);
  ADD ("/import/calls/errors", test_calls_errors);
  g_test_add_func ("/import/calls/customer-numbers", test_customer_numbers);
  ADD ("/import/calls/xlsx", test_calls_xlsx);
  ADD ("/import/calls/changed-reimport", test_calls_changed_reimport);
  ADD ("/import/calls/hidden-until-published", test_calls_hidden_until_published);
  ADD ("/import/calls/failed-leaves-nothing", test_calls_failed_leaves_nothing);
  ADD ("/import/calls/abandoned-run", test_calls_abandoned_run);
  ADD ("/import/constraints-restored", test_constraints_restored);
  ADD ("/export/roster/round-trip", test_export_round_trip);
#undef ADD

  return g_test_run ();
}
