/* W-03 against a hand-computed month: returns of 4 agents in 2 sites and
 * 3 teams, followed up (re-called and VALID, re-called and returned
 * again, re-called and not tapped yet) or not; an undone RETURN and a
 * RETURN of the month before are left out. Every row is asserted, in the
 * computed rows, in the .xlsx (read back with our own reader) and in the
 * .csv; and who sees what. */
#include "config.h"

#include "tam-tapping.h"
#include "tam-w03.h"
#include "tam-xlsx-reader.h"
#include "tapping-world.h"

typedef struct
{
  World w;
} Fixture;

/* A verdict by @qco, then its time moved to @at. */
static gint64
tap (Fixture *f,
     TamSession *qco,
     gint64 call,
     const char *const *failed,
     const char *recommendation,
     const char *at)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt;
  gint64 tid = 0;

  g_assert_true (tam_call_decide (f->w.store, qco, call, failed ? "RETURN" : "VALID", failed,
                                  recommendation, &tid, &error));
  g_assert_no_error (error);
  stmt = tam_store_prepare (f->w.store, "UPDATE tappings SET tapped_at = ? WHERE id = ?", NULL);
  sqlite3_bind_text (stmt, 1, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, tid);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
  return tid;
}

/* The TL records the re-call, then its time is moved to @at. */
static void
recall (Fixture *f,
        TamSession *tl,
        gint64 call,
        const char *note,
        const char *at)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt;
  gint64 rid = 0;

  g_assert_true (tam_call_recall (f->w.store, tl, call, "vr/recall.wav", note, &rid, &error));
  g_assert_no_error (error);
  stmt = tam_store_prepare (f->w.store, "UPDATE recalls SET recorded_at = ? WHERE id = ?", NULL);
  sqlite3_bind_text (stmt, 1, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, rid);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
}

static const char *const consent[] = { "CONSENT", NULL };
static const char *const data_consent[] = { "DATA", "CONSENT", NULL };
static const char *const commitment[] = { "COMMITMENT", NULL };

static void
fixture_setup (Fixture *f,
               gconstpointer data)
{
  World *w = &f->w;
  g_autoptr (GError) error = NULL;
  gint64 a1, a2, a3, b1, b2, c1, d1, s1, undone;

  world_setup (w, "w03", FALSE);

  a1 = world_call (w, "A1", w->ani, "BANDUNG", "ADDON_CONSUMER", "2026-10-01 09:00:00", "AGREE");
  a2 = world_call (w, "A2", w->ani, "BANDUNG", "ADDON_CONSUMER", "2026-10-02 09:00:00", "AGREE");
  a3 = world_call (w, "A3", w->ani, "BANDUNG", "ADDON_CONSUMER", "2026-10-03 09:00:00", "AGREE");
  s1 = world_call (w, "S1", w->ani, "BANDUNG", "ADDON_CONSUMER", "2026-09-25 09:00:00", "AGREE");
  b1 = world_call (w, "B1", w->budi, "BANDUNG", "ADDON_CONSUMER", "2026-10-01 10:00:00", "AGREE");
  b2 = world_call (w, "B2", w->budi, "BANDUNG", "ADDON_CONSUMER", "2026-10-08 10:00:00", "AGREE");
  c1 = world_call (w, "C1", w->cici, "BANDUNG", "CT0_PRANPC", "2026-10-05 10:00:00", "AGREE");
  d1 = world_call (w, "D1", w->dodi, "MEDAN", "ADDON_CONSUMER", "2026-10-01 11:00:00", "AGREE");

  /* A1: returned, re-called 2 days later, VALID. */
  tap (f, w->qco_b, a1, consent, "Ask for an explicit yes", "2026-10-05 08:00:00");
  recall (f, w->tl_b, a1, "Customer agreed, recorded again", "2026-10-07 08:00:00");
  tap (f, w->qco_b2, a1, NULL, NULL, "2026-10-08 09:00:00");
  /* A2: returned, no re-call. */
  tap (f, w->qco_b, a2, consent, "Ask for an explicit yes", "2026-10-06 10:00:00");
  /* A3: a RETURN undone, then VALID: no row. */
  undone = tap (f, w->qco_b, a3, consent, "Ask for an explicit yes", "2026-10-05 09:00:00");
  g_assert_true (tam_tapping_undo (w->store, w->qco_b, undone, &error));
  g_assert_no_error (error);
  tap (f, w->qco_b, a3, NULL, NULL, "2026-10-05 09:05:00");
  /* S1: returned in September, re-called in October: September's row. */
  tap (f, w->qco_b, s1, consent, "Ask for an explicit yes", "2026-09-28 10:00:00");
  recall (f, w->tl_b, s1, NULL, "2026-10-01 10:00:00");
  /* B1: returned, re-called 1.5 days later, returned again, waiting. */
  tap (f, w->qco_b, b1, data_consent, "Confirm consent and re-enter the order", "2026-10-02 08:00:00");
  recall (f, w->tl_b, b1, "re-called", "2026-10-03 20:00:00");
  tap (f, w->qco_b2, b1, consent, "Consent still not explicit", "2026-10-04 09:00:00");
  /* B2: returned, re-called a day later, not tapped yet. */
  tap (f, w->qco_b, b2, consent, "Ask for an explicit yes", "2026-10-09 08:00:00");
  recall (f, w->tl_b, b2, NULL, "2026-10-10 08:00:00");
  /* C1 (team Euis): returned, waiting. */
  tap (f, w->qco_b2, c1, commitment, "Ask for the commitment", "2026-10-07 13:00:00");
  /* D1 (Medan): returned, re-called half a day later, VALID. */
  tap (f, w->qco_m, d1, consent, "Ask for an explicit yes", "2026-10-05 08:03:00");
  recall (f, w->tl_m, d1, NULL, "2026-10-05 20:03:00");
  tap (f, w->qco_m, d1, NULL, NULL, "2026-10-06 08:00:00");
}

