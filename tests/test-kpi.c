/* test-kpi.c: the monthly KPIs of issue 10 (src/core/kpi). QVS equals
 * F-18 for every agent, site and month of the demo and follows verdicts,
 * re-calls, undo and a rebuild of the counts; the QVS budget, the grade
 * bands and the headcount month edges against hand-computed cases; CT-0
 * and adherence on a small operation; the KPI imports refuse bad rows
 * naming file, line and column and store nothing. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <xlsxwriter.h>

#include "tam-attendance.h"
#include "tam-demo.h"
#include "tam-f18.h"
#include "tam-import.h"
#include "tam-kpi.h"
#include "tapping-world.h"

#define TODAY "2026-11-22"

static char *tmp_dir;
static TamStore *demo;       /* scale 1, generated once */
static TamSession *demo_mgr; /* its manager */

/* ------------------------------------------------------------------ */
/* QVS against F-18 on the demo */

typedef struct
{
  gint64 total, valid, returned, pending, first;
} Sums;

static void
sums_add (GHashTable *table,
          const char *key,
          const TamF18Row *r)
{
  Sums *s = g_hash_table_lookup (table, key ? key : "");

  if (s == NULL)
    {
      s = g_new0 (Sums, 1);
      g_hash_table_insert (table, g_strdup (key ? key : ""), s);
    }
  s->total += r->total;
  s->valid += r->valid;
  s->returned += r->returned;
  s->pending += r->pending;
  s->first += r->first_pass_valid;
}

static void
assert_same (const TamKpiQvs *q,
             const Sums *s)
{
  g_assert_nonnull (s);
  g_assert_cmpint (q->agree, ==, s->total);
  g_assert_cmpint (q->valid, ==, s->valid);
  g_assert_cmpint (q->returned, ==, s->returned);
  g_assert_cmpint (q->pending, ==, s->pending);
  g_assert_cmpint (q->first_pass_valid, ==, s->first);
  g_assert_cmpfloat_with_epsilon (q->qvs, 100.0 * s->valid / s->total, 1e-9);
  g_assert_cmpfloat_with_epsilon (q->first_pass, 100.0 * s->first / s->total, 1e-9);
}

/* Every scope of @month against F-18's rows; returns the agents
 * compared. */
