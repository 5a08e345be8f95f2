/* bench-training.c: the Training tab's reads and the due list (issue 14)
 * on five years of trainings for 1,000 people: the month's sessions, a
 * session's participants and days, the overview (trainees, due list,
 * twelve months of batches, trainers). Targets: the tab's reads well
 * under the 100 ms of a paint, the due list < 50 ms. Not a test:
 * `meson test -C build --benchmark training -v` (bench-training-short
 * in the default suite only proves it runs). */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <time.h>

#include "tam-people.h"
#include "tam-store.h"
#include "tam-training.h"
#include "training-fixture.h"

static int n_people = 1000;
static int n_years = 5;

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int argc,
      char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tam-bench-training-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "tam.db", NULL);
  g_autoptr (TamStore) store = NULL;
  GOptionEntry entries[] = {
    { "people", 0, 0, G_OPTION_ARG_INT, &n_people, "Agents", "N" },
    { "years", 0, 0, G_OPTION_ARG_INT, &n_years, "Years of trainings", "N" },
    { NULL }
  };
  g_autoptr (GOptionContext) octx = g_option_context_new (NULL);
  int n_trainings = 0, n_parts = 0;
  double worst_month = 0, worst_session = 0, worst_overview = 0, worst_due = 0, best_due = G_MAXDOUBLE;
  double due_cpu = 0;
  char today[11];

  g_option_context_add_main_entries (octx, entries, NULL);
  if (!g_option_context_parse (octx, &argc, &argv, &error))
    g_error ("%s", error->message);
  store = tam_store_create (path, &error);
  g_assert_no_error (error);

  training_fixture_fill (store, n_people, n_years, today, &n_trainings, &n_parts);
  printf ("# %d people, %d trainings, %d participations over %d years, today %s\n", n_people, n_trainings, n_parts,
          n_years, today);

  /* Five rounds each, the worst kept (cold caches included). */
  for (int round = 0; round < 5; round++)
    {
      g_autoptr (TamStore) fresh = tam_store_open (path, &error);
      g_autofree char *first = g_strdup_printf ("%.7s-01", today);
      g_autofree char *last = g_strdup_printf ("%.7s-31", today);
      g_autofree char *year_ago = tam_training_add_months (first, -11);
      gint64 start = g_get_monotonic_time ();
      g_autoptr (GPtrArray) month = tam_training_list (fresh, first, last, &error);
      g_autoptr (GPtrArray) parts = NULL, days = NULL, trainees = NULL, due = NULL, year = NULL, stats = NULL;
      gint64 id;

      g_assert_nonnull (month);
      worst_month = MAX (worst_month, ms_since (start));
      id = ((TamTraining *) month->pdata[month->len - 1])->id;
      start = g_get_monotonic_time ();
      parts = tam_training_participants (fresh, id, &error);
      days = tam_training_days (fresh, id, &error);
      g_assert_nonnull (days);
      worst_session = MAX (worst_session, ms_since (start));
      start = g_get_monotonic_time ();
      {
        clock_t cpu = clock ();

        due = tam_training_due (fresh, today, &error);
        due_cpu = MAX (due_cpu, (double) (clock () - cpu) * 1000.0 / CLOCKS_PER_SEC);
      }
      g_assert_nonnull (due);
      worst_due = MAX (worst_due, ms_since (start));
      best_due = MIN (best_due, ms_since (start));
      start = g_get_monotonic_time ();
      trainees = tam_training_trainees (fresh, &error);
      year = tam_training_list (fresh, year_ago, last, &error);
      stats = tam_training_trainer_stats (fresh, year_ago, last, &error);
      g_assert_nonnull (stats);
      worst_overview = MAX (worst_overview, ms_since (start)) + 0 * (double) due->len;
      if (round == 0)
        printf ("# month: %u sessions; session: %u participants; due: %u rows; overview: %u trainees, %u batches\n",
                month->len, parts->len, due->len, trainees->len, year->len);
    }
  /* Worst of five (wall clock; the machine may be shared), the best, and
   * the due list's CPU time. */
  printf ("month_list_ms %.2f\nsession_ms %.2f\ndue_list_ms %.2f\ndue_list_best_ms %.2f\ndue_list_cpu_ms %.2f\n"
          "overview_ms %.2f\n",
          worst_month, worst_session, worst_due, best_due, due_cpu, worst_overview + worst_due);

  g_clear_object (&store);
  if (g_getenv ("TAM_BENCH_KEEP") != NULL)
    {
      printf ("# kept: %s\n", path);
      return 0;
    }
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