static void
fixture_teardown (Fixture *f,
                  gconstpointer data)
{
  world_teardown (&f->w);
}

typedef struct
{
  const char *call_id, *agent_nik, *tl_nik, *site, *qco_nik, *returned_at;
  int attempt;
  const char *failed, *recalled_at, *recalled_by, *next_verdict, *next_at;
  TamW03Status status;
  double days;
  const char *csv;
} Expected;

/* The month by hand, in report order: site, team leader, agent, time. */
static const Expected expected_all[] = {
  { "A1", "10000001", "TLB001", "BANDUNG", "QCB001", "2026-10-05 08:00:00", 1, "Explicit customer consent (says yes / setuju)",
    "2026-10-07 08:00:00", "TLB001", "VALID", "2026-10-08 09:00:00", TAM_W03_VALID_AFTER, 2.0,
    "A1,2026-10-01 09:00:00,10000001,Ani Suryani,TLB001,Asep Sunarya,BANDUNG,ADDON_CONSUMER,"
    "QCB001,Rudi Hartono,2026-10-05 08:00:00,1,Explicit customer consent (says yes / setuju),Ask for an explicit yes,2026-10-07 08:00:00,"
    "TLB001,\"Customer agreed, recorded again\",VALID,2026-10-08 09:00:00,VALID_AFTER_RECALL,2.0" },
  { "A2", "10000001", "TLB001", "BANDUNG", "QCB001", "2026-10-06 10:00:00", 1, "Explicit customer consent (says yes / setuju)",
    NULL, NULL, NULL, NULL, TAM_W03_WAITING_RECALL, -1,
    "A2,2026-10-02 09:00:00,10000001,Ani Suryani,TLB001,Asep Sunarya,BANDUNG,ADDON_CONSUMER,"
    "QCB001,Rudi Hartono,2026-10-06 10:00:00,1,Explicit customer consent (says yes / setuju),Ask for an explicit yes,,,,,,WAITING_RECALL," },
  { "B1", "10000002", "TLB001", "BANDUNG", "QCB001", "2026-10-02 08:00:00", 1, "Explicit customer consent (says yes / setuju); Order data captured correctly in MyCX",
    "2026-10-03 20:00:00", "TLB001", "RETURN", "2026-10-04 09:00:00", TAM_W03_RETURNED_AGAIN, 1.5,
    "B1,2026-10-01 10:00:00,10000002,Budi Santoso,TLB001,Asep Sunarya,BANDUNG,ADDON_CONSUMER,"
    "QCB001,Rudi Hartono,2026-10-02 08:00:00,1,Explicit customer consent (says yes / setuju); Order data captured correctly in MyCX,Confirm consent and re-enter the order,"
    "2026-10-03 20:00:00,TLB001,re-called,RETURN,2026-10-04 09:00:00,RETURNED_AGAIN,1.5" },
  { "B1", "10000002", "TLB001", "BANDUNG", "QCB002", "2026-10-04 09:00:00", 2, "Explicit customer consent (says yes / setuju)",
    NULL, NULL, NULL, NULL, TAM_W03_WAITING_RECALL, -1, NULL },
  { "B2", "10000002", "TLB001", "BANDUNG", "QCB001", "2026-10-09 08:00:00", 1, "Explicit customer consent (says yes / setuju)",
    "2026-10-10 08:00:00", "TLB001", NULL, NULL, TAM_W03_WAITING_TAPPING, 1.0, NULL },
  { "C1", "10000003", "TLB002", "BANDUNG", "QCB002", "2026-10-07 13:00:00", 1, "Explicit commitment to pay / stay subscribed",
    NULL, NULL, NULL, NULL, TAM_W03_WAITING_RECALL, -1, NULL },
  { "D1", "20000001", "TLM001", "MEDAN", "QCM001", "2026-10-05 08:03:00", 1, "Explicit customer consent (says yes / setuju)",
    "2026-10-05 20:03:00", "TLM001", "VALID", "2026-10-06 08:00:00", TAM_W03_VALID_AFTER, 0.5, NULL },
};