static guint
compare_month (TamStore *store,
               TamSession *session,
               const char *month)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) f18 = NULL;
  g_autoptr (GPtrArray) qcos = NULL;
  g_autoptr (GHashTable) agents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) teams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) sites = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) services = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) total = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  static const TamKpiScope scopes[] = { TAM_KPI_SCOPE_AGENT, TAM_KPI_SCOPE_TEAM, TAM_KPI_SCOPE_SITE,
                                        TAM_KPI_SCOPE_SERVICE, TAM_KPI_SCOPE_NATIONAL };
  GHashTable *tables[] = { agents, teams, sites, services, total };

  g_assert_true (tam_f18_compute (store, session, month, &f18, &qcos, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < f18->len; i++)
    {
      TamF18Row *r = f18->pdata[i];

      if (r->kind != TAM_F18_AGENT)
        continue;
      sums_add (agents, r->agent_nik, r);
      sums_add (teams, r->team_leader_nik, r);
      sums_add (sites, r->site, r);
      sums_add (services, r->service, r);
      sums_add (total, NULL, r);
    }

  for (guint s = 0; s < G_N_ELEMENTS (scopes); s++)
    {
      g_autoptr (GPtrArray) rows = NULL;

      g_assert_true (tam_kpi_qvs (store, session, month, scopes[s], &rows, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, g_hash_table_size (tables[s]));
      for (guint i = 0; i < rows->len; i++)
        {
          TamKpiQvs *q = rows->pdata[i];

          g_assert_cmpint (q->m.scope, ==, scopes[s]);
          g_assert_cmpstr (q->m.month, ==, month);
          assert_same (q, g_hash_table_lookup (tables[s], q->m.key ? q->m.key : ""));
        }
    }
  return g_hash_table_size (agents);
}

static void
test_qvs_equals_f18 (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) months = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) series = NULL;
  sqlite3_stmt *stmt = tam_store_prepare (demo, "SELECT DISTINCT month FROM calls ORDER BY month", NULL);
  guint agent_months = 0;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (months, tam_stmt_dup_text (stmt, 0));
  sqlite3_reset (stmt);
  g_assert_cmpuint (months->len, >=, 6);

  for (guint m = 0; m < months->len; m++)
    agent_months += compare_month (demo, demo_mgr, months->pdata[m]);
  g_test_message ("%u agent-months in %u months equal F-18", agent_months, months->len);
  g_assert_cmpuint (agent_months, >, 1000);

  /* The series is the months one by one. */
  g_assert_true (tam_kpi_qvs_series (demo, demo_mgr,
                                     &(TamKpiSeriesQuery){ .from = months->pdata[0], .to = months->pdata[months->len - 1], .scope = TAM_KPI_SCOPE_NATIONAL },
                                     &series, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (series->len, ==, months->len);
  for (guint m = 0; m < months->len; m++)
    {
      g_autoptr (GPtrArray) one = NULL;
      TamKpiQvs *s = series->pdata[m], *o;

      g_assert_true (tam_kpi_qvs (demo, demo_mgr, months->pdata[m], TAM_KPI_SCOPE_NATIONAL, &one, &error));
      o = one->pdata[0];
      g_assert_cmpstr (s->m.month, ==, months->pdata[m]);
      g_assert_cmpint (s->agree, ==, o->agree);
      g_assert_cmpint (s->valid, ==, o->valid);
      g_assert_cmpint (s->first_pass_valid, ==, o->first_pass_valid);
    }
}

static void
test_qvs_series_key (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) one = NULL;
  g_autofree char *tl = NULL;
  gint64 agree = 0;
  sqlite3_stmt *stmt = tam_store_prepare (demo, "SELECT nik FROM people WHERE role = 'TEAM_LEADER' ORDER BY id LIMIT 1", NULL);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  tl = tam_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);

  /* One team's series is that team's rows of the series of every team. */
  g_assert_true (tam_kpi_qvs_series (demo, demo_mgr, &(TamKpiSeriesQuery){ "2026-06", "2026-11", TAM_KPI_SCOPE_TEAM, NULL }, &all, &error));
  g_assert_no_error (error);
  g_assert_true (tam_kpi_qvs_series (demo, demo_mgr, &(TamKpiSeriesQuery){ "2026-06", "2026-11", TAM_KPI_SCOPE_TEAM, tl }, &one, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (one->len, >=, 5);
  for (guint i = 0; i < one->len; i++)
    g_assert_cmpstr (((TamKpiQvs *) one->pdata[i])->m.key, ==, tl);
  for (guint i = 0; i < all->len; i++)
    {
      TamKpiQvs *q = all->pdata[i];

      if (g_strcmp0 (q->m.key, tl) == 0)
        agree += q->agree;
    }
  for (guint i = 0; i < one->len; i++)
    agree -= ((TamKpiQvs *) one->pdata[i])->agree;
  g_assert_cmpint (agree, ==, 0);

  /* Backwards or too long a series is refused. */
  g_assert_false (tam_kpi_qvs_series (demo, demo_mgr, &(TamKpiSeriesQuery){ "2026-11", "2026-06", TAM_KPI_SCOPE_NATIONAL, NULL }, &one, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tam_kpi_qvs (demo, demo_mgr, "2026-13", TAM_KPI_SCOPE_NATIONAL, &one, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
}

/* ------------------------------------------------------------------ */
/* A small operation (tapping-world.h) */

typedef struct
{
  World w;
} Fixture;

static void
fixture_setup (Fixture *f,
               gconstpointer data)
{
  world_setup (&f->w, "kpi", FALSE);
}

static void
fixture_teardown (Fixture *f,
                  gconstpointer data)
{
  world_teardown (&f->w);
}

static const char *const consent[] = { "CONSENT", NULL };

static gint64
tap (Fixture *f,
     gint64 call,
     const char *verdict)
{
  g_autoptr (GError) error = NULL;
  gboolean valid = g_strcmp0 (verdict, "VALID") == 0;
  gint64 tid = 0;

  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, call, verdict, valid ? NULL : consent,
                                  valid ? NULL : "Ask for an explicit yes", &tid, &error));
  g_assert_no_error (error);
  return tid;
}

static TamKpiQvs *
agent_qvs (Fixture *f,
           const char *nik,
           GPtrArray **keep)
{
  g_autoptr (GError) error = NULL;

  g_clear_pointer (keep, g_ptr_array_unref);
  g_assert_true (tam_kpi_qvs (f->w.store, f->w.admin, "2026-10", TAM_KPI_SCOPE_AGENT, keep, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < (*keep)->len; i++)
    if (g_strcmp0 (((TamKpiQvs *) (*keep)->pdata[i])->m.key, nik) == 0)
      return (*keep)->pdata[i];
  return NULL;
}

static void
assert_counts (TamKpiQvs *q,
               gint64 agree,
               gint64 valid,
               gint64 returned,
               gint64 pending,
               gint64 first)
{
  g_assert_nonnull (q);
  g_assert_cmpint (q->agree, ==, agree);
  g_assert_cmpint (q->valid, ==, valid);
  g_assert_cmpint (q->returned, ==, returned);
  g_assert_cmpint (q->pending, ==, pending);
  g_assert_cmpint (q->first_pass_valid, ==, first);
}

/* The month sums move with every verdict, re-call, undo and rebuild of
 * the per-day counts, and stay F-18's. */
static void
test_qvs_follows_verdicts (Fixture *f,
                           gconstpointer data)
{
  World *w = &f->w;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  gint64 a1, a2, a3, a4, undone;

  a1 = world_call (w, "A1", w->ani, "BANDUNG", "ADDON_CONSUMER", "2026-10-01 09:00:00", "AGREE");
  a2 = world_call (w, "A2", w->ani, "BANDUNG", "ADDON_CONSUMER", "2026-10-02 09:00:00", "AGREE");
  a3 = world_call (w, "A3", w->ani, "BANDUNG", "ADDON_CONSUMER", "2026-10-31 16:59:59", "AGREE");
  a4 = world_call (w, "A4", w->ani, "BANDUNG", "ADDON_CONSUMER", "2026-10-15 09:00:00", "AGREE");
  world_call (w, "A5", w->ani, "BANDUNG", "ADDON_CONSUMER", "2026-10-15 10:00:00", "DECLINE");
  world_call (w, "A6", w->ani, "BANDUNG", "ADDON_CONSUMER", "2026-11-01 08:00:00", "AGREE");

  /* Counted at the first read. */
  assert_counts (agent_qvs (f, "10000001", &rows), 4, 0, 0, 4, 0);
  g_assert_cmpfloat (((TamKpiQvs *) rows->pdata[0])->qvs, ==, 0.0);

  tap (f, a1, "VALID");
  tap (f, a2, "RETURN");
  tap (f, a3, "RETURN");
  assert_counts (agent_qvs (f, "10000001", &rows), 4, 1, 2, 1, 1);
  g_assert_true (tam_call_recall (w->store, w->tl_b, a3, "vr/recall.wav", NULL, NULL, &error));
  g_assert_no_error (error);
  assert_counts (agent_qvs (f, "10000001", &rows), 4, 1, 2, 1, 1);
  tap (f, a3, "VALID");
  undone = tap (f, a4, "RETURN");
  g_assert_true (tam_tapping_undo (w->store, w->qco_b, undone, &error));
  g_assert_no_error (error);
  /* A1 VALID first time, A2 RETURNED, A3 VALID after a re-call, A4
   * pending again: QVS 2/4, first pass 1/4. */
  assert_counts (agent_qvs (f, "10000001", &rows), 4, 2, 1, 1, 1);
  g_assert_cmpfloat_with_epsilon (((TamKpiQvs *) rows->pdata[0])->qvs, 50.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (((TamKpiQvs *) rows->pdata[0])->first_pass, 25.0, 1e-9);
  g_assert_cmpuint (compare_month (w->store, w->admin, "2026-10"), ==, 1);

  g_assert_true (tam_queue_counts_rebuild (w->store, &error));
  g_assert_no_error (error);
  assert_counts (agent_qvs (f, "10000001", &rows), 4, 2, 1, 1, 1);
  g_assert_cmpuint (compare_month (w->store, w->admin, "2026-11"), ==, 1);

  /* A read-only store (reports, the month-end pack) whose counts are
   * behind a new call cannot bring them up to date: it counts from the
   * calls, as F-18 does, and agrees with it. */
  world_call (w, "A7", w->ani, "BANDUNG", "ADDON_CONSUMER", "2026-10-20 09:00:00", "AGREE");
  {
    g_autoptr (TamStore) ro = tam_store_open_read_only (w->path, &error);
    g_autoptr (GPtrArray) ro_rows = NULL;

    g_assert_no_error (error);
    g_assert_true (tam_kpi_qvs (ro, w->admin, "2026-10", TAM_KPI_SCOPE_AGENT, &ro_rows, &error));
    g_assert_no_error (error);
    assert_counts (ro_rows->pdata[0], 5, 2, 1, 2, 1);
    g_assert_cmpuint (compare_month (ro, w->admin, "2026-10"), ==, 1);
  }
  /* The next read-write read absorbs it. */
  assert_counts (agent_qvs (f, "10000001", &rows), 5, 2, 1, 2, 1);
  g_assert_cmpint (tam_store_query_int (w->store, "SELECT sum (n) FROM kpi_agent_months WHERE month = '2026-10'", 0, NULL), ==, 5);
  g_assert_cmpint (tam_store_query_int (w->store, "SELECT sum (n) FROM kpi_site_months WHERE month = '2026-10'", 0, NULL), ==, 5);
  g_assert_cmpint (tam_store_query_int (w->store, "SELECT sum (n) FROM kpi_site_months WHERE month = '2026-10' AND state = 'VALID'"
                                                  " AND first_verdict = 'RETURN'",
                                        0, NULL),
                   ==, 1);
}

static void
set_budget (TamKpiBudget *b,
            gint64 valid,
            gint64 returned,
            gint64 pending)
{
  memset (b, 0, sizeof *b);
  b->valid = valid;
  b->returned = returned;
  b->pending = pending;
  b->agree = valid + returned + pending;
}

static void
test_budget (void)
{
  static const struct
  {
    gint64 valid, returned, pending;
    double target;
    gboolean under;
    gint64 returns_left, valid_needed;
  } cases[] = {
    /* 80 VALID and 20 pending of 100: 5 of the 20 may come back. */
    { 80, 0, 20, 95, FALSE, 5, 0 },
    /* Exactly on 95 % with every pending passing: no more RETURN. */
    { 90, 5, 5, 95, FALSE, 0, 0 },
    /* 19 of 20 VALID: 95 %, nothing to spare. */
    { 19, 1, 0, 95, FALSE, 0, 0 },
    /* Already under: 93 at best of 100; (93 + 40) / 140 = 95 %. */
    { 90, 7, 3, 95, TRUE, 0, 40 },
    /* 18 of 20: (18 + 20) / 40 = 95 %. */
    { 18, 2, 0, 95, TRUE, 0, 20 },
    /* Under by one call in a thousand: 949 + x >= 0.95 (1000 + x), x = 20. */
    { 949, 51, 0, 95, TRUE, 0, 20 },
    /* 200 pending, nothing tapped: 10 may come back. */
    { 0, 0, 200, 95, FALSE, 10, 0 },
    /* No AGREE yet: nothing to spare, nothing missing. */
    { 0, 0, 0, 95, FALSE, 0, 0 },
    /* A 90 % target: (50 + 50 - 90) = 10. */
    { 50, 0, 50, 90, FALSE, 10, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TamKpiBudget b;

      g_test_message ("case %u", i);
      set_budget (&b, cases[i].valid, cases[i].returned, cases[i].pending);
      tam_kpi_budget_compute (&b, cases[i].target);
      g_assert_cmpint (b.under, ==, cases[i].under);
      g_assert_cmpint (b.returns_left, ==, cases[i].returns_left);
      g_assert_cmpint (b.valid_needed, ==, cases[i].valid_needed);
    }
}

/* The budget of the stored calls, per team. */
static void
test_budget_stored (Fixture *f,
                    gconstpointer data)
{
  World *w = &f->w;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  gint64 calls[20];

  /* Team Asep: 20 AGREE, 17 VALID, 1 RETURN, 2 pending: at best 19/20
   * = 95 %, no RETURN to spare. */
  for (int i = 0; i < 20; i++)
    {
      g_autofree char *id = g_strdup_printf ("B%02d", i);
      g_autofree char *start = g_strdup_printf ("2026-10-%02d 09:00:00", i + 1);

      calls[i] = world_call (w, id, i % 2 ? w->budi : w->ani, "BANDUNG", "ADDON_CONSUMER", start, "AGREE");
    }
  for (int i = 0; i < 17; i++)
    tap (f, calls[i], "VALID");
  tap (f, calls[17], "RETURN");
  g_assert_true (tam_kpi_qvs_budget (w->store, w->admin, "2026-10", TAM_KPI_SCOPE_TEAM, &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  {
    TamKpiBudget *b = rows->pdata[0];

    g_assert_cmpstr (b->m.key, ==, "TLB001");
    g_assert_cmpint (b->agree, ==, 20);
    g_assert_cmpint (b->pending, ==, 2);
    g_assert_false (b->under);
    g_assert_cmpint (b->returns_left, ==, 0);
  }
  /* One more RETURN: under, (18 + x) / (20 + x) >= 95 % needs 20. */
  tap (f, calls[18], "RETURN");
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_true (tam_kpi_qvs_budget (w->store, w->admin, "2026-10", TAM_KPI_SCOPE_TEAM, &rows, &error));
  g_assert_true (((TamKpiBudget *) rows->pdata[0])->under);
  g_assert_cmpint (((TamKpiBudget *) rows->pdata[0])->valid_needed, ==, 20);
}

/* ------------------------------------------------------------------ */
/* ABU */

static void
test_grade_edges (void)
{
  TamAbuBands bands = { 80, 60, 40 };
  double all60[TAM_N_ABU_PARAMETERS] = { 60, 60, 60, 60, 60 };
  double mixed[TAM_N_ABU_PARAMETERS] = { 100, 50, NAN, NAN, NAN };
  double none[TAM_N_ABU_PARAMETERS] = { NAN, NAN, NAN, NAN, NAN };
  double equal[TAM_N_ABU_PARAMETERS] = { 1, 1, 1, 1, 1 };
  double aht3[TAM_N_ABU_PARAMETERS] = { 3, 1, 1, 1, 1 };

  g_assert_cmpint (tam_kpi_abu_grade (59.99, &bands), ==, TAM_ABU_GRADE_C);
  g_assert_cmpint (tam_kpi_abu_grade (60, &bands), ==, TAM_ABU_GRADE_B);
  g_assert_cmpint (tam_kpi_abu_grade (79.99, &bands), ==, TAM_ABU_GRADE_B);
  g_assert_cmpint (tam_kpi_abu_grade (80, &bands), ==, TAM_ABU_GRADE_A);
  g_assert_cmpint (tam_kpi_abu_grade (40, &bands), ==, TAM_ABU_GRADE_C);
  g_assert_cmpint (tam_kpi_abu_grade (39.99, &bands), ==, TAM_ABU_GRADE_D);
  g_assert_cmpint (tam_kpi_abu_grade (100, &bands), ==, TAM_ABU_GRADE_A);
  g_assert_cmpint (tam_kpi_abu_grade (0, &bands), ==, TAM_ABU_GRADE_D);
  /* A mean of five 60s is B however the sum rounds. */
  g_assert_cmpint (tam_kpi_abu_grade (tam_kpi_abu_score (all60, equal), &bands), ==, TAM_ABU_GRADE_B);
  /* Renormalised over the parameters given. */
  g_assert_cmpfloat_with_epsilon (tam_kpi_abu_score (mixed, equal), 75.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (tam_kpi_abu_score (mixed, aht3), 87.5, 1e-9);
  g_assert_true (isnan (tam_kpi_abu_score (none, equal)));
}

static void
put_all (World *w,
         gint64 person,
         const char *month,
         double value)
{
  g_autoptr (GError) error = NULL;

  for (int p = 0; p < TAM_N_ABU_PARAMETERS; p++)
    {
      g_assert_true (tam_kpi_put_input (w->store, w->admin, month, person, p, value, NULL, &error));
      g_assert_no_error (error);
    }
}

static TamKpiScore *
score_of (GPtrArray *rows,
          const char *nik)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (((TamKpiScore *) rows->pdata[i])->m.key, nik) == 0)
      return rows->pdata[i];
  g_assert_not_reached ();
}

static void
test_scorecard (Fixture *f,
                gconstpointer data)
{
  World *w = &f->w;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) teams = NULL;
  TamKpiScore *s;
  gint64 audit = tam_store_query_int (w->store, "SELECT count(*) FROM audit_log", 0, NULL);

  put_all (w, w->ani, "2026-10", 59.99);
  put_all (w, w->budi, "2026-10", 60);
  put_all (w, w->cici, "2026-10", 79.99);
  put_all (w, w->dodi, "2026-10", 80);
  /* An edit outside a transaction is audited, one row a value. */
  g_assert_cmpint (tam_store_query_int (w->store, "SELECT count(*) FROM audit_log", 0, NULL), ==, audit + 20);

  g_assert_true (tam_kpi_scorecard (w->store, w->trainer, "2026-10", &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  s = score_of (rows, "10000001");
  g_assert_cmpint (s->grade, ==, TAM_ABU_GRADE_C);
  g_assert_true (s->under_b);
  g_assert_cmpuint (s->low_parameters, ==, 0x1f);
  s = score_of (rows, "10000002");
  g_assert_cmpint (s->grade, ==, TAM_ABU_GRADE_B);
  g_assert_false (s->under_b);
  g_assert_cmpuint (s->low_parameters, ==, 0);
  g_assert_cmpint (score_of (rows, "10000003")->grade, ==, TAM_ABU_GRADE_B);
  g_assert_cmpint (score_of (rows, "20000001")->grade, ==, TAM_ABU_GRADE_A);
  g_assert_cmpstr (score_of (rows, "10000001")->m.team_leader_nik, ==, "TLB001");

  /* One low parameter flags the agent but not the grade. */
  g_assert_true (tam_kpi_put_input (w->store, w->admin, "2026-10", w->dodi, TAM_ABU_KUIS, 55, NULL, &error));
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_true (tam_kpi_scorecard (w->store, w->trainer, "2026-10", &rows, &error));
  s = score_of (rows, "20000001");
  g_assert_cmpfloat_with_epsilon (s->score, 75.0, 1e-9);
  g_assert_cmpuint (s->low_parameters, ==, 1u << TAM_ABU_KUIS);
  g_assert_false (s->under_b);

  /* The bands and weights are settings. */
  g_assert_true (tam_kpi_set_grade_band (w->store, w->admin, TAM_ABU_GRADE_B, 59.99, &error));
  g_assert_no_error (error);
  g_assert_true (tam_kpi_set_abu_weight (w->store, w->admin, TAM_ABU_KUIS, 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_true (tam_kpi_scorecard (w->store, w->trainer, "2026-10", &rows, &error));
  g_assert_cmpint (score_of (rows, "10000001")->grade, ==, TAM_ABU_GRADE_B);
  g_assert_cmpfloat_with_epsilon (score_of (rows, "20000001")->score, 80.0, 1e-9);
  g_assert_false (tam_kpi_set_grade_band (w->store, w->admin, TAM_ABU_GRADE_C, 70, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);

  /* Per team: Asep's two agents, both B now. */
  g_assert_true (tam_kpi_scorecard_summary (w->store, w->trainer, "2026-10", TAM_KPI_SCOPE_TEAM, &teams, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < teams->len; i++)
    {
      TamKpiScoreSummary *t = teams->pdata[i];

      if (g_strcmp0 (t->m.key, "TLB001") == 0)
        {
          g_assert_cmpint (t->agents, ==, 2);
          g_assert_cmpint (t->under_b, ==, 0);
        }
    }

  /* Values and people the scorecard does not take; who may write. */
  g_assert_false (tam_kpi_put_input (w->store, w->admin, "2026-10", w->ani, TAM_ABU_AHT, 100.01, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tam_kpi_put_input (w->store, w->admin, "2026-10", w->tl_b->person_id, TAM_ABU_AHT, 50, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tam_kpi_put_input (w->store, w->qco_b, "2026-10", w->ani, TAM_ABU_AHT, 50, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (tam_store_query_int (w->store, "SELECT count(*) FROM kpi_inputs WHERE value > 100", -1, NULL), ==, 0);
}

/* ------------------------------------------------------------------ */
/* Headcount */

static void
set_person (World *w,
            gint64 id,
            const char *status,
            const char *hired_on)
{
  sqlite3_stmt *stmt = tam_store_prepare (w->store, "UPDATE people SET status = ?, hired_on = ? WHERE id = ?", NULL);

  sqlite3_bind_text (stmt, 1, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, hired_on, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
}

static TamKpiHeadcount *
pair_of (GPtrArray *rows,
         const char *service,
         const char *site)
{
  for (guint i = 0; i < rows->len; i++)
    {
      TamKpiHeadcount *r = rows->pdata[i];

      if (g_strcmp0 (r->m.service, service) == 0 && g_strcmp0 (r->m.site, site) == 0)
        return r;
    }
  g_assert_not_reached ();
}

static void
test_headcount (Fixture *f,
                gconstpointer data)
{
  World *w = &f->w;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) oct = NULL;
  g_autoptr (GPtrArray) nov = NULL;
  g_autoptr (GPtrArray) national = NULL;
  TamKpiHeadcount *r;

  /* Ani hired on the last day of October, Budi on the first of
   * November; Cici still in training. */
  set_person (w, w->ani, "ACTIVE", "2026-10-31");
  set_person (w, w->budi, "ACTIVE", "2026-11-01");
  set_person (w, w->cici, "TRAINING", "2026-01-05");
  g_assert_true (tam_kpi_put_headcount_target (w->store, w->admin, "2026-10", "ADDON_CONSUMER", "BANDUNG", 2, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tam_kpi_put_headcount_target (w->store, w->admin, "2026-11", "ADDON_CONSUMER", "BANDUNG", 2, NULL, &error));
  g_assert_true (tam_kpi_put_headcount_target (w->store, w->admin, "2026-10", "ADDON_CONSUMER", "MEDAN", 1, NULL, &error));

  g_assert_true (tam_kpi_headcount (w->store, w->trainer, "2026-10", TAM_KPI_SCOPE_SITE, TRUE, &oct, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (oct->len, ==, 9); /* every pair of service_sites */
  r = pair_of (oct, "ADDON_CONSUMER", "BANDUNG");
  g_assert_cmpint (r->available, ==, 1);
  g_assert_cmpint (r->target, ==, 2);
  g_assert_cmpfloat_with_epsilon (r->fulfilment, 50.0, 1e-9);
  r = pair_of (oct, "CT0_PRANPC", "BANDUNG");
  g_assert_cmpint (r->available, ==, 0);
  g_assert_cmpint (r->target, ==, -1);
  g_assert_true (isnan (r->fulfilment));
  g_assert_cmpfloat_with_epsilon (pair_of (oct, "ADDON_CONSUMER", "MEDAN")->fulfilment, 100.0, 1e-9);

  g_assert_true (tam_kpi_headcount (w->store, w->trainer, "2026-11", TAM_KPI_SCOPE_SITE, TRUE, &nov, &error));
  r = pair_of (nov, "ADDON_CONSUMER", "BANDUNG");
  g_assert_cmpint (r->available, ==, 2);
  g_assert_cmpfloat_with_epsilon (r->fulfilment, 100.0, 1e-9);

  /* National: 1 + 1 available of 2 + 1. */
  g_assert_true (tam_kpi_headcount (w->store, w->trainer, "2026-10", TAM_KPI_SCOPE_NATIONAL, FALSE, &national, &error));
  g_assert_cmpuint (national->len, ==, 1);
  r = national->pdata[0];
  g_assert_cmpint (r->available, ==, 2);
  g_assert_cmpint (r->target, ==, 3);

  g_assert_false (tam_kpi_headcount (w->store, w->trainer, "2026-10", TAM_KPI_SCOPE_TEAM, FALSE, &national, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tam_kpi_put_headcount_target (w->store, w->admin, "2026-10", "WIFI_DIGITAL", "MEDAN", 3, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
}

/* ------------------------------------------------------------------ */
/* CT-0 and adherence */

static void
attend (World *w,
        gint64 person,
        const char *date,
        const char *status)
{
  sqlite3_stmt *stmt = tam_store_prepare (w->store,
                                          "INSERT INTO attendance (person_id, date, shift_start, shift_end, status)"
                                          " VALUES (?, ?, '08:00', '17:00', ?)",
                                          NULL);

  sqlite3_bind_int64 (stmt, 1, person);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, status, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
}

static void
test_ct0 (Fixture *f,
          gconstpointer data)
{
  World *w = &f->w;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) month = NULL;
  g_autoptr (GPtrArray) day = NULL;
  g_autoptr (GPtrArray) team = NULL;
  TamKpiCt0 *r;
  gint64 c;

  g_assert_true (tam_kpi_put_agent_target (w->store, w->admin, "2026-10", w->cici, 2, NULL, &error));
  g_assert_no_error (error);
  /* 1st: present, 3 AGREE; 2nd: OFF, 1 AGREE (counted, no target);
   * 3rd: sick (scheduled), none; 4th: no roster but 1 AGREE (worked);
   * 5th: nothing. Working days 1, 3, 4: target 6, AGREE 5. */
  attend (w, w->cici, "2026-10-01", "PRESENT");
  attend (w, w->cici, "2026-10-02", "OFF");
  attend (w, w->cici, "2026-10-03", "SICK_NOTE");
  c = world_call (w, "C1", w->cici, "BANDUNG", "CT0_PRANPC", "2026-10-01 09:00:00", "AGREE");
  world_call (w, "C2", w->cici, "BANDUNG", "CT0_PRANPC", "2026-10-01 10:00:00", "AGREE");
  world_call (w, "C3", w->cici, "BANDUNG", "CT0_PRANPC", "2026-10-01 11:00:00", "AGREE");
  world_call (w, "C4", w->cici, "BANDUNG", "CT0_PRANPC", "2026-10-01 12:00:00", "DECLINE");
  world_call (w, "C5", w->cici, "BANDUNG", "CT0_PRANPC", "2026-10-02 09:00:00", "AGREE");
  world_call (w, "C6", w->cici, "BANDUNG", "CT0_PRANPC", "2026-10-04 09:00:00", "AGREE");
  tap (f, c, "VALID");

  g_assert_true (tam_kpi_ct0 (w->store, w->trainer, "2026-10", NULL, TAM_KPI_SCOPE_AGENT, &month, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (month->len, ==, 1); /* only the agents with a target */
  r = month->pdata[0];
  g_assert_cmpstr (r->m.key, ==, "10000003");
  g_assert_cmpint (r->agree, ==, 5);
  g_assert_cmpint (r->valid, ==, 1);
  g_assert_cmpint (r->days, ==, 3);
  g_assert_cmpint (r->target, ==, 6);
  g_assert_cmpfloat_with_epsilon (r->achievement, 500.0 / 6.0, 1e-9);

  g_assert_true (tam_kpi_ct0 (w->store, w->trainer, "2026-10", "2026-10-01", TAM_KPI_SCOPE_AGENT, &day, &error));
  r = day->pdata[0];
  g_assert_cmpint (r->agree, ==, 3);
  g_assert_cmpint (r->target, ==, 2);
  g_assert_cmpfloat_with_epsilon (r->achievement, 150.0, 1e-9);

  g_assert_true (tam_kpi_ct0 (w->store, w->trainer, "2026-10", NULL, TAM_KPI_SCOPE_TEAM, &team, &error));
  g_assert_cmpuint (team->len, ==, 1);
  g_assert_cmpstr (((TamKpiCt0 *) team->pdata[0])->m.key, ==, "TLB002");
  g_assert_cmpint (((TamKpiCt0 *) team->pdata[0])->target, ==, 6);

  g_assert_false (tam_kpi_ct0 (w->store, w->trainer, "2026-10", "2026-11-01", TAM_KPI_SCOPE_AGENT, &day, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
}

static void
test_adherence (Fixture *f,
                gconstpointer data)
{
  World *w = &f->w;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) teams = NULL;
  g_autoptr (GPtrArray) sites = NULL;
  g_autoptr (GPtrArray) persons = NULL;
  TamAdherence total = { 0 };

  attend (w, w->ani, "2026-10-01", "PRESENT");
  attend (w, w->ani, "2026-10-02", "LATE");
  attend (w, w->ani, "2026-10-03", "OFF");
  attend (w, w->budi, "2026-10-01", "PRESENT");
  attend (w, w->budi, "2026-10-02", "ABSENT_NO_NOTICE");
  attend (w, w->budi, "2026-10-31", "PRESENT");
  attend (w, w->budi, "2026-11-01", "ABSENT_NO_NOTICE"); /* next month */
  attend (w, w->cici, "2026-10-01", "LEAVE");
  attend (w, w->tl_b->person_id, "2026-10-01", "ABSENT_NO_NOTICE"); /* not an agent */

  g_assert_true (tam_kpi_adherence (w->store, w->trainer, "2026-10", TAM_KPI_SCOPE_TEAM, &teams, &error));
  g_assert_no_error (error);
  persons = tam_attendance_adherence (w->store, "2026-10-01", "2026-10-31", w->tl_b->person_id, &total, &error);
  g_assert_nonnull (persons);
  for (guint i = 0; i < teams->len; i++)
    {
      TamKpiAdherence *t = teams->pdata[i];

      if (g_strcmp0 (t->m.key, "TLB001") != 0)
        continue;
      /* Present 3 of 5 scheduled days. */
      g_assert_cmpint (t->agents, ==, 2);
      g_assert_cmpint (t->scheduled, ==, 5);
      g_assert_cmpint (t->present, ==, 3);
      g_assert_cmpint (t->scheduled, ==, total.scheduled);
      g_assert_cmpfloat_with_epsilon (t->adherence, total.adherence, 1e-9);
      g_assert_cmpfloat_with_epsilon (t->adherence, 60.0, 1e-9);
    }
  g_assert_true (tam_kpi_adherence (w->store, w->trainer, "2026-10", TAM_KPI_SCOPE_SITE, &sites, &error));
  g_assert_cmpuint (sites->len, ==, 1);
  /* Cici's leave is not scheduled; the TL's absence is not an agent's. */
  g_assert_cmpint (((TamKpiAdherence *) sites->pdata[0])->agents, ==, 3);
  g_assert_cmpint (((TamKpiAdherence *) sites->pdata[0])->scheduled, ==, 5);
  g_assert_cmpint (((TamKpiAdherence *) sites->pdata[0])->leave, ==, 1);
}

/* ------------------------------------------------------------------ */
/* Imports */

static char *
write_file (Fixture *f,
            const char *name,
            const char *text)
{
  char *path = g_build_filename (f->w.dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static gboolean
errors_mention (const TamImportResult *result,
                const char *text)
{
  for (guint i = 0; result->errors != NULL && i < result->errors->len; i++)
    if (strstr (result->errors->pdata[i], text) != NULL)
      return TRUE;
  return FALSE;
}

static void
refused (Fixture *f,
         TamImportKind kind,
         const char *name,
         const char *text,
         const char *where)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = write_file (f, name, text);
  TamImportResult result = { 0 };
  gint64 audit = tam_store_query_int (f->w.store, "SELECT count(*) FROM audit_log", 0, NULL);

  g_test_message ("%s: %s", name, where);
  g_assert_false (tam_import_file (f->w.store, f->w.admin, kind, path, NULL, NULL, NULL, NULL, &result, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_IMPORT);
  /* A bad header is the error itself; bad rows are listed. */
  if (where[0] == '\0')
    g_assert_nonnull (strstr (error->message, "missing column"));
  else
    g_assert_true (errors_mention (&result, where));
  g_assert_cmpint (tam_store_query_int (f->w.store, "SELECT count(*) FROM kpi_inputs", -1, NULL), ==, 0);
  g_assert_cmpint (tam_store_query_int (f->w.store, "SELECT count(*) FROM headcount_targets", -1, NULL), ==, 0);
  g_assert_cmpint (tam_store_query_int (f->w.store, "SELECT count(*) FROM agent_targets", -1, NULL), ==, 0);
  g_assert_cmpint (tam_store_query_int (f->w.store, "SELECT count(*) FROM imports", -1, NULL), ==, 0);
  g_assert_cmpint (tam_store_query_int (f->w.store, "SELECT count(*) FROM audit_log", -1, NULL), ==, audit);
  tam_import_result_clear (&result);
}

static void
test_import_bad (Fixture *f,
                 gconstpointer data)
{
  /* Each file has good rows before its bad one: none is kept. */
  refused (f, TAM_IMPORT_KPI, "nik.csv",
           "month,nik,parameter,value\n2026-10,10000001,AHT,80\n2026-10,99999999,FCR,70\n",
           "nik.csv:3: column nik: unknown NIK “99999999”");
  refused (f, TAM_IMPORT_KPI, "value.csv",
           "month,nik,parameter,value\n2026-10,10000001,AHT,80\n2026-10,10000002,FCR,101\n",
           "value.csv:3: column value:");
  refused (f, TAM_IMPORT_KPI, "month.csv",
           "month,nik,parameter,value\n2026-10,10000001,AHT,80\n2026-13,10000002,FCR,70\n",
           "month.csv:3: column month:");
  refused (f, TAM_IMPORT_KPI, "parameter.csv",
           "month,nik,parameter,value\n2026-10,10000001,AHT,80\n2026-10,10000002,SPEED,70\n",
           "parameter.csv:3: column parameter:");
  refused (f, TAM_IMPORT_KPI, "twice.csv",
           "month,nik,parameter,value\n2026-10,10000001,AHT,80\n2026-10,10000001,aht,70\n",
           "twice.csv:3: column parameter: the same row is already on line 2");
  refused (f, TAM_IMPORT_KPI, "tl.csv",
           "month,nik,parameter,value\n2026-10,TLB001,AHT,80\n",
           "tl.csv:2: column nik: TLB001 is not an agent");
  refused (f, TAM_IMPORT_KPI, "header.csv", "month,nik,value\n2026-10,10000001,80\n", "");
  refused (f, TAM_IMPORT_HEADCOUNT, "site.csv",
           "month,service,site,target\n2026-10,ADDON_CONSUMER,BANDUNG,12\n2026-10,ADDON_CONSUMER,JAKARTA,10\n",
           "site.csv:3: column site:");
  refused (f, TAM_IMPORT_HEADCOUNT, "pair.csv",
           "month,service,site,target\n2026-10,WIFI_DIGITAL,MEDAN,10\n",
           "pair.csv:2: column site: The service WIFI_DIGITAL is not run at the site MEDAN");
  refused (f, TAM_IMPORT_HEADCOUNT, "target.csv",
           "month,service,site,target\n2026-10,ADDON_CONSUMER,BANDUNG,-1\n",
           "target.csv:2: column target:");
  refused (f, TAM_IMPORT_TARGETS, "daily.csv",
           "month,nik,daily_target\n2026-10,10000003,3\n2026-10,10000001,2.5\n",
           "daily.csv:3: column daily_target:");
  refused (f, TAM_IMPORT_TARGETS, "who.csv",
           "month,nik,daily_target\n2026-10,NOPE,3\n",
           "who.csv:2: column nik:");
}

static void
test_import_good (Fixture *f,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *kpi = write_file (f, "kpi.csv",
                                     "Month;NIK;Parameter;Value\n"
                                     "2026-10;10000001;AHT;87,5\n"
                                     "2026-10;10000001;kuis;90\n"
                                     "01/10/2026;10000002;CALLMON;60\n");
  g_autofree char *hc = write_file (f, "hc.csv", "month,service,site,target\n2026-10,addon_consumer,bandung,12\n");
  g_autofree char *targets = write_file (f, "targets.csv", "month,nik,daily_target\n2026-10,10000003,3\n");
  TamImportResult result = { 0 };

  g_assert_true (tam_import_file (f->w.store, f->w.admin, TAM_IMPORT_KPI, kpi, NULL, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.inserted, ==, 3);
  g_assert_cmpint (tam_store_query_int (f->w.store, "SELECT count(*) FROM kpi_inputs WHERE month = '2026-10'"
                                                    " AND ((parameter = 'AHT' AND value = 87.5) OR (parameter = 'CALLMON' AND value = 60))",
                                        -1, NULL),
                   ==, 2);
  g_assert_cmpint (tam_store_query_int (f->w.store, "SELECT count(*) FROM audit_log WHERE action = 'IMPORT' AND entity = 'kpi'", -1, NULL), ==, 1);
  tam_import_result_clear (&result);
  /* The same file again: recognised, nothing changes. */
  g_assert_true (tam_import_file (f->w.store, f->w.admin, TAM_IMPORT_KPI, kpi, NULL, NULL, NULL, NULL, &result, &error));
  g_assert_true (result.same_file_before);
  g_assert_cmpuint (result.unchanged, ==, 3);
  g_assert_cmpuint (result.inserted + result.updated, ==, 0);
  tam_import_result_clear (&result);

  g_assert_true (tam_import_file (f->w.store, f->w.admin, TAM_IMPORT_HEADCOUNT, hc, NULL, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  tam_import_result_clear (&result);
  g_assert_cmpint (tam_store_query_int (f->w.store, "SELECT target FROM headcount_targets WHERE service = 'ADDON_CONSUMER'"
                                                    " AND site = 'BANDUNG' AND month = '2026-10'",
                                        -1, NULL),
                   ==, 12);
  g_assert_true (tam_import_file (f->w.store, f->w.admin, TAM_IMPORT_TARGETS, targets, NULL, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  tam_import_result_clear (&result);
  g_assert_cmpint (tam_store_query_int (f->w.store, "SELECT daily_target FROM agent_targets", -1, NULL), ==, 3);

  /* A QCO may not; a team leader may not. */
  g_assert_false (tam_import_file (f->w.store, f->w.qco_b, TAM_IMPORT_KPI, kpi, NULL, NULL, NULL, NULL, &result, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  tam_import_result_clear (&result);
  g_assert_false (tam_import_file (f->w.store, f->w.tl_b, TAM_IMPORT_TARGETS, targets, NULL, NULL, NULL, NULL, &result, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  tam_import_result_clear (&result);
}

/* An .xlsx as a site's ABU sheet: the month a date cell (the 1st), the
 * values numbers, one of them out of range on sheet row 4. */
static void
test_import_xlsx (Fixture *f,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->w.dir, "abu.xlsx", NULL);
  TamImportResult result = { 0 };
  lxw_workbook *wb = workbook_new (path);
  lxw_worksheet *ws = workbook_add_worksheet (wb, NULL);
  lxw_format *date = workbook_add_format (wb);
  lxw_datetime oct = { 2026, 10, 1, 0, 0, 0 };
  static const char *const heads[] = { "month", "nik", "parameter", "value" };

  format_set_num_format (date, "yyyy-mm-dd");
  for (int c = 0; c < 4; c++)
    worksheet_write_string (ws, 0, (lxw_col_t) c, heads[c], NULL);
  for (int r = 1; r <= 3; r++)
    {
      worksheet_write_datetime (ws, (lxw_row_t) r, 0, &oct, date);
      worksheet_write_string (ws, (lxw_row_t) r, 1, "10000001", NULL);
    }
  worksheet_write_string (ws, 1, 2, "AHT", NULL);
  worksheet_write_number (ws, 1, 3, 88.5, NULL);
  worksheet_write_string (ws, 2, 2, "FCR", NULL);
  worksheet_write_number (ws, 2, 3, 91, NULL);
  worksheet_write_string (ws, 3, 2, "KUIS", NULL);
  worksheet_write_number (ws, 3, 3, 100.5, NULL);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);

  g_assert_false (tam_import_file (f->w.store, f->w.admin, TAM_IMPORT_KPI, path, NULL, NULL, NULL, NULL, &result, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_IMPORT);
  g_assert_true (errors_mention (&result, "abu.xlsx:4: column value:"));
  g_assert_cmpint (tam_store_query_int (f->w.store, "SELECT count(*) FROM kpi_inputs", -1, NULL), ==, 0);
  tam_import_result_clear (&result);
  g_clear_error (&error);

  /* Without the bad row: stored for October. */
  wb = workbook_new (path);
  ws = workbook_add_worksheet (wb, NULL);
  date = workbook_add_format (wb);
  format_set_num_format (date, "yyyy-mm-dd");
  for (int c = 0; c < 4; c++)
    worksheet_write_string (ws, 0, (lxw_col_t) c, heads[c], NULL);
  worksheet_write_datetime (ws, 1, 0, &oct, date);
  worksheet_write_string (ws, 1, 1, "10000001", NULL);
  worksheet_write_string (ws, 1, 2, "AHT", NULL);
  worksheet_write_number (ws, 1, 3, 88.5, NULL);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
  g_assert_true (tam_import_file (f->w.store, f->w.admin, TAM_IMPORT_KPI, path, NULL, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  tam_import_result_clear (&result);
  g_assert_cmpint (tam_store_query_int (f->w.store, "SELECT count(*) FROM kpi_inputs WHERE month = '2026-10'"
                                                    " AND parameter = 'AHT' AND value = 88.5",
                                        -1, NULL),
                   ==, 1);
}

/* ------------------------------------------------------------------ */

static void
test_cards (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) cards = NULL;
  g_autoptr (GArray) team = NULL;
  g_autoptr (GPtrArray) oct = NULL;
  g_autoptr (GPtrArray) sep = NULL;
  TamKpiCard *c;
  TamKpiQvs *q;

  g_assert_true (tam_kpi_cards (demo, demo_mgr, "2026-10", TAM_KPI_SCOPE_NATIONAL, NULL, &cards, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, 6);
  c = &g_array_index (cards, TamKpiCard, TAM_KPI_QVS);
  g_assert_true (tam_kpi_qvs (demo, demo_mgr, "2026-10", TAM_KPI_SCOPE_NATIONAL, &oct, &error));
  g_assert_true (tam_kpi_qvs (demo, demo_mgr, "2026-09", TAM_KPI_SCOPE_NATIONAL, &sep, &error));
  q = oct->pdata[0];
  g_assert_cmpfloat (c->value, ==, q->qvs);
  g_assert_cmpint (c->numerator, ==, q->valid);
  g_assert_cmpint (c->denominator, ==, q->agree);
  g_assert_cmpfloat (c->previous, ==, ((TamKpiQvs *) sep->pdata[0])->qvs);
  g_assert_cmpfloat (c->target, ==, 95.0);
  g_assert_cmpint (c->under, ==, q->qvs < 95.0);
  for (guint k = 0; k < cards->len; k++)
    {
      c = &g_array_index (cards, TamKpiCard, k);
      g_test_message ("%s: %.2f (before %.2f, target %.0f)", tam_kpi_kind_to_code (c->kind), c->value, c->previous, c->target);
      g_assert_false (isnan (c->value));
      g_assert_false (isnan (c->previous));
    }

  /* A team has no headcount of its own; its QVS is its row's. */
  g_clear_pointer (&oct, g_ptr_array_unref);
  g_assert_true (tam_kpi_qvs (demo, demo_mgr, "2026-10", TAM_KPI_SCOPE_TEAM, &oct, &error));
  q = oct->pdata[0];
  g_assert_nonnull (q->m.key);
  g_assert_true (tam_kpi_cards (demo, demo_mgr, "2026-10", TAM_KPI_SCOPE_TEAM, q->m.key, &team, &error));
  g_assert_no_error (error);
  g_assert_true (isnan (g_array_index (team, TamKpiCard, TAM_KPI_HEADCOUNT).value));
  g_assert_cmpfloat (g_array_index (team, TamKpiCard, TAM_KPI_QVS).value, ==, q->qvs);
  g_assert_false (isnan (g_array_index (team, TamKpiCard, TAM_KPI_ADHERENCE).value));
}

static void
test_series (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) qvs = NULL;
  g_autoptr (GArray) hc = NULL;
  g_autoptr (GArray) none = NULL;

  g_assert_true (tam_kpi_series (demo, demo_mgr, TAM_KPI_QVS, &(TamKpiSeriesQuery){ "2026-03", "2026-11", TAM_KPI_SCOPE_NATIONAL, NULL }, &qvs, &error));
  g_assert_no_error (error);
  g_assert_true (tam_kpi_series (demo, demo_mgr, TAM_KPI_HEADCOUNT, &(TamKpiSeriesQuery){ "2026-03", "2026-11", TAM_KPI_SCOPE_SITE, "BANDUNG" }, &hc, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (qvs->len, ==, 9);
  g_assert_cmpuint (hc->len, ==, 9);
  for (guint i = 0; i < qvs->len; i++)
    {
      TamKpiPoint *p = &g_array_index (qvs, TamKpiPoint, i);
      TamKpiPoint *h = &g_array_index (hc, TamKpiPoint, i);
      g_autoptr (GPtrArray) one = NULL;
      g_autoptr (GPtrArray) sites = NULL;

      g_assert_cmpstr (p->month, ==, h->month);
      g_assert_true (tam_kpi_qvs (demo, demo_mgr, p->month, TAM_KPI_SCOPE_NATIONAL, &one, &error));
      if (one->len == 0)
        {
          /* Months before the demo's history: no data, not 0. */
          g_assert_true (isnan (p->value));
          continue;
        }
      g_assert_cmpfloat (p->value, ==, ((TamKpiQvs *) one->pdata[0])->qvs);
      g_assert_cmpint (p->denominator, ==, ((TamKpiQvs *) one->pdata[0])->agree);
      g_assert_true (tam_kpi_headcount (demo, demo_mgr, p->month, TAM_KPI_SCOPE_SITE, FALSE, &sites, &error));
      for (guint s = 0; s < sites->len; s++)
        if (g_strcmp0 (((TamKpiHeadcount *) sites->pdata[s])->m.key, "BANDUNG") == 0)
          g_assert_cmpfloat (h->value, ==, ((TamKpiHeadcount *) sites->pdata[s])->fulfilment);
    }
  g_assert_false (tam_kpi_series (demo, demo_mgr, TAM_KPI_ADHERENCE, &(TamKpiSeriesQuery){ "2026-03", "2026-11", TAM_KPI_SCOPE_TEAM, NULL }, &none, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
}

static void
test_table (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (TamKpiTable) table = NULL;
  g_autofree char *csv = NULL;
  g_auto (GStrv) lines = NULL;

  g_assert_true (tam_kpi_scorecard (demo, demo_mgr, "2026-10", &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >, 100);
  table = tam_kpi_table_new (TAM_KPI_ABU, TAM_KPI_SCOPE_AGENT, "ABU", rows);
  csv = tam_kpi_table_to_csv (table);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "nik,name,AHT,FCR,CALLMON,SALES_TARGET,KUIS,score,grade,"));
  g_assert_cmpuint (g_strv_length (lines), ==, rows->len + 2);
  /* Plain decimals with a dot. */
  g_assert_true (g_regex_match_simple ("^[^,]+,[^,]+,[0-9]+\\.[0-9]{2},", lines[1], 0, 0));
}

int
main (int argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 mgr;
  int ret;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("tam-test-kpi-XXXXXX", NULL);
  path = g_build_filename (tmp_dir, "demo.db", NULL);
  demo = tam_store_create (path, &error);
  g_assert_no_error (error);
  if (!tam_demo_generate_for_date (demo, 1, 20261001, TODAY, NULL, NULL, NULL, &error))
    g_error ("demo: %s", error->message);
  mgr = tam_store_query_int (demo, "SELECT id FROM people WHERE nik = 'MGR001'", 0, NULL);
  demo_mgr = tam_session_new (mgr, "MGR001", "Manager", "MANAGER", "BANDUNG", NULL);

  g_test_add_func ("/kpi/qvs/equals-f18", test_qvs_equals_f18);
  g_test_add_func ("/kpi/qvs/series-key", test_qvs_series_key);
  g_test_add ("/kpi/qvs/follows-verdicts", Fixture, NULL, fixture_setup, test_qvs_follows_verdicts, fixture_teardown);
  g_test_add_func ("/kpi/budget/hand-cases", test_budget);
  g_test_add ("/kpi/budget/stored", Fixture, NULL, fixture_setup, test_budget_stored, fixture_teardown);
  g_test_add_func ("/kpi/abu/grade-edges", test_grade_edges);
  g_test_add ("/kpi/abu/scorecard", Fixture, NULL, fixture_setup, test_scorecard, fixture_teardown);
  g_test_add ("/kpi/headcount/month-edges", Fixture, NULL, fixture_setup, test_headcount, fixture_teardown);
  g_test_add ("/kpi/ct0", Fixture, NULL, fixture_setup, test_ct0, fixture_teardown);
  g_test_add ("/kpi/adherence", Fixture, NULL, fixture_setup, test_adherence, fixture_teardown);
  g_test_add ("/kpi/import/bad", Fixture, NULL, fixture_setup, test_import_bad, fixture_teardown);
  g_test_add ("/kpi/import/good", Fixture, NULL, fixture_setup, test_import_good, fixture_teardown);
  g_test_add ("/kpi/import/xlsx", Fixture, NULL, fixture_setup, test_import_xlsx, fixture_teardown);
  g_test_add_func ("/kpi/table", test_table);
  g_test_add_func ("/kpi/cards", test_cards);
  g_test_add_func ("/kpi/series", test_series);

  ret = g_test_run ();

  g_clear_object (&demo);
  tam_session_free (demo_mgr);
  {
    g_autoptr (GDir) d = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (tmp_dir, name, NULL);
        g_unlink (p);
      }
  }
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
