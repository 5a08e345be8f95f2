/* F-18 against a hand-computed month: 4 agents in 2 sites and 3 teams,
 * 14 AGREE calls with known verdicts (re-calls, an undone verdict, a call
 * and a tapping of the month before), 3 QCOs. Every number is asserted, in
 * the computed rows, in the .xlsx (read back with our own reader) and in
 * the .csv. */
#include "config.h"

#include <math.h>

#include "tam-f18.h"
#include "tam-tapping.h"
#include "tam-xlsx-reader.h"
#include "tapping-world.h"

typedef struct
{
  World w;
} Fixture;

static const char *const consent[] = { "CONSENT", NULL };

/* A verdict, then its time moved to @at (the month under test). */
static gint64
tap (Fixture *f,
     TamSession *qco,
     gint64 call,
     const char *verdict,
     const char *at)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt;
  gint64 tid = 0;
  gboolean valid = g_strcmp0 (verdict, "VALID") == 0;

  g_assert_true (tam_call_decide (f->w.store, qco, call, verdict, valid ? NULL : consent,
                                  valid ? NULL : "Ask for an explicit yes", &tid, &error));
  g_assert_no_error (error);
  stmt = tam_store_prepare (f->w.store, "UPDATE tappings SET tapped_at = ? WHERE id = ?", NULL);
  sqlite3_bind_text (stmt, 1, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, tid);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
  return tid;
}

