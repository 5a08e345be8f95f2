/* Benchmark (not a test): the KPI tab at about 5,000,000 calls and 1,100
 * people (issue 10: one month painted < 200 ms).
 *
 *   meson test -C build --benchmark ui-kpi -v
 *
 * The database: $TAM_BENCH_KPI_DB, or /tmp/tam-bench-kpi-scale4.db made
 * once with `tamctl init --demo --scale 4` (4.8 million calls, 24 months;
 * two or three minutes) and kept for the next run. Prints, for the
 * operational supervisor SPV001, the median of 5:
 *   - open: a new KPI page in a window until its month (the last complete
 *     one) is loaded and painted;
 *   - month: another month chosen until painted;
 *   - site: a site chosen in the scope picker until painted;
 *   - team: a team chosen until painted. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "tam-kpi-page.h"
#include "tam-kpi.h"
#include "tam-test-ui.h"

#define N_RUNS 5

static void
wait_painted (GtkWidget *window,
              TamKpiPage *page)
{
  while (tam_kpi_page_is_loading (page))
    g_main_context_iteration (NULL, TRUE);
  tam_test_wait_painted (window);
}

static void
report (const char *what,
        double *ms)
{
  qsort (ms, N_RUNS, sizeof (double), tam_test_cmp_double);
  g_print ("%-44s median %7.1f ms   (min %.1f, max %.1f)\n", what, ms[N_RUNS / 2], ms[0], ms[N_RUNS - 1]);
}

static char *
database (void)
{
  const char *path = g_getenv ("TAM_BENCH_KPI_DB");
  const char *tamctl = g_getenv ("TAMCTL");
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (path != NULL && *path != '\0')
    return g_strdup (path);
  path = "/tmp/tam-bench-kpi-scale4.db";
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *command = NULL;
      gint64 t0 = g_get_monotonic_time ();

      g_assert_nonnull (tamctl);
      g_print ("Making %s (tamctl init --demo --scale 4; once)…\n", path);
      command = g_strdup_printf ("'%s' --db '%s' init --demo --scale 4", tamctl, path);
      g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_cmpint (status, ==, 0);
      g_print ("made in %.0f s\n", (g_get_monotonic_time () - t0) / 1e6);
    }
  return g_strdup (path);
}

int
main (int argc,
      char **argv)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TamStore) store = NULL;
  g_autoptr (TamSession) session = NULL;
  g_autofree char *last = tam_kpi_last_complete_month ();
  g_autofree char *before = tam_kpi_month_add (last, -1);
  double open_ms[N_RUNS], month_ms[N_RUNS], site_ms[N_RUNS], team_ms[N_RUNS];
  const char *const sites[] = { "BANDUNG", "TANGERANG", "MEDAN", "MAKASSAR", "SEMARANG" };

  gtk_init ();
  adw_init ();
  path = database ();
  store = tam_store_open (path, &error);
  g_assert_no_error (error);
  session = tam_auth_sign_in (store, "SPV001", "tam-demo-2026", &error);
  g_assert_no_error (error);
  g_print ("KPI tab on %s, month %s\n", path, last);

  for (int run = 0; run < N_RUNS; run++)
    {
      GtkWidget *window = gtk_window_new ();
      TamKpiPage *page;
      gint64 t0;

      gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
      gtk_window_present (GTK_WINDOW (window));
      while (g_main_context_iteration (NULL, FALSE))
        ;

      t0 = g_get_monotonic_time ();
      page = TAM_KPI_PAGE (tam_kpi_page_new (store, session));
      gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
      wait_painted (window, page);
      open_ms[run] = tam_test_ms_since (t0);

      t0 = g_get_monotonic_time ();
      tam_kpi_page_set_month (page, before);
      wait_painted (window, page);
      month_ms[run] = tam_test_ms_since (t0);

      t0 = g_get_monotonic_time ();
      tam_kpi_page_set_scope (page, TAM_KPI_SCOPE_SITE, sites[run % G_N_ELEMENTS (sites)]);
      wait_painted (window, page);
      site_ms[run] = tam_test_ms_since (t0);

      /* A team of that site: the first bar. */
      t0 = g_get_monotonic_time ();
      tam_kpi_page_set_scope (page, TAM_KPI_SCOPE_TEAM, NULL);
      wait_painted (window, page);
      team_ms[run] = tam_test_ms_since (t0);

      gtk_window_destroy (GTK_WINDOW (window));
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  report ("open, last complete month, national (< 200)", open_ms);
  report ("another month, national", month_ms);
  report ("a site from the scope picker", site_ms);
  report ("a team from the scope picker", team_ms);
  return 0;
}
