/* bench-recovery.c: the speed figures of issue 11. On demo data of
 * --scale N (24 months of calls at scale 4, ~5,000,000 calls) it drafts,
 * submits and approves a plan for each site, each of four KPIs (QVS,
 * first pass, headcount, adherence) and each month of --months, then
 * measures what the Recovery plans tab reads (its list and its count,
 * target < 100 ms with 2 years of plans for 6 sites) and the verification
 * of every open plan (target < 1 s at 5,000,000 calls). A benchmark, not a
 * test: it prints figures and asserts only that the work was done.
 * meson test -C build --benchmark recovery (scale 1); the figure:
 * build/tests/bench-recovery --scale 4 --months 24 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tam-demo.h"
#include "tam-kpi.h"
#include "tam-recovery.h"
#include "tam-store.h"

static TamSession *
session_of_role (TamStore *store,
                 const char *role)
{
  sqlite3_stmt *s = tam_store_prepare (store,
                                       "SELECT id, nik, name, role, site, service FROM people WHERE role = ? ORDER BY id LIMIT 1",
                                       NULL);
  TamSession *session = NULL;

  g_assert_nonnull (s);
  sqlite3_bind_text (s, 1, role, -1, SQLITE_STATIC);
  if (sqlite3_step (s) == SQLITE_ROW)
    session = tam_session_new (sqlite3_column_int64 (s, 0), (const char *) sqlite3_column_text (s, 1),
                               (const char *) sqlite3_column_text (s, 2), (const char *) sqlite3_column_text (s, 3),
                               (const char *) sqlite3_column_text (s, 4), (const char *) sqlite3_column_text (s, 5));
  sqlite3_reset (s);
  g_assert_nonnull (session);
  return session;
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
main (int argc,
      char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new ("— recovery plan speed figures");
  int scale = 1, months = 24, runs = 5;
  GOptionEntry entries[] = {
    { "scale", 0, 0, G_OPTION_ARG_INT, &scale, "Demo data scale (0: tiny)", "N" },
    { "months", 0, 0, G_OPTION_ARG_INT, &months, "Months of plans (up to the demo's history)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Repetitions of the tab's read (median)", "N" },
    { NULL }
  };
  static const TamKpiKind kinds[] = { TAM_KPI_QVS, TAM_KPI_FIRST_PASS, TAM_KPI_HEADCOUNT, TAM_KPI_ADHERENCE };
  g_autofree char *dir = NULL, *path = NULL, *last = NULL, *through = NULL;
  g_autoptr (TamStore) store = NULL;
  g_autoptr (TamSession) spv = NULL, mgr = NULL;
  g_autoptr (GPtrArray) sites = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  guint met = 0, not_met = 0, n_plans = 0, listed = 0;
  gint64 calls, start;
  sqlite3_stmt *s;

  g_option_context_add_main_entries (octx, entries, NULL);
  if (!g_option_context_parse (octx, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (g_getenv ("TAM_DATADIR") == NULL)
    {
      g_autofree char *data = g_build_filename (g_getenv ("G_TEST_SRCDIR") ? g_getenv ("G_TEST_SRCDIR") : ".", "..",
                                                "data", NULL);
      g_setenv ("TAM_DATADIR", data, TRUE);
    }
  dir = g_dir_make_tmp ("tam-bench-recovery-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "tam.db", NULL);
  store = tam_store_create (path, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  tam_demo_generate (store, scale, 11, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  calls = tam_store_query_int (store, "SELECT count(*) FROM calls", 0, NULL);
  g_print ("# demo scale %d: %" G_GINT64_FORMAT " calls in %.1f s\n", scale, calls, ms_since (start) / 1000);

  spv = session_of_role (store, "SUPERVISOR_OPS");
  mgr = session_of_role (store, "MANAGER");
  s = tam_store_prepare (store, "SELECT code FROM sites ORDER BY code", NULL);
  while (sqlite3_step (s) == SQLITE_ROW)
    g_ptr_array_add (sites, g_strdup ((const char *) sqlite3_column_text (s, 0)));
  sqlite3_reset (s);

  /* The plans: each month back from the one before last, each site and KPI. */
  last = tam_kpi_last_complete_month ();
  start = g_get_monotonic_time ();
  for (int m = 1; m <= months; m++)
    {
      g_autofree char *period = tam_kpi_month_add (last, -m);

      for (guint i = 0; i < sites->len; i++)
        for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
          {
            TamRecoveryActionSpec a[] = { { "Briefing harian", spv->nik, "2099-01-01" } };
            TamRecoveryDraft d = { kinds[k], TAM_KPI_SCOPE_SITE, sites->pdata[i], period, "Bench", TAM_CAUSE_PEOPLE, a, 1 };
            gint64 id = tam_recovery_draft (store, spv, &d, NULL, &error);

            g_assert_no_error (error);
            g_assert_true (tam_recovery_submit (store, spv, id, NULL, &error));
            /* Most are approved; some wait for the manager. */
            if ((m + i + k) % 7 != 0)
              g_assert_true (tam_recovery_approve (store, mgr, id, NULL, &error));
            g_assert_no_error (error);
            n_plans++;
          }
    }
  g_print ("# %u plans drafted, submitted and mostly approved in %.1f s (%.1f ms a plan)\n", n_plans,
           ms_since (start) / 1000, n_plans ? ms_since (start) / n_plans : 0);

  /* What the tab reads when it opens on a box, and its count. */
  for (int r = 0; r < runs; r++)
    {
      TamRecoveryFilter filter = { TAM_RECOVERY_BOX_TO_VERIFY, -1, NULL };
      g_autoptr (GPtrArray) plans = NULL;
      double ms;

      start = g_get_monotonic_time ();
      plans = tam_recovery_list (store, mgr, &filter, &error);
      g_assert_no_error (error);
      tam_recovery_count_to_decide (store, mgr, &error);
      g_assert_no_error (error);
      ms = ms_since (start);
      g_array_append_val (times, ms);
      listed = plans->len;
    }
  g_array_sort (times, compare_double);
  g_print ("recovery_tab_read_ms %.1f (target < 100; the manager's To verify list of %u plans and the count, of %u)\n",
           g_array_index (times, double, times->len / 2), listed, n_plans);

  /* The month's run (what the app does as the tab opens, once a month is
   * over): the plans verified on last month, the backlog before them
   * verified first (and timed too: 2 years of plans never verified). */
  {
    guint backlog_met = 0, backlog_not_met = 0;

    through = g_strdup_printf ("%s-01", last);
    start = g_get_monotonic_time ();
    g_assert_true (tam_recovery_verify (store, mgr, through, &backlog_met, &backlog_not_met, &error));
    g_assert_no_error (error);
    g_print ("recovery_verify_backlog_ms %.1f (every plan of %d months at once, through %s: %u met, %u not met)\n",
             ms_since (start), months, through, backlog_met, backlog_not_met);
    start = g_get_monotonic_time ();
    g_assert_true (tam_recovery_verify (store, mgr, NULL, &met, &not_met, &error));
    g_assert_no_error (error);
    g_print ("recovery_verify_all_ms %.1f (target < 1000 at 5,000,000 calls; the open plans verified on %s: %u met,"
             " %u not met, %" G_GINT64_FORMAT " calls)\n",
             ms_since (start), last, met, not_met, calls);
    g_assert_cmpuint (met + not_met + backlog_met + backlog_not_met, >, 0);
  }

  g_clear_object (&store);
  {
    const char *suffixes[] = { "", "-wal", "-shm", ".key", ".checkpoint", ".checkpoint.lock" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
        g_unlink (p);
      }
    g_rmdir (dir);
  }
  return 0;
}