typedef struct
{
  const char *site, *tl_nik;
  gint64 returns, recalled, waiting, valid_after, returned_again;
  double avg_days;
  const char *csv;
} ExpectedTeam;

static const ExpectedTeam expected_teams[] = {
  { "BANDUNG", "TLB001", 5, 3, 2, 1, 1, 1.5, "TEAM,BANDUNG,TLB001,Asep Sunarya,5,3,2,1,1,1.5" },
  { "BANDUNG", "TLB002", 1, 0, 1, 0, 0, 0.0, "TEAM,BANDUNG,TLB002,Euis Rahmawati,1,0,1,0,0,0.0" },
  { "MEDAN", "TLM001", 1, 1, 0, 1, 0, 0.5, "TEAM,MEDAN,TLM001,Togar Siregar,1,1,0,1,0,0.5" },
  { NULL, NULL, 7, 4, 3, 2, 1, 1.25, NULL },
};

static void
check_rows (GPtrArray *rows,
            const Expected *expected,
            guint n)
{
  g_assert_cmpuint (rows->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      TamW03Row *r = rows->pdata[i];
      const Expected *e = &expected[i];

      g_test_message ("row %u: %s %s", i, r->call_id, r->returned_at);
      g_assert_cmpstr (r->call_id, ==, e->call_id);
      g_assert_cmpstr (r->agent_nik, ==, e->agent_nik);
      g_assert_cmpstr (r->team_leader_nik, ==, e->tl_nik);
      g_assert_cmpstr (r->site, ==, e->site);
      g_assert_cmpstr (r->qco_nik, ==, e->qco_nik);
      g_assert_cmpstr (r->returned_at, ==, e->returned_at);
      g_assert_cmpint (r->attempt, ==, e->attempt);
      g_assert_cmpstr (r->failed_codes, ==, e->failed);
      g_assert_cmpstr (r->recalled_at, ==, e->recalled_at);
      g_assert_cmpstr (r->recalled_by_nik, ==, e->recalled_by);
      g_assert_cmpstr (r->next_verdict, ==, e->next_verdict);
      g_assert_cmpstr (r->next_verdict_at, ==, e->next_at);
      g_assert_cmpint (r->status, ==, e->status);
      g_assert_cmpfloat_with_epsilon (r->days_to_recall, e->days, 1e-6);
    }
}