static void
recall (Fixture *f,
        TamSession *tl,
        gint64 call)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (tam_call_recall (f->w.store, tl, call, "vr/recall.wav", NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture *f,
               gconstpointer data)
{
  World *w = &f->w;
  g_autoptr (GError) error = NULL;
  gint64 a1, a2, a3, a4, s1, b1, b2, c1, d1, d2, d3, d4, d5, undone;

  world_setup (w, "f18", FALSE);

  /* Ani (team Asep, Bandung): 5 AGREE + 1 DECLINE in October. */
  a1 = world_call (w, "A1", w->ani, "BANDUNG", "ADDON_CONSUMER", "2026-10-01 09:00:00", "AGREE");
  a2 = world_call (w, "A2", w->ani, "BANDUNG", "ADDON_CONSUMER", "2026-10-02 09:00:00", "AGREE");
  a3 = world_call (w, "A3", w->ani, "BANDUNG", "ADDON_CONSUMER", "2026-10-03 09:00:00", "AGREE");
  a4 = world_call (w, "A4", w->ani, "BANDUNG", "ADDON_CONSUMER", "2026-10-04 09:00:00", "AGREE");
  world_call (w, "A5", w->ani, "BANDUNG", "ADDON_CONSUMER", "2026-10-31 16:59:59", "AGREE");
  world_call (w, "A6", w->ani, "BANDUNG", "ADDON_CONSUMER", "2026-10-04 10:00:00", "DECLINE");
  /* ...and one in September, tapped in September: in neither sheet. */
  s1 = world_call (w, "S1", w->ani, "BANDUNG", "ADDON_CONSUMER", "2026-09-30 16:00:00", "AGREE");
  /* Budi (team Asep): 3 AGREE. */
  b1 = world_call (w, "B1", w->budi, "BANDUNG", "ADDON_CONSUMER", "2026-10-01 10:00:00", "AGREE");
  b2 = world_call (w, "B2", w->budi, "BANDUNG", "ADDON_CONSUMER", "2026-10-02 10:00:00", "AGREE");
  world_call (w, "B3", w->budi, "BANDUNG", "ADDON_CONSUMER", "2026-10-03 10:00:00", "AGREE");
  /* Cici (team Euis, Bandung, CT-0): 1 AGREE. */
  c1 = world_call (w, "C1", w->cici, "BANDUNG", "CT0_PRANPC", "2026-10-05 10:00:00", "AGREE");
  /* Dodi (team Togar, Medan): 5 AGREE. */
  d1 = world_call (w, "D1", w->dodi, "MEDAN", "ADDON_CONSUMER", "2026-10-01 11:00:00", "AGREE");
  d2 = world_call (w, "D2", w->dodi, "MEDAN", "ADDON_CONSUMER", "2026-10-01 11:10:00", "AGREE");
  d3 = world_call (w, "D3", w->dodi, "MEDAN", "ADDON_CONSUMER", "2026-10-01 11:20:00", "AGREE");
  d4 = world_call (w, "D4", w->dodi, "MEDAN", "ADDON_CONSUMER", "2026-10-01 11:30:00", "AGREE");
  d5 = world_call (w, "D5", w->dodi, "MEDAN", "ADDON_CONSUMER", "2026-10-01 11:40:00", "AGREE");
  /* Sheet 1 sums call_agent_days: counted before the verdicts, they move
   * with each one; else they are counted at the first report. */
  if (GPOINTER_TO_INT (data))
    {
      g_assert_true (tam_queue_counts_update (w->store, &error));
      g_assert_no_error (error);
    }

  tap (f, w->qco_b, s1, "VALID", "2026-09-30 17:00:00");
  tap (f, w->qco_b, a1, "VALID", "2026-10-05 08:00:00");
  tap (f, w->qco_b, a2, "VALID", "2026-10-05 08:05:00");
  tap (f, w->qco_b, a3, "RETURN", "2026-10-05 08:10:00");
  recall (f, w->tl_b, a3);
  tap (f, w->qco_b2, a3, "VALID", "2026-10-08 09:00:00");
  tap (f, w->qco_b, a4, "RETURN", "2026-10-06 08:00:00");
  tap (f, w->qco_b, b1, "VALID", "2026-10-06 08:05:00");
  tap (f, w->qco_b, b2, "RETURN", "2026-10-07 08:00:00");
  recall (f, w->tl_b, b2);
  tap (f, w->qco_b2, c1, "VALID", "2026-10-07 13:00:00");
  tap (f, w->qco_m, d1, "VALID", "2026-10-05 08:00:00");
  tap (f, w->qco_m, d2, "VALID", "2026-10-05 08:01:00");
  tap (f, w->qco_m, d3, "VALID", "2026-10-05 08:02:00");
  tap (f, w->qco_m, d4, "RETURN", "2026-10-05 08:03:00");
  undone = tap (f, w->qco_m, d5, "RETURN", "2026-10-05 08:04:00");
  g_assert_true (tam_tapping_undo (w->store, w->qco_m, undone, &error));
  g_assert_no_error (error);
  tap (f, w->qco_m, d5, "VALID", "2026-10-05 08:05:00");
}

static void
fixture_teardown (Fixture *f,
                  gconstpointer data)
{
  world_teardown (&f->w);
}

typedef struct
{
  TamF18RowKind kind;
  const char *site, *tl, *nik;
  gint64 total, valid, returned, pending, first;
} Expected;

/* The month by hand. */
static const Expected expected_all[] = {
  { TAM_F18_AGENT, "BANDUNG", "Asep Sunarya", "10000001", 5, 3, 1, 1, 2 },
  { TAM_F18_AGENT, "BANDUNG", "Asep Sunarya", "10000002", 3, 1, 1, 1, 1 },
  { TAM_F18_TEAM, "BANDUNG", "Asep Sunarya", NULL, 8, 4, 2, 2, 3 },
  { TAM_F18_AGENT, "BANDUNG", "Euis Rahmawati", "10000003", 1, 1, 0, 0, 1 },
  { TAM_F18_TEAM, "BANDUNG", "Euis Rahmawati", NULL, 1, 1, 0, 0, 1 },
  { TAM_F18_SITE, "BANDUNG", NULL, NULL, 9, 5, 2, 2, 4 },
  { TAM_F18_AGENT, "MEDAN", "Togar Siregar", "20000001", 5, 4, 1, 0, 4 },
  { TAM_F18_TEAM, "MEDAN", "Togar Siregar", NULL, 5, 4, 1, 0, 4 },
  { TAM_F18_SITE, "MEDAN", NULL, NULL, 5, 4, 1, 0, 4 },
  { TAM_F18_TOTAL, NULL, NULL, NULL, 14, 9, 3, 2, 8 },
};

typedef struct
{
  const char *nik;
  gint64 calls, valid, returned, tappings, days;
  double per_day;
} ExpectedQco;

static const ExpectedQco expected_qcos[] = {
  { "QCB002", 2, 2, 0, 2, 2, 1.0 }, /* Lina Marlina */
  { "QCB001", 6, 3, 3, 6, 3, 2.0 }, /* Rudi Hartono */
  { "QCM001", 5, 4, 1, 5, 1, 5.0 }, /* Butet: the undone verdict left out */
  { NULL, 12, 9, 4, 13, 4, 3.25 },  /* A3 was tapped by two QCOs: 12 calls */
};

static void
check_rows (GPtrArray *rows,
            const Expected *expected,
            guint n)
{
  g_assert_cmpuint (rows->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      TamF18Row *r = rows->pdata[i];
      const Expected *e = &expected[i];

      g_test_message ("row %u: %d %s %s %s", i, r->kind, r->site, r->team_leader_name, r->agent_nik);
      g_assert_cmpint (r->kind, ==, e->kind);
      g_assert_cmpstr (r->site, ==, e->site);
      g_assert_cmpstr (r->team_leader_name, ==, e->tl);
      g_assert_cmpstr (r->agent_nik, ==, e->nik);
      g_assert_cmpint (r->total, ==, e->total);
      g_assert_cmpint (r->valid, ==, e->valid);
      g_assert_cmpint (r->returned, ==, e->returned);
      g_assert_cmpint (r->pending, ==, e->pending);
      g_assert_cmpint (r->first_pass_valid, ==, e->first);
      g_assert_cmpint (r->valid + r->returned + r->pending, ==, r->total);
      g_assert_cmpfloat_with_epsilon (r->qvs, (double) e->valid / e->total, 1e-12);
      g_assert_cmpfloat_with_epsilon (r->first_pass, (double) e->first / e->total, 1e-12);
    }
}

static void
test_numbers (Fixture *f,
              gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) qcos = NULL;

  g_assert_true (tam_f18_compute (f->w.store, f->w.spvq, "2026-10", &rows, &qcos, &error));
  g_assert_no_error (error);
  check_rows (rows, expected_all, G_N_ELEMENTS (expected_all));
  {
    TamF18Row *ani = rows->pdata[0];
    g_assert_cmpstr (ani->agent_name, ==, "Ani Suryani");
    g_assert_cmpstr (ani->service, ==, "ADDON_CONSUMER");
    g_assert_cmpstr (ani->team_leader_nik, ==, "TLB001");
    g_assert_cmpfloat_with_epsilon (ani->qvs, 0.6, 1e-12);
    g_assert_cmpfloat_with_epsilon (ani->first_pass, 0.4, 1e-12);
  }

  g_assert_cmpuint (qcos->len, ==, G_N_ELEMENTS (expected_qcos));
  for (guint i = 0; i < qcos->len; i++)
    {
      TamF18Qco *q = qcos->pdata[i];
      const ExpectedQco *e = &expected_qcos[i];

      g_assert_cmpstr (q->nik, ==, e->nik);
      g_assert_true (q->is_total == (e->nik == NULL));
      g_assert_cmpint (q->calls, ==, e->calls);
      g_assert_cmpint (q->valid, ==, e->valid);
      g_assert_cmpint (q->returned, ==, e->returned);
      g_assert_cmpint (q->tappings, ==, e->tappings);
      g_assert_cmpint (q->days, ==, e->days);
      g_assert_cmpfloat_with_epsilon (q->per_day, e->per_day, 1e-12);
    }

  /* September: only S1. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&qcos, g_ptr_array_unref);
  g_assert_true (tam_f18_compute (f->w.store, f->w.spvq, "2026-09", &rows, &qcos, &error));
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpint (((TamF18Row *) rows->pdata[3])->total, ==, 1);
  g_assert_cmpint (((TamF18Row *) rows->pdata[3])->valid, ==, 1);
  g_assert_cmpuint (qcos->len, ==, 2);
  g_assert_cmpint (((TamF18Qco *) qcos->pdata[1])->tappings, ==, 1);

  /* An empty month: just the (zero) total rows. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&qcos, g_ptr_array_unref);
  g_assert_true (tam_f18_compute (f->w.store, f->w.spvq, "2025-01", &rows, &qcos, &error));
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (((TamF18Row *) rows->pdata[0])->total, ==, 0);
  g_assert_cmpfloat (((TamF18Row *) rows->pdata[0])->qvs, ==, 0.0);
  g_assert_cmpuint (qcos->len, ==, 1);
  g_assert_cmpfloat (((TamF18Qco *) qcos->pdata[0])->per_day, ==, 0.0);
  world_check_state_days (&f->w);
}

/* Inside someone's transaction, with calls not counted yet, sheet 1 is
 * computed from the calls: the same numbers. */
static void
test_in_transaction (Fixture *f,
                     gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) qcos = NULL;

  g_assert_true (tam_store_exec (f->w.store, "BEGIN", &error));
  world_call (&f->w, "N1", f->w.ani, "BANDUNG", "ADDON_CONSUMER", "2026-11-02 09:00:00", "AGREE");
  g_assert_true (tam_f18_compute (f->w.store, f->w.spvq, "2026-10", &rows, &qcos, &error));
  g_assert_no_error (error);
  check_rows (rows, expected_all, G_N_ELEMENTS (expected_all));
  g_assert_true (tam_store_exec (f->w.store, "ROLLBACK", &error));
  g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM call_agent_days WHERE day >= '2026-11' AND ? > 0", 1),
                   ==, 0);
}

