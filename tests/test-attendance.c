/* test-attendance.c: form F-02 rows, who may edit them, and adherence on
 * a hand-computed week. */
#include "config.h"

#include <string.h>

#include "import-fixture.h"
#include "tam-attendance.h"
#include "tam-audit.h"
#include "tam-f02.h"
#include "tam-reports.h"

static gboolean
save (Fixture *fx,
      const TamSession *actor,
      const char *nik,
      const char *date,
      const char *status,
      const char *shift_start,
      const char *shift_end,
      const char *check_in,
      GError **error)
{
  TamAttendance row = { 0 };

  row.person_id = fixture_person_id (fx, nik);
  row.date = (char *) date;
  row.status = (char *) status;
  row.shift_start = (char *) shift_start;
  row.shift_end = (char *) shift_end;
  row.check_in = (char *) check_in;
  row.note = (char *) "";
  return tam_attendance_save (fx->store, actor, &row, error);
}

static void
save_ok (Fixture *fx,
         const char *nik,
         const char *date,
         const char *status)
{
  g_autoptr (GError) error = NULL;
  gboolean off = strcmp (status, "OFF") == 0 || strcmp (status, "LEAVE") == 0;

  save (fx, fx->sup, nik, date, status, off ? NULL : "08:00", off ? NULL : "17:00", NULL, &error);
  g_assert_no_error (error);
}

