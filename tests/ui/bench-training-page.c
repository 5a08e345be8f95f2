/* Benchmark (not a test): the Training tab on five years of trainings
 * for 1,000 people (issue 14: painted < 100 ms).
 *
 *   meson test -C build --benchmark ui-training -v
 *
 * The fixture of ../training-fixture.h in a temporary database and a
 * trainer's account. Prints, worst and median of several runs:
 *   - open: a new Training page (the trainer's) in a window, until its
 *     month's sessions are read and painted;
 *   - session: a session opened until its participants are painted;
 *   - overview: the overview (trainees, the due list, twelve months of
 *     batches and trainers) until painted;
 *   - month: the previous month until painted. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "tam-people.h"
#include "tam-test-ui.h"
#include "tam-training-page.h"
#include "tam-training.h"
#include "training-fixture.h"

#define N_RUNS 5

static void
wait_painted (GtkWidget *window,
              TamTrainingPage *page)
{
  while (tam_training_page_is_busy (page))
    g_main_context_iteration (NULL, TRUE);
  tam_test_wait_painted (window);
}

static void
report (const char *what,
        double *runs)
{
  qsort (runs, N_RUNS, sizeof (double), tam_test_cmp_double);
  printf ("%s: median %.1f ms, worst %.1f ms\n", what, runs[N_RUNS / 2], runs[N_RUNS - 1]);
}

int
main (int argc,
      char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (TamSession) admin = tam_session_new (0, "SETUP", "Setup", "MANAGER", "BANDUNG", NULL);
  g_autoptr (TamPerson) trainer = tam_person_new ();
  double open_runs[N_RUNS], session_runs[N_RUNS], overview_runs[N_RUNS], month_runs[N_RUNS];
  char today[11];
  int n_trainings, n_parts;

  gtk_test_init (&argc, &argv, NULL);
  tam_test_ui_init ();

  dir = g_dir_make_tmp ("tam-bench-ui-training-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "tam.db", NULL);
  {
    g_autoptr (TamStore) store = tam_store_create (path, &error);

    g_assert_no_error (error);
    training_fixture_fill (store, 1000, 5, today, &n_trainings, &n_parts);
    trainer->nik = g_strdup ("R-001");
    trainer->name = g_strdup ("Rahmat Hidayat");
    trainer->role = g_strdup ("TRAINER");
    trainer->site = g_strdup ("BANDUNG");
    trainer->status = g_strdup ("ACTIVE");
    trainer->hired_on = g_strdup ("2020-01-06");
    g_assert_true (tam_people_save (store, admin, trainer, NULL, &error));
    g_assert_true (tam_auth_set_password (store, admin, "R-001", TAM_TEST_PASSWORD, &error));
    g_assert_no_error (error);
  }
  printf ("# %d trainings, %d participations; the page's today is the real one, the fixture's %s\n", n_trainings,
          n_parts, today);

  {
    g_autoptr (TamStore) store = tam_store_open (path, &error);
    g_autoptr (TamSession) session = NULL;
    g_autoptr (TamPerson) r = tam_people_find_nik (store, "R-001", &error);
    g_autoptr (GPtrArray) list = NULL;

    g_assert_nonnull (r);
    session = tam_session_new (r->id, r->nik, r->name, r->role, r->site, NULL);
    list = tam_training_list (store, NULL, today, &error);
    g_assert_nonnull (list);
    for (int run = 0; run < N_RUNS; run++)
      {
        GtkWidget *window = gtk_window_new ();
        TamTrainingPage *page;
        g_autofree char *month = g_strndup (today, 7);
        gint64 t0;

        gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
        gtk_window_present (GTK_WINDOW (window));
        tam_test_wait_painted (window);

        /* open: the page built, its month read, its rows painted. */
        t0 = g_get_monotonic_time ();
        page = TAM_TRAINING_PAGE (tam_training_page_new (store, session));
        gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
        wait_painted (window, page);
        open_runs[run] = tam_test_ms_since (t0);

        tam_training_page_set_month (page, month);
        wait_painted (window, page);
        t0 = g_get_monotonic_time ();
        g_assert_true (tam_training_page_select_id (page, ((TamTraining *) list->pdata[list->len - 1])->id));
        wait_painted (window, page);
        session_runs[run] = tam_test_ms_since (t0);

        t0 = g_get_monotonic_time ();
        gtk_widget_activate_action (GTK_WIDGET (page), "training.overview", NULL);
        wait_painted (window, page);
        overview_runs[run] = tam_test_ms_since (t0);

        t0 = g_get_monotonic_time ();
        gtk_widget_activate_action (GTK_WIDGET (page), "training.prev-month", NULL);
        wait_painted (window, page);
        month_runs[run] = tam_test_ms_since (t0);

        gtk_window_destroy (GTK_WINDOW (window));
        while (g_main_context_iteration (NULL, FALSE))
          ;
      }
  }
  report ("open (month read) to painted", open_runs);
  report ("session to painted", session_runs);
  report ("overview to painted", overview_runs);
  report ("previous month (and the overview again) to painted", month_runs);

  {
    const char *suffixes[] = { "", "-wal", "-shm", ".key", ".checkpoint", ".checkpoint.lock" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *f = g_strconcat (path, suffixes[i], NULL);
        g_unlink (f);
      }
    g_rmdir (dir);
  }
  return 0;
}