static void
test_scope (Fixture *f,
            gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) qcos = NULL;
  static const Expected bandung[] = {
    { TAM_F18_AGENT, "BANDUNG", "Asep Sunarya", "10000001", 5, 3, 1, 1, 2 },
    { TAM_F18_AGENT, "BANDUNG", "Asep Sunarya", "10000002", 3, 1, 1, 1, 1 },
    { TAM_F18_TEAM, "BANDUNG", "Asep Sunarya", NULL, 8, 4, 2, 2, 3 },
    { TAM_F18_AGENT, "BANDUNG", "Euis Rahmawati", "10000003", 1, 1, 0, 0, 1 },
    { TAM_F18_TEAM, "BANDUNG", "Euis Rahmawati", NULL, 1, 1, 0, 0, 1 },
    { TAM_F18_SITE, "BANDUNG", NULL, NULL, 9, 5, 2, 2, 4 },
    { TAM_F18_TOTAL, NULL, NULL, NULL, 9, 5, 2, 2, 4 },
  };
  static const Expected team[] = {
    { TAM_F18_AGENT, "BANDUNG", "Asep Sunarya", "10000001", 5, 3, 1, 1, 2 },
    { TAM_F18_AGENT, "BANDUNG", "Asep Sunarya", "10000002", 3, 1, 1, 1, 1 },
    { TAM_F18_TEAM, "BANDUNG", "Asep Sunarya", NULL, 8, 4, 2, 2, 3 },
    { TAM_F18_SITE, "BANDUNG", NULL, NULL, 8, 4, 2, 2, 3 },
    { TAM_F18_TOTAL, NULL, NULL, NULL, 8, 4, 2, 2, 3 },
  };

  /* A QCO sees their site; a TL their team. */
  g_assert_true (tam_f18_compute (f->w.store, f->w.qco_b, "2026-10", &rows, &qcos, &error));
  g_assert_no_error (error);
  check_rows (rows, bandung, G_N_ELEMENTS (bandung));
  g_assert_cmpuint (qcos->len, ==, 3);
  g_assert_cmpint (((TamF18Qco *) qcos->pdata[2])->calls, ==, 7);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&qcos, g_ptr_array_unref);

  g_assert_true (tam_f18_compute (f->w.store, f->w.tl_b, "2026-10", &rows, &qcos, &error));
  check_rows (rows, team, G_N_ELEMENTS (team));
  g_assert_cmpuint (qcos->len, ==, 3);
  g_assert_cmpint (((TamF18Qco *) qcos->pdata[0])->tappings, ==, 1); /* Lina: A3 */
  g_assert_cmpint (((TamF18Qco *) qcos->pdata[1])->tappings, ==, 6); /* Rudi */
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&qcos, g_ptr_array_unref);

  /* Not for everyone; not for any month. */
  g_assert_false (tam_f18_compute (f->w.store, f->w.trainer, "2026-10", &rows, &qcos, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (tam_f18_compute (f->w.store, f->w.agent, "2026-10", &rows, &qcos, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  for (const char *const *m = (const char *const[]){ "2026-13", "2026-1", "oktober", "", NULL }; *m; m++)
    {
      g_assert_false (tam_f18_compute (f->w.store, f->w.spvq, *m, &rows, &qcos, &error));
      g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_null (rows);
  g_assert_null (qcos);
}

static const char *
level_label (TamF18RowKind kind)
{
  static const char *const labels[] = { "Agent", "Team subtotal", "Site subtotal", "Total" };
  return labels[kind];
}

static void
test_xlsx (Fixture *f,
           gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->w.dir, "F-18 2026-10.xlsx", NULL);
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  g_autoptr (TamXlsxReader) r = NULL;
  guint i = 0;

  g_assert_true (tam_f18_write (f->w.store, f->w.spvq, "2026-10", path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));

  r = tam_xlsx_reader_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tam_xlsx_reader_next (r, &error), ==, 1);
  g_assert_nonnull (strstr (tam_xlsx_reader_field (r, 0), "2026-10"));
  g_assert_cmpint (tam_xlsx_reader_next (r, &error), ==, 1);
  g_assert_cmpstr (tam_xlsx_reader_field (r, 3), ==, "NIK");
  g_assert_cmpstr (tam_xlsx_reader_field (r, 10), ==, "QVS %");
  while (tam_xlsx_reader_next (r, &error) == 1)
    {
      const Expected *e = &expected_all[i++];

      g_assert_cmpuint (i, <=, G_N_ELEMENTS (expected_all));
      g_assert_cmpstr (tam_xlsx_reader_field (r, 0), ==, level_label (e->kind));
      g_assert_cmpstr (tam_xlsx_reader_field (r, 1), ==, e->site ? e->site : "");
      g_assert_cmpstr (tam_xlsx_reader_field (r, 3), ==, e->nik ? e->nik : "");
      /* Real number cells, the values themselves. */
      g_assert_cmpfloat (world_number (tam_xlsx_reader_field (r, 6)), ==, e->total);
      g_assert_cmpfloat (world_number (tam_xlsx_reader_field (r, 7)), ==, e->valid);
      g_assert_cmpfloat (world_number (tam_xlsx_reader_field (r, 8)), ==, e->returned);
      g_assert_cmpfloat (world_number (tam_xlsx_reader_field (r, 9)), ==, e->pending);
      g_assert_cmpfloat_with_epsilon (world_number (tam_xlsx_reader_field (r, 10)),
                                      (double) e->valid / e->total, 1e-12);
      g_assert_cmpfloat (world_number (tam_xlsx_reader_field (r, 11)), ==, e->first);
      g_assert_cmpfloat_with_epsilon (world_number (tam_xlsx_reader_field (r, 12)),
                                      (double) e->first / e->total, 1e-12);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (expected_all));
  g_clear_pointer (&r, tam_xlsx_reader_free);

  /* The second sheet: QCOs. */
  r = tam_xlsx_reader_open_sheet (path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tam_xlsx_reader_next (r, &error), ==, 1);
  g_assert_cmpint (tam_xlsx_reader_next (r, &error), ==, 1);
  g_assert_cmpstr (tam_xlsx_reader_field (r, 2), ==, "QCO");
  for (i = 0; tam_xlsx_reader_next (r, &error) == 1; i++)
    {
      const ExpectedQco *e = &expected_qcos[i];

      g_assert_cmpuint (i, <, G_N_ELEMENTS (expected_qcos));
      g_assert_cmpstr (tam_xlsx_reader_field (r, 1), ==, e->nik ? e->nik : "");
      g_assert_cmpfloat (world_number (tam_xlsx_reader_field (r, 3)), ==, e->calls);
      g_assert_cmpfloat (world_number (tam_xlsx_reader_field (r, 4)), ==, e->valid);
      g_assert_cmpfloat (world_number (tam_xlsx_reader_field (r, 5)), ==, e->returned);
      g_assert_cmpfloat (world_number (tam_xlsx_reader_field (r, 6)), ==, e->tappings);
      g_assert_cmpfloat (world_number (tam_xlsx_reader_field (r, 7)), ==, e->days);
      g_assert_cmpfloat_with_epsilon (world_number (tam_xlsx_reader_field (r, 8)), e->per_day, 1e-12);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (expected_qcos));
  g_clear_pointer (&r, tam_xlsx_reader_free);
  r = tam_xlsx_reader_open_sheet (path, 2, &error);
  g_assert_null (r);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
}

static void
test_csv (Fixture *f,
          gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->w.dir, "f18.csv", NULL);
  g_autofree char *qpath = tam_report_second_csv_path (tam_report_find ("f18"), path);
  g_autofree char *text = NULL;
  g_autofree char *qtext = NULL;
  g_auto (GStrv) lines = NULL;
  g_auto (GStrv) qlines = NULL;

  g_assert_true (g_str_has_suffix (qpath, "f18-qco.csv"));
  g_assert_true (tam_f18_write (f->w.store, f->w.spvq, "2026-10", path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_file_get_contents (qpath, &qtext, NULL, NULL));
  lines = g_strsplit (text, "\r\n", -1);
  qlines = g_strsplit (qtext, "\r\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 1 + G_N_ELEMENTS (expected_all) + 1);
  g_assert_cmpstr (lines[0], ==, "level,site,team_leader_nik,team_leader,nik,agent,service,"
                                 "total_agree,valid,return,pending,qvs_pct,first_pass_valid,first_pass_pct");
  g_assert_cmpstr (lines[1], ==, "AGENT,BANDUNG,TLB001,Asep Sunarya,10000001,Ani Suryani,ADDON_CONSUMER,"
                                 "5,3,1,1,60.0,2,40.0");
  g_assert_cmpstr (lines[2], ==, "AGENT,BANDUNG,TLB001,Asep Sunarya,10000002,Budi Santoso,ADDON_CONSUMER,"
                                 "3,1,1,1,33.3,1,33.3");
  g_assert_cmpstr (lines[3], ==, "TEAM,BANDUNG,TLB001,Asep Sunarya,,,,8,4,2,2,50.0,3,37.5");
  g_assert_cmpstr (lines[6], ==, "SITE,BANDUNG,,,,,,9,5,2,2,55.6,4,44.4");
  g_assert_cmpstr (lines[10], ==, "TOTAL,,,,,,,14,9,3,2,64.3,8,57.1");
  g_assert_cmpstr (lines[11], ==, "");

  g_assert_cmpuint (g_strv_length (qlines), ==, 1 + G_N_ELEMENTS (expected_qcos) + 1);
  g_assert_cmpstr (qlines[1], ==, "QCO,BANDUNG,QCB002,Lina Marlina,2,2,0,2,2,1.0");
  g_assert_cmpstr (qlines[3], ==, "QCO,MEDAN,QCM001,Butet Nainggolan,5,4,1,5,1,5.0");
  g_assert_cmpstr (qlines[4], ==, "TOTAL,,,,12,9,4,13,4,3.2");

  g_assert_false (tam_f18_write (f->w.store, f->w.spvq, "2026-10", "report.pdf", NULL, NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
}

static void
test_progress_cancel (Fixture *f,
                      gconstpointer data)
{
  world_check_report_progress_cancel (&f->w, tam_f18_write, "2026-10");
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/f18/numbers", Fixture, NULL, fixture_setup, test_numbers, fixture_teardown);
  g_test_add ("/f18/numbers-counted-first", Fixture, GINT_TO_POINTER (TRUE), fixture_setup, test_numbers,
              fixture_teardown);
  g_test_add ("/f18/in-transaction", Fixture, NULL, fixture_setup, test_in_transaction, fixture_teardown);
  g_test_add ("/f18/in-transaction-counted-first", Fixture, GINT_TO_POINTER (TRUE), fixture_setup,
              test_in_transaction, fixture_teardown);
  g_test_add ("/f18/scope", Fixture, NULL, fixture_setup, test_scope, fixture_teardown);
  g_test_add ("/f18/xlsx", Fixture, NULL, fixture_setup, test_xlsx, fixture_teardown);
  g_test_add ("/f18/csv", Fixture, NULL, fixture_setup, test_csv, fixture_teardown);
  g_test_add ("/f18/progress-cancel", Fixture, NULL, fixture_setup, test_progress_cancel, fixture_teardown);

  return g_test_run ();
}