static void
test_save_permissions (Fixture *fx,
                       gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  /* A team leader edits their own team... */
  g_assert_true (save (fx, fx->tl1, "A001", "2026-10-05", "PRESENT", "08:00", "17:00", "07:55", &error));
  g_assert_no_error (error);
  /* ...but not another team's, */
  g_assert_false (save (fx, fx->tl1, "A003", "2026-10-05", "PRESENT", "08:00", "17:00", NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "A003"));
  g_clear_error (&error);
  /* nor their own row. */
  g_assert_false (save (fx, fx->tl1, "T001", "2026-10-05", "PRESENT", "08:00", "17:00", NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  /* A supervisor (operational) edits anybody's. */
  g_assert_true (save (fx, fx->sup, "A003", "2026-10-05", "SAKIT", "08:00", "17:00", NULL, &error));
  g_assert_no_error (error);
  /* A QCO and an agent edit nobody's. */
  g_assert_false (save (fx, fx->qco, "A001", "2026-10-06", "PRESENT", "08:00", "17:00", NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (save (fx, fx->agent, "A001", "2026-10-06", "PRESENT", "08:00", "17:00", NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);

  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM attendance"), ==, 2);
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM attendance WHERE status = 'SICK_NOTE'"), ==, 1);
}

static void
test_save_validation (Fixture *fx,
                      gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  TamAttendance row = { 0 };

  g_assert_false (save (fx, fx->sup, "A001", "2026-02-30", "PRESENT", "08:00", "17:00", NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (save (fx, fx->sup, "A001", "2026-10-05", "HADIRR", "08:00", "17:00", NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (save (fx, fx->sup, "A001", "2026-10-05", "PRESENT", "25:00", "17:00", NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (save (fx, fx->sup, "A001", "2026-10-05", "PRESENT", "17:00", "08:00", NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (save (fx, fx->sup, "A001", "2026-10-05", "PRESENT", "08:00", NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (save (fx, fx->sup, "A001", "2026-10-05", "PRESENT", "08:00", "17:00", "8.00", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);

  row.person_id = 999999;
  row.date = (char *) "2026-10-05";
  row.status = (char *) "PRESENT";
  g_assert_false (tam_attendance_save (fx->store, fx->sup, &row, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM attendance"), ==, 0);

  /* Indonesian dates and words are stored as codes. */
  g_assert_true (save (fx, fx->sup, "A001", "05/10/2026", "telat", "8:00", "17:00", "8:25", &error));
  g_assert_no_error (error);
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM attendance WHERE date = '2026-10-05'"
                                      " AND status = 'LATE' AND shift_start = '08:00' AND check_in = '08:25'"),
                   ==, 1);
}

static void
test_save_audit (Fixture *fx,
                 gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  /* The attendance's own rows (a LATE day also audits its coaching
   * proposal). */
  gint64 audit = fixture_count (fx, "SELECT count(*) FROM audit_log WHERE entity = 'attendance'");
  sqlite3_stmt *stmt;

  g_assert_true (save (fx, fx->tl1, "A002", "2026-10-05", "PRESENT", "08:00", "17:00", NULL, &error));
  g_assert_true (save (fx, fx->tl1, "A002", "2026-10-05", "LATE", "08:00", "17:00", "08:30", &error));
  /* Saving the same again changes nothing and logs nothing. */
  g_assert_true (save (fx, fx->tl1, "A002", "2026-10-05", "LATE", "08:00", "17:00", "08:30", &error));
  g_assert_no_error (error);
  g_assert_cmpint (fixture_count (fx, "SELECT count(*) FROM audit_log WHERE entity = 'attendance'"), ==, audit + 2);

  stmt = tam_store_prepare (fx->store,
                            "SELECT actor_nik, action, entity, entity_id, json_extract (before, '$.status'),"
                            " json_extract (after, '$.status'), json_extract (after, '$.check_in')"
                            " FROM audit_log WHERE entity = 'attendance' ORDER BY id DESC LIMIT 1",
                            &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "T001");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "UPDATE");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "attendance");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "A002 2026-10-05");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, "PRESENT");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 5), ==, "LATE");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 6), ==, "08:30");
  sqlite3_reset (stmt);

  g_assert_true (tam_audit_verify (fx->store, NULL, &error));
  g_assert_no_error (error);
}

/* The hand-computed week, 1-7 October 2026, plus a day outside it:
 *   A001 (T001): PRESENT PRESENT PRESENT LATE OFF LEAVE ALPA
 *                scheduled 5 (7 minus OFF and LEAVE), present 3 -> 60 %
 *   A002 (T001): PRESENT PRESENT PRESENT PRESENT OFF OFF SICK_NO_NOTE
 *                scheduled 5, present 4 -> 80 %
 *   A003 (T002): OFF for all seven days: nothing scheduled -> 100 %
 *   team T001: scheduled 10, present 7 -> 70 %;
 *   everybody: the same days (A003 adds none) -> 70 %. */
static void
fill_week (Fixture *fx)
{
  const char *a001[] = { "PRESENT", "PRESENT", "PRESENT", "LATE", "OFF", "LEAVE", "ABSENT_NO_NOTICE" };
  const char *a002[] = { "PRESENT", "PRESENT", "PRESENT", "PRESENT", "OFF", "OFF", "SICK_NO_NOTE" };

  for (guint d = 0; d < 7; d++)
    {
      g_autofree char *date = g_strdup_printf ("2026-10-%02u", d + 1);
      save_ok (fx, "A001", date, a001[d]);
      save_ok (fx, "A002", date, a002[d]);
      save_ok (fx, "A003", date, "OFF");
    }
  /* Outside the week: must not count. */
  save_ok (fx, "A001", "2026-10-08", "ABSENT_NO_NOTICE");
  save_ok (fx, "A002", "2026-09-30", "ABSENT_NO_NOTICE");
}

static void
test_adherence (Fixture *fx,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) team = NULL;
  g_autoptr (GPtrArray) all = NULL;
  TamAdherence total = { 0 };
  TamAdherence *a;

  fill_week (fx);

  team = tam_attendance_adherence (fx->store, "2026-10-01", "2026-10-07",
                                   fixture_person_id (fx, "T001"), &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (team->len, ==, 2);

  a = team->pdata[0]; /* ordered by name: Budi Santoso */
  g_assert_cmpstr (a->nik, ==, "A001");
  g_assert_cmpuint (a->scheduled, ==, 5);
  g_assert_cmpuint (a->present, ==, 3);
  g_assert_cmpuint (a->late, ==, 1);
  g_assert_cmpuint (a->absent, ==, 1);
  g_assert_cmpuint (a->sick, ==, 0);
  g_assert_cmpuint (a->leave, ==, 1);
  g_assert_cmpuint (a->off, ==, 1);
  g_assert_cmpfloat_with_epsilon (a->adherence, 60.0, 1e-9);

  a = team->pdata[1]; /* Citra Dewi */
  g_assert_cmpstr (a->nik, ==, "A002");
  g_assert_cmpuint (a->scheduled, ==, 5);
  g_assert_cmpuint (a->present, ==, 4);
  g_assert_cmpuint (a->sick, ==, 1);
  g_assert_cmpuint (a->off, ==, 2);
  g_assert_cmpfloat_with_epsilon (a->adherence, 80.0, 1e-9);

  g_assert_cmpuint (total.person_id, ==, 0);
  g_assert_cmpuint (total.scheduled, ==, 10);
  g_assert_cmpuint (total.present, ==, 7);
  g_assert_cmpuint (total.off, ==, 3);
  g_assert_cmpfloat_with_epsilon (total.adherence, 70.0, 1e-9);

  all = tam_attendance_adherence (fx->store, "2026-10-01", "2026-10-07", 0, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  a = all->pdata[2]; /* Eko Prasetyo, always OFF */
  g_assert_cmpstr (a->nik, ==, "A003");
  g_assert_cmpuint (a->scheduled, ==, 0);
  g_assert_cmpuint (a->off, ==, 7);
  g_assert_cmpfloat_with_epsilon (a->adherence, 100.0, 1e-9);
  g_assert_cmpuint (total.scheduled, ==, 10);
  g_assert_cmpuint (total.off, ==, 10);
  g_assert_cmpfloat_with_epsilon (total.adherence, 70.0, 1e-9);
}

/* Issue 12: report F-02, the month's attendance and adherence, through
 * the registry; a team leader gets their own team. */
static void
test_report_f02 (Fixture *fx,
                 gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *csv = g_build_filename (fx->dir, "f02.csv", NULL);
  g_autofree char *csv2 = tam_report_second_csv_path (tam_report_find ("f02"), csv);
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  const TamReport *report = tam_report_find ("F-02");

  fill_week (fx);
  g_assert_nonnull (report);
  g_assert_true (report->write == tam_f02_write);
  g_assert_true (report->write (fx->store, fx->tl1, "2026-10", csv, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_true (g_file_get_contents (csv2, &text2, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "nik,name,date,shift_start,shift_end,status,check_in,check_out,note\r\n"));
  /* T001's team in October: A001 8 days (the 8th too), A002 7 (not 30
   * September); not A003. */
  {
    g_auto (GStrv) lines = g_strsplit (text, "\r\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 1 + 15 + 1);
  }
  g_assert_null (strstr (text, "A003"));
  g_assert_nonnull (strstr (text2, "PERSON,A001,Budi Santoso,6,3,1,2,0,1,1,50.0\r\n"));
  g_assert_nonnull (strstr (text2, "TOTAL,,,11,7,"));
  g_assert_nonnull (strstr (text2, ",63.6\r\n"));
  /* The month must be one; an agent may not. */
  g_assert_false (report->write (fx->store, fx->tl1, "2026-13", csv, NULL, NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (report->write (fx->store, fx->agent, "2026-10", csv, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
}

static void
test_list (Fixture *fx,
           gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  TamAttendance *r;
  g_autoptr (TamAttendance) copy = NULL;

  fill_week (fx);
  rows = tam_attendance_list (fx->store, "2026-10-01", "2026-10-07",
                              fixture_person_id (fx, "T001"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 14);
  r = rows->pdata[0];
  g_assert_cmpstr (r->nik, ==, "A001");
  g_assert_cmpstr (r->name, ==, "Budi Santoso");
  g_assert_cmpstr (r->date, ==, "2026-10-01");
  g_assert_cmpstr (r->shift_start, ==, "08:00");
  g_assert_cmpint (r->team_leader_id, ==, fixture_person_id (fx, "T001"));
  r = rows->pdata[4];
  g_assert_cmpstr (r->date, ==, "2026-10-05");
  g_assert_cmpstr (r->status, ==, "OFF");
  g_assert_null (r->shift_start);
  r = rows->pdata[13];
  g_assert_cmpstr (r->nik, ==, "A002");
  g_assert_cmpstr (r->date, ==, "2026-10-07");
  g_assert_cmpstr (r->status, ==, "SICK_NO_NOTE");
  copy = tam_attendance_copy (r);
  g_assert_cmpstr (copy->status, ==, "SICK_NO_NOTE");
  g_assert_cmpstr (copy->name, ==, "Citra Dewi");

  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = tam_attendance_list (fx->store, "2026-09-01", "2026-10-31", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 23);
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/attendance/save/permissions", test_save_permissions);
  ADD ("/attendance/save/validation", test_save_validation);
  ADD ("/attendance/save/audit", test_save_audit);
  ADD ("/attendance/adherence", test_adherence);
  ADD ("/attendance/list", test_list);
  ADD ("/attendance/report-f02", test_report_f02);
#undef ADD

  return g_test_run ();
}