static void
check_teams (GPtrArray *teams,
             const ExpectedTeam *expected,
             guint n)
{
  g_assert_cmpuint (teams->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      TamW03Team *t = teams->pdata[i];
      const ExpectedTeam *e = &expected[i];

      g_assert_true (t->is_total == (i == n - 1));
      g_assert_cmpstr (t->site, ==, e->site);
      g_assert_cmpstr (t->team_leader_nik, ==, e->tl_nik);
      g_assert_cmpint (t->returns, ==, e->returns);
      g_assert_cmpint (t->recalled, ==, e->recalled);
      g_assert_cmpint (t->waiting_recall, ==, e->waiting);
      g_assert_cmpint (t->valid_after, ==, e->valid_after);
      g_assert_cmpint (t->returned_again, ==, e->returned_again);
      g_assert_cmpfloat_with_epsilon (t->avg_days, e->avg_days, 1e-6);
    }
}

static void
test_rows (Fixture *f,
           gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) teams = NULL;

  g_assert_true (tam_w03_compute (f->w.store, f->w.spvq, "2026-10", &rows, &teams, &error));
  g_assert_no_error (error);
  check_rows (rows, expected_all, G_N_ELEMENTS (expected_all));
  check_teams (teams, expected_teams, G_N_ELEMENTS (expected_teams));
  {
    TamW03Row *a1 = rows->pdata[0];
    TamW03Row *b1 = rows->pdata[2];
    g_assert_cmpstr (a1->call_start, ==, "2026-10-01 09:00:00");
    g_assert_cmpstr (a1->agent_name, ==, "Ani Suryani");
    g_assert_cmpstr (a1->team_leader_name, ==, "Asep Sunarya");
    g_assert_cmpstr (a1->service, ==, "ADDON_CONSUMER");
    g_assert_cmpstr (a1->qco_name, ==, "Rudi Hartono");
    g_assert_cmpstr (a1->recommendation, ==, "Ask for an explicit yes");
    g_assert_cmpstr (a1->recall_note, ==, "Customer agreed, recorded again");
    g_assert_cmpstr (b1->recall_note, ==, "re-called");
  }
  g_assert_cmpstr (tam_w03_status_label (TAM_W03_WAITING_RECALL), ==, "Waiting for re-call");
  g_assert_cmpstr (tam_w03_status_label (TAM_W03_WAITING_TAPPING), ==, "Re-called, waiting for tapping");
  g_assert_cmpstr (tam_w03_status_label (TAM_W03_VALID_AFTER), ==, "Valid after re-call");
  g_assert_cmpstr (tam_w03_status_label (TAM_W03_RETURNED_AGAIN), ==, "Returned again");

  /* September: S1, re-called in October, 3 days later. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&teams, g_ptr_array_unref);
  g_assert_true (tam_w03_compute (f->w.store, f->w.spvq, "2026-09", &rows, &teams, &error));
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((TamW03Row *) rows->pdata[0])->call_id, ==, "S1");
  g_assert_cmpint (((TamW03Row *) rows->pdata[0])->status, ==, TAM_W03_WAITING_TAPPING);
  g_assert_cmpfloat_with_epsilon (((TamW03Row *) rows->pdata[0])->days_to_recall, 3.0, 1e-6);
  g_assert_cmpuint (teams->len, ==, 2);

  /* An empty month: just the (zero) total. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&teams, g_ptr_array_unref);
  g_assert_true (tam_w03_compute (f->w.store, f->w.spvq, "2025-01", &rows, &teams, &error));
  g_assert_cmpuint (rows->len, ==, 0);
  g_assert_cmpuint (teams->len, ==, 1);
  g_assert_cmpint (((TamW03Team *) teams->pdata[0])->returns, ==, 0);
  g_assert_cmpfloat (((TamW03Team *) teams->pdata[0])->avg_days, ==, 0.0);
}

static void
test_scope (Fixture *f,
            gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) teams = NULL;
  static const ExpectedTeam team_b[] = {
    { "BANDUNG", "TLB001", 5, 3, 2, 1, 1, 1.5, NULL },
    { NULL, NULL, 5, 3, 2, 1, 1, 1.5, NULL },
  };

  /* A TL sees their team only. */
  g_assert_true (tam_w03_compute (f->w.store, f->w.tl_b, "2026-10", &rows, &teams, &error));
  g_assert_no_error (error);
  check_rows (rows, expected_all, 5);
  check_teams (teams, team_b, G_N_ELEMENTS (team_b));
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&teams, g_ptr_array_unref);

  /* A QCO their site. */
  g_assert_true (tam_w03_compute (f->w.store, f->w.qco_b, "2026-10", &rows, &teams, &error));
  check_rows (rows, expected_all, 6);
  g_assert_cmpuint (teams->len, ==, 3);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&teams, g_ptr_array_unref);
  g_assert_true (tam_w03_compute (f->w.store, f->w.qco_m, "2026-10", &rows, &teams, &error));
  check_rows (rows, expected_all + 6, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&teams, g_ptr_array_unref);

  /* Not for everyone; not for any month. */
  g_assert_false (tam_w03_compute (f->w.store, f->w.trainer, "2026-10", &rows, &teams, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (tam_w03_compute (f->w.store, f->w.agent, "2026-10", &rows, &teams, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (tam_w03_write (f->w.store, f->w.agent, "2026-10", "w03.csv", NULL, NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (tam_w03_compute (f->w.store, f->w.spvq, "2026-13", &rows, &teams, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (rows);
  g_assert_null (teams);
}

static void
test_xlsx (Fixture *f,
           gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->w.dir, "W-03 2026-10.xlsx", NULL);
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  g_autoptr (TamXlsxReader) r = NULL;
  guint i;

  g_assert_true (tam_w03_write (f->w.store, f->w.spvq, "2026-10", path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));

  r = tam_xlsx_reader_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tam_xlsx_reader_next (r, &error), ==, 1);
  g_assert_nonnull (strstr (tam_xlsx_reader_field (r, 0), "2026-10"));
  g_assert_cmpint (tam_xlsx_reader_next (r, &error), ==, 1);
  g_assert_cmpstr (tam_xlsx_reader_field (r, 0), ==, "Call ID");
  g_assert_cmpstr (tam_xlsx_reader_field (r, 19), ==, "Follow-up");
  g_assert_cmpstr (tam_xlsx_reader_field (r, 20), ==, "Days to re-call");
  for (i = 0; tam_xlsx_reader_next (r, &error) == 1; i++)
    {
      const Expected *e = &expected_all[i];

      g_assert_cmpuint (i, <, G_N_ELEMENTS (expected_all));
      g_assert_cmpstr (tam_xlsx_reader_field (r, 0), ==, e->call_id);
      g_assert_cmpstr (tam_xlsx_reader_field (r, 2), ==, e->agent_nik);
      g_assert_cmpstr (tam_xlsx_reader_field (r, 10), ==, e->returned_at);
      g_assert_cmpfloat (world_number (tam_xlsx_reader_field (r, 11)), ==, e->attempt);
      g_assert_cmpstr (tam_xlsx_reader_field (r, 12), ==, e->failed);
      g_assert_cmpstr (tam_xlsx_reader_field (r, 14), ==, e->recalled_at ? e->recalled_at : "");
      g_assert_cmpstr (tam_xlsx_reader_field (r, 17), ==, e->next_verdict ? e->next_verdict : "");
      g_assert_cmpstr (tam_xlsx_reader_field (r, 19), ==, tam_w03_status_label (e->status));
      if (e->days < 0)
        g_assert_cmpstr (tam_xlsx_reader_field (r, 20), ==, "");
      else
        g_assert_cmpfloat_with_epsilon (world_number (tam_xlsx_reader_field (r, 20)), e->days, 1e-6);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (expected_all));
  g_clear_pointer (&r, tam_xlsx_reader_free);

  /* The second sheet: team leaders. */
  r = tam_xlsx_reader_open_sheet (path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tam_xlsx_reader_next (r, &error), ==, 1);
  g_assert_cmpint (tam_xlsx_reader_next (r, &error), ==, 1);
  g_assert_cmpstr (tam_xlsx_reader_field (r, 3), ==, "Returns");
  for (i = 0; tam_xlsx_reader_next (r, &error) == 1; i++)
    {
      const ExpectedTeam *e = &expected_teams[i];

      g_assert_cmpuint (i, <, G_N_ELEMENTS (expected_teams));
      g_assert_cmpstr (tam_xlsx_reader_field (r, 0), ==, e->site ? e->site : "Total");
      g_assert_cmpstr (tam_xlsx_reader_field (r, 1), ==, e->tl_nik ? e->tl_nik : "");
      g_assert_cmpfloat (world_number (tam_xlsx_reader_field (r, 3)), ==, e->returns);
      g_assert_cmpfloat (world_number (tam_xlsx_reader_field (r, 4)), ==, e->recalled);
      g_assert_cmpfloat (world_number (tam_xlsx_reader_field (r, 5)), ==, e->waiting);
      g_assert_cmpfloat (world_number (tam_xlsx_reader_field (r, 6)), ==, e->valid_after);
      g_assert_cmpfloat (world_number (tam_xlsx_reader_field (r, 7)), ==, e->returned_again);
      g_assert_cmpfloat_with_epsilon (world_number (tam_xlsx_reader_field (r, 8)), e->avg_days, 1e-6);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (expected_teams));
}

static void
test_csv (Fixture *f,
          gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->w.dir, "w03.csv", NULL);
  g_autofree char *tpath = tam_report_second_csv_path (tam_report_find ("w03"), path);
  g_autofree char *text = NULL;
  g_autofree char *ttext = NULL;
  g_auto (GStrv) lines = NULL;
  g_auto (GStrv) tlines = NULL;

  g_assert_true (g_str_has_suffix (tpath, "w03-tl.csv"));
  g_assert_true (tam_w03_write (f->w.store, f->w.spvq, "2026-10", path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_file_get_contents (tpath, &ttext, NULL, NULL));
  lines = g_strsplit (text, "\r\n", -1);
  tlines = g_strsplit (ttext, "\r\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 1 + G_N_ELEMENTS (expected_all) + 1);
  g_assert_cmpstr (lines[0], ==, "call_id,call_start,agent_nik,agent,team_leader_nik,team_leader,site,service,"
                                 "qco_nik,qco,returned_at,attempt,failed_parameters,recommendation,"
                                 "recalled_at,recalled_by_nik,recall_note,next_verdict,next_verdict_at,"
                                 "status,days_to_recall");
  for (guint i = 0; i < G_N_ELEMENTS (expected_all); i++)
    if (expected_all[i].csv != NULL)
      g_assert_cmpstr (lines[i + 1], ==, expected_all[i].csv);

  g_assert_cmpuint (g_strv_length (tlines), ==, 1 + G_N_ELEMENTS (expected_teams) + 1);
  for (guint i = 0; i + 1 < G_N_ELEMENTS (expected_teams); i++)
    g_assert_cmpstr (tlines[i + 1], ==, expected_teams[i].csv);
  g_assert_cmpstr (tlines[4], ==, "TOTAL,,,,7,4,3,2,1,1.2");

  g_assert_false (tam_w03_write (f->w.store, f->w.spvq, "2026-10", "report.pdf", NULL, NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
}

static void
test_progress_cancel (Fixture *f,
                      gconstpointer data)
{
  world_check_report_progress_cancel (&f->w, tam_w03_write, "2026-10");
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/w03/rows", Fixture, NULL, fixture_setup, test_rows, fixture_teardown);
  g_test_add ("/w03/scope", Fixture, NULL, fixture_setup, test_scope, fixture_teardown);
  g_test_add ("/w03/xlsx", Fixture, NULL, fixture_setup, test_xlsx, fixture_teardown);
  g_test_add ("/w03/csv", Fixture, NULL, fixture_setup, test_csv, fixture_teardown);
  g_test_add ("/w03/progress-cancel", Fixture, NULL, fixture_setup, test_progress_cancel, fixture_teardown);

  return g_test_run ();
}
